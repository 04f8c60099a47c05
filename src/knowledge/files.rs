//! Reading a knowledge directory: articles, claims files, the vocabulary.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use super::{
    line_of, locate::Locator, valid_id, Claim, KnowledgeBase, KnowledgeError, Lines, Origin,
    Source, Values,
};
use crate::text::{sentences, Lexicon};

/// Name of the vocabulary file inside the knowledge directory.
pub const VOCABULARY_FILE: &str = "vocabulary.toml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ClaimsFile {
    pub source: SourceMeta,
    #[serde(default)]
    pub claims: Vec<Spanned<ClaimSpec>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SourceMeta {
    pub title: String,
    pub text: Option<String>,
    pub publisher: Option<String>,
    pub author: Option<String>,
    pub published: Option<String>,
    pub url: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ClaimSpec {
    pub id: Spanned<String>,
    pub answer: Spanned<String>,
    pub quote: Spanned<String>,
    #[serde(default)]
    pub questions: Vec<String>,
    #[serde(default)]
    pub numbers: Vec<String>,
    #[serde(default)]
    pub places: Vec<String>,
    #[serde(default)]
    pub people: Vec<String>,
    #[serde(default)]
    pub durations: Vec<String>,
    #[serde(default)]
    pub dates: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct VocabularyFile {
    #[serde(default)]
    synonyms: Vec<Vec<String>>,
    #[serde(default)]
    antonyms: Vec<[String; 2]>,
    #[serde(default)]
    stopwords: Vec<String>,
}

/// The largest knowledge file loaded. Every sentence of an article becomes
/// a claim: an article of this size (about 60,000 sentences) loads in
/// about 1 s on the 2-core development machine and takes about 200 MB, so
/// a bigger one is refused with the reason rather than stalling the bot or
/// eating its memory.
pub const MAX_FILE_BYTES: usize = 4 * 1024 * 1024;
/// Articles past this size load, with a warning: about 15,000 sentences,
/// most of a second for every load and edit.
pub const LARGE_ARTICLE_BYTES: usize = 1024 * 1024;

/// A size for messages: "4.0 MB".
pub fn megabytes(bytes: usize) -> String {
    format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
}

/// Why a file of `bytes` is refused: past [`MAX_FILE_BYTES`].
pub fn too_large(path: &Path, bytes: usize) -> KnowledgeError {
    KnowledgeError::invalid(
        path,
        1,
        format!(
            "{} is more than the {} a knowledge file may have; split the article into parts",
            megabytes(bytes),
            megabytes(MAX_FILE_BYTES)
        ),
    )
}

fn read(path: &Path) -> Result<String, KnowledgeError> {
    let size = fs::metadata(path).map_or(0, |m| m.len());
    if size > MAX_FILE_BYTES as u64 {
        return Err(too_large(path, usize::try_from(size).unwrap_or(usize::MAX)));
    }
    let bytes = fs::read(path).map_err(|error| KnowledgeError::Io {
        path: path.to_path_buf(),
        error,
    })?;
    text_of(path, bytes)
}

/// The text of a knowledge file's bytes, as the loader takes it: refused
/// past [`MAX_FILE_BYTES`], or when not UTF-8 (naming the line). `path`
/// names the file in the error: an article uploaded for `/kb article` is
/// checked here before it is written.
pub fn text_of(path: &Path, bytes: Vec<u8>) -> Result<String, KnowledgeError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(too_large(path, bytes.len()));
    }
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let line = line_of(&String::from_utf8_lossy(&e.as_bytes()[..offset]), offset);
        KnowledgeError::invalid(path, line, "not valid UTF-8 text")
    })
}

fn parse_toml<T: serde::de::DeserializeOwned>(
    path: &Path,
    text: &str,
) -> Result<T, KnowledgeError> {
    toml::from_str(text).map_err(|e| {
        let line = e.span().map_or(1, |s| line_of(text, s.start));
        KnowledgeError::invalid(path, line, e.message().trim().to_string())
    })
}

