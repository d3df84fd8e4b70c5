//! The policy crate's behaviour over real policy files.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::PathBuf;

use mandate_policy::{
    AgentFacts, CaseFacts, Decision, Engine, PolicyError, PolicySources, Request, read_dir,
    testfile,
};
use serde_json::{Value, json};

fn commerce() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/commerce")
}

fn sources(schema: &str, policies: &str) -> PolicySources {
    PolicySources {
        schemas: vec![("s.cedarschema".into(), schema.into())],
        policies: vec![("p.cedar".into(), policies.into())],
        grounding: vec![],
    }
}

const SCHEMA: &str = r#"
namespace Shop { entity Order = { customer: String, total: Long }; }
namespace Mandate {
  action "refund.issue" appliesTo { principal: [Agent], resource: [Shop::Order],
    context: { tenant: String, case: Case, customer: Customer, args: { amount: Long, currency: String } } };
}"#;

fn order(id: &str, customer: &str, total: i64) -> Value {
    json!({"uid": {"type": "Shop::Order", "id": id}, "attrs": {"customer": customer, "total": total}, "parents": []})
}

fn ask(engine: &Engine, tenant: &str, resource: &Value, args: Value) -> mandate_policy::Evaluation {
    engine.evaluate(&Request {
        agent: AgentFacts {
            id: "ag_1",
            tenant,
            owner: "op_1",
            status: "active",
            purpose: "test",
        },
        action: "refund.issue",
        resource,
        ancestors: &[],
        case: CaseFacts {
            id: "case_1",
            state: "open",
            channel: "chat",
            customer_id: "c-1",
            customer_verified: true,
        },
        args: &args,
        entities_checked: false,
    })
}

#[test]
fn the_commerce_pack_loads_and_its_policy_tests_pass() {
    let engine = Engine::load(&read_dir(&commerce().join("policies")).unwrap()).unwrap();
    assert_eq!(
        engine.actions(),
        vec![
            "account.reset",
            "address.update",
            "data.export",
            "discount.grant",
            "order.read",
            "refund.issue"
        ]
    );
    assert!(
        engine
            .policy_ids()
            .contains(&"refund-needs-approver".to_owned())
    );
    let outcomes = testfile::run(&commerce().join("policy-tests.toml")).unwrap();
    assert!(outcomes.len() >= 15);
    let failed: Vec<_> = outcomes
        .iter()
        .filter(|o| !o.passed)
        .map(|o| format!("{}: {}", o.name, o.detail))
        .collect();
    assert!(failed.is_empty(), "{failed:#?}");
}

#[test]
fn an_undeclared_attribute_is_refused_with_a_readable_message() {
    let err = Engine::load(&sources(
        SCHEMA,
        r#"@id("uses-colour") permit(principal, action, resource is Shop::Order) when { resource.colour == "red" };"#,
    ))
    .unwrap_err();
    let text = err.to_string();
    assert!(
        text.contains("uses-colour") && text.contains("colour") && text.contains("Shop::Order"),
        "{text}"
    );
}

