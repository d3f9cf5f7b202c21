//! The async client: one HTTP POST per call, SOAP 1.1 or 1.2.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use tracing::Instrument as _;

use crate::codes::AuthCode;
use crate::envelope::{self, DecodeResponseError, Envelope, SoapVersion};
use crate::pacing::{Pacer, Pacing};
use crate::runtime::{Operation, Response};
use crate::secret::{mask_body_with, mask_xml, Secret, SECRET_ELEMENTS};
use crate::Error;

/// LogMeIn Rescue's endpoint for accounts in the US data centre.
pub const DEFAULT_ENDPOINT: &str = "https://secure.logmeinrescue.com/API/API.asmx";
/// LogMeIn Rescue's endpoint for accounts in the EU data centre.
pub const EU_ENDPOINT: &str = "https://secure.logmeinrescue.eu/API/API.asmx";
/// Default cap on a response body.
pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 8 * 1024 * 1024;

/// Builds a [`Client`].
#[derive(Debug)]
pub struct ClientBuilder {
    endpoint: String,
    version: SoapVersion,
    timeout: Duration,
    connect_timeout: Duration,
    user_agent: String,
    proxy: Option<String>,
    http: Option<reqwest::Client>,
    allow_http: bool,
    max_response_bytes: usize,
    auth_code: Option<AuthCode>,
    pacing: Pacing,
    relogin: bool,
}

impl Default for ClientBuilder {
    fn default() -> Self {
        ClientBuilder {
            endpoint: DEFAULT_ENDPOINT.into(),
            version: SoapVersion::Soap11,
            timeout: Duration::from_secs(30),
            connect_timeout: Duration::from_secs(10),
            user_agent: concat!("logmein-rescue-rs/", env!("CARGO_PKG_VERSION")).into(),
            proxy: None,
            http: None,
            allow_http: false,
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            auth_code: None,
            pacing: Pacing::Wait,
            relogin: true,
        }
    }
}

impl ClientBuilder {
    /// Any endpoint URL (`https://…/API/API.asmx`).
    pub fn endpoint(mut self, url: impl Into<String>) -> Self {
        self.endpoint = url.into();
        self
    }
    /// The EU data centre's endpoint.
    pub fn eu(self) -> Self {
        self.endpoint(EU_ENDPOINT)
    }
    /// SOAP version for calls that do not choose one (default 1.1).
    pub fn soap_version(mut self, version: SoapVersion) -> Self {
        self.version = version;
        self
    }
    /// Whole-call deadline (default 30 s): connect, send, receive and decode, also
    /// with a client from [`http_client`](Self::http_client). Pacing waits before
    /// it starts.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }
    /// Connect timeout (default 10 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }
    /// `User-Agent` header.
    pub fn user_agent(mut self, agent: impl Into<String>) -> Self {
        self.user_agent = agent.into();
        self
    }
    /// Proxy URL for all requests.
    pub fn proxy(mut self, url: impl Into<String>) -> Self {
        self.proxy = Some(url.into());
        self
    }
    /// Use this `reqwest::Client` (its own timeouts and proxy then apply).
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http = Some(client);
        self
    }
    /// Allow a plain `http://` endpoint (for a local emulator or tests).
    pub fn allow_http(mut self, allow: bool) -> Self {
        self.allow_http = allow;
        self
    }
    /// Cap on a response body (default 8 MiB).
    pub fn max_response_bytes(mut self, limit: usize) -> Self {
        self.max_response_bytes = limit;
        self
    }
    /// Send this auth code as `sAuthCode` on every call that has one and sets none.
    pub fn auth_code(mut self, code: AuthCode) -> Self {
        self.auth_code = Some(code);
        self
    }
    /// Wait for, or refuse, calls beyond the documented rates (default: wait).
    pub fn pacing(mut self, pacing: Pacing) -> Self {
        self.pacing = pacing;
        self
    }
    /// Log in again, once, when a call answers `…_NotLoggedIn` and the client holds
    /// credentials from [`Client::login`] (default: on).
    pub fn relogin(mut self, on: bool) -> Self {
        self.relogin = on;
        self
    }

    /// Checks the settings and builds the client.
    pub fn build(self) -> Result<Client, Error> {
        let url = reqwest::Url::parse(&self.endpoint).map_err(|e| {
            Error::Config(format!("endpoint `{}` is not a URL: {e}", self.endpoint))
        })?;
        match url.scheme() {
            "https" => {}
            "http" if self.allow_http => {}
            "http" => {
                return Err(Error::Config(
                    "plain http:// endpoints are refused; call allow_http(true) for local testing"
                        .into(),
                ))
            }
            other => {
                return Err(Error::Config(format!(
                    "endpoint scheme `{other}` is not http(s)"
                )))
            }
        }
        let http = match self.http {
            Some(http) => http,
            None => {
                let mut b = reqwest::Client::builder()
                    .timeout(self.timeout)
                    .connect_timeout(self.connect_timeout)
                    .user_agent(self.user_agent)
                    .redirect(reqwest::redirect::Policy::none());
                if let Some(proxy) = &self.proxy {
                    b = b.proxy(
                        reqwest::Proxy::all(proxy)
                            .map_err(|e| Error::Config(format!("proxy URL is not valid: {e}")))?,
                    );
                }
                b.build()
                    .map_err(|e| Error::Config(format!("HTTP client: {e}")))?
            }
        };
        Ok(Client {
            version: self.version,
            inner: Arc::new(Inner {
                http,
                timeout: self.timeout,
                url,
                max_response_bytes: self.max_response_bytes,
                relogin: self.relogin,
                pacer: Pacer::new(self.pacing),
                session: Mutex::new(Session {
                    auth_code: self.auth_code,
                    ..Session::default()
                }),
            }),
        })
    }
}

