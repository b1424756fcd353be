//! A time zone, chosen from core's list of zones by place and region ("London — United
//! Kingdom"), so that the documents can name it ("London time") and convert times.

use caucus_core::model;
use caucus_core::time_zones::ZONES;
use serde_json::Value;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::field_help::{FieldHelp, FieldNote, described_by};
use super::use_dispatch;
use crate::ids::field_id;
use crate::state::{Action, Field};

#[derive(Properties, PartialEq)]
pub struct TimeZoneFieldProps {
    /// The option path, for example `case.time_zone`.
    pub path: AttrValue,
    pub field: Field,
    #[prop_or(true)]
    pub help: bool,
}

/// A labelled drop-down list of core's zones. Empty is the first choice, named as the
/// model says (the case states no zone; a party shares the case's). A value from a file that is not in the list (an old
/// abbreviation such as "GMT") is kept and shown as it is, with core's diagnostic beside it.
#[component]
pub fn TimeZoneField(props: &TimeZoneFieldProps) -> Html {
    let store = use_dispatch();
    let path = props.path.to_string();
    let id = field_id(&path);
    let help_id = format!("{id}-help");
    let help = props.help.then(|| super::help(&path)).flatten();
    let current = props.field.text.to_string();
    let onchange = {
        let path = path.clone();
        Callback::from(move |e: Event| {
            let text = e.target_unchecked_into::<HtmlSelectElement>().value();
            store.dispatch(Action::Set {
                path: path.clone(),
                value: Value::String(text.clone()),
                text,
            });
        })
    };
    // What leaving it empty means, as the options model says it ("The same as the case").
    let none = model::option(&path)
        .and_then(|option| option.empty.clone())
        .unwrap_or_default();
    let listed = current.is_empty() || ZONES.iter().any(|z| z.id == current);
    html! {
        <div class="field select time-zone">
            <label for={id.clone()}>{ super::title(&path) }</label>
            <select
                id={id.clone()}
                {onchange}
                aria-describedby={described_by(&id, help.is_some(), &props.field.message)}
                aria-invalid={props.field.invalid.then_some("true")}
            >
                <option value="" selected={current.is_empty()}>{ none }</option>
                if !listed {
                    <option value={current.clone()} selected=true>{ format!("{current} (as written in the options)") }</option>
                }
                { for ZONES.iter().map(|zone| {
                    let name = if zone.place == zone.region || zone.id == "UTC" {
                        zone.region.to_owned()
                    } else {
                        format!("{} — {}", zone.place, zone.region)
                    };
                    html! { <option value={zone.id} selected={current == zone.id}>{ name }</option> }
                }) }
            </select>
            <FieldNote id={format!("{id}-message")} message={props.field.message.clone()} />
            <FieldHelp id={help_id} text={help} />
        </div>
    }
}
