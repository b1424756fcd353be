//! Embeds the built-in clause pack (`../clauses`) into the engine: generates a list of
//! (relative path, include_str!) pairs, sorted so the build is reproducible.

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
    let mut out = String::from("pub static FILES: &[(&str, &str)] = &[\n");
    for (relative, absolute) in &files {
        writeln!(out, "    ({relative:?}, include_str!({absolute:?})),").expect("string write");
    }
    out.push_str("];\n");
    let dest = PathBuf::from(std::env::var_os("OUT_DIR").expect("set by cargo"));
    std::fs::write(dest.join("builtin_pack.rs"), out).expect("write builtin_pack.rs");
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
