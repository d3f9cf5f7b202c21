//! XSD facet checks that run before a request is encoded, so that a value the
//! schema forbids never reaches the wire.

use std::fmt;
use std::sync::OnceLock;

/// A request value that breaks a rule of the schema (or of XML itself).
///
/// Its message names the operation, the field, the rule and what is wrong with the
/// value, without repeating the value (it may be a secret).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidField {
    /// The operation's wire name, once known.
    pub operation: Option<&'static str>,
    /// Slash-separated wire path of the field (`sCField0`, `oUser/sName`).
    pub field: String,
    /// The rule (`maxLength 64`, `enumeration`, `XML 1.0 characters`).
    pub rule: String,
    /// What is wrong (`has 70 characters`).
    pub problem: String,
}

impl InvalidField {
    /// A problem with `field` under `rule`.
    pub fn new(
        field: impl Into<String>,
        rule: impl Into<String>,
        problem: impl Into<String>,
    ) -> Self {
        InvalidField {
            operation: None,
            field: field.into(),
            rule: rule.into(),
            problem: problem.into(),
        }
    }

    /// Names the operation the field belongs to.
    pub fn in_operation(mut self, operation: &'static str) -> Self {
        self.operation = Some(operation);
        self
    }
}

impl fmt::Display for InvalidField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(op) = self.operation {
            write!(f, "{op}: ")?;
        }
        write!(
            f,
            "field `{}` breaks `{}`: {}",
            self.field, self.rule, self.problem
        )
    }
}

impl std::error::Error for InvalidField {}

/// An XSD `pattern`, compiled on first use. XSD patterns match the whole value.
pub struct Pattern {
    source: &'static str,
    compiled: OnceLock<Result<regex_lite::Regex, String>>,
}

impl Pattern {
    /// A pattern from its XSD source.
    pub const fn new(source: &'static str) -> Self {
        Pattern {
            source,
            compiled: OnceLock::new(),
        }
    }

    /// The XSD source.
    pub fn source(&self) -> &'static str {
        self.source
    }

    fn is_match(&self, value: &str) -> Result<bool, String> {
        let re = self.compiled.get_or_init(|| {
            // XSD's `\i`/`\c` name classes have no regex equivalent; approximate them.
            let translated = self
                .source
                .replace("\\i", "[_:A-Za-z]")
                .replace("\\c", "[-._:A-Za-z0-9]");
            regex_lite::Regex::new(&format!("^(?:{translated})$")).map_err(|e| e.to_string())
        });
        match re {
            Ok(re) => Ok(re.is_match(value)),
            Err(e) => Err(format!("the schema's pattern cannot be compiled: {e}")),
        }
    }
}

impl fmt::Debug for Pattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Pattern({:?})", self.source)
    }
}

/// The constraining facets of one simple type.
#[derive(Debug)]
pub struct Facets {
    /// `minLength` (characters).
    pub min_length: Option<usize>,
    /// `maxLength` (characters).
    pub max_length: Option<usize>,
    /// `pattern`s; each must match.
    pub patterns: &'static [Pattern],
    /// Lower bound and whether it is inclusive.
    pub min: Option<(f64, bool)>,
    /// Upper bound and whether it is inclusive.
    pub max: Option<(f64, bool)>,
    /// `totalDigits`.
    pub total_digits: Option<usize>,
    /// `fractionDigits`.
    pub fraction_digits: Option<usize>,
}

impl Facets {
    /// No facets; the base for `..Facets::NONE`.
    pub const NONE: Facets = Facets {
        min_length: None,
        max_length: None,
        patterns: &[],
        min: None,
        max: None,
        total_digits: None,
        fraction_digits: None,
    };

    /// Only `min`/`max` are set (what [`Validator::check`]'s number path handles).
    fn bounds_only(&self) -> bool {
        self.min_length.is_none()
            && self.max_length.is_none()
            && self.patterns.is_empty()
            && self.total_digits.is_none()
            && self.fraction_digits.is_none()
    }

    /// Whether `v` is within `min` and `max`; outside, the text path reports it.
    fn within_bounds(&self, v: f64) -> bool {
        let above = self
            .min
            .is_none_or(|(min, inclusive)| v > min || (inclusive && v == min));
        let below = self
            .max
            .is_none_or(|(max, inclusive)| v < max || (inclusive && v == max));
        above && below
    }

