//! Clause packs: loading, validating and describing them.
//!
//! A pack is a set of files (path → text). The engine never reads the disk: the built-in
//! pack is embedded at compile time, the CLI reads a folder, the browser passes files.
//! Loading validates everything and reports every problem with file, line and column;
//! a pack that loaded can assemble any valid options without a pack error.

mod compiled;
mod condition;
mod coverage;
mod files;
mod guards;
mod load;
pub mod nesting;
mod reliance;
mod terms;
mod validate;

pub(crate) use condition::Values;
pub use condition::{Condition, Test};

use crate::assemble::Assembly;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::document::Document;
use crate::facts::Facts;
use crate::options::Options;
use crate::options::PlatformKind;
use crate::template::Data;
use crate::template::Template;
use crate::template::memo::Memo;
use serde_json::Value;
use std::collections::BTreeSet;
use std::sync::{Mutex, OnceLock};

/// The reserved topic whose clause the engine generates from `terms.toml`.
pub const DEFINITIONS_TOPIC: &str = "definitions";

/// A loaded, validated clause pack.
#[derive(Debug)]
pub struct Pack {
    pub name: String,
    pub version: String,
    pub documents: Vec<DocumentSpec>,
    pub clauses: Vec<ClauseSpec>,
    pub terms: Vec<TermSpec>,
    /// Heading and opening words of the definitions clause.
    pub definitions_title: String,
    pub definitions_intro: String,
    pub facts: Facts,
    /// For each platform kind, the template values `platform_facts` and
    /// `platform_settings`, computed once at load.
    pub(crate) platform_context: Vec<(PlatformKind, Value, Value)>,
    pub(crate) term_index: terms::TermIndex,
    /// The parsed templates: each document's title by index of [`Pack::documents`], each
    /// term's definition by index of [`Pack::terms`].
    pub(crate) document_titles: Vec<Template>,
    pub(crate) term_definitions: Vec<Template>,
    /// Their recent renderings (`template/memo.rs`), by the same indices.
    pub(crate) document_title_memos: Vec<Memo>,
    pub(crate) term_definition_memos: Vec<Memo>,
    /// Whether renderings are remembered: true unless [`Pack::remembering`] turned it off.
    pub(crate) remember: bool,
    /// The data of the last assemblies, for the next to renew (`Pack::data_for`): one
    /// for each thread assembling at once (a batch's workers) and platform, up to
    /// [`SPARE_DATA`].
    pub(crate) spare_data: Mutex<Vec<Data>>,
    /// Each clause's compiled title and body, by index of [`Pack::clauses`]: made at load
    /// for a pack read from files, on first use for the built-in pack (`compiled.rs`).
    pub(crate) clause_templates: Vec<OnceLock<compiled::ClauseTemplates>>,
    /// The built-in pack's passage guards, prepared (`guards.rs`), by index of
    /// [`Pack::clauses`]; empty for a pack read from files, which has them compiled.
    pub(crate) prepared_guards: Vec<Option<guards::Guards>>,
    /// What compiling a clause on first use reads, made once.
    pub(crate) compile_context: OnceLock<compiled::Context>,
    /// The topics and clause ids some `{{ref}}` of the pack names: the only numbers
    /// assembly needs to hand the templates. For the built-in pack, read from the text of
    /// its templates (`validate::ref_names`), since they are compiled on first use.
    pub(crate) referenced: BTreeSet<String>,
    /// For each clause, by index of [`Pack::clauses`], whether its topic and whether its
    /// id are [`Pack::referenced`]: found once, not looked up in every assembly.
    pub(crate) referenced_clauses: Vec<(bool, bool)>,
    /// The options with a fixed set of values, numbered: what `when` conditions and
    /// passages' guards test, looked up once an assembly.
    pub(crate) condition_paths: condition::Paths,
    /// The facts the last assemblies' documents relied on, with the choices and the
    /// platform they follow from (`reliance.rs`).
    pub(crate) relied: Mutex<std::collections::VecDeque<reliance::Relied>>,
    /// Whether every `when` condition of the documents, topics and clauses follows from
    /// the choices and the platform (`reliance::follows_from_choices`), decided at load:
    /// if not, no answer of `relied_facts` is kept.
    pub(crate) whens_follow_from_choices: bool,
}

