//! The decision API over the commerce pack: allow, pending approval and deny, each for the
//! right reason, with Mandate's own checks holding whatever the policies say.

use axum::http::StatusCode;
use serde_json::{Value, json};

use crate::support::{Pack, Tenant, TestApp};
use crate::{on_both_commerce, on_both_with};

/// A shop tenant with orders, an active agent and an open case for verified customer c-1.
pub struct Shop {
    pub t: Tenant,
    pub agent_id: String,
    pub agent: String,
    pub case: String,
}

pub const ALL_ACTIONS: &[&str] = &[
    "order.read",
    "refund.issue",
    "discount.grant",
    "address.update",
    "account.reset",
    "data.export",
];

pub async fn shop(app: &TestApp, tenant: &str, actions: &[&str]) -> Shop {
    let t = app.tenant(tenant).await;
    let (s, v) = app
        .call(
            axum::http::Method::PUT,
            "/v1/entities",
            Some(&t.service),
            Some(json!([
                {"uid": {"type": "Shop::Order", "id": "A-1"}, "attrs": {"customer": "c-1", "total": 12000}, "parents": []},
                {"uid": {"type": "Shop::Order", "id": "B-7"}, "attrs": {"customer": "c-2", "total": 9900}, "parents": []},
                {"uid": {"type": "Shop::Order", "id": "BIG-1"}, "attrs": {"customer": "c-1", "total": 250000}, "parents": []},
                {"uid": {"type": "Shop::Account", "id": "acct-c-1"}, "attrs": {"customer": "c-1"}, "parents": []},
            ])),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["upserted"], 4);
    let (agent_id, agent) = app.agent(&t, actions).await;
    let case = app
        .ok(
            "/v1/cases",
            &agent,
            json!({"customer": {"id": "c-1", "verified": true}}),
        )
        .await;
    Shop {
        t,
        agent_id,
        agent,
        case: case["id"].as_str().unwrap().to_owned(),
    }
}

