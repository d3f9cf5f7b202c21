//! What generated code declares about each operation, and the typed response.

use std::ops::Deref;

use crate::wire_enum::WireEnum;
use crate::xml::{UnknownElement, XmlType};

/// Names and actions of one operation, from its WSDL binding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OperationMeta {
    /// Wire name (`GetOrder`).
    pub name: &'static str,
    /// Namespace of the body elements.
    pub namespace: &'static str,
    /// Request body element.
    pub request_element: &'static str,
    /// Response body element.
    pub response_element: &'static str,
    /// SOAPAction when the WSDL binds the operation for SOAP 1.1.
    pub soap11_action: Option<&'static str>,
    /// SOAPAction when the WSDL binds the operation for SOAP 1.2.
    pub soap12_action: Option<&'static str>,
    /// Documentation from the WSDL's port type (empty if none).
    pub doc: &'static str,
    /// The overlay's rate limit for the operation, if any.
    pub pace: Option<Pace>,
    /// Wire names of the service's secret elements (masked in logs and `Debug`).
    pub secrets: &'static [&'static str],
}

impl OperationMeta {
    /// The SOAPAction for `version`, or `None` when the WSDL does not bind the
    /// operation for it.
    pub const fn action(&self, version: crate::SoapVersion) -> Option<&'static str> {
        match version {
            crate::SoapVersion::Soap11 => self.soap11_action,
            crate::SoapVersion::Soap12 => self.soap12_action,
        }
    }
}

/// One child element of a request, as a tool that builds requests by name sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct FieldInfo {
    /// Wire name (`sCField0`).
    pub wire: &'static str,
    /// The element must be present.
    pub required: bool,
    /// The element may repeat.
    pub repeated: bool,
    /// Its value is a secret (prompt for it, never echo it).
    pub secret: bool,
    /// It is the overlay's `auth_field`: the client fills it in.
    pub credential: bool,
    /// XSD type and facets in words (`string, maxLength 64`).
    pub about: &'static str,
    /// The element's namespace when it is not the request's children's (`form=`
    /// or `ref=` in the schema); `None` for the usual case.
    pub namespace: Option<&'static str>,
    /// An attribute of the request element (`xs:attribute`), not a child element.
    /// Built by name like an element (as zeep takes both as keywords):
    /// [`push_element`](Self::push_element) writes `<name>value</name>` and the
    /// registry moves it onto the request element's start tag.
    pub attribute: bool,
    /// For an alternative of an `xs:choice`, the choice it belongs to (the Rust
    /// name of the field holding it): of a choice that occurs once, give one.
    pub choice: Option<&'static str>,
}

impl FieldInfo {
    /// [`FieldInfo::new`] flag: the element must be present.
    pub const REQUIRED: u8 = 1;
    /// [`FieldInfo::new`] flag: the element may repeat.
    pub const REPEATED: u8 = 2;
    /// [`FieldInfo::new`] flag: the value is a secret.
    pub const SECRET: u8 = 4;
    /// [`FieldInfo::new`] flag: the overlay's `auth_field`.
    pub const CREDENTIAL: u8 = 8;
    /// [`FieldInfo::new`] flag: an attribute of the request element.
    pub const ATTRIBUTE: u8 = 16;

    /// A secret the caller must supply (a password), as opposed to the credential
    /// the client fills in.
    pub fn is_password(&self) -> bool {
        self.secret && !self.credential
    }

    /// A field description from its wire name, flags (`REQUIRED | SECRET`…) and
    /// type in words (used by generated code: one short line a field).
    pub const fn new(wire: &'static str, flags: u8, about: &'static str) -> Self {
        FieldInfo {
            wire,
            required: flags & Self::REQUIRED != 0,
            repeated: flags & Self::REPEATED != 0,
            secret: flags & Self::SECRET != 0,
            credential: flags & Self::CREDENTIAL != 0,
            about,
            namespace: None,
            attribute: flags & Self::ATTRIBUTE != 0,
            choice: None,
        }
    }

    /// The same field with its element in namespace `ns` (used by generated code).
    pub const fn in_namespace(mut self, ns: &'static str) -> Self {
        self.namespace = Some(ns);
        self
    }

    /// The same field as an alternative of the choice `name` (used by generated code).
    pub const fn in_choice(mut self, name: &'static str) -> Self {
        self.choice = Some(name);
        self
    }

    /// Appends this field's element holding `value` to `xml`, escaped and in its
    /// namespace, as [`OperationEntry::envelope_from_xml`](crate::OperationEntry)
    /// reads it. Fails with the first character XML cannot carry.
    pub fn push_element(&self, xml: &mut String, value: &str) -> Result<(), char> {
        crate::xml::push_text_element(xml, self.wire, self.namespace, value)
    }
}

