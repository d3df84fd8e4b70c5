//! `mandate demo`: the whole story in one process, on a temporary embedded store — the gateway,
//! a commerce back-end that executes only with valid credentials, a shop tenant with its people,
//! the example policy pack, and a scripted shopping assistant playing real conversations.

// The demo reads JSON answers by key: `Value`'s index by key yields `Null` when the key or the
// object is missing and never panics.
#![allow(clippy::indexing_slicing)]

mod backend;
mod report;
mod script;

use std::path::Path;

use anyhow::Context as _;
use mandate_server::config::{Config, Overrides};
use mandate_server::{Gateway, serve};
use reqwest::Method;
use serde_json::{Value, json};

use crate::Outcome;

/// Flags of `mandate demo`.
#[derive(clap::Args, Debug)]
pub(crate) struct DemoArgs {
    /// Print one JSON document (steps, summary, the case trail) instead of the transcript.
    #[arg(long)]
    json: bool,
}

/// The example commerce pack, built into the binary so the demo runs anywhere.
pub(crate) const PACK: &[(&str, &str)] = &[
    (
        "shop.cedarschema",
        include_str!("../../../../examples/commerce/policies/shop.cedarschema"),
    ),
    (
        "accounts.cedar",
        include_str!("../../../../examples/commerce/policies/accounts.cedar"),
    ),
    (
        "discounts.cedar",
        include_str!("../../../../examples/commerce/policies/discounts.cedar"),
    ),
    (
        "guardrails.cedar",
        include_str!("../../../../examples/commerce/policies/guardrails.cedar"),
    ),
    (
        "orders.cedar",
        include_str!("../../../../examples/commerce/policies/orders.cedar"),
    ),
    (
        "refunds.cedar",
        include_str!("../../../../examples/commerce/policies/refunds.cedar"),
    ),
    (
        "commitments.toml",
        include_str!("../../../../examples/commerce/policies/commitments.toml"),
    ),
];

/// Everything the script talks to, and who it talks as.
pub(crate) struct World {
    http: reqwest::Client,
    pub(crate) gateway: String,
    pub(crate) backend: String,
    pub(crate) approver: String,
    pub(crate) auditor: String,
    pub(crate) agent: String,
    pub(crate) case: String,
    pub(crate) ledger: std::sync::Arc<std::sync::Mutex<Vec<String>>>,
}

impl World {
    /// Calls the gateway.
    pub(crate) async fn gw(
        &self,
        method: Method,
        path: &str,
        token: &str,
        body: Option<Value>,
    ) -> anyhow::Result<(u16, Value)> {
        call(
            &self.http,
            method,
            &format!("{}{path}", self.gateway),
            token,
            body,
        )
        .await
    }

    /// Calls the back-end with a credential (or none).
    pub(crate) async fn be(
        &self,
        method: Method,
        path: &str,
        credential: &str,
        body: Option<Value>,
    ) -> anyhow::Result<(u16, Value)> {
        call(
            &self.http,
            method,
            &format!("{}{path}", self.backend),
            credential,
            body,
        )
        .await
    }
}

async fn call(
    http: &reqwest::Client,
    method: Method,
    url: &str,
    token: &str,
    body: Option<Value>,
) -> anyhow::Result<(u16, Value)> {
    let mut req = http.request(method, url);
    if !token.is_empty() {
        req = req.bearer_auth(token);
    }
    if let Some(b) = body {
        req = req.json(&b);
    }
    let resp = req.send().await.with_context(|| format!("calling {url}"))?;
    let status = resp.status().as_u16();
    Ok((status, resp.json().await.unwrap_or(Value::Null)))
}

pub(crate) async fn run(args: DemoArgs) -> anyhow::Result<Outcome> {
    let dir = tempfile::tempdir().context("a temporary directory for the demo's store")?;
    write_pack(&dir.path().join("policies"))?;
    let config = Config::parse(
        "[policy]\nwatch_interval_seconds = 0\n",
        Vec::<(String, String)>::new(),
        Overrides {
            data_dir: Some(dir.path().to_owned()),
            listen: Some("127.0.0.1:0".to_owned()),
            database_url: None,
        },
    )?;
    let started = Gateway::start(config)
        .await
        .context("starting the gateway")?;
    let token_file = started
        .bootstrap_token_file
        .clone()
        .context("a fresh store bootstraps an admin")?;
    let root = std::fs::read_to_string(token_file)?.trim().to_owned();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let gateway = format!("http://{}", listener.local_addr()?);
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(serve(started.gateway, listener, async {
        let _ = stopped.await;
    }));

    let world = setup(&gateway, &root).await?;
    let (steps, extra, trace) = script::play(&world).await;

    let _ = stop.send(());
    let _ = server.await;
    if args.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&report::json(&steps, &extra, &trace))?
        );
    } else {
        report::print(&steps, &extra);
    }
    Ok(if steps.iter().all(|s| s.ok) {
        Outcome::Ok
    } else {
        Outcome::No
    })
}

fn write_pack(dir: &Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir)?;
    for (name, text) in PACK {
        std::fs::write(dir.join(name), text)?;
    }
    Ok(())
}

