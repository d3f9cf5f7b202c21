//! The generator's fixtures compiled from their checked-in goldens, their
//! registries, and sample requests their facets accept: shared by
//! `tests/generated_fixtures.rs` and `examples/cross_check_samples.rs`.

#![allow(missing_docs, dead_code)]

use logmein_rescue::envelope::EncodeRequestError;
use logmein_rescue::runtime::{FieldInfo, InvalidField, OperationEntry, RawRequestError};
use logmein_rescue::{Envelope, SoapVersion};

pub mod nested_arrays {
    include!("../../codegen/tests/golden/nested_arrays.rs");
}
pub mod guid_import {
    include!("../../codegen/tests/golden/guid_import.rs");
}
pub mod extension {
    include!("../../codegen/tests/golden/extension.rs");
}
pub mod soap_header {
    include!("../../codegen/tests/golden/soap_header.rs");
}
pub mod empty_input_http {
    include!("../../codegen/tests/golden/empty_input_http.rs");
}
pub mod soap12_facets {
    include!("../../codegen/tests/golden/soap12_facets.rs");
}
pub mod unqualified {
    include!("../../codegen/tests/golden/unqualified.rs");
}
pub mod dataset {
    include!("../../codegen/tests/golden/dataset.rs");
}
pub mod attributes {
    include!("../../codegen/tests/golden/attributes.rs");
}
pub mod multi_schema {
    include!("../../codegen/tests/golden/multi_schema.rs");
}
pub mod choices {
    include!("../../codegen/tests/golden/choices.rs");
}
pub mod reserved_names {
    include!("../../codegen/tests/golden/reserved_names.rs");
}

/// Each fixture's name (its WSDL is `codegen/tests/fixtures/NAME.wsdl`) and registry.
pub fn registries() -> [(&'static str, &'static [OperationEntry]); 12] {
    [
        ("nested_arrays", nested_arrays::OPERATIONS),
        ("guid_import", guid_import::OPERATIONS),
        ("extension", extension::OPERATIONS),
        ("soap_header", soap_header::OPERATIONS),
        ("empty_input_http", empty_input_http::OPERATIONS),
        ("soap12_facets", soap12_facets::OPERATIONS),
        ("unqualified", unqualified::OPERATIONS),
        ("dataset", dataset::OPERATIONS),
        ("attributes", attributes::OPERATIONS),
        ("multi_schema", multi_schema::OPERATIONS),
        ("choices", choices::OPERATIONS),
        ("reserved_names", reserved_names::OPERATIONS),
    ]
}

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
            "0A1B",
            "PT30S",
        ],
    };
    list.iter().map(|s| s.to_string()).collect()
}

/// Sample values by wire name, and the envelope built from them.
pub type Sample = (Vec<(&'static str, String)>, Envelope);

/// The first sample values the request's facets accept, and its envelope.
/// Complex elements are left out (`FieldInfo` does not describe their content).
pub fn sample(entry: &OperationEntry, version: SoapVersion) -> Result<Sample, RawRequestError> {
    // One alternative of each choice: the first.
    let mut choices = Vec::new();
    let fields: Vec<_> = entry
        .request_fields
        .iter()
        .filter(|f| !f.repeated && !f.about.starts_with("complex type"))
        .filter(|f| match f.choice {
            Some(c) if choices.contains(&c) => false,
            Some(c) => {
                choices.push(c);
                true
            }
            None => true,
        })
        .collect();
    let options: Vec<Vec<String>> = fields.iter().map(|f| candidates(f.about)).collect();
    let mut pick = vec![0usize; fields.len()];
    loop {
        let chosen: Vec<(&FieldInfo, String)> = fields
            .iter()
            .zip(&options)
            .zip(&pick)
            .filter_map(|((f, o), &i)| o.get(i).map(|v| (*f, v.clone())))
            .collect();
        let mut xml = String::new();
        for (f, v) in &chosen {
            f.push_element(&mut xml, v)
                .map_err(|c| RawRequestError::Xml {
                    operation: entry.meta.name,
                    source: logmein_rescue::runtime::DecodeError::Malformed {
                        position: 0,
                        message: format!("sample U+{:04X} cannot be sent", c as u32),
                    },
                })?;
        }
        let values: Vec<(&'static str, String)> =
            chosen.into_iter().map(|(f, v)| (f.wire, v)).collect();
        match (entry.envelope_from_xml)(&xml, version) {
            Ok(env) => return Ok((values, env)),
            Err(RawRequestError::Encode(EncodeRequestError::Invalid(InvalidField {
                ref field,
                ..
            }))) if fields.iter().any(|f| f.wire == field) => {
                let i = fields.iter().position(|f| f.wire == field).unwrap_or(0);
                pick[i] += 1;
                if pick[i] >= options[i].len() && fields[i].required {
                    // No candidate fits a required field: the error says which.
                    return (entry.envelope_from_xml)(&xml, version).map(|e| (values, e));
                }
            }
            Err(e) => return Err(e),
        }
    }
}

/// Requests with nested content that `sample` leaves out (complex elements,
/// choices, attributes, other namespaces), encoded in `version`: the zeep
/// cross-check reads each with zeep and has zeep write it again.
pub fn nested_envelopes(version: SoapVersion) -> Vec<(&'static str, Envelope)> {
    use logmein_rescue::envelope::encode;
    let address = multi_schema::Address {
        street: Some("Main".into()),
        zip: Some("1000".into()),
        apartment: None,
    };
    let submit = multi_schema::SubmitRequest {
        id: 7,
        stamp: Some("S".into()),
        note: Some("n".into()),
        ship: Some(address.clone()),
        old: Some(multi_schema::LegacyInfo {
            code: Some("X".into()),
            flag: Some(true),
            where_: Some(address),
            version: Some(2),
            local: Some("l".into()),
            plain: Some("p".into()),
            by: Some("me".into()),
        }),
    };
    let post = choices::PostRequest {
        by_id_or_by_name: choices::PostByIdOrByName::ByName("bob".into()),
        message: Some(choices::Message {
            subject: Some("s".into()),
            text_or_image_or_link: vec![
                choices::MessageTextOrImageOrLink::Text("a".into()),
                choices::MessageTextOrImageOrLink::Link(choices::Link {
                    url: Some("u".into()),
                }),
                choices::MessageTextOrImageOrLink::Text("b".into()),
            ],
        }),
    };
    let order = attributes::PlaceOrderRequest {
        channel: Some("web".into()),
        order: Some(attributes::Order {
            id: 7,
            status: Some(attributes::OrderStatus::Shipped),
            currency: Some("EUR".into()),
            note: Some("fragile".into()),
            total: Some(attributes::Price {
                currency: "EUR".into(),
                value: logmein_rescue::runtime::Decimal::new("12.50").unwrap_or_default(),
            }),
            email_or_phone: attributes::OrderEmailOrPhone::Phone("555".into()),
        }),
    };
    let mut out = Vec::new();
    let encoded = [
        ("multi_schema", encode(&submit, version)),
        ("choices", encode(&post, version)),
        ("attributes", encode(&order, version)),
    ];
    for (name, env) in encoded {
        if let Ok(env) = env {
            out.push((name, env));
        }
    }
    out
}
