//! The code `build.rs` generates (its exact settings: overlay, client methods,
//! blocking methods, registry, service trait) is checked in as
//! `tests/golden/generated/` (`rescue_api.rs` and its module files), so a change of the generator or the
//! WSDL shows in review. After an intended change: `BLESS=1 cargo test --all-features
//! --test generated_golden`.

/// The golden is the all-features build (CI's), which adds the blocking methods:
/// the top file and every module file beside it, as `build.rs` writes them.
#[cfg(feature = "blocking")]
#[test]
fn build_output_matches_the_checked_in_golden() {
    use std::path::Path;
    let out = Path::new(env!("OUT_DIR"));
    let golden = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/generated");
    let modules = "rescue_api_modules";
    let list = |dir: &Path| -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir.join(modules))
            .map(|entries| {
                entries
                    .flatten()
                    .map(|e| format!("{modules}/{}", e.file_name().to_string_lossy()))
                    .collect()
            })
            .unwrap_or_default();
        names.sort();
        names.insert(0, "rescue_api.rs".into());
        names
    };
    let generated = list(out);
    if std::env::var_os("BLESS").is_some() {
        let _ = std::fs::remove_dir_all(golden.join(modules));
        std::fs::create_dir_all(golden.join(modules)).expect("create golden folder");
        for name in &generated {
            std::fs::copy(out.join(name), golden.join(name)).expect("write golden file");
        }
        return;
    }
    assert_eq!(
        list(&golden),
        generated,
        "build.rs writes other files than {}; run with BLESS=1 if the change is intended",
        golden.display()
    );
    for name in &generated {
        let expected = std::fs::read_to_string(golden.join(name))
            .unwrap_or_else(|e| panic!("{name}: {e}; run with BLESS=1 to create it"));
        let actual = std::fs::read_to_string(out.join(name)).expect("read build output");
        assert!(
            expected == actual,
            "build.rs output {name} differs from the golden; run with BLESS=1 if the change is intended",
        );
    }
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
