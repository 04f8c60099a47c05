//! The decision to answer, fitted rather than hand-set: a logistic
//! regression over what a claim's match with a question looks like
//! ([`Features`]) and the pairwise products of those features, giving the
//! probability that the claim answers it.
//!
//! The weights are data (`model.json`, beside this file), written by
//! `src/answer/fit.py` from the features that `cargo run --release
//! --example eval -- --features FILE` dumps for every question of the
//! tuning sets; the script's header says how it was fitted and checked.

use std::sync::OnceLock;

use serde::Deserialize;

/// The features, in the order of the model's weights.
pub const NAMES: [&str; 21] = [
    "share",
    "exact",
    "linked",
    "context",
    "missed_information",
    "missed_name",
    "kind_missing",
    "open_question",
    "phrasing",
    "proximity",
    "contrast",
    "few_terms",
    "share_if_kind",
    "focus_missed",
    "absent_information",
    "semantic",
    "value_near",
    "measure_found",
    "missed_near",
    "linked_close",
    "share_margin",
];

/// Where `share_margin` stands: how much more of the question a claim
/// covers than the best claim on another quote, in -1..=1, known only once
/// every candidate is covered.
pub const SHARE_MARGIN: usize = 20;

/// What a claim's match with a question looks like, each in 0..=1 but
/// `share_margin`.
pub type Features = [f32; NAMES.len()];

#[derive(Debug, Deserialize)]
pub struct Model {
    pub features: Vec<String>,
    /// One per feature, then one per product `x[i] * x[j]`, `i <= j`, in
    /// that order.
    pub weights: Vec<f32>,
    pub bias: f32,
    /// The probability at which answering starts, as fitted: the default
    /// of `answer.min_confidence`.
    pub threshold: f32,
}

const MODEL: &str = include_str!("model.json");

/// The shipped model, parsed once.
pub fn model() -> &'static Model {
    static PARSED: OnceLock<Model> = OnceLock::new();
    PARSED.get_or_init(|| Model::parse("model.json", MODEL, &NAMES))
}

impl Model {
    /// Reads a model file shipped in the binary, whose features must be
    /// `names`. The file is checked by a unit test: a broken one is a
    /// build defect, not an input error.
    pub fn parse(file: &str, text: &str, names: &[&str]) -> Model {
        let m: Model = serde_json::from_str(text).unwrap_or_else(|e| panic!("{file}: {e}"));
        let n = names.len();
        assert!(
            m.features
                .iter()
                .map(String::as_str)
                .eq(names.iter().copied())
                && m.weights.len() == n + n * (n + 1) / 2,
            "{file}: features do not match the engine's"
        );
        m
    }

    /// The probability that a claim with these features answers the
    /// question (for the aboutness model: is about the statement).
    pub fn probability(&self, features: &[f32]) -> f32 {
        let (alone, products) = self.weights.split_at(features.len());
        let mut z: f32 = self.bias + alone.iter().zip(features).map(|(w, f)| w * f).sum::<f32>();
        let mut w = products.iter();
        for (i, a) in features.iter().enumerate() {
            for b in &features[i..] {
                z += w.next().copied().unwrap_or(0.0) * a * b;
            }
        }
        1.0 / (1.0 + (-z).exp())
    }

    /// How much each feature moved the log-odds: its own weight, plus half
    /// of each product it shares with another feature (all of its square).
    /// The bias and these add up to the log-odds exactly.
    pub fn contributions(&self, features: &[f32]) -> Vec<f32> {
        let (alone, products) = self.weights.split_at(features.len());
        let mut out: Vec<f32> = alone.iter().zip(features).map(|(w, f)| w * f).collect();
        let mut w = products.iter();
        for i in 0..features.len() {
            for j in i..features.len() {
                let part = w.next().copied().unwrap_or(0.0) * features[i] * features[j];
                if i == j {
                    out[i] += part;
                } else {
                    out[i] += part / 2.0;
                    out[j] += part / 2.0;
                }
            }
        }
        out
    }
}

/// Features by name, the others 0: for tests of a model.
#[cfg(test)]
pub(crate) fn named<const N: usize>(names: &[&str; N], set: &[(&str, f32)]) -> [f32; N] {
    let mut f = [0.0; N];
    for (name, v) in set {
        let at = names.iter().position(|n| n == name).expect("a feature");
        f[at] = *v;
    }
    f
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contributions_add_up_to_the_probability() {
        let m = model();
        let f = features(&[("share", 0.8), ("exact", 0.5), ("semantic", 0.6)]);
        let z = m.bias + m.contributions(&f).iter().sum::<f32>();
        let p = 1.0 / (1.0 + (-z).exp());
        assert!((p - m.probability(&f)).abs() < 1e-5, "{p}");
    }

    #[test]
    fn the_shipped_model_matches_the_features() {
        let m = model();
        let n = NAMES.len();
        assert_eq!(m.weights.len(), n + n * (n + 1) / 2);
        assert!((0.0..1.0).contains(&m.threshold));
    }

    fn features(set: &[(&str, f32)]) -> Features {
        named(&NAMES, set)
    }

    #[test]
    fn covering_more_than_the_rivals_makes_an_answer_likelier() {
        assert_eq!(NAMES[SHARE_MARGIN], "share_margin");
        let m = model();
        let with = |margin: f32| {
            m.probability(&features(&[
                ("share", 0.8),
                ("exact", 0.7),
                ("share_if_kind", 0.8),
                ("semantic", 0.5),
                ("few_terms", 0.25),
                ("share_margin", margin),
            ]))
        };
        assert!(with(0.5) > with(0.0) && with(0.0) > with(-0.3));
    }

    #[test]
    fn full_coverage_beats_none() {
        let m = model();
        let good = features(&[
            ("share", 1.0),
            ("exact", 1.0),
            ("share_if_kind", 1.0),
            ("proximity", 1.0),
            ("few_terms", 0.25),
            ("share_margin", 1.0),
        ]);
        let bad = features(&[
            ("missed_information", 1.0),
            ("missed_name", 1.0),
            ("absent_information", 1.0),
            ("few_terms", 0.25),
        ]);
        assert!(m.probability(&good) > m.threshold);
        assert!(m.probability(&bad) < m.threshold);
    }
}
