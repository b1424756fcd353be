//! The Word renderer: a valid, deterministic package with real styles and numbering.

mod render_support;

use caucus_core::Document;
use caucus_core::options::Locale;
use render_support::{agreement, clause, docx_part, hostile, invitation, long};
use std::io::Cursor;

fn names(docx: &[u8]) -> Vec<String> {
    let archive = zip::ZipArchive::new(Cursor::new(docx)).expect("a .docx is a zip");
    archive.file_names().map(str::to_owned).collect()
}

#[test]
fn same_document_same_bytes() {
    for d in [agreement(Locale::EnGb), invitation(), hostile(), long(20)] {
        let first = d.to_docx();
        assert_eq!(first, d.to_docx());
        assert_eq!(first, d.clone().to_docx());
    }
}

#[test]
fn same_bytes_from_concurrent_threads() {
    // docx-rs keeps some id counters per thread or per process; the bytes must not
    // depend on what other documents are being written at the same time.
    let expected = agreement(Locale::EnGb).to_docx();
    let handles: Vec<_> = (0..4)
        .map(|i| {
            std::thread::spawn(move || {
                let mut outputs = Vec::new();
                for j in 0..5 {
                    // Interleave other documents on the same thread.
                    let _ = long(3 + i + j).to_docx();
                    outputs.push(agreement(Locale::EnGb).to_docx());
                }
                outputs
            })
        })
        .collect();
    for handle in handles {
        for output in handle.join().expect("no panic") {
            assert!(output == expected, "a concurrent rendering differs");
        }
    }
}

#[test]
fn a_valid_package_with_numbering() {
    let docx = agreement(Locale::EnGb).to_docx();
    assert_eq!(&docx[..4], b"PK\x03\x04");
    let names = names(&docx);
    for part in [
        "[Content_Types].xml",
        "_rels/.rels",
        "docProps/core.xml",
        "word/document.xml",
        "word/styles.xml",
        "word/numbering.xml",
        "word/_rels/document.xml.rels",
        "word/footer1.xml",
    ] {
        assert!(
            names.iter().any(|n| n == part),
            "{part} missing from {names:?}"
        );
    }
    let rels = docx_part(&docx, "word/_rels/document.xml.rels");
    assert!(rels.contains("Target=\"numbering.xml\""));
    assert!(rels.contains("Target=\"footer1.xml\""));
    let types = docx_part(&docx, "[Content_Types].xml");
    assert!(types.contains("/word/numbering.xml"));

    let numbering = docx_part(&docx, "word/numbering.xml");
    // Clause numbers: decimal "1.", sub-paragraphs "(a)", "(i)", bullets.
    assert!(numbering.contains("<w:abstractNum w:abstractNumId=\"2\">"));
    assert!(numbering.contains("<w:numFmt w:val=\"decimal\" /><w:lvlText w:val=\"%1.\" />"));
    assert!(numbering.contains("<w:numFmt w:val=\"lowerLetter\" /><w:lvlText w:val=\"(%1)\" />"));
    assert!(numbering.contains("<w:numFmt w:val=\"lowerRoman\" /><w:lvlText w:val=\"(%2)\" />"));
    assert!(numbering.contains("<w:numFmt w:val=\"bullet\" />"));

    let document = docx_part(&docx, "word/document.xml");
    assert!(document.contains("<w:pStyle w:val=\"Title\" />"));
    // Eight numbered clause headings, all through the same numbering instance, and no
    // typed digits in their text.
    let numbered_heading = "<w:pStyle w:val=\"Heading1\" /><w:numPr><w:numId w:val=\"2\" /><w:ilvl w:val=\"0\" /></w:numPr>";
    assert_eq!(document.matches(numbered_heading).count(), 8);
    assert!(document.contains("<w:t xml:space=\"preserve\">Recording</w:t>"));
    assert!(!document.contains(">6. Recording<"));
    // Emphasis is real run formatting.
    assert!(document.contains(
        "<w:rPr><w:b /><w:bCs /></w:rPr><w:t xml:space=\"preserve\">without prejudice</w:t>"
    ));
    assert!(
        document.contains("<w:rPr><w:i /><w:iCs /></w:rPr><w:t xml:space=\"preserve\">Zoom</w:t>")
    );
    // The definitions clause is there, with its terms in bold.
    assert!(document.contains(">Definitions<"));
    assert!(document.contains(
        "<w:rPr><w:b /><w:bCs /></w:rPr><w:t xml:space=\"preserve\">Breakout Room</w:t>"
    ));

    let footer = docx_part(&docx, "word/footer1.xml");
    assert!(footer.contains("<w:instrText>PAGE</w:instrText>"));
    assert!(footer.contains("NUMPAGES"));

    let styles = docx_part(&docx, "word/styles.xml");
    assert!(styles.contains("w:styleId=\"Heading1\"><w:name w:val=\"heading 1\" />"));
    assert!(styles.contains("w:styleId=\"Title\"><w:name w:val=\"Title\" />"));
    assert!(styles.contains("<w:lang w:val=\"en-GB\""));
}

