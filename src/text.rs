//! Text normalisation: the one pipeline that questions, statements and claim
//! texts all go through, so that both sides of a match read alike.
//!
//! raw text → [`lexer`] pieces → contractions and possessives → numbers
//! ([`numbers`]) → synonym phrases → stopwords → stems → [`Token`]s.

pub mod lemmas;
pub mod lexer;
pub mod numbers;
pub mod sentences;
pub mod stopwords;
pub mod words;

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use lexer::{Piece, PieceKind};
use rust_stemmers::{Algorithm, Stemmer};

/// Whether a word after a noun reads as a verb's form ("aged", "carrying",
/// "the developer building the homes") rather than a noun of a compound
/// ("rest centres", "leisure centre").
pub fn verb_form(word: &str) -> bool {
    word.ends_with("ed") || word.ends_with("ing")
}

/// What a token is, for the reader of a token stream.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum TokenKind {
    /// A meaningful word (stemmed) or synonym group; indexed.
    Content,
    /// A number; indexed as "#value". `year` marks a four-digit year,
    /// `money` an amount written after a currency sign ("£12.6m"; the
    /// sign is then part of the token's span).
    Number { value: f64, year: bool, money: bool },
    /// "no", "not", "n't", "never"…: flips the clause.
    Negation,
    /// A function word; kept for reading context, never indexed.
    Stop,
    /// Clause punctuation (`, ; : . ! ? - ( ) "`).
    Punct(char),
}

/// One normalised unit of text.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    /// The matching key: a stem ("civilian"), a synonym group ("~releas"),
    /// a number ("#390"); for stop and punctuation tokens the word itself.
    pub term: String,
    /// The lower-case word as written (words of a phrase joined by spaces).
    pub word: String,
    /// Byte range in the analysed text.
    pub span: Range<usize>,
    pub kind: TokenKind,
    /// Written with a capital letter (a name, unless it starts a sentence).
    pub capitalized: bool,
    /// First word of a sentence.
    pub sentence_start: bool,
    /// The term is a synonym group rather than the word's own stem.
    pub synonym: bool,
}

impl Token {
    /// Indexed tokens: content words and numbers.
    pub fn is_indexed(&self) -> bool {
        matches!(self.kind, TokenKind::Content | TokenKind::Number { .. })
    }
}

/// Synonym groups, antonym pairs and extra stopwords, as written by
/// moderators in `vocabulary.toml`.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    pub synonyms: Vec<Vec<String>>,
    pub antonyms: Vec<(String, String)>,
    pub stopwords: Vec<String>,
}

#[derive(Debug, Clone)]
struct Phrase {
    /// Stems after the first one.
    rest: Vec<String>,
    canon: String,
}

/// The normaliser: stemmer, stopwords and synonym groups.
pub struct Analyzer {
    stemmer: Stemmer,
    stopwords: HashSet<String>,
    /// The moderators' stopwords (`vocabulary.toml`): chat filler in what
    /// members write ("seriously, who…"), words in an article ("seriously
    /// hurt").
    chatter: HashSet<String>,
    /// First stem of a synonym entry → the entries starting with it, longest first.
    phrases: HashMap<String, Vec<Phrase>>,
    /// Term → the terms of its opposites.
    antonyms: HashMap<String, Vec<String>>,
}

impl std::fmt::Debug for Analyzer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Analyzer")
            .field("stopwords", &self.stopwords.len())
            .field("phrases", &self.phrases.len())
            .field("antonyms", &self.antonyms.len())
            .finish()
    }
}

impl Default for Analyzer {
    fn default() -> Self {
        Analyzer::new(&Lexicon::default())
    }
}

