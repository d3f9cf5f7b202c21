//! Client side, inbound: a response envelope read into the operation's typed
//! response, or the SOAP Fault it carries.

use super::header::{fill_headers, scan_header};
use super::{answer_bindings, answer_open, open_envelope, Fault, SoapVersion, ANSWER_CLOSE};
use crate::xml::{DecodeError, Limits, XmlElement, XmlReader};
use crate::{Operation, OperationMeta, Response};

/// What a response body turned out to be, when it was not the expected response.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeResponseError {
    /// A SOAP Fault.
    #[error("{0}")]
    Fault(Box<Fault>),
    /// Not a SOAP envelope of the expected shape.
    #[error("{0}")]
    Decode(#[from] DecodeError),
}

/// Reads a response envelope of `version` for operation `O`, under the default
/// [`Limits`].
pub fn decode<O: Operation>(
    bytes: &[u8],
    version: SoapVersion,
) -> Result<Response<O::Response>, DecodeResponseError> {
    decode_with::<O>(bytes, version, Limits::DEFAULT)
}

/// [`decode`] under the given [`Limits`].
pub fn decode_with<O: Operation>(
    bytes: &[u8],
    version: SoapVersion,
    limits: Limits,
) -> Result<Response<O::Response>, DecodeResponseError> {
    O::decode_response(bytes, version, limits)
}

/// Reading an operation's response envelope, as a method of a trait every
/// operation has: rustc compiles it with the operation's own code, not in a unit
/// all operations share (see `__tri!`). Generic only around the body element: the
/// envelope is read by code compiled once.
pub(crate) trait DecodeResponse: Operation {
    /// [`decode_with`].
    fn decode_response(
        bytes: &[u8],
        version: SoapVersion,
        limits: Limits,
    ) -> Result<Response<Self::Response>, DecodeResponseError>;
}

impl<O: Operation> DecodeResponse for O {
    fn decode_response(
        bytes: &[u8],
        version: SoapVersion,
        limits: Limits,
    ) -> Result<Response<O::Response>, DecodeResponseError> {
        let headers = <O::Response as crate::xml::XmlType>::HEADERS;
        let mut r = XmlReader::new(bytes, O::META.namespace).with_limits(limits);
        let typed_headers = crate::__tri!(open_response(&mut r, version, &O::META, headers));
        let mut body = crate::__tri!(<O::Response as XmlElement>::read_element(&mut r));
        let unknown = crate::__tri!(close_response(&mut r, bytes.len()));
        if typed_headers {
            crate::__tri!(fill_headers(bytes, version, limits, &mut body));
        }
        Ok(Response {
            operation: O::META.name,
            body,
            unknown,
        })
    }
}

/// A Body without the response element.
fn missing_response(meta: &OperationMeta) -> DecodeError {
    DecodeError::Unexpected {
        expected: format!("{{{}}}{}", meta.namespace, meta.response_element),
        found: "an empty Body".into(),
    }
}

/// Reads a response envelope up to the response element, leaving `r` just past
/// its start tag (path and namespace set); returns whether a header block the
/// response type declares was seen (read later, in a second pass). A Fault is
/// returned as one, anything else is an error or kept as unknown.
fn open_response(
    r: &mut XmlReader<'_>,
    version: SoapVersion,
    meta: &OperationMeta,
    headers: &[(&str, &str)],
) -> Result<bool, DecodeResponseError> {
    // The envelope as ASMX writes every answer without headers: taken as read.
    let frame = [answer_open(version), "<soap:Body>"];
    if r.enter_frame(&frame, ANSWER_CLOSE, 2, answer_bindings(version)) {
        r.push_path("Envelope");
        r.push_path("Body");
        open_response_element(r, version, meta)?;
        return Ok(false);
    }
    let env_ns = version.envelope_namespace();
    open_envelope(r, version)?;
    let (mut header_seen, mut typed_headers) = (false, false);
    while let Some((ns, name)) = r.next_qualified()? {
        if ns == env_ns.as_bytes() && name == "Body" {
            r.push_path("Body");
            open_response_element(r, version, meta)?;
            return Ok(typed_headers);
        } else if ns == env_ns.as_bytes() && name == "Header" && !header_seen {
            header_seen = true;
            typed_headers = scan_header(r, version, headers)?;
        } else {
            // Anything else in the envelope is kept, not dropped.
            r.skip_unknown()?;
        }
    }
    Err(DecodeError::Unexpected {
        expected: format!("{{{env_ns}}}Body"),
        found: "nothing".into(),
    }
    .into())
}

