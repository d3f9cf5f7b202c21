//! `rescue`: call the LogMeIn Rescue API from a shell.
//!
//! Exit codes: 0 an OK result; 2 rejected input (nothing sent); 3 a non-OK result;
//! 4 a SOAP fault; 5 a transport or other error.

mod desk;

use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};

use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use logmein_rescue::runtime::{CallXmlError, FieldInfo, Operation, OperationEntry, Secret};
use logmein_rescue::{api, AuthCode, Client, Error, SoapVersion};

#[derive(Parser)]
#[command(
    name = "rescue",
    version,
    about = "The LogMeIn Rescue API from the command line"
)]
struct Cli {
    #[command(flatten)]
    globals: Globals,
    #[command(subcommand)]
    command: Command,
}

/// The options every subcommand takes.
#[derive(Args)]
struct Globals {
    /// API endpoint.
    #[arg(long, env = "RESCUE_ENDPOINT", default_value = logmein_rescue::DEFAULT_ENDPOINT, global = true)]
    endpoint: String,
    /// Login email (the password comes from RESCUE_PASSWORD or a prompt that does not echo).
    #[arg(long, env = "RESCUE_EMAIL", global = true)]
    email: Option<String>,
    /// Auth code from `rescue auth-code`, used instead of logging in.
    #[arg(
        long = "auth-code",
        env = "RESCUE_AUTHCODE",
        hide_env_values = true,
        global = true
    )]
    auth_code: Option<String>,
    /// Use SOAP 1.2 instead of 1.1.
    #[arg(long, global = true)]
    soap12: bool,
    /// Print the response as JSON (wire names).
    #[arg(long, global = true)]
    json: bool,
    /// Run against an in-process emulator on a free loopback port.
    #[arg(long, global = true)]
    emulator: bool,
    /// Allow a plain http:// endpoint.
    #[arg(long, global = true)]
    allow_http: bool,
    /// Deadline of each call in seconds: connect, send, receive and decode.
    #[arg(long, global = true, value_name = "SECONDS", default_value_t = 30.0,
          value_parser = parse_timeout)]
    timeout: f64,
}

#[derive(Args, Clone, Default)]
struct Fields {
    /// Custom field 0 (at most 64 characters).
    #[arg(long)]
    cfield0: Option<String>,
    /// Custom field 1 (at most 512 characters).
    #[arg(long)]
    cfield1: Option<String>,
    /// Custom field 2 (at most 512 characters).
    #[arg(long)]
    cfield2: Option<String>,
    /// Custom field 3 (at most 256 characters).
    #[arg(long)]
    cfield3: Option<String>,
    /// Custom field 4 (at most 64 characters).
    #[arg(long)]
    cfield4: Option<String>,
    /// Custom field 5 (at most 64 characters).
    #[arg(long)]
    cfield5: Option<String>,
    /// Tracking field 0 (at most 64 characters).
    #[arg(long)]
    tracking0: Option<String>,
    /// Do not require a running Technician Console.
    #[arg(long)]
    no_tech_console: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum Soap {
    #[value(name = "1.1")]
    V11,
    #[value(name = "1.2")]
    V12,
}

#[derive(Subcommand, Clone)]
enum Command {
    /// Log in (checks the credentials).
    Login,
    /// Log out.
    Logout,
    /// Request an auth code and print it.
    AuthCode,
    /// requestPINCode.
    Pin(Fields),
    /// requestPINCodeV3 for a technician's node.
    PinV3 {
        #[command(flatten)]
        fields: Fields,
        /// The technician's node id.
        #[arg(long)]
        node: i32,
    },
    /// requestLensPINCodeV2.
    LensPin(Fields),
    /// requestLensPINCodeV3, optionally sending an SMS.
    LensPinV3 {
        #[command(flatten)]
        fields: Fields,
        /// Phone number for the invitation SMS.
        #[arg(long)]
        phone: Option<String>,
        /// SMS language: de, en, es, fr, nl, pt-br.
        #[arg(long)]
        lang: Option<String>,
    },
    /// generateEmailText for a PIN code.
    EmailText {
        /// The 6-digit PIN code.
        #[arg(long)]
        pin: String,
    },
    /// startSession (administrators).
    StartSession {
        /// The waiting session's id.
        #[arg(long)]
        session: i32,
        /// The node that picks it up.
        #[arg(long)]
        node: i32,
    },
    #[command(flatten)]
    Desk(desk::DeskCommand),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff) to standard output.
    Man,
    /// Work with WSDL files (nothing is sent).
    Wsdl {
        #[command(subcommand)]
        action: WsdlAction,
    },
    /// Print the exact request envelope of an operation without sending it.
    Envelope {
        /// Operation wire name, e.g. requestLensPINCodeV2.
        #[arg(required_unless_present = "list")]
        operation: Option<String>,
        /// List the operations (from the generated registry) instead.
        #[arg(long, conflicts_with_all = ["operation", "set"])]
        list: bool,
        /// SOAP version (default 1.1, or 1.2 with --soap12).
        #[arg(long, value_enum)]
        soap: Option<Soap>,
        /// An element by its wire name: --set sCField0=Alice (repeatable).
        #[arg(long = "set", value_name = "WIRENAME=VALUE")]
        set: Vec<String>,
    },
}

