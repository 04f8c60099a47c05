//! The Discord bot: turns events into engine calls and engine results into
//! messages, nothing more. Commands are declared with poise in
//! [`commands`]; the channel listener and the bot's start-up live here.

pub mod commands;
pub mod download;
pub mod feedback;
pub mod format;
pub mod health;
pub mod pages;
pub mod review;
pub mod send;
pub mod threads;

use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use poise::serenity_prelude as serenity;

use crate::config::{DiscordSettings, Settings};
use crate::store::{Store, UnansweredLog};

/// Errors of a command, reported to the user by [`on_error`].
pub type Error = Box<dyn std::error::Error + Send + Sync>;
pub type Context<'a> = poise::Context<'a, Data, Error>;

/// Why the bot could not run.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    #[error("no Discord token: set the DISCORD_TOKEN environment variable (or discord.token in config/local.toml)")]
    MissingToken,
    #[error("Discord rejected the token: check DISCORD_TOKEN (Developer Portal → your application → Bot → Reset Token)")]
    RejectedToken,
    #[error("the token is malformed: DISCORD_TOKEN should be the bot token from the Developer Portal (three parts separated by dots)")]
    MalformedToken,
    #[error("knowledge base: {0}")]
    Knowledge(#[from] crate::knowledge::KnowledgeError),
    #[error("discord: {0}")]
    Discord(String),
    #[error("metrics.listen: cannot listen on {addr}: {error}")]
    Listen {
        addr: std::net::SocketAddr,
        error: std::io::Error,
    },
    #[error("{0}")]
    Config(#[from] crate::config::ConfigError),
    /// Without its commands the bot would sit online answering nothing.
    #[error("{reason}")]
    Registration {
        reason: String,
        /// Discord refused (4xx): the invite or the ids need fixing.
        refused: bool,
    },
}

impl RunError {
    /// A problem the operator fixes in the configuration: exit status 2.
    pub fn is_usage(&self) -> bool {
        matches!(
            self,
            RunError::MissingToken
                | RunError::RejectedToken
                | RunError::MalformedToken
                | RunError::Knowledge(_)
                | RunError::Listen { .. }
                | RunError::Config(_)
                | RunError::Registration { refused: true, .. }
        )
    }
}

/// What a test may change in the running bot, and nothing else. `run`
/// uses the default: no change at all.
#[derive(Debug, Clone, Default)]
pub struct Hooks {
    /// Added to every piece of slow work in [`Data::off_runtime`], on the
    /// blocking thread that does it. It stands in for rebuilding the index
    /// of a 100k-claim knowledge base on a slow machine, so that tests of
    /// deferral and of blocking work need no such knowledge base.
    pub slow_work: Duration,
}

/// State shared by every command and event.
pub struct Data {
    pub store: Arc<Store>,
    pub unanswered: Arc<UnansweredLog>,
    /// Members' "Helpful" / "Wrong", beside the unanswered log.
    pub feedback: Arc<feedback::FeedbackLog>,
    pub settings: DiscordSettings,
    hooks: Hooks,
    /// The channels that threads hang off, where the cache does not say.
    threads: threads::ThreadParents,
    /// Per-member time of the last answered question, and whether the
    /// member was told to slow down since. A std mutex: held for a map
    /// update only, never across an `.await`.
    cooldowns: Mutex<HashMap<u64, (Instant, bool)>>,
}

/// A member's command came within their cooldown: [`on_error`] tells them.
#[derive(Debug, thiserror::Error)]
#[error("asked again within the cooldown")]
pub struct TooSoon;

/// What the cooldown allows for a member's question now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gate {
    Answer,
    /// Too soon: tell them once.
    Notice,
    /// Too soon, and already told.
    Silent,
}

impl Data {
    pub fn new(store: Arc<Store>, settings: DiscordSettings) -> Data {
        let unanswered = Arc::new(UnansweredLog::new(settings.unanswered_log.clone()));
        let feedback = Arc::new(feedback::FeedbackLog::beside(&settings.unanswered_log));
        Data {
            store,
            unanswered,
            feedback,
            settings,
            hooks: Hooks::default(),
            threads: threads::ThreadParents::default(),
            cooldowns: Mutex::new(HashMap::new()),
        }
    }

