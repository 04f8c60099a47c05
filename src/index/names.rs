//! Whether a name is a person's or a thing's (a place, a body, a road),
//! from the words an article writes around it: another person's name
//! stands in for a person's ("Helen Marsh, not Simon Ashworth, is the
//! managing director"), never a street's or a school's.
//!
//! English puts the cues in a few places: a title before the name ("Mrs
//! Ellison", "Dr Priya Ramsden"), an age after it ("Margaret Ellery, 58,"),
//! a noun set beside it by commas ("its chief executive, Tom Bexley",
//! "Dunsby Green, a village of"), the noun that ends it ("Mill Road",
//! "St Aldhelm's Primary School") and a preposition of place before it
//! ("in Kettlewick"). What the nouns name comes from WordNet
//! ([`crate::lexicon::English::noun_kind`]).

use crate::lexicon::{english, NounKind};
use crate::text::stopwords;
use crate::text::words::word_lists;

/// What a name names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameKind {
    Person,
    /// A place, a body, a building, a road.
    Thing,
    /// An adjective of a people or a place: "British", "Portuguese".
    Demonym,
}

/// What the words around the names of one term say, over an article: a
/// name with cues both ways is left unknown, and the noun that ends a
/// name counts only when nothing else says what it is.
#[derive(Debug, Clone, Copy, Default)]
pub struct Cues {
    person: bool,
    thing: bool,
    demonym: bool,
    /// From the noun that ends the name.
    head: Option<NameKind>,
    heads_differ: bool,
}

impl Cues {
    fn add(&mut self, kind: Option<NameKind>) {
        match kind {
            Some(NameKind::Person) => self.person = true,
            Some(NameKind::Thing) => self.thing = true,
            Some(NameKind::Demonym) => self.demonym = true,
            None => {}
        }
    }

    fn add_head(&mut self, kind: NameKind) {
        self.heads_differ |= self.head.is_some_and(|h| h != kind);
        self.head = Some(kind);
    }

    /// The cues of another place the name is written.
    pub fn merge(&mut self, other: Cues) {
        self.person |= other.person;
        self.thing |= other.thing;
        self.demonym |= other.demonym;
        if let Some(h) = other.head {
            self.add_head(h);
        }
        self.heads_differ |= other.heads_differ;
    }

    pub fn kind(self) -> Option<NameKind> {
        if self.demonym {
            return (!self.person && !self.thing).then_some(NameKind::Demonym);
        }
        match (self.person, self.thing) {
            (true, false) => Some(NameKind::Person),
            (false, true) => Some(NameKind::Thing),
            (true, true) => None,
            (false, false) => self.head.filter(|_| !self.heads_differ),
        }
    }
}

/// Appositive nouns are looked for this many words after the comma that
/// follows a name ("Helen Marsh, managing director of").
const APPOSITION: usize = 4;

/// What the words around one written name say it is. `words` are the
/// sentence's tokens in lower case (punctuation its own token), `run` the
/// name's positions, `place` whether a preposition of place stands before
/// it.
pub fn kind_of_run(words: &[&str], run: std::ops::Range<usize>, place: bool) -> Cues {
    let mut cues = Cues::default();
    if run.is_empty() || run.end > words.len() {
        return cues;
    }
    // "British", "Portuguese": of a people, not a person or a place.
    if run.len() == 1 && english().is_demonym(words[run.start]) {
        cues.add(Some(NameKind::Demonym));
        return cues;
    }
    // A title before the name's last word makes it a person's ("Mrs
    // Ellison", "Dr Helen Marsh"), and so does a noun of persons before a
    // last word that is no noun ("Foreign Minister Sergei Lavrov", but
    // not "Transport Workers' Union").
    if named_from(words, run.clone()) > run.start
        || run.start.checked_sub(1).is_some_and(|i| titled(words[i]))
    {
        cues.add(Some(NameKind::Person));
    }
    if place {
        cues.add(Some(NameKind::Thing));
    }
    // A noun of persons right before a name of two words or more that ends
    // in no noun ("finance director Rajesh Kumar"); a single word may be a
    // firm's ("the scooter maker Glidewell").
    let person_before = run.start >= 1 && noun(words[run.start - 1]) == Some(NounKind::Person);
    if person_before && run.len() >= 2 && noun(words[run.end - 1]).is_none() {
        cues.add(Some(NameKind::Person));
    }
    let number = |w: &str| !w.is_empty() && w.len() <= 3 && w.chars().all(|c| c.is_ascii_digit());
    let after = |i: usize| words.get(run.end + i).copied();
    // "Margaret Ellery, 58,": an age.
    if after(0) == Some(",")
        && after(1).is_some_and(number)
        && after(2).is_none_or(|w| matches!(w, "," | "." | ")" | ";"))
    {
        cues.add(Some(NameKind::Person));
    }
    // "Its chief executive, Tom Bexley"; but not "an auditor at the
    // charity, Colin Rayworth", where the noun before the comma is not
    // the one the name is set beside.
    if run.start >= 2 && words[run.start - 1] == "," {
        let before = &words[run.start.saturating_sub(5)..run.start - 2];
        if !before.iter().any(|w| stopwords::preposition(w).is_some()) {
            cues.add(noun(words[run.start - 2]).map(of_noun));
        }
    }
    // "Tom Bexley, the chief executive", "Dunsby Green, a village of".
    if after(0) == Some(",") {
        let apposed = words[run.end + 1..]
            .iter()
            .take(APPOSITION)
            .take_while(|w| {
                w.chars().any(char::is_alphabetic) && !matches!(**w, "who" | "which" | "where")
            })
            // A possessive is not the noun set beside the name: "Paul
            // Radley, the council's head of leisure".
            .filter(|w| !(w.ends_with("'s") || w.ends_with("’s") || w.ends_with('\'')))
            .find_map(|w| noun(w));
        cues.add(apposed.map(of_noun));
    }
    // The noun that ends a name says what it is ("Mill Road", "Harbour
    // Master"), when nothing else does; but after a given name, a noun
    // that is also a surname ends a person's name ("Helen Marsh", not
    // "George Street").
    let last = words[run.end - 1];
    let named = named_from(words, run.clone());
    let given = run.end - named >= 2
        && english().is_given_name(words[named])
        && (noun(last).is_none_or(|k| k == NounKind::Person) || english().is_surname_noun(last));
    if given {
        cues.add_head(NameKind::Person);
    } else if let Some(kind) = noun(last).filter(|_| run.len() > 1) {
        cues.add_head(of_noun(kind));
    }
    cues
}

