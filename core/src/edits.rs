//! The mediator's own wording of clauses ([`Options::edits`]): checked with the other
//! options, and put in place of a clause's standard text when the documents are
//! assembled.
//!
//! An edit is keyed by the clause's id (`recording-prohibited`), so it stays with that
//! variant: while the options select it, the edited text is used; when they select
//! another variant of the topic (recording by consent instead), the standard text of
//! that one is used and a warning says that the edit waits unused; when they select it
//! again, the edit is back. An edit is Markdown, like a clause body, and fixed text: it
//! is not a template, so it no longer follows the options (a name changed later is not
//! changed in it). Raw HTML in it is shown as text and unsafe links lose their target,
//! as in any clause.

use crate::diagnostic::Diagnostic;
use crate::options::Options;
use crate::pack::{DEFINITIONS_TOPIC, Pack, nesting};
use std::collections::BTreeSet;

/// The longest edit accepted, in characters: ten times the longest clause of the
/// built-in pack, so that a pasted document is refused rather than assembled slowly.
pub const MAX_EDIT_CHARS: usize = 20_000;

/// The option path of the edit of clause `id`.
pub fn path(id: &str) -> String {
    format!("edits.{id}")
}

/// The edit of the clause `id` that assembly uses: its text, trimmed.
pub(crate) fn text<'o>(options: &'o Options, id: &str) -> Option<&'o str> {
    options.edits.get(id).map(|text| text.trim())
}

/// The diagnostics about the edits: errors for an edit that cannot be used as written
/// (empty, too long, nested too deeply, or of a clause written once for each recipient),
/// and warnings for an edit that is not used (no such clause in the pack, or a clause
/// these options do not select). `selected` holds the ids of the clauses the options
/// select, in every document.
pub(crate) fn check(pack: &Pack, options: &Options, selected: &BTreeSet<&str>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (id, text) in &options.edits {
        let at = path(id);
        let spec = pack.clause(id);
        let title = match spec {
            Some(spec) => spec.title.as_str(),
            None if id == DEFINITIONS_TOPIC => pack.definitions_title.as_str(),
            None => "",
        };
        let known = spec.is_some() || id == DEFINITIONS_TOPIC;
        if !known {
            let hint = match pack
                .clauses
                .iter()
                .map(|c| c.id.as_str())
                .find(|c| close(c, id))
            {
                Some(near) => {
                    format!("did you mean `{near}`? The clause ids are listed by `caucus clauses`")
                }
                None => {
                    "use a clause id that `caucus clauses` lists, or remove the edit".to_owned()
                }
            };
            out.push(
                Diagnostic::warning(
                    "edit-unknown-clause",
                    at,
                    format!("the clause pack has no clause `{id}`, so this wording is not used"),
                )
                .hint(hint),
            );
            continue;
        }
        let trimmed = text.trim();
        if trimmed.is_empty() {
            out.push(
                Diagnostic::error("edit-empty", at, format!("your wording of `{id}` is empty"))
                    .hint(
                        "write the clause's text, or remove the edit to use the standard wording",
                    ),
            );
            continue;
        }
        let length = trimmed.chars().count();
        if length > MAX_EDIT_CHARS {
            out.push(
                Diagnostic::error(
                    "edit-too-long",
                    at,
                    format!("your wording of `{id}` is {length} characters long; at most {MAX_EDIT_CHARS} are accepted"),
                )
                .hint("shorten it: a clause of the built-in pack is at most about 2,000 characters"),
            );
            continue;
        }
        if let Some(line) = nesting::markdown_too_deep(trimmed) {
            out.push(
                Diagnostic::error(
                    "edit-nesting-too-deep",
                    at,
                    format!(
                        "line {line} of your wording of `{id}` nests quotes and lists more than {} levels deep",
                        nesting::MAX_NESTING
                    ),
                )
                .hint("flatten the structure: clauses need only a few levels of nesting"),
            );
            continue;
        }
        if spec.is_some_and(|s| s.for_each.is_some()) {
            out.push(
                Diagnostic::error(
                    "edit-repeated-clause",
                    at,
                    format!("`{id}` is written once for each recipient, with their names, so it cannot be replaced by one text"),
                )
                .hint("remove the edit, and change the copy you send instead"),
            );
            continue;
        }
        if !selected.contains(id.as_str()) {
            let instead = spec.and_then(|s| {
                pack.clauses.iter().find(|c| {
                    c.topic == s.topic
                        && c.document == s.document
                        && selected.contains(c.id.as_str())
                })
            });
            let message = match instead {
                Some(other) => format!(
                    "your wording of \"{title}\" (`{id}`) is not used: these options select `{}` instead",
                    other.id
                ),
                None => format!(
                    "your wording of \"{title}\" (`{id}`) is not used: these options leave that clause out"
                ),
            };
            out.push(
                Diagnostic::warning("edit-unused", at, message)
                    .hint("it is used again when the options select that clause; remove the edit if you no longer want it"),
            );
        }
    }
    out
}

