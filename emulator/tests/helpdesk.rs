//! The operations real integrations call most, end to end against the emulator:
//! the help-desk chain (invitation link → getSession_V3 → pick-up → chat, note,
//! close), the reporting chain, the hierarchy, API tokens, and the live service's
//! quirks (API-SURFACE §3) on the wire.

use std::sync::Arc;
use std::time::Duration;

use logmein_rescue::runtime::{RetryPolicy, WireEnum};
use logmein_rescue::{
    api, report::Report, ApiToken, Client, Error, Pacing, ReportQuery, SoapVersion,
};
use rescue_emulator::{default_accounts, Emulator, ManualClock, Running, CHANNEL_NODE, TECH_GROUP};

const VERSIONS: [SoapVersion; 2] = [SoapVersion::Soap11, SoapVersion::Soap12];
const TECH_NODE: i32 = 1001;

struct Setup {
    running: Running,
    clock: Arc<ManualClock>,
}

impl Setup {
    async fn new() -> Self {
        let clock = Arc::new(ManualClock::default());
        let running = Emulator::with_clock(default_accounts(), clock.clone())
            .start("127.0.0.1:0")
            .await
            .unwrap();
        Setup { running, clock }
    }
    fn builder(&self, version: SoapVersion) -> logmein_rescue::ClientBuilder {
        Client::builder()
            .endpoint(self.running.url())
            .allow_http(true)
            .soap_version(version)
            .pacing(Pacing::Off)
    }
    async fn tech(&self, version: SoapVersion) -> Client {
        let c = self.builder(version).build().unwrap();
        let _ = c
            .login("tech@example.com", "tech-password")
            .await
            .unwrap()
            .ok()
            .unwrap();
        c
    }
    async fn admin(&self, version: SoapVersion) -> Client {
        let c = self.builder(version).build().unwrap();
        let _ = c
            .login("admin@example.com", "admin-password")
            .await
            .unwrap()
            .ok()
            .unwrap();
        c
    }
    fn advance(&self, secs: u64) {
        self.clock.advance(Duration::from_secs(secs));
    }
    /// One raw POST of `client`'s envelope for `request`: status and body text.
    async fn raw<O: logmein_rescue::runtime::Operation>(
        &self,
        client: &Client,
        request: &O,
        version: SoapVersion,
    ) -> (u16, String) {
        let env = client.envelope(request, version).unwrap();
        let cookie: Vec<String> = client
            .transport()
            .session_cookies()
            .iter()
            .map(|(k, v)| format!("{k}={}", v.expose()))
            .collect();
        let mut req = reqwest::Client::new()
            .post(self.running.url())
            .header("Content-Type", &env.content_type)
            .header("Cookie", cookie.join("; "));
        if let Some(a) = env.soap_action {
            req = req.header("SOAPAction", a);
        }
        let answer = req.body(env.body).send().await.unwrap();
        let status = answer.status().as_u16();
        (status, answer.text().await.unwrap())
    }
}

async fn raw_post(
    url: &str,
    body: String,
    content_type: &str,
    action: Option<String>,
) -> (u16, String) {
    let mut req = reqwest::Client::new()
        .post(url)
        .header("Content-Type", content_type);
    if let Some(a) = action {
        req = req.header("SOAPAction", a);
    }
    let answer = req.body(body).send().await.unwrap();
    let status = answer.status().as_u16();
    (status, answer.text().await.unwrap())
}

fn invitation(node_id: i32, ticket: &str) -> api::RequestInvitationLinkRequest {
    api::RequestInvitationLinkRequest {
        c_field0: Some(format!("Session for ticket #{ticket}")),
        c_field1: Some(ticket.into()),
        node_id,
        ..Default::default()
    }
}

fn session_list(node_id: i32, node_ref: api::NodeRef) -> api::GetSessionV3Request {
    api::GetSessionV3Request {
        node_id,
        node_ref,
        auth_code: None,
    }
}

