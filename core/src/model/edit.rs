//! Edits that keep dependent options aligned, for tools that change options one step at
//! a time (the drafting app's form).
//!
//! Lists of tables (parties, a party's attendees) gain, lose and reorder items. The model
//! says which options follow a list (`x-one-per`: the cost shares, one per party) and
//! which point into one (`x-index-of`: the requesting party), and every list edit keeps
//! them with the same items. Setting one share gives every party a share, and choosing
//! stated shares starts from equal ones.

use super::info::{Kind, OptionInfo};
use super::path::OptionPath;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::options::{CostAllocation, Options};
use serde_json::{Map, Value};

impl Options {
    /// The options with the value at `path` replaced by `value` (as JSON), checked as a
    /// whole; the diagnostics name what is wrong. Setting an item of a list that follows
    /// another (a party's share) first gives every item of that list one (0 where
    /// missing), and switching to stated shares starts from equal shares when the shares
    /// do not fit the parties.
    pub fn with(&self, path: &OptionPath, value: Value) -> Result<Options, Diagnostics> {
        let mut json = self.to_json();
        if let Some(list) = path.parent()
            && let Some(follows) = super::option_at(&list).and_then(|o| o.one_per.as_ref())
        {
            let wanted = follows
                .get(&json)
                .and_then(Value::as_array)
                .map_or(0, Vec::len);
            if let Some(Value::Array(items)) = list.get_mut(&mut json)
                && items.len() < wanted
            {
                let filler = super::option_at(&list)
                    .and_then(OptionInfo::item)
                    .map_or(Value::Null, blank);
                items.resize(wanted, filler);
            }
        }
        path.set(&mut json, value)
            .map_err(|e| invalid(path, e.to_string()))?;
        let mut options = Options::from_value(json)?;
        if options.costs.allocation != self.costs.allocation {
            options.prefill_shares();
        }
        Ok(options)
    }

    /// The options with a new item (its defaults) at the end of the list of tables at
    /// `list` (`parties`, `parties.1.attendees`), and its position. Each list that
    /// follows it one item per item gets a blank item too, if it was complete.
    pub fn with_item_added(&self, list: &OptionPath) -> Result<(Options, usize), Diagnostics> {
        let mut json = self.to_json();
        let length = items(&mut json, list)?.len();
        for follower in followers(list) {
            if let Some(Value::Array(follow)) = follower.path.get_mut(&mut json)
                && follow.len() == length
            {
                follow.push(follower.item().map_or(Value::Null, blank));
            }
        }
        items(&mut json, list)?.push(Value::Object(Map::new()));
        Ok((Options::from_value(json)?, length))
    }

    /// The options without item `index` of the list at `list`, nor its item in the lists
    /// that follow it. A position into the list stays on the same item, or becomes 0
    /// when its item is the one removed.
    pub fn with_item_removed(
        &self,
        list: &OptionPath,
        index: usize,
    ) -> Result<Options, Diagnostics> {
        let mut json = self.to_json();
        let length = items(&mut json, list)?.len();
        if index >= length {
            return Err(no_item(list, index, length));
        }
        items(&mut json, list)?.remove(index);
        for follower in followers(list) {
            if let Some(Value::Array(follow)) = follower.path.get_mut(&mut json)
                && index < follow.len()
            {
                follow.remove(index);
            }
        }
        repoint(&mut json, list, |at| match at {
            at if at > index => at - 1,
            at if at == index => 0,
            at => at,
        });
        Options::from_value(json)
    }

    /// The options with item `from` of the list at `list` moved to position `to`, with
    /// its item in the lists that follow it; positions into the list stay on their item.
    pub fn with_item_moved(
        &self,
        list: &OptionPath,
        from: usize,
        to: usize,
    ) -> Result<Options, Diagnostics> {
        let mut json = self.to_json();
        let length = items(&mut json, list)?.len();
        if from >= length || to >= length {
            return Err(no_item(list, from.max(to), length));
        }
        shift(items(&mut json, list)?, from, to);
        for follower in followers(list) {
            if let Some(Value::Array(follow)) = follower.path.get_mut(&mut json)
                && from < follow.len()
                && to < follow.len()
            {
                shift(follow, from, to);
            }
        }
        repoint(&mut json, list, |at| moved(at, from, to));
        Options::from_value(json)
    }

    /// With stated shares chosen and the shares not one per party: equal shares that
    /// total exactly 100 (the last party takes the rounding).
    fn prefill_shares(&mut self) {
        let n = self.parties.len();
        if self.costs.allocation != CostAllocation::StatedShares
            || n == 0
            || self.costs.shares.len() == n
        {
            return;
        }
        let each = (10_000.0 / n as f64).floor() / 100.0;
        let mut shares = vec![each; n];
        let rest: f64 = shares[..n - 1].iter().sum();
        shares[n - 1] = ((100.0 - rest) * 100.0).round() / 100.0;
        self.costs.shares = shares;
    }

