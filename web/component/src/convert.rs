//! The engine's types as the WIT records the host receives.
//!
//! Plain copies, field by field: the WIT types are generated from `wit/caucus.wit`, so a
//! field added on either side fails to compile here rather than going missing.

use caucus_core::pack::{Condition, Pack};
use caucus_core::{Diagnostics, Severity};

use crate::wit;

/// The one error converter: the engine's diagnostics as the `err` of a result. Never
/// empty, so a host always has something to show.
pub fn diagnostics(diagnostics: Diagnostics) -> Vec<wit::Diagnostic> {
    if diagnostics.is_empty() {
        return vec![wit::Diagnostic {
            code: "internal".to_owned(),
            severity: wit::Severity::Error,
            path: String::new(),
            message: "caucus failed without saying why".to_owned(),
            hint:
                "this is a bug in caucus-component: please report it with the input that caused it"
                    .to_owned(),
            citation: None,
            location: None,
        }];
    }
    diagnostics.iter().map(diagnostic).collect()
}

pub fn diagnostic(d: &caucus_core::Diagnostic) -> wit::Diagnostic {
    wit::Diagnostic {
        code: d.code.to_owned(),
        severity: match d.severity {
            Severity::Error => wit::Severity::Error,
            Severity::Warning => wit::Severity::Warning,
            Severity::Note => wit::Severity::Note,
        },
        path: d.path.clone(),
        message: d.message.clone(),
        hint: d.hint.clone(),
        citation: d.citation.as_ref().map(|c| wit::Citation {
            as_of: c.as_of.clone(),
            source: c.source.clone(),
        }),
        location: d.location.as_ref().map(|l| wit::Location {
            file: l.file.clone(),
            line: l.line,
            column: l.column,
        }),
    }
}

/// What `clauses` returns: the same view of the pack as the JS API's `clauses()`.
pub fn pack_info(pack: &Pack) -> wit::PackInfo {
    let clause_id = |index: &usize| pack.clauses.get(*index).map(|c| c.id.clone());
    wit::PackInfo {
        name: pack.name.clone(),
        version: pack.version.clone(),
        documents: pack
            .documents
            .iter()
            .map(|d| wit::DocumentInfo {
                id: d.id.clone(),
                title: d.title.clone(),
                numbered: d.numbered,
                when: condition(&d.when),
                topics: d
                    .topics
                    .iter()
                    .map(|t| wit::TopicInfo {
                        id: t.id.clone(),
                        when: condition(&t.when),
                        clauses: t.variants.iter().filter_map(clause_id).collect(),
                    })
                    .collect(),
            })
            .collect(),
        clauses: pack
            .clauses
            .iter()
            .map(|c| wit::ClauseInfo {
                id: c.id.clone(),
                document: c.document.clone(),
                topic: c.topic.clone(),
                title: c.title.clone(),
                when: condition(&c.when),
                rationale: c.rationale.clone(),
                sources: c.sources.clone(),
                // A clause without its own setting follows its document's.
                numbered: c
                    .numbered
                    .unwrap_or_else(|| pack.document(&c.document).is_none_or(|d| d.numbered)),
                file: c.file.clone(),
            })
            .collect(),
    }
}

fn condition(condition: &Condition) -> wit::Condition {
    wit::Condition {
        text: condition.to_string(),
        tests: condition
            .tests
            .iter()
            .map(|t| wit::ConditionTest {
                path: t.path.clone(),
                allowed: t.allowed.iter().map(ToString::to_string).collect(),
            })
            .collect(),
    }
}
