//! A small HTTP/1.1 server on 127.0.0.1 for client tests: each request is handed to
//! a closure that returns the answer. Bounded: it serves until the test ends.

#![allow(dead_code)]

use std::sync::{Arc, Mutex};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// A request as the server saw it.
#[derive(Debug, Clone, Default)]
pub struct Seen {
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Seen {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// What to answer.
pub struct Answer {
    pub status: u16,
    pub content_type: &'static str,
    pub headers: Vec<(&'static str, String)>,
    pub body: String,
    /// Never answer (for timeout tests).
    pub hang: bool,
}

impl Answer {
    pub fn xml11(body: impl Into<String>) -> Self {
        Answer {
            status: 200,
            content_type: "text/xml; charset=utf-8",
            headers: vec![],
            body: body.into(),
            hang: false,
        }
    }
    pub fn xml12(body: impl Into<String>) -> Self {
        Answer {
            status: 200,
            content_type: "application/soap+xml; charset=utf-8",
            headers: vec![],
            body: body.into(),
            hang: false,
        }
    }
    pub fn status(mut self, status: u16) -> Self {
        self.status = status;
        self
    }
    pub fn header(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.headers.push((name, value.into()));
        self
    }
}

pub type Handler = dyn Fn(&Seen) -> Answer + Send + Sync;

pub struct Server {
    pub url: String,
    pub seen: Arc<Mutex<Vec<Seen>>>,
}

impl Server {
    pub fn requests(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }
}

pub async fn serve(handler: impl Fn(&Seen) -> Answer + Send + Sync + 'static) -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let handler: Arc<Handler> = Arc::new(handler);
    let seen2 = seen.clone();
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            let handler = handler.clone();
            let seen = seen2.clone();
            tokio::spawn(async move {
                let mut buf = Vec::new();
                // One request per iteration (keep-alive).
                while let Some(request) = read_request(&mut stream, &mut buf).await {
                    seen.lock().unwrap().push(request.clone());
                    let answer = handler(&request);
                    if answer.hang {
                        tokio::time::sleep(std::time::Duration::from_secs(30)).await;
                        return;
                    }
                    let mut out = format!(
                        "HTTP/1.1 {} X\r\nContent-Type: {}\r\nContent-Length: {}\r\n",
                        answer.status,
                        answer.content_type,
                        answer.body.len()
                    );
                    for (k, v) in &answer.headers {
                        out.push_str(&format!("{k}: {v}\r\n"));
                    }
                    out.push_str("\r\n");
                    out.push_str(&answer.body);
                    if stream.write_all(out.as_bytes()).await.is_err() {
                        return;
                    }
                }
            });
        }
    });
    Server {
        url: format!("http://{addr}/API/API.asmx"),
        seen,
    }
}

/// Reads one request (head and a `Content-Length` body) from `stream`; bytes that
/// follow stay in `buf` for the next one. `None` when the peer closes first.
pub async fn read_request(stream: &mut TcpStream, buf: &mut Vec<u8>) -> Option<Seen> {
    let header_end = loop {
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
        let mut chunk = [0u8; 8192];
        match stream.read(&mut chunk).await {
            Ok(0) | Err(_) => return None,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
        }
    };
    let head = String::from_utf8_lossy(&buf[..header_end]).to_string();
    let headers: Vec<(String, String)> = head
        .lines()
        .skip(1)
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    let len: usize = headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    while buf.len() < header_end + len {
        let mut chunk = [0u8; 8192];
        match stream.read(&mut chunk).await {
            Ok(0) | Err(_) => return None,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
        }
    }
    let body = String::from_utf8_lossy(&buf[header_end..header_end + len]).to_string();
    buf.drain(..header_end + len);
    Some(Seen { headers, body })
}

pub const NS: &str = "https://secure.logmeinrescue.com/API/API.asmx";

/// A response envelope as ASMX writes it; `prefix` lets tests use `soap` for 1.2 too.
pub fn envelope(version12: bool, prefix: &str, inner: &str) -> String {
    let env = if version12 {
        "http://www.w3.org/2003/05/soap-envelope"
    } else {
        "http://schemas.xmlsoap.org/soap/envelope/"
    };
    format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><{prefix}:Envelope xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" xmlns:{prefix}=\"{env}\"><{prefix}:Body>{inner}</{prefix}:Body></{prefix}:Envelope>"
    )
}

pub fn op_response(op: &str, result: &str, extra: &str) -> String {
    format!("<{op}Response xmlns=\"{NS}\"><{op}Result>{result}</{op}Result>{extra}</{op}Response>")
}
