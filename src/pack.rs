//! Finding the clause pack: the built-in one, or a folder an institution brings.

use anyhow::{Context, Result, anyhow, bail};
use caucus_core::{Diagnostics, Pack};
use std::io::Read;
use std::path::Path;

/// A pack to assemble with: the built-in one (loaded once) or one read and validated
/// from files (a folder, or for `caucus clauses` the built-in pack's own files).
#[derive(Debug)]
pub enum LoadedPack {
    Builtin(&'static Pack),
    Read(Box<Pack>),
}

impl LoadedPack {
    pub fn get(&self) -> &Pack {
        match self {
            LoadedPack::Builtin(p) => p,
            LoadedPack::Read(p) => p,
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

/// Loads a pack validated whole, the built-in one included: [`Pack::builtin`] leaves its
/// proofs to the engine's tests and compiles each clause on first use, but `caucus
/// clauses`, which says whether a pack is valid, reads its files like a folder's.
pub fn load_validated(folder: Option<&Path>) -> Result<LoadedPack, PackError> {
    match folder {
        None => Pack::from_files(Pack::builtin_files().iter().copied())
            .map(|p| LoadedPack::Read(Box::new(p)))
            .map_err(|diagnostics| PackError::Invalid {
                folder: None,
                diagnostics,
            }),
        Some(_) => load(folder),
    }
}

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
                .map(|p| LoadedPack::Read(Box::new(p)))
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

/// The largest pack file read: clause files are a few kilobytes, `platforms.toml` 13 KB.
pub const MAX_FILE_BYTES: u64 = 1 << 20;

/// The most a pack's files may hold together (the built-in pack: 185 KB); the JS API
/// takes packs of about this size too.
pub const MAX_PACK_BYTES: u64 = 4 << 20;

/// The files of a pack folder that make the pack ([`Pack::is_pack_file`]: the same rule
/// the built-in pack is embedded by), as (path relative to the folder with `/`
/// separators, text). Hidden folders are not entered.
///
/// A pack may come from anyone, so the folder is read warily: only regular files inside
/// it, each at most [`MAX_FILE_BYTES`] and all together at most [`MAX_PACK_BYTES`]. A
/// link to a file is followed only when the file is inside the folder; a link to a folder
/// is refused (two links to `.` once walked the tree exponentially); a FIFO or a device
/// (`/dev/zero`, `/dev/urandom`) is refused without being opened for reading in a way
/// that could block or never end.
pub fn read_folder(dir: &Path) -> Result<Vec<(String, String)>> {
    if !dir.is_dir() {
        bail!(
            "{} is not a folder; --clauses takes a clause pack folder containing pack.toml",
            dir.display()
        );
    }
    let root = dir
        .canonicalize()
        .with_context(|| format!("cannot read {}", dir.display()))?;
    let mut files = Vec::new();
    let mut total = 0;
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
            let wanted = Pack::is_pack_file(&relative);
            // The entry itself, not what a link points to.
            let kind = entry
                .file_type()
                .with_context(|| format!("cannot read {}", path.display()))?;
            let source = if kind.is_dir() {
                pending.push((path, format!("{relative}/")));
                continue;
            } else if kind.is_symlink() {
                match link_target(&path, &root, &relative)? {
                    Some(target) if wanted => target,
                    _ => continue,
                }
            } else if wanted {
                path
            } else {
                continue;
            };
            let text = read_file(&source, &relative, MAX_PACK_BYTES - total)?;
            total += text.len() as u64;
            files.push((relative, text));
        }
    }
    files.sort();
    Ok(files)
}

/// Where a link in the pack leads, when that is a file inside the pack (`root`); `None`
/// for a link to nothing. A link out of the pack, or to a folder, is an error.
fn link_target(link: &Path, root: &Path, relative: &str) -> Result<Option<std::path::PathBuf>> {
    let Ok(target) = link.canonicalize() else {
        return Ok(None);
    };
    if !target.starts_with(root) {
        bail!(
            "{relative} in the clause pack {} is a link to {}, outside the pack; copy the file into the pack instead",
            root.display(),
            target.display()
        );
    }
    if target.is_dir() {
        bail!(
            "{relative} in the clause pack {} is a link to a folder; make it a real folder (links to folders can lead in circles, so caucus does not follow them)",
            root.display()
        );
    }
    Ok(Some(target))
}

/// Reads one pack file as text: a regular file (checked on the opened file, which is
/// opened without blocking and without following a link), at most [`MAX_FILE_BYTES`],
/// and at most `room` bytes, what the pack may still hold.
fn read_file(path: &Path, relative: &str, room: u64) -> Result<String> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOFOLLOW);
    }
    let file = options
        .open(path)
        .with_context(|| format!("cannot read {}", path.display()))?;
    let meta = file
        .metadata()
        .with_context(|| format!("cannot read {}", path.display()))?;
    if !meta.is_file() {
        bail!(
            "{} is not a regular file (a FIFO, socket or device); a clause pack holds only files",
            path.display()
        );
    }
    if meta.len() > MAX_FILE_BYTES {
        bail!(
            "{} is {} bytes; a clause pack file may hold at most {MAX_FILE_BYTES} (1 MB)",
            path.display(),
            meta.len()
        );
    }
    let limit = MAX_FILE_BYTES.min(room);
    let mut bytes = Vec::new();
    // The size is read again while reading: a file may grow after it was measured.
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .with_context(|| format!("cannot read {}", path.display()))?;
    if bytes.len() as u64 > limit && room < MAX_FILE_BYTES {
        bail!(
            "the clause pack is larger than {MAX_PACK_BYTES} bytes (4 MB) with {relative}; a pack holds clause text only"
        );
    }
    if bytes.len() as u64 > limit {
        bail!(
            "{} grew past {MAX_FILE_BYTES} bytes (1 MB) while it was read",
            path.display()
        );
    }
    String::from_utf8(bytes)
        .map_err(|_| anyhow!("{} is not valid UTF-8; save it as UTF-8", path.display()))
}
