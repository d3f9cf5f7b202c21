//! The client over real HTTP on 127.0.0.1: headers, both SOAP versions, cookies,
//! auth codes, faults, broken answers, timeouts, size cap, concurrency, secrets.

mod support;

use std::time::Duration;

use logmein_rescue::{api, AuthCode, Client, Error, Pacing, SoapVersion};
use support::{envelope, op_response, serve, Answer};

fn client(url: &str) -> logmein_rescue::ClientBuilder {
    Client::builder()
        .endpoint(url)
        .allow_http(true)
        .pacing(Pacing::Off)
}

fn lens_ok(pin: &str) -> String {
    op_response(
        "requestLensPINCodeV2",
        "requestPINCode_OK",
        &format!("<sPINCode>{pin}</sPINCode>"),
    )
}

#[tokio::test]
async fn soap11_request_has_asmx_headers_and_body() {
    let server = serve(|_| Answer::xml11(envelope(false, "soap", &lens_ok("012345")))).await;
    let c = client(&server.url).build().unwrap();
    let req = api::RequestLensPinCodeV2Request {
        c_field0: Some("Alice".into()),
        no_tech_console: true,
        ..Default::default()
    };
    let resp = c.request_lens_pin_code_v2(req).await.unwrap().ok().unwrap();
    assert_eq!(resp.pin_code.as_deref(), Some("012345"));
    assert_eq!(resp.result, api::RequestLensPinCodeRet::Ok);
    let seen = &server.requests()[0];
    assert_eq!(seen.header("content-type"), Some("text/xml; charset=utf-8"));
    assert_eq!(
        seen.header("soapaction"),
        Some("\"https://secure.logmeinrescue.com/API/API.asmx/requestLensPINCodeV2\"")
    );
    assert!(seen.body.contains("<soap:Body><requestLensPINCodeV2 xmlns=\"https://secure.logmeinrescue.com/API/API.asmx\"><sCField0>Alice</sCField0><bNoTechConsole>true</bNoTechConsole></requestLensPINCodeV2>"), "{}", seen.body);
    // absent optional fields are omitted, not sent empty
    assert!(!seen.body.contains("sCField1"));
}

#[tokio::test]
async fn soap12_request_and_a_response_with_the_soap_prefix() {
    // The live server answers 1.2 with the prefix `soap`: read by namespace.
    let server = serve(|_| Answer::xml12(envelope(true, "soap", &lens_ok("000001")))).await;
    let c = client(&server.url)
        .soap_version(SoapVersion::Soap12)
        .build()
        .unwrap();
    let resp = c
        .request_lens_pin_code_v2(Default::default())
        .await
        .unwrap();
    assert_eq!(resp.pin_code.as_deref(), Some("000001"));
    let seen = &server.requests()[0];
    assert_eq!(
        seen.header("content-type"),
        Some("application/soap+xml; charset=utf-8; action=\"https://secure.logmeinrescue.com/API/API.asmx/requestLensPINCodeV2\"")
    );
    assert_eq!(seen.header("soapaction"), None);
    assert!(seen.body.contains("<soap12:Envelope"));
}

#[tokio::test]
async fn per_call_soap_version() {
    let server = serve(|s| {
        if s.header("content-type")
            .unwrap_or("")
            .starts_with("text/xml")
        {
            Answer::xml11(envelope(
                false,
                "soap",
                &op_response("logout", "logout_OK", ""),
            ))
        } else {
            Answer::xml12(envelope(
                true,
                "soap12",
                &op_response("logout", "logout_OK", ""),
            ))
        }
    })
    .await;
    let c = client(&server.url).build().unwrap();
    let r = c
        .call_with(api::LogoutRequest {}, SoapVersion::Soap12)
        .await
        .unwrap();
    assert_eq!(r.result, api::LogoutRet::Ok);
    assert!(server.requests()[0].body.contains("soap12:Envelope"));
}