/// The widget flow: invitation link → the customer connects → getSession_V3 shows
/// one, then two sessions (always a list) → a technician picks one up → chat and
/// note → an administrator closes it.
#[tokio::test]
async fn helpdesk_flow_in_both_soap_versions() {
    for version in VERSIONS {
        let s = Setup::new().await;
        let tech = s.tech(version).await;
        let link = tech
            .request_invitation_link(invitation(TECH_NODE, "215"))
            .await
            .unwrap()
            .ok()
            .unwrap()
            .into_inner()
            .invitation_link
            .unwrap();
        // `&` arrives escaped on the wire and decoded here.
        let code = link
            .strip_prefix("https://secure.logmeinrescue.com/R?i=2&Code=")
            .unwrap_or_else(|| panic!("{link}"));
        let first = s.running.emulator().connect(code.parse().unwrap()).unwrap();

        let one = tech
            .get_session_v3(session_list(TECH_NODE, api::NodeRef::Node))
            .await
            .unwrap()
            .ok()
            .unwrap();
        let sessions: Vec<_> = one.sessions().collect();
        assert_eq!(sessions.len(), 1, "{version}");
        let v3 = sessions[0];
        assert_eq!(v3.id, first);
        assert_eq!(v3.b_status, api::SessionStatus::Waiting);
        assert_eq!(v3.custom_field0.as_deref(), Some("Session for ticket #215"));
        assert_eq!(
            v3.s_entry.as_deref(),
            Some(""),
            "self-closed is empty, not absent"
        );
        let started = v3.started_at().unwrap().unwrap();
        assert_eq!(started.to_string(), "2026-01-05T09:00:00");

        s.advance(35);
        let second_link = tech
            .request_invitation_link(invitation(TECH_NODE, "216"))
            .await
            .unwrap()
            .ok()
            .unwrap()
            .into_inner()
            .invitation_link
            .unwrap();
        let second_pin = second_link.rsplit('=').next().unwrap().parse().unwrap();
        let second = s.running.emulator().connect(second_pin).unwrap();
        let two = tech
            .get_session_v3(session_list(TECH_NODE, api::NodeRef::Node))
            .await
            .unwrap()
            .ok()
            .unwrap();
        let ids: Vec<i32> = two.sessions().map(|x| x.id).collect();
        assert_eq!(ids, [first, second]);
        assert_eq!(two.sessions().next().unwrap().waiting_time_in_sec, 35);

        assert!(s.running.emulator().pick_up(first, None));
        assert!(s
            .running
            .emulator()
            .add_chat(first, "It works now & thanks"));
        assert!(s
            .running
            .emulator()
            .set_note(first, "Printer driver reinstalled"));
        let picked = tech
            .get_session_v3(session_list(TECH_NODE, api::NodeRef::Node))
            .await
            .unwrap()
            .into_inner();
        let first_now = picked.sessions().find(|x| x.id == first).unwrap();
        assert_eq!(first_now.b_status, api::SessionStatus::Pickedup);
        assert_eq!(first_now.s_status.as_deref(), Some("Active"));

        let chat = tech
            .get_chat(api::GetChatRequest {
                session_id: first,
                auth_code: None,
            })
            .await
            .unwrap()
            .ok()
            .unwrap()
            .into_inner()
            .chat_log
            .unwrap();
        assert!(chat.contains("Customer: It works now & thanks"), "{chat}");
        let note = tech
            .get_note(api::GetNoteRequest {
                session_id: first,
                auth_code: None,
            })
            .await
            .unwrap()
            .ok()
            .unwrap()
            .into_inner();
        assert_eq!(note.note.as_deref(), Some("Printer driver reinstalled"));

        // Only an administrator closes sessions.
        let denied = tech
            .close_session(api::CloseSessionRequest {
                session: first,
                auth_code: None,
            })
            .await
            .unwrap();
        assert_eq!(denied.result, api::CloseSessionRet::NotLoggedInAsAdmin);
        let admin = s.admin(version).await;
        let _ = admin
            .close_session(api::CloseSessionRequest {
                session: first,
                auth_code: None,
            })
            .await
            .unwrap()
            .ok()
            .unwrap();
        let after = tech
            .get_session_v3(session_list(TECH_NODE, api::NodeRef::Node))
            .await
            .unwrap()
            .into_inner();
        assert_eq!(after.sessions().map(|x| x.id).collect::<Vec<_>>(), [second]);
        let gone = admin
            .close_session(api::CloseSessionRequest {
                session: 999,
                auth_code: None,
            })
            .await
            .unwrap();
        assert_eq!(gone.result, api::CloseSessionRet::InvalidParamSession);
    }
}

