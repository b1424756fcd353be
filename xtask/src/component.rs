//! The engine as a WebAssembly component (`web/component`): its build, the Python
//! environment its host tests use, the host tests themselves and its per-call figures.
//!
//! The build is `cargo build` for `wasm32-unknown-unknown` (not `wasm32-wasip2`, whose
//! standard library would import WASI for stdio and panics), npm's wasm-opt on the core
//! module (`web::WASM_OPT_ARGS`), then `jco new`, which wraps it into a component using
//! the WIT that wit-bindgen embedded in the module. `jco` comes from the npm registry, pinned in the
//! root package-lock.json; the Python tests use `wasmtime` from PyPI, pinned here and
//! installed into a virtual environment under the target folder.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use crate::cmd::{self, announce, note};
use crate::setup::{self, WASM_TARGET};
use crate::web::{self, WASM_PROFILE};

/// The component's crate.
pub const PACKAGE: &str = "caucus-component";

/// The module cargo builds for it, in `target/wasm32-unknown-unknown/wasm-release/`.
const MODULE: &str = "caucus_component.wasm";

/// The version of the `wasmtime` package on PyPI that the Python host tests use.
pub const WASMTIME_PY: &str = "50.0.1";

/// The gzipped size the component may reach: the engine module's budget (450 KB
/// gzipped) and 10% (issue 14).
const GZIP_BUDGET: u64 = 495_000;

/// `target/component/`: the component and what is made on the way to it.
pub fn out_dir() -> PathBuf {
    cmd::target_dir().join("component")
}

/// `target/component/caucus.wasm`.
pub fn component() -> PathBuf {
    out_dir().join("caucus.wasm")
}

/// npm's jco, the component tool the build and the Node.js host tests use.
pub fn jco() -> PathBuf {
    cmd::repo_root().join("node_modules/.bin/jco")
}

/// The virtual environment of the Python host tests.
fn venv() -> PathBuf {
    cmd::target_dir().join("venv")
}

fn venv_python() -> PathBuf {
    venv().join("bin/python")
}

/// Builds `target/component/caucus.wasm` and prints its size and its imports. Without
/// npm's wasm-opt the module is left unoptimised with a note, unless `require_wasm_opt`.
pub fn build(require_wasm_opt: bool) -> Result<()> {
    if !jco().is_file() {
        bail!(
            "{} is missing: run `cargo xtask setup` (npm ci installs @bytecodealliance/jco)",
            jco().display()
        );
    }
    cmd::run(cmd::cargo().args([
        "build",
        "--package",
        PACKAGE,
        "--target",
        WASM_TARGET,
        "--profile",
        WASM_PROFILE,
    ]))?;
    let built = cmd::target_dir()
        .join(WASM_TARGET)
        .join(WASM_PROFILE)
        .join(MODULE);
    let out = out_dir();
    fs::create_dir_all(&out).with_context(|| format!("cannot create {}", out.display()))?;
    let module = out.join("caucus.module.wasm");
    if setup::wasm_opt().is_file() {
        // wasm-opt keeps the custom section that holds the WIT (`component-type:caucus`).
        cmd::run(
            cmd::command(setup::wasm_opt())
                .args(web::WASM_OPT_ARGS)
                .arg(&built)
                .arg("-o")
                .arg(&module),
        )?;
    } else if require_wasm_opt {
        bail!(
            "{} is missing: run `cargo xtask setup` (npm ci installs binaryen)",
            setup::wasm_opt().display()
        );
    } else {
        note(
            "wasm-opt not installed (run `cargo xtask setup`): the component is not size-optimised",
        );
        fs::copy(&built, &module)
            .with_context(|| format!("cannot copy {} to {}", built.display(), module.display()))?;
    }
    // Written beside and renamed, so that a failed build never leaves half a component.
    let partial = out.join("caucus.wasm.partial");
    cmd::run(
        cmd::command(jco())
            .arg("new")
            .arg(&module)
            .arg("-o")
            .arg(&partial),
    )?;
    fs::rename(&partial, component())
        .with_context(|| format!("cannot move {} into place", partial.display()))?;
    report(&component())
}

/// Prints the component's raw and gzipped sizes against its budget, and its imports.
fn report(component: &Path) -> Result<()> {
    let raw = component
        .metadata()
        .with_context(|| format!("cannot read {}", component.display()))?
        .len();
    announce(&format!("size of {} (bytes)", shown(component)));
    println!("    {:>10}  {:>10}  file", "raw", "gzip -9");
    match web::gzip_size(component) {
        Some(gz) => {
            println!("    {raw:>10}  {gz:>10}  caucus.wasm");
            let verdict = if gz <= GZIP_BUDGET { "within" } else { "OVER" };
            note(&format!(
                "{verdict} the budget of {GZIP_BUDGET} bytes gzipped (the engine's 450 KB + 10%)"
            ));
        }
        None => println!("    {raw:>10}  {:>10}  caucus.wasm (gzip not found)", "-"),
    }
    let imports = imports(component)?;
    if imports.is_empty() {
        note("imports: none");
    } else {
        note(&format!("imports: {}", imports.join(", ")));
    }
    Ok(())
}