/// The first child of `Body`: the response element (its start tag read, path
/// and namespace set) or a Fault, returned as an error.
fn open_response_element(
    r: &mut XmlReader<'_>,
    version: SoapVersion,
    meta: &OperationMeta,
) -> Result<(), DecodeResponseError> {
    let env_ns = version.envelope_namespace();
    match r.next_qualified()? {
        Some((ns, "Fault")) if ns == env_ns.as_bytes() => {
            r.push_path("Fault");
            let fault = read_fault(r, version)?;
            Err(DecodeResponseError::Fault(Box::new(fault)))
        }
        Some((ns, name)) if ns == meta.namespace.as_bytes() && name == meta.response_element => {
            r.push_path(meta.response_element);
            r.set_namespace(meta.namespace);
            Ok(())
        }
        Some((ns, name)) => Err(DecodeError::Unexpected {
            expected: format!("{{{}}}{}", meta.namespace, meta.response_element),
            found: format!("{{{}}}{name}", String::from_utf8_lossy(ns)),
        }
        .into()),
        None => Err(missing_response(meta).into()),
    }
}

/// After the response element's content: later children of `Body` and of the
/// envelope are kept as unknown (a second `Body` or a `Header` after it too);
/// nothing may follow the envelope. Returns the unknown elements.
fn close_response(
    r: &mut XmlReader<'_>,
    len: usize,
) -> Result<Vec<crate::xml::UnknownElement>, DecodeResponseError> {
    r.pop_path();
    while r.next_qualified()?.is_some() {
        r.skip_unknown()?;
    }
    r.pop_path();
    while r.next_qualified()?.is_some() {
        r.skip_unknown()?;
    }
    if !r.at_document_end()? {
        return Err(DecodeError::Malformed {
            position: len as u64,
            message: "content after the envelope".into(),
        }
        .into());
    }
    Ok(r.take_unknown())
}

/// Reads the children of a `Fault` element (its start tag just read) without
/// recursion: the 1.2 `Subcode` chain is followed with a counter, `detail` is kept
/// as its XML, and anything else is skipped, so a hostile fault costs time linear
/// in its size and memory at most one copy of it.
fn read_fault(r: &mut XmlReader<'_>, version: SoapVersion) -> Result<Fault, DecodeError> {
    let env = version.envelope_namespace().as_bytes();
    let mut fault = Fault {
        version,
        ..Fault::default()
    };
    // Fault children are unqualified in SOAP 1.1 and in the envelope namespace in
    // 1.2; servers are lenient either way, so both are accepted.
    let ours = |ns: &[u8]| ns == env || ns.is_empty();
    while let Some((ns, name)) = r.next_qualified()? {
        if !ours(ns) {
            r.skip_unknown()?;
            continue;
        }
        match (version, name) {
            (SoapVersion::Soap11, "faultcode") => fault.code = trimmed(r.text()?),
            (SoapVersion::Soap11, "faultstring") => fault.reason = trimmed(r.text()?),
            (SoapVersion::Soap11, "faultactor") | (SoapVersion::Soap12, "Node") => {
                fault.node = Some(trimmed(r.text()?))
            }
            (SoapVersion::Soap12, "Role") => fault.role = Some(trimmed(r.text()?)),
            (SoapVersion::Soap11, "detail") | (SoapVersion::Soap12, "Detail") => {
                fault.detail = Some(r.capture_current()?)
            }
            (SoapVersion::Soap12, "Code") => read_fault_code(r, &mut fault, &ours)?,
            (SoapVersion::Soap12, "Reason") => {
                while let Some((ns, name)) = r.next_qualified()? {
                    if ours(ns) && name == "Text" {
                        let lang = r
                            .current_attribute(XML_NS.as_bytes(), b"lang")?
                            .unwrap_or_default();
                        let text = trimmed(r.text()?);
                        fault.reasons.push((lang, text));
                    } else {
                        r.skip_unknown()?;
                    }
                }
                if let Some((_, first)) = fault.reasons.first() {
                    fault.reason = first.clone();
                }
            }
            _ => r.skip_unknown()?,
        }
    }
    Ok(fault)
}

