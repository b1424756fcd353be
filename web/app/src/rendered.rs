//! The shown document's HTML, cut into its clauses so that a keystroke replaces only the
//! clauses whose text changed, not the whole document.
//!
//! The cut follows the engine's fragment exactly (`<article class="caucus-document"
//! lang="…">`, an `<h1>`, one `<section class="clause" …>` per clause). Text a user typed
//! is escaped by the engine, so the literal `<section class="clause"` can only come from
//! the engine itself. Anything else is kept whole.

use yew::AttrValue;

/// The HTML of one document, whole or by clause.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Rendered {
    /// No document.
    #[default]
    Empty,
    /// The fragment as the engine made it.
    Whole(AttrValue),
    /// The article's language, its heading and each clause, in order.
    Clauses {
        lang: AttrValue,
        heading: AttrValue,
        clauses: Vec<AttrValue>,
    },
}

const OPEN: &str = "<article class=\"caucus-document\" lang=\"";
const CLAUSE: &str = "<section class=\"clause\"";
const CLOSE: &str = "</article>";

impl Rendered {
    /// Cuts the engine's HTML fragment into clauses, or keeps it whole when it does not
    /// have the expected shape.
    pub fn new(html: String) -> Rendered {
        Rendered::cut(&html).unwrap_or_else(|| Rendered::Whole(AttrValue::from(html)))
    }

    fn cut(html: &str) -> Option<Rendered> {
        let rest = html.strip_prefix(OPEN)?;
        let (lang, rest) = rest.split_once("\">")?;
        if lang.contains(['<', '>', '"']) {
            return None;
        }
        let body = rest.trim_end().strip_suffix(CLOSE)?;
        let first = body.find(CLAUSE)?;
        let heading = &body[..first];
        let mut clauses = Vec::new();
        let mut remaining = &body[first..];
        while !remaining.is_empty() {
            let next = remaining[CLAUSE.len()..]
                .find(CLAUSE)
                .map_or(remaining.len(), |i| i + CLAUSE.len());
            clauses.push(AttrValue::from(remaining[..next].to_owned()));
            remaining = &remaining[next..];
        }
        Some(Rendered::Clauses {
            lang: AttrValue::from(lang.to_owned()),
            heading: AttrValue::from(heading.to_owned()),
            clauses,
        })
    }

    /// The position of the first clause that differs between `self` (before) and `after`,
    /// when both are cut into clauses of the same document and something changed.
    pub fn first_difference(&self, after: &Rendered) -> Option<usize> {
        let (
            Rendered::Clauses {
                lang: lang_before,
                clauses: before,
                ..
            },
            Rendered::Clauses {
                lang: lang_after,
                clauses: after,
                ..
            },
        ) = (self, after)
        else {
            return None;
        };
        if lang_before != lang_after || before == after {
            return None;
        }
        let same = before.iter().zip(after).take_while(|(a, b)| a == b).count();
        Some(same.min(after.len().saturating_sub(1)))
    }

    /// Whether the rendered text contains `needle` (for tests).
    #[cfg(test)]
    pub fn contains(&self, needle: &str) -> bool {
        match self {
            Rendered::Empty => false,
            Rendered::Whole(html) => html.contains(needle),
            Rendered::Clauses {
                heading, clauses, ..
            } => heading.contains(needle) || clauses.iter().any(|c| c.contains(needle)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_engine_fragment_is_cut_at_its_clauses_and_nothing_is_lost() {
        let html = "<article class=\"caucus-document\" lang=\"en-GB\">\n<h1>Terms</h1>\n\
                    <section class=\"clause\" id=\"clause-a\"><h2>1. A</h2><p>x</p></section>\n\
                    <section class=\"clause\" id=\"clause-b\"><h2>2. B</h2><p>&lt;section class=&quot;clause&quot;</p></section>\n\
                    </article>\n";
        let Rendered::Clauses {
            lang,
            heading,
            clauses,
        } = Rendered::new(html.to_owned())
        else {
            panic!("the fragment should be cut");
        };
        assert_eq!(lang, "en-GB");
        assert_eq!(heading, "\n<h1>Terms</h1>\n");
        assert_eq!(clauses.len(), 2);
        let joined: String = std::iter::once(heading.to_string())
            .chain(clauses.iter().map(ToString::to_string))
            .collect();
        assert_eq!(
            format!("<article class=\"caucus-document\" lang=\"en-GB\">{joined}</article>\n"),
            html
        );
    }

    #[test]
    fn the_first_changed_clause_is_found() {
        let doc = |clauses: &[&str]| Rendered::Clauses {
            lang: "en-GB".into(),
            heading: "<h1>T</h1>".into(),
            clauses: clauses
                .iter()
                .map(|c| AttrValue::from(c.to_string()))
                .collect(),
        };
        let before = doc(&["a", "b", "c"]);
        assert_eq!(before.first_difference(&doc(&["a", "b", "c"])), None);
        assert_eq!(before.first_difference(&doc(&["a", "B", "c"])), Some(1));
        assert_eq!(before.first_difference(&doc(&["a", "c"])), Some(1));
        assert_eq!(before.first_difference(&doc(&["a", "b"])), Some(1));
        assert_eq!(Rendered::Empty.first_difference(&before), None);
    }

    #[test]
    fn anything_else_is_kept_whole() {
        assert_eq!(
            Rendered::new("<p>odd</p>".to_owned()),
            Rendered::Whole(AttrValue::from("<p>odd</p>"))
        );
    }
}