pub async fn act(
    app: &TestApp,
    shop: &Shop,
    action: &str,
    resource: (&str, &str),
    args: Value,
) -> Value {
    let (s, v) = app
        .post(
            &format!("/v1/cases/{}/actions", shop.case),
            &shop.agent,
            json!({"action": action, "resource": {"type": resource.0, "id": resource.1}, "args": args}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    v
}

/// Asks, as `token`, to read order A-1 in the shop's case; returns the status and body.
pub async fn read_order_as(app: &TestApp, shop: &Shop, token: &str) -> (StatusCode, Value) {
    app.post(
        &format!("/v1/cases/{}/actions", shop.case),
        token,
        json!({"action": "order.read", "resource": {"type": "Shop::Order", "id": "A-1"}}),
    )
    .await
}

fn names(v: &Value) -> String {
    v["reasons"].to_string()
}

on_both_commerce!(
    decision_matrix,
    mandate_checks_come_first,
    decisions_are_audited_with_policy_ids_and_hash,
    entities_are_checked_and_scoped
);

async fn decision_matrix(app: &TestApp) {
    let s = shop(app, "acme", ALL_ACTIONS).await;
    type Row<'a> = (
        &'a str,
        &'a str,
        (&'a str, &'a str),
        Value,
        &'a str,
        &'a str,
    );
    let rows: Vec<Row> = vec![
        (
            "a verified customer's small refund",
            "refund.issue",
            ("Shop::Order", "A-1"),
            json!({"amount": 4000, "currency": "EUR"}),
            "allow",
            "refund-small-verified",
        ),
        (
            "reading the customer's own order",
            "order.read",
            ("Shop::Order", "A-1"),
            json!({}),
            "allow",
            "order-read",
        ),
        (
            "a larger refund",
            "refund.issue",
            ("Shop::Order", "A-1"),
            json!({"amount": 9000, "currency": "EUR"}),
            "pending_approval",
            "refund-needs-approver",
        ),
        (
            "an account reset",
            "account.reset",
            ("Shop::Account", "acct-c-1"),
            json!({}),
            "pending_approval",
            "account-reset-needs-approval",
        ),
        (
            "a very large refund",
            "refund.issue",
            ("Shop::Order", "BIG-1"),
            json!({"amount": 90000, "currency": "EUR"}),
            "deny",
            "refund-too-large",
        ),
        (
            "a refund above the order total",
            "refund.issue",
            ("Shop::Order", "A-1"),
            json!({"amount": 13000, "currency": "EUR"}),
            "deny",
            "refund-within-order-total",
        ),
        (
            "someone else's order",
            "order.read",
            ("Shop::Order", "B-7"),
            json!({}),
            "deny",
            "own-orders-only",
        ),
        (
            "a bulk export",
            "data.export",
            ("Shop::Account", "acct-c-1"),
            json!({"scope": "all"}),
            "deny",
            "no-bulk-export",
        ),
        (
            "arguments of the wrong type",
            "refund.issue",
            ("Shop::Order", "A-1"),
            json!({"amount": "40.00", "currency": "EUR"}),
            "deny",
            "does not match the declaration",
        ),
    ];
    for (what, action, resource, args, decision, why) in rows {
        let v = act(app, &s, action, resource, args).await;
        assert_eq!(v["decision"], decision, "{what}: {v}");
        assert!(
            names(&v).contains(why),
            "{what}: reasons should name `{why}`: {v}"
        );
        match decision {
            "allow" => {
                assert!(
                    v["credential"]["token"]
                        .as_str()
                        .unwrap()
                        .split('.')
                        .count()
                        == 3,
                    "{what}: {v}"
                );
                assert!(v["approval_id"].is_null());
                assert!(v["policies"].as_array().unwrap().iter().any(|p| p == why));
            }
            "pending_approval" => {
                assert!(
                    v["credential"].is_null() && v["approval_id"].is_string(),
                    "{what}: {v}"
                );
                assert!(v["policies"].as_array().unwrap().iter().any(|p| p == why));
            }
            _ => assert!(
                v["credential"].is_null() && v["approval_id"].is_null(),
                "{what}: {v}"
            ),
        }
    }
    // An unverified customer's small refund waits for an approver.
    let unverified = app
        .ok(
            "/v1/cases",
            &s.agent,
            json!({"customer": {"id": "c-1", "verified": false}}),
        )
        .await;
    let v = app
        .post(
            &format!("/v1/cases/{}/actions", unverified["id"].as_str().unwrap()),
            &s.agent,
            json!({"action": "refund.issue", "resource": {"type": "Shop::Order", "id": "A-1"}, "args": {"amount": 4000, "currency": "EUR"}}),
        )
        .await
        .1;
    assert_eq!(v["decision"], "pending_approval");
}

async fn mandate_checks_come_first(app: &TestApp) {
    let s = shop(app, "acme", &["order.read"]).await;
    let v = act(
        app,
        &s,
        "refund.issue",
        ("Shop::Order", "A-1"),
        json!({"amount": 100, "currency": "EUR"}),
    )
    .await;
    assert_eq!(v["decision"], "deny");
    assert!(
        names(&v).contains("not in the agent's registered actions"),
        "{v}"
    );
    assert_eq!(v["policies"], json!([]));

    // Another tenant's order is not there for this agent, even with the same id elsewhere.
    let other = app.tenant("other").await;
    app.call(
        axum::http::Method::PUT,
        "/v1/entities",
        Some(&other.service),
        Some(json!([{"uid": {"type": "Shop::Order", "id": "O-9"}, "attrs": {"customer": "c-1", "total": 5000}, "parents": []}])),
    )
    .await;
    let v = act(app, &s, "order.read", ("Shop::Order", "O-9"), json!({})).await;
    assert_eq!(v["decision"], "deny");
    assert!(names(&v).contains("not an entity of tenant `acme`"), "{v}");

    // A suspended agent is refused outright.
    app.ok(
        &format!("/v1/agents/{}/suspend", s.agent_id),
        &s.t.admin,
        json!({}),
    )
    .await;
    let (st, e) = read_order_as(app, &s, &s.agent).await;
    assert_eq!(
        (st, e["error"]["code"].as_str()),
        (StatusCode::FORBIDDEN, Some("agent_not_active"))
    );

    // An operator cannot ask for decisions; another agent cannot use this case.
    let (st, _) = read_order_as(app, &s, &s.t.admin).await;
    assert_eq!(st, StatusCode::FORBIDDEN);
    let (_, stranger) = app.agent(&s.t, &["order.read"]).await;
    let (st, _) = read_order_as(app, &s, &stranger).await;
    assert_eq!(st, StatusCode::NOT_FOUND);
    // Malformed requests are 4xx with the envelope.
    for body in [
        json!({"action": "Not An Action", "resource": {"type": "Shop::Order", "id": "A-1"}}),
        json!({"action": "order.read", "resource": {"type": "", "id": "A-1"}}),
        json!({"action": "order.read", "resource": {"type": "Shop::Order", "id": "A-1"}, "args": [1]}),
        json!({"action": "order.read", "resource": {"type": "Shop::Order", "id": "A-1"}, "args": {"x": 1.5}}),
    ] {
        let (st, _) = app
            .post(
                &format!("/v1/cases/{}/actions", s.case),
                &stranger,
                body.clone(),
            )
            .await;
        assert!(st.is_client_error(), "{body}");
    }
}

async fn decisions_are_audited_with_policy_ids_and_hash(app: &TestApp) {
    let s = shop(app, "acme", ALL_ACTIONS).await;
    let allowed = act(
        app,
        &s,
        "refund.issue",
        ("Shop::Order", "A-1"),
        json!({"amount": 4000, "currency": "EUR"}),
    )
    .await;
    let denied = act(app, &s, "order.read", ("Shop::Order", "B-7"), json!({})).await;
    let (_, info) = app.get("/v1/policies", &s.t.auditor).await;
    let (_, page) = app
        .get(&format!("/v1/audit?case={}", s.case), &s.t.auditor)
        .await;
    let records = page["records"].as_array().unwrap();
    for decided in [&allowed, &denied] {
        let r = records
            .iter()
            .find(|r| {
                r["kind"] == "action.decided" && r["payload"]["action_id"] == decided["action_id"]
            })
            .expect("every decision is in the log");
        assert_eq!(r["payload"]["policies"], decided["policies"]);
        assert_eq!(r["payload"]["policy_hash"], info["policy_hash"]);
        assert_eq!(r["case"], s.case.as_str());
    }
    assert!(
        records.iter().any(|r| r["kind"] == "credential.issued"
            && r["payload"]["action_id"] == allowed["action_id"])
    );
    assert!(
        !page
            .to_string()
            .contains(allowed["credential"]["token"].as_str().unwrap()),
        "tokens never enter the log"
    );

    // GET /v1/actions/{id}: the agent gets a fresh credential; operators see the state only.
    let (st, v) = app
        .get(
            &format!("/v1/actions/{}", allowed["action_id"].as_str().unwrap()),
            &s.agent,
        )
        .await;
    assert_eq!(
        (st, v["status"].as_str()),
        (StatusCode::OK, Some("allowed"))
    );
    assert!(v["credential"]["token"].is_string());
    let (_, v) = app
        .get(
            &format!("/v1/actions/{}", allowed["action_id"].as_str().unwrap()),
            &s.t.auditor,
        )
        .await;
    assert!(v["credential"].is_null());
    let (_, v) = app
        .get(
            &format!("/v1/actions/{}", denied["action_id"].as_str().unwrap()),
            &s.agent,
        )
        .await;
    assert_eq!(v["status"], "denied");
    assert!(v["credential"].is_null());
    let other = app.tenant("other").await;
    let (st, _) = app
        .get(
            &format!("/v1/actions/{}", allowed["action_id"].as_str().unwrap()),
            &other.admin,
        )
        .await;
    assert_eq!(st, StatusCode::NOT_FOUND);
}

async fn entities_are_checked_and_scoped(app: &TestApp) {
    let t = app.tenant("acme").await;
    let put = |token: String, body: Value| async move {
        app.call(
            axum::http::Method::PUT,
            "/v1/entities",
            Some(&token),
            Some(body),
        )
        .await
    };
    let (st, e) = put(t.service.clone(), json!([{"uid": {"type": "Shop::Order", "id": "X"}, "attrs": {"customer": 7, "total": 1}, "parents": []}])).await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "{e}");
    let (st, e) = put(
        t.service.clone(),
        json!([{"uid": {"type": "Mandate::Agent", "id": "X"}, "attrs": {}, "parents": []}]),
    )
    .await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "{e}");
    assert!(
        e["error"]["message"]
            .as_str()
            .unwrap()
            .contains("Mandate's own")
    );
    let (st, _) = put(t.auditor.clone(), json!([{"uid": {"type": "Shop::Order", "id": "X"}, "attrs": {"customer": "c", "total": 1}, "parents": []}])).await;
    assert_eq!(st, StatusCode::FORBIDDEN);
    let (st, _) = put(t.service.clone(), json!({"tenant": "other", "entities": [{"uid": {"type": "Shop::Order", "id": "X"}, "attrs": {"customer": "c", "total": 1}, "parents": []}]})).await;
    assert_eq!(
        st,
        StatusCode::FORBIDDEN,
        "a service writes only its own tenant"
    );
    let (st, v) = put(t.admin.clone(), json!({"tenant": "acme", "entities": [{"uid": {"type": "Shop::Order", "id": "X"}, "attrs": {"customer": "c", "total": 1}, "parents": []}]})).await;
    assert_eq!((st, v["upserted"].as_u64()), (StatusCode::OK, Some(1)));
}

