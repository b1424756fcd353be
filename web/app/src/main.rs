//! caucus-web: the drafting app. A mediator fills in the options, watches the documents
//! change with each keystroke, and downloads them; everything runs in the browser.
//!
//! The app mounts into the first element carrying `data-caucus-app`, so an institution
//! can place it in its own page; without one it takes the page's body.

mod browser;
mod components;
mod export;
mod ids;
mod rendered;
mod state;

use components::app::App;

fn main() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let root = document
        .query_selector("[data-caucus-app]")
        .ok()
        .flatten()
        .or_else(|| document.body().map(Into::into));
    if let Some(root) = root {
        yew::Renderer::<App>::with_root(root).render();
    }
}
