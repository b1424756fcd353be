//! `cargo xtask setup`: installs what the builds and tests need, only when it is missing.
//!
//! Each check is cheap (a file lookup or a `--version` probe), so a setup on a machine
//! that has everything takes well under a second and can run at the start of every
//! `serve` and `test`.

use std::fs;
use std::path::PathBuf;

use anyhow::{Context, Result, bail};

use crate::cmd::{self, announce, note};
use crate::component;

/// The Rust target the engine, the JS package and the app compile to.
pub const WASM_TARGET: &str = "wasm32-unknown-unknown";

/// Debian packages for the browser and Word-output tests, with the program that shows
/// each one is installed.
const APT_PACKAGES: &[(&str, &[&str])] = &[
    ("chromium", &["/usr/bin/chromium"]),
    ("libreoffice-writer", &["soffice", "libreoffice"]),
    ("poppler-utils", &["pdftotext"]),
];

/// What a setup covers.
#[derive(Debug, Clone, Copy)]
pub struct Setup {
    /// rustfmt and clippy, and the wasm32 target.
    pub rust: bool,
    /// The wasm-bindgen CLI at the version in Cargo.lock.
    pub wasm_bindgen: bool,
    /// The npm dev dependencies (wasm-opt, playwright-core, jco) from package-lock.json.
    pub npm: bool,
    /// The Python virtual environment of the component's host tests (component.rs).
    pub python: bool,
    /// Debian packages: chromium, libreoffice-writer, poppler-utils.
    pub apt: bool,
}

impl Setup {
    /// Everything, as `cargo xtask test` needs.
    pub const ALL: Setup = Setup {
        rust: true,
        wasm_bindgen: true,
        npm: true,
        python: true,
        apt: true,
    };
}

/// Runs the checks and installs that `setup` selects.
pub fn run(setup: Setup) -> Result<()> {
    announce("setup: checking tools");
    if setup.rust {
        ensure_rust_components()?;
        ensure_wasm_target()?;
    }
    if setup.wasm_bindgen {
        ensure_wasm_bindgen()?;
    }
    if setup.npm {
        ensure_npm_packages()?;
    }
    if setup.python {
        component::ensure_python_env()?;
    }
    if setup.apt {
        ensure_apt_packages()?;
    }
    Ok(())
}

/// `cargo fmt` and `cargo clippy`, which the default rustup profile has but a minimal
/// toolchain lacks.
fn ensure_rust_components() -> Result<()> {
    let missing: Vec<&str> = [("fmt", "rustfmt"), ("clippy", "clippy")]
        .into_iter()
        .filter(|(subcommand, _)| {
            cmd::probe(cmd::cargo().args([subcommand, "--version"])).is_none()
        })
        .map(|(_, component)| component)
        .collect();
    if missing.is_empty() {
        note("ok: rustfmt and clippy");
        return Ok(());
    }
    if cmd::which("rustup").is_none() {
        bail!(
            "setup: the Rust components {} are missing and rustup is not installed: install them with your toolchain's installer",
            missing.join(" and ")
        );
    }
    cmd::run(
        cmd::command("rustup")
            .args(["component", "add"])
            .args(&missing),
    )
}

fn ensure_wasm_target() -> Result<()> {
    let rustc = std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    let installed = cmd::probe(cmd::command(rustc).args(["--print", "sysroot"]))
        .map(|sysroot| {
            PathBuf::from(sysroot.trim())
                .join("lib/rustlib")
                .join(WASM_TARGET)
                .join("lib")
                .is_dir()
        })
        .unwrap_or(false);
    if installed {
        note(&format!("ok: Rust target {WASM_TARGET}"));
        return Ok(());
    }
    if cmd::which("rustup").is_none() {
        bail!(
            "setup: the Rust target {WASM_TARGET} is missing and rustup is not installed: add the target with your toolchain's installer"
        );
    }
    cmd::run(cmd::command("rustup").args(["target", "add", WASM_TARGET]))
}

