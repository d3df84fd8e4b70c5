//! Grounded commitments: what the agent promises passes only when an approved or executed action
//! backs it (same order, no more than approved) or a human approved the exact statement; and
//! identifiers of other customers or tenants are redacted from what the agent says.

use axum::http::StatusCode;
use serde_json::{Value, json};

use crate::decisions::{ALL_ACTIONS, Shop, act, shop};
use crate::support::{Pack, TestApp};
use crate::{on_both_commerce, on_both_configured};

async fn say(app: &TestApp, s: &Shop, text: &str) -> Value {
    let (st, v) = app
        .post(
            &format!("/v1/cases/{}/inspect", s.case),
            &s.agent,
            json!({"direction": "output", "text": text}),
        )
        .await;
    assert_eq!(st, StatusCode::OK, "{v}");
    v
}

/// An unverified customer's case: every refund waits for an approver.
async fn unverified(app: &TestApp, s: &Shop) -> Shop {
    let case = app
        .ok(
            "/v1/cases",
            &s.agent,
            json!({"customer": {"id": "c-1", "verified": false}}),
        )
        .await;
    Shop {
        t: s.t.clone(),
        agent_id: s.agent_id.clone(),
        agent: s.agent.clone(),
        case: case["id"].as_str().unwrap().to_owned(),
    }
}

async fn the_grounding_table(app: &TestApp) {
    let base = shop(app, "acme", ALL_ACTIONS).await;
    let s = unverified(app, &base).await;
    let promise = "Good news: your refund of $40 for order A-1 has been issued.";

    // Before anything backs it: blocked, and the customer gets a safe rewrite.
    let v = say(app, &s, promise).await;
    assert_eq!(v["verdict"], "block", "{v}");
    assert_eq!(v["findings"][0]["kind"], "refund");
    assert!(v["findings"][0]["grounded_by"].is_null());
    assert!(
        !v["text"].as_str().unwrap().contains("has been issued"),
        "{v}"
    );

    // A refund of 4000 cents on A-1, approved and executed.
    let r = act(
        app,
        &s,
        "refund.issue",
        ("Shop::Order", "A-1"),
        json!({"amount": 4000, "currency": "USD"}),
    )
    .await;
    assert_eq!(r["decision"], "pending_approval", "{r}");
    let id = r["approval_id"].as_str().unwrap();
    app.ok(
        &format!("/v1/approvals/{id}/approve"),
        &s.t.approver,
        json!({"reason": "parcel lost"}),
    )
    .await;
    let action_id = r["action_id"].as_str().unwrap();
    app.ok(
        &format!("/v1/actions/{action_id}/result"),
        &s.t.service,
        json!({"status": "succeeded"}),
    )
    .await;

    // Now the same words are backed, by that action.
    let v = say(app, &s, promise).await;
    assert_eq!(v["verdict"], "allow", "{v}");
    assert_eq!(v["text"], promise);
    assert_eq!(v["findings"][0]["grounded_by"], action_id);

    // More than was approved, or another order: still blocked.
    for unbacked in [
        "Good news: your refund of $60 for order A-1 has been issued.",
        "Good news: your refund of $40 for order B-7 has been issued.",
        "Good news: your refund of €40 for order A-1 has been issued.",
    ] {
        let v = say(app, &s, unbacked).await;
        assert_eq!(v["verdict"], "block", "{unbacked}: {v}");
        assert!(v["findings"][0]["grounded_by"].is_null(), "{v}");
    }
    // A smaller amount on the same order is within what was approved.
    let v = say(app, &s, "Your refund of $25 for order A-1 has been issued.").await;
    assert_eq!(v["verdict"], "allow", "{v}");

    // A discount nobody granted: blocked and rewritten.
    let v = say(app, &s, "I've applied a 20% discount to your next order.").await;
    assert_eq!(v["verdict"], "block", "{v}");
    assert_eq!(v["findings"][0]["kind"], "discount");
    let rewritten = v["text"].as_str().unwrap();
    assert!(
        !rewritten.contains("20%") && !rewritten.is_empty(),
        "{rewritten}"
    );

    // The audit record of the backed statement names what backed it.
    let (_, log) = app
        .get(&format!("/v1/audit?case={}", s.case), &s.t.auditor)
        .await;
    let grounded = log["records"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["kind"] == "inspection.completed")
        .find(|r| r["payload"]["verdict"] == "allow")
        .unwrap();
    assert_eq!(grounded["payload"]["findings"][0]["grounded_by"], action_id);
}

