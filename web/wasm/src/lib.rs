//! caucus-wasm: the caucus clause engine for JavaScript, as a thin wasm-bindgen layer.
//!
//! Every function forwards to `caucus-core`; none holds clause logic. What this crate
//! does itself is guard the boundary: each entry point takes raw `JsValue`s and checks
//! them here, so that no argument (wrong type, cyclic object, symbol, 10 MB string,
//! 10 000-deep nesting) can make the glue throw a bare `TypeError` or the module trap.
//! Every failure becomes one thrown `Error` carrying `diagnostics`, made by [`to_error`].
//!
//! Values cross the boundary as JSON text: objects in through `JSON.stringify` (whose
//! exceptions are caught) and `serde_json` (which stops at 128 levels of nesting with an
//! error), results out through `serde_json` and `JSON.parse`.

mod boundary;
pub mod output;
#[cfg(test)]
mod typescript;

use boundary::{
    Input, install_builtin, json_text, kind_name, options_value, text_argument, with_pack,
};
use caucus_core::{Diagnostic, Diagnostics, Options, Pack};
use output::{Generated, PackInfo, Rendered};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// The TypeScript declarations of every function and of the option, result and pack
/// types, written by hand (the functions take `JsValue`s, so wasm-bindgen's own would say
/// `any`); web/wasm/tests/types.test.mjs checks that they agree with the JSON Schema.
#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = include_str!("types.d.ts");

/// Assembles every document the options call for.
///
/// `options`: an object or a JSON string; `undefined` or `null` for the defaults.
/// `pack`: a custom clause pack as files (`{ "pack.toml": "...", ... }`, an array of
/// `[path, text]` pairs, or a `Map`); omitted for the built-in pack (which
/// [`install_builtin_pack`] must have read).
#[wasm_bindgen(skip_typescript)]
pub fn generate(options: Option<JsValue>, pack: Option<JsValue>) -> Result<JsValue, JsValue> {
    forward(|| {
        let options = read_options(options.as_ref())?;
        with_pack(pack.as_ref(), |pack| {
            let assembly = pack.assemble(&options)?;
            to_js(&Generated::new(&assembly))
        })
    })
}

/// One document in Markdown, HTML and plain text.
///
/// `kind`: the id of one of the pack's documents (`agreement` when omitted). The error
/// says why there is none: the pack has no such document (and lists those it has), or
/// these options do not call for it (and gives the pack's condition for it).
#[wasm_bindgen(skip_typescript)]
pub fn document(
    options: Option<JsValue>,
    kind: Option<JsValue>,
    pack: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    forward(|| {
        let options = read_options(options.as_ref())?;
        let kind = kind_name(kind.as_ref())?;
        with_pack(pack.as_ref(), |pack| {
            let assembly = pack.assemble(&options)?;
            to_js(&Rendered::new(pack.document_in(&assembly, &kind)?))
        })
    })
}

/// One document as a Word file (`.docx`): `kind` as for [`document`].
#[wasm_bindgen(skip_typescript)]
pub fn docx(
    options: Option<JsValue>,
    kind: Option<JsValue>,
    pack: Option<JsValue>,
) -> Result<Vec<u8>, JsValue> {
    forward(|| {
        let options = read_options(options.as_ref())?;
        let kind = kind_name(kind.as_ref())?;
        with_pack(pack.as_ref(), |pack| {
            let assembly = pack.assemble(&options)?;
            Ok(pack.document_in(&assembly, &kind)?.to_docx())
        })
    })
}

/// Whether a file at `path` (relative to a pack folder, with `/`) is part of a clause
/// pack: the rule to follow when reading a pack folder to pass as `pack`.
#[wasm_bindgen(skip_typescript, js_name = isPackFile)]
pub fn is_pack_file(path: JsValue) -> bool {
    path.as_string().is_some_and(|p| Pack::is_pack_file(&p))
}

/// Reads the built-in clause pack from its files, `caucus_pack.json` beside the module
/// (its text, or the files as for a custom pack). caucus.js calls it when it instantiates
/// the module: the module does not embed the pack, so that a page that brings its own
/// pack never downloads it. Files other than those this engine was built with are
/// refused (`builtin-pack-mismatch`).
#[wasm_bindgen(skip_typescript, js_name = installBuiltinPack)]
pub fn install_builtin_pack(files: JsValue) -> Result<(), JsValue> {
    forward(|| install_builtin(&files))
}