    /// Runs slow or blocking work (reading a log, walking every claim,
    /// rebuilding the index) on tokio's blocking threads, so that one
    /// moderator's `/kb` never holds up another member's `/ask`.
    pub async fn off_runtime<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, tokio::task::JoinError> {
        let pause = self.hooks.slow_work;
        tokio::task::spawn_blocking(move || {
            if !pause.is_zero() {
                std::thread::sleep(pause);
            }
            work()
        })
        .await
    }

    /// Applies the per-member cooldown.
    pub fn gate(&self, user: u64) -> Gate {
        let wait = Duration::from_secs(self.settings.cooldown_seconds);
        let mut map = self.cooldowns.lock().unwrap_or_else(|e| e.into_inner());
        let now = Instant::now();
        match map.get_mut(&user) {
            Some((last, told)) if now.duration_since(*last) < wait => {
                if *told {
                    Gate::Silent
                } else {
                    *told = true;
                    Gate::Notice
                }
            }
            _ => {
                map.insert(user, (now, false));
                if map.len() > 10_000 {
                    map.retain(|_, (t, _)| now.duration_since(*t) < wait);
                }
                Gate::Answer
            }
        }
    }

    /// Whether unmentioned questions in the message's channel are answered:
    /// it is an answer channel, or a thread or forum post directly under
    /// one. Only a thread the cache does not hold costs a REST call.
    async fn watches(&self, ctx: &serenity::Context, msg: &serenity::Message) -> bool {
        let channels = &self.settings.answer_channels;
        if channels.contains(&msg.channel_id.get()) {
            return true;
        }
        let Some(guild) = msg.guild_id else {
            return false;
        };
        if channels.is_empty() {
            return false;
        }
        self.threads
            .parent(ctx, guild, msg.channel_id)
            .await
            .is_some_and(|parent| channels.contains(&parent.get()))
    }

    /// Keeps a question the bot could not answer, for `/kb unanswered`.
    pub fn remember_unanswered(&self, question: &str) {
        if let Err(e) = self.unanswered.record(question) {
            tracing::warn!(error = %e, "could not record an unanswered question");
        }
    }
}

/// Runs the bot until Ctrl-C or SIGTERM.
pub async fn run(settings: Settings) -> Result<(), RunError> {
    run_with(settings, shutdown_signal()).await
}

async fn shutdown_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

/// Registers the commands: the members' commands globally (or, in
/// development, in `discord.guild_id` only, where they appear at once), and
/// `/kb` in the home servers only. Registering the global set without
/// `/kb` also removes a global `/kb` left by an earlier version; with no
/// home server, `/kb` is registered nowhere.
async fn register(
    ctx: &serenity::Context,
    guild_id: u64,
    home_guilds: &[u64],
) -> Result<(), RunError> {
    let members = commands::members();
    if guild_id == 0 {
        poise::builtins::register_globally(ctx, &members)
            .await
            .map_err(|e| registration_failed(e, None))?;
        tracing::info!("member commands registered globally");
    }
    for &home in home_guilds {
        let in_guild = if home == guild_id {
            commands::all()
        } else {
            commands::moderators()
        };
        poise::builtins::register_in_guild(ctx, &in_guild, serenity::GuildId::new(home))
            .await
            .map_err(|e| registration_failed(e, Some(home)))?;
        tracing::info!(
            guild_id = home,
            commands = in_guild.len(),
            "commands registered in a home server"
        );
    }
    if home_guilds.is_empty() {
        tracing::warn!("no home server (discord.guild_id, discord.moderator_guilds): /kb is not registered and nobody can edit the knowledge base from Discord");
    }
    Ok(())
}

/// Why registering the commands failed, with what to do about it.
fn registration_failed(e: serenity::Error, guild: Option<u64>) -> RunError {
    let place = match guild {
        Some(g) => format!("in server {g}"),
        None => "globally".to_string(),
    };
    let serenity::Error::Http(serenity::HttpError::UnsuccessfulRequest(r)) = &e else {
        return RunError::Registration {
            reason: format!("could not register the slash commands {place}: {e}"),
            refused: false,
        };
    };
    let status = r.status_code.as_u16();
    let hint = match r.error.code {
        // Missing Access
        50001 => "; invite the bot to that server with both the bot and the applications.commands scopes",
        // Unknown Guild
        10004 => "; the bot is in no server with that id: check discord.guild_id and discord.moderator_guilds",
        _ => "",
    };
    RunError::Registration {
        reason: format!(
            "Discord refused to register the slash commands {place}: {} (HTTP {status}, code {}){hint}",
            r.error.message, r.error.code
        ),
        refused: (400..500).contains(&status),
    }
}

