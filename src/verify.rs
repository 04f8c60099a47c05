//! Verification: is a statement supported, contradicted, or not in the
//! source at all?
//!
//! A claim can only decide a statement it is about: it must cover the
//! statement's words (numbers and names aside) as well as `verify` demands,
//! or, for a statement in other words, the fitted aboutness model
//! ([`about`]) must find it likely enough to be what the statement is
//! about. Then its values are compared one by one — counts, durations,
//! dates, names — and its polarity (negation, opposites). A value the claim
//! does not state at all is not a contradiction: the source simply does not
//! say.

use crate::text::words::word_lists;
use std::cell::OnceCell;
use std::collections::HashSet;
use std::ops::Range;
use std::sync::OnceLock;

use serde::Serialize;

use crate::answer::{coverage, round, Purpose, Thresholds, CANDIDATES};
use crate::explain::Explanation;
use crate::index::names::{self, NameKind};
use crate::index::query::Query;
use crate::index::values::{self, TextValues};
use crate::index::{field, Doc, DocKind, Index, TermId};
use crate::knowledge::KnowledgeBase;
use crate::lexicon::{Link, WordId, COMMON_WORD_ZIPF};
use crate::text::{Token, TokenKind};

mod about;

pub use about::{AboutFeatures, NAMES as ABOUT_NAMES};

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
#[derive(Debug, Clone, PartialEq, Serialize)]
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
    /// Another value than the statement's (when, who, how many, how long),
    /// found whatever words of the statement the claim lacks, or the
    /// opposite of one of its words ("accepted" for "rejected").
    differs: Option<Finding>,
    /// The finding of every check but [`uncovered`]: what the claim says
    /// if it is about the statement in other words.
    relaxed: Finding,
    /// What the claim's match with the statement looks like, for the
    /// aboutness model, and the probability it gives that the claim is the
    /// one the statement is about.
    features: AboutFeatures,
    about: f32,
    /// Whether the claim holds every name of the statement.
    holds_names: bool,
    /// What the claim says when another name in it contradicts the
    /// statement's and that is set aside ([`NAMED_ELSEWHERE`]): that it
    /// does not mention the statement's.
    unnamed: Option<Finding>,
    /// How the claim covers the statement, word by word; its own words'
    /// share (not its context's) is `exact + linked`.
    cov: crate::answer::Coverage,
}

/// Reads the aboutness model now, so that no statement waits for it.
pub fn prepare() {
    about::model();
}

pub fn verify(
    kb: &KnowledgeBase,
    index: &Index,
    statement: &str,
    thresholds: Thresholds,
) -> Verification {
    let reading = Reading::of(index, statement);
    let decision = decide(index, &reading, thresholds, true);
    verification(kb, index, &reading, &decision, thresholds)
}

/// One judged claim as the aboutness model sees it: for fitting.
#[derive(Debug, Clone, Serialize)]
pub struct Judged {
    /// The claim's index in the knowledge base.
    pub claim: u32,
    pub features: AboutFeatures,
    /// What it says of the statement if it is about it.
    pub relaxed: Verdict,
    /// Why, as a member would read it.
    pub relaxed_why: String,
    /// Whether it says something against the statement told in other words.
    pub differs: bool,
}

/// The verdict on a statement and the claims judged for it.
pub fn judged(
    kb: &KnowledgeBase,
    index: &Index,
    statement: &str,
    thresholds: Thresholds,
) -> (Verification, Vec<Judged>) {
    let reading = Reading::of(index, statement);
    // The verdict without the model: what it is fitted to add to.
    let decision = decide(index, &reading, thresholds, false);
    let v = verification(kb, index, &reading, &decision, thresholds);
    let judged = decision
        .judged
        .iter()
        .map(|j| Judged {
            claim: index.doc(j.doc).claim,
            features: j.features,
            relaxed: j.relaxed.verdict(),
            relaxed_why: j.relaxed.wording(),
            differs: j.differs.is_some(),
        })
        .collect();
    (v, judged)
}

/// The verdict on a statement and why: the same judgements and choice as
/// [`verify`], described step by step.
pub fn explain(
    kb: &KnowledgeBase,
    index: &Index,
    statement: &str,
    thresholds: Thresholds,
) -> (Verification, Explanation) {
    let reading = Reading::of(index, statement);
    let decision = decide(index, &reading, thresholds, true);
    let v = verification(kb, index, &reading, &decision, thresholds);
    let mut why = Explanation::valued(
        format!("{}: {}", v.verdict.as_str(), v.explanation),
        v.confidence,
    );
    let stated = &reading.stated;
    why.push(
        Explanation::new("statement").with(
            reading
                .query
                .terms
                .iter()
                .map(|t| {
                    let compared = t.number.is_some() || reading.value_positions.contains(&t.at);
                    Explanation::new(format!(
                        "{} → {}{}{}",
                        t.word,
                        t.name,
                        if t.name_like { " (name)" } else { "" },
                        if compared {
                            " (a value: compared, not covered)"
                        } else {
                            ""
                        }
                    ))
                })
                .chain(
                    (!stated.durations.is_empty() || !stated.dates.is_empty()).then(|| {
                        Explanation::new(format!(
                            "values: {} duration(s), {} date(s)",
                            stated.durations.len(),
                            stated.dates.len()
                        ))
                    }),
                ),
        ),
    );
    why.push(Explanation::new(format!(
        "chosen: {}",
        decision.route.describe()
    )));
    let shown = decision.pick.iter().chain(
        decision
            .judged
            .iter()
            .filter(|j| decision.pick.as_ref().is_none_or(|p| p.doc != j.doc)),
    );
    for j in shown.take(EXPLAINED) {
        let claim = &kb.claims[index.doc(j.doc).claim as usize];
        why.push(
            Explanation::valued(
                format!("claim {}: {}", claim.id, j.verdict.as_str()),
                j.coverage,
            )
            .with([
                Explanation::new(format!("quote: {}", claim.quote)),
                crate::answer::coverage_explanation(
                    index,
                    &reading.query,
                    &j.cov,
                    "coverage of the statement's weight",
                ),
                Explanation::new(format!("finding: {}", j.explanation)),
                Explanation::valued(
                    format!(
                        "probability it is what the statement is about (if so: {})",
                        j.relaxed.wording()
                    ),
                    j.about,
                ),
            ]),
        );
    }
    (v, why)
}

/// How many of the judged claims an explanation describes.
const EXPLAINED: usize = 3;

/// A statement as the checks read it: its terms, and the values compared
/// as values (durations, dates) rather than as words.
struct Reading {
    query: Query,
    stated: TextValues,
    value_positions: Vec<usize>,
    /// That a person holds a post, if the statement says so.
    post: Option<Post>,
    /// The changes it tells, with their direction ([`directions`]).
    changes: Vec<Change>,
}

impl Reading {
    fn of(index: &Index, statement: &str) -> Reading {
        let query = index.query(statement);
        let mut stated = values::extract(&query.tokens);
        // A share worked out from a statement's part and whole is no
        // figure it states: its two numbers are compared.
        stated.counts.retain(|c| !c.derived);
        let value_positions = value_token_positions(&query.tokens, &stated);
        let post = Post::read(&query);
        let words: Vec<&str> = query.tokens.iter().map(|t| t.word.as_str()).collect();
        let changes = directions(&words);
        Reading {
            query,
            stated,
            value_positions,
            post,
            changes,
        }
    }
}

/// How the deciding claim was chosen.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Route {
    /// The best-covering claim that agrees.
    Supported,
    /// The best-covering claim that disagrees.
    Contradicted,
    /// Both, the agreeing one covering nearly as much ([`SUPPORT_MARGIN`]).
    SupportedOverContradicted,
    /// Both, the disagreeing one covering clearly more.
    ContradictedOverSupported,
    /// No claim covers enough; one close in meaning states another value.
    InOtherWords,
    /// No claim covers enough; the aboutness model finds one the statement
    /// is about in other words, and its values and polarity decide.
    About,
    /// No claim decides.
    Undecided,
}

impl Route {
    fn describe(self) -> String {
        match self {
            Route::Supported => "the best-covering claim that agrees".into(),
            Route::Contradicted => "the best-covering claim that disagrees".into(),
            Route::SupportedOverContradicted => format!(
                "an agreeing claim over a disagreeing one that covers at most {SUPPORT_MARGIN} more"
            ),
            Route::ContradictedOverSupported => format!(
                "a disagreeing claim covering more than {SUPPORT_MARGIN} beyond the agreeing one"
            ),
            Route::InOtherWords => format!(
                "in other words: no claim covers enough; the closest in meaning (≥ {MEANING_SIMILARITY}) states another value"
            ),
            Route::About => {
                let t = about::model().1;
                let bar = |t: f32| {
                    if t < 1.0 {
                        format!("≥ {t}")
                    } else {
                        "never".to_string()
                    }
                };
                format!(
                    "about in other words: no claim covers enough; the likeliest to be what the statement is about ({} to support, {} to contradict) is judged on its values and polarity",
                    bar(t.supported),
                    bar(t.contradicted)
                )
            }
            Route::Undecided => "none: no claim covers enough to decide".into(),
        }
    }
}

/// The claims judged, best-covering first, and the one that decides.
struct Decision {
    judged: Vec<Judgement>,
    pick: Option<Judgement>,
    route: Route,
}

fn decide(index: &Index, reading: &Reading, thresholds: Thresholds, with_model: bool) -> Decision {
    let query = &reading.query;
    let mut weights = crate::answer::Weights::default();
    let mut checked: Vec<Checked> = index
        .candidates(query, CANDIDATES)
        .into_iter()
        .map(|d| {
            let w = weights.of(index, query, index.doc(d).source);
            check(index, reading, w, d)
        })
        .collect();
    checked.sort_by(|a, b| {
        let share = |c: &Checked| c.case.cov.share;
        share(b)
            .total_cmp(&share(a))
            .then(a.case.doc_id.cmp(&b.case.doc_id))
    });
    checked.truncate(JUDGED);
    // Only the claims kept are judged in full: what they say if the
    // statement is about them in other words, and how likely that is.
    let mut judged: Vec<Judgement> = checked.into_iter().map(judge).collect();
    named_elsewhere(&mut judged);

    let decided = |v: Verdict| {
        judged
            .iter()
            .filter(|j| j.verdict == v && j.coverage >= thresholds.verify)
            .max_by(|a, b| a.coverage.total_cmp(&b.coverage))
    };
    let (pick, route) = match (decided(Verdict::Supported), decided(Verdict::Contradicted)) {
        (Some(s), Some(c)) if s.coverage + SUPPORT_MARGIN >= c.coverage => {
            (Some(s.clone()), Route::SupportedOverContradicted)
        }
        (Some(_), Some(c)) => (Some(c.clone()), Route::ContradictedOverSupported),
        (Some(s), None) => (Some(s.clone()), Route::Supported),
        (None, Some(c)) => (Some(c.clone()), Route::Contradicted),
        (None, None) => match in_other_words(index, query, &judged) {
            Some(j) => (Some(j), Route::InOtherWords),
            None => match in_other_words_about(&judged).filter(|_| with_model) {
                Some(j) => (Some(j), Route::About),
                None => (None, Route::Undecided),
            },
        },
    };
    Decision {
        judged,
        pick,
        route,
    }
}

/// How much less of the statement another claim may cover and still, by
/// holding the statement's names, set aside a claim's other name as a
/// contradiction. Chosen on the tuning sets among 0, 0.05, 0.1 and 0.2:
/// four wrong contradictions fewer and three right more at 0.1.
const NAMED_ELSEWHERE: f32 = 0.1;

/// Another name in a claim contradicts the statement's only when no claim
/// covering the statement about as well holds the statement's names: then
/// the name is the article's, and the claim naming another tells of
/// something else ("pilot whales stranded in Pembrokeshire" is not
/// contradicted by "examinations at a laboratory in Carmarthen" when the
/// headline has them stranded on a Pembrokeshire beach).
fn named_elsewhere(judged: &mut [Judgement]) {
    let holding: Vec<(u32, f32)> = judged
        .iter()
        .filter(|j| j.holds_names)
        .map(|j| (j.doc, j.coverage))
        .collect();
    for j in judged.iter_mut() {
        let elsewhere = holding
            .iter()
            .any(|&(doc, coverage)| doc != j.doc && coverage + NAMED_ELSEWHERE >= j.coverage);
        if j.verdict != Verdict::Contradicted || !elsewhere {
            continue;
        }
        if let Some(missing) = j.unnamed.take() {
            j.verdict = missing.verdict();
            j.explanation = missing.wording();
            j.differs = None;
            j.relaxed = missing;
        }
    }
}

/// The verdict a member reads, from the decision.
fn verification(
    kb: &KnowledgeBase,
    index: &Index,
    reading: &Reading,
    decision: &Decision,
    thresholds: Thresholds,
) -> Verification {
    match &decision.pick {
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
            let best = decision.judged.first();
            let explanation = match best {
                Some(j) if j.coverage >= thresholds.verify => j.explanation.clone(),
                _ => not_mentioned(
                    index,
                    &reading.query,
                    best.map(|j| j.doc),
                    &reading.value_positions,
                ),
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

/// The claim closest in meaning among those sharing enough of the
/// statement, as a contradiction when it states another value (see
/// [`MEANING_SIMILARITY`]).
fn in_other_words(index: &Index, query: &Query, judged: &[Judgement]) -> Option<Judgement> {
    let (similarity, j) = judged
        .iter()
        .filter(|j| j.cov.exact + j.cov.linked >= MEANING_COVERAGE)
        .map(|j| (index.similarity(j.doc, query), j))
        .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.doc.cmp(&a.1.doc)))?;
    let differs = j
        .differs
        .as_ref()
        .filter(|_| similarity >= MEANING_SIMILARITY)?;
    Some(Judgement {
        verdict: differs.verdict(),
        explanation: differs.wording(),
        coverage: similarity,
        ..j.clone()
    })
}

/// The claim the aboutness model finds likeliest to be what the statement
/// says in other words, with what its values and polarity say, when the
/// model is sure enough for that verdict ([`about`]).
fn in_other_words_about(judged: &[Judgement]) -> Option<Judgement> {
    let j = judged
        .iter()
        .max_by(|a, b| a.about.total_cmp(&b.about).then(b.doc.cmp(&a.doc)))?;
    let t = about::model().1;
    let needed = match j.relaxed.verdict() {
        Verdict::Supported => t.supported,
        Verdict::Contradicted => t.contradicted,
        Verdict::NotFound => return None,
    };
    (j.about >= needed).then(|| Judgement {
        verdict: j.relaxed.verdict(),
        explanation: j.relaxed.wording(),
        coverage: j.about,
        ..j.clone()
    })
}

/// The position of the token a value's surface starts at.
fn first_token(tokens: &[Token], surface: &Range<usize>) -> usize {
    tokens
        .iter()
        .position(|t| t.span.start >= surface.start)
        .unwrap_or(tokens.len())
}

/// Token positions of the statement that belong to a stated duration or
/// date ("three days", "March 2025"): compared as values, not words.
fn value_token_positions(tokens: &[Token], stated: &TextValues) -> Vec<usize> {
    let spans: Vec<&Range<usize>> = stated
        .durations
        .iter()
        .map(|d| &d.surface)
        // "Last year", "this summer" say no date to compare: their words
        // are the claim's to hold.
        .chain(
            stated
                .dates
                .iter()
                .filter(|d| !d.against_now())
                .map(|d| &d.surface),
        )
        // A share in words ("a third", "half"), an age by its decade ("late
        // 60s"), a length, in metres whatever its unit ("a third of a
        // kilometre", "0.34 km").
        .chain(
            stated
                .counts
                .iter()
                .filter(|c| {
                    values::proportion_at(tokens, c.at).is_some()
                        || c.upper.is_some()
                        || c.measure == values::Measure::Length
                })
                .map(|c| &c.surface),
        )
        .collect();
    // "In total", "each": the scope of a stated count, compared with the
    // count (see [`counts`]), not a word the claim must hold.
    let scope_word = |t: &Token| !stated.counts.is_empty() && scope_of(&t.word).is_some();
    // "Fewer than 50", "no more than £1.8m": the bound is compared with the
    // claim's (see [`Bound::allows`]), not a word the claim must hold.
    let bounds: Vec<Range<usize>> = stated
        .counts
        .iter()
        .map(|c| c.at)
        .chain(
            stated
                .durations
                .iter()
                .map(|d| first_token(tokens, &d.surface)),
        )
        .map(|at| {
            let (_, len) = bound_words(tokens[..at].iter().map(|t| t.word.clone()));
            at.saturating_sub(len)..at
        })
        .collect();
    let bound_word = |i: usize| bounds.iter().any(|b| b.contains(&i));
    // "Old" of "an 84 year old woman" is part of the age.
    let of_age = |i: usize| {
        tokens[i].word == "old"
            && i.checked_sub(1).is_some_and(|p| {
                stated
                    .durations
                    .iter()
                    .any(|d| tokens[p].span.end == d.surface.end)
            })
    };
    tokens
        .iter()
        .enumerate()
        .filter(|&(i, t)| {
            scope_word(t)
                || bound_word(i)
                || of_age(i)
                || spans
                    .iter()
                    .any(|s| t.span.start >= s.start && t.span.end <= s.end)
        })
        .map(|(i, _)| i)
        .collect()
}

/// What a check found about a statement against one claim; the wording a
/// member reads is made from it in one place ([`Finding::wording`]).
#[derive(Debug, Clone)]
enum Finding {
    /// The claim says so.
    Agrees,
    /// The claim states another value: (its text, the statement's text).
    Differs { said: String, stated: String },
    /// The claim is about the statement but does not give this.
    Missing(Lacks),
    /// The claim says the opposite: a word, or a negation.
    Opposite {
        said: Option<String>,
        stated: Option<String>,
        negated: bool,
    },
    /// The claim only says it might be so, or only gives a bound.
    Hedged { said: String },
}

#[derive(Debug, Clone)]
enum Lacks {
    Number(Option<String>),
    Duration,
    Date,
    Weekday,
    Names(Vec<String>),
    Words(Vec<String>),
}

impl Finding {
    fn verdict(&self) -> Verdict {
        match self {
            Finding::Agrees => Verdict::Supported,
            Finding::Missing(_) => Verdict::NotFound,
            Finding::Differs { .. } | Finding::Opposite { .. } | Finding::Hedged { .. } => {
                Verdict::Contradicted
            }
        }
    }

    fn wording(&self) -> String {
        match self {
            Finding::Agrees => "The source says so.".to_string(),
            Finding::Differs { said, stated } => format!("The source says {said}, not {stated}."),
            Finding::Missing(Lacks::Number(Some(what))) => {
                format!("The source gives no number of {what}.")
            }
            Finding::Missing(Lacks::Number(None)) => "The source gives no number for this.".into(),
            Finding::Missing(Lacks::Duration) => "The source does not say how long.".into(),
            Finding::Missing(Lacks::Date) => "The source does not give that date.".into(),
            Finding::Missing(Lacks::Weekday) => "The source does not say on which day.".into(),
            Finding::Missing(Lacks::Names(names)) => {
                format!("The source does not mention {}.", names.join(" or "))
            }
            Finding::Missing(Lacks::Words(words)) => format!(
                "The source does not say that: nothing about {}.",
                words
                    .iter()
                    .take(3)
                    .map(|w| format!("\"{w}\""))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Finding::Opposite {
                said: Some(said),
                stated: Some(stated),
                ..
            } => format!("The source says {said}, not {stated}."),
            Finding::Opposite { negated: true, .. } => {
                "The source says the opposite: it states this did not happen.".into()
            }
            Finding::Opposite { .. } => {
                "The source says the opposite: it does not state a negation.".into()
            }
            Finding::Hedged { said } => {
                format!("The source only says \"{said}\", not that it is certain.")
            }
        }
    }
}

/// One statement read against one claim: what the checks look at.
struct Case<'a> {
    index: &'a Index,
    query: &'a Query,
    doc: &'a Doc,
    doc_id: u32,
    stated: &'a TextValues,
    post: Option<&'a Post>,
    /// The changes the statement tells.
    changes: &'a [Change],
    /// The changes the claim tells, read when a check first asks
    /// ([`Case::claim_changes`]).
    claim_changes: OnceCell<Vec<Change>>,
    /// Statement names (their terms, a name of several words together)
    /// the claim does not mention, [`unresolved_names`].
    unmatched_names: Vec<Vec<usize>>,
    cov: crate::answer::Coverage,
}

impl Case<'_> {
    /// The changes the claim tells ([`directions`]), read once for the
    /// checks that compare them.
    fn claim_changes(&self) -> &[Change] {
        self.claim_changes.get_or_init(|| {
            let words: Vec<String> = self
                .doc
                .tokens
                .iter()
                .map(|t| text_of(self.doc, &t.span()).to_lowercase())
                .collect();
            let words: Vec<&str> = words.iter().map(String::as_str).collect();
            directions(&words)
        })
    }

    /// Whether a span of the statement lies within a date it states ("in
    /// May", "by Tuesday").
    fn in_stated_date(&self, span: &Range<usize>) -> bool {
        self.stated
            .dates
            .iter()
            .any(|d| d.surface.start <= span.start && span.end <= d.surface.end)
    }
}

/// A check: `None` when it has nothing to say, so the next one runs.
type Check = fn(&Case) -> Option<Finding>;

/// The checks, in order: when (another date decides); whether the claim
/// holds every meaningful word of the statement (else it is about something
/// else, and another name or number in it says nothing); then who, values,
/// hedges and polarity; last, whether a place stands where the claim puts
/// it. The first that finds something decides.
const CHECKS: &[Check] = &[
    dates, weekdays, holders, uncovered, names, usual, counts, durations, ordinals, hedges, bounds,
    polarity, direction, endpoints, roles, agents, subjects,
];

/// Every check but whether the claim holds every meaningful word: what a
/// claim says of the statement when it is about it in other words.
const RELAXED_CHECKS: &[Check] = &[
    dates, weekdays, names, usual, counts, durations, ordinals, totality, hedges, bounds, polarity,
    direction, unchanged, endpoints, roles, agents, subjects, speakers, opposed,
];

/// The checks of values alone: when, who, how many, how long.
const VALUE_CHECKS: &[Check] = &[dates, weekdays, names, counts, durations];

/// The checks of values other than names: when, how many, how long.
const OWN_VALUE_CHECKS: &[Check] = &[dates, weekdays, counts, durations];

