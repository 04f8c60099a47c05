//! Moderator edits and the live engine.
//!
//! Every edit, from Discord or the command line alike: take the in-process
//! mutex and the advisory lock `knowledge/.lock` (other processes edit too)
//! → settle an edit a crash interrupted → read the files fresh → change the
//! claims file with toml_edit (comments and layout kept) → validate by
//! building the knowledge base in memory from exactly the files that will
//! be on disk (the quote must be verbatim in its source) → write the intent
//! record → write the claims file atomically → append to `audit.jsonl` →
//! remove the intent → build the new engine and swap it in → release the
//! locks. Readers never wait: they load the current `Arc<Engine>` from an
//! `ArcSwap`. `store/durable.rs` says why no edit is ever lost or misreported.
//! An article added (`store/article.rs`) goes the same way, the new article
//! written in place of a claims file.

mod article;
mod durable;
mod unanswered;
pub mod watch;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use arc_swap::ArcSwap;
use serde::{Deserialize, Serialize};
use serde_json::json;
use toml_edit::{value, Array, ArrayOfTables, DocumentMut, Item, Table};

use crate::answer::Thresholds;
use crate::engine::{Engine, Summary};
use crate::knowledge::files::{kind_of, Contents, FileKind};
use crate::knowledge::{valid_id, Claim, KnowledgeBase, KnowledgeError};
pub use article::{article_file_name, AddedArticle, ARTICLE_ACTION};
pub(crate) use durable::{append_line, replace_file};
use durable::{audit_entries, audit_line, DirLock, Intent, Settled};
pub use durable::{fnv1a64, write_atomically, INTENT_FILE, LOCK_FILE};
pub use unanswered::{question_key, Unanswered, UnansweredLog};

/// The audit log's file name inside the knowledge directory.
pub const AUDIT_FILE: &str = "audit.jsonl";
/// Source names that would put a claims file over one of claimbot's own
/// files (`vocabulary.toml`) or beside it under a confusing name (`audit`);
/// names starting with `.` are reserved too (`.lock`, `.intent.json`).
const RESERVED_SOURCES: &[&str] = &["vocabulary", "audit"];
/// The longest alternate phrasing accepted.
const MAX_PHRASING: usize = 300;
/// The longest answer or quote accepted.
const MAX_TEXT: usize = 2000;

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
    /// "add", "edit", "remove", "alias", "revert".
    pub action: String,
    pub claim: String,
    /// The claim before and after; `None` for add / remove.
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
    /// For a revert: the `at` of the entry it undid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reverts: Option<String>,
}

/// Which audited edit to undo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RevertTarget {
    /// The n-th most recent entry of the audit log, 1 being the latest
    /// (the numbering of `claimbot kb history`).
    Latest(usize),
    /// The entry with this `at` time.
    At(String),
}

/// An edit that is on disk and in service.
#[derive(Debug)]
pub struct Edited {
    /// The engine now answering, with the edit.
    pub engine: Arc<Engine>,
    /// The audit entry of the edit.
    pub entry: AuditEntry,
    /// Set when the edit is applied but its audit line could not be written
    /// yet; the intent record writes it at the next edit or start.
    pub warning: Option<String>,
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
    #[error("no audit entry {0}; see the history")]
    NoSuchEntry(String),
    #[error(transparent)]
    Knowledge(#[from] KnowledgeError),
    #[error("{}: {error}", path.display())]
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
    #[error("an interrupted earlier edit cannot be settled, so no new edit is made: {0}")]
    Unsettled(Box<EditError>),
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> EditError + '_ {
    move |error| EditError::Io {
        path: path.to_path_buf(),
        error,
    }
}

/// The live knowledge base: the current engine and the files behind it.
pub struct Store {
    dir: PathBuf,
    thresholds: Thresholds,
    current: ArcSwap<Engine>,
    /// Serialises edits and reloads within this process. A std mutex: the
    /// critical section is synchronous file work and never spans an
    /// `.await`; readers never take it. Other processes are kept out by
    /// the file lock `knowledge/.lock`, taken inside it.
    writing: Mutex<()>,
    /// The files the engine in service was built from (see [`watch`]).
    loaded: Mutex<watch::Fingerprint>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("dir", &self.dir).finish()
    }
}

