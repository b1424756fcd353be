//! Assembly over the small fixture pack: selection, numbering, cross-references,
//! definitions and escaping, independent of the built-in pack's wording.

mod common;

use caucus_core::{Options, Pack};

fn mini() -> Pack {
    Pack::from_files(mini_files()).expect("the mini pack is valid")
}

fn mini_files() -> Vec<(String, String)> {
    common::mini_files().into_iter().collect()
}

fn options(json: &str) -> Options {
    Options::from_json_str(json).expect("valid options")
}

fn headings(pack: &Pack, o: &Options) -> Vec<String> {
    let assembly = pack.assemble(o).expect("assembles");
    let doc = assembly.document("agreement").expect("agreement");
    doc.clauses
        .iter()
        .map(|c| format!("{}. {}", c.number.unwrap_or(0), c.title))
        .collect()
}

#[test]
fn clauses_are_selected_and_numbered_in_topic_order() {
    let pack = mini();
    assert_eq!(
        headings(&pack, &Options::default()),
        [
            "1. Parties",
            "2. Definitions",
            "3. Recording",
            "4. Breakout Rooms",
            "5. Costs"
        ]
    );
    assert_eq!(
        headings(
            &pack,
            &options(
                r#"{"breakout_rooms": {"enabled": false}, "recording": {"policy": "consent-of-all"}}"#
            )
        ),
        [
            "1. Parties",
            "2. Definitions",
            "3. Recording with consent",
            "4. Costs"
        ]
    );
}

#[test]
fn cross_references_follow_the_numbering() {
    let pack = mini();
    let assembly = pack.assemble(&Options::default()).expect("assembles");
    let doc = assembly.document("agreement").expect("agreement");
    let body = |id: &str| {
        doc.clauses
            .iter()
            .find(|c| c.id == id)
            .map(|c| c.body.clone())
            .expect("clause present")
    };
    assert!(body("recording-prohibited").contains("This applies in clause 4 too."));
    assert!(body("breakout-rooms").contains("See clause 3."));
}

#[test]
fn a_document_may_name_its_parts_sections() {
    let mut files = mini_files();
    for (path, text) in &mut files {
        if path == "pack.toml" {
            *text = text.replace("topics = [", "reference = \"section\"\ntopics = [");
        }
    }
    let pack = Pack::from_files(files).expect("valid");
    let assembly = pack.assemble(&Options::default()).expect("assembles");
    let doc = assembly.document("agreement").expect("agreement");
    assert!(
        doc.clauses[3].body.contains("See section 3."),
        "{}",
        doc.clauses[3].body
    );
}

#[test]
fn definitions_hold_exactly_the_terms_used() {
    let pack = mini();
    let terms = |o: &Options| -> Vec<String> {
        let assembly = pack.assemble(o).expect("assembles");
        let doc = assembly.document("agreement").expect("agreement");
        doc.definitions.iter().map(|d| d.term.clone()).collect()
    };
    // "Platform" is used only by the definition of "Breakout Room".
    assert_eq!(
        terms(&Options::default()),
        ["Breakout Room", "Party", "Platform", "Recording"]
    );
    assert_eq!(
        terms(&options(r#"{"breakout_rooms": {"enabled": false}}"#)),
        ["Party", "Recording"]
    );
    let assembly = pack.assemble(&Options::default()).expect("assembles");
    let definitions = &assembly.document("agreement").expect("agreement").clauses[1];
    assert_eq!(
        definitions.body,
        "In these Terms:\n\n- **Breakout Room** means a private room on the Platform.\n- **Party** means each of Party A and Party B.\n- **Platform** means Zoom.\n- **Recording** means any record of sound or image."
    );
}

#[test]
fn typed_values_stay_literal() {
    let pack = mini();
    let o = options(
        r#"{"parties": [{"name": "*Acme* <script>alert(1)</script>"}, {"name": "[x](javascript:alert(1)) {{mediator.name}}"}],
            "costs": {"allocation": "stated-shares", "shares": [60, 40]}}"#,
    );
    let assembly = pack.assemble(&o).expect("assembles");
    let doc = assembly.document("agreement").expect("agreement");
    let html = doc.to_html();
    assert!(!html.contains("<script"), "{html}");
    assert!(!html.contains("<a "), "{html}");
    assert!(
        html.contains("*Acme* &lt;script&gt;alert(1)&lt;/script&gt;"),
        "{html}"
    );
    assert!(html.contains("{{mediator.name}}"), "{html}");
    let text = doc.to_text();
    assert!(
        text.contains("*Acme* <script>alert(1)</script> pays 60%."),
        "{text}"
    );
}

#[test]
fn option_errors_block_assembly_and_come_together() {
    let pack = mini();
    let o = options(
        r#"{"parties": [{"name": ""}], "costs": {"allocation": "stated-shares", "shares": [70]}}"#,
    );
    let errors = pack.assemble(&o).expect_err("invalid");
    let codes: Vec<&str> = errors
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.code)
        .collect();
    assert_eq!(
        codes,
        ["too-few-parties", "party-name-missing", "cost-shares-total"]
    );
}

#[test]
fn the_same_options_give_the_same_bytes() {
    let pack = mini();
    let o = options(r#"{"case": {"date": "2026-12-01", "locale": "en-US"}}"#);
    let a = pack.assemble(&o).expect("assembles");
    let b = pack.assemble(&o).expect("assembles");
    assert_eq!(a, b);
    let doc = a.document("agreement").expect("agreement");
    assert!(doc.clauses[0].body.contains("December 1, 2026"));
    assert!(doc.clauses[3].body.contains("organize"));
}
