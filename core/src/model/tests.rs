use super::*;
use crate::options::Options;
use serde_json::{Value, json};

fn titles(node: &OptionInfo) -> Vec<&str> {
    node.fields().iter().map(|f| f.title.as_str()).collect()
}

fn keys(node: &OptionInfo) -> Vec<&str> {
    node.fields().iter().filter_map(|f| f.key()).collect()
}

fn get(path: &str) -> &'static OptionInfo {
    option(path).unwrap_or_else(|| panic!("the model has no {path}"))
}

#[test]
fn every_option_and_every_choice_has_a_title_written_in_options_rs() {
    // Read the schema itself: the model falls back on the field name, which would hide
    // a missing title.
    fn check(root: &Value, node: &Value, path: &str) {
        let node = match node
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(|r| r.strip_prefix("#/$defs/"))
        {
            Some(name) => &root["$defs"][name],
            None => node,
        };
        for (key, field) in node
            .get("properties")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
        {
            let here = if path.is_empty() {
                key.clone()
            } else {
                format!("{path}.{key}")
            };
            assert!(
                field.get("title").and_then(Value::as_str).is_some(),
                "{here} has no title: give it #[schemars(title = \"...\")] in options.rs"
            );
            check(root, field, &here);
            if let Some(items) = field.get("items") {
                check(root, items, &format!("{here}.*"));
            }
        }
        for choice in node
            .get("oneOf")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            assert!(
                choice.get("title").and_then(Value::as_str).is_some(),
                "the choice {} of {path} has no title",
                choice["const"]
            );
        }
    }
    let schema = crate::schema::schema();
    check(&schema, &schema, "");
}

#[test]
fn fields_come_in_declaration_order() {
    assert_eq!(
        keys(root()),
        [
            "case",
            "mediator",
            "parties",
            "platform",
            "attendance",
            "recording",
            "breakout_rooms",
            "documents",
            "security",
            "costs",
            "consent",
            "technical_failure",
            "settlement",
            "data_protection",
            "edits"
        ]
    );
    assert_eq!(
        keys(get("parties.*")),
        ["name", "role", "time_zone", "attendees"]
    );
    assert_eq!(keys(get("parties.*.attendees.*")), ["name", "capacity"]);
    assert_eq!(
        keys(get("attendance"))[..3],
        [
            "disclose_in_advance",
            "disclosure_deadline_hours",
            "observers"
        ]
    );
    assert_eq!(titles(root())[..3], ["The case", "Mediator", "Parties"]);
}

#[test]
fn kinds_titles_and_choices_come_from_the_schema() {
    assert_eq!(
        get("attendance.disclosure_deadline_hours").kind,
        Kind::Number {
            integer: true,
            minimum: Some(0.0),
            maximum: None
        }
    );
    assert_eq!(
        get("attendance.disclosure_deadline_hours").unit.as_deref(),
        Some("hours")
    );
    assert_eq!(get("breakout_rooms.enabled").kind, Kind::YesNo);
    assert_eq!(get("case.date").kind, Kind::Date);
    assert!(get("case.date").optional);
    assert_eq!(get("case.time").kind, Kind::Time);
    assert!(!get("case.reference").optional);
    assert_eq!(get("case.reference").examples, vec![json!("MED-2026-0147")]);
    let shares = get("costs.shares");
    assert!(matches!(
        shares.item().map(|i| &i.kind),
        Some(Kind::Number { integer: false, .. })
    ));
    assert_eq!(
        shares.one_per.as_ref().map(ToString::to_string).as_deref(),
        Some("parties")
    );
    assert_eq!(
        get("costs.requesting_party")
            .index_of
            .as_ref()
            .map(ToString::to_string)
            .as_deref(),
        Some("parties")
    );
    let platform = get("platform.kind");
    assert_eq!(platform.title, "Platform");
    let teams = platform
        .choice(&json!("microsoft-teams"))
        .expect("a choice");
    assert_eq!(teams.title, "Microsoft Teams");
    assert_eq!(teams.description, "Microsoft Teams.");
    assert_eq!(platform.choices().len(), 5);
    let name = get("parties.3.name");
    assert_eq!(name.path.to_string(), "parties.*.name");
    assert_eq!(name.title, "Full legal name");
    assert_eq!(get("parties.*").title, "Party");
    assert!(option("parties.x.name").is_none());
    assert!(option("recording.policy.x").is_none());
    assert!(option("nothing").is_none());
    let parsed = OptionPath::parse("parties.1.attendees.0.capacity").expect("a path");
    assert_eq!(
        option_at(&parsed).map(|o| o.title.as_str()),
        Some("Attends as")
    );
}

