//! Moderator edits and the live engine.
//!
//! STUB: signatures agreed between the engine and the Discord layer; the
//! bodies are being written (see helper task). Every edit: take the lock →
//! read the claims file fresh → change it with toml_edit (comments and
//! layout kept) → validate by building the knowledge base in memory (the
//! quote must be verbatim in its source) → write atomically (temp file,
//! fsync, rename, fsync dir) → append to `audit.jsonl` → build the new
//! engine and swap it in → release the lock. Readers never wait: they load
//! the current `Arc<Engine>` from an `ArcSwap`.

use std::path::PathBuf;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::answer::Thresholds;
use crate::engine::{Engine, Summary};
use crate::knowledge::KnowledgeError;

/// Who made an edit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actor {
    /// Discord user id, or 0 for the command line.
    pub id: u64,
    pub name: String,
}

/// A claim to add.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewClaim {
    /// Source id (the article's file stem, e.g. "prisoner-exchange").
    pub source: String,
    pub id: String,
    pub answer: String,
    pub quote: String,
    #[serde(default)]
    pub questions: Vec<String>,
}

/// Changes to a claim; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ClaimPatch {
    pub answer: Option<String>,
    pub quote: Option<String>,
    pub questions: Option<Vec<String>>,
}

/// One line of the audit log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditEntry {
    /// RFC 3339 time of the edit.
    pub at: String,
    pub actor: Actor,
    /// "add", "edit", "remove", "alias".
    pub action: String,
    pub claim: String,
    /// The claim before and after, as TOML-like JSON; `None` for add/remove.
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
}

/// Why an edit was refused; nothing was written.
#[derive(Debug, thiserror::Error)]
pub enum EditError {
    #[error("{0}")]
    Invalid(String),
    #[error("no claim with id {0:?}")]
    NoSuchClaim(String),
    #[error("no source {0:?}")]
    NoSuchSource(String),
    #[error(transparent)]
    Knowledge(#[from] KnowledgeError),
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// The live knowledge base: the current engine and the files behind it.
pub struct Store {
    _dir: PathBuf,
    _thresholds: Thresholds,
}

impl Store {
    /// Loads the knowledge directory.
    pub fn open(_dir: PathBuf, _thresholds: Thresholds) -> Result<Store, KnowledgeError> {
        unimplemented!("store: being written")
    }

    /// The current engine; cheap, never blocks on an edit or reload.
    pub fn engine(&self) -> Arc<Engine> {
        unimplemented!()
    }

    /// Reloads from disk; on error the last good engine stays in service.
    pub fn reload(&self) -> Result<Summary, KnowledgeError> {
        unimplemented!()
    }

    pub fn add_claim(&self, _actor: &Actor, _claim: NewClaim) -> Result<Arc<Engine>, EditError> {
        unimplemented!()
    }

    pub fn edit_claim(
        &self,
        _actor: &Actor,
        _id: &str,
        _patch: ClaimPatch,
    ) -> Result<Arc<Engine>, EditError> {
        unimplemented!()
    }

    pub fn remove_claim(&self, _actor: &Actor, _id: &str) -> Result<Arc<Engine>, EditError> {
        unimplemented!()
    }

    /// Adds an alternate phrasing to a claim.
    pub fn add_alias(
        &self,
        _actor: &Actor,
        _id: &str,
        _phrasing: &str,
    ) -> Result<Arc<Engine>, EditError> {
        unimplemented!()
    }

    /// The most recent audit entries, newest first.
    pub fn history(&self, _limit: usize) -> Result<Vec<AuditEntry>, EditError> {
        unimplemented!()
    }
}

/// Questions the bot could not answer, kept for moderators.
pub struct UnansweredLog {
    _path: PathBuf,
}

/// A question asked and not answered, with how often.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Unanswered {
    pub question: String,
    pub count: u32,
    /// RFC 3339 time it was last asked.
    pub last_asked: String,
}

impl UnansweredLog {
    pub fn new(path: PathBuf) -> UnansweredLog {
        UnansweredLog { _path: path }
    }

    /// Records a question (appended as one JSON line; the file and its
    /// folder are created when missing).
    pub fn record(&self, _question: &str) -> Result<(), std::io::Error> {
        unimplemented!()
    }

    /// The most frequent unanswered questions (grouped case- and
    /// space-insensitively), most frequent first, then most recent.
    pub fn top(&self, _limit: usize) -> Result<Vec<Unanswered>, std::io::Error> {
        unimplemented!()
    }
}
