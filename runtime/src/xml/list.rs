//! `xs:list` values: items of a simple type in one element, separated by white
//! space. ASMX writes .NET `[Flags]` enums so (`<eRights>Read Write</eRights>`).

use serde::{Deserialize, Serialize};

use super::{
    Checked, DecodeError, EncodeError, InvalidField, Validate, Validator, XmlElement, XmlReader,
    XmlValue, XmlWriter,
};

/// An `xs:list`: its items, in order (empty text is an empty list).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct List<T>(pub Vec<T>);

/// A list element is sent even when empty (it is required; optional ones are `Option`s).
impl<T> super::Absent for List<T> {}

impl<T> From<Vec<T>> for List<T> {
    fn from(items: Vec<T>) -> Self {
        List(items)
    }
}

impl<T> std::ops::Deref for List<T> {
    type Target = Vec<T>;
    fn deref(&self) -> &Vec<T> {
        &self.0
    }
}

impl<T: XmlValue> XmlValue for List<T> {
    const XSD: &'static str = "xs:list";
    fn write_text(&self, out: &mut String) {
        for (i, item) in self.0.iter().enumerate() {
            if i > 0 {
                out.push(' ');
            }
            item.write_text(out);
        }
    }
    fn parse_text(text: &str) -> Result<Self, String> {
        text.split_ascii_whitespace()
            .map(|item| T::parse_text(item).map_err(|e| format!("list item `{item}`: {e}")))
            .collect::<Result<Vec<T>, String>>()
            .map(List)
    }
}

impl<T: XmlValue> XmlElement for List<T> {
    fn write_element(&self, name: &'static str, w: &mut XmlWriter) -> Result<(), EncodeError> {
        w.simple(name, self)
    }
    fn read_element(r: &mut XmlReader<'_>) -> Result<Self, DecodeError> {
        r.simple::<Self>()
    }
}

/// Each item is checked as its type checks it (an enumeration refuses `Unknown`).
impl<T: Validate> Validate for List<T> {
    fn validate(&self, v: &mut Validator) -> Result<(), InvalidField> {
        self.0.iter().try_for_each(|item| item.validate(v))
    }
}

/// Facets apply to each item (XSD puts them on the item type).
impl<T: Checked> Checked for List<T> {
    fn each_text(&self, f: &mut dyn FnMut(&str, bool)) {
        for item in &self.0 {
            item.each_text(f);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_round_trip_through_space_separated_text() {
        let list = List(vec![1i32, 22, 333]);
        let mut text = String::new();
        list.write_text(&mut text);
        assert_eq!(text, "1 22 333");
        assert_eq!(List::<i32>::parse_text(" 1\t22\n333 ").unwrap(), list);
        assert_eq!(List::<i32>::parse_text("").unwrap(), List(vec![]));
        let e = List::<i32>::parse_text("1 x").unwrap_err();
        assert!(e.starts_with("list item `x`"), "{e}");
    }
}
