//! `caucus check`: every error, warning and note about an options file, and nothing else.

use crate::cli::CheckArgs;
use crate::input::Source;
use crate::output;
use crate::pack;
use anyhow::Result;
use caucus_core::{Diagnostic, Severity};
use serde::Serialize;
use std::process::ExitCode;

pub fn run(args: &CheckArgs) -> Result<ExitCode> {
    let source = Source::read(&args.file, args.input_format)?;
    let diagnostics: Vec<Diagnostic> = match source.options() {
        Err(d) => d.0,
        Ok(options) => {
            let pack = pack::load_or_fail(args.pack.clauses.as_deref())?;
            match pack.get().assemble(&options) {
                Ok(assembly) => assembly.diagnostics,
                Err(d) => d.0,
            }
        }
    };
    let count = |s: Severity| diagnostics.iter().filter(|d| d.severity == s).count();
    let errors = count(Severity::Error);

    if args.json {
        #[derive(Serialize)]
        struct Located<'a> {
            #[serde(flatten)]
            diagnostic: &'a Diagnostic,
            file: &'a str,
            line: Option<u32>,
            column: Option<u32>,
        }
        let located: Vec<Located<'_>> = diagnostics
            .iter()
            .map(|d| {
                let at = source.locate(d);
                Located {
                    diagnostic: d,
                    file: &source.label,
                    line: at.map(|a| a.0),
                    column: at.map(|a| a.1),
                }
            })
            .collect();
        let mut text = serde_json::to_string_pretty(&located)?;
        text.push('\n');
        output::write_stdout(text.as_bytes())?;
    } else {
        let mut text = String::new();
        if !diagnostics.is_empty() {
            text.push_str(&source.describe(&diagnostics));
            text.push('\n');
        }
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        text.push_str(&format!(
            "{}: {}, {}, {}\n",
            source.label,
            plural(errors, "error"),
            plural(count(Severity::Warning), "warning"),
            plural(count(Severity::Note), "note"),
        ));
        output::write_stdout(text.as_bytes())?;
    }
    Ok(if errors > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
