//! The template language of clause packs, and its parser.
//!
//! Clause templates use a small subset of handlebars: `{{path}}`, helper calls with
//! subexpressions (`{{join parties "name"}}`, `(eq recording.policy "prohibited")`), the
//! blocks `#if`, `#unless`, `#each` and `#with` with `{{else}}` and `{{else if ...}}`,
//! comments, whitespace control (`{{~` and `~}}`) and `\{{` for literal braces. A block
//! tag or comment alone on its line removes that line, as in handlebars, so that the
//! templates read naturally and packs written for handlebars render the same.
//!
//! The engine has its own parser rather than a general handlebars library because clause
//! packs need far less than handlebars offers: pest-based handlebars parsing was most of
//! the time to load a pack, this parser knows each tag's line and column, and it keeps
//! the WebAssembly module small. What the subset leaves out
//! (partials, decorators, hash arguments, block parameters, triple braces) is parsed far
//! enough to be reported with its place, never silently ignored.

use serde_json::Value;
use std::fmt;

/// A parsed template: the nodes of its top level.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Template {
    pub nodes: Vec<Node>,
}

/// 1-based line and column (in characters) of a tag within its template's source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pos {
    pub line: u32,
    pub column: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// Text, output as it is.
    Text(String),
    /// `{{expr}}`: a value (escaped for Markdown) or a helper's output.
    Output { expr: Expr, at: Pos },
    /// `{{#if x}}...{{else}}...{{/if}}` and the other blocks.
    Block(Box<Block>),
    /// Something the language does not support, kept so that validation reports it in
    /// order with everything else.
    Unsupported { what: Unsupported, at: Pos },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unsupported {
    /// `{{{x}}}`: would insert a value without escaping it.
    TripleBraces,
    /// `{{> partial}}` and `{{#> partial}}`.
    Partial,
    /// `{{* decorator}}` and `{{#* decorator}}`.
    Decorator,
    /// `name=value` arguments.
    HashArgument,
    /// `as |x|` block parameters.
    BlockParameter,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    pub kind: BlockKind,
    /// The name as written after `#`, kept for messages about unknown blocks.
    pub name: String,
    pub arg: Option<Expr>,
    pub body: Template,
    pub inverse: Option<Template>,
    pub at: Pos,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    If,
    Unless,
    Each,
    With,
    /// A block helper the engine does not know; validation reports it.
    Unknown,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    Path(Path),
    Literal(Value),
    /// A helper applied to arguments, at the top of a tag or in parentheses.
    Call {
        name: String,
        args: Vec<Expr>,
    },
}

/// A path to a value: `recording.policy`, `this`, `../name`, `@root.case.locale`,
/// `@index`.
#[derive(Debug, Clone, PartialEq)]
pub struct Path {
    /// As written, for messages and for `when`-style guards.
    pub raw: String,
    pub start: PathStart,
    pub segments: Vec<Segment>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathStart {
    /// The current context (the element of the innermost `#each` or `#with`).
    Here,
    /// `../`: that many contexts out.
    Up(usize),
    /// `@root`.
    Root,
    /// `@index`, `@first`, `@last` or `@key` of the innermost `#each`.
    Local(Local),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Local {
    Index,
    First,
    Last,
    /// Any other `@name`; validation reports it.
    Unknown,
}

/// One step of a path: a table key, or a list index when it is a number.
#[derive(Debug, Clone, PartialEq)]
pub struct Segment {
    pub key: Box<str>,
    pub index: Option<usize>,
}

/// A template that cannot be parsed, with the place of the problem.
#[derive(Debug, Clone, PartialEq)]
pub struct SyntaxError {
    pub at: Pos,
    pub message: String,
    /// Where the block that the problem concerns was opened, if it does.
    pub opened: Option<Pos>,
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.at.line, self.at.column, self.message)?;
        if let Some(opened) = self.opened {
            write!(f, " (opened at {}:{})", opened.line, opened.column)?;
        }
        Ok(())
    }
}

impl Template {
    /// Parses a template.
    pub fn parse(source: &str) -> Result<Template, SyntaxError> {
        Parser::new(source).parse()
    }

    /// The template's text when it has no tags at all: its rendering, whatever the values.
    pub fn as_text(&self) -> Option<&str> {
        match self.nodes.as_slice() {
            [] => Some(""),
            [Node::Text(text)] => Some(text),
            _ => None,
        }
    }
}

