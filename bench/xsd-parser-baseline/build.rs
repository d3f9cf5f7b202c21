//! Generates xsd-parser's own quick-xml code for the schema embedded in the WSDL.

use std::path::Path;

fn main() {
    let wsdl_path = Path::new("../../wsdl/API.asmx.wsdl");
    println!("cargo:rerun-if-changed={}", wsdl_path.display());
    let text = std::fs::read_to_string(wsdl_path).expect("the WSDL");
    let wsdl = rescue_codegen::wsdl::parse(wsdl_path, &text).expect("a WSDL");
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR"));
    let schema = out.join("API.xsd");
    std::fs::write(&schema, &wsdl.schemas[0].text).expect("write the schema");
    let config = xsd_parser::Config::default()
        .with_schema(xsd_parser::config::Schema::File(schema))
        .with_quick_xml()
        .with_generate(
            wsdl.operations
                .iter()
                .flat_map(|op| {
                    [
                        (xsd_parser::IdentType::Element, format!("tns:{}", op.name)),
                        (xsd_parser::IdentType::Element, format!("tns:{}Response", op.name)),
                    ]
                })
                .collect::<Vec<_>>(),
        );
    let code = xsd_parser::generate(config).expect("xsd-parser generates");
    std::fs::write(out.join("xsd_parser_api.rs"), code.to_string()).expect("write code");
}
