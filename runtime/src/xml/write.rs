//! Writing generated types as XML. Text is escaped here, and characters that
//! XML 1.0 cannot carry are refused with the path of the element that held them.

use super::facets::InvalidField;
use super::value::XmlValue;
use super::XmlType;

/// The error of encoding: the same shape as a failed facet check.
pub type EncodeError = InvalidField;

/// Appends elements to a buffer. Elements are written without prefixes: the
/// default namespace is declared on the body element and again only on an element
/// whose namespace differs from the one in scope (a type from another schema, an
/// unqualified child, a `ref=` element).
#[derive(Debug, Default)]
pub struct XmlWriter {
    buf: String,
    path: Vec<&'static str>,
    scratch: String,
    /// The default namespace in scope at the current position.
    scope: &'static str,
    /// The namespace of the elements written next (the children of the type being
    /// written, or one field's own namespace).
    children: &'static str,
    /// The next element written is a header block marked `mustUnderstand`.
    marking: bool,
    /// The `mustUnderstand` attribute in the envelope's SOAP version and prefix.
    understand: &'static str,
    /// Namespaces declared for qualified attributes on the start tag being
    /// written: the prefix of the one at index `i` is `a{i}`.
    attribute_namespaces: Vec<&'static str>,
}

impl XmlWriter {
    /// A writer appending to `buf`.
    pub fn new(buf: String) -> Self {
        XmlWriter {
            buf,
            path: Vec::new(),
            scratch: String::new(),
            scope: "",
            children: "",
            marking: false,
            understand: "",
            attribute_namespaces: Vec::new(),
        }
    }

    /// Sets the `mustUnderstand` attribute text of the envelope being written
    /// (` soap:mustUnderstand="1"` in SOAP 1.1, `…="true"` in 1.2).
    pub(crate) fn set_must_understand(&mut self, attribute: &'static str) {
        self.understand = attribute;
    }

    /// Writes a header block marked `mustUnderstand` (the service must fault
    /// rather than ignore it), in the envelope's version's form.
    pub fn must_understand<T: WriteField + ?Sized>(
        &mut self,
        name: &'static str,
        value: &T,
    ) -> Result<(), EncodeError> {
        self.must_understand_in(self.children, name, value)
    }

    /// Like [`Self::must_understand`] for a header block in namespace `ns`.
    pub fn must_understand_in<T: WriteField + ?Sized>(
        &mut self,
        ns: &'static str,
        name: &'static str,
        value: &T,
    ) -> Result<(), EncodeError> {
        self.marking = true;
        let result = self.field_in(ns, name, value);
        self.marking = false;
        result
    }

    /// Sets the default namespace the framing declared (`scope`) and the namespace
    /// of the elements written next (`children`).
    pub(crate) fn begin_content(&mut self, scope: &'static str, children: &'static str) {
        self.scope = scope;
        self.children = self.same_as_scope(children);
        // A start tag written by the framing takes its attributes next.
        self.attribute_namespaces.clear();
    }