#[tokio::test]
async fn session_cookie_is_kept_shared_by_clones_and_cleared_by_logout() {
    let server = serve(|s| {
        if s.body.contains("<login ") {
            Answer::xml11(envelope(
                false,
                "soap",
                &op_response("login", "login_OK", ""),
            ))
            .header(
                "Set-Cookie",
                "ASP.NET_SessionId=abc123secret; path=/; HttpOnly",
            )
        } else if s.body.contains("<logout") {
            Answer::xml11(envelope(
                false,
                "soap",
                &op_response("logout", "logout_OK", ""),
            ))
        } else {
            Answer::xml11(envelope(false, "soap", &lens_ok("123456")))
        }
    })
    .await;
    let c = client(&server.url).build().unwrap();
    let r = c.login("tech@example.com", "tech-password").await.unwrap();
    assert_eq!(r.result, api::LoginRet::Ok);
    let clone = c.clone();
    let _ = clone
        .request_lens_pin_code_v2(Default::default())
        .await
        .unwrap();
    assert_eq!(
        server.requests()[1].header("cookie"),
        Some("ASP.NET_SessionId=abc123secret")
    );
    assert!(!format!("{c:?}").contains("abc123secret"));
    let _ = c.logout().await.unwrap();
    assert!(!clone.has_session());
    let _ = clone
        .request_lens_pin_code_v2(Default::default())
        .await
        .unwrap();
    assert_eq!(server.requests()[3].header("cookie"), None);
}

#[tokio::test]
async fn auth_code_fills_sauthcode_unless_the_request_sets_one() {
    let server = serve(|s| {
        if s.body.contains("<requestAuthCode ") {
            Answer::xml11(envelope(
                false,
                "soap",
                &op_response(
                    "requestAuthCode",
                    "requestAuthCode_OK",
                    "<sAuthCode>SECRET-CODE</sAuthCode>",
                ),
            ))
        } else {
            Answer::xml11(envelope(false, "soap", &lens_ok("123456")))
        }
    })
    .await;
    let c = client(&server.url).build().unwrap();
    let code = c.request_auth_code("tech@example.com", "pw").await.unwrap();
    assert!(!format!("{code} {code:?}").contains("SECRET-CODE"));
    c.set_auth_code(Some(code));
    let _ = c
        .request_lens_pin_code_v2(Default::default())
        .await
        .unwrap();
    assert!(server.requests()[1]
        .body
        .contains("<sAuthCode>SECRET-CODE</sAuthCode>"));
    let own = api::RequestLensPinCodeV2Request {
        auth_code: Some("MINE".into()),
        ..Default::default()
    };
    let _ = c.request_lens_pin_code_v2(own).await.unwrap();
    assert!(server.requests()[2]
        .body
        .contains("<sAuthCode>MINE</sAuthCode>"));
    // the client-level code is also shown by `envelope()` without sending
    let env = c
        .envelope(
            &api::RequestLensPinCodeV2Request::default(),
            SoapVersion::Soap11,
        )
        .unwrap();
    assert!(!format!("{env:?}").contains("SECRET-CODE"));
    assert_eq!(server.requests().len(), 3);
    let built = client(&server.url)
        .auth_code(AuthCode::new("BUILT"))
        .build()
        .unwrap();
    let _ = built
        .request_lens_pin_code_v2(Default::default())
        .await
        .unwrap();
    assert!(server.requests()[3]
        .body
        .contains("<sAuthCode>BUILT</sAuthCode>"));
}

/// A server whose first `requestLensPINCodeV2` answer says the session expired;
/// later ones carry `pin`. Logins succeed.
async fn expires_once(pin: &'static str) -> support::Server {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let pin_calls = AtomicUsize::new(0);
    serve(move |s| {
        if s.body.contains("<login ") {
            Answer::xml11(envelope(
                false,
                "soap",
                &op_response("login", "login_OK", ""),
            ))
        } else if pin_calls.fetch_add(1, Ordering::SeqCst) == 0 {
            Answer::xml11(envelope(
                false,
                "soap",
                &op_response("requestLensPINCodeV2", "requestPINCode_NotLoggedIn", ""),
            ))
        } else {
            Answer::xml11(envelope(false, "soap", &lens_ok(pin)))
        }
    })
    .await
}

