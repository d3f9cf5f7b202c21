//! Turns the WSDL layer and xsd-parser's type model into the generator's [`Model`].

use std::collections::HashMap;
use std::ops::Bound;
use std::path::Path;

use xsd_parser::models::meta::{
    BuildInMeta, Constrains, ElementMetaVariant, ElementMode, MetaType, MetaTypeVariant, MetaTypes,
};
use xsd_parser::models::schema::MaxOccurs;
use xsd_parser::models::{IdentType, TypeIdent};

use crate::error::Error;
use crate::model::{FacetSet, Facets, Field, FieldType, Model, Occurs, Operation, Scalar, TypeDef};
use crate::naming;
use crate::wsdl::{QName, SoapVersion, Wsdl, XS_NS};

/// Options that change names, not wire behaviour.
#[derive(Debug, Clone, Default)]
pub(crate) struct NamingOptions {
    pub strip_hungarian: bool,
}

/// Serves the WSDL's embedded schemas to xsd-parser by their `urn:wsdl-types:` location,
/// and schema files referenced by a relative `schemaLocation` from the WSDL's folder.
#[derive(Debug)]
struct EmbeddedResolver {
    schemas: Vec<String>,
    base_dir: std::path::PathBuf,
}

impl xsd_parser::pipeline::parser::resolver::Resolver for EmbeddedResolver {
    type Buffer = std::io::Cursor<Vec<u8>>;
    type Error = String;

    fn resolve(
        &mut self,
        req: &xsd_parser::pipeline::parser::resolver::ResolveRequest,
    ) -> xsd_parser::pipeline::parser::resolver::ResolveResult<Self> {
        let location = req.requested_location.as_str();
        if let Some(i) =
            (0..self.schemas.len()).find(|i| crate::wsdl::embedded_schema_url(*i) == location)
        {
            let url = url::Url::parse(location).map_err(|e| e.to_string())?;
            return Ok(Some((
                None,
                url,
                std::io::Cursor::new(self.schemas[i].clone().into_bytes()),
            )));
        }
        let path = self.base_dir.join(location);
        let bytes = std::fs::read(&path)
            .map_err(|e| format!("schemaLocation `{location}` ({}): {e}", path.display()))?;
        let url = url::Url::from_file_path(&path)
            .map_err(|()| format!("schemaLocation `{location}` is not a file path"))?;
        Ok(Some((None, url, std::io::Cursor::new(bytes))))
    }
}

/// Reads all embedded schemas with xsd-parser and interprets them.
fn interpret(file: &Path, wsdl: &Wsdl) -> Result<MetaTypes, Error> {
    let base_dir = std::path::absolute(file)
        .ok()
        .and_then(|p| p.parent().map(Path::to_path_buf))
        .unwrap_or_default();
    let mut parser = xsd_parser::Parser::new()
        .with_resolver(EmbeddedResolver {
            schemas: wsdl.schemas.iter().map(|s| s.text.clone()).collect(),
            base_dir,
        })
        .resolve_includes(true)
        .with_default_namespaces();
    for (i, schema) in wsdl.schemas.iter().enumerate() {
        let url = url::Url::parse(&crate::wsdl::embedded_schema_url(i))
            .map_err(|e| Error::new(file, e.to_string()))?;
        parser = parser.add_schema_from_url(url).map_err(|e| {
            Error::new(file, format!("expected a valid XML schema: {e}")).at(Some(schema.position))
        })?;
    }
    let schemas = parser.finish();
    interpret_schemas(&schemas).map_err(|e| {
        let e = e.to_string();
        Error::new(
            file,
            format!(
                "expected resolvable schema types in <types>: {}",
                e.trim_end_matches('!')
            ),
        )
        .at(wsdl.schemas.first().map(|s| s.position))
    })
}

/// The XML Schema built-in types, registered as opaque types rather than aliases of
/// Rust ones: a restriction of `xs:decimal` then keeps `xs:decimal` as its base (and
/// becomes our exact `Decimal`, not an `f64`).
const XS_BUILTINS: &[&str] = &[
    "string",
    "normalizedString",
    "token",
    "language",
    "Name",
    "NCName",
    "ID",
    "IDREF",
    "IDREFS",
    "ENTITY",
    "ENTITIES",
    "NMTOKEN",
    "NMTOKENS",
    "anyURI",
    "QName",
    "NOTATION",
    "boolean",
    "decimal",
    "integer",
    "nonPositiveInteger",
    "negativeInteger",
    "long",
    "int",
    "short",
    "byte",
    "nonNegativeInteger",
    "unsignedLong",
    "unsignedInt",
    "unsignedShort",
    "unsignedByte",
    "positiveInteger",
    "float",
    "double",
    "duration",
    "dateTime",
    "time",
    "date",
    "gYearMonth",
    "gYear",
    "gMonthDay",
    "gDay",
    "gMonth",
    "hexBinary",
    "base64Binary",
    "anySimpleType",
];

