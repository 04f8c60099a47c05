//! Slash commands. Each `///` line is the description Discord shows.

use std::sync::Arc;

use poise::serenity_prelude as serenity;

use super::feedback::{self, Choice, Feedback};
use super::format::{self, EmbedParts};
use super::pages::{self, Listing, Page, Shown};
use super::review;
use super::send::{buttons, first_response, reply_embed};
use super::{Context, Data, Error, Gate, TooSoon};
use crate::engine::Engine;
use crate::store::{Actor, ClaimPatch, EditError, Edited, NewClaim};
use crate::verify::Verdict;

/// Every command the bot registers.
pub fn all() -> Vec<poise::Command<Data, Error>> {
    let mut all = members();
    all.push(kb());
    all
}

/// The commands every member of every server may use.
pub fn members() -> Vec<poise::Command<Data, Error>> {
    vec![
        help(),
        ask(),
        verify(),
        claim(),
        sources(),
        verify_message(),
        ask_message(),
    ]
}

/// The moderators' commands: registered in the home servers only.
pub fn moderators() -> Vec<poise::Command<Data, Error>> {
    vec![kb()]
}

async fn reply(ctx: Context<'_>, parts: EmbedParts, ephemeral: bool) -> Result<(), Error> {
    reply_with(ctx, parts, ephemeral, &[]).await
}

/// [`reply`] with a row of buttons, `(custom id, label)` each.
async fn reply_with(
    ctx: Context<'_>,
    parts: EmbedParts,
    ephemeral: bool,
    choices: &[(String, String)],
) -> Result<(), Error> {
    let reply = reply_embed(&parts, ephemeral).components(buttons(choices));
    super::send::reply(ctx, reply).await?;
    Ok(())
}

/// The feedback buttons for an answer (none when it abstained) or a verdict.
fn feedback_for(answered: bool, claim: Option<&str>) -> Vec<(String, String)> {
    if answered {
        feedback::buttons(claim)
    } else {
        Vec::new()
    }
}

/// Tells Discord an answer is coming ("claimbot is thinking…"), before work
/// that can outlast its 3 s limit for the first response: an edit or a
/// reload rebuilds the index (seconds at 100k claims), and reading a log
/// or walking every claim grows with the knowledge base. The reply then
/// comes as a follow-up, allowed for 15 minutes; `ephemeral` must be the
/// reply's, since the deferral decides who sees it.
async fn defer(ctx: Context<'_>, ephemeral: bool) -> Result<(), Error> {
    if ephemeral {
        first_response(|| ctx.defer_ephemeral()).await?;
    } else {
        first_response(|| ctx.defer()).await?;
    }
    Ok(())
}

/// The members' cooldown (`discord.cooldown_seconds`): one per member for
/// `/ask`, `/verify`, `/claim`, `/sources`, the Apps menu and mentions alike (see
/// [`Data::gate`]), so that switching commands does not get round it.
/// poise's own cooldowns are per command and fixed when compiled, so they
/// do not fit. Typing (autocomplete) is free.
async fn cooled_down(ctx: Context<'_>) -> Result<bool, Error> {
    if let poise::Context::Application(a) = ctx {
        if a.interaction_type == poise::CommandInteractionType::Autocomplete {
            return Ok(true);
        }
    }
    match ctx.data().gate(ctx.author().id.get()) {
        Gate::Answer => Ok(true),
        Gate::Notice | Gate::Silent => Err(Box::new(TooSoon)),
    }
}

