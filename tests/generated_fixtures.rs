//! The generator's golden outputs compile against the runtime, and every generated
//! type survives a trip through the XML writer and reader.

#![allow(missing_docs, dead_code)]

use logmein_rescue::runtime::{from_xml, to_xml, Validate, Validator, XmlType};

/// The fixtures (from their goldens) and their sample requests, shared with
/// `examples/cross_check_samples.rs`.
#[path = "support/fixtures.rs"]
mod fixtures;
use fixtures::{
    attributes, choices, dataset, empty_input_http, extension, guid_import, multi_schema,
    nested_arrays, reserved_names, soap12_facets, soap_header, unqualified,
};

mod api_asmx {
    include!("../codegen/tests/golden/api_asmx.rs");
}
/// The vendored WSDL generated with no overlay: it compiles, and reads the live
/// service's getSession_V3 answer with no rule of ours.
mod api_asmx_bare {
    include!("../codegen/tests/golden/api_asmx_bare.rs");
}

#[test]
fn the_wsdl_alone_reads_a_live_get_session_v3_answer() {
    let xml = "<getSession_V3Response xmlns=\"https://secure.logmeinrescue.com/API/API.asmx\">\
        <getSession_V3Result>getSession_OK</getSession_V3Result><aSessions><SESSION_V3>\
        <iID>1053624838</iID><bStatus>SESSION_WAITING</bStatus><sStatus>Waiting</sStatus>\
        <iEntry>0</iEntry><sEntry/><iTechnician>26054541</iTechnician><sTechnician>Tech One</sTechnician>\
        <sStartTime>2/19/2024 2:36:37 PM</sStartTime><iWaitingTimeInSec>35</iWaitingTimeInSec>\
        <sCustomField0>Session for ticket #215</sCustomField0><sCustomField1>215</sCustomField1>\
        <sCustomField2/><sCustomField3/><sCustomField4/><sCustomField5/><sLanguage>en</sLanguage>\
        <sTransferredTo/><sTransferredComment/><bIsLead>true</bIsLead><bHandingOff>false</bHandingOff>\
        </SESSION_V3></aSessions></getSession_V3Response>";
    let (v, unknown) = from_xml::<api_asmx_bare::GetSessionV3Response>(xml).unwrap();
    assert!(unknown.is_empty(), "{unknown:?}");
    assert_eq!(v.result, api_asmx_bare::GetSessionRet::Ok);
    let sessions = v.sessions.unwrap().session_v3;
    let s = sessions[0].as_ref().unwrap();
    assert_eq!(s.b_status, api_asmx_bare::SessionStatus::Waiting);
    assert_eq!(s.s_entry.as_deref(), Some(""));
    assert!(s.is_lead && !s.handing_off);
}

fn round_trip<T: XmlType + PartialEq + std::fmt::Debug>(name: &'static str, value: &T) -> String {
    let xml = to_xml(name, value).expect("encodes");
    let (back, unknown) = from_xml::<T>(&xml).unwrap_or_else(|e| panic!("{e}\n{xml}"));
    assert_eq!(&back, value, "{xml}");
    assert!(unknown.is_empty(), "{unknown:?}");
    xml
}

#[test]
fn nested_types_arrays_nillable_and_scalars_round_trip() {
    use nested_arrays::*;
    let tech = Technician {
        name: Some("Tech <&> \"1\"".into()),
        node_id: 7,
        manager: Some(Box::new(Technician {
            name: None,
            node_id: 1,
            manager: None,
        })),
    };
    let session = SessionV3 {
        id: 9_000_000_000,
        status: Some("Waiting ]]> done".into()),
        dt_start: logmein_rescue::runtime::DateTime::new("2026-11-22T14:46:00Z").unwrap(),
        dt_end: None,
        rating: 4.5,
        cost: logmein_rescue::runtime::Decimal::new("-12.50").unwrap(),
        data: Some(logmein_rescue::runtime::Base64Binary(vec![0, 1, 2, 255])),
        active: true,
        tech: Some(tech),
        tag: vec!["a".into(), "b".into()],
    };
    let response = GetSessionsResponse {
        result: GetSessionsRet::Ok,
        sessions: Some(ArrayOfSessionV3 {
            session_v3: vec![Some(session.clone()), None],
        }),
    };
    let xml = round_trip("getSessionsResponse", &response);
    assert!(xml.contains("<dtEnd xsi:nil=\"true\""), "{xml}");
    assert!(xml.contains("<bData>AAEC/w==</bData>"), "{xml}");
    // serde JSON uses wire names and round-trips too.
    let json = serde_json::to_string(&response).unwrap();
    assert!(
        json.contains("\"getSessionsResult\":\"getSessions_OK\""),
        "{json}"
    );
    let back: GetSessionsResponse = serde_json::from_str(&json).unwrap();
    assert_eq!(back, response);
}

#[test]
fn strings_with_markup_non_ascii_and_cr_round_trip() {
    let request = api_asmx::LoginRequest {
        email: Some("a<b>&c\"'d ]]> é 日本 😀 \r\n\t".into()),
        password: Some("".into()),
    };
    round_trip("login", &request);
}

#[test]
fn forbidden_control_characters_are_an_error_not_a_broken_document() {
    for bad in ["\u{0}", "\u{1}", "x\u{1F}y", "\u{FFFE}", "\u{FFFF}"] {
        let request = api_asmx::LoginRequest {
            email: Some(bad.into()),
            password: None,
        };
        let err = to_xml("login", &request).expect_err("refused");
        assert_eq!(err.field, "login/sEmail");
        assert_eq!(err.rule, "XML 1.0 characters");
    }
}