    /// Checks the lexical form of a value; `Err((rule, problem))`.
    pub fn check_text(&self, text: &str, numeric: bool) -> Result<(), (String, String)> {
        // Characters are counted only when the byte length cannot settle it: a
        // text of at most `max` bytes has at most `max` characters.
        let settled = self.min_length.is_none_or(|min| min == 0)
            && self.max_length.is_none_or(|max| text.len() <= max);
        if !numeric && !settled {
            let len = text.chars().count();
            if let Some(min) = self.min_length {
                if len < min {
                    return Err((format!("minLength {min}"), format!("has {len} characters")));
                }
            }
            if let Some(max) = self.max_length {
                if len > max {
                    return Err((format!("maxLength {max}"), format!("has {len} characters")));
                }
            }
        }
        for p in self.patterns {
            match p.is_match(text) {
                Ok(true) => {}
                Ok(false) => {
                    return Err((
                        format!("pattern {}", p.source()),
                        format!(
                            "a value of {} characters does not match",
                            text.chars().count()
                        ),
                    ))
                }
                Err(e) => return Err((format!("pattern {}", p.source()), e)),
            }
        }
        if numeric {
            let digits = text.trim().trim_start_matches(['+', '-']);
            let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
            let frac = frac.trim_end_matches('0');
            let total = int.trim_start_matches('0').len() + frac.len();
            if let Some(max) = self.total_digits {
                if total > max {
                    return Err((format!("totalDigits {max}"), format!("has {total} digits")));
                }
            }
            if let Some(max) = self.fraction_digits {
                if frac.len() > max {
                    return Err((
                        format!("fractionDigits {max}"),
                        format!("has {} fraction digits", frac.len()),
                    ));
                }
            }
            if let Ok(v) = text.trim().parse::<f64>() {
                if let Some((min, inclusive)) = self.min {
                    if v < min || (!inclusive && v == min) {
                        let op = if inclusive {
                            "minInclusive"
                        } else {
                            "minExclusive"
                        };
                        return Err((format!("{op} {min}"), format!("is {text}")));
                    }
                }
                if let Some((max, inclusive)) = self.max {
                    if v > max || (!inclusive && v == max) {
                        let op = if inclusive {
                            "maxInclusive"
                        } else {
                            "maxExclusive"
                        };
                        return Err((format!("{op} {max}"), format!("is {text}")));
                    }
                }
            }
        }
        Ok(())
    }
}

/// Walks a request, naming each field it checks.
#[derive(Debug, Default)]
pub struct Validator {
    path: Vec<&'static str>,
}

impl Validator {
    /// A validator at the top of a request.
    pub fn new() -> Self {
        Self::default()
    }

    fn path_with(&self, name: &str) -> String {
        let mut p = self.path.join("/");
        if !p.is_empty() {
            p.push('/');
        }
        p.push_str(name);
        p
    }

    /// Checks a field's values against facets.
    pub fn check<T: Checked + ?Sized>(
        &mut self,
        name: &'static str,
        value: &T,
        facets: &Facets,
    ) -> Result<(), InvalidField> {
        // A number against bounds alone: compared as it is, not formatted first.
        if let (Some(n), true) = (value.as_number(), facets.bounds_only()) {
            if facets.within_bounds(n) {
                return Ok(());
            }
        }
        let mut result = Ok(());
        value.each_text(&mut |text, numeric| {
            if result.is_ok() {
                if let Err((rule, problem)) = facets.check_text(text, numeric) {
                    result = Err(InvalidField::new(self.path_with(name), rule, problem));
                }
            }
        });
        result
    }

    /// Checks that `first` does not come after `last` (a date range, a number range).
    /// Values that cannot be compared (date-times with and without an offset) pass.
    pub fn check_order<T: PartialOrd + ?Sized>(
        &mut self,
        first_name: &'static str,
        first: &T,
        last_name: &'static str,
        last: &T,
    ) -> Result<(), InvalidField> {
        if first.partial_cmp(last) == Some(std::cmp::Ordering::Greater) {
            return Err(InvalidField::new(
                self.path_with(last_name),
                format!("{last_name} ≥ {first_name}"),
                format!("is before {first_name}"),
            ));
        }
        Ok(())
    }

    /// Checks a nested struct or enum field.
    pub fn nested<T: Validate + ?Sized>(
        &mut self,
        name: &'static str,
        value: &T,
    ) -> Result<(), InvalidField> {
        self.path.push(name);
        let result = value.validate(self);
        self.path.pop();
        result
    }

