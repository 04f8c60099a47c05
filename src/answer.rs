//! Answering: rank claims for a question, then answer only when the best
//! claim answers it.
//!
//! Candidates come from the index (BM25 over every field). Each is then
//! re-scored within its own article: how much of the question's weight
//! (per-article IDF, or general-English information for words the article
//! lacks) the claim covers, by its own words, WordNet links or the sentence
//! before it; whether it holds the kind of value asked for; names it lacks;
//! and a few more signs ([`model::NAMES`]). A fitted logistic model turns
//! these into the probability that the claim answers the question: the
//! confidence. Below the threshold the answer is "the source does not say",
//! not the nearest claim.

pub mod model;

use std::collections::HashMap;

use serde::Serialize;

use crate::explain::Explanation;
use crate::index::names::{self, NameKind};
use crate::index::query::{Expect, MatchKind, Query, QueryTerm};
use crate::index::values::{Count, Date, Measure};
use crate::index::{field, Doc, DocKind, Index, TermId};
use crate::knowledge::{Claim, KnowledgeBase};
use crate::text::verb_form;
use crate::text::words::word_lists;

/// How many candidates the index hands to re-ranking.
pub const CANDIDATES: usize = 48;
/// How far apart (in tokens) two words of a pair may stand in the quote.
const NEAR: usize = 4;
/// How much more a missing name weighs than a missing word.
const NAME_WEIGHT: f32 = 2.0;
/// How much a word found only in the sentence before counts.
const CONTEXT_WEIGHT: f32 = 0.5;
/// How much a name of the sentence before counts when the claim's opening
/// word stands for it ("Its chair…"): almost as the claim's own words.
const REFERENT_WEIGHT: f32 = 0.9;
/// Curated claims win exact ties over the sentence claims they rest on.
const CURATED_BONUS: f32 = 0.01;
/// Tie-breakers of the ranking, added to the model's probability (they do
/// not change the confidence): enough to order claims the model finds about
/// equally likely (curated claims sharing one quote differ only in their
/// phrasings), too little to overturn a clear difference. The
/// values of the hand-tuned ranking that the model replaced.
const PHRASING_TIE: f32 = 0.12;
const PROXIMITY_TIE: f32 = 0.05;
/// For "how many X", a curated claim whose short answer counts X.
const ANSWER_TIE: f32 = 0.1;
const CONTRAST_TIE: f32 = 0.15;
/// A headline gives way to a sentence of the body that answers about as
/// well: the body says it in full ("about 2,300 jobs", "a club-record fee").
const HEADLINE_TIE: f32 = 0.15;

/// How far (in tokens) from a count the question's words show it is the
/// one asked for, and how much the count's own noun weighs against one of
/// them.
const COUNT_WINDOW: usize = 6;
const UNIT_SCORE: f32 = 2.0;

/// Settings of the answer engine, from configuration.
#[derive(Debug, Clone, Copy, PartialEq, serde::Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Thresholds {
    /// Below this confidence, ask says the source does not cover it.
    pub answer: f32,
    /// Below this coverage, verify says not_found.
    pub verify: f32,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            answer: model::model().threshold,
            verify: 0.7,
        }
    }
}

/// How one question word was matched in a claim.
#[derive(Debug, Clone, Serialize)]
pub struct TermMatch {
    pub word: String,
    pub claim_term: String,
    pub how: MatchKind,
    pub weight: f32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub corrected: Option<String>,
}

/// The parts of a claim's score, for `--explain` and autocomplete.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ScoreParts {
    pub coverage: f32,
    pub phrasing: f32,
    pub rank: f32,
    /// The model's inputs, in the order of [`model::NAMES`].
    #[serde(skip)]
    pub features: model::Features,
}

/// A claim scored against a question.
#[derive(Debug, Clone)]
pub struct Scored {
    pub doc: u32,
    pub claim: u32,
    pub confidence: f32,
    pub parts: ScoreParts,
    pub coverage: Coverage,
}

/// Coverage of query terms by one document. Only indexes are kept while
/// ranking; the words are spelled out for the answer that is shown.
#[derive(Debug, Clone, Default)]
pub struct Coverage {
    pub share: f32,
    /// Shares of the question's weight covered by the claim's own words
    /// (as written, misspelt or inflected), by WordNet links, and by the
    /// sentence before it only.
    pub exact: f32,
    pub linked: f32,
    pub context: f32,
    /// Of `linked`, the share by the closest links: synonyms and
    /// derivations ("talks" ~ "negotiations", "closure" ~ "close").
    pub linked_close: f32,
    /// The most a missed word tells in general English (0 when none is
    /// missed; 1 for a rare word or a name).
    pub missed_information: f32,
    /// The most a missed word tells that the claim's whole article never
    /// uses, in any form: the question asks about something it lacks.
    pub absent_information: f32,
    /// Names of the question the claim does not mention.
    pub missed_names: u32,
    /// (query term index, claim term, how, weight) of each matched term.
    pub hits: Vec<(usize, TermId, MatchKind, f32)>,
    /// Query term indexes not covered.
    pub missed: Vec<usize>,
    /// The claim terms hit.
    pub hit_terms: Vec<TermId>,
}

impl Coverage {
    pub fn matched(&self, index: &Index, query: &Query) -> Vec<TermMatch> {
        self.hits
            .iter()
            .map(|&(i, term, how, weight)| {
                let qt = &query.terms[i];
                TermMatch {
                    word: qt.word.clone(),
                    claim_term: index.term_name(term).to_string(),
                    how,
                    weight,
                    corrected: match &qt.resolution {
                        crate::index::Resolution::Typo { corrected, .. } => Some(corrected.clone()),
                        _ => None,
                    },
                }
            })
            .collect()
    }

    pub fn missing(&self, query: &Query) -> Vec<String> {
        self.missed
            .iter()
            .map(|&i| query.terms[i].word.clone())
            .collect()
    }
}

/// Each query term's weight in one source: its IDF there. Computed once per
/// source while ranking, not once per candidate.
#[derive(Debug, Default)]
pub struct Weights(Vec<(u32, Vec<f32>)>);

impl Weights {
    pub fn of(&mut self, index: &Index, query: &Query, source: u32) -> &[f32] {
        let at = match self.0.iter().position(|(s, _)| *s == source) {
            Some(at) => at,
            None => {
                let runs = query.name_runs();
                let w = query
                    .terms
                    .iter()
                    .zip(runs)
                    .map(|(qt, run)| index.term_weight(qt, source) / run as f32)
                    .collect();
                self.0.push((source, w));
                self.0.len() - 1
            }
        };
        &self.0[at].1
    }
}

/// What a coverage is read for: answering a question or verifying a
/// statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Answer,
    Verify,
}

/// How much of the query `doc` covers, weighting each term by its rarity in
/// the document's own article (`weights`, from [`Weights::of`]). `skip`
/// leaves terms out (verification compares numbers and names separately).
/// An opposite word ("dismissed" for "welcomed") counts only to verify: it
/// tells what a claim contradicts, but a claim saying the opposite does not
/// answer a question. A name the claim's opening word stands for ("Its
/// chair…") counts almost as its own words to answer, and as context to
/// verify, where the sentence before never supports a statement.
pub fn coverage(
    index: &Index,
    query: &Query,
    doc: &Doc,
    weights: &[f32],
    purpose: Purpose,
    skip: impl Fn(&QueryTerm) -> bool,
) -> Coverage {
    let opposites = purpose == Purpose::Verify;
    let referents = purpose == Purpose::Answer;
    let mut out = Coverage::default();
    let (mut covered, mut total) = (0.0f32, 0.0f32);
    let mut topical = false;
    for (i, qt) in query.terms.iter().enumerate() {
        if skip(qt) {
            continue;
        }
        topical |= !qt.optional;
        let weight = weights[i];
        // The best match: (term, weight, kind, whether only as context).
        let mut best: Option<(TermId, f32, MatchKind, bool)> = None;
        for &(term, w, kind) in &qt.expansions {
            if kind == MatchKind::Antonym && !opposites {
                continue;
            }
            let fields = match purpose {
                Purpose::Answer => doc.fields(term),
                Purpose::Verify => doc.fields(term) & !field::LEAD,
            };
            if fields == 0 {
                continue;
            }
            let (scale, context) = if field::own(fields) {
                (1.0, false)
            } else if referents && fields & field::REFERENT != 0 {
                (REFERENT_WEIGHT, false)
            } else {
                (CONTEXT_WEIGHT, true)
            };
            let w = w * scale;
            if best.is_none_or(|b| w > b.1) {
                best = Some((term, w, kind, context));
            }
        }
        match best {
            Some((term, w, kind, context)) => {
                covered += weight * w;
                if context {
                    out.context += weight * w;
                } else if matches!(
                    kind,
                    MatchKind::Exact | MatchKind::Typo | MatchKind::Lemma | MatchKind::Related
                ) {
                    out.exact += weight * w;
                } else {
                    out.linked += weight * w;
                    if matches!(kind, MatchKind::Synonym | MatchKind::Derived) {
                        out.linked_close += weight * w;
                    }
                }
                total += weight * if qt.optional { w } else { 1.0 };
                out.hit_terms.push(term);
                out.hits.push((i, term, kind, w));
            }
            None if qt.optional => {}
            None => {
                // A name the claim never mentions weighs double: the question
                // is about someone or somewhere else.
                total += if qt.name_like {
                    NAME_WEIGHT * weight
                } else {
                    weight
                };
                out.missed.push(i);
                let information = if qt.name_like || qt.number.is_some() {
                    1.0
                } else {
                    crate::lexicon::english().information(&qt.word)
                };
                out.missed_information = out.missed_information.max(information);
                let in_article = qt
                    .expansions
                    .iter()
                    .any(|e| index.source_df(e.0, doc.source) > 0);
                if !in_article {
                    out.absent_information = out.absent_information.max(information);
                }
                out.missed_names += u32::from(qt.name_like);
            }
        }
    }
    // A question made only of frame words ("what time is it?") has no topic
    // for any claim to cover.
    let of_total = |x: f32| {
        if total > 0.0 && topical {
            (x / total).clamp(0.0, 1.0)
        } else {
            0.0
        }
    };
    out.share = of_total(covered);
    out.exact = of_total(out.exact);
    out.linked = of_total(out.linked);
    out.linked_close = of_total(out.linked_close);
    out.context = of_total(out.context);
    out
}

/// Whether a number can answer a question that asks for a number without
/// naming a measure: any can answer "how much", but "how many" counts
/// things, so "40 miles away" or "£3m" does not answer "how many jobs will
/// go", unless the question counts that unit ("how many miles").
fn counts_things(query: &Query, count: &Count) -> bool {
    // A person's age answers "how old", never "how many" or "how much".
    if count.measure == Measure::Age {
        return false;
    }
    count.measure == Measure::Count
        || !query.how_many
        || count
            .unit
            .as_deref()
            .is_some_and(|u| query.terms.iter().any(|qt| qt.name == u))
}

/// For "what kind of tree": the claim's word that says which kind, right
/// before the noun ("a sycamore tree") and not a word of the question, with
/// the noun's token position.
fn kind_word(query: &Query, doc: &Doc, hits: &[TermId]) -> Option<(usize, usize)> {
    let noun = &query.terms[query.kind_of?];
    (1..doc.tokens.len()).find_map(|i| {
        let at_noun = doc.tokens[i]
            .term
            .is_some_and(|t| noun.expansions.iter().any(|e| e.0 == t));
        let before = &doc.tokens[i - 1];
        let kind =
            before.kind == DocKind::Content && before.term.is_some_and(|t| !hits.contains(&t));
        (at_noun && kind).then_some((i - 1, i))
    })
}

/// Whether a claim holds a value of the kind a question asks for that the
/// question does not give itself ([`asked_value_positions`]).
#[cfg(test)]
fn has_kind(query: &Query, doc: &Doc, hits: &[TermId]) -> bool {
    kind_found(query, doc, hits, &asked_value_positions(query, doc, hits))
}

