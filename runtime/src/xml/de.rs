//! serde's `Deserialize` for [`xml_struct!`](crate::xml_struct) types, behaving as
//! serde's derive does (the same keys, defaults, errors and sequence form) in a
//! fraction of its expanded code. The derive writes, per type, a field enum with its
//! own visitor and a struct visitor for maps and sequences; that was over a third
//! of a generated crate's code, all of it parsed, checked and written to metadata
//! again on every WSDL edit. Here the visitors are written once, and a type only
//! says how to put its fields together ([`DeserializeFields::from_fields`]).
//!
//! Hidden from the docs: generated code's use only.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{
    DeserializeSeed, Deserializer, Error, Expected, IgnoredAny, MapAccess, SeqAccess, Visitor,
};
use serde::Deserialize;

/// The part of `Deserialize` a declared type writes itself.
pub trait DeserializeFields<'de>: Sized {
    /// The Rust type's name, as serde's messages give it (`struct Name`).
    const NAME: &'static str;
    /// The fields' serde keys, in declaration order.
    const FIELDS: &'static [&'static str];
    /// Reads the fields `fields` offers and builds the value.
    fn from_fields<F: Fields<'de>>(fields: &mut F) -> Result<Self, F::Error>;
}

/// `Deserialize::deserialize` of a declared type: a struct of
/// [`DeserializeFields::FIELDS`], from a map keyed by them or a sequence of values
/// in their order.
pub fn deserialize<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: DeserializeFields<'de>,
{
    deserializer.deserialize_struct(T::NAME, T::FIELDS, StructVisitor(PhantomData))
}

/// Where a type's fields come from: a map (keys in any order, unknown keys
/// ignored, absent fields allowed) or a sequence (all fields, in order).
pub trait Fields<'de> {
    /// The format's error.
    type Error: Error;
    /// The index (in `FIELDS`) of the next field present; `None` after the last.
    fn next_field(&mut self) -> Result<Option<usize>, Self::Error>;
    /// Reads the current field's value as a `T` into `slot`, through `wrap`; a
    /// second value for the same field is an error.
    fn read_as<T: Deserialize<'de>, U>(
        &mut self,
        slot: &mut Option<U>,
        key: &'static str,
        wrap: fn(T) -> U,
    ) -> Result<(), Self::Error>;
    /// Reads the current field's value into `slot`.
    fn value<T: Deserialize<'de>>(
        &mut self,
        slot: &mut Option<T>,
        key: &'static str,
    ) -> Result<(), Self::Error> {
        self.read_as(slot, key, std::convert::identity)
    }
    /// [`Self::value`] for an optional nillable field: `null` is nil (`Some(None)`),
    /// as [`nil_or_value`](crate::nil_or_value) reads it.
    fn nil_or_value<T: Deserialize<'de>>(
        &mut self,
        slot: &mut Option<Option<Option<T>>>,
        key: &'static str,
    ) -> Result<(), Self::Error> {
        self.read_as(slot, key, Some::<Option<T>>)
    }
    /// A field's value once all are read; one that did not come is an error
    /// (but `None` for an `Option`, as serde's derive has it).
    fn required<T: Deserialize<'de>>(
        &mut self,
        slot: Option<T>,
        key: &'static str,
    ) -> Result<T, Self::Error>;
    /// The value of a field with `#[serde(default)]` once all are read.
    fn or_default<T: Default>(&mut self, slot: Option<T>) -> T;
}

struct StructVisitor<T>(PhantomData<T>);

impl<'de, T: DeserializeFields<'de>> Visitor<'de> for StructVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "struct {}", T::NAME)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        T::from_fields(&mut MapFields {
            map,
            keys: T::FIELDS,
        })
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<T, A::Error> {
        T::from_fields(&mut SeqFields {
            seq,
            name: T::NAME,
            len: T::FIELDS.len(),
            next: 0,
            ended: false,
            finished: 0,
        })
    }
}

/// A map's key: the index of the field it names, `None` for another key. Keys may
/// be strings, bytes or field indices, as for serde's derive.
struct FieldKey(&'static [&'static str]);

