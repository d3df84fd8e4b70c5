//! The harness: a gateway on a fresh store, a clock the test controls, and helpers.

use std::sync::{Arc, Mutex};

use axum::Router;
use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use http_body_util::BodyExt as _;
use mandate_core::Timestamp;
use mandate_server::config::{Config, Overrides};
use mandate_server::{Gateway, app};
use mandate_store::testing::PgSchema;
use serde_json::{Value, json};
use tower::ServiceExt as _;

pub struct TestApp {
    pub router: Router,
    pub gw: Gateway,
    pub admin: String,
    clock: Arc<Mutex<Timestamp>>,
    _dir: tempfile::TempDir,
    pg: Option<PgSchema>,
}

/// Runs `async fn $name(app: &TestApp)` as two tests, one per back-end, on a gateway with no
/// policies.
#[macro_export]
macro_rules! on_both {
    ($($name:ident),* $(,)?) => { $crate::on_both_with!($crate::support::Pack::None; $($name),*); };
}

/// Like [`on_both`], with the commerce example pack loaded.
#[macro_export]
macro_rules! on_both_commerce {
    ($($name:ident),* $(,)?) => { $crate::on_both_with!($crate::support::Pack::Commerce; $($name),*); };
}

/// Runs each `async fn $name(app: &TestApp)` on both back-ends with the given policies.
#[macro_export]
macro_rules! on_both_with {
    ($pack:expr; $($name:ident),* $(,)?) => { $crate::on_both_configured!(""; $pack; $($name),*); };
}

/// Runs each `async fn $name(app: &TestApp)` on both back-ends with the given config text and
/// policies.
#[macro_export]
macro_rules! on_both_configured {
    ($config:expr; $pack:expr; $($name:ident),* $(,)?) => {
        $(mod $name {
            #[allow(unused_imports)]
            use super::*;
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let app = $crate::support::TestApp::start($config, $pack, None, None).await;
                super::$name(&app).await;
                app.done().await;
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                let name = concat!(module_path!(), "::postgres");
                let Some(pg) = mandate_store::testing::pg_schema(name).await else { return };
                let url = pg.url.clone();
                let app = $crate::support::TestApp::start($config, $pack, Some(url), Some(pg)).await;
                super::$name(&app).await;
                app.done().await;
            }
        })*
    };
}

/// Which policies a test gateway starts with.
#[derive(Clone, Copy)]
pub enum Pack {
    /// None: every action is denied.
    None,
    /// `examples/commerce/policies`.
    Commerce,
    /// These files.
    Files(&'static [(&'static str, &'static str)]),
}

pub fn commerce_dir() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/commerce/policies")
}

impl Pack {
    fn write(self, dir: &std::path::Path) {
        std::fs::create_dir_all(dir).unwrap();
        match self {
            Pack::None => {}
            Pack::Commerce => {
                for entry in std::fs::read_dir(commerce_dir()).unwrap() {
                    let p = entry.unwrap().path();
                    std::fs::copy(&p, dir.join(p.file_name().unwrap())).unwrap();
                }
            }
            Pack::Files(files) => {
                for (name, text) in files {
                    std::fs::write(dir.join(name), text).unwrap();
                }
            }
        }
    }
}

impl TestApp {
    pub async fn sqlite(config: &str) -> TestApp {
        TestApp::start(config, Pack::None, None, None).await
    }

    /// A gateway with the given extra config text and policies.
    pub async fn start(
        config: &str,
        pack: Pack,
        database_url: Option<String>,
        pg: Option<PgSchema>,
    ) -> TestApp {
        let dir = tempfile::tempdir().unwrap();
        pack.write(&dir.path().join("policies"));
        let cfg = Config::parse(
            config,
            Vec::<(String, String)>::new(),
            Overrides {
                data_dir: Some(dir.path().to_owned()),
                listen: None,
                database_url,
            },
        )
        .unwrap();
        let clock = Arc::new(Mutex::new(chrono::Utc::now()));
        let c = clock.clone();
        let started = Gateway::start_with_clock(cfg, Arc::new(move || *c.lock().unwrap()))
            .await
            .unwrap();
        let token_file = started
            .bootstrap_token_file
            .clone()
            .expect("a fresh store bootstraps an admin");
        let admin = std::fs::read_to_string(token_file)
            .unwrap()
            .trim()
            .to_owned();
        let gw = started.gateway;
        TestApp {
            router: app(gw.clone()),
            gw,
            admin,
            clock,
            _dir: dir,
            pg,
        }
    }

    pub fn data_dir(&self) -> &std::path::Path {
        self._dir.path()
    }

    pub async fn done(self) {
        self.gw.store().close().await;
        if let Some(pg) = self.pg {
            pg.drop_schema().await;
        }
    }

    /// Moves the gateway's clock forward.
    pub fn advance(&self, by: chrono::Duration) {
        *self.clock.lock().unwrap() += by;
    }

    pub fn now(&self) -> Timestamp {
        *self.clock.lock().unwrap()
    }

