//! A question or statement read against the index: its terms resolved to
//! the knowledge base's vocabulary (exact, typo-corrected, related form or
//! opposite), and for questions the kind of answer they expect.

use super::values::Measure;
use super::{Index, TermId};
use crate::lexicon::{english, Link, WordId, COMMON_WORD_ZIPF};
use crate::text::words::{looked_up, word_lists};
use crate::text::{stopwords, stopwords::QuestionWord, Token, TokenKind};

/// The most terms a question contributes; the rest of a very long text is
/// read but not matched.
pub const MAX_TERMS: usize = 48;

/// How much a typo-corrected word counts, by edit distance: one edit is
/// almost surely the word meant, two much less so.
const TYPO_WEIGHT: [f32; 3] = [1.0, 0.85, 0.65];
/// How much a related form ("ukrainian" for "ukraine") counts.
const RELATED_WEIGHT: f32 = 0.9;
/// How much an opposite counts when matching a question: the claim speaks
/// to it, with the other polarity.
const ANTONYM_WEIGHT: f32 = 0.8;
/// Words used at least this often (zipf) are real words, never read as a
/// misspelling of another: "tanks" is not "talks".
const REAL_WORD_ZIPF: f32 = 3.0;

/// How much a claim's word linked by WordNet counts for a question's word,
/// by the kind of link: the same lemma in another form fully, a synonym or
/// derived form almost fully, a more specific word in the claim ("city" →
/// "Istanbul") more than a more general one ("swap" → "exchange"), a
/// similar adjective least.
fn lexical_weight(link: Option<Link>) -> (f32, MatchKind) {
    match link {
        None => (1.0, MatchKind::Lemma),
        Some(Link::Synonym) => (0.85, MatchKind::Synonym),
        Some(Link::Derived) => (0.85, MatchKind::Derived),
        Some(Link::Hyponym) => (0.75, MatchKind::Narrower),
        Some(Link::Hypernym) => (0.6, MatchKind::Broader),
        Some(Link::Similar) => (0.6, MatchKind::Similar),
        Some(Link::Antonym) => (ANTONYM_WEIGHT, MatchKind::Antonym),
    }
}

/// Adds a claim term to a query term's expansions, or raises its weight
/// when a closer link reaches it; an exact match is never replaced.
fn offer(expansions: &mut Vec<(TermId, f32, MatchKind)>, id: TermId, w: f32, kind: MatchKind) {
    match expansions.iter_mut().find(|e| e.0 == id) {
        Some(e) if e.1 < w && e.2 != MatchKind::Exact => *e = (id, w, kind),
        Some(_) => {}
        None => expansions.push((id, w, kind)),
    }
}

/// How a misspelt word of a question was read.
enum Spelling {
    /// A typo of a knowledge-base word: (the word, its term, edits).
    Known((String, TermId, usize)),
    /// Read as the common English word it misspells; the token is rewritten.
    Common,
}

/// Whether `typed` is `meant` with two neighbouring letters swapped, or
/// with one letter left out or typed twice, past the first letter (a word
/// is seldom mistyped at its start: "apart" is not "part").
fn slip(typed: &str, meant: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (typed.chars().collect(), meant.chars().collect());
    let skips = |long: &[char], short: &[char]| {
        long.len() == short.len() + 1
            && (1..long.len()).any(|i| long[..i] == short[..i] && long[i + 1..] == short[i..])
    };
    if a.len() == b.len() {
        let diff: Vec<usize> = (0..a.len()).filter(|&i| a[i] != b[i]).collect();
        return diff.len() == 2
            && diff[0] > 0
            && diff[1] == diff[0] + 1
            && a[diff[0]] == b[diff[1]]
            && a[diff[1]] == b[diff[0]];
    }
    skips(&a, &b) || skips(&b, &a)
}

/// The kind of answer a question asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Expect {
    Any,
    Number,
    Place,
    Person,
    Date,
    Duration,
    YesNo,
}

/// How a query word found its term.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution {
    Known,
    Typo { corrected: String, distance: usize },
    Unknown,
}

/// How a claim term matches a query term.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchKind {
    Exact,
    Typo,
    /// Shares a long stem ("ukrain" ~ "ukrainian").
    Related,
    Antonym,
    /// The same WordNet lemma written another way ("freed" ~ "free").
    Lemma,
    Synonym,
    Derived,
    /// The claim's word is more specific ("city" → "Istanbul").
    Narrower,
    /// The claim's word is more general ("swap" → "exchange").
    Broader,
    Similar,
}

#[derive(Debug, Clone)]
pub struct QueryTerm {
    /// The word as written (lower case).
    pub word: String,
    /// Its analysed form.
    pub name: String,
    /// Token position in [`Query::tokens`].
    pub at: usize,
    pub resolution: Resolution,
    /// Claim terms that count as this one, with their weight.
    pub expansions: Vec<(TermId, f32, MatchKind)>,
    /// A word of the question's frame ("take place" in "where did it take
    /// place"): counts when matched, is not missed when absent.
    pub optional: bool,
    pub number: Option<f64>,
    pub year: bool,
    /// Written or known as a name.
    pub name_like: bool,
    /// A synonym group rather than a plain stem.
    pub synonym: bool,
}

impl QueryTerm {
    /// The term the query word stands for in the index, if any.
    pub fn primary(&self) -> Option<TermId> {
        self.expansions
            .iter()
            .find(|e| matches!(e.2, MatchKind::Exact | MatchKind::Typo | MatchKind::Lemma))
            .map(|e| e.0)
    }

    /// Whether the word stands for the claim term `term`, in any form or
    /// link.
    pub fn reaches(&self, term: TermId) -> bool {
        self.expansions.iter().any(|e| e.0 == term)
    }

    /// Whether the word names the same thing as the claim term `term`: any
    /// form or link but an opposite ("civilians" is no count of "military
    /// personnel").
    pub fn names_same(&self, term: TermId) -> bool {
        self.expansions
            .iter()
            .any(|e| e.0 == term && e.2 != MatchKind::Antonym)
    }
}

#[derive(Debug, Clone)]
pub struct Query {
    pub text: String,
    pub tokens: Vec<Token>,
    pub terms: Vec<QueryTerm>,
    pub expect: Expect,
    /// The term the question is first about: its first required word
    /// ("contractors" in "who were the contractors that did the repairs?").
    pub focus: Option<usize>,
    /// What the whole text is about, as one vector.
    pub meaning: Option<crate::lexicon::vectors::Vector>,
    /// For a question of number, the kind asked for when its words tell:
    /// money, a share, a length, a weight, an age… ([`measure_asked`]).
    pub measure: Option<Measure>,
    /// "What kind of tree": the term of the noun whose kind is asked for;
    /// the answer is the word before it ("a sycamore tree").
    pub kind_of: Option<usize>,
    /// "How many": it counts things, which a length or a sum does not.
    pub how_many: bool,
    /// The token of the noun "how many" counts ([`counted_noun`]).
    pub counted: Option<usize>,
    /// Whether it asks for someone (see [`Query::asks_someone`]).
    someone: bool,
    /// The term of the noun whose name it asks for ([`Query::named_noun`]).
    named: Option<usize>,
    /// The term of the noun after "which" ([`Query::which_noun`]).
    which: Option<usize>,
    /// Whether it asks of a change ([`Query::asks_change`]).
    change: bool,
    /// Whether it asks how long before or after something ([`Query::asks_offset`]).
    offset: bool,
}

/// The longest question or statement read, in bytes: longer than any
/// Discord message (4,000 characters), so a member never meets it.
impl Query {
    /// Whether it asks how long before or after something ("how many days
    /// before the swap"): the question's own words say so, not the chatter
    /// before it ("quick q before my shift starts, how long…").
    pub fn asks_offset(&self) -> bool {
        self.offset
    }

