//! Thin clients of the HTTP API. Each prints the JSON response; an API error prints its code
//! and message and exits 1.

use anyhow::Context as _;
use clap::{Args, Subcommand};
use reqwest::Method;
use serde_json::{Value, json};

use crate::Outcome;

/// How to reach the server.
#[derive(Args, Clone, Debug)]
pub(crate) struct Conn {
    /// Server address.
    #[arg(long, env = "MANDATE_ADDR", default_value = "http://127.0.0.1:8470")]
    pub(crate) addr: String,
    /// Bearer token.
    #[arg(long, env = "MANDATE_TOKEN", hide_env_values = true)]
    pub(crate) token: Option<String>,
}

/// A response: the body, or the API's error envelope.
pub(crate) enum Answer {
    Ok(Vec<u8>),
    Refused {
        status: u16,
        code: String,
        message: String,
    },
}

impl Conn {
    /// Calls the API.
    pub(crate) async fn call(
        &self,
        method: Method,
        path: &str,
        body: Option<Value>,
    ) -> anyhow::Result<Answer> {
        let url = format!("{}{path}", self.addr.trim_end_matches('/'));
        let mut req = reqwest::Client::new().request(method, &url);
        if let Some(t) = &self.token {
            req = req.bearer_auth(t);
        }
        if let Some(b) = body {
            req = req.json(&b);
        }
        let resp = req
            .send()
            .await
            .with_context(|| format!("cannot reach {}", self.addr))?;
        let status = resp.status();
        let bytes = resp.bytes().await.context("reading the response")?.to_vec();
        if status.is_success() {
            return Ok(Answer::Ok(bytes));
        }
        let envelope: Value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        Ok(Answer::Refused {
            status: status.as_u16(),
            code: envelope
                .pointer("/error/code")
                .and_then(Value::as_str)
                .unwrap_or("unknown")
                .to_owned(),
            message: envelope
                .pointer("/error/message")
                .and_then(Value::as_str)
                .map_or_else(
                    || String::from_utf8_lossy(&bytes).into_owned(),
                    str::to_owned,
                ),
        })
    }

    /// Calls the API and prints the JSON answer.
    pub(crate) async fn print(
        &self,
        method: Method,
        path: &str,
        body: Option<Value>,
    ) -> anyhow::Result<Outcome> {
        match self.call(method, path, body).await? {
            Answer::Ok(bytes) => {
                let v: Value =
                    serde_json::from_slice(&bytes).context("the server sent invalid JSON")?;
                println!("{}", serde_json::to_string_pretty(&v)?);
                Ok(Outcome::Ok)
            }
            Answer::Refused {
                status,
                code,
                message,
            } => {
                eprintln!("refused ({status} {code}): {message}");
                Ok(Outcome::No)
            }
        }
    }
}

fn query(pairs: &[(&str, Option<String>)]) -> String {
    let parts: Vec<String> = pairs
        .iter()
        .filter_map(|(k, v)| v.as_ref().map(|v| format!("{k}={}", encode(v))))
        .collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!("?{}", parts.join("&"))
    }
}

/// Percent-encodes a query value.
pub(crate) fn encode(v: &str) -> String {
    v.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

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
