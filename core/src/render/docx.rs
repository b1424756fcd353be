//! Word (.docx): WordprocessingML written here as text and packed by [`super::package`].
//!
//! The XML is written directly rather than through a library: a document needs a handful
//! of elements, and the docx-rs crate that wrote them before was about 200 KB of the
//! gzipped WebAssembly module (with quick-xml and encoding_rs). Every text goes through
//! [`escape`], which also drops the characters XML 1.0 forbids.
//!
//! What a document holds:
//!
//! - a named style for every kind of text, so that a firm restyles the whole document by
//!   changing a style rather than each paragraph: `Title`, `Heading1` (clause headings,
//!   Word's "heading 1", so they appear in the navigation pane), `Heading2`/`Heading3`
//!   (headings inside bodies), `BodyText`, `SubParagraph` (the lettered (a), (b) items),
//!   `ListBullet`, `CodeBlock` and the character style `CodeChar`, and `Footer`. The
//!   typeface is the preview's family, a serif: Cambria 11 pt, with the locale's
//!   proofing language, as document defaults;
//! - Word's own numbering definitions, so that clause numbers and the (a), (b) of
//!   sub-paragraphs are live list numbering that Word renumbers when a mediator edits,
//!   not typed digits;
//! - a footer "Page N of M" from the `PAGE` and `NUMPAGES` fields; A4 for en-GB, US
//!   Letter otherwise;
//! - `docProps/core.xml` with the title and no timestamps (they are optional in OPC; a
//!   made-up date would be false).
//!
//! Links are shown as their text with the target in parentheses (see `blocks`): a live
//! hyperlink would need a relationship per target, and the text reads the same printed.
//!
//! The parts that depend only on the locale and on whether clauses are numbered (styles,
//! list definitions, footer, settings, relationships) are built and compressed once per
//! process and reused: a document builds only its body, its list instances and
//! `core.xml`. The package is zipped by [`super::package`]: fixed entry order, every
//! timestamp the DOS epoch, so the same document gives the same bytes.
//!
//! Numbering scheme: abstractNum 1 numbers clause headings `1.`, `2.`; abstractNum 2
//! letters ordered lists by depth `(a)`, `(i)`, `(A)`, `(1)`, and each ordered list gets
//! its own `num` with a `startOverride`, so every list restarts at its own first
//! number; abstractNum 3 is bullets. If the clause numbers of a document ever skip or
//! restart, a new `num` with a `startOverride` makes Word show exactly `Clause::number`.

use super::ListStyle;
use super::blocks::{self, Block, Inline, List};
use super::package::{self, Compressor, Packed};
use crate::document::Document;
use crate::options::Locale;
use std::fmt::Write as _;
use std::sync::OnceLock;

/// The body font: Cambria, a serif like the preview's (whose stack names it), installed
/// with every copy of Word. LibreOffice shows it as Caladea, its metric-compatible
/// twin, where that is installed (Debian: fonts-crosextra-caladea), so pages break at
/// the same places.
const FONT: &str = "Cambria";
const MONO: &str = "Courier New";
/// Half an inch, in twentieths of a point: the indent step of numbers and letters.
const STEP: i32 = 720;

const ABSTRACT_CLAUSES: usize = 1;
const ABSTRACT_ORDERED: usize = 2;
const ABSTRACT_BULLETS: usize = 3;

/// The XML declaration every part starts with. No newline anywhere in a part: the
/// parts are compared and searched as single lines.
macro_rules! declaration {
    () => {
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
    };
}
/// The WordprocessingML and relationships namespaces, as attributes of a root element.
macro_rules! namespaces {
    () => {
        concat!(
            " xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"",
            " xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""
        )
    };
}
macro_rules! relationship_type {
    ($name:literal) => {
        concat!(
            "http://schemas.openxmlformats.org/officeDocument/2006/relationships/",
            $name
        )
    };
}
macro_rules! content_type {
    ($name:literal) => {
        concat!(
            "application/vnd.openxmlformats-officedocument.wordprocessingml.",
            $name,
            "+xml"
        )
    };
}

/// The relationship id of the footer, in `document.xml.rels`.
const FOOTER_RID: &str = "rId4";