fn interpret_schemas(
    schemas: &xsd_parser::Schemas,
) -> Result<MetaTypes, xsd_parser::pipeline::interpreter::Error> {
    let mut interpreter = xsd_parser::Interpreter::new(schemas).with_buildin_types()?;
    if let Some(xs) = schemas.resolve_namespace(&Some(xsd_parser_types::misc::Namespace::XS)) {
        for name in XS_BUILTINS {
            interpreter = interpreter.with_type(
                TypeIdent::type_(name).with_ns(xs),
                xsd_parser::models::meta::CustomMeta::new(*name),
            )?;
        }
        // `<s:element ref="s:schema"/>`: the inline schema ASMX sends before a
        // DataSet's `<s:any/>` content; any content, like `xs:anyType`.
        interpreter = interpreter.with_typedef(
            TypeIdent::element("schema").with_ns(xs),
            TypeIdent::type_("anyType").with_ns(xs),
        )?;
    }
    let (types, _) = interpreter.with_xs_any_type()?.finish()?;
    Ok(types)
}

struct Builder<'a> {
    file: &'a Path,
    types: &'a MetaTypes,
    naming: NamingOptions,
    model: Model,
    /// Generated type per xsd-parser identifier.
    seen: HashMap<TypeIdent, usize>,
    /// Resolution of each constrained simple type, so its facet set is emitted once.
    simple_types: HashMap<TypeIdent, (FieldType, Option<usize>)>,
    type_names: Vec<String>,
    /// The WSDL's schemas (their element form, their items' positions).
    wsdl_schemas: &'a [crate::wsdl::EmbeddedSchema],
    /// Position of the innermost named schema item being read, for errors.
    at: Option<(u32, u32)>,
}

/// Builds the model for `wsdl`.
pub(crate) fn build(file: &Path, wsdl: &Wsdl, naming: NamingOptions) -> Result<Model, Error> {
    let types = interpret(file, wsdl)?;
    let mut b = Builder {
        file,
        types: &types,
        naming,
        model: Model {
            service: wsdl
                .service_name
                .clone()
                .unwrap_or_else(|| "Service".into()),
            target_namespace: wsdl.target_namespace.clone(),
            ..Model::default()
        },
        seen: HashMap::new(),
        simple_types: HashMap::new(),
        // The service trait's name is taken before any type's.
        type_names: vec![format!(
            "{}Service",
            naming::type_name(wsdl.service_name.as_deref().unwrap_or("Service"))
        )],
        wsdl_schemas: &wsdl.schemas,
        at: None,
    };
    let mut methods = Vec::new();
    for op in &wsdl.operations {
        let at = Some(op.position);
        let Some(input) = &op.input else {
            return Err(Error::new(
                file,
                format!(
                    "expected operation `{}` to have an input message with an element part",
                    op.name
                ),
            )
            .at(at));
        };
        let Some(output) = &op.output else {
            return Err(Error::new(file, format!("expected operation `{}` to have an output message (one-way operations are not supported)", op.name)).at(at));
        };
        let op_name = naming::type_name(&op.name);
        let request = b
            .element_struct(input, &format!("{op_name}Request"))
            .map_err(|e| e.or_at(at))?;
        let response_name = if output.name.ends_with("Response") {
            naming::type_name(&output.name)
        } else {
            format!("{op_name}Response")
        };
        let response = b
            .element_struct(output, &response_name)
            .map_err(|e| e.or_at(at))?;
        let sides = [
            (&op.input_headers, request, &input.namespace, "sent in"),
            (&op.output_headers, response, &output.namespace, "read from"),
        ];
        for (headers, owner, body_ns, how) in sides {
            for h in headers {
                let name = naming::type_name(&h.name);
                let idx = b.element_struct(h, &name).map_err(|e| e.or_at(at))?;
                b.add_header_field(owner, h, idx, body_ns, how);
            }
        }
        let result_field = match &b.model.types[response] {
            TypeDef::Struct { fields, .. } => fields.first().and_then(|f| match f.ty {
                FieldType::Named(t)
                    if f.wire_name == format!("{}Result", op.name)
                        && f.occurs == Occurs::Required
                        && matches!(b.model.types[t], TypeDef::Enum { .. }) =>
                {
                    Some((f.rust_name.clone(), t))
                }
                _ => None,
            }),
            TypeDef::Enum { .. } | TypeDef::Choice { .. } => None,
        };
        let action = |v: SoapVersion| {
            op.actions
                .iter()
                .find(|(ver, _)| *ver == v)
                .map(|(_, a)| a.clone())
        };
        b.model.operations.push(Operation {
            wire_name: op.name.clone(),
            method: naming::unique(naming::field_name(&op.name, false), &mut methods),
            doc: op
                .documentation
                .as_ref()
                .and_then(|d| plain_docs(std::slice::from_ref(d)).pop()),
            request,
            request_element: input.name.clone(),
            response,
            response_element: output.name.clone(),
            namespace: input.namespace.clone(),
            soap11_action: action(SoapVersion::Soap11),
            soap12_action: action(SoapVersion::Soap12),
            result_field,
        });
    }
    // The ASMX result field reads better as `result`.
    for op in &mut b.model.operations {
        if let Some((name, _)) = &mut op.result_field {
            if let TypeDef::Struct { fields, .. } = &mut b.model.types[op.response] {
                if !fields.iter().any(|f| f.rust_name == "result") {
                    fields[0].rust_name = "result".into();
                    *name = "result".into();
                }
            }
        }
    }
    Ok(b.model)
}