/// What a tag is, once its braces are read.
enum Tag {
    Output(Expr),
    Open {
        name: String,
        arg: Option<Expr>,
    },
    Else {
        chain: Option<(String, Option<Expr>)>,
    },
    Close(String),
    Comment,
    Unsupported(Unsupported),
}

/// A block being parsed: its opening and the branches read so far.
struct OpenBlock {
    name: String,
    arg: Option<Expr>,
    at: Pos,
    /// The body, once an `{{else}}` has been met.
    body: Option<Vec<Node>>,
    /// `{{else if x}}` branches met so far, innermost last: each becomes a block nested in
    /// the inverse of the one before.
    chain: Vec<Link>,
    /// A plain `{{else}}` has been met: no other may follow.
    plain_else: bool,
}

/// An `{{else if ...}}` branch (or, without a name, the final `{{else}}` after one).
struct Link {
    name: String,
    arg: Option<Expr>,
    at: Pos,
    nodes: Vec<Node>,
}

impl Link {
    fn new(name: String, arg: Option<Expr>, at: Pos) -> Link {
        Link {
            name,
            arg,
            at,
            nodes: Vec::new(),
        }
    }
}

struct Parser<'s> {
    source: &'s str,
    /// Byte offset of the next unread character.
    pos: usize,
    /// Line and the byte offset where it starts, for the position of `pos`.
    line: u32,
    line_start: usize,
    /// The nodes of the innermost open block (or the top level).
    nodes: Vec<Node>,
    open: Vec<(OpenBlock, Vec<Node>)>,
    /// Text loses its leading whitespace (after `~}}`).
    trim_next_whitespace: bool,
    /// The previous tag stood alone on its line: the rest of that line goes.
    trim_next_line: bool,
}

fn is_blank(c: char) -> bool {
    c == ' ' || c == '\t'
}

/// After blanks, a line break: the text after a tag that stands alone on its line.
fn starts_with_empty_line(text: &str) -> bool {
    text.trim_start_matches(is_blank).starts_with(['\n', '\r'])
}

/// After a line break (or at the start), only blanks: the text before such a tag.
fn ends_with_empty_line(text: &str) -> bool {
    let text = text.trim_end_matches(is_blank);
    text.is_empty() || text.ends_with(['\n', '\r'])
}

impl<'s> Parser<'s> {
    fn new(source: &'s str) -> Self {
        Parser {
            source,
            pos: 0,
            line: 1,
            line_start: 0,
            nodes: Vec::new(),
            open: Vec::new(),
            trim_next_whitespace: false,
            trim_next_line: false,
        }
    }

    /// The line and column of a byte offset at or after `line_start`.
    fn pos_at(&mut self, offset: usize) -> Pos {
        let mut from = self.line_start;
        for (i, _) in self.source[from..offset].match_indices('\n') {
            self.line += 1;
            self.line_start = from + i + 1;
        }
        from = self.line_start;
        let column = self.source[from..offset].chars().count() + 1;
        Pos {
            line: self.line,
            column: u32::try_from(column).unwrap_or(u32::MAX),
        }
    }

    fn error(&mut self, offset: usize, message: impl Into<String>) -> SyntaxError {
        SyntaxError {
            at: self.pos_at(offset),
            message: message.into(),
            opened: None,
        }
    }

    fn parse(mut self) -> Result<Template, SyntaxError> {
        let source = self.source;
        let mut text = String::new();
        loop {
            let rest = &source[self.pos..];
            let Some(i) = rest.find("{{") else {
                text.push_str(rest);
                self.pos = source.len();
                self.push_text(std::mem::take(&mut text));
                break;
            };
            let start = self.pos + i;
            // `\{{` is literal braces; `\\{{` is a backslash before a tag.
            let before = &rest[..i];
            match before.len() - before.trim_end_matches('\\').len() {
                0 => text.push_str(before),
                1 => {
                    text.push_str(&before[..i - 1]);
                    text.push_str("{{");
                    self.pos = start + 2;
                    continue;
                }
                _ => text.push_str(&before[..i - 1]),
            }
            self.tag(start, &mut text)?;
        }
        if let Some((block, _)) = self.open.last() {
            let at = block.at;
            return Err(SyntaxError {
                at,
                message: format!("`{{{{#{}}}}}` is never closed", block.name),
                opened: None,
            });
        }
        Ok(Template { nodes: self.nodes })
    }

