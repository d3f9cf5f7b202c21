//! PIN codes, auth codes, and what each result value means according to the
//! Rescue API guide.

use std::fmt;
use std::str::FromStr;

use crate::runtime::Secret;

/// A Rescue PIN code: exactly six digits, shown zero-padded (`012345`).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PinCode(u32);

/// A value that is not a six-digit PIN code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a PIN code is exactly 6 digits (000000-999999): {0}")]
pub struct InvalidPinCode(String);

impl PinCode {
    /// From the `iPINCode` integer of `requestPINCode`/`generateEmailText`.
    pub fn from_int(value: i32) -> Result<Self, InvalidPinCode> {
        u32::try_from(value)
            .ok()
            .filter(|v| *v <= 999_999)
            .map(PinCode)
            .ok_or_else(|| InvalidPinCode(format!("{value} is out of range")))
    }

    /// The integer form, for `iPINCode`.
    pub fn as_int(self) -> i32 {
        // Always fits: at most 999_999.
        self.0 as i32
    }
}

impl FromStr for PinCode {
    type Err = InvalidPinCode;
    /// From the `sPINCode` string: exactly six ASCII digits.
    fn from_str(s: &str) -> Result<Self, InvalidPinCode> {
        if s.len() != 6 || !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(InvalidPinCode(format!(
                "got {} characters",
                s.chars().count()
            )));
        }
        s.parse()
            .map(PinCode)
            .map_err(|_| InvalidPinCode("not a number".into()))
    }
}

impl fmt::Display for PinCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:06}", self.0)
    }
}

impl fmt::Debug for PinCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PinCode({self})")
    }
}

/// The secret from `requestAuthCode`: it does not expire, so it is never printed.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct AuthCode(Secret);

impl AuthCode {
    /// Wraps an auth code obtained elsewhere (configuration, a vault).
    pub fn new(code: impl Into<String>) -> Self {
        AuthCode(Secret::new(code))
    }
    /// The code itself, for `sAuthCode`.
    pub fn expose(&self) -> &str {
        self.0.expose()
    }
}

impl fmt::Display for AuthCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted auth code>")
    }
}

/// An API token an administrator generated in the Admin Center. It stands in
/// for the auth code (`sAuthCode`) on every call, and works where the account
/// has `requestAuthCode` and `login` disabled. Never printed.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct ApiToken(Secret);

impl ApiToken {
    /// Wraps a token from configuration or a vault.
    pub fn new(token: impl Into<String>) -> Self {
        ApiToken(Secret::new(token))
    }
    /// The token itself, for `sAuthCode`.
    pub fn expose(&self) -> &str {
        self.0.expose()
    }
}

impl fmt::Display for ApiToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted API token>")
    }
}

/// The API guide's description of a result value of any operation (from the
/// overlay's `meanings`, matched on the whole value or the part after the
/// operation prefix: `requestPINCode_OutOfPINCodes` → `OutOfPINCodes`).
pub fn meaning(value: &str) -> Option<&'static str> {
    crate::api::result_meaning(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pin_codes_are_six_digits_zero_padded() {
        assert_eq!(PinCode::from_int(12345).unwrap().to_string(), "012345");
        assert_eq!("012345".parse::<PinCode>().unwrap().as_int(), 12345);
        assert!("12345".parse::<PinCode>().is_err());
        assert!("1234567".parse::<PinCode>().is_err());
        assert!("12a456".parse::<PinCode>().is_err());
        assert!(PinCode::from_int(1_000_000).is_err());
        assert!(PinCode::from_int(-1).is_err());
    }

    #[test]
    fn auth_codes_never_print() {
        let code = AuthCode::new("4ahx80u0");
        assert!(!format!("{code} {code:?}").contains("4ahx"));
        let token = ApiToken::new("tok3n-value");
        assert!(!format!("{token} {token:?}").contains("tok3n"));
    }
}
