//! A small block tree of a clause body, for the renderers that do not write HTML (plain
//! text and Word): paragraphs of styled runs, lists, quotes, code.
//!
//! The same safety rules as in HTML apply: raw HTML is text, a link keeps its text and,
//! when its target is a web or mail address different from that text, shows the target
//! after it in parentheses; a link to any other scheme shows its text only; an image
//! shows its alt text.

use super::{is_safe_link, parser, visible_target};
use pulldown_cmark::{Event, Tag, TagEnd};

/// A block of a clause body.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Block {
    Paragraph(Vec<Inline>),
    /// A heading inside a body; `level` 1 is the highest.
    Heading(u8, Vec<Inline>),
    List(List),
    Quote(Vec<Block>),
    /// Preformatted text, one entry per line.
    Code(Vec<String>),
    Rule,
}

/// A list: ordered lists are lettered sub-paragraphs.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct List {
    /// The first number of an ordered list; `None` for a bullet list.
    pub start: Option<u64>,
    /// No blank lines between items in the source.
    pub tight: bool,
    pub items: Vec<Vec<Block>>,
}

/// A piece of inline text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Inline {
    Text(Run),
    /// A hard line break inside a paragraph.
    Break,
}

/// Text with one style throughout.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Run {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
    pub code: bool,
}

/// An open container while the events are read.
enum Frame {
    Quote(Vec<Block>),
    List(List),
    /// A list item: its blocks, and inline content not (yet) wrapped in a paragraph,
    /// as in tight lists.
    Item(Vec<Block>, Vec<Inline>),
    Paragraph(Vec<Inline>),
    Heading(u8, Vec<Inline>),
    Code(String),
}

/// An open link: whether its target is shown after its text, and the text so far.
struct OpenLink {
    target: Option<String>,
    text: String,
}

struct Builder {
    root: Vec<Block>,
    stack: Vec<Frame>,
    bold: u32,
    italic: u32,
    links: Vec<OpenLink>,
}

impl Builder {
    fn push_block(&mut self, block: Block) {
        match self.stack.last_mut() {
            Some(Frame::Quote(blocks)) => blocks.push(block),
            Some(Frame::Item(blocks, pending)) => {
                if !pending.is_empty() {
                    blocks.push(Block::Paragraph(std::mem::take(pending)));
                }
                blocks.push(block);
            }
            // Blocks never open directly in lists, paragraphs, headings or code; if the
            // parser ever did so, the block still reaches the document.
            _ => self.root.push(block),
        }
    }

    fn push_inline(&mut self, inline: Inline) {
        if let Inline::Text(run) = &inline {
            for link in &mut self.links {
                link.text.push_str(&run.text);
            }
        }
        match self.stack.last_mut() {
            Some(Frame::Paragraph(inlines) | Frame::Heading(_, inlines))
            | Some(Frame::Item(_, inlines)) => push_merged(inlines, inline),
            Some(Frame::Code(code)) => {
                if let Inline::Text(run) = inline {
                    code.push_str(&run.text);
                }
            }
            // Inline content outside any paragraph (not produced by CommonMark parsing)
            // still reaches the document as a paragraph of its own.
            _ => self.push_block(Block::Paragraph(vec![inline])),
        }
    }

    fn text(&mut self, text: &str, code: bool) {
        self.push_inline(Inline::Text(Run {
            text: text.to_owned(),
            bold: self.bold > 0,
            italic: self.italic > 0,
            code,
        }));
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Paragraph | Tag::HtmlBlock => {
                if let Some(Frame::Item(..)) = self.stack.last() {
                    self.mark_loose();
                }
                self.stack.push(Frame::Paragraph(Vec::new()));
            }
            Tag::Heading { level, .. } => self.stack.push(Frame::Heading(level as u8, Vec::new())),
            Tag::BlockQuote(_) => self.stack.push(Frame::Quote(Vec::new())),
            Tag::CodeBlock(_) => self.stack.push(Frame::Code(String::new())),
            Tag::List(start) => self.stack.push(Frame::List(List {
                start,
                tight: true,
                items: Vec::new(),
            })),
            Tag::Item => self.stack.push(Frame::Item(Vec::new(), Vec::new())),
            Tag::Emphasis => self.italic += 1,
            Tag::Strong => self.bold += 1,
            Tag::Link {
                link_type,
                dest_url,
                ..
            } => {
                let target = is_safe_link(link_type, &dest_url)
                    .then(|| visible_target(link_type, &dest_url));
                self.links.push(OpenLink {
                    target,
                    text: String::new(),
                });
            }
            // Images: only their alt text, which arrives as ordinary text events.
            _ => {}
        }
    }

    /// A paragraph opened inside a list item: the innermost list is loose.
    fn mark_loose(&mut self) {
        if let Some(Frame::List(list)) = self
            .stack
            .iter_mut()
            .rev()
            .find(|f| matches!(f, Frame::List(_)))
        {
            list.tight = false;
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Emphasis => self.italic = self.italic.saturating_sub(1),
            TagEnd::Strong => self.bold = self.bold.saturating_sub(1),
            TagEnd::Link => {
                if let Some(link) = self.links.pop()
                    && let Some(target) = link.target
                    && target != link.text.trim()
                {
                    self.text(" (", false);
                    self.text(&target, false);
                    self.text(")", false);
                }
            }
            TagEnd::Paragraph
            | TagEnd::HtmlBlock
            | TagEnd::Heading(_)
            | TagEnd::BlockQuote(_)
            | TagEnd::CodeBlock
            | TagEnd::List(_)
            | TagEnd::Item => self.close(),
            _ => {}
        }
    }

    fn close(&mut self) {
        let Some(frame) = self.stack.pop() else {
            return;
        };
        match frame {
            Frame::Paragraph(inlines) => {
                if !inlines.is_empty() {
                    self.push_block(Block::Paragraph(trim_inlines(inlines)));
                }
            }
            // Empty blocks (an empty heading, quote or code fence) render as nothing.
            Frame::Heading(level, inlines) => {
                let inlines = trim_inlines(inlines);
                if !inlines.is_empty() {
                    self.push_block(Block::Heading(level, inlines))
                }
            }
            Frame::Quote(blocks) => {
                if !blocks.is_empty() {
                    self.push_block(Block::Quote(blocks))
                }
            }
            Frame::Code(code) => {
                let code = code.trim_end_matches('\n');
                if !code.trim().is_empty() {
                    let lines = code.split('\n').map(str::to_owned);
                    self.push_block(Block::Code(lines.collect()))
                }
            }
            Frame::List(list) => self.push_block(Block::List(list)),
            Frame::Item(mut blocks, pending) => {
                if !pending.is_empty() {
                    blocks.push(Block::Paragraph(trim_inlines(pending)));
                }
                match self.stack.last_mut() {
                    Some(Frame::List(list)) => list.items.push(blocks),
                    _ => {
                        for block in blocks {
                            self.push_block(block);
                        }
                    }
                }
            }
        }
    }
}

