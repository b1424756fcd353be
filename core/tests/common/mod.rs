//! Shared by the engine's integration tests: the small fixture pack's files.

use std::collections::BTreeMap;
use std::path::Path;

/// The files of `fixtures/mini`, by path relative to the pack.
pub fn mini_files() -> BTreeMap<String, String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mini");
    let mut files = BTreeMap::new();
    for dir in ["", "agreement"] {
        for entry in std::fs::read_dir(root.join(dir)).expect("fixture folder") {
            let path = entry.expect("entry").path();
            if path.is_file() {
                let name = path
                    .strip_prefix(&root)
                    .expect("inside")
                    .to_string_lossy()
                    .replace('\\', "/");
                files.insert(name, std::fs::read_to_string(&path).expect("utf-8"));
            }
        }
    }
    files
}
