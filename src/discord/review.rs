//! The moderators' review queue, `/kb unanswered`: the questions the bot
//! could not answer, and the answers and verdicts members marked "Wrong",
//! most asked first, a page at a time (see [`super::pages`]).
//!
//! Each entry shows the bot's nearest claim with two buttons. "Add as
//! phrasing of this claim" adds the question to that claim through the
//! store, audited like `/kb alias`, by the moderator who pressed it;
//! "Dismiss" leaves the knowledge base alone. Either resolves the entry
//! for good, in the logs it came from, so the queue has no file of its
//! own and stays as bounded as they are: an unanswered question is taken
//! out of the unanswered log ([`UnansweredLog::forget`], folded past
//! 4 MB), a "Wrong" is marked resolved in the feedback log
//! ([`FeedbackLog::resolve`], moved aside past 4 MB), where it stays on
//! record. Asked or marked wrong again later, it comes back.
//!
//! A button carries a short key of its entry, never the member's words
//! (Discord allows 100 characters): the entry is looked up again on the
//! press, and the rights of whoever pressed are checked again as `/kb`
//! checks them.

use std::collections::HashMap;
use std::sync::Arc;

use poise::serenity_prelude as serenity;

use super::feedback::FeedbackLog;
use super::format::{self, EmbedParts};
use super::pages::{self, Listing, Page, Shown};
use super::send::first_response;
use super::{commands, Data, Error};
use crate::engine::Engine;
use crate::knowledge::Claim;
use crate::store::{fnv1a64, question_key, Actor, Store, UnansweredLog};

/// Entries on a page: a row of buttons each, and the row of "Previous" /
/// "Next", make Discord's five rows.
pub const PER_PAGE: usize = 4;

/// One thing for moderators to look at.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// 16 hex digits that name the entry in its buttons (see [`key`]).
    pub key: String,
    /// The question as last asked, or the title of the reply marked wrong.
    pub question: String,
    /// How often it was asked, or marked wrong.
    pub count: u32,
    /// RFC 3339 time of the latest.
    pub last: String,
    pub kind: Kind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    /// Asked, and the bot did not answer.
    Unanswered,
    /// Answered, or a verdict given, resting on `claim` (none for "not in
    /// the source"), and marked "Wrong" by members.
    Wrong { claim: Option<String> },
}

/// An entry's key: a hash of what makes it one entry (the question as the
/// unanswered log groups it; and for a "Wrong", the claim marked wrong).
fn key(kind: &Kind, question: &str) -> String {
    let what = match kind {
        Kind::Unanswered => format!("asked\n{}", question_key(question)),
        Kind::Wrong { claim } => format!(
            "wrong\n{}\n{}",
            question_key(question),
            claim.as_deref().unwrap_or("")
        ),
    };
    format!("{:016x}", fnv1a64(what.as_bytes()))
}

/// The queue as the logs hold it now: most asked (or most often marked
/// wrong) first, then the most recent. It reads both logs: call it off
/// the async threads.
pub fn entries(unanswered: &UnansweredLog, feedback: &FeedbackLog) -> std::io::Result<Vec<Entry>> {
    let mut out: Vec<Entry> = unanswered
        .top(usize::MAX)?
        .into_iter()
        .map(|u| Entry {
            key: key(&Kind::Unanswered, &u.question),
            question: u.question,
            count: u.count,
            last: u.last_asked,
            kind: Kind::Unanswered,
        })
        .collect();
    let mut wrong: HashMap<String, Entry> = HashMap::new();
    for f in feedback.open_wrongs()? {
        let kind = Kind::Wrong { claim: f.claim };
        let k = key(&kind, &f.question);
        let entry = wrong.entry(k.clone()).or_insert_with(|| Entry {
            key: k,
            question: f.question.clone(),
            count: 0,
            last: f.at.clone(),
            kind,
        });
        entry.count = entry.count.saturating_add(1);
        if f.at >= entry.last {
            entry.last = f.at;
            entry.question = f.question;
        }
    }
    out.extend(wrong.into_values());
    // The key last: the same logs list in the same order, page after page.
    out.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then_with(|| b.last.cmp(&a.last))
            .then_with(|| a.key.cmp(&b.key))
    });
    Ok(out)
}

