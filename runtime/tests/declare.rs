//! The declaration macros on their own, as another service's generated code uses
//! them: fields named like the expansion's own variables (`r`, `w`, `v`,
//! `element`, `last`), the field shapes, an operation and a service answering a
//! request end to end.

use asmx_runtime as rt;
use rt::{SoapVersion, XmlChoice};

/// At most four characters.
pub static CODE: rt::Facets = rt::Facets {
    max_length: Some(4),
    ..rt::Facets::NONE
};

rt::xml_struct! {
    /// A request whose field names are the macro's locals.
    #[derive(Default)]
    pub struct EchoRequest in "urn:echo" {
        /// An attribute of the body element.
        pub v: Option<String> = attr "v",
        /// A required element named like the reader.
        pub r: i32 = req "r",
        /// An optional element with a facet, named like the writer.
        pub w: Option<String> = opt "w" [check CODE],
        /// A repeated element named like the loop's child.
        #[serde(default)]
        pub element: Vec<String> = opt "element",
        /// Optional and nillable, named like a choice's last value.
        #[serde(default, deserialize_with = "rt::nil_or_value")]
        pub last: Option<Option<String>> = opt "last",
        /// A nested type in another namespace.
        pub inner: Option<Inner> = opt "inner" in "urn:other" [nested],
        /// A choice.
        pub pick: Option<Pick> = choice "pick" [nested],
        /// A SOAP header block.
        pub token: Option<Token> = header "Token" in "urn:echo",
    }
    read qualified;
    attributes ["v"];
    headers [("urn:echo", "Token")];
    impl Validate;
}

rt::xml_struct! {
    /// Text with an attribute.
    #[derive(Default)]
    pub struct Inner in "urn:other" {
        /// The unit.
        pub unit: String = attr_req "unit",
        /// The text.
        pub value: i64 = text "#text",
    }
    read text;
    attributes ["unit"];
    impl Validate;
}

rt::xml_choice! {
    /// One of two.
    pub enum Pick {
        /// By number.
        Id(i32) = one "Id",
        /// By name, at most four characters.
        Name(String) = one "Name" [check CODE],
    }
    impl Validate;
}

rt::xml_struct! {
    /// A header block.
    #[derive(Default)]
    pub struct Token in "urn:echo" {
        /// The value.
        pub value: Option<String> = opt "Value",
    }
}

rt::wire_enum! {
    /// Results.
    pub enum Outcome = "Outcome" {
        Ok = "Echo_OK",
        Expired = "Echo_Expired",
    }
}

rt::xml_struct! {
    /// The answer.
    #[derive(Default)]
    pub struct EchoResponse in "urn:echo" {
        /// The result.
        pub result: Outcome = req "EchoResult",
        /// What was sent, plus one.
        pub r: i32 = req "r",
    }
}

rt::operation! {
    impl Operation for EchoRequest {
        type Response = EchoResponse;
        name: "Echo",
        namespace: "urn:echo",
        request_element: "Echo",
        response_element: "EchoResponse",
        soap11_action: Some("urn:echo/Echo"),
        soap12_action: None,
        doc: "Echoes.",
        pace: None,
        secrets: &[],
        request_fields: [
            rt::FieldInfo::new("r", 1, "integer"),
        ],
        headers: [token: Token],
        result: result: Outcome, session_expired: [Expired],
    }
}

rt::service! {
    /// The echo service.
    pub trait EchoService {
        /// `Echo`.
        fn echo(EchoRequest) -> EchoResponse;
    }
}

struct Echo;

impl EchoService for Echo {
    async fn echo(
        &self,
        _ctx: &mut rt::ServerContext,
        request: EchoRequest,
    ) -> Result<EchoResponse, rt::ServerFault> {
        let result = if request.token.is_some() {
            Outcome::Ok
        } else {
            Outcome::Expired
        };
        Ok(EchoResponse {
            result,
            r: request.r + 1,
        })
    }
}

fn request() -> EchoRequest {
    EchoRequest {
        v: Some("a&b".into()),
        r: 41,
        w: Some("w".into()),
        element: vec!["x".into(), "y".into()],
        last: Some(None),
        inner: Some(Inner {
            unit: "kg".into(),
            value: 3,
        }),
        pick: Some(Pick::Name("bob".into())),
        token: Some(Token {
            value: Some("t".into()),
        }),
    }
}

