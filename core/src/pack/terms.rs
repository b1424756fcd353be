//! Finding uses of defined terms in text, fast enough to run on every assembly.

use super::TermSpec;
use crate::template::Template;
use handlebars::template::TemplateElement;
use memchr::memmem::Finder;
use std::collections::{BTreeMap, BTreeSet};

/// The defined terms (and their plurals) by their first word.
///
/// Terms are capitalised, so a use can only start at a capital letter that starts a
/// word. At each such word we look its first word up, and compare whole phrases only for
/// the few terms that start with it. One pass over the text, whatever the number of terms.
#[derive(Debug, Clone, Default)]
pub(crate) struct TermIndex {
    heads: BTreeMap<String, Vec<(String, usize)>>,
    /// A searcher for each term and its plural, by the term's index. Setting a search up
    /// took as long as the search itself, and each assembly searches its new renderings
    /// for the terms their templates mention (3 % of a batch case's instructions).
    finders: Vec<Vec<Finder<'static>>>,
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
        let finders = terms
            .iter()
            .map(|term| {
                std::iter::once(&term.term)
                    .chain(term.plural.as_ref())
                    .map(|phrase| Finder::new(phrase.as_bytes()).into_owned())
                    .collect()
            })
            .collect();
        TermIndex { heads, finders }
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

    /// Whether `text` uses the term with index `t` (or its plural) as a whole word.
    pub fn uses(&self, text: &str, t: usize) -> bool {
        self.finders.get(t).is_some_and(|finders| {
            finders.iter().any(|finder| {
                let len = finder.needle().len();
                (finder.find_iter(text.as_bytes())).any(|start| is_whole_word(text, start, len))
            })
        })
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

/// Where `word` occurs in `text` with no letter or digit on either side.
fn word_matches<'a>(text: &'a str, word: &'a str) -> impl Iterator<Item = usize> + 'a {
    (text.match_indices(word))
        .filter_map(move |(start, _)| is_whole_word(text, start, word.len()).then_some(start))
}

/// Whether the `len` bytes of `text` at `start`, a match of a word, have no letter or
/// digit on either side. A match of text in text starts and ends on character
/// boundaries.
fn is_whole_word(text: &str, start: usize, len: usize) -> bool {
    let before = text.get(..start).and_then(|t| t.chars().next_back());
    let after = text.get(start + len..).and_then(|t| t.chars().next());
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
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
    fn a_term_or_its_plural_is_used_only_as_a_whole_word() {
        let index = TermIndex::new(&[term("Party", Some("Parties")), term("Session", None)]);
        assert!(index.uses("each Party may", 0));
        assert!(index.uses("“Party”", 0));
        assert!(index.uses("the Parties.", 0));
        assert!(index.uses("Partying or a Party", 0), "a later match counts");
        assert!(!index.uses("Partying, ÉParty, PartyÉ, Party2", 0));
        assert!(index.uses("Session", 1));
        assert!(!index.uses("Sessions", 1));
        assert!(!index.uses("each Party", 1));
        assert!(!index.uses("each Party", 2), "no such term");
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