#[derive(Default)]
struct Session {
    cookies: Vec<(String, Secret)>,
    credentials: Option<(String, Secret)>,
    auth_code: Option<AuthCode>,
}

struct Inner {
    http: reqwest::Client,
    timeout: Duration,
    url: reqwest::Url,
    max_response_bytes: usize,
    relogin: bool,
    pacer: Pacer,
    session: Mutex<Session>,
}

/// A LogMeIn Rescue API client. Cheap to clone; clones share connections, the
/// session cookie, credentials and the rate pacing.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
    version: SoapVersion,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("endpoint", &self.inner.url.as_str())
            .field("soap_version", &self.version)
            .finish_non_exhaustive()
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
            inner: self.inner.clone(),
            version,
        }
    }

    /// The SOAP version calls use unless they choose one.
    pub fn soap_version(&self) -> SoapVersion {
        self.version
    }

    /// The endpoint calls go to.
    pub fn endpoint(&self) -> &str {
        self.inner.url.as_str()
    }

    fn session(&self) -> std::sync::MutexGuard<'_, Session> {
        // A poisoned lock only means another call panicked; the data is still usable.
        self.inner.session.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The exact envelope a call would send, without sending it (like zeep's
    /// `create_message`). The client's auth code is filled in as for a real call.
    pub fn envelope<O: Operation>(
        &self,
        request: &O,
        version: SoapVersion,
    ) -> Result<Envelope, Error> {
        let mut request = request.clone();
        self.fill_auth_code(&mut request);
        Self::encode(&request, version)
    }

    /// Checks and encodes a request as it is (its auth code already filled in).
    fn encode<O: Operation>(request: &O, version: SoapVersion) -> Result<Envelope, Error> {
        envelope::encode(request, version).map_err(|e| match e {
            envelope::EncodeRequestError::Invalid(e) => Error::InvalidRequest(e),
            envelope::EncodeRequestError::NotBound { operation, version } => {
                Error::NotBound { operation, version }
            }
        })
    }

    fn fill_auth_code<O: Operation>(&self, request: &mut O) {
        if let Some(slot) = request.auth_code_mut() {
            if slot.is_none() {
                if let Some(code) = &self.session().auth_code {
                    *slot = Some(Secret::new(code.expose()));
                }
            }
        }
    }

    /// Calls any generated operation with the client's SOAP version.
    pub async fn call<O: Operation>(&self, request: O) -> Result<Response<O::Response>, Error> {
        self.call_with(request, self.version).await
    }

    /// Calls any generated operation with the given SOAP version.
    pub async fn call_with<O: Operation>(
        &self,
        request: O,
        version: SoapVersion,
    ) -> Result<Response<O::Response>, Error> {
        let mut request = request;
        // A call authenticated by an auth code has no session to renew.
        let has_auth_code = request.auth_code_mut().is_some_and(|c| c.is_some())
            || self.session().auth_code.is_some();
        self.fill_auth_code(&mut request);
        let response = self.call_once(&request, version).await?;
        if O::session_expired(&response) && self.inner.relogin && !has_auth_code {
            let credentials = self.session().credentials.clone();
            if let Some((email, password)) = credentials {
                tracing::debug!(
                    operation = O::META.name,
                    "session expired; logging in again once"
                );
                let login = crate::api::LoginRequest {
                    email: Some(email),
                    password: Some(password),
                };
                let answer = self.call_once(&login, version).await?;
                if crate::runtime::WireEnum::is_ok(&answer.result) {
                    return self.call_once(&request, version).await;
                }
            }
        }
        Ok(response)
    }

    /// One POST of `request` as it is: callers fill in the auth code first (the
    /// login, logout and auth-code requests have none).
    async fn call_once<O: Operation>(
        &self,
        request: &O,
        version: SoapVersion,
    ) -> Result<Response<O::Response>, Error> {
        let operation = O::META.name;
        let envelope = Self::encode(request, version)?;
        self.inner.pacer.admit(operation, O::META.pace).await?;
        let span = tracing::info_span!("soap_call", operation, soap = %version, status = tracing::field::Empty,
            result = tracing::field::Empty, elapsed_ms = tracing::field::Empty);
        let started = std::time::Instant::now();
        let deadline = self.inner.timeout;
        let exchange = async move {
            tracing::trace!(body = %mask_xml(&envelope.body), "request");
            let mut http = self
                .inner
                .http
                .post(self.inner.url.clone())
                .header(reqwest::header::CONTENT_TYPE, &envelope.content_type);
            if let Some(action) = &envelope.soap_action {
                http = http.header("SOAPAction", action);
            }
            let cookie = {
                let s = self.session();
                s.cookies
                    .iter()
                    .map(|(k, v)| format!("{k}={}", v.expose()))
                    .collect::<Vec<_>>()
                    .join("; ")
            };
            if !cookie.is_empty() {
                http = http.header(reqwest::header::COOKIE, cookie);
            }
            let transport = |e: reqwest::Error| {
                if e.is_timeout() {
                    Error::Timeout { operation }
                } else {
                    Error::Transport {
                        operation,
                        message: error_chain(&e),
                    }
                }
            };
            let mut answer = http.body(envelope.body).send().await.map_err(transport)?;
            let status = answer.status().as_u16();
            tracing::Span::current().record("status", status);
            self.store_cookies(answer.headers());
            let content_type = answer
                .headers()
                .get(reqwest::header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("")
                .to_owned();
            let limit = self.inner.max_response_bytes;
            if answer.content_length().is_some_and(|n| n > limit as u64) {
                return Err(Error::TooLarge { operation, limit });
            }
            let mut body = Vec::new();
            while let Some(chunk) = answer.chunk().await.map_err(transport)? {
                if body.len() + chunk.len() > limit {
                    return Err(Error::TooLarge { operation, limit });
                }
                body.extend_from_slice(&chunk);
            }
            tracing::trace!(body = %mask_body_with(&body, SECRET_ELEMENTS), "response");
            let result = interpret::<O>(operation, version, status, &content_type, &body);
            if started.elapsed() > deadline {
                return Err(Error::Timeout { operation });
            }
            let span = tracing::Span::current();
            span.record("elapsed_ms", started.elapsed().as_millis() as u64);
            if let Ok(r) = &result {
                if let Some(v) = O::result_wire(r) {
                    span.record("result", v);
                }
            }
            result
        };
        match tokio::time::timeout(deadline, exchange.instrument(span)).await {
            Ok(result) => result,
            Err(_) => Err(Error::Timeout { operation }),
        }
    }

    /// Keeps the cookies the endpoint's host may set: a `Domain` attribute that
    /// does not cover the host is ignored, and at most [`MAX_COOKIES`] cookies of
    /// at most [`MAX_COOKIE_BYTES`] each are kept (a server cannot make every
    /// later request carry an unbounded `Cookie` header).
    fn store_cookies(&self, headers: &reqwest::header::HeaderMap) {
        let host = self.inner.url.host_str().unwrap_or("").to_ascii_lowercase();
        let mut session = self.session();
        for value in headers.get_all(reqwest::header::SET_COOKIE) {
            let Ok(value) = value.to_str() else { continue };
            let mut parts = value.split(';');
            let pair = parts.next().unwrap_or("");
            let Some((name, val)) = pair.split_once('=') else {
                continue;
            };
            let (name, val) = (name.trim().to_owned(), val.trim().to_owned());
            let mut expired = val.is_empty();
            let mut foreign = false;
            for attr in parts {
                let (key, v) = attr.split_once('=').unwrap_or((attr, ""));
                let (key, v) = (key.trim().to_ascii_lowercase(), v.trim());
                match key.as_str() {
                    "max-age" => expired |= v.starts_with('-') || v == "0",
                    "domain" => foreign |= !domain_matches(&host, v),
                    _ => {}
                }
            }
            if foreign || name.len() + val.len() > MAX_COOKIE_BYTES {
                tracing::debug!(cookie = %name, "Set-Cookie ignored (foreign domain or too large)");
                continue;
            }
            session.cookies.retain(|(k, _)| *k != name);
            if !expired && session.cookies.len() < MAX_COOKIES {
                session.cookies.push((name, Secret::new(val)));
            }
        }
    }

    /// `login`: starts a session (the `ASP.NET_SessionId` cookie, shared by all
    /// clones). The credentials are kept, in memory only, for one automatic
    /// re-login when the session expires.
    pub async fn login(
        &self,
        email: &str,
        password: &str,
    ) -> Result<Response<crate::api::LoginResponse>, Error> {
        let request = crate::api::LoginRequest {
            email: Some(email.to_owned()),
            password: Some(password.into()),
        };
        let response = self.call_once(&request, self.version).await?;
        if crate::runtime::WireEnum::is_ok(&response.result) {
            self.session().credentials = Some((email.to_owned(), Secret::new(password)));
        }
        Ok(response)
    }

    /// `logout`: ends the session and forgets the cookie and kept credentials.
    pub async fn logout(&self) -> Result<Response<crate::api::LogoutResponse>, Error> {
        let response = self
            .call_once(&crate::api::LogoutRequest {}, self.version)
            .await;
        let mut session = self.session();
        session.cookies.clear();
        session.credentials = None;
        response
    }

    /// `requestAuthCode`: an auth code for `email`. Its `Debug` and `Display` are
    /// redacted. Non-OK results become [`Error::Rejected`].
    pub async fn request_auth_code(&self, email: &str, password: &str) -> Result<AuthCode, Error> {
        let request = crate::api::RequestAuthCodeRequest {
            email: Some(email.to_owned()),
            password: Some(password.into()),
        };
        let response = self.call_once(&request, self.version).await?.ok()?;
        let code = response.into_inner().auth_code.unwrap_or_default();
        if code.expose().is_empty() {
            return Err(Error::UnexpectedResponse {
                operation: "requestAuthCode",
                status: 200,
                content_type: String::new(),
                reason: "requestAuthCode_OK without an sAuthCode".into(),
                excerpt: String::new(),
                decode: None,
            });
        }
        Ok(AuthCode::new(code.expose()))
    }

    /// Uses `code` as `sAuthCode` from now on (for this client and its clones).
    pub fn set_auth_code(&self, code: Option<AuthCode>) {
        self.session().auth_code = code;
    }

    /// Whether the client holds a session cookie.
    pub fn has_session(&self) -> bool {
        !self.session().cookies.is_empty()
    }
}

/// Most cookies a client keeps for its endpoint.
pub const MAX_COOKIES: usize = 16;
/// Largest cookie (name and value) a client keeps.
pub const MAX_COOKIE_BYTES: usize = 4096;

/// Whether a `Set-Cookie` `Domain` attribute covers `host` (RFC 6265 §5.1.3).
fn domain_matches(host: &str, domain: &str) -> bool {
    let domain = domain.trim_start_matches('.').to_ascii_lowercase();
    !domain.is_empty()
        && (host == domain
            || host
                .strip_suffix(domain.as_str())
                .is_some_and(|rest| rest.ends_with('.')))
}

/// Turns an HTTP answer into the typed response or the right error.
fn interpret<O: Operation>(
    operation: &'static str,
    version: SoapVersion,
    status: u16,
    content_type: &str,
    body: &[u8],
) -> Result<Response<O::Response>, Error> {
    let unexpected =
        |reason: String, decode: Option<crate::runtime::DecodeError>| Error::UnexpectedResponse {
            operation,
            status,
            content_type: content_type.to_owned(),
            reason,
            excerpt: excerpt(body),
            decode: decode.map(Box::new),
        };
    let media = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    if media != version.media_type() {
        let reason = if body.is_empty() {
            "empty body".to_owned()
        } else {
            format!(
                "expected content type {} for {version}",
                version.media_type()
            )
        };
        return Err(unexpected(reason, None));
    }
    if body.is_empty() {
        return Err(unexpected("empty body".into(), None));
    }
    match envelope::decode::<O>(body, version) {
        Ok(r) if status == 200 => Ok(r.with_operation(operation)),
        Ok(_) => Err(unexpected(
            format!("a response element with HTTP status {status}"),
            None,
        )),
        Err(DecodeResponseError::Fault(fault)) => Err(Error::Fault {
            operation,
            status,
            fault,
        }),
        Err(DecodeResponseError::Decode(e)) => Err(unexpected(e.to_string(), Some(e))),
    }
}

/// At most 200 characters of a body, secrets masked.
fn excerpt(body: &[u8]) -> String {
    mask_body_with(&body[..body.len().min(4096)], SECRET_ELEMENTS)
        .chars()
        .take(200)
        .collect()
}

fn error_chain(e: &dyn std::error::Error) -> String {
    let mut message = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        message.push_str(": ");
        message.push_str(&s.to_string());
        source = s.source();
    }
    message
}
