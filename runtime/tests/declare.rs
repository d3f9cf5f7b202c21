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