/// startSession picks up a channel session for a technician; cancelAction puts it
/// back in the queue; a second cancel has nothing to undo.
#[tokio::test]
async fn start_session_and_cancel_action_on_a_channel() {
    let s = Setup::new().await;
    let id = s.running.emulator().connect_channel(CHANNEL_NODE).unwrap();
    let admin = s.admin(SoapVersion::Soap11).await;
    let on_channel = |c: &Client| {
        let c = c.clone();
        async move {
            c.get_session_v3(session_list(CHANNEL_NODE, api::NodeRef::Channel))
                .await
                .unwrap()
                .ok()
                .unwrap()
                .into_inner()
        }
    };
    let waiting = on_channel(&admin).await;
    let only = waiting.sessions().next().unwrap();
    assert_eq!((only.id, only.i_entry), (id, CHANNEL_NODE));
    assert_eq!(only.s_entry.as_deref(), Some(rescue_emulator::CHANNEL_NAME));
    let _ = admin
        .start_session(api::StartSessionRequest {
            session: id,
            node: TECH_NODE,
            auth_code: None,
        })
        .await
        .unwrap()
        .ok()
        .unwrap();
    let picked = on_channel(&admin).await;
    assert_eq!(
        picked.sessions().next().unwrap().b_status,
        api::SessionStatus::Pickedup
    );
    let cancel = || api::CancelActionRequest {
        session: id,
        auth_code: None,
    };
    let _ = admin.cancel_action(cancel()).await.unwrap().ok().unwrap();
    let back = on_channel(&admin).await;
    assert_eq!(
        back.sessions().next().unwrap().b_status,
        api::SessionStatus::Waiting
    );
    let again = admin.cancel_action(cancel()).await.unwrap();
    assert_eq!(again.result, api::CancelActionRet::ActionFailed);
}

/// The reporting chain: login → area → dates → time zone → XML → getReport_v2,
/// read into rows; at most one report per 60 s per session.
#[tokio::test]
async fn reporting_chain_gives_rows_and_is_paced_per_session() {
    for version in VERSIONS {
        let s = Setup::new().await;
        let tech = s.tech(version).await;
        for ticket in ["1", "2"] {
            let link = tech
                .request_invitation_link(invitation(TECH_NODE, ticket))
                .await
                .unwrap()
                .into_inner()
                .invitation_link
                .unwrap();
            s.running
                .emulator()
                .connect(link.rsplit('=').next().unwrap().parse().unwrap())
                .unwrap();
            s.advance(2);
        }
        let query = ReportQuery::new(
            api::Reportarea::Session,
            TECH_GROUP,
            "2026-01-05T00:00:00".parse().unwrap(),
            "2026-01-05T23:59:59".parse().unwrap(),
        );
        let report = tech.report(&query).await.unwrap();
        assert_eq!(report.rows.len(), 2, "{version}: {report:?}");
        assert_eq!(report.value(1, "Custom Field 1"), Some("2"));
        assert_eq!(report.value(0, "Status"), Some("SESSION_WAITING"));

        // The service allows one report per 60 s per session.
        let again = tech
            .get_report_v2(api::GetReportV2Request {
                node_id: TECH_GROUP,
                node_ref: api::NodeRef::Node,
                auth_code: None,
            })
            .await
            .unwrap();
        assert_eq!(again.result, api::GetReportRet::PollRateExceeded);
        assert_eq!(again.result.wire_value(), "getReport_PollRateExceeded");

        // A range outside the sessions: no rows. TEXT output with another delimiter.
        s.advance(61);
        let empty = tech
            .report(&ReportQuery::new(
                api::Reportarea::Session,
                TECH_GROUP,
                "2025-01-01T00:00:00".parse().unwrap(),
                "2025-12-31T00:00:00".parse().unwrap(),
            ))
            .await
            .unwrap();
        assert!(empty.rows.is_empty());
        s.advance(61);
        let _ = tech
            .set_output(api::SetOutputRequest {
                output: api::Output::Text,
                auth_code: None,
            })
            .await
            .unwrap()
            .ok()
            .unwrap();
        let _ = tech
            .set_delimiter(api::SetDelimiterRequest {
                delimiter: Some(";".into()),
                auth_code: None,
            })
            .await
            .unwrap()
            .ok()
            .unwrap();
        let _ = tech
            .set_report_date(api::SetReportDateRequest {
                begin_date: Some("1/5/2026".into()),
                end_date: Some("01/05/2026".into()),
                auth_code: None,
            })
            .await
            .unwrap()
            .ok()
            .unwrap();
        let text = tech
            .get_report(api::GetReportRequest {
                node_id: TECH_GROUP,
                node_ref: api::NodeRef::Node,
                auth_code: None,
            })
            .await
            .unwrap()
            .ok()
            .unwrap()
            .into_inner()
            .report
            .unwrap();
        let rows = Report::parse_text(&text, ';').unwrap();
        assert_eq!(rows.rows.len(), 2, "{text}");
        let delimiter = tech
            .get_delimiter(api::GetDelimiterRequest { auth_code: None })
            .await
            .unwrap()
            .into_inner();
        assert_eq!(delimiter.delimiter.as_deref(), Some(";"));
        let dates = tech
            .get_report_date(api::GetReportDateRequest { auth_code: None })
            .await
            .unwrap()
            .into_inner();
        assert_eq!(dates.begin_date.as_deref(), Some("1/5/2026"));
    }
}

