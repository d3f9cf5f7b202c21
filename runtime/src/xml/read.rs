//! Reading generated types from XML. Elements are matched by namespace URI and
//! local name, never by prefix. Elements the schema does not know are kept, with
//! their XML, in [`XmlReader::unknown_elements`]; nothing is dropped silently.

use std::borrow::Cow;

use quick_xml::events::attributes::Attribute;
use quick_xml::events::Event;
use quick_xml::events::{BytesEnd, BytesStart};
use quick_xml::Reader;

use super::value::XmlValue;
use super::write::XmlElement;
use super::XmlType;

/// Why a document could not be read into the expected types.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    /// Not well-formed XML, or it ended early.
    #[error("malformed XML at byte {position}: {message}")]
    Malformed {
        /// Byte offset where reading failed.
        position: u64,
        /// What the XML parser reported.
        message: String,
    },
    /// A DTD, whose entities would be expanded; refused.
    #[error("the document contains a DTD (<!DOCTYPE>), which is refused")]
    Dtd,
    /// A required element is absent.
    #[error("required element `{path}` is missing")]
    Missing {
        /// Slash-separated element path.
        path: String,
    },
    /// An element that may appear once appeared again.
    #[error("element `{path}` appears more than once")]
    Duplicate {
        /// Slash-separated element path.
        path: String,
    },
    /// Element text that is not a value of the element's type.
    #[error("element `{path}`: {expected}, found {found:?}")]
    InvalidValue {
        /// Slash-separated element path.
        path: String,
        /// What the type requires.
        expected: String,
        /// The start of the text that was found.
        found: String,
    },
    /// A different element than the one the protocol requires.
    #[error("expected element {expected}, found {found}")]
    Unexpected {
        /// `{namespace}name` of the expected element.
        expected: String,
        /// `{namespace}name` (or a description) of what was found.
        found: String,
    },
    /// The document goes beyond one of the reader's [`Limits`].
    #[error("the document exceeds the limit `{limit}` ({max}) at byte {position}")]
    LimitExceeded {
        /// Which limit: the name of its [`Limits`] field.
        limit: &'static str,
        /// The limit's value.
        max: usize,
        /// Byte offset where it was exceeded.
        position: u64,
    },
    /// The document is not UTF-8 (a byte-order mark or a declared encoding says
    /// so); it is refused rather than read with replacement characters.
    #[error("the document is in encoding `{encoding}`; only UTF-8 is read")]
    Encoding {
        /// The encoding found (from the BOM or the XML declaration).
        encoding: String,
    },
}

/// Bounds on what a reader accepts, so that hostile input costs time and memory
/// linear in its size. Exceeding one gives [`DecodeError::LimitExceeded`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Deepest element nesting, the envelope counted (default 64).
    pub max_depth: usize,
    /// Attributes on one element, namespace declarations included (default 64).
    pub max_attributes: usize,
    /// Namespace declarations in scope at once (default 128).
    pub max_namespace_bindings: usize,
    /// Bytes of one element's text (default 8 MiB).
    pub max_text_bytes: usize,
    /// Elements the schema does not describe, kept for the caller (default 10 000):
    /// each is kept whole, so past this a flood of them is refused, not kept.
    pub max_unknown_elements: usize,
}

impl Limits {
    /// The defaults: generous for any real SOAP message, small for an attack.
    pub const DEFAULT: Limits = Limits {
        max_depth: 64,
        max_attributes: 64,
        max_namespace_bindings: 128,
        max_text_bytes: 8 * 1024 * 1024,
        max_unknown_elements: 10_000,
    };
}

impl Default for Limits {
    fn default() -> Self {
        Limits::DEFAULT
    }
}

/// An element the schema does not describe, kept as it was received.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct UnknownElement {
    /// Path of the parent element.
    pub parent: String,
    /// Namespace URI of the element (empty if none).
    pub namespace: String,
    /// Local name of the element.
    pub name: String,
    /// The element's XML as received.
    pub xml: String,
}

/// The character a reference stands for: one of XML's five predefined entities,
/// or a character reference to a character XML 1.0 allows. Anything else (an
/// entity a DTD would define) is an error: no DTD is ever read.
pub fn resolve_reference(reference: &quick_xml::events::BytesRef<'_>) -> Result<char, String> {
    match reference.resolve_char_ref().map_err(|e| e.to_string())? {
        Some(c) if super::write::is_xml_char(c) => Ok(c),
        Some(c) => Err(format!(
            "character reference to U+{:04X}, which XML 1.0 does not allow",
            c as u32
        )),
        None => match reference.as_ref() {
            b"lt" => Ok('<'),
            b"gt" => Ok('>'),
            b"amp" => Ok('&'),
            b"quot" => Ok('"'),
            b"apos" => Ok('\''),
            other => Err(format!(
                "undefined entity &{};",
                String::from_utf8_lossy(other)
            )),
        },
    }
}

/// An element kept as the XML received: the content of `xs:any` (a DataSet's
/// diffgram) or of `xs:anyType` (a DataSet's inline `xs:schema`). Prefixes
/// declared on its ancestors are not repeated in `xml`. Written back as is.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct RawElement {
    /// Namespace URI of the element (empty if none).
    pub namespace: String,
    /// Local name of the element.
    pub name: String,
    /// The element's XML, start tag to end tag.
    pub xml: String,
}

/// Buffers a reader reuses; kept per thread between readers so that decoding a
/// response allocates only for the values it returns.
#[derive(Default)]
struct Scratch {
    name: String,
    path: Vec<Cow<'static, str>>,
    scopes: Scopes,
}

/// Namespace declarations in scope, innermost last. Prefixes and URIs live in one
/// buffer; a binding records the element depth that declared it. A frame taken as
/// read ([`XmlReader::enter_frame`]) declares its outermost ones as constants.
#[derive(Default)]
struct Scopes {
    buf: Vec<u8>,
    bindings: Vec<Binding>,
    frame: &'static [(&'static str, &'static str)],
}

