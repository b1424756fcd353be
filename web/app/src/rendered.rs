//! The shown document's HTML by clause, as the engine gives it
//! ([`Document::to_html_parts`]), so that a keystroke replaces only the clauses whose
//! text changed, not the whole document.

use caucus_core::{Clause, Document, Pack};
use yew::AttrValue;

/// The HTML of one document: the article's language, its heading and each clause.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Rendered {
    pub lang: AttrValue,
    pub heading: AttrValue,
    pub clauses: Vec<AttrValue>,
    /// For each clause that is a message to send as it is (the pack marks invitations
    /// `message = true`): its title and its plain text, for a "copy" button beside it.
    pub messages: Vec<Option<(AttrValue, AttrValue)>>,
    /// For each clause the mediator may reword: its id, its title and its Markdown body
    /// (what the editor starts from), and whether it is in their own wording already.
    pub editable: Vec<Option<Editable>>,
}

/// A clause the mediator may put in their own words ([`caucus_core::Options::edits`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Editable {
    pub id: AttrValue,
    pub title: AttrValue,
    pub body: AttrValue,
    pub edited: bool,
}

impl Rendered {
    /// The document's HTML, escaped by construction in the engine; `pack` says which
    /// clauses are messages.
    pub fn new(document: &Document, pack: &Pack) -> Rendered {
        let parts = document.to_html_parts();
        Rendered {
            lang: AttrValue::Static(parts.lang),
            heading: AttrValue::from(parts.heading),
            clauses: parts.clauses.into_iter().map(AttrValue::from).collect(),
            messages: document
                .clauses
                .iter()
                .map(|clause| {
                    pack.clause(&clause.id)
                        .is_some_and(|spec| spec.message)
                        .then(|| {
                            (
                                AttrValue::from(clause.title.clone()),
                                AttrValue::from(message_text(document, clause)),
                            )
                        })
                })
                .collect(),
            // A clause written once per recipient cannot be replaced by one text.
            editable: document
                .clauses
                .iter()
                .map(|clause| {
                    let single = pack
                        .clause(&clause.id)
                        .map_or(clause.id == "definitions", |spec| spec.for_each.is_none());
                    single.then(|| Editable {
                        id: AttrValue::from(clause.id.clone()),
                        title: AttrValue::from(clause.title.clone()),
                        body: AttrValue::from(clause.body.clone()),
                        edited: clause.edited,
                    })
                })
                .collect(),
        }
    }

    /// Whether there is a document to show.
    pub fn is_empty(&self) -> bool {
        self.heading.is_empty() && self.clauses.is_empty()
    }

    /// The position of the first clause that differs between `self` (before) and `after`,
    /// when both are of the same document and something changed.
    pub fn first_difference(&self, after: &Rendered) -> Option<usize> {
        if self.is_empty() || after.is_empty() || self.lang != after.lang || self == after {
            return None;
        }
        let same = self
            .clauses
            .iter()
            .zip(&after.clauses)
            .take_while(|(a, b)| a == b)
            .count();
        Some(same.min(after.clauses.len().saturating_sub(1)))
    }

    /// Whether the rendered text contains `needle` (for tests).
    #[cfg(test)]
    pub fn contains(&self, needle: &str) -> bool {
        self.heading.contains(needle) || self.clauses.iter().any(|c| c.contains(needle))
    }
}

/// A message's plain text, as the engine writes plain text (wrapped, no Markdown),
/// without its title: what is pasted into an email.
fn message_text(document: &Document, clause: &Clause) -> String {
    let alone = Document {
        kind: document.kind.clone(),
        title: String::new(),
        locale: document.locale,
        clauses: vec![Clause {
            title: String::new(),
            number: None,
            ..clause.clone()
        }],
        definitions: Vec::new(),
    };
    let text = alone.to_text();
    // The empty title's underline ("=") comes first.
    let mut lines = text
        .lines()
        .skip_while(|l| l.is_empty() || l.chars().all(|c| c == '='));
    let mut out: String = lines.by_ref().collect::<Vec<_>>().join("\n");
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(clauses: &[&str]) -> Rendered {
        Rendered {
            lang: "en-GB".into(),
            heading: "<h1>T</h1>".into(),
            clauses: clauses
                .iter()
                .map(|c| AttrValue::from(c.to_string()))
                .collect(),
            messages: vec![None; clauses.len()],
            editable: vec![None; clauses.len()],
        }
    }

    #[test]
    fn the_first_changed_clause_is_found() {
        let before = doc(&["a", "b", "c"]);
        assert_eq!(before.first_difference(&doc(&["a", "b", "c"])), None);
        assert_eq!(before.first_difference(&doc(&["a", "B", "c"])), Some(1));
        assert_eq!(before.first_difference(&doc(&["a", "c"])), Some(1));
        assert_eq!(before.first_difference(&doc(&["a", "b"])), Some(1));
        assert_eq!(Rendered::default().first_difference(&before), None);
    }

    #[test]
    fn the_engine_s_parts_are_shown_as_they_are() {
        let pack = caucus_core::Pack::builtin().expect("the built-in pack loads");
        let assembly = pack
            .assemble(&caucus_core::Options::default())
            .expect("the defaults assemble");
        let document = &assembly.documents[0];
        let rendered = Rendered::new(document, pack);
        assert_eq!(rendered.lang, "en-GB");
        assert_eq!(rendered.clauses.len(), document.clauses.len());
        let joined: String = std::iter::once(rendered.heading.to_string())
            .chain(rendered.clauses.iter().map(ToString::to_string))
            .collect();
        assert_eq!(
            format!("<article class=\"caucus-document\" lang=\"en-GB\">\n{joined}</article>\n"),
            document.to_html()
        );
        assert!(rendered.messages.iter().all(Option::is_none));
    }

    #[test]
    fn each_invitation_is_a_message_to_copy_with_its_names() {
        let pack = caucus_core::Pack::builtin().expect("the built-in pack loads");
        let mut options = caucus_core::Options::default();
        options.parties[0].attendees = vec![caucus_core::options::Attendee {
            name: "Ann Lee".into(),
            ..Default::default()
        }];
        let assembly = pack.assemble(&options).expect("the options assemble");
        let invitation = assembly.document("invitation").expect("an invitation");
        let rendered = Rendered::new(invitation, pack);
        let messages: Vec<_> = rendered.messages.iter().flatten().collect();
        // Two messages (link, then passcode) for Ann Lee and for Party B's recipient.
        assert_eq!(messages.len(), 4, "{:?}", rendered.messages);
        assert!(messages[0].0.contains("Ann Lee"));
        assert!(messages[0].1.starts_with("Subject: "), "{}", messages[0].1);
        assert!(messages[0].1.contains("Dear Ann Lee,"));
        assert!(!messages[0].1.contains('*'), "plain text, no Markdown");
        assert!(
            rendered.messages[0].is_none(),
            "the instructions are not a message"
        );
    }
}
