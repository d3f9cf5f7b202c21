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
