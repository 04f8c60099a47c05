//! Moderator edits and the live engine.
//!
//! Every edit: take the lock → read the files fresh → change the claims file
//! with toml_edit (comments and layout kept) → validate by building the whole
//! knowledge base in memory (the quote must be verbatim in its source) →
//! write atomically (temporary file, fsync, rename, fsync the folder) →
//! append to `audit.jsonl` → build the new engine and swap it in → release
//! the lock. Readers never wait: they load the current `Arc<Engine>` from an
//! `ArcSwap`.

mod unanswered;

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use arc_swap::ArcSwap;
use serde::{Deserialize, Serialize};
use serde_json::json;
use toml_edit::{value, Array, ArrayOfTables, DocumentMut, Item, Table};

use crate::answer::Thresholds;
use crate::engine::{Engine, Summary};
use crate::knowledge::files::Contents;
use crate::knowledge::{valid_id, Claim, KnowledgeBase, KnowledgeError};
pub use unanswered::{Unanswered, UnansweredLog};

/// The audit log's file name inside the knowledge directory.
pub const AUDIT_FILE: &str = "audit.jsonl";
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
    /// "add", "edit", "remove", "alias".
    pub action: String,
    pub claim: String,
    /// The claim before and after; `None` for add / remove.
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
    #[error("{}: {error}", path.display())]
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
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
    /// Serialises edits and reloads. A std mutex: the critical section is
    /// synchronous file work and never spans an `.await`; readers never take it.
    writing: Mutex<()>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("dir", &self.dir).finish()
    }
}

impl Store {
    /// Loads the knowledge directory.
    pub fn open(dir: PathBuf, thresholds: Thresholds) -> Result<Store, KnowledgeError> {
        let engine = Engine::load(&dir, thresholds)?;
        Ok(Store {
            dir,
            thresholds,
            current: ArcSwap::from_pointee(engine),
            writing: Mutex::new(()),
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
        }
    }

    /// Puts `new` in service and frees the old engine on this thread once
    /// the readers still using it let go, so that no reader ever pays for
    /// freeing a large index (hundreds of milliseconds at 100,000 claims).
    pub fn put_in_service(&self, new: Arc<Engine>) {
        /// Readers hold a snapshot for one answer: microseconds. Wait at
        /// most a second for them, then leave the last one to free it.
        const WAIT: std::time::Duration = std::time::Duration::from_millis(1);
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
        let engine = Arc::new(Engine::load(&self.dir, self.thresholds)?);
        let summary = engine.summary();
        self.put_in_service(engine);
        Ok(summary)
    }

    pub fn add_claim(&self, actor: &Actor, claim: NewClaim) -> Result<Arc<Engine>, EditError> {
        let id = claim.id.trim().to_string();
        if !valid_id(&id) {
            return Err(EditError::Invalid(format!(
                "claim id {id:?} must be 1–64 lower-case letters, digits or dashes"
            )));
        }
        let answer = checked_text("answer", &claim.answer)?;
        let quote = checked_text("quote", &claim.quote)?;
        let questions = checked_phrasings(&claim.questions)?;
        self.edit(actor, "add", &id, |kb, contents| {
            if kb.claims.iter().any(|c| c.id == id) {
                return Err(EditError::Invalid(format!(
                    "a claim with id {id:?} already exists"
                )));
            }
            let source = kb
                .sources
                .iter()
                .find(|s| s.id == claim.source.trim())
                .ok_or_else(|| EditError::NoSuchSource(claim.source.clone()))?;
            let (file, mut doc) = match &source.claims_file {
                Some(name) => (name.clone(), parse(contents, name)?),
                None => (
                    format!("{}.toml", source.id),
                    new_claims_file(&source.title, &source.text_file),
                ),
            };
            let mut table = Table::new();
            table["id"] = value(id.as_str());
            table["answer"] = value(answer.as_str());
            table["quote"] = value(quote.as_str());
            table["questions"] = value(array(&questions));
            claims_mut(&mut doc)?.push(table);
            Ok(Change {
                file,
                doc,
                before: None,
                after: Some(claim_json(&id, &answer, &quote, &questions)),
            })
        })
    }

    pub fn edit_claim(
        &self,
        actor: &Actor,
        id: &str,
        patch: ClaimPatch,
    ) -> Result<Arc<Engine>, EditError> {
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
        self.edit(actor, "edit", id, |kb, contents| {
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
            let after = table_json(id, table);
            Ok(Change {
                file,
                doc,
                before: Some(before),
                after: Some(after),
            })
        })
    }

    pub fn remove_claim(&self, actor: &Actor, id: &str) -> Result<Arc<Engine>, EditError> {
        self.edit(actor, "remove", id, |kb, contents| {
            let (file, mut doc, before) = curated(kb, contents, id)?;
            let claims = claims_mut(&mut doc)?;
            claims.retain(|t| t.get("id").and_then(Item::as_str) != Some(id));
            Ok(Change {
                file,
                doc,
                before: Some(before),
                after: None,
            })
        })
    }

    /// Adds an alternate phrasing to a claim.
    pub fn add_alias(
        &self,
        actor: &Actor,
        id: &str,
        phrasing: &str,
    ) -> Result<Arc<Engine>, EditError> {
        let phrasing = checked_phrasings(&[phrasing.to_string()])?
            .pop()
            .unwrap_or_default();
        self.edit(actor, "alias", id, |kb, contents| {
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
            let after = table_json(id, table);
            Ok(Change {
                file,
                doc,
                before: Some(before),
                after: Some(after),
            })
        })
    }

    /// The most recent audit entries, newest first.
    pub fn history(&self, limit: usize) -> Result<Vec<AuditEntry>, EditError> {
        let path = self.dir.join(AUDIT_FILE);
        let text = match fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(io(&path)(e)),
        };
        Ok(text
            .lines()
            .rev()
            .filter_map(|l| serde_json::from_str(l).ok())
            .take(limit)
            .collect())
    }

