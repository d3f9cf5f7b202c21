//! Generates compact, typed Rust from a WSDL 1.1 document/literal file, as ASP.NET's
//! ASMX services publish them (`Service.asmx?WSDL`).
//!
//! The WSDL layer (messages, port types, SOAP 1.1/1.2 bindings, services) is read here;
//! the XML Schemas in `<types>` are read and resolved by [`xsd_parser`]; the Rust is
//! emitted with `quote` and formatted with `prettyplease`. The generated code targets the
//! runtime of the `logmein-rescue` crate (`logmein_rescue::runtime`).
//!
//! Use it from a build script:
//!
//! ```no_run
//! // in build.rs's main():
//! if let Err(e) = rescue_codegen::Config::new().compile("wsdl/Service.asmx.wsdl", "service.rs") {
//!     println!("cargo::error={e}");
//!     std::process::exit(1);
//! }
//! ```
//! and in the crate: `include!(concat!(env!("OUT_DIR"), "/service.rs"));`.
//!
//! What the schema may use, as ASMX and svcutil-era services write it: sequences
//! (nested, arrays with `nillable` items, `complexContent` extensions), a
//! `<choice>` that occurs once (optional fields and a generated exactly/at-most
//! one check), `xs:attribute`s and `simpleContent` (a value with attributes),
//! `xs:list` (typed items), enumerations (an `Unknown` variant keeps new values),
//! facets, `xs:any` and a DataSet's `ref="s:schema"` (raw XML, in order),
//! `elementFormDefault` qualified or not, SOAP headers (per call, or per client
//! with `ClientBuilder::default_header`), and imported or included schemas.
//! Refused with a located error naming what is supported instead: rpc/encoded
//! bindings, a repeated `<choice>`, mixed text content, substitution groups.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod diff;
mod error;
pub mod model;
mod naming;
pub mod overlay;
mod render;
mod schema;
pub mod wsdl;

use std::path::{Path, PathBuf};

pub use error::Error;
pub use overlay::Overlay;

/// Settings for one generation run, in the spirit of `prost_build::Config`.
#[derive(Debug, Clone)]
pub struct Config {
    runtime: String,
    client: Option<String>,
    blocking_client: Option<String>,
    strip_hungarian: bool,
    secret_fields: Vec<String>,
    skip_methods: Vec<String>,
    auth_field: Option<String>,
    overlay: Option<PathBuf>,
    doc_path: Option<String>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            runtime: "::logmein_rescue::runtime".into(),
            client: None,
            blocking_client: None,
            strip_hungarian: false,
            secret_fields: Vec::new(),
            skip_methods: Vec::new(),
            auth_field: None,
            overlay: None,
            doc_path: None,
        }
    }
}

impl Config {
    /// The defaults: runtime at `::logmein_rescue::runtime`, wire names kept as
    /// snake case, no per-operation client methods.
    pub fn new() -> Self {
        Self::default()
    }

    /// Path of the runtime module the generated code uses (`crate::runtime` inside
    /// the runtime crate itself).
    pub fn runtime_path(mut self, path: impl Into<String>) -> Self {
        self.runtime = path.into();
        self
    }

    /// Emits `impl <path> { pub async fn <operation>(…) }`, one method per operation.
    /// The type must be local to the crate that includes the generated file and have
    /// an async `call` method (as `logmein_rescue::Client` does).
    pub fn client_methods(mut self, type_path: impl Into<String>) -> Self {
        self.client = Some(type_path.into());
        self
    }

    /// Like [`client_methods`](Self::client_methods), for a blocking client with a
    /// synchronous `call`.
    pub fn blocking_client_methods(mut self, type_path: impl Into<String>) -> Self {
        self.blocking_client = Some(type_path.into());
        self
    }

    /// The public path of the generated module (`logmein_rescue::api`): client
    /// methods then carry a compiled (`no_run`) example each.
    pub fn doc_examples(mut self, module_path: impl Into<String>) -> Self {
        self.doc_path = Some(module_path.into());
        self
    }

    /// Drops a one-letter Hungarian prefix from field names (`sAuthCode` → `auth_code`,
    /// `iPINCode` → `pin_code`). Wire names do not change.
    pub fn strip_hungarian_prefixes(mut self, on: bool) -> Self {
        self.strip_hungarian = on;
        self
    }

    /// Wire names of elements whose values are secrets: structs holding them get a
    /// `Debug` that prints `<redacted>` instead of the value.
    pub fn secret_fields<I, S>(mut self, names: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.secret_fields.extend(names.into_iter().map(Into::into));
        self
    }

    /// Operations (wire names) that get no generated client method, because the
    /// client writes a friendlier one by hand.
    pub fn skip_client_methods<I, S>(mut self, operations: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.skip_methods
            .extend(operations.into_iter().map(Into::into));
        self
    }