#[test]
fn guid_from_imported_schema_is_checked_by_pattern() {
    use guid_import::*;
    let ok = GetUserRequest {
        user_id: "0f8fad5b-d9cb-469f-a165-70867728950e".into(),
        initial: 65,
        hash: Some("0aFF".into()),
        timeout: Some("P1DT2H30.5S".into()),
    };
    round_trip("getUser", &ok);
    assert!(ok.validate(&mut Validator::new()).is_ok());
    let bad = GetUserRequest {
        user_id: "not-a-guid".into(),
        ..ok.clone()
    };
    let err = bad.validate(&mut Validator::new()).unwrap_err();
    assert_eq!(err.field, "gUserID");
    assert!(err.rule.starts_with("pattern "));
    // `hexBinary` and `duration` are strings checked by their XSD lexical rules.
    for (hash, timeout, field) in [
        ("0a1", "PT1S", "bHash"),
        ("zz", "PT1S", "bHash"),
        ("00", "P", "tTimeout"),
        ("00", "PT", "tTimeout"),
        ("00", "P1DT", "tTimeout"),
        ("00", "1D", "tTimeout"),
    ] {
        let bad = GetUserRequest {
            hash: Some(hash.into()),
            timeout: Some(timeout.into()),
            ..ok.clone()
        };
        let err = bad.validate(&mut Validator::new()).unwrap_err();
        assert_eq!(err.field, field, "{hash} {timeout}");
    }
    for timeout in ["-P1Y2M3DT4H5M6S", "PT0.5S", "P7D"] {
        let fine = GetUserRequest {
            timeout: Some(timeout.into()),
            ..ok.clone()
        };
        assert!(fine.validate(&mut Validator::new()).is_ok(), "{timeout}");
    }
}

#[test]
fn extension_flattens_base_fields_first() {
    use extension::*;
    let request = SetUserRequest {
        user: Some(Admin {
            name: Some("n".into()),
            email: None,
            level: 3,
        }),
        guest: Some(Guest {
            name: Some("g".into()),
            email: None,
        }),
        type_: Access::Read2,
        self_: Some("a".into()),
        self_2: Some("b".into()),
    };
    let xml = round_trip("setUser", &request);
    assert!(
        xml.contains("<oUser><sName>n</sName><iLevel>3</iLevel></oUser>"),
        "{xml}"
    );
    // An empty extension is its base; keyword names and names that collide
    // after case conversion keep their own wire names.
    assert!(
        xml.contains(
            "<oGuest><sName>g</sName></oGuest><type>Read</type><self>a</self><Self>b</Self>"
        ),
        "{xml}"
    );
    // Enumeration values that differ only in case stay apart.
    let values: Vec<&str> = [Access::Read, Access::Read2, Access::Read3]
        .iter()
        .map(|a| a.as_str())
        .collect();
    assert_eq!(values, ["read", "Read", "READ"]);
    assert_eq!("READ".parse::<Access>(), Ok(Access::Read3));
}

/// Names the prelude or the generated module already uses get a `_` (or a
/// number, for the service trait's name); the wire keeps the schema's names.
#[test]
fn schema_names_that_rust_or_the_module_use_are_renamed_not_shadowed() {
    use reserved_names::*;
    let request = CheckRequest {
        result: Some(Result_ {
            option: Some("o".into()),
        }),
        service: Some(SvcService2 {
            url: Some("u".into()),
        }),
        namespace: Some("ns".into()),
        kind: Kind::Self_,
    };
    let xml = round_trip("Check", &request);
    assert!(
        xml.contains(
            "<oResult><Option>o</Option></oResult><oService><sUrl>u</sUrl></oService>\
             <sNamespace>ns</sNamespace><eKind>Self</eKind>"
        ),
        "{xml}"
    );
    assert_eq!(NAMESPACE_.max_length, Some(16));
    assert_eq!(NAMESPACE, "http://example.com/reserved");
    // `Result` in signatures is still the prelude's.
    let parsed: std::result::Result<Kind, _> = "Other".parse();
    assert_eq!(parsed, Ok(Kind::Other));
}

#[test]
fn header_fields_are_not_written_into_the_body() {
    use soap_header::*;
    let request = PingRequest {
        text: Some("hi".into()),
        auth_header: Some(AuthHeader {
            token: Some("t0k".into()),
        }),
    };
    let xml = to_xml("ping", &request).unwrap();
    assert!(!xml.contains("t0k"), "{xml}");
    assert!(!format!("{:?}", request.auth_header).contains("t0k"));
}

#[test]
fn empty_requests_and_responses_round_trip() {
    use empty_input_http::*;
    round_trip("reset", &ResetRequest {});
    round_trip("resetResponse", &ResetResponse {});
    round_trip(
        "getVersionResponse",
        &GetVersionResponse {
            get_version_result: Some("1.0".into()),
        },
    );
    let (v, _) =
        from_xml::<ResetResponse>("<resetResponse xmlns=\"http://example.com/empty\"/>").unwrap();
    assert_eq!(v, ResetResponse {});
}

#[test]
fn facets_from_the_schema_are_enforced_with_field_rule_and_problem() {
    use soap12_facets::*;
    let ok = SetCodeRequest {
        code: Some("AB12".into()),
        percent: 100,
        mode: Some(Mode::PtBr),
        amount: Some(logmein_rescue::runtime::Decimal::new("1234.56").unwrap()),
        ratio: Some(0.5),
        rights: vec![RightsItem::Read, RightsItem::Write].into(),
    };
    assert!(ok.validate(&mut Validator::new()).is_ok());
    let xml = round_trip("setCode", &ok);
    // An `xs:list` of an enumeration ([Flags] in .NET): typed items, one element.
    assert!(xml.contains("<eRights>Read Write</eRights>"), "{xml}");
    let cases: Vec<(SetCodeRequest, &str, &str)> = vec![
        (
            SetCodeRequest {
                code: Some("A".into()),
                ..ok.clone()
            },
            "sCode",
            "minLength 2",
        ),
        (
            SetCodeRequest {
                code: Some("ABCDEFGHI".into()),
                ..ok.clone()
            },
            "sCode",
            "maxLength 8",
        ),
        (
            SetCodeRequest {
                code: Some("ab".into()),
                ..ok.clone()
            },
            "sCode",
            "pattern [A-Z]+[0-9]*",
        ),
        (
            SetCodeRequest {
                percent: 101,
                ..ok.clone()
            },
            "iPercent",
            "maxExclusive 101",
        ),
        (
            SetCodeRequest {
                percent: -1,
                ..ok.clone()
            },
            "iPercent",
            "minInclusive 0",
        ),
        (
            SetCodeRequest {
                amount: Some(logmein_rescue::runtime::Decimal::new("123456.7").unwrap()),
                ..ok.clone()
            },
            "mAmount",
            "totalDigits 6",
        ),
        (
            SetCodeRequest {
                amount: Some(logmein_rescue::runtime::Decimal::new("1.234").unwrap()),
                ..ok.clone()
            },
            "mAmount",
            "fractionDigits 2",
        ),
        (
            SetCodeRequest {
                mode: Some(Mode::Unknown("xx".into())),
                ..ok.clone()
            },
            "sMode",
            "enumeration mode",
        ),
        (
            SetCodeRequest {
                rights: vec![RightsItem::Read, RightsItem::Unknown("Delete".into())].into(),
                ..ok.clone()
            },
            "eRights",
            "enumeration rightsItem",
        ),
    ];
    for (request, field, rule) in cases {
        let err = request
            .validate(&mut Validator::new())
            .err()
            .unwrap_or_else(|| panic!("{field} / {rule} was accepted"));
        assert_eq!(
            (err.field.as_str(), err.rule.as_str()),
            (field, rule),
            "{err}"
        );
    }
}

