//! What a template reads: the paths of the data its rendering depends on.
//!
//! A template renders the same text whenever the values at these paths are the same, so
//! a rendering can be remembered under them (`memo.rs`). The paths are found by walking
//! handlebars' template tree as handlebars resolves paths when it renders: relative to
//! the innermost `{{#each}}` or `{{#with}}` (an `{{#if}}` opens no scope), `../` one scope
//! up, `@root` from the top. Inside `{{#each list}}` every path is taken to read the whole
//! list, and `@index`, `@first` and `@last` depend on nothing else. The helpers' own
//! reads come from their table (`helpers.rs`: the locale, the reference word), and a
//! `ref` reads its target's number.
//!
//! Anything the walk cannot place — a construct outside the template language, a block
//! over a value that is not a path — makes the answer "not known", and such a template
//! is rendered every time. Validation refuses those constructs, so this is a safety net.

use super::helpers::{self, Form, REFS_KEY};
use handlebars::template::{HelperTemplate, Parameter, TemplateElement};
use handlebars::{Path, PathSeg, Template};
use std::collections::BTreeSet;

/// A path of the data, as its keys: `["case", "locale"]`, `["parties", "0", "name"]`.
pub type DataPath = Vec<String>;

/// The paths of the data the template's rendering depends on; `None` when the walk
/// cannot tell.
pub fn reads(template: &Template) -> Option<BTreeSet<DataPath>> {
    let mut walk = Walk::default();
    let mut scopes = vec![Scope {
        at: Vec::new(),
        whole: false,
    }];
    walk.template(template, &mut scopes).ok()?;
    Some(walk.paths)
}

/// The walk met something it cannot place.
struct Unknown;

/// The value a scope of the walk stands on: its path, and whether it is an element of
/// the list at that path (inside `{{#each}}`), so that what is read there is the list.
#[derive(Clone)]
struct Scope {
    at: DataPath,
    whole: bool,
}

#[derive(Default)]
struct Walk {
    paths: BTreeSet<DataPath>,
}

impl Walk {
    fn template(&mut self, template: &Template, scopes: &mut Vec<Scope>) -> Result<(), Unknown> {
        for element in &template.elements {
            match element {
                TemplateElement::RawString(_) | TemplateElement::Comment(_) => {}
                TemplateElement::Expression(h) | TemplateElement::HtmlExpression(h) => {
                    self.expression(h, scopes)?;
                }
                TemplateElement::HelperBlock(h) => self.block(h, scopes)?,
                _ => return Err(Unknown),
            }
        }
        Ok(())
    }

    /// `{{path}}`, `{{helper args}}` or `{{(subexpression)}}`.
    fn expression(&mut self, h: &HelperTemplate, scopes: &[Scope]) -> Result<(), Unknown> {
        if !h.hash.is_empty() || h.block_param.is_some() {
            return Err(Unknown);
        }
        match &h.name {
            Parameter::Name(name) => self.helper(name, &h.params, Form::Value, scopes).map(drop),
            Parameter::Path(path) if h.params.is_empty() => match helpers::named_by(path) {
                // A helper's name alone calls it without arguments.
                Some(name) => self.helper(name, &[], Form::Value, scopes).map(drop),
                None => self.path(path, scopes).map(drop),
            },
            other => self.param(other, scopes).map(drop),
        }
    }

    /// A helper's arguments and its own reads. `form` is `Block` for a block helper; the
    /// others may stand anywhere else.
    fn helper(
        &mut self,
        name: &str,
        params: &[Parameter],
        form: Form,
        scopes: &[Scope],
    ) -> Result<Option<Scope>, Unknown> {
        let spec = helpers::spec(name).ok_or(Unknown)?;
        if (spec.form == Form::Block) != (form == Form::Block) {
            return Err(Unknown);
        }
        let mut subject = None;
        for (i, param) in params.iter().enumerate() {
            let scope = self.param(param, scopes)?;
            if i == 0 {
                subject = scope;
            }
        }
        for path in spec.reads {
            self.paths
                .insert(path.split('.').map(str::to_owned).collect());
        }
        if spec.name == "ref" {
            let target = match params.first() {
                Some(Parameter::Literal(serde_json::Value::String(target))) => target,
                _ => return Err(Unknown),
            };
            self.paths.insert(vec![REFS_KEY.to_owned(), target.clone()]);
        }
        Ok(subject)
    }

