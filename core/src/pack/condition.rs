//! `when` conditions: option path → allowed values; all must hold.

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
}

impl Test {
    pub fn new(path: String, allowed: Vec<Value>) -> Test {
        Test {
            keys: path.split('.').map(str::to_owned).collect(),
            path,
            allowed,
        }
    }

    /// Whether the value at the path of `options` (as JSON) is one of those allowed.
    pub fn holds(&self, options: &Value) -> bool {
        let value = self.keys.iter().try_fold(options, |node, key| match node {
            Value::Object(map) => map.get(key),
            Value::Array(items) => items.get(key.parse::<usize>().ok()?),
            _ => None,
        });
        self.allowed.iter().any(|a| Some(a) == value)
    }
}

impl Condition {
    /// Whether the condition holds for the options, given as their JSON value.
    pub fn holds(&self, options: &Value) -> bool {
        self.tests.iter().all(|t| t.holds(options))
    }

    /// The option paths the condition tests.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.tests.iter().map(|t| t.path.as_str())
    }
}

pub use crate::model::lookup;

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