#[test]
fn enums_keep_wire_spelling_and_unknown_values() {
    use soap12_facets::Mode;
    assert_eq!(Mode::PtBr.to_string(), "pt-br");
    assert_eq!("2fa".parse::<Mode>().unwrap(), Mode::T2fa);
    assert_eq!(Mode::from_wire("Unknown"), Mode::Unknown_);
    assert_eq!(Mode::from_wire(""), Mode::Empty);
    // A PascalCase value names its variant as is, with no self-alias.
    assert_eq!(Mode::from_wire("Business"), Mode::Business);
    assert_eq!(
        Mode::from_wire("new-value"),
        Mode::Unknown("new-value".into())
    );
    let (v, _) = from_xml::<soap12_facets::SetCodeResponse>(
        "<setCodeResponse xmlns=\"http://example.com/facets\"><setCodeResult>later</setCodeResult></setCodeResponse>",
    )
    .unwrap();
    assert_eq!(v.result, Mode::Unknown("later".into()));
}

#[test]
fn unknown_elements_are_returned_not_dropped() {
    let xml = "<loginResponse xmlns=\"https://secure.logmeinrescue.com/API/API.asmx\">\
        <loginResult>login_OK</loginResult><sNewField a=\"1\">x<b/></sNewField>\
        <other xmlns=\"urn:x\">y</other></loginResponse>";
    let (v, unknown) = from_xml::<api_asmx::LoginResponse>(xml).unwrap();
    assert_eq!(v.result, api_asmx::LoginRet::Ok);
    let names: Vec<&str> = unknown.iter().map(|u| u.name.as_str()).collect();
    assert_eq!(names, ["sNewField", "other"]);
    assert_eq!(unknown[0].xml, "<sNewField a=\"1\">x<b/></sNewField>");
    assert_eq!(unknown[1].namespace, "urn:x");
}

#[test]
fn missing_required_and_bad_values_name_the_element() {
    let ns = "xmlns=\"https://secure.logmeinrescue.com/API/API.asmx\"";
    let err = from_xml::<api_asmx::RequestPinCodeResponse>(&format!(
        "<r {ns}><requestPINCodeResult>requestPINCode_OK</requestPINCodeResult></r>"
    ))
    .unwrap_err();
    assert_eq!(err.to_string(), "required element `r/iPINCode` is missing");
    let err = from_xml::<api_asmx::RequestPinCodeResponse>(&format!(
        "<r {ns}><requestPINCodeResult>requestPINCode_OK</requestPINCodeResult><iPINCode>12x</iPINCode></r>"
    ))
    .unwrap_err();
    assert!(err.to_string().contains("r/iPINCode"), "{err}");
}

#[test]
fn secrets_are_redacted_in_debug() {
    let request = api_asmx::LoginRequest {
        email: Some("me@example.com".into()),
        password: Some("hunter2".into()),
    };
    let debug = format!("{request:?}");
    assert!(
        !debug.contains("hunter2") && debug.contains("me@example.com"),
        "{debug}"
    );
    let response = api_asmx::RequestAuthCodeResponse {
        result: api_asmx::RequestAuthCodeRet::Ok,
        auth_code: Some("SECRETCODE".into()),
    };
    assert!(!format!("{response:?}").contains("SECRETCODE"));
}

#[test]
fn namespaces_are_resolved_by_uri_whatever_the_prefixes() {
    const NS: &str = "https://secure.logmeinrescue.com/API/API.asmx";
    // Prefixed children, a prefix declared on the root.
    let xml = format!("<a:r xmlns:a=\"{NS}\"><a:requestLensPINCodeV2Result>requestPINCode_OK</a:requestLensPINCodeV2Result><a:sPINCode>012345</a:sPINCode></a:r>");
    let (v, unknown) = from_xml::<api_asmx::RequestLensPinCodeV2Response>(&xml).unwrap();
    assert_eq!(v.pin_code.as_deref(), Some("012345"));
    assert!(unknown.is_empty());
    // A child that redeclares the default namespace to another URI is not ours; one
    // that undeclares it (xmlns="") neither; an empty element's declaration applies
    // to it alone.
    let xml = format!(
        "<r xmlns=\"{NS}\"><sPINCode xmlns=\"urn:other\">x</sPINCode><x xmlns=\"\"/><y xmlns:q=\"urn:q\"/><requestLensPINCodeV2Result>requestPINCode_OK</requestLensPINCodeV2Result><sPINCode>1</sPINCode></r>"
    );
    let (v, unknown) = from_xml::<api_asmx::RequestLensPinCodeV2Response>(&xml).unwrap();
    assert_eq!(v.pin_code.as_deref(), Some("1"));
    let found: Vec<(&str, &str)> = unknown
        .iter()
        .map(|u| (u.namespace.as_str(), u.name.as_str()))
        .collect();
    assert_eq!(found, [("urn:other", "sPINCode"), ("", "x"), (NS, "y")]);
    // An undeclared prefix is malformed.
    let err =
        from_xml::<api_asmx::LogoutResponse>("<r><zz:logoutResult>logout_OK</zz:logoutResult></r>")
            .unwrap_err();
    assert!(
        err.to_string().contains("undeclared namespace prefix `zz`"),
        "{err}"
    );
}

