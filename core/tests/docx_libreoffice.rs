//! Opens generated .docx files in LibreOffice (headless), converts them to PDF and checks
//! the text of the PDF: the title, every clause number and heading in order, lettered
//! sub-paragraphs and the page-number footer.
//!
//! Needs `soffice` (Debian: libreoffice-writer) and `pdftotext` (poppler-utils). Without
//! them the test is skipped with a message, unless the environment variable `CI` is set:
//! then it fails, so CI cannot pass without having run it.

mod render_support;

use caucus_core::Document;
use caucus_core::options::Locale;
use render_support::{agreement, clause, hostile, invitation, long};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

fn tool_available(program: &str, arg: &str) -> bool {
    Command::new(program)
        .arg(arg)
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false)
}

/// Whether the tools are there; panics under CI when they are not.
fn tools() -> bool {
    let missing: Vec<&str> = [("soffice", "--version"), ("pdftotext", "-v")]
        .into_iter()
        .filter(|(program, arg)| !tool_available(program, arg))
        .map(|(program, _)| program)
        .collect();
    if missing.is_empty() {
        return true;
    }
    let message = format!(
        "docx_libreoffice: {} not found; install libreoffice-writer and poppler-utils \
         (`cargo xtask setup --apt` does) to run this test",
        missing.join(" and ")
    );
    if std::env::var_os("CI").is_some() {
        panic!("{message} (CI is set, so this is a failure, not a skip)");
    }
    // Written to the stderr handle, not with eprintln!, so that the test harness does
    // not capture it: a skip must be visible in the log.
    let _ = writeln!(std::io::stderr(), "skipped: {message}");
    false
}

/// A scratch directory removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let path = std::env::temp_dir().join(format!("caucus-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).expect("a temporary directory");
        TempDir(path)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Converts the documents to PDF in one LibreOffice run, returns the PDF paths.
fn convert(dir: &Path, documents: &[(&str, &Document)]) -> Vec<PathBuf> {
    let mut inputs = Vec::new();
    for (name, document) in documents {
        let path = dir.join(format!("{name}.docx"));
        std::fs::write(&path, document.to_docx()).expect("write the .docx");
        inputs.push(path);
    }
    // A profile of its own, so that a LibreOffice already running on this machine (or
    // another test) does not swallow the conversion.
    let profile = format!(
        "-env:UserInstallation=file://{}",
        dir.join("profile").display()
    );
    let output = Command::new("soffice")
        .arg(profile)
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
        ])
        .arg(dir)
        .args(&inputs)
        .output()
        .expect("run soffice");
    assert!(
        output.status.success(),
        "soffice failed: {}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    inputs
        .iter()
        .map(|input| {
            let pdf = input.with_extension("pdf");
            assert!(
                pdf.exists(),
                "LibreOffice did not convert {}: {}",
                input.display(),
                String::from_utf8_lossy(&output.stderr)
            );
            pdf
        })
        .collect()
}

/// The text of a PDF in reading order (`-layout`: a number and its heading stay on one
/// line), whitespace collapsed to single spaces.
fn pdf_text(pdf: &Path) -> String {
    let output = Command::new("pdftotext")
        .arg("-layout")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("run pdftotext");
    assert!(
        output.status.success(),
        "pdftotext failed on {}",
        pdf.display()
    );
    String::from_utf8_lossy(&output.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Removes all whitespace: LibreOffice may wrap a long heading anywhere.
fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Every clause heading, with its number when it has one, appears after the previous.
fn assert_headings_in_order(name: &str, document: &Document, text: &str) {
    let text = squeeze(text);
    let title = squeeze(&document.title);
    let mut at = text
        .find(&title)
        .unwrap_or_else(|| panic!("{name}: title {title:?} not in {text}"));
    for clause in &document.clauses {
        let heading = match clause.number {
            Some(n) => format!("{n}.{}", squeeze(&clause.title)),
            None if clause.title.trim().is_empty() => continue,
            None => squeeze(&clause.title),
        };
        match text[at..].find(&heading) {
            Some(offset) => at += offset + heading.len(),
            None => panic!("{name}: heading {heading:?} not found after byte {at} in:\n{text}"),
        }
    }
}

#[test]
fn libreoffice_shows_every_heading_and_number_in_order() {
    if !tools() {
        return;
    }
    let dir = TempDir::new("docx-libreoffice");
    let gb = agreement(Locale::EnGb);
    let us = agreement(Locale::EnUs);
    let invitation = invitation();
    let long = long(20);
    let hostile = hostile();
    // Clause numbers that skip (an unnumbered note between 2 and 5) must print as they
    // are in the document, not renumbered by Word's list counter.
    let gaps = Document {
        kind: "agreement".to_owned(),
        title: "Numbers with gaps".to_owned(),
        locale: Locale::EnCa,
        clauses: vec![
            clause(Some(1), "a", "One", "Text of one."),
            clause(Some(2), "b", "Two", "Text of two."),
            clause(None, "note", "A note", "Unnumbered."),
            clause(Some(5), "c", "Five", "Text of five."),
            clause(Some(6), "d", "Six", "Text of six."),
        ],
        definitions: Vec::new(),
    };
    let documents = [
        ("agreement-en-gb", &gb),
        ("agreement-en-us", &us),
        ("invitation", &invitation),
        ("long", &long),
        ("hostile", &hostile),
        ("gaps", &gaps),
    ];
    let pdfs = convert(&dir.0, &documents);
    for ((name, document), pdf) in documents.iter().zip(&pdfs) {
        let text = pdf_text(pdf);
        assert_headings_in_order(name, document, &text);
        assert!(
            text.contains("Page 1 of"),
            "{name}: no page number footer in {text}"
        );
        if !["hostile", "gaps"].contains(name) {
            assert!(
                text.contains("(a) "),
                "{name}: no lettered sub-paragraph in {text}"
            );
            assert!(
                text.contains("(b) "),
                "{name}: no lettered sub-paragraph in {text}"
            );
        }
    }

    let agreement_text = pdf_text(&pdfs[0]);
    for expected in [
        "(a) it has read clause 6 (Recording) and clause 7 (Confidentiality);",
        "(i) a second telephone or camera; or",
        "(c) a transcript made by any person or service.",
        "Breakout Room means a separate virtual room",
    ] {
        assert!(
            agreement_text.contains(expected),
            "{expected:?} not in {agreement_text}"
        );
    }
    let long_text = pdf_text(&pdfs[3]);
    assert!(long_text.contains("20. Heading number 20"));
    assert!(
        long_text.contains("Page 2 of"),
        "20 clauses fit on one page? {long_text}"
    );
    let hostile_text = pdf_text(&pdfs[4]);
    assert!(hostile_text.contains("<script>alert(1)</script>"));
}
