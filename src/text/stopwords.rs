//! Words that carry no meaning for matching, and the small closed classes
//! (negations, question words, prepositions) that verification and question
//! typing read instead of indexing.

#[rustfmt::skip]
/// English function words. Negations and question words are kept apart
/// (see [`is_negation`], [`question_word`]) because they change meaning.
pub const STOPWORDS: &[&str] = &[
    "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any",
    "are", "as", "at", "be", "because", "been", "before", "being", "below", "between", "both",
    "but", "by", "can", "could", "did", "do", "does", "doing", "down", "during", "each", "else",
    "ever", "few", "for", "from", "had", "has", "have", "having", "he", "her", "here", "hers",
    "herself", "him", "himself", "his", "i", "if", "in", "into", "is", "it", "its", "itself",
    "just", "let's", "may", "me", "might", "must", "my", "myself", "of", "off", "on", "once",
    "only", "or", "other", "ought", "our", "ours", "ourselves", "out", "over", "own", "per", "same",
    "shall", "she", "should", "so", "some", "such", "than", "that", "the", "their", "theirs",
    "them", "themselves", "then", "there", "these", "they", "this", "those", "through", "thus",
    "to", "too", "under", "until", "up", "upon", "us", "very", "was", "we", "were", "while", "will",
    "with", "would", "you", "your", "yours", "yourself", "yourselves", "via", "onto", "within",
    "among", "amid", "across", "toward", "towards", "whether", "yet", "already", "still", "even",
    "ever", "got", "get", "gets", "getting", "really", "actually", "please", "pls", "plz", "hey",
    "hi", "hello", "thanks", "thank", "thx", "ty", "lol", "lmao", "btw", "ok", "okay", "um", "uh",
    "anyone", "anybody", "someone", "somebody", "know", "tell", "wondering", "wonder", "curious",
    "guys", "bot", "claimbot", "u", "ur", "ya", "yo", "pl", "idk", "tbh", "imo", "fr", "ngl", "rn",
    "quick", "question", "q", "nah", "yeah", "yep", "gonna", "wanna", "kinda", "exactly", "basically", "im", "i'm", "it's", "what's", "thats",
    "whats", "wheres", "whos", "hows", "dont", "there's", "he's", "she's", "one's", "kind", "sort",
    "bit", "lot", "lots", "many", "much", "one", "everyone", "everybody", "here", "near", "beside",
    "behind", "inside", "outside", "around", "beyond", "throughout", "despite",
];

/// Words that negate the clause they stand in.
const NEGATIONS: &[&str] = &[
    "no", "not", "never", "none", "nobody", "nothing", "neither", "nor", "without", "n't",
    "cannot", "nowhere",
];

/// Whether `word` (lower case) negates its clause.
pub fn is_negation(word: &str) -> bool {
    NEGATIONS.contains(&word)
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

/// Prepositions that introduce a place, a time or a partner; verification
/// pairs values by the preposition in front of them.
const PREPOSITIONS: &[&str] = &[
    "in", "at", "on", "from", "to", "near", "with", "into", "by", "of", "for", "since",
];

/// The preposition `word` is, as a static string.
pub fn preposition(word: &str) -> Option<&'static str> {
    PREPOSITIONS.iter().find(|p| **p == word).copied()
}

pub fn is_preposition(word: &str) -> bool {
    preposition(word).is_some()
}

/// Words that open a new clause of contrast ("but", "while"): negation in
/// one clause says nothing of the other.
pub fn is_contrast(word: &str) -> bool {
    matches!(
        word,
        "but" | "while" | "although" | "though" | "however" | "despite" | "whereas" | "yet"
    )
}
