//! The few browser services the app uses: focus, downloads, the clipboard, local storage
//! and the URL fragment. None of them sends anything over the network: downloads are
//! made from in-memory blobs, and the fragment never leaves the browser.

use std::cell::RefCell;

use caucus_core::Options;
use js_sys::{Array, Uint8Array};
use serde_json::{Map, Value};
use wasm_bindgen::{JsCast, JsValue, closure::Closure};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, HtmlElement, Storage, Url};

use crate::ids::field_id;
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use caucus_core::model::OptionPath;

/// The localStorage key of the saved draft.
const DRAFT_KEY: &str = "caucus.draft";
/// The localStorage key of the document tab shown last.
const DOCUMENT_KEY: &str = "caucus.document";
/// Where a saved draft that could not be read is kept, so that it is not lost.
const UNREADABLE_KEY: &str = "caucus.draft.unreadable";
/// The URL fragment prefix of a share link: the options as JSON, deflated, in base64url.
const FRAGMENT_PREFIX: &str = "#o=";
/// The prefix of the first edition's links (percent-encoded JSON), still opened.
const OLD_FRAGMENT_PREFIX: &str = "#options=";
/// The most a share link's options may inflate to: far above any real options.
const MAX_LINK_JSON: usize = 1 << 20;

/// The browser window; none outside WebAssembly (the native unit tests), where
/// web-sys cannot be called.
fn window() -> Option<web_sys::Window> {
    if cfg!(target_arch = "wasm32") {
        web_sys::window()
    } else {
        None
    }
}

fn document() -> Option<web_sys::Document> {
    window()?.document()
}

/// Focuses the element with this id; when it is not a control, the control inside it
/// (the checked radio button of a group first). Returns whether something was focused.
pub fn focus_id(id: &str) -> bool {
    let Some(element) = document().and_then(|d| d.get_element_by_id(id)) else {
        return false;
    };
    let tag = element.tag_name().to_ascii_lowercase();
    let target = if matches!(tag.as_str(), "input" | "select" | "textarea" | "button") {
        Some(element)
    } else {
        element
            .query_selector("input:checked")
            .ok()
            .flatten()
            .or_else(|| {
                element
                    .query_selector("input, select, textarea, button")
                    .ok()
                    .flatten()
            })
    };
    match target.and_then(|t| t.dyn_into::<HtmlElement>().ok()) {
        Some(control) => {
            control.focus().is_ok() && {
                let options = web_sys::ScrollIntoViewOptions::new();
                options.set_block(web_sys::ScrollLogicalPosition::Center);
                control.scroll_into_view_with_scroll_into_view_options(&options);
                true
            }
        }
        None => false,
    }
}

/// Focuses the field of an option path, or the nearest enclosing field that exists
/// (`costs.shares` → the first share; a hidden field → its section's control).
pub fn focus_path(path: &str) -> bool {
    let mut path = OptionPath::parse(path).ok();
    while let Some(at) = path.filter(|p| !p.is_root()) {
        if focus_id(&field_id(&at.to_string())) {
            return true;
        }
        path = at.parent();
    }
    false
}

/// Offers `bytes` as a file download, made in memory (no request is made).
pub fn download(file_name: &str, mime: &str, bytes: &[u8]) -> Result<(), String> {
    let fail = |what: &str| format!("the browser refused to {what} for {file_name}");
    let document = document().ok_or_else(|| fail("give access to the page"))?;
    let parts = Array::of1(&Uint8Array::from(bytes));
    let properties = BlobPropertyBag::new();
    properties.set_type(mime);
    let blob = Blob::new_with_u8_array_sequence_and_options(&parts, &properties)
        .map_err(|_| fail("make the file"))?;
    let url = Url::create_object_url_with_blob(&blob).map_err(|_| fail("make a file address"))?;
    let anchor: HtmlAnchorElement = document
        .create_element("a")
        .ok()
        .and_then(|e| e.dyn_into().ok())
        .ok_or_else(|| fail("make a link"))?;
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.click();
    // Revoke the address once the download has started.
    let revoke = Closure::once_into_js(move || {
        let _ = Url::revoke_object_url(&url);
    });
    if let Some(window) = window() {
        let _ = window
            .set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 10_000);
    }
    Ok(())
}

