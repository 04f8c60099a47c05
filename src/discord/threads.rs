//! The channel a thread hangs off, so that questions in threads and forum
//! posts under an answer channel are answered like the channel's own.
//!
//! serenity 0.12's cache keeps the threads of GUILD_CREATE, THREAD_CREATE
//! and THREAD_UPDATE (in `Guild::threads`, not among the channels), but
//! not those of THREAD_LIST_SYNC, nor a thread whose event the bot
//! missed. Those are asked of Discord (GET /channels/{id}) once per
//! thread, and the answer kept in a small memo.

use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use poise::serenity_prelude as serenity;
use serenity::{ChannelId, ChannelType, GuildChannel, GuildId};
use tokio::sync::OnceCell;

/// How many channels the memo keeps. Far more than the threads active at
/// once in a server the bot serves; the bound only stops a flood of new
/// threads from growing it without end. The least recently used goes.
const MEMO_CAP: usize = 1024;

/// Discord answers a channel lookup in well under a second; one that has
/// not answered by then is given up, and the question left unanswered as
/// in any channel that is not an answer channel.
const LOOKUP_TIMEOUT: Duration = Duration::from_secs(5);

/// How long a failed lookup stands before the next message asks again:
/// long enough that a busy thread costs one call a minute while Discord
/// refuses, short enough that a passing failure heals by itself.
const RETRY_FAILED: Duration = Duration::from_secs(60);

/// What a lookup found out about a channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Found {
    /// A thread (or forum post) directly under this channel.
    Thread(ChannelId),
    /// Not a thread: it stands for itself.
    NotThread,
    /// Discord did not say (refused, unknown, timed out) at this time.
    Failed(Instant),
}

impl Found {
    /// The channel whose settings the channel follows, if another.
    fn parent(self) -> Option<ChannelId> {
        match self {
            Found::Thread(parent) => Some(parent),
            Found::NotThread | Found::Failed(_) => None,
        }
    }
}

/// A channel's lookup, shared by every message that needs it while it runs.
struct Entry {
    found: Arc<OnceCell<Found>>,
    used: Instant,
}

/// Thread id → the channel it is under, for threads the cache does not
/// hold. A std mutex: held for a map access only, never across an
/// `.await`; a lookup runs outside it, so one member's slow lookup holds
/// up only the messages of that same thread.
pub struct ThreadParents {
    memo: Mutex<HashMap<ChannelId, Entry>>,
    cap: usize,
    retry_failed: Duration,
}

impl Default for ThreadParents {
    fn default() -> ThreadParents {
        ThreadParents::new(MEMO_CAP, RETRY_FAILED)
    }
}

impl ThreadParents {
    fn new(cap: usize, retry_failed: Duration) -> ThreadParents {
        ThreadParents {
            memo: Mutex::new(HashMap::new()),
            cap: cap.max(1),
            retry_failed,
        }
    }

    /// The channel that `channel` is a thread of: from serenity's cache,
    /// else from the memo, else asked of Discord. `None` for a channel
    /// that is no thread, and for one Discord would not tell about (logged
    /// at debug).
    pub async fn parent(
        &self,
        ctx: &serenity::Context,
        guild: GuildId,
        channel: ChannelId,
    ) -> Option<ChannelId> {
        if let Some(found) = cached(&ctx.cache, guild, channel) {
            return found.parent();
        }
        self.remembered(channel, fetch(&ctx.http, channel))
            .await
            .parent()
    }

    /// The memo's answer for `channel`, running `lookup` when it has none
    /// (or only an old failure). Messages of one channel that come while
    /// its lookup runs wait for that same lookup.
    async fn remembered(&self, channel: ChannelId, lookup: impl Future<Output = Found>) -> Found {
        let cell = self.cell(channel);
        *cell.get_or_init(|| lookup).await
    }

    /// The lookup for `channel`, a new one if none is kept or the kept one
    /// failed more than `retry_failed` ago. Found and made under one lock,
    /// so that two messages never start two lookups of one channel.
    fn cell(&self, channel: ChannelId) -> Arc<OnceCell<Found>> {
        let now = Instant::now();
        let mut memo = self.memo.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(entry) = memo.get_mut(&channel) {
            let stale = matches!(
                entry.found.get(),
                Some(Found::Failed(at)) if now.duration_since(*at) >= self.retry_failed
            );
            if !stale {
                entry.used = now;
                return Arc::clone(&entry.found);
            }
        } else if memo.len() >= self.cap {
            let oldest = memo.iter().min_by_key(|(_, e)| e.used).map(|(id, _)| *id);
            if let Some(oldest) = oldest {
                memo.remove(&oldest);
            }
        }
        let found = Arc::new(OnceCell::new());
        let entry = Entry {
            found: Arc::clone(&found),
            used: now,
        };
        memo.insert(channel, entry);
        found
    }

    /// How many channels the memo keeps.
    #[cfg(test)]
    fn len(&self) -> usize {
        self.memo.lock().map_or(0, |m| m.len())
    }
}

