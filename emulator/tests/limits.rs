//! The emulator under hostile connections: slow headers and bodies are cut off by
//! their timeouts, connections over the cap are closed, and a benign client keeps
//! being served meanwhile. Loopback only, every loop bounded.

use std::time::{Duration, Instant};

use logmein_rescue::{api, Client, Pacing};
use rescue_emulator::{Emulator, ServerLimits};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

fn limits(max_connections: usize) -> ServerLimits {
    ServerLimits {
        max_connections,
        header_read_timeout: Duration::from_millis(300),
        body_read_timeout: Duration::from_millis(300),
    }
}

/// Waits (at most 5 s) for the server to close `stream`; true if it did.
async fn closed_by_server(stream: &mut TcpStream) -> bool {
    let mut buf = [0u8; 4096];
    let deadline = Instant::now() + Duration::from_secs(5);
    while Instant::now() < deadline {
        match tokio::time::timeout(Duration::from_millis(100), stream.read(&mut buf)).await {
            Ok(Ok(0)) | Ok(Err(_)) => return true,
            // An error response (e.g. 408) may come first; the close follows.
            Ok(Ok(_)) | Err(_) => {}
        }
    }
    false
}

async fn benign_call(url: &str) -> Duration {
    let client = Client::builder()
        .endpoint(url)
        .allow_http(true)
        .pacing(Pacing::Off)
        .timeout(Duration::from_secs(5))
        .build()
        .unwrap();
    let started = Instant::now();
    let answer = client.call(api::LogoutRequest {}).await.unwrap();
    assert_eq!(answer.result, api::LogoutRet::NotLoggedIn);
    started.elapsed()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_headers_are_cut_off_and_benign_calls_still_go_through() {
    let running = Emulator::default()
        .server_limits(limits(64))
        .start("127.0.0.1:0")
        .await
        .unwrap();
    let mut hostile = Vec::new();
    for _ in 0..20 {
        let mut s = TcpStream::connect(running.addr()).await.unwrap();
        s.write_all(b"POST /API/API.asmx HTTP/1.1\r\nHost: x\r\n")
            .await
            .unwrap();
        hostile.push(s);
    }
    benign_call(&running.url()).await;
    for s in &mut hostile {
        assert!(closed_by_server(s).await, "a slow header was not cut off");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slow_body_gets_a_fault_after_the_body_timeout() {
    let running = Emulator::default()
        .server_limits(limits(64))
        .start("127.0.0.1:0")
        .await
        .unwrap();
    let mut s = TcpStream::connect(running.addr()).await.unwrap();
    s.write_all(b"POST /API/API.asmx HTTP/1.1\r\nHost: x\r\nContent-Type: text/xml; charset=utf-8\r\nSOAPAction: \"x\"\r\nContent-Length: 1000\r\n\r\n<soap:Envelope")
        .await
        .unwrap();
    let started = Instant::now();
    let mut answer = Vec::new();
    let mut buf = [0u8; 4096];
    while !answer.windows(10).any(|w| w == b"</soap:Env")
        && started.elapsed() < Duration::from_secs(5)
    {
        match tokio::time::timeout(Duration::from_secs(5), s.read(&mut buf)).await {
            Ok(Ok(n)) if n > 0 => answer.extend_from_slice(&buf[..n]),
            _ => break,
        }
    }
    let text = String::from_utf8_lossy(&answer);
    assert!(text.starts_with("HTTP/1.1 500"), "{text}");
    assert!(text.contains("did not arrive in time"), "{text}");
    assert!(started.elapsed() < Duration::from_secs(3));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connections_over_the_cap_are_closed_and_room_comes_back() {
    let running = Emulator::default()
        .server_limits(ServerLimits {
            max_connections: 2,
            header_read_timeout: Duration::from_secs(30),
            body_read_timeout: Duration::from_secs(30),
        })
        .start("127.0.0.1:0")
        .await
        .unwrap();
    let held: Vec<TcpStream> = vec![
        TcpStream::connect(running.addr()).await.unwrap(),
        TcpStream::connect(running.addr()).await.unwrap(),
    ];
    // Give the server time to take both in.
    tokio::time::sleep(Duration::from_millis(200)).await;
    let mut third = TcpStream::connect(running.addr()).await.unwrap();
    assert!(
        closed_by_server(&mut third).await,
        "over the cap, not closed"
    );
    drop(held);
    tokio::time::sleep(Duration::from_millis(200)).await;
    benign_call(&running.url()).await;
}
