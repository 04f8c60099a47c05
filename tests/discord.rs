//! The real bot against a fake Discord on 127.0.0.1: what it sends back is
//! what members and moderators would see.

mod support;

use std::path::Path;
use std::time::Duration;

use claimbot::config::Settings;
use claimbot::discord::Hooks;
use poise::serenity_prelude as serenity;
use serde_json::{json, Value};
use support::bot::{self, add_talks_city, knowledge_dir, Bot, CLAIMS, MANAGE_GUILD};
use support::fake_discord::{
    button_press, in_channel, interaction, member, message, message_menu, thread, with_attachments,
    Call, FakeDiscord, APP_ID, BOT_ID, CATEGORY_ID, CHANNEL_ID, FORUM_ID, GUILD_ID,
    OTHER_CHANNEL_ID, TOKEN,
};

async fn start(fake: &FakeDiscord, kb: &Path, extra: &[(&str, &str)]) -> Bot {
    bot::start(fake, kb, extra, Hooks::default())
}

async fn start_with(fake: &FakeDiscord, kb: &Path, extra: &[(&str, &str)], hooks: Hooks) -> Bot {
    bot::start(fake, kb, extra, hooks)
}

/// Waits until the bot has registered its commands: it is ready.
async fn ready(fake: &FakeDiscord) -> Call {
    fake.wait_for("command registration", |c| {
        c.method == "PUT" && c.path.ends_with(&format!("/guilds/{GUILD_ID}/commands"))
    })
    .await
}

fn callback_for(id: u64) -> impl Fn(&Call) -> bool {
    move |c: &Call| {
        c.method == "POST"
            && c.path.contains(&format!("/interactions/{id}/"))
            && c.path.ends_with("/callback")
    }
}

fn embed_text(call: &Call) -> String {
    call.body["data"]["embeds"].to_string()
}

/// What the member sees in answer to interaction `id`.
struct Shown {
    /// The message: the first response's, or after a deferral the follow-up's.
    message: Value,
    ephemeral: bool,
    deferred: bool,
}

impl Shown {
    fn text(&self) -> String {
        self.message["embeds"].to_string()
    }
}

fn ephemeral(message: &Value) -> bool {
    message["flags"].as_u64().is_some_and(|f| f & 64 != 0)
}

/// Accepted follow-ups and edits of interaction `id`'s response.
fn follow_up_of(id: u64) -> impl Fn(&Call) -> bool {
    move |c: &Call| {
        (c.method == "POST" || c.method == "PATCH")
            && c.path.contains(&format!("/webhooks/{APP_ID}/itoken-{id}"))
    }
}

/// Waits for the answer to interaction `id`, directly or after a deferral.
async fn shown(fake: &FakeDiscord, id: u64) -> Shown {
    let first = fake.wait_for("the first response", callback_for(id)).await;
    if first.body["type"] == 5 {
        let follow_up = fake.wait_for("the follow-up", follow_up_of(id)).await;
        Shown {
            message: follow_up.body,
            ephemeral: ephemeral(&first.body["data"]),
            deferred: true,
        }
    } else {
        Shown {
            ephemeral: ephemeral(&first.body["data"]),
            message: first.body["data"].clone(),
            deferred: false,
        }
    }
}

fn pings_no_one(body: &Value) {
    let m = &body["allowed_mentions"];
    assert_eq!(m["parse"], json!([]), "no mention types parsed: {body}");
    assert_eq!(m["users"], json!([]), "{body}");
    assert_eq!(m["roles"], json!([]), "{body}");
}

/// Discord accepted every call the bot made (a refused call is recorded
/// with its status: "POST (400)").
fn assert_nothing_refused(fake: &FakeDiscord) {
    let refused: Vec<Call> = fake
        .calls()
        .into_iter()
        .filter(|c| c.method.contains('('))
        .collect();
    assert!(refused.is_empty(), "Discord refused nothing: {refused:#?}");
}

