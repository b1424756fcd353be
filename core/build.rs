//! Prepares what the engine embeds:
//! - the built-in clause pack (`../clauses`): a list of (relative path, include_str!)
//!   pairs, sorted so the build is reproducible. The TOML files go in without what the
//!   engine never reads (see [`embedded_toml`]), which keeps the WebAssembly module small,
//!   and their fingerprint (`files::fingerprint`), by which a copy of them is recognised;
//! - the options schema (`src/options.schema.json`), without the whitespace of its
//!   committed, pretty-printed form: the engine parses it into the same JSON value.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The rule for which files make a pack, shared with the engine (`Pack::is_pack_file`).
#[path = "src/pack/files.rs"]
mod files;

fn main() {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let root = manifest.join("../clauses");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut files = Vec::new();
    collect(&root, &root, &mut files);
    files.sort();
    let dest = PathBuf::from(std::env::var_os("OUT_DIR").expect("set by cargo"));
    let mut out = String::from("pub static FILES: &[(&str, &str)] = &[\n");
    // The texts as embedded, for their fingerprint.
    let mut embedded = Vec::with_capacity(files.len());
    for (relative, absolute) in &files {
        let text = std::fs::read_to_string(absolute).expect("read a pack file");
        let included = if relative.ends_with(".toml") {
            let copy = dest.join("pack").join(relative);
            std::fs::create_dir_all(copy.parent().expect("in a folder")).expect("create a folder");
            let text = embedded_toml(relative, &text);
            std::fs::write(&copy, &text).expect("write a pack file");
            embedded.push((relative.as_str(), text));
            copy.to_string_lossy().into_owned()
        } else {
            embedded.push((relative.as_str(), text));
            absolute.clone()
        };
        writeln!(out, "    ({relative:?}, include_str!({included:?})),").expect("string write");
    }
    out.push_str("];\n");
    let fingerprint = files::fingerprint(
        embedded.iter().map(|(path, text)| (*path, text.as_str())),
        fnv::FnvHasher::default(),
    );
    writeln!(
        out,
        "/// `files::fingerprint` of [`FILES`].\npub const FINGERPRINT: u64 = {fingerprint:#018x};"
    )
    .expect("string write");
    std::fs::write(dest.join("builtin_pack.rs"), out).expect("write builtin_pack.rs");

    let schema = manifest.join("src/options.schema.json");
    println!("cargo:rerun-if-changed={}", schema.display());
    let text = std::fs::read_to_string(&schema).expect("read src/options.schema.json");
    let value: serde_json::Value =
        serde_json::from_str(&text).expect("src/options.schema.json is JSON");
    let compact = serde_json::to_string(&value).expect("JSON text");
    std::fs::write(dest.join("options.schema.json"), compact).expect("write the schema");
}

/// A TOML file of the pack as the engine embeds it: every comment line, and in
/// `platforms.toml` every fact's `quote` (the words read in the source, kept in the file
/// as evidence for whoever checks a fact), is left empty. The engine reads neither, and
/// every other line keeps its number, so a place the engine reports is the file's own.
/// A file with a multi-line string, where a line starting with `#` or `quote` may be
/// text, is embedded as it is.
fn embedded_toml(relative: &str, text: &str) -> String {
    if text.contains("\"\"\"") || text.contains("'''") {
        return text.to_owned();
    }
    let quotes = relative == "platforms.toml";
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let comment = trimmed.starts_with('#');
        let quote = quotes && trimmed.starts_with("quote = \"") && line.trim_end().ends_with('"');
        if comment || quote {
            if line.ends_with('\n') {
                out.push('\n');
            }
        } else {
            out.push_str(line);
        }
    }
    out
}

fn collect(root: &Path, dir: &Path, files: &mut Vec<(String, String)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    println!("cargo:rerun-if-changed={}", dir.display());
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(root, &path, files);
            continue;
        }
        let relative = path
            .strip_prefix(root)
            .expect("below root")
            .to_string_lossy()
            .replace('\\', "/");
        if files::is_pack_file(&relative) {
            println!("cargo:rerun-if-changed={}", path.display());
            files.push((
                relative,
                path.canonicalize()
                    .expect("exists")
                    .to_string_lossy()
                    .into_owned(),
            ));
        }
    }
}