/// [`has_kind`], given the claim's values of the kind asked for
/// ([`asked_value_positions`]), so that ranking finds them once.
fn kind_found(query: &Query, doc: &Doc, hits: &[TermId], values: &[usize]) -> bool {
    if query.kind_of.is_some() && kind_word(query, doc, hits).is_none() {
        return false;
    }
    let curated = doc.curated_kinds;
    let by_curator = match query.expect {
        Expect::Any | Expect::YesNo => return true,
        Expect::Number => curated.number,
        Expect::Place => curated.place,
        Expect::Person => curated.person,
        Expect::Date => curated.date,
        // "How many days before the swap" wants the offset.
        Expect::Duration if query.asks_offset() => curated.date,
        // "Waited years" answers how long without a number.
        Expect::Duration => curated.duration || doc.values.vague_duration,
    };
    by_curator || !values.is_empty()
}

/// The best overlap between the question and one of the claim's phrasings
/// (Jaccard: words in common over the words of either, a question word
/// counting as in common when it or one of its forms, synonyms or related
/// words is in the phrasing), so that a phrasing that says what the
/// question says ("where did the swap happen" for "where did the swap take
/// place") wins over one that shares a few words.
fn phrasing_overlap(query: &Query, doc: &Doc) -> f32 {
    let q = query.terms.len();
    doc.phrasings
        .iter()
        .zip(&doc.phrasing_expects)
        .filter(|(p, _)| !p.is_empty())
        .map(|(p, &expect)| {
            let reaches = |qt: &QueryTerm, t: &TermId| {
                qt.expansions
                    .iter()
                    .any(|e| e.0 == *t && e.2 != MatchKind::Antonym)
            };
            let matched_q = query
                .terms
                .iter()
                .filter(|qt| p.iter().any(|t| reaches(qt, t)))
                .count();
            let matched_p = p
                .iter()
                .filter(|t| query.terms.iter().any(|qt| reaches(qt, t)))
                .count();
            let shared = matched_q.min(matched_p);
            // "How long before the swap…" asks another thing than "where
            // did the swap…", whatever words they share.
            let same_ask = if expect == query.expect { 1.0 } else { 0.5 };
            same_ask * shared as f32 / (p.len() + q).saturating_sub(shared).max(1) as f32
        })
        .fold(0.0, f32::max)
}

/// For a "how many" question, whether the claim's short answer counts what
/// the question counts ("120 civilians…" for "how many civilians"), which
/// tells apart curated claims that share a quote.
fn counts_what_is_asked(index: &Index, query: &Query, doc: &Doc) -> bool {
    if query.expect != Expect::Number {
        return false;
    }
    doc.answer.counts.iter().any(|unit| {
        index
            .term_id(unit)
            .is_some_and(|u| query.terms.iter().any(|qt| !qt.optional && qt.reaches(u)))
    })
}

/// The dates a length of time runs until ("stay below average until at
/// least the end of October"): they answer "how long" as a duration does.
/// Token positions of the dates with "until" a few words before them, in the
/// same clause.
fn dates_until(doc: &Doc) -> Vec<usize> {
    const LOOK_BACK: usize = 7;
    doc.values
        .dates
        .iter()
        .filter(|d| {
            doc.tokens[..d.at.min(doc.tokens.len())]
                .iter()
                .rev()
                .take(LOOK_BACK)
                .take_while(|t| !matches!(t.kind, DocKind::Punct(_)))
                .any(|t| {
                    doc.text.get(t.span()).is_some_and(|w| {
                        word_lists().until.iter().any(|u| w.eq_ignore_ascii_case(u))
                    })
                })
        })
        .map(|d| d.at)
        .collect()
}

/// Whether a length of time is somebody's age: "46-year-old", "34 years
/// old", "aged 60", "at the age of 60". "For four years" is a length of time, not an age.
pub(crate) fn states_age(text: &str, surface: &std::ops::Range<usize>) -> bool {
    let after = text[surface.end..].trim_start_matches(['-', ' ']);
    let mut before = text[..surface.start].split_whitespace().rev();
    let last = before.next().unwrap_or("");
    let aged = last == "aged" || (last == "of" && before.next() == Some("age"));
    after.starts_with("old") || aged
}

/// Where in the claim a value of the kind the question asks for stands
/// (token positions): its counts, dates, lengths of time or names, those
/// the question does not give itself. "Who chaired the talks that broke
/// down on Friday?" is not answered by a sentence whose only name is
/// "Acas" when the question names Acas too; "how many" needs a number the
/// question lacks. A measure may be a length of time ("how old" →
/// "127-year-old"); "what share" wants a percentage, "how much did it
/// cost" money, or a share ("how much have bills gone up"); "where … near
/// Belarus?" is answered by "on the border with Belarus": a place the
/// question names still answers where.
fn asked_value_positions(query: &Query, doc: &Doc, hits: &[TermId]) -> Vec<usize> {
    let v = &doc.values;
    let asked: Vec<f64> = query.terms.iter().filter_map(|t| t.number).collect();
    let new_count = |c: &&Count| !asked.iter().any(|a| (a - c.value).abs() < 1e-9);
    // A value written over several tokens is new when one of its words is.
    let new_span = |surface: &std::ops::Range<usize>| {
        doc.tokens
            .iter()
            .filter(|t| t.start as usize >= surface.start && t.end as usize <= surface.end)
            .any(|t| t.term.is_some_and(|t| !hits.contains(&t)))
    };
    let counts = |fits: &dyn Fn(&Count) -> bool| -> Vec<usize> {
        v.counts
            .iter()
            .filter(new_count)
            .filter(|c| fits(c))
            .map(|c| c.at)
            .collect()
    };
    let durations = || {
        v.durations
            .iter()
            .filter(|d| new_span(&d.surface))
            .map(|d| d.at)
    };
    // A month that is also a word ("May") has no term: new unless the
    // question writes it.
    let unwritten = |t: &crate::index::DocToken| {
        t.term.is_none()
            && doc
                .text
                .get(t.span())
                .is_some_and(|w| !query.tokens.iter().any(|q| q.word.eq_ignore_ascii_case(w)))
    };
    let new_date = |surface: &std::ops::Range<usize>| {
        new_span(surface)
            || doc
                .tokens
                .iter()
                .filter(|t| t.start as usize >= surface.start && t.end as usize <= surface.end)
                .any(unwritten)
    };
    let dates = || v.dates.iter().filter(|d| new_date(&d.surface));
    match query.expect {
        Expect::Any | Expect::YesNo => Vec::new(),
        Expect::Number => match query.measure {
            Some(Measure::Age) => v
                .durations
                .iter()
                .filter(|d| new_span(&d.surface) && states_age(&doc.text, &d.surface))
                .map(|d| d.at)
                .chain(
                    v.counts
                        .iter()
                        .filter(|c| c.measure == Measure::Age)
                        .map(|c| c.at),
                )
                .collect(),
            Some(Measure::Money) => counts(&|c| {
                c.measure == Measure::Money
                    || (c.measure == Measure::Percent && query.asks_change())
            }),
            Some(m) => counts(&|c| c.measure == m),
            None => {
                let mut at = counts(&|c| counts_things(query, c));
                at.extend(durations());
                at
            }
        },
        Expect::Date => dates().map(|d| d.at).collect(),
        Expect::Duration if query.asks_offset() => {
            dates().filter(|d| d.relative).map(|d| d.at).collect()
        }
        Expect::Duration => durations().chain(dates_until(doc)).collect(),
        Expect::Person => doc
            .entities
            .iter()
            .filter(|e| !hits.contains(&e.term))
            .filter(|e| !(query.asks_someone() && e.is_only_place()))
            .map(|e| e.at)
            .collect(),
        Expect::Place => doc
            .entities
            .iter()
            .filter(|e| e.is_place())
            .map(|e| e.at)
            .collect(),
    }
}

/// How close the value asked for stands to the question's own words in the
/// claim: 1 within [`NEAR`] words ("opened in 1987" for "when did the plant
/// open"), less the farther apart, 0 when the claim has no such value or
/// the question asks for none. A sentence that names the value next to
/// what the question asks about is more likely to answer it than one
/// whose value tells something else.
fn value_near(query: &Query, doc: &Doc, values: &[usize]) -> f32 {
    if values.is_empty() {
        return 0.0;
    }
    let words: Vec<usize> = (0..doc.tokens.len())
        .filter(|&i| !values.contains(&i))
        .filter(|&i| {
            doc.tokens[i].term.is_some_and(|t| {
                query.terms.iter().filter(|qt| !qt.optional).any(|qt| {
                    qt.expansions
                        .iter()
                        .any(|e| e.0 == t && e.2 != MatchKind::Antonym)
                })
            })
        })
        .collect();
    let distance = values
        .iter()
        .flat_map(|&v| words.iter().map(move |&w| v.abs_diff(w)))
        .min();
    distance.map_or(0.0, |d| (NEAR as f32 / d.max(1) as f32).min(1.0))
}

/// The share of consecutive question word pairs that stand close together,
/// in the same order, in the claim's quote.
fn proximity(query: &Query, doc: &Doc) -> f32 {
    let at = |qt: &QueryTerm, i: usize| {
        doc.tokens[i].term.is_some_and(|t| {
            qt.expansions
                .iter()
                .any(|e| e.0 == t && e.2 != MatchKind::Antonym)
        })
    };
    let mut pairs = 0;
    let mut near = 0;
    let mut previous: Option<&QueryTerm> = None;
    for qt in query.terms.iter().filter(|t| !t.optional) {
        if let Some(prev) = previous {
            pairs += 1;
            let close = (0..doc.tokens.len()).any(|i| {
                at(prev, i) && {
                    let lo = i.saturating_sub(NEAR);
                    let hi = (i + NEAR + 1).min(doc.tokens.len());
                    (lo..hi).any(|j| j != i && at(qt, j))
                }
            });
            near += usize::from(close);
        }
        previous = Some(qt);
    }
    if pairs == 0 {
        // One word has no pair to keep together: nothing is apart.
        1.0
    } else {
        near as f32 / pairs as f32
    }
}

/// Whether the claim puts a different name next to a word the question
/// qualifies with a name: the question asks about "the Ukrainian side",
/// the claim speaks of "the Russian side".
fn contrasts(index: &Index, query: &Query, doc: &Doc) -> bool {
    let names: Vec<&QueryTerm> = query.terms.iter().filter(|t| t.name_like).collect();
    for name in names {
        // The question word right after the name: "Ukrainian *side*".
        let Some(next) = query
            .terms
            .iter()
            .find(|t| t.at > name.at && t.at <= name.at + 2 && !t.name_like)
        else {
            continue;
        };
        for (i, token) in doc.tokens.iter().enumerate() {
            let Some(term) = token.term else { continue };
            if !next.reaches(term) {
                continue;
            }
            // Within the same phrase: "Kelsbury, winning…" puts no name
            // before "winning".
            let before = doc.tokens[i.saturating_sub(2)..i]
                .iter()
                .rev()
                .take_while(|t| !matches!(t.kind, crate::index::DocKind::Punct(_)))
                .filter_map(|t| t.term);
            let other_name = before
                .filter(|t| index.is_proper(*t))
                .any(|t| !name.reaches(t));
            if other_name {
                return true;
            }
        }
    }
    false
}

/// What [`missed_near`] needs of each question word, read once per
/// question rather than once per candidate: how much it tells and its
/// word-vector row (the corrected word's, when misspelt); `None` for a
/// name or a number, always matched exactly, which bring nothing
/// ("Poland" is near "Belarus").
type MissedWords = Vec<Option<(f32, Option<u32>)>>;

fn missed_words(query: &Query) -> MissedWords {
    let vectors = crate::lexicon::vectors::vectors();
    let english = crate::lexicon::english();
    query
        .terms
        .iter()
        .map(|qt| {
            if qt.name_like || qt.number.is_some() {
                return None;
            }
            let word = match &qt.resolution {
                crate::index::Resolution::Typo { corrected, .. } => corrected.as_str(),
                _ => qt.word.as_str(),
            };
            Some((english.information(word), vectors.word_row(word)))
        })
        .collect()
}