/// A statement in other words than the source's ("780 people walked free"
/// for "each side releasing 390 people") shares too few of the claim's
/// words to be judged by them. When nothing else is found, a claim whose
/// own words share at least MEANING_COVERAGE of the statement's weight and whose
/// meaning is at least MEANING_SIMILARITY close to it (cosine of the word
/// vectors) contradicts it if it states another value of the same kind or
/// the opposite of a statement word.
/// Never "supported": agreement needs every meaningful word covered.
/// Chosen on the tuning sets from 0.3-0.6 × 0.4-0.6: +6 verdicts right, 1
/// wrong; lower similarities let in contradictions that are not.
const MEANING_COVERAGE: f32 = 0.5;
const MEANING_SIMILARITY: f32 = 0.5;

/// One candidate claim read against the statement by the checks: what it
/// covers, and the first check's finding and which check made it.
struct Checked<'a> {
    case: Case<'a>,
    by: Option<Check>,
    finding: Finding,
}

fn check<'a>(index: &'a Index, reading: &'a Reading, weights: &[f32], d: u32) -> Checked<'a> {
    let (query, stated, value_positions) =
        (&reading.query, &reading.stated, &reading.value_positions);
    let doc = index.doc(d);
    let own = field::QUOTE | field::ANSWER | field::PHRASING;
    let in_fields = |qt: &crate::index::QueryTerm, fields: u8| {
        qt.expansions.iter().any(|e| doc.fields(e.0) & fields != 0)
    };
    let in_doc = |qt: &crate::index::QueryTerm| in_fields(qt, own);
    // The name the claim's opening words stand for ("Its chair…", "A bike
    // maker has recalled…" before "Voltaro Cycles said…") is the claim's.
    let named = |qt: &crate::index::QueryTerm| in_fields(qt, own | field::REFERENT);
    let unmatched: Vec<usize> = query
        .terms
        .iter()
        .enumerate()
        .filter(|(_, qt)| {
            qt.name_like && qt.number.is_none() && !value_positions.contains(&qt.at) && !named(qt)
        })
        .map(|(i, _)| i)
        .collect();
    let kind = |term: TermId| index.name_kind(doc.source, term);
    let unmatched_names = unresolved_names(
        query,
        doc,
        &unmatched,
        |i| in_fields(&query.terms[i], field::CONTEXT),
        kind,
    );
    // The words of a person said to hold a post are that person's name,
    // whether or not they read as one ("mark delaney").
    let in_name = |qt: &crate::index::QueryTerm| {
        reading
            .post
            .as_ref()
            .is_some_and(|p| query.terms[p.person.clone()].iter().any(|t| t.at == qt.at))
    };
    let cov = coverage(index, query, doc, weights, Purpose::Verify, |qt| {
        qt.number.is_some()
            || value_positions.contains(&qt.at)
            || ((qt.name_like || in_name(qt)) && !in_doc(qt))
    });
    let case = Case {
        index,
        query,
        doc,
        doc_id: d,
        stated,
        post: reading.post.as_ref(),
        changes: &reading.changes,
        claim_changes: OnceCell::new(),
        unmatched_names,
        cov,
    };
    let (by, finding) = CHECKS
        .iter()
        .find_map(|&check| check(&case).map(|f| (Some(check), f)))
        .unwrap_or((None, Finding::Agrees));
    Checked { case, by, finding }
}

/// A kept claim judged in full: the checks' finding, what it says if the
/// statement is about it in other words, and how likely that is.
fn judge(checked: Checked) -> Judgement {
    let Checked { case, by, finding } = checked;
    let made_by = |check: Check| by.is_some_and(|b| std::ptr::fn_addr_eq(b, check));
    // Every check but the words one: the same finding unless that one
    // made it, and then what the checks after it find.
    let relaxed = if made_by(uncovered) && matches!(finding, Finding::Missing(_)) {
        RELAXED_CHECKS
            .iter()
            .find_map(|check| check(&case))
            .unwrap_or(Finding::Agrees)
    } else {
        finding.clone()
    };
    let features = about_features(&case, &relaxed);
    let about = about::model().0.probability(&features);
    // Another name where the statement has one contradicts only when the
    // claim is about what the statement is about: "Veltra employs 12,000
    // people across Europe" is not contradicted by "Veltra Motors will
    // close its factory", whatever names the two share.
    // And only when the rest agrees: a claim that names another and gives
    // another figure, date or length of time ("Glidewell recalled 22,000
    // battery packs" for "Voltaro recalled 38,000 batteries") tells of
    // something else.
    let another_value = || {
        made_by(names)
            && OWN_VALUE_CHECKS
                .iter()
                .any(|check| matches!(check(&case), Some(Finding::Differs { .. })))
    };
    let unnamed = matches!(finding, Finding::Differs { .. } if made_by(names)).then(|| {
        let stated = case
            .unmatched_names
            .iter()
            .map(|g| name_of(case.query, g))
            .collect();
        Finding::Missing(Lacks::Names(stated))
    });
    let finding = match (finding, &unnamed) {
        (Finding::Differs { .. }, Some(missing)) if about < NAME_ABOUT || another_value() => {
            missing.clone()
        }
        (f, _) => f,
    };
    let differs = match &finding {
        Finding::Differs { .. } => Some(finding.clone()),
        // Told in other words, another value contradicts; so does the
        // opposite of a statement word ("rejected the inspectors'
        // conclusions" against "accepted the findings of the inspectors").
        Finding::Missing(Lacks::Words(_)) => VALUE_CHECKS
            .iter()
            .find_map(|check| check(&case))
            .filter(|f| matches!(f, Finding::Differs { .. }))
            .or_else(|| against_in_other_words(case.query, &relaxed)),
        _ => None,
    };
    Judgement {
        doc: case.doc_id,
        coverage: case.cov.share,
        verdict: finding.verdict(),
        explanation: finding.wording(),
        differs,
        relaxed,
        features,
        about,
        holds_names: case.unmatched_names.is_empty(),
        unnamed,
        cov: case.cov,
    }
}

/// Besides another value, what a claim says against a statement told in
/// other words: the opposite of one of its words, or a hedge when the
/// statement insists on certainty ("is definitely putting in £5,000"
/// against "might contribute up to £5,000").
fn against_in_other_words(query: &Query, relaxed: &Finding) -> Option<Finding> {
    let insists = || {
        query
            .tokens
            .iter()
            .any(|t| word_lists().certainty.contains(&t.word.as_str()))
    };
    let against = match relaxed {
        Finding::Opposite { said: Some(_), .. } => true,
        Finding::Hedged { .. } => insists(),
        _ => false,
    };
    against.then(|| relaxed.clone())
}

/// How likely a claim must be to be what a statement is about ([`about`])
/// for another name in it to contradict the statement's. Chosen out of
/// fold on the tuning sets: the four wrong name contradictions there had
/// 0.00-0.06, the right ones 0.18 and more.
const NAME_ABOUT: f32 = 0.12;

/// A statement's name of several words as it writes it: "Gareth Pryce".
fn name_of(query: &Query, group: &[usize]) -> String {
    group
        .iter()
        .map(|&i| title_case(&query.terms[i].word))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The features of one claim's match with a statement (see
/// [`ABOUT_NAMES`]).
fn about_features(case: &Case, relaxed: &Finding) -> AboutFeatures {
    let lacking = lacking(case);
    let english = crate::lexicon::english();
    let information = |w: &str| english.information(w);
    let total: f32 = case
        .query
        .terms
        .iter()
        .filter(|qt| !qt.optional && qt.number.is_none() && !qt.name_like)
        .map(|qt| information(&qt.word))
        .sum();
    let lacking_information: Vec<f32> = lacking.iter().map(|w| information(w)).collect();
    let required = case.query.terms.iter().filter(|t| !t.optional).count();
    let stated_values = case.stated.any_checkable();
    [
        case.cov.share,
        case.cov.exact + case.cov.linked,
        case.cov.linked,
        case.cov.context,
        lacking_information.iter().copied().fold(0.0, f32::max),
        if total > 0.0 {
            lacking_information.iter().sum::<f32>() / total
        } else {
            0.0
        },
        1.0 / (1.0 + lacking.len() as f32),
        f32::from(!case.unmatched_names.is_empty()),
        case.index.similarity(case.doc_id, case.query).max(0.0),
        f32::from(stated_values && matches!(relaxed, Finding::Agrees)),
        f32::from(matches!(relaxed, Finding::Differs { .. })),
        1.0 / (1.0 + required as f32),
    ]
}

/// A value the claim gives for what is usual ("it would normally be around
/// 74% full") says nothing of what is, unless the statement speaks of the
/// usual too.
fn usual(case: &Case) -> Option<Finding> {
    let (doc, query) = (case.doc, case.query);
    if case.stated.counts.is_empty() && case.stated.durations.is_empty() {
        return None;
    }
    let habitual = |w: &str| word_lists().habitual.contains(&w);
    if query.tokens.iter().any(|t| habitual(&t.word)) {
        return None;
    }
    let clause = main_clause(doc, &case.cov.hit_terms)?;
    clause
        .iter()
        .any(|&i| habitual(&text_of(doc, &doc.tokens[i].span()).to_lowercase()))
        .then_some(Finding::Missing(Lacks::Number(None)))
}

/// Counts: a count of the same thing with another value contradicts.
fn counts(case: &Case) -> Option<Finding> {
    let (doc, query) = (case.doc, case.query);
    for count in case.stated.counts.iter() {
        // "In his late 60s" agrees with any age from 66 to 69.
        if let Some(most) = count.upper {
            match ages_differ(doc, query, (count.value, most), &count.surface) {
                Some(finding) => return Some(finding),
                None => continue,
            }
        }
        // (A claim's range of ages is compared only as an age, above and
        // in `durations`.)
        let claim_counts: Vec<&values::Count> = doc
            .values
            .counts
            .iter()
            .filter(|c| c.comparable(count) && c.upper.is_none())
            .collect();
        // A count compares only with a count of the same thing: "50
        // journalists" says nothing against "390 people". The statement's
        // noun must be, or reach, one of the two words after the claim's
        // number ("270 military personnel").
        let unit = count
            .unit
            .as_deref()
            .and_then(|u| query.terms.iter().find(|t| t.name == u));
        // Either side may name it in a compound or past "of": "50 measles
        // cases" counts what "47 cases of measles" does, "12 of the
        // panels" what "eight of those panels" does. The statement's
        // other words must be the claim's as written ("10,000 people ran"
        // counts no runners).
        let also_stated: Vec<&str> = unit
            .map(|qt| {
                query
                    .terms
                    .iter()
                    .filter(|t| count.counted.contains(&t.at) && t.at != qt.at)
                    .map(|t| t.name.as_str())
                    .collect()
            })
            .unwrap_or_default();
        // A length in another unit, compared in metres, bears a statement
        // out ("about half a mile" is "800 metres"); it does not contradict
        // one, as nothing but the unit said what it measured ("384,000 km"
        // is no depth of "three metres").
        let length_agrees = |c: &values::Count| {
            count.measure == values::Measure::Length
                && c.measure == values::Measure::Length
                && Bound::About.allows(count.value, Bound::Exact, c.value)
        };
        let counts_same_thing = |c: &values::Count| {
            length_agrees(c)
                || unit.is_none_or(|qt| {
                    let term = |j: usize| doc.tokens.get(j).and_then(|t| t.term);
                    let claim_nouns = || {
                        c.counted.clone().filter(|&j| {
                            doc.tokens
                                .get(j)
                                .is_some_and(|t| t.kind == DocKind::Content)
                        })
                    };
                    let also = |j: usize| {
                        term(j).is_some_and(|t| also_stated.contains(&case.index.term_name(t)))
                    };
                    (c.at + 1..=c.at + 2)
                        .chain(claim_nouns())
                        .any(|j| term(j).is_some_and(|t| qt.names_same(t)))
                        || claim_nouns().any(also)
                })
        };
        // "Over 2,000" agrees with "more than 2,300", "more than 30" with
        // 34, when they count the same thing: "fewer than 50 passengers"
        // is not borne out by a passenger aged 34.
        let (stated_bound, bound_len) =
            bound_words(query.tokens[..count.at].iter().map(|t| t.word.clone()));
        // "A third", "nine in ten" are round figures: about so much.
        let fraction = values::proportion_at(&query.tokens, count.at).is_some()
            || values::fraction_of_unit(&query.tokens, count.at).is_some();
        // So is a length against one in another unit: "0.5 miles" is
        // about "800 metres".
        let converted = count.measure == values::Measure::Length
            && claim_counts
                .iter()
                .any(|c| c.measure == values::Measure::Length && c.unit != count.unit);
        let stated_bound = match stated_bound {
            Bound::Exact if fraction || converted => Bound::About,
            b => b,
        };
        if stated_bound != Bound::Exact {
            // A sum of money is bounded only by a sum of money: a bare
            // number can be a fee when it is equal ("a fee of 68m"), but
            // any number is under "less than £10,000".
            let money = count.measure == values::Measure::Money;
            let bounds = |c: &values::Count| !money || c.measure == values::Measure::Money;
            let allowed = |c: &values::Count| {
                if count.measure == values::Measure::Temperature {
                    stated_bound.allows_degrees(count.value, claim_bound(doc, c.at), c.value)
                } else {
                    stated_bound.allows(count.value, claim_bound(doc, c.at), c.value)
                }
            };
            let agreeing = claim_counts
                .iter()
                .find(|c| bounds(c) && counts_same_thing(c) && allowed(c));
            if let Some(agreeing) = agreeing {
                // "Cost about £12,300" against "had cost about £8,500 …
                // and an appeal had raised £12,300": the sum that agrees
                // is another thing's.
                let stops: Vec<usize> = claim_counts.iter().map(|c| c.at).collect();
                let other = claim_counts.iter().find(|c| {
                    same_kind(c, agreeing)
                        && !allowed(c)
                        && own_stretch(case, c.at, &stops) > own_stretch(case, agreeing.at, &stops)
                });
                if let Some(other) = other {
                    return Some(differs(doc, &other.surface, query, &count.surface));
                }
                continue;
            }
            if !claim_counts.iter().any(|c| bounds(c)) {
                return Some(Finding::Missing(Lacks::Number(None)));
            }
        }
        if let Some(equal) = claim_counts
            .iter()
            .find(|c| same_as_written(query, count, c.value))
        {
            // "Turnout was 91%" against "turnout … was 78%, and 91% of
            // those who voted backed it": the equal number is another
            // thing's; the number the statement's words stand around is 78%.
            // "All 23 tenants have been rehoused" against "19 of the 23
            // tenants had been rehoused": the equal number is the whole the
            // claim counts a part of, unless the statement counts a part
            // of it too.
            if let Some(part) = part_of(doc, equal, &claim_counts) {
                if whole_before(query.tokens[..count.at].iter().map(|t| t.word.clone())).is_none() {
                    return Some(differs(doc, &part.surface, query, &count.surface));
                }
            }
            // And "£3.2m for its extension" against "£3.2m towards local
            // services, including £1.45m for a 60-place extension": the
            // words after a number, up to the next, say what it is for.
            let stops: Vec<usize> = claim_counts.iter().map(|c| c.at).collect();
            // ("7-4" against "voted seven to four": the other number is
            // the statement's too.)
            let stated_too = |c: &values::Count| {
                case.stated
                    .counts
                    .iter()
                    .any(|s| same_as_written(query, s, c.value))
            };
            let other = claim_counts.iter().find(|c| {
                !same_as_written(query, count, c.value)
                    && !stated_too(c)
                    && same_kind(c, equal)
                    && own_stretch(case, c.at, &stops) > own_stretch(case, equal.at, &stops)
            });
            if let Some(other) = other {
                return Some(differs(doc, &other.surface, query, &count.surface));
            }
            // "A £10k grant" against "a £10,000 loan": the same sum, but
            // of another thing, when each names what it is right after it
            // and the claim has no word for the statement's.
            let claim_names_it = doc
                .tokens
                .get(equal.at + 1)
                .is_some_and(|t| t.term.is_some() && t.kind == crate::index::DocKind::Content);
            if let Some(qt) = unit.filter(|_| claim_names_it && !counts_same_thing(equal)) {
                if lacking(case).contains(&qt.word) {
                    return Some(Finding::Missing(Lacks::Number(Some(qt.word.clone()))));
                }
            }
            // "390 in total" against "each side releasing 390 people".
            let stated_scope = query.tokens.iter().find_map(|t| scope_of(&t.word));
            if let Some((said_scope, marker)) = claim_scope(doc, equal.at) {
                if stated_scope.is_some_and(|s| s != said_scope) {
                    let said =
                        marker.start.min(equal.surface.start)..marker.end.max(equal.surface.end);
                    return Some(differs(doc, &said, query, &count.surface));
                }
            }
            continue;
        }
        // A bare number the claim writes as a length of time or a measure
        // ("about 28 on average" against "an average of 28 hours"): the
        // same figure.
        // Numbers are indexed by value ("#28"), whether written "28" or
        // "twenty-eight".
        let written = |value: f64| {
            let term = crate::text::numbers::term(value);
            doc.tokens.iter().any(|t| {
                t.kind == crate::index::DocKind::Number
                    && t.term.is_some_and(|id| case.index.term_name(id) == term)
            })
        };
        if count.unit.is_none() && count.measure == values::Measure::Count && written(count.value) {
            continue;
        }
        if claim_counts.is_empty() {
            return Some(Finding::Missing(Lacks::Number(None)));
        }
        let Some(&partner) = claim_counts.iter().find(|c| counts_same_thing(c)) else {
            return Some(Finding::Missing(Lacks::Number(
                unit.map(|qt| qt.word.clone()),
            )));
        };
        // "The storm killed twelve people" against "crews rescued 57
        // people": people, but counted for another thing.
        let says_what = query.terms.iter().any(|qt| {
            qt.number.is_none() && !qt.name_like && qt.at + bound_len < count.at && !qt.optional
        });
        if says_what && around(case, partner.at) == 0 {
            return Some(Finding::Missing(Lacks::Number(
                unit.map(|qt| qt.word.clone()),
            )));
        }
        // "Fell by 110 members" against "fell from 420 members to 310",
        // "got through by 9 votes" against "by 38 votes to 29": a
        // change or a margin is the difference of two of the claim's values.
        let by = count
            .at
            .checked_sub(bound_len + 1)
            .is_some_and(|i| query.tokens[i].word == "by");
        let difference =
            |a: &values::Count, b: &values::Count| same((a.value - b.value).abs(), count.value);
        if by
            && claim_counts
                .iter()
                .enumerate()
                .any(|(k, a)| claim_counts[k + 1..].iter().any(|b| difference(a, b)))
        {
            continue;
        }
        // "A combined 240" against "120 per side": a total and a count for
        // each compare only through how many there are of each, which the
        // words do not say.
        let stated_scope = query.tokens.iter().find_map(|t| scope_of(&t.word));
        let said_scope = claim_scope(doc, partner.at).map(|(s, _)| s);
        if let (Some(stated), Some(said)) = (stated_scope, said_scope) {
            if stated != said {
                return Some(Finding::Missing(Lacks::Number(
                    unit.map(|qt| qt.word.clone()),
                )));
            }
        }
        return Some(differs(doc, &partner.surface, query, &count.surface));
    }
    None
}

/// Whether two lengths of time are the same. Months and years are no
/// fixed number of days: against weeks or days, they are the same within a
/// tenth ("two months" is "eight weeks", not "six weeks"; "a year" is not
/// "14 months").
fn same_length_of_time(a: f64, b: f64) -> bool {
    // Whole or half months ("a month and a half") are lengths of the
    // calendar, told against weeks and days only roughly.
    let calendar = |s: f64| {
        let halves = 2.0 * s / values::MONTH_SECONDS;
        halves >= 1.99 && (halves - halves.round()).abs() < 1e-6
    };
    let tolerance = if calendar(a) != calendar(b) {
        0.1
    } else {
        0.01
    };
    (a - b).abs() <= tolerance * a.max(b).max(1.0)
}

/// Whether a count is one for each ("per side") or a total ("in total").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scope {
    Each,
    Total,
}

/// The scope a lower-case word gives a count, if it gives one.
fn scope_of(word: &str) -> Option<Scope> {
    let lists = word_lists();
    if lists.each.contains(&word) {
        Some(Scope::Each)
    } else if lists.totals.contains(&word) {
        Some(Scope::Total)
    } else {
        None
    }
}

/// How many words around a claim's count may say its scope: "each side
/// releasing 390 people", "120 civilians per side".
const SCOPE_WINDOW: usize = 3;

/// The scope of the claim's count at `at`, and the word that says it.
fn claim_scope(doc: &Doc, at: usize) -> Option<(Scope, Range<usize>)> {
    let lo = at.saturating_sub(SCOPE_WINDOW);
    let hi = (at + SCOPE_WINDOW + 1).min(doc.tokens.len());
    (lo..hi).find_map(|i| {
        let span = doc.tokens[i].span();
        let word = doc.text.get(span.clone())?.to_lowercase();
        scope_of(&word).map(|s| (s, span))
    })
}

/// How a count is qualified by the words before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Bound {
    Exact,
    /// "more than", "over", "at least".
    AtLeast,
    /// "fewer than", "under", "within".
    AtMost,
    /// "up to", "at most": a limit set, rather than a figure bounded. Two
    /// limits compare as values: "up to 60 nights" is not "up to 40".
    Limit,
    /// "about", "around", "roughly", "nearly".
    About,
}

/// How close "about N" must be: within this share of N.
const ABOUT: f64 = 0.15;
/// How far "about N" reaches from N: to the next round figure of N's own
/// precision ("about 6,300" is 6,200 to 6,400, "about 140" 130 to 150),
/// never more than [`ABOUT`] of it.
fn about_reach(n: f64) -> f64 {
    let n = n.abs();
    let mut unit = 1.0;
    while n >= unit * 10.0 && (n / (unit * 10.0)).fract() == 0.0 {
        unit *= 10.0;
    }
    unit.min(ABOUT * n)
}

/// How far "about" a temperature reaches, in degrees.
const ABOUT_DEGREES: f64 = 1.0;

