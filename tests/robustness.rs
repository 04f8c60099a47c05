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

/// Words an article may be written with: values of every kind the engine
/// reads (counts, money, shares, units, dates, times, ages), names, and
/// punctuation in odd places, so that a value may open or end a sentence
/// or the whole article.
const ARTICLE_WORDS: &[&str] = &[
    "The",
    "council",
    "said",
    "Harbury",
    "City",
    "Supporters'",
    "Trust",
    "2,300",
    "£68m",
    "$3.90",
    "41.3%",
    "38",
    "per",
    "cent",
    "118mm",
    "40km",
    "48",
    "kg",
    "21",
    "October",
    "October",
    "21,",
    "2025",
    "6.40pm",
    "10",
    "pm",
    "46-year-old",
    "a",
    "week",
    "earlier",
    "turned",
    "it",
    "down",
    "which",
    "of",
    "them",
    "first",
    "in",
    ".",
    ",",
    ":",
    "\n\n",
    "May",
    "three",
    "hours",
    "Monday",
    "not",
    "“",
    "”",
    "—",
    "100,000",
    "0",
    "31st",
    "jobs",
    "lost",
    "cost",
    "vote",
];

/// Questions of every kind the engine tells apart.
const QUESTIONS: &[&str] = &[
    "How many jobs were lost?",
    "How much did it cost?",
    "What percentage of the vote did the council win?",
    "How old is the Trust?",
    "How far is Harbury?",
    "How heavy is it?",
    "When did it happen?",
    "What time did it start?",
    "Which city said it?",
    "Who turned it down?",
    "How many days before the vote?",
    "how long did it last",
    "The council said 2,300 jobs were lost on 21 October.",
    "It cost £70m and 40% in 2024 at 7pm.",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    /// Any article, however its values fall, loads and answers every kind
    /// of question without a panic, with verbatim quotes.
    #[test]
    fn any_article_answers_every_kind_of_question(
        words in prop::collection::vec(prop::sample::select(ARTICLE_WORDS), 1..30),
    ) {
        let text = words.join(" ");
        let texts = std::collections::HashMap::from([("fuzz.txt".to_string(), text.clone())]);
        let Ok(kb) = claimbot::knowledge::files::build(Path::new("kb"), &texts, &[], None) else {
            // An article with no sentence is refused with a message: fine.
            return Ok(());
        };
        let engine = Engine::new(kb, Thresholds { answer: 0.0, ..Thresholds::default() });
        for question in QUESTIONS {
            let a = engine.ask(question);
            if let Some(quote) = &a.quote {
                prop_assert!(text.contains(quote.as_str()), "quote not verbatim: {quote}");
            }
            let v = engine.verify(question);
            prop_assert!((0.0..=1.0).contains(&v.confidence));
        }
    }
}
