//! Packs built to exhaust the stack of the recursive parsers are refused before any of
//! them sees the nesting, with the place where it goes too deep (issue 15, items 1-2).
//!
//! Before the guard counted every form of nesting, 20,000 levels of subexpressions split
//! across lines aborted the process at once; 100,000 levels of `{{~#if` (or `{{ #if`)
//! and 100,000 `{{else if}}` links aborted after up to two minutes; in WebAssembly the
//! module trapped and stayed unusable. The fixtures are generated here, from the valid
//! `fixtures/mini` pack. No test is timed: the scan is one linear pass.

mod common;

use caucus_core::pack::nesting::{MAX_NESTING, MAX_TAGS, MAX_TEMPLATE_BYTES};
use caucus_core::{Options, Pack};
use std::collections::BTreeMap;

/// The line of `agreement/recording-allowed.md` that its body starts on.
const BODY_LINE: usize = 9;

/// Loads the mini pack with `body` appended to the body of
/// `agreement/recording-allowed.md`; every diagnostic as `code @ file:line:column`.
fn with_body(body: &str) -> Vec<String> {
    let mut files = common::mini_files();
    let file = files
        .get_mut("agreement/recording-allowed.md")
        .expect("the mini pack has it");
    assert!(file.ends_with("A Recording needs the consent of all Parties.\n"));
    file.push_str(body);
    diagnostics(&files)
}

fn diagnostics(files: &BTreeMap<String, String>) -> Vec<String> {
    match Pack::from_files(files) {
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

fn too_deep_at(line: usize, column: usize) -> Vec<String> {
    vec![format!(
        "pack-nesting-too-deep @ agreement/recording-allowed.md:{line}:{column}"
    )]
}

#[test]
fn subexpressions_split_across_lines() {
    // `{{#if` on the body's second line, then one `(not` per line.
    let levels = 20_000;
    let body = format!(
        "{{{{#if\n{}breakout_rooms.enabled{}}}}}x{{{{/if}}}}\n",
        "(not\n".repeat(levels),
        ")".repeat(levels)
    );
    // The first parenthesis past the limit is on its own line.
    let line = BODY_LINE + 1 + MAX_NESTING + 1;
    assert_eq!(with_body(&body), too_deep_at(line, 1));
}

#[test]
fn blocks_in_every_spelling() {
    let forms = [
        "{{#if a}}",
        "{{ #if a}}",
        "{{~#if a}}",
        "{{~ #if a}}",
        "{{\n#each b}}",
    ];
    let levels = 100_000;
    let mut body = String::new();
    for i in 0..levels {
        body.push_str(forms[i % forms.len()]);
        body.push('\n');
    }
    // Block k (from 1) opens on body line k + 1; the last form spans two lines, so
    // count the line breaks before the first block past the limit.
    let before: usize = (0..MAX_NESTING)
        .map(|i| 1 + forms[i % forms.len()].matches('\n').count())
        .sum();
    assert_eq!(with_body(&body), too_deep_at(BODY_LINE + 1 + before, 1));
    // `{{~#if` alone, all on one line.
    let body = "{{~#if a}}".repeat(levels);
    assert_eq!(
        with_body(&body),
        too_deep_at(BODY_LINE + 1, 1 + "{{~#if a}}".len() * MAX_NESTING)
    );
}

#[test]
fn else_if_links_each_count_as_a_level() {
    let links = 100_000;
    let body = format!(
        "{{{{#if breakout_rooms.enabled}}}}\nA\n{}{{{{/if}}}}\n",
        "{{else if breakout_rooms.broadcasts}}\nB\n".repeat(links)
    );
    // The block is one level, so link MAX_NESTING is the first too many; link k starts
    // body line 2k + 1.
    let line = BODY_LINE + 1 + 2 * MAX_NESTING;
    assert_eq!(with_body(&body), too_deep_at(line, 1));
}

#[test]
fn comments_and_quoted_text_neither_hide_nor_add_levels() {
    // Closing tags inside a comment or a quoted text close nothing.
    let unit = "{{#if breakout_rooms.enabled}}{{!-- {{/if}} --}}{{! {{/if}} }}";
    assert_eq!(
        with_body(&unit.repeat(200)),
        too_deep_at(BODY_LINE + 1, 1 + MAX_NESTING * unit.len())
    );
    // The hundred-and-first block's parenthesis is already too deep.
    let unit = "{{#if (eq recording.policy \"{{/if}}\")}}";
    assert_eq!(
        with_body(&unit.repeat(200)),
        too_deep_at(
            BODY_LINE + 1,
            1 + MAX_NESTING * unit.len() + unit.find('(').expect("(")
        )
    );
    // Blocks inside comments, or escaped, are not blocks: a valid pack.
    let commented = format!("{{{{!-- {} --}}}}\n", "{{#if a}}(".repeat(3_000));
    assert_eq!(with_body(&commented), Vec::<String>::new());
    let escaped = "\\{{#if a}}".repeat(1_000);
    assert_eq!(with_body(&escaped), Vec::<String>::new());
}

#[test]
fn an_unclosed_long_comment_is_refused_where_it_opens() {
    // handlebars would search the rest of the text for `--}}` from each such comment, and
    // then read it as `{{! ... }}`: quadratic time on many of them.
    let body = format!("x\n{}\n", "{{!-- a }}".repeat(200_000));
    assert_eq!(
        with_body(&body),
        [format!(
            "template-syntax @ agreement/recording-allowed.md:{}:1",
            BODY_LINE + 2
        )]
    );
}

#[test]
fn templates_too_large_to_compile_quickly() {
    // handlebars' compile time grows with tags times length: 16,000 tags in 200 KB took
    // 26 s. A template is refused past either limit, where it crosses it.
    let body = "{{case.reference}}\n".repeat(MAX_TAGS + 1);
    let line = BODY_LINE + 1 + MAX_TAGS;
    assert_eq!(
        with_body(&body),
        [format!(
            "pack-template-too-large @ agreement/recording-allowed.md:{line}:1"
        )]
    );
    // The body's first line, then one long line of words.
    let first = "A Recording needs the consent of all Parties.\n".len();
    let body = format!("{}\n", "word ".repeat(MAX_TEMPLATE_BYTES / 5));
    assert_eq!(
        with_body(&body),
        [format!(
            "pack-template-too-large @ agreement/recording-allowed.md:{}:{}",
            BODY_LINE + 1,
            MAX_TEMPLATE_BYTES - first + 1
        )]
    );
    // Just within both: accepted.
    let body = "{{case.reference}}\n".repeat(MAX_TAGS - 1);
    assert_eq!(with_body(&body), Vec::<String>::new());
}

#[test]
fn markdown_quotes_and_lists() {
    let body = format!("\n{}deep\n", "> ".repeat(100_000));
    assert_eq!(with_body(&body), too_deep_at(BODY_LINE + 2, 1));
    let body = format!("\n{}deep\n", "- ".repeat(100_000));
    assert_eq!(with_body(&body), too_deep_at(BODY_LINE + 2, 1));
}

#[test]
fn templates_in_toml_strings_are_measured_as_toml_reads_them() {
    // In terms.toml, `\"` and `\n` are TOML escapes: the template holds a quote and a
    // line break, which the scan must see as handlebars will.
    let mut files = common::mini_files();
    let deep = "{{#if (eq recording.policy \\\"prohibited\\\")}}".repeat(MAX_NESTING + 1);
    let terms = files.get_mut("terms.toml").expect("terms.toml");
    *terms = terms.replace(
        "definition = \"a private room on the Platform.\"",
        &format!("definition = \"a private room on the Platform.{deep}\""),
    );
    let found = diagnostics(&files);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].starts_with("pack-nesting-too-deep @ terms.toml:"),
        "{found:?}"
    );

    let mut files = common::mini_files();
    let quotes = "> ".repeat(100_000);
    let terms = files.get_mut("terms.toml").expect("terms.toml");
    *terms = terms.replace(
        "definition = \"any record of sound or image.\"",
        &format!("definition = \"any record\\n{quotes} of sound or image.\""),
    );
    let found = diagnostics(&files);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].starts_with("pack-nesting-too-deep @ terms.toml:"),
        "{found:?}"
    );
}

