//! The generated file's declarations: each type as `rt::xml_struct!`,
//! `rt::xml_choice!` or `rt::wire_enum!`, each operation as `rt::operation!`, the
//! service as `rt::service!`, written as text one field or fact a line (the
//! macros live in the runtime and expand to the impls).

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::RenderOptions;
use crate::model::{Field, FieldType, Model, Occurs, Operation, Scalar, TypeDef};
use crate::overlay::Overlay;
use crate::schema::{ANY_WIRE, TEXT_WIRE};

/// `rt::wire_enum! { … }` with one variant a line.
fn enum_text(
    rust_name: &str,
    wire_name: &str,
    variants: &[(String, String, Vec<String>)],
    doc: &[String],
    overlay: &Overlay,
) -> String {
    let mut out = String::from("rt::wire_enum! {\n");
    if doc.is_empty() {
        out.push_str(&format!(
            "    /// Values of the simple type `{wire_name}`.\n"
        ));
    } else {
        out.push_str(&doc_text(doc, "    "));
    }
    out.push_str(&format!("    pub enum {rust_name} = {wire_name:?} {{\n"));
    for (variant, wire, vdoc) in variants {
        // The macro documents the variant with its meaning.
        let meaning = overlay.meaning(wire);
        out.push_str(&doc_text(vdoc, "        "));
        // rustc refuses an alias equal to the item's own name (`Business`).
        let alias = if wire.is_empty() || wire == variant {
            String::new()
        } else {
            format!("#[doc(alias = {wire:?})] ")
        };
        let meaning = meaning.map(|m| format!(" => {m:?}")).unwrap_or_default();
        out.push_str(&format!("        {alias}{variant} = {wire:?}{meaning},\n"));
    }
    out.push_str("    }\n}\n");
    out
}

