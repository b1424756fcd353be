//! `cargo xtask bench`: the criterion benchmarks, with their own output.
//!
//! The benchmark targets of caucus-core always run (`cargo bench -p caucus-core --bench '*'`),
//! those of the root package (the CLI's batch benchmark) once it has a `benches/` folder.
//! Arguments after `--` go to every benchmark binary, e.g. `cargo xtask bench -- assemble`
//! to filter criterion's benchmarks by name.

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
    // `--bench *`: only the benchmark targets (`--benches` would also rebuild and list the
    // library's unit tests in release mode).
    cargo.args(["bench", "--package", package, "--bench", "*"]);
    if !extra.is_empty() {
        cargo.arg("--").args(extra);
    }
    cmd::run(&mut cargo)
}
