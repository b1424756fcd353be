//! `Document::to_markdown` escapes headings in one pass into its output (for speed).
//! This test keeps the first implementation, which made each heading one line and then
//! called `escape_markdown`, and checks that both give the same bytes.

mod render_support;

use caucus_core::Document;
use caucus_core::options::Locale;
use caucus_core::render::escape_markdown;
use proptest::prelude::*;
use render_support::clause;

fn heading_text(text: &str) -> String {
    let one_line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    escape_markdown(&one_line)
}

/// The reference renderer.
fn to_markdown(doc: &Document) -> String {
    let mut out = String::new();
    out.push_str("# ");
    out.push_str(&heading_text(&doc.title));
    out.push('\n');
    for clause in &doc.clauses {
        let title = heading_text(&clause.title);
        match clause.number {
            Some(n) if title.is_empty() => out.push_str(&format!("\n## {n}.\n")),
            Some(n) => out.push_str(&format!("\n## {n}. {title}\n")),
            None if !title.is_empty() => out.push_str(&format!("\n## {title}\n")),
            None => {}
        }
        let body = clause.body.trim();
        if !body.is_empty() {
            out.push('\n');
            out.push_str(body);
            out.push('\n');
        }
    }
    out
}

#[test]
fn scenario_documents_match_the_reference() {
    for (path, doc) in render_support::scenario_documents() {
        assert_eq!(doc.to_markdown(), to_markdown(&doc), "{}", path.display());
    }
}

#[test]
fn hand_built_documents_match_the_reference() {
    for doc in [
        render_support::agreement(Locale::EnGb),
        render_support::long(20),
        render_support::invitation(),
        render_support::hostile(),
    ] {
        assert_eq!(doc.to_markdown(), to_markdown(&doc));
    }
}

/// Titles made of what the escaping treats specially: markup characters, leading
/// digits with `.` or `)`, `-`, `+` and `=`, whitespace of every kind and controls.
fn titleish() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "\\", "`", "*", "_", "[", "]", "<", ">", "&", "#", "|", "~", "{", "}", "-", "+", "=", ".",
        ")", "(", "1", "12", "0", "a", "Word", "é", "中", " ", "  ", "\t", "\n", "\r\n", "\u{a0}",
        "\u{2003}", "\u{85}", "\u{0}", "\u{1b}", "\u{7f}", "\u{80}", "\u{9f}", "\u{200b}", "\u{b}",
        "\u{c}", "\u{1c}", "\u{1f}", "\u{3000}", "!", "'", "\"",
    ]);
    prop::collection::vec(pieces, 0..12).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn generated_titles_match_the_reference(
        title in titleish(),
        clauses in prop::collection::vec(
            (prop::option::of(0u32..5000), titleish(), "[ \n]{0,2}[a-z*#\n ]{0,12}[ \n]{0,2}"),
            0..6,
        ),
    ) {
        let doc = Document {
            kind: "agreement".into(),
            title,
            locale: Locale::EnUs,
            clauses: clauses
                .into_iter()
                .enumerate()
                .map(|(i, (number, title, body))| clause(number, &format!("c{i}"), &title, &body))
                .collect(),
            definitions: Vec::new(),
        };
        prop_assert_eq!(doc.to_markdown(), to_markdown(&doc));
    }
}
