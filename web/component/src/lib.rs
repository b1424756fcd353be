//! caucus-component: the caucus clause engine as a WebAssembly component.
//!
//! The interface is `wit/caucus.wit` (package `caucus:engine`); this crate implements it
//! on caucus-core and holds no clause logic. Like the JS layer (`web/wasm`) it only
//! guards the boundary and converts: arguments are checked here (sizes, the document
//! kind) so that no input can exhaust the module's memory, and every failure becomes an
//! `err` of diagnostics made by one converter, [`convert::diagnostics`]. Nothing panics
//! on input: a panic would trap and leave the host's instance unusable.
//!
//! The component imports nothing: the engine needs no file, clock, random source,
//! network or environment. `cargo xtask web component` builds this crate for
//! `wasm32-unknown-unknown` (which, unlike `wasm32-wasip2`, links no WASI) and wraps the
//! module with `jco new` into `target/component/caucus.wasm`.

mod boundary;
mod convert;

use caucus_core::{Diagnostic, Diagnostics, Options, Pack};

/// The bindings wit-bindgen generates from `wit/caucus.wit`, and the exports it wires
/// to [`Component`].
#[allow(unsafe_code)] // the canonical ABI: raw pointers into linear memory, generated code
mod bindings {
    #[cfg(target_arch = "wasm32")]
    use super::Component;

    wit_bindgen::generate!({
        path: "wit",
        world: "caucus",
    });

    // Only in WebAssembly: the export names (`caucus:engine/engine@0.1.0#generate`) are
    // not symbols a native linker accepts, and natively the crate is a plain library
    // that the unit tests call.
    #[cfg(target_arch = "wasm32")]
    export!(Component);
}

use bindings::exports::caucus::engine::engine as wit;
use wit::{Content, Format, Generated, PackFile, PackInfo};

/// The exported engine. Every call stands alone: the only state kept between calls is
/// the built-in pack, loaded once and never changed.
#[derive(Debug)]
pub struct Component;

impl wit::Guest for Component {
    fn generate(
        options: String,
        pack: Option<Vec<PackFile>>,
        document: Option<String>,
        format: Format,
    ) -> Result<Generated, Vec<wit::Diagnostic>> {
        forward(|| {
            boundary::check_options(&options)?;
            if let Some(kind) = &document {
                boundary::check_kind(kind)?;
            }
            let options = Options::from_json_str(&options)?;
            with_pack(pack, |pack| {
                let assembly = match &document {
                    Some(kind) => pack.assemble_document(&options, kind)?,
                    None => pack.assemble(&options)?,
                };
                if let Some(kind) = &document
                    && assembly.documents.is_empty()
                {
                    return Err(no_such_document(kind, pack, &options).into());
                }
                Ok(Generated {
                    documents: assembly
                        .documents
                        .iter()
                        .map(|document| wit::Document {
                            kind: document.kind.clone(),
                            title: document.title.clone(),
                            content: render(document, format),
                        })
                        .collect(),
                    diagnostics: assembly
                        .diagnostics
                        .iter()
                        .map(convert::diagnostic)
                        .collect(),
                })
            })
        })
    }

    fn schema() -> Result<String, Vec<wit::Diagnostic>> {
        forward(|| json_text(&caucus_core::schema()))
    }

    fn defaults() -> Result<String, Vec<wit::Diagnostic>> {
        forward(|| json_text(&Options::default()))
    }

    fn clauses(pack: Option<Vec<PackFile>>) -> Result<PackInfo, Vec<wit::Diagnostic>> {
        forward(|| with_pack(pack, |pack| Ok(convert::pack_info(pack))))
    }

    fn place(path: String, options: String) -> String {
        caucus_core::model::place(&path, &boundary::options_value(&options))
    }

    fn sentence(text: String, options: String) -> String {
        caucus_core::model::sentence(&text, &boundary::options_value(&options))
    }

    fn version() -> String {
        env!("CARGO_PKG_VERSION").to_owned()
    }
}

/// Runs one entry point's body and converts its diagnostics for the host.
fn forward<T>(body: impl FnOnce() -> Result<T, Diagnostics>) -> Result<T, Vec<wit::Diagnostic>> {
    body().map_err(convert::diagnostics)
}

/// Runs `body` with the built-in pack (`files` absent) or the pack the files make.
fn with_pack<T>(
    files: Option<Vec<PackFile>>,
    body: impl FnOnce(&Pack) -> Result<T, Diagnostics>,
) -> Result<T, Diagnostics> {
    match files {
        None => body(Pack::builtin()?),
        Some(files) => {
            boundary::check_pack(&files)?;
            // The engine refuses files nested too deeply for its parsers (pack/nesting.rs).
            // Passed as the built-in pack's files are (`&str` pairs copied out of a
            // slice), so that the module holds one copy of the engine's generic pack
            // reader, not a second one for owned strings.
            let pairs: Vec<(&str, &str)> = files
                .iter()
                .map(|file| (file.path.as_str(), file.text.as_str()))
                .collect();
            let pack = Pack::from_files(pairs.iter().copied())?;
            body(&pack)
        }
    }
}

/// One document in the format asked for.
fn render(document: &caucus_core::Document, format: Format) -> Content {
    match format {
        Format::Markdown => Content::Text(document.to_markdown()),
        Format::Html => Content::Text(document.to_html()),
        Format::HtmlPage => Content::Text(document.to_html_page()),
        Format::Text => Content::Text(document.to_text()),
        Format::Json => Content::Text(document.to_json()),
        Format::Docx => Content::Bytes(document.to_docx()),
    }
}

