//! The template engine renders what handlebars renders, for generated templates.
//!
//! Clause packs were written for handlebars, and institutions may have packs of their
//! own: the engine must keep handlebars' meaning, including its subtle rule that a block
//! tag alone on its line takes the line with it. handlebars is a dev-dependency only,
//! the reference for this test.

use super::render::Context;
use super::syntax::Template;
use proptest::prelude::*;
use serde_json::{Value, json};

/// Every level of the data has every key the generated templates use, so that a path
/// inside `{{#each}}` resolves the same in both engines.
fn row(name: &str, depth: usize, flag: bool) -> Value {
    let items: Vec<Value> = if depth == 0 {
        Vec::new()
    } else {
        ["p", "q", "r"][..depth + 1]
            .iter()
            .enumerate()
            .map(|(i, n)| row(&format!("{name}-{n}"), depth - 1, i % 2 == 0))
            .collect()
    };
    json!({
        "name": name,
        "other": "Bob",
        "empty": "",
        "flag": flag,
        "off": false,
        "n": depth,
        "zero": 0,
        "items": items,
        "none": [],
        "case": { "locale": "en-GB", "reference": "C-1" }
    })
}

fn data() -> Value {
    let mut data = row("Ann Lee", 2, true);
    data["people"] = json!([{ "name": "Cy", "role": "expert" }, { "name": "Di", "role": "party" }]);
    data
}

/// A piece of text: words, blanks and line breaks in the combinations that matter for
/// whitespace handling around tags.
fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            Just("a"),
            Just("Text."),
            Just(" "),
            Just("  "),
            Just("\t"),
            Just("\n"),
            Just("\n\n"),
            Just("\r\n"),
            Just("- "),
            Just("}"),
            Just("\\{{name}}"),
            Just("\\\\{{name}}"),
        ],
        0..4,
    )
    .prop_map(|parts| parts.concat())
}

fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("{{name}}"),
        Just("{{ other }}"),
        Just("{{n}}"),
        Just("{{flag}}"),
        Just("{{case.reference}}"),
        Just("{{@root.name}}"),
        Just("{{~name}}"),
        Just("{{name~}}"),
        Just("{{! a comment }}"),
        Just("{{!-- a {{longer}} comment --}}"),
    ]
    .prop_map(str::to_owned)
}

fn condition() -> impl Strategy<Value = &'static str> {
    prop_oneof![
        Just("flag"),
        Just("off"),
        Just("empty"),
        Just("zero"),
        Just("items"),
        Just("none"),
        Just("(eq n 1)"),
        Just("(eq name \"Bob\")"),
        Just("(or off (not flag))"),
        Just("(and flag items)"),
        Just("(gt n 0)"),
    ]
}

/// The opening and closing of a block tag, with or without whitespace control.
fn tilde() -> impl Strategy<Value = (&'static str, &'static str)> {
    prop_oneof![
        4 => Just(("", "")),
        1 => Just(("~", "")),
        1 => Just(("", "~")),
    ]
}

