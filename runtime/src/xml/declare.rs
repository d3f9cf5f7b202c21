//! `xml_struct!` and `xml_choice!`: the declarations generated code is written
//! in. One line a field says the field's Rust type, its wire name, how it sits in
//! the XML (element, attribute, text, header; required or not) and what checks
//! it; the macros expand that to the struct and its `XmlType`, `Validate` and
//! serde impls, so a generated type reads like its schema.
//!
//! The macros expect `rt` to name this crate where they are used (generated code
//! starts with `use … as rt;`): serde's attributes take paths as strings, which
//! cannot say `$crate`.

/// Whether a field's value is absent, so that serde leaves it out: `None`, an
/// empty list; never for a required value.
pub trait Absent {
    /// True when the value is not sent (serde `skip_serializing_if`).
    fn is_absent(&self) -> bool {
        false
    }
}

impl<T> Absent for Option<T> {
    fn is_absent(&self) -> bool {
        self.is_none()
    }
}

impl<T> Absent for Vec<T> {
    fn is_absent(&self) -> bool {
        self.is_empty()
    }
}

impl<T: Absent + ?Sized> Absent for Box<T> {
    fn is_absent(&self) -> bool {
        (**self).is_absent()
    }
}

/// Scalars are never absent (see `scalar_elements!` in `write.rs`); nor is `xs:any`
/// content kept as one element.
impl Absent for crate::RawElement {}

