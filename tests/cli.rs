//! The real binary, as a user runs it.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};

#[path = "support/binary.rs"]
mod binary;
use binary::bin;

fn run(args: &[&str], stdin: &str) -> Output {
    let mut child = bin()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("write stdin");
    child.wait_with_output().expect("the binary finishes")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn article() -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge/prisoner-exchange.txt"),
    )
    .expect("bundled article")
}

#[test]
fn ask_prints_answer_quote_and_source() {
    let o = run(&["ask", "How many civilians were freed?"], "");
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("120 civilians per side"), "{out}");
    assert!(out.contains("  > "), "the quote is a block quote: {out}");
    assert!(out.contains("— "), "the source is cited: {out}");
}

#[test]
fn ask_json_quotes_the_source_verbatim() {
    let o = run(&["ask", "--json", "Where did the swap take place?"], "");
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(stdout(&o).trim()).expect("one JSON object");
    assert_eq!(v["answered"], true);
    let quote = v["quote"].as_str().expect("a quote");
    assert!(article().contains(quote), "quote is verbatim: {quote}");
    assert!(quote.contains("border with Belarus"));
    for key in ["answer", "source", "claim", "confidence", "alternatives"] {
        assert!(v.get(key).is_some(), "{key} present");
    }
}

#[test]
fn ask_says_when_the_source_does_not_cover_it() {
    let o = run(&["ask", "--json", "What is the capital of France?"], "");
    let v: serde_json::Value = serde_json::from_str(stdout(&o).trim()).expect("JSON");
    assert_eq!(v["answered"], false);
    assert!(v["quote"].is_null());
    let o = run(&["ask", "What is the capital of France?"], "");
    assert!(stdout(&o).contains("does not cover"), "{}", stdout(&o));
}

#[test]
fn batch_answers_every_line_in_order() {
    let input = "How many civilians were freed?\n\nWho won the 2022 World Cup?\n\u{1F600}\u{202E}\u{0007}\nWhere were the direct talks held?\n";
    let o = run(&["ask", "--json"], input);
    assert!(o.status.success(), "{}", stderr(&o));
    let lines: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    assert_eq!(lines.len(), 5);
    assert_eq!(lines[0]["answered"], true);
    assert_eq!(lines[1]["answered"], false, "an empty line is not answered");
    assert_eq!(lines[2]["answered"], false);
    assert!(lines[4]["quote"]
        .as_str()
        .unwrap_or("")
        .contains("Istanbul"));
}

#[test]
fn batch_survives_bytes_that_are_not_utf8() {
    let mut child = bin()
        .args(["ask", "--json"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("start");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(b"how many \xff\xfe civilians were freed\n")
        .expect("write");
    let o = child.wait_with_output().expect("finish");
    assert!(o.status.success());
    assert_eq!(stdout(&o).lines().count(), 1);
}

#[test]
fn verify_gives_verdict_quote_and_reason() {
    let o = run(&["verify", "--json", "Each side released 500 people."], "");
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(stdout(&o).trim()).expect("JSON");
    assert_eq!(v["verdict"], "contradicted");
    assert!(v["quote"].as_str().unwrap_or("").contains("390 people"));
    let why = v["explanation"].as_str().unwrap_or("");
    assert!(why.contains("390") && why.contains("500"), "{why}");

    let o = run(&["verify", "Ukraine released 50 journalists."], "");
    assert!(stdout(&o).starts_with("NOT FOUND"), "{}", stdout(&o));
}

#[test]
fn verify_batch_reads_standard_input() {
    let o = run(
        &["verify", "--json"],
        "Zelensky confirmed the release.\nThe swap took place on the border with Poland.\n",
    );
    let verdicts: Vec<String> = stdout(&o)
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).expect("JSON")["verdict"]
                .as_str()
                .unwrap_or("")
                .to_string()
        })
        .collect();
    assert_eq!(verdicts, ["supported", "contradicted"]);
}