#[test]
fn annotations_are_checked() {
    let cases = [
        (
            r#"@id("x") @approval("approver") forbid(principal, action, resource);"#,
            "not a forbid",
        ),
        (
            r#"@id("x") @approval("boss") permit(principal, action, resource);"#,
            "names no role",
        ),
        (
            r#"@id("x") permit(principal, action, resource); @id("x") permit(principal, action, resource);"#,
            "used twice",
        ),
        (r#"permit(principal, action, resource"#, "p.cedar"),
    ];
    for (policy, expect) in cases {
        let err = Engine::load(&sources(SCHEMA, policy)).unwrap_err();
        assert!(err.to_string().contains(expect), "{policy}: {err}");
    }
    assert!(matches!(
        Engine::load(&sources("namespace { broken", "")),
        Err(PolicyError::Invalid(_))
    ));
}

#[test]
fn outcomes_follow_the_contract() {
    let engine = Engine::load(&sources(
        SCHEMA,
        r#"
        @id("small") permit(principal, action, resource) when { context.args.amount <= 100 };
        @id("medium") @approval("approver") permit(principal, action, resource) when { context.args.amount <= 1000 };
        @id("cap") forbid(principal, action, resource) when { context.args.amount > resource.total };
        "#,
    ))
    .unwrap();
    let o = order("A-1", "c-1", 500);
    let allow = ask(
        &engine,
        "acme",
        &o,
        json!({"amount": 50, "currency": "EUR"}),
    );
    assert_eq!(
        (allow.decision, allow.policies),
        (Decision::Allow, vec!["small".to_owned()])
    );
    let pending = ask(
        &engine,
        "acme",
        &o,
        json!({"amount": 300, "currency": "EUR"}),
    );
    assert_eq!(
        pending.decision,
        Decision::PendingApproval {
            role: "approver".into()
        }
    );
    assert!(pending.reasons[0].contains("medium"));
    let forbidden = ask(
        &engine,
        "acme",
        &o,
        json!({"amount": 600, "currency": "EUR"}),
    );
    assert_eq!(
        (forbidden.decision, forbidden.policies.clone()),
        (Decision::Deny, vec!["cap".to_owned()])
    );
    assert!(forbidden.reasons[0].contains("cap"));
    let nothing = ask(
        &engine,
        "acme",
        &order("A-2", "c-1", 99_999),
        json!({"amount": 5000, "currency": "EUR"}),
    );
    assert_eq!(nothing.decision, Decision::Deny);
    assert!(nothing.reasons[0].contains("no policy permits"));
    assert_eq!(nothing.policy_hash, engine.hash());
}

#[test]
fn anything_unexpected_is_a_deny_with_a_reason() {
    let engine = Engine::load(&sources(
        SCHEMA,
        r#"@id("overflow") permit(principal, action, resource) when { context.args.amount * 9223372036854775807 > 0 };"#,
    ))
    .unwrap();
    let o = order("A-1", "c-1", 500);
    let e = ask(
        &engine,
        "acme",
        &o,
        json!({"amount": 50, "currency": "EUR"}),
    );
    assert_eq!(e.decision, Decision::Deny);
    assert!(
        e.reasons[0].contains("overflow") && e.reasons[0].contains("could not be evaluated"),
        "{:?}",
        e.reasons
    );

    let permissive =
        Engine::load(&sources(SCHEMA, "permit(principal, action, resource);")).unwrap();
    for (args, why) in [
        (
            json!({"amount": "50", "currency": "EUR"}),
            "does not match the declaration",
        ),
        (json!({"amount": 50}), "does not match the declaration"),
        (
            json!({"amount": 50, "currency": "EUR", "extra": true}),
            "does not match the declaration",
        ),
    ] {
        let e = ask(&permissive, "acme", &o, args.clone());
        assert_eq!(e.decision, Decision::Deny, "{args}");
        assert!(e.reasons[0].contains(why), "{args}: {:?}", e.reasons);
    }
    let bad_entity = json!({"uid": {"type": "Shop::Order", "id": "A-1"}, "attrs": {"customer": 5, "total": 1}, "parents": []});
    assert_eq!(
        ask(
            &permissive,
            "acme",
            &bad_entity,
            json!({"amount": 1, "currency": "EUR"})
        )
        .decision,
        Decision::Deny
    );
    let unknown = permissive.evaluate(&Request {
        agent: AgentFacts {
            id: "ag_1",
            tenant: "acme",
            owner: "op",
            status: "active",
            purpose: "x",
        },
        action: "wire.transfer",
        resource: &o,
        ancestors: &[],
        case: CaseFacts {
            id: "c",
            state: "open",
            channel: "chat",
            customer_id: "c-1",
            customer_verified: true,
        },
        args: &json!({}),
        entities_checked: false,
    });
    assert_eq!(unknown.decision, Decision::Deny);
    assert!(unknown.reasons[0].contains("not declared"));
}

#[test]
fn entities_are_checked_against_the_schema_and_mandate_types_are_reserved() {
    let engine = Engine::load(&sources(SCHEMA, "")).unwrap();
    let stored = engine.check_entities(&[order("A-1", "c-1", 5)]).unwrap();
    assert_eq!(
        stored[0]["uid"],
        json!({"type": "Shop::Order", "id": "A-1"})
    );
    assert!(engine.check_entities(&[json!({"uid": {"type": "Shop::Order", "id": "x"}, "attrs": {"customer": 1, "total": 1}, "parents": []})]).is_err());
    assert!(
        engine
            .check_entities(&[
                json!({"uid": {"type": "Shop::Nope", "id": "x"}, "attrs": {}, "parents": []})
            ])
            .is_err()
    );
    let err = engine
        .check_entities(&[
            json!({"uid": {"type": "Mandate::Agent", "id": "x"}, "attrs": {}, "parents": []}),
        ])
        .unwrap_err();
    assert!(err.to_string().contains("Mandate's own"));
}

#[test]
fn tenant_scoped_policies_apply_to_their_tenant_only() {
    let engine = Engine::load(&sources(
        SCHEMA,
        r#"
        @id("acme-only") permit(principal in Mandate::Tenant::"acme", action, resource);
        @id("other-forbid") forbid(principal in Mandate::Tenant::"other", action, resource);
        "#,
    ))
    .unwrap();
    let o = order("A-1", "c-1", 500);
    let args = json!({"amount": 1, "currency": "EUR"});
    assert_eq!(
        ask(&engine, "acme", &o, args.clone()).decision,
        Decision::Allow
    );
    assert_eq!(
        ask(&engine, "other", &o, args.clone()).policies,
        vec!["other-forbid".to_owned()]
    );
    assert_eq!(ask(&engine, "third", &o, args).decision, Decision::Deny);
}
