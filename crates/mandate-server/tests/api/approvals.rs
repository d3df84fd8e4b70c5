//! Approvals: the queue shows the exact action, resource and arguments and the role asked for;
//! over-limit and role-less approvers are refused, expired approvals cannot be approved, deny is
//! final, approving twice changes nothing, an approval binds to its arguments; the agent then
//! gets its credential; results are recorded only for authorised, unexpired actions; and a
//! webhook announces new approvals without ever holding them up.

use axum::http::StatusCode;
use serde_json::{Value, json};

use crate::decisions::{ALL_ACTIONS, act, shop};
use crate::support::{Pack, TestApp};
use crate::{on_both_commerce, on_both_configured};

async fn queue(app: &TestApp, token: &str, status: &str) -> Vec<Value> {
    let (s, v) = app
        .get(&format!("/v1/approvals?status={status}"), token)
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    v["approvals"].as_array().unwrap().clone()
}

async fn decide(
    app: &TestApp,
    token: &str,
    id: &str,
    verb: &str,
    reason: &str,
) -> (StatusCode, Value) {
    app.post(
        &format!("/v1/approvals/{id}/{verb}"),
        token,
        json!({"reason": reason}),
    )
    .await
}

async fn approval_rules(app: &TestApp) {
    let s = shop(app, "acme", ALL_ACTIONS).await;
    let big = act(
        app,
        &s,
        "refund.issue",
        ("Shop::Order", "A-1"),
        json!({"amount": 9000, "currency": "EUR"}),
    )
    .await;
    assert_eq!(big["decision"], "pending_approval", "{big}");
    let id = big["approval_id"].as_str().unwrap().to_owned();

    // The queue shows what is asked, exactly, and who may answer.
    let q = queue(app, &s.t.approver, "pending").await;
    assert_eq!(q.len(), 1);
    let a = &q[0];
    assert_eq!(a["approval_id"], id.as_str());
    assert_eq!(a["kind"], "action");
    assert_eq!(a["role"], "approver");
    assert_eq!(a["amount"], 9000);
    assert_eq!(a["subject"]["action"], "refund.issue");
    assert_eq!(
        a["subject"]["resource"],
        json!({"type": "Shop::Order", "id": "A-1"})
    );
    assert_eq!(
        a["subject"]["args"],
        json!({"amount": 9000, "currency": "EUR"})
    );
    assert_eq!(a["subject"]["action_id"], big["action_id"]);
    assert_eq!(a["subject_sha256"].as_str().unwrap().len(), 64);
    // Agents and other tenants see no queue.
    let (st, _) = app.get("/v1/approvals?status=pending", &s.agent).await;
    assert_eq!(st, StatusCode::FORBIDDEN);
    let other = app.tenant("globex").await;
    assert!(queue(app, &other.approver, "pending").await.is_empty());
    let (st, _) = decide(app, &other.approver, &id, "approve", "not mine").await;
    assert_eq!(st, StatusCode::NOT_FOUND);

    // The agent waits, with no credential.
    let path = format!("/v1/actions/{}", big["action_id"].as_str().unwrap());
    let (_, waiting) = app.get(&path, &s.agent).await;
    assert_eq!(waiting["status"], "pending_approval");
    assert!(waiting["credential"].is_null());

    // Someone without the role, or with too small a limit, is refused.
    let (st, v) = decide(app, &s.t.auditor, &id, "approve", "looks fine").await;
    assert_eq!(
        (st, v["error"]["code"].as_str()),
        (StatusCode::FORBIDDEN, Some("missing_role")),
        "{v}"
    );
    let junior = app
        .ok(
            "/v1/operators",
            &s.t.admin,
            json!({"tenant": "acme", "name": "Junior", "roles": ["approver"], "approval_limit": 5000}),
        )
        .await;
    let junior = junior["token"].as_str().unwrap();
    let (st, v) = decide(app, junior, &id, "approve", "fine by me").await;
    assert_eq!(
        (st, v["error"]["code"].as_str()),
        (StatusCode::FORBIDDEN, Some("over_limit")),
        "{v}"
    );
    let (st, _) = app
        .post(
            &format!("/v1/approvals/{id}/approve"),
            &s.t.approver,
            json!({}),
        )
        .await;
    assert!(st.is_client_error(), "a reason is required");

    // Approved: recorded with who and why; the agent now gets its credential.
    let (st, v) = decide(
        app,
        &s.t.approver,
        &id,
        "approve",
        "damaged in transit, photos checked",
    )
    .await;
    assert_eq!(st, StatusCode::OK, "{v}");
    assert_eq!(v["status"], "approved");
    assert_eq!(v["decided_by"], s.t.approver_id.as_str());
    assert_eq!(v["reason"], "damaged in transit, photos checked");
    let decided_at = v["decided_at"].clone();
    let (_, ready) = app.get(&path, &s.agent).await;
    assert_eq!(ready["status"], "approved");
    let token = ready["credential"]["token"].as_str().unwrap();
    let claims = crate::credentials::verify_independently(app, token).await;
    assert_eq!(claims["args_sha256"], a["subject"]["args_sha256"]);

    // Approving twice changes nothing; denying after approving is refused.
    let (st, again) = decide(app, &s.t.approver, &id, "approve", "again").await;
    assert_eq!(st, StatusCode::OK);
    assert_eq!(again["decided_at"], decided_at);
    assert_eq!(again["reason"], "damaged in transit, photos checked");
    let (st, v) = decide(app, &s.t.approver, &id, "deny", "changed my mind").await;
    assert_eq!(
        (st, v["error"]["code"].as_str()),
        (StatusCode::CONFLICT, Some("approval_final"))
    );

    // The approval binds to its arguments: asking for more is a new approval, still pending.
    let more = act(
        app,
        &s,
        "refund.issue",
        ("Shop::Order", "A-1"),
        json!({"amount": 9500, "currency": "EUR"}),
    )
    .await;
    assert_eq!(more["decision"], "pending_approval");
    assert_ne!(more["approval_id"], big["approval_id"]);
    let (_, still) = app
        .get(
            &format!("/v1/actions/{}", more["action_id"].as_str().unwrap()),
            &s.agent,
        )
        .await;
    assert_eq!(still["status"], "pending_approval");
    assert!(still["credential"].is_null());

    // Deny is final.
    let more_id = more["approval_id"].as_str().unwrap();
    let (st, v) = decide(
        app,
        &s.t.approver,
        more_id,
        "deny",
        "second refund on the same order",
    )
    .await;
    assert_eq!((st, v["status"].as_str()), (StatusCode::OK, Some("denied")));
    let (st, _) = decide(app, &s.t.approver, more_id, "approve", "oops").await;
    assert_eq!(st, StatusCode::CONFLICT);
    let (_, rejected) = app
        .get(
            &format!("/v1/actions/{}", more["action_id"].as_str().unwrap()),
            &s.agent,
        )
        .await;
    assert_eq!(rejected["status"], "rejected");
    assert!(rejected["credential"].is_null());
    assert_eq!(queue(app, &s.t.approver, "denied").await.len(), 1);

    // Expiry (24 hours by default): an approval left too long cannot be approved.
    let late = act(
        app,
        &s,
        "account.reset",
        ("Shop::Account", "acct-c-1"),
        json!({}),
    )
    .await;
    let late_id = late["approval_id"].as_str().unwrap();
    app.advance(chrono::Duration::hours(25));
    assert!(queue(app, &s.t.approver, "pending").await.is_empty());
    assert_eq!(queue(app, &s.t.approver, "expired").await.len(), 1);
    let (_, shown) = app
        .get(
            &format!("/v1/actions/{}", late["action_id"].as_str().unwrap()),
            &s.agent,
        )
        .await;
    assert_eq!(
        shown["status"], "expired",
        "the agent sees the expiry before anyone acts on it"
    );
    let (st, v) = decide(app, &s.t.approver, late_id, "approve", "sorry for the wait").await;
    assert_eq!(
        (st, v["error"]["code"].as_str()),
        (StatusCode::CONFLICT, Some("approval_expired")),
        "{v}"
    );
    let (_, expired) = app
        .get(
            &format!("/v1/actions/{}", late["action_id"].as_str().unwrap()),
            &s.agent,
        )
        .await;
    assert_eq!(expired["status"], "expired");
}

