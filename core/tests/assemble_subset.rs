//! Assembling some documents gives them exactly as assembling all does, with the same
//! diagnostics, and `documents_for` names the documents a full assembly holds.

use caucus_core::{Options, Pack};

#[test]
fn a_subset_of_the_documents_is_the_same_as_in_the_whole() {
    let pack = Pack::builtin().expect("the built-in pack loads");
    let mut variants = vec![Options::default()];
    let mut consent = Options::default();
    consent.consent.express_risk_consent = true;
    consent.consent.law_firm = "Hartley & Moss LLP".into();
    consent.parties[0].attendees = vec![caucus_core::options::Attendee {
        name: "Ann Lee".into(),
        ..Default::default()
    }];
    variants.push(consent);
    for options in &variants {
        let all = pack.assemble(options).expect("the options assemble");
        let kinds: Vec<&str> = all.documents.iter().map(|d| d.kind.as_str()).collect();
        assert_eq!(pack.documents_for(options), kinds);
        for pair in [["agreement", "invitation"], ["agreement", "guide"]] {
            let some = pack
                .assemble_documents(options, &pair)
                .expect("the options assemble");
            assert_eq!(some.diagnostics, all.diagnostics);
            let expected: Vec<_> = all
                .documents
                .iter()
                .filter(|d| pair.contains(&d.kind.as_str()))
                .collect();
            assert_eq!(some.documents.iter().collect::<Vec<_>>(), expected);
        }
    }
}
