//! Tests that guard the built-in pack's content: every clause reachable, no dead option,
//! no contradiction between clauses on recording, breakout-room privacy or costs, and
//! sentences short enough to read.

use caucus_core::model::OptionPath;
use caucus_core::pack::Condition;
use caucus_core::{Assembly, Options, Pack, schema};
use serde_json::{Value, json};
use std::collections::BTreeMap;

fn pack() -> &'static Pack {
    Pack::builtin().expect("the built-in pack is valid")
}

/// The default options as JSON, with what the consent statement needs.
fn base() -> Value {
    let mut value = serde_json::to_value(Options::default()).expect("serializes");
    set(&mut value, "consent.law_firm", json!("Marsh & Cole LLP"));
    value
}

fn set(root: &mut Value, path: &str, value: Value) {
    let path = OptionPath::parse(path).unwrap_or_else(|e| panic!("{e}"));
    path.set(root, value).unwrap_or_else(|e| panic!("{e}"));
}

fn assemble(value: &Value) -> Assembly {
    let options = Options::from_value(value.clone()).expect("valid options");
    pack()
        .assemble(&options)
        .unwrap_or_else(|d| panic!("{value}\ndoes not assemble:\n{d}"))
}

/// All documents' Markdown, for comparing two assemblies.
fn text(a: &Assembly) -> String {
    a.documents.iter().map(|d| d.to_markdown()).collect()
}

#[test]
fn every_clause_file_is_selected_by_some_options() {
    let pack = pack();
    for clause in &pack.clauses {
        let doc = pack.document(&clause.document).expect("its document");
        let topic = doc
            .topics
            .iter()
            .find(|t| t.id == clause.topic)
            .expect("its topic");
        let mut value = base();
        let conditions: [&Condition; 3] = [&doc.when, &topic.when, &clause.when];
        for test in conditions.iter().flat_map(|c| c.tests.iter()) {
            set(&mut value, &test.path, test.allowed[0].clone());
        }
        if value["costs"]["allocation"] == "stated-shares" {
            set(&mut value, "costs.shares", json!([50, 50]));
        }
        // End-to-end encryption switches breakout rooms off on the default platform.
        if value["platform"]["encryption"] == "end-to-end" {
            set(&mut value, "breakout_rooms.enabled", json!(false));
        }
        let assembly = assemble(&value);
        let selected = assembly
            .documents
            .iter()
            .flat_map(|d| d.clauses.iter())
            .any(|c| c.id == clause.id);
        assert!(selected, "{} is not selected by {value}", clause.file);
    }
}

/// Options whose effect shows only beside another choice: the other choice to make first.
fn context_for(path: &str) -> Vec<(&'static str, Value)> {
    match path {
        "costs.shares" => vec![
            ("costs.allocation", json!("stated-shares")),
            ("costs.shares", json!([50, 50])),
        ],
        "costs.requesting_party" => vec![("costs.allocation", json!("requesting-party"))],
        "platform.other_name" => vec![
            ("platform.kind", json!("other")),
            ("platform.other_name", json!("Jitsi Meet")),
        ],
        "consent.law_firm" | "consent.client" => {
            vec![("consent.express_risk_consent", json!(true))]
        }
        "platform.encryption" => vec![("breakout_rooms.enabled", json!(false))],
        "breakout_rooms.co_host" => {
            vec![("breakout_rooms.control", json!("mediator-and-co-host"))]
        }
        "case.time_zone" => vec![
            ("case.time", json!("10:00")),
            ("case.time_zone", json!("Europe/London")),
        ],
        _ => Vec::new(),
    }
}

/// A value different from `current` of the same type.
fn changed(path: &str, current: &Value, choices: &BTreeMap<String, Vec<Value>>) -> Vec<Value> {
    if let Some(values) = choices.get(path) {
        return values.iter().filter(|v| *v != current).cloned().collect();
    }
    match (path, current) {
        ("costs.shares", _) => vec![json!([70, 30])],
        ("costs.requesting_party", _) => vec![json!(1)],
        ("case.date", _) => vec![json!("2027-03-04")],
        ("case.time", _) => vec![json!("14:15")],
        (_, Value::String(_)) => vec![json!("Changed Value Ltd")],
        (_, Value::Number(n)) => vec![json!(n.as_u64().unwrap_or(0) + 7)],
        (_, Value::Array(_)) => vec![json!(["Changed Region"])],
        (_, Value::Null) => vec![json!("Changed Value Ltd")],
        _ => Vec::new(),
    }
}

/// Every option path: the leaves of the options, with list elements of the default
/// parties, and attendees added to the first party.
fn option_paths(value: &Value, prefix: &str, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                let path = if prefix.is_empty() {
                    key.clone()
                } else {
                    format!("{prefix}.{key}")
                };
                option_paths(child, &path, out);
            }
        }
        Value::Array(items) if prefix == "parties" => {
            for (i, item) in items.iter().enumerate() {
                option_paths(item, &format!("{prefix}.{i}"), out);
            }
        }
        _ => out.push(prefix.to_owned()),
    }
}