#[derive(Subcommand, Clone)]
enum WsdlAction {
    /// What regenerating from NEW instead of OLD changes for users of the
    /// generated code. Exits 3 when a change is breaking (for a CI job that
    /// watches the vendor's WSDL), 0 otherwise.
    Diff {
        /// The WSDL the code was generated from.
        old: std::path::PathBuf,
        /// The new WSDL.
        new: std::path::PathBuf,
    },
}

/// How a command ended.
enum Outcome {
    Ok,
    /// The server said the session from the cache had expired (the call is
    /// repeated after a fresh login; never an exit status).
    Expired,
    Input(String),
    NotOk,
    Failed(Error),
}

impl From<Error> for Outcome {
    fn from(e: Error) -> Self {
        match e {
            Error::InvalidRequest(_) | Error::Config(_) | Error::NotBound { .. } => {
                Outcome::Input(e.to_string())
            }
            other => Outcome::Failed(other),
        }
    }
}

/// `--timeout`: a positive number of seconds, at most a day.
fn parse_timeout(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(v) if v > 0.0 && v <= 86_400.0 => Ok(v),
        _ => Err(format!("expected seconds between 0 and 86400, got `{s}`")),
    }
}

/// Server text made safe for a terminal: control characters (ESC, BEL, …) are
/// written as `\u{1b}` escapes, so an answer cannot drive the terminal.
fn printable(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control() && c != '\n' && c != '\t' {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// Logs to stderr as `RUST_LOG` says (`warn`, `logmein_rescue=debug`, …); nothing
/// when it is unset. Request and response bodies are logged with secrets masked.
fn init_logging() {
    let Ok(spec) = std::env::var("RUST_LOG") else {
        return;
    };
    match spec.parse::<tracing_subscriber::filter::Targets>() {
        Ok(targets) => {
            use tracing_subscriber::layer::SubscriberExt as _;
            use tracing_subscriber::util::SubscriberInitExt as _;
            let fmt = tracing_subscriber::fmt::layer()
                .with_writer(std::io::stderr)
                .with_ansi(false);
            let _ = tracing_subscriber::registry()
                .with(fmt)
                .with(targets)
                .try_init();
        }
        Err(e) => eprintln!("rescue: RUST_LOG ignored: {e}"),
    }
}

/// A subcommand: one of the typed ones, or any operation of the generated
/// registry by its wire name (`rescue requestLensPINCodeV2 --sCField0 Alice`).
#[derive(Clone)]
enum Cmd {
    Typed(Command),
    Generic(&'static OperationEntry, String),
}

impl Cmd {
    /// The call carries its own credentials (a password): no login first.
    fn carries_credentials(&self) -> bool {
        match self {
            Cmd::Typed(c) => matches!(c, Command::AuthCode | Command::Login),
            Cmd::Generic(entry, _) => entry.request_fields.iter().any(FieldInfo::is_password),
        }
    }
}

/// Every operation of the generated registry as a subcommand named by its wire
/// name, with one `--WIRENAME VALUE` option per request element.
fn with_operations(mut cmd: clap::Command) -> clap::Command {
    for entry in api::OPERATIONS {
        let meta = entry.meta;
        // A typed subcommand of the same name (`login`, `logout`) keeps it.
        if cmd.find_subcommand(meta.name).is_some() {
            continue;
        }
        let about = if meta.doc.is_empty() {
            format!("Calls `{}` (every element by its wire name).", meta.name)
        } else {
            meta.doc.to_owned()
        };
        // More names from the overlay's `cli_aliases` (`get-session-v3`).
        let mut sub = clap::Command::new(meta.name)
            .about(about)
            .visible_aliases(entry.cli_aliases);
        // A password is never an option (shells and `ps` would show it): it comes
        // from RESCUE_PASSWORD or a prompt that does not echo.
        for f in entry.request_fields.iter().filter(|f| !f.is_password()) {
            let mut arg = clap::Arg::new(f.wire)
                .long(f.wire)
                .value_name("VALUE")
                .help(if f.credential {
                    format!("{}; filled from --auth-code when absent", f.about)
                } else {
                    f.about.to_owned()
                })
                .required(f.required);
            if f.repeated {
                arg = arg.action(clap::ArgAction::Append);
            }
            sub = sub.arg(arg);
        }
        cmd = cmd.subcommand(sub);
    }
    cmd
}

/// The request's child elements as XML, from a registry subcommand's options.
fn children_xml(entry: &OperationEntry, matches: &clap::ArgMatches) -> Result<String, String> {
    let mut xml = String::new();
    for f in entry.request_fields {
        let secret = if f.is_password() {
            Some(password()?)
        } else {
            None
        };
        let given = matches.try_get_many::<String>(f.wire).ok().flatten();
        let values: Vec<&str> = match &secret {
            Some(s) => vec![s.expose()],
            None => given.into_iter().flatten().map(String::as_str).collect(),
        };
        for value in values {
            if let Err(c) = f.push_element(&mut xml, value) {
                return Err(format!(
                    "--{}: character U+{:04X} cannot be sent in XML",
                    f.wire, c as u32
                ));
            }
        }
    }
    Ok(xml)
}

/// Parses the command line, registry subcommands included.
fn parse() -> Result<(Globals, Result<Cmd, String>), clap::Error> {
    let matches = with_operations(Cli::command()).get_matches();
    let globals = Globals::from_arg_matches(&matches)?;
    if let Some((name, sub)) = matches.subcommand() {
        // A typed subcommand keeps its name (`login`, `logout`); the rest are the
        // registry's.
        let registry = (!Command::has_subcommand(name))
            .then(|| api::OPERATIONS.iter().find(|o| o.meta.name == name))
            .flatten();
        if let Some(entry) = registry {
            let cmd = children_xml(entry, sub).map(|xml| Cmd::Generic(entry, xml));
            return Ok((globals, cmd));
        }
    }
    Ok((
        globals,
        Ok(Cmd::Typed(Command::from_arg_matches(&matches)?)),
    ))
}

fn main() -> ExitCode {
    let (globals, command) = match parse() {
        Ok(parsed) => parsed,
        Err(e) => e.exit(),
    };
    init_logging();
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("rescue: cannot start: {e}");
            return ExitCode::from(5);
        }
    };
    let outcome = match command {
        Ok(command) => runtime.block_on(run(globals, command)),
        Err(m) => Outcome::Input(m),
    };
    match outcome {
        Outcome::Ok => ExitCode::SUCCESS,
        Outcome::Input(m) => {
            eprintln!("rescue: {}", printable(&m));
            ExitCode::from(2)
        }
        Outcome::NotOk | Outcome::Expired => ExitCode::from(3),
        Outcome::Failed(e) => {
            eprintln!("rescue: {}", printable(&e.to_string()));
            ExitCode::from(if matches!(e, Error::Fault { .. }) {
                4
            } else {
                5
            })
        }
    }
}

/// A PIN request of type `$ty` from the custom-field flags, plus extra fields.
macro_rules! pin_request {
    ($ty:path, $fields:expr $(, $name:ident: $value:expr)*) => {{
        let f: Fields = $fields;
        $ty {
            c_field0: f.cfield0,
            c_field1: f.cfield1,
            c_field2: f.cfield2,
            c_field3: f.cfield3,
            c_field4: f.cfield4,
            c_field5: f.cfield5,
            tracking0: f.tracking0,
            no_tech_console: f.no_tech_console,
            auth_code: None,
            $($name: $value,)*
        }
    }};
}

async fn run(cli: Globals, command: Cmd) -> Outcome {
    if let Cmd::Typed(Command::Envelope {
        operation,
        list,
        soap,
        set,
    }) = &command
    {
        if *list {
            return list_operations(cli.json);
        }
        let version = match (soap, cli.soap12) {
            (Some(Soap::V11), true) => {
                return Outcome::Input("--soap12 and --soap 1.1 contradict each other".into())
            }
            (Some(Soap::V12), _) | (None, true) => SoapVersion::Soap12,
            (Some(Soap::V11), false) | (None, false) => SoapVersion::Soap11,
        };
        return envelope(operation.as_deref().unwrap_or(""), version, set, cli.json);
    }
    if let Cmd::Typed(Command::Wsdl {
        action: WsdlAction::Diff { old, new },
    }) = &command
    {
        return wsdl_diff(old, new, cli.json);
    }
    if let Cmd::Typed(Command::Completions { shell }) = &command {
        // The full command: typed subcommands and every registry operation.
        let mut cmd = with_operations(Cli::command());
        clap_complete::generate(*shell, &mut cmd, "rescue", &mut std::io::stdout());
        return Outcome::Ok;
    }
    if let Cmd::Typed(Command::Man) = &command {
        let page = clap_mangen::Man::new(with_operations(Cli::command()));
        return match page.render(&mut std::io::stdout()) {
            Ok(()) => Outcome::Ok,
            Err(e) => Outcome::Failed(Error::Config(format!("cannot write the man page: {e}"))),
        };
    }
    if cli.emulator
        && std::env::var_os("RESCUE_ENDPOINT").is_none()
        && cli.endpoint != logmein_rescue::DEFAULT_ENDPOINT
    {
        return Outcome::Input("--endpoint and --emulator contradict each other".into());
    }
    let mut endpoint = cli.endpoint.clone();
    let mut allow_http = cli.allow_http;
    let _emulator = if cli.emulator {
        match start_emulator().await {
            Ok(running) => {
                endpoint = running.url();
                allow_http = true;
                Some(running)
            }
            Err(message) => return Outcome::Input(message),
        }
    } else {
        None
    };
    let version = if cli.soap12 {
        SoapVersion::Soap12
    } else {
        SoapVersion::Soap11
    };
    let client = match Client::builder()
        .endpoint(&endpoint)
        .allow_http(allow_http)
        .soap_version(version)
        .timeout(std::time::Duration::from_secs_f64(cli.timeout))
        .build()
    {
        Ok(c) => c,
        Err(e) => return e.into(),
    };
    let json = cli.json;
    let needs_session = !command.carries_credentials();
    // Logged-in sessions are kept between runs (not against the throwaway emulator).
    let cache = if cli.emulator || cli.auth_code.is_some() {
        None
    } else {
        cli.email
            .as_deref()
            .and_then(|email| SessionCache::new(&endpoint, email))
    };
    // Input is checked before anything goes out, the login included.
    let checked = execute(&client, &cli, command.clone(), version, json, Mode::Check).await;
    if !matches!(checked, Outcome::Ok) {
        return checked;
    }
    let is_login = matches!(command, Cmd::Typed(Command::Login));
    if let Some(code) = &cli.auth_code {
        client.set_auth_code(Some(AuthCode::new(code.clone())));
    } else if needs_session || is_login {
        let Some(email) = &cli.email else {
            return Outcome::Input(
                "set --email/RESCUE_EMAIL (with RESCUE_PASSWORD) or --auth-code/RESCUE_AUTHCODE"
                    .into(),
            );
        };
        let cached = cache
            .as_ref()
            .filter(|_| !is_login)
            .and_then(SessionCache::load);
        if let Some(cookies) = cached {
            client.transport().restore_session_cookies(cookies);
            SESSION_RESTORED.store(true, Ordering::Relaxed);
        } else {
            match log_in(&client, email, cache.as_ref()).await {
                Ok(r) if is_login => {
                    let result = r.result.to_string();
                    return print(&r.into_inner(), Some(result), json);
                }
                Ok(r) if r.result != api::LoginRet::Ok => {
                    eprintln!(
                        "rescue: login answered {}: {}",
                        printable(r.result.as_str()),
                        r.result.meaning().unwrap_or("no documented meaning")
                    );
                    return Outcome::NotOk;
                }
                Ok(_) => {}
                Err(outcome) => return outcome,
            }
        }
    }
    let first = execute(&client, &cli, command.clone(), version, json, Mode::Send).await;
    if !matches!(first, Outcome::Expired) {
        if matches!(command, Cmd::Typed(Command::Logout)) {
            if let Some(cache) = &cache {
                cache.clear();
            }
        }
        return first;
    }
    // The cached session had expired on the server: log in again, once.
    if let Some(cache) = &cache {
        cache.clear();
    }
    let Some(email) = &cli.email else {
        return Outcome::NotOk;
    };
    match log_in(&client, email, cache.as_ref()).await {
        Ok(r) if r.result == api::LoginRet::Ok => {}
        Ok(r) => {
            eprintln!("rescue: login answered {}", printable(r.result.as_str()));
            return Outcome::NotOk;
        }
        Err(outcome) => return outcome,
    }
    let is_logout = matches!(command, Cmd::Typed(Command::Logout));
    let outcome = execute(&client, &cli, command, version, json, Mode::Send).await;
    if is_logout {
        if let Some(cache) = &cache {
            cache.clear();
        }
    }
    match outcome {
        Outcome::Expired => Outcome::NotOk,
        other => other,
    }
}

/// Logs in with RESCUE_PASSWORD or a prompt, and keeps the session for the next
/// run when it succeeds.
async fn log_in(
    client: &Client,
    email: &str,
    cache: Option<&SessionCache>,
) -> Result<logmein_rescue::runtime::Response<api::LoginResponse>, Outcome> {
    let password = password().map_err(Outcome::Input)?;
    let response = client
        .login(email, password.expose())
        .await
        .map_err(Outcome::from)?;
    if response.result == api::LoginRet::Ok {
        if let Some(cache) = cache {
            cache.save(&client.transport().session_cookies());
        }
    }
    Ok(response)
}

/// Whether a run only checks the command's input (no network, no prompt) or
/// sends it: every command is checked before the login that precedes it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Check,
    Send,
}

