//! Scalars as XML text: `xs:int` ↔ `i32`, `xs:boolean` ↔ `bool`, and the few XSD
//! types that need a type of their own to stay exact (`Decimal`, `DateTime`, `Base64Binary`).

use std::fmt;

use base64::Engine as _;
use serde::{Deserialize, Serialize};

/// A value written as element text and read back from it.
pub trait XmlValue: Sized {
    /// XSD name of the type, for error messages (`xs:int`).
    const XSD: &'static str;
    /// Appends the lexical form of the value.
    fn write_text(&self, out: &mut String);
    /// Parses the lexical form; the error says what was expected.
    fn parse_text(text: &str) -> Result<Self, String>;
    /// The lexical form when the value already holds it (strings), so writing
    /// needs no copy.
    fn as_text(&self) -> Option<&str> {
        None
    }
}

impl XmlValue for String {
    const XSD: &'static str = "xs:string";
    fn write_text(&self, out: &mut String) {
        out.push_str(self);
    }
    fn as_text(&self) -> Option<&str> {
        Some(self)
    }
    fn parse_text(text: &str) -> Result<Self, String> {
        Ok(text.to_owned())
    }
}

impl XmlValue for bool {
    const XSD: &'static str = "xs:boolean";
    fn write_text(&self, out: &mut String) {
        out.push_str(if *self { "true" } else { "false" });
    }
    fn parse_text(text: &str) -> Result<Self, String> {
        match text.trim() {
            "true" | "1" => Ok(true),
            "false" | "0" => Ok(false),
            _ => Err("expected true, false, 1 or 0".into()),
        }
    }
}

macro_rules! numeric {
    ($($t:ty => $xsd:literal),* $(,)?) => {$(
        impl XmlValue for $t {
            const XSD: &'static str = $xsd;
            fn write_text(&self, out: &mut String) {
                use fmt::Write as _;
                let _ = write!(out, "{self}");
            }
            fn parse_text(text: &str) -> Result<Self, String> {
                let t = text.trim();
                let t = t.strip_prefix('+').unwrap_or(t);
                match t {
                    "INF" => t.replace("INF", "inf").parse::<$t>(),
                    "-INF" => t.replace("INF", "inf").parse::<$t>(),
                    _ => t.parse::<$t>(),
                }
                .map_err(|_| format!("expected a number of type {}", $xsd))
            }
        }
    )*};
}
numeric!(i8 => "xs:byte", i16 => "xs:short", i32 => "xs:int", i64 => "xs:long",
    u8 => "xs:unsignedByte", u16 => "xs:unsignedShort", u32 => "xs:unsignedInt",
    u64 => "xs:unsignedLong", f32 => "xs:float", f64 => "xs:double");

/// An `xs:decimal`, kept in its exact lexical form (`-12.50`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Decimal(String);

impl Decimal {
    /// Checks the lexical form: optional sign, digits, optional fraction.
    pub fn new(text: impl Into<String>) -> Result<Self, String> {
        let text = text.into();
        let t = text.trim();
        let body = t.strip_prefix(['+', '-']).unwrap_or(t);
        let (int, frac) = body.split_once('.').unwrap_or((body, ""));
        let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if (int.is_empty() && frac.is_empty()) || !digits(int) || !digits(frac) {
            return Err("expected a decimal number such as -12.50".into());
        }
        Ok(Decimal(t.to_owned()))
    }
    /// The lexical form.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Decimal {
    type Error = String;
    fn try_from(value: String) -> Result<Self, String> {
        Decimal::new(value)
    }
}
impl From<Decimal> for String {
    fn from(value: Decimal) -> String {
        value.0
    }
}
impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
impl Default for Decimal {
    fn default() -> Self {
        Decimal("0".into())
    }
}
impl XmlValue for Decimal {
    const XSD: &'static str = "xs:decimal";
    fn write_text(&self, out: &mut String) {
        out.push_str(&self.0);
    }
    fn parse_text(text: &str) -> Result<Self, String> {
        Decimal::new(text)
    }
}

/// An `xs:dateTime` in its lexical form (`2026-11-22T14:46:00`, optionally with
/// fractional seconds and `Z` or `±hh:mm`). ASMX sends it without an offset when
/// the server's value has none, so no time zone is invented here.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct DateTime(String);

