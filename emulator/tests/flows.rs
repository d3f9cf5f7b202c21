//! The client against the emulator over loopback HTTP, in both SOAP versions.

use std::sync::Arc;
use std::time::Duration;

use logmein_rescue::{api, AuthCode, Client, Error, Pacing, PinCode, SoapVersion};
use rescue_emulator::{default_accounts, parse_accounts, Emulator, ManualClock, Running};

const VERSIONS: [SoapVersion; 2] = [SoapVersion::Soap11, SoapVersion::Soap12];

struct Setup {
    running: Running,
    clock: Arc<ManualClock>,
}

impl Setup {
    async fn new() -> Self {
        Self::with_accounts(default_accounts()).await
    }
    async fn with_accounts(accounts: Vec<rescue_emulator::Account>) -> Self {
        let clock = Arc::new(ManualClock::default());
        let running = Emulator::with_clock(accounts, clock.clone())
            .start("127.0.0.1:0")
            .await
            .unwrap();
        Setup { running, clock }
    }
    fn client(&self, version: SoapVersion) -> Client {
        Client::builder()
            .endpoint(self.running.url())
            .allow_http(true)
            .soap_version(version)
            .pacing(Pacing::Off)
            .build()
            .unwrap()
    }
    fn tick(&self) {
        self.clock.advance(Duration::from_millis(1500));
    }
}

#[tokio::test]
async fn full_flow_in_both_soap_versions() {
    for version in VERSIONS {
        let s = Setup::new().await;
        let tech = s.client(version);
        let code = tech
            .request_auth_code("tech@example.com", "tech-password")
            .await
            .unwrap();
        tech.set_auth_code(Some(code));
        let lens = tech
            .request_lens_pin_code_v2(api::RequestLensPinCodeV2Request {
                c_field0: Some("Alice".into()),
                ..Default::default()
            })
            .await
            .unwrap()
            .ok()
            .unwrap();
        let pin: PinCode = lens.pin_code.as_deref().unwrap().parse().unwrap();
        let email = tech
            .generate_email_text(api::GenerateEmailTextRequest {
                pin_code: pin.as_int(),
                auth_code: None,
            })
            .await
            .unwrap()
            .ok()
            .unwrap();
        assert!(
            email.link.as_deref().unwrap().ends_with(&pin.to_string()),
            "{version}"
        );
        let session = s.running.emulator().connect(pin.as_int() as u32).unwrap();

        let admin = s.client(version);
        let _ = admin
            .login("admin@example.com", "admin-password")
            .await
            .unwrap()
            .ok()
            .unwrap();
        let started = admin
            .start_session(api::StartSessionRequest {
                session,
                node: 1001,
                auth_code: None,
            })
            .await
            .unwrap();
        assert_eq!(started.result, api::StartSessionRet::Ok, "{version}");
        assert_eq!(admin.logout().await.unwrap().result, api::LogoutRet::Ok);
        assert!(s.running.emulator().waiting().is_empty());
    }
}

#[tokio::test]
async fn login_results_and_limit() {
    let s = Setup::new().await;
    let c = s.client(SoapVersion::Soap11);
    assert_eq!(
        c.login("tech@example.com", "wrong").await.unwrap().result,
        api::LoginRet::Invalid
    );
    assert_eq!(
        c.login("disabled@example.com", "disabled-password")
            .await
            .unwrap()
            .result,
        api::LoginRet::Invalid
    );
    for _ in 0..10 {
        assert_eq!(
            c.login("tech@example.com", "tech-password")
                .await
                .unwrap()
                .result,
            api::LoginRet::Ok
        );
    }
    assert_eq!(
        c.login("tech@example.com", "tech-password")
            .await
            .unwrap()
            .result,
        api::LoginRet::LimitReached
    );
    s.clock.advance(Duration::from_secs(181));
    assert_eq!(
        c.login("tech@example.com", "tech-password")
            .await
            .unwrap()
            .result,
        api::LoginRet::Ok
    );
}

