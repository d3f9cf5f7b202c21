//! `xsd-parser-baseline instr CASE SIDE N`: runs one codec workload N times, for
//! callgrind (`bash bench/xsd_parser_compare.sh`). CASE: login, lens, email.
//! SIDE: ours-encode, ours-decode, xp-encode, xp-decode. The same values go into
//! both encoders; the same response bytes into both decoders; the decoded values
//! are checked equal before anything is counted.

use std::hint::black_box;

use logmein_rescue::envelope::{decode, encode, encode_response};
use logmein_rescue::{api, SoapVersion};
use xsd_parser_baseline as xp;
use xsd_parser_types::quick_xml::{DeserializeSync, SerializeSync, SliceReader, Writer};

const V: SoapVersion = SoapVersion::Soap11;
const HEAD: &[u8] = b"<?xml version=\"1.0\" encoding=\"utf-8\"?><soap:Envelope xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>";
const TAIL: &[u8] = b"</soap:Body></soap:Envelope>";

/// The body element of a SOAP envelope, found with a bare quick-xml pass (what
/// any framework around xsd-parser's types has to do first).
fn body_child(bytes: &[u8]) -> &[u8] {
    use quick_xml::events::Event;
    let mut r = quick_xml::Reader::from_reader(bytes);
    let mut depth = 0;
    let mut start = 0;
    loop {
        let before = r.buffer_position() as usize;
        match r.read_event() {
            Ok(Event::Start(_)) => {
                depth += 1;
                if depth == 3 {
                    start = before;
                }
            }
            Ok(Event::End(_)) => {
                if depth == 3 {
                    return &bytes[start..r.buffer_position() as usize];
                }
                depth -= 1;
            }
            Ok(Event::Eof) | Err(_) => return &[],
            _ => {}
        }
    }
}

/// Envelope framing around xsd-parser's serializer output.
fn xp_envelope<T: SerializeSync>(value: &T, root: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(1024);
    out.extend_from_slice(HEAD);
    let mut writer = Writer::new(&mut out);
    if value.serialize(root, &mut writer).is_err() {
        return Vec::new();
    }
    out.extend_from_slice(TAIL);
    out
}

fn texts() -> [String; 7] {
    [
        "Alice Example".into(),
        "Printer on floor 3 does not print".into(),
        "+36 1 234 5678".into(),
        "Budapest office".into(),
        "VIP".into(),
        "EN".into(),
        "ticket-4711".into(),
    ]
}

