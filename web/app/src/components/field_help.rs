//! What is said under a field: the help line (the option's description) and the message
//! of the most serious diagnostic about it, both named by the field's `aria-describedby`
//! so that a screen reader reads them with the field.

use yew::prelude::*;

use crate::state::FieldMessage;

#[derive(Properties, PartialEq)]
pub struct FieldHelpProps {
    /// The id that the field's `aria-describedby` points to.
    pub id: AttrValue,
    pub text: Option<String>,
}

/// A short help text, or nothing.
#[component]
pub fn FieldHelp(props: &FieldHelpProps) -> Html {
    match &props.text {
        Some(text) => html! { <p class="help" id={props.id.clone()}>{ text.clone() }</p> },
        None => Html::default(),
    }
}

#[derive(Properties, PartialEq)]
pub struct FieldNoteProps {
    /// The id that the field's `aria-describedby` points to.
    pub id: AttrValue,
    pub message: Option<FieldMessage>,
}

/// The diagnostic's message beside its field, or nothing.
#[component]
pub fn FieldNote(props: &FieldNoteProps) -> Html {
    match &props.message {
        Some(message) => html! {
            <p class={classes!("field-message", message.class)} id={props.id.clone()}>
                <span class="visually-hidden">{ if message.class == "error" { "Error: " } else { "Check: " } }</span>
                { message.text.clone() }
            </p>
        },
        None => Html::default(),
    }
}

/// The ids of a field's help line and message (`{id}-help`, `{id}-message`), those that
/// are shown, for `aria-describedby`.
pub fn described_by(id: &str, help: bool, message: &Option<FieldMessage>) -> Option<AttrValue> {
    let ids: Vec<String> = [
        message.is_some().then(|| format!("{id}-message")),
        help.then(|| format!("{id}-help")),
    ]
    .into_iter()
    .flatten()
    .collect();
    (!ids.is_empty()).then(|| AttrValue::from(ids.join(" ")))
}
