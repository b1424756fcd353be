//! Each validation error is detected with the right file, line and column.
//!
//! Every case starts from the valid `fixtures/mini` pack and breaks one thing.

mod common;

use caucus_core::Pack;
use std::collections::BTreeMap;

fn mini() -> BTreeMap<String, String> {
    common::mini_files()
}

/// Loads the mini pack after `change`, and returns every diagnostic as
/// `code @ file:line:column`.
fn broken(change: impl FnOnce(&mut BTreeMap<String, String>)) -> Vec<String> {
    let mut files = mini();
    change(&mut files);
    match Pack::from_files(&files) {
        Ok(_) => Vec::new(),
        Err(diags) => diags
            .into_iter()
            .map(|d| match d.location {
                Some(l) => format!("{} @ {}", d.code, l),
                None => format!("{} @ (no location)", d.code),
            })
            .collect(),
    }
}

fn edit(files: &mut BTreeMap<String, String>, file: &str, from: &str, to: &str) {
    let text = files.get_mut(file).expect("file exists");
    assert!(text.contains(from), "{file} does not contain {from:?}");
    *text = text.replacen(from, to, 1);
}

#[test]
fn the_mini_pack_is_valid() {
    assert_eq!(broken(|_| {}), Vec::<String>::new());
}

#[test]
fn template_syntax() {
    let found = broken(|f| edit(f, "agreement/parties.md", "{{/if}}", "{{/iff}}"));
    assert_eq!(found, ["template-syntax @ agreement/parties.md:9:55"]);
}

#[test]
fn unknown_path_in_template() {
    let found = broken(|f| edit(f, "agreement/parties.md", "join parties", "join partys"));
    assert_eq!(found, ["unknown-option-path @ agreement/parties.md:8:25"]);
}

#[test]
fn unknown_path_inside_each() {
    let found = broken(|f| {
        edit(
            f,
            "agreement/costs-shares.md",
            "{{percent}}",
            "{{percentage}}",
        )
    });
    assert_eq!(
        found,
        ["unknown-option-path @ agreement/costs-shares.md:10:17"]
    );
}

#[test]
fn unknown_path_in_when() {
    let found = broken(|f| {
        edit(
            f,
            "agreement/recording-allowed.md",
            "recording.policy",
            "recording.polcy",
        )
    });
    // The variant that tested it no longer tests anything, so recording is ambiguous too.
    assert_eq!(
        found,
        [
            "unknown-option-path @ agreement/recording-allowed.md:5:10",
            "topic-ambiguous @ pack.toml:10:10",
        ]
    );
}

#[test]
fn unknown_value_in_when() {
    let found = broken(|f| {
        edit(
            f,
            "agreement/recording-prohibited.md",
            "\"prohibited\" }",
            "\"prohibitted\" }",
        )
    });
    assert_eq!(
        found,
        [
            "unknown-option-value @ agreement/recording-prohibited.md:5:10",
            "topic-uncovered @ pack.toml:10:10",
            "clause-never-selected @ agreement/recording-prohibited.md:5:1",
        ]
    );
}

#[test]
fn ref_to_a_missing_clause() {
    let found = broken(|f| {
        edit(
            f,
            "agreement/breakout-rooms.md",
            "ref \"recording\"",
            "ref \"recordings\"",
        )
    });
    assert_eq!(found, ["unknown-ref @ agreement/breakout-rooms.md:8:59"]);
}

#[test]
fn ref_to_a_clause_that_may_be_absent() {
    let found = broken(|f| {
        edit(
            f,
            "agreement/recording-prohibited.md",
            "{{#if breakout_rooms.enabled}}",
            "",
        );
        edit(f, "agreement/recording-prohibited.md", "{{/if}}", "");
    });
    assert_eq!(
        found,
        ["ref-absent @ agreement/recording-prohibited.md:9:48"]
    );
}

#[test]
fn duplicate_clause_ids() {
    let found = broken(|f| {
        let copy = f["agreement/costs-shares.md"].clone();
        f.insert("agreement/costs-shares-copy.md".into(), copy);
    });
    assert!(
        found.contains(&"duplicate-clause-id @ agreement/costs-shares.md:2:1".to_owned()),
        "{found:?}"
    );
}

#[test]
fn a_combination_without_a_variant() {
    let found = broken(|f| {
        edit(
            f,
            "agreement/costs-absorbed.md",
            ", \"requesting-party\"",
            "",
        )
    });
    assert_eq!(found, ["topic-uncovered @ pack.toml:12:10"]);
}

#[test]
fn a_combination_with_two_variants() {
    let found = broken(|f| {
        edit(
            f,
            "agreement/costs-absorbed.md",
            "\"requesting-party\"",
            "\"requesting-party\", \"stated-shares\"",
        )
    });
    assert_eq!(found, ["topic-ambiguous @ pack.toml:12:10"]);
}

#[test]
fn unknown_helpers_and_triple_braces() {
    let found = broken(|f| {
        edit(
            f,
            "agreement/recording-allowed.md",
            "A Recording",
            "{{upper \"a\"}} Recording {{{derived.platform_name}}}",
        );
    });
    assert_eq!(
        found,
        [
            "unknown-helper @ agreement/recording-allowed.md:9:1",
            "triple-braces @ agreement/recording-allowed.md:9:25",
        ]
    );
}

