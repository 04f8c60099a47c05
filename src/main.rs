//! The `claimbot` binary: parses the command line, loads configuration,
//! starts tracing, and calls into the library.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand};

use claimbot::cli::kb::KbArgs;
use claimbot::cli::{self, Format, Verb};
use claimbot::config::Settings;
use claimbot::store::Store;
use claimbot::Engine;

#[derive(Parser)]
#[command(
    name = "claimbot",
    version,
    about = "Answers questions about news articles with verbatim quotes, and checks claims against them."
)]
struct Args {
    /// Knowledge directory (default: knowledge.dir from config).
    #[arg(long, global = true, value_name = "DIR")]
    kb: Option<PathBuf>,
    /// Configuration file used instead of config/local.toml.
    #[arg(long, global = true, value_name = "FILE")]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Answer a question. Without QUESTION, read one per line from standard input.
    Ask {
        question: Option<String>,
        /// One JSON object per input.
        #[arg(long)]
        json: bool,
        /// Show how the answer was found, as a tree: the question's words, the best claims, coverage and the model's weighing.
        #[arg(long)]
        explain: bool,
    },
    /// Check a statement: supported, contradicted or not_found. Without STATEMENT, read one per line.
    Verify {
        statement: Option<String>,
        /// One JSON object per input.
        #[arg(long)]
        json: bool,
        /// Show how the verdict was reached: the claims judged and what each check found.
        #[arg(long)]
        explain: bool,
    },
    /// An interactive console that behaves like the bot in a channel.
    Chat,
    /// Validate the knowledge base and print a summary.
    Check,
    /// Print a draft claims file for an article, to curate.
    Extract { file: PathBuf },
    /// Run the Discord bot (token from DISCORD_TOKEN or config).
    Run,
    /// Edit the knowledge base as /kb does in Discord: same checks, locks and audit log.
    Kb(KbArgs),
}

/// A failure the user can fix: printed on one line, exit status 2.
struct UsageError(anyhow::Error);

fn main() -> ExitCode {
    let args = match Args::try_parse() {
        Ok(args) => args,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    match run(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Usage(e)) => {
            // One line, so that a script can read the reason.
            eprintln!("claimbot: {}", format!("{:#}", e.0).replace('\n', " "));
            ExitCode::from(2)
        }
        Err(Failure::Other(e)) => {
            eprintln!("claimbot: {e:#}");
            ExitCode::from(1)
        }
    }
}

enum Failure {
    Usage(UsageError),
    Other(anyhow::Error),
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Self {
        Failure::Other(e.into())
    }
}

fn usage(e: impl Into<anyhow::Error>) -> Failure {
    Failure::Usage(UsageError(e.into()))
}

fn run(args: Args) -> Result<(), Failure> {
    let mut settings = Settings::load(args.config.as_deref()).map_err(usage)?;
    if let Some(dir) = &args.kb {
        settings.knowledge.dir = dir.clone();
    }
    let serving = matches!(args.command, Command::Run);
    init_tracing(&settings, serving);
    match args.command {
        Command::Ask {
            question,
            json,
            explain,
        } => answer(&settings, Verb::Ask, question, json, explain),
        Command::Verify {
            statement,
            json,
            explain,
        } => answer(&settings, Verb::Verify, statement, json, explain),
        Command::Chat => {
            let engine = load(&settings)?;
            let stdin = io::stdin();
            let prompt = stdin.is_terminal();
            quiet_pipe(cli::chat(
                &engine,
                stdin.lock(),
                io::stdout().lock(),
                prompt,
            ))
        }
        Command::Check => {
            let engine = load(&settings)?;
            let s = engine.summary();
            let mut out = io::stdout().lock();
            writeln!(
                out,
                "{}: {} sources, {} claims ({} curated, the rest one per sentence), {} phrasings, {} terms, {} warnings",
                settings.knowledge.dir.display(),
                s.sources,
                s.claims,
                s.curated,
                s.phrasings,
                s.terms,
                s.warnings.len()
            )?;
            for w in &s.warnings {
                writeln!(out, "warning: {w}")?;
            }
            Ok(())
        }
        Command::Extract { file } => {
            let text = std::fs::read_to_string(&file)
                .with_context(|| format!("{}", file.display()))
                .map_err(usage)?;
            let name = file
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or("article.txt");
            let stem = file
                .file_stem()
                .and_then(|n| n.to_str())
                .unwrap_or("article");
            quiet_pipe(
                io::stdout()
                    .lock()
                    .write_all(cli::extract(stem, name, &text).as_bytes()),
            )
        }
        Command::Run => run_bot(settings),
        Command::Kb(kb) => edit(&settings, kb),
    }
}