/// A namespace URI in scope: a constant, or a range of [`Scopes`]' buffer, valid
/// while the element that declared it is open.
#[derive(Clone, Copy)]
enum NsRef {
    Static(&'static [u8]),
    Scoped(usize, usize),
}

#[derive(Clone, Copy)]
struct Binding {
    depth: usize,
    prefix: (usize, usize),
    uri: (usize, usize),
}

const XML_NS: &[u8] = b"http://www.w3.org/XML/1998/namespace";

/// Whether `haystack` contains `needle`: a probe of a tag's raw attributes
/// before parsing them. Tags are short, so a byte search and a compare beat a
/// substring searcher's set-up; linear, since the needles are a few bytes.
fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    let Some((&first, rest)) = needle.split_first() else {
        return true;
    };
    if haystack.len() < needle.len() {
        // Most tags have no attributes: no search to set up.
        return false;
    }
    memchr::memchr_iter(first, haystack).any(|i| haystack[i + 1..].starts_with(rest))
}

/// One step over a tag's raw attributes in the usual shape: `name="value"`
/// pairs separated by white space, no `&` or `<` in a value.
enum Plain<'r> {
    /// The next pair.
    Pair(&'r [u8], &'r [u8]),
    /// No more attributes.
    End,
    /// Another shape (references, odd spacing, an error): parse fully instead.
    Other,
}

/// The pair starting at or after `*i` in `raw`; advances `*i` past it.
fn next_plain<'r>(raw: &'r [u8], i: &mut usize) -> Plain<'r> {
    while raw.get(*i).is_some_and(u8::is_ascii_whitespace) {
        *i += 1;
    }
    if *i >= raw.len() {
        return Plain::End;
    }
    let Some(eq) = memchr::memchr(b'=', &raw[*i..]).map(|e| *i + e) else {
        return Plain::Other;
    };
    let name = &raw[*i..eq];
    let quote = match raw.get(eq + 1) {
        Some(&q @ (b'"' | b'\'')) => q,
        _ => return Plain::Other,
    };
    if name.iter().any(u8::is_ascii_whitespace) {
        return Plain::Other;
    }
    let Some(close) = memchr::memchr(quote, &raw[eq + 2..]).map(|c| eq + 2 + c) else {
        return Plain::Other;
    };
    let value = &raw[eq + 2..close];
    if memchr::memchr2(b'&', b'<', value).is_some()
        || raw.get(close + 1).is_some_and(|b| !b.is_ascii_whitespace())
    {
        return Plain::Other;
    }
    *i = close + 1;
    Plain::Pair(name, value)
}

/// The value of attribute `key` in raw attributes of the plain shape (`Some(None)`:
/// not there); `None` when they have another shape.
fn plain_value<'r>(raw: &'r [u8], key: &[u8]) -> Option<Option<&'r [u8]>> {
    let (mut i, mut found) = (0, None);
    loop {
        match next_plain(raw, &mut i) {
            Plain::Pair(name, value) if name == key => found = Some(value),
            Plain::Pair(..) => {}
            Plain::End => return Some(found),
            Plain::Other => return None,
        }
    }
}

/// The prefix an `xmlns` attribute declares (empty: the default namespace), or
/// `None` for another attribute.
fn declared_prefix(name: &[u8]) -> Option<&[u8]> {
    match name.strip_prefix(b"xmlns") {
        Some([]) => Some(&[][..]),
        Some([b':', rest @ ..]) => Some(rest),
        _ => None,
    }
}

impl Scopes {
    fn clear(&mut self) {
        self.buf.clear();
        self.bindings.clear();
        self.frame = &[];
    }

    /// Drops the bindings of elements deeper than `depth`.
    fn leave_to(&mut self, depth: usize) {
        if depth == 0 {
            self.frame = &[];
        }
        while self.bindings.last().is_some_and(|b| b.depth > depth) {
            if let Some(b) = self.bindings.pop() {
                self.buf.truncate(b.prefix.0);
            }
        }
    }

    fn declare(&mut self, depth: usize, prefix: &[u8], uri: &[u8], max: usize) -> bool {
        if self.bindings.len() >= max {
            return false;
        }
        let p0 = self.buf.len();
        self.buf.extend_from_slice(prefix);
        let u0 = self.buf.len();
        self.buf.extend_from_slice(uri);
        self.bindings.push(Binding {
            depth,
            prefix: (p0, u0),
            uri: (u0, self.buf.len()),
        });
        true
    }

    /// Whether the element at `depth` already declared `prefix`.
    fn declared_at(&self, depth: usize, prefix: &[u8]) -> bool {
        self.bindings
            .iter()
            .rev()
            .take_while(|b| b.depth == depth)
            .any(|b| &self.buf[b.prefix.0..b.prefix.1] == prefix)
    }

    /// The URI bound to `prefix` (empty prefix: the default namespace, or none).
    fn lookup(&self, prefix: &[u8]) -> Option<&[u8]> {
        self.lookup_ns(prefix).map(|ns| self.uri(ns))
    }

    /// Where the URI bound to `prefix` is kept, without copying it.
    fn lookup_ns(&self, prefix: &[u8]) -> Option<NsRef> {
        if prefix == b"xml" {
            return Some(NsRef::Static(XML_NS));
        }
        let found = self
            .bindings
            .iter()
            .rev()
            .find(|b| &self.buf[b.prefix.0..b.prefix.1] == prefix);
        if let Some(b) = found {
            return Some(NsRef::Scoped(b.uri.0, b.uri.1));
        }
        match self.frame.iter().find(|(p, _)| p.as_bytes() == prefix) {
            Some((_, uri)) => Some(NsRef::Static(uri.as_bytes())),
            None if prefix.is_empty() => Some(NsRef::Static(b"")),
            None => None,
        }
    }

    /// The URI `ns` refers to; empty when its scope has ended.
    fn uri(&self, ns: NsRef) -> &[u8] {
        match ns {
            NsRef::Static(uri) => uri,
            NsRef::Scoped(start, end) => self.buf.get(start..end).unwrap_or_default(),
        }
    }
}

/// Input refused before parsing: UTF-16 (by its byte-order mark) and NUL bytes,
/// which XML 1.0 never allows and which would otherwise hide text from masking.
fn refuse_early(input: &[u8]) -> Option<DecodeError> {
    let encoding = match input {
        [0xFE, 0xFF, ..] => Some("UTF-16BE"),
        [0xFF, 0xFE, ..] => Some("UTF-16LE"),
        _ => None,
    };
    if let Some(encoding) = encoding {
        return Some(DecodeError::Encoding {
            encoding: encoding.into(),
        });
    }
    memchr::memchr(0, input).map(|i| DecodeError::Malformed {
        position: i as u64,
        message: "a NUL byte, which XML 1.0 does not allow".into(),
    })
}

