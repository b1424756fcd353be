//! Reading options files: TOML, JSON or YAML, from a file or stdin.
//!
//! The engine reports every mistake with its option path (`recording.policy`). Here we add
//! where that option is written in the file, so a message reads
//! `case.toml:12:1: error[invalid-choice] recording.policy: ...`.
//!
//! The three formats follow the engine's one rule (caucus_core::input): a byte order mark
//! is skipped, a key given twice is refused with its path, and a file over 1 MB is refused
//! before it is read in full. YAML nested deeper than [`MAX_YAML_DEPTH`] is refused before
//! the YAML parser, which is slow on deep nesting, sees it.

mod yaml_depth;

use crate::cli::InputFormat;
use crate::locate;
use anyhow::{Context, Result, bail};
use caucus_core::input::{MAX_OPTIONS_BYTES, json_value, line_column, read_value, toml_value};
use caucus_core::model::OptionPath;
use caucus_core::{Diagnostic, Diagnostics, Options};
use serde_json::Value;
use std::fmt::Write as _;
use std::io::Read;
use std::path::Path;

/// The deepest YAML nesting read: options nest a few levels, and serde_json stops at 128.
pub const MAX_YAML_DEPTH: usize = 64;

/// The text of an options file and how to read it.
#[derive(Debug)]
pub struct Source {
    /// The file name as the user gave it, or `<stdin>`.
    pub label: String,
    pub text: String,
    pub format: InputFormat,
}

impl Source {
    /// Reads a file, or stdin for `-`. The format comes from `format`, else the extension,
    /// else the first character (`{` is JSON, anything else TOML).
    pub fn read(path: &Path, format: Option<InputFormat>) -> Result<Source> {
        let (label, mut text) = if path.as_os_str() == "-" {
            let text = read_capped(std::io::stdin().lock(), "<stdin>")?;
            ("<stdin>".to_owned(), text)
        } else {
            let label = path.display().to_string();
            let file = std::fs::File::open(path).with_context(|| format!("cannot read {label}"))?;
            let text = read_capped(file, &label)?;
            (label, text)
        };
        if text.starts_with('\u{FEFF}') {
            text.drain(..'\u{FEFF}'.len_utf8());
        }
        let format = format
            .or_else(|| format_of(path))
            .unwrap_or_else(|| sniff(&text));
        Ok(Source {
            label,
            text,
            format,
        })
    }

    /// The options as a JSON value, checking only the syntax.
    pub fn value(&self) -> Result<Value, Diagnostics> {
        match self.format {
            InputFormat::Json => json_value(&self.text).map_err(|(e, duplicate)| {
                let at = Some((e.line() as u32, e.column() as u32));
                match duplicate {
                    Some(duplicate) => located(duplicate.diagnostic(), at).into(),
                    None => syntax_error("JSON", at, &strip_position(&e.to_string())),
                }
            }),
            // The engine's TOML reader, the one `Options::from_toml_str` uses.
            InputFormat::Toml => toml_value(&self.text).map_err(|e| {
                let at = e.span.map(|s| line_column(&self.text, s.start));
                syntax_error("TOML", at, e.message.trim_end())
            }),
            InputFormat::Yaml => {
                if self
                    .text
                    .lines()
                    .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
                {
                    return Ok(Value::Object(Default::default()));
                }
                if let Some((line, column)) = yaml_depth::first_too_deep(&self.text, MAX_YAML_DEPTH)
                {
                    return Err(syntax_error(
                        "YAML",
                        Some((line as u32, column as u32)),
                        &format!(
                            "it is nested more than {MAX_YAML_DEPTH} levels deep here; options nest a few levels"
                        ),
                    ));
                }
                read_value(serde_yaml_ng::Deserializer::from_str(&self.text)).map_err(
                    |(e, duplicate)| {
                        let at = e.location().map(|l| (l.line() as u32, l.column() as u32));
                        match duplicate {
                            Some(duplicate) => located(duplicate.diagnostic(), at).into(),
                            None => syntax_error("YAML", at, &strip_position(&e.to_string())),
                        }
                    },
                )
            }
        }
    }

