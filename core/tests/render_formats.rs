//! Markdown, HTML, plain text and JSON renderers, on documents built by hand.

mod render_support;

use caucus_core::Document;
use caucus_core::options::Locale;
use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};
use render_support::{ALLOWED_HTML_TAGS, HOSTILE, agreement, clause, hostile, invitation, long};

fn doc(title: &str, clauses: Vec<caucus_core::Clause>) -> Document {
    Document {
        kind: "agreement".to_owned(),
        title: title.to_owned(),
        locale: Locale::EnGb,
        clauses,
        definitions: Vec::new(),
    }
}

// ---------------------------------------------------------------- Markdown

#[test]
fn markdown_structure_is_exact() {
    let d = doc(
        "Terms *for* Acme",
        vec![
            clause(Some(1), "a", "First", "Body one.\n\n1. x\n2. y\n"),
            clause(Some(2), "b", "Second", "  Body two.  \n\n"),
            clause(None, "c", "Unnumbered", "Body three."),
            clause(None, "d", "", "Body four."),
        ],
    );
    assert_eq!(
        d.to_markdown(),
        "# Terms \\*for\\* Acme\n\
         \n\
         ## 1. First\n\
         \n\
         Body one.\n\
         \n\
         1. x\n\
         2. y\n\
         \n\
         ## 2. Second\n\
         \n\
         Body two.\n\
         \n\
         ## Unnumbered\n\
         \n\
         Body three.\n\
         \n\
         Body four.\n"
    );
}

#[test]
fn markdown_ends_with_exactly_one_newline() {
    for d in [
        agreement(Locale::EnGb),
        invitation(),
        hostile(),
        long(20),
        doc("Empty", vec![]),
    ] {
        let md = d.to_markdown();
        assert!(md.ends_with('\n') && !md.ends_with("\n\n"), "{md:?}");
    }
}

/// Collects the plain text of the first heading of a Markdown string, and checks that
/// it is a level-1 heading made of text events only.
fn h1_text(markdown: &str) -> String {
    let mut events = Parser::new(markdown);
    assert!(
        matches!(
            events.next(),
            Some(Event::Start(Tag::Heading {
                level: HeadingLevel::H1,
                ..
            }))
        ),
        "{markdown:?} does not start with a level-1 heading"
    );
    let mut text = String::new();
    for event in events {
        match event {
            Event::Text(t) => text.push_str(&t),
            Event::End(TagEnd::Heading(HeadingLevel::H1)) => return text,
            other => panic!("markup {other:?} inside the title of {markdown:?}"),
        }
    }
    panic!("the title heading of {markdown:?} never ends")
}

#[test]
fn markdown_titles_stay_literal() {
    for title in HOSTILE
        .iter()
        .chain(&["1. Not a list", "- not a bullet", "a | b", "x_y_z"])
    {
        let d = doc(title, vec![clause(Some(1), "a", title, "Body.")]);
        let md = d.to_markdown();
        let literal = title.split_whitespace().collect::<Vec<_>>().join(" ");
        assert_eq!(h1_text(&md), literal);
        // The clause heading is the second heading, numbered, and literal too.
        let second = md.split("\n\n").nth(1).expect("a clause heading");
        let heading = format!("#{}", second.trim_start_matches('#'));
        assert_eq!(h1_text(&heading), format!("1. {literal}"));
    }
}

// ---------------------------------------------------------------- HTML

/// Every tag in an HTML string, as (name, whole tag).
fn tags(html: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        rest = &rest[at..];
        let end = rest.find('>').expect("every tag is closed");
        let tag = &rest[..=end];
        let name: String = tag[1..]
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '!')
            .collect();
        out.push((name.to_ascii_lowercase(), tag.to_owned()));
        rest = &rest[end + 1..];
    }
    out
}

fn assert_safe_html(html: &str, allowed: &[&str]) {
    for (name, tag) in tags(html) {
        assert!(allowed.contains(&name.as_str()), "tag {tag} in {html}");
        let lower = tag.to_ascii_lowercase();
        for bad in [
            "javascript:",
            "data:",
            "onerror",
            "onload",
            "src=",
            "style=",
        ] {
            assert!(!lower.contains(bad), "{bad} in tag {tag}");
        }
        if name == "a" && !tag.starts_with("</") {
            assert!(
                [
                    "<a href=\"http://",
                    "<a href=\"https://",
                    "<a href=\"mailto:",
                    "<a href=\"#"
                ]
                .iter()
                .any(|p| tag.starts_with(p)),
                "unsafe link {tag}"
            );
        }
    }
}

