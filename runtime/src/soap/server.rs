//! Server side: a request envelope read into the operation's request, and the
//! response or fault envelope written as ASMX writes them.

use super::header::{fill_headers, scan_header, write_header_section};
use super::{answer_open, open_envelope, SoapVersion, ANSWER_CLOSE};
use crate::xml::{DecodeError, InvalidField, XmlReader, XmlType, XmlWriter};
use crate::{Operation, Response};

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
    let (mut header_seen, mut typed_headers) = (false, false);
    while let Some((ns, name)) = r.next_start()? {
        if ns == env_ns && name == "Header" && !header_seen && request.is_none() {
            header_seen = true;
            typed_headers = scan_header(&mut r, version, O::HEADERS)?;
        } else if ns == env_ns && name == "Body" && request.is_none() {
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
    let mut request = request.ok_or_else(|| DecodeError::Missing {
        path: "Envelope/Body".into(),
    })?;
    if !r.at_document_end()? {
        return Err(DecodeError::Malformed {
            position: bytes.len() as u64,
            message: "content after the envelope".into(),
        });
    }
    if typed_headers {
        fill_headers(bytes, version, crate::xml::Limits::DEFAULT, &mut request)?;
    }
    Ok(Response::new(request, r.take_unknown()).with_operation(meta.name))
}

/// Server side: the response envelope for `O`, framed as ASMX frames it.
pub fn encode_response<O: Operation>(
    response: &O::Response,
    version: SoapVersion,
) -> Result<String, InvalidField> {
    let meta = O::META;
    let mut w = XmlWriter::new(String::with_capacity(512));
    w.raw(answer_open(version));
    if <O::Response as XmlType>::HAS_HEADERS {
        write_header_section(&mut w, version, "soap", meta.namespace, response)?;
    }
    w.raw("<soap:Body>");
    w.root_element(meta.response_element, meta.namespace, response)?;
    w.raw(ANSWER_CLOSE);
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
        .filter(|c| crate::xml::is_xml_char(*c))
        .collect();
    let _ = crate::xml::escape_into(&mut text, &clean);
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
    format!("{}<soap:Body>{body}{ANSWER_CLOSE}", answer_open(version))
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
