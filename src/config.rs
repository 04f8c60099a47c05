//! Typed configuration, layered: built-in `config/default.toml` → a local
//! file (`config/local.toml`, git-ignored, or `--config FILE`) →
//! `CLAIMBOT_*` environment variables (`CLAIMBOT_KNOWLEDGE__DIR`).

use std::net::{Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::answer::Thresholds;

/// The documented defaults, built in so the binary runs from any folder.
pub const DEFAULTS: &str = include_str!("../config/default.toml");
/// The optional local layer, relative to the working directory.
pub const LOCAL_FILE: &str = "config/local.toml";

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("config file {}: {message}", path.display())]
    Missing { path: PathBuf, message: String },
    #[error("configuration: {0}")]
    Invalid(String),
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    pub knowledge: KnowledgeSettings,
    pub answer: AnswerSettings,
    pub discord: DiscordSettings,
    pub log: LogSettings,
    pub metrics: MetricsSettings,
}

/// The health and metrics endpoint of `claimbot run`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MetricsSettings {
    /// Empty: off. An address and port (`127.0.0.1:9184`), or a port alone
    /// (`9184`), which listens on loopback only.
    pub listen: String,
}

impl MetricsSettings {
    /// Where to listen; `None` when off. Checked when the settings load.
    pub fn listen_addr(&self) -> Result<Option<SocketAddr>, ConfigError> {
        let listen = self.listen.trim();
        if listen.is_empty() {
            return Ok(None);
        }
        let port = listen.strip_prefix(':').unwrap_or(listen);
        if let Ok(port) = port.parse::<u16>() {
            return Ok(Some(SocketAddr::from((Ipv4Addr::LOCALHOST, port))));
        }
        listen.parse().map(Some).map_err(|_| {
            ConfigError::Invalid(format!(
                "metrics.listen must be an IP address and port such as 127.0.0.1:9184 (or a port alone, on loopback), not {listen:?}"
            ))
        })
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KnowledgeSettings {
    pub dir: PathBuf,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnswerSettings {
    /// Unset: the threshold fitted with the answer model.
    #[serde(default)]
    pub min_confidence: Option<f32>,
    pub verify_min_coverage: f32,
}

/// A list of Discord ids: a sequence, or (from one environment variable)
/// a single id or ids separated by commas.
fn ids<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<u64>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Id {
        Number(u64),
        Text(String),
    }
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Ids {
        Many(Vec<Id>),
        One(Id),
    }
    let items = match Ids::deserialize(d)? {
        Ids::Many(v) => v,
        Ids::One(id) => vec![id],
    };
    let mut out = Vec::new();
    for item in items {
        match item {
            Id::Number(id) => out.push(id),
            Id::Text(text) => {
                for t in text.split(',').map(str::trim).filter(|t| !t.is_empty()) {
                    out.push(t.parse().map_err(|_| {
                        serde::de::Error::custom(format!("{t:?} is not a Discord id"))
                    })?);
                }
            }
        }
    }
    Ok(out)
}

impl DiscordSettings {
    /// The servers whose moderators may edit the knowledge base.
    pub fn home_guilds(&self) -> Vec<u64> {
        let mut guilds = self.moderator_guilds.clone();
        if self.guild_id != 0 && !guilds.contains(&self.guild_id) {
            guilds.push(self.guild_id);
        }
        guilds
    }
}

#[derive(Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DiscordSettings {
    pub token: String,
    pub api_url: String,
    pub guild_id: u64,
    #[serde(deserialize_with = "ids")]
    pub answer_channels: Vec<u64>,
    pub auto_answer_confidence: f32,
    #[serde(deserialize_with = "ids")]
    pub moderator_roles: Vec<u64>,
    /// Home servers besides `guild_id`: the only ones whose moderators may
    /// edit the knowledge base or read moderator data.
    #[serde(default, deserialize_with = "ids")]
    pub moderator_guilds: Vec<u64>,
    pub cooldown_seconds: u64,
    pub unanswered_log: PathBuf,
    /// The shards this process runs, "FIRST-LAST/TOTAL" ("0-3/8") or
    /// "ID/TOTAL"; empty: every shard, as many as Discord recommends.
    #[serde(default)]
    pub shards: String,
}

impl std::fmt::Debug for DiscordSettings {
    // The token never reaches a log line.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DiscordSettings")
            .field("token", &if self.token.is_empty() { "" } else { "<set>" })
            .field("api_url", &self.api_url)
            .field("guild_id", &self.guild_id)
            .field("answer_channels", &self.answer_channels)
            .field("auto_answer_confidence", &self.auto_answer_confidence)
            .field("moderator_roles", &self.moderator_roles)
            .field("moderator_guilds", &self.moderator_guilds)
            .field("cooldown_seconds", &self.cooldown_seconds)
            .field("unanswered_log", &self.unanswered_log)
            .field("shards", &self.shards)
            .finish()
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LogSettings {
    pub level: String,
    /// "text" for people, "json" (one object per line) for log collectors.
    #[serde(default)]
    pub format: LogFormat,
}

/// How log lines are written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    #[default]
    Text,
    Json,
}

impl DiscordSettings {
    /// `discord.shards` read: the shard ids this process runs and the
    /// total, or `None` for every shard.
    pub fn shard_range(&self) -> Result<Option<(std::ops::Range<u32>, u32)>, ConfigError> {
        let text = self.shards.trim();
        if text.is_empty() {
            return Ok(None);
        }
        let bad = || {
            ConfigError::Invalid(format!(
                "discord.shards must be FIRST-LAST/TOTAL (\"0-3/8\") or ID/TOTAL, with FIRST <= LAST < TOTAL, not {text:?}"
            ))
        };
        let (ids, total) = text.split_once('/').ok_or_else(bad)?;
        let total: u32 = total.trim().parse().map_err(|_| bad())?;
        let (first, last) = ids.split_once('-').unwrap_or((ids, ids));
        let first: u32 = first.trim().parse().map_err(|_| bad())?;
        let last: u32 = last.trim().parse().map_err(|_| bad())?;
        if first > last || last >= total {
            return Err(bad());
        }
        Ok(Some((first..last + 1, total)))
    }
}

impl Settings {
    /// Loads the layers. `file` replaces `config/local.toml` and must exist.
    pub fn load(file: Option<&Path>) -> Result<Settings, ConfigError> {
        let env: Vec<(String, String)> = std::env::vars().collect();
        Settings::load_from(file, Path::new(LOCAL_FILE), &env)
    }

