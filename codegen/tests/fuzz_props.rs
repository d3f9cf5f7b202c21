//! The generator fuzz target of `fuzz/` as a bounded property test on stable:
//! mutated WSDLs (lines dropped or repeated, attributes cut, names blanked,
//! elements nested) must give code or a located error, never a panic. Seeded;
//! `FUZZ_ITERATIONS` runs more.

use std::path::Path;

#[path = "../../fuzz/common/rng.rs"]
mod rng;
use rng::Rng;

/// Edits that keep the XML mostly well-formed, so the schema layers are reached.
fn mutate(rng: &mut Rng, wsdl: &str) -> String {
    let mut lines: Vec<String> = wsdl.lines().map(str::to_owned).collect();
    for _ in 0..1 + rng.below(3) {
        let i = rng.below(lines.len());
        match rng.below(8) {
            0 => {
                lines.remove(i);
            }
            1 => {
                let l = lines[i].clone();
                lines.insert(i, l);
            }
            2 => lines[i] = lines[i].replace(" name=\"", " nome=\""),
            3 => lines[i] = lines[i].replace(" base=\"", " bose=\""),
            4 => lines[i] = lines[i].replace(" type=\"", " ref=\""),
            5 => lines[i] = lines[i].replace("s:string", "s:nosuchtype"),
            6 => {
                lines[i] =
                    lines[i].replace("/>", "><s:element name=\"x\" type=\"s:int\" /></s:element>")
            }
            _ => lines[i] = lines[i].replace("s:sequence", "s:choice"),
        }
    }
    lines.join("\n")
}

#[test]
fn generator_survives_mutated_wsdls() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut seeds = vec![std::fs::read_to_string(root.join("../wsdl/API.asmx.wsdl")).unwrap()];
    for entry in std::fs::read_dir(root.join("tests/fixtures"))
        .unwrap()
        .flatten()
    {
        if entry.path().extension().is_some_and(|e| e == "wsdl") {
            seeds.push(std::fs::read_to_string(entry.path()).unwrap());
        }
    }
    let iterations = std::env::var("FUZZ_ITERATIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(150);
    let mut rng = Rng(0x5EED_0003);
    let mut errors = 0;
    for _ in 0..iterations {
        let seed = &seeds[rng.below(seeds.len())];
        let wsdl = mutate(&mut rng, seed);
        match rescue_codegen::Config::new().generate_str(Path::new("fuzz.wsdl"), &wsdl) {
            Ok(code) => assert!(code.contains("@generated")),
            Err(e) => {
                errors += 1;
                assert!(e.to_string().starts_with("fuzz.wsdl"), "not located: {e}");
            }
        }
    }
    // The mutations must reach the error paths, or the test proves little.
    assert!(
        errors > iterations / 10,
        "only {errors} errors in {iterations}"
    );
}
