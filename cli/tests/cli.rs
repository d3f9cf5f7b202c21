//! The `rescue` binary against its in-process emulator: outputs and exit codes.

use std::process::{Command, Output};

fn rescue(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_rescue"));
    cmd.args(args)
        .env_remove("RESCUE_ENDPOINT")
        .env_remove("RESCUE_EMAIL")
        .env_remove("RESCUE_PASSWORD")
        .env_remove("RESCUE_AUTHCODE");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("runs")
}

const TECH: &[(&str, &str)] = &[
    ("RESCUE_EMAIL", "tech@example.com"),
    ("RESCUE_PASSWORD", "tech-password"),
];

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn lens_pin_on_the_emulator_in_both_soap_versions() {
    for extra in [&[][..], &["--soap12"][..]] {
        let mut args = vec!["--emulator", "--json", "lens-pin", "--cfield0", "Alice"];
        args.extend_from_slice(extra);
        let out = rescue(&args, TECH);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
        assert_eq!(v["requestLensPINCodeV2Result"], "requestPINCode_OK");
        assert_eq!(v["sPINCode"].as_str().unwrap().len(), 6);
    }
}

#[test]
fn auth_code_prints_the_code_and_it_works_for_the_next_call() {
    let out = rescue(&["--emulator", "auth-code"], TECH);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout(&out).trim().len(), 32);
}

#[test]
fn exit_codes() {
    // non-OK result: a technician cannot start sessions
    let out = rescue(
        &[
            "--emulator",
            "start-session",
            "--session",
            "1",
            "--node",
            "1001",
        ],
        TECH,
    );
    assert_eq!(out.status.code(), Some(3), "{}", stdout(&out));
    // rejected input, nothing sent
    let long = "x".repeat(65);
    let out = rescue(&["--emulator", "lens-pin", "--cfield0", &long], TECH);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("maxLength 64"));
    let out = rescue(&["--emulator", "email-text", "--pin", "12345"], TECH);
    assert_eq!(out.status.code(), Some(2));
    // wrong password: login is not OK
    let out = rescue(
        &["--emulator", "pin"],
        &[
            ("RESCUE_EMAIL", "tech@example.com"),
            ("RESCUE_PASSWORD", "wrong"),
        ],
    );
    assert_eq!(out.status.code(), Some(3));
    // transport error
    let out = rescue(
        &[
            "--endpoint",
            "http://127.0.0.1:9/API/API.asmx",
            "--allow-http",
            "pin",
        ],
        TECH,
    );
    assert_eq!(out.status.code(), Some(5));
    // no credentials at all
    let out = rescue(&["--emulator", "pin"], &[]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn password_never_appears_in_output() {
    let out = rescue(
        &["--emulator", "--json", "pin"],
        &[
            ("RESCUE_EMAIL", "tech@example.com"),
            ("RESCUE_PASSWORD", "tech-password"),
        ],
    );
    let all = format!("{}{}", stdout(&out), String::from_utf8_lossy(&out.stderr));
    assert!(!all.contains("tech-password"));
}

/// The overlay's `cli_aliases` name an operation as well as its wire name, for
/// the operation's subcommand and for `envelope`: the same request either way.
#[test]
fn overlay_aliases_name_the_same_operation() {
    let by = |name: &str| {
        rescue(
            &[
                "envelope",
                name,
                "--set",
                "iNodeID=5",
                "--set",
                "eNodeRef=NODE",
            ],
            &[],
        )
    };
    let (wire, alias) = (by("getSession_V3"), by("get-session-v3"));
    assert_eq!(
        wire.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&wire.stderr)
    );
    assert_eq!(stdout(&wire), stdout(&alias));
    assert!(
        stdout(&alias).contains("<getSession_V3 "),
        "{}",
        stdout(&alias)
    );
    let help = rescue(&["get-session-v3", "--help"], &[]);
    assert_eq!(help.status.code(), Some(0));
    assert!(stdout(&help).contains("--iNodeID"), "{}", stdout(&help));
}