    /// Whether it asks for someone ("who", "whose", "the name of the man"),
    /// whom no place answers; "in which battles" asks for places.
    pub fn asks_someone(&self) -> bool {
        self.someone
    }

    /// The noun whose name the question asks for ("the name of the
    /// conductor", "the names of the two surgeries"), when it is a common
    /// noun.
    pub fn named_noun(&self) -> Option<&QueryTerm> {
        self.named.map(|i| &self.terms[i])
    }

    /// Whether the question asks how much something went up or down, or
    /// was lost or gained ("how much have bills gone up", "how much
    /// business did she lose"): a share answers that as well as a sum.
    pub fn asks_change(&self) -> bool {
        self.change
    }

    /// The noun a "which" question asks a name for ("which German club",
    /// "which company"), when the question asks for a name.
    pub fn which_noun(&self) -> Option<&QueryTerm> {
        self.which.map(|i| &self.terms[i])
    }

    /// For each term, how many words the name it belongs to has (1 for a
    /// word that is not part of a name): the name-like terms standing next
    /// to each other ("Ashworth Valley Hospitals NHS Trust"). A name of
    /// five words is one name, and weighs like one.
    pub fn name_runs(&self) -> Vec<usize> {
        let mut runs = vec![1; self.terms.len()];
        let mut start = 0;
        while start < self.terms.len() {
            let mut end = start + 1;
            if self.terms[start].name_like {
                while end < self.terms.len()
                    && self.terms[end].name_like
                    && self.terms[end].at == self.terms[end - 1].at + 1
                {
                    end += 1;
                }
            }
            for r in &mut runs[start..end] {
                *r = end - start;
            }
            start = end;
        }
        runs
    }
}

pub const MAX_QUERY_BYTES: usize = 4096;

/// `text` cut to at most `max` bytes, on a character boundary.
fn clip(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Stems that frame a question of each kind rather than carry its topic.
fn frame_words(expect: Expect) -> &'static [&'static str] {
    let w = word_lists();
    match expect {
        Expect::Date => w.frame_date,
        Expect::Place => w.frame_place,
        Expect::Duration => w.frame_duration,
        Expect::Number => w.frame_number,
        Expect::Person => w.frame_person,
        Expect::Any | Expect::YesNo => &[],
    }
}

impl Query {
    /// Whether a word of the query stands for the claim term `term`, in
    /// any form or link.
    pub fn reaches(&self, term: TermId) -> bool {
        self.terms.iter().any(|q| q.reaches(term))
    }
}

/// Whether a written word is a discourse word, itself or by its lemma.
fn is_discourse(word: &str) -> bool {
    listed(word_lists().discourse, word, &english().lemmas(word))
}

/// Whether a list of base forms holds a word, itself or by one of its
/// WordNet lemmas ("mentioned" of "mention", "weighs" of "weigh").
fn listed(list: crate::text::words::List, word: &str, lemmas: &[WordId]) -> bool {
    list.contains(&word) || lemmas.iter().any(|&l| list.contains(&english().word(l)))
}

/// Whether the word at `at` is what the article does with what it
/// reports: the verb after "the article", "this piece" ("which year does
/// the piece give", "how many places does the article list"; `texts` in
/// words.toml). It frames the question like "say" and "mention" do.
fn reported(tokens: &[Token], at: usize) -> bool {
    let word = |i: usize| tokens.get(i).map(|t| t.word.as_str());
    at >= 2
        && tokens[at].kind == TokenKind::Content
        && word(at - 1).is_some_and(|w| word_lists().texts.contains(&w))
        && word(at - 2).is_some_and(|w| matches!(w, "the" | "this" | "that" | "your"))
}

/// A word in the other spellings of English, British and American, by
/// their regular differences: "-our"/"-or" ("harbour"), "-re"/"-er"
/// ("centre"), "-ise"/"-ize" and "-yse"/"-yze" with their endings
/// ("organised", "analysing"), "-ence"/"-ense" ("defence"), "-ogue"/"-og"
/// ("catalogue") and a doubled "l" before "-ed", "-ing", "-er"
/// ("cancelled", "traveling").
fn other_spellings(word: &str) -> Vec<String> {
    const ENDINGS: [&str; 8] = ["", "s", "d", "ed", "ing", "r", "rs", "ation"];
    const PAIRS: [(&str, &str); 6] = [
        ("our", "or"),
        ("re", "er"),
        ("ise", "ize"),
        ("yse", "yze"),
        ("ence", "ense"),
        ("ogue", "og"),
    ];
    let mut out = Vec::new();
    if word.len() < 5 || !word.is_ascii() {
        return out;
    }
    for ending in ENDINGS {
        let Some(stem) = word.strip_suffix(ending) else {
            continue;
        };
        for (a, b) in PAIRS {
            for (from, to) in [(a, b), (b, a)] {
                // "-ise" and "-re" lose their "e" before "-ed", "-ing",
                // "-ation": "organised", "organising", "organisation".
                let (from, to) = match ending {
                    "ed" | "ing" | "ation" if from.ends_with('e') || to.ends_with('e') => (
                        from.strip_suffix('e').unwrap_or(from),
                        to.strip_suffix('e').unwrap_or(to),
                    ),
                    _ => (from, to),
                };
                if let Some(base) = stem.strip_suffix(from) {
                    if base.len() >= 2 {
                        out.push(format!("{base}{to}{ending}"));
                    }
                }
            }
        }
    }
    for ending in ["ed", "ing", "er", "ers"] {
        if let Some(stem) = word.strip_suffix(ending) {
            if let Some(single) = stem.strip_suffix("ll") {
                out.push(format!("{single}l{ending}"));
            } else if stem.ends_with('l') && !stem.ends_with("ll") {
                out.push(format!("{stem}l{ending}"));
            }
        }
    }
    out.retain(|w| w != word);
    out
}

/// Whether "how long" asks for a thing's length ("how long are the new
/// flood walls in total", "how long was the bit of embankment that
/// collapsed") rather than a length of time ("how long was the meeting",
/// "how long was the road shut"): "how long" and a form of "be", then a
/// noun phrase whose last word names a thing or place that has a length.
/// `spoken` starts at "how".
fn long_thing(spoken: &[&Token]) -> bool {
    let [_, _, be, rest @ ..] = spoken else {
        return false;
    };
    if !word_lists().be_forms.contains(&be.word.as_str()) {
        return false;
    }
    let phrase: Vec<&Token> = rest
        .iter()
        .skip_while(|t| t.kind == TokenKind::Stop)
        .take_while(|t| t.kind == TokenKind::Content)
        .copied()
        .collect();
    phrase
        .last()
        .is_some_and(|head| !head.capitalized && english().is_physical(&head.word))
}

/// Whether `word` is an adjective of measure (`dimensions` in words.toml).
pub fn is_dimension(word: &str) -> bool {
    word_lists().dimensions.contains(&word)
}

