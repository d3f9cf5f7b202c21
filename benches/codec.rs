//! Encode and decode per operation and SOAP version, beside their floors: a bare
//! quick-xml event scan of the same response bytes, and a memcpy of the request bytes.
//! `cargo bench --bench codec`; `bench/compare.sh` puts the numbers beside zeep's.

#[path = "common/mod.rs"]
mod samples;

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use logmein_rescue::envelope::{decode, encode};
use logmein_rescue::runtime::Operation;
use logmein_rescue::{api, SoapVersion};

fn scan(bytes: &[u8]) -> usize {
    let mut reader = quick_xml::Reader::from_reader(bytes);
    let mut events = 0;
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Eof) | Err(_) => return events,
            Ok(e) => {
                black_box(&e);
                events += 1;
            }
        }
    }
}

fn bench_op<O: Operation + Clone>(c: &mut Criterion, request: O, sample: &samples::Sample) {
    let v = match sample.version {
        SoapVersion::Soap11 => "soap11",
        SoapVersion::Soap12 => "soap12",
    };
    let name = O::META.name;
    let mut g = c.benchmark_group(format!("{name}/{v}"));
    g.bench_function("encode", |b| {
        b.iter(|| encode(black_box(&request), sample.version).map(|e| e.body.len()))
    });
    g.bench_function("decode", |b| {
        b.iter(|| {
            decode::<O>(black_box(sample.response.as_bytes()), sample.version)
                .map(|r| r.unknown_elements().len())
        })
    });
    g.bench_function("scan_floor", |b| {
        b.iter(|| scan(black_box(sample.response.as_bytes())))
    });
    g.bench_function("memcpy_floor", |b| {
        b.iter(|| black_box(sample.request.as_bytes()).to_vec())
    });
    g.finish();
}

fn codec(c: &mut Criterion) {
    for s in samples::all() {
        // Requests are rebuilt from the sample envelopes, so both sides use the same values.
        macro_rules! op {
            ($t:ty) => {{
                let r =
                    logmein_rescue::envelope::decode_request::<$t>(s.request.as_bytes(), s.version)
                        .expect("sample request decodes")
                        .into_inner();
                bench_op::<$t>(c, r, &s)
            }};
        }
        match s.operation {
            "login" => op!(api::LoginRequest),
            "logout" => op!(api::LogoutRequest),
            "requestAuthCode" => op!(api::RequestAuthCodeRequest),
            "requestPINCode" => op!(api::RequestPinCodeRequest),
            "requestPINCodeV3" => op!(api::RequestPinCodeV3Request),
            "requestLensPINCodeV2" => op!(api::RequestLensPinCodeV2Request),
            "requestLensPINCodeV3" => op!(api::RequestLensPinCodeV3Request),
            "generateEmailText" => op!(api::GenerateEmailTextRequest),
            "startSession" => op!(api::StartSessionRequest),
            other => panic!("no bench for {other}"),
        }
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().warm_up_time(Duration::from_millis(300)).measurement_time(Duration::from_secs(1)).sample_size(30);
    targets = codec
}
criterion_main!(benches);
