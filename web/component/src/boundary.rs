//! Checking what the host passes in, before the engine sees it.
//!
//! The host has already copied each argument into the component's memory; what can still
//! go wrong is what the engine would make of it. Options of megabytes would be copied
//! into every document in every format, and could exhaust the module's memory, which
//! ends in a trap rather than a diagnostic. The limits are those of the JS API
//! (`web/wasm/src/boundary.rs`), counted here in UTF-8 bytes.

use caucus_core::{Diagnostic, Diagnostics};

use crate::wit::PackFile;

/// The longest options accepted, in bytes of JSON text. Real options are a few kilobytes.
pub const MAX_OPTIONS_LEN: usize = 256 << 10;

/// The largest custom pack accepted, in bytes of paths and texts together (the built-in
/// pack is about a tenth of this).
pub const MAX_PACK_LEN: usize = 4 << 20;

/// The longest document kind accepted (the real ones are a single short word).
pub const MAX_KIND_LEN: usize = 64;

pub fn check_options(text: &str) -> Result<(), Diagnostics> {
    if text.len() <= MAX_OPTIONS_LEN {
        return Ok(());
    }
    Err(Diagnostic::error(
        "options-too-large",
        "",
        format!(
            "{} bytes of JSON for the options; at most {MAX_OPTIONS_LEN} are accepted",
            text.len()
        ),
    )
    .hint("options are a few kilobytes: check that no field holds a whole document by mistake")
    .into())
}

pub fn check_pack(files: &[PackFile]) -> Result<(), Diagnostics> {
    let size: usize = files
        .iter()
        .map(|file| file.path.len().saturating_add(file.text.len()))
        .fold(0, usize::saturating_add);
    if size <= MAX_PACK_LEN {
        return Ok(());
    }
    Err(Diagnostic::error(
        "pack-too-large",
        "",
        format!(
            "{size} bytes in the clause pack's {} files; at most {MAX_PACK_LEN} are accepted",
            files.len()
        ),
    )
    .hint("a pack is clause text only: leave out anything else in its folder")
    .into())
}

pub fn check_kind(kind: &str) -> Result<(), Diagnostics> {
    if !kind.is_empty() && kind.len() <= MAX_KIND_LEN {
        return Ok(());
    }
    Err(Diagnostic::error(
        "document-kind-invalid",
        "",
        if kind.is_empty() {
            "the document kind is empty".to_owned()
        } else {
            format!(
                "a document kind of {} bytes is too long to be one",
                kind.len()
            )
        },
    )
    .hint(
        "pass \"agreement\", \"guide\", \"invitation\", \"checklist\" or \"consent\", or none for every document",
    )
    .into())
}

/// Options as a JSON value, only to name the items of lists in words: in full with their
/// defaults, as `caucus_core::model::with_defaults` reads them; text over the options'
/// limit, or that is not JSON (or nests deeper than JSON is read), is `Null`, which
/// names items by number.
pub fn options_value(text: &str) -> serde_json::Value {
    check_options(text)
        .ok()
        .and_then(|()| serde_json::from_str(text).ok())
        .map_or(serde_json::Value::Null, caucus_core::model::with_defaults)
}
