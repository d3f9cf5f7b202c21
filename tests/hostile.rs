//! Hostile responses: each one ends in a typed error (never a crash, never a
//! quadratic stall), and no secret appears in what the error prints.

mod support;

use logmein_rescue::envelope::{decode, DecodeResponseError};
use logmein_rescue::runtime::{DecodeError, Limits};
use logmein_rescue::{api, AuthCode, Client, Error, Pacing, SoapVersion};
use support::{envelope, op_response, serve, Answer};

const SECRET: &str = "S3CR3T-AUTH-CODE";

fn client(url: &str) -> Client {
    Client::builder()
        .endpoint(url)
        .allow_http(true)
        .pacing(Pacing::Off)
        .auth_code(AuthCode::new(SECRET))
        .build()
        .unwrap()
}

fn decode_lens(body: &[u8], version: SoapVersion) -> Result<(), DecodeResponseError> {
    decode::<api::RequestLensPinCodeV2Request>(body, version).map(|_| ())
}

fn limit_of(e: &DecodeResponseError) -> Option<&'static str> {
    match e {
        DecodeResponseError::Decode(DecodeError::LimitExceeded { limit, .. }) => Some(limit),
        _ => None,
    }
}

/// A fault whose detail nests `depth` elements (this overflowed the stack once).
fn deep_fault(depth: usize) -> String {
    let open = "<x>".repeat(depth);
    let close = "</x>".repeat(depth);
    envelope(
        false,
        "soap",
        &format!("<soap:Fault><faultcode>soap:Server</faultcode><faultstring>boom</faultstring><detail>{open}{close}</detail></soap:Fault>"),
    )
}

#[test]
fn deeply_nested_faults_are_refused_by_the_depth_limit_without_recursion() {
    for depth in [1_000, 3_000, 200_000] {
        let err = decode_lens(deep_fault(depth).as_bytes(), SoapVersion::Soap11).unwrap_err();
        assert_eq!(limit_of(&err), Some("max_depth"), "depth {depth}: {err}");
    }
    // Deep nesting in the body and in a header is refused the same way.
    let body = envelope(
        false,
        "soap",
        &op_response(
            "requestLensPINCodeV2",
            "requestPINCode_OK",
            &format!("{}{}", "<u>".repeat(5000), "</u>".repeat(5000)),
        ),
    );
    let err = decode_lens(body.as_bytes(), SoapVersion::Soap11).unwrap_err();
    assert_eq!(limit_of(&err), Some("max_depth"), "{err}");
}

#[test]
fn a_shallow_fault_within_the_limit_is_read_whole() {
    let err = decode_lens(deep_fault(40).as_bytes(), SoapVersion::Soap11).unwrap_err();
    let DecodeResponseError::Fault(fault) = err else {
        panic!("{err:?}")
    };
    assert_eq!(fault.reason, "boom");
    let detail = fault.detail.unwrap_or_default();
    assert_eq!(detail.matches("<x>").count(), 40, "{detail}");
}

#[test]
fn many_attributes_and_namespace_declarations_hit_typed_limits() {
    let attrs: String = (0..65_536)
        .map(|i| format!(" xmlns:p{i}=\"urn:{i}\""))
        .collect();
    let body = envelope(
        false,
        "soap",
        &format!("<requestLensPINCodeV2Response xmlns=\"{}\"{attrs}><requestLensPINCodeV2Result>requestPINCode_OK</requestLensPINCodeV2Result></requestLensPINCodeV2Response>", support::NS),
    );
    let err = decode_lens(body.as_bytes(), SoapVersion::Soap11).unwrap_err();
    assert_eq!(limit_of(&err), Some("max_attributes"), "{err}");

    // Declarations spread over the elements the reader enters (envelope, body,
    // response, result) hit the in-scope cap instead.
    let per_element = Limits::DEFAULT.max_namespace_bindings / 4 + 8;
    let decls = |tag: &str| -> String {
        (0..per_element)
            .map(|i| format!(" xmlns:{tag}{i}=\"urn:{i}\""))
            .collect()
    };
    let body = format!(
        "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"{}><soap:Body{}><requestLensPINCodeV2Response xmlns=\"{}\"{}><requestLensPINCodeV2Result{}>requestPINCode_OK</requestLensPINCodeV2Result></requestLensPINCodeV2Response></soap:Body></soap:Envelope>",
        decls("e"),
        decls("b"),
        support::NS,
        decls("r"),
        decls("v")
    );
    let err = decode_lens(body.as_bytes(), SoapVersion::Soap11).unwrap_err();
    assert_eq!(limit_of(&err), Some("max_namespace_bindings"), "{err}");
}

