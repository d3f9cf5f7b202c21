//! Generates the typed LogMeIn Rescue API from the vendored WSDL and the overlay
//! beside it (secrets, credential field, pacing, result meanings, session expiry,
//! facets, the operations whose client methods are written by hand).

fn main() {
    let mut config = rescue_codegen::Config::new()
        .runtime_path("crate::runtime")
        .client_methods("crate::Client")
        .strip_hungarian_prefixes(true)
        .doc_examples("logmein_rescue::api")
        .overlay("wsdl/API.overlay.toml");
    if std::env::var_os("CARGO_FEATURE_BLOCKING").is_some() {
        config = config.blocking_client_methods("crate::blocking::Client");
    }
    if let Err(e) = config.compile("wsdl/API.asmx.wsdl", "rescue_api.rs") {
        // One readable line, no backtrace.
        println!("cargo::error={e}");
        std::process::exit(1);
    }
}