fn ask(id: u64, question: &str) -> Value {
    interaction(
        id,
        2,
        "ask",
        json!([{ "name": "question", "type": 3, "value": question }]),
        member(7, "member", 0, &[]),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn registers_commands_and_answers_mentions_with_a_quoting_reply() {
    let fake = FakeDiscord::start().await;
    let kb = knowledge_dir();
    let bot = start(&fake, kb.path(), &[]).await;
    let registration = ready(&fake).await;
    let names: Vec<&str> = registration
        .body
        .as_array()
        .expect("commands")
        .iter()
        .filter_map(|c| c["name"].as_str())
        .collect();
    for name in ["ask", "verify", "claim", "sources", "kb"] {
        assert!(names.contains(&name), "{name} registered: {names:?}");
    }

    // A bot's message is ignored, even when it mentions us.
    fake.dispatch(
        "MESSAGE_CREATE",
        message(
            10,
            99,
            &format!("<@{BOT_ID}> how many civilians were freed?"),
            true,
            true,
        ),
    );
    // A member's mention, with @everyone in it, is answered as a reply that pings no one.
    fake.dispatch(
        "MESSAGE_CREATE",
        message(
            11,
            7,
            &format!("<@{BOT_ID}> @everyone how many civilians were freed?"),
            true,
            false,
        ),
    );
    let reply = fake
        .wait_for("the reply", |c| {
            c.method == "POST"
                && c.path
                    .ends_with(&format!("/channels/{CHANNEL_ID}/messages"))
        })
        .await;
    assert_eq!(
        reply.body["message_reference"]["message_id"], "11",
        "a reply to the question"
    );
    let content = reply.body["content"].as_str().unwrap_or("");
    assert!(
        content.contains("> 120 civilians per side"),
        "the quote as a block quote: {content}"
    );
    assert!(
        content.contains("Prisoner exchange"),
        "the source: {content}"
    );
    pings_no_one(&reply.body);
    assert_eq!(reply.body["allowed_mentions"]["replied_user"], false);

    // Something the source does not cover is said plainly.
    fake.dispatch(
        "MESSAGE_CREATE",
        message(
            12,
            8,
            &format!("<@{BOT_ID}> who won the world cup?"),
            true,
            false,
        ),
    );
    let plain = fake
        .wait_for("the honest reply", |c| {
            c.body["message_reference"]["message_id"] == "12"
        })
        .await;
    assert!(plain.body["content"]
        .as_str()
        .unwrap_or("")
        .contains("does not cover"));
    tokio::time::sleep(Duration::from_millis(300)).await;
    let replies: Vec<Call> = fake
        .calls()
        .into_iter()
        .filter(|c| c.path.ends_with("/messages"))
        .collect();
    assert_eq!(
        replies.len(),
        2,
        "the bot's message got no reply: {replies:#?}"
    );
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slash_commands_answer_verify_and_autocomplete() {
    let fake = FakeDiscord::start().await;
    let kb = knowledge_dir();
    let bot = start(&fake, kb.path(), &[]).await;
    ready(&fake).await;

    fake.dispatch(
        "INTERACTION_CREATE",
        ask(20, "Where did the swap take place?"),
    );
    let answer = fake.wait_for("/ask answered", callback_for(20)).await;
    assert_eq!(answer.body["type"], 4);
    assert!(
        embed_text(&answer).contains("border with Belarus"),
        "{}",
        answer.body
    );
    pings_no_one(&answer.body["data"]);

    let verify = interaction(
        21,
        2,
        "verify",
        json!([{ "name": "statement", "type": 3, "value": "Each side released 500 people." }, { "name": "private", "type": 5, "value": true }]),
        member(7, "member", 0, &[]),
    );
    fake.dispatch("INTERACTION_CREATE", verify);
    let verdict = fake.wait_for("/verify answered", callback_for(21)).await;
    let embed = &verdict.body["data"]["embeds"][0];
    assert!(
        embed["title"]
            .as_str()
            .unwrap_or("")
            .starts_with("Contradicted"),
        "{embed}"
    );
    assert!(
        embed["description"].as_str().unwrap_or("").contains("390"),
        "{embed}"
    );
    assert_eq!(embed["color"], 0xD2_3B_3B, "contradicted is red");
    assert_eq!(verdict.body["data"]["flags"], 64, "private means ephemeral");

    let typing = interaction(
        22,
        4,
        "claim",
        json!([{ "name": "claim", "type": 3, "value": "civilans", "focused": true }]),
        member(7, "member", 0, &[]),
    );
    fake.dispatch("INTERACTION_CREATE", typing);
    let choices = fake
        .wait_for("autocomplete choices", callback_for(22))
        .await;
    assert_eq!(choices.body["type"], 8);
    let list = choices.body["data"]["choices"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert!(!list.is_empty() && list.len() <= 25, "{list:?}");
    assert!(list
        .iter()
        .all(|c| c["name"].as_str().is_some_and(|n| n.chars().count() <= 100)));
    assert_eq!(
        list[0]["value"], "civilians-per-side",
        "typo-tolerant, best first: {list:?}"
    );
    bot.stop().await;
}

/// `/kb add` of the claim `talks-city`.
fn add(id: u64, permissions: u64) -> Value {
    interaction(
        id,
        2,
        "kb",
        add_talks_city(),
        member(7, "member", permissions, &[]),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_moderators_edit_and_edits_outlive_a_restart() {
    let fake = FakeDiscord::start().await;
    let kb = knowledge_dir();
    let bot = start(&fake, kb.path(), &[]).await;
    ready(&fake).await;

    let refused_and_unchanged = |id: u64, interaction: Value, why: &'static str| {
        let (fake, kb) = (&fake, &kb);
        async move {
            // Unchecked: Discord offers no /kb in a stranger's server, but a
            // stale global registration or a forged client would.
            fake.dispatch_unchecked("INTERACTION_CREATE", interaction);
            let refused = shown(fake, id).await;
            assert!(
                refused.text().contains("Moderators only"),
                "{}",
                refused.message
            );
            assert!(refused.ephemeral, "a refusal is private");
            assert_eq!(
                std::fs::read_to_string(kb.path().join("swap.toml")).expect("read"),
                CLAIMS,
                "{why}"
            );
        }
    };
    refused_and_unchanged(30, add(30, 0), "nothing changed").await;
    // An admin of another server the bot was invited to: refused, whatever
    // their permissions there.
    let mut stranger = add(38, MANAGE_GUILD);
    stranger["guild_id"] = json!("999");
    refused_and_unchanged(38, stranger, "a stranger's server changes nothing").await;

    fake.dispatch("INTERACTION_CREATE", add(31, MANAGE_GUILD));
    let done = shown(&fake, 31).await;
    assert!(done.text().contains("Added claim"), "{}", done.message);
    fake.dispatch(
        "INTERACTION_CREATE",
        ask(32, "Which city hosted the negotiations?"),
    );
    let answer = fake
        .wait_for("the answer from the new claim", callback_for(32))
        .await;
    assert!(
        embed_text(&answer).contains("In Istanbul, a week before the swap."),
        "answered at once by the new claim: {}",
        answer.body
    );
    bot.stop().await;

    let fake = FakeDiscord::start().await;
    let bot = start(&fake, kb.path(), &[]).await;
    ready(&fake).await;
    fake.dispatch(
        "INTERACTION_CREATE",
        interaction(
            33,
            2,
            "claim",
            json!([{ "name": "claim", "type": 3, "value": "talks-city" }]),
            member(7, "member", 0, &[]),
        ),
    );
    let claim = shown(&fake, 33).await;
    assert!(
        claim
            .text()
            .contains("In Istanbul, a week before the swap."),
        "{}",
        claim.message
    );
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn survives_a_gateway_reconnect_and_honours_rate_limits() {
    let fake = FakeDiscord::start().await;
    let kb = knowledge_dir();
    let bot = start(&fake, kb.path(), &[]).await;
    ready(&fake).await;

    fake.reconnect();
    tokio::time::sleep(Duration::from_millis(1500)).await;
    fake.dispatch(
        "INTERACTION_CREATE",
        ask(40, "How many civilians were freed?"),
    );
    let answer = fake
        .wait_for("/ask after the reconnect", callback_for(40))
        .await;
    assert!(fake.identifies() >= 1);
    assert!(
        fake.connections() >= 2,
        "the bot connected again after op 7"
    );
    assert!(
        embed_text(&answer).contains("120 civilians"),
        "{}",
        answer.body
    );

    fake.rate_limit_next(1);
    fake.dispatch(
        "MESSAGE_CREATE",
        message(
            41,
            7,
            &format!("<@{BOT_ID}> where were the talks held?"),
            true,
            false,
        ),
    );
    let delivered = fake
        .wait_for("the reply sent again after the 429", |c| {
            c.method == "POST" && c.body["message_reference"]["message_id"] == "41"
        })
        .await;
    assert!(delivered.body["content"]
        .as_str()
        .unwrap_or("")
        .contains("Istanbul"));
    assert!(
        fake.calls().iter().any(|c| c.method == "POST (429)"),
        "the first try was rate limited"
    );
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_missing_token_is_reported_not_panicked() {
    let kb = knowledge_dir();
    let env = vec![(
        "CLAIMBOT_KNOWLEDGE__DIR".to_string(),
        kb.path().to_string_lossy().to_string(),
    )];
    let settings =
        Settings::load_from(None, Path::new("/nonexistent/local.toml"), &env).expect("settings");
    let err = claimbot::discord::run_with(settings, async {})
        .await
        .expect_err("no token");
    assert!(err.is_usage());
    assert!(err.to_string().contains("DISCORD_TOKEN"), "{err}");
}

fn names(call: &Call) -> Vec<String> {
    call.body
        .as_array()
        .map(|commands| {
            commands
                .iter()
                .filter_map(|c| c["name"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kb_is_registered_in_the_home_servers_only() {
    let fake = FakeDiscord::start().await;
    let kb = knowledge_dir();
    let home = GUILD_ID.to_string();
    let bot = start(
        &fake,
        kb.path(),
        &[
            ("CLAIMBOT_DISCORD__GUILD_ID", "0"),
            ("CLAIMBOT_DISCORD__MODERATOR_GUILDS", home.as_str()),
        ],
    )
    .await;
    let global = fake
        .wait_for("global registration", |c| {
            c.method == "PUT"
                && c.path
                    .ends_with(&format!("/applications/{APP_ID}/commands"))
        })
        .await;
    let at_home = ready(&fake).await;
    let (global, at_home) = (names(&global), names(&at_home));
    for name in ["ask", "verify", "claim", "sources"] {
        assert!(global.contains(&name.to_string()), "{name}: {global:?}");
    }
    assert!(
        !global.contains(&"kb".to_string()),
        "no global /kb, and a stale one is replaced: {global:?}"
    );
    assert_eq!(at_home, ["kb"], "the home server gets /kb");
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_log_line_holds_the_token_even_at_trace() {
    let fake = FakeDiscord::start().await;
    let kb = knowledge_dir();
    let child = tokio::process::Command::new(env!("CARGO_BIN_EXE_claimbot"))
        .arg("run")
        .env("DISCORD_TOKEN", TOKEN)
        .env("CLAIMBOT_DISCORD__API_URL", fake.api_url())
        .env("CLAIMBOT_DISCORD__GUILD_ID", GUILD_ID.to_string())
        .env("CLAIMBOT_DISCORD__COOLDOWN_SECONDS", "0")
        .env("CLAIMBOT_KNOWLEDGE__DIR", kb.path())
        .env(
            "CLAIMBOT_DISCORD__UNANSWERED_LOG",
            kb.path().join("unanswered.jsonl"),
        )
        .env("CLAIMBOT_LOG__LEVEL", "trace")
        .env_remove("RUST_LOG")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("the bot starts");
    let mut child = child;
    // Read the logs as they come: trace output soon fills a pipe.
    let mut stderr = child.stderr.take().expect("stderr");
    let reader = tokio::spawn(async move {
        use tokio::io::AsyncReadExt;
        let mut logs = Vec::new();
        let _ = stderr.read_to_end(&mut logs).await;
        logs
    });
    ready(&fake).await;
    fake.dispatch(
        "INTERACTION_CREATE",
        ask(50, "How many civilians were freed?"),
    );
    fake.wait_for("the answer", callback_for(50)).await;
    let _ = child.start_kill();
    let _ = child.wait().await;
    let logs = reader.await.expect("logs read");
    let logs = String::from_utf8_lossy(&logs);
    assert!(logs.lines().count() > 20, "trace logs were written: {logs}");
    let secret = TOKEN.rsplit('.').next().unwrap_or(TOKEN);
    assert!(
        !logs.contains(TOKEN) && !logs.contains(secret),
        "the token reached a log line"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn member_text_shown_to_moderators_cannot_disguise_a_link() {
    let fake = FakeDiscord::start().await;
    let kb = knowledge_dir();
    let bot = start(&fake, kb.path(), &[]).await;
    ready(&fake).await;
    let bait = "[Verify your account](https://evil.example/login) please";
    fake.dispatch("INTERACTION_CREATE", ask(60, bait));
    fake.wait_for("the member's answer", callback_for(60)).await;
    let list = interaction(
        61,
        2,
        "kb",
        json!([{ "name": "unanswered", "type": 1, "options": [] }]),
        member(7, "moderator", MANAGE_GUILD, &[]),
    );
    fake.dispatch("INTERACTION_CREATE", list);
    let text = shown(&fake, 61).await.text();
    assert!(text.contains("Verify your account"), "{text}");
    assert!(
        !text.contains("](https://"),
        "no clickable disguised link: {text}"
    );
    bot.stop().await;
}

/// Discord's status and error code for a REST call the fake refused.
fn refusal(result: Result<impl std::fmt::Debug, serenity::Error>) -> (u16, isize) {
    match result {
        Err(serenity::Error::Http(serenity::HttpError::UnsuccessfulRequest(r))) => {
            (r.status_code.as_u16(), r.error.code)
        }
        other => panic!("expected Discord to refuse, got {other:?}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_fake_refuses_late_repeated_and_oversized_responses_as_discord_does() {
    use serenity::InteractionId;
    let fake = FakeDiscord::start().await;
    let http = serenity::HttpBuilder::new(TOKEN)
        .proxy(fake.api_url())
        .ratelimiter_disabled(true)
        .application_id(serenity::ApplicationId::new(APP_ID))
        .build();
    let defer = json!({ "type": 5, "data": { "flags": 64 } });
    let followup = |text: &str| json!({ "content": text, "allowed_mentions": { "parse": [] } });

    // Discord's 3 s, shortened here so that the test need not wait.
    fake.first_response_within(Duration::from_millis(200));
    fake.dispatch_unchecked("INTERACTION_CREATE", ask(90, "late"));
    tokio::time::sleep(Duration::from_millis(400)).await;
    let late = http
        .create_interaction_response(InteractionId::new(90), "itoken-90", &defer, vec![])
        .await;
    assert_eq!(refusal(late), (404, 10062), "Unknown interaction");
    let orphan = http
        .create_followup_message("itoken-90", &followup("hello"), vec![])
        .await;
    assert_eq!(
        refusal(orphan),
        (404, 10015),
        "no webhook without a first response"
    );

    fake.dispatch_unchecked("INTERACTION_CREATE", ask(91, "in time"));
    let early = http
        .create_followup_message("itoken-91", &followup("too early"), vec![])
        .await;
    assert_eq!(
        refusal(early),
        (404, 10015),
        "a follow-up needs a first response"
    );
    http.create_interaction_response(InteractionId::new(91), "itoken-91", &defer, vec![])
        .await
        .expect("a first response in time is accepted");
    let again = http
        .create_interaction_response(InteractionId::new(91), "itoken-91", &defer, vec![])
        .await;
    assert_eq!(refusal(again), (400, 40060), "already acknowledged");
    // The webhook outlives the first-response limit.
    tokio::time::sleep(Duration::from_millis(400)).await;
    http.create_followup_message("itoken-91", &followup("done"), vec![])
        .await
        .expect("a follow-up after a deferral is accepted");
    let huge = json!({ "embeds": [{ "title": "t", "description": "d".repeat(4000),
        "fields": [{ "name": "a", "value": "v".repeat(1000) }, { "name": "b", "value": "v".repeat(1000) }] }] });
    let oversized = http
        .edit_original_interaction_response("itoken-91", &huge, vec![])
        .await;
    assert_eq!(refusal(oversized), (400, 50035), "6,000 characters at most");
    let long_field = json!({ "embeds": [{ "title": "t", "fields": [{ "name": "a", "value": "v".repeat(1025) }] }] });
    let refused = http
        .create_followup_message("itoken-91", &long_field, vec![])
        .await;
    assert_eq!(refusal(refused), (400, 50035), "1,024 per field value");

    // Only a button press is on a message that its response may update.
    fake.dispatch_unchecked("INTERACTION_CREATE", ask(92, "not on a message"));
    let update = json!({ "type": 7, "data": { "content": "page 2" } });
    let refused = http
        .create_interaction_response(InteractionId::new(92), "itoken-92", &update, vec![])
        .await;
    assert_eq!(refusal(refused), (400, 50035), "no message to update");
    let twice = json!({ "type": 4, "data": { "content": "x", "components": [{ "type": 1, "components": [
        { "type": 2, "style": 2, "label": "a", "custom_id": "same" },
        { "type": 2, "style": 2, "label": "b", "custom_id": "same" } ] }] } });
    let refused = http
        .create_interaction_response(InteractionId::new(92), "itoken-92", &twice, vec![])
        .await;
    assert_eq!(refusal(refused), (400, 50035), "one custom id, one button");
}

/// `/kb <name>` with no options, from a moderator.
fn kb_list(id: u64, name: &str) -> Value {
    let options = json!([{ "name": name, "type": 1, "options": [] }]);
    interaction(
        id,
        2,
        "kb",
        options,
        member(9, "moderator", MANAGE_GUILD, &[]),
    )
}

/// Discord's 3 s for the first response, shortened so that the tests are
/// quick, and slow work that outlasts it (a 100k-claim rebuild, in effect).
fn slower_than_the_first_response_limit(fake: &FakeDiscord) -> Hooks {
    fake.first_response_within(Duration::from_millis(1000));
    Hooks {
        slow_work: Duration::from_millis(2000),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slow_edit_is_answered_by_a_follow_up_and_applied_once() {
    let fake = FakeDiscord::start().await;
    let kb = knowledge_dir();
    let hooks = slower_than_the_first_response_limit(&fake);
    let bot = start_with(&fake, kb.path(), &[], hooks).await;
    ready(&fake).await;

    fake.dispatch("INTERACTION_CREATE", add(70, MANAGE_GUILD));
    let done = shown(&fake, 70).await;
    assert!(done.deferred, "deferred before the slow edit");
    assert!(done.ephemeral, "privately, as the reply is");
    assert!(done.text().contains("Added claim"), "{}", done.message);
    pings_no_one(&done.message);

    let claims = std::fs::read_to_string(kb.path().join("swap.toml")).expect("claims");
    assert_eq!(claims.matches("\"talks-city\"").count(), 1, "{claims}");
    let audit = std::fs::read_to_string(kb.path().join("audit.jsonl")).expect("audit log");
    assert_eq!(audit.lines().count(), 1, "one edit: {audit}");
    tokio::time::sleep(Duration::from_millis(300)).await;
    let replies = fake.calls().into_iter().filter(follow_up_of(70)).count();
    assert_eq!(replies, 1, "one answer");
    assert_nothing_refused(&fake);
    bot.stop().await;
}

/// One runtime thread, as on a small host: slow work on it would hold up
/// every member until it ends.
#[tokio::test(flavor = "multi_thread", worker_threads = 1)]
async fn a_slow_moderator_command_does_not_hold_up_a_members_question() {
    let fake = FakeDiscord::start().await;
    let kb = knowledge_dir();
    let hooks = slower_than_the_first_response_limit(&fake);
    let bot = start_with(&fake, kb.path(), &[], hooks).await;
    ready(&fake).await;

    fake.dispatch("INTERACTION_CREATE", kb_list(80, "unanswered"));
    // Without tokio's timer, which a blocked runtime would stop too: the
    // member asks once the moderator's slow work is surely under way.
    fake.wait_for_blocking("the moderator's deferral", callback_for(80));
    std::thread::sleep(Duration::from_millis(200));
    fake.dispatch(
        "INTERACTION_CREATE",
        ask(81, "How many civilians were freed?"),
    );
    let answer = shown(&fake, 81).await;
    assert!(
        answer.text().contains("120 civilians"),
        "{}",
        answer.message
    );
    let list = shown(&fake, 80).await;
    assert!(list.text().contains("Review queue"), "{}", list.message);
    let calls = fake.calls();
    let at = |pred: &dyn Fn(&Call) -> bool| calls.iter().position(pred);
    assert!(
        at(&callback_for(81)) < at(&follow_up_of(80)),
        "the member was answered while the moderator's list was read"
    );
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_registration_stops_the_bot_with_the_reason() {
    let fake = FakeDiscord::start().await;
    fake.refuse_registration();
    let kb = knowledge_dir();
    let child = tokio::process::Command::new(env!("CARGO_BIN_EXE_claimbot"))
        .arg("run")
        .env("DISCORD_TOKEN", TOKEN)
        .env("CLAIMBOT_DISCORD__API_URL", fake.api_url())
        .env("CLAIMBOT_DISCORD__GUILD_ID", GUILD_ID.to_string())
        .env("CLAIMBOT_KNOWLEDGE__DIR", kb.path())
        .env(
            "CLAIMBOT_DISCORD__UNANSWERED_LOG",
            kb.path().join("unanswered.jsonl"),
        )
        .env_remove("RUST_LOG")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("the bot starts");
    let output = tokio::time::timeout(Duration::from_secs(15), child.wait_with_output())
        .await
        .expect("the bot stops instead of staying online without commands")
        .expect("exit status");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "a failure: {stderr}");
    assert!(stderr.contains("Missing Access"), "{stderr}");
    assert!(
        stderr.contains("applications.commands"),
        "what to do: {stderr}"
    );
    assert!(fake.identifies() >= 1, "it had connected");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unknown_home_server_stops_the_bot_with_the_reason() {
    let fake = FakeDiscord::start().await;
    let kb = knowledge_dir();
    let mut bot = start(&fake, kb.path(), &[("CLAIMBOT_DISCORD__GUILD_ID", "999")]).await;
    // run returns instead of staying online without commands.
    let err = bot.outcome().await.expect_err("an error");
    let reason = err.to_string();
    assert!(reason.contains("Unknown Guild"), "{reason}");
    assert!(
        reason.contains("999") && reason.contains("discord.guild_id"),
        "{reason}"
    );
    assert!(err.is_usage(), "an id to fix: exit status 2");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slash_commands_share_a_members_cooldown_and_others_are_not_held_up() {
    let fake = FakeDiscord::start().await;
    let kb = knowledge_dir();
    let bot = start(
        &fake,
        kb.path(),
        &[("CLAIMBOT_DISCORD__COOLDOWN_SECONDS", "60")],
    )
    .await;
    ready(&fake).await;
    let from = |id: u64, user: u64, command: &str, option: &str, text: &str| {
        let options = json!([{ "name": option, "type": 3, "value": text }]);
        interaction(id, 2, command, options, member(user, "member", 0, &[]))
    };

    fake.dispatch(
        "INTERACTION_CREATE",
        ask(100, "How many civilians were freed?"),
    );
    let first = shown(&fake, 100).await;
    assert!(first.text().contains("120 civilians"), "{}", first.message);

    fake.dispatch(
        "INTERACTION_CREATE",
        ask(101, "Where did the swap take place?"),
    );
    let again = shown(&fake, 101).await;
    let notice = again.message["content"].as_str().unwrap_or("");
    assert!(notice.contains("Please wait 60 s"), "{}", again.message);
    assert!(again.ephemeral, "only the member sees the notice");
    pings_no_one(&again.message);
    // Another command is no way round it, and is still answered.
    let statement = "Each side released 390 people.";
    fake.dispatch(
        "INTERACTION_CREATE",
        from(102, 7, "verify", "statement", statement),
    );
    let verify = shown(&fake, 102).await;
    assert!(verify.message["content"]
        .as_str()
        .unwrap_or("")
        .contains("Please wait"));

    // Another member is not held up.
    let question = "Where did the swap take place?";
    fake.dispatch(
        "INTERACTION_CREATE",
        from(103, 8, "ask", "question", question),
    );
    let other = shown(&fake, 103).await;
    assert!(
        other.text().contains("border with Belarus"),
        "{}",
        other.message
    );
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_long_claim_is_shown_in_one_valid_embed_that_keeps_its_source() {
    let fake = FakeDiscord::start().await;
    let kb = knowledge_dir();
    let quote = (0..160)
        .map(|i| format!("delegation {i} met"))
        .collect::<Vec<_>>()
        .join(", ");
    assert!(quote.chars().count() > 2900);
    let article = format!("The talks ran for days. {quote}. Nothing was agreed.");
    std::fs::write(kb.path().join("talks.txt"), article).expect("write");
    let answer = "The delegations met one after another, ".repeat(100);
    let questions: Vec<String> = (0..30)
        .map(|i| format!("Which delegation, number {i}, met the others during the long round of talks, and in what order?"))
        .collect();
    let s = |text: &str| serde_json::to_string(text).expect("a string");
    let claims = format!(
        "[source]\ntitle = \"Talks\"\nurl = \"https://example.org/talks\"\n\n[[claims]]\nid = \"long-claim\"\nanswer = {}\nquote = {}\nquestions = {}\n",
        s(&answer),
        s(&quote),
        serde_json::to_string(&questions).expect("a list"),
    );
    std::fs::write(kb.path().join("talks.toml"), claims).expect("write");
    let bot = start(&fake, kb.path(), &[]).await;
    ready(&fake).await;

    let options = json!([{ "name": "claim", "type": 3, "value": "long-claim" }]);
    let show = interaction(110, 2, "claim", options, member(7, "member", 0, &[]));
    fake.dispatch("INTERACTION_CREATE", show);
    let claim = shown(&fake, 110).await;
    let embed = &claim.message["embeds"][0];
    let field = |name: &str| {
        embed["fields"]
            .as_array()
            .and_then(|f| f.iter().find(|f| f["name"] == name))
            .and_then(|f| f["value"].as_str())
            .unwrap_or("")
            .to_string()
    };
    assert!(
        field("Source").starts_with("[Talks](<https://example.org"),
        "{embed}"
    );
    assert!(field("Quote").starts_with("> delegation 0 met"), "{embed}");
    assert!(
        field("Quote").ends_with('…'),
        "the quote is shortened: {embed}"
    );
    assert!(field("Asked as").contains("more"), "{embed}");
    assert_nothing_refused(&fake);
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn help_lists_the_commands_and_questions_from_the_knowledge_base() {
    let fake = FakeDiscord::start().await;
    let kb = knowledge_dir();
    // A second curated claim, written for this test only: its first
    // phrasing can come from nowhere but the knowledge base.
    let more = format!(
        "{CLAIMS}\n[[claims]]\nid = \"where\"\nanswer = \"On the border with Belarus.\"\nquote = \"on the Ukrainian border with Belarus\"\nquestions = [\"Where did the prisoners cross over?\", \"Where was it?\"]\n"
    );
    std::fs::write(kb.path().join("swap.toml"), more).expect("write");
    let bot = start(&fake, kb.path(), &[]).await;
    let registration = ready(&fake).await;
    assert!(names(&registration).contains(&"help".to_string()));

    fake.dispatch(
        "INTERACTION_CREATE",
        interaction(60, 2, "help", json!([]), member(7, "member", 0, &[])),
    );
    let help = shown(&fake, 60).await;
    assert!(help.ephemeral, "only the member who asked sees it");
    let text = help.text();
    for command in [
        "/ask",
        "/verify",
        "/claim",
        "/sources",
        "Verify this message",
    ] {
        assert!(text.contains(command), "{command} listed: {text}");
    }
    assert!(
        !text.contains("/kb"),
        "moderators' commands are not listed: {text}"
    );
    assert!(
        text.contains("How many civilians were freed?")
            && text.contains("Where did the prisoners cross over?"),
        "example questions from the knowledge base: {text}"
    );
    assert!(
        !text.contains("Where was it?"),
        "one phrasing per claim: {text}"
    );
    assert!(
        text.contains("is this true?"),
        "replies are explained: {text}"
    );
    pings_no_one(&help.message);
    bot.stop().await;
}

/// A message in the channel, as Discord resolves it for a context menu.
fn target(id: u64, content: &str) -> Value {
    message(id, 8, content, false, false)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn message_context_menus_verify_or_ask_the_messages_text() {
    let fake = FakeDiscord::start().await;
    let kb = knowledge_dir();
    let bot = start(&fake, kb.path(), &[]).await;
    let registration = ready(&fake).await;
    let commands = registration.body.as_array().cloned().unwrap_or_default();
    for name in ["Verify this message", "Ask about this message"] {
        assert!(
            commands.iter().any(|c| c["name"] == name && c["type"] == 3),
            "{name} registered as a message command: {commands:?}"
        );
    }

    let rumour = target(70, "Each side released 500 people.");
    fake.dispatch(
        "INTERACTION_CREATE",
        message_menu(
            71,
            "Verify this message",
            rumour,
            member(7, "member", 0, &[]),
        ),
    );
    let verdict = shown(&fake, 71).await;
    let embed = &verdict.message["embeds"][0];
    assert!(
        embed["title"]
            .as_str()
            .is_some_and(|t| t.starts_with("Contradicted")),
        "{embed}"
    );
    assert!(verdict.text().contains("390"), "{embed}");
    pings_no_one(&verdict.message);

    let question = target(72, "Where did the swap take place?");
    fake.dispatch(
        "INTERACTION_CREATE",
        message_menu(
            73,
            "Ask about this message",
            question,
            member(7, "member", 0, &[]),
        ),
    );
    let answer = shown(&fake, 73).await;
    assert!(
        answer.text().contains("border with Belarus"),
        "{}",
        answer.text()
    );
    pings_no_one(&answer.message);

    // A message with nothing but an attachment: said so, privately.
    let empty = target(74, "");
    fake.dispatch(
        "INTERACTION_CREATE",
        message_menu(
            75,
            "Verify this message",
            empty,
            member(7, "member", 0, &[]),
        ),
    );
    let nothing = shown(&fake, 75).await;
    assert!(nothing.ephemeral);
    assert!(nothing.text().contains("no text"), "{}", nothing.text());
    bot.stop().await;
}

/// A member's message mentioning the bot in reply to `original`.
fn reply_to(id: u64, content: &str, original: Value) -> Value {
    let mut m = message(id, 7, content, true, false);
    m["message_reference"] = json!({
        "message_id": original["id"], "channel_id": CHANNEL_ID.to_string(), "guild_id": GUILD_ID.to_string(),
    });
    m["referenced_message"] = original;
    m["type"] = json!(19);
    m
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_mention_in_a_reply_checks_the_message_replied_to() {
    let fake = FakeDiscord::start().await;
    let kb = knowledge_dir();
    let bot = start(&fake, kb.path(), &[]).await;
    ready(&fake).await;

    let rumour = target(80, "Each side released 500 people, I heard.");
    fake.dispatch(
        "MESSAGE_CREATE",
        reply_to(81, &format!("<@{BOT_ID}> is this true?"), rumour.clone()),
    );
    let verdict = fake
        .wait_for("the verdict", |c| {
            c.method == "POST" && c.body["message_reference"]["message_id"] == "81"
        })
        .await;
    let content = verdict.body["content"].as_str().unwrap_or("");
    assert!(content.starts_with("**Contradicted**"), "{content}");
    assert!(
        content.contains("> ") && content.contains("390"),
        "the quote: {content}"
    );
    assert!(
        content.contains("Prisoner exchange"),
        "the source: {content}"
    );
    pings_no_one(&verdict.body);

    // A question of the member's own, in a reply, is answered as asked.
    fake.dispatch(
        "MESSAGE_CREATE",
        reply_to(
            82,
            &format!("<@{BOT_ID}> how many civilians were freed?"),
            rumour,
        ),
    );
    let answer = fake
        .wait_for("the answer", |c| {
            c.method == "POST" && c.body["message_reference"]["message_id"] == "82"
        })
        .await;
    let content = answer.body["content"].as_str().unwrap_or("");
    assert!(content.contains("> 120 civilians per side"), "{content}");
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_source_links_to_the_article_and_the_footer_speaks_plainly() {
    let fake = FakeDiscord::start().await;
    let kb = knowledge_dir();
    let linked = CLAIMS.replace(
        "title = \"Prisoner exchange\"\n",
        "title = \"Prisoner exchange\"\nurl = \"https://example.org/swap\"\n",
    );
    std::fs::write(kb.path().join("swap.toml"), linked).expect("write");
    let bot = start(&fake, kb.path(), &[]).await;
    ready(&fake).await;
    let link = "[Prisoner exchange](<https://example.org/swap>)";

    fake.dispatch(
        "INTERACTION_CREATE",
        ask(90, "How many civilians were freed?"),
    );
    let answer = shown(&fake, 90).await;
    let embed = &answer.message["embeds"][0];
    let source = embed["fields"]
        .as_array()
        .and_then(|f| f.iter().find(|f| f["name"] == "Source"))
        .map(|f| f["value"].clone());
    assert_eq!(source, Some(json!(link)), "{embed}");
    let footer = embed["footer"]["text"].as_str().unwrap_or("");
    assert!(
        footer.starts_with("confidence ") && footer.ends_with('%'),
        "{footer}"
    );
    assert!(
        !footer.contains("civilians-per-side"),
        "no claim id: {footer}"
    );

    fake.dispatch(
        "MESSAGE_CREATE",
        message(
            91,
            7,
            &format!("<@{BOT_ID}> how many civilians were freed?"),
            true,
            false,
        ),
    );
    let reply = fake
        .wait_for("the reply", |c| {
            c.method == "POST" && c.body["message_reference"]["message_id"] == "91"
        })
        .await;
    let content = reply.body["content"].as_str().unwrap_or("");
    assert!(content.ends_with(&format!("— {link}")), "{content}");
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn feedback_buttons_record_the_choice_beside_the_unanswered_log() {
    let fake = FakeDiscord::start().await;
    let kb = knowledge_dir();
    let bot = start(&fake, kb.path(), &[]).await;
    ready(&fake).await;

    fake.dispatch(
        "INTERACTION_CREATE",
        ask(130, "How many civilians were freed?"),
    );
    let answer = shown(&fake, 130).await;
    let ids: Vec<String> = answer.message["components"][0]["components"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .filter_map(|b| b["custom_id"].as_str().map(str::to_string))
        .collect();
    assert_eq!(
        ids,
        [
            "feedback:helpful:civilians-per-side",
            "feedback:wrong:civilians-per-side"
        ],
        "{}",
        answer.message
    );
    let verify = interaction(
        131,
        2,
        "verify",
        json!([{ "name": "statement", "type": 3, "value": "Each side released 500 people." }]),
        member(7, "member", 0, &[]),
    );
    fake.dispatch("INTERACTION_CREATE", verify);
    let verdict = shown(&fake, 131).await;
    assert_eq!(
        verdict.message["components"][0]["components"]
            .as_array()
            .map(Vec::len),
        Some(2),
        "a verdict has them too: {}",
        verdict.message
    );

    // The member presses "Wrong" under the answer.
    let mut press = button_press(132, &ids[1], member(7, "member", 0, &[]));
    press["message"]["embeds"] = answer.message["embeds"].clone();
    fake.dispatch("INTERACTION_CREATE", press);
    let thanks = shown(&fake, 132).await;
    assert!(thanks.ephemeral);
    assert!(
        thanks.message["content"]
            .as_str()
            .is_some_and(|t| t.starts_with("Thanks")),
        "{}",
        thanks.message
    );
    pings_no_one(&thanks.message);
    let log = std::fs::read_to_string(kb.path().join("feedback.jsonl")).expect("feedback log");
    let lines: Vec<Value> = log
        .lines()
        .map(|l| serde_json::from_str(l).expect("json"))
        .collect();
    assert_eq!(lines.len(), 1, "{log}");
    let line = &lines[0];
    assert_eq!(line["question"], "How many civilians were freed?");
    assert_eq!(line["claim"], "civilians-per-side");
    assert_eq!(line["member"], 7);
    assert_eq!(line["choice"], "wrong");
    assert!(
        line["at"].as_str().is_some_and(|t| t.starts_with("20")),
        "{line}"
    );
    let keys: Vec<&String> = line
        .as_object()
        .map(|o| o.keys().collect())
        .unwrap_or_default();
    assert_eq!(keys.len(), 5, "the member's id only, nothing else: {line}");

    // A forged claim id records nothing.
    fake.dispatch(
        "INTERACTION_CREATE",
        button_press(
            133,
            "feedback:helpful:no-such-claim",
            member(7, "member", 0, &[]),
        ),
    );
    let refused = shown(&fake, 133).await;
    assert!(refused.message["content"]
        .as_str()
        .is_some_and(|t| t.contains("nothing was recorded")));
    let log = std::fs::read_to_string(kb.path().join("feedback.jsonl")).expect("feedback log");
    assert_eq!(log.lines().count(), 1);
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_abstention_offers_the_nearest_claims_as_buttons() {
    let fake = FakeDiscord::start().await;
    let kb = knowledge_dir();
    let bot = start(&fake, kb.path(), &[]).await;
    ready(&fake).await;

    fake.dispatch("INTERACTION_CREATE", ask(120, "How many civilians died?"));
    let abstained = shown(&fake, 120).await;
    assert!(
        abstained.text().contains("does not cover"),
        "{}",
        abstained.text()
    );
    let buttons = abstained.message["components"][0]["components"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert!(
        (1..=3).contains(&buttons.len()),
        "up to three: {}",
        abstained.message
    );
    let ids: Vec<&str> = buttons
        .iter()
        .filter_map(|b| b["custom_id"].as_str())
        .collect();
    assert!(
        ids.contains(&"claim:civilians-per-side"),
        "the nearest claim is offered: {ids:?}"
    );
    pings_no_one(&abstained.message);

    fake.dispatch(
        "INTERACTION_CREATE",
        button_press(121, "claim:civilians-per-side", member(7, "member", 0, &[])),
    );
    let chosen = shown(&fake, 121).await;
    assert!(chosen.ephemeral, "shown to who pressed it");
    assert!(
        chosen.text().contains("> 120 civilians per side"),
        "the claim with its quote: {}",
        chosen.text()
    );
    pings_no_one(&chosen.message);

    // A forged or stale id is checked, not trusted.
    fake.dispatch(
        "INTERACTION_CREATE",
        button_press(122, "claim:no-such-claim", member(7, "member", 0, &[])),
    );
    let stale = shown(&fake, 122).await;
    assert!(stale.text().contains("No such claim"), "{}", stale.text());

    // An answered question offers no other claims.
    fake.dispatch(
        "INTERACTION_CREATE",
        ask(123, "How many civilians were freed?"),
    );
    let answered = shown(&fake, 123).await;
    assert!(
        answered.text().contains("120 civilians"),
        "{}",
        answered.text()
    );
    assert!(
        !answered.message["components"]
            .to_string()
            .contains("\"claim:"),
        "{}",
        answered.message
    );
    bot.stop().await;
}

/// Administrator: everything, in the server where it was given.
const ADMINISTRATOR: u64 = 1 << 3;

fn moderator() -> Value {
    member(9, "moderator", MANAGE_GUILD, &[])
}

/// A press of the button `custom_id` on `message`, a message of the bot's
/// as the member saw it (its embeds and buttons).
fn press_on(id: u64, custom_id: &str, who: Value, message: &Value) -> Value {
    let mut press = button_press(id, custom_id, who);
    for key in ["embeds", "components", "flags"] {
        if !message[key].is_null() {
            press["message"][key] = message[key].clone();
        }
    }
    press
}

/// The custom ids and labels of a message's buttons, row after row.
fn buttons_of(message: &Value) -> Vec<(String, String)> {
    let rows = message["components"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    rows.iter()
        .flat_map(|r| r["components"].as_array().cloned().unwrap_or_default())
        .map(|b| {
            let text = |k: &str| b[k].as_str().unwrap_or_default().to_string();
            (text("custom_id"), text("label"))
        })
        .collect()
}

/// The custom id of the button whose label is `label`.
fn button(message: &Value, label: &str) -> String {
    buttons_of(message)
        .into_iter()
        .find(|(_, l)| l == label)
        .map(|(id, _)| id)
        .unwrap_or_else(|| panic!("no button {label:?}: {message}"))
}

/// The message a press left in place of the one it was on: acknowledged
/// (type 6) and then edited, or updated at once (type 7).
async fn updated(fake: &FakeDiscord, id: u64) -> Value {
    let first = fake
        .wait_for("the press's response", callback_for(id))
        .await;
    match first.body["type"].as_u64() {
        Some(7) => first.body["data"].clone(),
        Some(6) => {
            let original = format!("/webhooks/{APP_ID}/itoken-{id}/messages/@original");
            let edit = fake
                .wait_for("the edit of the message", |c| {
                    c.method == "PATCH" && c.path.ends_with(&original)
                })
                .await;
            pings_no_one(&edit.body);
            edit.body
        }
        _ => panic!("the message was not updated in place: {}", first.body),
    }
}

/// A press refused privately, the message it was on left as it was.
async fn refused_press(fake: &FakeDiscord, id: u64) {
    let first = fake
        .wait_for("the press's response", callback_for(id))
        .await;
    assert_eq!(
        first.body["type"], 4,
        "a message of its own: {}",
        first.body
    );
    assert!(ephemeral(&first.body["data"]), "privately: {}", first.body);
    assert!(
        embed_text(&first).contains("Moderators only"),
        "{}",
        first.body
    );
    tokio::time::sleep(Duration::from_millis(200)).await;
    let edits = fake.calls().into_iter().filter(follow_up_of(id)).count();
    assert_eq!(edits, 0, "the message stays as it was");
}

fn footer(message: &Value) -> String {
    message["embeds"][0]["footer"]["text"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

fn fields(message: &Value) -> String {
    message["embeds"][0]["fields"].to_string()
}

/// One line of the unanswered log, as the bot writes it.
fn asked(question: &str, count: u32, day: u32) -> String {
    let at = format!("2026-01-{day:02}T00:00:00+00:00");
    format!(
        "{}\n",
        json!({ "question": question, "at": at, "count": count })
    )
}

/// Six questions the bot does not answer, most asked first: more than a
/// page of the queue. "How many civilians died?" is asked once more in the
/// test itself.
fn unanswered_log(kb: &Path) {
    let log = [
        asked("How many civilians died?", 2, 1),
        asked("Who won the world cup?", 2, 2),
        asked("What colour was the bus?", 1, 6),
        asked("When did the war start?", 1, 5),
        asked("Who paid for the bridge?", 1, 4),
        asked("Is the moon made of cheese?", 1, 3),
    ]
    .concat();
    std::fs::write(kb.join("unanswered.jsonl"), log).expect("write");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_moderator_pages_the_review_queue_and_adds_a_question_as_a_phrasing() {
    let fake = FakeDiscord::start().await;
    let kb = knowledge_dir();
    unanswered_log(kb.path());
    let bot = start(&fake, kb.path(), &[]).await;
    ready(&fake).await;
    fake.dispatch("INTERACTION_CREATE", ask(140, "How many civilians died?"));
    let abstained = shown(&fake, 140).await;
    assert!(
        abstained.text().contains("does not cover"),
        "{}",
        abstained.message
    );

    fake.dispatch("INTERACTION_CREATE", kb_list(141, "unanswered"));
    let queue = shown(&fake, 141).await;
    assert!(queue.ephemeral);
    pings_no_one(&queue.message);
    let first = queue.message.clone();
    assert_eq!(footer(&first), "Page 1 of 2", "{first}");
    let entries = first["embeds"][0]["fields"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(entries.len(), 4, "a page: {first}");
    assert_eq!(
        entries[0]["name"], "1. Asked 3×",
        "most asked first: {first}"
    );
    let top = entries[0]["value"].as_str().unwrap_or_default();
    assert!(top.starts_with("How many civilians died?"), "{top}");
    assert!(top.contains("Nearest claim: `civilians-per-side`"), "{top}");
    assert!(fields(&first).contains("Who won the world cup?"));
    assert!(
        !fields(&first).contains("Is the moon made of cheese?"),
        "on page 2"
    );

    // Next, then Previous: the message is edited in place.
    fake.dispatch(
        "INTERACTION_CREATE",
        press_on(142, &button(&first, "Next"), moderator(), &first),
    );
    let second = updated(&fake, 142).await;
    assert_eq!(footer(&second), "Page 2 of 2", "{second}");
    assert!(
        fields(&second).contains("5. Asked 1×"),
        "numbered on: {second}"
    );
    assert!(
        fields(&second).contains("Who paid for the bridge?"),
        "{second}"
    );
    assert!(
        fields(&second).contains("Is the moon made of cheese?"),
        "{second}"
    );
    assert!(
        !fields(&second).contains("How many civilians died?"),
        "{second}"
    );
    fake.dispatch(
        "INTERACTION_CREATE",
        press_on(143, &button(&second, "Previous"), moderator(), &second),
    );
    let back = updated(&fake, 143).await;
    assert_eq!(fields(&back), fields(&first), "the same page again");

    // The top question, added as a phrasing of its nearest claim.
    let add = button(&back, "1. Add as phrasing of this claim");
    assert!(add.chars().count() <= 100, "{add}");
    assert!(
        !add.contains("civilians died"),
        "no member text in a custom id: {add}"
    );
    fake.dispatch(
        "INTERACTION_CREATE",
        press_on(144, &add, moderator(), &back),
    );
    let after = updated(&fake, 144).await;
    let note = after["embeds"][0]["description"]
        .as_str()
        .unwrap_or_default();
    assert!(
        note.starts_with("Added “How many civilians died?” as a phrasing of `civilians-per-side`"),
        "{after}"
    );
    assert!(
        !fields(&after).contains("How many civilians died?"),
        "it left the queue: {after}"
    );
    assert_eq!(footer(&after), "Page 1 of 2", "five entries left: {after}");
    let claims = std::fs::read_to_string(kb.path().join("swap.toml")).expect("claims");
    assert!(claims.contains("\"How many civilians died?\""), "{claims}");
    let audit = std::fs::read_to_string(kb.path().join("audit.jsonl")).expect("audit log");
    let line: Value = serde_json::from_str(audit.lines().last().unwrap_or_default()).expect("json");
    assert_eq!(line["action"], "alias", "{line}");
    assert_eq!(line["claim"], "civilians-per-side", "{line}");
    assert_eq!(
        line["actor"]["id"], 9,
        "the moderator who pressed it: {line}"
    );

    fake.dispatch("INTERACTION_CREATE", ask(145, "How many civilians died?"));
    let answered = shown(&fake, 145).await;
    assert!(
        answered.text().contains("120 civilians"),
        "{}",
        answered.message
    );
    bot.stop().await;

    // After a restart, still gone.
    let fake = FakeDiscord::start().await;
    let bot = start(&fake, kb.path(), &[]).await;
    ready(&fake).await;
    fake.dispatch("INTERACTION_CREATE", kb_list(146, "unanswered"));
    let queue = shown(&fake, 146).await;
    assert!(
        !fields(&queue.message).contains("How many civilians died?"),
        "{}",
        queue.message
    );
    assert!(
        fields(&queue.message).contains("1. Asked 2×"),
        "{}",
        queue.message
    );
    assert_nothing_refused(&fake);
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_answer_marked_wrong_waits_in_the_queue_and_dismissing_leaves_the_knowledge_base_alone()
{
    let fake = FakeDiscord::start().await;
    let kb = knowledge_dir();
    let bot = start(&fake, kb.path(), &[]).await;
    ready(&fake).await;
    fake.dispatch(
        "INTERACTION_CREATE",
        ask(150, "How many civilians were freed?"),
    );
    let answer = shown(&fake, 150).await;
    let wrong = button(&answer.message, "Wrong");
    fake.dispatch(
        "INTERACTION_CREATE",
        press_on(151, &wrong, member(7, "member", 0, &[]), &answer.message),
    );
    shown(&fake, 151).await;
    fake.dispatch("INTERACTION_CREATE", ask(152, "Who won the world cup?"));
    shown(&fake, 152).await;

    fake.dispatch("INTERACTION_CREATE", kb_list(153, "unanswered"));
    let queue = shown(&fake, 153).await.message;
    let listed = fields(&queue);
    assert!(
        listed.contains("marked wrong: How many civilians were freed? → `civilians-per-side`"),
        "{queue}"
    );
    assert!(listed.contains("Who won the world cup?"), "{queue}");
    let rank = |text: &str| listed.find(text).unwrap_or(usize::MAX);
    let n = if rank("marked wrong") < rank("world cup") {
        1
    } else {
        2
    };

    fake.dispatch(
        "INTERACTION_CREATE",
        press_on(
            154,
            &button(&queue, &format!("{n}. Dismiss")),
            moderator(),
            &queue,
        ),
    );
    let after = updated(&fake, 154).await;
    assert!(
        after["embeds"][0]["description"]
            .as_str()
            .is_some_and(|d| d.starts_with("Dismissed")),
        "{after}"
    );
    assert!(!fields(&after).contains("marked wrong"), "{after}");
    let feedback = std::fs::read_to_string(kb.path().join("feedback.jsonl")).expect("feedback");
    assert!(
        feedback.contains("\"resolved\""),
        "kept on record, resolved: {feedback}"
    );

    fake.dispatch(
        "INTERACTION_CREATE",
        press_on(155, &button(&after, "1. Dismiss"), moderator(), &after),
    );
    let empty = updated(&fake, 155).await;
    assert!(empty.to_string().contains("Nothing to review"), "{empty}");
    assert_eq!(buttons_of(&empty), [], "{empty}");
    let log = std::fs::read_to_string(kb.path().join("unanswered.jsonl")).expect("log");
    assert!(!log.contains("world cup"), "{log}");
    let claims = std::fs::read_to_string(kb.path().join("swap.toml")).expect("claims");
    assert_eq!(claims, CLAIMS, "the knowledge base is unchanged");
    assert!(!kb.path().join("audit.jsonl").exists(), "no edit");
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_member_or_a_strangers_admin_pressing_a_moderators_button_is_refused() {
    let fake = FakeDiscord::start().await;
    let kb = knowledge_dir();
    unanswered_log(kb.path());
    let bot = start(&fake, kb.path(), &[]).await;
    ready(&fake).await;
    fake.dispatch("INTERACTION_CREATE", kb_list(160, "unanswered"));
    let queue = shown(&fake, 160).await.message;
    let log = || std::fs::read_to_string(kb.path().join("unanswered.jsonl")).expect("log");
    let before = log();
    let mut stranger = member(8, "stranger", ADMINISTRATOR, &[]);
    stranger["user"]["id"] = json!("8");
    let add = buttons_of(&queue)
        .into_iter()
        .find(|(_, label)| label.ends_with("Add as phrasing of this claim"))
        .map(|(id, _)| id)
        .unwrap_or_else(|| panic!("no claim to add to: {queue}"));
    let presses = [
        add,
        button(&queue, "1. Dismiss"),
        button(&queue, "Next"),
        "page:history:0".to_string(),
    ];
    let mut id = 161;
    for custom_id in &presses {
        fake.dispatch(
            "INTERACTION_CREATE",
            press_on(id, custom_id, member(7, "member", 0, &[]), &queue),
        );
        refused_press(&fake, id).await;
        // An admin of another server the bot is in: refused too.
        let mut forged = press_on(id + 1, custom_id, stranger.clone(), &queue);
        forged["guild_id"] = json!("999");
        fake.dispatch("INTERACTION_CREATE", forged);
        refused_press(&fake, id + 1).await;
        id += 2;
    }
    assert_eq!(log(), before, "the queue is unchanged");
    let claims = std::fs::read_to_string(kb.path().join("swap.toml")).expect("claims");
    assert_eq!(claims, CLAIMS, "the knowledge base is unchanged");
    assert!(!kb.path().join("audit.jsonl").exists(), "no edit");
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_queue_button_is_acknowledged_before_its_slow_work() {
    let fake = FakeDiscord::start().await;
    let kb = knowledge_dir();
    unanswered_log(kb.path());
    let hooks = slower_than_the_first_response_limit(&fake);
    let bot = start_with(&fake, kb.path(), &[], hooks).await;
    ready(&fake).await;
    fake.dispatch("INTERACTION_CREATE", kb_list(180, "unanswered"));
    let queue = shown(&fake, 180).await.message;
    fake.dispatch(
        "INTERACTION_CREATE",
        press_on(181, &button(&queue, "1. Dismiss"), moderator(), &queue),
    );
    let after = updated(&fake, 181).await;
    let note = after["embeds"][0]["description"]
        .as_str()
        .unwrap_or_default();
    assert!(
        note.starts_with("Dismissed “Who won the world cup?”"),
        "{after}"
    );
    assert_nothing_refused(&fake);
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sources_and_history_turn_pages_instead_of_being_cut() {
    let fake = FakeDiscord::start().await;
    let kb = knowledge_dir();
    // Thirteen sources and 23 edits: two pages of sources, three of edits.
    for i in 1..=12 {
        let text = format!("Article {i} says the council met on day {i}.");
        std::fs::write(kb.path().join(format!("article-{i:02}.txt")), text).expect("write");
    }
    let audit: String = (1..=23)
        .map(|i| {
            let entry = json!({
                "at": format!("2026-01-01T00:{i:02}:00+00:00"),
                "actor": { "id": 9, "name": "moderator" },
                "action": "alias", "claim": format!("edit-{i}"),
                "before": null, "after": null,
            });
            format!("{entry}\n")
        })
        .collect();
    std::fs::write(kb.path().join("audit.jsonl"), audit).expect("write");
    let bot = start(&fake, kb.path(), &[]).await;
    ready(&fake).await;

    let sources = interaction(170, 2, "sources", json!([]), member(7, "member", 0, &[]));
    fake.dispatch("INTERACTION_CREATE", sources);
    let first = shown(&fake, 170).await;
    assert!(!first.ephemeral);
    let first = first.message;
    assert_eq!(footer(&first), "Page 1 of 2", "{first}");
    let lines = |m: &Value| {
        m["embeds"][0]["description"]
            .as_str()
            .unwrap_or_default()
            .lines()
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    assert_eq!(lines(&first).len(), 10, "{first}");
    // Anyone may turn the pages of /sources.
    let other = member(6, "another member", 0, &[]);
    fake.dispatch(
        "INTERACTION_CREATE",
        press_on(171, &button(&first, "Next"), other, &first),
    );
    let second = updated(&fake, 171).await;
    assert_eq!(footer(&second), "Page 2 of 2", "{second}");
    let mut all = [lines(&first), lines(&second)].concat();
    assert_eq!(all.len(), 13, "every source once: {all:?}");
    all.sort();
    all.dedup();
    assert_eq!(all.len(), 13, "{all:?}");
    assert!(buttons_of(&second).iter().any(|(_, l)| l == "Previous"));

    fake.dispatch("INTERACTION_CREATE", kb_list(172, "history"));
    let history = shown(&fake, 172).await;
    assert!(history.ephemeral);
    let page1 = history.message;
    assert_eq!(footer(&page1), "Page 1 of 3", "{page1}");
    assert!(
        lines(&page1)[0].starts_with("1. ") && lines(&page1)[0].ends_with("`edit-23`"),
        "newest first: {page1}"
    );
    fake.dispatch(
        "INTERACTION_CREATE",
        press_on(173, &button(&page1, "Next"), moderator(), &page1),
    );
    let page2 = updated(&fake, 173).await;
    fake.dispatch(
        "INTERACTION_CREATE",
        press_on(174, &button(&page2, "Next"), moderator(), &page2),
    );
    let page3 = updated(&fake, 174).await;
    assert_eq!(footer(&page3), "Page 3 of 3", "{page3}");
    let last = lines(&page3);
    assert_eq!(last.len(), 3, "{page3}");
    assert!(
        last[2].starts_with("23. ") && last[2].ends_with("`edit-1`"),
        "numbered as /kb revert counts: {page3}"
    );
    assert!(lines(&page2)[0].starts_with("11. "), "{page2}");
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_moderator_reverts_an_edit_from_discord_and_a_member_cannot() {
    let fake = FakeDiscord::start().await;
    let kb = knowledge_dir();
    let bot = start(&fake, kb.path(), &[]).await;
    ready(&fake).await;
    let revert = |id: u64, permissions: u64| {
        let options = json!([{ "name": "revert", "type": 1, "options": [
            { "name": "edit", "type": 4, "value": 1 },
        ]}]);
        interaction(id, 2, "kb", options, member(7, "member", permissions, &[]))
    };
    let claims = || std::fs::read_to_string(kb.path().join("swap.toml")).expect("read");

    fake.dispatch("INTERACTION_CREATE", add(60, MANAGE_GUILD));
    let added = shown(&fake, 60).await;
    assert!(added.text().contains("Added claim"), "{}", added.message);
    assert!(claims().contains("talks-city"));

    fake.dispatch("INTERACTION_CREATE", revert(61, 0));
    let refused = shown(&fake, 61).await;
    assert!(
        refused.text().contains("Moderators only"),
        "{}",
        refused.message
    );
    assert!(
        claims().contains("talks-city"),
        "a member's revert changes nothing"
    );

    fake.dispatch("INTERACTION_CREATE", revert(62, MANAGE_GUILD));
    let reverted = shown(&fake, 62).await;
    assert!(reverted.text().contains("Reverted"), "{}", reverted.message);
    assert!(reverted.ephemeral);
    assert_eq!(claims(), CLAIMS, "the add is undone to the byte");
    fake.dispatch(
        "INTERACTION_CREATE",
        ask(63, "Which city hosted the negotiations?"),
    );
    let answer = shown(&fake, 63).await;
    assert!(
        !answer
            .text()
            .contains("In Istanbul, a week before the swap."),
        "the reverted claim answers no more: {}",
        answer.message
    );
    bot.stop().await;
}

/// An article as a moderator would upload it: Markdown, a headline first.
const BRIDGE_MD: &str = "# Harbour Bridge reopens after 14 months\n\nThe Harbour Bridge in Port Callan reopened to traffic at 6am on Monday, ending a 14-month closure.\n\nThe final cost of the work was £4.2m, compared with an original estimate of £3.1 million.\n";

/// `/kb article` with the file `attachment` ([`FakeDiscord::attachment`]),
/// from a member with `permissions`.
fn kb_article(id: u64, attachment: &Value, permissions: u64) -> Value {
    let options = json!([{ "name": "article", "type": 1, "options": [
        { "name": "file", "type": 11, "value": attachment["id"] },
    ]}]);
    let member = member(7, "member", permissions, &[]);
    with_attachments(
        interaction(id, 2, "kb", options, member),
        std::slice::from_ref(attachment),
    )
}

/// Every file of a knowledge directory but its lock, with its bytes.
fn files_in(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .expect("read dir")
        .flatten()
        .filter(|e| e.file_name() != ".lock")
        .map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            (name, std::fs::read(e.path()).unwrap_or_default())
        })
        .collect();
    files.sort();
    files
}

/// Whether the bot fetched the attachment `attachment`.
fn fetched(fake: &FakeDiscord, attachment: &Value) -> bool {
    let url = attachment["url"].as_str().unwrap_or_default();
    let path = url.split('?').next().unwrap_or_default();
    fake.calls()
        .iter()
        .any(|c| c.method == "GET" && path.ends_with(&c.path))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_moderator_adds_an_article_from_an_attachment_and_it_outlives_a_restart() {
    let fake = FakeDiscord::start().await;
    let kb = knowledge_dir();
    let bot = start(&fake, kb.path(), &[]).await;
    ready(&fake).await;
    let question = "What was the final cost of the bridge work?";

    let file = fake.attachment("Harbour Bridge.md", BRIDGE_MD.as_bytes());
    fake.dispatch("INTERACTION_CREATE", kb_article(80, &file, MANAGE_GUILD));
    let added = shown(&fake, 80).await;
    assert!(added.deferred && added.ephemeral, "{}", added.message);
    let text = added.text();
    for expected in [
        "Article added",
        "Harbour Bridge reopens after 14 months",
        "harbour-bridge.md",
        "3 sentences",
    ] {
        assert!(text.contains(expected), "{expected}: {}", added.message);
    }
    pings_no_one(&added.message);
    assert_eq!(
        std::fs::read_to_string(kb.path().join("harbour-bridge.md")).expect("written"),
        BRIDGE_MD,
        "saved byte for byte under a safe name"
    );
    let audit = std::fs::read_to_string(kb.path().join("audit.jsonl")).expect("audited");
    assert!(
        audit.contains("\"action\":\"article\"") && audit.contains("harbour-bridge"),
        "{audit}"
    );

    fake.dispatch("INTERACTION_CREATE", ask(81, question));
    let answer = shown(&fake, 81).await;
    assert!(
        answer
            .text()
            .contains("The final cost of the work was £4.2m"),
        "answered at once from the article: {}",
        answer.message
    );
    bot.stop().await;

    let fake = FakeDiscord::start().await;
    let bot = start(&fake, kb.path(), &[]).await;
    ready(&fake).await;
    fake.dispatch("INTERACTION_CREATE", ask(82, question));
    let answer = shown(&fake, 82).await;
    assert!(
        answer
            .text()
            .contains("The final cost of the work was £4.2m"),
        "after a restart: {}",
        answer.message
    );
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_article_malformed_too_large_misnamed_or_taken_is_refused_and_nothing_changes() {
    let fake = FakeDiscord::start().await;
    let kb = knowledge_dir();
    let bot = start(&fake, kb.path(), &[]).await;
    ready(&fake).await;
    let before = files_in(kb.path());
    let five_mb = "The bridge reopened. ".repeat(5 * 1024 * 1024 / 21 + 1);
    let mut lying = fake.attachment("lying.txt", five_mb.as_bytes());
    // The size is the uploader's word; the bytes that arrive are counted.
    lying["size"] = json!(100);
    let cases = [
        (
            fake.attachment("bad.md", b"A first line.\nA second \xff line.\n"),
            "bad.md:2: not valid UTF-8 text",
        ),
        (
            fake.attachment("empty.md", b"  \n\n  "),
            "empty.md:1: no sentence to quote",
        ),
        (
            fake.attachment("bridge.pdf", BRIDGE_MD.as_bytes()),
            "only .txt and .md files",
        ),
        (
            fake.attachment("huge.txt", five_mb.as_bytes()),
            "huge.txt:1: 5.0 MB is more than the 4.0 MB",
        ),
        (lying, "lying.txt: larger than 4.0 MB"),
        (
            fake.attachment("Swap.md", BRIDGE_MD.as_bytes()),
            "already has a source",
        ),
    ];
    for (n, (file, why)) in cases.iter().enumerate() {
        let id = 90 + n as u64;
        fake.dispatch("INTERACTION_CREATE", kb_article(id, file, MANAGE_GUILD));
        let refused = shown(&fake, id).await;
        assert!(
            refused.text().contains("Refused — nothing changed") && refused.text().contains(why),
            "{why}: {}",
            refused.message
        );
        assert!(refused.ephemeral);
        assert_eq!(
            files_in(kb.path()),
            before,
            "{why}: nothing on disk changed"
        );
    }
    assert!(
        !fetched(&fake, &cases[2].0) && !fetched(&fake, &cases[3].0),
        "a file refused by its name or declared size is not even fetched"
    );
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_a_home_servers_moderator_adds_an_article() {
    let fake = FakeDiscord::start().await;
    let kb = knowledge_dir();
    let bot = start(&fake, kb.path(), &[]).await;
    ready(&fake).await;
    let before = files_in(kb.path());
    let file = fake.attachment("bridge.md", BRIDGE_MD.as_bytes());
    let mut stranger = kb_article(101, &file, MANAGE_GUILD);
    stranger["guild_id"] = json!("999");
    for (id, interaction) in [(100, kb_article(100, &file, 0)), (101, stranger)] {
        // Unchecked: Discord offers no /kb in a stranger's server, but a
        // stale registration or a forged client would send one.
        fake.dispatch_unchecked("INTERACTION_CREATE", interaction);
        let refused = shown(&fake, id).await;
        assert!(
            refused.text().contains("Moderators only"),
            "{}",
            refused.message
        );
        assert!(refused.ephemeral);
    }
    assert_eq!(files_in(kb.path()), before, "nothing on disk changed");
    assert!(!fetched(&fake, &file), "the file is not even fetched");
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kb_add_finds_the_source_and_the_sentence_from_a_few_words() {
    let fake = FakeDiscord::start().await;
    let kb = knowledge_dir();
    let bot = start(&fake, kb.path(), &[]).await;
    ready(&fake).await;
    let typing = |id: u64, options: Value| {
        interaction(
            id,
            4,
            "kb",
            json!([{ "name": "add", "type": 1, "options": options }]),
            member(7, "member", MANAGE_GUILD, &[]),
        )
    };
    let choices = |call: &Call| -> Vec<(String, String)> {
        call.body["data"]["choices"]
            .as_array()
            .cloned()
            .unwrap_or_default()
            .iter()
            .map(|c| {
                (
                    c["name"].as_str().unwrap_or_default().to_string(),
                    c["value"].as_str().unwrap_or_default().to_string(),
                )
            })
            .collect()
    };

    fake.dispatch(
        "INTERACTION_CREATE",
        typing(
            70,
            json!([{ "name": "source", "type": 3, "value": "pris", "focused": true }]),
        ),
    );
    let sources = choices(&fake.wait_for("source choices", callback_for(70)).await);
    assert_eq!(sources.len(), 1, "{sources:?}");
    assert_eq!(sources[0].1, "swap", "found by its title: {sources:?}");

    fake.dispatch(
        "INTERACTION_CREATE",
        typing(
            71,
            json!([
                { "name": "source", "type": 3, "value": "swap" },
                { "name": "quote", "type": 3, "value": "istanbul week", "focused": true },
            ]),
        ),
    );
    let sentences = choices(&fake.wait_for("quote choices", callback_for(71)).await);
    assert_eq!(sentences.len(), 1, "{sentences:?}");
    let (name, value) = &sentences[0];
    assert!(name.starts_with("The swap took place"), "{name}");
    assert!(value.chars().count() <= 100, "Discord's limit on a value");

    let add = json!([{ "name": "add", "type": 1, "options": [
        { "name": "source", "type": 3, "value": "swap" },
        { "name": "id", "type": 3, "value": "talks-week" },
        { "name": "answer", "type": 3, "value": "A week before the swap." },
        { "name": "quote", "type": 3, "value": value },
    ]}]);
    fake.dispatch(
        "INTERACTION_CREATE",
        interaction(72, 2, "kb", add, member(7, "member", MANAGE_GUILD, &[])),
    );
    let done = shown(&fake, 72).await;
    assert!(done.text().contains("Added claim"), "{}", done.message);
    let file = std::fs::read_to_string(kb.path().join("swap.toml")).expect("read");
    assert!(
        file.contains("quote = \"The swap took place on the Ukrainian border with Belarus following direct talks held a week earlier in Istanbul.\""),
        "the sentence itself is the quote: {file}"
    );
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_moderator_by_role_alone_sees_and_uses_kb() {
    const MODERATORS: u64 = 4242;
    let fake = FakeDiscord::start().await;
    let kb = knowledge_dir();
    let bot = start(
        &fake,
        kb.path(),
        &[("CLAIMBOT_DISCORD__MODERATOR_ROLES", "4242")],
    )
    .await;
    ready(&fake).await;
    // No permissions at all, only the role: Discord must show /kb (the fake
    // panics if the registration hides it behind Manage Server) and the bot
    // must accept the edit.
    fake.dispatch(
        "INTERACTION_CREATE",
        interaction(
            80,
            2,
            "kb",
            add_talks_city(),
            member(7, "member", 0, &[MODERATORS]),
        ),
    );
    let done = shown(&fake, 80).await;
    assert!(done.text().contains("Added claim"), "{}", done.message);
    assert!(std::fs::read_to_string(kb.path().join("swap.toml"))
        .expect("read")
        .contains("talks-city"));
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_processes_serve_two_shards_and_see_each_others_edits() {
    // A guild whose events Discord sends on shard 1 of 2 (id >> 22 is odd);
    // the home guild's go on shard 0.
    const ON_SHARD_1: u64 = 1 << 22;
    let fake = FakeDiscord::start().await;
    let kb = knowledge_dir();
    let first = start(&fake, kb.path(), &[("CLAIMBOT_DISCORD__SHARDS", "0/2")]).await;
    let second = start(&fake, kb.path(), &[("CLAIMBOT_DISCORD__SHARDS", "1/2")]).await;
    let deadline = tokio::time::Instant::now() + Duration::from_secs(15);
    while fake.calls().iter().filter(|c| c.method == "PUT").count() < 2 {
        assert!(tokio::time::Instant::now() < deadline, "both register");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let mut shards = fake.identified_shards();
    shards.sort_unstable();
    assert_eq!(shards, vec![(0, 2), (1, 2)], "each process its own shard");

    // An edit through the process on shard 0 (the home guild)…
    fake.dispatch("INTERACTION_CREATE", add(90, MANAGE_GUILD));
    let done = shown(&fake, 90).await;
    assert!(done.text().contains("Added claim"), "{}", done.message);
    // …is answered by the process on shard 1 within a second or so (it
    // watches the knowledge directory).
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let mut asked = message(
        91,
        7,
        "<@1000> Which city hosted the negotiations?",
        true,
        false,
    );
    asked["guild_id"] = json!(ON_SHARD_1.to_string());
    fake.dispatch("MESSAGE_CREATE", asked);
    let reply = fake
        .wait_for("the answer from shard 1", |c| {
            c.method == "POST" && c.path.ends_with("/messages")
        })
        .await;
    assert!(
        reply.body["content"]
            .to_string()
            .contains("In Istanbul, a week before the swap."),
        "{}",
        reply.body
    );
    first.stop().await;
    second.stop().await;
}

const ANSWER_CHANNELS: &str = "CLAIMBOT_DISCORD__ANSWER_CHANNELS";
const QUESTION: &str = "How many civilians were freed?";

/// A member's question, without a mention, posted in `channel`.
fn asked_in(channel: u64, id: u64, content: &str) -> Value {
    in_channel(message(id, 7, content, false, false), channel)
}

/// The bot's reply to message `id`, wherever it was sent.
fn reply_to_message(id: u64) -> impl Fn(&Call) -> bool {
    let id = id.to_string();
    move |c: &Call| {
        c.method == "POST"
            && c.path.ends_with("/messages")
            && c.body["message_reference"]["message_id"] == id.as_str()
    }
}

/// Waits for the bot's answer to message `id` and checks it went to
/// `channel`, quotes the source and pings no one.
async fn answered_in(fake: &FakeDiscord, id: u64, channel: u64) {
    let reply = fake
        .wait_for(&format!("the answer to {id}"), reply_to_message(id))
        .await;
    assert!(
        reply
            .path
            .ends_with(&format!("/channels/{channel}/messages")),
        "answered where it was asked: {}",
        reply.path
    );
    let content = reply.body["content"].as_str().unwrap_or("");
    assert!(content.contains("> 120 civilians per side"), "{content}");
    pings_no_one(&reply.body);
}

/// Settles, then checks that messages `ids` got no reply.
async fn not_answered(fake: &FakeDiscord, ids: &[u64]) {
    tokio::time::sleep(Duration::from_millis(300)).await;
    for &id in ids {
        let reply = fake.calls().into_iter().find(reply_to_message(id));
        assert!(reply.is_none(), "{id} is not answered: {reply:#?}");
    }
}

/// How many times the bot asked Discord about `channel`.
fn lookups(fake: &FakeDiscord, channel: u64) -> usize {
    let path = format!("/api/v10/channels/{channel}");
    fake.calls()
        .iter()
        .filter(|c| c.method.starts_with("GET") && c.path == path)
        .count()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_question_in_a_thread_of_an_answer_channel_is_answered_in_the_thread() {
    const OLD_THREAD: u64 = 4000;
    const NEW_THREAD: u64 = 4001;
    let fake = FakeDiscord::start().await;
    // Active when the bot connects: in GUILD_CREATE's threads.
    fake.add_unannounced_thread(thread(OLD_THREAD, CHANNEL_ID, 11, "the swap"));
    let kb = knowledge_dir();
    let channels = CHANNEL_ID.to_string();
    let bot = start(&fake, kb.path(), &[(ANSWER_CHANNELS, &channels)]).await;
    ready(&fake).await;

    fake.dispatch("MESSAGE_CREATE", asked_in(OLD_THREAD, 30, QUESTION));
    answered_in(&fake, 30, OLD_THREAD).await;
    // Opened while the bot is online: THREAD_CREATE.
    fake.create_thread(thread(NEW_THREAD, CHANNEL_ID, 11, "civilians"));
    fake.dispatch("MESSAGE_CREATE", asked_in(NEW_THREAD, 31, QUESTION));
    answered_in(&fake, 31, NEW_THREAD).await;
    // Chatter in a thread is left alone, as in the channel.
    fake.dispatch(
        "MESSAGE_CREATE",
        asked_in(NEW_THREAD, 32, "nice one, thanks"),
    );
    not_answered(&fake, &[32]).await;
    assert_eq!(
        lookups(&fake, OLD_THREAD) + lookups(&fake, NEW_THREAD),
        0,
        "the gateway told the bot of both threads: no REST lookup"
    );
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_forum_post_under_an_answer_forum_is_answered_in_the_post() {
    const POST: u64 = 4100;
    let fake = FakeDiscord::start().await;
    let kb = knowledge_dir();
    let channels = FORUM_ID.to_string();
    let bot = start(&fake, kb.path(), &[(ANSWER_CHANNELS, &channels)]).await;
    ready(&fake).await;

    // A forum post is a thread in the forum; its first message has the
    // post's id.
    fake.create_thread(thread(POST, FORUM_ID, 11, "Civilians in the swap?"));
    fake.dispatch("MESSAGE_CREATE", asked_in(POST, POST, QUESTION));
    answered_in(&fake, POST, POST).await;
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thread_of_another_channel_is_answered_only_when_the_bot_is_mentioned() {
    const ELSEWHERE: u64 = 4200;
    const WATCHED: u64 = 4201;
    let fake = FakeDiscord::start().await;
    let kb = knowledge_dir();
    // The category of the other channel is listed too: only a thread's own
    // channel counts, not that channel's category.
    let channels = format!("{CHANNEL_ID},{CATEGORY_ID}");
    let bot = start(&fake, kb.path(), &[(ANSWER_CHANNELS, &channels)]).await;
    ready(&fake).await;

    fake.create_thread(thread(ELSEWHERE, OTHER_CHANNEL_ID, 11, "off-topic thread"));
    fake.create_thread(thread(WATCHED, CHANNEL_ID, 11, "news thread"));
    fake.dispatch("MESSAGE_CREATE", asked_in(ELSEWHERE, 40, QUESTION));
    fake.dispatch("MESSAGE_CREATE", asked_in(OTHER_CHANNEL_ID, 41, QUESTION));
    fake.dispatch("MESSAGE_CREATE", asked_in(WATCHED, 42, QUESTION));
    answered_in(&fake, 42, WATCHED).await;
    not_answered(&fake, &[40, 41]).await;

    let mention = format!("<@{BOT_ID}> how many civilians were freed?");
    let mentioned = in_channel(message(43, 7, &mention, true, false), ELSEWHERE);
    fake.dispatch("MESSAGE_CREATE", mentioned);
    answered_in(&fake, 43, ELSEWHERE).await;
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thread_only_discord_knows_is_looked_up_once_and_a_failed_lookup_is_silence() {
    const PRIVATE: u64 = 4300;
    const UNKNOWN: u64 = 4399;
    let fake = FakeDiscord::start().await;
    let kb = knowledge_dir();
    let channels = CHANNEL_ID.to_string();
    let bot = start(&fake, kb.path(), &[(ANSWER_CHANNELS, &channels)]).await;
    ready(&fake).await;

    // Listed by THREAD_LIST_SYNC, which serenity's cache does not keep.
    fake.add_unannounced_thread(thread(PRIVATE, CHANNEL_ID, 12, "private"));
    fake.sync_threads(&[CHANNEL_ID]);
    let ids: Vec<u64> = (50..56).collect();
    for &id in &ids {
        fake.dispatch("MESSAGE_CREATE", asked_in(PRIVATE, id, QUESTION));
    }
    for &id in &ids {
        answered_in(&fake, id, PRIVATE).await;
    }
    assert_eq!(lookups(&fake, PRIVATE), 1, "one lookup for the thread");

    // Discord answers 404 Unknown Channel: not an answer channel, and the
    // bot carries on.
    fake.dispatch("MESSAGE_CREATE", asked_in(UNKNOWN, 60, QUESTION));
    fake.wait_for("the refused lookup", |c| {
        c.method == "GET (404)" && c.path.ends_with(&format!("/channels/{UNKNOWN}"))
    })
    .await;
    fake.dispatch("MESSAGE_CREATE", asked_in(UNKNOWN, 61, QUESTION));
    fake.dispatch("MESSAGE_CREATE", asked_in(PRIVATE, 62, QUESTION));
    answered_in(&fake, 62, PRIVATE).await;
    not_answered(&fake, &[60, 61]).await;
    assert_eq!(
        lookups(&fake, UNKNOWN),
        1,
        "a failure is not asked again at once"
    );
    assert_eq!(lookups(&fake, PRIVATE), 1);
    bot.stop().await;
}

/// Rate limited on its first response, the bot tries again soon enough to
/// land within Discord's 3 s: the waits that suit a message (0.5 s, 1 s,
/// 2 s…) would send the third retry after the interaction has expired.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rate_limited_first_response_is_sent_again_within_the_window() {
    let fake = FakeDiscord::start().await;
    let kb = knowledge_dir();
    let bot = start(&fake, kb.path(), &[]).await;
    ready(&fake).await;

    fake.rate_limit_next(3);
    fake.dispatch(
        "INTERACTION_CREATE",
        ask(46, "How many civilians were freed?"),
    );
    let answer = fake
        .wait_for("/ask answered after three 429s", callback_for(46))
        .await;
    assert!(
        embed_text(&answer).contains("120 civilians"),
        "{}",
        answer.body
    );
    let limited = fake
        .calls()
        .iter()
        .filter(|c| c.method == "POST (429)")
        .count();
    assert_eq!(limited, 3, "each 429 was followed by another try");
    bot.stop().await;
}