#[test]
fn envelope_prints_the_exact_request_without_sending() {
    let out = rescue(
        &[
            "envelope",
            "requestLensPINCodeV2",
            "--soap",
            "1.2",
            "--set",
            "sCField0=Alice & Bob",
            "--set",
            "bNoTechConsole=true",
        ],
        &[],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        stdout(&out),
        "Content-Type: application/soap+xml; charset=utf-8; action=\"https://secure.logmeinrescue.com/API/API.asmx/requestLensPINCodeV2\"\n\n\
         <?xml version=\"1.0\" encoding=\"utf-8\"?><soap12:Envelope xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" xmlns:soap12=\"http://www.w3.org/2003/05/soap-envelope\"><soap12:Body><requestLensPINCodeV2 xmlns=\"https://secure.logmeinrescue.com/API/API.asmx\"><sCField0>Alice &amp; Bob</sCField0><bNoTechConsole>true</bNoTechConsole></requestLensPINCodeV2></soap12:Body></soap12:Envelope>\n"
    );
    let bad = rescue(
        &["envelope", "requestLensPINCodeV2", "--set", "sNope=1"],
        &[],
    );
    assert_eq!(bad.status.code(), Some(2));
    let bad = rescue(
        &[
            "envelope",
            "startSession",
            "--set",
            "iSession=abc",
            "--set",
            "iNode=1",
        ],
        &[],
    );
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("iSession"));
}

/// A one-shot HTTP server on 127.0.0.1: reads one request, answers with `status` and
/// a SOAP 1.1 `envelope`.
/// `rescue logout` (with an auth code, so no login) against a server that answers
/// once with `status` and `envelope`.
fn logout_answered_with(status: &'static str, envelope: &'static str) -> Output {
    let (url, server) = one_shot_server(status, envelope);
    let out = rescue(
        &[
            "--endpoint",
            &url,
            "--allow-http",
            "--auth-code",
            "x",
            "logout",
        ],
        &[],
    );
    server.join().unwrap();
    out
}

fn one_shot_server(
    status: &'static str,
    envelope: &'static str,
) -> (String, std::thread::JoinHandle<()>) {
    use std::io::{BufRead, BufReader, Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/API/API.asmx", listener.local_addr().unwrap());
    let handle = std::thread::spawn(move || {
        let Ok((stream, _)) = listener.accept() else {
            return;
        };
        let mut reader = BufReader::new(stream);
        let mut length = 0usize;
        loop {
            let mut line = String::new();
            if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                break;
            }
            if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                length = v.trim().parse().unwrap_or(0);
            }
        }
        let mut body = vec![0; length];
        let _ = reader.read_exact(&mut body);
        let answer = format!(
            "HTTP/1.1 {status}\r\nContent-Type: text/xml; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{envelope}",
            envelope.len()
        );
        let _ = reader.get_mut().write_all(answer.as_bytes());
    });
    (url, handle)
}

#[test]
fn a_soap_fault_exits_with_code_4() {
    let fault = "<?xml version=\"1.0\" encoding=\"utf-8\"?><soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body><soap:Fault><faultcode>soap:Server</faultcode><faultstring>Server was unable to process request.</faultstring></soap:Fault></soap:Body></soap:Envelope>";
    let out = logout_answered_with("500 Internal Server Error", fault);
    assert_eq!(
        out.status.code(),
        Some(4),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("Server was unable to process request"));
}

#[test]
fn unknown_response_elements_are_reported_on_stderr() {
    let xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?><soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body><logoutResponse xmlns=\"https://secure.logmeinrescue.com/API/API.asmx\"><logoutResult>logout_OK</logoutResult><sNew>later</sNew></logoutResponse></soap:Body></soap:Envelope>";
    let out = logout_answered_with("200 OK", xml);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stderr).contains("<sNew>later</sNew>"));
}

#[test]
fn terminal_escapes_from_the_server_are_printed_escaped() {
    // A fault string carrying ESC and BEL must not reach the terminal raw.
    let fault = "<?xml version=\"1.0\" encoding=\"utf-8\"?><soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body><soap:Fault><faultcode>soap:Server</faultcode><faultstring>boom\u{1b}[2J\u{7}</faultstring></soap:Fault></soap:Body></soap:Envelope>";
    let out = logout_answered_with("500 Internal Server Error", fault);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(4), "{stderr}");
    assert!(
        !stderr.contains('\u{1b}') && !stderr.contains('\u{7}'),
        "{stderr:?}"
    );
    assert!(stderr.contains("boom\\u{1b}[2J\\u{7}"), "{stderr}");
}

#[test]
fn a_non_ok_result_says_why_on_stderr() {
    let out = rescue(
        &[
            "--emulator",
            "start-session",
            "--session",
            "1",
            "--node",
            "1",
        ],
        TECH,
    );
    assert_eq!(out.status.code(), Some(3));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("startSession answered startSessionRet_NotLoggedInAsAdmin: The administrator is not logged in."),
        "{stderr}"
    );
}

