//! Documents built by hand for the renderer tests (independent of the clause pack).

#![allow(dead_code)]

use caucus_core::options::Locale;
use caucus_core::{Clause, Definition, Document, Options, Pack};
use std::io::Read;

/// One part of a .docx package, as text.
pub fn docx_part(docx: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("a .docx is a zip");
    let mut file = archive
        .by_name(name)
        .unwrap_or_else(|e| panic!("{name} in the package: {e}"));
    let mut text = String::new();
    file.read_to_string(&mut text).expect("parts are UTF-8");
    text
}

pub fn clause(number: Option<u32>, id: &str, title: &str, body: &str) -> Clause {
    Clause {
        id: id.to_owned(),
        topic: id.split('-').next().unwrap_or(id).to_owned(),
        number,
        title: title.to_owned(),
        body: body.to_owned(),
        edited: false,
    }
}

/// A realistic agreement: definitions, lettered sub-paragraphs, bullets, emphasis,
/// cross-references, a nested list.
pub fn agreement(locale: Locale) -> Document {
    let clauses = vec![
        clause(
            Some(1),
            "introduction",
            "Introduction",
            "These terms form part of the Mediation Agreement between the Parties and the \
             Mediator. They apply to every Session held by video, and to any part of a \
             Session in which one or more participants join by video.",
        ),
        clause(
            Some(2),
            "definitions",
            "Definitions",
            "In these terms:\n\n\
             **Breakout Room** means a separate virtual room within the Platform in which \
             the Mediator meets one Party in private.\n\n\
             **Platform** means the video-conferencing service named in clause 4.\n\n\
             **Session** means any meeting held under the Mediation Agreement.",
        ),
        clause(
            Some(3),
            "consent-to-video",
            "Consent to mediation by video",
            "Each Party agrees that the mediation may take place by video and confirms \
             that:\n\n\
             1. it has read clause 6 (Recording) and clause 7 (Confidentiality);\n\
             2. it has a private room, free from interruption, for the whole Session; and\n\
             3. it will tell the Mediator at once if anyone else joins it in that room.",
        ),
        clause(
            Some(4),
            "platform-mediator-account",
            "The Platform",
            "The Mediator will host each Session on *Zoom*, using an account the Mediator \
             controls. Each participant should:\n\n\
             - install the latest version of the application before the Session;\n\
             - test their camera, microphone and connection in advance; and\n\
             - keep a telephone nearby in case the connection fails.",
        ),
        clause(
            Some(5),
            "security",
            "Security",
            "The Mediator will admit participants from a waiting room and lock the meeting \
             once everyone expected has joined. The Mediator may remove anyone who was not \
             invited.",
        ),
        clause(
            Some(6),
            "recording-prohibited",
            "Recording",
            "No participant may record any part of a Session, by any means, including:\n\n\
             1. the recording function of the Platform;\n\
             2. any other device or software, such as:\n\
             \x20  1. a second telephone or camera; or\n\
             \x20  2. screen-capture software;\n\
             3. a transcript made by any person or service.\n\n\
             A breach of this clause is also a breach of clause 7.",
        ),
        clause(
            Some(7),
            "status-and-confidentiality",
            "Confidentiality",
            "Everything said or written in a Session is confidential and **without \
             prejudice**, whether it is said in the main room or in a Breakout Room. \
             The Parties' obligations under this clause survive the end of the mediation.",
        ),
        clause(
            Some(8),
            "technical-failure",
            "Technical failure",
            "If the connection of any participant fails, the Mediator will pause the \
             Session and try to reconnect for up to 15 minutes. If the connection cannot \
             be restored, the Mediator may continue by telephone, adjourn the Session, or \
             end it, after consulting the Parties.",
        ),
    ];
    Document {
        kind: "agreement".to_owned(),
        title: "Video Mediation Terms".to_owned(),
        locale,
        clauses,
        definitions: vec![
            Definition {
                term: "Breakout Room".to_owned(),
                definition: "a separate virtual room within the Platform".to_owned(),
            },
            Definition {
                term: "Platform".to_owned(),
                definition: "the video-conferencing service named in clause 4".to_owned(),
            },
        ],
    }
}

