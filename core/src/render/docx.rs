//! Word (.docx), built with the docx-rs library and packed here.
//!
//! docx-rs (maintained, compiles for wasm32) writes the WordprocessingML parts: styles,
//! Word's own numbering definitions (`abstractNum`/`num`, so clause numbers and the
//! (a), (b) of sub-paragraphs are live list numbering that Word renumbers when a
//! mediator edits, not typed digits), sections and the footer's `PAGE` field. It does
//! numbering properly, so we use it rather than writing the XML by hand. It does not
//! give reproducible files by itself, though, and is slow at the parts every document
//! shares, so:
//!
//! - the parts that depend only on the locale and on whether clauses are numbered
//!   (styles, list definitions, footer, settings, relationships) are built and
//!   compressed once per process and reused: a document builds only its body, its list
//!   instances and `core.xml`;
//! - every paragraph gets an explicit `w14:paraId` from a counter local to this call
//!   (docx-rs would otherwise draw them from a thread-local counter shared by all
//!   documents of a thread, see [`recycle_paragraph_ids`]);
//! - the package is zipped by [`super::package`], not by docx-rs: its zipper stamps
//!   entries with `zip`'s default time, which is the current time whenever any crate in
//!   the build enables zip's `time` feature (and panics on wasm32 then). Here every entry
//!   has the fixed DOS epoch 1980-01-01 00:00 and the order is fixed;
//! - `docProps/core.xml` is written here with the title and no timestamps at all (they
//!   are optional in OPC; a made-up date would be false);
//! - hyperlinks are not used (docx-rs numbers their relationships from a process-wide
//!   counter): a web or mail target is shown in parentheses after the link text.
//!
//! Numbering scheme: abstractNum 2 numbers clause headings `1.`, `2.`; abstractNum 3
//! letters ordered lists by depth `(a)`, `(i)`, `(A)`, `(1)`, and each ordered list gets
//! its own `num` with a `startOverride`, so every list restarts at its own first
//! number; abstractNum 4 is bullets. (abstractNum 1 and num 1 are docx-rs's built-in
//! default, unused.) If the clause numbers of a document ever skip or restart, a new
//! `num` with a `startOverride` makes Word show exactly `Clause::number`.

use super::ListStyle;
use super::blocks::{self, Block, Inline, List};
use super::package::{self, Compressor, Packed};
use crate::document::Document;
use crate::options::Locale;
use docx_rs::{
    AbstractNumbering, AlignmentType, BreakType, BuildXML, Docx, Footer, IndentLevel, Level,
    LevelJc, LevelOverride, LevelText, LineSpacing, LineSpacingType, NumPages, NumberFormat,
    Numbering, NumberingId, PageMargin, PageNum, PageSize, Paragraph, Run, RunFonts,
    SpecialIndentType, Start, Style, StyleType,
};
use std::sync::OnceLock;

/// The body font: Arial, which LibreOffice replaces by the metric-compatible Liberation
/// Sans, so pages break at the same places in Word and LibreOffice.
const FONT: &str = "Arial";
const MONO: &str = "Courier New";
/// Half an inch, in twentieths of a point: the indent step of numbers and letters.
const STEP: i32 = 720;

const ABSTRACT_CLAUSES: usize = 2;
const ABSTRACT_ORDERED: usize = 3;
const ABSTRACT_BULLETS: usize = 4;
/// num ids below this are taken by docx-rs's default numbering.
const FIRST_NUM: usize = 2;

fn fonts(name: &str) -> RunFonts {
    RunFonts::new()
        .ascii(name)
        .hi_ansi(name)
        .cs(name)
        .east_asia(name)
}

/// A plain-text title on one line: a heading cannot hold a line break.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn lang(locale: Locale) -> &'static str {
    match locale {
        Locale::EnGb => "en-GB",
        Locale::EnCa => "en-CA",
        Locale::EnUs => "en-US",
    }
}

/// Removes characters that XML 1.0 forbids (most C0 controls, U+FFFE, U+FFFF): one of
/// them in a value would make Word refuse to open the file.
fn xml_safe(text: &str) -> String {
    text.chars()
        .filter(|&c| {
            matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{FFFE}' && c != '\u{FFFF}')
        })
        .collect()
}

