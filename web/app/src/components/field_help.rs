//! The help line under a field: the option's description.

use yew::prelude::*;

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