impl Bound {
    /// Whether a count stated with this bound agrees with the claim's.
    fn allows(self, stated: f64, claim_bound: Bound, claim: f64) -> bool {
        match (self, claim_bound) {
            (Bound::Exact, _) => same(stated, claim),
            (Bound::AtLeast, Bound::Exact | Bound::AtLeast) => claim >= stated,
            (Bound::Limit, Bound::Limit) => same(stated, claim),
            (Bound::AtMost | Bound::Limit, Bound::Exact | Bound::AtMost | Bound::Limit) => {
                claim <= stated
            }
            (Bound::About, Bound::Exact | Bound::About) => {
                (claim - stated).abs() <= ABOUT * stated.abs().max(1.0)
            }
            // A bound agrees with a round figure when the figure's whole
            // reach lies within it: "over 100 homes" with "about 140
            // homes", "over 6,000" with "about 6,300", "fewer than 50"
            // with "around 40".
            (Bound::AtLeast, Bound::About) => claim - about_reach(claim) >= stated,
            (Bound::AtMost, Bound::About) => claim + about_reach(claim) <= stated,
            _ => false,
        }
    }

    /// Whether a temperature stated with this bound agrees with the
    /// claim's: "about" reaches a degree either way, not a share of a scale
    /// whose zero is arbitrary ("about 25C" is not 23C; "about 2C" is 2.5C).
    fn allows_degrees(self, stated: f64, claim_bound: Bound, claim: f64) -> bool {
        match (self, claim_bound) {
            (Bound::About, Bound::Exact | Bound::About) => (claim - stated).abs() <= ABOUT_DEGREES,
            _ => self.allows(stated, claim_bound, claim),
        }
    }
}

/// The bound the claim's words before its number `at` set.
fn claim_bound(doc: &Doc, at: usize) -> Bound {
    bound_before(
        doc.tokens[..at]
            .iter()
            .map(|t| text_of(doc, &t.span()).to_lowercase()),
    )
}

/// The bound the last few words before a number set (lower case).
fn bound_before(words: impl DoubleEndedIterator<Item = String>) -> Bound {
    bound_words(words).0
}

/// The bound the last few words before a number set (lower case), and how
/// many words say it. "No more than" and "not less than" turn the bound
/// round.
fn bound_words(words: impl DoubleEndedIterator<Item = String>) -> (Bound, usize) {
    let last: Vec<String> = words.rev().take(3).collect();
    let w = |i: usize| last.get(i).map_or("", String::as_str);
    let (bound, len) = match (w(1), w(0)) {
        ("more" | "greater", "than") | ("at", "least") => (Bound::AtLeast, 2),
        (_, "over" | "above" | "exceeding") => (Bound::AtLeast, 1),
        // "Going up to £9" tells the new value, not a limit.
        ("up", "to")
            if word_lists()
                .rising
                .iter()
                .any(|r| r.split_once(' ') == Some((w(2), "up"))) =>
        {
            return (Bound::Exact, 0)
        }
        ("fewer" | "less", "than") => (Bound::AtMost, 2),
        ("at", "most") | ("up", "to") => (Bound::Limit, 2),
        (_, "under" | "below" | "within") => (Bound::AtMost, 1),
        (_, word) if word_lists().approximate.contains(&word) => (Bound::About, 1),
        // Last, as it looks the word up in WordNet.
        (_, word) if exceeds(word) => (Bound::AtLeast, 1),
        _ => return (Bound::Exact, 0),
    };
    match (bound, w(len)) {
        (Bound::AtLeast, "no" | "not") if len == 2 => (Bound::AtMost, 3),
        (Bound::AtMost, "no" | "not") if len == 2 => (Bound::AtLeast, 3),
        _ => (bound, len),
    }
}

/// How far before a number its subject may stand ("turnout in the strike
/// ballot, which closed on 3 March, was 78%").
const SUBJECT_REACH: usize = 12;

/// How many of the statement's words (names and numbers aside) stand
/// within a few words before the claim's token `at`: what a number is of.
fn around(case: &Case, at: usize) -> usize {
    words_within(case, at.saturating_sub(SUBJECT_REACH)..at)
}

/// How many of the statement's words (names and numbers aside) the
/// claim's tokens in `range` hold, as written or by a close link (a form,
/// a synonym, a derivation), not by a looser one ("tide" reaches "float"
/// through WordNet).
fn words_within(case: &Case, range: Range<usize>) -> usize {
    use crate::index::query::MatchKind;
    let near: Vec<u32> = case.doc.tokens[range]
        .iter()
        .filter_map(|t| t.term)
        .collect();
    let close = |kind: MatchKind| {
        matches!(
            kind,
            MatchKind::Exact
                | MatchKind::Typo
                | MatchKind::Lemma
                | MatchKind::Related
                | MatchKind::Synonym
                | MatchKind::Derived
        )
    };
    case.query
        .terms
        .iter()
        .filter(|qt| qt.number.is_none() && !qt.name_like)
        .filter(|qt| {
            qt.expansions
                .iter()
                .any(|e| close(e.2) && near.contains(&e.0))
        })
        .count()
}

/// The claim's count that `whole` is the whole of: "19" of "19 of the 23".
fn part_of<'a>(
    doc: &Doc,
    whole: &values::Count,
    counts: &[&'a values::Count],
) -> Option<&'a values::Count> {
    let words = doc.tokens[..whole.at]
        .iter()
        .map(|t| text_of(doc, &t.span()).to_lowercase());
    let of = whole.at.checked_sub(whole_before(words)?)?;
    counts
        .iter()
        .find(|c| c.at + 1 == of && c.measure == whole.measure)
        .copied()
}

/// How many of the words before a number make it the whole of a part
/// ("of the 23", "of 23"), if they do.
fn whole_before(words: impl DoubleEndedIterator<Item = String>) -> Option<usize> {
    let last: Vec<String> = words.rev().take(2).collect();
    let w = |i: usize| last.get(i).map_or("", String::as_str);
    match (w(1), w(0)) {
        (_, "of") => Some(1),
        ("of", "the") => Some(2),
        _ => None,
    }
}

/// Whether two of a claim's numbers are of one kind: counts of the same
/// noun ("390 people"), or sums of money, percentages, lengths.
fn same_kind(a: &values::Count, b: &values::Count) -> bool {
    a.measure == b.measure && (a.measure != values::Measure::Count || a.unit == b.unit)
}

/// How many of the statement's words (names and numbers aside) stand in
/// the claim's stretch of words belonging to the number at token `at`: up
/// to the next number (of those at `stops`), and the few words before it
/// unless another number comes first, whose words they are ("£1.45m for
/// an extension and £420,000 for the health centre").
fn own_stretch(case: &Case, at: usize, stops: &[usize]) -> usize {
    /// How far after a number what it is for may stand.
    const AFTER: usize = 8;
    let len = case.doc.tokens.len();
    let before = at.saturating_sub(SUBJECT_REACH);
    let start = if stops.iter().any(|&s| (before..at).contains(&s)) {
        at
    } else {
        before
    };
    let next = stops.iter().copied().filter(|&s| s > at).min();
    let end = next.unwrap_or(len).min(at + 1 + AFTER).min(len);
    words_within(case, start..end)
}

/// Durations: another length of time contradicts.
fn durations(case: &Case) -> Option<Finding> {
    let (doc, query) = (case.doc, case.query);
    for duration in &case.stated.durations {
        // "An 84 year old woman": an age, compared with the claim's ages
        // ("Margaret Holloway, 84,", "a 46-year-old"), not with how long
        // something took.
        if crate::answer::states_age(&query.text, &duration.surface) {
            let stated = (duration.seconds / values::YEAR_SECONDS).round();
            let finding = ages_differ(doc, query, (stated, stated), &duration.surface);
            if finding.is_none() {
                // "A 34-year-old teacher" is not borne out by "Amy Lowther,
                // 34, a nurse": the age is of what the word after it names.
                let after =
                    first_token(&query.tokens, &(duration.surface.end..duration.surface.end));
                let named = query.tokens[after..]
                    .iter()
                    .find(|t| t.kind == TokenKind::Content && t.word != "old");
                if named.is_some_and(|t| lacking(case).contains(&t.word)) {
                    return Some(Finding::Missing(Lacks::Number(None)));
                }
                continue;
            }
            return finding;
        }
        let claimed = &doc.values.durations;
        if claimed
            .iter()
            .filter(|c| !c.at_least || duration.at_least)
            .any(|c| same_length_of_time(c.seconds, duration.seconds))
        {
            continue;
        }
        // "More than a year" agrees with "a 14-month closure"; a bound on
        // both sides is a limit, compared as a value: "up to 60 nights" is
        // not "up to 40 nights".
        let at = first_token(&query.tokens, &duration.surface);
        let bound = if duration.at_least {
            Bound::AtLeast
        } else {
            bound_before(query.tokens[..at].iter().map(|t| t.word.clone()))
        };
        // The claim's own bound: "less than a quarter of an hour" agrees
        // with "under 12 minutes" (a limit, "up to 40 nights", is
        // compared as a value: [`Bound::allows`]).
        let claim_bounded = |c: &values::Duration| {
            let at = doc
                .tokens
                .iter()
                .position(|t| t.span().start >= c.surface.start)
                .unwrap_or(doc.tokens.len());
            if c.at_least {
                Bound::AtLeast
            } else {
                claim_bound(doc, at)
            }
        };
        // "Several hours" in the claim: "more than an hour" agrees, "five
        // hours" is not said, "30 minutes" is less than it can be.
        if let Some(least) = claimed.first().filter(|c| c.at_least) {
            match bound {
                Bound::AtLeast if least.seconds >= duration.seconds => continue,
                _ if duration.seconds >= least.seconds => {
                    return Some(Finding::Missing(Lacks::Duration));
                }
                _ => {}
            }
        }
        // The duration it would be compared with otherwise: the one with
        // the most of the statement's words before it ("a trial lasting
        // 23 days", not "took just under six hours to convict"), the
        // claim's first on a tie.
        let partner = claimed
            .iter()
            .enumerate()
            .max_by_key(|&(i, c)| (around(case, c.at), std::cmp::Reverse(i)))
            .map(|(_, c)| c);
        if bound != Bound::Exact
            && partner.is_some_and(|c| bound.allows(duration.seconds, claim_bounded(c), c.seconds))
        {
            continue;
        }
        let Some(partner) = partner else {
            return Some(Finding::Missing(Lacks::Duration));
        };
        return Some(differs(
            doc,
            &partner.surface,
            case.query,
            &duration.surface,
        ));
    }
    None
}

/// The ages a claim tells, in years, as the least and the most each can
/// be, where it writes them: "Derek Holloway, 67," (67 to 67), "a
/// 46-year-old" (with its "-old"), "in his 60s" (60 to 69).
fn claim_ages(doc: &Doc) -> Vec<(f64, f64, Range<usize>)> {
    let year = values::YEAR_SECONDS;
    let with_old = |surface: &Range<usize>| {
        let old = ["-old", " old"].iter().find(|o| {
            doc.text
                .get(surface.end..)
                .is_some_and(|t| t.starts_with(*o))
        });
        surface.start..surface.end + old.map_or(0, |o| o.len())
    };
    doc.values
        .counts
        .iter()
        .filter(|c| c.measure == values::Measure::Age)
        .map(|c| (c.value, c.upper.unwrap_or(c.value), c.surface.clone()))
        .chain(
            doc.values
                .durations
                .iter()
                .filter(|d| crate::answer::states_age(&doc.text, &d.surface))
                .map(|d| {
                    let age = (d.seconds / year).round();
                    (age, age, with_old(&d.surface))
                }),
        )
        .collect()
}

/// A stated age, `least` to `most` ("in his late 60s", or "67" alone,
/// written at `stated`), against the claim's ages: one within it agrees
/// (`None`); one only overlapping it is less precise than the statement,
/// so the source does not say; any other differs.
fn ages_differ(
    doc: &Doc,
    query: &Query,
    (least, most): (f64, f64),
    stated: &Range<usize>,
) -> Option<Finding> {
    let ages = claim_ages(doc);
    let within = |lo: f64, hi: f64| least - lo <= SAME_NUMBER && hi - most <= SAME_NUMBER;
    if ages.iter().any(|&(lo, hi, _)| within(lo, hi)) {
        return None;
    }
    if ages.iter().any(|&(lo, hi, _)| lo <= most && least <= hi) {
        return Some(Finding::Missing(Lacks::Number(None)));
    }
    Some(match ages.first() {
        Some((_, _, said)) => differs(doc, said, query, stated),
        None => Finding::Missing(Lacks::Number(None)),
    })
}

/// Dates: only absolute dates compare ("a week earlier" does not say when),
/// and only dates of the same thing: "the 2022 invasion" dates the
/// invasion, not whatever else the sentence reports.
fn dates(case: &Case) -> Option<Finding> {
    let (doc, query) = (case.doc, case.query);
    // "Seven days before the swap" is "a week earlier", not "two weeks
    // earlier", and a claim that tells no such distance does not say it.
    for date in &case.stated.dates {
        let Some(stated) = date.offset else { continue };
        let told: Vec<&values::Date> = doc
            .values
            .dates
            .iter()
            .filter(|c| c.offset.is_some())
            .collect();
        // "Just over a week after" agrees with "eight days after".
        let at = first_token(&query.tokens, &date.surface);
        let bound = bound_before(query.tokens[..at].iter().map(|t| t.word.clone()));
        let agrees = |o: f64| {
            same(o, stated)
                || (bound != Bound::Exact
                    && o.signum() == stated.signum()
                    && bound.allows(stated.abs(), Bound::Exact, o.abs()))
        };
        if told.iter().any(|c| c.offset.is_some_and(agrees)) {
            continue;
        }
        return Some(match told.first() {
            Some(partner) => differs(doc, &partner.surface, query, &date.surface),
            None => Finding::Missing(Lacks::Date),
        });
    }
    // "Last winter" is not "this summer": times told against the present
    // agree only in the same words.
    for date in case.stated.dates.iter().filter(|d| d.against_now()) {
        let told: Vec<&values::Date> = doc
            .values
            .dates
            .iter()
            .filter(|c| c.against_now())
            .collect();
        // "Last year's" is "last year".
        let bare = |s: String| {
            let s = s.to_lowercase().replace('\u{2019}', "'");
            s.trim_end_matches("'s").trim_end_matches('\'').to_string()
        };
        let stated = bare(statement_text(query, &date.surface));
        if told.is_empty()
            || told
                .iter()
                .any(|c| bare(text_of(doc, &c.surface)) == stated)
        {
            continue;
        }
        return Some(differs(doc, &told[0].surface, query, &date.surface));
    }
    let statement_has = |term: &str| query.tokens.iter().any(|t| t.term == term);
    for date in case.stated.dates.iter().filter(|d| !d.relative) {
        // "In March" and "by mid-2025", "in 2009" and "on 14 March" share
        // no part to agree or differ on.
        let shares = |c: &&values::Date| {
            (c.year.is_some() && date.year.is_some()) || (c.month.is_some() && date.month.is_some())
        };
        let absolute = doc.values.dates.iter().filter(|c| !c.relative);
        let agrees = absolute.clone().filter(shares).any(|c| {
            c.year.zip(date.year).is_none_or(|(a, b)| a == b)
                && c.month.zip(date.month).is_none_or(|(a, b)| a == b)
                && c.day.zip(date.day).is_none_or(|(a, b)| a == b)
        });
        // "February 2022" says more than "2022", "14 March" more than
        // "March": the source does not give the finer part.
        let finer = absolute.clone().any(|c| {
            let month_unsaid = c.year.is_some()
                && c.year == date.year
                && c.month.is_none()
                && date.month.is_some();
            let day_unsaid = c.month.is_some()
                && c.month == date.month
                && c.year.zip(date.year).is_none_or(|(a, b)| a == b)
                && c.day.is_none()
                && date.day.is_some();
            month_unsaid || day_unsaid
        });
        if finer {
            return Some(Finding::Missing(Lacks::Date));
        }
        if agrees {
            continue;
        }
        let comparable: Vec<&values::Date> = absolute
            .filter(shares)
            .filter(|c| c.head.as_deref().is_none_or(statement_has))
            .filter(|c| date.head.is_none() || c.head == date.head)
            .collect();
        let Some(partner) = comparable.first() else {
            return Some(Finding::Missing(Lacks::Date));
        };
        return Some(differs(doc, &partner.surface, query, &date.surface));
    }
    // Times of day compare with the claim's times of day.
    for time in case.stated.dates.iter().filter(|d| d.minutes.is_some()) {
        let times: Vec<&values::Date> = doc
            .values
            .dates
            .iter()
            .filter(|c| c.minutes.is_some())
            .collect();
        // "Twenty to twelve" is 11.40am or 11.40pm.
        let same = |c: &values::Date| {
            c.minutes == time.minutes
                || ((c.either_half || time.either_half)
                    && c.minutes.map(|m| m % 720) == time.minutes.map(|m| m % 720))
        };
        if let Some(equal) = times.iter().find(|c| same(c)) {
            // "High tide was at 3.30pm" against "high water was at 4.52pm,
            // and the first animal was floated off shortly after 3.30pm".
            let stops: Vec<usize> = times.iter().map(|c| c.at).collect();
            let other = times.iter().find(|c| {
                !same(c) && own_stretch(case, c.at, &stops) > own_stretch(case, equal.at, &stops)
            });
            if let Some(other) = other {
                return Some(differs(doc, &other.surface, query, &time.surface));
            }
            continue;
        }
        let Some(partner) = times.first() else {
            return Some(Finding::Missing(Lacks::Date));
        };
        return Some(differs(doc, &partner.surface, query, &time.surface));
    }
    None
}

/// Days of the week compare with each other ("on Tuesday").
fn weekdays(case: &Case) -> Option<Finding> {
    let doc = case.doc;
    for date in case.stated.dates.iter().filter(|d| d.weekday.is_some()) {
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
            return Some(Finding::Missing(Lacks::Weekday));
        };
        return Some(differs(doc, &partner.surface, case.query, &date.surface));
    }
    None
}

/// Ordinals: "This is the third strike" is contradicted by "the first
/// walkout in the trust's history". A statement's ordinal the claim does
/// not write differs from the one the claim writes; a claim with none does
/// not say it ("the first escape ever" is not supported by "a red panda
/// that escaped").
fn ordinals(case: &Case) -> Option<Finding> {
    let (doc, query) = (case.doc, case.query);
    let list = word_lists().ordinals;
    // "A third of" is a share, compared as a number (see [`counts`]).
    let in_share = |counts: &[values::Count], span: &Range<usize>| {
        counts
            .iter()
            .any(|c| c.surface.start <= span.start && span.end <= c.surface.end)
    };
    let said: Vec<(Range<usize>, String)> = doc
        .tokens
        .iter()
        .filter(|t| !in_share(&doc.values.counts, &t.span()))
        .filter_map(|t| {
            let word = doc.text.get(t.span())?.to_lowercase();
            list.contains(&word.as_str()).then(|| (t.span(), word))
        })
        .collect();
    let stated = query
        .tokens
        .iter()
        .filter(|t| !in_share(&case.stated.counts, &t.span))
        .filter(|t| list.contains(&t.word.as_str()))
        .find(|t| !said.iter().any(|(_, w)| *w == t.word))?;
    Some(match said.first() {
        Some((span, _)) => differs(doc, span, query, &stated.span),
        None => Finding::Missing(Lacks::Words(vec![stated.word.clone()])),
    })
}

/// The statement's names (words written next to each other are one name:
/// "Gareth Pryce") that the claim does not mention. A name the claim's
/// own words lack is still its when the sentences it follows on from name
/// it ("Quintana" for "He will earn £240,000 a week"), but only when the
/// claim names no one of the same kind the statement does not: then the
/// claim's own name is the one it says did it ("The club's chief
/// executive, Martin Hale, insisted…" is not about Quintana, whom the
/// headline names), while a person it names leaves the town its article
/// is about its own. The names only its context has are then set aside,
/// unless no other is left to stand against the claim's name.
fn unresolved_names(
    query: &Query,
    doc: &Doc,
    unmatched: &[usize],
    in_context: impl Fn(usize) -> bool,
    kind: impl Fn(TermId) -> Option<NameKind>,
) -> Vec<Vec<usize>> {
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for &i in unmatched {
        match groups.last_mut() {
            Some(g) if query.terms[*g.last().unwrap_or(&i)].at + 1 == query.terms[i].at => {
                g.push(i)
            }
            _ => groups.push(vec![i]),
        }
    }
    let (known, unknown): (Vec<Vec<usize>>, Vec<Vec<usize>>) = groups
        .into_iter()
        .partition(|g| g.iter().all(|&i| in_context(i)));
    // Only a name that could stand for the same kind of name: a person the
    // claim names does not put aside the town its article is about.
    let kind_of_group = |g: &[usize]| {
        g.iter()
            .filter_map(|&i| query.terms[i].primary())
            .find_map(&kind)
    };
    let same_kind = |a: Option<NameKind>, b: Option<NameKind>| a.is_none() || b.is_none() || a == b;
    let claim_names_another = |g: &[usize]| {
        doc.entities
            .iter()
            .any(|e| !query.reaches(e.term) && same_kind(kind(e.term), kind_of_group(g)))
    };
    if unknown.is_empty() {
        known
            .into_iter()
            .filter(|g| claim_names_another(g))
            .collect()
    } else {
        unknown
    }
}