    /// Adds text, applying the trimming the previous tag asked for.
    fn push_text(&mut self, mut text: String) {
        if self.trim_next_whitespace {
            text = text.trim_start().to_owned();
        } else if self.trim_next_line {
            let rest = text.trim_start_matches(is_blank);
            let rest = rest
                .strip_prefix("\r\n")
                .or_else(|| rest.strip_prefix('\n'))
                .unwrap_or(rest);
            text = rest.to_owned();
        }
        self.trim_next_line = false;
        if !text.is_empty() {
            self.nodes.push(Node::Text(text));
        }
    }

    /// The last text node of the current branch, when the last node is text.
    fn last_text(&mut self) -> Option<&mut String> {
        match self.nodes.last_mut() {
            Some(Node::Text(text)) => Some(text),
            _ => None,
        }
    }

    /// Reads the tag at `start` (just past any text, which is in `text`).
    fn tag(&mut self, start: usize, text: &mut String) -> Result<(), SyntaxError> {
        let source = self.source;
        let at = self.pos_at(start);
        let (inner, end) = if source[start..].starts_with("{{!--") {
            match source[start + 5..].find("--}}") {
                Some(i) => ("!", start + 5 + i + 4),
                None => return Err(self.error(start, "this comment is never closed with `--}}`")),
            }
        } else if source[start..].starts_with("{{!") {
            match source[start + 3..].find("}}") {
                Some(i) => ("!", start + 3 + i + 2),
                None => return Err(self.error(start, "this comment is never closed with `}}`")),
            }
        } else {
            let triple = source[start..].starts_with("{{{");
            let close = if triple { "}}}" } else { "}}" };
            let open_len = close.len();
            match source[start + open_len..].find(close) {
                Some(i) => (
                    &source[start + open_len..start + open_len + i],
                    start + open_len + i + close.len(),
                ),
                None => {
                    return Err(
                        self.error(start, format!("this tag is never closed with `{close}`"))
                    );
                }
            }
        };
        let triple = inner != "!" && source[start..].starts_with("{{{");
        let mut inner = inner;
        let trim_before = inner.starts_with('~');
        if trim_before {
            inner = &inner[1..];
        }
        let trim_after = inner.ends_with('~');
        if trim_after {
            inner = &inner[..inner.len() - 1];
        }
        let tag = if triple {
            Tag::Unsupported(Unsupported::TripleBraces)
        } else {
            self.read_tag(inner.trim(), start)?
        };

        // Text before the tag ends here; `{{~` trims its trailing whitespace.
        self.push_text(std::mem::take(text));
        if trim_before && let Some(last) = self.last_text() {
            let kept = last.trim_end().len();
            last.truncate(kept);
        }
        let standalone_kind = matches!(
            tag,
            Tag::Open { .. } | Tag::Else { .. } | Tag::Close(_) | Tag::Comment
        ) || matches!(
            tag,
            Tag::Unsupported(Unsupported::Partial | Unsupported::Decorator)
        );
        // A block tag or comment alone on its line takes the line with it: the blanks
        // before it now, the blanks and line break after it with the next text.
        let mut standalone = false;
        if standalone_kind {
            let after = &source[end..];
            if starts_with_empty_line(after) || after.is_empty() {
                standalone = ends_with_empty_line(&source[..start]);
            }
        }
        if standalone && let Some(last) = self.last_text() {
            let kept = last.trim_end_matches(is_blank).len();
            last.truncate(kept);
        }
        let is_comment = matches!(tag, Tag::Comment);
        match tag {
            Tag::Output(expr) => self.nodes.push(Node::Output { expr, at }),
            // A comment leaves an empty text behind: like handlebars, `{{~` after it
            // then trims nothing before the comment.
            Tag::Comment => self.nodes.push(Node::Text(String::new())),
            Tag::Unsupported(what) => self.nodes.push(Node::Unsupported { what, at }),
            Tag::Open { name, arg } => {
                let outer = std::mem::take(&mut self.nodes);
                self.open.push((
                    OpenBlock {
                        name,
                        arg,
                        at,
                        body: None,
                        chain: Vec::new(),
                        plain_else: false,
                    },
                    outer,
                ));
            }
            Tag::Else { chain } => {
                let branch = std::mem::take(&mut self.nodes);
                let Some((block, _)) = self.open.last_mut() else {
                    return Err(SyntaxError {
                        at,
                        message: "`{{else}}` outside any block".into(),
                        opened: None,
                    });
                };
                if block.plain_else {
                    return Err(SyntaxError {
                        at,
                        message: "a block has a second `{{else}}`".into(),
                        opened: None,
                    });
                }
                match (block.body.is_none(), block.chain.last_mut()) {
                    (false, Some(link)) => link.nodes = branch,
                    _ => block.body = Some(branch),
                }
                if let Some((name, arg)) = chain {
                    block.chain.push(Link::new(name, arg, at));
                } else {
                    block.plain_else = true;
                    if !block.chain.is_empty() {
                        // The final `{{else}}` of a chain: a link without a name.
                        block.chain.push(Link::new(String::new(), None, at));
                    }
                }
            }
            Tag::Close(name) => {
                let Some((block, outer)) = self.open.pop() else {
                    return Err(SyntaxError {
                        at,
                        message: format!("`{{{{/{name}}}}}` closes no block"),
                        opened: None,
                    });
                };
                if block.name != name {
                    return Err(SyntaxError {
                        at,
                        message: format!(
                            "`{{{{/{name}}}}}` does not close the open block `{{{{#{}}}}}`",
                            block.name
                        ),
                        opened: Some(block.at),
                    });
                }
                let last = std::mem::replace(&mut self.nodes, outer);
                let node = close_block(block, last);
                self.nodes.push(node);
            }
        }
        self.pos = end;
        // As in handlebars, `~}}` trims the whitespace of all text up to the next tag
        // that is not a comment.
        if !is_comment {
            self.trim_next_whitespace = trim_after;
        }
        self.trim_next_line = standalone;
        Ok(())
    }

