//! How deeply YAML text nests, found in one pass before the YAML parser sees it.
//!
//! The YAML parser takes time quadratic in the nesting (100,000 levels, a 200 KB file,
//! took 40–59 s) where serde_json and toml stop at a recursion limit at once. Options
//! nest a few levels; [`first_too_deep`] finds the first place deeper than a limit,
//! reading each character once.
//!
//! It counts what makes YAML nest: block indentation (each indentation deeper than the
//! enclosing ones is a level), compact sequence entries on one line (`- - - x`), and flow
//! collections (`[`, `{`), which may span lines. It skips comments, quoted scalars
//! (which may span lines) and block scalars (`|`, `>`), whose text is not structure. It
//! may count a plain scalar's continuation line as structure, which only matters for text
//! that reads as dozens of levels: such a file is refused, never one that nests less.

/// The line and column (1-based, in characters) of the first place nested deeper than
/// `max`, or `None`.
pub fn first_too_deep(text: &str, max: usize) -> Option<(usize, usize)> {
    let mut scan = Scan::default();
    for (index, line) in text.split('\n').enumerate() {
        if let Some(column) = scan.line(line.strip_suffix('\r').unwrap_or(line), max) {
            return Some((index + 1, column));
        }
    }
    None
}

#[derive(Default)]
struct Scan {
    /// The indentation of each enclosing block level.
    indents: Vec<usize>,
    /// How many flow collections (`[`, `{`) are open.
    flow: usize,
    /// Inside a quoted scalar that goes on to the next line: its quote.
    quote: Option<char>,
    /// Inside a block scalar: lines indented more than this are its text.
    block_scalar: Option<usize>,
    /// The block depth of the line that opened the flow collections.
    flow_base: usize,
}

impl Scan {
    /// Reads one line; the column of a place deeper than `max`, if any.
    fn line(&mut self, line: &str, max: usize) -> Option<usize> {
        let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
        let rest = &line[indent..];
        if let Some(parent) = self.block_scalar {
            if rest.is_empty() || indent > parent {
                return None;
            }
            self.block_scalar = None;
        }
        if self.quote.is_some() || self.flow > 0 {
            return self.inline(line, 0, self.flow_base, max);
        }
        if rest.is_empty() || rest.starts_with('#') {
            return None;
        }
        if rest.starts_with("---") || rest.starts_with("...") {
            self.indents.clear();
        }
        while self.indents.last().is_some_and(|&top| top >= indent) {
            self.indents.pop();
        }
        self.indents.push(indent);
        // Compact entries: each `- ` (or `? `) on the line opens one more level.
        let mut depth = self.indents.len();
        let mut at = indent;
        loop {
            let tail = &line[at..];
            let marker = tail.starts_with("- ") || tail.starts_with("? ") || tail == "-";
            if !marker {
                break;
            }
            depth += 1;
            at += 1 + (tail.len() - 1 - tail[1..].trim_start().len());
        }
        if depth > max {
            return Some(column(line, at));
        }
        self.flow_base = depth;
        self.inline(line, at, depth, max)
    }

    /// Reads the rest of a line from byte `from`: the value after a key, quotes, flow
    /// collections and comments.
    fn inline(&mut self, line: &str, from: usize, base: usize, max: usize) -> Option<usize> {
        let mut value_start = self.flow == 0 && self.quote.is_none();
        let mut previous = ' ';
        let mut chars = line[from..].char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            let at = from + i;
            if let Some(quote) = self.quote {
                if c == '\\' && quote == '"' {
                    chars.next();
                } else if c == quote {
                    // '' inside a single-quoted scalar is a quote, not its end.
                    if quote == '\'' && chars.peek().is_some_and(|&(_, n)| n == '\'') {
                        chars.next();
                    } else {
                        self.quote = None;
                    }
                }
                previous = c;
                continue;
            }
            if c == '#' && previous.is_whitespace() {
                return None;
            }
            if self.flow == 0 && !value_start {
                // Block context, inside a plain scalar or a key: only `key: ` starts a value.
                if c == ':' && chars.peek().is_none_or(|&(_, n)| n == ' ' || n == '\t') {
                    value_start = true;
                }
                previous = c;
                continue;
            }
            match c {
                ' ' | '\t' => {}
                '"' | '\''
                    if value_start || previous.is_whitespace() || "[{,:".contains(previous) =>
                {
                    self.quote = Some(c);
                    value_start = false;
                }
                '[' | '{' => {
                    self.flow += 1;
                    if base + self.flow > max {
                        return Some(column(line, at));
                    }
                    value_start = false;
                }
                ']' | '}' => {
                    self.flow = self.flow.saturating_sub(1);
                    value_start = false;
                }
                '|' | '>' if value_start && self.flow == 0 => {
                    // A block scalar: the lines indented more than this one are its text.
                    let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
                    self.block_scalar = Some(indent);
                    return None;
                }
                '&' | '!' if value_start => {
                    // An anchor or a tag before the value: skip the word.
                    while chars.peek().is_some_and(|&(_, n)| n != ' ' && n != '\t') {
                        chars.next();
                    }
                }
                _ => value_start = false,
            }
            previous = c;
        }
        None
    }
}

/// The 1-based column, in characters, of a byte offset in `line`.
fn column(line: &str, at: usize) -> usize {
    line[..at.min(line.len())].chars().count() + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_nest_a_few_levels() {
        let text = "case:\n  reference: \"R [1] {x}\"\nparties:\n  - name: A\n    attendees:\n      - { name: \"B\", capacity: lawyer }\n  - name: 'C''s [ ['\n";
        // The top-level table, the parties, a party, its attendees, an attendee.
        assert_eq!(first_too_deep(text, 6), None);
        assert_eq!(first_too_deep(text, 5), Some((6, 9)));
    }

    #[test]
    fn every_kind_of_nesting_is_counted() {
        let blocks: String = (0..100)
            .map(|i| format!("{}a{i}:\n", " ".repeat(i)))
            .collect();
        assert_eq!(first_too_deep(&blocks, 64), Some((65, 65)));
        let dashes = format!("x: 1\ny:\n{}z\n", "- ".repeat(100));
        assert_eq!(first_too_deep(&dashes, 64).map(|(l, _)| l), Some(3));
        let flow = format!("a: {}{}\n", "[".repeat(100), "]".repeat(100));
        assert_eq!(first_too_deep(&flow, 64), Some((1, 67)));
        let spread = format!("a:\n{}\n", "[\n".repeat(100));
        assert!(first_too_deep(&spread, 64).is_some());
    }

    #[test]
    fn text_is_not_structure() {
        let deep = "[".repeat(100);
        for text in [
            format!("a: \"{deep}\"\n"),
            format!("a: '{deep}'\n"),
            format!("a: \"x\n  {deep}\"\n"),
            format!("a: |\n  {deep}\n  - - - -\nb: 1\n"),
            format!("a: x{deep}\n"),
            format!("a: 1 # {deep}\n"),
            format!("# {deep}\n"),
        ] {
            assert_eq!(first_too_deep(&text, 64), None, "{text}");
        }
    }

    #[test]
    fn a_million_levels_are_found_in_one_pass() {
        let text = format!("a: {}\n", "[".repeat(1_000_000));
        assert_eq!(first_too_deep(&text, 64), Some((1, 67)));
        let text: String = (0..100_000)
            .map(|i| format!("{}k:\n", " ".repeat(i % 200)))
            .collect();
        assert!(first_too_deep(&text, 64).is_some());
    }
}
