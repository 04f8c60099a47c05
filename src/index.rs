//! The immutable search index over claims: a term dictionary, postings sorted
//! by document, per-claim term sets for coverage checks, the values each
//! claim asserts, and a typo index over the knowledge base's own words.
//!
//! Documents are ordered by source, so one source's documents are a
//! contiguous range: per-source document frequencies are two binary searches
//! in a posting list, and scores for one article do not depend on how many
//! other articles are loaded.

pub mod fuzzy;
pub mod names;
pub mod query;
pub mod values;

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::ops::Range;

use crate::knowledge::{Claim, KnowledgeBase};
use crate::lexicon::{english, vectors, Link, WordId};
use crate::text::words::word_lists;
use crate::text::{stopwords, Analyzer, Token, TokenKind};
use fuzzy::FuzzyIndex;
pub use query::{Query, QueryTerm, Resolution};
use values::TextValues;

pub type TermId = u32;

/// Which fields of a claim hold a term.
pub mod field {
    pub const QUOTE: u8 = 1;
    pub const ANSWER: u8 = 2;
    pub const PHRASING: u8 = 4;
    /// The sentence before a sentence claim, in the same paragraph: what
    /// "she" or "it" refers to. Matches there count for less.
    pub const CONTEXT: u8 = 8;
    /// With `CONTEXT`: a name of the sentence before, which the sentence's
    /// opening word stands for ("Its chair…" after "The residents' group
    /// Keep Staithe Skies Open argued…"). Matches there count almost as
    /// the sentence's own.
    pub const REFERENT: u8 = 16;
    /// The article's lead sentence (the first after the headline): context
    /// to answer, nothing to verify.
    pub const LEAD: u8 = 32;

    /// Whether a claim holds the term in its own words, not only as context.
    pub fn own(fields: u8) -> bool {
        fields & !(CONTEXT | REFERENT | LEAD) != 0
    }
}

/// BM25 term-frequency saturation, the usual value (Robertson & Zaragoza).
const K1: f32 = 1.2;
/// BM25 length normalisation, the usual value.
const B: f32 = 0.75;

#[derive(Debug, Clone, Copy)]
struct Posting {
    doc: u32,
    fields: u8,
    /// BM25 term-frequency part, computed once at build: retrieval then
    /// never touches the documents themselves.
    impact: f32,
}

#[derive(Debug, Clone)]
pub struct TermInfo {
    pub name: String,
    /// Always written with a capital letter inside sentences: a name.
    pub proper: bool,
}

/// A name in a claim's quote: "Belarus", "Sergei Lavrov".
#[derive(Debug, Clone)]
pub struct Entity {
    pub term: TermId,
    /// Token position in the quote.
    pub at: usize,
    /// The preposition right before it, if any ("in", "with").
    pub preposition: Option<&'static str>,
}

impl Entity {
    /// Whether the name can only be a place (or a body): after "in",
    /// "near", "into", "at", "on" or "from" ("collapsed near Kirkstall
    /// Abbey", "a retired headteacher from Whitehaven"), where no person
    /// stands.
    pub fn is_only_place(&self) -> bool {
        matches!(
            self.preposition,
            Some("in" | "near" | "into" | "at" | "on" | "from")
        )
    }

    /// Whether the name stands after a preposition of place ("in Istanbul",
    /// "the border with Belarus"): it can answer "where".
    pub fn is_place(&self) -> bool {
        matches!(
            self.preposition,
            Some("in" | "at" | "from" | "near" | "with" | "into" | "to")
        )
    }
}

/// The kinds of value a curated claim's short answer states, read once
/// when the claim is indexed.
#[derive(Debug, Clone, Default)]
pub struct AnswerValues {
    /// The nouns it counts ("civilian" in "120 civilians on each side").
    pub counts: Vec<String>,
    /// A number or a measure.
    pub number: bool,
    pub duration: bool,
    /// An offset ("a week before").
    pub offset: bool,
    pub date: bool,
    /// A name (a person or a place).
    pub name: bool,
    /// A capitalised first word, a name if the knowledge base says so.
    first_capital: Option<TermId>,
    /// It opens with "No": the claim denies what its yes-or-no phrasings
    /// ask ("Does Zelensky trust Russia?" → "No, he…").
    pub denies: bool,
}

/// What kinds of value a claim holds, for question typing.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Kinds {
    pub number: bool,
    pub place: bool,
    pub person: bool,
    pub date: bool,
    pub duration: bool,
}

/// One claim, analysed.
#[derive(Debug, Clone)]
pub struct Doc {
    /// Index into the knowledge base's claims.
    pub claim: u32,
    pub source: u32,
    /// Sorted by term id.
    terms: Vec<(TermId, u8)>,
    len: u32,
    /// The quote, and its analysed tokens.
    pub text: String,
    pub tokens: Vec<DocToken>,
    pub values: TextValues,
    pub entities: Vec<Entity>,
    /// The terms of each alternate phrasing.
    pub phrasings: Vec<Vec<TermId>>,
    /// The kind of answer each phrasing asks for.
    pub phrasing_expects: Vec<query::Expect>,
    /// What the claim's own short answer states; nothing when the answer
    /// is the quote.
    pub answer: AnswerValues,
    pub kinds: Kinds,
    /// The kinds of value a curator listed for the claim (its `numbers`,
    /// `places`…), which its answer states whatever the quote's words.
    pub curated_kinds: Kinds,
    /// The claim is the article's headline: a compressed line whose facts
    /// the article tells again, in full, in its body.
    pub headline: bool,
    /// Capitalised words (position, term, the preposition before, whether
    /// the word opens a sentence), until the whole knowledge base shows
    /// which of them are names.
    name_candidates: Vec<(usize, TermId, Option<&'static str>, bool)>,
}

/// What a quote token is, compactly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocKind {
    Content,
    Number,
    Negation,
    /// "without": negates only the words right after it ("without power").
    NarrowNegation,
    Stop,
    /// A stopword that opens a clause of contrast ("but", "while").
    Contrast,
    Punct(u8),
}

/// One token of a claim's quote: a few bytes instead of a full [`Token`],
/// which matters at a hundred thousand claims.
#[derive(Debug, Clone, Copy)]
pub struct DocToken {
    pub term: Option<TermId>,
    pub start: u32,
    pub end: u32,
    pub kind: DocKind,
}

