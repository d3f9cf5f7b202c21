//! HTTP: `POST /API/API.asmx` (SOAP 1.1 and 1.2), `GET /API/API.asmx?WSDL`, and the
//! control endpoints that play the customer and the Technician Console:
//!
//! | request | effect | answer |
//! |---|---|---|
//! | `POST /emulator/connect?pin=012345` | the customer enters a PIN | session id |
//! | `POST /emulator/connect?channel=200` | a customer comes in on the channel | session id |
//! | `POST /emulator/pickup?session=ID[&technician=NODE]` | a technician picks it up | `OK` |
//! | `POST /emulator/chat?session=ID&text=…` | the customer writes in the chat | `OK` |
//! | `POST /emulator/note?session=ID&text=…` | the technician's note is set | `OK` |
//! | `POST /emulator/console?email=…&running=false` | the console stops (or starts) | `OK` |
//! | `POST /emulator/api-token?email=…[&tokens_only=true]` | an admin issues an API token | the token |
//! | `GET /emulator/sessions` | every session, one tab-separated line each | text |

use std::convert::Infallible;
use std::sync::Arc;

use bytes::Bytes;
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Incoming;
use hyper::header::{HeaderValue, CONTENT_TYPE, COOKIE, SET_COOKIE};
use hyper::{Method, Request, Response, StatusCode};
use logmein_rescue::api;
use logmein_rescue::envelope::{self, FaultSide};
use logmein_rescue::runtime::{DispatchError, ServerContext};
use logmein_rescue::SoapVersion;

use crate::service::COOKIE_NAME;
use crate::Emulator;

type Answer = Response<Full<Bytes>>;

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

/// The WSDL with every `soap:address`/`soap12:address` pointing at `url`, so that
/// a generic SOAP tool reading the emulator's WSDL calls the emulator, never the
/// production host.
fn wsdl_at(wsdl: &str, url: &str) -> String {
    let mut out = String::with_capacity(wsdl.len());
    let mut rest = wsdl;
    while let Some(i) = rest.find(":address location=\"") {
        let value_start = i + ":address location=\"".len();
        let Some(len) = rest[value_start..].find('"') else {
            break;
        };
        out.push_str(&rest[..value_start]);
        out.push_str(url);
        rest = &rest[value_start + len..];
    }
    out.push_str(rest);
    out
}

/// The result value in a response envelope we wrote (`<loginResult>login_OK<`).
fn result_value<'a>(xml: &'a str, operation: &str) -> Option<&'a str> {
    let open = format!("<{operation}Result>");
    let start = xml.find(&open)? + open.len();
    let len = xml[start..].find('<')?;
    Some(&xml[start..start + len])
}

