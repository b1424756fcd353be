//! One component per file, each with its props. Form fields find the state through a
//! context (`Store`) and name their option by path, so a field is one line of the form.

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

use yew::{UseReducerHandle, hook, use_context};

use crate::state::State;

/// The app's state and its dispatcher, shared through a context.
pub type Store = UseReducerHandle<State>;

/// The store provided by the app.
#[hook]
pub fn use_store() -> Store {
    use_context::<Store>().expect("form components are rendered inside the app's Store provider")
}
