//! Finding uses of defined terms in text, fast enough to run on every assembly.

use super::TermSpec;
use crate::template::Template;
use handlebars::template::TemplateElement;
use std::collections::{BTreeMap, BTreeSet};

/// The defined terms (and their plurals) by their first word.
///
/// Terms are capitalised, so a use can only start at a capital letter that starts a
/// word. At each such word we look its first word up, and compare whole phrases only for
/// the few terms that start with it. One pass over the text, whatever the number of terms.
#[derive(Debug, Clone, Default)]
pub(crate) struct TermIndex {
    heads: BTreeMap<String, Vec<(String, usize)>>,
}

impl TermIndex {
    pub fn new(terms: &[TermSpec]) -> TermIndex {
        let mut heads: BTreeMap<String, Vec<(String, usize)>> = BTreeMap::new();
        for (i, term) in terms.iter().enumerate() {
            for phrase in std::iter::once(&term.term).chain(term.plural.as_ref()) {
                let head = first_word(phrase);
                if !head.is_empty() {
                    heads
                        .entry(head.to_owned())
                        .or_default()
                        .push((phrase.clone(), i));
                }
            }
        }
        TermIndex { heads }
    }

    /// Adds to `found` every term (by index) used in `text` as a whole word.
    fn scan(&self, text: &str, found: &mut BTreeSet<usize>) {
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            let starts_word = i == 0 || !is_word_byte(bytes[i - 1]);
            if !(b.is_ascii_uppercase() && starts_word) {
                i += 1;
                continue;
            }
            let rest = &text[i..];
            let head = first_word(rest);
            if let Some(phrases) = self.heads.get(head) {
                for (phrase, t) in phrases {
                    let whole = rest.starts_with(phrase.as_str())
                        && rest[phrase.len()..]
                            .chars()
                            .next()
                            .is_none_or(|c| !c.is_alphanumeric());
                    if whole {
                        found.insert(*t);
                    }
                }
            }
            i += head.len().max(1);
        }
    }

    /// Whether `text` uses the term with this index (or its plural) as a whole word.
    pub fn uses(&self, text: &str, term: &TermSpec) -> bool {
        contains_word(text, &term.term)
            || term
                .plural
                .as_deref()
                .is_some_and(|p| contains_word(text, p))
    }

    /// Whether text outside any block of `template` uses the term: text that renders
    /// whatever the options, so the term is used whatever they are.
    pub fn always_uses(&self, template: &Template, term: &TermSpec) -> bool {
        template.elements.iter().any(|element| {
            matches!(element, TemplateElement::RawString(text) if self.uses_inside(text, term))
        })
    }

    /// Whether `text` uses the term (or its plural) as a whole word away from the text's
    /// edges: a use that whatever is rendered next to the text cannot turn into part of a
    /// longer word.
    pub fn uses_inside(&self, text: &str, term: &TermSpec) -> bool {
        let inside = |word: &str| {
            word_matches(text, word).any(|start| start > 0 && start + word.len() < text.len())
        };
        inside(&term.term) || term.plural.as_deref().is_some_and(inside)
    }

    /// The terms used in `text`, by index.
    pub fn find(&self, text: &str) -> Vec<usize> {
        let mut found = BTreeSet::new();
        self.scan(text, &mut found);
        found.into_iter().collect()
    }
}

/// Whether `word` occurs in `text` with no letter or digit on either side.
fn contains_word(text: &str, word: &str) -> bool {
    word_matches(text, word).next().is_some()
}

/// Where `word` occurs in `text` with no letter or digit on either side.
fn word_matches<'a>(text: &'a str, word: &'a str) -> impl Iterator<Item = usize> + 'a {
    text.match_indices(word).filter_map(move |(start, _)| {
        let before = text[..start].chars().next_back();
        let after = text[start + word.len()..].chars().next();
        (!before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric))
            .then_some(start)
    })
}

/// The leading run of ASCII letters and digits.
fn first_word(text: &str) -> &str {
    let end = text
        .bytes()
        .position(|b| !b.is_ascii_alphanumeric())
        .unwrap_or(text.len());
    &text[..end]
}

/// A byte that continues a word: ASCII letters and digits, and any byte of a non-ASCII
/// character (so that a term glued to an accented letter is not counted).
fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80
}

#[cfg(test)]
mod tests {
    use super::*;

    fn term(term: &str, plural: Option<&str>) -> TermSpec {
        TermSpec {
            term: term.into(),
            plural: plural.map(Into::into),
            definition: String::new(),
            uses: Vec::new(),
            uses_known: false,
        }
    }

    #[test]
    fn terms_are_found_as_whole_words() {
        let index = TermIndex::new(&[
            term("Party", Some("Parties")),
            term("Breakout Room", Some("Breakout Rooms")),
            term("Mediation", None),
            term("Mediation Agreement", None),
        ]);
        assert_eq!(index.find("the Party's lawyer"), [0]);
        assert_eq!(index.find("the Parties"), [0]);
        assert_eq!(index.find("Partying, ÉParty"), Vec::<usize>::new());
        assert_eq!(index.find("each Breakout Room."), [1]);
        assert_eq!(index.find("each Breakout Rooms"), [1]);
        assert_eq!(index.find("the Mediation Agreement"), [2, 3]);
        assert_eq!(index.find("a Breakout Roomy"), Vec::<usize>::new());
        assert_eq!(index.find("Party"), [0]);
    }

    #[test]
    fn uses_at_the_edges_of_a_text_do_not_count_as_inside() {
        let index = TermIndex::new(&[]);
        let party = term("Party", Some("Parties"));
        assert!(index.uses_inside("each Party may", &party));
        assert!(index.uses_inside("the Parties.", &party));
        assert!(!index.uses_inside("Party may", &party));
        assert!(!index.uses_inside("each Party", &party));
        assert!(!index.uses_inside("a Partying b", &party));
    }
}