/// Takes `entry` out of the queue for good (see the module's doc).
fn resolve(
    unanswered: &UnansweredLog,
    feedback: &FeedbackLog,
    entry: &Entry,
) -> std::io::Result<()> {
    match &entry.kind {
        Kind::Unanswered => unanswered.forget(&entry.question).map(drop),
        Kind::Wrong { claim } => {
            let question = question_key(&entry.question);
            let at = chrono::Utc::now().to_rfc3339();
            let same = |f: &super::feedback::Feedback| {
                f.claim == *claim && question_key(&f.question) == question
            };
            feedback.resolve(same, &at).map(drop)
        }
    }
}

/// How many of the engine's nearest claims are looked through for one that
/// takes phrasings: sentence claims of an article do not.
const NEAREST: usize = 5;

/// The claim the bot finds nearest an entry's question, among those that
/// take phrasings; for a "Wrong", another than the claim marked wrong.
/// None for a verdict marked wrong: a statement is no question to add.
fn nearest<'a>(engine: &'a Engine, entry: &Entry) -> Option<&'a Claim> {
    let marked = match &entry.kind {
        Kind::Unanswered => None,
        Kind::Wrong { .. } if format::is_verdict_title(&entry.question) => return None,
        Kind::Wrong { claim } => claim.as_deref(),
    };
    engine
        .search_claims(&entry.question, NEAREST)
        .into_iter()
        .filter(|c| c.is_curated())
        .find(|c| Some(c.id.as_str()) != marked)
}

/// What a button under the queue asks for. `page` is the page it was on,
/// shown again after the press.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Add {
        page: usize,
        key: String,
        claim: String,
    },
    Dismiss {
        page: usize,
        key: String,
    },
}

/// What starts the custom ids: then the page, `:`, the key, and for an
/// add `:` and the claim's id (claim ids hold no `:`).
const ADD: &str = "review:add:";
const DISMISS: &str = "review:dismiss:";

impl Action {
    fn custom_id(&self) -> Option<String> {
        let id = match self {
            Action::Add { page, key, claim } => format!("{ADD}{page}:{key}:{claim}"),
            Action::Dismiss { page, key } => format!("{DISMISS}{page}:{key}"),
        };
        (id.chars().count() <= format::CUSTOM_ID).then_some(id)
    }

    /// The action a pressed button asks for, if it is one of the queue's.
    pub fn parse(custom_id: &str) -> Option<Action> {
        if let Some(rest) = custom_id.strip_prefix(ADD) {
            let mut parts = rest.splitn(3, ':');
            let page = parts.next()?.parse().ok()?;
            let key = parts.next()?.to_string();
            let claim = parts.next().filter(|c| !c.is_empty())?.to_string();
            return Some(Action::Add { page, key, claim });
        }
        let (page, key) = custom_id.strip_prefix(DISMISS)?.split_once(':')?;
        Some(Action::Dismiss {
            page: page.parse().ok()?,
            key: key.to_string(),
        })
    }

    fn page(&self) -> usize {
        match self {
            Action::Add { page, .. } | Action::Dismiss { page, .. } => *page,
        }
    }

    fn key(&self) -> &str {
        match self {
            Action::Add { key, .. } | Action::Dismiss { key, .. } => key,
        }
    }

