//! CSV columns as option paths: checking a header against the options model, and turning
//! a row's cells into option values of the right kind.

use caucus_core::Diagnostic;
use caucus_core::model::{self, Kind, OptionPath};
use serde_json::Value;

/// What a column's cells hold, from the kind of its option.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cell {
    /// true/false (also yes/no, 1/0)
    YesNo,
    /// a number
    Number,
    /// text, including a choice, a date or a time
    Text,
    /// a list or a table, written as JSON in the cell
    Json,
}

/// One column: the option path it sets and how to read its cells.
#[derive(Debug, Clone)]
struct Column {
    path: OptionPath,
    cell: Cell,
}

/// The columns of a header. Columns whose name is empty or starts with `#` are notes for
/// people and are ignored.
#[derive(Debug)]
pub struct Columns {
    columns: Vec<Option<Column>>,
}

impl Columns {
    /// Checks every header cell; all the unknown ones are reported together.
    pub fn from_header<'a>(header: impl IntoIterator<Item = &'a str>) -> Result<Columns, String> {
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
            let column = OptionPath::parse(name)
                .map_err(|e| e.reason)
                .and_then(|path| {
                    if path.is_pattern() {
                        return Err("a column sets one value: give a position, not `*`".into());
                    }
                    let option =
                        model::option_at(&path).ok_or_else(|| match model::suggest(name) {
                            Some(near) => {
                                format!("there is no such option (did you mean `{near}`?)")
                            }
                            None => {
                                "there is no such option; `caucus schema` lists the options".into()
                            }
                        })?;
                    Ok(Column {
                        cell: cell_of(&option.kind),
                        path,
                    })
                });
            match column {
                Ok(column) => columns.push(Some(column)),
                Err(reason) => {
                    problems.push(format!("column {} `{name}`: {reason}", i + 1));
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

    /// The groups of options the columns set (`case`, `parties`, ...): the first key of
    /// each column's path.
    pub fn groups(&self) -> impl Iterator<Item = &str> {
        self.columns
            .iter()
            .flatten()
            .filter_map(|column| match column.path.segments().first() {
                Some(model::Segment::Key(group)) => Some(group.as_str()),
                _ => None,
            })
    }

    /// Sets each non-empty cell's option in `value` (a copy of the base options), and
    /// reports every cell that could not be set, with its option path.
    pub fn apply<'a>(
        &self,
        value: &mut Value,
        cells: impl IntoIterator<Item = &'a str>,
    ) -> Result<(), Vec<Diagnostic>> {
        let mut problems = Vec::new();
        for (column, cell) in self.columns.iter().zip(cells) {
            let Some(column) = column else { continue };
            if cell.trim().is_empty() {
                continue;
            }
            let set = convert(column.cell, cell)
                .and_then(|parsed| column.path.set(value, parsed).map_err(|e| e.to_string()));
            if let Err(message) = set {
                problems.push(Diagnostic::error(
                    "invalid-value",
                    column.path.to_string(),
                    message,
                ));
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems)
        }
    }
}

fn cell_of(kind: &Kind) -> Cell {
    match kind {
        Kind::YesNo => Cell::YesNo,
        Kind::Number { .. } => Cell::Number,
        Kind::Text | Kind::Choice(_) | Kind::Date | Kind::Time | Kind::TimeZone => Cell::Text,
        Kind::List(_) | Kind::Table(_) | Kind::Map(_) => Cell::Json,
    }
}

/// A cell's text as the value its column's kind calls for. Text that does not read as
/// that kind is passed on as text, so the engine reports it with its usual message.
fn convert(cell: Cell, text: &str) -> Result<Value, String> {
    let trimmed = text.trim();
    Ok(match cell {
        Cell::Text => Value::String(text.to_owned()),
        Cell::YesNo => match trimmed.to_ascii_lowercase().as_str() {
            "true" | "yes" | "1" => Value::Bool(true),
            "false" | "no" | "0" => Value::Bool(false),
            _ => Value::String(trimmed.to_owned()),
        },
        Cell::Number => {
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
        Cell::Json => serde_json::from_str(trimmed)
            .map_err(|e| format!("this column takes JSON (a list or a table): {e}"))?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn columns_are_typed_by_the_model() {
        let columns = Columns::from_header([
            "case.reference",
            "parties.1.name",
            "breakout_rooms.enabled",
            "costs.shares.0",
            "attendance.disclosure_deadline_hours",
            "platform.data_regions",
            "# notes",
        ])
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
        let e = Columns::from_header(["case.reference", "parties.1.nmae", "parties..name", "zzz"])
            .expect_err("unknown columns");
        assert!(
            e.contains("column 2 `parties.1.nmae`: there is no such option (did you mean `parties.1.name`?)"),
            "{e}"
        );
        assert!(
            e.contains("column 3 `parties..name`: part 2 is empty"),
            "{e}"
        );
        assert!(
            e.contains("column 4 `zzz`: there is no such option; `caucus schema`"),
            "{e}"
        );
    }

    #[test]
    fn a_cell_that_cannot_be_set_is_reported_with_its_path() {
        let columns = Columns::from_header(["parties.0.name", "platform.data_regions"])
            .expect("valid header");
        let mut value = json!({"parties": "none"});
        let problems = columns
            .apply(&mut value, ["Acme", "[\"EU\""])
            .expect_err("two problems");
        let found: Vec<(&str, &str)> = problems
            .iter()
            .map(|d| (d.path.as_str(), d.message.as_str()))
            .collect();
        assert_eq!(found[0].0, "parties.0.name");
        assert!(
            found[0].1.contains("`parties` holds text, not a list"),
            "{found:?}"
        );
        assert_eq!(found[1].0, "platform.data_regions");
        assert!(found[1].1.contains("takes JSON"), "{found:?}");
    }

    #[test]
    fn empty_cells_set_nothing() {
        let columns = Columns::from_header(["recording.policy"]).expect("valid");
        let mut value = json!({});
        columns.apply(&mut value, [""]).expect("nothing to set");
        assert_eq!(value, json!({}));
    }
}