/// Refuses an XML declaration that names an encoding other than UTF-8 (or its
/// ASCII subset): such a document would be read with replacement characters.
fn check_declared_encoding(decl: &quick_xml::events::BytesDecl<'_>) -> Result<(), DecodeError> {
    // The usual declaration is read by the plain scan; any other shape by quick-xml.
    let encoding = match decl
        .strip_prefix(b"xml")
        .and_then(|raw| plain_value(raw, b"encoding"))
    {
        Some(found) => found.map(Cow::Borrowed),
        None => decl.encoding().and_then(Result::ok),
    };
    let Some(encoding) = encoding else {
        return Ok(());
    };
    let name = encoding.trim_ascii();
    if ["utf-8", "utf8", "us-ascii", "ascii"]
        .iter()
        .any(|ok| name.eq_ignore_ascii_case(ok.as_bytes()))
    {
        Ok(())
    } else {
        Err(DecodeError::Encoding {
            encoding: String::from_utf8_lossy(&encoding).into_owned(),
        })
    }
}

/// A tag's attributes, parsed, at most `max` of them: counted before quick-xml's
/// duplicate check, which is quadratic in their number. `position` places errors.
fn bounded_attributes<'a>(
    start: &'a BytesStart<'_>,
    max: usize,
    position: u64,
) -> impl Iterator<Item = Result<Attribute<'a>, DecodeError>> + 'a {
    start.attributes().enumerate().map(move |(i, attr)| {
        if i >= max {
            return Err(DecodeError::LimitExceeded {
                limit: "max_attributes",
                max,
                position,
            });
        }
        attr.map_err(|e| DecodeError::Malformed {
            position,
            message: e.to_string(),
        })
    })
}

/// Whether an entry of `XmlType::ATTRIBUTES` names the attribute `{ns}local`:
/// `name` for an unqualified one, `{namespace}name` for a qualified one.
fn names_attribute(known: &str, ns: Option<&[u8]>, local: &[u8]) -> bool {
    match known.strip_prefix('{').and_then(|k| k.split_once('}')) {
        Some((uri, name)) => ns == Some(uri.as_bytes()) && name.as_bytes() == local,
        None => ns.is_none_or(<[u8]>::is_empty) && known.as_bytes() == local,
    }
}

/// quick-xml's reader over `input`, as every reader here is set up: end tags
/// checked against their start tags, empty elements reported as such.
fn tokenizer(input: &[u8]) -> Reader<&[u8]> {
    let mut inner = Reader::from_reader(input);
    let config = inner.config_mut();
    config.check_end_names = true;
    config.expand_empty_elements = false;
    inner
}

/// `(prefix, local)` of a qualified name.
fn split_qname(name: &[u8]) -> (&[u8], &[u8]) {
    // Names are short: a plain loop costs less than setting up a vector search.
    match name.iter().position(|&b| b == b':') {
        Some(i) => (&name[..i], &name[i + 1..]),
        None => (b"", name),
    }
}

thread_local! {
    static SCRATCH: std::cell::Cell<Option<Scratch>> = const { std::cell::Cell::new(None) };
}

/// Pull reader over a complete document held in memory.
pub struct XmlReader<'a> {
    inner: Reader<&'a [u8]>,
    /// Where `inner`'s input starts in `input` (past a frame taken as read).
    base: u64,
    /// End tags of a frame taken as read ([`Self::enter_frame`]) still to come:
    /// the end of `inner`'s input stands for them.
    frame_ends: usize,
    /// Elements entered (start tags read through `next_resolved`, ends not yet).
    depth: usize,
    scopes: Scopes,
    input: &'a [u8],
    /// Namespace of the children being read.
    ns: &'static str,
    /// The element whose content is next has none (`<x/>`).
    no_content: bool,
    /// The current child carries `xsi:nil="true"`.
    nil: bool,
    /// Length of the current child's local name, as `enter` found it.
    local_len: usize,
    /// The current child's attributes are namespace declarations or none, as
    /// the plain scan on entering it found (so no other attribute to report).
    only_declarations: bool,
    /// The current child: its start tag, namespace, local name, and where its
    /// start tag begins. Reused buffers: reading allocates nothing per element.
    current_start: Option<BytesStart<'a>>,
    /// The current child's namespace (see [`Self::current_ns`]).
    current_ns: NsRef,
    /// The current child's local name: borrowed from the input when it is valid
    /// UTF-8 (checked once, see [`Self::str_at`]), else copied into `current_name`.
    name_in_input: Option<&'a str>,
    current_name: String,
    /// The input from `base` on as text, once checked: `None` before, `Some(None)`
    /// when it is not UTF-8 (names and text are then checked one by one).
    utf8: Option<Option<&'a str>>,
    current_offset: usize,
    has_current: bool,
    path: Vec<Cow<'static, str>>,
    unknown: Vec<UnknownElement>,
    limits: Limits,
    /// Why the input is refused before reading (a UTF-16 BOM, a NUL byte).
    refused: Option<DecodeError>,
}

impl Drop for XmlReader<'_> {
    fn drop(&mut self) {
        let scratch = Scratch {
            name: std::mem::take(&mut self.current_name),
            path: std::mem::take(&mut self.path),
            scopes: std::mem::take(&mut self.scopes),
        };
        // Ignored when the thread is shutting down.
        let _ = SCRATCH.try_with(|c| c.set(Some(scratch)));
    }
}

impl std::fmt::Debug for XmlReader<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("XmlReader")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

const XSI: &[u8] = b"http://www.w3.org/2001/XMLSchema-instance";

impl<'a> XmlReader<'a> {
    /// A reader over `input`, expecting children in namespace `ns`.
    pub fn new(input: &'a [u8], ns: &'static str) -> Self {
        let mut scratch = SCRATCH.with(|c| c.take()).unwrap_or_default();
        scratch.name.clear();
        scratch.path.clear();
        scratch.scopes.clear();
        XmlReader {
            inner: tokenizer(input),
            base: 0,
            frame_ends: 0,
            refused: refuse_early(input),
            limits: Limits::DEFAULT,
            current_start: None,
            input,
            ns,
            no_content: false,
            nil: false,
            only_declarations: false,
            local_len: 0,
            depth: 0,
            scopes: scratch.scopes,
            current_ns: NsRef::Static(b""),
            name_in_input: None,
            current_name: scratch.name,
            utf8: None,
            current_offset: 0,
            has_current: false,
            path: scratch.path,
            unknown: Vec::new(),
        }
    }

