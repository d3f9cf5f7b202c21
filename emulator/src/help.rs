//! The service's HTML help pages, as ASMX serves them: `GET /API/API.asmx` lists
//! the operations, `GET /API/API.asmx?op=NAME` shows one with sample SOAP 1.1 and
//! 1.2 requests addressed to this emulator. Built from the generated registry.

use logmein_rescue::api;
use logmein_rescue::runtime::OperationEntry;

/// `&`, `<`, `>` and `"` as HTML entities.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

fn page(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{}</title></head><body>{body}</body></html>",
        escape(title)
    )
}

/// The service page: every operation, linked to its own page.
pub fn service_page(service: &str) -> String {
    let mut body = format!(
        "<h1>{}</h1><p>The following operations are supported. For a formal definition, see the <a href=\"?WSDL\">Service Description</a>.</p><ul>",
        escape(service)
    );
    for entry in api::OPERATIONS {
        let name = escape(entry.meta.name);
        body.push_str(&format!("<li><a href=\"?op={name}\">{name}</a>"));
        if !entry.meta.doc.is_empty() {
            body.push_str(&format!("<br>{}", escape(entry.meta.doc)));
        }
        body.push_str("</li>");
    }
    body.push_str("</ul>");
    page(service, &body)
}

/// One operation's page, or `None` for a name the service does not have.
pub fn operation_page(name: &str, url: &str, path: &str, host: &str) -> Option<String> {
    let entry: &OperationEntry = api::OPERATIONS.iter().find(|o| o.meta.name == name)?;
    let meta = entry.meta;
    let mut children = String::new();
    for f in entry.request_fields {
        // The type in words comes first (`string, maxLength 64` → `string`).
        let placeholder = f.about.split(',').next().unwrap_or("string").trim();
        children.push_str(&format!("\n      <{0}>{1}</{0}>", f.wire, placeholder));
    }
    let request = |prefix: &str, ns: &str| {
        format!(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<{prefix}:Envelope xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" xmlns:{prefix}=\"{ns}\">\n  <{prefix}:Body>\n    <{el} xmlns=\"{tns}\">{children}\n    </{el}>\n  </{prefix}:Body>\n</{prefix}:Envelope>",
            el = meta.request_element,
            tns = meta.namespace,
        )
    };
    let mut body = format!(
        "<p><a href=\"{}\">Click here</a> for a complete list of operations.</p><h2>{}</h2>",
        escape(url),
        escape(meta.name)
    );
    if !meta.doc.is_empty() {
        body.push_str(&format!("<p>{}</p>", escape(meta.doc)));
    }
    if let Some(action) = meta.soap11_action {
        let head = format!(
            "POST {path} HTTP/1.1\nHost: {host}\nContent-Type: text/xml; charset=utf-8\nContent-Length: length\nSOAPAction: \"{action}\"\n\n"
        );
        body.push_str("<h3>SOAP 1.1</h3><pre>");
        body.push_str(&escape(
            &(head + &request("soap", "http://schemas.xmlsoap.org/soap/envelope/")),
        ));
        body.push_str("</pre>");
    }
    if meta.soap12_action.is_some() {
        let head = format!(
            "POST {path} HTTP/1.1\nHost: {host}\nContent-Type: application/soap+xml; charset=utf-8\nContent-Length: length\n\n"
        );
        body.push_str("<h3>SOAP 1.2</h3><pre>");
        body.push_str(&escape(
            &(head + &request("soap12", "http://www.w3.org/2003/05/soap-envelope")),
        ));
        body.push_str("</pre>");
    }
    Some(page(meta.name, &body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_operation_has_a_page_with_its_fields_and_this_address() {
        let list = service_page("API");
        for entry in api::OPERATIONS {
            assert!(list.contains(&format!("?op={}\"", entry.meta.name)));
            let page = operation_page(
                entry.meta.name,
                "http://127.0.0.1:9/API/API.asmx",
                "/API/API.asmx",
                "127.0.0.1:9",
            )
            .expect("a page");
            assert!(page.contains("Host: 127.0.0.1:9"), "{page}");
            for f in entry.request_fields {
                assert!(
                    page.contains(&format!("&lt;{}&gt;", f.wire)),
                    "{}",
                    entry.meta.name
                );
            }
        }
        assert!(operation_page("nope", "", "", "").is_none());
    }
}