/// The wasm-bindgen CLI must match the `wasm-bindgen` crate in Cargo.lock exactly: the
/// CLI refuses modules built against another version of the crate.
fn ensure_wasm_bindgen() -> Result<()> {
    // Brings Cargo.lock up to date with the manifests first (a no-op when it is), so the
    // CLI installed is the one the next build links against. A failure here shows up
    // again, with cargo's own message, in the build that follows.
    let _ = cmd::probe(cmd::cargo().args(["metadata", "--format-version", "1"]));
    let Some(wanted) = locked_wasm_bindgen()? else {
        note("ok: Cargo.lock has no wasm-bindgen yet, so no wasm-bindgen CLI is needed");
        return Ok(());
    };
    if let Some(found) = wasm_bindgen_version()
        && found == wanted
    {
        note(&format!("ok: wasm-bindgen {found} (as in Cargo.lock)"));
        return Ok(());
    }
    if let Some(found) = wasm_bindgen_version() {
        note(&format!(
            "wasm-bindgen {found} is installed but Cargo.lock has {wanted}: installing {wanted} (takes a few minutes)"
        ));
    } else {
        note(&format!(
            "wasm-bindgen CLI not found: installing {wanted} (takes a few minutes)"
        ));
    }
    // Not `--locked`: wasm-bindgen-cli's own lockfile pins crates that no longer build.
    cmd::run(cmd::cargo().args(["install", "wasm-bindgen-cli", "--version", &wanted]))?;
    match wasm_bindgen_version() {
        Some(found) if found == wanted => Ok(()),
        Some(found) => bail!(
            "setup: installed wasm-bindgen-cli {wanted}, but `{}` reports {found}: put {} first on PATH",
            wasm_bindgen().display(),
            cmd::cargo_home().join("bin").display()
        ),
        None => bail!(
            "setup: installed wasm-bindgen-cli {wanted}, but `{} --version` does not run",
            wasm_bindgen().display()
        ),
    }
}

/// The version of the `wasm-bindgen` crate in Cargo.lock, if any crate depends on it.
pub fn locked_wasm_bindgen() -> Result<Option<String>> {
    let path = cmd::repo_root().join("Cargo.lock");
    let lock = fs::read_to_string(&path).with_context(|| {
        format!(
            "cannot read {}: run `cargo generate-lockfile`",
            path.display()
        )
    })?;
    let versions = locked_versions(&lock, "wasm-bindgen");
    match versions.as_slice() {
        [] => Ok(None),
        [one] => Ok(Some(one.clone())),
        several => bail!(
            "Cargo.lock has several versions of wasm-bindgen ({}): the wasm-bindgen CLI can match only one; align the dependencies so that one remains",
            several.join(", ")
        ),
    }
}

/// Every version of `package` recorded in a Cargo.lock.
fn locked_versions(lock: &str, package: &str) -> Vec<String> {
    let name_line = format!("name = \"{package}\"");
    lock.split("[[package]]")
        .filter(|block| block.lines().any(|line| line.trim() == name_line))
        .filter_map(|block| {
            block.lines().find_map(|line| {
                let value = line.trim().strip_prefix("version = \"")?;
                Some(value.strip_suffix('"')?.to_owned())
            })
        })
        .collect()
}

/// The wasm-bindgen binary: the one `cargo install` puts in cargo's home, else any on PATH.
pub fn wasm_bindgen() -> PathBuf {
    let installed = cmd::cargo_home().join("bin").join("wasm-bindgen");
    if installed.is_file() {
        installed
    } else {
        cmd::which("wasm-bindgen").unwrap_or_else(|| PathBuf::from("wasm-bindgen"))
    }
}

/// `0.2.130` from `wasm-bindgen 0.2.130`.
pub fn wasm_bindgen_version() -> Option<String> {
    let out = cmd::probe(cmd::command(wasm_bindgen()).arg("--version"))?;
    out.split_whitespace().nth(1).map(str::to_owned)
}