#[test]
fn foreign_encodings_and_nul_are_refused_not_garbled() {
    let good = envelope(
        false,
        "soap",
        &op_response(
            "requestLensPINCodeV2",
            "requestPINCode_OK",
            "<sPINCode>012345</sPINCode>",
        ),
    );
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(good.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    match decode_lens(&utf16, SoapVersion::Soap11) {
        Err(DecodeResponseError::Decode(DecodeError::Encoding { encoding })) => {
            assert_eq!(encoding, "UTF-16LE")
        }
        other => panic!("{other:?}"),
    }
    let latin1 = good.replace("encoding=\"utf-8\"", "encoding=\"ISO-8859-1\"");
    match decode_lens(latin1.as_bytes(), SoapVersion::Soap11) {
        Err(DecodeResponseError::Decode(DecodeError::Encoding { encoding })) => {
            assert_eq!(encoding, "ISO-8859-1")
        }
        other => panic!("{other:?}"),
    }
    let nul = good.replace("012345", "0123\u{0}5");
    assert!(matches!(
        decode_lens(nul.as_bytes(), SoapVersion::Soap11),
        Err(DecodeResponseError::Decode(DecodeError::Malformed { .. }))
    ));
    let nul_ref = good.replace("012345", "0123&#0;5");
    assert!(matches!(
        decode_lens(nul_ref.as_bytes(), SoapVersion::Soap11),
        Err(DecodeResponseError::Decode(DecodeError::Malformed { .. }))
    ));
}

#[tokio::test]
async fn a_deep_fault_over_http_is_a_typed_error_without_the_secret() {
    let server = serve(|_| Answer::xml11(deep_fault(100_000)).status(500)).await;
    let err = client(&server.url)
        .request_lens_pin_code_v2(Default::default())
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::UnexpectedResponse { decode: Some(d), .. }
            if matches!(**d, DecodeError::LimitExceeded { limit: "max_depth", .. })),
        "{err:?}"
    );
    assert!(!format!("{err} {err:?}").contains(SECRET));
}

#[tokio::test]
async fn an_echoed_auth_code_with_a_prefix_is_masked_in_the_error_excerpt() {
    // A broken answer that echoes the request's auth code under a prefix.
    let server = serve(|_| {
        let body =
            format!("<?xml version=\"1.0\"?><r:sAuthCode xmlns:r=\"urn:x\">{SECRET}</r:sAuthCode>");
        Answer::xml11(body).status(500)
    })
    .await;
    let err = client(&server.url)
        .request_lens_pin_code_v2(Default::default())
        .await
        .unwrap_err();
    assert!(matches!(err, Error::UnexpectedResponse { .. }), "{err:?}");
    assert!(!format!("{err} {err:?}").contains(SECRET), "{err}");
}

#[tokio::test]
async fn cookies_for_other_domains_and_oversized_cookies_are_not_kept() {
    let server = serve(|seen| {
        // The second request shows what the client kept.
        let kept = seen.header("cookie").unwrap_or("").to_owned();
        Answer::xml11(envelope(
            false,
            "soap",
            &op_response("logout", "logout_OK", ""),
        ))
        .header("Set-Cookie", "ASP.NET_SessionId=local; path=/")
        .header("Set-Cookie", "evil=1; Domain=attacker.example")
        .header("Set-Cookie", format!("big={}", "x".repeat(8000)))
        .header("X-Kept", kept)
    })
    .await;
    let c = client(&server.url);
    c.call(api::LogoutRequest {}).await.unwrap();
    c.call(api::LogoutRequest {}).await.unwrap();
    let second = &server.requests()[1];
    assert_eq!(second.header("cookie"), Some("ASP.NET_SessionId=local"));
}

#[tokio::test]
async fn a_redirect_never_carries_the_password_to_another_host() {
    let target = serve(|_| {
        Answer::xml11(envelope(
            false,
            "soap",
            &op_response("login", "login_OK", ""),
        ))
    })
    .await;
    let target_url = target.url.clone();
    for status in [307, 308, 302] {
        let location = target_url.clone();
        let redirector = serve(move |_| {
            Answer::xml11("")
                .status(status)
                .header("Location", location.clone())
        })
        .await;
        // A caller-supplied reqwest client follows redirects by default.
        for own in [false, true] {
            let mut builder = Client::builder()
                .endpoint(&redirector.url)
                .allow_http(true)
                .pacing(Pacing::Off);
            if !own {
                builder = builder.http_client(reqwest::Client::new());
            }
            let err = builder
                .build()
                .unwrap()
                .login("tech@example.com", "hunter2-password")
                .await
                .unwrap_err();
            assert!(
                matches!(&err, Error::Redirected { status: s, .. } if *s == status || !own),
                "{status} own={own}: {err:?}"
            );
            assert!(!format!("{err} {err:?}").contains("hunter2"));
        }
    }
    // Whatever reqwest did with 302 (a GET without a body), no body reached the target.
    assert!(
        target
            .requests()
            .iter()
            .all(|r| !r.body.contains("hunter2")),
        "{:?}",
        target.requests()
    );
}
