//! Cases and the approval queue.

use clap::Subcommand;
use reqwest::Method;
use serde_json::json;

use super::{Conn, encode, query};
use crate::Outcome;

#[derive(Subcommand)]
pub(crate) enum CasesCommand {
    /// Show a case.
    Get {
        #[command(flatten)]
        conn: Conn,
        id: String,
    },
    /// Close a case with a resolution (as its agent, or an admin).
    Close {
        #[command(flatten)]
        conn: Conn,
        id: String,
        #[arg(long)]
        resolution: String,
    },
    /// The case's whole trail, in order (auditors, admins, the agent's owner).
    Trace {
        #[command(flatten)]
        conn: Conn,
        id: String,
    },
}

pub(crate) async fn cases(cmd: CasesCommand) -> anyhow::Result<Outcome> {
    match cmd {
        CasesCommand::Get { conn, id } => {
            conn.print(Method::GET, &format!("/v1/cases/{}", encode(&id)), None)
                .await
        }
        CasesCommand::Close {
            conn,
            id,
            resolution,
        } => {
            conn.print(
                Method::POST,
                &format!("/v1/cases/{}/close", encode(&id)),
                Some(json!({"resolution": resolution})),
            )
            .await
        }
        CasesCommand::Trace { conn, id } => {
            conn.print(
                Method::GET,
                &format!("/v1/cases/{}/trace", encode(&id)),
                None,
            )
            .await
        }
    }
}

#[derive(Subcommand)]
pub(crate) enum ApprovalsCommand {
    /// The queue of your tenant.
    List {
        #[command(flatten)]
        conn: Conn,
        /// `pending` (default), `approved`, `denied`, `expired` or `all`.
        #[arg(long)]
        status: Option<String>,
        /// The tenant (platform admin only).
        #[arg(long)]
        tenant: Option<String>,
    },
    /// Show one approval, with exactly what it approves.
    Get {
        #[command(flatten)]
        conn: Conn,
        id: String,
    },
    /// Approve, with a reason that is recorded with your identity.
    Approve {
        #[command(flatten)]
        conn: Conn,
        id: String,
        #[arg(long)]
        reason: String,
    },
    /// Deny, with a reason; final.
    Deny {
        #[command(flatten)]
        conn: Conn,
        id: String,
        #[arg(long)]
        reason: String,
    },
}

pub(crate) async fn approvals(cmd: ApprovalsCommand) -> anyhow::Result<Outcome> {
    match cmd {
        ApprovalsCommand::List {
            conn,
            status,
            tenant,
        } => {
            let q = query(&[("status", status), ("tenant", tenant)]);
            conn.print(Method::GET, &format!("/v1/approvals{q}"), None)
                .await
        }
        ApprovalsCommand::Get { conn, id } => {
            conn.print(Method::GET, &format!("/v1/approvals/{}", encode(&id)), None)
                .await
        }
        ApprovalsCommand::Approve { conn, id, reason } => decide(conn, id, "approve", reason).await,
        ApprovalsCommand::Deny { conn, id, reason } => decide(conn, id, "deny", reason).await,
    }
}

async fn decide(conn: Conn, id: String, verb: &str, reason: String) -> anyhow::Result<Outcome> {
    conn.print(
        Method::POST,
        &format!("/v1/approvals/{}/{verb}", encode(&id)),
        Some(json!({"reason": reason})),
    )
    .await
}
