//! The blocking facade against the emulator (feature `blocking`).
#![cfg(feature = "blocking")]

use logmein_rescue::{api, blocking, Client, Pacing};

#[test]
fn blocking_client_runs_a_flow_without_tokio_in_the_caller() {
    // The emulator needs a runtime of its own; the caller of the blocking client does not.
    let server_rt = tokio::runtime::Runtime::new().unwrap();
    let running = server_rt
        .block_on(rescue_emulator::Emulator::default().start("127.0.0.1:0"))
        .unwrap();
    let client = blocking::Client::new(
        Client::builder()
            .endpoint(running.url())
            .allow_http(true)
            .pacing(Pacing::Off)
            .build()
            .unwrap(),
    )
    .unwrap();
    let code = client
        .request_auth_code("tech@example.com", "tech-password")
        .unwrap();
    client.set_auth_code(Some(code));
    let pin = client
        .request_lens_pin_code_v2(api::RequestLensPinCodeV2Request::default())
        .unwrap();
    assert_eq!(pin.result, api::RequestLensPinCodeRet::Ok);
    assert_eq!(client.logout().unwrap().result, api::LogoutRet::NotLoggedIn);
}

#[tokio::test]
async fn blocking_client_inside_a_runtime_is_an_error_not_a_panic() {
    let client = blocking::Client::new(Client::builder().build().unwrap()).unwrap();
    let err = client.call(api::LogoutRequest {}).unwrap_err();
    assert!(err.to_string().contains("inside an async runtime"));
}
