//! Decoding pathological responses (not a test): for each shape and size, the time
//! per input byte and the process's peak memory, to show the decoder is linear and
//! bounded. Each case runs in a child process so that peak memory is its own.
//!
//!     cargo run --release --example bench_hostile          # a Markdown table
//!     bench_hostile one SHAPE BYTES                         # one case, JSON

#[path = "../benches/common/mod.rs"]
mod samples;

use std::time::Instant;

use logmein_rescue::envelope::decode;
use logmein_rescue::{api, SoapVersion};

const SHAPES: &[&str] = &[
    "deep_body",
    "deep_header",
    "deep_fault",
    "many_attributes",
    "many_xmlns",
    "long_text",
    "many_siblings",
    "many_unknown_subtrees",
];
const SIZES: &[usize] = &[1 << 10, 16 << 10, 256 << 10, 4 << 20, 16 << 20];

const OPEN: &str = "<?xml version=\"1.0\" encoding=\"utf-8\"?><soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\">";
const RESPONSE: &str = "<requestLensPINCodeV2Response xmlns=\"https://secure.logmeinrescue.com/API/API.asmx\"><requestLensPINCodeV2Result>requestPINCode_OK</requestLensPINCodeV2Result>";

/// `unit` repeated until the document is about `bytes` long, between `head` and `tail`.
fn fill(head: &str, unit: &str, closing: &str, tail: &str, bytes: usize) -> String {
    let n = bytes.saturating_sub(head.len() + tail.len()) / (unit.len() + closing.len()).max(1);
    let mut doc = String::with_capacity(bytes + 64);
    doc.push_str(head);
    for _ in 0..n {
        doc.push_str(unit);
    }
    for _ in 0..n {
        doc.push_str(closing);
    }
    doc.push_str(tail);
    doc
}

fn document(shape: &str, bytes: usize) -> String {
    let body_head = format!("{OPEN}<soap:Body>{RESPONSE}");
    let body_tail = "</requestLensPINCodeV2Response></soap:Body></soap:Envelope>";
    match shape {
        "deep_body" => fill(&body_head, "<u>", "</u>", body_tail, bytes),
        "deep_header" => fill(
            &format!("{OPEN}<soap:Header>"),
            "<h>",
            "</h>",
            &format!("</soap:Header><soap:Body>{RESPONSE}{body_tail}"),
            bytes,
        ),
        "deep_fault" => fill(
            &format!("{OPEN}<soap:Body><soap:Fault><faultcode>soap:Server</faultcode><detail>"),
            "<d>",
            "</d>",
            "</detail></soap:Fault></soap:Body></soap:Envelope>",
            bytes,
        ),
        "many_attributes" => fill(
            &format!("{OPEN}<soap:Body><requestLensPINCodeV2Response xmlns=\"https://secure.logmeinrescue.com/API/API.asmx\""),
            " a=\"1\"",
            "",
            &format!("><requestLensPINCodeV2Result>requestPINCode_OK</requestLensPINCodeV2Result>{body_tail}"),
            bytes,
        ),
        "many_xmlns" => fill(
            &format!("{OPEN}<soap:Body><requestLensPINCodeV2Response xmlns=\"https://secure.logmeinrescue.com/API/API.asmx\""),
            " xmlns:p=\"urn:p\"", // the same prefix again: a duplicate
            "",
            &format!("><requestLensPINCodeV2Result>requestPINCode_OK</requestLensPINCodeV2Result>{body_tail}"),
            bytes,
        ),
        "long_text" => fill(
            &format!("{body_head}<sPINCode>"),
            "0",
            "",
            &format!("</sPINCode>{body_tail}"),
            bytes,
        ),
        "many_siblings" => fill(&body_head, "<x>1</x>", "", body_tail, bytes),
        _ => fill(&body_head, "<x><y a=\"b\">1</y><z/></x>", "", body_tail, bytes),
    }
}

fn one(shape: &str, bytes: usize) {
    let doc = document(shape, bytes);
    let runs = (64 << 20) / doc.len().max(1) + 1;
    let started = Instant::now();
    let mut outcome = String::new();
    for _ in 0..runs {
        let result =
            decode::<api::RequestLensPinCodeV2Request>(doc.as_bytes(), SoapVersion::Soap11);
        outcome = match result {
            Ok(r) => format!("ok, {} unknown", r.unknown_elements().len()),
            Err(e) => e.to_string().chars().take(60).collect(),
        };
    }
    let ns_per_byte = started.elapsed().as_nanos() as f64 / (runs * doc.len()) as f64;
    println!(
        "{{\"shape\":\"{shape}\",\"bytes\":{},\"ns_per_byte\":{ns_per_byte:.3},\"peak_rss_kib\":{},\"outcome\":{:?}}}",
        doc.len(),
        samples::peak_rss_kib(),
        outcome
    );
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let [mode, shape, bytes] = args.as_slice() {
        if mode == "one" {
            one(shape, bytes.parse().unwrap_or(1024));
            return;
        }
    }
    let Ok(me) = std::env::current_exe() else {
        eprintln!("bench_hostile: cannot find its own executable");
        std::process::exit(1);
    };
    println!("| shape | input | ns / byte | peak RSS | ≤ 4 × input + 16 MiB? | outcome |");
    println!("|---|---:|---:|---:|---|---|");
    for shape in SHAPES {
        for bytes in SIZES {
            let out = std::process::Command::new(&me)
                .args(["one", shape, &bytes.to_string()])
                .output();
            let Ok(out) = out else { continue };
            let line = String::from_utf8_lossy(&out.stdout);
            let field = |name: &str| -> String {
                line.split(&format!("\"{name}\":"))
                    .nth(1)
                    .map(|r| {
                        r.split([',', '}'])
                            .next()
                            .unwrap_or("")
                            .trim_matches('"')
                            .to_owned()
                    })
                    .unwrap_or_default()
            };
            let input: f64 = field("bytes").parse().unwrap_or(0.0);
            let peak_kib: f64 = field("peak_rss_kib").parse().unwrap_or(0.0);
            let ok = peak_kib * 1024.0 <= 4.0 * input + 16.0 * 1024.0 * 1024.0;
            let outcome = line
                .split("\"outcome\":")
                .nth(1)
                .unwrap_or("")
                .trim()
                .trim_end_matches('}');
            println!(
                "| {shape} | {:.0} KiB | {} | {:.1} MiB | {} | {} |",
                input / 1024.0,
                field("ns_per_byte"),
                peak_kib / 1024.0,
                if ok { "yes" } else { "no" },
                outcome
            );
        }
    }
}
