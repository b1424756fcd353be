//! The app's state as a reducer: the options (the single source of truth), what the
//! engine made of them, and the form's own memory of text typed that is not (or not yet)
//! a value of the model.
//!
//! Every change of the options re-assembles the documents with `Pack::assemble` and
//! re-renders the selected one to HTML, so the preview always follows the form. No clause
//! logic lives here: the engine decides what the documents say and what is wrong.

use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use caucus_core::options::{Attendee, CostAllocation, Party};
use caucus_core::{Assembly, Diagnostic, Diagnostics, Options, Pack, Severity};
use serde_json::Value;
use yew::{AttrValue, Reducible};

use crate::browser;
use crate::rendered::Rendered;

/// Text typed into a field that the model does not hold as typed: either it is not a
/// valid value (then `errors` says why, and the options keep the last valid value), or
/// it is valid but shown differently ("50." for 50), so the field keeps what was typed.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    pub text: String,
    pub errors: Vec<Diagnostic>,
}

/// What one form field shows: its text (a value, or a draft) and whether it has an
/// error. Fields receive this as a prop, so a field whose `Field` did not change is not
/// rendered again.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub text: AttrValue,
    pub invalid: bool,
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
    /// The last successful assembly (kept while the current options have errors, so the
    /// preview does not vanish while someone is typing).
    pub assembly: Option<Rc<Assembly>>,
    /// The errors (and warnings) of the current options when they block assembly; empty
    /// when `assembly` belongs to the current options.
    pub blocking: Rc<Vec<Diagnostic>>,
    /// The kind of the document shown (`agreement`, `guide`, `invitation`, `consent`).
    pub document: String,
    /// The shown document as HTML (escaped by construction in the engine), by clause.
    pub html: Rendered,
    pub notice: Option<Notice>,
    /// Every diagnostic to list: the form's own input errors first, then the engine's,
    /// most serious first.
    pub checks: Rc<Vec<Diagnostic>>,
    /// The option paths that have an error, for `aria-invalid`.
    pub invalid: Rc<BTreeSet<String>>,
    /// What to focus after the next render, with a serial number so that asking twice
    /// for the same field focuses it twice.
    pub focus: Option<(Focus, u64)>,
    /// On narrow screens, which pane is shown.
    pub pane: Pane,
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
    AddParty,
    RemoveParty(usize),
    MoveParty {
        from: usize,
        to: usize,
    },
    AddAttendee(usize),
    RemoveAttendee {
        party: usize,
        attendee: usize,
    },
    MoveAttendee {
        party: usize,
        from: usize,
        to: usize,
    },
    /// Replaces all options (a loaded file, "start over", undo).
    Replace {
        options: Rc<Options>,
        notice: Option<Notice>,
    },
    SelectDocument(String),
    Notify(Notice),
    DismissNotice,
    /// Moves focus to the element with this id after the next render.
    Focus(String),
    /// Shows the form and moves focus to the field of this option path.
    FocusPath(String),
    ShowPane(Pane),
}

impl State {
    /// The state for `options`, with the built-in pack.
    pub fn new(options: Options, notice: Option<Notice>) -> State {
        let mut state = State {
            pack: PackStatus(browser::timed("caucus:pack", || {
                Pack::builtin().map_err(Rc::new)
            })),
            options: Rc::new(Options::default()),
            value: Rc::new(Value::Null),
            drafts: Rc::default(),
            assembly: None,
            blocking: Rc::default(),
            document: "agreement".to_owned(),
            html: Rendered::Empty,
            notice,
            checks: Rc::default(),
            invalid: Rc::default(),
            focus: None,
            pane: Pane::Form,
            changed: None,
        };
        browser::timed("caucus:first-assembly", || state.apply(options));
        state.refresh_checks();
        state
    }

    /// What the form shows for `path`: the draft if there is one, else the value.
    pub fn text(&self, path: &str) -> String {
        match self.drafts.get(path) {
            Some(draft) => draft.text.clone(),
            None => lookup(&self.value, path).map(display).unwrap_or_default(),
        }
    }

    /// What the field for `path` shows.
    pub fn field(&self, path: &str) -> Field {
        Field {
            text: AttrValue::from(self.text(path)),
            invalid: self.invalid.contains(path),
        }
    }

    /// The value at `path`, if the options have one.
    pub fn get(&self, path: &str) -> Option<&Value> {
        lookup(&self.value, path)
    }

    /// Whether the yes/no option at `path` is on.
    pub fn flag(&self, path: &str) -> bool {
        self.get(path).and_then(Value::as_bool).unwrap_or(false)
    }

