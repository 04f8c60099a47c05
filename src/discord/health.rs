//! The health and metrics endpoint of `claimbot run` (`metrics.listen`):
//! `/healthz` while the process is up, `/readyz` once every shard is
//! connected and the knowledge base loaded, `/metrics` for Prometheus.
//!
//! axum serves it on the bot's own runtime; the Prometheus exporter only
//! renders ([`crate::metrics`]).

use std::net::SocketAddr;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, OnceLock};

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;
use metrics_exporter_prometheus::PrometheusHandle;
use poise::serenity_prelude as serenity;

use crate::store::Store;

/// What readiness depends on, filled in as the bot starts.
#[derive(Default)]
pub struct Health {
    store: OnceLock<Arc<Store>>,
    shards: OnceLock<Arc<serenity::ShardManager>>,
    /// The shards this process runs (every shard, as it autoshards), from
    /// the first READY; 0 until then.
    shard_total: AtomicU32,
    /// The shards this process runs when `discord.shards` names a range.
    range: OnceLock<std::ops::Range<u32>>,
}

impl Health {
    /// The knowledge base is loaded and in service.
    pub fn loaded(&self, store: Arc<Store>) {
        let _ = self.store.set(store);
    }

    /// The shard manager whose shards readiness waits for.
    pub fn shards(&self, manager: Arc<serenity::ShardManager>) {
        let _ = self.shards.set(manager);
    }

    /// This process runs only these shards (`discord.shards`).
    pub fn range(&self, ids: std::ops::Range<u32>) {
        let _ = self.range.set(ids);
    }

    /// A READY told how many shards there are.
    pub fn ready(&self, ready: &serenity::Ready) {
        let total = ready.shard.map_or(1, |s| s.total);
        self.shard_total.store(total, Ordering::SeqCst);
    }

    /// Each shard this process runs and whether it is connected (READY or
    /// RESUMED received since it last connected); empty before the first
    /// READY.
    async fn shard_states(&self) -> Vec<(u32, bool)> {
        let total = self.shard_total.load(Ordering::SeqCst);
        let Some(manager) = self.shards.get() else {
            return Vec::new();
        };
        // serenity's tokio mutex, held to read the map, never across
        // another `.await`.
        let runners = manager.runners.lock().await;
        let ids = match self.range.get() {
            Some(range) if total > 0 => range.clone(),
            _ => 0..total,
        };
        ids.map(|id| {
            let connected = runners
                .get(&serenity::ShardId(id))
                .is_some_and(|r| matches!(r.stage, serenity::ConnectionStage::Connected));
            (id, connected)
        })
        .collect()
    }

    /// `Ok` when ready; otherwise why not, in one line.
    async fn readiness(&self) -> Result<(), String> {
        if self.store.get().is_none() {
            return Err("the knowledge base is still loading".into());
        }
        let states = self.shard_states().await;
        if states.is_empty() {
            return Err("not connected to Discord yet (no READY)".into());
        }
        let down: Vec<String> = states
            .iter()
            .filter(|(_, connected)| !connected)
            .map(|(id, _)| id.to_string())
            .collect();
        if down.is_empty() {
            Ok(())
        } else {
            Err(format!(
                "shards not connected to Discord: {} (of {})",
                down.join(", "),
                states.len()
            ))
        }
    }
}

/// The endpoint, served until dropped.
pub struct Serving {
    pub addr: SocketAddr,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for Serving {
    fn drop(&mut self) {
        self.task.abort();
    }
}

#[derive(Clone)]
struct Shared {
    health: Arc<Health>,
    metrics: PrometheusHandle,
}

/// Listens on `addr` and serves the endpoint on this runtime.
pub async fn serve(addr: SocketAddr, health: Arc<Health>) -> std::io::Result<Serving> {
    let listener = tokio::net::TcpListener::bind(addr).await?;
    let addr = listener.local_addr()?;
    let shared = Shared {
        health,
        metrics: crate::metrics::install(),
    };
    let app = Router::new()
        .route("/healthz", get(|| async { "ok\n" }))
        .route("/readyz", get(readyz))
        .route("/metrics", get(metrics))
        .with_state(shared);
    let task = tokio::spawn(async move {
        if let Err(e) = axum::serve(listener, app).await {
            tracing::warn!(error = %e, "the health and metrics endpoint stopped");
        }
    });
    if !addr.ip().is_loopback() {
        tracing::warn!(addr = %addr, "the health and metrics endpoint is reachable from other machines (metrics.listen)");
    }
    tracing::info!(addr = %addr, "serving /healthz, /readyz and /metrics");
    Ok(Serving { addr, task })
}

async fn readyz(State(shared): State<Shared>) -> impl IntoResponse {
    match shared.health.readiness().await {
        Ok(()) => (StatusCode::OK, "ready\n".to_string()),
        Err(why) => (StatusCode::SERVICE_UNAVAILABLE, format!("{why}\n")),
    }
}

async fn metrics(State(shared): State<Shared>) -> impl IntoResponse {
    for (id, connected) in shared.health.shard_states().await {
        crate::metrics::shard(id, connected);
    }
    let text = crate::metrics::render(&shared.metrics);
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        text,
    )
}
