//! Verification: is a statement supported, contradicted, or not in the
//! source at all?
//!
//! A claim can only decide a statement it is about: it must cover the
//! statement's words (numbers and names aside) as well as `verify` demands.
//! Then its values are compared one by one — counts, durations, dates,
//! names — and its polarity (negation, opposites). A value the claim does
//! not state at all is not a contradiction: the source simply does not say.

use std::ops::Range;

use serde::Serialize;

use crate::answer::{coverage, round, Thresholds, CANDIDATES};
use crate::index::query::Query;
use crate::index::values::{self, TextValues};
use crate::index::{Doc, DocKind, Index};
use crate::knowledge::KnowledgeBase;
use crate::text::{Token, TokenKind};

/// How many of the best-covering claims are judged.
const JUDGED: usize = 12;
/// A supported claim wins over a contradicting one that covers the
/// statement at most this much better.
const SUPPORT_MARGIN: f32 = 0.05;
/// Relative difference under which two numbers are the same.
const SAME_NUMBER: f64 = 1e-6;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Supported,
    Contradicted,
    NotFound,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Supported => "supported",
            Verdict::Contradicted => "contradicted",
            Verdict::NotFound => "not_found",
        }
    }
}

/// The outcome of checking a statement.
#[derive(Debug, Clone, Serialize)]
pub struct Verification {
    pub verdict: Verdict,
    pub quote: Option<String>,
    pub source: Option<String>,
    pub claim: Option<String>,
    pub confidence: f32,
    /// One line: "The source says 390 people, not 500."
    pub explanation: String,
}

/// What one claim says about the statement.
#[derive(Debug, Clone)]
struct Judgement {
    doc: u32,
    coverage: f32,
    verdict: Verdict,
    explanation: String,
}

pub fn verify(
    kb: &KnowledgeBase,
    index: &Index,
    statement: &str,
    thresholds: Thresholds,
) -> Verification {
    let query = index.query(statement);
    let stated = values::extract(&query.tokens);
    let value_positions = value_token_positions(&query.tokens, &stated);
    let mut weights = crate::answer::Weights::default();
    let mut judged: Vec<Judgement> = index
        .candidates(&query, CANDIDATES)
        .into_iter()
        .map(|d| {
            let w = weights.of(index, &query, index.doc(d).source);
            judge(index, &query, w, &stated, &value_positions, d)
        })
        .collect();
    judged.sort_by(|a, b| b.coverage.total_cmp(&a.coverage).then(a.doc.cmp(&b.doc)));
    judged.truncate(JUDGED);

    let decided = |v: Verdict| {
        judged
            .iter()
            .filter(|j| j.verdict == v && j.coverage >= thresholds.verify)
            .max_by(|a, b| a.coverage.total_cmp(&b.coverage))
    };
    let supported = decided(Verdict::Supported);
    let contradicted = decided(Verdict::Contradicted);
    let pick = match (supported, contradicted) {
        (Some(s), Some(c)) if s.coverage + SUPPORT_MARGIN >= c.coverage => Some(s),
        (Some(_), Some(c)) => Some(c),
        (Some(s), None) => Some(s),
        (None, Some(c)) => Some(c),
        (None, None) => None,
    };
    match pick {
        Some(j) => {
            let claim = &kb.claims[index.doc(j.doc).claim as usize];
            Verification {
                verdict: j.verdict,
                quote: Some(claim.quote.clone()),
                source: Some(kb.source_of(claim).citation()),
                claim: Some(claim.id.clone()),
                confidence: round(j.coverage),
                explanation: j.explanation.clone(),
            }
        }
        None => {
            let best = judged.first();
            let explanation = match best {
                Some(j) if j.coverage >= thresholds.verify => j.explanation.clone(),
                _ => not_mentioned(index, &query, best.map(|j| j.doc), &value_positions),
            };
            Verification {
                verdict: Verdict::NotFound,
                quote: None,
                source: None,
                claim: None,
                confidence: round(1.0 - best.map_or(0.0, |j| j.coverage)),
                explanation,
            }
        }
    }
}

