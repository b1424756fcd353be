//! Refusing templates nested too deeply for the recursive parsers, or too large for
//! handlebars' parser to read in reasonable time, before they see them.
//!
//! handlebars' parser (pest) descends once per block, `else if` link, subexpression and
//! literal list; its template tree is then rendered, walked by validation and dropped
//! recursively; pulldown-cmark nests Markdown quotes and lists. Deep enough, any of them
//! overflows the stack: natively that aborts the process, and in WebAssembly it traps and
//! leaves the module unusable. Real clauses nest three or four levels, so every template
//! nested more than [`MAX_NESTING`] levels is refused before any parser sees it.
//!
//! The measure is taken in one linear pass by `template/tags.rs`, which reads tags as
//! handlebars' grammar does (blanks and `~` in any place the grammar allows them,
//! comments, quoted texts and escaped braces) and refuses what it cannot follow exactly.
//! Every form of nesting counts, and they add up: each open block is a level, each
//! `{{else if ...}}` link a further level until its block closes (handlebars nests each
//! link inside the branch before it), and parentheses inside a tag add their depth. The
//! count may be higher than the parsers' but is never lower.
//!
//! handlebars also computes the line and column of every element by counting from the
//! start of the template, so compiling takes time that grows with the number of tags
//! times the length: a template of a few hundred kilobytes and tens of thousands of tags
//! takes minutes. Templates longer than [`MAX_TEMPLATE_BYTES`] or with more than
//! [`MAX_TAGS`] tags are refused; the longest clause of the built-in pack is 3.5 KB with
//! 49 tags.

use crate::template::tags::{self, Kind, Refused};

/// The deepest nesting accepted in a template.
///
/// Measured with handlebars 6.4 compiling, rendering and dropping one template (2026-12):
/// in WebAssembly (`opt-level = "z"`, the default 1 MiB stack) the first overflow comes at
/// 620 `else if` links, 782 blocks or 871 subexpressions; natively (release, a 2 MiB
/// thread) at about 900 of each; a debug build needs about 7 KiB a level, so a 2 MiB test
/// thread overflows near 280. A hundred levels leaves the rest of the call stack (the
/// bindings, validation's walk, pulldown-cmark) room in each.
pub const MAX_NESTING: usize = 100;

/// The longest template accepted, in bytes.
pub const MAX_TEMPLATE_BYTES: usize = 64 * 1024;

/// The most tags (`{{...}}`, comments included) accepted in one template.
pub const MAX_TAGS: usize = 500;

/// Why a template is refused: at a byte offset of it, with a code and what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Refusal {
    pub offset: usize,
    pub code: &'static str,
    pub message: String,
    pub hint: &'static str,
}

/// Checks that a template is at most [`MAX_TEMPLATE_BYTES`] long with at most
/// [`MAX_TAGS`] tags, nests at most [`MAX_NESTING`] levels deep in its tags and in its
/// Markdown quotes and lists, and that its tags can be followed. The first problem in
/// the text is returned.
pub(super) fn check(source: &str) -> Result<(), Refusal> {
    [
        length(source),
        template_depth(source),
        markdown_depth(source),
    ]
    .into_iter()
    .filter_map(Result::err)
    .min_by_key(|refusal| refusal.offset)
    .map_or(Ok(()), Err)
}

/// The length, refused where it passes the limit.
fn length(source: &str) -> Result<(), Refusal> {
    if source.len() <= MAX_TEMPLATE_BYTES {
        return Ok(());
    }
    let mut at = MAX_TEMPLATE_BYTES;
    while !source.is_char_boundary(at) {
        at -= 1;
    }
    Err(too_large(
        at,
        format!(
            "this template is {} bytes long, past the {MAX_TEMPLATE_BYTES} accepted",
            source.len()
        ),
    ))
}

fn too_large(offset: usize, message: String) -> Refusal {
    Refusal {
        offset,
        code: "pack-template-too-large",
        message,
        hint: "split it into several clauses, each a topic of its own",
    }
}

fn too_deep(offset: usize, what: &str) -> Refusal {
    Refusal {
        offset,
        code: "pack-nesting-too-deep",
        message: format!("{what} are nested more than {MAX_NESTING} levels deep here"),
        hint: "flatten the structure: clauses need only a few levels of nesting",
    }
}

/// Blocks, `else if` links and subexpressions, counted together.
fn template_depth(source: &str) -> Result<(), Refusal> {
    // Each open block's levels: itself and its `else if` links so far.
    let mut open: Vec<usize> = Vec::new();
    let mut depth = 0usize;
    let mut scan = tags::tags(source);
    let mut count = 0usize;
    loop {
        // Parentheses inside the next tag may take the levels the blocks leave.
        scan.limit_parentheses(MAX_NESTING - depth);
        let Some(item) = scan.next() else {
            return Ok(());
        };
        let tag = item.map_err(refused)?;
        count += 1;
        if count > MAX_TAGS {
            return Err(too_large(
                tag.start,
                format!("this template has more than {MAX_TAGS} tags"),
            ));
        }
        if let Some(at) = tag.too_deep {
            return Err(too_deep(at, "template blocks and subexpressions"));
        }
        match tag.kind {
            Kind::Open => {
                open.push(1);
                depth += 1;
            }
            Kind::Chain => {
                if let Some(levels) = open.last_mut() {
                    *levels += 1;
                    depth += 1;
                }
            }
            Kind::Close => depth -= open.pop().unwrap_or(0),
            Kind::Else | Kind::Comment | Kind::Other => {}
        }
        if depth > MAX_NESTING {
            return Err(too_deep(tag.start, "template blocks"));
        }
    }
}

