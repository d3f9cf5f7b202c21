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

struct Bench<'c>(&'c mut Criterion);

impl samples::Visit for Bench<'_> {
    fn visit<O: Operation + serde::Serialize>(&mut self, s: &samples::Sample, request: O) {
        let mut g = self.0.benchmark_group(format!(
            "{}/{}",
            s.operation,
            samples::version_tag(s.version)
        ));
        g.bench_function("encode", |b| {
            b.iter(|| encode(black_box(&request), s.version).map(|e| e.body.len()))
        });
        g.bench_function("decode", |b| {
            b.iter(|| {
                decode::<O>(black_box(s.response.as_bytes()), s.version)
                    .map(|r| r.unknown_elements().len())
            })
        });
        g.bench_function("scan_floor", |b| {
            b.iter(|| samples::scan(black_box(s.response.as_bytes())))
        });
        g.bench_function("memcpy_floor", |b| {
            b.iter(|| black_box(s.request.as_bytes()).to_vec())
        });
        g.finish();
    }
}

fn codec(c: &mut Criterion) {
    samples::for_each(&samples::all(), &mut Bench(c));
}

criterion_group! {
    name = benches;
    config = Criterion::default().warm_up_time(Duration::from_millis(300)).measurement_time(Duration::from_secs(1)).sample_size(30);
    targets = codec
}
criterion_main!(benches);
