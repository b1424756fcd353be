//! The documents tell the truth about the chosen platform, over every combination that
//! matters: each built-in platform and `other`, crossed with the options whose clauses
//! state capabilities. Either the options are refused with an error, or every capability
//! asserted by a rendered clause or passage, and every capability phrase in the text, is
//! a verified fact of that platform (read from the pack's platforms.toml). And the five
//! documents of one option set tell the same story about the platform.

use caucus_core::facts::Facts;
use caucus_core::options::PlatformKind;
use caucus_core::{Assembly, Options, Pack, Severity, schema};
use serde_json::{Map, Value, json};

fn pack() -> &'static Pack {
    Pack::builtin().expect("the built-in pack is valid")
}

fn set(root: &mut Value, path: &str, value: Value) {
    let mut node = root;
    let mut keys = path.split('.').peekable();
    while let Some(key) = keys.next() {
        let Value::Object(map) = node else { return };
        if keys.peek().is_none() {
            map.insert(key.to_owned(), value);
            return;
        }
        node = map
            .entry(key.to_owned())
            .or_insert_with(|| Value::Object(Map::new()));
    }
}

/// Every combination of the values of `paths` on top of the default options (with an
/// attendee, a named other platform, a law firm and an agreed data region when asked).
fn combinations(paths: &[&str], regions: bool) -> Vec<Value> {
    let choices = schema::choices();
    let axes: Vec<(&str, &Vec<Value>)> = paths.iter().map(|p| (*p, &choices[*p])).collect();
    let count: usize = axes.iter().map(|(_, v)| v.len()).product();
    let mut out = Vec::new();
    for with_regions in if regions {
        vec![false, true]
    } else {
        vec![false]
    } {
        for mut n in 0..count {
            let mut value = serde_json::to_value(Options::default()).expect("serializes");
            set(&mut value, "platform.other_name", json!("Jitsi Meet"));
            set(&mut value, "consent.law_firm", json!("Marsh & Cole LLP"));
            if with_regions {
                set(
                    &mut value,
                    "platform.data_regions",
                    json!(["the European Union"]),
                );
            }
            for (path, values) in &axes {
                set(&mut value, path, values[n % values.len()].clone());
                n /= values.len();
            }
            out.push(value);
        }
    }
    out
}

fn kind(value: &Value) -> PlatformKind {
    serde_json::from_value(value["platform"]["kind"].clone()).expect("a platform kind")
}

/// What is wrong with the assembly's claims about `kind`, if anything.
fn untrue_claims(a: &Assembly, kind: PlatformKind, facts: &Facts) -> Vec<String> {
    let verified = |feature: &str| {
        let (id, expected) = match feature.strip_prefix('!') {
            Some(id) => (id, false),
            None => (feature, true),
        };
        facts.available(kind, id) == Some(expected)
    };
    let mut wrong = Vec::new();
    for doc in &a.documents {
        for clause in &doc.clauses {
            let Some(spec) = pack().clause(&clause.id) else {
                continue;
            };
            for feature in &spec.asserts {
                if !verified(feature) {
                    wrong.push(format!("{} asserts {feature}", clause.id));
                }
            }
            for passage in &spec.passages {
                if clause.body.contains(&passage.text) {
                    for feature in passage.asserts.iter().filter(|f| !verified(f)) {
                        wrong.push(format!(
                            "{}: \"{}\" asserts {feature}",
                            clause.id, passage.text
                        ));
                    }
                }
            }
        }
        // Independently of the declarations: capability wording in the text.
        let text = doc.to_markdown().to_lowercase();
        for feature in &facts.features {
            for phrase in &feature.phrases {
                if text.contains(phrase.as_str())
                    && facts.available(kind, &feature.id) != Some(true)
                {
                    wrong.push(format!("{}: \"{phrase}\" ({})", doc.kind, feature.id));
                }
            }
        }
    }
    wrong
}

#[test]
fn every_asserted_capability_is_a_verified_fact_of_the_platform() {
    let facts = &pack().facts;
    let mut assembled = 0;
    let mut refused = 0;
    for value in combinations(
        &[
            "platform.kind",
            "platform.encryption",
            "platform.client",
            "security.passcode",
            "security.waiting_room",
            "security.lock_meeting",
            "breakout_rooms.enabled",
            "recording.policy",
        ],
        true,
    ) {
        let options = Options::from_value(value.clone()).expect("valid options");
        match pack().assemble(&options) {
            Ok(a) => {
                assembled += 1;
                let wrong = untrue_claims(&a, kind(&value), facts);
                assert!(wrong.is_empty(), "{value}\n{wrong:#?}");
            }
            Err(errors) => {
                refused += 1;
                // Refused only for what the platform cannot do, each error citing its fact.
                for e in errors.iter().filter(|d| d.severity == Severity::Error) {
                    assert!(
                        e.citation.is_some(),
                        "{value}\nan error without a platform fact: {e}"
                    );
                }
            }
        }
    }
    // 5 platforms x 2^6 x 3 policies x 2 (data regions) = 1920.
    assert_eq!(assembled + refused, 1920);
    assert!(assembled > 1200, "only {assembled} assembled");
    assert!(refused > 100, "only {refused} refused");
}

