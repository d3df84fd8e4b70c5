//! Decision latency without HTTP: `cargo bench -p mandate-policy --bench decide`.
//!
//! Policy sets of 10, 100 and 1,000 policies shaped like a multi-tenant deployment: every tenant
//! has ten policies (guardrails, refunds, discounts, reads) scoped to it with
//! `principal in Mandate::Tenant::"tN"`. A request is a refund for a verified customer's order,
//! the commonest consequential call. `worst` puts all policies on one tenant and one action,
//! where slicing cannot help. `sliced_recheck` adds the schema check of an entity stored under an
//! older schema.
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing
)]

// The binary runs on mimalloc; measure with the allocator users get.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use mandate_policy::{AgentFacts, CaseFacts, Engine, PolicySources, Request};
use serde_json::json;

const SCHEMA: &str = include_str!("../../../examples/commerce/policies/shop.cedarschema");

fn tenant_policies(t: usize, base: usize) -> Vec<String> {
    let p = |i: usize, body: String| format!("@id(\"p{}\")\n{body}", base + i);
    let scope = format!("principal in Mandate::Tenant::\"t{t}\"");
    vec![
        p(
            0,
            format!(
                "forbid ({scope}, action, resource is Shop::Order) unless {{ resource.customer == context.customer.id }};"
            ),
        ),
        p(
            1,
            format!(
                "forbid ({scope}, action, resource) unless {{ context.case.state == \"open\" }};"
            ),
        ),
        p(
            2,
            format!(
                "permit ({scope}, action == Mandate::Action::\"order.read\", resource is Shop::Order);"
            ),
        ),
        p(
            3,
            format!(
                "permit ({scope}, action == Mandate::Action::\"refund.issue\", resource is Shop::Order) when {{ context.customer.verified && context.args.amount <= {} }};",
                5000 + t
            ),
        ),
        p(
            4,
            format!(
                "@approval(\"approver\") permit ({scope}, action == Mandate::Action::\"refund.issue\", resource is Shop::Order) when {{ context.args.amount <= {} }};",
                50000 + t
            ),
        ),
        p(
            5,
            format!(
                "forbid ({scope}, action == Mandate::Action::\"refund.issue\", resource is Shop::Order) when {{ context.args.amount > resource.total }};"
            ),
        ),
        p(
            6,
            format!(
                "permit ({scope}, action == Mandate::Action::\"discount.grant\", resource is Shop::Order) when {{ context.args.percent <= 10 }};"
            ),
        ),
        p(
            7,
            format!(
                "forbid ({scope}, action == Mandate::Action::\"discount.grant\", resource) when {{ context.args.percent > 30 }};"
            ),
        ),
        p(
            8,
            format!(
                "@approval(\"approver\") permit ({scope}, action == Mandate::Action::\"account.reset\", resource) when {{ context.customer.verified }};"
            ),
        ),
        p(
            9,
            format!(
                "forbid ({scope}, action == Mandate::Action::\"data.export\", resource) unless {{ context.args.scope == \"customer\" }};"
            ),
        ),
    ]
}

fn spread(n: usize) -> Engine {
    let policies: Vec<String> = (0..n / 10)
        .flat_map(|t| tenant_policies(t, t * 10))
        .collect();
    load(policies)
}

/// Every policy on tenant t0 and on `refund.issue`: what slicing cannot shrink.
fn worst(n: usize) -> Engine {
    let policies: Vec<String> = (0..n)
        .map(|i| format!("@id(\"w{i}\")\npermit (principal in Mandate::Tenant::\"t0\", action == Mandate::Action::\"refund.issue\", resource is Shop::Order) when {{ context.customer.verified && context.args.amount <= {} }};", 5000 + i))
        .collect();
    load(policies)
}

fn load(policies: Vec<String>) -> Engine {
    Engine::load(&PolicySources {
        schemas: vec![("shop.cedarschema".into(), SCHEMA.into())],
        policies: vec![("bench.cedar".into(), policies.join("\n"))],
        grounding: vec![],
    })
    .unwrap()
}

fn bench(c: &mut Criterion) {
    let order = json!({"uid": {"type": "Shop::Order", "id": "A-1"}, "attrs": {"customer": "c-1", "total": 12000}, "parents": []});
    let args = json!({"amount": 4000, "currency": "EUR"});
    let req = Request {
        agent: AgentFacts {
            id: "ag_0123",
            tenant: "t0",
            owner: "op_1",
            status: "active",
            purpose: "shopping assistant",
        },
        action: "refund.issue",
        resource: &order,
        ancestors: &[],
        case: CaseFacts {
            id: "case_1",
            state: "open",
            channel: "chat",
            customer_id: "c-1",
            customer_verified: true,
        },
        args: &args,
        entities_checked: true,
    };
    let mut g = c.benchmark_group("decide");
    for n in [10, 100, 1000] {
        let engine = spread(n);
        assert_eq!(engine.evaluate(&req).decision.as_str(), "allow");
        g.bench_with_input(BenchmarkId::new("sliced", n), &engine, |b, e| {
            b.iter(|| e.evaluate(&req))
        });
        g.bench_with_input(BenchmarkId::new("unsliced", n), &engine, |b, e| {
            b.iter(|| e.evaluate_unsliced(&req))
        });
        let recheck = Request {
            entities_checked: false,
            ..req.clone()
        };
        g.bench_with_input(BenchmarkId::new("sliced_recheck", n), &engine, |b, e| {
            b.iter(|| e.evaluate(&recheck))
        });
        let w = worst(n);
        assert_eq!(w.evaluate(&req).decision.as_str(), "allow");
        g.bench_with_input(BenchmarkId::new("worst", n), &w, |b, e| {
            b.iter(|| e.evaluate(&req))
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
