//! The machine-readable report (`--report report.json`), written as the cases finish so
//! that it never has to be held in memory, and renamed into place at the end.

use super::Outcome;
use crate::output::TMP_MARKER;
use anyhow::{Context, Result, bail};
use serde::Serialize;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// The totals at the end of a batch.
#[derive(Debug, Default, Serialize)]
pub struct Summary {
    pub cases: u64,
    pub written: u64,
    pub failed: u64,
    pub files: u64,
    pub warnings: u64,
    pub out_dir: String,
    pub interrupted: bool,
    /// An input that could not be read to its end.
    pub input_error: Option<String>,
}

#[derive(Debug)]
pub struct Report {
    open: Option<Open>,
}

#[derive(Debug)]
struct Open {
    out: BufWriter<File>,
    tmp: PathBuf,
    path: PathBuf,
    first: bool,
    force: bool,
}

impl Report {
    /// Starts the report, or does nothing without a path.
    pub fn create(path: Option<&Path>, force: bool) -> Result<Report> {
        let Some(path) = path else {
            return Ok(Report { open: None });
        };
        if !force && path.exists() {
            bail!(
                "the report {} already exists; use --force to overwrite it",
                path.display()
            );
        }
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "report.json".into());
        let tmp = path.with_file_name(format!(".{name}{TMP_MARKER}{}", std::process::id()));
        let file = File::create(&tmp)
            .with_context(|| format!("cannot write the report {}", path.display()))?;
        let mut out = BufWriter::new(file);
        out.write_all(b"{\n  \"cases\": [")?;
        Ok(Report {
            open: Some(Open {
                out,
                tmp,
                path: path.to_path_buf(),
                first: true,
                force,
            }),
        })
    }

    /// Adds one case.
    pub fn case(&mut self, outcome: &Outcome) -> Result<()> {
        let Some(open) = &mut self.open else {
            return Ok(());
        };
        open.out
            .write_all(if open.first { b"\n    " } else { b",\n    " })?;
        open.first = false;
        serde_json::to_writer(&mut open.out, outcome)?;
        Ok(())
    }

    /// Writes the summary and puts the report in place.
    pub fn finish(self, summary: &Summary) -> Result<()> {
        let Some(mut open) = self.open else {
            return Ok(());
        };
        let result = (|| -> Result<()> {
            open.out.write_all(b"\n  ],\n  \"summary\": ")?;
            serde_json::to_writer_pretty(&mut open.out, summary)?;
            open.out.write_all(b"\n}\n")?;
            let file = open.out.into_inner().map_err(|e| e.into_error())?;
            // Flushed to the disk, and without --force never over a report another
            // process wrote meanwhile.
            crate::output::place(file, &open.tmp, &open.path, open.force)?;
            Ok(())
        })();
        if result.is_err() {
            let _ = std::fs::remove_file(&open.tmp);
        }
        result.with_context(|| format!("cannot write the report {}", open.path.display()))
    }
}