/// Whether two ids are a small slip apart (for "did you mean").
fn close(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (diagonal + usize::from(ca != cb))
                .min(row[j] + 1)
                .min(above + 1);
            diagonal = above;
        }
    }
    row[b.len()] <= 3
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::options::RecordingPolicy;

    fn pack() -> &'static Pack {
        Pack::builtin().expect("the built-in pack loads")
    }

    fn with_edit(id: &str, text: &str) -> Options {
        let mut options = Options::default();
        options.edits.insert(id.into(), text.into());
        options
    }

    fn clause<'a>(assembly: &'a crate::Assembly, id: &str) -> Option<&'a crate::Clause> {
        assembly
            .documents
            .iter()
            .flat_map(|d| &d.clauses)
            .find(|c| c.id == id)
    }

    #[test]
    fn an_edit_replaces_the_clause_while_it_is_selected_and_waits_otherwise() {
        let mut options = with_edit(
            "recording-prohibited",
            "  Nobody records the *Sessions*, <b>ever</b>.\n",
        );
        let assembly = pack().assemble(&options).expect("assembles");
        let edited = clause(&assembly, "recording-prohibited").expect("selected");
        assert!(edited.edited);
        assert_eq!(edited.body, "Nobody records the *Sessions*, <b>ever</b>.");
        assert!(
            clause(&assembly, "inadvertent-recording").is_some_and(|c| !c.edited),
            "other clauses keep the pack's text"
        );
        let html = assembly.documents[0].to_html();
        assert!(
            html.contains("&lt;b&gt;ever&lt;/b&gt;"),
            "raw HTML stays text"
        );
        assert!(
            !assembly.diagnostics.iter().any(|d| d.code == "edit-unused"),
            "{:?}",
            assembly.diagnostics
        );

        options.recording.policy = RecordingPolicy::ConsentOfAll;
        let assembly = pack().assemble(&options).expect("still assembles");
        assert!(clause(&assembly, "recording-prohibited").is_none());
        assert!(clause(&assembly, "recording-consent-of-all").is_some_and(|c| !c.edited));
        let unused = assembly
            .diagnostics
            .iter()
            .find(|d| d.code == "edit-unused")
            .expect("a warning says the edit waits");
        assert_eq!(unused.path, "edits.recording-prohibited");
        assert!(
            unused.message.contains("recording-consent-of-all"),
            "{}",
            unused.message
        );

        options.recording.policy = RecordingPolicy::Prohibited;
        let assembly = pack().assemble(&options).expect("assembles again");
        assert!(clause(&assembly, "recording-prohibited").is_some_and(|c| c.edited));
    }

    #[test]
    fn edits_that_cannot_be_used_are_reported_at_their_path() {
        let code = |options: &Options| -> Vec<(&'static str, String)> {
            match pack().assemble(options) {
                Ok(a) => a.diagnostics,
                Err(d) => d.0,
            }
            .into_iter()
            .filter(|d| d.path.starts_with("edits."))
            .map(|d| (d.code, d.hint))
            .collect()
        };
        let empty = code(&with_edit("recording-prohibited", " \n "));
        assert_eq!(empty[0].0, "edit-empty");
        assert!(
            pack()
                .assemble(&with_edit("recording-prohibited", ""))
                .is_err()
        );

        let unknown = code(&with_edit("recording-prohibted", "Text."));
        assert_eq!(unknown[0].0, "edit-unknown-clause");
        assert!(
            unknown[0].1.contains("recording-prohibited"),
            "{}",
            unknown[0].1
        );

        let long = "word ".repeat(MAX_EDIT_CHARS / 4);
        assert_eq!(
            code(&with_edit("costs-mediator-absorbs", &long))[0].0,
            "edit-too-long"
        );

        let deep = "> ".repeat(nesting::MAX_NESTING + 1) + "x";
        assert_eq!(
            code(&with_edit("costs-mediator-absorbs", &deep))[0].0,
            "edit-nesting-too-deep"
        );

        let repeated = code(&with_edit("invitation-link-separate", "Dear all."));
        assert_eq!(repeated[0].0, "edit-repeated-clause");
    }

    #[test]
    fn edited_text_decides_the_defined_terms_and_the_definitions_can_be_edited() {
        let options = with_edit(
            "costs-mediator-absorbs",
            "Each Breakout Room is paid for by the Mediator.",
        );
        let assembly = pack().assemble(&options).expect("assembles");
        let agreement = &assembly.documents[0];
        assert!(
            agreement
                .definitions
                .iter()
                .any(|d| d.term == "Breakout Room")
        );

        let options = with_edit("definitions", "Words mean what they say.");
        let assembly = pack().assemble(&options).expect("assembles");
        let definitions = clause(&assembly, "definitions").expect("a definitions clause");
        assert!(definitions.edited);
        assert_eq!(definitions.body, "Words mean what they say.");
    }

    #[test]
    fn edits_come_from_an_options_file() {
        let options = Options::from_toml_str(
            "[edits]\n\"recording-prohibited\" = \"\"\"\nNo recording.\n\n1. Not even audio.\n\"\"\"\n",
        )
        .expect("reads");
        assert_eq!(
            options
                .edits
                .get("recording-prohibited")
                .map(String::as_str),
            Some("No recording.\n\n1. Not even audio.\n")
        );
        let json = serde_json::to_value(&options).expect("serialises");
        assert_eq!(Options::from_value(json).expect("reads back"), options);
    }
}
