//! Every shell example in the README and the guides works as written, against a real server.
//!
//! The ```` ```sh ```` blocks of `README.md`, then of each guide in reading order, are run in
//! one bash session (`set -euo pipefail`, so a failing `curl -f` fails the test) in a fresh
//! directory that sees the repository's `examples/`, with the built `mandate` first on `PATH`.
//! Blocks that build or test the project (`cargo …`, `.ci/run`) are skipped; the first block
//! that runs `mandate serve` starts the server in the background on a free port (`MANDATE`
//! points at it) and later ones, which show other ways to start it, are skipped.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::BIN;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The guides, in the order a newcomer reads them; each continues from the ones before.
const DOCS: &[&str] = &[
    "README.md",
    "docs/agent-developer.md",
    "docs/approver.md",
    "docs/auditor.md",
    "docs/operator.md",
];

fn sh_blocks(markdown: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current: Option<String> = None;
    for line in markdown.lines() {
        match (&mut current, line.trim_start()) {
            (None, "```sh") => current = Some(String::new()),
            (Some(block), "```") => {
                out.push(std::mem::take(block));
                current = None;
            }
            (Some(block), _) => {
                block.push_str(line);
                block.push('\n');
            }
            (None, _) => {}
        }
    }
    out
}

fn script(port: u16) -> String {
    let mut s = String::from("set -euo pipefail\n");
    s.push_str(&format!("export MANDATE=http://127.0.0.1:{port}\n"));
    let mut started = false;
    for doc in DOCS {
        let text =
            std::fs::read_to_string(repo().join(doc)).unwrap_or_else(|e| panic!("{doc}: {e}"));
        for (i, block) in sh_blocks(&text).into_iter().enumerate() {
            let first = block.trim_start();
            if first.starts_with("cargo ") || first.starts_with(".ci/run") {
                continue;
            }
            if block.contains("mandate serve") {
                if !started {
                    started = true;
                    s.push_str(&format!(
                        "mandate serve --data-dir mandate-data --listen 127.0.0.1:{port} > serve.log 2>&1 &\n\
                         SERVE_PID=$!\ntrap 'kill $SERVE_PID 2>/dev/null || true' EXIT\n\
                         for _ in $(seq 1 100); do curl -sf \"$MANDATE/healthz\" > /dev/null && break; sleep 0.1; done\n"
                    ));
                }
                continue;
            }
            s.push_str(&format!("echo '--- {doc}, shell block {}'\n", i + 1));
            s.push_str(&block);
        }
    }
    s
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn have(tool: &str) -> bool {
    Command::new(tool)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn every_shell_example_in_the_docs_works() {
    for tool in ["bash", "curl", "jq"] {
        assert!(
            have(tool),
            "the docs examples need `{tool}`; .ci/run installs it"
        );
    }
    let dir = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(repo().join("examples"), dir.path().join("examples")).unwrap();
    let bin_dir = Path::new(BIN).parent().unwrap();
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let script = script(free_port());
    let out = Command::new("bash")
        .arg("-c")
        .arg(&script)
        .current_dir(dir.path())
        .env("PATH", path)
        .env_remove("MANDATE_ADDR")
        .env_remove("MANDATE_TOKEN")
        .output()
        .unwrap();
    let log = std::fs::read_to_string(dir.path().join("serve.log")).unwrap_or_default();
    assert!(
        out.status.success(),
        "a documented example failed\n--- stdout\n{}\n--- stderr\n{}\n--- server log\n{log}\n--- script\n{script}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
}

#[test]
fn the_operator_guide_carries_the_configuration_reference_of_the_code() {
    let path = repo().join("docs/operator.md");
    let doc = std::fs::read_to_string(&path).unwrap();
    let start = "<!-- config-reference:start -->\n";
    let (_, rest) = doc.split_once(start).expect("the start marker");
    let (table, _) = rest
        .split_once("<!-- config-reference:end -->")
        .expect("the end marker");
    let generated = mandate_server::config::reference::markdown();
    if std::env::var_os("MANDATE_BLESS_DOCS").is_some() && table != generated {
        let fresh = doc.replacen(
            &format!("{start}{table}"),
            &format!("{start}{generated}"),
            1,
        );
        std::fs::write(&path, fresh).unwrap();
        return;
    }
    assert_eq!(
        table, generated,
        "the reference table in docs/operator.md is stale: run this test with MANDATE_BLESS_DOCS=1 to regenerate it from crates/mandate-server/src/config/reference.rs"
    );
}
