//! `Document::to_html` writes its HTML directly from pulldown-cmark's events (for speed).
//! This test keeps the first implementation, which put an event filter in front of
//! pulldown-cmark's own HTML writer, and checks that both give the same bytes: for the
//! scenario documents of the built-in pack, the hand-built documents of the other render
//! tests, and generated bodies heavy with Markdown and HTML syntax.

mod render_support;

use caucus_core::options::Locale;
use caucus_core::{Clause, Document};
use proptest::prelude::*;
use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, LinkType, Tag, TagEnd, html};
use render_support::clause;

/// The reference renderer: pulldown-cmark's HTML writer behind the safety filter.
mod reference {
    use super::*;

    fn parser(markdown: &str) -> pulldown_cmark::Parser<'_> {
        pulldown_cmark::Parser::new_ext(markdown, pulldown_cmark::Options::empty())
    }

    fn is_safe_link(link_type: LinkType, url: &str) -> bool {
        if link_type == LinkType::Email {
            return !url.contains(':');
        }
        if url.starts_with('#') {
            return true;
        }
        let lower: String = url.chars().take(8).collect::<String>().to_ascii_lowercase();
        lower.starts_with("http://")
            || lower.starts_with("https://")
            || lower.starts_with("mailto:")
    }

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

    fn one_line(text: &str) -> String {
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    fn list_class(depth: usize) -> (&'static str, &'static str) {
        match depth {
            0 => ("a", "caucus-lower-alpha"),
            1 => ("i", "caucus-lower-roman"),
            2 => ("A", "caucus-upper-alpha"),
            _ => ("1", "caucus-decimal"),
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

    fn push_body(markdown: &str, out: &mut String) {
        let mut lists: Vec<bool> = Vec::new();
        let mut links: Vec<bool> = Vec::new();
        let events = parser(markdown).filter_map(|event| match event {
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
            Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => None,
            Event::Start(Tag::List(Some(start))) => {
                let (kind, class) = list_class(lists.len());
                lists.push(true);
                let start = if start == 1 {
                    String::new()
                } else {
                    format!(" start=\"{start}\"")
                };
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
        out.push_str(if clause.edited {
            "<section class=\"clause edited\" id=\"clause-"
        } else {
            "<section class=\"clause\" id=\"clause-"
        });
        out.extend(clause.id.chars().map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        }));
        out.push_str("\">\n");
        let title = one_line(&clause.title);
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

    pub fn to_html(doc: &Document) -> String {
        let mut out = String::new();
        out.push_str("<article class=\"caucus-document\" lang=\"");
        out.push_str(doc.locale.tag());
        out.push_str("\">\n<h1>");
        escape_html(&one_line(&doc.title), &mut out);
        out.push_str("</h1>\n");
        for clause in &doc.clauses {
            push_clause(clause, &mut out);
        }
        out.push_str("</article>\n");
        out
    }
}

/// Compares line by line first, so that a failure shows where the outputs part.
fn assert_same(doc: &Document) {
    let fast = doc.to_html();
    let slow = reference::to_html(doc);
    if fast != slow {
        let line = fast
            .lines()
            .zip(slow.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(fast.lines().count().min(slow.lines().count()));
        panic!(
            "HTML differs from the reference at line {}\n  fast: {:?}\n  ref:  {:?}\nbodies: {:#?}",
            line + 1,
            fast.lines().nth(line),
            slow.lines().nth(line),
            doc.clauses.iter().map(|c| &c.body).collect::<Vec<_>>()
        );
    }
    // The page wraps exactly the fragment.
    assert!(doc.to_html_page().contains(&fast));
}

#[test]
fn scenario_documents_match_the_reference() {
    for (_, doc) in render_support::scenario_documents() {
        assert_same(&doc);
    }
}

#[test]
fn hand_built_documents_match_the_reference() {
    for locale in [Locale::EnGb, Locale::EnCa, Locale::EnUs] {
        assert_same(&render_support::agreement(locale));
    }
    assert_same(&render_support::long(20));
    assert_same(&render_support::invitation());
    assert_same(&render_support::hostile());
}

#[test]
fn corner_cases_match_the_reference() {
    let bodies = [
        "",
        "   ",
        "a\n\n1. x\n2. y\n\n   1. z\n\n      1. w\n\n         1. v\n\n            1. u",
        "5. five\n6. six\n\n- a\n- b\n\n  1. c",
        "<div>\n*x*\n</div>\n\nafter",
        "<script>alert(1)</script>",
        "<!-- c -->\n\ntext <b>bold</b> &amp; &copy; &#60; &nbsp;",
        "```rust\nfn x() {}\n```\n\n~~~\nunclosed",
        "    indented\n    code\n\ntext",
        "# H1\n## H2\n### H3\n#### H4\n##### H5\n###### H6\n\nSetext\n===\n\nTwo\n---",
        "[a](https://x.org/a?b=1&c=2 \"t'i\\\"tle\") [b](javascript:alert(1)) [c](#top) \
         [d](mailto:a@b.c) <https://auto.example> <a@b.c> [e](/rel) [f](<sp ace>)",
        "![alt *em* `code`](x.png \"t\") ![](y.png)",
        "[ref]\n\n[ref]: https://example.org/ä \"title\"",
        "line  \nbreak\\\nhard\nsoft",
        "> quote\n> - item\n>\n> 1. x\n\n***\n\n* * *",
        "`code <b>` ``a ` b``",
        "a\u{0}b \u{a0} 中 é",
        "- [ ] task\n- [x] done\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n~~strike~~ $x$",
        "[link **bold** ![img](i.png)](https://x.org) [[wiki]] [^1]\n\n[^1]: note",
        "1) paren\n2) list\n\n\n3. dot",
        "\t- tab\n\n\t\tcode",
        "<https://x.org/<>\"'>",
        "[x](https://x.org/%20\u{a0}é)",
        "[l](https://a.org/^{|}`é%20'&[]\\) <https://a.org/^{|}é'&> <a'b@c.org>",
    ];
    for (i, body) in bodies.iter().enumerate() {
        let doc = Document {
            kind: "agreement".into(),
            title: " A  <b>Title</b> & \"quotes\" 'n\n lines ".into(),
            locale: Locale::EnUs,
            clauses: vec![
                clause(Some(i as u32 + 1), "id with spaces/é", "Ti\ttle <x>", body),
                clause(None, "c", "", body),
                clause(None, "d", "  ", body),
            ],
            definitions: Vec::new(),
        };
        assert_same(&doc);
    }
}

/// Bodies made of Markdown and HTML syntax, so that every kind of event occurs.
fn markdownish() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "<",
        ">",
        "</",
        "<script>",
        "<div>",
        "</div>",
        "<pre>",
        "<img src=x>",
        "<!--",
        "-->",
        "<?php",
        "?>",
        "<![CDATA[",
        "]]>",
        "<a href=\"javascript:x\">",
        "</a>",
        "<b>",
        "&",
        "&amp;",
        "&#60;",
        "&copy;",
        "&bogus;",
        "\"",
        "'",
        "*",
        "**",
        "_",
        "__",
        "`",
        "``",
        "```",
        "```js",
        "~~~",
        "#",
        "# ",
        "## ",
        "###### ",
        "=",
        "===",
        "---",
        "***",
        "1. ",
        "2. ",
        "7) ",
        "10. ",
        "- ",
        "+ ",
        "* ",
        "> ",
        ">> ",
        "[",
        "]",
        "(",
        ")",
        "](",
        "[x]",
        "[x]: ",
        "![",
        "<https://a.example>",
        "<a@b.c>",
        "<javascript:x>",
        "https://a.org",
        "http://a.org/?a=1&b=2",
        "mailto:m@b.c",
        "#frag",
        "javascript:",
        "data:",
        "//h",
        " \"t\"",
        "\\",
        "\\*",
        "  \n",
        "\n",
        "\n",
        "\n",
        "\n\n",
        "\n\n",
        "   ",
        "    ",
        "\t",
        "word",
        "Acme",
        "clause",
        "\u{0}",
        "\u{a0}",
        "é",
        "中",
        " ",
        " ",
        "|",
        "|---|",
        "^",
        "{",
        "}",
        "%",
        "%2",
        "](https://a.org/^`{|}\\ é%20'&\"<>)",
        "](#a'b\"c)",
        "](<a b>)",
        "[l](https://a.org/^{|}`é%20'&[])",
        "[l](#a'b^c \"t'\\\"<&\")",
        "[l](<https://a.org/a b>)",
        "<https://a.org/^{|}é'&>",
        "<a'b@c.org>",
        "[l](mailto:x@y.z?s=a^b&c)",
        "[l](HTTP://A.ORG)",
    ]);
    prop::collection::vec(pieces, 0..60).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn generated_bodies_match_the_reference(
        title in markdownish(),
        bodies in prop::collection::vec(
            (prop::option::of(1u32..200), "[a-z é/<>]{0,8}", markdownish(), markdownish()),
            0..4,
        ),
    ) {
        let doc = Document {
            kind: "agreement".into(),
            title,
            locale: Locale::EnGb,
            clauses: bodies
                .into_iter()
                .map(|(number, id, title, body)| clause(number, &id, &title, &body))
                .collect(),
            definitions: Vec::new(),
        };
        prop_assert_eq!(doc.to_html(), reference::to_html(&doc));
    }
}
