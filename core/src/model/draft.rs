//! Options that are still being filled in, as a drafting tool assembles them.
//!
//! A mediator who adds a party or an attendee has not typed the name yet. For the command
//! line and the JS API a missing name is an error: a document must not go out without
//! it. A form, though, shows the row it just added while the mediator types, and a row
//! being filled in is not a mistake yet. [`draft`] gives the options to assemble for such
//! a form: every unnamed party and attendee holds a bracketed placeholder ("[Party 3]"),
//! as the invitations already carry "[paste the meeting link]", and a note at its field
//! says so. Nothing else changes, so every other diagnostic keeps its path.

use super::words::nth;
use super::{OptionPath, Segment};
use crate::diagnostic::Diagnostic;
use crate::options::Options;

/// The options to assemble while some names are not typed yet, and a note for each
/// placeholder put in.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    /// The options, with placeholders for the names not given.
    pub options: Options,
    /// One note per placeholder, at the path of the name it stands for.
    pub notes: Vec<Diagnostic>,
}

/// The placeholder for the party at `index` (from 0): "[Party 3]" for 2.
fn party_placeholder(index: usize) -> String {
    format!("[Party {}]", nth(index))
}

/// The placeholder for a party's attendee at `index` (from 0): "[Attendee 2]" for 1.
fn attendee_placeholder(index: usize) -> String {
    format!("[Attendee {}]", nth(index))
}

/// What the documents hold for the option at `path` while it is empty: "[Party 3]" for
/// `parties.2.name`, "[Attendee 2]" for `parties.0.attendees.1.name`; `None` for an
/// option [`draft`] does not stand in for. A form shows it in the empty field.
pub fn placeholder(path: &OptionPath) -> Option<String> {
    use Segment::{Index, Key};
    match path.segments() {
        [Key(parties), Index(i), Key(name)] if parties == "parties" && name == "name" => {
            Some(party_placeholder(*i))
        }
        [Key(parties), Index(_), Key(attendees), Index(j), Key(name)]
            if parties == "parties" && attendees == "attendees" && name == "name" =>
        {
            Some(attendee_placeholder(*j))
        }
        _ => None,
    }
}

/// The options as a form being filled in assembles them: unnamed parties and attendees
/// hold placeholders, each with a note. Options whose names are all given come back
/// unchanged, with no note.
pub fn draft(options: &Options) -> Draft {
    let mut notes = Vec::new();
    if !options
        .parties
        .iter()
        .any(|p| blank(&p.name) || p.attendees.iter().any(|a| blank(&a.name)))
    {
        return Draft {
            options: options.clone(),
            notes,
        };
    }
    let mut drafted = options.clone();
    for (i, party) in drafted.parties.iter_mut().enumerate() {
        if blank(&party.name) {
            let placeholder = party_placeholder(i);
            notes.push(
                Diagnostic::note(
                    "name-to-come",
                    format!("parties.{i}.name"),
                    format!("party {} has no name yet: the documents say \"{placeholder}\" in its place", i + 1),
                )
                .hint("type the party's full legal name"),
            );
            party.name = placeholder;
        }
        for (j, attendee) in party.attendees.iter_mut().enumerate() {
            if blank(&attendee.name) {
                let placeholder = attendee_placeholder(j);
                notes.push(
                    Diagnostic::note(
                        "name-to-come",
                        format!("parties.{i}.attendees.{j}.name"),
                        format!(
                            "attendee {} of party {} has no name yet: the documents say \"{placeholder}\" in its place",
                            j + 1,
                            i + 1
                        ),
                    )
                    .hint("type the attendee's full name"),
                );
                attendee.name = placeholder;
            }
        }
    }
    Draft {
        options: drafted,
        notes,
    }
}

fn blank(name: &str) -> bool {
    name.trim().is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Pack;
    use crate::options::Attendee;

    #[test]
    fn unnamed_parties_and_attendees_get_placeholders_and_notes() {
        let mut options = Options::default();
        options.parties[1].name = "  ".into();
        options.parties[0].attendees.push(Attendee::default());
        let drafted = draft(&options);
        assert_eq!(drafted.options.parties[0].name, "Party A");
        assert_eq!(drafted.options.parties[1].name, "[Party 2]");
        assert_eq!(drafted.options.parties[0].attendees[0].name, "[Attendee 1]");
        let paths: Vec<&str> = drafted.notes.iter().map(|d| d.path.as_str()).collect();
        assert_eq!(paths, ["parties.0.attendees.0.name", "parties.1.name"]);
        assert!(drafted.notes.iter().all(|d| !d.is_error()));
    }

    /// A form's empty field shows what the documents hold in its place.
    #[test]
    fn each_placeholder_is_the_one_the_draft_puts_in() {
        let mut options = Options::default();
        options.parties[1].name.clear();
        options.parties[1].attendees = vec![Attendee::default(), Attendee::default()];
        let drafted = draft(&options);
        let value = serde_json::to_value(&drafted.options).expect("options serialise");
        assert_eq!(drafted.notes.len(), 3);
        for note in &drafted.notes {
            let path = OptionPath::parse(&note.path).expect("a note's path parses");
            let put_in = path.get(&value).and_then(serde_json::Value::as_str);
            assert_eq!(placeholder(&path).as_deref(), put_in, "{path}");
        }
        for other in ["parties.0.role", "mediator.name", "parties.1.attendees.0"] {
            let path = OptionPath::parse(other).expect("parses");
            assert_eq!(placeholder(&path), None, "{other}");
        }
    }

    #[test]
    fn what_is_strict_elsewhere_assembles_as_a_draft() {
        let pack = Pack::builtin().expect("the built-in pack loads");
        let mut options = Options::default();
        for party in &mut options.parties {
            party.name.clear();
            party.attendees.push(Attendee::default());
        }
        let errors = pack
            .assemble(&options)
            .expect_err("unnamed parties are errors");
        assert!(errors.iter().any(|d| d.path == "parties.0.name"));
        let drafted = draft(&options);
        let assembly = pack
            .assemble(&drafted.options)
            .expect("the draft assembles");
        let agreement = assembly.documents[0].to_markdown();
        assert!(agreement.contains("\\[Party 1\\]"), "{agreement}");
    }

    #[test]
    fn complete_options_are_left_alone() {
        let options = Options::default();
        let drafted = draft(&options);
        assert_eq!(drafted.options, options);
        assert!(drafted.notes.is_empty());
    }
}