/// How near in meaning the claim's other words come to the question's
/// words it misses: for each missed word, the closest word of the quote
/// that matched nothing (the cosine of their word vectors, 0 when none is
/// near), averaged by how much each missed word tells (a name or a number
/// counts fully and is never near). "How long is the detour" misses
/// "detour", which stands near the quote's "diversion"; a trap's missed
/// word usually has no such partner.
fn missed_near(index: &Index, words: &MissedWords, d: u32, cov: &Coverage) -> f32 {
    let vectors = crate::lexicon::vectors::vectors();
    let rows = index.word_rows(d);
    let (mut near, mut total) = (0.0f32, 0.0f32);
    for &i in &cov.missed {
        let Some((information, row)) = words[i] else {
            total += 1.0;
            continue;
        };
        total += information;
        let Some(row) = row else { continue };
        let closest = rows
            .iter()
            .filter(|(_, term)| !cov.hit_terms.contains(term))
            .map(|&(r, _)| vectors.cosine(row, r))
            .fold(0.0f32, f32::max);
        near += information * closest;
    }
    if total > 0.0 {
        near / total
    } else {
        0.0
    }
}

/// What a claim's match with a question looks like, for the model.
#[allow(clippy::too_many_arguments)]
fn features(
    query: &Query,
    cov: &Coverage,
    kind_ok: bool,
    phrasing: f32,
    near: f32,
    contrast: bool,
    required: usize,
    semantic: f32,
    value_near: f32,
    measure_found: bool,
    missed_near: f32,
) -> model::Features {
    [
        cov.share,
        cov.exact,
        cov.linked,
        cov.context,
        cov.missed_information,
        f32::from(cov.missed_names > 0),
        f32::from(!kind_ok),
        f32::from(matches!(query.expect, Expect::Any | Expect::YesNo)),
        phrasing,
        near,
        f32::from(contrast),
        1.0 / (1.0 + required as f32),
        if kind_ok { cov.share } else { 0.0 },
        f32::from(query.focus.is_some_and(|f| cov.missed.contains(&f))),
        cov.absent_information,
        semantic.max(0.0),
        value_near,
        f32::from(measure_found),
        missed_near,
        cov.linked_close,
        // Set once every candidate is covered: `share_margins`.
        0.0,
    ]
}

/// Scores the candidates of a question, best first: each by the fitted
/// model's probability that it answers the question.
pub fn rank(index: &Index, query: &Query) -> Vec<Scored> {
    let required = query.terms.iter().filter(|t| !t.optional).count();
    let model = model::model();
    let mut weights = Weights::default();
    // The nouns whose name is asked for, and whether a person's or a
    // thing's name answers them ("the pupil", "which school").
    let named = query.named_noun().map(with_kind);
    let which = query.which_noun().map(with_kind);
    let missed = missed_words(query);
    let mut scored: Vec<Scored> = index
        .candidates(query, CANDIDATES)
        .into_iter()
        .map(|d| {
            let doc = index.doc(d);
            let cov = coverage(
                index,
                query,
                doc,
                weights.of(index, query, doc.source),
                Purpose::Answer,
                |_| false,
            );
            let values = asked_value_positions(query, doc, &cov.hit_terms);
            let kind = kind_found(query, doc, &cov.hit_terms, &values);
            let phrasing = phrasing_overlap(query, doc);
            let near = proximity(query, doc);
            let contrast = contrasts(index, query, doc);
            let semantic = index.similarity(d, query);
            let value_near = value_near(query, doc, &values);
            // "How hot": the claim states a temperature.
            let measure_found = query.measure.is_some() && !values.is_empty();
            let missed_near = missed_near(index, &missed, d, &cov);
            let features = features(
                query,
                &cov,
                kind,
                phrasing,
                near,
                contrast,
                required,
                semantic,
                value_near,
                measure_found,
                missed_near,
            );
            // "How many tonnes", "how hot": a claim stating no value of
            // that measure cannot answer, however many words it shares.
            let measure_missing =
                query.measure.is_some_and(|m| m != Measure::Count) && values.is_empty();
            // "The name of the conductor": a claim that names no one
            // beside a conductor cannot say it.
            let unnamed = named
                .is_some_and(|asked| !names_beside(index, doc, asked, &cov.hit_terms))
                || which.is_some_and(|asked| {
                    mentions(doc, asked.0) && !names_beside(index, doc, asked, &cov.hit_terms)
                });
            // "What kind of tree": a claim naming no kind of tree ("up a
            // tree") cannot say.
            let kindless =
                query.kind_of.is_some() && kind_word(query, doc, &cov.hit_terms).is_none();
            // Until every candidate is covered and the model asked (below),
            // the confidence only says whether a gate stops the claim: 0 if
            // one does, 1 if none.
            let answerable = cov.share > 0.0 && !measure_missing && !unnamed && !kindless;
            // Ties between claims the model finds about equally likely
            // (curated claims on one quote, above all) go to the one whose
            // phrasings and short answer say what the question says, whose
            // words stand together, and that does not put another name where
            // the question has one; curated claims win exact ties over the
            // sentences they rest on.
            let curated = if doc.phrasings.is_empty() {
                0.0
            } else {
                CURATED_BONUS
            };
            let tie_break = PHRASING_TIE * phrasing
                + ANSWER_TIE * f32::from(counts_what_is_asked(index, query, doc))
                + PROXIMITY_TIE * near
                - CONTRAST_TIE * f32::from(contrast)
                - HEADLINE_TIE * f32::from(doc.headline)
                + curated;
            Scored {
                doc: d,
                claim: doc.claim,
                confidence: f32::from(answerable),
                parts: ScoreParts {
                    coverage: cov.share,
                    phrasing,
                    rank: tie_break,
                    features,
                },
                coverage: cov,
            }
        })
        .collect();
    share_margins(index, &mut scored);
    for s in scored.iter_mut() {
        if s.confidence > 0.0 {
            s.confidence = model.probability(&s.parts.features);
        }
        s.parts.rank += s.confidence;
    }
    // Whether a quote answers is one question, asked of its text; which of
    // the claims resting on that quote answers is another, told by their
    // short answers and phrasings. So claims on one quote share its best
    // probability, and only the tie-breakers order them.
    let mut best: HashMap<(u32, &str), f32> = HashMap::new();
    for s in &scored {
        let entry = best.entry(quote_of(index, s)).or_insert(0.0);
        *entry = entry.max(s.confidence);
    }
    for s in scored.iter_mut() {
        let shared = best[&quote_of(index, s)];
        s.parts.rank += shared - s.confidence;
        s.confidence = shared;
    }
    scored.sort_by(|a, b| {
        b.parts
            .rank
            .total_cmp(&a.parts.rank)
            .then(a.doc.cmp(&b.doc))
    });
    scored
}

/// The quote a candidate rests on, in its source: the curated claims on
/// one sentence and the sentence itself share it.
fn quote_of<'a>(index: &'a Index, s: &Scored) -> (u32, &'a str) {
    let doc = index.doc(s.doc);
    (doc.source, doc.text.as_str())
}

/// Sets each candidate's `share_margin`: how much more of the question it
/// covers than the best candidate resting on another quote. A question
/// whose words one sentence holds and the others do not is answered there;
/// one whose words many sentences hold in part (a trap built from the
/// article's vocabulary) is answered by none of them as surely.
fn share_margins(index: &Index, scored: &mut [Scored]) {
    let quote = |s: &Scored| quote_of(index, s);
    let mut by_quote: HashMap<(u32, &str), f32> = HashMap::new();
    // The headline is no rival: every sentence reads it as context, so
    // the words it shares with a question are no sentence's own ("Escaped
    // red panda found up a tree" does not stand against "…recaptured in a
    // sycamore tree").
    for s in scored.iter().filter(|s| !index.doc(s.doc).headline) {
        let best = by_quote.entry(quote(s)).or_insert(0.0);
        *best = best.max(s.coverage.share);
    }
    // Every candidate's rival is the best quote, or the second best for
    // the candidates resting on the best one.
    let mut top: Vec<((u32, &str), f32)> = by_quote.into_iter().collect();
    top.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    top.truncate(2);
    let scored_quotes: Vec<_> = scored.iter().map(quote).collect();
    for (s, q) in scored.iter_mut().zip(scored_quotes) {
        let rival = top
            .iter()
            .find(|(other, _)| *other != q)
            .map_or(0.0, |(_, share)| *share);
        s.parts.features[model::SHARE_MARGIN] = s.coverage.share - rival;
    }
}

/// One claim offered as an answer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    pub claim: String,
    pub answer: String,
    pub quote: String,
    pub source: String,
    pub confidence: f32,
}

impl Hit {
    pub fn new(kb: &KnowledgeBase, claim: u32, confidence: f32) -> Hit {
        let c = &kb.claims[claim as usize];
        Hit {
            claim: c.id.clone(),
            answer: c.answer.clone(),
            quote: c.quote.clone(),
            source: kb.source_of(c).citation(),
            confidence: round(confidence),
        }
    }
}

/// The short answer, which must carry the kind of value the question asks
/// for: a curated answer when it states one, else the value the quote
/// states ("340 homes" for "how many homes were flooded?", "six hours" for
/// "how long…?", "Belarus" for "where…?") when exactly one fits, else the
/// quote itself: never a number of the wrong thing or a date for "how long".
fn short_answer(kb: &KnowledgeBase, index: &Index, query: &Query, best: &Scored) -> String {
    let claim = &kb.claims[best.claim as usize];
    let curated = claim.answer != claim.quote;
    // "What kind of tree": the kind the quote names, unless a curator
    // wrote the answer.
    if query.kind_of.is_some() && !curated {
        if let Some(kind) = value_in_quote(index, query, best) {
            return kind;
        }
    }
    if matches!(query.expect, Expect::Any | Expect::YesNo) {
        // "Yes: …" answers the claim's own yes-or-no question. Asked
        // another ("Is the war over?" of "Was it the biggest exchange?"),
        // or an open question ("What did Lavrov say?"), the verdict would
        // say what the source does not.
        let required = query.terms.iter().filter(|t| !t.optional).count();
        let its_question = query.expect == Expect::YesNo
            && (best.parts.phrasing >= OWN_QUESTION
                || (best.coverage.exact >= OWN_WORDS && required >= 2));
        return match verdict_opening(claim) {
            Some(rest) if !its_question => rest,
            _ => claim.answer.clone(),
        };
    }
    if curated && answer_states_kind(query, index.doc(best.doc)) {
        // "Yes" or "No" answers only a yes-or-no question: asked "who", the
        // rest of "Yes: Sergei Lavrov said…" is the answer.
        return verdict_opening(claim).unwrap_or_else(|| claim.answer.clone());
    }
    value_in_quote(index, query, best).unwrap_or_else(|| claim.quote.clone())
}

/// A yes-or-no question is the claim's own, so that its "Yes" or "No"
/// answers it, when it says half of one of the claim's phrasings (the share
/// of their words in common, [`phrasing_overlap`]): that phrasing in other
/// words rather than another question about the same sentence; or when the
/// quote's own words hold nearly all of a question of two words or more
/// (one word, "Is the war over?", is no proposition to say yes to).
const OWN_QUESTION: f32 = 0.5;
const OWN_WORDS: f32 = 0.9;

/// A curated answer that opens with a verdict ("Yes: it was…", "No, the
/// talks…"), without it: the rest, capitalised.
fn verdict_opening(claim: &Claim) -> Option<String> {
    let (_, rest) = claim.verdict()?;
    let mut chars = rest.chars();
    let head = chars.next()?;
    Some(head.to_uppercase().chain(chars).collect())
}

/// The dates of a quote in the order written, those written together
/// (nothing but "on", "at", "the" or a comma between them, and neither
/// told against another) in one run.
fn date_runs<'a>(text: &str, dates: &'a [Date]) -> Vec<Vec<&'a Date>> {
    let mut sorted: Vec<&Date> = dates.iter().collect();
    sorted.sort_by_key(|d| d.surface.start);
    let mut runs: Vec<Vec<&Date>> = Vec::new();
    for d in sorted {
        // A time told against another ("3.15pm, 45 minutes later") is
        // another answer.
        let joined = runs.last().and_then(|r| r.last()).is_some_and(|prev| {
            prev.offset.is_none()
                && d.offset.is_none()
                && text
                    .get(prev.surface.end..d.surface.start)
                    .is_some_and(|between| {
                        between
                            .split(|c: char| c.is_whitespace() || c == ',')
                            .all(|w| matches!(w.to_lowercase().as_str(), "" | "on" | "at" | "the"))
                    })
        });
        match runs.last_mut() {
            Some(run) if joined => run.push(d),
            _ => runs.push(vec![d]),
        }
    }
    runs
}

