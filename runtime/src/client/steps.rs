//! What a call needs from its operation, behind a trait object: filling the
//! request from the session, encoding it, decoding the answer and judging its
//! result. The call itself (session, pacing, retries, re-login, span, errors)
//! is then one state machine for every operation, compiled once; a registry
//! holding every operation compiles no async code per operation.

use std::borrow::Cow;

use super::HeaderDefaults;
use crate::secret::Secret;
use crate::soap::{self, DecodeResponseError, Envelope, SoapVersion};
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

/// The steps of a call of `O`: its request (borrowed until something is filled
/// in), then its response once decoded.
pub(crate) struct Typed<'a, O: Operation> {
    request: Cow<'a, O>,
    response: Option<Response<O::Response>>,
}

impl<'a, O: Operation> Typed<'a, O> {
    pub(crate) fn new(request: Cow<'a, O>) -> Self {
        Typed {
            request,
            response: None,
        }
    }

    /// The decoded response. A call returns `Ok` only after a decode kept one,
    /// so the error is for a broken invariant, not for anything a server sends.
    pub(crate) fn into_response(self) -> Result<Response<O::Response>, Error> {
        match self.response {
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

impl<O: Operation> CallSteps for Typed<'_, O> {
    fn meta(&self) -> &'static OperationMeta {
        &O::META
    }

    fn retry_safe(&self) -> bool {
        O::RETRY_SAFE
    }

    fn fill(&mut self, headers: &HeaderDefaults, credential: &Option<Secret>) -> bool {
        let request = self.request.to_mut();
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
        Ok(soap::encode(&*self.request, version)?)
    }

    fn decode(
        &mut self,
        body: &[u8],
        version: SoapVersion,
        limits: Limits,
    ) -> Result<(), DecodeResponseError> {
        self.response = Some(crate::__tri!(soap::decode_with::<O>(body, version, limits)));
        Ok(())
    }

    // `match` rather than `Option` combinators or `?`: those would be compiled
    // once per operation in a unit shared by all (see `__tri!`).
    fn result_wire(&self) -> Option<&str> {
        match &self.response {
            Some(response) => O::result_wire(response),
            None => None,
        }
    }

    fn session_expired(&self) -> bool {
        match &self.response {
            Some(response) => O::session_expired(response),
            None => false,
        }
    }
}
