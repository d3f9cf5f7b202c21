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

/// A `requestLensPINCodeV2` answer with result OK and these children.
fn lens_pin_ok(children: &str) -> String {
    envelope(
        false,
        "soap",
        &op_response("requestLensPINCodeV2", "requestPINCode_OK", children),
    )
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
    let good = lens_pin_ok("<sPINCode>012345</sPINCode>");
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

/// Every end tag must close the element open there: in a value, in an element
/// kept as unknown, around the body, and none left over.
#[test]
fn end_tags_that_do_not_match_their_start_tags_are_malformed() {
    let good = lens_pin_ok("<sPINCode>012345</sPINCode><extra><a>1</a></extra>");
    assert!(decode_lens(good.as_bytes(), SoapVersion::Soap11).is_ok());
    for (from, to) in [
        ("012345</sPINCode>", "012345</sPinCode>"),
        ("<a>1</a>", "<a>1</b>"),
        ("</extra>", "</a>"),
        ("</soap:Body>", "</soap:Bod>"),
        ("</soap:Envelope>", "</soap:Envelope></soap:Envelope>"),
    ] {
        let bad = good.replacen(from, to, 1);
        assert_ne!(bad, good, "{from}");
        match decode_lens(bad.as_bytes(), SoapVersion::Soap11) {
            Err(DecodeResponseError::Decode(DecodeError::Malformed { .. })) => {}
            other => panic!("{to}: {other:?}"),
        }
    }
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
    let _ = c.call(api::LogoutRequest {}).await.unwrap();
    let _ = c.call(api::LogoutRequest {}).await.unwrap();
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

/// A server on 127.0.0.1 that reads each request (headers and Content-Length
/// body) and then lets `respond` write whatever it likes, bounded by the test.
async fn raw_server<F, Fut>(respond: F) -> String
where
    F: Fn(tokio::net::TcpStream) -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = ()> + Send + 'static,
{
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/API/API.asmx", listener.local_addr().unwrap());
    let respond = std::sync::Arc::new(respond);
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            let respond = respond.clone();
            tokio::spawn(async move {
                if support::read_request(&mut stream, &mut Vec::new())
                    .await
                    .is_some()
                {
                    respond(stream).await;
                }
            });
        }
    });
    url
}

const HEAD_XML: &str = "HTTP/1.1 200 OK\r\nContent-Type: text/xml; charset=utf-8\r\n";

/// `login` with a password against `url`: the typed error, checked for secrets.
async fn hostile_login(url: &str, timeout_ms: u64) -> Error {
    let err = Client::builder()
        .endpoint(url)
        .allow_http(true)
        .pacing(Pacing::Off)
        .max_response_bytes(1024 * 1024)
        .timeout(std::time::Duration::from_millis(timeout_ms))
        .build()
        .unwrap()
        .login("tech@example.com", "hunter2-password")
        .await
        .unwrap_err();
    let text = format!("{err} {err:?}");
    assert!(!text.contains("hunter2"), "secret in {text}");
    err
}

/// An answer that arrives in many small chunks, with pauses between them, is
/// read whole: the same typed response as in one piece.
#[tokio::test]
async fn an_answer_in_many_chunks_is_joined_before_decoding() {
    use tokio::io::AsyncWriteExt;
    let body = lens_pin_ok("<sPINCode>012345</sPINCode>");
    let url = raw_server(move |mut s| {
        let body = body.clone();
        async move {
            let head = format!("{HEAD_XML}Transfer-Encoding: chunked\r\n\r\n");
            if s.write_all(head.as_bytes()).await.is_err() {
                return;
            }
            for piece in body.as_bytes().chunks(7) {
                let mut chunk = format!("{:x}\r\n", piece.len()).into_bytes();
                chunk.extend_from_slice(piece);
                chunk.extend_from_slice(b"\r\n");
                if s.write_all(&chunk).await.is_err() || s.flush().await.is_err() {
                    return;
                }
                tokio::time::sleep(std::time::Duration::from_millis(1)).await;
            }
            let _ = s.write_all(b"0\r\n\r\n").await;
        }
    })
    .await;
    let response = client(&url)
        .request_lens_pin_code_v2(Default::default())
        .await
        .unwrap();
    assert_eq!(response.pin_code.as_deref(), Some("012345"));
}