/// Appends `text` escaped for XML content or a quoted attribute value: `&`, `<`, `>`
/// and `"` as entities, and the characters XML 1.0 forbids (C0 controls other than tab
/// and newline, carriage return, U+FFFE, U+FFFF) removed: one of them in a value would
/// make Word refuse to open the file. Newlines are kept: callers that cannot hold one
/// split at them first.
fn escape(out: &mut String, text: &str) {
    let mut start = 0;
    for (i, c) in text.char_indices() {
        let replacement = match c {
            '&' => "&amp;",
            '<' => "&lt;",
            '>' => "&gt;",
            '"' => "&quot;",
            '\t' | '\n' => continue,
            c if c < ' ' || c == '\u{FFFE}' || c == '\u{FFFF}' => "",
            _ => continue,
        };
        out.push_str(&text[start..i]);
        out.push_str(replacement);
        start = i + c.len_utf8();
    }
    out.push_str(&text[start..]);
}

/// `w:rFonts` naming one font for every script.
fn fonts(out: &mut String, name: &str) {
    let _ = write!(
        out,
        "<w:rFonts w:ascii=\"{name}\" w:eastAsia=\"{name}\" w:hAnsi=\"{name}\" w:cs=\"{name}\" />"
    );
}

/// `w:sz` and `w:szCs`, in half-points.
fn size(out: &mut String, half_points: u32) {
    let _ = write!(
        out,
        "<w:sz w:val=\"{half_points}\" /><w:szCs w:val=\"{half_points}\" />"
    );
}

/// `w:ind` with a left indent and, for numbered paragraphs, a hanging first line.
fn indent(out: &mut String, left: i32, hanging: Option<i32>) {
    let _ = write!(out, "<w:ind w:left=\"{left}\"");
    if let Some(hanging) = hanging {
        let _ = write!(out, " w:hanging=\"{hanging}\"");
    }
    out.push_str(" />");
}

// ---------------------------------------------------------------- fixed parts

/// `[Content_Types].xml`, with or without the numbering part.
fn content_types(numbering: bool) -> String {
    let mut xml = String::from(concat!(
        declaration!(),
        "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">",
        "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\" />",
        "<Default Extension=\"xml\" ContentType=\"application/xml\" />",
        "<Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\" />",
        "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\" />",
        "<Override PartName=\"/word/document.xml\" ContentType=\"",
        content_type!("document.main"),
        "\" />",
        "<Override PartName=\"/word/styles.xml\" ContentType=\"",
        content_type!("styles"),
        "\" />",
        "<Override PartName=\"/word/settings.xml\" ContentType=\"",
        content_type!("settings"),
        "\" />",
        "<Override PartName=\"/word/fontTable.xml\" ContentType=\"",
        content_type!("fontTable"),
        "\" />",
        "<Override PartName=\"/word/footer1.xml\" ContentType=\"",
        content_type!("footer"),
        "\" />",
    ));
    if numbering {
        xml.push_str(concat!(
            "<Override PartName=\"/word/numbering.xml\" ContentType=\"",
            content_type!("numbering"),
            "\" />"
        ));
    }
    xml.push_str("</Types>");
    xml
}

const PACKAGE_RELS: &str = concat!(
    declaration!(),
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">",
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\" />",
    "<Relationship Id=\"rId2\" Type=\"",
    relationship_type!("extended-properties"),
    "\" Target=\"docProps/app.xml\" />",
    "<Relationship Id=\"rId3\" Type=\"",
    relationship_type!("officeDocument"),
    "\" Target=\"word/document.xml\" />",
    "</Relationships>"
);

/// `docProps/app.xml`: present, as Word writes it, but empty.
const APP: &str = concat!(
    declaration!(),
    "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\" ",
    "xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\" />"
);

/// The relationships of the body. The numbering part is related (and present) only when
/// a paragraph is numbered: Word Online rejects a numbering part that nothing uses.
fn document_rels(numbering: bool) -> String {
    let mut xml = String::from(concat!(
        declaration!(),
        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">",
        "<Relationship Id=\"rId1\" Type=\"",
        relationship_type!("styles"),
        "\" Target=\"styles.xml\" />",
        "<Relationship Id=\"rId2\" Type=\"",
        relationship_type!("fontTable"),
        "\" Target=\"fontTable.xml\" />",
        "<Relationship Id=\"rId3\" Type=\"",
        relationship_type!("settings"),
        "\" Target=\"settings.xml\" />",
    ));
    let _ = write!(
        xml,
        "<Relationship Id=\"{FOOTER_RID}\" Type=\"{}\" Target=\"footer1.xml\" />",
        relationship_type!("footer")
    );
    if numbering {
        xml.push_str(concat!(
            "<Relationship Id=\"rId5\" Type=\"",
            relationship_type!("numbering"),
            "\" Target=\"numbering.xml\" />"
        ));
    }
    xml.push_str("</Relationships>");
    xml
}

