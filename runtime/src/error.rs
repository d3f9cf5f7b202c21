//! The one error type of a call.

use std::time::Duration;

use crate::soap::{Fault, SoapVersion};
use crate::xml::{DecodeError, InvalidField};

/// Everything that can go wrong with a call. No variant carries a password, an
/// auth code or a session cookie.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The request breaks a schema rule; nothing was sent.
    #[error("invalid request, nothing sent: {0}")]
    InvalidRequest(#[from] InvalidField),
    /// The client was configured wrongly; nothing was sent.
    #[error("invalid configuration: {0}")]
    Config(String),
    /// The WSDL does not bind this operation for the SOAP version asked for.
    #[error("operation `{operation}` is not bound for {version}")]
    NotBound {
        /// Operation wire name.
        operation: &'static str,
        /// The version asked for.
        version: SoapVersion,
    },
    /// The documented call rate would be exceeded and the client is set to fail fast.
    #[error("`{operation}` would exceed the documented call rate; retry in {retry_after:?}")]
    RateLimited {
        /// Operation wire name.
        operation: &'static str,
        /// When the call would be allowed.
        retry_after: Duration,
    },
    /// The call did not complete in time.
    #[error("`{operation}` timed out")]
    Timeout {
        /// Operation wire name.
        operation: &'static str,
    },
    /// Connection or protocol failure below SOAP.
    #[error("`{operation}`: HTTP transport failed: {message}")]
    Transport {
        /// Operation wire name.
        operation: &'static str,
        /// What failed (no secrets: URLs and reasons only).
        message: String,
    },
    /// The server answered with a SOAP Fault.
    #[error("`{operation}`: HTTP {status}: {fault}")]
    Fault {
        /// Operation wire name.
        operation: &'static str,
        /// HTTP status (usually 500).
        status: u16,
        /// The fault, every part kept.
        fault: Box<Fault>,
    },
    /// The answer was not the expected SOAP response.
    #[error("`{operation}`: unexpected response (HTTP {status}, {content_type:?}): {reason}; body starts {excerpt:?}")]
    UnexpectedResponse {
        /// Operation wire name.
        operation: &'static str,
        /// HTTP status.
        status: u16,
        /// `Content-Type` as received (empty if none).
        content_type: String,
        /// Why it was refused.
        reason: String,
        /// The first characters of the body, with secret elements masked.
        excerpt: String,
        /// The XML problem, when there was one.
        decode: Option<Box<DecodeError>>,
    },
    /// The server answered with a redirect, which a SOAP call does not follow:
    /// the body (which may carry a password) is never sent to another address.
    #[error("`{operation}`: the server redirects (HTTP {status}) to {location}; point the client at that endpoint if it is right")]
    Redirected {
        /// Operation wire name.
        operation: &'static str,
        /// HTTP status (301, 302, 307, 308…).
        status: u16,
        /// Where it redirects to (the `Location` header), at most 200 characters.
        location: String,
    },
    /// The response body is larger than the configured cap.
    #[error("`{operation}`: response body exceeds the {limit}-byte cap")]
    TooLarge {
        /// Operation wire name.
        operation: &'static str,
        /// The cap in bytes.
        limit: usize,
    },
    /// The call succeeded on the wire but its result value is not OK.
    #[error("`{operation}` returned {value}: {}", meaning.unwrap_or("no documented meaning"))]
    Rejected {
        /// Operation wire name.
        operation: &'static str,
        /// The result value as sent (`GetOrder_NotLoggedIn`).
        value: String,
        /// The API guide's description of that value.
        meaning: Option<&'static str>,
    },
}

impl Error {
    /// The operation the error belongs to, when there is one.
    pub fn operation(&self) -> Option<&'static str> {
        match self {
            Error::InvalidRequest(e) => e.operation,
            Error::Config(_) => None,
            Error::NotBound { operation, .. }
            | Error::RateLimited { operation, .. }
            | Error::Timeout { operation }
            | Error::Transport { operation, .. }
            | Error::Fault { operation, .. }
            | Error::UnexpectedResponse { operation, .. }
            | Error::TooLarge { operation, .. }
            | Error::Redirected { operation, .. }
            | Error::Rejected { operation, .. } => Some(operation),
        }
    }
}
