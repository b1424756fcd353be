//! Clause templates: their language and parser, rendering against the options, the
//! helpers, Markdown escaping of values, and the `derived` values.

pub mod derived;
pub mod escape;
pub mod helpers;
pub mod render;
pub mod spell;
pub mod syntax;

pub use render::Context;
pub use syntax::Template;

#[cfg(test)]
mod compat_tests;
