//! `caucus generate`: one set of options → one document (or all of them) in one format.

use crate::cli::{DocumentChoice, Format, GenerateArgs};
use crate::input::Source;
use crate::output;
use crate::pack;
use anyhow::{Result, anyhow, bail};
use caucus_core::{Assembly, Diagnostic, Document, Options, Pack};
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub fn run(args: &GenerateArgs) -> Result<ExitCode> {
    let source = args
        .file
        .as_deref()
        .map(|path| Source::read(path, args.input_format))
        .transpose()?;
    let options = match &source {
        None => Options::default(),
        Some(s) => s.options().map_err(|d| options_error(Some(s), &d.0))?,
    };
    let pack = pack::load_or_fail(args.pack.clauses.as_deref())?;
    let pack = pack.get();
    let choice = args.document.clone().unwrap_or(match args.format {
        Format::Json => DocumentChoice::All,
        _ => DocumentChoice::One("agreement".to_owned()),
    });
    choice.ids(pack)?;
    let assembly = pack
        .assemble(&options)
        .map_err(|d| options_error(source.as_ref(), &d.0))?;
    for d in &assembly.diagnostics {
        eprintln!(
            "caucus: {}",
            describe(source.as_ref(), std::slice::from_ref(d))
        );
    }

    let documents = select(pack, &assembly, &choice)?;
    let to_stdout = args.output.as_deref().is_none_or(|p| p.as_os_str() == "-");

    if to_stdout {
        if args.format == Format::Docx && args.output.is_none() {
            bail!(
                "Word output is a binary file: give -o FILE.docx (or -o - to write it to stdout)"
            );
        }
        let bytes = match (args.format, documents.as_slice()) {
            (Format::Json, docs) => assembly_json(docs, &assembly.diagnostics),
            (_, [doc]) => render(doc, args.format),
            (Format::Md | Format::Txt, docs) => docs
                .iter()
                .map(|d| render(d, args.format))
                .collect::<Vec<_>>()
                .join(&b"\n"[..]),
            (_, _) => bail!(
                "--document all writes one {} file per document: give -o with a folder \
                 (out/) or a name containing {{document}} (out/{{document}}.{})",
                args.format.extension(),
                args.format.extension()
            ),
        };
        output::write_stdout(&bytes)?;
        return Ok(ExitCode::SUCCESS);
    }

    let target = args.output.as_deref().unwrap_or(Path::new("-"));
    let writes: Vec<(PathBuf, Vec<u8>)> = if choice != DocumentChoice::All {
        let doc = documents
            .first()
            .ok_or_else(|| anyhow!("no document was assembled"))?;
        let bytes = match args.format {
            Format::Json => assembly_json(&documents, &assembly.diagnostics),
            format => render(doc, format),
        };
        let path = if is_folder(target) || is_template(target) {
            per_document(target, doc, args.format)?
        } else {
            target.to_path_buf()
        };
        vec![(path, bytes)]
    } else if args.format == Format::Json && !is_folder(target) && !is_template(target) {
        vec![(
            target.to_path_buf(),
            assembly_json(&documents, &assembly.diagnostics),
        )]
    } else {
        documents
            .iter()
            .map(|doc| {
                Ok((
                    per_document(target, doc, args.format)?,
                    render(doc, args.format),
                ))
            })
            .collect::<Result<_>>()?
    };
    if !args.force {
        // Check every target first, so that a refusal writes nothing at all.
        for (path, _) in &writes {
            if path.exists() {
                bail!(
                    "{} already exists; use --force to overwrite it",
                    path.display()
                );
            }
        }
    }
    for (path, bytes) in &writes {
        if let Some(dir) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .map_err(|e| anyhow!("cannot create the folder {}: {e}", dir.display()))?;
        }
        output::write_atomic(path, bytes, args.force)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The documents the user asked for, or an error saying why one is absent: the pack has
/// no such document, or these options do not call for it.
fn select<'a>(
    pack: &Pack,
    assembly: &'a Assembly,
    choice: &DocumentChoice,
) -> Result<Vec<&'a Document>> {
    let Some(id) = choice.id() else {
        return Ok(assembly.documents.iter().collect());
    };
    match pack.document_in(assembly, id) {
        Ok(doc) => Ok(vec![doc]),
        Err(d) => bail!("--document {id}: {}", crate::cli::sentences(&d)),
    }
}

/// The bytes of one document in one format.
pub fn render(doc: &Document, format: Format) -> Vec<u8> {
    match format {
        Format::Md => doc.to_markdown().into_bytes(),
        Format::Html => doc.to_html_page().into_bytes(),
        Format::Txt => doc.to_text().into_bytes(),
        Format::Docx => doc.to_docx(),
        Format::Json => doc.to_json().into_bytes(),
    }
}

/// `{ "documents": [...], "diagnostics": [...] }`, the shape of an assembly.
fn assembly_json(documents: &[&Document], diagnostics: &[Diagnostic]) -> Vec<u8> {
    #[derive(Serialize)]
    struct Shown<'a> {
        documents: &'a [&'a Document],
        diagnostics: &'a [Diagnostic],
    }
    let mut text = serde_json::to_string_pretty(&Shown {
        documents,
        diagnostics,
    })
    .unwrap_or_default();
    text.push('\n');
    text.into_bytes()
}

fn is_template(path: &Path) -> bool {
    path.to_string_lossy().contains("{document}")
}

fn is_folder(path: &Path) -> bool {
    path.is_dir()
        || path
            .to_string_lossy()
            .ends_with(['/', std::path::MAIN_SEPARATOR])
}

/// Where one of several documents goes: `{document}` replaced, or `FOLDER/kind.ext`.
/// The document id comes from the pack: it may only name a file in the folder given.
fn per_document(target: &Path, doc: &Document, format: Format) -> Result<PathBuf> {
    if is_template(target) {
        if !output::is_plain_name(&doc.kind) {
            bail!(
                "the document id {:?} cannot be part of a file name",
                doc.kind
            );
        }
        return Ok(PathBuf::from(
            target.to_string_lossy().replace("{document}", &doc.kind),
        ));
    }
    if is_folder(target) {
        return output::file_in(target, &format!("{}.{}", doc.kind, format.extension()));
    }
    bail!(
        "--document all writes one file per document, so -o must be a folder (out/) or a \
         name containing {{document}} (out/{{document}}.{}); {} is neither",
        format.extension(),
        target.display()
    )
}

/// Diagnostics, with the file and line of each option where there is a file.
fn describe(source: Option<&Source>, diagnostics: &[Diagnostic]) -> String {
    match source {
        Some(s) => s.describe(diagnostics),
        None => diagnostics
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n"),
    }
}

/// The error for options that do not assemble: every diagnostic, errors first.
pub fn options_error(source: Option<&Source>, diagnostics: &[Diagnostic]) -> anyhow::Error {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let name = source.map_or("the default options", |s| s.label.as_str());
    anyhow!(
        "{name}: {errors} error{} in the options\n{}",
        if errors == 1 { "" } else { "s" },
        describe(source, diagnostics)
    )
}
