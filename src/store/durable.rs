//! How an edit reaches the disk so that nothing is lost or misreported:
//! the advisory lock shared by every process that edits, atomic writes,
//! the intent record that makes "claims file written + audit line appended"
//! one recoverable unit, and the clean-up after a crash.
//!
//! An edit under the lock: write the intent (the audit entry and a hash of
//! the new claims file) → rename the new claims file into place → append
//! the audit line → remove the intent. A crash anywhere leaves either no
//! intent (nothing or everything happened) or an intent that
//! [`reconcile`] settles: the claims file has the intent's hash, so the
//! edit landed and its audit line is appended if missing; or it has not,
//! so the edit never happened and the intent is dropped.

use std::fs;
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::{io, AuditEntry, EditError, AUDIT_FILE};

/// The advisory lock file inside the knowledge directory.
pub const LOCK_FILE: &str = ".lock";
/// The intent record of the edit in progress.
pub const INTENT_FILE: &str = ".intent.json";

/// An exclusive advisory lock on `knowledge/.lock`, held for the whole
/// read-modify-write of an edit so that the bot, the command line and
/// scripts in other processes never interleave. Released when dropped
/// (closing the file releases an `flock`, even when the process is killed).
#[derive(Debug)]
pub(crate) struct DirLock {
    _file: fs::File,
}

impl DirLock {
    /// Waits for the lock on `dir`.
    pub(crate) fn take(dir: &Path) -> Result<DirLock, EditError> {
        let path = dir.join(LOCK_FILE);
        let file = fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(io(&path))?;
        // Called through the trait: std's own `File::lock` is newer than
        // the crate's minimum Rust version.
        fs4::FileExt::lock(&file).map_err(io(&path))?;
        Ok(DirLock { _file: file })
    }
}

/// The edit in progress, written before the claims file is replaced.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct Intent {
    /// The audit line the edit appends.
    pub entry: AuditEntry,
    /// The claims file's name inside the knowledge directory.
    pub file: String,
    /// [`content_hash`] of the new claims file.
    pub hash: String,
}

impl Intent {
    pub(crate) fn new(entry: AuditEntry, file: &str, contents: &[u8]) -> Intent {
        Intent {
            entry,
            file: file.to_string(),
            hash: content_hash(contents),
        }
    }

    pub(crate) fn write(&self, dir: &Path) -> Result<(), EditError> {
        let json = serde_json::to_string(self)
            .map_err(|e| EditError::Invalid(format!("the edit cannot be recorded as JSON: {e}")))?;
        write_atomically(&dir.join(INTENT_FILE), json.as_bytes())
    }

    pub(crate) fn remove(dir: &Path) -> Result<(), EditError> {
        let path = dir.join(INTENT_FILE);
        match fs::remove_file(&path) {
            Ok(()) => {
                sync_dir(dir);
                Ok(())
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(io(&path)(e)),
        }
    }
}

/// What [`reconcile`] found of an edit interrupted before it finished.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Settled {
    /// No edit was left half done.
    Nothing,
    /// The claims file had been replaced: the edit stands, and its audit
    /// line is in the log now.
    Completed(AuditEntry),
    /// The claims file had not been replaced: the edit never happened.
    Dropped(AuditEntry),
}

/// Settles an edit interrupted by a crash and removes the temporary files
/// a crash leaves behind. Call it under [`DirLock`]: then no other writer's
/// temporary file is in flight.
pub(crate) fn reconcile(dir: &Path) -> Result<Settled, EditError> {
    remove_temporary_files(dir);
    let path = dir.join(INTENT_FILE);
    let text = match fs::read(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Settled::Nothing),
        Err(e) => return Err(io(&path)(e)),
    };
    let intent: Intent = match serde_json::from_slice(&text) {
        Ok(intent) => intent,
        Err(e) => {
            // The intent is written atomically, so this is not a torn write
            // of ours; with no hash to go by, the claims file decides.
            tracing::warn!(file = %path.display(), error = %e, "unreadable intent record removed");
            Intent::remove(dir)?;
            return Ok(Settled::Nothing);
        }
    };
    let on_disk = match fs::read(dir.join(&intent.file)) {
        Ok(bytes) => Some(bytes),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(io(&dir.join(&intent.file))(e)),
    };
    let landed = on_disk.is_some_and(|bytes| content_hash(&bytes) == intent.hash);
    if landed {
        let audit = dir.join(AUDIT_FILE);
        if !audit_entries(&audit)?.contains(&intent.entry) {
            append_line(&audit, &audit_line(&intent.entry))?;
        }
    }
    Intent::remove(dir)?;
    Ok(if landed {
        Settled::Completed(intent.entry)
    } else {
        Settled::Dropped(intent.entry)
    })
}