/// The JSON Schema (draft 2020-12) of the options.
#[wasm_bindgen(skip_typescript)]
pub fn schema() -> Result<JsValue, JsValue> {
    forward(|| to_js(&caucus_core::schema()))
}

/// The default options: what `{}` means, in full.
///
/// Read from the engine's text of them (`caucus_core::schema::defaults_json`), the JSON
/// that serialising `Options::default()` writes: serialising them here compiled the text
/// writer for every options type into the module.
#[wasm_bindgen(skip_typescript)]
pub fn defaults() -> Result<JsValue, JsValue> {
    forward(|| parse_json(caucus_core::schema::defaults_json()))
}

/// The clause pack: its documents with their topics in order, and every clause with
/// the condition that selects it, its rationale and its sources.
#[wasm_bindgen(skip_typescript)]
pub fn clauses(pack: Option<JsValue>) -> Result<JsValue, JsValue> {
    forward(|| with_pack(pack.as_ref(), |pack| to_js(&PackInfo::new(pack))))
}

/// Where an option sits, in words, as the drafting app names its field: `parties.1.name`
/// → "Party 2 (Acme Ltd): Full legal name"; an empty path is "Options".
///
/// `options` (as for [`generate`]; absent: the defaults) only names the items of lists;
/// options that cannot be read leave them named by number, so that the problems of broken
/// options can be named.
#[wasm_bindgen(skip_typescript)]
pub fn place(path: JsValue, options: Option<JsValue>) -> Result<String, JsValue> {
    in_words(&path, "path", options, caucus_core::model::place)
}

/// A diagnostic's message or hint as a sentence for a reader: an ASCII first letter
/// capitalised, a full stop, each option path in backticks named as [`place`] names it
/// and other text in backticks quoted. `options` as for [`place`].
#[wasm_bindgen(skip_typescript)]
pub fn sentence(text: JsValue, options: Option<JsValue>) -> Result<String, JsValue> {
    in_words(&text, "text", options, caucus_core::model::sentence)
}

/// [`place`] and [`sentence`]: the text argument checked, the options read to name items.
fn in_words(
    text: &JsValue,
    name: &str,
    options: Option<JsValue>,
    put: fn(&str, &serde_json::Value) -> String,
) -> Result<String, JsValue> {
    forward(|| {
        let text = text_argument(text, name)?;
        Ok(put(&text, &options_value(options.as_ref())))
    })
}

/// The version of this package (and of the engine inside it).
#[wasm_bindgen(skip_typescript)]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

/// Runs one entry point's body and turns its diagnostics into a thrown `Error`.
fn forward<T>(body: impl FnOnce() -> Result<T, Diagnostics>) -> Result<T, JsValue> {
    body().map_err(to_error)
}

/// The one error converter: an `Error` named `CaucusError` whose message lists the
/// diagnostics as the command line prints them, and whose `diagnostics` property holds
/// them as objects `{ code, severity, path, message, hint, citation?, location? }`.
fn to_error(diagnostics: Diagnostics) -> JsValue {
    let message = if diagnostics.is_empty() {
        "caucus failed without saying why".to_owned()
    } else {
        diagnostics.to_string()
    };
    let error = js_sys::Error::new(&message);
    error.set_name("CaucusError");
    let list = to_js(&diagnostics).unwrap_or_else(|_| js_sys::Array::new().into());
    // Setting a property on an Error we just made cannot fail; if it somehow did, the
    // message still carries every diagnostic.
    let _ = js_sys::Reflect::set(&error, &JsValue::from_str("diagnostics"), &list);
    error.into()
}

/// Options from an object, a JSON string, or nothing (the defaults).
fn read_options(value: Option<&JsValue>) -> Result<Options, Diagnostics> {
    match value {
        None => Ok(Options::default()),
        Some(value) => Options::from_json_str(&json_text(value, Input::Options)?),
    }
}

/// A serialisable value as a plain JS value (objects, arrays, strings, numbers).
fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, Diagnostics> {
    let text = serde_json::to_string(value)
        .map_err(|e| internal(&format!("cannot write the result as JSON: {e}")))?;
    parse_json(&text)
}

/// JSON text the engine wrote, as a plain JS value.
fn parse_json(text: &str) -> Result<JsValue, Diagnostics> {
    js_sys::JSON::parse(text).map_err(|_| internal("cannot read the result back from JSON"))
}

/// A failure of this layer rather than of the input: reported, never a trap.
fn internal(message: &str) -> Diagnostics {
    Diagnostic::error("internal", "", message.to_owned())
        .hint("this is a bug in caucus-wasm: please report it with the input that caused it")
        .into()
}
