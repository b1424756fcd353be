//! The actions on the options as a whole: open a file, save, share a link, start over.

use std::rc::Rc;

use caucus_core::Options;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::use_store;
use crate::browser;
use crate::export;
use crate::state::{Action, Notice, NoticeKind};

#[derive(Properties, PartialEq)]
pub struct ToolbarProps {}

/// Reads options from the text of a file named `name`: TOML for `.toml`, else JSON.
fn parse(name: &str, text: &str) -> Result<Options, Vec<String>> {
    let parsed = if name.to_ascii_lowercase().ends_with(".toml") {
        Options::from_toml_str(text)
    } else {
        Options::from_json_str(text)
    };
    parsed.map_err(|diagnostics| diagnostics.0.iter().map(ToString::to_string).collect())
}

/// Buttons for the options file, the share link and starting over.
#[component]
pub fn Toolbar(_props: &ToolbarProps) -> Html {
    let store = use_store();
    let file_input = use_node_ref();

    let open = {
        let file_input = file_input.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(input) = file_input.cast::<HtmlInputElement>() {
                input.click();
            }
        })
    };
    let on_file = {
        let store = store.clone();
        Callback::from(move |e: Event| {
            let input = e.target_unchecked_into::<HtmlInputElement>();
            let Some(file) = input.files().and_then(|files| files.get(0)) else {
                return;
            };
            // Let the same file be chosen again after it has been fixed.
            input.set_value("");
            let store = store.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let name = file.name();
                let action = match browser::read_file(&file).await {
                    Err(e) => Action::Notify(Notice::new(NoticeKind::Error, format!("{name}: {e}."))),
                    Ok(text) => match parse(&name, &text) {
                        Ok(options) => Action::Replace {
                            options: Rc::new(options),
                            notice: Some(
                                Notice::new(NoticeKind::Info, format!("Loaded the options from {name}."))
                                    .undo(store.options.clone()),
                            ),
                        },
                        Err(problems) => Action::Notify(
                            Notice::new(
                                NoticeKind::Error,
                                format!("{name} was not loaded: fix what is listed below and open it again. The form is unchanged."),
                            )
                            .details(problems),
                        ),
                    },
                };
                store.dispatch(action);
            });
        })
    };
    let save = {
        let store = store.clone();
        Callback::from(move |_: MouseEvent| {
            let name = format!("{}-options.json", export::base_name(&store.options));
            let result = export::options_json(&store.options)
                .and_then(|json| browser::download(&name, "application/json", json.as_bytes()));
            store.dispatch(Action::Notify(match result {
                Ok(()) => Notice::new(
                    NoticeKind::Info,
                    format!("Saved the options as {name}. Open it here again later, or use it with the caucus command line tool."),
                ),
                Err(e) => Notice::new(NoticeKind::Error, format!("The options were not saved: {e}.")),
            }));
        })
    };
    let share = {
        let store = store.clone();
        Callback::from(move |_: MouseEvent| {
            let link = match browser::make_share_link(&store.options) {
                Ok(link) => link,
                Err(e) => {
                    store.dispatch(Action::Notify(Notice::new(
                        NoticeKind::Error,
                        format!("No link was made: {e}."),
                    )));
                    return;
                }
            };
            let store = store.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let copied = browser::copy_text(&link).await.is_ok();
                let where_it_is = if copied {
                    "The link is in the address bar and on the clipboard."
                } else {
                    "The link is in the address bar: copy it from there."
                };
                store.dispatch(Action::Notify(
                    Notice::new(
                        NoticeKind::Warning,
                        format!("{where_it_is} It contains everything typed in this form, including the names of the parties and attendees: send it only to people who may see them. Nothing was uploaded; the options travel inside the link itself."),
                    ),
                ));
            });
        })
    };
    let start_over = {
        let store = store.clone();
        Callback::from(move |_: MouseEvent| {
            store.dispatch(Action::Replace {
                options: Rc::new(crate::state::fresh_options()),
                notice: Some(
                    Notice::new(
                        NoticeKind::Info,
                        "Started over: the form holds the defaults and the saved draft is cleared.",
                    )
                    .undo(store.options.clone()),
                ),
            });
        })
    };

    html! {
        <div class="toolbar" role="group" aria-label="Options">
            <button type="button" id="open-options" onclick={open}>{ "Open options…" }</button>
            <input type="file" class="visually-hidden" ref={file_input} id="options-file"
                accept=".json,.toml,application/json,application/toml" tabindex="-1"
                aria-label="Options file (JSON or TOML)" onchange={on_file} />
            <button type="button" id="save-options" onclick={save}>{ "Save options" }</button>
            <button type="button" id="share-link" onclick={share}>{ "Share link" }</button>
            <button type="button" id="start-over" class="danger" onclick={start_over}>{ "Start over" }</button>
        </div>
    }
}