    /// An error at the current path (for enums).
    pub fn fail(&self, rule: impl Into<String>, problem: impl Into<String>) -> InvalidField {
        InvalidField::new(self.path.join("/"), rule, problem)
    }
}

/// A type that can check its own values against the schema.
pub trait Validate {
    /// Checks the value; the default accepts anything.
    fn validate(&self, v: &mut Validator) -> Result<(), InvalidField> {
        let _ = v;
        Ok(())
    }
}

impl<T: Validate> Validate for Option<T> {
    fn validate(&self, v: &mut Validator) -> Result<(), InvalidField> {
        self.as_ref().map_or(Ok(()), |x| x.validate(v))
    }
}

impl<T: Validate> Validate for Vec<T> {
    fn validate(&self, v: &mut Validator) -> Result<(), InvalidField> {
        self.iter().try_for_each(|x| x.validate(v))
    }
}

/// A value with a lexical form facets can check.
pub trait Checked {
    /// Calls `f` with the lexical form of each value and whether it is numeric.
    fn each_text(&self, f: &mut dyn FnMut(&str, bool));
    /// A single number's value, so that bounds are checked without formatting it
    /// (`None` for text, lists and absent values).
    fn as_number(&self) -> Option<f64> {
        None
    }
}

impl Checked for String {
    fn each_text(&self, f: &mut dyn FnMut(&str, bool)) {
        f(self, false);
    }
}

macro_rules! checked_numbers {
    ($($t:ty),*) => {$(
        impl Checked for $t {
            fn each_text(&self, f: &mut dyn FnMut(&str, bool)) {
                f(&self.to_string(), true);
            }
            fn as_number(&self) -> Option<f64> {
                // Wide integers may round; their exact text is checked instead.
                let v = *self as f64;
                (v.abs() < 9_007_199_254_740_992.0).then_some(v)
            }
        }
    )*};
}
checked_numbers!(i8, i16, i32, i64, u8, u16, u32, u64, f32, f64);

impl Checked for super::Decimal {
    fn each_text(&self, f: &mut dyn FnMut(&str, bool)) {
        f(self.as_str(), true);
    }
}

impl Checked for super::DateTime {
    fn each_text(&self, f: &mut dyn FnMut(&str, bool)) {
        f(self.as_str(), false);
    }
}

impl<T: Checked> Checked for Option<T> {
    fn each_text(&self, f: &mut dyn FnMut(&str, bool)) {
        if let Some(v) = self {
            v.each_text(f);
        }
    }
    fn as_number(&self) -> Option<f64> {
        self.as_ref().and_then(Checked::as_number)
    }
}

impl<T: Checked> Checked for Vec<T> {
    fn each_text(&self, f: &mut dyn FnMut(&str, bool)) {
        for v in self {
            v.each_text(f);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    static PIN_PATTERNS: [Pattern; 1] = [Pattern::new("[0-9]{6}")];
    static PIN: Facets = Facets {
        patterns: &PIN_PATTERNS,
        ..Facets::NONE
    };
    static SHORT: Facets = Facets {
        max_length: Some(3),
        ..Facets::NONE
    };
    static RANGE: Facets = Facets {
        min: Some((0.0, true)),
        max: Some((999999.0, true)),
        ..Facets::NONE
    };

    #[test]
    fn facets_name_rule_and_problem() {
        let mut v = Validator::new();
        assert!(v.check("p", &"012345".to_string(), &PIN).is_ok());
        let e = v.check("p", &"12345".to_string(), &PIN).unwrap_err();
        assert_eq!(e.rule, "pattern [0-9]{6}");
        let e = v
            .check("sCField0", &Some("abcd".to_string()), &SHORT)
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "field `sCField0` breaks `maxLength 3`: has 4 characters"
        );
        // characters, not bytes
        assert!(v.check("f", &"éé€".to_string(), &SHORT).is_ok());
        assert!(v.check("n", &999_999i32, &RANGE).is_ok());
        assert_eq!(
            v.check("n", &1_000_000i32, &RANGE).unwrap_err().rule,
            "maxInclusive 999999"
        );
        assert_eq!(
            v.check("n", &-1i32, &RANGE).unwrap_err().rule,
            "minInclusive 0"
        );
    }
}
