//! Finding the clause pack: the built-in one, or a folder an institution brings.

use anyhow::{Context, Result, anyhow, bail};
use caucus_core::{Diagnostics, Pack};
use std::path::Path;

/// A pack to assemble with: the built-in one (loaded once) or one read from a folder.
#[derive(Debug)]
pub enum LoadedPack {
    Builtin(&'static Pack),
    Folder(Box<Pack>),
}

impl LoadedPack {
    pub fn get(&self) -> &Pack {
        match self {
            LoadedPack::Builtin(p) => p,
            LoadedPack::Folder(p) => p,
        }
    }
}

/// Why a pack could not be used: unreadable files, or the engine's diagnostics.
#[derive(Debug)]
pub enum PackError {
    Io(anyhow::Error),
    Invalid {
        /// The folder, to prefix file:line:column with; `None` for the built-in pack.
        folder: Option<String>,
        diagnostics: Diagnostics,
    },
}

impl std::fmt::Display for PackError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PackError::Io(e) => write!(f, "{e:#}"),
            PackError::Invalid {
                folder,
                diagnostics,
            } => {
                match folder {
                    Some(dir) => writeln!(f, "the clause pack in {dir} is invalid")?,
                    None => writeln!(f, "the built-in clause pack is invalid")?,
                }
                for (i, d) in diagnostics.iter().enumerate() {
                    if i > 0 {
                        writeln!(f)?;
                    }
                    match (folder, &d.location) {
                        (Some(dir), Some(_)) => write!(f, "{}/{d}", dir.trim_end_matches('/'))?,
                        _ => write!(f, "{d}")?,
                    }
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for PackError {}

/// Loads the pack a command should use.
pub fn load(folder: Option<&Path>) -> Result<LoadedPack, PackError> {
    match folder {
        None => Pack::builtin()
            .map(LoadedPack::Builtin)
            .map_err(|diagnostics| PackError::Invalid {
                folder: None,
                diagnostics,
            }),
        Some(dir) => {
            let files = read_folder(dir).map_err(PackError::Io)?;
            Pack::from_files(files)
                .map(|p| LoadedPack::Folder(Box::new(p)))
                .map_err(|diagnostics| PackError::Invalid {
                    folder: Some(dir.display().to_string()),
                    diagnostics,
                })
        }
    }
}

/// Loads the pack or turns its problems into one error for `main` to print.
pub fn load_or_fail(folder: Option<&Path>) -> Result<LoadedPack> {
    load(folder).map_err(|e| anyhow!("{e}"))
}

/// The files of a pack folder that make the pack ([`Pack::is_pack_file`]: the same rule
/// the built-in pack is embedded by), as (path relative to the folder with `/`
/// separators, text). Hidden folders are not entered.
pub fn read_folder(dir: &Path) -> Result<Vec<(String, String)>> {
    if !dir.is_dir() {
        bail!(
            "{} is not a folder; --clauses takes a clause pack folder containing pack.toml",
            dir.display()
        );
    }
    let mut files = Vec::new();
    let mut pending = vec![(dir.to_path_buf(), String::new())];
    while let Some((folder, prefix)) = pending.pop() {
        let entries = std::fs::read_dir(&folder)
            .with_context(|| format!("cannot read {}", folder.display()))?;
        for entry in entries {
            let entry = entry.with_context(|| format!("cannot read {}", folder.display()))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') {
                continue;
            }
            let path = entry.path();
            let relative = format!("{prefix}{name}");
            if path.is_dir() {
                pending.push((path, format!("{relative}/")));
            } else if Pack::is_pack_file(&relative) {
                let text = std::fs::read_to_string(&path)
                    .with_context(|| format!("cannot read {}", path.display()))?;
                files.push((relative, text));
            }
        }
    }
    files.sort();
    Ok(files)
}
