//! Rendering a parsed template against the options (as JSON) and one document's numbers.
//!
//! Rendering is strict: a path that does not exist is an error, never an empty string.
//! Load-time validation walks every branch of every template, so a pack that loaded
//! renders any valid options without error; the errors here are a last line of defence.
//!
//! The meaning of each construct follows handlebars, so that packs behave the same in
//! both: truthiness (`0`, `""`, `[]`, `null` and `false` are false), `{{#each}}` with
//! `@index`, `@first` and `@last`, and the comparison helpers.

use super::escape::push_escaped;
use super::helpers;
use super::syntax::{Block, BlockKind, Expr, Local, Node, Path, PathStart, Template};
use crate::options::Locale;
use serde_json::Value;
use std::borrow::Cow;
use std::cmp::Ordering;
use std::fmt;

/// What a template is rendered against.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// The options, plus `derived`.
    pub root: &'a Value,
    /// This document's numbers: topic or clause id → number.
    pub refs: &'a [(&'a str, u32)],
    /// The word a cross-reference uses in this document: "clause", "section".
    pub ref_word: &'a str,
    pub locale: Locale,
}

/// Why a template could not be rendered.
#[derive(Debug, Clone, PartialEq)]
pub struct RenderError(pub String);

impl fmt::Display for RenderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The values a path can start from: the root, then the element of each enclosing
/// `{{#each}}` or `{{#with}}`.
pub(super) struct Frame<'a> {
    value: &'a Value,
    /// Position and length of the list, for an `{{#each}}` element.
    each: Option<(usize, usize)>,
}

impl Template {
    /// Renders the template, appending to `out`.
    pub fn render(&self, cx: &Context<'_>, out: &mut String) -> Result<(), RenderError> {
        let mut frames = vec![Frame {
            value: cx.root,
            each: None,
        }];
        render_nodes(&self.nodes, cx, &mut frames, out)
    }

    /// Renders the template to a new string.
    pub fn render_to_string(&self, cx: &Context<'_>) -> Result<String, RenderError> {
        if let Some(text) = self.as_text() {
            return Ok(text.to_owned());
        }
        let mut out = String::with_capacity(1024);
        self.render(cx, &mut out)?;
        Ok(out)
    }
}

fn render_nodes<'a>(
    nodes: &'a [Node],
    cx: &Context<'a>,
    frames: &mut Vec<Frame<'a>>,
    out: &mut String,
) -> Result<(), RenderError> {
    for node in nodes {
        match node {
            Node::Text(text) => out.push_str(text),
            Node::Output { expr, .. } => output(expr, cx, frames, out)?,
            Node::Block(block) => render_block(block, cx, frames, out)?,
            Node::Unsupported { what, .. } => {
                return Err(RenderError(format!("{what:?} is not supported")));
            }
        }
    }
    Ok(())
}

/// `{{expr}}`: a value is escaped for Markdown; a helper writes Markdown itself.
fn output<'a>(
    expr: &'a Expr,
    cx: &Context<'a>,
    frames: &[Frame<'a>],
    out: &mut String,
) -> Result<(), RenderError> {
    match expr {
        Expr::Call { name, args } if helpers::writes_markdown(name) => {
            helpers::write(name, args, cx, &|e| eval(e, cx, frames), out)
        }
        Expr::Call { .. } => {
            let value = eval(expr, cx, frames)?;
            push_display(&value, out);
            Ok(())
        }
        _ => {
            let value = eval(expr, cx, frames)?;
            match value.as_ref() {
                Value::String(s) => push_escaped(s, out),
                Value::Null => {}
                other => {
                    let mut shown = String::new();
                    push_display(other, &mut shown);
                    push_escaped(&shown, out);
                }
            }
            Ok(())
        }
    }
}

fn render_block<'a>(
    block: &'a Block,
    cx: &Context<'a>,
    frames: &mut Vec<Frame<'a>>,
    out: &mut String,
) -> Result<(), RenderError> {
    let Some(arg) = &block.arg else {
        return Err(RenderError(format!("`#{}` needs an argument", block.name)));
    };
    let value = eval(arg, cx, frames)?;
    let inverse = |frames: &mut Vec<Frame<'a>>, out: &mut String| match &block.inverse {
        Some(t) => render_nodes(&t.nodes, cx, frames, out),
        None => Ok(()),
    };
    match block.kind {
        BlockKind::If | BlockKind::Unless => {
            if truthy(&value) == (block.kind == BlockKind::If) {
                render_nodes(&block.body.nodes, cx, frames, out)
            } else {
                inverse(frames, out)
            }
        }
        BlockKind::Each => {
            let Cow::Borrowed(value) = value else {
                return Err(RenderError("`#each` needs a list from the options".into()));
            };
            match value {
                Value::Array(items) if !items.is_empty() => {
                    for (i, item) in items.iter().enumerate() {
                        frames.push(Frame {
                            value: item,
                            each: Some((i, items.len())),
                        });
                        let done = render_nodes(&block.body.nodes, cx, frames, out);
                        frames.pop();
                        done?;
                    }
                    Ok(())
                }
                v if !truthy(v) => inverse(frames, out),
                _ => Err(RenderError("`#each` needs a list".into())),
            }
        }
        BlockKind::With => {
            let Cow::Borrowed(value) = value else {
                return Err(RenderError("`#with` needs a table from the options".into()));
            };
            if truthy(value) {
                frames.push(Frame { value, each: None });
                let done = render_nodes(&block.body.nodes, cx, frames, out);
                frames.pop();
                done
            } else {
                inverse(frames, out)
            }
        }
        BlockKind::Unknown => Err(RenderError(format!(
            "there is no block helper `#{}`",
            block.name
        ))),
    }
}

