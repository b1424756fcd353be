//! Reading cases one at a time, so memory does not grow with their number: CSV rows,
//! JSON Lines, or the elements of a JSON array (parsed as a stream, never as a whole).

use super::columns::Columns;
use crate::cli::CasesFormat;
use caucus_core::Diagnostic;
use serde::de::{DeserializeSeed, Deserializer, SeqAccess, Visitor};
use serde_json::Value;
use std::fmt;
use std::io::{BufRead, Read};
use std::ops::ControlFlow;
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

/// Picks the format from the first meaningful byte when the extension does not say:
/// `[` a JSON array, `{` JSON Lines, anything else CSV.
pub fn sniff(input: &mut impl BufRead) -> std::io::Result<CasesFormat> {
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
    input: impl BufRead,
    count: &AtomicU64,
    base: &Value,
    defaults: &Value,
    each: &mut dyn FnMut(RawCase) -> ControlFlow<()>,
) -> Result<(), Fatal> {
    match format {
        CasesFormat::Csv => read_csv(input, base, defaults, each),
        CasesFormat::Jsonl => read_jsonl(input, count, base, each),
        CasesFormat::Json => read_json_array(input, count, base, each),
    }
}

fn read_csv(
    input: impl BufRead,
    base: &Value,
    defaults: &Value,
    each: &mut dyn FnMut(RawCase) -> ControlFlow<()>,
) -> Result<(), Fatal> {
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
    let mut start = defaults.clone();
    merge(&mut start, base.clone());
    let mut record = csv::StringRecord::new();
    let mut row = 0;
    loop {
        let before = reader.position().clone();
        let result = reader.read_record(&mut record);
        let (line, offset) = record
            .position()
            .map_or((before.line(), before.byte()), |p| (p.line(), p.byte()));
        let value = match result {
            Ok(false) => return Ok(()),
            Ok(true) => {
                let mut value = start.clone();
                columns.apply(&mut value, record.iter()).map(|()| value)
            }
            Err(e) => match e.kind() {
                csv::ErrorKind::UnequalLengths {
                    expected_len, len, ..
                } => Err(vec![invalid_case(format!(
                    "the row has {len} cells, but the header has {expected_len}"
                ))]),
                csv::ErrorKind::Utf8 { .. } => Err(vec![invalid_case(
                    "the row is not valid UTF-8; save the file as UTF-8",
                )]),
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
        let value = match serde_json::from_str::<Value>(text) {
            Ok(case) => merged(base, case),
            Err(e) => Err(vec![invalid_case(format!(
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
            while let Some(case) = seq.next_element::<Value>()? {
                n += 1;
                let raw = RawCase {
                    place: Place::Element(n),
                    value: merged(self.base, case),
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
    fn sniffing() {
        let mut input = std::io::BufReader::new("  \n [".as_bytes());
        assert_eq!(sniff(&mut input).ok(), Some(CasesFormat::Json));
        let mut input = std::io::BufReader::new("{}".as_bytes());
        assert_eq!(sniff(&mut input).ok(), Some(CasesFormat::Jsonl));
        let mut input = std::io::BufReader::new("case.reference\n".as_bytes());
        assert_eq!(sniff(&mut input).ok(), Some(CasesFormat::Csv));
    }
}
