//! Which files of a folder make a clause pack. One rule for every reader of a pack
//! folder: the engine's build script (embedding `clauses/`), the CLI's `--clauses DIR`,
//! the JS API's `isPackFile` and the tests. This file is also compiled into
//! `core/build.rs` (`#[path]`), so it uses nothing but the standard library (and the
//! hasher the caller passes).

/// Whether the file at `path` (relative to the pack's folder, with `/` separators)
/// belongs to the pack: a `.toml` file anywhere, and a `.md` file inside a folder (a
/// README at the top is documentation, not a clause). Hidden files and folders (a name
/// starting with `.`) never do.
pub fn is_pack_file(path: &str) -> bool {
    if path
        .split('/')
        .any(|part| part.is_empty() || part.starts_with('.'))
    {
        return false;
    }
    path.ends_with(".toml") || (path.ends_with(".md") && path.contains('/'))
}

/// A fingerprint of a pack's files as given, whatever their order: each path and text
/// in the order of the paths, each followed by a byte that UTF-8 text never holds. The
/// build script takes it of the built-in pack as embedded, so that a copy of those files
/// carried beside a module that does not embed them can be told from any other pack
/// (`Pack::read_builtin_copy`).
pub fn fingerprint<'a>(
    files: impl IntoIterator<Item = (&'a str, &'a str)>,
    mut hasher: impl std::hash::Hasher,
) -> u64 {
    let mut files: Vec<(&str, &str)> = files.into_iter().collect();
    files.sort_unstable();
    for (path, text) in files {
        hasher.write(path.as_bytes());
        hasher.write_u8(0xFF);
        hasher.write(text.as_bytes());
        hasher.write_u8(0xFF);
    }
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::{fingerprint, is_pack_file};
    use fnv::FnvHasher;

    #[test]
    fn a_fingerprint_is_of_every_path_and_text_in_any_order() {
        let of = |files: &[(&str, &str)]| fingerprint(files.iter().copied(), FnvHasher::default());
        let pack = [("pack.toml", "a"), ("agreement/x.md", "b")];
        assert_eq!(of(&pack), of(&[pack[1], pack[0]]));
        assert_ne!(
            of(&pack),
            of(&[("pack.toml", "a"), ("agreement/x.md", "c")])
        );
        assert_ne!(
            of(&pack),
            of(&[("pack.toml", "a"), ("agreement/y.md", "b")])
        );
        assert_ne!(of(&pack), of(&pack[..1]));
        // Where a path ends and its text begins is part of what is fingerprinted.
        assert_ne!(of(&[("ab", "c")]), of(&[("a", "bc")]));
    }

    #[test]
    fn toml_anywhere_markdown_in_folders_nothing_hidden() {
        for yes in [
            "pack.toml",
            "terms.toml",
            "agreement/recording.md",
            "a/b/c.md",
            "x/y.toml",
        ] {
            assert!(is_pack_file(yes), "{yes}");
        }
        for no in [
            "README.md",
            "notes.txt",
            "agreement/notes.txt",
            ".hidden.toml",
            ".git/config.toml",
            "agreement/.draft.md",
            "/pack.toml",
            "agreement//x.md",
            "",
        ] {
            assert!(!is_pack_file(no), "{no}");
        }
    }
}
