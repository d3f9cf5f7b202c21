//! Golden request envelopes: for every operation and both SOAP versions, the exact
//! bytes and headers the client sends. See `tests/golden/README.md` to bless changes.

use logmein_rescue::{api, runtime::Operation, Client, Envelope, SoapVersion};

fn client() -> Client {
    Client::builder().build().expect("client")
}

fn check<O: Operation>(request: O) {
    for (version, tag) in [
        (SoapVersion::Soap11, "soap11"),
        (SoapVersion::Soap12, "soap12"),
    ] {
        let env: Envelope = client().envelope(&request, version).expect("encodes");
        let text = format!(
            "Content-Type: {}\nSOAPAction: {}\n\n{}\n",
            env.content_type,
            env.soap_action.as_deref().unwrap_or("-"),
            env.body
        );
        let path = format!(
            "{}/tests/golden/requests/{}.{tag}.xml",
            env!("CARGO_MANIFEST_DIR"),
            O::META.name
        );
        if std::env::var_os("BLESS").is_some() {
            std::fs::write(&path, &text).expect("write golden");
            continue;
        }
        let golden = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("{path}: {e}; bless with BLESS=1"));
        assert_eq!(
            golden, text,
            "{path} differs; bless with BLESS=1 if intended"
        );
    }
}

fn custom_fields() -> api::RequestPinCodeRequest {
    api::RequestPinCodeRequest {
        c_field0: Some("Alice & <Bob>".into()),
        c_field1: Some("first".into()),
        c_field2: None,
        c_field3: Some("Ünïcödé ]]>".into()),
        c_field4: None,
        c_field5: None,
        tracking0: Some("T-1".into()),
        no_tech_console: true,
        auth_code: Some("AUTHCODE".into()),
    }
}

