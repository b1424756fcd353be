//! HTML: a fragment for embedding, and a standalone page for reading and printing.
//!
//! Bodies are parsed by pulldown-cmark and written to HTML from its events by our own
//! writer ([`BodyWriter`]), which is the only place where markup is made: raw HTML
//! becomes escaped text, unsafe links and all images lose their markup and keep their
//! text, ordered lists become lettered sub-paragraphs and headings inside a body are
//! demoted below the clause heading. Everything else is written exactly as
//! pulldown-cmark's own HTML writer would (`tests/render_html_reference.rs` holds it to
//! that).

use super::{ListStyle, is_safe_link, parser, push_number};
use crate::document::{Clause, Document};
use crate::options::Locale;
use pulldown_cmark::{Event, HeadingLevel, LinkType, Tag, TagEnd};
use std::cell::RefCell;
use std::collections::BTreeMap;

/// The stylesheet of [`Document::to_html_page`], for pages that embed the fragment of
/// [`Document::to_html`] and want the same look: lettered sub-paragraphs shown as (a),
/// (b), readable measure and type, and a print layout.
pub const STYLESHEET: &str = r#"@counter-style caucus-lower-alpha { system: extends lower-alpha; prefix: "("; suffix: ") "; }
@counter-style caucus-lower-roman { system: extends lower-roman; prefix: "("; suffix: ") "; }
@counter-style caucus-upper-alpha { system: extends upper-alpha; prefix: "("; suffix: ") "; }
@counter-style caucus-decimal { system: extends decimal; prefix: "("; suffix: ") "; }
.caucus-document { max-width: 42rem; margin: 0 auto; padding: 2rem 1.25rem 4rem; color: #1b1b1b;
  font-family: Charter, "Bitstream Charter", "Sitka Text", Cambria, Georgia, serif;
  font-size: 1.0625rem; line-height: 1.6; font-kerning: normal; hyphens: auto; overflow-wrap: break-word; }
.caucus-document h1 { font-size: 1.75rem; line-height: 1.25; margin: 0 0 2rem; font-weight: 700; }
.caucus-document h2 { font-size: 1.125rem; line-height: 1.35; margin: 2rem 0 0.5rem; font-weight: 700; break-after: avoid; }
.caucus-document h3, .caucus-document h4, .caucus-document h5, .caucus-document h6 { font-size: 1rem; margin: 1.25rem 0 0.25rem; break-after: avoid; }
.caucus-document .clause-number { display: inline-block; min-width: 2.25rem; font-variant-numeric: tabular-nums; }
.caucus-document .clause > :not(h2) { margin-left: 2.25rem; }
.caucus-document p { margin: 0 0 0.75rem; }
.caucus-document ol, .caucus-document ul { margin: 0 0 0.75rem; padding-left: 2.5rem; }
.caucus-document li { margin: 0.25rem 0; padding-left: 0.25rem; }
.caucus-document li > ol, .caucus-document li > ul { margin: 0.25rem 0 0; }
.caucus-document ol.caucus-lower-alpha { list-style-type: caucus-lower-alpha; }
.caucus-document ol.caucus-lower-roman { list-style-type: caucus-lower-roman; }
.caucus-document ol.caucus-upper-alpha { list-style-type: caucus-upper-alpha; }
.caucus-document ol.caucus-decimal { list-style-type: caucus-decimal; }
.caucus-document blockquote { margin: 0 0 0.75rem; padding-left: 1rem; border-left: 3px solid #c8c8c8; }
.caucus-document code, .caucus-document pre { font-family: ui-monospace, "SF Mono", Menlo, Consolas, monospace; font-size: 0.9em; }
.caucus-document a { color: #0b57a4; }
@media print {
  .caucus-document { max-width: none; margin: 0; padding: 0; color: #000; font-size: 11pt; line-height: 1.45; }
  .caucus-document h1 { font-size: 18pt; }
  .caucus-document h2 { font-size: 12pt; }
  .caucus-document p, .caucus-document li { orphans: 3; widows: 3; }
  .caucus-document a { color: inherit; text-decoration: none; }
  .caucus-document a[href^="http"]::after { content: " (" attr(href) ")"; font-size: 0.9em; }
}
"#;

/// A document's HTML fragment in parts ([`Document::to_html_parts`]): the fragment is
/// `<article class="caucus-document" lang="LANG">` and a line break, the heading, every
/// clause in order, and `</article>` with a line break.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HtmlParts {
    /// The document's language (`en-GB`), for the article's `lang` attribute.
    pub lang: &'static str,
    /// The title as `<h1>…</h1>` and a line break.
    pub heading: String,
    /// Each clause as `<section class="clause" id="clause-…">…</section>` and a line
    /// break, escaped by construction like the whole fragment.
    pub clauses: Vec<String>,
}

/// What HTML escapes, for text in element content: `&`, `<`, `>`.
const BODY: [bool; 256] = escape_table(false);
/// What HTML escapes, for text in element content and double-quoted attribute values:
/// `&`, `<`, `>`, `"`, `'`.
const ATTRIBUTE: [bool; 256] = escape_table(true);

const fn escape_table(attribute: bool) -> [bool; 256] {
    let mut table = [false; 256];
    table[b'&' as usize] = true;
    table[b'<' as usize] = true;
    table[b'>' as usize] = true;
    if attribute {
        table[b'"' as usize] = true;
        table[b'\'' as usize] = true;
    }
    table
}

/// Escapes `text` for HTML (the characters `table` marks), copying the runs between the
/// escaped characters whole.
fn escape_with(text: &str, table: &[bool; 256], out: &mut String) {
    let bytes = text.as_bytes();
    let mut run = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if !table[b as usize] {
            continue;
        }
        // Every escaped character is ASCII, so `run..i` and `i + 1..` are on char
        // boundaries.
        out.push_str(&text[run..i]);
        out.push_str(match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            _ => "&#39;",
        });
        run = i + 1;
    }
    out.push_str(&text[run..]);
}

