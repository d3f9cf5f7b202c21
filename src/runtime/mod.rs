//! The runtime the generated code is written against: XML reading and writing,
//! facet checks, wire enums and operation metadata. Other crates that generate
//! code with `rescue-codegen` use it too.

mod facets;
mod operation;
mod read;
mod value;
mod wire_enum;
mod write;

pub use facets::{Checked, Facets, InvalidField, Pattern, Validate, Validator};
pub use operation::{HasResult, Operation, OperationMeta, Response};
pub(crate) use read::Node;
pub use read::{DecodeError, Slot, UnknownElement, XmlReader};
pub use value::{Base64Binary, DateTime, Decimal, XmlValue};
pub use wire_enum::WireEnum;
pub use write::{escape_into, is_xml_char, EncodeError, WriteField, XmlElement, XmlWriter};

pub use crate::error::Error;
pub use crate::secret::Redacted;

/// Re-exported so generated code needs no serde dependency of its own.
pub use serde;

/// Declares a wire enum (used by generated code).
pub use crate::wire_enum;

/// A complex type: its children are written and read in schema order.
pub trait XmlType: Sized {
    /// Namespace of the child elements.
    const NAMESPACE: &'static str;
    /// Writes the child elements.
    fn write_xml(&self, w: &mut XmlWriter) -> Result<(), EncodeError>;
    /// Reads the child elements; the start tag has been read.
    fn read_xml(r: &mut XmlReader<'_>) -> Result<Self, DecodeError>;
    /// Writes SOAP header elements (request types whose binding declares headers).
    fn write_headers(&self, w: &mut XmlWriter) -> Result<(), EncodeError> {
        let _ = w;
        Ok(())
    }
}
