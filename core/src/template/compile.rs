//! Compiling templates with handlebars, fast, with positions in the source.
//!
//! handlebars' parser (pest) reads plain text character by character, and handlebars
//! computes the line and column of every element by counting from the start of the text
//! (time that grows with the square of the length): clause bodies are mostly text, and
//! compiling the built-in pack as it is took four-fifths of the time to load it. So each
//! template is compiled from a *skeleton*: the text between tags has its core (from its
//! first to its last non-blank character) replaced by a short marker, the tags and every
//! blank around them kept; where text outside any block has a line break with text on
//! both sides, the skeleton is cut there and the parts compiled apart. Then the markers
//! in the compiled template are replaced by the text they stand for.
//!
//! The skeleton means the same to handlebars: every rule of handlebars that looks at
//! text looks only at blanks next to a tag (a block tag alone on its line takes its
//! line; `~` trims blanks; `\{{` is text), and those are all kept; a marker, like the text
//! it replaces, starts and ends with a character that is not blank. Text holding a
//! backslash is kept as it is (it may escape braces), and a source holding the marker
//! characters is compiled as it is. Positions in the compiled template are positions in
//! the skeleton: [`Places::source_offset`] gives them back in the source. The tests
//! compile generated templates both ways and require the same template, and the same
//! places.

use super::tags;
use handlebars::template::TemplateElement;
use handlebars::{Template, TemplateError};

const OPEN: char = '\u{E000}';
const CLOSE: char = '\u{E001}';

/// Text shorter than this is kept as it is: a marker would not be shorter.
const SHORTEST_REPLACED: usize = 16;

/// A compiled template, and where its positions are in the source.
#[derive(Debug)]
pub struct Compiled {
    pub template: Template,
    pub places: Places,
}

/// A template handlebars refused, and where the position of its error is in the source.
#[derive(Debug)]
pub struct Failed {
    pub error: TemplateError,
    pub places: Places,
}

/// The text handlebars compiled (the skeleton, or the source), to which the positions
/// in its template and errors refer.
#[derive(Debug, Default)]
pub struct Places {
    pub text: String,
    /// Each replaced text: (its marker's offset in `text`, its offset and length in the
    /// source), in order.
    replaced: Vec<(usize, usize, usize)>,
}

impl Places {
    /// The offset in the source of an offset in [`Places::text`].
    pub fn source_offset(&self, offset: usize) -> usize {
        // The replaced texts before `offset`, each a marker in the skeleton.
        let before = self.replaced.partition_point(|&(at, _, _)| at <= offset);
        match before.checked_sub(1).map(|i| self.replaced[i]) {
            None => offset,
            Some((at, source_at, source_len)) => {
                let marker = marker_len(before - 1);
                if offset < at + marker {
                    source_at
                } else {
                    source_at + source_len + (offset - at - marker)
                }
            }
        }
    }
}

/// Compiles a template from its skeleton, in parts.
pub fn compile(source: &str) -> Result<Compiled, Box<Failed>> {
    let (places, parts) = skeleton(source);
    let mut template = Template::default();
    let mut lines = 0;
    for part in parts.windows(2) {
        let text = &places.text[part[0]..part[1]];
        let compiled = match Template::compile(text) {
            Ok(compiled) if compiled.elements.len() == compiled.mapping.len() => compiled,
            // The error as handlebars reports it for the whole text.
            _ => return compile_whole(source, places),
        };
        append(&mut template, compiled, lines);
        lines += text.matches('\n').count();
    }
    if !places.replaced.is_empty() {
        let mut restored = 0;
        restore(&mut template, source, &places.replaced, &mut restored);
        if restored != places.replaced.len() {
            // Never expected: a marker was not found whole in a text. Compile the source
            // itself rather than render a marker.
            return compile_as_is(source);
        }
    }
    Ok(Compiled { template, places })
}

/// Compiles the skeleton in one piece: only to report an error.
fn compile_whole(source: &str, places: Places) -> Result<Compiled, Box<Failed>> {
    match Template::compile(&places.text) {
        Err(error) => Err(Box::new(Failed { error, places })),
        // A part failed where the whole does not: never expected.
        Ok(_) => compile_as_is(source),
    }
}

/// Appends the elements of a part compiled on its own, whose lines come after `lines`
/// lines of the text before it. A text at its start continues the text that ends the
/// template so far, as it would have, compiled whole.
fn append(template: &mut Template, mut part: Template, lines: usize) {
    shift_lines(&mut part, lines);
    let mut elements = part.elements.into_iter().zip(part.mapping).peekable();
    if let Some(TemplateElement::RawString(before)) = template.elements.last_mut()
        && let Some((TemplateElement::RawString(after), _)) =
            elements.next_if(|(e, _)| matches!(e, TemplateElement::RawString(_)))
    {
        before.push_str(&after);
    }
    for (element, place) in elements {
        template.elements.push(element);
        template.mapping.push(place);
    }
}