/// What the bot does, its commands, and questions to try.
#[poise::command(slash_command)]
pub async fn help(ctx: Context<'_>) -> Result<(), Error> {
    let commands: Vec<(String, String)> = members()
        .iter()
        .filter_map(|c| {
            let what = c.description.as_deref()?.to_string();
            let usage = match &c.context_menu_name {
                Some(menu) => format!("Apps → {menu}"),
                None => format!("/{}", c.name),
            };
            Some((usage, what))
        })
        .collect();
    let engine = ctx.data().store.engine();
    let examples = ctx
        .data()
        .off_runtime(move || {
            engine
                .example_questions(HELP_EXAMPLES)
                .into_iter()
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .await?;
    let examples: Vec<&str> = examples.iter().map(String::as_str).collect();
    reply(ctx, format::help_embed(&commands, &examples), true).await
}

/// How many questions `/help` suggests.
const HELP_EXAMPLES: usize = 3;

/// Ask a question about the news articles; the answer quotes its source.
#[poise::command(slash_command, check = "cooled_down")]
pub async fn ask(
    ctx: Context<'_>,
    #[description = "Your question, e.g. How many civilians were freed?"]
    #[max_length = 1000]
    question: String,
    #[description = "Show the answer only to you"] private: Option<bool>,
) -> Result<(), Error> {
    answer_question(ctx, &question, private.unwrap_or(false), "ask").await
}

/// Answers a question, however it was asked (`path`: "ask", or
/// "ask_message" from the Apps menu): the answer with feedback buttons, or
/// the nearest claims as "Did you mean…" buttons.
async fn answer_question(
    ctx: Context<'_>,
    question: &str,
    private: bool,
    path: &'static str,
) -> Result<(), Error> {
    let started = std::time::Instant::now();
    let engine = ctx.data().store.engine();
    let mut answer = engine.ask(question);
    crate::metrics::asked(path, &answer, started.elapsed());
    link_source(&engine, answer.claim.as_deref(), &mut answer.source);
    drop(engine);
    // A member's words stay out of info logs (privacy); debug may show them.
    tracing::debug!(question = %question, path, "question");
    tracing::info!(
        answered = answer.answered,
        confidence = answer.confidence,
        path,
        "question"
    );
    let mut parts = format::answer_embed(question, &answer);
    let mut choices = feedback_for(answer.answered, answer.claim.as_deref());
    if !answer.answered {
        ctx.data().remember_unanswered(question);
        choices = nearest_claims(ctx.data(), question).await;
        if !choices.is_empty() {
            parts.description = format!("{}\n{}", parts.description, format::DID_YOU_MEAN);
        }
    }
    reply_with(ctx, parts, private, &choices).await
}

/// How many "Did you mean…" buttons an abstention offers.
const SUGGESTIONS: usize = 3;

/// The claims nearest a question the bot would not answer, as buttons
/// `(custom id, label)`: the engine's own ranking, then text matches (the
/// search of `/claim`'s autocomplete), off the async threads.
async fn nearest_claims(data: &Data, question: &str) -> Vec<(String, String)> {
    let engine = data.store.engine();
    let question = question.to_string();
    let search = move || {
        engine
            .search_claims(&question, SUGGESTIONS)
            .into_iter()
            .filter_map(|c| {
                let id = format::claim_button_id(&c.id)?;
                Some((id, format::cut(&c.answer, format::BUTTON_LABEL)))
            })
            .collect()
    };
    data.off_runtime(search).await.unwrap_or_else(|e| {
        tracing::warn!(error = %e, "no suggestions");
        Vec::new()
    })
}

/// A button was pressed: feedback, a page of a list, the review queue's,
/// or "Did you mean…". The latter shows the claim it names, checked
/// against the knowledge base as it is now (the id comes back from the
/// member's client, and the claim may have been removed since), to the
/// member who pressed it only. Buttons that are not ours are left alone.
pub(super) async fn pressed(
    ctx: &serenity::Context,
    data: &Data,
    press: &serenity::ComponentInteraction,
) -> Result<(), Error> {
    if let Some((choice, claim)) = feedback::parse(&press.data.custom_id) {
        return feedback_pressed(ctx, data, press, choice, claim).await;
    }
    if let Some((listing, page)) = pages::parse(&press.data.custom_id) {
        return pages::pressed(ctx, data, press, listing, page).await;
    }
    if let Some(action) = review::Action::parse(&press.data.custom_id) {
        return review::pressed(ctx, data, press, action).await;
    }
    let Some(id) = format::claim_of_button(&press.data.custom_id) else {
        tracing::debug!(custom_id = %press.data.custom_id, "a button that is not ours");
        return Ok(());
    };
    let engine = data.store.engine();
    let parts = claim_parts(&engine, id).unwrap_or_else(|| {
        format::note_embed(
            "No such claim",
            "That claim is no longer in the knowledge base. Try `/ask` again.",
            format::colour(Verdict::NotFound),
        )
    });
    drop(engine);
    tracing::info!(found = parts.title == id, "did-you-mean button");
    let message = serenity::CreateInteractionResponseMessage::new()
        .embed(super::send::embed(&parts))
        .ephemeral(true)
        .allowed_mentions(super::send::no_pings());
    let response = serenity::CreateInteractionResponse::Message(message);
    first_response(|| press.create_response(&ctx.http, response.clone())).await?;
    Ok(())
}

/// Check a statement against the sources: supported, contradicted or not found.
#[poise::command(slash_command, check = "cooled_down")]
pub async fn verify(
    ctx: Context<'_>,
    #[description = "The statement to check, e.g. Russia freed 500 people"]
    #[max_length = 1000]
    statement: String,
    #[description = "Show the verdict only to you"] private: Option<bool>,
) -> Result<(), Error> {
    check_statement(ctx, &statement, private.unwrap_or(false), "/verify").await
}

/// Checks a statement, however it was given (`how`, for the log): the
/// verdict with its quote and feedback buttons.
async fn check_statement(
    ctx: Context<'_>,
    statement: &str,
    private: bool,
    how: &'static str,
) -> Result<(), Error> {
    let started = std::time::Instant::now();
    let engine = ctx.data().store.engine();
    let mut v = engine.verify(statement);
    crate::metrics::verified(&v, started.elapsed());
    link_source(&engine, v.claim.as_deref(), &mut v.source);
    drop(engine);
    tracing::debug!(statement = %statement, how, "statement");
    tracing::info!(
        verdict = v.verdict.as_str(),
        confidence = v.confidence,
        how,
        "statement"
    );
    let choices = feedback_for(true, v.claim.as_deref());
    let parts = format::verification_embed(statement, &v);
    reply_with(ctx, parts, private, &choices).await
}

/// The text of a message a member picked from the Apps menu, or why there
/// is none to use.
fn message_text(msg: &serenity::Message) -> Result<String, EmbedParts> {
    let text = msg.content.trim();
    if text.is_empty() {
        return Err(format::note_embed(
            "No text to use",
            "That message has no text of its own (only attachments or embeds), so there is nothing to check.",
            format::colour(Verdict::NotFound),
        ));
    }
    Ok(format::cut(text, MESSAGE_TEXT))
}

/// The most of a picked message used: `/ask` and `/verify` take 1000.
const MESSAGE_TEXT: usize = 1000;

/// Check this message's text against the sources.
#[poise::command(context_menu_command = "Verify this message", check = "cooled_down")]
pub async fn verify_message(ctx: Context<'_>, msg: serenity::Message) -> Result<(), Error> {
    let statement = match message_text(&msg) {
        Ok(text) => text,
        Err(note) => return reply(ctx, note, true).await,
    };
    check_statement(ctx, &statement, false, "Verify this message").await
}

/// Ask this message's text as a question about the news articles.
#[poise::command(context_menu_command = "Ask about this message", check = "cooled_down")]
pub async fn ask_message(ctx: Context<'_>, msg: serenity::Message) -> Result<(), Error> {
    let question = match message_text(&msg) {
        Ok(text) => text,
        Err(note) => return reply(ctx, note, true).await,
    };
    answer_question(ctx, &question, false, "ask_message").await
}

/// Autocomplete cannot be deferred: the search (which may walk every
/// claim) runs off the async threads and answers as soon as it can.
async fn autocomplete_claim(
    ctx: Context<'_>,
    partial: &str,
) -> serenity::CreateAutocompleteResponse {
    let engine = ctx.data().store.engine();
    let partial = partial.to_string();
    let search = move || {
        engine
            .search_claims(&partial, format::CHOICES)
            .into_iter()
            .map(|c| {
                serenity::AutocompleteChoice::new(
                    format::choice_name(&c.id, &c.answer),
                    format::cut(&c.id, format::CHOICE_NAME),
                )
            })
            .collect()
    };
    let choices = ctx.data().off_runtime(search).await.unwrap_or_else(|e| {
        tracing::warn!(error = %e, "autocomplete failed");
        Vec::new()
    });
    serenity::CreateAutocompleteResponse::new().set_choices(choices)
}

/// Sources whose id or title holds what was typed, for `/kb add`.
async fn autocomplete_source(
    ctx: Context<'_>,
    partial: &str,
) -> serenity::CreateAutocompleteResponse {
    let engine = ctx.data().store.engine();
    let needle = partial.trim().to_lowercase();
    let choices = engine
        .knowledge()
        .sources
        .iter()
        .filter(|s| s.id.contains(&needle) || s.title.to_lowercase().contains(&needle))
        .take(format::CHOICES)
        .map(|s| {
            serenity::AutocompleteChoice::new(
                format::cut(&format!("{} — {}", s.id, s.title), format::CHOICE_NAME),
                format::cut(&s.id, format::CHOICE_NAME),
            )
        })
        .collect();
    serenity::CreateAutocompleteResponse::new().set_choices(choices)
}

/// The sentences of the source chosen in `/kb add` that hold every word
/// typed, in reading order: nobody retypes a quote verbatim. The value is
/// the sentence's id, which `/kb add` reads as the sentence.
async fn autocomplete_quote(
    ctx: Context<'_>,
    partial: &str,
) -> serenity::CreateAutocompleteResponse {
    let source = match ctx {
        poise::Context::Application(app) => option_value(&app.interaction.data.options, "source"),
        poise::Context::Prefix(_) => None,
    };
    let engine = ctx.data().store.engine();
    let words: Vec<String> = partial.split_whitespace().map(str::to_lowercase).collect();
    let find = move || {
        engine
            .knowledge()
            .claims
            .iter()
            .filter(|c| !c.is_curated())
            .filter(|c| {
                source
                    .as_deref()
                    .is_none_or(|s| c.id.split('#').next() == Some(s))
            })
            .filter(|c| {
                let text = c.quote.to_lowercase();
                words.iter().all(|w| text.contains(w.as_str()))
            })
            .take(format::CHOICES)
            .map(|c| {
                serenity::AutocompleteChoice::new(
                    format::cut(&c.quote, format::CHOICE_NAME),
                    c.id.clone(),
                )
            })
            .collect()
    };
    let choices = ctx.data().off_runtime(find).await.unwrap_or_default();
    serenity::CreateAutocompleteResponse::new().set_choices(choices)
}

/// The text given for the option `name`, in a command or its subcommand.
fn option_value(options: &[serenity::CommandDataOption], name: &str) -> Option<String> {
    options.iter().find_map(|o| match &o.value {
        serenity::CommandDataOptionValue::String(v) if o.name == name => Some(v.clone()),
        serenity::CommandDataOptionValue::Autocomplete { value, .. } if o.name == name => {
            Some(value.clone())
        }
        serenity::CommandDataOptionValue::SubCommand(inner)
        | serenity::CommandDataOptionValue::SubCommandGroup(inner) => option_value(inner, name),
        _ => None,
    })
}

/// Swaps an answer's or a verdict's citation for one whose title links to
/// the article (see [`format::source_line`]).
pub(super) fn link_source(engine: &Engine, claim: Option<&str>, source: &mut Option<String>) {
    if source.is_none() {
        return;
    }
    if let Some(c) = claim.and_then(|id| engine.claim(id)) {
        *source = Some(format::source_line(engine.knowledge().source_of(c)));
    }
}

fn claim_parts(engine: &Engine, id: &str) -> Option<EmbedParts> {
    let c = engine.claim(id)?;
    let source = format::source_line(engine.knowledge().source_of(c));
    Some(format::claim_embed(
        &c.id,
        &c.answer,
        &c.quote,
        &source,
        &c.questions,
    ))
}

/// Show a claim of the knowledge base with its quote.
#[poise::command(slash_command, check = "cooled_down")]
pub async fn claim(
    ctx: Context<'_>,
    #[description = "Start typing: a word, a topic or a claim id"]
    #[autocomplete = "autocomplete_claim"]
    claim: String,
    #[description = "Show it only to you"] private: Option<bool>,
) -> Result<(), Error> {
    let private = private.unwrap_or(false);
    // Free text is searched over every claim.
    defer(ctx, private).await?;
    let engine = ctx.data().store.engine();
    let find = move || {
        // An id picked from the list, or free text: the best matching claim.
        let id = match engine.claim(&claim) {
            Some(c) => Some(c.id.clone()),
            None => engine
                .search_claims(&claim, 1)
                .first()
                .map(|c| c.id.clone()),
        };
        id.and_then(|id| claim_parts(&engine, &id))
    };
    let parts = match ctx.data().off_runtime(find).await? {
        Some(parts) => parts,
        None => format::note_embed(
            "No such claim",
            "No claim matches that. Try `/sources` or `/ask`.",
            format::colour(Verdict::NotFound),
        ),
    };
    reply(ctx, parts, private).await
}

/// List the articles the bot knows about.
#[poise::command(slash_command, check = "cooled_down")]
pub async fn sources(ctx: Context<'_>) -> Result<(), Error> {
    defer(ctx, false).await?;
    pages::reply(ctx, Listing::Sources, false).await
}

/// Page `page` of `/sources`.
pub(super) async fn sources_page(data: &Data, page: usize) -> Result<Shown, Error> {
    let engine = data.store.engine();
    let lines = data.off_runtime(move || source_list(&engine)).await?;
    let page = Page::of(Listing::Sources, lines.len(), page);
    let shown = &lines[page.entries.clone()];
    Ok(pages::list("Sources", shown, &page, "No sources yet."))
}

/// One line per source with its number of claims (one pass over the claims).
fn source_list(engine: &Engine) -> Vec<String> {
    let kb = engine.knowledge();
    let mut counts = vec![0usize; kb.sources.len()];
    for c in &kb.claims {
        if let Some(n) = counts.get_mut(c.source) {
            *n += 1;
        }
    }
    kb.sources
        .iter()
        .zip(counts)
        .map(|(s, claims)| {
            format!(
                "**{}** — {} (`{}`, {claims} claims)",
                s.title,
                s.citation(),
                s.id
            )
        })
        .collect()
}

/// "Helpful" or "Wrong" was pressed: kept in the feedback log (written off
/// the async threads), with the reply's title as the question and the
/// member's id only; the member is thanked privately. A claim id that is
/// not in the knowledge base (forged, or removed since) records nothing.
async fn feedback_pressed(
    ctx: &serenity::Context,
    data: &Data,
    press: &serenity::ComponentInteraction,
    choice: Choice,
    claim: &str,
) -> Result<(), Error> {
    let known = claim.is_empty() || data.store.engine().claim(claim).is_some();
    let text = if known {
        let entry = Feedback {
            question: press
                .message
                .embeds
                .first()
                .and_then(|e| e.title.clone())
                .unwrap_or_default(),
            claim: (!claim.is_empty()).then(|| claim.to_string()),
            member: press.user.id.get(),
            choice,
            at: chrono::Utc::now().to_rfc3339(),
            resolved: None,
        };
        let log = Arc::clone(&data.feedback);
        match data.off_runtime(move || log.record(&entry)).await {
            Ok(Ok(())) => "Thanks, noted: it helps the moderators keep the answers right.",
            Ok(Err(e)) => {
                tracing::warn!(error = %e, "could not record feedback");
                "Thanks. It could not be saved just now; please try again later."
            }
            Err(e) => {
                tracing::warn!(error = %e, "could not record feedback");
                "Thanks. It could not be saved just now; please try again later."
            }
        }
    } else {
        "That claim is no longer in the knowledge base, so nothing was recorded."
    };
    tracing::info!(choice = ?choice, recorded = known, "feedback");
    let message = serenity::CreateInteractionResponseMessage::new()
        .content(text)
        .ephemeral(true)
        .allowed_mentions(super::send::no_pings());
    let response = serenity::CreateInteractionResponse::Message(message);
    first_response(|| press.create_response(&ctx.http, response.clone())).await?;
    Ok(())
}

/// Whether a member may edit the knowledge base and read its moderator
/// data: in a home server (`discord.guild_id`, `discord.moderator_guilds`),
/// with Manage Server or a moderator role from the configuration. The one
/// rule for commands and buttons alike.
fn moderates(
    settings: &crate::config::DiscordSettings,
    guild: Option<serenity::GuildId>,
    member: Option<&serenity::Member>,
) -> bool {
    // Every server shares one knowledge base: only the home servers'
    // moderators may change it or read its moderator data, never the admin
    // of some other server the bot was invited to.
    let home = settings.home_guilds();
    if !guild.is_some_and(|g| home.contains(&g.get())) {
        return false;
    }
    let Some(member) = member else {
        return false;
    };
    let manage = member
        .permissions
        .is_some_and(|p| p.manage_guild() || p.administrator());
    let role = member
        .roles
        .iter()
        .any(|r| settings.moderator_roles.contains(&r.get()));
    manage || role
}

/// [`moderates`] for the member running a command: checked by the bot on
/// every call.
async fn is_moderator(ctx: Context<'_>) -> Result<bool, Error> {
    let member = ctx.author_member().await;
    let allowed = moderates(&ctx.data().settings, ctx.guild_id(), member.as_deref());
    if !allowed {
        tracing::info!(user = %ctx.author().name, guild = ?ctx.guild_id(), command = %ctx.command().qualified_name, "moderator command refused");
    }
    Ok(allowed)
}

/// [`moderates`] for the member pressing a moderators' button, checked on
/// every press: a button can be forged, or pressed in another server.
pub(super) fn may_press(data: &Data, press: &serenity::ComponentInteraction) -> bool {
    let allowed = moderates(&data.settings, press.guild_id, press.member.as_ref());
    if !allowed {
        tracing::info!(user = %press.user.name, guild = ?press.guild_id, custom_id = %press.data.custom_id, "moderator button refused");
    }
    allowed
}

/// Moderators: keep the knowledge base right.
///
/// Registered in the home servers only, and visible to every member there:
/// a member who moderates through `discord.moderator_roles` alone must see
/// it too (Discord's default permissions would hide it); `is_moderator`
/// decides on every call.
#[poise::command(
    slash_command,
    guild_only,
    subcommands(
        "kb_add",
        "kb_article",
        "kb_edit",
        "kb_remove",
        "kb_alias",
        "kb_reload",
        "kb_unanswered",
        "kb_history",
        "kb_revert"
    ),
    subcommand_required
)]
pub async fn kb(_ctx: Context<'_>) -> Result<(), Error> {
    Ok(())
}

