//! `mandate policy check DIR` and `mandate policy test FILE`.

use std::path::PathBuf;

use clap::Subcommand;
use mandate_policy::{Engine, read_dir, testfile};

use crate::Outcome;

#[derive(Subcommand)]
pub(crate) enum PolicyCommand {
    /// Validate a policy directory (*.cedarschema, *.cedar) against Mandate's schema.
    Check {
        /// The directory.
        dir: PathBuf,
    },
    /// Run a policy test file: cases with expected allow / deny / pending_approval.
    Test {
        /// The TOML test file.
        file: PathBuf,
    },
}

pub(crate) fn run(cmd: PolicyCommand) -> anyhow::Result<Outcome> {
    match cmd {
        PolicyCommand::Check { dir } => {
            let sources = read_dir(&dir)?;
            match Engine::load(&sources) {
                Ok(engine) => {
                    println!(
                        "ok: {} policies, {} actions ({}), policy set {}",
                        engine.policy_ids().len(),
                        engine.actions().len(),
                        engine.actions().join(", "),
                        engine.hash()
                    );
                    Ok(Outcome::Ok)
                }
                Err(e) => {
                    println!("{}: {e}", dir.display());
                    Ok(Outcome::No)
                }
            }
        }
        PolicyCommand::Test { file } => {
            let outcomes = match testfile::run(&file) {
                Ok(o) => o,
                Err(e) => {
                    println!("{}: {e}", file.display());
                    return Ok(Outcome::No);
                }
            };
            let failed = outcomes.iter().filter(|o| !o.passed).count();
            for o in &outcomes {
                let mark = if o.passed { "PASS" } else { "FAIL" };
                println!("{mark}  {}", o.name);
                if !o.passed {
                    println!("      {}", o.detail);
                }
            }
            println!(
                "\n{} cases, {} passed, {failed} failed",
                outcomes.len(),
                outcomes.len() - failed
            );
            Ok(if failed == 0 {
                Outcome::Ok
            } else {
                Outcome::No
            })
        }
    }
}
