//! Properties of assembly over generated options, against the built-in pack: never a
//! panic, nothing left unrendered, numbering contiguous from 1, every cross-reference
//! naming a clause of its document, deterministic output, and no typed string ever
//! producing an HTML tag.

use caucus_core::{Options, Pack, schema};
use proptest::prelude::*;
use serde_json::{Map, Value, json};
use std::sync::OnceLock;

/// Text a user might type, markup and all.
fn typed() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Za-z][A-Za-z .,'&-]{0,30}",
        Just("*Acme* <script>alert(1)</script>".to_owned()),
        Just("# Heading".to_owned()),
        Just("[x](javascript:alert(1))".to_owned()),
        Just("<img src=x onerror=alert(1)>".to_owned()),
        Just("1. Numbered _under_ `code`".to_owned()),
        Just("- dash | pipe ~ tilde \\ backslash".to_owned()),
        Just("Zoë Ångström-O'Brien".to_owned()),
    ]
}

fn set(root: &mut Value, path: &str, value: Value) {
    let mut node = root;
    let keys: Vec<&str> = path.split('.').collect();
    for (i, key) in keys.iter().enumerate() {
        let Value::Object(map) = node else { return };
        if i + 1 == keys.len() {
            map.insert((*key).to_owned(), value);
            return;
        }
        node = map
            .entry((*key).to_owned())
            .or_insert_with(|| Value::Object(Map::new()));
    }
}

/// Options with every choice drawn at random and 2 to 8 parties with typed names,
/// kept valid (shares total 100, observers only where allowed) so that they assemble.
fn options() -> impl Strategy<Value = Options> {
    let choices: Vec<(String, Vec<Value>)> = schema::choices().into_iter().collect();
    let picks = choices
        .iter()
        .map(|(_, values)| 0..values.len())
        .collect::<Vec<_>>();
    let parties = prop::collection::vec(
        (
            typed(),
            typed(),
            prop::collection::vec((typed(), 0usize..5), 0..3),
        ),
        2..=8,
    );
    (picks, parties, typed(), typed(), 0usize..8).prop_map(
        move |(picks, parties, mediator, other_name, requesting)| {
            let mut value = json!({});
            for ((path, values), pick) in choices.iter().zip(picks) {
                set(&mut value, path, values[pick].clone());
            }
            let capacities = ["party", "lawyer", "expert", "support-person", "observer"];
            let observers = value["attendance"]["observers"] == "consent-of-all";
            let count = parties.len();
            let parties: Vec<Value> = parties
                .into_iter()
                .map(|(name, role, attendees)| {
                    let attendees: Vec<Value> = attendees
                        .into_iter()
                        .map(|(name, c)| {
                            let capacity = if !observers && c == 4 {
                                "party"
                            } else {
                                capacities[c]
                            };
                            json!({"name": name, "capacity": capacity})
                        })
                        .collect();
                    json!({"name": name, "role": role, "attendees": attendees})
                })
                .collect();
            set(&mut value, "parties", Value::Array(parties));
            let share = 100.0 / count as f64;
            let mut shares = vec![json!(share); count - 1];
            shares.push(json!(100.0 - share * (count - 1) as f64));
            set(&mut value, "costs.shares", Value::Array(shares));
            set(
                &mut value,
                "costs.requesting_party",
                json!(requesting % count),
            );
            set(&mut value, "mediator.name", json!(mediator));
            set(&mut value, "platform.other_name", json!(other_name));
            set(&mut value, "consent.law_firm", json!("Firm LLP"));
            set(
                &mut value,
                "platform.data_regions",
                json!(["EU", "<b>UK</b>"]),
            );
            set(&mut value, "case.date", json!("2026-12-01"));
            keep_possible(&mut value);
            Options::from_value(value).expect("generated options are well-formed")
        },
    )
}