    /// `ns`, or the scope's own string when they are equal, so that the check on
    /// each start tag is a pointer comparison in the usual case.
    fn same_as_scope(&self, ns: &'static str) -> &'static str {
        if std::ptr::eq(ns, self.scope) || ns == self.scope {
            self.scope
        } else {
            ns
        }
    }

    /// `<name`, plus ` xmlns="…"` when the element's namespace is not the one in
    /// scope (and the `mustUnderstand` mark of a header block). Returns the scope
    /// to restore after the element.
    #[inline]
    fn start_tag(&mut self, name: &'static str) -> Result<&'static str, EncodeError> {
        self.buf.push('<');
        self.buf.push_str(name);
        self.attribute_namespaces.clear();
        let outer = self.scope;
        // Equal namespaces share one pointer (see `same_as_scope`): the usual
        // case costs one comparison.
        if self.marking || !std::ptr::eq(self.children, outer) {
            self.start_tag_rest()?;
        }
        Ok(outer)
    }

    /// The rare part of [`Self::start_tag`].
    #[cold]
    #[inline(never)]
    fn start_tag_rest(&mut self) -> Result<(), EncodeError> {
        if self.marking {
            self.buf.push_str(self.understand);
        }
        if self.children != self.scope {
            self.buf.push_str(" xmlns=\"");
            escape_attribute_into(&mut self.buf, self.children)
                .map_err(|at| self.unwritable(None, at))?;
            self.buf.push('"');
            self.scope = self.children;
        }
        Ok(())
    }

    /// Writes one field whose element is in namespace `ns` rather than in its
    /// parent's children's namespace (`form=` on the element, or a `ref=` to an
    /// element of another schema).
    pub fn field_in<T: WriteField + ?Sized>(
        &mut self,
        ns: &'static str,
        name: &'static str,
        value: &T,
    ) -> Result<(), EncodeError> {
        self.with_children(ns, |w| value.write_field(name, w))
    }

    /// Like [`Self::field_in`] for a required nillable field.
    pub fn nillable_in<T: XmlElement>(
        &mut self,
        ns: &'static str,
        name: &'static str,
        value: &Option<T>,
    ) -> Result<(), EncodeError> {
        self.with_children(ns, |w| w.nillable(name, value))
    }

    /// Runs `write` with the elements it writes in namespace `ns`.
    fn with_children(
        &mut self,
        ns: &'static str,
        write: impl FnOnce(&mut Self) -> Result<(), EncodeError>,
    ) -> Result<(), EncodeError> {
        let outer = std::mem::replace(&mut self.children, ns);
        let result = write(self);
        self.children = outer;
        result
    }

    /// The element `name` of namespace `ns` holding `value` (a SOAP body element,
    /// or a document's root): its attributes, then its children. The children
    /// inherit the default namespace it declares (ASMX's qualified form); when
    /// they are in another (no namespace, for a schema with
    /// `elementFormDefault="unqualified"`), the element takes a prefix instead, so
    /// that unprefixed children stay in theirs.
    pub(crate) fn root_element<T: XmlType>(
        &mut self,
        name: &'static str,
        ns: &'static str,
        value: &T,
    ) -> Result<(), EncodeError> {
        let qualified = T::NAMESPACE == ns;
        self.enter(name);
        if qualified {
            for piece in ["<", name, " xmlns=\"", ns, "\""] {
                self.raw(piece);
            }
            self.begin_content(ns, ns);
        } else {
            for piece in ["<tns:", name, " xmlns:tns=\"", ns, "\""] {
                self.raw(piece);
            }
            self.begin_content("", T::NAMESPACE);
        }
        value.write_attributes(self)?;
        self.raw(">");
        value.write_xml(self)?;
        self.raw(if qualified { "</" } else { "</tns:" });
        self.raw(name);
        self.raw(">");
        Ok(())
    }

    /// The text written so far.
    pub fn into_inner(self) -> String {
        self.buf
    }

    /// Appends markup as is (envelope framing).
    #[inline]
    pub(crate) fn raw(&mut self, markup: &str) {
        self.buf.push_str(markup);
    }

    /// Bytes written so far.
    pub(crate) fn len(&self) -> usize {
        self.buf.len()
    }

    /// Drops what was written after `len` bytes.
    pub(crate) fn truncate(&mut self, len: usize) {
        self.buf.truncate(len);
    }

    /// Writes one field: nothing for `None` or an empty `Vec`, one element per value otherwise.
    pub fn field<T: WriteField + ?Sized>(
        &mut self,
        name: &'static str,
        value: &T,
    ) -> Result<(), EncodeError> {
        value.write_field(name, self)
    }

    /// Writes a nillable, required field: `None` becomes `<name xsi:nil="true" />`.
    pub fn nillable<T: XmlElement>(
        &mut self,
        name: &'static str,
        value: &Option<T>,
    ) -> Result<(), EncodeError> {
        match value {
            Some(v) => v.write_element(name, self),
            None => {
                self.scope = self.start_tag(name)?;
                self.buf.push_str(
                    " xsi:nil=\"true\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" />",
                );
                Ok(())
            }
        }
    }

    /// `<name>` + children + `</name>`, for complex content.
    pub fn complex<T: XmlType>(
        &mut self,
        name: &'static str,
        value: &T,
    ) -> Result<(), EncodeError> {
        value.write_element(name, self)
    }

    /// `<name>text</name>`, for simple content.
    pub fn simple<T: XmlValue>(
        &mut self,
        name: &'static str,
        value: &T,
    ) -> Result<(), EncodeError> {
        value.write_simple(name, self)
    }

    /// `<name>text</name>` with `text` escaped.
    pub fn text_element(&mut self, name: &'static str, text: &str) -> Result<(), EncodeError> {
        self.scope = self.start_tag(name)?;
        self.buf.push('>');
        if let Err(at) = escape_into(&mut self.buf, text) {
            return Err(self.unwritable(Some(name), at));
        }
        self.buf.push_str("</");
        self.buf.push_str(name);
        self.buf.push('>');
        Ok(())
    }

    /// The text content of the element being written (`simpleContent`: a value
    /// with attributes), escaped.
    pub fn text_content<T: XmlValue>(&mut self, value: &T) -> Result<(), EncodeError> {
        let mut text = std::mem::take(&mut self.scratch);
        text.clear();
        value.write_text(&mut text);
        let result = escape_into(&mut self.buf, &text).map_err(|at| self.unwritable(None, at));
        self.scratch = text;
        result
    }

    /// The error for a character XML cannot carry, at the current path (and
    /// `child`, the element or `@attribute` being written).
    fn unwritable(&self, child: Option<&str>, (index, c): (usize, char)) -> InvalidField {
        let mut path = self.path.join("/");
        if let Some(child) = child {
            if !path.is_empty() {
                path.push('/');
            }
            path.push_str(child);
        }
        InvalidField::new(
            path,
            "XML 1.0 characters",
            format!(
                "character U+{:04X} at position {index} cannot be sent in XML",
                c as u32
            ),
        )
    }

    /// ` name="value"` on the start tag being written (an `xs:attribute`, from
    /// [`XmlType::write_attributes`](super::XmlType::write_attributes)); `None`
    /// writes nothing.
    pub fn attribute<T: AttributeValue + ?Sized>(
        &mut self,
        name: &'static str,
        value: &T,
    ) -> Result<(), EncodeError> {
        self.attribute_in("", name, value)
    }

    /// A qualified attribute (namespace `ns`, from `attributeFormDefault`,
    /// `form="qualified"` or a `ref=`): ` a0:name="value"`, its prefix declared on
    /// the same start tag once per namespace (`xml:` needs none; `""` is an
    /// unqualified attribute, as [`Self::attribute`] writes).
    pub fn attribute_in<T: AttributeValue + ?Sized>(
        &mut self,
        ns: &'static str,
        name: &'static str,
        value: &T,
    ) -> Result<(), EncodeError> {
        let mut text = std::mem::take(&mut self.scratch);
        text.clear();
        let result = if value.attribute_text(&mut text) {
            self.buf.push(' ');
            if ns.is_empty() {
                // Unqualified: no prefix.
            } else if ns == "http://www.w3.org/XML/1998/namespace" {
                self.buf.push_str("xml:");
            } else {
                let index = match self.attribute_namespaces.iter().position(|n| *n == ns) {
                    Some(i) => i,
                    None => {
                        self.attribute_namespaces.push(ns);
                        let i = self.attribute_namespaces.len() - 1;
                        self.buf.push_str("xmlns:a");
                        self.buf.push_str(&i.to_string());
                        self.buf.push_str("=\"");
                        // A namespace from the schema: XML text already.
                        let _ = escape_attribute_into(&mut self.buf, ns);
                        self.buf.push_str("\" ");
                        i
                    }
                };
                self.buf.push('a');
                self.buf.push_str(&index.to_string());
                self.buf.push(':');
            }
            self.buf.push_str(name);
            self.buf.push_str("=\"");
            let escaped = escape_attribute_into(&mut self.buf, &text);
            self.buf.push('"');
            escaped.map_err(|at| self.unwritable(Some(&format!("@{name}")), at))
        } else {
            Ok(())
        };
        self.scratch = text;
        result
    }

    /// Pushes the body element's name on the error path.
    pub(crate) fn enter(&mut self, name: &'static str) {
        self.path.push(name);
    }
}

/// Appends `<name xmlns="namespace">value</name>` (no declaration for `None`)
/// to `xml`, escaped: child elements for a registry entry's `envelope_from_xml`,
/// built by name. Fails with the first character XML cannot carry.
pub fn push_text_element(
    xml: &mut String,
    name: &str,
    namespace: Option<&str>,
    value: &str,
) -> Result<(), char> {
    xml.push('<');
    xml.push_str(name);
    if let Some(ns) = namespace {
        xml.push_str(" xmlns=\"");
        escape_attribute_into(xml, ns).map_err(|(_, c)| c)?;
        xml.push('"');
    }
    xml.push('>');
    escape_into(xml, value).map_err(|(_, c)| c)?;
    xml.push_str("</");
    xml.push_str(name);
    xml.push('>');
    Ok(())
}

/// Whether XML 1.0 allows `c` in a document.
pub fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Bytes that may start something to escape or refuse: markup characters, control
/// characters, and 0xEF (the first byte of U+FFFE and U+FFFF).
static ATTENTION: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        t[b] = !matches!(b, 0x09 | 0x0A);
        b += 1;
    }
    t[b'&' as usize] = true;
    t[b'<' as usize] = true;
    t[b'>' as usize] = true;
    t[0xEF] = true;
    t
};

