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
