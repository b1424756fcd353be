//! caucus-core: the pure clause engine.
//!
//! Options in, numbered and consistent clauses out. The engine does no I/O of its own:
//! the caller hands it the clause pack's files and the options (dates included), so the
//! same input gives byte-identical output on every platform, native or WebAssembly.

mod assemble;
pub mod checks;
pub mod diagnostic;
pub mod document;
pub mod edits;
pub mod facts;
pub mod input;
pub mod model;
pub mod options;
pub mod pack;
pub mod render;
pub mod schema;
mod template;
pub mod time_zones;

pub use assemble::Assembly;
pub use diagnostic::{Citation, Diagnostic, Diagnostics, Location, Severity};
pub use document::{Clause, Definition, Document};
pub use options::Options;
pub use pack::Pack;
pub use schema::schema;