impl Analyzer {
    pub fn new(lexicon: &Lexicon) -> Analyzer {
        let stemmer = Stemmer::create(Algorithm::English);
        let stopwords: HashSet<String> = words::word_lists()
            .stopwords
            .iter()
            .map(|s| s.to_string())
            .collect();
        let chatter = lexicon
            .stopwords
            .iter()
            .map(|s| s.to_lowercase())
            .filter(|s| !stopwords.contains(s))
            .collect();
        let mut analyzer = Analyzer {
            stemmer,
            stopwords,
            chatter,
            phrases: HashMap::new(),
            antonyms: HashMap::new(),
        };
        for group in &lexicon.synonyms {
            let stemmed: Vec<Vec<String>> = group
                .iter()
                .flat_map(|entry| analyzer.inflected_stems(entry))
                .filter(|s| !s.is_empty())
                .collect();
            let Some(first) = stemmed.first() else {
                continue;
            };
            let canon = format!("~{}", first.join("_"));
            for stems in &stemmed {
                let phrase = Phrase {
                    rest: stems[1..].to_vec(),
                    canon: canon.clone(),
                };
                let list = analyzer.phrases.entry(stems[0].clone()).or_default();
                if !list.iter().any(|p| p.rest == phrase.rest) {
                    list.push(phrase);
                }
            }
        }
        for list in analyzer.phrases.values_mut() {
            list.sort_by_key(|p| std::cmp::Reverse(p.rest.len()));
        }
        let mut antonyms: HashMap<String, Vec<String>> = HashMap::new();
        for (a, b) in &lexicon.antonyms {
            let (ta, tb) = (analyzer.word_term(a), analyzer.word_term(b));
            if let (Some(ta), Some(tb)) = (ta, tb) {
                if ta != tb {
                    antonyms.entry(ta.clone()).or_default().push(tb.clone());
                    antonyms.entry(tb).or_default().push(ta);
                }
            }
        }
        analyzer.antonyms = antonyms;
        analyzer
    }

    /// The stems of a vocabulary entry and of its inflections, so that an
    /// entry "free" also catches "freed", "frees" and "freeing" (which the
    /// stemmer does not all reduce to "free").
    fn inflected_stems(&self, entry: &str) -> Vec<Vec<String>> {
        let base = self.entry_stems(entry);
        let mut out = vec![base.clone()];
        let Some(first) = entry.split_whitespace().next() else {
            return out;
        };
        let rest = &base[1.min(base.len())..];
        for suffix in ["s", "es", "d", "ed", "ing"] {
            let mut stems = vec![self.stem(&format!("{first}{suffix}"))];
            stems.extend_from_slice(rest);
            if !out.contains(&stems) {
                out.push(stems);
            }
        }
        out
    }

    /// The stems of one vocabulary entry ("let go" → ["let", "go"]).
    fn entry_stems(&self, entry: &str) -> Vec<String> {
        lexer::lex(entry)
            .iter()
            .filter(|p| !matches!(p.kind, PieceKind::Punct(_)))
            .map(|p| self.stem(strip_clitic(&p.text).0))
            .collect()
    }

    /// The term a single word or phrase stands for, after synonyms.
    pub fn word_term(&self, text: &str) -> Option<String> {
        self.analyze(text)
            .into_iter()
            .find(Token::is_indexed)
            .map(|t| t.term)
    }

    /// The stem of a lower-case word.
    pub fn stem(&self, word: &str) -> String {
        let word = lemmas::base_form(word).unwrap_or(word);
        self.stemmer.stem(word).into_owned()
    }

    /// Whether a lower-case word of what a member writes is a stopword
    /// (built-in or from the lexicon).
    pub fn is_stopword(&self, word: &str) -> bool {
        self.is_source_stopword(word) || self.chatter.contains(word)
    }

    /// Whether a lower-case word of an article is a stopword: built-in
    /// only, the moderators' chat filler being the article's words.
    pub fn is_source_stopword(&self, word: &str) -> bool {
        self.stopwords.contains(word) || stopwords::question_word(word).is_some()
    }

    /// The opposites of a term, from the lexicon's antonym pairs.
    pub fn antonyms(&self, term: &str) -> &[String] {
        self.antonyms.get(term).map_or(&[], Vec::as_slice)
    }

    /// Normalises what a member writes (a question, a statement, a
    /// phrasing) into tokens.
    pub fn analyze(&self, text: &str) -> Vec<Token> {
        self.analyze_as(text, false)
    }

