//! A small fake Discord on 127.0.0.1: REST under `/api/v10` and the gateway
//! websocket (HELLO, IDENTIFY, heartbeat ACK, READY, GUILD_CREATE, RESUME),
//! with scripted events pushed by the test. Every REST call is recorded.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

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
pub const CHANNEL_ID: u64 = 3000;
/// A token of the right shape; the fake accepts any.
pub const TOKEN: &str = "MTAwMA.fake.token-for-tests";

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
}

#[derive(Clone)]
struct Shared {
    calls: Arc<Mutex<Vec<Call>>>,
    events: Arc<AsyncMutex<mpsc::UnboundedReceiver<Control>>>,
    addr: SocketAddr,
    /// How many of the next message sends to answer with 429.
    rate_limit: Arc<AtomicU32>,
    identifies: Arc<AtomicU32>,
    connections: Arc<AtomicU32>,
    next_id: Arc<AtomicU64>,
}

pub struct FakeDiscord {
    pub addr: SocketAddr,
    shared: Shared,
    events: mpsc::UnboundedSender<Control>,
}

impl FakeDiscord {
    pub async fn start() -> FakeDiscord {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind 127.0.0.1");
        let addr = listener.local_addr().expect("address");
        let (tx, rx) = mpsc::unbounded_channel();
        let shared = Shared {
            calls: Arc::default(),
            events: Arc::new(AsyncMutex::new(rx)),
            addr,
            rate_limit: Arc::default(),
            identifies: Arc::default(),
            connections: Arc::default(),
            next_id: Arc::new(AtomicU64::new(900_000)),
        };
        let app = Router::new()
            .route("/gateway", any(gateway))
            .fallback(rest)
            .with_state(shared.clone());
        tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        FakeDiscord {
            addr,
            shared,
            events: tx,
        }
    }

    pub fn api_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Sends a gateway dispatch event to the connected bot.
    pub fn dispatch(&self, name: &'static str, data: Value) {
        let _ = self.events.send(Control::Dispatch(name, data));
    }

    /// Asks the bot to reconnect (op 7).
    pub fn reconnect(&self) {
        let _ = self.events.send(Control::Reconnect);
    }

    /// Answers the next `n` message sends with 429 Too Many Requests.
    pub fn rate_limit_next(&self, n: u32) {
        self.shared.rate_limit.store(n, Ordering::SeqCst);
    }

    /// How many gateway connections the bot opened.
    pub fn connections(&self) -> u32 {
        self.shared.connections.load(Ordering::SeqCst)
    }

    /// How many times the bot identified (a resumed session does not).
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

fn guild() -> Value {
    json!({
        "id": GUILD_ID.to_string(), "name": "Test server", "icon": null, "owner_id": "1",
        "verification_level": 0, "default_message_notifications": 0, "explicit_content_filter": 0,
        "roles": [], "emojis": [], "features": [], "mfa_level": 0, "system_channel_flags": 0,
        "premium_tier": 0, "preferred_locale": "en-US", "nsfw_level": 0, "stickers": [],
        "premium_progress_bar_enabled": false, "joined_at": "2025-01-01T00:00:00+00:00",
        "large": false, "unavailable": false, "member_count": 2, "voice_states": [], "members": [],
        "channels": [{ "id": CHANNEL_ID.to_string(), "type": 0, "name": "news", "position": 0,
                       "permission_overwrites": [], "guild_id": GUILD_ID.to_string() }],
        "threads": [], "presences": [], "stage_instances": [], "guild_scheduled_events": [],
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
    let mut events = shared.events.lock().await;
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
                match payload["op"].as_u64() {
                    Some(1) => { send(&mut socket, json!({ "op": 11 })).await; }
                    Some(2) => {
                        shared.identifies.fetch_add(1, Ordering::SeqCst);
                        seq += 1;
                        let ready = json!({
                            "v": 10, "user": user(BOT_ID, "claimbot", true),
                            "guilds": [{ "id": GUILD_ID.to_string(), "unavailable": true }],
                            "session_id": "session-1", "resume_gateway_url": gateway_url,
                            "shard": [0, 1], "application": { "id": APP_ID.to_string(), "flags": 0 },
                        });
                        send(&mut socket, json!({ "op": 0, "s": seq, "t": "READY", "d": ready })).await;
                        seq += 1;
                        send(&mut socket, json!({ "op": 0, "s": seq, "t": "GUILD_CREATE", "d": guild() })).await;
                    }
                    Some(6) => {
                        seq += 1;
                        send(&mut socket, json!({ "op": 0, "s": seq, "t": "RESUMED", "d": {} })).await;
                    }
                    _ => {}
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
    if let Ok(mut calls) = shared.calls.lock() {
        calls.push(Call {
            method: method.to_string(),
            path: path.clone(),
            body: body.clone(),
        });
    }
    let p = path.trim_start_matches("/api/v10");
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