fn heading_style(id: &str, name: &str, size: usize, before: u32, after: u32) -> Style {
    let mut style = Style::new(id, StyleType::Paragraph)
        .name(name)
        .based_on("Normal")
        .next("BodyText")
        .bold()
        .size(size)
        .line_spacing(
            LineSpacing::new()
                .before(before)
                .after(after)
                .line(240)
                .line_rule(LineSpacingType::Auto),
        );
    style.paragraph_property = style.paragraph_property.keep_next(true).keep_lines(true);
    style
}

fn styles(docx: Docx, base: i32) -> Docx {
    let title = heading_style("Title", "Title", 36, 0, 360);
    let heading1 = heading_style("Heading1", "heading 1", 24, 280, 120).outline_lvl(0);
    let heading2 = heading_style("Heading2", "heading 2", 22, 200, 80).outline_lvl(1);
    let heading3 = heading_style("Heading3", "heading 3", 22, 160, 60).outline_lvl(2);
    let body = Style::new("BodyText", StyleType::Paragraph)
        .name("Body Text")
        .based_on("Normal")
        .indent(Some(base), None, None, None);
    let footer = Style::new("Footer", StyleType::Paragraph)
        .name("footer")
        .based_on("Normal")
        .size(18)
        .align(AlignmentType::Center)
        .line_spacing(LineSpacing::new().before(0).after(0));
    docx.add_style(title)
        .add_style(heading1)
        .add_style(heading2)
        .add_style(heading3)
        .add_style(body)
        .add_style(footer)
}

fn level_indent(base: i32, depth: usize) -> i32 {
    base + STEP * (depth as i32 + 1)
}

fn numbering(docx: Docx, base: i32) -> Docx {
    // Word expects every list definition to describe all nine levels; clauses use only
    // the first, the others number like a mediator's own sub-clauses would (1.1, 1.1.1).
    let mut clauses = AbstractNumbering::new(ABSTRACT_CLAUSES);
    for depth in 0..9 {
        let text: String = (1..=depth + 1).map(|l| format!("%{l}.")).collect();
        let text = if depth == 0 {
            text
        } else {
            text.trim_end_matches('.').to_owned()
        };
        clauses = clauses.add_level(
            Level::new(
                depth,
                Start::new(1),
                NumberFormat::new("decimal"),
                LevelText::new(text),
                LevelJc::new("left"),
            )
            .indent(
                Some(STEP * (depth as i32 + 1)),
                Some(SpecialIndentType::Hanging(STEP)),
                None,
                None,
            ),
        );
    }
    let mut ordered = AbstractNumbering::new(ABSTRACT_ORDERED);
    let mut bullets = AbstractNumbering::new(ABSTRACT_BULLETS);
    for depth in 0..9 {
        let format = match ListStyle::at_depth(depth) {
            ListStyle::LowerAlpha => "lowerLetter",
            ListStyle::LowerRoman => "lowerRoman",
            ListStyle::UpperAlpha => "upperLetter",
            ListStyle::Decimal => "decimal",
        };
        let indent = level_indent(base, depth);
        ordered = ordered.add_level(
            Level::new(
                depth,
                Start::new(1),
                NumberFormat::new(format),
                LevelText::new(format!("(%{})", depth + 1)),
                LevelJc::new("left"),
            )
            .indent(
                Some(indent),
                Some(SpecialIndentType::Hanging(STEP)),
                None,
                None,
            ),
        );
        let bullet = if depth % 2 == 0 {
            "\u{2022}"
        } else {
            "\u{2013}"
        };
        bullets = bullets.add_level(
            Level::new(
                depth,
                Start::new(1),
                NumberFormat::new("bullet"),
                LevelText::new(bullet),
                LevelJc::new("left"),
            )
            .indent(
                Some(indent),
                Some(SpecialIndentType::Hanging(STEP / 2)),
                None,
                None,
            )
            .fonts(fonts(FONT)),
        );
    }
    docx.add_abstract_numbering(clauses)
        .add_abstract_numbering(ordered)
        .add_abstract_numbering(bullets)
}

/// The state of one conversion: the body, numbering instances made so far and the
/// paragraph ids.
struct Writer {
    body: docx_rs::Document,
    /// The `w:num` elements of this document, as XML.
    nums: Vec<u8>,
    next_num: usize,
    next_para: u32,
    bullets: Option<usize>,
    /// Body indent: the text column of the clause headings in a numbered document.
    base: i32,
}

impl Writer {
    fn paragraph(&mut self) -> Paragraph {
        let id = self.next_para;
        self.next_para += 1;
        Paragraph::new().id(format!("{id:08X}"))
    }

    fn push(&mut self, paragraph: Paragraph) {
        let body = std::mem::take(&mut self.body);
        self.body = body.add_paragraph(paragraph);
    }

