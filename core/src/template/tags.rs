//! The tags of a template, found in one linear pass as handlebars' grammar reads them,
//! without parsing what is inside them.
//!
//! handlebars parses templates with a recursive (pest) parser, and its template tree is
//! rendered, walked and dropped recursively: a template nested deeply enough overflows
//! the stack, which aborts the process and traps a WebAssembly module for good. So the
//! nesting guard (`pack/nesting.rs`) must measure a template's nesting *before*
//! handlebars sees it, and must never see less nesting than the parser would. This lexer
//! follows the grammar (`handlebars/src/grammar.pest`) where it decides what is a tag:
//!
//! - text runs to the next `{{`, unless that `{{` is escaped by exactly one backslash
//!   (`\{{`, which also takes a following `{{`); two or more backslashes escape only
//!   themselves;
//! - `{{!-- ... --}}` ends at the first `--}}`, `{{! ... }}` at the first `}}`, and
//!   what is inside a comment is never a tag;
//! - inside a tag, quoted texts (`"..."`, `'...'`, with backslash escapes) may hold
//!   braces and parentheses that mean nothing, and the tag ends at the first `}}` outside
//!   them;
//! - blanks and line breaks may stand between `{{`, `~` and `#`, `/`, `else` or `^`.
//!
//! Where the grammar reads characters in ways a linear pass cannot follow exactly, the
//! lexer refuses instead of guessing: raw blocks (`{{{{raw}}}}`, whose text is not
//! parsed), partials (whose names have quoting rules of their own), and `[` or `{` inside
//! a tag (literal lists and tables, `[key]` path segments). Clause templates need none of
//! these, and a guess that read less nesting than the parser would be a way around the
//! guard. A place where handlebars itself would fail needs no care: the parser stops there.
//!
//! It also refuses a `{{!--` comment without its `--}}`. handlebars would read it as a
//! `{{! ... }}` comment after searching the rest of the text for `--}}`, once per such
//! comment: many of them take the parser quadratic time (handlebars.js refuses them).

use memchr::memmem;

/// What a tag does to the nesting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `{{#name ...}}`: opens a block (also decorator blocks `{{#*...}}`).
    Open,
    /// `{{/name}}`: closes the innermost block.
    Close,
    /// `{{else name ...}}` or `{{^name ...}}`: the next branch of an `else if` chain,
    /// which handlebars nests inside the branch before it.
    Chain,
    /// `{{else}}` or `{{^}}`.
    Else,
    /// A comment.
    Comment,
    /// Anything else: `{{path}}`, `{{helper ...}}`, `{{{triple}}}`, `{{*decorator}}`.
    Other,
}

/// One tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tag {
    pub kind: Kind,
    /// Byte offset of its `{{`.
    pub start: usize,
    /// Byte offset just past its `}}` (the end of the text when it is never closed).
    pub end: usize,
    /// The byte offset of the first `(` inside it nested deeper than the limit set with
    /// [`Tags::limit_parentheses`], if any.
    pub too_deep: Option<usize>,
}

/// Something the lexer does not follow, at a byte offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    /// `{{{{`: a raw block, or four braces.
    RawBlock(usize),
    /// `{{> name}}` or `{{#> name}}`.
    Partial(usize),
    /// `[` inside a tag: a literal list or a `[key]` path segment.
    Bracket(usize),
    /// `{` inside a tag: a literal table, or a tag that was never closed.
    Brace(usize),
    /// `{{!--` without a `--}}` after it.
    UnclosedComment(usize),
}

/// An item of the lexer: a tag, or a place it refuses (after which it stops).
pub type Item = Result<Tag, Refused>;

/// The tags of `source`, in order.
pub fn tags(source: &str) -> Tags<'_> {
    Tags {
        bytes: source.as_bytes(),
        pos: 0,
        parentheses: usize::MAX,
        done: false,
    }
}

/// The iterator of [`tags`].
#[derive(Debug)]
pub struct Tags<'a> {
    bytes: &'a [u8],
    /// Where the text after the last tag starts.
    pos: usize,
    /// How deeply parentheses may nest in the next tags.
    parentheses: usize,
    done: bool,
}

impl Tags<'_> {
    /// Sets how deeply parentheses may nest inside the tags that follow: a tag records
    /// where they first nest deeper ([`Tag::too_deep`]).
    pub fn limit_parentheses(&mut self, limit: usize) {
        self.parentheses = limit;
    }
}