/// Whether a file name is an article the loader reads.
pub fn is_article(name: &str) -> bool {
    (name.ends_with(".txt") || name.ends_with(".md"))
        && !name.starts_with('.')
        && !name.to_lowercase().starts_with("readme")
}

/// What the loader makes of a file in the knowledge directory, by its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Article,
    Claims,
    Vocabulary,
    /// Not read: dotfiles (`.lock`, `.intent.json`, temporary files), the
    /// audit log, READMEs, anything else.
    Ignored,
}

/// The one rule for which file is what, used when reading a directory and
/// when an edit checks the files it is about to write.
pub fn kind_of(name: &str) -> FileKind {
    if name.starts_with('.') {
        FileKind::Ignored
    } else if name == VOCABULARY_FILE {
        FileKind::Vocabulary
    } else if name.ends_with(".toml") {
        FileKind::Claims
    } else if is_article(name) {
        FileKind::Article
    } else {
        FileKind::Ignored
    }
}

pub fn load_dir(dir: &Path) -> Result<KnowledgeBase, KnowledgeError> {
    Contents::read(dir)?.build(dir)
}

/// The files of a knowledge directory, read into memory.
#[derive(Debug, Clone, Default)]
pub struct Contents {
    /// Article file name → text.
    pub texts: HashMap<String, String>,
    /// Claims file name → TOML text, sorted by name.
    pub claims_files: Vec<(String, String)>,
    pub vocabulary: Option<String>,
}

impl Contents {
    pub fn read(dir: &Path) -> Result<Contents, KnowledgeError> {
        let io = |error| KnowledgeError::Io {
            path: dir.to_path_buf(),
            error,
        };
        let mut names: Vec<String> = Vec::new();
        for entry in fs::read_dir(dir).map_err(io)? {
            let entry = entry.map_err(io)?;
            // A symbolic link to a file is read like the file: metadata
            // follows links, the directory entry's own type does not.
            if fs::metadata(entry.path()).is_ok_and(|m| m.is_file()) {
                if let Some(name) = entry.file_name().to_str() {
                    names.push(name.to_string());
                }
            }
        }
        names.sort();
        // "x.txt" and "x.md" would be one source twice: which text is meant?
        for pair in names.windows(2) {
            let stem = |n: &str| n.rsplit_once('.').map(|(s, _)| s.to_string());
            if is_article(&pair[0]) && is_article(&pair[1]) && stem(&pair[0]) == stem(&pair[1]) {
                return Err(KnowledgeError::invalid(
                    &dir.join(&pair[1]),
                    1,
                    format!(
                        "{} and {} are two texts for one source; keep one",
                        pair[0], pair[1]
                    ),
                ));
            }
        }
        let mut contents = Contents::default();
        for name in &names {
            if kind_of(name) != FileKind::Ignored {
                contents.put(name, read(&dir.join(name))?);
            }
        }
        Ok(contents)
    }

    /// Puts a file's text where the loader puts it when it reads a file of
    /// that name from disk; a name the loader ignores changes nothing.
    pub fn put(&mut self, name: &str, text: String) {
        match kind_of(name) {
            FileKind::Article => {
                self.texts.insert(name.to_string(), text);
            }
            FileKind::Claims => match self
                .claims_files
                .binary_search_by(|(n, _)| n.as_str().cmp(name))
            {
                Ok(at) => self.claims_files[at].1 = text,
                Err(at) => self.claims_files.insert(at, (name.to_string(), text)),
            },
            FileKind::Vocabulary => self.vocabulary = Some(text),
            FileKind::Ignored => {}
        }
    }

    pub fn build(&self, dir: &Path) -> Result<KnowledgeBase, KnowledgeError> {
        build(
            dir,
            &self.texts,
            &self.claims_files,
            self.vocabulary.as_deref(),
        )
    }
}