#[test]
fn timeout_flag_bounds_the_call() {
    // A server that accepts and never answers.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/API/API.asmx", listener.local_addr().unwrap());
    let started = std::time::Instant::now();
    let out = rescue(
        &[
            "--endpoint",
            &url,
            "--allow-http",
            "--auth-code",
            "x",
            "--timeout",
            "0.5",
            "logout",
        ],
        &[],
    );
    drop(listener);
    assert_eq!(out.status.code(), Some(5));
    assert!(String::from_utf8_lossy(&out.stderr).contains("timed out"));
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
    let out = rescue(&["--timeout", "-1", "logout"], &[]);
    assert_eq!(out.status.code(), Some(2), "clap refuses a bad --timeout");
}

#[test]
fn envelope_lists_operations_and_speaks_json() {
    let out = rescue(&["envelope", "--list"], &[]);
    assert_eq!(out.status.code(), Some(0));
    let names: Vec<String> = stdout(&out).lines().map(str::to_owned).collect();
    assert!(
        names.contains(&"requestLensPINCodeV3".to_owned()),
        "{names:?}"
    );
    let out = rescue(&["--json", "--soap12", "envelope", "logout"], &[]);
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert!(v["content_type"]
        .as_str()
        .unwrap()
        .starts_with("application/soap+xml"));
    assert!(v["body"].as_str().unwrap().contains("<logout xmlns="));
    // Contradicting flags are refused, not ignored.
    let out = rescue(&["--soap12", "envelope", "logout", "--soap", "1.1"], &[]);
    assert_eq!(out.status.code(), Some(2));
    let out = rescue(
        &[
            "--emulator",
            "--endpoint",
            "https://example.invalid/x",
            "logout",
        ],
        &[],
    );
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn rust_log_turns_on_logs_without_secrets() {
    let out = rescue(
        &["--emulator", "lens-pin"],
        &[
            ("RESCUE_EMAIL", "tech@example.com"),
            ("RESCUE_PASSWORD", "tech-password"),
            ("RUST_LOG", "trace"),
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("soap_call"), "no log lines: {stderr}");
    assert!(!stderr.contains("tech-password"), "{stderr}");
}

#[test]
fn every_registry_operation_is_a_subcommand() {
    let help = stdout(&rescue(&["--help"], &[]));
    for op in ["requestLensPINCodeV3", "generateEmailText", "startSession"] {
        assert!(help.contains(op), "{op} missing from --help:\n{help}");
    }
    // By its wire name, every element by its wire name; the session comes from
    // the login, as for the typed subcommands.
    let out = rescue(
        &[
            "--emulator",
            "--json",
            "requestLensPINCodeV2",
            "--sCField0",
            "Alice",
            "--bNoTechConsole",
            "true",
        ],
        TECH,
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["requestLensPINCodeV2Result"], "requestPINCode_OK");
    assert_eq!(v["sPINCode"].as_str().unwrap().len(), 6);
    // An operation that carries its own password logs in with nothing else; the
    // password comes from RESCUE_PASSWORD (or a prompt), never from an option.
    let out = rescue(
        &[
            "--emulator",
            "--json",
            "requestAuthCode",
            "--sEmail",
            "tech@example.com",
        ],
        &[("RESCUE_PASSWORD", "tech-password")],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // A value that is not of the element's type is refused before sending.
    let out = rescue(
        &[
            "--emulator",
            "requestLensPINCodeV2",
            "--bNoTechConsole",
            "maybe",
        ],
        TECH,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("bNoTechConsole"));
    // Facets apply as for typed requests.
    let long = "x".repeat(65);
    let out = rescue(
        &[
            "--emulator",
            "requestLensPINCodeV2",
            "--bNoTechConsole",
            "false",
            "--sCField0",
            &long,
        ],
        TECH,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("maxLength 64"));
}

#[test]
fn wsdl_diff_reports_changes_and_fails_on_breaking_ones() {
    let wsdl = concat!(env!("CARGO_MANIFEST_DIR"), "/../wsdl/API.asmx.wsdl");
    let out = rescue(&["wsdl", "diff", wsdl, wsdl], &[]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        stdout(&out).contains("0 change(s), 0 breaking"),
        "{}",
        stdout(&out)
    );

    let dir = std::env::temp_dir().join(format!("rescue-wsdl-diff-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let edited = dir.join("new.wsdl");
    let text = std::fs::read_to_string(wsdl).unwrap().replace(
        "<s:enumeration value=\"login_OK\" />",
        "<s:enumeration value=\"login_OK\" />\n          <s:enumeration value=\"login_MfaRequired\" />",
    );
    std::fs::write(&edited, &text).unwrap();
    let out = rescue(&["wsdl", "diff", wsdl, edited.to_str().unwrap()], &[]);
    assert_eq!(out.status.code(), Some(0), "an added value is not breaking");
    assert!(stdout(&out).contains("enumeration loginRet: value login_MfaRequired added"));

    let broken = text.replace(
        "name=\"iNode\" type=\"s:int\"",
        "name=\"iNode\" type=\"s:string\"",
    );
    std::fs::write(&edited, broken).unwrap();
    let out = rescue(
        &["--json", "wsdl", "diff", wsdl, edited.to_str().unwrap()],
        &[],
    );
    assert_eq!(out.status.code(), Some(3), "a retyped field is breaking");
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert!(
        v.as_array()
            .unwrap()
            .iter()
            .any(|c| c["breaking"] == true
                && c["what"] == "field iNode of startSession: int → string"),
        "{v}"
    );
    let out = rescue(&["wsdl", "diff", wsdl, "/nonexistent.wsdl"], &[]);
    assert_eq!(out.status.code(), Some(2));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn human_output_is_aligned_elements_not_rust_debug() {
    let out = rescue(&["--emulator", "lens-pin", "--cfield0", "Alice"], TECH);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines[0].starts_with("requestLensPINCodeV2Result  requestPINCode_OK"),
        "{text}"
    );
    assert!(
        lines[1].starts_with("sPINCode                    "),
        "{text}"
    );
    assert!(
        !text.contains("Response {") && !text.contains("Some("),
        "{text}"
    );
}

#[test]
fn completions_and_man_page_cover_every_subcommand() {
    for shell in ["bash", "zsh", "fish"] {
        let out = rescue(&["completions", shell], &[]);
        assert_eq!(out.status.code(), Some(0), "{shell}");
        let script = stdout(&out);
        assert!(
            script.contains("lens-pin") && script.contains("requestLensPINCodeV3"),
            "{shell}"
        );
    }
    let out = rescue(&["man"], &[]);
    assert_eq!(out.status.code(), Some(0));
    let page = stdout(&out);
    assert!(
        page.contains(".TH rescue 1") && page.contains("wsdl"),
        "{page}"
    );
}

#[test]
fn a_password_is_never_a_command_line_option() {
    let out = rescue(
        &[
            "--emulator",
            "requestAuthCode",
            "--sEmail",
            "tech@example.com",
            "--sPassword",
            "x",
        ],
        &[],
    );
    assert_eq!(out.status.code(), Some(2), "clap refuses the option");
    assert!(String::from_utf8_lossy(&out.stderr).contains("--sPassword"));
}

/// `rescue` against an emulator running in this test process, with its own
/// cache directory; environment as given (the helper removes RESCUE_*).
#[cfg(feature = "emulator")]
fn rescue_at(url: &str, cache: &std::path::Path, args: &[&str], password: bool) -> Output {
    let mut all = vec!["--endpoint", url, "--allow-http"];
    all.extend_from_slice(args);
    let cache = cache.to_str().unwrap();
    let mut env = vec![
        ("XDG_CACHE_HOME", cache),
        ("RESCUE_EMAIL", "tech@example.com"),
    ];
    if password {
        env.push(("RESCUE_PASSWORD", "tech-password"));
    }
    rescue(&all, &env)
}

#[cfg(feature = "emulator")]
#[test]
fn consecutive_commands_reuse_one_cached_session_until_logout() {
    use std::sync::Arc;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let clock = Arc::new(rescue_emulator::ManualClock::default());
    let emulator =
        rescue_emulator::Emulator::with_clock(rescue_emulator::default_accounts(), clock.clone());
    let running = runtime.block_on(emulator.start("127.0.0.1:0")).unwrap();
    let url = running.url();
    let cache = std::env::temp_dir().join(format!("rescue-cache-test-{}", std::process::id()));
    let file = cache.join("rescue").join("session.json");

    // The first run logs in and keeps the session, readable by the user alone.
    let out = rescue_at(&url, &cache, &["lens-pin"], true);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let kept = std::fs::read_to_string(&file).unwrap();
    assert!(
        kept.contains("ASP.NET_SessionId") && !kept.contains("tech-password"),
        "{kept}"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
    // The second run has no password at all: it can only be using the session.
    clock.advance(std::time::Duration::from_secs(2)); // the emulator's PIN rate
    let out = rescue_at(&url, &cache, &["lens-pin"], false);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    // The session expires on the server: the next run logs in again, once.
    clock.advance(std::time::Duration::from_secs(21 * 60));
    let out = rescue_at(&url, &cache, &["lens-pin"], true);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_ne!(
        std::fs::read_to_string(&file).unwrap(),
        kept,
        "a new session is kept"
    );

    // logout ends it and forgets it; then a password is needed again.
    let out = rescue_at(&url, &cache, &["logout"], false);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!file.exists());
    let out = rescue_at(&url, &cache, &["lens-pin"], false);
    assert_eq!(out.status.code(), Some(2));
    let _ = std::fs::remove_dir_all(&cache);
    drop(running);
}

/// The help-desk and report subcommands against one emulator: a table of sessions,
/// the hierarchy as a tree, a report as CSV and JSON rows, chat, and the exit
/// code and reason of a refused session action.
#[cfg(feature = "emulator")]
#[test]
fn helpdesk_and_report_subcommands() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let running = runtime
        .block_on(rescue_emulator::Emulator::default().start("127.0.0.1:0"))
        .unwrap();
    let url = running.url();
    let cache = std::env::temp_dir().join(format!("rescue-desk-test-{}", std::process::id()));
    let ok = |args: &[&str]| {
        let out = rescue_at(&url, &cache, args, true);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        stdout(&out)
    };
    let link = ok(&["invitation-link", "--node", "1001", "--cfield0", "Ticket 7"]);
    let code: u32 = link.trim().rsplit('=').next().unwrap().parse().unwrap();
    assert!(link.starts_with("https://secure.logmeinrescue.com/R?i=2&Code="));
    let id = running.emulator().connect(code).unwrap();

    let table = ok(&["sessions", "--node", "1001"]);
    let header = table.lines().next().unwrap();
    assert!(
        header.contains("ID") && header.contains("STATUS"),
        "{table}"
    );
    let row = table.lines().find(|l| l.contains(&id.to_string())).unwrap();
    assert!(
        row.contains("Waiting") && row.contains("Ticket 7"),
        "{table}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&ok(&["--json", "sessions", "--node", "1001"])).unwrap();
    assert_eq!(json["aSessions"]["SESSION_V3"][0]["iID"], id);

    let tree = ok(&["hierarchy"]);
    assert!(
        tree.contains("\n  Support [TechnicianGroup] 100\n"),
        "{tree}"
    );
    assert!(
        tree.contains("\n    tech [Technician] 1001 <tech@example.com>"),
        "{tree}"
    );

    let csv = ok(&[
        "report",
        "--node",
        "100",
        "--from",
        "2026-01-01",
        "--to",
        "2026-12-31",
    ]);
    let mut lines = csv.lines();
    assert!(lines
        .next()
        .unwrap()
        .starts_with("Session ID,Technician Name"));
    assert!(lines
        .next()
        .unwrap()
        .starts_with(&format!("{id},tech,1001,")));
    assert!(running.emulator().pick_up(id, None));
    let chat = ok(&["chat", "--session", &id.to_string()]);
    assert!(chat.contains("Hello, how can I help?"), "{chat}");

    // A technician may not close sessions: exit 3 and the reason.
    let out = rescue_at(
        &url,
        &cache,
        &["close-session", "--session", &id.to_string()],
        true,
    );
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stderr).contains("NotLoggedInAsAdmin"));
    // A range that ends before it starts: exit 2, named, nothing sent.
    let out = rescue_at(
        &url,
        &cache,
        &[
            "report",
            "--node",
            "100",
            "--from",
            "2026-02-01",
            "--to",
            "2026-01-01",
        ],
        true,
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("dEndDate") && err.contains("nothing sent"),
        "{err}"
    );
    let _ = std::fs::remove_dir_all(&cache);
}

/// Input is checked before anything goes out, the login included: bad values of
/// typed, help-desk and registry subcommands exit 2 and nobody is contacted.
#[test]
fn input_is_checked_before_the_login() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let url = format!("http://{}/API/API.asmx", listener.local_addr().unwrap());
    let long = "x".repeat(70);
    let cases: [&[&str]; 4] = [
        &["sessions", "--node", "0"],
        &[
            "report",
            "--node",
            "1",
            "--from",
            "2026-02-01",
            "--to",
            "2026-01-01",
        ],
        &["lens-pin", "--cfield0", &long],
        &["getUser", "--iNodeID", "0"],
    ];
    for args in cases {
        let mut all = vec!["--endpoint", url.as_str(), "--allow-http"];
        all.extend_from_slice(args);
        let out = rescue(&all, TECH);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("invalid request"), "{args:?}: {err}");
        assert!(
            matches!(listener.accept(), Err(e) if e.kind() == std::io::ErrorKind::WouldBlock),
            "{args:?} connected to the server"
        );
    }
}