/// Bad input to the new operations is a typed error naming the field, and nothing
/// is sent; the emulator answers the same input as the service would.
#[tokio::test]
async fn bad_input_is_refused_before_sending_and_answered_like_the_service() {
    let s = Setup::new().await;
    let tech = s.tech(SoapVersion::Soap11).await;
    let cases: Vec<(Error, &str)> = vec![
        (
            tech.get_session_v3(session_list(0, api::NodeRef::Node))
                .await
                .unwrap_err(),
            "iNodeID",
        ),
        (
            tech.set_delimiter(api::SetDelimiterRequest {
                delimiter: Some("||".into()),
                auth_code: None,
            })
            .await
            .unwrap_err(),
            "sDelimiter",
        ),
        (
            tech.set_report_date_v2(api::SetReportDateV2Request {
                begin_date: "2026-02-01T00:00:00".parse().unwrap(),
                end_date: "2026-01-01T00:00:00".parse().unwrap(),
                auth_code: None,
            })
            .await
            .unwrap_err(),
            "dEndDate",
        ),
        (
            tech.set_report_area(api::SetReportAreaRequest {
                report_area: api::Reportarea::Unknown("SESSIONS".into()),
                auth_code: None,
            })
            .await
            .unwrap_err(),
            "eReportArea",
        ),
        (
            tech.set_timezone(api::SetTimezoneRequest {
                timezone: Some("UTC+2".into()),
                auth_code: None,
            })
            .await
            .unwrap_err(),
            "sTimezone",
        ),
        (
            tech.get_chat(api::GetChatRequest {
                session_id: 0,
                auth_code: None,
            })
            .await
            .unwrap_err(),
            "iSessionID",
        ),
    ];
    for (err, field) in cases {
        let Error::InvalidRequest(e) = &err else {
            panic!("{field}: {err:?}")
        };
        assert_eq!(e.field, field, "{err}");
        assert!(err.to_string().contains(field), "{err}");
    }
    // The same inputs sent anyway (as another SOAP stack might), with a valid
    // auth code: the emulator answers as the service does.
    let code = s
        .builder(SoapVersion::Soap11)
        .build()
        .unwrap()
        .request_auth_code("tech@example.com", "tech-password")
        .await
        .unwrap();
    let url = s.running.url();
    // Sends `env` with `from` replaced by `to`, and the auth code filled in.
    let send_edited = |env: logmein_rescue::Envelope, from: &'static str, to: &'static str| {
        let url = url.clone();
        let body = env.body.replace(
            "<sAuthCode>X</sAuthCode>",
            &format!("<sAuthCode>{}</sAuthCode>", code.expose()),
        );
        async move {
            assert!(body.contains(from), "{body}");
            raw_post(
                &url,
                body.replace(from, to),
                &env.content_type,
                env.soap_action,
            )
            .await
        }
    };
    let auth = || Some("X".into());
    let delimiter = api::SetDelimiterRequest {
        delimiter: Some(";".into()),
        auth_code: auth(),
    };
    let env = tech.envelope(&delimiter, SoapVersion::Soap11).unwrap();
    let (_, text) = send_edited(env, "<sDelimiter>;<", "<sDelimiter>||<").await;
    assert!(
        text.contains("setDelimiter_InvalidParam_Delimiter"),
        "{text}"
    );
    let sessions = api::GetSessionV3Request {
        node_id: 5,
        node_ref: api::NodeRef::Node,
        auth_code: auth(),
    };
    let env = tech.envelope(&sessions, SoapVersion::Soap11).unwrap();
    let (_, text) = send_edited(env, "<iNodeID>5<", "<iNodeID>0<").await;
    assert!(text.contains("getSession_InvalidParam_NodeID"), "{text}");
    let dates = api::SetReportDateV2Request {
        begin_date: "2026-01-01T00:00:00".parse().unwrap(),
        end_date: "2026-01-02T00:00:00".parse().unwrap(),
        auth_code: auth(),
    };
    let env = tech.envelope(&dates, SoapVersion::Soap11).unwrap();
    let (_, text) = send_edited(env, "2026-01-02T", "2025-01-02T").await;
    assert!(text.contains("setReportDate_InvalidParam_Date"), "{text}");
    // An enumeration value the service does not have: ASP.NET faults (HTTP 500).
    let area = api::SetReportAreaRequest {
        report_area: api::Reportarea::Session,
        auth_code: auth(),
    };
    let env = tech.envelope(&area, SoapVersion::Soap12).unwrap();
    let (status, text) = send_edited(env, ">SESSION<", ">SESSIONS<").await;
    assert_eq!(status, 500, "{text}");
    assert!(
        text.contains("REPORTAREA") && text.contains("SESSIONS"),
        "{text}"
    );
}

