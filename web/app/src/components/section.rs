//! One group of the form, with the reasons behind the clauses it governs.

use yew::prelude::*;

use super::options_form::GroupFields;
use super::part::Part;
use super::use_store;
use crate::ids::group_id;

#[derive(Properties, PartialEq)]
pub struct SectionProps {
    /// The group of options (`recording`): the section's id is made from it, and the
    /// pack says which topics it decides.
    pub group: AttrValue,
    pub title: AttrValue,
    /// The group's fields, drawn again only when what they show changed.
    pub part: Part,
}

/// A titled group of fields, with the reasons for the current clauses of the topics the
/// group decides (in the pack's first document, the main one), as "why these terms".
#[component]
pub fn Section(props: &SectionProps) -> Html {
    let store = use_store();
    let id = group_id(&props.group);
    let heading_id = format!("{id}-title");
    // The pack never changes: ask it once which topics the group decides, in its first
    // document (the main one).
    let topics = use_memo(
        (store.pack.clone(), props.group.clone()),
        |(pack, group)| match &pack.0 {
            Ok(pack) => pack.documents.first().map(|main| {
                let topics: Vec<String> = pack
                    .topics_deciding(&main.id, group)
                    .into_iter()
                    .map(str::to_owned)
                    .collect();
                (main.id.clone(), topics)
            }),
            Err(_) => None,
        },
    );
    // The clauses of those topics in the main document (id, and title as the reasons name
    // it): their reasons are looked up and laid out again only when these change.
    let clauses: Vec<(String, String)> = match (&store.assembly, &*topics) {
        (Some(assembly), Some((main, topics))) => assembly
            .document(main)
            .map(|document| {
                document
                    .clauses
                    .iter()
                    .filter(|c| topics.contains(&c.topic))
                    .map(|c| {
                        let title = match c.number {
                            Some(n) => format!("{n}. {}", c.title),
                            None => c.title.clone(),
                        };
                        (c.id.clone(), title)
                    })
                    .collect()
            })
            .unwrap_or_default(),
        _ => Vec::new(),
    };
    let reasons = use_memo((store.pack.clone(), clauses), |(pack, clauses)| {
        let Ok(pack) = &pack.0 else {
            return Vec::new();
        };
        clauses
            .iter()
            .filter_map(|(id, title)| {
                let spec = pack.clause(id)?;
                let why = spec
                    .rationale
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ");
                (!why.is_empty()).then(|| (title.clone(), why))
            })
            .collect::<Vec<(String, String)>>()
    });
    html! {
        <section class="group" id={id} aria-labelledby={heading_id.clone()}>
            <h2 id={heading_id}>{ props.title.clone() }</h2>
            <GroupFields part={props.part.clone()} />
            if !reasons.is_empty() {
                <details class="why">
                    <summary>{ "Why these terms" }</summary>
                    { for reasons.iter().map(|(title, why)| html! {
                        <div class="reason">
                            <h3>{ title.clone() }</h3>
                            <p>{ why.clone() }</p>
                        </div>
                    }) }
                </details>
            }
        </section>
    }
}
