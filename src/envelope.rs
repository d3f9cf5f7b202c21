//! SOAP 1.1 and 1.2 envelopes, framed as ASP.NET ASMX frames them, and SOAP faults.

use std::fmt;

use crate::runtime::{
    DecodeError, InvalidField, Operation, Response, Validator, XmlReader, XmlType, XmlWriter,
};

const SOAP11_ENV: &str = "http://schemas.xmlsoap.org/soap/envelope/";
const SOAP12_ENV: &str = "http://www.w3.org/2003/05/soap-envelope";

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

    fn prefix(self) -> &'static str {
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
}

impl fmt::Debug for Envelope {
    /// Secret element values (passwords, auth codes) are masked.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Envelope")
            .field("version", &self.version)
            .field("content_type", &self.content_type)
            .field("soap_action", &self.soap_action)
            .field("body", &crate::secret::mask_xml(&self.body))
            .finish()
    }
}

/// Why a request could not be encoded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EncodeRequestError {
    /// A field breaks a facet or holds a character XML cannot carry.
    #[error("invalid request: {0}")]
    Invalid(#[from] InvalidField),
    /// The WSDL does not bind the operation for this SOAP version.
    #[error("operation `{operation}` is not bound for {version} in the WSDL")]
    NotBound {
        /// Operation wire name.
        operation: &'static str,
        /// The version asked for.
        version: SoapVersion,
    },
}