/// The kind of number a question asks for, when its words tell: an age,
/// a length, a weight, a temperature or a speed ("how old", "how far",
/// "how heavy"…), a share ("what percentage", "what share of"), or, for
/// "how much" / "how many pounds", money (a word of paying, or a currency
/// sign in the question).
pub fn measure_asked(tokens: &[Token], expect: Expect) -> Option<Measure> {
    if expect != Expect::Number {
        return None;
    }
    let lists = word_lists();
    let words: Vec<&str> = tokens.iter().map(|t| t.word.as_str()).collect();
    // "How old", "how far", "how heavy": the dimension after "how".
    let after_how = words.windows(2).find(|w| w[0] == "how").map(|w| w[1]);
    for (list, measure) in [
        (lists.how_age, Measure::Age),
        (lists.how_length, Measure::Length),
        (lists.how_weight, Measure::Weight),
        (lists.how_temperature, Measure::Temperature),
        (lists.how_speed, Measure::Speed),
    ] {
        if after_how.is_some_and(|w| list.contains(&w)) {
            return Some(measure);
        }
    }
    // "How many tonnes", "how many miles": the unit counted names the
    // measure ("degrees" only with a temperature's own word after it).
    let unit_counted = words
        .windows(3)
        .find(|w| w[0] == "how" && w[1] == "many")
        .map(|w| w[2]);
    if let Some(unit) = unit_counted {
        if looked_up(lists.length_units, unit).is_some() {
            return Some(Measure::Length);
        }
        for (list, measure) in [
            (lists.weight_units, Measure::Weight),
            (lists.speed_units, Measure::Speed),
        ] {
            if list.contains(&unit) {
                return Some(measure);
            }
        }
        if lists.currency_names.contains(&unit) {
            return Some(Measure::Money);
        }
    }
    let share = words.iter().enumerate().any(|(i, w)| {
        lists.share_asked.contains(w)
            || (lists.share_of.contains(w) && words.get(i + 1) == Some(&"of"))
    });
    if share {
        return Some(Measure::Percent);
    }
    let how_much = words.windows(2).any(|w| w == ["how", "much"]);
    // "How much does it weigh", "what is the length of", "what top speed".
    let named = if how_much {
        words.iter().find_map(|w| measure_named(w))
    } else {
        words
            .iter()
            .position(|w| {
                matches!(
                    stopwords::question_word(w),
                    Some(QuestionWord::What | QuestionWord::Which)
                )
            })
            .and_then(|i| asked_after(&words[i..]).find_map(measure_named))
    };
    if named.is_some() {
        return named;
    }
    let sign = tokens
        .iter()
        .any(|t| matches!(t.kind, TokenKind::Number { money: true, .. }));
    let currency = words.iter().any(|w| lists.currency_names.contains(w));
    // "What price", "which fee": the word after the question word.
    let what_money = words.windows(2).any(|w| {
        matches!(
            stopwords::question_word(w[0]),
            Some(QuestionWord::What | QuestionWord::Which)
        ) && money_word(w[1])
    });
    (sign || currency || what_money || (how_much && words.iter().any(|w| money_word(w))))
        .then_some(Measure::Money)
}

/// The measure whose own word this is, itself or by its lemma ("weighs",
/// "length", "speed": `length_asked`… in words.toml).
fn measure_named(word: &str) -> Option<Measure> {
    let lists = word_lists();
    let lemmas = english().lemmas(word);
    [
        (lists.length_asked, Measure::Length),
        (lists.weight_asked, Measure::Weight),
        (lists.temperature_asked, Measure::Temperature),
        (lists.speed_asked, Measure::Speed),
    ]
    .into_iter()
    .find(|&(list, _)| listed(list, word, &lemmas))
    .map(|(_, measure)| measure)
}

/// The first two content words after a question word ("what is the
/// length", "what top speed"): what it asks about.
fn asked_after<'a>(words: &'a [&'a str]) -> impl Iterator<Item = &'a str> + 'a {
    words
        .iter()
        .skip(1)
        .copied()
        .filter(|w| !word_lists().stopwords.contains(w) && !word_lists().be_forms.contains(w))
        .take(2)
}

/// A word of money in any form ("money" in words.toml): "payment" of
/// "pay", "savings" of "save" (WordNet's lemmas and derived forms).
fn money_word(word: &str) -> bool {
    let money = |l: WordId| word_lists().money.contains(&english().word(l));
    word_lists().money.contains(&word)
        || english().lemmas(word).into_iter().any(|l| {
            money(l)
                || english()
                    .links(l)
                    .iter()
                    .any(|&(d, link)| link == Link::Derived && money(d))
        })
}

/// Token positions of a name asked for: a name noun used as a noun (before
/// "of", after "the", a possessive or a word of `name_kinds` in words.toml, or last in
/// the question), with the `name_kinds` words before it. They frame
/// the question: the answer is a name, seldom the word "name".
pub fn name_asked(tokens: &[Token]) -> Vec<usize> {
    let words: Vec<(usize, &str)> = tokens
        .iter()
        .enumerate()
        .filter(|(_, t)| !matches!(t.kind, TokenKind::Punct(_)))
        .map(|(i, t)| (i, t.word.as_str()))
        .collect();
    let mut out = Vec::new();
    for (k, &(at, w)) in words.iter().enumerate() {
        if !word_lists().name_nouns.contains(&w) {
            continue;
        }
        let before = k.checked_sub(1).map(|p| words[p].1);
        let after = words.get(k + 1).map(|p| p.1);
        let noun = after.is_none_or(|a| a == "of")
            || before.is_some_and(|b| {
                matches!(b, "the" | "his" | "her" | "their" | "its" | "your")
                    || word_lists().name_kinds.contains(&b)
                    || b.ends_with("'s")
                    || b.ends_with("’s")
            });
        if !noun {
            continue;
        }
        out.push(at);
        let mut p = k;
        while p > 0 && word_lists().name_kinds.contains(&words[p - 1].1) {
            p -= 1;
            out.push(words[p].0);
        }
    }
    out
}

/// The tokens of the question itself when chatter surrounds it ("so I was
/// reading about it, and — who confirmed the release? asking for a friend"):
/// from a question word that opens a clause to the question mark. Words
/// outside still count when the claim has them, but are not missed.
pub fn question_focus(tokens: &[Token]) -> std::ops::Range<usize> {
    let opens_clause = |i: usize| {
        tokens[..i]
            .iter()
            .rev()
            .find(|t| t.kind != TokenKind::Stop || stopwords::question_word(&t.word).is_some())
            .is_none_or(|t| {
                matches!(
                    t.kind,
                    TokenKind::Punct(',' | '-' | ':' | ';' | '.' | '!' | '?' | '(' | '"')
                )
            })
    };
    // Without a question word, the sentence that ends in the question
    // mark: "Sorry, late to this thread. Is it the council or the trust
    // that pays?" asks about the council and the trust, not the thread.
    let asking_sentence = || {
        let mark = tokens
            .iter()
            .position(|t| t.kind == TokenKind::Punct('?'))?;
        let start = tokens[..mark]
            .iter()
            .rposition(|t| matches!(t.kind, TokenKind::Punct('.' | '!' | '?')))
            .map_or(0, |p| p + 1);
        Some(start)
    };
    let start = tokens
        .iter()
        .enumerate()
        .find(|(i, t)| {
            t.kind == TokenKind::Stop
                && stopwords::question_word(&t.word).is_some()
                && opens_clause(*i)
        })
        .map(|(i, _)| i)
        .or_else(asking_sentence)
        .unwrap_or(0);
    // "According to his barrister, how did he…": whose account the
    // question asks for is part of it, not chatter before it.
    let sentence = tokens[..start]
        .iter()
        .rposition(|t| matches!(t.kind, TokenKind::Punct('.' | '!' | '?')))
        .map_or(0, |p| p + 1);
    let start = match tokens.get(sentence..sentence + 2) {
        Some([a, b]) if a.word == "according" && b.word == "to" => sentence,
        _ => start,
    };
    let end = tokens[start..]
        .iter()
        .position(|t| t.kind == TokenKind::Punct('?'))
        .map_or(tokens.len(), |p| start + p + 1);
    start..end
}

/// Reads the question word and the word after it.
pub fn expected_answer(tokens: &[Token]) -> Expect {
    expected(tokens, !name_asked(tokens).is_empty())
}

