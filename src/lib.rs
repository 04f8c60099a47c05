//! claimbot answers questions about news articles from a knowledge base of
//! claims, always with a verbatim quote of the source, and checks statements
//! against them.
//!
//! # Layout
//! - [`text`]: normalisation shared by questions and sources (lexer, numbers,
//!   sentences, stopwords, stems, synonyms).
//! - [`knowledge`]: sources, claims and vocabulary; loading and validation.
//! - [`store`]: edits from Discord and the command line (lock, intent
//!   record, audit log, revert, articles added) and the engine in service.
//! - [`cli`]: the command line's output, and `claimbot kb` edits.
//! - [`metrics`]: what the bot counts for Prometheus, and the recording calls.
//! - [`discord`]: the bot: events to engine calls, results to messages; its
//!   health and metrics endpoint in `discord::health`, lists shown a page
//!   at a time in `discord::pages`, the moderators' review queue in
//!   `discord::review`, the bounded fetch of an attached article in
//!   `discord::download`, the channel a thread hangs off in
//!   `discord::threads`.

pub mod answer;
pub mod cli;
pub mod config;
pub mod discord;
pub mod engine;
pub mod eval;
pub mod explain;
pub mod index;
pub mod knowledge;
pub mod lexicon;
pub mod metrics;
pub mod store;
pub mod synthetic;
pub mod text;
pub mod verify;

pub use engine::Engine;
