//! Reads the WSDL 1.1 layer: messages, port types, SOAP bindings, services and the
//! `<schema>` elements of `<types>`. The schemas themselves go to xsd-parser.

use std::collections::HashMap;
use std::path::Path;

use roxmltree::{Document, Node};

use crate::error::Error;

pub(crate) const WSDL_NS: &str = "http://schemas.xmlsoap.org/wsdl/";
const WSDL2_NS: &str = "http://www.w3.org/ns/wsdl";
const SOAP11_BINDING_NS: &str = "http://schemas.xmlsoap.org/wsdl/soap/";
const SOAP12_BINDING_NS: &str = "http://schemas.xmlsoap.org/wsdl/soap12/";
pub(crate) const XS_NS: &str = "http://www.w3.org/2001/XMLSchema";

/// A namespace-qualified name, `(namespace, local name)`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct QName {
    /// Namespace URI (empty for no namespace).
    pub namespace: String,
    /// Local part.
    pub name: String,
}

/// The SOAP versions a binding can speak.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SoapVersion {
    /// SOAP 1.1 (`wsdl/soap/` binding).
    Soap11,
    /// SOAP 1.2 (`wsdl/soap12/` binding).
    Soap12,
}

/// One `<schema>` of `<types>`, made standalone: the namespace declarations it
/// inherits from `<definitions>` are copied onto its start tag.
#[derive(Debug, Clone)]
pub struct EmbeddedSchema {
    /// The schema's XML text, ready for an XSD parser.
    pub text: String,
    /// Where the `<schema>` element starts in the WSDL (line, column).
    pub position: (u32, u32),
    /// Its `targetNamespace` (empty if none).
    pub target_namespace: String,
    /// `elementFormDefault="qualified"`: local elements are in the target
    /// namespace. XSD's default is unqualified (no namespace); ASMX writes qualified.
    pub elements_qualified: bool,
    /// Its named items (types, elements, groups) and where each starts, so that
    /// an error in a type points at the type.
    pub items: Vec<(String, (u32, u32))>,
}

/// An operation as the WSDL binds it.
#[derive(Debug, Clone)]
pub struct BoundOperation {
    /// Wire name of the operation.
    pub name: String,
    /// Documentation of the port type operation, if any.
    pub documentation: Option<String>,
    /// Element of the input message's part (`None` for an operation with no input part).
    pub input: Option<QName>,
    /// Element of the output message's part.
    pub output: Option<QName>,
    /// Elements sent as SOAP headers with the input.
    pub input_headers: Vec<QName>,
    /// Elements the output carries as SOAP headers.
    pub output_headers: Vec<QName>,
    /// SOAPAction per bound SOAP version, in the order the bindings appear.
    pub actions: Vec<(SoapVersion, String)>,
    /// Where the port type operation starts.
    pub position: (u32, u32),
}

/// What the generator needs from a WSDL document.
#[derive(Debug, Clone)]
pub struct Wsdl {
    /// `targetNamespace` of `<definitions>`.
    pub target_namespace: String,
    /// Name of the first `<service>`, if any.
    pub service_name: Option<String>,
    /// Port addresses per SOAP version.
    pub addresses: Vec<(SoapVersion, String)>,
    /// Schemas of `<types>`.
    pub schemas: Vec<EmbeddedSchema>,
    /// Operations bound by at least one SOAP binding, in port type order.
    pub operations: Vec<BoundOperation>,
}

struct Ctx<'a, 'input> {
    file: &'a Path,
    doc: &'a Document<'input>,
}

impl Ctx<'_, '_> {
    fn pos(&self, node: Node) -> (u32, u32) {
        let p = self.doc.text_pos_at(node.range().start);
        (p.row, p.col)
    }

    fn err(&self, node: Node, message: impl Into<String>) -> Error {
        Error::new(self.file, message).at(Some(self.pos(node)))
    }

