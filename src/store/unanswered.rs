//! Questions the bot could not answer, kept for moderators to turn into
//! claims or phrasings.
//!
//! A member's question never waits on the disk: `record` hands the line to
//! a writer thread over a bounded channel (a full channel drops the line
//! and says so in the log), and the writer appends without an fsync per
//! line: losing the last few unanswered questions in a power cut is fine,
//! slowing every answer is not. The file stays bounded: past
//! [`MAX_LOG_BYTES`] the writer folds it into one line per question with
//! its count, the [`MAX_KEPT`] most asked kept; and a question a moderator
//! has dealt with ([`UnansweredLog::forget`]) is taken out of it.

use std::collections::HashMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender, TrySendError};
use std::sync::Mutex;
use std::time::Duration;

use serde::{Deserialize, Serialize};

/// The longest question kept, in characters.
const MAX_QUESTION: usize = 500;
/// Past this size the log is folded into counts.
pub const MAX_LOG_BYTES: u64 = 4 * 1024 * 1024;
/// The distinct questions a folded log keeps, most asked first.
pub const MAX_KEPT: usize = 5_000;
/// Lines waiting for the writer; more are dropped rather than waited for.
const QUEUE: usize = 4_096;
/// How long `top` waits for the lines recorded before it to be written.
const FLUSH_WAIT: Duration = Duration::from_secs(2);
/// How long `forget` waits for the writer to rewrite the file: a folded
/// log is read and written in milliseconds, so this is only a backstop.
const FORGET_WAIT: Duration = Duration::from_secs(10);

/// An append-only JSON-lines log of unanswered questions.
#[derive(Debug)]
pub struct UnansweredLog {
    path: PathBuf,
    /// To the writer thread; a std channel, so that recording from async
    /// code never blocks (`try_send`) and needs no runtime.
    queue: Mutex<SyncSender<Message>>,
}

enum Message {
    Line(String),
    /// Answered once every line sent before it is written.
    Flush(SyncSender<()>),
    /// Takes every line of the question with this [`question_key`] out of
    /// the file, once the lines sent before it are written; answered with
    /// how many.
    Forget(String, SyncSender<std::io::Result<usize>>),
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
    /// How many times: more than one only in a folded log.
    #[serde(default = "one", skip_serializing_if = "is_one")]
    count: u32,
}

fn one() -> u32 {
    1
}

fn is_one(n: &u32) -> bool {
    *n == 1
}

impl UnansweredLog {
    /// Starts the writer thread for the log at `path` (created, with its
    /// folder, on the first question).
    pub fn new(path: PathBuf) -> UnansweredLog {
        let (queue, lines) = sync_channel(QUEUE);
        let file = path.clone();
        let spawned = std::thread::Builder::new()
            .name("unanswered-log".into())
            .spawn(move || write_lines(&file, lines));
        if let Err(e) = spawned {
            tracing::warn!(error = %e, "no writer for the unanswered-question log");
        }
        UnansweredLog {
            path,
            queue: Mutex::new(queue),
        }
    }

    /// Records a question, without waiting for the disk.
    pub fn record(&self, question: &str) -> Result<(), std::io::Error> {
        let question: String = question.trim().chars().take(MAX_QUESTION).collect();
        if question.is_empty() {
            return Ok(());
        }
        let line = serde_json::to_string(&Line {
            question,
            at: chrono::Utc::now().to_rfc3339(),
            count: 1,
        })
        .unwrap_or_default();
        let queue = self.queue.lock().unwrap_or_else(|e| e.into_inner());
        match queue.try_send(Message::Line(line)) {
            Ok(()) => Ok(()),
            Err(TrySendError::Full(_)) => Err(std::io::Error::other(
                "the unanswered-question log is behind; question dropped",
            )),
            Err(TrySendError::Disconnected(_)) => Err(std::io::Error::other(
                "the unanswered-question log's writer has stopped",
            )),
        }
    }

