//! Clause templates: handlebars in strict mode with our helpers and Markdown escaping,
//! the `derived` values, and the linear tag scan that guards the parser.
//!
//! handlebars is configured here and nowhere else: [`registry`] builds the one registry
//! every template is rendered with (strict, values escaped for Markdown, the helpers of
//! `helpers::HELPERS`). Templates are compiled once (`compile.rs`), when their pack loads
//! (`pack/validate.rs`), and kept by the pack; assembly renders those compiled templates
//! (`render.rs`) and never parses again.

pub mod compile;
pub mod derived;
pub mod escape;
pub mod helpers;
pub mod memo;
pub mod reads;
pub mod render;
pub mod spell;
pub mod tags;
pub mod values;

pub use handlebars::Template;
pub use render::Data;

use handlebars::Handlebars;
use std::sync::OnceLock;

/// The registry every clause template is rendered with: strict mode (a missing value is
/// an error, not an empty string), every value escaped for Markdown, and the helpers of
/// the table. It holds no templates: each pack keeps its own, compiled at load.
pub fn registry() -> &'static Handlebars<'static> {
    static REGISTRY: OnceLock<Handlebars<'static>> = OnceLock::new();
    REGISTRY.get_or_init(|| {
        let mut registry = Handlebars::new();
        registry.set_strict_mode(true);
        registry.register_escape_fn(escape::escape_markdown);
        helpers::register(&mut registry);
        registry
    })
}
