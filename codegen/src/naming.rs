//! Rust names for wire names.

use heck::{ToSnakeCase, ToUpperCamelCase};

const KEYWORDS: &[&str] = &[
    "as", "async", "await", "box", "break", "const", "continue", "crate", "dyn", "else", "enum",
    "extern", "false", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod",
    "move", "mut", "pub", "ref", "return", "self", "static", "struct", "super", "trait", "true",
    "type", "unsafe", "use", "where", "while", "yield", "abstract", "become", "do", "final",
    "macro", "override", "priv", "try", "typeof", "unsized", "virtual",
];

/// Names a generated type, variant or static must not take: the prelude's types
/// and variants the generated code and the runtime's macros name (a type
/// `Result` would shadow `Result` in every signature), `Self`, and the module's
/// own statics.
const RESERVED: &[&str] = &[
    "Self",
    "Option",
    "Some",
    "None",
    "Result",
    "Ok",
    "Err",
    "String",
    "Vec",
    "Box",
    "Default",
    "Send",
    "Sync",
    "NAMESPACE",
    "SERVICE",
    "SECRET_ELEMENTS",
    "OPERATIONS",
    "MEANINGS",
];

/// Keeps only characters Rust allows in identifiers.
fn identifier_chars(name: &str) -> String {
    name.chars()
        .filter(|c| *c == '_' || unicode_ident::is_xid_continue(*c))
        .collect()
}

/// `requestPINCodeV3` → `RequestPinCodeV3`.
pub fn type_name(wire: &str) -> String {
    let name = identifier_chars(&wire.to_upper_camel_case());
    match name.chars().next() {
        Some(c) if unicode_ident::is_xid_start(c) => name,
        _ => format!("T{name}"),
    }
}

/// `requestPINCodeV3` → `request_pin_code_v3`; Rust keywords get an `r#`-free `_` suffix.
pub fn field_name(wire: &str, strip_hungarian: bool) -> String {
    let base = if strip_hungarian {
        strip_hungarian_prefix(wire)
    } else {
        wire
    };
    let mut name = identifier_chars(&base.to_snake_case());
    if !name
        .chars()
        .next()
        .is_some_and(|c| c == '_' || unicode_ident::is_xid_start(c))
    {
        name.insert(0, 'f');
    }
    if KEYWORDS.contains(&name.as_str()) {
        name.push('_');
    }
    name
}

/// `sAuthCode` → `AuthCode`, `iPINCode` → `PINCode`, `bNoTechConsole` → `NoTechConsole`.
///
/// Only one lower-case letter followed by an upper-case one counts as a prefix.
pub fn strip_hungarian_prefix(wire: &str) -> &str {
    let mut chars = wire.chars();
    match (chars.next(), chars.next()) {
        (Some(p), Some(n)) if p.is_ascii_lowercase() && n.is_ascii_uppercase() => &wire[1..],
        _ => wire,
    }
}

/// Enum variant for a wire value, with the prefix shared by all values removed:
/// `requestPINCode_User_Is_Deleted` → `UserIsDeleted`.
pub fn variant_names(values: &[String]) -> Vec<String> {
    let prefix = common_prefix(values);
    let mut out: Vec<String> = Vec::with_capacity(values.len());
    for v in values {
        let mut name = type_name(&v[prefix..]);
        if name == "T" {
            name = "Empty".to_string();
        }
        if name == "Unknown" || name == "Self" {
            name.push('_');
        }
        // Values that differ only in case (`read`, `Read`, `READ`): `Read`,
        // `Read2`, `Read3`.
        if out.contains(&name) {
            let base = name.clone();
            let mut n = 2;
            while out.contains(&name) {
                name = format!("{base}{n}");
                n += 1;
            }
        }
        out.push(name);
    }
    out
}

/// Length of the prefix up to and including the last `_` that all values share.
fn common_prefix(values: &[String]) -> usize {
    if values.len() < 2 {
        return 0;
    }
    let first = &values[0];
    let mut len = first.len();
    for v in &values[1..] {
        len = len.min(
            first
                .bytes()
                .zip(v.bytes())
                .take_while(|(a, b)| a == b)
                .count(),
        );
    }
    let len = first[..len].rfind('_').map_or(0, |i| i + 1);
    // Keep whole values: a prefix equal to a value would leave it empty.
    if values.iter().any(|v| v.len() == len) {
        0
    } else {
        len
    }
}

/// Suffix `2`, `3`, … until `name` is not in `taken` (after a `_` for a
/// [`RESERVED`] name).
pub fn unique(name: String, taken: &mut Vec<String>) -> String {
    // A name the generated module or its macros already use gets a `_`.
    let name = if RESERVED.contains(&name.as_str()) {
        format!("{name}_")
    } else {
        name
    };
    let mut candidate = name.clone();
    let mut n = 2;
    while taken.contains(&candidate) {
        candidate = format!("{name}{n}");
        n += 1;
    }
    taken.push(candidate.clone());
    candidate
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_rust_conventions() {
        assert_eq!(type_name("requestLensPINCodeV2"), "RequestLensPinCodeV2");
        assert_eq!(field_name("sCField0", true), "c_field0");
        assert_eq!(field_name("iPINCode", true), "pin_code");
        assert_eq!(field_name("nodeId", true), "node_id");
        assert_eq!(field_name("type", false), "type_");
        assert_eq!(field_name("sAuthCode", false), "s_auth_code");
    }

    #[test]
    fn names_are_always_identifiers() {
        assert_eq!(type_name("état"), "État");
        assert_eq!(type_name("m²"), "M");
        assert_eq!(type_name("2fa"), "T2fa");
        assert_eq!(type_name(""), "T");
        assert_eq!(field_name("x²y", false), "xy");
        assert_eq!(field_name("7up", false), "f7up");
        for name in ["", "_", "²", "-", "a-b", "日本"] {
            syn::parse_str::<syn::Ident>(&type_name(name)).expect(name);
            syn::parse_str::<syn::Ident>(&field_name(name, false)).expect(name);
        }
    }

    #[test]
    fn variants_drop_the_shared_prefix() {
        let values: Vec<String> = [
            "startSessionRet_OK",
            "startSessionRet_User_Deleted_Or_Disabled",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        assert_eq!(variant_names(&values), ["Ok", "UserDeletedOrDisabled"]);
        let langs: Vec<String> = ["de", "pt-br"].iter().map(|s| s.to_string()).collect();
        assert_eq!(variant_names(&langs), ["De", "PtBr"]);
    }

    #[test]
    fn names_the_generated_module_uses_are_not_taken() {
        let mut taken = Vec::new();
        assert_eq!(unique("Result".into(), &mut taken), "Result_");
        assert_eq!(unique("Result".into(), &mut taken), "Result_2");
        assert_eq!(unique("NAMESPACE".into(), &mut taken), "NAMESPACE_");
        assert_eq!(unique("Order".into(), &mut taken), "Order");
        let values: Vec<String> = ["Self", "Unknown"].iter().map(|s| s.to_string()).collect();
        assert_eq!(variant_names(&values), ["Self_", "Unknown_"]);
    }
}