#[test]
fn every_operation_in_both_soap_versions() {
    let f = custom_fields();
    check(api::LoginRequest {
        email: Some("tech@example.com".into()),
        password: Some("tech-password".into()),
    });
    check(api::LogoutRequest {});
    check(api::RequestAuthCodeRequest {
        email: Some("tech@example.com".into()),
        password: Some("tech-password".into()),
    });
    check(f.clone());
    check(api::RequestPinCodeV3Request {
        c_field0: f.c_field0.clone(),
        c_field1: f.c_field1.clone(),
        c_field2: None,
        c_field3: None,
        c_field4: None,
        c_field5: None,
        tracking0: None,
        no_tech_console: false,
        auth_code: None,
        node_id: 337366,
    });
    check(api::RequestLensPinCodeV2Request {
        c_field0: Some("Lens".into()),
        ..Default::default()
    });
    check(api::RequestLensPinCodeV3Request {
        c_field0: Some("Lens".into()),
        phone_number: Some("+3612345678".into()),
        lang_code: Some(api::LanguageCode::PtBr),
        ..Default::default()
    });
    check(api::GenerateEmailTextRequest {
        pin_code: 12345,
        auth_code: None,
    });
    check(api::StartSessionRequest {
        session: 12345678,
        node: 337366,
        auth_code: Some("AUTHCODE".into()),
    });
    check(api::RequestAuthCodeSsoRequest {
        ssoid: Some("alice.sso".into()),
        password: Some("sso-password".into()),
        company: Some("4242".into()),
    });
    let auth = || Some("AUTHCODE".into());
    check(api::GetAccountRequest { auth_code: auth() });
    check(api::GetAccountV2Request { auth_code: auth() });
    check(api::GetUserRequest {
        node_id: 1001,
        auth_code: auth(),
    });
    check(api::SetUserRequest {
        node_id: 1001,
        name: Some("Tech One".into()),
        nick: Some("t1".into()),
        email: Some("tech@example.com".into()),
        ssoid: None,
        pwd: Some("new-password".into()),
        conf_pwd: Some("new-password".into()),
        current_pwd: Some("tech-password".into()),
        status: api::UserSetStatus::Enabled,
        description: Some(String::new()),
        add_ons: api::Addons::False,
        auth_code: auth(),
    });
    check(api::GetGroupRequest {
        node_id: 100,
        auth_code: auth(),
    });
    check(api::GetHierarchyRequest { auth_code: auth() });
    check(api::RequestInvitationLinkRequest {
        c_field0: Some("Ticket #215".into()),
        c_field1: Some("215".into()),
        auth_code: auth(),
        node_id: 26054541,
        ..Default::default()
    });
    check(api::GetSessionRequest {
        node_id: 200,
        node_ref: api::NodeRef::Channel,
        auth_code: auth(),
    });
    check(api::GetSessionV3Request {
        node_id: 26054541,
        node_ref: api::NodeRef::Node,
        auth_code: auth(),
    });
    check(api::CancelActionRequest {
        session: 1053624838,
        auth_code: auth(),
    });
    check(api::CloseSessionRequest {
        session: 1053624838,
        auth_code: auth(),
    });
    check(api::GetChatRequest {
        session_id: 5390457,
        auth_code: auth(),
    });
    check(api::GetNoteRequest {
        session_id: 5390457,
        auth_code: auth(),
    });
    check(api::SetReportAreaRequest {
        report_area: api::Reportarea::Session,
        auth_code: auth(),
    });
    check(api::SetReportAreaV2Request {
        report_area: api::Reportarea::ChatLog,
        auth_code: auth(),
    });
    check(api::GetReportAreaRequest { auth_code: auth() });
    check(api::SetReportDateRequest {
        begin_date: Some("01/01/2007".into()),
        end_date: Some("06/30/2007".into()),
        auth_code: auth(),
    });
    check(api::SetReportDateV2Request {
        begin_date: "2026-01-01T00:00:00".parse().unwrap(),
        end_date: "2026-01-07T23:59:59".parse().unwrap(),
        auth_code: auth(),
    });
    check(api::GetReportDateRequest { auth_code: auth() });
    check(api::SetReportTimeRequest {
        begin_time: Some("00:00".into()),
        end_time: Some("12:00".into()),
        auth_code: auth(),
    });
    check(api::GetReportTimeRequest { auth_code: auth() });
    check(api::SetTimezoneRequest {
        timezone: Some("-240".into()),
        auth_code: auth(),
    });
    check(api::GetTimezoneRequest { auth_code: auth() });
    check(api::SetDelimiterRequest {
        delimiter: Some(";".into()),
        auth_code: auth(),
    });
    check(api::GetDelimiterRequest { auth_code: auth() });
    check(api::SetOutputRequest {
        output: api::Output::Xml,
        auth_code: auth(),
    });
    check(api::GetOutputRequest { auth_code: auth() });
    check(api::GetReportRequest {
        node_id: 100,
        node_ref: api::NodeRef::Node,
        auth_code: auth(),
    });
    check(api::GetReportV2Request {
        node_id: 100,
        node_ref: api::NodeRef::Node,
        auth_code: auth(),
    });
}

/// Every operation of the registry has its golden request files, so that an
/// operation added to the WSDL cannot go without one.
#[test]
fn every_registry_operation_has_golden_requests() {
    for op in api::OPERATIONS {
        for tag in ["soap11", "soap12"] {
            let path = format!(
                "{}/tests/golden/requests/{}.{tag}.xml",
                env!("CARGO_MANIFEST_DIR"),
                op.meta.name
            );
            assert!(std::path::Path::new(&path).exists(), "missing {path}");
        }
    }
}