fn actor(ctx: Context<'_>) -> Actor {
    Actor {
        id: ctx.author().id.get(),
        name: ctx.author().name.clone(),
    }
}

/// Runs an edit off the async threads and reports the outcome.
async fn apply(
    ctx: Context<'_>,
    what: String,
    edit: impl FnOnce(&crate::store::Store, &Actor) -> Result<Edited, EditError> + Send + 'static,
) -> Result<(), Error> {
    defer(ctx, true).await?;
    let store = Arc::clone(&ctx.data().store);
    let who = actor(ctx);
    let outcome = ctx.data().off_runtime(move || edit(&store, &who)).await?;
    let parts = match outcome {
        Ok(edited) => {
            let s = edited.engine.summary();
            let mut text = format!("{what}\nThe knowledge base now has {} claims; the change answers the very next question.", s.claims);
            if let Some(warning) = &edited.warning {
                text.push_str(&format!("\nWarning: {warning}"));
            }
            format::note_embed("Done", &text, format::colour(Verdict::Supported))
        }
        Err(e) => format::note_embed(
            "Refused — nothing changed",
            &e.to_string(),
            format::colour(Verdict::Contradicted),
        ),
    };
    reply(ctx, parts, true).await
}

fn phrasings(text: Option<String>) -> Vec<String> {
    text.map(|t| {
        t.split('|')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect()
    })
    .unwrap_or_default()
}