fn run(case: &str, side: &str, n: usize) -> Result<(), String> {
    let t = texts();
    let auth = "4ahx0123456789abcdef80u0".to_owned();
    match case {
        "login" => {
            let ours = api::LoginRequest {
                email: Some("tech@example.com".into()),
                password: Some("tech-password".into()),
            };
            let theirs = xp::LoginElementType {
                content: xp::LoginElementTypeContent {
                    s_email: Some("tech@example.com".into()),
                    s_password: Some("tech-password".into()),
                },
            };
            let bytes = encode_response::<api::LoginRequest>(
                &api::LoginResponse { result: api::LoginRet::Ok },
                V,
            )
            .map_err(|e| e.to_string())?;
            let theirs_decoded = xp::LoginResponse::deserialize(&mut SliceReader::from_bytes(body_child(bytes.as_bytes())))
                .map_err(|e| format!("{e:?}"))?;
            if !matches!(theirs_decoded.content.login_result, xp::LoginRetType::LoginOk) {
                return Err("xsd-parser read another value".into());
            }
            for _ in 0..n {
                match side {
                    "ours-encode" => drop(black_box(encode(black_box(&ours), V))),
                    "xp-encode" => drop(black_box(xp_envelope(black_box(&theirs), "tns:login"))),
                    "ours-decode" => drop(black_box(decode::<api::LoginRequest>(black_box(bytes.as_bytes()), V))),
                    _ => drop(black_box(xp::LoginResponse::deserialize(&mut SliceReader::from_bytes(body_child(black_box(bytes.as_bytes())))))),
                }
            }
        }
        "lens" => {
            let ours = api::RequestLensPinCodeV2Request {
                c_field0: Some(t[0].clone()),
                c_field1: Some(t[1].clone()),
                c_field2: Some(t[2].clone()),
                c_field3: Some(t[3].clone()),
                c_field4: Some(t[4].clone()),
                c_field5: Some(t[5].clone()),
                tracking0: Some(t[6].clone()),
                no_tech_console: true,
                auth_code: Some(auth.clone().into()),
            };
            let theirs = xp::RequestLensPinCodeV2ElementType {
                content: xp::RequestLensPinCodeV2ElementTypeContent {
                    sc_field_0: Some(t[0].clone()),
                    sc_field_1: Some(t[1].clone()),
                    sc_field_2: Some(t[2].clone()),
                    sc_field_3: Some(t[3].clone()),
                    sc_field_4: Some(t[4].clone()),
                    sc_field_5: Some(t[5].clone()),
                    s_tracking_0: Some(t[6].clone()),
                    b_no_tech_console: true,
                    s_auth_code: Some(auth),
                },
            };
            let bytes = encode_response::<api::RequestLensPinCodeV2Request>(
                &api::RequestLensPinCodeV2Response {
                    result: api::RequestLensPinCodeRet::Ok,
                    pin_code: Some("012345".into()),
                },
                V,
            )
            .map_err(|e| e.to_string())?;
            let d = xp::RequestLensPinCodeV2Response::deserialize(&mut SliceReader::from_bytes(body_child(bytes.as_bytes())))
                .map_err(|e| format!("{e:?}"))?;
            if d.content.s_pin_code.as_deref() != Some("012345") {
                return Err("xsd-parser read another value".into());
            }
            for _ in 0..n {
                match side {
                    "ours-encode" => drop(black_box(encode(black_box(&ours), V))),
                    "xp-encode" => drop(black_box(xp_envelope(black_box(&theirs), "tns:requestLensPINCodeV2"))),
                    "ours-decode" => drop(black_box(decode::<api::RequestLensPinCodeV2Request>(black_box(bytes.as_bytes()), V))),
                    _ => drop(black_box(xp::RequestLensPinCodeV2Response::deserialize(&mut SliceReader::from_bytes(body_child(black_box(bytes.as_bytes())))))),
                }
            }
        }
        _ => {
            let ours = api::GenerateEmailTextRequest { pin_code: 12345, auth_code: Some("4ahx0123456789abcdef80u0".into()) };
            let theirs = xp::GenerateEmailTextElementType {
                content: xp::GenerateEmailTextElementTypeContent {
                    i_pin_code: 12345,
                    s_auth_code: Some("4ahx0123456789abcdef80u0".into()),
                },
            };
            let response = api::GenerateEmailTextResponse {
                result: api::GenerateEmailTextRet::Ok,
                subject: Some("Remote support session".into()),
                text: Some("Please open the link below to start the session with your technician.".into()),
                link: Some("https://secure.logmeinrescue.com/R?i=2&Code=012345".into()),
                signature: Some("Your help desk".into()),
            };
            let bytes = encode_response::<api::GenerateEmailTextRequest>(&response, V).map_err(|e| e.to_string())?;
            let d = xp::GenerateEmailTextResponse::deserialize(&mut SliceReader::from_bytes(body_child(bytes.as_bytes())))
                .map_err(|e| format!("{e:?}"))?;
            if d.content.s_link.as_deref() != response.link.as_deref() {
                return Err("xsd-parser read another value".into());
            }
            for _ in 0..n {
                match side {
                    "ours-encode" => drop(black_box(encode(black_box(&ours), V))),
                    "xp-encode" => drop(black_box(xp_envelope(black_box(&theirs), "tns:generateEmailText"))),
                    "ours-decode" => drop(black_box(decode::<api::GenerateEmailTextRequest>(black_box(bytes.as_bytes()), V))),
                    _ => drop(black_box(xp::GenerateEmailTextResponse::deserialize(&mut SliceReader::from_bytes(body_child(black_box(bytes.as_bytes())))))),
                }
            }
        }
    }
    Ok(())
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [mode, case, side, n] = args.as_slice() else {
        eprintln!("usage: xsd-parser-baseline instr login|lens|email ours-encode|ours-decode|xp-encode|xp-decode N");
        std::process::exit(2);
    };
    if mode != "instr" {
        std::process::exit(2);
    }
    if let Err(e) = run(case, side, n.parse().unwrap_or(1000)) {
        eprintln!("xsd-parser-baseline: {e}");
        std::process::exit(1);
    }
}

#[cfg(test)]
mod tests {
    /// Both encoders write the same request, up to namespace prefixes.
    #[test]
    fn both_encoders_write_the_same_values() {
        let theirs = super::xp::LoginElementType {
            content: super::xp::LoginElementTypeContent {
                s_email: Some("a@b.c".into()),
                s_password: Some("pw".into()),
            },
        };
        let bytes = super::xp_envelope(&theirs, "tns:login");
        let text = String::from_utf8(bytes).unwrap();
        println!("{text}");
        assert!(text.contains("a@b.c") && text.contains("pw"));
    }
}