    fn attr<'n>(&self, node: Node<'n, '_>, name: &str) -> Result<&'n str, Error> {
        node.attribute(name).ok_or_else(|| {
            self.err(
                node,
                format!(
                    "expected attribute `{name}` on <{}>",
                    node.tag_name().name()
                ),
            )
        })
    }

    /// Resolves a `prefix:local` attribute value against the namespaces in scope.
    fn qname_attr(&self, node: Node, name: &str) -> Result<QName, Error> {
        let value = self.attr(node, name)?;
        let (prefix, local) = match value.split_once(':') {
            Some((p, l)) => (Some(p), l),
            None => (None, value),
        };
        let namespace = node.lookup_namespace_uri(prefix).ok_or_else(|| {
            self.err(
                node,
                format!(
                    "expected a declared namespace prefix in {name}=\"{value}\", but `{}` is not declared",
                    prefix.unwrap_or("")
                ),
            )
        })?;
        Ok(QName {
            namespace: namespace.to_string(),
            name: local.to_string(),
        })
    }
}

fn children<'a, 'input>(
    node: Node<'a, 'input>,
    ns: &'static str,
    name: &'static str,
) -> impl Iterator<Item = Node<'a, 'input>> {
    node.children()
        .filter(move |c| c.is_element() && c.has_tag_name((ns, name)))
}

fn soap_child<'a, 'input>(
    node: Node<'a, 'input>,
    name: &str,
) -> Option<(SoapVersion, Node<'a, 'input>)> {
    node.children().filter(Node::is_element).find_map(|c| {
        let version = match c.tag_name().namespace()? {
            SOAP11_BINDING_NS => SoapVersion::Soap11,
            SOAP12_BINDING_NS => SoapVersion::Soap12,
            _ => return None,
        };
        (c.tag_name().name() == name).then_some((version, c))
    })
}