    /// Waits (a bounded time) until every question recorded so far is on
    /// disk.
    fn flush(&self) {
        let (done, wait) = sync_channel(1);
        let sent = {
            let queue = self.queue.lock().unwrap_or_else(|e| e.into_inner());
            queue.send(Message::Flush(done)).is_ok()
        };
        if sent {
            let _ = wait.recv_timeout(FLUSH_WAIT);
        }
    }

    /// The most frequent unanswered questions (grouped case- and
    /// space-insensitively), most frequent first, then most recent. Reads
    /// the file: call it off the async runtime.
    pub fn top(&self, limit: usize) -> Result<Vec<Unanswered>, std::io::Error> {
        self.flush();
        let mut out = read_groups(&self.path)?;
        out.truncate(limit);
        Ok(out)
    }

    /// Takes a question (every spelling of it that [`question_key`] groups
    /// together) out of the log for good, once a moderator has dealt with
    /// it; asked again later, it comes back with a new count. Returns how
    /// many lines went. The writer rewrites the file, so that no question
    /// recorded meanwhile is lost; this waits for it: call it off the async
    /// runtime.
    pub fn forget(&self, question: &str) -> Result<usize, std::io::Error> {
        let (done, wait) = sync_channel(1);
        let sent = {
            let queue = self.queue.lock().unwrap_or_else(|e| e.into_inner());
            queue.send(Message::Forget(question_key(question), done))
        };
        if sent.is_err() {
            return Err(std::io::Error::other(
                "the unanswered-question log's writer has stopped",
            ));
        }
        wait.recv_timeout(FORGET_WAIT).unwrap_or_else(|_| {
            Err(std::io::Error::other(
                "the unanswered-question log's writer did not answer in time",
            ))
        })
    }
}

/// What groups the spellings of one question: case and runs of white
/// space do not matter.
pub fn question_key(question: &str) -> String {
    question
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Every question of the log, grouped, most asked first.
fn read_groups(path: &Path) -> Result<Vec<Unanswered>, std::io::Error> {
    let text = match fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e),
    };
    let mut groups: HashMap<String, Unanswered> = HashMap::new();
    for line in text.lines() {
        let Ok(Line {
            question,
            at,
            count,
        }) = serde_json::from_str::<Line>(line)
        else {
            continue;
        };
        let entry = groups
            .entry(question_key(&question))
            .or_insert_with(|| Unanswered {
                question: question.clone(),
                count: 0,
                last_asked: at.clone(),
            });
        entry.count = entry.count.saturating_add(count);
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
    Ok(out)
}

/// The writer thread: appends what arrives, a batch at a time, folds the
/// file when it grows past [`MAX_LOG_BYTES`], and takes questions out of
/// it in the order asked. The file is opened per batch, so a log folded by
/// another process is never written through a stale handle.
fn write_lines(path: &Path, lines: Receiver<Message>) {
    while let Ok(first) = lines.recv() {
        let mut text = String::new();
        let mut flushed = Vec::new();
        for message in std::iter::once(first).chain(lines.try_iter()) {
            match message {
                Message::Line(line) => {
                    text.push_str(&line);
                    text.push('\n');
                }
                Message::Flush(done) => flushed.push(done),
                Message::Forget(key, done) => {
                    // The lines before it first: they may be this question.
                    write_out(path, &mut text);
                    let _ = done.send(without(path, &key));
                }
            }
        }
        write_out(path, &mut text);
        for done in flushed {
            let _ = done.send(());
        }
    }
}

/// Appends the lines gathered in `text` (emptied), folding the file past
/// [`MAX_LOG_BYTES`].
fn write_out(path: &Path, text: &mut String) {
    if text.is_empty() {
        return;
    }
    if let Err(e) = append(path, text) {
        tracing::warn!(error = %e, path = %path.display(), "could not record unanswered questions");
    }
    text.clear();
    if fs::metadata(path).is_ok_and(|m| m.len() > MAX_LOG_BYTES) {
        if let Err(e) = fold(path) {
            tracing::warn!(error = %e, path = %path.display(), "could not fold the unanswered-question log");
        }
    }
}

