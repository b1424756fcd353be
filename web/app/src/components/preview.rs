//! The live preview: one tab per document, the shown document rendered by the engine.

use yew::prelude::*;

use super::document_actions::DocumentActions;
use super::use_store;
use crate::rendered::Rendered;
use crate::state::Action;

#[derive(Properties, PartialEq)]
pub struct PreviewProps {}

/// A short tab name for a document: its id in the pack, as words (`agreement` →
/// "Agreement"); the document's full title is the tab's tooltip.
fn tab_name(kind: &str) -> String {
    let words = kind.replace(['-', '_'], " ");
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => words,
    }
}

/// The documents, switchable, with the actions that act on them.
#[component]
pub fn Preview(_props: &PreviewProps) -> Html {
    let store = use_store();
    use_effect_with(store.changed, |changed| {
        if let Some((index, _)) = changed {
            crate::browser::show_changed_clause(*index);
        }
    });
    let pack_error = store.pack.0.as_ref().err().cloned();
    if let Some(diagnostics) = pack_error {
        return html! {
            <section class="preview" aria-label="Preview">
                <div class="preview-message" role="alert">
                    <h2>{ "The clauses are not available" }</h2>
                    <p>{ "The clause pack built into this copy of caucus did not load, so no document can be drafted yet. This is a fault in this build of the app, not in your options: everything you fill in is kept, and the documents appear as soon as a complete build is loaded." }</p>
                    <details>
                        <summary>{ format!("What the clause pack reported ({})", diagnostics.0.len()) }</summary>
                        <ul class="pack-problems">
                            { for diagnostics.0.iter().take(50).map(|d| html! { <li><code>{ d.to_string() }</code></li> }) }
                        </ul>
                    </details>
                </div>
            </section>
        };
    }
    let Some(assembly) = store.assembly.clone() else {
        return html! {
            <section class="preview" aria-label="Preview">
                <div class="preview-message" role="status">
                    <h2>{ "No documents yet" }</h2>
                    <p>{ "Fix the errors listed under Checks and the documents appear here." }</p>
                </div>
            </section>
        };
    };
    html! {
        <section class="preview" aria-label="Preview">
            <div class="preview-bar">
                <div class="tabs" role="tablist" aria-label="Documents">
                    { for assembly.documents.iter().map(|doc| {
                        let selected = doc.kind == store.document;
                        let kind = doc.kind.clone();
                        let onclick = {
                            let store = store.clone();
                            Callback::from(move |_: MouseEvent| store.dispatch(Action::SelectDocument(kind.clone())))
                        };
                        html! {
                            <button type="button" role="tab" id={format!("tab-{}", doc.kind)}
                                aria-selected={if selected { "true" } else { "false" }}
                                aria-controls="preview-document"
                                tabindex={if selected { "0" } else { "-1" }}
                                onkeydown={tab_keys(&store, &assembly.documents.iter().map(|d| d.kind.clone()).collect::<Vec<_>>(), &doc.kind)}
                                title={doc.title.clone()}
                                {onclick}>
                                { tab_name(&doc.kind) }
                            </button>
                        }
                    }) }
                </div>
                <DocumentActions />
            </div>
            if store.stale() {
                <p class="stale" role="status">{ "This preview is out of date: fix the errors listed under Checks and it follows your changes again." }</p>
            }
            <div id="preview-document" class={classes!("document", store.stale().then_some("is-stale"))}
                role="tabpanel" aria-labelledby={format!("tab-{}", store.document)} tabindex="0">
                { document_html(&store.html) }
            </div>
        </section>
    }
}

/// The document's HTML, clause by clause, so that unchanged clauses stay in place.
///
/// `from_html_unchecked` is safe here: the engine's HTML is escaped by construction
/// (every typed value is escaped, raw HTML in a clause is shown as text, unsafe links
/// lose their target), so nothing a user typed can become markup.
fn document_html(rendered: &Rendered) -> Html {
    if rendered.is_empty() {
        return Html::default();
    }
    html! {
        <article class="caucus-document" lang={rendered.lang.clone()}>
            { Html::from_html_unchecked(rendered.heading.clone()) }
            { for rendered.clauses.iter().map(|clause| Html::from_html_unchecked(clause.clone())) }
        </article>
    }
}

/// Left and right arrows move between the document tabs, as in any tab list.
fn tab_keys(store: &super::Store, kinds: &[String], current: &str) -> Callback<KeyboardEvent> {
    let store = store.clone();
    let kinds = kinds.to_vec();
    let current = current.to_owned();
    Callback::from(move |e: KeyboardEvent| {
        let Some(i) = kinds.iter().position(|k| *k == current) else {
            return;
        };
        let next = match e.key().as_str() {
            "ArrowRight" => (i + 1) % kinds.len(),
            "ArrowLeft" => (i + kinds.len() - 1) % kinds.len(),
            "Home" => 0,
            "End" => kinds.len() - 1,
            _ => return,
        };
        e.prevent_default();
        store.dispatch(Action::SelectDocument(kinds[next].clone()));
        store.dispatch(Action::Focus(format!("tab-{}", kinds[next])));
    })
}
