//! CSV columns as option paths: checking a header against the JSON Schema, and turning a
//! row's cells into option values of the right type.

use serde_json::{Map, Value};

/// What a column's cells hold, from the schema type at its path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// true/false (also yes/no, 1/0)
    Bool,
    /// a whole number
    Integer,
    /// any number
    Number,
    /// text, including a choice
    Text,
    /// a list or a table, written as JSON in the cell
    Json,
}

/// One column: the option path it sets and how to read its cells.
#[derive(Debug, Clone)]
pub struct Column {
    pub path: String,
    pub segments: Vec<Segment>,
    pub kind: Kind,
}

/// A step of an option path.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Segment {
    Key(String),
    Index(usize),
}

/// The columns of a header. Columns whose name is empty or starts with `#` are notes for
/// people and are ignored.
#[derive(Debug)]
pub struct Columns {
    columns: Vec<Option<Column>>,
}

impl Columns {
    /// Checks every header cell; all the unknown ones are reported together.
    pub fn from_header<'a>(
        header: impl IntoIterator<Item = &'a str>,
        schema: &Value,
    ) -> Result<Columns, String> {
        let mut columns = Vec::new();
        let mut problems = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for (i, name) in header.into_iter().enumerate() {
            let name = name.trim().trim_start_matches('\u{feff}');
            if name.is_empty() || name.starts_with('#') {
                columns.push(None);
                continue;
            }
            if !seen.insert(name.to_owned()) {
                problems.push(format!("column {} `{name}` appears twice", i + 1));
                columns.push(None);
                continue;
            }
            let segments = parse_path(name);
            match kind_at(schema, schema, &segments) {
                Some(kind) => columns.push(Some(Column {
                    path: name.to_owned(),
                    segments,
                    kind,
                })),
                None => {
                    problems.push(format!(
                        "column {} `{name}` is not an option path{}",
                        i + 1,
                        suggestion(schema, name)
                    ));
                    columns.push(None);
                }
            }
        }
        if problems.is_empty() {
            Ok(Columns { columns })
        } else {
            Err(problems.join("\n"))
        }
    }

    /// Sets each non-empty cell's option in `value` (a copy of the base options).
    /// Problems are (option path, message) pairs.
    pub fn apply<'a>(
        &self,
        value: &mut Value,
        cells: impl IntoIterator<Item = &'a str>,
    ) -> Result<(), Vec<(String, String)>> {
        let mut problems = Vec::new();
        for (column, cell) in self.columns.iter().zip(cells) {
            let Some(column) = column else { continue };
            if cell.trim().is_empty() {
                continue;
            }
            let parsed = match convert(column.kind, cell) {
                Ok(v) => v,
                Err(message) => {
                    problems.push((column.path.clone(), message));
                    continue;
                }
            };
            if let Err(message) = set_path(value, &column.segments, parsed) {
                problems.push((column.path.clone(), message));
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems)
        }
    }
}

impl Columns {
    /// The value each row's cells are set in, cloned once per row.
    ///
    /// A row means "the base, over the defaults, with these cells set" (`full`): that is
    /// what makes `parties.0.name` rename the first default party and keep the second.
    /// Cloning, deserialising and dropping every default for every row is a third of a
    /// Markdown batch's work outside assembly, though, and serde fills in a missing
    /// option with the same default anyway. So the start is the base alone (`base`),
    /// plus, whole from `full`, every list a column reaches into (a list's items are
    /// not filled in one by one). That gives the same options as `full` only if every
    /// table a row may create has, when created empty, the defaults `full` has there;
    /// this is checked here, once per batch, for each such table, and `full` is used
    /// instead if any check fails.
    pub fn start(&self, base: &Value, full: &Value) -> Value {
        let mut sparse = base.clone();
        let mut tables: Vec<&[Segment]> = vec![&[]];
        for column in self.columns.iter().flatten() {
            let segments = column.segments.as_slice();
            let mut node = Some(full);
            for (k, segment) in segments.iter().enumerate() {
                let Segment::Key(key) = segment else {
                    // A list at the top, which no option is.
                    return full.clone();
                };
                // The table at `segments[..k]`, which a row may create.
                tables.push(&segments[..k]);
                let child = node.and_then(|n| n.get(key));
                let list_follows = matches!(segments.get(k + 1), Some(Segment::Index(_)));
                if list_follows || child.is_some_and(Value::is_array) {
                    if let Some(list) = child
                        && set_path(&mut sparse, &segments[..=k], list.clone()).is_err()
                    {
                        return full.clone();
                    }
                    break;
                }
                node = child;
            }
        }
        tables.sort();
        tables.dedup();
        let Ok(expected) = caucus_core::Options::from_value(full.clone()) else {
            return full.clone();
        };
        for table in tables {
            let mut candidate = sparse.clone();
            if ensure_table(&mut candidate, table).is_err()
                || caucus_core::Options::from_value(candidate).ok().as_ref() != Some(&expected)
            {
                return full.clone();
            }
        }
        sparse
    }
}