#[test]
fn every_option_changes_some_document() {
    let choices = schema::choices();
    let mut paths = Vec::new();
    let mut shape = base();
    set(&mut shape, "case.date", json!("2026-12-01"));
    set(&mut shape, "case.time", json!("10:00"));
    option_paths(&shape, "", &mut paths);
    let mut dead = Vec::new();
    let mut checked = 0;
    let mut refused = Vec::new();
    for path in &paths {
        let mut before = base();
        for (p, v) in context_for(path) {
            set(&mut before, p, v);
        }
        let current = OptionPath::parse(path)
            .ok()
            .and_then(|p| p.get(&before).cloned())
            .unwrap_or(Value::Null);
        let original = text(&assemble(&before));
        for new in changed(path, &current, &choices) {
            let mut after = before.clone();
            set(&mut after, path, new.clone());
            if path == "parties.0.attendees" || path == "parties.1.attendees" {
                set(
                    &mut after,
                    path,
                    json!([{"name": "Changed Person", "capacity": "lawyer"}]),
                );
            }
            // A choice that needs a companion value gets one.
            if new == "stated-shares" {
                set(&mut after, "costs.shares", json!([50, 50]));
            }
            if new == "other" {
                set(&mut after, "platform.other_name", json!("Jitsi Meet"));
            }
            let options = Options::from_value(after.clone()).expect("a well-formed change");
            let Ok(assembly) = pack().assemble(&options) else {
                refused.push(format!("{path} = {new}"));
                continue;
            };
            checked += 1;
            if text(&assembly) == original {
                dead.push(format!("{path} = {new}"));
            }
        }
    }
    assert!(
        dead.is_empty(),
        "options that change no document: {dead:#?}"
    );
    assert!(refused.is_empty(), "changes refused: {refused:#?}");
    assert!(checked >= 60, "only {checked} changes checked");
    println!("{checked} single-option changes checked");
}

/// Every combination of the options that recording, breakout rooms and costs depend on.
fn combinations(paths: &[&str]) -> Vec<Value> {
    let choices = schema::choices();
    let axes: Vec<(&str, &Vec<Value>)> = paths.iter().map(|p| (*p, &choices[*p])).collect();
    let count: usize = axes.iter().map(|(_, v)| v.len()).product();
    (0..count)
        .map(|mut n| {
            let mut value = base();
            set(&mut value, "costs.shares", json!([60, 40]));
            for (path, values) in &axes {
                set(&mut value, path, values[n % values.len()].clone());
                n /= values.len();
            }
            value
        })
        .collect()
}

fn clause<'a>(a: &'a Assembly, doc: &str, topic: &str) -> Option<&'a caucus_core::Clause> {
    a.document(doc)?.clauses.iter().find(|c| c.topic == topic)
}

#[test]
fn recording_clauses_never_contradict_each_other() {
    for value in combinations(&[
        "recording.policy",
        "breakout_rooms.enabled",
        "consent.express_risk_consent",
        "platform.encryption",
    ]) {
        if value["platform"]["encryption"] == "end-to-end"
            && value["breakout_rooms"]["enabled"] == true
        {
            // Refused: the platform cannot combine them (see checks.rs).
            let options = Options::from_value(value.clone()).expect("well-formed");
            let errors = pack().assemble(&options).expect_err("refused");
            assert!(errors.iter().any(|d| d.code == "breakout-rooms-with-e2ee"));
            continue;
        }
        let a = assemble(&value);
        let policy = value["recording"]["policy"].as_str().expect("a policy");
        let word = match policy {
            "prohibited" => "prohibited",
            "consent-of-all" => "consent",
            _ => "settlement",
        };
        let recording: Vec<&str> = a
            .documents
            .iter()
            .flat_map(|d| d.clauses.iter())
            .filter(|c| c.topic.contains("recording") && !c.topic.contains("inadvertent"))
            .map(|c| c.id.as_str())
            .collect();
        assert!(!recording.is_empty(), "no recording clause for {policy}");
        for id in &recording {
            assert!(
                id.contains(word),
                "{id} selected with recording.policy = {policy}"
            );
        }
        let all = text(&a);
        if policy == "prohibited" {
            assert!(
                !all.contains("may record")
                    || all.contains("Nobody may record")
                    || all.contains("No Participant may"),
                "a permission to record under a prohibition"
            );
        }
    }
}

