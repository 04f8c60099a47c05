//! Slash commands. Each `///` line is the description Discord shows.

use std::sync::Arc;

use poise::serenity_prelude as serenity;

use super::format::{self, EmbedParts};
use super::send::{reply_embed, with_retry};
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
    vec![ask(), verify(), claim(), sources()]
}

/// The moderators' commands: registered in the home servers only.
pub fn moderators() -> Vec<poise::Command<Data, Error>> {
    vec![kb()]
}

async fn reply(ctx: Context<'_>, parts: EmbedParts, ephemeral: bool) -> Result<(), Error> {
    let reply = reply_embed(&parts, ephemeral);
    with_retry(|| ctx.send(reply.clone())).await?;
    Ok(())
}

/// Tells Discord an answer is coming ("claimbot is thinking…"), before work
/// that can outlast its 3 s limit for the first response: an edit or a
/// reload rebuilds the index (seconds at 100k claims), and reading a log
/// or walking every claim grows with the knowledge base. The reply then
/// comes as a follow-up, allowed for 15 minutes; `ephemeral` must be the
/// reply's, since the deferral decides who sees it.
async fn defer(ctx: Context<'_>, ephemeral: bool) -> Result<(), Error> {
    if ephemeral {
        with_retry(|| ctx.defer_ephemeral()).await?;
    } else {
        with_retry(|| ctx.defer()).await?;
    }
    Ok(())
}

/// The members' cooldown (`discord.cooldown_seconds`): one per member for
/// `/ask`, `/verify`, `/claim`, `/sources` and mentions alike (see
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

/// Ask a question about the news articles; the answer quotes its source.
#[poise::command(slash_command, check = "cooled_down")]
pub async fn ask(
    ctx: Context<'_>,
    #[description = "Your question, e.g. How many civilians were freed?"]
    #[max_length = 1000]
    question: String,
    #[description = "Show the answer only to you"] private: Option<bool>,
) -> Result<(), Error> {
    let started = std::time::Instant::now();
    let answer = ctx.data().store.engine().ask(&question);
    crate::metrics::asked("ask", &answer, started.elapsed());
    // A member's words stay out of info logs (privacy); debug may show them.
    tracing::debug!(question = %question, "/ask");
    tracing::info!(
        answered = answer.answered,
        confidence = answer.confidence,
        "/ask"
    );
    if !answer.answered {
        ctx.data().remember_unanswered(&question);
    }
    reply(
        ctx,
        format::answer_embed(&question, &answer),
        private.unwrap_or(false),
    )
    .await
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
    let started = std::time::Instant::now();
    let v = ctx.data().store.engine().verify(&statement);
    crate::metrics::verified(&v, started.elapsed());
    tracing::debug!(statement = %statement, "/verify");
    tracing::info!(
        verdict = v.verdict.as_str(),
        confidence = v.confidence,
        "/verify"
    );
    reply(
        ctx,
        format::verification_embed(&statement, &v),
        private.unwrap_or(false),
    )
    .await
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

fn claim_parts(engine: &Engine, id: &str) -> Option<EmbedParts> {
    let c = engine.claim(id)?;
    let source = engine.knowledge().source_of(c).citation();
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
    let engine = ctx.data().store.engine();
    let lines = ctx.data().off_runtime(move || source_list(&engine)).await?;
    reply(
        ctx,
        format::note_embed("Sources", &lines, format::ANSWER_COLOUR),
        false,
    )
    .await
}

/// One line per source with its number of claims (one pass over the claims).
fn source_list(engine: &Engine) -> String {
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
        .collect::<Vec<_>>()
        .join("\n")
}

/// Whether the member may edit the knowledge base: in a home server
/// (`discord.guild_id`, `discord.moderator_guilds`), with Manage Server or a
/// moderator role from the configuration. Checked by the bot on every call.
async fn is_moderator(ctx: Context<'_>) -> Result<bool, Error> {
    // Every server shares one knowledge base: only the home servers'
    // moderators may change it or read its moderator data, never the admin
    // of some other server the bot was invited to.
    let home = ctx.data().settings.home_guilds();
    if !ctx.guild_id().is_some_and(|g| home.contains(&g.get())) {
        tracing::info!(user = %ctx.author().name, guild = ?ctx.guild_id(), command = %ctx.command().qualified_name, "moderator command refused outside the home servers");
        return Ok(false);
    }
    let Some(member) = ctx.author_member().await else {
        return Ok(false);
    };
    let manage = member
        .permissions
        .is_some_and(|p| p.manage_guild() || p.administrator());
    let roles = &ctx.data().settings.moderator_roles;
    let role = member.roles.iter().any(|r| roles.contains(&r.get()));
    if !(manage || role) {
        tracing::info!(user = %ctx.author().name, command = %ctx.command().qualified_name, "moderator command refused");
    }
    Ok(manage || role)
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
        "kb_edit",
        "kb_remove",
        "kb_alias",
        "kb_reload",
        "kb_unanswered",
        "kb_history"
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
    #[description = "Source id (see /sources)"] source: String,
    #[description = "New claim id: lower-case letters, digits, dashes"] id: String,
    #[description = "Short answer in plain words"] answer: String,
    #[description = "Quote, verbatim from the source"] quote: String,
    #[description = "Questions readers would ask, separated by |"] questions: Option<String>,
) -> Result<(), Error> {
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

/// Questions members asked that the bot could not answer, most frequent first.
#[poise::command(slash_command, rename = "unanswered", check = "is_moderator")]
pub async fn kb_unanswered(ctx: Context<'_>) -> Result<(), Error> {
    defer(ctx, true).await?;
    let log = Arc::clone(&ctx.data().unanswered);
    let top = ctx.data().off_runtime(move || log.top(20)).await??;
    let text = if top.is_empty() {
        "No unanswered questions yet.".to_string()
    } else {
        top.iter()
            .map(|u| {
                format!(
                    "{}× {}",
                    u.count,
                    format::plain(&format::cut(&u.question, 150))
                )
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    reply(
        ctx,
        format::note_embed("Unanswered questions", &text, format::ANSWER_COLOUR),
        true,
    )
    .await
}

/// The audit log of knowledge-base edits, newest first.
#[poise::command(slash_command, rename = "history", check = "is_moderator")]
pub async fn kb_history(ctx: Context<'_>) -> Result<(), Error> {
    defer(ctx, true).await?;
    let store = Arc::clone(&ctx.data().store);
    let history = ctx.data().off_runtime(move || store.history(15)).await??;
    let text = if history.is_empty() {
        "No edits yet.".to_string()
    } else {
        history
            .iter()
            .map(|h| {
                format!(
                    "`{}` {} **{}** `{}`",
                    &h.at.get(..16).unwrap_or(&h.at),
                    format::plain(&h.actor.name),
                    h.action,
                    h.claim
                )
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    reply(
        ctx,
        format::note_embed("Edit history", &text, format::ANSWER_COLOUR),
        true,
    )
    .await
}
