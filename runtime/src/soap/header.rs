//! SOAP header blocks, both sides: written before the Body from a message's
//! header fields, and read back into them (a second, short pass, since the Header
//! comes before the Body whose value holds them), with `mustUnderstand` honoured.

use super::{describe, open_envelope, SoapVersion};
use crate::xml::{DecodeError, EncodeError, InvalidField, Limits, XmlReader, XmlType, XmlWriter};

/// First pass over the `Header` element (its start tag just read). Blocks `T`
/// declares are passed over: [`fill_headers`] reads them once the message's value
/// exists (the Body comes after the Header). A block marked `mustUnderstand` for
/// this node that `T` does not declare is an error, as SOAP requires; any other
/// block is kept as an unknown element. Returns whether a declared block was seen.
pub(crate) fn scan_header(
    r: &mut XmlReader<'_>,
    version: SoapVersion,
    headers: &[(&str, &str)],
) -> Result<bool, DecodeError> {
    let mut declared = false;
    r.push_path("Header");
    while let Some((ns, name)) = r.next_qualified()? {
        if declares(headers, ns, name) {
            declared = true;
            r.skip_quietly()?;
        } else if must_understand(r, version)? {
            return Err(DecodeError::Unexpected {
                expected:
                    "only header blocks this side understands (this one is marked mustUnderstand)"
                        .into(),
                found: describe(Some(r.current_qualified())),
            });
        } else {
            r.skip_unknown()?;
        }
    }
    r.pop_path();
    Ok(declared)
}

/// Whether `headers` (a type's `XmlType::HEADERS`) has the block `{ns}name`.
fn declares(headers: &[(&str, &str)], ns: &[u8], name: &str) -> bool {
    headers
        .iter()
        .any(|(n, l)| n.as_bytes() == ns && *l == name)
}

/// Whether the current header block must be understood by this node: its
/// `mustUnderstand` is `1` or `true` (SOAP 1.1 writes `1`, 1.2 `true`) and it is
/// not addressed to another node (`actor` in 1.1, `role` in 1.2: absent, `next`,
/// or 1.2's `ultimateReceiver`).
fn must_understand(r: &XmlReader<'_>, version: SoapVersion) -> Result<bool, DecodeError> {
    let env = version.envelope_namespace().as_bytes();
    let flag = r.current_attribute(env, b"mustUnderstand")?;
    if !matches!(flag.as_deref().map(str::trim), Some("1" | "true")) {
        return Ok(false);
    }
    let target = match version {
        SoapVersion::Soap11 => r.current_attribute(env, b"actor")?,
        SoapVersion::Soap12 => r.current_attribute(env, b"role")?,
    };
    Ok(match target.as_deref().map(str::trim) {
        None => true,
        Some(t) => matches!(
            t,
            "http://schemas.xmlsoap.org/soap/actor/next"
                | "http://www.w3.org/2003/05/soap-envelope/role/next"
                | "http://www.w3.org/2003/05/soap-envelope/role/ultimateReceiver"
        ),
    })
}

/// Second pass: reads the header blocks `T` declares into `value`. Runs only when
/// [`scan_header`] saw one, and stops at the end of the Header.
pub(crate) fn fill_headers(
    bytes: &[u8],
    version: SoapVersion,
    limits: Limits,
    value: &mut dyn HeaderBlocks,
) -> Result<(), DecodeError> {
    let env = version.envelope_namespace().as_bytes();
    let mut r = XmlReader::new(bytes, "").with_limits(limits);
    open_envelope(&mut r, version)?;
    while let Some((ns, name)) = r.next_qualified()? {
        if ns != env || name != "Header" {
            r.skip_quietly()?;
            continue;
        }
        r.push_path("Header");
        while let Some((ns, name)) = r.next_qualified()? {
            if declares(value.declared(), ns, name) {
                value.read_header(&mut r)?;
            } else {
                r.skip_quietly()?;
            }
        }
        return Ok(());
    }
    Ok(())
}

/// Writes `<p:Header>` with `value`'s header blocks, or nothing when it sets none.
/// Callers skip it for a type without header fields (`XmlType::HAS_HEADERS`, a
/// constant they know).
pub(crate) fn write_header_section(
    w: &mut XmlWriter,
    version: SoapVersion,
    prefix: &'static str,
    namespace: &'static str,
    value: &dyn HeaderBlocks,
) -> Result<(), InvalidField> {
    w.set_must_understand(match (version, prefix) {
        (SoapVersion::Soap11, _) => " soap:mustUnderstand=\"1\"",
        (SoapVersion::Soap12, "soap") => " soap:mustUnderstand=\"true\"",
        (SoapVersion::Soap12, _) => " soap12:mustUnderstand=\"true\"",
    });
    // Written in place and taken back if no header value is set.
    let header_start = w.len();
    for piece in ["<", prefix, ":Header xmlns=\"", namespace, "\">"] {
        w.raw(piece);
    }
    let header_content = w.len();
    w.begin_content(namespace, namespace);
    value.write_headers(w)?;
    if w.len() == header_content {
        w.truncate(header_start);
    } else {
        for piece in ["</", prefix, ":Header>"] {
            w.raw(piece);
        }
    }
    Ok(())
}

/// A message's SOAP header blocks, as a trait object: header reading and writing
/// is compiled once, not once per message type.
pub(crate) trait HeaderBlocks {
    /// [`XmlType::HEADERS`].
    fn declared(&self) -> &'static [(&'static str, &'static str)];
    /// [`XmlType::read_header`].
    fn read_header(&mut self, r: &mut XmlReader<'_>) -> Result<(), DecodeError>;
    /// [`XmlType::write_headers`].
    fn write_headers(&self, w: &mut XmlWriter) -> Result<(), EncodeError>;
}

impl<T: XmlType> HeaderBlocks for T {
    fn declared(&self) -> &'static [(&'static str, &'static str)] {
        T::HEADERS
    }
    fn read_header(&mut self, r: &mut XmlReader<'_>) -> Result<(), DecodeError> {
        XmlType::read_header(self, r)
    }
    fn write_headers(&self, w: &mut XmlWriter) -> Result<(), EncodeError> {
        XmlType::write_headers(self, w)
    }
}