    /// Does it, on the logs and the knowledge base as they are now, and
    /// says what happened, for the note above the page. Writes files and
    /// may rebuild the index: call it off the async threads.
    fn apply(
        &self,
        store: &Store,
        unanswered: &UnansweredLog,
        feedback: &FeedbackLog,
        who: &Actor,
    ) -> String {
        let found =
            entries(unanswered, feedback).map(|all| all.into_iter().find(|e| e.key == self.key()));
        let entry = match found {
            Ok(Some(entry)) => entry,
            Ok(None) => return "That entry has left the queue already (another moderator may have dealt with it); nothing changed.".to_string(),
            Err(e) => return format!("The queue could not be read, so nothing changed: {e}"),
        };
        let question = format::plain(&format::cut(&entry.question, NOTE_QUESTION));
        if let Action::Add { claim, .. } = self {
            // The phrasing first: refused, the entry stays in the queue.
            if let Err(e) = store.add_alias(who, claim, &entry.question) {
                let why = format::plain(&format::cut(&e.to_string(), NOTE_QUESTION));
                return format!("Refused — nothing changed: {why}");
            }
        }
        match (self, resolve(unanswered, feedback, &entry)) {
            (Action::Add { claim, .. }, Ok(())) => format!("Added “{question}” as a phrasing of `{claim}` (audited, see `/kb history`); it has left the queue."),
            (Action::Add { claim, .. }, Err(e)) => format!("Added “{question}” as a phrasing of `{claim}` (audited), but it could not leave the queue: {e}"),
            (Action::Dismiss { .. }, Ok(())) => {
                format!("Dismissed “{question}”; the knowledge base is unchanged.")
            }
            (Action::Dismiss { .. }, Err(e)) => {
                format!("“{question}” could not be dismissed, nothing changed: {e}")
            }
        }
    }
}

/// The most of a member's question a note quotes.
const NOTE_QUESTION: usize = 150;

/// The most of a question an entry shows.
const QUESTION: usize = 300;
/// The most of a claim's answer an entry shows.
const ANSWER: usize = 200;

const TITLE: &str = "Review queue: unanswered questions and answers marked wrong";
const ABOUT: &str = "Most asked first. **Add as phrasing** adds the question to the claim shown (audited, like `/kb alias`); **Dismiss** drops it and leaves the knowledge base alone. Either way it leaves the queue.";
const EMPTY: &str = "Nothing to review: no unanswered questions, and no answer marked wrong.";

/// An entry's field (name, value) and its row of buttons.
fn entry_view(
    n: usize,
    page: usize,
    entry: &Entry,
    claim: Option<&Claim>,
) -> ((String, String), serenity::CreateActionRow) {
    let question = format::plain(&format::cut(&entry.question, QUESTION));
    let (name, mut value) = match &entry.kind {
        Kind::Unanswered => (format!("{n}. Asked {}×", entry.count), question),
        Kind::Wrong { claim: marked } => {
            let marked = marked
                .as_deref()
                .map_or("no claim".to_string(), |c| format!("`{c}`"));
            (
                format!("{n}. Marked wrong {}×", entry.count),
                format!("marked wrong: {question} → {marked}"),
            )
        }
    };
    let nearest = if matches!(entry.kind, Kind::Unanswered) {
        "Nearest claim"
    } else {
        "Nearest other claim"
    };
    match claim {
        Some(c) => value.push_str(&format!(
            "\n{nearest}: `{}` — {}",
            c.id,
            format::cut(&c.answer, ANSWER)
        )),
        None if matches!(entry.kind, Kind::Unanswered) => {
            value.push_str("\nNo claim comes near: `/kb add` one if the sources answer it.")
        }
        None => {}
    }
    let mut buttons = Vec::new();
    let add = claim.and_then(|c| {
        Action::Add {
            page,
            key: entry.key.clone(),
            claim: c.id.clone(),
        }
        .custom_id()
    });
    if let Some(id) = add {
        buttons.push(
            serenity::CreateButton::new(id)
                .label(format!("{n}. Add as phrasing of this claim"))
                .style(serenity::ButtonStyle::Primary),
        );
    }
    let dismiss = Action::Dismiss {
        page,
        key: entry.key.clone(),
    };
    if let Some(id) = dismiss.custom_id() {
        buttons.push(
            serenity::CreateButton::new(id)
                .label(format!("{n}. Dismiss"))
                .style(serenity::ButtonStyle::Secondary),
        );
    }
    ((name, value), serenity::CreateActionRow::Buttons(buttons))
}