/// The live service's quirks, on the wire (API-SURFACE §3).
#[tokio::test]
async fn quirks_of_the_live_service_on_the_wire() {
    let s = Setup::new().await;
    let tech = s.tech(SoapVersion::Soap12).await;
    // §3.1: SOAP 1.2 answers use the prefix `soap`, and the client reads them.
    let cookie_client = tech.clone();
    let (status, text) = s
        .raw(
            &cookie_client,
            &api::GetAccountV2Request { auth_code: None },
            SoapVersion::Soap12,
        )
        .await;
    assert_eq!(status, 200);
    assert!(
        text.contains("<soap:Envelope xmlns:soap=\"http://www.w3.org/2003/05/soap-envelope\""),
        "{text}"
    );
    // §3.6: result prefixes that do not name the operation.
    assert!(
        text.contains("<getAccount_v2Result>getAccount_OK</getAccount_v2Result>"),
        "{text}"
    );
    let account = tech
        .get_account_v2(api::GetAccountV2Request { auth_code: None })
        .await
        .unwrap()
        .ok()
        .unwrap()
        .into_inner();
    assert_eq!(account.result.wire_value(), "getAccount_OK");
    assert_eq!((account.tech_id, account.tc_running), (TECH_NODE, true));
    let sessions = tech
        .get_session_v3(session_list(TECH_NODE, api::NodeRef::Node))
        .await
        .unwrap()
        .into_inner();
    assert_eq!(sessions.result.wire_value(), "getSession_OK");
    assert_eq!(sessions.sessions().count(), 0, "no sessions: an empty list");

    // §3.7: on failure the link is present and empty; the auth code is absent.
    s.running
        .emulator()
        .set_console_running("tech@example.com", false);
    let failed = tech
        .request_invitation_link(invitation(TECH_NODE, "1"))
        .await
        .unwrap()
        .into_inner();
    assert_eq!(
        failed.result,
        api::RequestInvitationLinkRet::NoTechConsoleRunning
    );
    assert_eq!(failed.invitation_link.as_deref(), Some(""));
    let account = tech
        .get_account_v2(api::GetAccountV2Request { auth_code: None })
        .await
        .unwrap()
        .into_inner();
    assert!(!account.tc_running);
    let bad = s.builder(SoapVersion::Soap11).build().unwrap();
    let err = bad
        .request_auth_code("tech@example.com", "wrong")
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Rejected { .. }), "{err:?}");
    let env = bad
        .envelope(
            &api::RequestAuthCodeRequest {
                email: Some("tech@example.com".into()),
                password: Some("wrong".into()),
            },
            SoapVersion::Soap11,
        )
        .unwrap();
    let (_, text) = raw_post(
        &s.running.url(),
        env.body,
        &env.content_type,
        env.soap_action,
    )
    .await;
    assert!(
        text.contains("requestAuthCode_Invalid") && !text.contains("sAuthCode"),
        "{text}"
    );

    // §3.11: the `&` of an invitation link is escaped on the wire.
    s.running
        .emulator()
        .set_console_running("tech@example.com", true);
    s.advance(2);
    let (_, text) = s
        .raw(&tech, &invitation(TECH_NODE, "2"), SoapVersion::Soap11)
        .await;
    assert!(text.contains("R?i=2&amp;Code="), "{text}");
}