/// Whether a curated claim's short answer states a value of the kind asked
/// for (read when the claim was indexed).
fn answer_states_kind(query: &Query, doc: &Doc) -> bool {
    let a = &doc.answer;
    match query.expect {
        Expect::Any | Expect::YesNo => true,
        Expect::Number => a.number,
        Expect::Duration => a.duration || (query.asks_offset() && a.offset),
        Expect::Date => a.date,
        Expect::Person | Expect::Place => a.name,
    }
}

/// The one value of the quote that answers the question, as written.
fn value_in_quote(index: &Index, query: &Query, best: &Scored) -> Option<String> {
    let doc = index.doc(best.doc);
    let v = &doc.values;
    let hits = &best.coverage.hit_terms;
    let missed = &best.coverage.missed;
    // Numbers the question gives itself are not its answer.
    let asked: Vec<f64> = query.terms.iter().filter_map(|t| t.number).collect();
    let new_count = |c: &&Count| !asked.iter().any(|a| (a - c.value).abs() < 1e-9);
    let span = match query.expect {
        Expect::Number if query.measure == Some(Measure::Age) => {
            // "Rachel Dunmore, 44,": the one age written after a name.
            let mut ages = v.counts.iter().filter(|c| c.measure == Measure::Age);
            if let Some(age) = ages.next() {
                if ages.next().is_some() {
                    return None;
                }
                return answer_text(doc, age.surface.clone());
            }
            // "46-year-old": the one length of time that is an age, and
            // the word "old" ("waiting up to three weeks" is none).
            let mut ages = v
                .durations
                .iter()
                .filter(|d| states_age(&doc.text, &d.surface));
            let age = ages.next()?;
            if ages.next().is_some() {
                return None;
            }
            let old = doc
                .tokens
                .get(age.at..)
                .unwrap_or_default()
                .iter()
                .take(5)
                .find(|t| {
                    doc.text
                        .get(t.span())
                        .is_some_and(|w| w.eq_ignore_ascii_case("old"))
                });
            age.surface.start..old.map_or(age.surface.end, |t| t.span().end)
        }
        Expect::Number if query.measure.is_some() => {
            // The one amount, share or measure the question asks for.
            let one_of = |m: Measure| {
                let mut fitting = v.counts.iter().filter(new_count).filter(|c| c.measure == m);
                fitting.next().filter(|_| fitting.next().is_none())
            };
            let any_of = |m: Measure| v.counts.iter().filter(new_count).any(|c| c.measure == m);
            let one = match query.measure {
                // "How much have bills gone up" may be answered by a share,
                // when the claim gives no sum of money; "how much will the
                // roundabout cost" may not.
                Some(Measure::Money) if any_of(Measure::Money) => one_of(Measure::Money),
                Some(Measure::Money) if query.asks_change() => one_of(Measure::Percent),
                Some(Measure::Money) => None,
                Some(m) => one_of(m),
                None => None,
            }?;
            one.surface.clone()
        }
        Expect::Number => {
            // The count the question's words stand around: its noun right
            // after it ("120 civilians" for "how many civilians") counts
            // for more than another word nearby, and "412 of them were
            // rejected" answers "how many were rejected". No count, or two
            // alike, and the quote answers.
            let counts: Vec<&Count> = v
                .counts
                .iter()
                .filter(new_count)
                .filter(|c| counts_things(query, c))
                .collect();
            let unit_hit = |c: &Count| {
                c.unit
                    .as_deref()
                    .and_then(|u| index.term_id(u))
                    .is_some_and(|u| hits.contains(&u))
                    && doc.tokens.get(c.at + 1).is_some_and(|t| t.term.is_some())
            };
            // "How many of the candidates…" asks for the part: "27 of his
            // school's 64 chemistry candidates", not the 64.
            let of_next = |c: &&&Count| {
                doc.tokens
                    .get(c.at + 1)
                    .and_then(|t| doc.text.get(t.span()))
                    .is_some_and(|w| w.eq_ignore_ascii_case("of"))
            };
            let asks_part = query.how_many
                && query
                    .tokens
                    .windows(2)
                    .any(|w| w[0].word == "many" && w[1].word == "of");
            if asks_part {
                let mut parts = counts.iter().filter(of_next);
                if let (Some(part), None) = (parts.next(), parts.next()) {
                    let number = doc.tokens[part.at].span();
                    return answer_text(doc, number);
                }
            }
            // And the whole is no answer to it: "Of the 47 confirmed cases,
            // 39 are children" answers how many of the cases are children
            // with 39.
            let whole = |c: &&Count| {
                let before = |k: usize, word: &str| {
                    c.at.checked_sub(k)
                        .and_then(|i| doc.word(i))
                        .is_some_and(|w| w.eq_ignore_ascii_case(word))
                };
                before(1, "of") || (before(1, "the") && before(2, "of"))
            };
            let counts: Vec<&Count> = if asks_part && counts.iter().any(|c| !whole(c)) {
                counts.into_iter().filter(|c| !whole(c)).collect()
            } else {
                counts
            };
            // "How many passengers and crew": every count of a noun the
            // question names, when they stand together ("47 passengers and
            // three crew").
            let named: Vec<&&Count> = counts.iter().filter(|c| unit_hit(c)).collect();
            if let [first, .., last] = named.as_slice() {
                if last.at - first.at <= COUNT_WINDOW {
                    let end = doc
                        .tokens
                        .get(last.at + 1)
                        .map_or(last.surface.end, |t| t.span().end);
                    return answer_text(doc, first.surface.start..end.max(last.surface.end));
                }
            }
            let names: Vec<TermId> = doc.entities.iter().map(|e| e.term).collect();
            let mut scores: Vec<f32> = counts
                .iter()
                .map(|c| UNIT_SCORE * f32::from(unit_hit(c)))
                .collect();
            // Each other word of the question found in the quote speaks for
            // the count nearest to it (the one before it on a tie: a noun
            // follows its number), within COUNT_WINDOW.
            for (i, t) in doc.tokens.iter().enumerate() {
                if !t
                    .term
                    .is_some_and(|t| hits.contains(&t) && !names.contains(&t))
                {
                    continue;
                }
                // A counted noun already spoke for its own count.
                if counts.iter().any(|c| unit_hit(c) && c.at + 1 == i) {
                    continue;
                }
                let nearest = counts
                    .iter()
                    .enumerate()
                    .map(|(k, c)| (i.abs_diff(c.at), c.at > i, k))
                    .min();
                if let Some((_, _, k)) = nearest.filter(|n| n.0 <= COUNT_WINDOW && n.0 > 0) {
                    scores[k] += 1.0;
                }
            }
            let scored: Vec<(f32, &Count)> = scores.into_iter().zip(counts).collect();
            let top = scored.iter().map(|s| s.0).fold(0.0, f32::max);
            let mut best = scored.iter().filter(|s| s.0 == top && top > 0.0);
            let &(_, one) = best.next()?;
            if best.next().is_some() {
                return None;
            }
            // A count of another noun than the one asked for, which the
            // claim never names ("two children" for "how many trips"), is
            // no answer: the quote is.
            let counted_missed = query
                .counted
                .is_some_and(|at| missed.iter().any(|&i| query.terms[i].at == at));
            if counted_missed && !unit_hit(one) {
                return None;
            }
            // A count without a noun after it ("was 412.") is its number.
            if doc.tokens.get(one.at + 1).is_none_or(|t| t.term.is_none()) {
                return answer_text(doc, one.surface.clone());
            }
            // Take in a compound noun: "three rest centres"; not a verb's
            // form after it ("9,640 children aged…", "trains carrying…").
            let mut end = one.at + 1;
            while end < one.at + 3
                && doc.tokens.get(end + 1).is_some_and(|t| {
                    t.kind == DocKind::Content && !verb_form(doc.word(end + 1).unwrap_or_default())
                })
            {
                end += 1;
            }
            // A tally goes on to its other side: "14 votes to 9".
            if doc.word(end + 1) == Some("to")
                && doc
                    .tokens
                    .get(end + 2)
                    .is_some_and(|t| t.kind == DocKind::Number)
            {
                end += 2;
            }
            one.surface.start..doc.tokens[end].span().end.max(one.surface.end)
        }
        Expect::Duration if v.durations.len() == 1 => v.durations[0].surface.clone(),
        Expect::Date => {
            // "What time…" asks for a time of day; "when" for a date.
            // A date answers "when" best, then a time of day ("reopened at
            // 3.15pm"), and a time told against another ("45 minutes
            // later") only when the claim tells no other.
            let clock = query.tokens.iter().any(|t| t.word == "time");
            let rank = |d: &&Date| match (d.minutes, d.offset) {
                (Some(_), _) => Some(u8::from(!clock)),
                _ if clock => None,
                (None, None) => Some(0),
                (None, Some(_)) => Some(2),
            };
            // Dates written together are one answer: "at 7pm on Thursday,
            // 23 October" tells the day and the time.
            let runs = date_runs(&doc.text, &v.dates);
            let run_rank = |run: &[&Date]| run.iter().filter_map(rank).min();
            let best = runs.iter().filter_map(|r| run_rank(r)).min()?;
            let mut fitting = runs.iter().filter(|r| run_rank(r) == Some(best));
            let one = fitting.next()?;
            if fitting.next().is_some() {
                return None;
            }
            let (first, last) = (one.first()?, one.last()?);
            first.surface.start..last.surface.end
        }
        Expect::Person | Expect::Place => {
            // The one name the question does not give (a place: after a
            // preposition of place), with the names written next to it.
            // A name the question reaches only as one of a class ("which
            // cities" ~ "Manchester") is what it asks for, not what it gives.
            let given: Vec<TermId> = best
                .coverage
                .hits
                .iter()
                .filter(|h| h.2 != MatchKind::Narrower)
                .map(|h| h.1)
                .collect();
            let new: Vec<&crate::index::Entity> = doc
                .entities
                .iter()
                .filter(|e| !given.contains(&e.term))
                .filter(|e| match query.expect {
                    Expect::Person => !(query.asks_someone() && e.is_only_place()),
                    _ => e.is_place(),
                })
                // "Dutch" of "a Dutch landscape" names no one and nothing.
                .filter(|e| index.name_kind(doc.source, e.term) != Some(NameKind::Demonym))
                .collect();
            let first = *new.first()?;
            // A name goes on over "of", "and", "for" between two of its
            // words: "Rail and Transport Workers' Union", "Bank of England".
            let next = |at: usize, named: &dyn Fn(usize) -> bool| {
                if named(at + 1) {
                    Some(at + 1)
                } else {
                    (doc.connects_name(at + 1) && named(at + 2)).then_some(at + 2)
                }
            };
            let is_new = |at: usize| new.iter().any(|e| e.at == at);
            let mut end = first.at;
            while let Some(n) = next(end, &is_new) {
                end = n;
            }
            if new.iter().any(|e| e.at > end + 1) {
                return None;
            }
            // The whole name, with its words the question also says:
            // "Progressive Party" for "which party".
            let is_name = |at: usize| doc.entities.iter().any(|e| e.at == at);
            let mut start = first.at;
            while start > 0 && is_name(start - 1) {
                start -= 1;
            }
            while let Some(n) = next(end, &is_name) {
                end = n;
            }
            // "the Hollinbury leisure centre": a name after "the" names
            // the place its nouns go on to say.
            let the = start
                .checked_sub(1)
                .and_then(|b| doc.word(b))
                .is_some_and(|w| w.eq_ignore_ascii_case("the"));
            if query.expect == Expect::Place && the {
                let noun = |at: usize| {
                    doc.tokens[at].kind == DocKind::Content
                        && doc
                            .word(at)
                            .is_some_and(|w| w.chars().all(|c| c.is_lowercase()) && !verb_form(w))
                };
                let mut last = end;
                while last < end + PLACE_NOUNS && last + 1 < doc.tokens.len() && noun(last + 1) {
                    last += 1;
                }
                end = last;
            }
            doc.tokens[start].span().start..doc.tokens[end].span().end
        }
        // "What kind of tree": "sycamore tree".
        Expect::Any if query.kind_of.is_some() => {
            let (kind, noun) = kind_word(query, doc, hits)?;
            doc.tokens[kind].span().start..doc.tokens[noun].span().end
        }
        _ => return None,
    };
    answer_text(doc, span)
}