/// npm's wasm-opt (from the `binaryen` package). Debian's wasm-opt is too old for the
/// modules current Rust emits and silently corrupts them, so it is never used.
pub fn wasm_opt() -> PathBuf {
    cmd::repo_root().join("node_modules/.bin/wasm-opt")
}

/// A copy of the package-lock.json that node_modules was installed from.
fn npm_stamp() -> PathBuf {
    cmd::repo_root().join("node_modules/.caucus-package-lock.json")
}

/// `npm ci` when node_modules is missing or was installed from another package-lock.json.
fn ensure_npm_packages() -> Result<()> {
    let root = cmd::repo_root();
    let lock_path = root.join("package-lock.json");
    let lock = fs::read(&lock_path)
        .with_context(|| format!("setup: cannot read {}", lock_path.display()))?;
    let current = fs::read(npm_stamp()).is_ok_and(|stamp| stamp == lock);
    if current
        && wasm_opt().is_file()
        && root.join("node_modules/playwright-core").is_dir()
        && component::jco().is_file()
    {
        note("ok: npm packages (node_modules matches package-lock.json)");
        return Ok(());
    }
    if cmd::which("npm").is_none() {
        bail!("setup: npm is not installed: install Node.js 20 or later (with npm), then rerun");
    }
    cmd::run(cmd::command("npm").args(["ci", "--no-audit", "--no-fund"]))?;
    fs::write(npm_stamp(), &lock)
        .with_context(|| format!("setup: cannot write {}", npm_stamp().display()))?;
    Ok(())
}

/// Whether any of `programs` (an absolute path, or a name looked up on PATH) exists.
fn present(programs: &[&str]) -> bool {
    programs.iter().any(|program| {
        if program.starts_with('/') {
            std::path::Path::new(program).is_file()
        } else {
            cmd::which(program).is_some()
        }
    })
}

/// Debian packages for the browser tests and the LibreOffice check of Word output.
fn ensure_apt_packages() -> Result<()> {
    let missing: Vec<&str> = APT_PACKAGES
        .iter()
        .filter(|(_, programs)| !present(programs))
        .map(|(package, _)| *package)
        .collect();
    if missing.is_empty() {
        note("ok: chromium, libreoffice-writer, poppler-utils");
        return Ok(());
    }
    if cmd::which("apt-get").is_none() {
        bail!(
            "setup: {} missing and apt-get is not available: install them with your system's package manager",
            missing.join(", ")
        );
    }
    let is_root = cmd::probe(cmd::command("id").arg("-u")).is_some_and(|uid| uid.trim() == "0");
    let apt = |args: &[&str]| {
        let mut command = if is_root {
            cmd::command("apt-get")
        } else {
            let mut sudo = cmd::command("sudo");
            sudo.arg("apt-get");
            sudo
        };
        command.args(args).env("DEBIAN_FRONTEND", "noninteractive");
        command
    };
    if !is_root && cmd::which("sudo").is_none() {
        bail!(
            "setup: {} missing: run `apt-get install -y {}` as root",
            missing.join(", "),
            missing.join(" ")
        );
    }
    cmd::run(&mut apt(&["update"]))?;
    let mut install = vec!["install", "-y"];
    install.extend(&missing);
    cmd::run(&mut apt(&install))
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOCK: &str = r#"
[[package]]
name = "wasm-bindgen"
version = "0.2.130"
source = "registry+https://github.com/rust-lang/crates.io-index"

[[package]]
name = "wasm-bindgen-backend"
version = "0.2.130"

[[package]]
name = "serde"
version = "1.0.228"
"#;

    #[test]
    fn reads_the_locked_version_of_exactly_that_package() {
        assert_eq!(locked_versions(LOCK, "wasm-bindgen"), ["0.2.130"]);
        assert_eq!(locked_versions(LOCK, "serde"), ["1.0.228"]);
        assert!(locked_versions(LOCK, "yew").is_empty());
    }
}
