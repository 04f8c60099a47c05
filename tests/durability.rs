//! Nothing an edit does is ever lost or misreported: `claimbot kb …` run as
//! operators and scripts run it, several at once, killed mid-edit, with the
//! audit log torn or unwritable.

use std::collections::{BTreeSet, HashMap};
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Output, Stdio};
use std::time::Duration;

const ARTICLE: &str =
    "Each side released 390 people. The swap took place in Belarus. Talks were held in Istanbul.";
const CLAIMS: &str = "# Curated by hand.\n[source]\ntitle = \"Swap\"\n\n[[claims]]\nid = \"per-side\"\nanswer = \"390 on each side.\"\nquote = \"Each side released 390 people.\"\nquestions = [\"How many people were released?\"]\n";
/// Verbatim in [`ARTICLE`].
const QUOTE: &str = "Talks were held in Istanbul.";

#[path = "support/binary.rs"]
mod binary;
use binary::bin;

fn temp_kb() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("swap.txt"), ARTICLE).expect("write");
    std::fs::write(dir.path().join("swap.toml"), CLAIMS).expect("write");
    dir
}

/// `claimbot --kb DIR kb ARGS…` as the user `ops`.
fn kb(dir: &Path, args: &[&str]) -> Output {
    let mut cmd = bin();
    cmd.arg("--kb")
        .arg(dir)
        .arg("kb")
        .args(args)
        .args(["--by", "ops"]);
    cmd.stdin(Stdio::null()).output().expect("the binary runs")
}

fn add(dir: &Path, id: &str) -> Output {
    kb(
        dir,
        &[
            "add",
            "--source",
            "swap",
            "--id",
            id,
            "--answer",
            "In Istanbul.",
            "--quote",
            QUOTE,
            "--question",
            "Where were the talks?",
        ],
    )
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn check_loads(dir: &Path) {
    let o = bin()
        .arg("--kb")
        .arg(dir)
        .arg("check")
        .output()
        .expect("check runs");
    assert!(o.status.success(), "check: {}", text(&o.stderr));
}

/// The curated claims in the claims file, by id.
fn claims(dir: &Path) -> HashMap<String, toml::Value> {
    let file = std::fs::read_to_string(dir.join("swap.toml")).expect("claims file");
    let doc: toml::Value = toml::from_str(&file).expect("valid TOML");
    doc.get("claims")
        .and_then(toml::Value::as_array)
        .map(|claims| {
            claims
                .iter()
                .filter_map(|c| Some((c.get("id")?.as_str()?.to_string(), c.clone())))
                .collect()
        })
        .unwrap_or_default()
}

/// Every audit entry, oldest first, as `kb history --json` prints it; the
/// command opens the store, so an interrupted edit is settled first.
fn history(dir: &Path) -> Vec<serde_json::Value> {
    let o = kb(dir, &["history", "--json", "--limit", "1000000"]);
    assert!(o.status.success(), "history: {}", text(&o.stderr));
    let mut entries: Vec<serde_json::Value> = text(&o.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON entry a line"))
        .collect();
    entries.reverse();
    entries
}

fn added_ids(entries: &[serde_json::Value]) -> Vec<String> {
    entries
        .iter()
        .filter(|e| e["action"] == "add")
        .filter_map(|e| e["claim"].as_str().map(str::to_string))
        .collect()
}

/// Every file in the directory but the lock, with its bytes.
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .expect("read dir")
        .flatten()
        .filter(|e| e.file_name() != ".lock")
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap_or_default(),
            )
        })
        .collect();
    files.sort();
    files
}