#[test]
fn impossible_option_sets_are_refused_with_the_fact_and_the_option_to_change() {
    let refused = |changes: &[(&str, Value)], code: &str, path: &str| {
        let mut value = serde_json::to_value(Options::default()).expect("serializes");
        for (p, v) in changes {
            set(&mut value, p, v.clone());
        }
        let options = Options::from_value(value.clone()).expect("valid options");
        let errors = pack().assemble(&options).expect_err("refused");
        let e = errors
            .iter()
            .find(|d| d.code == code)
            .unwrap_or_else(|| panic!("{value}: no {code} in\n{errors}"));
        assert_eq!(e.severity, Severity::Error);
        assert_eq!(e.path, path);
        assert!(
            e.hint.contains('`') || e.hint.contains("choose"),
            "{}",
            e.hint
        );
        let citation = e.citation.as_ref().expect("cites its fact");
        assert!(!citation.source.is_empty() && citation.as_of.len() == 10);
    };
    let e2ee = ("platform.encryption", json!("end-to-end"));
    let browser = ("platform.client", json!("browser"));
    for platform in ["zoom", "microsoft-teams", "webex"] {
        refused(
            &[
                ("platform.kind", json!(platform)),
                e2ee.clone(),
                browser.clone(),
            ],
            "browser-with-e2ee",
            "platform.client",
        );
    }
    refused(
        &[("platform.kind", json!("microsoft-teams")), e2ee.clone()],
        "breakout-rooms-with-e2ee",
        "platform.encryption",
    );
    for platform in ["zoom", "microsoft-teams", "webex", "google-meet"] {
        let client = if platform == "google-meet" {
            browser.clone()
        } else {
            ("platform.client", json!("desktop-app"))
        };
        refused(
            &[
                ("platform.kind", json!(platform)),
                e2ee.clone(),
                client,
                ("breakout_rooms.enabled", json!(false)),
                ("recording.policy", json!("settlement-terms-only")),
            ],
            "recording-with-e2ee",
            "recording.policy",
        );
    }
    refused(
        &[("platform.kind", json!("google-meet"))],
        "feature-not-offered",
        "platform.client",
    );
}

