//! Finding a quote in its source with typographic quotes, dashes and white
//! space folded, then cutting the exact source text.

use std::ops::Range;

use crate::text::lexer::fold_char;

/// `text` folded for locating, with the byte offset in `text` of each
/// folded byte (plus one entry for the end).
struct Folded {
    text: String,
    offsets: Vec<usize>,
}

fn fold(text: &str) -> Folded {
    let mut out = Folded {
        text: String::with_capacity(text.len()),
        offsets: Vec::with_capacity(text.len() + 1),
    };
    let mut in_space = false;
    for (i, c) in text.char_indices() {
        let c = fold_char(c);
        if c.is_whitespace() {
            if in_space {
                continue;
            }
            in_space = true;
            out.text.push(' ');
            out.offsets.push(i);
            continue;
        }
        in_space = false;
        let mut buf = [0u8; 4];
        for _ in 0..c.encode_utf8(&mut buf).len() {
            out.offsets.push(i);
        }
        out.text.push(c);
    }
    out.offsets.push(text.len());
    out
}

/// A source folded once, so that each of its quotes is found without
/// folding the whole article again: loading stays linear in the size of
/// the knowledge base.
pub struct Locator<'a> {
    source: &'a str,
    folded: Folded,
}

impl<'a> Locator<'a> {
    pub fn new(source: &'a str) -> Locator<'a> {
        Locator {
            source,
            folded: fold(source),
        }
    }

    /// The byte range of `quote` in the source, folding typographic
    /// punctuation and white space; `None` when the quote is not there.
    pub fn find(&self, quote: &str) -> Option<Range<usize>> {
        let quote = fold(quote.trim());
        if quote.text.is_empty() {
            return None;
        }
        let haystack = &self.folded;
        let at = haystack.text.find(&quote.text)?;
        let start = haystack.offsets[at];
        let last = at + quote.text.len() - 1;
        let last_char_start = haystack.offsets[last];
        let end = last_char_start
            + self.source[last_char_start..]
                .chars()
                .next()
                .map_or(0, char::len_utf8);
        Some(start..end)
    }
}

/// The byte range of `quote` in `source` (see [`Locator::find`]).
pub fn locate(source: &str, quote: &str) -> Option<Range<usize>> {
    Locator::new(source).find(quote)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_quotes_with_straight_apostrophes_and_extra_spaces() {
        let source = "he cast doubt on Ukraine’s  current leadership.";
        let range = locate(source, "Ukraine's current leadership").unwrap();
        assert_eq!(&source[range], "Ukraine’s  current leadership");
    }

    #[test]
    fn refuses_text_that_is_not_there() {
        assert_eq!(locate("390 people", "500 people"), None);
        assert_eq!(locate("390 people", "   "), None);
    }

    #[test]
    fn cuts_on_character_boundaries() {
        let source = "say “memorandum” — fine";
        let range = locate(source, "\"memorandum\" -").unwrap();
        assert_eq!(&source[range], "“memorandum” —");
    }
}