/// A rate limit from the overlay: at most `calls` calls in any `per` window,
/// shared by every operation of the same `group`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pace {
    /// The overlay's group name (operations sharing one budget).
    pub group: &'static str,
    /// Calls allowed per window.
    pub calls: u32,
    /// The window.
    pub per: std::time::Duration,
}

impl Pace {
    /// A rule of `calls` per `per_ms` milliseconds (used by generated code).
    pub const fn new(group: &'static str, calls: u32, per_ms: u64) -> Self {
        Pace {
            group,
            calls,
            per: std::time::Duration::from_millis(per_ms),
        }
    }
}

/// A request type: it knows its operation and its response type.
pub trait Operation: XmlType + crate::xml::Validate + Clone + Send + Sync {
    /// The response body type.
    type Response: XmlType + Send;
    /// Wire names and actions.
    const META: OperationMeta;
    /// The wire value of the response's ASMX result enum, if it has one.
    fn result_wire(response: &Self::Response) -> Option<&str> {
        let _ = response;
        None
    }
    /// The request's child elements, in schema order, for tools that build a
    /// request from names (a CLI, a form).
    const REQUEST_FIELDS: &'static [FieldInfo] = &[];
    /// Whether the response's result value means the server session expired (the
    /// overlay's `session_expired`), so a client holding credentials logs in again.
    fn session_expired(response: &Self::Response) -> bool {
        let _ = response;
        false
    }
    /// Whether repeating the call cannot change anything twice (the overlay's
    /// `retry_safe`): only such calls are repeated after HTTP 429/503 by a
    /// [`RetryPolicy`](crate::RetryPolicy).
    const RETRY_SAFE: bool = false;
    /// More names a command-line tool accepts for the operation besides its wire
    /// name (the overlay's `cli_aliases`).
    const CLI_ALIASES: &'static [&'static str] = &[];
    /// Fills the request's SOAP headers that are unset from the client's
    /// defaults (generated for operations whose binding declares headers).
    fn fill_headers(&mut self, defaults: &crate::client::HeaderDefaults) {
        let _ = defaults;
    }
    /// The per-call credential field (the overlay's `auth_field`), if the request has one.
    fn auth_code_mut(&mut self) -> Option<&mut Option<crate::Secret>> {
        None
    }
}

/// A response whose first element is an ASMX result enum (`GetOrderResult`).
pub trait HasResult {
    /// The result enum.
    type Code: WireEnum + std::fmt::Display;
    /// The result value.
    fn result(&self) -> &Self::Code;
}

/// A decoded response, with whatever the server sent that the schema does not describe.
///
/// ASMX services answer business errors with HTTP 200 and a result value, so a
/// response may say "not OK": check its result, or call [`Response::ok`] to turn
/// a non-OK result into [`Error::Rejected`](crate::Error::Rejected) for `?`.
#[derive(Debug, Clone, PartialEq)]
#[must_use = "the result value may not be OK: check it, or call `.ok()?`"]
pub struct Response<T> {
    // Crate-visible so that the runtime's per-operation code builds and takes
    // responses apart without calling `Response<T>`'s methods, which rustc would
    // compile in a unit every operation shares (see `__tri!`).
    pub(crate) operation: &'static str,
    pub(crate) body: T,
    pub(crate) unknown: Vec<UnknownElement>,
}

impl<T> Response<T> {
    /// Wraps a body and the unknown elements met while reading it.
    pub fn new(body: T, unknown: Vec<UnknownElement>) -> Self {
        Response {
            operation: "",
            body,
            unknown,
        }
    }
    /// Names the operation the response answers.
    pub fn with_operation(mut self, operation: &'static str) -> Self {
        self.operation = operation;
        self
    }
    /// The operation's wire name.
    pub fn operation(&self) -> &'static str {
        self.operation
    }
    /// Elements the schema does not describe (forward compatibility); empty normally.
    pub fn unknown_elements(&self) -> &[UnknownElement] {
        &self.unknown
    }
    /// The body.
    pub fn into_inner(self) -> T {
        self.body
    }
}

impl<T> Deref for Response<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.body
    }
}

impl<T: HasResult> Response<T> {
    /// The response if its result is OK; otherwise [`Error::Rejected`](crate::Error::Rejected) with the value
    /// and its documented meaning, so `?` handles the common case.
    pub fn ok(self) -> Result<Self, crate::Error> {
        let code = self.result();
        if code.is_ok() {
            return Ok(self);
        }
        let value = code.wire_value().to_owned();
        Err(crate::Error::Rejected {
            operation: self.operation(),
            meaning: code.meaning(),
            value,
        })
    }
}