/// Declares a complex type: the struct, serde (wire names as keys), `XmlType`
/// and, with `impl Validate;`, the facet checks of a request type.
///
/// Each field is `name: Type = how "wire"`, then `in "namespace"` when the
/// element or attribute is not in the type's namespace, then `[check FACETS]`
/// or `[nested]` for what validation checks. `how` is one of `req` (required
/// element), `opt` (optional or repeated element), `nil` (required nillable
/// element, `Option`), `choice`/`choice_req` (an [`XmlChoice`](crate::XmlChoice)
/// field, optional/repeated or required), `attr`/`attr_req` (attribute), `text`
/// (simple content, after the attributes), `any` (`xs:any` content),
/// `header`/`header_mu` (a SOAP header block, the second sent with
/// `mustUnderstand`).
///
/// After the fields, optional clauses: `read qualified;` (children matched by
/// namespace and name), `read any(field);`/`read qualified_any(field);` (other
/// children kept in the `any` field), `read text;` (simple content);
/// `attributes ["a", "{ns}b"];`, `headers [("ns", "Name")];` (what the type
/// reads); `impl Validate;`, optionally followed by
/// `[first "wire" how <= last "wire" how]` orderings (`how`: `req`, `opt`,
/// `optnil`).
///
/// serde keys are the wire names; absent values ([`Absent`](crate::Absent)) are
/// left out. `Serialize` is serde's derive; `Deserialize` is written by the macro
/// and reads what the derive would (maps and sequences, the same errors) with a
/// fraction of its code. A field may carry `#[serde(default)]` (the generator adds
/// it to repeated fields) or `#[serde(default, deserialize_with =
/// "rt::nil_or_value")]` (to optional nillable ones); any other serde attribute
/// on a field is refused at compile time. The expansion names this crate `rt`
/// inside serde's string attributes, so `rt` must name it where the macro is used
/// (generated code starts with `use … as rt;`).
///
/// ```compile_fail
/// use asmx_runtime as rt;
/// rt::xml_struct! {
///     /// A field with a serde attribute the macro's `Deserialize` would not honour.
///     pub struct Renamed in "urn:example" {
///         /// Refused: the wire name is the serde key.
///         #[serde(alias = "mail")]
///         pub email: Option<String> = opt "sEmail",
///     }
/// }
/// ```
///
/// ```
/// use asmx_runtime as rt;
/// rt::xml_struct! {
///     /// A login.
///     #[derive(Default)]
///     pub struct Login in "urn:example" {
///         /// Wire element `sEmail`.
///         pub email: Option<String> = opt "sEmail",
///         /// Wire element `iTries`.
///         pub tries: i32 = req "iTries",
///     }
///     impl Validate;
/// }
/// let login = Login { email: Some("a@b.c".into()), tries: 1 };
/// let xml = rt::to_xml("login", &login).unwrap();
/// assert_eq!(xml, r#"<login xmlns="urn:example"><sEmail>a@b.c</sEmail><iTries>1</iTries></login>"#);
/// assert_eq!(rt::from_xml::<Login>(&xml).unwrap().0, login);
/// ```
#[macro_export]
macro_rules! xml_struct {
    (
        $(#[$meta:meta])*
        $vis:vis struct $name:ident in $ns:literal {
            $(
                $(#[$($fattr:tt)*])*
                $fvis:vis $f:ident : $ty:ty = $how:ident $wire:literal $(in $fns:literal)? $([$($chk:tt)*])?
            ),* $(,)?
        }
        $(read $read:ident $(($any:ident))?;)?
        $(attributes [$($attr:literal),* $(,)?];)?
        $(headers [$(($hns:literal, $hname:literal)),* $(,)?];)?
        $(impl $validate:ident $([$($a:ident $aw:literal $ak:ident <= $b:ident $bw:literal $bk:ident),* $(,)?])?;)?
    ) => {
        $(#[$meta])*
        #[derive(Clone, PartialEq, Debug, $crate::serde::Serialize)]
        #[serde(crate = "rt::serde")]
        $vis struct $name {
            $(
                $(#[$($fattr)*])*
                #[serde(rename = $wire, skip_serializing_if = "rt::Absent::is_absent")]
                $fvis $f: $ty,
            )*
        }

        impl<'de> $crate::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                $crate::__de::deserialize(deserializer)
            }
        }

        impl<'de> $crate::__de::DeserializeFields<'de> for $name {
            const NAME: &'static str = ::core::stringify!($name);
            const FIELDS: &'static [&'static str] = &[$($wire),*];
            #[allow(unused_variables)] // `key`, in a type without fields
            fn from_fields<F: $crate::__de::Fields<'de>>(
                fields: &mut F,
            ) -> ::core::result::Result<Self, F::Error> {
                #[allow(non_camel_case_types, dead_code)]
                enum Key { $($f),* }
                $(let mut $f = ::core::option::Option::None;)*
                // `?`, not `__tri!`: generic over the format, so no machine code here.
                while let ::core::option::Option::Some(key) = fields.next_field()? {
                    $(if key == Key::$f as usize {
                        $crate::__xml_de!(@value fields, $f, $wire; $([$($fattr)*])*);
                        continue;
                    })*
                }
                ::core::result::Result::Ok(Self {
                    $($f: $crate::__xml_de!(@finish fields, $f, $wire; $([$($fattr)*])*),)*
                })
            }
        }

        impl $crate::Absent for $name {}
        $($crate::__xml_how!($how);)*

        impl $crate::XmlType for $name {
            const NAMESPACE: &'static str = $ns;
            #[allow(unused_variables)]
            fn write_xml(&self, w: &mut $crate::XmlWriter) -> ::core::result::Result<(), $crate::EncodeError> {
                $($crate::__xml_field!(@write w, self, $how, $f, $wire $(, $fns)?);)*
                ::core::result::Result::Ok(())
            }
            #[allow(unused_mut)]
            fn read_xml(r: &mut $crate::XmlReader<'_>) -> ::core::result::Result<Self, $crate::DecodeError> {
                $($crate::__xml_field!(@local r, $how, $f, $wire $(, $fns)?);)*
                $crate::__xml_read_loop!(
                    [$($read $(($any))?)?] r, $ns,
                    $($how $f: $ty = $wire $(, $fns)?;)*
                );
                ::core::result::Result::Ok(Self { $($f: $crate::__xml_field!(@finish r, $how, $f, $ty, $wire),)* })
            }
            $crate::__xml_attributes!([$($($attr),*)?] $($how $f $wire $(, $fns)?;)*);
            $crate::__xml_headers!([$($(($hns, $hname)),*)?] $ns, $($how $f $wire $(, $fns)?;)*);
        }

        $crate::__xml_validate! {
            [$($validate $([$($a $aw $ak <= $b $bw $bk),*])?)?] $name {
                $($how $f $wire [$($($chk)*)?]),*
            }
        }
    };
}