/// `word/settings.xml`: the tab stop and the compatibility settings of Word 2013 and
/// later (the same as the docx-rs version wrote, so documents lay out as before).
const SETTINGS: &str = concat!(
    declaration!(),
    "<w:settings",
    namespaces!(),
    ">",
    "<w:zoom w:percent=\"100\" /><w:defaultTabStop w:val=\"720\" />",
    "<w:compat><w:spaceForUL /><w:balanceSingleByteDoubleByteWidth /><w:doNotLeaveBackslashAlone />",
    "<w:ulTrailSpace /><w:doNotExpandShiftReturn /><w:useFELayout />",
    "<w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\" />",
    "<w:compatSetting w:name=\"overrideTableStyleFontSizeAndJustification\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"1\" />",
    "<w:compatSetting w:name=\"enableOpenTypeFeatures\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"1\" />",
    "<w:compatSetting w:name=\"doNotFlipMirrorIndents\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"1\" />",
    "<w:compatSetting w:name=\"differentiateMultirowTableHeaders\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"1\" />",
    "<w:compatSetting w:name=\"useWord2013TrackBottomHyphenation\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"0\" />",
    "</w:compat></w:settings>"
);

const FONT_TABLE: &str = concat!(
    declaration!(),
    "<w:fonts",
    namespaces!(),
    ">",
    "<w:font w:name=\"Cambria\"><w:panose1 w:val=\"02040503050406030204\" /><w:charset w:val=\"00\" /><w:family w:val=\"roman\" /><w:pitch w:val=\"variable\" /></w:font>",
    "<w:font w:name=\"Courier New\"><w:charset w:val=\"00\" /><w:family w:val=\"modern\" /><w:pitch w:val=\"fixed\" /></w:font>",
    "</w:fonts>"
);

/// A complex field (`PAGE`, `NUMPAGES`) with a placeholder result that Word and
/// LibreOffice replace when they lay the page out.
macro_rules! field {
    ($instruction:literal) => {
        concat!(
            "<w:r><w:fldChar w:fldCharType=\"begin\" /></w:r>",
            "<w:r><w:instrText>",
            $instruction,
            "</w:instrText></w:r>",
            "<w:r><w:fldChar w:fldCharType=\"separate\" /></w:r>",
            "<w:r><w:t>1</w:t></w:r>",
            "<w:r><w:fldChar w:fldCharType=\"end\" /></w:r>"
        )
    };
}

/// `word/footer1.xml`: "Page N of M", centred.
const FOOTER: &str = concat!(
    declaration!(),
    "<w:ftr",
    namespaces!(),
    "><w:p><w:pPr><w:pStyle w:val=\"Footer\" /></w:pPr>",
    "<w:r><w:t xml:space=\"preserve\">Page </w:t></w:r>",
    field!("PAGE"),
    "<w:r><w:t xml:space=\"preserve\"> of </w:t></w:r>",
    field!("NUMPAGES"),
    "</w:p></w:ftr>"
);

/// A paragraph style for headings and the title: bold, kept with the next paragraph.
/// `outline` is the level in Word's navigation pane (0 for Heading 1), none for the title.
fn heading_style(
    out: &mut String,
    (id, name): (&str, &str),
    half_points: u32,
    (before, after): (u32, u32),
    outline: Option<u32>,
) {
    let _ = write!(
        out,
        "<w:style w:type=\"paragraph\" w:styleId=\"{id}\"><w:name w:val=\"{name}\" />\
         <w:basedOn w:val=\"Normal\" /><w:next w:val=\"BodyText\" /><w:qFormat />\
         <w:pPr><w:keepNext /><w:keepLines />\
         <w:spacing w:before=\"{before}\" w:after=\"{after}\" w:line=\"240\" w:lineRule=\"auto\" />"
    );
    if let Some(level) = outline {
        let _ = write!(out, "<w:outlineLvl w:val=\"{level}\" />");
    }
    out.push_str("</w:pPr><w:rPr><w:b /><w:bCs />");
    size(out, half_points);
    out.push_str("</w:rPr></w:style>");
}