/// A page of the queue: `shown` are its entries with their nearest
/// claims, `note` what the last press did.
fn view(shown: &[(&Entry, Option<&Claim>)], page: &Page, note: Option<&str>) -> Shown {
    let mut description = note.map(|n| format!("{n}\n\n")).unwrap_or_default();
    description.push_str(if shown.is_empty() { EMPTY } else { ABOUT });
    let mut parts: EmbedParts = format::note_embed(TITLE, &description, format::ANSWER_COLOUR);
    let mut rows = Vec::new();
    for (i, (entry, claim)) in shown.iter().enumerate() {
        let ((name, value), row) =
            entry_view(page.entries.start + i + 1, page.number, entry, *claim);
        parts = parts.field(&name, &value);
        rows.push(row);
    }
    parts.footer = page.footer();
    rows.extend(page.buttons());
    Shown { parts, rows }
}

/// Page `page` of the queue as the logs hold it now, with `note` above it.
pub(super) async fn page(data: &Data, page: usize, note: Option<String>) -> Result<Shown, Error> {
    let unanswered = Arc::clone(&data.unanswered);
    let feedback = Arc::clone(&data.feedback);
    let engine = data.store.engine();
    let list = move || -> std::io::Result<Shown> {
        let all = entries(&unanswered, &feedback)?;
        let page = Page::of(Listing::Review, all.len(), page);
        let shown: Vec<(&Entry, Option<&Claim>)> = all[page.entries.clone()]
            .iter()
            .map(|e| (e, nearest(&engine, e)))
            .collect();
        Ok(view(&shown, &page, note.as_deref()))
    };
    Ok(data.off_runtime(list).await??)
}

