//! `cargo xtask web`: the WebAssembly builds.
//!
//! The component (`web/component`) has a pipeline of its own, in component.rs. Both
//! wasm-bindgen crates go through the same pipeline: `cargo build` for wasm32 with the
//! `wasm-release` profile, the wasm-bindgen CLI (`--target web`), then npm's wasm-opt
//! ([`WASM_OPT_ARGS`]).
//! The JS package lands in `web/wasm/pkg/`, the app in `web/app/dist/`; both folders are
//! build outputs (ignored by git) and are recreated on each build.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::SystemTime;

use anyhow::{Context, Result, bail};

use crate::cmd::{self, Workspace, announce, note};
use crate::component;
use crate::setup::{self, WASM_TARGET};

/// The cargo profile for WebAssembly (root Cargo.toml: release, `opt-level = "z"`,
/// `panic = "abort"`).
pub const WASM_PROFILE: &str = "wasm-release";

/// How npm's wasm-opt shrinks every module: the JS package's, the app's and the
/// component's. Measured on the engine's module, gzipped:
/// - `-Os`, not `-Oz`: the module is larger, but smaller gzipped, as it is sent
///   (1.1 KB less);
/// - `--low-memory-unused` folds added constants into load and store offsets (4.9 KB
///   less). It lets wasm-opt assume that no address below 1 KB is reached by an addition
///   that wraps past 4 GB; the offset form traps where the addition would have wrapped.
///   A Rust module reaches those addresses only through a pointer within 1 KB of 4 GB,
///   which a module of a few megabytes of memory never holds.
pub const WASM_OPT_ARGS: &[&str] = &["-Os", "--low-memory-unused"];

/// What wasm-opt also drops from the wasm-bindgen modules (not the component's, which
/// `jco new` reads further): the `producers` and `target_features` custom sections, which
/// no browser reads (231 B of the engine's module, gzipped).
const STRIP_ARGS: &[&str] = &["--strip-producers", "--strip-target-features"];

/// A crate that compiles to a WebAssembly module plus its JS glue.
#[derive(Debug)]
pub struct WebCrate {
    /// Cargo package name.
    pub package: &'static str,
    /// Its folder, relative to the repository root.
    pub dir: &'static str,
    /// Where the build output goes, relative to the repository root.
    pub out_dir: &'static str,
    /// wasm-bindgen `--out-name`: the output is `NAME.js` and `NAME_bg.wasm`.
    pub out_name: &'static str,
    /// Whether to emit TypeScript declarations (`NAME.d.ts`).
    pub typescript: bool,
    /// Whether the glue exports `__wbg_reset_state`, which instantiates the module afresh:
    /// the JS package restarts the engine with it after a trap (pkg-files/caucus.js).
    pub reset_state: bool,
}

/// `web/wasm`: the JS API and the embeddable element, as a package folder.
pub const WASM_PACKAGE: WebCrate = WebCrate {
    package: "caucus-wasm",
    dir: "web/wasm",
    out_dir: "web/wasm/pkg",
    out_name: "caucus_wasm",
    typescript: true,
    reset_state: true,
};

/// `web/app`: the Yew drafting app, as a folder of static files.
pub const APP: WebCrate = WebCrate {
    package: "caucus-web",
    dir: "web/app",
    out_dir: "web/app/dist",
    out_name: "caucus_web",
    typescript: false,
    reset_state: false,
};

/// Files at the top of `web/app/` that are copied into `dist/` beside the module.
const APP_STATIC_EXTENSIONS: &[&str] = &[
    "html",
    "css",
    "js",
    "mjs",
    "svg",
    "ico",
    "png",
    "webmanifest",
    "txt",
    "woff2",
];

/// Folders under `web/app/` copied whole into `dist/`.
const APP_STATIC_DIRS: &[&str] = &["static", "assets"];

/// Folder under `web/wasm/` whose files are copied into `pkg/` (package.json, the
/// custom-element module, README).
const PACKAGE_FILES_DIR: &str = "pkg-files";

/// The built-in clause pack's files, which the JS package carries beside its module
/// rather than in it (web/wasm/examples/builtin_pack.rs writes it).
const BUILTIN_PACK: &str = "caucus_pack.json";

/// Which outputs to build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outputs {
    /// The JS package, the app and the component.
    All,
    /// Only the app (what `serve` needs).
    App,
    /// Only the JS package.
    Package,
    /// Only the WebAssembly component (`target/component/caucus.wasm`, see component.rs).
    Component,
}

