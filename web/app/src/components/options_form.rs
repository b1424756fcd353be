//! The whole form, made from the options model: one section per group of options, in the
//! order `options.rs` declares them, each option with the field its kind calls for, and
//! only while it matters (its `x-shown-when`). An option added to the model appears here
//! with its title and help; nothing in the app names an option.

use caucus_core::model::{self, Kind, OptionInfo, OptionPath};
use serde_json::Value;
use yew::prelude::*;

use super::checkbox_field::CheckboxField;
use super::choice_field::ChoiceField;
use super::index_field::IndexField;
use super::list_editor::{ListEditor, owner_name};
use super::number_field::NumberField;
use super::part::Part;
use super::per_item_field::PerItemField;
use super::section::Section;
use super::text_field::{TextField, TextKind};
use super::time_zone_field::TimeZoneField;
use super::{Store, use_store};
use crate::ids::group_id;

/// Choices with more values than this are a drop-down list rather than radio buttons.
const MOST_RADIO_BUTTONS: usize = 4;

#[derive(Properties, PartialEq)]
pub struct OptionsFormProps {}

/// Every group of options, each in its section.
#[component]
pub fn OptionsForm(_props: &OptionsFormProps) -> Html {
    let store = use_store();
    // The mediator's own wording is edited beside each clause, in the preview.
    let groups: Vec<_> = model::groups()
        .iter()
        .filter(|group| group.edited_in.is_none())
        .collect();
    html! {
        <form class="options" aria-label="Options" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
            <nav class="jump" aria-label="Sections of the form">
                <ul>
                    { for groups.iter().map(|group| {
                        let key = group.key().unwrap_or_default();
                        html! { <li><a href={format!("#{}", group_id(key))}>{ group.title.clone() }</a></li> }
                    }) }
                </ul>
            </nav>
            { for groups.iter().map(|group| {
                let key = group.key().unwrap_or_default();
                let part = Part::new(&store, OptionPath::root().key(key));
                html! {
                    <Section group={AttrValue::from(key)} title={group.title.clone()} {part} />
                }
            }) }
        </form>
    }
}

#[derive(Properties, PartialEq)]
pub struct GroupFieldsProps {
    /// The group (`parties`): drawn again only when what it shows changed.
    pub part: Part,
}

/// The fields of one group of options.
#[component]
pub fn GroupFields(props: &GroupFieldsProps) -> Html {
    let Some(group) = model::option_at(&props.part.at) else {
        return Html::default();
    };
    let store = &props.part.store;
    draw(store, section_plan(group, &store.value), false)
}

/// How an option is shown.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Widget {
    Checkbox,
    /// Radio buttons, or a drop-down list (`select`).
    Choice {
        select: bool,
    },
    /// A position in another list, chosen by the items' names.
    Index,
    Number {
        decimal: bool,
    },
    /// A list of tables: its items, each with its fields.
    List,
    /// One value per item of another list.
    PerItem,
    Text(TextKind),
    /// A time zone from core's list.
    TimeZone,
    /// A table inside a table: its fields under a heading.
    Group,
}

/// One option the form shows, at its concrete path.
#[derive(Debug, Clone)]
pub struct Planned {
    pub path: OptionPath,
    pub option: &'static OptionInfo,
    pub widget: Widget,
}

/// The fields of the table `table` at the concrete path `at`, in order, leaving out the
/// options that do not matter for `options` (the options as JSON). `in_item`: the table
/// is an item of a list.
pub fn plan(
    table: &'static OptionInfo,
    at: &OptionPath,
    options: &Value,
    in_item: bool,
) -> Vec<Planned> {
    table
        .fields()
        .iter()
        .filter(|option| option.shown(options) && option.edited_in.is_none())
        .filter_map(|option| {
            Some(Planned {
                path: at.clone().key(option.key()?),
                option,
                widget: widget(option, in_item),
            })
        })
        .collect()
}

/// What a group's section shows: the fields of a table (`platform`), or the group itself
/// when it is a list or a value (`parties`).
pub fn section_plan(group: &'static OptionInfo, options: &Value) -> Vec<Planned> {
    let path = OptionPath::root().key(group.key().unwrap_or_default());
    match group.kind {
        Kind::Table(_) => plan(group, &path, options, false),
        _ if group.shown(options) => vec![Planned {
            path,
            option: group,
            widget: widget(group, false),
        }],
        _ => Vec::new(),
    }
}

