//! One typical request and one OK response per operation: the same bytes for our
//! benches and for the zeep comparison (`examples/bench_samples.rs` writes them out).

#![allow(dead_code)]

use logmein_rescue::api;
use logmein_rescue::envelope::{decode_request, encode, encode_response};
use logmein_rescue::runtime::{Operation, OperationVisitor};
use logmein_rescue::SoapVersion;

/// An operation's sample: wire name, request envelope, response envelope.
pub struct Sample {
    pub operation: &'static str,
    pub version: SoapVersion,
    pub request: String,
    pub response: String,
}

fn sample<O: Operation>(request: O, response: O::Response, version: SoapVersion) -> Sample {
    Sample {
        operation: O::META.name,
        version,
        request: encode(&request, version)
            .expect("sample request encodes")
            .body,
        response: encode_response::<O>(&response, version).expect("sample response encodes"),
    }
}

fn fields() -> api::RequestLensPinCodeV2Request {
    api::RequestLensPinCodeV2Request {
        c_field0: Some("Alice Example".into()),
        c_field1: Some("Printer on floor 3 does not print".into()),
        c_field2: Some("+36 1 234 5678".into()),
        c_field3: Some("Budapest office".into()),
        c_field4: Some("VIP".into()),
        c_field5: Some("EN".into()),
        tracking0: Some("ticket-4711".into()),
        no_tech_console: true,
        auth_code: Some("4ahx0123456789abcdef80u0".into()),
    }
}

/// Every operation in both SOAP versions.
pub fn all() -> Vec<Sample> {
    let mut out = Vec::new();
    for v in [SoapVersion::Soap11, SoapVersion::Soap12] {
        let f = fields();
        out.push(sample(
            api::LoginRequest {
                email: Some("tech@example.com".into()),
                password: Some("tech-password".into()),
            },
            api::LoginResponse {
                result: api::LoginRet::Ok,
            },
            v,
        ));
        out.push(sample(
            api::LogoutRequest {},
            api::LogoutResponse {
                result: api::LogoutRet::Ok,
            },
            v,
        ));
        out.push(sample(
            api::RequestAuthCodeRequest {
                email: Some("tech@example.com".into()),
                password: Some("tech-password".into()),
            },
            api::RequestAuthCodeResponse {
                result: api::RequestAuthCodeRet::Ok,
                auth_code: Some("4ahx0123456789abcdef80u0".into()),
            },
            v,
        ));
        out.push(sample(
            api::RequestPinCodeRequest {
                c_field0: f.c_field0.clone(),
                c_field1: f.c_field1.clone(),
                c_field2: f.c_field2.clone(),
                c_field3: f.c_field3.clone(),
                c_field4: f.c_field4.clone(),
                c_field5: f.c_field5.clone(),
                tracking0: f.tracking0.clone(),
                no_tech_console: true,
                auth_code: f.auth_code.clone(),
            },
            api::RequestPinCodeResponse {
                result: api::RequestPinCodeRet::Ok,
                pin_code: 12345,
            },
            v,
        ));
        out.push(sample(
            api::RequestPinCodeV3Request {
                c_field0: f.c_field0.clone(),
                c_field1: f.c_field1.clone(),
                c_field2: f.c_field2.clone(),
                c_field3: f.c_field3.clone(),
                c_field4: f.c_field4.clone(),
                c_field5: f.c_field5.clone(),
                tracking0: f.tracking0.clone(),
                no_tech_console: true,
                auth_code: f.auth_code.clone(),
                node_id: 337366,
            },
            api::RequestPinCodeV3Response {
                result: api::RequestPinCodeRet::Ok,
                pin_code: Some("012345".into()),
            },
            v,
        ));
        out.push(sample(
            f.clone(),
            api::RequestLensPinCodeV2Response {
                result: api::RequestLensPinCodeRet::Ok,
                pin_code: Some("012345".into()),
            },
            v,
        ));
        out.push(sample(
            api::RequestLensPinCodeV3Request {
                c_field0: f.c_field0.clone(),
                c_field1: f.c_field1.clone(),
                c_field2: f.c_field2.clone(),
                c_field3: f.c_field3.clone(),
                c_field4: f.c_field4.clone(),
                c_field5: f.c_field5.clone(),
                tracking0: f.tracking0.clone(),
                no_tech_console: true,
                auth_code: f.auth_code.clone(),
                phone_number: Some("+3612345678".into()),
                lang_code: Some(api::LanguageCode::De),
            },
            api::RequestLensPinCodeV3Response {
                result: api::RequestLensPinCodeV3Ret::Ok,
                pin_code: Some("012345".into()),
            },
            v,
        ));
        out.push(sample(
            api::GenerateEmailTextRequest {
                pin_code: 12345,
                auth_code: f.auth_code.clone(),
            },
            api::GenerateEmailTextResponse {
                result: api::GenerateEmailTextRet::Ok,
                subject: Some("Connection email link".into()),
                text: Some("Please click the link below to request a live support session:".into()),
                link: Some("https://secure.logmeinrescue.com/R?i=2&Code=012345".into()),
                signature: Some("Best Regards, Support Team".into()),
            },
            v,
        ));
        out.push(sample(
            api::StartSessionRequest {
                session: 12345678,
                node: 337366,
                auth_code: f.auth_code.clone(),
            },
            api::StartSessionResponse {
                result: api::StartSessionRet::Ok,
            },
            v,
        ));
    }
    out
}

