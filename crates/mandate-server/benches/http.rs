//! Decision latency through HTTP on loopback: `cargo bench -p mandate-server --bench http`.
//!
//! A real gateway (embedded SQLite, the commerce policy pack) listens on 127.0.0.1; a client
//! asks for a decision on a small refund, which is allowed, minted a credential and appended to
//! the audit log durably (one fsync'd transaction) before the answer. `healthz` is the floor of
//! the HTTP stack alone.
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing
)]

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use mandate_server::config::{Config, Overrides};
use mandate_server::{Gateway, app};
use serde_json::{Value, json};

struct Client {
    http: reqwest::Client,
    base: String,
}

impl Client {
    async fn post(&self, path: &str, token: &str, body: Value) -> Value {
        let resp = self
            .http
            .post(format!("{}{path}", self.base))
            .bearer_auth(token)
            .json(&body)
            .send()
            .await
            .unwrap();
        assert!(resp.status().is_success(), "{path}: {}", resp.status());
        resp.json().await.unwrap()
    }
}

fn copy_pack(to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    let pack = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/commerce/policies");
    for e in std::fs::read_dir(pack).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, to.join(p.file_name().unwrap())).unwrap();
    }
}

fn bench(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    copy_pack(&dir.path().join("policies"));
    let (client, agent, case) = rt.block_on(async {
        let cfg = Config::parse(
            "",
            Vec::<(String, String)>::new(),
            Overrides { data_dir: Some(dir.path().to_owned()), listen: None, database_url: None },
        )
        .unwrap();
        let started = Gateway::start(cfg).await.unwrap();
        let root = std::fs::read_to_string(started.bootstrap_token_file.unwrap()).unwrap().trim().to_owned();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app(started.gateway)).await.unwrap() });
        let c = Client { http: reqwest::Client::new(), base };
        c.post("/v1/tenants", &root, json!({"id": "acme", "name": "Acme"})).await;
        let admin = c.post("/v1/operators", &root, json!({"tenant": "acme", "name": "a", "roles": ["admin", "service"]})).await;
        let admin = admin["token"].as_str().unwrap().to_owned();
        let owner = c.post("/v1/operators", &admin, json!({"tenant": "acme", "name": "o", "roles": ["owner"]})).await;
        let resp = c
            .http
            .put(format!("{}/v1/entities", c.base))
            .bearer_auth(&admin)
            .json(&json!([{"uid": {"type": "Shop::Order", "id": "A-1"}, "attrs": {"customer": "c-1", "total": 12000}, "parents": []}]))
            .send()
            .await
            .unwrap();
        assert!(resp.status().is_success());
        let agent = c
            .post(
                "/v1/agents",
                &admin,
                json!({"tenant": "acme", "name": "bot", "owner": owner["operator"]["id"], "purpose": "bench",
                       "actions": ["refund.issue", "order.read"], "closure_authority": [], "review_interval_days": 30}),
            )
            .await;
        let id = agent["agent"]["id"].as_str().unwrap();
        c.post(&format!("/v1/agents/{id}/activate"), &admin, json!({})).await;
        let token = agent["token"].as_str().unwrap().to_owned();
        let case = c.post("/v1/cases", &token, json!({"customer": {"id": "c-1", "verified": true}})).await;
        (c, token, case["id"].as_str().unwrap().to_owned())
    });

    let mut g = c.benchmark_group("http");
    g.bench_function("healthz", |b| {
        b.iter(|| {
            rt.block_on(async {
                client
                    .http
                    .get(format!("{}/healthz", client.base))
                    .send()
                    .await
                    .unwrap()
                    .bytes()
                    .await
                    .unwrap()
            })
        })
    });
    let path = format!("/v1/cases/{case}/actions");
    let body = json!({"action": "refund.issue", "resource": {"type": "Shop::Order", "id": "A-1"}, "args": {"amount": 4000, "currency": "EUR"}});
    g.bench_function("decide_allow_durable", |b| {
        b.iter(|| {
            rt.block_on(async {
                let v = client.post(&path, &agent, body.clone()).await;
                assert_eq!(v["decision"], "allow");
            })
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