/// One document of the pack and the order of its topics.
#[derive(Debug, Clone)]
pub struct DocumentSpec {
    pub id: String,
    /// The title template.
    pub title: String,
    /// Whether clauses are numbered unless they say otherwise.
    pub numbered: bool,
    /// The word a cross-reference uses: "clause" (the default) or, say, "section".
    pub reference: String,
    /// When the document exists at all.
    pub when: Condition,
    pub topics: Vec<TopicSpec>,
    /// Whether a template of the document reads `platform_settings`: only then does the
    /// context carry the chosen platform's settings, which are costly to copy.
    pub(crate) reads_settings: bool,
}

/// A topic of a document: exactly one of its variants is selected when its condition holds.
#[derive(Debug, Clone)]
pub struct TopicSpec {
    pub id: String,
    pub when: Condition,
    /// Indices into [`Pack::clauses`] of the topic's variants.
    pub variants: Vec<usize>,
}

/// One clause file: a variant of a topic.
#[derive(Debug, Clone)]
pub struct ClauseSpec {
    pub id: String,
    pub document: String,
    pub topic: String,
    /// The title template.
    pub title: String,
    /// The body template.
    pub body: String,
    pub when: Condition,
    pub rationale: String,
    pub sources: Vec<String>,
    /// `None`: the document's setting.
    pub numbered: Option<bool>,
    /// The path of a list (`derived.recipients`): the clause is written once for each of
    /// its items, with the item as `item`. Such a clause is never numbered.
    pub for_each: Option<String>,
    /// Whether the clause is a message to send as it is (an invitation): a drafting
    /// tool offers to copy it on its own.
    pub message: bool,
    /// The platform features the whole clause states (`asserts` in its front matter).
    pub asserts: Vec<String>,
    /// Passages of the body that state platform features.
    pub passages: Vec<Passage>,
    /// The file it came from, relative to the pack.
    pub file: String,
}

/// A passage of a clause body that states platform features: its text appears verbatim
/// in the body, and where it appears gives the `{{#if}}` tests around it.
#[derive(Debug, Clone)]
pub struct Passage {
    pub asserts: Vec<String>,
    pub text: String,
}

/// A defined term.
#[derive(Debug, Clone)]
pub struct TermSpec {
    pub term: String,
    pub plural: Option<String>,
    /// The definition template.
    pub definition: String,
    /// Indices of the other terms its definition mentions.
    pub(crate) uses: Vec<usize>,
    /// Whether the definition uses all of those whatever the options: they are in text
    /// outside any block, so its rendering need not be searched for terms.
    pub(crate) uses_known: bool,
}

/// The built-in pack's files, embedded at compile time (see build.rs).
mod builtin_files {
    include!(concat!(env!("OUT_DIR"), "/builtin_pack.rs"));
}

