//! `cargo xtask`: every build and check of caucus in one place. CI runs
//! `cargo xtask test` (through `.ci/run`) and nothing else, so what passes here passes there.
//!
//! Each subcommand prints every command it runs as `==> command` and, when one fails,
//! exits 1 with an error naming that step.
//!
//! - `cargo xtask setup [--apt]` installs what is missing, and does nothing (in well
//!   under a second) when everything is present: rustfmt and clippy, the
//!   `wasm32-unknown-unknown` target (rustup), the wasm-bindgen CLI at exactly the version
//!   of the `wasm-bindgen` crate in Cargo.lock (`cargo install wasm-bindgen-cli --version X`,
//!   about 3 minutes), and the npm dev dependencies of the root package.json (`npm ci` when
//!   node_modules is missing or was installed from another package-lock.json). With
//!   `--apt` it also installs the Debian packages chromium, libreoffice-writer and
//!   poppler-utils (`apt-get update && apt-get install -y`) when `/usr/bin/chromium`,
//!   `soffice`/`libreoffice` or `pdftotext` is missing. For the component's Python host
//!   tests it makes a virtual environment in `target/venv` with `wasmtime` from PyPI at
//!   the version pinned in component.rs (`python3 -m venv`, `pip install wasmtime==X`)
//!   when that is missing.
//!
//! - `cargo xtask web [app|package|component]` builds the WebAssembly outputs: for each
//!   wasm-bindgen crate,
//!   `cargo build --target wasm32-unknown-unknown --profile wasm-release`, then
//!   `wasm-bindgen --target web`, then npm's `wasm-opt -Os --low-memory-unused` (never
//!   Debian's, which is too old and corrupts current modules; see `web::WASM_OPT_ARGS`),
//!   then prints the raw and `gzip -9` sizes.
//!   * `package`: crate caucus-wasm (`web/wasm`) → `web/wasm/pkg/` with `caucus_wasm.js`
//!     (the glue, with wasm-bindgen's `--experimental-reset-state-function` so that the
//!     module can be restarted after a trap), `caucus_wasm_bg.wasm`, `caucus_wasm.d.ts`;
//!     every file in `web/wasm/pkg-files/` is copied in (package.json, the entry point
//!     `caucus.js` that guards the glue, the custom-element module, README); without a
//!     `pkg-files/package.json` a minimal ES-module package.json is written.
//!   * `app`: crate caucus-web (`web/app`) → `web/app/dist/` with `caucus_web.js` and
//!     `caucus_web_bg.wasm`, plus `web/app/index.html` and the other page files at the top
//!     of `web/app/` (.css, .js, .mjs, .svg, .ico, .png, .webmanifest, .txt, .woff2) and
//!     the folders `web/app/static/` and `web/app/assets/`.
//!
//!   * `component`: crate caucus-component (`web/component`) → `target/component/caucus.wasm`,
//!     the engine as a WebAssembly component: `cargo build` for `wasm32-unknown-unknown`,
//!     `wasm-opt -Os --low-memory-unused`, then `jco new` (npm's `@bytecodealliance/jco`). It prints the raw and
//!     gzipped size against the budget, and the component's imports (`jco wit`).
//!
//!   A crate that does not exist yet, or is not yet a workspace member, is skipped with a
//!   note. Without an argument all three are built.
//!
//! - `cargo xtask serve [--port N]` sets up the Rust target, the wasm-bindgen CLI and
//!   (when npm is installed) wasm-opt, builds the app, and serves `web/app/dist` on
//!   http://127.0.0.1:8080 (or port N) with a small static file server: GET and HEAD,
//!   a thread per connection, MIME types for .wasm/.js/.css and the rest, `index.html`
//!   for folders, no path outside the folder. It listens on loopback only and makes no
//!   outgoing connection. Ctrl-C stops it.
//!
//! - `cargo xtask test` runs, in order, stopping at the first failure: the full setup
//!   (with `--apt`), `cargo fmt --all -- --check`, `cargo clippy --workspace --all-targets
//!   -- -D warnings`, clippy for the wasm crates on `wasm32-unknown-unknown`, `cargo test
//!   --workspace --no-fail-fast` (every test binary runs, so one log shows every failing
//!   test; the LibreOffice check of Word output is among them), a wasm32 build of caucus-core (`wasm-release` profile, shared with the
//!   web builds), `cargo xtask web`, the Node.js tests (`node --test
//!   web/wasm/tests/*.test.mjs`), the component's host tests (Python: `target/venv/bin/python
//!   -m unittest discover -s web/component/tests`; Node.js through jco: `node --test
//!   web/component/tests/*.test.mjs`) and the browser tests (`node --test
//!   tests/browser/*.test.mjs`, playwright-core driving /usr/bin/chromium). It ends with
//!   the time of each step and a line `xtask test: all N steps passed in T`.
//!
//! - `cargo xtask bench [-- ARGS]` runs the benchmark targets of caucus-core (`cargo bench
//!   -p caucus-core --bench '*'`: the criterion benchmarks) and, once the root package has
//!   a `benches/` folder, those of caucus (the CLI's batch benchmark), each printing its own
//!   figures; ARGS go to every benchmark binary (e.g. a criterion name filter). When the
//!   component has been built, it then prints its per-call times from Node.js and Python.
//!
//! - `cargo xtask fuzz [TARGET] [-- ARGS]` runs the cargo-fuzz targets of `fuzz/`
//!   (`options`, `pack`, `csv_rows`; all when no TARGET) on nightly Rust, installing the
//!   nightly toolchain and cargo-fuzz when missing. ARGS go to libFuzzer (`-runs=N`,
//!   `-max_total_time=S`, `-jobs=1`); without them each target runs for 60 s. The seeds
//!   and reproducers in `fuzz/seeds/` are replayed on stable by `cargo xtask test`
//!   (tests/fuzz.rs). See xtask/src/fuzz.rs.
//!
//! Colours are off (`CARGO_TERM_COLOR=never`) when the output is not a terminal.
//! Arguments are parsed by hand and the only dependency is anyhow, so xtask itself
//! compiles in seconds.