/// The interfaces and functions the component imports, from its WIT (`jco wit`).
fn imports(component: &Path) -> Result<Vec<String>> {
    let mut wit = cmd::command(jco());
    wit.arg("wit").arg(component);
    let line = cmd::display(&wit);
    let output = wit
        .output()
        .with_context(|| format!("`{line}` could not start"))?;
    if !output.status.success() {
        bail!(
            "`{line}` failed ({}): {}",
            output.status,
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    Ok(import_lines(&String::from_utf8_lossy(&output.stdout)))
}

/// `import` items of a WIT world, without the keyword and the semicolon.
fn import_lines(wit: &str) -> Vec<String> {
    wit.lines()
        .filter_map(|line| line.trim().strip_prefix("import "))
        .map(|rest| rest.trim_end_matches(';').to_owned())
        .collect()
}

fn shown(path: &Path) -> String {
    path.strip_prefix(cmd::repo_root())
        .unwrap_or(path)
        .display()
        .to_string()
}

/// The virtual environment with `wasmtime` at [`WASMTIME_PY`], made when missing. The
/// check is a folder lookup, so a setup that has it takes no time.
pub fn ensure_python_env() -> Result<()> {
    if wasmtime_installed() {
        note(&format!(
            "ok: Python wasmtime {WASMTIME_PY} in {}",
            shown(&venv())
        ));
        return Ok(());
    }
    if !venv_python().is_file() {
        let Some(python) = cmd::which("python3").or_else(|| cmd::which("python")) else {
            bail!(
                "setup: Python 3 is not installed: install Python 3.9 or later (with its venv module), then rerun"
            );
        };
        cmd::run(cmd::command(python).args(["-m", "venv"]).arg(venv()))?;
    }
    cmd::run(
        cmd::command(venv_python())
            .args([
                "-m",
                "pip",
                "install",
                "--disable-pip-version-check",
                "--no-input",
            ])
            .arg(format!("wasmtime=={WASMTIME_PY}")),
    )?;
    if !wasmtime_installed() {
        bail!(
            "setup: pip installed wasmtime=={WASMTIME_PY} but {} has no wasmtime-{WASMTIME_PY}.dist-info",
            shown(&venv())
        );
    }
    Ok(())
}

/// Whether the venv's site-packages hold wasmtime at the pinned version.
fn wasmtime_installed() -> bool {
    let dist_info = format!("wasmtime-{WASMTIME_PY}.dist-info");
    fs::read_dir(venv().join("lib")).is_ok_and(|pythons| {
        pythons.filter_map(|entry| entry.ok()).any(|python| {
            python
                .path()
                .join("site-packages")
                .join(&dist_info)
                .is_dir()
        })
    })
}

/// The Python host tests (`web/component/tests/test_*.py`, unittest).
pub fn test_python() -> Result<()> {
    cmd::run(
        cmd::command(venv_python())
            .args([
                "-m",
                "unittest",
                "discover",
                "--start-directory",
                "web/component/tests",
                "--verbose",
            ])
            .env("CAUCUS_COMPONENT", component())
            .env("PYTHONDONTWRITEBYTECODE", "1"),
    )
}

/// The Node.js host tests (`web/component/tests/*.test.mjs`), through jco.
pub fn test_node(files: &[PathBuf]) -> Result<()> {
    if files.is_empty() {
        bail!("web/component/tests has no *.test.mjs: the Node.js host tests are missing");
    }
    let root = cmd::repo_root();
    let mut node = cmd::command("node");
    node.arg("--test").env("CAUCUS_COMPONENT", component());
    for file in files {
        node.arg(file.strip_prefix(&root).unwrap_or(file));
    }
    cmd::run(&mut node)
}

/// The per-call figures: generating the default agreement from Python and from Node.js,
/// when the component and the Python environment are there.
pub fn bench() -> Result<()> {
    if !component().is_file() {
        note("no component to measure: build it with `cargo xtask web component`");
        return Ok(());
    }
    cmd::run(
        cmd::command("node")
            .arg("web/component/bench/per_call.mjs")
            .env("CAUCUS_COMPONENT", component()),
    )?;
    if !wasmtime_installed() {
        note("no Python environment to measure from: run `cargo xtask setup`");
        return Ok(());
    }
    cmd::run(
        cmd::command(venv_python())
            .arg("web/component/bench/per_call.py")
            .env("CAUCUS_COMPONENT", component())
            .env("PYTHONDONTWRITEBYTECODE", "1"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_imports_of_a_world() {
        let none =
            "package root:component;\n\nworld root {\n  export caucus:engine/engine@0.1.0;\n}\n";
        assert!(import_lines(none).is_empty());
        let some = "world root {\n  import wasi:io/error@0.2.6;\n  import log: func(msg: string);\n  export run: func();\n}\n";
        assert_eq!(
            import_lines(some),
            ["wasi:io/error@0.2.6", "log: func(msg: string)"]
        );
    }
}
