//! The footer: what happens to what is typed.

use yew::prelude::*;

use super::use_store;

#[derive(Properties, PartialEq)]
pub struct FooterProps {}

/// The privacy statement and the clause pack's version.
#[component]
pub fn Footer(_props: &FooterProps) -> Html {
    let store = use_store();
    let pack = match &store.pack.0 {
        Ok(pack) => format!("Clauses: {} {}.", pack.name, pack.version),
        Err(_) => String::new(),
    };
    html! {
        <footer class="app-footer">
            <p>
                <strong>{ "Nothing you type leaves this device." }</strong>
                { " caucus drafts everything inside your browser and makes no network request after the page has loaded. Your draft is kept in this browser's storage until you start over. " }
                { pack }
            </p>
            <p class="disclaimer">{ "The documents are drafts for a mediator to review; they are not legal advice." }</p>
        </footer>
    }
}