/// A name the claim does not mention: another name in its place
/// contradicts, no name at all means the source does not say.
fn names(case: &Case) -> Option<Finding> {
    let (doc, query) = (case.doc, case.query);
    let unmatched = &case.unmatched_names;
    let name_of = |group: &[usize]| name_of(query, group);
    if unmatched.len() > 1 {
        let names = unmatched.iter().map(|g| name_of(g)).collect();
        return Some(Finding::Missing(Lacks::Names(names)));
    }
    let group = unmatched.first()?;
    // A common word typed in lower case ("workers'" of "Rail Workers'
    // Union") is the member's word, not a name to set against another.
    let typed_as_word = group.iter().all(|&i| {
        let token = &query.tokens[query.terms[i].at];
        let word = token.word.trim_end_matches("'s").trim_end_matches('\'');
        let english = crate::lexicon::english();
        !token.capitalized
            && !english.is_proper(word)
            && (english.noun_kind(word).is_some()
                || english.zipf(word).is_some_and(|z| z >= COMMON_WORD_ZIPF))
    });
    if typed_as_word {
        return Some(Finding::Missing(Lacks::Names(vec![name_of(group)])));
    }
    let (first, last) = (&query.terms[group[0]], &query.terms[group[group.len() - 1]]);
    let qt = first;
    let preposition = preposition_before(&query.tokens, qt.at);
    let others: Vec<&crate::index::Entity> = doc
        .entities
        .iter()
        .filter(|e| !query.reaches(e.term))
        .collect();
    // Another name in the same place of the sentence ("the border with
    // Belarus" for "with Poland"): a name after another preposition, or
    // after none, plays another part ("a Dutch firm" is not "to Carnford").
    let partner = others
        .iter()
        .filter(|e| e.preposition == preposition)
        .max_by_key(|e| std::cmp::Reverse(e.at))
        .copied();
    // A code ("NO2", "M62", "KB-417") is replaced only by another code,
    // and a name only by another name: "Martin Oduya, not NO2" is nonsense.
    let code = |word: &str| word.chars().any(|c| c.is_ascii_digit());
    let stated_code = group.iter().any(|&i| code(&query.terms[i].word));
    let partner = partner.filter(|e| code(doc.word(e.at).unwrap_or_default()) == stated_code);
    let Some(partner) = partner else {
        return Some(Finding::Missing(Lacks::Names(vec![name_of(group)])));
    };
    // The whole name on both sides: "Martin Hale", not "Martin".
    let mut end = partner.at;
    while others.iter().any(|e| e.at == end + 1) {
        end += 1;
    }
    // A person's name stands only for a person's, a place's or a body's
    // for another such: "the Mill Road branch" is not contradicted by
    // "Margaret Ellery broke the news".
    // Its last word with a kind is its head ("Russian Foreign Minister
    // Sergei").
    let partner_kind = others
        .iter()
        .rev()
        .filter(|e| (partner.at..=end).contains(&e.at))
        .find_map(|e| case.index.name_kind(doc.source, e.term));
    let stated_kind = stated_name_kind(case, group, preposition);
    // And "British" only for another people's adjective: "a British bike
    // maker" says nothing against "Voltaro".
    let demonym = Some(NameKind::Demonym);
    if (partner_kind.is_some() && stated_kind.is_some() && partner_kind != stated_kind)
        || ((partner_kind == demonym) != (stated_kind == demonym))
    {
        return Some(Finding::Missing(Lacks::Names(vec![name_of(group)])));
    }
    let said = doc.tokens[partner.at].span().start..doc.tokens[end].span().end;
    let stated = query.tokens[first.at].span.start..query.tokens[last.at].span.end;
    Some(differs(doc, &said, query, &stated))
}

/// Whether a statement's name is a person's or a thing's: as the article
/// writes it, when the article names it; otherwise as the statement does
/// ("Professor Okafor", "in Otley").
fn stated_name_kind(
    case: &Case,
    group: &[usize],
    preposition: Option<&'static str>,
) -> Option<NameKind> {
    let (index, query) = (case.index, case.query);
    let source = case.doc.source;
    let in_article: Vec<TermId> = group
        .iter()
        .filter_map(|&i| query.terms[i].primary())
        .filter(|&t| index.source_df(t, source) > 0)
        .collect();
    if !in_article.is_empty() {
        return in_article
            .iter()
            .rev()
            .find_map(|&t| index.name_kind(source, t));
    }
    let words: Vec<&str> = query.tokens.iter().map(|t| t.word.as_str()).collect();
    let (first, last) = (
        query.terms[group[0]].at,
        query.terms[group[group.len() - 1]].at,
    );
    let place = matches!(
        preposition,
        Some("in" | "near" | "into" | "at" | "on" | "from")
    );
    names::kind_of_run(&words, first..last + 1, place).kind()
}

/// Where a statement puts what it says must be where the claim puts it.
/// "The swap took place in Istanbul" has every word of "the swap took place
/// on the border with Belarus following talks held in Istanbul", but the
/// claim puts the swap by Belarus and the talks in Istanbul. So for a place
/// of the statement ("in Istanbul", after a preposition of place), the
/// statement's word nearest before it (its anchor) must, in the claim, be
/// followed first by that place, or by one listed with it ("in Kyiv and
/// Sumy"), not by another place the statement does not name.
fn roles(case: &Case) -> Option<Finding> {
    let (doc, query) = (case.doc, case.query);
    let positions = |qt: &crate::index::QueryTerm| positions_of(doc, qt);
    // A date's words ("on Tuesday 15 July") stand only against another
    // date in their place ("moved from April to Sunday 8 June"), not a
    // place ("at Lantern Hall").
    let in_date = |t: &crate::index::QueryTerm| {
        let at = query.tokens[t.at].span.start;
        case.stated.dates.iter().any(|d| d.surface.contains(&at))
    };
    let claim_date = |at: usize| {
        let start = doc.tokens[at].span().start;
        doc.values.dates.iter().any(|d| d.surface.contains(&start))
    };
    let places = query.terms.iter().filter(|t| {
        t.name_like
            && t.number.is_none()
            && matches!(
                preposition_before(&query.tokens, t.at),
                Some("in" | "at" | "near" | "with" | "into" | "to" | "on")
            )
    });
    for place in places {
        if positions(place).is_empty() {
            continue;
        }
        let Some(anchor) = query
            .terms
            .iter()
            .filter(|t| !t.name_like && t.number.is_none() && !t.optional && t.at < place.at)
            .filter(|t| !positions(t).is_empty())
            .max_by_key(|t| t.at)
        else {
            continue;
        };
        let mut elsewhere = None;
        let mut tied = false;
        for a in positions(anchor) {
            match place_after(doc, a) {
                Some(run) if run.iter().any(|e| query.reaches(e.term)) => tied = true,
                Some(run) if in_date(place) && !claim_date(run[0].at) => {}
                Some(run) => elsewhere = Some(run),
                None => {}
            }
        }
        if let (false, Some(run)) = (tied, elsewhere) {
            let said =
                doc.tokens[run[0].at].span().start..doc.tokens[run[run.len() - 1].at].span().end;
            return Some(differs(doc, &said, query, &query.tokens[place.at].span));
        }
    }
    None
}

/// A statement that a person holds a post: "Derek Hallam is the council
/// leader", "mark delaney is the race director".
struct Post {
    /// The person's words (query term indexes): one to three, the last a
    /// name ("mark delaney", typed in lower case, is a name by its
    /// surname).
    person: Range<usize>,
    /// The post's words before "of", "at", "in"… ("head coach of the
    /// otters"), and its head, the last of them (a coach).
    words: Range<usize>,
    head: usize,
}

impl Post {
    fn read(query: &Query) -> Option<Post> {
        let lists = word_lists();
        let be = query
            .tokens
            .iter()
            .position(|t| lists.be_forms.contains(&t.word.as_str()))?;
        let people = query.terms.iter().take_while(|t| t.at < be).count();
        let last = query.terms.get(people.checked_sub(1)?)?;
        // The words of the name stand together, and the post is a noun
        // phrase: "the …", "a …", "Hallam's …".
        let person = &query.terms[..people];
        let together = person.windows(2).all(|w| w[1].at == w[0].at + 1);
        let noun_phrase = match query.tokens.get(be + 1) {
            Some(t) if matches!(t.word.as_str(), "the" | "a" | "an") => true,
            // The possessive may be the word's or a token of its own.
            Some(t) => {
                let word = statement_text(query, &t.span);
                let rest = query.text.get(t.span.end..).unwrap_or_default();
                ["'s", "’s"]
                    .iter()
                    .any(|s| word.ends_with(s) || rest.starts_with(s))
            }
            None => false,
        };
        if last.at + 1 != be
            || people > 3
            || !last.name_like
            || !together
            || !noun_phrase
            || person.iter().any(|t| t.number.is_some())
        {
            return None;
        }
        let end = query.tokens[be + 1..]
            .iter()
            .position(|t| {
                t.kind == TokenKind::Stop && lists.prepositions.contains(&t.word.as_str())
            })
            .map_or(query.tokens.len(), |p| be + 1 + p);
        let words = people
            ..people
                + query.terms[people..]
                    .iter()
                    .take_while(|t| t.at < end)
                    .count();
        let head = words
            .clone()
            .rev()
            .find(|&i| !query.terms[i].name_like && query.terms[i].number.is_none())?;
        Some(Post {
            person: 0..people,
            words,
            head,
        })
    }
}

/// Who holds a post: "Derek Hallam is the council leader" is contradicted
/// by "Council leader Margaret Ellison said…", and "Helen Pryce is the
/// head coach" by "Head coach Fiona Marsh, 52, …". When the statement says
/// a person holds a post ([`Post`]) and the claim gives the post's own
/// word right before another person's name or in the phrase set off by a
/// comma right after it ("Miriam Achterberg, the board's chief
/// executive"), and does not name the statement's person, the claim says
/// someone else holds it.
fn holders(case: &Case) -> Option<Finding> {
    use crate::index::query::MatchKind;
    let (doc, query) = (case.doc, case.query);
    let post = case.post?;
    let terms = &query.terms;
    if terms[post.person.clone()]
        .iter()
        .any(|t| !positions_of(doc, t).is_empty())
    {
        return None;
    }
    let of_post = |i: usize| {
        doc.tokens[i]
            .term
            .is_some_and(|id| terms[post.words.clone()].iter().any(|t| t.names_same(id)))
    };
    // The post's own word, in any form, not a link: a director is no
    // manager.
    let is_head = |i: usize| {
        doc.tokens[i].term.is_some_and(|id| {
            terms[post.head]
                .expansions
                .iter()
                .any(|e| e.0 == id && matches!(e.2, MatchKind::Exact | MatchKind::Typo))
        })
    };
    let lists = word_lists();
    let entity = |i: usize| doc.entities.iter().any(|e| e.at == i);
    let word = |i: usize| text_of(doc, &doc.tokens[i].span()).to_lowercase();
    let comma = |i: usize| matches!(doc.tokens[i].kind, DocKind::Punct(b','));
    let number = |i: usize| matches!(doc.tokens[i].kind, DocKind::Number);
    let nominal = |k: usize| {
        matches!(doc.tokens[k].kind, DocKind::Stop)
            && lists
                .determiners
                .iter()
                .chain(&["a", "an"])
                .any(|d| *d == word(k))
            || of_post(k)
            || entity(k)
    };
    let n = doc.tokens.len();
    let mut i = 0;
    while i < n {
        if !entity(i) {
            i += 1;
            continue;
        }
        let start = i;
        while i < n && entity(i) {
            i += 1;
        }
        let name = start..i;
        // The post right before the name ("Race director Colin Ashworth",
        // "The council leader, Priya Nair,"), or in the phrase after it,
        // past a comma and an age ("Dr Helen Marsh, 47, a senior lecturer
        // and the branch secretary, said"). Either must hold every word of
        // the statement's post but names: a festival director is no
        // harbour director.
        let holds_post = |region: &[usize]| {
            region.iter().any(|&k| is_head(k))
                && terms[post.words.clone()].iter().all(|t| {
                    t.name_like
                        || region
                            .iter()
                            .any(|&k| doc.tokens[k].term.is_some_and(|id| t.names_same(id)))
                })
        };
        let before = if start > 0 && comma(start - 1) {
            start - 1
        } else {
            start
        };
        let title: Vec<usize> = (0..before)
            .rev()
            .take_while(|&k| !matches!(doc.tokens[k].kind, DocKind::Punct(_)))
            .take(TITLE_REACH)
            .collect();
        let titled_post = title.first().is_some_and(|&k| is_head(k)) && holds_post(&title);
        let mut from = i;
        if from < n && comma(from) && from + 2 < n && number(from + 1) && comma(from + 2) {
            from += 2;
        }
        let phrase: Vec<usize> = (from + 1..n)
            .take_while(|&k| !matches!(doc.tokens[k].kind, DocKind::Punct(_)))
            .collect();
        let appositive = from < n
            && comma(from)
            && phrase.first().is_some_and(|&k| nominal(k))
            && holds_post(&phrase);
        if titled_post || appositive {
            let said = doc.tokens[name.start].span().start..doc.tokens[name.end - 1].span().end;
            let person = &terms[post.person.clone()];
            let stated = query.tokens[person[0].at].span.start
                ..query.tokens[person[person.len() - 1].at].span.end;
            return Some(differs(doc, &said, query, &stated));
        }
    }
    None
}

/// How many words before a name its title may take ("said Hallam's
/// managing director, David Pryce").
const TITLE_REACH: usize = 4;

/// Where in the claim a statement word stands (any form or link of it).
fn positions_of(doc: &Doc, qt: &crate::index::QueryTerm) -> Vec<usize> {
    doc.tokens
        .iter()
        .enumerate()
        .filter(|(_, t)| t.term.is_some_and(|id| qt.reaches(id)))
        .map(|(p, _)| p)
        .collect()
}

/// Who did it, told with "by", must be who the claim says did it. "The
/// sensors were installed by the county council" has every word of "…the
/// county council's cabinet member, said… once data from sensors fitted
/// beneath the deck had been analysed", but the claim does not say who
/// fitted them. So the statement's doer after "by" must stand, in the
/// claim, after "by" right after the word the statement puts before it
/// ("fitted by the council"), or right before that word in the same clause
/// ("the council fitted").
fn agents(case: &Case) -> Option<Finding> {
    /// How many words apart the doer and the deed may stand.
    const REACH: usize = 5;
    let (doc, query) = (case.doc, case.query);
    // The first word after "by", when it names someone: "by Fenmore County
    // Council", not "by 9%" nor "by Tuesday". A common noun ("by
    // engineers") is left alone: measured, it lost right verdicts and
    // caught no wrong one.
    let by = query.tokens.iter().position(|t| t.word == "by")?;
    let agent = query.terms.iter().find(|t| t.at > by)?;
    if !agent.name_like
        || agent.number.is_some()
        || case.in_stated_date(&query.tokens[agent.at].span)
    {
        return None;
    }
    let positions = |qt: &crate::index::QueryTerm| positions_of(doc, qt);
    // The doer's name, whole: "Fenmore County Council".
    let names: Vec<&crate::index::QueryTerm> = query
        .terms
        .iter()
        .skip_while(|t| t.at < agent.at)
        .enumerate()
        .take_while(|&(k, t)| t.at == agent.at + k && t.name_like && t.number.is_none())
        .map(|(_, t)| t)
        .collect();
    if names.iter().all(|n| positions(n).is_empty()) {
        // A doer the claim does not name: the other checks'.
        return None;
    }
    let anchor = query
        .terms
        .iter()
        .filter(|t| !t.name_like && t.number.is_none() && !t.optional && t.at < agent.at)
        .filter(|t| !positions(t).is_empty())
        .max_by_key(|t| t.at)?;
    let told = |i: usize| {
        doc.tokens
            .get(i)
            .and_then(|t| t.term)
            .is_some_and(|id| names.iter().any(|n| n.reaches(id)))
    };
    let punct = |i: usize| matches!(doc.tokens[i].kind, DocKind::Punct(_));
    let word = |i: usize| text_of(doc, &doc.tokens[i].span()).to_lowercase();
    let said = positions(anchor).into_iter().any(|a| {
        let end = (a + 1 + REACH).min(doc.tokens.len());
        let after: Vec<usize> = (a + 1..end).take_while(|&i| !punct(i)).collect();
        let by_after = after
            .iter()
            .position(|&i| word(i) == "by")
            .is_some_and(|b| after[b..].iter().any(|&i| told(i)));
        let before = (a.saturating_sub(REACH)..a)
            .rev()
            .take_while(|&i| !punct(i))
            .any(told);
        by_after || before
    });
    let last = names.last().map_or(agent.at, |n| n.at);
    let stated = query.tokens[agent.at].span.start..query.tokens[last].span.end;
    (!said).then(|| {
        Finding::Missing(Lacks::Words(vec![format!(
            "by {}",
            statement_text(query, &stated)
        )]))
    })
}

/// Who does what must be who the claim says does it. "Fenmore County
/// Council owns the bridge" has every word of "…met by Fenmore County
/// Council and the Port Callan Harbour Trust, which owns the bridge", but
/// "which" refers to the trust. So when the statement opens with a name and
/// its verb follows, and the claim writes that verb right after ", which"
/// or ", who", the name before the comma is the verb's subject; another
/// name there differs.
fn subjects(case: &Case) -> Option<Finding> {
    let (doc, query) = (case.doc, case.query);
    let subject: Vec<&crate::index::QueryTerm> = query
        .terms
        .iter()
        .take_while(|t| t.name_like && t.number.is_none())
        .collect();
    let verb = query.terms.get(subject.len())?;
    if subject.is_empty() || verb.name_like || verb.number.is_some() {
        return None;
    }
    let word = |i: usize| text_of(doc, &doc.tokens[i].span()).to_lowercase();
    let is_name = |i: usize| doc.entities.iter().any(|e| e.at == i);
    for (p, token) in doc.tokens.iter().enumerate().skip(3) {
        if !token.term.is_some_and(|t| verb.reaches(t)) {
            continue;
        }
        let relative = matches!(word(p - 1).as_str(), "which" | "who");
        if !relative || doc.tokens[p - 2].kind != DocKind::Punct(b',') || !is_name(p - 3) {
            continue;
        }
        // The name right before the comma, whole.
        let mut start = p - 3;
        while start > 0 && is_name(start - 1) {
            start -= 1;
        }
        let same = (start..p - 2).any(|i| {
            doc.tokens[i]
                .term
                .is_some_and(|t| subject.iter().any(|s| s.reaches(t)))
        });
        if same {
            return None;
        }
        let said = doc.tokens[start].span().start..doc.tokens[p - 3].span().end;
        let stated = query.tokens[subject[0].at].span.start
            ..query.tokens[subject[subject.len() - 1].at].span.end;
        return Some(differs(doc, &said, query, &stated));
    }
    None
}

/// How many words after a place the name of the town, village or body it
/// introduces may stand: "the Norfolk seaside town of Cawsby".
const OF_REACH: usize = 5;

/// The first place named after the claim's token `at`, with the names
/// written next to it, listed with it by "and", "or" or commas, or
/// introduced by it ("the Norfolk seaside town of Cawsby").
fn place_after(doc: &Doc, at: usize) -> Option<Vec<&crate::index::Entity>> {
    let first = doc
        .entities
        .iter()
        .filter(|e| e.at > at && e.is_place())
        .min_by_key(|e| e.at)?;
    let gap = |a: usize, b: usize| -> String {
        doc.text
            .get(doc.tokens[a].span().end..doc.tokens[b].span().start)
            .unwrap_or("")
            .to_lowercase()
    };
    let mut run = vec![first];
    for e in doc.entities.iter().filter(|e| e.at > first.at) {
        let last = run[run.len() - 1].at;
        let between = gap(last, e.at);
        let words: Vec<&str> = between
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| !w.is_empty())
            .collect();
        // "The Norfolk seaside town of Cawsby": the place a noun after the
        // first name is of, in the same phrase.
        let of_it = e.at <= last + OF_REACH
            && words.last() == Some(&"of")
            && !between.contains([',', ';', '.', ':']);
        let joined = e.at == last + 1
            || of_it
            || (e.at <= last + 3 && words.iter().all(|w| matches!(*w, "and" | "or")));
        if !joined {
            break;
        }
        run.push(e);
    }
    Some(run)
}

/// How much a statement word must tell (general English information, 0..1)
/// for the claim to have to hold it: a statement that adds "active duty"
/// or "used to work as a nurse" to what the claim says is not supported by
/// it, however much else it shares.
const MUST_HOLD: f32 = 0.35;

/// A meaningful word of the statement that the claim's own words do not
/// hold (in any form or link): the source does not say that part.
fn uncovered(case: &Case) -> Option<Finding> {
    let lacking = lacking(case);
    if lacking.is_empty() {
        return None;
    }
    // Words only the sentence before holds ("the sides" of "it led to an
    // agreement to exchange 1,000 prisoners"): the claim is about them, so
    // another value or the opposite in it contradicts the statement; but
    // it does not say them, so it supports nothing.
    let own = case.cov.exact + case.cov.linked;
    let before = || only_before(case).map(|i| case.query.terms[i].word.as_str());
    if own >= OWN_BESIDE_BEFORE && lacking.iter().all(|w| before().any(|b| b == w)) {
        let against = RELAXED_CHECKS
            .iter()
            .find_map(|check| check(case))
            .filter(|f| matches!(f, Finding::Differs { .. } | Finding::Opposite { .. }));
        if against.is_some() {
            return against;
        }
    }
    Some(Finding::Missing(Lacks::Words(lacking)))
}

/// How much of the statement a claim's own words must hold for what it
/// says against the statement to count when the rest is only in the
/// sentence before it.
const OWN_BESIDE_BEFORE: f32 = 0.7;

/// The statement's terms (by index) that the claim's sentence before
/// holds and the claim's own words (its quote, short answer and the
/// phrasings a curator wrote for it) do not.
fn only_before<'a>(case: &'a Case) -> impl Iterator<Item = usize> + 'a {
    let own = field::QUOTE | field::ANSWER | field::PHRASING;
    case.cov.hits.iter().map(|h| h.0).filter(move |&i| {
        !case.query.terms[i]
            .expansions
            .iter()
            .any(|e| case.doc.fields(e.0) & own != 0)
    })
}

/// The meaningful words of the statement (see [`MUST_HOLD`]), and the
/// words of totality ("the whole bill"), that the claim's own words do not
/// hold.
fn lacking(case: &Case) -> Vec<String> {
    let (doc, query) = (case.doc, case.query);
    case.cov
        .missed
        .iter()
        .copied()
        // Found only in the sentence before: not this claim's.
        .chain(only_before(case))
        .map(|i| &query.terms[i])
        .filter(|qt| !qt.optional && qt.number.is_none() && !qt.name_like)
        .filter(|qt| {
            let totality = word_lists().totality.contains(&qt.word.as_str());
            // "An entire February" is held by "the whole of February".
            (totality && !says_all(doc))
                || (!totality && crate::lexicon::english().information(&qt.word) >= MUST_HOLD)
        })
        .map(|qt| qt.word.clone())
        .collect()
}

/// Whether the claim's quote has a word of totality.
fn says_all(doc: &Doc) -> bool {
    doc.tokens.iter().any(|t| {
        let word = text_of(doc, &t.span()).to_lowercase();
        word_lists().totality.contains(&word.as_str())
    })
}

