//! Deterministic synthetic knowledge bases, for benchmarks and scale tests:
//! articles of pronounceable pseudo-words ("varotek misandu"), numbers and
//! English function words, so that they load and index like real articles
//! without sharing content words with real questions.

use crate::knowledge::{Claim, KnowledgeBase, Origin, Source, Values};
use crate::text::sentences;

/// Sentences per synthetic article.
pub const CLAIMS_PER_SOURCE: usize = 100;
/// Sentences per paragraph.
const PARAGRAPH: usize = 4;
/// Distinct pseudo-words.
const VOCABULARY: usize = 6000;

const ONSETS: &[&str] = &[
    "b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "dr", "kr", "pl",
    "st", "tr",
];
const VOWELS: &[&str] = &["a", "e", "i", "o", "u", "ai", "ou"];
const CODAS: &[&str] = &["", "", "", "n", "r", "s", "k", "l"];
const FUNCTION_WORDS: &[&str] = &[
    "the", "of", "and", "in", "to", "a", "with", "on", "for", "by", "after", "from",
];

/// A small, fast, deterministic generator (SplitMix64).
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    /// An index in `0..n` with Zipf-like frequencies: low indexes are common.
    pub fn zipf(&mut self, n: usize) -> usize {
        let u = (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
        ((n as f64).powf(u) - 1.0) as usize % n.max(1)
    }
}

/// The pseudo-word vocabulary, the same for every seed.
pub fn vocabulary() -> Vec<String> {
    let mut rng = Rng::new(0x5EED);
    let mut words: Vec<String> = Vec::with_capacity(VOCABULARY);
    let mut seen = std::collections::HashSet::new();
    while words.len() < VOCABULARY {
        let syllables = 2 + rng.below(3);
        let mut w = String::new();
        for _ in 0..syllables {
            w.push_str(ONSETS[rng.below(ONSETS.len())]);
            w.push_str(VOWELS[rng.below(VOWELS.len())]);
        }
        w.push_str(CODAS[rng.below(CODAS.len())]);
        if seen.insert(w.clone()) {
            words.push(w);
        }
    }
    words
}

fn sentence(rng: &mut Rng, words: &[String]) -> String {
    let len = 8 + rng.below(7);
    let mut out: Vec<String> = Vec::with_capacity(len);
    for i in 0..len {
        let pick = rng.below(10);
        let w = if pick < 2 && i > 0 {
            FUNCTION_WORDS[rng.below(FUNCTION_WORDS.len())].to_string()
        } else if pick == 2 {
            (1 + rng.below(5000)).to_string()
        } else {
            words[rng.zipf(words.len())].clone()
        };
        out.push(w);
    }
    let mut s = out.join(" ");
    if let Some(first) = s.get(..1) {
        s = first.to_uppercase() + &s[1..];
    }
    s.push('.');
    s
}

/// Appends synthetic articles with `claims` sentence claims in all to `base`.
pub fn knowledge(mut base: KnowledgeBase, claims: usize, seed: u64) -> KnowledgeBase {
    let words = vocabulary();
    let mut rng = Rng::new(seed);
    let mut made = 0;
    let mut article = 0;
    while made < claims {
        let n = CLAIMS_PER_SOURCE.min(claims - made);
        let mut text = String::new();
        for i in 0..n {
            if i > 0 {
                text.push_str(if i % PARAGRAPH == 0 { "\n\n" } else { " " });
            }
            text.push_str(&sentence(&mut rng, &words));
        }
        let id = format!("synthetic-{seed}-{article}");
        let source = base.sources.len();
        for (k, range) in sentences::split(&text).into_iter().enumerate() {
            let quote = text[range.clone()].to_string();
            base.claims.push(Claim {
                id: format!("{id}#s{}", k + 1),
                source,
                answer: quote.clone(),
                quote,
                span: range,
                questions: Vec::new(),
                values: Values::default(),
                origin: Origin::Sentence { n: k + 1 },
            });
        }
        base.sources.push(Source {
            id: id.clone(),
            title: format!("Synthetic article {article}"),
            text,
            text_file: format!("{id}.txt"),
            claims_file: None,
            publisher: None,
            author: None,
            published: None,
            url: None,
        });
        made += n;
        article += 1;
    }
    base
}

/// Questions aimed at the synthetic articles (some with a typo), for
/// latency runs.
pub fn questions(n: usize, seed: u64) -> Vec<String> {
    let words = vocabulary();
    let mut rng = Rng::new(seed ^ 0xA5A5);
    (0..n)
        .map(|_| {
            let mut parts: Vec<String> = (0..3)
                .map(|_| words[rng.zipf(words.len())].clone())
                .collect();
            if rng.below(4) == 0 {
                // A typo: two letters swapped.
                let w: Vec<char> = parts[0].chars().collect();
                if w.len() > 3 {
                    let mut w2 = w.clone();
                    w2.swap(1, 2);
                    parts[0] = w2.into_iter().collect();
                }
            }
            format!("how many {} did the {} {}?", parts[0], parts[1], parts[2])
        })
        .collect()
}

/// The naive reference the benchmarks compare against: strsim's
/// Jaro-Winkler similarity of the question to every claim's quote, best
/// score wins. Returns the index of the winning claim.
pub fn naive_best(kb: &KnowledgeBase, question: &str) -> usize {
    let q = question.to_lowercase();
    let mut best = (0, f64::MIN);
    for (i, c) in kb.claims.iter().enumerate() {
        let s = strsim::jaro_winkler(&q, &c.quote.to_lowercase());
        if s > best.1 {
            best = (i, s);
        }
    }
    best.0
}

/// The texts under `key` ("question" or "statement") of every JSON-lines
/// question set in `dir` (the format of `tests/data`).
pub fn question_set(dir: &std::path::Path, key: &str) -> Vec<String> {
    let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    let mut out = Vec::new();
    for file in files {
        for line in std::fs::read_to_string(file).unwrap_or_default().lines() {
            if let Ok(v) = serde_json::from_str::<serde_json::Value>(line) {
                if let Some(text) = v[key].as_str() {
                    out.push(text.to_string());
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn is_deterministic_and_quotes_are_verbatim() {
        let a = knowledge(KnowledgeBase::default(), 250, 7);
        let b = knowledge(KnowledgeBase::default(), 250, 7);
        assert_eq!(a.claims.len(), b.claims.len());
        assert!(a.claims.len() >= 245, "{}", a.claims.len());
        for (x, y) in a.claims.iter().zip(&b.claims) {
            assert_eq!(x.quote, y.quote);
            assert_eq!(&a.sources[x.source].text[x.span.clone()], x.quote);
        }
    }
}
