//! The fuzz targets' checks, on stable: every seed of `fuzz/seeds/` (real inputs and the
//! reproducers of what broke) goes through the same function its target calls under
//! libFuzzer (fuzz/src/lib.rs, included here), and each reproducer is also a test of
//! its own saying what broke and what must happen now. Large reproducers are generated
//! by the tests that need them (tests/cli_hostile.rs, web/wasm/tests/hostile.test.mjs).
//!
//! A crash the fuzzer finds goes into `fuzz/seeds/TARGET/` with a test below.

#[path = "../fuzz/src/lib.rs"]
#[allow(dead_code)]
mod checks;

use checks::Report;
use std::path::Path;

const SEEDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/fuzz/seeds");

/// A target's check, by the name of its seed folder.
fn check_of(target: &str) -> fn(&[u8]) -> Report {
    match target {
        "options" => checks::options,
        "pack" => checks::pack,
        "csv_rows" => checks::csv_rows,
        other => panic!("fuzz/seeds/{other} is not a fuzz target"),
    }
}

fn seed(target: &str, name: &str) -> Report {
    let path = Path::new(SEEDS).join(target).join(name);
    let data = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    check_of(target)(&data)
}

#[test]
fn every_seed_of_every_target_passes_its_checks() {
    let mut targets = 0;
    for target in std::fs::read_dir(SEEDS).expect("fuzz/seeds").flatten() {
        let name = target.file_name().to_string_lossy().into_owned();
        let check = check_of(&name);
        let mut documents = 0;
        let mut seeds = 0;
        for file in std::fs::read_dir(target.path())
            .expect("seed folder")
            .flatten()
        {
            let data = std::fs::read(file.path()).expect("seed");
            documents += check(&data).documents;
            seeds += 1;
        }
        // Some seeds get through to documents: the checks are not all refusals.
        assert!(
            seeds >= 5 && documents > 0,
            "{name}: {seeds} seeds, {documents} documents"
        );
        targets += 1;
    }
    assert_eq!(targets, 3);
}

// Issue 15, item 3: `id = "../../PWNED"` (or an absolute path) in pack.toml wrote the
// documents where the id pointed, outside the output folder. Ids are now checked at load.

#[test]
fn a_document_id_leading_out_of_the_folder_is_refused() {
    for name in [
        "issue15-document-id-traversal",
        "issue15-document-id-absolute",
    ] {
        let report = seed("pack", name);
        assert!(
            report.refused.contains(&"document-id".to_owned()),
            "{name}: {report:?}"
        );
        assert_eq!(report.documents, 0);
    }
}

#[test]
fn topic_and_clause_ids_with_separators_are_refused() {
    assert!(
        seed("pack", "issue15-topic-id-traversal")
            .refused
            .contains(&"topic-id".to_owned())
    );
    assert!(
        seed("pack", "issue15-clause-id-separator")
            .refused
            .contains(&"clause-id".to_owned())
    );
    // The pack they were broken from loads and assembles.
    assert!(seed("pack", "mini").documents > 0);
}

// Issue 15, item 6: YAML nested 100,000 levels took 40-59 s in the YAML parser; nesting
// past 64 levels is refused before it. (The 100-level seed stands for the big one.)

#[test]
fn deep_yaml_is_refused_before_the_parser() {
    let report = seed("options", "issue15-deep-yaml.yaml");
    // Refused as JSON, as TOML and as YAML: never assembled.
    assert_eq!(report.documents, 0);
    assert_eq!(report.refused, ["options-syntax"; 3]);
}

// Issue 15, item 7: a 50 MB value took gigabytes to render; text values over 10,000
// characters are refused with the option named.

#[test]
fn a_text_over_the_limit_is_refused() {
    let report = seed("options", "issue15-long-name.json");
    assert_eq!(report.refused[0], "text-too-long");
    assert_eq!(report.documents, 0);
}

// Issue 15, item 8: rows of CRLF files (and after blank lines) were reported a line too
// high up.

#[test]
fn csv_rows_are_reported_at_their_line() {
    assert_eq!(seed("csv_rows", "issue15-crlf.csv").lines, [2, 3, 4]);
    assert_eq!(
        seed("csv_rows", "quoted-newlines-and-blank-lines.csv").lines,
        [2, 6, 7]
    );
}

// Issue 15, item 9: bidi overrides and zero-width spaces went into documents and file
// names.

#[test]
fn invisible_characters_are_refused() {
    let report = seed("options", "issue15-bidi-name.json");
    assert_eq!(report.documents, 0);
    assert!(
        report.refused.contains(&"invisible-character".to_owned()),
        "{report:?}"
    );
    let report = seed("csv_rows", "issue15-bidi.csv");
    assert_eq!(
        report.refused,
        ["invisible-character", "invisible-character"],
        "{report:?}"
    );
    assert!(report.documents > 0, "the first row is fine");
}

// Issue 15, item 10: a BOM was refused in JSON, keys given twice were accepted in JSON
// and YAML (the last one winning), year 0000 was accepted ("1 January 0").

#[test]
fn json_toml_and_yaml_follow_one_rule() {
    assert!(seed("options", "issue15-bom.json").documents > 0);
    assert!(seed("csv_rows", "issue15-bom.csv").documents > 0);
    for name in ["issue15-duplicate-key.json", "issue15-duplicate-key.yaml"] {
        let report = seed("options", name);
        assert!(
            report.refused.contains(&"duplicate-key".to_owned()),
            "{name}: {report:?}"
        );
        assert_eq!(report.documents, 0, "{name}");
    }
    let report = seed("options", "issue15-year-0000.toml");
    assert!(
        report.refused.contains(&"invalid-value".to_owned()),
        "{report:?}"
    );
    assert_eq!(report.documents, 0);
}

// Found by the fuzzer (csv_rows): a quoted cell left open at the end of the file was
// placed on the line of the row before it, when rows' lines were counted back from where
// they end (a row with an open quote has no line end of its own). Lines now come from
// where each row starts, past any blank lines.

#[test]
fn a_quote_left_open_at_the_end_starts_on_its_own_line() {
    assert_eq!(
        seed("csv_rows", "crash-quote-open-at-the-end.csv").lines,
        [2, 3, 4]
    );
    assert_eq!(
        seed("csv_rows", "quote-open-after-blank-lines.csv").lines,
        [2, 5]
    );
}

#[test]
fn names_that_look_like_paths_stay_file_names() {
    // The check itself asserts that every name is one plain file name.
    let report = seed("csv_rows", "names-that-look-like-paths.csv");
    assert_eq!(report.lines, [2, 3, 4]);
}
