//! The template helpers: `ref`, `join`, `spell` and `date`.
//!
//! Helpers read what they need from the render context's root: the locale from
//! `case.locale` and the clause numbers of the document being rendered from `__refs`.
//! Their output is Markdown; any user-typed value they print is escaped here, because
//! handlebars escapes only plain `{{path}}` expressions.

use super::escape::escape_markdown;
use super::spell::spell;
use crate::options::{Date, Locale};
use handlebars::{
    Context, Handlebars, Helper, HelperDef, HelperResult, Output, RenderContext, RenderError,
    RenderErrorReason,
};
use serde_json::Value;

/// Where the assembler puts each document's numbers: topic or clause id → number.
pub const REFS_KEY: &str = "__refs";

/// Where the assembler puts the word a cross-reference uses in this document.
pub const REF_WORD_KEY: &str = "__ref_word";

pub fn register(registry: &mut Handlebars<'static>) {
    registry.register_helper("ref", Box::new(RefHelper));
    registry.register_helper("join", Box::new(JoinHelper));
    registry.register_helper("spell", Box::new(SpellHelper));
    registry.register_helper("date", Box::new(DateHelper));
}

fn fail(message: String) -> RenderError {
    RenderErrorReason::Other(message).into()
}

fn locale(ctx: &Context) -> Locale {
    ctx.data()
        .get("case")
        .and_then(|case| case.get("locale"))
        .and_then(|l| serde_json::from_value(l.clone()).ok())
        .unwrap_or_default()
}

fn literal<'a>(h: &'a Helper<'_>, index: usize, helper: &str) -> Result<&'a str, RenderError> {
    h.param(index)
        .and_then(|p| p.value().as_str())
        .ok_or_else(|| {
            fail(format!(
                "`{helper}` needs a quoted name as argument {}",
                index + 1
            ))
        })
}

/// `{{ref "recording"}}` → `clause 6` (or the document's own word: `section 6`).
struct RefHelper;

impl HelperDef for RefHelper {
    fn call<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        _: &'reg Handlebars<'reg>,
        ctx: &'rc Context,
        _: &mut RenderContext<'reg, 'rc>,
        out: &mut dyn Output,
    ) -> HelperResult {
        let target = literal(h, 0, "ref")?;
        let number = ctx
            .data()
            .get(REFS_KEY)
            .and_then(|refs| refs.get(target))
            .and_then(Value::as_u64)
            .ok_or_else(|| {
                fail(format!(
                    "`{{{{ref \"{target}\"}}}}` names a clause that is not numbered in this document under these options"
                ))
            })?;
        let word = ctx
            .data()
            .get(REF_WORD_KEY)
            .and_then(Value::as_str)
            .unwrap_or("clause");
        out.write(word)?;
        out.write(" ")?;
        out.write(&number.to_string())?;
        Ok(())
    }
}

/// `{{join parties "name"}}` → `A, B and C`; a third argument replaces "and".
struct JoinHelper;

impl HelperDef for JoinHelper {
    fn call<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        _: &'reg Handlebars<'reg>,
        ctx: &'rc Context,
        _: &mut RenderContext<'reg, 'rc>,
        out: &mut dyn Output,
    ) -> HelperResult {
        let list = h
            .param(0)
            .and_then(|p| p.value().as_array())
            .ok_or_else(|| fail("`join` needs a list as its first argument".to_owned()))?;
        let field = h.param(1).and_then(|p| p.value().as_str());
        let conjunction = h.param(2).and_then(|p| p.value().as_str()).unwrap_or("and");
        let items: Vec<String> = list
            .iter()
            .map(|item| {
                let value = match field {
                    Some(f) => item.get(f).unwrap_or(&Value::Null),
                    None => item,
                };
                match value {
                    Value::String(s) => escape_markdown(s),
                    Value::Null => String::new(),
                    other => escape_markdown(&other.to_string()),
                }
            })
            .collect();
        out.write(&join_words(&items, conjunction, locale(ctx)))?;
        Ok(())
    }
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

/// `{{spell "organise"}}` → `organize` in en-CA and en-US.
struct SpellHelper;

impl HelperDef for SpellHelper {
    fn call<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        _: &'reg Handlebars<'reg>,
        ctx: &'rc Context,
        _: &mut RenderContext<'reg, 'rc>,
        out: &mut dyn Output,
    ) -> HelperResult {
        let word = literal(h, 0, "spell")?;
        let spelt = spell(word, locale(ctx))
            .ok_or_else(|| fail(format!("`spell` does not know the word \"{word}\"")))?;
        out.write(spelt)?;
        Ok(())
    }
}

/// `{{date case.date}}` → `1 December 2026` (en-GB) or `December 1, 2026`.
struct DateHelper;

impl HelperDef for DateHelper {
    fn call<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        _: &'reg Handlebars<'reg>,
        ctx: &'rc Context,
        _: &mut RenderContext<'reg, 'rc>,
        out: &mut dyn Output,
    ) -> HelperResult {
        let text = h
            .param(0)
            .and_then(|p| p.value().as_str())
            .ok_or_else(|| fail("`date` needs a date; guard it with {{#if}}".to_owned()))?;
        let date = Date::parse(text).map_err(fail)?;
        out.write(&format_date(date, locale(ctx)))?;
        Ok(())
    }
}

const MONTHS: [&str; 12] = [
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
