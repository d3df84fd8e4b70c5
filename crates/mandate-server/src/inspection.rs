//! Inspection of what flows through a case: the library's findings, checked against the case
//! (whose identifiers these are, what backs each commitment), the tenant's action table, and
//! the audit record that keeps the verdict, the findings and the text (or its hash).

use std::time::Instant;

use mandate_core::InspectionId;
use mandate_core::agent::Agent;
use mandate_core::approval::{Approval, ApprovalKind};
use mandate_core::audit::{Actor, Event};
use mandate_core::canonical::Digest;
use mandate_core::case::Case;
use mandate_inspect::verdict::{self, Action, Outcome, Verdict};
use mandate_inspect::{Category, Direction, Finding, Options, Source};
use serde_json::json;

use crate::Gateway;
use crate::config::InspectionPolicy;
use crate::decisions::require_open;
use crate::error::ApiError;
use crate::grounding::{self, Evidence};
use crate::{approvals, ownership};

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
    /// The approval an escalated statement waits for.
    pub approval: Option<Approval>,
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
    let Request {
        direction,
        source,
        text,
    } = req;
    let (text, mut findings) = detect(text, direction, source).await?;
    if direction == Direction::Output {
        // What only the case can say: whose identifiers these are, what backs a commitment.
        ownership::check(gw, case, &text, &mut findings).await?;
        let evidence = Evidence::of(gw, case).await?;
        let grounding = &gw.policies().current()?.grounding;
        grounding::ground(&mut findings, &text, &evidence, grounding);
    }
    let record_text = policy
        .keep_text
        .then(|| verdict::for_the_record(&text, &findings));
    let outcome = verdict::decide(&text, findings, source, &policy.actions);
    gw.metrics().count_inspection(
        direction.as_str(),
        outcome.verdict.as_str(),
        outcome.findings.iter().map(|f| f.category.as_str()),
        started.elapsed().as_secs_f64(),
    );

    let id = InspectionId::generate();
    let now = gw.now();
    let digest = Digest::of(text.as_bytes()).to_hex();
    let mut tx = gw.store().begin().await?;
    let approval = if outcome.verdict == Verdict::Escalate {
        let by = Actor::Agent(agent.id.clone());
        let said = Said {
            text: &text,
            digest: &digest,
            findings: &outcome.findings,
        };
        statement_approval(gw, &mut tx, case, &policy, said, by, now).await?
    } else {
        None
    };
    let mut payload = json!({
        "inspection": id,
        "direction": direction.as_str(),
        "source": source.as_str(),
        "verdict": outcome.verdict.as_str(),
        "findings": outcome.findings,
        "text_sha256": digest,
        "text_bytes": text.len(),
        "passed_on_sha256": Digest::of(outcome.text.as_bytes()).to_hex(),
        "approval_id": approval.as_ref().map(|a| &a.id),
    });
    if let (Some(kept), Some(map)) = (record_text, payload.as_object_mut()) {
        map.insert("text".into(), serde_json::Value::String(kept));
    }
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
    if let Some(a) = approval.as_ref().filter(|a| a.requested_at == now) {
        crate::webhook::approval_requested(gw, a);
    }
    Ok(Inspected {
        id,
        outcome,
        approval,
    })
}

/// The library's findings, on the blocking pool for large texts.
async fn detect(
    text: String,
    direction: Direction,
    source: Source,
) -> Result<(String, Vec<Finding>), ApiError> {
    let inline = text.len() < INLINE_BYTES;
    let run = move || {
        let opts = Options {
            direction,
            source,
            own_identifiers: &[],
        };
        let findings = mandate_inspect::inspect(&text, &opts);
        (text, findings)
    };
    if inline {
        Ok(run())
    } else {
        tokio::task::spawn_blocking(run)
            .await
            .map_err(|e| ApiError::internal(format!("inspection task failed: {e}")))
    }
}

/// What the agent said, with its hash and findings.
struct Said<'a> {
    text: &'a str,
    digest: &'a str,
    findings: &'a [Finding],
}

/// The approval an escalated statement waits for: the exact text, bound by its hash. An
/// identical statement already waiting in the case is not filed twice.
async fn statement_approval(
    gw: &Gateway,
    tx: &mut mandate_store::Tx,
    case: &Case,
    policy: &InspectionPolicy,
    said: Said<'_>,
    by: Actor,
    now: mandate_core::Timestamp,
) -> Result<Option<Approval>, ApiError> {
    let Said {
        text,
        digest,
        findings,
    } = said;
    let escalated: Vec<&Finding> = findings
        .iter()
        .filter(|f| f.category == Category::Commitment && f.grounded_by.is_none())
        .filter(|f| policy.actions.action(f, Source::Agent) == Action::Escalate)
        .collect();
    if escalated.is_empty() {
        return Ok(None);
    }
    let waiting = approvals::waiting(
        gw,
        &case.id,
        ApprovalKind::Statement,
        ("text_sha256", digest),
        now,
    )
    .await?;
    if waiting.is_some() {
        return Ok(waiting);
    }
    let amount = escalated
        .iter()
        .filter_map(|f| f.commitment.as_ref().and_then(|c| c.amount_minor))
        .max();
    let a = approvals::new(
        gw,
        approvals::Request {
            tenant: case.tenant.clone(),
            case: case.id.clone(),
            kind: ApprovalKind::Statement,
            role: policy.statement_role,
            amount,
            subject: json!({
                "text": text,
                "text_sha256": digest,
                "commitments": escalated.iter().map(|f| json!({
                    "kind": f.kind, "evidence": f.evidence, "commitment": f.commitment,
                })).collect::<Vec<_>>(),
            }),
        },
        now,
    )?;
    // The approver is shown the statement; the log keeps it only where the tenant keeps text.
    let mut logged = a.subject.clone();
    if !policy.keep_text
        && let Some(map) = logged.as_object_mut()
    {
        map.remove("text");
    }
    approvals::insert_logging(tx, &a, by, &logged).await?;
    Ok(Some(a))
}