fn edit(settings: &Settings, kb: KbArgs) -> Result<(), Failure> {
    let store =
        Store::open(settings.knowledge.dir.clone(), settings.thresholds()).map_err(usage)?;
    let actor = cli::kb::actor(kb.by);
    cli::kb::run(
        &store,
        &actor,
        kb.command,
        io::stdin().lock(),
        &mut io::stdout().lock(),
        &mut io::stderr().lock(),
    )
    .or_else(|e| match e {
        cli::kb::KbError::Io(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        e if e.is_usage() => Err(usage(e)),
        e => Err(Failure::Other(e.into())),
    })
}

fn answer(
    settings: &Settings,
    verb: Verb,
    text: Option<String>,
    json: bool,
    explain: bool,
) -> Result<(), Failure> {
    let engine = load(settings)?;
    let format = if json { Format::Json } else { Format::Text };
    match text {
        Some(text) => {
            let reply = cli::respond(&engine, verb, &text, format, explain);
            quiet_pipe(writeln!(io::stdout().lock(), "{}", reply.trim_end()))
        }
        None => {
            if io::stdin().is_terminal() && !json {
                return Err(usage(anyhow::anyhow!(
                    "give the text as an argument, or pipe one per line on standard input (see --help)"
                )));
            }
            let out = io::BufWriter::new(io::stdout().lock());
            quiet_pipe(cli::batch(
                &engine,
                verb,
                format,
                explain,
                io::stdin().lock(),
                out,
            ))
        }
    }
}

/// A closed pipe (`claimbot … | head`) ends the output quietly.
fn quiet_pipe(result: io::Result<()>) -> Result<(), Failure> {
    match result {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}

fn load(settings: &Settings) -> Result<Engine, Failure> {
    let dir: &Path = &settings.knowledge.dir;
    let started = std::time::Instant::now();
    let engine = Engine::load(dir, settings.thresholds()).map_err(usage)?;
    let s = engine.summary();
    tracing::info!(dir = %dir.display(), sources = s.sources, claims = s.claims, ms = started.elapsed().as_millis() as u64, "knowledge base loaded");
    for w in &s.warnings {
        tracing::warn!(warning = %w, "knowledge base");
    }
    Ok(engine)
}

fn run_bot(settings: Settings) -> Result<(), Failure> {
    let runtime = tokio::runtime::Runtime::new()?;
    runtime
        .block_on(claimbot::discord::run(settings))
        .map_err(|e| {
            if e.is_usage() {
                usage(e)
            } else {
                Failure::Other(e.into())
            }
        })
}

/// Crates whose debug or trace output can hold the bot token (websocket
/// frames, the gateway's IDENTIFY), held at info.
const TOKEN_SAFE: &[&str] = &[
    "tungstenite=info",
    "tokio_tungstenite=info",
    "async_tungstenite=info",
    "serenity::gateway=info",
    "serenity::http=info",
];

/// Logs go to standard error. The bot logs at the configured level; the
/// one-shot commands only warn unless RUST_LOG asks for more, so their
/// output stays clean.
fn init_tracing(settings: &Settings, serving: bool) {
    use tracing_subscriber::EnvFilter;
    let default = if serving {
        settings.log.level.as_str()
    } else {
        "warn"
    };
    let mut filter = EnvFilter::try_from_default_env()
        .or_else(|_| EnvFilter::try_new(default))
        .unwrap_or_else(|_| EnvFilter::new("info"));
    // The websocket crates dump frames at debug and trace, the IDENTIFY
    // frame with the bot token among them: capped whatever the filter says.
    for cap in TOKEN_SAFE {
        if let Ok(directive) = cap.parse() {
            filter = filter.add_directive(directive);
        }
    }
    let logs = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(io::stderr);
    let _ = match settings.log.format {
        claimbot::config::LogFormat::Text => logs.try_init(),
        claimbot::config::LogFormat::Json => logs.json().flatten_event(true).try_init(),
    };
}