/// Where the name itself starts in a written run, after the titles and
/// nouns of persons before it: "Sergei" in "Foreign Minister Sergei
/// Lavrov". The run's start when it has none.
pub fn named_from(words: &[&str], run: std::ops::Range<usize>) -> usize {
    if run.is_empty() || run.end > words.len() {
        return run.start;
    }
    let head_is_noun = noun(words[run.end - 1]).is_some();
    words[run.start..run.end - 1]
        .iter()
        .rposition(|w| titled(w) || (!head_is_noun && noun(w) == Some(NounKind::Person)))
        .map_or(run.start, |p| run.start + p + 1)
}

fn titled(word: &str) -> bool {
    word_lists().titles.contains(&word.trim_end_matches('.'))
}

fn noun(word: &str) -> Option<NounKind> {
    english().noun_kind(word)
}

/// The kind of name a common noun of that kind names.
pub fn of_noun(kind: NounKind) -> NameKind {
    match kind {
        NounKind::Person => NameKind::Person,
        NounKind::Thing => NameKind::Thing,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(sentence: &str, name: &str, place: bool) -> Option<NameKind> {
        let words: Vec<String> = sentence
            .replace(',', " , ")
            .replace('.', " . ")
            .split_whitespace()
            .map(str::to_lowercase)
            .collect();
        let words: Vec<&str> = words.iter().map(String::as_str).collect();
        let name: Vec<String> = name.split(' ').map(str::to_lowercase).collect();
        let start = words
            .windows(name.len())
            .position(|w| w == name.as_slice())
            .expect("name in sentence");
        kind_of_run(&words, start..start + name.len(), place).kind()
    }

    #[test]
    fn the_words_around_a_name_say_whether_it_is_a_person() {
        let person = Some(NameKind::Person);
        let thing = Some(NameKind::Thing);
        for (sentence, name, place, expected) in [
            (
                "Margaret Ellery, 58, broke the news",
                "Margaret Ellery",
                false,
                person,
            ),
            ("said Mrs Ellison on Friday", "Ellison", false, person),
            (
                "according to finance director Rajesh Kumar .",
                "Rajesh Kumar",
                false,
                person,
            ),
            (
                "when the scooter maker Glidewell recalled",
                "Glidewell",
                false,
                None,
            ),
            (
                "Its chief executive, Tom Bexley, said",
                "Tom Bexley",
                false,
                person,
            ),
            (
                "Helen Marsh, managing director of the operator",
                "Helen Marsh",
                false,
                person,
            ),
            (
                "The largest, on Mill Road, employs 112 people",
                "Mill Road",
                true,
                thing,
            ),
            (
                "at St Aldhelm's Primary School in",
                "St Aldhelm's Primary School",
                true,
                thing,
            ),
            (
                "the attack on High Street shops",
                "High Street",
                false,
                thing,
            ),
            (
                "Dunsby Green, a village of about 3,000 people",
                "Dunsby Green",
                false,
                thing,
            ),
            ("Voltaro apologised to customers", "Voltaro", false, None),
            // The noun set beside a name is not a possessive before it.
            (
                "Gary Tate, the council's director of housing, said",
                "Gary Tate",
                false,
                person,
            ),
            // A given name: a person's, even when a place noun ends it,
            // as long as that noun is also a surname.
            ("Helen Marsh said", "Helen Marsh", false, person),
            (
                "Simon Calder has worked there",
                "Simon Calder",
                false,
                person,
            ),
            ("traffic on George Street", "George Street", false, thing),
            (
                "a British electric bike maker",
                "British",
                false,
                Some(NameKind::Demonym),
            ),
            ("Kettlewick, where 112 workers", "Kettlewick", false, None),
            // The noun before the comma is not the one the name is set
            // beside; the given name still says it is a person's.
            (
                "a volunteer auditor at the charity, Colin Rayworth,",
                "Colin Rayworth",
                false,
                person,
            ),
            (
                "a volunteer auditor at the charity, Rayworth,",
                "Rayworth",
                false,
                None,
            ),
        ] {
            assert_eq!(
                kind(sentence, name, place),
                expected,
                "{name} in {sentence}"
            );
        }
    }
}