impl<'a> Builder<'a> {
    /// An error at the schema item being read, if known.
    fn err(&self, message: impl Into<String>) -> Error {
        Error::new(self.file, message).at(self.at)
    }

    /// The URI of a namespace id (`None` for no namespace).
    fn namespace_uri(&self, ns: xsd_parser::models::schema::NamespaceId) -> Option<String> {
        self.types
            .modules
            .get(&ns)
            .and_then(|m| m.namespace.as_ref())
            .map(|ns| String::from_utf8_lossy(&ns.0).into_owned())
    }

    fn lookup_element(&self, qname: &QName) -> Option<(&TypeIdent, &MetaType)> {
        self.types.items.iter().find(|(ident, _)| {
            ident.type_ == IdentType::Element
                && ident.name.as_str() == qname.name
                && self.namespace_uri(ident.ns).as_deref() == Some(qname.namespace.as_str())
        })
    }

    /// The struct for a global element (the body or a header element).
    fn element_struct(&mut self, element: &QName, rust_name: &str) -> Result<usize, Error> {
        let (_, meta) = self.lookup_element(element).ok_or_else(|| {
            self.err(format!(
                "expected a global <element name=\"{}\"> in a schema with targetNamespace \"{}\"",
                element.name, element.namespace
            ))
        })?;
        let type_ident = match &meta.variant {
            MetaTypeVariant::Reference(r) => r.type_.clone(),
            _ => {
                return Err(self.err(format!(
                    "expected element `{}` to have a complex type",
                    element.name
                )))
            }
        };
        let ty = self.resolve_type(&type_ident, Some(rust_name), &element.name)?;
        match ty {
            FieldType::Named(idx) if matches!(self.model.types[idx], TypeDef::Struct { .. }) => Ok(idx),
            _ => Err(self.err(format!(
                "expected element `{}` to have a complex type with a sequence of elements (document/literal wrapped)",
                element.name
            ))),
        }
    }

    /// A `soap:header` part as an optional field of the request or response
    /// struct, sent or read in `<soap:Header>`.
    fn add_header_field(&mut self, owner: usize, h: &QName, idx: usize, body_ns: &str, how: &str) {
        if let TypeDef::Struct { fields, .. } = &mut self.model.types[owner] {
            if fields.iter().any(|f| f.header && f.wire_name == h.name) {
                return;
            }
            let mut taken: Vec<String> = fields.iter().map(|f| f.rust_name.clone()).collect();
            fields.push(Field {
                rust_name: naming::unique(naming::field_name(&h.name, false), &mut taken),
                wire_name: h.name.clone(),
                ty: FieldType::Named(idx),
                occurs: Occurs::Optional,
                nillable: false,
                facets: None,
                doc: vec![format!("SOAP header `{}`, {how} `<soap:Header>`.", h.name)],
                header: true,
                attribute: false,
                namespace: (h.namespace != body_ns).then(|| h.namespace.clone()),
            });
        }
    }

    fn new_type_name(&mut self, wanted: &str) -> String {
        naming::unique(wanted.to_string(), &mut self.type_names)
    }

    /// The field type for a type identifier, generating named types on first use.
    fn resolve_type(
        &mut self,
        ident: &TypeIdent,
        name_hint: Option<&str>,
        context: &str,
    ) -> Result<FieldType, Error> {
        Ok(self.resolve_with_facets(ident, name_hint, context)?.0)
    }