/// Builds a knowledge base from file contents already in memory, so that
/// an edit can be validated before anything is written.
pub fn build(
    dir: &Path,
    texts: &HashMap<String, String>,
    claims_files: &[(String, String)],
    vocabulary: Option<&str>,
) -> Result<KnowledgeBase, KnowledgeError> {
    let mut kb = KnowledgeBase {
        dir: dir.to_path_buf(),
        ..KnowledgeBase::default()
    };
    let mut seen: HashMap<String, (PathBuf, usize)> = HashMap::new();
    let mut used_texts: Vec<&str> = Vec::new();
    let mut sized: Vec<(&String, &String)> = texts.iter().collect();
    sized.sort();
    for (name, text) in sized {
        if text.len() > MAX_FILE_BYTES {
            return Err(too_large(&dir.join(name), text.len()));
        }
        if text.len() > LARGE_ARTICLE_BYTES {
            kb.warnings.push(format!(
                "{}: a large article ({}): every load and edit takes seconds past {}",
                dir.join(name).display(),
                megabytes(text.len()),
                megabytes(LARGE_ARTICLE_BYTES)
            ));
        }
    }

    for (name, content) in claims_files {
        let path = dir.join(name);
        let file: ClaimsFile = parse_toml(&path, content)?;
        let stem = name.trim_end_matches(".toml");
        let text_name = match &file.source.text {
            Some(t) => t.clone(),
            None => [format!("{stem}.txt"), format!("{stem}.md")]
                .into_iter()
                .find(|n| texts.contains_key(n))
                .unwrap_or_else(|| format!("{stem}.txt")),
        };
        let Some(text) = texts.get(&text_name) else {
            return Err(KnowledgeError::invalid(
                &path,
                1,
                format!("its article {text_name} is not in {}", dir.display()),
            ));
        };
        used_texts.push(
            texts
                .get_key_value(&text_name)
                .map(|(k, _)| k.as_str())
                .unwrap_or_default(),
        );
        let source_index = kb.sources.len();
        kb.sources.push(Source {
            id: stem.to_string(),
            title: file.source.title.trim().to_string(),
            text: text.clone(),
            text_file: text_name.clone(),
            claims_file: Some(name.clone()),
            publisher: file.source.publisher,
            author: file.source.author,
            published: file.source.published,
            url: file.source.url,
        });
        if kb.sources[source_index].title.is_empty() {
            return Err(KnowledgeError::invalid(&path, 1, "source title is empty"));
        }
        // The article folded and the claims file's lines counted once for
        // all its claims: loading stays linear in the files' size.
        let lines = Lines::new(content);
        let locator = Locator::new(text);
        for spec in file.claims {
            let line = lines.line_of(spec.span().start);
            let spec = spec.into_inner();
            let within = Within {
                path: &path,
                lines: &lines,
                source: source_index,
                text,
                locator: &locator,
                text_name: &text_name,
            };
            let claim = curated_claim(&within, line, spec)?;
            if let Some((other, other_line)) = seen.get(&claim.id) {
                return Err(KnowledgeError::invalid(
                    &path,
                    line,
                    format!(
                        "duplicate claim id {:?} (first at {}:{other_line})",
                        claim.id,
                        other.display()
                    ),
                ));
            }
            seen.insert(claim.id.clone(), (path.clone(), line));
            if claim.questions.is_empty() {
                kb.warnings.push(format!(
                    "{}:{line}: claim {:?} has no alternate questions",
                    path.display(),
                    claim.id
                ));
            }
            kb.claims.push(claim);
        }
    }

    let mut plain: Vec<&String> = texts
        .keys()
        .filter(|n| !used_texts.contains(&n.as_str()))
        .collect();
    plain.sort();
    for name in plain {
        let text = &texts[name];
        let stem = name.rsplit_once('.').map_or(name.as_str(), |(s, _)| s);
        kb.sources.push(Source {
            id: stem.to_string(),
            title: default_title(stem, text),
            text: text.clone(),
            text_file: name.clone(),
            claims_file: None,
            publisher: None,
            author: None,
            published: None,
            url: None,
        });
    }
    if kb.sources.is_empty() {
        return Err(KnowledgeError::Empty {
            dir: dir.to_path_buf(),
        });
    }
    for (index, source) in kb.sources.iter().enumerate() {
        for (n, range) in sentence_ranges(&source.text).into_iter().enumerate() {
            let quote = source.text[range.clone()].to_string();
            kb.claims.push(Claim {
                id: format!("{}#s{}", source.id, n + 1),
                source: index,
                answer: quote.clone(),
                quote,
                span: range,
                questions: Vec::new(),
                values: Values::default(),
                origin: Origin::Sentence { n: n + 1 },
            });
        }
    }
    if let Some(text) = vocabulary {
        kb.lexicon = parse_vocabulary(&dir.join(VOCABULARY_FILE), text)?;
    }
    Ok(kb)
}

