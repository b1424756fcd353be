//! One group of the form, with the reasons behind the clauses it governs.

use yew::prelude::*;

use super::use_store;
use crate::ids::group_id;

#[derive(Properties, PartialEq)]
pub struct SectionProps {
    /// The group of options (`recording`): the section's id is made from it, and the
    /// pack says which topics it decides.
    pub group: AttrValue,
    pub title: AttrValue,
    #[prop_or_default]
    pub children: Html,
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
    let reasons: Vec<(String, String)> = match (&store.pack.0, &store.assembly, &*topics) {
        (Ok(pack), Some(assembly), Some((main, topics))) => assembly
            .document(main)
            .map(|document| {
                document
                    .clauses
                    .iter()
                    .filter(|c| topics.contains(&c.topic))
                    .filter_map(|c| {
                        let spec = pack.clause(&c.id)?;
                        let why = spec
                            .rationale
                            .split_whitespace()
                            .collect::<Vec<_>>()
                            .join(" ");
                        (!why.is_empty()).then(|| {
                            let title = match c.number {
                                Some(n) => format!("{n}. {}", c.title),
                                None => c.title.clone(),
                            };
                            (title, why)
                        })
                    })
                    .collect()
            })
            .unwrap_or_default(),
        _ => Vec::new(),
    };
    html! {
        <section class="group" id={id} aria-labelledby={heading_id.clone()}>
            <h2 id={heading_id}>{ props.title.clone() }</h2>
            { props.children.clone() }
            if !reasons.is_empty() {
                <details class="why">
                    <summary>{ "Why these terms" }</summary>
                    { for reasons.into_iter().map(|(title, why)| html! {
                        <div class="reason">
                            <h3>{ title }</h3>
                            <p>{ why }</p>
                        </div>
                    }) }
                </details>
            }
        </section>
    }
}
