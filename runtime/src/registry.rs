//! What a generated operation registry holds: each operation's metadata and
//! type-erased entry points, so that tools (a CLI, a benchmark, a proxy) can work
//! with any operation by name without a hand-written table.

use std::any::Any;
use std::future::Future;
use std::pin::Pin;

use crate::client::{CallSteps, Typed, TypedSteps};
use crate::soap::DecodeResponse;
use crate::soap::{
    self as envelope, DecodeResponseError, EncodeRequestError, Envelope, SoapVersion,
};
use crate::xml::{from_xml, DecodeError, UnknownElement, XmlReader, XmlWriter};
use crate::{Operation, Response};

/// One operation of a generated `OPERATIONS` table.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct OperationEntry {
    /// Names, actions, docs and pacing.
    pub meta: super::OperationMeta,
    /// Builds the request from its child elements written as XML
    /// (`<sEmail>a@b.c</sEmail>`), checks it and writes its envelope.
    pub envelope_from_xml: fn(&str, SoapVersion) -> Result<Envelope, RawRequestError>,
    /// Decodes a response envelope into the operation's typed body, erased.
    pub decode_response: fn(&[u8], SoapVersion) -> Result<AnyResponse, DecodeResponseError>,
    /// The request's child elements (names, occurrence, secrecy, type in words).
    pub request_fields: &'static [super::FieldInfo],
    /// Builds the request from its child elements written as XML and calls it
    /// through `client` (credential filled in, pacing, re-login, as any call).
    pub call_xml: for<'a> fn(&'a crate::Client, String, SoapVersion) -> CallFuture<'a>,
    /// More names a command-line tool accepts besides the wire name
    /// ([`Operation::CLI_ALIASES`]).
    pub cli_aliases: &'static [&'static str],
}

/// What [`OperationEntry::call_xml`] returns.
pub type CallFuture<'a> =
    Pin<Box<dyn Future<Output = Result<AnyResponse, CallXmlError>> + Send + 'a>>;

/// Why [`OperationEntry::call_xml`] did not return a response.
#[derive(Debug, thiserror::Error)]
pub enum CallXmlError {
    /// The request could not be built from the XML given.
    #[error("{0}")]
    Request(#[from] RawRequestError),
    /// The call failed (check, transport, fault, decoding).
    #[error("{0}")]
    Call(#[from] crate::Error),
}

impl OperationEntry {
    /// The entry of operation `O` (used by generated code).
    pub const fn of<O: Operation + 'static>() -> Self
    where
        O::Response: serde::Serialize + std::fmt::Debug + 'static,
    {
        OperationEntry {
            meta: O::META,
            envelope_from_xml: <O as Entries>::envelope_from_xml,
            decode_response: <O as Entries>::decode_response,
            request_fields: O::REQUEST_FIELDS,
            call_xml: <O as Entries>::call_xml,
            cli_aliases: O::CLI_ALIASES,
        }
    }
}

/// Something done with each operation's types: a generated `for_each_operation`
/// calls [`visit`](Self::visit) once per operation, in WSDL order, so that typed
/// code (benchmarks, tests, servers) can cover every operation without a table.
pub trait OperationVisitor {
    /// Called with the request type of one operation.
    fn visit<O>(&mut self)
    where
        O: Operation + serde::Serialize + 'static,
        O::Response: serde::Serialize + 'static;
}

/// Why [`OperationEntry::envelope_from_xml`] could not build a request.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RawRequestError {
    /// The XML is not well-formed, or a value does not parse as its type.
    #[error("`{operation}`: {source}")]
    Xml {
        /// Operation wire name.
        operation: &'static str,
        /// What was wrong.
        source: DecodeError,
    },
    /// Elements the request type does not have.
    #[error("`{operation}` has no element(s) {}", names.join(", "))]
    UnknownElements {
        /// Operation wire name.
        operation: &'static str,
        /// Their local names.
        names: Vec<String>,
    },
    /// The request breaks a facet, or the operation is not bound for the version.
    #[error("{0}")]
    Encode(#[from] EncodeRequestError),
}

/// A decoded response whose type is known only at run time.
#[derive(Debug)]
pub struct AnyResponse {
    /// The operation's wire name.
    pub operation: &'static str,
    /// The wire value of the result enum, when the response has one.
    pub result: Option<String>,
    /// The typed body (`O::Response`): serialize it as it is, or downcast it.
    pub body: Box<dyn AnyBody>,
    /// Elements the schema does not describe.
    pub unknown: Vec<UnknownElement>,
    /// The result value means the server session expired (the overlay's
    /// `session_expired`).
    pub session_expired: bool,
}

/// A response body of a type known at run time only: serializable (serde, wire
/// names), printable, and downcastable to the generated type.
pub trait AnyBody: erased_serde::Serialize + std::fmt::Debug + Send {
    /// For `downcast_ref` to the generated response type.
    fn as_any(&self) -> &dyn Any;
}

impl<T: serde::Serialize + std::fmt::Debug + Send + 'static> AnyBody for T {
    fn as_any(&self) -> &dyn Any {
        self
    }
}

erased_serde::serialize_trait_object!(AnyBody);

/// An operation's entry points, as methods of a trait every operation has rather
/// than generic functions: rustc compiles a method with its self type's module
/// (the operation's generated one), so editing one operation does not recompile
/// the entries of all. Their bodies use `match` instead of `?` and closures for
/// the same reason (see `__tri!`).
trait Entries: Operation + Sized + 'static {
    /// See [`OperationEntry::envelope_from_xml`].
    fn envelope_from_xml(children: &str, version: SoapVersion)
        -> Result<Envelope, RawRequestError>;
    /// See [`OperationEntry::decode_response`].
    fn decode_response(
        bytes: &[u8],
        version: SoapVersion,
    ) -> Result<AnyResponse, DecodeResponseError>;
    /// See [`OperationEntry::call_xml`].
    fn call_xml(client: &crate::Client, children: String, version: SoapVersion) -> CallFuture<'_>;
    /// The request from its child elements written as XML; elements it does not
    /// have are an error, not ignored.
    fn request_from_xml(children: &str) -> Result<Self, RawRequestError>;
    /// A typed response, erased.
    fn any_response(response: Response<Self::Response>) -> AnyResponse;
}

