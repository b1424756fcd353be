//! The whole form, grouped as a mediator thinks about a video mediation.

use yew::prelude::*;

use super::checkbox_field::CheckboxField;
use super::choice_field::ChoiceField;
use super::number_field::NumberField;
use super::parties::PartiesEditor;
use super::requesting_party::RequestingParty;
use super::section::Section;
use super::shares::SharesEditor;
use super::text_field::{TextField, TextKind};
use super::use_store;

/// The groups of the form: element id, title, and the agreement topics they decide.
pub const GROUPS: &[(&str, &str, &[&str])] = &[
    ("group-case", "The case", &["introduction"]),
    (
        "group-people",
        "Mediator and parties",
        &["status-and-confidentiality"],
    ),
    (
        "group-platform",
        "Platform",
        &["platform", "encryption-and-data"],
    ),
    (
        "group-attendance",
        "Attendance",
        &[
            "attendance",
            "observers",
            "identity-check",
            "location-and-cameras",
            "interpreters",
        ],
    ),
    (
        "group-recording",
        "Recording",
        &["recording", "inadvertent-recording"],
    ),
    (
        "group-breakout",
        "Breakout rooms",
        &["joint-sessions", "breakout-rooms"],
    ),
    (
        "group-documents",
        "Documents and data",
        &["documents", "breach-notice"],
    ),
    ("group-security", "Security practices", &["security"]),
    ("group-costs", "Costs", &["costs"]),
    ("group-failure", "Technical failure", &["technical-failure"]),
    (
        "group-consent",
        "Consent",
        &[
            "consent-to-video",
            "risk-acknowledgement",
            "express-risk-consent",
        ],
    ),
    ("group-settlement", "Settlement", &["settlement"]),
];

#[derive(Properties, PartialEq)]
pub struct OptionsFormProps {}

