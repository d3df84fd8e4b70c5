//! `mandate inspect`: offline batch inspection of JSON Lines, with the same detectors and
//! verdicts as the gateway.

use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::PathBuf;

use anyhow::Context as _;
use mandate_inspect::verdict::{self, ActionTable};
use mandate_inspect::{Direction, Options, Source};
use mandate_server::config::{Config, Overrides};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::Outcome;

#[derive(clap::Args)]
pub(crate) struct InspectArgs {
    /// Which way the texts flow: `input` (to the agent) or `output` (to the customer).
    #[arg(long, value_parser = ["input", "output"])]
    direction: String,
    /// Where input comes from: `customer` (default), `tool` or `retrieval`.
    #[arg(long, value_parser = ["customer", "tool", "retrieval"])]
    source: Option<String>,
    /// JSON Lines of `{"id": …, "text": …}`; standard input when absent.
    #[arg(long)]
    file: Option<PathBuf>,
    /// A gateway config file: its `[inspection]` action table decides the verdicts.
    #[arg(long)]
    config: Option<PathBuf>,
    /// With `--config`: use this tenant's action table.
    #[arg(long, requires = "config")]
    tenant: Option<String>,
}

/// One input line; other fields (labels, metadata) are ignored, so labelled datasets can be
/// inspected as they are.
#[derive(Deserialize)]
struct Line {
    id: Value,
    text: String,
}

pub(crate) fn run(args: InspectArgs) -> anyhow::Result<Outcome> {
    let (direction, source) = match (args.direction.as_str(), args.source.as_deref()) {
        ("output", None) => (Direction::Output, Source::Agent),
        ("output", Some(s)) => {
            anyhow::bail!("--source `{s}` is for input; output comes from the agent")
        }
        (_, Some("tool")) => (Direction::Input, Source::Tool),
        (_, Some("retrieval")) => (Direction::Input, Source::Retrieval),
        _ => (Direction::Input, Source::Customer),
    };
    let table = action_table(&args)?;
    mandate_inspect::self_check().map_err(anyhow::Error::msg)?;
    let input: Box<dyn BufRead> = match &args.file {
        Some(p) => Box::new(BufReader::new(
            std::fs::File::open(p).with_context(|| format!("cannot open `{}`", p.display()))?,
        )),
        None => Box::new(BufReader::new(std::io::stdin().lock())),
    };
    let mut out = BufWriter::new(std::io::stdout().lock());
    let opts = Options {
        direction,
        source,
        own_identifiers: &[],
    };
    let mut bad = 0usize;
    for (n, line) in input.lines().enumerate() {
        let line = line.with_context(|| format!("cannot read line {}", n + 1))?;
        if line.trim().is_empty() {
            continue;
        }
        let answer = match serde_json::from_str::<Line>(&line) {
            Ok(l) => {
                let findings = mandate_inspect::inspect(&l.text, &opts);
                let outcome = verdict::decide(&l.text, findings, source, &table);
                json!({"id": l.id, "verdict": outcome.verdict.as_str(), "findings": outcome.findings})
            }
            Err(e) => {
                bad += 1;
                // Echo the id when the line has one, so the answer can be matched up.
                let id = serde_json::from_str::<Value>(&line)
                    .ok()
                    .and_then(|v| v.get("id").cloned())
                    .unwrap_or(Value::Null);
                eprintln!("line {}: {e}", n + 1);
                json!({"id": id, "error": format!("line {}: {e}", n + 1)})
            }
        };
        serde_json::to_writer(&mut out, &answer)?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    if bad > 0 {
        eprintln!(
            "{bad} line(s) could not be inspected: each needs {{\"id\": …, \"text\": \"…\"}}"
        );
        return Ok(Outcome::No);
    }
    Ok(Outcome::Ok)
}

fn action_table(args: &InspectArgs) -> anyhow::Result<ActionTable> {
    let Some(path) = &args.config else {
        return Ok(ActionTable::default());
    };
    let config = Config::load(Some(path), std::env::vars(), Overrides::default())?;
    let policy = match &args.tenant {
        Some(t) => {
            let tenant = mandate_core::TenantId::parse(t).context("--tenant")?;
            config.inspection.for_tenant(&tenant).clone()
        }
        None => config.inspection.platform().clone(),
    };
    Ok(policy.actions)
}
