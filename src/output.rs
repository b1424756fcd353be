//! Writing files atomically: the bytes go to a temporary file in the same folder, which is
//! then renamed over the final name. A process killed midway leaves either the whole file
//! or none of it, never a truncated one. Temporary names start with a dot and contain
//! `.caucus-tmp-` and the process id, so they are easy to recognise and clean.

use anyhow::{Context, Result, bail};
use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The marker in every temporary name.
pub const TMP_MARKER: &str = ".caucus-tmp-";

/// Writes `bytes` to `path` atomically. Without `force`, an existing file is an error.
pub fn write_atomic(path: &Path, bytes: &[u8], force: bool) -> Result<()> {
    if !force && path.exists() {
        bail!(
            "{} already exists; use --force to overwrite it",
            path.display()
        );
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let Some(name) = path.file_name() else {
        bail!("{} is not a file name", path.display());
    };
    let tmp = dir.join(format!(
        ".{}{TMP_MARKER}{}",
        name.to_string_lossy(),
        std::process::id()
    ));
    write_then_rename(&tmp, path, bytes).with_context(|| format!("cannot write {}", path.display()))
}

/// Writes `tmp`, then renames it to `path`; on any failure removes `tmp`.
pub fn write_then_rename(tmp: &Path, path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let result = (|| {
        // A temporary left by a killed run is replaced; it is rarely there, so it is
        // removed only when found (a batch writes thousands of files into a fresh
        // temporary folder, and every system call counts there).
        let mut file = match File::create_new(tmp) {
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                let _ = std::fs::remove_file(tmp);
                File::create_new(tmp)?
            }
            other => other?,
        };
        file.write_all(bytes)?;
        drop(file);
        std::fs::rename(tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(tmp);
    }
    result
}

/// Writes to stdout, treating a closed pipe (`caucus ... | head`) as success.
pub fn write_stdout(bytes: &[u8]) -> Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(e).context("cannot write to stdout"),
    }
}
