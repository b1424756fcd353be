//! Options in words, for people: where an option sits ("Party 2 (Acme Ltd): Full legal
//! name") and text that mentions options by path made readable. Diagnostics and the
//! model's own descriptions mention options by path in backticks (`costs.shares`); the
//! drafting app, the JS API and the `<caucus-agreement>` element show them to mediators
//! and the public through these functions, so every shell names an option the same way.

use super::{Kind, option, root};
use serde_json::Value;

/// Where an option sits, in words, for a list of diagnostics: `parties.1.name` → "Party
/// 2 (Acme Ltd): Full legal name", `costs.shares.0` → "Costs: Each party's share (Acme
/// Ltd)". Items of a list are named by their `name` when they have one; `options` is the
/// options as a JSON value.
pub fn place(path: &str, options: &Value) -> String {
    if path.is_empty() {
        return "Options".to_owned();
    }
    let segments: Vec<&str> = path.split('.').collect();
    let mut parts: Vec<String> = Vec::new();
    let mut field: Option<String> = None;
    let mut node = root();
    let mut value = Some(options);
    let mut i = 0;
    while i < segments.len() {
        let segment = segments[i];
        let Some(next) = node.field(segment) else {
            // Something the model does not know: name it as written.
            field = Some(segments[i..].join("."));
            break;
        };
        value = value.and_then(|v| v.get(segment));
        if let (Kind::Map(_), Some(key)) = (&next.kind, segments.get(i + 1)) {
            field = Some(format!("{} ({key})", next.title));
            break;
        }
        let index = segments.get(i + 1).and_then(|s| s.parse::<usize>().ok());
        match (next.item(), index) {
            (Some(item), Some(n)) if next.is_list_of_tables() => {
                value = value.and_then(|v| v.get(n));
                parts.push(format!("{} {}{}", item.title, n + 1, item_name(value)));
                node = item;
                i += 2;
            }
            (Some(_), Some(n)) => {
                let whose = next
                    .one_per
                    .as_ref()
                    .and_then(|list| list.clone().index(n).key("name").get(options))
                    .and_then(Value::as_str)
                    .map(str::trim)
                    .filter(|name| !name.is_empty())
                    .map_or_else(|| format!("{}", n + 1), str::to_owned);
                field = Some(format!("{} ({whose})", next.title));
                break;
            }
            _ if next.is_leaf() => {
                field = Some(next.title.clone());
                break;
            }
            _ => {
                parts.push(next.title.clone());
                node = next;
                i += 1;
            }
        }
    }
    let mut out = parts.join(", ");
    if let Some(field) = field.filter(|f| parts.last() != Some(f)) {
        if !out.is_empty() {
            out.push_str(": ");
        }
        out.push_str(&field);
    }
    out
}

/// " (Acme Ltd)" for an item with a name, else nothing.
fn item_name(item: Option<&Value>) -> String {
    item.and_then(|v| v.get("name"))
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(|n| format!(" ({n})"))
        .unwrap_or_default()
}

/// `text` with each option path in backticks (`attendance.observers`) named as the form
/// names it, in quotation marks ("“Attendance: Observers”"), the items of lists by their
/// names in `options` (a JSON value; `Null` names them by number). Other text in
/// backticks (a clause's id, a value) keeps its words and loses its backticks.
pub fn in_words(text: &str, options: &Value) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut parts = text.split('`');
    if let Some(first) = parts.next() {
        out.push_str(first);
    }
    for (i, part) in parts.enumerate() {
        // Odd parts (here: even `i`) are inside backticks.
        let is_path = i % 2 == 0 && part.contains('.') && option(part).is_some();
        if is_path {
            out.push('“');
            out.push_str(&place(part, options));
            out.push('”');
        } else {
            out.push_str(part);
        }
    }
    out
}

/// A diagnostic's message or hint as a sentence for a reader: [`in_words`], with a
/// capital letter and a full stop.
///
/// Only an ASCII first letter is capitalised: diagnostics are caucus's own English text,
/// and Unicode's upper-case table would add about 7 KB to the gzipped WebAssembly module.
pub fn sentence(text: &str, options: &Value) -> String {
    let mut sentence = in_words(text, options);
    if let Some(first) = sentence.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    if !sentence.is_empty() && !sentence.ends_with(['.', '!', '?']) {
        sentence.push('.');
    }
    sentence
}
