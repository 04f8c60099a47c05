//! The knowledge base: sources (articles kept verbatim), their claims, and
//! the moderators' vocabulary. Loading validates everything; an invalid
//! knowledge base never half-loads.

pub mod files;
pub mod locate;

use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::text::Lexicon;

/// A problem with the knowledge base, naming the file and line.
#[derive(Debug, thiserror::Error)]
pub enum KnowledgeError {
    /// The I/O error is part of the message, not a separate cause, so that
    /// it is printed once.
    #[error("{}: {error}", path.display())]
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
    #[error("{}:{line}: {message}", path.display())]
    Invalid {
        path: PathBuf,
        line: usize,
        message: String,
    },
    #[error("{}: no articles found (expected .txt or .md files)", dir.display())]
    Empty { dir: PathBuf },
}

impl KnowledgeError {
    pub fn invalid(path: &Path, line: usize, message: impl Into<String>) -> KnowledgeError {
        KnowledgeError::Invalid {
            path: path.to_path_buf(),
            line,
            message: message.into(),
        }
    }
}

/// One article, kept verbatim, with what a citation needs.
#[derive(Debug, Clone, Serialize)]
pub struct Source {
    /// The file stem: "prisoner-exchange".
    pub id: String,
    pub title: String,
    #[serde(skip)]
    pub text: String,
    /// File name of the text inside the knowledge directory.
    pub text_file: String,
    /// File name of the claims file, when the article has one.
    pub claims_file: Option<String>,
    pub publisher: Option<String>,
    pub author: Option<String>,
    pub published: Option<String>,
    pub url: Option<String>,
}

impl Source {
    /// A one-line citation: "Title — Publisher, 2025-05-23, https://…".
    pub fn citation(&self) -> String {
        match self.attribution(true) {
            Some(extra) => format!("{} — {extra}", self.title),
            None => self.title.clone(),
        }
    }

    /// What a citation adds to the title: publisher, author, date and (with
    /// `url`) the address, joined; `None` when there is none.
    pub fn attribution(&self, url: bool) -> Option<String> {
        let extra: Vec<&str> = [&self.publisher, &self.author, &self.published]
            .into_iter()
            .chain(url.then_some(&self.url))
            .flatten()
            .map(String::as_str)
            .collect();
        (!extra.is_empty()).then(|| extra.join(", "))
    }
}

/// The values a claim asserts, compared by verification.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Values {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub numbers: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub places: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub people: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub durations: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dates: Vec<String>,
}

/// Where a claim comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// Written by a moderator in the claims file, at this line.
    Curated { line: usize },
    /// Sentence `n` (from 1) of the article, quoting itself.
    Sentence { n: usize },
}

/// A fact resting on a verbatim quote.
#[derive(Debug, Clone)]
pub struct Claim {
    pub id: String,
    /// Index into [`KnowledgeBase::sources`].
    pub source: usize,
    /// A short answer in plain words.
    pub answer: String,
    /// The exact text of the source that the claim rests on.
    pub quote: String,
    /// Byte range of `quote` in the source text.
    pub span: Range<usize>,
    /// Alternate phrasings of the question this claim answers.
    pub questions: Vec<String>,
    pub values: Values,
    pub origin: Origin,
}

impl Claim {
    pub fn is_curated(&self) -> bool {
        matches!(self.origin, Origin::Curated { .. })
    }

    /// A curated answer that opens with a verdict ("Yes: it was…", "No, the
    /// talks…"): whether it says yes, and the rest of the answer.
    pub fn verdict(&self) -> Option<(bool, &str)> {
        if self.answer == self.quote {
            return None;
        }
        let first = self.answer.split(|c: char| !c.is_alphabetic()).next()?;
        let yes = first.eq_ignore_ascii_case("yes");
        if !yes && !first.eq_ignore_ascii_case("no") {
            return None;
        }
        let rest = self.answer[first.len()..].trim_start_matches(|c: char| !c.is_alphanumeric());
        Some((yes, rest))
    }
}

/// Everything loaded from a knowledge directory.
#[derive(Debug, Clone, Default)]
pub struct KnowledgeBase {
    pub dir: PathBuf,
    pub sources: Vec<Source>,
    pub claims: Vec<Claim>,
    pub lexicon: Lexicon,
    /// Things worth a moderator's look that do not stop loading.
    pub warnings: Vec<String>,
}

impl KnowledgeBase {
    /// Loads and validates every file of `dir`.
    pub fn load(dir: &Path) -> Result<KnowledgeBase, KnowledgeError> {
        files::load_dir(dir)
    }

    pub fn source_of(&self, claim: &Claim) -> &Source {
        &self.sources[claim.source]
    }

    /// How many alternate phrasings all claims have together.
    pub fn phrasing_count(&self) -> usize {
        self.claims.iter().map(|c| c.questions.len()).sum()
    }
}

/// Whether `id` is a valid claim id: lower-case letters, digits and dashes.
pub fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !id.starts_with('-')
}

/// The most alternate phrasings a claim may have: enough for every way
/// members ask one thing, few enough that one claim cannot swell the index.
pub const MAX_PHRASINGS: usize = 100;

/// The 1-based line of byte `offset` in `text`.
pub fn line_of(text: &str, offset: usize) -> usize {
    Lines::new(text).line_of(offset)
}

/// Line numbers of a text's byte offsets, the line starts counted once.
pub struct Lines {
    /// Byte offset of each newline.
    newlines: Vec<usize>,
}

impl Lines {
    pub fn new(text: &str) -> Lines {
        Lines {
            newlines: text
                .bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i)
                .collect(),
        }
    }

    /// The 1-based line of a byte offset.
    pub fn line_of(&self, offset: usize) -> usize {
        self.newlines.partition_point(|&n| n < offset) + 1
    }
}
