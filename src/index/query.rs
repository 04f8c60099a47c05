//! A question or statement read against the index: its terms resolved to
//! the knowledge base's vocabulary (exact, typo-corrected, related form or
//! opposite), and for questions the kind of answer they expect.

use super::{Index, TermId};
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
    Related,
    Antonym,
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
            .find(|e| matches!(e.2, MatchKind::Exact | MatchKind::Typo))
            .map(|e| e.0)
    }
}

#[derive(Debug, Clone)]
pub struct Query {
    pub text: String,
    pub tokens: Vec<Token>,
    pub terms: Vec<QueryTerm>,
    pub expect: Expect,
}

/// Stems that frame a question of each kind rather than carry its topic.
fn frame_words(expect: Expect) -> &'static [&'static str] {
    match expect {
        Expect::Date => &[
            "take", "took", "place", "happen", "occur", "time", "date", "year", "day", "month",
        ],
        Expect::Place => &[
            "take", "took", "place", "happen", "occur", "locat", "locat", "citi", "countri",
            "region", "town", "area",
        ],
        Expect::Duration => &["last", "take", "took", "long", "time"],
        Expect::Number => &["number", "amount", "time"],
        Expect::Person => &["person", "peopl", "one"],
        Expect::Any | Expect::YesNo => &[],
    }
}

/// Words that frame any question: reporting verbs and the like. Written
/// forms, not stems, so that "reporters" is not taken for "report".
const GENERIC_FRAME: &[&str] = &[
    "say",
    "says",
    "said",
    "saying",
    "think",
    "thinks",
    "thought",
    "mention",
    "mentioned",
    "report",
    "reported",
    "according",
    "happen",
    "happens",
    "happened",
    "happening",
    "mean",
    "means",
    "meant",
    "view",
    "views",
    "opinion",
    "stance",
    "position",
];

const AUXILIARIES: &[&str] = &[
    "is", "are", "was", "were", "did", "does", "do", "has", "have", "had", "will", "would", "can",
    "could", "should", "may", "might",
];

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
    let start = tokens
        .iter()
        .enumerate()
        .find(|(i, t)| {
            t.kind == TokenKind::Stop
                && stopwords::question_word(&t.word).is_some()
                && opens_clause(*i)
        })
        .map_or(0, |(i, _)| i);
    let end = tokens[start..]
        .iter()
        .position(|t| t.kind == TokenKind::Punct('?'))
        .map_or(tokens.len(), |p| start + p + 1);
    start..end
}

/// Reads the question word and the word after it.
pub fn expected_answer(tokens: &[Token]) -> Expect {
    let words: Vec<&str> = tokens
        .iter()
        .filter(|t| !matches!(t.kind, TokenKind::Punct(_)))
        .map(|t| t.word.as_str())
        .collect();
    for (i, w) in words.iter().enumerate() {
        let next = words.get(i + 1).copied().unwrap_or("");
        let Some(q) = stopwords::question_word(w) else {
            continue;
        };
        return match q {
            QuestionWord::How => match next {
                "many" | "much" | "old" | "big" | "large" => Expect::Number,
                "long" => Expect::Duration,
                _ => Expect::Any,
            },
            QuestionWord::When => Expect::Date,
            QuestionWord::Where => Expect::Place,
            QuestionWord::Who => Expect::Person,
            QuestionWord::What | QuestionWord::Which => match next {
                "time" | "year" | "date" | "day" | "month" => Expect::Date,
                "city" | "country" | "place" | "region" | "town" | "location" | "area" => {
                    Expect::Place
                }
                "number" | "amount" => Expect::Number,
                _ => Expect::Any,
            },
            QuestionWord::Why => Expect::Any,
        };
    }
    let first = tokens
        .iter()
        .find(|t| !matches!(t.kind, TokenKind::Punct(_)) && !is_chatter(&t.word));
    match first {
        Some(t) if AUXILIARIES.contains(&t.word.as_str()) => Expect::YesNo,
        _ => Expect::Any,
    }
}

fn is_chatter(word: &str) -> bool {
    matches!(
        word,
        "hey"
            | "hi"
            | "hello"
            | "yo"
            | "ok"
            | "okay"
            | "so"
            | "um"
            | "uh"
            | "bot"
            | "claimbot"
            | "quick"
            | "question"
            | "q"
            | "pls"
            | "please"
            | "and"
            | "but"
            | "also"
            | "btw"
    )
}

/// Whether `a` is `b` with two adjacent letters swapped ("mnay", "waht").
fn is_transposition(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.len() != b.len() {
        return false;
    }
    let diff: Vec<usize> = (0..a.len()).filter(|&i| a[i] != b[i]).collect();
    diff.len() == 2
        && diff[1] == diff[0] + 1
        && a[diff[0]] == b[diff[1]]
        && a[diff[1]] == b[diff[0]]
}