#[test]
fn joint_sessions_and_breakout_rooms_never_contradict_each_other() {
    for value in combinations(&[
        "breakout_rooms.enabled",
        "breakout_rooms.control",
        "breakout_rooms.private_chat",
        "breakout_rooms.announce_entry",
        "breakout_rooms.broadcasts",
    ]) {
        let a = assemble(&value);
        let enabled = value["breakout_rooms"]["enabled"] == true;
        let joint = clause(&a, "agreement", "joint-sessions").expect("a joint-sessions clause");
        let breakout = clause(&a, "agreement", "breakout-rooms");
        if enabled {
            let breakout = breakout.expect("a breakout clause when rooms are used");
            let number = breakout.number.expect("numbered");
            // The joint-session rule ("heard by all") must carve out the private sessions...
            assert!(
                joint.body.contains(&format!("clause {number}")),
                "the joint-sessions clause does not point to the breakout clause {number}:\n{}",
                joint.body
            );
            assert!(
                joint.body.contains("only to Joint Sessions"),
                "{}",
                joint.body
            );
            // ...and the breakout clause must make private sessions confidential.
            assert!(breakout.body.contains("confidential"), "{}", breakout.body);
        } else {
            assert!(breakout.is_none());
            // Breakout rooms may be mentioned only to say that none are used.
            for doc in &a.documents {
                for sentence in sentences(&doc.to_markdown()) {
                    let lower = sentence.to_lowercase();
                    assert!(
                        !lower.contains("breakout room") || lower.contains(" not "),
                        "{} mentions breakout rooms although none are used: {sentence}",
                        doc.kind
                    );
                }
            }
        }
    }
}

#[test]
fn cost_clauses_never_contradict_each_other() {
    for value in combinations(&[
        "costs.allocation",
        "platform.account_holder",
        "attendance.interpreters",
    ]) {
        let a = assemble(&value);
        let costs: Vec<&caucus_core::Clause> = a
            .document("agreement")
            .expect("agreement")
            .clauses
            .iter()
            .filter(|c| c.topic == "costs")
            .collect();
        assert_eq!(costs.len(), 1, "one costs clause");
        let body = &costs[0].body;
        let allocation = value["costs"]["allocation"].as_str().expect("allocation");
        match allocation {
            "mediator-absorbs" => {
                assert!(body.contains("The Mediator bears"), "{body}");
                assert!(!body.contains('%'), "{body}");
            }
            "equal-shares" => assert!(body.contains("equal"), "{body}"),
            "stated-shares" => {
                assert!(body.contains("Party A") && body.contains("60%"), "{body}");
                assert!(body.contains("Party B") && body.contains("40%"), "{body}");
            }
            _ => assert!(
                body.contains("Party A"),
                "the requesting party is named: {body}"
            ),
        }
        if value["attendance"]["interpreters"] == false {
            assert!(
                !body.contains("interpret"),
                "interpreter costs without interpreters: {body}"
            );
        }
        let all = text(&a);
        if allocation != "stated-shares" {
            assert!(!all.contains("60%"), "a stated share under {allocation}");
        }
    }
}

/// Sentences of a Markdown text: split at ". ", "? ", "! " and line ends, list markers
/// and headings dropped.
fn sentences(markdown: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in markdown.lines() {
        let line = line.trim_start_matches(['#', '-', ' ']);
        let line = line
            .trim_start_matches(|c: char| c.is_ascii_digit() || c == '.')
            .trim();
        if line.is_empty() || line.starts_with("**") && line.ends_with("**") {
            continue;
        }
        let mut current = String::new();
        let chars: Vec<char> = line.chars().collect();
        for (i, &c) in chars.iter().enumerate() {
            current.push(c);
            let end = matches!(c, '.' | '?' | '!' | ':' | ';')
                && chars.get(i + 1).is_none_or(|n| *n == ' ');
            if end {
                out.push(std::mem::take(&mut current));
            }
        }
        if !current.trim().is_empty() {
            out.push(current);
        }
    }
    out.into_iter()
        .filter(|s| s.split_whitespace().count() > 0)
        .collect()
}

#[test]
fn sentences_are_short() {
    let mut report = String::new();
    let mut maximal = base();
    set(&mut maximal, "consent.express_risk_consent", json!(true));
    set(&mut maximal, "attendance.interpreters", json!(true));
    set(
        &mut maximal,
        "attendance.observers",
        json!("consent-of-all"),
    );
    let mut too_long = Vec::new();
    for (name, value) in [("default", base()), ("maximal", maximal)] {
        for doc in &assemble(&value).documents {
            let sentences = sentences(&doc.to_markdown());
            let words: Vec<usize> = sentences
                .iter()
                .map(|s| s.split_whitespace().count())
                .collect();
            let total: usize = words.iter().sum();
            let average = total as f64 / words.len().max(1) as f64;
            let (longest, at) = words
                .iter()
                .enumerate()
                .map(|(i, w)| (*w, i))
                .max()
                .unwrap_or((0, 0));
            report.push_str(&format!(
                "{name:8} {:10} sentences {:4}  average {:5.1} words  longest {:3} words\n",
                doc.kind,
                words.len(),
                average,
                longest
            ));
            assert!(
                average < 22.0,
                "{name} {}: average sentence {average:.1} words",
                doc.kind
            );
            for (s, w) in sentences.iter().zip(&words) {
                if *w >= 40 {
                    too_long.push(format!("{} ({w} words): {s}", doc.kind));
                }
            }
            let _ = at;
        }
    }
    println!(
        "Readability (cargo test -p caucus-core --test content -- --nocapture sentences):\n{report}"
    );
    assert!(
        too_long.is_empty(),
        "sentences of 40 words or more:\n{}",
        too_long.join("\n")
    );
}