/// Sentence ranges of an article, skipping Markdown heading markers.
fn sentence_ranges(text: &str) -> Vec<std::ops::Range<usize>> {
    sentences::split(text)
        .into_iter()
        .map(|r| {
            let s = &text[r.clone()];
            let skip = s.len() - s.trim_start_matches(['#', '>', '*', '-', ' ']).len();
            (r.start + skip)..r.end
        })
        .filter(|r| r.start < r.end)
        .collect()
}

/// Where a curated claim is read: its claims file and its article.
struct Within<'a> {
    path: &'a Path,
    lines: &'a Lines,
    source: usize,
    text: &'a str,
    locator: &'a Locator<'a>,
    text_name: &'a str,
}

fn curated_claim(within: &Within, line: usize, spec: ClaimSpec) -> Result<Claim, KnowledgeError> {
    let Within {
        path,
        lines,
        source,
        text,
        locator,
        text_name,
    } = *within;
    let at = |span: std::ops::Range<usize>| lines.line_of(span.start);
    let id_line = at(spec.id.span());
    let id = spec.id.into_inner();
    if !valid_id(&id) {
        return Err(KnowledgeError::invalid(
            path,
            id_line,
            format!("claim id {id:?} must be 1–64 lower-case letters, digits or dashes"),
        ));
    }
    let answer_line = at(spec.answer.span());
    let answer = spec.answer.into_inner().trim().to_string();
    if answer.is_empty() {
        return Err(KnowledgeError::invalid(
            path,
            answer_line,
            format!("claim {id:?} has an empty answer"),
        ));
    }
    let quote_line = at(spec.quote.span());
    let quote = spec.quote.into_inner();
    let Some(span) = locator.find(&quote) else {
        return Err(KnowledgeError::invalid(
            path,
            quote_line,
            format!("claim {id:?}: quote not found in {text_name}"),
        ));
    };
    let questions: Vec<String> = spec
        .questions
        .into_iter()
        .map(|q| q.trim().to_string())
        .filter(|q| !q.is_empty())
        .collect();
    if questions.len() > crate::knowledge::MAX_PHRASINGS {
        return Err(KnowledgeError::invalid(
            path,
            line,
            format!(
                "claim {id:?} has {} alternate questions; at most {}",
                questions.len(),
                crate::knowledge::MAX_PHRASINGS
            ),
        ));
    }
    Ok(Claim {
        id,
        source,
        answer,
        quote: text[span.clone()].to_string(),
        span,
        questions,
        values: Values {
            numbers: spec.numbers,
            places: spec.places,
            people: spec.people,
            durations: spec.durations,
            dates: spec.dates,
        },
        origin: Origin::Curated { line },
    })
}