    fn to_json(&self) -> Value {
        // Options always serialise: strings, numbers, booleans, lists and tables.
        serde_json::to_value(self).unwrap_or(Value::Null)
    }
}

/// The list at `list`, which must be a list of tables of the model (created empty when
/// the options have none).
fn items<'v>(json: &'v mut Value, list: &OptionPath) -> Result<&'v mut Vec<Value>, Diagnostics> {
    if !super::option_at(list).is_some_and(OptionInfo::is_list_of_tables) {
        return Err(invalid(list, format!("`{list}` is not a list of tables")));
    }
    if list.get(json).is_none_or(Value::is_null) {
        // Only the list itself is made: never the item that would hold it.
        let parent = list.parent().unwrap_or_default();
        if !parent.get(json).is_some_and(Value::is_object) {
            return Err(invalid(list, format!("the options have no `{parent}`")));
        }
        list.set(json, Value::Array(Vec::new()))
            .map_err(|e| invalid(list, e.to_string()))?;
    }
    match list.get_mut(json) {
        Some(Value::Array(items)) => Ok(items),
        _ => Err(invalid(list, format!("`{list}` does not hold a list"))),
    }
}

/// The options that follow `list` one item per item (`x-one-per`).
fn followers(list: &OptionPath) -> Vec<&'static OptionInfo> {
    let pattern = list.pattern();
    super::root()
        .walk()
        .into_iter()
        .filter(|o| o.one_per.as_ref() == Some(&pattern) && !o.path.is_pattern())
        .collect()
}

/// Moves every position into `list` (`x-index-of`) as `to` says.
fn repoint(json: &mut Value, list: &OptionPath, to: impl Fn(usize) -> usize) {
    let pattern = list.pattern();
    for pointer in super::root()
        .walk()
        .into_iter()
        .filter(|o| o.index_of.as_ref() == Some(&pattern) && !o.path.is_pattern())
    {
        if let Some(value) = pointer.path.get_mut(json)
            && let Some(at) = value.as_u64().and_then(|n| usize::try_from(n).ok())
        {
            *value = Value::from(to(at));
        }
    }
}

/// A blank item for a list of values of this kind: 0, no text, no, or an empty table.
fn blank(item: &OptionInfo) -> Value {
    match &item.kind {
        Kind::Number { .. } => Value::from(0),
        Kind::YesNo => Value::Bool(false),
        Kind::Table(_) => Value::Object(Map::new()),
        Kind::Choice(choices) => choices.first().map_or(Value::Null, |c| c.value.clone()),
        _ => Value::String(String::new()),
    }
}

/// Moves the item at `from` to `to`.
fn shift(items: &mut Vec<Value>, from: usize, to: usize) {
    let item = items.remove(from);
    items.insert(to, item);
}

/// Where the item at `index` ends up when the item at `from` moves to `to`.
fn moved(index: usize, from: usize, to: usize) -> usize {
    if index == from {
        to
    } else if from < index && index <= to {
        index - 1
    } else if to <= index && index < from {
        index + 1
    } else {
        index
    }
}

fn invalid(path: &OptionPath, message: String) -> Diagnostics {
    Diagnostic::error("invalid-value", path.to_string(), message)
        .hint("use an option the model has, as `caucus schema` lists them")
        .into()
}