/// Add a claim: a short answer resting on a verbatim quote of a source.
#[poise::command(slash_command, rename = "add", check = "is_moderator")]
pub async fn kb_add(
    ctx: Context<'_>,
    #[description = "Source id (see /sources)"]
    #[autocomplete = "autocomplete_source"]
    source: String,
    #[description = "New claim id: lower-case letters, digits, dashes"] id: String,
    #[description = "Short answer in plain words"] answer: String,
    #[description = "Type a few words of the sentence, or paste a verbatim quote"]
    #[autocomplete = "autocomplete_quote"]
    quote: String,
    #[description = "Questions readers would ask, separated by |"] questions: Option<String>,
) -> Result<(), Error> {
    // A sentence chosen from the autocomplete comes as its id ("swap#s3"):
    // Discord caps a choice's value at 100 characters, a sentence is longer.
    let quote = ctx
        .data()
        .store
        .engine()
        .claim(&quote)
        .filter(|c| !c.is_curated() && c.id.split('#').next() == Some(source.as_str()))
        .map_or(quote, |c| c.quote.clone());
    let claim = NewClaim {
        source,
        id: id.clone(),
        answer,
        quote,
        questions: phrasings(questions),
    };
    apply(ctx, format!("Added claim `{id}`."), move |store, who| {
        store.add_claim(who, claim)
    })
    .await
}