impl Store {
    /// Settles an edit a crash interrupted, removes leftover temporary
    /// files, and loads the knowledge directory.
    pub fn open(dir: PathBuf, thresholds: Thresholds) -> Result<Store, KnowledgeError> {
        settle_at_open(&dir);
        let loaded = watch::fingerprint(&dir);
        let engine = Engine::load(&dir, thresholds)?;
        crate::metrics::in_service(engine.knowledge());
        Ok(Store {
            dir,
            thresholds,
            current: ArcSwap::from_pointee(engine),
            writing: Mutex::new(()),
            loaded: Mutex::new(loaded),
        })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// A store serving an engine built elsewhere (tests, benchmarks), over
    /// the knowledge directory `dir`.
    pub fn with_engine(dir: PathBuf, engine: Engine) -> Store {
        let thresholds = engine.thresholds();
        Store {
            dir,
            thresholds,
            current: ArcSwap::from_pointee(engine),
            writing: Mutex::new(()),
            loaded: Mutex::new(Vec::new()),
        }
    }

    /// Puts `new` in service and frees the old engine on this thread once
    /// the readers still using it let go, so that no reader ever pays for
    /// freeing a large index (hundreds of milliseconds at 100,000 claims).
    pub fn put_in_service(&self, new: Arc<Engine>) {
        /// Readers hold a snapshot for one answer: microseconds. Wait at
        /// most a second for them, then leave the last one to free it.
        const WAIT: std::time::Duration = std::time::Duration::from_millis(1);
        crate::metrics::in_service(new.knowledge());
        let mut old = self.current.swap(new);
        for _ in 0..1000 {
            match Arc::try_unwrap(old) {
                Ok(engine) => {
                    drop(engine);
                    return;
                }
                Err(still_shared) => {
                    old = still_shared;
                    std::thread::sleep(WAIT);
                }
            }
        }
    }

    /// The current engine; cheap, never blocks on an edit or reload.
    pub fn engine(&self) -> Arc<Engine> {
        self.current.load_full()
    }

    /// Reloads from disk; on error the last good engine stays in service.
    pub fn reload(&self) -> Result<Summary, KnowledgeError> {
        let _guard = self.writing.lock().unwrap_or_else(|e| e.into_inner());
        let outcome = self.load_in_service(watch::fingerprint(&self.dir));
        crate::metrics::reloaded("command", &outcome);
        outcome
    }

    /// Reloads when the files differ from those the engine in service was
    /// built from; `None` when they do not. A knowledge base that does not
    /// load keeps the last good engine, and is not tried again until its
    /// files change again.
    pub fn reload_if_changed(&self) -> Option<Result<Summary, KnowledgeError>> {
        let _guard = self.writing.lock().unwrap_or_else(|e| e.into_inner());
        let now = watch::fingerprint(&self.dir);
        if *self.loaded.lock().unwrap_or_else(|e| e.into_inner()) == now {
            return None;
        }
        let outcome = self.load_in_service(now);
        crate::metrics::reloaded("watch", &outcome);
        Some(outcome)
    }

    /// Loads the directory whose files had `seen` (taken before reading, so
    /// that a change made during the load is seen as one afterwards).
    fn load_in_service(&self, seen: watch::Fingerprint) -> Result<Summary, KnowledgeError> {
        *self.loaded.lock().unwrap_or_else(|e| e.into_inner()) = seen;
        let engine = Arc::new(Engine::load(&self.dir, self.thresholds)?);
        let summary = engine.summary();
        self.put_in_service(engine);
        Ok(summary)
    }

    fn try_add_claim(&self, actor: &Actor, claim: NewClaim) -> Result<Edited, EditError> {
        let id = claim.id.trim().to_string();
        if !valid_id(&id) {
            return Err(EditError::Invalid(format!(
                "claim id {id:?} must be 1–64 lower-case letters, digits or dashes"
            )));
        }
        let source = checked_source(&claim.source)?;
        let answer = checked_text("answer", &claim.answer)?;
        let quote = checked_text("quote", &claim.quote)?;
        let questions = checked_phrasings(&claim.questions)?;
        self.edit(actor, "add", |kb, contents| {
            if kb.claims.iter().any(|c| c.id == id) {
                return Err(EditError::Invalid(format!(
                    "a claim with id {id:?} already exists"
                )));
            }
            insert_claim(kb, contents, &source, &id, &answer, &quote, &questions)
        })
    }

    fn try_edit_claim(
        &self,
        actor: &Actor,
        id: &str,
        patch: ClaimPatch,
    ) -> Result<Edited, EditError> {
        let answer = patch
            .answer
            .as_deref()
            .map(|a| checked_text("answer", a))
            .transpose()?;
        let quote = patch
            .quote
            .as_deref()
            .map(|q| checked_text("quote", q))
            .transpose()?;
        let questions = patch
            .questions
            .as_deref()
            .map(checked_phrasings)
            .transpose()?;
        if answer.is_none() && quote.is_none() && questions.is_none() {
            return Err(EditError::Invalid(
                "nothing to change: give an answer, a quote or questions".into(),
            ));
        }
        self.edit(actor, "edit", |kb, contents| {
            let (file, mut doc, before) = curated(kb, contents, id)?;
            let table = find_claim(&mut doc, id)?;
            if let Some(a) = &answer {
                table["answer"] = value(a.as_str());
            }
            if let Some(q) = &quote {
                table["quote"] = value(q.as_str());
            }
            if let Some(qs) = &questions {
                table["questions"] = value(array(qs));
            }
            let after = table_json(id, source_of(&before), table);
            Ok(Change::new(file, doc, id, Some(before), Some(after)))
        })
    }

    fn try_remove_claim(&self, actor: &Actor, id: &str) -> Result<Edited, EditError> {
        self.edit(actor, "remove", |kb, contents| {
            let (file, mut doc, before) = curated(kb, contents, id)?;
            let claims = claims_mut(&mut doc)?;
            claims.retain(|t| t.get("id").and_then(Item::as_str) != Some(id));
            Ok(Change::new(file, doc, id, Some(before), None))
        })
    }

    fn try_add_alias(&self, actor: &Actor, id: &str, phrasing: &str) -> Result<Edited, EditError> {
        let phrasing = checked_phrasings(&[phrasing.to_string()])?
            .pop()
            .unwrap_or_default();
        self.edit(actor, "alias", |kb, contents| {
            let (file, mut doc, before) = curated(kb, contents, id)?;
            let table = find_claim(&mut doc, id)?;
            let mut questions = questions_of(table);
            if questions
                .iter()
                .any(|q| q.to_lowercase() == phrasing.to_lowercase())
            {
                return Err(EditError::Invalid(format!(
                    "claim {id:?} already has the phrasing {phrasing:?}"
                )));
            }
            questions.push(phrasing.clone());
            match table.get_mut("questions").and_then(Item::as_array_mut) {
                Some(existing) => existing.push(phrasing.as_str()),
                None => table["questions"] = value(array(&questions)),
            }
            let after = table_json(id, source_of(&before), table);
            Ok(Change::new(file, doc, id, Some(before), Some(after)))
        })
    }

    fn try_revert(&self, actor: &Actor, target: &RevertTarget) -> Result<Edited, EditError> {
        if *target == RevertTarget::Latest(0) {
            return Err(EditError::Invalid(
                "entries are numbered from 1, the latest edit".into(),
            ));
        }
        self.edit(actor, "revert", |kb, contents| {
            let entries = audit_entries(&self.dir.join(AUDIT_FILE))?;
            let entry = match target {
                RevertTarget::Latest(n) => entries.iter().rev().nth(n.saturating_sub(1)),
                RevertTarget::At(at) => entries.iter().rev().find(|e| e.at == *at),
            }
            .ok_or_else(|| {
                EditError::NoSuchEntry(match target {
                    RevertTarget::Latest(n) => format!("number {n}"),
                    RevertTarget::At(at) => format!("at {at:?}"),
                })
            })?;
            let mut change = undo(kb, contents, entry)?;
            change.reverts = Some(entry.at.clone());
            Ok(change)
        })
    }

    // The edits, each counted as done or refused (metrics), whatever
    // refused it: malformed input, or the knowledge base.

    pub fn add_claim(&self, actor: &Actor, claim: NewClaim) -> Result<Edited, EditError> {
        counted("add", self.try_add_claim(actor, claim))
    }

    pub fn edit_claim(
        &self,
        actor: &Actor,
        id: &str,
        patch: ClaimPatch,
    ) -> Result<Edited, EditError> {
        counted("edit", self.try_edit_claim(actor, id, patch))
    }

    pub fn remove_claim(&self, actor: &Actor, id: &str) -> Result<Edited, EditError> {
        counted("remove", self.try_remove_claim(actor, id))
    }

    /// Adds an alternate phrasing to a claim.
    pub fn add_alias(&self, actor: &Actor, id: &str, phrasing: &str) -> Result<Edited, EditError> {
        counted("alias", self.try_add_alias(actor, id, phrasing))
    }

    /// Undoes an audited edit from its `before` and `after`: an added claim
    /// is removed, a removed one added again, an edited one restored. The
    /// claim must still be as that edit left it (undo later edits first),
    /// and the revert is itself audited, as action "revert".
    pub fn revert(&self, actor: &Actor, target: &RevertTarget) -> Result<Edited, EditError> {
        counted("revert", self.try_revert(actor, target))
    }

    /// The most recent audit entries, newest first; lines that cannot be
    /// read (one torn by a crash) are skipped.
    pub fn history(&self, limit: usize) -> Result<Vec<AuditEntry>, EditError> {
        let mut entries = audit_entries(&self.dir.join(AUDIT_FILE))?;
        entries.reverse();
        entries.truncate(limit);
        Ok(entries)
    }

    /// Runs one edit under the locks: `change` returns the new claims file,
    /// which is validated, written, audited and put in service.
    fn edit(
        &self,
        actor: &Actor,
        action: &str,
        change: impl FnOnce(&KnowledgeBase, &Contents) -> Result<Change, EditError>,
    ) -> Result<Edited, EditError> {
        let _locked = self.lock()?;
        let mut contents = Contents::read(&self.dir)?;
        let kb = contents.build(&self.dir)?;
        let Change {
            file,
            doc,
            claim,
            before,
            after,
            reverts,
        } = change(&kb, &contents)?;
        let text = doc.to_string();
        // Validated as the loader will read the directory after the write:
        // the same rules for which file is what, on the same set of files.
        if kind_of(&file) != FileKind::Claims {
            return Err(EditError::Invalid(format!(
                "refused: {file} is not read as a claims file"
            )));
        }
        contents.put(&file, text.clone());
        let kb = contents
            .build(&self.dir)
            .map_err(|e| EditError::Invalid(format!("refused: {e}")))?;
        if kb.claims.iter().any(|c| c.id == claim) != after.is_some() {
            return Err(EditError::Invalid(format!(
                "refused: the files as written would not hold this edit of {claim}"
            )));
        }
        let entry = AuditEntry {
            at: chrono::Utc::now().to_rfc3339(),
            actor: actor.clone(),
            action: action.to_string(),
            claim,
            before,
            after,
            reverts,
        };
        self.commit(&file, text.as_bytes(), entry, kb)
    }

    /// Takes the in-process mutex and the file lock, and settles an edit a
    /// crash interrupted: where every edit starts. Held until dropped.
    fn lock(&self) -> Result<Locked<'_>, EditError> {
        let guard = self.writing.lock().unwrap_or_else(|e| e.into_inner());
        let lock = DirLock::take(&self.dir)?;
        durable::reconcile(&self.dir).map_err(|e| EditError::Unsettled(Box::new(e)))?;
        Ok(Locked {
            _lock: lock,
            _guard: guard,
        })
    }

