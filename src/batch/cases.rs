//! Reading cases one at a time, so memory does not grow with their number: CSV rows,
//! JSON Lines, or the elements of a JSON array (parsed as a stream, never as a whole).
//!
//! The options files' rules hold here too: a byte order mark is skipped, and a key given
//! twice in a case fails that case with its path (caucus_core::input).

use super::columns::Columns;
use crate::cli::CasesFormat;
use caucus_core::Diagnostic;
use serde::de::{DeserializeSeed, Deserializer, SeqAccess, Visitor};
use serde_json::Value;
use std::cell::RefCell;
use std::collections::VecDeque;
use std::fmt;
use std::io::{BufRead, Read};
use std::ops::ControlFlow;
use std::rc::Rc;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// Where a case is in its input, for messages and the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// A CSV data row (1 = the first row after the header) and the line it starts on.
    Row { row: u64, line: u64 },
    /// A line of a JSON Lines file.
    Line(u64),
    /// An element of a JSON array, from 1.
    Element(u64),
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Place::Row { row, line } => write!(f, "row {row} (line {line})"),
            Place::Line(line) => write!(f, "line {line}"),
            Place::Element(n) => write!(f, "element {n}"),
        }
    }
}

/// One case as read: its options over the base, or what is wrong with it.
#[derive(Debug)]
pub struct RawCase {
    pub place: Place,
    pub value: Result<Value, Vec<Diagnostic>>,
    /// How many bytes of the input had been read, for the progress bar.
    pub offset: u64,
}

/// An input that cannot be read further.
#[derive(Debug)]
pub struct Fatal(pub String);

/// A reader that counts the bytes read through it.
#[derive(Debug)]
pub struct Counting<R> {
    inner: R,
    count: Arc<AtomicU64>,
}

