//! Regression floors for answer quality: each question set is scored as
//! `../shared/eval/score.py` scores it ([`claimbot::eval`]), and must stay at
//! or above a floor a few points under the figure last measured with
//! `cargo run --release --example eval`, so that a cleanup which moves one
//! item does not fail CI but a real regression does. The figures themselves
//! are in the README.

use std::path::{Path, PathBuf};

use claimbot::answer::Thresholds;
use claimbot::eval::{self, Tally, ABSTAIN, ANSWERABLE, VERDICTS};
use claimbot::Engine;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The bundled knowledge base, with more files copied in beside it.
fn engine(extra: &[&str]) -> Engine {
    let dir = tempfile::tempdir().expect("temp dir");
    let parts: Vec<PathBuf> = std::iter::once("knowledge")
        .chain(extra.iter().copied())
        .map(|p| repo().join(p))
        .collect();
    eval::assemble(dir.path(), &parts).expect("copies");
    Engine::load(dir.path(), Thresholds::default()).expect("knowledge loads")
}

fn score(engine: &Engine, sets: &[&str]) -> Tally {
    let mut tally = Tally::default();
    for set in sets {
        let path: PathBuf = repo().join("tests/data").join(set);
        let items = eval::read_set(&path).expect("set reads");
        tally.merge(&eval::score(engine, &items));
    }
    tally
}

/// Checks each measure against its floor, listing the failures if not.
fn floors(name: &str, tally: &Tally, answerable: f64, abstain: f64, verify: f64) {
    for (groups, floor) in [
        (ANSWERABLE, answerable),
        (ABSTAIN, abstain),
        (VERDICTS, verify),
    ] {
        let rate = tally.rate(groups);
        assert!(
            rate >= floor,
            "{name}: {groups:?} at {:.1}% is under the {:.0}% floor; failures:\n{}",
            100.0 * rate,
            100.0 * floor,
            tally.failures.join("\n")
        );
    }
}

#[test]
fn shared_samples_stay_above_their_floor() {
    let tally = score(
        &engine(&[]),
        &["shared/ask-dev.jsonl", "shared/verify-dev.jsonl"],
    );
    floors("shared samples", &tally, 0.88, 0.95, 0.95);
}

#[test]
fn questions_in_other_styles_stay_above_their_floor() {
    let tally = score(
        &engine(&[]),
        &["ask-styles.jsonl", "ask-styles-verify.jsonl"],
    );
    floors("styles", &tally, 0.68, 0.78, 0.76);
}

#[test]
fn an_article_without_claims_file_stays_above_its_floor() {
    let tally = score(
        &engine(&["tests/data/unseen"]),
        &["unseen-ask.jsonl", "unseen-verify.jsonl"],
    );
    // A 191-word article, the only one this short: few sentences stand
    // against the one a trap's words point to, so the answer model's
    // share margin makes two more of its ten traps answered (it declines
    // six, 60%).
    floors("storm article", &tally, 0.72, 0.55, 0.88);
}

#[test]
fn shared_paraphrase_questions_stay_above_their_floor() {
    let tally = score(
        &engine(&[]),
        &[
            "shared/ask-paraphrase.jsonl",
            "shared/verify-paraphrase.jsonl",
        ],
    );
    floors("shared paraphrase", &tally, 0.12, 0.87, 0.45);
}

#[test]
fn the_shared_bridge_article_stays_above_its_floor() {
    let tally = score(
        &engine(&["tests/data/shared/bridge"]),
        &["shared/bridge-ask.jsonl", "shared/bridge-verify.jsonl"],
    );
    floors("bridge article", &tally, 0.22, 0.75, 0.48);
}

/// The tuning articles dropped in without a claims file, each with its
/// ask and verify sets, scored together: (knowledge dir, set name).
fn tuning_articles(articles: &[(&str, &str)]) -> Tally {
    let mut tally = Tally::default();
    for (dir, name) in articles {
        let engine = engine(&[&format!("tests/data/tuning/{dir}")]);
        tally.merge(&score(
            &engine,
            &[
                &format!("tuning/{name}-ask.jsonl"),
                &format!("tuning/{name}-verify.jsonl"),
            ],
        ));
    }
    tally
}

#[test]
fn six_more_articles_without_claims_files_stay_above_their_floor() {
    let tally = tuning_articles(&[
        ("kb-f", "ferry"),
        ("kb-g", "election"),
        ("kb-h", "trial"),
        ("kb-i", "transfer"),
        ("kb-j", "factory"),
        ("kb-k", "drought"),
    ]);
    floors("six more articles", &tally, 0.35, 0.80, 0.55);
}

#[test]
fn four_more_articles_without_claims_files_stay_above_their_floor() {
    let tally = tuning_articles(&[
        ("kb-l", "windfarm"),
        ("kb-m", "derail"),
        ("kb-n", "exams"),
        ("kb-o", "zoo"),
    ]);
    floors("four more articles", &tally, 0.36, 0.78, 0.50);
}

#[test]
fn the_third_four_articles_without_claims_files_stay_above_their_floor() {
    let tally = tuning_articles(&[
        ("kb-p", "villa"),
        ("kb-q", "recall"),
        ("kb-r", "marathon"),
        ("kb-s", "libraries"),
    ]);
    floors("third four articles", &tally, 0.38, 0.85, 0.38);
}

#[test]
fn the_fourth_four_articles_without_claims_files_stay_above_their_floor() {
    let tally = tuning_articles(&[
        ("kb-t", "fraud"),
        ("kb-u", "spill"),
        ("kb-v", "fares"),
        ("kb-w", "traffic"),
    ]);
    floors("fourth four articles", &tally, 0.38, 0.88, 0.36);
}

#[test]
fn the_fifth_four_articles_without_claims_files_stay_above_their_floor() {
    let tally = tuning_articles(&[
        ("kb-x", "shops"),
        ("kb-y", "measles"),
        ("kb-z", "painting"),
        ("kb-za", "housing"),
    ]);
    floors("fifth four articles", &tally, 0.48, 0.78, 0.44);
}

#[test]
fn the_sixth_four_articles_without_claims_files_stay_above_their_floor() {
    let tally = tuning_articles(&[
        ("kb-zb", "cliff"),
        ("kb-zc", "stadium"),
        ("kb-zd", "marking"),
        ("kb-ze", "festival"),
    ]);
    floors("sixth four articles", &tally, 0.45, 0.76, 0.42);
}

#[test]
fn the_seventh_four_articles_without_claims_files_stay_above_their_floor() {
    let tally = tuning_articles(&[
        ("kb-zf", "postoffice"),
        ("kb-zg", "arson"),
        ("kb-zh", "pool"),
        ("kb-zi", "scooters"),
    ]);
    floors("seventh four articles", &tally, 0.40, 0.80, 0.36);
}

#[test]
fn the_eighth_four_articles_without_claims_files_stay_above_their_floor() {
    let tally = tuning_articles(&[
        ("kb-zj", "landlord"),
        ("kb-zk", "quarry"),
        ("kb-zl", "whale"),
        ("kb-zm", "waits"),
    ]);
    floors("eighth four articles", &tally, 0.50, 0.82, 0.42);
}