#[tokio::test]
async fn endless_and_oversized_bodies_stop_at_the_cap() {
    use tokio::io::AsyncWriteExt;
    // Endless chunked stream: bounded on the server side too (64 MiB at most).
    let url = raw_server(|mut s| async move {
        let head = format!("{HEAD_XML}Transfer-Encoding: chunked\r\n\r\n");
        if s.write_all(head.as_bytes()).await.is_err() {
            return;
        }
        let chunk = format!("1000\r\n{}\r\n", "x".repeat(4096));
        for _ in 0..16 * 1024 {
            if s.write_all(chunk.as_bytes()).await.is_err() {
                return;
            }
        }
    })
    .await;
    let err = hostile_login(&url, 10_000).await;
    assert!(matches!(err, Error::TooLarge { .. }), "{err:?}");

    // A declared 50 MB body is refused before it is read.
    let url = raw_server(|mut s| async move {
        let head = format!("{HEAD_XML}Content-Length: 50000000\r\n\r\n<soap:Envelope");
        let _ = s.write_all(head.as_bytes()).await;
        tokio::time::sleep(std::time::Duration::from_secs(2)).await;
    })
    .await;
    let started = std::time::Instant::now();
    let err = hostile_login(&url, 10_000).await;
    assert!(matches!(err, Error::TooLarge { .. }), "{err:?}");
    assert!(started.elapsed() < std::time::Duration::from_secs(2));
}

#[tokio::test]
async fn a_gzip_bomb_is_never_inflated() {
    use tokio::io::AsyncWriteExt;
    static BOMB: &[u8] = include_bytes!("data/zeros-16MiB.gz");
    let url = raw_server(|mut s| async move {
        let head = format!(
            "{HEAD_XML}Content-Encoding: gzip\r\nContent-Length: {}\r\n\r\n",
            BOMB.len()
        );
        let _ = s.write_all(head.as_bytes()).await;
        let _ = s.write_all(BOMB).await;
    })
    .await;
    // Compressed, the bomb is far below the cap; it must stay compressed (the
    // client asks for no encoding and inflates none) and be refused as not XML.
    let err = hostile_login(&url, 10_000).await;
    assert!(matches!(err, Error::UnexpectedResponse { .. }), "{err:?}");
}