/// Parses a WSDL 1.1 document. `file` is only used in error messages.
pub fn parse(file: &Path, text: &str) -> Result<Wsdl, Error> {
    let doc = Document::parse(text).map_err(|e| {
        let p = e.pos();
        Error::new(file, format!("expected well-formed XML: {e}")).at(Some((p.row, p.col)))
    })?;
    let cx = Ctx { file, doc: &doc };
    let root = doc.root_element();
    if root.tag_name().namespace() == Some(WSDL2_NS) {
        return Err(cx.err(root, "expected WSDL 1.1 (<definitions> in http://schemas.xmlsoap.org/wsdl/); WSDL 2.0 is not supported"));
    }
    if !root.has_tag_name((WSDL_NS, "definitions")) {
        return Err(cx.err(
            root,
            format!(
                "expected root element <definitions> in namespace {WSDL_NS}, found <{}>",
                root.tag_name().name()
            ),
        ));
    }
    let target_namespace = root.attribute("targetNamespace").unwrap_or("").to_string();

    let schema_nodes: Vec<Node> = children(root, WSDL_NS, "types")
        .flat_map(|types| children(types, XS_NS, "schema"))
        .collect();
    for schema in &schema_nodes {
        check_schema_shapes(&cx, *schema)?;
        // Writing the schema out looks prefixes up among those in scope: bounded.
        if let Some(node) = schema
            .descendants()
            .find(|n| n.namespaces().len() > MAX_NAMESPACES_IN_SCOPE)
        {
            return Err(cx.err(
                node,
                format!(
                    "expected at most {MAX_NAMESPACES_IN_SCOPE} namespace declarations in scope"
                ),
            ));
        }
    }
    let schemas = schema_nodes
        .iter()
        .map(|schema| EmbeddedSchema {
            text: standalone_schema(*schema, &schema_nodes),
            position: cx.pos(*schema),
            target_namespace: schema.attribute("targetNamespace").unwrap_or("").to_owned(),
            elements_qualified: schema.attribute("elementFormDefault") == Some("qualified"),
            items: schema
                .children()
                .filter(|n| n.is_element() && n.tag_name().namespace() == Some(XS_NS))
                .filter_map(|n| Some((n.attribute("name")?.to_owned(), cx.pos(n))))
                .collect(),
        })
        .collect();

    // Messages and port types are read lazily, for the operations a SOAP binding binds:
    // ASMX's HTTP GET/POST port types use rpc-like `type` parts that SOAP never sees.
    let mut messages: HashMap<QName, Node> = HashMap::new();
    for message in children(root, WSDL_NS, "message") {
        let name = QName {
            namespace: target_namespace.clone(),
            name: cx.attr(message, "name")?.to_string(),
        };
        messages.insert(name, message);
    }
    // The element of a message's single part (`None` for a message without parts).
    let message_element = |node: Node, attr: &str| -> Result<Option<QName>, Error> {
        let name = cx.qname_attr(node, attr)?;
        let message = messages.get(&name).ok_or_else(|| {
            cx.err(
                node,
                format!(
                    "expected a <message name=\"{}\"> for {attr}=\"{}\"",
                    name.name,
                    node.attribute(attr).unwrap_or("")
                ),
            )
        })?;
        let parts: Vec<Node> = children(*message, WSDL_NS, "part").collect();
        if parts.len() > 1 {
            return Err(cx.err(
                *message,
                format!(
                    "expected message `{}` to have one part (document/literal wrapped), found {}",
                    name.name,
                    parts.len()
                ),
            ));
        }
        match parts.first() {
            None => Ok(None),
            Some(part) if part.attribute("element").is_some() => Ok(Some(cx.qname_attr(*part, "element")?)),
            Some(part) => Err(cx.err(
                *part,
                format!(
                    "expected part `{}` of message `{}` to name an `element` (document/literal); parts with `type` belong to rpc style, which is not supported",
                    part.attribute("name").unwrap_or(""),
                    name.name
                ),
            )),
        }
    };
    let mut port_types: HashMap<QName, Node> = HashMap::new();
    for pt in children(root, WSDL_NS, "portType") {
        let name = QName {
            namespace: target_namespace.clone(),
            name: cx.attr(pt, "name")?.to_string(),
        };
        port_types.insert(name, pt);
    }
    let port_type_operation = |pt: Node, name: &str| -> Result<Option<BoundOperation>, Error> {
        let Some(op) =
            children(pt, WSDL_NS, "operation").find(|o| o.attribute("name") == Some(name))
        else {
            return Ok(None);
        };
        let input = match children(op, WSDL_NS, "input").next() {
            Some(i) => message_element(i, "message")?,
            None => None,
        };
        let output = match children(op, WSDL_NS, "output").next() {
            Some(o) => message_element(o, "message")?,
            None => None,
        };
        let documentation = children(op, WSDL_NS, "documentation")
            .next()
            .and_then(|d| d.text())
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty());
        Ok(Some(BoundOperation {
            name: name.to_string(),
            documentation,
            input,
            output,
            input_headers: Vec::new(),
            output_headers: Vec::new(),
            actions: Vec::new(),
            position: cx.pos(op),
        }))
    };

    // SOAP bindings; HTTP GET/POST bindings have no soap:binding child and are skipped.
    let mut operations: Vec<BoundOperation> = Vec::new();
    for binding in children(root, WSDL_NS, "binding") {
        let Some((version, soap_binding)) = soap_child(binding, "binding") else {
            continue;
        };
        let binding_style = soap_binding.attribute("style").unwrap_or("document");
        let port_type = cx.qname_attr(binding, "type")?;
        let pt_node = *port_types.get(&port_type).ok_or_else(|| {
            cx.err(
                binding,
                format!(
                    "expected a <portType name=\"{}\"> for this binding",
                    port_type.name
                ),
            )
        })?;
        for bop in children(binding, WSDL_NS, "operation") {
            let name = cx.attr(bop, "name")?;
            let (_, soap_op) = soap_child(bop, "operation").ok_or_else(|| {
                cx.err(
                    bop,
                    format!("expected a soap:operation in binding operation `{name}`"),
                )
            })?;
            let style = soap_op.attribute("style").unwrap_or(binding_style);
            if style != "document" {
                return Err(cx.err(soap_op, format!("expected style=\"document\" for operation `{name}`, found \"{style}\" (rpc style is not supported)")));
            }
            let mut headers: [Vec<QName>; 2] = [Vec::new(), Vec::new()];
            for (d, dir) in ["input", "output"].into_iter().enumerate() {
                let Some(io) = bop.children().find(|c| c.has_tag_name((WSDL_NS, dir))) else {
                    continue;
                };
                for c in io.children().filter(Node::is_element) {
                    if c.tag_name().name() == "body" || c.tag_name().name() == "header" {
                        if let Some(u) = c.attribute("use") {
                            if u != "literal" {
                                return Err(cx.err(c, format!("expected use=\"literal\" in operation `{name}`, found \"{u}\" (SOAP encoding is not supported)")));
                            }
                        }
                    }
                    if c.tag_name().name() == "header" && soap_child(io, "header").is_some() {
                        let message = cx.qname_attr(c, "message")?;
                        let part = cx.attr(c, "part")?;
                        let element = messages
                            .get(&message)
                            .and_then(|m| {
                                children(*m, WSDL_NS, "part")
                                    .find(|p| p.attribute("name") == Some(part))
                            })
                            .filter(|p| p.attribute("element").is_some())
                            .map(|p| cx.qname_attr(p, "element"))
                            .transpose()?
                            .ok_or_else(|| {
                                cx.err(
                                    c,
                                    format!(
                                        "expected message `{}` with an element part `{part}`",
                                        message.name
                                    ),
                                )
                            })?;
                        headers[d].push(element);
                    }
                }
            }
            let action = soap_op.attribute("soapAction").unwrap_or("").to_string();
            let op = match operations.iter_mut().find(|o| o.name == name) {
                Some(op) => op,
                None => {
                    let bound = port_type_operation(pt_node, name)?.ok_or_else(|| {
                        cx.err(
                            bop,
                            format!(
                                "expected operation `{name}` in portType `{}`",
                                port_type.name
                            ),
                        )
                    })?;
                    operations.push(bound);
                    operations
                        .last_mut()
                        .ok_or_else(|| cx.err(bop, "internal: operation list empty"))?
                }
            };
            op.actions.push((version, action));
            let [input, output] = headers;
            for (list, found) in [
                (&mut op.input_headers, input),
                (&mut op.output_headers, output),
            ] {
                for h in found {
                    if !list.contains(&h) {
                        list.push(h);
                    }
                }
            }
        }
    }
    // Keep port type order, whatever order the bindings list operations in.
    operations.sort_by_key(|o| o.position);

    let mut service_name = None;
    let mut addresses = Vec::new();
    for service in children(root, WSDL_NS, "service") {
        service_name.get_or_insert_with(|| service.attribute("name").unwrap_or("").to_string());
        for port in children(service, WSDL_NS, "port") {
            if let Some((version, addr)) = soap_child(port, "address") {
                addresses.push((version, cx.attr(addr, "location")?.to_string()));
            }
        }
    }

    Ok(Wsdl {
        target_namespace,
        service_name,
        addresses,
        schemas,
        operations,
    })
}

