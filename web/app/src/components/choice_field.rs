//! A choice among named values: radio buttons, or a select when the choices are many.

use caucus_core::model;
use serde_json::Value;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::field_help::{FieldHelp, FieldNote, described_by};
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
    // The words each choice puts into the documents (or what it means), from the
    // options model: shown where it is chosen, so that nothing reaches the documents
    // unseen.
    let choices: Vec<(String, String, Option<String>)> = caucus_core::model::option(&path)
        .map(|option| {
            option
                .choices()
                .iter()
                .map(|c| {
                    (
                        crate::state::display(&c.value),
                        c.title.clone(),
                        c.help().map(|text| model::in_words(text, &Value::Null)),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    let note_id = format!("{id}-message");
    let note = html! { <FieldNote id={note_id} message={props.field.message.clone()} /> };
    if props.select {
        let onchange =
            set.reform(|e: Event| e.target_unchecked_into::<HtmlSelectElement>().value());
        let words = choices
            .iter()
            .find(|(value, _, _)| *value == current)
            .and_then(|(_, _, words)| words.clone());
        let words_id = format!("{id}-words");
        let mut describedby: Vec<String> = described_by(&id, help.is_some(), &props.field.message)
            .map(|ids| vec![ids.to_string()])
            .unwrap_or_default();
        if words.is_some() {
            describedby.insert(0, words_id.clone());
        }
        html! {
            <div class="field select">
                <label for={id.clone()}>{ label }</label>
                <select
                    id={id}
                    {onchange}
                    aria-describedby={(!describedby.is_empty()).then(|| describedby.join(" "))}
                    aria-invalid={invalid.then_some("true")}
                >
                    { for choices.iter().map(|(value, title, _)| html! {
                        <option value={value.clone()} selected={current == *value}>{ title.clone() }</option>
                    }) }
                </select>
                if let Some(words) = words {
                    <p class="choice-words" id={words_id}>{ words }</p>
                }
                { note }
                <FieldHelp id={help_id} text={help} />
            </div>
        }
    } else {
        let onchange = set.reform(|e: Event| e.target_unchecked_into::<HtmlInputElement>().value());
        html! {
            <fieldset
                class="field choice"
                id={id.clone()}
                aria-describedby={described_by(&id, help.is_some(), &props.field.message)}
            >
                <legend>{ label }</legend>
                <FieldHelp id={help_id.clone()} text={help.clone()} />
                { note }
                { for choices.iter().map(|(value, title, words)| {
                    let option_id = format!("{id}-{value}");
                    let words_id = format!("{option_id}-words");
                    html! {
                        <div class="option">
                            <input
                                type="radio"
                                id={option_id.clone()}
                                name={id.clone()}
                                value={value.clone()}
                                checked={current == *value}
                                onchange={onchange.clone()}
                                aria-describedby={words.as_ref().map(|_| words_id.clone())}
                            />
                            <label for={option_id}>{ title.clone() }</label>
                            if let Some(words) = words {
                                <p class="choice-words" id={words_id}>{ words.clone() }</p>
                            }
                        </div>
                    }
                }) }
            </fieldset>
        }
    }
}
