//! A local LogMeIn Rescue `API.asmx` for tests, CI and demos: SOAP 1.1 and 1.2 over
//! HTTP, the same generated types as the client, accounts with the behaviour the API
//! guide documents (sessions, auth codes, PIN codes, rate limits, Lens, SMS), and an
//! injectable clock.
//!
//! ```no_run
//! # async fn run() -> std::io::Result<()> {
//! let running = rescue_emulator::Emulator::default().start("127.0.0.1:0").await?;
//! let client = logmein_rescue::Client::builder().endpoint(running.url()).allow_http(true).build();
//! # Ok(()) }
//! ```

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod accounts;
mod civil;
mod clock;
mod help;
mod http;
mod service;
mod state;

use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::TcpListener;
use tokio::sync::Semaphore;

pub use accounts::{default_accounts, parse_accounts, Account, Role};
pub use clock::{Clock, ManualClock, SystemClock};
pub use state::{
    LiveSession, Profile, State, StateLimits, Waiting, ACCOUNT_ID, ADMIN_GROUP, CHANNEL_NAME,
    CHANNEL_NODE, LOGINS_PER_WINDOW, LOGIN_WINDOW, ONE_PER_SECOND, ORGANIZATION, REPORT_INTERVAL,
    ROOT_NODE, SESSION_IDLE, TECH_GROUP,
};

/// The client crate's WSDL, served at `GET /API/API.asmx?WSDL`.
pub const WSDL: &str = logmein_rescue::WSDL;

/// Default cap on a request body.
pub const DEFAULT_MAX_BODY: usize = 1024 * 1024;

/// What the emulator's HTTP side accepts, so that slow or many hostile
/// connections cannot starve other clients.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ServerLimits {
    /// Connections served at once; more are closed as they arrive (default 256).
    pub max_connections: usize,
    /// Time to receive a request's headers, also on an idle keep-alive
    /// connection (default 10 s).
    pub header_read_timeout: Duration,
    /// Time to receive a request's body (default 10 s).
    pub body_read_timeout: Duration,
}

impl Default for ServerLimits {
    fn default() -> Self {
        ServerLimits {
            max_connections: 256,
            header_read_timeout: Duration::from_secs(10),
            body_read_timeout: Duration::from_secs(10),
        }
    }
}

/// The emulated service: state, clock and limits. Share it with `Arc`.
pub struct Emulator {
    state: Mutex<State>,
    clock: Arc<dyn Clock>,
    max_body: usize,
    limits: ServerLimits,
    connections: Arc<Semaphore>,
    log_calls: bool,
}

impl Default for Emulator {
    /// The default accounts on the system clock.
    fn default() -> Self {
        Emulator::new(default_accounts())
    }
}

impl Emulator {
    /// An emulator with these accounts on the system clock.
    pub fn new(accounts: Vec<Account>) -> Self {
        Emulator::with_clock(accounts, Arc::new(SystemClock::default()))
    }

    /// An emulator on the given clock (e.g. a shared [`ManualClock`]).
    pub fn with_clock(accounts: Vec<Account>, clock: Arc<dyn Clock>) -> Self {
        let limits = ServerLimits::default();
        Emulator {
            state: Mutex::new(State::new(accounts)),
            clock,
            max_body: DEFAULT_MAX_BODY,
            connections: Arc::new(Semaphore::new(limits.max_connections)),
            limits,
            log_calls: false,
        }
    }

    /// Writes one line per call to stderr: operation, SOAP version, result value
    /// (or fault) and latency; never a request value (default: off).
    pub fn log_calls(mut self, on: bool) -> Self {
        self.log_calls = on;
        self
    }

    /// Connection cap and read timeouts (see [`ServerLimits`]).
    pub fn server_limits(mut self, limits: ServerLimits) -> Self {
        self.connections = Arc::new(Semaphore::new(limits.max_connections));
        self.limits = limits;
        self
    }

    /// Caps on remembered sessions, PINs and waiting customers (see [`StateLimits`]).
    pub fn state_limits(self, limits: StateLimits) -> Self {
        self.state().set_limits(limits);
        self
    }

    /// Caps request bodies (default 1 MiB); larger ones get a SOAP Fault.
    pub fn max_body(mut self, bytes: usize) -> Self {
        self.max_body = bytes;
        self
    }