/// Runs the bot until `shutdown` completes (tests pass their own).
pub async fn run_with(
    settings: Settings,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), RunError> {
    run_with_hooks(settings, shutdown, Hooks::default()).await
}

/// [`run_with`], with a test's [`Hooks`].
pub async fn run_with_hooks(
    settings: Settings,
    shutdown: impl Future<Output = ()> + Send + 'static,
    hooks: Hooks,
) -> Result<(), RunError> {
    let token = settings.discord.token.trim().to_string();
    if token.is_empty() {
        return Err(RunError::MissingToken);
    }
    if serenity::utils::token::validate(&token).is_err() {
        return Err(RunError::MalformedToken);
    }
    // Up before the knowledge base loads, so that /readyz can say so.
    let health = Arc::new(health::Health::default());
    let _serving = match settings.metrics.listen_addr()? {
        Some(addr) => Some(
            health::serve(addr, Arc::clone(&health))
                .await
                .map_err(|error| RunError::Listen { addr, error })?,
        ),
        None => None,
    };
    let store = Arc::new(Store::open(
        settings.knowledge.dir.clone(),
        settings.thresholds(),
    )?);
    let summary = store.engine().summary();
    tracing::info!(
        sources = summary.sources,
        claims = summary.claims,
        "knowledge base loaded"
    );
    health.loaded(Arc::clone(&store));
    // Edits by other processes (another shard's bot, `claimbot kb`, files
    // copied in) are picked up within a second; kept until the bot stops.
    let _watching = crate::store::watch::watch(Arc::clone(&store))
        .map_err(|e| tracing::warn!(error = %e, "not watching the knowledge directory; use /kb reload after outside edits"))
        .ok();

    let api_url = settings
        .discord
        .api_url
        .trim()
        .trim_end_matches('/')
        .to_string();
    let http = if api_url.is_empty() {
        serenity::HttpBuilder::new(&token).build()
    } else {
        // serenity's rate limiter sends without the proxy; the bot retries
        // 429s itself instead (see `send`).
        tracing::info!(api_url = %api_url, "using a custom Discord API address");
        serenity::HttpBuilder::new(&token)
            .proxy(api_url)
            .ratelimiter_disabled(true)
            .build()
    };
    let intents = serenity::GatewayIntents::GUILDS
        | serenity::GatewayIntents::GUILD_MESSAGES
        | serenity::GatewayIntents::DIRECT_MESSAGES
        | serenity::GatewayIntents::MESSAGE_CONTENT;
    let guild_id = settings.discord.guild_id;
    let home_guilds = settings.discord.home_guilds();
    let mut data = Data::new(Arc::clone(&store), settings.discord.clone());
    data.hooks = hooks;
    // Why start-up failed after connecting, for `run` to return. A std
    // mutex: set once and read once, never held across an `.await`.
    let failure: Arc<Mutex<Option<RunError>>> = Arc::default();
    let failed = Arc::clone(&failure);
    let readiness = Arc::clone(&health);
    let framework = poise::Framework::builder()
        .options(poise::FrameworkOptions {
            commands: commands::all(),
            on_error: |error| Box::pin(on_error(error)),
            event_handler: |framework, event| Box::pin(on_event(framework, event)),
            allowed_mentions: Some(send::no_pings()),
            initialize_owners: false,
            prefix_options: poise::PrefixFrameworkOptions { prefix: None, ..Default::default() },
            ..Default::default()
        })
        .setup(move |ctx, ready, framework| {
            Box::pin(async move {
                tracing::info!(user = %ready.user.name, guilds = ready.guilds.len(), "connected to Discord");
                readiness.ready(ready);
                if let Err(e) = register(ctx, guild_id, &home_guilds).await {
                    // Online without its commands, every slash command
                    // would fail: stop, and say why.
                    let reason = e.to_string();
                    if let Ok(mut slot) = failed.lock() {
                        *slot = Some(e);
                    }
                    let shards = Arc::clone(framework.shard_manager());
                    tokio::spawn(async move { shards.shutdown_all().await });
                    return Err(reason.into());
                }
                Ok(data)
            })
        })
        .build();
    let mut client = serenity::ClientBuilder::new_with_http(http, intents)
        .framework(framework)
        .await
        .map_err(|e| RunError::Discord(redact(&e.to_string(), &token)))?;
    health.shards(Arc::clone(&client.shard_manager));
    let shards = Arc::clone(&client.shard_manager);
    tokio::spawn(async move {
        shutdown.await;
        tracing::info!("shutting down");
        shards.shutdown_all().await;
    });
    // Validated with the configuration: cannot fail here.
    let range = settings.discord.shard_range().ok().flatten();
    let result = match range {
        Some((ids, total)) => {
            tracing::info!(
                first = ids.start,
                last = ids.end - 1,
                total,
                "running a range of shards"
            );
            health.range(ids.clone());
            client.start_shard_range(ids, total).await
        }
        None => client.start_autosharded().await,
    };
    let failed = failure.lock().ok().and_then(|mut slot| slot.take());
    match (failed, result) {
        (Some(RunError::Registration { reason, refused }), _) => Err(RunError::Registration {
            reason: redact(&reason, &token),
            refused,
        }),
        (Some(e), _) => Err(e),
        (None, Ok(())) => Ok(()),
        (None, Err(e)) => Err(classify(e, &token)),
    }
}