#[test]
fn unknown_spelling() {
    let found = broken(|f| {
        edit(
            f,
            "agreement/breakout-rooms.md",
            "spell \"organise\"",
            "spell \"organize\"",
        )
    });
    assert_eq!(
        found,
        ["unknown-spelling @ agreement/breakout-rooms.md:8:18"]
    );
}

#[test]
fn front_matter_problems() {
    let found = broken(|f| {
        edit(
            f,
            "agreement/parties.md",
            "title = \"Parties\"",
            "title = Parties",
        )
    });
    assert_eq!(
        found,
        [
            "pack-toml @ agreement/parties.md:3:9",
            "topic-without-clauses @ pack.toml:8:10"
        ]
    );
    let found = broken(|f| edit(f, "agreement/parties.md", "+++\nid", "id"));
    assert_eq!(
        found,
        [
            "front-matter-missing @ agreement/parties.md:1:1",
            "topic-without-clauses @ pack.toml:8:10"
        ]
    );
    let found = broken(|f| {
        edit(
            f,
            "agreement/parties.md",
            "sources = [\"Seoul Protocol on Video Conferencing in International Arbitration (2020)\"]",
            "sources = [\"Seoul Protocol\"]",
        )
    });
    assert_eq!(
        found,
        [
            "source-undated @ agreement/parties.md:6:13",
            "topic-without-clauses @ pack.toml:8:10"
        ]
    );
}

#[test]
fn pack_toml_problems() {
    let found = broken(|f| edit(f, "pack.toml", "version = \"1.0.0\"", "version = 1.0.0"));
    assert_eq!(found, ["pack-toml @ pack.toml:2:14"]);
    let found = broken(|f| {
        edit(
            f,
            "agreement/costs-shares.md",
            "topic = \"costs\"",
            "topic = \"cost\"",
        )
    });
    assert_eq!(
        found,
        [
            "unknown-topic @ agreement/costs-shares.md:4:1",
            "topic-uncovered @ pack.toml:12:10"
        ]
    );
}

#[test]
fn every_problem_is_reported_at_once() {
    let found = broken(|f| {
        edit(f, "agreement/parties.md", "join parties", "join partys");
        edit(
            f,
            "agreement/breakout-rooms.md",
            "spell \"organise\"",
            "spell \"organize\"",
        );
        edit(
            f,
            "agreement/costs-absorbed.md",
            ", \"requesting-party\"",
            "",
        );
    });
    assert_eq!(found.len(), 3, "{found:?}");
}

#[test]
fn a_clause_for_each_item_names_a_list_and_reads_its_items() {
    fn for_each(
        list: &'static str,
        body: &'static str,
    ) -> impl FnOnce(&mut BTreeMap<String, String>) {
        move |f: &mut BTreeMap<String, String>| {
            edit(
                f,
                "agreement/parties.md",
                "rationale =",
                &format!("for_each = \"{list}\"\nrationale ="),
            );
            edit(f, "agreement/parties.md", "These terms are between", body);
        }
    }
    assert_eq!(
        broken(for_each(
            "derived.recipients",
            "{{item.name}} for {{item.party}}:"
        )),
        Vec::<String>::new()
    );
    assert_eq!(
        broken(for_each("mediator.name", "Between")),
        ["for-each-not-a-list @ agreement/parties.md:5:1"]
    );
    assert_eq!(
        broken(for_each("derived.recipients", "{{item.nmae}}")),
        ["unknown-option-path @ agreement/parties.md:9:1"]
    );
    let numbered = broken(|f| {
        edit(
            f,
            "agreement/parties.md",
            "rationale =",
            "for_each = \"parties\"\nnumbered = true\nrationale =",
        );
    });
    // The clause is refused, so its topic has none left.
    assert_eq!(
        numbered,
        [
            "for-each-numbered @ agreement/parties.md:6:1",
            "topic-without-clauses @ pack.toml:8:10"
        ]
    );
}

#[test]
fn problems_in_an_else_if_are_reported_at_its_tag() {
    let found = broken(|f| {
        edit(
            f,
            "agreement/recording-prohibited.md",
            "{{/if}}",
            "\n{{else if breakout_rooms.enabledd}}Never.\n{{else}}Else.{{/if}}",
        )
    });
    assert_eq!(
        found,
        ["unknown-option-path @ agreement/recording-prohibited.md:10:1"]
    );
}

#[test]
fn helpers_are_used_as_the_table_says() {
    let found = broken(|f| {
        edit(
            f,
            "agreement/recording-allowed.md",
            "A Recording",
            "{{#eq recording.policy \"prohibited\"}}x{{/eq}} {{join}} {{if}} {{date case.date \"x\"}}\nA Recording",
        )
    });
    assert_eq!(
        found,
        [
            "unknown-helper @ agreement/recording-allowed.md:9:1",
            "helper-arguments @ agreement/recording-allowed.md:9:47",
            "unknown-helper @ agreement/recording-allowed.md:9:56",
            "helper-arguments @ agreement/recording-allowed.md:9:63",
        ]
    );
}

#[test]
fn a_block_closed_by_the_wrong_name_or_never_closed_names_its_opening() {
    let mut files = mini();
    edit(&mut files, "agreement/parties.md", "{{/if}}", "{{/iff}}");
    let diags = Pack::from_files(&files).expect_err("broken");
    let message = &diags.into_iter().next().expect("one").message;
    assert!(message.contains("opened at line 9"), "{message}");

    let found = broken(|f| edit(f, "agreement/parties.md", "{{/if}}", ""));
    assert_eq!(found, ["template-syntax @ agreement/parties.md:9:1"]);
}
