//! Client side, outbound: a request checked against its facets and framed in the
//! envelope of its SOAP version, with the HTTP headers that go with it.

use super::{Envelope, SoapVersion};
use crate::xml::{InvalidField, Validator, XmlWriter};
use crate::{Operation, OperationMeta};

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
    // No `?` and no closures on the generic parts: see `__tri!`.
    let meta = O::META;
    let Some(action) = meta.action(version) else {
        return Err(EncodeRequestError::NotBound {
            operation: meta.name,
            version,
        });
    };
    in_operation(&meta, request.validate(&mut Validator::new()))?;

    // Framing is pushed piece by piece into one buffer: no `format!` temporaries.
    let p = version.prefix();
    let mut w = XmlWriter::new(String::with_capacity(1024));
    w.raw(envelope_open(version));
    if O::HAS_HEADERS {
        in_operation(
            &meta,
            super::header::write_header_section(&mut w, version, p, meta.namespace, request),
        )?;
    }
    w.raw("<");
    w.raw(p);
    w.raw(":Body>");
    in_operation(
        &meta,
        w.root_element(meta.request_element, meta.namespace, request),
    )?;
    w.raw(envelope_close(version));

    let (content_type, soap_action) = match version {
        SoapVersion::Soap11 => ("text/xml; charset=utf-8".to_owned(), Some(quoted(action))),
        SoapVersion::Soap12 => {
            let mut ct = String::with_capacity(60 + action.len());
            ct.push_str("application/soap+xml; charset=utf-8; action=");
            ct.push_str(&quoted(action));
            (ct, None)
        }
    };
    Ok(Envelope {
        version,
        content_type,
        soap_action,
        body: w.into_inner(),
        secret_elements: meta.secrets,
    })
}

/// The XML declaration and the envelope's start tag, as ASMX writes them (requests
/// and responses alike).
pub(crate) fn envelope_open(version: SoapVersion) -> &'static str {
    match version {
        SoapVersion::Soap11 => "<?xml version=\"1.0\" encoding=\"utf-8\"?><soap:Envelope xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\">",
        SoapVersion::Soap12 => "<?xml version=\"1.0\" encoding=\"utf-8\"?><soap12:Envelope xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" xmlns:soap12=\"http://www.w3.org/2003/05/soap-envelope\">",
    }
}

/// The end of the body and of the envelope.
pub(crate) fn envelope_close(version: SoapVersion) -> &'static str {
    match version {
        SoapVersion::Soap11 => "</soap:Body></soap:Envelope>",
        SoapVersion::Soap12 => "</soap12:Body></soap12:Envelope>",
    }
}

/// `"action"`.
fn quoted(action: &str) -> String {
    let mut q = String::with_capacity(action.len() + 2);
    q.push('"');
    q.push_str(action);
    q.push('"');
    q
}

/// A request check's or writer's error, naming the operation.
fn in_operation(
    meta: &OperationMeta,
    result: Result<(), InvalidField>,
) -> Result<(), InvalidField> {
    match result {
        Ok(()) => Ok(()),
        Err(e) => Err(e.in_operation(meta.name)),
    }
}