/// Refuses, with their position, schema shapes that are not valid XSD and that
/// xsd-parser does not report but trips over: a local element with neither
/// `name` nor `ref`, a restriction with neither `base` nor an inline type, an
/// element directly inside an element, a list inside a restriction. Walks the
/// tree with an explicit stack (no recursion on the input's depth).
fn check_schema_shapes(cx: &Ctx, schema: Node) -> Result<(), Error> {
    let mut stack = vec![schema];
    while let Some(node) = stack.pop() {
        for child in node
            .children()
            .filter(|c| c.tag_name().namespace() == Some(XS_NS))
        {
            let parent = node.tag_name().name();
            match child.tag_name().name() {
                "element"
                    if child.attribute("name").is_none() && child.attribute("ref").is_none() =>
                {
                    return Err(cx.err(child, "expected a `name` or a `ref` on <element>"));
                }
                "element" if parent == "element" => {
                    return Err(cx.err(
                        child,
                        "expected <element> inside a <sequence>, <choice> or <all>, not directly inside another <element>",
                    ));
                }
                "restriction"
                    if child.attribute("base").is_none()
                        && !child
                            .children()
                            .any(|c| c.tag_name().name() == "simpleType") =>
                {
                    return Err(cx.err(
                        child,
                        "expected a `base` (or an inline <simpleType>) on <restriction>",
                    ));
                }
                "list" if parent == "restriction" => {
                    return Err(cx.err(
                        child,
                        "expected <list> inside a <simpleType>, not inside a <restriction>",
                    ));
                }
                _ => {}
            }
            stack.push(child);
        }
    }
    Ok(())
}