pub const PERMISSIVE_SCHEMA: &str =
    include_str!("../../../../examples/commerce/policies/shop.cedarschema");
pub const PERMIT_ALL: &[(&str, &str)] = &[
    ("shop.cedarschema", PERMISSIVE_SCHEMA),
    (
        "all.cedar",
        "@id(\"permit-all\") permit(principal, action, resource);",
    ),
];

on_both_with!(Pack::Files(PERMIT_ALL); a_reload_with_an_invalid_file_keeps_the_old_set);

async fn a_reload_with_an_invalid_file_keeps_the_old_set(app: &TestApp) {
    let s = shop(app, "acme", ALL_ACTIONS).await;
    let (_, before) = app.get("/v1/policies", &s.t.admin).await;
    assert_eq!(before["policies"], json!(["permit-all"]));
    let dir = app.data_dir().join("policies");
    std::fs::write(
        dir.join("broken.cedar"),
        "@id(\"broken\") permit(principal, action, resource) when { resource.colour == \"red\" };",
    )
    .unwrap();
    let (st, e) = app.post("/v1/policies/reload", &app.admin, json!({})).await;
    assert_eq!(
        (st, e["error"]["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("invalid_policies")),
        "{e}"
    );
    assert!(e["error"]["message"].as_str().unwrap().contains("colour"));
    let (_, after) = app.get("/v1/policies", &s.t.admin).await;
    assert_eq!(
        after["policy_hash"], before["policy_hash"],
        "the old set keeps serving"
    );
    let v = act(app, &s, "order.read", ("Shop::Order", "A-1"), json!({})).await;
    assert_eq!(
        (v["decision"].as_str(), v["policy_hash"].as_str()),
        (Some("allow"), before["policy_hash"].as_str())
    );

    std::fs::write(dir.join("broken.cedar"), "@id(\"no-export\") forbid(principal, action == Mandate::Action::\"data.export\", resource);").unwrap();
    let (st, reloaded) = app.post("/v1/policies/reload", &app.admin, json!({})).await;
    assert_eq!(st, StatusCode::OK, "{reloaded}");
    assert_ne!(reloaded["policy_hash"], before["policy_hash"]);
    let v = act(
        app,
        &s,
        "data.export",
        ("Shop::Account", "acct-c-1"),
        json!({"scope": "customer"}),
    )
    .await;
    assert_eq!(v["decision"], "deny");
    assert_eq!(v["policy_hash"], reloaded["policy_hash"]);

    let (_, page) = app.get("/v1/audit?limit=5000", &app.admin).await;
    let kinds: Vec<&str> = page["records"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["kind"].as_str().unwrap())
        .collect();
    assert!(
        kinds.contains(&"policy.reload_failed") && kinds.contains(&"policy.reloaded"),
        "{kinds:?}"
    );
    let (st, _) = app.post("/v1/policies/reload", &s.t.admin, json!({})).await;
    assert_eq!(
        st,
        StatusCode::FORBIDDEN,
        "policies are deployment-wide: the platform admin reloads them"
    );
}