/// Runs a command once the client is set up (or, with [`Mode::Check`], checks it).
async fn execute(
    client: &Client,
    cli: &Globals,
    command: Cmd,
    version: SoapVersion,
    json: bool,
    mode: Mode,
) -> Outcome {
    let client = client.clone();
    let command = match command {
        Cmd::Generic(entry, xml) if mode == Mode::Check => {
            return match (entry.envelope_from_xml)(&xml, version) {
                Ok(_) => Outcome::Ok,
                Err(e) => Outcome::Input(e.to_string()),
            }
        }
        Cmd::Generic(entry, xml) => return generic(&client, entry, xml, version, json).await,
        Cmd::Typed(command) => command,
    };
    match command {
        Command::Login => Outcome::Ok,
        Command::Logout => call(&client, mode, api::LogoutRequest {}, json).await,
        Command::AuthCode if mode == Mode::Check => Outcome::Ok,
        Command::AuthCode => {
            let Some(email) = &cli.email else {
                return Outcome::Input("set --email or RESCUE_EMAIL".into());
            };
            let password = match password() {
                Ok(p) => p,
                Err(m) => return Outcome::Input(m),
            };
            match client.request_auth_code(email, password.expose()).await {
                Ok(code) => {
                    // The one place a secret is printed: the user asked for it.
                    if json {
                        println!("{}", serde_json::json!({ "sAuthCode": code.expose() }));
                    } else {
                        println!("{}", printable(code.expose()));
                    }
                    Outcome::Ok
                }
                Err(Error::Rejected { value, meaning, .. }) => {
                    eprintln!(
                        "rescue: {}: {}",
                        printable(&value),
                        meaning.unwrap_or("no documented meaning")
                    );
                    Outcome::NotOk
                }
                Err(e) => e.into(),
            }
        }
        Command::Pin(f) => {
            call(
                &client,
                mode,
                pin_request!(api::RequestPinCodeRequest, f),
                json,
            )
            .await
        }
        Command::PinV3 { fields, node } => {
            call(
                &client,
                mode,
                pin_request!(api::RequestPinCodeV3Request, fields, node_id: node),
                json,
            )
            .await
        }
        Command::LensPin(f) => {
            call(
                &client,
                mode,
                pin_request!(api::RequestLensPinCodeV2Request, f),
                json,
            )
            .await
        }
        Command::LensPinV3 {
            fields,
            phone,
            lang,
        } => {
            let lang_code = lang.map(|l| api::LanguageCode::from_wire(&l));
            let req = pin_request!(api::RequestLensPinCodeV3Request, fields, phone_number: phone, lang_code: lang_code);
            call(&client, mode, req, json).await
        }
        Command::EmailText { pin } => match pin.parse::<logmein_rescue::PinCode>() {
            Ok(pin) => {
                call(
                    &client,
                    mode,
                    api::GenerateEmailTextRequest {
                        pin_code: pin.as_int(),
                        auth_code: None,
                    },
                    json,
                )
                .await
            }
            Err(e) => Outcome::Input(format!("--pin: {e}")),
        },
        Command::StartSession { session, node } => {
            call(
                &client,
                mode,
                api::StartSessionRequest {
                    session,
                    node,
                    auth_code: None,
                },
                json,
            )
            .await
        }
        Command::Desk(desk) => desk::run(&client, desk, json, mode).await,
        Command::Envelope { .. }
        | Command::Wsdl { .. }
        | Command::Completions { .. }
        | Command::Man => Outcome::Ok,
    }
}

