//! `claimbot kb …`: knowledge-base edits for operators and scripts, through
//! the same [`Store`] methods, validation, locks and audit log as the
//! Discord `/kb` commands. Success prints one line saying what changed;
//! a refused edit changes nothing and says why.

use std::io::{self, BufRead, Read, Write};
use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};

use crate::knowledge::files::MAX_FILE_BYTES;
use crate::store::{
    Actor, AddedArticle, AuditEntry, ClaimPatch, EditError, Edited, NewClaim, RevertTarget, Store,
    ARTICLE_ACTION,
};

/// `claimbot kb` and its options.
#[derive(Debug, Args)]
pub struct KbArgs {
    /// Name recorded in the audit log (default: the $USER or $LOGNAME user).
    #[arg(long, global = true, value_name = "NAME")]
    pub by: Option<String>,
    #[command(subcommand)]
    pub command: KbCommand,
}

#[derive(Debug, Subcommand)]
pub enum KbCommand {
    /// Add a claim: a short answer resting on a verbatim quote of a source.
    Add {
        /// Source id: the article's file name without extension.
        #[arg(long)]
        source: String,
        /// New claim id: lower-case letters, digits, dashes.
        #[arg(long)]
        id: String,
        /// Short answer in plain words.
        #[arg(long)]
        answer: String,
        /// Quote, verbatim from the source.
        #[arg(long)]
        quote: String,
        /// A question readers would ask (repeat for more).
        #[arg(long = "question", value_name = "QUESTION")]
        questions: Vec<String>,
    },
    /// Change a claim's answer, quote or questions.
    Edit {
        id: String,
        /// New short answer.
        #[arg(long)]
        answer: Option<String>,
        /// New quote, verbatim from the source.
        #[arg(long)]
        quote: Option<String>,
        /// New questions, replacing them all (repeat for more).
        #[arg(
            long = "question",
            value_name = "QUESTION",
            conflicts_with = "clear_questions"
        )]
        questions: Vec<String>,
        /// Remove all the claim's questions.
        #[arg(long)]
        clear_questions: bool,
    },
    /// Remove a claim (the audit log keeps its text).
    Remove { id: String },
    /// Add an alternate phrasing of the question a claim answers.
    Alias { id: String, phrasing: String },
    /// Undo an audited edit: the latest, the N-th latest (as numbered by
    /// `kb history`), or the one at a given time.
    Revert {
        /// 1 is the latest edit.
        #[arg(conflicts_with = "entry")]
        n: Option<usize>,
        /// The `at` time of the entry, as `kb history --json` prints it.
        #[arg(long, value_name = "AT")]
        entry: Option<String>,
    },
    /// The audit log of edits, newest first, numbered for `kb revert`.
    History {
        #[arg(long, default_value_t = 20)]
        limit: usize,
        /// One JSON object per entry.
        #[arg(long)]
        json: bool,
    },
    /// Add an article (.txt or .md) as a file dropped into the knowledge
    /// directory would be, under a safe name derived from its own; a name
    /// already taken is refused, never replaced.
    Article {
        /// The article file.
        file: PathBuf,
    },
    /// Add claims from standard input, one JSON object a line
    /// ({"source", "id", "answer", "quote", "questions"}); each is its own
    /// audited edit, and the first refused line stops the import.
    Import,
}

/// Why a `kb` command did nothing (more).
#[derive(Debug, thiserror::Error)]
pub enum KbError {
    /// The edit was refused; nothing changed.
    #[error(transparent)]
    Refused(#[from] EditError),
    /// A line of `kb import` was refused; the lines before it are applied.
    #[error("standard input line {line}: {reason}")]
    Line { line: usize, reason: String },
    #[error(transparent)]
    Io(#[from] io::Error),
}

impl KbError {
    /// Whether the user can fix it by changing the command or its input.
    pub fn is_usage(&self) -> bool {
        !matches!(self, KbError::Io(_))
    }
}

/// The actor of a command-line edit: `--by NAME`, or else the user the
/// process runs as; id 0 marks the command line.
pub fn actor(by: Option<String>) -> Actor {
    let name = by
        .or_else(|| std::env::var("USER").ok())
        .or_else(|| std::env::var("LOGNAME").ok())
        .map(|n| n.trim().to_string())
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| "unknown".to_string());
    Actor { id: 0, name }
}

/// Runs one `kb` command, printing what changed to `out` and warnings to
/// `err`.
pub fn run(
    store: &Store,
    actor: &Actor,
    command: KbCommand,
    input: impl BufRead,
    out: &mut impl Write,
    err: &mut impl Write,
) -> Result<(), KbError> {
    let edited = match command {
        KbCommand::Add {
            source,
            id,
            answer,
            quote,
            questions,
        } => store.add_claim(
            actor,
            NewClaim {
                source,
                id,
                answer,
                quote,
                questions,
            },
        )?,
        KbCommand::Edit {
            id,
            answer,
            quote,
            questions,
            clear_questions,
        } => {
            let questions = (clear_questions || !questions.is_empty()).then_some(questions);
            store.edit_claim(
                actor,
                &id,
                ClaimPatch {
                    answer,
                    quote,
                    questions,
                },
            )?
        }
        KbCommand::Remove { id } => store.remove_claim(actor, &id)?,
        KbCommand::Alias { id, phrasing } => store.add_alias(actor, &id, &phrasing)?,
        KbCommand::Revert { n, entry } => {
            let target = match entry {
                Some(at) => RevertTarget::At(at),
                None => RevertTarget::Latest(n.unwrap_or(1)),
            };
            store.revert(actor, &target)?
        }
        KbCommand::History { limit, json } => {
            for (n, entry) in store.history(limit)?.iter().enumerate() {
                if json {
                    writeln!(out, "{}", serde_json::to_string(entry).unwrap_or_default())?;
                } else {
                    writeln!(out, "{}", history_line(n + 1, entry))?;
                }
            }
            return Ok(());
        }
        KbCommand::Import => return import(store, actor, input, out, err),
        KbCommand::Article { file } => {
            let added = add_article(store, actor, &file)?;
            writeln!(out, "{}", article_line(&added))?;
            out.flush()?;
            return report_warnings(&added.edited, &added.warnings, err);
        }
    };
    report(&edited, out, err)
}

fn import(
    store: &Store,
    actor: &Actor,
    input: impl BufRead,
    out: &mut impl Write,
    err: &mut impl Write,
) -> Result<(), KbError> {
    for (n, line) in input.lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let refused = |reason: String| KbError::Line {
            line: n + 1,
            reason,
        };
        let claim: NewClaim = serde_json::from_str(&line).map_err(|e| refused(e.to_string()))?;
        let edited = store
            .add_claim(actor, claim)
            .map_err(|e| refused(e.to_string()))?;
        report(&edited, out, err)?;
    }
    Ok(())
}

