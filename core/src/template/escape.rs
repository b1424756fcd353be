//! Escaping user-typed values for Markdown, so that they appear literally and never
//! change the structure of a document.
//!
//! Every character that can open inline markup is backslash-escaped wherever it stands.
//! Characters that make markup only at the start of a line (`-`, `+`, `=`, `1.`) are
//! escaped when they start the value, because a value may start a line. Line breaks
//! become spaces: a value is always inline. The result stays readable (`Acme Ltd.` is
//! unchanged) and pulldown-cmark renders it back to exactly what was typed.

/// The characters that can open inline markup wherever they stand.
const MARKUP: &[u8] = b"\\`*_[]<>&#|~{}";

/// For each byte, whether it is one of [`MARKUP`]: a table, since every byte of every
/// value is tested (searching the list for each byte was most of what escaping cost).
const IS_MARKUP: [bool; 256] = byte_set(MARKUP);

/// For each byte, whether it is one of `members`: a table to test bytes against in the
/// loops that escape text, made when the module is compiled.
pub(crate) const fn byte_set(members: &[u8]) -> [bool; 256] {
    let mut table = [false; 256];
    let mut i = 0;
    while i < members.len() {
        table[members[i] as usize] = true;
        i += 1;
    }
    table
}

/// Escapes a value for inline use in CommonMark.
pub fn escape_markdown(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 4);
    push_escaped(value, &mut out);
    out
}

/// Whether `text` is words of printable ASCII between single spaces, with nothing that
/// escaping would change: what most titles are, which a heading then takes as they are.
/// One pass over the bytes (a heading is written for every clause of every document).
pub(crate) fn is_plain_words(text: &str) -> bool {
    let bytes = text.as_bytes();
    let (Some(&first), Some(&last)) = (bytes.first(), bytes.last()) else {
        return false;
    };
    if first == b' ' || last == b' ' || opens_line_markup(first) {
        return false;
    }
    let mut previous = 0;
    for &b in bytes {
        if !is_plain(b) || (b == b' ' && previous == b' ') {
            return false;
        }
        previous = b;
    }
    true
}

/// Whether escaping leaves this byte as it is wherever it stands: printable ASCII that
/// is not markup.
fn is_plain(b: u8) -> bool {
    (0x20..0x7f).contains(&b) && !IS_MARKUP[usize::from(b)]
}

/// Whether a text starting with this byte is escaped at its start, where it could make a
/// list item or a heading underline: `-`, `+`, `=` or a digit.
fn opens_line_markup(first: u8) -> bool {
    first.is_ascii_digit() || matches!(first, b'-' | b'+' | b'=')
}

/// Appends a value escaped for inline use in CommonMark, as [`escape_markdown`] does.
pub fn push_escaped(value: &str, out: &mut String) {
    let value = value.trim();
    // Most values (names, places) need no escaping: copy them whole.
    if !value
        .as_bytes()
        .first()
        .is_some_and(|&b| opens_line_markup(b))
        && value.bytes().all(is_plain)
    {
        out.push_str(value);
        return;
    }
    let mut leading_digits = true;
    for (i, c) in value.chars().enumerate() {
        match c {
            c if c.is_ascii() && IS_MARKUP[c as usize] => {
                out.push('\\');
                out.push(c);
            }
            '-' | '+' | '=' if i == 0 => {
                out.push('\\');
                out.push(c);
            }
            '.' | ')' if leading_digits && i > 0 => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
        leading_digits = leading_digits && c.is_ascii_digit();
    }
}

/// Undoes [`escape_markdown`] for plain-text uses (titles): drops the backslash before
/// ASCII punctuation.
pub fn unescape_markdown(text: &str) -> String {
    if !text.contains('\\') {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\'
            && let Some(&next) = chars.peek()
            && next.is_ascii_punctuation()
        {
            out.push(next);
            chars.next();
            continue;
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_escaped() {
        assert_eq!(escape_markdown("*Acme*"), "\\*Acme\\*");
        assert_eq!(escape_markdown("# Heading"), "\\# Heading");
        assert_eq!(
            escape_markdown("[x](javascript:alert(1))"),
            "\\[x\\](javascript:alert(1))"
        );
        assert_eq!(escape_markdown("<script>"), "\\<script\\>");
        assert_eq!(
            escape_markdown("{{mediator.name}}"),
            "\\{\\{mediator.name\\}\\}"
        );
        assert_eq!(escape_markdown("- item"), "\\- item");
        assert_eq!(escape_markdown("1. first"), "1\\. first");
        assert_eq!(escape_markdown("Acme Ltd."), "Acme Ltd.");
        assert_eq!(escape_markdown("a\nb"), "a b");
    }

    #[test]
    fn unescape_inverts_escape() {
        for s in ["*Acme* <script>", "1. x", "- y", "O'Brien & Co.", "a_b_c"] {
            assert_eq!(unescape_markdown(&escape_markdown(s)), s.trim());
        }
    }
}