    /// Normalises an article's text (a claim's quote or answer) into
    /// tokens: chat filler is not dropped.
    pub fn analyze_source(&self, text: &str) -> Vec<Token> {
        self.analyze_as(text, true)
    }

    fn analyze_as(&self, text: &str, source: bool) -> Vec<Token> {
        let stop = |word: &str| {
            if source {
                self.is_source_stopword(word)
            } else {
                self.is_stopword(word)
            }
        };
        let pieces = expand_clitics(lexer::lex(text));
        let mut tokens = Vec::with_capacity(pieces.len());
        let mut sentence_start = true;
        let mut i = 0;
        while i < pieces.len() {
            let piece = &pieces[i];
            if let PieceKind::Punct(c) = piece.kind {
                if c == '%' {
                    tokens.push(self.word_token(piece, "percent", "percent".to_string(), false));
                } else {
                    tokens.push(simple(piece, TokenKind::Punct(c), false));
                    if matches!(c, '.' | '!' | '?') {
                        sentence_start = true;
                    }
                }
                i += 1;
                continue;
            }
            if let Some((mut token, used)) = self.number_at(&pieces, i, sentence_start) {
                if let Some(sign) = text[..token.span.start]
                    .chars()
                    .next_back()
                    .filter(|c| CURRENCY_SIGNS.contains(c))
                {
                    token.span.start -= sign.len_utf8();
                    if let TokenKind::Number { money, .. } = &mut token.kind {
                        *money = true;
                    }
                }
                // Pounds as members write them: "18 grand", "500 quid"
                // (`money_words` in words.toml).
                let mut used = used;
                if let Some(next) = pieces.get(i + used) {
                    let scale = words::looked_up(words::word_lists().money_words, &next.text);
                    if let (Some(scale), TokenKind::Number { value, money, year }) =
                        (scale, &mut token.kind)
                    {
                        *value *= scale;
                        *money = true;
                        *year = false;
                        token.term = numbers::term(*value);
                        token.span.end = next.span.end;
                        used += 1;
                    }
                }
                tokens.push(token);
                i += used;
                sentence_start = false;
                continue;
            }
            let stem = self.stem(&piece.text);
            if let Some((token, used)) = self.phrase_at(&pieces, i, &stem, sentence_start) {
                tokens.push(token);
                i += used;
                sentence_start = false;
                continue;
            }
            let word = piece.text.as_str();
            let token = if comparative_after(&pieces[i + 1..]) && matches!(word, "no" | "not") {
                // "No more than £1.8m" bounds a number; it denies nothing.
                simple(piece, TokenKind::Stop, sentence_start)
            } else if word == "n't" || stopwords::is_negation(word) {
                simple(piece, TokenKind::Negation, sentence_start)
            } else if stop(word) {
                simple(piece, TokenKind::Stop, sentence_start)
            } else {
                self.word_token(piece, word, stem, sentence_start)
            };
            tokens.push(token);
            sentence_start = false;
            i += 1;
        }
        tokens
    }

    fn word_token(&self, piece: &Piece, word: &str, stem: String, sentence_start: bool) -> Token {
        Token {
            term: stem,
            word: word.to_string(),
            span: piece.span.clone(),
            kind: TokenKind::Content,
            capitalized: piece.capitalized,
            sentence_start,
            synonym: false,
        }
    }