/// The value of an expression: borrowed from the options or the template, or computed.
fn eval<'a>(
    expr: &'a Expr,
    cx: &Context<'a>,
    frames: &[Frame<'a>],
) -> Result<Cow<'a, Value>, RenderError> {
    match expr {
        Expr::Literal(v) => Ok(Cow::Borrowed(v)),
        Expr::Path(path) => match path.start {
            PathStart::Local(_) => local(path, frames).map(Cow::Owned).ok_or_else(|| {
                RenderError(format!(
                    "`{}` has a value only inside {{{{#each}}}}",
                    path.raw
                ))
            }),
            _ => resolve(path, cx, frames).map(Cow::Borrowed),
        },
        Expr::Call { name, args } if helpers::writes_markdown(name) => {
            let mut text = String::new();
            helpers::write(name, args, cx, &|e| eval(e, cx, frames), &mut text)?;
            Ok(Cow::Owned(Value::String(text)))
        }
        Expr::Call { name, args } => {
            let values = args
                .iter()
                .map(|a| eval(a, cx, frames))
                .collect::<Result<Vec<_>, _>>()?;
            let arg = |i: usize| {
                values
                    .get(i)
                    .map(Cow::as_ref)
                    .ok_or_else(|| RenderError(format!("`{name}` needs {} arguments", i + 1)))
            };
            let result = match name.as_str() {
                "eq" => arg(0)? == arg(1)?,
                "ne" => arg(0)? != arg(1)?,
                "gt" => compare(arg(0)?, arg(1)?) == Some(Ordering::Greater),
                "gte" => compare(arg(0)?, arg(1)?).is_some_and(Ordering::is_ge),
                "lt" => compare(arg(0)?, arg(1)?) == Some(Ordering::Less),
                "lte" => compare(arg(0)?, arg(1)?).is_some_and(Ordering::is_le),
                "and" => values.iter().all(|v| truthy(v)),
                "or" => values.iter().any(|v| truthy(v)),
                "not" => !truthy(arg(0)?),
                "len" => {
                    let n = match arg(0)? {
                        Value::Array(a) => a.len(),
                        Value::Object(m) => m.len(),
                        Value::String(s) => s.len(),
                        _ => 0,
                    };
                    return Ok(Cow::Owned(Value::from(n)));
                }
                _ => return Err(RenderError(format!("there is no helper `{name}`"))),
            };
            Ok(Cow::Owned(Value::Bool(result)))
        }
    }
}

/// A path's value in the options, if it has one.
fn resolve<'a>(
    path: &Path,
    cx: &Context<'a>,
    frames: &[Frame<'a>],
) -> Result<&'a Value, RenderError> {
    let missing = || RenderError(format!("`{}` has no value here", path.raw));
    let mut node = match path.start {
        PathStart::Here => frames.last().map_or(cx.root, |f| f.value),
        PathStart::Root => cx.root,
        PathStart::Up(n) => frames
            .len()
            .checked_sub(n + 1)
            .map(|i| frames[i].value)
            .ok_or_else(missing)?,
        PathStart::Local(_) => return Err(missing()),
    };
    for segment in &path.segments {
        node = match node {
            Value::Object(map) => map.get(&*segment.key),
            Value::Array(items) => segment.index.and_then(|i| items.get(i)),
            _ => None,
        }
        .ok_or_else(missing)?;
    }
    Ok(node)
}

/// `@index`, `@first` and `@last` of the innermost `{{#each}}`.
fn local(path: &Path, frames: &[Frame<'_>]) -> Option<Value> {
    let PathStart::Local(local) = path.start else {
        return None;
    };
    let (index, len) = frames.iter().rev().find_map(|f| f.each)?;
    match local {
        Local::Index => Some(Value::from(index)),
        Local::First => Some(Value::Bool(index == 0)),
        Local::Last => Some(Value::Bool(index + 1 == len)),
        Local::Unknown => None,
    }
}

/// Truthiness as in handlebars: `false`, `null`, `0`, `""`, `[]` and `{}` are false.
pub fn truthy(value: &Value) -> bool {
    match value {
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64().is_some_and(f64::is_normal),
        Value::Null => false,
        Value::String(s) => !s.is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(m) => !m.is_empty(),
    }
}

/// Orders numbers by value and texts alphabetically; anything else is unordered.
fn compare(a: &Value, b: &Value) -> Option<Ordering> {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => match (x.as_i64(), y.as_i64()) {
            (Some(x), Some(y)) => Some(x.cmp(&y)),
            _ => x.as_f64()?.partial_cmp(&y.as_f64()?),
        },
        (Value::String(x), Value::String(y)) => Some(x.cmp(y)),
        (Value::Bool(x), Value::Bool(y)) => Some(x.cmp(y)),
        _ => None,
    }
}

/// How a value reads in text: as handlebars shows it.
fn push_display(value: &Value, out: &mut String) {
    match value {
        Value::String(s) => out.push_str(s),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(&n.to_string()),
        Value::Null => {}
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                push_display(item, out);
            }
            out.push(']');
        }
        Value::Object(_) => out.push_str("[object]"),
    }
}