    fn resolve_with_facets(
        &mut self,
        ident: &TypeIdent,
        name_hint: Option<&str>,
        context: &str,
    ) -> Result<(FieldType, Option<usize>), Error> {
        if let Some(scalar) = self.xs_scalar(ident) {
            return Ok((
                FieldType::Scalar(scalar),
                self.lexical_facets(ident.name.as_str()),
            ));
        }
        if let Some(idx) = self.seen.get(ident) {
            return Ok((FieldType::Named(*idx), None));
        }
        if let Some(resolved) = self.simple_types.get(ident) {
            return Ok(resolved.clone());
        }
        let meta = self.types.items.get(ident).ok_or_else(|| {
            self.err(format!(
                "expected a definition of type `{}` used by `{context}`",
                ident.name
            ))
        })?;
        // Errors inside a named schema item point at it (an anonymous type's
        // at the item that holds it).
        let wire_name = ident.name.as_str().to_string();
        let outer = match self.position_of(&wire_name) {
            Some(pos) => self.at.replace(pos),
            None => self.at,
        };
        let resolved = self.resolve_meta(ident, meta, wire_name, name_hint, context);
        if resolved.is_ok() {
            self.at = outer;
        }
        resolved
    }

    /// Where a named item (type, element, group) of the WSDL's schemas starts.
    fn position_of(&self, name: &str) -> Option<(u32, u32)> {
        self.wsdl_schemas
            .iter()
            .flat_map(|s| &s.items)
            .find(|(n, _)| n == name)
            .map(|(_, pos)| *pos)
    }

    fn resolve_meta(
        &mut self,
        ident: &TypeIdent,
        meta: &'a MetaType,
        wire_name: String,
        name_hint: Option<&str>,
        context: &str,
    ) -> Result<(FieldType, Option<usize>), Error> {
        let doc = plain_docs(&meta.documentation);
        match &meta.variant {
            MetaTypeVariant::BuildIn(b) => Ok((FieldType::Scalar(buildin_scalar(b)), None)),
            MetaTypeVariant::Reference(r) => {
                if r.max_occurs != MaxOccurs::Bounded(1) {
                    // `xs:list` (ASMX writes [Flags] enums so): typed items.
                    let (item, facets) = self.resolve_with_facets(&r.type_.clone(), name_hint, context)?;
                    return Ok((list_of(item), facets));
                }
                self.resolve_with_facets(&r.type_.clone(), name_hint, context)
            }
            MetaTypeVariant::Union(_) => Ok((FieldType::Scalar(Scalar::String), None)),
            MetaTypeVariant::SimpleType(s) => {
                if s.is_list {
                    let (item, facets) = self.resolve_with_facets(&s.base.clone(), name_hint, context)?;
                    return Ok((list_of(item), facets));
                }
                let (base, base_facets) = self.resolve_with_facets(&s.base.clone(), None, context)?;
                let facets = convert_facets(&s.constrains);
                if facets.is_empty() {
                    return Ok((base, base_facets));
                }
                let idx = self.model.facets.len();
                let rust_name = heck::ToShoutySnakeCase::to_shouty_snake_case(wire_name.as_str());
                let rust_name = naming::unique(rust_name, &mut self.type_names);
                self.model.facets.push(FacetSet { rust_name, wire_name, facets });
                self.simple_types.insert(ident.clone(), (base.clone(), Some(idx)));
                Ok((base, Some(idx)))
            }
            MetaTypeVariant::Enumeration(e) => {
                let values: Vec<String> = e.variants.0.iter().map(|v| v.ident.name.as_str().to_string()).collect();
                let names = naming::variant_names(&values);
                let variants = names
                    .into_iter()
                    .zip(values)
                    .zip(e.variants.0.iter().map(|v| plain_docs(&v.documentation)))
                    .map(|((n, v), d)| (n, v, d))
                    .collect();
                let rust_name = self.new_type_name(&naming::type_name(name_hint.unwrap_or(&wire_name)));
                let idx = self.model.types.len();
                self.model.types.push(TypeDef::Enum { rust_name, wire_name, variants, doc });
                self.seen.insert(ident.clone(), idx);
                Ok((FieldType::Named(idx), None))
            }
            MetaTypeVariant::ComplexType(c) => {
                let rust_name = self.new_type_name(&naming::type_name(name_hint.unwrap_or(&wire_name)));
                // Child elements are in the schema's namespace only when its
                // elementFormDefault is qualified; otherwise in no namespace.
                let namespace = self
                    .namespace_uri(ident.ns)
                    .filter(|ns| {
                        self.wsdl_schemas
                            .iter()
                            .find(|s| s.target_namespace == *ns)
                            .is_none_or(|s| s.elements_qualified)
                    })
                    .unwrap_or_default();
                let idx = self.model.types.len();
                // Reserve the slot first: the type may refer to itself.
                self.model.types.push(TypeDef::Struct {
                    rust_name: rust_name.clone(),
                    wire_name: wire_name.clone(),
                    namespace: namespace.clone(),
                    fields: Vec::new(),
                    doc: doc.clone(),
                });
                self.seen.insert(ident.clone(), idx);
                // Attributes first, as they come first on the wire; `anyAttribute`
                // (ASMX writes it on every SoapHeader class) adds no field.
                let mut fields = self.attribute_fields(&c.attributes, &wire_name, ident.ns)?;
                // xsd-parser already merges an extension's base content into `content`.
                match &c.content {
                    // `simpleContent` ([XmlText] with [XmlAttribute]s): the text is
                    // one field, `value`.
                    Some(content) if self.is_simple_content(content) => {
                        let hint = naming::type_name(&format!("{wire_name}_value"));
                        let (ty, facets) = self.resolve_with_facets(&content.clone(), Some(&hint), &wire_name)?;
                        fields.push(Field {
                            rust_name: "value".into(),
                            wire_name: TEXT_WIRE.into(),
                            ty,
                            occurs: Occurs::Required,
                            nillable: false,
                            facets,
                            doc: Vec::new(),
                            header: false,
                            attribute: false,
                            namespace: None,
                        });
                    }
                    Some(content) => self.collect_fields(
                        &content.clone(),
                        &wire_name,
                        &mut fields,
                        (u64::from(c.min_occurs > 0), c.max_occurs),
                    )?,
                    None => {}
                }
                // The children's namespace is the first element's (XSD gives each
                // element its own; one type's elements nearly always share one);
                // elements in another namespace keep theirs.
                let namespace = fields
                    .iter()
                    .filter(|f| !f.attribute)
                    .find_map(|f| f.namespace.clone())
                    .unwrap_or(namespace);
                // (An attribute's namespace is its own, never implied.)
                let same = |f: &mut Field| {
                    if !f.attribute && f.namespace.as_deref() == Some(namespace.as_str()) {
                        f.namespace = None;
                    }
                };
                for f in &mut fields {
                    same(f);
                    if let FieldType::Named(i) = f.ty {
                        if let TypeDef::Choice { variants, .. } = &mut self.model.types[i] {
                            variants.iter_mut().for_each(same);
                        }
                    }
                }
                // `r`, `w` and `v` name the reader, writer and validator in generated code.
                let mut taken: Vec<String> = ["r", "w", "v"].iter().map(|s| s.to_string()).collect();
                // Names that collide once their Hungarian prefix is stripped (`bStatus`,
                // `sStatus`) keep it (`b_status`, `s_status`) rather than becoming `status2`.
                let stripped: Vec<String> = fields.iter().map(|f| f.rust_name.clone()).collect();
                for f in &mut fields {
                    if stripped.iter().filter(|n| **n == f.rust_name).count() > 1 {
                        f.rust_name = naming::field_name(&f.wire_name, false);
                    }
                }
                for f in &mut fields {
                    f.rust_name = naming::unique(f.rust_name.clone(), &mut taken);
                }
                if let TypeDef::Struct { fields: slot, namespace: ns, .. } = &mut self.model.types[idx] {
                    *slot = fields;
                    *ns = namespace;
                }
                Ok((FieldType::Named(idx), None))
            }
            MetaTypeVariant::Custom(_) | MetaTypeVariant::Dynamic(_) => Err(self.err(format!(
                "type `{wire_name}` (used by `{context}`) is a substitution group or custom type, which is not supported"
            ))),
            MetaTypeVariant::All(_) | MetaTypeVariant::Choice(_) | MetaTypeVariant::Sequence(_) => {
                Err(self.err(format!("expected a type for `{context}`, found a model group `{wire_name}`")))
            }
        }
    }

