//! The answer engine: a loaded knowledge base and its index, immutable once
//! built. Reloading builds a new engine; [`crate::store::Store`] swaps it in
//! whole.

use std::path::Path;

use serde::Serialize;

use crate::answer::{self, Answer, Thresholds};
use crate::explain::Explanation;
use crate::index::Index;
use crate::knowledge::{Claim, KnowledgeBase, KnowledgeError};
use crate::verify::{self, Verification};

#[derive(Debug)]
pub struct Engine {
    kb: KnowledgeBase,
    index: Index,
    thresholds: Thresholds,
}

/// Counts for `claimbot check` and `/sources`.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub sources: usize,
    pub claims: usize,
    pub curated: usize,
    pub phrasings: usize,
    pub terms: usize,
    pub warnings: Vec<String>,
}

impl Engine {
    /// Loads and indexes the knowledge directory `dir`.
    pub fn load(dir: &Path, thresholds: Thresholds) -> Result<Engine, KnowledgeError> {
        Ok(Engine::new(KnowledgeBase::load(dir)?, thresholds))
    }

    /// Indexes a knowledge base already in memory.
    pub fn new(kb: KnowledgeBase, thresholds: Thresholds) -> Engine {
        let index = Index::build(&kb);
        verify::prepare();
        Engine {
            kb,
            index,
            thresholds,
        }
    }

    /// Answers a question, or says the source does not cover it.
    pub fn ask(&self, question: &str) -> Answer {
        answer::ask(&self.kb, &self.index, question, self.thresholds)
    }

    /// Checks a statement against the knowledge base.
    pub fn verify(&self, statement: &str) -> Verification {
        verify::verify(&self.kb, &self.index, statement, self.thresholds)
    }

    /// [`Engine::ask`], with the reasons as a tree (`--explain`).
    pub fn ask_explained(&self, question: &str) -> (Answer, Explanation) {
        answer::explain(&self.kb, &self.index, question, self.thresholds)
    }

    /// [`Engine::verify`], with the reasons as a tree (`--explain`).
    pub fn verify_explained(&self, statement: &str) -> (Verification, Explanation) {
        verify::explain(&self.kb, &self.index, statement, self.thresholds)
    }

    /// Claims matching `text` for autocomplete, best first: an id typed
    /// out, then the engine's own ranking (typos and synonyms included),
    /// then claims whose text contains what was typed so far ("civ").
    pub fn search_claims(&self, text: &str, limit: usize) -> Vec<&Claim> {
        let needle = text.trim().to_lowercase();
        let claims = &self.kb.claims;
        if needle.is_empty() {
            return claims
                .iter()
                .filter(|c| c.is_curated())
                .take(limit)
                .collect();
        }
        let mut out: Vec<&Claim> = claims
            .iter()
            .filter(|c| c.id.starts_with(&needle))
            .take(limit)
            .collect();
        let query = self.index.query(text);
        let ranked = answer::rank(&self.index, &query);
        let by_rank = ranked
            .iter()
            .filter(|s| s.parts.coverage > 0.0)
            .map(|s| &claims[s.claim as usize]);
        let by_text = claims.iter().filter(|c| {
            c.answer.to_lowercase().contains(&needle) || c.quote.to_lowercase().contains(&needle)
        });
        for claim in by_rank.chain(by_text) {
            if out.len() >= limit {
                break;
            }
            if !out.iter().any(|c| c.id == claim.id) {
                out.push(claim);
            }
        }
        out
    }

    /// Questions a member could try, drawn from the knowledge base itself:
    /// the first phrasing of each of the first `limit` curated claims that
    /// has one, so that they change with the knowledge base.
    pub fn example_questions(&self, limit: usize) -> Vec<&str> {
        self.kb
            .claims
            .iter()
            .filter(|c| c.is_curated())
            .filter_map(|c| c.questions.first())
            .map(String::as_str)
            .take(limit)
            .collect()
    }

    pub fn knowledge(&self) -> &KnowledgeBase {
        &self.kb
    }

    pub fn index(&self) -> &Index {
        &self.index
    }

    pub fn thresholds(&self) -> Thresholds {
        self.thresholds
    }

    pub fn claim(&self, id: &str) -> Option<&Claim> {
        self.kb.claims.iter().find(|c| c.id == id)
    }

    pub fn summary(&self) -> Summary {
        Summary {
            sources: self.kb.sources.len(),
            claims: self.kb.claims.len(),
            curated: self.kb.claims.iter().filter(|c| c.is_curated()).count(),
            phrasings: self.kb.phrasing_count(),
            terms: self.index.term_count(),
            warnings: self.kb.warnings.clone(),
        }
    }
}
