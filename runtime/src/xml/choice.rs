//! `xs:choice`: a generated enum with one variant per alternative, written as the
//! chosen element and read back from whichever alternative comes.

use super::read::{DecodeError, XmlReader};
use super::write::{EncodeError, XmlWriter};

/// A generated `<choice>` enum (implemented by generated code).
pub trait XmlChoice: Sized {
    /// `(namespace, name)` of each alternative; `None`: the owning type's namespace.
    const NAMES: &'static [(Option<&'static str>, &'static str)];
    /// Whether a child of local name `name` is one of the alternatives.
    fn is_alternative(name: &str) -> bool {
        Self::NAMES.iter().any(|(_, n)| *n == name)
    }
    /// Whether child `(namespace, name)` is one of the alternatives of a choice
    /// in a type of namespace `owner`.
    fn is_alternative_in(owner: &str, (ns, name): (&[u8], &str)) -> bool {
        Self::NAMES
            .iter()
            .any(|(n_ns, n)| *n == name && n_ns.unwrap_or(owner).as_bytes() == ns)
    }
    /// Writes the chosen alternative's element (or elements, for one that repeats).
    fn write_choice(&self, w: &mut XmlWriter) -> Result<(), EncodeError>;
    /// Reads the current child, whose name the owner matched to an alternative.
    /// `last` is the value read so far for a choice that occurs once: an
    /// alternative that repeats adds to it and returns `None`.
    fn read_alternative(
        r: &mut XmlReader<'_>,
        last: Option<&mut Self>,
    ) -> Result<Option<Self>, DecodeError>;
}

/// How a choice field holds its value: exactly once (the enum), at most once
/// (`Option`), or repeated in document order (`Vec`).
pub trait ChoiceField {
    /// The generated enum.
    type Choice: XmlChoice;
    /// Writes the chosen alternatives.
    fn write_choices(&self, w: &mut XmlWriter) -> Result<(), EncodeError>;
}

impl<C: XmlChoice> ChoiceField for C {
    type Choice = C;
    fn write_choices(&self, w: &mut XmlWriter) -> Result<(), EncodeError> {
        self.write_choice(w)
    }
}

impl<C: XmlChoice> ChoiceField for Option<C> {
    type Choice = C;
    fn write_choices(&self, w: &mut XmlWriter) -> Result<(), EncodeError> {
        self.as_ref().map_or(Ok(()), |c| c.write_choice(w))
    }
}

impl<C: XmlChoice> ChoiceField for Vec<C> {
    type Choice = C;
    fn write_choices(&self, w: &mut XmlWriter) -> Result<(), EncodeError> {
        self.iter().try_for_each(|c| c.write_choice(w))
    }
}

/// Where alternatives are read to: `Option` takes one (a second is an error),
/// `Vec` one per occurrence.
pub trait ChoiceSlot {
    /// The generated enum.
    type Choice: XmlChoice;
    /// The value a repeating alternative may extend.
    fn last(&mut self) -> Option<&mut Self::Choice>;
    /// Stores a new value; false when the slot already holds one.
    fn put(&mut self, choice: Self::Choice) -> bool;
}

impl<C: XmlChoice> ChoiceSlot for Option<C> {
    type Choice = C;
    fn last(&mut self) -> Option<&mut C> {
        self.as_mut()
    }
    fn put(&mut self, choice: C) -> bool {
        if self.is_some() {
            return false;
        }
        *self = Some(choice);
        true
    }
}

impl<C: XmlChoice> ChoiceSlot for Vec<C> {
    type Choice = C;
    fn last(&mut self) -> Option<&mut C> {
        None
    }
    fn put(&mut self, choice: C) -> bool {
        self.push(choice);
        true
    }
}

impl XmlWriter {
    /// Writes a choice field (see [`ChoiceField`]).
    pub fn choice<F: ChoiceField + ?Sized>(&mut self, value: &F) -> Result<(), EncodeError> {
        value.write_choices(self)
    }
}

impl XmlReader<'_> {
    /// The value of a required choice field, or an error naming its alternatives.
    pub fn required_choice<C: XmlChoice>(&self, value: Option<C>) -> Result<C, DecodeError> {
        match value {
            Some(value) => Ok(value),
            None => {
                let names: Vec<&str> = C::NAMES.iter().map(|(_, n)| *n).collect();
                self.required(&names.join("|"), None)
            }
        }
    }

    /// Reads the current child, an alternative of a `<choice>`, into its slot. A
    /// second alternative where the choice occurs once is an error.
    pub fn read_choice<S: ChoiceSlot>(&mut self, slot: &mut S) -> Result<(), DecodeError> {
        let path = self.path_with(self.current_qualified().1);
        if let Some(choice) = S::Choice::read_alternative(self, slot.last())? {
            if !slot.put(choice) {
                return Err(DecodeError::Unexpected {
                    expected: "one alternative of a <choice> that occurs once".into(),
                    found: format!("a second one, `{path}`"),
                });
            }
        }
        Ok(())
    }
}
