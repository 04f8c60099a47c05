//! Answer quality on every question set, as `../shared/eval/score.py`
//! scores them:
//!
//! ```sh
//! cargo run --release --example eval [-- --failures] [--only NAME] [--features FILE]
//!     [--answer THRESHOLD] [--verify THRESHOLD]
//! ```
//!
//! `--features FILE` writes, for every question of the tuning suites, the
//! model features of its best candidates, the question words each misses,
//! and whether each quote holds the evidence: the data `src/answer/fit.py` fits the answer model on.
//!
//! Each suite loads a knowledge directory (the bundled one, or the bundled
//! one with an article dropped in without a claims file) and scores its sets.
//! Suites are marked `tuning` (looked at while tuning and fitting) or
//! `held-out` (never looked at item by item); the totals keep them apart.

use std::path::{Path, PathBuf};

use std::io::Write;

use claimbot::answer::{self, Thresholds};
use claimbot::eval::{self, Tally, ABSTAIN, ANSWERABLE, VERDICTS};
use claimbot::Engine;

#[derive(Clone, Copy, PartialEq)]
enum Role {
    Tuning,
    HeldOut,
}

struct Suite {
    name: &'static str,
    /// Files or directories (every file in them) copied into the knowledge
    /// directory, relative to the repository.
    kb: &'static [&'static str],
    sets: &'static [&'static str],
    role: Role,
}

