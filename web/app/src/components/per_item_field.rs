//! A list with one number per item of another list (each party's share of the costs):
//! one field per item, labelled with the item's name, and their total.

use caucus_core::model::{self, OptionPath};
use serde_json::Value;
use yew::prelude::*;

use super::field_help::{FieldHelp, FieldNote, described_by};
use super::number_field::NumberField;
use super::part::Part;
use crate::ids::field_id;
use crate::state::display;

#[derive(Properties, PartialEq)]
pub struct PerItemFieldProps {
    /// The list (`costs.shares`): drawn again only when what it shows changed (its
    /// values, or the items it follows).
    pub part: Part,
}

/// One number per item of the list the option follows (`x-one-per`), and their total.
#[component]
pub fn PerItemField(props: &PerItemFieldProps) -> Html {
    let store = &props.part.store;
    let path = props.part.at.to_string();
    let Some(option) = model::option(&path) else {
        return Html::default();
    };
    let Some(follows) = &option.one_per else {
        return Html::default();
    };
    let decimal = option
        .item()
        .is_some_and(|i| matches!(i.kind, model::Kind::Number { integer: false, .. }));
    let items = follows
        .get(&store.value)
        .and_then(Value::as_array)
        .map_or(0, Vec::len);
    let values: Vec<f64> = OptionPath::parse(&path)
        .ok()
        .and_then(|p| p.get(&store.value).and_then(Value::as_array).cloned())
        .unwrap_or_default()
        .iter()
        .take(items)
        .filter_map(Value::as_f64)
        .collect();
    let total: f64 = values.iter().sum();
    // A share being typed that is not a number is not in the options yet: a total of
    // the others would look right beside it and be wrong.
    let unreadable = (0..items).any(|i| {
        store
            .drafts
            .get(&props.part.at.clone().index(i).to_string())
            .is_some_and(|d| !d.errors.is_empty())
    });
    let field = store.field(&path);
    let unit = option.unit.clone().unwrap_or_default();
    let id = field_id(&path);
    let help_id = format!("{id}-help");
    let note_id = format!("{id}-message");
    let help = super::help(&path);
    let total_text = if unreadable {
        "Total: not added up until every share is a number".to_owned()
    } else {
        format!(
            "Total: {}{unit}",
            display(&Value::from((total * 100.0).round() / 100.0))
        )
    };
    html! {
        <fieldset class="field per-item" id={id.clone()} aria-describedby={described_by(&id, help.is_some(), &field.message)}>
            <legend>{ option.title.clone() }</legend>
            <FieldHelp id={help_id} text={help} />
            { for (0..items).map(|i| {
                let name = model::item_label(follows, i, &store.value);
                let item = props.part.at.clone().index(i).to_string();
                html! {
                    <NumberField path={item.clone()} field={store.field(&item)} {decimal} label={name} help={false} key={i} />
                }
            }) }
            <p class={classes!("total", (field.invalid || unreadable).then_some("is-wrong"))} aria-live="polite">{ total_text }</p>
            <FieldNote id={note_id} message={field.message.clone()} />
        </fieldset>
    }
}