#[tokio::test]
async fn slow_truncated_reset_and_garbage_answers_are_typed_errors() {
    use tokio::io::AsyncWriteExt;
    // Slowloris answer: one byte every 100 ms; the deadline ends it.
    let url = raw_server(|mut s| async move {
        let answer = format!("{HEAD_XML}Content-Length: 400\r\n\r\n{}", "x".repeat(400));
        for b in answer.as_bytes() {
            if s.write_all(&[*b]).await.is_err() {
                return;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
    })
    .await;
    let started = std::time::Instant::now();
    let err = hostile_login(&url, 500).await;
    // The status line and headers trickle: the deadline passes before they end.
    assert!(
        matches!(
            err,
            Error::Timeout {
                phase: logmein_rescue::runtime::Phase::Send,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(started.elapsed() < std::time::Duration::from_secs(3));

    // A body shorter than its Content-Length, then the connection closes.
    let url = raw_server(|mut s| async move {
        let head = format!("{HEAD_XML}Content-Length: 1000\r\n\r\n<soap:Envelope");
        let _ = s.write_all(head.as_bytes()).await;
    })
    .await;
    let err = hostile_login(&url, 5_000).await;
    assert!(matches!(err, Error::Transport { .. }), "{err:?}");

    // The connection is closed without an answer.
    let url = raw_server(|s| async move { drop(s) }).await;
    let err = hostile_login(&url, 5_000).await;
    assert!(matches!(err, Error::Transport { .. }), "{err:?}");

    // Not HTTP at all.
    let url = raw_server(|mut s| async move {
        let _ = s.write_all(b"HTTQ/9.9 banana\r\n\r\n").await;
    })
    .await;
    let err = hostile_login(&url, 5_000).await;
    assert!(matches!(err, Error::Transport { .. }), "{err:?}");
}

#[test]
fn external_entities_and_entity_expansion_are_refused() {
    for doc in [
        "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>&xxe;</soap:Body></soap:Envelope>",
        "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\"><!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]><soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>&lol3;</soap:Body></soap:Envelope>",
    ] {
        match decode_lens(doc.as_bytes(), SoapVersion::Soap11) {
            Err(DecodeResponseError::Decode(DecodeError::Dtd)) => {}
            other => panic!("{other:?}"),
        }
    }
}

#[test]
fn a_flood_of_unknown_elements_is_refused_not_kept() {
    let flood = "<x>1</x>".repeat(Limits::DEFAULT.max_unknown_elements + 1);
    let body = envelope(
        false,
        "soap",
        &op_response("requestLensPINCodeV2", "requestPINCode_OK", &flood),
    );
    let err = decode_lens(body.as_bytes(), SoapVersion::Soap11).unwrap_err();
    assert_eq!(limit_of(&err), Some("max_unknown_elements"), "{err}");
    // Below the limit they are all returned.
    let some = "<x>1</x>".repeat(100);
    let body = envelope(
        false,
        "soap",
        &op_response("requestLensPINCodeV2", "requestPINCode_OK", &some),
    );
    let response =
        decode::<api::RequestLensPinCodeV2Request>(body.as_bytes(), SoapVersion::Soap11).unwrap();
    assert_eq!(response.unknown_elements().len(), 100);
}

#[tokio::test]
async fn limits_are_client_settings_and_a_foreign_charset_is_refused() {
    let nested = format!("{}{}", "<u>".repeat(10), "</u>".repeat(10));
    let body = envelope(
        false,
        "soap",
        &op_response("requestLensPINCodeV2", "requestPINCode_OK", &nested),
    );
    let server = serve(move |_| Answer::xml11(body.clone())).await;
    let base = || {
        Client::builder()
            .endpoint(&server.url)
            .allow_http(true)
            .pacing(Pacing::Off)
    };
    // Within the default depth: read, the nesting kept as an unknown element.
    let ok = base()
        .build()
        .unwrap()
        .request_lens_pin_code_v2(Default::default())
        .await;
    assert_eq!(ok.unwrap().unknown_elements().len(), 1);
    // A stricter depth set on the builder applies.
    let strict = Limits {
        max_depth: 8,
        ..Limits::DEFAULT
    };
    let err = base()
        .limits(strict)
        .build()
        .unwrap()
        .request_lens_pin_code_v2(Default::default())
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::UnexpectedResponse { decode: Some(d), .. }
            if matches!(**d, DecodeError::LimitExceeded { limit: "max_depth", max: 8, .. })),
        "{err:?}"
    );

    let latin1 = serve(|_| Answer {
        content_type: "text/xml; charset=ISO-8859-1",
        ..Answer::xml11(envelope(
            false,
            "soap",
            &op_response("logout", "logout_OK", ""),
        ))
    })
    .await;
    let err = Client::builder()
        .endpoint(&latin1.url)
        .allow_http(true)
        .build()
        .unwrap()
        .call(api::LogoutRequest {})
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::UnexpectedResponse { decode: Some(d), .. }
            if matches!(&**d, DecodeError::Encoding { encoding } if encoding == "iso-8859-1")),
        "{err:?}"
    );
}