const SUITES: &[Suite] = &[
    Suite {
        name: "bundled: shared samples",
        kb: &["knowledge"],
        sets: &["shared/ask-dev.jsonl", "shared/verify-dev.jsonl"],
        role: Role::Tuning,
    },
    Suite {
        name: "bundled: shared paraphrase",
        kb: &["knowledge"],
        sets: &[
            "shared/ask-paraphrase.jsonl",
            "shared/verify-paraphrase.jsonl",
        ],
        role: Role::Tuning,
    },
    Suite {
        name: "bridge article, no claims file (shared)",
        kb: &["knowledge", "tests/data/shared/bridge"],
        sets: &["shared/bridge-ask.jsonl", "shared/bridge-verify.jsonl"],
        role: Role::Tuning,
    },
    Suite {
        name: "bundled: styles",
        kb: &["knowledge"],
        sets: &["ask-styles.jsonl", "ask-styles-verify.jsonl"],
        role: Role::Tuning,
    },
    Suite {
        name: "bundled: more questions",
        kb: &["knowledge"],
        sets: &[
            "tuning/prisoner-more-ask.jsonl",
            "tuning/prisoner-more-verify.jsonl",
        ],
        role: Role::Tuning,
    },
    Suite {
        name: "seed article alone, no claims file",
        kb: &["knowledge/prisoner-exchange.txt"],
        sets: &[
            "shared/ask-dev.jsonl",
            "shared/verify-dev.jsonl",
            "shared/ask-paraphrase.jsonl",
            "shared/verify-paraphrase.jsonl",
        ],
        role: Role::Tuning,
    },
    Suite {
        name: "storm article, no claims file",
        kb: &["knowledge", "tests/data/unseen"],
        sets: &["unseen-ask.jsonl", "unseen-verify.jsonl"],
        role: Role::Tuning,
    },
    Suite {
        name: "strike article, no claims file",
        kb: &["knowledge", "tests/data/tuning/kb-c"],
        sets: &["tuning/strike-ask.jsonl", "tuning/strike-verify.jsonl"],
        role: Role::Tuning,
    },
    Suite {
        name: "rover article, no claims file",
        kb: &["knowledge", "tests/data/tuning/kb-d"],
        sets: &["tuning/rover-ask.jsonl", "tuning/rover-verify.jsonl"],
        role: Role::Tuning,
    },
    Suite {
        name: "flood article, no claims file",
        kb: &["knowledge", "tests/data/tuning/kb-e"],
        sets: &["tuning/flood-ask.jsonl", "tuning/flood-verify.jsonl"],
        role: Role::Tuning,
    },
    Suite {
        name: "ferry article, no claims file",
        kb: &["knowledge", "tests/data/tuning/kb-f"],
        sets: &["tuning/ferry-ask.jsonl", "tuning/ferry-verify.jsonl"],
        role: Role::Tuning,
    },
    Suite {
        name: "election article, no claims file",
        kb: &["knowledge", "tests/data/tuning/kb-g"],
        sets: &["tuning/election-ask.jsonl", "tuning/election-verify.jsonl"],
        role: Role::Tuning,
    },
    Suite {
        name: "trial article, no claims file",
        kb: &["knowledge", "tests/data/tuning/kb-h"],
        sets: &["tuning/trial-ask.jsonl", "tuning/trial-verify.jsonl"],
        role: Role::Tuning,
    },
    Suite {
        name: "transfer article, no claims file",
        kb: &["knowledge", "tests/data/tuning/kb-i"],
        sets: &["tuning/transfer-ask.jsonl", "tuning/transfer-verify.jsonl"],
        role: Role::Tuning,
    },
    Suite {
        name: "factory article, no claims file",
        kb: &["knowledge", "tests/data/tuning/kb-j"],
        sets: &["tuning/factory-ask.jsonl", "tuning/factory-verify.jsonl"],
        role: Role::Tuning,
    },
    Suite {
        name: "drought article, no claims file",
        kb: &["knowledge", "tests/data/tuning/kb-k"],
        sets: &["tuning/drought-ask.jsonl", "tuning/drought-verify.jsonl"],
        role: Role::Tuning,
    },
    Suite {
        name: "wind farm article, no claims file",
        kb: &["knowledge", "tests/data/tuning/kb-l"],
        sets: &["tuning/windfarm-ask.jsonl", "tuning/windfarm-verify.jsonl"],
        role: Role::Tuning,
    },
    Suite {
        name: "derailment article, no claims file",
        kb: &["knowledge", "tests/data/tuning/kb-m"],
        sets: &["tuning/derail-ask.jsonl", "tuning/derail-verify.jsonl"],
        role: Role::Tuning,
    },
    Suite {
        name: "exam grading article, no claims file",
        kb: &["knowledge", "tests/data/tuning/kb-n"],
        sets: &["tuning/exams-ask.jsonl", "tuning/exams-verify.jsonl"],
        role: Role::Tuning,
    },
    Suite {
        name: "zoo article, no claims file",
        kb: &["knowledge", "tests/data/tuning/kb-o"],
        sets: &["tuning/zoo-ask.jsonl", "tuning/zoo-verify.jsonl"],
        role: Role::Tuning,
    },
    Suite {
        name: "villa dig article, no claims file",
        kb: &["knowledge", "tests/data/tuning/kb-p"],
        sets: &["tuning/villa-ask.jsonl", "tuning/villa-verify.jsonl"],
        role: Role::Tuning,
    },
    Suite {
        name: "battery recall article, no claims file",
        kb: &["knowledge", "tests/data/tuning/kb-q"],
        sets: &["tuning/recall-ask.jsonl", "tuning/recall-verify.jsonl"],
        role: Role::Tuning,
    },
    Suite {
        name: "marathon article, no claims file",
        kb: &["knowledge", "tests/data/tuning/kb-r"],
        sets: &["tuning/marathon-ask.jsonl", "tuning/marathon-verify.jsonl"],
        role: Role::Tuning,
    },
    Suite {
        name: "libraries article, no claims file",
        kb: &["knowledge", "tests/data/tuning/kb-s"],
        sets: &[
            "tuning/libraries-ask.jsonl",
            "tuning/libraries-verify.jsonl",
        ],
        role: Role::Tuning,
    },
    Suite {
        name: "fraud trial article, no claims file",
        kb: &["knowledge", "tests/data/tuning/kb-t"],
        sets: &["tuning/fraud-ask.jsonl", "tuning/fraud-verify.jsonl"],
        role: Role::Tuning,
    },
    Suite {
        name: "river spill article, no claims file",
        kb: &["knowledge", "tests/data/tuning/kb-u"],
        sets: &["tuning/spill-ask.jsonl", "tuning/spill-verify.jsonl"],
        role: Role::Tuning,
    },
    Suite {
        name: "rail fares article, no claims file",
        kb: &["knowledge", "tests/data/tuning/kb-v"],
        sets: &["tuning/fares-ask.jsonl", "tuning/fares-verify.jsonl"],
        role: Role::Tuning,
    },
    Suite {
        name: "traffic scheme article, no claims file",
        kb: &["knowledge", "tests/data/tuning/kb-w"],
        sets: &["tuning/traffic-ask.jsonl", "tuning/traffic-verify.jsonl"],
        role: Role::Tuning,
    },
    Suite {
        name: "supermarket closures article, no claims file",
        kb: &["knowledge", "tests/data/tuning/kb-x"],
        sets: &["tuning/shops-ask.jsonl", "tuning/shops-verify.jsonl"],
        role: Role::Tuning,
    },
    Suite {
        name: "measles article, no claims file",
        kb: &["knowledge", "tests/data/tuning/kb-y"],
        sets: &["tuning/measles-ask.jsonl", "tuning/measles-verify.jsonl"],
        role: Role::Tuning,
    },
    Suite {
        name: "stolen painting article, no claims file",
        kb: &["knowledge", "tests/data/tuning/kb-z"],
        sets: &["tuning/painting-ask.jsonl", "tuning/painting-verify.jsonl"],
        role: Role::Tuning,
    },
    Suite {
        name: "housing plan article, no claims file",
        kb: &["knowledge", "tests/data/tuning/kb-za"],
        sets: &["tuning/housing-ask.jsonl", "tuning/housing-verify.jsonl"],
        role: Role::Tuning,
    },
    Suite {
        name: "cliff fall article, no claims file",
        kb: &["knowledge", "tests/data/tuning/kb-zb"],
        sets: &["tuning/cliff-ask.jsonl", "tuning/cliff-verify.jsonl"],
        role: Role::Tuning,
    },
    Suite {
        name: "stadium bid article, no claims file",
        kb: &["knowledge", "tests/data/tuning/kb-zc"],
        sets: &["tuning/stadium-ask.jsonl", "tuning/stadium-verify.jsonl"],
        role: Role::Tuning,
    },
    Suite {
        name: "marking boycott article, no claims file",
        kb: &["knowledge", "tests/data/tuning/kb-zd"],
        sets: &["tuning/marking-ask.jsonl", "tuning/marking-verify.jsonl"],
        role: Role::Tuning,
    },
    Suite {
        name: "festival storm article, no claims file",
        kb: &["knowledge", "tests/data/tuning/kb-ze"],
        sets: &["tuning/festival-ask.jsonl", "tuning/festival-verify.jsonl"],
        role: Role::Tuning,
    },
    Suite {
        name: "post office article, no claims file",
        kb: &["knowledge", "tests/data/tuning/kb-zf"],
        sets: &[
            "tuning/postoffice-ask.jsonl",
            "tuning/postoffice-verify.jsonl",
        ],
        role: Role::Tuning,
    },
    Suite {
        name: "arson article, no claims file",
        kb: &["knowledge", "tests/data/tuning/kb-zg"],
        sets: &["tuning/arson-ask.jsonl", "tuning/arson-verify.jsonl"],
        role: Role::Tuning,
    },
    Suite {
        name: "pool closure article, no claims file",
        kb: &["knowledge", "tests/data/tuning/kb-zh"],
        sets: &["tuning/pool-ask.jsonl", "tuning/pool-verify.jsonl"],
        role: Role::Tuning,
    },
    Suite {
        name: "e-scooter trial article, no claims file",
        kb: &["knowledge", "tests/data/tuning/kb-zi"],
        sets: &["tuning/scooters-ask.jsonl", "tuning/scooters-verify.jsonl"],
        role: Role::Tuning,
    },
    Suite {
        name: "landlord court case article, no claims file",
        kb: &["knowledge", "tests/data/tuning/kb-zj"],
        sets: &["tuning/landlord-ask.jsonl", "tuning/landlord-verify.jsonl"],
        role: Role::Tuning,
    },
    Suite {
        name: "quarry inquiry article, no claims file",
        kb: &["knowledge", "tests/data/tuning/kb-zk"],
        sets: &["tuning/quarry-ask.jsonl", "tuning/quarry-verify.jsonl"],
        role: Role::Tuning,
    },
    Suite {
        name: "whale stranding article, no claims file",
        kb: &["knowledge", "tests/data/tuning/kb-zl"],
        sets: &["tuning/whale-ask.jsonl", "tuning/whale-verify.jsonl"],
        role: Role::Tuning,
    },
    Suite {
        name: "hospital waits article, no claims file",
        kb: &["knowledge", "tests/data/tuning/kb-zm"],
        sets: &["tuning/waits-ask.jsonl", "tuning/waits-verify.jsonl"],
        role: Role::Tuning,
    },
    Suite {
        name: "airport drone article, no claims file",
        kb: &["knowledge", "tests/data/tuning/kb-zn"],
        sets: &["tuning/drone-ask.jsonl", "tuning/drone-verify.jsonl"],
        role: Role::Tuning,
    },
    Suite {
        name: "council data breach article, no claims file",
        kb: &["knowledge", "tests/data/tuning/kb-zo"],
        sets: &["tuning/breach-ask.jsonl", "tuning/breach-verify.jsonl"],
        role: Role::Tuning,
    },
    Suite {
        name: "moorland wildfire article, no claims file",
        kb: &["knowledge", "tests/data/tuning/kb-zp"],
        sets: &["tuning/moorfire-ask.jsonl", "tuning/moorfire-verify.jsonl"],
        role: Role::Tuning,
    },
    Suite {
        name: "street sinkhole article, no claims file",
        kb: &["knowledge", "tests/data/tuning/kb-zq"],
        sets: &["tuning/sinkhole-ask.jsonl", "tuning/sinkhole-verify.jsonl"],
        role: Role::Tuning,
    },
    Suite {
        name: "bundled: held-out questions",
        kb: &["knowledge"],
        sets: &[
            "heldout/prisoner-ask.jsonl",
            "heldout/prisoner-verify.jsonl",
        ],
        role: Role::HeldOut,
    },
    Suite {
        name: "museum article, no claims file (held out)",
        kb: &["knowledge", "tests/data/heldout/kb-a"],
        sets: &["heldout/museum-ask.jsonl", "heldout/museum-verify.jsonl"],
        role: Role::HeldOut,
    },
    Suite {
        name: "wildfire article, no claims file (held out)",
        kb: &["knowledge", "tests/data/heldout/kb-b"],
        sets: &[
            "heldout/wildfire-ask.jsonl",
            "heldout/wildfire-verify.jsonl",
        ],
        role: Role::HeldOut,
    },
    Suite {
        name: "runway article, no claims file (held out)",
        kb: &["knowledge", "tests/data/heldout/kb-c"],
        sets: &["heldout/runway-ask.jsonl", "heldout/runway-verify.jsonl"],
        role: Role::HeldOut,
    },
    Suite {
        name: "breach article, no claims file (held out)",
        kb: &["knowledge", "tests/data/heldout/kb-d"],
        sets: &["heldout/breach-ask.jsonl", "heldout/breach-verify.jsonl"],
        role: Role::HeldOut,
    },
    Suite {
        name: "rescue article, no claims file (held out)",
        kb: &["knowledge", "tests/data/heldout/kb-e"],
        sets: &["heldout/rescue-ask.jsonl", "heldout/rescue-verify.jsonl"],
        role: Role::HeldOut,
    },
    Suite {
        name: "rates article, no claims file (held out)",
        kb: &["knowledge", "tests/data/heldout/kb-f"],
        sets: &["heldout/rates-ask.jsonl", "heldout/rates-verify.jsonl"],
        role: Role::HeldOut,
    },
    Suite {
        name: "bird flu article, no claims file (held out)",
        kb: &["knowledge", "tests/data/heldout/kb-g"],
        sets: &["heldout/birdflu-ask.jsonl", "heldout/birdflu-verify.jsonl"],
        role: Role::HeldOut,
    },
    Suite {
        name: "buses article, no claims file (held out)",
        kb: &["knowledge", "tests/data/heldout/kb-h"],
        sets: &["heldout/buses-ask.jsonl", "heldout/buses-verify.jsonl"],
        role: Role::HeldOut,
    },
];

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A knowledge directory holding the suite's files.
fn knowledge(suite: &Suite) -> Result<tempfile::TempDir, String> {
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let parts: Vec<PathBuf> = suite.kb.iter().map(|p| repo().join(p)).collect();
    eval::assemble(dir.path(), &parts)?;
    Ok(dir)
}

