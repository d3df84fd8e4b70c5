//! Spawning `mandate serve` and talking to it.

use std::io::{BufRead as _, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::Duration;

use serde_json::{Value, json};

pub const BIN: &str = env!("CARGO_BIN_EXE_mandate");

/// A running `mandate serve`.
pub struct Server {
    pub child: Child,
    pub base: String,
    pub data_dir: PathBuf,
    pub http: reqwest::Client,
}

impl Server {
    /// Starts a server on an ephemeral port and waits until it listens.
    pub fn start(data_dir: &Path, database_url: Option<&str>, config: &str) -> Server {
        let cfg = data_dir.with_extension("toml");
        std::fs::write(&cfg, config).unwrap();
        let mut cmd = Command::new(BIN);
        cmd.arg("serve")
            .arg("--data-dir")
            .arg(data_dir)
            .arg("--listen")
            .arg("127.0.0.1:0")
            .arg("--config")
            .arg(&cfg);
        if let Some(url) = database_url {
            cmd.arg("--database-url").arg(url);
        }
        let mut child = cmd
            .env("MANDATE_LOG_LEVEL", "warn")
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(addr) = line.strip_prefix("mandate listening on ") {
                    let _ = tx.send(addr.to_owned());
                }
            }
        });
        let base = rx
            .recv_timeout(Duration::from_secs(60))
            .expect("the server did not start listening");
        Server {
            child,
            base,
            data_dir: data_dir.to_owned(),
            http: reqwest::Client::new(),
        }
    }

    pub fn admin_token(&self) -> String {
        std::fs::read_to_string(self.data_dir.join("bootstrap-admin.token"))
            .unwrap()
            .trim()
            .to_owned()
    }

    pub async fn call(
        &self,
        method: reqwest::Method,
        path: &str,
        token: &str,
        body: Option<Value>,
    ) -> (u16, Value) {
        let mut req = self
            .http
            .request(method, format!("{}{path}", self.base))
            .bearer_auth(token);
        if let Some(b) = body {
            req = req.json(&b);
        }
        let resp = req.send().await.unwrap();
        let status = resp.status().as_u16();
        (status, resp.json().await.unwrap_or(Value::Null))
    }

    pub async fn post(&self, path: &str, token: &str, body: Value) -> Value {
        let (s, v) = self
            .call(reqwest::Method::POST, path, token, Some(body))
            .await;
        assert!((200..300).contains(&s), "POST {path} -> {s}: {v}");
        v
    }

    pub async fn get(&self, path: &str, token: &str) -> (u16, Value) {
        self.call(reqwest::Method::GET, path, token, None).await
    }

    /// Stops with SIGTERM and waits (the graceful path).
    pub fn stop(mut self) {
        let _ = Command::new("kill")
            .arg("-TERM")
            .arg(self.child.id().to_string())
            .status();
        let _ = self.child.wait();
    }

    /// SIGKILL: no chance to flush anything.
    pub fn kill(mut self) {
        self.child.kill().unwrap();
        let _ = self.child.wait();
    }
}

/// Ids and tokens of a tenant set up for agents.
pub struct Tenant {
    pub admin: String,
    pub owner_id: String,
    pub auditor: String,
}

pub async fn tenant(s: &Server, id: &str) -> Tenant {
    let root = s.admin_token();
    s.post("/v1/tenants", &root, json!({"id": id, "name": id}))
        .await;
    let admin = s
        .post(
            "/v1/operators",
            &root,
            json!({"tenant": id, "name": "admin", "roles": ["admin"]}),
        )
        .await;
    let admin = admin["token"].as_str().unwrap().to_owned();
    let owner = s
        .post(
            "/v1/operators",
            &admin,
            json!({"tenant": id, "name": "owner", "roles": ["owner"]}),
        )
        .await;
    let auditor = s
        .post(
            "/v1/operators",
            &admin,
            json!({"tenant": id, "name": "auditor", "roles": ["auditor"]}),
        )
        .await;
    Tenant {
        admin,
        owner_id: owner["operator"]["id"].as_str().unwrap().to_owned(),
        auditor: auditor["token"].as_str().unwrap().to_owned(),
    }
}

pub fn agent_body(tenant: &str, owner: &str, n: usize) -> Value {
    json!({"tenant": tenant, "name": format!("agent-{n}"), "owner": owner, "purpose": "load",
           "actions": ["order.read"], "closure_authority": [], "review_interval_days": 30})
}

/// Runs the binary to completion.
pub fn mandate(args: &[&str]) -> Output {
    Command::new(BIN).args(args).output().unwrap()
}

pub fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}
