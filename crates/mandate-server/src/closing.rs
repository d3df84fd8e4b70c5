//! Closing a case: a resolution the agent is authorised for (or an admin's, or one a human
//! approved), after which the case's credentials are dead, its pending approvals expire and it
//! accepts no further inspections or actions.

use mandate_core::approval::{Approval, ApprovalKind};
use mandate_core::audit::{Actor, Event};
use mandate_core::case::{Case, CaseState};
use mandate_core::operator::Role;
use mandate_core::{CaseId, Timestamp};
use mandate_store::Tx;
use serde_json::json;

use crate::Gateway;
use crate::approvals;
use crate::auth::Caller;
use crate::decisions::require_open;
use crate::error::ApiError;

/// What a close request came to.
pub enum Closed {
    /// The case is closed.
    Closed(Case),
    /// The resolution waits for a human (an approval of kind `closure`).
    Pending(Approval),
}

/// Closes `case` in `tx`: revokes its credentials, expires what waited on it and records it.
pub async fn close_in(
    tx: &mut Tx,
    case: &Case,
    resolution: &str,
    actor: Actor,
    now: Timestamp,
) -> Result<Case, ApiError> {
    require_open(case)?;
    tx.close_case(&case.id, resolution, now).await?;
    let revoked = tx.revoke_case_credentials(&case.id, now).await?;
    let expired = tx
        .expire_case_approvals(&case.id, "case closed", now)
        .await?;
    tx.expire_case_actions(&case.id).await?;
    tx.record(
        Event::Other {
            kind: "case.closed".into(),
            payload: json!({
                "resolution": resolution,
                "credentials_revoked": revoked,
                "approvals_expired": expired,
            }),
        }
        .by(actor, Some(&case.tenant), Some(&case.id)),
    );
    Ok(Case {
        state: CaseState::Closed,
        closed_at: Some(now),
        resolution: Some(resolution.to_owned()),
        ..case.clone()
    })
}

/// Closes a case for its agent (within its closure authority) or an admin of its tenant. An
/// agent's resolution outside its authority is refused with 403 `closure_not_authorised`, or,
/// where the configuration says so, waits for a human.
pub async fn close(
    gw: &Gateway,
    caller: &Caller,
    id: &CaseId,
    resolution: String,
) -> Result<Closed, ApiError> {
    let now = gw.now();
    let mut tx = gw.store().begin().await?;
    let case = tx
        .lock_case(id)
        .await?
        .ok_or_else(|| ApiError::not_found("case"))?;
    match caller {
        Caller::Agent(agent) => {
            if case.agent != agent.id || case.tenant != agent.tenant {
                return Err(ApiError::not_found("case"));
            }
            require_open(&case)?;
            if !agent.closure_authority.iter().any(|r| r == &resolution) {
                let Some(role) = gw.config().closure_approval else {
                    return Err(ApiError::forbidden(
                        "closure_not_authorised",
                        format!(
                            "resolution `{resolution}` is outside this agent's closure authority ({})",
                            agent.closure_authority.join(", ")
                        ),
                    ));
                };
                return pending_closure(gw, tx, &case, &resolution, role, caller.actor(), now)
                    .await;
            }
        }
        Caller::Operator(op) => {
            if !(op.platform_admin || op.tenant.as_ref() == Some(&case.tenant)) {
                return Err(ApiError::not_found("case"));
            }
            caller.require(&case.tenant, &[Role::Admin])?;
        }
    }
    let closed = close_in(&mut tx, &case, &resolution, caller.actor(), now).await?;
    gw.commit(tx).await?;
    Ok(Closed::Closed(closed))
}

/// Files (or finds) the approval a resolution outside the agent's authority waits for.
async fn pending_closure(
    gw: &Gateway,
    mut tx: Tx,
    case: &Case,
    resolution: &str,
    role: Role,
    actor: Actor,
    now: Timestamp,
) -> Result<Closed, ApiError> {
    let waiting = approvals::waiting(
        gw,
        &case.id,
        ApprovalKind::Closure,
        ("resolution", resolution),
        now,
    )
    .await?;
    if let Some(a) = waiting {
        return Ok(Closed::Pending(a));
    }
    let a = approvals::new(
        gw,
        approvals::Request {
            tenant: case.tenant.clone(),
            case: case.id.clone(),
            kind: ApprovalKind::Closure,
            role,
            amount: None,
            subject: json!({"case": case.id, "agent": case.agent, "resolution": resolution}),
        },
        now,
    )?;
    approvals::insert(&mut tx, &a, actor).await?;
    gw.commit(tx).await?;
    crate::webhook::approval_requested(gw, &a);
    Ok(Closed::Pending(a))
}
