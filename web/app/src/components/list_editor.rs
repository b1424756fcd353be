//! A list of tables (the parties, a party's attendees): each item with its fields, and
//! buttons to add, remove and reorder items. The engine makes the changes, so the options
//! that follow the list (each party's share, the requesting party) stay with their items.

use caucus_core::model::{self, OptionPath};
use serde_json::Value;
use yew::prelude::*;

use super::Store;
use super::options_form::fields;
use super::part::Part;
use crate::ids::field_id;
use crate::state::Action;

#[derive(Properties, PartialEq)]
pub struct ListEditorProps {
    /// The list (`parties`, `parties.0.attendees`): drawn again only when what it shows
    /// changed.
    pub part: Part,
    /// For a list inside an item (a party's attendees): what that item is called.
    pub owner: Option<AttrValue>,
}

/// Every item of the list, in order, and a button to add one. Items that hold lists of
/// their own (a party and its attendees) are boxes; the others are rows.
#[component]
pub fn ListEditor(props: &ListEditorProps) -> Html {
    let store = &props.part.store;
    let path = &props.part.at;
    let list = path.to_string();
    let Some(option) = model::option_at(path) else {
        return Html::default();
    };
    let Some(item) = option.item() else {
        return Html::default();
    };
    let items = path
        .get(&store.value)
        .and_then(Value::as_array)
        .map_or(0, Vec::len);
    let owner = &props.owner;
    let nested = item.fields().iter().any(|f| f.is_list_of_tables());
    let noun = item.title.to_lowercase();
    let add = {
        let store = store.clone();
        let list = list.clone();
        Callback::from(move |_: MouseEvent| store.dispatch(Action::AddItem(list.clone())))
    };
    let add_label = match owner {
        Some(owner) => format!("Add {} {noun} for {owner}", article(&noun)),
        None => format!("Add {} {noun}", article(&noun)),
    };
    html! {
        <div class={classes!("list", nested.then_some("boxes"))}>
            if owner.is_some() {
                <h3 class="subhead">{ option.title.clone() }</h3>
            }
            if items == 0 {
                <p class="empty">{ "None yet." }</p>
            }
            { for (0..items).map(|i| {
                let part = props.part.at(path.clone().index(i));
                html! { <ListItem {part} count={items} owner={owner.clone()} key={i} /> }
            }) }
            <button type="button" class="add" id={field_id(&list)} onclick={add}>{ add_label }</button>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct ListItemProps {
    /// The item (`parties.3`): drawn again only when what it shows changed.
    part: Part,
    /// How many items the list has: the last one cannot move down.
    count: usize,
    /// What the item that holds the list is called, if the list is inside an item.
    owner: Option<AttrValue>,
}

/// One item: its fields and its buttons.
#[component]
fn ListItem(props: &ListItemProps) -> Html {
    let (Some(list), Some(i)) = (
        props.part.at.parent(),
        props.part.at.indices().last().copied(),
    ) else {
        return Html::default();
    };
    let Some(item) = model::option_at(&props.part.at) else {
        return Html::default();
    };
    let boxed = item.fields().iter().any(|f| f.is_list_of_tables());
    item_view(
        &props.part.store,
        &list,
        item,
        i,
        props.count,
        boxed,
        props.owner.as_deref(),
    )
}

/// One item: its fields and its buttons.
fn item_view(
    store: &Store,
    list: &OptionPath,
    item: &'static model::OptionInfo,
    i: usize,
    count: usize,
    boxed: bool,
    owner: Option<&str>,
) -> Html {
    let at = list.clone().index(i);
    let id = field_id(&at.to_string());
    let numbered = format!("{} {}", item.title, i + 1);
    let name = model::item_label(list, i, &store.value);
    let described = match owner {
        Some(owner) => format!("{numbered} for {owner}"),
        None => name.clone(),
    };
    let action = |a: Action| {
        let store = store.clone();
        Callback::from(move |_: MouseEvent| store.dispatch(a.clone()))
    };
    let list_text = list.to_string();
    let up = action(Action::MoveItem {
        list: list_text.clone(),
        from: i,
        to: i.saturating_sub(1),
    });
    let down = action(Action::MoveItem {
        list: list_text.clone(),
        from: i,
        to: i + 1,
    });
    let remove = action(Action::RemoveItem {
        list: list_text,
        index: i,
    });
    let noun = item.title.to_lowercase();
    if boxed {
        html! {
            <fieldset class="item">
                <legend>{ numbered }</legend>
                { fields(store, item, &at, true) }
                <div class="row-actions item-actions">
                    // The accessible name starts with the visible words (WCAG 2.5.3) and
                    // says which item: "Move up: Party 2, Acme Ltd".
                    <button type="button" class="small" id={format!("{id}-up")} disabled={i == 0}
                        onclick={up}><span aria-hidden="true">{ "↑ " }</span>{ "Move up" }<span class="visually-hidden">{ format!(": {described}") }</span></button>
                    <button type="button" class="small" id={format!("{id}-down")} disabled={i + 1 == count}
                        onclick={down}><span aria-hidden="true">{ "↓ " }</span>{ "Move down" }<span class="visually-hidden">{ format!(": {described}") }</span></button>
                    <button type="button" class="small danger" id={format!("{id}-remove")}
                        onclick={remove}>{ format!("Remove {noun}") }<span class="visually-hidden">{ format!(": {described}") }</span></button>
                </div>
            </fieldset>
        }
    } else {
        html! {
            <div class="item compact" role="group" aria-label={described.clone()}>
                { fields(store, item, &at, true) }
                <div class="row-actions">
                    <button type="button" class="small" id={format!("{id}-up")} disabled={i == 0}
                        aria-label={format!("Move {described} up")} title="Move up" onclick={up}>{ "↑" }</button>
                    <button type="button" class="small" id={format!("{id}-down")} disabled={i + 1 == count}
                        aria-label={format!("Move {described} down")} title="Move down" onclick={down}>{ "↓" }</button>
                    <button type="button" class="small danger" aria-label={format!("Remove {described}")}
                        title="Remove" onclick={remove}>{ "✕" }</button>
                </div>
            </div>
        }
    }
}

/// For a list inside an item (a party's attendees): what that item is called.
pub fn owner_name(store: &Store, list: &OptionPath) -> Option<String> {
    let owner = list.parent()?;
    if owner.is_root() || owner.indices().is_empty() {
        return None;
    }
    let index = *owner.indices().last()?;
    Some(model::item_label(&owner.parent()?, index, &store.value))
}

/// "a" or "an", by the sound of the noun's first letter.
fn article(noun: &str) -> &'static str {
    match noun.chars().next() {
        Some('a' | 'e' | 'i' | 'o' | 'u') => "an",
        _ => "a",
    }
}