/// Changes what the chosen platform cannot do, as its facts in the built-in pack say
/// (the checks refuse those options), so that the generated options assemble.
fn keep_possible(value: &mut Value) {
    let facts = &Pack::builtin().expect("the built-in pack loads").facts;
    let Ok(kind) = serde_json::from_value(value["platform"]["kind"].clone()) else {
        return;
    };
    let lacks = |feature: &str| facts.available(kind, feature) == Some(false);
    let e2ee = value["platform"]["encryption"] == "end-to-end";
    if value["platform"]["client"] == "desktop-app" && lacks("desktop_app") {
        set(value, "platform.client", json!("browser"));
    }
    if e2ee && value["platform"]["client"] == "browser" && lacks("browser_with_e2ee") {
        set(value, "platform.client", json!("desktop-app"));
    }
    if e2ee && lacks("breakout_rooms_with_e2ee") {
        set(value, "breakout_rooms.enabled", json!(false));
    }
    if e2ee
        && value["recording"]["policy"] == "settlement-terms-only"
        && lacks("platform_recording_with_e2ee")
    {
        set(value, "recording.policy", json!("prohibited"));
    }
}

/// The names of the HTML elements in `html`.
fn tags(html: &str) -> Vec<String> {
    html.split('<')
        .skip(1)
        .map(|rest| {
            rest.trim_start_matches('/')
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect::<String>()
                .to_ascii_lowercase()
        })
        .collect()
}

/// The elements the renderer itself writes.
const OUR_TAGS: &[&str] = &[
    "article",
    "section",
    "header",
    "h1",
    "h2",
    "h3",
    "p",
    "ol",
    "ul",
    "li",
    "strong",
    "em",
    "span",
    "a",
    "br",
    "hr",
    "blockquote",
    "code",
];

/// Every "clause N" in a text.
fn clause_refs(text: &str) -> Vec<u32> {
    text.match_indices("clause ")
        .filter_map(|(i, m)| {
            let digits: String = text[i + m.len()..]
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            digits.parse().ok()
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 192, ..ProptestConfig::default() })]

    #[test]
    fn assembly_keeps_its_promises(options in options()) {
        let pack = Pack::builtin().expect("the built-in pack is valid");
        // The generated options are valid by construction, so a refusal is a defect.
        let assembly = pack.assemble(&options);
        prop_assert!(assembly.is_ok(), "refused: {}", assembly.err().map(|d| d.to_string()).unwrap_or_default());
        let assembly = assembly.expect("checked above");
        prop_assert_eq!(&assembly, &pack.assemble(&options).expect("assembles twice"));
        for doc in &assembly.documents {
            let numbers: Vec<u32> = doc.clauses.iter().filter_map(|c| c.number).collect();
            let expected: Vec<u32> = (1..=numbers.len() as u32).collect();
            prop_assert_eq!(&numbers, &expected, "numbering of {}", doc.kind);
            for clause in &doc.clauses {
                for n in clause_refs(&clause.body) {
                    prop_assert!(numbers.contains(&n), "{} refers to clause {} of {}", clause.id, n, doc.kind);
                    prop_assert!(Some(n) != clause.number, "{} refers to itself", clause.id);
                }
            }
            let markdown = doc.to_markdown();
            prop_assert!(!markdown.contains("{{"), "unrendered template in {}", doc.kind);
            prop_assert_eq!(&markdown, &doc.to_markdown());
            let html = doc.to_html();
            for tag in tags(&html) {
                prop_assert!(OUR_TAGS.contains(&tag.as_str()), "<{}> in {}: {}", tag, doc.kind, html);
            }
            prop_assert!(!html.contains("href=\"javascript"), "live javascript link in {}", doc.kind);
            prop_assert!(!doc.to_text().contains("{{"));
        }
    }

    /// A pack that remembers renderings writes what one that renders every template
    /// anew writes, whatever came before: the one pack remembers across all the cases,
    /// and each case is followed by the same options with one party renamed, then by
    /// the case again.
    #[test]
    fn remembered_renderings_are_the_renderings(options in options(), rename in typed()) {
        static REMEMBERING: OnceLock<Pack> = OnceLock::new();
        static FORGETFUL: OnceLock<Pack> = OnceLock::new();
        let remembering = REMEMBERING.get_or_init(|| Pack::read_builtin().expect("valid"));
        let forgetful = FORGETFUL
            .get_or_init(|| Pack::read_builtin().expect("valid").remembering(false));
        let mut renamed = options.clone();
        renamed.parties[0].name = rename;
        for options in [&options, &renamed, &options] {
            let expected = forgetful.assemble(options).expect("assembles");
            prop_assert_eq!(&remembering.assemble(options).expect("assembles"), &expected);
        }
    }
}
