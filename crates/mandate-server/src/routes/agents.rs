//! Agents: registration, reading, lifecycle, access reviews and token rotation.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use mandate_core::agent::{Agent, AgentStatus, LifecycleOp};
use mandate_core::audit::Event;
use mandate_core::operator::Role;
use mandate_core::{ActionName, AgentId, Timestamp};
use mandate_store::PrincipalKind;
use secrecy::ExposeSecret as _;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::Gateway;
use crate::auth::Caller;
use crate::error::{ApiError, ErrorEnvelope};
use crate::extract::{ApiJson, ApiPath, ApiQuery};
use crate::validate;

const READERS: &[Role] = &[Role::Admin, Role::Owner, Role::Auditor];

/// An agent to register.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RegisterAgent {
    tenant: String,
    name: String,
    /// An operator of the tenant with role `owner`.
    owner: String,
    purpose: String,
    /// The only actions it may ever attempt, e.g. `refund.issue`.
    actions: Vec<String>,
    /// Case resolutions it may close on its own.
    closure_authority: Vec<String>,
    /// Days between access reviews by its owner (1–3650).
    review_interval_days: u32,
}

/// An agent as shown by the API.
#[derive(Serialize, Deserialize, ToSchema)]
pub(crate) struct AgentView {
    id: String,
    tenant: String,
    name: String,
    owner: String,
    purpose: String,
    actions: Vec<String>,
    closure_authority: Vec<String>,
    review_interval_days: u32,
    /// `provisioned`, `active`, `suspended` or `retired`.
    status: String,
    created_at: String,
    last_review_at: String,
    review_due_at: String,
    review_overdue: bool,
}

impl AgentView {
    pub(crate) fn of(a: &Agent, now: Timestamp) -> AgentView {
        AgentView {
            id: a.id.to_string(),
            tenant: a.tenant.to_string(),
            name: a.name.clone(),
            owner: a.owner.to_string(),
            purpose: a.purpose.clone(),
            actions: a.actions.iter().map(ToString::to_string).collect(),
            closure_authority: a.closure_authority.clone(),
            review_interval_days: a.review_interval_days,
            status: a.status.as_str().to_owned(),
            created_at: a.created_at.to_rfc3339(),
            last_review_at: a.last_review_at.to_rfc3339(),
            review_due_at: a.review_due_at().to_rfc3339(),
            review_overdue: a.review_overdue(now),
        }
    }
}

/// A registered agent and its token, shown once.
#[derive(Serialize, Deserialize, ToSchema)]
pub(crate) struct AgentWithToken {
    agent: AgentView,
    /// Bearer token for the agent; store it now, it cannot be shown again.
    token: String,
}

/// Registers an agent (admin). It starts `provisioned`.
#[utoipa::path(post, path = "/v1/agents", tag = "agents", request_body = RegisterAgent,
    security(("bearer" = [])),
    responses((status = 201, body = AgentWithToken), (status = "4XX", body = ErrorEnvelope)))]
pub(crate) async fn register(
    State(gw): State<Gateway>,
    caller: Caller,
    ApiJson(req): ApiJson<RegisterAgent>,
) -> Result<(StatusCode, Json<AgentWithToken>), ApiError> {
    let tenant = validate::tenant("tenant", &req.tenant)?;
    caller.require(&tenant, &[Role::Admin])?;
    let owner_id = mandate_core::OperatorId::parse(&req.owner)
        .map_err(|e| ApiError::invalid(format!("`owner`: {e}")))?;
    let owner = gw.store().operator(&owner_id).await?;
    if !owner.is_some_and(|o| o.has_role(&tenant, Role::Owner)) {
        return Err(ApiError::invalid(format!(
            "`owner`: `{owner_id}` is not an operator with role owner in tenant `{tenant}`"
        )));
    }
    let mut actions = req
        .actions
        .iter()
        .map(|a| ActionName::parse(a).map_err(|e| ApiError::invalid(format!("`actions`: {e}"))))
        .collect::<Result<Vec<_>, _>>()?;
    actions.sort();
    actions.dedup();
    let closure_authority = req
        .closure_authority
        .iter()
        .map(|r| validate::text("closure_authority", r, 100))
        .collect::<Result<Vec<_>, _>>()?;
    if !(1..=3650).contains(&req.review_interval_days) {
        return Err(ApiError::invalid(
            "`review_interval_days` must be between 1 and 3650",
        ));
    }
    let now = gw.now();
    let agent = Agent {
        id: AgentId::generate(),
        tenant: tenant.clone(),
        name: validate::text("name", &req.name, 200)?,
        owner: owner_id,
        purpose: validate::text("purpose", &req.purpose, 2000)?,
        actions,
        closure_authority,
        review_interval_days: req.review_interval_days,
        status: AgentStatus::Provisioned,
        created_at: now,
        last_review_at: now,
    };
    let token = mandate_core::token::issue();
    let mut tx = gw.store().begin().await?;
    tx.insert_agent(&agent).await?;
    tx.insert_token(
        &token.id,
        PrincipalKind::Agent,
        agent.id.as_str(),
        &token.secret_digest,
        now,
    )
    .await?;
    let registration =
        serde_json::to_value(AgentView::of(&agent, now)).map_err(ApiError::internal)?;
    tx.record(
        Event::AgentRegistered {
            agent: registration,
        }
        .by(caller.actor(), Some(&tenant), None),
    );
    gw.commit(tx).await?;
    Ok((
        StatusCode::CREATED,
        Json(AgentWithToken {
            agent: AgentView::of(&agent, now),
            token: token.token.expose_secret().to_owned(),
        }),
    ))
}