async fn other_customers_identifiers_are_redacted(app: &TestApp) {
    let s = shop(app, "acme", ALL_ACTIONS).await;
    app.call(
        axum::http::Method::PUT,
        "/v1/entities",
        Some(&s.t.service),
        Some(json!([
            {"uid": {"type": "Shop::Account", "id": "acct-c-2"}, "attrs": {"customer": "c-2"}, "parents": []},
        ])),
    )
    .await;
    // Another tenant with an order id this tenant does not have.
    let other = shop(app, "globex", ALL_ACTIONS).await;
    let (st, _) = app
        .call(
            axum::http::Method::PUT,
            "/v1/entities",
            Some(&other.t.service),
            Some(json!([{"uid": {"type": "Shop::Order", "id": "GX-900"}, "attrs": {"customer": "g-1", "total": 100}, "parents": []}])),
        )
        .await;
    assert_eq!(st, StatusCode::OK);

    let text = "Your order A-1 is on its way. Order B-7 belongs to someone else, as does acct-c-2 and GX-900.";
    let v = say(app, &s, text).await;
    assert_eq!(v["verdict"], "redact", "{v}");
    let passed = v["text"].as_str().unwrap();
    assert!(
        passed.contains("Your order A-1"),
        "the customer's own order stays: {passed}"
    );
    for leaked in ["B-7", "acct-c-2", "GX-900"] {
        assert!(!passed.contains(leaked), "{leaked} leaked: {passed}");
    }
    let kinds: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["category"] == "tenant_leak")
        .map(|f| f["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        vec!["other_customer", "other_customer", "other_tenant"],
        "{v}"
    );
    for f in v["findings"].as_array().unwrap() {
        let (a, b) = (
            f["start"].as_u64().unwrap() as usize,
            f["end"].as_u64().unwrap() as usize,
        );
        assert!(b <= text.len() && text.is_char_boundary(a) && text.is_char_boundary(b));
    }
}

on_both_commerce!(
    the_grounding_table,
    other_customers_identifiers_are_redacted
);

const ESCALATE: &str = "[inspection.actions]\ncommitment = \"escalate\"\n";

async fn an_escalated_statement_passes_once_approved(app: &TestApp) {
    let s = shop(app, "acme", ALL_ACTIONS).await;
    let statement = "As a goodwill gesture I've waived the $15 delivery fee on order A-1.";
    let v = say(app, &s, statement).await;
    assert_eq!(v["verdict"], "escalate", "{v}");
    let id = v["approval_id"].as_str().unwrap().to_owned();
    assert!(
        !v["text"].as_str().unwrap().contains("waived"),
        "the holding text passes, not the promise"
    );
    // Saying it again while it waits files nothing new.
    assert_eq!(say(app, &s, statement).await["approval_id"], id.as_str());
    // The approver sees the exact statement and what it commits to.
    let (_, a) = app.get(&format!("/v1/approvals/{id}"), &s.t.approver).await;
    assert_eq!(a["kind"], "statement");
    assert_eq!(a["subject"]["text"], statement);
    assert_eq!(a["amount"], 1500);
    assert_eq!(a["subject"]["commitments"][0]["kind"], "fee_waiver");
    app.ok(
        &format!("/v1/approvals/{id}/approve"),
        &s.t.approver,
        json!({"reason": "long-standing customer"}),
    )
    .await;
    // That exact statement may now pass; another one still waits.
    let v = say(app, &s, statement).await;
    assert_eq!(v["verdict"], "allow", "{v}");
    assert_eq!(v["text"], statement);
    assert_eq!(v["findings"][0]["grounded_by"], id.as_str());
    let v = say(
        app,
        &s,
        "As a goodwill gesture I've waived the $25 delivery fee on order A-1.",
    )
    .await;
    assert_eq!(v["verdict"], "escalate", "{v}");
    assert_ne!(v["approval_id"], id.as_str());
}

on_both_configured!(ESCALATE; Pack::Commerce; an_escalated_statement_passes_once_approved);