/// Escapes text for HTML element content and double-quoted attribute values.
fn escape_html(text: &str, out: &mut String) {
    escape_with(text, &ATTRIBUTE, out);
}

/// Escapes text for HTML element content (the same as pulldown-cmark's HTML writer:
/// quotes are left alone there).
fn escape_body_text(text: &str, out: &mut String) {
    // Most text has nothing to escape: find the first character that needs it fast.
    match memchr::memchr3(b'&', b'<', b'>', text.as_bytes()) {
        None => out.push_str(text),
        Some(first) => {
            out.push_str(&text[..first]);
            escape_with(&text[first..], &BODY, out);
        }
    }
}

/// Which bytes of a link target stay as they are in an `href` (pulldown-cmark's table):
/// everything else is percent-encoded, except `&` and `'`, which become entities.
const HREF_SAFE: [bool; 256] = crate::template::escape::byte_set(
    b"!#$%()*+,-./0123456789:;=?@ABCDEFGHIJKLMNOPQRSTUVWXYZ^_abcdefghijklmnopqrstuvwxyz~",
);

/// Escapes a link target for an `href` attribute exactly as pulldown-cmark's HTML writer
/// does.
fn escape_href(url: &str, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut run = 0;
    for (i, &b) in url.as_bytes().iter().enumerate() {
        if HREF_SAFE[usize::from(b)] {
            continue;
        }
        // Every byte of a non-ASCII character is escaped, so `run` is inside a character
        // only while its bytes are being escaped, and then `run == i`.
        if run < i {
            out.push_str(&url[run..i]);
        }
        match b {
            b'&' => out.push_str("&amp;"),
            b'\'' => out.push_str("&#x27;"),
            _ => {
                out.push('%');
                out.push(char::from(HEX[usize::from(b >> 4)]));
                out.push(char::from(HEX[usize::from(b & 0xF)]));
            }
        }
        run = i + 1;
    }
    out.push_str(&url[run..]);
}

/// Plain text on one line (runs of whitespace become one space, none at either end),
/// escaped for HTML: a heading cannot hold a line break.
fn escape_one_line(text: &str, out: &mut String) {
    for (i, word) in text.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        escape_html(word, out);
    }
}

fn list_class(style: ListStyle) -> &'static str {
    match style {
        ListStyle::LowerAlpha => "<ol type=\"a\" class=\"caucus-lower-alpha\"",
        ListStyle::LowerRoman => "<ol type=\"i\" class=\"caucus-lower-roman\"",
        ListStyle::UpperAlpha => "<ol type=\"A\" class=\"caucus-upper-alpha\"",
        ListStyle::Decimal => "<ol type=\"1\" class=\"caucus-decimal\"",
    }
}

/// The tag name of a heading inside a body, demoted below the clause heading (`h2`).
fn demoted(level: HeadingLevel) -> &'static str {
    match level {
        HeadingLevel::H1 => "h3",
        HeadingLevel::H2 => "h4",
        HeadingLevel::H3 => "h5",
        _ => "h6",
    }
}