/// [`expected_answer`], told whether a name is asked for ([`name_asked`]).
fn expected(tokens: &[Token], asks_name: bool) -> Expect {
    // The question asked, not the chatter around it; and within it, a
    // question word that opens a clause, not one after a noun ("were
    // there women among the people who came home?" asks yes or no).
    let focus = question_focus(tokens);
    let spoken: Vec<&Token> = tokens[focus.clone()]
        .iter()
        .filter(|t| !matches!(t.kind, TokenKind::Punct(_)))
        .collect();
    let words: Vec<&str> = spoken.iter().map(|t| t.word.as_str()).collect();
    let opening = tokens
        .get(focus.start)
        .and_then(|t| stopwords::question_word(&t.word));
    // "Did the men who were freed go home?": an auxiliary first, and no
    // question word opening the question, asks yes or no.
    let yes_no = opening.is_none()
        && words
            .iter()
            .find(|w| !is_chatter(w))
            .is_some_and(|w| word_lists().auxiliaries.contains(w));
    for (i, w) in words.iter().enumerate().filter(|_| !yes_no) {
        let Some(q) = stopwords::question_word(w) else {
            continue;
        };
        let next = words.get(i + 1).copied().unwrap_or("");
        // "Which club", "which two rivers": a noun after "which" asks
        // which one it is, and a thing is told apart by its name.
        let noun_next = || {
            let lists = word_lists();
            // Past numbers and determiners: "which two other rivers".
            let verb = |w: &str| lists.auxiliaries.contains(&w) || lists.be_forms.contains(&w);
            spoken[i + 1..]
                .iter()
                .find(|t| match t.kind {
                    TokenKind::Number { .. } => false,
                    TokenKind::Stop => verb(&t.word),
                    _ => true,
                })
                .is_some_and(|t| {
                    t.kind == TokenKind::Content
                        && !word_lists().kinds_of.contains(&t.word.as_str())
                })
        };
        return match q {
            QuestionWord::How => match next {
                // "How long is the wall": a thing's length.
                "long" if long_thing(&spoken[i..]) => Expect::Number,
                "long" => Expect::Duration,
                // "How many days before the swap…", "how much extra
                // time": a length of time ("how many times" counts). A unit
                // before a noun names a kind of it ("how many final year
                // students") and asks for a count; after an auxiliary it is
                // in the subject ("how much did day tickets cost").
                "many" | "much"
                    if (i + 2..spoken.len())
                        .take(2)
                        .take_while(|&k| {
                            !word_lists().auxiliaries.contains(&spoken[k].word.as_str())
                        })
                        .any(|k| {
                            let t = spoken[k];
                            let modifies = spoken.get(k + 1).is_some_and(|n| {
                                n.kind == TokenKind::Content
                                    && english().noun_kind(&n.word).is_some()
                            });
                            (super::values::time_unit_seconds(&t.term).is_some() && !modifies)
                                || (next == "much" && t.word == "time")
                        }) =>
                {
                    Expect::Duration
                }
                _ if is_dimension(next) => Expect::Number,
                _ => Expect::Any,
            },
            QuestionWord::When => Expect::Date,
            QuestionWord::Where => Expect::Place,
            QuestionWord::Who => Expect::Person,
            QuestionWord::What | QuestionWord::Which if asks_name => Expect::Person,
            QuestionWord::What | QuestionWord::Which => match next {
                "time" | "year" | "date" | "day" | "month" => Expect::Date,
                "city" | "country" | "place" | "region" | "town" | "location" | "area" => {
                    Expect::Place
                }
                "number" | "amount" => Expect::Number,
                _ if asked_after(&words[i..]).any(|w| measure_named(w).is_some()) => Expect::Number,
                // "What price", "what fee": a sum of money.
                _ if money_word(next) => Expect::Number,
                _ if word_lists().share.contains(&next) => Expect::Number,
                _ if q == QuestionWord::Which && noun_next() => Expect::Person,
                _ => Expect::Any,
            },
            QuestionWord::Why => Expect::Any,
        };
    }
    let first = tokens[focus]
        .iter()
        .find(|t| !matches!(t.kind, TokenKind::Punct(_)) && !is_chatter(&t.word));
    match first {
        Some(t) if word_lists().auxiliaries.contains(&t.word.as_str()) => Expect::YesNo,
        _ => Expect::Any,
    }
}

/// Where a question says "how many", if it does.
fn how_many_at(tokens: &[Token]) -> Option<usize> {
    tokens
        .windows(2)
        .position(|w| w[0].word == "how" && w[1].word == "many")
}

/// The noun a "how many" question counts, "how many" standing at `many`:
/// the last word of the run of content words after it ("trips" in "how
/// many trips a day…", "students" in "how many final year students…").
fn counted_noun(tokens: &[Token], many: usize) -> Option<usize> {
    tokens
        .iter()
        .enumerate()
        .skip(many + 2)
        .take_while(|(_, t)| t.kind == TokenKind::Content)
        .map(|(at, _)| at)
        .last()
}

fn is_chatter(word: &str) -> bool {
    word_lists().chatter.contains(&word)
}

impl Index {
    /// Multi-word WordNet lemmas of the question ("handed over", "prime
    /// minister") reach the knowledge base through their own links; each
    /// content word of the phrase gains those expansions.
    fn expand_phrases(&self, tokens: &[Token], terms: &mut [QueryTerm]) {
        let english = english();
        for i in 0..tokens.len() {
            for n in [2, 3] {
                let Some(window) = tokens.get(i..i + n) else {
                    break;
                };
                let wordlike = |t: &Token| {
                    matches!(
                        t.kind,
                        TokenKind::Content | TokenKind::Stop | TokenKind::Negation
                    ) && !t.word.contains(' ')
                };
                if !window.iter().all(wordlike) {
                    continue;
                }
                let mut words: Vec<&str> = window.iter().map(|t| t.word.as_str()).collect();
                // "turned it down": the phrasal verb around its object.
                let mut lemmas = english.phrase_lemmas(&words);
                if n == 3 && word_lists().object_pronouns.contains(&words[1]) {
                    words.remove(1);
                    lemmas.extend(english.phrase_lemmas(&words));
                }
                for lemma in lemmas {
                    let common = self.lexical_common_of(lemma);
                    for &(id, link) in self.lexical_of(lemma).iter().chain(common) {
                        let (w, kind) = lexical_weight(link);
                        for qt in terms
                            .iter_mut()
                            .filter(|q| (i..i + n).contains(&q.at) && q.number.is_none())
                        {
                            offer(&mut qt.expansions, id, w, kind);
                        }
                    }
                }
            }
        }
    }

    /// How a misspelt word is read, looked up once per word: a word that
    /// neither the knowledge base nor common English knows is a typo of a
    /// knowledge-base word when one is near enough (the token stays as
    /// written), else of the common word it most likely misspells ("wher" →
    /// "where", "frist" → "first"; the token is rewritten).
    fn spelling(&self, token: &mut Token) -> Option<Spelling> {
        if token.kind != TokenKind::Content || token.synonym || self.term_id(&token.term).is_some()
        {
            return None;
        }
        // Chat shorthand is the word it stands for, spelt in full.
        if let Some(full) = word_lists().unabbreviated(&token.word) {
            self.read_as(token, full);
            return None;
        }
        // The article's word in the other spelling of English: "harbor"
        // for "harbour", "canceled" for "cancelled".
        if let Some(other) = other_spellings(&token.word)
            .into_iter()
            .find(|w| self.term_id(&self.analyzer.stem(w)).is_some())
        {
            self.read_as(token, &other);
            return None;
        }
        let english = english();
        if let Some(zipf) = english.zipf(&token.word).filter(|&z| z >= REAL_WORD_ZIPF) {
            // A real word may still be a slip of the fingers on the
            // article's word: two letters swapped or one left out or
            // doubled ("trail" for "trial", "manger" for "manager"), never
            // another letter typed in its place ("tanks" is not "talks").
            // A common misspelling is common too ("wil", "goin", "nite"),
            // but no dictionary word: it is read as a word no one uses is.
            let dictionary = token.capitalized || !english.lemmas(&token.word).is_empty();
            if dictionary {
                let found = self.correct(&token.word).filter(|(meant, _, distance)| {
                    *distance == 1
                        && slip(&token.word, meant)
                        && english.zipf(meant).is_some_and(|z| z >= zipf)
                })?;
                return Some(Spelling::Known(found));
            }
        }
        if let Some(found) = self.correct(&token.word) {
            return Some(Spelling::Known(found));
        }
        let meant = english.correct(&token.word)?;
        self.read_as(token, meant);
        Some(Spelling::Common)
    }

