//! A part of the form (a section, a list, an item of a list) and the store it is drawn
//! from, compared by what the part shows. The store changes with every keystroke; a part
//! whose options, drafts and messages did not change compares equal, so Yew does not draw
//! it again. With 8 parties of 3 attendees the form has hundreds of fields: drawing and
//! diffing all of them for each keystroke took a third of the keystroke's time.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::ops::Bound;
use std::rc::Rc;

use caucus_core::model::{self, OptionPath};
use caucus_core::options::Locale;
use serde_json::Value;

use super::Store;
use crate::state::{Draft, FieldMessage};

/// A part of the form at a concrete option path (`parties`, `parties.3`), with the store.
#[derive(Clone)]
pub struct Part {
    /// The store, to draw the part from and to dispatch to. It reads the current state,
    /// whichever render made the handle, so what the part shows is compared through the
    /// snapshot below.
    pub store: Store,
    /// Where the part is: it shows the options at and below this path.
    pub at: OptionPath,
    /// `at` as text, the prefix of the drafts and messages that belong to the part.
    text: Rc<str>,
    /// The options outside the part that it reads: the options its options' `x-shown-when`
    /// test, and the lists that they follow (`x-one-per`) or point into (`x-index-of`).
    reads: Rc<[OptionPath]>,
    /// What the part was drawn from (each is replaced, never changed, by the reducer).
    seen: Seen,
}

/// The parts of the state a part of the form shows, as they were when it was made.
#[derive(Clone)]
struct Seen {
    value: Rc<Value>,
    drafts: Rc<BTreeMap<String, Draft>>,
    messages: Rc<BTreeMap<String, FieldMessage>>,
    invalid: Rc<BTreeSet<String>>,
    /// Dates are shown in the style of the chosen locale.
    locale: Locale,
}

impl Part {
    pub fn new(store: &Store, at: OptionPath) -> Part {
        Part {
            seen: Seen {
                value: store.value.clone(),
                drafts: store.drafts.clone(),
                messages: store.messages.clone(),
                invalid: store.invalid.clone(),
                locale: store.options.case.locale,
            },
            store: store.clone(),
            text: Rc::from(at.to_string()),
            reads: reads(&at),
            at,
        }
    }

    /// The part at `at` drawn from the same store.
    pub fn at(&self, at: OptionPath) -> Part {
        Part::new(&self.store, at)
    }
}

impl PartialEq for Part {
    fn eq(&self, other: &Part) -> bool {
        let (a, b) = (&self.seen, &other.seen);
        self.at == other.at
            && a.locale == b.locale
            && (Rc::ptr_eq(&a.value, &b.value)
                || (self.at.get(&a.value) == self.at.get(&b.value)
                    && self
                        .reads
                        .iter()
                        .all(|p| p.get(&a.value) == p.get(&b.value))))
            && same_under(&a.drafts, &b.drafts, &self.text)
            && same_under(&a.messages, &b.messages, &self.text)
            && same_keys_under(&a.invalid, &b.invalid, &self.text)
    }
}

/// The entries of a map by option path at or below `prefix`. Paths below `parties.1`
/// sort from `parties.1` on, before any that does not start with it.
fn entries_under<'m, V>(
    map: &'m BTreeMap<String, V>,
    prefix: &'m str,
) -> impl Iterator<Item = (&'m String, &'m V)> {
    map.range::<str, _>((Bound::Included(prefix), Bound::Unbounded))
        .take_while(move |(k, _)| k.starts_with(prefix))
        .filter(move |(k, _)| model::is_under(k, prefix))
}

fn same_under<V: PartialEq>(
    a: &BTreeMap<String, V>,
    b: &BTreeMap<String, V>,
    prefix: &str,
) -> bool {
    std::ptr::eq(a, b) || entries_under(a, prefix).eq(entries_under(b, prefix))
}

fn same_keys_under(a: &BTreeSet<String>, b: &BTreeSet<String>, prefix: &str) -> bool {
    let under = |set: &BTreeSet<String>| {
        set.range::<str, _>((Bound::Included(prefix), Bound::Unbounded))
            .take_while(|k| k.starts_with(prefix))
            .filter(|k| model::is_under(k, prefix))
            .cloned()
            .collect::<Vec<_>>()
    };
    std::ptr::eq(a, b) || under(a) == under(b)
}

thread_local! {
    /// [`reads`] by the pattern of the path: the model never changes.
    static READS: RefCell<HashMap<OptionPath, Rc<[OptionPath]>>> = RefCell::default();
}

/// The options outside `at` that the options at and below it depend on (see [`Part`]),
/// as the model gives them ([`model::depends_on`]), remembered by the pattern of `at`.
fn reads(at: &OptionPath) -> Rc<[OptionPath]> {
    let pattern = at.pattern();
    if let Some(known) = READS.with(|r| r.borrow().get(&pattern).cloned()) {
        return known;
    }
    let found: Rc<[OptionPath]> = model::depends_on(&pattern).into();
    READS.with(|r| r.borrow_mut().insert(pattern, found.clone()));
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drafts_and_messages_belong_to_the_part_at_or_above_their_path() {
        let map: BTreeMap<String, u8> = [
            ("parties.0.name", 0),
            ("parties.1", 1),
            ("parties.1.attendees.0.name", 2),
            ("parties.10.name", 3),
            ("parties.1x", 4),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect();
        let under: Vec<u8> = entries_under(&map, "parties.1").map(|(_, v)| *v).collect();
        assert_eq!(under, vec![1, 2]);
        assert_eq!(entries_under(&map, "").count(), 5);
    }
}