#[tokio::test]
async fn sessions_expire_after_twenty_idle_minutes() {
    for version in VERSIONS {
        let s = Setup::new().await;
        let c = Client::builder()
            .endpoint(s.running.url())
            .allow_http(true)
            .soap_version(version)
            .pacing(Pacing::Off)
            .relogin(false)
            .build()
            .unwrap();
        let _ = c.login("tech@example.com", "tech-password").await.unwrap();
        assert_eq!(
            c.request_lens_pin_code_v2(Default::default())
                .await
                .unwrap()
                .result,
            api::RequestLensPinCodeRet::Ok
        );
        s.clock.advance(Duration::from_secs(19 * 60));
        assert_eq!(
            c.request_lens_pin_code_v2(Default::default())
                .await
                .unwrap()
                .result,
            api::RequestLensPinCodeRet::Ok
        );
        s.clock.advance(Duration::from_secs(20 * 60 + 1));
        assert_eq!(
            c.request_lens_pin_code_v2(Default::default())
                .await
                .unwrap()
                .result,
            api::RequestLensPinCodeRet::NotLoggedIn
        );
        assert_eq!(
            c.logout().await.unwrap().result,
            api::LogoutRet::NotLoggedIn
        );
    }
}

#[tokio::test]
async fn client_logs_in_again_after_expiry() {
    let s = Setup::new().await;
    let c = s.client(SoapVersion::Soap12);
    let _ = c.login("tech@example.com", "tech-password").await.unwrap();
    s.clock.advance(Duration::from_secs(21 * 60));
    let r = c
        .request_lens_pin_code_v2(Default::default())
        .await
        .unwrap();
    assert_eq!(r.result, api::RequestLensPinCodeRet::Ok);
}