/// Pretty-printed JSON text, ending with a newline (as `caucus schema` prints it).
fn json_text<T: serde::Serialize + ?Sized>(value: &T) -> Result<String, Diagnostics> {
    let mut text = serde_json::to_string_pretty(value).map_err(|e| {
        Diagnostics::from(
            Diagnostic::error(
                "internal",
                "",
                format!("cannot write the result as JSON: {e}"),
            )
            .hint("this is a bug in caucus-component: please report it"),
        )
    })?;
    text.push('\n');
    Ok(text)
}

/// The options produce no document of this kind: say why, and which ones they do produce.
/// The reason comes from the pack (the document's `when` condition), not from here.
fn no_such_document(kind: &str, pack: &Pack, options: &Options) -> Diagnostic {
    let present: Vec<String> = pack
        .assemble(options)
        .map(|assembly| assembly.documents.into_iter().map(|d| d.kind).collect())
        .unwrap_or_default();
    let (message, hint) = match pack.document(kind) {
        Some(spec) => (
            format!("these options produce no `{kind}` document"),
            format!(
                "the `{kind}` document exists only when {}; these options produce: {}",
                spec.when,
                present.join(", ")
            ),
        ),
        None => (
            format!("the clause pack has no `{kind}` document"),
            format!("choose one of: {}", present.join(", ")),
        ),
    };
    Diagnostic::error("no-such-document", "", message).hint(hint)
}

#[cfg(test)]
mod tests {
    //! The entry points called natively, as the bindings call them in WebAssembly. The
    //! host tests (`tests/`) check the built component itself, in Python and Node.js.

    use super::*;
    use wit::Guest;

    fn codes(result: Result<Generated, Vec<wit::Diagnostic>>) -> Vec<String> {
        match result {
            Ok(_) => Vec::new(),
            Err(diagnostics) => diagnostics.into_iter().map(|d| d.code).collect(),
        }
    }

    #[test]
    fn empty_options_give_every_default_document() {
        let generated = match Component::generate("{}".into(), None, None, Format::Markdown) {
            Ok(generated) => generated,
            Err(diagnostics) => panic!("the default options failed: {diagnostics:?}"),
        };
        let kinds: Vec<&str> = generated
            .documents
            .iter()
            .map(|d| d.kind.as_str())
            .collect();
        assert_eq!(kinds, ["agreement", "guide", "invitation", "checklist"]);
        assert!(matches!(&generated.documents[0].content, Content::Text(t) if t.starts_with("# ")));
    }

    #[test]
    fn options_are_named_in_words_and_unreadable_options_name_items_by_number() {
        let options = r#"{"parties": [{"name": "Acme Ltd"}, {"name": "Beta plc"}]}"#;
        let place = |path: &str, options: &str| Component::place(path.into(), options.into());
        assert_eq!(
            place("parties.1.name", options),
            "Party 2 (Beta plc): Full legal name"
        );
        let long = format!(
            r#"{{"parties": [{{"name": "A"}}, {{"name": "{}"}}]}}"#,
            "x".repeat(boundary::MAX_OPTIONS_LEN)
        );
        for unreadable in ["", "{ not json", "[1, 2]", long.as_str()] {
            assert_eq!(
                place("parties.1.name", unreadable),
                "Party 2: Full legal name"
            );
        }
        assert_eq!(
            Component::sentence("`parties.0.name` is empty".into(), options.into()),
            "“Party 1 (Acme Ltd): Full legal name” is empty."
        );
    }

    #[test]
    fn arguments_over_their_limits_are_refused_before_the_engine_reads_them() {
        let long = "x".repeat(boundary::MAX_OPTIONS_LEN + 1);
        assert_eq!(
            codes(Component::generate(long, None, None, Format::Text)),
            ["options-too-large"]
        );
        let kind = "k".repeat(boundary::MAX_KIND_LEN + 1);
        assert_eq!(
            codes(Component::generate(
                "{}".into(),
                None,
                Some(kind),
                Format::Text
            )),
            ["document-kind-invalid"]
        );
        let pack = vec![PackFile {
            path: "pack.toml".into(),
            text: "#".repeat(boundary::MAX_PACK_LEN),
        }];
        assert_eq!(
            codes(Component::generate(
                "{}".into(),
                Some(pack),
                None,
                Format::Text
            )),
            ["pack-too-large"]
        );
    }

    #[test]
    fn a_missing_document_is_explained_by_the_packs_condition() {
        let result = Component::generate("{}".into(), None, Some("consent".into()), Format::Docx);
        let Err(diagnostics) = result else {
            panic!("the default options produced a consent statement");
        };
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(diagnostics[0].code, "no-such-document");
        assert!(
            diagnostics[0]
                .hint
                .contains("consent.express_risk_consent = true"),
            "{}",
            diagnostics[0].hint
        );
        assert!(
            diagnostics[0]
                .hint
                .ends_with("agreement, guide, invitation, checklist")
        );
    }

    #[test]
    fn one_document_is_the_same_as_that_document_among_all() {
        let one = Component::generate("{}".into(), None, Some("guide".into()), Format::Docx);
        let all = Component::generate("{}".into(), None, None, Format::Docx);
        let guide = |g: &Generated| {
            g.documents
                .iter()
                .find(|d| d.kind == "guide")
                .map(|d| match &d.content {
                    Content::Bytes(bytes) => bytes.clone(),
                    Content::Text(text) => text.clone().into_bytes(),
                })
        };
        let one = one.ok().as_ref().and_then(guide);
        assert!(one.is_some());
        assert_eq!(one, all.ok().as_ref().and_then(guide));
    }
}