    pub(crate) fn state(&self) -> MutexGuard<'_, State> {
        // A panic elsewhere while holding the lock leaves consistent data here.
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// A customer enters a PIN code: returns the id of the new waiting session
    /// that `startSession` can pick up, or `None` for a PIN nobody issued.
    pub fn connect(&self, pin: u32) -> Option<i32> {
        let now = self.clock.now();
        self.state().connect(now, pin)
    }

    /// A customer comes in on channel [`CHANNEL_NODE`]: returns the id of the new
    /// waiting session, or `None` for another node.
    pub fn connect_channel(&self, channel: i32) -> Option<i32> {
        let now = self.clock.now();
        self.state().connect_channel(now, channel)
    }

    /// The technician (or, for a channel session, `technician`) picks up a waiting
    /// session in the Technician Console; false when it is not waiting.
    pub fn pick_up(&self, session: i32, technician: Option<i32>) -> bool {
        let now = self.clock.now();
        self.state().pick_up(now, session, technician)
    }

    /// The customer writes `text` in a session's chat; false for an unknown session.
    pub fn add_chat(&self, session: i32, text: &str) -> bool {
        let now = self.clock.now();
        self.state().add_chat(now, session, text)
    }

    /// Sets a session's note; false for an unknown session.
    pub fn set_note(&self, session: i32, text: &str) -> bool {
        self.state().set_note(session, text)
    }

    /// Every customer session, open or closed, oldest first.
    pub fn sessions(&self) -> Vec<LiveSession> {
        self.state().live_sessions()
    }

    /// Issues an API token for a user, as an administrator does in the Admin
    /// Center; `tokens_only` also disables `requestAuthCode` and `login` for the
    /// account (they answer `…_Error`). `None` for an unknown email.
    pub fn issue_api_token(&self, email: &str, tokens_only: bool) -> Option<String> {
        self.state().issue_api_token(email, tokens_only)
    }

    /// Starts or stops a user's Technician Console; false for an unknown email.
    pub fn set_console_running(&self, email: &str, running: bool) -> bool {
        self.state().set_console_running(email, running)
    }

    /// Sessions waiting to be started.
    pub fn waiting(&self) -> Vec<(i32, Waiting)> {
        self.state().waiting()
    }

    /// Disables or re-enables a user; false for an unknown email.
    pub fn set_disabled(&self, email: &str, disabled: bool) -> bool {
        self.state().set_disabled(email, disabled)
    }

    /// Serves connections from `listener` until the task is dropped.
    pub async fn serve(self: Arc<Self>, listener: TcpListener) {
        let local = listener.local_addr().ok();
        loop {
            let (stream, _) = match listener.accept().await {
                Ok(x) => x,
                Err(e) => {
                    tracing::warn!(error = %e, "accept failed");
                    continue;
                }
            };
            // Over the cap, the connection is closed at once (dropped).
            let Ok(permit) = self.connections.clone().try_acquire_owned() else {
                tracing::debug!("connection refused: at the connection cap");
                continue;
            };
            let emulator = self.clone();
            let header_timeout = self.limits.header_read_timeout;
            tokio::spawn(async move {
                let _permit = permit;
                let service = service_fn(move |req| emulator.clone().handle(req, local));
                if let Err(e) = http1::Builder::new()
                    .timer(TokioTimer::new())
                    .header_read_timeout(header_timeout)
                    .keep_alive(true)
                    .serve_connection(TokioIo::new(stream), service)
                    .await
                {
                    tracing::debug!(error = %e, "connection ended");
                }
            });
        }
    }

    /// Binds `addr` (e.g. `127.0.0.1:0` for a free port) and serves in the background.
    pub async fn start(self, addr: &str) -> std::io::Result<Running> {
        let listener = TcpListener::bind(addr).await?;
        let local = listener.local_addr()?;
        let emulator = Arc::new(self);
        let task = tokio::spawn(emulator.clone().serve(listener));
        Ok(Running {
            addr: local,
            emulator,
            task,
        })
    }
}

/// An emulator serving in the background; it stops when this is dropped.
pub struct Running {
    addr: SocketAddr,
    emulator: Arc<Emulator>,
    task: tokio::task::JoinHandle<()>,
}

impl Running {
    /// The address it listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }
    /// The endpoint URL: `http://ADDR/API/API.asmx`.
    pub fn url(&self) -> String {
        format!("http://{}/API/API.asmx", self.addr)
    }
    /// The emulator, for [`Emulator::connect`] and friends.
    pub fn emulator(&self) -> &Emulator {
        &self.emulator
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        self.task.abort();
    }
}