#[test]
fn every_ordered_list_restarts_at_its_own_start() {
    let docx = long(4).to_docx();
    let numbering = docx_part(&docx, "word/numbering.xml");
    // One num for the clause headings, one per list (each clause has one).
    for id in 3..=6 {
        assert!(
            numbering.contains(&format!(
                "<w:num w:numId=\"{id}\"><w:abstractNumId w:val=\"3\" /><w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"1\" />"
            )),
            "num {id} in {numbering}"
        );
    }
}

#[test]
fn word_shows_the_numbers_of_the_document_even_with_gaps() {
    let d = Document {
        kind: "agreement".to_owned(),
        title: "Gaps".to_owned(),
        locale: Locale::EnGb,
        clauses: vec![
            clause(Some(1), "a", "One", "Text."),
            clause(Some(2), "b", "Two", "Text."),
            clause(None, "note", "A note", "Unnumbered."),
            clause(Some(5), "c", "Five", "Text."),
            clause(Some(6), "d", "Six", "Text."),
        ],
        definitions: Vec::new(),
    };
    let docx = d.to_docx();
    let numbering = docx_part(&docx, "word/numbering.xml");
    assert!(numbering.contains("<w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"5\" />"));
    let document = docx_part(&docx, "word/document.xml");
    assert_eq!(document.matches("<w:numId w:val=\"2\" />").count(), 2);
    assert_eq!(document.matches("<w:numId w:val=\"3\" />").count(), 2);
}

#[test]
fn unnumbered_documents_have_no_clause_numbers() {
    let docx = invitation().to_docx();
    let document = docx_part(&docx, "word/document.xml");
    assert!(!document.contains("<w:pStyle w:val=\"Heading1\" /><w:numPr>"));
    assert_eq!(
        document.matches("<w:pStyle w:val=\"Heading1\" />").count(),
        2
    );
    // The lettered lists are still Word numbering, each restarting at (a).
    assert_eq!(document.matches("<w:ilvl w:val=\"0\" />").count(), 4);
}

#[test]
fn paper_size_follows_the_locale() {
    let a4 = "<w:pgSz w:w=\"11906\" w:h=\"16838\" />";
    let letter = "<w:pgSz w:w=\"12240\" w:h=\"15840\" />";
    let gb = docx_part(&agreement(Locale::EnGb).to_docx(), "word/document.xml");
    assert!(gb.contains(a4), "{gb}");
    for locale in [Locale::EnUs, Locale::EnCa] {
        let doc = docx_part(&agreement(locale).to_docx(), "word/document.xml");
        assert!(doc.contains(letter));
    }
}

#[test]
fn fixed_metadata() {
    let docx = agreement(Locale::EnUs).to_docx();
    let core = docx_part(&docx, "docProps/core.xml");
    assert!(core.contains("<dc:title>Video Mediation Terms</dc:title>"));
    assert!(core.contains("<dc:language>en-US</dc:language>"));
    assert!(!core.contains("dcterms:created") && !core.contains("dcterms:modified"));
    let mut archive = zip::ZipArchive::new(Cursor::new(&docx)).expect("a zip");
    for i in 0..archive.len() {
        let file = archive.by_index(i).expect("an entry");
        let time = file.last_modified().expect("a timestamp");
        assert_eq!(
            (time.year(), time.month(), time.day()),
            (1980, 1, 1),
            "{}",
            file.name()
        );
        assert_eq!((time.hour(), time.minute(), time.second()), (0, 0, 0));
    }
}

#[test]
fn hostile_text_is_escaped_and_control_characters_dropped() {
    let mut d = hostile();
    d.title = "Acme\u{0}\u{1b}[31m Ltd \u{FFFF}& Co".to_owned();
    let docx = d.to_docx();
    let document = docx_part(&docx, "word/document.xml");
    assert!(document.contains("Acme[31m Ltd &amp; Co"));
    assert!(document.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!document.contains("<script"));
    assert!(!document.contains('\u{0}') && !document.contains('\u{1b}'));
    let core = docx_part(&docx, "docProps/core.xml");
    assert!(core.contains("<dc:title>Acme[31m Ltd &amp; Co</dc:title>"));
}

#[test]
fn raw_html_lines_become_line_breaks_not_newlines() {
    let d = Document {
        kind: "agreement".to_owned(),
        title: "Lines".to_owned(),
        locale: Locale::EnGb,
        clauses: vec![clause(
            Some(1),
            "a",
            "A",
            "<div>\nline one\nline two\n</div>\n\nAfter.",
        )],
        definitions: Vec::new(),
    };
    let document = docx_part(&d.to_docx(), "word/document.xml");
    assert!(
        !document.contains("&#xA;") && !document.contains("\n"),
        "{document}"
    );
    assert!(document.contains("&lt;div&gt;</w:t><w:br w:type=\"textWrapping\" />"));
}

#[test]
fn numbering_part_is_related_only_when_used() {
    let d = Document {
        kind: "invitation".to_owned(),
        title: "Plain".to_owned(),
        locale: Locale::EnGb,
        clauses: vec![clause(None, "a", "", "Just a paragraph.")],
        definitions: Vec::new(),
    };
    let rels = docx_part(&d.to_docx(), "word/_rels/document.xml.rels");
    assert!(!rels.contains("numbering.xml"), "{rels}");
    let rels = docx_part(&invitation().to_docx(), "word/_rels/document.xml.rels");
    assert!(rels.contains("numbering.xml"), "{rels}");
}