    /// The choice at `path` (`"stated-shares"`), or "" if there is none.
    pub fn choice(&self, path: &str) -> &str {
        self.get(path).and_then(Value::as_str).unwrap_or_default()
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
        all.sort_by_key(|d| d.severity);
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

    /// Takes `options` as the new source of truth and re-assembles the documents.
    fn apply(&mut self, options: Options) {
        self.value = Rc::new(serde_json::to_value(&options).unwrap_or(Value::Null));
        self.options = Rc::new(options);
        if let Ok(pack) = self.pack.0 {
            match pack.assemble(&self.options) {
                Ok(assembly) => {
                    self.assembly = Some(Rc::new(assembly));
                    self.blocking = Rc::default();
                }
                Err(diagnostics) => self.blocking = Rc::new(diagnostics.0),
            }
        }
        self.render_document();
    }

    /// Renders the selected document, falling back to the first one when the selected
    /// one is no longer part of the assembly (the consent statement switched off).
    fn render_document(&mut self) {
        let Some(assembly) = &self.assembly else {
            self.html = Rendered::Empty;
            return;
        };
        if assembly.document(&self.document).is_none()
            && let Some(first) = assembly.documents.first()
        {
            self.document = first.kind.clone();
        }
        let html = assembly
            .document(&self.document)
            .map(|doc| Rendered::new(doc.to_html()))
            .unwrap_or_default();
        if let Some(at) = self.html.first_difference(&html) {
            let serial = self.changed.map_or(0, |(_, n)| n + 1);
            self.changed = Some((at, serial));
        }
        self.html = html;
    }

    fn set(&mut self, path: String, new: Value, text: String) {
        let mut value = (*self.value).clone();
        if path.starts_with("costs.shares.") {
            pad_shares(&mut value, self.options.parties.len());
        }
        if !set_path(&mut value, &path, new.clone()) {
            return;
        }
        match Options::from_value(value) {
            Ok(mut options) => {
                let drafts = Rc::make_mut(&mut self.drafts);
                if display(&new) == text {
                    drafts.remove(&path);
                } else {
                    drafts.insert(
                        path.clone(),
                        Draft {
                            text,
                            errors: Vec::new(),
                        },
                    );
                }
                if path == "costs.allocation" {
                    prefill_shares(&mut options);
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

    /// A change to the list of parties or attendees: indices shift, so drafts of those
    /// fields no longer belong to the same field and are dropped.
    fn restructure(&mut self, change: impl FnOnce(&mut Options) -> Option<String>) {
        let mut options = (*self.options).clone();
        let focus = change(&mut options);
        Rc::make_mut(&mut self.drafts)
            .retain(|path, _| !path.starts_with("parties.") && !path.starts_with("costs.shares"));
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
            Action::AddParty => state.restructure(|o| {
                let stated = o.costs.allocation == CostAllocation::StatedShares
                    && o.costs.shares.len() == o.parties.len();
                o.parties.push(Party::default());
                if stated {
                    o.costs.shares.push(0.0);
                }
                Some(format!("opt-parties-{}-name", o.parties.len() - 1))
            }),
            Action::RemoveParty(i) => state.restructure(|o| {
                if i >= o.parties.len() {
                    return None;
                }
                o.parties.remove(i);
                if i < o.costs.shares.len() {
                    o.costs.shares.remove(i);
                }
                if o.costs.requesting_party > i {
                    o.costs.requesting_party -= 1;
                } else if o.costs.requesting_party == i {
                    o.costs.requesting_party = 0;
                }
                Some("add-party".to_owned())
            }),
            Action::MoveParty { from, to } => state.restructure(|o| {
                if from >= o.parties.len() || to >= o.parties.len() {
                    return None;
                }
                o.parties.swap(from, to);
                if from < o.costs.shares.len() && to < o.costs.shares.len() {
                    o.costs.shares.swap(from, to);
                }
                let requesting = &mut o.costs.requesting_party;
                if *requesting == from {
                    *requesting = to;
                } else if *requesting == to {
                    *requesting = from;
                }
                Some(format!(
                    "party-{to}-{}",
                    direction(from, to, o.parties.len())
                ))
            }),
            Action::AddAttendee(i) => state.restructure(|o| {
                let party = o.parties.get_mut(i)?;
                party.attendees.push(Attendee::default());
                Some(format!(
                    "opt-parties-{i}-attendees-{}-name",
                    party.attendees.len() - 1
                ))
            }),
            Action::RemoveAttendee { party, attendee } => state.restructure(|o| {
                let list = &mut o.parties.get_mut(party)?.attendees;
                if attendee >= list.len() {
                    return None;
                }
                list.remove(attendee);
                Some(format!("opt-parties-{party}-attendees"))
            }),
            Action::MoveAttendee { party, from, to } => state.restructure(|o| {
                let list = &mut o.parties.get_mut(party)?.attendees;
                if from >= list.len() || to >= list.len() {
                    return None;
                }
                list.swap(from, to);
                let direction = direction(from, to, list.len());
                Some(format!("attendee-{party}-{to}-{direction}"))
            }),
            Action::Replace { options, notice } => {
                state.drafts = Rc::default();
                state.notice = notice;
                state.apply((*options).clone());
            }
            Action::SelectDocument(kind) => {
                state.document = kind;
                // Another document is not a change to bring into view.
                state.html = Rendered::Empty;
                state.render_document();
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

/// When stated shares are chosen and the shares do not match the parties, start from
/// equal shares that total exactly 100 (the last party takes the rounding).
fn prefill_shares(options: &mut Options) {
    let n = options.parties.len();
    if options.costs.allocation != CostAllocation::StatedShares
        || n == 0
        || options.costs.shares.len() == n
    {
        return;
    }
    let each = (10_000.0 / n as f64).floor() / 100.0;
    let mut shares = vec![each; n];
    let rest: f64 = shares[..n - 1].iter().sum();
    shares[n - 1] = ((100.0 - rest) * 100.0).round() / 100.0;
    options.costs.shares = shares;
}

/// Makes `costs.shares` at least one per party, so that any party's share can be set.
fn pad_shares(value: &mut Value, parties: usize) {
    if let Some(Value::Array(shares)) = value.pointer_mut("/costs/shares") {
        while shares.len() < parties {
            shares.push(Value::from(0.0));
        }
    }
}

/// The value at a dotted option path (`parties.1.name`).
pub fn lookup<'a>(value: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('.').try_fold(value, |node, segment| match node {
        Value::Object(map) => map.get(segment),
        Value::Array(items) => items.get(segment.parse::<usize>().ok()?),
        _ => None,
    })
}

/// Sets the value at a dotted option path; false when the path does not exist.
fn set_path(value: &mut Value, path: &str, new: Value) -> bool {
    let mut node = value;
    for segment in path.split('.') {
        let next = match node {
            Value::Object(map) => map.get_mut(segment),
            Value::Array(items) => match segment.parse::<usize>() {
                Ok(i) => items.get_mut(i),
                Err(_) => None,
            },
            _ => None,
        };
        match next {
            Some(child) => node = child,
            None => return false,
        }
    }
    *node = new;
    true
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
    fn paths_read_and_write_nested_values() {
        let mut value = json!({"parties": [{"name": "A"}, {"name": "B"}]});
        assert_eq!(lookup(&value, "parties.1.name"), Some(&json!("B")));
        assert!(set_path(&mut value, "parties.0.name", json!("C")));
        assert_eq!(value["parties"][0]["name"], json!("C"));
        assert!(!set_path(&mut value, "parties.5.name", json!("D")));
        assert!(!set_path(&mut value, "nothing.here", json!(1)));
    }

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
    fn removing_and_moving_parties_keeps_shares_and_the_requesting_party_with_them() {
        let mut options = Options::default();
        options.parties.push(Party {
            name: "Party C".into(),
            ..Party::default()
        });
        options.costs.allocation = CostAllocation::StatedShares;
        options.costs.shares = vec![20.0, 30.0, 50.0];
        options.costs.requesting_party = 2;
        let state = State::new(options, None);
        let state = reduce(state, Action::MoveParty { from: 2, to: 1 });
        assert_eq!(state.options.parties[1].name, "Party C");
        assert_eq!(state.options.costs.shares, vec![20.0, 50.0, 30.0]);
        assert_eq!(state.options.costs.requesting_party, 1);
        let state = reduce(state, Action::RemoveParty(0));
        assert_eq!(state.options.costs.shares, vec![50.0, 30.0]);
        assert_eq!(state.options.costs.requesting_party, 0);
        assert_eq!(state.options.parties[0].name, "Party C");
    }

    #[test]
    fn text_that_is_not_a_value_stays_in_the_field_and_the_options_keep_the_last_value() {
        let state = State::new(Options::default(), None);
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
        let state = State::new(Options::default(), None);
        if state.pack.0.is_err() {
            return; // the built-in pack is being written; nothing to preview yet
        }
        let html = state.html.clone();
        let state = set(state, "parties.0.name", json!(""));
        assert!(state.stale());
        assert_eq!(state.html, html);
        assert!(state.invalid.contains("parties.0.name"));
        let state = set(state, "parties.0.name", json!("Acme Ltd"));
        assert!(!state.stale());
        assert!(state.html.contains("Acme Ltd"));
    }

    #[test]
    fn switching_to_stated_shares_starts_from_equal_shares() {
        let state = State::new(Options::default(), None);
        let state = set(state, "costs.allocation", json!("stated-shares"));
        assert_eq!(state.options.costs.shares, vec![50.0, 50.0]);
        assert_eq!(state.text("costs.shares.1"), "50");
    }

    #[test]
    fn prefilled_shares_total_exactly_100() {
        for n in 1..=8 {
            let mut options = Options {
                parties: vec![Party::default(); n],
                ..Options::default()
            };
            options.costs.allocation = CostAllocation::StatedShares;
            prefill_shares(&mut options);
            let total: f64 = options.costs.shares.iter().sum();
            assert!((total - 100.0).abs() < 0.005, "{n} parties: {total}");
        }
    }
}