/// `word/styles.xml`. `base` is the left indent of body text: the text column of the
/// clause headings in a numbered document, 0 otherwise.
fn styles(locale: Locale, base: i32) -> String {
    let mut xml = String::with_capacity(3072);
    xml.push_str(concat!(
        declaration!(),
        "<w:styles",
        namespaces!(),
        "><w:docDefaults><w:rPrDefault><w:rPr>"
    ));
    fonts(&mut xml, FONT);
    size(&mut xml, 22);
    let lang = locale.tag();
    let _ = write!(
        xml,
        "<w:lang w:val=\"{lang}\" w:eastAsia=\"{lang}\" w:bidi=\"ar-SA\" /></w:rPr></w:rPrDefault>\
         <w:pPrDefault><w:pPr><w:spacing w:after=\"160\" w:line=\"264\" w:lineRule=\"auto\" />\
         </w:pPr></w:pPrDefault></w:docDefaults>\
         <w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\">\
         <w:name w:val=\"Normal\" /><w:qFormat /></w:style>"
    );
    heading_style(&mut xml, ("Title", "Title"), 36, (0, 360), None);
    heading_style(&mut xml, ("Heading1", "heading 1"), 24, (280, 120), Some(0));
    heading_style(&mut xml, ("Heading2", "heading 2"), 22, (200, 80), Some(1));
    heading_style(&mut xml, ("Heading3", "heading 3"), 22, (160, 60), Some(2));
    xml.push_str(
        "<w:style w:type=\"paragraph\" w:styleId=\"BodyText\"><w:name w:val=\"Body Text\" />\
         <w:basedOn w:val=\"Normal\" /><w:qFormat /><w:pPr>",
    );
    indent(&mut xml, base, None);
    xml.push_str("</w:pPr></w:style>");
    // The items of lists: lettered sub-paragraphs and bullets. Their numbers, and the
    // indent that goes with each depth, come from the numbering definitions.
    for (id, name) in [
        ("SubParagraph", "Sub-paragraph"),
        ("ListBullet", "List Bullet"),
    ] {
        let _ = write!(
            xml,
            "<w:style w:type=\"paragraph\" w:styleId=\"{id}\"><w:name w:val=\"{name}\" />\
             <w:basedOn w:val=\"BodyText\" /><w:qFormat /></w:style>"
        );
    }
    xml.push_str(
        "<w:style w:type=\"paragraph\" w:styleId=\"CodeBlock\"><w:name w:val=\"Code Block\" />\
         <w:basedOn w:val=\"BodyText\" /><w:rPr>",
    );
    fonts(&mut xml, MONO);
    size(&mut xml, 20);
    xml.push_str(
        "</w:rPr></w:style>\
         <w:style w:type=\"character\" w:styleId=\"CodeChar\"><w:name w:val=\"Code\" /><w:rPr>",
    );
    fonts(&mut xml, MONO);
    xml.push_str(
        "</w:rPr></w:style>\
         <w:style w:type=\"paragraph\" w:styleId=\"Footer\"><w:name w:val=\"footer\" />\
         <w:basedOn w:val=\"Normal\" /><w:qFormat /><w:pPr>\
         <w:spacing w:before=\"0\" w:after=\"0\" /><w:jc w:val=\"center\" /></w:pPr><w:rPr>",
    );
    size(&mut xml, 18);
    xml.push_str("</w:rPr></w:style></w:styles>");
    xml
}

fn level_indent(base: i32, depth: usize) -> i32 {
    base + STEP * (depth as i32 + 1)
}

/// One `w:lvl` of a list definition.
fn level(out: &mut String, depth: usize, format: &str, text: &str, left: i32, hanging: i32) {
    let _ = write!(
        out,
        "<w:lvl w:ilvl=\"{depth}\"><w:start w:val=\"1\" /><w:numFmt w:val=\"{format}\" />\
         <w:lvlText w:val=\"{text}\" /><w:lvlJc w:val=\"left\" /><w:pPr>"
    );
    indent(out, left, Some(hanging));
    out.push_str("</w:pPr>");
}

