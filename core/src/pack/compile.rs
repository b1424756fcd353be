//! Compiling templates fast.
//!
//! handlebars' parser (pest) spends most of its time on plain text, character by
//! character, and clause bodies are mostly plain text: compiling the built-in pack took
//! about four-fifths of the time to load it. So before parsing we replace the inner lines
//! of each long run of plain text with a short marker, parse that skeleton, and put the
//! text back into the parsed template.
//!
//! handlebars decides from the text next to a block tag whether the tag stands alone on
//! its line (and then removes that line's whitespace and newline). So the skeleton keeps
//! every newline at the edges of a run of text, all whitespace at the edges of its first
//! and last line, and whether those lines are blank; only the text between is replaced.
//! A replaced piece never touches a tag, so it always ends up whole inside one
//! `RawString`.
//!
//! Positions in a skeleton are not those of the source, so a template with any problem is
//! compiled again from its source, for exact lines and columns. Templates that use
//! anything whose meaning depends on the text around a tag (whitespace control `~`,
//! escaped `\{{`, comments, raw blocks) are always compiled from their source.

use handlebars::Template;
use handlebars::template::TemplateElement;

const MARK_OPEN: char = '\u{E000}';
const MARK_CLOSE: char = '\u{E001}';

/// The source with the inner lines of each run of text replaced by markers, and the text
/// each marker stands for; `None` when the source must be parsed as it is.
pub(super) fn skeleton(source: &str) -> Option<(String, Vec<&str>)> {
    let unsafe_for_skeleton = source.contains('~')
        || source.contains("\\{{")
        || source.contains("{{!")
        || source.contains("{{{")
        || source.contains(MARK_OPEN)
        || source.contains(MARK_CLOSE);
    if unsafe_for_skeleton {
        return None;
    }
    let mut out = String::with_capacity(source.len() / 4);
    let mut middles = Vec::new();
    let mut pos = 0;
    loop {
        let (raw, next_tag) = match source[pos..].find("{{") {
            Some(i) => (&source[pos..pos + i], Some(pos + i)),
            None => (&source[pos..], None),
        };
        push_run(raw, &mut out, &mut middles);
        let Some(start) = next_tag else { break };
        let end = source[start..].find("}}").map(|i| start + i + 2)?;
        out.push_str(&source[start..end]);
        pos = end;
    }
    Some((out, middles))
}

/// Writes a run of text into the skeleton: the inner lines become one marker, and on its
/// first and last line the text between the leading and trailing whitespace becomes a
/// marker too. Whether each of those lines is blank, and all whitespace at the edges, stay
/// as they were: that is all handlebars looks at around a tag.
fn push_run<'a>(raw: &'a str, out: &mut String, middles: &mut Vec<&'a str>) {
    match (raw.find('\n'), raw.rfind('\n')) {
        (Some(first), Some(last)) => {
            push_line(&raw[..first], out, middles);
            out.push('\n');
            if last > first {
                let middle = &raw[first + 1..last];
                if !middle.is_empty() {
                    push_mark(middle, out, middles);
                }
                out.push('\n');
            }
            push_line(&raw[last + 1..], out, middles);
        }
        _ => push_line(raw, out, middles),
    }
}

fn push_line<'a>(line: &'a str, out: &mut String, middles: &mut Vec<&'a str>) {
    let core = line.trim();
    if core.len() < 8 {
        out.push_str(line);
        return;
    }
    let start = line.len() - line.trim_start().len();
    out.push_str(&line[..start]);
    push_mark(core, out, middles);
    out.push_str(&line[start + core.len()..]);
}

fn push_mark<'a>(text: &'a str, out: &mut String, middles: &mut Vec<&'a str>) {
    out.push(MARK_OPEN);
    out.push_str(&middles.len().to_string());
    out.push(MARK_CLOSE);
    middles.push(text);
}

/// Puts the replaced text back into a template parsed from a skeleton. Returns false if
/// some marker was not found where expected (then the caller parses the source instead).
pub(super) fn restore(template: &mut Template, middles: &[&str]) -> bool {
    let mut restored = 0;
    restore_in(template, middles, &mut restored);
    restored == middles.len()
}

fn restore_in(template: &mut Template, middles: &[&str], restored: &mut usize) {
    for element in &mut template.elements {
        match element {
            TemplateElement::RawString(text) if text.contains(MARK_OPEN) => {
                *text = fill(text, middles, restored);
            }
            TemplateElement::HelperBlock(h) => {
                if let Some(t) = &mut h.template {
                    restore_in(t, middles, restored);
                }
                if let Some(t) = &mut h.inverse {
                    restore_in(t, middles, restored);
                }
            }
            _ => {}
        }
    }
}

fn fill(text: &str, middles: &[&str], restored: &mut usize) -> String {
    let mut out = String::with_capacity(text.len() + 256);
    let mut rest = text;
    while let Some(open) = rest.find(MARK_OPEN) {
        out.push_str(&rest[..open]);
        let after = &rest[open + MARK_OPEN.len_utf8()..];
        let Some(close) = after.find(MARK_CLOSE) else {
            out.push_str(&rest[open..]);
            return out;
        };
        match after[..close]
            .parse::<usize>()
            .ok()
            .and_then(|i| middles.get(i))
        {
            Some(middle) => {
                out.push_str(middle);
                *restored += 1;
            }
            None => out.push_str(&rest[open..open + MARK_OPEN.len_utf8() + close + 1]),
        }
        rest = &after[close + MARK_CLOSE.len_utf8()..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The template without its positions, which differ by design.
    fn shape(mut t: Template) -> Template {
        fn strip(t: &mut Template) {
            t.mapping.clear();
            for e in &mut t.elements {
                if let TemplateElement::HelperBlock(h) = e {
                    if let Some(t) = &mut h.template {
                        strip(t);
                    }
                    if let Some(t) = &mut h.inverse {
                        strip(t);
                    }
                }
            }
        }
        strip(&mut t);
        t
    }

    fn fast(source: &str) -> Option<Template> {
        let (skeleton, middles) = skeleton(source)?;
        let mut t = Template::compile(&skeleton).ok()?;
        restore(&mut t, &middles).then_some(t)
    }

    #[test]
    fn every_built_in_template_compiles_the_same_either_way() {
        let mut compared = 0;
        for (path, text) in crate::pack::Pack::builtin_files() {
            if !path.ends_with(".md") {
                continue;
            }
            let body = text.splitn(3, "+++\n").nth(2).unwrap_or_default().trim();
            let slow = Template::compile(body).expect("the built-in templates compile");
            if let Some(fast) = fast(body) {
                assert_eq!(shape(fast), shape(slow), "{path}");
                compared += 1;
            }
        }
        assert!(
            compared > 50,
            "only {compared} templates took the fast path"
        );
    }

    #[test]
    fn standalone_block_lines_are_removed_the_same_way() {
        let source = "First line.\nSecond line.\n\n{{#if a}}\nInner one.\nInner two.\n\nInner three.\n{{else}}\nOther.\n{{/if}}\nLast line.\nAnd more.\n\nEnd.";
        let slow = Template::compile(source).expect("compiles");
        assert_eq!(shape(fast(source).expect("fast path")), shape(slow));
    }

    #[test]
    fn sources_whose_text_matters_around_tags_are_not_skeletonised() {
        assert!(skeleton("a\nb\nc {{~x}}").is_none());
        assert!(skeleton("a\nb\nc \\{{x}}").is_none());
        assert!(skeleton("a\n{{! note }}\nb\nc").is_none());
    }
}