fn parse_vocabulary(path: &Path, text: &str) -> Result<Lexicon, KnowledgeError> {
    let file: VocabularyFile = parse_toml(path, text)?;
    let clean = |v: Vec<String>| {
        v.into_iter()
            .map(|s| s.trim().to_lowercase())
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
    };
    Ok(Lexicon {
        synonyms: file
            .synonyms
            .into_iter()
            .map(clean)
            .filter(|g| g.len() >= 2)
            .collect(),
        antonyms: file
            .antonyms
            .into_iter()
            .map(|[a, b]| (a.trim().to_lowercase(), b.trim().to_lowercase()))
            .collect(),
        stopwords: clean(file.stopwords),
    })
}

/// A title for an article without a claims file: its first line when that
/// reads like a headline, else its file name.
fn default_title(stem: &str, text: &str) -> String {
    let first = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    let first = first.trim_start_matches('#').trim();
    if !first.is_empty() && first.chars().count() <= 120 && !first.ends_with('.') {
        return first.to_string();
    }
    let words: Vec<String> = stem
        .split(['-', '_', ' '])
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect())
                .unwrap_or_default()
        })
        .collect();
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    const ARTICLE: &str = "Each side released 390 people. The swap took place in Belarus.";

    fn texts() -> HashMap<String, String> {
        HashMap::from([("swap.txt".to_string(), ARTICLE.to_string())])
    }

    fn claims(body: &str) -> Vec<(String, String)> {
        vec![(
            "swap.toml".to_string(),
            format!("[source]\ntitle = \"Swap\"\n\n{body}"),
        )]
    }

    fn error(body: &str) -> String {
        build(Path::new("kb"), &texts(), &claims(body), None)
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn two_texts_for_one_source_are_an_error_naming_both() {
        let dir = tempfile::tempdir().expect("temp dir");
        fs::write(dir.path().join("swap.txt"), ARTICLE).expect("write");
        fs::write(dir.path().join("swap.md"), ARTICLE).expect("write");
        let e = load_dir(dir.path()).unwrap_err().to_string();
        assert!(e.contains("swap.md") && e.contains("swap.txt"), "{e}");
    }

    #[test]
    fn dotfiles_the_lock_and_the_intent_record_are_never_loaded() {
        let dir = tempfile::tempdir().expect("temp dir");
        fs::write(dir.path().join("swap.txt"), ARTICLE).expect("write");
        for name in [
            ".lock",
            ".intent.json",
            ".swap.toml.42.tmp",
            ".draft.toml",
            ".notes.txt",
        ] {
            fs::write(dir.path().join(name), "not [valid toml").expect("write");
        }
        let kb = load_dir(dir.path()).expect("loads");
        assert_eq!(kb.sources.len(), 1);
        assert_eq!(kb.claims.len(), 2, "the article's sentences only");
    }

    #[test]
    fn a_file_put_in_memory_lands_where_the_loader_reads_it() {
        let mut contents = Contents::default();
        contents.put("b.toml", "b".into());
        contents.put("a.toml", "a".into());
        contents.put(VOCABULARY_FILE, "v".into());
        contents.put(".a.toml", "hidden".into());
        contents.put("swap.txt", ARTICLE.into());
        let names: Vec<&str> = contents
            .claims_files
            .iter()
            .map(|(n, _)| n.as_str())
            .collect();
        assert_eq!(names, ["a.toml", "b.toml"]);
        assert_eq!(contents.vocabulary.as_deref(), Some("v"));
        assert!(contents.texts.contains_key("swap.txt"));
    }

    #[test]
    fn too_many_phrasings_are_refused_naming_the_claim() {
        let questions: Vec<String> = (0..=crate::knowledge::MAX_PHRASINGS)
            .map(|i| format!("\"question {i}?\""))
            .collect();
        let body = format!(
            "[[claims]]\nid = \"a\"\nanswer = \"390.\"\nquote = \"Each side released 390 people.\"\nquestions = [{}]\n",
            questions.join(", ")
        );
        let message = error(&body);
        assert!(
            message.contains("swap.toml:4") && message.contains("at most"),
            "{message}"
        );
    }

    #[test]
    fn an_article_too_large_is_refused_and_a_large_one_warned_about() {
        let sentence = "The harbour repairs cost four million pounds. ";
        let huge = sentence.repeat(MAX_FILE_BYTES / sentence.len() + 1);
        let texts = HashMap::from([("huge.txt".to_string(), huge)]);
        let e = build(Path::new("kb"), &texts, &[], None).expect_err("refused");
        let message = e.to_string();
        assert!(
            message.contains("huge.txt") && message.contains("split the article"),
            "{message}"
        );
        let large = sentence.repeat(LARGE_ARTICLE_BYTES / sentence.len() + 1);
        let texts = HashMap::from([("large.txt".to_string(), large)]);
        let kb = build(Path::new("kb"), &texts, &[], None).expect("loads");
        assert!(kb.warnings.iter().any(|w| w.contains("large.txt")));
    }

    #[cfg(unix)]
    #[test]
    fn a_symlinked_article_is_read() {
        let dir = tempfile::tempdir().expect("temp dir");
        let elsewhere = tempfile::tempdir().expect("temp dir");
        let target = elsewhere.path().join("swap.txt");
        fs::write(&target, ARTICLE).expect("write");
        std::os::unix::fs::symlink(&target, dir.path().join("swap.txt")).expect("link");
        let kb = load_dir(dir.path()).expect("loads");
        assert_eq!(kb.claims.len(), 2, "the linked article's sentences");
    }

    #[test]
    fn plain_article_loads_as_sentence_claims() {
        let kb = build(Path::new("kb"), &texts(), &[], None).unwrap();
        let quotes: Vec<&str> = kb.claims.iter().map(|c| c.quote.as_str()).collect();
        assert_eq!(
            quotes,
            [
                "Each side released 390 people.",
                "The swap took place in Belarus."
            ]
        );
        assert_eq!(kb.sources[0].title, "Swap");
    }

    #[test]
    fn quote_missing_from_article_names_file_and_line() {
        let err = error("[[claims]]\nid = \"a\"\nanswer = \"x\"\nquote = \"500 people\"\n");
        assert_eq!(
            err,
            "kb/swap.toml:7: claim \"a\": quote not found in swap.txt"
        );
    }

    #[test]
    fn duplicate_ids_are_refused() {
        let claim = "[[claims]]\nid = \"a\"\nanswer = \"x\"\nquote = \"390 people\"\n";
        let err = error(&format!("{claim}\n{claim}"));
        assert!(
            err.starts_with("kb/swap.toml:9: duplicate claim id \"a\""),
            "{err}"
        );
    }

    #[test]
    fn unknown_keys_and_missing_fields_are_refused() {
        let err = error("[[claims]]\nid = \"a\"\nanswr = \"x\"\nquote = \"390 people\"\n");
        assert!(
            err.starts_with("kb/swap.toml:") && err.contains("unknown field `answr`"),
            "{err}"
        );
        let err = error("[[claims]]\nid = \"a\"\nquote = \"390 people\"\n");
        assert!(err.contains("missing field `answer`"), "{err}");
    }

    #[test]
    fn bad_ids_are_refused() {
        let err = error("[[claims]]\nid = \"Bad Id\"\nanswer = \"x\"\nquote = \"390 people\"\n");
        assert!(err.contains("kb/swap.toml:5: claim id \"Bad Id\""), "{err}");
    }

    #[test]
    fn curated_quote_is_cut_from_the_source() {
        let kb = build(
            Path::new("kb"),
            &texts(),
            &claims("[[claims]]\nid = \"a\"\nanswer = \"390\"\nquote = \"released  390 people\"\n"),
            None,
        )
        .unwrap();
        assert_eq!(kb.claims[0].quote, "released 390 people");
        assert!(kb.claims[0].is_curated());
    }
}