#[test]
fn hostile_content_never_produces_a_tag() {
    let d = hostile();
    let html = d.to_html();
    assert_safe_html(&html, ALLOWED_HTML_TAGS);
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
    // Links to other schemes keep their text only.
    assert!(!html.contains("<a href=\"javascript"));
    assert!(!html.contains("<a href=\"data"));
    assert!(!html.contains("<img"));

    let page = d.to_html_page();
    let mut page_tags = ALLOWED_HTML_TAGS.to_vec();
    page_tags.extend(["!doctype", "html", "head", "meta", "title", "style", "body"]);
    let body = &page[page.find("<body>").expect("a body")..];
    assert_safe_html(body, &page_tags);
    let head = &page[..page.find("<body>").expect("a body")];
    assert!(head.contains("<title>*Acme* # Heading &lt;script&gt;"));
    assert_eq!(head.matches('<').count(), tags(head).len());
}

#[test]
fn every_hostile_string_alone_is_inert() {
    for text in HOSTILE {
        let d = doc(text, vec![clause(Some(1), "hostile", text, text)]);
        assert_safe_html(&d.to_html(), ALLOWED_HTML_TAGS);
        let text = d.to_text();
        assert!(!text.contains('\\'), "{text}");
    }
}

#[test]
fn html_structure() {
    let html = agreement(Locale::EnUs).to_html();
    assert!(html.starts_with(
        "<article class=\"caucus-document\" lang=\"en-US\">\n<h1>Video Mediation Terms</h1>\n"
    ));
    assert!(html.contains(
        "<section class=\"clause\" id=\"clause-recording-prohibited\">\n<h2><span class=\"clause-number\">6.</span> Recording</h2>\n"
    ));
    assert!(
        html.contains("<ol type=\"a\" class=\"caucus-lower-alpha\">\n<li>the recording function")
    );
    assert!(html.contains("<ol type=\"i\" class=\"caucus-lower-roman\">"));
    assert!(html.contains("<ul>\n<li>install the latest version"));
    assert!(html.contains("<em>Zoom</em>"));
    assert!(html.contains("<strong>without prejudice</strong>"));
    assert!(html.ends_with("</article>\n"));
    assert_eq!(html.matches("<section").count(), 8);

    let unnumbered = invitation().to_html();
    assert!(unnumbered.contains("lang=\"en-US\""));
    assert!(unnumbered.contains("<h2>To the parties</h2>"));
    assert!(!unnumbered.contains("clause-number"));
    assert!(
        unnumbered.contains("<a href=\"mailto:mediator@example.org\">mediator@example.org</a>")
    );
    assert!(unnumbered.contains("With best wishes,<br />"));
}

#[test]
fn html_keeps_web_and_mail_links_only() {
    let d = doc(
        "Links",
        vec![clause(
            Some(1),
            "links",
            "Links",
            "[site](https://example.org/a?b=1&c=2), [mail](mailto:a@example.org), \
             [anchor](#clause-links), [bad](javascript:alert(1)), [vb](VBScript:x), \
             [rel](relative/path), <https://auto.example>.\n\n3. third\n4. fourth",
        )],
    );
    let html = d.to_html();
    assert!(html.contains("<a href=\"https://example.org/a?b=1&amp;c=2\">site</a>"));
    assert!(html.contains("<a href=\"mailto:a@example.org\">mail</a>"));
    assert!(html.contains("<a href=\"#clause-links\">anchor</a>"));
    assert!(html.contains("<a href=\"https://auto.example\">https://auto.example</a>"));
    assert!(html.contains(", bad, vb, rel, "));
    // An ordered list that starts at 3 shows (c).
    assert!(html.contains("<ol type=\"a\" class=\"caucus-lower-alpha\" start=\"3\">"));
    assert_safe_html(&html, ALLOWED_HTML_TAGS);
}

