//! The generator's own model: what the emitter needs, nothing about XSD syntax.

/// A scalar the runtime knows how to write and read as element text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Scalar {
    /// `xs:string` and its string-like relatives.
    String,
    /// `xs:boolean`.
    Bool,
    /// `xs:byte`.
    I8,
    /// `xs:short`.
    I16,
    /// `xs:int`.
    I32,
    /// `xs:long`.
    I64,
    /// `xs:unsignedByte`.
    U8,
    /// `xs:unsignedShort`.
    U16,
    /// `xs:unsignedInt`.
    U32,
    /// `xs:unsignedLong`.
    U64,
    /// `xs:float`.
    F32,
    /// `xs:double`.
    F64,
    /// `xs:decimal` (kept exact, as its lexical form).
    Decimal,
    /// `xs:dateTime` (kept as its lexical form, checked).
    DateTime,
    /// `xs:base64Binary`.
    Base64,
    /// `xs:anyType` or `xs:any` content, kept as the XML received (`RawElement`).
    Raw,
}

/// The type of one field.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum FieldType {
    /// A runtime scalar.
    Scalar(Scalar),
    /// A generated struct or enum, by its index in [`Model::types`].
    Named(usize),
    /// An `xs:list` of a simple type (space-separated items in one element).
    List(Box<FieldType>),
}

impl FieldType {
    /// The generated type it holds, directly or as list items.
    pub fn named(&self) -> Option<usize> {
        match self {
            FieldType::Named(i) => Some(*i),
            FieldType::List(item) => item.named(),
            FieldType::Scalar(_) => None,
        }
    }
}

/// How often an element may appear.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Occurs {
    /// Exactly once (`minOccurs="1" maxOccurs="1"`).
    Required,
    /// At most once (`minOccurs="0"`).
    Optional,
    /// Any number (`maxOccurs` above 1).
    Many,
}

/// XSD constraining facets, as checked before a request is sent.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Facets {
    /// `minLength`/`length`.
    pub min_length: Option<usize>,
    /// `maxLength`/`length`.
    pub max_length: Option<usize>,
    /// `pattern` values (all must match).
    pub patterns: Vec<String>,
    /// Inclusive lower bound (exclusive bounds are folded for integers).
    pub min: Option<(f64, bool)>,
    /// Upper bound and whether it is inclusive.
    pub max: Option<(f64, bool)>,
    /// `totalDigits`.
    pub total_digits: Option<usize>,
    /// `fractionDigits`.
    pub fraction_digits: Option<usize>,
}

impl Facets {
    /// True when there is nothing to check.
    pub fn is_empty(&self) -> bool {
        *self == Facets::default()
    }
}

/// Facets shared by every use of a named simple type.
#[derive(Debug, Clone)]
pub struct FacetSet {
    /// Rust name of the generated `static`.
    pub rust_name: String,
    /// The simple type's wire name.
    pub wire_name: String,
    /// The facets.
    pub facets: Facets,
}

/// One child element of a struct.
#[derive(Debug, Clone)]
pub struct Field {
    /// Rust field name (snake case).
    pub rust_name: String,
    /// Element name on the wire.
    pub wire_name: String,
    /// Its type.
    pub ty: FieldType,
    /// How often it occurs.
    pub occurs: Occurs,
    /// `nillable="true"`.
    pub nillable: bool,
    /// Index into [`Model::facets`] when the value is constrained.
    pub facets: Option<usize>,
    /// Documentation from the schema.
    pub doc: Vec<String>,
    /// Sent in `<soap:Header>` rather than in the body (request structs only).
    pub header: bool,
    /// Written as an attribute of the element (`xs:attribute`), not a child.
    pub attribute: bool,
    /// The element's own namespace when it is not its type's children's
    /// namespace (`form=` on the element, a `ref=` to another schema's element, a
    /// header from another namespace); `None` for the usual case.
    pub namespace: Option<String>,
}

/// A generated type.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum TypeDef {
    /// An `xs:choice`: an enum with one variant per alternative element. The
    /// struct holding it has one field of this type (`Occurs::Many` for a
    /// repeated choice, whose alternatives then keep their document order).
    Choice {
        /// Rust name.
        rust_name: String,
        /// The alternatives: `rust_name` is the variant's name; `occurs` is
        /// `Many` for an alternative that repeats inside a choice made once.
        variants: Vec<Field>,
        /// Documentation.
        doc: Vec<String>,
    },
    /// A complex type: a sequence of child elements.
    Struct {
        /// Rust name.
        rust_name: String,
        /// Wire name of the element or type it comes from.
        wire_name: String,
        /// Namespace of its child elements.
        namespace: String,
        /// Child elements in document order.
        fields: Vec<Field>,
        /// Documentation.
        doc: Vec<String>,
    },
    /// An `xs:enumeration` restriction of a string.
    Enum {
        /// Rust name.
        rust_name: String,
        /// Wire name of the simple type.
        wire_name: String,
        /// `(variant, wire value, documentation)` in schema order.
        variants: Vec<(String, String, Vec<String>)>,
        /// Documentation.
        doc: Vec<String>,
    },
}

impl TypeDef {
    /// The Rust name of the type.
    pub fn rust_name(&self) -> &str {
        match self {
            TypeDef::Struct { rust_name, .. }
            | TypeDef::Enum { rust_name, .. }
            | TypeDef::Choice { rust_name, .. } => rust_name,
        }
    }
}

/// One operation, ready to emit.
#[derive(Debug, Clone)]
pub struct Operation {
    /// Wire name (`requestPINCode`).
    pub wire_name: String,
    /// Rust method name (`request_pin_code`).
    pub method: String,
    /// Documentation from the port type.
    pub doc: Option<String>,
    /// Index of the request struct.
    pub request: usize,
    /// Wire name of the request element.
    pub request_element: String,
    /// Index of the response struct.
    pub response: usize,
    /// Wire name of the response element.
    pub response_element: String,
    /// Namespace of both body elements.
    pub namespace: String,
    /// SOAPAction for SOAP 1.1, when bound.
    pub soap11_action: Option<String>,
    /// SOAPAction for SOAP 1.2, when bound.
    pub soap12_action: Option<String>,
    /// The response field holding the ASMX result enum (`{op}Result`), if any.
    pub result_field: Option<(String, usize)>,
}

/// Everything one WSDL generates.
#[derive(Debug, Clone, Default)]
pub struct Model {
    /// The service name, e.g. `API`.
    pub service: String,
    /// Target namespace of the WSDL.
    pub target_namespace: String,
    /// Generated types, in first-use order.
    pub types: Vec<TypeDef>,
    /// Named facet sets.
    pub facets: Vec<FacetSet>,
    /// Operations in port type order.
    pub operations: Vec<Operation>,
    /// Pairs of fields whose first value must not come after the second.
    pub orders: Vec<Order>,
}

/// From the overlay's `[[ordered]]`: in struct `owner`, field `first` ≤ field `last`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Order {
    /// Index of the struct in [`Model::types`].
    pub owner: usize,
    /// Index of the field that comes first.
    pub first: usize,
    /// Index of the field that must not come before it.
    pub last: usize,
}
