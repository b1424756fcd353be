//! The app's state as a reducer: the options (the single source of truth), what the
//! engine made of them, and the form's own memory of text typed that is not (or not yet)
//! a value of the model.
//!
//! Every change of the options re-assembles the documents with `Pack::assemble` and
//! re-renders the selected one to HTML, so the preview always follows the form. No clause
//! logic lives here: the engine decides what the documents say and what is wrong.

use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use caucus_core::model::{self, OptionPath};
use caucus_core::{Assembly, Diagnostic, Diagnostics, Options, Pack, Severity};
use serde_json::Value;
use yew::{AttrValue, Reducible};

use crate::browser;
use crate::ids::field_id;
use crate::rendered::Rendered;

/// Text typed into a field that the model does not hold as typed: either it is not a
/// valid value (then `errors` says why, and the options keep the last valid value), or
/// it is valid but shown differently ("50." for 50), so the field keeps what was typed.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    pub text: String,
    pub errors: Vec<Diagnostic>,
}

/// What one form field shows: its text (a value, or a draft), whether it has an error,
/// and the message of the most serious diagnostic about it, shown beside it. Fields
/// receive this as a prop, so a field whose `Field` did not change is not rendered again.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub text: AttrValue,
    pub invalid: bool,
    pub message: Option<FieldMessage>,
}

/// A diagnostic's message as a field shows it, beside the field.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldMessage {
    /// "error" or "warning": how it is styled.
    pub class: &'static str,
    /// The message as a sentence, with option paths named as the form names them.
    pub text: AttrValue,
}

/// How a notice is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeKind {
    Info,
    Warning,
    Error,
}

/// A message about something the user did (a file loaded, a link made, text copied).
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    pub kind: NoticeKind,
    pub text: String,
    /// One line each, for example the problems found in a loaded file.
    pub details: Vec<String>,
    /// Options the user may go back to ("Undo" after "start over" or a loaded file).
    pub undo: Option<Rc<Options>>,
}

impl Notice {
    pub fn new(kind: NoticeKind, text: impl Into<String>) -> Notice {
        Notice {
            kind,
            text: text.into(),
            details: Vec::new(),
            undo: None,
        }
    }

    pub fn details(mut self, details: Vec<String>) -> Notice {
        self.details = details;
        self
    }

    pub fn undo(mut self, options: Rc<Options>) -> Notice {
        self.undo = Some(options);
        self
    }
}

/// The built-in clause pack, or why it could not be loaded. Compared by identity: the
/// pack is loaded once and never changes.
#[derive(Debug, Clone)]
pub struct PackStatus(pub Result<&'static Pack, Rc<Diagnostics>>);

impl PartialEq for PackStatus {
    fn eq(&self, other: &Self) -> bool {
        match (&self.0, &other.0) {
            (Ok(a), Ok(b)) => std::ptr::eq(*a, *b),
            (Err(a), Err(b)) => Rc::ptr_eq(a, b),
            _ => false,
        }
    }
}

/// Everything the app shows.
#[derive(Debug, Clone, PartialEq)]
pub struct State {
    /// The built-in clause pack, or why it could not be loaded.
    pub pack: PackStatus,
    /// The options: the single source of truth.
    pub options: Rc<Options>,
    /// The same options as JSON, which the form fields read by option path.
    pub value: Rc<Value>,
    /// Typed text the options do not hold as typed, by option path.
    pub drafts: Rc<BTreeMap<String, Draft>>,
    /// The last successful assembly of the document shown and the pack's main one (kept
    /// while the current options have errors, so the preview does not vanish while
    /// someone is typing). The others are assembled when they are downloaded.
    pub assembly: Option<Rc<Assembly>>,
    /// The ids of the documents the options call for, in the pack's order: the tabs.
    pub documents: Rc<Vec<String>>,
    /// The errors (and warnings) of the current options when they block assembly; empty
    /// when `assembly` belongs to the current options.
    pub blocking: Rc<Vec<Diagnostic>>,
    /// The id of the document shown (the pack's first document until one is chosen).
    pub document: String,
    /// The shown document as HTML (escaped by construction in the engine), by clause.
    pub html: Rendered,
    pub notice: Option<Notice>,
    /// Every diagnostic to list: the form's own input errors first, then the engine's,
    /// most serious first.
    pub checks: Rc<Vec<Diagnostic>>,
    /// The option paths that have an error, for `aria-invalid`.
    pub invalid: Rc<BTreeSet<String>>,
    /// The most serious error or warning about each option path, shown beside its field.
    pub messages: Rc<BTreeMap<String, FieldMessage>>,
    /// Whether the user has changed anything yet. Until then only errors are listed:
    /// a warning about something not filled in yet is no news to someone who has not
    /// started.
    pub started: bool,
    /// What to focus after the next render, with a serial number so that asking twice
    /// for the same field focuses it twice.
    pub focus: Option<(Focus, u64)>,
    /// On narrow screens, which pane is shown.
    pub pane: Pane,
    /// The clause whose wording the mediator is editing in the preview, by id.
    pub editing: Option<String>,
    /// The first clause of the shown document whose text the last change altered (its
    /// position), with a serial number, so that the preview can bring it into view.
    pub changed: Option<(usize, u64)>,
}

/// Something to move the keyboard focus to.
#[derive(Debug, Clone, PartialEq)]
pub enum Focus {
    /// The element with this id.
    Id(String),
    /// The field of this option path (or the nearest one that exists).
    Path(String),
}

/// On a narrow screen (a tablet held upright) the form and the preview take turns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Form,
    Preview,
}