/// Puts `text` on the clipboard.
pub async fn copy_text(text: &str) -> Result<(), String> {
    let window = window().ok_or("no browser window")?;
    let promise = window.navigator().clipboard().write_text(text);
    JsFuture::from(promise)
        .await
        .map(drop)
        .map_err(|e| describe_js_error(&e, "the browser did not allow copying to the clipboard"))
}

/// The text of a file the user picked.
pub async fn read_file(file: &web_sys::File) -> Result<String, String> {
    let text = JsFuture::from(file.text())
        .await
        .map_err(|e| describe_js_error(&e, "the file could not be read"))?;
    text.as_string()
        .ok_or_else(|| "the file could not be read as text".to_owned())
}

fn describe_js_error(error: &JsValue, fallback: &str) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|e| format!("{fallback}: {}", String::from(e.message())))
        .unwrap_or_else(|| fallback.to_owned())
}

fn storage() -> Option<Storage> {
    window()?.local_storage().ok().flatten()
}

thread_local! {
    /// The draft that [`save_draft`] has yet to write, while a save is scheduled.
    static UNSAVED_DRAFT: RefCell<Option<Options>> = const { RefCell::new(None) };
}

/// The longest a changed draft waits to be saved when the browser is never idle
/// (milliseconds).
const SAVE_WITHIN_MS: u32 = 500;

/// Saves the draft in this browser; a fresh form needs no saving, so "start over"
/// leaves nothing behind at once.
///
/// Any other draft is saved as soon as the browser is idle, after the preview has been
/// drawn, and at once when the page is hidden or left ([`save_draft_when_hidden`]).
/// Writing it to localStorage took about a millisecond of each keystroke with eight
/// parties, before the preview showed the change; typing several keys before the
/// browser is idle saves only the last draft.
pub fn save_draft(options: &Options) {
    if *options == crate::state::fresh_options() || *options == Options::default() {
        UNSAVED_DRAFT.with(|unsaved| unsaved.borrow_mut().take());
        if let Some(storage) = storage() {
            let _ = storage.remove_item(DRAFT_KEY);
            let _ = storage.remove_item(DOCUMENT_KEY);
        }
        return;
    }
    let scheduled = UNSAVED_DRAFT.with(|unsaved| unsaved.borrow_mut().replace(options.clone()));
    if scheduled.is_some() {
        return;
    }
    let Some(window) = window() else {
        write_unsaved_draft();
        return;
    };
    let save = Closure::once_into_js(write_unsaved_draft);
    let options = web_sys::IdleRequestOptions::new();
    options.set_timeout(SAVE_WITHIN_MS);
    if window
        .request_idle_callback_with_options(save.unchecked_ref(), &options)
        .is_err()
    {
        write_unsaved_draft();
    }
}

/// Writes the draft that is waiting to be saved, if any.
fn write_unsaved_draft() {
    let Some(options) = UNSAVED_DRAFT.with(|unsaved| unsaved.borrow_mut().take()) else {
        return;
    };
    if let (Some(storage), Ok(json)) = (storage(), serde_json::to_string(&options)) {
        let _ = storage.set_item(DRAFT_KEY, &json);
    }
}

/// Saves a draft still waiting for an idle moment when the page is hidden (another tab,
/// the phone's home screen) or left (a reload, a closed tab), so that no change is lost.
pub fn save_draft_when_hidden() {
    let Some(window) = window() else { return };
    let save = Closure::<dyn Fn()>::new(write_unsaved_draft).into_js_value();
    for event in ["pagehide", "visibilitychange"] {
        let _ = window.add_event_listener_with_callback(event, save.unchecked_ref());
    }
}

/// Remembers the document tab shown, so that a reload shows it again.
pub fn save_document_tab(document: &str) {
    if let Some(storage) = storage()
        && !document.is_empty()
    {
        let _ = storage.set_item(DOCUMENT_KEY, document);
    }
}

/// The document tab shown before the page was reloaded, if any.
pub fn saved_document_tab() -> Option<String> {
    storage()?.get_item(DOCUMENT_KEY).ok().flatten()
}