impl DocToken {
    pub fn span(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

impl Doc {
    /// The head noun the quote opens with, past its determiners: the last
    /// noun of persons or things ([`crate::lexicon::English::noun_kind`])
    /// in its first run of lower-case content words ("the 127-year-old
    /// swing bridge is…": "bridge"; "the firefighters said…":
    /// "firefighters").
    fn subject_head(&self) -> Option<TermId> {
        let english = crate::lexicon::english();
        let lower = |at: usize| {
            self.word(at)
                .is_some_and(|w| !w.starts_with(char::is_uppercase))
        };
        self.tokens
            .iter()
            .enumerate()
            .skip_while(|(_, t)| t.kind == DocKind::Stop)
            // ("127-year-old" is a number and two words.)
            .take_while(|&(at, t)| match t.kind {
                DocKind::Content => lower(at),
                DocKind::Number | DocKind::Punct(b'-') => true,
                _ => false,
            })
            .filter(|&(at, _)| {
                self.word(at)
                    .is_some_and(|w| english.noun_kind(w).is_some())
            })
            .last()
            .and_then(|(_, t)| t.term)
    }

    /// The token at `at` as the quote writes it.
    pub fn word(&self, at: usize) -> Option<&str> {
        self.tokens.get(at).and_then(|t| self.text.get(t.span()))
    }

    /// Whether the token at `at` is a word a name goes on over ("of" in
    /// "Bank of England"; `name_connectors` in words.toml).
    pub fn connects_name(&self, at: usize) -> bool {
        self.word(at)
            .is_some_and(|w| word_lists().name_connectors.contains(&w))
    }

    /// Its names, each a run of [`Doc::entities`] (by their index there):
    /// words next to each other, or over a connecting word ("Bank of
    /// England").
    pub fn name_runs(&self) -> Vec<Range<usize>> {
        let mut runs: Vec<Range<usize>> = Vec::new();
        for (i, e) in self.entities.iter().enumerate() {
            match runs.last_mut() {
                Some(run)
                    if {
                        let p = &self.entities[run.end - 1];
                        p.at + 1 == e.at || (p.at + 2 == e.at && self.connects_name(p.at + 1))
                    } =>
                {
                    run.end = i + 1
                }
                _ => runs.push(i..i + 1),
            }
        }
        runs
    }

    /// The fields holding `term`, or 0.
    pub fn fields(&self, term: TermId) -> u8 {
        self.terms
            .binary_search_by_key(&term, |&(t, _)| t)
            .map_or(0, |i| self.terms[i].1)
    }
}

#[derive(Debug, Clone)]
struct SourceDocs {
    docs: Range<u32>,
    avg_len: f32,
}

/// The search index.
#[derive(Debug)]
pub struct Index {
    pub analyzer: Analyzer,
    term_ids: HashMap<String, TermId>,
    terms: Vec<TermInfo>,
    /// Term ids sorted by name, for prefix look-ups.
    by_name: Vec<TermId>,
    postings: Vec<Vec<Posting>>,
    docs: Vec<Doc>,
    sources: Vec<SourceDocs>,
    /// Lower-case written word → its term, for typo correction.
    surfaces: HashMap<String, TermId>,
    /// The initials of a name of several capitalised words that the
    /// knowledge base never writes as a word itself ("ea" for "Environment
    /// Agency") → the terms of the name.
    acronyms: HashMap<String, Vec<TermId>>,
    /// Per source and name term: what the article's words around it say
    /// it is.
    name_kinds: HashMap<(u32, TermId), names::Cues>,
    fuzzy: FuzzyIndex,
    /// WordNet lemma → the terms of the knowledge base it links to, and
    /// how the term relates to the lemma (`None`: it is the lemma itself,
    /// written another way: "freed" for "free").
    lexical: LexicalLinks,
    /// The synonyms of the knowledge base's words too common to trust
    /// their links from any question word ([`english`]'s `links_trusted`):
    /// only a phrase of the question reaches them this way ("get together"
    /// ~ "meeting"), its one sense choosing theirs.
    lexical_common: LexicalLinks,
    /// (question lemma, term) pairs of `lexical` where the term's word
    /// shares a dominant sense of the lemma ([`english`]'s
    /// `is_dominant_synonym`): the links a question word too common to
    /// trust its other senses still has ("usually" ~ "normally").
    lexical_dominant: HashSet<(WordId, TermId)>,
    /// Per term, the documents holding it in their own words (not only as
    /// context): its document frequency.
    own_df: Vec<u32>,
    /// Per document, what its quote and phrasings are about: a unit vector
    /// in steps of 1/127, `dims` per document (zeros when none).
    meaning: Vec<i8>,
    /// Per document, its quote's words that have a word vector (row, term),
    /// each once: `word_rows[word_row_starts[d]..word_row_starts[d + 1]]`.
    word_rows: Vec<(u32, TermId)>,
    word_row_starts: Vec<u32>,
    avg_len: f32,
}

/// The most words of a quote kept with their word vectors
/// ([`Index::word_rows`]).
const WORD_ROWS: usize = 128;

/// For each sentence claim, the claims that tell what it is about: the
/// sentence before it in its paragraph (what "he" or "the exchange" refers
/// to), or in the paragraph before when the sentence opens by referring
/// back ("Its chair…"), the paragraph's first sentence (its topic) and the
/// article's lead.
fn sentence_contexts(kb: &KnowledgeBase) -> Contexts {
    use crate::knowledge::Origin;
    let mut by_position: HashMap<(usize, usize), usize> = HashMap::new();
    for (i, c) in kb.claims.iter().enumerate() {
        if let Origin::Sentence { n } = c.origin {
            by_position.insert((c.source, n), i);
        }
    }
    let same_paragraph = |before: usize, this: usize| {
        let (before, this) = (&kb.claims[before], &kb.claims[this]);
        !kb.sources[this.source]
            .text
            .get(before.span.end..this.span.start)
            .unwrap_or("\n")
            .contains('\n')
    };
    let mut out: HashMap<usize, Vec<usize>> = HashMap::new();
    // A curated claim quoting sentence n has sentence n's context, and the
    // sentence itself when the quote is only part of it.
    let mut starts: Vec<(usize, usize, usize)> = by_position
        .values()
        .map(|&j| (kb.claims[j].source, kb.claims[j].span.start, j))
        .collect();
    starts.sort_unstable();
    let mut curated: Vec<(usize, usize)> = Vec::new();
    for (i, c) in kb.claims.iter().enumerate() {
        if !c.is_curated() {
            continue;
        }
        // The last sentence starting at or before the quote.
        let at = starts.partition_point(|&(s, start, _)| (s, start) <= (c.source, c.span.start));
        if let Some(&(source, _, j)) = at.checked_sub(1).and_then(|k| starts.get(k)) {
            if source == c.source && c.span.start < kb.claims[j].span.end {
                curated.push((i, j));
            }
        }
    }
    // Each sentence's paragraph opener, found in one pass in reading order
    // (a walk back per sentence would be quadratic in a long paragraph).
    let mut in_order: Vec<(usize, usize, usize)> =
        by_position.iter().map(|(&(s, n), &i)| (s, n, i)).collect();
    in_order.sort_unstable();
    let mut opener: HashMap<usize, usize> = HashMap::with_capacity(in_order.len());
    let mut referents: HashMap<usize, usize> = HashMap::new();
    // A news article's headline and lead sentence name what the whole
    // article is about ("the Tessera rover"): every later sentence is about
    // them too. The lead is the first sentence after the headline, or the
    // first sentence of an article without one.
    let titled =
        |source: usize, claim: usize| kb.claims[claim].quote.trim() == kb.sources[source].title;
    let opening = |source: usize| by_position.get(&(source, 1)).copied();
    let lead_after_headline = |source: usize| {
        opening(source)
            .filter(|&h| titled(source, h))
            .and_then(|_| by_position.get(&(source, 2)).copied())
    };
    let mut leads: HashMap<usize, usize> = HashMap::new();
    let mut previous: HashMap<usize, usize> = HashMap::new();
    for (k, &(source, n, i)) in in_order.iter().enumerate() {
        if let Some(&(_, _, p)) = k
            .checked_sub(1)
            .map(|p| &in_order[p])
            .filter(|&&(s, m, _)| s == source && m + 1 == n)
        {
            previous.insert(i, p);
        }
        let refers = refers_back(&kb.claims[i].quote);
        let prev = k
            .checked_sub(1)
            .map(|p| in_order[p])
            .filter(|&(s, m, p)| s == source && m + 1 == n && (refers || same_paragraph(p, i)))
            .map(|(_, _, p)| p);
        let first = prev
            .filter(|&p| same_paragraph(p, i))
            .and_then(|p| opener.get(&p).copied())
            .unwrap_or(i);
        opener.insert(i, first);
        let mut context = Vec::new();
        if let Some(p) = prev {
            context.push(p);
            if refers {
                referents.insert(i, p);
            }
        }
        if first != i && !context.contains(&first) {
            context.push(first);
        }
        if let Some(headline) = opening(source).filter(|&h| h != i && !context.contains(&h)) {
            context.push(headline);
        }
        // A question reads the lead after a headline as the sentence's
        // context, a statement does not (it would lend every sentence its
        // names).
        if let Some(lead) = lead_after_headline(source) {
            if lead < i && !context.contains(&lead) {
                leads.insert(i, lead);
            }
        }
        if !context.is_empty() {
            out.insert(i, context);
        }
    }
    // A lead telling its subject by a noun alone ("A landlord who crammed
    // 23 tenants…") before the next sentence names it ("Raymond Ashcroft,
    // 61, …"): news's delayed identification.
    let mut named_next = HashMap::new();
    for source in 0..kb.sources.len() {
        let lead =
            lead_after_headline(source).or_else(|| opening(source).filter(|&h| !titled(source, h)));
        let Some(lead) = lead.filter(|&l| opens_indefinite(&kb.claims[l].quote)) else {
            continue;
        };
        let Origin::Sentence { n } = kb.claims[lead].origin else {
            continue;
        };
        if let Some(&next) = by_position.get(&(source, n + 1)) {
            named_next.insert(lead, next);
        }
    }
    for (i, j) in curated {
        if let Some(&lead) = leads.get(&j) {
            leads.insert(i, lead);
        }
        if let Some(&next) = named_next.get(&j) {
            named_next.insert(i, next);
        }
        let mut context = out.get(&j).cloned().unwrap_or_default();
        if kb.claims[i].span != kb.claims[j].span {
            context.push(j);
        }
        if !context.is_empty() {
            out.insert(i, context);
        }
    }
    Contexts {
        sentences: out,
        referents,
        previous,
        named_next,
        leads,
    }
}

/// The terms a claim reads beyond its own words ([`Contexts`]).
struct Context<'a> {
    sentences: &'a [TermId],
    referent: &'a [TermId],
    lead: &'a [TermId],
}

/// What each claim is about beyond its own words, by claim.
struct Contexts {
    /// The sentences that tell it ([`sentence_contexts`]).
    sentences: HashMap<usize, Vec<usize>>,
    /// For a sentence opening by referring back ("Its chair…"), the
    /// sentence before, whose names its opening word stands for.
    referents: HashMap<usize, usize>,
    /// Each sentence's sentence before, across paragraphs.
    previous: HashMap<usize, usize>,
    /// For a lead opening with "A …", the sentence after it, whose opening
    /// name may be the one the lead leaves out.
    named_next: HashMap<usize, usize>,
    /// The article's lead sentence, for the sentences after it.
    leads: HashMap<usize, usize>,
}

/// Whether a sentence opens with an indefinite article ("A landlord…",
/// "An exam board…").
fn opens_indefinite(quote: &str) -> bool {
    let first = quote.split_whitespace().next().unwrap_or("");
    matches!(first, "A" | "An")
}

/// Whether a sentence opens with a word referring back to what the
/// sentence before named ("Its chair…", "He added…"), or with a person
/// told by a noun of persons and not named after it ("The 24-year-old has
/// signed…", not "The 24-year-old striker, Diego Quintana, …").
fn refers_back(quote: &str) -> bool {
    let words: Vec<&str> = quote
        .split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .filter(|w| !w.is_empty())
        .take(NAMED_WITHIN)
        .collect();
    let word = |i: usize| words.get(i).map_or(String::new(), |w| w.to_lowercase());
    if word_lists().referring.contains(&word(0).as_str()) {
        return true;
    }
    if word(0) != "the" {
        return false;
    }
    let english = crate::lexicon::english();
    let person = word(1).ends_with("-year-old")
        || english.noun_kind(&word(1)) == Some(crate::lexicon::NounKind::Person);
    let named = words
        .iter()
        .skip(1)
        .any(|w| w.chars().next().is_some_and(char::is_uppercase));
    person && !named
}

/// How many words of a sentence opening with "the" and a noun of persons
/// may hold the person's name ("The 24-year-old striker, Diego Quintana").
const NAMED_WITHIN: usize = 5;

/// The multi-word WordNet lemmas a quote writes (two or three words in a
/// row, function words allowed inside: "prisoners of war"), with the terms
/// of their content words.
fn doc_phrases(doc: &Doc) -> Vec<(WordId, Vec<TermId>)> {
    let english = english();
    let words: Vec<(String, Option<TermId>, bool)> = doc
        .tokens
        .iter()
        .map(|t| {
            let word = matches!(
                t.kind,
                DocKind::Content | DocKind::Stop | DocKind::Negation | DocKind::NarrowNegation
            );
            let text = if word {
                doc.text.get(t.span()).unwrap_or("").to_lowercase()
            } else {
                String::new()
            };
            (text, t.term, word)
        })
        .collect();
    let mut out = Vec::new();
    for i in 0..words.len() {
        for n in [2, 3] {
            let Some(window) = words.get(i..i + n) else {
                break;
            };
            if !window.iter().all(|w| w.2) || window.iter().all(|w| w.1.is_none()) {
                continue;
            }
            let texts: Vec<&str> = window.iter().map(|w| w.0.as_str()).collect();
            for lemma in english.phrase_lemmas(&texts) {
                out.push((lemma, window.iter().filter_map(|w| w.1).collect()));
            }
            // "turned it down": the phrasal verb around its object.
            if n == 3 && word_lists().object_pronouns.contains(&texts[1]) {
                for lemma in english.phrase_lemmas(&[texts[0], texts[2]]) {
                    out.push((lemma, window.iter().filter_map(|w| w.1).collect()));
                }
            }
        }
    }
    out
}

/// The verbs a participle comes from, when WordNet gives the participle as
/// an adjective's opposite ("skeptical" ↔ "trusting"): the verb ("trust")
/// is opposed too. Only regular "-ing" and "-ed" forms, so that an irregular
/// form's other senses ("left" → "leave") never become opposites.
fn participle_bases(lemma: WordId) -> Vec<WordId> {
    let english = english();
    let word = english.word(lemma);
    if !(word.ends_with("ing") || word.ends_with("ed")) || word.contains(' ') {
        return Vec::new();
    }
    english
        .lemmas(word)
        .into_iter()
        .filter(|&base| base != lemma && word.starts_with(english.word(base).trim_end_matches('e')))
        .collect()
}

/// WordNet lemma → the knowledge base's terms it reaches, and how.
type LexicalLinks = HashMap<WordId, Vec<(TermId, Option<Link>)>>;

/// Adds `term` to a list of linked terms, or keeps its closest link when it
/// is there already (`None`, the lemma itself, is the closest; then in the
/// order of [`Link`]).
fn keep_closest(list: &mut Vec<(TermId, Option<Link>)>, term: TermId, link: Option<Link>) {
    match list.iter_mut().find(|(t, _)| *t == term) {
        // `None` orders before every `Some`: the lemma itself is closest.
        Some(entry) => entry.1 = entry.1.min(link),
        None => list.push((term, link)),
    }
}

/// BM25's term-frequency part for a term present in `fields` of a
/// document of `len` terms, in an article whose documents average `avg`.
/// Each field the term appears in counts as half an occurrence more.
fn tf_part(fields: u8, len: u32, avg: f32) -> f32 {
    if fields == 0 {
        return 0.0;
    }
    let tf = 1.0 + 0.5 * (fields.count_ones() as f32 - 1.0);
    tf * (K1 + 1.0) / (tf + K1 * (1.0 - B + B * len as f32 / avg.max(1.0)))
}

thread_local! {
    /// Score accumulator reused between questions: no allocation per candidate.
    static SCRATCH: RefCell<(Vec<f32>, Vec<u32>)> = const { RefCell::new((Vec::new(), Vec::new())) };
}

impl Index {
    pub fn build(kb: &KnowledgeBase) -> Index {
        english().prepare();
        let analyzer = Analyzer::new(&kb.lexicon);
        let mut index = Index {
            analyzer,
            term_ids: HashMap::new(),
            terms: Vec::new(),
            by_name: Vec::new(),
            postings: Vec::new(),
            docs: Vec::with_capacity(kb.claims.len()),
            sources: Vec::new(),
            surfaces: HashMap::new(),
            acronyms: HashMap::new(),
            name_kinds: HashMap::new(),
            fuzzy: FuzzyIndex::default(),
            lexical: HashMap::new(),
            lexical_common: HashMap::new(),
            lexical_dominant: HashSet::new(),
            own_df: Vec::new(),
            meaning: Vec::new(),
            word_rows: Vec::new(),
            word_row_starts: Vec::new(),
            avg_len: 1.0,
        };
        let mut order: Vec<usize> = (0..kb.claims.len()).collect();
        // Sentences before curated claims within a source, so that a curated
        // claim's context (the sentences around its quote) is known when it
        // is analysed.
        order.sort_by_key(|&i| (kb.claims[i].source, kb.claims[i].is_curated(), i));
        // Capitalisation counts per term: (inside a sentence, lower case).
        let mut case: HashMap<TermId, (u32, u32)> = HashMap::new();
        let contexts = sentence_contexts(kb);
        // Quote terms of the sentence claims analysed so far: sentences come
        // in reading order, so a sentence's context is always known.
        let mut quote_terms: HashMap<usize, Vec<TermId>> = HashMap::new();
        // And what a sentence referring back to them stands for: their
        // names (the capitalised words inside the sentence) and the noun
        // they open with ([`Doc::subject_head`]).
        let mut referent_terms: HashMap<usize, Vec<TermId>> = HashMap::new();
        // The sentences whose referents are passed on from the one before
        // them, never passed on again.
        let mut passed_on: HashSet<usize> = HashSet::new();
        for &ci in &order {
            let mut context: Vec<TermId> = Vec::new();
            for prev in contexts.sentences.get(&ci).map_or(&[][..], Vec::as_slice) {
                if let Some(terms) = quote_terms.get(prev) {
                    context.extend_from_slice(terms);
                }
            }
            // The names of the sentence before and the noun it opened
            // with, when this one opens by referring back to it ("It was
            // shut without warning" after "The 127-year-old swing bridge
            // is one of the oldest…").
            let mut referent = contexts
                .referents
                .get(&ci)
                .and_then(|prev| referent_terms.get(prev))
                .cloned()
                .unwrap_or_default();
            if let Some(&next) = contexts.named_next.get(&ci) {
                referent.extend(index.opening_name(&kb.claims[next].quote));
            }
            let lead = contexts
                .leads
                .get(&ci)
                .and_then(|lead| quote_terms.get(lead))
                .map_or(&[][..], Vec::as_slice);
            let doc = index.analyze_claim(
                ci,
                &kb.claims[ci],
                Context {
                    sentences: &context,
                    referent: &referent,
                    lead,
                },
                &mut case,
            );
            if matches!(
                kb.claims[ci].origin,
                crate::knowledge::Origin::Sentence { .. }
            ) {
                let terms = doc
                    .terms
                    .iter()
                    .filter(|(_, f)| f & field::QUOTE != 0)
                    .map(|(t, _)| *t)
                    .collect();
                quote_terms.insert(ci, terms);
                let mut referents: Vec<TermId> = doc
                    .name_candidates
                    .iter()
                    .filter(|c| !c.3)
                    .map(|c| c.1)
                    .chain(doc.subject_head())
                    .collect();
                // A sentence naming no one and nothing ("'I cried for
                // most of them,' she said.") leaves "Her" in the next to
                // stand for what the sentence before it named.
                if referents.is_empty() {
                    if let Some(p) = contexts
                        .previous
                        .get(&ci)
                        .filter(|p| !passed_on.contains(p))
                    {
                        referents = referent_terms.get(p).cloned().unwrap_or_default();
                        passed_on.insert(ci);
                    }
                }
                referent_terms.insert(ci, referents);
            }
            index.docs.push(doc);
        }
        for (t, info) in index.terms.iter_mut().enumerate() {
            let (capital, lower) = case.get(&(t as TermId)).copied().unwrap_or((0, 0));
            info.proper = capital > 0 && lower == 0;
        }
        for d in 0..index.docs.len() {
            let claim = &kb.claims[index.docs[d].claim as usize];
            index.finish_doc(d, claim);
            index.docs[d].headline = claim.quote.trim() == kb.sources[claim.source].title;
        }
        index.acronyms = index.name_initials();
        index.name_kinds = index.read_name_kinds();
        index.sources = (0..kb.sources.len())
            .map(|s| {
                let start = index.docs.partition_point(|d| (d.source as usize) < s) as u32;
                let end = index.docs.partition_point(|d| (d.source as usize) <= s) as u32;
                let lens: u32 = index.docs[start as usize..end as usize]
                    .iter()
                    .map(|d| d.len)
                    .sum();
                SourceDocs {
                    docs: start..end,
                    avg_len: lens as f32 / (end - start).max(1) as f32,
                }
            })
            .collect();
        for postings in &mut index.postings {
            for p in postings.iter_mut() {
                let doc = &index.docs[p.doc as usize];
                let avg = index
                    .sources
                    .get(doc.source as usize)
                    .map_or(1.0, |s| s.avg_len);
                p.impact = tf_part(p.fields, doc.len, avg);
            }
        }
        let total: u32 = index.docs.iter().map(|d| d.len).sum();
        index.avg_len = (total as f32 / index.docs.len().max(1) as f32).max(1.0);
        index.by_name = (0..index.terms.len() as TermId).collect();
        index.by_name.sort_by(|&a, &b| {
            index.terms[a as usize]
                .name
                .cmp(&index.terms[b as usize].name)
        });
        index.fuzzy = FuzzyIndex::new(index.surfaces.keys().map(String::as_str));
        (index.lexical, index.lexical_common, index.lexical_dominant) = index.lexical_links();
        index.own_df = index
            .postings
            .iter()
            .map(|p| p.iter().filter(|p| field::own(p.fields)).count() as u32)
            .collect();
        index.meaning = index.meanings(kb);
        (index.word_rows, index.word_row_starts) = index.quote_word_rows();
        index
    }