    /// Appends the fields of a content model (sequence or all) to `fields`; a
    /// `<choice>` becomes one field of a generated enum (see [`Self::choice_field`]).
    fn collect_fields(
        &mut self,
        group: &TypeIdent,
        owner: &str,
        fields: &mut Vec<Field>,
        occurs: (u64, MaxOccurs),
    ) -> Result<(), Error> {
        let meta = self
            .types
            .items
            .get(group)
            .ok_or_else(|| self.err(format!("expected the content model of `{owner}`")))?;
        let elements = match &meta.variant {
            MetaTypeVariant::Sequence(g) | MetaTypeVariant::All(g) => g.elements.0.clone(),
            MetaTypeVariant::Choice(g) => {
                let field = self.choice_field(&g.elements.0.clone(), owner, occurs)?;
                fields.push(field);
                return Ok(());
            }
            _ => return Err(self.err(format!("expected a <sequence> in type `{owner}`"))),
        };
        for el in elements {
            match &el.variant {
                ElementMetaVariant::Type {
                    type_,
                    mode: ElementMode::Group,
                } => {
                    self.collect_fields(
                        &type_.clone(),
                        owner,
                        fields,
                        (u64::from(el.min_occurs > 0), el.max_occurs),
                    )?;
                }
                ElementMetaVariant::Type {
                    mode: ElementMode::Element,
                    ..
                } => match self.element_field(&el, owner)? {
                    Some(field) => fields.push(field),
                    // `ref="s:schema"` before `<s:any/>` (a DataSet): the inline
                    // schema goes with the content, in order, into the `xs:any` field.
                    None => push_any_field(fields),
                },
                ElementMetaVariant::Any { .. } => push_any_field(fields),
                ElementMetaVariant::Text => {
                    return Err(self.err(format!(
                        "type `{owner}` has mixed text content, which is not supported"
                    )))
                }
            }
        }
        Ok(())
    }

