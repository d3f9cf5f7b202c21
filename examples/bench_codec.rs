//! Codec measurements for `bench/compare.sh` (not a test):
//!
//! * `bench_codec samples DIR`: writes each sample's request and response envelope and
//!   the request as JSON (wire names), for zeep to use the same data;
//! * `bench_codec time`: median encode/decode/floor times per sample, as JSON lines;
//! * `bench_codec instr OP soap11|soap12 decode|scan|nsscan|encode|memcpy N`: runs one
//!   workload N times, for `valgrind --tool=callgrind` (instruction counts are
//!   repeatable on a shared machine, wall time is not).

#[path = "../benches/common/mod.rs"]
mod samples;

use std::hint::black_box;
use std::time::Instant;

use logmein_rescue::envelope::{decode, encode};
use logmein_rescue::runtime::Operation;
use samples::{version_tag, Sample, Visit};

/// Median nanoseconds per call of `f` over 15 batches sized to ~20 ms each.
fn median_ns(mut f: impl FnMut()) -> f64 {
    let start = Instant::now();
    let mut n = 0u32;
    while start.elapsed().as_millis() < 20 {
        f();
        n += 1;
    }
    let mut batches: Vec<f64> = (0..15)
        .map(|_| {
            let t = Instant::now();
            for _ in 0..n {
                f();
            }
            t.elapsed().as_nanos() as f64 / f64::from(n)
        })
        .collect();
    batches.sort_by(f64::total_cmp);
    batches[batches.len() / 2]
}

struct Dump(std::path::PathBuf);
impl Visit for Dump {
    fn visit<O: Operation + serde::Serialize>(&mut self, s: &Sample, request: O) {
        let stem = format!("{}.{}", s.operation, version_tag(s.version));
        let write =
            |ext: &str, text: &str| std::fs::write(self.0.join(format!("{stem}.{ext}")), text);
        let json = serde_json::to_string(&request).unwrap_or_default();
        for (ext, text) in [
            ("request.xml", s.request.as_str()),
            ("response.xml", s.response.as_str()),
            ("kwargs.json", json.as_str()),
        ] {
            if let Err(e) = write(ext, text) {
                eprintln!("bench_codec: {stem}.{ext}: {e}");
                std::process::exit(1);
            }
        }
    }
}

struct Time;
impl Visit for Time {
    fn visit<O: Operation + serde::Serialize>(&mut self, s: &Sample, request: O) {
        let encode_ns = median_ns(|| {
            black_box(
                encode(black_box(&request), s.version)
                    .map(|e| e.body.len())
                    .unwrap_or(0),
            );
        });
        let decode_ns = median_ns(|| {
            black_box(
                decode::<O>(black_box(s.response.as_bytes()), s.version)
                    .map(|r| r.unknown_elements().len())
                    .unwrap_or(0),
            );
        });
        let scan_ns = median_ns(|| {
            black_box(samples::scan(black_box(s.response.as_bytes())));
        });
        let memcpy_ns = median_ns(|| {
            black_box(black_box(s.request.as_bytes()).to_vec());
        });
        let row = serde_json::json!({
            "operation": s.operation,
            "version": version_tag(s.version),
            "encode_ns": encode_ns,
            "decode_ns": decode_ns,
            "scan_ns": scan_ns,
            "memcpy_ns": memcpy_ns,
        });
        println!("{row}");
    }
}

struct Instr {
    operation: String,
    version: String,
    mode: String,
    n: u32,
}
impl Visit for Instr {
    fn visit<O: Operation + serde::Serialize>(&mut self, s: &Sample, request: O) {
        if s.operation != self.operation || version_tag(s.version) != self.version {
            return;
        }
        for _ in 0..self.n {
            match self.mode.as_str() {
                "decode" => drop(black_box(decode::<O>(
                    black_box(s.response.as_bytes()),
                    s.version,
                ))),
                "scan" => drop(black_box(samples::scan(black_box(s.response.as_bytes())))),
                "nsscan" => drop(black_box(samples::ns_scan(black_box(
                    s.response.as_bytes(),
                )))),
                "encode" => drop(black_box(encode(black_box(&request), s.version))),
                _ => drop(black_box(black_box(s.request.as_bytes()).to_vec())),
            }
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let all = samples::all();
    match args.first().map(String::as_str) {
        Some("samples") => {
            let dir = std::path::PathBuf::from(
                args.get(1).map_or("target/bench/samples", String::as_str),
            );
            if let Err(e) = std::fs::create_dir_all(&dir) {
                eprintln!("bench_codec: {}: {e}", dir.display());
                std::process::exit(1);
            }
            samples::for_each(&all, &mut Dump(dir));
        }
        Some("time") => samples::for_each(&all, &mut Time),
        // Operation names from the generated registry, for scripts.
        Some("list") => {
            for entry in logmein_rescue::api::OPERATIONS {
                println!("{}", entry.meta.name);
            }
        }
        Some("instr") if args.len() == 5 => {
            let n = args[4].parse().unwrap_or(10_000);
            samples::for_each(
                &all,
                &mut Instr {
                    operation: args[1].clone(),
                    version: args[2].clone(),
                    mode: args[3].clone(),
                    n,
                },
            );
        }
        _ => {
            eprintln!("usage: bench_codec samples DIR | time | list | instr OP soap11|soap12 decode|scan|nsscan|encode|memcpy N");
            std::process::exit(2);
        }
    }
}
