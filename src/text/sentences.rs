//! Sentence splitting that survives "U.S.", "Dr.", "£12.6m", quotes and dashes.

use std::ops::Range;

/// Abbreviations after which a full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "gen", "col", "lt", "sgt", "capt", "cmdr",
    "adm", "gov", "sen", "rep", "rev", "hon", "pres", "no", "vs", "etc", "inc", "ltd", "co",
    "corp", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "approx", "est", "fig", "dept", "univ", "mt", "ft",
];

/// Splits `text` into sentences, as trimmed byte ranges. A sentence ends at
/// `.`, `!` or `?` (with any closing quotes or brackets after it) followed by
/// white space and a capital letter, digit or opening quote; or at a blank
/// line or a line break that ends a paragraph.
pub fn split(text: &str) -> Vec<Range<usize>> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut start = 0;
    let mut k = 0;
    while k < chars.len() {
        let (i, c) = chars[k];
        if c == '\n' {
            push_trimmed(text, start..i, &mut out);
            start = i + 1;
            k += 1;
            continue;
        }
        if matches!(c, '.' | '!' | '?') {
            let mut j = k + 1;
            while j < chars.len()
                && matches!(
                    chars[j].1,
                    '.' | '!' | '?' | '"' | '\'' | '’' | '”' | ')' | ']'
                )
            {
                j += 1;
            }
            let end = chars.get(j).map_or(text.len(), |&(e, _)| e);
            let followed_by_space = j >= chars.len() || chars[j].1.is_whitespace();
            if followed_by_space
                && starts_sentence(&chars[j..])
                && !(c == '.' && is_abbreviation(text, i))
            {
                push_trimmed(text, start..end, &mut out);
                start = end;
            }
            k = j;
            continue;
        }
        k += 1;
    }
    push_trimmed(text, start..text.len(), &mut out);
    out
}

/// Whether the text after a full stop begins a new sentence.
fn starts_sentence(rest: &[(usize, char)]) -> bool {
    match rest
        .iter()
        .map(|&(_, c)| c)
        .find(|c| !c.is_whitespace() || *c == '\n')
    {
        None | Some('\n') => true,
        Some(c) => {
            c.is_uppercase()
                || c.is_ascii_digit()
                || matches!(c, '"' | '“' | '‘' | '\'' | '(' | '[' | '—' | '-')
        }
    }
}

/// Whether the full stop at byte `dot` ends an abbreviation ("Dr.", "U.S.").
fn is_abbreviation(text: &str, dot: usize) -> bool {
    let before = &text[..dot];
    let word_start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '.'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let word = &before[word_start..];
    if word.is_empty() {
        return false;
    }
    // Dotted initials: "U.S", "e.g", or a single capital initial "J".
    if word.contains('.') && word.split('.').all(|p| p.chars().count() == 1) {
        return true;
    }
    if word.chars().count() == 1 && word.chars().all(char::is_uppercase) {
        return true;
    }
    ABBREVIATIONS.contains(&word.to_lowercase().as_str())
}

fn push_trimmed(text: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
    let slice = &text[range.clone()];
    let lead = slice.len() - slice.trim_start().len();
    let trail = slice.len() - slice.trim_end().len();
    let (s, e) = (range.start + lead, range.end - trail);
    if s < e && text[s..e].chars().any(char::is_alphanumeric) {
        out.push(s..e);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        split(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn splits_on_full_stops_before_capitals() {
        assert_eq!(
            sentences("One thing. Another thing! A third?"),
            ["One thing.", "Another thing!", "A third?"]
        );
    }

    #[test]
    fn keeps_abbreviations_and_amounts_inside() {
        let text = "Former U.S. President Donald Trump spoke. Dr. Smith paid £12.6m for it. It cost 3.5 bn.";
        assert_eq!(
            sentences(text),
            [
                "Former U.S. President Donald Trump spoke.",
                "Dr. Smith paid £12.6m for it.",
                "It cost 3.5 bn."
            ]
        );
    }

    #[test]
    fn keeps_closing_quotes_with_their_sentence() {
        let text = "He called it a “memorandum.” Then he left. — Another line";
        assert_eq!(
            sentences(text),
            [
                "He called it a “memorandum.”",
                "Then he left.",
                "— Another line"
            ]
        );
    }

    #[test]
    fn lines_end_sentences() {
        assert_eq!(
            sentences("Headline without stop\nBody text here."),
            ["Headline without stop", "Body text here."]
        );
    }

    #[test]
    fn lowercase_after_stop_does_not_split() {
        assert_eq!(
            sentences("He said e.g. this and that."),
            ["He said e.g. this and that."]
        );
    }
}
