//! Members' feedback on answers and verdicts: the "Helpful" and "Wrong"
//! buttons under them, kept one JSON object a line in `feedback.jsonl`
//! beside the unanswered log, for moderators to read. Only the member's
//! id is kept, never their name or anything else they wrote. A "Wrong"
//! waits in the moderators' review queue (see [`super::review`]) until a
//! moderator resolves it; its line then says when.

use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::{Deserialize, Serialize};

/// What a member said of an answer or a verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Choice {
    Helpful,
    Wrong,
}

impl Choice {
    fn as_str(self) -> &'static str {
        match self {
            Choice::Helpful => "helpful",
            Choice::Wrong => "wrong",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Choice::Helpful => "Helpful",
            Choice::Wrong => "Wrong",
        }
    }
}

/// One line of the feedback log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Feedback {
    /// The question, or the verdict and statement, as the reply's title showed it.
    pub question: String,
    /// The claim the answer or verdict rested on, if any.
    pub claim: Option<String>,
    pub member: u64,
    pub choice: Choice,
    /// RFC 3339.
    pub at: String,
    /// RFC 3339 time a moderator dealt with this "Wrong" in the review
    /// queue; absent until then.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolved: Option<String>,
}

/// What starts the custom id of a feedback button; then the choice, `:`
/// and the claim id (empty when the verdict rests on none).
const PREFIX: &str = "feedback:";
/// Discord's limit on a custom id, in characters.
const CUSTOM_ID: usize = 100;

/// The two buttons, `(custom id, label)`, for a reply resting on `claim`.
/// None when the claim's id would not fit a custom id.
pub fn buttons(claim: Option<&str>) -> Vec<(String, String)> {
    [Choice::Helpful, Choice::Wrong]
        .into_iter()
        .map(|c| {
            let id = format!("{PREFIX}{}:{}", c.as_str(), claim.unwrap_or(""));
            (id, c.label().to_string())
        })
        .filter(|(id, _)| id.chars().count() <= CUSTOM_ID)
        .collect()
}

/// The choice and claim id (empty: none) a pressed button carries, if it
/// is a feedback button.
pub fn parse(custom_id: &str) -> Option<(Choice, &str)> {
    let (choice, claim) = custom_id.strip_prefix(PREFIX)?.split_once(':')?;
    let choice = match choice {
        "helpful" => Choice::Helpful,
        "wrong" => Choice::Wrong,
        _ => return None,
    };
    Some((choice, claim))
}

/// Past this size the file is moved to `feedback.jsonl.1` (replacing the
/// one before) and a new one started: a member pressing buttons all day
/// cannot fill the disk.
pub const MAX_BYTES: u64 = 4 * 1024 * 1024;
/// Presses remembered to drop repeats; past this many, forgotten at once.
const REMEMBERED: usize = 100_000;

/// The feedback file.
#[derive(Debug)]
pub struct FeedbackLog {
    path: PathBuf,
    /// One appender at a time, so that lines never interleave, and the
    /// presses already recorded (member, claim, question, choice): pressing
    /// the same button again records nothing. A std mutex: held for one
    /// write, on a blocking thread, never across an `.await`.
    writing: Mutex<HashSet<Press>>,
}

/// A button pressed: member, claim, question, choice.
type Press = (u64, Option<String>, String, Choice);