    /// Reads under these limits instead of [`Limits::DEFAULT`].
    pub fn with_limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// The byte offset in the document reading has reached.
    fn position(&self) -> u64 {
        self.base + self.inner.buffer_position()
    }

    /// The current child's namespace URI: valid while it is the current child
    /// (its declarations stay in scope until its end tag).
    fn current_ns(&self) -> &[u8] {
        self.scopes.uri(self.current_ns)
    }

    /// The local name of the current child.
    fn name(&self) -> &str {
        self.name_in_input.unwrap_or(&self.current_name)
    }

    /// `bytes`, found at offset `at` of the document, as text borrowed from it,
    /// when the document (from `base` on) is UTF-8. Checked once for the whole
    /// document, which costs less than checking each name and text apart; `None`
    /// otherwise (or if `bytes` is not that part of the document: equal addresses
    /// say it is, at no cost), and the caller checks its bytes alone.
    #[inline]
    fn str_in_input(&mut self, at: usize, bytes: &[u8]) -> Option<&'a str> {
        let base = self.base as usize;
        let input = self.input;
        let text = *self
            .utf8
            .get_or_insert_with(|| input.get(base..).and_then(|i| std::str::from_utf8(i).ok()));
        let start = at.checked_sub(base)?;
        text?
            .get(start..start.checked_add(bytes.len())?)
            .filter(|s| std::ptr::eq(s.as_ptr(), bytes.as_ptr()))
    }

    /// Takes a frame every document of a kind repeats as read, before anything
    /// else is: when the document is exactly `opening` (its parts in order), then
    /// content, then `closing` (then white space), the reader moves to the
    /// content with the opening's `depth` elements entered and `bindings` (the
    /// namespace declarations of its first start tag) in scope; the end of the
    /// content then reads as the closing's end tags. A SOAP answer's envelope is
    /// a third of reading a small one. Returns false, changing nothing, for any
    /// other document: it is then read tag by tag, as usual.
    pub(crate) fn enter_frame(
        &mut self,
        opening: &[&str],
        closing: &str,
        depth: usize,
        bindings: &'static [(&'static str, &'static str)],
    ) -> bool {
        if self.refused.is_some()
            || self.depth != 0
            || self.position() != 0
            || depth > self.limits.max_depth
            || bindings.len() > self.limits.max_namespace_bindings
        {
            return false;
        }
        let mut start = 0;
        for part in opening {
            match self.input.get(start..) {
                Some(rest) if rest.starts_with(part.as_bytes()) => start += part.len(),
                _ => return false,
            }
        }
        let end = self.input.trim_ascii_end().len();
        let Some(content_end) = end.checked_sub(closing.len()) else {
            return false;
        };
        let Some(content) = self.input.get(start..content_end) else {
            return false;
        };
        if !self.input[..end].ends_with(closing.as_bytes()) {
            return false;
        }
        self.scopes.frame = bindings;
        self.inner = tokenizer(content);
        self.base = start as u64;
        self.utf8 = None;
        self.depth = depth;
        self.frame_ends = depth;
        true
    }

    fn limit(&self, limit: &'static str, max: usize) -> DecodeError {
        DecodeError::LimitExceeded {
            limit,
            max,
            position: self.position(),
        }
    }

    /// Elements the schema does not describe that were met so far.
    pub fn unknown_elements(&self) -> &[UnknownElement] {
        &self.unknown
    }

    /// Takes the unknown elements met so far.
    pub fn take_unknown(&mut self) -> Vec<UnknownElement> {
        std::mem::take(&mut self.unknown)
    }

    fn malformed(&self, message: impl Into<String>) -> DecodeError {
        DecodeError::Malformed {
            position: self.position(),
            message: message.into(),
        }
    }

    pub(crate) fn path_with(&self, name: &str) -> String {
        let mut p = self.path.join("/");
        if !p.is_empty() {
            p.push('/');
        }
        p.push_str(name);
        p
    }

    /// The next event and its byte offset. A start tag's namespace declarations
    /// are taken into scope and the URI its name resolves to is left in
    /// `current_ns` (an undeclared prefix is an error); an end tag leaves its scope.
    fn next_resolved(&mut self) -> Result<(usize, Event<'a>), DecodeError> {
        if let Some(e) = self.refused.take() {
            return Err(e);
        }
        // Declarations of an empty element applied to it alone.
        self.scopes.leave_to(self.depth);
        let offset = self.position() as usize;
        let event = self
            .inner
            .read_event()
            .map_err(|e| DecodeError::Malformed {
                position: offset as u64,
                message: e.to_string(),
            })?;
        match &event {
            Event::Start(s) => {
                self.depth += 1;
                if self.depth > self.limits.max_depth {
                    return Err(self.limit("max_depth", self.limits.max_depth));
                }
                self.enter(s, self.depth, offset)?;
            }
            Event::Empty(s) => {
                if self.depth + 1 > self.limits.max_depth {
                    return Err(self.limit("max_depth", self.limits.max_depth));
                }
                self.enter(s, self.depth + 1, offset)?
            }
            Event::End(_) => self.leave(),
            Event::Eof if self.frame_ends > 0 && self.depth == self.frame_ends => {
                // The end of a frame's content: its next end tag.
                self.frame_ends -= 1;
                self.leave();
                return Ok((offset, Event::End(BytesEnd::new(""))));
            }
            _ => {}
        }
        Ok((offset, event))
    }

    /// Takes a start tag's `xmlns` declarations into scope and resolves its name.
    fn enter(
        &mut self,
        start: &BytesStart<'_>,
        depth: usize,
        offset: usize,
    ) -> Result<(), DecodeError> {
        let raw = start.attributes_raw();
        self.only_declarations = raw.iter().all(u8::is_ascii_whitespace);
        if contains(raw, b"xmlns") && !self.declare_plain(raw, depth)? {
            // Not the plain shape: drop what the fast path declared, parse fully.
            self.scopes.leave_to(depth - 1);
            let position = self.position();
            for attr in bounded_attributes(start, self.limits.max_attributes, position) {
                let attr = attr?;
                let Some(prefix) = declared_prefix(attr.key.as_ref()) else {
                    continue;
                };
                let max = self.limits.max_namespace_bindings;
                let declared = if memchr::memchr(b'&', &attr.value).is_some() {
                    let value = attr
                        .decode_and_unescape_value(self.inner.decoder())
                        .map_err(|e| self.malformed(e.to_string()))?;
                    self.scopes.declare(depth, prefix, value.as_bytes(), max)
                } else {
                    self.scopes.declare(depth, prefix, &attr.value, max)
                };
                if !declared {
                    return Err(self.limit("max_namespace_bindings", max));
                }
            }
        }
        let (prefix, local) = split_qname(start.name().into_inner());
        self.local_len = local.len();
        self.current_ns = self
            .scopes
            .lookup_ns(prefix)
            .ok_or_else(|| DecodeError::Malformed {
                position: offset as u64,
                message: format!(
                    "undeclared namespace prefix `{}`",
                    String::from_utf8_lossy(prefix)
                ),
            })?;
        Ok(())
    }

    /// Fast path for the usual tag: `name="value"` pairs separated by white space,
    /// no `&` or `<` in a value. Declares its `xmlns` attributes and returns
    /// `Ok(true)`; `Ok(false)` when the tag has any other shape (the caller rolls
    /// back and lets quick-xml parse and report it).
    fn declare_plain(&mut self, raw: &[u8], depth: usize) -> Result<bool, DecodeError> {
        let (mut i, mut count, mut others) = (0, 0, 0);
        loop {
            let (name, value) = match next_plain(raw, &mut i) {
                Plain::Pair(name, value) => (name, value),
                Plain::End => {
                    self.only_declarations = others == 0;
                    return Ok(true);
                }
                Plain::Other => return Ok(false),
            };
            count += 1;
            if count > self.limits.max_attributes {
                return Err(self.limit("max_attributes", self.limits.max_attributes));
            }
            let Some(prefix) = declared_prefix(name) else {
                others += 1;
                continue;
            };
            if self.scopes.declared_at(depth, prefix) {
                // A duplicate declaration: quick-xml reports it.
                return Ok(false);
            }
            let max = self.limits.max_namespace_bindings;
            if !self.scopes.declare(depth, prefix, value, max) {
                return Err(self.limit("max_namespace_bindings", max));
            }
        }
    }

    /// The end tag of an entered element was read.
    fn leave(&mut self) {
        self.depth = self.depth.saturating_sub(1);
        self.scopes.leave_to(self.depth);
    }

    /// Appends the character data of a text, CDATA or reference event to `out`.
    /// Returns `false` for any other event. Only XML's five predefined entities and
    /// character references are resolved; anything else is an error.
    fn push_char_data(&self, event: &Event<'_>, out: &mut String) -> Result<bool, DecodeError> {
        let decoded = match event {
            Event::Text(t) => t.decode().map_err(|e| self.malformed(e.to_string()))?,
            Event::CData(t) => t.decode().map_err(|e| self.malformed(e.to_string()))?,
            Event::GeneralRef(r) => {
                out.push(resolve_reference(r).map_err(|m| self.malformed(m))?);
                return Ok(true);
            }
            _ => return Ok(false),
        };
        out.push_str(&decoded);
        Ok(true)
    }

    /// Moves to the next child element of any namespace (its namespace and name in
    /// `current_ns`/`current_name`); `false` at the end of the parent.
    fn advance(&mut self) -> Result<bool, DecodeError> {
        if std::mem::take(&mut self.no_content) {
            return Ok(false);
        }
        loop {
            let (offset, event) = self.next_resolved()?;
            let (start, empty) = match event {
                Event::Start(s) => (s, false),
                Event::Empty(s) => (s, true),
                Event::End(_) => return Ok(false),
                Event::Eof => {
                    return Err(self.malformed("the document ended before its elements were closed"))
                }
                Event::DocType(_) => return Err(DecodeError::Dtd),
                Event::Text(t) => {
                    if t.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    return Err(self.malformed(format!(
                        "unexpected text inside <{}>",
                        self.path.last().map_or("document", |p| p.as_ref())
                    )));
                }
                Event::CData(_) | Event::GeneralRef(_) => {
                    return Err(self.malformed("unexpected text between elements"))
                }
                Event::Decl(d) => {
                    check_declared_encoding(&d)?;
                    continue;
                }
                Event::Comment(_) | Event::PI(_) => continue,
            };
            // The local name as `enter` split it: the end of the qualified name,
            // which follows the `<` at `offset`.
            let qname = start.name().into_inner();
            let local = &qname[qname.len().saturating_sub(self.local_len)..];
            let at = offset + 1 + (qname.len() - local.len());
            self.name_in_input = self.str_in_input(at, local);
            if self.name_in_input.is_none() {
                let name = std::str::from_utf8(local)
                    .map_err(|_| self.malformed("element name is not UTF-8"))?;
                self.current_name.clear();
                self.current_name.push_str(name);
            }
            // Attributes are only looked at when there may be an `xsi:nil`.
            let mut nil = false;
            if contains(start.attributes_raw(), b"nil") {
                let position = self.position();
                for attr in bounded_attributes(&start, self.limits.max_attributes, position) {
                    let attr = attr?;
                    let (prefix, local) = split_qname(attr.key.as_ref());
                    if local == b"nil" && self.scopes.lookup(prefix) == Some(XSI) {
                        nil = matches!(attr.value.as_ref(), b"true" | b"1");
                    }
                }
            }
            self.nil = nil;
            self.no_content = empty;
            self.current_start = Some(start);
            self.current_offset = offset;
            self.has_current = true;
            return Ok(true);
        }
    }

    /// The next child element of any namespace as `(namespace, name)`, or `None` at
    /// the parent's end.
    pub(crate) fn next_start(&mut self) -> Result<Option<(String, String)>, DecodeError> {
        Ok(self
            .advance()?
            .then(|| (self.current_namespace(), self.name().to_owned())))
    }

    /// The next child of any namespace as `(namespace URI, local name)`, for a type
    /// whose children are not all in one namespace (`form=` on an element, a `ref=`
    /// to another schema's element). `None` at the end of the parent.
    pub fn next_qualified(&mut self) -> Result<Option<(&[u8], &str)>, DecodeError> {
        Ok(self.advance()?.then_some((self.current_ns(), self.name())))
    }

    /// `(namespace URI, local name)` of the child whose start tag was read last.
    pub fn current_qualified(&self) -> (&[u8], &str) {
        (self.current_ns(), self.name())
    }

    fn current_namespace(&self) -> String {
        String::from_utf8_lossy(self.current_ns()).into_owned()
    }

    /// The local name of the next child in the expected namespace; children of other
    /// namespaces are kept as unknown. `None` at the end of the parent.
    pub fn next_child(&mut self) -> Result<Option<&str>, DecodeError> {
        while self.advance()? {
            if self.current_ns() == self.ns.as_bytes() {
                return Ok(Some(self.name()));
            }
            self.skip_unknown()?;
        }
        Ok(None)
    }

    /// Like [`Self::next_child`], for a type with `xs:any` content: children of
    /// other namespaces are kept in `any` as the XML received (under the same cap
    /// as unknown elements) instead of being skipped.
    pub fn next_child_or_any(
        &mut self,
        any: &mut Vec<RawElement>,
    ) -> Result<Option<&str>, DecodeError> {
        while self.advance()? {
            if self.current_ns() == self.ns.as_bytes() {
                return Ok(Some(self.name()));
            }
            if any.len() >= self.limits.max_unknown_elements {
                return Err(self.limit("max_unknown_elements", self.limits.max_unknown_elements));
            }
            any.push(self.read_raw()?);
        }
        Ok(None)
    }

    /// Skips the current child's content.
    pub(crate) fn skip_current(&mut self) -> Result<(), DecodeError> {
        if std::mem::take(&mut self.no_content) {
            return Ok(());
        }
        let mut depth = 0usize;
        loop {
            let event = self
                .inner
                .read_event()
                .map_err(|e| self.malformed(e.to_string()))?;
            match event {
                Event::Start(_) => {
                    depth += 1;
                    if self.depth + depth > self.limits.max_depth {
                        return Err(self.limit("max_depth", self.limits.max_depth));
                    }
                }
                Event::End(_) if depth == 0 => {
                    self.leave();
                    return Ok(());
                }
                Event::End(_) => depth -= 1,
                Event::Eof => return Err(self.malformed("the document ended inside an element")),
                Event::DocType(_) => return Err(DecodeError::Dtd),
                _ => {}
            }
        }
    }

    /// Keeps the current child as an [`UnknownElement`] and moves past it.
    pub fn skip_unknown(&mut self) -> Result<(), DecodeError> {
        // Taken before skipping, which ends the scope its URI may live in.
        let namespace = self.has_current.then(|| self.current_namespace());
        self.skip_current()?;
        if let (true, Some(namespace)) = (std::mem::take(&mut self.has_current), namespace) {
            if self.unknown.len() >= self.limits.max_unknown_elements {
                return Err(self.limit("max_unknown_elements", self.limits.max_unknown_elements));
            }
            let xml = self.slice_from(self.current_offset);
            self.unknown.push(UnknownElement {
                parent: self.path.join("/"),
                namespace,
                name: self.name().to_owned(),
                xml,
            });
        }
        Ok(())
    }

    /// Reads all remaining children as unknown elements (a type with no known children).
    pub fn skip_children(&mut self) -> Result<(), DecodeError> {
        while self.advance()? {
            self.skip_unknown()?;
        }
        Ok(())
    }

    /// Reads the current child into a field's slot (`Option` or `Vec`).
    pub fn read_into<S: Slot>(
        &mut self,
        name: &'static str,
        slot: &mut S,
    ) -> Result<(), DecodeError> {
        if std::mem::take(&mut self.nil) {
            self.skip_current()?;
            return if slot.is_filled() {
                Err(self.duplicate(name))
            } else {
                slot.put_nil();
                Ok(())
            };
        }
        if slot.is_filled() {
            return Err(self.duplicate(name));
        }
        self.path.push(Cow::Borrowed(name));
        let value = S::Item::read_element(self);
        self.path.pop();
        slot.put(crate::__tri!(value));
        Ok(())
    }

    /// Reads the current child into a required field's local (`None` until it
    /// comes): a second one is a duplicate, `xsi:nil` an error (see [`Self::element`]).
    pub fn read_once<T: XmlElement>(
        &mut self,
        name: &'static str,
        slot: &mut Option<T>,
    ) -> Result<(), DecodeError> {
        T::read_once(self, name, slot)
    }

    /// Reads the current child, which is not nillable, as a `T`.
    pub fn element<T: XmlElement>(&mut self, name: &'static str) -> Result<T, DecodeError> {
        T::read_child(self, name)
    }

    /// The value of a required field, or an error naming it.
    pub fn required<T>(&self, name: &str, value: Option<T>) -> Result<T, DecodeError> {
        match value {
            Some(value) => Ok(value),
            None => Err(self.missing(name)),
        }
    }

    /// The error for a required field `name` that did not come (generated code).
    #[doc(hidden)]
    pub fn missing(&self, name: &str) -> DecodeError {
        DecodeError::Missing {
            path: self.path_with(name),
        }
    }

    /// Reads complex content with the children in `T`'s namespace.
    pub fn complex<T: XmlType>(&mut self) -> Result<T, DecodeError> {
        <T as XmlElement>::read_element(self)
    }

    /// Before a generated type's children: its attributes checked, its namespace
    /// made the children's; returns the outer one for [`Self::leave_type`].
    pub(crate) fn enter_type(
        &mut self,
        attributes: &'static [&'static str],
        namespace: &'static str,
    ) -> Result<&'static str, DecodeError> {
        self.report_unknown_attributes(attributes)?;
        Ok(std::mem::replace(&mut self.ns, namespace))
    }

    /// After a generated type's children.
    pub(crate) fn leave_type(&mut self, outer: &'static str) {
        self.ns = outer;
    }

    /// Reads simple content and parses it as `T`.
    pub fn simple<T: XmlValue>(&mut self) -> Result<T, DecodeError> {
        T::read_simple(self)
    }

    /// The error for text that does not parse as the type `expected` describes.
    fn invalid_text(&self, text: &str, expected: String) -> DecodeError {
        DecodeError::InvalidValue {
            path: self.path.join("/"),
            expected,
            found: text.chars().take(40).collect(),
        }
    }

    /// Before a non-nillable child's content: `xsi:nil` refused, its name on the path.
    fn enter_element(&mut self, name: &'static str) -> Result<(), DecodeError> {
        if std::mem::take(&mut self.nil) {
            return Err(DecodeError::InvalidValue {
                path: self.path_with(name),
                expected: "a value (the element is not nillable)".into(),
                found: "xsi:nil".into(),
            });
        }
        self.path.push(Cow::Borrowed(name));
        Ok(())
    }

    /// A second occurrence of a child that may come once.
    fn duplicate(&self, name: &str) -> DecodeError {
        DecodeError::Duplicate {
            path: self.path_with(name),
        }
    }

    /// The text content of the current element, with references resolved. Borrowed
    /// from the input when it is one run of plain text (the usual case).
    pub fn text(&mut self) -> Result<Cow<'a, str>, DecodeError> {
        if std::mem::take(&mut self.no_content) {
            return Ok(Cow::Borrowed(""));
        }
        let mut out: Option<Cow<'a, str>> = None;
        loop {
            let at = self.position() as usize;
            let event = self
                .inner
                .read_event()
                .map_err(|e| self.malformed(e.to_string()))?;
            if let (None, Event::Text(t)) = (&out, &event) {
                if t.len() > self.limits.max_text_bytes {
                    return Err(self.limit("max_text_bytes", self.limits.max_text_bytes));
                }
                // A text event is the bytes at `at`: already checked as UTF-8.
                out = Some(match self.str_in_input(at, t) {
                    Some(text) => Cow::Borrowed(text),
                    None => t.decode().map_err(|e| self.malformed(e.to_string()))?,
                });
                continue;
            }
            if matches!(
                event,
                Event::Text(_) | Event::CData(_) | Event::GeneralRef(_)
            ) {
                let mut owned = out.take().map(Cow::into_owned).unwrap_or_default();
                self.push_char_data(&event, &mut owned)?;
                if owned.len() > self.limits.max_text_bytes {
                    return Err(self.limit("max_text_bytes", self.limits.max_text_bytes));
                }
                out = Some(Cow::Owned(owned));
                continue;
            }
            match event {
                Event::End(_) => {
                    self.leave();
                    return Ok(out.unwrap_or(Cow::Borrowed("")));
                }
                Event::Start(s) | Event::Empty(s) => {
                    return Err(DecodeError::InvalidValue {
                        path: self.path.join("/"),
                        expected: "expected text".into(),
                        found: format!("<{}>", String::from_utf8_lossy(s.local_name().as_ref())),
                    })
                }
                Event::Eof => return Err(self.malformed("the document ended inside an element")),
                Event::DocType(_) => return Err(DecodeError::Dtd),
                Event::Comment(_)
                | Event::PI(_)
                | Event::Decl(_)
                | Event::Text(_)
                | Event::CData(_)
                | Event::GeneralRef(_) => {}
            }
        }
    }

    /// The namespace of an attribute with `prefix`: none for an unprefixed one
    /// (attributes do not take the default namespace), else the bound URI.
    fn attribute_namespace(&self, prefix: &[u8]) -> Option<&[u8]> {
        if prefix.is_empty() {
            Some(b"")
        } else {
            self.scopes.lookup(prefix)
        }
    }

    /// Keeps the current element's attributes that `known` does not name (and
    /// that are neither namespace declarations nor `xsi:`) as unknown elements
    /// `@name`, so that nothing the server sends is dropped silently.
    fn report_unknown_attributes(&mut self, known: &[&str]) -> Result<(), DecodeError> {
        let Some(start) = &self.current_start else {
            return Ok(());
        };
        // The usual cases, no attributes or only namespace declarations, were
        // told by the plain scan on entering the element, without parsing.
        if self.only_declarations {
            return Ok(());
        }
        let position = self.position();
        let mut found = Vec::new();
        for attr in bounded_attributes(start, self.limits.max_attributes, position) {
            let attr = attr?;
            let key = attr.key.as_ref();
            let (prefix, local) = split_qname(key);
            if key == b"xmlns" || prefix == b"xmlns" {
                continue;
            }
            let ns = self.attribute_namespace(prefix);
            if ns == Some(XSI) || known.iter().any(|k| names_attribute(k, ns, local)) {
                continue;
            }
            found.push(UnknownElement {
                parent: self.path.join("/"),
                namespace: String::from_utf8_lossy(ns.unwrap_or_default()).into_owned(),
                name: format!("@{}", String::from_utf8_lossy(local)),
                xml: format!(
                    "{}=\"{}\"",
                    String::from_utf8_lossy(key),
                    String::from_utf8_lossy(attr.value.as_ref())
                ),
            });
        }
        for unknown in found {
            if self.unknown.len() >= self.limits.max_unknown_elements {
                return Err(self.limit("max_unknown_elements", self.limits.max_unknown_elements));
            }
            self.unknown.push(unknown);
        }
        Ok(())
    }

    /// The unprefixed attribute `name` of the element whose content is being read
    /// (call it before reading children), parsed as `T`; `None` when absent.
    pub fn attribute<T: XmlValue>(&self, name: &'static str) -> Result<Option<T>, DecodeError> {
        self.attribute_in("", name)
    }

    /// As [`Self::required_attribute`], for a qualified attribute (namespace `ns`).
    pub fn required_attribute_in<T: XmlValue>(
        &self,
        ns: &'static str,
        name: &'static str,
    ) -> Result<T, DecodeError> {
        match self.attribute_in(ns, name) {
            Ok(Some(value)) => Ok(value),
            Ok(None) => Err(DecodeError::Missing {
                path: format!("{}/@{name}", self.path.join("/")),
            }),
            Err(e) => Err(e),
        }
    }

    /// As [`Self::attribute`], for a qualified attribute: in namespace `ns`
    /// (`attributeFormDefault`/`form="qualified"`, or a `ref=`), whatever its prefix.
    pub fn attribute_in<T: XmlValue>(
        &self,
        ns: &'static str,
        name: &'static str,
    ) -> Result<Option<T>, DecodeError> {
        let Some(text) = crate::__tri!(self.current_attribute(ns.as_bytes(), name.as_bytes()))
        else {
            return Ok(None);
        };
        match T::parse_text(&text) {
            Ok(value) => Ok(Some(value)),
            Err(expected) => Err(DecodeError::InvalidValue {
                path: format!("{}/@{name}", self.path.join("/")),
                expected,
                found: text.chars().take(40).collect(),
            }),
        }
    }

    /// As [`Self::attribute`], for an attribute the type requires.
    pub fn required_attribute<T: XmlValue>(&self, name: &'static str) -> Result<T, DecodeError> {
        self.required_attribute_in("", name)
    }

    /// The current child kept whole as the XML received (`xs:any` content, a
    /// DataSet's inline schema): read without recursion, like an unknown element.
    pub fn read_raw(&mut self) -> Result<RawElement, DecodeError> {
        let namespace = self.current_namespace();
        let name = self.name().to_owned();
        let xml = self.capture_current()?;
        Ok(RawElement {
            namespace,
            name,
            xml,
        })
    }

    /// Skips the current child without keeping it (it is read elsewhere).
    pub(crate) fn skip_quietly(&mut self) -> Result<(), DecodeError> {
        self.skip_current()?;
        self.has_current = false;
        Ok(())
    }

    /// Skips the current child and returns its XML as received (one copy of
    /// its bytes; nothing is parsed into a tree).
    pub(crate) fn capture_current(&mut self) -> Result<String, DecodeError> {
        self.skip_current()?;
        self.has_current = false;
        Ok(self.slice_from(self.current_offset))
    }

    /// The value of the current child's attribute `{ns}local` (namespace by URI,
    /// `b""` for an unprefixed attribute).
    pub(crate) fn current_attribute(
        &self,
        ns: &[u8],
        local: &[u8],
    ) -> Result<Option<String>, DecodeError> {
        let Some(start) = &self.current_start else {
            return Ok(None);
        };
        let position = self.position();
        for attr in bounded_attributes(start, self.limits.max_attributes, position) {
            let attr = attr?;
            let (prefix, name) = split_qname(attr.key.as_ref());
            let attr_ns = self.attribute_namespace(prefix);
            if name == local && attr_ns == Some(ns) {
                let value = attr
                    .decode_and_unescape_value(self.inner.decoder())
                    .map_err(|e| self.malformed(e.to_string()))?;
                return Ok(Some(value.into_owned()));
            }
        }
        Ok(None)
    }

    fn slice_from(&self, start: usize) -> String {
        let end = (self.position() as usize).min(self.input.len());
        String::from_utf8_lossy(self.input.get(start..end).unwrap_or_default())
            .trim()
            .to_owned()
    }

    pub(crate) fn push_path(&mut self, name: impl Into<Cow<'static, str>>) {
        self.path.push(name.into());
    }

    pub(crate) fn pop_path(&mut self) {
        self.path.pop();
    }

    pub(crate) fn set_namespace(&mut self, ns: &'static str) {
        self.ns = ns;
    }

    /// True once the document has nothing but whitespace, comments and PIs left.
    pub(crate) fn at_document_end(&mut self) -> Result<bool, DecodeError> {
        loop {
            match self
                .inner
                .read_event()
                .map_err(|e| self.malformed(e.to_string()))?
            {
                Event::Eof => return Ok(true),
                Event::Text(t) if t.iter().all(u8::is_ascii_whitespace) => {}
                Event::Comment(_) | Event::PI(_) => {}
                _ => return Ok(false),
            }
        }
    }
}