/// A `Host` header fit to put in a URL: host name or address, optional port.
fn is_host(h: &str) -> bool {
    !h.is_empty()
        && h.len() <= 255
        && h.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b':' | b'[' | b']'))
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
        local: Option<std::net::SocketAddr>,
    ) -> Result<Answer, Infallible> {
        let path = req.uri().path().to_ascii_lowercase();
        let query = req.uri().query().unwrap_or("").to_owned();
        let answer = match (req.method(), path.as_str()) {
            (&Method::GET, "/api/api.asmx") => {
                let host = req
                    .headers()
                    .get(hyper::header::HOST)
                    .and_then(|h| h.to_str().ok())
                    .filter(|h| is_host(h))
                    .map_or_else(
                        || local.map_or_else(|| "127.0.0.1".to_owned(), |a| a.to_string()),
                        str::to_owned,
                    );
                let url = format!("http://{host}/API/API.asmx");
                let op = form_urlencoded::parse(query.as_bytes())
                    .find(|(k, _)| k.eq_ignore_ascii_case("op"))
                    .map(|(_, v)| v.into_owned());
                if query.eq_ignore_ascii_case("wsdl") {
                    answer(
                        StatusCode::OK,
                        "text/xml; charset=utf-8",
                        wsdl_at(crate::WSDL, &url),
                    )
                } else if let Some(op) = op {
                    match crate::help::operation_page(&op, &url, "/API/API.asmx", &host) {
                        Some(page) => answer(StatusCode::OK, "text/html; charset=utf-8", page),
                        None => answer(
                            StatusCode::INTERNAL_SERVER_ERROR,
                            "text/html; charset=utf-8",
                            format!(
                                "<html><body>System.ArgumentException: No operation named {} exists on this service.</body></html>",
                                crate::help::escape(&op)
                            ),
                        ),
                    }
                } else {
                    answer(
                        StatusCode::OK,
                        "text/html; charset=utf-8",
                        crate::help::service_page(api::SERVICE),
                    )
                }
            }
            (_, p) if p.starts_with("/emulator/") => self.control(req.method(), p, &query),
            (&Method::POST, "/api/api.asmx") => self.soap(req).await,
            _ => not_found(),
        };
        Ok(answer)
    }

    /// The control endpoints (see the module docs).
    fn control(&self, method: &Method, path: &str, query: &str) -> Answer {
        let params: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes())
            .into_owned()
            .collect();
        let get = |k: &str| params.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
        let number = |k: &str| get(k).and_then(|v| v.parse::<i32>().ok());
        let text = |body: String| answer(StatusCode::OK, "text/plain; charset=utf-8", body);
        let missing = |what: &str| {
            answer(
                StatusCode::NOT_FOUND,
                "text/plain; charset=utf-8",
                what.to_owned(),
            )
        };
        let done = |ok: bool, what: &str| if ok { text("OK".into()) } else { missing(what) };
        match (method, path) {
            (&Method::POST, "/emulator/connect") => {
                let pin = get("pin")
                    .filter(|p| p.len() == 6)
                    .and_then(|p| p.parse::<u32>().ok());
                let id = match (pin, number("channel")) {
                    (Some(pin), _) => self.connect(pin),
                    (None, Some(channel)) => self.connect_channel(channel),
                    (None, None) => None,
                };
                match id {
                    Some(id) => text(id.to_string()),
                    None => missing("unknown PIN code or channel"),
                }
            }
            (&Method::POST, "/emulator/pickup") => match number("session") {
                Some(s) => done(
                    self.pick_up(s, number("technician")),
                    "no waiting session with this id",
                ),
                None => missing("expected ?session=ID"),
            },
            (&Method::POST, "/emulator/chat") => match (number("session"), get("text")) {
                (Some(s), Some(t)) => done(self.add_chat(s, t), "no session with this id"),
                _ => missing("expected ?session=ID&text=…"),
            },
            (&Method::POST, "/emulator/note") => match (number("session"), get("text")) {
                (Some(s), Some(t)) => done(self.set_note(s, t), "no session with this id"),
                _ => missing("expected ?session=ID&text=…"),
            },
            (&Method::POST, "/emulator/console") => match (get("email"), get("running")) {
                (Some(e), Some(r @ ("true" | "false"))) => done(
                    self.set_console_running(e, r == "true"),
                    "no user with this email",
                ),
                _ => missing("expected ?email=…&running=true|false"),
            },
            (&Method::POST, "/emulator/api-token") => {
                let only = get("tokens_only") == Some("true");
                match get("email").and_then(|e| self.issue_api_token(e, only)) {
                    Some(token) => text(token),
                    None => missing("no user with this email"),
                }
            }
            (&Method::GET, "/emulator/sessions") => {
                let mut out = String::from("id\tstatus\ttechnician\tchannel\tstarted_secs\n");
                for s in self.sessions() {
                    out.push_str(&format!(
                        "{}\t{}\t{}\t{}\t{}\n",
                        s.id,
                        s.status,
                        s.technician,
                        s.channel.unwrap_or(0),
                        s.started.as_secs()
                    ));
                }
                text(out)
            }
            _ => not_found(),
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
        let read = Limited::new(req.into_body(), self.max_body).collect();
        let body = match tokio::time::timeout(self.limits.body_read_timeout, read).await {
            Ok(Ok(b)) => b.to_bytes(),
            Ok(Err(_)) => {
                let v = declared.unwrap_or(SoapVersion::Soap11);
                return fault(v, FaultSide::Client, &format!("Server was unable to read request. ---> The request body exceeds {} bytes.", self.max_body));
            }
            Err(_) => {
                let v = declared.unwrap_or(SoapVersion::Soap11);
                return fault(v, FaultSide::Client, "Server was unable to read request. ---> The request body did not arrive in time.");
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
        // The operation is found in the generated registry, by its body element.
        let entry = api::OPERATIONS
            .iter()
            .find(|o| o.meta.request_element == element && o.meta.namespace == ns);
        let expected = entry.and_then(|o| o.meta.action(version));
        match (&action, expected) {
            (Some(action), Some(expected)) if action != expected => {
                return fault(
                    version,
                    FaultSide::Client,
                    &format!(
                        "Server did not recognize the value of HTTP Header SOAPAction: {action}."
                    ),
                )
            }
            (None, _) if version == SoapVersion::Soap11 => {
                return fault(
                    version,
                    FaultSide::Client,
                    "Server did not recognize the value of HTTP Header SOAPAction: .",
                )
            }
            _ => {}
        }
        let cookies = cookie
            .map(|c| vec![(COOKIE_NAME.to_owned(), c)])
            .unwrap_or_default();
        let mut ctx = ServerContext::new(version, cookies);
        let started = std::time::Instant::now();
        let outcome = api::dispatch(self, &mut ctx, &body).await;
        if self.log_calls {
            let result = match &outcome {
                Ok(xml) => result_value(xml, &element)
                    .unwrap_or("(no result)")
                    .to_owned(),
                Err(e) => format!("fault: {e}"),
            };
            // Operation, result and latency only: no request value, so no secret.
            eprintln!(
                "{element} ({version}) → {} in {:.1} ms",
                result.chars().take(120).collect::<String>(),
                started.elapsed().as_secs_f64() * 1000.0
            );
        }
        match outcome {
            Ok(xml) => {
                let mut a = answer(StatusCode::OK, content_type(version), xml);
                for (name, value) in &ctx.set_cookies {
                    if let Ok(c) = HeaderValue::from_str(&format!("{name}={value}; path=/; HttpOnly")) {
                        a.headers_mut().append(SET_COOKIE, c);
                    }
                }
                a
            }
            Err(DispatchError::UnknownOperation { namespace, element }) => fault(
                version,
                FaultSide::Client,
                &format!("Unable to handle request: unknown element {{{namespace}}}{element}."),
            ),
            Err(DispatchError::Decode(e)) => fault(
                version,
                FaultSide::Client,
                &format!("Server was unable to read request. ---> There is an error in XML document: {e}"),
            ),
            Err(DispatchError::Fault(f)) => fault(version, f.side, &f.reason),
            Err(DispatchError::Encode(e)) => fault(
                version,
                FaultSide::Server,
                &format!("Server was unable to process request. ---> {e}"),
            ),
        }
    }
}
