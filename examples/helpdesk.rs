//! A help-desk widget's flow against the embedded emulator: an auth code, an
//! invitation link for the technician, then getSession_V3 polled until the
//! customer is picked up. No account and no network needed:
//!
//!     cargo run --example helpdesk

use std::time::Duration;

use logmein_rescue::{api, Client};
use rescue_emulator::Emulator;

const TECHNICIAN_NODE: i32 = 1001;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let running = Emulator::default().start("127.0.0.1:0").await?;
    let client = Client::builder()
        .endpoint(running.url())
        .allow_http(true)
        .build()?;

    // 1. An auth code (it does not expire; a new one replaces it on the server).
    let auth = client
        .request_auth_code("tech@example.com", "tech-password")
        .await?;
    client.set_auth_code(Some(auth));

    // 2. An invitation link for the customer, with the ticket in the custom fields.
    let link = client
        .request_invitation_link(api::RequestInvitationLinkRequest {
            c_field0: Some("Session for ticket #215".into()),
            c_field1: Some("215".into()),
            node_id: TECHNICIAN_NODE,
            ..Default::default()
        })
        .await?
        .ok()?
        .into_inner()
        .invitation_link
        .unwrap_or_default();
    println!("invitation link: {link}");

    // The customer opens the link; a moment later the technician picks them up
    // (the emulator's control side plays both).
    let code: u32 = link.rsplit('=').next().unwrap_or_default().parse()?;
    let emulator = running.emulator();
    let session = emulator
        .connect(code)
        .ok_or("the emulator did not know the code")?;

    // 3. Poll getSession_V3 until the session is picked up.
    for round in 1.. {
        let answer = client
            .get_session_v3(api::GetSessionV3Request {
                node_id: TECHNICIAN_NODE,
                node_ref: api::NodeRef::Node,
                auth_code: None,
            })
            .await?
            .ok()?;
        let Some(mine) = answer.sessions().find(|s| s.id == session) else {
            return Err("the session disappeared".into());
        };
        println!(
            "poll {round}: session {} is {} ({}), waiting {} s, started {}",
            mine.id,
            mine.b_status,
            mine.s_status.as_deref().unwrap_or(""),
            mine.waiting_time_in_sec,
            mine.started_at()
                .transpose()?
                .map(|t| t.to_string())
                .unwrap_or_default(),
        );
        if mine.b_status == api::SessionStatus::Pickedup {
            break;
        }
        if round == 2 {
            emulator.pick_up(session, None);
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    Ok(())
}