mod bench;
mod cmd;
mod component;
mod fuzz;
mod serve;
mod setup;
mod test;
mod web;

use std::process::ExitCode;

use anyhow::{Context, Result, bail};

use crate::setup::Setup;
use crate::web::Outputs;

const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  setup [--apt]        install what is missing: wasm32 target, wasm-bindgen CLI (as in
                       Cargo.lock), npm packages, Python wasmtime in target/venv;
                       --apt: chromium, LibreOffice, pdftotext
  web [app|package|component]
                       build web/app/dist, web/wasm/pkg and target/component/caucus.wasm
                       (all three when no argument)
  serve [--port N] [--built]
                       build the app and serve it on http://127.0.0.1:8080 (or port N),
                       gzipped, under the app's Content-Security-Policy; --built serves
                       web/app/dist as it is (the browser tests do)
  test                 everything CI checks: fmt, clippy, tests, wasm builds, JS tests
  bench [-- ARGS]      criterion benchmarks (ARGS go to criterion)
  fuzz [TARGET] [-- ARGS]
                       the fuzz targets (options, pack, csv_rows) on nightly with
                       cargo-fuzz; ARGS go to libFuzzer (default -max_total_time=60)
";

/// A parsed command line.
#[derive(Debug, PartialEq, Eq)]
enum Task {
    Help,
    Setup {
        apt: bool,
    },
    Web(Outputs),
    Serve {
        port: u16,
        build: bool,
    },
    Test,
    Bench(Vec<String>),
    Fuzz {
        target: Option<String>,
        args: Vec<String>,
    },
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match parse(&args).and_then(run) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(task: Task) -> Result<()> {
    match task {
        Task::Help => {
            print!("{USAGE}");
            Ok(())
        }
        Task::Setup { apt } => setup::run(Setup { apt, ..Setup::ALL }),
        Task::Web(outputs) => web::run(outputs, false),
        Task::Serve { port, build } => {
            if build {
                setup::run(Setup {
                    rust: true,
                    wasm_bindgen: true,
                    npm: cmd::which("npm").is_some(),
                    python: false,
                    apt: false,
                })?;
                web::run(Outputs::App, false)?;
            }
            let dist = cmd::repo_root().join(web::APP.out_dir);
            if !dist.is_dir() {
                bail!(
                    "{} does not exist: the app (crate {}) has not been built",
                    web::APP.out_dir,
                    web::APP.package
                );
            }
            serve::serve(&dist, port)
        }
        Task::Test => test::run(),
        Task::Bench(extra) => bench::run(&extra),
        Task::Fuzz { target, args } => fuzz::run(target.as_deref(), &args),
    }
}

fn parse(args: &[String]) -> Result<Task> {
    let Some((command, rest)) = args.split_first() else {
        return Ok(Task::Help);
    };
    let task = match command.as_str() {
        "help" | "-h" | "--help" => Task::Help,
        "setup" => match rest {
            [] => Task::Setup { apt: false },
            [flag] if flag == "--apt" => Task::Setup { apt: true },
            _ => bail!("`setup` takes only `--apt`, got `{}`", rest.join(" ")),
        },
        "web" => match rest {
            [] => Task::Web(Outputs::All),
            [which] if which == "app" => Task::Web(Outputs::App),
            [which] if which == "package" => Task::Web(Outputs::Package),
            [which] if which == "component" => Task::Web(Outputs::Component),
            _ => bail!(
                "`web` takes `app`, `package`, `component` or nothing, got `{}`",
                rest.join(" ")
            ),
        },
        "serve" => {
            let build = !rest.iter().any(|a| a == "--built");
            let rest: Vec<String> = rest.iter().filter(|a| *a != "--built").cloned().collect();
            Task::Serve {
                port: parse_port(&rest)?,
                build,
            }
        }
        "test" => match rest {
            [] => Task::Test,
            _ => bail!("`test` takes no arguments, got `{}`", rest.join(" ")),
        },
        "bench" => match rest {
            [] => Task::Bench(Vec::new()),
            [separator, extra @ ..] if separator == "--" => Task::Bench(extra.to_vec()),
            _ => bail!(
                "`bench` passes arguments to criterion after `--`, got `{}`",
                rest.join(" ")
            ),
        },
        "fuzz" => {
            let (target, rest) = match rest {
                [first, rest @ ..] if first != "--" => (Some(first.clone()), rest),
                _ => (None, rest),
            };
            match rest {
                [] => Task::Fuzz {
                    target,
                    args: Vec::new(),
                },
                [separator, args @ ..] if separator == "--" => Task::Fuzz {
                    target,
                    args: args.to_vec(),
                },
                _ => bail!(
                    "`fuzz` takes a target and libFuzzer arguments after `--`, got `{}`",
                    rest.join(" ")
                ),
            }
        }
        other => bail!("unknown command `{other}`\n\n{USAGE}"),
    };
    Ok(task)
}

/// `--port N` or `--port=N`; the default port without either.
fn parse_port(args: &[String]) -> Result<u16> {
    let value = match args {
        [] => return Ok(serve::DEFAULT_PORT),
        [flag, value] if flag == "--port" => value.as_str(),
        [flag] if flag.starts_with("--port=") => &flag["--port=".len()..],
        _ => bail!(
            "`serve` takes only `--port N` and `--built`, got `{}`",
            args.join(" ")
        ),
    };
    value
        .parse::<u16>()
        .ok()
        .filter(|port| *port != 0)
        .with_context(|| format!("--port: `{value}` is not a port number (1 to 65535)"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_words(line: &str) -> Result<Task> {
        let args: Vec<String> = line.split_whitespace().map(str::to_owned).collect();
        parse(&args)
    }

    #[test]
    fn parses_every_command() {
        assert_eq!(parse_words("").ok(), Some(Task::Help));
        assert_eq!(parse_words("--help").ok(), Some(Task::Help));
        assert_eq!(parse_words("setup").ok(), Some(Task::Setup { apt: false }));
        assert_eq!(
            parse_words("setup --apt").ok(),
            Some(Task::Setup { apt: true })
        );
        assert_eq!(parse_words("web").ok(), Some(Task::Web(Outputs::All)));
        assert_eq!(parse_words("web app").ok(), Some(Task::Web(Outputs::App)));
        assert_eq!(
            parse_words("web package").ok(),
            Some(Task::Web(Outputs::Package))
        );
        assert_eq!(
            parse_words("web component").ok(),
            Some(Task::Web(Outputs::Component))
        );
        assert_eq!(parse_words("test").ok(), Some(Task::Test));
        assert_eq!(
            parse_words("bench -- assemble --quick").ok(),
            Some(Task::Bench(vec!["assemble".into(), "--quick".into()]))
        );
        assert_eq!(
            parse_words("fuzz").ok(),
            Some(Task::Fuzz {
                target: None,
                args: vec![]
            })
        );
        assert_eq!(
            parse_words("fuzz pack -- -runs=10 -jobs=1").ok(),
            Some(Task::Fuzz {
                target: Some("pack".into()),
                args: vec!["-runs=10".into(), "-jobs=1".into()]
            })
        );
        assert_eq!(
            parse_words("fuzz -- -runs=10").ok(),
            Some(Task::Fuzz {
                target: None,
                args: vec!["-runs=10".into()]
            })
        );
        assert!(parse_words("fuzz pack -runs=10").is_err());
    }

    #[test]
    fn parses_ports() {
        assert_eq!(
            parse_words("serve").ok(),
            Some(Task::Serve {
                port: 8080,
                build: true
            })
        );
        assert_eq!(
            parse_words("serve --built --port 9000").ok(),
            Some(Task::Serve {
                port: 9000,
                build: false
            })
        );
        assert_eq!(
            parse_words("serve --port 9000").ok(),
            Some(Task::Serve {
                port: 9000,
                build: true
            })
        );
        assert_eq!(
            parse_words("serve --port=9001").ok(),
            Some(Task::Serve {
                port: 9001,
                build: true
            })
        );
    }

    #[test]
    fn rejects_bad_arguments_with_a_message_naming_them() {
        let message = |line: &str| parse_words(line).err().map(|e| format!("{e:#}"));
        assert!(message("serve --port 0").is_some_and(|m| m.contains("`0`")));
        assert!(message("serve --port eighty").is_some_and(|m| m.contains("`eighty`")));
        assert!(message("serve --host x").is_some_and(|m| m.contains("--host")));
        assert!(message("setup --everything").is_some_and(|m| m.contains("--everything")));
        assert!(message("web docs").is_some_and(|m| m.contains("docs")));
        assert!(message("deploy").is_some_and(|m| m.contains("unknown command `deploy`")));
        assert!(message("bench fast").is_some_and(|m| m.contains("fast")));
    }
}