    /// Reads what is between the braces of a tag (without `~`).
    fn read_tag(&mut self, inner: &str, start: usize) -> Result<Tag, SyntaxError> {
        if inner.starts_with('!') {
            return Ok(Tag::Comment);
        }
        if let Some(rest) = inner.strip_prefix('#') {
            let rest = rest.trim_start();
            if rest.starts_with('>') {
                return Ok(Tag::Unsupported(Unsupported::Partial));
            }
            if rest.starts_with('*') {
                return Ok(Tag::Unsupported(Unsupported::Decorator));
            }
            let mut words = Words::new(rest);
            let name = words.name();
            if name.is_empty() {
                return Err(self.error(start, "a block tag needs a name: `{{#if path}}`"));
            }
            return Ok(match self.block_argument(&mut words, start)? {
                Ok(arg) => Tag::Open { name, arg },
                Err(what) => Tag::Unsupported(what),
            });
        }
        if let Some(rest) = inner.strip_prefix('/') {
            return Ok(Tag::Close(rest.trim().to_owned()));
        }
        if inner == "else" || inner == "^" {
            return Ok(Tag::Else { chain: None });
        }
        if let Some(rest) = inner.strip_prefix("else")
            && rest.starts_with(char::is_whitespace)
        {
            let mut words = Words::new(rest.trim_start());
            let name = words.name();
            return Ok(match self.block_argument(&mut words, start)? {
                Ok(arg) => Tag::Else {
                    chain: Some((name, arg)),
                },
                Err(what) => Tag::Unsupported(what),
            });
        }
        if inner.starts_with('>') {
            return Ok(Tag::Unsupported(Unsupported::Partial));
        }
        if inner.starts_with('*') {
            return Ok(Tag::Unsupported(Unsupported::Decorator));
        }
        let mut words = Words::new(inner);
        let expr = match self.call(&mut words, start, true)? {
            Ok(expr) => expr,
            Err(what) => return Ok(Tag::Unsupported(what)),
        };
        if !words.at_end() {
            return Err(self.error(start, format!("unexpected `{}` in this tag", words.rest())));
        }
        Ok(Tag::Output(expr))
    }

    /// The one argument of a block tag, if any.
    fn block_argument(
        &mut self,
        words: &mut Words<'_>,
        start: usize,
    ) -> Result<Result<Option<Expr>, Unsupported>, SyntaxError> {
        let args = match self.arguments(words, start)? {
            Ok(args) => args,
            Err(what) => return Ok(Err(what)),
        };
        if words.rest().starts_with("as") {
            return Ok(Err(Unsupported::BlockParameter));
        }
        if !words.at_end() {
            return Err(self.error(start, format!("unexpected `{}` in this tag", words.rest())));
        }
        let mut args = args;
        if args.len() > 1 {
            return Err(self.error(start, "a block takes one argument"));
        }
        Ok(Ok(args.pop()))
    }