    /// [`Settings::load`] with the environment passed in, for tests.
    pub fn load_from(
        file: Option<&Path>,
        local: &Path,
        env: &[(String, String)],
    ) -> Result<Settings, ConfigError> {
        use config::{Config, Environment, File, FileFormat};
        let mut builder = Config::builder().add_source(File::from_str(DEFAULTS, FileFormat::Toml));
        match file {
            Some(path) => {
                if !path.is_file() {
                    return Err(ConfigError::Missing {
                        path: path.to_path_buf(),
                        message: "not found".into(),
                    });
                }
                builder =
                    builder.add_source(File::from(path).format(FileFormat::Toml).required(true));
            }
            None => {
                builder =
                    builder.add_source(File::from(local).format(FileFormat::Toml).required(false))
            }
        }
        let vars: config::Map<String, String> = env
            .iter()
            .filter(|(k, _)| k.starts_with("CLAIMBOT_"))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        builder = builder.add_source(
            Environment::with_prefix("CLAIMBOT")
                .prefix_separator("_")
                .separator("__")
                .try_parsing(true)
                .list_separator(",")
                .with_list_parse_key("discord.answer_channels")
                .with_list_parse_key("discord.moderator_roles")
                .with_list_parse_key("discord.moderator_guilds")
                .source(Some(vars)),
        );
        let config = builder
            .build()
            .map_err(|e| ConfigError::Invalid(e.to_string()))?;
        let mut settings: Settings = config
            .try_deserialize()
            .map_err(|e| ConfigError::Invalid(e.to_string()))?;
        if let Some((_, token)) = env.iter().find(|(k, _)| k == "DISCORD_TOKEN") {
            if !token.trim().is_empty() {
                settings.discord.token = token.trim().to_string();
            }
        }
        if let Some(path) = file {
            settings.resolve_against(path, env);
        }
        settings.validate()?;
        Ok(settings)
    }

