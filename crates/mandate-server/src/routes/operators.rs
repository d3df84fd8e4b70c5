//! Operators: humans and services of a tenant, created by its admin.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use mandate_core::OperatorId;
use mandate_core::audit::Event;
use mandate_core::operator::{Operator, Role};
use mandate_store::PrincipalKind;
use secrecy::ExposeSecret as _;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::Gateway;
use crate::auth::Caller;
use crate::error::{ApiError, ErrorEnvelope};
use crate::extract::{ApiJson, ApiQuery};
use crate::routes::agents::AgentView;
use crate::validate;

/// An operator to create.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct CreateOperator {
    /// The tenant.
    tenant: String,
    /// Display name.
    name: String,
    /// Any of `admin`, `approver`, `auditor`, `owner`, `service`.
    roles: Vec<String>,
    /// For approvers: the largest amount they may approve, in minor units (default 0).
    approval_limit: Option<i64>,
}

/// An operator.
#[derive(Serialize, Deserialize, ToSchema)]
pub(crate) struct OperatorView {
    id: String,
    tenant: Option<String>,
    name: String,
    roles: Vec<String>,
    approval_limit: Option<i64>,
    platform_admin: bool,
    created_at: String,
}

impl From<&Operator> for OperatorView {
    fn from(o: &Operator) -> OperatorView {
        OperatorView {
            id: o.id.to_string(),
            tenant: o.tenant.as_ref().map(ToString::to_string),
            name: o.name.clone(),
            roles: o.roles.iter().map(|r| r.as_str().to_owned()).collect(),
            approval_limit: o.approval_limit,
            platform_admin: o.platform_admin,
            created_at: o.created_at.to_rfc3339(),
        }
    }
}

/// A new operator and its token, shown once.
#[derive(Serialize, Deserialize, ToSchema)]
pub(crate) struct CreatedOperator {
    operator: OperatorView,
    /// Bearer token; store it now, it cannot be shown again.
    token: String,
}

/// Creates an operator (admin of the tenant).
#[utoipa::path(post, path = "/v1/operators", tag = "operators", request_body = CreateOperator,
    security(("bearer" = [])),
    responses((status = 201, body = CreatedOperator), (status = "4XX", body = ErrorEnvelope)))]
pub(crate) async fn create(
    State(gw): State<Gateway>,
    caller: Caller,
    ApiJson(req): ApiJson<CreateOperator>,
) -> Result<(StatusCode, Json<CreatedOperator>), ApiError> {
    let tenant = validate::tenant("tenant", &req.tenant)?;
    caller.require(&tenant, &[Role::Admin])?;
    if gw.store().tenant(&tenant).await?.is_none() {
        return Err(ApiError::not_found("tenant"));
    }
    let name = validate::text("name", &req.name, 200)?;
    let mut roles = req
        .roles
        .iter()
        .map(|r| {
            Role::parse(r).ok_or_else(|| ApiError::invalid(format!("`roles`: unknown role `{r}`")))
        })
        .collect::<Result<Vec<_>, _>>()?;
    roles.sort();
    roles.dedup();
    if roles.is_empty() {
        return Err(ApiError::invalid("`roles` must name at least one role"));
    }
    let approval_limit = match (roles.contains(&Role::Approver), req.approval_limit) {
        (_, Some(n)) if n < 0 => {
            return Err(ApiError::invalid("`approval_limit` must not be negative"));
        }
        (true, limit) => Some(limit.unwrap_or(0)),
        (false, Some(_)) => {
            return Err(ApiError::invalid("`approval_limit` is only for approvers"));
        }
        (false, None) => None,
    };
    let now = gw.now();
    let op = Operator {
        id: OperatorId::generate(),
        tenant: Some(tenant.clone()),
        name: name.clone(),
        roles,
        approval_limit,
        platform_admin: false,
        created_at: now,
    };
    let token = mandate_core::token::issue();
    let mut tx = gw.store().begin().await?;
    tx.insert_operator(&op).await?;
    tx.insert_token(
        &token.id,
        PrincipalKind::Operator,
        op.id.as_str(),
        &token.secret_digest,
        now,
    )
    .await?;
    tx.record(
        Event::OperatorCreated {
            operator: op.id.clone(),
            name,
            roles: op.roles.iter().map(|r| r.as_str().to_owned()).collect(),
            approval_limit,
        }
        .by(caller.actor(), Some(&tenant), None),
    );
    gw.commit(tx).await?;
    Ok((
        StatusCode::CREATED,
        Json(CreatedOperator {
            operator: OperatorView::from(&op),
            token: token.token.expose_secret().to_owned(),
        }),
    ))
}

/// Which tenant to list.
#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub(crate) struct TenantQuery {
    /// The tenant (defaults to the caller's).
    tenant: Option<String>,
}

/// Lists the operators of a tenant (admin).
#[utoipa::path(get, path = "/v1/operators", tag = "operators", params(TenantQuery),
    security(("bearer" = [])),
    responses((status = 200, body = Vec<OperatorView>), (status = "4XX", body = ErrorEnvelope)))]
pub(crate) async fn list(
    State(gw): State<Gateway>,
    caller: Caller,
    ApiQuery(q): ApiQuery<TenantQuery>,
) -> Result<Json<Vec<OperatorView>>, ApiError> {
    let tenant = match (q.tenant, caller.tenant()) {
        (Some(t), _) => validate::tenant("tenant", &t)?,
        (None, Some(t)) => t.clone(),
        (None, None) => return Err(ApiError::invalid("`tenant` is required")),
    };
    caller.require(&tenant, &[Role::Admin])?;
    let ops = gw.store().operators(&tenant).await?;
    Ok(Json(ops.iter().map(OperatorView::from).collect()))
}

/// Who a token belongs to.
#[derive(Serialize, Deserialize, ToSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub(crate) enum Whoami {
    /// An operator.
    Operator(OperatorView),
    /// An agent.
    Agent(AgentView),
}

/// Describes the caller; an agent that may not act gets 403 `agent_not_active`.
#[utoipa::path(get, path = "/v1/whoami", tag = "operators", security(("bearer" = [])),
    responses((status = 200, body = Whoami), (status = "4XX", body = ErrorEnvelope)))]
pub(crate) async fn whoami(State(gw): State<Gateway>, caller: Caller) -> Json<Whoami> {
    Json(match &caller {
        Caller::Operator(o) => Whoami::Operator(OperatorView::from(o)),
        Caller::Agent(a) => Whoami::Agent(AgentView::of(a, gw.now())),
    })
}
