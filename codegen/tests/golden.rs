//! Golden tests of the generator: each WSDL under `tests/fixtures/` (and the vendored
//! `wsdl/API.asmx.wsdl`) must generate exactly `tests/golden/<name>.rs`. The golden
//! files are also compiled and exercised by the `logmein-rescue` crate's
//! `tests/generated_fixtures.rs`. After an intended change: `BLESS=1 cargo test -p rescue-codegen`.

use std::path::{Path, PathBuf};

fn config() -> rescue_codegen::Config {
    rescue_codegen::Config::new()
        .strip_hungarian_prefixes(true)
        .secret_fields(["sPassword", "sAuthCode", "Token"])
        .auth_field("sAuthCode")
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fixture's overlay, when it has one, is `NAME.overlay.toml` beside it.
fn check_golden(wsdl: &Path, name: &str) {
    let overlay = wsdl.with_extension("overlay.toml");
    if overlay.exists() {
        check_golden_with(config().overlay(overlay), wsdl, name)
    } else {
        check_golden_with(config(), wsdl, name)
    }
}

fn check_golden_with(config: rescue_codegen::Config, wsdl: &Path, name: &str) {
    let generated = config.generate_file(wsdl).unwrap_or_else(|e| panic!("{e}"));
    let golden = root().join("tests/golden").join(format!("{name}.rs"));
    if std::env::var_os("BLESS").is_some() {
        std::fs::write(&golden, &generated).expect("write golden file");
        return;
    }
    let expected = std::fs::read_to_string(&golden)
        .unwrap_or_else(|e| panic!("{}: {e}; run with BLESS=1 to create it", golden.display()));
    assert!(
        expected == generated,
        "{name}: generated code differs from {}; run with BLESS=1 if the change is intended",
        golden.display()
    );
}

/// The vendored WSDL with its overlay, for use from outside the runtime crate
/// (the crate's own build, with client methods, has its golden in
/// `tests/golden/generated/` of the client crate).
#[test]
fn vendored_api_wsdl_matches_golden() {
    check_golden_with(
        rescue_codegen::Config::new()
            .strip_hungarian_prefixes(true)
            .overlay(root().join("../wsdl/API.overlay.toml")),
        &root().join("../wsdl/API.asmx.wsdl"),
        "api_asmx",
    );
}

/// The vendored WSDL with no overlay, as a user who drops in the real WSDL alone
/// gets it; the client crate's tests compile this golden (`generated_fixtures.rs`).
#[test]
fn vendored_api_wsdl_without_overlay_matches_golden() {
    check_golden_with(
        rescue_codegen::Config::new().strip_hungarian_prefixes(true),
        &root().join("../wsdl/API.asmx.wsdl"),
        "api_asmx_bare",
    );
}

/// The real WSDL must build with no overlay at all: no rule of ours is needed.
#[test]
fn vendored_api_wsdl_generates_without_an_overlay() {
    let code = rescue_codegen::Config::new()
        .generate_file(root().join("../wsdl/API.asmx.wsdl"))
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(code.contains("rt::service! {"));
    assert!(
        !code.contains("rt::Pace::new"),
        "no pacing without an overlay"
    );
    assert!(code.contains("pub const SECRET_ELEMENTS: &[&str] = &[];"));
    // Facets and the language enumeration are the overlay's, not the WSDL's.
    assert!(
        !code.contains("rt::Facets {"),
        "no facets without an overlay"
    );
    assert!(!code.contains("enum LanguageCode"));
    assert!(
        code.contains("pub s_lang_code: Option<String>"),
        "sLangCode stays a string"
    );
}

/// `auth_field` alone (without `secret_fields`) used to emit code that did not
/// compile: the credential is now always typed as a secret.
#[test]
fn auth_field_alone_makes_the_field_a_secret() {
    let code = rescue_codegen::Config::new()
        .strip_hungarian_prefixes(true)
        .auth_field("sAuthCode")
        .generate_file(root().join("../wsdl/API.asmx.wsdl"))
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(code.contains("pub auth_code: Option<rt::Secret>"), "{code}");
    // `rt::operation!` implements `auth_code_mut` from this line.
    assert!(code.contains("        auth_code: auth_code,\n"));
}

macro_rules! golden {
    ($($name:ident),*) => {$(
        #[test]
        fn $name() {
            check_golden(&root().join(concat!("tests/fixtures/", stringify!($name), ".wsdl")), stringify!($name));
        }
    )*};
}
golden!(
    nested_arrays,
    guid_import,
    extension,
    reserved_names,
    soap_header,
    empty_input_http,
    soap12_facets,
    unqualified,
    dataset,
    attributes,
    multi_schema,
    choices
);

/// Each broken WSDL fails with one line naming the file, the place and what was expected.
#[test]
fn broken_wsdls_fail_with_a_located_readable_error() {
    let cases = [
        ("truncated", "expected well-formed XML"),
        ("rpc_style", "expected style=\"document\""),
        (
            "missing_message",
            "expected a <message name=\"nopeSoapOut\">",
        ),
        ("unknown_type", "Unknown type"),
        ("encoded", "expected use=\"literal\""),
        ("not_wsdl", "expected root element <definitions>"),
        (
            "no_element",
            "expected a global <element name=\"getSessionz\">",
        ),
        (
            "element_without_name",
            "8:13: expected a `name` or a `ref` on <element>",
        ),
        ("restriction_without_base", "25:9: expected a `base`"),
        (
            "element_in_element",
            "not directly inside another <element>",
        ),
        (
            "list_in_restriction",
            "expected <list> inside a <simpleType>",
        ),
        (
            "type_part",
            "expected part `iNodeID` of message `getSessionsSoapIn` to name an `element`",
        ),
        // At the type that repeats a <choice> (line 46), not at the operation.
        (
            "choice_in_type",
            "46:7: type `TECHNICIAN` has a <choice> alternative that is not an element (a group, `xs:any` or text), which is not supported",
        ),
    ];
    for (name, expected) in cases {
        let path = root().join(format!("tests/fixtures/broken/{name}.wsdl"));
        let err = config().generate_file(&path).expect_err(name);
        let message = err.to_string();
        assert!(message.contains(expected), "{name}: {message}");
        assert!(
            message.starts_with(&path.display().to_string()),
            "{name}: {message}"
        );
        assert!(
            err.line.is_some() && err.column.is_some(),
            "{name} has no position: {message}"
        );
        assert!(
            !message.contains('\n'),
            "{name}: one line expected: {message}"
        );
    }
}

#[test]
fn missing_file_is_an_error_not_a_panic() {
    let err = config()
        .generate_file("does/not/exist.wsdl")
        .expect_err("missing");
    assert!(err.to_string().contains("expected a readable UTF-8 file"));
}

#[test]
fn model_of_vendored_wsdl_has_every_operation_on_both_soap_versions() {
    let path = root().join("../wsdl/API.asmx.wsdl");
    let text = std::fs::read_to_string(&path).expect("vendored WSDL");
    let model = config().model(&path, &text).expect("model");
    let names: Vec<&str> = model
        .operations
        .iter()
        .map(|o| o.wire_name.as_str())
        .collect();
    assert_eq!(
        names,
        [
            "login",
            "logout",
            "requestAuthCode",
            "requestPINCode",
            "requestPINCodeV3",
            "requestLensPINCodeV2",
            "requestLensPINCodeV3",
            "generateEmailText",
            "startSession",
            "requestAuthCodeSSO",
            "getAccount",
            "getAccount_v2",
            "getUser",
            "setUser",
            "getGroup",
            "getHierarchy",
            "requestInvitationLink",
            "getSession",
            "getSession_V3",
            "cancelAction",
            "closeSession",
            "getChat",
            "getNote",
            "setReportArea",
            "setReportArea_v2",
            "getReportArea",
            "setReportDate",
            "setReportDate_v2",
            "getReportDate",
            "setReportTime",
            "getReportTime",
            "setTimezone",
            "getTimezone",
            "setDelimiter",
            "getDelimiter",
            "setOutput",
            "getOutput",
            "getReport",
            "getReport_v2",
        ]
    );
    for op in &model.operations {
        let action = format!(
            "https://secure.logmeinrescue.com/API/API.asmx/{}",
            op.wire_name
        );
        assert_eq!(op.soap11_action.as_deref(), Some(action.as_str()));
        assert_eq!(op.soap12_action.as_deref(), Some(action.as_str()));
        assert!(
            op.result_field.is_some(),
            "{} has a result enum",
            op.wire_name
        );
    }
}

/// `wsdl diff`: each kind of change in one edited copy of the vendored WSDL.
#[test]
fn diff_names_each_change_and_whether_it_breaks() {
    let path = root().join("../wsdl/API.asmx.wsdl");
    let old_text = std::fs::read_to_string(&path).unwrap();
    let new_text = old_text
        // a removed field, an added optional field, a retyped field
        .replace(
            "<s:element minOccurs=\"0\" maxOccurs=\"1\" name=\"sEmail\" type=\"s:string\" />",
            "<s:element minOccurs=\"0\" maxOccurs=\"1\" name=\"sMail\" type=\"s:string\" />",
        )
        .replace(
            "<s:element minOccurs=\"1\" maxOccurs=\"1\" name=\"iSession\" type=\"s:int\" />",
            "<s:element minOccurs=\"1\" maxOccurs=\"1\" name=\"iSession\" type=\"s:long\" />",
        )
        // an added enumeration value, a removed one
        .replace(
            "<s:enumeration value=\"login_GlobalIpRestricted\" />",
            "<s:enumeration value=\"login_Locked\" />",
        );
    let config = rescue_codegen::Config::new();
    let old = config.model(&path, &old_text).unwrap();
    let new = config.model(&path, &new_text).unwrap();
    let changes = rescue_codegen::diff::diff(&old, &new);
    let text: Vec<String> = changes
        .iter()
        .map(|c| format!("{} {}", if c.breaking { "BREAKING" } else { "ok" }, c.what))
        .collect();
    let has = |s: &str| text.iter().any(|t| t == s);
    assert!(has("BREAKING field sEmail of login: removed"), "{text:#?}");
    assert!(
        has("ok field sMail of login: added, string (optional)"),
        "{text:#?}"
    );
    assert!(
        has("BREAKING field iSession of startSession: int → long"),
        "{text:#?}"
    );
    assert!(
        has("ok enumeration loginRet: value login_Locked added"),
        "{text:#?}"
    );
    assert!(
        has("BREAKING enumeration loginRet: value login_GlobalIpRestricted removed"),
        "{text:#?}"
    );
    // Sequence order and SOAPActions are part of the wire.
    let session = "<s:element minOccurs=\"1\" maxOccurs=\"1\" name=\"iSession\" type=\"s:int\" />";
    let node = "<s:element minOccurs=\"1\" maxOccurs=\"1\" name=\"iNode\" type=\"s:int\" />";
    let swapped = old_text
        .replacen(session, "@SESSION@", 1)
        .replacen(node, session, 1)
        .replacen("@SESSION@", node, 1)
        .replacen(
            "soap:operation soapAction=\"https://secure.logmeinrescue.com/API/API.asmx/logout\"",
            "soap:operation soapAction=\"https://secure.logmeinrescue.com/API/API.asmx/logoff\"",
            1,
        );
    let changes = rescue_codegen::diff::diff(&old, &config.model(&path, &swapped).unwrap());
    assert!(
        changes.iter().all(|c| c.breaking) && changes.len() == 2,
        "{changes:#?}"
    );
    assert!(changes[0].what.contains("SOAP 1.1 action") && changes[0].what.contains("logoff"));
    assert!(changes[1].what.contains("fields of startSession: reordered (iSession, iNode, sAuthCode → iNode, iSession, sAuthCode)"), "{changes:#?}");
    // The same WSDL: nothing.
    assert!(rescue_codegen::diff::diff(&old, &old).is_empty());
}
