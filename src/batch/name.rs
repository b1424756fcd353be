//! Output names from a template such as `{case.reference}-{document}`, made safe for
//! every common file system.

use caucus_core::input::is_invisible;
use caucus_core::model::{self, OptionPath};
use serde_json::Value;

/// A parsed name template.
#[derive(Debug)]
pub struct NameTemplate {
    parts: Vec<Part>,
}

#[derive(Debug)]
enum Part {
    Text(String),
    Document,
    Number,
    Option(OptionPath),
}

impl NameTemplate {
    /// Parses and checks a template: every placeholder must be `{document}`, `{number}`
    /// (`{n}` for short) or the path of an option with a single value.
    pub fn parse(template: &str) -> Result<NameTemplate, String> {
        if let Some(c) = template.chars().find(|&c| is_invisible(c)) {
            return Err(format!(
                "--name holds U+{:04X}, an invisible character that would make file names display differently from what they are; delete it",
                u32::from(c)
            ));
        }
        let mut parts = Vec::new();
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            if open > 0 {
                parts.push(Part::Text(rest[..open].to_owned()));
            }
            let Some(close) = rest[open..].find('}') else {
                return Err(format!(
                    "--name \"{template}\": a `{{` is not closed; placeholders look like {{case.reference}}"
                ));
            };
            let name = rest[open + 1..open + close].trim();
            parts.push(match name {
                "document" => Part::Document,
                "number" | "n" => Part::Number,
                path => {
                    let parsed = OptionPath::parse(path)
                        .ok()
                        .filter(|p| !p.is_pattern())
                        .and_then(|p| Some((model::option_at(&p)?, p)));
                    match parsed {
                        Some((option, _)) if !option.is_leaf() || option.item().is_some() => {
                            return Err(format!(
                                "--name \"{template}\": {{{path}}} is a list or a table; name a single option such as {{parties.0.name}}"
                            ));
                        }
                        Some((_, path)) => Part::Option(path),
                        None => {
                            return Err(format!(
                                "--name \"{template}\": {{{path}}} is not an option path; use {{document}}, {{number}} or an option such as {{case.reference}}"
                            ));
                        }
                    }
                }
            });
            rest = &rest[open + close + 1..];
        }
        if !rest.is_empty() {
            parts.push(Part::Text(rest.to_owned()));
        }
        Ok(NameTemplate { parts })
    }

    pub fn has_document(&self) -> bool {
        self.parts.iter().any(|p| matches!(p, Part::Document))
    }

    /// The safe file name (without extension) for one case and document. Options that are
    /// not set in the case take their default.
    pub fn render(&self, n: u64, document: &str, value: &Value, defaults: &Value) -> String {
        let mut out = String::new();
        for part in &self.parts {
            match part {
                Part::Text(t) => out.push_str(t),
                Part::Document => out.push_str(document),
                Part::Number => out.push_str(&n.to_string()),
                Part::Option(path) => {
                    let found = path.get(value).or_else(|| path.get(defaults));
                    match found {
                        Some(Value::String(s)) => out.push_str(s),
                        Some(Value::Null) | None => {}
                        Some(other) => out.push_str(&other.to_string()),
                    }
                }
            }
        }
        sanitize(&out)
    }
}

/// Makes a name safe on Linux, macOS and Windows: no path separators or characters
/// Windows forbids, no control characters, no invisible characters (bidirectional
/// overrides, zero-width spaces: caucus_core::input::is_invisible, which the engine
/// refuses in options), no leading dot (hidden files, and our own temporary names), no
/// trailing dot or space, not a reserved device name, and at most 150 bytes so that an
/// extension and a temporary suffix still fit.
pub fn sanitize(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut last_dash = false;
    for c in name.trim().chars().filter(|&c| !is_invisible(c)) {
        let bad =
            c.is_control() || matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|');
        if bad {
            if !last_dash {
                out.push('_');
            }
            last_dash = true;
        } else {
            out.push(c);
            last_dash = false;
        }
    }
    let trimmed = out
        .trim_start_matches(['.', ' '])
        .trim_end_matches(['.', ' ']);
    let mut out = trimmed.to_owned();
    if out.len() > 150 {
        let mut cut = 150;
        while !out.is_char_boundary(cut) {
            cut -= 1;
        }
        out.truncate(cut);
        out = out.trim_end_matches(['.', ' ']).to_owned();
    }
    let stem = out.split('.').next().unwrap_or("").to_ascii_uppercase();
    let reserved = matches!(stem.as_str(), "CON" | "PRN" | "AUX" | "NUL")
        || (stem.len() == 4
            && (stem.starts_with("COM") || stem.starts_with("LPT"))
            && stem.as_bytes()[3].is_ascii_digit());
    if reserved {
        out.insert(0, '_');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn names_are_safe() {
        assert_eq!(sanitize("MED/2026:01 <x>"), "MED_2026_01 _x_");
        assert_eq!(sanitize("..hidden"), "hidden");
        assert_eq!(sanitize("con"), "_con");
        assert_eq!(sanitize("a\u{0}b"), "a_b");
        assert_eq!(sanitize("Zoë & Co."), "Zoë & Co");
        assert!(sanitize(&"é".repeat(200)).len() <= 150);
        assert_eq!(sanitize("Acme\u{202E}fdp.exe\u{200B}"), "Acmefdp.exe");
        assert_eq!(sanitize("\u{FEFF}.hidden"), "hidden");
    }

    #[test]
    fn a_template_with_an_invisible_character_is_refused() {
        let e = NameTemplate::parse("{number}\u{202E}txt").expect_err("refused");
        assert!(e.contains("U+202E"), "{e}");
    }

    #[test]
    fn templates_use_options_and_defaults() {
        let t = NameTemplate::parse("{case.reference}-{parties.0.name}-{document}-{number}")
            .expect("valid template");
        let defaults = json!({"parties": [{"name": "Party A"}], "case": {"reference": ""}});
        let name = t.render(
            7,
            "guide",
            &json!({"case": {"reference": "R/1"}}),
            &defaults,
        );
        assert_eq!(name, "R_1-Party A-guide-7");
        assert!(NameTemplate::parse("{case.refrence}").is_err());
        assert!(NameTemplate::parse("{parties}").is_err());
        assert!(NameTemplate::parse("{platform.data_regions}").is_err());
        assert!(NameTemplate::parse("{parties.*.name}").is_err());
        assert!(NameTemplate::parse("{case.reference").is_err());
    }
}