#[test]
fn chat_behaves_like_the_bot_in_a_channel() {
    let o = run(&["chat"], "how many civilians were freed?\n/verify The meeting lasted three days.\n/sources\n/quit\nnot read\n");
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("120 civilians per side"), "{out}");
    assert!(out.contains("CONTRADICTED"), "{out}");
    assert!(out.contains("prisoner-exchange"), "{out}");
}

fn temp_kb(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, content) in files {
        std::fs::write(dir.path().join(name), content).expect("write");
    }
    dir
}

#[test]
fn broken_knowledge_base_names_file_and_line_and_exits_2() {
    let dir = temp_kb(&[
        ("a.txt", "Each side released 390 people."),
        ("a.toml", "[source]\ntitle = \"A\"\n\n[[claims]]\nid = \"x\"\nanswer = \"390\"\nquote = \"500 people\"\n"),
    ]);
    let kb = dir.path().to_string_lossy().to_string();
    for args in [
        vec!["--kb", &kb, "ask", "anything"],
        vec!["--kb", &kb, "check"],
    ] {
        let o = run(&args, "");
        assert_eq!(o.status.code(), Some(2));
        let err = stderr(&o);
        assert!(
            err.contains("a.toml:7: claim \"x\": quote not found in a.txt"),
            "{err}"
        );
        assert!(!err.contains("panicked"), "{err}");
        assert!(stdout(&o).is_empty());
    }
}

#[test]
fn usage_and_config_errors_exit_2() {
    assert_eq!(run(&["ask", "--bogus"], "").status.code(), Some(2));
    assert_eq!(
        run(&["--kb", "/nonexistent/kb", "ask", "x"], "")
            .status
            .code(),
        Some(2)
    );
    let o = bin()
        .args(["ask", "x"])
        .env("CLAIMBOT_ANSWER__MIN_CONFIDENCE", "high")
        .output()
        .expect("run");
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("min_confidence"), "{}", stderr(&o));
}

#[test]
fn knowledge_dir_comes_from_the_environment() {
    let dir = temp_kb(&[(
        "storm.txt",
        "The storm destroyed 40 homes in Dover on Tuesday.",
    )]);
    let o = bin()
        .args(["ask", "--json", "How many homes did the storm destroy?"])
        .env("CLAIMBOT_KNOWLEDGE__DIR", dir.path())
        .output()
        .expect("run");
    let v: serde_json::Value = serde_json::from_str(stdout(&o).trim()).expect("JSON");
    assert_eq!(v["answered"], true, "{v}");
    assert!(v["quote"].as_str().unwrap_or("").contains("40 homes"));
}

/// Drafts a claims file for an article with `extract`, writes it beside the
/// article, and returns the draft and `check`'s output, asserting it loads.
fn extract_and_check(name: &str, text: &str) -> (String, Output) {
    let dir = temp_kb(&[(name, text)]);
    let file: PathBuf = dir.path().join(name);
    let o = run(&["extract", &file.to_string_lossy()], "");
    assert!(o.status.success(), "{}", stderr(&o));
    let draft = stdout(&o);
    let stem = name.trim_end_matches(".txt");
    std::fs::write(dir.path().join(format!("{stem}.toml")), &draft).expect("write draft");
    let kb = dir.path().to_string_lossy().to_string();
    let o = run(&["--kb", &kb, "check"], "");
    assert!(o.status.success(), "the draft loads: {}", stderr(&o));
    (draft, o)
}

#[test]
fn extract_writes_valid_toml_for_control_characters() {
    extract_and_check(
        "odd.txt",
        "Alpha said \u{1}hello\u{7f} there. Beta \u{1b}[31mred\u{1b}[0m went home.",
    );
}