    /// A synonym entry starting at `pieces[i]`, longest first.
    fn phrase_at(
        &self,
        pieces: &[Piece],
        i: usize,
        first_stem: &str,
        sentence_start: bool,
    ) -> Option<(Token, usize)> {
        let first = &pieces[i];
        if first.kind != PieceKind::Word {
            return None;
        }
        let candidates = self.phrases.get(first_stem)?;
        // A stopword is only the start of a longer phrase ("let go"), never
        // a synonym on its own ("quick" stays chat filler).
        let stop = self.is_stopword(&first.text);
        for phrase in candidates.iter().filter(|p| !(stop && p.rest.is_empty())) {
            let mut j = i + 1;
            let mut ok = true;
            for want in &phrase.rest {
                while pieces
                    .get(j)
                    .is_some_and(|p| p.kind == PieceKind::Punct('-'))
                {
                    j += 1;
                }
                match pieces.get(j) {
                    Some(p)
                        if p.kind != PieceKind::Digits
                            && !matches!(p.kind, PieceKind::Punct(_))
                            && self.stem(&p.text) == *want =>
                    {
                        j += 1
                    }
                    _ => {
                        ok = false;
                        break;
                    }
                }
            }
            if ok {
                let last = &pieces[j - 1];
                let word: Vec<&str> = pieces[i..j]
                    .iter()
                    .filter(|p| p.kind == PieceKind::Word)
                    .map(|p| p.text.as_str())
                    .collect();
                let token = Token {
                    term: phrase.canon.clone(),
                    word: word.join(" "),
                    span: first.span.start..last.span.end,
                    kind: TokenKind::Content,
                    capitalized: first.capitalized,
                    sentence_start,
                    synonym: true,
                };
                return Some((token, j - i));
            }
        }
        None
    }

    /// A number written in digits or words starting at `pieces[i]`.
    fn number_at(
        &self,
        pieces: &[Piece],
        i: usize,
        sentence_start: bool,
    ) -> Option<(Token, usize)> {
        let first = &pieces[i];
        let could_start = match first.kind {
            PieceKind::Digits => true,
            PieceKind::Word => {
                numbers::unit_word(&first.text).is_some()
                    || first.text == "a"
                    || first.text == "half"
            }
            PieceKind::Punct(_) => false,
        };
        if !could_start {
            return None;
        }
        // Up to eight following words, hyphens skipped ("twenty-five").
        let mut words: Vec<&str> = Vec::with_capacity(8);
        let mut at: Vec<usize> = Vec::with_capacity(8);
        let mut j = i;
        while j < pieces.len() && words.len() < 8 {
            match pieces[j].kind {
                PieceKind::Word | PieceKind::Digits => {
                    words.push(pieces[j].text.as_str());
                    at.push(j);
                }
                PieceKind::Punct('-') if !words.is_empty() => {}
                _ => break,
            }
            j += 1;
        }
        if first.kind == PieceKind::Digits && numbers::parse_digits(&first.text).is_none() {
            return None;
        }
        let (value, used) =
            numbers::share_of_scale(&words).or_else(|| numbers::parse_words(&words))?;
        // "one" is a pronoun ("quick one", "one of them") unless a noun
        // follows, and after a determiner, with or without an adjective
        // between ("which one", "the biggest one").
        if used == 1 && first.text == "one" {
            let next = pieces.get(at[0] + 1).filter(|p| p.kind == PieceKind::Word);
            if next.is_none_or(|p| self.is_stopword(&p.text)) {
                return None;
            }
            let word_at = |back: usize| {
                i.checked_sub(back)
                    .map(|k| &pieces[k])
                    .filter(|p| p.kind == PieceKind::Word)
                    .map(|p| p.text.as_str())
            };
            let determiner = |w: Option<&str>| {
                w.is_some_and(|w| words::word_lists().pronoun_one_after.contains(&w))
            };
            if determiner(word_at(1)) || (word_at(1).is_some() && determiner(word_at(2))) {
                return None;
            }
        }
        let last = &pieces[at[used - 1]];
        // "Roughly 1900 kids", "over 2000 people": a number made
        // approximate or bounded, with a word after it that it counts, is
        // a count; "built around 1900" and "the 2023 pensions boycott" are
        // years.
        let counted = || {
            let before = i
                .checked_sub(1)
                .map(|k| &pieces[k])
                .filter(|p| p.kind == PieceKind::Word)
                .map(|p| p.text.as_str());
            let bounded = before.is_some_and(|w| {
                let lists = words::word_lists();
                lists.approximate.contains(&w) || lists.bounds_before.contains(&w)
            });
            let next = pieces
                .get(at[used - 1] + 1)
                .filter(|p| p.kind == PieceKind::Word && !p.capitalized)
                .map(|p| p.text.as_str());
            bounded && next.is_some_and(|w| !self.is_stopword(w))
        };
        let year = used == 1 && numbers::looks_like_year(&first.text, value) && !counted();
        let token = Token {
            term: numbers::term(value),
            word: words[..used].join(" "),
            span: first.span.start..last.span.end,
            kind: TokenKind::Number {
                value,
                year,
                money: false,
            },
            capitalized: first.capitalized,
            sentence_start,
            synonym: false,
        };
        Some((token, at[used - 1] + 1 - i))
    }
}

