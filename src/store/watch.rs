//! Edits made by any other process (another bot process, `claimbot kb`,
//! an operator copying files) reach this one within a second: the
//! knowledge directory is watched, and a change to what the loader reads
//! reloads it, with the rule of `/kb reload`: a broken result keeps the
//! last good engine in service.

use std::path::Path;
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use notify::{RecursiveMode, Watcher as _};

use super::Store;
use crate::knowledge::files::{kind_of, FileKind};

/// Events closer together than this are one change (an editor's save, an
/// edit's temporary file and rename): reloaded once, after the last.
const QUIET: Duration = Duration::from_millis(150);
/// A stream of changes still reloads this often.
const AT_MOST: Duration = Duration::from_millis(800);

/// What the loader would read, as (file name, size, modification time):
/// equal fingerprints, same knowledge base.
pub type Fingerprint = Vec<(String, u64, Option<SystemTime>)>;

/// The fingerprint of a knowledge directory; empty when it cannot be read.
pub fn fingerprint(dir: &Path) -> Fingerprint {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Fingerprint = entries
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let name = entry.file_name().to_str()?.to_string();
            if kind_of(&name) == FileKind::Ignored {
                return None;
            }
            // Follows symbolic links, as the loader does.
            let meta = std::fs::metadata(entry.path()).ok()?;
            meta.is_file()
                .then(|| (name, meta.len(), meta.modified().ok()))
        })
        .collect();
    out.sort();
    out
}

/// Watching a knowledge directory; stops when dropped.
pub struct Watching {
    _watcher: notify::RecommendedWatcher,
}

impl std::fmt::Debug for Watching {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Watching")
    }
}

/// Starts watching the store's directory on a thread of its own.
pub fn watch(store: Arc<Store>) -> Result<Watching, notify::Error> {
    let (tx, rx) = channel::<()>();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if event.is_ok() {
            let _ = tx.send(());
        }
    })?;
    watcher.watch(store.dir(), RecursiveMode::NonRecursive)?;
    std::thread::Builder::new()
        .name("knowledge-watch".into())
        .spawn(move || reload_on_change(&store, &rx))
        .map_err(|e| notify::Error::generic(&e.to_string()))?;
    Ok(Watching { _watcher: watcher })
}

fn reload_on_change(store: &Store, events: &Receiver<()>) {
    while events.recv().is_ok() {
        let started = Instant::now();
        loop {
            match events.recv_timeout(QUIET) {
                Ok(()) if started.elapsed() < AT_MOST => continue,
                Ok(()) | Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return,
            }
        }
        match store.reload_if_changed() {
            None => {}
            Some(Ok(summary)) => tracing::info!(
                sources = summary.sources,
                claims = summary.claims,
                "knowledge directory changed; reloaded"
            ),
            Some(Err(e)) => tracing::warn!(
                error = %e,
                "knowledge directory changed but does not load; the last good knowledge base stays in service"
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ARTICLE: &str = "Each side released 390 people. The swap took place in Belarus.";

    /// Polls for at most five seconds.
    fn eventually(what: &str, done: impl Fn() -> bool) {
        let started = Instant::now();
        while !done() {
            assert!(started.elapsed() < Duration::from_secs(5), "{what}");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    #[test]
    fn an_outside_edit_is_served_within_a_second_and_a_broken_one_is_not() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join("swap.txt"), ARTICLE).expect("write");
        let store =
            Arc::new(Store::open(dir.path().to_path_buf(), Default::default()).expect("opens"));
        let _watching = watch(Arc::clone(&store)).expect("watches");
        let sources = |s: &Store| s.engine().knowledge().sources.len();
        assert_eq!(sources(&store), 1);

        let started = Instant::now();
        std::fs::write(dir.path().join("bridge.txt"), "The bridge reopened in May.")
            .expect("write");
        eventually("a new article is loaded", || sources(&store) == 2);
        assert!(started.elapsed() < Duration::from_secs(1));

        // A claims file whose quote is not in its article: refused, and
        // the last good engine stays.
        std::fs::write(
            dir.path().join("swap.toml"),
            "[source]\ntitle = \"Swap\"\n[[claims]]\nid = \"x\"\nanswer = \"x\"\nquote = \"not in the article\"\n",
        )
        .expect("write");
        std::thread::sleep(Duration::from_millis(600));
        assert_eq!(sources(&store), 2);
        assert!(store.engine().claim("x").is_none());

        // Fixed: loaded.
        std::fs::write(
            dir.path().join("swap.toml"),
            "[source]\ntitle = \"Swap\"\n[[claims]]\nid = \"x\"\nanswer = \"390.\"\nquote = \"Each side released 390 people.\"\n",
        )
        .expect("write");
        eventually("the fixed claims file is loaded", || {
            store.engine().claim("x").is_some()
        });
    }

    #[test]
    fn files_the_loader_ignores_change_nothing() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join("swap.txt"), ARTICLE).expect("write");
        let before = fingerprint(dir.path());
        std::fs::write(dir.path().join("audit.jsonl"), "{}\n").expect("write");
        std::fs::write(dir.path().join(".lock"), "").expect("write");
        std::fs::write(dir.path().join("notes.pdf"), "x").expect("write");
        assert_eq!(fingerprint(dir.path()), before);
        std::fs::write(dir.path().join("swap.txt"), "Changed.").expect("write");
        assert_ne!(fingerprint(dir.path()), before);
    }
}