/// "Add as phrasing of this claim" or "Dismiss" was pressed: done as the
/// moderator who pressed it, and the page shown again with what happened.
/// Anyone else is refused and nothing changes: a button can be forged.
pub(super) async fn pressed(
    ctx: &serenity::Context,
    data: &Data,
    press: &serenity::ComponentInteraction,
    action: Action,
) -> Result<(), Error> {
    if !commands::may_press(data, press) {
        return pages::refuse(ctx, press).await;
    }
    // An added phrasing rebuilds the index: seconds on a large knowledge
    // base, past Discord's 3 s for the first response.
    first_response(|| press.defer(&ctx.http)).await?;
    let who = Actor {
        id: press.user.id.get(),
        name: press.user.name.clone(),
    };
    let store = Arc::clone(&data.store);
    let unanswered = Arc::clone(&data.unanswered);
    let feedback = Arc::clone(&data.feedback);
    let act = action.clone();
    let note = data
        .off_runtime(move || act.apply(&store, &unanswered, &feedback, &who))
        .await?;
    tracing::info!(action = ?action, moderator = %press.user.name, "review queue");
    let shown = page(data, action.page(), Some(note)).await?;
    pages::update(ctx, press, &shown).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::discord::feedback::{Choice, Feedback};

    fn wrong(question: &str, claim: &str, member: u64) -> Feedback {
        Feedback {
            question: question.into(),
            claim: Some(claim.into()),
            member,
            choice: Choice::Wrong,
            at: chrono::Utc::now().to_rfc3339(),
            resolved: None,
        }
    }

    #[test]
    fn both_logs_make_one_queue_most_asked_first_until_resolved() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("unanswered.jsonl");
        let unanswered = UnansweredLog::new(path.clone());
        let feedback = FeedbackLog::beside(&path);
        for q in ["Who won?", "who won?", "Who paid?"] {
            unanswered.record(q).expect("record");
        }
        for member in [1, 2, 3] {
            feedback
                .record(&wrong("How many were freed?", "freed", member))
                .expect("record");
        }
        let all = entries(&unanswered, &feedback).expect("queue");
        let shown: Vec<(&str, u32)> = all.iter().map(|e| (e.question.as_str(), e.count)).collect();
        assert_eq!(
            shown,
            [
                ("How many were freed?", 3),
                ("who won?", 2),
                ("Who paid?", 1)
            ]
        );
        assert_eq!(
            all[0].kind,
            Kind::Wrong {
                claim: Some("freed".into())
            }
        );

        resolve(&unanswered, &feedback, &all[0]).expect("resolved");
        resolve(&unanswered, &feedback, &all[1]).expect("resolved");
        let left = entries(&unanswered, &feedback).expect("queue");
        assert_eq!(left.len(), 1);
        assert_eq!(left[0].key, all[2].key, "keys stay as they were");
        let reopened = UnansweredLog::new(path.clone());
        let after = entries(&reopened, &FeedbackLog::beside(&path)).expect("queue");
        assert_eq!(after, left, "for good: on disk");
    }

    #[test]
    fn a_button_names_its_entry_by_key_within_discords_limit() {
        let add = Action::Add {
            page: 12_345,
            key: key(&Kind::Unanswered, &"why ".repeat(200)),
            claim: "c".repeat(64),
        };
        let id = add.custom_id().expect("fits");
        assert!(id.chars().count() <= format::CUSTOM_ID, "{id}");
        assert_eq!(Action::parse(&id), Some(add));
        let dismiss = Action::Dismiss {
            page: 0,
            key: "0123456789abcdef".into(),
        };
        let id = dismiss.custom_id().expect("fits");
        assert_eq!(id, "review:dismiss:0:0123456789abcdef");
        assert_eq!(Action::parse(&id), Some(dismiss));
        assert_eq!(Action::parse("review:add:1:key:"), None);
        assert_eq!(Action::parse("review:dismiss:x:key"), None);
        assert_ne!(
            key(&Kind::Unanswered, "Who won?"),
            key(&Kind::Wrong { claim: None }, "Who won?"),
            "an unanswered question and a wrong answer to it are two entries"
        );
        assert_eq!(
            key(&Kind::Unanswered, "Who  WON?"),
            key(&Kind::Unanswered, "who won?")
        );
    }

    #[test]
    fn a_full_page_of_long_entries_fits_discords_limits() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join("a.txt"), "Each side released 390 people.").expect("write");
        let claims = format!(
            "[source]\ntitle = \"A\"\n\n[[claims]]\nid = \"{}\"\nanswer = \"{}\"\nquote = \"Each side released 390 people.\"\n",
            "c".repeat(64),
            "long answer ".repeat(150)
        );
        std::fs::write(dir.path().join("a.toml"), claims).expect("write");
        let engine = Engine::load(dir.path(), Default::default()).expect("loads");
        let claim = engine.claim(&"c".repeat(64));
        assert!(claim.is_some());
        // Markdown doubles in length when escaped.
        let question = "*[x](y)* ".repeat(60);
        let entries: Vec<Entry> = (0..PER_PAGE)
            .map(|i| {
                let kind = if i % 2 == 0 {
                    Kind::Unanswered
                } else {
                    Kind::Wrong {
                        claim: Some("c".repeat(64)),
                    }
                };
                Entry {
                    key: key(&kind, &format!("{question}{i}")),
                    question: format!("{question}{i}"),
                    count: u32::MAX,
                    last: String::new(),
                    kind,
                }
            })
            .collect();
        let page = Page::of(Listing::Review, 100_000, 12_345);
        let shown: Vec<(&Entry, Option<&Claim>)> = entries.iter().map(|e| (e, claim)).collect();
        let note = "n".repeat(2 * NOTE_QUESTION + 200);
        let view = view(&shown, &page, Some(&note));
        assert!(
            view.parts.total() <= format::EMBED_TOTAL,
            "{}",
            view.parts.total()
        );
        assert_eq!(view.parts.fields.len(), PER_PAGE);
        assert!(view
            .parts
            .fields
            .iter()
            .all(|(_, v)| v.chars().count() <= format::FIELD_VALUE));
        let rows = serde_json::to_value(&view.rows).expect("json");
        let rows = rows.as_array().expect("rows");
        assert_eq!(rows.len(), 5, "an entry a row, and the pages' row");
        for row in rows {
            for b in row["components"].as_array().expect("buttons") {
                let id = b["custom_id"].as_str().expect("id");
                assert!(id.chars().count() <= format::CUSTOM_ID, "{id}");
                assert!(
                    b["label"].as_str().expect("label").chars().count() <= format::BUTTON_LABEL
                );
            }
        }
        assert!(rows[0]
            .to_string()
            .contains("Add as phrasing of this claim"));
    }
}
