//! Keeping secrets (passwords, auth codes, session cookies) out of `Debug`,
//! `Display`, logs and error messages.

use std::fmt;

/// Wire names of elements whose values are secrets.
pub const SECRET_ELEMENTS: &[&str] = &["sPassword", "sAuthCode"];

/// Wraps a reference so that `Debug` prints `<redacted>` (or `None`).
pub struct Redacted<'a, T>(pub &'a T);

impl<T: RedactedShape> fmt::Debug for Redacted<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_absent() {
            f.write_str("None")
        } else {
            f.write_str("<redacted>")
        }
    }
}

/// Whether a possibly-secret value is absent (then `Debug` may say so).
pub trait RedactedShape {
    /// True for `None` and empty values.
    fn is_absent(&self) -> bool;
}

impl<T> RedactedShape for Option<T> {
    fn is_absent(&self) -> bool {
        self.is_none()
    }
}

impl RedactedShape for String {
    fn is_absent(&self) -> bool {
        self.is_empty()
    }
}

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

/// A secret string: `Debug` and `Display` never show it.
#[derive(Clone, PartialEq, Eq)]
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
