//! The transport: one HTTP POST per call (reqwest, rustls), SOAP 1.1 or 1.2,
//! with the server session's cookies, a per-call credential, pacing by each
//! operation's [`Pace`](crate::Pace), secret masking in logs, and one deadline
//! for the whole exchange.

mod headers;
mod pacing;
mod retry;
mod steps;

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tracing::Instrument as _;

pub use headers::HeaderDefaults;
pub use pacing::{Pacing, MARGIN as PACING_MARGIN};
pub use retry::RetryPolicy;
pub(crate) use steps::{CallSteps, Typed, TypedSteps};

use std::sync::atomic::{AtomicU8, Ordering};

use crate::error::Phase;
use crate::secret::{mask_body_with, mask_xml_with, Secret};
use crate::soap::{DecodeResponseError, Envelope, SoapVersion};
use crate::xml::Limits;
use crate::{Error, Operation, OperationMeta, Response};
use pacing::Pacer;

/// Default cap on a response body.
pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 8 * 1024 * 1024;

/// Renews an expired server session. A client calls it at most once per call,
/// when the answer's result value means "session expired"
/// ([`Operation::session_expired`]) and the call carried no credential.
pub trait Relogin: Send + Sync {
    /// Logs in again through `client` (with [`Client::send`], which never calls
    /// back here); `Ok(true)` when the session is renewed.
    fn relogin<'a>(
        &'a self,
        client: &'a Client,
        version: SoapVersion,
    ) -> Pin<Box<dyn Future<Output = Result<bool, Error>> + Send + 'a>>;
}

/// Builds a [`Client`].
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
    credential: Option<Secret>,
    pacing: Pacing,
    relogin: Option<Arc<dyn Relogin>>,
    limits: Limits,
    retry: RetryPolicy,
    headers: HeaderDefaults,
}

impl std::fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("endpoint", &self.endpoint)
            .field("version", &self.version)
            .field("timeout", &self.timeout)
            .field("allow_http", &self.allow_http)
            .field("pacing", &self.pacing)
            .finish_non_exhaustive()
    }
}

impl ClientBuilder {
    /// A builder for the service at `endpoint` (`https://…/Service.asmx`).
    pub fn new(endpoint: impl Into<String>) -> Self {
        ClientBuilder {
            endpoint: endpoint.into(),
            version: SoapVersion::Soap11,
            timeout: Duration::from_secs(30),
            connect_timeout: Duration::from_secs(10),
            user_agent: concat!("asmx-runtime/", env!("CARGO_PKG_VERSION")).into(),
            proxy: None,
            http: None,
            allow_http: false,
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            credential: None,
            pacing: Pacing::Wait,
            relogin: None,
            limits: Limits::DEFAULT,
            retry: RetryPolicy::NONE,
            headers: HeaderDefaults::default(),
        }
    }
    /// Any endpoint URL.
    pub fn endpoint(mut self, url: impl Into<String>) -> Self {
        self.endpoint = url.into();
        self
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
    /// Use this `reqwest::Client` (its own proxy and TLS settings then apply; the
    /// deadline of [`timeout`](Self::timeout) still does).
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
    /// Limits responses are read under: nesting depth, attributes, namespace
    /// bindings, text, unknown elements (default [`Limits::DEFAULT`]).
    pub fn limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }
    /// A credential filled into every request that has the overlay's
    /// `auth_field` and leaves it empty.
    pub fn credential(mut self, credential: Secret) -> Self {
        self.credential = Some(credential);
        self
    }
    /// Wait for, or refuse, calls beyond the overlay's rates (default: wait).
    pub fn pacing(mut self, pacing: Pacing) -> Self {
        self.pacing = pacing;
        self
    }
    /// How to renew an expired server session (default: not at all).
    pub fn relogin(mut self, relogin: Option<Arc<dyn Relogin>>) -> Self {
        self.relogin = relogin;
        self
    }