async fn results_are_recorded_once_for_authorised_actions(app: &TestApp) {
    let s = shop(app, "acme", ALL_ACTIONS).await;
    let ok = act(
        app,
        &s,
        "refund.issue",
        ("Shop::Order", "A-1"),
        json!({"amount": 2000, "currency": "EUR"}),
    )
    .await;
    let path = |v: &Value| format!("/v1/actions/{}/result", v["action_id"].as_str().unwrap());
    let token = ok["credential"]["token"].as_str().unwrap().to_owned();

    // A back-end of another tenant cannot see it; an auditor may not report.
    let other = app.tenant("globex").await;
    let (st, _) = app
        .post(&path(&ok), &other.service, json!({"status": "succeeded"}))
        .await;
    assert_eq!(st, StatusCode::NOT_FOUND);
    let (st, _) = app
        .post(&path(&ok), &s.t.auditor, json!({"status": "succeeded"}))
        .await;
    assert_eq!(st, StatusCode::FORBIDDEN);
    let (st, _) = app
        .post(&path(&ok), &s.t.service, json!({"status": "done"}))
        .await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY);

    // The back-end reports success: recorded, final, and the credential is spent.
    let v = app
        .ok(
            &path(&ok),
            &s.t.service,
            json!({"status": "succeeded", "output": {"refund_id": "re_123"}}),
        )
        .await;
    assert_eq!(v["status"], "succeeded");
    assert_eq!(v["result"]["output"]["refund_id"], "re_123");
    let (st, v) = app
        .post(&path(&ok), &s.agent, json!({"status": "failed"}))
        .await;
    assert_eq!(
        (st, v["error"]["code"].as_str()),
        (StatusCode::CONFLICT, Some("action_not_authorised"))
    );
    let live = app
        .post(
            "/v1/credentials/introspect",
            &s.t.service,
            json!({"token": token}),
        )
        .await
        .1;
    assert_eq!(live["active"], false);

    // Denied and waiting actions record nothing.
    let denied = act(app, &s, "order.read", ("Shop::Order", "B-7"), json!({})).await;
    let (st, _) = app
        .post(&path(&denied), &s.agent, json!({"status": "succeeded"}))
        .await;
    assert_eq!(st, StatusCode::CONFLICT);
    let waiting = act(
        app,
        &s,
        "refund.issue",
        ("Shop::Order", "A-1"),
        json!({"amount": 9000, "currency": "EUR"}),
    )
    .await;
    let (st, _) = app
        .post(&path(&waiting), &s.agent, json!({"status": "succeeded"}))
        .await;
    assert_eq!(st, StatusCode::CONFLICT);

    // The agent may report a failure; success after the action's window is refused.
    let read = act(app, &s, "order.read", ("Shop::Order", "A-1"), json!({})).await;
    let v = app
        .ok(
            &path(&read),
            &s.agent,
            json!({"status": "failed", "output": {"error": "timeout"}}),
        )
        .await;
    assert_eq!(v["status"], "failed");
    let late = act(app, &s, "order.read", ("Shop::Order", "A-1"), json!({})).await;
    app.advance(chrono::Duration::minutes(16));
    let (st, v) = app
        .post(&path(&late), &s.agent, json!({"status": "succeeded"}))
        .await;
    assert_eq!(
        (st, v["error"]["code"].as_str()),
        (StatusCode::CONFLICT, Some("action_expired"))
    );
}

