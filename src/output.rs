//! Writing files atomically, without clobbering, and only where we were told.
//!
//! The bytes go to a temporary file in the same folder, are flushed to the disk, and the
//! file is then put in place under its final name: renamed over it with `--force`, else
//! hard-linked to it, which fails when the name is taken, so that two processes writing
//! the same name never overwrite each other's file and there is no window between a
//! check and the rename. A process killed midway leaves either the whole file or none of
//! it, never a truncated one, and a power loss cannot leave an empty file under the final
//! name. Temporary names start with a dot and contain `.caucus-tmp-` and the process id,
//! so that those of a process that is gone can be recognised and removed.

use anyhow::{Context, Result, bail};
use std::fs::File;
use std::io::{ErrorKind, Write};
use std::path::{Component, Path, PathBuf};

/// The marker in every temporary name.
pub const TMP_MARKER: &str = ".caucus-tmp-";

/// Writes `bytes` to `path` atomically. Without `force`, an existing file is an error
/// and is left as it was, even if another process creates it while we write.
pub fn write_atomic(path: &Path, bytes: &[u8], force: bool) -> Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let Some(name) = path.file_name() else {
        bail!("{} is not a file name", path.display());
    };
    remove_stale_temporaries(&dir);
    let tmp = dir.join(format!(
        ".{}{TMP_MARKER}{}",
        name.to_string_lossy(),
        std::process::id()
    ));
    match write_via(&tmp, path, bytes, force) {
        Ok(()) => {
            sync_dir(&dir);
            Ok(())
        }
        Err(e) if e.kind() == ErrorKind::AlreadyExists => bail!(
            "{} already exists; use --force to overwrite it",
            path.display()
        ),
        Err(e) => Err(e).with_context(|| format!("cannot write {}", path.display())),
    }
}