/// The HTML of one clause body, written straight from the parser's events.
///
/// The output is byte for byte what pulldown-cmark's own HTML writer gives for the same
/// events after the safety rules (see `tests/render_html_reference.rs`, which keeps that
/// first implementation): raw HTML becomes escaped text (an HTML block a paragraph),
/// only safe links keep their `<a>`, images keep only their alt text, ordered lists are
/// lettered `<ol>` of our own, a fenced code block loses its info string, and headings
/// are demoted. Writing directly saves the event filter, the writer's bookkeeping and a
/// String per ordered list; `end_newline` is the writer's own rule for when a block tag
/// needs a line break in front.
struct BodyWriter<'o> {
    out: &'o mut String,
    /// Whether the output so far ends with a line break (as the writer tracks it).
    end_newline: bool,
    /// One entry per open list: true for ordered.
    lists: Vec<bool>,
    /// One entry per open link: true when it is live.
    links: Vec<bool>,
}

impl BodyWriter<'_> {
    /// Writes our own markup (never empty) and notes whether it ended a line.
    fn write(&mut self, s: &str) {
        self.out.push_str(s);
        self.end_newline = s.ends_with('\n');
    }

    /// Writes a block's opening tag, on a new line unless the output is at one.
    fn block(&mut self, tag: &str) {
        if !self.end_newline {
            self.out.push('\n');
        }
        self.write(tag);
    }

    fn text(&mut self, text: &str) {
        escape_body_text(text, self.out);
        self.end_newline = text.ends_with('\n');
    }

    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            // Raw HTML is shown, never interpreted.
            Event::Text(text) | Event::Html(text) | Event::InlineHtml(text) => self.text(&text),
            Event::Code(text) => {
                self.out.push_str("<code>");
                escape_body_text(&text, self.out);
                self.write("</code>");
            }
            Event::SoftBreak => self.write("\n"),
            Event::HardBreak => self.write("<br />\n"),
            Event::Rule => self.block("<hr />\n"),
            // Not produced by the CommonMark parser without extensions; shown as text
            // should that ever change.
            Event::InlineMath(text) | Event::DisplayMath(text) | Event::FootnoteReference(text) => {
                self.text(&text)
            }
            Event::TaskListMarker(_) => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Paragraph | Tag::HtmlBlock => self.block("<p>"),
            Tag::Heading { level, .. } => {
                self.block("<");
                self.out.push_str(demoted(level));
                self.write(">");
            }
            Tag::BlockQuote(_) => self.block("<blockquote>\n"),
            // The info string of a fenced code block would become a class attribute: drop it.
            Tag::CodeBlock(_) => self.block("<pre><code>"),
            Tag::List(Some(start)) => {
                // Trusted markup of our own, written as the writer writes raw HTML: with
                // no line break in front.
                self.out
                    .push_str(list_class(ListStyle::at_depth(self.lists.len())));
                self.lists.push(true);
                if start != 1 {
                    self.out.push_str(" start=\"");
                    push_number(start, self.out);
                    self.out.push('"');
                }
                self.write(">\n");
            }
            Tag::List(None) => {
                self.lists.push(false);
                self.block("<ul>\n");
            }
            Tag::Item => self.block("<li>"),
            Tag::Emphasis => self.write("<em>"),
            Tag::Strong => self.write("<strong>"),
            Tag::Link {
                link_type,
                dest_url,
                title,
                ..
            } => {
                let keep = is_safe_link(link_type, &dest_url);
                self.links.push(keep);
                if keep {
                    self.out.push_str(if link_type == LinkType::Email {
                        "<a href=\"mailto:"
                    } else {
                        "<a href=\""
                    });
                    escape_href(&dest_url, self.out);
                    if !title.is_empty() {
                        self.out.push_str("\" title=\"");
                        escape_html(&title, self.out);
                    }
                    self.write("\">");
                }
            }
            // Images are reduced to their alt text, which arrives as the text events
            // between start and end: no request leaves the page because of a clause body.
            Tag::Image { .. } => {}
            // Not produced by the CommonMark parser without extensions: their content
            // still shows, as text.
            Tag::Table(_)
            | Tag::TableHead
            | Tag::TableRow
            | Tag::TableCell
            | Tag::FootnoteDefinition(_)
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::MetadataBlock(_) => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph | TagEnd::HtmlBlock => self.write("</p>\n"),
            TagEnd::Heading(level) => {
                self.out.push_str("</");
                self.out.push_str(demoted(level));
                self.write(">\n");
            }
            TagEnd::BlockQuote(_) => self.write("</blockquote>\n"),
            TagEnd::CodeBlock => self.write("</code></pre>\n"),
            TagEnd::List(ordered) => {
                self.lists.pop();
                self.write(if ordered { "</ol>\n" } else { "</ul>\n" });
            }
            TagEnd::Item => self.write("</li>\n"),
            TagEnd::Emphasis => self.write("</em>"),
            TagEnd::Strong => self.write("</strong>"),
            TagEnd::Link => {
                if self.links.pop().unwrap_or(false) {
                    self.write("</a>");
                }
            }
            TagEnd::Image
            | TagEnd::Table
            | TagEnd::TableHead
            | TagEnd::TableRow
            | TagEnd::TableCell
            | TagEnd::FootnoteDefinition
            | TagEnd::DefinitionList
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::MetadataBlock(_) => {}
        }
    }
}