impl FeedbackLog {
    /// `feedback.jsonl` in the directory of the unanswered log.
    pub fn beside(unanswered_log: &Path) -> FeedbackLog {
        FeedbackLog {
            path: unanswered_log.with_file_name("feedback.jsonl"),
            writing: Mutex::new(HashSet::new()),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Appends one line, unless the member already pressed this button on
    /// this reply. It writes a file: call it off the async threads
    /// ([`super::Data::off_runtime`]).
    pub fn record(&self, feedback: &Feedback) -> std::io::Result<()> {
        let mut line = serde_json::to_string(feedback)?;
        line.push('\n');
        let mut seen = self.writing.lock().unwrap_or_else(|e| e.into_inner());
        if seen.len() >= REMEMBERED {
            seen.clear();
        }
        let press = (
            feedback.member,
            feedback.claim.clone(),
            feedback.question.clone(),
            feedback.choice,
        );
        if !seen.insert(press) {
            return Ok(());
        }
        if let Some(dir) = self.path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
        if std::fs::metadata(&self.path).is_ok_and(|m| m.len() > MAX_BYTES) {
            let mut old = self.path.clone().into_os_string();
            old.push(".1");
            std::fs::rename(&self.path, old)?;
        }
        let mut file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.path)?;
        file.write_all(line.as_bytes())
    }

    /// The two files, the older first.
    fn files(&self) -> [PathBuf; 2] {
        let mut old = self.path.clone().into_os_string();
        old.push(".1");
        [PathBuf::from(old), self.path.clone()]
    }

    /// The "Wrong" presses no moderator has resolved yet, oldest first,
    /// from both files. Reads them: call it off the async threads.
    pub fn open_wrongs(&self) -> std::io::Result<Vec<Feedback>> {
        let mut out = Vec::new();
        for path in self.files() {
            let text = match std::fs::read_to_string(&path) {
                Ok(t) => t,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                Err(e) => return Err(e),
            };
            out.extend(
                text.lines()
                    .filter_map(|l| serde_json::from_str::<Feedback>(l).ok())
                    .filter(|f| f.choice == Choice::Wrong && f.resolved.is_none()),
            );
        }
        Ok(out)
    }

    /// Marks every open "Wrong" that `matches` as resolved at `at`, in both
    /// files, and returns how many. A file is rewritten whole (atomically)
    /// under the appender's lock, so no press is lost meanwhile, and grows
    /// by a time stamp a line at most: the size bound of [`MAX_BYTES`]
    /// holds. Call it off the async threads.
    pub fn resolve(&self, matches: impl Fn(&Feedback) -> bool, at: &str) -> std::io::Result<usize> {
        let _writing = self.writing.lock().unwrap_or_else(|e| e.into_inner());
        let mut resolved = 0;
        for path in self.files() {
            let text = match std::fs::read_to_string(&path) {
                Ok(t) => t,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                Err(e) => return Err(e),
            };
            let mut out = String::with_capacity(text.len());
            let mut changed = 0;
            for line in text.lines() {
                match serde_json::from_str::<Feedback>(line) {
                    Ok(mut f)
                        if f.choice == Choice::Wrong && f.resolved.is_none() && matches(&f) =>
                    {
                        f.resolved = Some(at.to_string());
                        out.push_str(&serde_json::to_string(&f)?);
                        changed += 1;
                    }
                    // Other lines, and lines it cannot read, as they were.
                    _ => out.push_str(line),
                }
                out.push('\n');
            }
            if changed > 0 {
                crate::store::replace_file(&path, &out)?;
                resolved += changed;
            }
        }
        Ok(resolved)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_button_carries_the_choice_and_the_claim() {
        let ids: Vec<String> = buttons(Some("civilians-per-side"))
            .into_iter()
            .map(|(id, _)| id)
            .collect();
        assert_eq!(
            ids,
            [
                "feedback:helpful:civilians-per-side",
                "feedback:wrong:civilians-per-side"
            ]
        );
        assert_eq!(parse(&ids[1]), Some((Choice::Wrong, "civilians-per-side")));
        assert_eq!(parse("feedback:helpful:"), Some((Choice::Helpful, "")));
        assert_eq!(parse("feedback:great:x"), None);
        assert_eq!(parse("claim:x"), None);
        assert!(buttons(Some(&"x".repeat(100))).is_empty());
    }

    #[test]
    fn each_choice_is_one_line_beside_the_unanswered_log() {
        let dir = tempfile::tempdir().expect("temp dir");
        let log = FeedbackLog::beside(&dir.path().join("unanswered.jsonl"));
        let f = Feedback {
            question: "q".into(),
            claim: Some("c".into()),
            member: 7,
            choice: Choice::Helpful,
            at: "2026-01-01T00:00:00+00:00".into(),
            resolved: None,
        };
        log.record(&f).expect("written");
        // The same button pressed again: nothing more. A change of mind is
        // recorded.
        log.record(&f).expect("written");
        let changed = Feedback {
            choice: Choice::Wrong,
            ..f.clone()
        };
        log.record(&changed).expect("written");
        let text = std::fs::read_to_string(dir.path().join("feedback.jsonl")).expect("read");
        let lines: Vec<Feedback> = text
            .lines()
            .map(|l| serde_json::from_str(l).expect("json"))
            .collect();
        assert_eq!(lines, vec![f, changed]);
    }

    #[test]
    fn a_resolved_wrong_stays_on_record_and_leaves_the_open_ones() {
        let dir = tempfile::tempdir().expect("temp dir");
        let log = FeedbackLog::beside(&dir.path().join("unanswered.jsonl"));
        let press = |member: u64, claim: &str, choice: Choice| Feedback {
            question: "q".into(),
            claim: Some(claim.into()),
            member,
            choice,
            at: "2026-01-01T00:00:00+00:00".into(),
            resolved: None,
        };
        for f in [
            press(1, "a", Choice::Wrong),
            press(2, "a", Choice::Wrong),
            press(3, "a", Choice::Helpful),
            press(4, "b", Choice::Wrong),
        ] {
            log.record(&f).expect("written");
        }
        // An older file moved aside is read and resolved too.
        let old = dir.path().join("feedback.jsonl.1");
        let line = serde_json::to_string(&press(5, "a", Choice::Wrong)).expect("json");
        std::fs::write(&old, format!("{line}\nnot json\n")).expect("write");
        assert_eq!(log.open_wrongs().expect("read").len(), 4);

        let at = "2026-02-01T00:00:00+00:00";
        let n = log
            .resolve(|f| f.claim.as_deref() == Some("a"), at)
            .expect("resolved");
        assert_eq!(n, 3);
        let open: Vec<u64> = log
            .open_wrongs()
            .expect("read")
            .iter()
            .map(|f| f.member)
            .collect();
        assert_eq!(open, [4]);
        let text = std::fs::read_to_string(log.path()).expect("read");
        assert_eq!(text.lines().count(), 4, "kept on record: {text}");
        assert_eq!(text.matches(at).count(), 2, "{text}");
        assert!(std::fs::read_to_string(&old)
            .expect("read")
            .contains("not json"));
    }

    #[test]
    fn the_file_stays_bounded_however_often_members_press() {
        let dir = tempfile::tempdir().expect("temp dir");
        let log = FeedbackLog::beside(&dir.path().join("unanswered.jsonl"));
        let question = "q".repeat(2_000);
        for member in 0..6_000 {
            let f = Feedback {
                question: question.clone(),
                claim: Some("c".into()),
                member,
                choice: Choice::Wrong,
                at: "2026-01-01T00:00:00+00:00".into(),
                resolved: None,
            };
            log.record(&f).expect("written");
        }
        let size = |name: &str| std::fs::metadata(dir.path().join(name)).map_or(0, |m| m.len());
        assert!(size("feedback.jsonl") <= MAX_BYTES + 4_096);
        assert!(size("feedback.jsonl.1") <= MAX_BYTES + 4_096);
        assert!(size("feedback.jsonl.1") > 0, "the older lines moved aside");
    }
}
