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
    let running = match rescue_emulator::Emulator::new(accounts)
        .log_calls(!args.get_flag("quiet"))
        .start(&listen)
        .await
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("rescue-emulator: cannot listen on {listen}: {e}");
            std::process::exit(1);
        }
    };
    println!("rescue-emulator listening on {}", running.url());
    let _ = tokio::signal::ctrl_c().await;
}