    /// The field for one element of a content model; `None` for a DataSet's
    /// `ref="s:schema"`, which the caller keeps with the `xs:any` content.
    fn element_field(
        &mut self,
        el: &xsd_parser::models::meta::ElementMeta,
        owner: &str,
    ) -> Result<Option<Field>, Error> {
        let ElementMetaVariant::Type { type_, .. } = &el.variant else {
            return Err(self.err(format!("expected an element in type `{owner}`")));
        };
        let wire_name = el.ident.name.as_str().to_string();
        let occurs = match (el.min_occurs, el.max_occurs) {
            (_, MaxOccurs::Unbounded) => Occurs::Many,
            (_, MaxOccurs::Bounded(n)) if n > 1 => Occurs::Many,
            (0, _) => Occurs::Optional,
            _ => Occurs::Required,
        };
        // A `ref=` element is a global one: always in its schema's namespace. A
        // local one is, when its form is qualified.
        let element_ns = if type_.type_ == IdentType::Element
            || el.form == xsd_parser::models::schema::xs::FormChoiceType::Qualified
        {
            self.namespace_uri(el.ident.ns).unwrap_or_default()
        } else {
            String::new()
        };
        let hint = match type_.type_ {
            IdentType::ElementType => Some(naming::type_name(&format!("{owner}_{wire_name}"))),
            _ => None,
        };
        let (ty, facets) = self.resolve_with_facets(&type_.clone(), hint.as_deref(), &wire_name)?;
        if ty == FieldType::Scalar(Scalar::Raw) && wire_name == "schema" {
            return Ok(None);
        }
        Ok(Some(Field {
            rust_name: naming::field_name(&wire_name, self.naming.strip_hungarian),
            wire_name,
            ty,
            occurs,
            nillable: el.nillable,
            facets,
            doc: plain_docs(&el.documentation),
            header: false,
            attribute: false,
            namespace: Some(element_ns),
        }))
    }

    /// An `xs:choice` as a generated enum with one variant per alternative, and the
    /// field that holds it: the enum itself when the choice is required, an
    /// `Option` when it may be absent, a `Vec` (document order kept) when it
    /// repeats. Alternatives must be elements.
    fn choice_field(
        &mut self,
        elements: &[xsd_parser::models::meta::ElementMeta],
        owner: &str,
        occurs: (u64, MaxOccurs),
    ) -> Result<Field, Error> {
        let repeated = occurs.1 != MaxOccurs::Bounded(1);
        let mut variants = Vec::new();
        let mut names = Vec::new();
        for el in elements {
            let field = match &el.variant {
                ElementMetaVariant::Type {
                    mode: ElementMode::Element,
                    ..
                } => self.element_field(el, owner)?,
                _ => None,
            };
            let Some(mut field) = field else {
                return Err(self.err(format!(
                    "type `{owner}` has a <choice> alternative that is not an element (a group, `xs:any` or text), which is not supported; alternatives that are elements are"
                )));
            };
            // In a repeated choice, each occurrence is its own item.
            field.occurs = if field.occurs == Occurs::Many && !repeated {
                Occurs::Many
            } else {
                Occurs::Required
            };
            field.rust_name = naming::unique(naming::type_name(&field.wire_name), &mut names);
            variants.push(field);
        }
        let wires: Vec<String> = variants.iter().map(|v| v.wire_name.clone()).collect();
        let joined = if wires.len() <= 3 {
            wires.join("_or_")
        } else {
            "choice".to_owned()
        };
        let rust_name = self.new_type_name(&naming::type_name(&format!("{owner}_{joined}")));
        let wire_name = wires.join("|");
        let doc = vec![format!(
            "A `<choice>` of `{owner}`: {}.",
            if repeated {
                "any number of these elements, in order"
            } else {
                "one of these elements"
            }
        )];
        let idx = self.model.types.len();
        self.model.types.push(TypeDef::Choice {
            rust_name: rust_name.clone(),
            variants,
            doc: doc.clone(),
        });
        Ok(Field {
            rust_name: naming::field_name(&joined, false),
            wire_name,
            ty: FieldType::Named(idx),
            occurs: match (repeated, occurs.0 > 0) {
                (true, _) => Occurs::Many,
                (false, true) => Occurs::Required,
                (false, false) => Occurs::Optional,
            },
            nillable: false,
            facets: None,
            doc: vec![format!(
                "[`{rust_name}`]: the `<choice>` of {}.",
                wires.join(", ")
            )],
            header: false,
            attribute: false,
            namespace: None,
        })
    }

