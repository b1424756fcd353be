//! A yes/no option as a checkbox.

use serde_json::Value;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::field_help::{FieldHelp, FieldNote, described_by};
use super::use_dispatch;
use crate::ids::field_id;
use crate::state::{Action, Field};

#[derive(Properties, PartialEq)]
pub struct CheckboxFieldProps {
    /// The option path, for example `breakout_rooms.enabled`.
    pub path: AttrValue,
    /// What the field shows.
    pub field: Field,
}

/// A labelled checkbox.
#[component]
pub fn CheckboxField(props: &CheckboxFieldProps) -> Html {
    let store = use_dispatch();
    let path = props.path.to_string();
    let id = field_id(&path);
    let help_id = format!("{id}-help");
    let help = super::help(&path);
    let describedby = described_by(&id, help.is_some(), &props.field.message);
    let note_id = format!("{id}-message");
    let onchange = {
        let store = store.clone();
        let path = path.clone();
        Callback::from(move |e: Event| {
            let on = e.target_unchecked_into::<HtmlInputElement>().checked();
            store.dispatch(Action::Set {
                path: path.clone(),
                value: Value::Bool(on),
                text: on.to_string(),
            });
        })
    };
    html! {
        <div class="field check">
            <input
                id={id.clone()}
                type="checkbox"
                checked={props.field.text == "true"}
                {onchange}
                aria-describedby={describedby}
                aria-invalid={props.field.invalid.then_some("true")}
            />
            <label for={id}>{ super::title(&path) }</label>
            <FieldNote id={note_id} message={props.field.message.clone()} />
            <FieldHelp id={help_id} text={help} />
        </div>
    }
}
