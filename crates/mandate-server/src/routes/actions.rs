//! Actions: the decision API and an action's current state.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use mandate_core::action::{ActionRecord, ResourceRef};
use mandate_core::case::CaseState;
use mandate_core::{ActionId, ActionName};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::ToSchema;

use crate::Gateway;
use crate::auth::Caller;
use crate::credentials::{IssuedCredential, mint};
use crate::decisions::{self, ActionRequest, window_end};
use crate::error::{ApiError, ErrorEnvelope};
use crate::extract::{ApiJson, ApiPath};
use crate::routes::cases;
use crate::validate;

/// `{type, id}` of an entity.
#[derive(Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ResourceBody {
    #[serde(rename = "type")]
    type_name: String,
    id: String,
}

/// An action the agent wants to take.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RequestAction {
    /// e.g. `refund.issue`.
    action: String,
    resource: ResourceBody,
    /// The exact arguments; money in integer minor units.
    #[serde(default)]
    #[schema(value_type = Object)]
    args: Option<Value>,
    /// Why, in the agent's words (recorded).
    reason: Option<String>,
}

/// The decision.
#[derive(Serialize, Deserialize, ToSchema)]
pub(crate) struct DecisionView {
    action_id: String,
    /// `allow`, `deny` or `pending_approval`.
    decision: String,
    reasons: Vec<String>,
    policies: Vec<String>,
    policy_hash: String,
    credential: Option<IssuedCredential>,
    approval_id: Option<String>,
}

const MAX_ARGS_BYTES: usize = 16 * 1024;

/// Asks for a decision on an action (the agent of the case).
#[utoipa::path(post, path = "/v1/cases/{id}/actions", tag = "actions", request_body = RequestAction,
    security(("bearer" = [])), params(("id" = String, Path, description = "case id")),
    responses((status = 201, body = DecisionView), (status = "4XX", body = ErrorEnvelope)))]
pub(crate) async fn request(
    State(gw): State<Gateway>,
    caller: Caller,
    ApiPath(id): ApiPath<String>,
    ApiJson(req): ApiJson<RequestAction>,
) -> Result<(StatusCode, Json<DecisionView>), ApiError> {
    let agent = caller.agent()?;
    let case = cases::visible(&gw, &caller, &id).await?;
    let action =
        ActionName::parse(&req.action).map_err(|e| ApiError::invalid(format!("`action`: {e}")))?;
    let resource = ResourceRef::new(&req.resource.type_name, &req.resource.id)
        .map_err(|e| ApiError::invalid(format!("`resource`: {e}")))?;
    let args = req
        .args
        .unwrap_or_else(|| Value::Object(Default::default()));
    if !args.is_object() {
        return Err(ApiError::invalid("`args` must be an object"));
    }
    if serde_json::to_vec(&args).map_or(0, |v| v.len()) > MAX_ARGS_BYTES {
        return Err(ApiError::invalid(format!(
            "`args` is larger than {MAX_ARGS_BYTES} bytes"
        )));
    }
    let reason = req
        .reason
        .as_deref()
        .map(|r| validate::text("reason", r, 2000))
        .transpose()?;
    let outcome = decisions::decide(
        &gw,
        agent,
        &case,
        ActionRequest {
            action,
            resource,
            args,
            reason,
        },
    )
    .await?;
    let r = outcome.record;
    Ok((
        StatusCode::CREATED,
        Json(DecisionView {
            action_id: r.id.to_string(),
            decision: r.decision,
            reasons: r.reasons,
            policies: r.policies,
            policy_hash: r.policy_hash,
            credential: outcome.credential,
            approval_id: r.approval.map(|a| a.to_string()),
        }),
    ))
}