#[test]
fn leaves_are_every_value_a_person_sets() {
    let paths: Vec<String> = leaves().map(|o| o.path.to_string()).collect();
    for expected in [
        "case.reference",
        "parties.*.name",
        "parties.*.attendees.*.capacity",
        "platform.data_regions",
        "costs.shares",
        "costs.requesting_party",
        "settlement.counterparts",
    ] {
        assert!(
            paths.iter().any(|p| p == expected),
            "{expected} in {paths:?}"
        );
    }
    for not_a_leaf in [
        "case",
        "parties",
        "parties.*",
        "parties.*.attendees",
        "costs.shares.*",
    ] {
        assert!(!paths.iter().any(|p| p == not_a_leaf), "{not_a_leaf}");
    }
    // Every value of the options, with one item in every list, is a leaf or an item of one.
    let mut options = Options::default();
    options.parties[0]
        .attendees
        .push(crate::options::Attendee::default());
    options.costs.shares = vec![50.0];
    let value = serde_json::to_value(&options).expect("options serialise");
    fn values(value: &Value, path: OptionPath, out: &mut Vec<OptionPath>) {
        match value {
            Value::Object(map) => map
                .iter()
                .for_each(|(k, v)| values(v, path.clone().key(k), out)),
            Value::Array(items) => items
                .iter()
                .enumerate()
                .for_each(|(i, v)| values(v, path.clone().index(i), out)),
            _ => out.push(path),
        }
    }
    let mut found = Vec::new();
    values(&value, OptionPath::root(), &mut found);
    assert!(found.len() > 50);
    for path in found {
        let pattern = path.pattern();
        let covered = leaves()
            .any(|leaf| leaf.path == pattern || pattern.parent().is_some_and(|p| p == leaf.path));
        assert!(covered, "{path} is not a leaf of the model");
    }
}

#[test]
fn shown_when_names_choices_and_their_values() {
    for leaf in root().walk() {
        for condition in &leaf.shown_when {
            for test in &condition.tests {
                let tested = option(&test.path)
                    .unwrap_or_else(|| panic!("{}: x-shown-when names {}", leaf.path, test.path));
                for value in &test.allowed {
                    let known = match &tested.kind {
                        Kind::YesNo => value.is_boolean(),
                        Kind::Choice(_) => tested.choice(value).is_some(),
                        _ => false,
                    };
                    assert!(known, "{}: {} is never {value}", leaf.path, test.path);
                }
            }
        }
    }
    let mut options = serde_json::to_value(Options::default()).expect("options serialise");
    let other_name = get("platform.other_name");
    assert!(!other_name.shown(&options));
    options["platform"]["kind"] = json!("other");
    assert!(other_name.shown(&options));
    let requesting = get("costs.requesting_party");
    assert!(!requesting.shown(&options));
    options["platform"]["account_holder"] = json!("requesting-party");
    assert!(requesting.shown(&options), "either alternative shows it");
    assert!(get("case.reference").shown(&options));
}

#[test]
fn help_is_the_description_unless_it_repeats_the_title() {
    assert_eq!(get("security.screen_sharing").help(), None);
    assert_eq!(
        get("case.reference").help(),
        Some("For example MED-2026-0147. Leave empty to show no reference.")
    );
}

