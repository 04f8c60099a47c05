//! Question latency: ask and verify on the bundled knowledge base, and ask on
//! synthetic knowledge bases of 1,000 to 100,000 claims next to the naive
//! reference (strsim over every claim's text, best score wins).
//!
//! `cargo bench`; the one-line figures without criterion come from
//! `cargo run --release --example loadtest`.

use std::path::Path;
use std::time::Duration;

use claimbot::answer::Thresholds;
use claimbot::knowledge::KnowledgeBase;
use claimbot::{synthetic, Engine};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};

fn bundled() -> KnowledgeBase {
    KnowledgeBase::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge"))
        .expect("bundled knowledge loads")
}

/// The questions or statements of the shared sets in tests/data/shared.
fn inputs(key: &str) -> Vec<String> {
    synthetic::question_set(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/shared"),
        key,
    )
}

fn bundled_kb(c: &mut Criterion) {
    let engine = Engine::new(bundled(), Thresholds::default());
    let questions = inputs("question");
    let statements = inputs("statement");
    let mut group = c.benchmark_group("bundled");
    let mut i = 0;
    group.bench_function("ask", |b| {
        b.iter(|| {
            i += 1;
            engine.ask(&questions[i % questions.len()])
        })
    });
    group.bench_function("verify", |b| {
        b.iter(|| {
            i += 1;
            engine.verify(&statements[i % statements.len()])
        })
    });
    group.bench_function("naive_scan", |b| {
        b.iter(|| {
            i += 1;
            synthetic::naive_best(engine.knowledge(), &questions[i % questions.len()])
        })
    });
    group.finish();
}

fn synthetic_kb(c: &mut Criterion) {
    let real = inputs("question");
    let mut group = c.benchmark_group("synthetic");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(3));
    for claims in [1_000, 10_000, 100_000] {
        let engine = Engine::new(
            synthetic::knowledge(bundled(), claims, 42),
            Thresholds::default(),
        );
        let mut questions = synthetic::questions(500, 1);
        questions.extend(real.iter().cloned());
        let mut i = 0;
        group.bench_with_input(BenchmarkId::new("ask", claims), &engine, |b, engine| {
            b.iter(|| {
                i += 1;
                engine.ask(&questions[i % questions.len()])
            })
        });
        group.bench_with_input(BenchmarkId::new("verify", claims), &engine, |b, engine| {
            b.iter(|| {
                i += 1;
                engine.verify(&real[i % real.len()])
            })
        });
        if claims <= 10_000 {
            group.bench_with_input(
                BenchmarkId::new("naive_scan", claims),
                &engine,
                |b, engine| {
                    b.iter(|| {
                        i += 1;
                        synthetic::naive_best(engine.knowledge(), &questions[i % questions.len()])
                    })
                },
            );
        }
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().warm_up_time(Duration::from_millis(500)).measurement_time(Duration::from_secs(2));
    targets = bundled_kb, synthetic_kb
}
criterion_main!(benches);
