//! What can be done with the documents: download one or all, copy the text, print.

use yew::prelude::*;

use super::use_store;
use crate::browser;
use crate::export::{self, Format};
use crate::state::{Action, Notice, NoticeKind};

#[derive(Properties, PartialEq)]
pub struct DocumentActionsProps {}

/// The format choice and the buttons that act on the documents.
#[component]
pub fn DocumentActions(_props: &DocumentActionsProps) -> Html {
    let store = use_store();
    let format = use_state(|| Format::Docx);
    let ready = store.shown().is_some() && !store.stale();
    let why_disabled = (!ready).then_some(
        "Fix the errors listed under Checks first: the documents are out of date until then.",
    );

    let on_format = {
        let format = format.clone();
        Callback::from(move |e: Event| {
            let select = e.target_unchecked_into::<web_sys::HtmlSelectElement>();
            format.set(Format::from_key(&select.value()));
        })
    };
    let report = |store: &super::Store, result: Result<(), String>, done: String| {
        store.dispatch(Action::Notify(match result {
            Ok(()) => Notice::new(NoticeKind::Info, done),
            Err(e) => Notice::new(NoticeKind::Error, format!("The download failed: {e}.")),
        }));
    };
    let download_one = {
        let store = store.clone();
        let format = *format;
        Callback::from(move |_: MouseEvent| {
            let Some(document) = store.shown() else {
                return;
            };
            let name = export::file_name(&store.options, document, format);
            let bytes = format.render(document);
            let result = browser::download(&name, format.mime(), &bytes);
            report(&store, result, format!("Downloaded {name}."));
        })
    };
    let download_all = {
        let store = store.clone();
        let format = *format;
        Callback::from(move |_: MouseEvent| {
            let Some(assembly) = store.full_assembly() else {
                return;
            };
            let name = format!(
                "{}-documents-{}.zip",
                export::base_name(&store.options),
                format.key()
            );
            let bytes = export::archive(&store.options, &assembly, format);
            let result = browser::download(&name, "application/zip", &bytes);
            report(
                &store,
                result,
                format!("Downloaded {name}: every document, one file each."),
            );
        })
    };
    let copy = {
        let store = store.clone();
        Callback::from(move |_: MouseEvent| {
            let Some(document) = store.shown() else {
                return;
            };
            let text = document.to_text();
            let title = document.title.clone();
            let store = store.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let notice = match browser::copy_text(&text).await {
                    Ok(()) => Notice::new(
                        NoticeKind::Info,
                        format!("Copied the text of “{title}” to the clipboard."),
                    ),
                    Err(e) => Notice::new(NoticeKind::Error, format!("Nothing was copied: {e}.")),
                };
                store.dispatch(Action::Notify(notice));
            });
        })
    };
    let print = Callback::from(|_: MouseEvent| browser::print());

    html! {
        <div class="document-actions" role="group" aria-label="Download, copy or print">
            <label for="download-format" class="inline-label">{ "Format" }</label>
            <select id="download-format" onchange={on_format}>
                { for Format::ALL.iter().map(|f| html! {
                    <option value={f.key()} selected={*f == *format}>{ f.name() }</option>
                }) }
            </select>
            <button type="button" id="download-document" onclick={download_one} disabled={!ready} title={why_disabled}>{ "Download this document" }</button>
            <button type="button" id="download-all" onclick={download_all} disabled={!ready} title={why_disabled}>{ "Download all (.zip)" }</button>
            <button type="button" id="copy-text" onclick={copy} disabled={!ready} title={why_disabled}>{ "Copy text" }</button>
            <button type="button" id="print" onclick={print} disabled={!ready} title={why_disabled}>{ "Print" }</button>
        </div>
    }
}
