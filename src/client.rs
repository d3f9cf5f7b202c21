//! The Rescue client: the generic [`asmx_runtime::Client`] with Rescue's
//! endpoints, its login session (kept credentials for one re-login), and its
//! auth code. Everything else — envelopes, pacing, cookies, masking — is the
//! runtime's, driven by the generated code and `wsdl/API.overlay.toml`.

use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::codes::{ApiToken, AuthCode};
use crate::runtime::{self, Operation, Relogin, Response, Secret, WireEnum};
use crate::{api, Envelope, Error, Pacing, SoapVersion};

/// LogMeIn Rescue's endpoint for accounts in the US data centre.
pub const DEFAULT_ENDPOINT: &str = "https://secure.logmeinrescue.com/API/API.asmx";
/// LogMeIn Rescue's endpoint for accounts in the EU data centre.
pub const EU_ENDPOINT: &str = "https://secure.logmeinrescue.eu/API/API.asmx";

/// The `login` credentials, in memory only, for one re-login when the session
/// expires (the overlay's `session_expired` results).
#[derive(Default)]
struct Credentials(Mutex<Option<(String, Secret)>>);

impl Credentials {
    fn get(&self) -> Option<(String, Secret)> {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }
    fn set(&self, value: Option<(String, Secret)>) {
        *self.0.lock().unwrap_or_else(|p| p.into_inner()) = value;
    }
}

impl Relogin for Credentials {
    fn relogin<'a>(
        &'a self,
        client: &'a runtime::Client,
        version: SoapVersion,
    ) -> Pin<Box<dyn Future<Output = Result<bool, Error>> + Send + 'a>> {
        Box::pin(async move {
            let Some((email, password)) = self.get() else {
                return Ok(false);
            };
            let login = api::LoginRequest {
                email: Some(email),
                password: Some(password),
            };
            // `match`, not `?`: this boxed future is compiled with the crate, and a
            // `?` on a `Result` of a generated type is compiled in a unit that
            // every WSDL edit recompiles (see the runtime's `__tri!`).
            match client.send(&login, version).await {
                Ok(response) => Ok(response.result.is_ok()),
                Err(e) => Err(e),
            }
        })
    }
}

/// Builds a [`Client`].
#[derive(Debug)]
pub struct ClientBuilder {
    inner: runtime::ClientBuilder,
    relogin: bool,
    api_token: bool,
}

impl Default for ClientBuilder {
    fn default() -> Self {
        ClientBuilder {
            inner: runtime::ClientBuilder::new(DEFAULT_ENDPOINT)
                .user_agent(concat!("logmein-rescue-rs/", env!("CARGO_PKG_VERSION"))),
            relogin: true,
            api_token: false,
        }
    }
}

