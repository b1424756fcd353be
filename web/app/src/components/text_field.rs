//! A text field for one option: free text, a date, a time, or a list written with commas.

use serde_json::Value;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::field_help::FieldHelp;
use super::use_dispatch;
use crate::ids::field_id;
use crate::state::{Action, Field};

/// What the text stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TextKind {
    #[default]
    Text,
    /// `YYYY-MM-DD`; empty is "none".
    Date,
    /// `HH:MM`; empty is "none".
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
        Callback::from(move |e: InputEvent| {
            let text = e.target_unchecked_into::<HtmlInputElement>().value();
            let value = match kind {
                TextKind::Text => Value::String(text.clone()),
                TextKind::Date | TextKind::Time if text.is_empty() => Value::Null,
                TextKind::Date | TextKind::Time => Value::String(text.clone()),
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
        TextKind::Date => "date",
        TextKind::Time => "time",
        TextKind::Text | TextKind::List => "text",
    };
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
                placeholder={props.placeholder.clone().or_else(|| super::example(&path).map(AttrValue::from))}
                autocomplete={props.autocomplete.clone().unwrap_or(AttrValue::Static("off"))}
                spellcheck="false"
                aria-describedby={help.as_ref().map(|_| help_id.clone())}
                aria-invalid={invalid.then_some("true")}
            />
            <FieldHelp id={help_id} text={help} />
        </div>
    }
}