#[test]
fn xsi_nil_is_recognised_by_namespace_not_prefix() {
    use nested_arrays::*;
    let ns = "http://example.com/nested";
    let session = |end: &str| {
        format!("<SESSION_V3><iID>1</iID><dtStart>2026-11-22T14:46:00</dtStart>{end}<fRating>1</fRating><mCost>1</mCost><bActive>true</bActive></SESSION_V3>")
    };
    let doc = |end: &str| {
        format!("<r xmlns=\"{ns}\" xmlns:i=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns:n=\"urn:not-xsi\"><getSessionsResult>getSessions_OK</getSessionsResult><aSessions>{}<SESSION_V3 i:nil=\"true\"/></aSessions></r>", session(end))
    };
    let (v, _) = from_xml::<GetSessionsResponse>(&doc("<dtEnd i:nil=\"true\"/>")).unwrap();
    let sessions = v.sessions.unwrap().session_v3;
    assert_eq!(sessions.len(), 2);
    assert!(sessions[1].is_none(), "nil array item kept as None");
    assert_eq!(sessions[0].as_ref().unwrap().dt_end, None);
    // `n:nil` is not XML Schema's nil: the empty dateTime is then invalid.
    let err = from_xml::<GetSessionsResponse>(&doc("<dtEnd n:nil=\"true\"/>")).unwrap_err();
    assert!(err.to_string().contains("dtEnd"), "{err}");
}

#[test]
fn duplicate_required_elements_are_reported() {
    let xml = "<r xmlns=\"https://secure.logmeinrescue.com/API/API.asmx\"><logoutResult>logout_OK</logoutResult><logoutResult>logout_Error</logoutResult></r>";
    let err = from_xml::<api_asmx::LogoutResponse>(xml).unwrap_err();
    assert_eq!(
        err.to_string(),
        "element `r/logoutResult` appears more than once"
    );
}

/// Header blocks both ways: the request's header is read by a server, the
/// response's (an output `soap:header`) written by it and read by the client; a
/// block nobody declared is kept as unknown, unless it must be understood.
#[test]
fn header_blocks_are_read_on_both_sides_and_must_understand_is_honoured() {
    use logmein_rescue::envelope::decode;
    use logmein_rescue::runtime::{decode_request, encode_response};
    use logmein_rescue::SoapVersion;
    use soap_header::*;
    for version in [SoapVersion::Soap11, SoapVersion::Soap12] {
        let request = PingRequest {
            text: Some("hi".into()),
            auth_header: Some(AuthHeader {
                token: Some("t0k".into()),
            }),
        };
        let env = logmein_rescue::envelope::encode(&request, version).unwrap();
        let read = decode_request::<PingRequest>(env.body.as_bytes(), version).unwrap();
        assert_eq!(*read, request);
        let response = PingResponse {
            ping_result: Some("pong".into()),
            session_info: Some(SessionInfo { remaining: 3 }),
        };
        let answer = encode_response::<PingRequest>(&response, version).unwrap();
        assert!(
            answer.contains("<soap:Header xmlns=\"http://example.com/header\"><SessionInfo><Remaining>3</Remaining></SessionInfo></soap:Header><soap:Body>"),
            "{answer}"
        );
        let back = decode::<PingRequest>(answer.as_bytes(), version).unwrap();
        assert_eq!(*back, response);
        assert!(back.unknown_elements().is_empty());
    }
    let env = |header: &str| {
        format!(
            "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Header>{header}</s:Header>\
             <s:Body><pingResponse xmlns=\"http://example.com/header\"><pingResult>pong</pingResult></pingResponse></s:Body></s:Envelope>"
        )
    };
    let read = |header: &str| decode::<PingRequest>(env(header).as_bytes(), SoapVersion::Soap12);
    // Prefixed, declared on the envelope, after an unknown block: still read.
    let ok = read("<x:Trace xmlns:x=\"urn:trace\">1</x:Trace><h:SessionInfo xmlns:h=\"http://example.com/header\"><h:Remaining>9</h:Remaining></h:SessionInfo>").unwrap();
    assert_eq!(ok.session_info, Some(SessionInfo { remaining: 9 }));
    let unknown: Vec<(&str, &str)> = ok
        .unknown_elements()
        .iter()
        .map(|u| (u.parent.as_str(), u.name.as_str()))
        .collect();
    assert_eq!(unknown, [("Envelope/Header", "Trace")]);
    // A block that must be understood and is not: an error naming it.
    let refused =
        read("<x:Trace xmlns:x=\"urn:trace\" s:mustUnderstand=\"true\">1</x:Trace>").unwrap_err();
    assert!(
        refused.to_string().contains("{urn:trace}Trace"),
        "{refused}"
    );
    assert!(refused.to_string().contains("mustUnderstand"), "{refused}");
    // ...unless it is addressed to another node, or not marked.
    assert!(read("<x:Trace xmlns:x=\"urn:trace\" s:mustUnderstand=\"true\" s:role=\"http://www.w3.org/2003/05/soap-envelope/role/none\">1</x:Trace>").is_ok());
    assert!(read("<x:Trace xmlns:x=\"urn:trace\" s:mustUnderstand=\"false\">1</x:Trace>").is_ok());
    // SOAP 1.1 spells it `1`, and the attribute must be the envelope's own.
    let env11 = |header: &str| {
        format!(
            "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Header>{header}</soap:Header>\
             <soap:Body><pingResponse xmlns=\"http://example.com/header\" /></soap:Body></soap:Envelope>"
        )
    };
    let read11 =
        |header: &str| decode::<PingRequest>(env11(header).as_bytes(), SoapVersion::Soap11);
    assert!(read11("<Trace xmlns=\"urn:trace\" soap:mustUnderstand=\"1\" />").is_err());
    assert!(read11("<Trace xmlns=\"urn:trace\" mustUnderstand=\"1\" />").is_ok());
    // A declared header that does not read is an error at its path.
    let bad = read(
        "<SessionInfo xmlns=\"http://example.com/header\"><Remaining>x</Remaining></SessionInfo>",
    )
    .unwrap_err();
    assert!(
        bad.to_string().contains("Header/SessionInfo/Remaining"),
        "{bad}"
    );
}