/// Adds `css` to the page's styles as a constructed stylesheet (allowed by a
/// Content-Security-Policy without 'unsafe-inline', unlike a <style> element).
pub fn adopt_stylesheet(css: &str) {
    let Some(document) = document() else { return };
    let Ok(sheet) = web_sys::CssStyleSheet::new() else {
        return;
    };
    if sheet.replace_sync(css).is_err() {
        return;
    }
    let key = JsValue::from_str("adoptedStyleSheets");
    let sheets = js_sys::Reflect::get(&document, &key)
        .ok()
        .map(|value| Array::from(&value))
        .unwrap_or_default();
    sheets.push(&sheet);
    let _ = js_sys::Reflect::set(&document, &key, &sheets);
}

/// The text in the text area with this id.
pub fn textarea_value(id: &str) -> Option<String> {
    let area = document()?
        .get_element_by_id(id)?
        .dyn_into::<web_sys::HtmlTextAreaElement>()
        .ok()?;
    Some(area.value())
}

/// Scrolls the preview back to the top of its document.
pub fn scroll_preview_to_top() {
    if let Some(preview) = document().and_then(|d| d.get_element_by_id("preview-document")) {
        preview.set_scroll_top(0);
    }
}

/// Where the options at start-up came from.
#[derive(Debug)]
pub enum Start {
    /// A share link's fragment: the options it holds, and the draft it displaced.
    Link(Box<Options>, Option<Box<Options>>),
    /// The draft saved in this browser.
    Saved(Box<Options>),
    /// Nothing saved.
    Fresh,
    /// Something could not be read: what, and why.
    Unreadable(&'static str, Vec<String>),
    /// A share link that is cut short or damaged, and the saved draft the form keeps.
    BrokenLink(Option<Box<Options>>),
}

/// Reads the options to start with: a share link's fragment first, then the saved draft.
pub fn start() -> Start {
    let saved = storage().and_then(|s| s.get_item(DRAFT_KEY).ok().flatten());
    if let Some(link) = fragment_options() {
        let Ok(json) = link else {
            return Start::BrokenLink(
                saved
                    .and_then(|s| Options::from_json_str(&s).ok())
                    .map(Box::new),
            );
        };
        return match Options::from_json_str(&json) {
            Ok(options) => Start::Link(
                Box::new(options),
                saved
                    .and_then(|s| Options::from_json_str(&s).ok())
                    .map(Box::new),
            ),
            Err(diagnostics) => Start::Unreadable(
                "the link",
                diagnostics.0.iter().map(ToString::to_string).collect(),
            ),
        };
    }
    let Some(json) = saved else {
        return Start::Fresh;
    };
    match Options::from_json_str(&json) {
        Ok(options) => Start::Saved(Box::new(options)),
        Err(diagnostics) => {
            if let Some(storage) = storage() {
                let _ = storage.set_item(UNREADABLE_KEY, &json);
                let _ = storage.remove_item(DRAFT_KEY);
            }
            Start::Unreadable(
                "the draft saved in this browser",
                diagnostics.0.iter().map(ToString::to_string).collect(),
            )
        }
    }
}

/// The options JSON of a share link in the address bar: `None` without one, an error
/// when the link is cut short or damaged.
fn fragment_options() -> Option<Result<String, ()>> {
    let hash = window()?.location().hash().ok()?;
    if let Some(encoded) = hash.strip_prefix(OLD_FRAGMENT_PREFIX) {
        return Some(
            js_sys::decode_uri_component(encoded)
                .ok()
                .and_then(|s| s.as_string())
                .ok_or(()),
        );
    }
    Some(decode_link(hash.strip_prefix(FRAGMENT_PREFIX)?))
}

/// The options JSON, deflated and in base64url, as a share link carries it.
pub fn encode_link(json: &str) -> String {
    URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec(json.as_bytes(), 9))
}