/// Which agents to list.
#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub(crate) struct ListQuery {
    /// The tenant (defaults to the caller's; the platform admin sees all without it).
    tenant: Option<String>,
}

/// Lists agents (admin, owner, auditor).
#[utoipa::path(get, path = "/v1/agents", tag = "agents", params(ListQuery),
    security(("bearer" = [])),
    responses((status = 200, body = Vec<AgentView>), (status = "4XX", body = ErrorEnvelope)))]
pub(crate) async fn list(
    State(gw): State<Gateway>,
    caller: Caller,
    ApiQuery(q): ApiQuery<ListQuery>,
) -> Result<Json<Vec<AgentView>>, ApiError> {
    let op = caller.operator()?;
    let tenant = match q.tenant {
        Some(t) => Some(validate::tenant("tenant", &t)?),
        None => op.tenant.clone(),
    };
    match &tenant {
        Some(t) => {
            caller.require(t, READERS)?;
        }
        None => {
            caller.require_platform_admin()?;
        }
    }
    let now = gw.now();
    let agents = gw.store().agents(tenant.as_ref()).await?;
    Ok(Json(agents.iter().map(|a| AgentView::of(a, now)).collect()))
}

/// Loads an agent the caller may see with one of `roles`; another tenant's agent is "not found".
async fn visible(
    gw: &Gateway,
    caller: &Caller,
    id: &str,
    roles: &[Role],
) -> Result<Agent, ApiError> {
    let id = validate::id("agent", id, AgentId::parse)?;
    let agent = gw
        .store()
        .agent(&id)
        .await?
        .ok_or_else(|| ApiError::not_found("agent"))?;
    let op = caller.operator()?;
    if !op.platform_admin && op.tenant.as_ref() != Some(&agent.tenant) {
        return Err(ApiError::not_found("agent"));
    }
    caller.require(&agent.tenant, roles)?;
    Ok(agent)
}

/// Reads an agent (admin, owner, auditor).
#[utoipa::path(get, path = "/v1/agents/{id}", tag = "agents", security(("bearer" = [])),
    params(("id" = String, Path, description = "agent id")),
    responses((status = 200, body = AgentView), (status = "4XX", body = ErrorEnvelope)))]
pub(crate) async fn get(
    State(gw): State<Gateway>,
    caller: Caller,
    ApiPath(id): ApiPath<String>,
) -> Result<Json<AgentView>, ApiError> {
    let agent = visible(&gw, &caller, &id, READERS).await?;
    Ok(Json(AgentView::of(&agent, gw.now())))
}

async fn lifecycle(
    gw: Gateway,
    caller: Caller,
    id: String,
    op: LifecycleOp,
) -> Result<Json<AgentView>, ApiError> {
    let agent = visible(&gw, &caller, &id, &[Role::Admin]).await?;
    let now = gw.now();
    let mut tx = gw.store().begin().await?;
    let current = tx
        .lock_agent(&agent.id)
        .await?
        .ok_or_else(|| ApiError::not_found("agent"))?;
    let next = current
        .status
        .apply(op)
        .map_err(|e| ApiError::conflict("invalid_transition", e.to_string()))?;
    tx.set_agent_status(&agent.id, next).await?;
    // A suspended or retired agent's live credentials die with it, in the same transaction.
    let revoked = match op {
        LifecycleOp::Suspend | LifecycleOp::Retire => {
            tx.revoke_agent_credentials(&agent.id, now).await?
        }
        LifecycleOp::Activate => Vec::new(),
    };
    let credentials_revoked = revoked.len() as u64;
    tx.record(
        Event::AgentLifecycle {
            agent: agent.id.clone(),
            op: op.as_str().to_owned(),
            from: current.status.as_str().to_owned(),
            to: next.as_str().to_owned(),
            credentials_revoked,
        }
        .by(caller.actor(), Some(&agent.tenant), None),
    );
    gw.commit(tx).await?;
    tracing::info!(agent = %agent.id, op = op.as_str(), to = next.as_str(), "agent lifecycle");
    Ok(Json(AgentView::of(
        &Agent {
            status: next,
            ..current
        },
        now,
    )))
}

