//! `cargo xtask test`: every check CI runs, in order, stopping at the first failure.
//!
//! The order puts the quick checks first (fmt, clippy) and shares build work: clippy and
//! the tests use the same (default) features, and the wasm32 build of core uses the
//! `wasm-release` profile so that the WebAssembly builds after it reuse its dependencies.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};

use crate::cmd::{self, Workspace, announce, format_duration, note};
use crate::component;
use crate::setup::{self, Setup, WASM_TARGET};
use crate::web::{self, APP, Outputs, WASM_PACKAGE, WASM_PROFILE};

/// One named step of the run and how long it took.
struct Steps {
    started: Instant,
    done: Vec<(String, Duration)>,
}

impl Steps {
    fn new() -> Self {
        Self {
            started: Instant::now(),
            done: Vec::new(),
        }
    }

    /// Runs `step`; on failure the error says which step failed and how far the run got.
    fn run(&mut self, name: &str, step: impl FnOnce() -> Result<()>) -> Result<()> {
        let started = Instant::now();
        step().with_context(|| {
            let passed: Vec<&str> = self.done.iter().map(|(n, _)| n.as_str()).collect();
            format!(
                "xtask test: step `{name}` failed after {}; passed before it: {}",
                format_duration(self.started.elapsed()),
                if passed.is_empty() {
                    "none".to_owned()
                } else {
                    passed.join(", ")
                }
            )
        })?;
        self.done.push((name.to_owned(), started.elapsed()));
        Ok(())
    }

    fn summary(&self) {
        announce("summary");
        for (name, took) in &self.done {
            println!("    {:>8}  {name}", format_duration(*took));
        }
        println!(
            "xtask test: all {} steps passed in {}",
            self.done.len(),
            format_duration(self.started.elapsed())
        );
    }
}

/// Runs the whole check.
pub fn run() -> Result<()> {
    let mut steps = Steps::new();
    steps.run("setup", || setup::run(Setup::ALL))?;
    let workspace = Workspace::load()?;
    let mut wasm_crates: Vec<&str> = [&WASM_PACKAGE, &APP]
        .into_iter()
        .filter(|krate| web::exists(&workspace, krate))
        .map(|krate| krate.package)
        .collect();
    wasm_crates.push(component::PACKAGE);

    steps.run("cargo fmt", || {
        let mut fmt = cmd::cargo();
        fmt.args(["fmt", "--all", "--", "--check"]);
        if !std::io::stdout().is_terminal() {
            // rustfmt colours its diff even into a log file unless told not to.
            fmt.args(["--color", "never"]);
        }
        cmd::run(&mut fmt)
    })?;
    steps.run("cargo clippy", || {
        cmd::run(cmd::cargo().args([
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ]))
    })?;
    if !wasm_crates.is_empty() {
        steps.run("cargo clippy (wasm32)", || {
            let mut clippy = cmd::cargo();
            clippy.args(["clippy", "--target", WASM_TARGET]);
            for package in &wasm_crates {
                clippy.args(["--package", package]);
            }
            cmd::run(clippy.args(["--", "-D", "warnings"]))
        })?;
    }
    // --no-fail-fast: every test binary runs, so one CI log shows every failing test.
    // A fixed property-test seed (unless one is given) makes a run repeatable: the same
    // commit passes or fails the same way every time. `cargo test` alone explores anew.
    steps.run("cargo test", || {
        let mut cargo = cmd::cargo();
        if std::env::var_os("PROPTEST_RNG_SEED").is_none() {
            cargo.env("PROPTEST_RNG_SEED", "20261125");
        }
        cmd::run(cargo.args(["test", "--workspace", "--no-fail-fast"]))
    })?;
    steps.run("caucus-core for wasm32", || {
        cmd::run(cmd::cargo().args([
            "build",
            "--package",
            "caucus-core",
            "--target",
            WASM_TARGET,
            "--profile",
            WASM_PROFILE,
        ]))
    })?;
    steps.run("web builds", || web::run(Outputs::All, true))?;

    let node_tests = test_files("web/wasm/tests")?;
    if node_tests.is_empty() {
        note("no Node.js tests yet (web/wasm/tests/*.test.mjs)");
    } else {
        steps.run("Node.js tests", || node_test(&node_tests))?;
    }
    component_host_tests(&mut steps)?;
    let browser_tests = test_files("tests/browser")?;
    if browser_tests.is_empty() {
        note("no browser tests yet (tests/browser/*.test.mjs)");
    } else {
        steps.run("browser tests", || node_test(&browser_tests))?;
    }
    steps.summary();
    Ok(())
}

/// The component's host tests: Python (wasmtime) and Node.js (jco), each comparing the
/// component's documents with the native engine's.
fn component_host_tests(steps: &mut Steps) -> Result<()> {
    steps.run("component: Python host tests", component::test_python)?;
    let files = test_files("web/component/tests")?;
    steps.run("component: Node.js host tests", || {
        component::test_node(&files)
    })
}

/// `node --test FILES...`: Node 20's runner takes files, not globs, so they are listed here.
fn node_test(files: &[PathBuf]) -> Result<()> {
    let root = cmd::repo_root();
    let mut node = cmd::command("node");
    node.arg("--test");
    for file in files {
        node.arg(file.strip_prefix(&root).unwrap_or(file));
    }
    cmd::run(&mut node)
}

/// The `*.test.mjs` files directly in `dir` (relative to the repository root), sorted.
fn test_files(dir: &str) -> Result<Vec<PathBuf>> {
    let dir = cmd::repo_root().join(dir);
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .with_context(|| format!("cannot read {}", dir.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| is_test_module(path))
        .collect();
    files.sort();
    Ok(files)
}

fn is_test_module(path: &Path) -> bool {
    path.is_file()
        && path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.ends_with(".test.mjs"))
}