/// Writes `tmp`, flushes it to the disk, and puts it at `path` (see [`place`]). `tmp` is
/// gone afterwards, whatever happened.
pub fn write_via(tmp: &Path, path: &Path, bytes: &[u8], replace: bool) -> std::io::Result<()> {
    let result = (|| {
        // A temporary left by a killed run is replaced; it is rarely there, so it is
        // removed only when found (a batch writes thousands of files into a fresh
        // temporary folder, and every system call counts there).
        let mut file = match File::create_new(tmp) {
            Err(e) if e.kind() == ErrorKind::AlreadyExists => {
                let _ = std::fs::remove_file(tmp);
                File::create_new(tmp)?
            }
            other => other?,
        };
        file.write_all(bytes)?;
        place(file, tmp, path, replace)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(tmp);
    }
    result
}

/// Flushes `file`, written at `tmp`, to the disk and gives it the name `path`: replacing
/// a file there when `replace`, else failing with [`ErrorKind::AlreadyExists`] and
/// leaving that file as it is. `tmp` is gone afterwards when this succeeds.
pub fn place(file: File, tmp: &Path, path: &Path, replace: bool) -> std::io::Result<()> {
    // On the disk before it has its name: otherwise a power loss soon after the rename
    // can leave the name with an empty file.
    file.sync_data()?;
    drop(file);
    if replace {
        std::fs::rename(tmp, path)
    } else {
        place_new(tmp, path)?;
        let _ = std::fs::remove_file(tmp);
        Ok(())
    }
}

/// Gives the complete file `tmp` the name `path` unless that name is taken, in one step.
///
/// A hard link fails when the name exists, atomically. On a file system without hard
/// links (FAT, some network shares) the name is claimed by an exclusive create and the
/// file renamed over that claim: still never over another's file, but a crash between the
/// two steps leaves an empty file.
fn place_new(tmp: &Path, path: &Path) -> std::io::Result<()> {
    match std::fs::hard_link(tmp, path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == ErrorKind::AlreadyExists => Err(e),
        Err(link_error) => match File::create_new(path) {
            Ok(_) => std::fs::rename(tmp, path),
            // The claim failed for the same reason as the link (a read-only folder, no
            // permission): report the link's error.
            Err(e) if e.kind() == ErrorKind::AlreadyExists => Err(e),
            Err(_) => Err(link_error),
        },
    }
}

/// Flushes a folder's entries to the disk, so that the names just given survive a power
/// loss. Best effort: not every system can open a folder as a file.
pub fn sync_dir(dir: &Path) {
    if let Ok(folder) = File::open(dir) {
        let _ = folder.sync_all();
    }
}

/// `dir/name`, where `name` comes from data (a pack's document id, a case's options) and
/// must name a file directly in `dir`: one plain path component, so that no name can
/// lead out of the folder the user gave, whatever it holds (`..`, `/`, a drive, NUL).
pub fn file_in(dir: &Path, name: &str) -> Result<PathBuf> {
    if !is_plain_name(name) {
        bail!(
            "the file name {name:?} would not be a file directly in {}: a name may not contain \
             /, \\ or NUL, nor start with a dot",
            dir.display()
        );
    }
    Ok(dir.join(name))
}

/// Whether `name` is one plain path component on every system: not empty, no separator
/// or NUL, no leading dot (`.`, `..`, hidden files, our temporaries), no drive or root.
pub fn is_plain_name(name: &str) -> bool {
    let mut components = Path::new(name).components();
    matches!(
        (components.next(), components.next()),
        (Some(Component::Normal(_)), None)
    ) && !name.contains(['/', '\\', '\0'])
        && !name.starts_with('.')
}

/// Removes temporary files and folders left in `dir` by caucus processes that are gone:
/// a process killed with `kill -9` or by a power loss cannot clean up after itself.
/// Only where `/proc` tells which processes are alive; a temporary whose process still
/// runs (or whose id a new process took) is left alone.
pub fn remove_stale_temporaries(dir: &Path) {
    if !Path::new("/proc/self").exists() {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let Some((_, pid)) = name.rsplit_once(TMP_MARKER) else {
            continue;
        };
        if !name.starts_with('.') || pid.is_empty() || !pid.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        if Path::new("/proc").join(pid).exists() {
            continue;
        }
        let path = entry.path();
        // Not following a link: a temporary is never one, and a link is not ours to follow.
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        let _ = if is_dir {
            std::fs::remove_dir_all(&path)
        } else {
            std::fs::remove_file(&path)
        };
    }
}

/// Writes to stdout, treating a closed pipe (`caucus ... | head`) as success.
pub fn write_stdout(bytes: &[u8]) -> Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(e).context("cannot write to stdout"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_from_data_stay_in_their_folder() {
        let dir = Path::new("out");
        assert_eq!(
            file_in(dir, "agreement.md").ok(),
            Some(PathBuf::from("out/agreement.md"))
        );
        for bad in [
            "", ".", "..", "../x", "a/b", "/etc/x", "a\\b", "a\0b", ".hidden", "C:\\x",
        ] {
            assert!(file_in(dir, bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn an_existing_file_is_kept_unless_replacing() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let path = dir.path().join("a.md");
        let tmp = dir.path().join(".a.md.caucus-tmp-1");
        std::fs::write(&path, "theirs").expect("write");
        let e = write_via(&tmp, &path, b"ours", false).expect_err("kept");
        assert_eq!(e.kind(), ErrorKind::AlreadyExists);
        assert_eq!(
            std::fs::read_to_string(&path).ok().as_deref(),
            Some("theirs")
        );
        assert!(!tmp.exists());
        write_via(&tmp, &path, b"ours", true).expect("replaced");
        assert_eq!(std::fs::read_to_string(&path).ok().as_deref(), Some("ours"));
        let new = dir.path().join("b.md");
        write_via(&tmp, &new, b"new", false).expect("a new name");
        assert_eq!(std::fs::read_to_string(&new).ok().as_deref(), Some("new"));
        assert!(!tmp.exists());
    }
}