    /// Repeats operations marked safe to repeat after HTTP 429/503 (default:
    /// [`RetryPolicy::NONE`]). Waits count against the call's deadline.
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// Sends `header` (a generated SOAP header type, e.g. a credentials header)
    /// with every call whose operation declares it and that sets none itself.
    pub fn default_header<H: std::any::Any + Clone + Send + Sync>(mut self, header: H) -> Self {
        self.headers.insert(header);
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
                    "plain http:// endpoints are refused; allow them for local testing (`allow_http(true)`, or `--allow-http` in the CLI)"
                        .into(),
                ))
            }
            other => {
                return Err(Error::Config(format!(
                    "endpoint scheme `{other}` is not http(s)"
                )))
            }
        }
        let own_http = self.http.is_none();
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
                own_http,
                timeout: self.timeout,
                url,
                max_response_bytes: self.max_response_bytes,
                limits: self.limits,
                retry: self.retry,
                relogin: self.relogin,
                pacer: Pacer::new(self.pacing),
                session: Mutex::new(Session {
                    credential: self.credential,
                    cookies: Vec::new(),
                    headers: self.headers,
                }),
            }),
        })
    }
}

#[derive(Default)]
struct Session {
    cookies: Vec<(String, Secret)>,
    credential: Option<Secret>,
    headers: HeaderDefaults,
}

impl Session {
    fn cookie_header(&self) -> Option<String> {
        let mut header = String::new();
        for (k, v) in &self.cookies {
            if !header.is_empty() {
                header.push_str("; ");
            }
            header.push_str(k);
            header.push('=');
            header.push_str(v.expose());
        }
        (!header.is_empty()).then_some(header)
    }
}

struct Inner {
    http: reqwest::Client,
    /// The client was built here, with redirects off; a caller's may follow them.
    own_http: bool,
    timeout: Duration,
    url: reqwest::Url,
    max_response_bytes: usize,
    limits: Limits,
    retry: RetryPolicy,
    relogin: Option<Arc<dyn Relogin>>,
    pacer: Pacer,
    session: Mutex<Session>,
}

