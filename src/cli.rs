//! The command line: every command, its options and the examples `--help` shows.

use caucus_core::Pack;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "caucus",
    version,
    about = "Drafts the video-mediation terms of a mediation agreement",
    long_about = "Drafts the video-mediation terms of a mediation agreement, a participant \
guide, invitation messages and a client consent statement from the options a mediator \
chooses. Everything runs on this machine.",
    after_help = "Examples:
  caucus init case.toml                       write a commented options file
  caucus generate case.toml                   the agreement as Markdown on stdout
  caucus generate case.toml --format docx -o terms.docx
  caucus batch cases.csv --out-dir out --format docx --name \"{case.reference}-{document}\"

Exit codes: 0 success, 1 error, 2 a batch that wrote some documents and failed others."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Assemble documents from one options file (TOML, JSON or YAML); no file: the defaults.
    #[command(after_help = concat!("Examples:
  caucus generate                                  the default agreement, Markdown
  caucus generate case.toml --document guide --format html -o guide.html
  caucus generate case.yaml --format docx -o terms.docx
  caucus generate case.toml --document all --format docx -o out/
  caucus generate case.toml --document all -o \"out/MED-17-{document}.md\"
  cat case.json | caucus generate - --input-format json --format txt
  caucus generate case.toml --clauses ./our-pack

", "Exit codes:
  0  success (warnings and notes go to stderr)
  1  error: bad options, an invalid clause pack, a file that cannot be read or written"))]
    Generate(GenerateArgs),

    /// Write one file per case (and document) from a CSV, JSON Lines or JSON array of cases.
    #[command(after_help = concat!("Examples:
  caucus batch cases.csv --out-dir out
  caucus batch cases.csv --base firm.toml --out-dir out --format docx \\
      --name \"{case.reference}-{document}\" --report report.json
  caucus batch cases.jsonl --out-dir out --document all --jobs 4 --force

CSV: the header names option paths, e.g.
  case.reference,parties.0.name,parties.1.name,recording.policy,breakout_rooms.enabled
  MED-1,Acme Ltd,Bolt plc,consent-of-all,false
Each non-empty cell sets that option; the others keep their value from --base or the
defaults (an empty cell sets nothing). Yes/no options take true or false, numbers take
digits; a list or table option takes JSON, e.g. [\"EU\",\"UK\"].
A column whose name starts with # is a note and is ignored. JSON Lines: one options
object per line. JSON: an array of options objects (read as a stream).

Name template placeholders: {document}, {number} (the case's number, from 1) and any option
path such as {case.reference} or {parties.0.name}. Names are made safe for every file
system; two cases that would get the same name are reported, and the second fails.

", "Exit codes:
  0  every case was written
  1  nothing could be done (unreadable input, bad arguments, invalid clause pack),
     or every case failed
  2  some cases were written and others failed"))]
    Batch(BatchArgs),

    /// Check an options file and print every error, warning and note.
    #[command(after_help = concat!("Examples:
  caucus check case.toml
  caucus check case.json --json

", "Exit codes:
  0  no errors (warnings and notes may be printed)
  1  the options have errors, or the file cannot be read"))]
    Check(CheckArgs),

    /// Print the JSON Schema of the options.
    #[command(after_help = "Examples:
  caucus schema > caucus.schema.json")]
    Schema,

    /// List a clause pack's documents, topics and clauses with their conditions, and validate it.
    #[command(after_help = concat!("Examples:
  caucus clauses                      the built-in pack
  caucus clauses --clauses ./our-pack validate an institution's own pack

", "Exit codes:
  0  the pack is valid
  1  the pack has errors, each printed as file:line:column"))]
    Clauses(ClausesArgs),

    /// Write a commented TOML options file that documents every option.
    #[command(after_help = concat!("Examples:
  caucus init                 writes caucus.toml
  caucus init case-17.toml
  caucus init - > case.toml

", "Exit codes:
  0  written
  1  the file exists (use --force) or cannot be written"))]
    Init(InitArgs),
}

/// Where options come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InputFormat {
    Toml,
    Json,
    Yaml,
}

/// Which document(s) to write: one of the clause pack's documents, by its id, or `all`.
/// Checked against the pack once it is loaded ([`DocumentChoice::ids`]), so a pack's own
/// documents (`minutes`) can be chosen like the built-in ones.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocumentChoice {
    All,
    One(String),
}

impl std::str::FromStr for DocumentChoice {
    type Err = String;
    fn from_str(text: &str) -> Result<DocumentChoice, String> {
        match text.trim() {
            "" => Err("give a document's id, such as agreement, or all".to_owned()),
            "all" => Ok(DocumentChoice::All),
            id => Ok(DocumentChoice::One(id.to_owned())),
        }
    }
}