/// Builds the selected outputs: the wasm-bindgen crates, then the component. A crate
/// that does not exist yet is skipped with a note.
/// Without npm's wasm-opt the module is left unoptimised with a note, unless
/// `require_wasm_opt` (as in `test`), which makes that an error.
///
/// Both crates compile in one `cargo build`, and their wasm-opt runs go side by side:
/// each final LTO link and each wasm-opt run is single-threaded, so on two cores this
/// takes about half the time of one crate after the other.
pub fn run(outputs: Outputs, require_wasm_opt: bool) -> Result<()> {
    if outputs != Outputs::Component {
        build_bindgen_crates(outputs, require_wasm_opt)?;
    }
    if matches!(outputs, Outputs::All | Outputs::Component) {
        component::build(require_wasm_opt)?;
    }
    Ok(())
}

/// The JS package and the app, the crates that go through wasm-bindgen.
fn build_bindgen_crates(outputs: Outputs, require_wasm_opt: bool) -> Result<()> {
    let workspace = Workspace::load()?;
    let mut crates = Vec::new();
    if matches!(outputs, Outputs::All | Outputs::Package) && exists(&workspace, &WASM_PACKAGE) {
        crates.push(&WASM_PACKAGE);
    }
    if matches!(outputs, Outputs::All | Outputs::App) && exists(&workspace, &APP) {
        crates.push(&APP);
    }
    if crates.is_empty() {
        return Ok(());
    }

    let mut cargo = cmd::cargo();
    cargo.args(["build", "--target", WASM_TARGET, "--profile", WASM_PROFILE]);
    for krate in &crates {
        cargo.args(["--package", krate.package]);
    }
    cmd::run(&mut cargo)?;

    check_wasm_bindgen()?;
    let mut modules = Vec::new();
    for krate in &crates {
        modules.push(bindgen(krate)?);
    }
    optimise(&modules, require_wasm_opt)?;

    for krate in &crates {
        if krate.package == WASM_PACKAGE.package {
            copy_package_files()?;
            write_builtin_pack()?;
            report_sizes(krate, |p| {
                has_extension(p, "wasm") || p.ends_with(BUILTIN_PACK)
            })?;
        } else {
            copy_app_files()?;
            report_sizes(krate, |_| true)?;
        }
    }
    Ok(())
}

/// Whether `krate` exists as a workspace member; notes why when it does not.
pub fn exists(workspace: &Workspace, krate: &WebCrate) -> bool {
    let manifest = cmd::repo_root().join(krate.dir).join("Cargo.toml");
    if !manifest.is_file() {
        note(&format!(
            "skipping {}: crate {} does not exist yet",
            krate.dir, krate.package
        ));
        return false;
    }
    if !workspace.has(krate.package) {
        note(&format!(
            "skipping {}: crate {} is not a workspace member yet (add \"{}\" to [workspace] members in Cargo.toml)",
            krate.dir, krate.package, krate.dir
        ));
        return false;
    }
    true
}

/// Runs wasm-bindgen on the module cargo built for `krate`, into a fresh output folder;
/// returns the `NAME_bg.wasm` it wrote.
fn bindgen(krate: &WebCrate) -> Result<PathBuf> {
    let module = built_module(krate)?;
    let out_dir = cmd::repo_root().join(krate.out_dir);
    if out_dir.exists() {
        fs::remove_dir_all(&out_dir)
            .with_context(|| format!("cannot remove the old {}", krate.out_dir))?;
    }
    fs::create_dir_all(&out_dir).with_context(|| format!("cannot create {}", krate.out_dir))?;
    let mut bindgen = cmd::command(setup::wasm_bindgen());
    bindgen
        .args(["--target", "web", "--out-dir"])
        .arg(&out_dir)
        .args(["--out-name", krate.out_name]);
    if !krate.typescript {
        bindgen.arg("--no-typescript");
    }
    if krate.reset_state {
        bindgen.arg("--experimental-reset-state-function");
    }
    bindgen.arg(&module);
    cmd::run(&mut bindgen)?;
    Ok(out_dir.join(format!("{}_bg.wasm", krate.out_name)))
}