/// Golden response envelopes, as the emulator writes them: for every operation and
/// SOAP version, one line per result value (`tests/golden/responses/OP.soapXX.xml`).
/// Each line decodes back to its value.
#[test]
// The `results!` rows of result-only responses have no other field to default.
#[allow(clippy::needless_update)]
fn golden_responses_for_every_result_value() {
    fn each<O: Operation>(values: &[&str], fill: impl Fn(&str) -> O::Response)
    where
        O::Response: PartialEq + std::fmt::Debug,
    {
        for (version, tag) in [
            (SoapVersion::Soap11, "soap11"),
            (SoapVersion::Soap12, "soap12"),
        ] {
            let mut text = String::new();
            for value in values {
                let response = fill(value);
                let xml = logmein_rescue::envelope::encode_response::<O>(&response, version)
                    .expect("encodes");
                let back = logmein_rescue::envelope::decode::<O>(xml.as_bytes(), version)
                    .expect("decodes");
                assert_eq!(O::result_wire(&back), Some(*value));
                assert_eq!(back.into_inner(), response);
                text.push_str(&xml);
                text.push('\n');
            }
            let path = format!(
                "{}/tests/golden/responses/{}.{tag}.xml",
                env!("CARGO_MANIFEST_DIR"),
                O::META.name
            );
            if std::env::var_os("BLESS").is_some() {
                std::fs::write(&path, &text).expect("write golden");
                continue;
            }
            let golden = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("{path}: {e}; bless with BLESS=1"));
            assert_eq!(
                golden, text,
                "{path} differs; bless with BLESS=1 if intended"
            );
        }
    }
    each::<api::LoginRequest>(api::LoginRet::VALUES, |v| api::LoginResponse {
        result: v.parse().unwrap(),
    });
    each::<api::LogoutRequest>(api::LogoutRet::VALUES, |v| api::LogoutResponse {
        result: v.parse().unwrap(),
    });
    each::<api::RequestAuthCodeRequest>(api::RequestAuthCodeRet::VALUES, |v| {
        api::RequestAuthCodeResponse {
            result: v.parse().unwrap(),
            auth_code: v.ends_with("_OK").then(|| "4ahx80u0".into()),
        }
    });
    each::<api::RequestPinCodeRequest>(api::RequestPinCodeRet::VALUES, |v| {
        api::RequestPinCodeResponse {
            result: v.parse().unwrap(),
            pin_code: if v.ends_with("_OK") { 12345 } else { 0 },
        }
    });
    each::<api::RequestPinCodeV3Request>(api::RequestPinCodeRet::VALUES, |v| {
        api::RequestPinCodeV3Response {
            result: v.parse().unwrap(),
            pin_code: v.ends_with("_OK").then(|| "012345".into()),
        }
    });
    each::<api::RequestLensPinCodeV2Request>(api::RequestLensPinCodeRet::VALUES, |v| {
        api::RequestLensPinCodeV2Response {
            result: v.parse().unwrap(),
            pin_code: v.ends_with("_OK").then(|| "012345".into()),
        }
    });
    each::<api::RequestLensPinCodeV3Request>(api::RequestLensPinCodeV3Ret::VALUES, |v| {
        api::RequestLensPinCodeV3Response {
            result: v.parse().unwrap(),
            pin_code: v.ends_with("_OK").then(|| "012345".into()),
        }
    });
    each::<api::GenerateEmailTextRequest>(api::GenerateEmailTextRet::VALUES, |v| {
        let ok = v.ends_with("_OK");
        api::GenerateEmailTextResponse {
            result: v.parse().unwrap(),
            subject: ok.then(|| "Connection email link".into()),
            text: ok
                .then(|| "Please click the link below to request a live support session:".into()),
            link: ok.then(|| "https://secure.logmeinrescue.com/R?i=2&Code=012345".into()),
            signature: ok.then(|| "Best Regards, Support Team".into()),
        }
    });
    each::<api::StartSessionRequest>(api::StartSessionRet::VALUES, |v| {
        api::StartSessionResponse {
            result: v.parse().unwrap(),
        }
    });
    // Operations whose non-OK answers carry no outputs: the default response
    // with each result value, and realistic outputs on OK.
    macro_rules! results {
        ($($req:ident => $resp:ident, $ret:ident $(, ok: $ok:expr)?;)*) => {$(
            each::<api::$req>(api::$ret::VALUES, |v| {
                let response = api::$resp {
                    result: v.parse().unwrap(),
                    ..Default::default()
                };
                $(let response = if v.ends_with("_OK") { ($ok)(response) } else { response };)?
                response
            });
        )*};
    }
    results! {
        RequestAuthCodeSsoRequest => RequestAuthCodeSsoResponse, RequestAuthCodeSsoRet;
        GetAccountRequest => GetAccountResponse, GetAccountRet;
        GetAccountV2Request => GetAccountV2Response, GetAccountRet, ok: |r| api::GetAccountV2Response {
            account_id: 4242, organization: Some("Example Support Ltd".into()), admin_id: 1000,
            tech_id: 1001, email: Some("tech@example.com".into()), tc_running: true, ..r
        };
        GetUserRequest => GetUserResponse, GetUserRet;
        SetUserRequest => SetUserResponse, SetUserRet;
        GetGroupRequest => GetGroupResponse, GetGroupRet, ok: |r| api::GetGroupResponse {
            group: Some(api::Group {
                node_id: 100, name: Some("Support".into()), description: Some(String::new()),
                type_: api::NodeType::TechnicianGroup,
                permissions: Some(api::ArrayOfNodePermissions {
                    node_permissions: vec![api::NodePermissions::RemoteControl, api::NodePermissions::SendUrl],
                }),
            }),
            ..r
        };
        GetHierarchyRequest => GetHierarchyResponse, GetHierarchyRet;
        RequestInvitationLinkRequest => RequestInvitationLinkResponse, RequestInvitationLinkRet, ok: |r| api::RequestInvitationLinkResponse {
            invitation_link: Some("https://secure.logmeinrescue.com/R?i=2&Code=100500".into()), ..r
        };
        GetSessionRequest => GetSessionResponse, GetSessionRet;
        GetSessionV3Request => GetSessionV3Response, GetSessionRet;
        CancelActionRequest => CancelActionResponse, CancelActionRet;
        CloseSessionRequest => CloseSessionResponse, CloseSessionRet;
        GetChatRequest => GetChatResponse, GetChatRet;
        GetNoteRequest => GetNoteResponse, GetNoteRet;
        SetReportAreaRequest => SetReportAreaResponse, SetReportAreaRet;
        SetReportAreaV2Request => SetReportAreaV2Response, SetReportAreaRet;
        GetReportAreaRequest => GetReportAreaResponse, GetReportAreaRet;
        SetReportDateRequest => SetReportDateResponse, SetReportDateRet;
        SetReportDateV2Request => SetReportDateV2Response, SetReportDateRet;
        GetReportDateRequest => GetReportDateResponse, GetReportDateRet;
        SetReportTimeRequest => SetReportTimeResponse, SetReportTimeRet;
        GetReportTimeRequest => GetReportTimeResponse, GetReportTimeRet;
        SetTimezoneRequest => SetTimezoneResponse, SetTimezoneRet;
        GetTimezoneRequest => GetTimezoneResponse, GetTimezoneRet;
        SetDelimiterRequest => SetDelimiterResponse, SetDelimiterRet;
        GetDelimiterRequest => GetDelimiterResponse, GetDelimiterRet;
        SetOutputRequest => SetOutputResponse, SetOutputRet;
        GetOutputRequest => GetOutputResponse, GetOutputRet;
        GetReportRequest => GetReportResponse, GetReportRet;
        GetReportV2Request => GetReportV2Response, GetReportRet, ok: |r| api::GetReportV2Response {
            report: Some("<report><header><field id=\"0\">Session ID</field></header><data><row><field id=\"0\">1</field></row></data></report>".into()), ..r
        };
    }
    for op in api::OPERATIONS {
        let path = format!(
            "{}/tests/golden/responses/{}.soap12.xml",
            env!("CARGO_MANIFEST_DIR"),
            op.meta.name
        );
        assert!(std::path::Path::new(&path).exists(), "missing {path}");
    }
}

