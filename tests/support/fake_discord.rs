//! A small fake Discord on 127.0.0.1: REST under `/api/v10` and the gateway
//! websocket (HELLO, IDENTIFY, heartbeat ACK, READY, GUILD_CREATE, RESUME),
//! READY held back after IDENTIFY when the test says so,
//! with scripted events pushed by the test. Every REST call is recorded.
//! Each shard has its own session and event queue: an event goes to the
//! shard Discord would send it on ((guild id >> 22) mod the shard total), so
//! several bot processes with their own shard ranges can share one fake.
//!
//! It refuses what Discord refuses, with Discord's status and JSON error,
//! so that every test also checks the bot stays within the rules:
//! - an interaction's first response (`/interactions/{id}/{token}/callback`)
//!   more than 3 s after the INTERACTION_CREATE: 404 Unknown interaction
//!   (10062); a second one: 400 already acknowledged (40060);
//! - follow-ups and edits on `/webhooks/{app}/{token}` before the first
//!   response: 404 Unknown Webhook (10015); after 15 minutes: 401 (50027);
//! - a message or response whose content, embeds or buttons exceed
//!   Discord's limits, or whose buttons share a custom id: 400 Invalid
//!   Form Body (50035);
//! - button presses (component interactions) follow the same 3 s rule;
//!   only they may be answered by updating the message they are on
//!   (response type 6, then an edit of `@original`, or type 7): a command's
//!   interaction answered so gets 400 Invalid Form Body (50035);
//! - command registration in a server the bot is not in: 404 Unknown Guild
//!   (10004), or 403 Missing Access (50001) when the test says so.
//!
//! The server's channels and threads are served by `GET /channels/{id}`
//! (404 Unknown Channel, 10003, for any other id, and for a message sent
//! to one). GUILD_CREATE carries the channels and the active threads;
//! [`FakeDiscord::create_thread`] announces a new one with THREAD_CREATE,
//! [`FakeDiscord::sync_threads`] lists a channel's with THREAD_LIST_SYNC,
//! and [`FakeDiscord::add_unannounced_thread`] makes one the bot has not
//! been told of, as after a missed event.
//!
//! Files attached to a command ([`FakeDiscord::attachment`]) are served
//! under `/attachments/…` as Discord's CDN serves them, and the interaction
//! carries them in `data.resolved.attachments` ([`with_attachments`]).
//!
//! A refused call is recorded with its status after the method
//! (`"POST (404)"`), so waiting for `"POST"` waits for an accepted one.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, AtomicU32, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::extract::{Request, State};
use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::any;
use axum::{Json, Router};
use serde_json::{json, Value};
use tokio::sync::{mpsc, Mutex as AsyncMutex};

pub const BOT_ID: u64 = 1000;
pub const APP_ID: u64 = 1000;
pub const GUILD_ID: u64 = 2000;
/// A text channel, "news".
pub const CHANNEL_ID: u64 = 3000;
/// A forum channel (type 15), "questions": each post is a thread in it.
pub const FORUM_ID: u64 = 3001;
/// Another text channel, "off-topic", in [`CATEGORY_ID`].
pub const OTHER_CHANNEL_ID: u64 = 3002;
/// A category (type 4), "community".
pub const CATEGORY_ID: u64 = 3003;
/// A token of the right shape; the fake accepts any.
pub const TOKEN: &str = "MTAwMA.fake.token-for-tests";

/// Discord's time limit for an interaction's first response.
pub const FIRST_RESPONSE_LIMIT: Duration = Duration::from_secs(3);
/// How long follow-ups and edits stay possible after the first response.
pub const WEBHOOK_LIFETIME: Duration = Duration::from_secs(15 * 60);

/// Discord's embed limits, in characters.
const EMBED_TOTAL: usize = 6000;
const EMBED_TITLE: usize = 256;
const EMBED_DESCRIPTION: usize = 4096;
const FIELD_NAME: usize = 256;
const FIELD_VALUE: usize = 1024;
const FIELDS: usize = 25;
const FOOTER: usize = 2048;
const AUTHOR: usize = 256;
const EMBEDS: usize = 10;
const CONTENT: usize = 2000;

/// One REST call the bot made.
#[derive(Debug, Clone)]
pub struct Call {
    pub method: String,
    pub path: String,
    pub body: Value,
}