/// One line saying what changed, and the warning of an edit applied whose
/// audit line is still to be written.
fn report(edited: &Edited, out: &mut impl Write, err: &mut impl Write) -> Result<(), KbError> {
    writeln!(out, "{}", done_line(&edited.entry))?;
    out.flush()?;
    report_warnings(edited, &[], err)
}

fn report_warnings(
    edited: &Edited,
    warnings: &[String],
    err: &mut impl Write,
) -> Result<(), KbError> {
    for warning in warnings.iter().chain(&edited.warning) {
        writeln!(err, "claimbot: warning: {warning}")?;
    }
    Ok(())
}

/// Reads the article at `path` (no more of it than a knowledge file may
/// have, so that the size is refused with the loader's reason) and adds it
/// under its own file name.
fn add_article(store: &Store, actor: &Actor, path: &Path) -> Result<AddedArticle, KbError> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_FILE_BYTES as u64 + 1).read_to_end(&mut bytes))
        .map_err(|error| EditError::Io {
            path: path.to_path_buf(),
            error,
        })?;
    Ok(store.add_article(actor, &name, bytes)?)
}

/// What adding an article did, in one line.
fn article_line(added: &AddedArticle) -> String {
    format!(
        "added article {} as {}: \"{}\", {} sentences",
        added.source, added.file, added.title, added.sentences
    )
}

/// What an audited edit did, in one line.
pub fn done_line(entry: &AuditEntry) -> String {
    let claim = &entry.claim;
    let what = match (entry.before.is_some(), entry.after.is_some()) {
        _ if entry.action == ARTICLE_ACTION => format!("added article {claim}"),
        (false, true) => format!("added claim {claim}"),
        (true, false) => format!("removed claim {claim}"),
        _ if entry.action == "alias" => format!("added a phrasing to claim {claim}"),
        _ => format!("edited claim {claim}"),
    };
    match &entry.reverts {
        Some(at) => format!("reverted the edit at {at}: {what}"),
        None => what,
    }
}

fn history_line(n: usize, e: &AuditEntry) -> String {
    let reverts = e
        .reverts
        .as_deref()
        .map(|at| format!(" (undoing {at})"))
        .unwrap_or_default();
    format!(
        "{n:>3}  {}  {}  {} {}{reverts}",
        e.at, e.actor.name, e.action, e.claim
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(action: &str, before: bool, after: bool) -> AuditEntry {
        let claim = serde_json::json!({ "id": "x" });
        AuditEntry {
            at: "2026-11-26T00:00:00+00:00".into(),
            actor: Actor {
                id: 0,
                name: "ops".into(),
            },
            action: action.into(),
            claim: "x".into(),
            before: before.then(|| claim.clone()),
            after: after.then_some(claim),
            reverts: None,
        }
    }

    #[test]
    fn each_edit_is_reported_in_one_line_naming_the_claim() {
        let cases = [
            (entry("add", false, true), "added claim x"),
            (entry("remove", true, false), "removed claim x"),
            (entry("edit", true, true), "edited claim x"),
            (entry("alias", true, true), "added a phrasing to claim x"),
        ];
        for (entry, line) in cases {
            assert_eq!(done_line(&entry), line);
        }
        let mut revert = entry("revert", true, false);
        revert.reverts = Some("2026-11-25T00:00:00+00:00".into());
        assert_eq!(
            done_line(&revert),
            "reverted the edit at 2026-11-25T00:00:00+00:00: removed claim x"
        );
    }

    #[test]
    fn the_actor_is_named_by_the_flag_before_the_environment() {
        assert_eq!(actor(Some(" ops ".into())).name, "ops");
        assert_eq!(actor(Some("ops".into())).id, 0);
    }
}
