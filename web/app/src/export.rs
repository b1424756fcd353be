//! The files a mediator can download: each document in four formats, all of them in one
//! zip archive, and the options as JSON. Every byte comes from the engine's renderers.

use caucus_core::{Assembly, Document, Options};

/// A download format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Docx,
    Html,
    Markdown,
    Text,
}

impl Format {
    pub const ALL: [Format; 4] = [Format::Docx, Format::Html, Format::Markdown, Format::Text];

    /// The value used in the format select.
    pub fn key(self) -> &'static str {
        match self {
            Format::Docx => "docx",
            Format::Html => "html",
            Format::Markdown => "md",
            Format::Text => "txt",
        }
    }

    pub fn from_key(key: &str) -> Format {
        Format::ALL
            .into_iter()
            .find(|f| f.key() == key)
            .unwrap_or(Format::Docx)
    }

    /// How the format is named to a mediator.
    pub fn name(self) -> &'static str {
        match self {
            Format::Docx => "Word (.docx)",
            Format::Html => "Web page (.html)",
            Format::Markdown => "Markdown (.md)",
            Format::Text => "Plain text (.txt)",
        }
    }

    pub fn mime(self) -> &'static str {
        match self {
            Format::Docx => {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
            Format::Html => "text/html;charset=utf-8",
            Format::Markdown => "text/markdown;charset=utf-8",
            Format::Text => "text/plain;charset=utf-8",
        }
    }

    pub fn render(self, document: &Document) -> Vec<u8> {
        match self {
            Format::Docx => document.to_docx(),
            Format::Html => document.to_html_page().into_bytes(),
            Format::Markdown => document.to_markdown().into_bytes(),
            Format::Text => document.to_text().into_bytes(),
        }
    }
}

/// The start of every file name: the case reference made safe for file systems, or
/// "caucus" when there is none.
pub fn base_name(options: &Options) -> String {
    let safe: String = options
        .case
        .reference
        .trim()
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '-'
            }
        })
        .collect();
    let safe = safe.trim_matches(['-', '.']).to_owned();
    if safe.is_empty() {
        "caucus".to_owned()
    } else {
        safe
    }
}

/// `MED-2026-0147-agreement.docx`
pub fn file_name(options: &Options, document: &Document, format: Format) -> String {
    format!("{}-{}.{}", base_name(options), document.kind, format.key())
}

/// Every document in one format, as a zip archive made by the engine's own writer
/// (fixed timestamps and order, so the same documents give the same bytes).
pub fn archive(options: &Options, assembly: &Assembly, format: Format) -> Vec<u8> {
    let files: Vec<(String, Vec<u8>)> = assembly
        .documents
        .iter()
        .map(|document| {
            (
                file_name(options, document, format),
                format.render(document),
            )
        })
        .collect();
    caucus_core::render::zip_files(&files)
}

/// The options as pretty-printed JSON, ready to load again.
pub fn options_json(options: &Options) -> Result<String, String> {
    serde_json::to_string_pretty(options)
        .map(|mut json| {
            json.push('\n');
            json
        })
        .map_err(|e| format!("could not write the options as JSON: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_use_a_safe_case_reference() {
        let mut options = Options::default();
        assert_eq!(base_name(&options), "caucus");
        options.case.reference = " MED/2026 0147 ".into();
        assert_eq!(base_name(&options), "MED-2026-0147");
        options.case.reference = "../..".into();
        assert_eq!(base_name(&options), "caucus");
    }

    #[test]
    fn the_archive_holds_every_document_under_its_file_name() {
        let pack = caucus_core::Pack::builtin().expect("the built-in pack loads");
        let mut options = Options::default();
        options.case.reference = "MED-7".into();
        let assembly = pack.assemble(&options).expect("the defaults assemble");
        let zip = archive(&options, &assembly, Format::Markdown);
        assert_eq!(&zip[..4], b"PK\x03\x04");
        assert_eq!(
            zip,
            archive(&options, &assembly, Format::Markdown),
            "the same bytes"
        );
        let text = String::from_utf8_lossy(&zip);
        for document in &assembly.documents {
            assert!(text.contains(&format!("MED-7-{}.md", document.kind)));
        }
    }

    #[test]
    fn saved_options_load_again() {
        let mut options = Options::default();
        options.mediator.name = "Dana Q. Mediator".into();
        let json = options_json(&options).expect("options serialise");
        assert_eq!(
            Options::from_json_str(&json).expect("and read back"),
            options
        );
    }
}
