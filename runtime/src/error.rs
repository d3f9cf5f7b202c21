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
    /// The server answered HTTP 429 (Too Many Requests) or 503 (Service
    /// Unavailable), with the delay its `Retry-After` header asks for, if any.
    #[error("`{operation}`: the server is busy (HTTP {status}){}", retry_after.map(|d| format!("; it asks to retry after {} s", d.as_secs())).unwrap_or_default())]
    Throttled {
        /// Operation wire name.
        operation: &'static str,
        /// 429 or 503.
        status: u16,
        /// The `Retry-After` delay (seconds, or an HTTP date from now).
        retry_after: Option<Duration>,
    },
    /// The call did not complete in time.
    #[error("`{operation}` to {url} timed out while {phase} after {:.1} s (deadline {:.1} s)", elapsed.as_secs_f64(), deadline.as_secs_f64())]
    Timeout {
        /// Operation wire name.
        operation: &'static str,
        /// The endpoint, without user, password or query.
        url: String,
        /// What the call was doing when the deadline passed.
        phase: Phase,
        /// Time spent.
        elapsed: Duration,
        /// The deadline.
        deadline: Duration,
    },
    /// Connection or protocol failure below SOAP.
    #[error("`{operation}` to {url} failed while {phase} after {:.1} s: {message}", elapsed.as_secs_f64())]
    Transport {
        /// Operation wire name.
        operation: &'static str,
        /// The endpoint, without user, password or query.
        url: String,
        /// What the call was doing.
        phase: Phase,
        /// Time spent.
        elapsed: Duration,
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

/// A request that could not be encoded: nothing was sent.
impl From<crate::soap::EncodeRequestError> for Error {
    fn from(e: crate::soap::EncodeRequestError) -> Self {
        match e {
            crate::soap::EncodeRequestError::Invalid(e) => Error::InvalidRequest(e),
            crate::soap::EncodeRequestError::NotBound { operation, version } => {
                Error::NotBound { operation, version }
            }
        }
    }
}

impl Error {
    /// The operation the error belongs to, when there is one.
    pub fn operation(&self) -> Option<&'static str> {
        match self {
            Error::InvalidRequest(e) => e.operation,
            Error::Config(_) => None,
            Error::NotBound { operation, .. }
            | Error::RateLimited { operation, .. }
            | Error::Throttled { operation, .. }
            | Error::Timeout { operation, .. }
            | Error::Transport { operation, .. }
            | Error::Fault { operation, .. }
            | Error::UnexpectedResponse { operation, .. }
            | Error::TooLarge { operation, .. }
            | Error::Redirected { operation, .. }
            | Error::Rejected { operation, .. } => Some(operation),
        }
    }
}

/// The part of a call an error happened in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Connecting (DNS, TCP, TLS).
    Connect,
    /// Sending the request and waiting for the answer's status and headers.
    Send,
    /// Receiving the answer's body.
    Receive,
    /// Decoding the answer.
    Decode,
}

impl Phase {
    /// The phase stored as `phase as u8`.
    pub(crate) fn from_u8(v: u8) -> Phase {
        match v {
            0 => Phase::Connect,
            1 => Phase::Send,
            2 => Phase::Receive,
            _ => Phase::Decode,
        }
    }
}

impl std::fmt::Display for Phase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Phase::Connect => "connecting",
            Phase::Send => "sending and awaiting the answer",
            Phase::Receive => "receiving the answer's body",
            Phase::Decode => "decoding",
        })
    }
}