/// How many common nouns after a name the answer to "where" takes in:
/// "the Hollinbury leisure centre", "the Kelsford town hall".
const PLACE_NOUNS: usize = 3;

/// Whether the claim writes a name the question does not give within
/// [`NAME_BESIDE`] tokens of `noun` ("Senior keeper Tom Rees", "the trust's
/// chair, Linda Okafor"), of the kind the noun is: a pupil's name is no
/// school's ([`crate::index::names`]).
fn names_beside(
    index: &Index,
    doc: &Doc,
    (noun, wanted): (&QueryTerm, Option<NameKind>),
    hits: &[TermId],
) -> bool {
    let fits = |e: &crate::index::Entity| {
        let kind = index.name_kind(doc.source, e.term);
        wanted.is_none() || kind.is_none() || kind == wanted
    };
    doc.tokens.iter().enumerate().any(|(at, t)| {
        t.term.is_some_and(|term| noun.reaches(term))
            && doc
                .entities
                .iter()
                .any(|e| !hits.contains(&e.term) && e.at.abs_diff(at) <= NAME_BESIDE && fits(e))
    })
}

/// A noun whose name is asked for, with the kind of name that answers it
/// ([`names::of_noun`]).
fn with_kind(noun: &QueryTerm) -> (&QueryTerm, Option<NameKind>) {
    let kind = crate::lexicon::english()
        .noun_kind(&noun.word)
        .map(names::of_noun);
    (noun, kind)
}

/// Whether the claim writes `noun` in any form.
fn mentions(doc: &Doc, noun: &QueryTerm) -> bool {
    doc.tokens
        .iter()
        .any(|t| t.term.is_some_and(|term| noun.reaches(term)))
}

/// How far from the noun whose name is asked for the name may stand.
const NAME_BESIDE: usize = 8;

/// A span of the quote as a short answer: capitalised, with a full stop.
fn answer_text(doc: &Doc, span: std::ops::Range<usize>) -> Option<String> {
    let text = doc.text.get(span)?.trim();
    let mut chars = text.chars();
    let first = chars.next()?;
    Some(format!("{}{}.", first.to_uppercase(), chars.as_str()))
}

/// The answer to a question.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Answer {
    pub answered: bool,
    pub answer: Option<String>,
    pub quote: Option<String>,
    pub source: Option<String>,
    pub claim: Option<String>,
    pub confidence: f32,
    pub alternatives: Vec<Hit>,
}

pub fn round(x: f32) -> f32 {
    (x * 1000.0).round() / 1000.0
}

/// How many alternatives an answer lists.
const ALTERNATIVES: usize = 3;

/// Answers a question from the knowledge base.
pub fn ask(kb: &KnowledgeBase, index: &Index, question: &str, thresholds: Thresholds) -> Answer {
    let query = index.query(question);
    let ranked = rank(index, &query);
    decide(kb, index, &query, &ranked, thresholds)
}

/// The answer to a question and why: the same ranking and decision as
/// [`ask`], described step by step.
pub fn explain(
    kb: &KnowledgeBase,
    index: &Index,
    question: &str,
    thresholds: Thresholds,
) -> (Answer, Explanation) {
    let query = index.query(question);
    let ranked = rank(index, &query);
    let answer = decide(kb, index, &query, &ranked, thresholds);
    let mut why = match (&answer.claim, answer.answered) {
        (Some(claim), true) => Explanation::valued(
            format!(
                "answered with claim {claim}: its probability reaches the threshold {:.2}",
                thresholds.answer
            ),
            answer.confidence,
        ),
        _ => Explanation::valued(
            format!(
                "declined: no claim reaches the threshold {:.2}",
                thresholds.answer
            ),
            answer.confidence,
        ),
    };
    why.push(understood(&query));
    for (n, s) in ranked.iter().take(EXPLAINED).enumerate() {
        why.push(candidate(kb, index, &query, s, n));
    }
    if let Some(short) = &answer.answer {
        why.push(Explanation::new(format!("short answer: {short}")));
    }
    (answer, why)
}

/// How many of the best candidates an explanation describes.
const EXPLAINED: usize = 3;

/// What the question was read as: the kind of answer it expects, and each
/// of its words as the index took it.
fn understood(query: &Query) -> Explanation {
    let focus = query
        .focus
        .map(|f| format!(", about \"{}\"", query.terms[f].word))
        .unwrap_or_default();
    Explanation::new(format!("question: expects {:?}{focus}", query.expect)).with(
        query.terms.iter().map(|t| {
            let mut label = format!("{} → {}", t.word, t.name);
            if let crate::index::Resolution::Typo { corrected, .. } = &t.resolution {
                label.push_str(&format!(" (typo of \"{corrected}\")"));
            }
            if t.resolution == crate::index::Resolution::Unknown {
                label.push_str(" (not in the knowledge base)");
            }
            if t.optional {
                label.push_str(" (question frame: counts if matched, never missed)");
            }
            if t.name_like {
                label.push_str(" (name)");
            }
            if let Some(n) = t.number {
                label.push_str(&format!(" (number {n})"));
            }
            let links = t.expansions.len();
            if links > 1 {
                label.push_str(&format!(" ({links} forms and links in the index)"));
            }
            Explanation::new(label)
        }),
    )
}

/// How a claim covers a question or statement: the shares by its own
/// words, by WordNet links and by the sentence before it, then each word
/// matched and each missed.
pub fn coverage_explanation(
    index: &Index,
    query: &Query,
    cov: &Coverage,
    label: &str,
) -> Explanation {
    let mut coverage = Explanation::valued(label, cov.share).with([
        Explanation::valued("by the claim's own words", cov.exact),
        Explanation::valued("by WordNet links", cov.linked),
        Explanation::valued("by the sentence before it", cov.context),
    ]);
    for m in cov.matched(index, query) {
        coverage.push(Explanation::valued(
            format!("{} ~ {} ({:?})", m.word, m.claim_term, m.how),
            m.weight,
        ));
    }
    let missed = cov.missing(query);
    if !missed.is_empty() {
        coverage.push(Explanation::new(format!("missed: {}", missed.join(", "))));
    }
    coverage
}

/// One candidate: how much of the question it covers, how the model
/// weighed that, and where the tie-breakers put it.
fn candidate(
    kb: &KnowledgeBase,
    index: &Index,
    query: &Query,
    s: &Scored,
    place: usize,
) -> Explanation {
    let claim = &kb.claims[s.claim as usize];
    let coverage = coverage_explanation(
        index,
        query,
        &s.coverage,
        "coverage of the question's weight",
    );
    let model = model::model();
    let parts = model.contributions(&s.parts.features);
    let mut moved: Vec<(usize, f32)> = parts
        .iter()
        .copied()
        .enumerate()
        .filter(|(_, c)| c.abs() >= 0.005)
        .collect();
    moved.sort_by(|a, b| b.1.abs().total_cmp(&a.1.abs()));
    let log_odds = model.bias + parts.iter().sum::<f32>();
    let weighed = Explanation::valued("model: log-odds that it answers", log_odds).with(
        std::iter::once(Explanation::valued("bias", model.bias)).chain(moved.into_iter().map(
            |(i, c)| {
                Explanation::valued(
                    format!("{} = {:.2}", model::NAMES[i], s.parts.features[i]),
                    c,
                )
            },
        )),
    );
    Explanation::valued(
        format!(
            "{} claim {}: probability that it answers",
            if place == 0 { "best" } else { "next" },
            claim.id
        ),
        s.confidence,
    )
    .with(
        [
            Explanation::new(format!("quote: {}", claim.quote)),
            coverage,
            weighed,
        ]
        .into_iter()
        .chain(
            ((1.0 / (1.0 + (-log_odds).exp()) - s.confidence).abs() > 1e-4).then(|| {
                Explanation::new("its probability is the best of the claims resting on this quote")
            }),
        )
        .chain([Explanation::valued(
            "rank: the probability with tie-breakers",
            s.parts.rank,
        )]),
    )
}