/// An in-process emulator on a free loopback port (feature `emulator`).
#[cfg(feature = "emulator")]
async fn start_emulator() -> Result<rescue_emulator::Running, String> {
    rescue_emulator::Emulator::default()
        .start("127.0.0.1:0")
        .await
        .map_err(|e| format!("cannot start the emulator: {e}"))
}

/// Without the `emulator` feature, `--emulator` is refused before anything runs.
#[cfg(not(feature = "emulator"))]
async fn start_emulator() -> Result<NoEmulator, String> {
    Err("--emulator needs the CLI built with the `emulator` feature".into())
}

/// Stands in for a running emulator when the feature is off.
#[cfg(not(feature = "emulator"))]
struct NoEmulator;

#[cfg(not(feature = "emulator"))]
impl NoEmulator {
    fn url(&self) -> String {
        String::new()
    }
}

/// A registry subcommand: the request built from its options, called through the
/// generic transport, the response printed like any other.
async fn generic(
    client: &Client,
    entry: &OperationEntry,
    xml: String,
    version: SoapVersion,
    json: bool,
) -> Outcome {
    match (entry.call_xml)(client.transport(), xml, version).await {
        Ok(response) if response.session_expired && take_restored() => Outcome::Expired,
        Ok(response) => report(
            response.operation,
            &*response.body,
            response.result,
            &response.unknown,
            json,
        ),
        Err(CallXmlError::Request(e)) => Outcome::Input(e.to_string()),
        Err(CallXmlError::Call(e)) => e.into(),
    }
}