/// Every option, in groups; fields that only matter for another choice appear with it.
#[component]
pub fn OptionsForm(_props: &OptionsFormProps) -> Html {
    let store = use_store();
    let f = |path: &str| store.field(path);
    let section = |index: usize, children: Html| {
        let (id, title, topics) = GROUPS[index];
        html! { <Section id={id} title={title} topics={topics}>{ children }</Section> }
    };
    let requesting = store.choice("costs.allocation") == "requesting-party"
        || store.choice("platform.account_holder") == "requesting-party";
    html! {
        <form class="options" aria-label="Options" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
            <nav class="jump" aria-label="Sections of the form">
                <ul>
                    { for GROUPS.iter().map(|(id, title, _)| html! {
                        <li><a href={format!("#{id}")}>{ *title }</a></li>
                    }) }
                </ul>
            </nav>
            { section(0, html! {<>
                <div class="row">
                    <TextField path="case.reference" field={f("case.reference")} placeholder="MED-2026-0147" />
                    <TextField path="case.jurisdiction" field={f("case.jurisdiction")} placeholder="England and Wales" />
                </div>
                <div class="row three">
                    <TextField path="case.date" field={f("case.date")} kind={TextKind::Date} />
                    <TextField path="case.time" field={f("case.time")} kind={TextKind::Time} />
                    <TextField path="case.time_zone" field={f("case.time_zone")} placeholder="Europe/London" />
                </div>
                <ChoiceField path="case.locale" field={f("case.locale")} select={true} />
            </>}) }
            { section(1, html! {<>
                <div class="row">
                    <TextField path="mediator.name" field={f("mediator.name")} autocomplete="name" />
                    <TextField path="mediator.organisation" field={f("mediator.organisation")} autocomplete="organization" />
                </div>
                <h3 class="subhead">{ "Parties" }</h3>
                <PartiesEditor />
            </>}) }
            { section(2, html! {<>
                <ChoiceField path="platform.kind" field={f("platform.kind")} select={true} />
                if store.choice("platform.kind") == "other" {
                    <TextField path="platform.other_name" field={f("platform.other_name")} />
                }
                <ChoiceField path="platform.account_holder" field={f("platform.account_holder")} />
                <ChoiceField path="platform.client" field={f("platform.client")} />
                <ChoiceField path="platform.encryption" field={f("platform.encryption")} />
                <TextField path="platform.data_regions" field={f("platform.data_regions")} kind={TextKind::List} placeholder="EU, Canada" />
                <CheckboxField path="platform.test_session" field={f("platform.test_session")} />
            </>}) }
            { section(3, html! {<>
                <CheckboxField path="attendance.disclose_in_advance" field={f("attendance.disclose_in_advance")} />
                if store.flag("attendance.disclose_in_advance") {
                    <NumberField path="attendance.disclosure_deadline_hours" field={f("attendance.disclosure_deadline_hours")} unit="hours" />
                }
                <ChoiceField path="attendance.observers" field={f("attendance.observers")} />
                <CheckboxField path="attendance.private_location" field={f("attendance.private_location")} />
                <CheckboxField path="attendance.cameras_on" field={f("attendance.cameras_on")} />
                <CheckboxField path="attendance.identity_check" field={f("attendance.identity_check")} />
                <CheckboxField path="attendance.interpreters" field={f("attendance.interpreters")} />
            </>}) }
            { section(4, html! {
                <ChoiceField path="recording.policy" field={f("recording.policy")} label="Who may record" />
            }) }
            { section(5, html! {<>
                <CheckboxField path="breakout_rooms.enabled" field={f("breakout_rooms.enabled")} />
                if store.flag("breakout_rooms.enabled") {
                    <ChoiceField path="breakout_rooms.control" field={f("breakout_rooms.control")} />
                    if store.choice("breakout_rooms.control") == "mediator-and-co-host" {
                        <TextField path="breakout_rooms.co_host" field={f("breakout_rooms.co_host")} />
                    }
                    <CheckboxField path="breakout_rooms.announce_entry" field={f("breakout_rooms.announce_entry")} />
                    <CheckboxField path="breakout_rooms.broadcasts" field={f("breakout_rooms.broadcasts")} />
                    <ChoiceField path="breakout_rooms.private_chat" field={f("breakout_rooms.private_chat")} />
                }
            </>}) }
            { section(6, html! {<>
                <ChoiceField path="documents.exchange" field={f("documents.exchange")} />
                <div class="row">
                    <NumberField path="documents.delete_after_days" field={f("documents.delete_after_days")} unit="days" />
                    <NumberField path="documents.breach_notice_hours" field={f("documents.breach_notice_hours")} unit="hours" />
                </div>
            </>}) }
            { section(7, html! {<>
                <CheckboxField path="security.unique_meeting_id" field={f("security.unique_meeting_id")} />
                <CheckboxField path="security.passcode" field={f("security.passcode")} />
                if store.flag("security.passcode") {
                    <CheckboxField path="security.passcode_separate" field={f("security.passcode_separate")} />
                }
                <ChoiceField path="security.waiting_room" field={f("security.waiting_room")} />
                <CheckboxField path="security.lock_meeting" field={f("security.lock_meeting")} />
                <CheckboxField path="security.no_public_networks" field={f("security.no_public_networks")} />
                <CheckboxField path="security.current_version" field={f("security.current_version")} />
                <ChoiceField path="security.screen_sharing" field={f("security.screen_sharing")} />
            </>}) }
            { section(8, html! {<>
                <ChoiceField path="costs.allocation" field={f("costs.allocation")} />
                if store.choice("costs.allocation") == "stated-shares" {
                    <SharesEditor />
                }
                if requesting {
                    <RequestingParty />
                }
            </>}) }
            { section(9, html! {<>
                <NumberField path="technical_failure.reconnection_minutes" field={f("technical_failure.reconnection_minutes")} unit="minutes" />
                <ChoiceField path="technical_failure.fallback" field={f("technical_failure.fallback")} />
                if store.choice("technical_failure.fallback") == "teleconference" {
                    <TextField path="technical_failure.dial_in" field={f("technical_failure.dial_in")} kind={TextKind::Text} />
                }
                <CheckboxField path="technical_failure.no_cost_penalty" field={f("technical_failure.no_cost_penalty")} />
            </>}) }
            { section(10, html! {<>
                <CheckboxField path="consent.own_inquiry" field={f("consent.own_inquiry")} />
                <CheckboxField path="consent.express_risk_consent" field={f("consent.express_risk_consent")} />
                if store.flag("consent.express_risk_consent") {
                    <div class="row">
                        <TextField path="consent.law_firm" field={f("consent.law_firm")} />
                        <TextField path="consent.client" field={f("consent.client")} />
                    </div>
                }
            </>}) }
            { section(11, html! {<>
                <CheckboxField path="settlement.electronic_signature" field={f("settlement.electronic_signature")} />
                <CheckboxField path="settlement.counterparts" field={f("settlement.counterparts")} />
            </>}) }
        </form>
    }
}