    /// Writes one validated file of an edit, audits it and puts `kb` (the
    /// knowledge base as read with the file written) in service. Called
    /// under [`Store::lock`].
    fn commit(
        &self,
        file: &str,
        bytes: &[u8],
        entry: AuditEntry,
        kb: KnowledgeBase,
    ) -> Result<Edited, EditError> {
        // The intent first: from the rename on, the edit is applied, and
        // a crash before its audit line is settled from the intent.
        Intent::new(entry.clone(), file, bytes).write(&self.dir)?;
        if let Err(e) = write_atomically(&self.dir.join(file), bytes) {
            // Not renamed: nothing changed. An intent left behind is dropped
            // at the next settling, the file not having its hash.
            let _ = Intent::remove(&self.dir);
            return Err(e);
        }
        let warning = match append_line(&self.dir.join(AUDIT_FILE), &audit_line(&entry)) {
            Ok(()) => {
                if let Err(e) = Intent::remove(&self.dir) {
                    tracing::warn!(error = %e, "intent record left; settled at the next edit");
                }
                None
            }
            Err(e) => {
                tracing::error!(error = %e, claim = %entry.claim, "edit applied, audit line pending");
                Some(format!(
                    "the edit is applied, but its audit line could not be written yet ({e}); it is written at the next edit or start"
                ))
            }
        };
        tracing::info!(action = %entry.action, claim = %entry.claim, actor = %entry.actor.name, file = %file, "knowledge base edited");
        // The files as this edit left them, under the lock: the watcher
        // does not reload for an edit already in service.
        *self.loaded.lock().unwrap_or_else(|e| e.into_inner()) = watch::fingerprint(&self.dir);
        let engine = Arc::new(Engine::new(kb, self.thresholds));
        self.put_in_service(Arc::clone(&engine));
        Ok(Edited {
            engine,
            entry,
            warning,
        })
    }
}