macro_rules! lifecycle_route {
    ($name:ident, $op:expr, $path:literal, $doc:literal) => {
        #[doc = $doc]
        #[utoipa::path(post, path = $path, tag = "agents", security(("bearer" = [])),
            params(("id" = String, Path, description = "agent id")),
            responses((status = 200, body = AgentView), (status = "4XX", body = ErrorEnvelope)))]
        pub(crate) async fn $name(
            State(gw): State<Gateway>,
            caller: Caller,
            ApiPath(id): ApiPath<String>,
        ) -> Result<Json<AgentView>, ApiError> {
            lifecycle(gw, caller, id, $op).await
        }
    };
}

lifecycle_route!(
    activate,
    LifecycleOp::Activate,
    "/v1/agents/{id}/activate",
    "Activates a provisioned or suspended agent (admin)."
);
lifecycle_route!(
    suspend,
    LifecycleOp::Suspend,
    "/v1/agents/{id}/suspend",
    "Suspends an active agent and revokes its live credentials (admin)."
);
lifecycle_route!(
    retire,
    LifecycleOp::Retire,
    "/v1/agents/{id}/retire",
    "Retires an agent for good and revokes its live credentials (admin)."
);

/// An access review attestation.
#[derive(Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub(crate) struct Review {
    /// What the owner checked.
    note: Option<String>,
}

/// Attests an access review (the agent's owner); restarts the review clock.
#[utoipa::path(post, path = "/v1/agents/{id}/review", tag = "agents", security(("bearer" = [])),
    params(("id" = String, Path, description = "agent id")), request_body = Review,
    responses((status = 200, body = AgentView), (status = "4XX", body = ErrorEnvelope)))]
pub(crate) async fn review(
    State(gw): State<Gateway>,
    caller: Caller,
    ApiPath(id): ApiPath<String>,
    ApiJson(req): ApiJson<Review>,
) -> Result<Json<AgentView>, ApiError> {
    let agent = visible(&gw, &caller, &id, &[Role::Owner]).await?;
    if caller.operator()?.id != agent.owner {
        return Err(ApiError::forbidden(
            "forbidden",
            "only the agent's owner may attest its review",
        ));
    }
    if agent.status == AgentStatus::Retired {
        return Err(ApiError::conflict(
            "agent_retired",
            "a retired agent is not reviewed",
        ));
    }
    let note = req
        .note
        .as_deref()
        .map(|n| validate::text("note", n, 2000))
        .transpose()?;
    let now = gw.now();
    let mut tx = gw.store().begin().await?;
    tx.set_agent_reviewed(&agent.id, now).await?;
    tx.record(
        Event::AgentReviewed {
            agent: agent.id.clone(),
            note,
        }
        .by(caller.actor(), Some(&agent.tenant), None),
    );
    gw.commit(tx).await?;
    Ok(Json(AgentView::of(
        &Agent {
            last_review_at: now,
            ..agent
        },
        now,
    )))
}

/// Issues a new agent token (admin); the old one stops working at once.
#[utoipa::path(post, path = "/v1/agents/{id}/rotate", tag = "agents", security(("bearer" = [])),
    params(("id" = String, Path, description = "agent id")),
    responses((status = 200, body = AgentWithToken), (status = "4XX", body = ErrorEnvelope)))]
pub(crate) async fn rotate(
    State(gw): State<Gateway>,
    caller: Caller,
    ApiPath(id): ApiPath<String>,
) -> Result<Json<AgentWithToken>, ApiError> {
    let agent = visible(&gw, &caller, &id, &[Role::Admin]).await?;
    if agent.status == AgentStatus::Retired {
        return Err(ApiError::conflict(
            "agent_retired",
            "a retired agent gets no new token",
        ));
    }
    let now = gw.now();
    let token = mandate_core::token::issue();
    let mut tx = gw.store().begin().await?;
    tx.revoke_tokens_of(agent.id.as_str(), now).await?;
    tx.insert_token(
        &token.id,
        PrincipalKind::Agent,
        agent.id.as_str(),
        &token.secret_digest,
        now,
    )
    .await?;
    tx.record(
        Event::AgentTokenRotated {
            agent: agent.id.clone(),
        }
        .by(caller.actor(), Some(&agent.tenant), None),
    );
    gw.commit(tx).await?;
    Ok(Json(AgentWithToken {
        agent: AgentView::of(&agent, now),
        token: token.token.expose_secret().to_owned(),
    }))
}
