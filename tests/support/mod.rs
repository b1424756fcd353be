//! Running the real `caucus` binary from the CLI tests.
#![allow(dead_code)]

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

pub const BIN: &str = env!("CARGO_BIN_EXE_caucus");
pub const PACK: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/pack");
/// An institution's pack with a document of its own (`minutes`), a README at the top and
/// files that are not part of the pack (`notes.txt`, a hidden `.draft.md`).
pub const MINUTES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/minutes");

pub fn caucus(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("run caucus")
}

pub fn caucus_stdin(args: &[&str], input: &str) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn caucus");
    if let Some(mut stdin) = child.stdin.take() {
        stdin.write_all(input.as_bytes()).expect("write stdin");
    }
    child.wait_with_output().expect("wait for caucus")
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

pub fn temp() -> tempfile::TempDir {
    tempfile::tempdir().expect("temporary folder")
}

pub fn p(path: &Path) -> &str {
    path.to_str().expect("UTF-8 path")
}

/// No temporary file or folder of ours is left in `dir`.
pub fn assert_no_temporaries(dir: &Path) {
    for entry in std::fs::read_dir(dir).expect("read dir").flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        assert!(
            !name.contains(".caucus-tmp-"),
            "temporary {name} left in {}",
            dir.display()
        );
    }
}