/// Escapes `&`, `<`, `>` (so `]]>` cannot appear) and `\r` (which parsers would
/// otherwise turn into `\n`). On a character XML cannot carry, returns its
/// character index and the character.
pub fn escape_into(out: &mut String, text: &str) -> Result<(), (usize, char)> {
    // Fast path: text without a byte that may need work is written as is.
    if !text.bytes().any(|b| ATTENTION[usize::from(b)]) {
        out.push_str(text);
        return Ok(());
    }
    let mut start = 0;
    for (i, (byte_index, c)) in text.char_indices().enumerate() {
        let replacement = match c {
            '&' => "&amp;",
            '<' => "&lt;",
            '>' => "&gt;",
            '\r' => "&#13;",
            c if !is_xml_char(c) => return Err((i, c)),
            _ => continue,
        };
        out.push_str(&text[start..byte_index]);
        out.push_str(replacement);
        start = byte_index + c.len_utf8();
    }
    out.push_str(&text[start..]);
    Ok(())
}

/// As [`escape_into`], plus `"`, tab and line feed, which an attribute value
/// would otherwise lose (attribute-value normalisation turns them into spaces).
fn escape_attribute_into(out: &mut String, text: &str) -> Result<(), (usize, char)> {
    let mut start = 0;
    for (byte_index, c) in text.char_indices() {
        let replacement = match c {
            '"' => "&quot;",
            '\t' => "&#9;",
            '\n' => "&#10;",
            _ => continue,
        };
        escape_into(out, &text[start..byte_index])?;
        out.push_str(replacement);
        start = byte_index + 1;
    }
    escape_into(out, &text[start..])
}