/// Set when the session came from the cache, until a call finds it expired.
static SESSION_RESTORED: AtomicBool = AtomicBool::new(false);

/// Whether the session came from the cache (and forgets it: one retry only).
fn take_restored() -> bool {
    SESSION_RESTORED.swap(false, Ordering::Relaxed)
}

/// The login session kept between runs: `$XDG_CACHE_HOME/rescue/session.json` (or
/// `~/.cache/…`), readable by the user alone (mode 0600), for one endpoint and
/// email. `rescue logout` removes it.
struct SessionCache {
    path: std::path::PathBuf,
    endpoint: String,
    email: String,
}

impl SessionCache {
    fn new(endpoint: &str, email: &str) -> Option<Self> {
        let base = std::env::var_os("XDG_CACHE_HOME")
            .filter(|d| !d.is_empty())
            .map(std::path::PathBuf::from)
            .or_else(|| {
                std::env::var_os("HOME").map(|h| std::path::Path::new(&h).join(".cache"))
            })?;
        Some(SessionCache {
            path: base.join("rescue").join("session.json"),
            endpoint: endpoint.to_owned(),
            email: email.to_ascii_lowercase(),
        })
    }

    /// The kept cookies, when they are for this endpoint and email.
    fn load(&self) -> Option<Vec<(String, Secret)>> {
        let text = std::fs::read_to_string(&self.path).ok()?;
        let v: serde_json::Value = serde_json::from_str(&text).ok()?;
        if v["endpoint"] != self.endpoint.as_str() || v["email"] != self.email.as_str() {
            return None;
        }
        let cookies: Vec<(String, Secret)> = v["cookies"]
            .as_array()?
            .iter()
            .filter_map(|c| Some((c[0].as_str()?.to_owned(), Secret::new(c[1].as_str()?))))
            .collect();
        (!cookies.is_empty()).then_some(cookies)
    }

