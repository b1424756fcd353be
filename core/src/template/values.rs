//! Numbers for the values templates read: equal values, equal numbers.
//!
//! A memo (`memo.rs`) gives back a rendering when the values its template reads are
//! those it was rendered with. Comparing the values themselves meant looking each one up
//! in the data, hashing it and comparing it with every kept rendering's copy, for every
//! template: in a batch, whose every case has new versions of most values, that was a
//! fifth of a case's instructions. Here a value is looked up and hashed once for each
//! path and version (`Data::read` keeps its number) and given the number it was given
//! before; the memos compare numbers.
//!
//! A number is never given to two different values: numbers are not reused, and a value
//! gets an existing number only when it is equal to the value kept with it. Each path
//! keeps its last [`KEPT`] values; a value seen again after it was let go gets a new
//! number, which only means a rendering made anew.

use super::render::fingerprint;
use serde_json::Value;
use std::collections::VecDeque;
use std::sync::Mutex;

/// The number of a path's value that is absent: the same for every path.
pub const ABSENT: u64 = 0;

/// How many values each path keeps with their numbers: more than the combinations of
/// choices a batch cycles through (its bench's cases go through 12), so that they keep
/// their numbers while each case brings new names.
const KEPT: usize = 32;

/// A value with its number.
struct Numbered {
    fingerprint: u64,
    value: Value,
    number: u64,
}

/// The values recently numbered, by the place of the path they were read at
/// (`render.rs`'s `slot`).
static VALUES: Mutex<Vec<VecDeque<Numbered>>> = Mutex::new(Vec::new());

/// The number of `value`, read at the path whose place is `slot`: the number it had if
/// the path kept it, else a new one.
pub fn number(slot: usize, value: Option<&Value>) -> u64 {
    let Some(value) = value else {
        return ABSENT;
    };
    let print = fingerprint(value);
    // A poisoned lock means a panic elsewhere while it was held; the numbers it holds
    // are each still the number of their value, so they are used as they are.
    let mut values = VALUES
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if values.len() <= slot {
        values.resize_with(slot + 1, VecDeque::new);
    }
    let kept = &mut values[slot];
    if let Some(found) = kept
        .iter()
        .rev()
        .find(|n| n.fingerprint == print && n.value == *value)
    {
        return found.number;
    }
    let number = super::render::new_version();
    if kept.len() == KEPT {
        kept.pop_front();
    }
    kept.push_back(Numbered {
        fingerprint: print,
        value: value.clone(),
        number,
    });
    number
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// The place of a path that no template reads.
    fn place(name: &str) -> usize {
        super::super::render::slot(&vec![format!("values test: {name}")])
    }

    #[test]
    fn equal_values_have_equal_numbers_and_different_values_different_ones() {
        let key = place("equal and different");
        let first = number(key, Some(&json!({"name": "Acme"})));
        assert_ne!(first, ABSENT);
        assert_eq!(number(key, Some(&json!({"name": "Acme"}))), first);
        let other = number(key, Some(&json!({"name": "Beta"})));
        assert_ne!(other, first);
        assert_eq!(number(key, None), ABSENT);
        // Another path numbers the same value apart, never with a number given to another value.
        let elsewhere = number(place("elsewhere"), Some(&json!({"name": "Beta"})));
        assert_ne!(elsewhere, first);
    }

    /// A value let go is numbered anew when it comes back: a number is never reused, so
    /// a rendering kept under the old number cannot be given for another value.
    #[test]
    fn a_path_keeps_its_last_values() {
        let key = place("kept");
        let numbers: Vec<u64> = (0..KEPT)
            .map(|n| number(key, Some(&json!(format!("party {n}")))))
            .collect();
        assert_eq!(number(key, Some(&json!("party 0"))), numbers[0]);
        number(key, Some(&json!("one more")));
        let again = number(key, Some(&json!("party 0")));
        assert_ne!(again, numbers[0], "let go, then numbered anew");
        assert!(!numbers.contains(&again));
        assert_eq!(number(key, Some(&json!("party 2"))), numbers[2]);
    }
}
