//! General English, known before any article is read: how often a word is
//! used (wordfreq) and how words relate (WordNet 3.0). Both are compiled
//! into small tables under `src/lexicon/data/` by the scripts beside them,
//! with their licences, and parsed once per process.
//!
//! - [`English::information`]: how much a word says, from its frequency:
//!   "believe" little, "memorandum" much, a word English never uses most.
//! - [`English::lemmas`]: WordNet's base forms of a written word (morphy).
//! - [`English::links`]: a lemma's synonyms, derived forms, one-step
//!   hypernyms and hyponyms, similar adjectives and antonyms.
//! - [`English::is_proper`]: a word WordNet only writes with a capital
//!   ("manchester", "vatican"): a name, however a member types it.
//! - [`English::noun_kind`]: whether a common noun names a person
//!   ("director") or a thing, place or body ("road", "council");
//!   [`English::is_demonym`]: an adjective of a people ("british").
//! - [`English::is_given_name`]: a first name of people ("helen"), and
//!   [`English::is_surname_noun`]: a noun that is also a common surname
//!   ("marsh"), from the US Census lists.
//! - [`English::correct`]: the most likely word meant by a misspelt one,
//!   within one edit (SymSpell's symmetric delete over the frequency list).
//! - [`vectors`]: what a text is about, as one vector (static word vectors
//!   distilled from a sentence model).

pub mod vectors;

use std::collections::HashMap;
use std::sync::OnceLock;

const WORDFREQ: &str = include_str!("lexicon/data/wordfreq-en.tsv");
const LINKS: &str = include_str!("lexicon/data/wordnet-links.tsv");
const MORPH: &str = include_str!("lexicon/data/wordnet-morph.tsv");
const PROPER: &str = include_str!("lexicon/data/wordnet-proper.txt");
const KINDS: &str = include_str!("lexicon/data/wordnet-kinds.tsv");
const NAMES: &str = include_str!("lexicon/data/census-names.tsv");

/// How a lemma relates to another, as WordNet says; ordered from the
/// closest link to the farthest, so that the closest of two links wins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Link {
    /// They share a sense ("captive" ~ "prisoner").
    Synonym,
    /// One is derived from the other ("confirmation" ~ "confirm").
    Derived,
    /// The other is one step more specific ("city" → "istanbul").
    Hyponym,
    /// The other is one step more general ("swap" → "exchange").
    Hypernym,
    /// Similar adjectives ("huge" ~ "big").
    Similar,
    /// Opposites ("big" ~ "small").
    Antonym,
}

impl Link {
    fn parse(kind: &str) -> Option<Link> {
        Some(match kind {
            "syn" => Link::Synonym,
            "der" => Link::Derived,
            "hyper" => Link::Hypernym,
            "hypo" => Link::Hyponym,
            "sim" => Link::Similar,
            "ant" => Link::Antonym,
            _ => return None,
        })
    }

    /// The link seen from the other end.
    pub fn inverse(self) -> Link {
        match self {
            Link::Hypernym => Link::Hyponym,
            Link::Hyponym => Link::Hypernym,
            other => other,
        }
    }
}

/// What a common noun names in its most frequent WordNet sense.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NounKind {
    /// "director", "pupil", "prosecutor".
    Person,
    /// A thing, place or body: "road", "school", "council".
    Thing,
}

/// A word of the tables, by number.
pub type WordId = u32;

/// The English tables, parsed.
pub struct English {
    /// Every word of either table → its id.
    ids: HashMap<&'static str, WordId>,
    words: Vec<&'static str>,
    /// Frequency in centi-zipf (100 × log10 of uses per billion words), 0
    /// for a word the frequency list lacks.
    zipf: Vec<u16>,
    /// Per word, its range in `links`.
    spans: Vec<(u32, u32)>,
    links: Vec<(WordId, Link)>,
    /// (common word, synonym of one of its dominant senses): the senses
    /// that hold most of its uses ("usually" ~ "normally", "stop" ~ "halt").
    dominant: HashMap<WordId, Vec<WordId>>,
    /// Irregular form → base forms ("held" → "hold").
    exceptions: HashMap<&'static str, Vec<&'static str>>,
    /// Per word, whether WordNet only writes it with a capital.
    proper: Vec<bool>,
    /// Common nouns of persons and of things (wordnet-kinds.tsv).
    kinds: HashMap<WordId, NounKind>,
    /// Adjectives of a people or a place (wordnet-kinds.tsv).
    demonyms: std::collections::HashSet<WordId>,
    /// Nouns of things and places, which have a length (wordnet-kinds.tsv).
    physical: std::collections::HashSet<WordId>,
    /// Given names, and nouns that are common surnames (census-names.tsv).
    given: std::collections::HashSet<&'static str>,
    surname_nouns: std::collections::HashSet<&'static str>,
    typos: OnceLock<Typos>,
}