/// Makes `value` hold a table at `segments` (all keys), as [`set_path`] does on its way.
fn ensure_table(value: &mut Value, segments: &[Segment]) -> Result<(), ()> {
    if value.is_null() {
        *value = Value::Object(Map::new());
    }
    let Some((first, rest)) = segments.split_first() else {
        return if value.is_object() { Ok(()) } else { Err(()) };
    };
    match (first, value) {
        (Segment::Key(key), Value::Object(map)) => {
            ensure_table(map.entry(key.clone()).or_insert(Value::Null), rest)
        }
        _ => Err(()),
    }
}

pub fn parse_path(path: &str) -> Vec<Segment> {
    path.split('.')
        .map(|s| match s.parse::<usize>() {
            Ok(i) => Segment::Index(i),
            Err(_) => Segment::Key(s.to_owned()),
        })
        .collect()
}

/// A cell's text as the value its column's type calls for. Text that does not read as
/// that type is passed on as text, so the engine reports it with its usual message.
fn convert(kind: Kind, cell: &str) -> Result<Value, String> {
    let trimmed = cell.trim();
    Ok(match kind {
        Kind::Text => Value::String(cell.to_owned()),
        Kind::Bool => match trimmed.to_ascii_lowercase().as_str() {
            "true" | "yes" | "1" => Value::Bool(true),
            "false" | "no" | "0" => Value::Bool(false),
            _ => Value::String(trimmed.to_owned()),
        },
        Kind::Integer | Kind::Number => {
            if let Ok(i) = trimmed.parse::<i64>() {
                Value::from(i)
            } else if let Some(n) = trimmed
                .parse::<f64>()
                .ok()
                .and_then(serde_json::Number::from_f64)
            {
                Value::Number(n)
            } else {
                Value::String(trimmed.to_owned())
            }
        }
        Kind::Json => serde_json::from_str(trimmed)
            .map_err(|e| format!("this column takes JSON (a list or a table): {e}"))?,
    })
}

/// Sets `value` at `segments`, creating tables and extending lists on the way. A list is
/// extended with empty tables (their defaults) or, for a list of plain values, with nulls
/// that the engine then reports.
pub fn set_path(value: &mut Value, segments: &[Segment], new: Value) -> Result<(), String> {
    let Some((first, rest)) = segments.split_first() else {
        *value = new;
        return Ok(());
    };
    match first {
        Segment::Key(key) => {
            if value.is_null() {
                *value = Value::Object(Map::new());
            }
            let Value::Object(map) = value else {
                return Err(format!(
                    "the base options have a value that is not a table where `{key}` belongs"
                ));
            };
            let child = map.entry(key.clone()).or_insert(Value::Null);
            set_path(child, rest, new)
        }
        Segment::Index(index) => {
            if value.is_null() {
                *value = Value::Array(Vec::new());
            }
            let Value::Array(items) = value else {
                return Err(format!(
                    "the base options have a value that is not a list where item {index} belongs"
                ));
            };
            let filler = match rest.first() {
                Some(Segment::Key(_)) => Value::Object(Map::new()),
                _ => Value::Null,
            };
            while items.len() <= *index {
                items.push(filler.clone());
            }
            set_path(&mut items[*index], rest, new)
        }
    }
}

/// Follows `$ref`, and the non-null alternative of an optional value.
fn resolve<'a>(root: &'a Value, node: &'a Value) -> &'a Value {
    if let Some(target) = node
        .get("$ref")
        .and_then(Value::as_str)
        .and_then(|r| r.strip_prefix("#/$defs/"))
        .and_then(|name| root.get("$defs")?.get(name))
    {
        return resolve(root, target);
    }
    if let Some(alternatives) = node.get("anyOf").and_then(Value::as_array) {
        let mut real = alternatives
            .iter()
            .filter(|a| a.get("type").and_then(Value::as_str) != Some("null"));
        if let (Some(only), None) = (real.next(), real.next()) {
            return resolve(root, only);
        }
    }
    node
}

/// The kind of value at a path of the schema, or `None` when the path is not an option.
pub fn kind_at(root: &Value, node: &Value, segments: &[Segment]) -> Option<Kind> {
    let node = resolve(root, node);
    let Some((first, rest)) = segments.split_first() else {
        return Some(classify(node));
    };
    match first {
        Segment::Key(key) => kind_at(root, node.get("properties")?.get(key)?, rest),
        Segment::Index(_) => kind_at(root, node.get("items")?, rest),
    }
}