#[test]
fn extract_drafts_a_claims_file_that_loads() {
    let (draft, o) = extract_and_check(
        "council.txt",
        "The U.S. council met for six hours on Monday. It approved £12.6m for 1,200 homes.",
    );
    assert!(
        draft.contains("numbers = [\"12600000\",\"1200\"]") || draft.contains("1200"),
        "{draft}"
    );
    assert!(
        stdout(&o).contains("1 sources, 4 claims (2 curated"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn json_logs_are_one_object_per_line() {
    // A bot pointed at a closed local port logs its start, fails to reach
    // Discord and exits: every log line on the way is a JSON object.
    let out = bin()
        .args(["run"])
        .env("CLAIMBOT_LOG__FORMAT", "json")
        .env("DISCORD_TOKEN", "abc.def.ghi")
        .env("CLAIMBOT_DISCORD__API_URL", "http://127.0.0.1:9")
        .stdin(Stdio::null())
        .output()
        .expect("the binary runs");
    assert!(!out.status.success());
    let err = stderr(&out);
    let logs: Vec<&str> = err
        .lines()
        .filter(|l| !l.starts_with("claimbot:"))
        .collect();
    assert!(
        logs.iter().any(|l| l.contains("knowledge base loaded")),
        "{err}"
    );
    for line in logs {
        let object: serde_json::Value =
            serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}"));
        assert!(
            object["level"].is_string() && object["message"].is_string(),
            "{line}"
        );
    }
}

#[test]
fn explain_shows_the_reasons_of_an_answer_and_a_verdict_as_a_tree() {
    let o = run(&["verify", "--explain", "Russia freed 500 people"], "");
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    let (verdict, why) = out
        .split_once("\nwhy:\n")
        .expect("the reasons follow the verdict");
    assert!(verdict.starts_with("CONTRADICTED"), "{out}");
    assert!(
        why.contains("500 → #500 (a value"),
        "the value is read: {out}"
    );
    assert!(why.contains("chosen: "), "how the claim was chosen: {out}");
    assert!(
        why.contains("freed ~ freed (Exact)"),
        "each word the claim covers, and how: {out}"
    );
    assert!(why.contains("finding: The source says 390"), "{out}");

    let o = run(
        &[
            "ask",
            "--json",
            "--explain",
            "How many civilians were freed?",
        ],
        "",
    );
    let v: serde_json::Value = serde_json::from_str(stdout(&o).trim()).expect("one JSON object");
    assert_eq!(v["answered"], true);
    let why = &v["why"];
    assert!(
        why["label"]
            .as_str()
            .is_some_and(|l| l.starts_with("answered")),
        "{why}"
    );
    let steps: Vec<&str> = why["details"]
        .as_array()
        .expect("steps")
        .iter()
        .filter_map(|d| d["label"].as_str())
        .collect();
    assert!(
        steps[0].starts_with("question: expects Number"),
        "{steps:?}"
    );
    assert!(
        steps[1].starts_with("best claim civilians-per-side"),
        "{steps:?}"
    );

    let plain = run(&["ask", "--json", "How many civilians were freed?"], "");
    let v: serde_json::Value = serde_json::from_str(stdout(&plain).trim()).expect("JSON");
    assert!(v.get("why").is_none(), "reasons only when asked");
}

#[test]
fn a_yes_or_no_opening_answers_only_a_yes_or_no_question() {
    // The bundled claim's answer opens "Yes: …" for its own question ("Did
    // Lavrov say there would be more talks?"); asked who, it is a name.
    let o = run(
        &["ask", "--json", "Who said further talks would happen?"],
        "",
    );
    let v: serde_json::Value = serde_json::from_str(stdout(&o).trim()).expect("one JSON object");
    assert_eq!(v["answered"], true, "{v}");
    let answer = v["answer"].as_str().expect("a short answer");
    assert!(answer.contains("Lavrov"), "{answer}");
    assert!(!answer.starts_with("Yes"), "{answer}");
}

#[test]
fn a_claim_that_answers_no_contradicts_what_its_question_asks() {
    // The bundled claim "peace-uncertain" answers "No: the path to lasting
    // peace remains uncertain." to "Will the exchange lead to peace?".
    let verdict = |statement: &str| {
        let o = run(&["verify", "--json", statement], "");
        let v: serde_json::Value = serde_json::from_str(stdout(&o).trim()).expect("JSON");
        v["verdict"].as_str().unwrap_or("").to_string()
    };
    assert_eq!(verdict("The exchange will lead to peace."), "contradicted");
    assert_eq!(
        verdict("Peace between Russia and Ukraine is close."),
        "contradicted"
    );
    assert_eq!(verdict("The exchange will not lead to peace."), "supported");
}
