//! Typo correction against the knowledge base's own words: a deletion index
//! (symmetric delete, as in SymSpell) finds the candidates without comparing
//! against the whole vocabulary, then strsim's optimal string alignment
//! distance (which counts a transposition as one edit) confirms them.

use std::collections::HashMap;

/// Words shorter than this are never corrected: too many short words are
/// one edit apart ("tank" / "talk").
pub const MIN_LEN: usize = 5;
/// Words at least this long may be two edits away.
pub const TWO_EDITS_LEN: usize = 8;
/// Words at least this long may have one letter changed.
const SUBSTITUTION_LEN: usize = 7;
/// Longer words are not looked up (they are not typos of a word we know).
const MAX_LEN: usize = 24;

/// The edits allowed for a word of `len` characters.
pub fn max_edits(len: usize) -> usize {
    if len >= TWO_EDITS_LEN {
        2
    } else if len >= MIN_LEN {
        1
    } else {
        0
    }
}

#[derive(Debug, Default, Clone)]
pub struct FuzzyIndex {
    words: Vec<String>,
    /// Deletion variant → indexes into `words`.
    variants: HashMap<String, Vec<u32>>,
}

impl FuzzyIndex {
    pub fn new<'a>(words: impl IntoIterator<Item = &'a str>) -> FuzzyIndex {
        let mut index = FuzzyIndex::default();
        for word in words {
            let len = word.chars().count();
            if !(MIN_LEN - 1..=MAX_LEN).contains(&len) || !word.chars().all(char::is_alphabetic) {
                continue;
            }
            let id = index.words.len() as u32;
            index.words.push(word.to_string());
            for variant in variants(word, max_edits(len + 1).max(1)) {
                let list = index.variants.entry(variant).or_default();
                if list.last() != Some(&id) {
                    list.push(id);
                }
            }
        }
        index
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// The known words closest to `word` within the allowed edits, with
    /// their distance; closest first.
    pub fn lookup(&self, word: &str) -> Vec<(&str, usize)> {
        let len = word.chars().count();
        let allowed = max_edits(len);
        if allowed == 0 || len > MAX_LEN || !word.chars().all(char::is_alphabetic) {
            return Vec::new();
        }
        let mut seen: Vec<u32> = Vec::new();
        let mut found: Vec<(&str, usize)> = Vec::new();
        for variant in variants(word, allowed) {
            let Some(ids) = self.variants.get(&variant) else {
                continue;
            };
            for &id in ids {
                if seen.contains(&id) {
                    continue;
                }
                seen.push(id);
                let candidate = self.words[id as usize].as_str();
                let distance = strsim::osa_distance(word, candidate);
                // In a short word, one changed letter makes another word as
                // often as a typo ("tanks"/"talks", "plane"/"place"): only
                // a missing, extra or swapped letter is corrected there.
                let substitution =
                    distance == 1 && len == candidate.chars().count() && !swapped(word, candidate);
                if substitution && len < SUBSTITUTION_LEN {
                    continue;
                }
                if distance > 0 && distance <= allowed {
                    found.push((candidate, distance));
                }
            }
        }
        found.sort_by(|a, b| a.1.cmp(&b.1).then_with(|| a.0.cmp(b.0)));
        found
    }
}

/// Whether `a` is `b` with two adjacent letters swapped.
fn swapped(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let diff: Vec<usize> = (0..a.len().min(b.len()))
        .filter(|&i| a[i] != b[i])
        .collect();
    a.len() == b.len()
        && diff.len() == 2
        && diff[1] == diff[0] + 1
        && a[diff[0]] == b[diff[1]]
        && a[diff[1]] == b[diff[0]]
}

/// `word` and every string made by deleting up to `edits` characters
/// (duplicates included: callers look each up once more at worst).
fn variants(word: &str, edits: usize) -> Vec<String> {
    let chars: Vec<char> = word.chars().collect();
    let mut out = Vec::with_capacity(1 + chars.len() * (1 + chars.len()));
    out.push(word.to_string());
    let without = |skip: &[usize]| -> String {
        chars
            .iter()
            .enumerate()
            .filter(|(i, _)| !skip.contains(i))
            .map(|(_, c)| *c)
            .collect()
    };
    for a in 0..chars.len() {
        // Deleting one of a run of equal letters gives the same string.
        if a > 0 && chars[a] == chars[a - 1] {
            continue;
        }
        out.push(without(&[a]));
        if edits >= 2 {
            for b in a + 1..chars.len() {
                if b > a + 1 && chars[b] == chars[b - 1] {
                    continue;
                }
                out.push(without(&[a, b]));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index() -> FuzzyIndex {
        FuzzyIndex::new([
            "civilians",
            "exchange",
            "zelensky",
            "talks",
            "released",
            "belarus",
        ])
    }

    #[test]
    fn corrects_insertions_deletions_and_transpositions() {
        let index = index();
        for (typo, want) in [
            ("civillians", "civilians"),
            ("exchagne", "exchange"),
            ("zelensy", "zelensky"),
            ("relesed", "released"),
        ] {
            assert_eq!(
                index.lookup(typo).first().map(|f| f.0),
                Some(want),
                "{typo}"
            );
        }
    }

    #[test]
    fn leaves_short_and_distant_words_alone() {
        let index = index();
        assert!(index.lookup("tank").is_empty());
        assert!(index.lookup("weather").is_empty());
        assert!(
            index.lookup("civilians").is_empty(),
            "a known word is not a typo"
        );
        assert!(index.lookup("😀😀😀😀😀").is_empty());
    }
}
