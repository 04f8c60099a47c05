//! Splits text into words, numbers and punctuation, keeping byte offsets into
//! the original text so that quotes can be cut from it exactly.

use std::ops::Range;

/// One piece of raw text.
#[derive(Debug, Clone, PartialEq)]
pub struct Piece {
    /// Folded, lower-case text of the piece ("u.s", "1,000", "zelensky's").
    pub text: String,
    /// Byte range in the original text.
    pub span: Range<usize>,
    pub kind: PieceKind,
    /// The piece started with an upper-case letter.
    pub capitalized: bool,
    /// Every letter of the piece was upper case (and it had at least two).
    pub all_caps: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PieceKind {
    Word,
    /// Starts with a digit: "390", "1,000", "12.6m", "2022".
    Digits,
    /// A punctuation character that matters for reading: `. , ; : ! ? - ( ) "` and `%`.
    Punct(char),
}

/// Folds typographic punctuation to ASCII so that "Ukraine’s" and
/// "Ukraine's" read alike.
pub fn fold_char(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '`' | '\u{00B4}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
        | '\u{00BB}' => '"',
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
        | '\u{2212}' => '-',
        '\u{00A0}' | '\u{2007}' | '\u{202F}' | '\u{2009}' | '\u{200A}' => ' ',
        '\u{2026}' => '.',
        _ => c,
    }
}

/// Pictographs and emoticons (the emoji blocks, dingbats and
/// miscellaneous symbols).
fn is_emoji(c: char) -> bool {
    matches!(u32::from(c), 0x1F300..=0x1FAFF | 0x2600..=0x27BF)
}

/// Splits `text` into pieces.
pub fn lex(text: &str) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let chars: Vec<(usize, char)> = text
        .char_indices()
        .map(|(i, c)| (i, fold_char(c)))
        .collect();
    let end_of = |k: usize| chars.get(k).map_or(text.len(), |&(i, _)| i);
    let mut k = 0;
    while k < chars.len() {
        let (start, c) = chars[k];
        if c.is_alphanumeric() {
            let digits = c.is_ascii_digit();
            let mut j = k + 1;
            while j < chars.len() {
                let d = chars[j].1;
                let next = chars.get(j + 1).map(|&(_, n)| n);
                let continues = d.is_alphanumeric()
                    || (d == '\'' && next.is_some_and(char::is_alphanumeric))
                    || (digits
                        && (d == ',' || d == '.')
                        && next.is_some_and(|n| n.is_ascii_digit()));
                if !continues {
                    break;
                }
                j += 1;
            }
            let end = end_of(j);
            let raw = &text[start..end];
            // "118mm", "40km": a number and its unit, written together.
            match unit_suffix(raw).filter(|_| digits) {
                Some(at) => {
                    push_word(&mut pieces, &raw[..at], start..start + at, true);
                    push_word(&mut pieces, &raw[at..], start + at..end, false);
                }
                None => push_word(&mut pieces, raw, start..end, digits),
            }
            k = j;
        } else if c == '\''
            && pieces
                .last()
                .is_some_and(|p| p.kind == PieceKind::Word && p.span.end == start)
        {
            // A trailing apostrophe: the plural possessive "soldiers'".
            k += 1;
        } else {
            // An emoji in a chat message ends what came before it, as "!"
            // does: "my kid loves red pandas 😂 anyway how old is he?"
            let c = if is_emoji(c) { '!' } else { c };
            if matches!(
                c,
                '.' | ',' | ';' | ':' | '!' | '?' | '-' | '(' | ')' | '"' | '%' | '/'
            ) {
                pieces.push(Piece {
                    text: c.to_string(),
                    span: start..end_of(k + 1),
                    kind: PieceKind::Punct(c),
                    capitalized: false,
                    all_caps: false,
                });
            }
            k += 1;
        }
    }
    merge_abbreviations(&mut pieces);
    pieces
}

/// Where the unit starts in a number written with its unit ("118mm",
/// "40km", "5kg"), if it is one: not a scale ("12.6m", "2bn", "5k"), an
/// ordinal ("21st"), a decade ("1990s") or a time of day ("6.40pm"),
/// which read as one word.
fn unit_suffix(raw: &str) -> Option<usize> {
    let at = raw.find(|c: char| c.is_alphabetic())?;
    let (body, unit) = raw.split_at(at);
    if !body.ends_with(|c: char| c.is_ascii_digit()) || !unit.chars().all(char::is_alphabetic) {
        return None;
    }
    let unit = unit.to_lowercase();
    let whole = matches!(
        unit.as_str(),
        "m" | "bn" | "b" | "k" | "st" | "nd" | "rd" | "th" | "s" | "am" | "pm"
    );
    (!whole).then_some(at)
}

