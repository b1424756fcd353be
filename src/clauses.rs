//! `caucus clauses`: what a clause pack contains, and whether it is valid.

use crate::cli::ClausesArgs;
use crate::output;
use crate::pack::{self, PackError};
use anyhow::Result;
use caucus_core::Pack;
use caucus_core::pack::DEFINITIONS_TOPIC;
use std::fmt::Write as _;
use std::process::ExitCode;

pub fn run(args: &ClausesArgs) -> Result<ExitCode> {
    // The built-in pack too is validated whole here: this is the command that says
    // whether a pack is valid, and a clause author runs it after editing `clauses/`.
    match pack::load_validated(args.pack.clauses.as_deref()) {
        Ok(loaded) => {
            output::write_stdout(listing(loaded.get()).as_bytes())?;
            Ok(ExitCode::SUCCESS)
        }
        Err(PackError::Io(e)) => Err(e),
        Err(e @ PackError::Invalid { .. }) => {
            let count = match &e {
                PackError::Invalid { diagnostics, .. } => diagnostics.0.len(),
                PackError::Io(_) => 0,
            };
            eprintln!(
                "caucus: {e}\n{count} problem{} found",
                if count == 1 { "" } else { "s" }
            );
            Ok(ExitCode::FAILURE)
        }
    }
}

/// The pack as an indented outline: documents, their topics in order, and each topic's
/// clauses with the condition that selects them.
fn listing(pack: &Pack) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} {}", pack.name, pack.version);
    for doc in &pack.documents {
        let _ = writeln!(
            out,
            "\n{}: \"{}\"{}{}",
            doc.id,
            doc.title,
            if doc.numbered { ", numbered" } else { "" },
            when(&doc.when)
        );
        for topic in &doc.topics {
            let _ = writeln!(out, "  {}{}", topic.id, when(&topic.when));
            if topic.id == DEFINITIONS_TOPIC {
                let _ = writeln!(
                    out,
                    "    (generated from terms.toml: {} defined term{})",
                    pack.terms.len(),
                    if pack.terms.len() == 1 { "" } else { "s" }
                );
                continue;
            }
            for &i in &topic.variants {
                let clause = &pack.clauses[i];
                let _ = writeln!(
                    out,
                    "    {}  \"{}\"  {}{}",
                    clause.id,
                    clause.title,
                    clause.file,
                    when(&clause.when)
                );
            }
        }
    }
    let _ = writeln!(
        out,
        "\n{} documents, {} clauses, {} defined terms: valid",
        pack.documents.len(),
        pack.clauses.len(),
        pack.terms.len()
    );
    out
}

fn when(condition: &caucus_core::pack::Condition) -> String {
    if condition.tests.is_empty() {
        String::new()
    } else {
        format!("  when {condition}")
    }
}
