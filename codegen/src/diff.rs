//! What regenerating from a new WSDL changes for the users of the generated code:
//! operations, SOAPActions, fields and enumeration values added, removed, retyped
//! or reordered, each marked breaking or not. `rescue wsdl diff` prints it.

use crate::model::{Field, FieldType, Model, Occurs, Scalar, TypeDef};

/// One difference between two models.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Change {
    /// What changed, in words (`field sCField0 of requestPINCode: removed`).
    pub what: String,
    /// Code or calls written against the old WSDL may stop working.
    pub breaking: bool,
}

impl Change {
    fn new(breaking: bool, what: String) -> Self {
        Change { what, breaking }
    }
}

/// The changes from `old` to `new`, operations first, then types, each in the
/// order the new (or, for removals, the old) WSDL gives them.
pub fn diff(old: &Model, new: &Model) -> Vec<Change> {
    let mut out = Vec::new();
    for op in &old.operations {
        if !new.operations.iter().any(|o| o.wire_name == op.wire_name) {
            out.push(Change::new(
                true,
                format!("operation {}: removed", op.wire_name),
            ));
        }
    }
    for op in &new.operations {
        let Some(before) = old.operations.iter().find(|o| o.wire_name == op.wire_name) else {
            out.push(Change::new(
                false,
                format!("operation {}: added", op.wire_name),
            ));
            continue;
        };
        for (version, a, b) in [
            ("SOAP 1.1", &before.soap11_action, &op.soap11_action),
            ("SOAP 1.2", &before.soap12_action, &op.soap12_action),
        ] {
            if a != b {
                out.push(Change::new(
                    true,
                    format!(
                        "operation {}: {version} action {} → {}",
                        op.wire_name,
                        a.as_deref().unwrap_or("(not bound)"),
                        b.as_deref().unwrap_or("(not bound)")
                    ),
                ));
            }
        }
    }
    let structs = |m: &Model| -> Vec<(String, Vec<Field>)> {
        m.types
            .iter()
            .filter_map(|t| match t {
                TypeDef::Struct {
                    wire_name, fields, ..
                } => Some((wire_name.clone(), fields.clone())),
                TypeDef::Enum { .. } | TypeDef::Choice { .. } => None,
            })
            .collect()
    };
    let (old_structs, new_structs) = (structs(old), structs(new));
    for (name, fields) in &new_structs {
        let Some((_, before)) = old_structs.iter().find(|(n, _)| n == name) else {
            continue;
        };
        fields_diff(old, new, name, before, fields, &mut out);
    }
    let enums = |m: &Model| -> Vec<(String, Vec<String>)> {
        m.types
            .iter()
            .filter_map(|t| match t {
                TypeDef::Enum {
                    wire_name,
                    variants,
                    ..
                } => Some((
                    wire_name.clone(),
                    variants.iter().map(|v| v.1.clone()).collect(),
                )),
                TypeDef::Struct { .. } | TypeDef::Choice { .. } => None,
            })
            .collect()
    };
    let old_enums = enums(old);
    for (name, values) in enums(new) {
        let Some((_, before)) = old_enums.iter().find(|(n, _)| *n == name) else {
            continue;
        };
        for v in before.iter().filter(|v| !values.contains(v)) {
            out.push(Change::new(
                true,
                format!("enumeration {name}: value {v} removed"),
            ));
        }
        for v in values.iter().filter(|v| !before.contains(v)) {
            // Readers keep unknown values (`Unknown`); matches on the enum gain a case.
            out.push(Change::new(
                false,
                format!("enumeration {name}: value {v} added"),
            ));
        }
    }
    out
}

/// The XSD name of a scalar, as the WSDL says it.
fn xsd_name(s: Scalar) -> &'static str {
    match s {
        Scalar::String => "string",
        Scalar::Bool => "boolean",
        Scalar::I8 => "byte",
        Scalar::I16 => "short",
        Scalar::I32 => "int",
        Scalar::I64 => "long",
        Scalar::U8 => "unsignedByte",
        Scalar::U16 => "unsignedShort",
        Scalar::U32 => "unsignedInt",
        Scalar::U64 => "unsignedLong",
        Scalar::F32 => "float",
        Scalar::F64 => "double",
        Scalar::Decimal => "decimal",
        Scalar::DateTime => "dateTime",
        Scalar::Base64 => "base64Binary",
        Scalar::Raw => "anyType",
    }
}

fn type_name(m: &Model, ty: &FieldType) -> String {
    match ty {
        FieldType::Scalar(s) => xsd_name(*s).to_owned(),
        FieldType::Named(i) => match &m.types[*i] {
            TypeDef::Struct { wire_name, .. } | TypeDef::Enum { wire_name, .. } => {
                wire_name.clone()
            }
            TypeDef::Choice { variants, .. } => {
                let alternatives: Vec<String> = variants
                    .iter()
                    .map(|v| format!("{} {}", v.wire_name, type_name(m, &v.ty)))
                    .collect();
                format!("choice of {}", alternatives.join(", "))
            }
        },
        FieldType::List(item) => format!("list of {}", type_name(m, item)),
    }
}

fn type_text(m: &Model, f: &Field) -> String {
    let base = type_name(m, &f.ty);
    let occurs = match (f.occurs, f.nillable) {
        (Occurs::Required, false) => "",
        (Occurs::Required, true) => " (nillable)",
        (Occurs::Optional, _) => " (optional)",
        (Occurs::Many, _) => " (repeated)",
    };
    format!("{base}{occurs}")
}

fn fields_diff(
    old: &Model,
    new: &Model,
    owner: &str,
    before: &[Field],
    after: &[Field],
    out: &mut Vec<Change>,
) {
    for f in before {
        if !after.iter().any(|g| g.wire_name == f.wire_name) {
            out.push(Change::new(
                true,
                format!("field {} of {owner}: removed", f.wire_name),
            ));
        }
    }
    for g in after {
        let Some(f) = before.iter().find(|f| f.wire_name == g.wire_name) else {
            let required = g.occurs == Occurs::Required && !g.nillable;
            out.push(Change::new(
                required,
                format!(
                    "field {} of {owner}: added, {}",
                    g.wire_name,
                    type_text(new, g)
                ),
            ));
            continue;
        };
        let (a, b) = (type_text(old, f), type_text(new, g));
        if a != b {
            out.push(Change::new(
                true,
                format!("field {} of {owner}: {a} → {b}", g.wire_name),
            ));
        }
    }
    // Sequence order is part of the wire: the common fields must keep theirs.
    let common = |fs: &[Field], other: &[Field]| -> Vec<String> {
        fs.iter()
            .filter(|f| other.iter().any(|o| o.wire_name == f.wire_name))
            .map(|f| f.wire_name.clone())
            .collect()
    };
    let (x, y) = (common(before, after), common(after, before));
    if x != y {
        out.push(Change::new(
            true,
            format!(
                "fields of {owner}: reordered ({} → {})",
                x.join(", "),
                y.join(", ")
            ),
        ));
    }
}