#[tokio::test]
async fn a_declared_service_answers_a_declared_request() {
    let env = rt::soap::encode(&request(), SoapVersion::Soap11).unwrap();
    assert!(
        env.body.contains(
            "<soap:Header xmlns=\"urn:echo\"><Token><Value>t</Value></Token></soap:Header>"
        ),
        "{}",
        env.body
    );
    assert!(
        env.body.contains(
            "<Echo xmlns=\"urn:echo\" v=\"a&amp;b\"><r>41</r><w>w</w><element>x</element>\
             <element>y</element><last xsi:nil=\"true\" \
             xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" /><inner xmlns=\"urn:other\" unit=\"kg\">3</inner>\
             <Name>bob</Name></Echo>"
        ),
        "{}",
        env.body
    );
    // The server side reads it back whole (headers included) and answers.
    let back = rt::decode_request::<EchoRequest>(env.body.as_bytes(), SoapVersion::Soap11).unwrap();
    assert_eq!(*back, request());
    let mut ctx = rt::ServerContext::new(SoapVersion::Soap11, Vec::new());
    let answer = dispatch(&Echo, &mut ctx, env.body.as_bytes())
        .await
        .unwrap();
    let response = rt::soap::decode::<EchoRequest>(answer.as_bytes(), SoapVersion::Soap11).unwrap();
    assert_eq!(response.r, 42);
    assert_eq!(response.result, Outcome::Ok);
    assert!(!<EchoRequest as rt::Operation>::session_expired(&response));
    // Without the header block the service says "expired", which the operation
    // declares as meaning a new login.
    let bare = EchoRequest {
        token: None,
        ..request()
    };
    let env = rt::soap::encode(&bare, SoapVersion::Soap11).unwrap();
    let answer = dispatch(&Echo, &mut ctx, env.body.as_bytes())
        .await
        .unwrap();
    let response = rt::soap::decode::<EchoRequest>(answer.as_bytes(), SoapVersion::Soap11).unwrap();
    assert!(<EchoRequest as rt::Operation>::session_expired(&response));
    // The registry lists the operation; SOAP 1.2 is not bound.
    assert_eq!(OPERATIONS.len(), 1);
    assert_eq!(OPERATIONS[0].meta.name, "Echo");
    assert!(rt::soap::encode(&request(), SoapVersion::Soap12).is_err());
}

#[test]
fn declared_checks_run_before_sending_and_required_fields_are_required() {
    let long = EchoRequest {
        w: Some("too long".into()),
        ..request()
    };
    let err = rt::soap::encode(&long, SoapVersion::Soap11).unwrap_err();
    assert!(err.to_string().contains("field `w`"), "{err}");
    let long_pick = EchoRequest {
        pick: Some(Pick::Name("too long".into())),
        ..request()
    };
    let err = rt::soap::encode(&long_pick, SoapVersion::Soap11).unwrap_err();
    assert!(err.to_string().contains("field `Name`"), "{err}");
    let missing = rt::from_xml::<EchoRequest>("<Echo xmlns=\"urn:echo\"><w>w</w></Echo>");
    assert!(missing.unwrap_err().to_string().contains("r"));
    let twice = rt::from_xml::<EchoRequest>("<Echo xmlns=\"urn:echo\"><r>1</r><r>2</r></Echo>");
    assert!(twice.is_err());
    assert!(Pick::is_alternative("Id") && !Pick::is_alternative("r"));
}

