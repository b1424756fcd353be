//! The live preview: one tab per document, the shown document rendered by the engine.

use yew::prelude::*;

use super::document_actions::DocumentActions;
use super::{Dispatch, use_dispatch, use_store};
use crate::rendered::{Editable, Rendered};
use crate::state::{Action, Notice, NoticeKind};

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
    // Another document opens at its top, and is the one shown after a reload.
    use_effect_with(store.document.clone(), |document| {
        crate::browser::scroll_preview_to_top();
        crate::browser::save_document_tab(document);
    });
    use_effect_with(store.changed, |changed| {
        if let Some((index, _)) = changed {
            crate::browser::show_changed_clause(*index);
        }
    });
    let pack_error = store.pack.0.as_ref().err().cloned();
    if let Some(diagnostics) = pack_error {
        return html! {
            <section class="preview" id="documents" tabindex="-1" aria-label="Documents">
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
            <section class="preview" id="documents" tabindex="-1" aria-label="Documents">
                <div class="preview-message" role="status">
                    <h2>{ "No documents yet" }</h2>
                    <p>{ "Fix the errors listed under Checks and the documents appear here." }</p>
                </div>
            </section>
        };
    };
    html! {
        <section class="preview" id="documents" tabindex="-1" aria-label="Documents">
            <div class="preview-bar">
                <div class="tabs" role="tablist" aria-label="Documents">
                    { for store.documents.iter().map(|kind| {
                        let selected = *kind == store.document;
                        let title = assembly.document(kind).map(|doc| doc.title.clone());
                        let id = kind.clone();
                        let kind = kind.clone();
                        let onclick = {
                            let store = store.clone();
                            Callback::from(move |_: MouseEvent| store.dispatch(Action::SelectDocument(kind.clone())))
                        };
                        html! {
                            <button type="button" role="tab" id={format!("tab-{id}")}
                                aria-selected={if selected { "true" } else { "false" }}
                                aria-controls="preview-document"
                                tabindex={if selected { "0" } else { "-1" }}
                                onkeydown={tab_keys(&store, &store.documents, &id)}
                                {title}
                                {onclick}>
                                { tab_name(&id) }
                            </button>
                        }
                    }) }
                </div>
                <DocumentActions />
            </div>
            if store.stale() {
                <p class="stale" role="status">{ "This preview is out of date: fix the errors marked beside the fields (and listed under Checks) and it follows your changes again." }</p>
            }
            <div id="preview-document" class={classes!("document", store.stale().then_some("is-stale"))}
                role="tabpanel" aria-labelledby={format!("tab-{}", store.document)} tabindex="0">
                { document_html(&store, &store.html) }
            </div>
        </section>
    }
}

/// The document's HTML, clause by clause, so that unchanged clauses stay in place.
///
/// `from_html_unchecked` is safe here and in [`ClauseView`]: the engine's HTML is escaped
/// by construction (every typed value is escaped, raw HTML in a clause is shown as text,
/// unsafe links lose their target), so nothing a user typed can become markup.
///
/// A clause that is a message to send (an invitation) is followed by a button that
/// copies just that message, as plain text.
fn document_html(store: &super::Store, rendered: &Rendered) -> Html {
    if rendered.is_empty() {
        return Html::default();
    }
    html! {
        <article class="caucus-document" lang={rendered.lang.clone()}>
            { Html::from_html_unchecked(rendered.heading.clone()) }
            { for rendered.clauses.iter().zip(&rendered.messages).zip(&rendered.editable).enumerate().map(|(i, ((clause, message), editable))| {
                let editing = editable
                    .as_ref()
                    .is_some_and(|e| store.editing.as_deref() == Some(e.id.as_str()));
                html! {
                    <ClauseView index={i} html={clause.clone()} message={message.clone()}
                        editable={editable.clone()} {editing} />
                }
            }) }
        </article>
    }
}

#[derive(Properties, PartialEq)]
struct ClauseViewProps {
    /// The clause's position in the document (names its copy button).
    index: usize,
    /// The clause's HTML, as the engine gives it.
    html: AttrValue,
    /// Its title and plain text, when it is a message to copy.
    message: Option<(AttrValue, AttrValue)>,
    /// What the wording editor needs, when the mediator may reword it.
    editable: Option<Editable>,
    /// Whether its wording editor is open.
    editing: bool,
}