/// Something done with each sample and its typed request.
pub trait Visit {
    /// Called once per sample with the request decoded from the sample's envelope.
    fn visit<O: Operation + serde::Serialize>(&mut self, sample: &Sample, request: O);
}

/// Calls `v` for every sample with its request type, found through the
/// generated registry (`api::for_each_operation`), not a table of names.
pub fn for_each(samples: &[Sample], v: &mut impl Visit) {
    struct Each<'a, V>(&'a [Sample], &'a mut V);
    impl<V: Visit> OperationVisitor for Each<'_, V> {
        fn visit<O>(&mut self)
        where
            O: Operation + serde::Serialize + 'static,
            O::Response: serde::Serialize + 'static,
        {
            for s in self.0.iter().filter(|s| s.operation == O::META.name) {
                let request = decode_request::<O>(s.request.as_bytes(), s.version)
                    .expect("sample request decodes")
                    .into_inner();
                self.1.visit(s, request);
            }
        }
    }
    api::for_each_operation(&mut Each(samples, v));
}

/// `soap11` / `soap12`.
pub fn version_tag(v: SoapVersion) -> &'static str {
    match v {
        SoapVersion::Soap11 => "soap11",
        SoapVersion::Soap12 => "soap12",
    }
}

/// The floor for decoding: a bare quick-xml `NsReader` pass that resolves the
/// namespace of every element, as any namespace-correct SOAP reader must.
pub fn ns_scan(bytes: &[u8]) -> usize {
    let mut reader = quick_xml::NsReader::from_reader(bytes);
    let mut events = 0;
    loop {
        match reader.read_resolved_event() {
            Ok((_, quick_xml::events::Event::Eof)) | Err(_) => return events,
            Ok(e) => {
                std::hint::black_box(&e);
                events += 1;
            }
        }
    }
}

/// A bare quick-xml event scan, without namespaces (below any real reader).
pub fn scan(bytes: &[u8]) -> usize {
    let mut reader = quick_xml::Reader::from_reader(bytes);
    let mut events = 0;
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Eof) | Err(_) => return events,
            Ok(e) => {
                std::hint::black_box(&e);
                events += 1;
            }
        }
    }
}

/// Peak resident set size of this process in KiB (Linux), 0 where unknown.
pub fn peak_rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        })
        .unwrap_or(0)
}