/// Appends an inline, merging it into the previous run when the style is the same.
fn push_merged(inlines: &mut Vec<Inline>, inline: Inline) {
    if let (Some(Inline::Text(last)), Inline::Text(run)) = (inlines.last_mut(), &inline)
        && last.bold == run.bold
        && last.italic == run.italic
        && last.code == run.code
    {
        last.text.push_str(&run.text);
        return;
    }
    inlines.push(inline);
}

/// Removes the trailing newline raw HTML blocks carry, and leading or trailing spaces.
fn trim_inlines(mut inlines: Vec<Inline>) -> Vec<Inline> {
    if let Some(Inline::Text(run)) = inlines.last_mut() {
        let trimmed = run.text.trim_end().len();
        run.text.truncate(trimmed);
    }
    if let Some(Inline::Text(run)) = inlines.first_mut() {
        let start = run.text.len() - run.text.trim_start().len();
        run.text.drain(..start);
    }
    inlines.retain(|inline| !matches!(inline, Inline::Text(run) if run.text.is_empty()));
    while matches!(inlines.last(), Some(Inline::Break)) {
        inlines.pop();
    }
    inlines
}

/// Parses a clause body into blocks.
pub(crate) fn parse(markdown: &str) -> Vec<Block> {
    let mut builder = Builder {
        root: Vec::new(),
        stack: Vec::new(),
        bold: 0,
        italic: 0,
        links: Vec::new(),
    };
    for event in parser(markdown) {
        match event {
            Event::Start(tag) => builder.start(tag),
            Event::End(tag) => builder.end(tag),
            Event::Text(text) | Event::Html(text) | Event::InlineHtml(text) => {
                builder.text(&text, false)
            }
            Event::Code(text) => builder.text(&text, true),
            Event::SoftBreak => builder.text(" ", false),
            Event::HardBreak => builder.push_inline(Inline::Break),
            Event::Rule => builder.push_block(Block::Rule),
            _ => {}
        }
    }
    while !builder.stack.is_empty() {
        builder.close();
    }
    builder.root
}

/// The plain text of a run of inlines, hard breaks as newlines.
pub(crate) fn plain(inlines: &[Inline]) -> String {
    let mut out = String::new();
    for inline in inlines {
        match inline {
            Inline::Text(run) => out.push_str(&run.text),
            Inline::Break => out.push('\n'),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Inline {
        Inline::Text(Run {
            text: text.to_owned(),
            bold: false,
            italic: false,
            code: false,
        })
    }

    #[test]
    fn tight_and_loose_lists() {
        let blocks = parse("Intro:\n\n1. one\n2. two\n\n- x\n\n- y\n");
        assert_eq!(blocks.len(), 3);
        let Block::List(ordered) = &blocks[1] else {
            panic!("expected a list, got {:?}", blocks[1]);
        };
        assert_eq!(ordered.start, Some(1));
        assert!(ordered.tight);
        assert_eq!(ordered.items[1], vec![Block::Paragraph(vec![run("two")])]);
        let Block::List(bullets) = &blocks[2] else {
            panic!("expected a list, got {:?}", blocks[2]);
        };
        assert!(!bullets.tight);
        assert_eq!(bullets.start, None);
    }

    #[test]
    fn unsafe_links_keep_text_only() {
        let blocks = parse("[x](javascript:alert(1)) and [site](https://example.org)");
        assert_eq!(
            blocks,
            vec![Block::Paragraph(vec![run(
                "x and site (https://example.org)"
            )])]
        );
    }

    #[test]
    fn raw_html_is_text() {
        let blocks = parse("<script>alert(1)</script>\n\nA <b>bold</b> claim");
        assert_eq!(
            blocks,
            vec![
                Block::Paragraph(vec![run("<script>alert(1)</script>")]),
                Block::Paragraph(vec![run("A <b>bold</b> claim")]),
            ]
        );
    }
}