/// Token positions of the statement that belong to a stated duration or
/// date ("three days", "March 2025"): compared as values, not words.
fn value_token_positions(tokens: &[Token], stated: &TextValues) -> Vec<usize> {
    let spans: Vec<&Range<usize>> = stated
        .durations
        .iter()
        .map(|d| &d.surface)
        .chain(stated.dates.iter().map(|d| &d.surface))
        .collect();
    tokens
        .iter()
        .enumerate()
        .filter(|(_, t)| {
            spans
                .iter()
                .any(|s| t.span.start >= s.start && t.span.end <= s.end)
        })
        .map(|(i, _)| i)
        .collect()
}

fn judge(
    index: &Index,
    query: &Query,
    weights: &[f32],
    stated: &TextValues,
    value_positions: &[usize],
    d: u32,
) -> Judgement {
    let doc = index.doc(d);
    let in_doc = |qt: &crate::index::QueryTerm| qt.expansions.iter().any(|e| doc.fields(e.0) != 0);
    let unmatched_names: Vec<usize> = query
        .terms
        .iter()
        .enumerate()
        .filter(|(_, qt)| qt.name_like && qt.number.is_none() && !in_doc(qt))
        .map(|(i, _)| i)
        .collect();
    let cov = coverage(index, query, doc, weights, |qt| {
        qt.number.is_some() || value_positions.contains(&qt.at) || (qt.name_like && !in_doc(qt))
    });
    let mut judgement = Judgement {
        doc: d,
        coverage: cov.share,
        verdict: Verdict::Supported,
        explanation: String::new(),
    };
    let quote = &doc.tokens;

    // Counts.
    let claim_counts = &doc.values.counts;
    for count in stated.counts.iter() {
        if claim_counts.iter().any(|c| same(c.value, count.value)) {
            continue;
        }
        if claim_counts.is_empty() {
            return missing(judgement, "The source gives no number for this.");
        }
        // A count compares only with a count of the same thing: "50
        // journalists" says nothing against "390 people". The statement's
        // noun must be, or reach, one of the two words after the claim's
        // number ("270 military personnel").
        let unit = count
            .unit
            .as_deref()
            .and_then(|u| query.terms.iter().find(|t| t.name == u));
        let counts_same_thing = |c: &values::Count| {
            unit.is_none_or(|qt| {
                (c.at + 1..=c.at + 2).any(|j| {
                    doc.tokens
                        .get(j)
                        .and_then(|t| t.term)
                        .is_some_and(|t| qt.expansions.iter().any(|e| e.0 == t))
                })
            })
        };
        let Some(partner) = claim_counts.iter().find(|c| counts_same_thing(c)) else {
            let what = unit.map_or("this".to_string(), |qt| qt.word.clone());
            return missing(judgement, &format!("The source gives no number of {what}."));
        };
        return differs(judgement, doc, &partner.surface, query, &count.surface);
    }
    // Durations.
    for duration in &stated.durations {
        let claimed = &doc.values.durations;
        if claimed
            .iter()
            .any(|c| (c.seconds - duration.seconds).abs() <= 0.01 * duration.seconds.max(1.0))
        {
            continue;
        }
        let Some(partner) = claimed.first() else {
            return missing(judgement, "The source does not say how long.");
        };
        return differs(judgement, doc, &partner.surface, query, &duration.surface);
    }
    // Dates: only absolute dates compare ("a week earlier" does not say
    // when), and only dates of the same thing: "the 2022 invasion" dates the
    // invasion, not whatever else the sentence reports.
    let statement_has = |term: &str| query.tokens.iter().any(|t| t.term == term);
    for date in stated.dates.iter().filter(|d| !d.relative) {
        let absolute = doc.values.dates.iter().filter(|c| !c.relative);
        let agrees = absolute.clone().any(|c| {
            c.year.zip(date.year).is_none_or(|(a, b)| a == b)
                && c.month.zip(date.month).is_none_or(|(a, b)| a == b)
                && (c.year.is_some() || c.month.is_some())
        });
        if agrees {
            continue;
        }
        let comparable: Vec<&values::Date> = absolute
            .filter(|c| c.head.as_deref().is_none_or(statement_has))
            .filter(|c| date.head.is_none() || c.head == date.head)
            .collect();
        let Some(partner) = comparable.first() else {
            return missing(judgement, "The source does not give that date.");
        };
        return differs(judgement, doc, &partner.surface, query, &date.surface);
    }
    // Days of the week compare with each other ("on Tuesday").
    for date in stated.dates.iter().filter(|d| d.weekday.is_some()) {
        let days: Vec<&values::Date> = doc
            .values
            .dates
            .iter()
            .filter(|c| c.weekday.is_some())
            .collect();
        if days.iter().any(|c| c.weekday == date.weekday) {
            continue;
        }
        let Some(partner) = days.first() else {
            return missing(judgement, "The source does not say on which day.");
        };
        return differs(judgement, doc, &partner.surface, query, &date.surface);
    }
    // A name the claim does not mention: another name in its place
    // contradicts, no name at all means the source does not say.
    if unmatched_names.len() > 1 {
        let names: Vec<String> = unmatched_names
            .iter()
            .map(|&i| title_case(&query.terms[i].word))
            .collect();
        return missing(
            judgement,
            &format!("The source does not mention {}.", names.join(" or ")),
        );
    }
    if let Some(&i) = unmatched_names.first() {
        let qt = &query.terms[i];
        let preposition = preposition_before(&query.tokens, qt.at);
        let others: Vec<&crate::index::Entity> = doc
            .entities
            .iter()
            .filter(|e| {
                !query
                    .terms
                    .iter()
                    .any(|q| q.expansions.iter().any(|x| x.0 == e.term))
            })
            .collect();
        let partner = others
            .iter()
            .max_by_key(|e| (e.preposition == preposition, std::cmp::Reverse(e.at)))
            .copied();
        let Some(partner) = partner else {
            return missing(
                judgement,
                &format!("The source does not mention {}.", title_case(&qt.word)),
            );
        };
        let said = &quote[partner.at];
        return differs(
            judgement,
            doc,
            &said.span(),
            query,
            &query.tokens[qt.at].span,
        );
    }
    // Polarity: a negation on one side only, or an opposite word. Only the
    // claim's own words count here: its alternate questions may well hold
    // the opposite ("does Russia welcome mediation?").
    let stated_negated = statement_negated(query, doc);
    let claim_negated = clause_negated(doc, &cov.hit_terms);
    let opposites = opposites(query, doc);
    let flipped = (stated_negated != claim_negated) ^ (opposites.len() % 2 == 1);
    if flipped {
        judgement.verdict = Verdict::Contradicted;
        judgement.explanation = match opposites.first() {
            Some(&(i, term)) => {
                let word = &query.terms[i].word;
                let said = surface_of_term(index, doc, index.term_name(term))
                    .unwrap_or_else(|| index.term_name(term).trim_start_matches('~').to_string());
                format!("The source says {said}, not {word}.")
            }
            None if claim_negated => {
                "The source says the opposite: it states this did not happen.".to_string()
            }
            None => "The source says the opposite: it does not state a negation.".to_string(),
        };
        return judgement;
    }
    judgement.explanation = "The source says so.".to_string();
    judgement
}