#[tokio::test]
async fn relogin_once_on_not_logged_in() {
    let server = expires_once("654321").await;
    let c = client(&server.url).build().unwrap();
    let _ = c.login("tech@example.com", "pw").await.unwrap();
    let r = c
        .request_lens_pin_code_v2(Default::default())
        .await
        .unwrap();
    assert_eq!(r.pin_code.as_deref(), Some("654321"));
    assert_eq!(server.requests().len(), 4, "login, call, re-login, call");
}

#[tokio::test]
async fn a_registry_call_renews_an_expired_session_like_a_typed_call() {
    // `call_xml` (the CLI's path) and typed calls share one call path: the
    // credential, the re-login and the repeated call are the same.
    let server = expires_once("135790").await;
    let c = client(&server.url).build().unwrap();
    let _ = c.login("tech@example.com", "pw").await.unwrap();
    let entry = api::OPERATIONS
        .iter()
        .find(|e| e.meta.name == "requestLensPINCodeV2")
        .unwrap();
    let children = "<bNoTechConsole>false</bNoTechConsole><sCField0>Ann</sCField0>";
    let any = (entry.call_xml)(c.transport(), children.into(), SoapVersion::Soap11)
        .await
        .unwrap();
    assert_eq!(any.result.as_deref(), Some("requestPINCode_OK"));
    assert!(!any.session_expired);
    let response = any
        .body
        .as_any()
        .downcast_ref::<api::RequestLensPinCodeV2Response>()
        .unwrap();
    assert_eq!(response.pin_code.as_deref(), Some("135790"));
    let requests = server.requests();
    assert_eq!(requests.len(), 4, "login, call, re-login, call");
    assert!(requests[3].body.contains("<sCField0>Ann</sCField0>"));
}