/// The two fault shapes, as files: every part survives decoding.
#[test]
fn golden_faults_decode_with_every_part() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/golden/responses");
    let read = |name: &str| std::fs::read(format!("{dir}/{name}")).expect("golden fault file");
    let err = logmein_rescue::envelope::decode::<api::LoginRequest>(
        &read("fault.soap11.xml"),
        SoapVersion::Soap11,
    )
    .unwrap_err();
    let logmein_rescue::envelope::DecodeResponseError::Fault(f) = err else {
        panic!("{err:?}")
    };
    assert_eq!((f.code.as_str(), f.code_name()), ("soap:Client", "Client"));
    assert!(f
        .reason
        .starts_with("Server did not recognize the value of HTTP Header SOAPAction"));
    assert_eq!(
        f.node.as_deref(),
        Some("https://secure.logmeinrescue.com/API/API.asmx")
    );
    assert_eq!(
        f.detail.as_deref(),
        Some("<detail><code xmlns=\"urn:example\">42</code></detail>")
    );
    let err = logmein_rescue::envelope::decode::<api::LoginRequest>(
        &read("fault.soap12.xml"),
        SoapVersion::Soap12,
    )
    .unwrap_err();
    let logmein_rescue::envelope::DecodeResponseError::Fault(f) = err else {
        panic!("{err:?}")
    };
    assert_eq!(f.code, "soap:Receiver");
    assert_eq!(f.subcodes, ["a:DatabaseDown"]);
    assert_eq!(f.reasons.len(), 2);
    assert_eq!(
        f.reasons[1],
        (
            "de".to_string(),
            "Der Server konnte die Anfrage nicht verarbeiten.".to_string()
        )
    );
    assert_eq!(
        f.role.as_deref(),
        Some("http://www.w3.org/2003/05/soap-envelope/role/ultimateReceiver")
    );
    assert!(f
        .detail
        .as_deref()
        .is_some_and(|d| d.contains("StackTrace")));
}

