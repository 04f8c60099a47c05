//! The real bot, started in-process against the fake Discord, over a small
//! knowledge base of its own.

use std::path::Path;
use std::time::Duration;

use claimbot::config::Settings;
use claimbot::discord::Hooks;
use serde_json::{json, Value};
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use super::fake_discord::{FakeDiscord, GUILD_ID, TOKEN};

/// Manage Server.
pub const MANAGE_GUILD: u64 = 1 << 5;

pub const ARTICLE: &str = "Ukraine and Russia carried out their biggest prisoner exchange since the 2022 invasion, each side releasing 390 people. The exchange included 270 military personnel and 120 civilians per side. The swap took place on the Ukrainian border with Belarus following direct talks held a week earlier in Istanbul.";
pub const CLAIMS: &str = "[source]\ntitle = \"Prisoner exchange\"\n\n[[claims]]\nid = \"civilians-per-side\"\nanswer = \"120 civilians on each side.\"\nquote = \"120 civilians per side\"\nquestions = [\"How many civilians were freed?\"]\n";

/// A running bot; `stop` shuts it down and checks it stopped cleanly.
pub struct Bot {
    stop: Option<oneshot::Sender<()>>,
    task: JoinHandle<Result<(), claimbot::discord::RunError>>,
}

impl Bot {
    pub async fn stop(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        let finished = tokio::time::timeout(Duration::from_secs(10), &mut self.task).await;
        assert!(finished.is_ok(), "the bot shuts down cleanly");
    }

    /// Waits for the bot to stop by itself and gives its outcome.
    pub async fn outcome(&mut self) -> Result<(), claimbot::discord::RunError> {
        match tokio::time::timeout(Duration::from_secs(15), &mut self.task).await {
            Ok(Ok(result)) => result,
            Ok(Err(e)) => panic!("the bot's task failed: {e}"),
            Err(_) => panic!("the bot did not stop"),
        }
    }
}

/// A knowledge directory with [`ARTICLE`] and [`CLAIMS`].
pub fn knowledge_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("swap.txt"), ARTICLE).expect("write");
    std::fs::write(dir.path().join("swap.toml"), CLAIMS).expect("write");
    dir
}

/// Starts the bot against `fake` over `kb`, with settings `extra` on top
/// of the test's own (home guild, no cooldown).
pub fn start(fake: &FakeDiscord, kb: &Path, extra: &[(&str, &str)], hooks: Hooks) -> Bot {
    let mut env: Vec<(String, String)> = vec![
        ("DISCORD_TOKEN".into(), TOKEN.into()),
        ("CLAIMBOT_DISCORD__API_URL".into(), fake.api_url()),
        ("CLAIMBOT_DISCORD__GUILD_ID".into(), GUILD_ID.to_string()),
        ("CLAIMBOT_DISCORD__COOLDOWN_SECONDS".into(), "0".into()),
        (
            "CLAIMBOT_KNOWLEDGE__DIR".into(),
            kb.to_string_lossy().into(),
        ),
        (
            "CLAIMBOT_DISCORD__UNANSWERED_LOG".into(),
            kb.join("unanswered.jsonl").to_string_lossy().into(),
        ),
    ];
    env.extend(extra.iter().map(|(k, v)| (k.to_string(), v.to_string())));
    let settings =
        Settings::load_from(None, Path::new("/nonexistent/local.toml"), &env).expect("settings");
    let (tx, rx) = oneshot::channel::<()>();
    let shutdown = async move {
        let _ = rx.await;
    };
    let task = tokio::spawn(claimbot::discord::run_with_hooks(settings, shutdown, hooks));
    Bot {
        stop: Some(tx),
        task,
    }
}

/// The options of `/kb add` for the claim `talks-city`.
pub fn add_talks_city() -> Value {
    json!([{ "name": "add", "type": 1, "options": [
        { "name": "source", "type": 3, "value": "swap" },
        { "name": "id", "type": 3, "value": "talks-city" },
        { "name": "answer", "type": 3, "value": "In Istanbul, a week before the swap." },
        { "name": "quote", "type": 3, "value": "direct talks held a week earlier in Istanbul" },
        { "name": "questions", "type": 3, "value": "Which city hosted the negotiations?|Where did they negotiate?" },
    ]}])
}
