//! Markdown: the canonical text of a document.

use super::push_number;
use crate::document::Document;
use crate::template::escape::{is_plain_words, push_escaped};

/// Escapes plain text for Markdown. The same escaping as values typed into clauses get
/// (see `template/escape.rs`): markup characters are escaped, and `-`, `+` or a number
/// followed by `.` only where they start the text, so `End-to-end` stays readable.
pub use crate::template::escape::escape_markdown;

/// Makes a plain-text heading safe inside an ATX heading line, appended to `out`:
/// escaped as values are, on one line (a line break would end the heading and start a
/// paragraph), with runs of whitespace made single spaces.
fn push_heading_text(text: &str, out: &mut String) {
    // Most titles are plain words between single spaces already (anything else takes the
    // way below, which is right for every title).
    if is_plain_words(text) {
        out.push_str(text);
        return;
    }
    let mut words = text.split_whitespace();
    let Some(first) = words.next() else {
        return;
    };
    let mut line = String::with_capacity(text.len());
    line.push_str(first);
    for word in words {
        line.push(' ');
        line.push_str(word);
    }
    push_escaped(&line, out);
}

impl Document {
    /// The document as CommonMark: `# Title`, then `## 6. Recording` and the body of each
    /// clause, blank lines between blocks, exactly one newline at the end.
    pub fn to_markdown(&self) -> String {
        let mut out = String::with_capacity(
            64 + self.title.len() * 2
                + self
                    .clauses
                    .iter()
                    .map(|c| c.body.len() + c.title.len() * 2 + 16)
                    .sum::<usize>(),
        );
        out.push_str("# ");
        push_heading_text(&self.title, &mut out);
        out.push('\n');
        for clause in &self.clauses {
            // `## 6. Title`, `## 6.` without a title, `## Title` without a number, and
            // nothing at all with neither.
            let heading = out.len();
            out.push_str("\n## ");
            if let Some(n) = clause.number {
                push_number(u64::from(n), &mut out);
                out.push_str(". ");
            }
            let title = out.len();
            push_heading_text(&clause.title, &mut out);
            if out.len() > title {
                out.push('\n');
            } else if clause.number.is_some() {
                // No title: no space after the number.
                out.truncate(title - 1);
                out.push('\n');
            } else {
                out.truncate(heading);
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

    /// A heading is one line of single spaces, whether or not the title was already.
    #[test]
    fn a_heading_is_one_line_of_single_spaces() {
        let heading = |title: &str| {
            let mut out = String::new();
            push_heading_text(title, &mut out);
            out
        };
        assert_eq!(heading("Recording *and* notes"), r"Recording \*and\* notes");
        assert_eq!(heading(" Recording  and\nnotes\t"), "Recording and notes");
        assert_eq!(heading("Recording and\u{a0}notes"), "Recording and notes");
        assert_eq!(heading("   "), "");
        assert_eq!(heading(""), "");
        assert_eq!(
            heading("Plain words, as most titles are"),
            "Plain words, as most titles are"
        );
        assert_eq!(heading("1. Scope"), r"1\. Scope");
        assert_eq!(heading("- Scope"), r"\- Scope");
        assert_eq!(heading("Scope_1 & more"), r"Scope\_1 \& more");
        assert_eq!(heading("Scope  of it"), "Scope of it");
        assert_eq!(heading("Scope\tof\u{7f} it"), "Scope of it");
        assert_eq!(heading("Café terms"), "Café terms");
    }
}
