//! Which files of a folder make a clause pack. One rule for every reader of a pack
//! folder: the engine's build script (embedding `clauses/`), the CLI's `--clauses DIR`,
//! the JS API's `isPackFile` and the tests. This file is also compiled into
//! `core/build.rs` (`#[path]`), so it uses nothing but the standard library.

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

#[cfg(test)]
mod tests {
    use super::is_pack_file;

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