/// Signs written before an amount of money.
const CURRENCY_SIGNS: &[char] = &['£', '$', '€', '¥', '₹'];

/// Whether the pieces start with a comparative bound: "more than", "fewer
/// than", "less than".
fn comparative_after(pieces: &[Piece]) -> bool {
    matches!(
        pieces,
        [a, b, ..] if matches!(a.text.as_str(), "more" | "fewer" | "less" | "greater")
            && b.text == "than"
    )
}

fn simple(piece: &Piece, kind: TokenKind, sentence_start: bool) -> Token {
    Token {
        term: piece.text.clone(),
        word: piece.text.clone(),
        span: piece.span.clone(),
        kind,
        capitalized: piece.capitalized,
        sentence_start,
        synonym: false,
    }
}

/// Splits a word from its clitic: "didn't" → ("did", Some("n't")),
/// "zelensky's" → ("zelensky", None).
fn strip_clitic(word: &str) -> (&str, Option<&'static str>) {
    match word {
        "can't" | "cannot" => return ("can", Some("n't")),
        "won't" => return ("will", Some("n't")),
        _ => {}
    }
    if let Some(base) = word.strip_suffix("n't") {
        return (base, Some("n't"));
    }
    for suffix in ["'s", "'re", "'ve", "'ll", "'d", "'m"] {
        if let Some(base) = word.strip_suffix(suffix) {
            return (base, None);
        }
    }
    (word, None)
}