#[test]
fn unknown_paths_get_the_nearest_option_with_their_positions() {
    let suggested = |p: &str| suggest(p).map(|s| s.to_string());
    assert_eq!(
        suggested("parties.1.nmae").as_deref(),
        Some("parties.1.name")
    );
    assert_eq!(
        suggested("recording.polcy").as_deref(),
        Some("recording.policy")
    );
    assert_eq!(
        suggested("parties.2.attendees.1.capacty").as_deref(),
        Some("parties.2.attendees.1.capacity")
    );
    assert_eq!(suggested("completely.different"), None);
}

#[test]
fn places_are_named_as_the_form_names_them() {
    let mut options = serde_json::to_value(Options::default()).expect("options serialise");
    options["parties"][0]["attendees"] = json!([{"name": "Ann"}]);
    let place = |p: &str| place(p, &options);
    assert_eq!(
        place("parties.1.name"),
        "Party 2 (Party B): Full legal name"
    );
    assert_eq!(
        place("parties.0.attendees.0.name"),
        "Party 1 (Party A), Attendee 1 (Ann): Name"
    );
    assert_eq!(
        place("parties.1.attendees.0"),
        "Party 2 (Party B), Attendee 1"
    );
    assert_eq!(place("parties"), "Parties");
    assert_eq!(place("costs.shares"), "Costs: Each party's share");
    assert_eq!(
        place("costs.shares.0"),
        "Costs: Each party's share (Party A)"
    );
    assert_eq!(place("costs.shares.5"), "Costs: Each party's share (6)");
    assert_eq!(place("recording.policy"), "Recording: Who may record");
    assert_eq!(place("attendance.observers"), "Attendance: Observers");
    assert_eq!(place("case"), "The case");
    assert_eq!(place("platfrom"), "platfrom");
    assert_eq!(place(""), "Options");
}

#[test]
fn text_names_the_options_it_mentions_and_reads_as_a_sentence() {
    let options = serde_json::to_value(Options::default()).expect("options serialise");
    assert_eq!(
        sentence("set `attendance.observers` to \"consent-of-all\"", &options),
        "Set “Attendance: Observers” to \"consent-of-all\"."
    );
    assert_eq!(
        sentence("`parties.1.name` is empty", &options),
        "“Party 2 (Party B): Full legal name” is empty."
    );
    // Not an option path (a value, a clause's id): quoted as written, never capitalised.
    assert_eq!(sentence("use `x` here.", &options), "Use “x” here.");
    assert_eq!(
        sentence("see `zoom.rooms`", &Value::Null),
        "See “zoom.rooms”."
    );
    assert_eq!(
        sentence("`sometimes` is not one of the choices", &Value::Null),
        "“sometimes” is not one of the choices."
    );
    // A backtick that no other closes stays as written.
    assert_eq!(sentence("a `b", &Value::Null), "A `b.");
    assert_eq!(sentence("Is it?", &Value::Null), "Is it?");
    assert_eq!(sentence("élan", &Value::Null), "élan.");
    assert_eq!(sentence("", &Value::Null), "");
    assert_eq!(
        in_words("in `costs.shares`", &Value::Null),
        "in “Costs: Each party's share”"
    );
}

/// What a form shows under a field or a choice names no option by its path: a mediator
/// reads "in “Costs: Each party's share”", not "in costs.shares".
#[test]
fn help_names_the_options_it_mentions_as_the_form_does() {
    let helps: Vec<String> = root()
        .walk()
        .into_iter()
        .flat_map(|option| {
            (option.help().into_iter())
                .chain(option.choices().iter().filter_map(|c| c.help()))
                .map(|help| in_words(help, &Value::Null))
        })
        .collect();
    let paths: Vec<String> = root()
        .walk()
        .into_iter()
        .map(|option| option.path.to_string())
        .filter(|path| path.contains('.'))
        .collect();
    for help in &helps {
        assert!(!help.contains('`'), "{help}");
        for path in &paths {
            assert!(!help.contains(path.as_str()), "{path} in: {help}");
        }
    }
    let stated = helps
        .iter()
        .find(|help| help.starts_with("The parties bear them in the percentages"));
    assert_eq!(
        stated.map(String::as_str),
        Some("The parties bear them in the percentages in “Costs: Each party's share”.")
    );
}

