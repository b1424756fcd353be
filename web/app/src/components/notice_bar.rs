//! Messages about what the user just did, with "undo" where something was replaced.

use yew::prelude::*;

use super::use_store;
use crate::state::{Action, NoticeKind};

#[derive(Properties, PartialEq)]
pub struct NoticeBarProps {}

/// The current notice, announced politely to screen readers.
#[component]
pub fn NoticeBar(_props: &NoticeBarProps) -> Html {
    let store = use_store();
    let dismiss = {
        let store = store.clone();
        Callback::from(move |_: MouseEvent| store.dispatch(Action::DismissNotice))
    };
    html! {
        <div class="notice-area" role="status" aria-live="polite">
            if let Some(notice) = &store.notice {
                <div class={classes!("notice", match notice.kind {
                    NoticeKind::Info => "info",
                    NoticeKind::Warning => "warning",
                    NoticeKind::Error => "error",
                })}>
                    <p>{ notice.text.clone() }</p>
                    if !notice.details.is_empty() {
                        <ul class="details">
                            { for notice.details.iter().map(|line| html! { <li><code>{ line.clone() }</code></li> }) }
                        </ul>
                    }
                    <div class="notice-actions">
                        if let Some(previous) = notice.undo.clone() {
                            <button type="button" id="undo" onclick={
                                let store = store.clone();
                                Callback::from(move |_: MouseEvent| store.dispatch(Action::Replace {
                                    options: previous.clone(),
                                    notice: None,
                                }))
                            }>{ "Undo" }</button>
                        }
                        <button type="button" class="quiet" id="dismiss-notice" onclick={dismiss}>{ "Dismiss" }<span class="visually-hidden">{ " this message" }</span></button>
                    </div>
                </div>
            }
        </div>
    }
}
