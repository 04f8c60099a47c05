//! The closed classes of English words the engine reads instead of
//! matching, as data: `words.toml` beside this file, compiled in and read
//! once. Question understanding, verification and value reading take their
//! word lists from here, so that a list is changed in one place.

use std::sync::OnceLock;

use serde::Deserialize;

/// A list of lower-case words, kept for the life of the process.
pub type List = &'static [&'static str];
/// Words, each with a number.
pub type Table = &'static [(&'static str, f64)];

#[derive(Debug)]
pub struct Words {
    pub stopwords: List,
    pub negations: List,
    pub prepositions: List,
    pub contrasts: List,
    pub chatter: List,
    pub name_connectors: List,
    pub titles: List,
    pub auxiliaries: List,
    pub be_forms: List,
    pub object_pronouns: List,
    pub referring: List,
    pub particles: List,
    pub discourse: List,
    pub texts: List,
    pub dimensions: List,
    pub kinds_of: List,
    pub share: List,
    pub share_asked: List,
    pub share_of: List,
    pub share_changes: List,
    pub money: List,
    pub currency_names: List,
    pub name_nouns: List,
    pub name_kinds: List,
    pub offset: List,
    pub how_age: List,
    pub how_length: List,
    pub how_weight: List,
    pub how_temperature: List,
    pub how_speed: List,
    pub length_asked: List,
    pub weight_asked: List,
    pub temperature_asked: List,
    pub speed_asked: List,
    pub frame_date: List,
    pub frame_place: List,
    pub frame_duration: List,
    pub frame_number: List,
    pub frame_person: List,
    pub hedges: List,
    pub stated_hedges: List,
    pub totality: List,
    pub approximate: List,
    pub habitual: List,
    pub certainty: List,
    pub outcome: List,
    pub rising: List,
    pub falling: List,
    pub exact: List,
    pub negating_verbs: List,
    pub speech: List,
    pub months: List,
    pub months_also_words: List,
    pub month_before: List,
    pub period_parts: List,
    pub weekdays: List,
    pub each: List,
    pub totals: List,
    pub ordinals: List,
    pub until: List,
    pub relative_days: List,
    pub relative_markers: List,
    pub relative_after: List,
    pub seasons: List,
    pub deictic: List,
    pub calendar_spans: List,
    pub currencies: List,
    /// Units of length as written and their metres: "km" 1000.
    pub length_units: Table,
    pub weight_units: List,
    pub temperature_units: List,
    pub speed_units: List,
    /// Fraction words and the whole they divide: "third" 3.
    pub fractions: Table,
    /// Verbs of multiplying and the change they state, in percent:
    /// "doubled" 100.
    pub multiples: Table,
    /// Words of an unstated number and the least it can be: "several" 2.
    pub vague_counts: Table,
    pub money_words: Table,
    pub share_before: List,
    pub time_before: List,
    pub bounds_before: List,
    pub determiners: List,
    /// Words after which "one" is a pronoun: "which one", "the biggest one".
    pub pronoun_one_after: List,
    /// Chat shorthand and the word it stands for ("ppl" → "people").
    pub abbreviations: &'static [(&'static str, &'static str)],
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    function: Function,
    question: Question,
    frame: Frame,
    statement: Statement,
    values: Values,
    abbreviations: std::collections::BTreeMap<String, String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Function {
    stopwords: Vec<String>,
    negations: Vec<String>,
    prepositions: Vec<String>,
    contrasts: Vec<String>,
    chatter: Vec<String>,
    name_connectors: Vec<String>,
    titles: Vec<String>,
    object_pronouns: Vec<String>,
    referring: Vec<String>,
    particles: Vec<String>,
    auxiliaries: Vec<String>,
    be_forms: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Question {
    discourse: Vec<String>,
    texts: Vec<String>,
    dimensions: Vec<String>,
    kinds_of: Vec<String>,
    share: Vec<String>,
    share_asked: Vec<String>,
    share_of: Vec<String>,
    share_changes: Vec<String>,
    money: Vec<String>,
    currency_names: Vec<String>,
    name_nouns: Vec<String>,
    name_kinds: Vec<String>,
    offset: Vec<String>,
    how_age: Vec<String>,
    how_length: Vec<String>,
    how_weight: Vec<String>,
    how_temperature: Vec<String>,
    how_speed: Vec<String>,
    length_asked: Vec<String>,
    weight_asked: Vec<String>,
    temperature_asked: Vec<String>,
    speed_asked: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Frame {
    frame_date: Vec<String>,
    frame_place: Vec<String>,
    frame_duration: Vec<String>,
    frame_number: Vec<String>,
    frame_person: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Statement {
    hedges: Vec<String>,
    stated_hedges: Vec<String>,
    totality: Vec<String>,
    approximate: Vec<String>,
    habitual: Vec<String>,
    certainty: Vec<String>,
    outcome: Vec<String>,
    rising: Vec<String>,
    falling: Vec<String>,
    exact: Vec<String>,
    negating_verbs: Vec<String>,
    speech: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Values {
    months: Vec<String>,
    months_also_words: Vec<String>,
    month_before: Vec<String>,
    period_parts: Vec<String>,
    weekdays: Vec<String>,
    each: Vec<String>,
    totals: Vec<String>,
    ordinals: Vec<String>,
    until: Vec<String>,
    relative_days: Vec<String>,
    relative_markers: Vec<String>,
    relative_after: Vec<String>,
    seasons: Vec<String>,
    deictic: Vec<String>,
    calendar_spans: Vec<String>,
    currencies: Vec<String>,
    length_units: std::collections::BTreeMap<String, f64>,
    weight_units: Vec<String>,
    temperature_units: Vec<String>,
    speed_units: Vec<String>,
    fractions: std::collections::BTreeMap<String, f64>,
    multiples: std::collections::BTreeMap<String, f64>,
    vague_counts: std::collections::BTreeMap<String, f64>,
    money_words: std::collections::BTreeMap<String, f64>,
    share_before: Vec<String>,
    time_before: Vec<String>,
    bounds_before: Vec<String>,
    determiners: Vec<String>,
    pronoun_one_after: Vec<String>,
}

const SOURCE: &str = include_str!("words.toml");

impl Words {
    /// The word a chat shorthand stands for: "ppl" → "people".
    pub fn unabbreviated(&self, word: &str) -> Option<&'static str> {
        self.abbreviations
            .iter()
            .find(|(short, _)| *short == word)
            .map(|(_, full)| *full)
    }
}

/// The word lists, read on first use.
pub fn word_lists() -> &'static Words {
    static WORDS: OnceLock<Words> = OnceLock::new();
    WORDS.get_or_init(|| match parse(SOURCE) {
        Ok(words) => words,
        // The file is compiled in and checked by a test: this cannot
        // happen in a build that passed its tests.
        Err(e) => panic!("src/text/words.toml: {e}"),
    })
}

/// Leaks a list for the life of the process: read once, never freed.
fn keep(words: Vec<String>) -> List {
    let words: Vec<&'static str> = words
        .into_iter()
        .map(|w| &*Box::leak(w.into_boxed_str()))
        .collect();
    Box::leak(words.into_boxed_slice())
}

/// Leaks a table of words and numbers for the life of the process.
fn keep_table(table: std::collections::BTreeMap<String, f64>) -> Table {
    let rows: Vec<(&'static str, f64)> = table
        .into_iter()
        .map(|(w, n)| (&*Box::leak(w.into_boxed_str()), n))
        .collect();
    Box::leak(rows.into_boxed_slice())
}

/// The entry of a list written at `words[i]`: one word, or several
/// ("gone up", "turned out to") when the list writes them with spaces.
pub fn entry_at(list: List, words: &[&str], i: usize) -> Option<&'static str> {
    list.iter().copied().find(|entry| {
        entry
            .split(' ')
            .enumerate()
            .all(|(k, part)| words.get(i + k) == Some(&part))
    })
}

/// The number a table gives a word, if it lists it.
pub fn looked_up(table: Table, word: &str) -> Option<f64> {
    table.iter().find(|(w, _)| *w == word).map(|&(_, n)| n)
}

fn parse(text: &str) -> Result<Words, String> {
    let f: File = toml::from_str(text).map_err(|e| e.to_string())?;
    let words = Words {
        stopwords: keep(f.function.stopwords),
        negations: keep(f.function.negations),
        prepositions: keep(f.function.prepositions),
        contrasts: keep(f.function.contrasts),
        chatter: keep(f.function.chatter),
        name_connectors: keep(f.function.name_connectors),
        titles: keep(f.function.titles),
        auxiliaries: keep(f.function.auxiliaries),
        be_forms: keep(f.function.be_forms),
        object_pronouns: keep(f.function.object_pronouns),
        referring: keep(f.function.referring),
        particles: keep(f.function.particles),
        discourse: keep(f.question.discourse),
        texts: keep(f.question.texts),
        dimensions: keep(f.question.dimensions),
        kinds_of: keep(f.question.kinds_of),
        share: keep(f.question.share),
        share_asked: keep(f.question.share_asked),
        share_of: keep(f.question.share_of),
        share_changes: keep(f.question.share_changes),
        money: keep(f.question.money),
        currency_names: keep(f.question.currency_names),
        name_nouns: keep(f.question.name_nouns),
        name_kinds: keep(f.question.name_kinds),
        offset: keep(f.question.offset),
        how_age: keep(f.question.how_age),
        how_length: keep(f.question.how_length),
        how_weight: keep(f.question.how_weight),
        how_temperature: keep(f.question.how_temperature),
        how_speed: keep(f.question.how_speed),
        length_asked: keep(f.question.length_asked),
        weight_asked: keep(f.question.weight_asked),
        temperature_asked: keep(f.question.temperature_asked),
        speed_asked: keep(f.question.speed_asked),
        frame_date: keep(f.frame.frame_date),
        frame_place: keep(f.frame.frame_place),
        frame_duration: keep(f.frame.frame_duration),
        frame_number: keep(f.frame.frame_number),
        frame_person: keep(f.frame.frame_person),
        hedges: keep(f.statement.hedges),
        stated_hedges: keep(f.statement.stated_hedges),
        totality: keep(f.statement.totality),
        approximate: keep(f.statement.approximate),
        habitual: keep(f.statement.habitual),
        certainty: keep(f.statement.certainty),
        outcome: keep(f.statement.outcome),
        rising: keep(f.statement.rising),
        falling: keep(f.statement.falling),
        exact: keep(f.statement.exact),
        negating_verbs: keep(f.statement.negating_verbs),
        speech: keep(f.statement.speech),
        months: keep(f.values.months),
        months_also_words: keep(f.values.months_also_words),
        month_before: keep(f.values.month_before),
        period_parts: keep(f.values.period_parts),
        weekdays: keep(f.values.weekdays),
        each: keep(f.values.each),
        totals: keep(f.values.totals),
        ordinals: keep(f.values.ordinals),
        until: keep(f.values.until),
        relative_days: keep(f.values.relative_days),
        relative_markers: keep(f.values.relative_markers),
        relative_after: keep(f.values.relative_after),
        seasons: keep(f.values.seasons),
        deictic: keep(f.values.deictic),
        calendar_spans: keep(f.values.calendar_spans),
        currencies: keep(f.values.currencies),
        length_units: keep_table(f.values.length_units),
        weight_units: keep(f.values.weight_units),
        temperature_units: keep(f.values.temperature_units),
        speed_units: keep(f.values.speed_units),
        fractions: keep_table(f.values.fractions),
        multiples: keep_table(f.values.multiples),
        vague_counts: keep_table(f.values.vague_counts),
        money_words: keep_table(f.values.money_words),
        share_before: keep(f.values.share_before),
        time_before: keep(f.values.time_before),
        bounds_before: keep(f.values.bounds_before),
        determiners: keep(f.values.determiners),
        pronoun_one_after: keep(f.values.pronoun_one_after),
        abbreviations: Box::leak(
            f.abbreviations
                .into_iter()
                .map(|(short, full)| {
                    (
                        &*Box::leak(short.into_boxed_str()),
                        &*Box::leak(full.into_boxed_str()),
                    )
                })
                .collect::<Vec<_>>()
                .into_boxed_slice(),
        ),
    };
    if words.months.len() != 12 || words.weekdays.len() != 7 {
        return Err("months must list 12 stems and weekdays 7 days, in order".into());
    }
    Ok(words)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_word_lists_are_well_formed() {
        let words = parse(SOURCE).expect("words.toml parses");
        let lists = [
            words.stopwords,
            words.negations,
            words.prepositions,
            words.chatter,
            words.discourse,
            words.hedges,
            words.months,
        ];
        for list in lists {
            assert!(!list.is_empty());
            for w in list {
                assert!(
                    !w.is_empty() && *w == w.to_lowercase() && w.trim() == *w,
                    "{w:?} is not a lower-case word"
                );
            }
        }
        assert_eq!(words.months[2], "march");
        for (short, full) in words.abbreviations {
            assert!(
                short.chars().count() > 1 && !full.contains(' ') && full != short,
                "{short} = {full}: a shorthand of more than one letter for one other word"
            );
        }
        assert_eq!(words.weekdays[0], "monday");
    }

    #[test]
    fn a_list_left_out_is_named() {
        let without = SOURCE.replace("hedges = [", "hedge_words = [");
        let err = parse(&without).expect_err("an unknown list is refused");
        assert!(err.contains("hedge"), "{err}");
    }
}
