//! Sending: never ping anyone, and send again after a 429 instead of
//! dropping the message.

use std::future::Future;
use std::time::Duration;

use poise::serenity_prelude as serenity;

use super::format::EmbedParts;

/// How many times a rate-limited send is tried again.
const RETRIES: u32 = 4;
/// The first wait after a 429; doubled on each retry. serenity drops the
/// body's `retry_after` when it reports the error, so the bot backs off.
const FIRST_WAIT: Duration = Duration::from_millis(500);
/// Discord drops an interaction whose first response has not arrived 3 s
/// after it was created; it took some of that to reach the bot. A first
/// response is retried sooner, and never past this since its first try.
pub const FIRST_RESPONSE_WINDOW: Duration = Duration::from_millis(2500);
const FIRST_RESPONSE_WAIT: Duration = Duration::from_millis(150);

/// Allowed mentions that allow nothing: no @everyone, no roles, no users,
/// not even the author of the message replied to.
pub fn no_pings() -> serenity::CreateAllowedMentions {
    serenity::CreateAllowedMentions::new()
        .empty_users()
        .empty_roles()
        .everyone(false)
        .replied_user(false)
}

pub fn embed(parts: &EmbedParts) -> serenity::CreateEmbed {
    let mut e = serenity::CreateEmbed::new()
        .title(&parts.title)
        .description(&parts.description)
        .colour(parts.colour);
    for (name, value) in &parts.fields {
        e = e.field(name, value, false);
    }
    if !parts.footer.is_empty() {
        e = e.footer(serenity::CreateEmbedFooter::new(&parts.footer));
    }
    e
}

/// A command reply holding one embed, pinging no one.
pub fn reply_embed(parts: &EmbedParts, ephemeral: bool) -> poise::CreateReply {
    poise::CreateReply::default()
        .embed(embed(parts))
        .ephemeral(ephemeral)
        .allowed_mentions(no_pings())
}

/// One row of buttons, `(custom id, label)` each: "Did you mean…".
pub fn buttons(choices: &[(String, String)]) -> Vec<serenity::CreateActionRow> {
    if choices.is_empty() {
        return Vec::new();
    }
    let row = choices
        .iter()
        .take(5)
        .map(|(id, label)| {
            serenity::CreateButton::new(id)
                .label(label)
                .style(serenity::ButtonStyle::Secondary)
        })
        .collect();
    vec![serenity::CreateActionRow::Buttons(row)]
}

fn rate_limited(e: &serenity::Error) -> bool {
    matches!(e, serenity::Error::Http(serenity::HttpError::UnsuccessfulRequest(r)) if r.status_code.as_u16() == 429)
}

/// Runs `send`, and again after a wait while Discord answers 429.
pub async fn with_retry<T, F, Fut>(send: F) -> Result<T, serenity::Error>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, serenity::Error>>,
{
    retry(send, FIRST_WAIT, None).await
}

/// [`with_retry`] for the first response to an interaction (a reply, a
/// deferral, a button's answer): shorter waits, all within
/// [`FIRST_RESPONSE_WINDOW`], since a later one would be refused anyway.
pub async fn first_response<T, F, Fut>(send: F) -> Result<T, serenity::Error>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, serenity::Error>>,
{
    retry(send, FIRST_RESPONSE_WAIT, Some(FIRST_RESPONSE_WINDOW)).await
}

/// A command's reply, retried within the first-response window when it is
/// the interaction's first response, else as any message.
pub async fn reply(
    ctx: super::Context<'_>,
    reply: poise::CreateReply,
) -> Result<(), serenity::Error> {
    let first = match ctx {
        poise::Context::Application(app) => !app
            .has_sent_initial_response
            .load(std::sync::atomic::Ordering::SeqCst),
        poise::Context::Prefix(_) => false,
    };
    if first {
        first_response(|| ctx.send(reply.clone())).await?;
    } else {
        with_retry(|| ctx.send(reply.clone())).await?;
    }
    Ok(())
}

async fn retry<T, F, Fut>(
    mut send: F,
    first_wait: Duration,
    window: Option<Duration>,
) -> Result<T, serenity::Error>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, serenity::Error>>,
{
    let started = std::time::Instant::now();
    let mut wait = first_wait;
    let mut attempt = 0;
    loop {
        match send().await {
            Err(e)
                if rate_limited(&e)
                    && attempt < RETRIES
                    && window.is_none_or(|w| started.elapsed() + wait <= w) =>
            {
                tracing::warn!(
                    attempt,
                    wait_ms = wait.as_millis() as u64,
                    "rate limited; sending again after a wait"
                );
                crate::metrics::retried();
                tokio::time::sleep(wait).await;
                wait *= 2;
                attempt += 1;
            }
            other => return other,
        }
    }
}