/// Declares an `xs:choice`: an enum with one variant per alternative, its
/// [`XmlChoice`](crate::XmlChoice) and serde impls, and with `impl Validate;`
/// the checks of each alternative.
///
/// Each variant is `Name(Type) = how "wire"` with `how` `one` or `many` (an
/// alternative that repeats, a `Vec`), then `in "namespace"` and
/// `[check FACETS]`/`[nested]` as in [`xml_struct!`](crate::xml_struct).
#[macro_export]
macro_rules! xml_choice {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $(
                $(#[$vmeta:meta])*
                $v:ident($ty:ty) = $how:ident $wire:literal $(in $vns:literal)? $([$($chk:tt)*])?
            ),* $(,)?
        }
        $(impl $validate:ident;)?
    ) => {
        $(#[$meta])*
        #[derive(Clone, PartialEq, Debug, $crate::serde::Serialize, $crate::serde::Deserialize)]
        #[serde(crate = "rt::serde")]
        $vis enum $name {
            $($(#[$vmeta])* #[serde(rename = $wire)] $v($ty),)*
        }

        impl $crate::Absent for $name {}

        impl $crate::XmlChoice for $name {
            const NAMES: &'static [(::core::option::Option<&'static str>, &'static str)] =
                &[$(($crate::__xml_some!($($vns)?), $wire)),*];
            fn write_choice(&self, w: &mut $crate::XmlWriter) -> ::core::result::Result<(), $crate::EncodeError> {
                match self {
                    $(Self::$v(x) => $crate::__xml_field!(@alternative w, x, $wire $(, $vns)?),)*
                }
            }
            fn read_alternative(
                r: &mut $crate::XmlReader<'_>,
                last: ::core::option::Option<&mut Self>,
            ) -> ::core::result::Result<::core::option::Option<Self>, $crate::DecodeError> {
                let _ = &last;
                $($crate::__xml_field!(@read_alternative r, last, $how, $v, $wire);)*
                $crate::__tri!(r.skip_unknown());
                ::core::result::Result::Ok(::core::option::Option::None)
            }
        }

        $crate::__xml_validate_choice! {
            [$($validate)?] $name { $($v $wire [$($($chk)*)?]),* }
        }
    };
}

/// What one field of [`xml_struct!`] contributes to each generated method.
#[doc(hidden)]
#[macro_export]
macro_rules! __xml_field {
    // write_xml: the child elements, in schema order.
    (@write $w:ident, $s:tt, req, $f:ident, $wire:literal) => { $crate::WriteField::write_field(&$s.$f, $wire, $w)?; };
    (@write $w:ident, $s:tt, req, $f:ident, $wire:literal, $ns:literal) => { $w.field_in($ns, $wire, &$s.$f)?; };
    (@write $w:ident, $s:tt, opt, $f:ident, $wire:literal) => { $crate::WriteField::write_field(&$s.$f, $wire, $w)?; };
    (@write $w:ident, $s:tt, opt, $f:ident, $wire:literal, $ns:literal) => { $w.field_in($ns, $wire, &$s.$f)?; };
    (@write $w:ident, $s:tt, any, $f:ident, $wire:literal) => { $crate::WriteField::write_field(&$s.$f, $wire, $w)?; };
    (@write $w:ident, $s:tt, nil, $f:ident, $wire:literal) => { $w.nillable($wire, &$s.$f)?; };
    (@write $w:ident, $s:tt, nil, $f:ident, $wire:literal, $ns:literal) => { $w.nillable_in($ns, $wire, &$s.$f)?; };
    (@write $w:ident, $s:tt, choice, $f:ident, $($rest:tt)*) => { $w.choice(&$s.$f)?; };
    (@write $w:ident, $s:tt, choice_req, $f:ident, $($rest:tt)*) => { $w.choice(&$s.$f)?; };
    (@write $w:ident, $s:tt, text, $f:ident, $($rest:tt)*) => { $w.text_content(&$s.$f)?; };
    (@write $($rest:tt)*) => {};

    // write_attributes.
    (@attribute $w:ident, $s:tt, attr, $f:ident, $wire:literal) => { $w.attribute($wire, &$s.$f)?; };
    (@attribute $w:ident, $s:tt, attr_req, $f:ident, $wire:literal) => { $w.attribute($wire, &$s.$f)?; };
    (@attribute $w:ident, $s:tt, attr, $f:ident, $wire:literal, $ns:literal) => { $w.attribute_in($ns, $wire, &$s.$f)?; };
    (@attribute $w:ident, $s:tt, attr_req, $f:ident, $wire:literal, $ns:literal) => { $w.attribute_in($ns, $wire, &$s.$f)?; };
    (@attribute $($rest:tt)*) => {};

    // write_headers.
    (@header $w:ident, $s:tt, header, $f:ident, $wire:literal) => { $crate::WriteField::write_field(&$s.$f, $wire, $w)?; };
    (@header $w:ident, $s:tt, header, $f:ident, $wire:literal, $ns:literal) => { $w.field_in($ns, $wire, &$s.$f)?; };
    (@header $w:ident, $s:tt, header_mu, $f:ident, $wire:literal) => { $w.must_understand($wire, &$s.$f)?; };
    (@header $w:ident, $s:tt, header_mu, $f:ident, $wire:literal, $ns:literal) => { $w.must_understand_in($ns, $wire, &$s.$f)?; };
    (@header $($rest:tt)*) => {};

    // read_header: the header block whose namespace and name match.
    (@read_header $r:ident, $s:tt, $tns:literal, header, $f:ident, $wire:literal $(, $ns:literal)?) => {
        if $r.current_qualified() == ($crate::__xml_ns!($tns $(, $ns)?).as_bytes(), $wire) {
            return $r.read_into($wire, &mut $s.$f);
        }
    };
    (@read_header $r:ident, $s:tt, $tns:literal, header_mu, $($rest:tt)*) => {
        $crate::__xml_field!(@read_header $r, $s, $tns, header, $($rest)*);
    };
    (@read_header $($rest:tt)*) => {};

    // read_xml, before the children: a local per field; attributes are read
    // from the start tag, simple content last.
    (@local $r:ident, attr, $f:ident, $wire:literal) => { let $f = $crate::__tri!($r.attribute($wire)); };
    (@local $r:ident, attr, $f:ident, $wire:literal, $ns:literal) => { let $f = $crate::__tri!($r.attribute_in($ns, $wire)); };
    (@local $r:ident, attr_req, $f:ident, $wire:literal) => { let $f = $crate::__tri!($r.required_attribute($wire)); };
    (@local $r:ident, attr_req, $f:ident, $wire:literal, $ns:literal) => { let $f = $crate::__tri!($r.required_attribute_in($ns, $wire)); };
    (@local $r:ident, text, $f:ident, $($rest:tt)*) => { let $f = $crate::__tri!($crate::ReadSimple::read_simple($r)); };
    (@local $r:ident, req, $f:ident, $($rest:tt)*) => { let mut $f = ::core::option::Option::None; };
    (@local $r:ident, nil, $f:ident, $($rest:tt)*) => { let mut $f = ::core::option::Option::None; };
    (@local $r:ident, choice_req, $f:ident, $($rest:tt)*) => { let mut $f = ::core::option::Option::None; };
    (@local $r:ident, $how:ident, $f:ident, $($rest:tt)*) => { let mut $f = ::core::default::Default::default(); };

    // read_xml, in the loop over the children: read the child if it is this field's.
    (@arm $q:ident, $r:ident, $e:ident, $tns:literal, req, $f:ident: $ty:ty = $wire:literal $(, $ns:literal)?) => {
        if $crate::__xml_is!($q, $e, $tns, $wire $(, $ns)?) {
            $crate::__tri!($crate::ReadChild::read_once($r, $wire, &mut $f));
            continue;
        }
    };
    (@arm $q:ident, $r:ident, $e:ident, $tns:literal, opt, $f:ident: $ty:ty = $wire:literal $(, $ns:literal)?) => {
        if $crate::__xml_is!($q, $e, $tns, $wire $(, $ns)?) {
            $crate::__tri!($r.read_into($wire, &mut $f));
            continue;
        }
    };
    (@arm $q:ident, $r:ident, $e:ident, $tns:literal, nil, $($rest:tt)*) => {
        $crate::__xml_field!(@arm $q, $r, $e, $tns, opt, $($rest)*);
    };
    (@arm $q:ident, $r:ident, $e:ident, $tns:literal, choice, $f:ident: $ty:ty = $($rest:tt)*) => {
        if $crate::__xml_is_alternative!($q, $e, $tns, $ty) {
            $crate::__tri!($r.read_choice(&mut $f));
            continue;
        }
    };
    (@arm $q:ident, $r:ident, $e:ident, $tns:literal, choice_req, $($rest:tt)*) => {
        $crate::__xml_field!(@arm $q, $r, $e, $tns, choice, $($rest)*);
    };
    (@arm $($rest:tt)*) => {};

    // read_xml, building the value: required fields must have come.
    (@finish $r:ident, req, $f:ident, $ty:ty, $wire:literal) => {
        match $f {
            ::core::option::Option::Some(value) => value,
            ::core::option::Option::None => return ::core::result::Result::Err($r.missing($wire)),
        }
    };
    (@finish $r:ident, choice_req, $f:ident, $ty:ty, $wire:literal) => {
        $crate::__tri!($r.required_choice::<$ty>($f))
    };
    (@finish $r:ident, $how:ident, $f:ident, $ty:ty, $wire:literal) => { $f };

    // XmlChoice::write_choice.
    (@alternative $w:ident, $x:ident, $wire:literal) => { $w.field($wire, $x) };
    (@alternative $w:ident, $x:ident, $wire:literal, $ns:literal) => { $w.field_in($ns, $wire, $x) };

    // XmlChoice::read_alternative: an alternative that repeats adds to the last value.
    (@read_alternative $r:ident, $last:ident, one, $v:ident, $wire:literal) => {
        if $r.current_qualified().1 == $wire {
            return ::core::result::Result::Ok(::core::option::Option::Some(Self::$v($crate::__tri!($crate::ReadChild::read_child($r, $wire)))));
        }
    };
    (@read_alternative $r:ident, $last:ident, many, $v:ident, $wire:literal) => {
        if $r.current_qualified().1 == $wire {
            let item = $crate::__tri!($crate::ReadChild::read_child($r, $wire));
            if let ::core::option::Option::Some(Self::$v(items)) = $last {
                items.push(item);
                return ::core::result::Result::Ok(::core::option::Option::None);
            }
            return ::core::result::Result::Ok(::core::option::Option::Some(Self::$v(::std::vec![item])));
        }
    };

    // Validate: facets, or the nested type's own checks.
    (@validate $v:ident, $s:tt, choice, $f:ident, $wire:literal, [nested]) => {
        $crate::Validate::validate(&$s.$f, $v)?;
    };
    (@validate $v:ident, $s:tt, choice_req, $f:ident, $wire:literal, [nested]) => {
        $crate::Validate::validate(&$s.$f, $v)?;
    };
    (@validate $v:ident, $s:tt, $how:ident, $f:ident, $wire:literal, [nested]) => {
        $v.nested($wire, &$s.$f)?;
    };
    (@validate $v:ident, $s:tt, $how:ident, $f:ident, $wire:literal, [check $facets:path]) => {
        $v.check($wire, &$s.$f, &$facets)?;
    };
    (@validate $v:ident, $s:tt, $how:ident, $f:ident, $wire:literal, []) => {};
    (@validate $v:ident, $s:tt, $how:ident, $f:ident, $wire:literal, [$($other:tt)*]) => {
        ::core::compile_error!(::core::concat!(
            "unknown check `[",
            ::core::stringify!($($other)*),
            "]` on `",
            $wire,
            "`: expected [check FACETS] or [nested]"
        ));
    };
}

/// Refuses a field kind [`xml_struct!`] does not know (the per-method rules would
/// otherwise skip the field silently).
#[doc(hidden)]
#[macro_export]
macro_rules! __xml_how {
    (req) => {};
    (opt) => {};
    (nil) => {};
    (choice) => {};
    (choice_req) => {};
    (attr) => {};
    (attr_req) => {};
    (text) => {};
    (any) => {};
    (header) => {};
    (header_mu) => {};
    ($other:ident) => {
        ::core::compile_error!(::core::concat!(
            "unknown field kind `",
            ::core::stringify!($other),
            "`: expected req, opt, nil, choice, choice_req, attr, attr_req, text, any, header or header_mu"
        ));
    };
}

/// One field's part of [`xml_struct!`]'s `Deserialize` (see `__de`), by the
/// field's serde attributes: none, `#[serde(default)]`, or
/// `#[serde(default, deserialize_with = "rt::nil_or_value")]` (what the generator
/// writes). Any other serde attribute is refused, as it would be ignored.
#[doc(hidden)]
#[macro_export]
macro_rules! __xml_de {
    (@value $s:ident, $f:ident, $wire:literal; [serde(default, deserialize_with = "rt::nil_or_value")] $($rest:tt)*) => {
        $crate::__xml_de!(@check $wire; $($rest)*);
        $s.nil_or_value(&mut $f, $wire)?
    };
    (@finish $s:ident, $f:ident, $wire:literal; [serde(default $(, deserialize_with = "rt::nil_or_value")?)] $($rest:tt)*) => {
        $s.or_default($f)
    };
    (@value $s:ident, $f:ident, $wire:literal; [serde(default)] $($rest:tt)*) => {
        $crate::__xml_de!(@value $s, $f, $wire; $($rest)*)
    };
    (@$step:ident $s:ident, $f:ident, $wire:literal; [serde $($other:tt)*] $($rest:tt)*) => {
        $crate::__xml_de!(@check $wire; [serde $($other)*])
    };
    (@$step:ident $s:ident, $f:ident, $wire:literal; [$($attr:tt)*] $($rest:tt)*) => {
        $crate::__xml_de!(@$step $s, $f, $wire; $($rest)*)
    };
    (@value $s:ident, $f:ident, $wire:literal;) => {
        $s.value(&mut $f, $wire)?
    };
    (@finish $s:ident, $f:ident, $wire:literal;) => {
        $s.required($f, $wire)?
    };
    // Refuses serde attributes among the rest of a field's attributes.
    (@check $wire:literal; [serde $($other:tt)*] $($rest:tt)*) => {
        ::core::compile_error!(::core::concat!(
            "unsupported serde attribute on `",
            $wire,
            "`: xml_struct! fields take #[serde(default)] or ",
            "#[serde(default, deserialize_with = \"rt::nil_or_value\")]"
        ))
    };
    (@check $wire:literal; [$($attr:tt)*] $($rest:tt)*) => {
        $crate::__xml_de!(@check $wire; $($rest)*)
    };
    (@check $wire:literal;) => {};
}

/// The loop over a type's children (`read` mode of [`xml_struct!`]).
#[doc(hidden)]
#[macro_export]
macro_rules! __xml_read_loop {
    ([text] $($rest:tt)*) => {};
    ([] $r:ident, $tns:literal, $($how:ident $f:ident: $ty:ty = $wire:literal $(, $ns:literal)?;)*) => {
        while let ::core::option::Option::Some(element) = $crate::__tri!($r.next_child()) {
            $($crate::__xml_field!(@arm u, $r, element, $tns, $how, $f: $ty = $wire $(, $ns)?);)*
            $crate::__tri!($r.skip_unknown());
        }
    };
    ([qualified] $r:ident, $tns:literal, $($how:ident $f:ident: $ty:ty = $wire:literal $(, $ns:literal)?;)*) => {
        while let ::core::option::Option::Some(element) = $crate::__tri!($r.next_qualified()) {
            $($crate::__xml_field!(@arm q, $r, element, $tns, $how, $f: $ty = $wire $(, $ns)?);)*
            $crate::__tri!($r.skip_unknown());
        }
    };
    ([any($any:ident)] $r:ident, $tns:literal, $($how:ident $f:ident: $ty:ty = $wire:literal $(, $ns:literal)?;)*) => {
        while let ::core::option::Option::Some(element) = $crate::__tri!($r.next_child_or_any(&mut $any)) {
            $($crate::__xml_field!(@arm u, $r, element, $tns, $how, $f: $ty = $wire $(, $ns)?);)*
            $crate::__tri!($r.read_into("*", &mut $any));
        }
    };
    ([qualified_any($any:ident)] $r:ident, $tns:literal, $($how:ident $f:ident: $ty:ty = $wire:literal $(, $ns:literal)?;)*) => {
        while let ::core::option::Option::Some(element) = $crate::__tri!($r.next_qualified()) {
            $($crate::__xml_field!(@arm q, $r, element, $tns, $how, $f: $ty = $wire $(, $ns)?);)*
            $crate::__tri!($r.read_into("*", &mut $any));
        }
    };
}

/// Whether child `$e` is the element `$wire` (of namespace `$ns`, else the type's).
#[doc(hidden)]
#[macro_export]
macro_rules! __xml_is {
    (u, $e:ident, $tns:literal, $wire:literal $(, $ns:literal)?) => { $e == $wire };
    (q, $e:ident, $tns:literal, $wire:literal $(, $ns:literal)?) => {
        $e == ($crate::__xml_ns!($tns $(, $ns)?).as_bytes(), $wire)
    };
}

/// Whether child `$e` is an alternative of the choice held in a `$ty` field.
#[doc(hidden)]
#[macro_export]
macro_rules! __xml_is_alternative {
    (u, $e:ident, $tns:literal, $ty:ty) => {
        <<$ty as $crate::ChoiceField>::Choice as $crate::XmlChoice>::is_alternative($e)
    };
    (q, $e:ident, $tns:literal, $ty:ty) => {
        <<$ty as $crate::ChoiceField>::Choice as $crate::XmlChoice>::is_alternative_in($tns, $e)
    };
}

/// A field's namespace: its own when given, else the type's.
#[doc(hidden)]
#[macro_export]
macro_rules! __xml_ns {
    ($tns:literal) => {
        $tns
    };
    ($tns:literal, $ns:literal) => {
        $ns
    };
}

/// `Some(namespace)` when given, else `None`.
#[doc(hidden)]
#[macro_export]
macro_rules! __xml_some {
    () => {
        ::core::option::Option::None
    };
    ($ns:literal) => {
        ::core::option::Option::Some($ns)
    };
}

/// `XmlType`'s attribute items, for a type with attributes.
#[doc(hidden)]
#[macro_export]
macro_rules! __xml_attributes {
    ([] $($rest:tt)*) => {};
    ([$($attr:literal),+] $($how:ident $f:ident $wire:literal $(, $ns:literal)?;)*) => {
        const ATTRIBUTES: &'static [&'static str] = &[$($attr),+];
        fn write_attributes(&self, w: &mut $crate::XmlWriter) -> ::core::result::Result<(), $crate::EncodeError> {
            $($crate::__xml_field!(@attribute w, self, $how, $f, $wire $(, $ns)?);)*
            ::core::result::Result::Ok(())
        }
    };
}

/// `XmlType`'s SOAP header items, for a message with header blocks.
#[doc(hidden)]
#[macro_export]
macro_rules! __xml_headers {
    ([] $($rest:tt)*) => {};
    ([$($header:tt),+] $tns:literal, $($how:ident $f:ident $wire:literal $(, $ns:literal)?;)*) => {
        const HAS_HEADERS: bool = true;
        const HEADERS: &'static [(&'static str, &'static str)] = &[$($header),+];
        fn write_headers(&self, w: &mut $crate::XmlWriter) -> ::core::result::Result<(), $crate::EncodeError> {
            $($crate::__xml_field!(@header w, self, $how, $f, $wire $(, $ns)?);)*
            ::core::result::Result::Ok(())
        }
        fn read_header(&mut self, r: &mut $crate::XmlReader<'_>) -> ::core::result::Result<(), $crate::DecodeError> {
            $($crate::__xml_field!(@read_header r, self, $tns, $how, $f, $wire $(, $ns)?);)*
            r.skip_unknown()
        }
    };
}

/// `impl Validate` of an [`xml_struct!`], when asked for.
#[doc(hidden)]
#[macro_export]
macro_rules! __xml_validate {
    ([] $($rest:tt)*) => {};
    ([$validate:ident $([$($a:ident $aw:literal $ak:ident <= $b:ident $bw:literal $bk:ident),*])?]
        $name:ident { $($how:ident $f:ident $wire:literal [$($chk:tt)*]),* }) => {
        impl $crate::$validate for $name {
            fn validate(&self, v: &mut $crate::Validator) -> ::core::result::Result<(), $crate::InvalidField> {
                $($crate::__xml_field!(@validate v, self, $how, $f, $wire, [$($chk)*]);)*
                $($(
                    if let (::core::option::Option::Some(a), ::core::option::Option::Some(b)) =
                        ($crate::__xml_present!($ak, self.$a), $crate::__xml_present!($bk, self.$b))
                    {
                        v.check_order($aw, a, $bw, b)?;
                    }
                )*)?
                let _ = v;
                ::core::result::Result::Ok(())
            }
        }
    };
}

/// A field's value for an ordering check, `None` when absent or nil.
#[doc(hidden)]
#[macro_export]
macro_rules! __xml_present {
    (req, $s:tt . $f:ident) => {
        ::core::option::Option::Some(&$s.$f)
    };
    (opt, $s:tt . $f:ident) => {
        $s.$f.as_ref()
    };
    (optnil, $s:tt . $f:ident) => {
        $s.$f.as_ref().and_then(Option::as_ref)
    };
}

/// `impl Validate` of an [`xml_choice!`], when asked for.
#[doc(hidden)]
#[macro_export]
macro_rules! __xml_validate_choice {
    ([] $($rest:tt)*) => {};
    ([$validate:ident] $name:ident { $($v:ident $wire:literal [$($chk:tt)*]),* }) => {
        impl $crate::$validate for $name {
            fn validate(&self, v: &mut $crate::Validator) -> ::core::result::Result<(), $crate::InvalidField> {
                match self {
                    $(Self::$v(x) => $crate::__xml_check_alternative!(v, x, $wire, [$($chk)*]),)*
                }
            }
        }
    };
}

/// The check of one chosen alternative.
#[doc(hidden)]
#[macro_export]
macro_rules! __xml_check_alternative {
    ($v:ident, $x:ident, $wire:literal, [check $facets:path]) => {
        $v.check($wire, $x, &$facets)
    };
    ($v:ident, $x:ident, $wire:literal, [nested]) => {
        $v.nested($wire, $x)
    };
    ($v:ident, $x:ident, $wire:literal, []) => {{
        let _ = $x;
        ::core::result::Result::Ok(())
    }};
}