/// A SOAP client for one endpoint. Cheap to clone; clones share connections,
/// cookies, the credential and pacing.
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
    /// Starts a [`ClientBuilder`] for `endpoint`.
    pub fn builder(endpoint: impl Into<String>) -> ClientBuilder {
        ClientBuilder::new(endpoint)
    }

    /// A clone that calls with `version` by default; it shares everything else.
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

    /// Sets (or clears) the credential filled into requests that leave it empty.
    pub fn set_credential(&self, credential: Option<Secret>) {
        self.session().credential = credential;
    }

    /// Sends `header` with every later call that declares its type and sets none
    /// (for this client and its clones); see [`ClientBuilder::default_header`].
    pub fn set_default_header<H: std::any::Any + Clone + Send + Sync>(&self, header: H) {
        self.session().headers.insert(header);
    }

    /// Whether the client holds a credential.
    pub fn has_credential(&self) -> bool {
        self.session().credential.is_some()
    }

    /// Whether the client holds a session cookie.
    pub fn has_session(&self) -> bool {
        !self.session().cookies.is_empty()
    }

    /// Forgets the session cookies (after a logout).
    pub fn clear_session(&self) {
        self.session().cookies.clear();
    }

    /// The session cookies, to keep a session across processes (a CLI's cache).
    pub fn session_cookies(&self) -> Vec<(String, Secret)> {
        self.session().cookies.clone()
    }

    /// Restores session cookies kept with [`session_cookies`](Self::session_cookies)
    /// (at most [`MAX_COOKIES`] of at most [`MAX_COOKIE_BYTES`] each are taken).
    pub fn restore_session_cookies(&self, cookies: Vec<(String, Secret)>) {
        self.session().cookies = cookies
            .into_iter()
            .filter(|(k, v)| cookie_fits(k, v.expose()))
            .take(MAX_COOKIES)
            .collect();
    }

    /// The exact envelope a call would send, without sending it (like zeep's
    /// `create_message`). The client's credential is filled in as for a call.
    pub fn envelope<O: Operation>(
        &self,
        request: &O,
        version: SoapVersion,
    ) -> Result<Envelope, Error> {
        let mut steps: Typed<O> = (request.clone(), None);
        {
            let session = self.session();
            steps.fill(&session.headers, &session.credential);
        }
        steps.encode(version)
    }

    /// Calls any generated operation with the client's SOAP version.
    pub fn call<'a, O: Operation + 'a>(
        &'a self,
        request: O,
    ) -> impl Future<Output = Result<Response<O::Response>, Error>> + Send + 'a {
        // Not an `async fn`: one state machine per operation fewer to compile.
        self.call_with(request, self.version)
    }

    /// Calls any generated operation with the given SOAP version. When the answer
    /// says the server session expired, the call carried no credential, and a
    /// [`Relogin`] is set, the client logs in again once and repeats the call.
    pub async fn call_with<O: Operation>(
        &self,
        request: O,
        version: SoapVersion,
    ) -> Result<Response<O::Response>, Error> {
        let mut steps: Typed<O> = (request, None);
        crate::__tri!(self.call_steps(&mut steps, version, true).await);
        steps.into_response()
    }

    /// Sends `request` exactly as it is, once: no credential filled in, no
    /// re-login (for login-like calls and for [`Relogin`] itself).
    pub async fn send<O: Operation>(
        &self,
        request: &O,
        version: SoapVersion,
    ) -> Result<Response<O::Response>, Error> {
        let mut steps: Typed<O> = (request.clone(), None);
        crate::__tri!(self.call_steps(&mut steps, version, false).await);
        steps.into_response()
    }

    /// One call of any operation, its own parts behind `steps` so that this is
    /// compiled once: the session looked at once, the request encoded once and
    /// posted (paced, retried), the answer decoded into `steps`. With `renew`,
    /// unset headers and the credential are filled in, and an expired session
    /// (the call carried no credential) is renewed by a re-login and the call
    /// repeated once; without, the request goes as it is.
    pub(crate) async fn call_steps(
        &self,
        steps: &mut dyn CallSteps,
        version: SoapVersion,
        renew: bool,
    ) -> Result<(), Error> {
        let (has_credential, cookie) = {
            let session = self.session();
            let has_credential = !renew || steps.fill(&session.headers, &session.credential);
            (has_credential, session.cookie_header())
        };
        let (meta, retry_safe) = (steps.meta(), steps.retry_safe());
        let envelope = Outgoing::from(steps.encode(version)?);
        let answer = self
            .post_envelope(meta, retry_safe, version, &envelope, cookie)
            .await?;
        self.read_answer(&answer, steps)?;
        if has_credential || !steps.session_expired() {
            return Ok(());
        }
        if !self.relogin(meta.name, version).await? {
            return Ok(());
        }
        let cookie = self.session().cookie_header();
        let answer = self
            .post_envelope(meta, retry_safe, version, &envelope, cookie)
            .await?;
        self.read_answer(&answer, steps)
    }

    /// Decodes an answer into `steps`, or returns the right error; past the
    /// deadline the call fails whatever was decoded.
    fn read_answer(&self, answer: &Answer, steps: &mut dyn CallSteps) -> Result<(), Error> {
        let result = match answer.check() {
            Ok(()) => {
                answer.decoded(steps.decode(&answer.raw.body, answer.version, self.inner.limits))
            }
            Err(e) => Err(e),
        };
        let wire = match &result {
            Ok(()) => steps.result_wire(),
            Err(_) => None,
        };
        self.finish(answer, wire)?;
        result
    }

    /// Logs in again once, when a [`Relogin`] is set; `Ok(true)` when the
    /// session is renewed.
    async fn relogin(&self, operation: &'static str, version: SoapVersion) -> Result<bool, Error> {
        let Some(relogin) = &self.inner.relogin else {
            return Ok(false);
        };
        tracing::debug!(operation, "session expired; logging in again once");
        relogin.relogin(self, version).await
    }

    /// Sends `envelope`, paced, repeating a throttled call when `retry_safe`
    /// and the deadline allows, inside the call's tracing span.
    async fn post_envelope(
        &self,
        meta: &'static OperationMeta,
        retry_safe: bool,
        version: SoapVersion,
        envelope: &Outgoing,
        cookie: Option<String>,
    ) -> Result<Answer, Error> {
        let operation = meta.name;
        let span = tracing::info_span!("soap_call", operation, soap = %version, status = tracing::field::Empty,
            result = tracing::field::Empty, elapsed_ms = tracing::field::Empty);
        let started = std::time::Instant::now();
        let mut attempt = 0;
        let raw = loop {
            self.inner.pacer.admit(operation, meta.pace).await?;
            let sent = self
                .exchange(operation, meta.secrets, envelope, cookie.clone(), started)
                .instrument(span.clone())
                .await;
            let retry_after = match &sent {
                Err(Error::Throttled { retry_after, .. }) if retry_safe => *retry_after,
                _ => break sent?,
            };
            attempt += 1;
            match self.inner.retry.delay(attempt, retry_after) {
                Some(wait) if started.elapsed() + wait < self.inner.timeout => {
                    tracing::debug!(
                        operation,
                        attempt,
                        wait_ms = wait.as_millis() as u64,
                        "throttled; repeating"
                    );
                    tokio::time::sleep(wait).await;
                }
                _ => break sent?,
            }
        };
        Ok(Answer {
            raw,
            meta,
            version,
            span,
            started,
        })
    }

    /// After decoding: past the deadline the call fails, whatever was decoded;
    /// otherwise the span gets the time and the result value.
    fn finish(&self, answer: &Answer, result: Option<&str>) -> Result<(), Error> {
        let operation = answer.meta.name;
        if answer.started.elapsed() > self.inner.timeout {
            return Err(self.timeout_error(operation, Phase::Decode, answer.started));
        }
        answer
            .span
            .record("elapsed_ms", answer.started.elapsed().as_millis() as u64);
        if let Some(v) = result {
            answer.span.record("result", v);
        }
        Ok(())
    }

    /// Sends an envelope and reads the answer, all under the deadline: headers,
    /// cookies, redirects refused, the body read up to the cap.
    async fn exchange(
        &self,
        operation: &'static str,
        secrets: &'static [&'static str],
        envelope: &Outgoing,
        cookie: Option<String>,
        started: std::time::Instant,
    ) -> Result<RawAnswer, Error> {
        // Where the call is, for an error that says so (read after a timeout).
        let phase = AtomicU8::new(Phase::Connect as u8);
        let exchange = async {
            if tracing::enabled!(tracing::Level::TRACE) {
                let body = String::from_utf8_lossy(&envelope.body);
                tracing::trace!(body = %mask_xml_with(&body, secrets), "request");
            }
            let mut http = self
                .inner
                .http
                .post(self.inner.url.clone())
                .header(reqwest::header::CONTENT_TYPE, &envelope.content_type);
            if let Some(action) = &envelope.soap_action {
                http = http.header("SOAPAction", action);
            }
            if let Some(cookie) = cookie {
                http = http.header(reqwest::header::COOKIE, cookie);
            }
            let transport = |e: reqwest::Error, at: Phase| {
                let at = if e.is_connect() { Phase::Connect } else { at };
                if e.is_timeout() {
                    self.timeout_error(operation, at, started)
                } else {
                    Error::Transport {
                        operation,
                        url: self.public_url(),
                        phase: at,
                        elapsed: started.elapsed(),
                        message: error_chain(&e),
                    }
                }
            };
            let http = if self.inner.own_http {
                http.body(envelope.body.clone())
            } else {
                // A caller's client may follow redirects. reqwest re-sends a body on
                // 307/308 only when it can replay it; a one-shot stream it cannot,
                // so a password never goes to a redirect target.
                let length = envelope.body.len();
                let once =
                    futures_util::stream::iter([Ok::<_, std::io::Error>(envelope.body.clone())]);
                http.header(reqwest::header::CONTENT_LENGTH, length)
                    .body(reqwest::Body::wrap_stream(once))
            };
            phase.store(Phase::Send as u8, Ordering::Relaxed);
            let mut answer = http.send().await.map_err(|e| transport(e, Phase::Send))?;
            phase.store(Phase::Receive as u8, Ordering::Relaxed);
            let status = answer.status().as_u16();
            tracing::Span::current().record("status", status);
            if answer.status().is_redirection() || answer.url() != &self.inner.url {
                let location = answer
                    .headers()
                    .get(reqwest::header::LOCATION)
                    .and_then(|v| v.to_str().ok())
                    .map_or_else(|| answer.url().to_string(), str::to_owned);
                return Err(Error::Redirected {
                    operation,
                    status,
                    location: location.chars().take(200).collect(),
                });
            }
            if answer.headers().contains_key(reqwest::header::SET_COOKIE) {
                self.store_cookies(answer.headers());
            }
            if matches!(status, 429 | 503) {
                let retry_after = answer
                    .headers()
                    .get(reqwest::header::RETRY_AFTER)
                    .and_then(|v| v.to_str().ok())
                    .and_then(retry::parse_retry_after);
                return Err(Error::Throttled {
                    operation,
                    status,
                    retry_after,
                });
            }
            let content_type = answer.headers().get(reqwest::header::CONTENT_TYPE).cloned();
            let limit = self.inner.max_response_bytes;
            let expected = answer.content_length().unwrap_or(0);
            if expected > limit as u64 {
                return Err(Error::TooLarge { operation, limit });
            }
            // One chunk (the usual answer) is kept as it came; more are joined.
            let (mut first, mut joined, mut total) = (None::<bytes::Bytes>, Vec::new(), 0usize);
            while let Some(chunk) = answer
                .chunk()
                .await
                .map_err(|e| transport(e, Phase::Receive))?
            {
                total = total.saturating_add(chunk.len());
                if total > limit {
                    return Err(Error::TooLarge { operation, limit });
                }
                match first.take() {
                    None if joined.is_empty() => first = Some(chunk),
                    Some(before) => {
                        joined.reserve((expected as usize).max(total));
                        joined.extend_from_slice(&before);
                        joined.extend_from_slice(&chunk);
                    }
                    None => joined.extend_from_slice(&chunk),
                }
            }
            let body = first.unwrap_or_else(|| bytes::Bytes::from(joined));
            if tracing::enabled!(tracing::Level::TRACE) {
                tracing::trace!(body = %mask_body_with(&body, secrets), "response");
            }
            Ok(RawAnswer {
                status,
                content_type,
                body,
            })
        };
        match tokio::time::timeout(self.inner.timeout, exchange).await {
            Ok(result) => result,
            Err(_) => {
                let at = Phase::from_u8(phase.load(Ordering::Relaxed));
                Err(self.timeout_error(operation, at, started))
            }
        }
    }

    fn timeout_error(
        &self,
        operation: &'static str,
        at: Phase,
        started: std::time::Instant,
    ) -> Error {
        Error::Timeout {
            operation,
            url: self.public_url(),
            phase: at,
            elapsed: started.elapsed(),
            deadline: self.inner.timeout,
        }
    }

    /// The endpoint for error messages: no user, password or query string.
    fn public_url(&self) -> String {
        let mut url = self.inner.url.clone();
        let _ = url.set_username("");
        let _ = url.set_password(None);
        url.set_query(None);
        url.set_fragment(None);
        url.to_string()
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
            if foreign || !cookie_fits(&name, &val) {
                tracing::debug!(cookie = %name, "Set-Cookie ignored (foreign domain or too large)");
                continue;
            }
            session.cookies.retain(|(k, _)| *k != name);
            if !expired && session.cookies.len() < MAX_COOKIES {
                session.cookies.push((name, Secret::new(val)));
            }
        }
    }
}

