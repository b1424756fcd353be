//! A number that is a position in another list (the party that asked for the platform),
//! chosen by the items' names.

use caucus_core::model;
use serde_json::Value;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::field_help::{FieldHelp, FieldNote, described_by};
use super::part::Part;
use crate::ids::field_id;
use crate::state::{Action, Field};

#[derive(Properties, PartialEq)]
pub struct IndexFieldProps {
    /// The option (`costs.requesting_party`): drawn again only when what it shows changed
    /// (its value, or the items of the list it points into).
    pub part: Part,
    /// What the field shows.
    pub field: Field,
}

/// A select listing the items of the list the option points into (`x-index-of`).
#[component]
pub fn IndexField(props: &IndexFieldProps) -> Html {
    let store = &props.part.store;
    let path = props.part.at.to_string();
    let Some(list) = model::option(&path).and_then(|o| o.index_of.clone()) else {
        return Html::default();
    };
    let id = field_id(&path);
    let help_id = format!("{id}-help");
    let current = props.field.text.to_string();
    let item_title = model::option_at(&list.clone().any())
        .map(|o| o.title.clone())
        .unwrap_or_default();
    let items = list
        .get(&store.value)
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let help = super::help(&path);
    let describedby = described_by(&id, help.is_some(), &props.field.message);
    let note_id = format!("{id}-message");
    let onchange = {
        let store = store.clone();
        let path = path.clone();
        Callback::from(move |e: Event| {
            let text = e.target_unchecked_into::<HtmlSelectElement>().value();
            if let Ok(index) = text.parse::<usize>() {
                store.dispatch(Action::Set {
                    path: path.clone(),
                    value: Value::from(index),
                    text,
                });
            }
        })
    };
    html! {
        <div class="field select">
            <label for={id.clone()}>{ super::title(&path) }</label>
            <select id={id} {onchange} aria-describedby={describedby} aria-invalid={props.field.invalid.then_some("true")}>
                { for items.iter().enumerate().map(|(i, item)| {
                    let name = item
                        .get("name")
                        .and_then(Value::as_str)
                        .map(str::trim)
                        .filter(|n| !n.is_empty())
                        .map_or_else(|| format!("{item_title} {}", i + 1), str::to_owned);
                    html! { <option value={i.to_string()} selected={current == i.to_string()}>{ name }</option> }
                }) }
            </select>
            <FieldNote id={note_id} message={props.field.message.clone()} />
            <FieldHelp id={help_id} text={help} />
        </div>
    }
}
