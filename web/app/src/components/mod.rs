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

/// The help under the option's field: its description, unless that only repeats the title.
pub fn help(path: &str) -> Option<String> {
    model::option(path)?.help().map(in_words)
}

/// A description from the options model as the form says it: an option named in it
/// (`costs.shares`) by the name the form gives it, not by its path.
pub fn in_words(text: &str) -> String {
    named(text, &Value::Null)
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

/// A diagnostic's message or hint as a sentence for a mediator: a capital letter, a
/// full stop, and option paths in backticks named as the form names them.
pub fn sentence(text: &str, options: &Value) -> String {
    let out = named(text, options);
    let mut chars = out.chars();
    let mut sentence = match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect::<String>(),
        None => return out,
    };
    if !sentence.ends_with(['.', '!', '?']) {
        sentence.push('.');
    }
    sentence
}

/// `text` with each option path in backticks (`attendance.observers`) named as the form
/// names it, in quotation marks ("Attendance: Observers"), the items of lists by their
/// names in `options`; other text in backticks (a clause's id) loses its backticks.
fn named(text: &str, options: &Value) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut parts = text.split('`');
    if let Some(first) = parts.next() {
        out.push_str(first);
    }
    for (i, part) in parts.enumerate() {
        let is_path = i % 2 == 0 && part.contains('.') && model::option(part).is_some();
        if is_path {
            out.push('“');
            out.push_str(&model::place(part, options));
            out.push('”');
        } else {
            out.push_str(part);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the form says under a field or a choice names no option by its path: a
    /// mediator reads "in “Costs: Each party's share”", not "in costs.shares".
    #[test]
    fn help_names_the_options_it_mentions_as_the_form_does() {
        let helps: Vec<String> = model::root()
            .walk()
            .into_iter()
            .flat_map(|option| {
                (option.help().into_iter())
                    .chain(option.choices().iter().filter_map(|c| c.help()))
                    .map(in_words)
            })
            .collect();
        let paths: Vec<String> = model::root()
            .walk()
            .into_iter()
            .map(|option| option.path.to_string())
            .filter(|path| path.contains('.'))
            .collect();
        for help in &helps {
            assert!(!help.contains('`'), "{help}");
            for path in &paths {
                assert!(!help.contains(path.as_str()), "{path} in: {help}");
            }
        }
        let stated = helps
            .iter()
            .find(|help| help.starts_with("The parties bear them in the percentages"));
        assert_eq!(
            stated.map(String::as_str),
            Some("The parties bear them in the percentages in “Costs: Each party's share”.")
        );
    }
}