#[test]
fn header_fields_go_into_the_soap_header() {
    use soap_header::*;
    let request = PingRequest {
        text: Some("hi".into()),
        auth_header: Some(AuthHeader {
            token: Some("t0k".into()),
        }),
    };
    for version in [
        logmein_rescue::SoapVersion::Soap11,
        logmein_rescue::SoapVersion::Soap12,
    ] {
        let env = logmein_rescue::envelope::encode(&request, version).unwrap();
        // The fixture's overlay marks the header mustUnderstand, in each
        // version's form.
        let (p, understand) = if version == logmein_rescue::SoapVersion::Soap11 {
            ("soap", "1")
        } else {
            ("soap12", "true")
        };
        assert!(
            env.body.contains(&format!(
                "<{p}:Header xmlns=\"http://example.com/header\"><AuthHeader {p}:mustUnderstand=\"{understand}\"><Token>t0k</Token></AuthHeader></{p}:Header><{p}:Body><ping xmlns=\"http://example.com/header\"><sText>hi</sText></ping>"
            )),
            "{}",
            env.body
        );
        // A server that does not know the header refuses the request.
        let refused =
            logmein_rescue::runtime::decode_request::<empty_input_http::GetVersionRequest>(
                env.body.as_bytes(),
                version,
            )
            .unwrap_err();
        assert!(refused.to_string().contains("mustUnderstand"), "{refused}");
    }
    // No header field set: no Header element at all.
    let env = logmein_rescue::envelope::encode(
        &PingRequest {
            text: None,
            auth_header: None,
        },
        logmein_rescue::SoapVersion::Soap11,
    )
    .unwrap();
    assert!(!env.body.contains("Header"), "{}", env.body);
}

/// `elementFormDefault="unqualified"`: the children of the body element are in no
/// namespace, on the wire and when read; the qualified form is not mistaken for it.
#[test]
fn unqualified_children_are_written_and_read_in_no_namespace() {
    use logmein_rescue::envelope::{decode, encode};
    use logmein_rescue::runtime::XmlType;
    use logmein_rescue::SoapVersion;
    use unqualified::*;
    assert_eq!(<SetCodeRequest as XmlType>::NAMESPACE, "");
    let request = SetCodeRequest {
        code: Some("ABC".into()),
        ..Default::default()
    };
    let env = encode(&request, SoapVersion::Soap12).unwrap();
    assert!(
        env.body.contains(
            "<soap12:Body><tns:setCode xmlns:tns=\"http://example.com/facets\"><sCode>ABC</sCode>"
        ),
        "{}",
        env.body
    );
    assert!(
        env.body.contains("</tns:setCode></soap12:Body>"),
        "{}",
        env.body
    );
    let ok = "<soap:Envelope xmlns:soap=\"http://www.w3.org/2003/05/soap-envelope\"><soap:Body><tns:setCodeResponse xmlns:tns=\"http://example.com/facets\"><setCodeResult>pt-br</setCodeResult></tns:setCodeResponse></soap:Body></soap:Envelope>";
    let response = decode::<SetCodeRequest>(ok.as_bytes(), SoapVersion::Soap12).unwrap();
    assert_eq!(response.result, Mode::PtBr);
    assert!(response.unknown_elements().is_empty());
    // Children in the target namespace are not this schema's: kept as unknown,
    // and the required result is reported missing.
    let qualified = "<soap:Envelope xmlns:soap=\"http://www.w3.org/2003/05/soap-envelope\"><soap:Body><setCodeResponse xmlns=\"http://example.com/facets\"><setCodeResult>pt-br</setCodeResult></setCodeResponse></soap:Body></soap:Envelope>";
    assert!(decode::<SetCodeRequest>(qualified.as_bytes(), SoapVersion::Soap12).is_err());
}

