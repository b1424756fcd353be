//! One case's journey: named and claimed by the reader, assembled and rendered by a
//! worker, written by a writer, ending as an [`Outcome`] (a line of the report).

use super::cases::{Place, RawCase};
use super::name::NameTemplate;
use crate::cli::Format;
use crate::generate::render;
use crate::output::{file_in, write_via};
use caucus_core::{Diagnostic, Options, Pack};
use serde::Serialize;
use serde_json::Value;
use std::collections::HashMap;
use std::path::PathBuf;

/// One case on its way to a worker.
#[derive(Debug)]
pub struct Job {
    pub n: u64,
    pub place: Place,
    pub offset: u64,
    pub input: Result<(Value, Vec<Target>), Vec<Diagnostic>>,
}

/// A document of a case and the file it goes to.
#[derive(Debug)]
pub struct Target {
    pub kind: String,
    pub file: String,
}

/// What happened to one case: a line of the report.
#[derive(Debug, Serialize)]
pub struct Outcome {
    pub case: u64,
    pub place: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub row: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
    pub status: &'static str,
    pub files: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<Diagnostic>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<Diagnostic>,
    #[serde(skip)]
    pub offset: u64,
}

/// What every worker needs.
pub struct Work<'a> {
    pub pack: &'a Pack,
    pub format: Format,
    pub out_dir: PathBuf,
    pub tmp_dir: PathBuf,
    pub force: bool,
    /// The document asked for by name: only it is assembled, and its absence is a failure.
    pub only: Option<String>,
}

/// Names a case's files and claims the names; a name already claimed fails the case.
pub fn name_case(
    n: u64,
    raw: RawCase,
    kinds: &[String],
    template: &NameTemplate,
    extension: &str,
    defaults: &Value,
    claimed: &mut HashMap<String, (u64, Place)>,
) -> Job {
    let input = raw.value.and_then(|value| {
        let mut targets = Vec::with_capacity(kinds.len());
        for kind in kinds {
            let stem = template.render(n, kind, &value, defaults);
            if stem.is_empty() {
                return Err(vec![
                    Diagnostic::error(
                        "empty-name",
                        "",
                        "the --name template gives an empty file name for this case",
                    )
                    .hint("set the options the template uses, or add {number} to the template"),
                ]);
            }
            let file = format!("{stem}.{extension}");
            if let Some((_, place)) = claimed.get(&file.to_lowercase()) {
                return Err(vec![
                    Diagnostic::error(
                        "name-collision",
                        "",
                        format!("the file name {file} is already used by {place}"),
                    )
                    .hint("make the --name template unique, for example with {number}"),
                ]);
            }
            targets.push(Target {
                kind: kind.clone(),
                file,
            });
        }
        for t in &targets {
            claimed.insert(t.file.to_lowercase(), (n, raw.place));
        }
        Ok((value, targets))
    });
    Job {
        n,
        place: raw.place,
        offset: raw.offset,
        input,
    }
}

/// A case assembled and rendered by a worker, on its way to a writer.
#[derive(Debug)]
pub struct Rendered {
    outcome: Outcome,
    /// Each file's name and bytes; `Err` when the case failed before it had any.
    files: Result<Vec<(String, Vec<u8>)>, Vec<Diagnostic>>,
}

/// Assembles and renders one case: the work for the processor, no file is touched.
pub fn render_case(work: &Work<'_>, job: Job) -> Rendered {
    let (row, line) = match job.place {
        Place::Row { row, line } => (Some(row), Some(line)),
        Place::Line(line) => (None, Some(line)),
        Place::Element(_) => (None, None),
    };
    let mut outcome = Outcome {
        case: job.n,
        place: job.place.to_string(),
        row,
        line,
        status: "failed",
        files: Vec::new(),
        errors: Vec::new(),
        warnings: Vec::new(),
        offset: job.offset,
    };
    let files = (|| -> Result<Vec<(String, Vec<u8>)>, Vec<Diagnostic>> {
        let (value, targets) = job.input?;
        let options = Options::from_value(value).map_err(problems)?;
        let mut assembly = match &work.only {
            Some(kind) => work.pack.assemble_document(&options, kind),
            None => work.pack.assemble(&options),
        }
        .map_err(problems)?;
        outcome.warnings = std::mem::take(&mut assembly.diagnostics);
        let mut files = Vec::with_capacity(targets.len());
        for target in targets {
            match assembly.document(&target.kind) {
                Some(doc) => files.push((target.file, render(doc, work.format))),
                // Asked for by name: its absence is the case's failure, with the reason.
                None if work.only.is_some() => {
                    let missing = work.pack.document_in(&assembly, &target.kind).err();
                    return Err(missing.map(|d| d.0).unwrap_or_default());
                }
                None => {}
            }
        }
        Ok(files)
    })();
    Rendered { outcome, files }
}

/// Writes a rendered case's files, each flushed to the disk before it takes its name:
/// the work for a writer, which mostly waits for the disk.
pub fn write_case(work: &Work<'_>, rendered: Rendered) -> Outcome {
    let Rendered { mut outcome, files } = rendered;
    let result = files.and_then(|files| {
        // Checked first, so that a case whose files exist usually writes none of them. A
        // case of one file is not: its name is claimed atomically below, which fails as
        // surely, and a look beforehand cost a system call for every file of a batch.
        if !work.force && files.len() > 1 {
            for (file, _) in &files {
                if work.out_dir.join(file).exists() {
                    return Err(vec![exists(file, work)]);
                }
            }
        }
        for (i, (file, bytes)) in files.into_iter().enumerate() {
            let tmp = work.tmp_dir.join(format!("{}-{i}", outcome.case));
            let path = file_in(&work.out_dir, &file)
                .map_err(|e| vec![Diagnostic::error("unsafe-name", "", format!("{e:#}"))])?;
            // Without --force, a file that another process wrote since the check above
            // is kept, and this case reports it: the name is claimed atomically.
            match write_via(&tmp, &path, &bytes, work.force) {
                Ok(()) => outcome.files.push(file),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    return Err(vec![exists(&file, work)]);
                }
                Err(e) => {
                    return Err(vec![Diagnostic::error(
                        "write-failed",
                        "",
                        format!("cannot write {file}: {e}"),
                    )]);
                }
            }
        }
        Ok(())
    });
    match result {
        Ok(()) => outcome.status = "written",
        Err(errors) => outcome.errors = errors,
    }
    outcome
}

fn exists(file: &str, work: &Work<'_>) -> Diagnostic {
    Diagnostic::error(
        "file-exists",
        "",
        format!("{file} already exists in {}", work.out_dir.display()),
    )
    .hint("use --force to overwrite existing files")
}

fn problems(d: caucus_core::Diagnostics) -> Vec<Diagnostic> {
    d.0.into_iter().filter(Diagnostic::is_error).collect()
}