/// One clause with its tools. A component of its own, so that a keystroke draws again
/// only the clauses whose text (or tools) changed, not the whole document.
///
/// Its `<section>` is kept from one keystroke to the next and changed in place
/// ([`crate::browser::shown_clause`]); outside a browser it is raw HTML.
#[component]
fn ClauseView(props: &ClauseViewProps) -> Html {
    let dispatch = use_dispatch();
    let shown = use_mut_ref(|| None);
    let clause = crate::browser::shown_clause(&mut shown.borrow_mut(), &props.html)
        .map_or_else(|| Html::from_html_unchecked(props.html.clone()), Html::VRef);
    html! {<>
        { clause }
        if let Some((title, text)) = &props.message {
            { copy_button(&dispatch, props.index, title, text) }
        }
        if let Some(editable) = &props.editable {
            { wording_tools(&dispatch, editable, props.editing) }
        }
    </>}
}

/// Below a clause: "Edit wording" (and, for a clause in the mediator's own words, a mark
/// and the way back to the standard wording), or the editor itself while it is open.
fn wording_tools(store: &Dispatch, clause: &Editable, editing: bool) -> Html {
    let id = clause.id.to_string();
    let title = clause.title.clone();
    if editing {
        let field = format!("wording-{id}");
        let use_it = {
            let store = store.clone();
            let field = field.clone();
            let id = id.clone();
            Callback::from(move |_: MouseEvent| {
                let text = crate::browser::textarea_value(&field).unwrap_or_default();
                store.dispatch(Action::SetWording {
                    id: id.clone(),
                    text: Some(text),
                });
            })
        };
        let cancel = {
            let store = store.clone();
            let id = id.clone();
            Callback::from(move |_: MouseEvent| {
                store.dispatch(Action::EditClause(None));
                store.dispatch(Action::Focus(format!("edit-{id}")));
            })
        };
        return html! {
            <div class="clause-editor" role="group" aria-labelledby={format!("{field}-label")}>
                <label id={format!("{field}-label")} for={field.clone()}>{ format!("Your wording of “{title}”") }</label>
                <p class="help" id={format!("{field}-help")}>
                    { "Write it as the clause is written: a blank line between paragraphs, “1.” items for (a), (b), (c). Your wording is fixed text: it no longer changes with the options. It is kept with the options, in the saved file and in a share link." }
                </p>
                <textarea id={field.clone()} rows="10" aria-describedby={format!("{field}-help")}
                    value={clause.body.clone()} spellcheck="true" />
                <div class="row-actions">
                    <button type="button" id={format!("{field}-use")} onclick={use_it}>{ "Use this wording" }</button>
                    <button type="button" id={format!("{field}-cancel")} class="quiet" onclick={cancel}>{ "Cancel" }</button>
                </div>
            </div>
        };
    }
    let open = {
        let store = store.clone();
        let id = id.clone();
        Callback::from(move |_: MouseEvent| {
            store.dispatch(Action::EditClause(Some(id.clone())));
            store.dispatch(Action::Focus(format!("wording-{id}")));
        })
    };
    let revert = {
        let store = store.clone();
        let id = id.clone();
        Callback::from(move |_: MouseEvent| {
            store.dispatch(Action::SetWording {
                id: id.clone(),
                text: None,
            });
        })
    };
    html! {
        <p class="clause-tools">
            if clause.edited {
                <span class="edited-mark">{ "Your own wording" }</span>
            }
            <button type="button" class="small quiet" id={format!("edit-{id}")} onclick={open}>
                { "Edit wording" }<span class="visually-hidden">{ format!(": {title}") }</span>
            </button>
            if clause.edited {
                <button type="button" class="small quiet" id={format!("revert-{id}")} onclick={revert}>
                    { "Back to the standard wording" }<span class="visually-hidden">{ format!(": {title}") }</span>
                </button>
            }
        </p>
    }
}

/// "Copy this message", for the message at position `i`.
fn copy_button(store: &Dispatch, i: usize, title: &AttrValue, text: &AttrValue) -> Html {
    let onclick = {
        let store = store.clone();
        let title = title.clone();
        let text = text.clone();
        Callback::from(move |_: MouseEvent| {
            let store = store.clone();
            let title = title.clone();
            let text = text.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let notice = match crate::browser::copy_text(&text).await {
                    Ok(()) => Notice::new(
                        NoticeKind::Info,
                        format!("Copied “{title}” to the clipboard: paste it into a new email."),
                    ),
                    Err(e) => Notice::new(NoticeKind::Error, format!("Nothing was copied: {e}.")),
                };
                store.dispatch(Action::Notify(notice));
            });
        })
    };
    html! {
        <p class="copy-message">
            <button type="button" id={format!("copy-message-{i}")} {onclick}>
                { "Copy this message" }<span class="visually-hidden">{ format!(": {title}") }</span>
            </button>
        </p>
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