/// `claimbot kb import` of `ids`, each a claim quoting [`QUOTE`].
fn import(
    dir: &Path,
    ids: impl IntoIterator<Item = String> + Send + 'static,
) -> std::process::Child {
    let mut child = bin()
        .arg("--kb")
        .arg(dir)
        .args(["kb", "import", "--by", "script"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    let mut stdin = child.stdin.take().expect("stdin");
    std::thread::spawn(move || {
        for id in ids {
            let line = serde_json::json!({
                "source": "swap",
                "id": id,
                "answer": "In Istanbul.",
                "quote": QUOTE,
                "questions": ["Where were the talks?"],
            });
            if writeln!(stdin, "{line}").is_err() {
                return; // the process was killed
            }
        }
    });
    child
}

/// The ids a `kb add` or `kb import` reported done, as it reports them.
fn reported(stdout: &str) -> Vec<String> {
    stdout
        .lines()
        .filter_map(|l| l.strip_prefix("added claim ").map(str::to_string))
        .collect()
}

#[test]
fn concurrent_processes_lose_no_reported_add_and_audit_each_once() {
    let dir = temp_kb();
    // Six processes at once, ten adds each: they start together, so their
    // edits contend for the lock.
    let children: Vec<_> = (0..6)
        .map(|w| import(dir.path(), (0..10).map(move |i| format!("talks-{w}-{i}"))))
        .collect();
    let mut done: Vec<String> = Vec::new();
    for child in children {
        let o = child.wait_with_output().expect("finishes");
        assert!(o.status.success(), "{}", text(&o.stderr));
        done.extend(reported(&text(&o.stdout)));
    }
    assert_eq!(
        done.len(),
        60,
        "every add is done, none refused for want of a lock"
    );
    // And single `kb add` processes alongside one another.
    let singles: Vec<_> = (0..6)
        .map(|w| {
            let dir = dir.path().to_path_buf();
            std::thread::spawn(move || add(&dir, &format!("single-{w}")))
        })
        .collect();
    for single in singles {
        let o = single.join().expect("thread");
        assert!(o.status.success(), "{}", text(&o.stderr));
        done.extend(reported(&text(&o.stdout)));
    }
    check_loads(dir.path());
    let in_files = claims(dir.path());
    for id in &done {
        assert!(in_files.contains_key(id), "{id} reported done but lost");
    }
    let mut audited = added_ids(&history(dir.path()));
    audited.sort();
    done.sort();
    assert_eq!(audited, done, "one audit line per reported add");
}

fn reported_lines(input: impl BufRead) -> impl Iterator<Item = String> {
    input
        .lines()
        .map_while(Result::ok)
        .filter_map(|l| l.strip_prefix("added claim ").map(str::to_string))
}

/// A small xorshift generator: random kill points without a dependency.
struct Random(u64);

impl Random {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

#[cfg(unix)]
#[test]
fn killed_mid_edit_the_knowledge_base_loads_and_files_and_audit_agree() {
    /// Enough kills to land in every step of an edit; about 40 seconds on
    /// two cores (each kill costs a start of the binary and two checks).
    const KILLS: usize = 25;
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(1, |d| d.as_nanos() as u64 | 1);
    let mut random = Random(seed);
    let dir = temp_kb();
    let mut done: Vec<String> = Vec::new();
    for round in 0..KILLS {
        let mut child = import(dir.path(), (0..500).map(move |i| format!("r{round}-{i}")));
        let stdout = child.stdout.take().expect("stdout");
        let (tx, rx) = std::sync::mpsc::channel();
        let reader = std::thread::spawn(move || {
            for id in reported_lines(BufReader::new(stdout)) {
                let _ = tx.send(id);
            }
        });
        if round % 5 == 0 {
            // Now and then while it opens the store and settles.
            std::thread::sleep(Duration::from_millis(random.below(800)));
        } else {
            // Mostly in the middle of its edits: after the first is done.
            if let Ok(first) = rx.recv_timeout(Duration::from_secs(20)) {
                done.push(first);
            }
            std::thread::sleep(Duration::from_millis(random.below(150)));
        }
        child.kill().expect("SIGKILL");
        child.wait().expect("reaped");
        reader.join().expect("reader");
        done.extend(rx.try_iter());

        // The knowledge base loads, and a store opening on it settles what
        // the kill interrupted.
        let checking = {
            let dir = dir.path().to_path_buf();
            std::thread::spawn(move || check_loads(&dir))
        };
        let entries = history(dir.path());
        let in_files = claims(dir.path());
        checking.join().expect("check");
        for id in &done {
            assert!(
                in_files.contains_key(id),
                "round {round} (seed {seed}): {id} reported done but lost"
            );
        }
        let audited = added_ids(&entries);
        let unique: BTreeSet<&String> = audited.iter().collect();
        assert_eq!(
            unique.len(),
            audited.len(),
            "round {round} (seed {seed}): an add audited twice"
        );
        let added_in_files: BTreeSet<&String> =
            in_files.keys().filter(|id| *id != "per-side").collect();
        assert_eq!(
            added_in_files, unique,
            "round {round} (seed {seed}): the audit log and the files disagree"
        );
        let leftovers: Vec<String> = snapshot(dir.path())
            .into_iter()
            .map(|(name, _)| name)
            .filter(|n| n.starts_with('.'))
            .collect();
        assert!(
            leftovers.is_empty(),
            "round {round} (seed {seed}): left behind {leftovers:?}"
        );
    }
    assert!(!done.is_empty(), "some edits finished between kills");
}

#[test]
fn a_source_named_like_a_reserved_file_is_refused_and_nothing_changes() {
    let dir = temp_kb();
    std::fs::write(dir.path().join("vocabulary.txt"), "Words are listed here.").expect("write");
    check_loads(dir.path());
    let before = snapshot(dir.path());
    for source in ["vocabulary", "audit", ".lock"] {
        let o = kb(
            dir.path(),
            &[
                "add",
                "--source",
                source,
                "--id",
                "words",
                "--answer",
                "Words.",
                "--quote",
                "Words are listed here.",
            ],
        );
        assert_eq!(o.status.code(), Some(2), "{source}");
        let err = text(&o.stderr);
        assert_eq!(err.lines().count(), 1, "one line: {err}");
        assert!(err.contains("reserved"), "{source}: {err}");
        assert!(o.stdout.is_empty());
    }
    assert_eq!(snapshot(dir.path()), before);
}

#[test]
fn a_refused_edit_says_why_on_one_line_and_changes_nothing() {
    let dir = temp_kb();
    let before = snapshot(dir.path());
    let o = kb(
        dir.path(),
        &[
            "add",
            "--source",
            "swap",
            "--id",
            "geneva",
            "--answer",
            "Geneva.",
            "--quote",
            "Talks were held in Geneva.",
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    let err = text(&o.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("quote not found in swap.txt"), "{err}");
    assert_eq!(snapshot(dir.path()), before);
}

#[test]
fn an_article_is_added_once_under_a_safe_name_and_never_replaced() {
    let dir = temp_kb();
    let uploads = tempfile::tempdir().expect("temp dir");
    let article = uploads.path().join("Harbour Bridge.md");
    let written =
        "# Harbour Bridge reopens\n\nThe bridge reopened on Monday. The repairs cost £4.2m.\n";
    std::fs::write(&article, written).expect("write");
    let path = article.to_string_lossy().into_owned();

    let o = kb(dir.path(), &["article", &path]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert_eq!(
        text(&o.stdout),
        "added article harbour-bridge as harbour-bridge.md: \"Harbour Bridge reopens\", 3 sentences\n"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("harbour-bridge.md")).expect("saved"),
        written
    );
    let entries = history(dir.path());
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0]["action"], "article");
    assert_eq!(entries[0]["actor"]["name"], "ops");
    check_loads(dir.path());

    let before = snapshot(dir.path());
    std::fs::write(&article, "Another text altogether.").expect("write");
    let missing = uploads
        .path()
        .join("missing.txt")
        .to_string_lossy()
        .into_owned();
    for (args, why) in [
        (["article", path.as_str()], "already has a source"),
        (["article", missing.as_str()], "missing.txt"),
    ] {
        let o = kb(dir.path(), &args);
        assert_eq!(o.status.code(), Some(2), "{why}");
        let err = text(&o.stderr);
        assert_eq!(err.lines().count(), 1, "one line: {err}");
        assert!(err.contains(why), "{why}: {err}");
        assert!(o.stdout.is_empty());
    }
    assert_eq!(snapshot(dir.path()), before, "nothing replaced");
}

#[test]
fn revert_of_an_add_an_edit_and_a_remove_restores_the_state_before() {
    let dir = temp_kb();
    let file = || std::fs::read_to_string(dir.path().join("swap.toml")).expect("read");
    let original_text = file();
    let original = claims(dir.path());

    let o = add(dir.path(), "talks-city");
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert_eq!(text(&o.stdout).trim(), "added claim talks-city");
    let o = kb(dir.path(), &["revert"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(text(&o.stdout).contains("removed claim talks-city"));
    assert_eq!(file(), original_text);

    let o = kb(
        dir.path(),
        &["edit", "per-side", "--answer", "390.", "--clear-questions"],
    );
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert_eq!(text(&o.stdout).trim(), "edited claim per-side");
    assert_ne!(claims(dir.path()), original);
    let o = kb(dir.path(), &["revert", "1"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert_eq!(claims(dir.path()), original);

    let o = kb(dir.path(), &["remove", "per-side"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(claims(dir.path()).is_empty());
    let removed_at = history(dir.path())
        .last()
        .and_then(|e| e["at"].as_str().map(str::to_string))
        .expect("the remove is audited");
    let o = kb(dir.path(), &["revert", "--entry", &removed_at]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert_eq!(claims(dir.path()), original);

    let actions: Vec<String> = history(dir.path())
        .iter()
        .map(|e| e["action"].as_str().unwrap_or("").to_string())
        .collect();
    assert_eq!(
        actions,
        ["add", "revert", "edit", "revert", "remove", "revert"]
    );
    check_loads(dir.path());
}

#[test]
fn a_torn_last_audit_line_does_not_swallow_the_next_entry() {
    let dir = temp_kb();
    let audit = dir.path().join("audit.jsonl");
    std::fs::write(&audit, "{\"at\":\"2026-11-25T10:00:00+00:00\",\"act").expect("write");
    let o = add(dir.path(), "talks-city");
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert_eq!(added_ids(&history(dir.path())), ["talks-city"]);
    let raw = std::fs::read_to_string(&audit).expect("read");
    let last = raw.lines().last().expect("a last line");
    assert!(last.contains("\"claim\":\"talks-city\""), "{raw}");
}

#[test]
fn a_temporary_file_left_by_a_crash_is_removed_at_open() {
    let dir = temp_kb();
    let temp = dir.path().join(".swap.toml.4242.tmp");
    std::fs::write(&temp, "[source]\ntitle = \"half of a fi").expect("write");
    check_loads(dir.path());
    let o = kb(dir.path(), &["history"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(!temp.exists(), "removed when the store opens");
}

#[cfg(unix)]
#[test]
fn an_edit_whose_audit_line_fails_reports_it_applied_and_is_audited_later() {
    let dir = temp_kb();
    let audit = dir.path().join("audit.jsonl");
    std::fs::create_dir(&audit).expect("a directory where the log goes");
    let o = add(dir.path(), "talks-city");
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert_eq!(text(&o.stdout).trim(), "added claim talks-city");
    let err = text(&o.stderr);
    assert!(
        err.contains("warning") && err.contains("is applied"),
        "{err}"
    );
    assert!(!err.contains("nothing changed"), "{err}");
    assert!(claims(dir.path()).contains_key("talks-city"));
    check_loads(dir.path());

    std::fs::remove_dir(&audit).expect("the log can be written again");
    assert_eq!(added_ids(&history(dir.path())), ["talks-city"]);
}
