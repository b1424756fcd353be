//! A choice among named values: radio buttons, or a select when the choices are many.

use serde_json::Value;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::field_help::FieldHelp;
use super::use_dispatch;
use crate::ids::field_id;
use crate::state::{Action, Field};

#[derive(Properties, PartialEq)]
pub struct ChoiceFieldProps {
    /// The option path, for example `recording.policy`.
    pub path: AttrValue,
    /// What the field shows.
    pub field: Field,
    /// Show a drop-down list rather than radio buttons.
    #[prop_or_default]
    pub select: bool,
    #[prop_or_default]
    pub label: Option<AttrValue>,
    #[prop_or(true)]
    pub help: bool,
}

/// A labelled group of radio buttons, or a labelled select.
#[component]
pub fn ChoiceField(props: &ChoiceFieldProps) -> Html {
    let store = use_dispatch();
    let path = props.path.to_string();
    let id = field_id(&path);
    let help_id = format!("{id}-help");
    let help = props.help.then(|| super::help(&path)).flatten();
    let current = props.field.text.to_string();
    let invalid = props.field.invalid;
    let label = props
        .label
        .clone()
        .unwrap_or_else(|| AttrValue::from(super::title(&path)));
    let set = {
        let store = store.clone();
        let path = path.clone();
        Callback::from(move |value: String| {
            store.dispatch(Action::Set {
                path: path.clone(),
                value: Value::String(value.clone()),
                text: value,
            });
        })
    };
    let choices: Vec<(String, String)> = caucus_core::model::option(&path)
        .map(|option| {
            option
                .choices()
                .iter()
                .map(|c| (crate::state::display(&c.value), c.title.clone()))
                .collect()
        })
        .unwrap_or_default();
    if props.select {
        let onchange =
            set.reform(|e: Event| e.target_unchecked_into::<HtmlSelectElement>().value());
        html! {
            <div class="field select">
                <label for={id.clone()}>{ label }</label>
                <select
                    id={id}
                    {onchange}
                    aria-describedby={help.as_ref().map(|_| help_id.clone())}
                    aria-invalid={invalid.then_some("true")}
                >
                    { for choices.iter().map(|(value, words)| html! {
                        <option value={value.clone()} selected={current == *value}>{ words.clone() }</option>
                    }) }
                </select>
                <FieldHelp id={help_id} text={help} />
            </div>
        }
    } else {
        let onchange = set.reform(|e: Event| e.target_unchecked_into::<HtmlInputElement>().value());
        html! {
            <fieldset
                class="field choice"
                id={id.clone()}
                aria-describedby={help.as_ref().map(|_| help_id.clone())}
            >
                <legend>{ label }</legend>
                <FieldHelp id={help_id.clone()} text={help.clone()} />
                { for choices.iter().map(|(value, words)| {
                    let option_id = format!("{id}-{value}");
                    html! {
                        <div class="option">
                            <input
                                type="radio"
                                id={option_id.clone()}
                                name={id.clone()}
                                value={value.clone()}
                                checked={current == *value}
                                onchange={onchange.clone()}
                            />
                            <label for={option_id}>{ words.clone() }</label>
                        </div>
                    }
                }) }
            </fieldset>
        }
    }
}
