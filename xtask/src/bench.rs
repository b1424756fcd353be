//! `cargo xtask bench`: the criterion benchmarks, with their own output.
//!
//! The benchmark targets of caucus-core always run (`cargo bench -p caucus-core --bench '*'`),
//! those of the root package (the CLI's batch benchmark) once it has a `benches/` folder.
//! Arguments after `--` go to every benchmark binary, e.g. `cargo xtask bench -- assemble`
//! to filter criterion's benchmarks by name. Then, when the component has been built, its
//! per-call times from Node.js and Python (component.rs).

use anyhow::Result;

use crate::cmd::{self, note};
use crate::component;

/// Runs the benchmarks, forwarding `extra` to criterion.
pub fn run(extra: &[String]) -> Result<()> {
    bench("caucus-core", extra)?;
    if cmd::repo_root().join("benches").is_dir() {
        bench("caucus", extra)?;
    } else {
        note("no CLI benchmarks yet (benches/ in the root package)");
    }
    component::bench()
}

fn bench(package: &str, extra: &[String]) -> Result<()> {
    let mut cargo = cmd::cargo();
    // `--bench *`: only the benchmark targets (`--benches` would also rebuild and list the
    // library's unit tests in release mode).
    cargo.args(["bench", "--package", package, "--bench", "*"]);
    // The batch benchmark measures the engine and the CLI, not the file system: on ext4,
    // creating tens of thousands of files costs more kernel time than the documents take
    // to make. Memory-backed /dev/shm, where there is one and nothing else was asked for.
    if std::env::var_os("CAUCUS_BENCH_DIR").is_none() && std::path::Path::new("/dev/shm").is_dir() {
        cargo.env("CAUCUS_BENCH_DIR", "/dev/shm");
    }
    if !extra.is_empty() {
        cargo.arg("--").args(extra);
    }
    cmd::run(&mut cargo)
}