/// Rewrites the log without the lines of the question with this
/// [`question_key`]; lines it cannot read are kept as they are.
fn without(path: &Path, key: &str) -> Result<usize, std::io::Error> {
    let text = match fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(0),
        Err(e) => return Err(e),
    };
    let mut kept = String::with_capacity(text.len());
    let mut gone = 0;
    for line in text.lines() {
        match serde_json::from_str::<Line>(line) {
            Ok(l) if question_key(&l.question) == key => gone += 1,
            _ => {
                kept.push_str(line);
                kept.push('\n');
            }
        }
    }
    if gone > 0 {
        super::replace_file(path, &kept)?;
    }
    Ok(gone)
}

fn append(path: &Path, text: &str) -> Result<(), std::io::Error> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)?;
    }
    let mut file = fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)?;
    file.write_all(text.as_bytes())
}

/// Rewrites the log as one line per question with its count, the most
/// asked [`MAX_KEPT`] kept.
fn fold(path: &Path) -> Result<(), std::io::Error> {
    let mut groups = read_groups(path)?;
    groups.truncate(MAX_KEPT);
    let mut text = String::new();
    for g in groups {
        let line = Line {
            question: g.question,
            at: g.last_asked,
            count: g.count,
        };
        text.push_str(&serde_json::to_string(&line).unwrap_or_default());
        text.push('\n');
    }
    super::replace_file(path, &text)
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
    fn a_forgotten_question_leaves_the_log_and_comes_back_only_if_asked_again() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("unanswered.jsonl");
        let log = UnansweredLog::new(path.clone());
        for q in ["Who won?", "who  WON?", "What time is it?"] {
            log.record(q).expect("record");
        }
        assert_eq!(log.forget("WHO WON?").expect("forget"), 2);
        let left: Vec<String> = log
            .top(10)
            .expect("top")
            .into_iter()
            .map(|u| u.question)
            .collect();
        assert_eq!(left, ["What time is it?"]);
        let reopened = UnansweredLog::new(path);
        assert_eq!(reopened.top(10).expect("top").len(), 1, "for good: on disk");
        reopened.record("Who won?").expect("record");
        let top = reopened.top(10).expect("top");
        assert_eq!((top[0].question.as_str(), top[0].count), ("Who won?", 1));
        assert_eq!(reopened.forget("nobody asked this").expect("forget"), 0);
    }

    #[test]
    fn a_missing_log_is_empty() {
        let log = UnansweredLog::new(PathBuf::from("/nonexistent/unanswered.jsonl"));
        assert!(log.top(5).expect("empty").is_empty());
    }

    #[test]
    fn the_log_stays_bounded_and_keeps_the_counts() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("unanswered.jsonl");
        let log = UnansweredLog::new(path.clone());
        // Far more than the file may hold: 20,000 distinct questions of
        // about 480 bytes each, and one asked in between all along.
        let padding = "x".repeat(400);
        for i in 0..20_000 {
            while log.record(&format!("question {i} {padding}")).is_err() {
                log.flush();
            }
            if i % 10 == 0 {
                while log.record("Who paid for the bridge?").is_err() {
                    log.flush();
                }
            }
        }
        let top = log.top(3).expect("top");
        let size = fs::metadata(&path).expect("log").len();
        assert!(size <= MAX_LOG_BYTES + 64 * 1024, "{size} bytes");
        assert_eq!(top[0].question, "Who paid for the bridge?");
        assert_eq!(top[0].count, 2_000);
    }

    #[test]
    fn recording_never_waits_for_the_disk() {
        let dir = tempfile::tempdir().expect("temp dir");
        let log = UnansweredLog::new(dir.path().join("unanswered.jsonl"));
        let started = std::time::Instant::now();
        for i in 0..1_000 {
            let _ = log.record(&format!("question {i}"));
        }
        assert!(started.elapsed() < Duration::from_millis(500));
        assert_eq!(log.top(2_000).expect("top").len(), 1_000);
    }
}
