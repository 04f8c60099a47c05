//! Answers do not depend on what else is loaded: with thousands of synthetic
//! claims beside the article, every question in tests/data/shared gets the same
//! answer and every statement the same verdict and quote as with the article
//! alone.

use std::path::Path;

use claimbot::answer::Thresholds;
use claimbot::knowledge::KnowledgeBase;
use claimbot::{synthetic, Engine};

/// Big enough that synthetic claims outnumber the real ones a
/// hundredfold; small enough for CI.
const SYNTHETIC_CLAIMS: usize = 20_000;

fn bundled() -> KnowledgeBase {
    KnowledgeBase::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge"))
        .expect("bundled knowledge loads")
}

fn inputs(key: &str) -> Vec<String> {
    synthetic::question_set(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/shared"),
        key,
    )
}

#[test]
fn synthetic_claims_beside_the_article_change_no_answer() {
    let alone = Engine::new(bundled(), Thresholds::default());
    let crowded = Engine::new(
        synthetic::knowledge(bundled(), SYNTHETIC_CLAIMS, 42),
        Thresholds::default(),
    );
    assert!(crowded.knowledge().claims.len() > SYNTHETIC_CLAIMS);
    let questions = inputs("question");
    assert!(questions.len() >= 50);
    for q in &questions {
        let (a, b) = (alone.ask(q), crowded.ask(q));
        assert_eq!((a.answered, &a.claim), (b.answered, &b.claim), "{q}");
    }
    // A verdict rests on a quote; a curated claim and the sentence claim it
    // quotes say the same to the member.
    for s in &inputs("statement") {
        let (a, b) = (alone.verify(s), crowded.verify(s));
        assert_eq!((a.verdict, &a.quote), (b.verdict, &b.quote), "{s}");
    }
}

#[test]
fn questions_during_a_reload_are_answered_from_the_old_snapshot() {
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::Arc;
    let current = Arc::new(claimbot::store::Store::with_engine(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge"),
        Engine::new(bundled(), Thresholds::default()),
    ));
    let done = Arc::new(AtomicBool::new(false));
    let writer = {
        let (current, done) = (Arc::clone(&current), Arc::clone(&done));
        std::thread::spawn(move || {
            let bigger = Engine::new(
                synthetic::knowledge(bundled(), SYNTHETIC_CLAIMS, 7),
                Thresholds::default(),
            );
            current.put_in_service(Arc::new(bigger));
            done.store(true, Ordering::SeqCst);
        })
    };
    let mut answered = 0;
    while !done.load(Ordering::SeqCst) {
        let a = current.engine().ask("How many civilians were freed?");
        assert!(a.answered, "answered throughout the reload");
        answered += 1;
    }
    writer.join().expect("the reload finishes");
    assert!(answered > 0);
    assert!(
        current.engine().knowledge().claims.len() > SYNTHETIC_CLAIMS,
        "the new snapshot is in service"
    );
}

/// One long paragraph of `sentences` sentences, and a claims file quoting
/// every tenth of them: the load time.
fn load_time(sentences: usize) -> std::time::Duration {
    let text: String = (0..sentences)
        .map(|i| {
            format!(
                "Report {i} says the harbour repairs cost {} pounds. ",
                i * 7
            )
        })
        .collect();
    let mut claims = String::from("[source]\ntitle = \"Long\"\n");
    for i in (0..sentences).step_by(10) {
        claims.push_str(&format!(
            "\n[[claims]]\nid = \"c{i}\"\nanswer = \"{}\"\nquote = \"Report {i} says the harbour repairs cost {} pounds.\"\n",
            i * 7,
            i * 7
        ));
    }
    let texts = std::collections::HashMap::from([("long.txt".to_string(), text)]);
    let files = [("long.toml".to_string(), claims)];
    let started = std::time::Instant::now();
    let kb =
        claimbot::knowledge::files::build(Path::new("kb"), &texts, &files, None).expect("builds");
    let engine = Engine::new(kb, Thresholds::default());
    assert!(engine.knowledge().claims.len() > sentences);
    started.elapsed()
}

#[test]
fn loading_grows_linearly_with_the_size_of_an_article() {
    // Once quadratic twice over: every quote located by folding the whole
    // article again, and every sentence walking back to its paragraph's
    // first one.
    let _ = load_time(100); // the English tables, parsed once
                            // The fastest of a few runs: other tests share the two cores.
    let fastest = |n: usize| (0..5).map(|_| load_time(n)).min().unwrap_or_default();
    let small = fastest(1_000);
    let large = fastest(8_000);
    let ratio = large.as_secs_f64() / small.as_secs_f64();
    // Linear is 8x; quadratic 64x.
    assert!(
        ratio < 24.0,
        "8x the article took {ratio:.1}x as long ({small:?} -> {large:?})"
    );
}