/// An action's current state.
#[derive(Serialize, Deserialize, ToSchema)]
pub(crate) struct ActionView {
    action_id: String,
    case: String,
    agent: String,
    action: String,
    resource: ResourceBody,
    #[schema(value_type = Object)]
    args: Value,
    args_sha256: String,
    reason: Option<String>,
    /// The decision as made: `allow`, `deny` or `pending_approval`.
    decision: String,
    /// Where it stands now: `allowed`, `denied`, `pending_approval`, `approved`, `rejected`,
    /// `expired`, `succeeded` or `failed`.
    status: String,
    reasons: Vec<String>,
    policies: Vec<String>,
    policy_hash: String,
    approval_id: Option<String>,
    created_at: String,
    #[schema(value_type = Object)]
    result: Option<Value>,
    result_at: Option<String>,
    /// For the agent of the case, while the action is authorised and usable: a fresh credential.
    credential: Option<IssuedCredential>,
}

impl ActionView {
    pub(crate) fn of(a: &ActionRecord, credential: Option<IssuedCredential>) -> ActionView {
        ActionView {
            action_id: a.id.to_string(),
            case: a.case.to_string(),
            agent: a.agent.to_string(),
            action: a.action.to_string(),
            resource: ResourceBody {
                type_name: a.resource.type_name().to_owned(),
                id: a.resource.id().to_owned(),
            },
            args: a.args.clone(),
            args_sha256: a.args_sha256.to_hex(),
            reason: a.reason.clone(),
            decision: a.decision.clone(),
            status: a.status.as_str().to_owned(),
            reasons: a.reasons.clone(),
            policies: a.policies.clone(),
            policy_hash: a.policy_hash.clone(),
            approval_id: a.approval.as_ref().map(ToString::to_string),
            created_at: a.created_at.to_rfc3339(),
            result: a.result.clone(),
            result_at: a.result_at.map(|t| t.to_rfc3339()),
            credential,
        }
    }
}

/// Loads an action the caller may see (through its case).
pub(crate) async fn visible(
    gw: &Gateway,
    caller: &Caller,
    id: &str,
) -> Result<(ActionRecord, mandate_core::case::Case), ApiError> {
    let id = validate::id("action", id, ActionId::parse)?;
    let action = gw
        .store()
        .action(&id)
        .await?
        .ok_or_else(|| ApiError::not_found("action"))?;
    let case = cases::visible(gw, caller, action.case.as_str())
        .await
        .map_err(|_| ApiError::not_found("action"))?;
    Ok((action, case))
}

/// Reads an action (the agent of the case; operators of the tenant). For the agent, an
/// authorised action still in its window comes with a fresh credential.
#[utoipa::path(get, path = "/v1/actions/{id}", tag = "actions", security(("bearer" = [])),
    params(("id" = String, Path, description = "action id")),
    responses((status = 200, body = ActionView), (status = "4XX", body = ErrorEnvelope)))]
pub(crate) async fn get(
    State(gw): State<Gateway>,
    caller: Caller,
    ApiPath(id): ApiPath<String>,
) -> Result<Json<ActionView>, ApiError> {
    let (mut action, case) = visible(&gw, &caller, &id).await?;
    // An approval left past its expiry is expired, whether or not anyone has touched it since.
    if action.status == mandate_core::action::ActionStatus::PendingApproval
        && let Some(approval) = &action.approval
        && let Some(a) = gw.store().approval(approval).await?
        && crate::approvals::status_at(&a, gw.now())
            == mandate_core::approval::ApprovalStatus::Expired
    {
        action.status = mandate_core::action::ActionStatus::Expired;
    }
    let credential = match &caller {
        Caller::Agent(_) if action.status.is_authorised() && case.state == CaseState::Open => {
            let now = gw.now();
            let authorised_at = authorised_at(&gw, &action).await?;
            let ends = window_end(&gw, authorised_at);
            if now < ends {
                let mut tx = gw.store().begin().await?;
                let (issued, row) = mint(&gw, &mut tx, &action, ends, now)?;
                tx.insert_credential(&row).await?;
                gw.commit(tx).await?;
                Some(issued)
            } else {
                None
            }
        }
        _ => None,
    };
    Ok(Json(ActionView::of(&action, credential)))
}