/// `Code/Value` and the `Subcode/Value` chain, outermost first. `open` counts the
/// `Code`/`Subcode` elements entered and not yet closed.
fn read_fault_code(
    r: &mut XmlReader<'_>,
    fault: &mut Fault,
    ours: &dyn Fn(&[u8]) -> bool,
) -> Result<(), DecodeError> {
    let mut open = 1usize;
    while open > 0 {
        match r.next_qualified()? {
            Some((ns, "Value")) if ours(ns) => {
                let value = trimmed(r.text()?);
                if open == 1 {
                    fault.code = value;
                } else {
                    fault.subcodes.push(value);
                }
            }
            Some((ns, "Subcode")) if ours(ns) => open += 1,
            Some(_) => r.skip_unknown()?,
            None => open -= 1,
        }
    }
    Ok(())
}

const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";

fn trimmed(text: std::borrow::Cow<'_, str>) -> String {
    text.trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: &str = r#"<EchoResponse xmlns="urn:echo"><r>1</r></EchoResponse>"#;

    fn answer(version: SoapVersion, body: &str) -> String {
        format!("{}<soap:Body>{body}{ANSWER_CLOSE}", answer_open(version))
    }

    fn takes_frame(doc: &str, version: SoapVersion) -> bool {
        let frame = [answer_open(version), "<soap:Body>"];
        XmlReader::new(doc.as_bytes(), "").enter_frame(
            &frame,
            ANSWER_CLOSE,
            2,
            answer_bindings(version),
        )
    }

    /// The envelope is taken as read only when the document is exactly the
    /// frame ASMX writes around the body; any other shape is read tag by tag.
    #[test]
    fn the_answer_frame_is_taken_only_when_exact() {
        for version in [SoapVersion::Soap11, SoapVersion::Soap12] {
            let doc = answer(version, BODY);
            assert!(takes_frame(&doc, version));
            assert!(takes_frame(&format!("{doc}\r\n  "), version));
            assert!(takes_frame(&answer(version, ""), version));
            let other = match version {
                SoapVersion::Soap11 => SoapVersion::Soap12,
                SoapVersion::Soap12 => SoapVersion::Soap11,
            };
            for refused in [
                format!(" {doc}"),
                doc.replace("</soap:Envelope>", "</soap:Envelope >"),
                format!("{doc}<!-- after -->"),
                doc.replace("<soap:Body>", "<soap:Header/><soap:Body>"),
                doc.replace("encoding=\"utf-8\"", "encoding=\"utf-16\""),
                answer(other, BODY),
                doc[..doc.len() - 1].to_owned(),
                answer_open(version).to_owned() + "<soap:Body></soap:Envelope>",
            ] {
                assert!(!takes_frame(&refused, version), "{refused}");
            }
        }
    }

    /// A document refused before reading (a NUL byte) is not framed.
    #[test]
    fn a_refused_document_is_not_framed() {
        let doc = answer(SoapVersion::Soap11, "<x>\0</x>");
        assert!(!takes_frame(&doc, SoapVersion::Soap11));
    }
}
