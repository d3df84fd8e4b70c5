//! The approval queue and its decisions.

use axum::Json;
use axum::extract::State;
use mandate_core::approval::{Approval, ApprovalStatus};
use mandate_core::operator::Role;
use mandate_core::{ApprovalId, TenantId, Timestamp};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::{IntoParams, ToSchema};

use crate::Gateway;
use crate::approvals;
use crate::auth::Caller;
use crate::error::{ApiError, ErrorEnvelope};
use crate::extract::{ApiJson, ApiPath, ApiQuery};
use crate::validate;

/// An approval as the approver sees it.
#[derive(Serialize, Deserialize, ToSchema)]
pub(crate) struct ApprovalView {
    approval_id: String,
    tenant: String,
    case: String,
    /// `action`, `statement` or `closure`.
    kind: String,
    /// The role that may decide.
    role: String,
    /// The amount at stake, in minor units.
    amount: Option<i64>,
    /// Exactly what is approved: the action, resource and arguments; the statement; the
    /// resolution.
    #[schema(value_type = Object)]
    subject: Value,
    /// SHA-256 of the subject's canonical JSON: the approval binds to it.
    subject_sha256: String,
    /// `pending`, `approved`, `denied` or `expired`.
    status: String,
    requested_at: String,
    expires_at: String,
    decided_by: Option<String>,
    decided_at: Option<String>,
    reason: Option<String>,
}

impl ApprovalView {
    pub(crate) fn of(a: &Approval, now: Timestamp) -> ApprovalView {
        ApprovalView {
            approval_id: a.id.to_string(),
            tenant: a.tenant.to_string(),
            case: a.case.to_string(),
            kind: a.kind.as_str().to_owned(),
            role: a.role.as_str().to_owned(),
            amount: a.amount,
            subject: a.subject.clone(),
            subject_sha256: a.subject_sha256.to_hex(),
            status: approvals::status_at(a, now).as_str().to_owned(),
            requested_at: a.requested_at.to_rfc3339(),
            expires_at: a.expires_at.to_rfc3339(),
            decided_by: a.decided_by.as_ref().map(ToString::to_string),
            decided_at: a.decided_at.map(|t| t.to_rfc3339()),
            reason: a.decision_reason.clone(),
        }
    }
}

/// Which approvals to list.
#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub(crate) struct QueueQuery {
    /// `pending` (default), `approved`, `denied`, `expired` or `all`.
    status: Option<String>,
    /// Platform admin only: the tenant.
    tenant: Option<String>,
    /// At most this many (default 100, at most 1000).
    limit: Option<i64>,
}

/// A page of the queue.
#[derive(Serialize, Deserialize, ToSchema)]
pub(crate) struct Queue {
    approvals: Vec<ApprovalView>,
}

/// The tenant whose queue the caller may read or decide: its own as approver or admin, any as
/// platform admin.
fn tenant_of(caller: &Caller, requested: Option<&str>) -> Result<TenantId, ApiError> {
    let op = caller.operator()?;
    if op.platform_admin {
        let t = requested.ok_or_else(|| ApiError::invalid("the platform admin names `tenant`"))?;
        return validate::tenant("tenant", t);
    }
    let own = op
        .tenant
        .clone()
        .ok_or_else(|| ApiError::forbidden("forbidden", "requires role approver or admin"))?;
    if requested.is_some_and(|t| t != own.as_str()) {
        return Err(ApiError::forbidden(
            "forbidden",
            "an approver sees only its own tenant's queue",
        ));
    }
    caller.require(&own, &[Role::Approver, Role::Admin])?;
    Ok(own)
}

/// The tenant's approval queue, oldest first (approvers and admins).
#[utoipa::path(get, path = "/v1/approvals", tag = "approvals", security(("bearer" = [])),
    params(QueueQuery),
    responses((status = 200, body = Queue), (status = "4XX", body = ErrorEnvelope)))]
