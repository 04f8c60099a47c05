//! Lists longer than one message, shown a page at a time: `/sources`,
//! `/kb history` and the review queue of `/kb unanswered`.
//!
//! The "Previous" and "Next" buttons carry only the list and the page they
//! lead to (`page:sources:2`). A press lists again, from the knowledge base
//! and the logs as they are then, and edits the message in place. No task
//! waits for presses, so the buttons keep working after a restart, and
//! moderators' rights are checked on every press. (poise's
//! `builtins::paginate` keeps the command running for a day instead, its
//! buttons die with the process, and it checks no rights.)

use std::ops::Range;

use poise::serenity_prelude as serenity;

use super::format::{self, EmbedParts};
use super::send::{self, with_retry};
use super::{commands, review, Context, Data, Error};

/// A list shown a page at a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Listing {
    /// `/sources`: a line per article.
    Sources,
    /// `/kb history`: a line per audited edit, numbered for `/kb revert`.
    History,
    /// `/kb unanswered`: the review queue, each entry with its buttons.
    Review,
}

const LISTINGS: [Listing; 3] = [Listing::Sources, Listing::History, Listing::Review];

impl Listing {
    fn name(self) -> &'static str {
        match self {
            Listing::Sources => "sources",
            Listing::History => "history",
            Listing::Review => "review",
        }
    }

    /// How many entries a page holds.
    pub fn per_page(self) -> usize {
        match self {
            Listing::Sources | Listing::History => LINES,
            Listing::Review => review::PER_PAGE,
        }
    }

    /// Whether only moderators may turn its pages, as only they may run
    /// its command: the history names moderators, and the queue holds
    /// members' questions.
    fn moderators_only(self) -> bool {
        self != Listing::Sources
    }
}

/// Lines on a page of `/sources` or `/kb history`: a screenful.
pub const LINES: usize = 10;
/// The longest line such a page shows: [`LINES`] of them, with their line
/// breaks, fit in an embed's description.
pub const LINE: usize = format::EMBED_DESCRIPTION / LINES - 1;

/// Which entries of a list one page shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    pub listing: Listing,
    /// From 0.
    pub number: usize,
    /// How many pages there are: 1 for an empty list.
    pub count: usize,
    pub entries: Range<usize>,
}

impl Page {
    /// Page `wanted` (from 0) of a list of `total` entries; past the end
    /// (the list has shrunk since the button was made), the last one.
    pub fn of(listing: Listing, total: usize, wanted: usize) -> Page {
        let per = listing.per_page();
        let count = total.div_ceil(per).max(1);
        let number = wanted.min(count - 1);
        let start = number * per;
        Page {
            listing,
            number,
            count,
            entries: start..total.min(start + per),
        }
    }

    /// "Page 2 of 5"; nothing when there is only one.
    pub fn footer(&self) -> String {
        if self.count > 1 {
            format!("Page {} of {}", self.number + 1, self.count)
        } else {
            String::new()
        }
    }

    /// The "Previous" / "Next" row; none when there is only one page. A
    /// button leading nowhere is disabled, and keeps an id of its own:
    /// Discord refuses two components of one id in a message.
    pub fn buttons(&self) -> Option<serenity::CreateActionRow> {
        if self.count <= 1 {
            return None;
        }
        let button = |label: &str, to: usize, enabled: bool| {
            serenity::CreateButton::new(button_id(self.listing, to))
                .label(label)
                .style(serenity::ButtonStyle::Secondary)
                .disabled(!enabled)
        };
        Some(serenity::CreateActionRow::Buttons(vec![
            button("Previous", self.number.saturating_sub(1), self.number > 0),
            button("Next", self.number + 1, self.number + 1 < self.count),
        ]))
    }
}

/// What starts the custom id of a page button; the list's name, `:` and
/// the page (from 0) follow.
const PREFIX: &str = "page:";

fn button_id(listing: Listing, page: usize) -> String {
    format!("{PREFIX}{}:{page}", listing.name())
}

/// The list and page a pressed button leads to, if it is a page button.
pub fn parse(custom_id: &str) -> Option<(Listing, usize)> {
    let (name, page) = custom_id.strip_prefix(PREFIX)?.split_once(':')?;
    let listing = LISTINGS.into_iter().find(|l| l.name() == name)?;
    Some((listing, page.parse().ok()?))
}

/// A page as the bot shows it: its embed and its rows of buttons.
#[derive(Debug, Clone)]
pub struct Shown {
    pub parts: EmbedParts,
    pub rows: Vec<serenity::CreateActionRow>,
}

