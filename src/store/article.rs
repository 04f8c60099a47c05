//! Adding an article (`/kb article`, `claimbot kb article`): a `.txt` or
//! `.md` file checked as the loader reads it, saved under a safe name of
//! its own, written atomically under the knowledge base's lock and audited
//! like every edit, so that it serves exactly as a file dropped into the
//! knowledge directory would. Nothing is ever replaced: an article whose
//! name is taken is refused.

use std::fs;
use std::path::Path;

use serde_json::json;
use unicode_normalization::UnicodeNormalization;

use super::{counted, Actor, AuditEntry, EditError, Edited, Store, RESERVED_SOURCES};
use crate::knowledge::files::{kind_of, text_of, FileKind};
use crate::knowledge::{KnowledgeError, Origin};

/// The audit action of an added article; its entry's `claim` is the new
/// source's id.
pub const ARTICLE_ACTION: &str = "article";
/// The longest stem a saved article keeps: the longest claim id, so that a
/// source id is never longer than the ids moderators type.
const MAX_STEM: usize = 64;

/// An article added, with what the moderator is told of it.
#[derive(Debug)]
pub struct AddedArticle {
    pub edited: Edited,
    /// The new source's id: the file's stem.
    pub source: String,
    /// The file's name in the knowledge directory.
    pub file: String,
    pub title: String,
    /// How many of its sentences are claims now.
    pub sentences: usize,
    /// The loader's warnings about it (a large article).
    pub warnings: Vec<String>,
}

/// The name an article uploaded as `upload` is saved under: the last part
/// of the name only (no directory can be named), its letters and digits in
/// lower case (accents dropped) with dashes between words, and its
/// extension, `.txt` or `.md`. Refused when nothing usable is left or the
/// loader would not read the file as an article.
pub fn article_file_name(upload: &str) -> Result<String, EditError> {
    let base = upload.rsplit(['/', '\\']).next().unwrap_or(upload).trim();
    let (stem, extension) = base.rsplit_once('.').unwrap_or((base, ""));
    let extension = extension.to_ascii_lowercase();
    if !matches!(extension.as_str(), "txt" | "md") {
        return Err(EditError::Invalid(format!(
            "{upload:?} is not an article: only .txt and .md files are read"
        )));
    }
    let mut slug = String::new();
    for c in stem.nfkd().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if c.is_alphanumeric() || c.is_ascii() || c.is_whitespace() {
            // A separator, or a letter with no plain form: one dash.
            if !slug.is_empty() && !slug.ends_with('-') {
                slug.push('-');
            }
        }
        // Anything else is an accent left over from decomposing "é".
    }
    let slug: String = slug.chars().take(MAX_STEM).collect();
    let slug = slug.trim_matches('-');
    if slug.is_empty() {
        return Err(EditError::Invalid(format!(
            "{upload:?} gives no file name: name the file with letters or digits"
        )));
    }
    if RESERVED_SOURCES.contains(&slug) || slug.starts_with("readme") {
        return Err(EditError::Invalid(format!(
            "{upload:?}: the name {slug:?} is reserved (vocabulary.toml, audit.jsonl and README files are not articles); rename the file"
        )));
    }
    let name = format!("{slug}.{extension}");
    if kind_of(&name) != FileKind::Article {
        return Err(EditError::Invalid(format!(
            "{upload:?}: {name} would not be read as an article; rename the file"
        )));
    }
    Ok(name)
}

impl Store {
    /// Adds the article uploaded as `upload` (its name, as the uploader
    /// had it) with the text `bytes`: refused, changing nothing, when it is
    /// not an article the loader reads (see [`article_file_name`] and
    /// [`text_of`]), has no sentence, or its name is taken by a source.
    pub fn add_article(
        &self,
        actor: &Actor,
        upload: &str,
        bytes: Vec<u8>,
    ) -> Result<AddedArticle, EditError> {
        counted(ARTICLE_ACTION, self.try_add_article(actor, upload, bytes))
    }

