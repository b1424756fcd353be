//! The parties and their attendees: add, remove and reorder.

use yew::prelude::*;

use super::choice_field::ChoiceField;
use super::text_field::TextField;
use super::use_store;
use crate::state::Action;

#[derive(Properties, PartialEq)]
pub struct PartiesEditorProps {}

/// Every party with its name, role and attendees, in the order they are named.
#[component]
pub fn PartiesEditor(_props: &PartiesEditorProps) -> Html {
    let store = use_store();
    let parties = &store.options.parties;
    let count = parties.len();
    let action = |a: Action| {
        let store = store.clone();
        Callback::from(move |_: MouseEvent| store.dispatch(a.clone()))
    };
    html! {
        <div class="parties">
            { for parties.iter().enumerate().map(|(i, party)| {
                let name = if party.name.trim().is_empty() {
                    format!("Party {}", i + 1)
                } else {
                    party.name.trim().to_owned()
                };
                let legend = format!("Party {}", i + 1);
                html! {
                    <fieldset class="party" key={i}>
                        <legend>{ legend }</legend>
                        <div class="row">
                            <TextField path={format!("parties.{i}.name")} field={store.field(&format!("parties.{i}.name"))} help={false} />
                            <TextField path={format!("parties.{i}.role")} field={store.field(&format!("parties.{i}.role"))} placeholder="Claimant" help={false} />
                        </div>
                        <div class="attendees">
                            <h3 class="subhead">{ format!("Attending for {name}") }</h3>
                            if party.attendees.is_empty() {
                                <p class="empty">{ "Nobody listed yet." }</p>
                            }
                            { for party.attendees.iter().enumerate().map(|(j, _)| html! {
                                <div class="attendee" role="group" aria-label={format!("Attendee {} for {name}", j + 1)} key={j}>
                                    <TextField path={format!("parties.{i}.attendees.{j}.name")} field={store.field(&format!("parties.{i}.attendees.{j}.name"))} help={false} />
                                    <ChoiceField path={format!("parties.{i}.attendees.{j}.capacity")} field={store.field(&format!("parties.{i}.attendees.{j}.capacity"))} select={true} help={false} />
                                    <div class="row-actions">
                                        <button type="button" class="small" id={format!("attendee-{i}-{j}-up")}
                                            disabled={j == 0}
                                            aria-label={format!("Move attendee {} for {name} up", j + 1)} title="Move up"
                                            onclick={action(Action::MoveAttendee { party: i, from: j, to: j.saturating_sub(1) })}>{ "↑" }</button>
                                        <button type="button" class="small" id={format!("attendee-{i}-{j}-down")}
                                            disabled={j + 1 == party.attendees.len()}
                                            aria-label={format!("Move attendee {} for {name} down", j + 1)} title="Move down"
                                            onclick={action(Action::MoveAttendee { party: i, from: j, to: j + 1 })}>{ "↓" }</button>
                                        <button type="button" class="small danger"
                                            aria-label={format!("Remove attendee {} for {name}", j + 1)}
                                            title="Remove"
                                            onclick={action(Action::RemoveAttendee { party: i, attendee: j })}>{ "✕" }</button>
                                    </div>
                                </div>
                            }) }
                            <button type="button" class="add" id={format!("opt-parties-{i}-attendees")}
                                onclick={action(Action::AddAttendee(i))}>{ format!("Add someone attending for {name}") }</button>
                        </div>
                        <div class="row-actions party-actions">
                            <button type="button" class="small" id={format!("party-{i}-up")} disabled={i == 0}
                                aria-label={format!("Move {name} up")}
                                onclick={action(Action::MoveParty { from: i, to: i.saturating_sub(1) })}>{ "↑ Move up" }</button>
                            <button type="button" class="small" id={format!("party-{i}-down")} disabled={i + 1 == count}
                                aria-label={format!("Move {name} down")}
                                onclick={action(Action::MoveParty { from: i, to: i + 1 })}>{ "↓ Move down" }</button>
                            <button type="button" class="small danger"
                                aria-label={format!("Remove {name}")}
                                onclick={action(Action::RemoveParty(i))}>{ "Remove party" }</button>
                        </div>
                    </fieldset>
                }
            }) }
            <button type="button" class="add" id="opt-parties" onclick={action(Action::AddParty)}>{ "Add a party" }</button>
        </div>
    }
}