/// The location under which embedded schema `index` is handed to xsd-parser.
pub fn embedded_schema_url(index: usize) -> String {
    format!("urn:wsdl-types:schema{index}")
}

/// The most namespace declarations in scope at any element of a schema (real
/// WSDLs have about ten): keeps writing each schema out linear in its size.
pub const MAX_NAMESPACES_IN_SCOPE: usize = 256;

/// The `<schema>` element written out from the parsed tree as a document of its
/// own: its start tag declares every namespace it inherits, so that `s:string`
/// and `tns:Foo` still resolve. An `<import>` without `schemaLocation` (as ASMX
/// writes for `http://microsoft.com/wsdl/types/`) is pointed at the embedded
/// schema of that namespace, so its types resolve. The tree is walked with an
/// iterator (no recursion on its depth); comments and processing instructions
/// are left out.
fn standalone_schema(schema: Node, all: &[Node]) -> String {
    let mut out = String::new();
    // Open elements, innermost last: a node closes those that are not its parent.
    let mut open: Vec<Node> = Vec::new();
    for node in schema.descendants() {
        while let Some(top) = open.last() {
            if node.parent() == Some(*top) {
                break;
            }
            close_tag(&mut out, *top);
            open.pop();
        }
        if node.is_text() {
            push_escaped(&mut out, node.text().unwrap_or_default(), false);
            continue;
        }
        if !node.is_element() {
            continue;
        }
        out.push('<');
        push_qname(
            &mut out,
            node,
            node.tag_name().namespace(),
            node.tag_name().name(),
        );
        // Declarations: all in scope on the root, new ones below it. An element
        // that declares nothing shares its parent's scope (checked in O(1)).
        let parent = node.parent_element().filter(|_| node != schema);
        if parent.is_none_or(|p| !same_scope(node, p)) {
            for ns in node.namespaces() {
                let inherited = parent.is_some_and(|p| {
                    p.namespaces()
                        .any(|o| o.name() == ns.name() && o.uri() == ns.uri())
                });
                if inherited || ns.name() == Some("xml") {
                    continue;
                }
                match ns.name() {
                    Some(prefix) => {
                        out.push_str(" xmlns:");
                        out.push_str(prefix);
                    }
                    None => out.push_str(" xmlns"),
                }
                push_attribute_value(&mut out, ns.uri());
            }
        }
        for a in node.attributes() {
            out.push(' ');
            push_qname(&mut out, node, a.namespace(), a.name());
            push_attribute_value(&mut out, a.value());
        }
        if node.has_tag_name((XS_NS, "import")) && node.attribute("schemaLocation").is_none() {
            let target = node.attribute("namespace").and_then(|ns| {
                all.iter()
                    .position(|s| s.attribute("targetNamespace") == Some(ns))
            });
            if let Some(target) = target {
                out.push_str(" schemaLocation");
                push_attribute_value(&mut out, &embedded_schema_url(target));
            }
        }
        out.push('>');
        open.push(node);
    }
    while let Some(top) = open.pop() {
        close_tag(&mut out, top);
    }
    out
}

