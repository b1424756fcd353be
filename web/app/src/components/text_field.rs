//! A text field for one option: free text, a date, a time, or a list written with commas.

use caucus_core::Diagnostic;
use caucus_core::model::{OptionPath, draft};
use caucus_core::options::{Date, Locale, TimeOfDay};
use serde_json::Value;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::field_help::{FieldHelp, FieldNote, described_by};
use super::use_dispatch;
use crate::ids::field_id;
use crate::state::{Action, Field};

/// What the text stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TextKind {
    #[default]
    Text,
    /// A date as core reads a typed one in the chosen style ("25 November 2026",
    /// "25/11/2026" in British English); empty is "none".
    Date,
    /// `HH:MM` as core reads a typed time ("2:30 pm", "14.30"); empty is "none".
    Time,
    /// A list of words separated by commas.
    List,
}

#[derive(Properties, PartialEq)]
pub struct TextFieldProps {
    /// The option path, for example `mediator.name`.
    pub path: AttrValue,
    /// What the field shows.
    pub field: Field,
    #[prop_or_default]
    pub kind: TextKind,
    /// Overrides the option's usual label (the party's name field says "Full legal name").
    #[prop_or_default]
    pub label: Option<AttrValue>,
    #[prop_or_default]
    pub placeholder: Option<AttrValue>,
    #[prop_or_default]
    pub autocomplete: Option<AttrValue>,
    /// Whether to show the help text (lists repeat it once, not per row).
    #[prop_or(true)]
    pub help: bool,
    /// The spelling and date style, for reading a typed date.
    #[prop_or_default]
    pub locale: Locale,
}

/// A labelled text input whose every keystroke updates the options.
#[component]
pub fn TextField(props: &TextFieldProps) -> Html {
    let store = use_dispatch();
    let path = props.path.to_string();
    let id = field_id(&path);
    let help_id = format!("{id}-help");
    let help = props.help.then(|| super::help(&path)).flatten();
    let invalid = props.field.invalid;
    let oninput = {
        let store = store.clone();
        let path = path.clone();
        let kind = props.kind;
        let locale = props.locale;
        Callback::from(move |e: InputEvent| {
            let text = e.target_unchecked_into::<HtmlInputElement>().value();
            let value = match kind {
                TextKind::Text => Value::String(text.clone()),
                TextKind::Date | TextKind::Time if text.trim().is_empty() => Value::Null,
                TextKind::Date => match Date::read(&text, locale) {
                    Ok(date) => Value::String(date.to_string()),
                    Err(message) => {
                        store.dispatch(Action::Reject {
                            path: path.clone(),
                            text,
                            error: Diagnostic::error("not-a-date", path.clone(), message)
                                .hint("write the day, the month's name and the year"),
                        });
                        return;
                    }
                },
                // A time is typed as people write it ("2:30 pm", "14.30"); core reads it.
                TextKind::Time => match TimeOfDay::read(&text) {
                    Ok(time) => Value::String(time.to_string()),
                    Err(message) => {
                        store.dispatch(Action::Reject {
                            path: path.clone(),
                            text,
                            error: Diagnostic::error("not-a-time", path.clone(), message)
                                .hint("write the time like 09:30, 14:30 or 2:30 pm"),
                        });
                        return;
                    }
                },
                TextKind::List => Value::Array(
                    text.split(',')
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .map(|s| Value::String(s.to_owned()))
                        .collect(),
                ),
            };
            store.dispatch(Action::Set {
                path: path.clone(),
                value,
                text,
            });
        })
    };
    let input_type = match props.kind {
        TextKind::Text | TextKind::List | TextKind::Time | TextKind::Date => "text",
    };
    let describedby = described_by(&id, help.is_some(), &props.field.message);
    let note_id = format!("{id}-message");
    let label = props
        .label
        .clone()
        .unwrap_or_else(|| AttrValue::from(super::title(&path)));
    html! {
        <div class="field">
            <label for={id.clone()}>{ label }</label>
            <input
                id={id}
                type={input_type}
                value={props.field.text.clone()}
                {oninput}
                placeholder={props.placeholder.clone().or_else(|| placeholder(&path, props.kind, props.locale))}
                autocomplete={props.autocomplete.clone().unwrap_or(AttrValue::Static("off"))}
                spellcheck="false"
                aria-describedby={describedby}
                aria-invalid={invalid.then_some("true")}
            />
            <FieldNote id={note_id} message={props.field.message.clone()} />
            <FieldHelp id={help_id} text={help} />
        </div>
    }
}

/// What an empty field shows: for a name, the placeholder the documents hold until it
/// is typed ("[Party 2]"); for a time, how to write one; else the option's example.
fn placeholder(path: &str, kind: TextKind, locale: Locale) -> Option<AttrValue> {
    let named = OptionPath::parse(path)
        .ok()
        .and_then(|p| draft::placeholder(&p));
    let text = match named {
        Some(placeholder) => Some(placeholder),
        _ if kind == TextKind::Time && locale.twenty_four_hour() => {
            Some("09:30 or 14:30".to_owned())
        }
        _ if kind == TextKind::Time => Some("9:30 am or 2:30 pm".to_owned()),
        _ if kind == TextKind::Date && locale.day_first() => Some("25 November 2026".to_owned()),
        _ if kind == TextKind::Date => Some("November 25, 2026".to_owned()),
        _ => super::example(path),
    };
    text.map(AttrValue::from)
}