/// Add an article from a .txt or .md file: each of its sentences becomes a claim.
#[poise::command(slash_command, rename = "article", check = "is_moderator")]
pub async fn kb_article(
    ctx: Context<'_>,
    #[description = "The article: a .txt or .md file of UTF-8 text, at most 4 MB"]
    file: serenity::Attachment,
) -> Result<(), Error> {
    // Fetching, checking and indexing the article can take seconds.
    defer(ctx, true).await?;
    let parts = match fetch_article(&file).await {
        Err(why) => refused(&why),
        Ok(bytes) => {
            let store = Arc::clone(&ctx.data().store);
            let who = actor(ctx);
            let upload = file.filename.clone();
            let added = ctx
                .data()
                .off_runtime(move || store.add_article(&who, &upload, bytes))
                .await?;
            match added {
                Ok(added) => format::note_embed(
                    "Article added",
                    &article_added(&added),
                    format::colour(Verdict::Supported),
                ),
                Err(e) => refused(&e.to_string()),
            }
        }
    };
    reply(ctx, parts, true).await
}

/// The attachment's bytes, or why it is refused before anything is
/// written: by its name, by the size it declares, then by the bytes that
/// arrive (a declared size can lie).
async fn fetch_article(file: &serenity::Attachment) -> Result<Vec<u8>, String> {
    use crate::knowledge::files::{too_large, MAX_FILE_BYTES};
    let name = crate::store::article_file_name(&file.filename).map_err(|e| e.to_string())?;
    let declared = file.size as usize;
    if declared > MAX_FILE_BYTES {
        return Err(too_large(std::path::Path::new(&name), declared).to_string());
    }
    super::download::fetch(&file.url, MAX_FILE_BYTES, super::download::DOWNLOAD_TIMEOUT)
        .await
        .map_err(|e| {
            tracing::warn!(file = %name, error = %e, "attachment not fetched");
            format!("{name}: {e}")
        })
}

