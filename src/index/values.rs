//! The values a claim's text asserts: counts with their unit, durations,
//! dates and names. Verification compares them; question typing checks that
//! a claim has the kind of value a question asks for.

use crate::text::words::{looked_up, word_lists};
use crate::text::{Token, TokenKind};

/// A year in seconds (365.25 days).
pub const YEAR_SECONDS: f64 = 31_557_600.0;
/// A month in seconds, the twelfth of a year.
pub const MONTH_SECONDS: f64 = YEAR_SECONDS / 12.0;

/// Seconds in each time unit, by stem.
pub fn time_unit_seconds(term: &str) -> Option<f64> {
    // A synonym group is named after its first word: "~week".
    Some(match term.trim_start_matches('~') {
        "second" | "sec" => 1.0,
        "minut" | "min" => 60.0,
        "hour" | "hr" => 3600.0,
        "day" => 86_400.0,
        "night" => 86_400.0,
        "week" => 604_800.0,
        "fortnight" => 1_209_600.0,
        "month" => MONTH_SECONDS,
        "year" => YEAR_SECONDS,
        "decad" => 315_576_000.0,
        _ => return None,
    })
}

/// What a number measures, as far as its writing tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    /// Things counted, or a number without a sign: "390 people".
    Count,
    /// "9%", "38 per cent".
    Percent,
    /// "£68m", "40 dollars".
    Money,
    /// A length, a weight, a temperature, a speed: "340 metres", "48 kg".
    Length,
    Weight,
    Temperature,
    Speed,
    /// An age, asked for by "how old"; the text writes it as a length of
    /// time ("46-year-old").
    Age,
}

impl Measure {
    /// Whether two numbers may measure the same thing: a percentage only
    /// compares with a percentage, a length with a length; money and plain
    /// numbers mix ("£68m", "68m pounds", "a fee of 68m").
    pub fn compatible(self, other: Measure) -> bool {
        let plain = |m: Measure| matches!(m, Measure::Count | Measure::Money | Measure::Age);
        self == other || (plain(self) && plain(other))
    }
}

/// A count: "390 people", "1,000 prisoners".
#[derive(Debug, Clone, PartialEq)]
pub struct Count {
    pub value: f64,
    /// The term right after the number ("peopl", "~soldier"), if any.
    pub unit: Option<String>,
    pub measure: Measure,
    /// Token position in the analysed text.
    pub at: usize,
    /// The number as written, with its unit ("390 people").
    pub surface: std::ops::Range<usize>,
    /// The most it can be when the text gives a range of ages ("in her
    /// late 60s": 66 to 69), `value` being the least.
    pub upper: Option<f64>,
    /// A share worked out from a part and its whole ("nine of the 14":
    /// 64%), not written as one: what a stated share is compared with,
    /// never itself a figure the text states.
    pub derived: bool,
    /// The tokens after the number that name what it counts: its content
    /// words there ("cases of measles", "of those panels"), the others
    /// being "of" and determiners ([`counted_after`]).
    pub counted: std::ops::Range<usize>,
}

impl Count {
    /// Whether two counts may be of the same thing, by their measures
    /// ([`Measure::compatible`]); a sum of money is no count of named
    /// things: "£10,000" and "11,207 votes" do not compare.
    pub fn comparable(&self, other: &Count) -> bool {
        let money_and_things = |a: &Count, b: &Count| {
            a.measure == Measure::Money && b.measure == Measure::Count && b.unit.is_some()
        };
        self.measure.compatible(other.measure)
            && !money_and_things(self, other)
            && !money_and_things(other, self)
    }
}

/// A length of time: "two-hour" = 7200 s.
#[derive(Debug, Clone, PartialEq)]
pub struct Duration {
    pub seconds: f64,
    pub at: usize,
    pub surface: std::ops::Range<usize>,
    /// Only the least it can be: "several minutes" is two or more.
    pub at_least: bool,
}

/// A point in time. Absolute dates compare with each other; relative ones
/// ("a week earlier", "on Tuesday") only show that the text has a date.
#[derive(Debug, Clone, PartialEq)]
pub struct Date {
    pub year: Option<i32>,
    pub month: Option<u8>,
    /// The day of the month: "21 October", "October 21".
    pub day: Option<u8>,
    /// A time of day in minutes after midnight: "6.40pm", "10pm". A time
    /// of day is relative (it says no date) and compares only with times.
    pub minutes: Option<u16>,
    /// A time of day told without "am" or "pm" ("twenty to twelve"): on
    /// either half of the day.
    pub either_half: bool,
    pub relative: bool,
    /// The noun a year is attached to ("invas" in "the 2022 invasion"):
    /// that date is the noun's, not the sentence's event's.
    pub head: Option<String>,
    /// Monday = 0 … Sunday = 6, for "on Tuesday".
    pub weekday: Option<u8>,
    /// How far from the event it is told against, in seconds, before (-)
    /// or after (+): "a week earlier" -604,800.
    pub offset: Option<f64>,
    pub at: usize,
    pub surface: std::ops::Range<usize>,
}

impl Date {
    /// A time told against something else (the present, the event), at
    /// token `at`: no year, month or day of its own.
    fn relative(at: usize, surface: std::ops::Range<usize>) -> Date {
        Date {
            year: None,
            month: None,
            day: None,
            minutes: None,
            either_half: false,
            relative: true,
            head: None,
            weekday: None,
            offset: None,
            at,
            surface,
        }
    }

