//! One component per file, each with its props. Form fields name their option by path
//! and get what they show as a prop (`Field`); they dispatch through a context
//! (`Dispatch`), so typing in one field renders that field and the preview, not the
//! whole form.

pub mod app;
pub mod checkbox_field;
pub mod choice_field;
pub mod diagnostics;
pub mod document_actions;
pub mod field_help;
pub mod footer;
pub mod index_field;
pub mod list_editor;
pub mod notice_bar;
pub mod number_field;
pub mod options_form;
pub mod part;
pub mod per_item_field;
pub mod preview;
pub mod section;
pub mod text_field;
pub mod time_zone_field;
pub mod toolbar;

use caucus_core::model;
use serde_json::Value;
use yew::{UseReducerDispatcher, UseReducerHandle, hook, use_context};

use crate::state::State;

/// The option's name, as the options model gives it (`options.rs`).
pub fn title(path: &str) -> String {
    model::option(path)
        .map(|o| o.title.clone())
        .unwrap_or_default()
}

/// The help under the option's field: its description, unless that only repeats the
/// title, with an option it mentions (`costs.shares`) named as the form names it.
pub fn help(path: &str) -> Option<String> {
    model::option(path)?
        .help()
        .map(|text| model::in_words(text, &Value::Null))
}

/// The app's state and its dispatcher, shared through a context.
pub type Store = UseReducerHandle<State>;

/// Only the dispatcher: it never changes, so components that take just this (the form
/// fields) are rendered again only when their props change.
pub type Dispatch = UseReducerDispatcher<State>;

/// The dispatcher provided by the app.
#[hook]
pub fn use_dispatch() -> Dispatch {
    use_context::<Dispatch>().expect("form fields are rendered inside the app's Dispatch provider")
}

/// The store provided by the app.
#[hook]
pub fn use_store() -> Store {
    use_context::<Store>().expect("form components are rendered inside the app's Store provider")
}

/// The option's sample value, as a placeholder: a list's values separated by commas.
pub fn example(path: &str) -> Option<String> {
    let sample = model::option(path)?.examples.first()?;
    Some(match sample {
        serde_json::Value::Array(items) => items
            .iter()
            .map(crate::state::display)
            .collect::<Vec<_>>()
            .join(", "),
        other => crate::state::display(other),
    })
}

/// The unit of a number option ("hours", "%").
pub fn unit(path: &str) -> Option<String> {
    model::option(path)?.unit.clone()
}
