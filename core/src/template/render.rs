//! Rendering compiled templates against the options.
//!
//! The data is built once per assembly: the options as JSON, plus `derived`. Before the
//! clauses of a document are rendered, that document's clause numbers and reference word
//! are put beside them (under keys no template can name, read by `ref`), so that one
//! value serves every document and every template.
//!
//! Rendering is strict: a path that does not exist is an error, never an empty string.
//! Load-time validation walks every branch of every template, so a pack that loaded
//! renders any valid options without error; the errors here are a last line of defence.

use super::derived::Derived;
use super::helpers::{REF_WORD_KEY, REFS_KEY};
use super::registry;
use crate::facts::Facts;
use crate::options::Options;
use handlebars::template::TemplateElement;
use handlebars::{Context, Output, RenderContext, RenderError, Renderable, Template};
use serde_json::{Map, Value};

/// What templates are rendered against.
#[derive(Debug)]
pub struct Data {
    context: Context,
}

impl Data {
    /// The options and their `derived` values.
    pub fn new(options: &Options, facts: &Facts) -> Result<Data, serde_json::Error> {
        let mut value = serde_json::to_value(options)?;
        let derived = serde_json::to_value(Derived::new(options, facts))?;
        if let Value::Object(map) = &mut value {
            map.insert("derived".into(), derived);
        }
        Ok(Data {
            context: Context::from(value),
        })
    }

    /// The options (with `derived`) as JSON, for conditions.
    pub fn root(&self) -> &Value {
        self.context.data()
    }

    /// The same, to add values beside the options (the chosen platform's facts).
    pub fn root_mut(&mut self) -> &mut Value {
        self.context.data_mut()
    }

    /// Makes `{{ref "x"}}` read this document's numbers (topic or clause id → number) and
    /// write its reference word ("clause", "section").
    pub fn set_document(&mut self, refs: &[(&str, u32)], ref_word: &str) {
        if let Value::Object(map) = self.context.data_mut() {
            let refs: Map<String, Value> = refs
                .iter()
                .map(|&(id, n)| (id.to_owned(), Value::from(n)))
                .collect();
            map.insert(REFS_KEY.into(), Value::Object(refs));
            map.insert(REF_WORD_KEY.into(), Value::String(ref_word.to_owned()));
        }
    }

    /// Puts `item` beside the options, or takes it away: what a clause written for each
    /// item of a list (`for_each`) reads its item from.
    pub fn set_item(&mut self, item: Option<Value>) {
        if let Value::Object(map) = self.context.data_mut() {
            match item {
                Some(item) => map.insert("item".into(), item),
                None => map.remove("item"),
            };
        }
    }

    /// Renders a compiled template.
    pub fn render(&self, template: &Template) -> Result<String, RenderError> {
        if let Some(text) = text_only(template) {
            return Ok(text.to_owned());
        }
        let mut out = Text(String::with_capacity(1024));
        let mut rc = RenderContext::new(None);
        template.render(registry(), &self.context, &mut rc, &mut out)?;
        Ok(out.0)
    }
}

/// The template's text when it has no tags at all: its rendering, whatever the values.
/// Most titles are such, and rendering them through handlebars would cost a copy anyway.
pub(super) fn text_only(template: &Template) -> Option<&str> {
    match template.elements.as_slice() {
        [] => Some(""),
        [TemplateElement::RawString(text)] => Some(text),
        _ => None,
    }
}

/// handlebars' output, appended to a String.
struct Text(String);

impl Output for Text {
    fn write(&mut self, seg: &str) -> std::io::Result<()> {
        self.0.push_str(seg);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::options::Locale;

    fn data(options: &Options) -> Data {
        let mut data = Data::new(options, &Facts::default()).expect("options serialize");
        data.set_document(&[("recording", 6), ("recording-prohibited", 6)], "clause");
        data
    }

    fn render(source: &str, options: &Options) -> Result<String, String> {
        let template = Template::compile(source).map_err(|e| e.to_string())?;
        data(options).render(&template).map_err(|e| e.to_string())
    }

    fn two_parties() -> Options {
        Options::from_json_str(
            r#"{"parties": [{"name": "*Acme* <b>", "role": "Claimant"},
                            {"name": "Beta 1. Ltd", "role": "Respondent"}],
                "case": {"date": "2026-12-01"}}"#,
        )
        .expect("valid options")
    }

    #[test]
    fn values_are_escaped_and_helpers_write_markdown() {
        let options = two_parties();
        assert_eq!(
            render(
                "{{parties.0.name}} and {{join parties \"name\"}}.",
                &options
            )
            .as_deref(),
            Ok("\\*Acme\\* \\<b\\> and \\*Acme\\* \\<b\\> and Beta 1. Ltd.")
        );
        assert_eq!(
            render(
                "See {{ref \"recording\"}}; {{spell \"organise\"}} on {{date case.date}}.",
                &options
            )
            .as_deref(),
            Ok("See clause 6; organise on 1 December 2026.")
        );
        let mut american = two_parties();
        american.case.locale = Locale::EnUs;
        assert_eq!(
            render("{{spell \"organise\"}} on {{date case.date}}", &american).as_deref(),
            Ok("organize on December 1, 2026")
        );
    }

    #[test]
    fn blocks_and_value_helpers_are_handlebars_own() {
        let options = two_parties();
        let source = "{{#each parties}}{{@index}}:{{role}}{{#unless @last}}, {{/unless}}{{/each}}\
                      {{#if (eq recording.policy \"prohibited\")}} no{{else}} yes{{/if}}\
                      {{#with mediator}}{{#if (not name)}} unnamed{{/if}}{{/with}} {{len parties}}";
        assert_eq!(
            render(source, &options).as_deref(),
            Ok("0:Claimant, 1:Respondent no unnamed 2")
        );
    }

    #[test]
    fn a_block_tag_alone_on_its_line_takes_the_line() {
        let source =
            "Intro.\n  {{#if breakout_rooms.enabled}}  \nYes.\n{{else}}\nNo.\n  {{/if}}\nEnd.";
        assert_eq!(
            render(source, &Options::default()).as_deref(),
            Ok("Intro.\nYes.\nEnd.")
        );
    }

    #[test]
    fn rendering_is_strict() {
        let options = two_parties();
        assert!(render("{{nothing}}", &options).is_err());
        assert!(render("{{ref \"nowhere\"}}", &options).is_err());
        assert!(render("{{lookup parties 0}}", &options).is_err());
    }
}