/// What a moderator is told of an article added.
fn article_added(added: &crate::store::AddedArticle) -> String {
    let sentences = match added.sentences {
        1 => "1 sentence".to_string(),
        n => format!("{n} sentences"),
    };
    let mut text = format!(
        "**{}** is in the knowledge base as `{}`: {sentences}, each a claim an answer can quote (`{}#s1` …). The knowledge base now has {} claims; the change answers the very next question.",
        format::plain(&format::cut(&added.title, 200)),
        added.file,
        added.source,
        added.edited.engine.summary().claims,
    );
    for warning in added.warnings.iter().chain(&added.edited.warning) {
        text.push_str(&format!("\nWarning: {}", format::plain(warning)));
    }
    text
}

/// A refused edit: nothing changed, and why.
fn refused(why: &str) -> EmbedParts {
    format::note_embed(
        "Refused — nothing changed",
        &format::cut(why, 1500),
        format::colour(Verdict::Contradicted),
    )
}

/// Change a claim's answer, quote or questions.
#[poise::command(slash_command, rename = "edit", check = "is_moderator")]
pub async fn kb_edit(
    ctx: Context<'_>,
    #[description = "Claim id"]
    #[autocomplete = "autocomplete_claim"]
    id: String,
    #[description = "New short answer"] answer: Option<String>,
    #[description = "New quote, verbatim from the source"] quote: Option<String>,
    #[description = "New questions, separated by | (replaces them all)"] questions: Option<String>,
) -> Result<(), Error> {
    let patch = ClaimPatch {
        answer,
        quote,
        questions: questions.map(|q| phrasings(Some(q))),
    };
    let what = format!("Edited claim `{id}`.");
    apply(ctx, what, move |store, who| {
        store.edit_claim(who, &id, patch)
    })
    .await
}

