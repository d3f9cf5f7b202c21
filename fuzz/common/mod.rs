//! What the fuzz targets check, shared with the bounded property tests that run
//! on stable in CI (`tests/fuzz_props.rs`, `codegen/tests/fuzz_props.rs`): each
//! function must return, whatever the bytes, without panicking or hanging.

#![allow(dead_code)]

use logmein_rescue::api;
use logmein_rescue::runtime::ServerContext;
use logmein_rescue::SoapVersion;

const VERSIONS: [SoapVersion; 2] = [SoapVersion::Soap11, SoapVersion::Soap12];

/// The response decoder of every operation, in both SOAP versions.
pub fn decode_response(data: &[u8]) {
    for entry in api::OPERATIONS {
        for version in VERSIONS {
            let _ = (entry.decode_response)(data, version);
        }
    }
}

/// The fault reader: `data` as the content of a `Fault` in both versions.
pub fn fault(data: &[u8]) {
    for version in VERSIONS {
        let ns = version.envelope_namespace();
        let mut doc =
            format!("<soap:Envelope xmlns:soap=\"{ns}\"><soap:Body><soap:Fault>").into_bytes();
        doc.extend_from_slice(data);
        doc.extend_from_slice(b"</soap:Fault></soap:Body></soap:Envelope>");
        // The fault reader is the same for every operation: one suffices.
        if let Some(entry) = api::OPERATIONS.first() {
            let _ = (entry.decode_response)(&doc, version);
        }
    }
}

/// The emulator's request decoder and dispatch, in both versions.
pub async fn emulator_request(emulator: &rescue_emulator::Emulator, data: &[u8]) {
    for version in VERSIONS {
        let mut ctx = ServerContext::new(version, Vec::new());
        let _ = api::dispatch(emulator, &mut ctx, data).await;
    }
}
