//! Remembered renderings: a template's recent renderings, under the values it read.
//!
//! Rendering the templates is most of what assembly costs, and from one assembly to the
//! next (a keystroke in a drafting tool, the next case of a batch) most clauses read the
//! same values and render the same text. A [`Memo`] keeps a template's last few
//! renderings together with the numbers of the values at the paths it reads (`reads.rs`,
//! `values.rs`) and gives one back when those numbers are the same again. The output is
//! the same either way: the property tests assemble generated options with and without
//! memos and compare.

use super::Data;
use super::reads::reads;
use super::render::ReadPath;
use handlebars::{RenderError, Template};
use std::collections::VecDeque;
use std::sync::{Arc, Mutex, OnceLock};

/// How many renderings of one template are kept: enough for the combinations of choices
/// a batch goes through (a batch bench's cases cycle through 12) and the items of a list.
const KEPT: usize = 16;

/// One template's remembered renderings.
pub struct Memo {
    /// The paths it reads, each with the version that covers its value ([`version_index`]); `None`:
    /// it is rendered every time (its reads are not known, or it has no tags and costs
    /// nothing to render).
    reads: Option<Vec<ReadPath>>,
    kept: Mutex<VecDeque<Arc<Rendering>>>,
    /// A template without tags: its one rendering, made once, with the terms found in it.
    text: Option<Arc<Rendering>>,
}

/// One rendering of a template, and what has been learnt about its text since.
#[derive(Debug)]
pub struct Rendering {
    /// The numbers of the values at the paths the template reads, when it was rendered
    /// (`values.rs`), and the versions that covered them ([`ReadPath::version_in`]): a
    /// rendering made when a value had the version it has now read that value, and is
    /// found without its number.
    numbers: Vec<u64>,
    versions: Vec<u64>,
    pub text: String,
    /// The terms (by index) the text uses among those its clause mentions: found by
    /// assembly the first time it needs them, and kept with the text they were found in.
    pub terms: OnceLock<Vec<usize>>,
}

impl Rendering {
    /// A rendering made now, to be used once.
    pub fn fresh(text: String) -> Arc<Rendering> {
        Arc::new(Rendering {
            numbers: Vec::new(),
            versions: Vec::new(),
            text,
            terms: OnceLock::new(),
        })
    }
}

impl std::fmt::Debug for Memo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Memo").field("reads", &self.reads).finish()
    }
}

impl Memo {
    /// An empty memo for this template.
    pub fn new(template: &Template) -> Memo {
        let text = super::render::text_only(template);
        Memo {
            text: text.map(|text| Rendering::fresh(text.to_owned())),
            reads: text
                .is_none()
                .then(|| reads(template))
                .flatten()
                .map(|paths| paths.into_iter().map(ReadPath::new).collect()),
            kept: Mutex::new(VecDeque::new()),
        }
    }

    /// Whether it remembers: false when its reads are not known, or when it has no tags.
    #[cfg(test)]
    pub(crate) fn remembers(&self) -> bool {
        self.reads.is_some()
    }

    /// Whether it has no tags: its text is its one rendering.
    #[cfg(test)]
    pub(crate) fn is_text(&self) -> bool {
        self.text.is_some()
    }

    /// The template rendered against `data`: remembered when the values it reads are
    /// those of a recent rendering, else rendered now (and remembered).
    pub fn render(&self, template: &Template, data: &Data) -> Result<Arc<Rendering>, RenderError> {
        if let Some(text) = &self.text {
            return Ok(Arc::clone(text));
        }
        let Some(reads) = &self.reads else {
            return data.render(template).map(Rendering::fresh);
        };
        // A value's number is asked for only where its version changed since a
        // rendering, and once.
        let mut numbers: Vec<Option<u64>> = vec![None; reads.len()];
        let mut number = |i: usize| *numbers[i].get_or_insert_with(|| data.read(&reads[i]));
        // The newest first: a drafting tool's last keystroke left most values as they were.
        if let Ok(kept) = self.kept.lock()
            && let Some(hit) = kept.iter().rev().find(|r| {
                reads.iter().enumerate().all(|(i, read)| {
                    read.version_in(data) == Some(r.versions[i]) || r.numbers[i] == number(i)
                })
            })
        {
            return Ok(Arc::clone(hit));
        }
        let rendering = Arc::new(Rendering {
            text: data.render(template)?,
            numbers: (0..reads.len()).map(number).collect(),
            versions: reads
                .iter()
                .map(|read| read.version_in(data).unwrap_or(0))
                .collect(),
            terms: OnceLock::new(),
        });
        if let Ok(mut kept) = self.kept.lock() {
            if kept.len() == KEPT {
                kept.pop_front();
            }
            kept.push_back(Arc::clone(&rendering));
        }
        Ok(rendering)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::Facts;
    use crate::options::Options;

    fn data(options: &Options) -> Data {
        Data::new(options, &Facts::default()).expect("options serialize")
    }

    #[test]
    fn a_rendering_is_given_back_only_for_the_same_values() {
        let template =
            Template::compile("{{mediator.name}} for {{join parties \"name\"}}").expect("ok");
        let memo = Memo::new(&template);
        let mut options = Options::default();
        let first = memo.render(&template, &data(&options)).expect("renders");
        let again = memo.render(&template, &data(&options)).expect("renders");
        assert!(
            Arc::ptr_eq(&again, &first),
            "the same rendering is given back"
        );
        let first = first.text.clone();
        options.parties[1].name = "Beta Ltd".into();
        let second = memo
            .render(&template, &data(&options))
            .expect("renders")
            .text
            .clone();
        assert_ne!(first, second);
        assert!(second.ends_with("Beta Ltd"), "{second}");
        // An option the template does not read leaves its rendering as it was.
        options.case.reference = "MED-9".into();
        let unchanged = memo.render(&template, &data(&options)).expect("renders");
        assert_eq!(unchanged.text, second);
        assert_eq!(memo.kept.lock().expect("not poisoned").len(), 2);
    }

    /// A template whose value is new every time (a name in a batch) still has its
    /// rendering given back when a value it read before comes back, in data made anew
    /// (new versions): found by the value's number, not by version.
    #[test]
    fn a_value_that_comes_back_finds_its_rendering_in_new_data() {
        let template = Template::compile("{{case.reference}}").expect("ok");
        let memo = Memo::new(&template);
        let mut options = Options::default();
        let mut first = Vec::new();
        for n in 0..KEPT {
            options.case.reference = format!("MED-{n}");
            first.push(memo.render(&template, &data(&options)).expect("renders"));
        }
        for (n, rendering) in first.iter().enumerate() {
            options.case.reference = format!("MED-{n}");
            let again = memo.render(&template, &data(&options)).expect("renders");
            assert!(Arc::ptr_eq(&again, rendering), "MED-{n} found again");
        }
        options.case.reference = "MED-new".into();
        let new = memo.render(&template, &data(&options)).expect("renders");
        assert_eq!(new.text, "MED-new");
        assert!(first.iter().all(|r| !Arc::ptr_eq(r, &new)));
    }

    #[test]
    fn a_memo_keeps_only_the_last_renderings() {
        let template = Template::compile("{{case.reference}}").expect("ok");
        let memo = Memo::new(&template);
        let mut options = Options::default();
        for n in 0..KEPT + 4 {
            options.case.reference = format!("MED-{n}");
            let rendering = memo.render(&template, &data(&options)).expect("renders");
            assert_eq!(rendering.text, format!("MED-{n}"));
        }
        assert_eq!(memo.kept.lock().expect("not poisoned").len(), KEPT);
    }
}