enum Control {
    Dispatch(&'static str, Value),
    Reconnect,
    /// Send the READY held back by [`FakeDiscord::hold_ready`].
    Ready,
}

#[derive(Clone)]
struct Shared {
    calls: Arc<Mutex<Vec<Call>>>,
    /// Each shard's events, waiting for its gateway session (one at a
    /// time: a session holds its shard's receiver while it lasts).
    queues: Arc<Mutex<HashMap<u64, Queue>>>,
    /// The shard total the bot identified with (1 until then).
    total: Arc<AtomicU64>,
    addr: SocketAddr,
    /// How many of the next message sends to answer with 429.
    rate_limit: Arc<AtomicU32>,
    identifies: Arc<AtomicU32>,
    connections: Arc<AtomicU32>,
    next_id: Arc<AtomicU64>,
    /// Interactions dispatched, by token.
    interactions: Arc<Mutex<HashMap<String, Pending>>>,
    /// The first-response limit (Discord's 3 s unless a test shortens it).
    first_response_limit: Arc<Mutex<Duration>>,
    /// Answer guild command registration with 403 Missing Access.
    refuse_registration: Arc<AtomicBool>,
    /// Answer IDENTIFY with nothing until [`FakeDiscord::release_ready`].
    hold_ready: Arc<AtomicBool>,
    /// Commands registered, by scope (a guild id, or "global") and name:
    /// their `default_member_permissions`, if any.
    registered: Arc<Mutex<Registered>>,
    /// The `[id, total]` of each IDENTIFY, in order.
    identified: Arc<Mutex<Vec<(u64, u64)>>>,
    /// Attached files, by the path of their URL.
    files: Arc<Mutex<HashMap<String, Vec<u8>>>>,
    /// The server's channels and threads, by id.
    channels: Arc<Mutex<HashMap<u64, Value>>>,
}

/// A shard's events: the sending side, and the receiving side its session
/// holds.
#[derive(Clone)]
struct Queue {
    tx: mpsc::UnboundedSender<Control>,
    rx: Arc<AsyncMutex<mpsc::UnboundedReceiver<Control>>>,
}

impl Shared {
    /// Shard `id`'s queue, made on first use.
    fn queue(&self, id: u64) -> Queue {
        let mut queues = self.queues.lock().unwrap_or_else(|e| e.into_inner());
        queues
            .entry(id)
            .or_insert_with(|| {
                let (tx, rx) = mpsc::unbounded_channel();
                Queue {
                    tx,
                    rx: Arc::new(AsyncMutex::new(rx)),
                }
            })
            .clone()
    }

    /// The shard Discord sends a guild's events on: (guild id >> 22) mod
    /// the total; events outside a guild go to shard 0.
    fn shard_of(&self, data: &Value) -> u64 {
        let total = self.total.load(Ordering::SeqCst).max(1);
        data["guild_id"]
            .as_str()
            .and_then(|g| g.parse::<u64>().ok())
            .map_or(0, |g| (g >> 22) % total)
    }
}

/// (scope, command name) → `default_member_permissions`.
type Registered = HashMap<(String, String), Option<u64>>;

/// An interaction the fake dispatched.
struct Pending {
    id: String,
    /// The interaction's type: 2 a command, 3 a button, 4 autocomplete…
    kind: u64,
    created: Instant,
    /// When its first response was accepted.
    responded: Option<Instant>,
}

pub struct FakeDiscord {
    pub addr: SocketAddr,
    shared: Shared,
}

impl FakeDiscord {
    pub async fn start() -> FakeDiscord {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind 127.0.0.1");
        let addr = listener.local_addr().expect("address");
        let shared = Shared {
            calls: Arc::default(),
            queues: Arc::default(),
            total: Arc::new(AtomicU64::new(1)),
            addr,
            rate_limit: Arc::default(),
            identifies: Arc::default(),
            connections: Arc::default(),
            next_id: Arc::new(AtomicU64::new(900_000)),
            interactions: Arc::default(),
            first_response_limit: Arc::new(Mutex::new(FIRST_RESPONSE_LIMIT)),
            refuse_registration: Arc::default(),
            hold_ready: Arc::default(),
            registered: Arc::default(),
            identified: Arc::default(),
            files: Arc::default(),
            channels: Arc::new(Mutex::new(
                guild_channels()
                    .into_iter()
                    .map(|c| (id_of(&c), c))
                    .collect(),
            )),
        };
        let app = Router::new()
            .route("/gateway", any(gateway))
            .fallback(rest)
            .with_state(shared.clone());
        tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        FakeDiscord { addr, shared }
    }

