//! Every request type of the API survives envelope → struct → envelope unchanged, in
//! both SOAP versions (responses are covered by `golden_envelopes.rs`).

#[path = "../benches/common/mod.rs"]
mod samples;

use logmein_rescue::envelope::{decode_request, encode};
use logmein_rescue::runtime::Operation;

struct RoundTrip(usize);

impl samples::Visit for RoundTrip {
    fn visit<O: Operation + serde::Serialize>(&mut self, s: &samples::Sample, request: O) {
        let again = encode(&request, s.version).expect("encodes").body;
        assert_eq!(again, s.request, "{} {}", s.operation, s.version);
        let back = decode_request::<O>(again.as_bytes(), s.version)
            .expect("decodes")
            .into_inner();
        assert_eq!(
            serde_json::to_value(&back).unwrap(),
            serde_json::to_value(&request).unwrap()
        );
        self.0 += 1;
    }
}

#[test]
fn every_request_type_round_trips_in_both_versions() {
    let mut visitor = RoundTrip(0);
    samples::for_each(&samples::all(), &mut visitor);
    assert_eq!(visitor.0, 18, "9 operations x 2 SOAP versions");
}
