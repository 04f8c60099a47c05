//! The command line's own output: readable answers and verdicts, JSON
//! lines, the interactive console, and the draft claims file of `extract`.
//! [`kb`] holds the knowledge-base edits of `claimbot kb …`.

pub mod kb;

use std::io::{self, BufRead, Write};

use serde_json::{json, Value};

use crate::answer::Answer;
use crate::engine::Engine;
use crate::explain::Explanation;
use crate::index::values;
use crate::text::{sentences, Analyzer};
use crate::verify::{Verdict, Verification};

/// How the answer to one input is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
}

/// `claimbot ask` / `verify`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verb {
    Ask,
    Verify,
}

/// The answer as JSON: the documented fields, plus the reasons as a tree
/// (`why`: label, value, details) when explained.
pub fn answer_json(answer: &Answer, why: Option<&Explanation>) -> Value {
    with_why(serde_json::to_value(answer), why)
}

/// The verdict as JSON, as [`answer_json`].
pub fn verification_json(v: &Verification, why: Option<&Explanation>) -> Value {
    with_why(serde_json::to_value(v), why)
}

fn with_why(value: serde_json::Result<Value>, why: Option<&Explanation>) -> Value {
    let mut value = value.unwrap_or(Value::Null);
    if let Some(why) = why {
        value["why"] = serde_json::to_value(why).unwrap_or(Value::Null);
    }
    value
}

/// The answer as a person reads it, with the reasons when explained.
pub fn answer_text(answer: &Answer, why: Option<&Explanation>) -> String {
    let mut out = String::new();
    match (&answer.answer, &answer.quote) {
        (Some(text), Some(quote)) if answer.answered => {
            out.push_str(text);
            out.push_str("\n\n");
            out.push_str(&block_quote(quote));
            if let Some(source) = &answer.source {
                out.push_str(&format!("\n  — {source}"));
            }
            out.push_str(&format!(
                "\n  confidence {:.2} · claim {}\n",
                answer.confidence,
                answer.claim.as_deref().unwrap_or("?")
            ));
        }
        _ => {
            out.push_str(&format!(
                "The source does not cover that. (confidence {:.2})\n",
                answer.confidence
            ));
        }
    }
    if let Some(why) = why {
        out.push_str("\nwhy:\n");
        out.push_str(&why.render());
        for alt in &answer.alternatives {
            out.push_str(&format!(
                "alternative {} ({:.2}): {}\n",
                alt.claim, alt.confidence, alt.answer
            ));
        }
    }
    out
}

/// The verdict as a person reads it, with the reasons when explained.
pub fn verification_text(v: &Verification, why: Option<&Explanation>) -> String {
    let label = match v.verdict {
        Verdict::Supported => "SUPPORTED",
        Verdict::Contradicted => "CONTRADICTED",
        Verdict::NotFound => "NOT FOUND",
    };
    let mut out = format!("{label}: {}\n", v.explanation);
    if let Some(quote) = &v.quote {
        out.push('\n');
        out.push_str(&block_quote(quote));
        if let Some(source) = &v.source {
            out.push_str(&format!("\n  — {source}"));
        }
        out.push_str(&format!(
            "\n  confidence {:.2} · claim {}\n",
            v.confidence,
            v.claim.as_deref().unwrap_or("?")
        ));
    }
    if let Some(why) = why {
        out.push_str("\nwhy:\n");
        out.push_str(&why.render());
    }
    out
}