impl<R> Counting<R> {
    pub fn new(inner: R) -> (Self, Arc<AtomicU64>) {
        let count = Arc::new(AtomicU64::new(0));
        (
            Counting {
                inner,
                count: Arc::clone(&count),
            },
            count,
        )
    }
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// The UTF-8 byte order mark, which editors on Windows put first and nobody sees.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Skips a byte order mark at the start of `input`.
fn skip_bom(input: &mut impl BufRead) -> std::io::Result<()> {
    if input.fill_buf()?.starts_with(BOM) {
        input.consume(BOM.len());
    }
    Ok(())
}

/// Picks the format from the first meaningful byte when the extension does not say:
/// `[` a JSON array, `{` JSON Lines, anything else CSV.
pub fn sniff(input: &mut impl BufRead) -> std::io::Result<CasesFormat> {
    skip_bom(input)?;
    loop {
        let buf = input.fill_buf()?;
        if buf.is_empty() {
            return Ok(CasesFormat::Csv);
        }
        let skip = buf.iter().take_while(|b| b.is_ascii_whitespace()).count();
        if skip < buf.len() {
            return Ok(match buf[skip] {
                b'[' => CasesFormat::Json,
                b'{' => CasesFormat::Jsonl,
                _ => CasesFormat::Csv,
            });
        }
        // Whitespace only so far: it cannot matter to any format, so drop it.
        let n = buf.len();
        input.consume(n);
    }
}

/// Reads every case, merging each over `base`, and hands it to `each`, which may stop
/// the reading by returning `Break`.
///
/// A CSV cell sets one option and leaves the rest as the base, over the `defaults`, has
/// them: `parties.0.name` renames the first party and keeps the second. A JSON case is
/// merged over the base alone, and a list it gives replaces the base's list.
pub fn read(
    format: CasesFormat,
    mut input: impl BufRead,
    count: &AtomicU64,
    base: &Value,
    defaults: &Value,
    each: &mut dyn FnMut(RawCase) -> ControlFlow<()>,
) -> Result<(), Fatal> {
    skip_bom(&mut input).map_err(|e| Fatal(format!("cannot read the cases: {e}")))?;
    match format {
        CasesFormat::Csv => read_csv(Lf::new(input), count, base, defaults, each),
        CasesFormat::Jsonl => read_jsonl(input, count, base, each),
        CasesFormat::Json => read_json_array(input, count, base, each),
    }
}

fn read_csv(
    input: Lf<impl BufRead>,
    count: &AtomicU64,
    base: &Value,
    defaults: &Value,
    each: &mut dyn FnMut(RawCase) -> ControlFlow<()>,
) -> Result<(), Fatal> {
    let runs = Rc::clone(&input.runs);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .from_reader(input);
    let header = reader
        .headers()
        .map_err(|e| Fatal(format!("cannot read the CSV header: {e}")))?
        .clone();
    let columns = Columns::from_header(header.iter())
        .map_err(|e| Fatal(format!("the CSV header names unknown options\n{e}")))?;
    let start = row_start(defaults, base, &columns);
    let mut record = csv::ByteRecord::new();
    let mut row = 0;
    loop {
        let result = reader.read_byte_record(&mut record);
        let line = record.position().map_or(reader.position().line(), |at| {
            line_of(&runs, at.line(), at.byte())
        });
        let offset = count.load(Ordering::Relaxed);
        let value = match result {
            Ok(false) => return Ok(()),
            Ok(true) => match record
                .iter()
                .map(std::str::from_utf8)
                .collect::<Result<Vec<&str>, _>>()
            {
                Ok(cells) => {
                    let mut value = start.clone();
                    columns.apply(&mut value, cells).map(|()| value)
                }
                Err(_) => Err(vec![invalid_case(
                    "the row is not valid UTF-8; save the file as UTF-8",
                )]),
            },
            Err(e) => match e.kind() {
                csv::ErrorKind::UnequalLengths {
                    expected_len, len, ..
                } => Err(vec![invalid_case(format!(
                    "the row has {len} cells, but the header has {expected_len}"
                ))]),
                _ => return Err(Fatal(format!("cannot read the CSV: {e}"))),
            },
        };
        row += 1;
        let place = Place::Row { row, line };
        if each(RawCase {
            place,
            value,
            offset,
        })
        .is_break()
        {
            return Ok(());
        }
    }
}

/// The value each row starts from: the defaults of each group of options that a column
/// or the base sets, with the base over them. A cell sets one option of its group, and
/// the group's other options keep their defaults, as they did in the defaults copied
/// whole. A group neither sets is left out, and reading the options gives it its
/// defaults all the same (as for a JSON Lines case); each row then no longer copies,
/// checks, reads and drops the whole of the default options, which was a tenth of a
/// Markdown case's instructions.
fn row_start(defaults: &Value, base: &Value, columns: &Columns) -> Value {
    let (Value::Object(all), Value::Object(based)) = (defaults, base) else {
        let mut start = defaults.clone();
        merge(&mut start, base.clone());
        return start;
    };
    let mut start = serde_json::Map::new();
    for group in columns.groups().chain(based.keys().map(String::as_str)) {
        if let Some(value) = all.get(group)
            && !start.contains_key(group)
        {
            start.insert(group.to_owned(), value.clone());
        }
    }
    let mut start = Value::Object(start);
    merge(&mut start, base.clone());
    start
}

fn read_jsonl(
    mut input: impl BufRead,
    count: &AtomicU64,
    base: &Value,
    each: &mut dyn FnMut(RawCase) -> ControlFlow<()>,
) -> Result<(), Fatal> {
    let mut line = String::new();
    let mut number = 0;
    loop {
        line.clear();
        let n = input
            .read_line(&mut line)
            .map_err(|e| Fatal(format!("cannot read line {}: {e}", number + 1)))?;
        if n == 0 {
            return Ok(());
        }
        number += 1;
        let text = line.trim();
        if text.is_empty() {
            continue;
        }
        let value = match caucus_core::input::json_value(text) {
            Ok(case) => merged(base, case),
            Err((_, Some(duplicate))) => Err(vec![duplicate.diagnostic()]),
            Err((e, None)) => Err(vec![invalid_case(format!(
                "not valid JSON at column {}: {}",
                e.column(),
                strip(&e)
            ))]),
        };
        if each(RawCase {
            place: Place::Line(number),
            value,
            offset: count.load(Ordering::Relaxed),
        })
        .is_break()
        {
            return Ok(());
        }
    }
}

fn read_json_array(
    input: impl BufRead,
    count: &AtomicU64,
    base: &Value,
    each: &mut dyn FnMut(RawCase) -> ControlFlow<()>,
) -> Result<(), Fatal> {
    struct Cases<'a> {
        count: &'a AtomicU64,
        base: &'a Value,
        each: &'a mut dyn FnMut(RawCase) -> ControlFlow<()>,
        stopped: &'a mut bool,
    }
    impl<'de> Visitor<'de> for Cases<'_> {
        type Value = ();
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an array of cases, each an options object")
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
            let mut n = 0;
            while let Some((case, duplicate)) = seq.next_element_seed(Case)? {
                n += 1;
                let value = match duplicate {
                    Some(d) => Err(vec![d.diagnostic()]),
                    None => merged(self.base, case),
                };
                let raw = RawCase {
                    place: Place::Element(n),
                    value,
                    offset: self.count.load(Ordering::Relaxed),
                };
                if (self.each)(raw).is_break() {
                    *self.stopped = true;
                    return Err(serde::de::Error::custom("stopped"));
                }
            }
            Ok(())
        }
    }
    impl<'de> DeserializeSeed<'de> for Cases<'_> {
        type Value = ();
        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
            d.deserialize_seq(self)
        }
    }
    /// One case, read to its end even when a key is given twice in it (that fails the
    /// case, not the stream).
    struct Case;
    impl<'de> DeserializeSeed<'de> for Case {
        type Value = (Value, Option<caucus_core::input::DuplicateKey>);
        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            caucus_core::input::read_value_noting_duplicates(d)
        }
    }
    let mut stopped = false;
    let mut de = serde_json::Deserializer::from_reader(input);
    let seed = Cases {
        count,
        base,
        each,
        stopped: &mut stopped,
    };
    match seed.deserialize(&mut de).and_then(|()| de.end()) {
        Ok(()) => Ok(()),
        Err(_) if stopped => Ok(()),
        Err(e) => Err(Fatal(format!(
            "the JSON is not valid at line {}, column {}: {}; the cases before it were read",
            e.line(),
            e.column(),
            strip(&e)
        ))),
    }
}

