//! Two server processes on one PostgreSQL: one gapless, verifiable log.

use mandate_store::testing::pg_schema;

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
