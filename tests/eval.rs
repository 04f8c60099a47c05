//! The question sets in tests/data, scored as `../shared/eval/score.py`
//! scores them, against the bar the product promises.
//!
//! An ask item passes when it is answered with a quote containing one of its
//! `evidence` strings (or, for `expect: none`, when it is not answered); a
//! verify item when the verdict matches and the quote holds the evidence.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use claimbot::answer::Thresholds;
use claimbot::Engine;
use serde_json::Value;

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

fn bundled() -> Engine {
    Engine::load(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge"),
        Thresholds::default(),
    )
    .expect("bundled knowledge loads")
}

/// The bundled knowledge base with the unseen article dropped in beside it,
/// with no claims file.
fn with_unseen_article() -> Engine {
    let dir = tempfile::tempdir().expect("temp dir");
    let kb = Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge");
    for entry in std::fs::read_dir(&kb).expect("knowledge dir").flatten() {
        std::fs::copy(entry.path(), dir.path().join(entry.file_name())).expect("copy");
    }
    for entry in std::fs::read_dir(data("unseen"))
        .expect("unseen article dir")
        .flatten()
    {
        std::fs::copy(entry.path(), dir.path().join(entry.file_name())).expect("copy");
    }
    Engine::load(dir.path(), Thresholds::default())
        .expect("knowledge with the unseen article loads")
}

fn norm(text: &str) -> String {
    let folded: String = text
        .chars()
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' => '\'',
            '\u{201C}' | '\u{201D}' => '"',
            '\u{2013}' | '\u{2014}' => '-',
            c => c,
        })
        .collect();
    folded
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn quote_has(quote: Option<&str>, evidence: &Value) -> bool {
    let q = norm(quote.unwrap_or(""));
    evidence.as_array().is_some_and(|e| {
        e.iter()
            .any(|e| q.contains(&norm(e.as_str().unwrap_or("\u{0}"))))
    })
}

/// Passed and total per group ("answer", "none", "supported"…).
type Tally = BTreeMap<String, (usize, usize)>;

fn score(engine: &Engine, file: &str) -> (Tally, Vec<String>) {
    let text = std::fs::read_to_string(data(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
    let mut tally = Tally::new();
    let mut failures = Vec::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let item: Value =
            serde_json::from_str(line).unwrap_or_else(|e| panic!("{file}: {e}: {line}"));
        let (group, ok, got) = if let Some(q) = item["question"].as_str() {
            let a = engine.ask(q);
            let group = item["expect"].as_str().unwrap_or("?").to_string();
            let ok = match group.as_str() {
                "none" => !a.answered,
                _ => a.answered && quote_has(a.quote.as_deref(), &item["evidence"]),
            };
            (
                group,
                ok,
                format!("answered={} quote={:?}", a.answered, a.quote),
            )
        } else {
            let s = item["statement"].as_str().unwrap_or("");
            let v = engine.verify(s);
            let group = item["verdict"].as_str().unwrap_or("?").to_string();
            let ok = v.verdict.as_str() == group
                && (group == "not_found" || quote_has(v.quote.as_deref(), &item["evidence"]));
            (
                group,
                ok,
                format!(
                    "verdict={} quote={:?} why={}",
                    v.verdict.as_str(),
                    v.quote,
                    v.explanation
                ),
            )
        };
        let entry = tally.entry(group).or_default();
        entry.1 += 1;
        if ok {
            entry.0 += 1;
        } else {
            failures.push(format!(
                "{} {}: {got}",
                item["id"].as_str().unwrap_or("?"),
                line
            ));
        }
    }
    (tally, failures)
}

fn rate(tally: &Tally, groups: &[&str]) -> f64 {
    let (pass, total) = groups
        .iter()
        .filter_map(|g| tally.get(*g))
        .fold((0, 0), |acc, t| (acc.0 + t.0, acc.1 + t.1));
    if total == 0 {
        1.0
    } else {
        pass as f64 / total as f64
    }
}

/// Scores a file and checks each group set reaches its bar.
fn check(engine: &Engine, file: &str, bars: &[(&[&str], f64)]) {
    let (tally, failures) = score(engine, file);
    let summary: Vec<String> = tally
        .iter()
        .map(|(g, (p, t))| format!("{g} {p}/{t}"))
        .collect();
    println!("{file}: {}", summary.join(", "));
    for f in &failures {
        println!("  FAIL {f}");
    }
    for (groups, bar) in bars {
        let r = rate(&tally, groups);
        assert!(
            r >= *bar,
            "{file}: {groups:?} at {:.1}% is under the {:.0}% bar; failures:\n{}",
            100.0 * r,
            100.0 * bar,
            failures.join("\n")
        );
    }
}

#[test]
fn sample_questions_meet_the_bar() {
    let engine = bundled();
    check(
        &engine,
        "ask-dev.jsonl",
        &[(&["answer"], 0.95), (&["none"], 0.90)],
    );
    check(
        &engine,
        "verify-dev.jsonl",
        &[(&["supported", "contradicted", "not_found"], 0.90)],
    );
}

#[test]
fn questions_in_other_styles_meet_the_bar() {
    let engine = bundled();
    check(
        &engine,
        "ask-styles.jsonl",
        &[(&["answer"], 0.85), (&["none"], 0.85)],
    );
    check(
        &engine,
        "ask-styles-verify.jsonl",
        &[(&["supported", "contradicted", "not_found"], 0.80)],
    );
}

#[test]
fn an_article_without_claims_file_answers_too() {
    let engine = with_unseen_article();
    check(
        &engine,
        "unseen-ask.jsonl",
        &[(&["answer"], 0.80), (&["none"], 0.80)],
    );
    check(
        &engine,
        "unseen-verify.jsonl",
        &[(&["supported", "contradicted", "not_found"], 0.75)],
    );
}