/// Line ends as `\n` only: `\r\n` (what spreadsheets and Python write) and a lone `\r`
/// become `\n`, in cells too; and where each run of blank lines is. The csv reader
/// counts lines by `\n` but ends a record at `\r`, and places a record where it began to
/// look for it, before any blank lines: each row of a CRLF file, and each row after a
/// blank line, was reported a line too high up. [`line_of`] corrects that.
struct Lf<R> {
    inner: R,
    /// The last byte read was a `\r`: a `\n` now completes its line end.
    after_cr: bool,
    /// How many bytes were given out.
    offset: u64,
    /// The runs of `\n` given out and not yet passed: (offset of the first, how many).
    /// Shared with the reader of rows, which asks about them as it goes.
    runs: Rc<RefCell<VecDeque<(u64, u64)>>>,
}

impl<R> Lf<R> {
    fn new(inner: R) -> Self {
        Lf {
            inner,
            after_cr: false,
            offset: 0,
            runs: Rc::default(),
        }
    }
}

/// The line a row starts on, from csv's position for it (`line` at byte `offset` of what
/// [`Lf`] gave out): past the `\n`s that start there. Positions must come in order.
fn line_of(runs: &RefCell<VecDeque<(u64, u64)>>, line: u64, offset: u64) -> u64 {
    let mut runs = runs.borrow_mut();
    while runs.front().is_some_and(|&(start, n)| start + n <= offset) {
        runs.pop_front();
    }
    match runs.front() {
        Some(&(start, n)) if start <= offset => line + (start + n - offset),
        _ => line,
    }
}

impl<R: BufRead> Read for Lf<R> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        if out.is_empty() {
            return Ok(0);
        }
        loop {
            let buf = self.inner.fill_buf()?;
            if buf.is_empty() {
                return Ok(0);
            }
            let (mut used, mut written) = (0, 0);
            let mut runs = self.runs.borrow_mut();
            while used < buf.len() && written < out.len() {
                // The bytes up to the next line end go out as they are, as many as fit.
                let rest = &buf[used..];
                let plain = (rest.iter().position(|&b| b == b'\n' || b == b'\r'))
                    .unwrap_or(rest.len())
                    .min(out.len() - written);
                if plain > 0 {
                    out[written..written + plain].copy_from_slice(&rest[..plain]);
                    used += plain;
                    written += plain;
                    self.offset += plain as u64;
                    self.after_cr = false;
                    continue;
                }
                let b = rest[0];
                used += 1;
                if b == b'\n' && self.after_cr {
                    self.after_cr = false;
                    continue;
                }
                self.after_cr = b == b'\r';
                match runs.back_mut() {
                    Some((start, n)) if *start + *n == self.offset => *n += 1,
                    _ => runs.push_back((self.offset, 1)),
                }
                out[written] = b'\n';
                written += 1;
                self.offset += 1;
            }
            drop(runs);
            self.inner.consume(used);
            if written > 0 {
                return Ok(written);
            }
        }
    }
}