impl ClientBuilder {
    fn map(mut self, f: impl FnOnce(runtime::ClientBuilder) -> runtime::ClientBuilder) -> Self {
        self.inner = f(self.inner);
        self
    }
    /// Any endpoint URL (`https://…/API/API.asmx`).
    pub fn endpoint(self, url: impl Into<String>) -> Self {
        self.map(|b| b.endpoint(url))
    }
    /// The EU data centre's endpoint.
    pub fn eu(self) -> Self {
        self.endpoint(EU_ENDPOINT)
    }
    /// SOAP version for calls that do not choose one (default 1.1).
    pub fn soap_version(self, version: SoapVersion) -> Self {
        self.map(|b| b.soap_version(version))
    }
    /// Whole-call deadline (default 30 s): connect, send, receive and decode.
    pub fn timeout(self, timeout: Duration) -> Self {
        self.map(|b| b.timeout(timeout))
    }
    /// Connect timeout (default 10 s).
    pub fn connect_timeout(self, timeout: Duration) -> Self {
        self.map(|b| b.connect_timeout(timeout))
    }
    /// `User-Agent` header.
    pub fn user_agent(self, agent: impl Into<String>) -> Self {
        self.map(|b| b.user_agent(agent))
    }
    /// Proxy URL for all requests.
    pub fn proxy(self, url: impl Into<String>) -> Self {
        self.map(|b| b.proxy(url))
    }
    /// Use this `reqwest::Client` (its own proxy and TLS settings then apply).
    pub fn http_client(self, client: reqwest::Client) -> Self {
        self.map(|b| b.http_client(client))
    }
    /// Allow a plain `http://` endpoint (for a local emulator or tests).
    pub fn allow_http(self, allow: bool) -> Self {
        self.map(|b| b.allow_http(allow))
    }
    /// Cap on a response body (default 8 MiB).
    pub fn max_response_bytes(self, limit: usize) -> Self {
        self.map(|b| b.max_response_bytes(limit))
    }
    /// Limits responses are read under (default [`runtime::Limits::DEFAULT`]).
    pub fn limits(self, limits: runtime::Limits) -> Self {
        self.map(|b| b.limits(limits))
    }
    /// Send this auth code as `sAuthCode` on every call that has one and sets none.
    pub fn auth_code(self, code: AuthCode) -> Self {
        self.map(|b| b.credential(Secret::new(code.expose())))
    }
    /// Authenticate every call with an administrator-issued API token (sent as
    /// `sAuthCode`). This client then refuses [`Client::request_auth_code`] and
    /// [`Client::login`]: accounts that issue tokens may disable both, and a new
    /// auth code would not replace the token.
    pub fn api_token(mut self, token: ApiToken) -> Self {
        self.api_token = true;
        self.map(|b| b.credential(Secret::new(token.expose())))
    }
    /// Repeat calls the overlay marks `retry_safe` (reads, report settings) after
    /// HTTP 429/503, waiting what `Retry-After` asks within bounds (default: never).
    /// PIN and auth code requests, logins and session actions are never repeated.
    pub fn retry(self, policy: runtime::RetryPolicy) -> Self {
        self.map(|b| b.retry(policy))
    }
    /// Wait for, or refuse, calls beyond the documented rates (default: wait).
    pub fn pacing(self, pacing: Pacing) -> Self {
        self.map(|b| b.pacing(pacing))
    }
    /// Log in again, once, when a call answers `…_NotLoggedIn` and the client holds
    /// credentials from [`Client::login`] (default: on).
    pub fn relogin(mut self, on: bool) -> Self {
        self.relogin = on;
        self
    }

    /// Checks the settings and builds the client.
    pub fn build(self) -> Result<Client, Error> {
        let credentials = Arc::new(Credentials::default());
        let relogin = self
            .relogin
            .then(|| credentials.clone() as Arc<dyn Relogin>);
        Ok(Client {
            inner: self.inner.relogin(relogin).build()?,
            credentials,
            api_token: Arc::new(AtomicBool::new(self.api_token)),
            report_lock: Arc::default(),
        })
    }
}

/// A LogMeIn Rescue API client. Cheap to clone; clones share connections, the
/// session cookie, credentials and the rate pacing.
#[derive(Clone)]
pub struct Client {
    inner: runtime::Client,
    credentials: Arc<Credentials>,
    /// The credential is an API token (shared by clones).
    api_token: Arc<AtomicBool>,
    /// One reporting chain at a time on the shared server session.
    report_lock: Arc<tokio::sync::Mutex<()>>,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.inner.fmt(f)
    }
}

impl Client {
    /// Starts a [`ClientBuilder`].
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// A clone that calls with `version` by default. It shares connections, the
    /// session cookie, credentials and pacing with `self`.
    pub fn with_soap_version(&self, version: SoapVersion) -> Client {
        Client {
            inner: self.inner.with_soap_version(version),
            credentials: self.credentials.clone(),
            api_token: self.api_token.clone(),
            report_lock: self.report_lock.clone(),
        }
    }

    /// The SOAP version calls use unless they choose one.
    pub fn soap_version(&self) -> SoapVersion {
        self.inner.soap_version()
    }

    /// The endpoint calls go to.
    pub fn endpoint(&self) -> &str {
        self.inner.endpoint()
    }

    /// The generic transport underneath (any generated operation of any service
    /// on the same endpoint).
    pub fn transport(&self) -> &runtime::Client {
        &self.inner
    }

    /// The exact envelope a call would send, without sending it (like zeep's
    /// `create_message`). The client's auth code is filled in as for a real call.
    pub fn envelope<O: Operation>(
        &self,
        request: &O,
        version: SoapVersion,
    ) -> Result<Envelope, Error> {
        self.inner.envelope(request, version)
    }