    /// Panics, as a test failure, when Discord would not offer the member
    /// the command of an interaction: it is not registered where the member
    /// is (the guild, or globally), or its `default_member_permissions`
    /// hide it from a member without them (administrators see everything).
    fn check_visible(&self, data: &Value) {
        // Commands and their autocomplete; components and modals carry no
        // command name.
        if !matches!(data["type"].as_u64(), Some(2 | 4)) {
            return;
        }
        let name = data["data"]["name"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        let guild = data["guild_id"].as_str().unwrap_or_default().to_string();
        let registered = self
            .shared
            .registered
            .lock()
            .map(|r| r.clone())
            .unwrap_or_default();
        let found = registered
            .get(&(guild.clone(), name.clone()))
            .or_else(|| registered.get(&("global".to_string(), name.clone())));
        let Some(required) = found else {
            panic!("Discord offers no command {name:?} in guild {guild}: not registered there ({registered:?})");
        };
        if let Some(required) = required {
            let has: u64 = data["member"]["permissions"]
                .as_str()
                .and_then(|p| p.parse().ok())
                .unwrap_or(0);
            const ADMINISTRATOR: u64 = 1 << 3;
            assert!(
                has & ADMINISTRATOR != 0 || has & required == *required,
                "Discord hides {name:?} from a member with permissions {has} (needs {required})"
            );
        }
    }

    pub fn api_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Sends a gateway dispatch event to the connected bot. An interaction's
    /// clock starts now, as Discord's does when it creates the interaction.
    pub fn dispatch(&self, name: &'static str, data: Value) {
        if name == "INTERACTION_CREATE" {
            self.check_visible(&data);
        }
        self.dispatch_unchecked(name, data);
    }

    /// [`FakeDiscord::dispatch`] without asking whether Discord would show
    /// the command to the member: for a stale registration, or a client
    /// that forges interactions.
    pub fn dispatch_unchecked(&self, name: &'static str, data: Value) {
        if name == "INTERACTION_CREATE" {
            if let (Some(id), Some(token)) = (data["id"].as_str(), data["token"].as_str()) {
                if let Ok(mut pending) = self.shared.interactions.lock() {
                    pending.insert(
                        token.to_string(),
                        Pending {
                            id: id.to_string(),
                            kind: data["type"].as_u64().unwrap_or(0),
                            created: Instant::now(),
                            responded: None,
                        },
                    );
                }
            }
        }
        let shard = self.shared.shard_of(&data);
        let _ = self
            .shared
            .queue(shard)
            .tx
            .send(Control::Dispatch(name, data));
    }

    /// Shortens the first-response limit (default: Discord's 3 s), only so
    /// that a test of a late answer need not wait seconds.
    pub fn first_response_within(&self, limit: Duration) {
        if let Ok(mut l) = self.shared.first_response_limit.lock() {
            *l = limit;
        }
    }

    /// A file a member attached to a command, served at its `url` (and
    /// `proxy_url`) on 127.0.0.1; the attachment object as Discord puts it
    /// in an interaction's `data.resolved.attachments`. A test may change
    /// its `size` afterwards: Discord's is the uploader client's word.
    pub fn attachment(&self, filename: &str, content: &[u8]) -> Value {
        let id = self.shared.next_id.fetch_add(1, Ordering::SeqCst);
        let path = format!("/attachments/{CHANNEL_ID}/{id}/{}", url_encoded(filename));
        if let Ok(mut files) = self.shared.files.lock() {
            files.insert(path.clone(), content.to_vec());
        }
        let content_type = match filename.rsplit_once('.').map(|(_, e)| e) {
            Some("txt") => "text/plain; charset=utf-8",
            Some("md") => "text/markdown; charset=utf-8",
            _ => "application/octet-stream",
        };
        json!({
            "id": id.to_string(), "filename": filename, "size": content.len(),
            "url": format!("{}{path}?ex=1&is=2&hm=3", self.api_url()),
            "proxy_url": format!("{}/media{path}?ex=1&is=2&hm=3", self.api_url()),
            "content_type": content_type,
        })
    }

    /// Adds `thread` (see [`thread`]) and announces it with THREAD_CREATE,
    /// as Discord does when a member opens a thread or a forum post.
    pub fn create_thread(&self, thread: Value) {
        self.add_unannounced_thread(thread.clone());
        let mut created = thread;
        created["newly_created"] = json!(true);
        self.dispatch("THREAD_CREATE", created);
    }

    /// Adds `thread` without telling the bot: Discord knows it and serves
    /// it, but its THREAD_CREATE never reached the bot.
    pub fn add_unannounced_thread(&self, thread: Value) {
        if let Ok(mut channels) = self.shared.channels.lock() {
            channels.insert(id_of(&thread), thread);
        }
    }

    /// THREAD_LIST_SYNC for `parents`: their active threads, as Discord
    /// sends when the bot gains access to those channels.
    pub fn sync_threads(&self, parents: &[u64]) {
        let parent_ids: Vec<String> = parents.iter().map(u64::to_string).collect();
        let threads: Vec<Value> = self
            .shared
            .channels
            .lock()
            .map(|c| c.values().cloned().collect::<Vec<_>>())
            .unwrap_or_default()
            .into_iter()
            .filter(|c| is_thread(c) && parent_ids.iter().any(|p| c["parent_id"] == *p))
            .collect();
        self.dispatch(
            "THREAD_LIST_SYNC",
            json!({ "guild_id": GUILD_ID.to_string(), "channel_ids": parent_ids,
                    "threads": threads, "members": [] }),
        );
    }

    /// Asks the bot to reconnect (op 7).
    pub fn reconnect(&self) {
        let _ = self.shared.queue(0).tx.send(Control::Reconnect);
    }

    /// Answers the next `n` message sends with 429 Too Many Requests.
    pub fn rate_limit_next(&self, n: u32) {
        self.shared.rate_limit.store(n, Ordering::SeqCst);
    }

    /// Answers command registration in a server with 403 Missing Access, as
    /// Discord does when the bot was invited without `applications.commands`.
    pub fn refuse_registration(&self) {
        self.shared
            .refuse_registration
            .store(true, Ordering::SeqCst);
    }

    /// Holds READY back after the next IDENTIFY, as a slow gateway would,
    /// until [`FakeDiscord::release_ready`].
    pub fn hold_ready(&self) {
        self.shared.hold_ready.store(true, Ordering::SeqCst);
    }

    /// Sends the READY held back (at once if IDENTIFY has not come yet).
    pub fn release_ready(&self) {
        let _ = self.shared.queue(0).tx.send(Control::Ready);
    }

    /// How many gateway connections the bot opened.
    pub fn connections(&self) -> u32 {
        self.shared.connections.load(Ordering::SeqCst)
    }

    /// How many times the bot identified (a resumed session does not).
    /// The shard `[id, total]` each IDENTIFY asked for, in order.
    pub fn identified_shards(&self) -> Vec<(u64, u64)> {
        self.shared
            .identified
            .lock()
            .map(|v| v.clone())
            .unwrap_or_default()
    }

    pub fn identifies(&self) -> u32 {
        self.shared.identifies.load(Ordering::SeqCst)
    }

    pub fn calls(&self) -> Vec<Call> {
        self.shared
            .calls
            .lock()
            .map(|c| c.clone())
            .unwrap_or_default()
    }

    /// Waits (bounded) for a call matching `pred`.
    pub async fn wait_for(&self, what: &str, pred: impl Fn(&Call) -> bool) -> Call {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(15);
        loop {
            if let Some(c) = self.calls().into_iter().find(|c| pred(c)) {
                return c;
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "timed out waiting for {what}; calls: {:#?}",
                self.calls()
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
}

impl FakeDiscord {
    /// [`FakeDiscord::wait_for`] without tokio's timer, which stops while
    /// every runtime thread is busy: for a test that must see through a
    /// blocked runtime. It blocks the test's own thread only.
    pub fn wait_for_blocking(&self, what: &str, pred: impl Fn(&Call) -> bool) -> Call {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            if let Some(c) = self.calls().into_iter().find(|c| pred(c)) {
                return c;
            }
            assert!(Instant::now() < deadline, "timed out waiting for {what}");
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

fn user(id: u64, name: &str, bot: bool) -> Value {
    json!({ "id": id.to_string(), "username": name, "discriminator": "0", "global_name": null, "avatar": null, "bot": bot })
}

pub fn member(id: u64, name: &str, permissions: u64, roles: &[u64]) -> Value {
    json!({
        "user": user(id, name, false),
        "roles": roles.iter().map(|r| r.to_string()).collect::<Vec<_>>(),
        "joined_at": "2025-01-01T00:00:00+00:00",
        "deaf": false, "mute": false, "flags": 0,
        "permissions": permissions.to_string(),
    })
}

/// A MESSAGE_CREATE payload.
pub fn message(id: u64, author: u64, content: &str, mentions_bot: bool, bot_author: bool) -> Value {
    let mentions = if mentions_bot {
        vec![user(BOT_ID, "claimbot", true)]
    } else {
        vec![]
    };
    json!({
        "id": id.to_string(), "channel_id": CHANNEL_ID.to_string(), "guild_id": GUILD_ID.to_string(),
        "author": user(author, if bot_author { "otherbot" } else { "member" }, bot_author),
        "member": { "roles": [], "joined_at": "2025-01-01T00:00:00+00:00", "deaf": false, "mute": false, "flags": 0 },
        "content": content, "timestamp": "2025-06-01T12:00:00+00:00", "edited_timestamp": null,
        "tts": false, "mention_everyone": false, "mentions": mentions, "mention_roles": [],
        "attachments": [], "embeds": [], "pinned": false, "type": 0, "components": [], "sticker_items": [],
    })
}

/// `message` as posted in `channel` (a channel or a thread) instead.
pub fn in_channel(mut message: Value, channel: u64) -> Value {
    message["channel_id"] = json!(channel.to_string());
    message
}

/// A thread channel object: `kind` 11 a public thread (a forum post is
/// one, in a forum), 12 a private thread, 10 an announcement thread;
/// `parent` the channel it was opened in.
pub fn thread(id: u64, parent: u64, kind: u8, name: &str) -> Value {
    json!({
        "id": id.to_string(), "guild_id": GUILD_ID.to_string(), "parent_id": parent.to_string(),
        "owner_id": "7", "name": name, "type": kind, "last_message_id": null,
        "message_count": 0, "member_count": 1, "rate_limit_per_user": 0, "flags": 0,
        "total_message_sent": 0, "applied_tags": [],
        "thread_metadata": { "archived": false, "auto_archive_duration": 1440,
                             "archive_timestamp": "2025-06-01T12:00:00+00:00", "locked": false },
    })
}

fn id_of(channel: &Value) -> u64 {
    channel["id"]
        .as_str()
        .and_then(|id| id.parse().ok())
        .unwrap_or(0)
}

fn is_thread(channel: &Value) -> bool {
    matches!(channel["type"].as_u64(), Some(10..=12))
}

/// The server's channels before any thread.
fn guild_channels() -> Vec<Value> {
    let channel = |id: u64, kind: u8, name: &str, parent: Option<u64>| {
        json!({ "id": id.to_string(), "type": kind, "name": name, "position": 0,
                "permission_overwrites": [], "guild_id": GUILD_ID.to_string(),
                "parent_id": parent.map(|p| p.to_string()) })
    };
    vec![
        channel(CHANNEL_ID, 0, "news", None),
        channel(FORUM_ID, 15, "questions", None),
        channel(CATEGORY_ID, 4, "community", None),
        channel(OTHER_CHANNEL_ID, 0, "off-topic", Some(CATEGORY_ID)),
    ]
}

/// An INTERACTION_CREATE payload for a slash command (type 2) or its
/// autocomplete (type 4).
pub fn interaction(id: u64, kind: u8, name: &str, options: Value, member: Value) -> Value {
    json!({
        "id": id.to_string(), "application_id": APP_ID.to_string(), "type": kind,
        "data": { "id": "5000", "name": name, "type": 1, "options": options },
        "guild_id": GUILD_ID.to_string(), "channel_id": CHANNEL_ID.to_string(),
        "channel": { "id": CHANNEL_ID.to_string(), "type": 0 },
        "member": member, "token": format!("itoken-{id}"), "version": 1,
        "app_permissions": "2248473465835073", "locale": "en-US", "guild_locale": "en-US",
        "entitlements": [], "authorizing_integration_owners": {}, "context": 0,
        "attachment_size_limit": 10485760,
    })
}

/// `interaction` carrying `attachments` in `data.resolved.attachments`, by
/// id, as Discord sends the files of a command's attachment options (whose
/// values are the ids).
pub fn with_attachments(mut interaction: Value, attachments: &[Value]) -> Value {
    let by_id: serde_json::Map<String, Value> = attachments
        .iter()
        .map(|a| (a["id"].as_str().unwrap_or("0").to_string(), a.clone()))
        .collect();
    interaction["data"]["resolved"] = json!({ "attachments": by_id });
    interaction
}

/// A file name as it appears in an attachment's URL.
fn url_encoded(name: &str) -> String {
    name.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'.' | b'-' | b'_' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// An INTERACTION_CREATE payload for a message context-menu command
/// (right-click a message → Apps → `name`): type 2 with `data.type` 3, the
/// message's id in `data.target_id` and the message itself in
/// `data.resolved.messages`, as Discord sends it.
pub fn message_menu(id: u64, name: &str, target: Value, member: Value) -> Value {
    let mut i = interaction(id, 2, name, json!(null), member);
    let target_id = target["id"].clone();
    i["data"] = json!({
        "id": "5001", "name": name, "type": 3, "target_id": target_id,
        "resolved": { "messages": { target_id.as_str().unwrap_or("0"): target } },
    });
    i
}

/// An INTERACTION_CREATE payload for a button pressed (type 3,
/// `data.component_type` 2) on a message of the bot's. Like every
/// interaction it must get its first response within 3 s.
pub fn button_press(id: u64, custom_id: &str, member: Value) -> Value {
    let mut i = interaction(id, 3, "", json!(null), member);
    i["data"] = json!({ "custom_id": custom_id, "component_type": 2 });
    let mut shown = message(800_000 + id, BOT_ID, "", false, true);
    shown["author"] = user(BOT_ID, "claimbot", true);
    i["message"] = shown;
    i
}

/// GUILD_CREATE: the server, its channels and its active threads.
fn guild(shared: &Shared) -> Value {
    let all: Vec<Value> = shared
        .channels
        .lock()
        .map(|c| c.values().cloned().collect())
        .unwrap_or_default();
    let (threads, channels): (Vec<Value>, Vec<Value>) = all.into_iter().partition(is_thread);
    json!({
        "id": GUILD_ID.to_string(), "name": "Test server", "icon": null, "owner_id": "1",
        "verification_level": 0, "default_message_notifications": 0, "explicit_content_filter": 0,
        "roles": [], "emojis": [], "features": [], "mfa_level": 0, "system_channel_flags": 0,
        "premium_tier": 0, "preferred_locale": "en-US", "nsfw_level": 0, "stickers": [],
        "premium_progress_bar_enabled": false, "joined_at": "2025-01-01T00:00:00+00:00",
        "large": false, "unavailable": false, "member_count": 2, "voice_states": [], "members": [],
        "channels": channels,
        "threads": threads, "presences": [], "stage_instances": [], "guild_scheduled_events": [],
    })
}

async fn gateway(ws: WebSocketUpgrade, State(shared): State<Shared>) -> Response {
    shared.connections.fetch_add(1, Ordering::SeqCst);
    ws.on_upgrade(move |socket| session(socket, shared))
}

async fn send(socket: &mut WebSocket, value: Value) -> bool {
    socket
        .send(Message::Text(value.to_string().into()))
        .await
        .is_ok()
}

/// READY for shard 0 of 1, then the guild.
async fn send_ready(
    socket: &mut WebSocket,
    seq: &mut u64,
    shared: &Shared,
    gateway_url: &str,
    shard: (u64, u64),
) {
    *seq += 1;
    let ready = json!({
        "v": 10, "user": user(BOT_ID, "claimbot", true),
        "guilds": [{ "id": GUILD_ID.to_string(), "unavailable": true }],
        "session_id": format!("session-{}-{}", shard.0, shard.1), "resume_gateway_url": gateway_url,
        "shard": [shard.0, shard.1], "application": { "id": APP_ID.to_string(), "flags": 0 },
    });
    send(
        socket,
        json!({ "op": 0, "s": *seq, "t": "READY", "d": ready }),
    )
    .await;
    *seq += 1;
    send(
        socket,
        json!({ "op": 0, "s": *seq, "t": "GUILD_CREATE", "d": guild(shared) }),
    )
    .await;
}

/// One gateway connection.
async fn session(mut socket: WebSocket, shared: Shared) {
    if !send(
        &mut socket,
        json!({ "op": 10, "d": { "heartbeat_interval": 41250 } }),
    )
    .await
    {
        return;
    }
    let mut seq: u64 = 0;
    let gateway_url = format!("ws://{}/gateway", shared.addr);
    // IDENTIFY came while READY was held back.
    let mut identified = false;
    // The shard this session identified (or resumed) as: `[id, total]`.
    let shard: (u64, u64);
    // Until IDENTIFY or RESUME says which shard this is, only the socket.
    loop {
        let Some(Ok(message)) = socket.recv().await else {
            return;
        };
        let Message::Text(text) = message else {
            if matches!(message, Message::Close(_)) {
                return;
            }
            continue;
        };
        let Ok(payload) = serde_json::from_str::<Value>(&text) else {
            continue;
        };
        match payload["op"].as_u64() {
            Some(1) => {
                send(&mut socket, json!({ "op": 11 })).await;
            }
            Some(2) => {
                shared.identifies.fetch_add(1, Ordering::SeqCst);
                let asked = &payload["d"]["shard"];
                shard = (
                    asked[0].as_u64().unwrap_or(0),
                    asked[1].as_u64().unwrap_or(1),
                );
                shared.total.store(shard.1.max(1), Ordering::SeqCst);
                if let Ok(mut identified) = shared.identified.lock() {
                    identified.push(shard);
                }
                if shared.hold_ready.load(Ordering::SeqCst) {
                    identified = true;
                } else {
                    send_ready(&mut socket, &mut seq, &shared, &gateway_url, shard).await;
                }
                break;
            }
            Some(6) => {
                // The session id says which shard resumes.
                let session = payload["d"]["session_id"].as_str().unwrap_or_default();
                let mut parts = session.rsplit('-');
                let total = parts.next().and_then(|t| t.parse().ok()).unwrap_or(1);
                let id = parts.next().and_then(|t| t.parse().ok()).unwrap_or(0);
                shard = (id, total);
                seq += 1;
                send(
                    &mut socket,
                    json!({ "op": 0, "s": seq, "t": "RESUMED", "d": {} }),
                )
                .await;
                break;
            }
            _ => {}
        }
    }
    let queue = shared.queue(shard.0);
    let mut events = queue.rx.lock().await;
    loop {
        tokio::select! {
            incoming = socket.recv() => {
                let Some(Ok(message)) = incoming else { return };
                let text = match message {
                    Message::Text(t) => t.to_string(),
                    Message::Close(_) => return,
                    _ => continue,
                };
                let Ok(payload) = serde_json::from_str::<Value>(&text) else { continue };
                // Identified: only heartbeats (a session identifies once).
                if payload["op"].as_u64() == Some(1) {
                    send(&mut socket, json!({ "op": 11 })).await;
                }
            }
            control = events.recv() => {
                match control {
                    Some(Control::Dispatch(name, data)) => {
                        seq += 1;
                        if !send(&mut socket, json!({ "op": 0, "s": seq, "t": name, "d": data })).await {
                            return;
                        }
                    }
                    Some(Control::Ready) => {
                        shared.hold_ready.store(false, Ordering::SeqCst);
                        if std::mem::take(&mut identified) {
                            send_ready(&mut socket, &mut seq, &shared, &gateway_url, shard).await;
                        }
                    }
                    Some(Control::Reconnect) => {
                        send(&mut socket, json!({ "op": 7, "d": null })).await;
                        // The bot closes and connects again; this session ends.
                        drop(events);
                        let _ = tokio::time::timeout(Duration::from_secs(5), async {
                            while let Some(Ok(m)) = socket.recv().await {
                                if matches!(m, Message::Close(_)) { break; }
                            }
                        }).await;
                        return;
                    }
                    None => return,
                }
            }
        }
    }
}

/// Every REST call: recorded, then answered like Discord would.
async fn rest(State(shared): State<Shared>, request: Request) -> Response {
    let method = request.method().clone();
    let path = request.uri().path().to_string();
    if path.starts_with("/attachments/") || path.starts_with("/media/attachments/") {
        return attached_file(&shared, &method, &path);
    }
    let bytes = axum::body::to_bytes(request.into_body(), 1 << 20)
        .await
        .unwrap_or_default();
    let body: Value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    let sends_message =
        method == Method::POST && (path.ends_with("/messages") || path.ends_with("/callback"));
    if sends_message
        && shared
            .rate_limit
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
            .is_ok()
    {
        if let Ok(mut calls) = shared.calls.lock() {
            calls.push(Call {
                method: format!("{method} (429)"),
                path: path.clone(),
                body: body.clone(),
            });
        }
        let limited = json!({ "message": "You are being rate limited.", "retry_after": 0.2, "global": false, "code": 0 });
        return (
            StatusCode::TOO_MANY_REQUESTS,
            [("retry-after", "1")],
            Json(limited),
        )
            .into_response();
    }
    let p = path.trim_start_matches("/api/v10");
    let refusal = refuse_registration(&shared, &method, p)
        .or_else(|| refuse_unknown_channel(&shared, p))
        .or_else(|| refuse_message(&method, p, &body))
        .or_else(|| refuse_interaction(&shared, &method, p, &body));
    // Recorded before the call is, so that a test that saw the
    // registration sees its commands.
    if refusal.is_none() && method == Method::PUT && p.ends_with("/commands") {
        record_registration(&shared, p, &body);
    }
    if let Ok(mut calls) = shared.calls.lock() {
        calls.push(Call {
            method: match &refusal {
                Some((status, _)) => format!("{method} ({})", status.as_u16()),
                None => method.to_string(),
            },
            path: path.clone(),
            body: body.clone(),
        });
    }
    if let Some((status, error)) = refusal {
        return (status, Json(error)).into_response();
    }
    if p == "/gateway/bot" {
        let url = format!("ws://{}/gateway", shared.addr);
        let limit =
            json!({ "total": 1000, "remaining": 1000, "reset_after": 0, "max_concurrency": 1 });
        return Json(json!({ "url": url, "shards": 1, "session_start_limit": limit }))
            .into_response();
    }
    if p == "/gateway" {
        return Json(json!({ "url": format!("ws://{}/gateway", shared.addr) })).into_response();
    }
    if p == "/users/@me" {
        return Json(user(BOT_ID, "claimbot", true)).into_response();
    }
    if p.ends_with("/commands") && method == Method::PUT {
        return Json(json!([])).into_response();
    }
    if let (Some(id), true) = (p.strip_prefix("/channels/"), method == Method::GET) {
        let channel = id
            .parse::<u64>()
            .ok()
            .and_then(|id| shared.channels.lock().ok()?.get(&id).cloned());
        if let Some(channel) = channel {
            return Json(channel).into_response();
        }
    }
    if p.ends_with("/callback") {
        return StatusCode::NO_CONTENT.into_response();
    }
    // A message the bot sent (a reply, or an interaction follow-up).
    let sent = p.starts_with("/channels/") && p.ends_with("/messages") && method == Method::POST;
    if sent || p.starts_with("/webhooks/") {
        let id = shared.next_id.fetch_add(1, Ordering::SeqCst);
        let mut m = message(
            id,
            BOT_ID,
            body["content"].as_str().unwrap_or(""),
            false,
            true,
        );
        m["author"] = user(BOT_ID, "claimbot", true);
        m["embeds"] = json!([]);
        return Json(m).into_response();
    }
    Json(json!({})).into_response()
}

/// An attached file, as the CDN serves it (recorded like a REST call).
fn attached_file(shared: &Shared, method: &Method, path: &str) -> Response {
    let key = path.trim_start_matches("/media");
    let file = shared
        .files
        .lock()
        .ok()
        .and_then(|f| f.get(key).cloned())
        .filter(|_| *method == Method::GET);
    if let Ok(mut calls) = shared.calls.lock() {
        calls.push(Call {
            method: match file {
                Some(_) => method.to_string(),
                None => format!("{method} (404)"),
            },
            path: path.to_string(),
            body: Value::Null,
        });
    }
    match file {
        Some(bytes) => bytes.into_response(),
        None => (StatusCode::NOT_FOUND, "404: Not Found").into_response(),
    }
}

/// A bulk overwrite of a scope's commands (`PUT …/commands`): the scope
/// now has exactly these.
fn record_registration(shared: &Shared, p: &str, body: &Value) {
    let scope = p
        .split("/guilds/")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .unwrap_or("global")
        .to_string();
    let Ok(mut registered) = shared.registered.lock() else {
        return;
    };
    registered.retain(|(s, _), _| *s != scope);
    for command in body.as_array().into_iter().flatten() {
        let name = command["name"].as_str().unwrap_or_default().to_string();
        let permissions = command["default_member_permissions"]
            .as_str()
            .and_then(|p| p.parse().ok());
        registered.insert((scope.clone(), name), permissions);
    }
}

fn discord_error(status: StatusCode, code: u32, message: &str) -> Option<(StatusCode, Value)> {
    Some((status, json!({ "message": message, "code": code })))
}

/// Registration in a server the bot is not in, or without access.
fn refuse_registration(shared: &Shared, method: &Method, p: &str) -> Option<(StatusCode, Value)> {
    if *method != Method::PUT {
        return None;
    }
    let guild = p
        .strip_prefix(&format!("/applications/{APP_ID}/guilds/"))?
        .strip_suffix("/commands")?;
    if guild != GUILD_ID.to_string() {
        return discord_error(StatusCode::NOT_FOUND, 10004, "Unknown Guild");
    }
    if shared.refuse_registration.load(Ordering::SeqCst) {
        return discord_error(StatusCode::FORBIDDEN, 50001, "Missing Access");
    }
    None
}

/// Anything under `/channels/{id}` for a channel the server does not have.
fn refuse_unknown_channel(shared: &Shared, p: &str) -> Option<(StatusCode, Value)> {
    let id = p.strip_prefix("/channels/")?.split('/').next()?;
    let known = id
        .parse::<u64>()
        .ok()
        .is_some_and(|id| shared.channels.lock().is_ok_and(|c| c.contains_key(&id)));
    if known {
        return None;
    }
    discord_error(StatusCode::NOT_FOUND, 10003, "Unknown Channel")
}

/// The first response within the time limit and only once; follow-ups and
/// edits after it, for 15 minutes.
fn refuse_interaction(
    shared: &Shared,
    method: &Method,
    p: &str,
    body: &Value,
) -> Option<(StatusCode, Value)> {
    let segments: Vec<&str> = p.trim_start_matches('/').split('/').collect();
    let limit = shared
        .first_response_limit
        .lock()
        .map(|l| *l)
        .unwrap_or(FIRST_RESPONSE_LIMIT);
    let mut pending = shared.interactions.lock().ok()?;
    match segments.as_slice() {
        ["interactions", id, token, "callback"] => {
            let unknown = || discord_error(StatusCode::NOT_FOUND, 10062, "Unknown interaction");
            let Some(p) = pending.get_mut(*token).filter(|p| p.id == *id) else {
                return unknown();
            };
            if p.responded.is_some() {
                return discord_error(
                    StatusCode::BAD_REQUEST,
                    40060,
                    "Interaction has already been acknowledged.",
                );
            }
            if p.created.elapsed() > limit {
                return unknown();
            }
            // Updating "the message the interaction is on": only a button
            // press (or a modal opened from one) is on a message.
            let updates = matches!(body["type"].as_u64(), Some(6 | 7));
            if updates && !matches!(p.kind, 3 | 5) {
                let mut errors = json!({});
                let message = "This interaction has no message to update.".to_string();
                form_error(
                    &mut errors,
                    "type",
                    "INTERACTION_RESPONSE_TYPE_INVALID",
                    message,
                );
                return Some((
                    StatusCode::BAD_REQUEST,
                    json!({ "message": "Invalid Form Body", "code": 50035, "errors": errors }),
                ));
            }
            if *method == Method::POST {
                p.responded = Some(Instant::now());
            }
            None
        }
        ["webhooks", app, token, ..] => {
            let unknown = || discord_error(StatusCode::NOT_FOUND, 10015, "Unknown Webhook");
            if *app != APP_ID.to_string() {
                return unknown();
            }
            let Some(responded) = pending.get(*token).and_then(|p| p.responded) else {
                return unknown();
            };
            if responded.elapsed() > WEBHOOK_LIFETIME {
                return discord_error(StatusCode::UNAUTHORIZED, 50027, "Invalid Webhook Token");
            }
            None
        }
        _ => None,
    }
}

/// The message a call sends or edits, if it sends one.
fn message_of<'a>(method: &Method, p: &str, body: &'a Value) -> Option<&'a Value> {
    if p.ends_with("/callback") {
        // 4: a message; 7: an update; 5 and 6 (deferrals) may carry flags only.
        return matches!(body["type"].as_u64(), Some(4 | 7)).then_some(&body["data"]);
    }
    let sends = p.starts_with("/channels/") && p.ends_with("/messages") && *method == Method::POST;
    let webhook = p.starts_with("/webhooks/") && matches!(*method, Method::POST | Method::PATCH);
    (sends || webhook).then_some(body)
}

fn chars(v: &Value) -> usize {
    v.as_str().map_or(0, |s| s.chars().count())
}

/// Adds one error to Discord's nested form-error object at `path`
/// (`embeds.0.description` → `{"embeds":{"0":{"description":{"_errors":[…]}}}}`).
fn form_error(errors: &mut Value, path: &str, code: &str, message: String) {
    let mut at = errors;
    for key in path.split('.') {
        at = &mut at[key];
    }
    if !at["_errors"].is_array() {
        at["_errors"] = json!([]);
    }
    if let Some(list) = at["_errors"].as_array_mut() {
        list.push(json!({ "code": code, "message": message }));
    }
}

/// Content and embeds within Discord's limits, or its 400 Invalid Form Body.
fn refuse_message(method: &Method, p: &str, body: &Value) -> Option<(StatusCode, Value)> {
    let message = message_of(method, p, body)?;
    let mut errors = json!({});
    let mut refused = false;
    let mut too_long = |errors: &mut Value, path: &str, len: usize, max: usize| {
        if len > max {
            refused = true;
            let message = format!("Must be {max} or fewer in length.");
            form_error(errors, path, "BASE_TYPE_MAX_LENGTH", message);
        }
    };
    too_long(&mut errors, "content", chars(&message["content"]), CONTENT);
    let embeds = message["embeds"].as_array().cloned().unwrap_or_default();
    too_long(&mut errors, "embeds", embeds.len(), EMBEDS);
    let mut oversized = Vec::new();
    for (i, e) in embeds.iter().enumerate() {
        let fields = e["fields"].as_array().cloned().unwrap_or_default();
        too_long(
            &mut errors,
            &format!("embeds.{i}.title"),
            chars(&e["title"]),
            EMBED_TITLE,
        );
        let description = chars(&e["description"]);
        too_long(
            &mut errors,
            &format!("embeds.{i}.description"),
            description,
            EMBED_DESCRIPTION,
        );
        let footer = chars(&e["footer"]["text"]);
        too_long(
            &mut errors,
            &format!("embeds.{i}.footer.text"),
            footer,
            FOOTER,
        );
        let author = chars(&e["author"]["name"]);
        too_long(
            &mut errors,
            &format!("embeds.{i}.author.name"),
            author,
            AUTHOR,
        );
        too_long(
            &mut errors,
            &format!("embeds.{i}.fields"),
            fields.len(),
            FIELDS,
        );
        for (j, f) in fields.iter().enumerate() {
            let (name, value) = (chars(&f["name"]), chars(&f["value"]));
            too_long(
                &mut errors,
                &format!("embeds.{i}.fields.{j}.name"),
                name,
                FIELD_NAME,
            );
            too_long(
                &mut errors,
                &format!("embeds.{i}.fields.{j}.value"),
                value,
                FIELD_VALUE,
            );
        }
        let total = chars(&e["title"])
            + description
            + footer
            + author
            + fields
                .iter()
                .map(|f| chars(&f["name"]) + chars(&f["value"]))
                .sum::<usize>();
        if total > EMBED_TOTAL {
            oversized.push(i);
        }
    }
    // Buttons: at most 5 rows of 5, a custom id of at most 100 characters,
    // none twice in a message, and a label of at most 80.
    let rows = message["components"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    too_long(&mut errors, "components", rows.len(), 5);
    let mut ids = std::collections::HashSet::new();
    let mut duplicated = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        let items = row["components"].as_array().cloned().unwrap_or_default();
        too_long(
            &mut errors,
            &format!("components.{i}.components"),
            items.len(),
            5,
        );
        for (j, b) in items.iter().enumerate() {
            let at = format!("components.{i}.components.{j}");
            too_long(
                &mut errors,
                &format!("{at}.custom_id"),
                chars(&b["custom_id"]),
                100,
            );
            too_long(&mut errors, &format!("{at}.label"), chars(&b["label"]), 80);
            if let Some(id) = b["custom_id"].as_str() {
                if !ids.insert(id.to_string()) {
                    duplicated.push(format!("{at}.custom_id"));
                }
            }
        }
    }
    for at in duplicated {
        refused = true;
        let message = "Component custom id cannot be duplicated".to_string();
        form_error(&mut errors, &at, "COMPONENT_CUSTOM_ID_DUPLICATED", message);
    }
    for i in oversized {
        refused = true;
        let message = format!("Embed size exceeds maximum size of {EMBED_TOTAL}");
        form_error(
            &mut errors,
            &format!("embeds.{i}"),
            "MAX_EMBED_SIZE_EXCEEDED",
            message,
        );
    }
    refused.then(|| {
        (
            StatusCode::BAD_REQUEST,
            json!({ "message": "Invalid Form Body", "code": 50035, "errors": errors }),
        )
    })
}
