//! The health and metrics endpoint (`metrics.listen`) of the real bot
//! against the fake Discord on 127.0.0.1: what an orchestrator's probes and
//! Prometheus would see. A test binary of its own: the metrics recorder is
//! one per process, and the bots of other tests would count into it.

mod support;

use std::net::SocketAddr;
use std::path::Path;
use std::time::Duration;

use claimbot::discord::Hooks;
use serde_json::{json, Value};
use support::bot::{self, add_talks_city, knowledge_dir, Bot, MANAGE_GUILD};
use support::fake_discord::{
    interaction, member, message, Call, FakeDiscord, APP_ID, BOT_ID, CHANNEL_ID, GUILD_ID,
};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

fn start(fake: &FakeDiscord, kb: &Path, listen: &str) -> Bot {
    bot::start(
        fake,
        kb,
        &[("CLAIMBOT_METRICS__LISTEN", listen)],
        Hooks::default(),
    )
}

/// A port free on 127.0.0.1 a moment ago.
fn free_port() -> SocketAddr {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
    listener.local_addr().expect("address")
}

/// GET `path` on the endpoint: the status and the body; `None` while
/// nothing listens.
async fn get(addr: SocketAddr, path: &str) -> Option<(u16, String)> {
    let mut stream = tokio::net::TcpStream::connect(addr).await.ok()?;
    let request = format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).await.ok()?;
    let mut response = String::new();
    stream.read_to_string(&mut response).await.ok()?;
    let status = response.split(' ').nth(1)?.parse().ok()?;
    let (_, body) = response.split_once("\r\n\r\n")?;
    Some((status, body.to_string()))
}