/// Remove a claim (the audit log keeps it).
#[poise::command(slash_command, rename = "remove", check = "is_moderator")]
pub async fn kb_remove(
    ctx: Context<'_>,
    #[description = "Claim id"]
    #[autocomplete = "autocomplete_claim"]
    id: String,
) -> Result<(), Error> {
    let what = format!("Removed claim `{id}`; `/kb history` keeps its text.");
    apply(ctx, what, move |store, who| store.remove_claim(who, &id)).await
}

/// Add an alternate phrasing of the question a claim answers.
#[poise::command(slash_command, rename = "alias", check = "is_moderator")]
pub async fn kb_alias(
    ctx: Context<'_>,
    #[description = "Claim id"]
    #[autocomplete = "autocomplete_claim"]
    id: String,
    #[description = "How a reader might ask it"] phrasing: String,
) -> Result<(), Error> {
    let what = format!("Added the phrasing to `{id}`.");
    apply(ctx, what, move |store, who| {
        store.add_alias(who, &id, &phrasing)
    })
    .await
}

/// Reload the knowledge base from its files.
#[poise::command(slash_command, rename = "reload", check = "is_moderator")]
pub async fn kb_reload(ctx: Context<'_>) -> Result<(), Error> {
    defer(ctx, true).await?;
    let store = Arc::clone(&ctx.data().store);
    let parts = match ctx.data().off_runtime(move || store.reload()).await? {
        Ok(s) => format::note_embed(
            "Reloaded",
            &format!(
                "{} sources, {} claims, {} phrasings, {} warnings.",
                s.sources,
                s.claims,
                s.phrasings,
                s.warnings.len()
            ),
            format::colour(Verdict::Supported),
        ),
        Err(e) => format::note_embed(
            "Reload failed — still serving the last good knowledge base",
            &e.to_string(),
            format::colour(Verdict::Contradicted),
        ),
    };
    reply(ctx, parts, true).await
}

