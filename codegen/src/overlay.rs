//! The overlay: a service's client-side rules, kept beside its WSDL so that the
//! WSDL itself stays exactly as the server publishes it.
//!
//! ```toml
//! secret_fields = ["sPassword"]          # redacted in Debug, masked in logs
//! auth_field = "sAuthCode"               # filled in by the client on each call
//! session_expired = ["NotLoggedIn"]      # result values that mean "log in again"
//!
//! [pacing.pin]                           # at most `calls` per `per_seconds`,
//! operations = ["requestPINCode"]        # shared by the operations listed
//! calls = 1
//! per_seconds = 1
//!
//! [meanings]                             # result value (or its part after the
//! OK = "The call succeeded."             # first `_`) → what it means
//! ```

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::model::{Model, TypeDef};
use crate::Error;

/// The parsed overlay. Every key is optional; unknown keys are refused.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Overlay {
    /// Wire names of elements whose values are secrets.
    #[serde(default)]
    pub secret_fields: Vec<String>,
    /// Wire name of the per-call credential element.
    pub auth_field: Option<String>,
    /// Result values, or their part after the first `_`, that mean the server
    /// session has expired (a client with credentials logs in again once).
    #[serde(default)]
    pub session_expired: Vec<String>,
    /// Rate limits by group name.
    #[serde(default)]
    pub pacing: BTreeMap<String, PaceRule>,
    /// What result values mean, by whole value or by the part after the first `_`.
    #[serde(default)]
    pub meanings: BTreeMap<String, String>,
}

/// At most `calls` calls in any `per_seconds` window, shared by `operations`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PaceRule {
    /// Operation wire names sharing the limit.
    pub operations: Vec<String>,
    /// Calls allowed per window.
    pub calls: u32,
    /// Window length in seconds.
    pub per_seconds: f64,
}

/// The pacing of one operation, resolved.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Pace {
    pub group: String,
    pub calls: u32,
    pub per_ms: u64,
}

impl Overlay {
    /// Reads an overlay; errors point at the line and column of the problem.
    pub fn parse(file: &Path, text: &str) -> Result<Overlay, Error> {
        let overlay: Overlay = toml::from_str(text).map_err(|e| {
            let pos = e.span().map(|s| line_col(text, s.start));
            Error::new(file, format!("overlay: {}", e.message().trim())).at(pos)
        })?;
        for (group, rule) in &overlay.pacing {
            if rule.calls == 0 || !(rule.per_seconds > 0.0 && rule.per_seconds < 1e9) {
                return Err(Error::new(
                    file,
                    format!("overlay: pacing.{group}: expected calls ≥ 1 and per_seconds > 0"),
                ));
            }
        }
        Ok(overlay)
    }

    /// The meaning of a result value: by the whole value, else by its part after
    /// the first `_` (`requestPINCode_OutOfPINCodes` → `OutOfPINCodes`).
    pub(crate) fn meaning(&self, value: &str) -> Option<&str> {
        self.meanings
            .get(value)
            .or_else(|| {
                let suffix = value.split_once('_').map(|(_, s)| s)?;
                self.meanings.get(suffix)
            })
            .map(String::as_str)
    }

    /// Whether a result value means "session expired".
    pub(crate) fn is_session_expired(&self, value: &str) -> bool {
        let suffix = value.split_once('_').map_or(value, |(_, s)| s);
        self.session_expired
            .iter()
            .any(|v| v == value || v == suffix)
    }

    /// Each operation's pacing; an unknown operation, or one in two groups, is an
    /// error (the overlay no longer fits the WSDL).
    pub(crate) fn paces(&self, file: &Path, model: &Model) -> Result<Vec<Option<Pace>>, Error> {
        let mut out = vec![None; model.operations.len()];
        for (group, rule) in &self.pacing {
            for name in &rule.operations {
                let Some(i) = model.operations.iter().position(|o| o.wire_name == *name) else {
                    return Err(Error::new(
                        file,
                        format!("overlay: pacing.{group} names operation `{name}`, which the WSDL does not bind"),
                    ));
                };
                if out[i].is_some() {
                    return Err(Error::new(
                        file,
                        format!("overlay: operation `{name}` is in two pacing groups"),
                    ));
                }
                out[i] = Some(Pace {
                    group: group.clone(),
                    calls: rule.calls,
                    per_ms: (rule.per_seconds * 1000.0).round() as u64,
                });
            }
        }
        Ok(out)
    }

    /// Things the overlay names that the WSDL does not have: worth a build
    /// warning (the real WSDL may differ from the one the overlay was written
    /// for), not a failed build.
    pub(crate) fn unmatched(&self, model: &Model) -> Vec<String> {
        let mut fields = Vec::new();
        let mut values = Vec::new();
        for t in &model.types {
            match t {
                TypeDef::Struct { fields: fs, .. } => {
                    fields.extend(fs.iter().map(|f| f.wire_name.as_str()))
                }
                TypeDef::Enum { variants, .. } => {
                    values.extend(variants.iter().map(|v| v.1.as_str()))
                }
            }
        }
        let mut notes = Vec::new();
        for name in self.secret_fields.iter().chain(&self.auth_field) {
            if !fields.contains(&name.as_str()) {
                notes.push(format!("overlay: no element `{name}` in the WSDL"));
            }
        }
        for key in self.meanings.keys() {
            let used = values
                .iter()
                .any(|v| *v == key || v.split_once('_').is_some_and(|(_, s)| s == key));
            if !used {
                notes.push(format!("overlay: meaning `{key}` matches no result value"));
            }
        }
        notes
    }
}

/// 1-based line and column of a byte offset.
fn line_col(text: &str, offset: usize) -> (u32, u32) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line as u32, column as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_keys_are_refused_with_their_position() {
        let e =
            Overlay::parse(Path::new("o.toml"), "secret_fields = []\nsecrets = 1\n").unwrap_err();
        assert_eq!((e.line, e.column), (Some(2), Some(1)), "{e}");
        assert!(
            e.to_string()
                .starts_with("o.toml:2:1: overlay: unknown field `secrets`"),
            "{e}"
        );
    }

    #[test]
    fn meanings_match_whole_values_before_suffixes() {
        let o = Overlay::parse(
            Path::new("o.toml"),
            "[meanings]\nOK = \"fine\"\nx_OK = \"special\"\n",
        )
        .unwrap();
        assert_eq!(o.meaning("login_OK"), Some("fine"));
        assert_eq!(o.meaning("x_OK"), Some("special"));
        assert_eq!(o.meaning("login_Other"), None);
    }

    #[test]
    fn pacing_needs_a_positive_rate() {
        let e = Overlay::parse(
            Path::new("o.toml"),
            "[pacing.a]\noperations = []\ncalls = 0\nper_seconds = 1\n",
        )
        .unwrap_err();
        assert!(e.message.contains("pacing.a"), "{e}");
    }
}