    fn save(&self, cookies: &[(String, Secret)]) {
        let value = serde_json::json!({
            "endpoint": self.endpoint,
            "email": self.email,
            "cookies": cookies.iter().map(|(k, v)| [k.as_str(), v.expose()]).collect::<Vec<_>>(),
        });
        if let Err(e) = self.write(&value.to_string()) {
            eprintln!("rescue: the session is not kept for the next run: {e}");
        }
    }

    fn write(&self, text: &str) -> std::io::Result<()> {
        use std::io::Write as _;
        if let Some(dir) = self.path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create(true).truncate(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt as _;
            options.mode(0o600);
        }
        let mut file = options.open(&self.path)?;
        #[cfg(unix)]
        {
            // A file that existed before keeps its mode on open: set it again.
            use std::os::unix::fs::PermissionsExt as _;
            file.set_permissions(std::fs::Permissions::from_mode(0o600))?;
        }
        file.write_all(text.as_bytes())
    }

    fn clear(&self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// RESCUE_PASSWORD, or a prompt on the terminal that does not echo.
fn password() -> Result<Secret, String> {
    if let Ok(p) = std::env::var("RESCUE_PASSWORD") {
        return Ok(Secret::new(p));
    }
    rpassword::prompt_password("Password: ")
        .map(Secret::new)
        .map_err(|e| format!("set RESCUE_PASSWORD or run on a terminal to be asked: {e}"))
}

/// Checks `request` as the client does before sending, and sends nothing.
fn check_only<O: Operation>(client: &Client, request: &O) -> Outcome {
    match client.envelope(request, client.soap_version()) {
        Ok(_) => Outcome::Ok,
        Err(e) => e.into(),
    }
}

/// Sends `request` (or, with [`Mode::Check`], only checks it) and prints the answer.
async fn call<O>(client: &Client, mode: Mode, request: O, json: bool) -> Outcome
where
    O: Operation,
    O::Response: serde::Serialize + std::fmt::Debug,
{
    if mode == Mode::Check {
        return check_only(client, &request);
    }
    answered::<O>(client.call(request).await, json)
}

/// A typed call's answer as every command shows it; an expired cached session
/// becomes [`Outcome::Expired`] (the call is repeated after a fresh login).
fn answered<O>(
    answer: Result<logmein_rescue::runtime::Response<O::Response>, Error>,
    json: bool,
) -> Outcome
where
    O: Operation,
    O::Response: serde::Serialize + std::fmt::Debug,
{
    match answer {
        Ok(response) if O::session_expired(&response) && take_restored() => Outcome::Expired,
        Ok(response) => {
            let result = O::result_wire(&response).map(str::to_owned);
            let unknown = response.unknown_elements().to_vec();
            report(O::META.name, &response.into_inner(), result, &unknown, json)
        }
        Err(e) => e.into(),
    }
}

/// Elements the WSDL does not describe are reported on stderr, not dropped.
fn report_unknown(unknown: &[logmein_rescue::runtime::UnknownElement]) {
    for element in unknown {
        eprintln!(
            "rescue: the response has an element the WSDL does not describe: {}",
            printable(&element.xml)
        );
    }
}

/// Prints a response and says why on stderr when its result is not OK; elements
/// the WSDL does not describe are reported, not dropped.
fn report<T: serde::Serialize + std::fmt::Debug + ?Sized>(
    operation: &str,
    body: &T,
    result: Option<String>,
    unknown: &[logmein_rescue::runtime::UnknownElement],
    json: bool,
) -> Outcome {
    report_unknown(unknown);
    let outcome = print(body, result.clone(), json);
    if let (Outcome::NotOk, Some(v)) = (&outcome, result) {
        eprintln!(
            "rescue: {operation} answered {}: {}",
            printable(&v),
            logmein_rescue::meaning(&v).unwrap_or("no documented meaning")
        );
    }
    outcome
}

fn print<T: serde::Serialize + std::fmt::Debug + ?Sized>(
    body: &T,
    result: Option<String>,
    json: bool,
) -> Outcome {
    if json {
        match serde_json::to_string_pretty(body) {
            Ok(s) => println!("{s}"),
            Err(e) => return Outcome::Failed(Error::Config(e.to_string())),
        }
    } else {
        print_human(body);
    }
    match result {
        Some(v) if !(v == "OK" || v.ends_with("_OK")) => Outcome::NotOk,
        _ => Outcome::Ok,
    }
}

/// A response for people: one `element  value` line per element, names aligned,
/// nested and repeated values as compact JSON, server text escaped.
fn print_human<T: serde::Serialize + ?Sized>(body: &T) {
    let value = match serde_json::to_value(body) {
        Ok(v) => v,
        Err(e) => {
            eprintln!("rescue: cannot show the response: {e}");
            return;
        }
    };
    let serde_json::Value::Object(fields) = value else {
        println!("{}", printable(&value.to_string()));
        return;
    };
    let width = fields.keys().map(|k| k.chars().count()).max().unwrap_or(0);
    for (name, v) in &fields {
        let shown = match v {
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        println!("{name:width$}  {}", printable(&shown));
    }
}

/// `rescue wsdl diff OLD NEW`: the changes, breaking ones marked, and exit 3 if
/// there is one.
fn wsdl_diff(old: &std::path::Path, new: &std::path::Path, json: bool) -> Outcome {
    let model = |path: &std::path::Path| -> Result<rescue_codegen::model::Model, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        rescue_codegen::Config::new()
            .model(path, &text)
            .map_err(|e| e.to_string())
    };
    let (old_model, new_model) = match (model(old), model(new)) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(e), _) | (_, Err(e)) => return Outcome::Input(e),
    };
    let changes = rescue_codegen::diff::diff(&old_model, &new_model);
    let breaking = changes.iter().filter(|c| c.breaking).count();
    if json {
        match serde_json::to_string_pretty(&changes) {
            Ok(s) => println!("{s}"),
            Err(e) => return Outcome::Failed(Error::Config(e.to_string())),
        }
    } else {
        for c in &changes {
            let mark = if c.breaking { "breaking" } else { "        " };
            println!("{mark}  {}", printable(&c.what));
        }
        println!("{} change(s), {breaking} breaking", changes.len());
    }
    if breaking > 0 {
        eprintln!("rescue: {breaking} breaking change(s) between the two WSDLs");
        Outcome::NotOk
    } else {
        Outcome::Ok
    }
}