    /// Calls any generated operation with the client's SOAP version.
    pub async fn call<O: Operation>(&self, request: O) -> Result<Response<O::Response>, Error> {
        self.inner.call(request).await
    }

    /// Calls any generated operation with the given SOAP version.
    pub async fn call_with<O: Operation>(
        &self,
        request: O,
        version: SoapVersion,
    ) -> Result<Response<O::Response>, Error> {
        self.inner.call_with(request, version).await
    }

    /// `login`: starts a session (the `ASP.NET_SessionId` cookie, shared by all
    /// clones). The credentials are kept, in memory only, for one automatic
    /// re-login when the session expires. Refused on a client with an API token.
    pub async fn login(
        &self,
        email: &str,
        password: &str,
    ) -> Result<Response<api::LoginResponse>, Error> {
        self.refuse_with_token(<api::LoginRequest as Operation>::META.name)?;
        let request = api::LoginRequest {
            email: Some(email.to_owned()),
            password: Some(password.into()),
        };
        let response = self.inner.send(&request, self.soap_version()).await?;
        if response.result.is_ok() {
            self.credentials
                .set(Some((email.to_owned(), Secret::new(password))));
        }
        Ok(response)
    }

    /// `logout`: ends the session and forgets the cookie and kept credentials.
    pub async fn logout(&self) -> Result<Response<api::LogoutResponse>, Error> {
        let response = self
            .inner
            .send(&api::LogoutRequest {}, self.soap_version())
            .await;
        self.inner.clear_session();
        self.credentials.set(None);
        response
    }

    /// `requestAuthCode`: an auth code for `email`. Its `Debug` and `Display` are
    /// redacted. Non-OK results become [`Error::Rejected`]. A new auth code
    /// replaces the user's previous one on the server.
    ///
    /// Refused on a client that authenticates with an [`ApiToken`].
    pub async fn request_auth_code(&self, email: &str, password: &str) -> Result<AuthCode, Error> {
        self.refuse_with_token(<api::RequestAuthCodeRequest as Operation>::META.name)?;
        let request = api::RequestAuthCodeRequest {
            email: Some(email.to_owned()),
            password: Some(password.into()),
        };
        let response = self.inner.send(&request, self.soap_version()).await?.ok()?;
        let code = response.into_inner().auth_code.unwrap_or_default();
        if code.expose().is_empty() {
            return Err(Error::UnexpectedResponse {
                operation: <api::RequestAuthCodeRequest as Operation>::META.name,
                status: 200,
                content_type: String::new(),
                reason: "an OK result without an auth code".into(),
                excerpt: String::new(),
                decode: None,
            });
        }
        Ok(AuthCode::new(code.expose()))
    }

    /// Uses `code` as `sAuthCode` from now on (for this client and its clones).
    pub fn set_auth_code(&self, code: Option<AuthCode>) {
        self.api_token.store(false, Ordering::Relaxed);
        self.inner
            .set_credential(code.map(|c| Secret::new(c.expose())));
    }

    /// Uses an administrator-issued API token as `sAuthCode` from now on (see
    /// [`ClientBuilder::api_token`]).
    pub fn set_api_token(&self, token: ApiToken) {
        self.api_token.store(true, Ordering::Relaxed);
        self.inner.set_credential(Some(Secret::new(token.expose())));
    }

    /// Whether calls authenticate with an API token.
    pub fn uses_api_token(&self) -> bool {
        self.api_token.load(Ordering::Relaxed)
    }

    pub(crate) fn report_lock(&self) -> &tokio::sync::Mutex<()> {
        &self.report_lock
    }

    fn refuse_with_token(&self, operation: &str) -> Result<(), Error> {
        if self.uses_api_token() {
            return Err(Error::Config(format!(
                "this client authenticates with an API token; `{operation}` is not used in that mode (accounts with API tokens may disable it)"
            )));
        }
        Ok(())
    }

    /// Keeps `email` and `password` for one automatic re-login when the session
    /// expires, as [`login`](Self::login) does (for a session restored from a cache).
    pub fn remember_login(&self, email: &str, password: &str) {
        self.credentials
            .set(Some((email.to_owned(), Secret::new(password))));
    }

    /// Whether the client holds a session cookie.
    pub fn has_session(&self) -> bool {
        self.inner.has_session()
    }
}
