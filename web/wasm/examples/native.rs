//! The native engine's answer to the same questions the Node tests ask the WebAssembly
//! package, so that they can compare the two byte for byte.
//!
//! Reads a JSON array of cases from stdin, each `{ "options": "<JSON text>", "pack":
//! "<folder>" | null, "docx": "<kind>" | null }`, and prints one JSON array of answers:
//! `{ "ok": <what generate() returns> }` (with `"docx": "<hex>"` when asked), or
//! `{ "error": [diagnostics] }`. One process for every case keeps the tests quick.
//!
//! `cargo run -q -p caucus-wasm --example native < cases.json`

use caucus_core::{Diagnostic, Diagnostics, Options, Pack};
use caucus_wasm::output::Generated;
use serde::Deserialize;
use serde_json::{Value, json};
use std::fmt::Write as _;
use std::io::{Read as _, Write as _};
use std::path::Path;
use std::process::ExitCode;

#[derive(Deserialize)]
struct Case {
    options: String,
    #[serde(default)]
    pack: Option<String>,
    #[serde(default)]
    docx: Option<String>,
}

fn main() -> ExitCode {
    let mut input = String::new();
    if let Err(e) = std::io::stdin().read_to_string(&mut input) {
        eprintln!("native: cannot read stdin: {e}");
        return ExitCode::FAILURE;
    }
    let cases: Vec<Case> = match serde_json::from_str(&input) {
        Ok(cases) => cases,
        Err(e) => {
            eprintln!("native: stdin is not a JSON array of cases: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut answers = Vec::new();
    for case in &cases {
        match answer(case) {
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

/// The answer to one case; `Err` only for a problem of the harness (an unreadable folder).
fn answer(case: &Case) -> Result<Value, String> {
    let custom = match &case.pack {
        Some(dir) => Some(Pack::from_files(read_pack(Path::new(dir))?)),
        None => None,
    };
    let pack = match &custom {
        Some(Ok(pack)) => Ok(pack),
        Some(Err(diagnostics)) => Err(diagnostics.clone()),
        None => Pack::builtin(),
    };
    let result = pack.and_then(|pack| {
        let options = Options::from_json_str(&case.options)?;
        let assembly = pack.assemble(&options)?;
        let mut ok = serde_json::to_value(Generated::new(&assembly))
            .map_err(|e| Diagnostics::from(Diagnostic::error("internal", "", e.to_string())))?;
        if let Some(kind) = &case.docx {
            // A document these options do not produce gives no bytes (the JS side gets
            // the engine's no-such-document error instead).
            let bytes = pack
                .document_in(&assembly, kind)
                .map(|d| d.to_docx())
                .unwrap_or_default();
            ok["docx"] = Value::String(hex(&bytes));
        }
        Ok(ok)
    });
    Ok(match result {
        Ok(ok) => json!({ "ok": ok }),
        Err(diagnostics) => json!({ "error": diagnostics }),
    })
}

/// A pack folder's files as the engine wants them ([`Pack::is_pack_file`]).
fn read_pack(root: &Path) -> Result<Vec<(String, String)>, String> {
    let mut files = Vec::new();
    collect(root, root, &mut files)?;
    files.sort();
    Ok(files)
}

fn collect(root: &Path, dir: &Path, files: &mut Vec<(String, String)>) -> Result<(), String> {
    let entries =
        std::fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    for entry in entries {
        let path = entry
            .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
            .path();
        if path.is_dir() {
            collect(root, &path, files)?;
            continue;
        }
        let relative = path
            .strip_prefix(root)
            .map_err(|e| e.to_string())?
            .to_string_lossy()
            .replace('\\', "/");
        if Pack::is_pack_file(&relative) {
            let text = std::fs::read_to_string(&path)
                .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            files.push((relative, text));
        }
    }
    Ok(())
}

fn hex(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(out, "{b:02x}");
    }
    out
}
