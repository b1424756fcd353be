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
    // The shared parts are built once per process, by whichever thread comes first; the
    // bytes must not depend on what other documents are being written at the same time.
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
    assert!(numbering.contains("<w:abstractNum w:abstractNumId=\"1\">"));
    assert!(numbering.contains("<w:numFmt w:val=\"decimal\" /><w:lvlText w:val=\"%1.\" />"));
    assert!(numbering.contains("<w:numFmt w:val=\"lowerLetter\" /><w:lvlText w:val=\"(%1)\" />"));
    assert!(numbering.contains("<w:numFmt w:val=\"lowerRoman\" /><w:lvlText w:val=\"(%2)\" />"));
    assert!(numbering.contains("<w:numFmt w:val=\"bullet\" />"));

    let document = docx_part(&docx, "word/document.xml");
    assert!(document.contains("<w:pStyle w:val=\"Title\" />"));
    // Eight numbered clause headings, all through the same numbering instance, and no
    // typed digits in their text.
    let numbered_heading = "<w:pStyle w:val=\"Heading1\" /><w:numPr><w:ilvl w:val=\"0\" /><w:numId w:val=\"1\" /></w:numPr>";
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
    for id in 2..=5 {
        assert!(
            numbering.contains(&format!(
                "<w:num w:numId=\"{id}\"><w:abstractNumId w:val=\"2\" /><w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"1\" />"
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
    assert_eq!(document.matches("<w:numId w:val=\"1\" />").count(), 2);
    assert_eq!(document.matches("<w:numId w:val=\"2\" />").count(), 2);
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
    let docx = d.to_docx();
    let rels = docx_part(&docx, "word/_rels/document.xml.rels");
    assert!(!rels.contains("numbering.xml"), "{rels}");
    assert!(!names(&docx).iter().any(|n| n == "word/numbering.xml"));
    assert!(!docx_part(&docx, "[Content_Types].xml").contains("numbering"));
    let rels = docx_part(&invitation().to_docx(), "word/_rels/document.xml.rels");
    assert!(rels.contains("numbering.xml"), "{rels}");
}

/// Checks that `xml` is well-formed as far as a hand-written writer can get it wrong:
/// one declaration, balanced and properly nested elements, quoted attributes, and no
/// `&` that does not start one of the five predefined entities.
fn assert_well_formed(name: &str, xml: &str) {
    let body = xml
        .strip_prefix("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>")
        .unwrap_or_else(|| panic!("{name}: no XML declaration"));
    let mut stack: Vec<&str> = Vec::new();
    let mut roots = 0;
    let mut rest = body;
    while let Some(open) = rest.find('<') {
        check_text(name, &rest[..open]);
        let close = rest[open..]
            .find('>')
            .unwrap_or_else(|| panic!("{name}: unclosed tag"))
            + open;
        let tag = &rest[open + 1..close];
        rest = &rest[close + 1..];
        if let Some(end) = tag.strip_prefix('/') {
            let top = stack.pop();
            assert_eq!(top, Some(end), "{name}: </{end}> closes {top:?}");
            continue;
        }
        let self_closing = tag.ends_with('/');
        let tag = tag.trim_end_matches('/');
        let element = tag.split(' ').next().unwrap_or_default();
        assert!(!element.is_empty(), "{name}: empty tag");
        assert_eq!(tag.matches('"').count() % 2, 0, "{name}: <{tag}>");
        check_text(name, tag);
        if stack.is_empty() {
            roots += 1;
        }
        if !self_closing {
            stack.push(element);
        }
    }
    check_text(name, rest);
    assert!(stack.is_empty(), "{name}: unclosed {stack:?}");
    assert_eq!(roots, 1, "{name}: one root element");
}

fn check_text(name: &str, text: &str) {
    for (i, _) in text.match_indices('&') {
        let entity = &text[i..];
        assert!(
            ["&amp;", "&lt;", "&gt;", "&quot;", "&apos;"]
                .iter()
                .any(|e| entity.starts_with(e)),
            "{name}: bare & in {text}"
        );
    }
    assert!(!text.contains('<'), "{name}: < in {text}");
}

#[test]
fn every_part_is_well_formed_and_declared() {
    for d in [
        agreement(Locale::EnGb),
        agreement(Locale::EnCa),
        invitation(),
        hostile(),
        long(3),
    ] {
        let docx = d.to_docx();
        let names = names(&docx);
        let types = docx_part(&docx, "[Content_Types].xml");
        for name in &names {
            let xml = docx_part(&docx, name);
            assert_well_formed(name, &xml);
            if name.ends_with(".xml") && name != "[Content_Types].xml" {
                assert!(
                    types.contains(&format!("PartName=\"/{name}\"")),
                    "{name} has no content type"
                );
            }
        }
        // Every override names a part that is there, every relationship a target.
        for part in types.split("PartName=\"/").skip(1) {
            let part = part.split('"').next().unwrap_or_default();
            assert!(names.iter().any(|n| n == part), "{part} declared, missing");
        }
        let rels = docx_part(&docx, "word/_rels/document.xml.rels");
        for target in rels.split("Target=\"").skip(1) {
            let target = target.split('"').next().unwrap_or_default();
            let part = format!("word/{target}");
            assert!(names.contains(&part), "{part} related, missing");
        }
        // Every numbering instance a paragraph uses is defined.
        let document = docx_part(&docx, "word/document.xml");
        let numbering = if names.iter().any(|n| n == "word/numbering.xml") {
            docx_part(&docx, "word/numbering.xml")
        } else {
            String::new()
        };
        for used in document.split("<w:numId w:val=\"").skip(1) {
            let id = used.split('"').next().unwrap_or_default();
            assert!(
                numbering.contains(&format!("<w:num w:numId=\"{id}\">")),
                "num {id} used, not defined"
            );
        }
    }
}

#[test]
fn nested_lists_number_by_depth() {
    let docx = agreement(Locale::EnGb).to_docx();
    let document = docx_part(&docx, "word/document.xml");
    // "(i) a second telephone or camera" is the second level of its list: lowerRoman.
    let item = document
        .split("<w:p>")
        .find(|p| p.contains("a second telephone or camera"))
        .expect("the nested item");
    assert!(item.contains("<w:ilvl w:val=\"1\" />"), "{item}");
    let numbering = docx_part(&docx, "word/numbering.xml");
    assert!(numbering.contains("<w:lvlOverride w:ilvl=\"1\"><w:startOverride w:val=\"1\" />"));
    // Body text sits in the clause headings' text column; Cambria (a serif, as in the preview) 11 pt, A4, en-GB.
    let styles = docx_part(&docx, "word/styles.xml");
    assert!(styles.contains("w:styleId=\"BodyText\""));
    assert!(styles.contains("<w:rFonts w:ascii=\"Cambria\""));
    assert!(styles.contains("<w:sz w:val=\"22\" />"));
}

#[test]
fn body_text_starts_at_the_margin_without_clause_numbers() {
    let styles = docx_part(&invitation().to_docx(), "word/styles.xml");
    let body = styles
        .split("<w:style ")
        .find(|s| s.contains("w:styleId=\"BodyText\""))
        .expect("the Body Text style");
    assert!(body.contains("<w:ind w:left=\"0\" />"), "{body}");
    assert!(styles.contains("<w:lang w:val=\"en-US\""));
}

/// A firm restyles the document through its styles: every paragraph and run names a
/// style that styles.xml defines with a name, and no run sets a typeface of its own.
#[test]
fn every_paragraph_and_run_uses_a_named_style() {
    for (lists, document) in [
        (true, agreement(Locale::EnGb)),
        (false, invitation()),
        (false, hostile()),
    ] {
        let docx = document.to_docx();
        let body = docx_part(&docx, "word/document.xml");
        let styles = docx_part(&docx, "word/styles.xml");
        let used: std::collections::BTreeSet<&str> = ["<w:pStyle w:val=\"", "<w:rStyle w:val=\""]
            .iter()
            .flat_map(|tag| body.split(tag).skip(1))
            .filter_map(|rest| rest.split('"').next())
            .collect();
        if lists {
            assert!(used.contains("SubParagraph"), "lettered items: {used:?}");
            assert!(used.contains("ListBullet"), "bullets: {used:?}");
        }
        for id in &used {
            let defined = styles
                .split("<w:style ")
                .find(|s| s.contains(&format!("w:styleId=\"{id}\"")))
                .unwrap_or_else(|| panic!("style {id} is used but not defined"));
            assert!(
                defined.contains("<w:name w:val=\""),
                "style {id} has a name"
            );
        }
        let paragraphs = body.matches("<w:p>").count();
        assert_eq!(
            paragraphs,
            body.matches("<w:pPr><w:pStyle ").count(),
            "every paragraph has a style"
        );
        assert!(!body.contains("<w:rFonts"), "no typeface set on a run");
    }
}
