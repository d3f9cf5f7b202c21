//! `rescue`: call the LogMeIn Rescue API from a shell.
//!
//! Exit codes: 0 an OK result; 2 rejected input (nothing sent); 3 a non-OK result;
//! 4 a SOAP fault; 5 a transport or other error.

use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use logmein_rescue::runtime::{Operation, Secret};
use logmein_rescue::{api, AuthCode, Client, Error, SoapVersion};

#[derive(Parser)]
#[command(
    name = "rescue",
    version,
    about = "The LogMeIn Rescue API from the command line"
)]
struct Cli {
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
    #[command(subcommand)]
    command: Command,
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

#[derive(Subcommand)]
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
    /// Print the exact request envelope of an operation without sending it.
    Envelope {
        /// Operation wire name, e.g. requestLensPINCodeV2.
        operation: String,
        /// SOAP version.
        #[arg(long, value_enum, default_value = "1.1")]
        soap: Soap,
        /// An element by its wire name: --set sCField0=Alice (repeatable).
        #[arg(long = "set", value_name = "WIRENAME=VALUE")]
        set: Vec<String>,
    },
}

/// How a command ended.
enum Outcome {
    Ok,
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

fn main() -> ExitCode {
    let cli = Cli::parse();
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
    let outcome = runtime.block_on(run(cli));
    match outcome {
        Outcome::Ok => ExitCode::SUCCESS,
        Outcome::Input(m) => {
            eprintln!("rescue: {m}");
            ExitCode::from(2)
        }
        Outcome::NotOk => ExitCode::from(3),
        Outcome::Failed(e) => {
            eprintln!("rescue: {e}");
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

async fn run(cli: Cli) -> Outcome {
    if let Command::Envelope {
        operation,
        soap,
        set,
    } = &cli.command
    {
        let version = match soap {
            Soap::V11 => SoapVersion::Soap11,
            Soap::V12 => SoapVersion::Soap12,
        };
        return envelope(operation, version, set);
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
        .build()
    {
        Ok(c) => c,
        Err(e) => return e.into(),
    };
    let json = cli.json;
    let needs_session = !matches!(cli.command, Command::AuthCode | Command::Login);
    if let Some(code) = &cli.auth_code {
        client.set_auth_code(Some(AuthCode::new(code.clone())));
    } else if needs_session || matches!(cli.command, Command::Login) {
        let Some(email) = &cli.email else {
            return Outcome::Input(
                "set --email/RESCUE_EMAIL (with RESCUE_PASSWORD) or --auth-code/RESCUE_AUTHCODE"
                    .into(),
            );
        };
        let password = match password() {
            Ok(p) => p,
            Err(m) => return Outcome::Input(m),
        };
        match client.login(email, password.expose()).await {
            Ok(r) if matches!(cli.command, Command::Login) => {
                let result = r.result.to_string();
                return print(&r.into_inner(), Some(result), json);
            }
            Ok(r) if r.result != api::LoginRet::Ok => {
                eprintln!("rescue: login answered {}", r.result);
                return Outcome::NotOk;
            }
            Ok(_) => {}
            Err(e) => return e.into(),
        }
    }
    match cli.command {
        Command::Login => Outcome::Ok,
        Command::Logout => call(&client, api::LogoutRequest {}, json).await,
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
                        println!("{}", code.expose());
                    }
                    Outcome::Ok
                }
                Err(Error::Rejected { value, meaning, .. }) => {
                    eprintln!("rescue: {value}: {}", meaning.unwrap_or(""));
                    Outcome::NotOk
                }
                Err(e) => e.into(),
            }
        }
        Command::Pin(f) => call(&client, pin_request!(api::RequestPinCodeRequest, f), json).await,
        Command::PinV3 { fields, node } => {
            call(
                &client,
                pin_request!(api::RequestPinCodeV3Request, fields, node_id: node),
                json,
            )
            .await
        }
        Command::LensPin(f) => {
            call(
                &client,
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
            call(&client, req, json).await
        }
        Command::EmailText { pin } => match pin.parse::<logmein_rescue::PinCode>() {
            Ok(pin) => {
                call(
                    &client,
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
                api::StartSessionRequest {
                    session,
                    node,
                    auth_code: None,
                },
                json,
            )
            .await
        }
        Command::Envelope { .. } => Outcome::Ok,
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

/// RESCUE_PASSWORD, or a prompt on the terminal that does not echo.
fn password() -> Result<Secret, String> {
    if let Ok(p) = std::env::var("RESCUE_PASSWORD") {
        return Ok(Secret::new(p));
    }
    rpassword::prompt_password("Password: ")
        .map(Secret::new)
        .map_err(|e| format!("set RESCUE_PASSWORD or run on a terminal to be asked: {e}"))
}

async fn call<O>(client: &Client, request: O, json: bool) -> Outcome
where
    O: Operation,
    O::Response: serde::Serialize + std::fmt::Debug,
{
    match client.call(request).await {
        Ok(response) => {
            // Elements the WSDL does not describe are reported, not dropped.
            for unknown in response.unknown_elements() {
                eprintln!(
                    "rescue: the response has an element the WSDL does not describe: {}",
                    unknown.xml
                );
            }
            let value = O::result_wire(&response).map(str::to_owned);
            print(&response.into_inner(), value, json)
        }
        Err(e) => e.into(),
    }
}

fn print<T: serde::Serialize + std::fmt::Debug>(
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
        println!("{body:#?}");
    }
    match result {
        Some(v) if !(v == "OK" || v.ends_with("_OK")) => Outcome::NotOk,
        _ => Outcome::Ok,
    }
}

/// `rescue envelope`: builds the request from wire-name assignments by reading them
/// as the XML the server would get, so every value is parsed exactly as on the wire.
fn envelope(operation: &str, version: SoapVersion, set: &[String]) -> Outcome {
    let mut xml = String::new();
    for assignment in set {
        let Some((name, value)) = assignment.split_once('=') else {
            return Outcome::Input(format!("--set {assignment}: expected WIRENAME=VALUE"));
        };
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            return Outcome::Input(format!(
                "--set {assignment}: `{name}` is not an element name"
            ));
        }
        let mut escaped = String::new();
        if let Err((_, c)) = logmein_rescue::runtime::escape_into(&mut escaped, value) {
            return Outcome::Input(format!(
                "--set {name}: character U+{:04X} cannot be sent in XML",
                c as u32
            ));
        }
        xml.push_str(&format!("<{name}>{escaped}</{name}>"));
    }
    // The operation is looked up in the generated registry.
    let Some(entry) = api::OPERATIONS.iter().find(|o| o.meta.name == operation) else {
        let names: Vec<&str> = api::OPERATIONS.iter().map(|o| o.meta.name).collect();
        return Outcome::Input(format!(
            "unknown operation `{operation}`; the operations are: {}",
            names.join(", ")
        ));
    };
    match (entry.envelope_from_xml)(&xml, version) {
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
