//! `cargo xtask bench`: the criterion benchmarks, with their own output.
//!
//! `cargo bench -p caucus-core` always runs; `cargo bench -p caucus` (the CLI's batch
//! benchmark) runs once the root package has a `benches/` folder. Arguments after `--`
//! go to every benchmark binary, e.g. `cargo xtask bench -- assemble` to filter by name.

use anyhow::Result;

use crate::cmd::{self, note};

/// Runs the benchmarks, forwarding `extra` to criterion.
pub fn run(extra: &[String]) -> Result<()> {
    bench("caucus-core", extra)?;
    if cmd::repo_root().join("benches").is_dir() {
        bench("caucus", extra)?;
    } else {
        note("no CLI benchmarks yet (benches/ in the root package)");
    }
    Ok(())
}

fn bench(package: &str, extra: &[String]) -> Result<()> {
    let mut cargo = cmd::cargo();
    cargo.args(["bench", "--package", package]);
    if !extra.is_empty() {
        cargo.arg("--").args(extra);
    }
    cmd::run(&mut cargo)
}
