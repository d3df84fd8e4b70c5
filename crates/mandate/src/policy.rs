//! `mandate policy check DIR` and `mandate policy test FILE`.

use std::path::PathBuf;

use clap::Subcommand;
use mandate_policy::testfile;

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
            // The same loading as the gateway's: schema, policies and the commitment mapping.
            match mandate_server::policies::load(&dir, chrono::Utc::now()) {
                Ok(loaded) => {
                    let engine = &loaded.engine;
                    println!(
                        "ok: {} policies, {} actions ({}), {} commitment rules, policy set {}",
                        engine.policy_ids().len(),
                        engine.actions().len(),
                        engine.actions().join(", "),
                        loaded.grounding.len(),
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