/// Two tenants through the API, as an operator would set them up: the shop (with an admin, an
/// owner, an approver, an auditor and a back-end), its orders, its assistant and an open case;
/// and a second shop whose order ids must never leak into the first one's answers.
async fn setup(gateway: &str, root: &str) -> anyhow::Result<World> {
    let http = reqwest::Client::new();
    let post = |path: &str, token: &str, body: Value| {
        let (http, url, token) = (http.clone(), format!("{gateway}{path}"), token.to_owned());
        async move {
            let (status, v) = call(&http, Method::POST, &url, &token, Some(body)).await?;
            anyhow::ensure!(
                (200..300).contains(&status),
                "setup: POST {url} -> {status}: {v}"
            );
            Ok::<Value, anyhow::Error>(v)
        }
    };
    let put = |path: &str, token: &str, body: Value| {
        let (http, url, token) = (http.clone(), format!("{gateway}{path}"), token.to_owned());
        async move {
            let (status, v) = call(&http, Method::PUT, &url, &token, Some(body)).await?;
            anyhow::ensure!(
                (200..300).contains(&status),
                "setup: PUT {url} -> {status}: {v}"
            );
            Ok::<Value, anyhow::Error>(v)
        }
    };
    let token = |v: &Value| v["token"].as_str().unwrap_or_default().to_owned();

    post(
        "/v1/tenants",
        root,
        json!({"id": "acme", "name": "Acme Home"}),
    )
    .await?;
    let admin = token(
        &post(
            "/v1/operators",
            root,
            json!({"tenant": "acme", "name": "Ada (admin)", "roles": ["admin"]}),
        )
        .await?,
    );
    let op = |name: &str, roles: Value, limit: Option<i64>| {
        let mut b = json!({"tenant": "acme", "name": name, "roles": roles});
        if let Some(l) = limit {
            b["approval_limit"] = json!(l);
        }
        b
    };
    let owner = post(
        "/v1/operators",
        &admin,
        op("Olu (agent owner)", json!(["owner"]), None),
    )
    .await?;
    let approver = token(
        &post(
            "/v1/operators",
            &admin,
            op("Ana (approver)", json!(["approver"]), Some(50_000)),
        )
        .await?,
    );
    let auditor = token(
        &post(
            "/v1/operators",
            &admin,
            op("Aud (auditor)", json!(["auditor"]), None),
        )
        .await?,
    );
    let service = token(
        &post(
            "/v1/operators",
            &admin,
            op("Orders back-end", json!(["service"]), None),
        )
        .await?,
    );
    put(
        "/v1/entities",
        &service,
        json!([
            {"uid": {"type": "Shop::Order", "id": "A-1"}, "attrs": {"customer": "c-1", "total": 12000}, "parents": []},
            {"uid": {"type": "Shop::Order", "id": "B-7"}, "attrs": {"customer": "c-2", "total": 4500}, "parents": []},
            {"uid": {"type": "Shop::Account", "id": "acct-c-1"}, "attrs": {"customer": "c-1"}, "parents": []},
        ]),
    )
    .await?;
    let agent = post(
        "/v1/agents",
        &admin,
        json!({
            "tenant": "acme", "name": "Shopping assistant",
            "owner": owner["operator"]["id"], "purpose": "answers order questions, refunds damaged goods",
            "actions": ["order.read", "refund.issue", "discount.grant", "account.reset"],
            "closure_authority": ["resolved", "answered"], "review_interval_days": 90,
        }),
    )
    .await?;
    let agent_id = agent["agent"]["id"].as_str().unwrap_or_default().to_owned();
    post(
        &format!("/v1/agents/{agent_id}/activate"),
        &admin,
        json!({}),
    )
    .await?;
    let agent = token(&agent);
    let case = post(
        "/v1/cases",
        &agent,
        json!({"customer": {"id": "c-1", "verified": true}, "channel": "chat"}),
    )
    .await?;

    // Another shop on the same gateway, with an order id of its own.
    post(
        "/v1/tenants",
        root,
        json!({"id": "globex", "name": "Globex Outlet"}),
    )
    .await?;
    let g_admin = token(
        &post(
            "/v1/operators",
            root,
            json!({"tenant": "globex", "name": "admin", "roles": ["admin"]}),
        )
        .await?,
    );
    let g_service = token(
        &post(
            "/v1/operators",
            &g_admin,
            json!({"tenant": "globex", "name": "back-end", "roles": ["service"]}),
        )
        .await?,
    );
    put(
        "/v1/entities",
        &g_service,
        json!([{"uid": {"type": "Shop::Order", "id": "GX-900"}, "attrs": {"customer": "g-17", "total": 30000}, "parents": []}]),
    )
    .await?;

    let backend = backend::Backend::new(gateway.to_owned(), service.clone());
    let ledger = backend.ledger.clone();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let backend_url = format!("http://{}", listener.local_addr()?);
    let router = backend.router();
    tokio::spawn(async move {
        let _ = axum::serve(listener, router).await;
    });

    Ok(World {
        http,
        gateway: gateway.to_owned(),
        backend: backend_url,
        approver,
        auditor,
        agent,
        case: case["id"].as_str().unwrap_or_default().to_owned(),
        ledger,
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_embedded_pack_is_the_example_pack() {
        let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../../examples/commerce/policies");
        let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        on_disk.sort();
        let mut embedded: Vec<String> = super::PACK.iter().map(|(n, _)| (*n).to_owned()).collect();
        embedded.sort();
        assert_eq!(
            embedded, on_disk,
            "embed every file of the example pack in the demo"
        );
    }
}
