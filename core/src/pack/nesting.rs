//! Refusing pack files nested too deeply for the parsers.
//!
//! The template engine and pulldown-cmark handle nesting recursively; a few thousand levels of
//! `{{#if}}` blocks, subexpressions or Markdown quotes and lists exhaust the stack (in
//! WebAssembly that traps and leaves the module unusable). Real clauses nest three or four
//! levels, so the loader refuses anything past [`MAX_NESTING`] before any parser sees it.
//! The scan is conservative: it may count a level the parsers would not.

use crate::diagnostic::{Diagnostic, Diagnostics, Location};

/// The deepest nesting accepted in a pack file.
pub const MAX_NESTING: usize = 100;

/// One error for each pack file nested more than [`MAX_NESTING`] levels deep.
pub(super) fn check<'a>(files: impl Iterator<Item = (&'a String, &'a String)>) -> Diagnostics {
    let mut errors = Diagnostics::default();
    for (path, text) in files {
        if let Some((line, column, what)) = too_deep(text, path.ends_with(".md")) {
            errors.push(
                Diagnostic::in_file(
                    "pack-nesting-too-deep",
                    Location {
                        file: path.clone(),
                        line,
                        column,
                    },
                    format!("{what} are nested more than {MAX_NESTING} levels deep here"),
                )
                .hint("flatten the structure: clauses need only a few levels of nesting"),
            );
        }
    }
    errors
}

/// The first line (1-based) of Markdown `text` whose quotes and lists nest more than
/// [`MAX_NESTING`] levels deep: Markdown that is not a pack file (a mediator's own
/// wording of a clause) is held to the same limit.
pub(crate) fn markdown_too_deep(text: &str) -> Option<u32> {
    text.lines()
        .position(|line| container_depth(line) > MAX_NESTING)
        .map(|index| saturating(index + 1))
}

/// The first place in `text` nested too deeply, as (line, column, what), 1-based.
fn too_deep(text: &str, markdown: bool) -> Option<(u32, u32, &'static str)> {
    let mut blocks = 0usize;
    for (index, line) in text.lines().enumerate() {
        let at = |byte: usize| {
            let column = line.get(..byte).map_or(1, |s| s.chars().count() + 1);
            (saturating(index + 1), saturating(column))
        };
        if markdown && container_depth(line) > MAX_NESTING {
            let (l, c) = at(0);
            return Some((l, c, "Markdown quotes and lists"));
        }
        let mut rest = line;
        let mut offset = 0;
        while let Some(open) = rest.find("{{") {
            let inner = &rest[open + 2..];
            let close = inner.find("}}").unwrap_or(inner.len());
            let tag = &inner[..close];
            if tag.starts_with('#') {
                blocks += 1;
            } else if tag.starts_with('/') {
                blocks = blocks.saturating_sub(1);
            }
            let mut parens = 0usize;
            let mut deepest = 0usize;
            for c in tag.chars() {
                match c {
                    '(' => parens += 1,
                    ')' => parens = parens.saturating_sub(1),
                    _ => {}
                }
                deepest = deepest.max(parens);
            }
            if blocks > MAX_NESTING || deepest > MAX_NESTING {
                let (l, c) = at(offset + open);
                return Some((l, c, "template blocks or subexpressions"));
            }
            let consumed = open + 2 + close;
            offset += consumed;
            rest = &rest[consumed..];
        }
    }
    None
}

/// How many Markdown containers a line could open: quote and list markers, and
/// indentation (two spaces can nest a list one level deeper).
fn container_depth(line: &str) -> usize {
    let indent = line.len() - line.trim_start().len();
    let mut depth = indent / 2;
    let mut rest = line.trim_start();
    loop {
        let marker = match rest.as_bytes().first() {
            Some(b'>') => 1,
            Some(b'-' | b'*' | b'+') if rest[1..].starts_with([' ', '\t']) => 1,
            Some(b'0'..=b'9') => {
                let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
                if rest[digits..].starts_with(['.', ')']) {
                    digits + 1
                } else {
                    0
                }
            }
            _ => 0,
        };
        if marker == 0 {
            return depth;
        }
        depth += 1;
        rest = rest[marker..].trim_start();
    }
}

fn saturating(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_nesting_is_found_where_it_starts() {
        let blocks = "{{#if a}}".repeat(MAX_NESTING + 1);
        assert_eq!(
            too_deep(&format!("x\n{blocks}"), true),
            Some((
                2,
                1 + 9 * MAX_NESTING as u32,
                "template blocks or subexpressions"
            ))
        );
        let quotes = "> ".repeat(MAX_NESTING + 1);
        assert!(too_deep(&quotes, true).is_some());
        assert!(too_deep(&quotes, false).is_none());
        assert!(too_deep("{{#if a}}{{#if b}}x{{/if}}{{/if}}\n> - 1. item", true).is_none());
    }
}
