//! A reporting job against the embedded emulator: login, then the reporting
//! chain (area → dates → time zone → XML output → getReport_v2) in one call,
//! read into rows. No account and no network needed:
//!
//!     cargo run --example report

use logmein_rescue::{api, Client, ReportQuery};
use rescue_emulator::{Emulator, TECH_GROUP};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let running = Emulator::default().start("127.0.0.1:0").await?;
    let client = Client::builder()
        .endpoint(running.url())
        .allow_http(true)
        .build()?;

    // Something to report on: two customers who came in on invitation links.
    let login = client
        .login("tech@example.com", "tech-password")
        .await?
        .ok()?;
    println!("{}", login.result);
    for ticket in ["215", "216"] {
        let link = client
            .request_invitation_link(api::RequestInvitationLinkRequest {
                c_field0: Some(format!("Session for ticket #{ticket}")),
                c_field1: Some(ticket.into()),
                node_id: 1001,
                ..Default::default()
            })
            .await?
            .ok()?
            .into_inner()
            .invitation_link
            .unwrap_or_default();
        let code: u32 = link.rsplit('=').next().unwrap_or_default().parse()?;
        running.emulator().connect(code);
    }

    // The report settings live in the server session (this client's cookie);
    // `report` runs the whole chain and reads the XML output.
    let query = ReportQuery::new(
        api::Reportarea::Session,
        TECH_GROUP,
        "2026-01-01T00:00:00".parse()?,
        "2026-12-31T23:59:59".parse()?,
    );
    let report = client.report(&query).await?;
    println!("{}", report.columns.join(" | "));
    for row in &report.rows {
        println!("{}", row.join(" | "));
    }
    println!("{} row(s)", report.rows.len());
    let logout = client.logout().await?.ok()?;
    println!("{}", logout.result);
    Ok(())
}
