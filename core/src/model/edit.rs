//! Edits that keep dependent options aligned: the cost shares follow the parties (one per
//! party, in their order), the requesting party stays the same party when others are
//! added, removed or moved, and choosing stated shares starts from equal ones.
//!
//! The form makes these edits; so may any other tool that edits options step by step.

use super::path::OptionPath;
use crate::diagnostic::Diagnostics;
use crate::options::{Attendee, CostAllocation, Options, Party};
use serde_json::Value;

impl Options {
    /// The options with the value at `path` replaced by `value` (as JSON), checked as a
    /// whole. Setting one party's share first gives every party a share (0 for those
    /// without one), and switching to stated shares starts from equal shares when the
    /// shares do not fit the parties. The diagnostics name what is wrong.
    pub fn with(&self, path: &OptionPath, value: Value) -> Result<Options, Diagnostics> {
        let mut json = serde_json::to_value(self).unwrap_or(Value::Null);
        let shares = OptionPath::root().key("costs").key("shares");
        if path.parent().as_ref() == Some(&shares)
            && let Some(Value::Array(list)) = shares.get_mut(&mut json)
            && list.len() < self.parties.len()
        {
            list.resize(self.parties.len(), Value::from(0.0));
        }
        path.set(&mut json, value).map_err(|e| {
            Diagnostics::from(
                crate::Diagnostic::error("invalid-value", path.to_string(), e.to_string())
                    .hint("set an option the model has, as `caucus schema` lists them"),
            )
        })?;
        let mut options = Options::from_value(json)?;
        if options.costs.allocation != self.costs.allocation {
            options.prefill_shares();
        }
        Ok(options)
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

    /// Adds a party at the end (with a share of 0 when the shares are stated, one per
    /// party); returns its position.
    pub fn add_party(&mut self) -> usize {
        let aligned = self.costs.allocation == CostAllocation::StatedShares
            && self.costs.shares.len() == self.parties.len();
        self.parties.push(Party::default());
        if aligned {
            self.costs.shares.push(0.0);
        }
        self.parties.len() - 1
    }

    /// Removes party `i` with its share; the requesting party stays the same party, or
    /// becomes the first when it is the one removed. False when there is no party `i`.
    pub fn remove_party(&mut self, i: usize) -> bool {
        if i >= self.parties.len() {
            return false;
        }
        self.parties.remove(i);
        if i < self.costs.shares.len() {
            self.costs.shares.remove(i);
        }
        let requesting = &mut self.costs.requesting_party;
        if *requesting > i {
            *requesting -= 1;
        } else if *requesting == i {
            *requesting = 0;
        }
        true
    }

    /// Moves party `from` to position `to`, with its share; the requesting party stays
    /// the same party. False when either position has no party.
    pub fn move_party(&mut self, from: usize, to: usize) -> bool {
        let n = self.parties.len();
        if from >= n || to >= n {
            return false;
        }
        let party = self.parties.remove(from);
        self.parties.insert(to, party);
        if from < self.costs.shares.len() && to < self.costs.shares.len() {
            let share = self.costs.shares.remove(from);
            self.costs.shares.insert(to, share);
        }
        self.costs.requesting_party = moved(self.costs.requesting_party, from, to);
        true
    }

    /// Adds an attendee at the end of party `party`'s list; returns its position, or
    /// `None` when there is no such party.
    pub fn add_attendee(&mut self, party: usize) -> Option<usize> {
        let attendees = &mut self.parties.get_mut(party)?.attendees;
        attendees.push(Attendee::default());
        Some(attendees.len() - 1)
    }

    /// Removes attendee `attendee` of party `party`; false when there is none.
    pub fn remove_attendee(&mut self, party: usize, attendee: usize) -> bool {
        match self.parties.get_mut(party) {
            Some(p) if attendee < p.attendees.len() => {
                p.attendees.remove(attendee);
                true
            }
            _ => false,
        }
    }

    /// Moves attendee `from` of party `party` to position `to`; false when either
    /// position has no attendee.
    pub fn move_attendee(&mut self, party: usize, from: usize, to: usize) -> bool {
        match self.parties.get_mut(party) {
            Some(p) if from < p.attendees.len() && to < p.attendees.len() => {
                let attendee = p.attendees.remove(from);
                p.attendees.insert(to, attendee);
                true
            }
            _ => false,
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

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

    #[test]
    fn moving_and_removing_parties_keeps_shares_and_the_requesting_party_with_them() {
        let mut o = three_parties();
        assert!(o.move_party(2, 1));
        assert_eq!(o.parties[1].name, "Party C");
        assert_eq!(o.costs.shares, vec![20.0, 50.0, 30.0]);
        assert_eq!(o.costs.requesting_party, 1);
        assert!(o.move_party(0, 2));
        let names: Vec<&str> = o.parties.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["Party C", "Party B", "Party A"]);
        assert_eq!(o.costs.shares, vec![50.0, 30.0, 20.0]);
        assert_eq!(o.costs.requesting_party, 0);
        assert!(o.remove_party(1));
        assert_eq!(o.costs.shares, vec![50.0, 20.0]);
        assert_eq!(o.costs.requesting_party, 0);
        assert!(o.remove_party(0));
        assert_eq!(o.parties[0].name, "Party A");
        assert_eq!(
            o.costs.requesting_party, 0,
            "the removed party's place goes to the first"
        );
        assert!(!o.remove_party(5));
        assert!(!o.move_party(0, 3));
    }

    #[test]
    fn a_new_party_gets_a_share_only_when_the_shares_are_one_per_party() {
        let mut o = three_parties();
        assert_eq!(o.add_party(), 3);
        assert_eq!(o.costs.shares, vec![20.0, 30.0, 50.0, 0.0]);
        let mut o = Options::default();
        o.add_party();
        assert!(o.costs.shares.is_empty());
    }

    #[test]
    fn attendees_are_added_moved_and_removed() {
        let mut o = Options::default();
        assert_eq!(o.add_attendee(1), Some(0));
        assert_eq!(o.add_attendee(1), Some(1));
        o.parties[1].attendees[0].name = "Ann".into();
        assert!(o.move_attendee(1, 0, 1));
        assert_eq!(o.parties[1].attendees[1].name, "Ann");
        assert!(o.remove_attendee(1, 1));
        assert_eq!(o.parties[1].attendees.len(), 1);
        assert_eq!(o.add_attendee(7), None);
        assert!(!o.remove_attendee(0, 0));
    }

    #[test]
    fn setting_a_share_gives_every_party_one() {
        let o = Options::default();
        let path = OptionPath::parse("costs.shares.1").expect("a path");
        let o = o.with(&path, json!(40)).expect("valid");
        assert_eq!(o.costs.shares, vec![0.0, 40.0]);
    }

    #[test]
    fn switching_to_stated_shares_starts_from_equal_shares_that_total_100() {
        let path = OptionPath::parse("costs.allocation").expect("a path");
        for n in 1..=8 {
            let o = Options {
                parties: vec![Party::default(); n],
                ..Options::default()
            };
            let o = o.with(&path, json!("stated-shares")).expect("valid");
            let total: f64 = o.costs.shares.iter().sum();
            assert_eq!(o.costs.shares.len(), n);
            assert!((total - 100.0).abs() < 0.005, "{n} parties: {total}");
        }
        let o = Options::default()
            .with(&path, json!("stated-shares"))
            .expect("valid");
        assert_eq!(o.costs.shares, vec![50.0, 50.0]);
    }

    #[test]
    fn a_value_of_the_wrong_kind_is_reported_at_its_path() {
        let path = OptionPath::parse("attendance.disclosure_deadline_hours").expect("a path");
        let e = Options::default()
            .with(&path, json!("soon"))
            .expect_err("not a number");
        assert_eq!(e.0[0].path, "attendance.disclosure_deadline_hours");
        let path = OptionPath::parse("case.reference.x").expect("a path");
        let e = Options::default()
            .with(&path, json!(1))
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
