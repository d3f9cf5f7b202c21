//! Secrets stay out of logs, even at TRACE level where request and response bodies
//! are logged.

mod support;

use std::io::Write;
use std::sync::{Arc, Mutex};

use logmein_rescue::{api, Client, Pacing};
use support::{envelope, op_response, serve, Answer};

#[derive(Clone, Default)]
struct Buffer(Arc<Mutex<Vec<u8>>>);

impl Write for Buffer {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn trace_logs_show_calls_but_no_password_auth_code_or_cookie() {
    let buffer = Buffer::default();
    let writer = buffer.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(move || writer.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let server = serve(|s| {
        if s.body.contains("<login ") {
            Answer::xml11(envelope(
                false,
                "soap",
                &op_response("login", "login_OK", ""),
            ))
            .header("Set-Cookie", "ASP.NET_SessionId=COOKIE-VALUE-123; path=/")
        } else if s.body.contains("<requestAuthCode ") {
            Answer::xml11(envelope(
                false,
                "soap",
                &op_response(
                    "requestAuthCode",
                    "requestAuthCode_OK",
                    "<sAuthCode>AUTH-CODE-456</sAuthCode>",
                ),
            ))
        } else {
            Answer::xml11(envelope(
                false,
                "soap",
                &op_response(
                    "requestLensPINCodeV2",
                    "requestPINCode_OK",
                    "<sPINCode>012345</sPINCode>",
                ),
            ))
        }
    })
    .await;
    let client = Client::builder()
        .endpoint(&server.url)
        .allow_http(true)
        .pacing(Pacing::Off)
        .build()
        .unwrap();
    let _ = client
        .login("tech@example.com", "PASSWORD-789")
        .await
        .unwrap();
    let code = client
        .request_auth_code("tech@example.com", "PASSWORD-789")
        .await
        .unwrap();
    client.set_auth_code(Some(code));
    let _ = client
        .request_lens_pin_code_v2(api::RequestLensPinCodeV2Request::default())
        .await
        .unwrap();
    // The secrets did go over the wire …
    let seen = server.requests();
    assert!(seen[0].body.contains("PASSWORD-789"));
    assert_eq!(
        seen[2].header("cookie"),
        Some("ASP.NET_SessionId=COOKIE-VALUE-123")
    );
    assert!(seen[2].body.contains("AUTH-CODE-456"));

    // … but not into the logs, which do show the calls and their bodies.
    let logs = String::from_utf8(buffer.0.lock().unwrap().clone()).unwrap();
    assert!(
        logs.contains("soap_call") && logs.contains("requestLensPINCodeV2"),
        "{logs}"
    );
    assert!(logs.contains("<sPassword>***</sPassword>"), "{logs}");
    for secret in ["PASSWORD-789", "AUTH-CODE-456", "COOKIE-VALUE-123"] {
        assert!(!logs.contains(secret), "{secret} leaked into logs:\n{logs}");
    }
}
