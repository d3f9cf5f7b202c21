//! What a generated service trait is written against: the per-call context a
//! server hands each method, the fault a method may answer with, and what can go
//! wrong while dispatching a request envelope to a method.

use crate::soap::{FaultSide, SoapVersion};
use crate::xml::{DecodeError, InvalidField, UnknownElement};

/// One request as a service method sees it, and what it adds to the answer.
#[derive(Debug, Clone, Default)]
pub struct ServerContext {
    /// The SOAP version of the request (and so of the answer).
    pub version: SoapVersion,
    /// Cookies the request carried, as `(name, value)`.
    pub cookies: Vec<(String, String)>,
    /// Cookies to set on the answer, as `(name, value)`.
    pub set_cookies: Vec<(String, String)>,
    /// Elements of the request the schema does not describe.
    pub unknown_elements: Vec<UnknownElement>,
}

impl ServerContext {
    /// A context for a request of `version` carrying `cookies`.
    pub fn new(version: SoapVersion, cookies: Vec<(String, String)>) -> Self {
        ServerContext {
            version,
            cookies,
            ..ServerContext::default()
        }
    }

    /// The value of the request cookie `name`.
    pub fn cookie(&self, name: &str) -> Option<&str> {
        self.cookies
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// A SOAP Fault a service method answers with instead of a response.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{side:?} fault: {reason}")]
pub struct ServerFault {
    /// Which side the fault blames.
    pub side: FaultSide,
    /// The fault string.
    pub reason: String,
}

/// What a generated service method returns: a `Send` future of its response or
/// a fault. Any such future is one; implement methods with `async fn`.
pub trait Reply<T>: std::future::Future<Output = Result<T, ServerFault>> + Send {}

impl<T, F: std::future::Future<Output = Result<T, ServerFault>> + Send> Reply<T> for F {}

/// Why a request envelope was not answered by a service method.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DispatchError {
    /// The body element names no operation of the service.
    #[error("no operation has the request element {{{namespace}}}{element}")]
    UnknownOperation {
        /// Namespace of the body element.
        namespace: String,
        /// Local name of the body element.
        element: String,
    },
    /// The request envelope could not be read.
    #[error("{0}")]
    Decode(#[from] DecodeError),
    /// The method answered with a fault.
    #[error("{0}")]
    Fault(#[from] ServerFault),
    /// The method's response could not be written (a character XML cannot carry).
    #[error("{0}")]
    Encode(#[from] InvalidField),
}

/// Reads the request of `O` from a request envelope of `ctx.version`, keeping
/// elements the schema does not describe in `ctx` (used by generated `dispatch`).
pub fn read_request<O: crate::Operation>(
    body: &[u8],
    ctx: &mut ServerContext,
) -> Result<O, DispatchError> {
    let request = crate::soap::decode_request::<O>(body, ctx.version)?;
    ctx.unknown_elements = request.unknown_elements().to_vec();
    let request = request.into_inner();
    // ASP.NET's XmlSerializer refuses a value outside an enumeration before the
    // method runs ("Instance validation error"); client-side facets are not the
    // server's to check, so only that rule is enforced here.
    if let Err(e) = crate::Validate::validate(&request, &mut crate::Validator::new()) {
        if e.rule.starts_with("enumeration ") {
            return Err(DispatchError::Decode(DecodeError::InvalidValue {
                path: e.field,
                expected: format!("a value of the {}", e.rule),
                found: e.problem,
            }));
        }
    }
    Ok(request)
}

/// Writes the response envelope of `O` in `ctx.version` (used by generated `dispatch`).
pub fn write_response<O: crate::Operation>(
    response: &O::Response,
    ctx: &ServerContext,
) -> Result<String, DispatchError> {
    Ok(crate::soap::encode_response::<O>(response, ctx.version)?)
}
