//! `rescue-emulator --listen 127.0.0.1:PORT [--accounts FILE]`
//!
//! (clap's builder API: the emulator is a dev-dependency of integrators' crates,
//! and the derive macros would add a second `syn` to their builds.)

use clap::{Arg, Command};

#[tokio::main]
async fn main() {
    let args = Command::new("rescue-emulator")
        .version(env!("CARGO_PKG_VERSION"))
        .about("A local LogMeIn Rescue API.asmx (SOAP 1.1 and 1.2) for tests and CI")
        .arg(
            Arg::new("listen")
                .long("listen")
                .value_name("ADDR")
                .default_value("127.0.0.1:0")
                .help("Address to listen on; port 0 picks a free one"),
        )
        .arg(
            Arg::new("max-connections")
                .long("max-connections")
                .value_name("N")
                .value_parser(clap::value_parser!(u32).range(1..))
                .help("Connections served at once; more are closed (default 256)"),
        )
        .arg(
            Arg::new("read-timeout")
                .long("read-timeout")
                .value_name("SECONDS")
                .value_parser(clap::value_parser!(u64).range(1..=3600))
                .help("Time to receive a request's headers, and its body (default 10)"),
        )
        .arg(
            Arg::new("max-body")
                .long("max-body")
                .value_name("BYTES")
                .value_parser(clap::value_parser!(u64).range(1..=1_073_741_824))
                .help("Largest request body; larger ones get a fault (default 1 MiB)"),
        )
        .arg(
            Arg::new("max-sessions")
                .long("max-sessions")
                .value_name("N")
                .value_parser(clap::value_parser!(u32).range(1..))
                .help("Login sessions kept; the least recently used go first (default 10000)"),
        )
        .arg(
            Arg::new("quiet")
                .long("quiet")
                .action(clap::ArgAction::SetTrue)
                .help("No log line per call on stderr"),
        )
        .arg(
            Arg::new("accounts")
                .long("accounts")
                .value_name("FILE")
                .help("TOML file with [[account]] tables, added to the default accounts"),
        )
        .get_matches();
    let listen = args
        .get_one::<String>("listen")
        .cloned()
        .unwrap_or_else(|| "127.0.0.1:0".into());
    let accounts = match args.get_one::<String>("accounts") {
        None => rescue_emulator::default_accounts(),
        Some(path) => match std::fs::read_to_string(path)
            .map_err(|e| e.to_string())
            .and_then(|t| rescue_emulator::parse_accounts(&t))
        {
            Ok(a) => a,
            Err(e) => {
                eprintln!("rescue-emulator: {path}: {e}");
                std::process::exit(2);
            }
        },
    };
    let mut server = rescue_emulator::ServerLimits::default();
    if let Some(n) = args.get_one::<u32>("max-connections") {
        server.max_connections = *n as usize;
    }
    if let Some(s) = args.get_one::<u64>("read-timeout") {
        server.header_read_timeout = std::time::Duration::from_secs(*s);
        server.body_read_timeout = std::time::Duration::from_secs(*s);
    }
    let mut state = rescue_emulator::StateLimits::default();
    if let Some(n) = args.get_one::<u32>("max-sessions") {
        state.max_sessions = *n as usize;
    }
    let mut emulator = rescue_emulator::Emulator::new(accounts)
        .server_limits(server)
        .state_limits(state)
        .log_calls(!args.get_flag("quiet"));
    if let Some(b) = args.get_one::<u64>("max-body") {
        emulator = emulator.max_body(*b as usize);
    }
    let running = match emulator.start(&listen).await {
        Ok(r) => r,
        Err(e) => {
            eprintln!("rescue-emulator: cannot listen on {listen}: {e}");
            std::process::exit(1);
        }
    };
    println!("rescue-emulator listening on {}", running.url());
    let _ = tokio::signal::ctrl_c().await;
}
