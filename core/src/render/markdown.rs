//! Markdown: the canonical text of a document.

use super::push_number;
use crate::document::Document;

/// Escapes plain text for Markdown. The same escaping as values typed into clauses get
/// (see `template/escape.rs`): markup characters are escaped, and `-`, `+` or a number
/// followed by `.` only where they start the text, so `End-to-end` stays readable.
pub use crate::template::escape::escape_markdown;

/// How [`push_heading_text`] treats an ASCII byte.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Ascii {
    /// Copied as it is (digits included).
    Plain,
    /// Markup anywhere: backslash-escaped.
    Markup,
    /// `-`, `+`, `=`: escaped at the start of the text.
    AtStart,
    /// `.` and `)`: escaped after leading digits.
    AfterDigits,
    /// A control character that is not whitespace: dropped.
    Control,
    /// Whitespace: ends a word.
    Space,
}

const ASCII: [Ascii; 128] = {
    let mut table = [Ascii::Plain; 128];
    let mut b = 0;
    while b < 0x20 {
        table[b] = Ascii::Control;
        b += 1;
    }
    table[0x7f] = Ascii::Control;
    // What `char::is_whitespace` calls whitespace among ASCII (VT included).
    let spaces = b" \t\n\x0b\x0c\r";
    let mut i = 0;
    while i < spaces.len() {
        table[spaces[i] as usize] = Ascii::Space;
        i += 1;
    }
    let markup = b"\\`*_[]<>&#|~{}";
    let mut i = 0;
    while i < markup.len() {
        table[markup[i] as usize] = Ascii::Markup;
        i += 1;
    }
    table[b'-' as usize] = Ascii::AtStart;
    table[b'+' as usize] = Ascii::AtStart;
    table[b'=' as usize] = Ascii::AtStart;
    table[b'.' as usize] = Ascii::AfterDigits;
    table[b')' as usize] = Ascii::AfterDigits;
    table
};

/// Makes a plain-text heading safe inside an ATX heading line, appended to `out`:
/// escaped, and on one line (a newline would end the heading and start a paragraph).
///
/// Exactly [`escape_markdown`] of the text with its runs of whitespace made single
/// spaces (`tests/render_markdown_reference.rs` holds it to that), but in one pass over
/// the bytes without temporary Strings, copying runs of plain characters whole.
fn push_heading_text(text: &str, out: &mut String) {
    let bytes = text.as_bytes();
    // The index of the character in the one-line text, and whether every character
    // before it was a digit: `escape_markdown` escapes `-`, `+` and `=` at the start and
    // `.` or `)` after leading digits.
    let mut index = 0usize;
    let mut leading_digits = true;
    let mut i = 0;
    while i < bytes.len() {
        // Between words.
        let b = bytes[i];
        if b < 0x80 {
            if ASCII[usize::from(b)] == Ascii::Space {
                i += 1;
                continue;
            }
        } else if let Some(c) = text[i..].chars().next()
            && c.is_whitespace()
        {
            i += c.len_utf8();
            continue;
        }
        // A word starts at `i`; one space before it unless it is the first.
        if index > 0 {
            out.push(' ');
            index += 1;
            leading_digits = false;
        }
        let mut run = i;
        while i < bytes.len() {
            if index > 0 && !leading_digits {
                // Past the start, only markup, controls and the end of the word matter:
                // skip plain ASCII (one character per byte) in a tight loop.
                let plain = bytes[i..]
                    .iter()
                    .take_while(|&&b| b < 0x80 && ASCII[usize::from(b)] == Ascii::Plain)
                    .count();
                i += plain;
                index += plain;
                if i == bytes.len() {
                    break;
                }
            }
            let b = bytes[i];
            if b < 0x80 {
                let escape = match ASCII[usize::from(b)] {
                    Ascii::Plain => false,
                    // A single space between two words stays as it is, in the run.
                    Ascii::Space
                        if b == b' '
                            && bytes.get(i + 1).is_some_and(|&next| {
                                next < 0x80 && ASCII[usize::from(next)] != Ascii::Space
                            }) =>
                    {
                        leading_digits = false;
                        index += 1;
                        i += 1;
                        continue;
                    }
                    Ascii::Space => break,
                    Ascii::Markup => true,
                    Ascii::AtStart => index == 0,
                    Ascii::AfterDigits => leading_digits && index > 0,
                    Ascii::Control => {
                        out.push_str(&text[run..i]);
                        run = i + 1;
                        false
                    }
                };
                if escape {
                    out.push_str(&text[run..i]);
                    out.push('\\');
                    run = i;
                }
                leading_digits = leading_digits && b.is_ascii_digit();
                index += 1;
                i += 1;
            } else {
                let Some(c) = text[i..].chars().next() else {
                    break;
                };
                if c.is_whitespace() {
                    break;
                }
                if c.is_control() {
                    out.push_str(&text[run..i]);
                    run = i + c.len_utf8();
                }
                leading_digits = false;
                index += 1;
                i += c.len_utf8();
            }
        }
        out.push_str(&text[run..i]);
    }
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
}