/// Rewrites possessives and contractions: "didn't" becomes "did" + "n't".
fn expand_clitics(pieces: Vec<Piece>) -> Vec<Piece> {
    let mut out = Vec::with_capacity(pieces.len() + 2);
    for mut piece in pieces {
        if piece.kind != PieceKind::Word || !piece.text.contains('\'') {
            out.push(piece);
            continue;
        }
        let (base, clitic) = strip_clitic(&piece.text);
        let (base, clitic) = (base.to_string(), clitic);
        if let Some(clitic) = clitic {
            let mut neg = piece.clone();
            neg.text = clitic.to_string();
            neg.capitalized = false;
            piece.text = base;
            out.push(piece);
            out.push(neg);
        } else {
            piece.text = base;
            out.push(piece);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lexicon() -> Lexicon {
        Lexicon {
            synonyms: vec![
                vec!["release".into(), "free".into(), "let go".into()],
                vec![
                    "soldier".into(),
                    "military personnel".into(),
                    "serviceman".into(),
                ],
            ],
            antonyms: vec![("biggest".into(), "smallest".into())],
            stopwords: vec!["lol".into()],
        }
    }

    fn terms(analyzer: &Analyzer, text: &str) -> Vec<String> {
        analyzer
            .analyze(text)
            .into_iter()
            .filter(Token::is_indexed)
            .map(|t| t.term)
            .collect()
    }

    #[test]
    fn chat_filler_is_dropped_from_what_members_write_not_from_articles() {
        let a = Analyzer::new(&Lexicon {
            stopwords: vec!["Seriously".into()],
            ..Lexicon::default()
        });
        let stems = |tokens: Vec<Token>| -> Vec<String> {
            tokens
                .into_iter()
                .filter(Token::is_indexed)
                .map(|t| t.term)
                .collect()
        };
        assert_eq!(stems(a.analyze("seriously, who was hurt?")), ["hurt"]);
        assert_eq!(
            stems(a.analyze_source("No one was seriously hurt.")),
            ["serious", "hurt"]
        );
        assert!(a.is_stopword("seriously") && !a.is_source_stopword("seriously"));
        // The built-in closed-class words are stopwords everywhere.
        assert!(a.is_source_stopword("the"));
    }

    #[test]
    fn question_and_source_wordings_meet_on_the_same_terms() {
        let a = Analyzer::new(&lexicon());
        assert_eq!(
            terms(&a, "How many soldiers were let go lol?"),
            terms(&a, "military personnel released")
        );
    }

    #[test]
    fn numbers_in_words_and_digits_agree() {
        let a = Analyzer::new(&lexicon());
        assert_eq!(
            terms(&a, "a thousand prisoners"),
            terms(&a, "1,000 prisoners")
        );
        assert_eq!(terms(&a, "two-hour meeting"), terms(&a, "2 hour meeting"));
        assert_eq!(terms(&a, "twenty-five"), ["#25"]);
        // A share of a scale.
        assert_eq!(terms(&a, "half a million"), terms(&a, "500,000"));
        assert_eq!(
            terms(&a, "three quarters of a million"),
            terms(&a, "750,000")
        );
        // Pounds as members write them.
        assert_eq!(terms(&a, "18 grand"), terms(&a, "£18,000"));
        assert_eq!(terms(&a, "500 quid"), terms(&a, "£500"));
        let tokens = a.analyze("over 12 million quid");
        assert!(tokens.iter().any(|t| matches!(
            t.kind,
            TokenKind::Number { value, money: true, .. } if value == 12e6
        )));
    }

    #[test]
    fn one_after_a_determiner_is_a_pronoun_not_a_number() {
        let a = Analyzer::new(&lexicon());
        let ones = |text: &str| terms(&a, text).iter().filter(|t| *t == "#1").count();
        assert_eq!(ones("how heavy was the biggest one thought to be"), 0);
        assert_eq!(ones("which one escaped first"), 0);
        // "No one" is nobody, capital or not.
        assert_eq!(ones("No one lost their home in the fire."), 0);
        assert_eq!(ones("the fire left no one homeless"), 0);
        assert_eq!(ones("one whale escaped"), 1);
        assert_eq!(ones("the team lost one match"), 1);
    }

    #[test]
    fn marks_years_and_negations() {
        let a = Analyzer::new(&lexicon());
        let tokens = a.analyze("No progress since 2022, they didn't agree");
        assert_eq!(tokens[0].kind, TokenKind::Negation);
        assert!(tokens.iter().any(|t| t.kind
            == TokenKind::Number {
                value: 2022.0,
                year: true,
                money: false
            }));
        assert!(tokens
            .iter()
            .any(|t| t.term == "n't" && t.kind == TokenKind::Negation));
    }

    #[test]
    fn a_bounded_number_that_counts_a_word_is_no_year() {
        let a = Analyzer::new(&lexicon());
        let year = |text: &str| {
            a.analyze(text).iter().find_map(|t| match t.kind {
                TokenKind::Number { year, .. } => Some(year),
                _ => None,
            })
        };
        assert_eq!(year("over 2000 people signed the petition"), Some(false));
        assert_eq!(year("about 1500 fans were turned away"), Some(false));
        assert_eq!(year("the hall was built around 1900."), Some(true));
        assert_eq!(year("the 2023 pensions boycott"), Some(true));
        assert_eq!(year("fans have waited since 2011 for a title"), Some(true));
    }

    #[test]
    fn possessives_and_typographic_apostrophes_fold() {
        let a = Analyzer::new(&lexicon());
        assert_eq!(
            terms(&a, "Ukraine’s leadership"),
            terms(&a, "ukraine leadership")
        );
    }

    #[test]
    fn antonyms_are_symmetric() {
        let a = Analyzer::new(&lexicon());
        let big = a.word_term("biggest").unwrap();
        let small = a.word_term("smallest").unwrap();
        assert_eq!(a.antonyms(&big), std::slice::from_ref(&small));
        assert_eq!(a.antonyms(&small), [big]);
    }
}