impl<O: Operation + 'static> Entries for O
where
    O::Response: serde::Serialize + std::fmt::Debug + 'static,
{
    fn envelope_from_xml(
        children: &str,
        version: SoapVersion,
    ) -> Result<Envelope, RawRequestError> {
        let request = crate::__tri!(O::request_from_xml(children));
        Ok(crate::__tri!(envelope::encode(&request, version)))
    }

    fn decode_response(
        bytes: &[u8],
        version: SoapVersion,
    ) -> Result<AnyResponse, DecodeResponseError> {
        let limits = crate::xml::Limits::DEFAULT;
        Ok(O::any_response(crate::__tri!(
            <O as DecodeResponse>::decode_response(bytes, version, limits)
        )))
    }

    fn call_xml(client: &crate::Client, children: String, version: SoapVersion) -> CallFuture<'_> {
        match O::request_from_xml(&children) {
            Ok(request) => Box::pin(call_any(client, Box::new((request, None)), version)),
            Err(e) => Box::pin(std::future::ready(Err(e.into()))),
        }
    }

    fn request_from_xml(children: &str) -> Result<O, RawRequestError> {
        let operation = O::META.name;
        let doc = crate::__tri!(request_document(
            &O::META,
            O::NAMESPACE,
            O::REQUEST_FIELDS,
            children
        ));
        match from_xml::<O>(&doc) {
            Ok((request, unknown)) if unknown.is_empty() => Ok(request),
            Ok((_, unknown)) => Err(unknown_elements(operation, unknown)),
            Err(source) => Err(RawRequestError::Xml { operation, source }),
        }
    }

    fn any_response(response: Response<O::Response>) -> AnyResponse {
        let result = O::result_wire(&response.body).map(str::to_owned);
        let session_expired = O::session_expired(&response.body);
        AnyResponse {
            operation: O::META.name,
            result,
            session_expired,
            body: Box::new(response.body),
            unknown: response.unknown,
        }
    }
}

/// The steps of a call whose response is wanted as an [`AnyResponse`].
trait AnySteps: CallSteps {
    /// The decoded response, erased.
    fn into_any(self: Box<Self>) -> Result<AnyResponse, crate::Error>;
}

impl<O: Operation + 'static> AnySteps for Typed<O>
where
    O::Response: serde::Serialize + std::fmt::Debug + 'static,
{
    fn into_any(self: Box<Self>) -> Result<AnyResponse, crate::Error> {
        Ok(O::any_response(crate::__tri!(self.into_response())))
    }
}

/// A call of any operation from the registry: one state machine for all of them.
async fn call_any(
    client: &crate::Client,
    mut steps: Box<dyn AnySteps>,
    version: SoapVersion,
) -> Result<AnyResponse, CallXmlError> {
    client.call_steps(&mut *steps, version, true).await?;
    Ok(steps.into_any()?)
}

fn unknown_elements(operation: &'static str, unknown: Vec<UnknownElement>) -> RawRequestError {
    RawRequestError::UnknownElements {
        operation,
        names: unknown.into_iter().map(|u| u.name).collect(),
    }
}

/// The request element around `children`, declaring their namespace (none when
/// unqualified), with the children named like attributes moved onto it.
fn request_document(
    meta: &super::OperationMeta,
    namespace: &'static str,
    fields: &[super::FieldInfo],
    children: &str,
) -> Result<String, RawRequestError> {
    let element = meta.request_element;
    let doc = format!("<{element} xmlns=\"{namespace}\">{children}</{element}>");
    if !fields.iter().any(|f| f.attribute) {
        return Ok(doc);
    }
    lift_attributes(&doc, element, namespace, fields).map_err(|source| RawRequestError::Xml {
        operation: meta.name,
        source,
    })
}

/// `doc` with the children named like the request element's attributes moved
/// onto its start tag: by name, attributes are given like elements.
fn lift_attributes(
    doc: &str,
    element: &str,
    namespace: &'static str,
    fields: &[super::FieldInfo],
) -> Result<String, DecodeError> {
    let mut r = XmlReader::new(doc.as_bytes(), namespace);
    r.next_start()?;
    // The writer's own attribute code: escaping, and a prefix per namespace for
    // qualified ones.
    let (mut attributes, mut children) = (XmlWriter::new(String::new()), String::new());
    while let Some((_, name)) = r.next_qualified()? {
        match fields.iter().find(|f| f.attribute && f.wire == name) {
            Some(f) => {
                let text = r.text()?.into_owned();
                attributes
                    .attribute_in(f.namespace.unwrap_or(""), f.wire, &text)
                    .map_err(|e| DecodeError::InvalidValue {
                        path: f.wire.into(),
                        expected: "XML 1.0 characters".into(),
                        found: e.problem,
                    })?;
            }
            None => children.push_str(&r.capture_current()?),
        }
    }
    let attributes = attributes.into_inner();
    Ok(format!(
        "<{element} xmlns=\"{namespace}\"{attributes}>{children}</{element}>"
    ))
}