/// The widget an option's kind calls for.
fn widget(option: &OptionInfo, in_item: bool) -> Widget {
    match &option.kind {
        Kind::YesNo => Widget::Checkbox,
        Kind::Choice(choices) => Widget::Choice {
            select: choices.len() > MOST_RADIO_BUTTONS || in_item,
        },
        Kind::Number { .. } if option.index_of.is_some() => Widget::Index,
        Kind::Number { integer, .. } => Widget::Number { decimal: !integer },
        Kind::List(_) if option.is_list_of_tables() => Widget::List,
        Kind::List(_) if option.one_per.is_some() => Widget::PerItem,
        Kind::List(_) => Widget::Text(TextKind::List),
        Kind::Date => Widget::Text(TextKind::Date),
        Kind::Time => Widget::Text(TextKind::Time),
        Kind::TimeZone => Widget::TimeZone,
        Kind::Text => Widget::Text(TextKind::Text),
        Kind::Table(_) | Kind::Map(_) => Widget::Group,
    }
}

/// The fields of the table `table` at the concrete path `at`, as [`plan`] lays them out.
/// Consecutive short fields (text, numbers, dates, drop-down lists) share a row. In a
/// list's item, fields show no help (the list does).
pub fn fields(store: &Store, table: &'static OptionInfo, at: &OptionPath, in_item: bool) -> Html {
    draw(store, plan(table, at, &store.value, in_item), in_item)
}

/// Draws planned fields, consecutive short ones in a row.
fn draw(store: &Store, planned: Vec<Planned>, in_item: bool) -> Html {
    let mut out: Vec<Html> = Vec::new();
    let mut row: Vec<Html> = Vec::new();
    let flush = |row: &mut Vec<Html>, out: &mut Vec<Html>| match row.len() {
        0 => {}
        1 => out.append(row),
        _ => out.push(html! { <div class="row">{ for row.drain(..) }</div> }),
    };
    for planned in planned {
        let html = field(store, &planned, in_item);
        let short = matches!(
            planned.widget,
            Widget::Text(_)
                | Widget::Number { .. }
                | Widget::Choice { select: true }
                | Widget::TimeZone
        );
        if short {
            row.push(html);
        } else {
            flush(&mut row, &mut out);
            out.push(html);
        }
    }
    flush(&mut row, &mut out);
    out.into_iter().collect::<Html>()
}

