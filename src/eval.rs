//! Scoring question sets exactly as `../shared/eval/score.py` scores them,
//! so that `cargo test` floors, the `eval` example and the scorer agree.
//!
//! A set is JSON lines. An item with `question` is asked: it passes when
//! `expect` is `answer` and the quote holds one of `evidence` (and the short
//! answer one of `answer_has`, when given), or when `expect` is `none` and
//! nothing is answered. An item with `statement` is verified: it passes when
//! the verdict matches and, unless `not_found`, the quote holds the evidence.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::verify::Verdict;
use crate::Engine;

/// One item of a question set.
#[derive(Debug, Clone, Deserialize)]
pub struct Item {
    pub id: String,
    #[serde(default)]
    pub question: Option<String>,
    #[serde(default)]
    pub statement: Option<String>,
    /// For questions: "answer" or "none".
    #[serde(default)]
    pub expect: Option<String>,
    /// For statements: "supported", "contradicted" or "not_found".
    #[serde(default)]
    pub verdict: Option<String>,
    #[serde(default)]
    pub evidence: Vec<String>,
    #[serde(default)]
    pub answer_has: Vec<String>,
    /// The author's label: "paraphrase", "trap", "typo"…
    #[serde(default)]
    pub kind: Option<String>,
}

impl Item {
    /// The group an item is counted in: "answer", "none", or a verdict.
    pub fn group(&self) -> &str {
        self.expect
            .as_deref()
            .or(self.verdict.as_deref())
            .unwrap_or("?")
    }
}

/// Reads a JSON-lines set; an error names the file and line.
pub fn read_set(path: &Path) -> Result<Vec<Item>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(n, l)| {
            let item: Item = serde_json::from_str(l)
                .map_err(|e| format!("{}:{}: {e}", path.display(), n + 1))?;
            if item.question.is_none() == item.statement.is_none() {
                return Err(format!(
                    "{}:{}: an item needs a question or a statement",
                    path.display(),
                    n + 1
                ));
            }
            Ok(item)
        })
        .collect()
}

/// Case-insensitive, with typographic quotes and dashes folded and runs of
/// white space collapsed, as the scorer compares.
pub fn norm(text: &str) -> String {
    let folded: String = text
        .chars()
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' => '\'',
            '\u{201C}' | '\u{201D}' => '"',
            '\u{2013}' | '\u{2014}' => '-',
            c => c,
        })
        .collect();
    folded
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn holds_any(text: Option<&str>, wanted: &[String]) -> bool {
    let text = norm(text.unwrap_or(""));
    wanted.iter().any(|w| text.contains(&norm(w)))
}

/// How one item fared.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub passed: bool,
    /// The verdict given, for verify items.
    pub verdict: Option<Verdict>,
    /// What the engine said, for a failure listing.
    pub got: String,
}

/// Runs one item against the engine.
pub fn run(engine: &Engine, item: &Item) -> Outcome {
    if let Some(q) = &item.question {
        let a = engine.ask(q);
        let passed = match item.group() {
            "none" => !a.answered,
            _ => {
                a.answered
                    && holds_any(a.quote.as_deref(), &item.evidence)
                    && (item.answer_has.is_empty()
                        || holds_any(a.answer.as_deref(), &item.answer_has))
            }
        };
        let got = match (&a.answer, &a.quote) {
            (Some(answer), Some(quote)) if a.answered => {
                format!("answered {answer:?} ({:.2}) from {quote:?}", a.confidence)
            }
            _ => format!("no answer ({:.2})", a.confidence),
        };
        return Outcome {
            passed,
            verdict: None,
            got,
        };
    }
    let statement = item.statement.as_deref().unwrap_or_default();
    let v = engine.verify(statement);
    let group = item.group();
    let passed = v.verdict.as_str() == group
        && (group == "not_found" || holds_any(v.quote.as_deref(), &item.evidence));
    Outcome {
        passed,
        verdict: Some(v.verdict),
        got: format!(
            "{} ({:.2}) {:?}: {}",
            v.verdict.as_str(),
            v.confidence,
            v.quote.unwrap_or_default(),
            v.explanation
        ),
    }
}

