//! The helpers clause templates may use: one table of their names, forms and arguments,
//! read both by pack validation (`pack/validate.rs`) and by the registry that renders
//! (`template/mod.rs`), and our own helpers `ref`, `join`, `spell` and `date`.
//!
//! The value helpers (`eq`, `and`, `len`, ...) and the blocks (`#if`, `#each`, ...) are
//! handlebars' own; the table says how clause templates may use them. The helpers that
//! write Markdown are ours. Their output is written as it is: any user-typed value they
//! print is escaped here, because handlebars escapes only plain `{{path}}` values.

use super::escape::push_escaped;
use super::spell::spell;
use crate::options::{Date, Locale};
use handlebars::{
    Context, Handlebars, Helper, HelperDef, HelperResult, Output, Path, PathSeg, RenderContext,
    RenderError, RenderErrorReason,
};
use serde::Deserialize;
use serde_json::Value;

/// Where a helper may stand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// `{{join parties "name"}}`: writes Markdown. In a subexpression, gives that text.
    Text,
    /// `(eq recording.policy "prohibited")`: gives a value; `{{len parties}}` prints it.
    Value,
    /// `{{#if breakout_rooms.enabled}} ... {{/if}}`.
    Block,
}

/// What an argument must be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arg {
    /// Any value: an option path, a literal or a subexpression.
    Any,
    /// A list in the options.
    List,
    /// A table in the options.
    Table,
    /// A date in the options.
    Date,
    /// Quoted: a field that the elements of the list before it have.
    Field,
    /// Quoted text.
    Text,
    /// Quoted: a topic or clause id of the same document.
    Reference,
    /// Quoted: a word of the spelling list (`template/spell.rs`), in its British form.
    Word,
}

/// A helper's own implementation, or handlebars' helper of that name.
#[derive(Clone, Copy)]
enum Implementation {
    Ours(fn() -> Box<dyn HelperDef + Send + Sync>),
    Handlebars,
}

/// One helper of the template language.
#[derive(Clone, Copy)]
pub struct Spec {
    pub name: &'static str,
    pub form: Form,
    /// Its arguments, in order.
    pub args: &'static [Arg],
    /// How many of them must be given; the rest may be left out.
    pub required: usize,
    /// Whether any number of further arguments like the last may follow.
    pub repeats: bool,
    /// How it is written, for messages.
    pub example: &'static str,
    /// The values of the data it reads besides its arguments (dotted paths): what a
    /// rendering depends on (`reads.rs`). `ref` also reads its target's number.
    pub reads: &'static [&'static str],
    implementation: Implementation,
}

impl std::fmt::Debug for Spec {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Spec").field("name", &self.name).finish()
    }
}

const fn ours(
    name: &'static str,
    args: &'static [Arg],
    required: usize,
    example: &'static str,
    reads: &'static [&'static str],
    implementation: fn() -> Box<dyn HelperDef + Send + Sync>,
) -> Spec {
    Spec {
        name,
        form: Form::Text,
        args,
        required,
        repeats: false,
        example,
        reads,
        implementation: Implementation::Ours(implementation),
    }
}

const fn theirs(
    name: &'static str,
    form: Form,
    args: &'static [Arg],
    repeats: bool,
    example: &'static str,
) -> Spec {
    Spec {
        name,
        form,
        args,
        required: args.len(),
        repeats,
        example,
        reads: &[],
        implementation: Implementation::Handlebars,
    }
}

const COMPARE: &[Arg] = &[Arg::Any, Arg::Any];

/// Where the helpers that write words find the locale ([`locale`]).
const LOCALE: &[&str] = &["case.locale"];

/// Every helper a clause template may use. Anything else is refused when a pack loads.
pub const HELPERS: &[Spec] = &[
    ours(
        "ref",
        &[Arg::Reference],
        1,
        "{{ref \"recording\"}}",
        &[REF_WORD_KEY],
        || Box::new(RefHelper),
    ),
    ours(
        "join",
        &[Arg::List, Arg::Field, Arg::Text],
        1,
        "{{join parties \"name\"}} or {{join parties \"name\" \"or\"}}",
        LOCALE,
        || Box::new(JoinHelper),
    ),
    ours(
        "spell",
        &[Arg::Word],
        1,
        "{{spell \"organise\"}}",
        LOCALE,
        || Box::new(SpellHelper),
    ),
    ours(
        "date",
        &[Arg::Date],
        1,
        "{{date case.date}}",
        LOCALE,
        || Box::new(DateHelper),
    ),
    theirs(
        "eq",
        Form::Value,
        COMPARE,
        false,
        "(eq recording.policy \"prohibited\")",
    ),
    theirs(
        "ne",
        Form::Value,
        COMPARE,
        false,
        "(ne recording.policy \"prohibited\")",
    ),
    theirs(
        "gt",
        Form::Value,
        COMPARE,
        false,
        "(gt derived.party_count 2)",
    ),
    theirs(
        "gte",
        Form::Value,
        COMPARE,
        false,
        "(gte derived.party_count 2)",
    ),
    theirs(
        "lt",
        Form::Value,
        COMPARE,
        false,
        "(lt derived.party_count 3)",
    ),
    theirs(
        "lte",
        Form::Value,
        COMPARE,
        false,
        "(lte derived.party_count 3)",
    ),
    theirs("and", Form::Value, COMPARE, true, "(and a b)"),
    theirs("or", Form::Value, COMPARE, true, "(or a b)"),
    theirs(
        "not",
        Form::Value,
        &[Arg::Any],
        false,
        "(not breakout_rooms.enabled)",
    ),
    theirs("len", Form::Value, &[Arg::Any], false, "(len parties)"),
    theirs(
        "if",
        Form::Block,
        &[Arg::Any],
        false,
        "{{#if path}} ... {{/if}}",
    ),
    theirs(
        "unless",
        Form::Block,
        &[Arg::Any],
        false,
        "{{#unless path}} ... {{/unless}}",
    ),
    theirs(
        "each",
        Form::Block,
        &[Arg::List],
        false,
        "{{#each parties}} ... {{/each}}",
    ),
    theirs(
        "with",
        Form::Block,
        &[Arg::Table],
        false,
        "{{#with mediator}} ... {{/with}}",
    ),
];