/// The field for one option.
fn field(store: &Store, planned: &Planned, in_item: bool) -> Html {
    let text = planned.path.to_string();
    let path = AttrValue::from(text.clone());
    let value = store.field(&text);
    let help = !in_item;
    match planned.widget {
        Widget::Checkbox => html! { <CheckboxField {path} field={value} /> },
        Widget::Choice { select } => html! { <ChoiceField {path} field={value} {help} {select} /> },
        Widget::Index => {
            let part = Part::new(store, planned.path.clone());
            html! { <IndexField {part} field={value} /> }
        }
        Widget::Number { decimal } => {
            html! { <NumberField {path} field={value} {decimal} {help} /> }
        }
        Widget::List => {
            let owner = owner_name(store, &planned.path).map(AttrValue::from);
            let part = Part::new(store, planned.path.clone());
            html! { <ListEditor {part} {owner} /> }
        }
        Widget::PerItem => {
            let part = Part::new(store, planned.path.clone());
            html! { <PerItemField {part} /> }
        }
        Widget::Text(TextKind::Date) => {
            // A date the options hold is shown as the documents write it in the chosen
            // style ("3 December 2026"); what is being typed stays as typed.
            let locale = store.options.case.locale;
            let mut value = value;
            if let Ok(date) = caucus_core::options::Date::parse(&value.text) {
                value.text = AttrValue::from(date.written(locale));
            }
            html! { <TextField {path} field={value} kind={TextKind::Date} {help} {locale} /> }
        }
        Widget::Text(kind) => html! { <TextField {path} field={value} {kind} {help} /> },
        Widget::TimeZone => html! { <TimeZoneField {path} field={value} {help} /> },
        Widget::Group => html! {
            <div class="subgroup">
                <h3 class="subhead">{ planned.option.title.clone() }</h3>
                { fields(store, planned.option, &planned.path, in_item) }
            </div>
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::field_id;
    use caucus_core::Options;

    /// Every option the form shows for `options`, section by section, lists of tables
    /// followed into each of their items, as the form draws them.
    fn shown(options: &Value) -> Vec<(OptionPath, Widget)> {
        fn walk(planned: Vec<Planned>, options: &Value, out: &mut Vec<(OptionPath, Widget)>) {
            for planned in planned {
                match planned.widget {
                    Widget::List => {
                        let items = planned
                            .path
                            .get(options)
                            .and_then(Value::as_array)
                            .map_or(0, Vec::len);
                        if let Some(item) = planned.option.item() {
                            for i in 0..items {
                                let at = planned.path.clone().index(i);
                                walk(plan(item, &at, options, true), options, out);
                            }
                        }
                    }
                    Widget::Group => {
                        let fields = plan(planned.option, &planned.path, options, false);
                        walk(fields, options, out);
                    }
                    _ => {}
                }
                out.push((planned.path, planned.widget));
            }
        }
        let mut out = Vec::new();
        for group in model::groups() {
            walk(section_plan(group, options), options, &mut out);
        }
        out
    }

    /// Adding an option to `options.rs` needs no change here: every option the model
    /// lists gets a field, under the options that make it matter (`x-shown-when`).
    #[test]
    fn every_option_of_the_model_has_a_field_in_the_form() {
        let mut base = Options::default();
        for party in &mut base.parties {
            party
                .attendees
                .push(caucus_core::options::Attendee::default());
        }
        let base = serde_json::to_value(&base).expect("options serialise");
        let mut checked = 0;
        for leaf in model::leaves().filter(|l| l.edited_in.is_none()) {
            let mut options = base.clone();
            if let Some(condition) = leaf.shown_when.first() {
                for test in &condition.tests {
                    let path = OptionPath::parse(&test.path).expect("a path");
                    path.set(&mut options, test.allowed[0].clone())
                        .expect("settable");
                }
            }
            let form = shown(&options);
            let field = form.iter().find(|(path, _)| path.matches(&leaf.path));
            let (path, _) =
                field.unwrap_or_else(|| panic!("{} has no field in the form", leaf.path));
            assert!(field_id(&path.to_string()).starts_with("opt-"));
            checked += 1;
        }
        assert!(checked > 50);
    }

    #[test]
    fn fields_are_drawn_by_kind_and_only_when_they_matter() {
        let mut options = serde_json::to_value(Options::default()).expect("options serialise");
        let widget_of = |options: &Value, path: &str| {
            shown(options)
                .into_iter()
                .find(|(p, _)| p.to_string() == path)
                .map(|(_, w)| w)
        };
        assert_eq!(
            widget_of(&options, "breakout_rooms.enabled"),
            Some(Widget::Checkbox)
        );
        assert_eq!(
            widget_of(&options, "recording.policy"),
            Some(Widget::Choice { select: false })
        );
        assert_eq!(
            widget_of(&options, "platform.kind"),
            Some(Widget::Choice { select: true })
        );
        assert_eq!(
            widget_of(&options, "case.date"),
            Some(Widget::Text(TextKind::Date))
        );
        assert_eq!(
            widget_of(&options, "platform.data_regions"),
            Some(Widget::Text(TextKind::List))
        );
        assert_eq!(
            widget_of(&options, "documents.delete_after_days"),
            Some(Widget::Number { decimal: false })
        );
        assert_eq!(widget_of(&options, "parties"), Some(Widget::List));
        assert_eq!(
            widget_of(&options, "case.time_zone"),
            Some(Widget::TimeZone)
        );
        assert_eq!(widget_of(&options, "platform.other_name"), None);
        assert_eq!(widget_of(&options, "costs.shares"), None);
        options["platform"]["kind"] = Value::from("other");
        options["costs"]["allocation"] = Value::from("stated-shares");
        assert_eq!(
            widget_of(&options, "platform.other_name"),
            Some(Widget::Text(TextKind::Text))
        );
        assert_eq!(widget_of(&options, "costs.shares"), Some(Widget::PerItem));
        options["costs"]["allocation"] = Value::from("requesting-party");
        assert_eq!(
            widget_of(&options, "costs.requesting_party"),
            Some(Widget::Index)
        );
        options["parties"][0]["attendees"] = serde_json::json!([{"name": "Ann"}]);
        assert_eq!(
            widget_of(&options, "parties.0.attendees.0.capacity"),
            Some(Widget::Choice { select: true })
        );
    }
}
