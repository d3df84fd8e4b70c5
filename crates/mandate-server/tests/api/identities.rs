//! Tenants, operators and agents through the real app.

use axum::http::StatusCode;
use serde_json::json;

use crate::on_both;
use crate::support::TestApp;

on_both!(
    walkthrough,
    review_clock,
    reads_stay_in_their_tenant,
    roles_are_enforced
);

/// bootstrap admin → tenant → operators → agent → activate → suspend (agent refused) → resume →
/// rotate (old token refused) → retire (final).
async fn walkthrough(app: &TestApp) {
    let t = app.tenant("acme").await;
    let (status, dup) = app
        .post(
            "/v1/tenants",
            &app.admin,
            json!({"id": "acme", "name": "again"}),
        )
        .await;
    assert_eq!(
        (status, dup["error"]["code"].as_str()),
        (StatusCode::CONFLICT, Some("conflict"))
    );

    let reg = app
        .ok(
            "/v1/agents",
            &t.admin,
            json!({
                "tenant": "acme", "name": "Helper", "owner": t.owner_id, "purpose": "support",
                "actions": ["order.read", "refund.issue"], "closure_authority": ["resolved"],
                "review_interval_days": 30
            }),
        )
        .await;
    assert_eq!(reg["agent"]["status"], "provisioned");
    let id = reg["agent"]["id"].as_str().unwrap().to_owned();
    let token = reg["token"].as_str().unwrap().to_owned();

    // A provisioned agent may not act yet.
    let (s, e) = app.get("/v1/whoami", &token).await;
    assert_eq!(
        (s, e["error"]["code"].as_str()),
        (StatusCode::FORBIDDEN, Some("agent_not_active"))
    );

    let v = app
        .ok(&format!("/v1/agents/{id}/activate"), &t.admin, json!({}))
        .await;
    assert_eq!(v["status"], "active");
    let (s, me) = app.get("/v1/whoami", &token).await;
    assert_eq!(
        (s, me["kind"].as_str(), me["id"].as_str()),
        (StatusCode::OK, Some("agent"), Some(id.as_str()))
    );

    let v = app
        .ok(&format!("/v1/agents/{id}/suspend"), &t.admin, json!({}))
        .await;
    assert_eq!(v["status"], "suspended");
    let (s, e) = app.get("/v1/whoami", &token).await;
    assert_eq!(
        (s, e["error"]["code"].as_str()),
        (StatusCode::FORBIDDEN, Some("agent_not_active"))
    );

    let v = app
        .ok(&format!("/v1/agents/{id}/activate"), &t.admin, json!({}))
        .await;
    assert_eq!(v["status"], "active");
    assert_eq!(app.get("/v1/whoami", &token).await.0, StatusCode::OK);

    let rotated = app
        .ok(&format!("/v1/agents/{id}/rotate"), &t.admin, json!({}))
        .await;
    let fresh = rotated["token"].as_str().unwrap();
    assert_ne!(fresh, token);
    let (s, e) = app.get("/v1/whoami", &token).await;
    assert_eq!(
        (s, e["error"]["code"].as_str()),
        (StatusCode::UNAUTHORIZED, Some("unauthorized"))
    );
    assert_eq!(app.get("/v1/whoami", fresh).await.0, StatusCode::OK);

    let v = app
        .ok(&format!("/v1/agents/{id}/retire"), &t.admin, json!({}))
        .await;
    assert_eq!(v["status"], "retired");
    let (s, e) = app.get("/v1/whoami", fresh).await;
    assert_eq!(
        (s, e["error"]["code"].as_str()),
        (StatusCode::FORBIDDEN, Some("agent_not_active"))
    );
    for verb in ["activate", "suspend", "retire"] {
        let (s, e) = app
            .post(&format!("/v1/agents/{id}/{verb}"), &t.admin, json!({}))
            .await;
        assert_eq!(
            (s, e["error"]["code"].as_str()),
            (StatusCode::CONFLICT, Some("invalid_transition")),
            "{verb}"
        );
    }
    let (s, _) = app
        .post(&format!("/v1/agents/{id}/rotate"), &t.admin, json!({}))
        .await;
    assert_eq!(s, StatusCode::CONFLICT, "a retired agent gets no new token");

    // Every step is in the log, and the log verifies.
    let (_, page) = app.get("/v1/audit", &t.auditor).await;
    let kinds: Vec<&str> = page["records"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["kind"].as_str().unwrap())
        .collect();
    for k in [
        "tenant.created",
        "operator.created",
        "agent.registered",
        "agent.lifecycle",
        "agent.token_rotated",
    ] {
        assert!(kinds.contains(&k), "{k} missing from {kinds:?}");
    }
    assert_eq!(
        kinds.iter().filter(|k| **k == "agent.lifecycle").count(),
        4,
        "activate, suspend, activate, retire"
    );
    let (_, report) = app.get("/v1/audit/verify", &t.auditor).await;
    assert_eq!(report["ok"], true, "{report}");
}

