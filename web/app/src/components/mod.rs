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
pub mod notice_bar;
pub mod number_field;
pub mod options_form;
pub mod parties;
pub mod preview;
pub mod requesting_party;
pub mod section;
pub mod shares;
pub mod text_field;
pub mod toolbar;

use yew::{UseReducerDispatcher, UseReducerHandle, hook, use_context};

use crate::state::State;

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
