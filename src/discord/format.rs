//! What the bot says, as plain data within Discord's limits: message text,
//! embed parts and autocomplete names, cut cleanly on character boundaries.

use crate::answer::Answer;
use crate::knowledge::Source;
use crate::verify::{Verdict, Verification};

/// Discord's limits, in characters.
pub const CONTENT: usize = 2000;
pub const EMBED_DESCRIPTION: usize = 4096;
pub const EMBED_TITLE: usize = 256;
pub const FIELD_VALUE: usize = 1024;
pub const FIELD_NAME: usize = 256;
pub const FIELDS: usize = 25;
/// Title, description, field names and values, footer and author together.
pub const EMBED_TOTAL: usize = 6000;
pub const CHOICES: usize = 25;
pub const CHOICE_NAME: usize = 100;
pub const BUTTON_LABEL: usize = 80;
pub const CUSTOM_ID: usize = 100;

/// Verdict colours: green, red, grey.
pub fn colour(verdict: Verdict) -> u32 {
    match verdict {
        Verdict::Supported => 0x2E_A0_43,
        Verdict::Contradicted => 0xD2_3B_3B,
        Verdict::NotFound => 0x8A_8F_98,
    }
}

/// The colour of an answer embed.
pub const ANSWER_COLOUR: u32 = 0x3B_82_F6;