/// An owner's review restarts the clock; an overdue review shows, and blocks when configured.
async fn review_clock(app: &TestApp) {
    let t = app.tenant("acme").await;
    let (id, token) = app.agent(&t, &["order.read"]).await;
    let (_, v) = app.get(&format!("/v1/agents/{id}"), &t.owner).await;
    assert_eq!(v["review_overdue"], false);

    app.advance(chrono::Duration::days(31));
    let (_, v) = app.get(&format!("/v1/agents/{id}"), &t.owner).await;
    assert_eq!(v["review_overdue"], true);
    // Not blocking by default.
    assert_eq!(app.get("/v1/whoami", &token).await.0, StatusCode::OK);

    // Only the owner attests.
    let (s, _) = app
        .post(&format!("/v1/agents/{id}/review"), &t.admin, json!({}))
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let v = app
        .ok(
            &format!("/v1/agents/{id}/review"),
            &t.owner,
            json!({"note": "scopes still right"}),
        )
        .await;
    assert_eq!(v["review_overdue"], false);
    assert_eq!(
        v["last_review_at"].as_str().unwrap()[..10],
        app.now().to_rfc3339()[..10]
    );
}

/// A deployment that blocks overdue agents refuses them like suspended ones.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn overdue_review_blocks_when_configured() {
    let app = TestApp::sqlite("[agents]\nblock_on_overdue_review = true\n").await;
    let t = app.tenant("acme").await;
    let (id, token) = app.agent(&t, &["order.read"]).await;
    assert_eq!(app.get("/v1/whoami", &token).await.0, StatusCode::OK);
    app.advance(chrono::Duration::days(31));
    let (s, e) = app.get("/v1/whoami", &token).await;
    assert_eq!(
        (s, e["error"]["code"].as_str()),
        (StatusCode::FORBIDDEN, Some("agent_not_active"))
    );
    assert!(e["error"]["message"].as_str().unwrap().contains("review"));
    app.ok(&format!("/v1/agents/{id}/review"), &t.owner, json!({}))
        .await;
    assert_eq!(app.get("/v1/whoami", &token).await.0, StatusCode::OK);
    app.done().await;
}

async fn reads_stay_in_their_tenant(app: &TestApp) {
    let acme = app.tenant("acme").await;
    let other = app.tenant("other").await;
    let (a_id, _) = app.agent(&acme, &["order.read"]).await;
    let (o_id, _) = app.agent(&other, &["order.read"]).await;

    let (_, list) = app.get("/v1/agents", &acme.auditor).await;
    let ids: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, vec![a_id.as_str()]);
    let (s, _) = app.get(&format!("/v1/agents/{o_id}"), &acme.admin).await;
    assert_eq!(
        s,
        StatusCode::NOT_FOUND,
        "another tenant's agent does not exist for us"
    );
    let (s, _) = app.get("/v1/agents?tenant=other", &acme.admin).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, _) = app
        .post(
            &format!("/v1/agents/{o_id}/suspend"),
            &acme.admin,
            json!({}),
        )
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    // The platform admin sees both.
    let (_, all) = app.get("/v1/agents", &app.admin).await;
    assert_eq!(all.as_array().unwrap().len(), 2);
    // An auditor reads only its tenant's records.
    let (_, page) = app.get("/v1/audit", &acme.auditor).await;
    assert!(
        page["records"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["tenant"] == "acme")
    );
    let (s, _) = app.get("/v1/audit?tenant=other", &acme.auditor).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    // Another tenant's owner cannot own our agent.
    let (s, e) = app
        .post(
            "/v1/agents",
            &acme.admin,
            json!({"tenant": "acme", "name": "x", "owner": other.owner_id, "purpose": "x",
                   "actions": [], "closure_authority": [], "review_interval_days": 30}),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{e}");
}

async fn roles_are_enforced(app: &TestApp) {
    let t = app.tenant("acme").await;
    let (id, agent) = app.agent(&t, &["order.read"]).await;
    // Operators who are not admins cannot manage.
    for tok in [&t.owner, &t.approver, &t.auditor, &t.service] {
        let (s, e) = app
            .post(&format!("/v1/agents/{id}/suspend"), tok, json!({}))
            .await;
        assert_eq!(
            (s, e["error"]["code"].as_str()),
            (StatusCode::FORBIDDEN, Some("forbidden"))
        );
    }
    // A tenant admin cannot create tenants; an agent cannot use operator endpoints.
    let (s, _) = app
        .post("/v1/tenants", &t.admin, json!({"id": "x", "name": "x"}))
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, e) = app.get("/v1/agents", &agent).await;
    assert_eq!(
        (s, e["error"]["code"].as_str()),
        (StatusCode::FORBIDDEN, Some("operator_required"))
    );
    // The service and approver cannot read agents.
    let (s, _) = app.get(&format!("/v1/agents/{id}"), &t.service).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    // Roles are validated.
    let (s, _) = app
        .post(
            "/v1/operators",
            &t.admin,
            json!({"tenant": "acme", "name": "x", "roles": ["god"]}),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    let (s, _) = app
        .post(
            "/v1/operators",
            &t.admin,
            json!({"tenant": "acme", "name": "x", "roles": ["auditor"], "approval_limit": 5}),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
}
