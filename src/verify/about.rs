//! Whether a claim is about a statement said in other words: a logistic
//! regression fitted rather than hand-set, like the answer model
//! ([`crate::answer::model`]).
//!
//! A statement that shares every meaningful word with a claim is judged by
//! that claim. One that says the same thing in other words ("negotiators
//! talked directly" for "direct talks") lacks some of them, and would be
//! "not found". For those, this model gives the probability that the claim
//! is the one the statement is about, from what the match looks like
//! ([`AboutFeatures`]); above a threshold fitted for each verdict, the
//! claim's values and polarity decide (every check but the words one).
//!
//! The weights and thresholds are data (`about.json`, beside this file),
//! written by `src/verify/fit.py` from the claims that `cargo run --release
//! --example eval -- --verify-features FILE` dumps for every statement of
//! the tuning sets; the script's header says how it was fitted and checked.

use std::sync::OnceLock;

use serde::Deserialize;

use crate::answer::model::Model;

/// The names of [`AboutFeatures`], in order.
pub const NAMES: [&str; 12] = [
    "share",
    "own",
    "linked",
    "context",
    "lacking_max_information",
    "lacking_share",
    "few_lacking",
    "missed_name",
    "semantic",
    "value_agrees",
    "value_differs",
    "few_terms",
];

/// What one claim's match with a statement looks like, each in 0..=1.
pub type AboutFeatures = [f32; NAMES.len()];

/// The probability from which a claim found to be about a statement gives
/// each verdict: a wrong "supported" costs more than a wrong
/// "contradicted", so each has its own.
#[derive(Debug, Clone, Copy, Deserialize)]
pub struct Thresholds {
    pub supported: f32,
    pub contradicted: f32,
}

#[derive(Deserialize)]
struct File {
    thresholds: Thresholds,
}

const ABOUT: &str = include_str!("about.json");

/// The shipped model and its thresholds, parsed once.
pub fn model() -> &'static (Model, Thresholds) {
    static PARSED: OnceLock<(Model, Thresholds)> = OnceLock::new();
    PARSED.get_or_init(|| {
        let model = Model::parse("about.json", ABOUT, &NAMES);
        // Checked by a unit test, as the model is.
        let file: File = serde_json::from_str(ABOUT).unwrap_or_else(|e| panic!("about.json: {e}"));
        (model, file.thresholds)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn features(set: &[(&str, f32)]) -> AboutFeatures {
        crate::answer::model::named(&NAMES, set)
    }

    #[test]
    fn the_shipped_model_reads_and_its_thresholds_are_probabilities() {
        let (_, t) = model();
        assert!((0.0..=1.0).contains(&t.supported));
        assert!((0.0..=1.0).contains(&t.contradicted));
    }

    #[test]
    fn a_claim_sharing_the_statement_is_more_likely_about_it() {
        let (m, _) = model();
        let shared = features(&[
            ("share", 0.9),
            ("own", 0.9),
            ("lacking_max_information", 0.4),
            ("lacking_share", 0.1),
            ("few_lacking", 0.5),
            ("semantic", 0.7),
            ("value_agrees", 1.0),
            ("few_terms", 0.2),
        ]);
        let apart = features(&[
            ("share", 0.3),
            ("own", 0.3),
            ("lacking_max_information", 0.9),
            ("lacking_share", 0.7),
            ("few_lacking", 0.25),
            ("missed_name", 1.0),
            ("semantic", 0.2),
            ("few_terms", 0.2),
        ]);
        assert!(m.probability(&shared) > m.probability(&apart));
    }
}