impl DateTime {
    /// Checks the lexical form `YYYY-MM-DDThh:mm:ss[.f…][Z|±hh:mm]`.
    pub fn new(text: impl Into<String>) -> Result<Self, String> {
        let text = text.into();
        let t = text.trim();
        if !is_date_time(t) {
            return Err("expected a date and time such as 2026-11-22T14:46:00Z".into());
        }
        Ok(DateTime(t.to_owned()))
    }
    /// The lexical form.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The value's parts, as sent: ASMX writes up to seven fractional digits and
    /// an offset only when the server's value has one.
    pub fn parts(&self) -> DateTimeParts {
        let t = self.0.as_str();
        let num =
            |r: std::ops::Range<usize>| t.get(r).and_then(|s| s.parse::<u32>().ok()).unwrap_or(0);
        let mut rest = t.get(19..).unwrap_or("");
        let mut nanos = 0u32;
        if let Some(f) = rest.strip_prefix('.') {
            let n = f.bytes().take_while(u8::is_ascii_digit).count();
            // Nanoseconds from the first nine digits; further digits are below them.
            let digits = &f[..n.min(9)];
            nanos = digits.parse::<u32>().unwrap_or(0) * 10u32.pow(9 - digits.len() as u32);
            rest = &f[n..];
        }
        let offset_minutes = match rest.as_bytes() {
            [b'Z'] => Some(0),
            [sign @ (b'+' | b'-'), ..] => {
                let m = num_in(rest, 1..3) * 60 + num_in(rest, 4..6);
                Some(if *sign == b'-' { -m } else { m })
            }
            _ => None,
        };
        DateTimeParts {
            year: num(0..4) as u16,
            month: num(5..7) as u8,
            day: num(8..10) as u8,
            hour: num(11..13) as u8,
            minute: num(14..16) as u8,
            second: num(17..19) as u8,
            nanosecond: nanos,
            offset_minutes,
        }
    }
}

fn num_in(t: &str, r: std::ops::Range<usize>) -> i16 {
    t.get(r).and_then(|s| s.parse::<i16>().ok()).unwrap_or(0)
}

/// The parts of an [`DateTime`] (no calendar arithmetic: as written).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DateTimeParts {
    /// Year (0000–9999).
    pub year: u16,
    /// Month, 1–12.
    pub month: u8,
    /// Day of the month, 1–31.
    pub day: u8,
    /// Hour, 0–23.
    pub hour: u8,
    /// Minute, 0–59.
    pub minute: u8,
    /// Second, 0–59.
    pub second: u8,
    /// Fraction of the second in nanoseconds (digits beyond nine dropped).
    pub nanosecond: u32,
    /// Offset from UTC in minutes (`Z` is 0); `None` when the value has none.
    pub offset_minutes: Option<i16>,
}

fn is_date_time(t: &str) -> bool {
    let b = t.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|s| s.iter().all(u8::is_ascii_digit));
    if b.len() < 19
        || !digits(0..4)
        || b[4] != b'-'
        || !digits(5..7)
        || b[7] != b'-'
        || !digits(8..10)
        || b[10] != b'T'
        || !digits(11..13)
        || b[13] != b':'
        || !digits(14..16)
        || b[16] != b':'
        || !digits(17..19)
    {
        return false;
    }
    let mut rest = &t[19..];
    if let Some(frac) = rest.strip_prefix('.') {
        let n = frac.bytes().take_while(u8::is_ascii_digit).count();
        if n == 0 {
            return false;
        }
        rest = &frac[n..];
    }
    match rest.as_bytes() {
        [] | [b'Z'] => true,
        [b'+' | b'-', h1, h2, b':', m1, m2] => [h1, h2, m1, m2].iter().all(|c| c.is_ascii_digit()),
        _ => false,
    }
}

impl DateTime {
    /// Seconds from 0000-03-01 in UTC (or in local time without an offset), the
    /// nanoseconds, and whether it has an offset: the order of instants.
    fn instant(&self) -> (i64, u32, bool) {
        let p = self.parts();
        let (y, m, d) = (i64::from(p.year), i64::from(p.month), i64::from(p.day));
        // Days from civil (March-based year), exact for the proleptic Gregorian calendar.
        let (y, m) = if m <= 2 { (y - 1, m + 9) } else { (y, m - 3) };
        let days = 365 * y + y / 4 - y / 100 + y / 400 + (153 * m + 2) / 5 + d - 1;
        let local = days * 86_400
            + i64::from(p.hour) * 3600
            + i64::from(p.minute) * 60
            + i64::from(p.second);
        let offset = i64::from(p.offset_minutes.unwrap_or(0)) * 60;
        (local - offset, p.nanosecond, p.offset_minutes.is_some())
    }
}

