//! The `caucus` command line tool. `main.rs` is glue: it parses the arguments and calls
//! [`run`], which runs one command and returns its exit code; errors go to stderr
//! prefixed `caucus:`.
//!
//! It is a library too, so that the fuzz targets (`fuzz/`) and the tests that replay
//! their findings reach the options files' reader ([`input`]), the batch reader
//! ([`batch::cases`]) and file naming ([`batch::name`], [`output`]) without running the
//! binary. Nothing here is a stable API.
//!
//! Exit codes: 0 success, 1 error, 2 a batch that wrote some documents and failed others.

pub mod batch;
mod check;
mod clauses;
pub mod cli;
mod generate;
mod init;
pub mod input;
mod locate;
pub mod output;
mod pack;

use anyhow::Result;
use cli::{Cli, Command};
use std::process::ExitCode;

/// Runs the command `cli` names.
pub fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Generate(args) => generate::run(&args),
        Command::Batch(args) => batch::run(&args),
        Command::Check(args) => check::run(&args),
        Command::Schema => {
            let mut text = serde_json::to_string_pretty(&caucus_core::schema())?;
            text.push('\n');
            output::write_stdout(text.as_bytes())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Clauses(args) => clauses::run(&args),
        Command::Init(args) => init::run(&args),
    }
}