pub(crate) async fn queue(
    State(gw): State<Gateway>,
    caller: Caller,
    ApiQuery(q): ApiQuery<QueueQuery>,
) -> Result<Json<Queue>, ApiError> {
    let tenant = tenant_of(&caller, q.tenant.as_deref())?;
    let wanted = match q.status.as_deref().unwrap_or("pending") {
        "all" => None,
        s => Some(ApprovalStatus::parse(s).ok_or_else(|| {
            ApiError::invalid("`status` is pending, approved, denied, expired or all")
        })?),
    };
    let limit = q.limit.unwrap_or(100);
    if !(1..=1000).contains(&limit) {
        return Err(ApiError::invalid("`limit` is between 1 and 1000"));
    }
    let now = gw.now();
    // Expiry is decided by the clock: a pending approval past its time shows as expired, and
    // an expired one may still be stored as pending until someone touches it.
    let stored = match wanted {
        Some(ApprovalStatus::Expired) => None,
        other => other,
    };
    let approvals = gw
        .store()
        .approvals(&tenant, stored, limit)
        .await?
        .iter()
        .map(|a| ApprovalView::of(a, now))
        .filter(|v| wanted.is_none_or(|w| v.status == w.as_str()))
        .collect();
    Ok(Json(Queue { approvals }))
}

async fn visible(gw: &Gateway, caller: &Caller, id: &str) -> Result<Approval, ApiError> {
    let id = validate::id("approval", id, ApprovalId::parse)?;
    let a = gw
        .store()
        .approval(&id)
        .await?
        .ok_or_else(|| ApiError::not_found("approval"))?;
    let op = caller.operator()?;
    if !(op.platform_admin || op.tenant.as_ref() == Some(&a.tenant)) {
        return Err(ApiError::not_found("approval"));
    }
    caller.require(&a.tenant, &[Role::Approver, Role::Admin, Role::Auditor])?;
    Ok(a)
}

/// One approval (approvers, admins and auditors of its tenant).
#[utoipa::path(get, path = "/v1/approvals/{id}", tag = "approvals", security(("bearer" = [])),
    params(("id" = String, Path, description = "approval id")),
    responses((status = 200, body = ApprovalView), (status = "4XX", body = ErrorEnvelope)))]
pub(crate) async fn get(
    State(gw): State<Gateway>,
    caller: Caller,
    ApiPath(id): ApiPath<String>,
) -> Result<Json<ApprovalView>, ApiError> {
    let a = visible(&gw, &caller, &id).await?;
    Ok(Json(ApprovalView::of(&a, gw.now())))
}

/// A decision's reason.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct DecisionBody {
    /// Why, in the approver's words (recorded with their identity).
    reason: String,
}

async fn decide(
    gw: &Gateway,
    caller: &Caller,
    id: &str,
    approve: bool,
    body: DecisionBody,
) -> Result<Json<ApprovalView>, ApiError> {
    let a = visible(gw, caller, id).await?;
    let reason = validate::text("reason", &body.reason, 2000)?;
    let op = caller.operator()?;
    let decided = approvals::decide(gw, op, &a.id, approve, reason).await?;
    Ok(Json(ApprovalView::of(&decided, gw.now())))
}

/// Approves (an operator with the role the approval names and, for an amount, a limit at least
/// that amount). Approving again changes nothing.
#[utoipa::path(post, path = "/v1/approvals/{id}/approve", tag = "approvals", request_body = DecisionBody,
    security(("bearer" = [])), params(("id" = String, Path, description = "approval id")),
    responses((status = 200, body = ApprovalView), (status = "4XX", body = ErrorEnvelope)))]
pub(crate) async fn approve(
    State(gw): State<Gateway>,
    caller: Caller,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<DecisionBody>,
) -> Result<Json<ApprovalView>, ApiError> {
    decide(&gw, &caller, &id, true, body).await
}

/// Denies; final.
#[utoipa::path(post, path = "/v1/approvals/{id}/deny", tag = "approvals", request_body = DecisionBody,
    security(("bearer" = [])), params(("id" = String, Path, description = "approval id")),
    responses((status = 200, body = ApprovalView), (status = "4XX", body = ErrorEnvelope)))]
pub(crate) async fn deny(
    State(gw): State<Gateway>,
    caller: Caller,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<DecisionBody>,
) -> Result<Json<ApprovalView>, ApiError> {
    decide(&gw, &caller, &id, false, body).await
}