fn push_word(pieces: &mut Vec<Piece>, raw: &str, span: Range<usize>, digits: bool) {
    let capitalized = raw.chars().next().is_some_and(char::is_uppercase);
    let letters = raw.chars().filter(|c| c.is_alphabetic()).count();
    let all_caps = letters >= 2
        && raw
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase);
    let mut text = String::with_capacity(raw.len());
    for c in raw.chars() {
        let c = fold_char(c);
        if c.is_ascii() {
            text.push(c.to_ascii_lowercase());
        } else {
            text.extend(c.to_lowercase());
        }
    }
    if !text.is_ascii() {
        use unicode_normalization::UnicodeNormalization;
        text = text.nfkc().collect();
    }
    pieces.push(Piece {
        text,
        span,
        kind: if digits {
            PieceKind::Digits
        } else {
            PieceKind::Word
        },
        capitalized,
        all_caps,
    });
}

/// Joins dotted abbreviations ("U.S.", "e.g.") into one word "u.s".
fn merge_abbreviations(pieces: &mut Vec<Piece>) {
    let is_letter = |p: &Piece| p.kind == PieceKind::Word && p.text.chars().count() == 1;
    let is_dot = |p: &Piece| p.kind == PieceKind::Punct('.');
    let mut out: Vec<Piece> = Vec::with_capacity(pieces.len());
    let mut k = 0;
    while k < pieces.len() {
        let mut j = k;
        while j + 1 < pieces.len()
            && is_letter(&pieces[j])
            && is_dot(&pieces[j + 1])
            && pieces[j].span.end == pieces[j + 1].span.start
            && (j == k || pieces[j - 1].span.end == pieces[j].span.start)
        {
            j += 2;
        }
        let letters = (j - k) / 2;
        if letters >= 2 {
            let text: Vec<&str> = (0..letters)
                .map(|n| pieces[k + 2 * n].text.as_str())
                .collect();
            let mut merged = pieces[k].clone();
            merged.text = text.join(".");
            merged.all_caps = true;
            // The final dot is kept as punctuation only when it also ends a sentence;
            // the sentence splitter decides that, so here it is dropped.
            merged.span = pieces[k].span.start..pieces[j - 1].span.end;
            out.push(merged);
            k = j;
        } else {
            out.push(pieces[k].clone());
            k += 1;
        }
    }
    *pieces = out;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<String> {
        lex(text).into_iter().map(|p| p.text).collect()
    }

    #[test]
    fn keeps_numbers_with_separators_whole() {
        assert_eq!(
            texts("exchange 1,000 prisoners, £12.6m."),
            ["exchange", "1,000", "prisoners", ",", "12.6m", "."]
        );
    }

    #[test]
    fn splits_a_unit_written_after_its_number() {
        assert_eq!(
            texts("118mm of rain, 40km away, £12.6m, the 21st, 6.40pm"),
            [
                "118", "mm", "of", "rain", ",", "40", "km", "away", ",", "12.6m", ",", "the",
                "21st", ",", "6.40pm"
            ]
        );
    }

    #[test]
    fn folds_typographic_apostrophes() {
        assert_eq!(texts("Ukraine’s leaders"), ["ukraine's", "leaders"]);
    }

    #[test]
    fn joins_dotted_abbreviations() {
        let pieces = lex("Former U.S. President");
        assert_eq!(pieces[1].text, "u.s");
        assert_eq!(pieces[2].text, "president");
        assert!(pieces[2].capitalized);
    }

    #[test]
    fn splits_hyphenated_words_and_keeps_offsets() {
        let text = "a two-hour meeting — “memorandum”";
        let pieces = lex(text);
        assert_eq!(pieces[1].text, "two");
        assert_eq!(pieces[3].text, "hour");
        let memo = pieces.iter().find(|p| p.text == "memorandum").unwrap();
        assert_eq!(&text[memo.span.clone()], "memorandum");
    }

    #[test]
    fn survives_any_alphabet() {
        for text in [
            "",
            "😀😀",
            "שלום עולם",
            "\u{0}\u{7}",
            "ﬁnal ＡＢＣ",
            "مرحبا 123",
        ] {
            let _ = lex(text);
        }
        assert_eq!(texts("ﬁnal"), ["final"]);
    }

    #[test]
    fn an_emoji_ends_what_came_before_it() {
        let kinds: Vec<PieceKind> = lex("so grim 😬 what happened")
            .iter()
            .map(|p| p.kind)
            .collect();
        assert_eq!(
            kinds,
            [
                PieceKind::Word,
                PieceKind::Word,
                PieceKind::Punct('!'),
                PieceKind::Word,
                PieceKind::Word
            ]
        );
    }
}