/// Short function words worth recognising when their letters are swapped.
const SWAPPABLE: &[&str] = &[
    "many", "much", "what", "where", "when", "who", "how", "which", "does", "did", "were", "was",
    "the", "and", "with", "about", "have", "has", "they", "their", "there", "that", "this",
];

impl Index {
    /// A word the knowledge base does not know that is a function word with
    /// two letters swapped ("mnay", "waht", "teh") is read as that word.
    fn fix_swapped_letters(&self, token: &mut Token) {
        if token.kind != TokenKind::Content || token.synonym || self.term_id(&token.term).is_some()
        {
            return;
        }
        if let Some(word) = SWAPPABLE.iter().find(|w| is_transposition(&token.word, w)) {
            token.word = word.to_string();
            token.term = word.to_string();
            token.kind = TokenKind::Stop;
        }
    }

    /// Reads a question or statement against the index.
    pub fn query(&self, text: &str) -> Query {
        let mut tokens = self.analyzer.analyze(text);
        for t in tokens.iter_mut() {
            self.fix_swapped_letters(t);
        }
        let expect = expected_answer(&tokens);
        let focus = question_focus(&tokens);
        // Terms that are not frame words, in case the focus holds none.
        let mut topic_words: Vec<usize> = Vec::new();
        // A stated duration or date brings its own frame words: "lasted" in
        // "the meeting lasted three days", "took place" in "… in March".
        let stated = super::values::extract(&tokens);
        let mut frame: Vec<&str> = frame_words(expect).to_vec();
        if !stated.durations.is_empty() {
            frame.extend_from_slice(frame_words(Expect::Duration));
        }
        if !stated.dates.is_empty() {
            frame.extend_from_slice(frame_words(Expect::Date));
        }
        let mut terms: Vec<QueryTerm> = Vec::new();
        for (at, t) in tokens.iter().enumerate() {
            if !t.is_indexed() || terms.len() >= MAX_TERMS {
                continue;
            }
            if terms.iter().any(|q| q.name == t.term) {
                continue;
            }
            let (number, year) = match t.kind {
                TokenKind::Number { value, year } => (Some(value), year),
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
            let frame_word = number.is_none()
                && (is_frame(&own)
                    || is_frame(t.term.trim_start_matches('~'))
                    || GENERIC_FRAME.contains(&t.word.as_str()));
            let optional = frame_word || !focus.contains(&at);
            if !frame_word {
                topic_words.push(terms.len());
            }
            let mut expansions: Vec<(TermId, f32, MatchKind)> = Vec::new();
            let mut resolution = Resolution::Unknown;
            let mut base = t.term.clone();
            if let Some(id) = self.term_id(&t.term) {
                expansions.push((id, 1.0, MatchKind::Exact));
                resolution = Resolution::Known;
            } else if number.is_none() && !t.synonym {
                if let Some((corrected, id, distance)) = self.correct(&t.word) {
                    expansions.push((id, TYPO_WEIGHT[distance.min(2)], MatchKind::Typo));
                    base = self.term_name(id).to_string();
                    resolution = Resolution::Typo {
                        corrected,
                        distance,
                    };
                }
            }
            if number.is_none() {
                let weight = expansions.first().map_or(1.0, |e| e.1) * RELATED_WEIGHT;
                for id in self.related(&base) {
                    if !expansions.iter().any(|e| e.0 == id) {
                        expansions.push((id, weight, MatchKind::Related));
                    }
                }
                for opposite in self.analyzer.antonyms(&base) {
                    if let Some(id) = self.term_id(opposite) {
                        if !expansions.iter().any(|e| e.0 == id) {
                            expansions.push((id, ANTONYM_WEIGHT, MatchKind::Antonym));
                        }
                    }
                }
            }
            let name_like = (t.capitalized && !t.sentence_start)
                || self.term_id(&base).is_some_and(|id| self.is_proper(id))
                || (t.capitalized && resolution == Resolution::Unknown && number.is_none());
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
        // "Tell me about the swap, where was it?": the clause with the
        // question word has no topic of its own; the whole text is the question.
        if terms.iter().all(|t| t.optional) {
            for &i in &topic_words {
                terms[i].optional = false;
            }
        }
        Query {
            text: text.to_string(),
            tokens,
            terms,
            expect,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Analyzer;

    fn expect(q: &str) -> Expect {
        expected_answer(&Analyzer::default().analyze(q))
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
    }

    #[test]
    fn reads_what_a_question_asks_for() {
        let cases = [
            ("How many civilians were freed?", Expect::Number),
            ("how long did the meeting last", Expect::Duration),
            ("Where did the swap take place?", Expect::Place),
            ("When were the talks?", Expect::Date),
            ("What year did the war start?", Expect::Date),
            ("Who confirmed the release?", Expect::Person),
            ("hey bot, is lasting peace certain?", Expect::YesNo),
            ("What did Trump say?", Expect::Any),
        ];
        for (q, want) in cases {
            assert_eq!(expect(q), want, "{q}");
        }
    }
}
