//! How a [`Document`] becomes bytes: Markdown, HTML, plain text, JSON and Word.
//!
//! Every renderer is a pure function of the `Document`: no clock, no randomness, no
//! global state that leaks between calls, so the same document gives the same bytes on
//! every run, native or WebAssembly.
//!
//! Clause bodies are CommonMark in which every user-typed value is already escaped. The
//! renderers never trust that Markdown to be harmless, though: raw HTML in a body is shown
//! as text, links keep only `http:`, `https:`, `mailto:` and `#` targets, and images are
//! reduced to their alt text. The same rules hold in every format.
//!
//! Ordered lists in bodies are sub-paragraphs. They are lettered in every format by the
//! depth of list nesting: (a), (b) at the first level, (i), (ii) at the second, (A), (B)
//! at the third, and (1), (2) below that.

mod blocks;
mod deflate;
mod docx;
mod html;
mod markdown;
mod package;
mod text;

pub use html::{HtmlParts, STYLESHEET};
pub use markdown::escape_markdown;
pub use package::zip_files;

use crate::document::Document;
use pulldown_cmark::{LinkType, Options, Parser};

impl Document {
    /// The structured document as pretty-printed JSON, ending with a newline.
    ///
    /// Field names and order are those of the Rust types, so the output is stable.
    pub fn to_json(&self) -> String {
        // Serialising plain strings, numbers, options and vectors into a String cannot
        // fail: serde_json only errors on non-string map keys and failing writers.
        let mut json = serde_json::to_string_pretty(self)
            .expect("a Document holds only strings, numbers and lists, which always serialise");
        json.push('\n');
        json
    }
}

/// The Markdown dialect of clause bodies: plain CommonMark, no extensions, so that every
/// renderer sees the same structure.
fn parser(markdown: &str) -> Parser<'_> {
    Parser::new_ext(markdown, Options::empty())
}

/// Whether a link target may become a live link: `http:`, `https:`, `mailto:` or an
/// in-page `#fragment`. Everything else (`javascript:`, `data:`, `vbscript:`, relative
/// paths, protocol-relative `//host`) is shown as plain text instead.
fn is_safe_link(link_type: LinkType, url: &str) -> bool {
    if link_type == LinkType::Email {
        // pulldown-cmark gives the bare address; the HTML writer adds `mailto:` itself.
        return !url.contains(':');
    }
    // No trimming: whatever stands before `#` or the scheme (even a no-break space) makes
    // the target a relative address, which is not allowed.
    if url.starts_with('#') {
        return true;
    }
    let lower: String = url.chars().take(8).collect::<String>().to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("mailto:")
}

/// The text a safe link target shows when the link itself cannot be live (plain text and
/// Word): the address, without a `mailto:` prefix.
fn visible_target(link_type: LinkType, url: &str) -> String {
    if link_type == LinkType::Email {
        return url.to_owned();
    }
    let url = url.trim();
    match url.get(..7) {
        Some(prefix) if prefix.eq_ignore_ascii_case("mailto:") => url[7..].to_owned(),
        _ => url.to_owned(),
    }
}

/// The numbering style of an ordered list at a given nesting depth (0 = a list directly
/// in the body).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ListStyle {
    LowerAlpha,
    LowerRoman,
    UpperAlpha,
    Decimal,
}

impl ListStyle {
    fn at_depth(depth: usize) -> ListStyle {
        match depth {
            0 => ListStyle::LowerAlpha,
            1 => ListStyle::LowerRoman,
            2 => ListStyle::UpperAlpha,
            _ => ListStyle::Decimal,
        }
    }

    /// The label of item `n` (from 1), with its parentheses: `(c)`, `(iv)`.
    fn label(self, n: u64) -> String {
        let n = n.max(1);
        let inner = match self {
            ListStyle::LowerAlpha => alpha(n),
            ListStyle::UpperAlpha => alpha(n).to_ascii_uppercase(),
            ListStyle::LowerRoman => roman(n),
            ListStyle::Decimal => n.to_string(),
        };
        format!("({inner})")
    }
}

/// Spreadsheet-style letters: a … z, aa, ab … (the sequence Word and CSS use).
fn alpha(mut n: u64) -> String {
    let mut letters = Vec::new();
    while n > 0 {
        n -= 1;
        letters.push(b'a' + (n % 26) as u8);
        n /= 26;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

/// Lower-case Roman numerals; beyond 3999 the decimal number (as Word does).
fn roman(n: u64) -> String {
    if n >= 4000 {
        return n.to_string();
    }
    const TABLE: [(u64, &str); 13] = [
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ];
    let mut n = n;
    let mut out = String::new();
    for (value, numeral) in TABLE {
        while n >= value {
            out.push_str(numeral);
            n -= value;
        }
    }
    out
}

/// A plain-text title on one line: a heading cannot hold a line break.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Writes a number in decimal without a temporary String.
pub(super) fn push_number(n: u64, out: &mut String) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut n = n;
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for &d in &digits[at..] {
        out.push(char::from(d));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_follow_word_and_css() {
        assert_eq!(alpha(1), "a");
        assert_eq!(alpha(26), "z");
        assert_eq!(alpha(27), "aa");
        assert_eq!(alpha(52), "az");
        assert_eq!(alpha(53), "ba");
    }

    #[test]
    fn roman_numerals() {
        assert_eq!(roman(4), "iv");
        assert_eq!(roman(9), "ix");
        assert_eq!(roman(14), "xiv");
        assert_eq!(roman(1994), "mcmxciv");
    }

    #[test]
    fn only_web_and_mail_links_are_live() {
        assert!(is_safe_link(LinkType::Inline, "https://example.org"));
        assert!(is_safe_link(LinkType::Inline, "HTTP://example.org"));
        assert!(is_safe_link(LinkType::Inline, "mailto:a@example.org"));
        assert!(is_safe_link(LinkType::Inline, "#clause-recording"));
        assert!(!is_safe_link(LinkType::Inline, "javascript:alert(1)"));
        // A no-break space before `#` makes a relative address, not an in-page link.
        assert!(!is_safe_link(LinkType::Inline, "\u{a0}#2"));
        assert!(!is_safe_link(LinkType::Inline, " JavaScript:alert(1)"));
        assert!(!is_safe_link(LinkType::Inline, "data:text/html,x"));
        assert!(!is_safe_link(LinkType::Inline, "//evil.example"));
        assert!(!is_safe_link(LinkType::Inline, "relative/path"));
        assert!(is_safe_link(LinkType::Email, "a@example.org"));
    }
}
