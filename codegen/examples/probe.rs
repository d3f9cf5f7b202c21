//! Prints the Rust generated for a WSDL: `cargo run -p rescue-codegen --example probe -- FILE`.
fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: probe FILE.wsdl");
        std::process::exit(2);
    };
    match rescue_codegen::Config::new()
        .strip_hungarian_prefixes(true)
        .generate_file(&path)
    {
        Ok(code) => print!("{code}"),
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    }
}
