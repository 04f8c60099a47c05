//! Numbers written as digits or words: "1,000", "12.6m", "a thousand",
//! "three hundred and ninety", "two-hour".

/// The value of a single number word ("seven", "twenty"), if it is one.
pub fn unit_word(word: &str) -> Option<f64> {
    let v = match word {
        "zero" => 0,
        "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        "dozen" => 12,
        "twice" => 2,
        "thrice" => 3,
        _ => return None,
    };
    Some(f64::from(v))
}

/// The multiplier of a scale word ("hundred", "million"), if it is one.
pub fn scale_word(word: &str) -> Option<f64> {
    match word {
        "hundred" => Some(1e2),
        "thousand" => Some(1e3),
        "million" => Some(1e6),
        "billion" => Some(1e9),
        "trillion" => Some(1e12),
        _ => None,
    }
}

/// Parses a number written in digits, with thousands separators, a decimal
/// point and an optional scale suffix: "390", "1,000", "12.6m", "3bn", "5k".
pub fn parse_digits(word: &str) -> Option<f64> {
    let (body, scale) = split_suffix(word);
    if body.is_empty() || !body.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let mut cleaned = String::with_capacity(body.len());
    let mut seen_point = false;
    for c in body.chars() {
        match c {
            '0'..='9' => cleaned.push(c),
            ',' => {}
            '.' if !seen_point => {
                seen_point = true;
                cleaned.push('.');
            }
            _ => return None,
        }
    }
    cleaned.parse::<f64>().ok().map(|v| v * scale)
}

fn split_suffix(word: &str) -> (&str, f64) {
    for (suffix, scale) in [("bn", 1e9), ("m", 1e6), ("k", 1e3)] {
        if let Some(body) = word.strip_suffix(suffix) {
            if body.ends_with(|c: char| c.is_ascii_digit()) {
                return (body, scale);
            }
        }
    }
    (word, 1.0)
}

/// Reads a run of number words starting at `words[0]`; returns the value
/// and how many words it used. "a" counts only before a scale word
/// ("a thousand"), "and" only between number words.
pub fn parse_words(words: &[&str]) -> Option<(f64, usize)> {
    let mut total = 0.0;
    let mut current = 0.0;
    let mut used = 0;
    let mut any = false;
    let mut i = 0;
    while i < words.len() {
        let w = words[i];
        if let Some(v) = unit_word(w).or_else(|| parse_digits(w).filter(|_| !any)) {
            let joins = current == 0.0
                || (current % 100.0 == 0.0 && v < 100.0)
                || (current % 10.0 == 0.0 && current % 100.0 >= 20.0 && v < 10.0);
            if any && !joins {
                break;
            }
            current += v;
            any = true;
            i += 1;
            used = i;
        } else if let Some(scale) = scale_word(w) {
            if !any {
                break;
            }
            if scale == 100.0 {
                current *= scale;
            } else {
                total += current.max(1.0) * scale;
                current = 0.0;
            }
            i += 1;
            used = i;
        } else if w == "a"
            && !any
            && words
                .get(i + 1)
                .is_some_and(|n| scale_word(n).is_some() || *n == "dozen")
        {
            current = 1.0;
            any = true;
            i += 1;
        } else if w == "and" && any && words.get(i + 1).is_some_and(|n| unit_word(n).is_some()) {
            i += 1;
        } else {
            break;
        }
    }
    if !any || used == 0 {
        return None;
    }
    Some((total + current, used))
}

/// The canonical term for a number: "#390", "#12.6".
pub fn term(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("#{}", value as i64)
    } else {
        format!("#{value}")
    }
}

/// Whether a number written in digits looks like a year ("2022", not "1,000").
pub fn looks_like_year(surface: &str, value: f64) -> bool {
    surface.len() == 4
        && surface.bytes().all(|b| b.is_ascii_digit())
        && (1800.0..=2199.0).contains(&value)
}

/// "Half a million", "three quarters of a million", "two thirds of a
/// billion": a share of a scale, and how many words it takes.
pub fn share_of_scale(words: &[&str]) -> Option<(f64, usize)> {
    use crate::text::words::{looked_up, word_lists};
    let fraction = |w: &str| looked_up(word_lists().fractions, w);
    // "Half" alone is one half; otherwise a count of parts.
    let (share, mut used) = match words {
        [part, ..] if *part == "half" => (1.0 / fraction(part)?, 1),
        [count, part, ..] => {
            let count = unit_word(count).or_else(|| parse_digits(count))?;
            (count / fraction(part)?, 2)
        }
        _ => return None,
    };
    if words.get(used) == Some(&"of") {
        used += 1;
    }
    if words.get(used) != Some(&"a") {
        return None;
    }
    let scale = scale_word(words.get(used + 1)?).filter(|&s| s >= 1_000.0)?;
    Some((share * scale, used + 2))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_digits_with_separators_and_suffixes() {
        let cases = [
            ("390", 390.0),
            ("1,000", 1000.0),
            ("12.6m", 12.6e6),
            ("3bn", 3e9),
            ("2.5", 2.5),
        ];
        for (text, want) in cases {
            assert_eq!(parse_digits(text), Some(want), "{text}");
        }
        assert_eq!(parse_digits("m"), None);
        assert_eq!(parse_digits("1.2.3"), None);
    }

    #[test]
    fn reads_number_words() {
        let cases: [(&[&str], f64, usize); 6] = [
            (&["three", "hundred", "and", "ninety"], 390.0, 4),
            (&["a", "thousand", "prisoners"], 1000.0, 2),
            (&["two", "hour"], 2.0, 1),
            (&["twenty", "five"], 25.0, 2),
            (&["one", "thousand"], 1000.0, 2),
            (&["1", "million"], 1e6, 2),
        ];
        for (words, value, used) in cases {
            assert_eq!(parse_words(words), Some((value, used)), "{words:?}");
        }
        assert_eq!(parse_words(&["a", "week"]), None);
        assert_eq!(parse_words(&["hundred"]), None);
    }

    #[test]
    fn names_numbers_canonically() {
        assert_eq!(term(1000.0), "#1000");
        assert_eq!(term(12.5), "#12.5");
    }
}