/// Responses for every result value of every operation decode to that value, in
/// SOAP 1.1 and in SOAP 1.2 (with the live server's `soap` prefix).
#[test]
fn every_result_value_decodes() {
    fn each<O: Operation>(values: &[&str], extra: &str) {
        let op = O::META.name;
        for value in values {
            for (version, env_ns) in [
                (
                    SoapVersion::Soap11,
                    "http://schemas.xmlsoap.org/soap/envelope/",
                ),
                (
                    SoapVersion::Soap12,
                    "http://www.w3.org/2003/05/soap-envelope",
                ),
            ] {
                let xml = format!(
                    "<?xml version=\"1.0\" encoding=\"utf-8\"?><soap:Envelope xmlns:soap=\"{env_ns}\"><soap:Body><{op}Response xmlns=\"{}\"><{op}Result>{value}</{op}Result>{extra}</{op}Response></soap:Body></soap:Envelope>",
                    O::META.namespace
                );
                let r = logmein_rescue::envelope::decode::<O>(xml.as_bytes(), version)
                    .unwrap_or_else(|e| panic!("{op} {value}: {e}"));
                assert_eq!(O::result_wire(&r), Some(*value));
                assert!(r.unknown_elements().is_empty());
            }
        }
    }
    each::<api::LoginRequest>(api::LoginRet::VALUES, "");
    each::<api::LogoutRequest>(api::LogoutRet::VALUES, "");
    each::<api::RequestAuthCodeRequest>(
        api::RequestAuthCodeRet::VALUES,
        "<sAuthCode>x</sAuthCode>",
    );
    each::<api::RequestPinCodeRequest>(
        api::RequestPinCodeRet::VALUES,
        "<iPINCode>12345</iPINCode>",
    );
    each::<api::RequestPinCodeV3Request>(
        api::RequestPinCodeRet::VALUES,
        "<sPINCode>012345</sPINCode>",
    );
    each::<api::RequestLensPinCodeV2Request>(
        api::RequestLensPinCodeRet::VALUES,
        "<sPINCode>012345</sPINCode>",
    );
    each::<api::RequestLensPinCodeV3Request>(
        api::RequestLensPinCodeV3Ret::VALUES,
        "<sPINCode>012345</sPINCode>",
    );
    each::<api::GenerateEmailTextRequest>(
        api::GenerateEmailTextRet::VALUES,
        "<sSubject>s</sSubject><sText>t</sText><sLink>l</sLink><sSignature>g</sSignature>",
    );
    each::<api::StartSessionRequest>(api::StartSessionRet::VALUES, "");
}
