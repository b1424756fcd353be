//! Each party's share of the costs, by party name.

use yew::prelude::*;

use super::number_field::NumberField;
use super::use_store;
use crate::labels;

#[derive(Properties, PartialEq)]
pub struct SharesEditorProps {}

/// One percentage per party, labelled with the party's name, and their total.
#[component]
pub fn SharesEditor(_props: &SharesEditorProps) -> Html {
    let store = use_store();
    let parties = &store.options.parties;
    let total: f64 = store.options.costs.shares.iter().take(parties.len()).sum();
    let help_id = "opt-costs-shares-help";
    html! {
        <fieldset class="field shares" id="opt-costs-shares" aria-describedby={help_id}>
            <legend>{ labels::label("costs.shares") }</legend>
            <p class="help" id={help_id}>{ labels::help("costs.shares").unwrap_or_default() }</p>
            { for parties.iter().enumerate().map(|(i, party)| {
                let name = if party.name.trim().is_empty() {
                    format!("Party {}", i + 1)
                } else {
                    party.name.trim().to_owned()
                };
                html! {
                    <NumberField path={format!("costs.shares.{i}")} field={store.field(&format!("costs.shares.{i}"))} decimal={true} unit="%" label={name} help={false} key={i} />
                }
            }) }
            <p class="total" aria-live="polite">{ format!("Total: {}%", crate::state::display(&serde_json::Value::from((total * 100.0).round() / 100.0))) }</p>
        </fieldset>
    }
}