    /// Wire name of an optional string element that carries a per-call credential
    /// (`sAuthCode`): requests that have it expose it through
    /// `Operation::auth_code_mut`, so a client can fill it in.
    pub fn auth_field(mut self, wire_name: impl Into<String>) -> Self {
        self.auth_field = Some(wire_name.into());
        self
    }

    /// Reads the service's client-side rules from an overlay file beside the WSDL
    /// (see [`overlay`]): secret fields, the credential field, pacing, result
    /// meanings, session expiry. Its secret fields add to
    /// [`secret_fields`](Self::secret_fields); [`auth_field`](Self::auth_field)
    /// wins over its `auth_field`. Without an overlay, none of these rules apply.
    pub fn overlay(mut self, path: impl Into<PathBuf>) -> Self {
        self.overlay = Some(path.into());
        self
    }

    fn read_overlay(&self) -> Result<Overlay, Error> {
        let Some(path) = &self.overlay else {
            return Ok(Overlay::default());
        };
        let text = std::fs::read_to_string(path)
            .map_err(|e| Error::new(path, format!("expected a readable UTF-8 file: {e}")))?;
        Overlay::parse(path, &text)
    }

    /// Reads `text` (named `file` in errors) into the generator's model.
    pub fn model(&self, file: &Path, text: &str) -> Result<model::Model, Error> {
        let wsdl = wsdl::parse(file, text)?;
        if wsdl.operations.is_empty() {
            return Err(Error::new(
                file,
                "expected at least one operation bound by a SOAP 1.1 or SOAP 1.2 binding",
            ));
        }
        let naming = schema::NamingOptions {
            strip_hungarian: self.strip_hungarian,
        };
        // Shapes xsd-parser is known to trip over are refused before (wsdl.rs);
        // any other panic inside it still becomes a located error, not a crash.
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            schema::build(file, &wsdl, naming)
        }))
        .unwrap_or_else(|panic| {
            let what = panic
                .downcast_ref::<String>()
                .map(String::as_str)
                .or_else(|| panic.downcast_ref::<&str>().copied())
                .unwrap_or("no message");
            let what: String = what.lines().next().unwrap_or("").chars().take(200).collect();
            Err(Error::new(
                file,
                format!("expected a schema xsd-parser can interpret; it failed inside ({what}): check the types of <types>"),
            )
            .at(wsdl.schemas.first().map(|s| s.position)))
        })
    }

    /// Generates formatted Rust for a WSDL given as text; `file` names it in errors.
    pub fn generate_str(&self, file: &Path, text: &str) -> Result<String, Error> {
        self.generate_with_notes(file, text)
            .map(|(code, _)| code.single_file())
    }

    /// The code, and what the overlay names that the WSDL lacks (build warnings).
    fn generate_with_notes(
        &self,
        file: &Path,
        text: &str,
    ) -> Result<(render::Rendered, Vec<String>), Error> {
        let overlay = self.read_overlay()?;
        let mut model = self.model(file, text)?;
        let overlay_file = self.overlay.as_deref().unwrap_or(file);
        overlay.apply(overlay_file, &mut model)?;
        let paces = overlay.paces(overlay_file, &model)?;
        let notes = overlay.unmatched(&model);
        let mut secret_fields = self.secret_fields.clone();
        for f in &overlay.secret_fields {
            if !secret_fields.contains(f) {
                secret_fields.push(f.clone());
            }
        }
        let mut skip_methods = self.skip_methods.clone();
        skip_methods.extend(overlay.skip_client_methods.iter().cloned());
        let auth_field = self.auth_field.as_deref().or(overlay.auth_field.as_deref());
        if let Some(auth) = auth_field {
            if !secret_fields.iter().any(|f| f == auth) {
                // The credential is a secret: typed `Secret`, as `auth_code_mut` needs.
                secret_fields.push(auth.to_owned());
            }
        }
        let source_name = file.file_name().map_or_else(
            || file.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        render::render(
            &model,
            &render::RenderOptions {
                runtime: &self.runtime,
                client: self.client.as_deref(),
                blocking_client: self.blocking_client.as_deref(),
                secret_fields: &secret_fields,
                skip_methods: &skip_methods,
                auth_field,
                source_name: &source_name,
                overlay: &overlay,
                paces: &paces,
                doc_path: self.doc_path.as_deref(),
            },
        )
        .map(|code| (code, notes))
        .map_err(|m| Error::new(file, m))
    }

    /// Generates formatted Rust for the WSDL file at `wsdl`.
    pub fn generate_file(&self, wsdl: impl AsRef<Path>) -> Result<String, Error> {
        self.generate_file_with_notes(wsdl.as_ref())
            .map(|(code, _)| code.single_file())
    }

    fn generate_file_with_notes(
        &self,
        path: &Path,
    ) -> Result<(render::Rendered, Vec<String>), Error> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| Error::new(path, format!("expected a readable UTF-8 file: {e}")))?;
        self.generate_with_notes(path, &text)
    }

    /// For build scripts: generates `wsdl` into `$OUT_DIR/<out_name>` and tells Cargo to
    /// rerun when the WSDL changes. Returns the written path.
    ///
    /// The code is [`Config::generate_file`]'s, with each module in a file of its
    /// own in the folder beside it (`service.rs` includes `service/op_login.rs`, …):
    /// after a WSDL edit, rustc then recompiles the modules the edit touched, not
    /// every module below it.
    pub fn compile(&self, wsdl: impl AsRef<Path>, out_name: &str) -> Result<PathBuf, Error> {
        let path = wsdl.as_ref();
        println!("cargo:rerun-if-changed={}", path.display());
        if let Some(overlay) = &self.overlay {
            println!("cargo:rerun-if-changed={}", overlay.display());
        }
        let (code, notes) = self.generate_file_with_notes(path)?;
        for note in notes {
            println!("cargo:warning={note}");
        }
        let out_dir = std::env::var_os("OUT_DIR").ok_or_else(|| {
            Error::new(path, "expected OUT_DIR to be set (run from a build script)")
        })?;
        write_split(&code, &PathBuf::from(out_dir), out_name)
    }
}