/// Checks a request against its schema facets and writes its envelope.
pub fn encode<O: Operation>(
    request: &O,
    version: SoapVersion,
) -> Result<Envelope, EncodeRequestError> {
    let meta = O::META;
    let action = match version {
        SoapVersion::Soap11 => meta.soap11_action,
        SoapVersion::Soap12 => meta.soap12_action,
    }
    .ok_or(EncodeRequestError::NotBound {
        operation: meta.name,
        version,
    })?;
    request
        .validate(&mut Validator::new())
        .map_err(|e| e.in_operation(meta.name))?;

    let p = version.prefix();
    let mut w = XmlWriter::new(String::with_capacity(512));
    w.raw("<?xml version=\"1.0\" encoding=\"utf-8\"?>");
    w.raw(&format!(
        "<{p}:Envelope xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" xmlns:{p}=\"{}\">",
        version.envelope_namespace()
    ));
    let mut headers = XmlWriter::new(String::new());
    request
        .write_headers(&mut headers)
        .map_err(|e| e.in_operation(meta.name))?;
    let headers = headers.into_inner();
    if !headers.is_empty() {
        w.raw(&format!("<{p}:Header xmlns=\"{}\">", meta.namespace));
        w.raw(&headers);
        w.raw(&format!("</{p}:Header>"));
    }
    w.raw(&format!(
        "<{p}:Body><{} xmlns=\"{}\">",
        meta.request_element, meta.namespace
    ));
    w.enter(meta.request_element);
    request
        .write_xml(&mut w)
        .map_err(|e| e.in_operation(meta.name))?;
    w.raw(&format!(
        "</{}></{p}:Body></{p}:Envelope>",
        meta.request_element
    ));

    let (content_type, soap_action) = match version {
        SoapVersion::Soap11 => (
            "text/xml; charset=utf-8".to_owned(),
            Some(format!("\"{action}\"")),
        ),
        SoapVersion::Soap12 => (
            format!("application/soap+xml; charset=utf-8; action=\"{action}\""),
            None,
        ),
    };
    Ok(Envelope {
        version,
        content_type,
        soap_action,
        body: w.into_inner(),
    })
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

/// What a response body turned out to be, when it was not the expected response.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeResponseError {
    /// A SOAP Fault.
    #[error("{0}")]
    Fault(Box<Fault>),
    /// Not a SOAP envelope of the expected shape.
    #[error("{0}")]
    Decode(#[from] DecodeError),
}

/// `{namespace}name`, with the SOAP version when the namespace is an envelope's.
fn describe(found: Option<(&[u8], &str)>) -> String {
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

/// Reads the root element, which must be the `Envelope` of `version`.
fn open_envelope(r: &mut XmlReader<'_>, version: SoapVersion) -> Result<(), DecodeError> {
    let env_ns = version.envelope_namespace();
    match r.next_start_ref()? {
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

/// Reads a response envelope of `version` for operation `O`.
pub fn decode<O: Operation>(
    bytes: &[u8],
    version: SoapVersion,
) -> Result<Response<O::Response>, DecodeResponseError> {
    let env_ns = version.envelope_namespace();
    let meta = O::META;
    let mut r = XmlReader::new(bytes, meta.namespace);
    open_envelope(&mut r, version)?;
    let mut body = None;
    while let Some((ns, name)) = r.next_start_ref()? {
        if ns == env_ns.as_bytes() && name == "Body" && body.is_none() {
            r.push_path("Body");
            body = Some(read_body::<O>(&mut r, version)?);
            r.pop_path();
        } else {
            // Header blocks and anything else in the envelope are kept, not dropped.
            r.skip_unknown()?;
        }
    }
    let body = body.ok_or_else(|| DecodeError::Unexpected {
        expected: format!("{{{env_ns}}}Body"),
        found: "nothing".into(),
    })?;
    if !r.at_document_end()? {
        return Err(DecodeError::Malformed {
            position: bytes.len() as u64,
            message: "content after the envelope".into(),
        }
        .into());
    }
    Ok(Response::new(body, r.take_unknown()).with_operation(meta.name))
}

fn read_body<O: Operation>(
    r: &mut XmlReader<'_>,
    version: SoapVersion,
) -> Result<O::Response, DecodeResponseError> {
    let meta = O::META;
    let env_ns = version.envelope_namespace();
    let mut result = None;
    while let Some((ns, name)) = r.next_start_ref()? {
        if result.is_some() {
            r.skip_unknown()?;
        } else if ns == env_ns.as_bytes() && name == "Fault" {
            r.push_path("Fault");
            let fault = read_fault(r, version)?;
            return Err(DecodeResponseError::Fault(Box::new(fault)));
        } else if ns == meta.namespace.as_bytes() && name == meta.response_element {
            r.push_path(meta.response_element);
            r.set_namespace(meta.namespace);
            result = Some(r.complex::<O::Response>()?);
            r.pop_path();
        } else {
            return Err(DecodeError::Unexpected {
                expected: format!("{{{}}}{}", meta.namespace, meta.response_element),
                found: format!("{{{}}}{name}", String::from_utf8_lossy(ns)),
            }
            .into());
        }
    }
    result.ok_or_else(|| {
        DecodeError::Unexpected {
            expected: format!("{{{}}}{}", meta.namespace, meta.response_element),
            found: "an empty Body".into(),
        }
        .into()
    })
}

/// Reads the children of a `Fault` element (its start tag just read) without
/// recursion: the 1.2 `Subcode` chain is followed with a counter, `detail` is kept
/// as its XML, and anything else is skipped, so a hostile fault costs time linear
/// in its size and memory at most one copy of it.
fn read_fault(r: &mut XmlReader<'_>, version: SoapVersion) -> Result<Fault, DecodeError> {
    let env = version.envelope_namespace().as_bytes();
    let mut fault = Fault {
        version,
        ..Fault::default()
    };
    // Fault children are unqualified in SOAP 1.1 and in the envelope namespace in
    // 1.2; servers are lenient either way, so both are accepted.
    let ours = |ns: &[u8]| ns == env || ns.is_empty();
    while let Some((ns, name)) = r.next_start_ref()? {
        if !ours(ns) {
            r.skip_unknown()?;
            continue;
        }
        match (version, name) {
            (SoapVersion::Soap11, "faultcode") => fault.code = trimmed(r.text()?),
            (SoapVersion::Soap11, "faultstring") => fault.reason = trimmed(r.text()?),
            (SoapVersion::Soap11, "faultactor") | (SoapVersion::Soap12, "Node") => {
                fault.node = Some(trimmed(r.text()?))
            }
            (SoapVersion::Soap12, "Role") => fault.role = Some(trimmed(r.text()?)),
            (SoapVersion::Soap11, "detail") | (SoapVersion::Soap12, "Detail") => {
                fault.detail = Some(r.capture_current()?)
            }
            (SoapVersion::Soap12, "Code") => read_fault_code(r, &mut fault, &ours)?,
            (SoapVersion::Soap12, "Reason") => {
                while let Some((ns, name)) = r.next_start_ref()? {
                    if ours(ns) && name == "Text" {
                        let lang = r
                            .current_attribute(XML_NS.as_bytes(), b"lang")?
                            .unwrap_or_default();
                        let text = trimmed(r.text()?);
                        fault.reasons.push((lang, text));
                    } else {
                        r.skip_unknown()?;
                    }
                }
                if let Some((_, first)) = fault.reasons.first() {
                    fault.reason = first.clone();
                }
            }
            _ => r.skip_unknown()?,
        }
    }
    Ok(fault)
}

/// `Code/Value` and the `Subcode/Value` chain, outermost first. `open` counts the
/// `Code`/`Subcode` elements entered and not yet closed.
fn read_fault_code(
    r: &mut XmlReader<'_>,
    fault: &mut Fault,
    ours: &dyn Fn(&[u8]) -> bool,
) -> Result<(), DecodeError> {
    let mut open = 1usize;
    while open > 0 {
        match r.next_start_ref()? {
            Some((ns, "Value")) if ours(ns) => {
                let value = trimmed(r.text()?);
                if open == 1 {
                    fault.code = value;
                } else {
                    fault.subcodes.push(value);
                }
            }
            Some((ns, "Subcode")) if ours(ns) => open += 1,
            Some(_) => r.skip_unknown()?,
            None => open -= 1,
        }
    }
    Ok(())
}

const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";

fn trimmed(text: std::borrow::Cow<'_, str>) -> String {
    text.trim().to_owned()
}

/// Server side: reads a request envelope of `version` into `O`, with any elements
/// the schema does not describe.
pub fn decode_request<O: Operation>(
    bytes: &[u8],
    version: SoapVersion,
) -> Result<Response<O>, DecodeError> {
    let env_ns = version.envelope_namespace();
    let meta = O::META;
    let mut r = XmlReader::new(bytes, meta.namespace);
    open_envelope(&mut r, version)?;
    let mut request = None;
    while let Some((ns, name)) = r.next_start()? {
        if ns == env_ns && name == "Body" && request.is_none() {
            r.push_path("Body");
            while let Some((ns, name)) = r.next_start()? {
                if request.is_none() && ns == meta.namespace && name == meta.request_element {
                    r.push_path(meta.request_element);
                    request = Some(r.complex::<O>()?);
                    r.pop_path();
                } else if request.is_none() {
                    return Err(DecodeError::Unexpected {
                        expected: format!("{{{}}}{}", meta.namespace, meta.request_element),
                        found: format!("{{{ns}}}{name}"),
                    });
                } else {
                    r.skip_unknown()?;
                }
            }
            r.pop_path();
        } else {
            r.skip_unknown()?;
        }
    }
    let request = request.ok_or_else(|| DecodeError::Missing {
        path: "Envelope/Body".into(),
    })?;
    if !r.at_document_end()? {
        return Err(DecodeError::Malformed {
            position: bytes.len() as u64,
            message: "content after the envelope".into(),
        });
    }
    Ok(Response::new(request, r.take_unknown()).with_operation(meta.name))
}

/// Server side: the response envelope for `O`, framed as ASMX frames it.
pub fn encode_response<O: Operation>(
    response: &O::Response,
    version: SoapVersion,
) -> Result<String, InvalidField> {
    let meta = O::META;
    let p = version.prefix();
    let mut w = XmlWriter::new(String::with_capacity(512));
    w.raw(&format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><{p}:Envelope xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" xmlns:{p}=\"{}\"><{p}:Body><{} xmlns=\"{}\">",
        version.envelope_namespace(),
        meta.response_element,
        meta.namespace
    ));
    w.enter(meta.response_element);
    response.write_xml(&mut w)?;
    w.raw(&format!(
        "</{}></{p}:Body></{p}:Envelope>",
        meta.response_element
    ));
    Ok(w.into_inner())
}

/// Which side a fault blames, in each SOAP version's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FaultSide {
    /// The request was wrong (`soap:Client` / `soap:Sender`).
    Client,
    /// The server failed (`soap:Server` / `soap:Receiver`).
    Server,
}

/// Server side: a fault envelope as ASMX writes it (HTTP 500 goes with it).
pub fn encode_fault(version: SoapVersion, side: FaultSide, reason: &str) -> String {
    let mut text = String::new();
    // Characters XML cannot carry are dropped from a fault text rather than failing.
    let clean: String = reason
        .chars()
        .filter(|c| crate::runtime::is_xml_char(*c))
        .collect();
    let _ = crate::runtime::escape_into(&mut text, &clean);
    let p = "soap";
    let env = version.envelope_namespace();
    let body = match (version, side) {
        (SoapVersion::Soap11, side) => {
            let code = if side == FaultSide::Client {
                "soap:Client"
            } else {
                "soap:Server"
            };
            format!("<soap:Fault><faultcode>{code}</faultcode><faultstring>{text}</faultstring><detail /></soap:Fault>")
        }
        (SoapVersion::Soap12, side) => {
            let code = if side == FaultSide::Client {
                "soap:Sender"
            } else {
                "soap:Receiver"
            };
            format!("<soap:Fault><soap:Code><soap:Value>{code}</soap:Value></soap:Code><soap:Reason><soap:Text xml:lang=\"en\">{text}</soap:Text></soap:Reason><soap:Detail /></soap:Fault>")
        }
    };
    format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><{p}:Envelope xmlns:{p}=\"{env}\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\"><{p}:Body>{body}</{p}:Body></{p}:Envelope>"
    )
}

/// Server side: the body element's `(namespace, local name)` of a request, to find
/// its operation before decoding it.
pub fn body_element(bytes: &[u8], version: SoapVersion) -> Result<(String, String), DecodeError> {
    let env_ns = version.envelope_namespace();
    let mut r = XmlReader::new(bytes, "");
    open_envelope(&mut r, version)?;
    while let Some((ns, name)) = r.next_start()? {
        if ns == env_ns && name == "Body" {
            return r.next_start()?.ok_or_else(|| DecodeError::Missing {
                path: "Envelope/Body/*".into(),
            });
        }
        r.skip_current()?;
    }
    Err(DecodeError::Missing {
        path: "Envelope/Body".into(),
    })
}
