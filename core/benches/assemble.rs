//! The engine's speed: loading and validating the built-in pack, and assembling the
//! default and a maximal option set (8 parties, every feature on) to Markdown and HTML.
//!
//! Targets (issue 10, with handlebars rendering the clauses): the default agreement
//! assembled and rendered to HTML in at most 60 µs median on one core; the pack loaded
//! in under 5 ms. The built-in pack is read without compiling its clauses, which are
//! compiled on first use (core/src/pack/compiled.rs): "pack: read the built-in pack" is
//! what every start of the engine pays, "pack: load and validate" what a pack read from
//! files pays.
//!
//! Assembly remembers each template's recent renderings under the values it read
//! (core/src/template/memo.rs) and each clause body's HTML: "default: ..." assembles the
//! same options again (a preview refreshed with nothing changed), "a party renamed each
//! time" is a keystroke, "renderings not remembered" renders every template.
//!
//! Wall-clock figures vary with what else the machine does; for a repeatable count of
//! work, run the same loop under `valgrind --tool=callgrind`.

use caucus_core::{Options, Pack};
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

/// The allocator of the `caucus` binary (src/main.rs), so that the figures are those of
/// the shipped tool. With glibc's allocator the default agreement assembled to HTML took
/// 46 µs instead of 43 µs on the 2-core CI machine (2026-11-25).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Eight parties with attendees, and every optional feature switched on.
fn maximal() -> Options {
    let mut parties = String::new();
    for i in 1..=8 {
        parties.push_str(&format!(
            r#"{{"name": "Party Number {i} Holdings Limited", "role": "Party {i}", "attendees": [
                {{"name": "Representative {i}", "capacity": "party"}},
                {{"name": "Counsel {i}", "capacity": "lawyer"}},
                {{"name": "Interpreter {i}", "capacity": "interpreter"}},
                {{"name": "Observer {i}", "capacity": "observer"}}]}},"#
        ));
    }
    parties.pop();
    let json = format!(
        r#"{{
        "case": {{"reference": "MAX-2026-0001", "date": "2026-12-01", "time": "09:30",
                  "time_zone": "Europe/London", "jurisdiction": "England and Wales"}},
        "mediator": {{"name": "Dana Whitfield", "organisation": "Harbour Mediation Chambers"}},
        "parties": [{parties}],
        "platform": {{"data_regions": ["European Union", "United Kingdom"]}},
        "attendance": {{"observers": "consent-of-all", "interpreters": true}},
        "recording": {{"policy": "settlement-terms-only"}},
        "breakout_rooms": {{"control": "mediator-and-co-host", "co_host": "Sam Okafor",
                           "private_chat": "mediator-only"}},
        "costs": {{"allocation": "stated-shares", "shares": [20, 10, 10, 10, 10, 10, 10, 20]}},
        "consent": {{"express_risk_consent": true, "law_firm": "Marsh & Cole LLP"}},
        "technical_failure": {{"dial_in": "+44 20 7946 0000"}}
    }}"#
    );
    Options::from_json_str(&json).expect("the maximal options are valid")
}

fn bench(c: &mut Criterion) {
    let pack = Pack::builtin().expect("the built-in pack is valid");
    let default = Options::default();
    let max = maximal();

    c.bench_function("pack: read the built-in pack", |b| {
        b.iter(|| black_box(Pack::read_builtin().expect("valid")))
    });
    c.bench_function(
        "pack: read the built-in pack, first agreement to HTML",
        |b| {
            b.iter(|| {
                let pack = Pack::read_builtin().expect("valid");
                let assembly = pack
                    .assemble_document(black_box(&default), "agreement")
                    .expect("assembles");
                assembly.document("agreement").map(|d| d.to_html())
            })
        },
    );
    c.bench_function("pack: load and validate the built-in pack", |b| {
        b.iter(|| {
            Pack::from_files(black_box(Pack::builtin_files()).iter().copied()).expect("valid")
        })
    });
    c.bench_function("default: assemble the agreement, to HTML", |b| {
        b.iter(|| {
            let assembly = pack
                .assemble_document(black_box(&default), "agreement")
                .expect("assembles");
            assembly.document("agreement").map(|d| d.to_html())
        })
    });
    // What a keystroke in a drafting tool costs: one party's name is new every time, so
    // each clause that names the parties is rendered anew and the others are remembered.
    let mut typed = 0u64;
    let mut renamed = default.clone();
    c.bench_function(
        "default, a party renamed each time: assemble the agreement, to HTML",
        |b| {
            b.iter(|| {
                typed += 1;
                renamed.parties[0].name = format!("Claimant {typed} Limited");
                let assembly = pack
                    .assemble_document(black_box(&renamed), "agreement")
                    .expect("assembles");
                assembly.document("agreement").map(|d| d.to_html())
            })
        },
    );
    // Every template rendered every time (the clause bodies' HTML is still remembered:
    // it depends on their text alone).
    let forgetful = Pack::read_builtin()
        .expect("the built-in pack is valid")
        .remembering(false);
    c.bench_function(
        "default, renderings not remembered: assemble the agreement, to HTML",
        |b| {
            b.iter(|| {
                let assembly = forgetful
                    .assemble_document(black_box(&default), "agreement")
                    .expect("assembles");
                assembly.document("agreement").map(|d| d.to_html())
            })
        },
    );
    c.bench_function("default: assemble the agreement", |b| {
        b.iter(|| {
            pack.assemble_document(black_box(&default), "agreement")
                .expect("assembles")
        })
    });
    c.bench_function("default: assemble, agreement to Markdown", |b| {
        b.iter(|| {
            let assembly = pack.assemble(black_box(&default)).expect("assembles");
            assembly.document("agreement").map(|d| d.to_markdown())
        })
    });
    c.bench_function("default: assemble all documents", |b| {
        b.iter(|| pack.assemble(black_box(&default)).expect("assembles"))
    });
    c.bench_function("maximal: assemble, every document to HTML", |b| {
        b.iter(|| {
            let assembly = pack.assemble(black_box(&max)).expect("assembles");
            assembly
                .documents
                .iter()
                .map(|d| d.to_html().len())
                .sum::<usize>()
        })
    });
    c.bench_function("maximal: assemble, every document to Markdown", |b| {
        b.iter(|| {
            let assembly = pack.assemble(black_box(&max)).expect("assembles");
            assembly
                .documents
                .iter()
                .map(|d| d.to_markdown().len())
                .sum::<usize>()
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