#[test]
fn json_keys_are_wire_names_and_absent_values_are_left_out() {
    let json = serde_json::to_string(&EchoRequest {
        r: 1,
        ..EchoRequest::default()
    })
    .unwrap();
    assert_eq!(json, r#"{"r":1}"#);
    let back: EchoRequest = serde_json::from_str(r#"{"r":1,"last":null}"#).unwrap();
    assert_eq!(back.last, Some(None));
    assert!(serde_json::from_str::<EchoRequest>("{}").is_err());
}

/// Result values are found by their suffix, the prefix being the values' own; a
/// suffix the enum lacks keeps that prefix and becomes `Unknown`.
#[test]
fn result_values_are_found_by_suffix() {
    let values = ["doIt_OK", "doIt_NotLoggedIn", "doIt_InvalidParam_Email"];
    assert_eq!(rt::value_with_suffix(&values, "OK"), "doIt_OK");
    assert_eq!(
        rt::value_with_suffix(&values, "InvalidParam_Email"),
        "doIt_InvalidParam_Email"
    );
    assert_eq!(rt::value_with_suffix(&values, "Gone"), "doIt_Gone");
    assert_eq!(rt::value_with_suffix(&[], "OK"), "_OK");
}

/// A declared enum's `from_suffix` gives the variant, or `Unknown` with the prefix.
#[test]
fn wire_enums_build_result_values_from_suffixes() {
    assert_eq!(Outcome::from_suffix("Expired"), Outcome::Expired);
    assert_eq!(
        Outcome::from_suffix("Busy"),
        Outcome::Unknown("Echo_Busy".into())
    );
}

/// `EchoRequest` as serde's derive reads it (same Rust name: serde's messages
/// give it): the reference the declared `Deserialize` is held to.
mod by_derive {
    use super::{rt, Inner, Pick, Token};

    #[derive(rt::serde::Deserialize)]
    #[serde(crate = "rt::serde")]
    pub struct EchoRequest {
        v: Option<String>,
        r: i32,
        w: Option<String>,
        #[serde(default)]
        element: Vec<String>,
        #[serde(default, deserialize_with = "rt::nil_or_value")]
        last: Option<Option<String>>,
        inner: Option<Inner>,
        pick: Option<Pick>,
        #[serde(rename = "Token")]
        token: Option<Token>,
    }

    impl From<EchoRequest> for super::EchoRequest {
        fn from(d: EchoRequest) -> Self {
            super::EchoRequest {
                v: d.v,
                r: d.r,
                w: d.w,
                element: d.element,
                last: d.last,
                inner: d.inner,
                pick: d.pick,
                token: d.token,
            }
        }
    }
}

/// What a JSON read gave: the value, or the error's message, category and place.
fn outcome<T: Into<EchoRequest>>(
    read: Result<T, serde_json::Error>,
) -> Result<EchoRequest, String> {
    read.map(Into::into)
        .map_err(|e| format!("{e} ({:?} at {}:{})", e.classify(), e.line(), e.column()))
}

/// The declared types' `Deserialize` is written by `xml_struct!`, not serde's
/// derive (whose expansion was a third of a generated crate). Users reading
/// requests from JSON, or from a format that stores structs as sequences, get
/// exactly what the derive gave: values, defaults, and the same errors (message,
/// category, line and column) for missing, duplicate, mistyped and short input.
#[test]
fn declared_deserialize_reads_json_exactly_as_serde_derive_does() {
    let full = serde_json::to_string(&request()).unwrap();
    let inputs = [
        full.as_str(),
        "{}",
        r#"{"r":1}"#,
        r#"{"r":1,"r":2}"#,
        r#"{"r":"one"}"#,
        r#"{"r":1,"last":null}"#,
        r#"{"r":1,"last":"x"}"#,
        r#"{"r":1,"last":null,"last":"x"}"#,
        r#"{"r":1,"unknown":{"deep":[1,{"r":2}]},"v":"a"}"#,
        r#"{"r":1,"element":null}"#,
        r#"{"r":1,"element":["a","b"],"element":[]}"#,
        r#"{"r":1,"Token":{"Value":"t"},"token":5}"#,
        r#"{"r":1,"inner":{"unit":"m"}}"#,
        r#"{"r":1,"pick":{"Id":3}}"#,
        r#"{"r":1"#,
        r#"{"r":1,}"#,
        r#"{"0":1,"1":2}"#,
        r#""text""#,
        "[]",
        "[null,1]",
        r#"[null,1,"w"]"#,
        r#"[null,1,"w",[],null]"#,
        r#"[null,1,"w",[],null,null,null,null]"#,
        r#"[null,1,"w",[],null,null,null,null,9]"#,
        r##"["v",2,null,["e"],"l",{"unit":"g","#text":1},{"Name":"n"},{"Value":"t"}]"##,
    ];
    for json in inputs {
        let ours = outcome(serde_json::from_str::<EchoRequest>(json));
        let derived = outcome(serde_json::from_str::<by_derive::EchoRequest>(json));
        assert_eq!(ours, derived, "{json}");
    }
    // Keys given as field indices or bytes, as some formats write them; other
    // indices are ignored like unknown names.
    use rt::serde::de::value::MapDeserializer;
    use rt::serde::Deserialize;
    use serde_json::{json, Error};
    let by_index =
        MapDeserializer::<_, Error>::new([(3u64, json!(1)), (0, json!("t"))].into_iter());
    let by_bytes = MapDeserializer::<_, Error>::new([(&b"Value"[..], json!("t"))].into_iter());
    for read in [Token::deserialize(by_index), Token::deserialize(by_bytes)] {
        assert_eq!(read.unwrap().value.as_deref(), Some("t"));
    }
}

/// What decoding an answer gave, with the unknown elements kept; errors as text.
fn decoded(doc: &str, version: SoapVersion) -> Result<(EchoResponse, String), String> {
    rt::soap::decode::<EchoRequest>(doc.as_bytes(), version)
        .map(|r| {
            let unknown = format!("{:?}", r.unknown_elements());
            (r.into_inner(), unknown)
        })
        .map_err(|e| e.to_string())
}

/// Answers in the exact envelope ASMX writes are read without tokenizing the
/// envelope (its bytes are compared instead); the result is the same as reading
/// it tag by tag: values, unknown elements kept, faults, and errors with their
/// positions. Malformed content is refused either way.
#[test]
fn an_answer_reads_the_same_with_its_envelope_taken_as_read() {
    for version in [SoapVersion::Soap11, SoapVersion::Soap12] {
        let ok = rt::encode_response::<EchoRequest>(
            &EchoResponse {
                result: Outcome::Ok,
                r: 2,
            },
            version,
        )
        .unwrap();
        let body = |inner: &str| ok.replace(ok_body(&ok), inner);
        let fault = rt::soap::encode_fault(version, rt::FaultSide::Client, "no & way");
        let docs = [
            ok.clone(),
            format!("{ok}\n"),
            body(
                r#"<EchoResponse xmlns="urn:echo"><EchoResult>Echo_OK</EchoResult><r>2</r><later>x</later></EchoResponse><after xmlns="urn:x"><y/></after>"#,
            ),
            body(
                r#"<soap:Fault><faultcode>soap:Client</faultcode><faultstring>x</faultstring></soap:Fault>"#,
            ),
            fault,
            body(
                r#"<e:EchoResponse xmlns:e="urn:echo"><e:EchoResult>Echo_Expired</e:EchoResult><e:r xsi:nil="true"/></e:EchoResponse>"#,
            ),
            body(
                r#"<EchoResponse xmlns="urn:echo"><EchoResult>Echo_OK</EchoResult></EchoResponse>"#,
            ),
            body(r#"<EchoResponse xmlns="urn:other"><r>2</r></EchoResponse>"#),
            body(""),
            body("text"),
            body(r#"<EchoResponse xmlns="urn:echo"><r>1</r><r>2</r></EchoResponse>"#),
        ];
        for doc in &docs {
            let tag_by_tag = doc.replace("</soap:Envelope>", "</soap:Envelope >");
            assert_eq!(
                decoded(doc, version),
                decoded(&tag_by_tag, version),
                "{doc}"
            );
        }
        // Content that does not close what it opens, or closes what it did not.
        for malformed in [
            r#"<EchoResponse xmlns="urn:echo"><EchoResult>Echo_OK</EchoResult><r>2</r>"#,
            r#"<EchoResponse xmlns="urn:echo"><EchoResult>Echo_OK</EchoResult><r>2</r></EchoResponse></soap:Body>"#,
            r#"<EchoResponse xmlns="urn:echo"><EchoResult>Echo_OK</EchoResult><r>2</r></EchoResponse><!--"#,
            r#"<EchoResponse xmlns="urn:echo"><EchoResult>Echo_OK</EchoResult><r>2</r></EchoResponse><x xmlns="urn:x"><![CDATA[</x>"#,
        ] {
            let doc = body(malformed);
            let tag_by_tag = doc.replace("</soap:Envelope>", "</soap:Envelope >");
            for doc in [&doc, &tag_by_tag] {
                let e = decoded(doc, version).unwrap_err();
                assert!(e.contains("malformed XML"), "{doc}: {e}");
            }
        }
    }
}

/// The response element of an answer `encode_response` wrote.
fn ok_body(doc: &str) -> &str {
    let start = doc.find("<EchoResponse").unwrap();
    let end = doc.find("</EchoResponse>").unwrap() + "</EchoResponse>".len();
    &doc[start..end]
}

/// A document that is not all UTF-8 (a stray byte in a comment) is still read
/// when its names and text are: they are then checked one by one. A name or a
/// text that is not UTF-8 is refused, framed or not.
#[test]
fn names_and_text_are_checked_when_the_document_is_not_utf8() {
    let ok = rt::encode_response::<EchoRequest>(
        &EchoResponse {
            result: Outcome::Ok,
            r: 2,
        },
        SoapVersion::Soap11,
    )
    .unwrap();
    let with = |find: &str, put: &[u8]| -> Vec<u8> {
        let at = ok.find(find).unwrap();
        let mut doc = ok.as_bytes().to_vec();
        doc.splice(at..at, put.iter().copied());
        doc
    };
    let stray = with("<EchoResult>", b"<!-- \xFF -->");
    let read = rt::soap::decode::<EchoRequest>(&stray, SoapVersion::Soap11).unwrap();
    assert_eq!((read.result.clone(), read.r), (Outcome::Ok, 2));
    for bad in [with("Result>Echo_OK", b"\xFF"), with("Echo_OK", b"\xC3")] {
        let e = rt::soap::decode::<EchoRequest>(&bad, SoapVersion::Soap11).unwrap_err();
        assert!(
            e.to_string().contains("UTF-8") || e.to_string().contains("utf-8"),
            "{e}"
        );
    }
}

/// An attribute the type does not declare is reported beside namespace
/// declarations in plain form, and not when the tag has declarations only.
#[test]
fn undeclared_attributes_are_reported_beside_namespace_declarations() {
    let (inner, unknown) = rt::from_xml::<Inner>(
        r#"<inner xmlns="urn:other" xmlns:o="urn:o" unit="kg" o:odd="1">5</inner>"#,
    )
    .unwrap();
    assert_eq!((inner.unit.as_str(), inner.value), ("kg", 5));
    let reported: Vec<_> = unknown
        .iter()
        .map(|u| (u.namespace.as_str(), u.name.as_str()))
        .collect();
    assert_eq!(reported, [("urn:o", "@odd")]);
    let (_, unknown) =
        rt::from_xml::<Token>(r#"<t xmlns="urn:echo" xmlns:o="urn:o"><Value>v</Value></t>"#)
            .unwrap();
    assert!(unknown.is_empty(), "{unknown:?}");
}

rt::xml_struct! {
    /// Fields named like the `Deserialize` expansion's own names.
    #[derive(Default)]
    pub struct LikeExpansion in "urn:echo" {
        /// Named like the field source.
        pub fields: Option<String> = opt "fields",
        /// Named like the key.
        pub key: Option<i32> = opt "key",
        /// A raw identifier.
        pub r#type: Option<String> = opt "type",
    }
}

/// The declared `Deserialize` reads fields whatever they are named.
#[test]
fn declared_deserialize_reads_fields_named_like_its_own_locals() {
    let v: LikeExpansion = serde_json::from_str(r#"{"fields":"a","key":2,"type":"t"}"#).unwrap();
    assert_eq!(
        (v.fields.as_deref(), v.key, v.r#type.as_deref()),
        (Some("a"), Some(2), Some("t"))
    );
}

rt::xml_struct! {
    /// A type without fields, like a request without parameters.
    #[derive(Default)]
    pub struct Nothing in "urn:echo" {}
}

/// A type without fields reads from an empty map or sequence, ignores other keys,
/// and refuses anything else.
#[test]
fn a_type_without_fields_deserializes_like_the_derive() {
    for json in ["{}", "[]", r#"{"x":1}"#] {
        assert_eq!(serde_json::from_str::<Nothing>(json).unwrap(), Nothing {});
    }
    let e = serde_json::from_str::<Nothing>("3").unwrap_err();
    assert!(e.to_string().contains("expected struct Nothing"), "{e}");
}