on_both_commerce!(
    approval_rules,
    results_are_recorded_once_for_authorised_actions
);

/// A receiver that fails its first `failures` deliveries, then records them.
async fn receiver(failures: usize) -> (String, std::sync::Arc<std::sync::Mutex<Vec<Value>>>) {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let got = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let seen = std::sync::Arc::new(AtomicUsize::new(0));
    let (g, n) = (got.clone(), seen.clone());
    let app = axum::Router::new().route(
        "/hook",
        axum::routing::post(move |axum::Json(body): axum::Json<Value>| {
            let (g, n) = (g.clone(), n.clone());
            async move {
                if n.fetch_add(1, Ordering::SeqCst) < failures {
                    return StatusCode::SERVICE_UNAVAILABLE;
                }
                g.lock().unwrap().push(body);
                StatusCode::NO_CONTENT
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (format!("http://{addr}/hook"), got)
}

/// The webhook tests start their receiver before the gateway (its URL is configuration), so
/// they run on the embedded store only; what they check does not touch storage.
async fn webhook_run(failures: usize) {
    let (url, got) = receiver(failures).await;
    let config = format!("[approvals]\nwebhook_url = \"{url}\"\nwebhook_attempts = 4\n");
    let app = TestApp::start(&config, Pack::Commerce, None, None).await;
    let s = shop(&app, "acme", ALL_ACTIONS).await;
    let v = act(
        &app,
        &s,
        "refund.issue",
        ("Shop::Order", "A-1"),
        json!({"amount": 9000, "currency": "EUR"}),
    )
    .await;
    assert_eq!(v["decision"], "pending_approval");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while got.lock().unwrap().is_empty() && std::time::Instant::now() < deadline {
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let bodies = got.lock().unwrap().clone();
    assert_eq!(bodies.len(), 1, "delivered once, after {failures} refusals");
    assert_eq!(bodies[0]["event"], "approval.requested");
    assert_eq!(bodies[0]["approval"]["id"], v["approval_id"]);
    assert_eq!(bodies[0]["approval"]["subject"]["args"]["amount"], 9000);
    // The delivery is counted once the sender has its answer.
    let delivered = "mandate_approval_webhooks_total{outcome=\"delivered\"} 1";
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    loop {
        let (_, _, body) = app
            .send(
                axum::http::Request::get("/metrics")
                    .body(axum::body::Body::empty())
                    .unwrap(),
            )
            .await;
        if String::from_utf8_lossy(&body).contains(delivered) {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "{}",
            String::from_utf8_lossy(&body)
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    app.done().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn webhook_is_retried_until_delivered() {
    webhook_run(2).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unreachable_webhook_never_holds_up_a_decision() {
    // Nothing listens on this port: every delivery fails, and the decision is made regardless.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    let config = format!(
        "[approvals]\nwebhook_url = \"http://127.0.0.1:{port}/hook\"\nwebhook_attempts = 2\n"
    );
    let app = TestApp::start(&config, Pack::Commerce, None, None).await;
    let s = shop(&app, "acme", ALL_ACTIONS).await;
    let started = std::time::Instant::now();
    let v = act(
        &app,
        &s,
        "refund.issue",
        ("Shop::Order", "A-1"),
        json!({"amount": 9000, "currency": "EUR"}),
    )
    .await;
    assert_eq!(v["decision"], "pending_approval");
    assert!(
        started.elapsed() < std::time::Duration::from_secs(2),
        "the decision did not wait for the webhook"
    );
    assert_eq!(queue(&app, &s.t.approver, "pending").await.len(), 1);
    app.done().await;
}

on_both_configured!("[cases]\nclosure_approval = true\n"; Pack::Commerce; a_resolution_outside_authority_can_wait_for_an_admin);

async fn a_resolution_outside_authority_can_wait_for_an_admin(app: &TestApp) {
    let s = shop(app, "acme", ALL_ACTIONS).await;
    let close = format!("/v1/cases/{}/close", s.case);
    let (st, v) = app
        .post(&close, &s.agent, json!({"resolution": "goodwill_refund"}))
        .await;
    assert_eq!(st, StatusCode::ACCEPTED, "{v}");
    assert_eq!(v["case"]["state"], "open");
    let id = v["approval_id"].as_str().unwrap().to_owned();
    // Asking again finds the same approval.
    let (_, again) = app
        .post(&close, &s.agent, json!({"resolution": "goodwill_refund"}))
        .await;
    assert_eq!(again["approval_id"], id.as_str());
    let q = queue(app, &s.t.admin, "pending").await;
    assert_eq!(q[0]["kind"], "closure");
    assert_eq!(q[0]["role"], "admin");
    assert_eq!(q[0]["subject"]["resolution"], "goodwill_refund");
    // An approver without the admin role cannot decide it; an admin can.
    let (st, _) = decide(app, &s.t.approver, &id, "approve", "ok").await;
    assert_eq!(st, StatusCode::FORBIDDEN);
    let (st, v) = decide(app, &s.t.admin, &id, "approve", "customer was right").await;
    assert_eq!(st, StatusCode::OK, "{v}");
    let (_, case) = app.get(&format!("/v1/cases/{}", s.case), &s.agent).await;
    assert_eq!(case["state"], "closed");
    assert_eq!(case["resolution"], "goodwill_refund");
}
