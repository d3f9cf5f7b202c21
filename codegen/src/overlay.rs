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
//!
//! [facets.customField64]                 # limits checked before sending, on the
//! max_length = 64                        # elements named (`name`, or `parent/name`
//! elements = ["sCField0", "sCField4"]    # with the element or type that holds it)
//!
//! [enums.languageCode]                   # a string element typed as an enum
//! values = ["de", "en"]
//! elements = ["sLangCode"]
//!
//! retry_safe = ["getSession_V3"]         # repeated after HTTP 429/503 if asked
//! must_understand = ["AuthHeader"]       # header blocks sent mustUnderstand
//!
//! [cli_aliases]                          # more names a CLI accepts for an
//! requestPINCode = ["request-pin-code"]  # operation (its wire name stays one)
//!
//! [[ordered]]                            # two fields of one struct: the first
//! first = "setReportDate_v2/dBeginDate"  # must not come after the last (dates,
//! last = "setReportDate_v2/dEndDate"     # numbers), checked before sending
//! ```

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::model::{FacetSet, Facets, FieldType, Model, Scalar, TypeDef};
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
    /// Named sets of facets, each applied to the elements it lists.
    #[serde(default)]
    pub facets: BTreeMap<String, FacetRule>,
    /// Named enumerations, each typing the string elements it lists.
    #[serde(default)]
    pub enums: BTreeMap<String, EnumRule>,
    /// Pairs of fields of one struct whose first value must not come after the last.
    #[serde(default)]
    pub ordered: Vec<OrderRule>,
    /// What an operation does, by wire name, where the WSDL says nothing (or too
    /// little): added to its client method's docs.
    #[serde(default)]
    pub docs: BTreeMap<String, String>,
    /// Operations that change nothing when repeated, so a client may repeat them
    /// after HTTP 429/503 (`Operation::RETRY_SAFE`).
    #[serde(default)]
    pub retry_safe: Vec<String>,
    /// Wire names of SOAP header elements sent with `mustUnderstand` (the server
    /// must fault rather than ignore them), in each SOAP version's form.
    #[serde(default)]
    pub must_understand: Vec<String>,
    /// More names a command-line tool accepts for an operation, by wire name
    /// (`Operation::CLI_ALIASES`); the wire name always stays one.
    #[serde(default)]
    pub cli_aliases: BTreeMap<String, Vec<String>>,
    /// Operations that get no generated client method, because the client crate
    /// writes a friendlier one by hand (adds to `Config::skip_client_methods`).
    #[serde(default)]
    pub skip_client_methods: Vec<String>,
}

/// XSD constraining facets for the elements listed (the WSDL's own facets on
/// those elements are replaced).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FacetRule {
    /// `name` (wherever it appears) or `parent/name` (`parent` being the wire name
    /// of the element or complex type that holds it).
    pub elements: Vec<String>,
    /// `length`: exact number of characters.
    pub length: Option<usize>,
    /// `minLength`.
    pub min_length: Option<usize>,
    /// `maxLength`.
    pub max_length: Option<usize>,
    /// `pattern`s (XSD regular expressions), all of which must match.
    #[serde(default)]
    pub patterns: Vec<String>,
    /// `minInclusive`.
    pub min_inclusive: Option<f64>,
    /// `maxInclusive`.
    pub max_inclusive: Option<f64>,
    /// `minExclusive`.
    pub min_exclusive: Option<f64>,
    /// `maxExclusive`.
    pub max_exclusive: Option<f64>,
    /// `totalDigits`.
    pub total_digits: Option<usize>,
    /// `fractionDigits`.
    pub fraction_digits: Option<usize>,
}

/// Two fields of one struct (`parent/name` each, same parent): `first` ≤ `last`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrderRule {
    /// The field that comes first.
    pub first: String,
    /// The field that must not come before `first`.
    pub last: String,
}

