//! The JSON Schema of the options, generated from the Rust types, and what the pack
//! validator learns from it: which option paths exist and which values a choice takes.

use crate::options::Options;
use serde_json::Value;
use std::collections::BTreeMap;

/// The JSON Schema (draft 2020-12) of [`Options`].
pub fn schema() -> Value {
    let schema = schemars::schema_for!(Options);
    serde_json::to_value(schema).unwrap_or(Value::Null)
}

/// Every option path with a finite set of values (choices and yes/no options), with
/// those values: the paths a clause's `when` may test.
pub fn choices() -> BTreeMap<String, Vec<Value>> {
    let schema = schema();
    let mut out = BTreeMap::new();
    walk(&schema, &schema, String::new(), &mut out);
    out
}

/// Follows a `$ref` to `#/$defs/...` (repeatedly); any other node is returned as it is.
pub fn resolve<'a>(root: &'a Value, node: &'a Value) -> &'a Value {
    match node.get("$ref").and_then(Value::as_str) {
        Some(reference) => reference
            .strip_prefix("#/$defs/")
            .and_then(|name| root.get("$defs").and_then(|defs| defs.get(name)))
            .map_or(node, |target| resolve(root, target)),
        None => node,
    }
}

fn walk(root: &Value, node: &Value, path: String, out: &mut BTreeMap<String, Vec<Value>>) {
    let node = resolve(root, node);
    if let Some(values) = finite_values(root, node) {
        out.insert(path, values);
        return;
    }
    if let Some(props) = node.get("properties").and_then(Value::as_object) {
        for (name, child) in props {
            let child_path = if path.is_empty() {
                name.clone()
            } else {
                format!("{path}.{name}")
            };
            walk(root, child, child_path, out);
        }
    }
}

fn finite_values(root: &Value, node: &Value) -> Option<Vec<Value>> {
    if node.get("type").and_then(Value::as_str) == Some("boolean") {
        return Some(vec![Value::Bool(true), Value::Bool(false)]);
    }
    if let Some(values) = node.get("enum").and_then(Value::as_array) {
        return Some(values.clone());
    }
    if let Some(constant) = node.get("const") {
        return Some(vec![constant.clone()]);
    }
    let alternatives = node
        .get("oneOf")
        .or_else(|| node.get("anyOf"))
        .and_then(Value::as_array)?;
    let mut values = Vec::new();
    for alternative in alternatives {
        values.extend(finite_values(root, resolve(root, alternative))?);
    }
    Some(values)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn choices_cover_enums_and_booleans() {
        let c = choices();
        assert_eq!(
            c["recording.policy"],
            vec![
                json!("prohibited"),
                json!("consent-of-all"),
                json!("settlement-terms-only")
            ]
        );
        assert_eq!(c["breakout_rooms.enabled"], vec![json!(true), json!(false)]);
        assert_eq!(c["case.locale"].len(), 3);
        assert!(!c.contains_key("case.reference"));
        assert!(!c.keys().any(|k| k.starts_with("parties")));
    }

    #[test]
    fn the_schema_rejects_unknown_fields() {
        let s = schema();
        assert_eq!(s["additionalProperties"], json!(false));
    }
}
