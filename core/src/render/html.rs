//! HTML: a fragment for embedding, and a standalone page for reading and printing.
//!
//! Bodies go through pulldown-cmark with an event filter in front of its HTML writer
//! (the writer copies raw HTML events verbatim, so the filter is the only place where
//! raw HTML can be neutralised): raw HTML becomes text, unsafe links and all images lose
//! their markup and keep their text, ordered lists become lettered sub-paragraphs and
//! headings inside a body are demoted below the clause heading.

use super::{ListStyle, is_safe_link, parser};
use crate::document::{Clause, Document};
use crate::options::Locale;
use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Tag, TagEnd, html};

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

/// Escapes text for HTML element content and double-quoted attribute values.
fn escape_html(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
}

fn list_class(style: ListStyle) -> (&'static str, &'static str) {
    match style {
        ListStyle::LowerAlpha => ("a", "caucus-lower-alpha"),
        ListStyle::LowerRoman => ("i", "caucus-lower-roman"),
        ListStyle::UpperAlpha => ("A", "caucus-upper-alpha"),
        ListStyle::Decimal => ("1", "caucus-decimal"),
    }
}

fn demote(level: HeadingLevel) -> HeadingLevel {
    match level {
        HeadingLevel::H1 => HeadingLevel::H3,
        HeadingLevel::H2 => HeadingLevel::H4,
        HeadingLevel::H3 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

/// Renders one clause body (CommonMark) to safe HTML, appended to `out`.
fn push_body(markdown: &str, out: &mut String) {
    // One entry per open list (true: ordered), one per open link (true: kept).
    let mut lists: Vec<bool> = Vec::new();
    let mut links: Vec<bool> = Vec::new();
    let events = parser(markdown).filter_map(|event| match event {
        // Raw HTML is shown, never interpreted.
        Event::Html(raw) | Event::InlineHtml(raw) => Some(Event::Text(raw)),
        Event::Start(Tag::HtmlBlock) => Some(Event::Start(Tag::Paragraph)),
        Event::End(TagEnd::HtmlBlock) => Some(Event::End(TagEnd::Paragraph)),
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let keep = is_safe_link(link_type, &dest_url);
            links.push(keep);
            keep.then_some(Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }))
        }
        Event::End(TagEnd::Link) => {
            let keep = links.pop().unwrap_or(false);
            keep.then_some(Event::End(TagEnd::Link))
        }
        // Images are reduced to their alt text, which arrives as the text events between
        // these two: no request leaves the page because of a clause body.
        Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => None,
        Event::Start(Tag::List(Some(start))) => {
            let (kind, class) = list_class(ListStyle::at_depth(lists.len()));
            lists.push(true);
            let start = if start == 1 {
                String::new()
            } else {
                format!(" start=\"{start}\"")
            };
            // Trusted markup of our own, added after the raw-HTML filter above.
            Some(Event::Html(CowStr::from(format!(
                "<ol type=\"{kind}\" class=\"{class}\"{start}>\n"
            ))))
        }
        Event::Start(Tag::List(None)) => {
            lists.push(false);
            Some(Event::Start(Tag::List(None)))
        }
        Event::End(TagEnd::List(ordered)) => {
            lists.pop();
            if ordered {
                Some(Event::Html(CowStr::Borrowed("</ol>\n")))
            } else {
                Some(Event::End(TagEnd::List(false)))
            }
        }
        // The info string of a fenced code block would become a class attribute: drop it.
        Event::Start(Tag::CodeBlock(_)) => {
            Some(Event::Start(Tag::CodeBlock(CodeBlockKind::Indented)))
        }
        Event::Start(Tag::Heading { level, .. }) => Some(Event::Start(Tag::Heading {
            level: demote(level),
            id: None,
            classes: Vec::new(),
            attrs: Vec::new(),
        })),
        Event::End(TagEnd::Heading(level)) => Some(Event::End(TagEnd::Heading(demote(level)))),
        other => Some(other),
    });
    html::push_html(out, events);
}

fn push_clause(clause: &Clause, out: &mut String) {
    out.push_str("<section class=\"clause\" id=\"clause-");
    // Pack ids are slugs already; anything else becomes one, so the id is always a
    // plain fragment identifier.
    out.extend(clause.id.chars().map(|c| {
        if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
            c
        } else {
            '-'
        }
    }));
    out.push_str("\">\n");
    let title = super::one_line(&clause.title);
    let title = title.as_str();
    match clause.number {
        Some(n) => {
            out.push_str("<h2><span class=\"clause-number\">");
            out.push_str(&n.to_string());
            out.push_str(".</span>");
            if !title.is_empty() {
                out.push(' ');
                escape_html(title, out);
            }
            out.push_str("</h2>\n");
        }
        None if !title.is_empty() => {
            out.push_str("<h2>");
            escape_html(title, out);
            out.push_str("</h2>\n");
        }
        None => {}
    }
    push_body(clause.body.trim(), out);
    out.push_str("</section>\n");
}

impl Document {
    /// The document as an HTML fragment: one `<article class="caucus-document">` with the
    /// title and one `<section class="clause">` per clause. No raw HTML from a template
    /// or a value is ever passed through; style it with [`STYLESHEET`].
    pub fn to_html(&self) -> String {
        let mut out = String::with_capacity(
            256 + self
                .clauses
                .iter()
                .map(|c| c.body.len() * 5 / 4 + 96)
                .sum::<usize>(),
        );
        out.push_str("<article class=\"caucus-document\" lang=\"");
        out.push_str(self.locale.tag());
        out.push_str("\">\n<h1>");
        escape_html(&super::one_line(&self.title), &mut out);
        out.push_str("</h1>\n");
        for clause in &self.clauses {
            push_clause(clause, &mut out);
        }
        out.push_str("</article>\n");
        out
    }

    /// The document as a standalone HTML5 page: the fragment of [`Document::to_html`]
    /// with [`STYLESHEET`] and a print page size that follows the locale (A4 for en-GB,
    /// US Letter for en-US and en-CA).
    pub fn to_html_page(&self) -> String {
        let fragment = self.to_html();
        let mut out = String::with_capacity(fragment.len() + STYLESHEET.len() + 512);
        out.push_str("<!DOCTYPE html>\n<html lang=\"");
        out.push_str(self.locale.tag());
        out.push_str("\">\n<head>\n<meta charset=\"utf-8\">\n");
        out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        out.push_str("<meta name=\"generator\" content=\"caucus\">\n<title>");
        escape_html(&super::one_line(&self.title), &mut out);
        out.push_str("</title>\n<style>\n");
        out.push_str(STYLESHEET);
        out.push_str(match self.locale {
            Locale::EnGb => "@page { size: A4; margin: 2.5cm 2.5cm 2.5cm; }\n",
            Locale::EnCa | Locale::EnUs => "@page { size: letter; margin: 1in; }\n",
        });
        out.push_str("</style>\n</head>\n<body>\n");
        out.push_str(&fragment);
        out.push_str("</body>\n</html>\n");
        out
    }
}