    /// Whether a complex type's content is a simple type (`simpleContent`); our
    /// custom XSD built-ins count, which xsd-parser's own check does not know.
    fn is_simple_content(&self, content: &TypeIdent) -> bool {
        self.types.get_resolved_type(content).is_some_and(|t| {
            !matches!(
                t.variant,
                MetaTypeVariant::Sequence(_)
                    | MetaTypeVariant::All(_)
                    | MetaTypeVariant::Choice(_)
                    | MetaTypeVariant::ComplexType(_)
            )
        })
    }

    /// `xs:attribute`s of a simple type as fields (`use="required"` without a
    /// default is required; a default is documented, not filled in).
    fn attribute_fields(
        &mut self,
        attributes: &xsd_parser::models::meta::AttributesMeta,
        owner: &str,
        owner_ns: xsd_parser::models::schema::NamespaceId,
    ) -> Result<Vec<Field>, Error> {
        use xsd_parser::models::meta::AttributeMetaVariant;
        use xsd_parser::models::schema::xs::Use;
        let mut fields = Vec::new();
        for a in attributes.iter() {
            let AttributeMetaVariant::Type(type_) = &a.variant else {
                continue;
            };
            if a.use_ == Use::Prohibited {
                continue;
            }
            let name = a.ident.name.as_str().to_string();
            let hint = naming::type_name(&format!("{owner}_{name}"));
            let (ty, facets) = self.resolve_with_facets(&type_.clone(), Some(&hint), &name)?;
            if let Some(i) = ty.named() {
                if matches!(self.model.types[i], TypeDef::Struct { .. }) {
                    return Err(self.err(format!(
                        "attribute `{name}` of type `{owner}` has a complex type; attributes are simple values"
                    )));
                }
            }
            let mut doc = plain_docs(&a.documentation);
            if let Some(default) = &a.default {
                doc.push(format!(
                    "Absent means `{}`.",
                    plain_docs(std::slice::from_ref(default)).concat()
                ));
            }
            fields.push(Field {
                rust_name: naming::field_name(&name, self.naming.strip_hungarian),
                wire_name: name,
                ty,
                occurs: if a.use_ == Use::Required && a.default.is_none() {
                    Occurs::Required
                } else {
                    Occurs::Optional
                },
                nillable: false,
                facets,
                doc,
                header: false,
                attribute: true,
                // Qualified (`attributeFormDefault`, `form=`, or a `ref=` to another
                // schema's attribute): written with a prefix for its namespace.
                namespace: if type_.type_ == IdentType::Attribute {
                    self.namespace_uri(type_.ns)
                } else if a.form == xsd_parser::models::schema::xs::FormChoiceType::Qualified {
                    self.namespace_uri(owner_ns)
                } else {
                    None
                }
                .filter(|ns| !ns.is_empty()),
            });
        }
        Ok(fields)
    }

    /// The lexical rules of XSD built-ins that are kept as strings (`hexBinary`,
    /// `duration`), as a facet set checked before sending; one set per built-in.
    fn lexical_facets(&mut self, xs_name: &str) -> Option<usize> {
        let patterns: &[&str] = match xs_name {
            "hexBinary" => &["([0-9a-fA-F]{2})*"],
            // No look-ahead in the checker: a shape, a digit somewhere, no bare `T`.
            "duration" => &[
                "-?P([0-9]+Y)?([0-9]+M)?([0-9]+D)?(T([0-9]+H)?([0-9]+M)?([0-9]+(\\.[0-9]+)?S)?)?",
                ".*[0-9].*",
                ".*[^T]",
            ],
            _ => return None,
        };
        let wire_name = format!("xs:{xs_name}");
        if let Some(i) = self
            .model
            .facets
            .iter()
            .position(|f| f.wire_name == wire_name)
        {
            return Some(i);
        }
        let rust_name =
            heck::ToShoutySnakeCase::to_shouty_snake_case(format!("xs_{xs_name}").as_str());
        let rust_name = naming::unique(rust_name, &mut self.type_names);
        self.model.facets.push(FacetSet {
            rust_name,
            wire_name,
            facets: Facets {
                patterns: patterns.iter().map(|p| p.to_string()).collect(),
                ..Facets::default()
            },
        });
        Some(self.model.facets.len() - 1)
    }

