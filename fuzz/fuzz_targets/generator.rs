#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = rescue_codegen::Config::new().generate_str(std::path::Path::new("fuzz.wsdl"), text);
    }
});