/// An enumeration typing the string elements listed.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnumRule {
    /// As for [`FacetRule::elements`].
    pub elements: Vec<String>,
    /// The allowed values, in order.
    pub values: Vec<String>,
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

    /// Applies `[facets.*]` and `[enums.*]` to the model's fields. An element spec
    /// that matches a field which is not a plain string or number is an error; one
    /// that matches nothing is left to [`Overlay::unmatched`].
    pub(crate) fn apply(&self, file: &Path, model: &mut Model) -> Result<(), Error> {
        let mut taken: Vec<String> = model
            .types
            .iter()
            .map(|t| t.rust_name().to_owned())
            .chain(model.facets.iter().map(|f| f.rust_name.clone()))
            .collect();
        for (name, rule) in &self.facets {
            let rust_name = crate::naming::unique(
                heck::ToShoutySnakeCase::to_shouty_snake_case(name.as_str()),
                &mut taken,
            );
            let index = model.facets.len();
            model.facets.push(FacetSet {
                rust_name,
                wire_name: name.clone(),
                facets: rule.facets(),
            });
            for (owner, field) in matching_fields(model, &rule.elements) {
                let TypeDef::Struct { fields, .. } = &mut model.types[owner] else {
                    continue;
                };
                if !matches!(fields[field].ty, FieldType::Scalar(_)) {
                    return Err(Error::new(
                        file,
                        format!(
                            "overlay: facets.{name}: element `{}` is not a string or number",
                            fields[field].wire_name
                        ),
                    ));
                }
                fields[field].facets = Some(index);
            }
        }
        for (name, rule) in &self.enums {
            let rust_name = crate::naming::unique(crate::naming::type_name(name), &mut taken);
            let index = model.types.len();
            let variants = crate::naming::variant_names(&rule.values)
                .into_iter()
                .zip(&rule.values)
                .map(|(variant, value)| (variant, value.clone(), Vec::new()))
                .collect();
            let targets = matching_fields(model, &rule.elements);
            model.types.push(TypeDef::Enum {
                rust_name,
                wire_name: name.clone(),
                variants,
                doc: vec![format!("Values of `{name}` (from the overlay).")],
            });
            for (owner, field) in targets {
                let TypeDef::Struct { fields, .. } = &mut model.types[owner] else {
                    continue;
                };
                if fields[field].ty != FieldType::Scalar(Scalar::String) {
                    return Err(Error::new(
                        file,
                        format!(
                            "overlay: enums.{name}: element `{}` is not a string",
                            fields[field].wire_name
                        ),
                    ));
                }
                fields[field].ty = FieldType::Named(index);
                fields[field].facets = None;
            }
        }
        for rule in &self.ordered {
            let firsts = matching_fields(model, std::slice::from_ref(&rule.first));
            let lasts = matching_fields(model, std::slice::from_ref(&rule.last));
            for &(owner, first) in &firsts {
                for &(_, last) in lasts.iter().filter(|(o, _)| *o == owner) {
                    let TypeDef::Struct { fields, .. } = &model.types[owner] else {
                        continue;
                    };
                    let scalar = |i: usize| match &fields[i].ty {
                        FieldType::Scalar(s) => Some(*s),
                        FieldType::Named(_) | FieldType::List(_) => None,
                    };
                    let (a, b) = (scalar(first), scalar(last));
                    if a.is_none()
                        || a != b
                        || a == Some(Scalar::String)
                        || fields[first].occurs == crate::model::Occurs::Many
                    {
                        return Err(Error::new(
                            file,
                            format!(
                                "overlay: ordered: `{}` and `{}` must be single numbers or date-times of the same type",
                                rule.first, rule.last
                            ),
                        ));
                    }
                    model
                        .orders
                        .push(crate::model::Order { owner, first, last });
                }
            }
        }
        Ok(())
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
        self.session_expired
            .iter()
            .any(|key| names_value(key, value))
    }

    /// The `meanings` rows that name at least one result value of the model, as
    /// `(key, meaning)`.
    pub(crate) fn used_meanings(&self, model: &Model) -> Vec<(&str, &str)> {
        let values: Vec<&str> = model
            .types
            .iter()
            .filter_map(|t| match t {
                TypeDef::Enum { variants, .. } => Some(variants),
                TypeDef::Struct { .. } | TypeDef::Choice { .. } => None,
            })
            .flatten()
            .map(|v| v.1.as_str())
            .collect();
        self.meanings
            .iter()
            .filter(|(key, _)| values.iter().any(|v| names_value(key, v)))
            .map(|(key, meaning)| (key.as_str(), meaning.as_str()))
            .collect()
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
                TypeDef::Struct { fields: fs, .. } | TypeDef::Choice { variants: fs, .. } => {
                    fields.extend(fs.iter().map(|f| f.wire_name.as_str()))
                }
                TypeDef::Enum { variants, .. } => {
                    values.extend(variants.iter().map(|v| v.1.as_str()))
                }
            }
        }
        let mut notes = Vec::new();
        let specs = self
            .facets
            .iter()
            .map(|(n, r)| (format!("facets.{n}"), &r.elements))
            .chain(
                self.enums
                    .iter()
                    .map(|(n, r)| (format!("enums.{n}"), &r.elements)),
            );
        for (table, elements) in specs {
            for spec in elements {
                if matching_fields(model, std::slice::from_ref(spec)).is_empty() {
                    notes.push(format!("overlay: {table}: no element `{spec}` in the WSDL"));
                }
            }
        }
        for rule in &self.ordered {
            for spec in [&rule.first, &rule.last] {
                if matching_fields(model, std::slice::from_ref(spec)).is_empty() {
                    notes.push(format!("overlay: ordered: no element `{spec}` in the WSDL"));
                }
            }
        }
        let documented: Vec<String> = self.docs.keys().cloned().collect();
        let aliased: Vec<String> = self.cli_aliases.keys().cloned().collect();
        let ops = [
            ("skip_client_methods", &self.skip_client_methods),
            ("retry_safe", &self.retry_safe),
            ("docs", &documented),
            ("cli_aliases", &aliased),
        ];
        for (key, list) in ops {
            for op in list {
                if !model.operations.iter().any(|o| o.wire_name == *op) {
                    notes.push(format!("overlay: {key}: no operation `{op}` in the WSDL"));
                }
            }
        }
        for name in self.secret_fields.iter().chain(&self.auth_field) {
            if !fields.contains(&name.as_str()) {
                notes.push(format!("overlay: no element `{name}` in the WSDL"));
            }
        }
        for name in &self.must_understand {
            let is_header = model.types.iter().any(|t| {
                matches!(t, TypeDef::Struct { fields, .. } if fields.iter().any(|f| f.header && f.wire_name == *name))
            });
            if !is_header {
                notes.push(format!(
                    "overlay: must_understand: no SOAP header `{name}` in the WSDL"
                ));
            }
        }
        for key in self.meanings.keys() {
            if !values.iter().any(|v| names_value(key, v)) {
                notes.push(format!("overlay: meaning `{key}` matches no result value"));
            }
        }
        notes
    }
}