fn classify(e: serenity::Error, token: &str) -> RunError {
    use serenity::{GatewayError, HttpError};
    match &e {
        serenity::Error::Http(HttpError::UnsuccessfulRequest(r))
            if r.status_code.as_u16() == 401 =>
        {
            RunError::RejectedToken
        }
        serenity::Error::Gateway(GatewayError::InvalidAuthentication) => RunError::RejectedToken,
        _ => RunError::Discord(redact(&e.to_string(), token)),
    }
}

/// `text` with the token blanked out, for messages and logs.
pub fn redact(text: &str, token: &str) -> String {
    if token.len() < 8 {
        return text.to_string();
    }
    text.replace(token, "<token>")
}

/// One place for every command's errors: the user gets a short message,
/// the log gets the detail.
async fn on_error(error: poise::FrameworkError<'_, Data, Error>) {
    match error {
        poise::FrameworkError::Setup { error, .. } => {
            tracing::error!(error = %error, "could not start; stopping");
        }
        poise::FrameworkError::Command { error, ctx, .. } => {
            tracing::warn!(command = %ctx.command().qualified_name, error = %error, "command failed");
            let reply = send::reply_embed(
                &format::note_embed(
                    "Something went wrong",
                    &format::cut(&error.to_string(), 1000),
                    format::colour(crate::verify::Verdict::Contradicted),
                ),
                true,
            );
            let _ = send::reply(ctx, reply).await;
        }
        poise::FrameworkError::CommandCheckFailed {
            error: Some(error),
            ctx,
            ..
        } if error.is::<TooSoon>() => {
            // Privately, and every time: an interaction must get an answer.
            let notice = format::cooldown_notice(ctx.data().settings.cooldown_seconds);
            let reply = poise::CreateReply::default()
                .content(notice)
                .ephemeral(true)
                .allowed_mentions(send::no_pings());
            let _ = send::reply(ctx, reply).await;
        }
        poise::FrameworkError::CommandCheckFailed { ctx, .. } => {
            let reply = send::reply_embed(&format::moderators_only(), true);
            let _ = send::reply(ctx, reply).await;
        }
        other => {
            if let Err(e) = poise::builtins::on_error(other).await {
                tracing::warn!(error = %e, "error while handling an error");
            }
        }
    }
}

/// The most of a message's text that is checked: `/verify` takes 1000.
const MESSAGE_TEXT: usize = 1000;

/// The message to check when a member mentions the bot in a reply to it
/// ("@claimbot is this true?"): only with the mention written out (a
/// reply to the bot mentions it too), only a member's message with text,
/// and only when the member's own words are no question the bot answers.
fn checked_message(
    msg: &serenity::Message,
    me: u64,
    own_words_answered: bool,
) -> Option<&serenity::Message> {
    let written = [format!("<@{me}>"), format!("<@!{me}>")]
        .iter()
        .any(|m| msg.content.contains(m.as_str()));
    let target = msg.referenced_message.as_deref()?;
    let usable = target.author.id.get() != me && !target.content.trim().is_empty();
    (written && usable && !own_words_answered).then_some(target)
}