/// The helper of this name.
pub fn spec(name: &str) -> Option<&'static Spec> {
    HELPERS.iter().find(|h| h.name == name)
}

/// The helper a path of one name calls (`{{date}}`): in handlebars a path that is a
/// helper's name calls the helper.
pub fn named_by(path: &Path) -> Option<&'static str> {
    match path {
        Path::Relative((segments, _)) => match segments.as_slice() {
            [PathSeg::Named(name)] => spec(name).map(|s| s.name),
            _ => None,
        },
        Path::Local(_) => None,
    }
}

/// handlebars' built-in helpers that are not in [`HELPERS`], so not in the language.
const UNUSED_BUILT_INS: &[&str] = &["lookup", "raw", "log"];

/// Registers the table's helpers: ours are added, handlebars' own are kept, and its
/// other built-in helpers are removed.
pub(super) fn register(registry: &mut Handlebars<'static>) {
    for spec in HELPERS {
        if let Implementation::Ours(make) = spec.implementation {
            registry.register_helper(spec.name, make());
        }
    }
    for name in UNUSED_BUILT_INS {
        registry.unregister_helper(name);
    }
}

/// Where the assembler puts each document's numbers: topic or clause id → number.
pub const REFS_KEY: &str = "__refs";

/// Where the assembler puts the word a cross-reference uses in this document.
pub const REF_WORD_KEY: &str = "__ref_word";

fn fail(message: String) -> RenderError {
    RenderErrorReason::Other(message).into()
}

/// The locale of the options being rendered.
fn locale(ctx: &Context) -> Locale {
    ctx.data()
        .get("case")
        .and_then(|case| case.get("locale"))
        .and_then(|locale| Locale::deserialize(locale).ok())
        .unwrap_or_default()
}

fn quoted<'a>(h: &'a Helper<'_>, index: usize) -> Result<&'a str, RenderError> {
    h.param(index)
        .and_then(|p| p.value().as_str())
        .ok_or_else(|| {
            fail(format!(
                "`{}` needs a quoted name as argument {}",
                h.name(),
                index + 1
            ))
        })
}

/// `{{ref "recording"}}` → `clause 6` (or the document's own word: `section 6`).
#[derive(Debug, Clone, Copy)]
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
        let target = quoted(h, 0)?;
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
#[derive(Debug, Clone, Copy)]
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
                let mut escaped = String::new();
                match value {
                    Value::String(s) => push_escaped(s, &mut escaped),
                    Value::Null => {}
                    other => push_escaped(&other.to_string(), &mut escaped),
                }
                escaped
            })
            .collect();
        out.write(&join_words(&items, conjunction, locale(ctx)))?;
        Ok(())
    }
}

/// `{{spell "organise"}}` → `organize` in en-CA and en-US.
#[derive(Debug, Clone, Copy)]
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
        let word = quoted(h, 0)?;
        let spelt = spell(word, locale(ctx))
            .ok_or_else(|| fail(format!("`spell` does not know the word \"{word}\"")))?;
        out.write(spelt)?;
        Ok(())
    }
}

/// `{{date case.date}}` → `1 December 2026` (en-GB) or `December 1, 2026`.
#[derive(Debug, Clone, Copy)]
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

    #[test]
    fn the_table_is_consistent() {
        for (i, spec) in HELPERS.iter().enumerate() {
            assert!(
                !HELPERS[i + 1..].iter().any(|other| other.name == spec.name),
                "{} twice",
                spec.name
            );
            assert!(spec.required <= spec.args.len(), "{}", spec.name);
            assert!(!spec.args.is_empty() || !spec.repeats, "{}", spec.name);
            let shown = spec.example.contains(spec.name);
            assert!(shown, "the example of {} does not show it", spec.name);
        }
    }
}