fn block_quote(text: &str) -> String {
    text.lines()
        .map(|l| format!("  > {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Answers one input in the chosen format, with the reasons when
/// `explain` (built only then).
pub fn respond(engine: &Engine, verb: Verb, text: &str, format: Format, explain: bool) -> String {
    match verb {
        Verb::Ask => {
            let (answer, why) = if explain {
                let (answer, why) = engine.ask_explained(text);
                (answer, Some(why))
            } else {
                (engine.ask(text), None)
            };
            match format {
                Format::Json => answer_json(&answer, why.as_ref()).to_string(),
                Format::Text => answer_text(&answer, why.as_ref()),
            }
        }
        Verb::Verify => {
            let (v, why) = if explain {
                let (v, why) = engine.verify_explained(text);
                (v, Some(why))
            } else {
                (engine.verify(text), None)
            };
            match format {
                Format::Json => verification_json(&v, why.as_ref()).to_string(),
                Format::Text => verification_text(&v, why.as_ref()),
            }
        }
    }
}

/// Reads one input per line and writes one answer per input, in order.
/// Bytes that are not UTF-8 are replaced, never fatal.
pub fn batch(
    engine: &Engine,
    verb: Verb,
    format: Format,
    explain: bool,
    input: impl BufRead,
    mut output: impl Write,
) -> io::Result<()> {
    for line in lines(input) {
        let line = line?;
        writeln!(output, "{}", respond(engine, verb, &line, format, explain))?;
    }
    output.flush()
}

/// Lines of `input`, lossily decoded, without their line ending.
fn lines(mut input: impl BufRead) -> impl Iterator<Item = io::Result<String>> {
    std::iter::from_fn(move || {
        let mut buf = Vec::new();
        match input.read_until(b'\n', &mut buf) {
            Ok(0) => None,
            Ok(_) => {
                while buf.last().is_some_and(|b| *b == b'\n' || *b == b'\r') {
                    buf.pop();
                }
                Some(Ok(String::from_utf8_lossy(&buf).into_owned()))
            }
            Err(e) => Some(Err(e)),
        }
    })
}

const CHAT_HELP: &str = "Type a question, as you would mention the bot in a channel.
  /verify STATEMENT   check a statement
  /claim TEXT         find claims (what /claim autocompletes)
  /sources            list the sources
  /explain QUESTION   answer with the reasons
  /help, /quit";

/// The interactive console: behaves like the bot in a channel.
pub fn chat(
    engine: &Engine,
    input: impl BufRead,
    mut output: impl Write,
    prompt: bool,
) -> io::Result<()> {
    let summary = engine.summary();
    writeln!(
        output,
        "claimbot: {} sources, {} claims. Ask a question; /help for commands, /quit to leave.",
        summary.sources, summary.claims
    )?;
    if prompt {
        write!(output, "> ")?;
        output.flush()?;
    }
    for line in lines(input) {
        let line = line?;
        let text = line.trim();
        let (command, rest) = match text.strip_prefix('/') {
            Some(c) => c
                .split_once(char::is_whitespace)
                .map_or((c, ""), |(a, b)| (a, b.trim())),
            None => ("", text),
        };
        let reply = match command {
            _ if text.is_empty() => String::new(),
            "quit" | "exit" | "q" => break,
            "help" => format!("{CHAT_HELP}\n"),
            "verify" if !rest.is_empty() => {
                respond(engine, Verb::Verify, rest, Format::Text, false)
            }
            "explain" if !rest.is_empty() => respond(engine, Verb::Ask, rest, Format::Text, true),
            "ask" if !rest.is_empty() => respond(engine, Verb::Ask, rest, Format::Text, false),
            "claim" => claims_text(engine, rest),
            "sources" => sources_text(engine),
            "" => respond(engine, Verb::Ask, rest, Format::Text, false),
            _ => format!("Unknown or incomplete command /{command}. {CHAT_HELP}\n"),
        };
        write!(output, "{reply}")?;
        if prompt {
            write!(output, "> ")?;
        }
        output.flush()?;
    }
    Ok(())
}

fn claims_text(engine: &Engine, text: &str) -> String {
    let found = engine.search_claims(text, 10);
    if found.is_empty() {
        return "No claim matches that.\n".to_string();
    }
    found
        .iter()
        .map(|c| format!("{}: {}\n  > {}\n", c.id, c.answer, c.quote))
        .collect()
}

/// The sources with their claim counts.
pub fn sources_text(engine: &Engine) -> String {
    let kb = engine.knowledge();
    kb.sources
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let claims = kb.claims.iter().filter(|c| c.source == i).count();
            format!(
                "{} ({}): {claims} claims — {}\n",
                s.id,
                s.text_file,
                s.citation()
            )
        })
        .collect()
}

/// A draft claims file for an article: one claim per sentence, with the
/// numbers, durations and dates it states, for a moderator to curate.
pub fn extract(stem: &str, text_file: &str, text: &str) -> String {
    let analyzer = Analyzer::default();
    let title = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or(stem);
    let mut out = format!(
        "# Draft claims for {text_file}: curate before use.\n# Give each claim a short answer and the questions readers would ask.\n\n[source]\ntitle = {}\ntext = {}\n",
        toml_string(title.trim_start_matches('#').trim()),
        toml_string(text_file)
    );
    for (n, range) in sentences::split(text).into_iter().enumerate() {
        let sentence = &text[range];
        let tokens = analyzer.analyze_source(sentence);
        let v = values::extract(&tokens);
        out.push_str(&format!(
            "\n[[claims]]\nid = \"{}-{}\"\n",
            slug(stem),
            n + 1
        ));
        out.push_str(&format!("answer = {}\n", toml_string(sentence)));
        out.push_str(&format!("quote = {}\n", toml_string(sentence)));
        out.push_str("questions = []\n");
        let numbers: Vec<String> = v
            .counts
            .iter()
            .map(|c| crate::text::numbers::term(c.value)[1..].to_string())
            .collect();
        if !numbers.is_empty() {
            out.push_str(&format!("numbers = {}\n", json!(numbers)));
        }
        let durations: Vec<&str> = v
            .durations
            .iter()
            .map(|d| &sentence[d.surface.clone()])
            .collect();
        if !durations.is_empty() {
            out.push_str(&format!("durations = {}\n", json!(durations)));
        }
        let dates: Vec<&str> = v
            .dates
            .iter()
            .map(|d| &sentence[d.surface.clone()])
            .collect();
        if !dates.is_empty() {
            out.push_str(&format!("dates = {}\n", json!(dates)));
        }
    }
    out
}

fn slug(stem: &str) -> String {
    let s: String = stem
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    let s = s.trim_matches('-').to_string();
    if s.is_empty() {
        "claim".to_string()
    } else {
        s
    }
}

/// A TOML basic string. JSON's escapes are valid TOML, but JSON leaves DEL
/// (U+007F) raw and TOML forbids it, as it forbids every control character:
/// those are written as `\uXXXX`.
fn toml_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    for c in json!(s).to_string().chars() {
        if c.is_control() && !matches!(c, '\n' | '\t') {
            out.push_str(&format!("\\u{:04X}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}