/// The locks of an edit in progress (see [`Store::lock`]). Fields drop in
/// order: the file lock is released before the mutex, as it was taken after.
struct Locked<'a> {
    _lock: DirLock,
    _guard: std::sync::MutexGuard<'a, ()>,
}

/// An edit's outcome, counted (metrics) and passed on.
fn counted<T>(action: &str, outcome: Result<T, EditError>) -> Result<T, EditError> {
    crate::metrics::edited(action, &outcome);
    outcome
}

/// Takes the file lock and settles what a crash left; never stops the
/// knowledge base from opening (a read-only directory cannot be locked).
fn settle_at_open(dir: &Path) {
    let settled = DirLock::take(dir).and_then(|_lock| durable::reconcile(dir));
    match settled {
        Ok(Settled::Nothing) => {}
        Ok(Settled::Completed(e)) => {
            tracing::warn!(action = %e.action, claim = %e.claim, at = %e.at, "an edit interrupted by a crash was applied; its audit line is written")
        }
        Ok(Settled::Dropped(e)) => {
            tracing::warn!(action = %e.action, claim = %e.claim, at = %e.at, "an edit interrupted by a crash never reached the claims file; dropped")
        }
        Err(e) => tracing::warn!(error = %e, "an interrupted edit could not be settled"),
    }
}

/// An edited claims file, with the claim before and after for the audit log.
struct Change {
    file: String,
    doc: DocumentMut,
    claim: String,
    before: Option<serde_json::Value>,
    after: Option<serde_json::Value>,
    reverts: Option<String>,
}

impl Change {
    fn new(
        file: String,
        doc: DocumentMut,
        claim: &str,
        before: Option<serde_json::Value>,
        after: Option<serde_json::Value>,
    ) -> Change {
        Change {
            file,
            doc,
            claim: claim.to_string(),
            before,
            after,
            reverts: None,
        }
    }
}

/// Adds a claim to a source's claims file, creating the file if needed.
fn insert_claim(
    kb: &KnowledgeBase,
    contents: &Contents,
    source: &str,
    id: &str,
    answer: &str,
    quote: &str,
    questions: &[String],
) -> Result<Change, EditError> {
    let source = kb
        .sources
        .iter()
        .find(|s| s.id == source)
        .ok_or_else(|| EditError::NoSuchSource(source.to_string()))?;
    let (file, mut doc) = match &source.claims_file {
        Some(name) => (name.clone(), parse(contents, name)?),
        None => (
            format!("{}.toml", source.id),
            new_claims_file(&source.title, &source.text_file),
        ),
    };
    let mut table = Table::new();
    table["id"] = value(id);
    table["answer"] = value(answer);
    table["quote"] = value(quote);
    table["questions"] = value(array(questions));
    claims_mut(&mut doc)?.push(table);
    let after = claim_json(&source.id, id, answer, quote, questions);
    Ok(Change::new(file, doc, id, None, Some(after)))
}

