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
//! Three ways in:
//!
//! * **The typed client** (above): [`Client`] with one method per operation,
//!   [`Client::call`] for any generated request, [`runtime::Response::ok`] to turn a
//!   non-OK result into [`Error::Rejected`] with the API guide's meaning.
//! * **Raw envelopes**: [`envelope::encode`] writes the exact request (body, content
//!   type, SOAPAction) without sending it; [`envelope::decode`] reads an answer you
//!   received some other way. [`api::OPERATIONS`] lists every operation with
//!   type-erased entry points for tools that work by name.
//! * **The emulator** (`rescue-emulator`, a dev-dependency): a local `API.asmx` for
//!   tests and CI; it implements the generated server trait [`api::ApiService`] and
//!   answers through [`api::dispatch`].
//!
//! The generic SOAP runtime underneath is [`runtime`] (`asmx-runtime`); the rules
//! of the Rescue API that its WSDL does not state (secrets, pacing, limits, result
//! meanings) come from `wsdl/API.overlay.toml` through the generated code.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

/// The generic SOAP/ASMX runtime ([`asmx_runtime`]) the generated code is written
/// against; other crates that generate their own client with `rescue-codegen` use it too.
pub use asmx_runtime as runtime;
/// SOAP 1.1/1.2 envelopes: build a request without sending it, decode an answer.
pub use asmx_runtime::soap as envelope;

mod accessors;
#[cfg(feature = "blocking")]
pub mod blocking;
mod client;
mod codes;
pub mod report;
mod reporting;
mod us_time;

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
pub use codes::{meaning, ApiToken, AuthCode, InvalidPinCode, PinCode};
pub use reporting::ReportQuery;
pub use us_time::{InvalidUsDateTime, UsDateTime};

/// An XML document with the text of Rescue's secret elements (the overlay's
/// `secret_fields`) replaced by `***`.
pub fn mask_xml(xml: &str) -> String {
    mask_xml_with(xml, api::SECRET_ELEMENTS)
}

/// The README's Rust examples are compiled as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
