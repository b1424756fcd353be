//! What each fuzz target checks, for any input: no panic, no escape, the same result
//! twice. The targets (`fuzz_targets/*.rs`) call these under libFuzzer on nightly
//! (`cargo xtask fuzz`); the caucus package's `tests/fuzz.rs` includes this file and
//! replays the seeds and every reproducer on stable, as ordinary tests.
//!
//! Each check returns a [`Report`] of what the input came to, so that a replayed
//! reproducer can say what it must come to (refused with a code, or assembled).

use caucus::batch::cases::{self, Place};
use caucus::batch::name::NameTemplate;
use caucus::cli::{CasesFormat, InputFormat};
use caucus::input::Source;
use caucus::output::is_plain_name;
use caucus_core::input::is_invisible;
use caucus_core::{Diagnostics, Document, Options, Pack};
use serde_json::{Value, json};
use std::ops::ControlFlow;
use std::sync::atomic::AtomicU64;

/// What one input came to.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// Documents assembled and rendered in every format.
    pub documents: usize,
    /// Why the rest was refused: diagnostic codes; for a CSV, `row:PATH` for a cell that
    /// could not be read into its option, and `unreadable` for a CSV that could not be
    /// read on.
    pub refused: Vec<String>,
    /// For a CSV: the line each row starts on.
    pub lines: Vec<u64>,
}

impl Report {
    fn refuse(&mut self, diagnostics: &Diagnostics) {
        self.refused.extend(
            diagnostics
                .iter()
                .filter(|d| d.is_error())
                .map(|d| d.code.to_owned()),
        );
    }
}

/// Options text, read as JSON, TOML and YAML (as the command line reads options files),
/// assembled with the built-in pack, every document rendered in every format.
pub fn options(data: &[u8]) -> Report {
    let text = String::from_utf8_lossy(data).into_owned();
    let pack = Pack::builtin().expect("the built-in pack is valid");
    let mut report = Report::default();
    for format in [InputFormat::Json, InputFormat::Toml, InputFormat::Yaml] {
        let source = Source {
            label: "fuzz".to_owned(),
            text: text.clone(),
            format,
        };
        match source.options() {
            Ok(options) => assemble(pack, &options, Formats::All, &mut report),
            Err(d) => report.refuse(&d),
        }
    }
    report
}

/// A clause pack, written as its files one after another, each after a line `--- PATH`
/// (see [`pack_files`]), loaded, and assembled with the default options and with every
/// feature on.
pub fn pack(data: &[u8]) -> Report {
    let mut report = Report::default();
    let files = pack_files(&String::from_utf8_lossy(data));
    match Pack::from_files(files) {
        Err(d) => report.refuse(&d),
        Ok(pack) => {
            for doc in &pack.documents {
                // A document id names files: it must be one plain file name.
                assert!(is_plain_name(&doc.id), "document id {:?} loaded", doc.id);
            }
            for options in [Options::default(), every_feature_on()] {
                assemble(&pack, &options, Formats::All, &mut report);
            }
        }
    }
    report
}

/// A CSV of cases, as `caucus batch` reads it: every row named as the batch names it
/// and, when valid, assembled with the built-in pack.
pub fn csv_rows(data: &[u8]) -> Report {
    let defaults = serde_json::to_value(Options::default()).expect("the defaults as JSON");
    let template = NameTemplate::parse("{case.reference}-{parties.0.name}-{document}")
        .expect("a valid template");
    let pack = Pack::builtin().expect("the built-in pack is valid");
    let mut report = Report::default();
    let mut rows = Vec::new();
    let read = cases::read(
        CasesFormat::Csv,
        data,
        &AtomicU64::new(0),
        &json!({}),
        &defaults,
        &mut |raw| {
            rows.push(raw);
            ControlFlow::Continue(())
        },
    );
    if read.is_err() {
        report.refused.push("unreadable".to_owned());
    }
    let mut last_line = 0;
    for (i, raw) in rows.into_iter().enumerate() {
        // Rows are numbered 1, 2, 3 ..., each on a later line than the one before.
        let Place::Row { row, line } = raw.place else {
            panic!("a CSV case placed as {:?}", raw.place);
        };
        assert_eq!(row, i as u64 + 1);
        assert!(
            line > last_line,
            "row {row} at line {line}, after line {last_line}"
        );
        last_line = line;
        report.lines.push(line);
        let value = match raw.value {
            Ok(value) => value,
            Err(problems) => {
                report
                    .refused
                    .extend(problems.into_iter().map(|d| format!("row:{}", d.path)));
                continue;
            }
        };
        for kind in ["agreement", "guide"] {
            let stem = template.render(row, kind, &value, &defaults);
            let file = format!("{stem}.md");
            assert!(
                stem.is_empty() || is_plain_name(&file),
                "{file:?} is not a plain file name"
            );
            assert!(!file.chars().any(is_invisible), "{file:?}");
        }
        match Options::from_value(value) {
            Ok(options) => assemble(pack, &options, Formats::Text, &mut report),
            Err(d) => report.refuse(&d),
        }
    }
    report
}

