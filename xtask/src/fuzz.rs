//! `cargo xtask fuzz [TARGET] [-- ARGS]`: the fuzz targets of `fuzz/` under libFuzzer.
//!
//! cargo-fuzz builds with nightly Rust: the nightly toolchain (`rustup toolchain install
//! nightly --profile minimal`) and cargo-fuzz ([`CARGO_FUZZ`], `cargo install --locked`)
//! are installed when missing. Each target reads two corpus folders: `fuzz/corpus/TARGET`
//! (the working corpus, where libFuzzer adds the inputs it finds; not committed) and
//! `fuzz/seeds/TARGET` (the committed seeds and reproducers, which `tests/fuzz.rs` replays
//! on stable as part of `cargo xtask test`). ARGS go to libFuzzer, for example
//! `-runs=500000 -jobs=1` or `-max_total_time=600`; without any, each target runs for
//! [`DEFAULT_SECONDS`]. A crash stops the run and leaves its input in
//! `fuzz/artifacts/TARGET/`: add it to `fuzz/seeds/TARGET/` with a test in tests/fuzz.rs.
//!
//! The targets run without a sanitizer (`--sanitizer none`): caucus forbids unsafe code,
//! so AddressSanitizer would watch only its dependencies, and it halved the speed of the
//! targets (`options`: 100 runs a second with it, 210 without). Panics, stack overflows, timeouts and running out of memory are
//! caught all the same. For a run under AddressSanitizer, call cargo-fuzz directly:
//! `cargo +nightly fuzz run TARGET fuzz/corpus/TARGET fuzz/seeds/TARGET`.

use anyhow::{Result, bail};

use crate::cmd::{self, announce, note};

/// The fuzz targets (`fuzz/fuzz_targets/*.rs`), in the order they run.
pub const TARGETS: &[&str] = &["options", "pack", "csv_rows"];

/// The cargo-fuzz release installed when missing.
pub const CARGO_FUZZ: &str = "0.13.2";

/// How long each target runs when no libFuzzer arguments are given, in seconds.
pub const DEFAULT_SECONDS: u32 = 60;

/// Runs `target` (every target when `None`) with `args` for libFuzzer.
pub fn run(target: Option<&str>, args: &[String]) -> Result<()> {
    let targets: Vec<&str> = match target {
        Some(name) if TARGETS.contains(&name) => vec![name],
        Some(name) => bail!(
            "`{name}` is not a fuzz target; the targets are {}",
            TARGETS.join(", ")
        ),
        None => TARGETS.to_vec(),
    };
    install()?;
    let default = [format!("-max_total_time={DEFAULT_SECONDS}")];
    let args = if args.is_empty() { &default[..] } else { args };
    for target in targets {
        let corpus = format!("fuzz/corpus/{target}");
        std::fs::create_dir_all(cmd::repo_root().join(&corpus))?;
        let mut fuzz = nightly_cargo();
        fuzz.args([
            "fuzz",
            "run",
            "--release",
            "--sanitizer",
            "none",
            target,
            &corpus,
        ])
        .arg(format!("fuzz/seeds/{target}"))
        .arg("--")
        .args(args);
        cmd::run(&mut fuzz)?;
    }
    Ok(())
}

/// `cargo +nightly`, through rustup, without the toolchain `cargo xtask` itself runs on.
fn nightly_cargo() -> std::process::Command {
    let mut cargo = cmd::command("cargo");
    for inherited in ["RUSTUP_TOOLCHAIN", "CARGO", "RUSTC", "RUSTDOC"] {
        cargo.env_remove(inherited);
    }
    cargo.arg("+nightly");
    cargo
}

/// Installs the nightly toolchain and cargo-fuzz when missing.
fn install() -> Result<()> {
    let has_nightly = cmd::probe(nightly_cargo().arg("--version")).is_some();
    if has_nightly {
        note("nightly Rust: present");
    } else {
        announce("installing nightly Rust (cargo-fuzz needs it)");
        cmd::run(cmd::command("rustup").args([
            "toolchain",
            "install",
            "nightly",
            "--profile",
            "minimal",
        ]))?;
    }
    let version = cmd::probe(nightly_cargo().args(["fuzz", "--version"]));
    match version {
        Some(found) if found.trim().ends_with(CARGO_FUZZ) => {
            note(&format!("cargo-fuzz {CARGO_FUZZ}: present"));
            Ok(())
        }
        _ => cmd::run(cmd::cargo().args([
            "install",
            "cargo-fuzz",
            "--locked",
            "--version",
            CARGO_FUZZ,
        ])),
    }
}