fn no_item(list: &OptionPath, index: usize, length: usize) -> Diagnostics {
    Diagnostic::error(
        "no-such-item",
        list.to_string(),
        format!("`{list}` has {length} items, so there is no item {index}"),
    )
    .hint("count the items from 0")
    .into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::options::{Attendee, Party};
    use serde_json::json;

    fn path(text: &str) -> OptionPath {
        OptionPath::parse(text).unwrap_or_else(|e| panic!("{e}"))
    }

    fn three_parties() -> Options {
        let mut options = Options::default();
        options.parties.push(Party {
            name: "Party C".into(),
            ..Party::default()
        });
        options.costs.allocation = CostAllocation::StatedShares;
        options.costs.shares = vec![20.0, 30.0, 50.0];
        options.costs.requesting_party = 2;
        options
    }

    fn names(o: &Options) -> Vec<&str> {
        o.parties.iter().map(|p| p.name.as_str()).collect()
    }

    #[test]
    fn moving_and_removing_parties_keeps_shares_and_the_requesting_party_with_them() {
        let parties = path("parties");
        let o = three_parties()
            .with_item_moved(&parties, 2, 1)
            .expect("a move");
        assert_eq!(names(&o), ["Party A", "Party C", "Party B"]);
        assert_eq!(o.costs.shares, vec![20.0, 50.0, 30.0]);
        assert_eq!(o.costs.requesting_party, 1);
        let o = o.with_item_moved(&parties, 0, 2).expect("a move");
        assert_eq!(names(&o), ["Party C", "Party B", "Party A"]);
        assert_eq!(o.costs.shares, vec![50.0, 30.0, 20.0]);
        assert_eq!(o.costs.requesting_party, 0);
        let o = o.with_item_removed(&parties, 1).expect("a removal");
        assert_eq!(o.costs.shares, vec![50.0, 20.0]);
        assert_eq!(o.costs.requesting_party, 0);
        let o = o.with_item_removed(&parties, 0).expect("a removal");
        assert_eq!(names(&o), ["Party A"]);
        assert_eq!(
            o.costs.requesting_party, 0,
            "the removed party's place goes to the first"
        );
        let e = o.with_item_removed(&parties, 5).expect_err("no party 5");
        assert_eq!(e.0[0].code, "no-such-item");
        assert!(o.with_item_moved(&parties, 0, 3).is_err());
    }

    #[test]
    fn a_new_party_gets_a_share_only_when_the_shares_are_one_per_party() {
        let (o, at) = three_parties()
            .with_item_added(&path("parties"))
            .expect("an addition");
        assert_eq!(at, 3);
        assert_eq!(o.parties[3], Party::default());
        assert_eq!(o.costs.shares, vec![20.0, 30.0, 50.0, 0.0]);
        let (o, _) = Options::default()
            .with_item_added(&path("parties"))
            .expect("an addition");
        assert_eq!(o.parties.len(), 3);
        assert!(o.costs.shares.is_empty());
    }

    #[test]
    fn attendees_are_added_moved_and_removed() {
        let attendees = path("parties.1.attendees");
        let (o, at) = Options::default()
            .with_item_added(&attendees)
            .expect("an addition");
        assert_eq!((at, &o.parties[1].attendees[0]), (0, &Attendee::default()));
        let (mut o, _) = o.with_item_added(&attendees).expect("an addition");
        o.parties[1].attendees[0].name = "Ann".into();
        let o = o.with_item_moved(&attendees, 0, 1).expect("a move");
        assert_eq!(o.parties[1].attendees[1].name, "Ann");
        let o = o.with_item_removed(&attendees, 1).expect("a removal");
        assert_eq!(o.parties[1].attendees.len(), 1);
        assert!(o.with_item_added(&path("parties.7.attendees")).is_err());
        assert!(
            o.with_item_added(&path("costs.shares")).is_err(),
            "not a list of tables"
        );
        assert!(
            o.with_item_removed(&path("parties.0.attendees"), 0)
                .is_err()
        );
    }

    #[test]
    fn setting_a_share_gives_every_party_one() {
        let o = Options::default()
            .with(&path("costs.shares.1"), json!(40))
            .expect("valid");
        assert_eq!(o.costs.shares, vec![0.0, 40.0]);
    }

    #[test]
    fn switching_to_stated_shares_starts_from_equal_shares_that_total_100() {
        let allocation = path("costs.allocation");
        for n in 1..=8 {
            let o = Options {
                parties: vec![Party::default(); n],
                ..Options::default()
            };
            let o = o.with(&allocation, json!("stated-shares")).expect("valid");
            let total: f64 = o.costs.shares.iter().sum();
            assert_eq!(o.costs.shares.len(), n);
            assert!((total - 100.0).abs() < 0.005, "{n} parties: {total}");
        }
        let o = Options::default()
            .with(&allocation, json!("stated-shares"))
            .expect("valid");
        assert_eq!(o.costs.shares, vec![50.0, 50.0]);
    }

    #[test]
    fn a_value_of_the_wrong_kind_is_reported_at_its_path() {
        let e = Options::default()
            .with(&path("attendance.disclosure_deadline_hours"), json!("soon"))
            .expect_err("not a number");
        assert_eq!(e.0[0].path, "attendance.disclosure_deadline_hours");
        let e = Options::default()
            .with(&path("case.reference.x"), json!(1))
            .expect_err("inside text");
        assert_eq!(e.0[0].path, "case.reference.x");
        assert!(e.0[0].message.contains("holds text"), "{}", e.0[0].message);
    }

    #[test]
    fn moved_positions() {
        // [a b c d]: b (1) to 3 gives [a c d b].
        assert_eq!(moved(1, 1, 3), 3);
        assert_eq!(moved(2, 1, 3), 1);
        assert_eq!(moved(3, 1, 3), 2);
        assert_eq!(moved(0, 1, 3), 0);
        // d (3) to 0 gives [d a b c].
        assert_eq!(moved(0, 3, 0), 1);
        assert_eq!(moved(3, 3, 0), 0);
    }
}
