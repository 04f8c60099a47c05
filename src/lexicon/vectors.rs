//! What a text is about, as one vector: static word vectors distilled from
//! the sentence model all-MiniLM-L6-v2 (`data/embeddings.bin`, built by
//! `data/build_embeddings.py`), averaged with each word weighted by how
//! much it says. Two texts about the same thing in other words ("the
//! prisoners came home" ~ "captives were returned") point the same way.
//!
//! Word vectors alone confuse substitutes with synonyms (Poland ~ Belarus,
//! three ~ four), so the engine uses them only as one feature of a match,
//! beside the exact comparison of names and numbers.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::{english, MIN_INFORMATION};

const TABLE: &[u8] = include_bytes!("data/embeddings.bin");
const MAGIC: &[u8] = b"CBEMB1\n";

/// A text's direction, unit length.
pub type Vector = Vec<f32>;

/// The word vectors, parsed.
pub struct Vectors {
    dims: usize,
    scale: f32,
    /// Word → its row in `data`.
    rows: HashMap<&'static str, u32>,
    data: Vec<i8>,
    /// Each row's length, for cosines between words.
    norms: Vec<f32>,
}

impl std::fmt::Debug for Vectors {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Vectors")
            .field("words", &self.rows.len())
            .field("dims", &self.dims)
            .finish()
    }
}

/// The table, parsed on first use.
pub fn vectors() -> &'static Vectors {
    static VECTORS: OnceLock<Vectors> = OnceLock::new();
    // The table is part of the binary and checked by a unit test: a broken
    // one is a build defect, not an input error.
    VECTORS.get_or_init(|| Vectors::parse(TABLE).unwrap_or_else(|e| panic!("embeddings.bin: {e}")))
}

impl Vectors {
    fn parse(bytes: &'static [u8]) -> Result<Vectors, &'static str> {
        let rest = bytes.strip_prefix(MAGIC).ok_or("bad magic")?;
        let header = rest.get(..12).ok_or("short header")?;
        let word =
            |i: usize| u32::from_le_bytes([header[i], header[i + 1], header[i + 2], header[i + 3]]);
        let (count, dims) = (word(0) as usize, word(4) as usize);
        let scale = f32::from_le_bytes([header[8], header[9], header[10], header[11]]);
        let mut rest = &rest[12..];
        let mut words = Vec::with_capacity(count);
        for _ in 0..count {
            let end = rest
                .iter()
                .position(|&b| b == b'\n')
                .ok_or("short word list")?;
            words.push(std::str::from_utf8(&rest[..end]).map_err(|_| "word not UTF-8")?);
            rest = &rest[end + 1..];
        }
        if rest.len() != count * dims {
            return Err("vector block of the wrong size");
        }
        let data: Vec<i8> = rest.iter().map(|&b| b as i8).collect();
        let norms = data
            .chunks_exact(dims)
            .map(|row| {
                row.iter()
                    .map(|&x| f32::from(x) * f32::from(x))
                    .sum::<f32>()
                    .sqrt()
            })
            .collect();
        let rows = words.into_iter().zip(0..).collect();
        Ok(Vectors {
            dims,
            scale,
            rows,
            data,
            norms,
        })
    }

    pub fn dims(&self) -> usize {
        self.dims
    }

    /// The row of a lower-case word that tells something (the commonest
    /// words, which tell no topic, have none here), possessive dropped.
    pub fn word_row(&self, word: &str) -> Option<u32> {
        self.row_telling(word).map(|(row, _)| row)
    }

    /// A word's row and how much it tells, when it tells something.
    fn row_telling(&self, word: &str) -> Option<(u32, f32)> {
        let word = word
            .strip_suffix("'s")
            .or_else(|| word.strip_suffix("’s"))
            .unwrap_or(word);
        let &row = self.rows.get(word)?;
        let information = english().information(word);
        (information > MIN_INFORMATION).then_some((row, information))
    }

    /// How close two words stand in meaning: the cosine of their rows,
    /// -1..=1 (0 for a row of zeros).
    pub fn cosine(&self, a: u32, b: u32) -> f32 {
        let row = |r: u32| &self.data[r as usize * self.dims..(r as usize + 1) * self.dims];
        let dot: i32 = row(a)
            .iter()
            .zip(row(b))
            .map(|(&x, &y)| i32::from(x) * i32::from(y))
            .sum();
        let norms = self.norms[a as usize] * self.norms[b as usize];
        if norms > 0.0 {
            dot as f32 / norms
        } else {
            0.0
        }
    }

    /// The direction of a text: the mean of its words' vectors, each
    /// weighted by the word's information, or `None` when no word of the
    /// text has a vector.
    pub fn text(&self, text: &str) -> Option<Vector> {
        let mut sum = vec![0.0f32; self.dims];
        let mut any = false;
        for word in words(text) {
            // The commonest words ("to", "after", "people") carry no topic:
            // a text of them and unknown words would otherwise point
            // wherever they do.
            let Some((row, information)) = self.row_telling(&word) else {
                continue;
            };
            let at = row as usize * self.dims;
            let row = &self.data[at..at + self.dims];
            let weight = information * self.scale;
            for (s, &x) in sum.iter_mut().zip(row.iter()) {
                *s += weight * f32::from(x);
            }
            any = true;
        }
        let norm = sum.iter().map(|x| x * x).sum::<f32>().sqrt();
        (any && norm > 0.0).then(|| sum.into_iter().map(|x| x / norm).collect())
    }
}

/// The lower-case words of a text, possessive "'s" dropped.
fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .map(|w| {
            let w = w.trim_matches(|c| c == '\'' || c == '’');
            let w = w
                .strip_suffix("'s")
                .or_else(|| w.strip_suffix("’s"))
                .unwrap_or(w);
            w.to_lowercase()
        })
        .filter(|w| !w.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The cosine of two unit vectors.
    fn cosine(a: &[f32], b: &[f32]) -> f32 {
        a.iter().zip(b).map(|(x, y)| x * y).sum()
    }

    #[test]
    fn the_shipped_table_parses() {
        let v = vectors();
        assert!(v.rows.len() > 40_000);
        assert!(v.text("the prisoners were released").is_some());
        assert!(v.text("").is_none());
    }

    #[test]
    fn texts_about_the_same_thing_point_the_same_way() {
        let v = vectors();
        let a = v
            .text("The captives came home after the negotiations")
            .expect("vector");
        let b = v
            .text("Prisoners were released following talks")
            .expect("vector");
        let c = v
            .text("The bridge reopened to traffic after repairs")
            .expect("vector");
        assert!(cosine(&a, &b) > cosine(&a, &c) + 0.1);
    }
}