/// Polls `path` (bounded) until its status is `status`; returns the body.
async fn wait_status(addr: SocketAddr, path: &str, status: u16) -> String {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(15);
    loop {
        let got = get(addr, path).await;
        if let Some((s, body)) = &got {
            if *s == status {
                return body.clone();
            }
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "timed out waiting for {status} from {path}; last: {got:?}"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// The value of the sample `name` whose labels include every one of
/// `labels`, from Prometheus's text format.
fn sample(text: &str, name: &str, labels: &[(&str, &str)]) -> Option<f64> {
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.rsplit_once(' '))
        .find(|(series, _)| {
            let (n, rest) = series.split_once('{').unwrap_or((series, ""));
            n == name
                && labels
                    .iter()
                    .all(|(k, v)| rest.contains(&format!("{k}=\"{v}\"")))
        })
        .and_then(|(_, value)| value.parse().ok())
}

fn follow_up_of(id: u64) -> impl Fn(&Call) -> bool {
    move |c: &Call| {
        (c.method == "POST" || c.method == "PATCH")
            && c.path.contains(&format!("/webhooks/{APP_ID}/itoken-{id}"))
    }
}

fn callback_for(id: u64) -> impl Fn(&Call) -> bool {
    move |c: &Call| {
        c.method == "POST"
            && c.path.contains(&format!("/interactions/{id}/"))
            && c.path.ends_with("/callback")
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn probes_follow_the_gateway_and_metrics_count_what_members_and_moderators_do() {
    let fake = FakeDiscord::start().await;
    fake.hold_ready();
    let kb = knowledge_dir();
    let addr = free_port();
    let bot = start(&fake, kb.path(), &addr.to_string());

    // Up from the start; not ready while Discord has not sent READY.
    assert_eq!(wait_status(addr, "/healthz", 200).await, "ok\n");
    let deadline = tokio::time::Instant::now() + Duration::from_secs(15);
    while fake.identifies() == 0 {
        assert!(tokio::time::Instant::now() < deadline, "the bot identifies");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let (status, why) = get(addr, "/readyz").await.expect("/readyz answers");
    assert_eq!(status, 503, "{why}");
    assert!(why.contains("READY") && why.lines().count() == 1, "{why:?}");
    let metrics = get(addr, "/metrics").await.expect("/metrics answers").1;
    // Every sentence of the article is a claim too, besides the curated one.
    let claims = sample(&metrics, "claimbot_knowledge_claims", &[]).expect("claims gauge");
    assert!(claims > 1.0, "{metrics}");

    fake.release_ready();
    wait_status(addr, "/readyz", 200).await;
    fake.wait_for("command registration", |c| {
        c.method == "PUT" && c.path.ends_with(&format!("/guilds/{GUILD_ID}/commands"))
    })
    .await;

    // A member's mention, sent again after a 429, and a member's /ask.
    fake.rate_limit_next(1);
    fake.dispatch(
        "MESSAGE_CREATE",
        message(
            11,
            7,
            &format!("<@{BOT_ID}> how many civilians were freed?"),
            true,
            false,
        ),
    );
    fake.wait_for("the mention's reply", |c| {
        c.method == "POST"
            && c.path
                .ends_with(&format!("/channels/{CHANNEL_ID}/messages"))
    })
    .await;
    let ask = json!([{ "name": "question", "type": 3, "value": "How many civilians were freed?" }]);
    fake.dispatch(
        "INTERACTION_CREATE",
        interaction(20, 2, "ask", ask, member(8, "member", 0, &[])),
    );
    fake.wait_for("the answer to /ask", callback_for(20)).await;

    let metrics = wait_status(addr, "/metrics", 200).await;
    let count = |name: &str, labels: &[(&str, &str)]| sample(&metrics, name, labels);
    assert_eq!(
        count("claimbot_questions_total", &[("path", "mention")]),
        Some(1.0),
        "{metrics}"
    );
    assert_eq!(
        count("claimbot_questions_total", &[("path", "ask")]),
        Some(1.0),
        "{metrics}"
    );
    for path in ["mention", "ask"] {
        let answered = [("path", path), ("outcome", "answered")];
        assert_eq!(
            count("claimbot_answers_total", &answered),
            Some(1.0),
            "{metrics}"
        );
    }
    let ask = [("call", "ask")];
    assert_eq!(
        count("claimbot_engine_seconds_count", &ask),
        Some(2.0),
        "{metrics}"
    );
    let all = [("call", "ask"), ("le", "+Inf")];
    assert_eq!(
        count("claimbot_engine_seconds_bucket", &all),
        Some(2.0),
        "{metrics}"
    );
    assert_eq!(
        count("claimbot_confidence_count", &ask),
        Some(2.0),
        "{metrics}"
    );
    assert_eq!(
        count("claimbot_discord_retries_total", &[]),
        Some(1.0),
        "{metrics}"
    );
    assert_eq!(
        count("claimbot_shard_connected", &[("shard", "0")]),
        Some(1.0),
        "{metrics}"
    );
    assert_eq!(
        count("claimbot_knowledge_sources", &[]),
        Some(1.0),
        "{metrics}"
    );

    // A moderator's /kb add: one edit, one more claim.
    fake.dispatch(
        "INTERACTION_CREATE",
        interaction(
            30,
            2,
            "kb",
            add_talks_city(),
            member(9, "mod", MANAGE_GUILD, &[]),
        ),
    );
    let done: Value = fake
        .wait_for("the edit's outcome", follow_up_of(30))
        .await
        .body;
    assert!(done["embeds"].to_string().contains("Added"), "{done}");
    let metrics = wait_status(addr, "/metrics", 200).await;
    let count = |name: &str, labels: &[(&str, &str)]| sample(&metrics, name, labels);
    assert_eq!(
        count("claimbot_edits_total", &[("action", "add")]),
        Some(1.0),
        "{metrics}"
    );
    assert_eq!(
        count("claimbot_knowledge_claims", &[]),
        Some(claims + 1.0),
        "{metrics}"
    );
    assert_eq!(
        count("claimbot_edits_refused_total", &[]),
        None,
        "{metrics}"
    );

    // A claim id that is not one: refused before the lock, counted too.
    let options = json!([{ "name": "add", "type": 1, "options": [
        { "name": "source", "type": 3, "value": "swap" },
        { "name": "id", "type": 3, "value": "Not An Id" },
        { "name": "answer", "type": 3, "value": "In Istanbul." },
        { "name": "quote", "type": 3, "value": "direct talks held a week earlier in Istanbul" },
    ]}]);
    fake.dispatch(
        "INTERACTION_CREATE",
        interaction(31, 2, "kb", options, member(9, "mod", MANAGE_GUILD, &[])),
    );
    let refused: Value = fake.wait_for("the refusal", follow_up_of(31)).await.body;
    assert!(
        refused["embeds"].to_string().contains("Refused"),
        "{refused}"
    );
    let metrics = wait_status(addr, "/metrics", 200).await;
    let count = |name: &str, labels: &[(&str, &str)]| sample(&metrics, name, labels);
    let add = [("action", "add")];
    assert_eq!(
        count("claimbot_edits_refused_total", &add),
        Some(1.0),
        "{metrics}"
    );
    assert_eq!(count("claimbot_edits_total", &add), Some(1.0), "{metrics}");

    // A member's /verify, a moderator's /kb reload, and a broken file the
    // watcher finds: a verdict, a reload, a reload failure.
    let verify =
        json!([{ "name": "statement", "type": 3, "value": "Each side released 500 people" }]);
    fake.dispatch(
        "INTERACTION_CREATE",
        interaction(40, 2, "verify", verify, member(8, "member", 0, &[])),
    );
    fake.wait_for("the verdict", callback_for(40)).await;
    let reload = json!([{ "name": "reload", "type": 1, "options": [] }]);
    fake.dispatch(
        "INTERACTION_CREATE",
        interaction(41, 2, "kb", reload, member(9, "mod", MANAGE_GUILD, &[])),
    );
    fake.wait_for("the reload's outcome", follow_up_of(41))
        .await;
    std::fs::write(kb.path().join("broken.toml"), "[source\n").expect("write");
    let deadline = tokio::time::Instant::now() + Duration::from_secs(15);
    let metrics = loop {
        let metrics = wait_status(addr, "/metrics", 200).await;
        let watch = [("trigger", "watch")];
        if sample(&metrics, "claimbot_reload_failures_total", &watch) == Some(1.0) {
            break metrics;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "the watcher's failed reload is counted: {metrics}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    let count = |name: &str, labels: &[(&str, &str)]| sample(&metrics, name, labels);
    let contradicted = [("verdict", "contradicted")];
    assert_eq!(
        count("claimbot_verdicts_total", &contradicted),
        Some(1.0),
        "{metrics}"
    );
    let verify = [("call", "verify")];
    assert_eq!(
        count("claimbot_engine_seconds_count", &verify),
        Some(1.0),
        "{metrics}"
    );
    let command = [("trigger", "command")];
    assert_eq!(
        count("claimbot_reloads_total", &command),
        Some(1.0),
        "{metrics}"
    );
    assert_eq!(
        count("claimbot_reload_failures_total", &command),
        None,
        "{metrics}"
    );

    bot.stop().await;
    assert!(
        get(addr, "/healthz").await.is_none(),
        "the endpoint stops with the bot"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_listen_address_in_use_stops_the_bot_naming_the_key() {
    let fake = FakeDiscord::start().await;
    let kb = knowledge_dir();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
    let addr = taken.local_addr().expect("address");
    let mut bot = start(&fake, kb.path(), &addr.to_string());
    let err = bot.outcome().await.expect_err("cannot listen");
    assert!(err.to_string().contains("metrics.listen"), "{err}");
    assert!(err.is_usage(), "the operator fixes it: exit status 2");
    assert_eq!(fake.connections(), 0, "it never connected to Discord");
}