    /// Runs one edit under the lock: `change` returns the new claims file,
    /// which is validated, written, audited and put in service.
    fn edit(
        &self,
        actor: &Actor,
        action: &str,
        id: &str,
        change: impl FnOnce(&KnowledgeBase, &Contents) -> Result<Change, EditError>,
    ) -> Result<Arc<Engine>, EditError> {
        let _guard = self.writing.lock().unwrap_or_else(|e| e.into_inner());
        let mut contents = Contents::read(&self.dir)?;
        let kb = contents.build(&self.dir)?;
        let Change {
            file,
            doc,
            before,
            after,
        } = change(&kb, &contents)?;
        let text = doc.to_string();
        match contents
            .claims_files
            .iter_mut()
            .find(|(name, _)| *name == file)
        {
            Some(entry) => entry.1 = text.clone(),
            None => contents.claims_files.push((file.clone(), text.clone())),
        }
        let kb = contents
            .build(&self.dir)
            .map_err(|e| EditError::Invalid(format!("refused: {e}")))?;
        write_atomically(&self.dir.join(&file), text.as_bytes())?;
        let entry = AuditEntry {
            at: chrono::Utc::now().to_rfc3339(),
            actor: actor.clone(),
            action: action.to_string(),
            claim: id.to_string(),
            before,
            after,
        };
        append_line(
            &self.dir.join(AUDIT_FILE),
            &serde_json::to_string(&entry).unwrap_or_default(),
        )?;
        tracing::info!(action, claim = id, actor = %actor.name, file = %file, "knowledge base edited");
        let engine = Arc::new(Engine::new(kb, self.thresholds));
        self.put_in_service(Arc::clone(&engine));
        Ok(engine)
    }
}

/// An edited claims file, with the claim before and after for the audit log.
struct Change {
    file: String,
    doc: DocumentMut,
    before: Option<serde_json::Value>,
    after: Option<serde_json::Value>,
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
        if !out.iter().any(|q| q.to_lowercase() == p.to_lowercase()) {
            out.push(p.to_string());
        }
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
    let file = kb
        .source_of(claim)
        .claims_file
        .clone()
        .ok_or_else(|| EditError::NoSuchClaim(id.to_string()))?;
    let doc = parse(contents, &file)?;
    Ok((
        file,
        doc,
        claim_json(id, &claim.answer, &claim.quote, &claim.questions),
    ))
}

fn claim_json(id: &str, answer: &str, quote: &str, questions: &[String]) -> serde_json::Value {
    json!({ "id": id, "answer": answer, "quote": quote, "questions": questions })
}

fn table_json(id: &str, table: &Table) -> serde_json::Value {
    let text = |k: &str| {
        table
            .get(k)
            .and_then(Item::as_str)
            .unwrap_or("")
            .to_string()
    };
    let questions = questions_of(table);
    claim_json(id, &text("answer"), &text("quote"), &questions)
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

/// Writes `bytes` to `path` so that a crash leaves either the old file or
/// the new one, never half of either.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), EditError> {
    // Renaming over a symbolic link would replace the link with a file and
    // leave its target stale: refused, with the reason.
    if fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(EditError::Invalid(format!(
            "{} is a symbolic link; edit the file it points to, or replace the link with the file",
            path.display()
        )));
    }
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    let temp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = fs::File::create(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        fs::rename(&temp, path)?;
        // The rename itself is durable once the folder is synced.
        fs::File::open(dir)?.sync_all()
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result.map_err(io(path))
}

/// Appends one line and syncs it to disk.
pub(crate) fn append_line(path: &Path, line: &str) -> Result<(), EditError> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(io(parent))?;
    }
    let mut file = fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .map_err(io(path))?;
    file.write_all(format!("{line}\n").as_bytes())
        .map_err(io(path))?;
    file.sync_data().map_err(io(path))
}

#[cfg(test)]
mod tests {
    use super::*;

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