    fn try_add_article(
        &self,
        actor: &Actor,
        upload: &str,
        bytes: Vec<u8>,
    ) -> Result<AddedArticle, EditError> {
        let file = article_file_name(upload)?;
        let source = file.rsplit_once('.').map_or(file.as_str(), |(s, _)| s);
        // Errors name the file as it will be in the knowledge directory.
        let text = text_of(Path::new(&file), bytes)?;
        let _locked = self.lock()?;
        let mut contents = crate::knowledge::files::Contents::read(&self.dir)?;
        let kb = contents.build(&self.dir)?;
        if let Some(taken) = kb.sources.iter().find(|s| s.id.to_lowercase() == source) {
            return Err(EditError::Invalid(format!(
                "{file}: the knowledge base already has a source {:?} ({}, \"{}\"); nothing is replaced: rename the file to add it as another article",
                taken.id, taken.text_file, taken.title
            )));
        }
        let path = self.dir.join(&file);
        if fs::symlink_metadata(&path).is_ok() {
            return Err(EditError::Invalid(format!(
                "{file} is already in the knowledge directory; nothing is replaced: rename the file"
            )));
        }
        contents.put(&file, text.clone());
        let kb = contents
            .build(&self.dir)
            .map_err(|e| EditError::Invalid(format!("refused: {e}")))?;
        let Some(index) = kb.sources.iter().position(|s| s.text_file == file) else {
            return Err(EditError::Invalid(format!(
                "refused: {file} would not be read as an article"
            )));
        };
        let sentences = kb
            .claims
            .iter()
            .filter(|c| c.source == index && matches!(c.origin, Origin::Sentence { .. }))
            .count();
        if sentences == 0 {
            return Err(KnowledgeError::invalid(
                Path::new(&file),
                1,
                "no sentence to quote: the article is empty",
            )
            .into());
        }
        let title = kb.sources[index].title.clone();
        let named = path.display().to_string();
        let warnings = kb
            .warnings
            .iter()
            .filter(|w| w.starts_with(&format!("{named}:")))
            .cloned()
            .collect();
        let entry = AuditEntry {
            at: chrono::Utc::now().to_rfc3339(),
            actor: actor.clone(),
            action: ARTICLE_ACTION.to_string(),
            claim: source.to_string(),
            before: None,
            after: Some(json!({
                "source": source,
                "file": file,
                "title": title,
                "sentences": sentences,
                "bytes": text.len(),
            })),
            reverts: None,
        };
        let edited = self.commit(&file, text.as_bytes(), entry, kb)?;
        Ok(AddedArticle {
            edited,
            source: source.to_string(),
            file,
            title,
            sentences,
            warnings,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answer::Thresholds;
    use crate::knowledge::files::MAX_FILE_BYTES;

    const ARTICLE: &str = "# Harbour Bridge reopens\n\nThe Harbour Bridge reopened on Monday after a 14-month closure. The repairs cost £4.2m.\n";

    fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().expect("temp dir");
        fs::write(
            dir.path().join("swap.txt"),
            "Each side released 390 people.",
        )
        .expect("write");
        let store = Store::open(dir.path().to_path_buf(), Thresholds::default()).expect("opens");
        (dir, store)
    }

    fn moderator() -> Actor {
        Actor {
            id: 7,
            name: "mod".into(),
        }
    }

    /// The knowledge directory's files and their contents.
    fn files(dir: &tempfile::TempDir) -> Vec<(String, Vec<u8>)> {
        let mut files: Vec<(String, Vec<u8>)> = fs::read_dir(dir.path())
            .expect("read dir")
            .flatten()
            .filter(|e| e.file_name() != ".lock")
            .map(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                (name, fs::read(e.path()).unwrap_or_default())
            })
            .collect();
        files.sort();
        files
    }

    #[test]
    fn a_safe_name_is_derived_from_whatever_the_upload_was_called() {
        let cases = [
            ("harbour-bridge.md", "harbour-bridge.md"),
            ("Harbour Bridge (final).MD", "harbour-bridge-final.md"),
            ("../../etc/passwd.txt", "passwd.txt"),
            ("..\\..\\boot.ini.txt", "boot-ini.txt"),
            ("Über die Brücke.txt", "uber-die-brucke.txt"),
            (".hidden.txt", "hidden.txt"),
            ("__report__.txt", "report.txt"),
        ];
        for (upload, saved) in cases {
            assert_eq!(article_file_name(upload).expect(upload), saved, "{upload}");
        }
        let long = format!("{}.txt", "a".repeat(100));
        assert_eq!(
            article_file_name(&long).expect("long"),
            format!("{}.txt", "a".repeat(64))
        );
    }

    #[test]
    fn a_name_that_is_no_article_or_is_reserved_is_refused() {
        let cases = [
            ("notes.pdf", "only .txt and .md"),
            ("article", "only .txt and .md"),
            ("claims.toml", "only .txt and .md"),
            ("../.txt", "no file name"),
            ("---.md", "no file name"),
            ("vocabulary.txt", "reserved"),
            ("Audit.md", "reserved"),
            ("README.md", "reserved"),
        ];
        for (upload, why) in cases {
            let e = article_file_name(upload).expect_err(upload).to_string();
            assert!(e.contains(why), "{upload}: {e}");
        }
    }

    #[test]
    fn an_added_article_answers_at_once_is_audited_and_survives_a_restart() {
        let (dir, store) = store();
        let added = store
            .add_article(
                &moderator(),
                "Harbour Bridge.md",
                ARTICLE.as_bytes().to_vec(),
            )
            .expect("added");
        assert_eq!(added.file, "harbour-bridge.md");
        assert_eq!(added.title, "Harbour Bridge reopens");
        assert_eq!(added.sentences, 3, "the heading and two sentences");
        assert_eq!(
            fs::read_to_string(dir.path().join("harbour-bridge.md")).expect("written"),
            ARTICLE
        );
        let answer = store.engine().ask("How much did the repairs cost?");
        assert_eq!(answer.quote.as_deref(), Some("The repairs cost £4.2m."));
        let history = store.history(10).expect("history");
        assert_eq!(history.len(), 1);
        assert_eq!(history[0].action, ARTICLE_ACTION);
        assert_eq!(history[0].claim, "harbour-bridge");
        let reopened =
            Store::open(dir.path().to_path_buf(), Thresholds::default()).expect("reopens");
        assert!(reopened.engine().claim("harbour-bridge#s3").is_some());
    }

    #[test]
    fn a_refused_article_changes_nothing_and_says_why() {
        let (dir, store) = store();
        let before = files(&dir);
        let huge = vec![b'a'; MAX_FILE_BYTES + 1];
        let cases: [(&str, Vec<u8>, &str); 5] = [
            (
                "bad.md",
                b"First line.\nSecond \xff line.".to_vec(),
                "bad.md:2: not valid UTF-8 text",
            ),
            (
                "empty.txt",
                b"  \n\n".to_vec(),
                "empty.txt:1: no sentence to quote",
            ),
            ("huge.txt", huge, "huge.txt:1: 4.0 MB is more than"),
            (
                "Swap.md",
                b"Another text.".to_vec(),
                "already has a source \"swap\"",
            ),
            ("photo.png", b"Not read.".to_vec(), "only .txt and .md"),
        ];
        for (upload, bytes, why) in cases {
            let e = store
                .add_article(&moderator(), upload, bytes)
                .expect_err(upload)
                .to_string();
            assert!(e.contains(why), "{upload}: {e}");
        }
        assert_eq!(files(&dir), before, "nothing written");
        assert!(store.history(10).expect("history").is_empty());
        assert_eq!(store.engine().summary().sources, 1);
    }

    #[test]
    fn an_added_article_is_not_reverted_but_the_refusal_says_how_to_remove_it() {
        let (dir, store) = store();
        store
            .add_article(&moderator(), "bridge.txt", ARTICLE.as_bytes().to_vec())
            .expect("added");
        let e = store
            .revert(&moderator(), &crate::store::RevertTarget::Latest(1))
            .expect_err("refused")
            .to_string();
        assert!(e.contains("remove the file bridge.txt"), "{e}");
        assert!(dir.path().join("bridge.txt").exists());
    }
}