/// A value written as an attribute: a simple value, or an optional one.
pub trait AttributeValue {
    /// Appends the value's text; false when there is no value (`None`).
    fn attribute_text(&self, out: &mut String) -> bool;
}

impl<T: XmlValue> AttributeValue for T {
    fn attribute_text(&self, out: &mut String) -> bool {
        self.write_text(out);
        true
    }
}

impl<T: XmlValue> AttributeValue for Option<T> {
    fn attribute_text(&self, out: &mut String) -> bool {
        self.as_ref().is_some_and(|v| v.attribute_text(out))
    }
}

/// A value that is written as one element (a scalar, an enum or a generated struct).
pub trait XmlElement: Sized {
    /// Writes `<name>…</name>`.
    fn write_element(&self, name: &'static str, w: &mut XmlWriter) -> Result<(), EncodeError>;
    /// Reads the content of the element whose start tag was just read.
    fn read_element(r: &mut super::XmlReader<'_>) -> Result<Self, super::DecodeError>;
}

impl<T: XmlType> XmlElement for T {
    // The body of `XmlWriter::complex`, here so that rustc compiles it with `T`'s
    // own code (see `ReadChild`).
    fn write_element(&self, name: &'static str, w: &mut XmlWriter) -> Result<(), EncodeError> {
        w.path.push(name);
        let outer_scope = w.start_tag(name)?;
        self.write_attributes(w)?;
        w.buf.push('>');
        let inner = w.same_as_scope(T::NAMESPACE);
        let outer_children = std::mem::replace(&mut w.children, inner);
        // The mark is the block's, not its children's.
        let marking = std::mem::take(&mut w.marking);
        self.write_xml(w)?;
        w.marking = marking;
        w.children = outer_children;
        w.scope = outer_scope;
        w.buf.push_str("</");
        w.buf.push_str(name);
        w.buf.push('>');
        w.path.pop();
        Ok(())
    }
    // The body of `XmlReader::complex`, here so that rustc compiles it with `T`'s
    // own code (see `ReadChild`).
    fn read_element(r: &mut super::XmlReader<'_>) -> Result<Self, super::DecodeError> {
        let outer = crate::__tri!(r.enter_type(T::ATTRIBUTES, T::NAMESPACE));
        let value = T::read_xml(r);
        r.leave_type(outer);
        value
    }
}

/// Writes a value as an element of simple content (generated code; see
/// [`XmlWriter::simple`]). A blanket trait, so that rustc compiles it with each
/// value type's own code (see `ReadChild`).
#[doc(hidden)]
pub trait WriteSimple: XmlValue {
    /// [`XmlWriter::simple`].
    fn write_simple(&self, name: &'static str, w: &mut XmlWriter) -> Result<(), EncodeError>;
}

impl<T: XmlValue> WriteSimple for T {
    fn write_simple(&self, name: &'static str, w: &mut XmlWriter) -> Result<(), EncodeError> {
        if let Some(text) = self.as_text() {
            return w.text_element(name, text);
        }
        let mut text = std::mem::take(&mut w.scratch);
        text.clear();
        self.write_text(&mut text);
        let result = w.text_element(name, &text);
        w.scratch = text;
        result
    }
}

/// Raw elements are written as they are: callers that build one vouch for its XML.
impl XmlElement for super::RawElement {
    fn write_element(&self, _name: &'static str, w: &mut XmlWriter) -> Result<(), EncodeError> {
        w.raw(&self.xml);
        Ok(())
    }
    fn read_element(r: &mut super::XmlReader<'_>) -> Result<Self, super::DecodeError> {
        r.read_raw()
    }
}

/// Scalars are elements of simple content, and never absent (a value is sent).
macro_rules! scalar_elements {
    ($($t:ty),*) => {$(
        impl super::Absent for $t {}
        impl XmlElement for $t {
            fn write_element(&self, name: &'static str, w: &mut XmlWriter) -> Result<(), EncodeError> {
                w.simple(name, self)
            }
            fn read_element(r: &mut super::XmlReader<'_>) -> Result<Self, super::DecodeError> {
                r.simple::<$t>()
            }
        }
    )*};
}
scalar_elements!(
    String,
    bool,
    i8,
    i16,
    i32,
    i64,
    u8,
    u16,
    u32,
    u64,
    f32,
    f64,
    super::Decimal,
    super::DateTime,
    super::Base64Binary,
    crate::Secret
);

/// How a field's Rust type maps to elements: once, maybe, or repeated.
pub trait WriteField {
    /// Writes the field's elements.
    fn write_field(&self, name: &'static str, w: &mut XmlWriter) -> Result<(), EncodeError>;
}

impl<T: XmlElement> WriteField for T {
    fn write_field(&self, name: &'static str, w: &mut XmlWriter) -> Result<(), EncodeError> {
        self.write_element(name, w)
    }
}

impl<T: XmlElement> WriteField for Option<T> {
    fn write_field(&self, name: &'static str, w: &mut XmlWriter) -> Result<(), EncodeError> {
        match self {
            Some(v) => v.write_element(name, w),
            None => Ok(()),
        }
    }
}

/// An optional nillable element: nothing for `None`, `xsi:nil` for `Some(None)`.
impl<T: XmlElement> WriteField for Option<Option<T>> {
    fn write_field(&self, name: &'static str, w: &mut XmlWriter) -> Result<(), EncodeError> {
        match self {
            Some(v) => w.nillable(name, v),
            None => Ok(()),
        }
    }
}

impl<T: XmlElement> WriteField for Vec<T> {
    fn write_field(&self, name: &'static str, w: &mut XmlWriter) -> Result<(), EncodeError> {
        self.iter().try_for_each(|v| v.write_element(name, w))
    }
}

/// Repeated nillable elements: `None` items are written as `xsi:nil`.
impl<T: XmlElement> WriteField for Vec<Option<T>> {
    fn write_field(&self, name: &'static str, w: &mut XmlWriter) -> Result<(), EncodeError> {
        self.iter().try_for_each(|v| w.nillable(name, v))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_refuses_control_characters() {
        let mut out = String::new();
        escape_into(&mut out, "a<b & ]]> \"q\" \r\n é").unwrap();
        assert_eq!(out, "a&lt;b &amp; ]]&gt; \"q\" &#13;\n é");
        let mut out = String::new();
        assert_eq!(escape_into(&mut out, "ok\u{1}"), Err((2, '\u{1}')));
        assert_eq!(escape_into(&mut out, "\u{FFFE}"), Err((0, '\u{FFFE}')));
    }
}
