//! A benign client's latency while 50 hostile connections are open (not a test):
//! half trickle request headers a byte at a time (slowloris), half send headers
//! and then trickle a large body. The emulator runs with its default limits.
//!
//!     cargo run --release -p rescue-emulator --example bench_hostile_connections

use std::time::{Duration, Instant};

use logmein_rescue::{api, Client, Pacing};
use tokio::io::AsyncWriteExt;
use tokio::net::TcpStream;

async fn latencies(client: &Client, calls: usize) -> Vec<Duration> {
    let mut out = Vec::with_capacity(calls);
    for _ in 0..calls {
        let started = Instant::now();
        let answer = client.call(api::LogoutRequest {}).await;
        if answer.is_ok() {
            out.push(started.elapsed());
        }
    }
    out.sort();
    out
}

fn at(sorted: &[Duration], q: f64) -> Duration {
    sorted
        .get(((sorted.len() as f64 - 1.0) * q) as usize)
        .copied()
        .unwrap_or_default()
}

/// One hostile connection: trickles bytes for `duration`, one every 50 ms.
async fn hostile(addr: std::net::SocketAddr, slow_body: bool, duration: Duration) {
    let Ok(mut s) = TcpStream::connect(addr).await else {
        return;
    };
    let head: &[u8] = if slow_body {
        b"POST /API/API.asmx HTTP/1.1\r\nHost: x\r\nContent-Type: text/xml\r\nSOAPAction: \"x\"\r\nContent-Length: 1000000\r\n\r\n"
    } else {
        b"POST /API/API.asmx HTTP/1.1\r\nHost: x\r\nX-Slow: "
    };
    if slow_body && s.write_all(head).await.is_err() {
        return;
    }
    let started = Instant::now();
    let mut i = 0;
    while started.elapsed() < duration {
        let byte = if slow_body {
            b'x'
        } else {
            head[i % head.len()]
        };
        if s.write_all(&[byte]).await.is_err() {
            return; // cut off by the emulator's timeouts
        }
        i += 1;
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let running = rescue_emulator::Emulator::default()
        .start("127.0.0.1:0")
        .await?;
    let client = Client::builder()
        .endpoint(running.url())
        .allow_http(true)
        .pacing(Pacing::Off)
        .build()?;
    let calls = 2000;
    latencies(&client, 200).await; // warm-up
    let quiet = latencies(&client, calls).await;
    let attack = Duration::from_secs(8);
    let tasks: Vec<_> = (0..50)
        .map(|i| tokio::spawn(hostile(running.addr(), i % 2 == 1, attack)))
        .collect();
    tokio::time::sleep(Duration::from_millis(300)).await;
    let loud = latencies(&client, calls).await;
    for t in tasks {
        t.abort();
    }
    let row = |name: &str, l: &[Duration]| {
        println!(
            "| {name} | {} | {:.0} µs | {:.0} µs |",
            l.len(),
            at(l, 0.5).as_secs_f64() * 1e6,
            at(l, 0.99).as_secs_f64() * 1e6
        );
    };
    println!("| benign client (logout, one in flight) | calls | median | p99 |");
    println!("|---|---:|---:|---:|");
    row("quiet", &quiet);
    row("50 hostile connections open", &loud);
    println!(
        "\nmedian under attack ÷ quiet median: {:.2}×",
        at(&loud, 0.5).as_secs_f64() / at(&quiet, 0.5).as_secs_f64().max(1e-9)
    );
    Ok(())
}
