//! The root component: the store, its effects (saving the draft, moving focus) and the
//! page layout.

use yew::prelude::*;

use super::diagnostics::DiagnosticsPanel;
use super::footer::Footer;
use super::notice_bar::NoticeBar;
use super::options_form::OptionsForm;
use super::preview::Preview;
use super::toolbar::Toolbar;
use super::{Dispatch, Store};
use crate::browser::{self, Start};
use crate::state::{Action, Focus, Notice, NoticeKind, Pane, State, fresh_options};

/// The state to start with: a share link's options, else the saved draft, else the
/// defaults.
fn initial_state() -> State {
    match browser::start() {
        Start::Fresh => State::new(fresh_options(), None, false),
        Start::Saved(options) => State::new(
            *options,
            Some(Notice::new(
                NoticeKind::Info,
                "Your draft is restored from this browser. “Start over” clears it.",
            )),
            true,
        ),
        Start::Link(options, previous) => {
            let mut notice = Notice::new(
                NoticeKind::Info,
                "The options in the link you opened are loaded, and saved as your draft in this browser.",
            );
            if let Some(previous) = previous.filter(|p| **p != *options) {
                notice.text.push_str(" They replace the draft you had here: “Undo” brings it back.");
                notice = notice.undo((*previous).into());
            }
            State::new(*options, Some(notice), true)
        }
        Start::BrokenLink(saved) => {
            let started = saved.is_some();
            let keeps = if saved.is_some() {
                "The form shows your own draft from this browser instead."
            } else {
                "The form starts empty instead."
            };
            State::new(
                saved.map_or_else(fresh_options, |s| *s),
                Some(Notice::new(
                    NoticeKind::Error,
                    format!("The link you opened is incomplete: part of it was probably lost when it was copied or sent, so its options cannot be read. Ask the sender to send the whole link again, or to send the saved options file. {keeps}"),
                )),
                started,
            )
        }
        Start::Unreadable(what, problems) => State::new(
            fresh_options(),
            Some(
                Notice::new(
                    NoticeKind::Error,
                    format!("The options in {what} could not be read, so the form starts from the defaults. This is what was wrong:"),
                )
                .details(problems),
            ),
            false,
        ),
    }
}

#[derive(Properties, PartialEq, Default)]
pub struct AppProps {}

/// The drafting app.
#[component]
pub fn App(_props: &AppProps) -> Html {
    let store: Store = use_reducer(initial_state);
    // The documents' own styles, as a constructed stylesheet: an inline <style> would
    // need 'unsafe-inline' in the Content-Security-Policy.
    use_effect_with((), |_| {
        browser::adopt_stylesheet(caucus_core::render::STYLESHEET);
        browser::save_draft_when_hidden();
    });

    // Every change is saved (when the browser is next idle, after the preview is drawn);
    // a share link's options leave the address bar as soon as they are in the draft (and
    // a link made earlier no longer matches).
    use_effect_with(store.options.clone(), |options| {
        browser::save_draft(options);
        if browser::has_share_fragment() {
            browser::clear_fragment();
        }
    });
    use_effect_with(store.pane, |_| browser::reveal_workspace());
    use_effect_with(store.focus.clone(), |focus| match focus {
        Some((Focus::Id(id), _)) => {
            browser::focus_id(id);
        }
        Some((Focus::Path(path), _)) => {
            browser::focus_path(path);
        }
        None => {}
    });
    let show = |pane: Pane| {
        let store = store.clone();
        Callback::from(move |_: MouseEvent| store.dispatch(Action::ShowPane(pane)))
    };
    // Everything listed under Checks that asks for action (not the notes).
    let to_check = store
        .checks
        .iter()
        .filter(|d| d.severity != caucus_core::Severity::Note)
        .count();
    let pane_class = match store.pane {
        Pane::Form => "showing-form",
        Pane::Preview => "showing-preview",
    };

    let dispatch: Dispatch = store.dispatcher();
    html! {
        <ContextProvider<Store> context={store.clone()}>
        <ContextProvider<Dispatch> context={dispatch}>
            <div class={classes!("caucus-app", pane_class)}>
                <div class="skip-links">
                    <a class="skip-link" href="#documents">{ "Skip to the documents and downloads" }</a>
                    <a class="skip-link" href="#options-start">{ "Skip to the form" }</a>
                </div>
                <header class="masthead">
                    <div class="brand">
                        <h1 class="app-name">{ "caucus" }<span class="tagline">{ ": video mediation terms, drafted in your browser" }</span></h1>
                    </div>
                    <Toolbar />
                </header>
                <section class="intro" aria-labelledby="intro-title">
                    <h2 id="intro-title" class="visually-hidden">{ "About this tool" }</h2>
                    <p class="what-it-does">
                        { "Drafts the video-mediation terms of a mediation agreement, a participant guide, invitations and, where needed, a consent statement. " }
                        <strong>{ "Start here:" }</strong>
                        { " name the mediator and the parties, choose the platform, recording and costs; the documents follow every change. Then download them." }
                    </p>
                    <p class="privacy-promise">
                        <strong>{ "Nothing you type leaves this device." }</strong>
                        { " Everything is drafted inside your browser; no request is made after the page has loaded, and your draft stays in this browser until you start over." }
                    </p>
                </section>
                <NoticeBar />
                <div class="pane-switch" role="group" aria-label="Show">
                    <button type="button" id="show-form" aria-pressed={(store.pane == Pane::Form).to_string()}
                        onclick={show(Pane::Form)}>{ "Options" }</button>
                    <button type="button" id="show-preview" aria-pressed={(store.pane == Pane::Preview).to_string()}
                        onclick={show(Pane::Preview)}>
                        { "Documents" }
                        if to_check > 0 {
                            <span class="badge">{ format!("{to_check} to check") }</span>
                        }
                    </button>
                </div>
                <main class="workspace" id="main">
                    <div class="form-pane" id="options-start" tabindex="-1">
                        <OptionsForm />
                    </div>
                    <div class="side-pane">
                        <DiagnosticsPanel />
                        <Preview />
                    </div>
                </main>
                <Footer />
            </div>
        </ContextProvider<Dispatch>>
        </ContextProvider<Store>>
    }
}