/// An encoded request as sent: its body is shared by every attempt (a retry,
/// the call after a re-login), not copied for each.
struct Outgoing {
    body: bytes::Bytes,
    content_type: String,
    soap_action: Option<String>,
}

impl From<Envelope> for Outgoing {
    fn from(envelope: Envelope) -> Self {
        Outgoing {
            body: bytes::Bytes::from(envelope.body),
            content_type: envelope.content_type,
            soap_action: envelope.soap_action,
        }
    }
}

/// What came back, before decoding.
struct RawAnswer {
    status: u16,
    content_type: Option<reqwest::header::HeaderValue>,
    /// The body as received: one chunk is kept as it came, without a copy.
    body: bytes::Bytes,
}

impl RawAnswer {
    /// The `Content-Type` header, `""` when absent or not text.
    fn content_type(&self) -> &str {
        self.content_type
            .as_ref()
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }
}

/// Most cookies a client keeps for its endpoint.
pub const MAX_COOKIES: usize = 16;
/// Largest cookie (name and value) a client keeps.
pub const MAX_COOKIE_BYTES: usize = 4096;

/// Whether a cookie is small enough to keep (name and value together).
fn cookie_fits(name: &str, value: &str) -> bool {
    name.len() + value.len() <= MAX_COOKIE_BYTES
}

