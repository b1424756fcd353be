//! Properties of the renderers over generated titles and bodies, markup-heavy on purpose.

mod render_support;

use caucus_core::Document;
use caucus_core::options::Locale;
use proptest::prelude::*;
use render_support::{ALLOWED_HTML_TAGS, clause};

/// Strings made mostly of Markdown and HTML syntax, with some words and controls.
fn markupish() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "<",
        ">",
        "</",
        "<script>",
        "<img src=x onerror=alert(1)>",
        "<a href=\"javascript:x\">",
        "<!--",
        "-->",
        "<![CDATA[",
        "&",
        "&lt;",
        "&#60;",
        "*",
        "**",
        "_",
        "`",
        "```",
        "~~~",
        "#",
        "# ",
        "## ",
        "1. ",
        "2) ",
        "- ",
        "+ ",
        "> ",
        "[",
        "]",
        "(",
        ")",
        "](",
        "javascript:",
        "data:",
        "https://example.org",
        "mailto:a@b.c",
        "\\",
        "\n",
        "\n\n",
        "    ",
        "\t",
        "|",
        "word",
        "Acme",
        "{{x}}",
        "\u{0}",
        "\u{1b}",
        "é",
        "中",
        "\u{a0}",
        " ",
    ]);
    prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
}

fn document(title: String, bodies: Vec<(Option<u32>, String, String)>, locale: Locale) -> Document {
    Document {
        kind: "agreement".to_owned(),
        title,
        locale,
        clauses: bodies
            .into_iter()
            .enumerate()
            .map(|(i, (number, title, body))| clause(number, &format!("c{i}"), &title, &body))
            .collect(),
        definitions: Vec::new(),
    }
}

fn locales() -> impl Strategy<Value = Locale> {
    prop::sample::select(vec![Locale::EnGb, Locale::EnCa, Locale::EnUs])
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn html_has_only_our_tags_and_safe_links(
        title in markupish(),
        bodies in prop::collection::vec((prop::option::of(1u32..50), markupish(), markupish()), 0..5),
        locale in locales(),
    ) {
        let d = document(title, bodies, locale);
        let html = d.to_html();
        let mut rest = html.as_str();
        while let Some(at) = rest.find('<') {
            rest = &rest[at..];
            let end = rest.find('>').expect("closed tag");
            let tag = &rest[..=end];
            let name: String = tag[1..].trim_start_matches('/').chars()
                .take_while(|c| c.is_ascii_alphanumeric()).collect();
            prop_assert!(ALLOWED_HTML_TAGS.contains(&name.as_str()), "tag {} in {}", tag, html);
            let lower = tag.to_ascii_lowercase();
            if name == "a" && !tag.starts_with("</") {
                prop_assert!(
                    ["<a href=\"http://", "<a href=\"https://", "<a href=\"mailto:", "<a href=\"#"]
                        .iter()
                        .any(|p| lower.starts_with(p)),
                    "unsafe link {}", tag
                );
            } else {
                prop_assert!(!lower.contains("javascript:") && !lower.contains("data:"), "{}", tag);
            }
            prop_assert!(!lower.contains(" on") && !lower.contains("src="), "{}", tag);
            rest = &rest[end + 1..];
        }
    }

    #[test]
    fn every_format_renders_deterministically(
        title in markupish(),
        bodies in prop::collection::vec((prop::option::of(1u32..50), markupish(), markupish()), 0..4),
        locale in locales(),
    ) {
        let d = document(title, bodies, locale);
        prop_assert_eq!(d.to_markdown(), d.to_markdown());
        prop_assert_eq!(d.to_html_page(), d.to_html_page());
        prop_assert_eq!(d.to_text(), d.to_text());
        let docx = d.to_docx();
        prop_assert_eq!(&docx, &d.to_docx());
        // A readable package whose XML has no control characters.
        let document_xml = render_support::docx_part(&docx, "word/document.xml");
        prop_assert!(!document_xml.chars().any(|c| c < ' ' && c != '\t'));
        let md = d.to_markdown();
        prop_assert!(md.ends_with('\n') && !md.ends_with("\n\n"));
        let text = d.to_text();
        prop_assert!(text.ends_with('\n') && !text.ends_with("\n\n"));
        for line in text.lines() {
            prop_assert_eq!(line, line.trim_end());
        }
    }
}
