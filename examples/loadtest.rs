//! Reproducible latency figures without criterion:
//!
//! ```sh
//! cargo run --release --example loadtest -- --claims 100000 --questions 2000 [--reload]
//! ```
//!
//! Loads the bundled knowledge base plus N synthetic claims, asks M questions
//! (real ones from tests/data mixed with synthetic ones) and prints one line:
//! claims, load time, resident memory, ask and verify p50/p99, and the naive
//! strsim scan's p50 with the speed-up. With `--reload`, a second thread
//! rebuilds the engine while questions keep being answered from the current
//! snapshot, and the slowest answer during the rebuild is reported.

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use claimbot::answer::Thresholds;
use claimbot::knowledge::KnowledgeBase;
use claimbot::{synthetic, Engine};

struct Options {
    claims: usize,
    questions: usize,
    reload: bool,
}

fn options() -> Result<Options, String> {
    let mut o = Options {
        claims: 10_000,
        questions: 2_000,
        reload: false,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut number = |name: &str| -> Result<usize, String> {
            args.next()
                .and_then(|v| v.replace('_', "").parse().ok())
                .ok_or(format!("{name} needs a number"))
        };
        match arg.as_str() {
            "--claims" => o.claims = number("--claims")?,
            "--questions" => o.questions = number("--questions")?.max(1),
            "--reload" => o.reload = true,
            other => {
                return Err(format!(
                    "unknown argument {other}; use --claims N --questions M [--reload]"
                ))
            }
        }
    }
    Ok(o)
}

fn resident_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        })
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

fn real_questions() -> (Vec<String>, Vec<String>) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/shared");
    (
        synthetic::question_set(&dir, "question"),
        synthetic::question_set(&dir, "statement"),
    )
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let i = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[i].as_secs_f64() * 1e6
}

fn time_each<F: FnMut(&str)>(inputs: &[String], mut f: F) -> Vec<Duration> {
    let mut times: Vec<Duration> = inputs
        .iter()
        .map(|q| {
            let t = Instant::now();
            f(q);
            t.elapsed()
        })
        .collect();
    times.sort();
    times
}

fn load(claims: usize) -> Engine {
    let base = KnowledgeBase::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge"))
        .expect("bundled knowledge loads");
    Engine::new(
        synthetic::knowledge(base, claims, 42),
        Thresholds::default(),
    )
}

fn main() {
    let o = match options() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("loadtest: {e}");
            std::process::exit(2);
        }
    };
    let started = Instant::now();
    let engine = load(o.claims);
    let load_time = started.elapsed();
    let rss = resident_mb();

    let (real_asks, real_claims) = real_questions();
    let synthetic_asks = synthetic::questions(o.questions, 1);
    // Real questions, and with synthetic articles loaded, as many aimed at them.
    let asks: Vec<String> = (0..o.questions)
        .map(|i| {
            let real = !real_asks.is_empty() && (o.claims == 0 || i % 2 == 0);
            if real {
                real_asks[i % real_asks.len()].clone()
            } else {
                synthetic_asks[i].clone()
            }
        })
        .collect();
    let statements: Vec<String> = if real_claims.is_empty() {
        asks.clone()
    } else {
        (0..o.questions)
            .map(|i| real_claims[i % real_claims.len()].clone())
            .collect()
    };

    // Warm up caches and the scratch buffers.
    for q in asks.iter().take(50) {
        std::hint::black_box(engine.ask(q));
    }
    let ask = time_each(&asks, |q| {
        std::hint::black_box(engine.ask(q));
    });
    let verify = time_each(&statements, |s| {
        std::hint::black_box(engine.verify(s));
    });
    // The naive scan is slow: a sample is enough for its median.
    let sample = (2_000_000 / engine.knowledge().claims.len().max(1))
        .clamp(5, 200)
        .min(asks.len());
    let naive_times = time_each(&asks[..sample], |q| {
        std::hint::black_box(synthetic::naive_best(engine.knowledge(), q));
    });
    let (ask50, ask99) = (percentile(&ask, 0.5), percentile(&ask, 0.99));
    let naive50 = percentile(&naive_times, 0.5);
    print!(
        "claims {} | load {:.2} s | rss {:.0} MB | ask p50 {:.1} µs p99 {:.1} µs max {:.0} µs | verify p50 {:.1} µs p99 {:.1} µs | naive p50 {:.0} µs ({}× slower)",
        engine.knowledge().claims.len(),
        load_time.as_secs_f64(),
        rss,
        ask50,
        ask99,
        percentile(&ask, 1.0),
        percentile(&verify, 0.5),
        percentile(&verify, 0.99),
        naive50,
        (naive50 / ask50).round()
    );

    if o.reload {
        let current = Arc::new(claimbot::store::Store::with_engine(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge"),
            engine,
        ));
        let done = Arc::new(AtomicBool::new(false));
        let rebuild = {
            let (current, done, claims) = (Arc::clone(&current), Arc::clone(&done), o.claims);
            std::thread::spawn(move || {
                let t = Instant::now();
                current.put_in_service(Arc::new(load(claims)));
                done.store(true, Ordering::SeqCst);
                t.elapsed()
            })
        };
        let mut slowest = Duration::ZERO;
        let mut answered = 0usize;
        while !done.load(Ordering::SeqCst) {
            let q = &asks[answered % asks.len()];
            let t = Instant::now();
            std::hint::black_box(current.engine().ask(q));
            slowest = slowest.max(t.elapsed());
            answered += 1;
        }
        let took = rebuild.join().unwrap_or_default();
        print!(
            " | reload {:.2} s, {} answers during it, slowest {:.0} µs",
            took.as_secs_f64(),
            answered,
            slowest.as_secs_f64() * 1e6
        );
    }
    println!();
}
