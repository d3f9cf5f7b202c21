//! A blocking client for programs without tokio (feature `blocking`). It runs the
//! async [`crate::Client`] on a private single-thread runtime.

use std::sync::Arc;

use crate::codes::AuthCode;
use crate::runtime::{Operation, Response};
use crate::{Envelope, Error, SoapVersion};

/// The blocking twin of [`crate::Client`]; clones share everything.
#[derive(Clone, Debug)]
pub struct Client {
    inner: crate::Client,
    runtime: Arc<OwnedRuntime>,
}

/// The private runtime; dropped without blocking when the last clone goes away
/// inside someone else's async context (where a plain drop would panic).
#[derive(Debug)]
struct OwnedRuntime(Option<tokio::runtime::Runtime>);

impl Drop for OwnedRuntime {
    fn drop(&mut self) {
        if let Some(rt) = self.0.take() {
            if tokio::runtime::Handle::try_current().is_ok() {
                rt.shutdown_background();
            }
        }
    }
}

impl Client {
    /// Wraps an async client (build it with [`crate::Client::builder`]).
    pub fn new(inner: crate::Client) -> Result<Self, Error> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| {
                Error::Config(format!("cannot start the blocking client's runtime: {e}"))
            })?;
        Ok(Client {
            inner,
            runtime: Arc::new(OwnedRuntime(Some(runtime))),
        })
    }

    /// The async client underneath.
    pub fn as_async(&self) -> &crate::Client {
        &self.inner
    }

    fn block_on<F: std::future::Future>(&self, f: F) -> Result<F::Output, Error> {
        if tokio::runtime::Handle::try_current().is_ok() {
            return Err(Error::Config(
                "the blocking client was called inside an async runtime; use the async Client there".into(),
            ));
        }
        match &self.runtime.0 {
            Some(rt) => Ok(rt.block_on(f)),
            None => Err(Error::Config(
                "the blocking client's runtime is gone".into(),
            )),
        }
    }

    /// Calls any generated operation with the client's SOAP version.
    pub fn call<O: Operation>(&self, request: O) -> Result<Response<O::Response>, Error> {
        self.block_on(self.inner.call(request))?
    }

    /// Calls any generated operation with the given SOAP version.
    pub fn call_with<O: Operation>(
        &self,
        request: O,
        version: SoapVersion,
    ) -> Result<Response<O::Response>, Error> {
        self.block_on(self.inner.call_with(request, version))?
    }

    /// See [`crate::Client::login`].
    pub fn login(
        &self,
        email: &str,
        password: &str,
    ) -> Result<Response<crate::api::LoginResponse>, Error> {
        self.block_on(self.inner.login(email, password))?
    }

    /// See [`crate::Client::logout`].
    pub fn logout(&self) -> Result<Response<crate::api::LogoutResponse>, Error> {
        self.block_on(self.inner.logout())?
    }

    /// See [`crate::Client::request_auth_code`].
    pub fn request_auth_code(&self, email: &str, password: &str) -> Result<AuthCode, Error> {
        self.block_on(self.inner.request_auth_code(email, password))?
    }

    /// See [`crate::Client::set_auth_code`].
    pub fn set_auth_code(&self, code: Option<AuthCode>) {
        self.inner.set_auth_code(code);
    }

    /// See [`crate::Client::set_api_token`].
    pub fn set_api_token(&self, token: crate::ApiToken) {
        self.inner.set_api_token(token);
    }

    /// See [`crate::Client::report`]: the reporting chain, read into rows.
    pub fn report(&self, query: &crate::ReportQuery) -> Result<crate::report::Report, Error> {
        self.block_on(self.inner.report(query))?
    }

    /// See [`crate::Client::envelope`].
    pub fn envelope<O: Operation>(
        &self,
        request: &O,
        version: SoapVersion,
    ) -> Result<Envelope, Error> {
        self.inner.envelope(request, version)
    }
}