impl std::fmt::Debug for English {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("English")
            .field("words", &self.words.len())
            .field("links", &self.links.len())
            .finish()
    }
}

/// The tables, parsed on first use.
pub fn english() -> &'static English {
    static ENGLISH: OnceLock<English> = OnceLock::new();
    ENGLISH.get_or_init(English::parse)
}

/// Words used this often (zipf) or more say next to nothing in a question
/// ("now", "people", "time"): chat and frame words.
const COMMON_ZIPF: f32 = 6.0;
/// Words used this rarely (zipf) or less say as much as a word can
/// ("memorandum", "Vatican"): about once in three million words.
const RARE_ZIPF: f32 = 3.5;
/// What the commonest words still tell: never quite nothing.
pub const MIN_INFORMATION: f32 = 0.05;

/// A word without its possessive ending: "school's", "workers'".
fn strip_possessive(word: &str) -> &str {
    word.trim_end_matches("'s").trim_end_matches('\'')
}

/// Suffix rules of WordNet's morphy: (ending, replacement).
const SUFFIXES: &[(&str, &str)] = &[
    ("s", ""),
    ("ses", "s"),
    ("xes", "x"),
    ("zes", "z"),
    ("ches", "ch"),
    ("shes", "sh"),
    ("men", "man"),
    ("ies", "y"),
    ("es", "e"),
    ("es", ""),
    ("ed", "e"),
    ("ed", ""),
    ("ing", "e"),
    ("ing", ""),
    ("er", ""),
    ("est", ""),
    ("er", "e"),
    ("est", "e"),
];