/// Cuts `text` to at most `max` characters, ending with "…" when cut.
pub fn cut(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// Member-written text shown as plain text: Discord's markdown escaped, so
/// that `[Verify your account](https://…)` shows as typed instead of as a
/// disguised link, and `**`, `` ` `` or `> ` cannot restyle the message.
pub fn plain(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '*' | '_' | '~' | '`' | '|' | '>' | '[' | ']' | '(' | ')' | '#' | '-' | '<'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// `text` as a Markdown block quote, each line prefixed.
pub fn block_quote(text: &str) -> String {
    text.lines()
        .map(|l| format!("> {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The least of an answer, a quote or a description that shortening keeps.
const KEEP: usize = 200;
/// The longest source line a reply shows.
const SOURCE_LINE: usize = 300;

/// The reply to a question asked in a channel: answer, quote, source.
pub fn answer_message(answer: &Answer) -> String {
    match (&answer.answer, &answer.quote, &answer.source) {
        (Some(text), Some(quote), Some(source)) if answer.answered => {
            // The source line always stays; the quote is the evidence, so
            // the answer is cut first, then the quote (with "…").
            let source = format!("— {}", cut(source, SOURCE_LINE));
            let answer_least = text.chars().count().min(KEEP);
            let quote_room = CONTENT - source.chars().count() - answer_least - 2;
            let quote = cut(&block_quote(quote), quote_room);
            let room = CONTENT - source.chars().count() - quote.chars().count() - 2;
            format!("{}\n{quote}\n{source}", cut(text, room))
        }
        _ => "The source does not cover that, so I won't guess. Try `/sources` to see what I know about.".to_string(),
    }
}

/// The reply to a mention asking whether a message is true: the verdict
/// and why, then the quote and the source when there are some.
pub fn verification_message(v: &Verification) -> String {
    let head = format!("**{}** — {}", verdict_label(v.verdict), v.explanation);
    let Some(quote) = &v.quote else {
        return cut(&head, CONTENT);
    };
    let source = format!("— {}", cut(v.source.as_deref().unwrap_or(""), SOURCE_LINE));
    let head_least = head.chars().count().min(KEEP);
    let quote_room = CONTENT - source.chars().count() - head_least - 2;
    let quote = cut(&block_quote(quote), quote_room);
    let room = CONTENT - source.chars().count() - quote.chars().count() - 2;
    format!("{}\n{quote}\n{source}", cut(&head, room))
}

/// A source's citation with its title linking to the article, when the
/// knowledge base has a web address for it: "[Title](<https://…>) —
/// Publisher, 2025-05-23". The angle brackets keep Discord from adding a
/// preview of the article under the reply. An address that is not plain
/// http(s) is left out rather than risk a broken or disguised link.
pub fn source_line(source: &Source) -> String {
    let Some(url) = source.url.as_deref().filter(|u| linkable(u)) else {
        return source.citation();
    };
    let mut out = format!("[{}](<{url}>)", plain(&source.title));
    if let Some(extra) = source.attribution(false) {
        out.push_str(" — ");
        out.push_str(&extra);
    }
    // Cutting a link would break it: too long, and it goes unlinked.
    if out.chars().count() > SOURCE_LINE {
        return source.citation();
    }
    out
}

fn linkable(url: &str) -> bool {
    (url.starts_with("https://") || url.starts_with("http://"))
        && url.len() <= 512
        && !url
            .chars()
            .any(|c| c.is_whitespace() || matches!(c, '<' | '>' | '(' | ')'))
}

/// How sure the bot is, for people: "confidence 89%".
pub fn confidence(c: f32) -> String {
    format!("confidence {:.0}%", (c.clamp(0.0, 1.0) * 100.0).round())
}

/// The one-line notice a member gets when asking again too soon.
pub fn cooldown_notice(seconds: u64) -> String {
    format!("Please wait {seconds} s between questions; I'll answer the next one after that.")
}

/// Label of a verdict for people.
pub fn verdict_label(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Supported => "Supported",
        Verdict::Contradicted => "Contradicted",
        Verdict::NotFound => "Not in the source",
    }
}

/// The parts of an embed, ready for any Discord builder.
#[derive(Debug, Clone, PartialEq)]
pub struct EmbedParts {
    pub title: String,
    pub description: String,
    pub colour: u32,
    pub fields: Vec<(String, String)>,
    pub footer: String,
}

/// A part of an embed that may be shortened to fit [`EMBED_TOTAL`].
#[derive(Debug, Clone, Copy)]
enum Part {
    Description,
    /// The field of that name; with `gone: true` it may be left out.
    Field {
        name: &'static str,
        gone: bool,
    },
}

impl EmbedParts {
    /// The characters Discord counts against [`EMBED_TOTAL`].
    pub fn total(&self) -> usize {
        let fields: usize = self
            .fields
            .iter()
            .map(|(n, v)| n.chars().count() + v.chars().count())
            .sum();
        self.title.chars().count()
            + self.description.chars().count()
            + fields
            + self.footer.chars().count()
    }

    /// Shortens `parts` in order (the least needed first), each with "…"
    /// and to no less than [`KEEP`] characters, or leaves a part out where
    /// allowed, until the embed is within [`EMBED_TOTAL`]. Parts not named
    /// (title, source, footer) are never cut: together they fit with room
    /// to spare.
    fn within_total(mut self, parts: &[Part]) -> EmbedParts {
        for part in parts {
            let excess = self.total().saturating_sub(EMBED_TOTAL);
            if excess == 0 {
                break;
            }
            let shorten = |text: &str| {
                let len = text.chars().count();
                cut(text, len.saturating_sub(excess).max(KEEP.min(len)))
            };
            match *part {
                Part::Description => self.description = shorten(&self.description),
                Part::Field { name, gone } => {
                    let Some(i) = self.fields.iter().position(|(n, _)| n == name) else {
                        continue;
                    };
                    let len = self.fields[i].1.chars().count();
                    if gone && len.saturating_sub(excess) < KEEP {
                        self.fields.remove(i);
                    } else {
                        self.fields[i].1 = shorten(&self.fields[i].1);
                    }
                }
            }
        }
        self
    }

    fn new(title: &str, description: &str, colour: u32) -> EmbedParts {
        EmbedParts {
            title: cut(title, EMBED_TITLE),
            description: cut(description, EMBED_DESCRIPTION),
            colour,
            fields: Vec::new(),
            footer: String::new(),
        }
    }

    /// Adds a field, cut to Discord's limits; none past [`FIELDS`] or
    /// without a value.
    pub fn field(mut self, name: &str, value: &str) -> EmbedParts {
        if self.fields.len() < FIELDS && !value.trim().is_empty() {
            self.fields
                .push((cut(name, FIELD_NAME), cut(value, FIELD_VALUE)));
        }
        self
    }
}

pub fn answer_embed(question: &str, answer: &Answer) -> EmbedParts {
    let title = cut(question, EMBED_TITLE);
    match (&answer.answer, &answer.quote, &answer.source) {
        (Some(text), Some(quote), Some(source)) if answer.answered => {
            let mut e = EmbedParts::new(&title, text, ANSWER_COLOUR)
                .field("Quote", &block_quote(quote))
                .field("Source", source);
            e.footer = confidence(answer.confidence);
            e.within_total(&[Part::Description, QUOTE])
        }
        _ => {
            let mut e = EmbedParts::new(
                &title,
                "The source does not cover that, so I won't guess.",
                colour(Verdict::NotFound),
            );
            e.footer = confidence(answer.confidence);
            e
        }
    }
}

pub fn verification_embed(statement: &str, v: &Verification) -> EmbedParts {
    let mut e = EmbedParts::new(
        &format!("{}{statement}", verdict_prefix(v.verdict)),
        &v.explanation,
        colour(v.verdict),
    );
    if let Some(quote) = &v.quote {
        e = e.field("Quote", &block_quote(quote));
    }
    if let Some(source) = &v.source {
        e = e.field("Source", source);
    }
    e.footer = confidence(v.confidence);
    e.within_total(&[Part::Description, QUOTE])
}

/// What starts a verdict's title: "Supported: ", then the statement.
fn verdict_prefix(verdict: Verdict) -> String {
    format!("{}: ", verdict_label(verdict))
}

/// Whether a reply's title (feedback keeps it as the question) is a
/// verdict's on a statement rather than a question.
pub fn is_verdict_title(title: &str) -> bool {
    [Verdict::Supported, Verdict::Contradicted, Verdict::NotFound]
        .into_iter()
        .any(|v| title.starts_with(&verdict_prefix(v)))
}

/// The private refusal of a moderators' command or button.
pub fn moderators_only() -> EmbedParts {
    note_embed(
        "Moderators only",
        "Sorry, only members with the Manage Server permission or a moderator role can change the knowledge base. Nothing was changed.",
        colour(Verdict::NotFound),
    )
}

/// The quote: shortened last, never left out.
const QUOTE: Part = Part::Field {
    name: "Quote",
    gone: false,
};

/// An embed showing one claim.
pub fn claim_embed(
    id: &str,
    answer: &str,
    quote: &str,
    source: &str,
    questions: &[String],
) -> EmbedParts {
    let mut e = EmbedParts::new(id, answer, ANSWER_COLOUR)
        .field("Quote", &block_quote(quote))
        .field("Source", source);
    if !questions.is_empty() {
        e = e.field("Asked as", &whole_lines(questions, FIELD_VALUE));
    }
    let asked_as = Part::Field {
        name: "Asked as",
        gone: true,
    };
    e.within_total(&[asked_as, Part::Description, QUOTE])
}

/// As many whole lines as fit in `max` characters, then how many more.
fn whole_lines(lines: &[String], max: usize) -> String {
    let mut out = String::new();
    for (i, line) in lines.iter().enumerate() {
        let more = format!("… and {} more", lines.len() - i);
        let needed = out.chars().count() + line.chars().count() + 1;
        // Room for this line, and for the "more" line after it unless it is the last.
        let last = i + 1 == lines.len();
        if needed + if last { 0 } else { more.chars().count() + 1 } > max {
            if out.is_empty() {
                return cut(line, max);
            }
            return format!("{out}\n{more}");
        }
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(line);
    }
    out
}

/// `/help`: what the bot does, its commands (`(how to use, what it does)`,
/// taken from their declarations) and questions to try (from the
/// knowledge base).
pub fn help_embed(commands: &[(String, String)], examples: &[&str]) -> EmbedParts {
    let about = "I answer questions about the news articles in my knowledge base, \
        and check statements against them. Every answer quotes the article word \
        for word and names its source; when the articles do not cover something, \
        I say so instead of guessing.";
    let list = commands
        .iter()
        .map(|(usage, what)| format!("**{usage}** — {what}"))
        .collect::<Vec<_>>()
        .join("\n");
    let tries = examples
        .iter()
        .map(|q| format!("• /ask {}", plain(q)))
        .collect::<Vec<_>>()
        .join("\n");
    let mut e = EmbedParts::new("What claimbot does", about, ANSWER_COLOUR)
        .field("Commands", &list)
        .field("Try asking", &tries);
    e.footer = "Mention me with a question, or reply to a message with a mention and \"is this true?\" to check it.".to_string();
    e
}

/// What starts the custom id of a "Did you mean…" button; the claim's id
/// follows. Only the id travels: the claim is looked up again on the click.
const CLAIM_BUTTON: &str = "claim:";

/// The custom id of the button showing `claim`, if its id fits.
pub fn claim_button_id(claim: &str) -> Option<String> {
    let id = format!("{CLAIM_BUTTON}{claim}");
    (id.chars().count() <= CUSTOM_ID).then_some(id)
}

/// The claim id a pressed button carries, if the button is one of ours.
pub fn claim_of_button(custom_id: &str) -> Option<&str> {
    custom_id
        .strip_prefix(CLAIM_BUTTON)
        .filter(|id| !id.is_empty() && id.chars().count() <= CUSTOM_ID)
}

/// The line above the "Did you mean…" buttons of an abstention.
pub const DID_YOU_MEAN: &str = "Did you mean one of these? Pick one to see it with its quote.";

/// A plain embed (lists, confirmations, refusals).
pub fn note_embed(title: &str, text: &str, colour: u32) -> EmbedParts {
    EmbedParts::new(title, text, colour)
}

/// An autocomplete choice name: "id — answer", at most 100 characters.
pub fn choice_name(id: &str, answer: &str) -> String {
    cut(&format!("{id} — {answer}"), CHOICE_NAME)
}

/// The question in a message that mentions the bot, without the mention.
pub fn strip_mentions(content: &str, bot_id: u64) -> String {
    let mut text = content.to_string();
    for form in [format!("<@{bot_id}>"), format!("<@!{bot_id}>")] {
        text = text.replace(&form, " ");
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether an unmentioned message reads like a question worth answering.
pub fn looks_like_question(text: &str) -> bool {
    let t = text.trim().to_lowercase();
    let starts = [
        "how ", "what ", "who ", "where ", "when ", "why ", "which ", "is ", "are ", "did ",
        "does ", "was ", "were ", "has ", "have ", "will ",
    ];
    t.ends_with('?') || starts.iter().any(|s| t.starts_with(s))
}

#[cfg(test)]
mod tests {

    #[test]
    fn member_text_cannot_disguise_a_link() {
        let shown = plain("[Verify your account](https://evil.example) **now**");
        assert_eq!(
            shown,
            "\\[Verify your account\\]\\(https://evil.example\\) \\*\\*now\\*\\*"
        );
    }
    use super::*;

    #[test]
    fn cuts_on_character_boundaries_within_limits() {
        let text = "é😀".repeat(3000);
        let out = cut(&text, FIELD_VALUE);
        assert_eq!(out.chars().count(), FIELD_VALUE);
        assert!(out.ends_with('…'));
        assert_eq!(cut("short", 10), "short");
    }

    #[test]
    fn choice_names_fit_discord() {
        let name = choice_name("civilians-per-side", &"word ".repeat(100));
        assert!(name.chars().count() <= CHOICE_NAME);
        assert!(name.starts_with("civilians-per-side — "));
    }

    #[test]
    fn mentions_are_stripped_from_the_question() {
        assert_eq!(
            strip_mentions("<@42> how many civilians were freed?", 42),
            "how many civilians were freed?"
        );
        assert_eq!(strip_mentions("hey <@!42>  where?", 42), "hey where?");
    }

    #[test]
    fn long_answers_keep_the_quote_and_the_limit() {
        let answer = Answer {
            answered: true,
            answer: Some("a".repeat(5000)),
            quote: Some("the quote".into()),
            source: Some("the source".into()),
            claim: Some("c".into()),
            confidence: 1.0,
            alternatives: vec![],
        };
        let message = answer_message(&answer);
        assert!(message.chars().count() <= CONTENT);
        assert!(message.contains("> the quote"));
    }

    fn answered(text: &str, quote: &str, source: &str) -> Answer {
        Answer {
            answer: Some(text.into()),
            quote: Some(quote.into()),
            source: Some(source.into()),
            ..answered_fixture()
        }
    }

    fn answered_fixture() -> Answer {
        let mut a = crate::answer::ask(
            &Default::default(),
            &crate::index::Index::build(&Default::default()),
            "",
            Default::default(),
        );
        a.answered = true;
        a.claim = Some("c".into());
        a
    }

    #[test]
    fn a_long_quote_is_shortened_before_the_source_line_is_dropped() {
        let message = answer_message(&answered("Short.", &"word ".repeat(600), "The source"));
        assert!(message.chars().count() <= CONTENT, "{}", message.len());
        assert!(message.starts_with("Short.\n> word"), "{message}");
        assert!(message.ends_with("…\n— The source"), "{message}");
    }

    #[test]
    fn a_long_claim_fits_one_embed_and_keeps_its_source() {
        let questions: Vec<String> = (0..40)
            .map(|i| format!("question {i} {}", "asked at length ".repeat(12)))
            .collect();
        let e = claim_embed(
            "long",
            &"answer ".repeat(600),
            &"quote ".repeat(500),
            "The source",
            &questions,
        );
        assert!(e.total() <= EMBED_TOTAL, "{}", e.total());
        assert!(e.description.chars().count() <= EMBED_DESCRIPTION);
        assert!(e
            .fields
            .iter()
            .all(|(_, v)| v.chars().count() <= FIELD_VALUE));
        let field = |name: &str| {
            e.fields
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, v)| v.as_str())
        };
        assert_eq!(field("Source"), Some("The source"));
        assert!(field("Quote").is_some_and(|q| q.ends_with('…')), "{e:?}");
    }

    #[test]
    fn phrasings_are_listed_whole_with_how_many_more() {
        let lines: Vec<String> = (0..10).map(|i| format!("phrasing {i}")).collect();
        assert_eq!(whole_lines(&lines[..2], 100), "phrasing 0\nphrasing 1");
        let listed = whole_lines(&lines, 40);
        assert!(listed.chars().count() <= 40, "{listed}");
        assert_eq!(listed, "phrasing 0\nphrasing 1\n… and 8 more");
    }

    #[test]
    fn a_long_verdict_message_keeps_its_quote_and_source_within_the_limit() {
        let v = Verification {
            verdict: Verdict::Contradicted,
            quote: Some("word ".repeat(600)),
            source: Some("The source".into()),
            claim: Some("c".into()),
            confidence: 0.9,
            explanation: "because ".repeat(300),
        };
        let message = verification_message(&v);
        assert!(message.chars().count() <= CONTENT, "{}", message.len());
        assert!(
            message.starts_with("**Contradicted** — because"),
            "{message}"
        );
        assert!(message.contains("\n> word"), "{message}");
        assert!(message.ends_with("\n— The source"), "{message}");
    }

    #[test]
    fn the_footer_speaks_plainly() {
        assert_eq!(confidence(0.886), "confidence 89%");
        assert_eq!(confidence(1.7), "confidence 100%");
    }

    #[test]
    fn only_plain_web_addresses_become_links() {
        let mut s = Source {
            id: "s".into(),
            title: "Swap [live]".into(),
            text: String::new(),
            text_file: "s.txt".into(),
            claims_file: None,
            publisher: Some("AP".into()),
            author: None,
            published: None,
            url: Some("https://example.org/swap".into()),
        };
        assert_eq!(
            source_line(&s),
            "[Swap \\[live\\]](<https://example.org/swap>) — AP"
        );
        s.url = Some("javascript:alert(1)".into());
        assert_eq!(source_line(&s), s.citation());
    }

    #[test]
    fn a_button_carries_the_claim_id_and_nothing_else() {
        let id = claim_button_id("civilians-per-side").expect("fits");
        assert_eq!(claim_of_button(&id), Some("civilians-per-side"));
        assert_eq!(claim_of_button("claim:"), None);
        assert_eq!(claim_of_button("other:civilians-per-side"), None);
        assert_eq!(claim_button_id(&"x".repeat(CUSTOM_ID)), None);
    }

    #[test]
    fn questions_are_told_from_chatter() {
        assert!(looks_like_question("how many civilians were freed"));
        assert!(looks_like_question("the swap was where?"));
        assert!(!looks_like_question("good morning everyone"));
    }
}
