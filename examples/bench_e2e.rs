//! End-to-end throughput for `bench/compare.sh` (not a test): CALLS `startSession`
//! calls with CONCURRENCY in flight over one keep-alive client against a running
//! `rescue-emulator`, then calls/s and the process's peak memory as JSON.
//!
//!     bench_e2e URL CONCURRENCY CALLS [client|reqwest]
//!
//! `reqwest` posts the same envelope bytes with the same headers through a bare
//! `reqwest::Client` and reads each body whole, without encoding or decoding:
//! the floor a SOAP client's whole call is compared with (`bench/e2e_instr.sh`).

#[path = "../benches/common/mod.rs"]
mod samples;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Instant;

use logmein_rescue::{api, Client, Pacing};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (url, concurrency, calls, bare) = match args.as_slice() {
        [u, c, n] => (u.clone(), c.parse::<usize>()?, n.parse::<usize>()?, false),
        [u, c, n, mode] if mode == "client" || mode == "reqwest" => (
            u.clone(),
            c.parse::<usize>()?,
            n.parse::<usize>()?,
            mode == "reqwest",
        ),
        _ => return Err("usage: bench_e2e URL CONCURRENCY CALLS [client|reqwest]".into()),
    };
    let client = Client::builder()
        .endpoint(url)
        .allow_http(true)
        .pacing(Pacing::Off)
        .build()?;
    // Another process may have asked for a code less than a second ago.
    let mut code = client
        .request_auth_code("admin@example.com", "admin-password")
        .await;
    for _ in 0..3 {
        if !matches!(&code, Err(logmein_rescue::Error::Rejected { value, .. }) if value.ends_with("PollRateExceeded"))
        {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(1200)).await;
        code = client
            .request_auth_code("admin@example.com", "admin-password")
            .await;
    }
    client.set_auth_code(Some(code?));
    let request = api::StartSessionRequest {
        session: 1,
        node: 1001,
        auth_code: None,
    };
    // The exact bytes and headers the client sends, for the bare reqwest floor.
    let envelope = client.envelope(&request, client.soap_version())?;
    let bare_http = reqwest::Client::new();
    let next = Arc::new(AtomicUsize::new(0));
    let failures = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let workers: Vec<_> = (0..concurrency)
        .map(|_| {
            let (client, next, failures) = (client.clone(), next.clone(), failures.clone());
            let (request, envelope, http, url) = (
                request.clone(),
                envelope.clone(),
                bare_http.clone(),
                client.endpoint().to_owned(),
            );
            tokio::spawn(async move {
                while next.fetch_add(1, Ordering::Relaxed) < calls {
                    if bare {
                        let mut post = http
                            .post(&url)
                            .header("Content-Type", &envelope.content_type)
                            .body(envelope.body.clone());
                        if let Some(action) = &envelope.soap_action {
                            post = post.header("SOAPAction", action);
                        }
                        let ok = match post.send().await {
                            Ok(r) => r.bytes().await.is_ok(),
                            Err(_) => false,
                        };
                        if !ok {
                            failures.fetch_add(1, Ordering::Relaxed);
                        }
                        continue;
                    }
                    match client.start_session(request.clone()).await {
                        Ok(r) if r.result == api::StartSessionRet::ActionFailed => {}
                        _ => {
                            failures.fetch_add(1, Ordering::Relaxed);
                        }
                    }
                }
            })
        })
        .collect();
    for w in workers {
        w.await?;
    }
    let secs = started.elapsed().as_secs_f64();
    let row = serde_json::json!({
        "client": if bare { "bare reqwest" } else { "logmein-rescue" },
        "concurrency": concurrency,
        "calls": calls,
        "failures": failures.load(Ordering::Relaxed),
        "seconds": secs,
        "calls_per_sec": calls as f64 / secs,
        "peak_rss_kib": samples::peak_rss_kib(),
    });
    println!("{row}");
    Ok(())
}
