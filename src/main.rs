//! The `caucus` command line tool: parses the arguments and runs the command (see the
//! library, `lib.rs`), turning its result into an exit code.
//!
//! Exit codes: 0 success, 1 error, 2 a batch that wrote some documents and failed others.

use caucus::cli::Cli;
use clap::Parser;
use std::process::ExitCode;

/// A batch allocates and frees many small strings and JSON values per case on every
/// core; mimalloc does that markedly faster than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    match caucus::run(Cli::parse()) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("caucus: {e:#}");
            ExitCode::FAILURE
        }
    }
}