/// The change that undoes `entry`, if the claim is still as it left it.
fn undo(kb: &KnowledgeBase, contents: &Contents, entry: &AuditEntry) -> Result<Change, EditError> {
    if entry.action == ARTICLE_ACTION {
        let file = entry
            .after
            .as_ref()
            .and_then(|a| a.get("file"))
            .and_then(serde_json::Value::as_str)
            .unwrap_or(&entry.claim);
        return Err(EditError::Invalid(format!(
            "the edit at {} added an article, and claimbot never deletes one: remove the file {file} from the knowledge directory to take it out (a running bot reloads by itself)",
            entry.at
        )));
    }
    let id = entry.claim.as_str();
    let exists = kb.claims.iter().any(|c| c.id == id);
    let changed_since = || {
        EditError::Invalid(format!(
            "claim {id:?} has changed since the edit at {}; revert the later edits first (see the history)",
            entry.at
        ))
    };
    match (&entry.before, &entry.after) {
        (None, None) => Err(EditError::Invalid(format!(
            "the entry at {} records no claim to restore",
            entry.at
        ))),
        (Some(before), None) => {
            if exists {
                return Err(changed_since());
            }
            let (answer, quote, questions) = claim_fields(before)?;
            let source = match source_of(before) {
                Some(s) => s.to_string(),
                None => source_quoting(kb, &quote)?,
            };
            let mut change = insert_claim(kb, contents, &source, id, &answer, &quote, &questions)?;
            change.before = None;
            Ok(change)
        }
        (before, Some(after)) => {
            if !exists {
                return Err(changed_since());
            }
            let (file, mut doc, now) = curated(kb, contents, id)?;
            if !same_claim(&now, after) {
                return Err(changed_since());
            }
            match before {
                None => {
                    claims_mut(&mut doc)?
                        .retain(|t| t.get("id").and_then(Item::as_str) != Some(id));
                    Ok(Change::new(file, doc, id, Some(now), None))
                }
                Some(before) => {
                    let (answer, quote, questions) = claim_fields(before)?;
                    let table = find_claim(&mut doc, id)?;
                    table["answer"] = value(answer.as_str());
                    table["quote"] = value(quote.as_str());
                    table["questions"] = value(array(&questions));
                    let restored = table_json(id, source_of(&now), table);
                    Ok(Change::new(file, doc, id, Some(now), Some(restored)))
                }
            }
        }
    }
}

/// The answer, quote and phrasings of a claim as the audit log records it.
fn claim_fields(v: &serde_json::Value) -> Result<(String, String, Vec<String>), EditError> {
    let text = |k: &str| {
        v.get(k)
            .and_then(serde_json::Value::as_str)
            .map(str::to_string)
            .ok_or_else(|| EditError::Invalid(format!("the audit entry's claim has no {k}")))
    };
    let questions = v
        .get("questions")
        .and_then(serde_json::Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|q| q.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    Ok((text("answer")?, text("quote")?, questions))
}

/// Whether two recorded claims say the same (their source aside: older
/// audit lines do not record it).
fn same_claim(a: &serde_json::Value, b: &serde_json::Value) -> bool {
    ["answer", "quote", "questions"]
        .iter()
        .all(|k| a.get(k) == b.get(k))
}

fn source_of(v: &serde_json::Value) -> Option<&str> {
    v.get("source").and_then(serde_json::Value::as_str)
}

/// The one source whose text holds `quote`, for audit lines that do not
/// record the source.
fn source_quoting(kb: &KnowledgeBase, quote: &str) -> Result<String, EditError> {
    let mut holding = kb.sources.iter().filter(|s| s.text.contains(quote));
    match (holding.next(), holding.next()) {
        (Some(s), None) => Ok(s.id.clone()),
        _ => Err(EditError::Invalid(format!(
            "the audit entry does not name the claim's source, and the quote {quote:?} is not in exactly one source"
        ))),
    }
}

/// The source name of a new claim, refused when its claims file would be
/// one of claimbot's own files.
fn checked_source(source: &str) -> Result<String, EditError> {
    let source = source.trim();
    if source.starts_with('.') || RESERVED_SOURCES.contains(&source.to_lowercase().as_str()) {
        return Err(EditError::Invalid(format!(
            "the source name {source:?} is reserved: vocabulary.toml, audit.jsonl and files starting with '.' are claimbot's own; rename the article to add claims to it"
        )));
    }
    Ok(source.to_string())
}

fn checked_text(field: &str, text: &str) -> Result<String, EditError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(EditError::Invalid(format!("the {field} is empty")));
    }
    if text.chars().count() > MAX_TEXT {
        return Err(EditError::Invalid(format!(
            "the {field} is longer than {MAX_TEXT} characters"
        )));
    }
    Ok(text.to_string())
}

fn checked_phrasings(phrasings: &[String]) -> Result<Vec<String>, EditError> {
    let mut out: Vec<String> = Vec::new();
    let mut seen: std::collections::HashSet<String> = std::collections::HashSet::new();
    for p in phrasings {
        let p = p.trim();
        if p.is_empty() {
            return Err(EditError::Invalid("an alternate phrasing is empty".into()));
        }
        if p.chars().count() > MAX_PHRASING {
            return Err(EditError::Invalid(format!(
                "an alternate phrasing is longer than {MAX_PHRASING} characters"
            )));
        }
        if seen.insert(p.to_lowercase()) {
            out.push(p.to_string());
        }
    }
    if out.len() > crate::knowledge::MAX_PHRASINGS {
        return Err(EditError::Invalid(format!(
            "{} alternate phrasings; a claim may have at most {}",
            out.len(),
            crate::knowledge::MAX_PHRASINGS
        )));
    }
    Ok(out)
}

fn array(items: &[String]) -> Array {
    items.iter().map(String::as_str).collect()
}

fn parse(contents: &Contents, file: &str) -> Result<DocumentMut, EditError> {
    let text = contents
        .claims_files
        .iter()
        .find(|(n, _)| n == file)
        .map(|(_, t)| t.as_str())
        .unwrap_or("");
    text.parse::<DocumentMut>()
        .map_err(|e| EditError::Invalid(format!("{file}: {e}")))
}