/// `word/numbering.xml` up to (not including) `</w:numbering>`: the list definitions,
/// to which each document adds its own `w:num` instances.
fn numbering_head(base: i32) -> String {
    let mut xml = String::with_capacity(8192);
    xml.push_str(concat!(declaration!(), "<w:numbering", namespaces!(), ">"));
    // Word expects every list definition to describe all nine levels; clauses use only
    // the first, the others number like a mediator's own sub-clauses would (1.1, 1.1.1).
    let _ = write!(
        xml,
        "<w:abstractNum w:abstractNumId=\"{ABSTRACT_CLAUSES}\">"
    );
    for depth in 0..9 {
        let mut text: String = (1..=depth + 1).map(|l| format!("%{l}.")).collect();
        if depth > 0 {
            text.pop();
        }
        let left = STEP * (depth as i32 + 1);
        level(&mut xml, depth, "decimal", &text, left, STEP);
        xml.push_str("</w:lvl>");
    }
    let _ = write!(
        xml,
        "</w:abstractNum><w:abstractNum w:abstractNumId=\"{ABSTRACT_ORDERED}\">"
    );
    for depth in 0..9 {
        let format = match ListStyle::at_depth(depth) {
            ListStyle::LowerAlpha => "lowerLetter",
            ListStyle::LowerRoman => "lowerRoman",
            ListStyle::UpperAlpha => "upperLetter",
            ListStyle::Decimal => "decimal",
        };
        let text = format!("(%{})", depth + 1);
        level(
            &mut xml,
            depth,
            format,
            &text,
            level_indent(base, depth),
            STEP,
        );
        xml.push_str("</w:lvl>");
    }
    let _ = write!(
        xml,
        "</w:abstractNum><w:abstractNum w:abstractNumId=\"{ABSTRACT_BULLETS}\">"
    );
    for depth in 0..9 {
        let bullet = if depth % 2 == 0 {
            "\u{2022}"
        } else {
            "\u{2013}"
        };
        let indent = level_indent(base, depth);
        level(&mut xml, depth, "bullet", bullet, indent, STEP / 2);
        xml.push_str("<w:rPr>");
        fonts(&mut xml, FONT);
        xml.push_str("</w:rPr></w:lvl>");
    }
    xml.push_str("</w:abstractNum>");
    xml
}

// ---------------------------------------------------------------- the body

/// The paragraph properties of one paragraph, written in the schema's order.
#[derive(Default)]
struct Paragraph<'a> {
    style: &'a str,
    /// `numId` and level.
    numbering: Option<(usize, usize)>,
    spacing_after: Option<u32>,
    /// Left indent and hanging first line.
    indent: Option<(i32, Option<i32>)>,
    centred: bool,
}

/// The state of one conversion: the body, numbering instances made so far.
struct Writer {
    body: String,
    /// The `w:num` elements of this document, as XML.
    nums: String,
    next_num: usize,
    bullets: Option<usize>,
    /// Body indent: the text column of the clause headings in a numbered document.
    base: i32,
}

impl Writer {
    /// Opens a paragraph (`<w:p>` and its properties); the caller adds runs and
    /// [`Writer::close`]s it.
    fn open(&mut self, p: Paragraph<'_>) {
        let out = &mut self.body;
        let _ = write!(out, "<w:p><w:pPr><w:pStyle w:val=\"{}\" />", p.style);
        if let Some((num, depth)) = p.numbering {
            let _ = write!(
                out,
                "<w:numPr><w:ilvl w:val=\"{depth}\" /><w:numId w:val=\"{num}\" /></w:numPr>"
            );
        }
        if let Some(after) = p.spacing_after {
            let _ = write!(out, "<w:spacing w:after=\"{after}\" />");
        }
        if let Some((left, hanging)) = p.indent {
            indent(out, left, hanging);
        }
        if p.centred {
            out.push_str("<w:jc w:val=\"center\" />");
        }
        out.push_str("</w:pPr>");
    }

    fn close(&mut self) {
        self.body.push_str("</w:p>");
    }

    /// A paragraph of one plain run.
    fn plain(&mut self, p: Paragraph<'_>, text: &str) {
        self.open(p);
        if !text.is_empty() {
            self.body.push_str("<w:r>");
            text_with_breaks(&mut self.body, text);
            self.body.push_str("</w:r>");
        }
        self.close();
    }

    /// A new `num` of `abstract_id`, starting `level` at `start`.
    fn new_num(&mut self, abstract_id: usize, level: usize, start: u64) -> usize {
        let id = self.next_num;
        self.next_num += 1;
        let start = start.max(1);
        let _ = write!(
            self.nums,
            "<w:num w:numId=\"{id}\"><w:abstractNumId w:val=\"{abstract_id}\" />\
             <w:lvlOverride w:ilvl=\"{level}\"><w:startOverride w:val=\"{start}\" />\
             </w:lvlOverride></w:num>"
        );
        id
    }