/// Everything the user can do.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Sets the option at `path` (`parties.1.name`) to `value`; `text` is what was typed.
    Set {
        path: String,
        value: Value,
        text: String,
    },
    /// Keeps text typed into `path` that is not a value of the model, with the error
    /// that says why (a number field holding letters).
    Reject {
        path: String,
        text: String,
        error: Diagnostic,
    },
    /// Adds an item at the end of the list of tables at this path (`parties`,
    /// `parties.0.attendees`).
    AddItem(String),
    /// Removes item `index` of the list at `list`.
    RemoveItem {
        list: String,
        index: usize,
    },
    /// Moves item `from` of the list at `list` to position `to`.
    MoveItem {
        list: String,
        from: usize,
        to: usize,
    },
    /// Replaces all options (a loaded file, "start over", undo).
    Replace {
        options: Rc<Options>,
        notice: Option<Notice>,
    },
    SelectDocument(String),
    /// Opens (or with `None` closes) the editor of a clause's wording.
    EditClause(Option<String>),
    /// Puts the mediator's own wording in place of clause `id`'s, or with `None` goes
    /// back to the standard wording.
    SetWording {
        id: String,
        text: Option<String>,
    },
    Notify(Notice),
    DismissNotice,
    /// Moves focus to the element with this id after the next render.
    Focus(String),
    /// Shows the form and moves focus to the field of this option path.
    FocusPath(String),
    ShowPane(Pane),
}

/// The options a fresh form starts from: the defaults, with the parties' names left for
/// the mediator to type (the documents hold "[Party 1]" until then), so that no made-up
/// name has to be overwritten.
pub fn fresh_options() -> Options {
    let mut options = Options::default();
    for party in &mut options.parties {
        party.name.clear();
    }
    options
}

impl State {
    /// The state for `options`, with the built-in pack. `started`: the options are the
    /// user's own (a restored draft, a link), not a fresh form.
    pub fn new(options: Options, notice: Option<Notice>, started: bool) -> State {
        let mut state = State {
            pack: PackStatus(browser::timed("caucus:pack", || {
                Pack::builtin().map_err(Rc::new)
            })),
            options: Rc::new(Options::default()),
            value: Rc::new(Value::Null),
            drafts: Rc::default(),
            assembly: None,
            documents: Rc::default(),
            blocking: Rc::default(),
            document: browser::saved_document_tab().unwrap_or_default(),
            html: Rendered::default(),
            notice,
            checks: Rc::default(),
            invalid: Rc::default(),
            messages: Rc::default(),
            started,
            focus: None,
            pane: Pane::Form,
            editing: None,
            changed: None,
        };
        browser::timed("caucus:first-assembly", || state.apply(options));
        state.refresh_checks();
        if let Ok(pack) = &state.pack.0 {
            browser::prepare_clauses_when_idle(pack, 0);
        }
        state
    }