fn new_claims_file(title: &str, text_file: &str) -> DocumentMut {
    let mut doc = DocumentMut::new();
    let mut source = Table::new();
    source["title"] = value(title);
    source["text"] = value(text_file);
    doc["source"] = Item::Table(source);
    doc
}

fn claims_mut(doc: &mut DocumentMut) -> Result<&mut ArrayOfTables, EditError> {
    if doc.get("claims").is_none() {
        doc["claims"] = Item::ArrayOfTables(ArrayOfTables::new());
    }
    doc["claims"]
        .as_array_of_tables_mut()
        .ok_or_else(|| EditError::Invalid("`claims` is not an array of tables".into()))
}

fn find_claim<'a>(doc: &'a mut DocumentMut, id: &str) -> Result<&'a mut Table, EditError> {
    claims_mut(doc)?
        .iter_mut()
        .find(|t| t.get("id").and_then(Item::as_str) == Some(id))
        .ok_or_else(|| EditError::NoSuchClaim(id.to_string()))
}

/// The claims file and document of a curated claim, and the claim as JSON.
fn curated(
    kb: &KnowledgeBase,
    contents: &Contents,
    id: &str,
) -> Result<(String, DocumentMut, serde_json::Value), EditError> {
    let claim: &Claim = kb
        .claims
        .iter()
        .find(|c| c.id == id)
        .ok_or_else(|| EditError::NoSuchClaim(id.to_string()))?;
    if !claim.is_curated() {
        return Err(EditError::Invalid(format!(
            "{id} is a sentence of the article itself and cannot be changed; add a curated claim quoting it instead (/kb add)"
        )));
    }
    let source = kb.source_of(claim);
    let file = source
        .claims_file
        .clone()
        .ok_or_else(|| EditError::NoSuchClaim(id.to_string()))?;
    let mut doc = parse(contents, &file)?;
    // As the file has it (the loader's claim holds the quote as located in
    // the article), so that a revert restores the very text.
    let recorded = table_json(id, Some(&source.id), find_claim(&mut doc, id)?);
    Ok((file, doc, recorded))
}

fn claim_json(
    source: &str,
    id: &str,
    answer: &str,
    quote: &str,
    questions: &[String],
) -> serde_json::Value {
    json!({ "id": id, "source": source, "answer": answer, "quote": quote, "questions": questions })
}

fn table_json(id: &str, source: Option<&str>, table: &Table) -> serde_json::Value {
    let text = |k: &str| {
        table
            .get(k)
            .and_then(Item::as_str)
            .unwrap_or("")
            .to_string()
    };
    let questions = questions_of(table);
    claim_json(
        source.unwrap_or(""),
        id,
        &text("answer"),
        &text("quote"),
        &questions,
    )
}