impl English {
    fn parse() -> English {
        let mut e = English {
            ids: HashMap::with_capacity(110_000),
            words: Vec::with_capacity(110_000),
            zipf: Vec::with_capacity(110_000),
            spans: Vec::new(),
            links: Vec::with_capacity(400_000),
            dominant: Default::default(),
            exceptions: HashMap::new(),
            proper: Vec::new(),
            kinds: HashMap::new(),
            demonyms: Default::default(),
            physical: Default::default(),
            given: Default::default(),
            surname_nouns: Default::default(),
            typos: OnceLock::new(),
        };
        for line in WORDFREQ.lines() {
            let Some((word, zipf)) = line.split_once('\t') else {
                continue;
            };
            let id = e.intern(word);
            e.zipf[id as usize] = zipf.trim().parse().unwrap_or(0);
        }
        let mut lines: Vec<(WordId, &'static str)> = Vec::with_capacity(40_000);
        for line in LINKS.lines() {
            let mut fields = line.split('\t');
            let Some(lemma) = fields.next() else { continue };
            let id = e.intern(lemma);
            lines.push((id, line));
        }
        e.spans = vec![(0, 0); e.words.len()];
        for (id, line) in lines {
            let start = e.links.len() as u32;
            for field in line.split('\t').skip(1) {
                let Some((kind, targets)) = field.split_once('=') else {
                    continue;
                };
                if kind == "dom" {
                    let synonyms = targets.split(',').filter_map(|t| e.ids.get(t).copied());
                    e.dominant.insert(id, synonyms.collect());
                    continue;
                }
                let Some(link) = Link::parse(kind) else {
                    continue;
                };
                for target in targets.split(',').filter(|t| !t.is_empty()) {
                    if let Some(&t) = e.ids.get(target) {
                        e.links.push((t, link));
                    }
                }
            }
            e.spans[id as usize] = (start, e.links.len() as u32);
        }
        for line in MORPH.lines() {
            if let Some((form, base)) = line.split_once('\t') {
                e.exceptions.entry(form).or_default().push(base);
            }
        }
        e.proper = vec![false; e.words.len()];
        for word in PROPER.lines() {
            if let Some(&id) = e.ids.get(word) {
                e.proper[id as usize] = true;
            }
        }
        for line in KINDS.lines() {
            let kind = match line.split_once('\t') {
                Some((word, "P")) => e.ids.get(word).map(|&id| (id, NounKind::Person)),
                Some((word, "T")) => e.ids.get(word).map(|&id| (id, NounKind::Thing)),
                Some((word, "L")) => {
                    e.physical.extend(e.ids.get(word));
                    e.ids.get(word).map(|&id| (id, NounKind::Thing))
                }
                Some((word, "A")) => {
                    e.demonyms.extend(e.ids.get(word));
                    None
                }
                _ => None,
            };
            e.kinds.extend(kind);
        }
        for line in NAMES.lines() {
            let Some((word, flags)) = line.split_once('\t') else {
                continue;
            };
            if flags.contains('G') {
                e.given.insert(word);
            }
            if flags.contains('S') {
                e.surname_nouns.insert(word);
            }
        }
        e
    }

    fn intern(&mut self, word: &'static str) -> WordId {
        if let Some(&id) = self.ids.get(word) {
            return id;
        }
        let id = self.words.len() as WordId;
        self.ids.insert(word, id);
        self.words.push(word);
        self.zipf.push(0);
        id
    }

    /// Builds the typo index now rather than on the first misspelt word, so
    /// that no reader pays for it (about 10 ms, once per process).
    pub fn prepare(&self) {
        self.typos.get_or_init(|| Typos::build(self));
    }

    /// Whether WordNet writes the word only with a capital: the name of a
    /// place, a people, a person ("manchester", "tory", "vatican").
    pub fn is_proper(&self, word: &str) -> bool {
        self.id(word).is_some_and(|id| self.proper[id as usize])
    }

    /// What a lower-case common noun names, when WordNet's first sense of
    /// it is a person, or a thing, place or body; its singular and its
    /// form without a possessive are looked up too ("directors", "school's",
    /// "workers'").
    pub fn noun_kind(&self, word: &str) -> Option<NounKind> {
        let word = strip_possessive(word);
        let mut kind = None;
        self.morphy(word, |id| {
            kind = kind.or_else(|| self.kinds.get(&id).copied());
        });
        kind
    }

    /// Whether a lower-case common noun names a thing or a place in its
    /// most frequent sense ("wall", "road", "embankment"), which has a
    /// length, rather than a body ("council") or an event ("meeting");
    /// a regular plural too ("walls"), but no other form ("stuck" is not
    /// "stick").
    pub fn is_physical(&self, word: &str) -> bool {
        let physical = |w: &str| self.id(w).is_some_and(|id| self.physical.contains(&id));
        physical(word)
            || word.strip_suffix('s').is_some_and(physical)
            || word.strip_suffix("es").is_some_and(physical)
            || word
                .strip_suffix("ies")
                .is_some_and(|w| physical(&format!("{w}y")))
    }

    /// Whether a lower-case word is a given name people bear ("helen",
    /// "simon"; not "will" or "may", too common as words to tell).
    pub fn is_given_name(&self, word: &str) -> bool {
        self.given.contains(strip_possessive(word))
    }

    /// Whether a lower-case noun of a thing or place is also a common
    /// surname ("marsh", "hall"), so that it may end a person's name.
    pub fn is_surname_noun(&self, word: &str) -> bool {
        self.surname_nouns.contains(strip_possessive(word))
    }

    /// Whether WordNet writes the word only as a capitalised adjective,
    /// of a people or a place: "british", "portuguese".
    pub fn is_demonym(&self, word: &str) -> bool {
        self.id(word).is_some_and(|id| self.demonyms.contains(&id))
    }

    pub fn id(&self, word: &str) -> Option<WordId> {
        self.ids.get(word).copied()
    }

    pub fn word(&self, id: WordId) -> &'static str {
        self.words[id as usize]
    }

    /// Zipf frequency of a lower-case word (log10 of uses per billion
    /// words): 7.7 for "the", 3.5 for "memorandum", `None` when unlisted.
    pub fn zipf(&self, word: &str) -> Option<f32> {
        let id = self.id(word)?;
        match self.zipf[id as usize] {
            0 => None,
            z => Some(z as f32 / 100.0),
        }
    }