/// How many clause bodies' HTML each thread keeps ([`push_body`]).
const BODIES_KEPT: usize = 512;

thread_local! {
    /// Recent clause bodies and their HTML. Parsing the Markdown is most of what writing
    /// a document's HTML costs, and a drafting tool writes the same bodies again on
    /// every keystroke; a body's HTML depends on its text alone.
    static BODIES: RefCell<BTreeMap<String, String>> = const { RefCell::new(BTreeMap::new()) };
}

/// Renders one clause body (CommonMark) to safe HTML, appended to `out`: the HTML it had
/// when this thread last wrote the same body, or written now.
fn push_body(markdown: &str, out: &mut String) {
    if markdown.is_empty() {
        return;
    }
    let kept = BODIES.with_borrow(|bodies| {
        bodies
            .get(markdown)
            .map(|html| out.push_str(html))
            .is_some()
    });
    if kept {
        return;
    }
    let start = out.len();
    write_body(markdown, out);
    BODIES.with_borrow_mut(|bodies| {
        if bodies.len() == BODIES_KEPT {
            bodies.clear();
        }
        bodies.insert(markdown.to_owned(), out[start..].to_owned());
    });
}

/// Renders one clause body (CommonMark) to safe HTML, appended to `out`.
fn write_body(markdown: &str, out: &mut String) {
    let mut writer = BodyWriter {
        out,
        end_newline: true,
        lists: Vec::new(),
        links: Vec::new(),
    };
    for event in parser(markdown) {
        writer.event(event);
    }
}

fn push_clause(clause: &Clause, out: &mut String) {
    // A clause in the mediator's own wording is marked, so that a preview can show it.
    out.push_str(if clause.edited {
        "<section class=\"clause edited\" id=\"clause-"
    } else {
        "<section class=\"clause\" id=\"clause-"
    });
    // Pack ids are slugs already; anything else becomes one, so the id is always a
    // plain fragment identifier.
    if clause
        .id
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        out.push_str(&clause.id);
    } else {
        out.extend(clause.id.chars().map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        }));
    }
    out.push_str("\">\n");
    let has_title = clause.title.split_whitespace().next().is_some();
    match clause.number {
        Some(n) => {
            out.push_str("<h2><span class=\"clause-number\">");
            push_number(u64::from(n), out);
            out.push_str(".</span>");
            if has_title {
                out.push(' ');
                escape_one_line(&clause.title, out);
            }
            out.push_str("</h2>\n");
        }
        None if has_title => {
            out.push_str("<h2>");
            escape_one_line(&clause.title, out);
            out.push_str("</h2>\n");
        }
        None => {}
    }
    push_body(clause.body.trim(), out);
    out.push_str("</section>\n");
}

impl Document {
    /// A generous estimate of the fragment's length, so that its buffer is allocated once.
    fn html_capacity(&self) -> usize {
        256 + self.title.len()
            + self
                .clauses
                .iter()
                .map(|c| c.body.len() * 5 / 4 + c.title.len() + c.id.len() + 96)
                .sum::<usize>()
    }

    fn push_html(&self, out: &mut String) {
        out.push_str("<article class=\"caucus-document\" lang=\"");
        out.push_str(self.locale.tag());
        out.push_str("\">\n");
        self.push_heading(out);
        for clause in &self.clauses {
            push_clause(clause, out);
        }
        out.push_str("</article>\n");
    }

