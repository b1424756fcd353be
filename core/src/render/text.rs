//! Plain text, for email bodies and clipboards: no Markdown left, wrapped at 78 columns.

use super::ListStyle;
use super::blocks::{self, Block};
use crate::document::Document;

/// The wrap width: 78 columns leaves room for the `> ` of a reply in an 80-column mail
/// reader.
const WIDTH: usize = 78;

/// Appends `text` wrapped at [`WIDTH`]: the first line starts with `first`, the others
/// with `rest`. Breaks only at ASCII spaces and tabs (a no-break space keeps "clause 6"
/// together); a word longer than the line stays whole. Newlines in `text` are hard breaks.
fn wrap(text: &str, first: &str, rest: &str, out: &mut Vec<String>) {
    let mut prefix = first;
    for segment in text.split('\n') {
        let mut line = String::from(prefix);
        let mut width = prefix.chars().count();
        let mut empty = true;
        for word in segment.split([' ', '\t']).filter(|w| !w.is_empty()) {
            let len = word.chars().count();
            if !empty && width + 1 + len > WIDTH {
                let full = std::mem::replace(&mut line, String::from(rest));
                out.push(full.trim_end().to_owned());
                width = rest.chars().count();
                empty = true;
            }
            if !empty {
                line.push(' ');
                width += 1;
            }
            line.push_str(word);
            width += len;
            empty = false;
        }
        let trimmed = line.trim_end().len();
        line.truncate(trimmed);
        out.push(line);
        prefix = rest;
    }
}

/// Appends a sequence of blocks; blank lines between them unless `tight` (the blocks of
/// an item in a tight list).
fn push_blocks(
    blocks: &[Block],
    first: &str,
    rest: &str,
    depth: usize,
    tight: bool,
    out: &mut Vec<String>,
) {
    for (i, block) in blocks.iter().enumerate() {
        if i > 0 && !tight {
            out.push(String::new());
        }
        push_block(block, if i == 0 { first } else { rest }, rest, depth, out);
    }
}

fn push_block(block: &Block, first: &str, rest: &str, depth: usize, out: &mut Vec<String>) {
    match block {
        Block::Paragraph(inlines) | Block::Heading(_, inlines) => {
            wrap(&blocks::plain(inlines), first, rest, out)
        }
        Block::Quote(inner) => {
            let first = format!("{first}    ");
            let rest = format!("{rest}    ");
            push_blocks(inner, &first, &rest, depth, false, out);
        }
        Block::Code(lines) => {
            for (i, line) in lines.iter().enumerate() {
                let prefix = if i == 0 { first } else { rest };
                out.push(format!("{prefix}    {line}").trim_end().to_owned());
            }
        }
        Block::Rule => out.push(format!("{first}* * *")),
        Block::List(list) => {
            for (j, item) in list.items.iter().enumerate() {
                if j > 0 && !list.tight {
                    out.push(String::new());
                }
                let label = match list.start {
                    Some(start) => ListStyle::at_depth(depth).label(start + j as u64),
                    None => String::from("-"),
                };
                let prefix = if j == 0 { first } else { rest };
                let item_first = format!("{prefix}{label} ");
                let item_rest = format!("{rest}{}", " ".repeat(label.chars().count() + 1));
                if item.is_empty() {
                    out.push(item_first.trim_end().to_owned());
                } else {
                    push_blocks(item, &item_first, &item_rest, depth + 1, list.tight, out);
                }
            }
        }
    }
}

impl Document {
    /// The document as plain text: the title underlined with `=`, headings such as
    /// `6. Recording`, bodies without Markdown (lettered sub-paragraphs as `(a) ...`,
    /// bullets as `- ...`), blank lines between paragraphs, wrapped at 78 columns, exactly
    /// one newline at the end.
    pub fn to_text(&self) -> String {
        let mut lines: Vec<String> = Vec::new();
        let title = self.title.split_whitespace().collect::<Vec<_>>().join(" ");
        wrap(&title, "", "", &mut lines);
        let underline = lines
            .iter()
            .map(|l| l.chars().count())
            .max()
            .unwrap_or(0)
            .max(1);
        lines.push("=".repeat(underline));
        for clause in &self.clauses {
            let title = clause
                .title
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            let heading = match clause.number {
                Some(n) => Some((format!("{n}. {title}"), n.to_string().len() + 2)),
                None if !title.is_empty() => Some((title, 0)),
                None => None,
            };
            if let Some((heading, hang)) = heading {
                lines.push(String::new());
                wrap(heading.trim_end(), "", &" ".repeat(hang), &mut lines);
            }
            let body = blocks::parse(clause.body.trim());
            if !body.is_empty() {
                lines.push(String::new());
                push_blocks(&body, "", "", 0, false, &mut lines);
            }
        }
        // One blank line at most between blocks, none at the end, whatever the body.
        let mut out = String::with_capacity(lines.iter().map(|l| l.len() + 1).sum());
        let mut blank = false;
        for line in &lines {
            if line.is_empty() {
                blank = true;
                continue;
            }
            if blank {
                out.push('\n');
                blank = false;
            }
            out.push_str(line);
            out.push('\n');
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_at_78_with_hanging_indent() {
        let text = "word ".repeat(40);
        let mut lines = Vec::new();
        wrap(&text, "(a) ", "    ", &mut lines);
        assert!(lines.iter().all(|l| l.chars().count() <= WIDTH));
        assert!(lines[0].starts_with("(a) word"));
        assert!(lines[1].starts_with("    word"));
    }

    #[test]
    fn a_long_word_stays_whole() {
        let url = format!("https://example.org/{}", "x".repeat(90));
        let mut lines = Vec::new();
        wrap(&format!("see {url} now"), "", "", &mut lines);
        assert_eq!(lines, vec!["see".to_owned(), url, "now".to_owned()]);
    }
}
