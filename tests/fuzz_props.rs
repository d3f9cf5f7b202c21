//! The fuzz targets of `fuzz/` as bounded property tests on stable: mutations of
//! the golden envelopes (byte flips, cuts, repeats, deep nesting, attribute
//! floods, stray entities) go through the response decoder, the fault reader and
//! the emulator's request decoder. Each must return, never panic. Seeded, so a
//! failure repeats; `FUZZ_ITERATIONS` runs more.

#[path = "../fuzz/common/mod.rs"]
mod common;

#[path = "../fuzz/common/rng.rs"]
mod rng;
use rng::Rng;

const SNIPPETS: &[&[u8]] = &[
    b"<a>",
    b"</a>",
    b"<x:y xmlns:x=\"urn:q\">",
    b" xmlns=\"\"",
    b" xsi:nil=\"true\"",
    b"&amp;",
    b"&#0;",
    b"&bogus;",
    b"<![CDATA[",
    b"]]>",
    b"<!DOCTYPE x>",
    b"<?pi?>",
    b"\xFF\xFE",
    b"\0",
    b"soap:Fault",
    b"<faultstring>",
    b"<soap:Subcode>",
    b"=\"",
];

fn mutate(rng: &mut Rng, seed: &[u8]) -> Vec<u8> {
    let mut data = seed.to_vec();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(data.len() + 1);
        match rng.below(7) {
            0 => {
                if let Some(b) = data.get_mut(at) {
                    *b ^= 1 << rng.below(8);
                }
            }
            1 => data.truncate(at),
            2 => {
                let end = (at + rng.below(64)).min(data.len());
                data.drain(at..end);
            }
            3 => {
                let s = SNIPPETS[rng.below(SNIPPETS.len())];
                data.splice(at..at, s.iter().copied());
            }
            4 => {
                // Deep nesting: beyond the depth limit, or just under it.
                let depth = [10, 63, 70, 5000][rng.below(4)];
                let mut nest = b"<n>".repeat(depth);
                nest.extend(b"</n>".repeat(depth));
                data.splice(at..at, nest);
            }
            5 => {
                let attrs: Vec<u8> = (0..rng.below(200))
                    .flat_map(|i| format!(" xmlns:p{i}=\"urn:{i}\"").into_bytes())
                    .collect();
                if let Some(gt) = data.iter().position(|b| *b == b'>') {
                    data.splice(gt..gt, attrs);
                }
            }
            _ => {
                let end = (at + rng.below(200)).min(data.len());
                let copy = data[at..end].to_vec();
                data.splice(at..at, copy);
            }
        }
    }
    data
}

fn corpus(dir: &str) -> Vec<Vec<u8>> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    files.sort();
    files
        .iter()
        .map(|p| std::fs::read(p).unwrap())
        // The golden files start with a comment line or two; keep the XML.
        .map(|b| match b.windows(5).position(|w| w == b"<?xml") {
            Some(i) => b[i..].to_vec(),
            None => b,
        })
        .collect()
}

fn iterations(default: usize) -> usize {
    std::env::var("FUZZ_ITERATIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

#[test]
fn response_decoder_and_fault_reader_survive_mutations() {
    let seeds = corpus("tests/golden/responses");
    assert!(seeds.len() >= 10);
    let mut rng = Rng(0x5EED_0001);
    for _ in 0..iterations(400) {
        let seed = &seeds[rng.below(seeds.len())];
        let data = mutate(&mut rng, seed);
        common::decode_response(&data);
        common::fault(&data[..data.len().min(2000)]);
    }
}

#[tokio::test]
async fn emulator_request_decoder_survives_mutations() {
    let seeds = corpus("tests/golden/requests");
    let emulator = rescue_emulator::Emulator::default();
    let mut rng = Rng(0x5EED_0002);
    for _ in 0..iterations(300) {
        let seed = &seeds[rng.below(seeds.len())];
        let data = mutate(&mut rng, seed);
        common::emulator_request(&emulator, &data).await;
    }
}

/// Mutated answers decode the same whether their envelope is taken as read (an
/// exact ASMX frame) or read tag by tag (the same bytes with `utf-8` spelled
/// `UTF-8` in the XML declaration, which the frame does not match): the same value
/// and unknown elements, or the same error at the same byte. Malformed bodies may
/// be reported with other words (the end of the body stands for its end tags),
/// but are refused both ways.
#[test]
fn answers_decode_the_same_with_their_envelope_taken_as_read() {
    use logmein_rescue::{api, SoapVersion};
    let seeds = corpus("tests/golden/responses");
    let mut rng = Rng(0x5EED_0003);
    let declaration = b"<?xml version=\"1.0\" encoding=\"utf-8\"?>";
    let (runs, mut framed) = (iterations(400), 0);
    for _ in 0..runs {
        let seed = &seeds[rng.below(seeds.len())];
        let data = mutate(&mut rng, seed);
        if !data.starts_with(declaration) {
            continue;
        }
        if data
            .trim_ascii_end()
            .ends_with(b"</soap:Body></soap:Envelope>")
        {
            framed += 1;
        }
        let mut tag_by_tag = data.clone();
        tag_by_tag[30..35].copy_from_slice(b"UTF-8");
        for entry in api::OPERATIONS {
            for version in [SoapVersion::Soap11, SoapVersion::Soap12] {
                let framed = (entry.decode_response)(&data, version);
                let plain = (entry.decode_response)(&tag_by_tag, version);
                let show = |d: &[u8]| String::from_utf8_lossy(d).into_owned();
                match (framed, plain) {
                    (Ok(a), Ok(b)) => {
                        assert_eq!(format!("{a:?}"), format!("{b:?}"), "{}", show(&data))
                    }
                    (Err(a), Err(b)) => {
                        let (a, b) = (a.to_string(), b.to_string());
                        if !(a.starts_with("malformed XML") && b.starts_with("malformed XML")) {
                            assert_eq!(a, b, "{}", show(&data));
                        }
                    }
                    (a, b) => panic!("{a:?} / {b:?}: {}", show(&data)),
                }
            }
        }
    }
    // Most mutations leave the frame whole: the fast path is what is compared.
    assert!(framed * 4 > runs, "{framed} of {runs} kept the frame");
}