    /// The options, with every error the engine finds.
    pub fn options(&self) -> Result<Options, Diagnostics> {
        Options::from_value(self.value()?)
    }

    /// Prints diagnostics as `file:line:column: error[...] path: ...`, finding the line of
    /// each option path in the file where it is written.
    pub fn describe(&self, diagnostics: &[Diagnostic]) -> String {
        let mut out = String::new();
        for (i, d) in diagnostics.iter().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            let place = self.locate(d);
            let d = Diagnostic {
                location: None,
                ..d.clone()
            };
            match place {
                Some((line, column)) => {
                    let _ = write!(out, "{}:{line}:{column}: {d}", self.label);
                }
                None => {
                    let _ = write!(out, "{}: {d}", self.label);
                }
            }
        }
        out
    }

    /// Where a diagnostic's option is written: the syntax errors carry it in their
    /// location, the others are found by their path (or the nearest enclosing option).
    pub fn locate(&self, d: &Diagnostic) -> Option<(u32, u32)> {
        if let Some(l) = &d.location {
            return Some((l.line, l.column));
        }
        let path = OptionPath::parse(&d.path).ok()?;
        let segments: Vec<String> = path.segments().iter().map(ToString::to_string).collect();
        let segments: Vec<&str> = segments.iter().map(String::as_str).collect();
        (1..=segments.len()).rev().find_map(|n| {
            let offset = match self.format {
                InputFormat::Toml => locate::toml(&self.text, &segments[..n]),
                InputFormat::Json => locate::json(&self.text, &segments[..n]),
                InputFormat::Yaml => locate::yaml(&self.text, &segments[..n]),
            }?;
            Some(line_column(&self.text, offset))
        })
    }
}

/// The format an extension names.
pub fn format_of(path: &Path) -> Option<InputFormat> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "toml" => Some(InputFormat::Toml),
        "json" => Some(InputFormat::Json),
        "yaml" | "yml" => Some(InputFormat::Yaml),
        _ => None,
    }
}

/// Reads UTF-8 text, refusing more than [`MAX_OPTIONS_BYTES`] without reading it all.
fn read_capped(input: impl Read, label: &str) -> Result<String> {
    let mut bytes = Vec::new();
    input
        .take(MAX_OPTIONS_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .with_context(|| format!("cannot read {label}"))?;
    if bytes.len() > MAX_OPTIONS_BYTES {
        bail!(
            "{label} is larger than 1 MB ({MAX_OPTIONS_BYTES} bytes); options files are a few \
             kilobytes: check that it is the options file"
        );
    }
    String::from_utf8(bytes).map_err(|e| {
        let (line, column) = line_column(
            &String::from_utf8_lossy(&e.as_bytes()[..e.utf8_error().valid_up_to()]),
            usize::MAX,
        );
        anyhow::anyhow!(
            "{label}:{line}:{column}: the file is not valid UTF-8 there; save it as UTF-8"
        )
    })
}

fn sniff(text: &str) -> InputFormat {
    if text.trim_start().starts_with('{') {
        InputFormat::Json
    } else {
        InputFormat::Toml
    }
}

/// `d`, placed at a line and column of the options text (the file is named when it is
/// printed, see `describe`).
fn located(mut d: Diagnostic, at: Option<(u32, u32)>) -> Diagnostic {
    d.location = at.map(|(line, column)| caucus_core::Location {
        file: String::new(),
        line,
        column,
    });
    d
}

fn syntax_error(kind: &str, at: Option<(u32, u32)>, message: &str) -> Diagnostics {
    let place = at
        .map(|(l, c)| format!(" at line {l}, column {c}"))
        .unwrap_or_default();
    let d = Diagnostic::error(
        "options-syntax",
        "",
        format!("the options are not valid {kind}{place}: {message}"),
    )
    .hint(format!(
        "fix the {kind} syntax there; `caucus init` writes a commented example"
    ));
    located(d, at).into()
}

/// serde_json and serde_yaml end their messages with " at line X column Y", which
/// `describe` already shows in front.
fn strip_position(text: &str) -> String {
    match text.rfind(" at line ") {
        Some(i) => text[..i].to_owned(),
        None => text.to_owned(),
    }
}