/// The thread's parent when `channel` is a thread; a channel's own
/// `parent_id` is its category, which does not count.
fn thread_parent(channel: &GuildChannel) -> Option<ChannelId> {
    let thread = matches!(
        channel.kind,
        ChannelType::PublicThread | ChannelType::PrivateThread | ChannelType::NewsThread
    );
    channel.parent_id.filter(|_| thread)
}

fn found_in(channel: &GuildChannel) -> Found {
    thread_parent(channel).map_or(Found::NotThread, Found::Thread)
}

/// What serenity's cache knows of `channel`, if anything.
fn cached(cache: &serenity::Cache, guild: GuildId, channel: ChannelId) -> Option<Found> {
    let guild = cache.guild(guild)?;
    if let Some(thread) = guild.threads.iter().find(|t| t.id == channel) {
        return Some(found_in(thread));
    }
    guild.channels.get(&channel).map(found_in)
}

/// Asks Discord what `channel` is, bounded by [`LOOKUP_TIMEOUT`].
async fn fetch(http: &serenity::Http, channel: ChannelId) -> Found {
    let failed = |reason: String| {
        tracing::debug!(channel = channel.get(), reason = %reason, "could not tell whether a channel is a thread; treated as no answer channel");
        Found::Failed(Instant::now())
    };
    match tokio::time::timeout(LOOKUP_TIMEOUT, http.get_channel(channel)).await {
        Ok(Ok(serenity::Channel::Guild(c))) => found_in(&c),
        Ok(Ok(_)) => Found::NotThread,
        Ok(Err(e)) => failed(e.to_string()),
        Err(_) => failed(format!("no answer within {LOOKUP_TIMEOUT:?}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicU32, Ordering};

    fn id(n: u64) -> ChannelId {
        ChannelId::new(n)
    }

    fn channel(kind: u8, parent: Option<u64>) -> GuildChannel {
        let value = serde_json::json!({
            "id": "40", "type": kind, "name": "c", "guild_id": "1",
            "parent_id": parent.map(|p| p.to_string()),
        });
        serde_json::from_value(value).expect("a channel")
    }

    #[test]
    fn only_a_threads_parent_counts_not_a_channels_category() {
        let cases = [
            (11, Some(3), Some(3)), // public thread, in a text or forum channel
            (12, Some(3), Some(3)), // private thread
            (10, Some(3), Some(3)), // announcement thread
            (0, Some(9), None),     // text channel in category 9
            (15, Some(9), None),    // forum in category 9
            (0, None, None),
        ];
        for (kind, parent, expected) in cases {
            assert_eq!(
                thread_parent(&channel(kind, parent)),
                expected.map(id),
                "type {kind}"
            );
        }
    }

    #[tokio::test]
    async fn messages_of_one_thread_at_once_share_one_lookup() {
        let memo = ThreadParents::default();
        let calls = AtomicU32::new(0);
        let lookup = || async {
            calls.fetch_add(1, Ordering::SeqCst);
            // Still running when the other messages ask.
            for _ in 0..3 {
                tokio::task::yield_now().await;
            }
            Found::Thread(id(3))
        };
        let asked = tokio::join!(
            memo.remembered(id(40), lookup()),
            memo.remembered(id(40), lookup()),
            memo.remembered(id(40), lookup()),
        );
        assert_eq!(
            asked,
            (
                Found::Thread(id(3)),
                Found::Thread(id(3)),
                Found::Thread(id(3))
            )
        );
        memo.remembered(id(40), lookup()).await;
        assert_eq!(calls.load(Ordering::SeqCst), 1);
    }

    #[tokio::test]
    async fn a_failure_is_kept_for_a_while_then_asked_again() {
        let kept = ThreadParents::new(8, Duration::from_secs(3600));
        let failed = Found::Failed(Instant::now());
        assert_eq!(kept.remembered(id(40), async { failed }).await, failed);
        let again = kept.remembered(id(40), async { Found::Thread(id(3)) });
        assert_eq!(again.await, failed, "not asked again at once");

        let retried = ThreadParents::new(8, Duration::ZERO);
        assert_eq!(retried.remembered(id(40), async { failed }).await, failed);
        let again = retried.remembered(id(40), async { Found::Thread(id(3)) });
        assert_eq!(again.await, Found::Thread(id(3)));
    }

    #[tokio::test]
    async fn the_memo_keeps_at_most_its_cap_dropping_the_least_recently_used() {
        let memo = ThreadParents::new(2, RETRY_FAILED);
        memo.remembered(id(1), async { Found::Thread(id(9)) }).await;
        memo.remembered(id(2), async { Found::Thread(id(9)) }).await;
        // 1 used again: 2 is now the least recently used.
        memo.remembered(id(1), async { Found::NotThread }).await;
        memo.remembered(id(3), async { Found::Thread(id(9)) }).await;
        assert_eq!(memo.len(), 2);
        let kept = memo.remembered(id(1), async { Found::NotThread }).await;
        assert_eq!(kept, Found::Thread(id(9)), "1 was kept");
        let dropped = memo.remembered(id(2), async { Found::NotThread }).await;
        assert_eq!(dropped, Found::NotThread, "2 was dropped and asked again");
    }
}
