//! Decodes one response 100 000 times: a steady workload for
//! `valgrind --tool=callgrind target/release/examples/decode_profile [scan|nsscan]`.
//! `scan` runs the bare quick-xml event scan of the same bytes (the floor), `nsscan`
//! the same scan with namespace resolution.

use logmein_rescue::envelope::{decode, encode_response};
use logmein_rescue::{api, SoapVersion};

fn main() {
    let response = api::RequestLensPinCodeV2Response {
        result: api::RequestLensPinCodeRet::Ok,
        pin_code: Some("012345".into()),
    };
    let xml = encode_response::<api::RequestLensPinCodeV2Request>(&response, SoapVersion::Soap11)
        .unwrap_or_default();
    let mut total = 0;
    let mode = std::env::args().nth(1).unwrap_or_default();
    if mode == "scan" || mode == "nsscan" {
        for _ in 0..100_000 {
            let bytes = std::hint::black_box(xml.as_bytes());
            if mode == "scan" {
                let mut r = quick_xml::Reader::from_reader(bytes);
                while !matches!(r.read_event(), Ok(quick_xml::events::Event::Eof) | Err(_)) {
                    total += 1;
                }
            } else {
                let mut r = quick_xml::NsReader::from_reader(bytes);
                while !matches!(
                    r.read_resolved_event(),
                    Ok((_, quick_xml::events::Event::Eof)) | Err(_)
                ) {
                    total += 1;
                }
            }
        }
        println!("{total}");
        return;
    }
    for _ in 0..100_000 {
        if let Ok(r) = decode::<api::RequestLensPinCodeV2Request>(
            std::hint::black_box(xml.as_bytes()),
            SoapVersion::Soap11,
        ) {
            total += r.pin_code.as_ref().map_or(0, String::len);
        }
    }
    println!("{total}");
}