    /// How much a word tells, from [`MIN_INFORMATION`] (as common as
    /// "now") to 1 (as rare as "memorandum", or unlisted), linear in its
    /// zipf frequency between [`COMMON_ZIPF`] and [`RARE_ZIPF`].
    pub fn information(&self, word: &str) -> f32 {
        let Some(zipf) = self.zipf(word) else {
            return 1.0;
        };
        ((COMMON_ZIPF - zipf) / (COMMON_ZIPF - RARE_ZIPF)).clamp(MIN_INFORMATION, 1.0)
    }

    /// WordNet's base forms of a lower-case word, as morphy finds them: the
    /// word itself, its irregular bases, and what its suffix rules give,
    /// when WordNet knows them.
    pub fn lemmas(&self, word: &str) -> Vec<WordId> {
        let mut out = Vec::with_capacity(4);
        self.morphy(word, |id| {
            if self.has_links(id) && !out.contains(&id) {
                out.push(id);
            }
        });
        out
    }

    /// Every listed word morphy's rules make of `word`, itself first:
    /// irregular bases, then the suffix rules' results.
    fn morphy(&self, word: &str, mut found: impl FnMut(WordId)) {
        if let Some(id) = self.id(word) {
            found(id);
        }
        if let Some(bases) = self.exceptions.get(word) {
            bases.iter().filter_map(|b| self.id(b)).for_each(&mut found);
        }
        let mut buf = String::with_capacity(word.len() + 2);
        for (ending, replacement) in SUFFIXES {
            if let Some(stem) = word.strip_suffix(ending).filter(|s| s.len() >= 2) {
                buf.clear();
                buf.push_str(stem);
                buf.push_str(replacement);
                if let Some(id) = self.id(&buf) {
                    found(id);
                }
            }
        }
    }

    /// WordNet's multi-word lemmas written by two or three words ("handed
    /// over" → "hand over", "prisoners of war" → "prisoner of war"): the
    /// first and last words may be inflected.
    pub fn phrase_lemmas(&self, words: &[&str]) -> Vec<WordId> {
        let mut out = Vec::new();
        let (Some(first), Some(last)) = (words.first(), words.last()) else {
            return out;
        };
        if words.len() < 2 || words.iter().any(|w| w.is_empty()) {
            return out;
        }
        let forms = |w: &str| -> Vec<String> {
            let mut v = vec![w.to_string()];
            self.morphy(w, |id| {
                let form = self.word(id);
                if !v.iter().any(|f| f == form) {
                    v.push(form.to_string());
                }
            });
            v
        };
        let middle = &words[1..words.len() - 1];
        let mut phrase = String::with_capacity(32);
        for f in forms(first) {
            for l in forms(last) {
                phrase.clear();
                phrase.push_str(&f);
                for m in middle {
                    phrase.push(' ');
                    phrase.push_str(m);
                }
                phrase.push(' ');
                phrase.push_str(&l);
                if let Some(id) = self.id(&phrase) {
                    if self.has_links(id) && !out.contains(&id) {
                        out.push(id);
                    }
                }
            }
        }
        out
    }

    fn has_links(&self, id: WordId) -> bool {
        self.spans.get(id as usize).is_some_and(|s| s.1 > s.0)
    }

    /// The lemmas `id` links to, and how.
    pub fn links(&self, id: WordId) -> &[(WordId, Link)] {
        match self.spans.get(id as usize) {
            Some(&(a, b)) => &self.links[a as usize..b as usize],
            None => &[],
        }
    }