/// Whether `a` has exactly `b`'s namespaces in scope: roxmltree gives an element
/// that declares nothing its parent's list itself.
fn same_scope(a: Node, b: Node) -> bool {
    let (x, y) = (a.namespaces(), b.namespaces());
    x.len() == y.len()
        && match (x.clone().next(), y.clone().next()) {
            (Some(m), Some(n)) => std::ptr::eq(m, n),
            (None, None) => true,
            _ => false,
        }
}

fn close_tag(out: &mut String, node: Node) {
    out.push_str("</");
    push_qname(
        out,
        node,
        node.tag_name().namespace(),
        node.tag_name().name(),
    );
    out.push('>');
}

/// `prefix:name` for a name in namespace `ns`, with a prefix bound at `node`;
/// none for no namespace, or for an element in the default namespace when no
/// prefix is bound to it.
fn push_qname(out: &mut String, node: Node, ns: Option<&str>, name: &str) {
    let prefix = ns.and_then(|uri| {
        if uri == "http://www.w3.org/XML/1998/namespace" {
            return Some("xml");
        }
        node.namespaces()
            .filter(|n| n.uri() == uri)
            .find_map(|n| n.name())
    });
    if let Some(prefix) = prefix {
        out.push_str(prefix);
        out.push(':');
    }
    out.push_str(name);
}

/// `="value"`, escaped for an attribute.
fn push_attribute_value(out: &mut String, value: &str) {
    out.push_str("=\"");
    push_escaped(out, value, true);
    out.push('"');
}

fn push_escaped(out: &mut String, text: &str, attribute: bool) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            '\t' if attribute => out.push_str("&#9;"),
            '\n' if attribute => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A schema written out on its own keeps every name resolvable: inherited
    /// prefixes declared on its root, its own declarations where they were, an
    /// import pointed at the embedded schema, text and attribute values escaped.
    #[test]
    fn standalone_schema_is_a_document_of_its_own() {
        let wsdl = r#"<d:definitions xmlns:d="http://schemas.xmlsoap.org/wsdl/" xmlns:s="http://www.w3.org/2001/XMLSchema" xmlns:tns="urn:a"><d:types>
<s:schema targetNamespace="urn:a"><s:import namespace="urn:b"/><!-- note --><s:element name="e" type="tns:T"><s:annotation><s:documentation xmlns:x="urn:x">a &lt; b &amp; "c"</s:documentation></s:annotation></s:element><s:simpleType name="T"><s:restriction base="s:string"><s:pattern value="[&quot;&amp;]"/></s:restriction></s:simpleType></s:schema>
<schema xmlns="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:b"/>
</d:types></d:definitions>"#;
        let doc = Document::parse(wsdl).unwrap();
        let schemas: Vec<Node> = doc
            .descendants()
            .filter(|n| n.has_tag_name((XS_NS, "schema")))
            .collect();
        let text = standalone_schema(schemas[0], &schemas);
        let again = Document::parse(&text).unwrap();
        let root = again.root_element();
        assert!(root.has_tag_name((XS_NS, "schema")));
        assert_eq!(root.lookup_namespace_uri(Some("tns")), Some("urn:a"));
        let import = root.first_element_child().unwrap();
        assert_eq!(
            import.attribute("schemaLocation"),
            Some(embedded_schema_url(1).as_str())
        );
        let doc_text = root
            .descendants()
            .find(|n| n.has_tag_name((XS_NS, "documentation")))
            .unwrap();
        assert_eq!(doc_text.text(), Some("a < b & \"c\""));
        assert_eq!(doc_text.lookup_namespace_uri(Some("x")), Some("urn:x"));
        let pattern = root
            .descendants()
            .find(|n| n.has_tag_name((XS_NS, "pattern")))
            .unwrap();
        assert_eq!(pattern.attribute("value"), Some("[\"&]"));
        assert!(!text.contains("note"), "{text}");
        // The default-namespace schema stays unprefixed and valid.
        let second = standalone_schema(schemas[1], &schemas);
        let second = Document::parse(&second).unwrap();
        assert!(second.root_element().has_tag_name((XS_NS, "schema")));
    }
}
