//! A number field for one option: whole numbers (hours, days, minutes) or percentages.

use caucus_core::Diagnostic;
use serde_json::Value;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::field_help::{FieldHelp, FieldNote, described_by};
use super::use_dispatch;
use crate::ids::field_id;
use crate::state::{Action, Field};

#[derive(Properties, PartialEq)]
pub struct NumberFieldProps {
    /// The option path, for example `attendance.disclosure_deadline_hours`.
    pub path: AttrValue,
    /// What the field shows.
    pub field: Field,
    /// Whether decimals are allowed (percentages); otherwise whole numbers only.
    #[prop_or_default]
    pub decimal: bool,
    /// The unit shown after the field ("hours", "%").
    #[prop_or_default]
    pub unit: Option<AttrValue>,
    #[prop_or_default]
    pub label: Option<AttrValue>,
    #[prop_or(true)]
    pub help: bool,
}

/// A labelled number input. Text that is not a number stays in the field and is
/// reported beside the form; the options keep their last valid number.
#[component]
pub fn NumberField(props: &NumberFieldProps) -> Html {
    let store = use_dispatch();
    let path = props.path.to_string();
    let id = field_id(&path);
    let help_id = format!("{id}-help");
    let help = props.help.then(|| super::help(&path)).flatten();
    let invalid = props.field.invalid;
    let label = props
        .label
        .clone()
        .unwrap_or_else(|| AttrValue::from(super::title(&path)));
    let describedby = described_by(&id, help.is_some(), &props.field.message);
    let note_id = format!("{id}-message");
    let oninput = {
        let store = store.clone();
        let path = path.clone();
        let decimal = props.decimal;
        let label = label.clone();
        Callback::from(move |e: InputEvent| {
            let text = e.target_unchecked_into::<HtmlInputElement>().value();
            let trimmed = text.trim();
            let number = if decimal {
                trimmed
                    .parse::<f64>()
                    .ok()
                    .filter(|f| f.is_finite())
                    .and_then(serde_json::Number::from_f64)
                    .map(Value::Number)
            } else {
                trimmed.parse::<u32>().ok().map(Value::from)
            };
            match number {
                Some(value) => store.dispatch(Action::Set {
                    path: path.clone(),
                    value,
                    text,
                }),
                None => {
                    let expected = if decimal {
                        "a number"
                    } else {
                        "a whole number"
                    };
                    let message = if trimmed.is_empty() {
                        format!("{label} is empty")
                    } else {
                        format!("{label}: \"{trimmed}\" is not {expected}")
                    };
                    let error =
                        Diagnostic::error("not-a-number", path.clone(), message).hint(format!(
                            "type {expected}, for example {}",
                            if decimal { "50" } else { "24" }
                        ));
                    store.dispatch(Action::Reject {
                        path: path.clone(),
                        text,
                        error,
                    });
                }
            }
        })
    };
    html! {
        <div class="field number">
            <label for={id.clone()}>{ label }</label>
            <span class="with-unit">
                <input
                    id={id}
                    type="text"
                    inputmode={if props.decimal { "decimal" } else { "numeric" }}
                    value={props.field.text.clone()}
                    {oninput}
                    autocomplete="off"
                    aria-describedby={describedby}
                    aria-invalid={invalid.then_some("true")}
                />
                if let Some(unit) = props.unit.clone().or_else(|| super::unit(&path).map(AttrValue::from)) {
                    <span class="unit" aria-hidden="true">{ unit }</span>
                }
            </span>
            <FieldNote id={note_id} message={props.field.message.clone()} />
            <FieldHelp id={help_id} text={help} />
        </div>
    }
}