/// Who says it must be who the claim says says it: "the company admitted
/// staff got 48 hours' notice" is not supported by "the union said staff
/// had been given 48 hours' notice". When the statement opens with a
/// speaker and a verb of saying, and the claim has a verb of saying whose
/// speaker (the words before it, or the name after it: "said Helen
/// Marsh") shares no word with the statement's while naming someone or
/// something (not "he"), the claim does not say who the statement says.
fn speakers(case: &Case) -> Option<Finding> {
    /// How many words before or after a verb of saying its speaker stands.
    const REACH: usize = 6;
    let (doc, query) = (case.doc, case.query);
    let speech = |w: &str| word_lists().speech.contains(&w);
    let verb = query.tokens.iter().position(|t| speech(&t.word))?;
    let speaker: Vec<&crate::index::QueryTerm> = query
        .terms
        .iter()
        .filter(|t| t.at < verb && t.number.is_none() && !t.optional)
        .collect();
    if speaker.is_empty() {
        return None;
    }
    let word = |i: usize| text_of(doc, &doc.tokens[i].span()).to_lowercase();
    let punct = |i: usize| matches!(doc.tokens[i].kind, DocKind::Punct(_));
    let mut verbs = (0..doc.tokens.len())
        .filter(|&i| speech(&word(i)))
        .peekable();
    verbs.peek()?;
    let told = |i: usize| {
        doc.tokens[i]
            .term
            .is_some_and(|t| speaker.iter().any(|s| s.reaches(t)))
    };
    let someone = |i: usize| doc.tokens[i].kind == DocKind::Content;
    let mut others = false;
    for v in verbs {
        let before: Vec<usize> = (v.saturating_sub(REACH)..v)
            .rev()
            .take_while(|&i| !punct(i) || word(i) == ",")
            .collect();
        // "…, said Helen Marsh": a name right after it; otherwise what
        // follows is what was said.
        let is_name = |i: usize| doc.entities.iter().any(|e| e.at == i);
        let after: Vec<usize> = (v + 1..doc.tokens.len())
            .take_while(|&i| is_name(i))
            .collect();
        if before.iter().chain(&after).any(|&i| told(i)) {
            return None;
        }
        others |= before.iter().chain(&after).any(|&i| someone(i));
    }
    others.then(|| {
        let stated = query.tokens[speaker[0].at].span.start..query.tokens[verb].span.end;
        Finding::Missing(Lacks::Words(vec![statement_text(query, &stated)]))
    })
}

/// Words of totality the claim does not hold ("fully accepted", "the whole
/// bill"): said in other words or not, a claim that lacks them does not say
/// all of it.
fn totality(case: &Case) -> Option<Finding> {
    let lacking: Vec<String> = lacking(case)
        .into_iter()
        .filter(|w| word_lists().totality.contains(&w.as_str()))
        .collect();
    (!lacking.is_empty()).then_some(Finding::Missing(Lacks::Words(lacking)))
}

/// A claim that only says something might be so does not support a
/// statement that says it is: "the Vatican might step in" is not "the
/// Vatican agreed to mediate".
fn hedges(case: &Case) -> Option<Finding> {
    let (doc, query) = (case.doc, case.query);
    // "In May" is a month, not a hedge.
    let stated_hedged = query.tokens.iter().any(|t| {
        let word = t.word.as_str();
        let lists = word_lists();
        (is_hedge(word) || lists.stated_hedges.contains(&word)) && !case.in_stated_date(&t.span)
    });
    if stated_hedged {
        return None;
    }
    // The clause of the matched words, or the one stating the statement's
    // value: in "Colin Aldridge, chairman of the Parish Council, said the
    // council might contribute up to £5,000", the appositive holds more of
    // the statement's words, but "£5,000" is what "might" governs.
    let hedge = hedge_in_clause(case).or_else(|| {
        let stated_value_at: Vec<usize> = doc
            .values
            .counts
            .iter()
            .filter(|c| case.stated.counts.iter().any(|s| same(s.value, c.value)))
            .map(|c| c.at)
            .collect();
        clauses(doc).into_iter().find_map(|c| {
            first_hedge(doc, &c).filter(|&h| governs(&c, h, |i| stated_value_at.contains(&i)))
        })
    })?;
    // The hedge and the word it governs, as the source writes them: "might
    // step", "applied for a drought".
    let start = doc.tokens[hedge].span().start;
    let end = doc.tokens[hedge + 1..]
        .iter()
        .find(|t| t.term.is_some())
        .unwrap_or(&doc.tokens[hedge])
        .span()
        .end;
    Some(Finding::Hedged {
        said: text_of(doc, &(start..end)),
    })
}

/// The position of a hedge word in the clause of the claim that holds most
/// matched words, relative clauses included ("…a second phase, which might
/// be approved next spring" hedges the approval), if any.
fn hedge_in_clause(case: &Case) -> Option<usize> {
    let (doc, hits) = (case.doc, &case.cov.hit_terms);
    let clause = main_clause(doc, hits)?;
    let hedge = first_hedge(doc, &clause)?;
    // A hedge governs what follows it: in "…were registered online, which
    // means owners may not yet know", "may" hedges no matched word; in
    // "expected to be available in January", the month the statement
    // gives.
    let hit = |i: usize| doc.tokens[i].term.is_some_and(|t| hits.contains(&t));
    let stated = &case.stated;
    let value_at = |i: usize| {
        (!stated.dates.is_empty() && doc.values.dates.iter().any(|d| d.at == i))
            || (!stated.counts.is_empty() && doc.values.counts.iter().any(|c| c.at == i))
            || (!stated.durations.is_empty() && doc.values.durations.iter().any(|d| d.at == i))
    };
    governs(&clause, hedge, |i| hit(i) || value_at(i)).then_some(hedge)
}

/// Whether a word at `at` of a clause (a hedge, a negation) bears on
/// something the statement says: one of the clause's tokens after it.
fn governs(clause: &[usize], at: usize, said: impl Fn(usize) -> bool) -> bool {
    clause.iter().any(|&i| i > at && said(i))
}

/// The first hedge word of a clause that is not part of a date ("in May").
fn first_hedge(doc: &Doc, clause: &[usize]) -> Option<usize> {
    let in_date = |i: usize| {
        let t = &doc.tokens[i];
        doc.values
            .dates
            .iter()
            .any(|d| d.surface.start <= t.start as usize && t.end as usize <= d.surface.end)
    };
    // "A government planning inspector", "the planning committee": a
    // word in -ing between a word and the noun it names is no verb.
    let modifier = |i: usize, text: &str| {
        let kind = |j: usize| doc.tokens.get(j).map(|t| t.kind);
        let before = i.checked_sub(1).map(|j| {
            let word = text_of(doc, &doc.tokens[j].span()).to_lowercase();
            (kind(j), word)
        });
        text.ends_with("ing")
            && kind(i + 1) == Some(DocKind::Content)
            && before.is_some_and(|(k, w)| {
                k == Some(DocKind::Content)
                    || (k == Some(DocKind::Stop)
                        && (matches!(w.as_str(), "a" | "an")
                            || word_lists().determiners.contains(&w.as_str())))
            })
    };
    clause.iter().copied().find(|&i| {
        let text = text_of(doc, &doc.tokens[i].span()).to_lowercase();
        !in_date(i) && is_hedge(&text) && !modifier(i, &text)
    })
}

/// Whether a lower-case word, in any form, is "exceed" or one of its
/// WordNet synonyms ("passed 10,000 signatures", "topped £1m"): what
/// follows is a lower bound.
fn exceeds(word: &str) -> bool {
    static LEMMAS: OnceLock<HashSet<WordId>> = OnceLock::new();
    let english = crate::lexicon::english();
    let lemmas = LEMMAS.get_or_init(|| {
        english
            .lemmas("exceed")
            .into_iter()
            .flat_map(|l| {
                let synonyms = english
                    .links(l)
                    .iter()
                    .filter(|(_, link)| *link == crate::lexicon::Link::Synonym)
                    .map(|(w, _)| *w);
                std::iter::once(l).chain(synonyms).collect::<Vec<_>>()
            })
            .collect()
    });
    english.lemmas(word).iter().any(|l| lemmas.contains(l))
}

/// Whether a lower-case word hedges what it governs (`hedges` in
/// words.toml), in any form: "expects" and "expect" as "expected" do.
fn is_hedge(word: &str) -> bool {
    static LEMMAS: OnceLock<HashSet<WordId>> = OnceLock::new();
    let english = crate::lexicon::english();
    let lemmas = LEMMAS.get_or_init(|| {
        word_lists()
            .hedges
            .iter()
            .flat_map(|w| english.lemmas(w))
            .collect()
    });
    word_lists().hedges.contains(&word) || english.lemmas(word).iter().any(|l| lemmas.contains(l))
}

/// The clause of the claim's quote that holds most of the matched terms.
fn main_clause(doc: &Doc, hits: &[u32]) -> Option<Vec<usize>> {
    let hit = |i: &usize| doc.tokens[*i].term.is_some_and(|t| hits.contains(&t));
    clauses(doc)
        .into_iter()
        .filter(|c| c.iter().any(hit))
        .max_by_key(|c| c.iter().filter(|i| hit(i)).count())
}

/// Token positions of each clause of the claim's quote.
fn clauses(doc: &Doc) -> Vec<Vec<usize>> {
    let mut clauses: Vec<Vec<usize>> = vec![Vec::new()];
    for (i, t) in doc.tokens.iter().enumerate() {
        // A relative clause belongs to the clause it describes: "a second
        // phase, which might be approved next spring".
        let relative = doc.tokens.get(i + 1).is_some_and(|n| {
            matches!(
                text_of(doc, &n.span()).to_lowercase().as_str(),
                "which" | "who" | "whom" | "whose" | "where"
            )
        });
        let boundary = (matches!(
            t.kind,
            DocKind::Contrast | DocKind::Punct(b';' | b':' | b'(' | b')' | b'.')
        ) || (t.kind == DocKind::Punct(b',') && !relative))
            || (t.kind == DocKind::Punct(b'-') && t.end - t.start > 1);
        if boundary {
            clauses.push(Vec::new());
        } else if let Some(c) = clauses.last_mut() {
            c.push(i);
        }
    }
    clauses
}

/// "At least three" is not "exactly three": a statement that makes a
/// bounded count exact says more than the source.
fn bounds(case: &Case) -> Option<Finding> {
    let (doc, query) = (case.doc, case.query);
    for count in &case.stated.counts {
        let exact = query.tokens[..count.at]
            .iter()
            .rev()
            .take(2)
            .any(|t| word_lists().exact.contains(&t.word.as_str()));
        if !exact {
            continue;
        }
        let partner = doc
            .values
            .counts
            .iter()
            .find(|c| same(c.value, count.value))?;
        if claim_bound(doc, partner.at) != Bound::Exact {
            let start = doc.tokens[partner.at.saturating_sub(2)].start as usize;
            return Some(Finding::Hedged {
                said: text_of(doc, &(start..partner.surface.end)),
            });
        }
    }
    None
}

/// Polarity: a negation on one side only, or an opposite word. Only the
/// claim's own words count here: its alternate questions may well hold the
/// opposite ("does Russia welcome mediation?").
fn polarity(case: &Case) -> Option<Finding> {
    let (index, doc, query) = (case.index, case.doc, case.query);
    let opposites = opposites(query, doc);
    // A verb that negates ("declined to say", "dismissed the idea") counts
    // as a negation, unless the statement's word is its very opposite
    // ("welcomed" against "dismissed"), which the opposites already count.
    let verbs = opposites.is_empty();
    let stated_negated = statement_negated(query, doc, verbs);
    // A claim whose answer says "No" to its phrasing denies what the
    // statement takes from that phrasing alone.
    let denied = doc.answer.denies
        && case.cov.hit_terms.iter().any(|&t| {
            doc.fields(t) & (field::QUOTE | field::ANSWER) == 0
                && doc.fields(t) & field::PHRASING != 0
        });
    // Against a statement that says so, a negation counts only where it
    // denies a matched word: in "…were registered online, which means
    // owners may not yet know", it denies no registering. Against one that
    // denies, any negation of the clause agrees with it.
    let claim_negated = clause_negated(doc, &case.cov.hit_terms, verbs, !stated_negated)
        || word_denied(doc, &case.cov.hit_terms)
        || denied;
    let flipped = (stated_negated != claim_negated) ^ (opposites.len() % 2 == 1);
    if !flipped {
        return None;
    }
    Some(match opposites.first() {
        Some(&(i, term)) => {
            let word = query.terms[i].word.clone();
            let said = surface_of_term(index, doc, index.term_name(term))
                .unwrap_or_else(|| index.term_name(term).trim_start_matches('~').to_string());
            Finding::Opposite {
                said: Some(said),
                stated: Some(word),
                negated: claim_negated,
            }
        }
        None => Finding::Opposite {
            said: None,
            stated: None,
            negated: claim_negated,
        },
    })
}

/// A change told with its direction: "turnout went up" is contradicted by
/// "down from 38.2%". Of a claim telling changes both ways ("rain fell as
/// river levels rose"), the one told after the statement's subject counts.
fn direction(case: &Case) -> Option<Finding> {
    let (doc, query) = (case.doc, case.query);
    let stated = case.changes;
    let (_, rises, word) = stated.first()?;
    if stated.iter().any(|d| d.1 != *rises) {
        return None;
    }
    // "Turnout did not rise" is the polarity check's.
    if statement_negated(query, doc, true) {
        return None;
    }
    let told = case.claim_changes();
    let subject = query.focus.and_then(|f| {
        doc.tokens
            .iter()
            .position(|t| t.term.is_some_and(|id| query.terms[f].names_same(id)))
    });
    let after_subject = subject.and_then(|at| told.iter().find(|d| d.0 >= at));
    let only_way = told
        .first()
        .filter(|first| told.iter().all(|d| d.1 == first.1));
    let (_, said_rises, said) = after_subject.or(only_way)?;
    (said_rises != rises).then(|| Finding::Opposite {
        said: Some(said.to_string()),
        stated: Some(word.to_string()),
        negated: false,
    })
}

/// A change the statement tells ("sightings dropped last year") that a
/// claim read in other words tells in no word of change ("19 sightings
/// were reported last year"): it says how many, not that they fell. Read
/// word for word, the claim lacks the word already; there a change may be
/// told by a noun ("grow by 42 hectares" is "a 42-hectare extension").
fn unchanged(case: &Case) -> Option<Finding> {
    let (doc, query) = (case.doc, case.query);
    let &(at, _, word) = case.changes.first()?;
    // Held by a word of the claim's that no list has ("bookings declined
    // by 30%" for "fell"), it is told.
    let words = word.split_whitespace().count();
    let held = query
        .terms
        .iter()
        .enumerate()
        .any(|(i, qt)| (at..at + words).contains(&qt.at) && !case.cov.missed.contains(&i));
    if held || !case.claim_changes().is_empty() {
        return None;
    }
    // Else a word of the claim's own that WordNet puts under a word of
    // change or beside one ("decline" is to "decrease"); the words the
    // statement has as well tell none (they would be held).
    let english = crate::lexicon::english();
    let lists = word_lists();
    let listed = |id: WordId| {
        let w = english.word(id);
        lists.rising.contains(&w) || lists.falling.contains(&w)
    };
    let changing = |id: WordId| {
        listed(id)
            || english.links(id).iter().any(|&(other, link)| {
                matches!(link, Link::Synonym | Link::Hypernym) && listed(other)
            })
    };
    let told = doc.tokens.iter().any(|t| {
        t.kind == DocKind::Content
            && t.term
                .is_some_and(|term| !case.cov.hit_terms.contains(&term))
            && english
                .lemmas(&text_of(doc, &t.span()).to_lowercase())
                .into_iter()
                .any(changing)
    });
    (!told).then(|| Finding::Missing(Lacks::Words(vec![word.to_string()])))
}

/// Where a change starts and where it ends: "the race was moved from June
/// to April" against "moved from April to Sunday 8 June" swaps them. A
/// statement's name after "from" that the claim writes after "to", or the
/// other way round, differs.
fn endpoints(case: &Case) -> Option<Finding> {
    let (doc, query) = (case.doc, case.query);
    let swapped = |p: &str| match p {
        "from" => Some("to"),
        "to" => Some("from"),
        _ => None,
    };
    // Names and dates' words only: "from 11.4k to under 7k vehicles"
    // puts the unit after "to", "from roughly 11,400 vehicles" after
    // "from".
    query.terms.iter().filter(|t| t.name_like).find_map(|qt| {
        let (stated_at, stated) = preposition_at(stop_words(&query.tokens[..qt.at]))?;
        let other = swapped(stated)?;
        positions_of(doc, qt).into_iter().find_map(|p| {
            // The claim's last three words before it, as for the statement.
            let from = p.saturating_sub(3);
            let words: Vec<Option<String>> = doc.tokens[from..p]
                .iter()
                .map(|t| (t.kind == DocKind::Stop).then(|| text_of(doc, &t.span()).to_lowercase()))
                .collect();
            let (said_at, said) = preposition_at(words.iter().map(Option::as_deref))?;
            let said_at = from + said_at;
            (said == other).then(|| {
                let said = doc.tokens[said_at].span().start..doc.tokens[p].span().end;
                let stated = query.tokens[stated_at].span.start..query.tokens[qt.at].span.end;
                differs(doc, &said, query, &stated)
            })
        })
    })
}

/// The preposition among the last three words before a word (`None` for
/// a word that is not a stop word), and where it stands.
fn preposition_at<'a>(
    words: impl DoubleEndedIterator<Item = Option<&'a str>> + ExactSizeIterator,
) -> Option<(usize, &'static str)> {
    words.enumerate().rev().take(3).find_map(|(i, w)| {
        w.and_then(crate::text::stopwords::preposition)
            .map(|p| (i, p))
    })
}

/// A word (or pair of words) telling a change: its position, whether it
/// tells a rise, and the words as listed ([`directions`]).
type Change = (usize, bool, &'static str);

/// The words (or pairs of words) of a text telling a rise or a fall, in
/// its lower-case words (words.toml `rising`, `falling`): their position,
/// whether they tell a rise, and the words as listed.
fn directions(words: &[&str]) -> Vec<Change> {
    let lists = word_lists();
    let mut found = Vec::new();
    for i in 0..words.len() {
        for (list, rises) in [(lists.rising, true), (lists.falling, false)] {
            if let Some(entry) = crate::text::words::entry_at(list, words, i) {
                found.push((i, rises, entry));
            }
        }
    }
    found
}

/// A statement word the claim lacks, whose own WordNet opposite the claim
/// says: "students will lose their grade" against "will keep their
/// grade". Judged only when the claim is read in other words (the strict
/// checks find the word missing), and so it only keeps a claim that says
/// the opposite from supporting the statement. A negation on one side
/// makes the opposite agree ("will not lose").
fn opposed(case: &Case) -> Option<Finding> {
    let (doc, query) = (case.doc, case.query);
    let english = crate::lexicon::english();
    let lists = word_lists();
    let claim_words: Vec<(usize, Vec<WordId>)> = doc
        .tokens
        .iter()
        .enumerate()
        .filter(|(_, t)| t.kind == DocKind::Content)
        .filter(|(_, t)| {
            t.term
                .is_some_and(|term| !case.cov.hit_terms.contains(&term))
        })
        .map(|(at, t)| (at, english.lemmas(&text_of(doc, &t.span()).to_lowercase())))
        .collect();
    let (word, at) = case.cov.missed.iter().find_map(|&i| {
        let qt = &query.terms[i];
        if qt.name_like || qt.number.is_some() || lists.ordinals.contains(&qt.word.as_str()) {
            return None;
        }
        english
            .lemmas(&qt.word)
            .into_iter()
            .flat_map(|lemma| english.links(lemma).iter())
            .filter(|l| l.1 == Link::Antonym)
            .find_map(|&(opposite, _)| {
                claim_words
                    .iter()
                    .find(|(_, lemmas)| lemmas.contains(&opposite))
                    .map(|&(at, _)| (qt.word.clone(), at))
            })
    })?;
    let stated_negated = statement_negated(query, doc, false);
    let claim_negated = clause_negated(doc, &case.cov.hit_terms, false, !stated_negated);
    if stated_negated != claim_negated {
        return None;
    }
    Some(Finding::Opposite {
        said: Some(text_of(doc, &doc.tokens[at].span())),
        stated: Some(word),
        negated: claim_negated,
    })
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
        .filter(|&(i, _)| !says_in_other_words(doc, &query.terms[i].word))
        .collect()
}

/// Whether the claim's quote holds a WordNet synonym of a statement word,
/// however common: "shutting" against "voted to close five libraries and
/// cut opening hours" is said by "close", and "opening" is no opposite
/// there. (A claim word too common to trust for links reaches no question
/// word; seen from the statement's side, the synonym still tells.)
fn says_in_other_words(doc: &Doc, word: &str) -> bool {
    let english = crate::lexicon::english();
    let synonyms: Vec<WordId> = english
        .lemmas(word)
        .into_iter()
        .flat_map(|lemma| english.links(lemma).iter())
        .filter(|(_, link)| *link == Link::Synonym)
        .map(|&(id, _)| id)
        .collect();
    !synonyms.is_empty()
        && doc.tokens.iter().any(|t| {
            t.kind == DocKind::Content
                && english
                    .lemmas(&text_of(doc, &t.span()).to_lowercase())
                    .iter()
                    .any(|l| synonyms.contains(l))
        })
}

/// A claim that states another value than the statement: "The source says
/// 390 people, not 500 people."
fn differs(doc: &Doc, said: &Range<usize>, query: &Query, stated: &Range<usize>) -> Finding {
    Finding::Differs {
        said: text_of(doc, said),
        stated: statement_text(query, stated),
    }
}

/// Whether a claim's number is the statement's, to the precision the
/// statement writes it with: "14k" is a round figure, anything from 13,500
/// to 14,499 ("14,212"); "14,000" and "14.2k" are as exact as written.
fn same_as_written(query: &Query, stated: &values::Count, claim: f64) -> bool {
    let written = statement_text(query, &stated.surface);
    let number = written
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .trim_start_matches(|c: char| !c.is_ascii_digit());
    let thousands = number
        .strip_suffix(['k', 'K'])
        .filter(|body| !body.is_empty() && body.chars().all(|c| c.is_ascii_digit() || c == '.'));
    let half_step = thousands.map(|body| {
        let decimals = body.split_once('.').map_or(0, |(_, d)| d.len());
        500.0 / 10f64.powi(decimals as i32)
    });
    same(claim, stated.value) || half_step.is_some_and(|h| (claim - stated.value).abs() < h)
}

fn same(a: f64, b: f64) -> bool {
    (a - b).abs() <= SAME_NUMBER * a.abs().max(b.abs()).max(1.0)
}

/// How many tokens after "without" it negates.
const NARROW_SCOPE: usize = 2;

/// Whether the clause of the quote holding most of the matched terms is
/// negated. Clauses end at punctuation, "and" and contrast words; "without"
/// negates only a matched word right after it.
fn clause_negated(doc: &Doc, hits: &[u32], verbs: bool, governed: bool) -> bool {
    match main_clause(doc, hits) {
        Some(clause) => negated(doc, &clause, hits, verbs, governed),
        None => negated(doc, &clauses(doc).concat(), hits, verbs, governed),
    }
}

/// Whether one clause of the claim (token positions) is negated.
///
/// With `governed`, a negation word counts only when a matched word
/// follows it in the clause: what it denies.
fn negated(doc: &Doc, clause: &[usize], hits: &[u32], verbs: bool, governed: bool) -> bool {
    let hit = |i: usize| {
        doc.tokens
            .get(i)
            .and_then(|t| t.term)
            .is_some_and(|term| hits.contains(&term))
    };
    clause.iter().fold(false, |negated, &i| {
        let t = &doc.tokens[i];
        let word_at = |j: usize| {
            doc.tokens.get(j).and_then(|n| match n.kind {
                DocKind::Punct(_) => None,
                _ => Some(text_of(doc, &n.span()).to_lowercase()),
            })
        };
        let negates = match t.kind {
            DocKind::Negation => !governed || governs(clause, i, hit),
            DocKind::NarrowNegation => (i + 1..=i + NARROW_SCOPE).any(hit),
            // "Too early to say we have found ice": what follows is not so,
            // unless the statement speaks of the measure itself ("too
            // short to show" against "long enough to tell").
            DocKind::Stop => {
                word_at(i).as_deref() == Some("too")
                    && word_at(i + 2).as_deref() == Some("to")
                    && !hit(i + 1)
            }
            _ => false,
        };
        // A negating verb flips the clause: "did not dismiss" is positive.
        // After a preposition it denies only what follows it: "a penalty
        // for failing to license a house" does not deny the penalty.
        let before = i.checked_sub(1).and_then(word_at);
        let in_phrase = before
            .as_deref()
            .is_some_and(|w| word_lists().prepositions.contains(&w));
        let acted_on = !in_phrase || clause.iter().any(|&j| j > i && hit(j));
        let flips = verbs
            && t.kind == DocKind::Content
            && negating_verb(&text_of(doc, &t.span()).to_lowercase())
            && acts_on(before.as_deref(), word_at(i + 1).as_deref())
            && acted_on;
        (negated || negates) ^ flips
    })
}

/// Whether the claim denies one of the statement's words right where it
/// writes it, whatever its main clause says: "he had lost about 400g but
/// had no injuries" denies "injured".
fn word_denied(doc: &Doc, hits: &[u32]) -> bool {
    doc.tokens.iter().enumerate().any(|(i, t)| {
        t.term.is_some_and(|term| hits.contains(&term))
            && doc.tokens[i.saturating_sub(NARROW_SCOPE + 1)..i]
                .iter()
                .rev()
                .take_while(|b| !matches!(b.kind, DocKind::Punct(_)))
                .any(|b| b.kind == DocKind::Negation)
    })
}

/// Whether the statement is negated: a negation word, or "without" right
/// before a word the claim also has.
fn statement_negated(query: &Query, doc: &Doc, verbs: bool) -> bool {
    let in_claim = |i: usize| {
        query.tokens.get(i).is_some_and(|t| {
            query.terms.iter().any(|q| {
                q.at == i
                    && q.expansions
                        .iter()
                        .any(|e| doc.fields(e.0) & !field::LEAD != 0)
            }) && t.is_indexed()
        })
    };
    let negated = query.tokens.iter().enumerate().any(|(i, t)| match t.kind {
        TokenKind::Negation if t.word == "without" => (i + 1..=i + NARROW_SCOPE).any(in_claim),
        TokenKind::Negation => true,
        _ => false,
    });
    // A negating verb flips it: "did not dismiss" says it was welcomed.
    let flips = verbs
        && query
            .tokens
            .iter()
            .enumerate()
            .filter(|&(i, t)| {
                let word_at = |j: usize| {
                    query
                        .tokens
                        .get(j)
                        .filter(|n| !matches!(n.kind, TokenKind::Punct(_)))
                        .map(|n| n.word.as_str())
                };
                t.kind == TokenKind::Content
                    && negating_verb(&t.word)
                    && acts_on(i.checked_sub(1).and_then(word_at), word_at(i + 1))
            })
            .count()
            % 2
            == 1;
    negated ^ flips
}

/// Whether a negating verb between these words (lower case; `None` past a
/// clause's edge) denies something: "failed to stop", "rejected the
/// offer", "the offer was rejected", but not "the pump had failed,
/// causing…" nor "bookings declined by 30%".
fn acts_on(before: Option<&str>, next: Option<&str>) -> bool {
    let passive = before.is_some_and(|w| word_lists().be_forms.contains(&w));
    passive || next.is_some_and(|w| w == "to" || !word_lists().prepositions.contains(&w))
}

/// Whether a lower-case word is a form of a negating verb.
fn negating_verb(word: &str) -> bool {
    let english = crate::lexicon::english();
    word_lists().negating_verbs.contains(&word)
        || english
            .lemmas(word)
            .into_iter()
            .any(|l| word_lists().negating_verbs.contains(&english.word(l)))
}

fn preposition_before(tokens: &[Token], at: usize) -> Option<&'static str> {
    preposition_at(stop_words(&tokens[..at])).map(|(_, p)| p)
}