/// A document of `n` numbered clauses, each with a paragraph and a lettered list.
pub fn long(n: u32) -> Document {
    let clauses = (1..=n)
        .map(|i| {
            clause(
                Some(i),
                &format!("clause-{i}"),
                &format!("Heading number {i}"),
                &format!(
                    "This is the body of clause {i}. It refers to clause {} and explains \
                     what each Party must do before, during and after every Session, in \
                     sentences long enough to wrap.\n\n\
                     1. first, the Party must do one thing;\n\
                     2. second, the Party must do another thing; and\n\
                     3. third, the Party must tell the Mediator.",
                    (i % n) + 1
                ),
            )
        })
        .collect();
    Document {
        kind: "agreement".to_owned(),
        title: format!("A document of {n} clauses"),
        locale: Locale::EnGb,
        clauses,
        definitions: Vec::new(),
    }
}

/// An unnumbered document, like the invitation messages.
pub fn invitation() -> Document {
    Document {
        kind: "invitation".to_owned(),
        title: "Invitation messages".to_owned(),
        locale: Locale::EnUs,
        clauses: vec![
            clause(
                None,
                "invitation-parties",
                "To the parties",
                "Dear Jane Doe,\n\nThe mediation will take place by video on *Tuesday \
                 1 December 2026* at 10:00. Before then, please:\n\n\
                 1. read the enclosed terms; and\n\
                 2. test your connection.\n\nWith best wishes,  \nThe Mediator",
            ),
            clause(
                None,
                "invitation-experts",
                "To experts and other attendees",
                "You have been invited to join part of a mediation by video.\n\n\
                 1. Keep everything you hear confidential.\n\
                 2. Do not record anything.",
            ),
            clause(
                None,
                "signoff",
                "",
                "Questions? Write to <mediator@example.org>.",
            ),
        ],
        definitions: Vec::new(),
    }
}

/// Every hostile string we know of, in titles and bodies.
pub const HOSTILE: &[&str] = &[
    "*Acme*",
    "# Heading",
    "<script>alert(1)</script>",
    "[x](javascript:alert(1))",
    "<img src=x onerror=alert(1)>",
    "[y](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![z](https://tracker.example/pixel.png)",
    "<a href=\"javascript:alert(1)\">click</a>",
    "{{mediator.name}}",
    "<!-- comment --> <svg onload=alert(1)>",
    "[w]: javascript:alert(1)\n\n[w]",
    "<javascript:alert(1)>",
    "` <b>code</b> `",
    "\"><iframe src=//evil>",
];

/// A document whose title, clause titles and clause bodies carry the hostile strings.
pub fn hostile() -> Document {
    let clauses = HOSTILE
        .iter()
        .enumerate()
        .map(|(i, text)| clause(Some(i as u32 + 1), &format!("hostile-{i}\"><x"), text, text))
        .collect();
    Document {
        kind: "agreement".to_owned(),
        title: HOSTILE.join(" "),
        locale: Locale::EnGb,
        clauses,
        definitions: Vec::new(),
    }
}

/// The only tags the HTML of a document may hold.
pub const ALLOWED_HTML_TAGS: &[&str] = &[
    "article",
    "section",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "span",
    "p",
    "em",
    "strong",
    "code",
    "pre",
    "ol",
    "ul",
    "li",
    "a",
    "br",
    "blockquote",
    "hr",
];

/// Every document of every scenario file that assembles, with the file it came from.
pub fn scenario_documents() -> Vec<(std::path::PathBuf, Document)> {
    let pack = Pack::builtin().expect("the built-in pack is valid");
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/scenarios");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .expect("scenarios folder")
        .map(|entry| entry.expect("entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "toml"))
        .collect();
    paths.sort();
    let mut documents = Vec::new();
    for path in paths {
        let text = std::fs::read_to_string(&path).expect("scenario file");
        let Ok(options) = Options::from_toml_str(&text) else {
            continue;
        };
        let Ok(assembly) = pack.assemble(&options) else {
            continue;
        };
        for doc in assembly.documents {
            documents.push((path.clone(), doc));
        }
    }
    assert!(
        documents.len() > 20,
        "only {} scenario documents",
        documents.len()
    );
    documents
}