/// A page of a list of lines: `lines` are the page's own (each cut to
/// [`LINE`]), `empty` says so when the whole list is empty.
pub fn list(title: &str, lines: &[String], page: &Page, empty: &str) -> Shown {
    let text = if lines.is_empty() {
        empty.to_string()
    } else {
        lines
            .iter()
            .map(|l| format::cut(l, LINE))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let mut parts = format::note_embed(title, &text, format::ANSWER_COLOUR);
    parts.footer = page.footer();
    Shown {
        parts,
        rows: page.buttons().into_iter().collect(),
    }
}

/// Page `page` of `listing` as it is now. Listing reads a log or walks
/// the knowledge base, off the async threads.
async fn show(data: &Data, listing: Listing, page: usize) -> Result<Shown, Error> {
    match listing {
        Listing::Sources => commands::sources_page(data, page).await,
        Listing::History => commands::history_page(data, page).await,
        Listing::Review => review::page(data, page, None).await,
    }
}

/// Answers a command with the first page of `listing` (the command has
/// deferred: listing takes time).
pub(super) async fn reply(
    ctx: Context<'_>,
    listing: Listing,
    ephemeral: bool,
) -> Result<(), Error> {
    let shown = show(ctx.data(), listing, 0).await?;
    let reply = send::reply_embed(&shown.parts, ephemeral).components(shown.rows);
    send::reply(ctx, reply).await?;
    Ok(())
}

/// "Previous" or "Next" was pressed: the page it leads to, in place of
/// the one shown. A moderators' list checks the rights of whoever pressed,
/// as its command does: a button can be forged.
pub(super) async fn pressed(
    ctx: &serenity::Context,
    data: &Data,
    press: &serenity::ComponentInteraction,
    listing: Listing,
    page: usize,
) -> Result<(), Error> {
    if listing.moderators_only() && !commands::may_press(data, press) {
        return refuse(ctx, press).await;
    }
    send::first_response(|| press.defer(&ctx.http)).await?;
    let shown = show(data, listing, page).await?;
    update(ctx, press, &shown).await
}

/// Edits the message a pressed button is on (acknowledged with
/// [`serenity::ComponentInteraction::defer`]) to show `shown`.
pub(super) async fn update(
    ctx: &serenity::Context,
    press: &serenity::ComponentInteraction,
    shown: &Shown,
) -> Result<(), Error> {
    let edit = serenity::EditInteractionResponse::new()
        .embed(send::embed(&shown.parts))
        .components(shown.rows.clone())
        .allowed_mentions(send::no_pings());
    with_retry(|| press.edit_response(&ctx.http, edit.clone())).await?;
    Ok(())
}

/// A moderators' button pressed by someone else: a private refusal, and
/// the message and the files stay as they are.
pub(super) async fn refuse(
    ctx: &serenity::Context,
    press: &serenity::ComponentInteraction,
) -> Result<(), Error> {
    let message = serenity::CreateInteractionResponseMessage::new()
        .embed(send::embed(&format::moderators_only()))
        .ephemeral(true)
        .allowed_mentions(send::no_pings());
    let response = serenity::CreateInteractionResponse::Message(message);
    send::first_response(|| press.create_response(&ctx.http, response.clone())).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_cover_the_list_and_a_stale_page_shows_the_last() {
        let page = |total, wanted| {
            let p = Page::of(Listing::Sources, total, wanted);
            (p.number, p.count, p.entries)
        };
        assert_eq!(page(0, 0), (0, 1, 0..0));
        assert_eq!(page(10, 0), (0, 1, 0..10));
        assert_eq!(page(11, 1), (1, 2, 10..11));
        assert_eq!(page(25, 7), (2, 3, 20..25), "the list shrank");
    }

    #[test]
    fn a_page_button_names_the_list_and_the_page_only() {
        for listing in LISTINGS {
            assert_eq!(parse(&button_id(listing, 12)), Some((listing, 12)));
        }
        assert_eq!(parse("page:nothing:1"), None);
        assert_eq!(parse("page:sources:-1"), None);
        assert_eq!(parse("claim:x"), None);
    }

    #[test]
    fn only_a_list_of_several_pages_has_buttons_and_a_footer() {
        assert!(Page::of(Listing::History, 10, 0).buttons().is_none());
        assert_eq!(Page::of(Listing::History, 10, 0).footer(), "");
        assert_eq!(Page::of(Listing::History, 21, 1).footer(), "Page 2 of 3");
    }

    #[test]
    fn a_full_page_of_long_lines_fits_one_embed() {
        let lines: Vec<String> = (0..LINES)
            .map(|i| format!("{i} {}", "é".repeat(900)))
            .collect();
        let page = Page::of(Listing::Sources, 40, 1);
        let shown = list("Sources", &lines, &page, "none");
        let description = shown.parts.description.chars().count();
        assert!(description <= format::EMBED_DESCRIPTION, "{description}");
        assert_eq!(shown.parts.description.lines().count(), LINES);
        assert!(shown.parts.total() <= format::EMBED_TOTAL);
    }
}
