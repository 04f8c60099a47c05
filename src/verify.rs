//! Verification (placeholder).
use serde::Serialize;
use crate::answer::Thresholds;
use crate::index::Index;
use crate::knowledge::KnowledgeBase;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict { Supported, Contradicted, NotFound }

#[derive(Debug, Clone, Serialize)]
pub struct Verification {
    pub verdict: Verdict,
    pub quote: Option<String>,
    pub source: Option<String>,
    pub claim: Option<String>,
    pub confidence: f32,
    pub explanation: String,
}

pub fn verify(_kb: &KnowledgeBase, _index: &Index, _s: &str, _t: Thresholds) -> Verification {
    Verification { verdict: Verdict::NotFound, quote: None, source: None, claim: None, confidence: 0.0, explanation: String::new() }
}