    /// A path, literal or helper call; at the top of a tag, a name followed by arguments
    /// is a call.
    fn call(
        &mut self,
        words: &mut Words<'_>,
        start: usize,
        top: bool,
    ) -> Result<Result<Expr, Unsupported>, SyntaxError> {
        let Some(first) = self.atom(words, start)? else {
            return Err(self.error(start, "this tag is empty"));
        };
        let name = match &first {
            Expr::Path(p) if p.start == PathStart::Here && p.segments.len() == 1 && top => {
                p.raw.clone()
            }
            _ => return Ok(Ok(first)),
        };
        let args = match self.arguments(words, start)? {
            Ok(args) => args,
            Err(what) => return Ok(Err(what)),
        };
        if args.is_empty() {
            return Ok(Ok(first));
        }
        Ok(Ok(Expr::Call { name, args }))
    }

    /// Arguments until the end of the tag or a closing parenthesis.
    fn arguments(
        &mut self,
        words: &mut Words<'_>,
        start: usize,
    ) -> Result<Result<Vec<Expr>, Unsupported>, SyntaxError> {
        let mut args = Vec::new();
        loop {
            words.skip_blanks();
            if words.at_end() || words.rest().starts_with(')') || words.rest().starts_with("as |") {
                return Ok(Ok(args));
            }
            if words.is_hash_argument() {
                return Ok(Err(Unsupported::HashArgument));
            }
            match self.atom(words, start)? {
                Some(arg) => args.push(arg),
                None => {
                    return Err(
                        self.error(start, format!("unexpected `{}` in this tag", words.rest()))
                    );
                }
            }
        }
    }

    /// A path, a literal or a parenthesised call.
    fn atom(&mut self, words: &mut Words<'_>, start: usize) -> Result<Option<Expr>, SyntaxError> {
        words.skip_blanks();
        if words.eat('(') {
            words.skip_blanks();
            let name = match words.name() {
                name if !name.is_empty() => name,
                _ => {
                    return Err(
                        self.error(start, "a subexpression needs a helper name: `(eq a b)`")
                    );
                }
            };
            let args = match self.arguments(words, start)? {
                Ok(args) => args,
                Err(_) => {
                    return Err(self.error(start, "subexpressions take no `name=value` arguments"));
                }
            };
            if !words.eat(')') {
                return Err(self.error(start, "a subexpression is never closed with `)`"));
            }
            return Ok(Some(Expr::Call { name, args }));
        }
        if let Some(quote) = words.peek().filter(|c| *c == '"' || *c == '\'') {
            return match words.string(quote) {
                Some(s) => Ok(Some(Expr::Literal(Value::String(s)))),
                None => Err(self.error(start, "a quoted text is never closed")),
            };
        }
        let word = words.name();
        if word.is_empty() {
            return Ok(None);
        }
        if let Some(literal) = literal(&word) {
            return Ok(Some(Expr::Literal(literal)));
        }
        match path(&word) {
            Some(p) => Ok(Some(Expr::Path(p))),
            None => Err(self.error(start, format!("`{word}` is not a path"))),
        }
    }
}

/// Builds the block node from its opening, its branches and the last branch's nodes.
fn close_block(block: OpenBlock, last: Vec<Node>) -> Node {
    let OpenBlock {
        name,
        arg,
        at,
        body,
        mut chain,
        ..
    } = block;
    let (body, mut inverse) = match body {
        None => (last, None),
        Some(body) => {
            if let Some(link) = chain.last_mut() {
                link.nodes = last;
                (body, None)
            } else {
                (body, Some(Template { nodes: last }))
            }
        }
    };
    // `{{else if b}}X{{else}}Y` becomes an inverse holding `{{#if b}}X{{else}}Y{{/if}}`;
    // a trailing link without a name is that final `{{else}}`.
    let final_else = match chain.last() {
        Some(link) if link.name.is_empty() => chain.pop().map(|link| link.nodes),
        _ => None,
    };
    let mut tail = final_else.map(|nodes| Template { nodes });
    for Link {
        name,
        arg,
        at,
        nodes,
    } in chain.into_iter().rev()
    {
        tail = Some(Template {
            nodes: vec![Node::Block(Box::new(Block {
                kind: BlockKind::of(&name),
                name,
                arg,
                body: Template { nodes },
                inverse: tail,
                at,
            }))],
        });
    }
    if tail.is_some() {
        inverse = tail;
    }
    Node::Block(Box::new(Block {
        kind: BlockKind::of(&name),
        name,
        arg,
        body: Template { nodes: body },
        inverse,
        at,
    }))
}

