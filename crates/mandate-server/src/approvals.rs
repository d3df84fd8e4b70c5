//! Approvals: a human decision bound to exactly what it shows. An action, a statement the agent
//! wants to make, or a case closure waits for a person with the role the policy (or the
//! configuration) named; the decision is recorded with who made it and why.

use mandate_core::action::ActionStatus;
use mandate_core::approval::{Approval, ApprovalKind, ApprovalStatus, DecideError};
use mandate_core::audit::{Actor, Event};
use mandate_core::operator::Operator;
use mandate_core::{ActionId, ApprovalId, CaseId, Timestamp};
use mandate_store::Tx;
use serde_json::{Value, json};

use crate::Gateway;
use crate::error::ApiError;

pub use mandate_core::approval::Request;

/// A pending approval for `req`, expiring after the configured time.
pub fn new(gw: &Gateway, req: Request, now: Timestamp) -> Result<Approval, ApiError> {
    let ttl = i64::try_from(gw.config().approval_ttl_seconds).unwrap_or(86_400);
    Approval::pending(req, now, chrono::Duration::seconds(ttl)).map_err(ApiError::internal)
}

/// Stores a new approval and queues its audit record. Announce it with
/// [`crate::webhook::approval_requested`] once the transaction has committed.
pub async fn insert(tx: &mut Tx, a: &Approval, actor: Actor) -> Result<(), ApiError> {
    insert_logging(tx, a, actor, &a.subject).await
}

/// Like [`insert`], with the subject the audit record shows (the approval itself keeps the whole
/// subject for the approver).
pub async fn insert_logging(
    tx: &mut Tx,
    a: &Approval,
    actor: Actor,
    logged_subject: &Value,
) -> Result<(), ApiError> {
    tx.insert_approval(a).await?;
    tx.record(
        Event::Other {
            kind: "approval.requested".into(),
            payload: json!({
                "approval_id": a.id, "kind": a.kind.as_str(), "role": a.role.as_str(),
                "amount": a.amount, "subject": logged_subject, "subject_sha256": a.subject_sha256,
                "expires_at": a.expires_at,
            }),
        }
        .by(actor, Some(&a.tenant), Some(&a.case)),
    );
    Ok(())
}

/// The approval of `kind` still waiting in a case whose subject has `field` equal to `value`:
/// asking again for the same thing finds it instead of filing another.
pub async fn waiting(
    gw: &Gateway,
    case: &CaseId,
    kind: ApprovalKind,
    (field, value): (&str, &str),
    now: Timestamp,
) -> Result<Option<Approval>, ApiError> {
    Ok(gw
        .store()
        .case_approvals(case)
        .await?
        .into_iter()
        .find(|a| {
            a.kind == kind
                && status_at(a, now) == ApprovalStatus::Pending
                && a.subject.get(field).and_then(Value::as_str) == Some(value)
        }))
}

/// An approval's status as of `now`: a pending one past its expiry is expired.
pub fn status_at(a: &Approval, now: Timestamp) -> ApprovalStatus {
    if a.status == ApprovalStatus::Pending && now >= a.expires_at {
        ApprovalStatus::Expired
    } else {
        a.status
    }
}