/// The review queue: unanswered questions and answers marked wrong, most asked first.
#[poise::command(slash_command, rename = "unanswered", check = "is_moderator")]
pub async fn kb_unanswered(ctx: Context<'_>) -> Result<(), Error> {
    defer(ctx, true).await?;
    pages::reply(ctx, Listing::Review, true).await
}

/// The audit log of knowledge-base edits, newest first.
#[poise::command(slash_command, rename = "history", check = "is_moderator")]
pub async fn kb_history(ctx: Context<'_>) -> Result<(), Error> {
    defer(ctx, true).await?;
    pages::reply(ctx, Listing::History, true).await
}

/// Page `page` of `/kb history`, numbered as `/kb revert` counts.
pub(super) async fn history_page(data: &Data, page: usize) -> Result<Shown, Error> {
    let store = Arc::clone(&data.store);
    let history = data
        .off_runtime(move || store.history(usize::MAX))
        .await??;
    let page = Page::of(Listing::History, history.len(), page);
    let lines: Vec<String> = history[page.entries.clone()]
        .iter()
        .zip(page.entries.clone())
        .map(|(h, n)| {
            format!(
                "{}. `{}` {} **{}** `{}`",
                n + 1,
                &h.at.get(..16).unwrap_or(&h.at),
                format::plain(&h.actor.name),
                h.action,
                h.claim
            )
        })
        .collect();
    Ok(pages::list("Edit history", &lines, &page, "No edits yet."))
}

/// Undo an edit of the history: 1 is the latest (see /kb history).
#[poise::command(slash_command, rename = "revert", check = "is_moderator")]
pub async fn kb_revert(
    ctx: Context<'_>,
    #[description = "Which edit, as numbered in /kb history (1 = the latest)"]
    #[min = 1]
    #[max = 1000]
    edit: Option<u32>,
) -> Result<(), Error> {
    let n = edit.unwrap_or(1) as usize;
    let what = format!("Reverted edit {n} of `/kb history`; the revert is in the history too.");
    apply(ctx, what, move |store, who| {
        store.revert(who, &crate::store::RevertTarget::Latest(n))
    })
    .await
}
