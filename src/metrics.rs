//! What the bot counts, for Prometheus: every metric's name, its help text,
//! and the small recording calls the Discord layer and the store make.
//!
//! Recording goes through the `metrics` facade: with no recorder installed
//! (the default, `metrics.listen` unset) every call is a no-op. `claimbot
//! run` with a listen address installs the Prometheus recorder ([`install`])
//! and serves [`render`]'s text from its own HTTP handler
//! (`discord::health`); the exporter never opens a listener of its own.
//! Nothing here is async, so the store may record from its blocking
//! threads.

use std::sync::OnceLock;
use std::time::Duration;

use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};

use crate::answer::Answer;
use crate::knowledge::KnowledgeBase;
use crate::verify::Verification;

/// Questions put to the engine, by `path` (mention, channel, ask, ask_message).
pub const QUESTIONS: &str = "claimbot_questions_total";
/// Their outcome, by `path` and `outcome` (answered, abstained).
pub const ANSWERS: &str = "claimbot_answers_total";
/// `/verify` verdicts, by `verdict` (supported, contradicted, not_found).
pub const VERDICTS: &str = "claimbot_verdicts_total";
/// Engine time of one question or statement, by `call` (ask, verify).
pub const ENGINE_SECONDS: &str = "claimbot_engine_seconds";
/// The engine's confidence, by `call` (ask, verify).
pub const CONFIDENCE: &str = "claimbot_confidence";
/// Sends tried again after Discord answered 429.
pub const RETRIES: &str = "claimbot_discord_retries_total";
/// Knowledge-base edits in service, by `action` (add, edit, remove, alias, revert).
pub const EDITS: &str = "claimbot_edits_total";
/// Edits refused (nothing written), by `action`.
pub const EDITS_REFUSED: &str = "claimbot_edits_refused_total";
/// Reloads that put a knowledge base in service, by `trigger` (command, watch).
pub const RELOADS: &str = "claimbot_reloads_total";
/// Reloads that failed and kept the last good knowledge base, by `trigger`.
pub const RELOAD_FAILURES: &str = "claimbot_reload_failures_total";
/// Sources in the knowledge base in service.
pub const SOURCES: &str = "claimbot_knowledge_sources";
/// Claims in the knowledge base in service.
pub const CLAIMS: &str = "claimbot_knowledge_claims";
/// Per `shard`: 1 connected (READY or RESUMED received), 0 not.
pub const SHARD_CONNECTED: &str = "claimbot_shard_connected";

/// Engine time buckets, in seconds, around the README's Performance
/// figures: ask p50 35 µs (bundled) to 140 µs and p99 650 µs (100,000
/// claims), 12.7 ms at worst during a reload on two cores; the top buckets
/// catch a machine in trouble.
const SECONDS_BUCKETS: &[f64] = &[
    0.000_025, 0.000_05, 0.000_1, 0.000_25, 0.000_5, 0.001, 0.002_5, 0.005, 0.01, 0.025, 0.1, 1.0,
];
/// Confidence buckets: tenths of the 0..1 scale the thresholds use.
const CONFIDENCE_BUCKETS: &[f64] = &[0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0];

/// Installs the Prometheus recorder for this process, once (the facade
/// allows one global recorder), and returns its handle. Later calls, such
/// as a second bot in one test process, share it.
pub fn install() -> PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE
        .get_or_init(|| {
            let builder = PrometheusBuilder::new();
            // Both matchers are well-formed and the bucket lists not empty,
            // the only reasons these return an error.
            let builder = match builder
                .set_buckets_for_metric(Matcher::Full(ENGINE_SECONDS.into()), SECONDS_BUCKETS)
                .and_then(|b| {
                    b.set_buckets_for_metric(
                        Matcher::Full(CONFIDENCE.into()),
                        CONFIDENCE_BUCKETS,
                    )
                }) {
                Ok(b) => b,
                Err(e) => {
                    tracing::warn!(error = %e, "histogram buckets refused; histograms are summaries");
                    PrometheusBuilder::new()
                }
            };
            let recorder = builder.build_recorder();
            let handle = recorder.handle();
            if let Err(e) = metrics::set_global_recorder(recorder) {
                tracing::warn!(error = %e, "another metrics recorder is installed; /metrics stays empty");
            }
            describe();
            handle
        })
        .clone()
}