#[tokio::test]
async fn non_ok_result_is_data_and_ok_turns_it_into_a_typed_error() {
    let server = serve(|_| {
        Answer::xml11(envelope(
            false,
            "soap",
            &op_response("requestLensPINCodeV2", "requestPINCode_NoAccessToLens", ""),
        ))
    })
    .await;
    let c = client(&server.url).relogin(false).build().unwrap();
    let r = c
        .request_lens_pin_code_v2(Default::default())
        .await
        .unwrap();
    assert_eq!(r.result, api::RequestLensPinCodeRet::NoAccessToLens);
    match r.ok() {
        Err(Error::Rejected {
            operation,
            value,
            meaning,
        }) => {
            assert_eq!(operation, "requestLensPINCodeV2");
            assert_eq!(value, "requestPINCode_NoAccessToLens");
            assert!(meaning.unwrap().contains("Rescue Lens"));
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn unknown_result_values_and_extra_elements_are_returned() {
    let server = serve(|_| {
        Answer::xml11(envelope(
            false,
            "soap",
            &op_response(
                "requestLensPINCodeV2",
                "requestPINCode_SomethingNew",
                "<sPINCode>1</sPINCode><sExtra>x</sExtra>",
            ),
        ))
    })
    .await;
    let c = client(&server.url).build().unwrap();
    let r = c
        .request_lens_pin_code_v2(Default::default())
        .await
        .unwrap();
    assert_eq!(
        r.result,
        api::RequestLensPinCodeRet::Unknown("requestPINCode_SomethingNew".into())
    );
    assert_eq!(r.unknown_elements()[0].name, "sExtra");
}

const FAULT11: &str = "<soap:Fault><faultcode>soap:Client</faultcode><faultstring>Server did not recognize the value of HTTP Header SOAPAction: x.</faultstring><faultactor>http://host/API.asmx</faultactor><detail><e>1</e></detail></soap:Fault>";
const FAULT12: &str = "<soap:Fault><soap:Code><soap:Value>soap:Sender</soap:Value><soap:Subcode><soap:Value>a:One</soap:Value><soap:Subcode><soap:Value>a:Two</soap:Value></soap:Subcode></soap:Subcode></soap:Code><soap:Reason><soap:Text xml:lang=\"en\">Server was unable to read request.</soap:Text><soap:Text xml:lang=\"de\">Nein</soap:Text></soap:Reason><soap:Node>n</soap:Node><soap:Role>r</soap:Role><soap:Detail /></soap:Fault>";

#[tokio::test]
async fn soap11_fault_keeps_every_part() {
    let server = serve(|_| Answer::xml11(envelope(false, "soap", FAULT11)).status(500)).await;
    let c = client(&server.url).build().unwrap();
    match c.request_lens_pin_code_v2(Default::default()).await {
        Err(Error::Fault { status, fault, .. }) => {
            assert_eq!(status, 500);
            assert_eq!(fault.code, "soap:Client");
            assert_eq!(fault.code_name(), "Client");
            assert!(fault.reason.starts_with("Server did not recognize"));
            assert_eq!(fault.node.as_deref(), Some("http://host/API.asmx"));
            assert_eq!(fault.detail.as_deref(), Some("<detail><e>1</e></detail>"));
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn soap12_fault_keeps_subcodes_reasons_node_role_detail() {
    let server = serve(|_| Answer::xml12(envelope(true, "soap", FAULT12)).status(500)).await;
    let c = client(&server.url)
        .soap_version(SoapVersion::Soap12)
        .build()
        .unwrap();
    match c.request_lens_pin_code_v2(Default::default()).await {
        Err(Error::Fault { fault, .. }) => {
            assert_eq!(fault.code, "soap:Sender");
            assert_eq!(fault.subcodes, ["a:One", "a:Two"]);
            assert_eq!(
                fault.reasons,
                [
                    (
                        "en".to_string(),
                        "Server was unable to read request.".to_string()
                    ),
                    ("de".into(), "Nein".into())
                ]
            );
            assert_eq!(fault.node.as_deref(), Some("n"));
            assert_eq!(fault.role.as_deref(), Some("r"));
            assert!(fault.detail.is_some());
        }
        other => panic!("{other:?}"),
    }
}

async fn broken(answer: fn() -> Answer) -> Error {
    let server = serve(move |_| answer()).await;
    let c = client(&server.url)
        .max_response_bytes(64 * 1024)
        .build()
        .unwrap();
    c.login("tech@example.com", "hunter2-password")
        .await
        .expect_err("refused")
}

#[tokio::test]
async fn broken_answers_become_typed_errors_without_secrets() {
    type Case = (fn() -> Answer, &'static str);
    let cases: Vec<Case> = vec![
        (
            || {
                Answer {
                    content_type: "text/html",
                    ..Answer::xml11(
                        "<html><body>Oops <sPassword>hunter2-password</sPassword></body></html>",
                    )
                }
                .status(502)
            },
            "expected content type",
        ),
        (|| Answer::xml11(""), "empty body"),
        (
            || {
                Answer::xml12(envelope(
                    true,
                    "soap",
                    &op_response("login", "login_OK", ""),
                ))
            },
            "expected content type",
        ),
        (
            || {
                Answer::xml11("<?xml version=\"1.0\"?><soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body><loginResp")
            },
            "malformed XML",
        ),
        (
            || {
                Answer::xml11(
                    "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"aaaa\">]><x>&a;</x>",
                )
            },
            "DTD",
        ),
        (
            || Answer::xml11(envelope(false, "soap", "<otherResponse xmlns=\"urn:x\"/>")),
            "expected element",
        ),
        (
            || {
                Answer::xml11(envelope(
                    true,
                    "soap",
                    &op_response("login", "login_OK", ""),
                ))
            },
            "SOAP 1.2",
        ),
        (|| Answer::xml11("x".repeat(100_000)), "cap"),
    ];
    for (answer, expected) in cases {
        let err = broken(answer).await;
        let text = format!("{err} {err:?}");
        assert!(text.contains(expected), "{expected}: {text}");
        assert!(!text.contains("hunter2"), "secret leaked: {text}");
    }
}

#[tokio::test]
async fn timeouts_apply() {
    let server = serve(|_| Answer {
        hang: true,
        ..Answer::xml11("")
    })
    .await;
    let c = client(&server.url)
        .timeout(Duration::from_millis(300))
        .build()
        .unwrap();
    let err = c
        .request_lens_pin_code_v2(Default::default())
        .await
        .unwrap_err();
    // The error says which call, where, in which phase, after how long.
    match &err {
        Error::Timeout {
            operation,
            url,
            phase,
            elapsed,
            deadline,
        } => {
            assert_eq!(*operation, "requestLensPINCodeV2");
            assert_eq!(url, &server.url);
            // The server never answers: the answer's headers never come.
            assert_eq!(*phase, logmein_rescue::runtime::Phase::Send);
            assert!(*elapsed >= Duration::from_millis(300));
            assert_eq!(*deadline, Duration::from_millis(300));
        }
        other => panic!("{other:?}"),
    }
    let text = err.to_string();
    assert!(
        text.contains(&server.url)
            && text.contains("awaiting the answer")
            && text.contains("deadline 0.3 s"),
        "{text}"
    );
}

#[tokio::test]
async fn a_refused_connection_names_the_url_and_the_phase() {
    // A port nobody listens on (bound, then closed).
    let url = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        format!(
            "http://user:pw@{}/API/API.asmx?token=x",
            listener.local_addr().unwrap()
        )
    };
    let err = client(&url)
        .build()
        .unwrap()
        .call(api::LogoutRequest {})
        .await
        .unwrap_err();
    match &err {
        Error::Transport {
            url: shown, phase, ..
        } => {
            assert_eq!(*phase, logmein_rescue::runtime::Phase::Connect);
            // No user, password or query in what is shown.
            assert!(!shown.contains("pw") && !shown.contains("token"), "{shown}");
        }
        other => panic!("{other:?}"),
    }
    assert!(!format!("{err} {err:?}").contains("pw@"), "{err}");
}

#[tokio::test]
async fn invalid_requests_never_reach_the_wire() {
    let server = serve(|_| Answer::xml11(envelope(false, "soap", &lens_ok("1")))).await;
    let c = client(&server.url).build().unwrap();
    let too_long = api::RequestLensPinCodeV2Request {
        c_field0: Some("x".repeat(65)),
        ..Default::default()
    };
    match c.request_lens_pin_code_v2(too_long).await {
        Err(Error::InvalidRequest(e)) => {
            assert_eq!(
                e.to_string(),
                "requestLensPINCodeV2: field `sCField0` breaks `maxLength 64`: has 65 characters"
            );
        }
        other => panic!("{other:?}"),
    }
    let lang = api::RequestLensPinCodeV3Request {
        lang_code: Some(api::LanguageCode::Unknown("xx".into())),
        ..Default::default()
    };
    let err = c.request_lens_pin_code_v3(lang).await.unwrap_err();
    assert!(err.to_string().contains("sLangCode"), "{err}");
    let control = api::RequestLensPinCodeV2Request {
        c_field1: Some("a\u{7}b".into()),
        ..Default::default()
    };
    let err = c.request_lens_pin_code_v2(control).await.unwrap_err();
    assert!(err.to_string().contains("U+0007"), "{err}");
    let pin = api::GenerateEmailTextRequest {
        pin_code: 1_000_000,
        auth_code: None,
    };
    let err = c.generate_email_text(pin).await.unwrap_err();
    assert!(err.to_string().contains("maxInclusive 999999"), "{err}");
    assert!(server.requests().is_empty());
}

#[tokio::test]
async fn plain_http_is_refused_unless_allowed() {
    let err = Client::builder()
        .endpoint("http://127.0.0.1:1/API/API.asmx")
        .build()
        .unwrap_err();
    assert!(err.to_string().contains("allow_http"));
    assert!(Client::builder()
        .eu()
        .build()
        .unwrap()
        .endpoint()
        .contains("logmeinrescue.eu"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_hundred_concurrent_calls_each_get_their_own_answer() {
    let server = serve(|s| {
        let start = s.body.find("<sCField0>").map(|i| i + 10).unwrap_or(0);
        let end = s.body.find("</sCField0>").unwrap_or(start);
        let id = &s.body[start..end];
        Answer::xml11(envelope(false, "soap", &lens_ok(id)))
    })
    .await;
    let c = client(&server.url).build().unwrap();
    let mut tasks = Vec::new();
    for i in 0..200 {
        let c = c.clone();
        tasks.push(tokio::spawn(async move {
            let req = api::RequestLensPinCodeV2Request {
                c_field0: Some(format!("{i:06}")),
                ..Default::default()
            };
            (i, c.request_lens_pin_code_v2(req).await)
        }));
    }
    for t in tasks {
        let (i, r) = t.await.unwrap();
        assert_eq!(r.unwrap().pin_code.clone().unwrap(), format!("{i:06}"));
    }
}

fn account_v2_ok() -> Answer {
    Answer::xml11(envelope(
        false,
        "soap",
        &op_response(
            "getAccount_v2",
            "getAccount_OK",
            "<iAccountID>1</iAccountID><iAdminID>2</iAdminID><iTechID>3</iTechID><bTcRunning>true</bTcRunning>",
        ),
    ))
}

/// HTTP 429/503 is `Error::Throttled` with the `Retry-After` delay; a retry policy
/// repeats only operations the overlay marks `retry_safe`, within its bounds.
#[tokio::test]
async fn throttled_answers_carry_retry_after_and_only_safe_calls_repeat() {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;
    let calls = Arc::new(AtomicUsize::new(0));
    let seen = calls.clone();
    // Busy twice (once with a delay in seconds, once without), then OK.
    let server = serve(move |_| match seen.fetch_add(1, Ordering::SeqCst) {
        0 => Answer::xml11("").status(429).header("Retry-After", "0"),
        1 => Answer::xml11("").status(503),
        _ => account_v2_ok(),
    })
    .await;
    let no_retry = client(&server.url).build().unwrap();
    let err = no_retry
        .get_account_v2(api::GetAccountV2Request::default())
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::Throttled { status: 429, retry_after: Some(d), .. } if d.is_zero()),
        "{err:?}"
    );
    let policy = logmein_rescue::runtime::RetryPolicy {
        max_retries: 2,
        default_delay: std::time::Duration::from_millis(10),
        max_delay: std::time::Duration::from_secs(1),
    };
    let retrying = client(&server.url).retry(policy).build().unwrap();
    let ok = retrying
        .get_account_v2(api::GetAccountV2Request::default())
        .await
        .expect("repeated after 503")
        .ok()
        .unwrap();
    assert!(ok.tc_running);
    assert_eq!(calls.load(Ordering::SeqCst), 3);

    // A PIN request is never repeated, whatever the policy.
    let busy = serve(|_| Answer::xml11("").status(429).header("Retry-After", "0")).await;
    let c = client(&busy.url).retry(policy).build().unwrap();
    let err = c
        .request_pin_code_v3(api::RequestPinCodeV3Request {
            node_id: 1,
            ..Default::default()
        })
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Throttled { .. }), "{err:?}");
    assert_eq!(busy.requests().len(), 1);
    // A wait longer than the policy allows is not taken.
    let slow = serve(|_| Answer::xml11("").status(503).header("Retry-After", "3600")).await;
    let c = client(&slow.url).retry(policy).build().unwrap();
    let err = c
        .get_account_v2(api::GetAccountV2Request::default())
        .await
        .unwrap_err();
    assert!(err.to_string().contains("retry after 3600 s"), "{err}");
    assert_eq!(slow.requests().len(), 1);
}

/// An API token goes out as `sAuthCode`; a token client never calls
/// `requestAuthCode` or `login`, and never prints the token.
#[tokio::test]
async fn api_token_is_the_credential_and_refuses_login_calls() {
    let server = serve(|_| account_v2_ok()).await;
    let c = client(&server.url)
        .api_token(logmein_rescue::ApiToken::new("tok-9f8e7d"))
        .build()
        .unwrap();
    assert!(c.uses_api_token());
    let _ = c
        .get_account_v2(api::GetAccountV2Request::default())
        .await
        .unwrap();
    assert!(server.requests()[0]
        .body
        .contains("<sAuthCode>tok-9f8e7d</sAuthCode>"));
    for err in [
        c.request_auth_code("a@b.c", "pw").await.unwrap_err(),
        c.login("a@b.c", "pw").await.map(|_| ()).unwrap_err(),
    ] {
        assert!(matches!(err, Error::Config(_)), "{err:?}");
        assert!(err.to_string().contains("API token"), "{err}");
    }
    assert_eq!(server.requests().len(), 1, "nothing else was sent");
    assert!(!format!("{c:?}").contains("tok-9f8e7d"));
}