    fn bullets(&mut self) -> usize {
        match self.bullets {
            Some(id) => id,
            None => {
                let id = self.new_num(ABSTRACT_BULLETS, 0, 1);
                self.bullets = Some(id);
                id
            }
        }
    }

    fn runs(&mut self, inlines: &[Inline]) {
        let out = &mut self.body;
        for inline in inlines {
            match inline {
                Inline::Break => out.push_str("<w:r><w:br w:type=\"textWrapping\" /></w:r>"),
                Inline::Text(run) => {
                    out.push_str("<w:r>");
                    if run.bold || run.italic || run.code {
                        out.push_str("<w:rPr>");
                        if run.code {
                            out.push_str("<w:rStyle w:val=\"CodeChar\" />");
                        }
                        if run.bold {
                            out.push_str("<w:b /><w:bCs />");
                        }
                        if run.italic {
                            out.push_str("<w:i /><w:iCs />");
                        }
                        out.push_str("</w:rPr>");
                    }
                    text_with_breaks(out, &run.text);
                    out.push_str("</w:r>");
                }
            }
        }
    }

    /// Writes blocks whose text starts at `indent`; `depth` is the list nesting.
    fn blocks(&mut self, blocks: &[Block], indent: i32, depth: usize) {
        for block in blocks {
            self.block(block, indent, depth);
        }
    }

    fn body_paragraph(&self, indent: i32) -> Paragraph<'static> {
        Paragraph {
            style: "BodyText",
            indent: (indent != self.base).then_some((indent, None)),
            ..Paragraph::default()
        }
    }

    fn block(&mut self, block: &Block, indent: i32, depth: usize) {
        match block {
            Block::Paragraph(inlines) => {
                self.open(self.body_paragraph(indent));
                self.runs(inlines);
                self.close();
            }
            Block::Heading(level, inlines) => {
                self.open(Paragraph {
                    style: if *level <= 2 { "Heading2" } else { "Heading3" },
                    indent: Some((indent, None)),
                    ..Paragraph::default()
                });
                self.runs(inlines);
                self.close();
            }
            Block::Quote(inner) => self.blocks(inner, indent + STEP, depth),
            Block::Code(lines) => {
                self.open(Paragraph {
                    style: "CodeBlock",
                    ..self.body_paragraph(indent)
                });
                let out = &mut self.body;
                out.push_str("<w:r>");
                for (i, line) in lines.iter().enumerate() {
                    if i > 0 {
                        out.push_str("<w:br w:type=\"textWrapping\" />");
                    }
                    text_with_breaks(out, line);
                }
                out.push_str("</w:r>");
                self.close();
            }
            Block::Rule => {
                let p = Paragraph {
                    centred: true,
                    ..self.body_paragraph(indent)
                };
                self.plain(p, "*\u{a0}\u{a0}\u{a0}*\u{a0}\u{a0}\u{a0}*");
            }
            Block::List(list) => self.list(list, depth),
        }
    }

    fn list(&mut self, list: &List, depth: usize) {
        let depth = depth.min(8);
        let num = match list.start {
            Some(start) => self.new_num(ABSTRACT_ORDERED, depth, start),
            None => self.bullets(),
        };
        let text_indent = level_indent(self.base, depth);
        let hanging = if list.start.is_some() { STEP } else { STEP / 2 };
        for (i, item) in list.items.iter().enumerate() {
            // Tight items sit close together; the last item of a list in the body keeps
            // the normal gap before whatever follows.
            let last = i + 1 == list.items.len() && item.len() <= 1;
            let spacing = if list.tight && !(last && depth == 0) {
                60
            } else {
                160
            };
            let mut rest = item.as_slice();
            // The first paragraph of an item carries the number or bullet.
            let first = match rest.first() {
                Some(Block::Paragraph(inlines)) => {
                    rest = &rest[1..];
                    inlines.as_slice()
                }
                _ => &[],
            };
            self.open(Paragraph {
                style: if list.start.is_some() {
                    "SubParagraph"
                } else {
                    "ListBullet"
                },
                numbering: Some((num, depth)),
                spacing_after: Some(spacing),
                indent: Some((text_indent, Some(hanging))),
                centred: false,
            });
            self.runs(first);
            self.close();
            self.blocks(rest, text_indent, depth + 1);
        }
    }
}

