//! Names a pack gives that can reach a path (document, topic and clause ids) are
//! lower-case words joined by hyphens, or the pack does not load: a document id names a
//! folder and the files written for it, so `id = "../../PWNED"` once wrote outside the
//! output folder.

mod common;

use caucus_core::Pack;

/// Loads the mini pack with `from` replaced by `to` in `file`; every diagnostic as
/// `code @ file:line:column`.
fn load_with(file: &str, from: &str, to: &str) -> Vec<String> {
    let mut files = common::mini_files();
    let text = files.get_mut(file).expect("the file exists");
    assert!(text.contains(from), "{file} does not contain {from:?}");
    *text = text.replacen(from, to, 1);
    match Pack::from_files(&files) {
        Ok(_) => Vec::new(),
        Err(diagnostics) => diagnostics
            .into_iter()
            .map(|d| match &d.location {
                Some(l) => format!("{} @ {l}", d.code),
                None => format!("{} @ (no location)", d.code),
            })
            .collect(),
    }
}

#[test]
fn document_ids_that_lead_out_of_a_folder_are_refused_where_they_are_written() {
    for id in [
        "../../PWNED",
        "/tmp/PWNED",
        "a/b",
        "a\\\\b",
        "..",
        ".hidden",
        "Agreement",
    ] {
        let found = load_with("pack.toml", "id = \"agreement\"", &format!("id = \"{id}\""));
        assert!(
            found.contains(&"document-id @ pack.toml:5:6".to_owned()),
            "{id}: {found:?}"
        );
        // The clause files of the folder now belong to no document, and say so.
        assert!(
            found
                .iter()
                .all(|d| d.starts_with("document-id") || d.starts_with("clause-outside-document")),
            "{id}: {found:?}"
        );
    }
    let literal = load_with("pack.toml", "id = \"agreement\"", "id = '../x'");
    assert!(
        literal.contains(&"document-id @ pack.toml:5:6".to_owned()),
        "{literal:?}"
    );
}

#[test]
fn topic_and_clause_ids_are_checked_too() {
    let found = load_with(
        "pack.toml",
        "{ id = \"parties\" }",
        "{ id = \"../parties\" }",
    );
    assert!(
        found.contains(&"topic-id @ pack.toml:8:10".to_owned()),
        "{found:?}"
    );
    let found = load_with("agreement/parties.md", "id = \"parties\"", "id = \"a--b\"");
    assert!(
        found.contains(&"clause-id @ agreement/parties.md:2:1".to_owned()),
        "{found:?}"
    );
}

#[test]
fn the_diagnostic_says_what_an_id_may_be() {
    let mut files = common::mini_files();
    let pack = files.get_mut("pack.toml").expect("pack.toml");
    *pack = pack.replacen("id = \"agreement\"", "id = \"/etc\"", 1);
    let diagnostics = Pack::from_files(&files).expect_err("refused");
    let d = diagnostics
        .iter()
        .find(|d| d.code == "document-id")
        .expect("a document-id diagnostic");
    assert_eq!(d.message, "`/etc` is not a valid document id");
    assert!(d.hint.contains("lower-case words"), "{}", d.hint);
}
