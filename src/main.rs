//! The `caucus` command line tool. `main` is glue: it parses the arguments, runs one
//! command and turns its result into an exit code; errors go to stderr prefixed `caucus:`.
//!
//! Exit codes: 0 success, 1 error, 2 a batch that wrote some documents and failed others.

mod batch;
mod check;
mod clauses;
mod cli;
mod generate;
mod init;
mod input;
mod locate;
mod output;
mod pack;

use anyhow::Result;
use clap::Parser;
use cli::{Cli, Command};
use std::process::ExitCode;

/// A batch allocates and frees many small strings and JSON values per case on every
/// core; mimalloc does that markedly faster than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    match run() {
        Ok(code) => code,
        Err(e) => {
            eprintln!("caucus: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<ExitCode> {
    let cli = Cli::parse();
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
