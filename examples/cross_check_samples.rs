//! Writes, for every operation of the Rescue registry and of the generator's
//! fixtures (`codegen/tests/fixtures/`), in each SOAP version the WSDL binds, the
//! request envelope this client sends for sample values, plus those values and the
//! WSDL, as JSON lines for `tests/zeep/cross_check.py` (an independent SOAP stack
//! builds the same requests and compares the XML trees):
//!
//!     cargo run --example cross_check_samples > samples.jsonl

#![allow(missing_docs, dead_code)]

/// The fixtures' generated code (goldens checked in by `rescue-codegen`'s tests).
mod fixtures {
    pub mod nested_arrays {
        include!("../codegen/tests/golden/nested_arrays.rs");
    }
    pub mod guid_import {
        include!("../codegen/tests/golden/guid_import.rs");
    }
    pub mod extension {
        include!("../codegen/tests/golden/extension.rs");
    }
    pub mod soap_header {
        include!("../codegen/tests/golden/soap_header.rs");
    }
    pub mod empty_input_http {
        include!("../codegen/tests/golden/empty_input_http.rs");
    }
    pub mod soap12_facets {
        include!("../codegen/tests/golden/soap12_facets.rs");
    }
    pub mod unqualified {
        include!("../codegen/tests/golden/unqualified.rs");
    }
    pub mod dataset {
        include!("../codegen/tests/golden/dataset.rs");
    }
    pub mod attributes {
        include!("../codegen/tests/golden/attributes.rs");
    }
}

use logmein_rescue::envelope::EncodeRequestError;
use logmein_rescue::runtime::{InvalidField, OperationEntry, RawRequestError};
use logmein_rescue::{api, SoapVersion};

/// Values to try for a field, by its type in words, until its facets accept one.
fn candidates(about: &str) -> Vec<String> {
    if let Some(item) = about.strip_prefix("list of ") {
        // Two items where the type has two values, to show the separator.
        if let Some(values) = item.strip_prefix("one of ") {
            let two: Vec<&str> = values.split(", ").take(2).collect();
            return vec![two.join(" ")];
        }
        return candidates(item);
    }
    if let Some(values) = about.strip_prefix("one of ") {
        return values
            .split(", ")
            .map(|v| v.trim_end_matches(['.', '…']).to_owned())
            .take(1)
            .collect();
    }
    let kind = about.split([',', ' ']).next().unwrap_or("");
    let list: &[&str] = match kind {
        "integer" | "unsigned" => &["7", "1"],
        "boolean" => &["true"],
        "dateTime" => &["2026-01-05T09:00:00"],
        "number" | "decimal" => &["1.5"],
        _ => &[
            "Alice & <Bob> Ünï",
            "215",
            "06/30/2007",
            "12:00",
            ";",
            "-240",
            "3f2504e0-4f89-11d3-9a0c-0305e82c3301",
            "QUJD",
        ],
    };
    list.iter().map(|s| s.to_string()).collect()
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Sample values by wire name, and the envelope built from them.
type Sample = (Vec<(&'static str, String)>, logmein_rescue::Envelope);

/// The first sample values the request's facets accept, and its envelope.
fn sample(entry: &OperationEntry, version: SoapVersion) -> Result<Sample, RawRequestError> {
    // Simple values only: a complex element's content is not described by
    // `FieldInfo` (`complex type NAME`), so it is left out when it may be.
    let fields: Vec<_> = entry
        .request_fields
        .iter()
        .filter(|f| !f.repeated && !f.about.starts_with("complex type"))
        .collect();
    let options: Vec<Vec<String>> = fields.iter().map(|f| candidates(f.about)).collect();
    let mut pick = vec![0usize; fields.len()];
    loop {
        let values: Vec<(&'static str, String)> = fields
            .iter()
            .zip(&options)
            .zip(&pick)
            .filter_map(|((f, o), &i)| o.get(i).map(|v| (f.wire, v.clone())))
            .collect();
        let xml: String = values
            .iter()
            .map(|(w, v)| format!("<{w}>{}</{w}>", escape(v)))
            .collect();
        match (entry.envelope_from_xml)(&xml, version) {
            Ok(env) => return Ok((values, env)),
            Err(RawRequestError::Encode(EncodeRequestError::Invalid(InvalidField {
                ref field,
                ..
            }))) if fields.iter().any(|f| f.wire == field) => {
                let i = fields.iter().position(|f| f.wire == field).unwrap_or(0);
                pick[i] += 1;
                if pick[i] >= options[i].len() {
                    // No candidate fits: leave the field out if it may be.
                    if fields[i].required {
                        return (entry.envelope_from_xml)(&xml, version).map(|e| (values, e));
                    }
                }
            }
            Err(e) => return Err(e),
        }
    }
}

fn main() {
    let fixture = |name: &str| format!("codegen/tests/fixtures/{name}.wsdl");
    let registries: Vec<(String, &[OperationEntry])> = vec![
        ("wsdl/API.asmx.wsdl".into(), api::OPERATIONS),
        (
            fixture("nested_arrays"),
            fixtures::nested_arrays::OPERATIONS,
        ),
        (fixture("guid_import"), fixtures::guid_import::OPERATIONS),
        (fixture("extension"), fixtures::extension::OPERATIONS),
        (fixture("soap_header"), fixtures::soap_header::OPERATIONS),
        (
            fixture("empty_input_http"),
            fixtures::empty_input_http::OPERATIONS,
        ),
        (
            fixture("soap12_facets"),
            fixtures::soap12_facets::OPERATIONS,
        ),
        (fixture("unqualified"), fixtures::unqualified::OPERATIONS),
        (fixture("dataset"), fixtures::dataset::OPERATIONS),
        (fixture("attributes"), fixtures::attributes::OPERATIONS),
    ];
    for (wsdl, operations) in registries {
        for entry in operations {
            write_samples(&wsdl, entry);
        }
    }
}

fn write_samples(wsdl: &str, entry: &OperationEntry) {
    let bound = [
        (
            SoapVersion::Soap11,
            "1.1",
            entry.meta.soap11_action.is_some(),
        ),
        (
            SoapVersion::Soap12,
            "1.2",
            entry.meta.soap12_action.is_some(),
        ),
    ];
    for (version, tag, _) in bound.into_iter().filter(|b| b.2) {
        {
            match sample(entry, version) {
                Ok((values, env)) => {
                    let values: serde_json::Map<String, serde_json::Value> = values
                        .into_iter()
                        .map(|(k, v)| (k.to_owned(), v.into()))
                        .collect();
                    let line = serde_json::json!({
                        "wsdl": wsdl,
                        "operation": entry.meta.name,
                        "soap": tag,
                        "values": values,
                        "soap_action": env.soap_action,
                        "content_type": env.content_type,
                        "body": env.body,
                    });
                    println!("{line}");
                }
                Err(e) => {
                    // Counted by the cross-check as not compared, with the reason.
                    let line = serde_json::json!({
                        "wsdl": wsdl,
                        "operation": entry.meta.name,
                        "soap": tag,
                        "skipped": e.to_string(),
                    });
                    println!("{line}");
                }
            }
        }
    }
}