    /// The lemmas `id` links to, and how, and the opposites of its
    /// synonyms: synonyms share their opposites, but WordNet opposes single
    /// words of a sense only ("reject" ~ "accept", not "turn down").
    pub fn links_and_shared_opposites(
        &self,
        id: WordId,
    ) -> impl Iterator<Item = (WordId, Link)> + '_ {
        let shared = self
            .links(id)
            .iter()
            .filter(|l| l.1 == Link::Synonym)
            .flat_map(|&(synonym, _)| self.links(synonym))
            .filter(|l| l.1 == Link::Antonym);
        self.links(id).iter().chain(shared).copied()
    }

    /// The word most likely meant by `word` when it is rarely or never
    /// written: among the words one edit away (a letter missing, extra,
    /// changed, or two swapped), prefer the same first letter, then the
    /// likelier slip ([`edit_likelihood`]), then the most used; and only a
    /// word used [`TYPO_MARGIN`] more often (a hundred times) than `word`.
    pub fn correct(&self, word: &str) -> Option<&'static str> {
        let len = word.chars().count();
        if !(3..=24).contains(&len) || !word.chars().all(|c| c.is_ascii_lowercase()) {
            return None;
        }
        let own = self.zipf(word).unwrap_or(0.0);
        let typos = self.typos.get_or_init(|| Typos::build(self));
        // Long words may be two edits off ("artical"), found by one deletion
        // on each side; one edit is always preferred.
        let most = if len >= TWO_EDITS_LEN { 2 } else { 1 };
        let mut best: Option<(WordId, (bool, bool, u8, u16))> = None;
        for candidate in typos.candidates(word) {
            let c = self.words[candidate as usize];
            let distance = strsim::osa_distance(word, c);
            if c == word || distance == 0 || distance > most {
                continue;
            }
            let zipf = self.zipf[candidate as usize];
            if (zipf as f32) / 100.0 < own + TYPO_MARGIN {
                continue;
            }
            let key = (
                distance == 1,
                c.as_bytes().first() == word.as_bytes().first(),
                edit_likelihood(word, c),
                zipf,
            );
            if best.is_none_or(|b| key > b.1) {
                best = Some((candidate, key));
            }
        }
        best.map(|b| self.words[b.0 as usize])
    }
}

/// How likely a slip of the keyboard turns `meant` into `typed`, coarsely:
/// a letter left out or two swapped (2) before a letter changed (1) before
/// a letter too many (0).
fn edit_likelihood(typed: &str, meant: &str) -> u8 {
    use std::cmp::Ordering;
    match meant.len().cmp(&typed.len()) {
        Ordering::Greater => 2,
        Ordering::Less => 0,
        Ordering::Equal => {
            let diff: Vec<(u8, u8)> = typed
                .bytes()
                .zip(meant.bytes())
                .filter(|(a, b)| a != b)
                .collect();
            if diff.len() == 2 && diff[0] == (diff[1].1, diff[1].0) {
                2
            } else {
                1
            }
        }
    }
}

/// Words used at least this often (zipf: once in 100,000 words) are common
/// English words, not names: capitalised at the start of a sentence ("More
/// than…"), or typed in lower case when the article has them only in a
/// name ("since the accident" of "Marine Accident Investigation Unit").
pub const COMMON_WORD_ZIPF: f32 = 4.0;

/// Words used this often (zipf) or more have so many senses that their
/// WordNet synonyms, broader and narrower words are mostly of senses the
/// reader did not mean ("made" ~ "hold", "led" ~ "take", "set" ~ "cost"):
/// only their derived forms are trusted. About the 3,000 commonest words.
pub const POLYSEMOUS_ZIPF: f32 = 5.0;

impl English {
    /// Whether a word's WordNet links other than derived forms can be
    /// trusted, by [`POLYSEMOUS_ZIPF`].
    pub fn links_trusted(&self, word: &str) -> bool {
        self.zipf(word).is_none_or(|z| z < POLYSEMOUS_ZIPF)
    }

    /// Whether `synonym` shares one of the dominant senses of the common
    /// word `lemma`, a sense holding at least 30% of its sense-tagged uses
    /// in WordNet's counts: a link trusted even when the word is too common
    /// for its other senses to be ("usually" ~ "normally", not "set" ~ "cost").
    pub fn is_dominant_synonym(&self, lemma: WordId, synonym: WordId) -> bool {
        self.dominant_synonyms(lemma).contains(&synonym)
    }

    /// The synonyms of the common word `lemma`'s dominant senses.
    pub fn dominant_synonyms(&self, lemma: WordId) -> &[WordId] {
        self.dominant.get(&lemma).map_or(&[][..], Vec::as_slice)
    }
}

/// How much more often (in zipf, a power of ten) a word must be used than
/// a rare spelling to be taken for what was meant: a hundred times.
pub const TYPO_MARGIN: f32 = 2.0;
/// Words at least this long may be misspelt by two edits.
const TWO_EDITS_LEN: usize = 7;
/// Words used less than this (centi-zipf) are never offered as corrections:
/// the tail of the list holds misspellings of its own.
const TYPO_MIN_ZIPF: u16 = 300;

/// Symmetric-delete index over the frequency list: hashes of each word and
/// of each word with one letter deleted, sorted, with the word's id.
struct Typos {
    entries: Vec<(u64, WordId)>,
}