#[test]
fn html_page_is_standalone_with_print_size_by_locale() {
    let gb = agreement(Locale::EnGb).to_html_page();
    assert!(
        gb.starts_with("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">")
    );
    assert!(gb.contains("<title>Video Mediation Terms</title>"));
    assert!(gb.contains("@media print"));
    assert!(gb.contains("@page { size: A4;"));
    assert!(gb.contains(&agreement(Locale::EnGb).to_html()));
    assert!(gb.ends_with("</html>\n"));
    let us = agreement(Locale::EnUs).to_html_page();
    assert!(us.contains("@page { size: letter;"));
    let ca = agreement(Locale::EnCa).to_html_page();
    assert!(ca.contains("@page { size: letter;") && ca.contains("lang=\"en-CA\""));
}

// ---------------------------------------------------------------- plain text

#[test]
fn text_has_no_markdown_left() {
    let text = agreement(Locale::EnGb).to_text();
    assert!(
        text.starts_with("Video Mediation Terms\n=====================\n\n1. Introduction\n\n")
    );
    for markup in ["**", "*Zoom*", "\\", "##", "](", "<", "`"] {
        assert!(!text.contains(markup), "{markup} left in:\n{text}");
    }
    assert!(
        text.contains("\n(a) it has read clause 6 (Recording) and clause 7 (Confidentiality);\n")
    );
    assert!(text.contains("\n    (ii) screen-capture software;\n"));
    assert!(
        text.contains("\n- install the latest version of the application before the Session;\n")
    );
    assert!(text.contains("on Zoom, using"));
    assert!(text.contains("\n\n6. Recording\n\nNo participant"));
    assert!(text.ends_with("\nit, after consulting the Parties.\n"));
    assert!(!text.contains("\n\n\n"));
}

#[test]
fn text_shows_escaped_values_literally() {
    let d = doc(
        "*Acme* v Beta",
        vec![clause(
            Some(1),
            "a",
            "Parties",
            r"The parties are \*Acme\* Ltd and \# Beta \<b\> \[x\]\(javascript:alert\(1\)\)_.",
        )],
    );
    let text = d.to_text();
    assert!(text.starts_with("*Acme* v Beta\n=============\n"));
    assert!(text.contains("The parties are *Acme* Ltd and # Beta <b> [x](javascript:alert(1))_."));
    assert!(!text.contains('\\'));
}

#[test]
fn text_wraps_at_78_columns() {
    for d in [agreement(Locale::EnGb), long(20), invitation()] {
        let text = d.to_text();
        for line in text.lines() {
            assert!(
                line.chars().count() <= 78 || !line.trim().contains(' '),
                "line too long: {line:?}"
            );
            assert_eq!(line, line.trim_end(), "trailing space in {line:?}");
        }
        assert!(text.ends_with('\n') && !text.ends_with("\n\n"));
    }
    let long_text = long(20).to_text();
    assert!(long_text.contains("\n(c) third, the Party must tell the Mediator.\n"));
}

#[test]
fn unsafe_links_are_text_in_plain_text() {
    let d = doc(
        "Links",
        vec![clause(
            Some(1),
            "a",
            "A",
            "[site](https://example.org) [bad](javascript:alert(1))",
        )],
    );
    assert!(d.to_text().contains("site (https://example.org) bad\n"));
}

// ---------------------------------------------------------------- JSON, all formats

#[test]
fn json_is_the_structured_document() {
    let json = agreement(Locale::EnCa).to_json();
    assert!(json.ends_with("}\n"));
    let value: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    assert_eq!(value["kind"], "agreement");
    assert_eq!(value["locale"], "en-CA");
    assert_eq!(value["clauses"][5]["number"], 6);
    assert_eq!(value["clauses"][5]["title"], "Recording");
    assert_eq!(value["definitions"][0]["term"], "Breakout Room");
    assert_eq!(
        invitation().to_json().matches("\"number\": null").count(),
        3
    );
}

#[test]
fn cross_references_survive_in_every_format() {
    let d = agreement(Locale::EnGb);
    let docx = d.to_docx();
    let document_xml = render_support::docx_part(&docx, "word/document.xml");
    for (format, out) in [
        ("markdown", d.to_markdown()),
        ("html", d.to_html()),
        ("text", d.to_text()),
        ("json", d.to_json()),
        ("docx", document_xml),
    ] {
        assert!(
            out.contains("clause 6 (Recording) and clause 7"),
            "{format}"
        );
        assert!(out.contains("named in clause 4."), "{format}");
    }
}

#[test]
fn every_format_is_deterministic() {
    for d in [agreement(Locale::EnGb), invitation(), hostile(), long(20)] {
        assert_eq!(d.to_markdown(), d.clone().to_markdown());
        assert_eq!(d.to_html(), d.to_html());
        assert_eq!(d.to_html_page(), d.to_html_page());
        assert_eq!(d.to_text(), d.to_text());
        assert_eq!(d.to_json(), d.to_json());
    }
}