fn describe() {
    use metrics::{describe_counter, describe_gauge, describe_histogram, Unit};
    describe_counter!(QUESTIONS, "Questions put to the engine, by path.");
    describe_counter!(
        ANSWERS,
        "Questions answered or abstained on, by path and outcome."
    );
    describe_counter!(VERDICTS, "/verify verdicts, by verdict.");
    describe_histogram!(
        ENGINE_SECONDS,
        Unit::Seconds,
        "Engine time of one question or statement."
    );
    describe_histogram!(CONFIDENCE, "The engine's confidence (0..1).");
    describe_counter!(RETRIES, "Discord sends tried again after a 429.");
    describe_counter!(EDITS, "Knowledge-base edits put in service, by action.");
    describe_counter!(EDITS_REFUSED, "Knowledge-base edits refused, by action.");
    describe_counter!(RELOADS, "Knowledge-base reloads, by trigger.");
    describe_counter!(
        RELOAD_FAILURES,
        "Reloads that kept the last good knowledge base, by trigger."
    );
    describe_gauge!(SOURCES, "Sources in the knowledge base in service.");
    describe_gauge!(CLAIMS, "Claims in the knowledge base in service.");
    describe_gauge!(SHARD_CONNECTED, "1 while the shard is connected, else 0.");
}

/// The metrics in Prometheus's text format.
pub fn render(handle: &PrometheusHandle) -> String {
    handle.run_upkeep();
    handle.render()
}

/// A question the engine answered or abstained on, after `took`.
pub fn asked(path: &'static str, answer: &Answer, took: Duration) {
    let outcome = if answer.answered {
        "answered"
    } else {
        "abstained"
    };
    metrics::counter!(QUESTIONS, "path" => path).increment(1);
    metrics::counter!(ANSWERS, "path" => path, "outcome" => outcome).increment(1);
    metrics::histogram!(ENGINE_SECONDS, "call" => "ask").record(took.as_secs_f64());
    metrics::histogram!(CONFIDENCE, "call" => "ask").record(f64::from(answer.confidence));
}

/// A statement the engine judged, after `took`.
pub fn verified(v: &Verification, took: Duration) {
    metrics::counter!(VERDICTS, "verdict" => v.verdict.as_str()).increment(1);
    metrics::histogram!(ENGINE_SECONDS, "call" => "verify").record(took.as_secs_f64());
    metrics::histogram!(CONFIDENCE, "call" => "verify").record(f64::from(v.confidence));
}

/// A send tried again after a 429.
pub fn retried() {
    metrics::counter!(RETRIES).increment(1);
}

/// An edit's outcome: in service, or refused.
pub fn edited<T, E>(action: &str, outcome: &Result<T, E>) {
    let name = if outcome.is_ok() {
        EDITS
    } else {
        EDITS_REFUSED
    };
    metrics::counter!(name, "action" => action.to_string()).increment(1);
}

/// A reload's outcome; `trigger` is "command" or "watch".
pub fn reloaded<T, E>(trigger: &'static str, outcome: &Result<T, E>) {
    let name = if outcome.is_ok() {
        RELOADS
    } else {
        RELOAD_FAILURES
    };
    metrics::counter!(name, "trigger" => trigger).increment(1);
}

/// The size of the knowledge base now in service.
pub fn in_service(kb: &KnowledgeBase) {
    metrics::gauge!(SOURCES).set(kb.sources.len() as f64);
    metrics::gauge!(CLAIMS).set(kb.claims.len() as f64);
}

/// Whether shard `id` is connected.
pub fn shard(id: u32, connected: bool) {
    metrics::gauge!(SHARD_CONNECTED, "shard" => id.to_string()).set(if connected {
        1.0
    } else {
        0.0
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn histograms_render_with_the_configured_buckets() {
        let handle = install();
        metrics::histogram!(ENGINE_SECONDS, "call" => "unit-test").record(0.003);
        let text = render(&handle);
        assert!(
            text.contains(r#"claimbot_engine_seconds_bucket{call="unit-test",le="0.005"} 1"#),
            "{text}"
        );
        assert!(
            text.contains(r#"claimbot_engine_seconds_bucket{call="unit-test",le="0.0025"} 0"#),
            "{text}"
        );
    }
}
