//! Enums of XSD `enumeration` values, with an `Unknown` variant so that a value the
//! server adds later is returned as data, not as an error.

/// An enum generated from an XSD enumeration.
pub trait WireEnum {
    /// The value as sent on the wire.
    fn wire_value(&self) -> &str;
    /// False for `Unknown`.
    fn is_known(&self) -> bool;
    /// What the value means, from the overlay's `meanings` (`None` when it says
    /// nothing, and for `Unknown`).
    fn meaning(&self) -> Option<&'static str> {
        None
    }
    /// ASMX result convention: the value is `OK` or ends in `_OK`.
    fn is_ok(&self) -> bool {
        let v = self.wire_value();
        v == "OK" || v.ends_with("_OK")
    }
}

/// What `value` means according to a generated `MEANINGS` table: the row of the
/// whole value, else the row of its part after the first `_`
/// (`GetOrder_NotFound` → `NotFound`).
pub fn meaning_in(table: &[(&str, &'static str)], value: &str) -> Option<&'static str> {
    let find = |key: &str| table.iter().find(|(k, _)| *k == key).map(|(_, m)| *m);
    find(value).or_else(|| find(value.split_once('_')?.1))
}

/// The value of `values` that is `{prefix}_{suffix}`, the ASMX convention for result
/// values (`getSession_OK`, `getSession_NotLoggedIn`); when none is, the first value's
/// prefix joined to `suffix` (a value the enum will keep as `Unknown`).
pub fn value_with_suffix<'v>(values: &[&'v str], suffix: &str) -> std::borrow::Cow<'v, str> {
    let split = |v: &'v str| v.split_once('_');
    match values
        .iter()
        .find(|v| split(v).is_some_and(|(_, s)| s == suffix))
    {
        Some(value) => std::borrow::Cow::Borrowed(value),
        None => {
            let prefix = values.first().and_then(|v| split(v)).map_or("", |(p, _)| p);
            std::borrow::Cow::Owned(format!("{prefix}_{suffix}"))
        }
    }
}

/// Declares a wire enum: variants with their wire spelling, plus `Unknown(String)`,
/// `Display`/`FromStr` in wire spelling, serde as the wire string, XML text, and a
/// validation that refuses `Unknown` in requests.
///
/// ```
/// asmx_runtime::wire_enum! {
///     /// Colours.
///     pub enum Colour = "colour" {
///         /// Red.
///         Red = "RED",
///         Green = "GREEN" => "Go ahead.",
///     }
/// }
/// assert_eq!("GREEN".parse::<Colour>().unwrap(), Colour::Green);
/// assert_eq!(Colour::Green.meaning(), Some("Go ahead."));
/// assert_eq!(Colour::from_wire("BLUE"), Colour::Unknown("BLUE".into()));
/// ```
#[macro_export]
macro_rules! wire_enum {
    ($(#[$meta:meta])* pub enum $name:ident = $wire:literal {
        $($(#[$vmeta:meta])* $variant:ident = $value:literal $(=> $meaning:literal)?,)*
    }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$vmeta])* $(#[doc = $meaning] #[doc = ""])? #[doc = concat!("Wire value `", $value, "`.")] $variant,)*
            /// A value this schema does not list, kept exactly as received.
            Unknown(::std::string::String),
        }

        impl $crate::Absent for $name {}

        impl $name {
            /// The simple type's wire name.
            pub const WIRE_NAME: &'static str = $wire;
            /// The known wire values, in schema order.
            pub const VALUES: &'static [&'static str] = &[$($value),*];

            /// The value as sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $value,)*
                    Self::Unknown(other) => other,
                }
            }

            /// What the value means (the overlay's `meanings`), if known.
            pub fn meaning(&self) -> ::core::option::Option<&'static str> {
                match self {
                    $(Self::$variant => $crate::wire_enum!(@meaning $($meaning)?),)*
                    Self::Unknown(_) => ::core::option::Option::None,
                }
            }

            /// The variant for a wire value; anything else becomes `Unknown`.
            pub fn from_wire(value: &str) -> Self {
                match value {
                    $($value => Self::$variant,)*
                    other => Self::Unknown(other.to_owned()),
                }
            }

            /// The result value `{prefix}_{suffix}` (`OK`, `NotLoggedIn`, …), by
            /// the part after the values' shared prefix (the runtime's
            /// `value_with_suffix`; `Unknown` when no value has that suffix).
            pub fn from_suffix(suffix: &str) -> Self {
                Self::from_wire(&$crate::value_with_suffix(Self::VALUES, suffix))
            }
        }

        impl ::std::default::Default for $name {
            /// The first value, as .NET defaults an enum to its first member.
            fn default() -> Self {
                Self::from_wire(Self::VALUES.first().copied().unwrap_or(""))
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = ::std::convert::Infallible;
            fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
                ::core::result::Result::Ok(Self::from_wire(value))
            }
        }

        impl $crate::WireEnum for $name {
            fn wire_value(&self) -> &str {
                self.as_str()
            }
            fn is_known(&self) -> bool {
                !matches!(self, Self::Unknown(_))
            }
            fn meaning(&self) -> ::core::option::Option<&'static str> {
                $name::meaning(self)
            }
        }

        impl $crate::serde::Serialize for $name {
            fn serialize<S: $crate::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> $crate::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
                let s = <::std::borrow::Cow<'de, str> as $crate::serde::Deserialize>::deserialize(d)?;
                ::core::result::Result::Ok(Self::from_wire(&s))
            }
        }

        impl $crate::XmlValue for $name {
            const XSD: &'static str = $wire;
            fn write_text(&self, out: &mut ::std::string::String) {
                out.push_str(self.as_str());
            }
            fn parse_text(text: &str) -> ::std::result::Result<Self, ::std::string::String> {
                ::core::result::Result::Ok(Self::from_wire(text))
            }
        }

        impl $crate::XmlElement for $name {
            fn write_element(&self, name: &'static str, w: &mut $crate::XmlWriter) -> ::std::result::Result<(), $crate::EncodeError> {
                $crate::WriteSimple::write_simple(self, name, w)
            }
            fn read_element(r: &mut $crate::XmlReader<'_>) -> ::std::result::Result<Self, $crate::DecodeError> {
                <Self as $crate::ReadSimple>::read_simple(r)
            }
        }

        impl $crate::Validate for $name {
            fn validate(&self, v: &mut $crate::Validator) -> ::std::result::Result<(), $crate::InvalidField> {
                match self {
                    Self::Unknown(other) => ::core::result::Result::Err(v.fail(
                        concat!("enumeration ", $wire),
                        format!("`{}` is not one of {}", other, Self::VALUES.join(", ")),
                    )),
                    _ => ::core::result::Result::Ok(()),
                }
            }
        }
    };
    (@meaning $meaning:literal) => { ::core::option::Option::Some($meaning) };
    (@meaning) => { ::core::option::Option::None };
}
