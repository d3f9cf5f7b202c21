//! Writes, for every operation of the Rescue registry and of the generator's
//! fixtures (`codegen/tests/fixtures/`), in each SOAP version the WSDL binds, the
//! request envelope this client sends for sample values, plus those values and the
//! WSDL, as JSON lines for `tests/zeep/cross_check.py` (an independent SOAP stack
//! builds the same requests and compares the XML trees):
//!
//!     cargo run --example cross_check_samples > samples.jsonl

/// The fixtures and the sample values, shared with `tests/generated_fixtures.rs`.
#[path = "../tests/support/fixtures.rs"]
mod fixtures;

use logmein_rescue::runtime::OperationEntry;
use logmein_rescue::{api, SoapVersion};

fn main() {
    write_samples("wsdl/API.asmx.wsdl", api::OPERATIONS);
    for (name, operations) in fixtures::registries() {
        write_samples(&format!("codegen/tests/fixtures/{name}.wsdl"), operations);
    }
    // Nested content: zeep reads our request and writes it again.
    for (version, tag) in [(SoapVersion::Soap11, "1.1"), (SoapVersion::Soap12, "1.2")] {
        for (name, env) in fixtures::nested_envelopes(version) {
            let line = serde_json::json!({
                "wsdl": format!("codegen/tests/fixtures/{name}.wsdl"),
                "soap": tag,
                "round_trip": true,
                "body": env.body,
            });
            println!("{line}");
        }
    }
}

fn write_samples(wsdl: &str, operations: &[OperationEntry]) {
    for entry in operations {
        let bound = [(SoapVersion::Soap11, "1.1"), (SoapVersion::Soap12, "1.2")]
            .into_iter()
            .filter(|(version, _)| entry.meta.action(*version).is_some());
        for (version, tag) in bound {
            let line = match fixtures::sample(entry, version) {
                Ok((values, env)) => {
                    let values: serde_json::Map<String, serde_json::Value> = values
                        .into_iter()
                        .map(|(k, v)| (k.to_owned(), v.into()))
                        .collect();
                    serde_json::json!({
                        "wsdl": wsdl,
                        "operation": entry.meta.name,
                        "soap": tag,
                        "values": values,
                        "soap_action": env.soap_action,
                        "content_type": env.content_type,
                        "body": env.body,
                    })
                }
                // Counted by the cross-check as not compared, with the reason.
                Err(e) => serde_json::json!({
                    "wsdl": wsdl,
                    "operation": entry.meta.name,
                    "soap": tag,
                    "skipped": e.to_string(),
                }),
            };
            println!("{line}");
        }
    }
}