/// The options JSON a share link carries, or an error when the link is cut short or
/// damaged (deflate's end-of-stream marker is then missing, or the text is not base64url).
pub fn decode_link(encoded: &str) -> Result<String, ()> {
    let bytes = URL_SAFE_NO_PAD.decode(encoded.trim()).map_err(|_| ())?;
    let json = miniz_oxide::inflate::decompress_to_vec_with_limit(&bytes, MAX_LINK_JSON)
        .map_err(|_| ())?;
    String::from_utf8(json).map_err(|_| ())
}

/// Whether the address bar holds a share link's options.
pub fn has_share_fragment() -> bool {
    window()
        .and_then(|w| w.location().hash().ok())
        .is_some_and(|h| h.starts_with(FRAGMENT_PREFIX) || h.starts_with(OLD_FRAGMENT_PREFIX))
}

/// Removes the options from the address bar (they are in the saved draft by then).
pub fn clear_fragment() {
    let Some(window) = window() else { return };
    let location = window.location();
    let (Ok(path), Ok(search)) = (location.pathname(), location.search()) else {
        return;
    };
    if let Ok(history) = window.history() {
        let _ =
            history.replace_state_with_url(&JsValue::NULL, "", Some(&format!("{path}{search}")));
    }
}

/// Puts the options into the address bar's fragment and returns the whole link. Only
/// the options that differ from the defaults are included, to keep the link short.
pub fn make_share_link(options: &Options) -> Result<String, String> {
    let window = window().ok_or("no browser window")?;
    let encoded = encode_link(&link_json(options)?);
    let location = window.location();
    let base = format!(
        "{}{}{}",
        location.origin().map_err(|_| "no page address")?,
        location.pathname().map_err(|_| "no page address")?,
        location.search().unwrap_or_default()
    );
    let link = format!("{base}{FRAGMENT_PREFIX}{encoded}");
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&link));
    }
    Ok(link)
}

/// What a share link carries: the options that differ from the defaults, as JSON.
fn link_json(options: &Options) -> Result<String, String> {
    let value = serde_json::to_value(options).map_err(|e| e.to_string())?;
    let defaults = serde_json::to_value(Options::default()).map_err(|e| e.to_string())?;
    let changed = difference(&value, &defaults).unwrap_or(Value::Object(Map::new()));
    serde_json::to_string(&changed).map_err(|e| e.to_string())
}

/// What of `value` differs from `defaults`: objects key by key, anything else whole.
fn difference(value: &Value, defaults: &Value) -> Option<Value> {
    match (value, defaults) {
        (Value::Object(ours), Value::Object(theirs)) => {
            let changed: Map<String, Value> = ours
                .iter()
                .filter_map(|(key, v)| {
                    let d = difference(v, theirs.get(key).unwrap_or(&Value::Null))?;
                    Some((key.clone(), d))
                })
                .collect();
            (!changed.is_empty()).then_some(Value::Object(changed))
        }
        _ if value == defaults => None,
        _ => Some(value.clone()),
    }
}

/// Compiles the pack's clauses, from clause `from` on, whenever the browser is idle: the
/// built-in pack compiles each clause on first use, and a clause first selected by a
/// keystroke would otherwise be compiled before that keystroke's preview. Each idle
/// period compiles clauses while it has a few milliseconds left (one clause takes well
/// under one), so that a keystroke waits for one clause at most.
pub fn prepare_clauses_when_idle(pack: &'static caucus_core::Pack, from: usize) {
    /// Stop compiling when the idle period has less than this left (milliseconds).
    const MARGIN_MS: f64 = 4.0;
    let Some(window) = window() else { return };
    if from >= pack.clauses.len() {
        return;
    }
    let next = Closure::once_into_js(move |deadline: web_sys::IdleDeadline| {
        let mut next = from;
        while next < pack.clauses.len() {
            pack.prepare_clause(next);
            next += 1;
            if deadline.time_remaining() < MARGIN_MS {
                break;
            }
        }
        prepare_clauses_when_idle(pack, next);
    });
    let _ = window.request_idle_callback(next.unchecked_ref());
}

