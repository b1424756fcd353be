//! `when` conditions: option path → allowed values; all must hold.

use crate::model::lookup_keys;
use crate::template::Data;
use crate::template::render::top_index;
use serde_json::Value;

/// A conjunction of tests on choice options. Empty: always true.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Condition {
    pub tests: Vec<Test>,
}

/// One option path and the values that satisfy it.
#[derive(Debug, Clone, PartialEq)]
pub struct Test {
    pub path: String,
    pub allowed: Vec<Value>,
    /// The path's keys, split once: conditions are tested a hundred times an assembly,
    /// and splitting the path each time was a third of that.
    keys: Vec<String>,
    /// The path's place in its pack's [`Paths`] and the allowed values as bits of that
    /// path's values, once the pack has numbered it: then an assembly looks the value up
    /// once ([`Values`]) and a test is one `and` of bits.
    slot: Option<(usize, u64)>,
}

impl Test {
    pub fn new(path: String, allowed: Vec<Value>) -> Test {
        Test {
            keys: path.split('.').map(str::to_owned).collect(),
            path,
            allowed,
            slot: None,
        }
    }

    /// Whether the value at the path is one of those allowed, reading the value from
    /// `values` when the path is numbered, else from `root` (the data as JSON).
    pub fn holds_in(&self, values: &Values, root: &Value) -> bool {
        self.holds_by_number(values)
            .unwrap_or_else(|| self.holds(root))
    }

    /// Whether the pack numbered the test's path ([`Paths::number`]).
    pub fn is_numbered(&self) -> bool {
        self.slot.is_some()
    }

    /// Whether the test holds, when its path is numbered: from `values` alone.
    pub fn holds_by_number(&self, values: &Values) -> Option<bool> {
        let (slot, allowed) = self.slot?;
        Some(values.0.get(slot)? & allowed != 0)
    }

    /// Whether the value at the path of `options` (as JSON) is one of those allowed.
    pub fn holds(&self, options: &Value) -> bool {
        let value = lookup_keys(options, &self.keys);
        self.allowed.iter().any(|a| Some(a) == value)
    }
}

impl Condition {
    /// Whether the condition holds for the options, given as their JSON value.
    pub fn holds(&self, options: &Value) -> bool {
        self.tests.iter().all(|t| t.holds(options))
    }

    /// [`Condition::holds`], with the values of numbered paths read from `values`.
    pub fn holds_in(&self, values: &Values, root: &Value) -> bool {
        self.tests.iter().all(|t| t.holds_in(values, root))
    }

    /// The option paths the condition tests.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.tests.iter().map(|t| t.path.as_str())
    }
}

pub use crate::model::lookup;

/// Every option with a fixed set of values (a choice or yes/no, outside any list),
/// numbered, with its values: the only paths a `when` condition or a passage's guard may
/// test besides the platform's facts. An assembly tests some four hundred conditions (its
/// documents' and, for the facts its documents rely on, every document's) on two dozen
/// paths: each path is looked up once an assembly ([`Values`]) and a test is an `and` of
/// bits.
#[derive(Debug, Default)]
pub struct Paths {
    paths: Vec<(Vec<String>, Vec<Value>)>,
    slots: std::collections::BTreeMap<String, usize>,
    /// The values at the top of the data the paths are in ([`top_index`]): while their
    /// versions stay, so do the choices. `None` if a path is outside them.
    tops: Option<Vec<usize>>,
    /// For each path, the position in `tops` of the value it is in.
    path_tops: Vec<usize>,
}

impl Paths {
    /// The paths of the options' choices (`schema::choices`), in order.
    pub fn new(choices: &std::collections::BTreeMap<String, Vec<Value>>) -> Paths {
        let mut paths = Paths {
            tops: Some(Vec::new()),
            ..Paths::default()
        };
        for (path, values) in choices {
            paths.slots.insert(path.clone(), paths.paths.len());
            let keys: Vec<String> = path.split('.').map(str::to_owned).collect();
            let top = keys.first().and_then(|key| top_index(key));
            match (top, &mut paths.tops) {
                (Some(top), Some(tops)) => {
                    let at = tops.iter().position(|t| *t == top).unwrap_or_else(|| {
                        tops.push(top);
                        tops.len() - 1
                    });
                    paths.path_tops.push(at);
                }
                (Some(_), None) => {}
                (None, tops) => *tops = None,
            }
            paths.paths.push((keys, values.clone()));
        }
        paths
    }

    /// [`Paths::values`] in `data`: of the last assembly's, those whose value at the top
    /// of the data kept its version, and the others read again. A keystroke that renames
    /// a party changes none; a batch's next case, whose reference is new, reads again
    /// only the choices of the groups it changed.
    pub fn values_in(&self, data: &mut Data) -> Values {
        let Some(tops) = &self.tops else {
            return self.values(data.root());
        };
        let versions = data.versions_of(tops);
        let values = match data.kept_choices() {
            Some((kept, choices)) if kept == versions.as_slice() => return choices.clone(),
            Some((kept, choices)) => {
                let root = data.root();
                Values(
                    (self.paths.iter().zip(&self.path_tops).zip(&choices.0))
                        .map(|(((keys, values), &top), &bit)| {
                            if kept[top] == versions[top] {
                                bit
                            } else {
                                bit_of(values, lookup_keys(root, keys))
                            }
                        })
                        .collect(),
                )
            }
            None => self.values(data.root()),
        };
        data.keep_choices(versions, values.clone());
        values
    }