impl FacetRule {
    fn facets(&self) -> Facets {
        let min = self
            .min_inclusive
            .map(|v| (v, true))
            .or(self.min_exclusive.map(|v| (v, false)));
        let max = self
            .max_inclusive
            .map(|v| (v, true))
            .or(self.max_exclusive.map(|v| (v, false)));
        Facets {
            min_length: self.length.or(self.min_length),
            max_length: self.length.or(self.max_length),
            patterns: self.patterns.clone(),
            min,
            max,
            total_digits: self.total_digits,
            fraction_digits: self.fraction_digits,
        }
    }
}

/// `(struct index, field index)` of every field an element spec names: `name`
/// anywhere, or `parent/name` inside the struct whose wire name is `parent`.
fn matching_fields(model: &Model, specs: &[String]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for (owner, t) in model.types.iter().enumerate() {
        let TypeDef::Struct {
            wire_name, fields, ..
        } = t
        else {
            continue;
        };
        for (i, f) in fields.iter().enumerate() {
            let named = specs.iter().any(|spec| match spec.split_once('/') {
                Some((parent, name)) => parent == wire_name && name == f.wire_name,
                None => *spec == f.wire_name,
            });
            if named {
                out.push((owner, i));
            }
        }
    }
    out
}

/// Whether an overlay key names result `value`: the whole value, or its part after
/// the first `_` (`NotLoggedIn` names `logout_NotLoggedIn`).
fn names_value(key: &str, value: &str) -> bool {
    key == value
        || value
            .split_once('_')
            .is_some_and(|(_, suffix)| suffix == key)
}

/// 1-based line and column of a byte offset.
fn line_col(text: &str, offset: usize) -> (u32, u32) {
    // The span's start, moved back to a character boundary (never a panic).
    let mut at = offset.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let before = &text[..at];
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
    fn facets_on_a_complex_element_are_refused() {
        let wsdl = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/nested_arrays.wsdl"
        ))
        .unwrap();
        let model = crate::Config::new()
            .model(Path::new("n.wsdl"), &wsdl)
            .unwrap();
        let complex = model
            .types
            .iter()
            .find_map(|t| match t {
                TypeDef::Struct { fields, .. } => fields
                    .iter()
                    .find(|f| matches!(f.ty, FieldType::Named(_)))
                    .map(|f| f.wire_name.clone()),
                TypeDef::Enum { .. } | TypeDef::Choice { .. } => None,
            })
            .unwrap();
        let o = Overlay::parse(
            Path::new("o.toml"),
            &format!("[facets.x]\nmax_length = 1\nelements = [\"{complex}\"]\n"),
        )
        .unwrap();
        let e = o
            .apply(Path::new("o.toml"), &mut model.clone())
            .unwrap_err();
        assert!(e.message.contains("is not a string or number"), "{e}");
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
