//! The party that asked for the platform, chosen by name.

use serde_json::Value;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::field_help::FieldHelp;
use super::use_store;
use crate::labels;
use crate::state::Action;

#[derive(Properties, PartialEq)]
pub struct RequestingPartyProps {}

/// A select listing the parties by name.
#[component]
pub fn RequestingParty(_props: &RequestingPartyProps) -> Html {
    let store = use_store();
    let path = "costs.requesting_party";
    let id = labels::field_id(path);
    let help_id = format!("{id}-help");
    let current = store.options.costs.requesting_party;
    let invalid = store.invalid.contains(path);
    let onchange = {
        let store = store.clone();
        Callback::from(move |e: Event| {
            let text = e.target_unchecked_into::<HtmlSelectElement>().value();
            if let Ok(index) = text.parse::<usize>() {
                store.dispatch(Action::Set {
                    path: path.to_owned(),
                    value: Value::from(index),
                    text,
                });
            }
        })
    };
    html! {
        <div class="field select">
            <label for={id.clone()}>{ labels::label(path) }</label>
            <select id={id} {onchange} aria-describedby={help_id.clone()} aria-invalid={invalid.then_some("true")}>
                { for store.options.parties.iter().enumerate().map(|(i, party)| {
                    let name = if party.name.trim().is_empty() {
                        format!("Party {}", i + 1)
                    } else {
                        party.name.trim().to_owned()
                    };
                    html! { <option value={i.to_string()} selected={i == current}>{ name }</option> }
                }) }
            </select>
            <FieldHelp id={help_id} text={labels::help(path)} />
        </div>
    }
}
