//! The engine's diagnostics beside the form; each one leads to the field it is about.

use yew::prelude::*;

use super::use_store;
use crate::state::Action;
use caucus_core::Severity;
use caucus_core::model;

#[derive(Properties, PartialEq)]
pub struct DiagnosticsPanelProps {}

/// The list of problems and remarks, in a live region so that screen readers hear of
/// new ones. Clicking one focuses its field.
#[component]
pub fn DiagnosticsPanel(_props: &DiagnosticsPanelProps) -> Html {
    let store = use_store();
    let diagnostics = store.checks.clone();
    let errors = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let others = diagnostics.len() - errors;
    let summary = match (errors, others) {
        (0, 0) => "No problems found".to_owned(),
        (0, n) => format!("{n} to review"),
        (e, 0) => format!("{e} to fix"),
        (e, n) => format!("{e} to fix, {n} to review"),
    };
    html! {
        <section class="checks" aria-labelledby="checks-title">
            <h2 id="checks-title">
                { "Checks " }
                <span class={classes!("summary", (errors > 0).then_some("has-errors"))}>{ summary }</span>
            </h2>
            <div class="checks-list" aria-live="polite" aria-relevant="additions text">
                if !diagnostics.is_empty() {
                    <ul>
                        { for diagnostics.iter().map(|d| {
                            let (class, word) = match d.severity {
                                Severity::Error => ("error", "Fix"),
                                Severity::Warning => ("warning", "Check"),
                                Severity::Note => ("note", "Note"),
                            };
                            let place = model::place(&d.path, &store.value);
                            let path = d.path.clone();
                            let onclick = {
                                let store = store.clone();
                                Callback::from(move |_: MouseEvent| {
                                    store.dispatch(Action::FocusPath(path.clone()));
                                })
                            };
                            let body = html! {<>
                                <span class="severity">{ word }</span>
                                <span class="place">{ place }</span>
                                <span class="message">{ model::sentence(&d.message, &store.value) }</span>
                            </>};
                            html! {
                                <li class={classes!("diagnostic", class)} data-code={d.code}>
                                    if d.path.is_empty() {
                                        <div class="what">{ body }</div>
                                    } else {
                                        <button type="button" class="what" {onclick} data-path={d.path.clone()}>{ body }</button>
                                    }
                                    if !d.hint.is_empty() {
                                        <p class="hint">{ model::sentence(&d.hint, &store.value) }</p>
                                    }
                                    if let Some(citation) = &d.citation {
                                        <p class="citation">{ format!("As of {}: {}", citation.as_of, citation.source) }</p>
                                    }
                                </li>
                            }
                        }) }
                    </ul>
                }
            </div>
        </section>
    }
}