    /// What the form shows for `path`: the draft if there is one, else the value.
    pub fn text(&self, path: &str) -> String {
        match self.drafts.get(path) {
            Some(draft) => draft.text.clone(),
            None => model::lookup(&self.value, path)
                .map(display)
                .unwrap_or_default(),
        }
    }

    /// What the field for `path` shows.
    pub fn field(&self, path: &str) -> Field {
        Field {
            text: AttrValue::from(self.text(path)),
            invalid: self.invalid.contains(path),
            message: self.messages.get(path).cloned(),
        }
    }

    /// Every document of the current options, for "download all"; none while they
    /// have errors (the downloads wait for them to be fixed).
    pub fn full_assembly(&self) -> Option<Assembly> {
        let pack = self.pack.0.as_ref().ok()?;
        pack.assemble(&model::draft::draft(&self.options).options)
            .ok()
    }

    /// Whether the assembly shown belongs to older options than the current ones.
    pub fn stale(&self) -> bool {
        !self.blocking.is_empty()
    }

    /// The document shown, if any.
    pub fn shown(&self) -> Option<&caucus_core::Document> {
        self.assembly.as_ref()?.document(&self.document)
    }

    /// Recomputes the list of diagnostics and the fields in error, once per change
    /// rather than once per field.
    fn refresh_checks(&mut self) {
        let mut all: Vec<Diagnostic> = self
            .drafts
            .values()
            .flat_map(|d| d.errors.iter().cloned())
            .collect();
        if self.stale() {
            all.extend(self.blocking.iter().cloned());
        } else if let Some(assembly) = &self.assembly {
            all.extend(assembly.diagnostics.iter().cloned());
        }
        if !self.started {
            all.retain(|d| d.severity == Severity::Error);
        }
        all.sort_by_key(|d| d.severity);
        let mut messages = BTreeMap::new();
        for d in &all {
            let class = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Note => continue,
            };
            messages
                .entry(d.path.clone())
                .or_insert_with(|| FieldMessage {
                    class,
                    text: AttrValue::from(caucus_core::model::sentence(&d.message, &self.value)),
                });
        }
        if *self.messages != messages {
            self.messages = Rc::new(messages);
        }
        let invalid = all
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .map(|d| d.path.clone())
            .collect();
        if *self.checks != all {
            self.checks = Rc::new(all);
        }
        if *self.invalid != invalid {
            self.invalid = Rc::new(invalid);
        }
    }

    /// Takes `options` as the new source of truth and re-assembles the documents. A
    /// party or attendee still without a name is a row being filled in, not an error:
    /// the documents hold a placeholder for it until it is typed (`model::draft`).
    fn apply(&mut self, options: Options) {
        self.value = Rc::new(serde_json::to_value(&options).unwrap_or(Value::Null));
        self.options = Rc::new(options);
        if let Ok(pack) = self.pack.0 {
            let drafted = model::draft::draft(&self.options);
            let present: Vec<String> = pack
                .documents_for(&drafted.options)
                .into_iter()
                .map(str::to_owned)
                .collect();
            if !present.contains(&self.document)
                && let Some(first) = present.first()
            {
                self.document = first.clone();
            }
            if *self.documents != present {
                self.documents = Rc::new(present);
            }
            // Only what is shown (and the main document, whose clauses the form's "why
            // these terms" quote): the invitations, one per attendee, are the dearest
            // to assemble and are seldom on screen while someone types.
            let main = pack.documents.first().map_or("", |d| d.id.as_str());
            match pack.assemble_documents(&drafted.options, &[main, self.document.as_str()]) {
                Ok(mut assembly) => {
                    assembly.diagnostics.extend(drafted.notes);
                    self.assembly = Some(Rc::new(assembly));
                    self.blocking = Rc::default();
                }
                Err(diagnostics) => self.blocking = Rc::new(diagnostics.0),
            }
        }
        self.render_document();
    }

    /// Renders the selected document, falling back to the first one when the selected
    /// one is not part of the assembly (none chosen yet, or the consent statement
    /// switched off).
    fn render_document(&mut self) {
        let Some(assembly) = &self.assembly else {
            self.html = Rendered::default();
            return;
        };
        if assembly.document(&self.document).is_none()
            && let Some(first) = assembly.documents.first()
        {
            self.document = first.kind.clone();
        }
        let html = match (assembly.document(&self.document), &self.pack.0) {
            (Some(document), Ok(pack)) => Rendered::new(document, pack),
            _ => Rendered::default(),
        };
        if let Some(at) = self.html.first_difference(&html) {
            let serial = self.changed.map_or(0, |(_, n)| n + 1);
            self.changed = Some((at, serial));
        }
        self.html = html;
    }

    fn set(&mut self, path: String, new: Value, text: String) {
        let result = match OptionPath::parse(&path) {
            Ok(parsed) => self.options.with(&parsed, new.clone()),
            Err(e) => Err(Diagnostic::error("invalid-value", path.clone(), e.to_string()).into()),
        };
        match result {
            Ok(options) => {
                // The drafts are replaced only when they change, so that the parts of the
                // form they belong to can tell (`components::part`).
                if display(&new) == text {
                    if self.drafts.contains_key(&path) {
                        Rc::make_mut(&mut self.drafts).remove(&path);
                    }
                } else {
                    Rc::make_mut(&mut self.drafts).insert(
                        path.clone(),
                        Draft {
                            text,
                            errors: Vec::new(),
                        },
                    );
                }
                self.apply(options);
            }
            Err(diagnostics) => {
                // Keep only what concerns this field: the rest of the value came from
                // valid options.
                let errors = diagnostics
                    .0
                    .into_iter()
                    .map(|mut d| {
                        if d.path.is_empty() {
                            d.path = path.clone();
                        }
                        d
                    })
                    .collect();
                Rc::make_mut(&mut self.drafts).insert(path, Draft { text, errors });
            }
        }
    }

    /// A change to a list of tables (parties, attendees), made by the engine so that the
    /// options that follow the list stay with their items. Positions shift, so drafts of
    /// fields in lists no longer belong to the same field and are dropped. Then the focus
    /// goes where `focus` says.
    fn restructure(&mut self, change: Result<Options, Diagnostics>, focus: Option<String>) {
        let Ok(options) = change else {
            // The form only offers changes to lists that exist.
            return;
        };
        Rc::make_mut(&mut self.drafts)
            .retain(|path, _| OptionPath::parse(path).is_ok_and(|p| p.indices().is_empty()));
        self.apply(options);
        if let Some(id) = focus {
            self.request_focus(id);
        }
    }

    fn request_focus(&mut self, id: String) {
        self.focus_on(Focus::Id(id));
    }

    fn focus_on(&mut self, target: Focus) {
        let serial = self.focus.as_ref().map_or(0, |(_, n)| n + 1);
        self.focus = Some((target, serial));
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut state = (*self).clone();
        if matches!(
            action,
            Action::Set { .. }
                | Action::Reject { .. }
                | Action::AddItem(_)
                | Action::RemoveItem { .. }
                | Action::MoveItem { .. }
                | Action::Replace { .. }
                | Action::SetWording { .. }
        ) {
            state.started = true;
        }
        match action {
            Action::Set { path, value, text } => state.set(path, value, text),
            Action::Reject { path, text, error } => {
                Rc::make_mut(&mut state.drafts).insert(
                    path,
                    Draft {
                        text,
                        errors: vec![error],
                    },
                );
            }
            Action::AddItem(list) => {
                if let Ok(path) = OptionPath::parse(&list) {
                    let added = state.options.with_item_added(&path);
                    let focus = added
                        .as_ref()
                        .ok()
                        .map(|(_, at)| first_field(&path.clone().index(*at)));
                    state.restructure(added.map(|(options, _)| options), focus);
                }
            }
            Action::RemoveItem { list, index } => {
                if let Ok(path) = OptionPath::parse(&list) {
                    let removed = state.options.with_item_removed(&path, index);
                    state.restructure(removed, Some(field_id(&list)));
                }
            }
            Action::MoveItem { list, from, to } => {
                if let Ok(path) = OptionPath::parse(&list) {
                    let length = path
                        .get(&state.value)
                        .and_then(Value::as_array)
                        .map_or(0, Vec::len);
                    let moved = state.options.with_item_moved(&path, from, to);
                    let item = path.clone().index(to).to_string();
                    let focus = format!("{}-{}", field_id(&item), direction(from, to, length));
                    state.restructure(moved, Some(focus));
                }
            }
            Action::Replace { options, notice } => {
                state.drafts = Rc::default();
                state.notice = notice;
                state.apply((*options).clone());
            }
            Action::SelectDocument(kind) => {
                state.document = kind;
                // Another document is not a change to bring into view.
                state.html = Rendered::default();
                let options = (*state.options).clone();
                state.apply(options);
            }
            Action::EditClause(id) => state.editing = id,
            Action::SetWording { id, text } => {
                let mut options = (*state.options).clone();
                match text {
                    Some(text) => options.edits.insert(id.clone(), text),
                    None => options.edits.remove(&id),
                };
                state.editing = None;
                state.apply(options);
                state.request_focus(format!("edit-{id}"));
            }
            Action::Notify(notice) => state.notice = Some(notice),
            Action::DismissNotice => state.notice = None,
            Action::Focus(id) => state.request_focus(id),
            Action::FocusPath(path) => {
                state.pane = Pane::Form;
                state.focus_on(Focus::Path(path));
            }
            Action::ShowPane(pane) => state.pane = pane,
        }
        state.refresh_checks();
        Rc::new(state)
    }
}

