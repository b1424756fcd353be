//! The `caucus` command line tool. `main` is glue: it parses arguments, calls the engine
//! and reports errors to stderr prefixed `caucus:`.

use anyhow::{Context, Result, bail};
use caucus_core::{Options, Pack};
use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "caucus",
    version,
    about = "Drafts the video-mediation terms of a mediation agreement"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Assemble documents from an options file (TOML or JSON); no file: the defaults.
    Generate {
        /// Options file (.toml or .json). Omit for the embedded defaults.
        file: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Md)]
        format: Format,
        /// Which document to print.
        #[arg(long, default_value = "agreement")]
        document: String,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Md,
    Html,
    Txt,
    Json,
}

fn main() -> ExitCode {
    match run() {
        Ok(code) => code,
        Err(e) => {
            eprintln!("caucus: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<ExitCode> {
    let cli = Cli::parse();
    match cli.command {
        Command::Generate {
            file,
            format,
            document,
        } => generate(file, format, &document),
    }
}

fn generate(file: Option<PathBuf>, format: Format, document: &str) -> Result<ExitCode> {
    let options = match &file {
        None => Options::default(),
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("cannot read {}", path.display()))?;
            let parsed = if path.extension().is_some_and(|e| e == "json") {
                Options::from_json_str(&text)
            } else {
                Options::from_toml_str(&text)
            };
            match parsed {
                Ok(o) => o,
                Err(diags) => bail!("{}: invalid options\n{diags}", path.display()),
            }
        }
    };
    let pack =
        Pack::builtin().map_err(|d| anyhow::anyhow!("the built-in clause pack is invalid\n{d}"))?;
    let assembly = pack
        .assemble(&options)
        .map_err(|d| anyhow::anyhow!("{d}"))?;
    for d in &assembly.diagnostics {
        eprintln!("{d}");
    }
    if let Format::Json = format {
        println!("{}", serde_json::to_string_pretty(&assembly)?);
        return Ok(ExitCode::SUCCESS);
    }
    let Some(doc) = assembly.document(document) else {
        bail!("there is no `{document}` document for these options");
    };
    let out = match format {
        Format::Md => doc.to_markdown(),
        Format::Html => doc.to_html_page(),
        Format::Txt => doc.to_text(),
        Format::Json => unreachable!("handled above"),
    };
    print!("{out}");
    Ok(ExitCode::SUCCESS)
}
