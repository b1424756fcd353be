//! Finding where an option path (`parties.1.name`) is written in an options file, so that
//! an error about that option can name its line. Each function returns the byte offset of
//! the key (or of the list element), or `None` when the path is not written in the file.

use toml::de::{DeTable, DeValue};

/// TOML: exact, from the parser's spans.
pub fn toml(text: &str, path: &[&str]) -> Option<usize> {
    let root = DeTable::parse(text).ok()?;
    let mut table = root.get_ref();
    let mut value: Option<&DeValue<'_>> = None;
    let mut offset = None;
    for segment in path {
        match value {
            None => {}
            Some(DeValue::Table(t)) => table = t,
            Some(DeValue::Array(items)) => {
                let item = items.get(segment.parse::<usize>().ok()?)?;
                offset = Some(item.span().start);
                value = Some(item.get_ref());
                continue;
            }
            Some(_) => return None,
        }
        let (key, item) = table.iter().find(|(k, _)| k.get_ref() == segment)?;
        offset = Some(key.span().start);
        value = Some(item.get_ref());
    }
    offset
}

/// JSON: a small scanner that follows the path through the text.
pub fn json(text: &str, path: &[&str]) -> Option<usize> {
    let mut scan = JsonScan {
        bytes: text.as_bytes(),
        text,
        at: 0,
    };
    scan.find(path)
}

struct JsonScan<'a> {
    bytes: &'a [u8],
    text: &'a str,
    at: usize,
}

impl JsonScan<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    fn find(&mut self, path: &[&str]) -> Option<usize> {
        self.skip_ws();
        let Some((segment, rest)) = path.split_first() else {
            return Some(self.at);
        };
        match self.peek()? {
            b'{' => {
                self.at += 1;
                loop {
                    self.skip_ws();
                    if self.peek()? != b'"' {
                        return None;
                    }
                    let key_at = self.at;
                    let key = self.string()?;
                    self.skip_ws();
                    if self.peek()? != b':' {
                        return None;
                    }
                    self.at += 1;
                    if key == *segment {
                        return if rest.is_empty() {
                            Some(key_at)
                        } else {
                            self.find(rest)
                        };
                    }
                    self.skip_value()?;
                    self.skip_ws();
                    if self.peek()? != b',' {
                        return None;
                    }
                    self.at += 1;
                }
            }
            b'[' => {
                let wanted: usize = segment.parse().ok()?;
                self.at += 1;
                for _ in 0..wanted {
                    self.skip_ws();
                    self.skip_value()?;
                    self.skip_ws();
                    if self.peek()? != b',' {
                        return None;
                    }
                    self.at += 1;
                }
                self.find(rest)
            }
            _ => None,
        }
    }

    /// Reads a string token, unescaped.
    fn string(&mut self) -> Option<String> {
        let start = self.at;
        self.at += 1;
        loop {
            match self.peek()? {
                b'\\' => self.at += 2,
                b'"' => {
                    self.at += 1;
                    return serde_json::from_str(self.text.get(start..self.at)?).ok();
                }
                _ => self.at += 1,
            }
        }
    }

    fn skip_value(&mut self) -> Option<()> {
        self.skip_ws();
        match self.peek()? {
            b'"' => self.string().map(|_| ()),
            b'{' | b'[' => {
                let mut depth = 0usize;
                loop {
                    match self.peek()? {
                        b'"' => {
                            self.string()?;
                            continue;
                        }
                        b'{' | b'[' => depth += 1,
                        b'}' | b']' => {
                            depth -= 1;
                            if depth == 0 {
                                self.at += 1;
                                return Some(());
                            }
                        }
                        _ => {}
                    }
                    self.at += 1;
                }
            }
            _ => {
                while !matches!(
                    self.peek(),
                    None | Some(b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r')
                ) {
                    self.at += 1;
                }
                Some(())
            }
        }
    }
}