/// `op` approves (or denies) an approval with a reason. Approving an approved one again is a
/// no-op; anything else after a final outcome is refused, as is an expired approval, a missing
/// role or an amount over the approver's limit.
pub async fn decide(
    gw: &Gateway,
    op: &Operator,
    id: &ApprovalId,
    approve: bool,
    reason: String,
) -> Result<Approval, ApiError> {
    let now = gw.now();
    let mut tx = gw.store().begin().await?;
    let a = tx
        .lock_approval(id)
        .await?
        .filter(|a| op.platform_admin || op.tenant.as_ref() == Some(&a.tenant))
        .ok_or_else(|| ApiError::not_found("approval"))?;
    match a.check_decider(op, approve, now) {
        Ok(()) => {}
        Err(DecideError::Expired(at)) => {
            expire(&mut tx, &a, now).await?;
            gw.commit(tx).await?;
            return Err(ApiError::conflict(
                "approval_expired",
                format!("approval `{id}` expired at {}", at.to_rfc3339()),
            ));
        }
        Err(e @ (DecideError::MissingRole(_) | DecideError::OverLimit { .. })) => {
            let code = if matches!(e, DecideError::MissingRole(_)) {
                "missing_role"
            } else {
                "over_limit"
            };
            return Err(ApiError::forbidden(code, e.to_string()));
        }
        Err(e @ DecideError::Final(_)) => {
            return Err(ApiError::conflict("approval_final", e.to_string()));
        }
    }
    if a.status == ApprovalStatus::Approved {
        // Approving twice: the first decision stands, unchanged.
        return Ok(a);
    }
    let status = if approve {
        ApprovalStatus::Approved
    } else {
        ApprovalStatus::Denied
    };
    tx.decide_approval(id, status, Some(&op.id), Some(&reason), now)
        .await?;
    apply(&mut tx, &a, approve, op, now).await?;
    tx.record(
        Event::Other {
            kind: "approval.decided".into(),
            payload: json!({
                "approval_id": a.id, "kind": a.kind.as_str(), "decision": status.as_str(),
                "role": a.role.as_str(), "amount": a.amount, "reason": reason,
                "decided_by": {"id": op.id, "name": op.name},
                "subject_sha256": a.subject_sha256,
            }),
        }
        .by(
            Actor::Operator(op.id.clone()),
            Some(&a.tenant),
            Some(&a.case),
        ),
    );
    gw.commit(tx).await?;
    // As stored (times at the store's precision), as every later read will show it.
    gw.store()
        .approval(id)
        .await?
        .ok_or_else(|| ApiError::internal(format!("approval {id} vanished after its decision")))
}

/// What a decision changes beyond the approval itself.
async fn apply(
    tx: &mut Tx,
    a: &Approval,
    approve: bool,
    op: &Operator,
    now: Timestamp,
) -> Result<(), ApiError> {
    match a.kind {
        ApprovalKind::Action => {
            let action_id = subject_action(a)?;
            let action = tx.lock_action(&action_id).await?.ok_or_else(|| {
                ApiError::internal(format!("approval {} names a missing action", a.id))
            })?;
            // The approval binds to the exact arguments it showed.
            if a.subject.get("args_sha256").and_then(Value::as_str)
                != Some(action.args_sha256.to_hex().as_str())
            {
                return Err(ApiError::conflict(
                    "approval_mismatch",
                    "the action's arguments differ from what the approval showed",
                ));
            }
            if action.status == ActionStatus::PendingApproval {
                let to = if approve {
                    ActionStatus::Approved
                } else {
                    ActionStatus::Rejected
                };
                tx.set_action_status(&action_id, to).await?;
            }
        }
        ApprovalKind::Statement => {}
        ApprovalKind::Closure => {
            if approve {
                let case = tx
                    .lock_case(&a.case)
                    .await?
                    .ok_or_else(|| ApiError::not_found("case"))?;
                let resolution = a
                    .subject
                    .get("resolution")
                    .and_then(Value::as_str)
                    .unwrap_or("resolved")
                    .to_owned();
                crate::closing::close_in(
                    tx,
                    &case,
                    &resolution,
                    Actor::Operator(op.id.clone()),
                    now,
                )
                .await?;
            }
        }
    }
    Ok(())
}

/// Marks an approval expired (and the action it held, if any).
async fn expire(tx: &mut Tx, a: &Approval, now: Timestamp) -> Result<(), ApiError> {
    tx.decide_approval(
        &a.id,
        ApprovalStatus::Expired,
        None,
        Some("expired undecided"),
        now,
    )
    .await?;
    if a.kind == ApprovalKind::Action {
        let action_id = subject_action(a)?;
        if tx
            .lock_action(&action_id)
            .await?
            .is_some_and(|x| x.status == ActionStatus::PendingApproval)
        {
            tx.set_action_status(&action_id, ActionStatus::Expired)
                .await?;
        }
    }
    tx.record(
        Event::Other {
            kind: "approval.expired".into(),
            payload: json!({"approval_id": a.id, "kind": a.kind.as_str(), "expired_at": a.expires_at}),
        }
        .by(Actor::System, Some(&a.tenant), Some(&a.case)),
    );
    Ok(())
}

fn subject_action(a: &Approval) -> Result<ActionId, ApiError> {
    a.subject
        .get("action_id")
        .and_then(Value::as_str)
        .and_then(|s| ActionId::parse(s).ok())
        .ok_or_else(|| ApiError::internal(format!("approval {} has no action id", a.id)))
}