fn refused(what: Refused) -> Refusal {
    match what {
        Refused::RawBlock(offset) => Refusal {
            offset,
            code: "unsupported-template",
            message: "raw blocks (`{{{{raw}}}}`) are not supported in clause templates".into(),
            hint: "write the text without them; `\\{{` prints two braces",
        },
        Refused::Partial(offset) => Refusal {
            offset,
            code: "unsupported-template",
            message: "partials are not supported in clause templates".into(),
            hint: "write the text in the clause, or use {{#if}} and {{#each}}",
        },
        Refused::Bracket(offset) => Refusal {
            offset,
            code: "unsupported-template",
            message: "`[` inside a tag: literal lists and `[key]` paths are not supported in clause templates".into(),
            hint: "name list elements by number: {{parties.0.name}}",
        },
        Refused::UnclosedComment(offset) => Refusal {
            offset,
            code: "template-syntax",
            message: "template syntax: this `{{!--` comment is never closed with `--}}`".into(),
            hint: "close it with --}}, or write a short comment {{! ... }}",
        },
        Refused::Brace(offset) => Refusal {
            offset,
            code: "template-syntax",
            message: "template syntax: `{` inside a tag (is a `}}` missing before it? literal tables are not supported)".into(),
            hint: "check that every {{ has its }} and every {{#block}} its {{/block}}",
        },
    }
}

/// The first line (1-based) of Markdown `text` whose quotes and lists nest more than
/// [`MAX_NESTING`] levels deep: Markdown that is not a pack file (a mediator's own
/// wording of a clause) is held to the same limit.
pub(crate) fn markdown_too_deep(text: &str) -> Option<u32> {
    text.lines()
        .position(|line| container_depth(line) > MAX_NESTING)
        .map(|index| u32::try_from(index + 1).unwrap_or(u32::MAX))
}

/// Markdown quotes and lists, line by line.
fn markdown_depth(source: &str) -> Result<(), Refusal> {
    let mut offset = 0;
    for line in source.split('\n') {
        if container_depth(line) > MAX_NESTING {
            return Err(too_deep(offset, "Markdown quotes and lists"));
        }
        offset += line.len() + 1;
    }
    Ok(())
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

#[cfg(test)]
mod tests {
    use super::*;

    fn refused_at(source: &str) -> Option<(usize, &'static str)> {
        check(source).err().map(|r| (r.offset, r.code))
    }

    #[test]
    fn blocks_links_and_parentheses_add_up() {
        let blocks = "{{#if a}}".repeat(MAX_NESTING);
        assert_eq!(refused_at(&blocks), None);
        assert_eq!(
            refused_at(&format!("x\n{blocks}{{{{#if b}}}}")),
            Some((2 + 9 * MAX_NESTING, "pack-nesting-too-deep"))
        );
        // Closed blocks give their levels back.
        let closed = "{{#if a}}x{{/if}}".repeat(2 * MAX_NESTING);
        assert_eq!(refused_at(&closed), None);
        // Half the levels in blocks, half in `else if` links.
        let half = MAX_NESTING / 2;
        let links = format!(
            "{}{{{{#if a}}}}{}",
            "{{#if a}}".repeat(half),
            "{{else if b}}".repeat(half)
        );
        assert_eq!(
            refused_at(&links).map(|r| r.1),
            Some("pack-nesting-too-deep")
        );
        // Parentheses on top of blocks.
        let parens = format!(
            "{}{{{{x {}",
            "{{#if a}}".repeat(half),
            "(not ".repeat(half + 1)
        );
        assert_eq!(
            refused_at(&parens).map(|r| r.1),
            Some("pack-nesting-too-deep")
        );
        let parens = format!("{}{{{{x {}", "{{#if a}}".repeat(half), "(not ".repeat(half));
        assert_eq!(refused_at(&parens), None);
    }

    #[test]
    fn markdown_quotes_and_lists_count_line_by_line() {
        let quotes = "> ".repeat(MAX_NESTING + 1);
        assert_eq!(
            refused_at(&format!("a\n{quotes}")),
            Some((2, "pack-nesting-too-deep"))
        );
        assert_eq!(
            refused_at("{{#if a}}{{#if b}}x{{/if}}{{/if}}\n> - 1. item"),
            None
        );
    }

    #[test]
    fn what_the_lexer_cannot_follow_is_refused_with_its_place() {
        assert_eq!(
            refused_at("ab {{> partial}}"),
            Some((3, "unsupported-template"))
        );
        assert_eq!(refused_at("{{x.[a]}}"), Some((4, "unsupported-template")));
        assert_eq!(refused_at("{{x} {{y}}"), Some((5, "template-syntax")));
    }
}