/// YAML: follows block indentation (`key:` lines and `- ` list items). Flow style
/// (`{a: 1}`) is not followed; the nearest enclosing key is found instead.
pub fn yaml(text: &str, path: &[&str]) -> Option<usize> {
    // (byte offset of the content, indentation, content) of each meaningful line.
    let mut lines: Vec<(usize, usize, &str)> = Vec::new();
    let mut offset = 0;
    for raw in text.split_inclusive('\n') {
        let line = raw.trim_end_matches(['\n', '\r']);
        let content = line.trim_start_matches(' ');
        let indent = line.len() - content.len();
        if !content.is_empty() && !content.starts_with('#') && content != "---" {
            lines.push((offset + indent, indent, content));
        }
        offset += raw.len();
    }
    let mut range = 0..lines.len();
    let mut parent: Option<usize> = None;
    let mut found = None;
    for segment in path {
        let block: Vec<usize> = range
            .clone()
            .filter(|&i| parent.is_none_or(|p| lines[i].1 > p))
            .collect();
        let indent = block.iter().map(|&i| lines[i].1).min()?;
        let at_indent: Vec<usize> = block
            .iter()
            .copied()
            .filter(|&i| lines[i].1 == indent)
            .collect();
        let first = *at_indent.first()?;
        let (index, child_indent) = if lines[first].2.starts_with('-') {
            let items: Vec<usize> = at_indent
                .into_iter()
                .filter(|&i| lines[i].2.starts_with('-'))
                .collect();
            let n: usize = segment.parse().ok()?;
            let item = *items.get(n)?;
            // The item's own content, after "- ", is the first line of a deeper block.
            let (line_offset, line_indent, content) = lines[item];
            let after = content[1..].trim_start_matches(' ');
            let shift = content.len() - after.len();
            lines[item] = (line_offset + shift, line_indent + shift, after);
            (item, line_indent)
        } else {
            let key = at_indent.into_iter().find(|&i| {
                let content = lines[i].2;
                let name = content
                    .strip_prefix(segment)
                    .or_else(|| {
                        content
                            .strip_prefix('"')
                            .and_then(|c| c.strip_prefix(segment))
                            .and_then(|c| c.strip_prefix('"'))
                    })
                    .or_else(|| {
                        content
                            .strip_prefix('\'')
                            .and_then(|c| c.strip_prefix(segment))
                            .and_then(|c| c.strip_prefix('\''))
                    });
                name.is_some_and(|rest| rest.trim_start().starts_with(':'))
            })?;
            (key, lines[key].1)
        };
        found = Some(lines[index].0);
        let end = (index + 1..range.end)
            .find(|&i| lines[i].1 <= child_indent)
            .unwrap_or(range.end);
        // A list item's key line stays in its block, the rest of its lines follow.
        range = if lines[index].1 > child_indent {
            index..end
        } else {
            index + 1..end
        };
        parent = Some(child_indent);
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line_of(text: &str, offset: Option<usize>) -> Option<usize> {
        offset.map(|o| text[..o].matches('\n').count() + 1)
    }

    #[test]
    fn toml_paths() {
        let text = "[case]\nreference = \"x\"\n\n[[parties]]\nname = \"A\"\n[[parties]]\nname = \"B\"\n\n[recording]\npolicy = \"often\"\n[costs]\nshares = [1, 2]\n";
        assert_eq!(
            line_of(text, toml(text, &["recording", "policy"])),
            Some(10)
        );
        assert_eq!(
            line_of(text, toml(text, &["parties", "1", "name"])),
            Some(7)
        );
        assert_eq!(
            line_of(text, toml(text, &["costs", "shares", "1"])),
            Some(12)
        );
        assert_eq!(toml(text, &["security"]), None);
    }

    #[test]
    fn json_paths() {
        let text = "{\n \"case\": {\"reference\": \"a\\\"b\"},\n \"parties\": [\n  {\"name\": \"A\"},\n  {\"name\": \"B\", \"role\": 5}\n ]\n}";
        assert_eq!(
            line_of(text, json(text, &["parties", "1", "role"])),
            Some(5)
        );
        assert_eq!(line_of(text, json(text, &["case", "reference"])), Some(2));
        assert_eq!(json(text, &["parties", "2"]), None);
    }

    #[test]
    fn yaml_paths() {
        let text = "case:\n  reference: x\nparties:\n  - name: A\n    role: Claimant\n  - name: B\n    role: 7\n# comment\nrecording:\n  policy: often\n";
        assert_eq!(
            line_of(text, yaml(text, &["recording", "policy"])),
            Some(10)
        );
        assert_eq!(
            line_of(text, yaml(text, &["parties", "1", "role"])),
            Some(7)
        );
        assert_eq!(
            line_of(text, yaml(text, &["parties", "1", "name"])),
            Some(6)
        );
        assert_eq!(line_of(text, yaml(text, &["parties", "0"])), Some(4));
        assert_eq!(yaml(text, &["costs"]), None);
    }
}
