//! Scenario files: options in (`scenarios/*.toml`), every document out, checked as
//! snapshots (`snapshots/scenarios__*.snap`). Adding a case means adding a TOML file and
//! reviewing the new snapshot (`cargo insta review`, or `INSTA_UPDATE=always`).

use caucus_core::{Options, Pack};
use std::fmt::Write as _;

/// Everything a reviewer needs to judge a scenario: diagnostics, then each document.
fn render(options_toml: &str) -> String {
    let options = match Options::from_toml_str(options_toml) {
        Ok(o) => o,
        Err(d) => return format!("invalid options:\n{d}\n"),
    };
    let pack = Pack::builtin().expect("the built-in pack is valid");
    let assembly = match pack.assemble(&options) {
        Ok(a) => a,
        Err(d) => return format!("not assembled:\n{d}\n"),
    };
    let mut out = String::new();
    for d in &assembly.diagnostics {
        writeln!(out, "{d}").expect("string write");
    }
    for doc in &assembly.documents {
        writeln!(out, "\n======== {} ========\n", doc.kind).expect("string write");
        out.push_str(&doc.to_markdown());
    }
    out
}

#[test]
fn scenarios() {
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings.bind(|| {
        insta::glob!("scenarios/*.toml", |path| {
            let text = std::fs::read_to_string(path).expect("scenario file");
            insta::assert_snapshot!(render(&text));
        });
    });
}