    fn push_heading(&self, out: &mut String) {
        out.push_str("<h1>");
        escape_one_line(&self.title, out);
        out.push_str("</h1>\n");
    }

    /// The fragment of [`Document::to_html`] in its parts: the article's language, its
    /// heading and each clause's `<section>`, so that a page can show the document clause
    /// by clause (and replace only the clauses that changed) without parsing the markup.
    pub fn to_html_parts(&self) -> HtmlParts {
        let mut heading = String::with_capacity(self.title.len() + 16);
        self.push_heading(&mut heading);
        HtmlParts {
            lang: self.locale.tag(),
            heading,
            clauses: self
                .clauses
                .iter()
                .map(|clause| {
                    let mut html = String::with_capacity(clause.body.len() * 5 / 4 + 128);
                    push_clause(clause, &mut html);
                    html
                })
                .collect(),
        }
    }

    /// The document as an HTML fragment: one `<article class="caucus-document">` with the
    /// title and one `<section class="clause">` per clause. No raw HTML from a template
    /// or a value is ever passed through; style it with [`STYLESHEET`].
    pub fn to_html(&self) -> String {
        let mut out = String::with_capacity(self.html_capacity());
        self.push_html(&mut out);
        out
    }

    /// The document as a standalone HTML5 page: the fragment of [`Document::to_html`]
    /// with [`STYLESHEET`] and a print page size that follows the locale (A4 for en-GB,
    /// US Letter for en-US and en-CA).
    pub fn to_html_page(&self) -> String {
        let mut out =
            String::with_capacity(self.html_capacity() + self.title.len() + STYLESHEET.len() + 512);
        out.push_str("<!DOCTYPE html>\n<html lang=\"");
        out.push_str(self.locale.tag());
        out.push_str("\">\n<head>\n<meta charset=\"utf-8\">\n");
        out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        out.push_str("<meta name=\"generator\" content=\"caucus\">\n<title>");
        escape_one_line(&self.title, &mut out);
        out.push_str("</title>\n<style>\n");
        out.push_str(STYLESHEET);
        out.push_str(match self.locale {
            Locale::EnGb => "@page { size: A4; margin: 2.5cm 2.5cm 2.5cm; }\n",
            Locale::EnCa | Locale::EnUs => "@page { size: letter; margin: 1in; }\n",
        });
        out.push_str("</style>\n</head>\n<body>\n");
        self.push_html(&mut out);
        out.push_str("</body>\n</html>\n");
        out
    }
}

#[cfg(test)]
mod tests {
    use crate::document::{Clause, Document};
    use crate::options::Locale;

    #[test]
    fn the_parts_make_the_fragment() {
        let clause = |id: &str, number, body: &str| Clause {
            id: id.into(),
            topic: id.into(),
            number,
            title: format!("Title <{id}>"),
            body: body.into(),
            edited: false,
        };
        let document = Document {
            kind: "agreement".into(),
            title: "Terms & <Conditions>".into(),
            locale: Locale::EnCa,
            clauses: vec![
                clause("a", Some(1), "<section class=\"clause\">x</section>"),
                clause("b", None, "1. one\n2. two"),
            ],
            definitions: Vec::new(),
        };
        let parts = document.to_html_parts();
        assert_eq!(parts.lang, "en-CA");
        assert_eq!(parts.heading, "<h1>Terms &amp; &lt;Conditions&gt;</h1>\n");
        assert_eq!(parts.clauses.len(), 2);
        let joined = format!(
            "<article class=\"caucus-document\" lang=\"{}\">\n{}{}</article>\n",
            parts.lang,
            parts.heading,
            parts.clauses.concat()
        );
        assert_eq!(joined, document.to_html());
    }

    #[test]
    fn a_body_is_written_from_memory_as_it_was_written() {
        let body = "A *body* with a list:\n\n1. one\n2. two <b>\n";
        let mut direct = String::from("before ");
        super::write_body(body, &mut direct);
        let mut first = String::from("before ");
        super::push_body(body, &mut first);
        assert!(super::BODIES.with_borrow(|bodies| bodies.contains_key(body)));
        let mut second = String::from("before ");
        super::push_body(body, &mut second);
        assert_eq!(first, direct);
        assert_eq!(second, direct);
        // The memory holds a body's HTML alone, not what came before it.
        assert!(super::BODIES.with_borrow(|bodies| !bodies[body].starts_with("before")));
    }
}