/// Which of the moved row's buttons keeps focus: the one pressed, unless the row reached
/// the end where that button is disabled.
fn direction(from: usize, to: usize, len: usize) -> &'static str {
    match (to < from, to) {
        (true, 0) => "down",
        (true, _) => "up",
        (false, t) if t + 1 == len => "up",
        (false, _) => "down",
    }
}

/// The id of the first field of a list item, to focus once it is added.
fn first_field(item: &OptionPath) -> String {
    let first = model::option_at(item)
        .and_then(|o| o.fields().iter().find(|f| f.is_leaf()))
        .and_then(|f| f.key());
    match first {
        Some(key) => field_id(&item.clone().key(key).to_string()),
        None => field_id(&item.to_string()),
    }
}

/// How a value appears in a form field: numbers without a needless ".0", lists
/// separated by commas, nothing for "none".
pub fn display(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Number(n) => match (n.as_u64(), n.as_f64()) {
            (Some(u), _) => u.to_string(),
            (None, Some(f)) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", f as i64),
            _ => n.to_string(),
        },
        Value::Bool(b) => b.to_string(),
        Value::Array(items) => items.iter().map(display).collect::<Vec<_>>().join(", "),
        Value::Object(_) => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn numbers_display_as_typed() {
        assert_eq!(display(&json!(50.0)), "50");
        assert_eq!(display(&json!(33.33)), "33.33");
        assert_eq!(display(&json!(48)), "48");
        assert_eq!(display(&json!(["EU", "Canada"])), "EU, Canada");
    }

    fn reduce(state: State, action: Action) -> State {
        (*Rc::new(state).reduce(action)).clone()
    }

    fn set(state: State, path: &str, value: Value) -> State {
        let text = display(&value);
        reduce(
            state,
            Action::Set {
                path: path.to_owned(),
                value,
                text,
            },
        )
    }

    #[test]
    fn list_edits_keep_the_shares_and_move_the_focus_to_the_right_control() {
        let mut options = Options::default();
        options.costs.allocation = caucus_core::options::CostAllocation::StatedShares;
        options.costs.shares = vec![20.0, 80.0];
        let state = State::new(options, None, false);
        let state = reduce(state, Action::AddItem("parties".into()));
        assert_eq!(state.options.parties.len(), 3);
        assert_eq!(state.options.costs.shares, vec![20.0, 80.0, 0.0]);
        assert_eq!(focused(&state), Some("opt-parties-2-name"));
        let state = reduce(
            state,
            Action::MoveItem {
                list: "parties".into(),
                from: 2,
                to: 1,
            },
        );
        assert_eq!(state.options.costs.shares, vec![20.0, 0.0, 80.0]);
        assert_eq!(focused(&state), Some("opt-parties-1-up"));
        let state = reduce(
            state,
            Action::MoveItem {
                list: "parties".into(),
                from: 1,
                to: 0,
            },
        );
        assert_eq!(
            focused(&state),
            Some("opt-parties-0-down"),
            "the top has no up"
        );
        let state = reduce(state, Action::AddItem("parties.0.attendees".into()));
        assert_eq!(focused(&state), Some("opt-parties-0-attendees-0-name"));
        let state = reduce(
            state,
            Action::RemoveItem {
                list: "parties".into(),
                index: 0,
            },
        );
        assert_eq!(state.options.costs.shares, vec![20.0, 80.0]);
        assert_eq!(focused(&state), Some("opt-parties"));
    }

    fn focused(state: &State) -> Option<&str> {
        match &state.focus {
            Some((Focus::Id(id), _)) => Some(id),
            _ => None,
        }
    }

    #[test]
    fn text_that_is_not_a_value_stays_in_the_field_and_the_options_keep_the_last_value() {
        let state = State::new(Options::default(), None, false);
        let state = set(state, "attendance.disclosure_deadline_hours", json!("soon"));
        assert_eq!(state.options.attendance.disclosure_deadline_hours, 48);
        assert_eq!(state.text("attendance.disclosure_deadline_hours"), "soon");
        assert!(
            state
                .checks
                .iter()
                .any(|d| d.path == "attendance.disclosure_deadline_hours")
        );
        let state = set(state, "attendance.disclosure_deadline_hours", json!(24));
        assert_eq!(state.options.attendance.disclosure_deadline_hours, 24);
        assert!(state.drafts.is_empty());
    }

    #[test]
    fn errors_keep_the_last_preview_and_mark_it_stale() {
        let state = State::new(Options::default(), None, false);
        if let Err(diagnostics) = &state.pack.0 {
            panic!("the built-in pack does not load:\n{diagnostics}");
        }
        assert!(
            state.html.contains("Party A"),
            "the default preview is shown"
        );
        let html = state.html.clone();
        let state = set(state, "platform.kind", json!("other"));
        assert!(state.stale(), "another platform needs its name");
        assert_eq!(state.html, html);
        assert!(state.invalid.contains("platform.other_name"));
        let message = state
            .field("platform.other_name")
            .message
            .expect("a message");
        assert_eq!(message.class, "error");
        let state = set(state, "platform.other_name", json!("Jitsi"));
        assert!(!state.stale());
        assert!(state.html.contains("Jitsi"));
    }

    #[test]
    fn a_row_being_filled_in_is_not_an_error() {
        let state = State::new(Options::default(), None, false);
        let state = reduce(state, Action::AddItem("parties".into()));
        assert!(
            !state.stale(),
            "an unnamed new party does not block the documents"
        );
        assert!(
            state.html.contains("[Party 3]"),
            "the documents hold its place"
        );
        assert!(!state.invalid.contains("parties.2.name"));
        assert!(state.field("parties.2.name").message.is_none());
        assert!(
            state
                .checks
                .iter()
                .any(|d| d.code == "name-to-come" && !d.is_error())
        );
        let state = reduce(state, Action::AddItem("parties.0.attendees".into()));
        assert!(!state.stale());
    }

    #[test]
    fn warnings_wait_until_the_user_has_started() {
        let mut options = Options::default();
        options.parties[0].name.clear();
        let state = State::new(options, None, false);
        assert!(state.checks.iter().all(Diagnostic::is_error));
        let state = set(state, "mediator.name", json!("Dana Whitfield"));
        assert!(state.checks.iter().any(|d| d.code == "name-to-come"));
    }

    #[test]
    fn a_clause_in_the_mediator_s_own_words_is_used_marked_and_revertable() {
        let state = State::new(Options::default(), None, false);
        let id = "recording-prohibited";
        let state = reduce(state, Action::EditClause(Some(id.into())));
        assert_eq!(state.editing.as_deref(), Some(id));
        let state = reduce(
            state,
            Action::SetWording {
                id: id.into(),
                text: Some("No one records anything, ever.".into()),
            },
        );
        assert!(state.editing.is_none());
        assert!(state.html.contains("No one records anything, ever."));
        assert!(state.html.contains("class=\"clause edited\""));
        assert_eq!(state.options.edits.len(), 1, "kept with the options");
        let state = reduce(
            state,
            Action::SetWording {
                id: id.into(),
                text: None,
            },
        );
        assert!(!state.html.contains("No one records anything"));
        assert!(state.options.edits.is_empty());
    }

    #[test]
    fn switching_to_stated_shares_starts_from_equal_shares() {
        let state = State::new(Options::default(), None, false);
        let state = set(state, "costs.allocation", json!("stated-shares"));
        assert_eq!(state.options.costs.shares, vec![50.0, 50.0]);
        assert_eq!(state.text("costs.shares.1"), "50");
    }
}