#[test]
fn forms_the_scan_cannot_follow_are_refused_where_they_are() {
    for (body, code, column) in [
        ("{{{{raw}}}} {{x \"{{{{/raw}}}}", "unsupported-template", 1),
        ("ab {{> clause}}", "unsupported-template", 4),
        ("{{parties.[0].name}}", "unsupported-template", 11),
        ("{{join [\"a\"]}}", "unsupported-template", 8),
        ("{{mediator.name} {{case.reference}}", "template-syntax", 18),
    ] {
        let found = with_body(body);
        let expected = format!(
            "{code} @ agreement/recording-allowed.md:{}:{column}",
            BODY_LINE + 1
        );
        assert_eq!(found, [expected], "{body}");
    }
}

/// The deepest templates accepted load, render and are dropped on a thread with half a
/// test thread's stack, in a debug build (which needs about 700 KiB for them): the limit
/// leaves the recursive code room. Release builds need far less (see `MAX_NESTING`).
#[test]
fn the_deepest_accepted_templates_fit_a_small_stack() {
    let levels = MAX_NESTING;
    let blocks = format!(
        "{}blocksdeep{}\n",
        "{{#if breakout_rooms.enabled}}".repeat(levels),
        "{{/if}}".repeat(levels)
    );
    // The block and its links make `levels` levels; every test is false.
    let links = format!(
        "{{{{#if breakout_rooms.broadcasts}}}}A{}{{{{else}}}}linksend{{{{/if}}}}\n",
        "{{else if breakout_rooms.broadcasts}}A".repeat(levels - 1)
    );
    let subexpressions = format!(
        "{{{{#if {}breakout_rooms.enabled{}}}}}parenseven{{{{/if}}}}\n",
        "(not ".repeat(levels),
        ")".repeat(levels)
    );
    for (body, marker) in [
        (blocks, "blocksdeep"),
        (links, "linksend"),
        (subexpressions, "parenseven"),
    ] {
        let run = std::thread::Builder::new()
            .stack_size(1024 * 1024)
            .spawn(move || {
                let mut files = common::mini_files();
                files
                    .get_mut("agreement/recording-allowed.md")
                    .expect("the mini pack has it")
                    .push_str(&body);
                let pack = Pack::from_files(&files).map_err(|d| format!("{d:?}"))?;
                let mut options = Options::default();
                options.recording.policy = caucus_core::options::RecordingPolicy::ConsentOfAll;
                options.breakout_rooms.broadcasts = false;
                let assembly = pack.assemble(&options).map_err(|d| format!("{d:?}"))?;
                let agreement = assembly.document("agreement").ok_or("no agreement")?;
                Ok::<String, String>(agreement.to_markdown())
            })
            .expect("thread");
        let markdown = run.join().expect("no overflow").expect("loads and renders");
        assert!(markdown.contains(marker), "{markdown}");
    }
}