/// When an action became usable: its decision, or the approval that granted it.
pub(crate) async fn authorised_at(
    gw: &Gateway,
    action: &ActionRecord,
) -> Result<mandate_core::Timestamp, ApiError> {
    match &action.approval {
        Some(id) => Ok(gw
            .store()
            .approval(id)
            .await?
            .and_then(|a| a.decided_at)
            .unwrap_or(action.created_at)),
        None => Ok(action.created_at),
    }
}

/// What the back-end did.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ResultBody {
    /// `succeeded` or `failed`.
    status: String,
    /// Whatever the back-end reports (ids, amounts, errors).
    #[schema(value_type = Option<Object>)]
    output: Option<Value>,
}

const MAX_OUTPUT_BYTES: usize = 16 * 1024;

/// Records what was executed (the agent of the case, or a back-end with the `service` role).
/// Only an authorised action inside its window can succeed; a result is final.
#[utoipa::path(post, path = "/v1/actions/{id}/result", tag = "actions", request_body = ResultBody,
    security(("bearer" = [])), params(("id" = String, Path, description = "action id")),
    responses((status = 200, body = ActionView), (status = "4XX", body = ErrorEnvelope)))]
pub(crate) async fn result(
    State(gw): State<Gateway>,
    caller: Caller,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<ResultBody>,
) -> Result<Json<ActionView>, ApiError> {
    let (action, case) = visible(&gw, &caller, &id).await?;
    if let Caller::Operator(_) = &caller {
        caller.require(&action.tenant, &[mandate_core::operator::Role::Service])?;
    }
    let status = match body.status.as_str() {
        "succeeded" => mandate_core::action::ActionStatus::Succeeded,
        "failed" => mandate_core::action::ActionStatus::Failed,
        other => {
            return Err(ApiError::invalid(format!(
                "`status` is `succeeded` or `failed`, not `{other}`"
            )));
        }
    };
    let output = body.output.unwrap_or(Value::Null);
    if serde_json::to_vec(&output).map_or(0, |v| v.len()) > MAX_OUTPUT_BYTES {
        return Err(ApiError::invalid(format!(
            "`output` is larger than {MAX_OUTPUT_BYTES} bytes"
        )));
    }
    decisions::require_open(&case)?;
    let now = gw.now();
    let mut tx = gw.store().begin().await?;
    let current = tx
        .lock_action(&action.id)
        .await?
        .ok_or_else(|| ApiError::not_found("action"))?;
    if !current.status.is_authorised() {
        return Err(ApiError::conflict(
            "action_not_authorised",
            format!(
                "action `{}` is {}; only an allowed or approved action records a result",
                current.id,
                current.status.as_str()
            ),
        ));
    }
    let ends = window_end(&gw, authorised_at(&gw, &current).await?);
    if status == mandate_core::action::ActionStatus::Succeeded && now >= ends {
        return Err(ApiError::conflict(
            "action_expired",
            format!(
                "action `{}` could be executed until {}",
                current.id,
                ends.to_rfc3339()
            ),
        ));
    }
    let result = serde_json::json!({"status": body.status, "output": output});
    tx.set_action_result(&current.id, status, &result, now)
        .await?;
    // The action is done: its credentials are of no further use.
    let revoked = tx.revoke_action_credentials(&current.id, now).await?;
    tx.record(
        mandate_core::audit::Event::Other {
            kind: "action.result".into(),
            payload: serde_json::json!({
                "action_id": current.id, "action": current.action, "resource": current.resource,
                "status": body.status, "output": output, "credentials_revoked": revoked,
            }),
        }
        .by(caller.actor(), Some(&current.tenant), Some(&current.case)),
    );
    gw.commit(tx).await?;
    let done = ActionRecord {
        status,
        result: Some(result),
        result_at: Some(now),
        ..current
    };
    Ok(Json(ActionView::of(&done, None)))
}