/// The audit entry as one line of JSON.
pub(crate) fn audit_line(entry: &AuditEntry) -> String {
    // Strings, numbers and optional JSON values always serialise.
    serde_json::to_string(entry).unwrap_or_default()
}

/// Every readable line of the audit log, oldest first; a line torn by a
/// crash, or otherwise unreadable, is skipped.
pub(crate) fn audit_entries(path: &Path) -> Result<Vec<AuditEntry>, EditError> {
    let text = match fs::read(path) {
        Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(io(path)(e)),
    };
    Ok(text
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect())
}

/// Whether a file name is a temporary file of [`write_atomically`].
fn is_temporary(name: &str) -> bool {
    name.starts_with('.') && name.ends_with(".tmp")
}

/// Removes the temporary files a writer killed mid-write left behind.
fn remove_temporary_files(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let is_file = entry.file_type().is_ok_and(|t| t.is_file());
        if is_file && entry.file_name().to_str().is_some_and(is_temporary) {
            match fs::remove_file(entry.path()) {
                Ok(()) => {
                    tracing::info!(file = %entry.path().display(), "leftover temporary file removed")
                }
                Err(e) => {
                    tracing::warn!(file = %entry.path().display(), error = %e, "leftover temporary file not removed")
                }
            }
        }
    }
}

/// A hash of a claims file's bytes that tells the file an intent wrote
/// from the one it replaced (a checksum, not a defence against anyone
/// forging files).
pub(crate) fn content_hash(bytes: &[u8]) -> String {
    format!("fnv1a64:{:016x}:{}", fnv1a64(bytes), bytes.len())
}

/// 64-bit FNV-1a: the same value on every platform and in every version,
/// which std's hasher does not promise, for hashes that are written down.
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    bytes
        .iter()
        .fold(OFFSET, |h, b| (h ^ u64::from(*b)).wrapping_mul(PRIME))
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
        fs::rename(&temp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result.map_err(io(path))?;
    sync_dir(dir);
    Ok(())
}

/// [`write_atomically`] for a log of claimbot's own (unanswered questions,
/// feedback), whose callers speak `std::io::Error`.
pub(crate) fn replace_file(path: &Path, text: &str) -> std::io::Result<()> {
    write_atomically(path, text.as_bytes()).map_err(|e| match e {
        EditError::Io { error, .. } => error,
        other => std::io::Error::other(other.to_string()),
    })
}

/// Makes a rename or removal in `dir` durable. Best effort: some platforms
/// cannot open a directory to sync it, and the file's own data is already
/// synced.
fn sync_dir(dir: &Path) {
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

/// Appends one line and syncs it to disk. A last line torn by a crash (no
/// newline at the end of the file) is ended first, so that it never
/// swallows this one.
pub(crate) fn append_line(path: &Path, line: &str) -> Result<(), EditError> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(io(parent))?;
    }
    let mut file = fs::OpenOptions::new()
        .read(true)
        .append(true)
        .create(true)
        .open(path)
        .map_err(io(path))?;
    let torn = ends_without_newline(&mut file).map_err(io(path))?;
    let text = if torn {
        format!("\n{line}\n")
    } else {
        format!("{line}\n")
    };
    file.write_all(text.as_bytes()).map_err(io(path))?;
    file.sync_data().map_err(io(path))
}

