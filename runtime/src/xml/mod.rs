//! XML for generated types: a namespace-aware pull reader with documented limits,
//! an escaping writer, scalar values, and facet checks.

mod choice;
#[doc(hidden)]
pub mod de;
mod declare;
mod facets;
mod list;
mod read;
mod value;
mod write;

pub use choice::{ChoiceField, ChoiceSlot, XmlChoice};
pub use declare::Absent;
pub use facets::{Checked, Facets, InvalidField, Pattern, Validate, Validator};
pub use list::List;
pub use read::{
    resolve_reference, DecodeError, Limits, RawElement, Slot, UnknownElement, XmlReader,
};
#[doc(hidden)]
pub use read::{ReadChild, ReadSimple};
pub use value::{Base64Binary, DateTime, DateTimeParts, Decimal, XmlValue};
#[doc(hidden)]
pub use write::WriteSimple;
pub use write::{
    escape_into, is_xml_char, push_text_element, AttributeValue, EncodeError, WriteField,
    XmlElement, XmlWriter,
};

/// A complex type: its children are written and read in schema order.
pub trait XmlType: Sized {
    /// Namespace of the child elements.
    const NAMESPACE: &'static str;
    /// Writes the child elements.
    fn write_xml(&self, w: &mut XmlWriter) -> Result<(), EncodeError>;
    /// Reads the child elements; the start tag has been read.
    fn read_xml(r: &mut XmlReader<'_>) -> Result<Self, DecodeError>;
    /// Names of the attributes the type reads (its `xs:attribute`s); any other
    /// attribute (besides namespace declarations and `xsi:`) is reported like an
    /// unknown element, named `@name`.
    const ATTRIBUTES: &'static [&'static str] = &[];
    /// Writes the attributes of the element (`xs:attribute`s) with
    /// [`XmlWriter::attribute`]; by default none.
    fn write_attributes(&self, w: &mut XmlWriter) -> Result<(), EncodeError> {
        let _ = w;
        Ok(())
    }
    /// Whether [`write_headers`](Self::write_headers) may write anything (request
    /// types whose binding declares `soap:header` parts).
    const HAS_HEADERS: bool = false;
    /// Writes SOAP header elements (request types whose binding declares headers).
    fn write_headers(&self, w: &mut XmlWriter) -> Result<(), EncodeError> {
        let _ = w;
        Ok(())
    }
    /// `(namespace, name)` of the SOAP header blocks the binding declares for this
    /// message; a block named here is read with [`read_header`](Self::read_header).
    const HEADERS: &'static [(&'static str, &'static str)] = &[];
    /// Reads the current header block (one of [`HEADERS`](Self::HEADERS), its
    /// start tag just read) into its field.
    fn read_header(&mut self, r: &mut XmlReader<'_>) -> Result<(), DecodeError> {
        r.skip_unknown()
    }
}

/// A recursive field is boxed; it reads and writes as its content.
impl<T: XmlType> XmlType for Box<T> {
    const NAMESPACE: &'static str = T::NAMESPACE;
    fn write_xml(&self, w: &mut XmlWriter) -> Result<(), EncodeError> {
        (**self).write_xml(w)
    }
    fn read_xml(r: &mut XmlReader<'_>) -> Result<Self, DecodeError> {
        T::read_xml(r).map(Box::new)
    }
}

impl<T: Validate> Validate for Box<T> {
    fn validate(&self, v: &mut Validator) -> Result<(), InvalidField> {
        (**self).validate(v)
    }
}

/// Writes `value` as the element `<name xmlns="T::NAMESPACE">…</name>`.
pub fn to_xml<T: XmlType>(name: &'static str, value: &T) -> Result<String, EncodeError> {
    let mut w = XmlWriter::new(String::new());
    w.root_element(name, T::NAMESPACE, value)?;
    Ok(w.into_inner())
}

/// Reads a document whose root element holds `T`'s children, returning the value
/// and any elements the schema does not describe.
pub fn from_xml<T: XmlType>(xml: &str) -> Result<(T, Vec<UnknownElement>), DecodeError> {
    let mut r = XmlReader::new(xml.as_bytes(), T::NAMESPACE);
    let Some((_, name)) = crate::__tri!(r.next_start()) else {
        return Err(DecodeError::Unexpected {
            expected: "a root element".into(),
            found: "nothing".into(),
        });
    };
    r.push_path(name);
    let value = crate::__tri!(<T as XmlElement>::read_element(&mut r));
    r.pop_path();
    if !crate::__tri!(r.at_document_end()) {
        return Err(DecodeError::Malformed {
            position: xml.len() as u64,
            message: "content after the root element".into(),
        });
    }
    Ok((value, r.take_unknown()))
}
