//! What the emulator serves besides SOAP: its WSDL points at itself, and the
//! binary logs one line per call without request values.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

#[tokio::test]
async fn the_wsdl_points_at_the_emulator_not_production() {
    let running = rescue_emulator::Emulator::default()
        .start("127.0.0.1:0")
        .await
        .unwrap();
    let url = format!("{}?WSDL", running.url());
    let wsdl = reqwest::get(&url).await.unwrap().text().await.unwrap();
    assert!(
        !wsdl.contains("secure.logmeinrescue.com/API/API.asmx\" />"),
        "{wsdl}"
    );
    let own = format!("location=\"{}\"", running.url());
    assert_eq!(wsdl.matches(&own).count(), 2, "both bindings: {wsdl}");
}

#[tokio::test]
async fn the_binary_logs_one_line_per_call_without_secrets() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_rescue-emulator"))
        .args(["--listen", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    stdout.read_line(&mut first).unwrap();
    let url = first.split_whitespace().last().unwrap().to_owned();
    let client = logmein_rescue::Client::builder()
        .endpoint(&url)
        .allow_http(true)
        .build()
        .unwrap();
    let _ = client
        .login("tech@example.com", "tech-password")
        .await
        .unwrap();
    let _ = client
        .login("tech@example.com", "wrong-password")
        .await
        .unwrap();
    child.kill().unwrap();
    let output = child.wait_with_output().unwrap();
    let log = String::from_utf8_lossy(&output.stderr);
    let lines: Vec<&str> = log.lines().collect();
    assert_eq!(lines.len(), 2, "{log}");
    assert!(
        lines[0].starts_with("login (SOAP 1.1) → login_OK in "),
        "{log}"
    );
    assert!(lines[1].contains("login_Invalid"), "{log}");
    assert!(!log.contains("password"), "{log}");
}

#[tokio::test]
async fn the_binary_takes_its_limits_as_flags() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_rescue-emulator"))
        .args([
            "--listen",
            "127.0.0.1:0",
            "--quiet",
            "--max-body",
            "200",
            "--read-timeout",
            "2",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    stdout.read_line(&mut first).unwrap();
    let url = first.split_whitespace().last().unwrap().to_owned();
    let client = logmein_rescue::Client::builder()
        .endpoint(&url)
        .allow_http(true)
        .build()
        .unwrap();
    // A login envelope is well over 200 bytes: the emulator refuses it with a fault.
    let err = client
        .login("tech@example.com", "tech-password")
        .await
        .unwrap_err();
    child.kill().unwrap();
    let _ = child.wait();
    assert!(err.to_string().contains("exceeds 200 bytes"), "{err}");
}

/// ASMX's help pages: the operation list, and one page per operation with sample
/// requests addressed to the emulator itself.
#[tokio::test]
async fn help_pages_list_operations_and_show_samples_with_the_emulators_address() {
    let running = rescue_emulator::Emulator::default()
        .start("127.0.0.1:0")
        .await
        .unwrap();
    let get = |query: &str| {
        let url = format!("{}{query}", running.url());
        async move {
            let answer = reqwest::get(url).await.unwrap();
            (answer.status().as_u16(), answer.text().await.unwrap())
        }
    };
    let (status, list) = get("").await;
    assert_eq!(status, 200);
    assert!(
        list.contains("<a href=\"?op=getSession_V3\">getSession_V3</a>"),
        "{list}"
    );
    assert!(list.contains("Authenticates the user"), "{list}");
    let (status, page) = get("?op=getSession_V3").await;
    assert_eq!(status, 200);
    let host = running.url().split('/').nth(2).unwrap().to_owned();
    assert!(page.contains(&format!("Host: {host}")), "{page}");
    assert!(
        page.contains(
            "SOAPAction: &quot;https://secure.logmeinrescue.com/API/API.asmx/getSession_V3&quot;"
        ),
        "{page}"
    );
    assert!(
        page.contains("&lt;iNodeID&gt;integer&lt;/iNodeID&gt;"),
        "{page}"
    );
    assert!(page.contains("SOAP 1.2"));
    let (status, missing) = get("?op=%3Cscript%3E").await;
    assert_eq!(status, 500);
    assert!(missing.contains("&lt;script&gt;") && !missing.contains("<script>"));
}