    /// Each document's quote words with a vector (see [`Index::word_rows`]),
    /// at most [`WORD_ROWS`] of them: a quote that long is no sentence, and
    /// every question's cost stays bounded.
    fn quote_word_rows(&self) -> (Vec<(u32, TermId)>, Vec<u32>) {
        let vectors = vectors::vectors();
        let mut rows = Vec::new();
        let mut starts = Vec::with_capacity(self.docs.len() + 1);
        let mut own: Vec<(u32, TermId)> = Vec::new();
        for doc in &self.docs {
            starts.push(rows.len() as u32);
            own.clear();
            for (at, token) in doc.tokens.iter().enumerate() {
                let (DocKind::Content, Some(term)) = (token.kind, token.term) else {
                    continue;
                };
                let Some(word) = doc.word(at) else { continue };
                if let Some(row) = vectors.word_row(&word.to_lowercase()) {
                    own.push((row, term));
                }
            }
            own.sort_unstable();
            own.dedup_by_key(|&mut (row, _)| row);
            rows.extend(own.iter().take(WORD_ROWS));
        }
        starts.push(rows.len() as u32);
        (rows, starts)
    }

    /// A document's quote words that have a word vector: (row, term).
    pub fn word_rows(&self, d: u32) -> &[(u32, TermId)] {
        let (start, end) = (
            self.word_row_starts[d as usize] as usize,
            self.word_row_starts[d as usize + 1] as usize,
        );
        &self.word_rows[start..end]
    }