fn hash(s: &[u8]) -> u64 {
    // FNV-1a: fast and good enough for short keys.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in s {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

fn deletes(word: &[u8], mut f: impl FnMut(u64)) {
    f(hash(word));
    let mut buf = Vec::with_capacity(word.len());
    for i in 0..word.len() {
        buf.clear();
        buf.extend_from_slice(&word[..i]);
        buf.extend_from_slice(&word[i + 1..]);
        f(hash(&buf));
    }
}

impl Typos {
    fn build(english: &English) -> Typos {
        let mut entries = Vec::with_capacity(600_000);
        for (id, word) in english.words.iter().enumerate() {
            if english.zipf[id] < TYPO_MIN_ZIPF {
                continue;
            }
            deletes(word.as_bytes(), |h| entries.push((h, id as WordId)));
        }
        entries.sort_unstable();
        entries.dedup();
        Typos { entries }
    }

    fn candidates(&self, word: &str) -> Vec<WordId> {
        let mut out = Vec::new();
        deletes(word.as_bytes(), |h| {
            let from = self.entries.partition_point(|e| e.0 < h);
            for e in self.entries[from..].iter().take_while(|e| e.0 == h) {
                if !out.contains(&e.1) {
                    out.push(e.1);
                }
            }
        });
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_words_tell_less_than_rare_ones() {
        let e = english();
        let info = |w| e.information(w);
        assert!(info("the") < 0.1, "{}", info("the"));
        assert!(info("believe") < info("vatican"));
        assert!(info("described") < info("memorandum"));
        assert_eq!(info("severodonetsk"), 1.0, "unlisted words tell the most");
    }

    #[test]
    fn finds_base_forms_like_morphy() {
        let e = english();
        let lemmas = |w| -> Vec<&str> { e.lemmas(w).into_iter().map(|i| e.word(i)).collect() };
        assert!(lemmas("negotiations").contains(&"negotiation"));
        assert!(lemmas("held").contains(&"hold"));
        assert!(lemmas("biggest").contains(&"big"));
        assert!(lemmas("freed").contains(&"free"));
    }

    #[test]
    fn things_and_places_have_a_length_bodies_and_events_none() {
        let e = english();
        for word in ["wall", "walls", "embankment", "road", "bridges"] {
            assert!(e.is_physical(word), "{word}");
        }
        for word in ["council", "meeting", "stuck", "journey"] {
            assert!(!e.is_physical(word), "{word}");
        }
        // Still things, for names' kinds.
        assert_eq!(e.noun_kind("road"), Some(NounKind::Thing));
    }

    #[test]
    fn links_paraphrases_but_not_contrasts() {
        let e = english();
        let linked = |a: &str, b: &str| {
            e.lemmas(a).into_iter().any(|l| {
                e.links(l)
                    .iter()
                    .any(|&(t, _)| e.lemmas(b).contains(&t) || e.word(t) == b)
            })
        };
        assert!(linked("captive", "prisoner"));
        assert!(linked("confirmation", "confirm"));
        assert!(linked("talks", "negotiations"));
        assert!(!linked("poland", "belarus"));
        assert!(!linked("three", "four"));
        assert!(!linked("monday", "tuesday"));
    }

    #[test]
    fn a_common_word_links_by_its_dominant_senses_only() {
        let e = english();
        let dominant = |a: &str, b: &str| {
            let (a, b) = (e.id(a).unwrap(), e.id(b).unwrap());
            e.is_dominant_synonym(a, b)
        };
        assert!(dominant("usually", "normally"));
        assert!(dominant("stop", "halt"));
        // Senses few uses are of: "make" a decision, not "make" = "hold".
        assert!(!dominant("make", "hold"));
        assert!(!dominant("set", "cost"));
        // A word rare enough to trust all its first senses has no list.
        assert!(e.dominant_synonyms(e.id("normally").unwrap()).is_empty());
    }

    #[test]
    fn corrects_misspelt_common_words_only() {
        let e = english();
        assert_eq!(e.correct("wher"), Some("where"));
        assert_eq!(e.correct("frist"), Some("first"));
        assert_eq!(e.correct("diffrent"), Some("different"));
        assert_eq!(
            e.correct("artical"),
            Some("article"),
            "two edits in a long word"
        );
        assert_eq!(e.correct("tanks"), None, "a real word is not a typo");
        assert_eq!(e.correct("ukraine"), None);
    }
}
