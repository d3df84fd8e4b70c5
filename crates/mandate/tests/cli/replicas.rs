//! Two server processes on one PostgreSQL: one gapless, verifiable log.

use mandate_store::testing::pg_schema;

use serde_json::json;

use crate::support::{Server, agent_body, mandate, tenant, text};

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_replicas_write_one_gapless_log() {
    let Some(pg) = pg_schema("cli::replicas::two_replicas_write_one_gapless_log").await else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let a = Server::start(
        &dir.path().join("a"),
        Some(&pg.url),
        "[audit]\ncheckpoint_every_records = 25\n",
    );
    let b = Server::start(
        &dir.path().join("b"),
        Some(&pg.url),
        "[audit]\ncheckpoint_every_records = 25\n",
    );
    assert!(
        !dir.path().join("b/bootstrap-admin.token").exists(),
        "only the first replica bootstraps"
    );
    let t = tenant(&a, "acme").await;

    let mut tasks = Vec::new();
    for w in 0..8 {
        let s = if w % 2 == 0 {
            (&a.base, &a.http)
        } else {
            (&b.base, &b.http)
        };
        let (base, http, admin, owner) = (
            s.0.clone(),
            s.1.clone(),
            t.admin.clone(),
            t.owner_id.clone(),
        );
        tasks.push(tokio::spawn(async move {
            for i in 0..25 {
                let resp = http
                    .post(format!("{base}/v1/agents"))
                    .bearer_auth(&admin)
                    .json(&agent_body("acme", &owner, w * 100 + i))
                    .send()
                    .await
                    .unwrap();
                assert_eq!(resp.status().as_u16(), 201);
            }
        }));
    }
    for task in tasks {
        task.await.unwrap();
    }
    // Each replica serves the keys of both, so either's signatures verify anywhere.
    let (_, jwks_a) = a.get("/.well-known/jwks.json", "").await;
    let (_, jwks_b) = b.get("/.well-known/jwks.json", "").await;
    assert_eq!(jwks_a["keys"].as_array().unwrap().len(), 4);
    assert_eq!(jwks_a, jwks_b);

    let root = a.admin_token();
    let (_, page) = b.get("/v1/audit?limit=5000", &root).await;
    let seqs: Vec<i64> = page["records"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["seq"].as_i64().unwrap())
        .collect();
    assert_eq!(
        seqs,
        (1..=seqs.len() as i64).collect::<Vec<_>>(),
        "gapless and in order"
    );
    assert!(seqs.len() >= 200);
    let (_, report) = a.get("/v1/audit/verify", &t.auditor).await;
    assert_eq!(report["ok"], true, "{report}");
    assert!(report["summary"]["checkpoints"].as_u64().unwrap() >= 8);
    a.stop();
    b.stop();
    let out = mandate(&["audit", "verify", "--database-url", &pg.url]);
    assert!(out.status.success(), "{}", text(&out));
    pg.drop_schema().await;
}

/// A credential revoked on one replica is dead on the other within a second: introspection
/// reads the shared database, not a replica's memory.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_revocation_on_one_replica_is_seen_by_the_other_within_a_second() {
    let Some(pg) = pg_schema("cli::replicas::a_revocation_is_seen_by_the_other").await else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let policies = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples/commerce/policies");
    let config = format!("[policy]\ndir = \"{}\"\n", policies.display());
    let a = Server::start(&dir.path().join("a"), Some(&pg.url), &config);
    let b = Server::start(&dir.path().join("b"), Some(&pg.url), &config);
    let t = tenant(&a, "acme").await;
    let service = a
        .post(
            "/v1/operators",
            &t.admin,
            json!({"tenant": "acme", "name": "backend", "roles": ["service"]}),
        )
        .await["token"]
        .as_str()
        .unwrap()
        .to_owned();
    a.call(
        reqwest::Method::PUT,
        "/v1/entities",
        &service,
        Some(json!([{"uid": {"type": "Shop::Order", "id": "A-1"}, "attrs": {"customer": "c-1", "total": 5000}, "parents": []}])),
    )
    .await;
    let mut body = agent_body("acme", &t.owner_id, 1);
    body["actions"] = json!(["order.read", "refund.issue"]);
    let agent = a.post("/v1/agents", &t.admin, body).await;
    let (agent_id, agent_token) = (
        agent["agent"]["id"].as_str().unwrap(),
        agent["token"].as_str().unwrap(),
    );
    a.post(
        &format!("/v1/agents/{agent_id}/activate"),
        &t.admin,
        json!({}),
    )
    .await;
    let case = b
        .post(
            "/v1/cases",
            agent_token,
            json!({"customer": {"id": "c-1", "verified": true}}),
        )
        .await;
    let decided = b
        .post(
            &format!("/v1/cases/{}/actions", case["id"].as_str().unwrap()),
            agent_token,
            json!({"action": "refund.issue", "resource": {"type": "Shop::Order", "id": "A-1"}, "args": {"amount": 1000, "currency": "EUR"}}),
        )
        .await;
    let token = decided["credential"]["token"].as_str().unwrap().to_owned();
    let live = b
        .post(
            "/v1/credentials/introspect",
            &service,
            json!({"token": token}),
        )
        .await;
    assert_eq!(live["active"], true, "{live}");

    // Revoked on A...
    a.post(
        "/v1/credentials/revoke",
        &t.admin,
        json!({"jti": live["jti"], "reason": "replica test"}),
    )
    .await;
    let revoked_at = std::time::Instant::now();
    // ...and dead on B within a second.
    loop {
        let v = b
            .post(
                "/v1/credentials/introspect",
                &service,
                json!({"token": token}),
            )
            .await;
        if v["active"] == false {
            break;
        }
        assert!(
            revoked_at.elapsed() < std::time::Duration::from_secs(1),
            "still active on the other replica"
        );
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert!(revoked_at.elapsed() < std::time::Duration::from_secs(1));
    a.stop();
    b.stop();
    pg.drop_schema().await;
}