    /// Paths written in a `--config` file that are relative resolve against
    /// that file's folder, so that `claimbot --config /srv/bot/claimbot.toml`
    /// finds the same knowledge directory from any working directory.
    /// Defaults, `config/local.toml` and environment variables stay relative
    /// to the working directory (the repository, for a newcomer).
    fn resolve_against(&mut self, file: &Path, env: &[(String, String)]) {
        let Ok(table) = std::fs::read_to_string(file)
            .map_err(|_| ())
            .and_then(|t| t.parse::<toml::Table>().map_err(|_| ()))
        else {
            return;
        };
        let folder = std::path::absolute(file)
            .ok()
            .and_then(|p| p.parent().map(Path::to_path_buf))
            .unwrap_or_default();
        let written = |section: &str, key: &str, var: &str| {
            table.get(section).and_then(|s| s.get(key)).is_some()
                && !env.iter().any(|(k, _)| k == var)
        };
        if written("knowledge", "dir", "CLAIMBOT_KNOWLEDGE__DIR")
            && self.knowledge.dir.is_relative()
        {
            self.knowledge.dir = folder.join(&self.knowledge.dir);
        }
        if written(
            "discord",
            "unanswered_log",
            "CLAIMBOT_DISCORD__UNANSWERED_LOG",
        ) && self.discord.unanswered_log.is_relative()
        {
            self.discord.unanswered_log = folder.join(&self.discord.unanswered_log);
        }
    }

    fn validate(&self) -> Result<(), ConfigError> {
        let unit = |name: &str, v: f32| {
            if (0.0..=1.0).contains(&v) {
                Ok(())
            } else {
                Err(ConfigError::Invalid(format!(
                    "{name} must be between 0 and 1, not {v}"
                )))
            }
        };
        if let Some(v) = self.answer.min_confidence {
            unit("answer.min_confidence", v)?;
        }
        unit(
            "answer.verify_min_coverage",
            self.answer.verify_min_coverage,
        )?;
        unit(
            "discord.auto_answer_confidence",
            self.discord.auto_answer_confidence,
        )?;
        self.discord.shard_range()?;
        let url = self.discord.api_url.trim();
        if !(url.is_empty() || url.starts_with("http://") || url.starts_with("https://")) {
            return Err(ConfigError::Invalid(format!(
                "discord.api_url must start with http:// or https://, not {url:?}"
            )));
        }
        self.metrics.listen_addr()?;
        Ok(())
    }