fn ends_without_newline(file: &mut fs::File) -> std::io::Result<bool> {
    if file.metadata()?.len() == 0 {
        return Ok(false);
    }
    file.seek(SeekFrom::End(-1))?;
    let mut last = [0u8; 1];
    file.read_exact(&mut last)?;
    Ok(last[0] != b'\n')
}

/// The temporary file [`write_atomically`] uses for `path` in this process.
#[cfg(test)]
pub(crate) fn temporary_path(path: &Path) -> std::path::PathBuf {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    path.with_file_name(format!(".{name}.{}.tmp", std::process::id()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Actor;

    fn entry(claim: &str) -> AuditEntry {
        AuditEntry {
            at: "2026-11-26T00:00:00+00:00".into(),
            actor: Actor {
                id: 0,
                name: "ops".into(),
            },
            action: "add".into(),
            claim: claim.into(),
            before: None,
            after: Some(serde_json::json!({ "id": claim })),
            reverts: None,
        }
    }

    #[test]
    fn a_torn_last_line_never_swallows_the_next_entry() {
        let dir = tempfile::tempdir().expect("temp dir");
        let audit = dir.path().join(AUDIT_FILE);
        fs::write(&audit, "{\"at\":\"2026-11-2").expect("write");
        append_line(&audit, &audit_line(&entry("after-crash"))).expect("append");
        let entries = audit_entries(&audit).expect("read");
        assert_eq!(entries, [entry("after-crash")]);
    }

    #[test]
    fn an_intent_whose_file_landed_is_audited_once() {
        let dir = tempfile::tempdir().expect("temp dir");
        let new = b"[source]\ntitle = \"x\"\n";
        fs::write(dir.path().join("x.toml"), new).expect("write");
        Intent::new(entry("landed"), "x.toml", new)
            .write(dir.path())
            .expect("intent");
        assert_eq!(
            reconcile(dir.path()).expect("settles"),
            Settled::Completed(entry("landed"))
        );
        assert!(!dir.path().join(INTENT_FILE).exists());
        // A crash after the audit line but before the intent's removal:
        // the line is not written twice.
        Intent::new(entry("landed"), "x.toml", new)
            .write(dir.path())
            .expect("intent");
        reconcile(dir.path()).expect("settles");
        let entries = audit_entries(&dir.path().join(AUDIT_FILE)).expect("read");
        assert_eq!(entries, [entry("landed")]);
    }

    #[test]
    fn an_intent_whose_file_never_landed_is_dropped_unaudited() {
        let dir = tempfile::tempdir().expect("temp dir");
        fs::write(dir.path().join("x.toml"), "old").expect("write");
        Intent::new(entry("never"), "x.toml", b"new")
            .write(dir.path())
            .expect("intent");
        assert_eq!(
            reconcile(dir.path()).expect("settles"),
            Settled::Dropped(entry("never"))
        );
        assert!(!dir.path().join(INTENT_FILE).exists());
        assert!(!dir.path().join(AUDIT_FILE).exists());
    }

    #[test]
    fn leftover_temporary_files_are_removed_and_others_kept() {
        let dir = tempfile::tempdir().expect("temp dir");
        let temp = temporary_path(&dir.path().join("x.toml"));
        fs::write(&temp, "half a file").expect("write");
        fs::write(dir.path().join("notes.tmp"), "not ours").expect("write");
        reconcile(dir.path()).expect("settles");
        assert!(!temp.exists());
        assert!(dir.path().join("notes.tmp").exists());
    }

    #[test]
    fn the_lock_excludes_a_second_holder_until_released() {
        let dir = tempfile::tempdir().expect("temp dir");
        let held = DirLock::take(dir.path()).expect("lock");
        let path = dir.path().to_path_buf();
        let (tx, rx) = std::sync::mpsc::channel();
        let waiter = std::thread::spawn(move || {
            let _second = DirLock::take(&path).expect("lock");
            tx.send(()).expect("send");
        });
        assert!(rx
            .recv_timeout(std::time::Duration::from_millis(200))
            .is_err());
        drop(held);
        rx.recv_timeout(std::time::Duration::from_secs(10))
            .expect("taken once released");
        waiter.join().expect("thread");
    }
}
