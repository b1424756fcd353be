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
    let items = list
        .get(&store.value)
        .and_then(Value::as_array)
        .map_or(0, Vec::len);
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
                { for (0..items).map(|i| {
                    let name = model::item_label(&list, i, &store.value);
                    html! { <option value={i.to_string()} selected={current == i.to_string()}>{ name }</option> }
                }) }
            </select>
            <FieldNote id={note_id} message={props.field.message.clone()} />
            <FieldHelp id={help_id} text={help} />
        </div>
    }
}