/// Whether a `Set-Cookie` `Domain` attribute covers `host` (RFC 6265 §5.1.3).
fn domain_matches(host: &str, domain: &str) -> bool {
    let domain = domain.trim_start_matches('.').to_ascii_lowercase();
    !domain.is_empty()
        && (host == domain
            || host
                .strip_suffix(domain.as_str())
                .is_some_and(|rest| rest.ends_with('.')))
}

/// An HTTP answer to one call, with what is needed to judge and decode it.
struct Answer {
    raw: RawAnswer,
    meta: &'static OperationMeta,
    version: SoapVersion,
    span: tracing::Span,
    started: std::time::Instant,
}

impl Answer {
    /// An `UnexpectedResponse` about this answer (its excerpt masked).
    fn unexpected(&self, reason: String, decode: Option<crate::xml::DecodeError>) -> Error {
        Error::UnexpectedResponse {
            operation: self.meta.name,
            status: self.raw.status,
            content_type: self.raw.content_type().to_owned(),
            reason,
            excerpt: excerpt(&self.raw.body, self.meta.secrets),
            decode: decode.map(Box::new),
        }
    }

    /// Whether the answer may be decoded at all (see [`check_answer`]).
    fn check(&self) -> Result<(), Error> {
        check_answer(self.version, self.raw.content_type(), &self.raw.body)
            .map_err(|(reason, decode)| self.unexpected(reason, decode))
    }