/// Passed and total per group, and how often each verdict given was right.
#[derive(Debug, Clone, Default)]
pub struct Tally {
    pub groups: BTreeMap<String, (usize, usize)>,
    /// Verdict given → (right, given).
    pub given: BTreeMap<&'static str, (usize, usize)>,
    /// Verdict given → how many times the statement was what it said,
    /// whichever claim it quoted.
    pub true_verdicts: BTreeMap<&'static str, usize>,
    pub failures: Vec<String>,
}

impl Tally {
    pub fn add(&mut self, item: &Item, outcome: &Outcome) {
        let entry = self.groups.entry(item.group().to_string()).or_default();
        entry.1 += 1;
        if outcome.passed {
            entry.0 += 1;
        } else {
            let text = item.question.as_ref().or(item.statement.as_ref());
            self.failures.push(format!(
                "{} {:?} [{}]: {}",
                item.id,
                text.map_or("", String::as_str),
                item.group(),
                outcome.got
            ));
        }
        if let Some(v) = outcome.verdict {
            let given = self.given.entry(v.as_str()).or_default();
            given.1 += 1;
            // Right verdict with the right quote, as the item is scored.
            if outcome.passed {
                given.0 += 1;
            }
            if v.as_str() == item.group() {
                *self.true_verdicts.entry(v.as_str()).or_default() += 1;
            }
        }
    }

    pub fn merge(&mut self, other: &Tally) {
        for (g, (p, t)) in &other.groups {
            let e = self.groups.entry(g.clone()).or_default();
            e.0 += p;
            e.1 += t;
        }
        for (g, (p, t)) in &other.given {
            let e = self.given.entry(g).or_default();
            e.0 += p;
            e.1 += t;
        }
        for (g, n) in &other.true_verdicts {
            *self.true_verdicts.entry(g).or_default() += n;
        }
        self.failures.extend(other.failures.iter().cloned());
    }

    /// Passed and total over some groups.
    pub fn of(&self, groups: &[&str]) -> (usize, usize) {
        groups
            .iter()
            .filter_map(|g| self.groups.get(*g))
            .fold((0, 0), |acc, t| (acc.0 + t.0, acc.1 + t.1))
    }

    /// The share passed over some groups; 1 when there are none.
    pub fn rate(&self, groups: &[&str]) -> f64 {
        let (p, t) = self.of(groups);
        if t == 0 {
            1.0
        } else {
            p as f64 / t as f64
        }
    }
}

/// The groups of each measure.
pub const ANSWERABLE: &[&str] = &["answer"];
pub const ABSTAIN: &[&str] = &["none"];
pub const VERDICTS: &[&str] = &["supported", "contradicted", "not_found"];

/// Scores a whole set.
pub fn score(engine: &Engine, items: &[Item]) -> Tally {
    let mut tally = Tally::default();
    for item in items {
        tally.add(item, &run(engine, item));
    }
    tally
}

/// Copies files, or every file of directories, into a knowledge directory
/// `into`: the bundled knowledge with an article dropped in beside it.
pub fn assemble(into: &Path, parts: &[PathBuf]) -> Result<(), String> {
    for path in parts {
        let files: Vec<PathBuf> = if path.is_dir() {
            std::fs::read_dir(path)
                .map_err(|e| format!("{}: {e}", path.display()))?
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.is_file())
                .collect()
        } else {
            vec![path.clone()]
        };
        for file in files {
            let name = file.file_name().ok_or("no file name")?;
            std::fs::copy(&file, into.join(name))
                .map_err(|e| format!("{}: {e}", file.display()))?;
        }
    }
    Ok(())
}