    /// What each document is about: its quote and phrasings as one vector.
    fn meanings(&self, kb: &KnowledgeBase) -> Vec<i8> {
        let vectors = vectors::vectors();
        let dims = vectors.dims();
        let mut out = Vec::with_capacity(self.docs.len() * dims);
        for doc in &self.docs {
            let claim = &kb.claims[doc.claim as usize];
            let mut text = claim.quote.clone();
            for q in &claim.questions {
                text.push_str(". ");
                text.push_str(q);
            }
            match vectors.text(&text) {
                Some(v) => out.extend(v.iter().map(|x| (x * 127.0).round() as i8)),
                None => out.resize(out.len() + dims, 0),
            }
        }
        out
    }

    /// How close a document's meaning is to a question's, -1..=1 (0 when
    /// either has none).
    pub fn similarity(&self, d: u32, query: &Query) -> f32 {
        let Some(q) = &query.meaning else {
            return 0.0;
        };
        let dims = q.len();
        let at = d as usize * dims;
        self.meaning.get(at..at + dims).map_or(0.0, |row| {
            row.iter()
                .zip(q)
                .map(|(&x, y)| f32::from(x) * y)
                .sum::<f32>()
                / 127.0
        })
    }

    /// For each written word of the knowledge base, its WordNet lemmas and
    /// their links, turned around: the words a question may use for it.
    /// A name only answers to its derived forms ("Ukrainian" ~ "Ukraine")
    /// and to the classes it belongs to ("city" ~ "Istanbul"), so that a
    /// name's rarer senses never stand in for a common word.
    fn lexical_links(&self) -> (LexicalLinks, LexicalLinks, HashSet<(WordId, TermId)>) {
        let english = english();
        let mut out: LexicalLinks = HashMap::new();
        let mut common: LexicalLinks = HashMap::new();
        let mut dominant = HashSet::new();
        // A synonymy the question's word means in one of its dominant senses.
        let mut note_dominant = |question: WordId, claim: WordId, term: TermId| {
            if english.is_dominant_synonym(question, claim) {
                dominant.insert((question, term));
            }
        };
        let mut add = |lemma: WordId, term: TermId, link: Option<Link>| {
            keep_closest(out.entry(lemma).or_default(), term, link);
        };
        for (word, &term) in &self.surfaces {
            if self.analyzer.is_source_stopword(word) {
                continue;
            }
            let proper = self.terms[term as usize].proper;
            let trusted = english.links_trusted(word);
            for lemma in english.lemmas(word) {
                add(lemma, term, None);
                for (other, link) in english.links_and_shared_opposites(lemma) {
                    // Seen from the question's word: the claim's word is
                    // the inverse of what the claim's word sees.
                    let link = link.inverse();
                    if link == Link::Synonym {
                        note_dominant(other, lemma, term);
                    }
                    if proper && !matches!(link, Link::Derived | Link::Hyponym) {
                        continue;
                    }
                    if !trusted && link != Link::Derived {
                        if link == Link::Synonym {
                            keep_closest(common.entry(other).or_default(), term, Some(link));
                        }
                        continue;
                    }
                    add(other, term, Some(link));
                    if link == Link::Antonym {
                        for base in participle_bases(other) {
                            add(base, term, Some(link));
                        }
                    }
                }
                // A common word still means its dominant senses.
                if !trusted && !proper {
                    for &other in english.dominant_synonyms(lemma) {
                        add(other, term, Some(Link::Synonym));
                        note_dominant(other, lemma, term);
                    }
                }
            }
        }
        // Multi-word lemmas of the claims' quotes ("military personnel",
        // "set free"): their links reach each content word of the phrase.
        let mut phrases: HashMap<WordId, Vec<TermId>> = HashMap::new();
        for doc in &self.docs {
            for (lemma, terms) in doc_phrases(doc) {
                let list = phrases.entry(lemma).or_default();
                for t in terms {
                    if !list.contains(&t) {
                        list.push(t);
                    }
                }
            }
        }
        for (lemma, terms) in phrases {
            for &term in &terms {
                add(lemma, term, None);
                for (other, link) in english.links_and_shared_opposites(lemma) {
                    if link == Link::Synonym {
                        note_dominant(other, lemma, term);
                    }
                    add(other, term, Some(link.inverse()));
                }
            }
        }
        // In the knowledge base's order, not the hash maps': of two claim
        // words a question word reaches equally ("cities" ~ "Manchester",
        // "Newcastle"), coverage keeps the first, the same on every run.
        for terms in out.values_mut().chain(common.values_mut()) {
            terms.sort_unstable_by_key(|&(term, _)| term);
        }
        (out, common, dominant)
    }

