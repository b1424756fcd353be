//! The helpers that write Markdown: `ref`, `join`, `spell` and `date`.
//!
//! Their output is Markdown, written as it is; any user-typed value they print is
//! escaped here, because only plain `{{path}}` values are escaped by the renderer.

use super::escape::push_escaped;
use super::render::{Context, RenderError};
use super::spell::spell;
use super::syntax::Expr;
use crate::options::{Date, Locale};
use serde_json::Value;
use std::borrow::Cow;

/// The helpers that print text, as opposed to the comparisons, which give a value.
pub const MARKDOWN_HELPERS: &[&str] = &["ref", "join", "spell", "date"];

/// The helpers that give a value, used in `{{#if (...)}}`.
pub const VALUE_HELPERS: &[&str] = &[
    "eq", "ne", "gt", "gte", "lt", "lte", "and", "or", "not", "len",
];

/// Whether `name` is a helper that writes Markdown.
pub fn writes_markdown(name: &str) -> bool {
    MARKDOWN_HELPERS.contains(&name)
}

/// Evaluates an argument of a helper.
pub type Eval<'e, 'a> = &'e dyn Fn(&'a Expr) -> Result<Cow<'a, Value>, RenderError>;

fn fail(message: String) -> RenderError {
    RenderError(message)
}

fn literal<'a>(args: &'a [Expr], index: usize, helper: &str) -> Result<&'a str, RenderError> {
    match args.get(index) {
        Some(Expr::Literal(Value::String(s))) => Ok(s),
        _ => Err(fail(format!(
            "`{helper}` needs a quoted name as argument {}",
            index + 1
        ))),
    }
}

/// Writes the output of the helper `name` applied to `args`.
pub fn write<'a>(
    name: &str,
    args: &'a [Expr],
    cx: &Context<'a>,
    eval: Eval<'_, 'a>,
    out: &mut String,
) -> Result<(), RenderError> {
    match name {
        // `{{ref "recording"}}` → `clause 6` (or the document's own word: `section 6`).
        "ref" => {
            let target = literal(args, 0, "ref")?;
            let number = cx
                .refs
                .iter()
                .find(|(id, _)| *id == target)
                .map(|(_, n)| *n)
                .ok_or_else(|| {
                    fail(format!(
                        "`{{{{ref \"{target}\"}}}}` names a clause that is not numbered in this document under these options"
                    ))
                })?;
            out.push_str(cx.ref_word);
            out.push(' ');
            out.push_str(&number.to_string());
        }
        // `{{join parties "name"}}` → `A, B and C`; a third argument replaces "and".
        "join" => {
            let list = args
                .first()
                .map(eval)
                .transpose()?
                .ok_or_else(|| fail("`join` needs a list as its first argument".to_owned()))?;
            let Value::Array(list) = list.as_ref() else {
                return Err(fail("`join` needs a list as its first argument".to_owned()));
            };
            let text = |i: usize| match args.get(i) {
                Some(Expr::Literal(Value::String(s))) => Some(s.as_str()),
                _ => None,
            };
            let field = text(1);
            let conjunction = text(2).unwrap_or("and");
            let items: Vec<String> = list
                .iter()
                .map(|item| {
                    let value = match field {
                        Some(f) => item.get(f).unwrap_or(&Value::Null),
                        None => item,
                    };
                    let mut escaped = String::new();
                    match value {
                        Value::String(s) => push_escaped(s, &mut escaped),
                        Value::Null => {}
                        other => push_escaped(&other.to_string(), &mut escaped),
                    }
                    escaped
                })
                .collect();
            out.push_str(&join_words(&items, conjunction, cx.locale));
        }
        // `{{spell "organise"}}` → `organize` in en-CA and en-US.
        "spell" => {
            let word = literal(args, 0, "spell")?;
            let spelt = spell(word, cx.locale)
                .ok_or_else(|| fail(format!("`spell` does not know the word \"{word}\"")))?;
            out.push_str(spelt);
        }
        // `{{date case.date}}` → `1 December 2026` (en-GB) or `December 1, 2026`.
        "date" => {
            let value = args.first().map(eval).transpose()?;
            let text = value
                .as_deref()
                .and_then(Value::as_str)
                .ok_or_else(|| fail("`date` needs a date; guard it with {{#if}}".to_owned()))?;
            let date = Date::parse(text).map_err(fail)?;
            out.push_str(&format_date(date, cx.locale));
        }
        other => return Err(fail(format!("there is no helper `{other}`"))),
    }
    Ok(())
}

/// "A", "A and B", "A, B and C" (en-US: "A, B, and C").
pub fn join_words(items: &[String], conjunction: &str, locale: Locale) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [a, b] => format!("{a} {conjunction} {b}"),
        [init @ .., last] => {
            let serial = if locale == Locale::EnUs { "," } else { "" };
            format!("{}{serial} {conjunction} {last}", init.join(", "))
        }
    }
}

pub(crate) const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The long date style of each locale.
pub fn format_date(date: Date, locale: Locale) -> String {
    let month = MONTHS[usize::from(date.month.clamp(1, 12) - 1)];
    match locale {
        Locale::EnGb => format!("{} {month} {}", date.day, date.year),
        Locale::EnCa | Locale::EnUs => format!("{month} {}, {}", date.day, date.year),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_join_by_locale() {
        let names: Vec<String> = ["A", "B", "C"].map(String::from).to_vec();
        assert_eq!(join_words(&names, "and", Locale::EnGb), "A, B and C");
        assert_eq!(join_words(&names, "and", Locale::EnUs), "A, B, and C");
        assert_eq!(join_words(&names[..2], "or", Locale::EnUs), "A or B");
        assert_eq!(join_words(&names[..1], "and", Locale::EnGb), "A");
    }

    #[test]
    fn dates_follow_the_locale() {
        let d = Date::parse("2026-12-01").expect("valid");
        assert_eq!(format_date(d, Locale::EnGb), "1 December 2026");
        assert_eq!(format_date(d, Locale::EnUs), "December 1, 2026");
    }
}