/// Where a field's values go while reading: `Option` holds one, `Vec` many.
pub trait Slot {
    /// The element type.
    type Item: XmlElement;
    /// Whether another value would be a duplicate.
    fn is_filled(&self) -> bool;
    /// Stores a value.
    fn put(&mut self, value: Self::Item);
    /// Records an `xsi:nil="true"` element (an `Option` stays `None`).
    fn put_nil(&mut self) {}
}

impl<T: XmlElement> Slot for Option<T> {
    type Item = T;
    fn is_filled(&self) -> bool {
        self.is_some()
    }
    fn put(&mut self, value: T) {
        *self = Some(value);
    }
}

/// An optional nillable element, absent and nil told apart: `None` when absent,
/// `Some(None)` for `xsi:nil="true"`, `Some(Some(value))` otherwise.
impl<T: XmlElement> Slot for Option<Option<T>> {
    type Item = T;
    fn is_filled(&self) -> bool {
        self.is_some()
    }
    fn put(&mut self, value: T) {
        *self = Some(Some(value));
    }
    fn put_nil(&mut self) {
        *self = Some(None);
    }
}

impl<T: XmlElement> Slot for Vec<T> {
    type Item = T;
    fn is_filled(&self) -> bool {
        false
    }
    fn put(&mut self, value: T) {
        self.push(value);
    }
}