    /// One argument; the scope of its value when it is a path of the data.
    fn param(&mut self, param: &Parameter, scopes: &[Scope]) -> Result<Option<Scope>, Unknown> {
        match param {
            Parameter::Path(path) => self.path(path, scopes),
            Parameter::Literal(_) => Ok(None),
            Parameter::Subexpression(sub) => match sub.as_element() {
                TemplateElement::Expression(h) => self.expression(h, scopes).map(|()| None),
                _ => Err(Unknown),
            },
            _ => Err(Unknown),
        }
    }

    /// Resolves a path as handlebars does, and records what it reads.
    fn path(&mut self, path: &Path, scopes: &[Scope]) -> Result<Option<Scope>, Unknown> {
        let segments = match path {
            Path::Relative((segments, _)) => segments,
            // `@index`, `@first`, `@last`: from the list the block reads already.
            Path::Local(_) => return Ok(None),
        };
        let mut depth = scopes.len() - 1;
        let mut keys = Vec::new();
        for segment in segments {
            match segment {
                PathSeg::Named(key) => keys.push(key.clone()),
                PathSeg::Ruled(rule) if keys.is_empty() => match format!("{rule:?}").as_str() {
                    "path_up" => depth = depth.checked_sub(1).ok_or(Unknown)?,
                    "path_root" => depth = 0,
                    _ => return Err(Unknown),
                },
                _ => return Err(Unknown),
            }
        }
        let base = &scopes[depth];
        let scope = if base.whole {
            base.clone()
        } else {
            let mut at = base.at.clone();
            at.extend(keys);
            Scope { at, whole: false }
        };
        self.paths.insert(scope.at.clone());
        Ok(Some(scope))
    }

    /// `{{#if}}`, `{{#unless}}`, `{{#each}}`, `{{#with}}`: the argument, then the body in
    /// the scope the block opens, then the `{{else}}` part in the scope around it.
    fn block(&mut self, h: &HelperTemplate, scopes: &mut Vec<Scope>) -> Result<(), Unknown> {
        if !h.hash.is_empty() || h.block_param.is_some() {
            return Err(Unknown);
        }
        let name = h.name.as_name().ok_or(Unknown)?;
        let subject = self.helper(name, &h.params, Form::Block, scopes)?;
        let opens = match name {
            "each" => Some(Scope {
                whole: true,
                ..subject.ok_or(Unknown)?
            }),
            "with" => Some(subject.ok_or(Unknown)?),
            _ => None,
        };
        if let Some(body) = &h.template {
            match opens {
                Some(scope) => {
                    scopes.push(scope);
                    let walked = self.template(body, scopes);
                    scopes.pop();
                    walked?;
                }
                None => self.template(body, scopes)?,
            }
        }
        if let Some(inverse) = &h.inverse {
            self.template(inverse, scopes)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(source: &str) -> Option<Vec<String>> {
        let template = Template::compile(source).expect("compiles");
        reads(&template).map(|paths| paths.into_iter().map(|p| p.join(".")).collect())
    }

    fn paths(list: &[&str]) -> Option<Vec<String>> {
        Some(list.iter().map(|p| (*p).to_owned()).collect())
    }

    #[test]
    fn paths_are_read_from_the_scope_they_resolve_in() {
        assert_eq!(read("Plain text."), paths(&[]));
        assert_eq!(
            read("{{parties.0.name}} on {{date case.date}}"),
            paths(&["case.date", "case.locale", "parties.0.name"])
        );
        assert_eq!(
            read("{{#with mediator}}{{name}}{{#if @root.x}}{{../case.y}}{{/if}}{{/with}}"),
            paths(&["case.y", "mediator", "mediator.name", "x"])
        );
        assert_eq!(
            read("{{#each parties}}{{@index}} {{name}}{{else}}{{none}}{{/each}}"),
            paths(&["none", "parties"])
        );
        assert_eq!(
            read("{{#if (eq recording.policy \"x\")}}See {{ref \"recording\"}}.{{/if}}"),
            paths(&["__ref_word", "__refs.recording", "recording.policy"])
        );
        assert_eq!(
            read("{{#each a}}{{#each ../b}}{{c}}{{/each}}{{/each}}"),
            paths(&["a", "b"])
        );
    }

    #[test]
    fn what_the_walk_cannot_place_is_not_known() {
        assert_eq!(read("{{#each (len parties)}}{{x}}{{/each}}"), None);
        assert_eq!(read("{{#each parties as |p|}}{{p.name}}{{/each}}"), None);
        assert_eq!(read("{{lookup parties 0}}"), None);
        assert_eq!(read("{{join parties name=\"x\"}}"), None);
        assert_eq!(read("{{../up}}"), None);
    }
}