/// Whether the best candidate answers, and the answer if so.
fn decide(
    kb: &KnowledgeBase,
    index: &Index,
    query: &Query,
    ranked: &[Scored],
    thresholds: Thresholds,
) -> Answer {
    let best = ranked.first();
    let confidence = best.map_or(0.0, |b| b.confidence);
    let answered = best.is_some() && confidence >= thresholds.answer;
    let mut alternatives = Vec::new();
    let skip_quote = if answered {
        best.map(|b| kb.claims[b.claim as usize].span.clone())
    } else {
        None
    };
    for s in ranked.iter().skip(usize::from(answered)) {
        if alternatives.len() >= ALTERNATIVES || s.confidence < thresholds.answer {
            break;
        }
        let claim = &kb.claims[s.claim as usize];
        if skip_quote.as_ref() == Some(&claim.span)
            || alternatives.iter().any(|h: &Hit| h.quote == claim.quote)
        {
            continue;
        }
        alternatives.push(Hit::new(kb, s.claim, s.confidence));
    }
    match best.filter(|_| answered) {
        Some(b) => {
            let hit = Hit::new(kb, b.claim, confidence);
            Answer {
                answered: true,
                answer: Some(short_answer(kb, index, query, b)),
                quote: Some(hit.quote),
                source: Some(hit.source),
                claim: Some(hit.claim),
                confidence: hit.confidence,
                alternatives,
            }
        }
        None => Answer {
            answered: false,
            answer: None,
            quote: None,
            source: None,
            claim: None,
            confidence: round(confidence),
            alternatives,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::knowledge::files::build;
    use crate::text::Lexicon;
    use std::collections::HashMap;
    use std::path::Path;

    fn kb() -> KnowledgeBase {
        let text = "Each side released 390 people in the swap. The swap took place on the border with Belarus. \
                    The talks lasted two hours in Istanbul.";
        let texts = HashMap::from([("swap.txt".to_string(), text.to_string())]);
        let mut kb = build(Path::new("kb"), &texts, &[], None).expect("builds");
        kb.lexicon = Lexicon {
            synonyms: vec![vec!["release".into(), "free".into()]],
            ..Lexicon::default()
        };
        kb
    }

    /// A bar low enough that the claim chosen is shown whatever its
    /// confidence: for tests of which claim and which value, not whether.
    fn low_bar() -> Thresholds {
        Thresholds {
            answer: 0.3,
            ..Thresholds::default()
        }
    }

    fn ask_it(question: &str) -> Answer {
        let kb = kb();
        let index = Index::build(&kb);
        ask(&kb, &index, question, Thresholds::default())
    }

    #[test]
    fn answers_with_the_sentence_that_covers_the_question() {
        let a = ask_it("How many people were freed?");
        assert!(a.answered);
        assert!(a.quote.as_deref().is_some_and(|q| q.contains("390 people")));
        assert!(a.confidence > 0.8, "{}", a.confidence);
        assert_eq!(
            a.answer.as_deref(),
            Some("390 people."),
            "the value asked for, not the whole sentence"
        );
    }

    #[test]
    fn abstains_when_key_term_is_missing() {
        // An article of a news report's length: in three sentences every
        // word is rare, and "people" would weigh like a name.
        let (kb, index) = crate::index::of_article(
            "Ukraine and Russia swap prisoners\n\n\
             Ukraine and Russia carried out their biggest prisoner exchange, each side releasing 390 people. \
             The swap took place on the border with Belarus. \
             The exchange included 120 civilians per side. \
             Relatives of the people freed waited at the border for hours. \
             Many people held up photographs of missing soldiers. \
             Talks held a week earlier in Istanbul lasted two hours. \
             More people are expected to be released in the coming days.",
        );
        let a = ask(
            &kb,
            &index,
            "How many people were killed?",
            Thresholds::default(),
        );
        assert!(!a.answered, "{:?}", a.quote);
        assert!(a.quote.is_none() && a.claim.is_none());
        assert!(a.confidence < Thresholds::default().answer);
    }

    #[test]
    fn a_missed_word_near_in_meaning_to_a_word_of_the_quote_is_told() {
        let text = "The appeal raised money for the hospital ward. \
                    The appeal raised its target for the hospital ward.";
        let texts = HashMap::from([("appeal.txt".to_string(), text.to_string())]);
        let kb = build(Path::new("kb"), &texts, &[], None).expect("builds");
        let index = Index::build(&kb);
        let query = index.query("Did the appeal raise cash for the ward?");
        let near = |d: u32| {
            let doc = index.doc(d);
            let weights = Weights::default().of(&index, &query, doc.source).to_vec();
            let cov = coverage(&index, &query, doc, &weights, Purpose::Answer, |_| false);
            assert_eq!(cov.missing(&query), ["cash"], "{:?}", doc.text);
            missed_near(&index, &missed_words(&query), d, &cov)
        };
        let (money, target) = (near(0), near(1));
        assert!(money > 0.5 && target < money - 0.2, "{money} {target}");
    }

    #[test]
    fn a_question_of_frame_words_only_is_not_answered() {
        assert!(!ask_it("What time is it?").answered);
        assert!(!ask_it("").answered);
    }

    #[test]
    fn typos_are_corrected_and_explained() {
        let kb = kb();
        let index = Index::build(&kb);
        let question = "where did the swap take plaec near belaruss";
        let (a, why) = explain(&kb, &index, question, Thresholds::default());
        assert!(a.answered);
        assert_eq!(a, ask(&kb, &index, question, Thresholds::default()));
        let text = why.render();
        assert!(why.label.starts_with("answered with claim"), "{text}");
        let term = why.find("belaruss →").expect("the misspelt word");
        assert!(term.label.contains("typo of \"belarus\""), "{text}");
        let best = why.find("best claim").expect("the chosen claim");
        let shown = best.value.unwrap_or(0.0);
        assert!((shown - a.confidence).abs() < 1e-3, "{text}");
        let odds = best.find("model: log-odds").expect("the model's part");
        let sum: f32 = odds.details.iter().filter_map(|d| d.value).sum();
        assert!((sum - odds.value.unwrap_or(0.0)).abs() < 1e-3, "{text}");
    }

    #[test]
    fn a_sentence_that_opens_with_no_keeps_it() {
        let text = "No progress has been made toward a ceasefire. The talks lasted two hours.";
        let (kb, index) = crate::index::of_article(text);
        let a = ask(
            &kb,
            &index,
            "What progress has been made toward a ceasefire?",
            Thresholds::default(),
        );
        assert!(a.answered, "{a:?}");
        assert!(
            a.answer
                .as_deref()
                .is_some_and(|s| s.starts_with("No progress")),
            "a sentence's own 'No' is no verdict to drop: {a:?}"
        );
    }

    #[test]
    fn it_stands_for_the_noun_the_sentence_before_opened_with() {
        let (kb, index) = crate::index::of_article(
            "Ferry returns\n\n\
             The 90-year-old chain ferry is one of the last of its kind in Wales.\n\n\
             It was withdrawn without notice in March 2023 after cracks were found.\n",
        );
        let term = |word: &str| {
            let tokens = crate::text::Analyzer::default().analyze(word);
            index.term_id(&tokens[0].term).expect("indexed")
        };
        let it = index
            .docs()
            .iter()
            .find(|d| kb.claims[d.claim as usize].quote.starts_with("It was"))
            .expect("the sentence is a claim");
        // "ferry" reads almost as the sentence's own word; "last" only as
        // context.
        assert_ne!(it.fields(term("ferry")) & field::REFERENT, 0);
        assert_eq!(it.fields(term("last")) & field::REFERENT, 0);
        assert_ne!(it.fields(term("last")) & field::CONTEXT, 0);
        let answer = ask(
            &kb,
            &index,
            "When was the ferry withdrawn?",
            Thresholds::default(),
        );
        assert!(
            answer
                .quote
                .as_deref()
                .is_some_and(|q| q.starts_with("It was")),
            "{answer:?}"
        );
    }

    #[test]
    fn the_names_of_a_class_asked_for_are_the_answer() {
        let text = "Drones close airport\n\n\
                    Drone sightings closed Brackenmoor Airport for five hours on Saturday.\n\n\
                    Of those flights, 11 arriving aircraft were diverted to Manchester and Newcastle, \
                    and 12 departures were cancelled.\n";
        let (kb, index) = crate::index::of_article(text);
        let asked = "Which cities were incoming planes sent to instead?";
        // "cities" reaches both names alike: neither is the question's own
        // word, and the answer is the same on every run.
        let answer = ask(&kb, &index, asked, Thresholds::default());
        assert_eq!(
            answer.answer.as_deref(),
            Some("Manchester and Newcastle."),
            "{answer:?}"
        );
    }

    #[test]
    fn a_sentence_referring_back_reads_the_one_before_across_a_paragraph_break() {
        let article = |second: &str| {
            format!(
                "Wind farm approved\n\n\
                 Councillors approved eleven turbines off Staithe on Tuesday.\n\n\
                 The residents' group Keep Staithe Skies Open argued that the turbines would dominate the skyline.\n\n\
                 {second}\n"
            )
        };
        let confidence = |second: &str| {
            let (kb, index) = crate::index::of_article(&article(second));
            let any = Thresholds {
                answer: 0.0,
                ..Thresholds::default()
            };
            let a = ask(
                &kb,
                &index,
                "Who is the chair of Keep Staithe Skies Open?",
                any,
            );
            if a.quote
                .as_deref()
                .is_some_and(|q| q.contains("Martin Pell"))
            {
                return a.confidence;
            }
            let hit = a
                .alternatives
                .iter()
                .find(|h| h.quote.contains("Martin Pell"));
            hit.expect("the chair's sentence is a candidate").confidence
        };
        // "Its chair" is the group's: the group's name counts for it.
        let its = confidence(
            "Its chair, Martin Pell, told councillors the machines would be seen for miles.",
        );
        // "A chair" opening its own paragraph may be anyone's.
        let a = confidence(
            "A chair, Martin Pell, told councillors the machines would be seen for miles.",
        );
        assert!(its > a + 0.1, "{its} against {a}");
        // And it answers, at the bot's own bar.
        let (kb, index) = crate::index::of_article(&article(
            "Its chair, Martin Pell, told councillors the machines would be seen for miles.",
        ));
        let asked = "Who is the chair of Keep Staithe Skies Open?";
        let answer = ask(&kb, &index, asked, Thresholds::default());
        assert!(
            answer
                .answer
                .as_deref()
                .is_some_and(|s| s.contains("Martin Pell")),
            "{answer:?}"
        );
        // A person told by a noun of persons refers back too.
        let text = "Striker signs\n\n\
                    Harbury City have signed the Uruguayan striker Mateo Quintana from Vila Nova.\n\n\
                    The 24-year-old has signed a five-year contract with the club.\n";
        let (kb, index) = crate::index::of_article(text);
        let answer = ask(
            &kb,
            &index,
            "How long is Quintana's contract?",
            Thresholds::default(),
        );
        assert!(
            answer
                .quote
                .as_deref()
                .is_some_and(|s| s.contains("five-year")),
            "{answer:?}"
        );
    }

    #[test]
    fn dates_written_together_are_one_answer() {
        let (kb, index) = crate::index::of_article(
            "Pool closure\n\nA public meeting on the pool's future will be held at the town \
             hall at 7pm on Thursday, 23 October. The pool opened in 1978.\n",
        );
        let answer = ask(
            &kb,
            &index,
            "What day and time is the public meeting?",
            Thresholds::default(),
        );
        assert_eq!(
            answer.answer.as_deref(),
            Some("7pm on Thursday, 23 October."),
            "{answer:?}"
        );
    }

    #[test]
    fn a_month_that_is_also_a_word_answers_when() {
        let (kb, index) = crate::index::of_article(
            "Post office saved\n\n\
             Villagers have raised £30,000 to buy their post office. If the target is met, \
             the branch is expected to reopen in May, after a closure of eight weeks.\n",
        );
        let answer = ask(
            &kb,
            &index,
            "When will the branch reopen?",
            Thresholds::default(),
        );
        assert_eq!(answer.answer.as_deref(), Some("May."), "{answer:?}");
    }

    #[test]
    fn a_count_of_another_noun_is_no_short_answer() {
        let (kb, index) = crate::index::of_article(
            "Maria Okafor sailed to Inchmore on the ferry with her two children.",
        );
        let a = ask(
            &kb,
            &index,
            "How many cars did the ferry take to Inchmore?",
            low_bar(),
        );
        assert!(a.answered, "{a:?}");
        assert_ne!(a.answer.as_deref(), Some("Two children."), "{a:?}");
        let a = ask(
            &kb,
            &index,
            "How many children sailed to Inchmore?",
            low_bar(),
        );
        assert_eq!(a.answer.as_deref(), Some("Two children."), "{a:?}");
    }

    #[test]
    fn every_sentence_is_read_with_the_articles_lead() {
        let text = "Ferry aground\n\n\
                    The passenger ferry Island Heron ran aground off Carrick Point on Tuesday.\n\n\
                    Passengers were taken off by lifeboat.\n\n\
                    Repairs are expected to cost about £4.2m.\n";
        let (kb, index) = crate::index::of_article(text);
        let a = ask(
            &kb,
            &index,
            "How much will repairs to the Island Heron cost?",
            Thresholds::default(),
        );
        assert!(
            a.answer.as_deref().is_some_and(|s| s.contains("£4.2m")),
            "{a:?}"
        );
    }

    #[test]
    fn a_lead_that_names_no_one_is_about_whom_the_next_sentence_names() {
        let article = |second: &str| {
            format!(
                "Baker fined over mouldy bread\n\n\
                 A baker who sold mouldy loaves to three schools has been fined £2,400 by magistrates.\n\n\
                 {second}\n"
            )
        };
        let asked = "How much was Tobias Renwick fined?";
        let (kb, index) = crate::index::of_article(&article(
            "Tobias Renwick, 52, of Mill Lane, admitted four food safety offences.",
        ));
        let a = ask(&kb, &index, asked, Thresholds::default());
        assert!(
            a.answer.as_deref().is_some_and(|s| s.contains("£2,400")),
            "{a:?}"
        );
        // A name told later in the sentence is not the lead's subject.
        let (kb, index) = crate::index::of_article(&article(
            "Magistrates heard that Tobias Renwick, 52, admitted four food safety offences.",
        ));
        let any = Thresholds {
            answer: 0.0,
            ..Thresholds::default()
        };
        let later = ask(&kb, &index, asked, any);
        assert!(
            later.confidence + 0.1 < a.confidence,
            "{later:?} against {a:?}"
        );
    }

    #[test]
    fn a_claim_that_states_the_measure_asked_for_says_so_to_the_model() {
        let text = "The valley had 118mm of rain in July. Temperatures reached 34C on three days.";
        let (_, index) = crate::index::of_article(text);
        let found = |question: &str| -> Vec<f32> {
            let query = index.query(question);
            let at = model::NAMES.iter().position(|&n| n == "measure_found");
            let at = at.expect("a feature of the model");
            rank(&index, &query)
                .iter()
                .map(|s| s.parts.features[at])
                .collect()
        };
        // "How hot" asks for a temperature, which the second sentence states
        // and the first does not.
        let hot = found("how hot did it get in the valley?");
        assert_eq!(hot.iter().filter(|&&f| f == 1.0).count(), 1, "{hot:?}");
        // A question with no measure gains nothing.
        let rain = found("how many days were hot?");
        assert!(rain.iter().all(|&f| f == 0.0), "{rain:?}");
    }

    #[test]
    fn a_claim_is_told_how_much_more_it_covers_than_its_rivals() {
        let text = "The ferry Island Heron ran aground near Staithe harbour in March. \
                    Repairs to the ferry are expected to cost about £4.2m. \
                    The harbour reopened to ferry traffic in April.";
        let (_, index) = crate::index::of_article(text);
        let margins = |question: &str| -> Vec<(String, f32, f32)> {
            let query = index.query(question);
            rank(&index, &query)
                .iter()
                .map(|s| {
                    let doc = index.doc(s.doc);
                    let margin = s.parts.features[model::SHARE_MARGIN];
                    (doc.text.clone(), s.coverage.share, margin)
                })
                .collect()
        };
        // One sentence holds "repairs" and "cost": it stands out by as much
        // as it covers more than the best other sentence, which stands
        // under it by the same.
        let ranked = margins("How much will the repairs cost?");
        let (top, share, margin) = &ranked[0];
        assert!(top.contains("£4.2m"), "{ranked:?}");
        let rival = ranked[1..].iter().map(|r| r.1).fold(0.0_f32, f32::max);
        assert!(
            *margin > 0.0 && (margin - (share - rival)).abs() < 1e-6,
            "{ranked:?}"
        );
        assert!(
            ranked[1..]
                .iter()
                .all(|r| (r.2 - (r.1 - share)).abs() < 1e-6),
            "{ranked:?}"
        );
        // The ferry and the harbour are in every sentence: none stands out.
        let spread = margins("Where is the ferry harbour?");
        assert!(spread.iter().all(|r| r.2 < *margin), "{spread:?}");
    }

    #[test]
    fn how_long_prefers_a_claim_with_a_duration() {
        let a = ask_it("How long were the talks?");
        assert!(a.quote.as_deref().is_some_and(|q| q.contains("two hours")));
        assert_eq!(a.answer.as_deref(), Some("Two hours."));
    }

    #[test]
    fn a_share_or_an_amount_asked_for_is_the_number_answered() {
        let text =
            "Priya Nandakumar won the by-election with 41.3% of the vote, ahead of 11 rivals. \
                    The by-election cost the council £1.1m, spread over 14 polling stations.";
        let (kb, index) = crate::index::of_article(text);
        // The value given, whatever the confidence: a low bar.
        let low = low_bar();
        let ask = |q: &str| ask(&kb, &index, q, low);
        let a = ask("What percentage of the vote did Priya Nandakumar win?");
        assert_eq!(a.answer.as_deref(), Some("41.3%."), "{a:?}");
        let a = ask("How much did the by-election cost the council?");
        assert_eq!(a.answer.as_deref(), Some("£1.1m."), "{a:?}");
        // A share asked of a sentence that gives none is no answer.
        let a = ask("What percentage of polling stations opened late?");
        assert!(!a.answered, "{a:?}");
        // Two sums of money and a share: no sum, so the quote, and never
        // the share.
        let (kb, index) = crate::index::of_article(
            "About £1.9m, nearly 60% of the money raised, was spent on a villa, while a further £640,000 was paid to earlier investors.",
        );
        let a = super::ask(
            &kb,
            &index,
            "How much cash was paid to earlier investors?",
            low,
        );
        assert_ne!(a.answer.as_deref(), Some("60%."), "{a:?}");
    }

    #[test]
    fn which_asks_for_a_name() {
        let text = "Thomas Brennan of the Progressive Party won 21,660 votes, and made progress in the east. \
                    The defender Sam Whitlock joined a German club for £34m.";
        let (kb, index) = crate::index::of_article(text);
        let a = ask(
            &kb,
            &index,
            "Which party does Thomas Brennan belong to?",
            Thresholds::default(),
        );
        assert_eq!(a.answer.as_deref(), Some("Progressive Party."), "{a:?}");
        // The sentence names no club: it does not say which.
        let a = ask(
            &kb,
            &index,
            "Which German club did Sam Whitlock join?",
            Thresholds::default(),
        );
        assert!(!a.answered, "{a:?}");
    }

    #[test]
    fn the_body_answers_before_the_headline() {
        let text = "Veltra to close Harrowfield plant with loss of 2,300 jobs\n\n\
                    Veltra Motors will close its Harrowfield plant by March, with the loss of about 2,300 jobs, the company said.";
        let (kb, index) = crate::index::of_article(text);
        assert!(
            kb.claims.iter().any(|c| c.quote == kb.sources[0].title),
            "the headline is a claim"
        );
        // Which claim answers, whatever the confidence: a low bar.
        let low = low_bar();
        let question = "How many jobs will be lost when the Harrowfield plant closes?";
        let a = ask(&kb, &index, question, low);
        assert!(
            a.quote
                .as_deref()
                .is_some_and(|q| q.starts_with("Veltra Motors will close")),
            "{a:?}"
        );
    }

    #[test]
    fn the_count_answered_is_the_one_the_question_stands_around() {
        let text = "The exchange included 270 military personnel and 120 civilians per side. \
                    Just over 70,400 ballots were cast out of about 239,000 registered voters, and 412 of them were rejected as spoiled. \
                    Quintana scored 31 goals in 44 appearances for Vila Nova last season.";
        let (kb, index) = crate::index::of_article(text);
        let low = low_bar();
        for (question, answer) in [
            (
                "How many military personnel did each side hand over?",
                "270 military personnel.",
            ),
            ("How many civilians did each side free?", "120 civilians."),
            (
                "How many goals did Quintana score for Vila Nova last season?",
                "31 goals.",
            ),
        ] {
            let a = ask(&kb, &index, question, low);
            assert_eq!(a.answer.as_deref(), Some(answer), "{question}");
        }
        // A count that ends the quote is answered by itself.
        let text = "Jobs lost at the Harrowfield plant: 2,300";
        let (kb2, index2) = crate::index::of_article(text);
        let a = ask(
            &kb2,
            &index2,
            "How many jobs were lost at the Harrowfield plant?",
            low,
        );
        assert_eq!(a.answer.as_deref(), Some("2,300."), "{a:?}");
        // Two counts stand as near: the quote answers, not the other count.
        let a = ask(
            &kb,
            &index,
            "How many ballots were rejected as spoiled?",
            low,
        );
        let answer = a.answer.unwrap_or_default();
        assert!(
            answer.contains("412") && !answer.starts_with("70,400"),
            "{answer}"
        );
    }

    #[test]
    fn a_phrasal_verb_around_its_object_is_read_whole() {
        let text = "Ministers offered Veltra a support package worth £120m, but the company had turned it down.";
        let (_, index) = crate::index::of_article(text);
        let query = index.query("Did Veltra reject the support package?");
        let ranked = rank(&index, &query);
        let best = ranked.first().expect("a candidate");
        assert!(
            best.coverage.missing(&query).is_empty(),
            "'reject' reaches 'turned it down': {:?}",
            best.coverage.missing(&query)
        );
    }

    #[test]
    fn how_old_far_or_heavy_asks_for_a_number_in_its_own_unit() {
        let text = "Quintana, who has 19 caps for Uruguay, will wear the number nine shirt. \
                    The rover, which weighs 48 kg, landed 340 metres from its target after a 12-day flight.";
        let (kb, index) = crate::index::of_article(text);
        let low = low_bar();
        let ask = |q: &str| ask(&kb, &index, q, low);
        assert_eq!(
            ask("How heavy is the rover?").answer.as_deref(),
            Some("48 kg.")
        );
        assert_eq!(
            ask("How far from its target did the rover land?")
                .answer
                .as_deref(),
            Some("340 metres.")
        );
        // Caps are no age.
        let a = ask("how old is quintana");
        assert!(!a.answered, "{a:?}");
    }

    #[test]
    fn a_claim_without_the_measure_asked_for_does_not_answer() {
        let text = "Freight services, including four daily trains carrying limestone from the Hartside quarry, have been diverted.";
        let (kb, index) = crate::index::of_article(text);
        let a = ask(
            &kb,
            &index,
            "How many tonnes of limestone does each freight train from the Hartside quarry carry?",
            low_bar(),
        );
        assert!(!a.answered, "four trains weigh nothing: {a:?}");
        let a = ask(
            &kb,
            &index,
            "How many trains carry limestone from the Hartside quarry?",
            low_bar(),
        );
        assert!(a.answered, "{a:?}");
    }

    #[test]
    fn how_many_answers_with_the_noun_not_the_verb_after_it() {
        let text = "The trial enrolled 9,640 children aged five months to three years. \
                    The council opened three rest centres on Thursday.";
        let (kb, index) = crate::index::of_article(text);
        let short = |q: &str| ask(&kb, &index, q, low_bar()).answer;
        assert_eq!(
            short("How many children did the trial enrol?").as_deref(),
            Some("9,640 children.")
        );
        assert_eq!(
            short("How many rest centres did the council open?").as_deref(),
            Some("Three rest centres.")
        );
    }

    #[test]
    fn a_tally_is_answered_with_both_sides() {
        let (kb, index) = crate::index::of_article(
            "The motion was passed by 14 votes to 9, with two abstentions, after a three-hour debate.",
        );
        let a = ask(
            &kb,
            &index,
            "By how many votes was the motion passed?",
            low_bar(),
        );
        assert_eq!(a.answer.as_deref(), Some("14 votes to 9."), "{a:?}");
    }

    #[test]
    fn no_place_answers_who() {
        let text = "A 34-year-old man from Harrogate who collapsed near Kirkstall Abbey was in a stable condition.";
        let (kb, index) = crate::index::of_article(text);
        let a = ask(
            &kb,
            &index,
            "What was the name of the man from Harrogate who collapsed?",
            low_bar(),
        );
        assert_ne!(a.answer.as_deref(), Some("Kirkstall Abbey."), "{a:?}");
        let a = ask(
            &kb,
            &index,
            "Where did the man from Harrogate collapse?",
            low_bar(),
        );
        assert_eq!(a.answer.as_deref(), Some("Kirkstall Abbey."), "{a:?}");
        // Nor where someone comes from, nor what something lies on.
        let text = "The oldest investor, a retired headteacher from Whitehaven, was 91 when she handed over £48,000.\n\n\
                    The last incident on the Brayle was in 2011, when slurry from a dairy farm killed fish.";
        let (kb, index) = crate::index::of_article(text);
        for question in [
            "What was the name of the retired headteacher who handed over £48,000?",
            "What was the name of the dairy farmer in 2011?",
        ] {
            let a = ask(&kb, &index, question, low_bar());
            assert!(
                !a.answer
                    .as_deref()
                    .is_some_and(|s| s == "Whitehaven." || s == "Brayle."),
                "{question}: {a:?}"
            );
        }
        // A name after "against" is no place: "who will he face?"
        let (kb, index) = crate::index::of_article(
            "He could make his debut at home against Ashcombe Rovers on Saturday.",
        );
        let a = ask(
            &kb,
            &index,
            "Who could he make his debut against?",
            low_bar(),
        );
        assert_eq!(a.answer.as_deref(), Some("Ashcombe Rovers."), "{a:?}");
    }

    #[test]
    fn the_name_of_someone_is_the_name_written_beside_them() {
        let text = "In September 2017, a female named Suki squeezed under a gate left unbolted by a contractor and was found five hours later.\n\n\
                    Senior keeper Tom Rees, 34, said the gate had since been replaced.";
        let (kb, index) = crate::index::of_article(text);
        let a = ask(
            &kb,
            &index,
            "What was the name of the contractor who left the gate unbolted?",
            low_bar(),
        );
        assert!(!a.answered, "{a:?}");
        let a = ask(
            &kb,
            &index,
            "What is the name of the senior keeper?",
            low_bar(),
        );
        assert_eq!(a.answer.as_deref(), Some("Tom Rees."), "{a:?}");
        // "Which club": a claim that writes the club names it beside it.
        let (kb, index) = crate::index::of_article(
            "He said City had raised £80m by selling three players this summer, including the defender Sam Whitlock, who joined a German club for £34m.",
        );
        let a = ask(
            &kb,
            &index,
            "Which German club did Sam Whitlock join?",
            low_bar(),
        );
        assert!(!a.answered, "{a:?}");
    }

    #[test]
    fn whose_account_a_question_asks_for_decides_the_answer() {
        let (kb, index) = crate::index::of_article(
            "Flood count\n\nResidents said about 70 homes had flooded in the village. The \
             council said 40 homes had flooded.",
        );
        let a = ask(
            &kb,
            &index,
            "According to the council, how many homes flooded?",
            low_bar(),
        );
        assert!(
            a.answer.as_deref().unwrap_or_default().starts_with("40"),
            "{a:?}"
        );
    }

    #[test]
    fn how_many_of_them_is_the_part_not_the_whole() {
        let (kb, index) = crate::index::of_article(
            "Measles\n\nOf the 47 confirmed cases, 39 are children under the age of 12, according to the council.",
        );
        let a = ask(
            &kb,
            &index,
            "How many of the cases are children under 12?",
            low_bar(),
        );
        assert!(
            a.answer.as_deref().unwrap_or_default().starts_with("39"),
            "{a:?}"
        );
    }

    #[test]
    fn a_peoples_adjective_is_no_name() {
        let (kb, index) = crate::index::of_article(
            "Art theft\n\nA Dutch landscape stolen from a private collection has been recovered by police from a barn.",
        );
        let a = ask(
            &kb,
            &index,
            "What is the name of the landscape recovered by police?",
            low_bar(),
        );
        assert_ne!(a.answer.as_deref(), Some("Dutch."), "{a:?}");
    }

    #[test]
    fn a_share_answers_how_much_only_of_a_change() {
        let (kb, index) = crate::index::of_article(
            "Housing\n\nThe affordable share is below the council's target of 35 per cent because of the cost of a new roundabout.\n\n\
             The grocer said his energy bills had gone up by 40% since March.",
        );
        let a = ask(
            &kb,
            &index,
            "How much will the new roundabout cost?",
            low_bar(),
        );
        assert!(!a.answered, "{a:?}");
        let a = ask(
            &kb,
            &index,
            "How much have the grocer's energy bills gone up?",
            low_bar(),
        );
        assert_eq!(a.answer.as_deref(), Some("40%."), "{a:?}");
    }

    #[test]
    fn the_name_of_a_person_is_no_name_of_a_place() {
        let text = "Measles\n\n\
                    The first case was found on 3 February at St Aldhelm's Primary School in Kestonbridge, where a seven-year-old pupil fell ill.\n\n\
                    Dr Priya Ramsden, 51, said the school would stay open.";
        let (kb, index) = crate::index::of_article(text);
        let a = ask(
            &kb,
            &index,
            "What is the name of the seven-year-old pupil who fell ill?",
            low_bar(),
        );
        assert!(!a.answered, "{a:?}");
        // A school's name is beside "School".
        let a = ask(&kb, &index, "Which school had the first case?", low_bar());
        assert!(a.answered, "{a:?}");
        assert!(
            a.answer.as_deref().unwrap_or_default().contains("Aldhelm"),
            "{a:?}"
        );
    }

    #[test]
    fn initials_stand_for_the_name_they_abbreviate() {
        let text =
            "Tom Birkett, the Environment Agency's area manager, said the leak was serious.\n\n\
                    The Coastal Action Team was not consulted.";
        let (kb, index) = crate::index::of_article(text);
        let a = ask(&kb, &index, "What did the EA area manager say?", low_bar());
        assert!(a.answered, "{a:?}");
        assert_eq!(a.claim.as_deref(), Some("article#s1"), "{a:?}");
        // Initials in lower case are read only when they are no word.
        let q = index.query("where is the cat?");
        assert!(q.terms.iter().all(|t| t.expansions.is_empty()), "{q:?}");
        let q = index.query("who runs CAT?");
        assert!(
            q.terms
                .iter()
                .any(|t| t.name_like && !t.expansions.is_empty()),
            "{q:?}"
        );
    }

    #[test]
    fn when_is_answered_by_a_time_of_day_before_a_time_told_against_another() {
        let text = "Roads in the city centre reopened at 3.15pm, 45 minutes later than planned.";
        let (kb, index) = crate::index::of_article(text);
        let a = ask(
            &kb,
            &index,
            "When did roads in the city centre reopen?",
            low_bar(),
        );
        assert_eq!(a.answer.as_deref(), Some("3.15pm."), "{a:?}");
    }

    #[test]
    fn a_length_of_time_is_an_age_only_when_the_text_says_old_or_aged() {
        let text =
            "The project director, Fiona Ashdown, said the team had listened for four years. \
                    The 24-year-old striker, Diego Quintana, signed on Friday. \
                    The bridge keeper, Tom Reid, retired aged 61.";
        let (kb, index) = crate::index::of_article(text);
        let ask = |q: &str| ask(&kb, &index, q, low_bar());
        let a = ask("How old is Fiona Ashdown?");
        assert!(!a.answered, "listening for four years is no age: {a:?}");
        let a = ask("How old is Diego Quintana?");
        assert_eq!(a.answer.as_deref(), Some("24-year-old."), "{a:?}");
        let a = ask("How old was Tom Reid when he retired?");
        assert!(
            a.answer.as_deref().is_some_and(|s| s.contains("61")),
            "{a:?}"
        );
    }

    #[test]
    fn how_many_days_before_asks_for_an_offset() {
        let text = "The swap took place a week after the Istanbul talks. \
                    The Istanbul talks were a brief two-hour meeting.";
        let (kb, index) = crate::index::of_article(text);
        let low = low_bar();
        let a = ask(
            &kb,
            &index,
            "How many days before the swap were the Istanbul talks?",
            low,
        );
        assert!(
            a.quote
                .as_deref()
                .is_some_and(|q| q.contains("a week after")),
            "{a:?}"
        );
    }

    #[test]
    fn the_value_asked_for_counts_when_it_stands_by_the_question_words() {
        let text = "The plant, which opened in 1987, builds hatchbacks.\n\n\
                    In 2016 the owners, after a long dispute with the unions over pay and pensions, sold the plant.";
        let (_, index) = crate::index::of_article(text);
        let near = |q: &str, d: u32| {
            let query = index.query(q);
            let doc = index.doc(d);
            value_near(&query, doc, &asked_value_positions(&query, doc, &[]))
        };
        assert_eq!(near("When did the plant open?", 0), 1.0);
        let far = near("When was the plant sold?", 1);
        assert!(far > 0.0 && far < 1.0, "{far}");
        // No value of the kind asked: nothing stands near.
        assert_eq!(near("How many hatchbacks does the plant build?", 0), 0.0);
        assert_eq!(near("Who opened the plant?", 0), 0.0);
    }

    #[test]
    fn a_month_is_part_of_a_date_not_a_name() {
        let (_, index) = crate::index::of_article(
            "Repairs began in March 2024, when parts arrived from a foundry in Sheffield.",
        );
        let names: Vec<&str> = index
            .doc(0)
            .entities
            .iter()
            .map(|e| index.term_name(e.term))
            .collect();
        assert_eq!(names, ["sheffield"]);
    }

    #[test]
    fn a_date_a_state_lasts_until_answers_how_long() {
        let (_, index) = crate::index::of_article(
            "Rainfall is likely to stay below average until at least the end of October.\n\n\
             Rainfall stayed below average in October.",
        );
        let query = index.query("How long will rainfall stay below average?");
        assert!(has_kind(&query, index.doc(0), &[]));
        assert!(
            !has_kind(&query, index.doc(1), &[]),
            "a date alone is no length of time"
        );
    }

    #[test]
    fn how_many_counts_things_not_measures() {
        let (kb, index) = crate::index::of_article(
            "Around 300 workers will be offered jobs at the engine plant in Bramcote, 40 miles away.\n\n\
             The depot in Lenford is 40 miles away.",
        );
        let a = ask(
            &kb,
            &index,
            "How many jobs will the Bramcote engine plant offer?",
            low_bar(),
        );
        assert_eq!(a.answer.as_deref(), Some("300 workers."), "{a:?}");
        let how_many = index.query("How many jobs are at the Lenford depot?");
        assert!(
            !has_kind(&how_many, index.doc(1), &[]),
            "a length counts no jobs"
        );
        let miles = index.query("How many miles away is the Lenford depot?");
        assert!(
            has_kind(&miles, index.doc(1), &[]),
            "unless miles are counted"
        );
    }

    #[test]
    fn how_many_of_two_nouns_gives_both_counts_and_one_noun_its_own() {
        let (kb, index) = crate::index::of_article(
            "There were 47 passengers and three crew on board when the carriage tipped over.",
        );
        let short = |q: &str| ask(&kb, &index, q, low_bar()).answer;
        assert_eq!(
            short("How many passengers and crew were on board the train?").as_deref(),
            Some("47 passengers and three crew.")
        );
        assert_eq!(
            short("How many passengers were on board?").as_deref(),
            Some("47 passengers.")
        );
    }

    #[test]
    fn an_age_between_commas_after_a_name_answers_how_old_only() {
        let (kb, index) = crate::index::of_article(
            "Holiday cottage owner Rachel Dunmore, 44, said bookings had fallen since June.",
        );
        let a = ask(&kb, &index, "How old is Rachel Dunmore?", low_bar());
        assert_eq!(a.answer.as_deref(), Some("44."), "{a:?}");
        let query = index.query("How many bookings did Rachel Dunmore lose?");
        assert!(
            !has_kind(&query, index.doc(0), &[]),
            "an age counts nothing"
        );
        // A length of time beside the age is no age.
        let (kb, index) = crate::index::of_article(
            "But Tom Reddy, 38, a father of three, said families were waiting up to three weeks for a GP appointment.",
        );
        let a = ask(&kb, &index, "How old is the father of three?", low_bar());
        assert_eq!(a.answer.as_deref(), Some("38."), "{a:?}");
    }

    #[test]
    fn where_takes_in_the_nouns_after_a_name_after_the() {
        let (kb, index) = crate::index::of_article(
            "About 230 residents spent Thursday night at the Hollinbury leisure centre, which was opened as a rest centre.",
        );
        let a = ask(
            &kb,
            &index,
            "Where did the residents spend Thursday night?",
            low_bar(),
        );
        assert_eq!(
            a.answer.as_deref(),
            Some("Hollinbury leisure centre."),
            "{a:?}"
        );
        // Without "the", the name is the place.
        let (kb, index) =
            crate::index::of_article("The talks were held in Istanbul following a phone call.");
        let a = ask(&kb, &index, "Where were the talks held?", low_bar());
        assert_eq!(a.answer.as_deref(), Some("Istanbul."), "{a:?}");
    }

    #[test]
    fn how_many_of_asks_for_the_part() {
        let (kb, index) = crate::index::of_article(
            "The head teacher said 27 of his school's 64 chemistry candidates had been given the wrong grade.",
        );
        let a = ask(
            &kb,
            &index,
            "How many of the school's chemistry candidates had been given the wrong grade?",
            low_bar(),
        );
        assert_eq!(a.answer.as_deref(), Some("27."), "{a:?}");
    }

    #[test]
    fn a_name_goes_on_over_of_and_and() {
        let (kb, index) = crate::index::of_article(
            "The rail link was shut.\n\n\
             The Rail and Transport Workers' Union, which represents the driver, criticised the delay.\n\n\
             Interest rates were raised on Thursday by the Bank of England.",
        );
        let short = |q: &str| ask(&kb, &index, q, low_bar()).answer;
        assert_eq!(
            short("Which union represents the driver?").as_deref(),
            Some("Rail and Transport Workers' Union.")
        );
        assert_eq!(
            short("Who raised interest rates?").as_deref(),
            Some("Bank of England.")
        );
    }

    #[test]
    fn what_kind_of_asks_for_the_word_before_the_noun() {
        let (kb, index) = crate::index::of_article(
            "Escaped red panda found up a tree\n\n\
             The red panda was recaptured on Monday in a sycamore tree in the park.",
        );
        let a = ask(
            &kb,
            &index,
            "wat kind of tree was the red panda found in",
            low_bar(),
        );
        assert_eq!(a.answer.as_deref(), Some("Sycamore tree."), "{a:?}");
        let query = index.query("What kind of tree was the panda found in?");
        assert!(
            !has_kind(&query, index.doc(0), &[]),
            "'a tree' names no kind"
        );
    }
}