    /// Scalars for the XML Schema namespace's own types.
    fn xs_scalar(&self, ident: &TypeIdent) -> Option<Scalar> {
        if self.namespace_uri(ident.ns).as_deref() != Some(XS_NS) {
            return None;
        }
        Some(match ident.name.as_str() {
            "boolean" => Scalar::Bool,
            // `xs:anyType` content, and the `xs:schema` element a DataSet sends inline.
            "anyType" | "schema" => Scalar::Raw,
            "byte" => Scalar::I8,
            "short" => Scalar::I16,
            "int" => Scalar::I32,
            "long" | "integer" | "negativeInteger" | "nonPositiveInteger" => Scalar::I64,
            "unsignedByte" => Scalar::U8,
            "unsignedShort" => Scalar::U16,
            "unsignedInt" => Scalar::U32,
            "unsignedLong" | "nonNegativeInteger" | "positiveInteger" => Scalar::U64,
            "float" => Scalar::F32,
            "double" => Scalar::F64,
            "decimal" => Scalar::Decimal,
            "dateTime" => Scalar::DateTime,
            "base64Binary" => Scalar::Base64,
            _ => Scalar::String,
        })
    }
}

fn buildin_scalar(b: &BuildInMeta) -> Scalar {
    match b {
        BuildInMeta::U8 => Scalar::U8,
        BuildInMeta::U16 => Scalar::U16,
        BuildInMeta::U32 => Scalar::U32,
        BuildInMeta::U64 | BuildInMeta::U128 | BuildInMeta::Usize => Scalar::U64,
        BuildInMeta::I8 => Scalar::I8,
        BuildInMeta::I16 => Scalar::I16,
        BuildInMeta::I32 => Scalar::I32,
        BuildInMeta::I64 | BuildInMeta::I128 | BuildInMeta::Isize => Scalar::I64,
        BuildInMeta::F32 => Scalar::F32,
        BuildInMeta::F64 => Scalar::F64,
        BuildInMeta::Bool => Scalar::Bool,
        BuildInMeta::Str | BuildInMeta::String => Scalar::String,
    }
}

fn convert_facets(c: &Constrains) -> Facets {
    // `INF`/`NaN` bounds constrain nothing a number can break.
    let number = |v: &str| v.trim().parse::<f64>().ok().filter(|v| v.is_finite());
    let bound = |b: &Bound<String>| match b {
        Bound::Included(v) => number(v).map(|v| (v, true)),
        Bound::Excluded(v) => number(v).map(|v| (v, false)),
        Bound::Unbounded => None,
    };
    Facets {
        min_length: c.min_length,
        max_length: c.max_length,
        patterns: c.patterns.clone(),
        min: bound(&c.range.start),
        max: bound(&c.range.end),
        total_digits: c.total_digits,
        fraction_digits: c.fraction_digits,
    }
}

/// Adds the field that holds `xs:any` content (once): every child no other field
/// takes, and every child of another namespace, kept as raw XML in order.
fn push_any_field(fields: &mut Vec<Field>) {
    if fields.iter().any(|f| f.wire_name == ANY_WIRE) {
        return;
    }
    let mut taken: Vec<String> = fields.iter().map(|f| f.rust_name.clone()).collect();
    fields.push(Field {
        rust_name: naming::unique("any".into(), &mut taken),
        wire_name: ANY_WIRE.into(),
        ty: FieldType::Scalar(Scalar::Raw),
        occurs: Occurs::Many,
        nillable: false,
        facets: None,
        doc: vec!["Content of `xs:any` (a DataSet: its `xs:schema`, then its diffgram): the child elements no other field takes, as received.".into()],
        header: false,
        attribute: false,
        namespace: None,
    });
}

/// The wire name of the field that holds a `simpleContent` type's text.
pub(crate) const TEXT_WIRE: &str = "#text";

/// The wire name of the field that holds `xs:any` content.
pub(crate) const ANY_WIRE: &str = "*";

/// An `xs:list` of `item`; a list of lists (not valid XSD) or of a complex type
/// stays the list's text.
fn list_of(item: FieldType) -> FieldType {
    match item {
        FieldType::List(_) => FieldType::Scalar(Scalar::String),
        item => FieldType::List(Box::new(item)),
    }
}

/// Documentation from the WSDL or schema as plain text in rustdoc: `[`, `]`, `<`
/// and `>` escaped, so that `[0-9]` is no broken link and `List<T>` no HTML tag.
fn plain_docs(lines: &[String]) -> Vec<String> {
    lines
        .iter()
        .map(|l| {
            let mut out = String::with_capacity(l.len());
            for c in l.chars() {
                if matches!(c, '[' | ']' | '<' | '>') {
                    out.push('\\');
                }
                out.push(c);
            }
            out
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn schema_documentation_cannot_make_links_or_html_in_rustdoc() {
        assert_eq!(
            super::plain_docs(&["Returns List<Order> [see spec]".to_owned()]),
            ["Returns List\\<Order\\> \\[see spec\\]"]
        );
    }
}
