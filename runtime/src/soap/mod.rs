//! SOAP 1.1 and 1.2 envelopes, framed as ASP.NET ASMX frames them: the versions,
//! the envelope and fault types, and the two sides apart — a client writes a
//! request ([`encode`]) and reads the answer or its fault ([`decode`]); a server
//! reads a request ([`decode_request`]) and writes a response or a fault
//! ([`encode_response`], [`encode_fault`]).

mod header;
mod request;
mod response;
mod server;

pub use request::{encode, EncodeRequestError};
pub(crate) use response::DecodeResponse;
pub use response::{decode, decode_with, DecodeResponseError};
pub use server::{body_element, decode_request, encode_fault, encode_response, FaultSide};

use std::fmt;

use crate::xml::{DecodeError, XmlReader};

pub(crate) const SOAP11_ENV: &str = "http://schemas.xmlsoap.org/soap/envelope/";
pub(crate) const SOAP12_ENV: &str = "http://www.w3.org/2003/05/soap-envelope";

/// The SOAP version of a call.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
pub enum SoapVersion {
    /// SOAP 1.1: `text/xml` and a `SOAPAction` header.
    #[default]
    Soap11,
    /// SOAP 1.2: `application/soap+xml` with the action in the content type.
    Soap12,
}

impl SoapVersion {
    /// The envelope namespace.
    pub fn envelope_namespace(self) -> &'static str {
        match self {
            SoapVersion::Soap11 => SOAP11_ENV,
            SoapVersion::Soap12 => SOAP12_ENV,
        }
    }

    /// The media type a server answers with (without parameters).
    pub fn media_type(self) -> &'static str {
        match self {
            SoapVersion::Soap11 => "text/xml",
            SoapVersion::Soap12 => "application/soap+xml",
        }
    }

    pub(crate) fn prefix(self) -> &'static str {
        match self {
            SoapVersion::Soap11 => "soap",
            SoapVersion::Soap12 => "soap12",
        }
    }
}

impl fmt::Display for SoapVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SoapVersion::Soap11 => "SOAP 1.1",
            SoapVersion::Soap12 => "SOAP 1.2",
        })
    }
}

/// A request ready for the wire: body and the headers that go with it.
#[derive(Clone, PartialEq, Eq)]
pub struct Envelope {
    /// SOAP version of the envelope.
    pub version: SoapVersion,
    /// The `Content-Type` header value.
    pub content_type: String,
    /// The `SOAPAction` header value (SOAP 1.1 only), quoted.
    pub soap_action: Option<String>,
    /// The XML document.
    pub body: String,
    /// Elements whose text `Debug` masks (the operation's `META.secrets`).
    pub secret_elements: &'static [&'static str],
}

impl fmt::Debug for Envelope {
    /// Secret element values (passwords, auth codes) are masked.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Envelope")
            .field("version", &self.version)
            .field("content_type", &self.content_type)
            .field("soap_action", &self.soap_action)
            .field(
                "body",
                &crate::secret::mask_xml_with(&self.body, self.secret_elements),
            )
            .finish()
    }
}

/// A SOAP Fault, 1.1 or 1.2, with every part the server sent.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct Fault {
    /// Version of the envelope that carried it.
    pub version: SoapVersion,
    /// `faultcode` (1.1) or `Code/Value` (1.2), as sent (`soap:Client`).
    pub code: String,
    /// The 1.2 `Subcode/Value` chain, outermost first.
    pub subcodes: Vec<String>,
    /// `faultstring` (1.1) or the first `Reason/Text` (1.2).
    pub reason: String,
    /// Every 1.2 `Reason/Text` as `(xml:lang, text)`.
    pub reasons: Vec<(String, String)>,
    /// `faultactor` (1.1) or `Node` (1.2).
    pub node: Option<String>,
    /// `Role` (1.2).
    pub role: Option<String>,
    /// `detail`/`Detail` as received XML.
    pub detail: Option<String>,
}

impl Fault {
    /// The code without its prefix: `Client`, `Server`, `Sender`, `Receiver`…
    pub fn code_name(&self) -> &str {
        self.code.rsplit(':').next().unwrap_or(&self.code)
    }
}

impl fmt::Display for Fault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} fault {}", self.version, self.code)?;
        for s in &self.subcodes {
            write!(f, " / {s}")?;
        }
        write!(f, ": {}", self.reason)
    }
}

/// `{namespace}name`, with the SOAP version when the namespace is an envelope's.
pub(crate) fn describe(found: Option<(&[u8], &str)>) -> String {
    match found {
        Some((ns, name)) => {
            let ns = String::from_utf8_lossy(ns);
            let version = match ns.as_ref() {
                SOAP11_ENV => " (SOAP 1.1)",
                SOAP12_ENV => " (SOAP 1.2)",
                _ => "",
            };
            format!("{{{ns}}}{name}{version}")
        }
        None => "nothing".to_owned(),
    }
}

/// The start of an answer up to its Header or Body. ASMX writes answers with the
/// prefix `soap` in both versions (a live SOAP 1.2 answer starts
/// `<soap:Envelope xmlns:soap="http://www.w3.org/2003/05/soap-envelope"`), while
/// requests use `soap12`; readers must go by namespace.
pub(crate) fn answer_open(version: SoapVersion) -> &'static str {
    match version {
        SoapVersion::Soap11 => "<?xml version=\"1.0\" encoding=\"utf-8\"?><soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\">",
        SoapVersion::Soap12 => "<?xml version=\"1.0\" encoding=\"utf-8\"?><soap:Envelope xmlns:soap=\"http://www.w3.org/2003/05/soap-envelope\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\">",
    }
}

/// The namespace declarations of [`answer_open`]'s `Envelope` tag.
pub(crate) fn answer_bindings(version: SoapVersion) -> &'static [(&'static str, &'static str)] {
    const XSI: (&str, &str) = ("xsi", "http://www.w3.org/2001/XMLSchema-instance");
    const XSD: (&str, &str) = ("xsd", "http://www.w3.org/2001/XMLSchema");
    match version {
        SoapVersion::Soap11 => &[
            ("soap", "http://schemas.xmlsoap.org/soap/envelope/"),
            XSI,
            XSD,
        ],
        SoapVersion::Soap12 => &[
            ("soap", "http://www.w3.org/2003/05/soap-envelope"),
            XSI,
            XSD,
        ],
    }
}

/// The end of an answer.
pub(crate) const ANSWER_CLOSE: &str = "</soap:Body></soap:Envelope>";

/// Reads the root element, which must be the `Envelope` of `version`.
pub(crate) fn open_envelope(
    r: &mut XmlReader<'_>,
    version: SoapVersion,
) -> Result<(), DecodeError> {
    let env_ns = version.envelope_namespace();
    match r.next_qualified()? {
        Some((ns, "Envelope")) if ns == env_ns.as_bytes() => {
            r.push_path("Envelope");
            Ok(())
        }
        other => Err(DecodeError::Unexpected {
            expected: format!("{{{env_ns}}}Envelope ({version})"),
            found: describe(other),
        }),
    }
}