/// The files of a pack written one after another, each after a line `--- PATH`; text
/// before the first such line is ignored.
pub fn pack_files(text: &str) -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = Vec::new();
    for line in text.split_inclusive('\n') {
        match (line.strip_prefix("--- "), files.last_mut()) {
            (Some(path), _) => files.push((path.trim_end().to_owned(), String::new())),
            (None, Some((_, body))) => body.push_str(line),
            (None, None) => {}
        }
    }
    files
}

/// Which formats to render.
#[derive(Clone, Copy)]
enum Formats {
    /// Markdown, HTML and text.
    Text,
    /// Those, JSON, the HTML page and Word.
    All,
}

/// Assembles twice (the same documents both times) and renders every document.
fn assemble(pack: &Pack, options: &Options, formats: Formats, report: &mut Report) {
    let assembly = match pack.assemble(options) {
        Ok(assembly) => assembly,
        Err(d) => return report.refuse(&d),
    };
    assert_eq!(
        pack.assemble(options).as_ref(),
        Ok(&assembly),
        "assembled differently the second time"
    );
    for doc in &assembly.documents {
        render(doc, formats);
    }
    report.documents += assembly.documents.len();
}

fn render(doc: &Document, formats: Formats) {
    let _ = doc.to_markdown();
    check_html(&doc.to_html());
    let _ = doc.to_text();
    if let Formats::All = formats {
        let _ = doc.to_json();
        check_html(&doc.to_html_page());
        assert!(doc.to_docx().starts_with(b"PK\x03\x04"), "not a zip");
    }
}

/// The elements the HTML renderer writes; anything else in its output would be markup
/// that came from typed text.
const OUR_TAGS: &[&str] = &[
    "!doctype",
    "html",
    "head",
    "meta",
    "title",
    "style",
    "body",
    "article",
    "section",
    "header",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "p",
    "ol",
    "ul",
    "li",
    "strong",
    "em",
    "del",
    "span",
    "a",
    "br",
    "hr",
    "blockquote",
    "code",
    "pre",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "sup",
    "div",
    "dl",
    "dt",
    "dd",
    "footer",
    "small",
];

fn check_html(html: &str) {
    for rest in html.split('<').skip(1) {
        let name: String = rest
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '!')
            .collect::<String>()
            .to_ascii_lowercase();
        assert!(OUR_TAGS.contains(&name.as_str()), "<{name}> in the HTML");
    }
    assert!(
        !html.contains("href=\"javascript"),
        "a live javascript link"
    );
}

/// Options with every optional part on: breakout rooms, attendees, stated shares, the
/// consent statement, a dial-in and data regions.
fn every_feature_on() -> Options {
    let value: Value = json!({
        "case": {"reference": "F-1", "date": "2026-12-01", "time": "10:00", "jurisdiction": "England"},
        "mediator": {"name": "M", "organisation": "O"},
        "parties": [
            {"name": "A", "role": "Claimant", "attendees": [{"name": "L", "capacity": "lawyer"}]},
            {"name": "B", "role": "Respondent"}
        ],
        "platform": {"data_regions": ["EU"], "test_session": true},
        "attendance": {"interpreters": true, "observers": "consent-of-all"},
        "breakout_rooms": {"enabled": true, "co_host": "C"},
        "costs": {"allocation": "stated-shares", "shares": [60, 40]},
        "consent": {"express_risk_consent": true, "law_firm": "F", "client": "A"},
        "technical_failure": {"dial_in": "+44 20 0000 0000"}
    });
    Options::from_value(value).expect("valid options")
}
