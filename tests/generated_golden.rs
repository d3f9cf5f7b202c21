//! The code `build.rs` generates (its exact settings: overlay, client methods,
//! blocking methods, registry, service trait) is checked in as
//! `tests/golden/generated/rescue_api.rs`, so a change of the generator or the
//! WSDL shows in review. After an intended change: `BLESS=1 cargo test --all-features
//! --test generated_golden`.

/// The golden is the all-features build (CI's), which adds the blocking methods.
#[cfg(feature = "blocking")]
#[test]
fn build_output_matches_the_checked_in_golden() {
    let generated = include_str!(concat!(env!("OUT_DIR"), "/rescue_api.rs"));
    let golden = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden/generated/rescue_api.rs");
    if std::env::var_os("BLESS").is_some() {
        std::fs::write(&golden, generated).expect("write golden file");
        return;
    }
    let expected = std::fs::read_to_string(&golden)
        .unwrap_or_else(|e| panic!("{}: {e}; run with BLESS=1 to create it", golden.display()));
    assert!(
        expected == generated,
        "build.rs output differs from {}; run with BLESS=1 if the change is intended",
        golden.display()
    );
}

/// The registry lists every operation once, in WSDL order, with both bindings.
#[test]
fn the_registry_lists_every_bound_operation() {
    use logmein_rescue::api::OPERATIONS;
    let names: Vec<&str> = OPERATIONS.iter().map(|o| o.meta.name).collect();
    let wsdl = logmein_rescue::WSDL;
    for name in &names {
        assert!(
            wsdl.contains(&format!("<wsdl:operation name=\"{name}\">")),
            "{name}"
        );
    }
    let bound = wsdl.matches("<soap:operation soapAction=").count();
    assert_eq!(names.len(), bound, "{names:?}");
    assert!(OPERATIONS
        .iter()
        .all(|o| o.meta.soap11_action.is_some() && o.meta.soap12_action.is_some()));
}
