//! The case trail: one case from the customer's first message to its close, read back in order
//! with who approved the policy, the data and the action; the log verifies afterwards.

use axum::http::StatusCode;
use serde_json::{Value, json};

use crate::decisions::{ALL_ACTIONS, act, shop};
use crate::on_both_commerce;
use crate::support::TestApp;

fn position(events: &[Value], kind: &str, pred: impl Fn(&Value) -> bool) -> usize {
    events
        .iter()
        .position(|e| e["kind"] == kind && pred(&e["payload"]))
        .unwrap_or_else(|| panic!("no `{kind}` in the trace: {events:#?}"))
}

async fn a_full_case_reads_back_in_order(app: &TestApp) {
    let s = shop(app, "acme", ALL_ACTIONS).await;
    let inspect = |body: Value| {
        let path = format!("/v1/cases/{}/inspect", s.case);
        let agent = s.agent.clone();
        async move { app.ok(&path, &agent, body).await }
    };
    let prompt = "Hi, my order A-1 arrived broken. Can I get my $90 back?";
    inspect(json!({"direction": "input", "text": prompt})).await;
    inspect(json!({"direction": "input", "source": "retrieval", "text": "Refund policy: damaged items are refunded in full within 30 days."}))
        .await;
    let r = act(
        app,
        &s,
        "refund.issue",
        ("Shop::Order", "A-1"),
        json!({"amount": 9000, "currency": "USD"}),
    )
    .await;
    let approval = r["approval_id"].as_str().unwrap();
    app.ok(
        &format!("/v1/approvals/{approval}/approve"),
        &s.t.approver,
        json!({"reason": "photos show the damage"}),
    )
    .await;
    let action = r["action_id"].as_str().unwrap();
    let (_, ready) = app.get(&format!("/v1/actions/{action}"), &s.agent).await;
    assert!(ready["credential"]["token"].is_string());
    app.ok(
        &format!("/v1/actions/{action}/result"),
        &s.t.service,
        json!({"status": "succeeded", "output": {"refund": "re_9"}}),
    )
    .await;
    let answer = inspect(
        json!({"direction": "output", "text": "Your refund of $90 for order A-1 has been issued."}),
    )
    .await;
    assert_eq!(answer["verdict"], "allow", "{answer}");
    app.ok(
        &format!("/v1/cases/{}/close", s.case),
        &s.agent,
        json!({"resolution": "resolved"}),
    )
    .await;

    let (st, trace) = app
        .get(&format!("/v1/cases/{}/trace", s.case), &s.t.auditor)
        .await;
    assert_eq!(st, StatusCode::OK, "{trace}");
    assert_eq!(trace["case"]["state"], "closed");
    let events = trace["events"].as_array().unwrap().clone();
    let seqs: Vec<i64> = events.iter().map(|e| e["seq"].as_i64().unwrap()).collect();
    assert!(
        seqs.windows(2).all(|w| w[0] < w[1]),
        "in log order: {seqs:?}"
    );

    let opened = position(&events, "case.opened", |_| true);
    let asked = position(&events, "inspection.completed", |p| p["text"] == prompt);
    let context = position(&events, "inspection.completed", |p| {
        p["source"] == "retrieval"
    });
    let decided = position(&events, "action.decided", |p| p["action_id"] == action);
    let requested = position(&events, "approval.requested", |p| {
        p["approval_id"] == approval
    });
    let approved = position(&events, "approval.decided", |p| {
        p["approval_id"] == approval
    });
    let credential = position(&events, "credential.issued", |p| p["action_id"] == action);
    let result = position(&events, "action.result", |p| p["action_id"] == action);
    let said = position(&events, "inspection.completed", |p| {
        p["direction"] == "output"
    });
    let closed = position(&events, "case.closed", |_| true);
    for (a, b) in [
        (opened, asked),
        (asked, context),
        (context, decided),
        (decided, requested),
        (requested, approved),
        (approved, credential),
        (credential, result),
        (result, said),
        (said, closed),
    ] {
        assert!(a < b, "{a} before {b} in {events:#?}");
    }
    // The decision carries its policies and the policy set's hash; the approval who and why;
    // the credential its claims and never the token.
    let d = &events[decided]["payload"];
    assert!(
        d["policies"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p == "refund-needs-approver"),
        "{d}"
    );
    let hash = d["policy_hash"].as_str().unwrap();
    let a = &events[approved];
    assert_eq!(
        a["actor"],
        json!({"type": "operator", "id": s.t.approver_id})
    );
    assert_eq!(a["payload"]["reason"], "photos show the damage");
    assert_eq!(a["payload"]["decided_by"]["name"], "Ana Approver");
    let c = &events[credential]["payload"];
    assert_eq!(c["claims"]["act"], action);
    assert!(c.get("token").is_none(), "{c}");
    assert!(
        !trace
            .to_string()
            .contains(ready["credential"]["token"].as_str().unwrap())
    );
    assert_eq!(events[result]["payload"]["status"], "succeeded");
    assert_eq!(
        events[said]["payload"]["findings"][0]["grounded_by"],
        action
    );

    // Who put the policy set in force, and who wrote the order the refund acted on.
    let sets = trace["policy_sets"].as_array().unwrap();
    let set = sets.iter().find(|p| p["policy_hash"] == hash).unwrap();
    assert_eq!(set["installed_by"]["kind"], "policy.loaded");
    assert_eq!(set["installed_by"]["payload"]["policy_hash"], hash);
    let data = trace["data"].as_array().unwrap();
    let order = data
        .iter()
        .find(|d| d["resource"] == "Shop::Order::\"A-1\"")
        .unwrap();
    assert_eq!(order["written_by"]["kind"], "entities.upserted");
    assert_eq!(order["written_by"]["actor"]["type"], "operator");

    // The same events are in the tamper-evident log, and it verifies.
    let (_, verified) = app.get("/v1/audit/verify", &s.t.auditor).await;
    assert_eq!(verified["ok"], true, "{verified}");
    let (_, log) = app
        .get(&format!("/v1/audit?case={}", s.case), &s.t.auditor)
        .await;
    let hashes: Vec<&Value> = log["records"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| &r["hash"])
        .collect();
    for e in &events {
        assert!(hashes.contains(&&e["hash"]), "{e}");
    }

    // The owner of the agent may read it; an approver, the agent or another tenant may not.
    let (st, _) = app
        .get(&format!("/v1/cases/{}/trace", s.case), &s.t.owner)
        .await;
    assert_eq!(st, StatusCode::OK);
    let (st, _) = app
        .get(&format!("/v1/cases/{}/trace", s.case), &s.t.approver)
        .await;
    assert_eq!(st, StatusCode::FORBIDDEN);
    let (st, _) = app
        .get(&format!("/v1/cases/{}/trace", s.case), &s.agent)
        .await;
    assert_eq!(st, StatusCode::FORBIDDEN);
    let other = app.tenant("globex").await;
    let (st, _) = app
        .get(&format!("/v1/cases/{}/trace", s.case), &other.auditor)
        .await;
    assert_eq!(st, StatusCode::NOT_FOUND);
}

on_both_commerce!(a_full_case_reads_back_in_order);