/// Instants are ordered; a value with an offset (or `Z`) and one without cannot be
/// compared (XSD calls that indeterminate).
impl PartialOrd for DateTime {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        let (a, an, az) = self.instant();
        let (b, bn, bz) = other.instant();
        (az == bz).then(|| a.cmp(&b).then_with(|| an.cmp(&bn)))
    }
}

impl std::str::FromStr for DateTime {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        DateTime::new(s)
    }
}

impl TryFrom<String> for DateTime {
    type Error = String;
    fn try_from(value: String) -> Result<Self, String> {
        DateTime::new(value)
    }
}
impl From<DateTime> for String {
    fn from(value: DateTime) -> String {
        value.0
    }
}
impl fmt::Display for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
impl Default for DateTime {
    fn default() -> Self {
        DateTime("0001-01-01T00:00:00".into())
    }
}
impl XmlValue for DateTime {
    const XSD: &'static str = "xs:dateTime";
    fn write_text(&self, out: &mut String) {
        out.push_str(&self.0);
    }
    fn parse_text(text: &str) -> Result<Self, String> {
        DateTime::new(text)
    }
}

/// Bytes sent as `xs:base64Binary`.
#[derive(Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Base64Binary(pub Vec<u8>);

impl fmt::Debug for Base64Binary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Base64Binary({} bytes)", self.0.len())
    }
}
impl TryFrom<String> for Base64Binary {
    type Error = String;
    fn try_from(value: String) -> Result<Self, String> {
        Base64Binary::parse_text(&value)
    }
}
impl From<Base64Binary> for String {
    fn from(value: Base64Binary) -> String {
        base64::engine::general_purpose::STANDARD.encode(value.0)
    }
}
impl XmlValue for Base64Binary {
    const XSD: &'static str = "xs:base64Binary";
    fn write_text(&self, out: &mut String) {
        base64::engine::general_purpose::STANDARD.encode_string(&self.0, out);
    }
    fn parse_text(text: &str) -> Result<Self, String> {
        let compact: String = text.chars().filter(|c| !c.is_ascii_whitespace()).collect();
        base64::engine::general_purpose::STANDARD
            .decode(compact)
            .map(Base64Binary)
            .map_err(|e| format!("expected base64: {e}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_times_order_by_instant() {
        use std::cmp::Ordering::*;
        let t = |s: &str| DateTime::new(s).unwrap();
        assert_eq!(
            t("2026-01-01T10:00:00+02:00").partial_cmp(&t("2026-01-01T08:00:00Z")),
            Some(Equal)
        );
        assert_eq!(
            t("2026-01-01T08:00:00.5Z").partial_cmp(&t("2026-01-01T08:00:00.25Z")),
            Some(Greater)
        );
        assert_eq!(
            t("2025-12-31T23:59:59").partial_cmp(&t("2026-01-01T00:00:00")),
            Some(Less)
        );
        assert_eq!(
            t("2026-03-01T00:00:00").partial_cmp(&t("2026-02-28T23:59:59")),
            Some(Greater)
        );
        assert_eq!(
            t("2026-01-01T00:00:00Z").partial_cmp(&t("2026-01-01T00:00:00")),
            None
        );
    }

    #[test]
    fn date_time_parts_as_asmx_sends_them() {
        let p = DateTime::new("2026-11-29T14:05:09.1234567-05:30")
            .unwrap()
            .parts();
        assert_eq!(
            (p.year, p.month, p.day, p.hour, p.minute, p.second),
            (2026, 11, 29, 14, 5, 9)
        );
        assert_eq!(p.nanosecond, 123_456_700);
        assert_eq!(p.offset_minutes, Some(-330));
        let p = DateTime::new("2026-01-05T09:00:00Z").unwrap().parts();
        assert_eq!((p.nanosecond, p.offset_minutes), (0, Some(0)));
        assert_eq!(
            DateTime::new("2026-01-05T09:00:00")
                .unwrap()
                .parts()
                .offset_minutes,
            None
        );
    }

    #[test]
    fn lexical_forms_are_checked() {
        assert!(DateTime::new("2026-11-22T14:46:00").is_ok());
        assert!(DateTime::new("2026-11-22T14:46:00.123+01:00").is_ok());
        assert!(DateTime::new("2026-11-22 14:46").is_err());
        assert!(Decimal::new("-12.50").is_ok());
        assert!(Decimal::new("1e5").is_err());
        assert_eq!(bool::parse_text("1"), Ok(true));
        assert!(i32::parse_text("12x").is_err());
        assert_eq!(f64::parse_text("INF"), Ok(f64::INFINITY));
    }
}