/// A statement's words, each `None` unless it is a stop word.
fn stop_words(
    tokens: &[Token],
) -> impl DoubleEndedIterator<Item = Option<&str>> + ExactSizeIterator {
    tokens
        .iter()
        .map(|t| (t.kind == TokenKind::Stop).then_some(t.word.as_str()))
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
    // A phrasal verb whole: "turned it down", "turned down".
    let lists = word_lists();
    let word = |i: usize| {
        doc.tokens
            .get(i)
            .and_then(|t| doc.text.get(t.span()))
            .map(str::to_lowercase)
    };
    let is = |i: usize, list: &[&str]| word(i).is_some_and(|w| list.contains(&w.as_str()));
    let end = if is(at + 1, lists.particles) {
        at + 1
    } else if is(at + 1, lists.object_pronouns) && is(at + 2, lists.particles) {
        at + 2
    } else {
        at
    };
    Some(text_of(
        doc,
        &(doc.tokens[at].span().start..doc.tokens[end].span().end),
    ))
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
            let cov = coverage(index, query, doc, &weights, Purpose::Verify, |qt| {
                qt.number.is_some() || value_positions.contains(&qt.at)
            });
            // Only the words no claim holds: "Wessex" is mentioned even
            // when the claim covering most of the statement is another.
            cov.missed
                .iter()
                .map(|&i| &query.terms[i])
                .filter(|qt| qt.primary().is_none())
                .map(|qt| qt.word.clone())
                .collect()
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

    /// Verifies statements against one article, with the default
    /// thresholds.
    fn checker(text: &str) -> impl Fn(&str) -> Verification {
        let (kb, index) = crate::index::of_article(text);
        move |statement| verify(&kb, &index, statement, Thresholds::default())
    }

    fn check(statement: &str) -> Verification {
        let text = "Each side released 390 people in the swap. The swap took place on the border with Belarus. \
                    The meeting lasted two hours on Tuesday. No progress has been made toward a ceasefire. \
                    Russia dismissed the idea as unrealistic. At least three of the returnees were women. \
                    The Vatican might step in. The invasion began in 2022.";
        let texts = HashMap::from([("swap.txt".to_string(), text.to_string())]);
        let mut kb = build(Path::new("kb"), &texts, &[], None).expect("builds");
        kb.lexicon.antonyms = vec![("dismiss".into(), "welcome".into())];
        let index = Index::build(&kb);
        verify(&kb, &index, statement, Thresholds::default())
    }

    #[test]
    fn a_hedge_in_the_clause_of_the_stated_value_counts() {
        let verify = checker(
            "Village shop appeal\n\nVillagers need to raise £85,000 by the spring. Colin \
             Aldridge, chairman of Lower Ashcombe Parish Council, said the council might \
             contribute up to £5,000 from its reserves.",
        );
        // The appositive holds more of the statement's words than the
        // clause of "£5,000", which "might" governs.
        let v = verify("Lower Ashcombe Parish Council will contribute £5,000.");
        assert_eq!(v.verdict, Verdict::Contradicted, "{v:?}");
        assert!(v.explanation.contains("might contribute"), "{v:?}");
        let v = verify("The parish council is definitely putting in £5,000.");
        assert_ne!(v.verdict, Verdict::Supported, "{v:?}");
    }

    #[test]
    fn a_count_names_what_it_counts_in_a_compound_or_past_of() {
        let verify = checker(
            "Flu outbreak\n\nDoctors in the county of Marlow confirmed 63 cases of influenza \
             across seven care homes on Friday. Inspectors said nine of those homes had \
             been warned before.",
        );
        // "Flu cases" counts what "cases of influenza" counts.
        let v = verify("Doctors confirmed 80 influenza cases in Marlow.");
        assert_eq!(v.verdict, Verdict::Contradicted, "{v:?}");
        assert!(v.explanation.contains("63"), "{v:?}");
        // "Four of the homes" counts what "nine of those homes" counts.
        let v = verify("Inspectors said four of the homes had been warned before.");
        assert_eq!(v.verdict, Verdict::Contradicted, "{v:?}");
        assert!(v.explanation.contains("nine"), "{v:?}");
        let v = verify("Inspectors said nine of the homes had been warned before.");
        assert_eq!(v.verdict, Verdict::Supported, "{v:?}");
    }

    #[test]
    fn a_part_of_a_whole_bears_out_or_contradicts_a_share() {
        let verify = checker(
            "Boiler recall\n\nEleven of the 17 fires linked to the Norvik boiler were in \
             Devon, the fire service said.",
        );
        let v = verify("More than half of the fires linked to the Norvik boiler were in Devon.");
        assert_eq!(v.verdict, Verdict::Supported, "{v:?}");
        let v =
            verify("Fewer than a third of the fires linked to the Norvik boiler were in Devon.");
        assert_eq!(v.verdict, Verdict::Contradicted, "{v:?}");
        assert!(v.explanation.contains("Eleven of the 17"), "{v:?}");
    }

    #[test]
    fn shares_and_fractions_of_a_unit_in_words_are_compared() {
        let verify = checker(
            "Library survey\n\nFewer than 10% of borrowed atlases are ever returned, the \
             librarian said. Volunteers sorted 300 boxes in under 40 minutes. The mobile \
             library stops 800 metres from the school.",
        );
        let v = verify("Less than one in ten borrowed atlases are ever returned.");
        assert_eq!(v.verdict, Verdict::Supported, "{v:?}");
        let v = verify("Volunteers sorted 300 boxes in less than three quarters of an hour.");
        assert_eq!(v.verdict, Verdict::Supported, "{v:?}");
        let v = verify("Volunteers sorted 300 boxes in half an hour.");
        assert_eq!(v.verdict, Verdict::Contradicted, "{v:?}");
        let v = verify("The mobile library stops about half a mile from the school.");
        assert_eq!(v.verdict, Verdict::Supported, "{v:?}");
        // Another unit bears out, never contradicts: the unit may be all
        // that says what is measured.
        let v = verify("The mobile library stops 2 km from the school.");
        assert_ne!(v.verdict, Verdict::Supported, "{v:?}");
        let v = verify("The mobile library stops 0.5 miles from the school.");
        assert_eq!(v.verdict, Verdict::Supported, "{v:?}");
        let v = verify("The mobile library stops 900 metres from the school.");
        assert_eq!(v.verdict, Verdict::Contradicted, "{v:?}");
    }

    #[test]
    fn two_limits_compare_as_values() {
        let verify =
            checker("Parking\n\nDrivers face fines of up to £500 for parking on the verge.");
        let v = verify("Drivers face fines of up to £1,000 for parking on the verge.");
        assert_ne!(v.verdict, Verdict::Supported, "{v:?}");
        let v = verify("Drivers face fines of up to £500 for parking on the verge.");
        assert_eq!(v.verdict, Verdict::Supported, "{v:?}");
        let v = verify("Drivers face fines of less than £1,000 for parking on the verge.");
        assert_eq!(v.verdict, Verdict::Supported, "{v:?}");
    }

    #[test]
    fn within_bounds_a_length_of_time() {
        let verify = checker("Open day\n\nAll 400 tickets for the open day went in two hours.");
        let v = verify("All 400 tickets for the open day went within three hours.");
        assert_eq!(v.verdict, Verdict::Supported, "{v:?}");
        let v = verify("All 400 tickets for the open day went within one hour.");
        assert_eq!(v.verdict, Verdict::Contradicted, "{v:?}");
    }

    #[test]
    fn months_against_weeks_are_the_same_within_a_tenth() {
        let verify =
            checker("Appeal\n\nThe choir raised £12,000 in eight weeks to repair the organ.");
        let v = verify("The choir raised £12,000 in two months to repair the organ.");
        assert_eq!(v.verdict, Verdict::Supported, "{v:?}");
        let v = verify("The choir raised £12,000 in three months to repair the organ.");
        assert_eq!(v.verdict, Verdict::Contradicted, "{v:?}");
    }

    #[test]
    fn a_hedge_or_a_negation_bears_on_what_follows_it() {
        let verify = checker(
            "Recall\n\nOnly 900 of the kettles were registered online, which means many \
             buyers may not know about the fault. A new model is expected to be on sale in March.",
        );
        let v = verify("Only 900 of the kettles were registered online.");
        assert_eq!(v.verdict, Verdict::Supported, "{v:?}");
        // The hedge bears on the month the statement gives.
        let v = verify("The new model will definitely be on sale in March.");
        assert_ne!(v.verdict, Verdict::Supported, "{v:?}");
    }

    #[test]
    fn a_sum_is_for_what_the_words_after_it_say() {
        let verify = checker(
            "Homes approved\n\nThe developer will pay £3.2m towards local services, including \
             £1.45m for an extension to the primary school and £420,000 for the health centre.",
        );
        let v = verify("The school is getting £3.2m for its extension.");
        assert_eq!(v.verdict, Verdict::Contradicted, "{v:?}");
        assert!(v.explanation.contains("£1.45m"), "{v:?}");
        let v = verify("The school is getting £1.45m for its extension.");
        assert_eq!(v.verdict, Verdict::Supported, "{v:?}");
        let v = verify("The developer will pay £3.2m towards local services.");
        assert_eq!(v.verdict, Verdict::Supported, "{v:?}");
    }

    #[test]
    fn the_same_sum_of_another_thing_supports_nothing() {
        let verify = checker(
            "Villagers save post office\n\nVillagers in Ashcombe have formed a company to buy \
             their post office. They need to raise £85,000 by the spring. The figure includes a \
             £10,000 loan from the Wessex Rural Trust, a charity that supports village services. \
             The postmaster, Alan Reed, retires in May.",
        );
        let v = verify("The Wessex Rural Trust gave them a £10k grant.");
        assert_ne!(v.verdict, Verdict::Supported, "{v:?}");
        // The claim does mention the trust: not said to be missing.
        assert!(!v.explanation.contains("Wessex"), "{v:?}");
        let v = verify("The Wessex Rural Trust gave them a £10k loan.");
        assert_eq!(v.verdict, Verdict::Supported, "{v:?}");
    }

    #[test]
    fn a_value_is_the_one_the_statement_s_words_stand_around() {
        let verify = checker(
            "Whales refloated\n\nVolunteers from the marine rescue charity worked through the \
             afternoon. High water at the beach was at 4.52pm, and the first animal was floated \
             off on pontoons shortly after 3.30pm. The charity said the rescue had cost about \
             £8,500, mainly for fuel and transport, and an emergency appeal had raised £12,300 by \
             Wednesday evening. The council said 19 of the 23 volunteers were local.",
        );
        for (statement, said) in [
            ("High tide was at 3.30pm.", "4.52pm"),
            ("The rescue cost the charity about £12,300.", "£8,500"),
            ("All 23 volunteers were local.", "19"),
        ] {
            let v = verify(statement);
            assert_eq!(v.verdict, Verdict::Contradicted, "{statement}: {v:?}");
            assert!(v.explanation.contains(said), "{statement}: {v:?}");
        }
        for statement in [
            "High tide was at 4.52pm.",
            "The rescue cost the charity about £8,500.",
            "The appeal raised about £12,300.",
            "19 of the 23 volunteers were local.",
        ] {
            let v = verify(statement);
            assert_eq!(v.verdict, Verdict::Supported, "{statement}: {v:?}");
        }
    }

    #[test]
    fn a_negating_verb_after_a_preposition_denies_only_what_follows() {
        let verify = checker(
            "Landlord fined\n\nA landlord was fined £48,500 on Monday. The prosecutor said he \
             had been warned twice before, when he received a civil penalty for failing to \
             license a house.",
        );
        let v = verify("He had never had any warning or penalty before this case.");
        assert_eq!(v.verdict, Verdict::Contradicted, "{v:?}");
        let v = verify("He received a civil penalty.");
        assert_eq!(v.verdict, Verdict::Supported, "{v:?}");
        let v = verify("He licensed the house.");
        assert_ne!(v.verdict, Verdict::Supported, "{v:?}");
    }

    #[test]
    fn a_word_in_ing_naming_a_noun_is_no_hedge() {
        let verify = checker(
            "Quarry allowed\n\nA government planning inspector has allowed a limestone quarry \
             to expand by 42 hectares. The operator is planning a visitor centre at the site.",
        );
        let v = verify("The inspector allowed the quarry to expand by 42 hectares.");
        assert_eq!(v.verdict, Verdict::Supported, "{v:?}");
        let v = verify("The operator has built a visitor centre at the site.");
        assert_ne!(v.verdict, Verdict::Supported, "{v:?}");
    }

    #[test]
    fn last_year_s_is_last_year() {
        let verify = checker(
            "Quarry conditions\n\nLorry movements will be capped at 260 a day, about 16% fewer \
             than the 310 recorded on the busiest days last year.",
        );
        let v = verify("Lorries are limited to 260 a day, 16% below last year's busiest days.");
        assert_eq!(v.verdict, Verdict::Supported, "{v:?}");
        let v = verify("Lorries are limited to 260 a day, 16% below this year's busiest days.");
        assert_ne!(v.verdict, Verdict::Supported, "{v:?}");
    }

    #[test]
    fn an_age_is_compared_with_ages_not_with_lengths_of_time() {
        let verify = checker(
            "Record waits\n\nMargaret Holloway, 84, a retired teacher from Ashcombe, spent \
             31 hours on a trolley in a corridor after breaking her hip. Amy Lowther, 34, a \
             nurse, waited six hours.",
        );
        let v = verify("An 84 year old woman was left on a trolley for 31 hours.");
        assert_eq!(v.verdict, Verdict::Supported, "{v:?}");
        let v = verify("A 90 year old woman was left on a trolley for 31 hours.");
        assert_eq!(v.verdict, Verdict::Contradicted, "{v:?}");
        assert!(v.explanation.contains("84"), "{v:?}");
        let v = verify("Amy Lowther is a 34-year-old teacher.");
        assert_ne!(v.verdict, Verdict::Supported, "{v:?}");
    }

    #[test]
    fn a_sum_for_something_counts_none_of_it() {
        let verify = checker(
            "Stadium bid\n\nThe supporters' trust has launched a £3.2m bid to buy the club's \
             ground from the developer. The council has set aside £450,000 to fight the appeal.",
        );
        let v = verify("The trust has made a bid of over £3m for the ground.");
        assert_eq!(v.verdict, Verdict::Supported, "{v:?}");
        let v = verify("The council has put aside £450k to fight the appeal.");
        assert_eq!(v.verdict, Verdict::Supported, "{v:?}");
        let v = verify("The council has put aside £250k to fight the appeal.");
        assert_eq!(v.verdict, Verdict::Contradicted, "{v:?}");
    }

    #[test]
    fn numbers_the_statement_and_the_claim_both_write_agree() {
        let verify = checker(
            "Library cuts\n\nThe committee voted seven to four in favour of the scheme by \
             Halbrook Homes after a meeting that lasted almost four hours. The remaining 11 \
             branches will open for an average of 28 hours a week, down from 40 hours.",
        );
        let v = verify("the vote was 7-4");
        assert_eq!(v.verdict, Verdict::Supported, "{v:?}");
        let v = verify("the vote was 8-3");
        assert_eq!(v.verdict, Verdict::Contradicted, "{v:?}");
        let v = verify("branches that stay open go from 40 hrs a week down to about 28 on average");
        assert_ne!(v.verdict, Verdict::Contradicted, "{v:?}");
    }

    #[test]
    fn an_age_told_by_its_decade_agrees_with_any_age_in_it() {
        let verify = checker(
            "House fire\n\nThe fire broke out at a terraced house in Ashby Green, where Derek \
             Holloway, 67, a retired postman, had left his bike charging overnight. A 34-year-old \
             neighbour raised the alarm.",
        );
        let v = verify("Derek Holloway is in his late sixties.");
        assert_eq!(v.verdict, Verdict::Supported, "{v:?}");
        let v = verify("The retired postman was in his 60s.");
        assert_eq!(v.verdict, Verdict::Supported, "{v:?}");
        let v = verify("Derek Holloway is in his early 60s.");
        assert_eq!(v.verdict, Verdict::Contradicted, "{v:?}");
        assert!(v.explanation.contains("67"), "{v:?}");
        let v = verify("Derek Holloway is 67.");
        assert_eq!(v.verdict, Verdict::Supported, "{v:?}");
        let v = verify("The neighbour who raised the alarm is in her thirties.");
        assert_eq!(v.verdict, Verdict::Supported, "{v:?}");
        assert!(v.explanation.contains("says so"), "{v:?}");
    }

    #[test]
    fn an_age_the_source_gives_by_its_decade_bounds_the_statement_s() {
        let verify = checker(
            "Cliff rescue\n\nA walker in his 60s was airlifted to hospital after falling 20 \
             metres.",
        );
        let v = verify("The walker was in his sixties.");
        assert_eq!(v.verdict, Verdict::Supported, "{v:?}");
        let v = verify("The walker was a 64-year-old.");
        assert_eq!(v.verdict, Verdict::NotFound, "{v:?}");
        let v = verify("The walker was a 75-year-old.");
        assert_eq!(v.verdict, Verdict::Contradicted, "{v:?}");
        let v = verify("The walker was 64.");
        assert_ne!(v.verdict, Verdict::Contradicted, "{v:?}");
    }

    #[test]
    fn a_verb_of_exceeding_bounds_the_number_after_it() {
        let verify = checker(
            "Festival refunds\n\nAn online petition calling for full refunds had gathered \
             more than 11,000 signatures by Sunday evening.",
        );
        let v = verify("The refund petition passed 10k signatures.");
        assert_eq!(v.verdict, Verdict::Supported, "{v:?}");
        let v = verify("The refund petition topped 10,000 signatures.");
        assert_eq!(v.verdict, Verdict::Supported, "{v:?}");
        let v = verify("The refund petition gathered 10,000 signatures.");
        assert_ne!(v.verdict, Verdict::Supported, "{v:?}");
    }

    #[test]
    fn a_bound_on_a_time_told_against_the_event_is_compared() {
        let verify = checker(
            "Measles clinics\n\nThe clinics will open eight days after the council declared \
             an outbreak, the director said.",
        );
        let v = verify("The clinics open just over a week after the outbreak was declared.");
        assert_eq!(v.verdict, Verdict::Supported, "{v:?}");
        let v = verify("The clinics open a week after the outbreak was declared.");
        assert_eq!(v.verdict, Verdict::Contradicted, "{v:?}");
        let v = verify("The clinics open more than two weeks after the outbreak was declared.");
        assert_ne!(v.verdict, Verdict::Supported, "{v:?}");
    }

    #[test]
    fn an_opposite_in_a_statement_told_in_other_words_contradicts() {
        let verify = checker(
            "Ferry operator responds to report\n\nThe inspectors said the crew had not checked \
             the engine before the crossing. Harbour Ferries said it accepted the findings of the \
             inspectors in full and had retrained its engineers.",
        );
        for statement in [
            "Harbour Ferries rejected the inspectors' conclusions.",
            "The operator rejected the findings of the inspectors.",
            "The ferry company rejected what the inspectors found.",
        ] {
            let v = verify(statement);
            assert_eq!(v.verdict, Verdict::Contradicted, "{statement}: {v:?}");
            assert!(v.explanation.contains("accepted"), "{statement}: {v:?}");
        }
        // The same statement without the opposite is not contradicted.
        let v = verify("Harbour Ferries retrained its engineers after the report.");
        assert_ne!(v.verdict, Verdict::Contradicted, "{v:?}");
    }

    #[test]
    fn an_opposite_from_wordnet_reaches_the_verb_of_its_participle() {
        // WordNet opposes "skeptical" to "trusting"; no vocabulary pair says
        // it, and "trusts" is read through the verb "trust".
        let text = "The minister remains skeptical of the council's intentions.";
        let (kb, index) = crate::index::of_article(text);
        let v = verify(
            &kb,
            &index,
            "The minister trusts the council's intentions.",
            Thresholds::default(),
        );
        assert_eq!(v.verdict, Verdict::Contradicted, "{}", v.explanation);
    }

    #[test]
    fn a_name_is_read_from_the_sentence_before_only_when_the_claim_names_no_one_else() {
        let text = "Harbury City have signed the striker Mateo Quintana from Vila Nova. \
                    He will earn £240,000 a week. \
                    The club's chief executive, Martin Hale, said the signing was affordable.";
        let check = checker(text);
        let cases = [
            ("Quintana will earn £240,000 a week.", Verdict::Supported),
            ("Quintana will earn £420,000 a week.", Verdict::Contradicted),
            (
                "Quintana said the signing was affordable.",
                Verdict::Contradicted,
            ),
            (
                "Gareth Pryce is the club's chief executive.",
                Verdict::Contradicted,
            ),
        ];
        for (statement, verdict) in cases {
            let v = check(statement);
            assert_eq!(v.verdict, verdict, "{statement}: {}", v.explanation);
        }
        let v = check("Gareth Pryce is the club's chief executive.");
        assert_eq!(
            v.explanation,
            "The source says Martin Hale, not Gareth Pryce."
        );
    }

    #[test]
    fn a_person_the_claim_names_does_not_put_aside_the_place_before_it() {
        let text = "Fire destroys shops on Harlby high street\n\n\
                    A fire destroyed five shops in Harlby overnight. \
                    About 60 firefighters were at the scene, the fire service's chief officer, Dan Pike, said.";
        let check = checker(text);
        let cases = [
            (
                "About 60 firefighters were at the scene of the Harlby fire.",
                Verdict::Supported,
            ),
            (
                "About 90 firefighters were at the scene of the Harlby fire.",
                Verdict::Contradicted,
            ),
            // A person still stands against the claim's person.
            (
                "Kate Moss said about 60 firefighters were at the scene.",
                Verdict::Contradicted,
            ),
        ];
        for (statement, verdict) in cases {
            let v = check(statement);
            assert_eq!(v.verdict, verdict, "{statement}: {}", v.explanation);
        }
    }

    #[test]
    fn a_date_stands_against_a_date_in_its_place_and_not_a_place() {
        let text = "Graduation ceremonies are due to run over five days from Tuesday 15 July \
                    at the city's Lantern Hall. This year's race was moved from April to Sunday 8 June \
                    to avoid a clash with a rugby fixture.";
        let check = checker(text);
        let cases = [
            (
                "Graduation ceremonies run on Tuesday 15 July.",
                Verdict::Supported,
            ),
            (
                "Graduation ceremonies are at the Corn Exchange.",
                Verdict::Contradicted,
            ),
            // Where a change starts and ends.
            ("The race was moved from April to June.", Verdict::Supported),
            (
                "The race was moved from June to April.",
                Verdict::Contradicted,
            ),
        ];
        for (statement, verdict) in cases {
            let v = check(statement);
            assert_eq!(v.verdict, verdict, "{statement}: {}", v.explanation);
        }
        assert_eq!(
            check("The race was moved from June to April.").explanation,
            "The source says to Sunday 8 June, not from June."
        );
    }

    #[test]
    fn a_time_told_in_words_is_on_either_half_of_the_day() {
        let check = checker("The ferry left Port Ellery at 6.40pm on Friday.");
        for (statement, verdict) in [
            (
                "The ferry left Port Ellery at twenty to seven.",
                Verdict::Supported,
            ),
            (
                "The ferry left Port Ellery at ten to seven.",
                Verdict::Contradicted,
            ),
        ] {
            let v = check(statement);
            assert_eq!(v.verdict, verdict, "{statement}: {}", v.explanation);
        }
    }

    #[test]
    fn the_opposite_of_a_phrasal_verb_is_found_and_quoted_whole() {
        let text = "Ministers offered Veltra a support package worth £120m, but the company had turned it down.";
        let (kb, index) = crate::index::of_article(text);
        let v = verify(
            &kb,
            &index,
            "Veltra accepted the support package.",
            Thresholds::default(),
        );
        assert_eq!(v.verdict, Verdict::Contradicted, "{}", v.explanation);
        assert_eq!(
            v.explanation,
            "The source says turned it down, not accepted."
        );
    }

    #[test]
    fn a_year_and_a_month_alone_neither_agree_nor_differ() {
        let text =
            "Kestrel said it had submitted its data in October and expects a decision by mid-2025.";
        let check = checker(text);
        let v = check("Kestrel submitted its data in March.");
        assert_eq!(v.verdict, Verdict::Contradicted, "{}", v.explanation);
        assert_eq!(v.explanation, "The source says October, not March.");
        let text = "The ferry ran aground on 14 March.";
        let (kb, index) = crate::index::of_article(text);
        let v = verify(
            &kb,
            &index,
            "The ferry ran aground in 2009.",
            Thresholds::default(),
        );
        assert_eq!(v.verdict, Verdict::NotFound, "{}", v.explanation);
    }

    #[test]
    fn days_of_the_month_and_times_of_day_are_compared() {
        let text = "The new mayor will be sworn in on 21 October. The count finished at 2.15am.";
        let check = checker(text);
        let cases = [
            (
                "The new mayor will be sworn in on 21 October.",
                Verdict::Supported,
                "The source says so.",
            ),
            (
                "The new mayor will be sworn in on 23 October.",
                Verdict::Contradicted,
                "The source says 21 October, not 23 October.",
            ),
            (
                "The count finished at 3.15am.",
                Verdict::Contradicted,
                "The source says 2.15am, not 3.15am.",
            ),
            (
                "The count finished at 2.15am.",
                Verdict::Supported,
                "The source says so.",
            ),
        ];
        for (statement, verdict, why) in cases {
            let v = check(statement);
            assert_eq!(
                (v.verdict, v.explanation.as_str()),
                (verdict, why),
                "{statement}"
            );
        }
    }

    #[test]
    fn a_place_is_where_the_claim_puts_it_not_merely_in_the_claim() {
        let text =
            "The handover took place on the frontier with Moldova after talks held in Vienna. \
                    Vienna and Geneva hosted the earlier rounds. Observers came from Oslo.";
        let check = checker(text);
        let v = check("The handover took place in Vienna.");
        assert_eq!(v.verdict, Verdict::Contradicted, "{}", v.explanation);
        assert_eq!(v.explanation, "The source says Moldova, not Vienna.");
        for supported in [
            "The handover took place on the frontier with Moldova.",
            "Talks were held in Vienna.",
        ] {
            let v = check(supported);
            assert_eq!(
                v.verdict,
                Verdict::Supported,
                "{supported}: {}",
                v.explanation
            );
        }
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
            // In other words than the source's: found by meaning, judged by
            // the value.
            (
                "Each side handed back 500 people in the swap.",
                Verdict::Contradicted,
                "390 people",
            ),
            (
                "More than 300 people were released by each side.",
                Verdict::Supported,
                "390 people",
            ),
            (
                "Exactly three of the returnees were women.",
                Verdict::Contradicted,
                "At least three",
            ),
            ("The Vatican will step in.", Verdict::Contradicted, "might"),
            (
                "The invasion began in February 2022.",
                Verdict::NotFound,
                "",
            ),
            (
                "Russia did not dismiss the idea.",
                Verdict::Contradicted,
                "dismissed",
            ),
            ("Russia rejected the idea.", Verdict::Supported, "dismissed"),
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

    #[test]
    fn an_ordinal_is_compared_not_skipped() {
        let text = "Nurses began a 72-hour strike on Tuesday, the first walkout in the trust's history.\n\n\
                    A red panda escaped from the zoo's enclosure on Saturday.";
        let check = checker(text);
        let v = check("This is the third strike in the trust's history.");
        assert_eq!(v.verdict, Verdict::Contradicted, "{}", v.explanation);
        assert!(v.explanation.contains("first"), "{}", v.explanation);
        let v = check("This is the first walkout in the trust's history.");
        assert_eq!(v.verdict, Verdict::Supported, "{}", v.explanation);
        let v = check("It was the first escape ever from the zoo's enclosure.");
        assert_ne!(v.verdict, Verdict::Supported, "{}", v.explanation);
    }

    #[test]
    fn a_denied_word_is_read_in_its_own_clause() {
        let text = "A vet who examined the panda on Monday found that he had lost about 400g but had no injuries.";
        let check = checker(text);
        let v = check("A vet found that the panda had not been injured.");
        assert_eq!(v.verdict, Verdict::Supported, "{}", v.explanation);
        let v = check("A vet found that the panda had been injured.");
        assert_eq!(v.verdict, Verdict::Contradicted, "{}", v.explanation);
    }

    #[test]
    fn a_count_for_each_is_not_a_total() {
        let text = "Each side released 390 people, and 120 civilians per side were among them.";
        let check = checker(text);
        let v = check("Only 390 people were released in total.");
        assert_eq!(v.verdict, Verdict::Contradicted, "{}", v.explanation);
        let v = check("Each side released 390 people.");
        assert_eq!(v.verdict, Verdict::Supported, "{}", v.explanation);
    }

    #[test]
    fn a_bound_on_a_count_is_compared_not_looked_for_as_words() {
        let text = "There were 47 passengers and three crew on board. Passenger Amy Lowther, 34, climbed out.";
        let check = checker(text);
        for s in [
            "There were fewer than 50 passengers on board.",
            "There were more than 40 passengers on board.",
            "There were no fewer than 45 passengers on board.",
        ] {
            let v = check(s);
            assert_eq!(v.verdict, Verdict::Supported, "{s}: {}", v.explanation);
        }
        for s in [
            "There were fewer than 40 passengers on board.",
            "There were no more than 30 passengers on board.",
        ] {
            let v = check(s);
            assert_eq!(v.verdict, Verdict::Contradicted, "{s}: {}", v.explanation);
        }
        // An age of 34 is below 40 but counts no passengers.
        let v = check("Fewer than 40 passengers climbed out.");
        assert_ne!(v.verdict, Verdict::Supported, "{}", v.explanation);
    }

    #[test]
    fn a_statement_in_other_words_is_judged_by_the_claim_it_is_about() {
        let text = "Dockworkers at Port Merrow returned to work on Monday after a nine-day strike over pay ended with a deal. \
                    Talks between the union and the port operator broke down on Friday after eleven hours without agreement. \
                    The port handles about 40 ships a week, and the stoppage left more than 200 containers waiting on the quay. \
                    The operator said the new offer would raise pay by 6% this year.";
        let check = checker(text);
        // "Stuck", "sitting", "dock", "vessels", "lift wages": words the
        // article does not use.
        for s in [
            "More than 200 containers were left stuck on the quay during the stoppage.",
            "Roughly 40 vessels pass through the port every week.",
            "The operator's offer would lift wages by 6 percent.",
        ] {
            let v = check(s);
            assert_eq!(v.verdict, Verdict::Supported, "{s}: {}", v.explanation);
        }
        // The same words with another value are never supported.
        for s in [
            "More than 500 containers were left stuck on the quay during the stoppage.",
            "The operator's offer would lift wages by 9 percent.",
        ] {
            let v = check(s);
            assert_ne!(v.verdict, Verdict::Supported, "{s}: {}", v.explanation);
        }
    }

    #[test]
    fn a_person_stands_only_for_a_person_and_a_place_for_a_place() {
        let text = "Supermarket closures\n\n\
                    Chief executive Margaret Ellery, 58, broke the news to staff at the Brackenford head office.\n\n\
                    The largest store, on Kettlewick's Mill Road, employs 112 people.\n\n\
                    Its finance director, Tom Bexley, said the chain had lost money.";
        let check = checker(text);
        // A street is no person: the first claim says nothing of it.
        let v = check("The Mill Road store broke the news to staff.");
        assert_ne!(v.verdict, Verdict::Contradicted, "{}", v.explanation);
        // Another person in the person's place contradicts.
        let v = check("Tom Bexley broke the news to staff at the Brackenford head office.");
        assert_eq!(v.verdict, Verdict::Contradicted, "{}", v.explanation);
        assert!(
            v.explanation.contains("Margaret Ellery"),
            "{}",
            v.explanation
        );
        // A people's adjective stands only for another's.
        let check = checker(
            "Recall\n\nA British electric bike maker has recalled more than 38,000 batteries.\n\nVoltaro's managing director apologised.",
        );
        let v = check("Voltaro recalled over 38k batteries.");
        assert_ne!(v.verdict, Verdict::Contradicted, "{}", v.explanation);
        let v = check("A Dutch electric bike maker has recalled more than 38,000 batteries.");
        assert_eq!(v.verdict, Verdict::Contradicted, "{}", v.explanation);
    }

    #[test]
    fn a_claim_whose_subject_is_the_sentence_before_can_contradict_but_not_support() {
        let text = "Derailment\n\nA passenger train derailed on a rural line in Cumbria after heavy rain washed away part of the embankment.\n\n\
                    The two-carriage train came off the rails at 6.42am on Tuesday near the village of Ashby Fell, about 11 miles south of Carlisle.\n";
        let texts =
            std::collections::HashMap::from([("article.txt".to_string(), text.to_string())]);
        let vocabulary = "antonyms = [[\"north\", \"south\"]]\n";
        let kb = crate::knowledge::files::build(
            std::path::Path::new("kb"),
            &texts,
            &[],
            Some(vocabulary),
        )
        .expect("the article loads");
        let index = crate::index::Index::build(&kb);
        let check = |s: &str| verify(&kb, &index, s, Thresholds::default());
        // "Derailed" is only in the sentence before: the claim is about it,
        // so its "south" contradicts…
        let v = check("The train derailed near Ashby Fell, about 11 miles north of Carlisle.");
        assert_eq!(v.verdict, Verdict::Contradicted, "{}", v.explanation);
        assert!(v.explanation.contains("south"), "{}", v.explanation);
        // …but it does not say "derailed" itself.
        let v = check("The train derailed near Ashby Fell, about 11 miles south of Carlisle.");
        assert_ne!(v.verdict, Verdict::Contradicted, "{}", v.explanation);
    }

    #[test]
    fn a_common_word_typed_in_lower_case_is_no_name() {
        let check = checker(
            "Ferry\n\nThe Marine Accident Investigation Unit is looking into the grounding.\n\n\
             Callum Reid said bookings at guesthouses had fallen by around 30% since the grounding.\n",
        );
        let v =
            check("Bookings at guesthouses have dropped by about 30 percent since the accident.");
        assert_ne!(v.verdict, Verdict::Contradicted, "{}", v.explanation);
    }

    #[test]
    fn who_says_it_is_part_of_what_is_stated() {
        let check = checker(
            "Supermarket closures\n\nTillworth's will close nine of its 47 stores by the end of March.\n\n\
             The Retail and Distribution Workers' Union said staff had been given only 48 hours' notice before the announcement.\n",
        );
        let v = check("The company admitted staff only got 48 hours notice.");
        assert_ne!(v.verdict, Verdict::Supported, "{}", v.explanation);
        let v = check("The union said staff only got 48 hours notice.");
        assert_ne!(v.verdict, Verdict::Contradicted, "{}", v.explanation);
        // A speaker the claim leaves to the sentence before ("he said")
        // is no other speaker.
        let check = checker(
            "Talks\n\nZelensky spoke after the exchange.\n\nHe said the swap was an important step.\n",
        );
        let v = check("Zelensky said the swap was an important step.");
        assert_eq!(v.verdict, Verdict::Supported, "{}", v.explanation);
    }

    #[test]
    fn what_is_only_being_considered_has_not_happened() {
        let check = checker(
            "Quarry\n\nThe residents' group is considering a legal challenge in the High Court.\n",
        );
        let v = check("The residents' group has a legal challenge in the High Court.");
        assert_eq!(v.verdict, Verdict::Contradicted, "{v:?}");
        assert!(v.explanation.contains("considering"), "{v:?}");
    }

    #[test]
    fn a_statement_of_what_is_meant_to_be_is_no_certainty() {
        let check = checker(
            "Jobs\n\nConsultation with employees will begin on Monday and is expected to last 45 days.\n",
        );
        let v = check("The consultation is meant to last 45 days.");
        assert_eq!(v.verdict, Verdict::Supported, "{}", v.explanation);
        let v = check("The consultation will definitely last 45 days.");
        assert_eq!(v.verdict, Verdict::Contradicted, "{}", v.explanation);
    }

    #[test]
    fn another_name_contradicts_only_a_claim_about_the_same_thing() {
        let text = "Harland Foods to close Selby bakery\n\n\
                    Harland Foods will shut its bakery in Selby by the end of June, with the loss of about 400 jobs, the company announced on Monday.\n\n\
                    The firm said rising flour costs had made the site unprofitable.\n";
        let check = checker(text);
        let v = check("Harland Foods will shut its bakery in Leeds.");
        assert_eq!(v.verdict, Verdict::Contradicted, "{}", v.explanation);
        assert!(v.explanation.contains("Selby"), "{}", v.explanation);
        // The claim shares "Harland", but says nothing of a workforce across
        // a country: "Foods, not Britain" would be nonsense.
        let v = check("Harland employs 5,000 people across Britain.");
        assert_eq!(v.verdict, Verdict::NotFound, "{}", v.explanation);
        // Another name and another figure: another company's story.
        let check = checker(
            "Battery recall\n\nThe recall is the largest since 2021, when the scooter maker Glidewell recalled 22,000 battery packs after five fires.\n",
        );
        let v = check("Voltaro recalled 38,000 battery packs.");
        assert_eq!(v.verdict, Verdict::NotFound, "{}", v.explanation);
        let v = check("Voltaro recalled 22,000 battery packs.");
        assert_eq!(v.verdict, Verdict::Contradicted, "{}", v.explanation);
    }

    #[test]
    fn another_name_contradicts_only_where_no_claim_as_close_holds_the_statement_s() {
        let check = checker(
            "Pilot whales stranded on Pembrokeshire beach\n\n\
             Volunteers refloated most of the pilot whales. Post-mortem examinations of \
             the pilot whales stranded on Tuesday will be carried out at a laboratory in \
             Carmarthen.\n",
        );
        // The headline holds every word but the day: the laboratory in
        // Carmarthen is something else.
        let v = check("Pilot whales stranded in Pembrokeshire on Tuesday.");
        assert_ne!(v.verdict, Verdict::Contradicted, "{v:?}");
        // A name no claim holds still meets the other name in its place.
        let v = check("Post-mortem examinations of the whales will be carried out in Swansea.");
        assert_eq!(v.verdict, Verdict::Contradicted, "{v:?}");
        assert!(v.explanation.contains("Carmarthen"), "{v:?}");
    }

    #[test]
    fn the_member_s_own_stance_is_no_word_the_source_must_say() {
        let check = checker(
            "Coolant leak\n\nAbout 8,000 litres of coolant leaked from a tank at the plant.\n",
        );
        let v = check("apparently about 8,000 litres of coolant leaked out");
        assert_eq!(v.verdict, Verdict::Supported, "{v:?}");
        let v = check("apparently about 80,000 litres of coolant leaked out");
        assert_eq!(v.verdict, Verdict::Contradicted, "{v:?}");
    }

    #[test]
    fn a_negating_verb_denies_only_what_it_acts_on() {
        let text = "Bookings at guesthouses declined by 30% after the storm. \
                    The council rejected the plan in March. The offer was refused by the union.";
        let check = checker(text);
        // "Declined by 30%": bookings fell; nothing is denied.
        let v = check("Bookings at guesthouses fell by 30% after the storm.");
        assert_eq!(v.verdict, Verdict::Supported, "{}", v.explanation);
        let v = check("The council accepted the plan in March.");
        assert_eq!(v.verdict, Verdict::Contradicted, "{}", v.explanation);
        // A passive still denies: the offer was not accepted.
        let v = check("The union accepted the offer.");
        assert_eq!(v.verdict, Verdict::Contradicted, "{}", v.explanation);
    }

    #[test]
    fn a_bound_is_met_only_by_a_count_of_the_same_thing_and_scope() {
        let text = "The exchange included 270 military personnel and 120 civilians per side.";
        let check = checker(text);
        // "Military" is the opposite of "civilians", not another word for
        // them: 270 military personnel do not make more than 200 civilians.
        let v = check("The exchange included more than 200 civilians per side.");
        assert_eq!(v.verdict, Verdict::Contradicted, "{}", v.explanation);
        assert!(v.explanation.contains("120"), "{}", v.explanation);
        // A total against a count for each: how many sides there are is not
        // in the words, so neither agrees nor differs.
        let v = check("The exchange included a combined 240 civilians.");
        assert_ne!(v.verdict, Verdict::Contradicted, "{}", v.explanation);
    }

    #[test]
    fn a_bound_on_a_length_of_time_is_compared() {
        let text = "The bridge reopened on Monday, ending a 14-month closure. \
                    The firm will pause the turbines for up to 40 nights a year.";
        let check = checker(text);
        let v = check("The closure lasted more than a year.");
        assert_eq!(v.verdict, Verdict::Supported, "{}", v.explanation);
        let v = check("The closure lasted less than a year.");
        assert_eq!(v.verdict, Verdict::Contradicted, "{}", v.explanation);
        // A limit on both sides is compared as a value.
        let v = check("The firm will pause the turbines for up to 60 nights a year.");
        assert_eq!(v.verdict, Verdict::Contradicted, "{}", v.explanation);
    }

    #[test]
    fn a_claim_that_something_was_only_sought_does_not_say_it_was_had() {
        let text = "The water company has applied for a drought permit for the River Tolley.";
        let check = checker(text);
        let v = check("The water company has a drought permit for the River Tolley.");
        assert_ne!(v.verdict, Verdict::Supported, "{}", v.explanation);
        assert!(
            v.explanation.contains("applied for a drought"),
            "{}",
            v.explanation
        );
        let v = check("The water company applied for a drought permit.");
        assert_eq!(v.verdict, Verdict::Supported, "{}", v.explanation);
    }

    #[test]
    fn too_early_to_say_denies_what_follows() {
        let text = "Professor Mehta said it was far too early to say they had found ice. \
                    Dr Strand warned that 18 months of follow-up was too short to show whether protection fades.";
        let check = checker(text);
        let v = check("Professor Mehta said they have found ice.");
        assert_eq!(v.verdict, Verdict::Contradicted, "{}", v.explanation);
        // The measure itself is what the statement turns round.
        let v = check("Dr Strand said 18 months of follow-up was long enough to show whether protection fades.");
        assert_eq!(v.verdict, Verdict::Contradicted, "{}", v.explanation);
        let v = check(
            "Dr Strand said 18 months of follow-up was too short to show whether protection fades.",
        );
        assert_eq!(v.verdict, Verdict::Supported, "{}", v.explanation);
    }

    #[test]
    fn a_change_by_so_much_is_the_difference_of_two_values() {
        let text = "The club's membership fell from 420 members to 310. \
                    Councillors approved the budget by 38 votes to 29.";
        let check = checker(text);
        let v = check("The club's membership fell by 110 members.");
        assert_ne!(v.verdict, Verdict::Contradicted, "{}", v.explanation);
        let v = check("The budget was approved by 9 votes.");
        assert_ne!(v.verdict, Verdict::Contradicted, "{}", v.explanation);
        let v = check("The budget was approved by 12 votes.");
        assert_eq!(v.verdict, Verdict::Contradicted, "{}", v.explanation);
    }

    #[test]
    fn a_place_introduced_by_another_stands_where_it_does() {
        let text =
            "Thirty-four homes were evacuated in the Norfolk seaside town of Cawsby on Tuesday. \
                    The swap took place on the border with Belarus after talks in Istanbul.";
        let check = checker(text);
        let v = check("Homes were evacuated in Cawsby.");
        assert_eq!(v.verdict, Verdict::Supported, "{}", v.explanation);
        let v = check("Homes were evacuated in Norfolk.");
        assert_eq!(v.verdict, Verdict::Supported, "{}", v.explanation);
        let v = check("The swap took place in Istanbul.");
        assert_eq!(v.verdict, Verdict::Contradicted, "{}", v.explanation);
    }

    #[test]
    fn which_refers_to_the_name_before_it() {
        let text = "The remainder is being met by Fenmore County Council and the \
                    Port Callan Harbour Trust, which owns the bridge.";
        let check = checker(text);
        let v = check("Fenmore County Council owns the bridge.");
        assert_eq!(v.verdict, Verdict::Contradicted, "{}", v.explanation);
        assert!(v.explanation.contains("Harbour Trust"), "{}", v.explanation);
        let v = check("The Port Callan Harbour Trust owns the bridge.");
        assert_eq!(v.verdict, Verdict::Supported, "{}", v.explanation);
    }

    #[test]
    fn a_sentence_naming_no_one_passes_on_the_name_before_it() {
        let text = "Bakery reopens\n\n\
                    The Crumb Street bakery reopened on Monday after a fire in March.\n\n\
                    Its owner, Rosalind Teague, said the repairs had taken most of the family's savings.\n\n\
                    \"We nearly gave up,\" she said.\n\n\
                    Her new oven was built by a firm in Leeds.\n";
        let check = checker(text);
        // "Her" is Rosalind Teague's, though the sentence before names no one.
        let v = check("Rosalind Teague's new oven was built in Leeds.");
        assert_eq!(v.verdict, Verdict::Supported, "{}", v.explanation);
        let v = check("Rosalind Teague's new oven was built in York.");
        assert_eq!(v.verdict, Verdict::Contradicted, "{}", v.explanation);
        // Someone else's oven is not hers.
        let v = check("Martin Crowe's new oven was built in Leeds.");
        assert_ne!(v.verdict, Verdict::Supported, "{}", v.explanation);
    }

    #[test]
    fn the_name_a_lead_leaves_to_the_next_sentence_is_the_leads() {
        let text = "Bike batteries recalled\n\n\
                    A bike maker has recalled more than 38,000 batteries after 14 house fires in England.\n\n\
                    Voltaro Cycles, which is based in Kettering, told owners to stop charging them.\n\n\
                    Owners can return the packs to Voltaro for a refund.\n";
        let check = checker(text);
        let v = check("Voltaro recalled over 38k batteries");
        assert_eq!(v.verdict, Verdict::Supported, "{}", v.explanation);
        let v = check("Voltaro recalled over 50k batteries");
        assert_eq!(v.verdict, Verdict::Contradicted, "{}", v.explanation);
        // Another firm is not the lead's subject.
        let v = check("Halden Bikes recalled over 38k batteries");
        assert_ne!(v.verdict, Verdict::Supported, "{}", v.explanation);
    }

    #[test]
    fn a_bound_agrees_with_a_round_figure_within_it() {
        let text = "About 140 homes in Ashby Dale were evacuated on Tuesday. \
                    The closure disrupted travel for about 6,300 passengers. \
                    Around 40 volunteers searched the valley.";
        let check = checker(text);
        // The round figure's reach past the bound says no: "about 6,300"
        // may be 6,250.
        for (statement, within) in [
            ("over 100 homes in ashby dale were evacuated", true),
            (
                "more than 6,000 passengers had their travel disrupted",
                true,
            ),
            ("fewer than 50 volunteers searched the valley", true),
            ("over 200 homes in ashby dale were evacuated", false),
            (
                "more than 7,000 passengers had their travel disrupted",
                false,
            ),
            ("fewer than 30 volunteers searched the valley", false),
        ] {
            let v = check(statement);
            let supported = v.verdict == Verdict::Supported;
            assert_eq!(supported, within, "{statement}: {}", v.explanation);
        }
    }

    #[test]
    fn a_month_and_a_half_is_about_six_weeks() {
        let check = checker("The council said the road would be closed for at least six weeks.");
        let v = check("The road will be closed for at least a month and a half.");
        assert_eq!(v.verdict, Verdict::Supported, "{}", v.explanation);
        let v = check("The road will be closed for at least three weeks.");
        assert_eq!(v.verdict, Verdict::Supported, "{}", v.explanation);
        let v = check("The road will be closed for a month.");
        assert_ne!(v.verdict, Verdict::Supported, "{}", v.explanation);
    }

    #[test]
    fn a_change_needs_a_word_of_change() {
        let text = "Harbour report\n\n\
                    Harbour records show that 27 seal sightings were reported within 2km of the pier last year.\n\n\
                    The harbour master said visitors had been asked to keep their distance.\n";
        let check = checker(text);
        // Read in other words, the claim says how many, not that they fell.
        for statement in [
            "seal sightings near the pier actually dropped last year",
            "seal sightings near the pier soared last year",
        ] {
            let v = check(statement);
            assert_ne!(
                v.verdict,
                Verdict::Supported,
                "{statement}: {}",
                v.explanation
            );
        }
        let v = check("seal sightings near the pier numbered 27 last year");
        assert_ne!(v.verdict, Verdict::Contradicted, "{}", v.explanation);
    }

    #[test]
    fn a_bound_on_a_sum_of_money_is_met_only_by_money() {
        let text = "Leah Moreno came third with 11,207 votes, and the other two shared the remaining 8,229.";
        let check = checker(text);
        for statement in [
            "Leah Moreno spent less than £10,000.",
            "Leah Moreno spent £11,207.",
        ] {
            let v = check(statement);
            assert_eq!(
                v.verdict,
                Verdict::NotFound,
                "{statement}: {}",
                v.explanation
            );
        }
        let v = check("Leah Moreno came third with fewer than 12,000 votes.");
        assert_eq!(v.verdict, Verdict::Supported, "{}", v.explanation);
    }

    #[test]
    fn a_time_told_against_the_event_compares_by_its_distance() {
        let text = "The swap followed direct talks held a week earlier in Istanbul. \
                    The talks lasted two hours.";
        let check = checker(text);
        let v = check("The talks in Istanbul were held seven days before the swap.");
        assert_eq!(v.verdict, Verdict::Supported, "{}", v.explanation);
        let v = check("The talks in Istanbul were held two weeks before the swap.");
        assert_eq!(v.verdict, Verdict::Contradicted, "{}", v.explanation);
        let v = check("The talks in Istanbul were held a week after the swap.");
        assert_eq!(v.verdict, Verdict::Contradicted, "{}", v.explanation);
        // A claim that tells no such distance does not say it.
        let v = check("The talks lasted two hours, three days before the swap.");
        assert_ne!(v.verdict, Verdict::Supported, "{}", v.explanation);
    }

    #[test]
    fn what_is_usual_is_not_what_is() {
        let text = "The reservoir would normally be around 74% full at this time of year.";
        let check = checker(text);
        let v = check("The reservoir is 31% full at this time of year.");
        assert_eq!(v.verdict, Verdict::NotFound, "{}", v.explanation);
        // Unless the statement speaks of the usual too.
        let v = check("The reservoir would normally be 50% full at this time of year.");
        assert_eq!(v.verdict, Verdict::Contradicted, "{}", v.explanation);
    }

    #[test]
    fn insisting_on_certainty_is_contradicted_by_a_hedge() {
        let check = checker("The union said a five-day strike could go ahead in May.");
        let v = check("The union said a five-day strike will definitely go ahead in May.");
        assert_eq!(v.verdict, Verdict::Contradicted, "{}", v.explanation);
        let check = checker("The union said a five-day strike will go ahead in May.");
        let v = check("The union said a five-day strike will definitely go ahead in May.");
        assert_eq!(v.verdict, Verdict::Supported, "{}", v.explanation);
    }

    #[test]
    fn a_statement_that_itself_expects_is_not_held_to_certainty() {
        let check = checker("The weather office said rainfall was likely to stay below average.");
        let v = check("The weather office expects rainfall to stay below average.");
        assert_ne!(v.verdict, Verdict::Contradicted, "{}", v.explanation);
        let v = check("Rainfall will definitely stay below average.");
        assert_eq!(v.verdict, Verdict::Contradicted, "{}", v.explanation);
    }

    #[test]
    fn a_claim_saying_the_opposite_in_other_words_never_supports() {
        let check = checker(
            "Students whose grades go down under the correction will keep their original grade, the board said.",
        );
        let v = check("Students whose grades go down will lose their original grade.");
        assert_ne!(v.verdict, Verdict::Supported, "{}", v.explanation);
        let v = check("Students whose grades go down will keep their original grade.");
        assert_eq!(v.verdict, Verdict::Supported, "{}", v.explanation);
    }

    #[test]
    fn an_opposite_beside_the_statement_word_in_other_words_is_none() {
        let check = checker(
            "The council has voted to close five public libraries and cut opening hours at 11 others.",
        );
        let v = check("The council is shutting five libraries.");
        assert_ne!(v.verdict, Verdict::Contradicted, "{}", v.explanation);
        let check = checker("The bakery on Mill Street has opened again after the flood.");
        let v = check("The bakery on Mill Street has shut again after the flood.");
        assert_eq!(v.verdict, Verdict::Contradicted, "{}", v.explanation);
    }

    #[test]
    fn who_did_it_told_with_by_must_be_who_the_claim_says_did_it() {
        let check = checker(
            "Councillor Rosa Delgado, the Fenmore County Council cabinet member, said data from sensors fitted beneath the deck would be analysed.",
        );
        let v = check("The sensors beneath the deck were fitted by Fenmore County Council.");
        assert_ne!(v.verdict, Verdict::Supported, "{}", v.explanation);
        for claim in [
            "The sensors beneath the deck were fitted by Harbour Engineering in May.",
            "Harbour Engineering fitted the sensors beneath the deck in May.",
        ] {
            let check = checker(claim);
            let v = check("The sensors beneath the deck were fitted by Harbour Engineering.");
            assert_eq!(v.verdict, Verdict::Supported, "{claim}: {}", v.explanation);
            let v = check("The sensors beneath the deck were fitted by May.");
            assert_ne!(
                v.verdict,
                Verdict::Contradicted,
                "{claim}: {}",
                v.explanation
            );
        }
    }

    #[test]
    fn last_winter_is_not_this_summer() {
        let check = checker(
            "Marathon\n\nMore than 200 runners needed medical treatment at the marathon on Sunday.\n\nSeason ticket prices rose by 9% this summer.\n",
        );
        let v = check("Season ticket prices rose by 9% this summer.");
        assert_eq!(v.verdict, Verdict::Supported, "{}", v.explanation);
        let v = check("Season ticket prices rose by 9% last winter.");
        assert_eq!(v.verdict, Verdict::Contradicted, "{}", v.explanation);
        assert!(v.explanation.contains("this summer"), "{}", v.explanation);
    }

    #[test]
    fn going_up_to_a_value_is_no_limit() {
        let check =
            checker("Fares\n\nOff-peak singles on the route will go up from £6.40 to £6.90.\n");
        let v = check("Off-peak singles are going up to £9.");
        assert_ne!(v.verdict, Verdict::Supported, "{}", v.explanation);
        let v = check("Off-peak singles will cost up to £9.");
        assert_eq!(v.verdict, Verdict::Supported, "{}", v.explanation);
    }

    #[test]
    fn a_code_is_not_replaced_by_a_name() {
        let check = checker(
            "Traffic\n\nMartin Oduya, who has run a shop on Sheep Street for 27 years, denied that traders were against cleaner air.\n",
        );
        let v = check("NO2 on Sheep Street went up during the trial.");
        assert!(!v.explanation.contains("Martin Oduya"), "{}", v.explanation);
    }

    #[test]
    fn a_length_of_time_is_compared_with_the_one_of_the_same_thing() {
        let check = checker(
            "Fraud trial\n\nJurors took just under six hours to convict him, returning their verdicts after a trial lasting 23 days.\n",
        );
        let v = check("The trial ran for over three weeks.");
        assert_eq!(v.verdict, Verdict::Supported, "{}", v.explanation);
        let v = check("The trial lasted two weeks.");
        assert_eq!(v.verdict, Verdict::Contradicted, "{}", v.explanation);
        assert!(v.explanation.contains("23 days"), "{}", v.explanation);
    }

    #[test]
    fn a_number_in_thousands_is_as_round_as_it_is_written() {
        let check = checker("The petition gathered 14,212 signatures in six weeks.");
        let v = check("The petition gathered 14k signatures.");
        assert_eq!(v.verdict, Verdict::Supported, "{}", v.explanation);
        let v = check("The petition gathered 16k signatures.");
        assert_eq!(v.verdict, Verdict::Contradicted, "{}", v.explanation);
        let v = check("The petition gathered 14.5k signatures.");
        assert_eq!(v.verdict, Verdict::Contradicted, "{}", v.explanation);
        let v = check("The petition gathered 14,000 signatures in about a month and a half.");
        assert_ne!(
            v.verdict,
            Verdict::Supported,
            "14,000 is as exact as written: {}",
            v.explanation
        );
        let v = check("The petition gathered its signatures in about a month and a half.");
        assert_eq!(v.verdict, Verdict::Supported, "{}", v.explanation);
    }

    #[test]
    fn about_a_temperature_is_a_degree_either_way() {
        let check = checker("It was 23C in the city centre when the race set off.");
        let v = check("It was about 25C in the city centre when the race set off.");
        assert_eq!(v.verdict, Verdict::Contradicted, "{}", v.explanation);
        let v = check("It was about 22C in the city centre when the race set off.");
        assert_eq!(v.verdict, Verdict::Supported, "{}", v.explanation);
    }

    #[test]
    fn a_place_typed_in_lower_case_is_still_a_name() {
        let check = checker(
            "Mr Holloway was treated for burns at a specialist burns unit in Birmingham, where he remains.",
        );
        let v = check("holloway is being treated at a burns unit in manchester");
        assert_ne!(v.verdict, Verdict::Supported, "{}", v.explanation);
        let v = check("holloway is being treated at a burns unit in birmingham");
        assert_eq!(v.verdict, Verdict::Supported, "{}", v.explanation);
    }

    #[test]
    fn a_change_told_the_other_way_contradicts() {
        let text = "Turnout was 29.5%, down from 38.2% at the 2022 mayoral election. \
                    Heavy rain fell on Tuesday as river levels rose.";
        let check = checker(text);
        let v = check("Turnout went up compared with the 2022 mayoral election.");
        assert_ne!(v.verdict, Verdict::Supported, "{}", v.explanation);
        let v = check("Turnout was 29.5%, up from 38.2% at the 2022 mayoral election.");
        assert_eq!(v.verdict, Verdict::Contradicted, "{}", v.explanation);
        let v = check("Turnout fell compared with the 2022 mayoral election.");
        assert_ne!(v.verdict, Verdict::Contradicted, "{}", v.explanation);
        // Of a claim telling both ways, the change told of the subject.
        let v = check("River levels fell on Tuesday.");
        assert_eq!(v.verdict, Verdict::Contradicted, "{}", v.explanation);
        let v = check("Heavy rain fell on Tuesday.");
        assert_eq!(v.verdict, Verdict::Supported, "{}", v.explanation);
    }

    #[test]
    fn an_unsaid_number_of_minutes_is_at_least_two() {
        let text = "The crew noticed the fault within 40 seconds. \
                    The repair of the pump took several hours.";
        let check = checker(text);
        let v = check("The crew took several minutes to notice the fault.");
        assert_eq!(v.verdict, Verdict::Contradicted, "{}", v.explanation);
        let v = check("The repair of the pump took more than an hour.");
        assert_eq!(v.verdict, Verdict::Supported, "{}", v.explanation);
        // "Several hours" does not say which number of hours.
        let v = check("The repair of the pump took five hours.");
        assert_eq!(v.verdict, Verdict::NotFound, "{}", v.explanation);
        let v = check("The repair of the pump took 30 minutes.");
        assert_eq!(v.verdict, Verdict::Contradicted, "{}", v.explanation);
    }

    #[test]
    fn a_statement_of_the_whole_needs_a_claim_that_says_so() {
        let text = "Harbour Bridge reopens\n\n\
                    The final cost of the work was £4.2m, compared with an original estimate of £3.1 million. \
                    The Department for Transport paid £2.5m, and the remainder is being met by Fenmore County Council and the Port Callan Harbour Trust, which owns the bridge.\n";
        let check = checker(text);
        let v = check("The Department for Transport paid the whole bill.");
        assert_ne!(v.verdict, Verdict::Supported, "{}", v.explanation);
        let v = check("The Department for Transport paid £2.5m.");
        assert_eq!(v.verdict, Verdict::Supported, "{}", v.explanation);
        // Another word of totality says it as well.
        let text =
            "The station recorded 94mm of rain, more than it receives in the whole of February.";
        let v = checker(text)(
            "The station recorded 94mm of rain, more than it receives in an entire February.",
        );
        assert_eq!(v.verdict, Verdict::Supported, "{}", v.explanation);
    }

    #[test]
    fn a_post_held_by_someone_else_contradicts() {
        let verify = checker(
            "Pool shut\n\nThe town's only pool has been shut since the storm. Head coach \
             Fiona Marsh, 52, said the club had cancelled all sessions for the rest of \
             October and would look for pool time in neighbouring towns.",
        );
        // The claim is about much else, and another name alone would say
        // nothing of a club the article does not name: the post does.
        let v = verify("Gwen Lloyd is the head coach of the Dolphins.");
        assert_eq!(v.verdict, Verdict::Contradicted, "{v:?}");
        assert!(v.explanation.contains("Fiona Marsh"), "{v:?}");
        let verify = checker(
            "Harbour row\n\nThe harbour board met on Monday. \"We have listened to the \
             fishermen,\" said Corran's harbour master, Owain Pritchard, 61. Festival \
             director Sian Morgan said the regatta would go ahead. Gwen Ellis, 44, a \
             skipper and the branch secretary, said crews were angry.",
        );
        // The post right before another's name, with or without a comma,
        // or in the phrase after it, past an age.
        for (statement, holder) in [
            (
                "Rhodri Evans is Corran's harbour master.",
                "Owain Pritchard",
            ),
            ("Rhodri Evans is the festival director.", "Sian Morgan"),
            ("Rhodri Evans is the branch secretary.", "Gwen Ellis"),
        ] {
            let v = verify(statement);
            assert_eq!(v.verdict, Verdict::Contradicted, "{v:?}");
            assert!(v.explanation.contains(holder), "{v:?}");
        }
        // The person who holds it, as the source says.
        let v = verify("Sian Morgan is the festival director.");
        assert_eq!(v.verdict, Verdict::Supported, "{v:?}");
        // Another post of the same name is not the post: a festival
        // director is no museum director. Nor is a word linked to the
        // post's: a master is no captain.
        for statement in [
            "Rhodri Evans is the museum director.",
            "Rhodri Evans is Corran's harbour captain.",
        ] {
            let v = verify(statement);
            assert_ne!(v.verdict, Verdict::Contradicted, "{v:?}");
        }
    }
}
