//! Tenants, operators and agents.

use clap::Subcommand;
use reqwest::Method;
use serde_json::json;

use super::{Conn, encode, query};
use crate::Outcome;

#[derive(Subcommand)]
pub(crate) enum TenantsCommand {
    /// Create a tenant.
    Create {
        #[command(flatten)]
        conn: Conn,
        /// Tenant id (a-z 0-9 . _ -).
        #[arg(long)]
        id: String,
        /// Display name.
        #[arg(long)]
        name: String,
    },
}

pub(crate) async fn tenants(cmd: TenantsCommand) -> anyhow::Result<Outcome> {
    match cmd {
        TenantsCommand::Create { conn, id, name } => {
            conn.print(
                Method::POST,
                "/v1/tenants",
                Some(json!({"id": id, "name": name})),
            )
            .await
        }
    }
}

#[derive(Subcommand)]
pub(crate) enum OperatorsCommand {
    /// Create an operator; prints its token once.
    Create {
        #[command(flatten)]
        conn: Conn,
        #[arg(long)]
        tenant: String,
        #[arg(long)]
        name: String,
        /// A role (repeatable): admin, approver, auditor, owner, service.
        #[arg(long = "role", required = true)]
        roles: Vec<String>,
        /// For approvers: the largest amount they may approve, in minor units.
        #[arg(long)]
        approval_limit: Option<i64>,
    },
    /// List the operators of a tenant.
    List {
        #[command(flatten)]
        conn: Conn,
        #[arg(long)]
        tenant: Option<String>,
    },
}

pub(crate) async fn operators(cmd: OperatorsCommand) -> anyhow::Result<Outcome> {
    match cmd {
        OperatorsCommand::Create {
            conn,
            tenant,
            name,
            roles,
            approval_limit,
        } => {
            let body = json!({"tenant": tenant, "name": name, "roles": roles, "approval_limit": approval_limit});
            conn.print(Method::POST, "/v1/operators", Some(body)).await
        }
        OperatorsCommand::List { conn, tenant } => {
            conn.print(
                Method::GET,
                &format!("/v1/operators{}", query(&[("tenant", tenant)])),
                None,
            )
            .await
        }
    }
}

#[derive(Subcommand)]
pub(crate) enum AgentsCommand {
    /// List agents.
    List {
        #[command(flatten)]
        conn: Conn,
        #[arg(long)]
        tenant: Option<String>,
    },
    /// Show one agent.
    Get {
        #[command(flatten)]
        conn: Conn,
        id: String,
    },
    /// Register an agent; prints its token once.
    Register {
        #[command(flatten)]
        conn: Conn,
        #[arg(long)]
        tenant: String,
        #[arg(long)]
        name: String,
        /// Operator id of its owner.
        #[arg(long)]
        owner: String,
        #[arg(long)]
        purpose: String,
        /// An action it may attempt (repeatable).
        #[arg(long = "action")]
        actions: Vec<String>,
        /// A resolution it may close cases with (repeatable).
        #[arg(long = "closure")]
        closure_authority: Vec<String>,
        #[arg(long, default_value_t = 90)]
        review_interval_days: u32,
    },
    /// Activate a provisioned or suspended agent.
    Activate {
        #[command(flatten)]
        conn: Conn,
        id: String,
    },
    /// Suspend an agent (its credentials die).
    Suspend {
        #[command(flatten)]
        conn: Conn,
        id: String,
    },
    /// Retire an agent for good.
    Retire {
        #[command(flatten)]
        conn: Conn,
        id: String,
    },
    /// Attest an access review (as the agent's owner).
    Review {
        #[command(flatten)]
        conn: Conn,
        id: String,
        #[arg(long)]
        note: Option<String>,
    },
    /// Issue a new agent token; the old one stops working.
    Rotate {
        #[command(flatten)]
        conn: Conn,
        id: String,
    },
}

pub(crate) async fn agents(cmd: AgentsCommand) -> anyhow::Result<Outcome> {
    let post = |conn: Conn, id: String, verb: &'static str| async move {
        conn.print(
            Method::POST,
            &format!("/v1/agents/{}/{verb}", encode(&id)),
            None,
        )
        .await
    };
    match cmd {
        AgentsCommand::List { conn, tenant } => {
            conn.print(
                Method::GET,
                &format!("/v1/agents{}", query(&[("tenant", tenant)])),
                None,
            )
            .await
        }
        AgentsCommand::Get { conn, id } => {
            conn.print(Method::GET, &format!("/v1/agents/{}", encode(&id)), None)
                .await
        }
        AgentsCommand::Register {
            conn,
            tenant,
            name,
            owner,
            purpose,
            actions,
            closure_authority,
            review_interval_days,
        } => {
            let body = json!({
                "tenant": tenant, "name": name, "owner": owner, "purpose": purpose,
                "actions": actions, "closure_authority": closure_authority,
                "review_interval_days": review_interval_days,
            });
            conn.print(Method::POST, "/v1/agents", Some(body)).await
        }
        AgentsCommand::Activate { conn, id } => post(conn, id, "activate").await,
        AgentsCommand::Suspend { conn, id } => post(conn, id, "suspend").await,
        AgentsCommand::Retire { conn, id } => post(conn, id, "retire").await,
        AgentsCommand::Rotate { conn, id } => post(conn, id, "rotate").await,
        AgentsCommand::Review { conn, id, note } => {
            conn.print(
                Method::POST,
                &format!("/v1/agents/{}/review", encode(&id)),
                Some(json!({"note": note})),
            )
            .await
        }
    }
}

pub(crate) async fn whoami(conn: Conn) -> anyhow::Result<Outcome> {
    conn.print(Method::GET, "/v1/whoami", None).await
}
