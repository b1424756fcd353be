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
}

impl Condition {
    /// Whether the condition holds for the options, given as their JSON value.
    pub fn holds(&self, options: &Value) -> bool {
        self.tests.iter().all(|t| {
            let value = lookup(options, &t.path);
            t.allowed.iter().any(|a| Some(a) == value)
        })
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
