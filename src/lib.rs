//! A typed async client for the LogMeIn Rescue SOAP API (`API.asmx`), generated at
//! build time from the vendored WSDL (`wsdl/API.asmx.wsdl`).
//!
//! ```no_run
//! use logmein_rescue::{api, Client};
//!
//! # async fn run() -> Result<(), logmein_rescue::Error> {
//! let client = Client::builder().build()?;
//! let auth = client.request_auth_code("tech@example.com", "password").await?;
//! client.set_auth_code(Some(auth));
//! let pin = client
//!     .request_lens_pin_code_v2(api::RequestLensPinCodeV2Request {
//!         c_field0: Some("Alice".into()),
//!         ..Default::default()
//!     })
//!     .await?
//!     .ok()?;
//! println!("PIN {}", pin.pin_code.as_deref().unwrap_or(""));
//! # Ok(()) }
//! ```
//!
//! * [`api`]: the generated request/response structs and result enums, one
//!   `Client` method per operation, and `Operation` metadata.
//! * [`Client`]: SOAP 1.1 (default) or 1.2, session cookie and auth code handling,
//!   documented-rate pacing, typed faults and errors.
//! * [`runtime`]: what generated code is written against; used by other crates
//!   that generate their own ASMX client with `rescue-codegen`.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

/// The generic SOAP/ASMX runtime ([`asmx_runtime`]) the generated code is written
/// against; other crates that generate their own client with `rescue-codegen` use it too.
pub use asmx_runtime as runtime;
/// SOAP 1.1/1.2 envelopes: build a request without sending it, decode an answer.
pub use asmx_runtime::soap as envelope;

#[cfg(feature = "blocking")]
pub mod blocking;
mod client;
mod codes;

/// The WSDL the client was generated from (`wsdl/API.asmx.wsdl`).
pub const WSDL: &str = include_str!("../wsdl/API.asmx.wsdl");

/// The LogMeIn Rescue API, generated from `wsdl/API.asmx.wsdl` and the overlay
/// `wsdl/API.overlay.toml`: request/response types, result enums, one `Client`
/// method per operation, the registry [`api::OPERATIONS`], and the server trait
/// [`api::ApiService`] with [`api::dispatch`].
pub mod api {
    include!(concat!(env!("OUT_DIR"), "/rescue_api.rs"));
}

pub use asmx_runtime::{
    mask_body_with, mask_xml_with, wire_enum, Envelope, Error, Fault, Pacing, Secret, SoapVersion,
    DEFAULT_MAX_RESPONSE_BYTES, MAX_COOKIES, MAX_COOKIE_BYTES, PACING_MARGIN,
};
pub use client::{Client, ClientBuilder, DEFAULT_ENDPOINT, EU_ENDPOINT};
pub use codes::{meaning, AuthCode, InvalidPinCode, PinCode};

/// An XML document with the text of Rescue's secret elements (the overlay's
/// `secret_fields`) replaced by `***`.
pub fn mask_xml(xml: &str) -> String {
    mask_xml_with(xml, api::SECRET_ELEMENTS)
}

/// The README's Rust examples are compiled as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