/// Runs `work` and records how long it took as a User Timing measure called `name`, so
/// that the browser's performance tools (and the browser tests) can see where start-up
/// time goes. Outside a browser it just runs `work`.
pub fn timed<T>(name: &str, work: impl FnOnce() -> T) -> T {
    let performance = window().and_then(|w| w.performance());
    let (start, end) = (format!("{name}:start"), format!("{name}:end"));
    if let Some(p) = &performance {
        let _ = p.mark(&start);
    }
    let out = work();
    if let Some(p) = &performance {
        let _ = p.mark(&end);
        let _ = p.measure_with_start_mark_and_end_mark(name, &start, &end);
    }
    out
}

/// After the form and the documents swap places (narrow screens), shows the top of the
/// pane that appeared if the page was scrolled past it.
pub fn reveal_workspace() {
    let Some(workspace) =
        document().and_then(|d| d.query_selector(".caucus-app .workspace").ok().flatten())
    else {
        return;
    };
    if workspace.get_bounding_client_rect().top() < 0.0 {
        workspace.scroll_into_view();
    }
}

/// The element a clause of the preview is shown in, and the HTML it shows.
pub type ShownClause = (web_sys::Element, yew::AttrValue);

/// The element that shows a clause whose HTML (one `<section>`, from the engine) is
/// `html`: the element in `shown`, brought up to date in place, when there is one of the
/// same kind; else a new one, kept in `shown`. None outside a browser.
///
/// A keystroke changes a few words of a few clauses. Replacing those clauses' elements
/// (as Yew does with raw HTML) made the browser tear down and lay out again every
/// paragraph in them, and the sections around them (the preview's styles look at a
/// clause's neighbours): most of the layout and paint work that followed a keystroke.
/// Changing only the text and attributes that differ keeps the rest as it was.
pub fn shown_clause(
    shown: &mut Option<ShownClause>,
    html: &yew::AttrValue,
) -> Option<web_sys::Node> {
    if let Some((element, showing)) = shown.as_ref()
        && showing == html
    {
        return Some(element.clone().into());
    }
    let fresh = parse_clause(html)?;
    if let Some((element, showing)) = shown.as_mut()
        && fresh.node_name() == element.node_name()
    {
        morph(element, &fresh);
        *showing = html.clone();
        return Some(element.clone().into());
    }
    *shown = Some((fresh.clone(), html.clone()));
    Some(fresh.into())
}

/// The element of a clause's HTML, parsed outside the page (in a template, where nothing
/// loads); None if the HTML is not one element.
fn parse_clause(html: &str) -> Option<web_sys::Element> {
    let template: web_sys::HtmlTemplateElement = document()?
        .create_element("template")
        .ok()?
        .dyn_into()
        .ok()?;
    template.set_inner_html(html);
    let element = template.content().first_element_child()?;
    element.next_element_sibling().is_none().then_some(element)
}

/// Makes `shown` (in the page) the same as `fresh` (just parsed, of the same tag):
/// attributes, then children, node by node, going into only those that differ; a child
/// of another kind is replaced by the fresh one, which moves out of `fresh`.
fn morph(shown: &web_sys::Element, fresh: &web_sys::Element) {
    if shown.has_attributes() || fresh.has_attributes() {
        for name in shown
            .get_attribute_names()
            .iter()
            .filter_map(|n| n.as_string())
        {
            if !fresh.has_attribute(&name) {
                let _ = shown.remove_attribute(&name);
            }
        }
        for name in fresh
            .get_attribute_names()
            .iter()
            .filter_map(|n| n.as_string())
        {
            let value = fresh.get_attribute(&name).unwrap_or_default();
            if shown.get_attribute(&name).as_deref() != Some(value.as_str()) {
                let _ = shown.set_attribute(&name, &value);
            }
        }
    }
    let mut old = shown.first_child();
    let mut new = fresh.first_child();
    while let Some(node) = new {
        new = node.next_sibling();
        let Some(current) = old else {
            let _ = shown.append_child(&node);
            continue;
        };
        old = current.next_sibling();
        // Most children are unchanged: the browser compares them whole.
        if current.is_equal_node(Some(&node)) {
            continue;
        }
        let kind = node.node_type();
        if kind != current.node_type() {
            let _ = shown.replace_child(&node, &current);
        } else if kind == web_sys::Node::ELEMENT_NODE {
            match (
                current.dyn_ref::<web_sys::Element>(),
                node.dyn_ref::<web_sys::Element>(),
            ) {
                (Some(a), Some(b)) if a.node_name() == b.node_name() => morph(a, b),
                _ => {
                    let _ = shown.replace_child(&node, &current);
                }
            }
        } else {
            let text = node.node_value();
            if current.node_value() != text {
                current.set_node_value(text.as_deref());
            }
        }
    }
    while let Some(current) = old {
        old = current.next_sibling();
        let _ = shown.remove_child(&current);
    }
}

