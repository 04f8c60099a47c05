//! Shared test support: the fake Discord, and the bot started against it.
// Each test binary uses a part of them.
#[allow(dead_code)]
pub mod bot;
#[allow(dead_code)]
pub mod fake_discord;
