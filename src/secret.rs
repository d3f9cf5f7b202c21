//! Keeping secrets (passwords, auth codes, session cookies) out of `Debug`,
//! `Display`, logs and error messages.

use std::fmt;

/// Wire names of elements whose values are secrets.
pub const SECRET_ELEMENTS: &[&str] = &["sPassword", "sAuthCode"];

/// An XML document with the text of secret elements replaced by `***`.
pub fn mask_xml(xml: &str) -> String {
    let mut out = xml.to_owned();
    for name in SECRET_ELEMENTS {
        let open = format!("<{name}>");
        let close = format!("</{name}>");
        let mut from = 0;
        while let Some(start) = out[from..].find(&open).map(|i| i + from + open.len()) {
            let Some(end) = out[start..].find(&close).map(|i| i + start) else {
                break;
            };
            out.replace_range(start..end, "***");
            from = start + 3 + close.len();
        }
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

impl crate::runtime::XmlValue for Secret {
    const XSD: &'static str = "xs:string";
    fn write_text(&self, out: &mut String) {
        out.push_str(&self.0);
    }
    fn parse_text(text: &str) -> Result<Self, String> {
        Ok(Secret(text.to_owned()))
    }
}

impl crate::runtime::Checked for Secret {
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
    fn masks_secret_elements_only() {
        let xml = "<login><sEmail>a@b.c</sEmail><sPassword>hunter2</sPassword></login>";
        let masked = mask_xml(xml);
        assert!(!masked.contains("hunter2"));
        assert!(masked.contains("a@b.c"));
        assert_eq!(
            format!("{:?}", Secret::new("hunter2")),
            "Secret(<redacted>)"
        );
    }
}