    /// Rewrites a token as the word it stands for.
    fn read_as(&self, token: &mut Token, meant: &str) {
        token.word = meant.to_string();
        if stopwords::is_negation(meant) {
            token.kind = TokenKind::Negation;
            token.term = meant.to_string();
        } else if self.analyzer.is_stopword(meant) {
            token.kind = TokenKind::Stop;
            token.term = meant.to_string();
        } else {
            token.term = self.analyzer.stem(meant);
        }
    }

    /// Reads a question or statement against the index: at most its first
    /// [`MAX_QUERY_BYTES`], so that the cost of a question is bounded
    /// whatever its size (a few checks compare every value with every other).
    pub fn query(&self, text: &str) -> Query {
        let text = clip(text, MAX_QUERY_BYTES);
        let mut tokens = self.analyzer.analyze(text);
        // "EA" for "Environment Agency": initials written in capitals, or
        // in any case when they are no English word.
        let initials: Vec<(usize, &[TermId])> = tokens
            .iter()
            .enumerate()
            .filter(|(_, t)| t.kind == TokenKind::Content && self.term_id(&t.term).is_none())
            .filter_map(|(i, t)| {
                let terms = self.acronym(&t.word)?;
                let written = text.get(t.span.clone()).unwrap_or_default();
                let capitals = written.chars().all(|c| c.is_uppercase());
                let word = english().zipf(&t.word).is_some_and(|z| z >= REAL_WORD_ZIPF);
                (capitals || !word).then_some((i, terms))
            })
            .collect();
        let mut spellings: Vec<(usize, Spelling)> = tokens
            .iter_mut()
            .enumerate()
            .filter(|(i, _)| !initials.iter().any(|a| a.0 == *i))
            .filter_map(|(i, t)| Some((i, self.spelling(t)?)))
            .collect();
        // The question is understood as meant: "frist name" asks for a name.
        let mut understood = tokens.clone();
        for (at, spelling) in &spellings {
            if let Spelling::Known((corrected, _, _)) = spelling {
                understood[*at].word.clone_from(corrected);
            }
        }
        let mut name_frame = name_asked(&understood);
        let expect = expected(&understood, !name_frame.is_empty());
        let measure = measure_asked(&understood, expect);
        if expect != Expect::Person {
            name_frame.clear();
        }
        let focus = question_focus(&understood);
        let offset = understood[focus.clone()]
            .iter()
            .any(|t| word_lists().offset.contains(&t.word.as_str()));
        // Terms that are not frame words, in case the focus holds none.
        let mut topic_words: Vec<usize> = Vec::new();
        // A stated duration or date brings its own frame words: "lasted" in
        // "the meeting lasted three days", "took place" in "… in March".
        let stated = super::values::extract(&tokens);
        let mut frame: Vec<&str> = frame_words(expect).to_vec();
        if !stated.durations.is_empty() {
            frame.extend_from_slice(frame_words(Expect::Duration));
        }
        // ("This summer", "last year" name no date: their words count.)
        if stated.dates.iter().any(|d| !d.against_now()) {
            frame.extend_from_slice(frame_words(Expect::Date));
        }
        // "Roughly how many", "precisely when": how precise an answer the
        // question wants, not what it is about.
        let asks_value = matches!(expect, Expect::Number | Expect::Duration | Expect::Date);
        let qualifies_value =
            |w: &str| word_lists().approximate.contains(&w) || word_lists().exact.contains(&w);
        // "Ended up costing": the verb of an outcome phrase frames what
        // follows.
        let words: Vec<&str> = tokens.iter().map(|t| t.word.as_str()).collect();
        let outcome =
            |at: usize| crate::text::words::entry_at(word_lists().outcome, &words, at).is_some();
        let mut terms: Vec<QueryTerm> = Vec::new();
        for (at, t) in tokens.iter().enumerate() {
            if !t.is_indexed() || terms.len() >= MAX_TERMS {
                continue;
            }
            let seen = terms.iter().position(|q| q.name == t.term);
            let (number, year) = match t.kind {
                TokenKind::Number { value, year, .. } => (Some(value), year),
                _ => (None, false),
            };
            // The word's own stem decides, not its synonym group: "say" is a
            // frame word even when the vocabulary groups it with "state".
            let own = if t.synonym {
                self.analyzer.stem(&t.word)
            } else {
                t.term.clone()
            };
            let is_frame = |w: &str| frame.contains(&w);
            // "far" in "how far": the measure asked for, not the topic.
            let after_how = at
                .checked_sub(1)
                .and_then(|p| tokens.get(p))
                .is_some_and(|p| stopwords::question_word(&p.word) == Some(QuestionWord::How));
            let frame_word = number.is_none()
                && (is_frame(&own)
                    || (measure == Some(Measure::Percent)
                        && word_lists().share.contains(&t.word.as_str()))
                    || is_frame(t.term.trim_start_matches('~'))
                    || is_discourse(&t.word)
                    || word_lists().certainty.contains(&t.word.as_str())
                    || outcome(at)
                    || name_frame.contains(&at)
                    || reported(&understood, at)
                    || (after_how && is_dimension(&t.word))
                    || (asks_value && qualifies_value(&t.word)));
            let optional = frame_word || !focus.contains(&at);
            if let Some(first) = seen {
                // Said again in the question itself ("grab open day
                // tickets, sorted. how many tickets were there?"): what
                // it asks about, not chatter.
                if !optional {
                    terms[first].optional = false;
                }
                continue;
            }
            if !frame_word {
                topic_words.push(terms.len());
            }
            let mut expansions: Vec<(TermId, f32, MatchKind)> = Vec::new();
            let mut resolution = Resolution::Unknown;
            let mut base = t.term.clone();
            let spelling = spellings
                .iter()
                .position(|c| c.0 == at)
                .map(|p| spellings.swap_remove(p).1);
            let acronym = initials.iter().find(|a| a.0 == at).map(|a| a.1);
            for &id in acronym.unwrap_or_default() {
                expansions.push((id, 1.0, MatchKind::Exact));
                resolution = Resolution::Known;
            }
            match (self.term_id(&t.term), spelling) {
                (Some(id), Some(Spelling::Common)) => {
                    expansions.push((id, TYPO_WEIGHT[1], MatchKind::Typo));
                    resolution = Resolution::Typo {
                        corrected: t.word.clone(),
                        distance: 1,
                    };
                }
                (Some(id), _) => {
                    expansions.push((id, 1.0, MatchKind::Exact));
                    resolution = Resolution::Known;
                }
                (None, Some(Spelling::Known((corrected, id, distance)))) if number.is_none() => {
                    expansions.push((id, TYPO_WEIGHT[distance.min(2)], MatchKind::Typo));
                    base = self.term_name(id).to_string();
                    resolution = Resolution::Typo {
                        corrected,
                        distance,
                    };
                }
                _ => {}
            }
            if number.is_none() {
                let weight = expansions.first().map_or(1.0, |e| e.1) * RELATED_WEIGHT;
                for id in self.related(&base) {
                    if !expansions.iter().any(|e| e.0 == id) {
                        expansions.push((id, weight, MatchKind::Related));
                    }
                }
                let name = t.capitalized && !t.sentence_start;
                let scale = expansions.first().map_or(1.0, |e| e.1);
                let word = match &resolution {
                    Resolution::Typo { corrected, .. } => corrected.as_str(),
                    _ => t.word.as_str(),
                };
                // A name keeps to its own forms ("Jordan" is not a river), and
                // so does a word too common to say which sense it means.
                let own_forms_only = name || !english().links_trusted(word);
                // It still has the synonyms of its dominant senses.
                let lemmas = if own_forms_only && !name {
                    english().lemmas(word)
                } else {
                    Vec::new()
                };
                for (id, link) in self.lexical(word) {
                    if own_forms_only
                        && !matches!(link, None | Some(Link::Derived))
                        && !(link == Some(Link::Synonym)
                            && lemmas.iter().any(|&l| self.is_dominant_link(l, id)))
                    {
                        continue;
                    }
                    let (w, kind) = lexical_weight(link);
                    offer(&mut expansions, id, w * scale, kind);
                }
                for opposite in self.analyzer.antonyms(&base) {
                    if let Some(id) = self.term_id(opposite) {
                        if !expansions.iter().any(|e| e.0 == id) {
                            expansions.push((id, ANTONYM_WEIGHT, MatchKind::Antonym));
                        }
                    }
                }
            }
            // A capital at the start of a sentence marks a name only when
            // the word is not a common English word ("More than…"), nor
            // one WordNet writes in lower case ("Repairing the line…").
            let common = english()
                .zipf(&t.word)
                .is_some_and(|z| z >= COMMON_WORD_ZIPF)
                || (!english().lemmas(&t.word).is_empty() && !english().is_proper(&t.word));
            // A member typing in lower case still writes names: a word
            // English only writes with a capital ("manchester") is one,
            // unless the knowledge base uses it as a common word.
            let name_like = acronym.is_some()
                || (t.capitalized && !t.sentence_start)
                || self
                    .term_id(&base)
                    .map_or_else(|| english().is_proper(&t.word), |id| self.is_proper(id))
                || (t.capitalized
                    && resolution == Resolution::Unknown
                    && number.is_none()
                    && !(t.sentence_start && common));
            terms.push(QueryTerm {
                word: t.word.clone(),
                name: t.term.clone(),
                at,
                resolution,
                expansions,
                optional,
                number,
                year,
                name_like,
                synonym: t.synonym,
            });
        }
        self.expand_phrases(&tokens, &mut terms);
        // "Tell me about the swap, where was it?": the clause with the
        // question word has no topic of its own; the whole text is the question.
        if terms.iter().all(|t| t.optional) {
            for &i in &topic_words {
                terms[i].optional = false;
            }
        }
        let focus = terms.iter().position(|t| !t.optional && t.number.is_none());
        let kind_of = kind_asked(&tokens).and_then(|at| terms.iter().position(|t| t.at == at));
        let many = how_many_at(&tokens);
        let how_many = many.is_some();
        let counted = many.and_then(|at| counted_noun(&tokens, at));
        let someone = asks_someone(&tokens);
        let named = named_noun(&tokens, &terms);
        let which = which_noun(&tokens, &terms, expect);
        let change = asks_change(&tokens);
        // What the question means, read with its misspellings corrected:
        // "civillians" has no vector, "civilians" has.
        let mut read: Vec<&str> = tokens.iter().map(|t| t.word.as_str()).collect();
        for q in &terms {
            if let (Resolution::Typo { corrected, .. }, Some(word)) =
                (&q.resolution, read.get_mut(q.at))
            {
                *word = corrected;
            }
        }
        let meaning = crate::lexicon::vectors::vectors().text(&read.join(" "));
        Query {
            text: text.to_string(),
            tokens,
            terms,
            expect,
            focus,
            meaning,
            measure,
            kind_of,
            how_many,
            counted,
            someone,
            named,
            which,
            change,
            offset,
        }
    }
}