/// Moves every position of a template `lines` lines down.
fn shift_lines(template: &mut Template, lines: usize) {
    if lines == 0 {
        return;
    }
    for place in &mut template.mapping {
        place.0 += lines;
    }
    for element in &mut template.elements {
        if let TemplateElement::HelperBlock(h) = element {
            for t in [&mut h.template, &mut h.inverse].into_iter().flatten() {
                shift_lines(t, lines);
            }
        }
    }
}

/// Compiles the source itself.
fn compile_as_is(source: &str) -> Result<Compiled, Box<Failed>> {
    let places = Places {
        text: source.to_owned(),
        replaced: Vec::new(),
    };
    match Template::compile(source) {
        Ok(template) => Ok(Compiled { template, places }),
        Err(error) => Err(Box::new(Failed { error, places })),
    }
}

fn marker_len(index: usize) -> usize {
    OPEN.len_utf8() + CLOSE.len_utf8() + index.checked_ilog10().unwrap_or(0) as usize + 1
}

/// The skeleton of `source`, what each marker replaced, and where the skeleton may be
/// cut into parts that compile on their own (offsets in it, from 0 to its end).
///
/// handlebars computes every element's line and column by counting from the start of the
/// text, so the time to compile grows with the square of the length: parts are compiled
/// apart. A part ends after a line break in text outside any block, with text that is
/// not blank on both sides of the cut before the tags around it. The rules of handlebars
/// that look at text (a block tag alone on its line, `~`) look from a tag only as far as
/// the first line break or character that is not blank, so they read the same on both
/// sides of such a cut, and the two texts it makes are joined again (`append`).
fn skeleton(source: &str) -> (Places, Vec<usize>) {
    let mut places = Places {
        text: String::with_capacity(source.len() / 4),
        replaced: Vec::new(),
    };
    if source.contains([OPEN, CLOSE]) {
        places.text = source.to_owned();
        return (places, vec![0, source.len()]);
    }
    let mut parts = vec![0];
    let mut depth = 0usize;
    // Whether a tag that trims the blanks after it (`~}}`) came last, comments aside:
    // handlebars keeps that trim pending across comments, and a part compiled on its own
    // would start without it (`{{x~}}a\nb {{! c }} ` loses its last blank whole).
    let mut trim_pending = false;
    let mut pos = 0;
    let mut tags = tags::tags(source);
    loop {
        let tag = match tags.next() {
            Some(Ok(tag)) => Some(tag),
            _ => None,
        };
        let end = tag.map_or(source.len(), |t| t.start);
        match cut(&source[pos..end]).filter(|_| depth == 0 && !trim_pending) {
            Some(at) => {
                push_text(source, pos, pos + at, &mut places);
                parts.push(places.text.len());
                push_text(source, pos + at, end, &mut places);
            }
            None => push_text(source, pos, end, &mut places),
        }
        let Some(tag) = tag else { break };
        places.text.push_str(&source[tag.start..tag.end]);
        if source[tag.start..tag.end]
            .trim_end_matches('}')
            .ends_with('~')
        {
            trim_pending = true;
        } else if tag.kind != tags::Kind::Comment {
            trim_pending = false;
        }
        pos = tag.end;
        match tag.kind {
            tags::Kind::Open => depth += 1,
            tags::Kind::Close => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    parts.push(places.text.len());
    (places, parts)
}

/// Where a text may be cut: just after its first line break that has text that is not
/// blank both before and after it.
fn cut(run: &str) -> Option<usize> {
    let first = run.find(|c: char| !c.is_whitespace())?;
    let last = run.rfind(|c: char| !c.is_whitespace())?;
    run[first..last].find('\n').map(|i| first + i + 1)
}

/// Writes the text `source[from..to]` into the skeleton: its blanks as they are, its core
/// as a marker.
fn push_text(source: &str, from: usize, to: usize, places: &mut Places) {
    let run = &source[from..to];
    let core = run.trim();
    let text = &mut places.text;
    if core.len() < SHORTEST_REPLACED || core.contains('\\') {
        text.push_str(run);
        return;
    }
    let start = run.len() - run.trim_start().len();
    text.push_str(&run[..start]);
    places.replaced.push((text.len(), from + start, core.len()));
    text.push(OPEN);
    text.push_str(&(places.replaced.len() - 1).to_string());
    text.push(CLOSE);
    text.push_str(&run[start + core.len()..]);
}

/// Puts the replaced text back into every text of the template.
fn restore(
    template: &mut Template,
    source: &str,
    replaced: &[(usize, usize, usize)],
    restored: &mut usize,
) {
    for element in &mut template.elements {
        match element {
            TemplateElement::RawString(text) if text.contains(OPEN) => {
                *text = fill(text, source, replaced, restored);
            }
            TemplateElement::HelperBlock(h) => {
                for t in [&mut h.template, &mut h.inverse].into_iter().flatten() {
                    restore(t, source, replaced, restored);
                }
            }
            TemplateElement::DecoratorBlock(d) | TemplateElement::PartialBlock(d) => {
                if let Some(t) = &mut d.template {
                    restore(t, source, replaced, restored);
                }
            }
            _ => {}
        }
    }
}

/// A text with each marker replaced by the source text it stands for.
fn fill(
    text: &str,
    source: &str,
    replaced: &[(usize, usize, usize)],
    restored: &mut usize,
) -> String {
    let mut out = String::with_capacity(text.len() + 256);
    let mut rest = text;
    while let Some(open) = rest.find(OPEN) {
        out.push_str(&rest[..open]);
        let after = &rest[open + OPEN.len_utf8()..];
        let close = after.find(CLOSE).unwrap_or(after.len());
        match after[..close]
            .parse::<usize>()
            .ok()
            .and_then(|i| replaced.get(i))
        {
            Some(&(_, at, len)) => {
                out.push_str(&source[at..at + len]);
                *restored += 1;
            }
            None => out.push_str(&rest[open..open + OPEN.len_utf8() + close]),
        }
        rest = after.get(close + CLOSE.len_utf8()..).unwrap_or("");
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn same(source: &str) {
        let fast = compile(source).expect("compiles").template;
        let slow = Template::compile(source).expect("compiles");
        assert_eq!(without_places(fast), without_places(slow), "{source:?}");
    }

    /// The byte offset of a line and column of a text.
    fn offset(text: &str, line: usize, column: usize) -> usize {
        let start: usize = text
            .split_inclusive('\n')
            .take(line - 1)
            .map(str::len)
            .sum();
        start
            + text[start..]
                .chars()
                .take(column - 1)
                .map(char::len_utf8)
                .sum::<usize>()
    }

    /// The source offset of each element's position, but texts' (whose positions
    /// handlebars takes from what follows them), in the order of a walk.
    fn source_places(template: &Template, places: &Places, source: &str) -> Vec<usize> {
        let text = if places.text.is_empty() {
            source
        } else {
            &places.text
        };
        let mut out = Vec::new();
        for (element, place) in template.elements.iter().zip(&template.mapping) {
            if !matches!(element, TemplateElement::RawString(_)) {
                out.push(places.source_offset(offset(text, place.0, place.1)));
            }
            if let TemplateElement::HelperBlock(h) = element {
                for t in [&h.template, &h.inverse].into_iter().flatten() {
                    out.extend(source_places(t, places, source));
                }
            }
        }
        out
    }

    fn source_offset_of_error(
        error: &TemplateError,
        places: &Places,
        source: &str,
    ) -> Option<usize> {
        let (line, column) = error.pos()?;
        let text = if places.text.is_empty() {
            source
        } else {
            &places.text
        };
        Some(places.source_offset(offset(text, line, column)))
    }

    /// The template without its positions, which differ by design.
    fn without_places(mut t: Template) -> Template {
        t.mapping.clear();
        for e in &mut t.elements {
            if let TemplateElement::HelperBlock(h) = e {
                for t in [&mut h.template, &mut h.inverse].into_iter().flatten() {
                    *t = without_places(std::mem::take(t));
                }
            }
        }
        t
    }

    #[test]
    fn every_built_in_template_compiles_the_same_either_way() {
        let mut replaced = 0;
        for (path, text) in crate::pack::Pack::builtin_files() {
            if !path.ends_with(".md") {
                continue;
            }
            let body = text.splitn(3, "+++\n").nth(2).expect("front matter").trim();
            same(body);
            replaced += compile(body).map_or(0, |c| c.places.replaced.len());
        }
        assert!(replaced > 100, "only {replaced} texts were replaced");
    }

    #[test]
    fn blanks_around_tags_keep_their_meaning() {
        for source in [
            "First line of text.\nSecond line.\n\n{{#if a}}\nInner text, long enough.\n\n  {{else}}  \nOther text, long enough.\n{{/if}}\nLast line.\nAnd more text here.",
            "Some leading text   {{~#if a~}}   trimmed text on both sides   {{~/if~}}   tail text here",
            "{{#each list}}\n  - An item of the list, {{name}}, long enough\n{{/each}}",
            "Escaped \\{{braces}} stay text, and \\\\{{x}} is a tag after a backslash here.",
            "\u{2003}Unicode blank before, and text long enough to be replaced.\u{2003}{{x~}}\u{2003}after it, also long enough.",
            // handlebars keeps the trim of `~}}` pending across a comment, to the end.
            "{{name~}}- \n- {{! a comment }} ",
            "{{name~}}Some words, long enough to be replaced.\nMore words, long enough.\n{{!-- c --}} \nTail words, long enough here. ",
        ] {
            same(source);
        }
    }

    #[test]
    fn positions_map_back_to_the_source() {
        let source = "A long line of plain text.\nAnother long line, {{bad.path}} here.";
        let places = compile(source).expect("compiles").places;
        assert!(places.text.len() < source.len());
        let tag = places.text.find("{{bad").expect("kept");
        assert_eq!(
            places.source_offset(tag),
            source.find("{{bad").expect("tag")
        );
        assert_eq!(places.source_offset(0), 0);
        assert_eq!(places.source_offset(places.text.len()), source.len());
    }

    #[test]
    fn sources_with_marker_characters_compile_as_they_are() {
        let source = "Text with \u{E000}0\u{E001} in it, long enough to be replaced.";
        assert_eq!(compile(source).expect("compiles").places.text, source);
        same(source);
    }

    /// Text in the combinations that matter around tags: words long and short, blanks,
    /// line breaks, backslashes and braces.
    fn text() -> impl Strategy<Value = String> {
        prop::collection::vec(
            prop_oneof![
                Just("a"),
                Just("Some words, long enough to be replaced."),
                Just(" "),
                Just("  "),
                Just("\t"),
                Just("\n"),
                Just("\n\n"),
                Just("\r\n"),
                Just("\u{2003}"),
                Just("- "),
                Just("}"),
                Just("\\{{name}}"),
                Just("\\\\{{name}}"),
            ],
            0..6,
        )
        .prop_map(|parts| parts.concat())
    }

    fn tag() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("{{name}}"),
            Just("{{~name}}"),
            Just("{{name~}}"),
            Just("{{{name}}}"),
            Just("{{! a comment }}"),
            Just("{{!-- a {{longer}} comment --}}"),
            Just("{{join list \"name\" \"or\"}}"),
            // Mistakes: the error must be reported at the same place.
            Just("{{#if flag}}"),
            Just("{{/if}}"),
        ]
        .prop_map(str::to_owned)
    }

    fn template() -> impl Strategy<Value = String> {
        let leaf = prop_oneof![text(), tag()];
        leaf.prop_recursive(3, 30, 6, |inner| {
            let body = prop::collection::vec(inner, 0..4).prop_map(|v| v.concat());
            prop_oneof![
                prop::collection::vec(body.clone(), 1..4).prop_map(|v| v.concat()),
                (
                    prop_oneof![Just(("", "")), Just(("~", "")), Just(("", "~"))],
                    body.clone(),
                    prop::option::of(body.clone()),
                    prop::option::of(body),
                )
                    .prop_map(|((a, b), then, chained, otherwise)| {
                        let mut s = format!("{{{{{a}#if flag{b}}}}}{then}");
                        if let Some(chained) = chained {
                            s.push_str(&format!("{{{{{a}else if (eq n 1){b}}}}}{chained}"));
                        }
                        if let Some(other) = otherwise {
                            s.push_str(&format!("{{{{{a}else{b}}}}}{other}"));
                        }
                        s.push_str(&format!("{{{{{a}/if{b}}}}}"));
                        s
                    }),
            ]
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 500, ..ProptestConfig::default() })]

        #[test]
        fn the_skeleton_compiles_to_the_same_template(source in template()) {
            let fast = compile(&source);
            let slow = Template::compile(&source);
            match (fast, slow) {
                (Ok(fast), Ok(slow)) => {
                    let fast_places = source_places(&fast.template, &fast.places, &source);
                    prop_assert_eq!(fast_places, source_places(&slow, &Places::default(), &source), "{:?}", source);
                    prop_assert_eq!(without_places(fast.template), without_places(slow), "{:?}", source);
                }
                (Err(fast), Err(slow)) => prop_assert_eq!(
                    source_offset_of_error(&fast.error, &fast.places, &source),
                    source_offset_of_error(&slow, &Places::default(), &source),
                    "{:?}", source
                ),
                (fast, slow) => prop_assert!(false, "{:?}: {:?} / {:?}", source, fast.is_ok(), slow.is_ok()),
            }
        }
    }
}
