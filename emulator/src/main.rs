//! `rescue-emulator --listen 127.0.0.1:PORT [--accounts FILE]`

use clap::Parser;

/// A local LogMeIn Rescue API.asmx (SOAP 1.1 and 1.2) for tests and CI.
#[derive(Parser)]
#[command(version)]
struct Args {
    /// Address to listen on; port 0 picks a free one.
    #[arg(long, default_value = "127.0.0.1:0")]
    listen: String,
    /// TOML file with `[[account]]` tables, added to the default accounts.
    #[arg(long)]
    accounts: Option<std::path::PathBuf>,
}

#[tokio::main]
async fn main() {
    let args = Args::parse();
    let accounts = match &args.accounts {
        None => rescue_emulator::default_accounts(),
        Some(path) => match std::fs::read_to_string(path)
            .map_err(|e| e.to_string())
            .and_then(|t| rescue_emulator::parse_accounts(&t))
        {
            Ok(a) => a,
            Err(e) => {
                eprintln!("rescue-emulator: {}: {e}", path.display());
                std::process::exit(2);
            }
        },
    };
    let running = match rescue_emulator::Emulator::new(accounts)
        .start(&args.listen)
        .await
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("rescue-emulator: cannot listen on {}: {e}", args.listen);
            std::process::exit(1);
        }
    };
    println!("rescue-emulator listening on {}", running.url());
    let _ = tokio::signal::ctrl_c().await;
}
