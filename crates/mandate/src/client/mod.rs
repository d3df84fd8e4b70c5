//! Thin clients of the HTTP API. Each prints the JSON response; an API error prints its code
//! and message and exits 1.

mod cases;
mod identities;

pub(crate) use cases::{ApprovalsCommand, CasesCommand, approvals, cases};
pub(crate) use identities::{
    AgentsCommand, OperatorsCommand, TenantsCommand, agents, operators, tenants, whoami,
};

use anyhow::Context as _;
use clap::Args;
use reqwest::Method;
use serde_json::Value;

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
            refused @ Answer::Refused { .. } => Ok(refused.report()),
        }
    }
}

impl Answer {
    /// Tells the user what the API refused, and answers "no".
    pub(crate) fn report(&self) -> Outcome {
        if let Answer::Refused {
            status,
            code,
            message,
        } = self
        {
            eprintln!("refused ({status} {code}): {message}");
        }
        Outcome::No
    }
}

pub(crate) fn query(pairs: &[(&str, Option<String>)]) -> String {
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
