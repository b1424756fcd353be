//! No clause asserts an unverified capability: the proof over the built-in pack (it
//! loads, so it is proved), and a fixture pack broken on purpose, refused at the line
//! of what it asserts, naming the platform and the option values.

use caucus_core::Pack;
use std::collections::BTreeMap;
use std::path::Path;

/// The files of `fixtures/reliance`.
fn fixture() -> BTreeMap<String, String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/reliance");
    let mut files = BTreeMap::new();
    for name in ["pack.toml", "platforms.toml", "agreement/security.md"] {
        let text = std::fs::read_to_string(root.join(name)).expect("fixture file");
        files.insert(name.to_owned(), text);
    }
    files
}

/// Loads the fixture after `change`: every diagnostic as `code @ file:line:column`, and
/// the messages.
fn load(change: impl FnOnce(&mut BTreeMap<String, String>)) -> (Vec<String>, Vec<String>) {
    let mut files = fixture();
    change(&mut files);
    match Pack::from_files(&files) {
        Ok(_) => (Vec::new(), Vec::new()),
        Err(diags) => diags
            .into_iter()
            .map(|d| {
                let at = d.location.map(|l| l.to_string()).unwrap_or_default();
                (format!("{} @ {at}", d.code), d.message)
            })
            .unzip(),
    }
}

fn edit(files: &mut BTreeMap<String, String>, file: &str, from: &str, to: &str) {
    let text = files.get_mut(file).expect("file exists");
    assert!(text.contains(from), "{file} does not contain {from:?}");
    *text = text.replacen(from, to, 1);
}

const GUARDED: &str = "{{#if platform_facts.meeting_lock}}\nLock the meeting once everyone has joined.\n{{else}}\nIf the Platform offers a way to stop anyone else from joining, use it once everyone has joined.\n{{/if}}";

#[test]
fn the_built_in_pack_is_proved() {
    // Read from its files, as any pack is: `Pack::builtin()` leaves the proof to tests.
    let pack = Pack::from_files(Pack::builtin_files().iter().copied())
        .expect("the built-in pack loads from its files, so its assertions are proved");
    let declared: usize = pack
        .clauses
        .iter()
        .map(|c| c.asserts.len() + c.passages.len())
        .sum();
    assert!(declared >= 40, "only {declared} assertions declared");
}

#[test]
fn a_guarded_passage_loads() {
    assert_eq!(load(|_| {}).0, Vec::<String>::new());
}

#[test]
fn a_lock_asserted_on_a_platform_without_one_is_refused_at_its_line() {
    let (found, messages) = load(|f| {
        edit(
            f,
            "agreement/security.md",
            GUARDED,
            "Lock the meeting once everyone has joined.",
        )
    });
    assert_eq!(
        found,
        ["capability-unverified @ agreement/security.md:14:1"]
    );
    assert!(
        messages[0].contains("Webex, where it is not available"),
        "{}",
        messages[0]
    );
    assert!(
        messages[0].contains("platform.kind = \"webex\" and security.lock_meeting = true"),
        "{}",
        messages[0]
    );
}

#[test]
fn a_platform_without_a_fact_is_unknown_and_refused_too() {
    let (found, messages) = load(|f| {
        edit(f, "platforms.toml", "available = false\n", "");
        edit(
            f,
            "platforms.toml",
            "source = \"A test fact: this fixture says Webex has no lock\"\nprimary = true\n",
            "note = \"Not verified.\"\n",
        );
        edit(
            f,
            "agreement/security.md",
            "{{#if platform_facts.meeting_lock}}",
            "{{#if true}}",
        );
    });
    assert_eq!(
        found,
        ["capability-unverified @ agreement/security.md:15:1"]
    );
    assert!(
        messages[0].contains("Webex, where caucus has no verified fact"),
        "{}",
        messages[0]
    );
}

#[test]
fn a_whole_clause_assertion_is_proved_from_its_conditions() {
    let asserting = |when: &'static str| {
        move |f: &mut BTreeMap<String, String>| {
            edit(
                f,
                "agreement/security.md",
                "topic = \"security\"\n",
                &format!(
                    "topic = \"security\"\nwhen = {{ \"platform.kind\" = {when} }}\nasserts = [\"meeting_lock\"]\n"
                ),
            );
            edit(
                f,
                "pack.toml",
                "{ id = \"security\" }",
                "{ id = \"security\", when = { \"security.lock_meeting\" = true } }",
            );
        }
    };
    // Selected only on platforms with a lock: proved. (Other platforms have no variant
    // of the topic, which the coverage proof reports on its own.)
    let (found, _) = load(asserting("[\"zoom\", \"microsoft-teams\"]"));
    assert!(
        !found.iter().any(|f| f.starts_with("capability-unverified")),
        "{found:?}"
    );
    let (found, messages) = load(asserting("[\"zoom\", \"webex\"]"));
    let refused: Vec<&String> = found
        .iter()
        .filter(|f| f.starts_with("capability-unverified"))
        .collect();
    assert_eq!(
        refused,
        ["capability-unverified @ agreement/security.md:6:1"]
    );
    assert!(
        messages
            .iter()
            .any(|m| m.starts_with("this clause asserts `meeting_lock`"))
    );
}