#[tokio::test]
async fn pin_results() {
    let accounts = parse_accounts(
        "[[account]]\nemail = \"nolens@example.com\"\npassword = \"p\"\nrole = \"technician\"\nnode_id = 2001\n\n\
         [[account]]\nemail = \"nosms@example.com\"\npassword = \"p\"\nrole = \"technician\"\nnode_id = 2002\nlens = true\n",
    )
    .unwrap();
    let s = Setup::with_accounts(accounts).await;
    let c = s.client(SoapVersion::Soap11);
    use api::RequestLensPinCodeV3Ret as V3;
    let v3 = |phone: Option<&str>| api::RequestLensPinCodeV3Request {
        phone_number: phone.map(Into::into),
        lang_code: Some(api::LanguageCode::De),
        ..Default::default()
    };
    // not logged in, bad auth code, then a disabled user
    assert_eq!(
        c.request_lens_pin_code_v3(v3(None)).await.unwrap().result,
        V3::NotLoggedIn
    );
    c.set_auth_code(Some(AuthCode::new("bogus")));
    assert_eq!(
        c.request_lens_pin_code_v3(v3(None)).await.unwrap().result,
        V3::InvalidSecretAuthCode
    );
    let code = c
        .request_auth_code("tech@example.com", "tech-password")
        .await
        .unwrap();
    c.set_auth_code(Some(code));
    assert!(s.running.emulator().set_disabled("tech@example.com", true));
    assert_eq!(
        c.request_lens_pin_code_v3(v3(None)).await.unwrap().result,
        V3::UserDeletedOrDisabled
    );
    s.running.emulator().set_disabled("tech@example.com", false);
    // OK with an SMS, rate limit, bad phone
    let ok = c
        .request_lens_pin_code_v3(v3(Some("+3612345678")))
        .await
        .unwrap();
    assert_eq!(ok.result, V3::Ok);
    assert_eq!(ok.pin_code.as_deref().map(str::len), Some(6));
    assert_eq!(
        c.request_lens_pin_code_v3(v3(None)).await.unwrap().result,
        V3::PollRateExceeded
    );
    s.tick();
    assert_eq!(
        c.request_lens_pin_code_v3(v3(Some("12ab")))
            .await
            .unwrap()
            .result,
        V3::InvalidPhoneNumber
    );
    // no Lens access / no SMS left / not a technician
    let other = s.client(SoapVersion::Soap11);
    let _ = other.login("nolens@example.com", "p").await.unwrap();
    assert_eq!(
        other
            .request_lens_pin_code_v3(v3(None))
            .await
            .unwrap()
            .result,
        V3::NoAccessToLens
    );
    // a non-Lens PIN works for that user, as an int
    let int_pin = other.request_pin_code(Default::default()).await.unwrap();
    assert_eq!(int_pin.result, api::RequestPinCodeRet::Ok);
    assert!(PinCode::from_int(int_pin.pin_code).is_ok());
    let nosms = s.client(SoapVersion::Soap11);
    let _ = nosms.login("nosms@example.com", "p").await.unwrap();
    assert_eq!(
        nosms
            .request_lens_pin_code_v3(v3(Some("+3612345678")))
            .await
            .unwrap()
            .result,
        V3::NoMoreSms
    );
    let admin = s.client(SoapVersion::Soap11);
    let _ = admin
        .login("admin@example.com", "admin-password")
        .await
        .unwrap();
    assert_eq!(
        admin
            .request_lens_pin_code_v2(Default::default())
            .await
            .unwrap()
            .result,
        api::RequestLensPinCodeRet::NotTechnician
    );
    // V3 for a technician's node
    s.tick();
    let r = c
        .request_pin_code_v3(api::RequestPinCodeV3Request {
            node_id: 1001,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(r.result, api::RequestPinCodeRet::Ok);
    s.tick();
    let r = c
        .request_pin_code_v3(api::RequestPinCodeV3Request {
            node_id: 4242,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(r.result, api::RequestPinCodeRet::Error);
}

#[tokio::test]
async fn pins_are_unique() {
    let s = Setup::new().await;
    let c = s.client(SoapVersion::Soap11);
    let _ = c.login("tech@example.com", "tech-password").await.unwrap();
    let mut seen = std::collections::HashSet::new();
    for _ in 0..200 {
        s.tick();
        let pin = c
            .request_lens_pin_code_v2(Default::default())
            .await
            .unwrap()
            .pin_code
            .clone()
            .unwrap();
        assert!(pin.len() == 6 && seen.insert(pin));
    }
}

#[tokio::test]
async fn email_text_results() {
    let s = Setup::new().await;
    let c = s.client(SoapVersion::Soap12);
    let req = |pin| api::GenerateEmailTextRequest {
        pin_code: pin,
        auth_code: None,
    };
    use api::GenerateEmailTextRet as E;
    assert_eq!(
        c.generate_email_text(req(1)).await.unwrap().result,
        E::NotLoggedIn
    );
    let _ = c.login("tech@example.com", "tech-password").await.unwrap();
    let pin: PinCode = c
        .request_lens_pin_code_v2(Default::default())
        .await
        .unwrap()
        .pin_code
        .as_deref()
        .unwrap()
        .parse()
        .unwrap();
    let other = (pin.as_int() + 1) % 1_000_000;
    assert_eq!(
        c.generate_email_text(req(other)).await.unwrap().result,
        E::Error,
        "not this user's PIN"
    );
    assert_eq!(
        c.generate_email_text(req(pin.as_int()))
            .await
            .unwrap()
            .result,
        E::Error,
        "more than one call per second"
    );
    s.tick();
    assert_eq!(
        c.generate_email_text(req(pin.as_int()))
            .await
            .unwrap()
            .result,
        E::Ok
    );
    let admin = s.client(SoapVersion::Soap12);
    let _ = admin
        .login("admin@example.com", "admin-password")
        .await
        .unwrap();
    assert_eq!(
        admin
            .generate_email_text(req(pin.as_int()))
            .await
            .unwrap()
            .result,
        E::NotTechnician
    );
}

#[tokio::test]
async fn start_session_results() {
    let s = Setup::new().await;
    let tech = s.client(SoapVersion::Soap11);
    let _ = tech
        .login("tech@example.com", "tech-password")
        .await
        .unwrap();
    let req = |session| api::StartSessionRequest {
        session,
        node: 1001,
        auth_code: None,
    };
    use api::StartSessionRet as S;
    assert_eq!(
        tech.start_session(req(1)).await.unwrap().result,
        S::NotLoggedInAsAdmin
    );
    let admin = s.client(SoapVersion::Soap11);
    assert_eq!(
        admin.start_session(req(1)).await.unwrap().result,
        S::NotLoggedInAsAdmin
    );
    admin.set_auth_code(Some(AuthCode::new("nope")));
    assert_eq!(
        admin.start_session(req(1)).await.unwrap().result,
        S::InvalidSecretAuthCode
    );
    admin.set_auth_code(None);
    let _ = admin
        .login("admin@example.com", "admin-password")
        .await
        .unwrap();
    assert_eq!(
        admin.start_session(req(1)).await.unwrap().result,
        S::ActionFailed
    );
    assert!(
        s.running.emulator().connect(999_999).is_none()
            || s.running.emulator().waiting().len() == 1
    );
}

async fn post(
    url: &str,
    content_type: &str,
    action: Option<&str>,
    body: impl Into<reqwest::Body>,
) -> (u16, String, String) {
    let mut r = reqwest::Client::new()
        .post(url)
        .header("Content-Type", content_type)
        .body(body);
    if let Some(a) = action {
        r = r.header("SOAPAction", a);
    }
    let resp = r.send().await.unwrap();
    let status = resp.status().as_u16();
    let ct = resp
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    (status, ct, resp.text().await.unwrap())
}

#[tokio::test]
async fn framework_errors_are_faults_in_the_requests_soap_version() {
    let s = Setup::new().await;
    let url = s.running.url();
    let env11 = Client::builder()
        .build()
        .unwrap()
        .envelope(&api::LogoutRequest {}, SoapVersion::Soap11)
        .unwrap();
    let env12 = Client::builder()
        .build()
        .unwrap()
        .envelope(&api::LogoutRequest {}, SoapVersion::Soap12)
        .unwrap();
    let action = env11.soap_action.clone();
    // malformed XML
    let (st, ct, body) = post(&url, "text/xml; charset=utf-8", action.as_deref(), "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body><logout").await;
    assert_eq!((st, ct.as_str()), (500, "text/xml; charset=utf-8"));
    assert!(
        body.contains("<faultcode>soap:Client</faultcode>")
            && body.contains("unable to read request"),
        "{body}"
    );
    // SOAPAction that does not match the body
    let (st, _, body) = post(
        &url,
        "text/xml; charset=utf-8",
        Some("\"https://secure.logmeinrescue.com/API/API.asmx/login\""),
        env11.body.clone(),
    )
    .await;
    assert!(
        st == 500 && body.contains("did not recognize the value of HTTP Header SOAPAction"),
        "{body}"
    );
    // unknown operation
    let unknown = env11.body.replace("logout", "getEverything");
    let (st, _, body) = post(
        &url,
        "text/xml; charset=utf-8",
        Some("\"https://secure.logmeinrescue.com/API/API.asmx/getEverything\""),
        unknown,
    )
    .await;
    assert!(st == 500 && body.contains("soap:Client"), "{body}");
    // wrong content type: a fault in the envelope's version
    let (st, ct, body) = post(&url, "application/json", None, env12.body.clone()).await;
    assert_eq!(
        (st, ct.as_str()),
        (500, "application/soap+xml; charset=utf-8")
    );
    assert!(
        body.contains("<soap:Value>soap:Sender</soap:Value>"),
        "{body}"
    );
    // over the size cap
    let big = format!("{}{}", env11.body, " ".repeat(2 * 1024 * 1024));
    let (st, _, body) = post(&url, "text/xml; charset=utf-8", action.as_deref(), big).await;
    assert!(st == 500 && body.contains("exceeds"), "{body}");
    // the client turns such a fault into Error::Fault
    let c = s.client(SoapVersion::Soap12);
    let wrong = api::StartSessionRequest {
        session: 1,
        node: 1,
        auth_code: None,
    };
    assert!(c.start_session(wrong).await.is_ok());
    // WSDL
    let wsdl = reqwest::get(format!("{url}?WSDL"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(wsdl.contains("<wsdl:service name=\"API\">"));
    // control endpoint
    let resp = reqwest::Client::new()
        .post(url.replace("/API/API.asmx", "/emulator/connect?pin=000000"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 404);
    let _ = Error::Config(String::new());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_hundred_concurrent_clients() {
    let s = Arc::new(Setup::new().await);
    let mut tasks = Vec::new();
    for i in 0..200 {
        let s = s.clone();
        tasks.push(tokio::spawn(async move {
            let version = VERSIONS[i % 2];
            let c = s.client(version);
            let r = c
                .request_auth_code("admin@example.com", "admin-password")
                .await;
            // one auth code per second per user: some answer PollRateExceeded, none fail
            match r {
                Ok(code) => {
                    c.set_auth_code(Some(code));
                    let r = c
                        .start_session(api::StartSessionRequest {
                            session: i as i32 + 1,
                            node: 1001,
                            auth_code: None,
                        })
                        .await
                        .unwrap();
                    assert_eq!(r.result, api::StartSessionRet::ActionFailed);
                    true
                }
                Err(Error::Rejected { value, .. }) => {
                    assert_eq!(value, "requestAuthCode_PollRateExceeded");
                    false
                }
                Err(e) => panic!("{e}"),
            }
        }));
    }
    let mut ok = 0;
    for t in tasks {
        ok += usize::from(t.await.unwrap());
    }
    assert_eq!(
        ok, 1,
        "the manual clock never moves, so exactly one auth code is issued"
    );
}

#[tokio::test]
async fn a_burst_with_default_pacing_never_earns_poll_rate_exceeded() {
    // Real clock on both sides: the client's pacing (1 s + margin) against the
    // emulator's one-PIN-per-second rule.
    let running = Emulator::default().start("127.0.0.1:0").await.unwrap();
    let c = Client::builder()
        .endpoint(running.url())
        .allow_http(true)
        .build()
        .unwrap();
    let _ = c.login("tech@example.com", "tech-password").await.unwrap();
    let burst: Vec<_> = (0..3)
        .map(|_| {
            let c = c.clone();
            tokio::spawn(async move { c.request_lens_pin_code_v2(Default::default()).await })
        })
        .collect();
    for t in burst {
        assert_eq!(
            t.await.unwrap().unwrap().result,
            api::RequestLensPinCodeRet::Ok
        );
    }
}

#[tokio::test]
async fn garbage_never_takes_the_emulator_down() {
    let s = Setup::new().await;
    let url = s.running.url();
    let valid = Client::builder()
        .build()
        .unwrap()
        .envelope(&api::LogoutRequest {}, SoapVersion::Soap11)
        .unwrap()
        .body;
    // A small deterministic generator: no extra dependency, same inputs every run.
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    for i in 0..150 {
        let mut body = valid.clone().into_bytes();
        match i % 3 {
            0 => body.truncate((next() as usize) % body.len()),
            1 => {
                for _ in 0..8 {
                    let at = (next() as usize) % body.len();
                    body[at] = next() as u8;
                }
            }
            _ => body = (0..(next() % 300)).map(|_| next() as u8).collect(),
        }
        let ct = if i % 2 == 0 {
            "text/xml; charset=utf-8"
        } else {
            "application/soap+xml; charset=utf-8"
        };
        let (status, _, _) = post(
            &url,
            ct,
            Some("\"https://secure.logmeinrescue.com/API/API.asmx/logout\""),
            body,
        )
        .await;
        assert!(status == 500 || status == 200, "status {status}");
    }
    // Still serving.
    assert_eq!(
        s.client(SoapVersion::Soap12).logout().await.unwrap().result,
        api::LogoutRet::NotLoggedIn
    );
}