/// The `.wasm` cargo produced for `krate`: `caucus_wasm.wasm` for a library,
/// `caucus-web.wasm` for a binary; the newer one if both are there.
fn built_module(krate: &WebCrate) -> Result<PathBuf> {
    let dir = cmd::target_dir().join(WASM_TARGET).join(WASM_PROFILE);
    let candidates = [
        dir.join(format!("{}.wasm", krate.package.replace('-', "_"))),
        dir.join(format!("{}.wasm", krate.package)),
    ];
    candidates
        .iter()
        .filter_map(|path| {
            let modified = path.metadata().and_then(|m| m.modified()).ok()?;
            Some((modified, path))
        })
        .max_by_key(|(modified, _): &(SystemTime, _)| *modified)
        .map(|(_, path)| path.clone())
        .with_context(|| {
            format!(
                "cargo built {} but no .wasm is in {}: give the crate `crate-type = [\"cdylib\"]` (a library) or a `main` (a binary)",
                krate.package,
                dir.display()
            )
        })
}

/// The wasm-bindgen CLI must be present and match Cargo.lock.
fn check_wasm_bindgen() -> Result<()> {
    let wanted = setup::locked_wasm_bindgen()?;
    match (setup::wasm_bindgen_version(), wanted) {
        (None, _) => bail!("the wasm-bindgen CLI is not installed: run `cargo xtask setup`"),
        (Some(found), Some(wanted)) if found != wanted => bail!(
            "wasm-bindgen CLI {found} does not match wasm-bindgen {wanted} in Cargo.lock: run `cargo xtask setup`"
        ),
        _ => Ok(()),
    }
}

/// Shrinks the modules in place with npm's wasm-opt, all at once.
fn optimise(modules: &[PathBuf], require_wasm_opt: bool) -> Result<()> {
    let wasm_opt = setup::wasm_opt();
    if !wasm_opt.is_file() {
        if require_wasm_opt {
            bail!(
                "{} is missing: run `cargo xtask setup` (npm ci installs binaryen)",
                wasm_opt.display()
            );
        }
        note(
            "wasm-opt not installed (run `cargo xtask setup`): the modules are not size-optimised",
        );
        return Ok(());
    }
    let commands = modules
        .iter()
        .map(|wasm| {
            let mut command = cmd::command(&wasm_opt);
            command
                .args(WASM_OPT_ARGS)
                .args(STRIP_ARGS)
                .arg(wasm)
                .arg("-o")
                .arg(wasm.with_extension("opt.wasm"));
            command
        })
        .collect();
    cmd::run_all(commands)?;
    for wasm in modules {
        let optimised = wasm.with_extension("opt.wasm");
        fs::rename(&optimised, wasm)
            .with_context(|| format!("cannot move {} into place", optimised.display()))?;
    }
    Ok(())
}

/// Writes [`BUILTIN_PACK`] into the package folder with the native engine, which embeds
/// the pack (a debug build, shared with the Node tests' native comparison).
fn write_builtin_pack() -> Result<()> {
    let out = cmd::repo_root()
        .join(WASM_PACKAGE.out_dir)
        .join(BUILTIN_PACK);
    let mut cargo = cmd::cargo();
    cargo
        .args([
            "run",
            "-q",
            "-p",
            WASM_PACKAGE.package,
            "--example",
            "builtin_pack",
            "--",
        ])
        .arg(&out);
    cmd::run(&mut cargo)
}

/// Copies `web/wasm/pkg-files/` into the package, or writes a package.json when the
/// wasm crate provides none.
fn copy_package_files() -> Result<()> {
    let root = cmd::repo_root();
    let from = root.join(WASM_PACKAGE.dir).join(PACKAGE_FILES_DIR);
    let to = root.join(WASM_PACKAGE.out_dir);
    if from.is_dir() {
        copy_tree(&from, &to)?;
    }
    let manifest = to.join("package.json");
    if !manifest.exists() {
        let name = WASM_PACKAGE.out_name;
        let json = format!(
            concat!(
                "{{\n",
                "  \"name\": \"{package}\",\n",
                "  \"version\": \"{version}\",\n",
                "  \"description\": \"caucus clause engine for JavaScript (WebAssembly)\",\n",
                "  \"license\": \"MIT OR Apache-2.0\",\n",
                "  \"type\": \"module\",\n",
                "  \"main\": \"{name}.js\",\n",
                "  \"module\": \"{name}.js\",\n",
                "  \"types\": \"{name}.d.ts\"\n",
                "}}\n"
            ),
            package = WASM_PACKAGE.package,
            version = env!("CARGO_PKG_VERSION"),
            name = name,
        );
        fs::write(&manifest, json)
            .with_context(|| format!("cannot write {}", manifest.display()))?;
    }
    Ok(())
}