    /// Sends a raw request.
    pub async fn send(&self, req: Request<Body>) -> (StatusCode, axum::http::HeaderMap, Vec<u8>) {
        let resp = self.router.clone().oneshot(req).await.unwrap();
        let status = resp.status();
        let headers = resp.headers().clone();
        let body = resp
            .into_body()
            .collect()
            .await
            .unwrap()
            .to_bytes()
            .to_vec();
        (status, headers, body)
    }

    /// Sends JSON (or nothing) and parses the JSON answer. Every error must be the envelope.
    pub async fn call(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        let mut req = Request::builder().method(method).uri(path);
        if let Some(t) = token {
            req = req.header("authorization", format!("Bearer {t}"));
        }
        let req = match body {
            Some(b) => req
                .header("content-type", "application/json")
                .body(Body::from(b.to_string())),
            None => req.body(Body::empty()),
        }
        .unwrap();
        let (status, _, bytes) = self.send(req).await;
        let value: Value = if bytes.is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(&bytes).unwrap_or_else(|e| {
                panic!(
                    "{path}: not JSON ({e}): {}",
                    String::from_utf8_lossy(&bytes)
                )
            })
        };
        if !status.is_success() {
            assert_envelope(status, &value);
        }
        (status, value)
    }

    pub async fn get(&self, path: &str, token: &str) -> (StatusCode, Value) {
        self.call(Method::GET, path, Some(token), None).await
    }

    pub async fn post(&self, path: &str, token: &str, body: Value) -> (StatusCode, Value) {
        self.call(Method::POST, path, Some(token), Some(body)).await
    }

    /// The JWKS the gateway serves.
    pub async fn jwks(&self) -> Value {
        let (s, v) = self
            .call(Method::GET, "/.well-known/jwks.json", None, None)
            .await;
        assert_eq!(s, StatusCode::OK);
        v
    }

    /// POST that must succeed; returns the body.
    pub async fn ok(&self, path: &str, token: &str, body: Value) -> Value {
        let (s, v) = self.post(path, token, body).await;
        assert!(s.is_success(), "POST {path} -> {s}: {v}");
        v
    }
}

pub fn assert_envelope(status: StatusCode, v: &Value) {
    assert!(
        v["error"]["code"].is_string() && v["error"]["message"].is_string(),
        "{status} without the error envelope: {v}"
    );
    assert!(status.is_client_error() || status.is_server_error());
}

/// A tenant with one operator per role, ready for agents.
#[derive(Clone)]
pub struct Tenant {
    pub id: String,
    pub admin: String,
    pub owner_id: String,
    pub owner: String,
    pub approver: String,
    #[allow(dead_code)] // used by the approval tests
    pub approver_id: String,
    pub auditor: String,
    pub service: String,
}

impl TestApp {
    pub async fn tenant(&self, id: &str) -> Tenant {
        self.ok(
            "/v1/tenants",
            &self.admin,
            json!({"id": id, "name": id.to_uppercase()}),
        )
        .await;
        let op = |name: &str, roles: Value, limit: Option<i64>| {
            let mut b = json!({"tenant": id, "name": name, "roles": roles});
            if let Some(l) = limit {
                b["approval_limit"] = json!(l);
            }
            b
        };
        let admin = self
            .ok(
                "/v1/operators",
                &self.admin,
                op("Ada Admin", json!(["admin"]), None),
            )
            .await;
        let admin = admin["token"].as_str().unwrap().to_owned();
        let owner = self
            .ok(
                "/v1/operators",
                &admin,
                op("Olu Owner", json!(["owner"]), None),
            )
            .await;
        let approver = self
            .ok(
                "/v1/operators",
                &admin,
                op("Ana Approver", json!(["approver"]), Some(50_000)),
            )
            .await;
        let auditor = self
            .ok(
                "/v1/operators",
                &admin,
                op("Aud Itor", json!(["auditor"]), None),
            )
            .await;
        let service = self
            .ok(
                "/v1/operators",
                &admin,
                op("Orders backend", json!(["service"]), None),
            )
            .await;
        Tenant {
            id: id.to_owned(),
            admin,
            owner_id: owner["operator"]["id"].as_str().unwrap().to_owned(),
            owner: owner["token"].as_str().unwrap().to_owned(),
            approver_id: approver["operator"]["id"].as_str().unwrap().to_owned(),
            approver: approver["token"].as_str().unwrap().to_owned(),
            auditor: auditor["token"].as_str().unwrap().to_owned(),
            service: service["token"].as_str().unwrap().to_owned(),
        }
    }

    /// Registers and activates an agent; returns (id, token).
    pub async fn agent(&self, t: &Tenant, actions: &[&str]) -> (String, String) {
        let v = self
            .ok(
                "/v1/agents",
                &t.admin,
                json!({
                    "tenant": t.id, "name": "Shopping assistant", "owner": t.owner_id,
                    "purpose": "answers order questions and handles refunds",
                    "actions": actions, "closure_authority": ["resolved", "answered"],
                    "review_interval_days": 30
                }),
            )
            .await;
        let id = v["agent"]["id"].as_str().unwrap().to_owned();
        self.ok(&format!("/v1/agents/{id}/activate"), &t.admin, json!({}))
            .await;
        (id, v["token"].as_str().unwrap().to_owned())
    }
}
