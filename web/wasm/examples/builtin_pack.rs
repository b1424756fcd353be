//! Writes the built-in clause pack's files as the JS package carries them beside its
//! module: `caucus_pack.json`, one JSON object of path → text, in the order of the paths.
//! The module does not embed the pack; caucus.js passes this file to it
//! (`installBuiltinPack`), which accepts exactly these files (their fingerprint).
//!
//! `cargo run -q -p caucus-wasm --example builtin_pack -- web/wasm/pkg/caucus_pack.json`
//! (`cargo xtask web` runs it).

use caucus_core::Pack;
use serde_json::{Map, Value};
use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(out) = std::env::args_os().nth(1) else {
        eprintln!("builtin_pack: give the path of the file to write");
        return ExitCode::FAILURE;
    };
    let mut files = Map::new();
    for (path, text) in Pack::builtin_files() {
        files.insert((*path).to_owned(), Value::String((*text).to_owned()));
    }
    let json = Value::Object(files).to_string();
    match std::fs::write(&out, json) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!(
                "builtin_pack: cannot write {}: {e}",
                Path::new(&out).display()
            );
            ExitCode::FAILURE
        }
    }
}