fn classify(node: &Value) -> Kind {
    let types: Vec<&str> = match node.get("type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    if types.contains(&"boolean") {
        Kind::Bool
    } else if types.contains(&"integer") {
        Kind::Integer
    } else if types.contains(&"number") {
        Kind::Number
    } else if types.contains(&"array") || types.contains(&"object") {
        Kind::Json
    } else {
        Kind::Text
    }
}

/// " (did you mean `x`?)" when a known path differs only a little.
fn suggestion(schema: &Value, wrong: &str) -> String {
    let mut known = Vec::new();
    leaf_paths(schema, schema, String::new(), &mut known);
    let generic: String = wrong
        .split('.')
        .map(|s| if s.parse::<usize>().is_ok() { "0" } else { s })
        .collect::<Vec<_>>()
        .join(".");
    known
        .iter()
        .map(|k| (distance(k, &generic), k))
        .filter(|(d, _)| *d <= 3)
        .min()
        .map(|(_, k)| format!(" (did you mean `{k}`?)"))
        .unwrap_or_else(|| "; `caucus schema` lists the options".to_owned())
}

fn leaf_paths(root: &Value, node: &Value, path: String, out: &mut Vec<String>) {
    let node = resolve(root, node);
    if let Some(props) = node.get("properties").and_then(Value::as_object) {
        for (name, child) in props {
            let child_path = if path.is_empty() {
                name.clone()
            } else {
                format!("{path}.{name}")
            };
            leaf_paths(root, child, child_path, out);
        }
    } else if let Some(items) = node
        .get("items")
        .filter(|i| resolve(root, i).get("properties").is_some())
    {
        leaf_paths(root, items, format!("{path}.0"), out);
    } else {
        out.push(path);
    }
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
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn columns_are_typed_by_the_schema() {
        let schema = caucus_core::schema();
        let columns = Columns::from_header(
            [
                "case.reference",
                "parties.1.name",
                "breakout_rooms.enabled",
                "costs.shares.0",
                "attendance.disclosure_deadline_hours",
                "platform.data_regions",
                "# notes",
            ],
            &schema,
        )
        .expect("valid header");
        let mut value = json!({"parties": [{"name": "A"}]});
        columns
            .apply(
                &mut value,
                ["MED-1", "Bolt", "no", "60.5", "24", "[\"EU\"]", "ignored"],
            )
            .expect("valid cells");
        assert_eq!(
            value,
            json!({
                "case": {"reference": "MED-1"},
                "parties": [{"name": "A"}, {"name": "Bolt"}],
                "breakout_rooms": {"enabled": false},
                "costs": {"shares": [60.5]},
                "attendance": {"disclosure_deadline_hours": 24},
                "platform": {"data_regions": ["EU"]}
            })
        );
    }

    #[test]
    fn unknown_columns_are_named_with_a_suggestion() {
        let schema = caucus_core::schema();
        let e = Columns::from_header(["case.reference", "parties.0.nmae"], &schema)
            .expect_err("unknown column");
        assert!(e.contains("column 2 `parties.0.nmae`"), "{e}");
        assert!(e.contains("parties.0.name"), "{e}");
    }

    #[test]
    fn rows_start_from_the_base_and_the_lists_they_reach_into() {
        let schema = caucus_core::schema();
        let columns = Columns::from_header(
            ["case.reference", "parties.0.name", "recording.policy"],
            &schema,
        )
        .expect("valid header");
        let defaults = serde_json::to_value(caucus_core::Options::default()).expect("value");
        let base = json!({"mediator": {"name": "M"}});
        let mut full = defaults.clone();
        super::super::cases::merge(&mut full, base.clone());
        let start = columns.start(&base, &full);
        assert_eq!(
            start,
            json!({"mediator": {"name": "M"}, "parties": defaults["parties"].clone()})
        );
        // Both give the same options for a row.
        let row = |mut value: Value| {
            columns
                .apply(&mut value, ["R1", "Acme", "prohibited"])
                .expect("valid cells");
            caucus_core::Options::from_value(value).expect("valid options")
        };
        assert_eq!(row(start), row(full));
    }

    #[test]
    fn rows_start_from_everything_when_a_default_differs() {
        let schema = caucus_core::schema();
        let columns = Columns::from_header(["case.reference"], &schema).expect("valid header");
        // A table created empty would not have the locale this start has.
        let full = json!({"case": {"locale": "en-US"}});
        assert_eq!(columns.start(&json!({}), &full), full);
    }

    #[test]
    fn empty_cells_set_nothing() {
        let schema = caucus_core::schema();
        let columns = Columns::from_header(["recording.policy"], &schema).expect("valid");
        let mut value = json!({});
        columns.apply(&mut value, [""]).expect("nothing to set");
        assert_eq!(value, json!({}));
    }
}
