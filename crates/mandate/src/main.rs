//! `mandate`: the gateway server, offline tools (audit verification, inspection, policy
//! checks) and a thin client of the HTTP API.

mod audit;
mod client;
mod demo;
mod inspect;
mod policy;
mod serve;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Mandate: a governance gateway for customer-facing AI agents.
#[derive(Parser)]
#[command(name = "mandate", version, about, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the gateway.
    Serve(serve::ServeArgs),
    /// Play the whole story on a temporary embedded store: exits 0 only if every step behaved.
    Demo(demo::DemoArgs),
    /// Verify or export the audit log.
    #[command(subcommand)]
    Audit(audit::AuditCommand),
    /// Inspect JSON Lines of texts offline: `{"id", "text"}` in, `{"id", "verdict", "findings"}` out.
    Inspect(inspect::InspectArgs),
    /// Check policies and run policy tests, offline.
    #[command(subcommand)]
    Policy(policy::PolicyCommand),
    /// Tenants (platform admin).
    #[command(subcommand)]
    Tenants(client::TenantsCommand),
    /// Operators (tenant admin).
    #[command(subcommand)]
    Operators(client::OperatorsCommand),
    /// Agents: register, read, lifecycle, reviews, token rotation.
    #[command(subcommand)]
    Agents(client::AgentsCommand),
    /// Cases: read, close, trace.
    #[command(subcommand)]
    Cases(client::CasesCommand),
    /// The approval queue: list, show, approve, deny.
    #[command(subcommand)]
    Approvals(client::ApprovalsCommand),
    /// Show who a token belongs to.
    Whoami(client::Conn),
}

/// Exit codes: 0 success, 1 the answer is "no" (a failed verification, a refused request),
/// 2 the command could not run (bad usage, unreachable server, unreadable file).
pub(crate) enum Outcome {
    Ok,
    No,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the runtime: {e}");
            return ExitCode::from(2);
        }
    };
    let result = runtime.block_on(async move {
        match cli.command {
            Command::Serve(args) => serve::run(args).await,
            Command::Demo(args) => demo::run(args).await,
            Command::Audit(cmd) => audit::run(cmd).await,
            Command::Policy(cmd) => policy::run(cmd),
            Command::Inspect(args) => inspect::run(args),
            Command::Tenants(cmd) => client::tenants(cmd).await,
            Command::Operators(cmd) => client::operators(cmd).await,
            Command::Agents(cmd) => client::agents(cmd).await,
            Command::Cases(cmd) => client::cases(cmd).await,
            Command::Approvals(cmd) => client::approvals(cmd).await,
            Command::Whoami(conn) => client::whoami(conn).await,
        }
    });
    match result {
        Ok(Outcome::Ok) => ExitCode::SUCCESS,
        Ok(Outcome::No) => ExitCode::from(1),
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}

/// Where to find a store directly, without a server.
#[derive(clap::Args, Clone, Debug)]
pub(crate) struct StoreArgs {
    /// Data directory of an embedded store.
    #[arg(long)]
    data_dir: Option<PathBuf>,
    /// A PostgreSQL (or sqlite://) URL.
    #[arg(long)]
    database_url: Option<String>,
}