fn scalar_type(s: Scalar, rt: &TokenStream) -> TokenStream {
    match s {
        Scalar::String => quote!(String),
        Scalar::Bool => quote!(bool),
        Scalar::I8 => quote!(i8),
        Scalar::I16 => quote!(i16),
        Scalar::I32 => quote!(i32),
        Scalar::I64 => quote!(i64),
        Scalar::U8 => quote!(u8),
        Scalar::U16 => quote!(u16),
        Scalar::U32 => quote!(u32),
        Scalar::U64 => quote!(u64),
        Scalar::F32 => quote!(f32),
        Scalar::F64 => quote!(f64),
        Scalar::Decimal => quote!(#rt::Decimal),
        Scalar::DateTime => quote!(#rt::DateTime),
        Scalar::Base64 => quote!(#rt::Base64Binary),
        Scalar::Raw => quote!(#rt::RawElement),
    }
}

/// Whether type `from` contains `target` without a `Vec` in between (needs a `Box`).
fn reaches(model: &Model, from: usize, target: usize, seen: &mut Vec<usize>) -> bool {
    if from == target {
        return true;
    }
    if seen.contains(&from) {
        return false;
    }
    seen.push(from);
    match &model.types[from] {
        TypeDef::Struct { fields, .. }
        | TypeDef::Choice {
            variants: fields, ..
        } => fields.iter().any(|f| match f.ty {
            FieldType::Named(i) if f.occurs != Occurs::Many => reaches(model, i, target, seen),
            _ => false,
        }),
        TypeDef::Enum { .. } => false,
    }
}

fn field_type(
    model: &Model,
    owner: usize,
    f: &Field,
    rt: &TokenStream,
    opts: &RenderOptions,
) -> TokenStream {
    let inner = match &f.ty {
        FieldType::Scalar(Scalar::String) if opts.secret_fields.contains(&f.wire_name) => {
            quote!(#rt::Secret)
        }
        FieldType::Scalar(s) => scalar_type(*s, rt),
        FieldType::Named(i) => {
            let name = format_ident!("{}", model.types[*i].rust_name());
            if f.occurs != Occurs::Many && reaches(model, *i, owner, &mut Vec::new()) {
                quote!(Box<#name>)
            } else {
                quote!(#name)
            }
        }
        FieldType::List(item) => {
            let item = match &**item {
                FieldType::Scalar(s) => scalar_type(*s, rt),
                FieldType::Named(i) => {
                    let name = format_ident!("{}", model.types[*i].rust_name());
                    quote!(#name)
                }
                FieldType::List(_) => quote!(String),
            };
            quote!(#rt::List<#item>)
        }
    };
    match (f.occurs, f.nillable) {
        (Occurs::Many, true) => quote!(Vec<Option<#inner>>),
        (Occurs::Many, false) => quote!(Vec<#inner>),
        // Absent and `xsi:nil` told apart: `None` and `Some(None)`.
        (Occurs::Optional, true) => quote!(Option<Option<#inner>>),
        (Occurs::Optional, false) | (Occurs::Required, true) => quote!(Option<#inner>),
        (Occurs::Required, false) => inner,
    }
}

/// Whether a struct can derive `Default` (every field has an empty value).
fn defaultable(model: &Model, fields: &[Field], seen: &mut Vec<usize>) -> bool {
    fields.iter().all(|f| match (f.occurs, f.nillable, &f.ty) {
        (Occurs::Many | Occurs::Optional, _, _) | (_, true, _) => true,
        (_, _, FieldType::Scalar(_) | FieldType::List(_)) => true,
        (_, _, FieldType::Named(i)) => match &model.types[*i] {
            TypeDef::Enum { .. } => true,
            // A choice that must be made has no empty value.
            TypeDef::Choice { .. } => false,
            TypeDef::Struct { fields, .. } => {
                if seen.contains(i) {
                    return false;
                }
                seen.push(*i);
                defaultable(model, fields, seen)
            }
        },
    })
}

/// A generated type as a declaration macro (`rt::wire_enum!`, `rt::xml_struct!`,
/// `rt::xml_choice!`), laid out one field or value a line.
pub(super) fn type_text(
    model: &Model,
    index: usize,
    opts: &RenderOptions,
    request_types: &[bool],
) -> String {
    match &model.types[index] {
        TypeDef::Enum {
            rust_name,
            wire_name,
            variants,
            doc,
        } => enum_text(rust_name, wire_name, variants, doc, opts.overlay),
        TypeDef::Struct { .. } => struct_text(model, index, opts, request_types[index]),
        TypeDef::Choice { .. } => choice_text(model, index, opts, request_types[index]),
    }
}

/// Types written in requests (they need `Validate`), found from the request structs.
pub(super) fn request_side(model: &Model) -> Vec<bool> {
    let mut marked = vec![false; model.types.len()];
    let mut stack: Vec<usize> = model.operations.iter().map(|o| o.request).collect();
    while let Some(i) = stack.pop() {
        if std::mem::replace(&mut marked[i], true) {
            continue;
        }
        if let TypeDef::Struct { fields, .. }
        | TypeDef::Choice {
            variants: fields, ..
        } = &model.types[i]
        {
            stack.extend(fields.iter().filter_map(|f| f.ty.named()));
        }
    }
    marked
}

/// `rt::xml_choice! { … }`: an `xs:choice` enum, one alternative a line (see
/// `rt::XmlChoice`).
fn choice_text(model: &Model, index: usize, opts: &RenderOptions, needs_validate: bool) -> String {
    let TypeDef::Choice {
        rust_name,
        variants,
        doc,
    } = &model.types[index]
    else {
        return String::new();
    };
    let rt = quote!(rt);
    let mut out = String::from("rt::xml_choice! {\n");
    out.push_str(&doc_text(doc, "    "));
    out.push_str(&format!("    pub enum {rust_name} {{\n"));
    for f in variants {
        let mut lines = f.doc.clone();
        lines.push(format!(
            "Wire element `{}`: {}.",
            f.wire_name,
            about_type(model, f)
        ));
        out.push_str(&doc_text(&lines, "        "));
        let ty = rust_type_text(&field_type(model, index, f, &rt, opts));
        let how = if f.occurs == Occurs::Many {
            "many"
        } else {
            "one"
        };
        out.push_str(&format!(
            "        {}({ty}) = {how} {:?}{}{},\n",
            f.rust_name,
            f.wire_name,
            namespace_text(f),
            check_text(model, f, needs_validate),
        ));
    }
    out.push_str("    }\n");
    if needs_validate {
        out.push_str("    impl Validate;\n");
    }
    out.push_str("}\n");
    out
}

/// `rt::xml_struct! { … }`: a complex type, one field a line, then how it is read
/// and what it checks. `needs_validate`: the type is written in requests (see
/// [`request_side`]).
fn struct_text(model: &Model, index: usize, opts: &RenderOptions, needs_validate: bool) -> String {
    let TypeDef::Struct {
        rust_name,
        wire_name,
        namespace,
        fields,
        doc,
    } = &model.types[index]
    else {
        return String::new();
    };
    let rt = quote!(rt);
    let mut out = String::from("rt::xml_struct! {\n");
    let mut doc_lines = doc.clone();
    if doc_lines.is_empty() {
        doc_lines.push(format!("The element content `{wire_name}`."));
    }
    out.push_str(&doc_text(&doc_lines, "    "));
    if defaultable(model, fields, &mut vec![index]) {
        out.push_str("    #[derive(Default)]\n");
    }
    out.push_str(&format!("    pub struct {rust_name} in {namespace:?} {{\n"));
    // Header blocks sit in the body element's namespace unless they have their own.
    let body_ns = model
        .operations
        .iter()
        .find(|o| o.request == index || o.response == index)
        .map_or("", |o| o.namespace.as_str());
    for f in fields {
        let mut lines = f.doc.clone();
        let about = about_type(model, f);
        if is_choice(model, f) {
            // The field's doc names the alternatives.
        } else if f.wire_name == TEXT_WIRE {
            lines.push(format!("Text content: {about}."));
        } else {
            let kind = if f.attribute { "attribute" } else { "element" };
            lines.push(format!("Wire {kind} `{}`: {about}.", f.wire_name));
            if f.occurs == Occurs::Optional && f.nillable {
                lines.push("`None` leaves it out; `Some(None)` sends it as `xsi:nil`.".into());
            }
        }
        out.push_str(&doc_text(&lines, "        "));
        // serde: an absent list is empty; `null` is nil (see `rt::nil_or_value`).
        match (f.occurs, f.nillable) {
            (Occurs::Many, _) => out.push_str("        #[serde(default)]\n"),
            (Occurs::Optional, true) => {
                out.push_str("        #[serde(default, deserialize_with = \"rt::nil_or_value\")]\n")
            }
            _ => {}
        }
        let required = f.occurs == Occurs::Required;
        let how = if is_choice(model, f) {
            if required {
                "choice_req"
            } else {
                "choice"
            }
        } else if f.attribute {
            if required {
                "attr_req"
            } else {
                "attr"
            }
        } else if f.wire_name == TEXT_WIRE {
            "text"
        } else if f.wire_name == ANY_WIRE {
            "any"
        } else if f.header {
            if opts.overlay.must_understand.contains(&f.wire_name) {
                "header_mu"
            } else {
                "header"
            }
        } else if required && f.nillable {
            "nil"
        } else if required {
            "req"
        } else {
            "opt"
        };
        // Choices are named by their Rust field in serde.
        let wire = if is_choice(model, f) {
            &f.rust_name
        } else {
            &f.wire_name
        };
        let ns = match (&f.namespace, f.header) {
            (None, true) => format!(" in {body_ns:?}"),
            _ => namespace_text(f),
        };
        let ty = rust_type_text(&field_type(model, index, f, &rt, opts));
        out.push_str(&format!(
            "        pub {}: {ty} = {how} {wire:?}{ns}{},\n",
            f.rust_name,
            check_text(model, f, needs_validate),
        ));
    }
    out.push_str("    }\n");
    let body: Vec<&Field> = fields
        .iter()
        .filter(|f| !f.header && !f.attribute && f.wire_name != TEXT_WIRE)
        .collect();
    // Children are matched by namespace and name when they are not all in the type's.
    let qualified = body.iter().any(|f| match f.ty {
        FieldType::Named(i) => match &model.types[i] {
            TypeDef::Choice { variants, .. } => variants.iter().any(|v| v.namespace.is_some()),
            _ => f.namespace.is_some(),
        },
        _ => f.namespace.is_some(),
    });
    let any = fields.iter().find(|f| f.wire_name == ANY_WIRE);
    match (
        fields.iter().any(|f| f.wire_name == TEXT_WIRE),
        qualified,
        any,
    ) {
        (true, _, _) => out.push_str("    read text;\n"),
        (false, true, Some(a)) => {
            out.push_str(&format!("    read qualified_any({});\n", a.rust_name))
        }
        (false, false, Some(a)) => out.push_str(&format!("    read any({});\n", a.rust_name)),
        (false, true, None) => out.push_str("    read qualified;\n"),
        (false, false, None) => {}
    }
    // A qualified attribute is listed as `{namespace}name`.
    let attributes: Vec<String> = fields
        .iter()
        .filter(|f| f.attribute)
        .map(|f| match &f.namespace {
            Some(ns) => format!("{:?}", format!("{{{ns}}}{}", f.wire_name)),
            None => format!("{:?}", f.wire_name),
        })
        .collect();
    if !attributes.is_empty() {
        out.push_str(&format!("    attributes [{}];\n", attributes.join(", ")));
    }
    let headers: Vec<String> = fields
        .iter()
        .filter(|f| f.header)
        .map(|f| {
            format!(
                "({:?}, {:?})",
                f.namespace.as_deref().unwrap_or(body_ns),
                f.wire_name
            )
        })
        .collect();
    if !headers.is_empty() {
        out.push_str(&format!("    headers [{}];\n", headers.join(", ")));
    }
    if needs_validate {
        let how = |f: &Field| match (f.occurs, f.nillable) {
            (Occurs::Required, false) => "req",
            (Occurs::Optional, true) => "optnil",
            _ => "opt",
        };
        let orders: Vec<String> = model
            .orders
            .iter()
            .filter(|o| o.owner == index)
            .map(|o| {
                let (a, b) = (&fields[o.first], &fields[o.last]);
                format!(
                    "{} {:?} {} <= {} {:?} {}",
                    a.rust_name,
                    a.wire_name,
                    how(a),
                    b.rust_name,
                    b.wire_name,
                    how(b)
                )
            })
            .collect();
        if orders.is_empty() {
            out.push_str("    impl Validate;\n");
        } else {
            out.push_str(&format!("    impl Validate [{}];\n", orders.join(", ")));
        }
    }
    out.push_str("}\n");
    out
}

/// Doc comment lines at `indent`.
fn doc_text(lines: &[String], indent: &str) -> String {
    lines
        .iter()
        .flat_map(|l| l.lines())
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| format!("{indent}/// {l}\n"))
        .collect()
}

/// ` in "namespace"` for a field in another namespace than its type's children.
fn namespace_text(f: &Field) -> String {
    f.namespace
        .as_ref()
        .map(|ns| format!(" in {ns:?}"))
        .unwrap_or_default()
}

/// What validation checks of a field: its facets (` [check FACETS]`), or the
/// generated type's own checks (` [nested]`: an enum refuses `Unknown`, a list
/// item by item).
fn check_text(model: &Model, f: &Field, needs_validate: bool) -> String {
    if !needs_validate {
        return String::new();
    }
    if let Some(fs) = f.facets {
        return format!(" [check {}]", model.facets[fs].rust_name);
    }
    if f.ty.named().is_some() {
        return " [nested]".into();
    }
    String::new()
}

/// A type as Rust source (`Option<rt::List<i32>>`), from its tokens.
fn rust_type_text(ty: &TokenStream) -> String {
    ty.to_string().replace(' ', "").replace(',', ", ")
}

/// Whether the field holds an `xs:choice` enum.
fn is_choice(model: &Model, f: &Field) -> bool {
    matches!(f.ty, FieldType::Named(i) if matches!(model.types[i], TypeDef::Choice { .. }))
}

/// A field's type for its doc line: a link to a generated type, else in words.
fn about_type(model: &Model, f: &Field) -> String {
    match &f.ty {
        FieldType::Named(i) => format!("[`{}`]", model.types[*i].rust_name()),
        FieldType::List(item) if matches!(**item, FieldType::Named(_)) => {
            format!(
                "list of [`{}`]",
                item.named().map_or("", |i| model.types[i].rust_name())
            )
        }
        FieldType::Scalar(_) | FieldType::List(_) => field_about(model, f),
    }
}

/// `rt::operation! { … }`: the request type's `Operation` impl (and the
/// response's `HasResult`), one fact a line.
pub(super) fn operation_text(
    model: &Model,
    op: &Operation,
    index: usize,
    opts: &RenderOptions,
) -> String {
    let q = |s: &str| format!("{s:?}");
    let opt = |a: &Option<String>| {
        a.as_deref()
            .map_or("None".into(), |a| format!("Some({a:?})"))
    };
    let pace = match opts.paces.get(index).and_then(Option::as_ref) {
        Some(p) => format!(
            "Some(rt::Pace::new({:?}, {}, {}))",
            p.group, p.calls, p.per_ms
        ),
        None => "None".into(),
    };
    let mut out = String::from("rt::operation! {\n");
    out.push_str(&format!(
        "    impl Operation for {} {{\n",
        model.types[op.request].rust_name()
    ));
    out.push_str(&format!(
        "        type Response = {};\n",
        model.types[op.response].rust_name()
    ));
    for (key, value) in [
        ("name", q(&op.wire_name)),
        ("namespace", q(&op.namespace)),
        ("request_element", q(&op.request_element)),
        ("response_element", q(&op.response_element)),
        ("soap11_action", opt(&op.soap11_action)),
        ("soap12_action", opt(&op.soap12_action)),
        ("doc", q(op.doc.as_deref().unwrap_or("").trim())),
        ("pace", pace),
        ("secrets", "SECRET_ELEMENTS".into()),
    ] {
        out.push_str(&format!("        {key}: {value},\n"));
    }
    let fields: &[Field] = match &model.types[op.request] {
        TypeDef::Struct { fields, .. } => fields,
        TypeDef::Enum { .. } | TypeDef::Choice { .. } => &[],
    };
    let rows: Vec<String> = fields
        .iter()
        .filter(|f| !f.header && f.wire_name != ANY_WIRE && f.wire_name != TEXT_WIRE)
        // A choice's alternatives are listed one by one, each optional.
        .flat_map(|f| match f.ty {
            FieldType::Named(i) => match &model.types[i] {
                TypeDef::Choice { variants, .. } => variants
                    .iter()
                    .map(|v| {
                        let many = f.occurs == Occurs::Many || v.occurs == Occurs::Many;
                        let occurs = if many { Occurs::Many } else { Occurs::Optional };
                        (v, occurs, Some(f.rust_name.as_str()))
                    })
                    .collect(),
                _ => vec![(f, f.occurs, None)],
            },
            _ => vec![(f, f.occurs, None)],
        })
        .map(|(f, occurs, choice)| {
            let required = occurs == Occurs::Required && !f.nillable;
            let repeated = occurs == Occurs::Many;
            let secret = opts.secret_fields.contains(&f.wire_name);
            let credential = opts.auth_field == Some(f.wire_name.as_str());
            let flags = u8::from(required)
                | u8::from(repeated) << 1
                | u8::from(secret) << 2
                | u8::from(credential) << 3
                | u8::from(f.attribute) << 4;
            let mut row = format!(
                "rt::FieldInfo::new({:?}, {flags}, {:?})",
                f.wire_name,
                field_about(model, f)
            );
            if let Some(ns) = &f.namespace {
                row.push_str(&format!(".in_namespace({ns:?})"));
            }
            if let Some(c) = choice {
                row.push_str(&format!(".in_choice({c:?})"));
            }
            row
        })
        .collect();
    if !rows.is_empty() {
        out.push_str("        request_fields: [\n");
        for row in rows {
            out.push_str(&format!("            {row},\n"));
        }
        out.push_str("        ],\n");
    }
    if opts.overlay.retry_safe.contains(&op.wire_name) {
        out.push_str("        retry_safe: true,\n");
    }
    if let Some(names) = opts.overlay.cli_aliases.get(&op.wire_name) {
        let names: Vec<String> = names.iter().map(|n| q(n)).collect();
        out.push_str(&format!("        cli_aliases: [{}],\n", names.join(", ")));
    }
    let headers: Vec<String> = fields
        .iter()
        .filter(|f| f.header)
        .filter_map(|f| {
            Some(format!(
                "{}: {}",
                f.rust_name,
                model.types[f.ty.named()?].rust_name()
            ))
        })
        .collect();
    if !headers.is_empty() {
        out.push_str(&format!("        headers: [{}],\n", headers.join(", ")));
    }
    if let Some((field, idx)) = &op.result_field {
        let code = model.types[*idx].rust_name();
        out.push_str(&format!("        result: {field}: {code}"));
        if let TypeDef::Enum { variants, .. } = &model.types[*idx] {
            let expired: Vec<&str> = variants
                .iter()
                .filter(|v| opts.overlay.is_session_expired(&v.1))
                .map(|v| v.0.as_str())
                .collect();
            if !expired.is_empty() {
                out.push_str(&format!(", session_expired: [{}]", expired.join(" | ")));
            }
        }
        out.push_str(",\n");
    }
    let auth = opts.auth_field.and_then(|wire| {
        fields.iter().find(|f| {
            f.wire_name == wire
                && f.occurs == Occurs::Optional
                && f.ty == FieldType::Scalar(Scalar::String)
        })
    });
    if let Some(f) = auth {
        out.push_str(&format!("        auth_code: {},\n", f.rust_name));
    }
    out.push_str("    }\n}\n");
    out
}

/// `rt::service! { … }`: the operation registry, the service trait (one method
/// per operation) and `dispatch`, which reads a request envelope, calls the
/// method of its body element and writes the answer.
pub(super) fn service_text(model: &Model) -> String {
    let mut out = String::from("rt::service! {\n");
    out.push_str(&format!(
        "    /// The server side of the `{}` service: one method per operation.\n    /// Implement it and answer requests with [`dispatch`].\n",
        model.service
    ));
    out.push_str(&format!(
        "    pub trait {}Service {{\n",
        crate::naming::type_name(&model.service)
    ));
    for op in &model.operations {
        out.push_str(&format!("        /// `{}`.\n", op.wire_name));
        out.push_str(&format!(
            "        fn {}({}) -> {};\n",
            op.method,
            model.types[op.request].rust_name(),
            model.types[op.response].rust_name()
        ));
    }
    out.push_str("    }\n}\n");
    out
}

/// A type in words (`string`, `one of A, B`, `list of integer`).
fn type_about(model: &Model, ty: &FieldType) -> String {
    match ty {
        FieldType::Scalar(s) => match s {
            Scalar::String => "string",
            Scalar::Bool => "boolean (true/false)",
            Scalar::I8 | Scalar::I16 | Scalar::I32 | Scalar::I64 => "integer",
            Scalar::U8 | Scalar::U16 | Scalar::U32 | Scalar::U64 => "unsigned integer",
            Scalar::F32 | Scalar::F64 => "number",
            Scalar::Decimal => "decimal",
            Scalar::DateTime => "dateTime",
            Scalar::Base64 => "base64",
            Scalar::Raw => "any XML",
        }
        .to_owned(),
        FieldType::Named(i) => match &model.types[*i] {
            TypeDef::Enum { variants, .. } => {
                let values: Vec<&str> = variants.iter().map(|v| v.1.as_str()).collect();
                format!("one of {}", values.join(", "))
            }
            TypeDef::Struct { wire_name, .. } => format!("complex type {wire_name}"),
            TypeDef::Choice { variants, .. } => {
                let names: Vec<&str> = variants.iter().map(|v| v.wire_name.as_str()).collect();
                format!("choice of {}", names.join(", "))
            }
        },
        FieldType::List(item) => format!("list of {}", type_about(model, item)),
    }
}

/// A field's type and facets in words, for tools (`string, maxLength 64`).
fn field_about(model: &Model, f: &Field) -> String {
    let mut about = type_about(model, &f.ty);
    if let Some(fs) = f.facets.map(|i| &model.facets[i].facets) {
        let mut parts = Vec::new();
        if let Some(v) = fs.min_length {
            parts.push(format!("minLength {v}"));
        }
        if let Some(v) = fs.max_length {
            parts.push(format!("maxLength {v}"));
        }
        if let Some((v, inclusive)) = fs.min {
            parts.push(format!("{} {v}", if inclusive { "≥" } else { ">" }));
        }
        if let Some((v, inclusive)) = fs.max {
            parts.push(format!("{} {v}", if inclusive { "≤" } else { "<" }));
        }
        for p in &fs.patterns {
            // A code span, so rustdoc does not read `[0-9]` as a link.
            let ticks = "`".repeat(p.matches('`').count().min(1) + 1);
            parts.push(format!("pattern {ticks}{p}{ticks}"));
        }
        if !parts.is_empty() {
            about.push_str(", ");
            about.push_str(&parts.join(", "));
        }
    }
    about
}