    /// `Ok` for a decoded response with HTTP 200, or the right error for what
    /// decoding found.
    fn decoded(&self, decoded: Result<(), DecodeResponseError>) -> Result<(), Error> {
        match decoded {
            Ok(()) if self.raw.status == 200 => Ok(()),
            Ok(()) => Err(self.status_error()),
            Err(e) => Err(self.decode_error(e)),
        }
    }

    fn status_error(&self) -> Error {
        let status = self.raw.status;
        self.unexpected(
            format!("a response element with HTTP status {status}"),
            None,
        )
    }

    fn decode_error(&self, e: DecodeResponseError) -> Error {
        match e {
            DecodeResponseError::Fault(fault) => Error::Fault {
                operation: self.meta.name,
                status: self.raw.status,
                fault,
            },
            DecodeResponseError::Decode(e) => self.unexpected(e.to_string(), Some(e)),
        }
    }
}

/// What an answer must be before it is decoded, whatever the operation: the
/// version's media type, a body, UTF-8 if a charset is declared. `Err` says why
/// not (and the decode error, for a charset).
fn check_answer(
    version: SoapVersion,
    content_type: &str,
    body: &[u8],
) -> Result<(), (String, Option<crate::xml::DecodeError>)> {
    let media = content_type.split(';').next().unwrap_or("").trim();
    if !media.eq_ignore_ascii_case(version.media_type()) {
        let reason = if body.is_empty() {
            "empty body".to_owned()
        } else {
            format!(
                "expected content type {} for {version}",
                version.media_type()
            )
        };
        return Err((reason, None));
    }
    if body.is_empty() {
        return Err(("empty body".into(), None));
    }
    // A declared charset other than UTF-8 is refused, not read with U+FFFD.
    let charset = content_type.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| v.trim().trim_matches('"'))
    });
    if let Some(cs) = charset.filter(|cs| {
        !["utf-8", "utf8", "us-ascii"]
            .iter()
            .any(|ok| cs.eq_ignore_ascii_case(ok))
    }) {
        let e = crate::xml::DecodeError::Encoding {
            encoding: cs.to_ascii_lowercase(),
        };
        return Err((e.to_string(), Some(e)));
    }
    Ok(())
}

/// At most 200 characters of a body, secrets masked.
fn excerpt(body: &[u8], secrets: &[&str]) -> String {
    mask_body_with(&body[..body.len().min(4096)], secrets)
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