/// A case merged over the base; a case must be an object.
fn merged(base: &Value, case: Value) -> Result<Value, Vec<Diagnostic>> {
    if !case.is_object() {
        return Err(vec![invalid_case(
            "a case must be an object of options, like {\"case\": {\"reference\": \"R1\"}}",
        )]);
    }
    let mut value = base.clone();
    merge(&mut value, case);
    Ok(value)
}

/// Deep merge: tables merge key by key, anything else (a list included) replaces.
pub fn merge(base: &mut Value, case: Value) {
    match (base, case) {
        (Value::Object(b), Value::Object(c)) => {
            for (k, v) in c {
                match b.get_mut(&k) {
                    Some(existing) if existing.is_object() && v.is_object() => merge(existing, v),
                    _ => {
                        b.insert(k, v);
                    }
                }
            }
        }
        (b, c) => *b = c,
    }
}

/// A case that cannot be read at all.
fn invalid_case(message: impl Into<String>) -> Diagnostic {
    Diagnostic::error("invalid-case", "", message)
}

fn strip(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.rfind(" at line ") {
        Some(i) => text[..i].to_owned(),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn collect(format: CasesFormat, text: &str, base: Value) -> (Vec<RawCase>, Option<String>) {
        let mut cases = Vec::new();
        let count = AtomicU64::new(0);
        let defaults = json!({});
        let result = read(
            format,
            text.as_bytes(),
            &count,
            &base,
            &defaults,
            &mut |c| {
                cases.push(c);
                ControlFlow::Continue(())
            },
        );
        (cases, result.err().map(|f| f.0))
    }

    #[test]
    fn csv_rows_set_paths_over_the_base() {
        let (cases, fatal) = collect(
            CasesFormat::Csv,
            "case.reference,recording.policy\nR1,prohibited\n\"R\n2\",\nR3\n",
            json!({"mediator": {"name": "M"}}),
        );
        assert_eq!(fatal, None);
        assert_eq!(cases.len(), 3);
        assert_eq!(
            cases[0].value.as_ref().ok(),
            Some(
                &json!({"mediator": {"name": "M"}, "case": {"reference": "R1"}, "recording": {"policy": "prohibited"}})
            )
        );
        assert_eq!(cases[1].place, Place::Row { row: 2, line: 3 });
        assert_eq!(cases[2].place, Place::Row { row: 3, line: 5 });
        assert!(cases[2].value.is_err());
    }

    /// A row starts from the defaults of the groups its columns and the base set only,
    /// and reads as the same options as a row started from every default: the groups
    /// left out take their defaults when the options are read.
    #[test]
    fn a_row_reads_as_it_would_over_every_default() {
        let defaults = serde_json::to_value(caucus_core::Options::default()).expect("JSON");
        let columns = Columns::from_header([
            "case.reference",
            "parties.1.name",
            "platform.kind",
            "recording.policy",
        ])
        .expect("known options");
        let cells = ["R1", "Beta Ltd", "microsoft-teams", "consent-of-all"];
        let base =
            json!({"costs": {"allocation": "requesting-party"}, "case": {"locale": "en-US"}});
        let start = row_start(&defaults, &base, &columns);
        let groups: Vec<&String> = start.as_object().expect("a table").keys().collect();
        assert_eq!(
            groups,
            ["case", "costs", "parties", "platform", "recording"],
            "only the groups set"
        );
        let mut full = defaults.clone();
        merge(&mut full, base.clone());
        let read = |mut value: Value| {
            columns.apply(&mut value, cells).expect("cells apply");
            caucus_core::Options::from_value(value).expect("valid options")
        };
        let (sparse, whole) = (read(start), read(full));
        assert_eq!(sparse, whole);
        assert_eq!(sparse.parties[1].name, "Beta Ltd");
        assert_eq!(
            sparse.parties[0],
            caucus_core::Options::default().parties[0]
        );
        assert_ne!(sparse.costs, caucus_core::Options::default().costs);
    }

    #[test]
    fn json_lines_and_arrays() {
        let (cases, fatal) = collect(
            CasesFormat::Jsonl,
            "{\"case\":{\"reference\":\"A\"}}\n\n{bad\n[1]\n",
            json!({"case": {"locale": "en-US"}}),
        );
        assert_eq!(fatal, None);
        assert_eq!(cases.len(), 3);
        assert_eq!(
            cases[0].value.as_ref().ok(),
            Some(&json!({"case": {"reference": "A", "locale": "en-US"}}))
        );
        assert_eq!(cases[1].place, Place::Line(3));
        assert!(cases[1].value.is_err() && cases[2].value.is_err());

        let (cases, fatal) = collect(CasesFormat::Json, "[{}, {\"a\": 1}, 3]", json!({}));
        assert_eq!(fatal, None);
        assert_eq!(cases.len(), 3);
        assert_eq!(cases[2].place, Place::Element(3));

        let (cases, fatal) = collect(CasesFormat::Json, "[{}, {\"a\": ]", json!({}));
        assert_eq!(cases.len(), 1);
        assert!(fatal.is_some_and(|f| f.contains("line 1")));
    }

    #[test]
    fn crlf_rows_are_numbered_by_their_line() {
        let lf = "case.reference\nR1\n\"R\n2\"\n\n\nR3\n";
        let crlf = lf.replace('\n', "\r\n");
        let cr = lf.replace('\n', "\r");
        let unended = lf.trim_end().to_owned();
        for text in [lf, &crlf, &cr, &unended] {
            let (cases, fatal) = collect(CasesFormat::Csv, text, json!({}));
            assert_eq!(fatal, None);
            let places: Vec<Place> = cases.iter().map(|c| c.place).collect();
            assert_eq!(
                places,
                [
                    Place::Row { row: 1, line: 2 },
                    Place::Row { row: 2, line: 3 },
                    Place::Row { row: 3, line: 7 }
                ],
                "{text:?}"
            );
            assert_eq!(
                cases[1].value.as_ref().ok(),
                Some(&json!({"case": {"reference": "R\n2"}}))
            );
        }
    }

    /// Line ends split between two reads, or between two fills of the buffer below,
    /// are made `\n` as in one piece: the text read through a byte at a time.
    #[test]
    fn line_ends_are_the_same_whatever_the_reads() {
        let text = "a,b\r\nc\r\r\n\rd\n\r\ne\r";
        let whole = {
            let mut out = String::new();
            Lf::new(text.as_bytes())
                .read_to_string(&mut out)
                .expect("read");
            out
        };
        assert_eq!(whole, "a,b\nc\n\n\nd\n\ne\n");
        let inner = std::io::BufReader::with_capacity(1, text.as_bytes());
        let mut lf = Lf::new(inner);
        let mut out = Vec::new();
        let mut byte = [0u8; 1];
        while lf.read(&mut byte).expect("read") == 1 {
            out.push(byte[0]);
        }
        assert_eq!(String::from_utf8(out).expect("text"), whole);
        let runs: Vec<(u64, u64)> = lf.runs.borrow().iter().copied().collect();
        assert_eq!(runs, [(3, 1), (5, 3), (9, 2), (12, 1)]);
    }

    #[test]
    fn a_bom_is_skipped_and_a_key_given_twice_fails_its_case_only() {
        let (cases, fatal) = collect(CasesFormat::Csv, "\u{FEFF}case.reference\nR1\n", json!({}));
        assert_eq!(fatal, None);
        assert_eq!(
            cases[0].value.as_ref().ok(),
            Some(&json!({"case": {"reference": "R1"}}))
        );
        let mut input = std::io::BufReader::new("\u{FEFF}[{}]".as_bytes());
        assert_eq!(sniff(&mut input).ok(), Some(CasesFormat::Json));

        let twice = "{\"case\": {\"reference\": \"A\", \"reference\": \"B\"}}";
        let (cases, fatal) = collect(CasesFormat::Jsonl, &format!("{twice}\n{{}}\n"), json!({}));
        assert_eq!(fatal, None);
        let problems = cases[0].value.as_ref().expect_err("twice");
        assert_eq!(problems[0].path, "case.reference");
        assert!(cases[1].value.is_ok());
        let (cases, fatal) = collect(
            CasesFormat::Json,
            &format!("\u{FEFF}[{twice}, {{}}]"),
            json!({}),
        );
        assert_eq!(fatal, None);
        assert_eq!(
            cases[0].value.as_ref().expect_err("twice")[0].path,
            "case.reference"
        );
        assert!(cases[1].value.is_ok());
    }

    #[test]
    fn sniffing() {
        let mut input = std::io::BufReader::new("  \n [".as_bytes());
        assert_eq!(sniff(&mut input).ok(), Some(CasesFormat::Json));
        let mut input = std::io::BufReader::new("{}".as_bytes());
        assert_eq!(sniff(&mut input).ok(), Some(CasesFormat::Jsonl));
        let mut input = std::io::BufReader::new("case.reference\n".as_bytes());
        assert_eq!(sniff(&mut input).ok(), Some(CasesFormat::Csv));
    }
}