/// The alternate phrasings of a claim table.
fn questions_of(table: &Table) -> Vec<String> {
    table
        .get("questions")
        .and_then(Item::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    const ARTICLE: &str = "Each side released 390 people. The swap took place in Belarus. Talks were held in Istanbul.";
    const CLAIMS: &str = "# Curated by hand: keep this comment.\n[source]\ntitle = \"Swap\"\n\n[[claims]]\nid = \"per-side\"\nanswer = \"390 on each side.\" # inline note\nquote = \"Each side released 390 people.\"\nquestions = [\"How many people were released?\"]\n";

    fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().expect("temp dir");
        fs::write(dir.path().join("swap.txt"), ARTICLE).expect("write");
        fs::write(dir.path().join("swap.toml"), CLAIMS).expect("write");
        let store = Store::open(dir.path().to_path_buf(), Thresholds::default()).expect("opens");
        (dir, store)
    }

    fn mod_actor() -> Actor {
        Actor {
            id: 7,
            name: "mod".into(),
        }
    }

    fn new_claim(id: &str, quote: &str) -> NewClaim {
        NewClaim {
            source: "swap".into(),
            id: id.into(),
            answer: "In Istanbul.".into(),
            quote: quote.into(),
            questions: vec!["Which city hosted the negotiations?".into()],
        }
    }

    #[test]
    fn added_claim_answers_the_very_next_question_and_survives_a_restart() {
        let (dir, store) = store();
        store
            .add_claim(
                &mod_actor(),
                new_claim("talks-city", "Talks were held in Istanbul."),
            )
            .expect("valid edit");
        let answer = store.engine().ask("Which city hosted the negotiations?");
        assert_eq!(answer.claim.as_deref(), Some("talks-city"));
        let reopened =
            Store::open(dir.path().to_path_buf(), Thresholds::default()).expect("reopens");
        assert!(reopened.engine().claim("talks-city").is_some());
    }

    #[cfg(unix)]
    #[test]
    fn an_edit_never_writes_through_a_symbolic_link() {
        let dir = tempfile::tempdir().expect("temp dir");
        let elsewhere = tempfile::tempdir().expect("temp dir");
        fs::write(dir.path().join("swap.txt"), ARTICLE).expect("write");
        let target = elsewhere.path().join("swap.toml");
        fs::write(&target, CLAIMS).expect("write");
        std::os::unix::fs::symlink(&target, dir.path().join("swap.toml")).expect("link");
        let store = Store::open(dir.path().to_path_buf(), Thresholds::default()).expect("opens");
        assert!(
            store.engine().claim("per-side").is_some(),
            "the linked claims file is read"
        );
        let err = store
            .add_claim(
                &mod_actor(),
                new_claim("talks-city", "Talks were held in Istanbul."),
            )
            .unwrap_err();
        assert!(err.to_string().contains("symbolic link"), "{err}");
        assert!(fs::symlink_metadata(dir.path().join("swap.toml"))
            .expect("still there")
            .file_type()
            .is_symlink());
        assert_eq!(fs::read_to_string(&target).expect("read"), CLAIMS);
    }

    #[test]
    fn invalid_quote_is_refused_and_nothing_changes() {
        let (dir, store) = store();
        let err = store
            .add_claim(
                &mod_actor(),
                new_claim("talks-city", "Talks were held in Geneva."),
            )
            .unwrap_err();
        assert!(
            err.to_string().contains("quote not found in swap.txt"),
            "{err}"
        );
        assert_eq!(
            fs::read_to_string(dir.path().join("swap.toml")).expect("read"),
            CLAIMS
        );
        assert!(store.history(10).expect("history").is_empty());
        assert!(store.engine().claim("talks-city").is_none());
    }

    #[test]
    fn edits_keep_comments_and_layout() {
        let (dir, store) = store();
        store
            .edit_claim(
                &mod_actor(),
                "per-side",
                ClaimPatch {
                    answer: Some("390 people on each side.".into()),
                    ..Default::default()
                },
            )
            .expect("valid edit");
        let text = fs::read_to_string(dir.path().join("swap.toml")).expect("read");
        assert!(
            text.starts_with("# Curated by hand: keep this comment.\n"),
            "{text}"
        );
        assert!(
            text.contains("answer = \"390 people on each side.\""),
            "{text}"
        );
        assert_eq!(
            store.engine().claim("per-side").map(|c| c.answer.as_str()),
            Some("390 people on each side.")
        );
    }

    #[test]
    fn sentence_claims_cannot_be_edited_or_removed() {
        let (_dir, store) = store();
        let err = store.remove_claim(&mod_actor(), "swap#s2").unwrap_err();
        assert!(err.to_string().contains("sentence of the article"), "{err}");
        assert!(matches!(
            store.remove_claim(&mod_actor(), "nope"),
            Err(EditError::NoSuchClaim(_))
        ));
    }

    #[test]
    fn duplicate_ids_bad_ids_and_empty_texts_are_refused() {
        let (_dir, store) = store();
        assert!(store
            .add_claim(
                &mod_actor(),
                new_claim("per-side", "Talks were held in Istanbul.")
            )
            .is_err());
        assert!(store
            .add_claim(
                &mod_actor(),
                new_claim("Bad Id", "Talks were held in Istanbul.")
            )
            .is_err());
        assert!(store
            .add_claim(&mod_actor(), new_claim("x", "   "))
            .is_err());
        assert!(
            store
                .add_alias(&mod_actor(), "per-side", "how many people were RELEASED?")
                .is_err(),
            "duplicate phrasing"
        );
        let mut wrong_source = new_claim("y", "Talks were held in Istanbul.");
        wrong_source.source = "nope".into();
        assert!(matches!(
            store.add_claim(&mod_actor(), wrong_source),
            Err(EditError::NoSuchSource(_))
        ));
    }

    #[test]
    fn alias_and_removal_are_audited_newest_first() {
        let (_dir, store) = store();
        store
            .add_alias(
                &mod_actor(),
                "per-side",
                "How many prisoners did each side free?",
            )
            .expect("alias");
        store
            .remove_claim(&mod_actor(), "per-side")
            .expect("remove");
        let history = store.history(10).expect("history");
        let actions: Vec<&str> = history.iter().map(|h| h.action.as_str()).collect();
        assert_eq!(actions, ["remove", "alias"]);
        assert_eq!(history[0].actor, mod_actor());
        assert!(history[0].after.is_none() && history[0].before.is_some());
        assert!(store.engine().claim("per-side").is_none());
    }

    #[test]
    fn concurrent_edits_never_lose_one_another() {
        let (_dir, store) = store();
        let store = Arc::new(store);
        let threads: Vec<_> = (0..8)
            .map(|i| {
                let store = Arc::clone(&store);
                std::thread::spawn(move || {
                    store
                        .add_claim(
                            &mod_actor(),
                            new_claim(&format!("talks-{i}"), "Talks were held in Istanbul."),
                        )
                        .map(|_| ())
                })
            })
            .collect();
        for t in threads {
            t.join().expect("thread").expect("edit");
        }
        let engine = store.engine();
        for i in 0..8 {
            assert!(engine.claim(&format!("talks-{i}")).is_some(), "talks-{i}");
        }
        assert_eq!(store.history(100).expect("history").len(), 8);
    }

    #[test]
    fn claim_added_to_a_plain_article_creates_its_claims_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        fs::write(dir.path().join("storm.txt"), "The storm flooded 340 homes.").expect("write");
        let store = Store::open(dir.path().to_path_buf(), Thresholds::default()).expect("opens");
        let claim = NewClaim {
            source: "storm".into(),
            id: "homes".into(),
            answer: "340 homes.".into(),
            quote: "flooded 340 homes".into(),
            questions: vec![],
        };
        store.add_claim(&mod_actor(), claim).expect("valid");
        assert!(dir.path().join("storm.toml").is_file());
        assert!(Store::open(dir.path().to_path_buf(), Thresholds::default())
            .expect("reopens")
            .engine()
            .claim("homes")
            .is_some());
    }

    fn claims_file(dir: &tempfile::TempDir) -> String {
        fs::read_to_string(dir.path().join("swap.toml")).expect("read")
    }

    #[test]
    fn reverting_each_kind_of_edit_restores_the_file_before_it() {
        let (dir, store) = store();
        let original = claims_file(&dir);
        store
            .add_claim(
                &mod_actor(),
                new_claim("talks-city", "Talks were held in Istanbul."),
            )
            .expect("add");
        let added = claims_file(&dir);
        store
            .edit_claim(
                &mod_actor(),
                "talks-city",
                ClaimPatch {
                    answer: Some("Istanbul.".into()),
                    ..Default::default()
                },
            )
            .expect("edit");
        store
            .add_alias(&mod_actor(), "talks-city", "Where were the talks?")
            .expect("alias");
        store
            .remove_claim(&mod_actor(), "talks-city")
            .expect("remove");
        // Undo the remove, the alias, the edit, the add: newest first.
        let latest = RevertTarget::Latest(1);
        let undone = store.revert(&mod_actor(), &latest).expect("undo remove");
        assert_eq!(undone.entry.action, "revert");
        assert!(store.engine().claim("talks-city").is_some());
        // Each revert is itself the latest entry: the alias is now 3rd.
        store
            .revert(&mod_actor(), &RevertTarget::Latest(3))
            .expect("undo alias");
        assert_eq!(
            store
                .engine()
                .claim("talks-city")
                .map(|c| c.questions.len()),
            Some(1)
        );
        let history = store.history(100).expect("history");
        let edit_at = history
            .iter()
            .find(|e| e.action == "edit")
            .map(|e| e.at.clone())
            .expect("the edit is audited");
        store
            .revert(&mod_actor(), &RevertTarget::At(edit_at))
            .expect("undo edit");
        assert_eq!(claims_file(&dir), added);
        let add_at = history
            .iter()
            .find(|e| e.action == "add")
            .map(|e| e.at.clone())
            .expect("the add is audited");
        store
            .revert(&mod_actor(), &RevertTarget::At(add_at))
            .expect("undo add");
        assert_eq!(claims_file(&dir), original);
        assert!(store.engine().claim("talks-city").is_none());
    }

    #[test]
    fn a_revert_over_a_later_edit_is_refused() {
        let (dir, store) = store();
        store
            .edit_claim(
                &mod_actor(),
                "per-side",
                ClaimPatch {
                    answer: Some("390.".into()),
                    ..Default::default()
                },
            )
            .expect("edit");
        store
            .add_alias(&mod_actor(), "per-side", "How many were freed?")
            .expect("alias");
        let before = claims_file(&dir);
        let err = store
            .revert(&mod_actor(), &RevertTarget::Latest(2))
            .unwrap_err();
        assert!(err.to_string().contains("changed since"), "{err}");
        assert_eq!(claims_file(&dir), before);
        assert!(matches!(
            store.revert(&mod_actor(), &RevertTarget::Latest(9)),
            Err(EditError::NoSuchEntry(_))
        ));
    }

    #[test]
    fn a_source_named_like_a_reserved_file_is_refused() {
        let (dir, store) = store();
        fs::write(dir.path().join("vocabulary.txt"), "Words are listed here.").expect("write");
        store.reload().expect("an article named vocabulary loads");
        for source in ["vocabulary", "audit", ".lock", ".intent"] {
            let mut claim = new_claim("words", "Words are listed here.");
            claim.source = source.into();
            let err = store.add_claim(&mod_actor(), claim).unwrap_err();
            assert!(err.to_string().contains("reserved"), "{source}: {err}");
        }
        assert!(!dir.path().join("vocabulary.toml").exists());
        assert!(store.history(10).expect("history").is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn an_edit_whose_audit_line_fails_is_applied_with_a_warning_and_audited_later() {
        let (dir, store) = store();
        fs::create_dir(dir.path().join(AUDIT_FILE)).expect("a directory in the way");
        let edited = store
            .add_claim(
                &mod_actor(),
                new_claim("talks-city", "Talks were held in Istanbul."),
            )
            .expect("applied");
        assert!(
            edited
                .warning
                .as_deref()
                .is_some_and(|w| w.contains("is applied")),
            "{:?}",
            edited.warning
        );
        assert!(claims_file(&dir).contains("talks-city"));
        assert!(dir.path().join(INTENT_FILE).exists());
        // Until the audit log can be written, no further edit is made.
        let err = store.remove_claim(&mod_actor(), "per-side").unwrap_err();
        assert!(matches!(err, EditError::Unsettled(_)), "{err}");
        fs::remove_dir(dir.path().join(AUDIT_FILE)).expect("remove");
        let reopened = Store::open(dir.path().to_path_buf(), Thresholds::default()).expect("opens");
        let history = reopened.history(10).expect("history");
        assert_eq!(history.len(), 1);
        assert_eq!(history[0], edited.entry);
        assert!(!dir.path().join(INTENT_FILE).exists());
    }

    #[test]
    fn reload_of_a_broken_file_keeps_the_last_good_engine() {
        let (dir, store) = store();
        fs::write(dir.path().join("swap.toml"), "[source]\ntitle = \"Swap\"\n[[claims]]\nid = \"x\"\nanswer = \"a\"\nquote = \"not in the article\"\n").expect("write");
        let err = store.reload().unwrap_err().to_string();
        assert!(err.contains("swap.toml:6"), "{err}");
        assert!(
            store.engine().claim("per-side").is_some(),
            "still serving the old knowledge base"
        );
    }
}