fn is_blank(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

impl Tags<'_> {
    fn skip_blanks(&self, mut at: usize) -> usize {
        while self.bytes.get(at).copied().is_some_and(is_blank) {
            at += 1;
        }
        at
    }

    fn find_from(&self, needle: &[u8], from: usize) -> Option<usize> {
        memmem::find(self.bytes.get(from..)?, needle).map(|i| from + i)
    }

    fn starts_with(&self, at: usize, prefix: &[u8]) -> bool {
        self.bytes
            .get(at..)
            .is_some_and(|rest| rest.starts_with(prefix))
    }

    /// The end of the comment starting at `start` (`{{!`), if it is closed.
    fn comment_end(&self, start: usize) -> Result<Option<usize>, Refused> {
        let after_bang = start + 3;
        // handlebars' grammar allows blanks between `{{!` and `--`.
        let dashes = self.skip_blanks(after_bang);
        if self.starts_with(dashes, b"--") {
            return match self.find_from(b"--}}", dashes + 2) {
                Some(close) => Ok(Some(close + 4)),
                None => Err(Refused::UnclosedComment(start)),
            };
        }
        Ok(self.find_from(b"}}", after_bang).map(|close| close + 2))
    }

    /// Reads the inside of a tag from `at` to its `}}`: (end, where parentheses first
    /// nest too deeply).
    fn inside(&self, mut at: usize) -> Result<(usize, Option<usize>), Refused> {
        let bytes = self.bytes;
        let mut depth = 0usize;
        let mut too_deep = None;
        while let Some(&b) = bytes.get(at) {
            match b {
                b'"' | b'\'' => {
                    at += 1;
                    loop {
                        match bytes.get(at) {
                            // Never closed: handlebars stops here.
                            None => return Ok((bytes.len(), too_deep)),
                            Some(b'\\') => at += 2,
                            Some(&c) if c == b => break,
                            Some(_) => at += 1,
                        }
                    }
                }
                b'(' => {
                    depth += 1;
                    if depth > self.parentheses && too_deep.is_none() {
                        too_deep = Some(at);
                    }
                }
                b')' => depth = depth.saturating_sub(1),
                b'[' => return Err(Refused::Bracket(at)),
                b'{' => return Err(Refused::Brace(at)),
                b'}' if bytes.get(at + 1) == Some(&b'}') => return Ok((at + 2, too_deep)),
                _ => {}
            }
            at += 1;
        }
        Ok((bytes.len(), too_deep))
    }

    /// The tag whose `{{` is at `start`.
    fn tag(&mut self, start: usize) -> Item {
        let bytes = self.bytes;
        if self.starts_with(start + 2, b"{{") {
            return Err(Refused::RawBlock(start));
        }
        if bytes.get(start + 2) == Some(&b'!') {
            let end = self.comment_end(start)?.unwrap_or(bytes.len());
            return Ok(Tag {
                kind: Kind::Comment,
                start,
                end,
                too_deep: None,
            });
        }
        let mut head = self.skip_blanks(start + 2);
        if bytes.get(head) == Some(&b'~') {
            head = self.skip_blanks(head + 1);
        }
        let kind = match bytes.get(head) {
            Some(b'#') => {
                if bytes.get(self.skip_blanks(head + 1)) == Some(&b'>') {
                    return Err(Refused::Partial(start));
                }
                head += 1;
                Kind::Open
            }
            Some(b'/') => Kind::Close,
            Some(b'>') => return Err(Refused::Partial(start)),
            // `{{{triple}}}`, or `{{{triple}~}}`.
            Some(b'{') => {
                let (end, too_deep) = self.inside(head + 1)?;
                let end = if bytes.get(end) == Some(&b'}') {
                    end + 1
                } else {
                    end
                };
                return Ok(Tag {
                    kind: Kind::Other,
                    start,
                    end,
                    too_deep,
                });
            }
            Some(b'^') => self.else_kind(head + 1),
            _ if self.starts_with(head, b"else") => self.else_kind(head + 4),
            _ => Kind::Other,
        };
        let (end, too_deep) = self.inside(head)?;
        Ok(Tag {
            kind,
            start,
            end,
            too_deep,
        })
    }

    /// After `else` or `^`: a plain `{{else}}` when only `~` and blanks come before the
    /// `}}`, and otherwise the next link of a chain (counted even when the parser would
    /// not read it so: counting too much is safe).
    fn else_kind(&self, after: usize) -> Kind {
        let mut at = self.skip_blanks(after);
        if self.bytes.get(at) == Some(&b'~') {
            at = self.skip_blanks(at + 1);
        }
        if self.starts_with(at, b"}}") {
            Kind::Else
        } else {
            Kind::Chain
        }
    }
}