impl BlockKind {
    fn of(name: &str) -> BlockKind {
        match name {
            "if" => BlockKind::If,
            "unless" => BlockKind::Unless,
            "each" => BlockKind::Each,
            "with" => BlockKind::With,
            _ => BlockKind::Unknown,
        }
    }
}

/// `true`, `false`, `null` and numbers.
fn literal(word: &str) -> Option<Value> {
    match word {
        "true" => return Some(Value::Bool(true)),
        "false" => return Some(Value::Bool(false)),
        "null" => return Some(Value::Null),
        _ => {}
    }
    let digits = word.strip_prefix('-').unwrap_or(word);
    if !digits.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    if let Ok(n) = word.parse::<u64>() {
        return Some(Value::from(n));
    }
    if let Ok(n) = word.parse::<i64>() {
        return Some(Value::from(n));
    }
    word.parse::<f64>()
        .ok()
        .filter(|f| f.is_finite())
        .map(Value::from)
}

/// Parses a path: segments separated by `.`, after an optional `@root.`, `../` or
/// `this`.
fn path(word: &str) -> Option<Path> {
    let raw = word.to_owned();
    let mut rest = word;
    let mut start = PathStart::Here;
    if let Some(local) = rest.strip_prefix('@') {
        if let Some(after) = local.strip_prefix("root") {
            start = PathStart::Root;
            rest = after.strip_prefix('.').unwrap_or(after);
            if !after.is_empty() && !after.starts_with('.') {
                return None;
            }
        } else {
            let local = match local {
                "index" => Local::Index,
                "first" => Local::First,
                "last" => Local::Last,
                _ => Local::Unknown,
            };
            return Some(Path {
                raw,
                start: PathStart::Local(local),
                segments: Vec::new(),
            });
        }
    } else {
        let mut ups = 0;
        while let Some(after) = rest.strip_prefix("../") {
            ups += 1;
            rest = after;
        }
        if ups > 0 {
            start = PathStart::Up(ups);
        }
        if rest == "this" || rest == "." {
            rest = "";
        } else if let Some(after) = rest.strip_prefix("this.") {
            rest = after;
        }
    }
    let mut segments = Vec::new();
    if !rest.is_empty() {
        for key in rest.split('.') {
            if key.is_empty()
                || !key
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
            {
                return None;
            }
            segments.push(Segment {
                key: key.into(),
                index: key.parse().ok(),
            });
        }
    }
    Some(Path {
        raw,
        start,
        segments,
    })
}

/// A cursor over the inside of a tag.
struct Words<'a> {
    rest: &'a str,
}

impl<'a> Words<'a> {
    fn new(text: &'a str) -> Self {
        Words { rest: text }
    }

    fn rest(&self) -> &'a str {
        self.rest
    }

    fn at_end(&self) -> bool {
        self.rest.trim_start().is_empty()
    }

    fn skip_blanks(&mut self) {
        self.rest = self.rest.trim_start();
    }

    fn peek(&self) -> Option<char> {
        self.rest.chars().next()
    }

    fn eat(&mut self, c: char) -> bool {
        match self.rest.strip_prefix(c) {
            Some(after) => {
                self.rest = after;
                true
            }
            None => false,
        }
    }

    /// A run of characters up to a blank, a parenthesis or a quote.
    fn name(&mut self) -> String {
        self.skip_blanks();
        let end = self
            .rest
            .find(|c: char| c.is_whitespace() || matches!(c, '(' | ')' | '"' | '\'' | '='))
            .unwrap_or(self.rest.len());
        let (word, after) = self.rest.split_at(end);
        self.rest = after;
        word.to_owned()
    }

    /// Whether the next argument is `name=value`.
    fn is_hash_argument(&self) -> bool {
        let end = self
            .rest
            .find(|c: char| c.is_whitespace() || matches!(c, '(' | ')' | '"' | '\''))
            .unwrap_or(self.rest.len());
        self.rest[..end].contains('=')
    }

    /// A quoted text; `\"` and `\\` stand for the quote and the backslash.
    fn string(&mut self, quote: char) -> Option<String> {
        let mut out = String::new();
        let mut chars = self.rest.char_indices().skip(1);
        while let Some((i, c)) = chars.next() {
            if c == '\\' {
                match chars.next() {
                    Some((_, next)) => out.push(next),
                    None => return None,
                }
            } else if c == quote {
                self.rest = &self.rest[i + c.len_utf8()..];
                return Some(out);
            } else {
                out.push(c);
            }
        }
        None
    }
}
