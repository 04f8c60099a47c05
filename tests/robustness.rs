//! Any input, of any size or alphabet, gets an answer and never a panic; and
//! every quote given is verbatim source text.

use std::path::Path;
use std::sync::OnceLock;

use claimbot::answer::Thresholds;
use claimbot::Engine;
use proptest::prelude::*;

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| {
        Engine::load(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge"),
            Thresholds::default(),
        )
        .expect("bundled knowledge loads")
    })
}

/// Asks and verifies `text`, checking what a user would notice.
fn exercise(text: &str) {
    let e = engine();
    let a = e.ask(text);
    assert!(
        (0.0..=1.0).contains(&a.confidence),
        "confidence {}",
        a.confidence
    );
    if let Some(quote) = &a.quote {
        assert!(
            e.knowledge()
                .sources
                .iter()
                .any(|s| s.text.contains(quote.as_str())),
            "quote not verbatim: {quote}"
        );
    }
    assert_eq!(a.answered, a.quote.is_some());
    let v = e.verify(text);
    assert!((0.0..=1.0).contains(&v.confidence));
    if let Some(quote) = &v.quote {
        assert!(e
            .knowledge()
            .sources
            .iter()
            .any(|s| s.text.contains(quote.as_str())));
    }
    let _ = e.search_claims(text, 25);
}

#[test]
fn awkward_inputs_are_answered_without_panic() {
    let big = "how many civilians were freed ".repeat(3500);
    let cases = [
        String::new(),
        " \n\t ".to_string(),
        big,
        "😀🔥🙏".repeat(1000),
        "כמה אזרחים שוחררו? كم عدد المدنيين".to_string(),
        "\u{202E}how many\u{202C} civilians\u{0}\u{7}\u{1b}[31m".to_string(),
        "1,000,000,000,000,000,000,000 9999999999999999999999999 0.0.0.0".to_string(),
        "twenty-five hundred thousand million billion trillion".to_string(),
        "''''\"\"\"—–-...,,,???".to_string(),
        "U.S.A.B.C.D.E.F.G. e.g. i.e. Dr. Mr.".to_string(),
        "a".repeat(100_000),
        "ﬁ ＡＢＣ ᾬ ǅ İ ß".to_string(),
        "@everyone <@123> <@&456> http://example.com".to_string(),
    ];
    for case in &cases {
        exercise(case);
    }
}

#[test]
fn the_cost_of_a_question_is_bounded_whatever_its_size() {
    let e = engine();
    let _ = e.verify("warm up");
    // Values compared with one another: a statement of 50,000 dates or
    // counts once took seconds, growing with the square of its size.
    for statement in [
        "The swap took place on 12 May 2025, ".repeat(50_000),
        "Each side released 390 people and 270 soldiers, ".repeat(50_000),
    ] {
        let started = std::time::Instant::now();
        let _ = e.verify(&statement);
        let _ = e.ask(&statement);
        let took = started.elapsed();
        assert!(
            took < std::time::Duration::from_secs(2),
            "{} bytes took {took:?}",
            statement.len()
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn any_text_is_answered_without_panic(text in "\\PC{0,200}") {
        exercise(&text);
    }

    #[test]
    fn any_mix_of_article_words_and_noise_is_answered(words in prop::collection::vec(prop_oneof![
        Just("civilians"), Just("freed"), Just("390"), Just("two-hour"), Just("U.S."), Just("Zelensky's"),
        Just("didn't"), Just("a thousand"), Just("—"), Just("“"), Just("?"), Just("👍"), Just("no"),
        Just("biggest"), Just("March 2025"), Just("three days"), Just("\u{0}"), Just("Ukraine’s"),
    ], 0..40)) {
        exercise(&words.join(" "));
    }
}

#[test]
fn a_yes_or_no_is_given_only_to_the_question_it_answers() {
    let e = engine();
    let own = e.ask("Was this the biggest prisoner exchange since the invasion?");
    assert!(
        own.answer.as_deref().is_some_and(|a| a.starts_with("Yes")),
        "{own:?}"
    );
    // Another question about the same sentence, and an open question: the
    // claim's "Yes" would say what the source does not.
    for question in ["Is the war over?", "What did Lavrov say about elections?"] {
        let a = e.ask(question);
        assert!(
            !a.answer
                .as_deref()
                .is_some_and(|a| a.starts_with("Yes") || a.starts_with("No")),
            "{question}: {a:?}"
        );
    }
}
