//! `caucus batch`: many cases → many files, on every core, with flat memory.
//!
//! Three kinds of thread share the work through bounded channels, so at most a few dozen
//! cases are in memory at any time, whatever the size of the input:
//!
//! - the reader (one) reads cases one at a time, merges each over the base, names its
//!   files and claims the names (so collisions are found in input order, the same on
//!   every run);
//! - the workers (`--jobs`) assemble and render each case;
//! - the writers ([`WRITERS`]) write each case's files atomically, each flushed to the
//!   disk before it takes its name: a flush waits for the disk, which merges flushes
//!   that arrive together, so many writers wait at once while the workers go on;
//! - the main thread collects the outcomes, puts them back in input order, prints the
//!   failures, draws the progress bar and streams the report.
//!
//! Files are written in a hidden folder `.caucus-tmp-PID` inside the output folder and
//! renamed into place, so an interrupted batch leaves no truncated file. Ctrl-C (or
//! SIGTERM) stops reading, lets the files in progress finish and removes the temporary
//! folder; one left behind by a killed process is removed by the next batch.

pub mod cases;
mod columns;
pub mod name;
mod report;
mod work;

use crate::cli::{BatchArgs, CasesFormat};
use crate::input::Source;
use crate::output::{TMP_MARKER, remove_stale_temporaries, sync_dir};
use crate::pack;
use anyhow::{Context, Result, anyhow, bail};
use cases::{Counting, Place, RawCase};
use caucus_core::Options;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use name::NameTemplate;
use report::{Report, Summary};
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};
use std::io::{BufRead, BufReader, IsTerminal};
use std::ops::ControlFlow;
use std::path::Path;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, sync_channel};
use std::sync::{Arc, Mutex};
use work::{Job, Outcome, Rendered, Work, name_case, render_case, write_case};

/// Set by Ctrl-C or SIGTERM.
static STOP: AtomicBool = AtomicBool::new(false);

/// How many cases travel together between threads.
const CHUNK: usize = 16;

/// How many threads write files. Each file is flushed to the disk (fsync) before it is
/// named, and one flush at a time took 5 ms on an ext4 disk; 16 at once took 0.17 ms
/// per file, as the file system commits them together.
const WRITERS: usize = 32;

