//! One group of the form, with the reasons behind the clauses it governs.

use yew::prelude::*;

use super::use_store;

#[derive(Properties, PartialEq)]
pub struct SectionProps {
    /// The element id, for the links at the top of the form (`group-recording`).
    pub id: AttrValue,
    pub title: AttrValue,
    /// The agreement topics this group decides; the rationales of their current clauses
    /// are offered as "why these terms".
    #[prop_or_default]
    pub topics: &'static [&'static str],
    #[prop_or_default]
    pub children: Html,
}

/// A titled group of fields.
#[component]
pub fn Section(props: &SectionProps) -> Html {
    let store = use_store();
    let heading_id = format!("{}-title", props.id);
    let reasons: Vec<(String, String)> = match (&store.pack.0, &store.assembly) {
        (Ok(pack), Some(assembly)) => assembly
            .document("agreement")
            .map(|doc| {
                doc.clauses
                    .iter()
                    .filter(|c| props.topics.contains(&c.topic.as_str()))
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
        <section class="group" id={props.id.clone()} aria-labelledby={heading_id.clone()}>
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