/// Users, groups and the hierarchy as a tree; setUser changes what getUser says.
#[tokio::test]
async fn hierarchy_groups_and_users() {
    let s = Setup::new().await;
    let admin = s.admin(SoapVersion::Soap11).await;
    let tree = admin
        .get_hierarchy(api::GetHierarchyRequest { auth_code: None })
        .await
        .unwrap()
        .ok()
        .unwrap()
        .into_inner();
    let nodes: Vec<_> = tree.nodes().collect();
    let tech = nodes.iter().find(|n| n.node_id == Some(TECH_NODE)).unwrap();
    assert_eq!(tech.parent_id, Some(TECH_GROUP));
    assert_eq!(tech.type_, api::NodeType::Technician);
    assert!(nodes
        .iter()
        .any(|n| n.node_id == Some(CHANNEL_NODE) && n.type_ == api::NodeType::Channel));
    let group = admin
        .get_group(api::GetGroupRequest {
            node_id: TECH_GROUP,
            auth_code: None,
        })
        .await
        .unwrap()
        .ok()
        .unwrap()
        .into_inner()
        .group
        .unwrap();
    assert!(group
        .permission_list()
        .contains(&api::NodePermissions::SendUrl));
    let set = |name: &str| api::SetUserRequest {
        node_id: TECH_NODE,
        name: Some(name.into()),
        email: Some("tech@example.com".into()),
        status: api::UserSetStatus::Enabled,
        add_ons: api::Addons::True,
        ..Default::default()
    };
    let _ = admin.set_user(set("Tech One")).await.unwrap().ok().unwrap();
    let user = admin
        .get_user(api::GetUserRequest {
            node_id: TECH_NODE,
            auth_code: None,
        })
        .await
        .unwrap()
        .ok()
        .unwrap()
        .into_inner()
        .user
        .unwrap();
    assert_eq!(user.name.as_deref(), Some("Tech One"));
    assert!(user.has_mobile_addon);
    let empty = admin.set_user(set(" ")).await.unwrap();
    assert_eq!(empty.result, api::SetUserRet::InvalidParamName);
    let missing = admin
        .get_user(api::GetUserRequest {
            node_id: 4711,
            auth_code: None,
        })
        .await
        .unwrap();
    assert_eq!(missing.result, api::GetUserRet::InvalidParamNodeId);
}

/// An admin-issued API token works where requestAuthCode and login are disabled.
#[tokio::test]
async fn api_tokens_work_where_auth_codes_are_disabled() {
    let s = Setup::new().await;
    let token = s
        .running
        .emulator()
        .issue_api_token("tech@example.com", true)
        .unwrap();
    let c = s
        .builder(SoapVersion::Soap11)
        .api_token(ApiToken::new(token))
        .retry(RetryPolicy::retries(1))
        .build()
        .unwrap();
    let account = c
        .get_account_v2(api::GetAccountV2Request { auth_code: None })
        .await
        .unwrap()
        .ok()
        .unwrap();
    assert_eq!(account.tech_id, TECH_NODE);
    let plain = s.builder(SoapVersion::Soap11).build().unwrap();
    let err = plain
        .request_auth_code("tech@example.com", "tech-password")
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::Rejected { ref value, .. } if value == "requestAuthCode_Error"),
        "{err:?}"
    );
    let login = plain
        .login("tech@example.com", "tech-password")
        .await
        .unwrap();
    assert_eq!(login.result, api::LoginRet::Error);
}
