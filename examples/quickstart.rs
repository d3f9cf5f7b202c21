//! A real flow against the embedded emulator, in SOAP 1.1 and then SOAP 1.2:
//! auth code, Lens PIN, email text, a customer joins, an administrator starts the
//! session, logout. No account and no network needed:
//!
//!     cargo run --example quickstart

use logmein_rescue::{api, Client, PinCode, SoapVersion};
use rescue_emulator::Emulator;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let emulator = Emulator::default().start("127.0.0.1:0").await?;
    println!("emulator listening on {}", emulator.url());

    // One client per user: its clones share the session cookie and the pacing of the
    // documented rates, so the second round waits rather than being refused.
    let tech_client = Client::builder()
        .endpoint(emulator.url())
        .allow_http(true)
        .build()?;
    let admin_client = Client::builder()
        .endpoint(emulator.url())
        .allow_http(true)
        .build()?;

    for version in [SoapVersion::Soap11, SoapVersion::Soap12] {
        println!("\n== {version} ==");
        let tech = tech_client.with_soap_version(version);
        let auth = tech
            .request_auth_code("tech@example.com", "tech-password")
            .await?;
        println!("1. requestAuthCode      -> OK, auth code {auth}");
        tech.set_auth_code(Some(auth));

        let lens = tech
            .request_lens_pin_code_v2(api::RequestLensPinCodeV2Request {
                c_field0: Some("Alice Example".into()),
                tracking0: Some("ticket-4711".into()),
                ..Default::default()
            })
            .await?
            .ok()?;
        let pin: PinCode = lens.pin_code.as_deref().unwrap_or_default().parse()?;
        println!("2. requestLensPINCodeV2 -> {}, PIN {pin}", lens.result);

        let mail = tech
            .generate_email_text(api::GenerateEmailTextRequest {
                pin_code: pin.as_int(),
                auth_code: None,
            })
            .await?
            .ok()?;
        println!(
            "3. generateEmailText    -> {}: {:?}",
            mail.result,
            mail.link.as_deref().unwrap_or("")
        );

        let session = emulator
            .emulator()
            .connect(pin.as_int() as u32)
            .ok_or("the emulator did not know the PIN")?;
        println!("4. customer enters PIN  -> waiting session {session}");

        let admin = admin_client.with_soap_version(version);
        let login = admin
            .login("admin@example.com", "admin-password")
            .await?
            .ok()?;
        println!("5. login (admin)        -> {}", login.result);
        let started = admin
            .start_session(api::StartSessionRequest {
                session,
                node: 1001,
                auth_code: None,
            })
            .await?
            .ok()?;
        println!("6. startSession         -> {}", started.result);
        let logout = admin.logout().await?;
        println!("7. logout               -> {}", logout.result);
    }
    Ok(())
}