/// Three schemas importing each other: every element is written in the namespace
/// XSD gives it (its schema's form, its own `form=`, a `ref=`'s schema), nested
/// types from other schemas included, and read back only from there.
#[test]
fn elements_keep_their_own_namespaces_across_imported_schemas() {
    use logmein_rescue::envelope::{decode, encode};
    use logmein_rescue::SoapVersion;
    use multi_schema::*;
    let address = Address {
        street: Some("Main".into()),
        zip: Some("1000".into()),
        apartment: None,
    };
    let request = SubmitRequest {
        id: 7,
        stamp: Some("S".into()),
        note: Some("n".into()),
        ship: Some(address.clone()),
        old: Some(LegacyInfo {
            code: Some("X".into()),
            flag: Some(true),
            where_: Some(Address {
                apartment: Some(None),
                ..address.clone()
            }),
            ..LegacyInfo::default()
        }),
    };
    let env = encode(&request, SoapVersion::Soap11).unwrap();
    let body = env
        .body
        .split("<soap:Body>")
        .nth(1)
        .and_then(|b| b.split("</soap:Body>").next())
        .unwrap();
    assert_eq!(
        body,
        "<Submit xmlns=\"http://example.com/orders\"><Id>7</Id>\
         <Stamp xmlns=\"http://example.com/common\">S</Stamp><Note xmlns=\"\">n</Note>\
         <Ship><Street xmlns=\"http://example.com/common\">Main</Street><Zip xmlns=\"\">1000</Zip></Ship>\
         <Old><Code xmlns=\"\">X</Code><Flag xmlns=\"http://example.com/legacy\">true</Flag>\
         <Where xmlns=\"\"><Street xmlns=\"http://example.com/common\">Main</Street><Zip>1000</Zip>\
         <Apartment xmlns=\"http://example.com/common\" xsi:nil=\"true\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" />\
         </Where></Old></Submit>"
    );
    // The same tree with prefixes (as zeep writes it) reads back to the request.
    let (back, unknown) = from_xml::<SubmitRequest>(
        "<o:Submit xmlns:o=\"http://example.com/orders\" xmlns:c=\"http://example.com/common\" xmlns:l=\"http://example.com/legacy\">\
         <o:Id>7</o:Id><c:Stamp>S</c:Stamp><Note>n</Note><o:Ship><c:Street>Main</c:Street><Zip>1000</Zip></o:Ship>\
         <o:Old><Code>X</Code><l:Flag>true</l:Flag><Where><c:Street>Main</c:Street><Zip>1000</Zip>\
         <c:Apartment xsi:nil=\"1\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"/></Where></o:Old></o:Submit>",
    )
    .unwrap();
    assert!(unknown.is_empty(), "{unknown:?}");
    assert_eq!(back, request);
    // Absent and nil stay apart; a second one is a duplicate.
    let apartment = |xml: &str| {
        from_xml::<Address>(&format!(
            "<a xmlns=\"http://example.com/common\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">{xml}</a>"
        ))
        .map(|(a, _)| a.apartment)
    };
    assert_eq!(apartment(""), Ok(None));
    assert_eq!(apartment("<Apartment xsi:nil=\"true\"/>"), Ok(Some(None)));
    assert_eq!(
        apartment("<Apartment>4B</Apartment>"),
        Ok(Some(Some("4B".into())))
    );
    assert!(apartment("<Apartment xsi:nil=\"true\"/><Apartment>4B</Apartment>").is_err());
    // JSON keeps them apart too: absent is left out, nil is `null`.
    for value in [None, Some(None), Some(Some("4B".to_owned()))] {
        let a = Address {
            apartment: value,
            ..Address::default()
        };
        let json = serde_json::to_string(&a).unwrap();
        let back: Address = serde_json::from_str(&json).unwrap();
        assert_eq!(back, a, "{json}");
    }
    // Qualified attributes (a `ref=` into another schema, `form="qualified"`)
    // carry a prefix for their namespace; unqualified ones (also from an
    // attributeGroup) none. zeep 4.3.3 writes the same attributes.
    let legacy = LegacyInfo {
        code: Some("X".into()),
        version: Some(2),
        local: Some("l".into()),
        plain: Some("p".into()),
        by: Some("me".into()),
        ..LegacyInfo::default()
    };
    let xml = to_xml("Old", &legacy).unwrap();
    assert!(
        xml.starts_with(
            "<Old xmlns=\"\" xmlns:a0=\"http://example.com/common\" a0:Version=\"2\" \
             xmlns:a1=\"http://example.com/legacy\" a1:Local=\"l\" Plain=\"p\" By=\"me\">"
        ),
        "{xml}"
    );
    let (back, unknown) = from_xml::<LegacyInfo>(
        "<Old xmlns:c=\"http://example.com/common\" xmlns:l=\"http://example.com/legacy\" \
         c:Version=\"2\" l:Local=\"l\" Plain=\"p\" By=\"me\" Version=\"9\"><Code>X</Code></Old>",
    )
    .unwrap();
    assert_eq!(back, legacy);
    // The unqualified `Version` is not the qualified one: reported, not taken.
    assert_eq!(
        unknown.iter().map(|u| u.name.as_str()).collect::<Vec<_>>(),
        ["@Version"]
    );
    // An element in the wrong namespace is not taken for the field: it is
    // reported, and the field stays empty.
    let answer = "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>\
        <SubmitResponse xmlns=\"http://example.com/orders\"><SubmitResult>1</SubmitResult><Stamp>wrong</Stamp>\
        <Ship><Street>wrong</Street></Ship></SubmitResponse></soap:Body></soap:Envelope>";
    let response = decode::<SubmitRequest>(answer.as_bytes(), SoapVersion::Soap11).unwrap();
    assert_eq!(response.stamp, None);
    assert_eq!(response.ship, vec![Address::default()]);
    assert!(response.ship[0].apartment.is_none());
    let unknown: Vec<(&str, &str)> = response
        .unknown_elements()
        .iter()
        .map(|u| (u.namespace.as_str(), u.name.as_str()))
        .collect();
    assert_eq!(
        unknown,
        [
            ("http://example.com/orders", "Stamp"),
            ("http://example.com/orders", "Street")
        ]
    );
}

/// `xs:choice` as an enum: the chosen alternative on the wire, a repeated choice
/// in document order (zeep 4.3.3 writes the same tree for the same values), an
/// alternative that repeats gathered into one value, and a second alternative
/// of a choice made once refused.
#[test]
fn choices_are_enums_written_and_read_in_document_order() {
    use choices::*;
    use logmein_rescue::envelope::{decode, encode};
    use logmein_rescue::SoapVersion;
    let request = PostRequest {
        by_id_or_by_name: PostByIdOrByName::ByName("bob".into()),
        message: Some(Message {
            subject: Some("s".into()),
            text_or_image_or_link: vec![
                MessageTextOrImageOrLink::Text("a".into()),
                MessageTextOrImageOrLink::Link(Link {
                    url: Some("u".into()),
                }),
                MessageTextOrImageOrLink::Text("b".into()),
            ],
        }),
    };
    let env = encode(&request, SoapVersion::Soap11).unwrap();
    assert!(
        env.body.contains(
            "<Post xmlns=\"http://example.com/choices\"><ByName>bob</ByName><Message><Subject>s</Subject>\
             <Text>a</Text><Link><Url>u</Url></Link><Text>b</Text></Message></Post>"
        ),
        "{}",
        env.body
    );
    let (back, unknown) = from_xml::<PostRequest>(
        "<Post xmlns=\"http://example.com/choices\"><ByName>bob</ByName><Message><Subject>s</Subject>\
         <Text>a</Text><Link><Url>u</Url></Link><Text>b</Text></Message></Post>",
    )
    .unwrap();
    assert!(unknown.is_empty(), "{unknown:?}");
    assert_eq!(back, request);
    // The facet of an alternative is checked before sending, at its path.
    let long = PostRequest {
        by_id_or_by_name: PostByIdOrByName::ByName("much too long".into()),
        message: None,
    };
    let err = encode(&long, SoapVersion::Soap11).unwrap_err();
    assert!(
        err.to_string()
            .contains("field `ByName` breaks `maxLength 8`"),
        "{err}"
    );
    // A required choice left out, and two alternatives of a choice made once.
    assert!(
        from_xml::<PostRequest>("<Post xmlns=\"http://example.com/choices\" />")
            .unwrap_err()
            .to_string()
            .contains("ById|ByName")
    );
    let two = from_xml::<PostRequest>(
        "<Post xmlns=\"http://example.com/choices\"><ById>1</ById><ByName>x</ByName></Post>",
    )
    .unwrap_err();
    assert!(two.to_string().contains("Post/ByName"), "{two}");
    // An alternative that repeats: its elements make one value.
    let answer = |content: &str| {
        format!(
            "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>\
             <PostResponse xmlns=\"http://example.com/choices\">{content}</PostResponse></soap:Body></soap:Envelope>"
        )
    };
    let items = decode::<PostRequest>(
        answer("<PostResult>ok</PostResult><Item>1</Item><Item>2</Item>").as_bytes(),
        SoapVersion::Soap11,
    )
    .unwrap();
    assert_eq!(
        items.item_or_error,
        Some(PostResponseItemOrError::Item(vec![1, 2]))
    );
    let error =
        decode::<PostRequest>(answer("<Error>no</Error>").as_bytes(), SoapVersion::Soap11).unwrap();
    assert_eq!(
        error.item_or_error,
        Some(PostResponseItemOrError::Error("no".into()))
    );
    assert!(decode::<PostRequest>(
        answer("<Item>1</Item><Error>no</Error>").as_bytes(),
        SoapVersion::Soap11
    )
    .is_err());
}

