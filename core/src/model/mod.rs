//! The options model as every shell sees it: option paths, what each option is (its kind,
//! title, description and choices, from the embedded JSON Schema), and the edits that
//! keep options that depend on each other aligned.
//!
//! The CLI's CSV columns and `caucus init`, the JS API and the drafting app's form all
//! ask this module rather than reading the schema themselves, so an option added to
//! `options.rs` reaches every one of them with its name and help. The model is read from
//! the schema once, on first use.

pub mod draft;
mod edit;
mod info;
#[cfg(test)]
pub(crate) mod order;
mod path;
mod words;

pub use info::{Choice, Kind, OptionInfo};
pub use path::{OptionPath, PathError, Segment, SetError, is_under, lookup, lookup_keys};
pub use words::{in_words, item_label, place, sentence, with_defaults};

use std::sync::OnceLock;

/// The options as a whole: a table whose fields are the groups (`case`, `parties`, ...).
pub fn root() -> &'static OptionInfo {
    static MODEL: OnceLock<OptionInfo> = OnceLock::new();
    MODEL.get_or_init(|| info::build(&crate::schema::schema()))
}

/// The groups of options, in the order `options.rs` declares them.
pub fn groups() -> &'static [OptionInfo] {
    root().fields()
}

/// The option at a path, concrete (`parties.1.name`) or a pattern (`parties.*.name`);
/// `None` when the model has no such option.
pub fn option(path: &str) -> Option<&'static OptionInfo> {
    if path.is_empty() {
        return Some(root());
    }
    path.split('.')
        .try_fold(root(), |node, segment| match &node.kind {
            Kind::Table(_) => node.field(segment),
            Kind::List(item) if segment == "*" || segment.bytes().all(|b| b.is_ascii_digit()) => {
                Some(&**item)
            }
            Kind::Map(item) => Some(&**item),
            _ => None,
        })
}

/// The options outside `at` that the options at and below it depend on: those their
/// `x-shown-when` conditions test, and the lists they follow (`x-one-per`, `x-index-of`).
/// `at` may be concrete or a pattern; a dependency inside a list (`parties.*.name`) is
/// given as its list (`parties`). A form draws a part again when one of these changes.
pub fn depends_on(at: &OptionPath) -> Vec<OptionPath> {
    let mut found: Vec<OptionPath> = Vec::new();
    let Some(node) = option_at(&at.pattern()) else {
        return found;
    };
    for option in node.walk() {
        let tested = option
            .shown_when
            .iter()
            .flat_map(|c| c.paths())
            .filter_map(|p| OptionPath::parse(p).ok());
        let lists = option.one_per.iter().chain(&option.index_of).cloned();
        for path in tested.chain(lists) {
            let path = path.before_any();
            if !found.contains(&path) {
                found.push(path);
            }
        }
    }
    found
}

/// The option at a parsed path.
pub fn option_at(path: &OptionPath) -> Option<&'static OptionInfo> {
    path.segments()
        .iter()
        .try_fold(root(), |node, segment| match (segment, &node.kind) {
            (Segment::Key(key), Kind::Table(_)) => node.field(key),
            (Segment::Index(_) | Segment::Any, Kind::List(item)) => Some(&**item),
            (Segment::Key(_) | Segment::Any, Kind::Map(item)) => Some(&**item),
            _ => None,
        })
}

/// Every option that holds a value of its own, in declaration order: what a form shows,
/// what a CSV column may set and what `caucus init` documents. Fields of list items are
/// given as patterns (`parties.*.name`).
pub fn leaves() -> impl Iterator<Item = &'static OptionInfo> {
    fn collect(node: &'static OptionInfo, out: &mut Vec<&'static OptionInfo>) {
        match (&node.kind, node.is_leaf()) {
            (_, true) => out.push(node),
            (Kind::Table(fields), _) => fields.iter().for_each(|f| collect(f, out)),
            (Kind::List(item), _) => collect(item, out),
            _ => {}
        }
    }
    let mut out = Vec::new();
    collect(root(), &mut out);
    out.into_iter()
}

/// The option nearest to a path the model does not know ("did you mean"): a few letters
/// apart, with the positions the path gave. `None` when nothing is close.
pub fn suggest(path: &str) -> Option<OptionPath> {
    let wrong: Vec<&str> = path.split('.').collect();
    let indices: Vec<usize> = wrong.iter().filter_map(|s| s.parse().ok()).collect();
    let pattern: String = wrong
        .iter()
        .map(|s| {
            if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) {
                "*"
            } else {
                s
            }
        })
        .collect::<Vec<_>>()
        .join(".");
    root()
        .walk()
        .into_iter()
        .filter(|o| !o.path.is_root())
        .map(|o| (distance(&o.path.to_string(), &pattern), &o.path))
        .filter(|(d, _)| *d <= 3)
        .min_by_key(|(d, _)| *d)
        .map(|(_, p)| p.instantiate(&indices))
}

/// Levenshtein distance, for suggestions.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let current = row[j + 1];
            row[j + 1] = (previous + usize::from(ca != *cb))
                .min(row[j] + 1)
                .min(row[j + 1] + 1);
            previous = current;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests;