/// Statement words that the claim's quote or answer only holds as an
/// opposite: (query term index, the opposite claim term).
fn opposites(query: &Query, doc: &Doc) -> Vec<(usize, u32)> {
    use crate::index::field;
    use crate::index::query::MatchKind;
    let text = |t: u32| doc.fields(t) & (field::QUOTE | field::ANSWER) != 0;
    query
        .terms
        .iter()
        .enumerate()
        .filter(|(_, qt)| qt.number.is_none())
        .filter(|(_, qt)| {
            !qt.expansions
                .iter()
                .any(|e| e.2 != MatchKind::Antonym && text(e.0))
        })
        .filter_map(|(i, qt)| {
            qt.expansions
                .iter()
                .find(|e| e.2 == MatchKind::Antonym && text(e.0))
                .map(|e| (i, e.0))
        })
        .collect()
}

/// A claim that states another value than the statement: "The source says
/// 390 people, not 500 people."
fn differs(
    mut judgement: Judgement,
    doc: &Doc,
    said: &Range<usize>,
    query: &Query,
    stated: &Range<usize>,
) -> Judgement {
    judgement.verdict = Verdict::Contradicted;
    judgement.explanation = format!(
        "The source says {}, not {}.",
        text_of(doc, said),
        statement_text(query, stated)
    );
    judgement
}