#[test]
fn capability_wording_outside_a_declared_passage_is_refused() {
    let (found, messages) = load(|f| {
        edit(
            f,
            "agreement/security.md",
            "The Mediator admits each Participant by name.",
            "The Mediator admits each Participant by name, and may lock the meeting.",
        )
    });
    assert_eq!(
        found,
        ["capability-undeclared @ agreement/security.md:12:55"]
    );
    assert!(
        messages[0].contains("\"lock the meeting\""),
        "{}",
        messages[0]
    );
}

#[test]
fn a_passage_must_appear_in_the_body_and_assert_a_declared_feature() {
    let (found, _) = load(|f| {
        edit(
            f,
            "agreement/security.md",
            "text = \"Lock the meeting once everyone has joined.\"",
            "text = \"Lock the meeting when everyone has joined.\"",
        )
    });
    assert!(
        found.contains(&"passage-not-found @ agreement/security.md:10:1".to_owned()),
        "{found:?}"
    );
    let (found, _) = load(|f| {
        edit(
            f,
            "agreement/security.md",
            "asserts = \"meeting_lock\"",
            "asserts = \"meeting_lok\"",
        )
    });
    assert_eq!(found, ["unknown-feature @ agreement/security.md:9:1"]);
    let (found, _) = load(|f| {
        edit(
            f,
            "agreement/security.md",
            "text = \"Lock the meeting once everyone has joined.\"",
            "text = \"Lock the {{platform.kind}} meeting.\"",
        )
    });
    assert_eq!(found, ["passage-text @ agreement/security.md:10:1"]);
}

#[test]
fn a_passage_asserts_one_feature_or_a_list_of_them() {
    let asserting = |value: &str| {
        load(|f| {
            let line = format!("asserts = {value}");
            edit(
                f,
                "agreement/security.md",
                "asserts = \"meeting_lock\"",
                &line,
            );
        })
    };
    assert_eq!(asserting("[\"meeting_lock\"]").0, Vec::<String>::new());
    assert_eq!(
        asserting("[\"meeting_lock\", \"meeting_lok\"]").0,
        ["unknown-feature @ agreement/security.md:9:1"]
    );
    let (found, messages) = asserting("5");
    // The clause does not load, so its topic has none: a second problem, reported after.
    assert_eq!(
        found[0], "pack-toml @ agreement/security.md:9:11",
        "{found:?}"
    );
    assert!(
        messages[0].contains("a feature's name, or a list of them"),
        "{}",
        messages[0]
    );
}

#[test]
fn an_absence_is_asserted_with_an_exclamation_mark() {
    let absent = "\n[[passages]]\nasserts = \"!meeting_lock\"\ntext = \"The Platform cannot lock a meeting.\"\n+++";
    let (found, _) = load(|f| {
        edit(f, "agreement/security.md", "\n+++", absent);
        edit(
            f,
            "agreement/security.md",
            "{{/if}}\n{{/if}}",
            "{{/if}}\n{{/if}}\n{{#if (eq platform_facts.meeting_lock false)}}The Platform cannot lock a meeting.{{/if}}",
        );
    });
    assert_eq!(found, Vec::<String>::new());
    // Guarded only by the option, it would be rendered for Zoom, which has a lock.
    let (found, messages) = load(|f| {
        edit(f, "agreement/security.md", "\n+++", absent);
        edit(
            f,
            "agreement/security.md",
            "{{/if}}\n{{/if}}",
            "{{/if}}\n{{/if}}\n{{#if security.lock_meeting}}The Platform cannot lock a meeting.{{/if}}",
        );
    });
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        messages[0].contains("Zoom, where the feature is available"),
        "{}",
        messages[0]
    );
}

#[test]
fn templates_read_only_declared_facts_and_settings() {
    let (found, _) = load(|f| {
        edit(
            f,
            "agreement/security.md",
            "{{#if platform_facts.meeting_lock}}",
            "{{#if platform_facts.meeting_lok}}",
        )
    });
    assert!(
        found.contains(&"unknown-option-path @ agreement/security.md:14:1".to_owned()),
        "{found:?}"
    );
}

#[test]
fn a_setting_absent_on_some_platform_needs_an_else_in_with() {
    let setting = "\n[[settings]]\nplatform = \"zoom\"\nid = \"lock\"\nname = \"Lock meeting\"\nset_to = \"on\"\nwhere = \"in the meeting, Security\"\nfact = \"meeting_lock\"\nas_of = \"2026-12-01\"\nsource = \"Zoom Support, \\\"In-meeting security options\\\" (accessed 2026-12-01)\"\nprimary = true\n";
    let with = |block: &'static str| {
        move |f: &mut BTreeMap<String, String>| {
            f.get_mut("platforms.toml")
                .expect("platforms.toml")
                .push_str(setting);
            edit(
                f,
                "agreement/security.md",
                "The Mediator admits each Participant by name.",
                block,
            );
        }
    };
    // Strict handlebars refuses `{{#with}}` of the null that Teams and Webex have here.
    let (found, messages) = load(with(
        "The Mediator admits each Participant by name.{{#with platform_settings.lock}} Set \"{{name}}\" to {{set_to}}.{{/with}}",
    ));
    assert_eq!(
        found,
        ["with-absent @ agreement/security.md:12:46"],
        "{messages:?}"
    );
    let (found, _) = load(with(
        "The Mediator admits each Participant by name.{{#with platform_settings.lock}} Set \"{{name}}\" to {{set_to}}.{{else}}{{/with}}",
    ));
    assert_eq!(found, Vec::<String>::new());
}
