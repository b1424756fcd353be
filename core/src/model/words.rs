//! Options in words, for people: where an option sits ("Party 2 (Acme Ltd): Full legal
//! name") and text that mentions options by path made readable. Diagnostics and the
//! model's own descriptions mention options by path in backticks (`costs.shares`); the
//! drafting app, the JS API, the `<caucus-agreement>` element and the WebAssembly
//! component show them to mediators and the public through these functions, so every
//! shell names an option the same way.

use super::{Kind, OptionPath, option, option_at, root};
use crate::options::Options;
use serde_json::Value;

/// The options as [`place`] and [`in_words`] should read them to name list items: in
/// full, with the defaults of what they leave out ("Party B"), when they are valid
/// options; as given when they are not, since they may be the options whose problems
/// are being named.
pub fn with_defaults(options: Value) -> Value {
    match Options::from_value(options.clone()) {
        Ok(full) => serde_json::to_value(full).unwrap_or(options),
        Err(_) => options,
    }
}

/// Item `index` (from 0) of a list counted from 1, as people count: never overflowing,
/// whatever index a path holds.
pub(crate) fn nth(index: usize) -> u128 {
    u128::try_from(index).map_or(u128::MAX, |i| i + 1)
}

/// An item's `name`, trimmed, when it has one.
fn name_of(item: Option<&Value>) -> Option<&str> {
    item.and_then(|v| v.get("name"))
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|n| !n.is_empty())
}

/// What a form calls item `index` of the list of tables at `list` (`parties`): its name
/// in `options` ("Acme Ltd"), or its kind and number ("Party 2") while it has none.
pub fn item_label(list: &OptionPath, index: usize, options: &Value) -> String {
    let item = list.clone().index(index);
    match name_of(item.get(options)) {
        Some(name) => name.to_owned(),
        None => {
            let title = option_at(&item).map_or("Item", |o| o.title.as_str());
            format!("{title} {}", nth(index))
        }
    }
}

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
                let named = name_of(value)
                    .map(|n| format!(" ({n})"))
                    .unwrap_or_default();
                parts.push(format!("{} {}{named}", item.title, nth(n)));
                node = item;
                i += 2;
            }
            (Some(_), Some(n)) => {
                let whose = next
                    .one_per
                    .as_ref()
                    .and_then(|list| name_of(list.clone().index(n).get(options)))
                    .map_or_else(|| nth(n).to_string(), str::to_owned);
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

/// `text` with each option path in backticks (`attendance.observers`) named as the form
/// names it, in quotation marks ("“Attendance: Observers”"), the items of lists by their
/// names in `options` (a JSON value, see [`with_defaults`]; `Null` names them by number).
/// Other text in backticks (a value, a clause's id) is quoted as it is: “sometimes”.
pub fn in_words(text: &str, options: &Value) -> String {
    let parts: Vec<&str> = text.split('`').collect();
    let mut out = String::with_capacity(text.len() + 16);
    for (i, part) in parts.iter().enumerate() {
        let inside = i % 2 == 1;
        if !inside {
            out.push_str(part);
        } else if i + 1 == parts.len() {
            // A backtick that no other closes: kept as written.
            out.push('`');
            out.push_str(part);
        } else {
            out.push('“');
            if part.contains('.') && option(part).is_some() {
                out.push_str(&place(part, options));
            } else {
                out.push_str(part);
            }
            out.push('”');
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