/// A claim that is about the statement but lacks a value it asserts.
fn missing(mut judgement: Judgement, why: &str) -> Judgement {
    judgement.verdict = Verdict::NotFound;
    judgement.explanation = why.to_string();
    judgement
}

fn same(a: f64, b: f64) -> bool {
    (a - b).abs() <= SAME_NUMBER * a.abs().max(b.abs()).max(1.0)
}

/// How many tokens after "without" it negates.
const NARROW_SCOPE: usize = 2;

/// Whether the clause of the quote holding most of the matched terms is
/// negated. Clauses end at punctuation, "and" and contrast words; "without"
/// negates only a matched word right after it.
fn clause_negated(doc: &Doc, hits: &[u32]) -> bool {
    let hit = |i: usize| {
        doc.tokens
            .get(i)
            .and_then(|t| t.term)
            .is_some_and(|term| hits.contains(&term))
    };
    let mut clauses: Vec<(usize, bool)> = vec![(0, false)];
    let mut any_negation = false;
    for (i, t) in doc.tokens.iter().enumerate() {
        let boundary = matches!(
            t.kind,
            DocKind::Contrast | DocKind::Punct(b',' | b';' | b':' | b'-' | b'(' | b')' | b'.')
        );
        if boundary {
            clauses.push((0, false));
            continue;
        }
        let Some(current) = clauses.last_mut() else {
            continue;
        };
        let negates = match t.kind {
            DocKind::Negation => true,
            DocKind::NarrowNegation => (i + 1..=i + NARROW_SCOPE).any(hit),
            _ => false,
        };
        current.1 |= negates;
        any_negation |= negates;
        if hit(i) {
            current.0 += 1;
        }
    }
    match clauses.iter().filter(|c| c.0 > 0).max_by_key(|c| c.0) {
        Some(c) => c.1,
        None => any_negation,
    }
}

/// Whether the statement is negated: a negation word, or "without" right
/// before a word the claim also has.
fn statement_negated(query: &Query, doc: &Doc) -> bool {
    let in_claim = |i: usize| {
        query.tokens.get(i).is_some_and(|t| {
            query
                .terms
                .iter()
                .any(|q| q.at == i && q.expansions.iter().any(|e| doc.fields(e.0) != 0))
                && t.is_indexed()
        })
    };
    query.tokens.iter().enumerate().any(|(i, t)| match t.kind {
        TokenKind::Negation if t.word == "without" => (i + 1..=i + NARROW_SCOPE).any(in_claim),
        TokenKind::Negation => true,
        _ => false,
    })
}

fn preposition_before(tokens: &[Token], at: usize) -> Option<&'static str> {
    tokens[..at]
        .iter()
        .rev()
        .take(3)
        .filter(|t| t.kind == TokenKind::Stop)
        .find_map(|t| crate::text::stopwords::preposition(&t.word))
}