/// A form offers "empty" as a time zone's first choice, and names it as the model does.
#[test]
fn every_time_zone_says_what_leaving_it_empty_means() {
    let zones: Vec<&OptionInfo> = root()
        .walk()
        .into_iter()
        .filter(|o| o.kind == Kind::TimeZone)
        .collect();
    assert_eq!(zones.len(), 2);
    for zone in zones {
        assert!(zone.empty.is_some(), "{} has no x-empty", zone.path);
    }
    assert_eq!(
        get("parties.*.time_zone").empty.as_deref(),
        Some("The same as the case")
    );
    assert_eq!(get("case.time_zone").empty.as_deref(), Some("Not stated"));
}

#[test]
fn a_path_is_under_itself_and_its_ancestors_only() {
    assert!(is_under("parties.1.name", "parties.1"));
    assert!(is_under("parties.1", "parties.1"));
    assert!(is_under("parties.1", ""));
    assert!(!is_under("parties.10.name", "parties.1"));
    assert!(!is_under("parties_x", "parties"));
    assert!(!is_under("parties", "parties.1"));
}

#[test]
fn a_part_of_the_options_depends_on_what_its_options_test_and_follow() {
    let path = |text: &str| OptionPath::parse(text).expect("a path");
    assert_eq!(path("parties.*.name").before_any(), path("parties"));
    assert_eq!(path("costs.shares").before_any(), path("costs.shares"));
    // The shares follow the parties; the requesting party points into them and is shown
    // for a platform account held by the requesting party.
    let costs = depends_on(&path("costs"));
    for wanted in ["parties", "platform.account_holder", "costs.allocation"] {
        assert!(costs.contains(&path(wanted)), "{wanted} not in {costs:?}");
    }
    let mut shares = depends_on(&path("costs.shares"));
    shares.sort_by_key(ToString::to_string);
    assert_eq!(shares, [path("costs.allocation"), path("parties")]);
    assert!(depends_on(&path("no.such.option")).is_empty());
}

#[test]
fn items_are_named_by_their_names_or_counted_from_1_without_overflow() {
    let options = with_defaults(json!({"parties": [{"name": "Acme Ltd"}, {"name": " "}]}));
    let parties = OptionPath::parse("parties").expect("a path");
    assert_eq!(item_label(&parties, 0, &options), "Acme Ltd");
    assert_eq!(item_label(&parties, 1, &options), "Party 2");
    assert_eq!(item_label(&parties, 7, &options), "Party 8");
    let attendees = OptionPath::parse("parties.0.attendees").expect("a path");
    assert_eq!(item_label(&attendees, 0, &options), "Attendee 1");
    let far = format!("parties.{}.name", usize::MAX);
    let beyond = u128::try_from(usize::MAX).expect("fits") + 1;
    assert_eq!(
        place(&far, &Value::Null),
        format!("Party {beyond}: Full legal name")
    );
    let path = OptionPath::parse(&far).expect("a path");
    assert_eq!(draft::placeholder(&path), Some(format!("[Party {beyond}]")));
}

/// Options left out are named from the defaults, as the documents would name them; options
/// that are not valid are read as they are.
#[test]
fn words_read_the_defaults_of_what_valid_options_leave_out() {
    assert_eq!(
        place("parties.1.name", &with_defaults(json!({}))),
        "Party 2 (Party B): Full legal name"
    );
    let invalid = json!({"parties": [{"name": "Acme Ltd"}, {"name": "B", "colour": "red"}]});
    assert_eq!(with_defaults(invalid.clone()), invalid);
    assert_eq!(
        place("parties.1.colour", &with_defaults(invalid)),
        "Party 2 (B): colour"
    );
    assert_eq!(with_defaults(Value::Null), Value::Null);
}