fn figure(tally: &Tally, groups: &[&str]) -> String {
    let (p, t) = tally.of(groups);
    if t == 0 {
        "-".to_string()
    } else {
        format!("{p}/{t} {:.0}%", 100.0 * p as f64 / t as f64)
    }
}

fn line(name: &str, tally: &Tally) {
    let precision = |v: &str| {
        tally.given.get(v).map_or("-".to_string(), |(r, g)| {
            let true_ = tally.true_verdicts.get(v).copied().unwrap_or(0);
            format!("{r}/{g} (true {true_})")
        })
    };
    println!(
        "{name:<46} {:>12} {:>12} {:>12}   supported right {:>16}, contradicted right {:>16}",
        figure(tally, ANSWERABLE),
        figure(tally, ABSTAIN),
        figure(tally, VERDICTS),
        precision("supported"),
        precision("contradicted"),
    );
}

/// Whether a quote holds one of an item's pieces of evidence.
fn holds_evidence(item: &eval::Item, quote: &str) -> bool {
    let quote = eval::norm(quote);
    item.evidence.iter().any(|e| quote.contains(&eval::norm(e)))
}

/// Candidates per question written for fitting.
const DUMPED: usize = 20;

fn dump_features(
    out: &mut std::fs::File,
    engine: &Engine,
    suite: &str,
    items: &[eval::Item],
) -> Result<(), String> {
    for item in items {
        let Some(question) = &item.question else {
            continue;
        };
        let query = engine.index().query(question);
        let ranked = answer::rank(engine.index(), &query);
        for s in ranked.iter().take(DUMPED) {
            let quote = &engine.knowledge().claims[s.claim as usize].quote;
            let positive = item.group() == "answer" && holds_evidence(item, quote);
            let row = serde_json::json!({
                "suite": suite,
                "id": item.id,
                "question": question,
                "quote": quote,
                "expect": item.group(),
                "positive": positive,
                "features": s.parts.features,
                // Never answered, whatever the model says: a gate (the
                // measure asked for is missing, no name beside the noun
                // asked about) or nothing covered.
                "gated": s.confidence <= 0.0,
                "missed": s.coverage.missing(&query),
            });
            writeln!(out, "{row}").map_err(|e| e.to_string())?;
        }
    }
    Ok(())
}