/// Copies the app's page, styles and static folders into `dist/`.
fn copy_app_files() -> Result<()> {
    let root = cmd::repo_root();
    let app = root.join(APP.dir);
    let dist = root.join(APP.out_dir);
    if !app.join("index.html").is_file() {
        bail!(
            "{}/index.html is missing: the app needs a page that loads {}.js",
            APP.dir,
            APP.out_name
        );
    }
    for entry in read_dir_sorted(&app)? {
        if entry.is_file()
            && APP_STATIC_EXTENSIONS
                .iter()
                .any(|ext| has_extension(&entry, ext))
        {
            copy_file(&entry, &dist.join(file_name(&entry)))?;
        }
    }
    for dir in APP_STATIC_DIRS {
        let from = app.join(dir);
        if from.is_dir() {
            copy_tree(&from, &dist.join(dir))?;
        }
    }
    Ok(())
}

fn copy_tree(from: &Path, to: &Path) -> Result<()> {
    fs::create_dir_all(to).with_context(|| format!("cannot create {}", to.display()))?;
    for entry in read_dir_sorted(from)? {
        let target = to.join(file_name(&entry));
        if entry.is_dir() {
            copy_tree(&entry, &target)?;
        } else {
            copy_file(&entry, &target)?;
        }
    }
    Ok(())
}

fn copy_file(from: &Path, to: &Path) -> Result<()> {
    fs::copy(from, to)
        .map(drop)
        .with_context(|| format!("cannot copy {} to {}", from.display(), to.display()))
}

fn read_dir_sorted(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut entries = fs::read_dir(dir)
        .with_context(|| format!("cannot read {}", dir.display()))?
        .map(|entry| entry.map(|e| e.path()))
        .collect::<Result<Vec<_>, _>>()
        .with_context(|| format!("cannot read {}", dir.display()))?;
    entries.sort();
    Ok(entries)
}

fn file_name(path: &Path) -> &std::ffi::OsStr {
    path.file_name().unwrap_or(path.as_os_str())
}

fn has_extension(path: &Path, ext: &str) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case(ext))
}

/// Prints raw and gzipped sizes of the output files that `select` picks, and their total.
fn report_sizes(krate: &WebCrate, select: impl Fn(&Path) -> bool) -> Result<()> {
    let out_dir = cmd::repo_root().join(krate.out_dir);
    let mut files = Vec::new();
    collect_files(&out_dir, &mut files)?;
    files.retain(|f| select(f));
    announce(&format!("sizes in {} (bytes)", krate.out_dir));
    println!("    {:>10}  {:>10}  file", "raw", "gzip -9");
    let (mut raw_total, mut gz_total) = (0, Some(0));
    for file in &files {
        let raw = file.metadata().map(|m| m.len()).unwrap_or(0);
        let gz = gzip_size(file);
        raw_total += raw;
        gz_total = gz_total.zip(gz).map(|(total, size)| total + size);
        let name = file.strip_prefix(&out_dir).unwrap_or(file);
        println!(
            "    {:>10}  {:>10}  {}",
            raw,
            gz.map_or_else(|| "-".to_owned(), |g| g.to_string()),
            name.display()
        );
    }
    if files.len() > 1 {
        println!(
            "    {:>10}  {:>10}  total",
            raw_total,
            gz_total.map_or_else(|| "-".to_owned(), |g| g.to_string())
        );
    }
    Ok(())
}

fn collect_files(dir: &Path, files: &mut Vec<PathBuf>) -> Result<()> {
    for entry in read_dir_sorted(dir)? {
        if entry.is_dir() {
            collect_files(&entry, files)?;
        } else {
            files.push(entry);
        }
    }
    Ok(())
}

/// The size of `gzip -9 -c FILE`, what a server compressing at the highest level sends.
pub fn gzip_size(file: &Path) -> Option<u64> {
    let output = cmd::command("gzip")
        .args(["-9", "-c"])
        .arg(file)
        .stderr(Stdio::null())
        .output()
        .ok()?;
    output
        .status
        .success()
        .then_some(output.stdout.len() as u64)
}
