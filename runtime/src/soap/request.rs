//! Client side, outbound: a request checked against its facets and framed in the
//! envelope of its SOAP version, with the HTTP headers that go with it.

use super::{Envelope, SoapVersion};
use crate::xml::{InvalidField, Validator, XmlWriter};
use crate::Operation;

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
        secret_elements: meta.secrets,
    })
}
