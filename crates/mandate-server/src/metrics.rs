//! Prometheus metrics, served at `/metrics`.

use std::time::Instant;

use axum::extract::{MatchedPath, Request, State};
use axum::middleware::Next;
use axum::response::Response;
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::histogram::Histogram;
use prometheus_client::registry::Registry;

use crate::Gateway;

/// Labels of an HTTP request.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct HttpLabels {
    method: String,
    route: String,
    status: u16,
}

/// Labels naming a route.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct RouteLabels {
    route: String,
}

/// Labels of an outcome (decision, verdict...).
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct OutcomeLabels {
    /// The outcome.
    pub outcome: String,
}

/// Labels of an inspection.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct InspectionLabels {
    direction: String,
    verdict: String,
}

/// Labels of a finding.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct FindingLabels {
    category: String,
}

/// Every metric the gateway exports.
pub struct Metrics {
    registry: Registry,
    http_requests: Family<HttpLabels, Counter>,
    http_seconds: Family<RouteLabels, Histogram>,
    /// Audit records appended, by kind.
    pub audit_records: Family<OutcomeLabels, Counter>,
    decisions: Family<OutcomeLabels, Counter>,
    inspections: Family<InspectionLabels, Counter>,
    findings: Family<FindingLabels, Counter>,
    inspection_seconds: Histogram,
    webhooks: Family<OutcomeLabels, Counter>,
}

impl std::fmt::Debug for Metrics {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Metrics")
    }
}

fn latency_histogram() -> Histogram {
    // 50 µs to ~6.5 s.
    Histogram::new(prometheus_client::metrics::histogram::exponential_buckets(
        0.00005, 2.0, 18,
    ))
}

impl Metrics {
    /// A fresh registry with every metric registered.
    pub fn new() -> Metrics {
        let mut registry = Registry::with_prefix("mandate");
        let http_requests = Family::<HttpLabels, Counter>::default();
        registry.register(
            "http_requests",
            "HTTP requests answered",
            http_requests.clone(),
        );
        let http_seconds = Family::<RouteLabels, Histogram>::new_with_constructor(
            latency_histogram as fn() -> Histogram,
        );
        registry.register(
            "http_request_duration_seconds",
            "HTTP request latency",
            http_seconds.clone(),
        );
        let audit_records = Family::<OutcomeLabels, Counter>::default();
        registry.register(
            "audit_records",
            "Audit records appended, by kind",
            audit_records.clone(),
        );
        let decisions = Family::<OutcomeLabels, Counter>::default();
        registry.register(
            "decisions",
            "Action decisions, by outcome",
            decisions.clone(),
        );
        let inspections = Family::<InspectionLabels, Counter>::default();
        registry.register(
            "inspections",
            "Texts inspected, by direction and verdict",
            inspections.clone(),
        );
        let findings = Family::<FindingLabels, Counter>::default();
        registry.register(
            "inspection_findings",
            "Inspection findings, by category",
            findings.clone(),
        );
        // 1 µs to ~0.5 s: inspection itself, without the HTTP and storage around it.
        let inspection_seconds = Histogram::new(
            prometheus_client::metrics::histogram::exponential_buckets(0.000_001, 2.0, 20),
        );
        registry.register(
            "inspection_duration_seconds",
            "Time spent inspecting a text",
            inspection_seconds.clone(),
        );
        let webhooks = Family::<OutcomeLabels, Counter>::default();
        registry.register(
            "approval_webhooks",
            "Approval webhook deliveries, by outcome (delivered, failed)",
            webhooks.clone(),
        );
        Metrics {
            registry,
            http_requests,
            http_seconds,
            audit_records,
            decisions,
            inspections,
            findings,
            inspection_seconds,
            webhooks,
        }
    }

    /// The text exposition format.
    pub fn render(&self) -> String {
        let mut out = String::new();
        if prometheus_client::encoding::text::encode(&mut out, &self.registry).is_err() {
            out.clear();
        }
        out
    }

    /// Counts a decision by outcome (`allow`, `deny`, `pending_approval`).
    pub fn count_decision(&self, outcome: &str) {
        self.decisions
            .get_or_create(&OutcomeLabels {
                outcome: outcome.to_owned(),
            })
            .inc();
    }

    /// Counts an inspection: its verdict, its findings and how long it took.
    pub fn count_inspection(
        &self,
        direction: &str,
        verdict: &str,
        categories: impl Iterator<Item = &'static str>,
        seconds: f64,
    ) {
        self.inspections
            .get_or_create(&InspectionLabels {
                direction: direction.to_owned(),
                verdict: verdict.to_owned(),
            })
            .inc();
        for category in categories {
            self.findings
                .get_or_create(&FindingLabels {
                    category: category.to_owned(),
                })
                .inc();
        }
        self.inspection_seconds.observe(seconds);
    }

    /// Counts an approval webhook delivery.
    pub fn count_webhook(&self, delivered: bool) {
        self.webhooks
            .get_or_create(&OutcomeLabels {
                outcome: if delivered { "delivered" } else { "failed" }.to_owned(),
            })
            .inc();
    }

    /// Counts appended audit records by kind.
    pub fn count_records(&self, records: &[mandate_core::audit::Record]) {
        for r in records {
            self.audit_records
                .get_or_create(&OutcomeLabels {
                    outcome: r.kind.clone(),
                })
                .inc();
        }
    }
}

impl Default for Metrics {
    fn default() -> Metrics {
        Metrics::new()
    }
}

/// Middleware counting and timing every request by its route template (never its raw path, so
/// ids do not explode the label space).
pub async fn track(State(gw): State<Gateway>, req: Request, next: Next) -> Response {
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "unmatched".to_owned(), |p| p.as_str().to_owned());
    let method = req.method().as_str().to_owned();
    let start = Instant::now();
    let resp = next.run(req).await;
    let m = gw.metrics();
    m.http_seconds
        .get_or_create(&RouteLabels {
            route: route.clone(),
        })
        .observe(start.elapsed().as_secs_f64());
    m.http_requests
        .get_or_create(&HttpLabels {
            method,
            route,
            status: resp.status().as_u16(),
        })
        .inc();
    resp
}