/// Repeated nillable elements: `xsi:nil` items are kept as `None`, not dropped.
impl<T: XmlElement> Slot for Vec<Option<T>> {
    type Item = T;
    fn is_filled(&self) -> bool {
        false
    }
    fn put(&mut self, value: T) {
        self.push(Some(value));
    }
    fn put_nil(&mut self) {
        self.push(None);
    }
}

// Reading a value of a given type, as methods of blanket traits rather than
// generic `XmlReader` methods: rustc compiles a method with its self type's
// module, so the code read for a generated type stays with that type's own
// code, and editing one operation does not recompile a unit shared by all (see
// `__tri!`). The `XmlReader` methods of the same names call these.

/// Reads a child element as `Self` (generated code; see [`XmlReader::element`]).
#[doc(hidden)]
pub trait ReadChild: XmlElement {
    /// [`XmlReader::element`].
    fn read_child(r: &mut XmlReader<'_>, name: &'static str) -> Result<Self, DecodeError>;
    /// [`XmlReader::read_once`].
    fn read_once(
        r: &mut XmlReader<'_>,
        name: &'static str,
        slot: &mut Option<Self>,
    ) -> Result<(), DecodeError>;
}

impl<T: XmlElement> ReadChild for T {
    fn read_child(r: &mut XmlReader<'_>, name: &'static str) -> Result<T, DecodeError> {
        crate::__tri!(r.enter_element(name));
        let value = T::read_element(r);
        r.path.pop();
        value
    }

    fn read_once(
        r: &mut XmlReader<'_>,
        name: &'static str,
        slot: &mut Option<T>,
    ) -> Result<(), DecodeError> {
        if slot.is_some() {
            return Err(r.duplicate(name));
        }
        *slot = Some(crate::__tri!(T::read_child(r, name)));
        Ok(())
    }
}

/// Reads simple content as `Self` (generated code; see [`XmlReader::simple`]).
#[doc(hidden)]
pub trait ReadSimple: XmlValue {
    /// [`XmlReader::simple`].
    fn read_simple(r: &mut XmlReader<'_>) -> Result<Self, DecodeError>;
}

impl<T: XmlValue> ReadSimple for T {
    fn read_simple(r: &mut XmlReader<'_>) -> Result<T, DecodeError> {
        let text = crate::__tri!(r.text());
        match T::parse_text(&text) {
            Ok(value) => Ok(value),
            Err(expected) => Err(r.invalid_text(&text, expected)),
        }
    }
}