/// Writes, for every statement, the claims judged for it: the data the
/// aboutness model of verification is fitted on.
fn dump_verify_features(
    out: &mut std::fs::File,
    engine: &Engine,
    suite: &str,
    items: &[eval::Item],
) -> Result<(), String> {
    for item in items {
        let Some(statement) = &item.statement else {
            continue;
        };
        let (v, judged) = claimbot::verify::judged(
            engine.knowledge(),
            engine.index(),
            statement,
            engine.thresholds(),
        );
        for j in judged {
            let quote = &engine.knowledge().claims[j.claim as usize].quote;
            let positive = item.group() != "not_found" && holds_evidence(item, quote);
            let row = serde_json::json!({
                "suite": suite,
                "id": item.id,
                "statement": statement,
                "quote": quote,
                "expect": item.group(),
                "positive": positive,
                "features": j.features,
                "relaxed": j.relaxed.as_str(),
                "relaxed_why": j.relaxed_why,
                "differs": j.differs,
                "verdict": v.verdict.as_str(),
                "picked": v.quote.as_deref() == Some(quote.as_str()),
            });
            writeln!(out, "{row}").map_err(|e| e.to_string())?;
        }
    }
    Ok(())
}

fn main() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let failures = args.iter().any(|a| a == "--failures");
    let only = args
        .iter()
        .position(|a| a == "--only")
        .and_then(|i| args.get(i + 1));
    // `--answer X` and `--verify X` try other thresholds than the defaults.
    let mut thresholds = Thresholds::default();
    let value = |name: &str| -> Result<Option<f32>, String> {
        match args.iter().position(|a| a == name) {
            Some(i) => args
                .get(i + 1)
                .and_then(|v| v.parse().ok())
                .map(Some)
                .ok_or(format!("{name} needs a number")),
            None => Ok(None),
        }
    };
    if let Some(v) = value("--answer")? {
        thresholds.answer = v;
    }
    if let Some(v) = value("--verify")? {
        thresholds.verify = v;
    }
    let output = |flag: &str| match args.iter().position(|a| a == flag) {
        Some(i) => {
            let path = args.get(i + 1).ok_or(format!("{flag} needs a file"))?;
            Ok(Some(
                std::fs::File::create(path).map_err(|e| format!("{path}: {e}"))?,
            ))
        }
        None => Ok::<_, String>(None),
    };
    let mut features = output("--features")?;
    let mut verify_features = output("--verify-features")?;
    println!(
        "{:<46} {:>12} {:>12} {:>12}",
        "suite", "answerable", "abstained", "verify"
    );
    let mut tuning = Tally::default();
    let mut held_out = Tally::default();
    for suite in SUITES {
        if only.is_some_and(|o| !suite.name.contains(o.as_str())) {
            continue;
        }
        let sets: Vec<PathBuf> = suite
            .sets
            .iter()
            .map(|s| repo().join("tests/data").join(s))
            .collect();
        if sets.iter().any(|s| !s.exists()) {
            println!("{:<46} (sets missing, skipped)", suite.name);
            continue;
        }
        let dir = knowledge(suite)?;
        let engine = Engine::load(dir.path(), thresholds).map_err(|e| e.to_string())?;
        let mut tally = Tally::default();
        for set in &sets {
            let items = eval::read_set(set)?;
            tally.merge(&eval::score(&engine, &items));
            if let (Some(out), Role::Tuning) = (features.as_mut(), suite.role) {
                dump_features(out, &engine, suite.name, &items)?;
            }
            if let (Some(out), Role::Tuning) = (verify_features.as_mut(), suite.role) {
                dump_verify_features(out, &engine, suite.name, &items)?;
            }
        }
        line(suite.name, &tally);
        // Held-out items are never listed: a figure on a set one has read
        // while tuning is not a held-out figure.
        if failures && suite.role == Role::Tuning {
            for f in &tally.failures {
                println!("    FAIL {f}");
            }
        }
        match suite.role {
            Role::Tuning => tuning.merge(&tally),
            Role::HeldOut => held_out.merge(&tally),
        }
    }
    println!();
    line("all tuning sets", &tuning);
    line("all held-out sets", &held_out);
    Ok(())
}
