//! The shown document's HTML by clause, as the engine gives it
//! ([`Document::to_html_parts`]), so that a keystroke replaces only the clauses whose
//! text changed, not the whole document.

use caucus_core::Document;
use yew::AttrValue;

/// The HTML of one document: the article's language, its heading and each clause.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Rendered {
    pub lang: AttrValue,
    pub heading: AttrValue,
    pub clauses: Vec<AttrValue>,
}

impl Rendered {
    /// The document's HTML, escaped by construction in the engine.
    pub fn new(document: &Document) -> Rendered {
        let parts = document.to_html_parts();
        Rendered {
            lang: AttrValue::Static(parts.lang),
            heading: AttrValue::from(parts.heading),
            clauses: parts.clauses.into_iter().map(AttrValue::from).collect(),
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
        let rendered = Rendered::new(document);
        assert_eq!(rendered.lang, "en-GB");
        assert_eq!(rendered.clauses.len(), document.clauses.len());
        let joined: String = std::iter::once(rendered.heading.to_string())
            .chain(rendered.clauses.iter().map(ToString::to_string))
            .collect();
        assert_eq!(
            format!("<article class=\"caucus-document\" lang=\"en-GB\">\n{joined}</article>\n"),
            document.to_html()
        );
    }
}