/// JSON (the CLI's request and output format) keys fields by wire name, leaves
/// out absent values, refuses a request without a required field and takes an
/// absent repeated field as empty.
#[test]
fn json_keys_by_wire_name_leaves_out_absent_values_and_needs_required_ones() {
    use choices::*;
    use unqualified::*;
    let request = SetCodeRequest {
        percent: 50,
        rights: vec![RightsItem::Read].into(),
        ..SetCodeRequest::default()
    };
    let json = serde_json::to_string(&request).unwrap();
    assert_eq!(json, r#"{"iPercent":50,"eRights":["Read"]}"#);
    assert_eq!(
        serde_json::from_str::<SetCodeRequest>(&json).unwrap(),
        request
    );
    let missing = serde_json::from_str::<SetCodeRequest>(r#"{"eRights":[]}"#).unwrap_err();
    assert!(
        missing.to_string().contains("missing field `iPercent`"),
        "{missing}"
    );
    // A choice is keyed by its field and then by the alternative's wire name.
    let post = PostRequest {
        by_id_or_by_name: PostByIdOrByName::ById(3),
        message: Some(Message::default()),
    };
    let json = serde_json::to_string(&post).unwrap();
    assert_eq!(json, r#"{"by_id_or_by_name":{"ById":3},"Message":{}}"#);
    assert_eq!(serde_json::from_str::<PostRequest>(&json).unwrap(), post);
    assert!(serde_json::from_str::<PostRequest>(r#"{"Message":{}}"#).is_err());
}

/// A DataSet answer as ASP.NET writes it: the inline `xs:schema` and the
/// diffgram are kept as the XML received (with their own namespaces) and
/// written back unchanged.
#[test]
fn dataset_answers_keep_schema_and_diffgram_as_raw_xml() {
    let xml = r#"<GetOrdersResponse xmlns="http://tempuri.org/"><GetOrdersResult><xs:schema id="NewDataSet" xmlns="" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:msdata="urn:schemas-microsoft-com:xml-msdata"><xs:element name="NewDataSet" msdata:IsDataSet="true"><xs:complexType><xs:choice minOccurs="0" maxOccurs="unbounded"><xs:element name="Orders"><xs:complexType><xs:sequence><xs:element name="Id" type="xs:int" minOccurs="0" /></xs:sequence></xs:complexType></xs:element></xs:choice></xs:complexType></xs:element></xs:schema><diffgr:diffgram xmlns:msdata="urn:schemas-microsoft-com:xml-msdata" xmlns:diffgr="urn:schemas-microsoft-com:xml-diffgram-v1"><NewDataSet xmlns=""><Orders diffgr:id="Orders1" msdata:rowOrder="0"><Id>42</Id></Orders></NewDataSet></diffgr:diffgram></GetOrdersResult></GetOrdersResponse>"#;
    let (v, unknown) = from_xml::<dataset::GetOrdersResponse>(xml).unwrap();
    assert!(unknown.is_empty(), "{unknown:?}");
    let result = v.get_orders_result.clone().unwrap();
    // The inline schema, then the diffgram, in order, each with its namespace.
    let names: Vec<(&str, &str)> = result
        .any
        .iter()
        .map(|e| (e.namespace.as_str(), e.name.as_str()))
        .collect();
    assert_eq!(
        names,
        [
            ("http://www.w3.org/2001/XMLSchema", "schema"),
            ("urn:schemas-microsoft-com:xml-diffgram-v1", "diffgram")
        ]
    );
    assert!(result.any[0]
        .xml
        .starts_with("<xs:schema id=\"NewDataSet\""));
    assert!(result.any[1].xml.contains("<Id>42</Id>"));
    let again = to_xml("GetOrdersResponse", &v).unwrap();
    assert!(again.contains(&result.any[0].xml) && again.contains(&result.any[1].xml));
}

/// `xs:attribute`s ([XmlAttribute] members) are written on the start tag and
/// read back from it; a required one missing is a located error; `"` and tabs
/// survive; `anyAttribute` adds nothing to the type.
#[test]
fn attributes_are_written_on_the_start_tag_and_read_back() {
    use attributes::*;
    let order = Order {
        id: 7,
        status: Some(OrderStatus::Shipped),
        currency: Some("\"EUR\"\t&".into()),
        note: Some("fragile".into()),
        total: Some(Price {
            currency: "EUR".into(),
            value: logmein_rescue::runtime::Decimal::new("12.50").unwrap(),
        }),
        email_or_phone: OrderEmailOrPhone::Email("a@example.com".into()),
    };
    let xml = round_trip("order", &order);
    assert!(
        xml.starts_with("<order xmlns=\"http://example.com/attributes/\" id=\"7\" status=\"Shipped\" currency=\"&quot;EUR&quot;&#9;&amp;\">"),
        "{xml}"
    );
    // Nested, as a request carries it.
    let request = PlaceOrderRequest {
        order: Some(order),
        channel: Some("web".into()),
    };
    let xml = round_trip("PlaceOrder", &request);
    assert!(xml.contains("<order id=\"7\" status=\"Shipped\""), "{xml}");
    // The body element's own attributes go on its start tag, both ways.
    let env =
        logmein_rescue::envelope::encode(&request, logmein_rescue::SoapVersion::Soap11).unwrap();
    assert!(
        env.body.contains(
            "<PlaceOrder xmlns=\"http://example.com/attributes/\" channel=\"web\"><order id=\"7\""
        ),
        "{}",
        env.body
    );
    let answer = logmein_rescue::runtime::encode_response::<PlaceOrderRequest>(
        &PlaceOrderResponse {
            place_order_result: None,
            server: Some("s1".into()),
        },
        logmein_rescue::SoapVersion::Soap12,
    )
    .unwrap();
    assert!(answer.contains("<PlaceOrderResponse xmlns=\"http://example.com/attributes/\" server=\"s1\"></PlaceOrderResponse>"), "{answer}");
    let back = logmein_rescue::envelope::decode::<PlaceOrderRequest>(
        answer.as_bytes(),
        logmein_rescue::SoapVersion::Soap12,
    )
    .unwrap();
    assert_eq!(back.server.as_deref(), Some("s1"));
    // By name (the CLI, the registry), an attribute is given like an element.
    let entry = &attributes::OPERATIONS[0];
    let channel = entry
        .request_fields
        .iter()
        .find(|f| f.wire == "channel")
        .unwrap();
    assert!(channel.attribute);
    let mut children = String::new();
    channel.push_element(&mut children, "a\"b").unwrap();
    let env = (entry.envelope_from_xml)(&children, logmein_rescue::SoapVersion::Soap11).unwrap();
    assert!(
        env.body.contains("<PlaceOrder xmlns=\"http://example.com/attributes/\" channel=\"a&quot;b\"></PlaceOrder>"),
        "{}",
        env.body
    );
    // simpleContent: attributes and text on one element.
    assert!(
        xml.contains("<Total currency=\"EUR\">12.50</Total>"),
        "{xml}"
    );
    let (v, unknown) = from_xml::<Order>(r#"<order xmlns="http://example.com/attributes/" xmlns:x="urn:x" id="3" extra="kept &amp; reported" x:more="1"><Note>n</Note><Email>e</Email></order>"#).unwrap();
    assert_eq!((v.id, v.status, v.currency), (3, None, None));
    // Attributes the schema does not declare are reported, never dropped.
    let reported: Vec<(&str, &str, &str)> = unknown
        .iter()
        .map(|u| (u.namespace.as_str(), u.name.as_str(), u.xml.as_str()))
        .collect();
    assert_eq!(
        reported,
        [
            ("", "@extra", "extra=\"kept &amp; reported\""),
            ("urn:x", "@more", "x:more=\"1\"")
        ]
    );
    let err = from_xml::<Order>(
        r#"<order xmlns="http://example.com/attributes/"><Note>n</Note></order>"#,
    )
    .unwrap_err();
    assert!(err.to_string().contains("@id"), "{err}");
    let err =
        from_xml::<Order>(r#"<order xmlns="http://example.com/attributes/" id="x"/>"#).unwrap_err();
    assert!(err.to_string().contains("@id"), "{err}");
}

/// A credentials header set once on the client goes into `<soap:Header>` of
/// every call that declares it; a call's own header wins; nothing leaks in `Debug`.
#[test]
fn default_headers_are_sent_unless_the_call_sets_its_own() {
    use logmein_rescue::runtime::Client;
    use logmein_rescue::SoapVersion;
    use soap_header::*;
    let header = |token: &str| AuthHeader {
        token: Some(token.into()),
    };
    let client = Client::builder("http://127.0.0.1:9/Svc.asmx")
        .allow_http(true)
        .default_header(header("client-token"))
        .build()
        .unwrap();
    let plain = PingRequest {
        text: Some("hi".into()),
        auth_header: None,
    };
    for version in [SoapVersion::Soap11, SoapVersion::Soap12] {
        let env = client.envelope(&plain, version).unwrap();
        assert!(
            env.body
                .contains(":Header xmlns=\"http://example.com/header\"><AuthHeader ")
                && env.body.contains(":mustUnderstand=\"")
                && env
                    .body
                    .contains("><Token>client-token</Token></AuthHeader>"),
            "{}",
            env.body
        );
    }
    let own = PingRequest {
        auth_header: Some(header("call-token")),
        ..plain.clone()
    };
    let env = client.envelope(&own, SoapVersion::Soap11).unwrap();
    assert!(env.body.contains("call-token") && !env.body.contains("client-token"));
    // Without a default, no header at all.
    let bare = Client::builder("http://127.0.0.1:9/Svc.asmx")
        .allow_http(true)
        .build()
        .unwrap();
    let env = bare.envelope(&plain, SoapVersion::Soap11).unwrap();
    assert!(!env.body.contains("Header"), "{}", env.body);
    assert!(!format!("{client:?}").contains("client-token"));
}

/// Golden request envelopes of every fixture operation in each SOAP version its
/// WSDL binds (`codegen/tests/golden/envelopes/`), built from the same sample
/// values the zeep cross-check uses; bless with `BLESS=1`.
#[test]
fn fixture_request_envelopes_match_their_goldens() {
    use logmein_rescue::SoapVersion;
    let dir = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/codegen/tests/golden/envelopes"
    );
    let bless = std::env::var_os("BLESS").is_some();
    if bless {
        std::fs::create_dir_all(dir).unwrap();
    }
    for (fixture, operations) in fixtures::registries() {
        for entry in operations {
            for (version, tag) in [
                (SoapVersion::Soap11, "soap11"),
                (SoapVersion::Soap12, "soap12"),
            ] {
                if entry.meta.action(version).is_none() {
                    continue;
                }
                let (_, env) = fixtures::sample(entry, version)
                    .unwrap_or_else(|e| panic!("{fixture} {}: {e}", entry.meta.name));
                let text = format!(
                    "Content-Type: {}\nSOAPAction: {}\n\n{}\n",
                    env.content_type,
                    env.soap_action.as_deref().unwrap_or("-"),
                    env.body
                );
                let path = format!("{dir}/{fixture}.{}.{tag}.xml", entry.meta.name);
                if bless {
                    std::fs::write(&path, &text).unwrap();
                } else {
                    let golden = std::fs::read_to_string(&path)
                        .unwrap_or_else(|e| panic!("{path}: {e}; bless with BLESS=1"));
                    assert_eq!(
                        golden, text,
                        "{path} differs; bless with BLESS=1 if intended"
                    );
                }
            }
        }
    }
}