/// `rescue envelope --list`: every operation of the generated registry.
fn list_operations(json: bool) -> Outcome {
    if json {
        let ops: Vec<_> = api::OPERATIONS
            .iter()
            .map(|o| {
                serde_json::json!({
                    "operation": o.meta.name,
                    "soap11_action": o.meta.soap11_action,
                    "soap12_action": o.meta.soap12_action,
                    "doc": o.meta.doc,
                })
            })
            .collect();
        println!("{}", serde_json::Value::Array(ops));
    } else {
        for o in api::OPERATIONS {
            println!("{}", o.meta.name);
        }
    }
    Outcome::Ok
}

/// `rescue envelope`: builds the request from wire-name assignments by reading them
/// as the XML the server would get, so every value is parsed exactly as on the wire.
fn envelope(operation: &str, version: SoapVersion, set: &[String], json: bool) -> Outcome {
    let mut pairs = Vec::new();
    for assignment in set {
        let Some((name, value)) = assignment.split_once('=') else {
            return Outcome::Input(format!("--set {assignment}: expected WIRENAME=VALUE"));
        };
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            return Outcome::Input(format!(
                "--set {assignment}: `{name}` is not an element name"
            ));
        }
        pairs.push((name, value));
    }
    // The operation is looked up in the generated registry.
    let Some(entry) = api::OPERATIONS
        .iter()
        .find(|o| o.meta.name == operation || o.cli_aliases.contains(&operation))
    else {
        let names: Vec<&str> = api::OPERATIONS.iter().map(|o| o.meta.name).collect();
        return Outcome::Input(format!(
            "unknown operation `{operation}`; the operations are: {}",
            names.join(", ")
        ));
    };
    let mut xml = String::new();
    for (name, value) in pairs {
        // A name the request does not have is written plainly; reading it back
        // then names it as unknown.
        let written = match entry.request_fields.iter().find(|f| f.wire == name) {
            Some(f) => f.push_element(&mut xml, value),
            None => logmein_rescue::runtime::push_text_element(&mut xml, name, None, value),
        };
        if let Err(c) = written {
            return Outcome::Input(format!(
                "--set {name}: character U+{:04X} cannot be sent in XML",
                c as u32
            ));
        }
    }
    match (entry.envelope_from_xml)(&xml, version) {
        Ok(env) if json => {
            let value = serde_json::json!({
                "content_type": env.content_type,
                "soap_action": env.soap_action,
                "body": env.body,
            });
            println!("{value}");
            Outcome::Ok
        }
        Ok(env) => {
            println!("Content-Type: {}", env.content_type);
            if let Some(a) = env.soap_action {
                println!("SOAPAction: {a}");
            }
            println!();
            println!("{}", env.body);
            Outcome::Ok
        }
        Err(e) => Outcome::Input(e.to_string()),
    }
}