    /// Gives each test of the condition on a choice its path's number and its allowed
    /// values as bits. A test that allows a value outside the choices (say `null`, from
    /// a guard on an option left unset), and any test of a path with more than 64
    /// values, is left unnumbered: it looks the value up each time.
    pub fn number(&self, condition: &mut Condition) {
        for test in &mut condition.tests {
            let Some(&slot) = self.slots.get(&test.path) else {
                continue;
            };
            let values = &self.paths[slot].1;
            if values.len() > 64 || test.allowed.iter().any(|a| !values.contains(a)) {
                continue;
            }
            let allowed = (values.iter().enumerate())
                .filter(|(_, v)| test.allowed.contains(v))
                .fold(0u64, |bits, (bit, _)| bits | 1 << bit);
            test.slot = Some((slot, allowed));
        }
    }

    /// Which of its values each path has in `root` (the data as JSON), looked up now:
    /// the value's bit, or none.
    pub fn values(&self, root: &Value) -> Values {
        Values(
            self.paths
                .iter()
                .map(|(keys, values)| bit_of(values, lookup_keys(root, keys)))
                .collect(),
        )
    }
}

/// The bit of `value` among a path's `values`, or none.
fn bit_of(values: &[Value], value: Option<&Value>) -> u64 {
    values
        .iter()
        .position(|v| Some(v) == value)
        .and_then(|bit| 1u64.checked_shl(bit as u32))
        .unwrap_or(0)
}

/// Which of its values each of the choice [`Paths`] has in the data of one assembly: the
/// options, which do not change while an assembly goes from document to document (only
/// the document's numbers and a list's item do). Equal values mean equal choices.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Values(Vec<u64>);

/// Human form of the condition: `recording.policy = "prohibited" and ...`.
impl std::fmt::Display for Condition {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.tests.is_empty() {
            return f.write_str("always");
        }
        for (i, t) in self.tests.iter().enumerate() {
            if i > 0 {
                f.write_str(" and ")?;
            }
            let values: Vec<String> = t.allowed.iter().map(Value::to_string).collect();
            if values.len() == 1 {
                write!(f, "{} = {}", t.path, values[0])?;
            } else {
                write!(f, "{} in [{}]", t.path, values.join(", "))?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::OptionPath;
    use crate::options::Options;

    /// Every value of every choice, tested by its bits and by looking it up: the same
    /// answer, for the option set to each of its values in turn.
    #[test]
    fn a_numbered_test_holds_exactly_when_its_value_is_allowed() {
        let choices = crate::schema::choices();
        let paths = Paths::new(&choices);
        let mut checked = 0;
        for (path, values) in &choices {
            let option = OptionPath::parse(path).expect("a choice's path");
            for value in values {
                let Ok(options) = Options::default().with(&option, value.clone()) else {
                    continue;
                };
                let root = serde_json::to_value(&options).expect("options as JSON");
                let now = paths.values(&root);
                for allowed in values {
                    let mut condition = Condition {
                        tests: vec![
                            Test::new(path.clone(), vec![allowed.clone()]),
                            Test::new(path.clone(), values.clone()),
                        ],
                    };
                    paths.number(&mut condition);
                    for test in &condition.tests {
                        assert_eq!(
                            test.holds_by_number(&now),
                            Some(test.holds(&root)),
                            "{path} = {value}, allowed {:?}",
                            test.allowed
                        );
                    }
                    assert_eq!(allowed == value, condition.tests[0].holds(&root));
                    checked += 1;
                }
                // A value outside the choices (an option left unset) is looked up.
                let mut unset = Condition {
                    tests: vec![Test::new(path.clone(), vec![Value::Null])],
                };
                paths.number(&mut unset);
                assert_eq!(unset.tests[0].holds_by_number(&now), None, "{path}");
                assert_eq!(
                    unset.tests[0].holds_in(&now, &root),
                    unset.tests[0].holds(&root)
                );
            }
        }
        assert!(checked > 50, "only {checked} tests were checked");
    }

    /// The choices of renewed data, each option set to each of its values in turn from
    /// the last: those kept for the groups that did not change and those read again for
    /// the one that did are the choices looked up anew.
    #[test]
    fn choices_kept_from_the_last_assembly_are_those_looked_up_now() {
        let choices = crate::schema::choices();
        let paths = Paths::new(&choices);
        let facts = crate::facts::Facts::default();
        let mut options = Options::default();
        let mut data = Data::new(&options, &facts).expect("options serialize");
        let mut changed = 0;
        for (path, values) in &choices {
            let option = OptionPath::parse(path).expect("a choice's path");
            for value in values {
                let Ok(next) = options.with(&option, value.clone()) else {
                    continue;
                };
                changed += usize::from(next != options);
                options = next;
                data = data.renew(&options, &facts).expect("options serialize");
                assert_eq!(
                    paths.values_in(&mut data),
                    paths.values(data.root()),
                    "{path} = {value}"
                );
            }
        }
        assert!(changed > 50, "only {changed} options changed");
    }
}
