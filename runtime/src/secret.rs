//! Keeping secrets (passwords, auth codes, session cookies) out of `Debug`,
//! `Display`, logs and error messages.

use std::fmt;

/// An XML body (bytes as received) for a log line: the text of every element whose
/// local name is in `secret_names` is replaced by `***`, whatever its prefix,
/// namespace or CDATA wrapping. A body that is not UTF-8, or has a NUL byte, is
/// not shown at all (a UTF-16 body would otherwise slip past the masking); XML
/// that stops being well-formed is shown up to that point.
pub fn mask_body_with(body: &[u8], secret_names: &[&str]) -> String {
    if memchr::memchr(0, body).is_some() {
        return format!("[{} bytes not shown: not UTF-8 text]", body.len());
    }
    match std::str::from_utf8(body) {
        Ok(text) => mask_xml_with(text, secret_names),
        // Cut inside a character (an excerpt): the complete part is shown.
        Err(e) if e.error_len().is_none() => {
            let text = std::str::from_utf8(&body[..e.valid_up_to()]).unwrap_or_default();
            mask_xml_with(text, secret_names)
        }
        Err(_) => format!("[{} bytes not shown: not UTF-8 text]", body.len()),
    }
}

/// [`mask_body_with`] for text.
pub fn mask_xml_with(xml: &str, secret_names: &[&str]) -> String {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    reader.config_mut().check_end_names = false;
    let mut out = String::with_capacity(xml.len());
    // Bytes of `xml` copied to `out` so far.
    let mut copied = 0usize;
    // Inside a secret element: its nesting depth below it.
    let mut secret_depth: Option<usize> = None;
    loop {
        let before = reader.buffer_position() as usize;
        let event = match reader.read_event() {
            Ok(e) => e,
            Err(_) => {
                if secret_depth.is_none() {
                    out.push_str(&xml[copied..before.min(xml.len())]);
                }
                out.push_str("[rest not shown: not well-formed XML]");
                return out;
            }
        };
        let after = (reader.buffer_position() as usize).min(xml.len());
        match (&event, secret_depth) {
            (Event::Eof, _) => break,
            (Event::Start(s), None) => {
                let local = s.local_name();
                if secret_names.iter().any(|n| n.as_bytes() == local.as_ref()) {
                    out.push_str(&xml[copied..after]);
                    out.push_str("***");
                    copied = after;
                    secret_depth = Some(0);
                }
            }
            (Event::Start(_), Some(d)) => secret_depth = Some(d + 1),
            (Event::End(_), Some(0)) => {
                // The secret's text is dropped; its end tag is kept.
                copied = before;
                secret_depth = None;
            }
            (Event::End(_), Some(d)) => secret_depth = Some(d - 1),
            _ => {}
        }
    }
    if secret_depth.is_none() {
        out.push_str(&xml[copied..]);
    }
    out
}

/// A secret string (password, auth code): `Debug` and `Display` never show it.
///
/// Generated structs use it for the WSDL's secret elements, so deriving `Debug` on
/// them is safe. Serde writes the value itself (to store a request, not to log it).
#[derive(Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret.
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }
    /// The secret itself, for putting on the wire.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Secret(value.to_owned())
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Secret(value)
    }
}

impl crate::xml::XmlValue for Secret {
    const XSD: &'static str = "xs:string";
    fn write_text(&self, out: &mut String) {
        out.push_str(&self.0);
    }
    fn parse_text(text: &str) -> Result<Self, String> {
        Ok(Secret(text.to_owned()))
    }
    fn as_text(&self) -> Option<&str> {
        Some(&self.0)
    }
}

impl crate::xml::Checked for Secret {
    fn each_text(&self, f: &mut dyn FnMut(&str, bool)) {
        f(&self.0, false);
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(<redacted>)")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_by_local_name_whatever_the_prefix_or_cdata() {
        let names = &["sToken"];
        for xml in [
            "<r:sToken xmlns:r=\"urn:x\">topsecret</r:sToken>",
            "<sToken xmlns=\"urn:x\"><![CDATA[topsecret]]></sToken>",
            "<a><sToken>top&amp;secret</sToken><sEmail>e</sEmail></a>",
            "<a><sToken>topsecret",
        ] {
            let masked = mask_xml_with(xml, names);
            assert!(
                !masked.contains("topsecret") && !masked.contains("top&amp;"),
                "{masked}"
            );
        }
        let masked = mask_xml_with("<a><sToken>x</sToken><sEmail>e</sEmail></a>", names);
        assert_eq!(masked, "<a><sToken>***</sToken><sEmail>e</sEmail></a>");
    }

    #[test]
    fn utf16_bodies_are_not_shown() {
        let body: Vec<u8> = "<sToken>topsecret</sToken>"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let shown = mask_body_with(&body, &["sToken"]);
        assert_eq!(
            shown,
            format!("[{} bytes not shown: not UTF-8 text]", body.len())
        );
    }

    #[test]
    fn masks_secret_elements_only() {
        let xml = "<signIn><sEmail>a@b.c</sEmail><sSecret>hunter2</sSecret></signIn>";
        let masked = mask_xml_with(xml, &["sSecret"]);
        assert!(!masked.contains("hunter2"));
        assert!(masked.contains("a@b.c"));
        assert_eq!(
            format!("{:?}", Secret::new("hunter2")),
            "Secret(<redacted>)"
        );
    }
}
