//! Markdown: the canonical text of a document.

use crate::document::Document;
use std::fmt::Write as _;

/// Escapes plain text for Markdown. The same escaping as values typed into clauses get
/// (see `template/escape.rs`): markup characters are escaped, and `-`, `+` or a number
/// followed by `.` only where they start the text, so `End-to-end` stays readable.
pub use crate::template::escape::escape_markdown;

/// Makes a plain-text heading safe inside an ATX heading line: escaped, and on one line
/// (a newline would end the heading and start a paragraph).
fn heading_text(text: &str) -> String {
    let one_line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    escape_markdown(&one_line)
}

impl Document {
    /// The document as CommonMark: `# Title`, then `## 6. Recording` and the body of each
    /// clause, blank lines between blocks, exactly one newline at the end.
    pub fn to_markdown(&self) -> String {
        let mut out = String::with_capacity(
            64 + self
                .clauses
                .iter()
                .map(|c| c.body.len() + c.title.len() + 16)
                .sum::<usize>(),
        );
        out.push_str("# ");
        out.push_str(&heading_text(&self.title));
        out.push('\n');
        for clause in &self.clauses {
            let title = heading_text(&clause.title);
            match clause.number {
                Some(n) if title.is_empty() => {
                    let _ = write!(out, "\n## {n}.\n");
                }
                Some(n) => {
                    let _ = write!(out, "\n## {n}. {title}\n");
                }
                None if !title.is_empty() => {
                    let _ = write!(out, "\n## {title}\n");
                }
                None => {}
            }
            let body = clause.body.trim();
            if !body.is_empty() {
                out.push('\n');
                out.push_str(body);
                out.push('\n');
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_every_markup_character() {
        assert_eq!(escape_markdown("*Acme*"), r"\*Acme\*");
        assert_eq!(escape_markdown("# 1. A"), r"\# 1. A");
        assert_eq!(escape_markdown("1. A"), r"1\. A");
        assert_eq!(
            escape_markdown("End-to-end encryption"),
            "End-to-end encryption"
        );
        assert_eq!(escape_markdown("<b>&amp;</b>"), r"\<b\>\&amp;\</b\>");
        assert_eq!(escape_markdown("plain words"), "plain words");
    }
}