/// The content of a run: the text in `w:t` elements, a line break (`w:br`) at each
/// newline. A newline inside `w:t` is not a line break in Word (and some versions reject
/// it): raw HTML blocks shown as text keep their lines this way.
fn text_with_breaks(out: &mut String, text: &str) {
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push_str("<w:br w:type=\"textWrapping\" />");
        }
        if !line.is_empty() {
            out.push_str("<w:t xml:space=\"preserve\">");
            escape(out, line);
            out.push_str("</w:t>");
        }
    }
}

/// The section properties: paper size by locale, one-inch margins, the footer.
fn section(out: &mut String, locale: Locale) {
    let (width, height) = match locale {
        // A4: 210 × 297 mm.
        Locale::EnGb => (11906, 16838),
        // US Letter: 8.5 × 11 in.
        Locale::EnUs | Locale::EnCa => (12240, 15840),
    };
    let _ = write!(
        out,
        "<w:sectPr><w:footerReference w:type=\"default\" r:id=\"{FOOTER_RID}\" />\
         <w:pgSz w:w=\"{width}\" w:h=\"{height}\" />\
         <w:pgMar w:top=\"1440\" w:right=\"1440\" w:bottom=\"1440\" w:left=\"1440\" \
         w:header=\"720\" w:footer=\"720\" w:gutter=\"0\" /><w:cols w:space=\"720\" /></w:sectPr>"
    );
}

/// The body of the document (`word/document.xml`) and its `w:num` instances.
fn build(document: &Document, base: i32) -> (String, String) {
    let mut writer = Writer {
        body: String::with_capacity(4096 + 512 * document.clauses.len()),
        nums: String::new(),
        next_num: 1,
        bullets: None,
        base,
    };
    writer.body.push_str(concat!(
        declaration!(),
        "<w:document",
        namespaces!(),
        "><w:body>"
    ));
    let title = Paragraph {
        style: "Title",
        ..Paragraph::default()
    };
    writer.plain(title, &super::one_line(&document.title));

    let mut clause_num: Option<usize> = None;
    let mut expected = 1;
    for clause in &document.clauses {
        let title = super::one_line(&clause.title);
        match clause.number {
            Some(n) => {
                // Clauses numbered in sequence share one `num`; a gap or a restart
                // starts a new one at the clause's own number.
                let num = match clause_num {
                    Some(num) if n == expected => num,
                    _ => {
                        let num = writer.new_num(ABSTRACT_CLAUSES, 0, u64::from(n));
                        clause_num = Some(num);
                        num
                    }
                };
                expected = n.saturating_add(1);
                let heading = Paragraph {
                    style: "Heading1",
                    numbering: Some((num, 0)),
                    ..Paragraph::default()
                };
                writer.plain(heading, &title);
            }
            None if !title.is_empty() => {
                let heading = Paragraph {
                    style: "Heading1",
                    ..Paragraph::default()
                };
                writer.plain(heading, &title);
            }
            None => {}
        }
        let body = blocks::parse(clause.body.trim());
        writer.blocks(&body, base, 0);
    }
    section(&mut writer.body, document.locale);
    writer.body.push_str("</w:body></w:document>");
    (writer.body, writer.nums)
}

/// `docProps/core.xml`: title, language and creator; no timestamps.
fn core_properties(document: &Document) -> String {
    let mut xml = String::from(concat!(
        declaration!(),
        "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" ",
        "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" ",
        "xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">",
        "<dc:title>"
    ));
    escape(&mut xml, &super::one_line(&document.title));
    let _ = write!(
        xml,
        "</dc:title><dc:creator>caucus</dc:creator><dc:language>{}</dc:language>\
         <cp:lastModifiedBy>caucus</cp:lastModifiedBy><cp:revision>1</cp:revision>\
         </cp:coreProperties>",
        document.locale.tag()
    );
    xml
}

// ---------------------------------------------------------------- the package

/// The parts that depend only on the locale and on whether clauses are numbered,
/// compressed once per process and shared by every document.
struct Fixed {
    /// Without and with the numbering part.
    content_types: [Packed; 2],
    rels: Packed,
    app: Packed,
    /// Without and with the numbering part.
    document_rels: [Packed; 2],
    styles: Packed,
    settings: Packed,
    font_table: Packed,
    footer: Packed,
    /// `word/numbering.xml` up to (not including) `</w:numbering>`.
    numbering_head: String,
}