    pub fn thresholds(&self) -> Thresholds {
        Thresholds {
            answer: self
                .answer
                .min_confidence
                .unwrap_or(Thresholds::default().answer),
            verify: self.answer.verify_min_coverage,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(env: &[(&str, &str)]) -> Result<Settings, ConfigError> {
        let env: Vec<(String, String)> = env
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Settings::load_from(None, Path::new("/nonexistent/local.toml"), &env)
    }

    #[test]
    fn paths_in_a_config_file_resolve_against_its_folder() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("claimbot.toml");
        std::fs::write(
            &file,
            "[knowledge]\ndir = \"kb\"\n[discord]\nunanswered_log = \"/var/log/q.jsonl\"\n",
        )
        .expect("write");
        let s = Settings::load_from(Some(&file), Path::new("/nonexistent"), &[]).expect("loads");
        assert_eq!(s.knowledge.dir, dir.path().join("kb"));
        assert_eq!(s.discord.unanswered_log, PathBuf::from("/var/log/q.jsonl"));
        // What the file does not set, and what the environment sets, stay
        // relative to the working directory.
        let env = [("CLAIMBOT_KNOWLEDGE__DIR".to_string(), "other".to_string())];
        let s = Settings::load_from(Some(&file), Path::new("/nonexistent"), &env).expect("loads");
        assert_eq!(s.knowledge.dir, PathBuf::from("other"));
        std::fs::write(&file, "[log]\nlevel = \"warn\"\n").expect("write");
        let s = Settings::load_from(Some(&file), Path::new("/nonexistent"), &[]).expect("loads");
        assert_eq!(s.knowledge.dir, PathBuf::from("knowledge"));
    }

    #[test]
    fn shard_ranges_are_read_and_bad_ones_name_the_key() {
        let s = load(&[]).expect("defaults");
        assert_eq!(s.discord.shard_range().expect("valid"), None);
        let s = load(&[("CLAIMBOT_DISCORD__SHARDS", "0-3/8")]).expect("valid");
        assert_eq!(s.discord.shard_range().expect("valid"), Some((0..4, 8)));
        let s = load(&[("CLAIMBOT_DISCORD__SHARDS", "5/8")]).expect("valid");
        assert_eq!(s.discord.shard_range().expect("valid"), Some((5..6, 8)));
        for bad in ["3-1/8", "0-8/8", "x/2", "2", "1-/4"] {
            let e = load(&[("CLAIMBOT_DISCORD__SHARDS", bad)]).expect_err(bad);
            assert!(e.to_string().contains("discord.shards"), "{bad}: {e}");
        }
    }

    #[test]
    fn defaults_load_without_any_file() {
        let s = load(&[]).unwrap();
        assert_eq!(s.knowledge.dir, PathBuf::from("knowledge"));
        assert_eq!(s.discord.guild_id, 0);
    }

    #[test]
    fn every_id_list_takes_a_single_id_from_the_environment() {
        let s = load(&[
            ("CLAIMBOT_DISCORD__MODERATOR_ROLES", "42"),
            ("CLAIMBOT_DISCORD__ANSWER_CHANNELS", "7"),
            ("CLAIMBOT_DISCORD__MODERATOR_GUILDS", "9"),
            ("CLAIMBOT_DISCORD__GUILD_ID", "5"),
        ])
        .unwrap();
        assert_eq!(s.discord.moderator_roles, [42]);
        assert_eq!(s.discord.answer_channels, [7]);
        assert_eq!(s.discord.home_guilds(), [9, 5]);
        assert!(load(&[("CLAIMBOT_DISCORD__MODERATOR_ROLES", "x1")]).is_err());
    }

    #[test]
    fn environment_overrides_nested_keys() {
        let s = load(&[
            ("CLAIMBOT_KNOWLEDGE__DIR", "/srv/kb"),
            ("CLAIMBOT_DISCORD__ANSWER_CHANNELS", "1,2"),
            ("DISCORD_TOKEN", "abc"),
        ])
        .unwrap();
        assert_eq!(s.knowledge.dir, PathBuf::from("/srv/kb"));
        assert_eq!(s.discord.answer_channels, [1, 2]);
        assert_eq!(s.discord.token, "abc");
        assert!(
            !format!("{s:?}").contains("abc"),
            "the token stays out of debug output"
        );
    }

    #[test]
    fn unknown_keys_and_bad_values_are_reported() {
        let err = load(&[("CLAIMBOT_ANSWER__MIN_CONFIDENSE", "0.5")])
            .unwrap_err()
            .to_string();
        assert!(err.contains("min_confidense"), "{err}");
        let err = load(&[("CLAIMBOT_ANSWER__MIN_CONFIDENCE", "7")])
            .unwrap_err()
            .to_string();
        assert!(err.contains("between 0 and 1"), "{err}");
        let err = load(&[("CLAIMBOT_DISCORD__GUILD_ID", "abc")])
            .unwrap_err()
            .to_string();
        assert!(err.contains("guild_id"), "{err}");
    }

    #[test]
    fn metrics_are_off_by_default_and_a_port_alone_stays_on_loopback() {
        let s = load(&[]).unwrap();
        assert_eq!(s.metrics.listen_addr().unwrap(), None);
        let s = load(&[("CLAIMBOT_METRICS__LISTEN", "9184")]).unwrap();
        let addr = s.metrics.listen_addr().unwrap().expect("on");
        assert!(addr.ip().is_loopback(), "{addr}");
        assert_eq!(addr.port(), 9184);
        let s = load(&[("CLAIMBOT_METRICS__LISTEN", "0.0.0.0:9184")]).unwrap();
        assert_eq!(
            s.metrics.listen_addr().unwrap(),
            Some("0.0.0.0:9184".parse().unwrap()),
            "another interface only when the operator writes one"
        );
    }

    #[test]
    fn a_listen_address_that_does_not_parse_names_the_key() {
        for bad in ["localhost:9184", "127.0.0.1", "127.0.0.1:99999", "nine"] {
            let err = load(&[("CLAIMBOT_METRICS__LISTEN", bad)])
                .unwrap_err()
                .to_string();
            assert!(err.contains("metrics.listen"), "{bad}: {err}");
            assert!(err.contains(bad), "{bad}: {err}");
        }
    }
}