    /// Told only against the present ("this summer", "next week",
    /// "tomorrow"): no date, no weekday, no time of day, no distance
    /// from another event.
    pub fn against_now(&self) -> bool {
        self.relative
            && self.year.is_none()
            && self.month.is_none()
            && self.weekday.is_none()
            && self.minutes.is_none()
            && self.offset.is_none()
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct TextValues {
    pub counts: Vec<Count>,
    pub durations: Vec<Duration>,
    pub dates: Vec<Date>,
    /// A length of time without a number ("waited years"): it answers
    /// "how long" but compares with nothing.
    pub vague_duration: bool,
}

impl TextValues {
    pub fn is_empty(&self) -> bool {
        self.counts.is_empty() && self.durations.is_empty() && self.dates.is_empty()
    }

    /// Whether any value says something that can be checked: a figure, a
    /// length of time or a date other than one told only against the
    /// present ("this summer", "next week" say no date).
    pub fn any_checkable(&self) -> bool {
        !self.counts.is_empty()
            || !self.durations.is_empty()
            || self.dates.iter().any(|d| !d.against_now())
    }
}

/// A share or a multiple written in words, as a percentage, and the token
/// after it: "nine in ten" 90, "two-thirds" 66.7, "a third of" 33.3, "by
/// half" 50, "doubled" 100. Such a figure is round by nature; verification
/// reads it as approximate.
pub fn proportion_at(tokens: &[Token], i: usize) -> Option<(f64, usize)> {
    let lists = word_lists();
    let word = |at: usize| tokens.get(at).map_or("", |t| t.word.as_str());
    let denominator = |w: &str| looked_up(lists.fractions, w);
    if let Some(percent) = looked_up(lists.multiples, word(i)) {
        return Some((percent, i + 1));
    }
    let number = |at: usize| match tokens.get(at).map(|t| &t.kind) {
        Some(TokenKind::Number {
            value, year: false, ..
        }) => Some(*value),
        _ => None,
    };
    // "Half of what the union is asking for" relates two amounts.
    let of_amount = |after: usize| word(after) == "of" && word(after + 1) != "what";
    let is_share = |before: usize, after: usize| {
        of_amount(after)
            || before
                .checked_sub(1)
                .is_some_and(|b| lists.share_before.contains(&word(b)))
    };
    // "nine in ten", "one in five", "three out of four" ("one" is read
    // as a word, not a number: "one of them").
    let part = number(i).or_else(|| (word(i) == "one").then_some(1.0));
    let whole_at = match (word(i + 1), word(i + 2)) {
        ("out", "of") => i + 3,
        _ => i + 2,
    };
    if let (Some(n), "in" | "out", Some(m)) = (part, word(i + 1), number(whole_at)) {
        if n > 0.0 && n < m && m <= 100.0 && m.fract() == 0.0 {
            return Some((100.0 * n / m, whole_at + 1));
        }
    }
    // "A quarter of an hour" is a length of time, not a share.
    if fraction_of_unit(tokens, i).is_some() {
        return None;
    }
    let after_hyphen = |at: usize| if word(at) == "-" { at + 1 } else { at };
    let k = after_hyphen(i + 1);
    if let (Some(n), Some(d)) = (number(i), denominator(word(k))) {
        // "two-thirds", "three quarters"; not "4 quarters" of a match.
        if n >= 1.0 && n < d && n.fract() == 0.0 && word(i).chars().all(char::is_alphabetic) {
            return Some((100.0 * n / d, k + 1));
        }
    }
    // "a third of", "less than a quarter".
    if let ("a" | "one", Some(d)) = (word(i), denominator(word(i + 1))) {
        if is_share(i, i + 2) {
            return Some((100.0 / d, i + 2));
        }
    }
    // "half of", "by half", "under half its usual rainfall"; not "half a
    // century" nor "a day and a half".
    let before = i.checked_sub(1).map_or("", |b| word(b));
    let share_after = lists.determiners.contains(&word(i + 1));
    let half = word(i) == "half" && !matches!(word(i + 1), "a" | "an") && before != "a";
    (half && (of_amount(i + 1) || lists.share_before.contains(&before) || share_after))
        .then_some((50.0, i + 1))
}

/// A fraction of one unit of time or length, as that fraction, and the
/// unit's position: "a quarter of an hour" (0.25, at "hour"), "three
/// quarters of a mile", "a third of a kilometre", "half a mile".
pub fn fraction_of_unit(tokens: &[Token], i: usize) -> Option<(f64, usize)> {
    let lists = word_lists();
    let word = |at: usize| tokens.get(at).map_or("", |t| t.word.as_str());
    let unit = |at: usize| {
        let t = tokens.get(at)?;
        let known = time_unit_seconds(&t.term).is_some()
            || looked_up(lists.length_units, &t.word).is_some();
        (known && matches!(word(at - 1), "a" | "an")).then_some(at)
    };
    if word(i) == "half" {
        return unit(i + 2).map(|u| (0.5, u));
    }
    let part = match tokens.get(i)?.kind {
        TokenKind::Number {
            value, year: false, ..
        } if word(i).chars().all(char::is_alphabetic) => value,
        _ if matches!(word(i), "a" | "one") => 1.0,
        _ => return None,
    };
    let d = if word(i + 1) == "-" { i + 2 } else { i + 1 };
    let whole = looked_up(lists.fractions, word(d))?;
    if part >= whole || word(d + 1) != "of" {
        return None;
    }
    unit(d + 3).map(|u| (part / whole, u))
}

/// The tokens naming what a number at `at` counts: from the token after
/// it to its last content word there, across "of" and determiners ("cases
/// of measles", "of those panels"), up to the first other function word
/// or punctuation, three content words at most.
fn counted_after(tokens: &[Token], at: usize) -> std::ops::Range<usize> {
    let lists = word_lists();
    let (mut end, mut found) = (at + 1, 0);
    for (j, t) in tokens.iter().enumerate().skip(at + 1).take(5) {
        match t.kind {
            TokenKind::Content => {
                end = j + 1;
                found += 1;
            }
            _ if t.word == "of" || lists.determiners.contains(&t.word.as_str()) => {}
            _ => break,
        }
        if found == 3 {
            break;
        }
    }
    at + 1..end
}

/// The whole a count at `i` is a part of, and its position: "nine of the
/// 14 fires", "three of 12 panels", "31 of the council's 60 seats" (past a
/// determiner and one word, the possessive; the analyser drops its "'s").
fn whole_after(tokens: &[Token], i: usize) -> Option<(f64, usize)> {
    let TokenKind::Number { value: part, .. } = tokens[i].kind else {
        return None;
    };
    if tokens.get(i + 1)?.word != "of" || part.fract() != 0.0 {
        return None;
    }
    let determiner = tokens
        .get(i + 2)
        .is_some_and(|t| word_lists().determiners.contains(&t.word.as_str()));
    let whole = |j: usize| match tokens.get(j)?.kind {
        TokenKind::Number {
            value, year: false, ..
        } if value > part && value.fract() == 0.0 => Some((value, j)),
        _ => None,
    };
    let owner = |j: usize| tokens.get(j).is_some_and(|t| t.kind == TokenKind::Content);
    whole(i + 2)
        .or_else(|| whole(i + 3).filter(|_| determiner))
        .or_else(|| whole(i + 4).filter(|_| determiner && owner(i + 3)))
}

/// Reads the values of an analysed text.
pub fn extract(tokens: &[Token]) -> TextValues {
    let mut out = TextValues::default();
    // The word a number counts: the next content word, past stop words
    // ("nine of the animals") but no preposition other than "of": "£3m
    // for the ground" is a sum paid for the ground, "28 on average" no
    // count of averages.
    let next_content = |from: usize| -> Option<usize> {
        tokens
            .get(from..)
            .unwrap_or_default()
            .iter()
            .take(3)
            .position(|t| {
                t.is_indexed()
                    || matches!(t.kind, TokenKind::Punct(c) if c != '-')
                    || (t.word != "of" && crate::text::stopwords::is_preposition(&t.word))
            })
            .map(|p| p + from)
            .filter(|&i| tokens[i].is_indexed())
    };
    let mut i = 0;
    while i < tokens.len() {
        let t = &tokens[i];
        // Before "half" is read as a share: "at half past six".
        if let Some((minutes, end)) = spoken_time(tokens, i) {
            out.dates.push(Date {
                either_half: true,
                ..time_of_day(minutes, i, t.span.start..tokens[end].span.end)
            });
            i = end + 1;
            continue;
        }
        if let Some((least, most, at, end)) = age_range(tokens, i) {
            out.counts.push(Count {
                value: least,
                unit: None,
                measure: Measure::Age,
                at,
                surface: tokens[at].span.start..tokens[end - 1].span.end,
                upper: Some(most),
                derived: false,
                counted: counted_after(tokens, at),
            });
            i = end;
            continue;
        }
        if let Some((fraction, u)) = fraction_of_unit(tokens, i) {
            let surface = t.span.start..tokens[u].span.end;
            let unit = &tokens[u];
            if let Some(seconds) = time_unit_seconds(&unit.term) {
                let seconds = fraction * seconds;
                if is_relative(tokens, u + 1) {
                    out.dates.push(Date {
                        offset: Some(direction(tokens, u + 1) * seconds),
                        ..Date::relative(i, surface.start..tokens[u + 1].span.end)
                    });
                } else {
                    out.durations.push(Duration {
                        seconds,
                        at: i,
                        surface,
                        at_least: false,
                    });
                }
            } else {
                out.counts.push(Count {
                    value: fraction
                        * looked_up(word_lists().length_units, &unit.word).unwrap_or(1.0),
                    unit: Some(unit.term.clone()),
                    measure: Measure::Length,
                    at: i,
                    surface,
                    upper: None,
                    derived: false,
                    counted: counted_after(tokens, u),
                });
            }
            i = u + 1;
            continue;
        }
        if let Some((percent, end)) = proportion_at(tokens, i) {
            out.counts.push(Count {
                value: percent,
                unit: Some("percent".to_string()),
                measure: Measure::Percent,
                at: i,
                surface: t.span.start..tokens[end - 1].span.end,
                upper: None,
                derived: false,
                counted: counted_after(tokens, i),
            });
            i = end;
            continue;
        }
        match t.kind {
            TokenKind::Number { value, year, money } => {
                let mut unit_at = next_content(i + 1);
                // "Two and a half hours", "seven and a half miles".
                let part = and_a_part(tokens, i);
                let halved_unit = next_content(i + 4)
                    .filter(|&u| part.is_some() && tokens[u].kind == TokenKind::Content);
                let value = match (halved_unit, part) {
                    (Some(u), Some(part)) => {
                        unit_at = Some(u);
                        value + part
                    }
                    _ => value,
                };
                // "14 Earth days", "three working days": a word that says
                // which kind of day stands between; a plural does not ("390
                // prisoners days later").
                let qualified = unit_at.filter(|&u| {
                    let (word, next) = (&tokens[u], tokens.get(u + 1));
                    word.kind == TokenKind::Content
                        && !word.word.ends_with('s')
                        && time_unit_seconds(&word.term).is_none()
                        && next.is_some_and(|n| time_unit_seconds(&n.term).is_some())
                });
                if let Some(u) = qualified {
                    unit_at = Some(u + 1);
                }
                let unit = unit_at.map(|u| tokens[u].term.as_str());
                // "£6,000 a week" is a rate of money, not 6,000 weeks.
                if let Some(seconds) = unit.and_then(time_unit_seconds).filter(|_| !money) {
                    let mut u = unit_at.unwrap_or(i);
                    // "Two weeks and a half", "an hour and a quarter".
                    let value = match and_a_part(tokens, u) {
                        Some(part) => {
                            u += 3;
                            value + part
                        }
                        None => value,
                    };
                    let surface = t.span.start..tokens[u].span.end;
                    // "Closed for three months after the crash": how long,
                    // whatever follows.
                    let lasting = i > 0 && tokens[i - 1].word == "for";
                    if is_relative(tokens, u + 1) && !lasting {
                        out.dates.push(Date {
                            offset: Some(direction(tokens, u + 1) * value * seconds),
                            ..Date::relative(i, surface.start..tokens[u + 1].span.end)
                        });
                    } else {
                        out.durations.push(Duration {
                            seconds: value * seconds,
                            at: i,
                            surface,
                            at_least: false,
                        });
                    }
                    i = u + 1;
                    continue;
                }
                // "21 October", "October 21": the day of a month, not a count.
                let month_next_to =
                    |at: Option<usize>| at.and_then(|a| month_at(tokens, a)).is_some();
                if day_of(tokens, i).is_some()
                    && (month_next_to(Some(i + 1)) || month_next_to(i.checked_sub(1)))
                {
                    i += 1;
                    continue;
                }
                if let Some(minutes) = tokens
                    .get(i + 1)
                    .and_then(|n| clock(&format!("{}{}", t.word, n.word)))
                {
                    out.dates.push(time_of_day(
                        minutes,
                        i,
                        t.span.start..tokens[i + 1].span.end,
                    ));
                    i += 2;
                    continue;
                }
                if year {
                    let month = previous_month(tokens, i);
                    // "October 21, 2025", "21 October 2025".
                    let day = month.and_then(|(_, at)| {
                        day_of(tokens, at + 1)
                            .filter(|_| at + 1 < i)
                            .or_else(|| at.checked_sub(1).and_then(|d| day_of(tokens, d)))
                    });
                    let month = month.map(|(m, at)| {
                        let opens_with_day =
                            day.is_some() && at > 0 && day_of(tokens, at - 1).is_some();
                        (m, if opens_with_day { at - 1 } else { at })
                    });
                    let start = tokens[part_before(tokens, month.map_or(i, |(_, at)| at))]
                        .span
                        .start;
                    out.dates.push(Date {
                        year: Some(value as i32),
                        month: month.map(|(m, _)| m),
                        day: day.filter(|_| month.is_some()),
                        minutes: None,
                        either_half: false,
                        relative: false,
                        head: tokens
                            .get(i + 1)
                            .filter(|n| n.kind == TokenKind::Content)
                            .map(|n| n.term.clone()),
                        weekday: None,
                        offset: None,
                        at: i,
                        surface: start..t.span.end,
                    });
                } else {
                    // A unit is a word: "£68m and $3.90" counts no "3.90"s.
                    // Nor a word past "when", which opens another clause
                    // ("she was 91 when she handed over…").
                    let unit_at = unit_at.filter(|&u| {
                        tokens[u].kind == TokenKind::Content
                            && !tokens[i + 1..u].iter().any(|t| t.word == "when")
                    });
                    let unit = unit_at.map(|u| tokens[u].term.trim_start_matches('~'));
                    let per_cent = unit == Some("cent")
                        && unit_at.is_some_and(|u| tokens[u - 1].word == "per");
                    let lists = word_lists();
                    let written = unit_at.map(|u| tokens[u].word.as_str());
                    let of = |list: &[&str]| written.is_some_and(|w| list.contains(&w));
                    let metres = written.and_then(|w| looked_up(lists.length_units, w));
                    // "Strada 36V": a number written with letters no list
                    // knows as a unit names a model or a rating, and
                    // counts nothing.
                    let glued = tokens
                        .get(i + 1)
                        .filter(|n| {
                            n.span.start == t.span.end && n.word.chars().all(char::is_alphabetic)
                        })
                        .map(|n| n.word.as_str());
                    let known_unit = |w: &str| {
                        w == "percent"
                            || looked_up(lists.length_units, w).is_some()
                            || [
                                lists.weight_units,
                                lists.temperature_units,
                                lists.speed_units,
                                lists.currencies,
                            ]
                            .iter()
                            .any(|list| list.contains(&w))
                    };
                    if glued.is_some_and(|w| !known_unit(w)) && !money {
                        i += 1;
                        continue;
                    }
                    let measure = if money || unit.is_some_and(|u| lists.currencies.contains(&u)) {
                        Measure::Money
                    } else if unit == Some("percent") || per_cent {
                        Measure::Percent
                    } else if metres.is_some() {
                        Measure::Length
                    } else if of(lists.weight_units) {
                        Measure::Weight
                    } else if of(lists.temperature_units) {
                        Measure::Temperature
                    } else if of(lists.speed_units) {
                        Measure::Speed
                    } else if unit_at.is_none() && appositive_age(tokens, i, value) {
                        Measure::Age
                    } else {
                        Measure::Count
                    };
                    let end = unit_at.map_or(t.span.end, |u| tokens[u].span.end);
                    out.counts.push(Count {
                        // A length in metres, whatever its unit.
                        value: match (measure, metres) {
                            (Measure::Length, Some(metres)) => value * metres,
                            _ => value,
                        },
                        unit: unit_at.map(|u| tokens[u].term.clone()),
                        measure,
                        at: i,
                        surface: t.span.start..end,
                        upper: None,
                        derived: false,
                        counted: counted_after(tokens, i),
                    });
                    if let Some((whole, at)) =
                        whole_after(tokens, i).filter(|_| measure == Measure::Count)
                    {
                        out.counts.push(Count {
                            value: 100.0 * value / whole,
                            unit: Some("percent".to_string()),
                            measure: Measure::Percent,
                            at: i,
                            surface: t.span.start..tokens[at].span.end,
                            upper: None,
                            derived: true,
                            counted: counted_after(tokens, i),
                        });
                    }
                }
            }
            // "May" is a stopword (the verb), but capitalised inside a
            // sentence it is the month.
            TokenKind::Content | TokenKind::Stop => {
                if t.kind == TokenKind::Stop && !(t.word == "may" && t.capitalized) {
                    i += 1;
                    continue;
                }
                let term = t.term.trim_start_matches('~');
                if let Some(m) = month_at(tokens, i) {
                    let is_year = |at: usize| {
                        tokens
                            .get(at)
                            .is_some_and(|n| matches!(n.kind, TokenKind::Number { year: true, .. }))
                    };
                    // "October 21": the day after the month.
                    let day_after = day_of(tokens, i + 1);
                    let year_after = is_year(i + 1)
                        || (day_after.is_some()
                            && (is_year(i + 2)
                                || (matches!(
                                    tokens.get(i + 2).map(|n| &n.kind),
                                    Some(TokenKind::Punct(','))
                                ) && is_year(i + 3))));
                    if !year_after {
                        let day_before = i.checked_sub(1).and_then(|d| day_of(tokens, d));
                        let start = if day_before.is_some() {
                            tokens[i - 1].span.start
                        } else {
                            tokens[part_before(tokens, i)].span.start
                        };
                        let end = if day_after.is_some() {
                            tokens[i + 1].span.end
                        } else {
                            t.span.end
                        };
                        out.dates.push(Date {
                            year: None,
                            month: Some(m),
                            day: day_before.or(day_after),
                            minutes: None,
                            either_half: false,
                            relative: false,
                            head: None,
                            weekday: None,
                            offset: None,
                            at: i,
                            surface: start..end,
                        });
                        if day_after.is_some() {
                            i += 2;
                            continue;
                        }
                    }
                } else if let Some(minutes) = clock(&t.word) {
                    out.dates.push(time_of_day(minutes, i, t.span.clone()));
                } else if word_lists().weekdays.contains(&term)
                    || word_lists().relative_days.contains(&term)
                {
                    out.dates.push(Date {
                        weekday: word_lists()
                            .weekdays
                            .iter()
                            .position(|d| *d == term)
                            .map(|d| d as u8),
                        ..Date::relative(i, t.span.clone())
                    });
                } else if let Some(surface) = told_against_now(tokens, i) {
                    // "next week", "by next summer", "before winter".
                    out.dates.push(Date::relative(i, surface));
                } else if let Some(seconds) = time_unit_seconds(term) {
                    // "a week earlier", "for a day".
                    let article =
                        i > 0 && matches!(tokens[i - 1].word.as_str(), "a" | "an" | "one");
                    let after_number =
                        i > 0 && matches!(tokens[i - 1].kind, TokenKind::Number { .. });
                    if !article && !after_number && t.word.ends_with('s') {
                        out.vague_duration = true;
                        if let Some((least, start)) = vague_count(tokens, i) {
                            out.durations.push(Duration {
                                seconds: least * seconds,
                                at: i,
                                surface: tokens[start].span.start..t.span.end,
                                at_least: true,
                            });
                        }
                    }
                    // "9,400 vehicles a day", "£6,000 a week": a rate, not a
                    // length of time.
                    let rate = i >= 2
                        && tokens[..i - 1]
                            .iter()
                            .rev()
                            .take(3)
                            .any(|p| matches!(p.kind, TokenKind::Number { year: false, .. }));
                    if article && !rate {
                        let surface = tokens[i - 1].span.start..t.span.end;
                        if is_relative(tokens, i + 1) {
                            out.dates.push(Date {
                                offset: Some(direction(tokens, i + 1) * seconds),
                                ..Date::relative(i, surface.start..tokens[i + 1].span.end)
                            });
                        } else {
                            // "A month and a half": six weeks or so ("half
                            // a day" is read above, a fraction of a unit).
                            let (seconds, surface) = if let Some(part) = and_a_part(tokens, i) {
                                (
                                    seconds * (1.0 + part),
                                    surface.start..tokens[i + 3].span.end,
                                )
                            } else {
                                (seconds, surface)
                            };
                            out.durations.push(Duration {
                                seconds,
                                at: i,
                                surface,
                                at_least: false,
                            });
                        }
                    }
                }
            }
            _ => {}
        }
        i += 1;
    }
    out
}

/// The part "and a half" or "and a quarter" adds after token `at`: "a day
/// and a half", "an hour and a quarter".
fn and_a_part(tokens: &[Token], at: usize) -> Option<f64> {
    let word = |i: usize| tokens.get(i).map_or("", |t| t.word.as_str());
    if word(at + 1) != "and" || !matches!(word(at + 2), "a" | "an") {
        return None;
    }
    looked_up(word_lists().fractions, word(at + 3)).map(|d| 1.0 / d)
}

/// The least number that the words before token `at` leave unsaid, and
/// where they start: "several minutes", "a few hours", "a couple of days",
/// "hundreds of years".
fn vague_count(tokens: &[Token], at: usize) -> Option<(f64, usize)> {
    let word = |i: usize| tokens.get(i).map_or("", |t| t.word.as_str());
    let mut q = at.checked_sub(1)?;
    if word(q) == "of" {
        q = q.checked_sub(1)?;
    }
    let least = looked_up(word_lists().vague_counts, word(q))?;
    let with_article = q > 0 && word(q - 1) == "a";
    match word(q) {
        "few" | "couple" if !with_article => None,
        _ if with_article => Some((least, q - 1)),
        _ => Some((least, q)),
    }
}

/// A person's age as news writes it: between commas after the name
/// ("Rachel Dunmore, 44, said…"), after "aged", or as someone's state at
/// a time ("she was 91 when she handed over £48,000").
fn appositive_age(tokens: &[Token], at: usize, value: f64) -> bool {
    let punct = |i: Option<usize>, c: char| {
        i.and_then(|i| tokens.get(i))
            .is_some_and(|t| t.kind == TokenKind::Punct(c))
    };
    let name_before = at
        .checked_sub(2)
        .and_then(|i| tokens.get(i))
        .is_some_and(|t| t.kind == TokenKind::Content && t.capitalized);
    // "retired aged 61".
    let aged = at
        .checked_sub(1)
        .and_then(|i| tokens.get(i))
        .is_some_and(|t| t.word == "aged");
    let word = |i: Option<usize>| i.and_then(|i| tokens.get(i)).map(|t| t.word.as_str());
    let was_when = word(at.checked_sub(1)).is_some_and(|w| word_lists().be_forms.contains(&w))
        && word(Some(at + 1)) == Some("when");
    value.fract() == 0.0
        && (1.0..=120.0).contains(&value)
        && (aged
            || was_when
            || name_before && punct(at.checked_sub(1), ',') && punct(Some(at + 1), ','))
}

/// An age told by its decade after a possessive ("in his 60s", "in her
/// late sixties", "in their early twenties"): the least and the most it
/// can be, the token where the range starts ("late", or the decade) and
/// the token after it.
fn age_range(tokens: &[Token], i: usize) -> Option<(f64, f64, usize, usize)> {
    let word = |at: usize| tokens.get(at).map_or("", |t| t.word.as_str());
    if word(i) != "in" || !matches!(word(i + 1), "his" | "her" | "their") {
        return None;
    }
    let mut at = i + 2;
    let part = match word(at) {
        "early" => Some((0.0, 4.0)),
        "mid" => Some((3.0, 7.0)),
        "late" => Some((6.0, 9.0)),
        _ => None,
    };
    let start = at;
    if part.is_some() {
        at += 1;
        if word(at) == "-" {
            at += 1;
        }
    }
    // "60s", "60's" or "sixties".
    let w = word(at);
    let decade = match w.strip_suffix("'s").or_else(|| w.strip_suffix('s')) {
        Some(digits) if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) => {
            digits.parse::<f64>().ok()?
        }
        _ => crate::text::numbers::unit_word(&format!("{}y", w.strip_suffix("ies")?))?,
    };
    let end = at + 1;
    if decade % 10.0 != 0.0 || !(20.0..=110.0).contains(&decade) {
        return None;
    }
    let (low, high) = part.unwrap_or((0.0, 9.0));
    Some((decade + low, decade + high, start, end))
}

/// Where a date starting at token `at` starts with the part of the period
/// written before it ("late May", "mid-March"): that word's token, or `at`.
fn part_before(tokens: &[Token], at: usize) -> usize {
    let word = |i: Option<usize>| i.and_then(|i| tokens.get(i)).map(|t| t.word.as_str());
    let hyphen = word(at.checked_sub(1)) == Some("-");
    let before = at.checked_sub(if hyphen { 2 } else { 1 });
    match word(before) {
        Some(w) if word_lists().period_parts.contains(&w) => before.unwrap_or(at),
        _ => at,
    }
}

/// The month a token names: a capitalised month name ("May" also only
/// inside a sentence, where the verb is lower case).
fn month_at(tokens: &[Token], at: usize) -> Option<u8> {
    let t = tokens.get(at)?;
    if t.kind == TokenKind::Stop && !(t.word == "may" && t.capitalized) {
        return None;
    }
    let term = t.term.trim_start_matches('~');
    let m = word_lists().months.iter().position(|m| *m == term)?;
    if !t.capitalized {
        // Typed in lower case ("in november"): a month when it is no other
        // word ("may", "march") or when a preposition or number says so.
        let word_at = |i: Option<usize>| i.and_then(|i| tokens.get(i));
        let dated = word_at(at.checked_sub(1))
            .is_some_and(|p| word_lists().month_before.contains(&p.word.as_str()))
            || [at.checked_sub(1), Some(at + 1)]
                .into_iter()
                .any(|i| word_at(i).is_some_and(|n| matches!(n.kind, TokenKind::Number { .. })));
        let other_word = word_lists().months_also_words.contains(&t.word.as_str());
        return (dated || !other_word).then_some(m as u8 + 1);
    }
    (term != "may" || !t.sentence_start).then_some(m as u8 + 1)
}

/// A day of the month: a whole number from 1 to 31 ("21", "1st").
fn day_of(tokens: &[Token], at: usize) -> Option<u8> {
    match tokens.get(at)?.kind {
        TokenKind::Number {
            value, year: false, ..
        } if value.fract() == 0.0 && (1.0..=31.0).contains(&value) => Some(value as u8),
        _ => None,
    }
}

/// A time of day written "6.40pm", "10pm", "2.15 am", "18:40" is not read
/// (a ratio or score looks the same): minutes after midnight.
fn clock(word: &str) -> Option<u16> {
    match word {
        "noon" | "midday" => return Some(12 * 60),
        "midnight" => return Some(0),
        _ => {}
    }
    let word = word.replace('.', ":");
    let (digits, pm) = if let Some(d) = word
        .strip_suffix("pm")
        .or_else(|| word.strip_suffix("p:m:"))
    {
        (d, true)
    } else {
        (
            word.strip_suffix("am")
                .or_else(|| word.strip_suffix("a:m:"))?,
            false,
        )
    };
    let (hour, minute) = match digits.split_once(':') {
        Some((h, m)) if m.len() == 2 => (h.parse::<u16>().ok()?, m.parse::<u16>().ok()?),
        Some(_) => return None,
        None => (digits.parse::<u16>().ok()?, 0),
    };
    if !(1..=12).contains(&hour) || minute >= 60 {
        return None;
    }
    Some((hour % 12 + if pm { 12 } else { 0 }) * 60 + minute)
}

/// A time of day told in words after "at", "by", "until"…: "twenty to
/// twelve", "ten past six", "half past six", "a quarter to nine" (minutes
/// after midnight or noon, and the token it ends at). "From twenty to
/// twelve members" is no time.
fn spoken_time(tokens: &[Token], i: usize) -> Option<(u16, usize)> {
    let word = |at: usize| tokens.get(at).map_or("", |t| t.word.as_str());
    if !word_lists().time_before.contains(&word(i.checked_sub(1)?)) {
        return None;
    }
    // "A quarter to nine" opens with its article.
    let n = if word(i) == "a" { i + 1 } else { i };
    let minutes = match (&tokens.get(n)?.kind, word(n)) {
        (TokenKind::Number { value, .. }, _)
            if n == i && [5.0, 10.0, 20.0, 25.0].contains(value) =>
        {
            *value as u16
        }
        (_, "half") if n == i && word(n + 1) == "past" => 30,
        (_, "quarter") => 15,
        _ => return None,
    };
    let hour = match tokens.get(n + 2)?.kind {
        TokenKind::Number {
            value, year: false, ..
        } if value.fract() == 0.0 && (1.0..=12.0).contains(&value) => value as u16 % 12,
        _ => return None,
    };
    let at = match word(n + 1) {
        "past" => hour * 60 + minutes,
        "to" => (hour * 60 + 720 - minutes) % 720,
        _ => return None,
    };
    Some((at, n + 2))
}

fn time_of_day(minutes: u16, at: usize, surface: std::ops::Range<usize>) -> Date {
    Date {
        minutes: Some(minutes),
        ..Date::relative(at, surface)
    }
}

/// A time told against the present: a season ("before winter"; "spring
/// 2027" is the year's date), or "next", "last", "this" or "coming" before
/// a week, month, year, weekend or season ("by the end of next week").
/// Its surface.
fn told_against_now(tokens: &[Token], at: usize) -> Option<std::ops::Range<usize>> {
    let lists = word_lists();
    let word = tokens[at].word.as_str();
    let season = lists.seasons.contains(&word);
    let deictic = at
        .checked_sub(1)
        .map(|p| &tokens[p])
        .filter(|p| lists.deictic.contains(&p.word.as_str()));
    let year_after = tokens
        .get(at + 1)
        .is_some_and(|t| matches!(t.kind, TokenKind::Number { year: true, .. }));
    match deictic {
        Some(p) if season || lists.calendar_spans.contains(&word) => {
            Some(p.span.start..tokens[at].span.end)
        }
        None if season && !year_after => Some(tokens[at].span.clone()),
        _ => None,
    }
}

fn is_relative(tokens: &[Token], at: usize) -> bool {
    tokens
        .get(at)
        .is_some_and(|t| word_lists().relative_markers.contains(&t.term.as_str()))
}

/// Whether the marker at `at` puts the time after (+1) or before (-1) the
/// event it is told against: "a week later", "a week earlier".
fn direction(tokens: &[Token], at: usize) -> f64 {
    let after = tokens
        .get(at)
        .is_some_and(|t| word_lists().relative_after.contains(&t.term.as_str()));
    if after {
        1.0
    } else {
        -1.0
    }
}

fn previous_month(tokens: &[Token], at: usize) -> Option<(u8, usize)> {
    let mut j = at;
    // "March 2025", "May 16, 2025".
    for _ in 0..3 {
        j = j.checked_sub(1)?;
        let t = &tokens[j];
        if let Some(m) = word_lists().months.iter().position(|m| *m == t.term) {
            return Some((m as u8 + 1, j));
        }
        if !matches!(t.kind, TokenKind::Number { .. } | TokenKind::Punct(',')) {
            return None;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shares(text: &str) -> Vec<f64> {
        let tokens = crate::text::Analyzer::default().analyze(text);
        extract(&tokens)
            .counts
            .iter()
            .filter(|c| c.measure == Measure::Percent)
            .map(|c| (c.value * 10.0).round() / 10.0)
            .collect()
    }

    #[test]
    fn a_part_of_a_whole_is_also_a_share() {
        assert_eq!(
            shares("Nine of the 14 fires were in the county."),
            vec![64.3]
        );
        assert_eq!(
            shares("The group holds 31 of the council's 60 seats."),
            vec![51.7]
        );
        assert_eq!(shares("Three of 12 panels failed."), vec![25.0]);
        // No whole, or a year, or another word between: no share.
        assert!(shares("Nine of the fires were in 2014.").is_empty());
        assert!(shares("Nine of them came from 14 towns.").is_empty());
        assert!(shares("Two of the 2019 winners returned.").is_empty());
    }

    #[test]
    fn a_time_of_day_in_words_is_a_time_on_either_half_of_the_day() {
        let times = |text: &str| {
            let tokens = crate::text::Analyzer::default().analyze(text);
            let values = extract(&tokens);
            let times: Vec<(u16, bool)> = values
                .dates
                .iter()
                .filter_map(|d| d.minutes.map(|m| (m, d.either_half)))
                .collect();
            (times, values.counts.len())
        };
        assert_eq!(
            times("They stopped the race at twenty to twelve."),
            (vec![(700, true)], 0)
        );
        assert_eq!(times("Back by ten past six."), (vec![(370, true)], 0));
        assert_eq!(times("It stopped at 11.40am."), (vec![(700, false)], 0));
        assert_eq!(
            times("The doors open at half past six."),
            (vec![(390, true)], 0)
        );
        assert_eq!(
            times("Be there by a quarter to nine."),
            (vec![(525, true)], 0)
        );
        assert_eq!(
            times("It ended at quarter past ten."),
            (vec![(615, true)], 0)
        );
        // A range of counts is no time.
        assert_eq!(times("Members fell from twenty to twelve."), (vec![], 2));
    }

    #[test]
    fn the_part_of_a_month_or_year_written_before_it_is_the_date_s() {
        let surfaces = |text: &str| {
            let tokens = crate::text::Analyzer::default().analyze(text);
            extract(&tokens)
                .dates
                .iter()
                .map(|d| text[d.surface.clone()].to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(surfaces("It should reopen in late May."), ["late May"]);
        assert_eq!(surfaces("Work starts in mid-March."), ["mid-March"]);
        assert_eq!(surfaces("It opened in early 2024."), ["early 2024"]);
        assert_eq!(surfaces("It closed on 21 May 2024."), ["21 May 2024"]);
        assert_eq!(surfaces("It came late in May."), ["May"]);
    }

    #[test]
    fn a_share_in_words_is_a_percentage() {
        assert_eq!(shares("More than nine in ten members voted."), [90.0]);
        assert_eq!(shares("Fewer than one in ten artworks are found."), [10.0]);
        assert_eq!(shares("Three out of four staff agreed."), [75.0]);
        assert_eq!(shares("Output fell by more than half."), [50.0]);
        assert_eq!(shares("It is less than a third full."), [33.3]);
        assert_eq!(shares("Two-thirds of the staff agreed."), [66.7]);
        assert_eq!(shares("Half of the money came from the state."), [50.0]);
        // An ordinal, a length, a relation: no share.
        assert!(shares("It was a third strike in a year.").is_empty());
        assert!(shares("It rained for a day and a half.").is_empty());
        assert!(shares("The bearings should last half a century.").is_empty());
        assert!(shares("The offer is half of what the union asked.").is_empty());
        assert_eq!(shares("Energy bills have doubled."), [100.0]);
        assert_eq!(shares("The budget was halved."), [50.0]);
    }

    #[test]
    fn a_time_told_against_the_present_is_a_date() {
        let dates = |text: &str| {
            let tokens = crate::text::Analyzer::default().analyze(text);
            extract(&tokens).dates
        };
        for text in [
            "He should be back on display by the end of next week.",
            "The council would draw up a plan by next summer.",
            "It will publish guidance before winter.",
        ] {
            let found = dates(text);
            assert_eq!(found.len(), 1, "{text}");
            assert!(found[0].against_now(), "{text}");
        }
        // A season with its year is the year's date; a week alone is none.
        assert!(dates("It should open in spring 2027.")
            .iter()
            .all(|d| !d.against_now()));
        assert!(dates("The week was hard.").is_empty());
    }

    #[test]
    fn a_length_of_time_in_words() {
        let tokens = crate::text::Analyzer::default().analyze("The talks lasted half a day.");
        assert_eq!(extract(&tokens).durations[0].seconds, 43_200.0);
        let lasted = |text: &str| {
            let tokens = crate::text::Analyzer::default().analyze(text);
            let d = extract(&tokens).durations;
            d.first().map(|d| (d.seconds, d.at_least))
        };
        assert_eq!(lasted("It took several minutes."), Some((120.0, true)));
        assert_eq!(lasted("It took a couple of days."), Some((172_800.0, true)));
        assert_eq!(
            lasted("It took few minutes."),
            None,
            "not many, not a count"
        );
        assert_eq!(
            lasted("It lasts 14 Earth days."),
            Some((1_209_600.0, false))
        );
        assert_eq!(
            lasted("It took three working days."),
            Some((259_200.0, false))
        );
        assert_eq!(lasted("It freed 390 prisoners days later."), None);
        assert_eq!(
            lasted("It took a day and a half."),
            Some((129_600.0, false))
        );
        assert_eq!(
            lasted("It took two hours and a half."),
            Some((9_000.0, false))
        );
        assert_eq!(
            lasted("It took two and a half hours."),
            Some((9_000.0, false))
        );
        assert_eq!(
            lasted("It took 2 and a half"),
            None,
            "a text may end anywhere"
        );
    }

    #[test]
    fn a_sum_of_money_is_no_count_of_named_things() {
        let counts = |text: &str| extract(&crate::text::Analyzer::default().analyze(text)).counts;
        let money = &counts("She spent £10,000.")[0];
        let [votes, bare] = &counts("She won 11,207 votes; the others shared 8,229.")[..] else {
            panic!("two counts");
        };
        assert!(!money.comparable(votes) && !votes.comparable(money));
        assert!(money.comparable(bare), "a bare number may be a sum");
        assert!(votes.comparable(bare));
    }

    #[test]
    fn a_number_written_with_an_unknown_unit_counts_nothing() {
        let counts = |text: &str| extract(&crate::text::Analyzer::default().analyze(text)).counts;
        assert!(counts("Owners of its Strada 36V battery pack should stop.").is_empty());
        let [weight] = &counts("A male weighing 5.4kg was found.")[..] else {
            panic!("one count");
        };
        assert_eq!(weight.measure, Measure::Weight);
        let [share] = &counts("The union wants a 9% rise.")[..] else {
            panic!("one count");
        };
        assert_eq!(share.measure, Measure::Percent);
    }

    #[test]
    fn noon_is_a_time_and_for_three_months_a_length() {
        let tokens = crate::text::Analyzer::default().analyze("Grades arrive by noon.");
        let dates = extract(&tokens).dates;
        assert_eq!(dates.len(), 1);
        assert_eq!(dates[0].minutes, Some(12 * 60));
        let tokens = crate::text::Analyzer::default()
            .analyze("The line was closed for three months after the derailment.");
        let values = extract(&tokens);
        assert_eq!(values.durations.len(), 1, "{values:?}");
        assert!(values.dates.is_empty(), "{values:?}");
    }
    use crate::text::Analyzer;

    fn values(text: &str) -> TextValues {
        extract(&Analyzer::default().analyze(text))
    }

    #[test]
    fn a_number_counts_the_word_after_it_past_of_but_no_other_preposition() {
        let units = |text: &str| -> Vec<Option<String>> {
            values(text).counts.into_iter().map(|c| c.unit).collect()
        };
        assert_eq!(
            units("nine of the animals died"),
            [Some("anim".to_string())]
        );
        assert_eq!(units("it paid 2 million for the site"), [None]);
        assert_eq!(units("£3m for the ground"), [None]);
        assert_eq!(units("about 28 on average"), [None]);
        assert_eq!(units("390 people"), [Some("peopl".to_string())]);
    }

    #[test]
    fn an_age_told_by_its_decade_is_a_range() {
        let ranges = |text: &str| -> Vec<(f64, Option<f64>)> {
            values(text)
                .counts
                .iter()
                .filter(|c| c.measure == Measure::Age)
                .map(|c| (c.value, c.upper))
                .collect()
        };
        assert_eq!(
            ranges("a retired postman in his late 60s"),
            [(66.0, Some(69.0))]
        );
        assert_eq!(ranges("she is in her seventies"), [(70.0, Some(79.0))]);
        assert_eq!(
            ranges("a secretary in his mid-forties"),
            [(43.0, Some(47.0))]
        );
        assert_eq!(ranges("in their early 20's"), [(20.0, Some(24.0))]);
        // A decade of the calendar is no age, nor a count.
        assert!(ranges("a house built in the 1960s").is_empty());
        assert!(values("in his 60s")
            .counts
            .iter()
            .all(|c| c.value != 60.0 || c.upper.is_some()));
    }

    #[test]
    fn a_number_someone_was_when_something_happened_is_an_age() {
        let v = values("The oldest investor was 91 when she handed over £48,000 in 2018.");
        let ages: Vec<f64> = v
            .counts
            .iter()
            .filter(|c| c.measure == Measure::Age)
            .map(|c| c.value)
            .collect();
        assert_eq!(ages, [91.0], "{v:?}");
        assert!(v.counts.iter().all(|c| c.unit.is_none()), "{v:?}");
    }

    #[test]
    fn reads_counts_with_units() {
        let v = values("each side releasing 390 people, 1,000 prisoners in total");
        let counts: Vec<(f64, Option<&str>)> = v
            .counts
            .iter()
            .map(|c| (c.value, c.unit.as_deref()))
            .collect();
        assert_eq!(counts, [(390.0, Some("peopl")), (1000.0, Some("prison"))]);
    }

    #[test]
    fn and_a_half_counts_with_any_unit() {
        let v = values("the nearest branch is seven and a half miles away");
        let counts: Vec<(f64, Option<&str>)> = v
            .counts
            .iter()
            .map(|c| (c.value.round(), c.unit.as_deref()))
            .collect();
        // A length is read in metres.
        assert_eq!(counts, [(12070.0, Some("mile"))]);
    }

    #[test]
    fn a_length_is_in_metres_whatever_its_unit() {
        let metres = |text: &str| -> Vec<f64> {
            values(text)
                .counts
                .iter()
                .filter(|c| c.measure == Measure::Length)
                .map(|c| c.value.round())
                .collect()
        };
        assert_eq!(metres("It landed 340 metres from its target."), [340.0]);
        assert_eq!(metres("It landed 0.34 km from its target."), [340.0]);
        assert_eq!(metres("a 12-mile diversion"), [19312.0]);
    }

    #[test]
    fn a_fraction_of_one_unit_is_that_much_of_the_unit() {
        let v = values("They were out in less than a quarter of an hour.");
        assert_eq!(
            v.durations.iter().map(|d| d.seconds).collect::<Vec<_>>(),
            [900.0]
        );
        assert!(v.counts.is_empty(), "no share: {:?}", v.counts);
        let v = values("It missed by roughly a third of a kilometre.");
        let lengths: Vec<(f64, Measure)> = v
            .counts
            .iter()
            .map(|c| (c.value.round(), c.measure))
            .collect();
        assert_eq!(lengths, [(333.0, Measure::Length)]);
        let v = values("The walk takes three quarters of an hour.");
        assert_eq!(
            v.durations.iter().map(|d| d.seconds).collect::<Vec<_>>(),
            [2700.0]
        );
        assert_eq!(
            values("The queue stretched half a mile.").counts[0]
                .value
                .round(),
            805.0
        );
        assert_eq!(
            values("The talks lasted half a day.").durations[0].seconds,
            43_200.0
        );
        // A share of a whole stays a share.
        assert_eq!(shares("A quarter of the staff left."), [25.0]);
    }

    #[test]
    fn and_a_quarter_adds_a_quarter() {
        let v = values("the round trip would take about an hour and a quarter");
        let seconds: Vec<f64> = v.durations.iter().map(|d| d.seconds).collect();
        assert_eq!(seconds, [4500.0]);
        let v = values("it took two hours and a quarter");
        let seconds: Vec<f64> = v.durations.iter().map(|d| d.seconds).collect();
        assert_eq!(seconds, [8100.0]);
    }

    #[test]
    fn tells_durations_from_relative_dates() {
        let v = values("the brief two-hour meeting held a week earlier");
        assert_eq!(v.durations.len(), 1);
        assert_eq!(v.durations[0].seconds, 7200.0);
        assert!(v.dates.iter().any(|d| d.relative));
        assert!(v.counts.is_empty());
    }

    #[test]
    fn may_is_the_month_only_when_capitalised() {
        let v = values("The limit would be reviewed in May, the council said.");
        assert_eq!(v.dates.len(), 1);
        assert_eq!(v.dates[0].month, Some(5));
        assert!(values("The limit may be reviewed.").dates.is_empty());
    }

    #[test]
    fn a_month_typed_in_lower_case_is_a_month_unless_it_is_another_word() {
        let month = |text: &str| values(text).dates.first().and_then(|d| d.month);
        assert_eq!(month("seen within 4 hours in november"), Some(11));
        assert_eq!(month("the fares go up at the start of march"), Some(3));
        assert_eq!(month("the vote was on 11 december"), Some(12));
        assert_eq!(month("they may march to the town hall"), None);
    }

    #[test]
    fn reads_years_and_months() {
        let v = values("The exchange took place in March 2025, not since the 2022 invasion.");
        let dates: Vec<(Option<i32>, Option<u8>)> =
            v.dates.iter().map(|d| (d.year, d.month)).collect();
        assert_eq!(dates, [(Some(2025), Some(3)), (Some(2022), None)]);
    }

    #[test]
    fn reads_days_of_the_month_and_times_of_day() {
        let text = "It left at 6.40pm on 14 March and docked at 10 pm on October 21, 2025.";
        let v = values(text);
        let read = |d: &Date| {
            format!(
                "{} {:?} {:?} {:?}",
                &text[d.surface.clone()],
                d.month,
                d.day,
                d.minutes
            )
        };
        let dates: Vec<String> = v.dates.iter().map(read).collect();
        assert_eq!(
            dates,
            [
                "6.40pm None None Some(1120)",
                "14 March Some(3) Some(14) None",
                "10 pm None None Some(1320)",
                "October 21, 2025 Some(10) Some(21) None",
            ]
        );
        assert!(v.counts.is_empty(), "a day is not a count: {:?}", v.counts);
        assert!(values("a score of 3.5 and 12 people").dates.is_empty());
    }

    #[test]
    fn tells_money_and_shares_from_counts() {
        let text =
            "a fee of £68m, $3.90 a dose, 40 pounds, 41.3% of the vote, 38 per cent and 12 people";
        let v = values(text);
        let read: Vec<(&str, Measure)> = v
            .counts
            .iter()
            .map(|c| (&text[c.surface.clone()], c.measure))
            .collect();
        assert_eq!(
            read,
            [
                ("£68m", Measure::Money),
                ("$3.90 a dose", Measure::Money),
                ("40 pounds", Measure::Money),
                ("41.3%", Measure::Percent),
                ("38 per cent", Measure::Percent),
                ("12 people", Measure::Count),
            ]
        );
    }
}
