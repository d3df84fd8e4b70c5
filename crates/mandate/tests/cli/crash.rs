//! A server killed with SIGKILL mid-burst loses nothing it acknowledged.

use std::sync::{Arc, Mutex};

use crate::support::{Server, agent_body, mandate, tenant, text};

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sigkill_during_a_burst_loses_no_acknowledged_write() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let server = Server::start(&data, None, "");
    let t = tenant(&server, "acme").await;

    let acked: Arc<Mutex<Vec<String>>> = Arc::default();
    let mut tasks = Vec::new();
    for w in 0..16 {
        let (base, http, admin, owner, acked) = (
            server.base.clone(),
            server.http.clone(),
            t.admin.clone(),
            t.owner_id.clone(),
            acked.clone(),
        );
        tasks.push(tokio::spawn(async move {
            for i in 0..1000 {
                let resp = http
                    .post(format!("{base}/v1/agents"))
                    .bearer_auth(&admin)
                    .json(&agent_body("acme", &owner, w * 1000 + i))
                    .send()
                    .await;
                // Once the server dies, requests fail: only full 201 answers count as acknowledged.
                let Ok(resp) = resp else { return };
                if resp.status().as_u16() != 201 {
                    return;
                }
                let Ok(v) = resp.json::<serde_json::Value>().await else {
                    return;
                };
                acked
                    .lock()
                    .unwrap()
                    .push(v["agent"]["id"].as_str().unwrap().to_owned());
            }
        }));
    }
    // Let the burst run, then kill without warning.
    while acked.lock().unwrap().len() < 150 {
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
    server.kill();
    for task in tasks {
        task.await.unwrap();
    }
    let acked = acked.lock().unwrap().clone();
    assert!(acked.len() >= 150);

    let server = Server::start(&data, None, "");
    let mut registered = std::collections::HashSet::new();
    let mut since = 1;
    loop {
        let (s, page) = server
            .get(&format!("/v1/audit?since={since}&limit=5000"), &t.auditor)
            .await;
        assert_eq!(s, 200);
        for r in page["records"].as_array().unwrap() {
            if r["kind"] == "agent.registered" {
                registered.insert(r["payload"]["agent"]["id"].as_str().unwrap().to_owned());
            }
        }
        match page["next_since"].as_i64() {
            Some(n) => since = n,
            None => break,
        }
    }
    for id in &acked {
        let (s, _) = server.get(&format!("/v1/agents/{id}"), &t.admin).await;
        assert_eq!(s, 200, "acknowledged agent {id} was lost");
        assert!(
            registered.contains(id),
            "acknowledged agent {id} has no audit record"
        );
    }
    server.stop();
    let out = mandate(&["audit", "verify", "--data-dir", data.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("audit log intact"));
}