impl Pack {
    /// The built-in pack (`clauses/`), loaded once.
    ///
    /// Its files are read as any pack's are, but its templates are compiled when first
    /// rendered and its proofs are not run again: they ran when the engine was tested
    /// (`compiled.rs` says why; `the_built_in_pack_is_valid_and_its_shortcut_agrees`
    /// holds this to a full load).
    pub fn builtin() -> Result<&'static Pack, Diagnostics> {
        static BUILTIN: OnceLock<Result<Pack, Diagnostics>> = OnceLock::new();
        BUILTIN
            .get_or_init(Pack::read_builtin)
            .as_ref()
            .map_err(Clone::clone)
    }

    /// Reads the built-in pack anew, as [`Pack::builtin`] does once: what the benchmark
    /// of loading it measures. Everyone else wants [`Pack::builtin`].
    pub fn read_builtin() -> Result<Pack, Diagnostics> {
        load::load_tested(builtin_files::FILES.iter().copied())
    }

    /// The built-in pack read from a copy of its files ([`Pack::builtin_files`]), as a
    /// program that does not embed them carries them: the JS package ships them in a file
    /// beside its module, which then leaves out the 300 KB of text (ARCHITECTURE.md,
    /// "Decisions"). The copy must be exactly the files this engine was built with, which
    /// their fingerprint tells: then it loads as [`Pack::builtin`] does, its proofs
    /// already run by the tests. Anything else is refused, so that a copy from another
    /// version can never draft documents this engine has not been tested with.
    pub fn read_builtin_copy<'a>(
        files: impl IntoIterator<Item = (&'a str, &'a str)> + Clone,
    ) -> Result<Pack, Diagnostics> {
        let given = files::fingerprint(files.clone(), fnv::FnvHasher::default());
        if given != builtin_files::FINGERPRINT {
            return Err(Diagnostic::error(
                "builtin-pack-mismatch",
                "",
                "these files are not the built-in clause pack this engine was built with"
                    .to_owned(),
            )
            .hint(
                "use the pack file from the same build as the engine (the JS package's \
                 `caucus_pack.json`); a pack of your own is passed to each call instead",
            )
            .into());
        }
        load::load_tested(files)
    }

    /// This pack, remembering its templates' recent renderings (the default) or
    /// rendering every template anew. Remembering makes a drafting tool's keystrokes and
    /// a batch's cases cheap where they leave a clause's values as they were, and never
    /// changes a byte of output; turning it off is for measuring, and for the tests that
    /// show the output is the same.
    pub fn remembering(mut self, on: bool) -> Pack {
        self.remember = on;
        self
    }

    /// The built-in pack's files, for tools that show or copy them.
    pub fn builtin_files() -> &'static [(&'static str, &'static str)] {
        builtin_files::FILES
    }

    /// Loads and validates a pack from (path, text) pairs. Paths are relative to the
    /// pack's folder and use `/`: `pack.toml`, `agreement/recording.md`.
    pub fn from_files<P, T>(files: impl IntoIterator<Item = (P, T)>) -> Result<Pack, Diagnostics>
    where
        P: AsRef<str>,
        T: AsRef<str>,
    {
        load::load(files)
    }

    /// Whether the file at `path` (relative to a pack folder, `/` separators) is part of
    /// a pack: what a reader of a pack folder passes to [`Pack::from_files`].
    pub fn is_pack_file(path: &str) -> bool {
        files::is_pack_file(path)
    }

    /// The document with this id.
    pub fn document(&self, id: &str) -> Option<&DocumentSpec> {
        self.documents.iter().find(|d| d.id == id)
    }

    /// The document with this id, or an error that lists the documents the pack has.
    pub fn known_document(&self, id: &str) -> Result<&DocumentSpec, Diagnostics> {
        self.document(id).ok_or_else(|| {
            Diagnostic::error(
                "no-such-document",
                "",
                format!("the clause pack \"{}\" has no `{id}` document", self.name),
            )
            .hint(format!("choose one of: {}", self.document_ids().join(", ")))
            .into()
        })
    }

    /// The topics of document `document` that the options of `group` (`recording`,
    /// `security`) decide: the topic's own condition, or the condition or a template of
    /// one of its clauses, tests or reads one of them. A form shows these topics'
    /// reasons beside the group's options.
    pub fn topics_deciding(&self, document: &str, group: &str) -> Vec<&str> {
        let Some(spec) = self.document(document) else {
            return Vec::new();
        };
        spec.topics
            .iter()
            .filter(|topic| {
                topic.when.paths().any(|p| in_group(p, group))
                    || topic
                        .variants
                        .iter()
                        .filter_map(|&i| self.clauses.get(i))
                        .any(|clause| clause_uses(clause, group))
            })
            .map(|topic| topic.id.as_str())
            .collect()
    }

    /// The ids of the pack's documents, in the pack's order.
    pub fn document_ids(&self) -> Vec<&str> {
        self.documents.iter().map(|d| d.id.as_str()).collect()
    }

    /// Document `id` of an assembly of this pack, or an error saying why there is none:
    /// the pack has no such document (the error lists those it has), or the options do
    /// not call for it (the error gives the document's condition, from the pack).
    pub fn document_in<'a>(
        &self,
        assembly: &'a Assembly,
        id: &str,
    ) -> Result<&'a Document, Diagnostics> {
        let spec = self.known_document(id)?;
        assembly.document(id).ok_or_else(|| {
            let present: Vec<&str> = assembly.documents.iter().map(|d| d.kind.as_str()).collect();
            Diagnostic::error(
                "no-such-document",
                "",
                format!("these options produce no `{id}` document"),
            )
            .hint(format!(
                "it exists only when {}; these options produce: {}",
                spec.when,
                present.join(", ")
            ))
            .into()
        })
    }

    /// The clause with this id.
    pub fn clause(&self, id: &str) -> Option<&ClauseSpec> {
        self.clauses.iter().find(|c| c.id == id)
    }

    /// The data templates and conditions read for these options: the data of the last
    /// assembly renewed ([`Data::renew`]) when the pack remembers, else made anew; with
    /// the chosen platform's facts, and its settings when `settings` (they are costly to
    /// copy, and only some documents read them).
    pub(crate) fn data_for(
        &self,
        options: &Options,
        settings: bool,
    ) -> Result<Data, serde_json::Error> {
        let kind = options.platform.kind;
        // The data of an assembly for the same platform (and settings), whose facts are
        // in place already: putting another platform's there copied its facts and
        // dropped the others', and gave every path under them a new version, so that
        // each template reading a fact looked its value up again. With none, the data
        // is made anew, and kept afterwards beside the others.
        let spare = if self.remember {
            self.spare_data.lock().ok().and_then(|mut spare| {
                let same = spare
                    .iter()
                    .rposition(|data| data.platform() == Some((kind, settings)))?;
                Some(spare.swap_remove(same))
            })
        } else {
            None
        };
        let mut data = match spare {
            Some(data) => data.renew(options, &self.facts)?,
            None => Data::new(options, &self.facts)?,
        };
        data.set_platform(kind, settings, |settings| {
            let cached = self.platform_context.iter().find(|(k, _, _)| *k == kind);
            let facts =
                cached.map_or_else(|| self.facts.context_facts(kind), |(_, f, _)| f.clone());
            let settings = settings.then(|| {
                cached.map_or_else(|| self.facts.context_settings(kind), |(_, _, s)| s.clone())
            });
            (facts, settings)
        });
        Ok(data)
    }

    /// Keeps an assembly's data for the next one to renew. Threads that assemble at
    /// once each take one; with a single data kept, all but one made theirs anew, which
    /// cost a batch's worker a sixth of each case.
    pub(crate) fn keep_data(&self, data: Data) {
        if self.remember
            && let Ok(mut spare) = self.spare_data.lock()
            && spare.len() < SPARE_DATA
        {
            spare.push(data);
        }
    }
}