impl<'de> DeserializeSeed<'de> for FieldKey {
    type Value = Option<usize>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl<'de> Visitor<'de> for FieldKey {
    type Value = Option<usize>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("field identifier")
    }

    fn visit_u64<E: Error>(self, index: u64) -> Result<Self::Value, E> {
        Ok(usize::try_from(index).ok().filter(|&i| i < self.0.len()))
    }

    fn visit_str<E: Error>(self, key: &str) -> Result<Self::Value, E> {
        Ok(self.0.iter().position(|k| *k == key))
    }

    fn visit_bytes<E: Error>(self, key: &[u8]) -> Result<Self::Value, E> {
        Ok(self.0.iter().position(|k| k.as_bytes() == key))
    }
}

struct MapFields<A> {
    map: A,
    keys: &'static [&'static str],
}

impl<'de, A: MapAccess<'de>> Fields<'de> for MapFields<A> {
    type Error = A::Error;

    fn next_field(&mut self) -> Result<Option<usize>, A::Error> {
        loop {
            match self.map.next_key_seed(FieldKey(self.keys))? {
                Some(Some(index)) => return Ok(Some(index)),
                Some(None) => {
                    self.map.next_value::<IgnoredAny>()?;
                }
                None => return Ok(None),
            }
        }
    }

    fn read_as<T: Deserialize<'de>, U>(
        &mut self,
        slot: &mut Option<U>,
        key: &'static str,
        wrap: fn(T) -> U,
    ) -> Result<(), A::Error> {
        if slot.is_some() {
            return Err(A::Error::duplicate_field(key));
        }
        *slot = Some(wrap(self.map.next_value()?));
        Ok(())
    }

    fn required<T: Deserialize<'de>>(
        &mut self,
        slot: Option<T>,
        key: &'static str,
    ) -> Result<T, A::Error> {
        match slot {
            Some(value) => Ok(value),
            None => T::deserialize(MissingField(key, PhantomData)),
        }
    }

    fn or_default<T: Default>(&mut self, slot: Option<T>) -> T {
        slot.unwrap_or_default()
    }
}

struct SeqFields<A> {
    seq: A,
    name: &'static str,
    len: usize,
    /// The index of the next element.
    next: usize,
    /// The sequence had no more elements.
    ended: bool,
    /// Fields built so far: the index of the next one.
    finished: usize,
}

/// What a sequence short of elements was expected to hold.
struct Elements(&'static str, usize);

impl Expected for Elements {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.1 {
            1 => write!(f, "struct {} with 1 element", self.0),
            n => write!(f, "struct {} with {n} elements", self.0),
        }
    }
}

impl<'de, A: SeqAccess<'de>> Fields<'de> for SeqFields<A> {
    type Error = A::Error;

    fn next_field(&mut self) -> Result<Option<usize>, A::Error> {
        if self.ended || self.next >= self.len {
            return Ok(None);
        }
        self.next += 1;
        Ok(Some(self.next - 1))
    }

    fn read_as<T: Deserialize<'de>, U>(
        &mut self,
        slot: &mut Option<U>,
        _key: &'static str,
        wrap: fn(T) -> U,
    ) -> Result<(), A::Error> {
        match self.seq.next_element()? {
            Some(value) => *slot = Some(wrap(value)),
            None => self.ended = true,
        }
        Ok(())
    }

    fn required<T: Deserialize<'de>>(
        &mut self,
        slot: Option<T>,
        _key: &'static str,
    ) -> Result<T, A::Error> {
        let index = self.finished;
        self.finished += 1;
        slot.ok_or_else(|| A::Error::invalid_length(index, &Elements(self.name, self.len)))
    }

    fn or_default<T: Default>(&mut self, slot: Option<T>) -> T {
        self.finished += 1;
        slot.unwrap_or_default()
    }
}

/// An absent map field: `None` for an `Option`, `missing field` for anything else.
struct MissingField<E>(&'static str, PhantomData<E>);

impl<'de, E: Error> Deserializer<'de> for MissingField<E> {
    type Error = E;

    fn deserialize_any<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, E> {
        Err(E::missing_field(self.0))
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        visitor.visit_none()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}
