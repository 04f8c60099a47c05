//! The `claimbot` binary, as a user runs it from the repository, free of
//! the environment of whoever runs the tests.

use std::process::Command;

pub fn bin() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_claimbot"));
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    // The user's own environment must not steer the tests.
    for (key, _) in std::env::vars() {
        if key.starts_with("CLAIMBOT_") || key == "DISCORD_TOKEN" || key == "RUST_LOG" {
            cmd.env_remove(key);
        }
    }
    cmd
}
