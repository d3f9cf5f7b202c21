//! HTTP: `POST /API/API.asmx` (SOAP 1.1 and 1.2), `GET /API/API.asmx?WSDL`, and the
//! control endpoint `POST /emulator/connect?pin=012345`.

use std::convert::Infallible;
use std::sync::Arc;

use bytes::Bytes;
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Incoming;
use hyper::header::{HeaderValue, CONTENT_TYPE, COOKIE, SET_COOKIE};
use hyper::{Method, Request, Response, StatusCode};
use logmein_rescue::api::{self, NAMESPACE};
use logmein_rescue::envelope::{self, FaultSide};
use logmein_rescue::runtime::Operation;
use logmein_rescue::SoapVersion;

use crate::Emulator;

type Answer = Response<Full<Bytes>>;

const COOKIE_NAME: &str = "ASP.NET_SessionId";

fn answer(status: StatusCode, content_type: &'static str, body: impl Into<Bytes>) -> Answer {
    let mut r = Response::new(Full::new(body.into()));
    *r.status_mut() = status;
    r.headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
    r
}

fn content_type(version: SoapVersion) -> &'static str {
    match version {
        SoapVersion::Soap11 => "text/xml; charset=utf-8",
        SoapVersion::Soap12 => "application/soap+xml; charset=utf-8",
    }
}

fn fault(version: SoapVersion, side: FaultSide, reason: &str) -> Answer {
    tracing::debug!(%version, reason, "fault");
    answer(
        StatusCode::INTERNAL_SERVER_ERROR,
        content_type(version),
        envelope::encode_fault(version, side, reason),
    )
}

fn not_found() -> Answer {
    answer(
        StatusCode::NOT_FOUND,
        "text/html; charset=utf-8",
        "<html><body><h1>404 Not Found</h1></body></html>",
    )
}

/// The SOAP version a body's envelope namespace names, if any.
fn version_of_body(body: &[u8]) -> Option<SoapVersion> {
    let text = String::from_utf8_lossy(&body[..body.len().min(2048)]);
    if text.contains("http://www.w3.org/2003/05/soap-envelope") {
        Some(SoapVersion::Soap12)
    } else if text.contains("http://schemas.xmlsoap.org/soap/envelope/") {
        Some(SoapVersion::Soap11)
    } else {
        None
    }
}

fn session_cookie(req: &Request<Incoming>) -> Option<String> {
    req.headers()
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|v| {
            v.split(';').find_map(|pair| {
                let (k, val) = pair.trim().split_once('=')?;
                (k == COOKIE_NAME).then(|| val.to_owned())
            })
        })
}

impl Emulator {
    pub(crate) async fn handle(
        self: Arc<Self>,
        req: Request<Incoming>,
    ) -> Result<Answer, Infallible> {
        let path = req.uri().path().to_ascii_lowercase();
        let query = req.uri().query().unwrap_or("").to_owned();
        let answer = match (req.method(), path.as_str()) {
            (&Method::GET, "/api/api.asmx") if query.eq_ignore_ascii_case("wsdl") => {
                answer(StatusCode::OK, "text/xml; charset=utf-8", crate::WSDL)
            }
            (&Method::POST, "/emulator/connect") => self.control_connect(&query),
            (&Method::POST, "/api/api.asmx") => self.soap(req).await,
            _ => not_found(),
        };
        Ok(answer)
    }

    fn control_connect(&self, query: &str) -> Answer {
        let pin = query
            .split('&')
            .find_map(|kv| kv.strip_prefix("pin="))
            .filter(|p| p.len() == 6)
            .and_then(|p| p.parse::<u32>().ok());
        match pin.and_then(|p| self.connect(p)) {
            Some(id) => answer(StatusCode::OK, "text/plain; charset=utf-8", id.to_string()),
            None => answer(
                StatusCode::NOT_FOUND,
                "text/plain; charset=utf-8",
                "unknown PIN code",
            ),
        }
    }