/// Whether a question asks of a change: a word of rising or falling (one
/// word or two: "gone up") or of losing or gaining (`share_changes`).
fn asks_change(tokens: &[Token]) -> bool {
    let lists = word_lists();
    let words: Vec<&str> = tokens.iter().map(|t| t.word.as_str()).collect();
    (0..words.len()).any(|i| {
        [lists.rising, lists.falling, lists.share_changes]
            .iter()
            .any(|&list| crate::text::words::entry_at(list, &words, i).is_some())
    })
}

/// Whether a question asks for someone: "who", "whose", or a name noun.
fn asks_someone(tokens: &[Token]) -> bool {
    tokens.iter().any(|t| {
        stopwords::question_word(&t.word) == Some(QuestionWord::Who)
            || word_lists().name_nouns.contains(&t.word.as_str())
    })
}

/// The term of the common noun after "name(s) of": "the name of the
/// conductor". It is the noun phrase's last word ("the seven-year-old
/// pupil", "Helen Okafor's son").
fn named_noun(tokens: &[Token], terms: &[QueryTerm]) -> Option<usize> {
    let at = tokens
        .iter()
        .position(|t| word_lists().name_nouns.contains(&t.word.as_str()))?;
    if tokens.get(at + 1).map(|t| t.word.as_str()) != Some("of") {
        return None;
    }
    let start = tokens[at + 2..]
        .iter()
        .position(|t| t.kind != TokenKind::Stop)
        .map(|k| at + 2 + k)?;
    // The phrase runs over words, numbers and hyphens, until a participle
    // starts what is said of the noun ("the developer building the homes").
    let phrase = (start..tokens.len())
        .take_while(|&i| {
            matches!(
                tokens[i].kind,
                TokenKind::Content | TokenKind::Number { .. } | TokenKind::Punct('-')
            ) && (i == start || !crate::text::verb_form(&tokens[i].word))
        })
        .filter(|&i| tokens[i].kind == TokenKind::Content);
    let noun = phrase.last()?;
    terms
        .iter()
        .position(|t| t.at == noun && common_noun(t) && t.number.is_none())
}

/// A word that stands for a common noun, even where the knowledge base
/// only writes it in a name ("school" of "Eastbank Primary School").
fn common_noun(term: &QueryTerm) -> bool {
    !term.name_like || english().noun_kind(&term.word).is_some()
}

/// The term of the first common noun within three words after "which",
/// when the question asks for a name: "which German club".
fn which_noun(tokens: &[Token], terms: &[QueryTerm], expect: Expect) -> Option<usize> {
    if expect != Expect::Person {
        return None;
    }
    let at = tokens
        .iter()
        .position(|t| stopwords::question_word(&t.word) == Some(QuestionWord::Which))?;
    terms
        .iter()
        .enumerate()
        .filter(|(_, t)| t.at > at && t.number.is_none())
        .take_while(|(_, t)| t.at <= at + 3)
        .find(|(_, t)| common_noun(t))
        .map(|(i, _)| i)
}