/// The sentences by which each document says what happens on the platform; each pair
/// must be present together or absent together.
#[test]
fn the_documents_of_one_option_set_tell_the_same_story() {
    let mut checked = 0;
    for value in combinations(
        &[
            "platform.kind",
            "platform.client",
            "platform.encryption",
            "security.passcode",
            "security.passcode_separate",
            "security.waiting_room",
            "security.lock_meeting",
        ],
        false,
    ) {
        let mut value = value;
        set(&mut value, "consent.express_risk_consent", json!(true));
        set(&mut value, "breakout_rooms.enabled", json!(false));
        let options = Options::from_value(value.clone()).expect("valid options");
        let Ok(a) = pack().assemble(&options) else {
            continue;
        };
        checked += 1;
        let doc = |kind: &str| {
            a.document(kind)
                .map(|d| d.to_markdown())
                .unwrap_or_default()
        };
        let (agreement, guide, invitation, consent, checklist) = (
            doc("agreement"),
            doc("guide"),
            doc("invitation"),
            doc("consent"),
            doc("checklist"),
        );
        let same = |what: &str, a: bool, b: bool| {
            assert_eq!(a, b, "{what} disagree for {value}");
        };
        // Client: the desktop application, or the browser, in the agreement and the guide.
        same(
            "client (app)",
            agreement.contains("desktop application, downloaded only from"),
            guide.contains("desktop app on a computer, not from a web browser"),
        );
        same(
            "client (browser)",
            agreement.contains("must join through a web browser"),
            guide.contains("from a web browser on a computer"),
        );
        // Passcode: required in the agreement, pasted in the invitation, set in the checklist.
        let passcode = agreement.contains("Require a passcode to join.")
            || agreement.contains("Set a passcode for the meeting, if the Platform offers one.");
        same(
            "passcode (invitation)",
            passcode,
            invitation.contains("- Passcode: [paste the passcode]"),
        );
        same(
            "passcode (checklist)",
            passcode,
            checklist.contains("Set a passcode for the meeting"),
        );
        same(
            "passcode (guide)",
            passcode,
            guide.contains("Keep the link and passcode to yourself"),
        );
        // No document claims that one message alone cannot be used where the link works alone.
        for text in [&guide, &invitation] {
            assert!(
                !text.contains("need both messages")
                    && !text.contains("one of the two messages cannot join"),
                "{value}"
            );
        }
        let id_only = pack().facts.available(kind(&value), "passcode_gates_link") == Some(false)
            && pack()
                .facts
                .available(kind(&value), "passcode_embedded_in_link_setting")
                .is_none();
        if passcode && value["security"]["passcode_separate"] == true {
            same(
                "passcode protects only the meeting ID (guide)",
                id_only,
                guide.contains("the passcode is needed only to join with the meeting ID"),
            );
            same(
                "passcode protects only the meeting ID (invitation)",
                id_only,
                invitation.contains("You need the passcode only if you join with the meeting ID"),
            );
        }
        // Lock: promised in every document or in none, and at the same time: once everyone
        // has joined, or before anyone arrives (Webex, where the lock holds the account
        // holder's signed-in colleagues in the lobby).
        let early = agreement.contains("Lock the meeting before the first Participant arrives");
        let late =
            agreement.contains("Lock the meeting once every expected Participant has joined.");
        same(
            "lock (guide)",
            late,
            guide.contains("will lock the meeting so that nobody else can enter"),
        );
        same(
            "lock (consent)",
            late,
            consent.contains("The host will lock the meeting once everyone expected has joined"),
        );
        same(
            "early lock (guide)",
            early,
            guide.contains("will lock the meeting before anyone arrives"),
        );
        same(
            "early lock (consent)",
            early,
            consent.contains("The host will lock the meeting before anyone arrives"),
        );
        same(
            "early lock (checklist)",
            early,
            checklist.contains("Lock the meeting before the first participant arrives"),
        );
        // Waiting room: used in every document or in none.
        let waiting = agreement.contains(
            "admit each person only after checking that they are an expected Participant",
        );
        same(
            "waiting room (guide)",
            waiting,
            guide.contains("When you join, you will wait in the"),
        );
        same(
            "waiting room (consent)",
            waiting,
            consent.contains(" to admit each person by name."),
        );
        // Encryption: end to end in every document or in none.
        let e2ee =
            agreement.contains("end-to-end encryption for every Session held on the Platform");
        same(
            "encryption (guide)",
            e2ee,
            guide.contains("End-to-end encryption will be switched on for this meeting"),
        );
        same(
            "encryption (consent)",
            e2ee,
            consent.contains("The meeting is expected to use end-to-end encryption."),
        );
        same(
            "encryption (checklist)",
            e2ee,
            checklist.contains("Switch on end-to-end encryption for the meeting"),
        );
    }
    assert!(checked >= 240, "only {checked} option sets checked");
}

/// Every platform, `other` included, under every recording policy, with each encryption
/// the platform can combine with that policy: the options assemble (no error), every
/// document's claims are verified facts of the platform, and the agreement keeps its
/// recording clause. Only the client is chosen from the facts (Google Meet has no
/// desktop application; end-to-end encryption needs the application where browsers
/// cannot join with it), as a mediator choosing that platform would.
#[test]
fn every_platform_assembles_under_every_recording_policy() {
    let facts = &pack().facts;
    let choices = schema::choices();
    let (mut assembled, mut refused) = (0, 0);
    for kind_value in &choices["platform.kind"] {
        for policy in &choices["recording.policy"] {
            for encryption in &choices["platform.encryption"] {
                let mut value = serde_json::to_value(Options::default()).expect("serializes");
                set(&mut value, "platform.kind", kind_value.clone());
                set(&mut value, "platform.other_name", json!("Jitsi Meet"));
                set(&mut value, "recording.policy", policy.clone());
                set(&mut value, "platform.encryption", encryption.clone());
                set(&mut value, "breakout_rooms.enabled", json!(false));
                let kind = kind(&value);
                let lacks = |feature: &str| facts.available(kind, feature) == Some(false);
                let e2ee = encryption == "end-to-end";
                let client = if lacks("desktop_app") {
                    "browser"
                } else {
                    "desktop-app"
                };
                set(&mut value, "platform.client", json!(client));
                // The one pair a platform may refuse: its own recording under end-to-end
                // encryption, where the facts say recording is off then.
                let needs_recording = policy == "settlement-terms-only";
                if e2ee && needs_recording && lacks("platform_recording_with_e2ee") {
                    let options = Options::from_value(value.clone()).expect("valid options");
                    let errors = pack().assemble(&options).expect_err("refused");
                    assert!(
                        errors.iter().any(|d| d.code == "recording-with-e2ee"),
                        "{value}\n{errors}"
                    );
                    refused += 1;
                    continue;
                }
                let options = Options::from_value(value.clone()).expect("valid options");
                let a = pack()
                    .assemble(&options)
                    .unwrap_or_else(|e| panic!("{value}\ndid not assemble:\n{e}"));
                let wrong = untrue_claims(&a, kind, facts);
                assert!(wrong.is_empty(), "{value}\n{wrong:#?}");
                let agreement = a.document("agreement").expect("an agreement");
                assert!(
                    agreement.clauses.iter().any(|c| c.topic == "recording"),
                    "{value}: no recording clause"
                );
                assembled += 1;
            }
        }
    }
    // 5 platforms x 3 policies x 2 encryptions, less the refused pairs.
    assert_eq!(assembled + refused, 30);
    assert_eq!(
        refused, 4,
        "Zoom, Teams, Webex and Meet switch their recording off under end-to-end encryption"
    );
}

