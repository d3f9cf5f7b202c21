//! What a call needs from its operation, behind a trait object: filling the
//! request from the session, encoding it, decoding the answer and judging its
//! result. The call itself (session, pacing, retries, re-login, span, errors)
//! is then one state machine for every operation, compiled once; a registry
//! holding every operation compiles no async code per operation.

use super::HeaderDefaults;
use crate::secret::Secret;
use crate::soap::{self, DecodeResponse, DecodeResponseError, Envelope, SoapVersion};
use crate::xml::Limits;
use crate::{Error, Operation, OperationMeta, Response};

/// The operation-specific steps of one call.
pub(crate) trait CallSteps: Send {
    /// The operation's names, actions and pacing.
    fn meta(&self) -> &'static OperationMeta;
    /// Whether a throttled call may be repeated ([`Operation::RETRY_SAFE`]).
    fn retry_safe(&self) -> bool;
    /// Fills unset headers and an empty credential field from the session;
    /// whether the call then carries a credential of its own.
    fn fill(&mut self, headers: &HeaderDefaults, credential: &Option<Secret>) -> bool;
    /// The request's envelope (facets checked first).
    fn encode(&self, version: SoapVersion) -> Result<Envelope, Error>;
    /// Decodes a response envelope and keeps the response (replacing one kept
    /// from an earlier answer).
    fn decode(
        &mut self,
        body: &[u8],
        version: SoapVersion,
        limits: Limits,
    ) -> Result<(), DecodeResponseError>;
    /// The kept response's result value, if it has one.
    fn result_wire(&self) -> Option<&str>;
    /// Whether the kept response says the server session expired.
    fn session_expired(&self) -> bool;
}

/// The steps of a call of `O`: its request, then its response once decoded. A
/// tuple with the request first rather than a struct: rustc compiles the methods
/// of a tuple's impls with its first element's module (the operation's generated
/// one), so they are not in a unit that every operation shares (see `__tri!`).
pub(crate) type Typed<O> = (O, Option<Response<<O as Operation>::Response>>);

/// The end of a typed call.
pub(crate) trait TypedSteps {
    /// The response body type.
    type Body;
    /// The decoded response. A call returns `Ok` only after a decode kept one,
    /// so the error is for a broken invariant, not for anything a server sends.
    fn into_response(self) -> Result<Response<Self::Body>, Error>;
}

impl<O: Operation> TypedSteps for Typed<O> {
    type Body = O::Response;

    fn into_response(self) -> Result<Response<O::Response>, Error> {
        match self.1 {
            Some(response) => Ok(response),
            None => Err(Error::UnexpectedResponse {
                operation: O::META.name,
                status: 0,
                content_type: String::new(),
                reason: "the call ended without a decoded response".into(),
                excerpt: String::new(),
                decode: None,
            }),
        }
    }
}

impl<O: Operation> CallSteps for Typed<O> {
    fn meta(&self) -> &'static OperationMeta {
        &O::META
    }

    fn retry_safe(&self) -> bool {
        O::RETRY_SAFE
    }

    fn fill(&mut self, headers: &HeaderDefaults, credential: &Option<Secret>) -> bool {
        let request = &mut self.0;
        request.fill_headers(headers);
        match request.auth_code_mut() {
            Some(slot) => {
                if slot.is_none() {
                    slot.clone_from(credential);
                }
                slot.is_some()
            }
            None => credential.is_some(),
        }
    }

    fn encode(&self, version: SoapVersion) -> Result<Envelope, Error> {
        Ok(soap::encode(&self.0, version)?)
    }

    fn decode(
        &mut self,
        body: &[u8],
        version: SoapVersion,
        limits: Limits,
    ) -> Result<(), DecodeResponseError> {
        self.1 = Some(crate::__tri!(O::decode_response(body, version, limits)));
        Ok(())
    }

    // `match` rather than `Option` combinators or `?`: those would be compiled
    // once per operation in a unit shared by all (see `__tri!`).
    fn result_wire(&self) -> Option<&str> {
        match &self.1 {
            Some(response) => O::result_wire(&response.body),
            None => None,
        }
    }

    fn session_expired(&self) -> bool {
        match &self.1 {
            Some(response) => O::session_expired(&response.body),
            None => false,
        }
    }
}
