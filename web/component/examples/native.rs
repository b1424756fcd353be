//! The native engine's answers to the questions the host tests ask the component, so that
//! they can compare the two byte for byte (`web/component/tests/`).
//!
//! Reads a JSON array of queries from stdin, each `{ "options": "<JSON text>", "pack":
//! [["<path>", "<text>"], ...] | null, "document": "<kind>" | null, "format": "<format>" }`
//! (formats as in the WIT: `markdown`, `html`, `html-page`, `text`, `json`, `docx`), and
//! prints one JSON array of answers: `{ "ok": { "documents": [{ "kind", "title",
//! "content" }], "diagnostics": [...] } }` (a .docx as hex), `{ "error": [diagnostics] }`,
//! or `{ "missing": true }` when the options produce no document of the kind asked for.
//!
//! It calls caucus-core directly, not the component's code, so the comparison checks the
//! component's whole path (bindings, canonical ABI, host) against the engine itself.
//!
//! `cargo run -q -p caucus-component --example native < queries.json`

use caucus_core::{Document, Options, Pack};
use serde::Deserialize;
use serde_json::{Value, json};
use std::fmt::Write as _;
use std::io::{Read as _, Write as _};
use std::process::ExitCode;

#[derive(Deserialize)]
struct Query {
    options: String,
    pack: Option<Vec<(String, String)>>,
    document: Option<String>,
    format: String,
}

fn main() -> ExitCode {
    let mut input = String::new();
    if let Err(e) = std::io::stdin().read_to_string(&mut input) {
        eprintln!("native: cannot read stdin: {e}");
        return ExitCode::FAILURE;
    }
    let queries: Vec<Query> = match serde_json::from_str(&input) {
        Ok(queries) => queries,
        Err(e) => {
            eprintln!("native: stdin is not a JSON array of queries: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut answers = Vec::new();
    for query in &queries {
        match answer(query) {
            Ok(value) => answers.push(value),
            Err(message) => {
                eprintln!("native: {message}");
                return ExitCode::FAILURE;
            }
        }
    }
    let mut stdout = std::io::stdout().lock();
    match writeln!(stdout, "{}", Value::Array(answers)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("native: cannot write stdout: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The answer to one query; `Err` only for a problem of the harness (an unknown format).
fn answer(query: &Query) -> Result<Value, String> {
    let render = renderer(&query.format)?;
    let custom = query
        .pack
        .as_ref()
        .map(|files| Pack::from_files(files.iter().cloned()));
    let pack = match &custom {
        Some(Ok(pack)) => Ok(pack),
        Some(Err(diagnostics)) => Err(diagnostics.clone()),
        None => Pack::builtin(),
    };
    let assembly = match Options::from_json_str(&query.options)
        .and_then(|options| pack.and_then(|pack| pack.assemble(&options)))
    {
        Ok(assembly) => assembly,
        Err(diagnostics) => return Ok(json!({ "error": diagnostics })),
    };
    let documents: Vec<Value> = assembly
        .documents
        .iter()
        .filter(|d| query.document.as_ref().is_none_or(|kind| &d.kind == kind))
        .map(|d| json!({ "kind": d.kind, "title": d.title, "content": render(d) }))
        .collect();
    if documents.is_empty() && query.document.is_some() {
        return Ok(json!({ "missing": true }));
    }
    Ok(json!({ "ok": { "documents": documents, "diagnostics": assembly.diagnostics } }))
}

/// The renderer for a format's name in the WIT.
fn renderer(format: &str) -> Result<fn(&Document) -> String, String> {
    Ok(match format {
        "markdown" => Document::to_markdown,
        "html" => Document::to_html,
        "html-page" => Document::to_html_page,
        "text" => Document::to_text,
        "json" => Document::to_json,
        "docx" => |d: &Document| hex(&d.to_docx()),
        other => return Err(format!("unknown format `{other}`")),
    })
}

fn hex(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(out, "{b:02x}");
    }
    out
}
