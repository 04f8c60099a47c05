//! Words that carry no meaning for matching, and the small closed classes
//! (negations, question words, prepositions) that verification and question
//! typing read instead of indexing. The lists themselves are data, in
//! `words.toml` ([`super::words`]).

use super::words::word_lists;

/// Whether `word` (lower case) negates its clause.
pub fn is_negation(word: &str) -> bool {
    word_lists().negations.contains(&word)
}

/// The question words; they shape the expected answer instead of matching.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuestionWord {
    What,
    Who,
    Where,
    When,
    Why,
    How,
    Which,
}

/// Reads a question word, including chat spellings ("wat", "wheres").
pub fn question_word(word: &str) -> Option<QuestionWord> {
    Some(match word {
        "what" | "wat" | "wut" | "whats" | "what's" => QuestionWord::What,
        "who" | "whom" | "whose" | "whos" | "who's" => QuestionWord::Who,
        "where" | "wheres" | "where's" => QuestionWord::Where,
        "when" | "whens" | "when's" => QuestionWord::When,
        "why" | "whys" => QuestionWord::Why,
        "how" | "hows" | "how's" => QuestionWord::How,
        "which" => QuestionWord::Which,
        _ => return None,
    })
}

/// The preposition `word` is, as a static string.
pub fn preposition(word: &str) -> Option<&'static str> {
    word_lists()
        .prepositions
        .iter()
        .find(|p| **p == word)
        .copied()
}

pub fn is_preposition(word: &str) -> bool {
    preposition(word).is_some()
}

/// Words that open a new clause of contrast ("but", "while"): negation in
/// one clause says nothing of the other.
pub fn is_contrast(word: &str) -> bool {
    word_lists().contrasts.contains(&word)
}
