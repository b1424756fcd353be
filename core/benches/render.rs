//! Rendering one assembled document to every output format.
//!
//! The document is built by hand (20 numbered clauses, each a paragraph and a lettered
//! list), so the figures measure the renderers alone, not assembly.

#[path = "../tests/render_support/mod.rs"]
mod support;

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

fn render(c: &mut Criterion) {
    let long = support::long(20);
    let agreement = support::agreement(caucus_core::options::Locale::EnGb);
    let mut group = c.benchmark_group("render-20-clauses");
    group.bench_function("markdown", |b| b.iter(|| black_box(&long).to_markdown()));
    group.bench_function("html", |b| b.iter(|| black_box(&long).to_html()));
    group.bench_function("html_page", |b| b.iter(|| black_box(&long).to_html_page()));
    group.bench_function("text", |b| b.iter(|| black_box(&long).to_text()));
    group.bench_function("json", |b| b.iter(|| black_box(&long).to_json()));
    group.bench_function("docx", |b| b.iter(|| black_box(&long).to_docx()));
    group.finish();
    let mut group = c.benchmark_group("render-agreement-8-clauses");
    group.bench_function("html", |b| b.iter(|| black_box(&agreement).to_html()));
    group.bench_function("docx", |b| b.iter(|| black_box(&agreement).to_docx()));
    group.finish();
}

criterion_group!(benches, render);
criterion_main!(benches);
