//! Rendering clause templates: the handlebars registry, its helpers, Markdown escaping
//! of values, and the context (options plus `derived`).

pub mod derived;
pub mod escape;
pub mod helpers;
pub mod spell;

use handlebars::Handlebars;

/// A registry in strict mode, escaping values for Markdown, with our helpers.
pub fn registry() -> Handlebars<'static> {
    let mut registry = Handlebars::new();
    registry.set_strict_mode(true);
    registry.register_escape_fn(escape::escape_markdown);
    helpers::register(&mut registry);
    registry
}