/// How many assemblies' data a pack keeps to renew: one for each thread that assembles at
/// once, platform and choice of settings; more would gain nothing on any machine caucus
/// runs on.
const SPARE_DATA: usize = 64;

/// Whether a clause tests an option of `group` in its condition or reads one in its title
/// or body.
fn clause_uses(clause: &ClauseSpec, group: &str) -> bool {
    clause.when.paths().any(|p| in_group(p, group))
        || [&clause.title, &clause.body]
            .iter()
            .any(|template| template_reads(template, group))
}

fn in_group(path: &str, group: &str) -> bool {
    path.split('.').next() == Some(group)
}

/// Whether a template reads an option of `group`: a path inside one of its `{{…}}` tags
/// starts with the group's name (`{{#if security.passcode}}`, `{{join parties "name"}}`,
/// `{{root.case.locale}}`). Text in quotes is not a path.
fn template_reads(template: &str, group: &str) -> bool {
    let mut rest = template;
    while let Some(open) = rest.find("{{") {
        let tag = &rest[open + 2..];
        let Some(close) = tag.find("}}") else {
            return false;
        };
        let reads = tag[..close]
            .split(|c: char| c.is_whitespace() || c == '(' || c == ')' || c == '=')
            .filter(|token| !token.starts_with(['"', '\'']))
            .map(|token| {
                let mut token = token.trim_start_matches(['#', '/', '~', '^', '{', '&']);
                while let Some(up) = token.strip_prefix("../") {
                    token = up;
                }
                token
                    .trim_start_matches('@')
                    .trim_start_matches("root.")
                    .trim_start_matches("this.")
            })
            .any(|path| in_group(path, group));
        if reads {
            return true;
        }
        rest = &tag[close + 2..];
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The embedded pack is `clauses/` as it is on disk, but for the lines build.rs
    /// leaves empty (TOML comments and the facts' `quote`), which change nothing the
    /// engine reads: the same files, every line in its place, the same facts.
    #[test]
    fn the_embedded_pack_is_the_folder_without_what_the_engine_never_reads() {
        let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../clauses");
        let mut emptied = 0;
        for (path, embedded) in Pack::builtin_files() {
            let on_disk = std::fs::read_to_string(folder.join(path)).expect("a pack file");
            if !path.ends_with(".toml") {
                assert_eq!(*embedded, on_disk, "{path}");
                continue;
            }
            let lines: Vec<&str> = embedded.split('\n').collect();
            let original: Vec<&str> = on_disk.split('\n').collect();
            assert_eq!(
                lines.len(),
                original.len(),
                "{path}: the lines keep their numbers"
            );
            for (number, (line, was)) in lines.iter().zip(&original).enumerate() {
                if line == was {
                    continue;
                }
                let was = was.trim_start();
                let dropped = was.starts_with('#')
                    || (*path == "platforms.toml" && was.starts_with("quote = \""));
                assert!(line.is_empty() && dropped, "{path}:{}: {was}", number + 1);
                emptied += 1;
            }
        }
        assert!(emptied > 100, "only {emptied} lines were left out");

        let facts = |text: &str| {
            let mut diags = Diagnostics::default();
            let facts = Facts::read(text, &mut diags);
            assert!(diags.is_empty(), "{diags:?}");
            facts
        };
        let embedded = Pack::builtin_files()
            .iter()
            .find(|(path, _)| *path == "platforms.toml")
            .map(|(_, text)| *text)
            .expect("the built-in pack has platform facts");
        let on_disk = std::fs::read_to_string(folder.join("platforms.toml")).expect("facts");
        assert_eq!(facts(embedded), facts(&on_disk));
        assert!(!facts(embedded).facts.is_empty());
    }

    #[test]
    fn templates_read_the_groups_their_tags_name() {
        let reads = |t: &str, g: &str| template_reads(t, g);
        assert!(reads("Between {{join parties \"name\"}}.", "parties"));
        assert!(reads(
            "{{#if (eq costs.allocation \"x\")}}y{{/if}}",
            "costs"
        ));
        assert!(reads(
            "{{#each x}}{{../security.passcode}}{{/each}}",
            "security"
        ));
        assert!(reads("{{date @root.case.date}}", "case"));
        assert!(reads("{{~#if breakout_rooms.enabled~}}", "breakout_rooms"));
        assert!(!reads(
            "See {{ref \"costs\"}} for security. The costs.",
            "costs"
        ));
        assert!(
            !reads("For security.passcode reasons", "security"),
            "outside a tag"
        );
        assert!(!reads("{{spell \"security.x\"}}", "security"));
        assert!(!reads("{{#if securityx.y}}", "security"));
        assert!(!reads("{{unclosed security.passcode", "security"));
    }

    #[test]
    fn the_topics_an_option_group_decides_come_from_conditions_and_templates() {
        let pack = Pack::builtin().expect("the built-in pack loads");
        let topics = |group| pack.topics_deciding("agreement", group);
        assert!(topics("recording").contains(&"recording"));
        assert!(
            topics("security").contains(&"security"),
            "{:?}",
            topics("security")
        );
        assert!(topics("case").contains(&"introduction"));
        assert!(topics("breakout_rooms").contains(&"breakout-rooms"));
        assert!(topics("costs").contains(&"costs"));
        assert!(!topics("costs").contains(&"recording"));
        assert!(pack.topics_deciding("no-such-document", "costs").is_empty());
        assert!(pack.topics_deciding("agreement", "nothing").is_empty());
    }

    #[test]
    fn document_errors_name_the_pack_s_documents_and_conditions() {
        let pack = Pack::builtin().expect("the built-in pack loads");
        let unknown = pack.known_document("minutes").expect_err("no minutes");
        assert_eq!(
            unknown.0[0].hint,
            "choose one of: agreement, guide, invitation, consent, checklist"
        );
        let assembly = pack
            .assemble(&crate::Options::default())
            .expect("the defaults assemble");
        assert_eq!(
            pack.document_in(&assembly, "guide")
                .map(|d| d.kind.as_str()),
            Ok("guide")
        );
        let absent = pack
            .document_in(&assembly, "consent")
            .expect_err("no consent by default");
        assert_eq!(
            absent.0[0].hint,
            "it exists only when consent.express_risk_consent = true; these options produce: agreement, guide, invitation, checklist"
        );
        assert!(Pack::is_pack_file("agreement/recording.md"));
    }

    /// An assembly for a platform renews the data of the last assembly for that
    /// platform, whose facts are in place; another platform's data is kept for its own.
    #[test]
    fn each_platform_renews_its_own_data() {
        use crate::options::PlatformKind;
        let pack = Pack::read_builtin().expect("the built-in pack loads");
        let mut options = crate::Options::default();
        let kept = |pack: &Pack| -> Vec<Option<(PlatformKind, bool)>> {
            let spare = pack.spare_data.lock().expect("not poisoned");
            let mut kept: Vec<_> = spare.iter().map(Data::platform).collect();
            kept.sort_by_key(|p| format!("{p:?}"));
            kept
        };
        for kind in [
            PlatformKind::Zoom,
            PlatformKind::MicrosoftTeams,
            PlatformKind::Zoom,
        ] {
            options.platform.kind = kind;
            options.parties[0].name = format!("{kind:?} Holdings");
            let assembly = pack
                .assemble_document(&options, "agreement")
                .expect("assembles");
            let fresh = Pack::read_builtin()
                .expect("the built-in pack loads")
                .assemble_document(&options, "agreement")
                .expect("assembles");
            assert_eq!(assembly.documents, fresh.documents, "{kind:?}");
        }
        assert_eq!(
            kept(&pack),
            [
                Some((PlatformKind::MicrosoftTeams, false)),
                Some((PlatformKind::Zoom, false))
            ]
        );
    }

    /// A copy of the built-in files, owned as a program that fetched them holds them,
    /// reads as the built-in pack: the fingerprint build.rs wrote is theirs, and the
    /// documents are the embedded pack's.
    #[test]
    fn a_copy_of_the_built_in_files_reads_as_the_built_in_pack() {
        let copy: Vec<(String, String)> = Pack::builtin_files()
            .iter()
            .map(|(path, text)| ((*path).to_owned(), (*text).to_owned()))
            .collect();
        let pairs = copy.iter().map(|(p, t)| (p.as_str(), t.as_str()));
        assert_eq!(
            files::fingerprint(pairs.clone(), fnv::FnvHasher::default()),
            builtin_files::FINGERPRINT
        );
        let read = Pack::read_builtin_copy(pairs.rev()).expect("the copy is the built-in pack");
        let mut options = crate::Options::default();
        options.recording.policy = crate::options::RecordingPolicy::ConsentOfAll;
        options.platform.kind = PlatformKind::MicrosoftTeams;
        let builtin = Pack::builtin().expect("the built-in pack loads");
        assert_eq!(
            read.assemble(&options).expect("assembles").documents,
            builtin.assemble(&options).expect("assembles").documents
        );
    }

    /// A copy that differs in any way, by a character, a file more or a file less, is
    /// refused with one error that says what to do, rather than read as the built-in pack
    /// without its proofs.
    #[test]
    fn a_copy_that_is_not_the_built_in_files_is_refused() {
        let files = Pack::builtin_files();
        let changed: Vec<(&str, String)> = files
            .iter()
            .map(|(path, text)| match *path {
                "pack.toml" => (*path, text.replacen(' ', "  ", 1)),
                _ => (*path, (*text).to_owned()),
            })
            .collect();
        let more = files.iter().copied().chain([("agreement/extra.md", "x")]);
        for (what, refused) in [
            (
                "a character",
                Pack::read_builtin_copy(changed.iter().map(|(p, t)| (*p, t.as_str()))),
            ),
            ("a file more", Pack::read_builtin_copy(more)),
            (
                "a file less",
                Pack::read_builtin_copy(files[1..].iter().copied()),
            ),
        ] {
            let refused = refused.expect_err(what);
            assert_eq!(refused.0.len(), 1, "{what}");
            assert_eq!(refused.0[0].code, "builtin-pack-mismatch", "{what}");
            assert!(refused.0[0].hint.contains("caucus_pack.json"), "{what}");
        }
    }
}