/// Questions in channels: on mention, or unmentioned in the configured
/// channels (and their threads and forum posts) when confident; a mention
/// in a reply checks the message replied to. Also the buttons under replies
/// ("Did you mean…", "Helpful", "Wrong") and lists (pages, the review
/// queue), which poise leaves to the event handler.
async fn on_event(
    framework: poise::FrameworkContext<'_, Data, Error>,
    event: &serenity::FullEvent,
) -> Result<(), Error> {
    let (ctx, data) = (framework.serenity_context, framework.user_data);
    if let serenity::FullEvent::InteractionCreate {
        interaction: serenity::Interaction::Component(press),
    } = event
    {
        return commands::pressed(ctx, data, press).await;
    }
    let serenity::FullEvent::Message { new_message: msg } = event else {
        return Ok(());
    };
    let me = ctx.cache.current_user().id;
    if msg.author.bot || msg.webhook_id.is_some() || msg.author.id == me {
        return Ok(());
    }
    let mentioned = msg.mentions.iter().any(|u| u.id == me);
    let question = format::strip_mentions(&msg.content, me.get());
    // The question first: chatter in a thread costs no lookup.
    let heard =
        mentioned || (format::looks_like_question(&question) && data.watches(ctx, msg).await);
    if !heard {
        return Ok(());
    }
    let engine = data.store.engine();
    let started = Instant::now();
    let mut answer = engine.ask(&question);
    crate::metrics::asked(
        if mentioned { "mention" } else { "channel" },
        &answer,
        started.elapsed(),
    );
    commands::link_source(&engine, answer.claim.as_deref(), &mut answer.source);
    if let Some(target) = checked_message(msg, me.get(), answer.answered) {
        let content = match data.gate(msg.author.id.get()) {
            Gate::Silent => return Ok(()),
            Gate::Notice => format::cooldown_notice(data.settings.cooldown_seconds),
            Gate::Answer => {
                let statement = format::cut(target.content.trim(), MESSAGE_TEXT);
                let started = Instant::now();
                let mut v = engine.verify(&statement);
                crate::metrics::verified(&v, started.elapsed());
                commands::link_source(&engine, v.claim.as_deref(), &mut v.source);
                tracing::debug!(statement = %statement, "reply check");
                tracing::info!(
                    verdict = v.verdict.as_str(),
                    confidence = v.confidence,
                    "reply check"
                );
                format::verification_message(&v)
            }
        };
        drop(engine);
        let message = serenity::CreateMessage::new()
            .content(content)
            .reference_message(msg)
            .allowed_mentions(send::no_pings());
        send::with_retry(|| msg.channel_id.send_message(&ctx.http, message.clone())).await?;
        return Ok(());
    }
    if !mentioned && (!answer.answered || answer.confidence < data.settings.auto_answer_confidence)
    {
        // Unmentioned and unsure: stay silent.
        return Ok(());
    }
    let content = match data.gate(msg.author.id.get()) {
        Gate::Silent => return Ok(()),
        Gate::Notice => format::cooldown_notice(data.settings.cooldown_seconds),
        Gate::Answer => {
            if !answer.answered {
                data.remember_unanswered(&question);
            }
            tracing::debug!(question = %question, "channel question");
            tracing::info!(
                answered = answer.answered,
                confidence = answer.confidence,
                "channel question"
            );
            format::answer_message(&answer)
        }
    };
    let message = serenity::CreateMessage::new()
        .content(content)
        .reference_message(msg)
        .allowed_mentions(send::no_pings());
    send::with_retry(|| msg.channel_id.send_message(&ctx.http, message.clone())).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data(cooldown_seconds: u64) -> (tempfile::TempDir, Data) {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join("a.txt"), "Each side released 390 people.").expect("write");
        let store =
            Arc::new(Store::open(dir.path().to_path_buf(), Default::default()).expect("opens"));
        let mut settings = Settings::load_from(None, std::path::Path::new("/nonexistent"), &[])
            .expect("defaults")
            .discord;
        settings.cooldown_seconds = cooldown_seconds;
        settings.unanswered_log = dir.path().join("unanswered.jsonl");
        (dir, Data::new(store, settings))
    }

    #[test]
    fn a_spammer_gets_one_notice_then_silence() {
        let (_dir, data) = data(60);
        assert_eq!(data.gate(1), Gate::Answer);
        assert_eq!(data.gate(1), Gate::Notice);
        assert_eq!(data.gate(1), Gate::Silent);
        assert_eq!(data.gate(2), Gate::Answer, "other members are not held up");
    }

    #[test]
    fn no_cooldown_answers_every_question() {
        let (_dir, data) = data(0);
        assert!((0..5).all(|_| data.gate(1) == Gate::Answer));
    }

    #[test]
    fn the_token_is_redacted() {
        assert_eq!(
            redact("bad token MTAw.abc.def here", "MTAw.abc.def"),
            "bad token <token> here"
        );
    }
}
