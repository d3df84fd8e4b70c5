//! Inspection of what flows through a case: the library's findings, the tenant's action table,
//! and the audit record that keeps the verdict, the findings and the text (or its hash).

use std::time::Instant;

use mandate_core::InspectionId;
use mandate_core::agent::Agent;
use mandate_core::audit::{Actor, Event};
use mandate_core::canonical::Digest;
use mandate_core::case::Case;
use mandate_inspect::verdict::{self, Outcome};
use mandate_inspect::{Direction, Options, Source};

use crate::Gateway;
use crate::decisions::require_open;
use crate::error::ApiError;

/// Texts at least this long are inspected on the blocking pool, so a large document never
/// holds up the threads that serve other requests.
const INLINE_BYTES: usize = 16 * 1024;

/// What to inspect.
#[derive(Debug)]
pub struct Request {
    /// Which way the text flows.
    pub direction: Direction,
    /// Where it comes from.
    pub source: Source,
    /// The text.
    pub text: String,
}

/// What inspection found and decided.
#[derive(Debug)]
pub struct Inspected {
    /// The id the audit record carries.
    pub id: InspectionId,
    /// Verdict, text to pass on, findings.
    pub outcome: Outcome,
}

/// Inspects a text of an open case for its agent, and records it.
pub async fn inspect(
    gw: &Gateway,
    agent: &Agent,
    case: &Case,
    req: Request,
) -> Result<Inspected, ApiError> {
    require_open(case)?;
    let policy = gw.config().inspection.for_tenant(&case.tenant).clone();
    let started = Instant::now();
    let (direction, source) = (req.direction, req.source);
    let inline = req.text.len() < INLINE_BYTES;
    let run = move || {
        let opts = Options {
            direction,
            source,
            own_identifiers: &[],
        };
        let findings = mandate_inspect::inspect(&req.text, &opts);
        let record_text = policy
            .keep_text
            .then(|| verdict::for_the_record(&req.text, &findings));
        let digest = Digest::of(req.text.as_bytes());
        let bytes = req.text.len();
        let outcome = verdict::decide(&req.text, findings, source, &policy.actions);
        (outcome, record_text, digest, bytes)
    };
    let (outcome, record_text, digest, bytes) = if inline {
        run()
    } else {
        tokio::task::spawn_blocking(run)
            .await
            .map_err(|e| ApiError::internal(format!("inspection task failed: {e}")))?
    };
    gw.metrics().count_inspection(
        direction.as_str(),
        outcome.verdict.as_str(),
        outcome.findings.iter().map(|f| f.category.as_str()),
        started.elapsed().as_secs_f64(),
    );
    let id = InspectionId::generate();
    let mut payload = serde_json::json!({
        "inspection": id,
        "direction": direction.as_str(),
        "source": source.as_str(),
        "verdict": outcome.verdict.as_str(),
        "findings": outcome.findings,
        "text_sha256": digest.to_hex(),
        "text_bytes": bytes,
        "passed_on_sha256": Digest::of(outcome.text.as_bytes()).to_hex(),
    });
    if let (Some(text), Some(map)) = (record_text, payload.as_object_mut()) {
        map.insert("text".into(), serde_json::Value::String(text));
    }
    let mut tx = gw.store().begin().await?;
    tx.record(
        Event::Other {
            kind: "inspection.completed".into(),
            payload,
        }
        .by(
            Actor::Agent(agent.id.clone()),
            Some(&case.tenant),
            Some(&case.id),
        ),
    );
    gw.commit(tx).await?;
    Ok(Inspected { id, outcome })
}