/// The quote text of a byte range of a claim's quote.
fn text_of(doc: &Doc, span: &Range<usize>) -> String {
    doc.text.get(span.clone()).unwrap_or_default().to_string()
}

fn statement_text(query: &Query, span: &Range<usize>) -> String {
    query.text.get(span.clone()).unwrap_or_default().to_string()
}

fn surface_of_term(index: &Index, doc: &Doc, term: &str) -> Option<String> {
    let id = index.term_id(term)?;
    let at = doc.tokens.iter().position(|t| t.term == Some(id))?;
    Some(text_of(doc, &doc.tokens[at].span()))
}

fn title_case(word: &str) -> String {
    let mut c = word.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

fn not_mentioned(
    index: &Index,
    query: &Query,
    best: Option<u32>,
    value_positions: &[usize],
) -> String {
    let missing: Vec<String> = match best {
        Some(d) => {
            let doc = index.doc(d);
            let weights = crate::answer::Weights::default()
                .of(index, query, doc.source)
                .to_vec();
            coverage(index, query, doc, &weights, |qt| {
                qt.number.is_some() || value_positions.contains(&qt.at)
            })
            .missing(query)
        }
        None => query
            .terms
            .iter()
            .filter(|t| t.number.is_none())
            .map(|t| t.word.clone())
            .collect(),
    };
    match missing.len() {
        0 => "The source does not say this.".to_string(),
        _ => format!(
            "The source does not mention {}.",
            missing
                .iter()
                .take(3)
                .map(String::as_str)
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::knowledge::files::build;
    use std::collections::HashMap;
    use std::path::Path;

    fn check(statement: &str) -> Verification {
        let text = "Each side released 390 people in the swap. The swap took place on the border with Belarus. \
                    The meeting lasted two hours on Tuesday. No progress has been made toward a ceasefire. \
                    Russia dismissed the idea as unrealistic.";
        let texts = HashMap::from([("swap.txt".to_string(), text.to_string())]);
        let mut kb = build(Path::new("kb"), &texts, &[], None).expect("builds");
        kb.lexicon.antonyms = vec![("dismiss".into(), "welcome".into())];
        let index = Index::build(&kb);
        verify(&kb, &index, statement, Thresholds::default())
    }

    #[test]
    fn verdicts_follow_the_values_and_polarity_of_the_source() {
        let cases = [
            (
                "Each side released 390 people.",
                Verdict::Supported,
                "390 people",
            ),
            (
                "Each side released 500 people.",
                Verdict::Contradicted,
                "390 people",
            ),
            (
                "The swap took place on the border with Poland.",
                Verdict::Contradicted,
                "Belarus",
            ),
            (
                "The meeting lasted three days.",
                Verdict::Contradicted,
                "two hours",
            ),
            (
                "Progress has been made toward a ceasefire.",
                Verdict::Contradicted,
                "ceasefire",
            ),
            (
                "Russia welcomed the idea.",
                Verdict::Contradicted,
                "dismissed",
            ),
            ("The swap took place in March 2025.", Verdict::NotFound, ""),
            (
                "The meeting lasted two hours on Friday.",
                Verdict::Contradicted,
                "Tuesday",
            ),
            (
                "Each side released 390 people on Friday.",
                Verdict::NotFound,
                "",
            ),
            ("Each side released 50 journalists.", Verdict::NotFound, ""),
        ];
        for (statement, verdict, quoted) in cases {
            let v = check(statement);
            assert_eq!(v.verdict, verdict, "{statement}: {}", v.explanation);
            if verdict != Verdict::NotFound {
                assert!(
                    v.quote.as_deref().is_some_and(|q| q.contains(quoted)),
                    "{statement}: {:?}",
                    v.quote
                );
            }
        }
    }

    #[test]
    fn a_contradiction_explains_itself_in_one_line() {
        let v = check("Each side released 500 people.");
        assert_eq!(v.explanation, "The source says 390 people, not 500 people.");
    }
}