fn template() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![text(), value()];
    leaf.prop_recursive(4, 40, 6, |inner| {
        let body = prop::collection::vec(inner, 0..4).prop_map(|v| v.concat());
        prop_oneof![
            prop::collection::vec(body.clone(), 1..4).prop_map(|v| v.concat()),
            (
                prop_oneof![Just("if"), Just("unless")],
                condition(),
                tilde(),
                body.clone(),
                prop::option::of((tilde(), body.clone())),
            )
                .prop_map(|(kind, cond, (a, b), then, otherwise)| {
                    let mut s = format!("{{{{{a}#{kind} {cond}{b}}}}}{then}");
                    if let Some(((c, d), other)) = otherwise {
                        s.push_str(&format!("{{{{{c}else{d}}}}}{other}"));
                    }
                    s.push_str(&format!("{{{{{a}/{kind}{b}}}}}"));
                    s
                }),
            (condition(), condition(), body.clone(), body.clone(), body.clone()).prop_map(
                |(c1, c2, x, y, z)| format!(
                    "{{{{#if {c1}}}}}{x}{{{{else if {c2}}}}}{y}{{{{else}}}}{z}{{{{/if}}}}"
                )
            ),
            (
                prop_oneof![Just("items"), Just("none")],
                body.clone(),
                prop::option::of(body),
            )
                .prop_map(|(list, inner, otherwise): (&str, String, Option<String>)| {
                    let mut s = format!(
                        "{{{{#each {list}}}}}{{{{@index}}}}{{{{#if @first}}}}F{{{{/if}}}}{inner}{{{{#unless @last}}}},{{{{/unless}}}}"
                    );
                    s.push_str("{{name}}/{{../name}}/{{@root.name}}");
                    if let Some(other) = otherwise {
                        s.push_str(&format!("{{{{else}}}}{other}"));
                    }
                    s.push_str("{{/each}}");
                    s
                }),
        ]
    })
}

fn ours(source: &str, data: &Value) -> Result<String, String> {
    let template = Template::parse(source).map_err(|e| e.to_string())?;
    let cx = Context {
        root: data,
        refs: &[],
        ref_word: "clause",
        locale: Default::default(),
    };
    let mut out = String::new();
    template.render(&cx, &mut out).map_err(|e| e.to_string())?;
    Ok(out)
}

fn theirs(source: &str, data: &Value) -> Result<String, String> {
    let mut hb = handlebars::Handlebars::new();
    hb.set_strict_mode(true);
    hb.register_escape_fn(super::escape::escape_markdown);
    hb.render_template(source, data).map_err(|e| e.to_string())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

    #[test]
    fn renders_as_handlebars_does(source in template()) {
        let data = data();
        let expected = theirs(&source, &data);
        prop_assume!(expected.is_ok());
        prop_assert_eq!(ours(&source, &data), expected, "template: {:?}", source);
    }
}

#[test]
fn standalone_tags_take_their_line() {
    let source = "Intro.\n  {{#if flag}}  \nYes.\n{{else}}\nNo.\n  {{/if}}\nEnd.";
    let data = data();
    assert_eq!(ours(source, &data), theirs(source, &data));
    assert_eq!(ours(source, &data).as_deref(), Ok("Intro.\nYes.\nEnd."));
    let source = "{{#if off}}\nYes.\n{{^}}\nNo.\n{{/if}}";
    assert_eq!(ours(source, &data), theirs(source, &data));
}

#[test]
fn syntax_errors_name_their_place() {
    let e = Template::parse("One.\nTwo {{#if flag}} three {{/iff}}").expect_err("mismatch");
    assert_eq!((e.at.line, e.at.column), (2, 24));
    assert_eq!(e.opened.map(|p| (p.line, p.column)), Some((2, 5)));
    let e = Template::parse("{{#each items}}x").expect_err("unclosed");
    assert_eq!((e.at.line, e.at.column), (1, 1));
    let e = Template::parse("a\n\n  {{name").expect_err("unterminated");
    assert_eq!((e.at.line, e.at.column), (3, 3));
    assert!(Template::parse("{{else}}").is_err());
    assert!(Template::parse("{{#if a}}{{else}}{{else}}{{/if}}").is_err());
    assert!(Template::parse("{{/if}}").is_err());
    assert!(Template::parse("{{(eq a}}").is_err());
    assert!(Template::parse("{{join \"a}}").is_err());
}

#[test]
fn paths_read_lists_and_parents() {
    let data = data();
    assert_eq!(
        ours(
            "{{people.1.name}} {{#each people}}{{@root.case.reference}}{{/each}}",
            &data
        )
        .as_deref(),
        Ok("Di C-1C-1")
    );
    assert!(ours("{{nothing}}", &data).is_err());
    assert!(ours("{{#each people}}{{../../name}}{{/each}}", &data).is_err());
}
