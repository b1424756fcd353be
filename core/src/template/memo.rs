//! Remembered renderings: a template's recent renderings, under the values it read.
//!
//! Rendering the templates is most of what assembly costs, and from one assembly to the
//! next (a keystroke in a drafting tool, the next case of a batch) most clauses read the
//! same values and render the same text. A [`Memo`] keeps a template's last few
//! renderings together with the values of the paths it reads (`reads.rs`) and gives one
//! back when those values are equal again. The output is the same either way: the
//! property tests assemble generated options with and without memos and compare.

use super::Data;
use super::reads::reads;
use super::render::{CurrentValue, ReadPath, ReadValue};
use handlebars::{RenderError, Template};
use std::collections::VecDeque;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

/// How many renderings of one template are kept: enough for the combinations of choices
/// a batch goes through (a batch bench's cases cycle through 12) and the items of a list.
const KEPT: usize = 16;

/// After this many renderings in a row that were not found among the kept ones, a memo
/// compares values only every this many renderings, and otherwise finds renderings by
/// version alone. A template that reads a value new every time (a name in a batch, the
/// party being typed) then no longer has its values looked up, hashed, compared and
/// copied for nothing: that saved about 7% of a batch case's instructions and 15% of a
/// keystroke with eight parties.
const MISSES: usize = KEPT;

/// One template's remembered renderings.
pub struct Memo {
    /// The paths it reads, each with the version that covers its value ([`version_index`]); `None`:
    /// it is rendered every time (its reads are not known, or it has no tags and costs
    /// nothing to render).
    reads: Option<Vec<ReadPath>>,
    kept: Mutex<VecDeque<Arc<Rendering>>>,
    /// A template without tags: its one rendering, made once, with the terms found in it.
    text: Option<Arc<Rendering>>,
    /// How many renderings in a row were made, not found ([`MISSES`]).
    misses: AtomicUsize,
}

/// One rendering of a template, and what has been learnt about its text since.
#[derive(Debug)]
pub struct Rendering {
    /// The values of the paths the template reads, when it was rendered (none when its
    /// memo was not comparing values, [`MISSES`]), and the versions that covered them
    /// ([`ReadPath::version_in`]).
    values: Vec<ReadValue>,
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
            values: Vec::new(),
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
            misses: AtomicUsize::new(0),
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
        // A value is read only where its version changed since a rendering, and it is
        // compared only where its fingerprint is the same.
        let misses = self.misses.load(Ordering::Relaxed);
        let compare = misses < MISSES || misses.is_multiple_of(MISSES);
        // Not comparing, the memo reads no value at all.
        let mut looked: Vec<Option<CurrentValue>> = if compare {
            vec![None; reads.len()]
        } else {
            Vec::new()
        };
        // The newest first: a drafting tool's last keystroke left most values as they were.
        if let Ok(kept) = self.kept.lock()
            && let Some(hit) = kept.iter().rev().find(|r| {
                reads.iter().enumerate().all(|(i, read)| {
                    read.version_in(data) == Some(r.versions[i])
                        || (compare
                            && (r.values.get(i))
                                .is_some_and(|v| v.is(read_once(&mut looked[i], data, read))))
                })
            })
        {
            // Found by version alone, a rendering says nothing of whether comparing
            // values finds renderings again.
            if compare {
                self.misses.store(0, Ordering::Relaxed);
            }
            return Ok(Arc::clone(hit));
        }
        self.misses.fetch_add(1, Ordering::Relaxed);
        let values = if compare {
            (looked.iter_mut().zip(reads))
                .map(|(looked, read)| data.share(read, read_once(looked, data, read)))
                .collect()
        } else {
            Vec::new()
        };
        let rendering = Arc::new(Rendering {
            text: data.render(template)?,
            values,
            versions: reads
                .iter()
                .map(|read| read.version_in(data).unwrap_or(0))
                .collect(),
            terms: OnceLock::new(),
        });
        if let Ok(mut kept) = self.kept.lock() {
            // Of the renderings kept without values, only the newest: the others could
            // never be found again, and would push out those that can.
            if !compare && kept.back().is_some_and(|r| r.values.is_empty()) {
                kept.pop_back();
            }
            if kept.len() == KEPT {
                kept.pop_front();
            }
            kept.push_back(Arc::clone(&rendering));
        }
        Ok(rendering)
    }
}

/// The value `read` reads in `data`, read the first time it is asked for.
fn read_once<'l, 'd>(
    looked: &'l mut Option<CurrentValue<'d>>,
    data: &'d Data,
    read: &ReadPath,
) -> &'l CurrentValue<'d> {
    looked.get_or_insert_with(|| data.read(read))
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

    /// A template whose values are new every time stops having them compared (and
    /// kept), but its renderings are still found by version, its text is always right,
    /// and a match found when it compares again makes it compare every time.
    #[test]
    fn a_memo_that_keeps_missing_compares_values_only_now_and_then() {
        let template = Template::compile("{{case.reference}}").expect("ok");
        let memo = Memo::new(&template);
        let newest_keeps_values = |memo: &Memo| {
            let kept = memo.kept.lock().expect("not poisoned");
            !kept.back().expect("a rendering").values.is_empty()
        };
        let mut options = Options::default();
        for n in 0..=MISSES {
            options.case.reference = format!("MED-{n}");
            memo.render(&template, &data(&options)).expect("renders");
            assert!(newest_keeps_values(&memo), "miss {n} is compared");
        }
        options.case.reference = "MED-new".into();
        let same = data(&options);
        let first = memo.render(&template, &same).expect("renders");
        assert_eq!(first.text, "MED-new");
        assert!(!newest_keeps_values(&memo), "values are no longer kept");
        let again = memo.render(&template, &same).expect("renders");
        assert!(Arc::ptr_eq(&first, &again), "found by version");
        // A value seen before, in new data: rendered afresh until the memo compares again.
        options.case.reference = format!("MED-{}", MISSES - 1);
        let mut found = false;
        for _ in 0..MISSES {
            let rendering = memo.render(&template, &data(&options)).expect("renders");
            assert_eq!(rendering.text, options.case.reference);
            found |= memo.misses.load(Ordering::Relaxed) == 0;
        }
        assert!(found, "compared again, it found the rendering by its value");
        options.case.reference = "MED-later".into();
        memo.render(&template, &data(&options)).expect("renders");
        assert!(
            newest_keeps_values(&memo),
            "after a match, values are compared again"
        );
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