/// Writes `out_name` in `dir` and its modules in the folder named after it;
/// removes module files of an earlier run that this one no longer has.
fn write_split(code: &render::Rendered, dir: &Path, out_name: &str) -> Result<PathBuf, Error> {
    let stem = Path::new(out_name)
        .file_stem()
        .map_or_else(|| out_name.to_owned(), |s| s.to_string_lossy().into_owned());
    let folder = format!("{stem}_modules");
    let (top, files) = code.split(&folder);
    let out = dir.join(out_name);
    // Beside the top file, whose `include!`s are relative to it.
    let module_dir = out.with_file_name(&folder);
    std::fs::create_dir_all(&module_dir).map_err(|e| {
        Error::new(
            &module_dir,
            format!("expected a folder that can be created: {e}"),
        )
    })?;
    let keep: Vec<&str> = files.iter().map(|(name, _)| name.as_str()).collect();
    if let Ok(entries) = std::fs::read_dir(&module_dir) {
        for entry in entries.flatten() {
            let name = entry.file_name();
            if !keep.iter().any(|k| name.to_str() == Some(k)) {
                // A stale module is never included; failing to remove it is harmless.
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
    for (name, text) in &files {
        write_if_changed(&module_dir.join(name), text)?;
    }
    write_if_changed(&out, &top)?;
    Ok(out)
}

/// Unchanged output keeps its mtime, so nothing downstream rebuilds for it.
fn write_if_changed(path: &Path, text: &str) -> Result<(), Error> {
    if std::fs::read_to_string(path).ok().as_deref() != Some(text) {
        std::fs::write(path, text)
            .map_err(|e| Error::new(path, format!("expected a writable output file: {e}")))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `compile`'s files are `generate_file`'s code, one module a file: the top
    /// file includes each module file there is, and stale ones go away.
    #[test]
    fn compile_writes_each_module_to_a_file_the_top_file_includes() {
        let wsdl = Path::new(env!("CARGO_MANIFEST_DIR")).join("../wsdl/API.asmx.wsdl");
        let code = Config::new()
            .generate_file_with_notes(&wsdl)
            .map(|(code, _)| code)
            .unwrap_or_else(|e| panic!("{e}"));
        let dir = std::env::temp_dir().join(format!("codegen-split-{}", std::process::id()));
        let modules = dir.join("svc_modules");
        std::fs::create_dir_all(&modules).unwrap();
        std::fs::write(modules.join("op_gone.rs"), "stale").unwrap();
        let out = write_split(&code, &dir, "svc.rs").unwrap_or_else(|e| panic!("{e}"));
        let top = std::fs::read_to_string(out).unwrap();
        let mut written: Vec<String> = std::fs::read_dir(&modules)
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        written.sort();
        let mut included: Vec<String> = top
            .lines()
            .filter_map(|l| l.trim().strip_prefix("include!(\"svc_modules/"))
            .filter_map(|l| l.strip_suffix("\");"))
            .map(str::to_owned)
            .collect();
        included.sort();
        assert!(!written.iter().any(|n| n == "op_gone.rs"), "{written:?}");
        assert_eq!(written, included);
        assert!(
            written.len() > 2 && written.iter().any(|n| n == "types.rs"),
            "{written:?}"
        );
        // An output name with a folder: the modules go beside the top file.
        let nested = write_split(&code, &dir, "gen/svc.rs").unwrap_or_else(|e| panic!("{e}"));
        assert!(nested.ends_with("gen/svc.rs"));
        assert!(dir.join("gen/svc_modules/types.rs").is_file());
        // Each module's items are the single file's, un-indented.
        let single = code.single_file();
        for name in &written {
            let text = std::fs::read_to_string(modules.join(name)).unwrap();
            let first_item = text.lines().find(|l| l.starts_with("rt::")).unwrap();
            assert!(single.contains(&format!("    {first_item}")), "{name}");
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
