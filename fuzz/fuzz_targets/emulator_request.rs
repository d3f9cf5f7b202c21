#![no_main]

#[path = "../common/mod.rs"]
mod common;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let emulator = rescue_emulator::Emulator::default();
    if let Ok(rt) = tokio::runtime::Builder::new_current_thread().build() {
        rt.block_on(common::emulator_request(&emulator, data));
    }
});