/// "What kind of tree", "which type of vaccine": the token position of the
/// noun whose kind is asked for.
fn kind_asked(tokens: &[Token]) -> Option<usize> {
    let words: Vec<&str> = tokens.iter().map(|t| t.word.as_str()).collect();
    words.windows(4).enumerate().find_map(|(i, w)| {
        let asks = matches!(
            stopwords::question_word(w[0]),
            Some(QuestionWord::What | QuestionWord::Which)
        ) && matches!(w[1], "kind" | "type" | "sort")
            && w[2] == "of"
            && tokens[i + 3].kind == TokenKind::Content;
        asks.then_some(i + 3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Analyzer;

    fn expect(q: &str) -> Expect {
        expected_answer(&Analyzer::default().analyze(q))
    }

    #[test]
    fn a_real_word_is_read_as_a_slip_only_when_letters_are_swapped_dropped_or_doubled() {
        assert!(slip("trail", "trial"));
        assert!(slip("manger", "manager"));
        assert!(slip("loosing", "losing"));
        assert!(!slip("tanks", "talks"), "another letter in its place");
        assert!(!slip("apart", "part"), "the first letter");
        assert!(!slip("trial", "trial"));
    }

    #[test]
    fn a_common_misspelling_is_read_as_the_word_it_misspells() {
        let (_, index) = crate::index::of_article("The talks were held in Istanbul.");
        let query = index.query("wher wil the talks be held");
        let words: Vec<&str> = query.tokens.iter().map(|t| t.word.as_str()).collect();
        assert_eq!(words[..2], ["where", "will"], "{words:?}");
        assert_eq!(query.expect, Expect::Place);
        // A dictionary word is kept, however close to a commoner one.
        let query = index.query("how many nuns were held");
        assert!(query.tokens.iter().any(|t| t.word == "nuns"));
    }

    #[test]
    fn a_common_word_reaches_the_synonyms_of_its_dominant_sense() {
        // Whether the question's word reaches a claim term by synonymy.
        let reaches = |article: &str, q: &str, word: &str| {
            let (_, index) = crate::index::of_article(article);
            let query = index.query(q);
            let term = query.terms.iter().find(|t| t.word == word).unwrap();
            term.expansions.iter().any(|e| e.2 == MatchKind::Synonym)
        };
        // Common on the question's side ("usually"), then on the claim's ("stop").
        let article = "Symptoms normally appear after ten days.";
        assert!(reaches(
            article,
            "when do symptoms usually appear",
            "usually"
        ));
        let article = "Engineers said the work would stop in May.";
        assert!(reaches(article, "when will the work halt", "halt"));
        // Not through a sense few uses are of.
        let article = "The council will hold a vote.";
        assert!(!reaches(article, "will the council make a vote", "make"));
    }

    #[test]
    fn a_misspelt_question_means_what_it_would_spelt_right() {
        let (_, index) = crate::index::of_article("The exchange freed 120 civilians.");
        let meaning = |q: &str| index.query(q).meaning.expect("a meaning");
        let right = meaning("how many civilians were freed");
        let cosine = |a: &[f32], b: &[f32]| a.iter().zip(b).map(|(x, y)| x * y).sum::<f32>();
        // A knowledge-base word and a common English word, each misspelt.
        for typed in [
            "how many civillians were freed",
            "how meny civilians were freed",
        ] {
            let read = meaning(typed);
            assert!(cosine(&right, &read) > 0.999, "{typed}");
        }
    }

    /// Whether a word of a question is a frame word, not its topic.
    fn is_optional(index: &crate::index::Index, question: &str, word: &str) -> bool {
        let query = index.query(question);
        let term = query.terms.iter().find(|t| t.word == word);
        term.expect("a term of the question").optional
    }

    #[test]
    fn a_verb_telling_only_that_something_came_about_is_no_topic() {
        let (_, index) = crate::index::of_article(
            "The repairs ended in May. The final cost of the work was £4.2m.",
        );
        let optional = |q: &str, word: &str| is_optional(&index, q, word);
        assert!(optional("How much did the repairs end up costing?", "end"));
        assert!(optional("The repairs ended up costing £3.1m.", "ended"));
        assert!(optional("The cost turned out to be £4.2m.", "turned"));
        // The verb alone, or without the whole phrase, is what is said.
        assert!(!optional("When did the repairs end?", "end"));
        assert!(!optional("The fans turned out in force.", "turned"));
    }

    #[test]
    fn how_precise_an_answer_is_wanted_is_no_topic() {
        let (_, index) = crate::index::of_article("The bridge carried 9,400 vehicles a day.");
        let optional = |q: &str, word: &str| is_optional(&index, q, word);
        assert!(optional("Roughly how many vehicles a day?", "roughly"));
        assert!(optional("Precisely when did it open?", "precisely"));
        // Not a value asked for: the word may be what the question is about.
        assert!(!optional("Which bridge is nearly finished?", "nearly"));
    }

    #[test]
    fn what_the_article_does_frames_the_question() {
        let (_, index) = crate::index::of_article("The war began in 2022.");
        let optional = |q: &str, word: &str| is_optional(&index, q, word);
        assert!(optional(
            "Which year does the piece give for the start of the war?",
            "give"
        ));
        assert!(optional("How many places does the article list?", "list"));
        // Not after the text: "give" is what the question is about.
        assert!(!optional(
            "Which country did the mayor give the prize to?",
            "give"
        ));
    }

    #[test]
    fn a_name_of_several_words_is_one_run() {
        let (_, index) = crate::index::of_article(
            "Nurses at Ashworth Valley Hospitals began a strike in Leeds.",
        );
        let query = index.query("How many doctors does Ashworth Valley Hospitals employ in Leeds?");
        let runs: Vec<(&str, usize)> = query
            .terms
            .iter()
            .map(|t| t.word.as_str())
            .zip(query.name_runs())
            .collect();
        assert_eq!(
            runs,
            [
                ("doctors", 1),
                ("ashworth", 3),
                ("valley", 3),
                ("hospitals", 3),
                ("employ", 1),
                ("leeds", 1)
            ]
        );
    }

    #[test]
    fn the_unit_counted_names_the_measure_asked_for() {
        let a = Analyzer::default();
        let measure = |q: &str| {
            let tokens = a.analyze(q);
            measure_asked(&tokens, expected_answer(&tokens))
        };
        assert_eq!(
            measure("How many tonnes does each train carry?"),
            Some(Measure::Weight)
        );
        assert_eq!(
            measure("how many miles is the detour"),
            Some(Measure::Length)
        );
        assert_eq!(
            measure("How many pounds did it cost?"),
            Some(Measure::Money)
        );
        assert_eq!(measure("How many trains run each day?"), None);
        // A word of money in another form: "payment" of "pay".
        assert_eq!(
            measure("How much will the average redundancy payment be?"),
            Some(Measure::Money)
        );
        assert_eq!(measure("How much rain fell?"), None);
        assert_eq!(
            measure("What price is the site expected to sell for?"),
            Some(Measure::Money)
        );
    }

    #[test]
    fn the_measure_s_own_word_names_the_measure_asked_for() {
        let a = Analyzer::default();
        let measure = |q: &str| {
            let tokens = a.analyze(q);
            measure_asked(&tokens, expected_answer(&tokens))
        };
        assert_eq!(
            measure("How much does the crane weigh?"),
            Some(Measure::Weight)
        );
        assert_eq!(
            measure("What is the length of the new tunnel?"),
            Some(Measure::Length)
        );
        assert_eq!(
            measure("What top speed can the ferry reach?"),
            Some(Measure::Speed)
        );
        // Named but not asked for: the question asks for a count, or says.
        assert_eq!(
            measure("How many people fainted in the high temperature?"),
            None
        );
        assert_eq!(
            measure("What did the mayor say about the weight limit?"),
            None
        );
    }

    #[test]
    fn a_phrase_of_the_question_reaches_a_common_word_it_means() {
        let (_, index) =
            crate::index::of_article("The taskforce will hold its first meeting on 14 November.");
        let meeting = index.term_id("meet").or_else(|| index.term_id("meeting"));
        let meeting = meeting.expect("the article's word");
        let reaches = |q: &str, word: &str| {
            let query = index.query(q);
            let term = query.terms.iter().find(|t| t.word == word);
            term.expect("a term of the question").reaches(meeting)
        };
        assert!(reaches(
            "When does the taskforce first get together?",
            "together"
        ));
        // A common word alone does not say which of its senses it means.
        assert!(!reaches(
            "When does the taskforce first encounter it?",
            "encounter"
        ));
    }

    #[test]
    fn british_and_american_spellings_are_one_word() {
        for (word, other) in [
            ("harbor", "harbour"),
            ("harbours", "harbors"),
            ("center", "centre"),
            ("organized", "organised"),
            ("organisation", "organization"),
            ("analyzing", "analysing"),
            ("defense", "defence"),
            ("catalog", "catalogue"),
            ("canceled", "cancelled"),
            ("travelling", "traveling"),
        ] {
            assert!(other_spellings(word).contains(&other.to_string()), "{word}");
        }
        let (_, index) =
            crate::index::of_article("The harbour reopened after the closure was cancelled.");
        let query = index.query("when did the harbor reopen, was it canceled?");
        let words: Vec<&str> = query.terms.iter().map(|t| t.word.as_str()).collect();
        assert!(words.contains(&"harbour"), "{words:?}");
        // Both read as the article's words, exactly.
        for t in &query.terms {
            assert_eq!(t.resolution, Resolution::Known, "{}", t.word);
        }
    }

    #[test]
    fn chat_shorthand_is_read_as_the_word_it_stands_for() {
        let (_, index) = crate::index::of_article("Each side released 390 people.");
        let query = index.query("how many ppl did each govt release");
        let words: Vec<&str> = query.terms.iter().map(|t| t.word.as_str()).collect();
        assert!(words.contains(&"people"), "{words:?}");
        assert!(words.contains(&"government"), "{words:?}");
        // "wen" is "when", a question word asking for a date, not the
        // English noun.
        let shorthand = index.query("wen did the chief exec resign");
        assert_eq!(shorthand.expect, Expect::Date);
        let words: Vec<&str> = shorthand.terms.iter().map(|t| t.word.as_str()).collect();
        assert!(words.contains(&"executive"), "{words:?}");
        assert!(!words.contains(&"wen"), "{words:?}");
        let people = query
            .terms
            .iter()
            .find(|t| t.word == "people")
            .expect("people");
        assert_eq!(
            people.resolution,
            Resolution::Known,
            "an exact word, not a typo"
        );
    }

    #[test]
    fn chatter_around_the_question_is_not_its_topic() {
        let a = Analyzer::default();
        let tokens = a.analyze(
            "so I was reading about the war, and who confirmed the release? asking for a friend",
        );
        let focus = question_focus(&tokens);
        let words: Vec<&str> = tokens[focus].iter().map(|t| t.word.as_str()).collect();
        assert_eq!(words, ["who", "confirmed", "the", "release", "?"]);
        let tokens = a.analyze("The soldiers who were captured were freed.");
        assert_eq!(
            question_focus(&tokens),
            0..tokens.len(),
            "a relative pronoun opens no question"
        );
        // No question word: the sentence ending in the question mark.
        let tokens = a.analyze("Sorry, late to this thread. Is it the council that pays? Thanks");
        let focus = question_focus(&tokens);
        let words: Vec<&str> = tokens[focus].iter().map(|t| t.word.as_str()).collect();
        assert_eq!(words, ["is", "it", "the", "council", "that", "pays", "?"]);
        // Whose account is asked for belongs to the question.
        let tokens = a.analyze("According to his lawyer, how did he come to own the homes?");
        assert_eq!(question_focus(&tokens), 0..tokens.len());
    }

    #[test]
    fn before_or_after_in_the_chatter_asks_no_offset() {
        let (_, index) = crate::index::of_article("The final report could take a year.");
        let q = index.query("quick q before my shift starts - how long will the report take?");
        assert!(!q.asks_offset());
        assert!(index
            .query("How many days before the swap were the talks?")
            .asks_offset());
    }

    #[test]
    fn a_common_word_opening_a_sentence_is_no_name() {
        let (_, index) = crate::index::of_article("Rebuilding the embankment will cost £6.8m.");
        let name_like = |q: &str, word: &str| {
            let query = index.query(q);
            let term = query.terms.iter().find(|t| t.word == word);
            term.expect("a term of the question").name_like
        };
        assert!(!name_like("Repairing the line will cost £7m.", "repairing"));
        assert!(name_like("Poland paid for the repairs.", "poland"));
        assert!(name_like("Chloe paid for the repairs.", "chloe"));
    }

    #[test]
    fn a_word_of_the_chatter_said_again_in_the_question_is_its_topic() {
        let (_, index) = crate::index::of_article("All 500 free tickets were claimed.");
        let query = index.query("my mate got tickets, sorted. how many tickets were there?");
        let tickets = query.terms.iter().find(|t| t.word == "tickets");
        assert!(!tickets.expect("a term of the question").optional);
        let query = index.query("my mate got tickets, sorted. how many seats were free?");
        let tickets = query.terms.iter().find(|t| t.word == "tickets");
        assert!(tickets.expect("a term of the question").optional);
    }

    #[test]
    fn a_name_asked_for_frames_the_question() {
        let a = Analyzer::default();
        let words = |q: &str| {
            let tokens = a.analyze(q);
            let mut at = name_asked(&tokens);
            at.sort_unstable();
            at.into_iter()
                .map(|i| tokens[i].word.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(words("What is the pilot's first name?"), ["first", "name"]);
        assert_eq!(words("the name of the pilot"), ["name"]);
        assert!(words("Did they name a new pilot?").is_empty(), "a verb");
    }

    #[test]
    fn reads_what_a_question_asks_for() {
        let cases = [
            ("How many civilians were freed?", Expect::Number),
            ("how long did the meeting last", Expect::Duration),
            ("How much extra time does the detour add?", Expect::Duration),
            ("How many times has the bridge shut?", Expect::Number),
            // A unit naming a kind of the noun after it counts the noun.
            ("how many days before the swap", Expect::Duration),
            ("how many final year students graduated?", Expect::Number),
            // After an auxiliary, a unit is in the subject.
            ("how much did day tickets cost", Expect::Number),
            ("how many hours did the meeting last", Expect::Duration),
            // A thing's length, or a length of time.
            ("how long are the new flood walls in total", Expect::Number),
            ("how long was the road shut for", Expect::Duration),
            ("How long were people stuck on the ship?", Expect::Duration),
            ("How long is the meeting?", Expect::Duration),
            ("Where did the swap take place?", Expect::Place),
            ("When were the talks?", Expect::Date),
            ("What year did the war start?", Expect::Date),
            ("Who confirmed the release?", Expect::Person),
            ("hey bot, is lasting peace certain?", Expect::YesNo),
            ("What did Trump say?", Expect::Any),
            ("What is the surgeon's full name?", Expect::Person),
            ("what's the name of the ship that sank", Expect::Person),
            ("What did the report name as the cause?", Expect::Any),
            // A relative pronoun is not the question word.
            ("were any of the people who came home women?", Expect::YesNo),
            ("so, did the men who were freed go home?", Expect::YesNo),
            (
                "Long day. Can you tell me when the talks were?",
                Expect::Date,
            ),
            ("The talks, where were they held?", Expect::Place),
            // A noun after "which" asks for a name, past numbers and
            // determiners; a verb does not.
            (
                "Which two other rivers have flood warnings?",
                Expect::Person,
            ),
            ("Which of the clubs signed him?", Expect::Person),
            ("Which is bigger?", Expect::Any),
        ];
        for (q, want) in cases {
            assert_eq!(expect(q), want, "{q}");
        }
    }
}