    /// Whether the question lemma reaches the term through one of its own
    /// dominant senses (see `lexical_dominant`).
    pub fn is_dominant_link(&self, lemma: WordId, term: TermId) -> bool {
        self.lexical_dominant.contains(&(lemma, term))
    }

    /// [`Index::lexical_of`] for the knowledge base's common words, which
    /// only a phrase of the question reaches.
    pub fn lexical_common_of(&self, lemma: WordId) -> &[(TermId, Option<Link>)] {
        self.lexical_common
            .get(&lemma)
            .map_or(&[][..], Vec::as_slice)
    }

    /// The knowledge base's terms a WordNet lemma (of a word or a phrase
    /// of the question) reaches, and how.
    pub fn lexical_of(&self, lemma: WordId) -> &[(TermId, Option<Link>)] {
        self.lexical.get(&lemma).map_or(&[][..], Vec::as_slice)
    }

    /// The knowledge base's terms a question word reaches through WordNet,
    /// and how: the claim's word is a synonym, a derived form, a more
    /// specific or general word, a similar or an opposite one.
    pub fn lexical(&self, word: &str) -> Vec<(TermId, Option<Link>)> {
        let mut out: Vec<(TermId, Option<Link>)> = Vec::new();
        for lemma in english().lemmas(word) {
            for &(term, link) in self.lexical_of(lemma) {
                keep_closest(&mut out, term, link);
            }
        }
        out
    }

