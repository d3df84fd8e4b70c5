//! `mandate inspect` over JSON Lines, as an integrator runs it on a labelled dataset.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use serde_json::Value;

use crate::support::{BIN, mandate, text};

fn dataset(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../mandate-inspect/tests/data")
        .join(name)
}

fn lines(stdout: &[u8]) -> Vec<Value> {
    String::from_utf8_lossy(stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn a_labelled_file_gets_one_answer_per_line_in_order() {
    let file = dataset("inputs_dev.jsonl");
    let out = mandate(&[
        "inspect",
        "--direction",
        "input",
        "--file",
        file.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", text(&out));
    let answers = lines(&out.stdout);
    let inputs: Vec<Value> = std::fs::read_to_string(&file)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(answers.len(), inputs.len());
    let mut blocked_attacks = 0;
    for (a, i) in answers.iter().zip(&inputs) {
        assert_eq!(a["id"], i["id"]);
        let verdict = a["verdict"].as_str().unwrap();
        assert!(
            ["allow", "redact", "block", "escalate"].contains(&verdict),
            "{a}"
        );
        if i["label"] == "attack" && verdict == "block" {
            blocked_attacks += 1;
            assert!(!a["findings"].as_array().unwrap().is_empty(), "{a}");
        }
    }
    assert!(blocked_attacks > 0);
}

#[test]
fn output_from_stdin_and_bad_lines_are_answered_in_place() {
    let mut child = Command::new(BIN)
        .args(["inspect", "--direction", "output"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(
            b"{\"id\":1,\"text\":\"I've refunded $20 to your card.\"}\n\n{\"id\":\"x\"}\nnot json\n{\"id\":4,\"text\":\"Refunds take 5-7 days.\"}\n",
        )
        .unwrap();
    let out = child.wait_with_output().unwrap();
    // A bad line makes the run answer "no", but every line is still answered.
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let answers = lines(&out.stdout);
    assert_eq!(answers.len(), 4, "{answers:?}");
    assert_eq!(answers[0]["verdict"], "block");
    assert_eq!(answers[0]["findings"][0]["kind"], "refund");
    assert_eq!(
        answers[0]["findings"][0]["commitment"]["amount_minor"],
        2000
    );
    assert_eq!(answers[1]["id"], "x");
    assert!(
        answers[1]["error"].as_str().unwrap().contains("line 3"),
        "{}",
        answers[1]
    );
    assert!(answers[2]["id"].is_null() && answers[2]["error"].is_string());
    assert_eq!(answers[3]["verdict"], "allow");
    assert!(text(&out).contains("2 line(s)"), "{}", text(&out));
}

#[test]
fn a_config_file_supplies_the_tenants_action_table() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("mandate.toml");
    std::fs::write(
        &config,
        "[tenants.acme.inspection.actions]\ncommitment = \"escalate\"\n",
    )
    .unwrap();
    let input = dir.path().join("in.jsonl");
    std::fs::write(
        &input,
        "{\"id\":1,\"text\":\"I've waived the $5 fee for you.\"}\n",
    )
    .unwrap();
    let run = |extra: &[&str]| {
        let mut args = vec![
            "inspect",
            "--direction",
            "output",
            "--file",
            input.to_str().unwrap(),
        ];
        args.extend_from_slice(extra);
        let out = mandate(&args);
        assert!(out.status.success(), "{}", text(&out));
        lines(&out.stdout)[0]["verdict"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let config = config.to_str().unwrap();
    assert_eq!(run(&[]), "block");
    assert_eq!(run(&["--config", config]), "block");
    assert_eq!(run(&["--config", config, "--tenant", "acme"]), "escalate");
    let out = mandate(&["inspect", "--direction", "output", "--source", "tool"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
}
