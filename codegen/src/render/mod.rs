//! Emits Rust for a [`Model`]: the file's head (namespace, secrets, meanings,
//! facets), the declarations of its types, operations and service
//! ([`declarations`]), and the client methods.

mod declarations;
mod modules;

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use crate::model::{FacetSet, FieldType, Model, Occurs, Scalar, TypeDef};
use crate::overlay::{Overlay, Pace};
use declarations::{operation_text, request_side, service_text, type_text};

/// What the emitter needs besides the model.
pub(crate) struct RenderOptions<'a> {
    /// Path of the runtime module, e.g. `::logmein_rescue::runtime`.
    pub runtime: &'a str,
    /// Type to receive one async method per operation, if any.
    pub client: Option<&'a str>,
    /// Type to receive one blocking method per operation, if any.
    pub blocking_client: Option<&'a str>,
    /// Wire names whose values are secrets (redacted in `Debug`).
    pub secret_fields: &'a [String],
    /// Operations without a generated client method.
    pub skip_methods: &'a [String],
    /// Wire name of the per-call credential field.
    pub auth_field: Option<&'a str>,
    /// Shown in the `@generated` header.
    pub source_name: &'a str,
    /// Client-side rules: meanings and session expiry.
    pub overlay: &'a Overlay,
    /// Each operation's pacing, by index in `Model::operations`.
    pub paces: &'a [Option<Pace>],
    /// Public path of the generated module (`logmein_rescue::api`), for compiled
    /// examples in method docs; `None`: no examples.
    pub doc_path: Option<&'a str>,
}

fn path(p: &str) -> TokenStream {
    p.parse().unwrap_or_else(|_| quote!(crate))
}

/// The generated code: a head, one module per operation (and one of shared
/// types), and a tail (service, client methods), each formatted.
pub(crate) struct Rendered {
    /// The `@generated` line.
    header: String,
    /// Constants, meanings and facets.
    head: String,
    /// The modules, in order.
    modules: Vec<(modules::Module, String)>,
    /// The service declaration and the client methods.
    tail: String,
}

impl Rendered {
    /// The whole code as one file, each module written inline.
    pub(crate) fn single_file(&self) -> String {
        self.join(|module, body| module_text(module, &format!("\n{}", indent(body))))
    }

    /// The code as a file and one file per module, which the file includes from
    /// the folder `dir` beside it: `(top file, [(file name in dir, text)])`.
    /// A WSDL edit then moves no line of the other modules, so their code keeps
    /// its panic locations and debug lines, and rustc reuses it.
    pub(crate) fn split(&self, dir: &str) -> (String, Vec<(String, String)>) {
        let top = self.join(|module, _| {
            module_text(
                module,
                &format!("    include!(\"{dir}/{}.rs\");\n", module.name),
            )
        });
        let files = self
            .modules
            .iter()
            .map(|(module, body)| {
                (
                    format!("{}.rs", module.name),
                    format!("{}{body}", self.header),
                )
            })
            .collect();
        (top, files)
    }

    fn join(&self, module: impl Fn(&modules::Module, &str) -> String) -> String {
        let mut parts = vec![self.head.clone()];
        parts.extend(self.modules.iter().map(|(m, body)| module(m, body)));
        parts.push(self.tail.clone());
        format!("{}{}", self.header, parts.join("\n"))
    }
}