    /// A new `num` of `abstract_id`, starting `level` at `start`.
    fn new_num(&mut self, abstract_id: usize, level: usize, start: u64) -> usize {
        let id = self.next_num;
        self.next_num += 1;
        let start = usize::try_from(start).unwrap_or(usize::MAX).max(1);
        let num =
            Numbering::new(id, abstract_id).add_override(LevelOverride::new(level).start(start));
        self.nums.extend_from_slice(&num.build());
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

    fn runs(mut paragraph: Paragraph, inlines: &[Inline]) -> Paragraph {
        for inline in inlines {
            let run = match inline {
                Inline::Break => Run::new().add_break(BreakType::TextWrapping),
                Inline::Text(text) => {
                    // A newline inside w:t is not a line break in Word (and some
                    // versions reject it): raw HTML blocks shown as text keep their
                    // lines through explicit breaks.
                    let mut run = Run::new();
                    for (i, line) in xml_safe(&text.text).split('\n').enumerate() {
                        if i > 0 {
                            run = run.add_break(BreakType::TextWrapping);
                        }
                        run = run.add_text(line);
                    }
                    if text.bold {
                        run = run.bold();
                    }
                    if text.italic {
                        run = run.italic();
                    }
                    if text.code {
                        run = run.fonts(fonts(MONO));
                    }
                    run
                }
            };
            paragraph = paragraph.add_run(run);
        }
        paragraph
    }

    /// Writes blocks whose text starts at `indent`; `depth` is the list nesting.
    fn blocks(&mut self, blocks: &[Block], indent: i32, depth: usize) {
        for block in blocks {
            self.block(block, indent, depth);
        }
    }

    fn block(&mut self, block: &Block, indent: i32, depth: usize) {
        match block {
            Block::Paragraph(inlines) => {
                let p = self.body_paragraph(indent);
                let p = Self::runs(p, inlines);
                self.push(p);
            }
            Block::Heading(level, inlines) => {
                let p = self
                    .paragraph()
                    .style(if *level <= 2 { "Heading2" } else { "Heading3" })
                    .indent(Some(indent), None, None, None);
                let p = Self::runs(p, inlines);
                self.push(p);
            }
            Block::Quote(inner) => self.blocks(inner, indent + STEP, depth),
            Block::Code(lines) => {
                let mut run = Run::new().fonts(fonts(MONO)).size(20);
                for (i, line) in lines.iter().enumerate() {
                    if i > 0 {
                        run = run.add_break(BreakType::TextWrapping);
                    }
                    run = run.add_text(xml_safe(line));
                }
                let p = self.body_paragraph(indent).add_run(run);
                self.push(p);
            }
            Block::Rule => {
                let p = self
                    .body_paragraph(indent)
                    .align(AlignmentType::Center)
                    .add_run(Run::new().add_text("*\u{a0}\u{a0}\u{a0}*\u{a0}\u{a0}\u{a0}*"));
                self.push(p);
            }
            Block::List(list) => self.list(list, depth),
        }
    }

    fn body_paragraph(&mut self, indent: i32) -> Paragraph {
        let p = self.paragraph().style("BodyText");
        if indent == self.base {
            p
        } else {
            p.indent(Some(indent), None, None, None)
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
            let p = self
                .paragraph()
                .style("BodyText")
                .numbering(NumberingId::new(num), IndentLevel::new(depth))
                .indent(
                    Some(text_indent),
                    Some(SpecialIndentType::Hanging(hanging)),
                    None,
                    None,
                )
                .line_spacing(LineSpacing::new().after(spacing));
            let p = Self::runs(p, first);
            self.push(p);
            self.blocks(rest, text_indent, depth + 1);
        }
    }
}

/// Paragraph id of the footer's paragraph; the body's paragraphs follow it.
const FOOTER_PARAGRAPH: u32 = 1;
/// The relationship id docx-rs gives the first footer.
const FOOTER_RID: &str = "rIdFooter1";

/// The parts that depend only on the locale and on whether clauses are numbered:
/// built with docx-rs and compressed once per process, then shared by every document.
/// (Styles, list definitions and the footer are most of the work of a small .docx.)
struct Fixed {
    content_types: Packed,
    rels: Packed,
    app: Packed,
    custom: Packed,
    /// The relationships of the body, without and with `numbering.xml` (docx-rs
    /// relates it only when a paragraph is numbered: Word Online rejects a numbering
    /// part that nothing uses).
    document_rels: [Packed; 2],
    styles: Packed,
    settings: Packed,
    font_table: Packed,
    comments: Packed,
    comments_extended: Packed,
    footnotes: Packed,
    footer: Packed,
    footer_rels: Packed,
    /// `word/numbering.xml` up to (not including) `</w:numbering>`: the list definitions,
    /// to which each document adds its own `w:num` instances.
    numbering_head: Vec<u8>,
}

fn page_setup(body: docx_rs::Document, locale: Locale) -> docx_rs::Document {
    let (width, height) = match locale {
        // A4: 210 × 297 mm.
        Locale::EnGb => (11906, 16838),
        // US Letter: 8.5 × 11 in.
        Locale::EnUs | Locale::EnCa => (12240, 15840),
    };
    body.page_size(PageSize::new().size(width, height))
        .page_margin(
            PageMargin::new()
                .top(1440)
                .bottom(1440)
                .left(1440)
                .right(1440)
                .header(720)
                .footer(720)
                .gutter(0),
        )
        .footer(Footer::new(), FOOTER_RID)
}

fn build_fixed(locale: Locale, numbered: bool) -> Fixed {
    let base = if numbered { STEP } else { 0 };
    let footer = Paragraph::new()
        .id(format!("{FOOTER_PARAGRAPH:08X}"))
        .style("Footer")
        .add_run(Run::new().add_text("Page "))
        .add_page_num(PageNum::new())
        .add_run(Run::new().add_text(" of "))
        .add_num_pages(NumPages::new());
    let docx = Docx::new()
        .default_tab_stop(720)
        .default_fonts(fonts(FONT))
        .default_size(22)
        .default_line_spacing(
            LineSpacing::new()
                .after(160)
                .line(264)
                .line_rule(LineSpacingType::Auto),
        )
        .footer(Footer::new().add_paragraph(footer));
    let mut docx = numbering(styles(docx, base), base);
    let plain_rels = docx.document_rels.build();
    docx.document_rels.has_numberings = true;
    let xml = docx.build();
    let mut numbering_head = xml.numberings;
    if let Some(end) = find(&numbering_head, b"</w:numbering>") {
        numbering_head.truncate(end);
    }
    let mut packer = Compressor::new();
    let mut pack = |name: &'static str, bytes: &[u8]| packer.pack(name, bytes);
    let footer = xml.footers.first().map(Vec::as_slice).unwrap_or_default();
    let footer_rels = xml
        .footer_rels
        .first()
        .map(Vec::as_slice)
        .unwrap_or_default();
    Fixed {
        content_types: pack("[Content_Types].xml", &xml.content_type),
        rels: pack("_rels/.rels", &xml.rels),
        app: pack("docProps/app.xml", &xml.doc_props.app),
        custom: pack("docProps/custom.xml", &xml.doc_props.custom),
        document_rels: [
            pack("word/_rels/document.xml.rels", &plain_rels),
            pack("word/_rels/document.xml.rels", &xml.document_rels),
        ],
        styles: pack("word/styles.xml", &with_language(xml.styles, locale)),
        settings: pack("word/settings.xml", &xml.settings),
        font_table: pack("word/fontTable.xml", &xml.font_table),
        comments: pack("word/comments.xml", &xml.comments),
        comments_extended: pack("word/commentsExtended.xml", &xml.comments_extended),
        footnotes: pack("word/footnotes.xml", &xml.footnotes),
        footer: pack("word/footer1.xml", footer),
        footer_rels: pack("word/_rels/footer1.xml.rels", footer_rels),
        numbering_head,
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

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

/// Keeps docx-rs's own paragraph-id counter from overflowing. Every `Paragraph::new()`
/// draws an id from a per-thread `u32` counter (we replace the id, but the counter still
/// advances) and docx-rs panics when it passes `u32::MAX`; only `Docx::build` and
/// `Docx::json` reset it, and we call neither per document. A long batch or server
/// thread would reach the limit after some four billion paragraphs, so the counter is
/// reset, cheaply enough, once every ten million.
fn recycle_paragraph_ids(created: u32) {
    thread_local! {
        static CREATED: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
    }
    let total = CREATED.get() + u64::from(created);
    if total > 10_000_000 {
        let _ = Docx::new().json();
        CREATED.set(0);
    } else {
        CREATED.set(total);
    }
}

/// The body of the document (`word/document.xml`) and its `w:num` instances.
fn build(document: &Document) -> (Vec<u8>, Vec<u8>) {
    let numbered = document.clauses.iter().any(|c| c.number.is_some());
    let base = if numbered { STEP } else { 0 };
    let mut writer = Writer {
        body: page_setup(docx_rs::Document::new(), document.locale),
        nums: Vec::new(),
        next_num: FIRST_NUM,
        next_para: FOOTER_PARAGRAPH + 1,
        bullets: None,
        base,
    };

    let title = writer
        .paragraph()
        .style("Title")
        .add_run(Run::new().add_text(xml_safe(&one_line(&document.title))));
    writer.push(title);

    let mut clause_num: Option<usize> = None;
    let mut expected = 1;
    for clause in &document.clauses {
        let title = xml_safe(&one_line(&clause.title));
        match clause.number {
            Some(n) => {
                let num = match clause_num {
                    Some(num) if n == expected => num,
                    _ => {
                        let num = writer.new_num(ABSTRACT_CLAUSES, 0, u64::from(n));
                        clause_num = Some(num);
                        num
                    }
                };
                expected = n.saturating_add(1);
                let heading = writer
                    .paragraph()
                    .style("Heading1")
                    .numbering(NumberingId::new(num), IndentLevel::new(0))
                    .add_run(Run::new().add_text(title));
                writer.push(heading);
            }
            None if !title.is_empty() => {
                let heading = writer
                    .paragraph()
                    .style("Heading1")
                    .add_run(Run::new().add_text(title));
                writer.push(heading);
            }
            None => {}
        }
        let body = blocks::parse(clause.body.trim());
        writer.blocks(&body, base, 0);
    }
    recycle_paragraph_ids(writer.next_para);
    (writer.body.build(), writer.nums)
}

/// `docProps/core.xml`: title, language and creator; no timestamps.
fn core_properties(document: &Document) -> Vec<u8> {
    let mut title = String::new();
    for c in xml_safe(&one_line(&document.title)).chars() {
        match c {
            '&' => title.push_str("&amp;"),
            '<' => title.push_str("&lt;"),
            '>' => title.push_str("&gt;"),
            _ => title.push(c),
        }
    }
    format!(
        concat!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n",
            "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" ",
            "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" ",
            "xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">",
            "<dc:title>{}</dc:title><dc:creator>caucus</dc:creator><dc:language>{}</dc:language>",
            "<cp:lastModifiedBy>caucus</cp:lastModifiedBy><cp:revision>1</cp:revision>",
            "</cp:coreProperties>"
        ),
        title,
        lang(document.locale)
    )
    .into_bytes()
}

/// Sets the proofing language of the whole document (docx-rs has no API for `w:lang`):
/// inserted as the last child of the default run properties, where the schema's order
/// puts it.
fn with_language(styles: Vec<u8>, locale: Locale) -> Vec<u8> {
    const ANCHOR: &[u8] = b"</w:rPr></w:rPrDefault>";
    let Some(at) = styles.windows(ANCHOR.len()).position(|w| w == ANCHOR) else {
        return styles;
    };
    let lang = lang(locale);
    let element = format!("<w:lang w:val=\"{lang}\" w:eastAsia=\"{lang}\" w:bidi=\"ar-SA\" />");
    let mut out = Vec::with_capacity(styles.len() + element.len());
    out.extend_from_slice(&styles[..at]);
    out.extend_from_slice(element.as_bytes());
    out.extend_from_slice(&styles[at..]);
    out
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
        let (body, nums) = build(self);
        let uses_numbering = !nums.is_empty();
        let mut numbering = Vec::with_capacity(fixed.numbering_head.len() + nums.len() + 16);
        numbering.extend_from_slice(&fixed.numbering_head);
        numbering.extend_from_slice(&nums);
        numbering.extend_from_slice(b"</w:numbering>");
        let mut packer = Compressor::new();
        let core = packer.pack("docProps/core.xml", &core_properties(self));
        let document = packer.pack("word/document.xml", &body);
        let numbering = packer.pack("word/numbering.xml", &numbering);
        package::zip(&[
            &fixed.content_types,
            &fixed.rels,
            &fixed.app,
            &core,
            &fixed.custom,
            &fixed.document_rels[usize::from(uses_numbering)],
            &document,
            &fixed.styles,
            &fixed.settings,
            &fixed.font_table,
            &fixed.comments,
            &numbering,
            &fixed.comments_extended,
            &fixed.footnotes,
            &fixed.footer,
            &fixed.footer_rels,
        ])
    }
}