    fn intern(&mut self, term: &str) -> TermId {
        if let Some(&id) = self.term_ids.get(term) {
            return id;
        }
        let id = self.terms.len() as TermId;
        self.terms.push(TermInfo {
            name: term.to_string(),
            proper: false,
        });
        self.postings.push(Vec::new());
        self.term_ids.insert(term.to_string(), id);
        id
    }

    fn analyze_claim(
        &mut self,
        claim_index: usize,
        claim: &Claim,
        context: Context,
        case: &mut HashMap<TermId, (u32, u32)>,
    ) -> Doc {
        let doc_id = self.docs.len() as u32;
        let mut fields: HashMap<TermId, u8> = HashMap::new();
        let tokens = self.analyzer.analyze_source(&claim.quote);
        let mut doc_tokens = Vec::with_capacity(tokens.len());
        let mut name_candidates = Vec::new();
        let mut len = 0;
        for (at, t) in tokens.iter().enumerate() {
            let kind = match t.kind {
                TokenKind::Content => DocKind::Content,
                TokenKind::Number { .. } => DocKind::Number,
                TokenKind::Negation if t.word == "without" => DocKind::NarrowNegation,
                TokenKind::Negation => DocKind::Negation,
                TokenKind::Stop if stopwords::is_contrast(&t.word) || t.word == "and" => {
                    DocKind::Contrast
                }
                TokenKind::Stop => DocKind::Stop,
                TokenKind::Punct(c) => DocKind::Punct(u8::try_from(c).unwrap_or(b'?')),
            };
            let term = if t.is_indexed() {
                let id = self.intern(&t.term);
                len += 1;
                *fields.entry(id).or_default() |= field::QUOTE;
                self.note_surface(t, id);
                if t.kind == TokenKind::Content && !t.synonym {
                    let entry = case.entry(id).or_default();
                    if t.capitalized && !t.sentence_start {
                        entry.0 += 1;
                    } else if !t.capitalized {
                        entry.1 += 1;
                    }
                }
                if t.kind == TokenKind::Content && t.capitalized {
                    let preposition = tokens[..at]
                        .iter()
                        .rev()
                        .take(3)
                        .filter(|p| p.kind == TokenKind::Stop)
                        .find_map(|p| stopwords::preposition(&p.word));
                    name_candidates.push((at, id, preposition, t.sentence_start));
                }
                Some(id)
            } else {
                None
            };
            let (start, end) = (t.span.start as u32, t.span.end as u32);
            doc_tokens.push(DocToken {
                term,
                start,
                end,
                kind,
            });
        }
        let answer_tokens = if claim.answer == claim.quote {
            Vec::new()
        } else {
            self.analyzer.analyze_source(&claim.answer)
        };
        let answer_values = values::extract(&answer_tokens);
        let mut answer = AnswerValues {
            counts: answer_values
                .counts
                .iter()
                .filter_map(|c| c.unit.clone())
                .collect(),
            duration: !answer_values.durations.is_empty() || answer_values.vague_duration,
            offset: answer_values.dates.iter().any(|d| d.relative),
            date: !answer_values.dates.is_empty(),
            number: !answer_values.counts.is_empty() || !answer_values.durations.is_empty(),
            name: false,
            first_capital: None,
            denies: claim.verdict().is_some_and(|(yes, _)| !yes),
        };
        for t in answer_tokens.iter().filter(|t| t.is_indexed()) {
            let id = self.intern(&t.term);
            // A capital inside the answer marks a name; the first word's
            // only once the knowledge base shows the word is one.
            if t.kind == TokenKind::Content && t.capitalized {
                if t.sentence_start {
                    answer.first_capital.get_or_insert(id);
                } else {
                    answer.name = true;
                }
            }
            *fields.entry(id).or_default() |= field::ANSWER;
            self.note_surface(t, id);
        }
        for &id in context.lead {
            *fields.entry(id).or_default() |= field::LEAD;
        }
        for &id in context.sentences {
            *fields.entry(id).or_default() |= field::CONTEXT;
        }
        for &id in context.referent {
            *fields.entry(id).or_default() |= field::CONTEXT | field::REFERENT;
        }
        let mut phrasings = Vec::with_capacity(claim.questions.len());
        let mut phrasing_expects = Vec::with_capacity(claim.questions.len());
        for q in &claim.questions {
            let mut ids: Vec<TermId> = Vec::new();
            let tokens = self.analyzer.analyze(q);
            for t in tokens.iter().filter(|t| t.is_indexed()) {
                let id = self.intern(&t.term);
                *fields.entry(id).or_default() |= field::PHRASING;
                self.note_surface(t, id);
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
            phrasings.push(ids);
            phrasing_expects.push(query::expected_answer(&tokens));
        }
        let mut terms: Vec<(TermId, u8)> = fields.into_iter().collect();
        terms.sort_unstable();
        for &(t, f) in &terms {
            self.postings[t as usize].push(Posting {
                doc: doc_id,
                fields: f,
                impact: 0.0,
            });
        }
        let values = values::extract(&tokens);
        Doc {
            claim: claim_index as u32,
            source: claim.source as u32,
            terms,
            len,
            text: claim.quote.clone(),
            tokens: doc_tokens,
            values,
            entities: Vec::new(),
            phrasings,
            phrasing_expects,
            answer,
            kinds: Kinds::default(),
            curated_kinds: Kinds::default(),
            headline: false,
            name_candidates,
        }
    }

    /// The name a sentence opens with, when it opens with one: two or more
    /// capitalised words, "of" and "and" allowed between them, after an
    /// optional "The" ("Raymond Ashcroft, 61, …", "The Wessex and Mercia
    /// Examinations Board…"); a capitalised first word alone is only the
    /// sentence's start ("Firefighters were called…").
    fn opening_name(&mut self, quote: &str) -> Vec<TermId> {
        let tokens = self.analyzer.analyze_source(quote);
        let start = usize::from(tokens.first().is_some_and(|t| t.word == "the"));
        let mut run = Vec::new();
        let mut capitals = 0;
        for (at, t) in tokens.iter().enumerate().skip(start) {
            let joins = t.kind == TokenKind::Stop
                && matches!(t.word.as_str(), "of" | "and")
                && tokens
                    .get(at + 1)
                    .is_some_and(|n| n.kind == TokenKind::Content && n.capitalized);
            if t.kind == TokenKind::Content && t.capitalized {
                capitals += 1;
                run.push(t.term.clone());
            } else if !joins {
                break;
            }
        }
        let named = capitals >= 2 || (start == 1 && capitals >= 1);
        if !named {
            return Vec::new();
        }
        run.iter().map(|term| self.intern(term)).collect()
    }

    fn note_surface(&mut self, token: &Token, id: TermId) {
        if token.kind == TokenKind::Content && !token.word.contains(' ') {
            self.surfaces.entry(token.word.clone()).or_insert(id);
        }
    }

    /// Names and value kinds, once every claim is analysed (a word is a
    /// name when the whole knowledge base only writes it capitalised).
    fn finish_doc(&mut self, d: usize, claim: &Claim) {
        let doc = &self.docs[d];
        // A capitalised word next to another inside a sentence is part of a
        // name, whatever else the article writes in lower case: "the
        // Progressive Party", "the River Tolley".
        let candidates = &doc.name_candidates;
        // "Rail and Transport Workers' Union", "Bank of England": a name
        // goes on over a connecting word between two of its words.
        let in_name_run = |at: usize| {
            let next_to = |o: usize| candidates.iter().find(|c| c.0 == o);
            let inside = |c: &(usize, TermId, Option<&str>, bool)| !c.3;
            let me = next_to(at).is_some_and(inside);
            let before = at.checked_sub(1).and_then(next_to).or_else(|| {
                at.checked_sub(2)
                    .filter(|&b| doc.connects_name(b + 1))
                    .and_then(next_to)
            });
            let after =
                next_to(at + 1).or_else(|| next_to(at + 2).filter(|_| doc.connects_name(at + 1)));
            (me && (before.is_some() || after.is_some()))
                || before.is_some_and(inside)
                || after.is_some_and(inside)
        };
        // A month or a day of the week is part of a date, not a name: "in
        // March 2024" answers when, never who or where.
        let in_date = |at: usize| {
            doc.tokens.get(at).is_some_and(|t| {
                doc.values
                    .dates
                    .iter()
                    .any(|d| d.surface.start <= t.start as usize && t.end as usize <= d.surface.end)
            })
        };
        let entities: Vec<Entity> = candidates
            .iter()
            .filter(|(at, _, _, _)| !in_date(*at))
            .filter(|(at, term, _, _)| self.terms[*term as usize].proper || in_name_run(*at))
            .map(|&(at, term, preposition, _)| Entity {
                term,
                at,
                preposition,
            })
            .collect();
        let v = &claim.values;

        let kinds = Kinds {
            number: !doc.values.counts.is_empty() || !v.numbers.is_empty(),
            place: entities.iter().any(Entity::is_place) || !v.places.is_empty(),
            person: !entities.is_empty() || !v.people.is_empty(),
            date: !doc.values.dates.is_empty() || !v.dates.is_empty(),
            duration: !doc.values.durations.is_empty()
                || doc.values.vague_duration
                || !v.durations.is_empty(),
        };
        let curated_kinds = Kinds {
            number: !v.numbers.is_empty(),
            place: !v.places.is_empty(),
            person: !v.people.is_empty(),
            date: !v.dates.is_empty(),
            duration: !v.durations.is_empty(),
        };
        let first_is_name = doc
            .answer
            .first_capital
            .is_some_and(|t| self.terms[t as usize].proper);
        let doc = &mut self.docs[d];
        doc.answer.name |= first_is_name;
        doc.entities = entities;
        doc.kinds = kinds;
        doc.curated_kinds = curated_kinds;
        doc.name_candidates = Vec::new();
    }

    /// Every name of two or more capitalised words ("Marine Accident
    /// Investigation Unit", "Bank of England") by its initials ("maiu",
    /// "be"), unless the initials are a word of the knowledge base.
    fn name_initials(&self) -> HashMap<String, Vec<TermId>> {
        let mut out: HashMap<String, Vec<TermId>> = HashMap::new();
        for doc in &self.docs {
            for run in doc.name_runs().into_iter().filter(|r| r.len() >= 2) {
                let run = &doc.entities[run];
                let initials: String = run
                    .iter()
                    .filter_map(|e| doc.word(e.at))
                    .filter_map(|w| w.chars().next())
                    .flat_map(char::to_lowercase)
                    .collect();
                if self.term_ids.contains_key(&initials) || self.surfaces.contains_key(&initials) {
                    continue;
                }
                let terms = out.entry(initials).or_default();
                for e in run {
                    if !terms.contains(&e.term) {
                        terms.push(e.term);
                    }
                }
            }
        }
        out
    }

    /// Whether each name of each source is a person's or a thing's, from
    /// the words the article writes around it ([`names::kind_of_run`]).
    fn read_name_kinds(&self) -> HashMap<(u32, TermId), names::Cues> {
        let mut out: HashMap<(u32, TermId), names::Cues> = HashMap::new();
        for doc in &self.docs {
            let words: Vec<String> = (0..doc.tokens.len())
                .map(|i| doc.word(i).unwrap_or_default().to_lowercase())
                .collect();
            let words: Vec<&str> = words.iter().map(String::as_str).collect();
            for run in doc.name_runs() {
                let run = &doc.entities[run];
                let (first, last) = (&run[0], &run[run.len() - 1]);
                let span = first.at..last.at + 1;
                let kind = names::kind_of_run(&words, span.clone(), first.is_only_place());
                // "Foreign Minister Sergei Lavrov": the title is no name.
                let named = names::named_from(&words, span);
                for e in run.iter().filter(|e| e.at >= named) {
                    out.entry((doc.source, e.term)).or_default().merge(kind);
                }
            }
        }
        out
    }

    /// Whether the name `term` is a person's or a thing's in `source`, when
    /// the article's words around it say so one way only.
    pub fn name_kind(&self, source: u32, term: TermId) -> Option<names::NameKind> {
        self.name_kinds.get(&(source, term)).and_then(|c| c.kind())
    }

    /// The terms of the name `word` is the initials of ("ea" for
    /// "Environment Agency"), if any.
    pub fn acronym(&self, word: &str) -> Option<&[TermId]> {
        self.acronyms.get(word).map(Vec::as_slice)
    }

    pub fn docs(&self) -> &[Doc] {
        &self.docs
    }

    pub fn doc(&self, d: u32) -> &Doc {
        &self.docs[d as usize]
    }

    pub fn term_name(&self, t: TermId) -> &str {
        &self.terms[t as usize].name
    }

    pub fn term_id(&self, name: &str) -> Option<TermId> {
        self.term_ids.get(name).copied()
    }

    pub fn is_proper(&self, t: TermId) -> bool {
        self.terms[t as usize].proper
    }

    pub fn term_count(&self) -> usize {
        self.terms.len()
    }

    /// The known written word closest to a misspelt one, with its term.
    pub fn correct(&self, word: &str) -> Option<(String, TermId, usize)> {
        let found = self.fuzzy.lookup(word);
        let best_distance = found.first()?.1;
        found
            .into_iter()
            .take_while(|f| f.1 == best_distance)
            .filter_map(|(w, d)| self.surfaces.get(w).map(|&t| (w.to_string(), t, d)))
            .max_by_key(|(_, t, _)| self.postings[*t as usize].len())
    }

    /// Terms that share a long stem with `name` ("ukrain" ~ "ukrainian"):
    /// a derived form the stemmer keeps apart.
    pub fn related(&self, name: &str) -> Vec<TermId> {
        /// Stems this long may extend by any few letters ("ukrain" ~ "ukrainian").
        const MIN: usize = 5;
        /// Shorter stems only by a suffix the stemmer leaves ("fast" ~ "fastest").
        const SHORT_MIN: usize = 3;
        const SUFFIXES: &[&str] = &["est", "er", "ly", "n", "an", "ian", "ese", "ish", "i"];
        const MAX_EXTRA: usize = 4;
        let mut out = Vec::new();
        if name.len() < SHORT_MIN
            || name.starts_with(['#', '~'])
            || !name.is_char_boundary(name.len())
        {
            return out;
        }
        let extends = |short: &str, long: &str| {
            long.len() > short.len()
                && long.len() <= short.len() + MAX_EXTRA
                && (short.len() >= MIN || SUFFIXES.contains(&&long[short.len()..]))
        };
        // Longer terms that start with `name`.
        let from = self
            .by_name
            .partition_point(|&t| self.terms[t as usize].name.as_str() < name);
        for &t in &self.by_name[from..] {
            let other = &self.terms[t as usize].name;
            if !other.starts_with(name) {
                break;
            }
            if extends(name, other) {
                out.push(t);
            }
        }
        // Shorter terms that `name` starts with.
        for cut in (SHORT_MIN..name.len()).rev().take(MAX_EXTRA) {
            if let Some(prefix) = name.get(..cut) {
                if let Some(&t) = self.term_ids.get(prefix) {
                    if extends(prefix, name) {
                        out.push(t);
                    }
                }
            }
        }
        out
    }

    /// How many documents of `source` hold `term` in their own words: a
    /// word of the lead sentence, which every sentence carries as context,
    /// is not thereby common.
    pub fn source_df(&self, term: TermId, source: u32) -> u32 {
        let range = &self.sources[source as usize].docs;
        let postings = &self.postings[term as usize];
        let lo = postings.partition_point(|p| p.doc < range.start);
        let hi = postings.partition_point(|p| p.doc < range.end);
        postings[lo..hi]
            .iter()
            .filter(|p| field::own(p.fields))
            .count() as u32
    }

    /// Inverse document frequency of a term within one source (BM25's form,
    /// always positive). A term the source never uses weighs the most.
    pub fn source_idf(&self, term: Option<TermId>, source: u32) -> f32 {
        let n = self.source_len(source) as f32;
        let df = term.map_or(0, |t| self.source_df(t, source)) as f32;
        (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
    }

    /// A question term's weight in one source: its IDF there when the
    /// source uses it; otherwise how much the word tells in general English
    /// ([`crate::lexicon::English::information`]) on the same scale, so that
    /// a common word the article happens not to use ("believe", "now")
    /// barely counts while a rare one ("memorandum") counts in full.
    pub fn term_weight(&self, qt: &QueryTerm, source: u32) -> f32 {
        let df = qt.primary().map_or(0, |t| self.source_df(t, source));
        if df > 0 {
            return self.source_idf(qt.primary(), source);
        }
        let most = self.source_idf(None, source);
        if qt.number.is_some() {
            most
        } else {
            most * english().information(&qt.word)
        }
    }

    pub fn source_len(&self, source: u32) -> u32 {
        let r = &self.sources[source as usize].docs;
        r.end - r.start
    }

    /// The `k` documents with the best BM25 score over the query's terms
    /// and their expansions (global statistics; re-ranked by the caller).
    pub fn candidates(&self, query: &Query, k: usize) -> Vec<u32> {
        let n = self.docs.len() as f32;
        SCRATCH.with(|cell| {
            let mut guard = cell.borrow_mut();
            let (scores, touched) = &mut *guard;
            if scores.len() < self.docs.len() {
                scores.resize(self.docs.len(), 0.0);
            }
            touched.clear();
            for qt in &query.terms {
                for &(term, weight, _) in &qt.expansions {
                    let postings = &self.postings[term as usize];
                    let df = self.own_df[term as usize] as f32;
                    let idf = (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
                    for p in postings {
                        let slot = &mut scores[p.doc as usize];
                        if *slot == 0.0 {
                            touched.push(p.doc);
                        }
                        *slot += idf * weight * p.impact + f32::MIN_POSITIVE;
                    }
                }
            }
            let by_score = |a: &u32, b: &u32| {
                scores[*b as usize]
                    .total_cmp(&scores[*a as usize])
                    .then(a.cmp(b))
            };
            let keep = k.min(touched.len());
            if touched.len() > keep && keep > 0 {
                // Reorders without dropping, so every touched slot is reset below.
                touched.select_nth_unstable_by(keep - 1, by_score);
            }
            touched[..keep].sort_unstable_by(by_score);
            let out = touched[..keep].to_vec();
            for &d in touched.iter() {
                scores[d as usize] = 0.0;
            }
            out
        })
    }
}

/// One article without a claims file, loaded as the bot loads a dropped-in
/// article, and its index: what the engine's unit tests read.
#[cfg(test)]
pub(crate) fn of_article(text: &str) -> (KnowledgeBase, Index) {
    let texts = HashMap::from([("article.txt".to_string(), text.to_string())]);
    let kb = crate::knowledge::files::build(std::path::Path::new("kb"), &texts, &[], None)
        .expect("the article loads");
    let index = Index::build(&kb);
    (kb, index)
}