    async fn soap(&self, req: Request<Incoming>) -> Answer {
        let ct = req
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned();
        let media = ct
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        let declared = if media == "text/xml" {
            Some(SoapVersion::Soap11)
        } else if media == "application/soap+xml" {
            Some(SoapVersion::Soap12)
        } else {
            None
        };
        let soap_action = req
            .headers()
            .get("soapaction")
            .and_then(|v| v.to_str().ok())
            .map(|v| v.trim().trim_matches('"').to_owned());
        let action_param = ct
            .split(';')
            .find_map(|p| p.trim().strip_prefix("action="))
            .map(|a| a.trim_matches('"').to_owned());
        let cookie = session_cookie(&req);
        let body = match Limited::new(req.into_body(), self.max_body).collect().await {
            Ok(b) => b.to_bytes(),
            Err(_) => {
                let v = declared.unwrap_or(SoapVersion::Soap11);
                return fault(v, FaultSide::Client, &format!("Server was unable to read request. ---> The request body exceeds {} bytes.", self.max_body));
            }
        };
        let Some(version) = declared else {
            let v = version_of_body(&body).unwrap_or(SoapVersion::Soap11);
            return fault(v, FaultSide::Client, &format!("Unsupported Media Type `{ct}`: expected text/xml (SOAP 1.1) or application/soap+xml (SOAP 1.2)."));
        };
        if let Some(other) = version_of_body(&body).filter(|v| *v != version) {
            return fault(version, FaultSide::Client, &format!("Possible SOAP version mismatch: the envelope is {other}, the content type says {version}."));
        }
        let (ns, element) = match envelope::body_element(&body, version) {
            Ok(x) => x,
            Err(e) => return fault(version, FaultSide::Client, &format!("Server was unable to read request. ---> There is an error in XML document: {e}")),
        };
        let action = match version {
            SoapVersion::Soap11 => soap_action.clone(),
            SoapVersion::Soap12 => action_param,
        };
        if let Some(action) = &action {
            if *action != format!("{NAMESPACE}/{element}") {
                return fault(
                    version,
                    FaultSide::Client,
                    &format!(
                        "Server did not recognize the value of HTTP Header SOAPAction: {action}."
                    ),
                );
            }
        } else if version == SoapVersion::Soap11 {
            return fault(
                version,
                FaultSide::Client,
                "Server did not recognize the value of HTTP Header SOAPAction: .",
            );
        }
        if ns != NAMESPACE {
            return fault(
                version,
                FaultSide::Client,
                &format!("Unable to handle request: unknown element {{{ns}}}{element}."),
            );
        }
        let cookie = cookie.as_deref();
        let now = self.clock.now();
        match element.as_str() {
            "login" => self.run::<api::LoginRequest>(&body, version, |s, r| s.login(now, r)),
            "logout" => self.run::<api::LogoutRequest>(&body, version, |s, _| (s.logout(now, cookie), None)),
            "requestAuthCode" => self.run::<api::RequestAuthCodeRequest>(&body, version, |s, r| (s.request_auth_code(now, r), None)),
            "requestPINCode" => self.run::<api::RequestPinCodeRequest>(&body, version, |s, r| (s.request_pin_code(now, cookie, r), None)),
            "requestPINCodeV3" => self.run::<api::RequestPinCodeV3Request>(&body, version, |s, r| (s.request_pin_code_v3(now, cookie, r), None)),
            "requestLensPINCodeV2" => self.run::<api::RequestLensPinCodeV2Request>(&body, version, |s, r| (s.request_lens_pin_code_v2(now, cookie, r), None)),
            "requestLensPINCodeV3" => self.run::<api::RequestLensPinCodeV3Request>(&body, version, |s, r| (s.request_lens_pin_code_v3(now, cookie, r), None)),
            "generateEmailText" => self.run::<api::GenerateEmailTextRequest>(&body, version, |s, r| (s.generate_email_text(now, cookie, r), None)),
            "startSession" => self.run::<api::StartSessionRequest>(&body, version, |s, r| (s.start_session(now, cookie, r), None)),
            other => fault(version, FaultSide::Client, &format!("Server did not recognize the value of HTTP Header SOAPAction: {NAMESPACE}/{other}.")),
        }
    }

    /// Decodes the request of `O`, lets the state answer, and encodes the response.
    fn run<O: Operation>(
        &self,
        body: &[u8],
        version: SoapVersion,
        f: impl FnOnce(&mut crate::state::State, &O) -> (O::Response, Option<String>),
    ) -> Answer {
        let request = match envelope::decode_request::<O>(body, version) {
            Ok(r) => r.into_inner(),
            Err(e) => return fault(version, FaultSide::Client, &format!("Server was unable to read request. ---> There is an error in XML document: {e}")),
        };
        let (response, cookie) = f(&mut self.state(), &request);
        match envelope::encode_response::<O>(&response, version) {
            Ok(xml) => {
                let mut a = answer(StatusCode::OK, content_type(version), xml);
                if let Some(c) = cookie.and_then(|c| {
                    HeaderValue::from_str(&format!("{COOKIE_NAME}={c}; path=/; HttpOnly")).ok()
                }) {
                    a.headers_mut().insert(SET_COOKIE, c);
                }
                a
            }
            Err(e) => fault(
                version,
                FaultSide::Server,
                &format!("Server was unable to process request. ---> {e}"),
            ),
        }
    }
}