/// Renders the code as formatted Rust.
pub(crate) fn render(model: &Model, opts: &RenderOptions) -> Result<Rendered, String> {
    let runtime = path(opts.runtime);
    let rt = quote!(rt);
    let ns = &model.target_namespace;
    let service_doc = format!(" Target namespace of the `{}` service.", model.service);
    let service_name = &model.service;
    let facets = model.facets.iter().map(|f| render_facets(f, &rt));
    let request_types = request_side(model);
    // One module per operation (see `modules`); in it, the operation's impls
    // follow its response type, so one operation reads in one place.
    let mut modules = Vec::new();
    for module in modules::layout(model) {
        let mut items = Vec::new();
        for &i in &module.types {
            items.push(type_text(model, i, opts, &request_types));
            for (n, op) in model.operations.iter().enumerate() {
                if op.response == i {
                    items.push(operation_text(model, op, n, opts));
                }
            }
        }
        modules.push((module, items.join("\n")));
    }
    let methods = opts
        .client
        .map(|c| render_methods(model, c, &rt, true, opts));
    let blocking = opts
        .blocking_client
        .map(|c| render_methods(model, c, &rt, false, opts));
    let secrets = opts.secret_fields;
    let meanings = render_meanings(model, opts.overlay);
    let head = quote! {
        #[allow(unused_imports)]
        use #runtime as rt;
        #[doc = #service_doc]
        pub const NAMESPACE: &str = #ns;
        /// The service's name in the WSDL (`<wsdl:service name=…>`).
        pub const SERVICE: &str = #service_name;
        /// Wire names of the elements whose values are secrets (masked in logs).
        pub const SECRET_ELEMENTS: &[&str] = &[#(#secrets),*];
        #meanings
        #(#facets)*
    };
    let tail = quote!(#methods #blocking);
    Ok(Rendered {
        header: format!(
            "// @generated by rescue-codegen from {}. Do not edit: change the WSDL and rebuild.\n\n",
            opts.source_name,
        ),
        head: format_items(head)?,
        modules,
        tail: match format_items(tail)? {
            methods if methods.is_empty() => service_text(model),
            methods => format!("{}\n{methods}", service_text(model)),
        },
    })
}

/// Formats items one by one, a blank line between them. Declarations are laid
/// out by `declarations` instead (prettyplease would put a macro's body on one
/// line); nothing formatted is edited afterwards.
fn format_items(tokens: TokenStream) -> Result<String, String> {
    let file: syn::File =
        syn::parse2(tokens).map_err(|e| format!("generated code does not parse: {e}"))?;
    let parts: Vec<String> = file
        .items
        .into_iter()
        .map(|item| {
            prettyplease::unparse(&syn::File {
                shebang: None,
                attrs: Vec::new(),
                items: vec![item],
            })
        })
        .collect();
    Ok(parts.join("\n"))
}

/// `mod name { use super::*; <content> } pub use name::*;`: the module's items
/// are re-exported, so that their paths stay `api::Name`.
fn module_text(module: &modules::Module, content: &str) -> String {
    format!(
        "/// {}\nmod {name} {{\n    use super::*;\n{content}}}\npub use {name}::*;\n",
        module.about,
        name = module.name
    )
}

/// Indents laid-out items by one level, for a module written inline.
fn indent(items: &str) -> String {
    let mut out = String::with_capacity(items.len() + items.len() / 8);
    for line in items.lines() {
        if !line.is_empty() {
            out.push_str("    ");
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

fn render_facets(f: &FacetSet, rt: &TokenStream) -> TokenStream {
    let name = format_ident!("{}", f.rust_name);
    let doc = format!(" Facets of the simple type `{}`.", f.wire_name);
    let mut parts = Vec::new();
    let fx = &f.facets;
    if let Some(v) = fx.min_length {
        let v = Literal::usize_unsuffixed(v);
        parts.push(quote!(min_length: Some(#v),));
    }
    if let Some(v) = fx.max_length {
        let v = Literal::usize_unsuffixed(v);
        parts.push(quote!(max_length: Some(#v),));
    }
    let mut patterns_static = None;
    if !fx.patterns.is_empty() {
        let p = &fx.patterns;
        let n = p.len();
        let pname = format_ident!("{}_PATTERNS", f.rust_name);
        let pdoc = format!(" Patterns of the simple type `{}`.", f.wire_name);
        patterns_static = Some(quote! {
            #[doc = #pdoc]
            pub static #pname: [#rt::Pattern; #n] = [#(#rt::Pattern::new(#p)),*];
        });
        parts.push(quote!(patterns: &#pname,));
    }
    for (field, bound) in [("min", fx.min), ("max", fx.max)] {
        if let Some((v, inclusive)) = bound {
            let field = format_ident!("{field}");
            let v = Literal::f64_unsuffixed(v);
            parts.push(quote!(#field: Some((#v, #inclusive)),));
        }
    }
    if let Some(v) = fx.total_digits {
        let v = Literal::usize_unsuffixed(v);
        parts.push(quote!(total_digits: Some(#v),));
    }
    if let Some(v) = fx.fraction_digits {
        let v = Literal::usize_unsuffixed(v);
        parts.push(quote!(fraction_digits: Some(#v),));
    }
    quote! {
        #patterns_static
        #[doc = #doc]
        pub static #name: #rt::Facets = #rt::Facets { #(#parts)* ..#rt::Facets::NONE };
    }
}

/// A method's docs: what the operation does (WSDL, then overlay), its pacing,
/// every result value with its meaning, and (with a doc path) a compiled example.
fn method_docs(
    model: &Model,
    index: usize,
    client: &str,
    is_async: bool,
    opts: &RenderOptions,
) -> TokenStream {
    let op = &model.operations[index];
    let mut lines = vec![format!("Calls `{}`.", op.wire_name)];
    lines.extend(
        op.doc
            .iter()
            .flat_map(|d| d.lines())
            .map(|l| l.trim().to_owned()),
    );
    if let Some(extra) = opts.overlay.docs.get(&op.wire_name) {
        lines.push(String::new());
        lines.extend(extra.lines().map(|l| l.trim().to_owned()));
    }
    if let Some(p) = opts.paces.get(index).and_then(Option::as_ref) {
        lines.push(String::new());
        lines.push(format!(
            "Paced: at most {} call(s) per {} s, shared by the `{}` group (see `Pacing`).",
            p.calls,
            p.per_ms as f64 / 1000.0,
            p.group
        ));
    }
    if let Some((_, TypeDef::Enum { variants, .. })) =
        op.result_field.as_ref().map(|(_, i)| (i, &model.types[*i]))
    {
        lines.push(String::new());
        lines.push(
            "Result values (`.ok()?` turns any but the OK one into `Error::Rejected`):".into(),
        );
        lines.push(String::new());
        for (_, wire, _) in variants {
            match opts.overlay.meaning(wire) {
                Some(m) => lines.push(format!("* `{wire}`: {m}")),
                None => lines.push(format!("* `{wire}`")),
            }
        }
    }
    if let Some(api) = opts.doc_path {
        let krate = api.split("::").next().unwrap_or(api);
        let client = client.replacen("crate", krate, 1);
        let req = model.types[op.request].rust_name();
        let mut fill = String::new();
        if let TypeDef::Struct { fields, .. } = &model.types[op.request] {
            for f in fields.iter().filter(|f| f.occurs == Occurs::Required) {
                let min = f.facets.and_then(|i| model.facets[i].facets.min);
                let integer = matches!(
                    f.ty,
                    FieldType::Scalar(
                        Scalar::I8
                            | Scalar::I16
                            | Scalar::I32
                            | Scalar::I64
                            | Scalar::U8
                            | Scalar::U16
                            | Scalar::U32
                            | Scalar::U64
                    )
                );
                if let (Some((min, inclusive)), true) = (min, integer) {
                    let least = if inclusive { min } else { min.floor() + 1.0 };
                    fill.push_str(&format!("{}: {}, ", f.rust_name, least as i64));
                }
            }
        }
        let (call, wait) = if is_async {
            ("async fn", ".await?")
        } else {
            ("fn", "?")
        };
        lines.push(String::new());
        lines.push("# Example".into());
        lines.push(String::new());
        lines.push("```no_run".into());
        lines.push(format!(
            "# {call} example(client: &{client}) -> Result<(), {krate}::Error> {{"
        ));
        lines.push(format!(
            "let request = {api}::{req} {{ {fill}..Default::default() }};"
        ));
        lines.push(format!(
            "let response = client.{}(request){wait}.ok()?;",
            op.method
        ));
        lines.push("# let _ = response; Ok(()) }".into());
        lines.push("```".into());
    }
    let lines = lines.iter().map(|l| {
        if l.is_empty() {
            String::new()
        } else {
            format!(" {l}")
        }
    });
    quote!(#(#[doc = #lines])*)
}

fn render_methods(
    model: &Model,
    client_path: &str,
    rt: &TokenStream,
    is_async: bool,
    opts: &RenderOptions,
) -> TokenStream {
    let client = path(client_path);
    let methods = model.operations.iter().enumerate().filter(|(_, op)| !opts.skip_methods.contains(&op.wire_name)).map(|(index, op)| {
        let method = format_ident!("{}", op.method);
        let req = format_ident!("{}", model.types[op.request].rust_name());
        let resp = format_ident!("{}", model.types[op.response].rust_name());
        let doc = method_docs(model, index, client_path, is_async, opts);
        if is_async {
            quote! {
                #doc
                pub async fn #method(&self, request: #req) -> Result<#rt::Response<#resp>, #rt::Error> {
                    self.call(request).await
                }
            }
        } else {
            quote! {
                #doc
                pub fn #method(&self, request: #req) -> Result<#rt::Response<#resp>, #rt::Error> {
                    self.call(request)
                }
            }
        }
    });
    quote! {
        impl #client { #(#methods)* }
    }
}

/// `OPERATIONS`: every operation's metadata and erased entry points, WSDL order.
/// `MEANINGS` (the overlay's meanings that some result value uses) and
/// `result_meaning`, which looks a value up in it.
fn render_meanings(model: &Model, overlay: &Overlay) -> TokenStream {
    let used = overlay.used_meanings(model);
    let rows = used.iter().map(|(key, meaning)| quote!((#key, #meaning)));
    quote! {
        /// What result values mean (the overlay's `meanings`): by whole value, or by
        /// the part after the first `_`.
        pub static MEANINGS: &[(&str, &str)] = &[#(#rows),*];
        /// What a result value of any operation means.
        pub fn result_meaning(value: &str) -> Option<&'static str> {
            rt::meaning_in(MEANINGS, value)
        }
    }
}
