//! Tenant isolation is an invariant, not a policy: with `permit(principal, action, resource);`
//! loaded, no request ever gets an allow on an entity its own tenant does not hold.

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde_json::{Value, json};

use crate::decisions::{ALL_ACTIONS, PERMIT_ALL};
use crate::support::{Pack, TestApp};

const TENANTS: usize = 3;

fn args_for(action: &str) -> Value {
    match action {
        "refund.issue" => json!({"amount": 100, "currency": "EUR"}),
        "discount.grant" => json!({"percent": 5}),
        "address.update" => json!({"address": "1 Main St"}),
        "data.export" => json!({"scope": "customer"}),
        _ => json!({}),
    }
}

/// Which ids each tenant holds: `shared` in all of them, `t{i}-o{k}` (k < 3, the ones stored)
/// in tenant i only. A random id with the tenant's prefix ("t2-", "t2-x") was never stored,
/// so it is held by no one.
fn holds(tenant: usize, id: &str) -> bool {
    id == "shared" || (0..3).any(|k| id == format!("t{tenant}-o{k}"))
}

#[test]
fn no_request_is_allowed_on_another_tenants_entity() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let (app, agents) = rt.block_on(async {
        let app = TestApp::start("", Pack::Files(PERMIT_ALL), None, None).await;
        let mut agents = Vec::new();
        for i in 0..TENANTS {
            let t = app.tenant(&format!("t{i}")).await;
            let mut entities = vec![json!({"uid": {"type": "Shop::Order", "id": "shared"}, "attrs": {"customer": "c", "total": 100}, "parents": []})];
            for k in 0..3 {
                entities.push(json!({"uid": {"type": "Shop::Order", "id": format!("t{i}-o{k}")}, "attrs": {"customer": "c", "total": 100}, "parents": []}));
            }
            let (s, v) = app.call(axum::http::Method::PUT, "/v1/entities", Some(&t.service), Some(Value::Array(entities))).await;
            assert!(s.is_success(), "{v}");
            let (_, token) = app.agent(&t, ALL_ACTIONS).await;
            let case = app.ok("/v1/cases", &token, json!({"customer": {"id": "c", "verified": true}})).await;
            agents.push((token, case["id"].as_str().unwrap().to_owned()));
        }
        (app, agents)
    });

    let ids: Vec<String> = (0..TENANTS)
        .flat_map(|i| (0..3).map(move |k| format!("t{i}-o{k}")))
        // `t1-` has a tenant's prefix but was never stored: no tenant holds it.
        .chain(["shared".to_owned(), "nowhere".to_owned(), "t1-".to_owned()])
        .collect();
    let strategy = (
        0..TENANTS,
        0..ids.len(),
        0..ALL_ACTIONS.len(),
        proptest::option::of("[a-z0-9-]{1,12}"),
    );
    let mut runner = TestRunner::new(Config {
        cases: 200,
        ..Config::default()
    });
    let allows = std::cell::Cell::new(0usize);
    let result = runner.run(&strategy, |(tenant, id_ix, action_ix, random_id)| {
        let id = random_id.unwrap_or_else(|| ids[id_ix].clone());
        let action = ALL_ACTIONS[action_ix];
        let (token, case) = &agents[tenant];
        let v = rt.block_on(async {
            app.post(
                &format!("/v1/cases/{case}/actions"),
                token,
                json!({"action": action, "resource": {"type": "Shop::Order", "id": id}, "args": args_for(action)}),
            )
            .await
            .1
        });
        let decision = v["decision"].as_str().unwrap_or("error").to_owned();
        prop_assert!(decision == "allow" || decision == "deny", "unexpected: {}", v);
        if decision == "allow" {
            prop_assert!(holds(tenant, &id), "tenant t{} was allowed `{}` on `{}`, which it does not hold: {}", tenant, action, id, v);
            allows.set(allows.get() + 1);
        } else {
            prop_assert!(!holds(tenant, &id), "permit-all should allow the tenant's own `{}`: {}", id, v);
        }
        Ok(())
    });
    rt.block_on(app.done());
    result.unwrap();
    assert!(
        allows.get() > 0,
        "the permissive policy must allow something, or the test shows nothing"
    );
}