pub fn run(args: &BatchArgs) -> Result<ExitCode> {
    let jobs = match args.jobs {
        Some(0) => bail!("--jobs must be 1 or more"),
        Some(n) => n,
        None => std::thread::available_parallelism().map_or(2, |n| n.get()),
    };
    let template = NameTemplate::parse(&args.name).map_err(|e| anyhow!(e))?;
    let loaded = pack::load_or_fail(args.pack.clauses.as_deref())?;
    let pack = loaded.get();
    let kinds: Vec<String> = args
        .document
        .ids(pack)?
        .into_iter()
        .map(str::to_owned)
        .collect();
    if kinds.len() > 1 && !template.has_document() {
        bail!(
            "--document all writes {} files per case, so --name must contain {{document}} \
             (for example --name \"{{number}}-{{document}}\")",
            kinds.len()
        );
    }
    let defaults = serde_json::to_value(Options::default())?;
    let base = read_base(args.base.as_deref())?;

    // The input, and its format.
    let (label, total, reader): (String, Option<u64>, Box<dyn BufRead + Send>) =
        if args.cases.as_os_str() == "-" {
            (
                "<stdin>".into(),
                None,
                Box::new(BufReader::with_capacity(1 << 16, std::io::stdin())),
            )
        } else {
            let file = std::fs::File::open(&args.cases)
                .with_context(|| format!("cannot read the cases {}", args.cases.display()))?;
            let size = file.metadata().ok().map(|m| m.len());
            (
                args.cases.display().to_string(),
                size,
                Box::new(BufReader::with_capacity(1 << 16, file)),
            )
        };
    let (counting, count) = Counting::new(reader);
    let mut input = BufReader::with_capacity(1 << 16, counting);
    let format = match args.cases_format.or_else(|| cases_format_of(&args.cases)) {
        Some(f) => f,
        None => cases::sniff(&mut input).context("cannot read the cases")?,
    };
    // The output folder and our temporary folder in it.
    std::fs::create_dir_all(&args.out_dir)
        .with_context(|| format!("cannot create the folder {}", args.out_dir.display()))?;
    remove_stale_temporaries(&args.out_dir);
    let tmp_dir = args
        .out_dir
        .join(format!("{TMP_MARKER}{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp_dir);
    std::fs::create_dir(&tmp_dir)
        .with_context(|| format!("cannot write in the folder {}", args.out_dir.display()))?;
    let mut report = match Report::create(args.report.as_deref(), args.force) {
        Ok(r) => r,
        Err(e) => {
            let _ = std::fs::remove_dir_all(&tmp_dir);
            return Err(e);
        }
    };
    let _ = ctrlc::set_handler(|| STOP.store(true, Ordering::SeqCst));

    let work = Work {
        pack,
        format: args.format,
        out_dir: args.out_dir.clone(),
        tmp_dir: tmp_dir.clone(),
        force: args.force,
        only: args.document.id().map(str::to_owned),
    };
    let bar = progress_bar(total, args.no_progress);
    let mut summary = Summary {
        out_dir: args.out_dir.display().to_string(),
        ..Summary::default()
    };
    let extension = args.format.extension();

    let (fatal, report_error) = std::thread::scope(|s| {
        // Cases travel in chunks, so that the threads meet once per chunk rather than
        // once per case; a few chunks per worker keep every core busy.
        let (job_tx, job_rx) = sync_channel::<Vec<Job>>(jobs * 4);
        let (rendered_tx, rendered_rx) = sync_channel::<Vec<Rendered>>(jobs * 2);
        let (out_tx, out_rx) = sync_channel::<Vec<Outcome>>(jobs * 4);
        let job_rx = Arc::new(Mutex::new(job_rx));
        let rendered_rx = Arc::new(Mutex::new(rendered_rx));

        let reader = s.spawn(|| {
            let mut claimed: HashMap<String, (u64, Place)> = HashMap::new();
            let mut n = 0;
            let mut chunk = Vec::with_capacity(CHUNK);
            let job_tx = job_tx;
            let result = cases::read(
                format,
                input,
                &count,
                &base,
                &defaults,
                &mut |raw: RawCase| {
                    if STOP.load(Ordering::Relaxed) {
                        return ControlFlow::Break(());
                    }
                    n += 1;
                    chunk.push(name_case(
                        n,
                        raw,
                        &kinds,
                        &template,
                        extension,
                        &defaults,
                        &mut claimed,
                    ));
                    if chunk.len() < CHUNK {
                        return ControlFlow::Continue(());
                    }
                    let full = std::mem::replace(&mut chunk, Vec::with_capacity(CHUNK));
                    match job_tx.send(full) {
                        Ok(()) => ControlFlow::Continue(()),
                        Err(_) => ControlFlow::Break(()),
                    }
                },
            );
            if !chunk.is_empty() {
                let _ = job_tx.send(chunk);
            }
            result
        });

        for _ in 0..jobs {
            let job_rx = Arc::clone(&job_rx);
            let rendered_tx = rendered_tx.clone();
            let work = &work;
            s.spawn(move || {
                loop {
                    let chunk = {
                        let Ok(rx) = job_rx.lock() else { return };
                        rx.recv()
                    };
                    let Ok(chunk) = chunk else { return };
                    let rendered: Vec<Rendered> = chunk
                        .into_iter()
                        .take_while(|_| !STOP.load(Ordering::Relaxed))
                        .map(|job| render_case(work, job))
                        .collect();
                    if rendered_tx.send(rendered).is_err() {
                        return;
                    }
                }
            });
        }
        drop(rendered_tx);
        for _ in 0..WRITERS {
            let rendered_rx = Arc::clone(&rendered_rx);
            let out_tx = out_tx.clone();
            let work = &work;
            s.spawn(move || {
                loop {
                    let chunk = {
                        let Ok(rx) = rendered_rx.lock() else { return };
                        rx.recv()
                    };
                    let Ok(chunk) = chunk else { return };
                    let outcomes: Vec<Outcome> = chunk
                        .into_iter()
                        .take_while(|_| !STOP.load(Ordering::Relaxed))
                        .map(|rendered| write_case(work, rendered))
                        .collect();
                    if out_tx.send(outcomes).is_err() {
                        return;
                    }
                }
            });
        }
        drop(out_tx);

        let report_error = collect(out_rx, &label, &bar, &mut report, &mut summary);
        let fatal = reader
            .join()
            .unwrap_or_else(|_| Err(cases::Fatal("the reader stopped unexpectedly".into())));
        (fatal.err(), report_error.err())
    });
    bar.finish_and_clear();
    let _ = std::fs::remove_dir_all(&tmp_dir);
    sync_dir(&args.out_dir);

    summary.interrupted = STOP.load(Ordering::Relaxed);
    if let Some(cases::Fatal(message)) = &fatal {
        eprintln!("caucus: {label}: {message}");
        summary.input_error = Some(message.clone());
    }
    let report_result = match report_error {
        Some(e) => Err(e),
        None => report.finish(&summary),
    };
    print_summary(&summary, args.report.as_deref());
    report_result?;

    let some_failed = summary.failed > 0 || fatal.is_some() || summary.interrupted;
    Ok(if summary.interrupted {
        ExitCode::from(130)
    } else if !some_failed {
        ExitCode::SUCCESS
    } else if summary.written > 0 {
        ExitCode::from(2)
    } else {
        ExitCode::FAILURE
    })
}

/// Receives outcomes, restores input order, and reports each case.
fn collect(
    outcomes: Receiver<Vec<Outcome>>,
    label: &str,
    bar: &ProgressBar,
    report: &mut Report,
    summary: &mut Summary,
) -> Result<()> {
    let mut waiting: BTreeMap<u64, Outcome> = BTreeMap::new();
    let mut next = 1;
    let mut report_result = Ok(());
    let mut handle = |outcome: Outcome, summary: &mut Summary| {
        summary.cases += 1;
        summary.warnings += outcome.warnings.len() as u64;
        if outcome.errors.is_empty() {
            summary.written += 1;
        } else {
            summary.failed += 1;
            bar.suspend(|| {
                for e in &outcome.errors {
                    eprintln!("caucus: {label} {}: {e}", outcome.place);
                }
            });
        }
        summary.files += outcome.files.len() as u64;
        if report_result.is_ok() {
            report_result = report.case(&outcome);
        }
        if summary.cases.is_multiple_of(64) || !outcome.errors.is_empty() {
            bar.set_position(outcome.offset);
            bar.set_message(format!(
                "{} cases, {} failed",
                summary.cases, summary.failed
            ));
        }
    };
    for outcome in outcomes.into_iter().flatten() {
        waiting.insert(outcome.case, outcome);
        while let Some(outcome) = waiting.remove(&next) {
            handle(outcome, summary);
            next += 1;
        }
    }
    // Cases skipped after an interruption leave gaps: report the rest in order.
    for (_, outcome) in std::mem::take(&mut waiting) {
        handle(outcome, summary);
    }
    report_result
}

/// The base options as a value, after checking that they are valid on their own.
fn read_base(path: Option<&Path>) -> Result<Value> {
    let Some(path) = path else {
        return Ok(Value::Object(Default::default()));
    };
    let source = Source::read(path, None)?;
    let value = source
        .value()
        .map_err(|d| crate::generate::options_error(Some(&source), &d.0))?;
    Options::from_value(value.clone())
        .map_err(|d| crate::generate::options_error(Some(&source), &d.0))?;
    Ok(value)
}

fn cases_format_of(path: &Path) -> Option<CasesFormat> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "csv" => Some(CasesFormat::Csv),
        "jsonl" | "ndjson" => Some(CasesFormat::Jsonl),
        // A .json file may hold an array or one object per line: let the content decide.
        _ => None,
    }
}

fn progress_bar(total: Option<u64>, disabled: bool) -> ProgressBar {
    if disabled || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = match total {
        Some(len) => ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr()),
        None => ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr()),
    };
    let template = if total.is_some() {
        "{elapsed_precise} [{wide_bar}] {percent:>3}% {msg}"
    } else {
        "{spinner} {elapsed_precise} {msg}"
    };
    if let Ok(style) = ProgressStyle::with_template(template) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar
}

fn print_summary(summary: &Summary, report: Option<&Path>) {
    let plural = |n: u64, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let mut line = format!(
        "caucus: {}: {} written ({} in {}), {} failed",
        plural(summary.cases, "case"),
        summary.written,
        plural(summary.files, "file"),
        summary.out_dir,
        summary.failed
    );
    if summary.warnings > 0 {
        line.push_str(&format!(
            "; {} (see --report)",
            plural(summary.warnings, "warning")
        ));
    }
    if summary.interrupted {
        line.push_str("; interrupted: every file written is complete");
    }
    if let Some(path) = report {
        line.push_str(&format!("; report: {}", path.display()));
    }
    eprintln!("{line}");
}