/// In the next frame, scrolls the preview so that its clause at `index` is in view (if
/// it is not) and marks it briefly, so that a mediator sees what a change did.
pub fn show_changed_clause(index: usize) {
    let Some(window) = window() else { return };
    let reveal = Closure::once_into_js(move || {
        let Some(document) = document() else { return };
        let (Some(container), Ok(clauses)) = (
            document.get_element_by_id("preview-document"),
            document.query_selector_all("#preview-document .caucus-document > .clause"),
        ) else {
            return;
        };
        let Some(clause) = clauses
            .item(index as u32)
            .and_then(|node| node.dyn_into::<web_sys::Element>().ok())
        else {
            return;
        };
        let view = container.get_bounding_client_rect();
        let place = clause.get_bounding_client_rect();
        let visible = place.bottom() > view.top() + 24.0 && place.top() < view.bottom() - 24.0;
        if !visible {
            let top = container.scroll_top() as f64 + place.top() - view.top() - 16.0;
            container.set_scroll_top(top.max(0.0) as i32);
        }
        let classes = clause.class_list();
        let _ = classes.remove_1("just-changed");
        let _ = clause.get_bounding_client_rect();
        let _ = classes.add_1("just-changed");
    });
    let _ = window.request_animation_frame(reveal.unchecked_ref());
}

/// Opens the browser's print dialog.
pub fn print() {
    if let Some(window) = window() {
        let _ = window.print();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_share_link_carries_only_what_changed_and_reads_back() {
        let mut options = Options::default();
        options.parties[0].name = "Acme & Sons <Ltd>".into();
        options.breakout_rooms.enabled = false;
        let value = serde_json::to_value(&options).expect("options serialise");
        let defaults = serde_json::to_value(Options::default()).expect("defaults serialise");
        let changed = difference(&value, &defaults).expect("something changed");
        assert_eq!(
            changed["breakout_rooms"],
            serde_json::json!({"enabled": false})
        );
        assert!(changed.get("recording").is_none());
        let back = Options::from_value(changed).expect("the difference reads back");
        assert_eq!(back, options);
    }

    #[test]
    fn share_links_are_compressed_and_a_cut_one_is_refused() {
        // The issue's task: a two-party commercial mediation on Teams, recording by
        // consent of all, costs 60/40, passcode sent separately.
        let options = Options::from_json_str(
            r#"{"mediator": {"name": "Dana Whitfield"},
                "parties": [{"name": "Northwind Logistics Ltd", "role": "Claimant"},
                            {"name": "Fabrikam Insurance plc", "role": "Respondent"}],
                "platform": {"kind": "microsoft-teams"}, "recording": {"policy": "consent-of-all"},
                "costs": {"allocation": "stated-shares", "shares": [60, 40]},
                "security": {"passcode": true, "passcode_separate": true}}"#,
        )
        .expect("valid options");
        let json = link_json(&options).expect("the link's JSON");
        let encoded = encode_link(&json);
        // encodeURIComponent's length: what the first edition's links were.
        let percent: usize = json
            .bytes()
            .map(|b| {
                if b.is_ascii_alphanumeric() || b"-_.!~*'()".contains(&b) {
                    1
                } else {
                    3
                }
            })
            .sum();
        assert!(
            encoded.len() * 3 < percent * 2,
            "{} against {percent}",
            encoded.len()
        );
        assert_eq!(decode_link(&encoded).as_deref(), Ok(json.as_str()));
        for cut in [encoded.len() / 2, encoded.len() - 3] {
            assert_eq!(decode_link(&encoded[..cut]), Err(()), "cut at {cut}");
        }
        assert_eq!(decode_link("not base64!"), Err(()));
    }
}