impl Iterator for Tags<'_> {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        if self.done {
            return None;
        }
        loop {
            let Some(start) = self.find_from(b"{{", self.pos) else {
                self.done = true;
                return None;
            };
            // `\{{` is text (with a following `{{`); `\\{{` is a backslash and a tag.
            let backslashes = self.bytes[self.pos..start]
                .iter()
                .rev()
                .take_while(|&&b| b == b'\\')
                .count();
            if backslashes == 1 {
                self.pos = start + 2;
                if self.starts_with(self.pos, b"{{") {
                    self.pos += 2;
                }
                continue;
            }
            let item = self.tag(start);
            match item {
                Ok(tag) if tag.end < self.bytes.len() => self.pos = tag.end,
                // Refused, or never closed: nothing after it is parsed.
                _ => self.done = true,
            }
            return Some(item);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(source: &str) -> Vec<Result<Kind, Refused>> {
        tags(source).map(|item| item.map(|t| t.kind)).collect()
    }

    #[test]
    fn tags_are_told_apart() {
        use Kind::*;
        assert_eq!(
            kinds("a {{x}} {{#if y}}b{{else if z}}c{{^}}d{{/if}} {{! c }} {{{t}}}"),
            [
                Ok(Other),
                Ok(Open),
                Ok(Chain),
                Ok(Else),
                Ok(Close),
                Ok(Comment),
                Ok(Other)
            ]
        );
        assert_eq!(
            kinds("{{ ~ #if a}}{{~ else ~}}{{^ if b}}{{\n/if}}"),
            [Ok(Open), Ok(Else), Ok(Chain), Ok(Close)]
        );
    }

    #[test]
    fn escaped_braces_are_text() {
        assert_eq!(kinds(r"\{{#if a}} \{{{{x}}"), []);
        assert_eq!(kinds(r"\\{{#if a}}"), [Ok(Kind::Open)]);
    }

    #[test]
    fn comments_and_quoted_text_hide_tags() {
        assert_eq!(
            kinds("{{!-- {{#if a}} }} --}}{{! {{#if b }}{{x \"}}{{#if\" '}}'}}"),
            [Ok(Kind::Comment), Ok(Kind::Comment), Ok(Kind::Other)]
        );
        assert_eq!(
            kinds("{{! -- a --}}{{#if b}}"),
            [Ok(Kind::Comment), Ok(Kind::Open)]
        );
        assert_eq!(
            kinds("{{#if a}}{{!-- a }}{{/if}}"),
            [Ok(Kind::Open), Err(Refused::UnclosedComment(9))]
        );
    }

    #[test]
    fn parentheses_are_measured_across_lines() {
        let source = "{{#if (not\n(not\n  (not (x))))}}{{y (z)}}";
        let mut scan = tags(source);
        scan.limit_parentheses(2);
        let tag = scan.next().and_then(Result::ok).expect("a tag");
        // The third `(`, on the third line.
        assert_eq!(tag.too_deep, source.find("(not (x"));
        assert_eq!(&source[tag.end..], "{{y (z)}}");
        let tag = scan.next().and_then(Result::ok).expect("a tag");
        assert_eq!(tag.too_deep, None);
    }

    #[test]
    fn what_cannot_be_followed_is_refused() {
        assert_eq!(kinds("{{{{raw}}}}"), [Err(Refused::RawBlock(0))]);
        assert_eq!(kinds("a{{> p}}"), [Err(Refused::Partial(1))]);
        assert_eq!(kinds("{{#> p}}{{/p}}"), [Err(Refused::Partial(0))]);
        assert_eq!(kinds("{{x.[0]}}"), [Err(Refused::Bracket(4))]);
        assert_eq!(kinds("{{x {\"a\": 1}}}"), [Err(Refused::Brace(4))]);
        assert_eq!(kinds("{{x \"[{\"}}"), [Ok(Kind::Other)]);
        let triple: Vec<Tag> = tags("{{{x}}} {{ {y} }}").filter_map(Result::ok).collect();
        assert_eq!(triple.iter().map(|t| t.end).collect::<Vec<_>>(), [7, 17]);
    }

    #[test]
    fn an_unclosed_tag_ends_the_text() {
        let all: Vec<Item> = tags("{{#if a}}{{x").collect();
        assert_eq!(all.len(), 2);
        assert_eq!(all[1].map(|t| t.end), Ok(12));
    }
}
