//! Questions the bot could not answer, kept for moderators to turn into
//! claims or phrasings.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Mutex;

use serde::{Deserialize, Serialize};

/// The longest question kept, in characters.
const MAX_QUESTION: usize = 500;

/// An append-only JSON-lines log of unanswered questions.
#[derive(Debug)]
pub struct UnansweredLog {
    path: PathBuf,
    /// Appends from several tasks stay whole lines.
    writing: Mutex<()>,
}

/// A question asked and not answered, with how often.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Unanswered {
    pub question: String,
    pub count: u32,
    /// RFC 3339 time it was last asked.
    pub last_asked: String,
}

#[derive(Serialize, Deserialize)]
struct Line {
    question: String,
    at: String,
}

impl UnansweredLog {
    pub fn new(path: PathBuf) -> UnansweredLog {
        UnansweredLog {
            path,
            writing: Mutex::new(()),
        }
    }

    /// Records a question (one JSON line; the file and its folder are
    /// created when missing).
    pub fn record(&self, question: &str) -> Result<(), std::io::Error> {
        let question: String = question.trim().chars().take(MAX_QUESTION).collect();
        if question.is_empty() {
            return Ok(());
        }
        let line = serde_json::to_string(&Line {
            question,
            at: chrono::Utc::now().to_rfc3339(),
        })
        .unwrap_or_default();
        let _guard = self.writing.lock().unwrap_or_else(|e| e.into_inner());
        super::append_line(&self.path, &line).map_err(|e| match e {
            super::EditError::Io { error, .. } => error,
            other => std::io::Error::other(other.to_string()),
        })
    }

    /// The most frequent unanswered questions (grouped case- and
    /// space-insensitively), most frequent first, then most recent.
    pub fn top(&self, limit: usize) -> Result<Vec<Unanswered>, std::io::Error> {
        let text = match std::fs::read_to_string(&self.path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(e),
        };
        let mut groups: HashMap<String, Unanswered> = HashMap::new();
        for line in text.lines() {
            let Ok(Line { question, at }) = serde_json::from_str::<Line>(line) else {
                continue;
            };
            let key = question
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase();
            let entry = groups.entry(key).or_insert_with(|| Unanswered {
                question: question.clone(),
                count: 0,
                last_asked: at.clone(),
            });
            entry.count += 1;
            if at >= entry.last_asked {
                entry.last_asked = at;
                entry.question = question;
            }
        }
        let mut out: Vec<Unanswered> = groups.into_values().collect();
        out.sort_by(|a, b| {
            b.count
                .cmp(&a.count)
                .then_with(|| b.last_asked.cmp(&a.last_asked))
        });
        out.truncate(limit);
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn most_frequent_first_grouped_loosely() {
        let dir = tempfile::tempdir().expect("temp dir");
        let log = UnansweredLog::new(dir.path().join("data/unanswered.jsonl"));
        for q in [
            "Who won?",
            "who  WON?",
            "What time is it?",
            "Who won?",
            "  ",
        ] {
            log.record(q).expect("record");
        }
        let top = log.top(10).expect("top");
        assert_eq!(top.len(), 2);
        assert_eq!((top[0].question.as_str(), top[0].count), ("Who won?", 3));
        assert_eq!(top[1].count, 1);
        assert!(log.top(1).expect("top").len() == 1);
    }

    #[test]
    fn a_missing_log_is_empty() {
        let log = UnansweredLog::new(PathBuf::from("/nonexistent/unanswered.jsonl"));
        assert!(log.top(5).expect("empty").is_empty());
    }
}