impl DocumentChoice {
    /// The document's id, or `None` for all.
    pub fn id(&self) -> Option<&str> {
        match self {
            DocumentChoice::All => None,
            DocumentChoice::One(id) => Some(id),
        }
    }

    /// The ids of the documents to write, in the pack's order; an error naming the
    /// pack's documents when the pack has no document of that id.
    pub fn ids<'a>(&'a self, pack: &'a Pack) -> anyhow::Result<Vec<&'a str>> {
        match self {
            DocumentChoice::All => Ok(pack.document_ids()),
            DocumentChoice::One(id) => match pack.known_document(id) {
                Ok(_) => Ok(vec![id.as_str()]),
                Err(d) => anyhow::bail!("--document {id}: {}, or all", sentences(&d)),
            },
        }
    }
}

/// Diagnostics about an argument as one line each: "what is wrong; what to do".
pub fn sentences(diagnostics: &caucus_core::Diagnostics) -> String {
    diagnostics
        .iter()
        .map(|d| format!("{}; {}", d.message, d.hint))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Markdown
    Md,
    /// a standalone HTML page
    Html,
    /// plain text
    Txt,
    /// Word
    Docx,
    /// the structured document (or, for several, the assembly) as JSON
    Json,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Md => "md",
            Format::Html => "html",
            Format::Txt => "txt",
            Format::Docx => "docx",
            Format::Json => "json",
        }
    }
}

#[derive(Debug, Args)]
pub struct PackArg {
    /// A clause pack folder to use instead of the built-in one.
    #[arg(long, value_name = "DIR")]
    pub clauses: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// Options file (.toml, .json, .yaml/.yml), or - for stdin. Omit for the defaults.
    #[arg(value_name = "FILE|-")]
    pub file: Option<PathBuf>,
    /// The format of FILE when its extension does not say (stdin is TOML unless told).
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub input_format: Option<InputFormat>,
    /// Which document to write: an id of the clause pack's documents (the built-in pack
    /// has agreement, guide, invitation and consent), or all [default: agreement; with
    /// --format json: all]
    #[arg(long, value_name = "ID")]
    pub document: Option<DocumentChoice>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Md)]
    pub format: Format,
    /// Where to write: a file, - for stdout, or with --document all a folder or a name
    /// containing {document}. Absent: stdout (docx needs -o).
    #[arg(short, long, value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// Overwrite an existing output file.
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub pack: PackArg,
}

#[derive(Debug, Args)]
pub struct BatchArgs {
    /// The cases: .csv, .jsonl/.ndjson or .json (an array), or - for stdin.
    #[arg(value_name = "CASES")]
    pub cases: PathBuf,
    /// The folder to write into (created if missing).
    #[arg(long, value_name = "DIR")]
    pub out_dir: PathBuf,
    /// An options file (TOML, JSON or YAML) every case is merged over.
    #[arg(long, value_name = "FILE")]
    pub base: Option<PathBuf>,
    /// The format of CASES when its extension does not say (stdin is detected).
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub cases_format: Option<CasesFormat>,
    /// Which document to write for each case: an id of the clause pack's documents, or all.
    #[arg(long, value_name = "ID", default_value = "agreement")]
    pub document: DocumentChoice,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Md)]
    pub format: Format,
    /// The file name template (the extension is added).
    #[arg(long, value_name = "TEMPLATE", default_value = "{number}-{document}")]
    pub name: String,
    /// Worker threads [default: every core].
    #[arg(long, short = 'j', value_name = "N")]
    pub jobs: Option<usize>,
    /// Overwrite existing files.
    #[arg(long)]
    pub force: bool,
    /// Also write a machine-readable report of every case to this JSON file.
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,
    /// No progress bar, even on a terminal.
    #[arg(long)]
    pub no_progress: bool,
    #[command(flatten)]
    pub pack: PackArg,
}

/// How a batch's cases are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CasesFormat {
    Csv,
    Jsonl,
    Json,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Options file (.toml, .json, .yaml/.yml), or - for stdin.
    #[arg(value_name = "FILE|-")]
    pub file: PathBuf,
    /// The format of FILE when its extension does not say.
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub input_format: Option<InputFormat>,
    /// Print the diagnostics as JSON on stdout.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub pack: PackArg,
}

#[derive(Debug, Args)]
pub struct ClausesArgs {
    #[command(flatten)]
    pub pack: PackArg,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Where to write, or - for stdout.
    #[arg(value_name = "PATH", default_value = "caucus.toml")]
    pub path: PathBuf,
    /// Overwrite an existing file.
    #[arg(long)]
    pub force: bool,
}