fn build_fixed(locale: Locale, numbered: bool) -> Fixed {
    let base = if numbered { STEP } else { 0 };
    let mut packer = Compressor::new();
    let mut pack = |name: &'static str, xml: &str| packer.pack(name, xml.as_bytes());
    Fixed {
        content_types: [
            pack("[Content_Types].xml", &content_types(false)),
            pack("[Content_Types].xml", &content_types(true)),
        ],
        rels: pack("_rels/.rels", PACKAGE_RELS),
        app: pack("docProps/app.xml", APP),
        document_rels: [
            pack("word/_rels/document.xml.rels", &document_rels(false)),
            pack("word/_rels/document.xml.rels", &document_rels(true)),
        ],
        styles: pack("word/styles.xml", &styles(locale, base)),
        settings: pack("word/settings.xml", SETTINGS),
        font_table: pack("word/fontTable.xml", FONT_TABLE),
        footer: pack("word/footer1.xml", FOOTER),
        numbering_head: numbering_head(base),
    }
}

/// The shared parts for a locale and numbering. A cache of constant bytes: it holds
/// nothing that depends on any document.
fn fixed(locale: Locale, numbered: bool) -> &'static Fixed {
    static FIXED: [OnceLock<Fixed>; 6] = [const { OnceLock::new() }; 6];
    let index = match locale {
        Locale::EnGb => 0,
        Locale::EnCa => 2,
        Locale::EnUs => 4,
    } + usize::from(numbered);
    FIXED[index].get_or_init(|| build_fixed(locale, numbered))
}

impl Document {
    /// The document as a Word file (.docx): Title and Heading 1 styles, clause numbers
    /// and lettered sub-paragraphs as Word numbering, bullets, bold and italic, page
    /// numbers in the footer, A4 for en-GB and US Letter for en-US and en-CA.
    ///
    /// The same document gives the same bytes on every run and platform.
    pub fn to_docx(&self) -> Vec<u8> {
        let numbered = self.clauses.iter().any(|c| c.number.is_some());
        let fixed = fixed(self.locale, numbered);
        let (body, nums) = build(self, if numbered { STEP } else { 0 });
        let mut packer = Compressor::new();
        let core = packer.pack("docProps/core.xml", core_properties(self).as_bytes());
        let document = packer.pack("word/document.xml", body.as_bytes());
        let uses_numbering = !nums.is_empty();
        let numbering = uses_numbering.then(|| {
            let mut xml = String::with_capacity(fixed.numbering_head.len() + nums.len() + 16);
            xml.push_str(&fixed.numbering_head);
            xml.push_str(&nums);
            xml.push_str("</w:numbering>");
            packer.pack("word/numbering.xml", xml.as_bytes())
        });
        let numbered_parts = usize::from(uses_numbering);
        let mut parts = vec![
            &fixed.content_types[numbered_parts],
            &fixed.rels,
            &fixed.app,
            &core,
            &fixed.document_rels[numbered_parts],
            &document,
            &fixed.styles,
            &fixed.settings,
            &fixed.font_table,
        ];
        parts.extend(numbering.as_ref());
        parts.push(&fixed.footer);
        package::zip(&parts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn escaped(text: &str) -> String {
        let mut out = String::new();
        escape(&mut out, text);
        out
    }

    #[test]
    fn escape_markup_and_drop_forbidden_characters() {
        assert_eq!(
            escaped("a & b <c> \"d\" 'e'"),
            "a &amp; b &lt;c&gt; &quot;d&quot; 'e'"
        );
        assert_eq!(escaped("x\u{0}\u{1b}\r\u{FFFE}\u{FFFF}y"), "xy");
        assert_eq!(escaped("tab\tand\nline"), "tab\tand\nline");
        assert_eq!(escaped("ünïcode – “quotes” 😀"), "ünïcode – “quotes” 😀");
    }

    #[test]
    fn fixed_parts_have_no_newlines() {
        for part in [
            content_types(true),
            document_rels(true),
            styles(Locale::EnGb, STEP),
            numbering_head(STEP),
            SETTINGS.to_owned(),
            FONT_TABLE.to_owned(),
            FOOTER.to_owned(),
            PACKAGE_RELS.to_owned(),
            APP.to_owned(),
        ] {
            assert!(!part.contains('\n'), "{part}");
        }
    }
}