/// The AI-assistant topic (issue 12) on every platform and recording policy: AI output is
/// a Recording; the Mediator switches off the Platform's own assistant by its name where
/// the facts say the organiser can, and otherwise so far as the Platform allows; each
/// Party confirms that no calendar note-taker or capture tool runs; bots are refused; no
/// Confidential Information goes into an AI tool without everyone's written agreement;
/// where consent may allow recording, the consent says where AI output is kept and for
/// how long, and the Platform's consent setting is used where it has one. The checklist
/// names the setting that switches the assistant off, and the guide tells participants.
#[test]
fn the_ai_topic_holds_on_every_platform_and_names_its_settings() {
    let facts = &pack().facts;
    let choices = schema::choices();
    for kind_value in &choices["platform.kind"] {
        for policy in &choices["recording.policy"] {
            let mut value = serde_json::to_value(Options::default()).expect("serializes");
            set(&mut value, "platform.kind", kind_value.clone());
            set(&mut value, "platform.other_name", json!("Jitsi Meet"));
            set(&mut value, "recording.policy", policy.clone());
            let kind = kind(&value);
            if facts.available(kind, "desktop_app") == Some(false) {
                set(&mut value, "platform.client", json!("browser"));
            }
            let options = Options::from_value(value.clone()).expect("valid options");
            let a = pack()
                .assemble(&options)
                .unwrap_or_else(|e| panic!("{value}\n{e}"));
            let ai = a
                .document("agreement")
                .and_then(|d| d.clauses.iter().find(|c| c.topic == "ai-assistants"))
                .unwrap_or_else(|| panic!("{value}: no AI clause in the agreement"));
            let body = &ai.body;
            for sentence in [
                "is a Recording, whether the Platform or any other tool makes it.",
                "each Party must confirm to the Mediator in writing that no calendar of any of its Participants is linked to a note-taking service",
                "no tool on a Participant's device will capture the sound or images of a Session",
                "The Mediator must not admit a note-taking bot",
                "The Mediator must remove at once any that joins.",
                "may put Confidential Information into an AI tool, during or after the Mediation, unless every Party and the Mediator agree in writing.",
            ] {
                assert!(
                    body.contains(sentence),
                    "{value}: no \"{sentence}\" in\n{body}"
                );
            }
            let has = |f: &str| facts.available(kind, f) == Some(true);
            let named = match kind {
                PlatformKind::Zoom => Some("(AI Companion)"),
                PlatformKind::MicrosoftTeams => Some("(Copilot)"),
                PlatformKind::Webex => Some("(Webex AI Assistant)"),
                PlatformKind::GoogleMeet => Some("(note-taking with Gemini)"),
                _ => None,
            };
            if has("ai_assistant") {
                let named = named.expect("a platform with an assistant has its name");
                assert!(
                    body.contains(named),
                    "{value}: {named} not named in\n{body}"
                );
                assert_eq!(
                    body.contains("using the setting that the Platform provides for that purpose"),
                    has("organiser_can_disable_ai_per_meeting"),
                    "{value}\n{body}"
                );
            } else {
                assert!(
                    body.contains("switch off any feature of the Platform that uses AI"),
                    "{value}\n{body}"
                );
            }
            let consent = policy == "consent-of-all";
            assert_eq!(
                body.contains("It must also say where the tool's output is kept, who may see it"),
                consent,
                "{value}\n{body}"
            );
            assert_eq!(
                body.contains("the Platform's own consent setting switched on"),
                consent && has("explicit_ai_consent"),
                "{value}\n{body}"
            );
            let checklist = a.document("checklist").expect("a checklist").to_markdown();
            if let Some(setting) = facts.setting(kind, "ai_off") {
                assert!(
                    checklist.contains(&format!("**{}**", setting.name)),
                    "{value}: the checklist does not name {}",
                    setting.name
                );
            }
            let guide = a.document("guide").expect("a guide");
            assert!(
                guide.clauses.iter().any(|c| c.id == "guide-ai"),
                "{value}: the guide says nothing about AI tools"
            );
        }
    }
}
