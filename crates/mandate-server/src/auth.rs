//! Who is calling: a bearer token resolved to an operator or an agent.
//!
//! INVARIANT: an agent that may not act (not active, or overdue review where that blocks) never
//! gets past this extractor, so no agent endpoint can forget the check.

use axum::extract::FromRequestParts;
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use mandate_core::agent::Agent;
use mandate_core::audit::Actor;
use mandate_core::operator::{Operator, Role};
use mandate_core::token::PresentedToken;
use mandate_core::{AgentId, OperatorId, TenantId};
use mandate_store::PrincipalKind;

use crate::Gateway;
use crate::error::ApiError;

/// An authenticated caller.
#[derive(Debug, Clone)]
pub enum Caller {
    /// A human or service account.
    Operator(Operator),
    /// An agent that may act now.
    Agent(Agent),
}

impl Caller {
    /// The audit actor for this caller.
    pub fn actor(&self) -> Actor {
        match self {
            Caller::Operator(o) => Actor::Operator(o.id.clone()),
            Caller::Agent(a) => Actor::Agent(a.id.clone()),
        }
    }

    /// The caller as an operator, or 403.
    pub fn operator(&self) -> Result<&Operator, ApiError> {
        match self {
            Caller::Operator(o) => Ok(o),
            Caller::Agent(_) => Err(ApiError::forbidden(
                "operator_required",
                "this endpoint is for operators, not agents",
            )),
        }
    }

    /// The caller as an agent, or 403.
    pub fn agent(&self) -> Result<&Agent, ApiError> {
        match self {
            Caller::Agent(a) => Ok(a),
            Caller::Operator(_) => Err(ApiError::forbidden(
                "agent_required",
                "this endpoint is for agents; use an agent token",
            )),
        }
    }

    /// The caller as an operator holding one of `roles` in `tenant`, or 403.
    pub fn require(&self, tenant: &TenantId, roles: &[Role]) -> Result<&Operator, ApiError> {
        let op = self.operator()?;
        if op.has_any_role(tenant, roles) {
            Ok(op)
        } else {
            let names: Vec<&str> = roles.iter().map(|r| r.as_str()).collect();
            Err(ApiError::forbidden(
                "forbidden",
                format!("requires role {} in tenant `{tenant}`", names.join(" or ")),
            ))
        }
    }

    /// The caller as the platform admin, or 403.
    pub fn require_platform_admin(&self) -> Result<&Operator, ApiError> {
        let op = self.operator()?;
        if op.platform_admin {
            Ok(op)
        } else {
            Err(ApiError::forbidden(
                "forbidden",
                "requires the platform admin",
            ))
        }
    }

    /// The tenant the caller belongs to (`None` for the platform admin).
    pub fn tenant(&self) -> Option<&TenantId> {
        match self {
            Caller::Operator(o) => o.tenant.as_ref(),
            Caller::Agent(a) => Some(&a.tenant),
        }
    }
}

fn bearer(parts: &Parts) -> Option<&str> {
    let value = parts.headers.get(AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
}

impl FromRequestParts<Gateway> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, gw: &Gateway) -> Result<Caller, ApiError> {
        let presented = bearer(parts)
            .and_then(PresentedToken::parse)
            .ok_or_else(ApiError::unauthorized)?;
        let row = gw
            .store()
            .token(&presented.id)
            .await?
            .ok_or_else(ApiError::unauthorized)?;
        // Both checks always run, so a revoked token costs the same as a wrong one.
        let matches = presented.matches(&row.secret_digest);
        if !matches || row.revoked_at.is_some() {
            return Err(ApiError::unauthorized());
        }
        let span = tracing::Span::current();
        match row.kind {
            PrincipalKind::Operator => {
                let id = OperatorId::parse(&row.principal_id).map_err(ApiError::internal)?;
                let op = gw
                    .store()
                    .operator(&id)
                    .await?
                    .ok_or_else(ApiError::unauthorized)?;
                span.record("operator", op.id.as_str());
                if let Some(t) = &op.tenant {
                    span.record("tenant", t.as_str());
                }
                Ok(Caller::Operator(op))
            }
            PrincipalKind::Agent => {
                let id = AgentId::parse(&row.principal_id).map_err(ApiError::internal)?;
                let agent = gw
                    .store()
                    .agent(&id)
                    .await?
                    .ok_or_else(ApiError::unauthorized)?;
                span.record("agent", agent.id.as_str());
                span.record("tenant", agent.tenant.as_str());
                if !agent.may_act(gw.now(), gw.config().block_on_overdue_review) {
                    let why = if agent.status == mandate_core::agent::AgentStatus::Active {
                        "its access review is overdue".to_owned()
                    } else {
                        format!("it is {}", agent.status.as_str())
                    };
                    return Err(ApiError::forbidden(
                        "agent_not_active",
                        format!("agent `{}` may not act: {why}", agent.id),
                    ));
                }
                Ok(Caller::Agent(agent))
            }
        }
    }
}

/// Whether `op` may read objects of `tenant` with one of `roles`.
pub fn may_read(op: &Operator, tenant: &TenantId, roles: &[Role]) -> bool {
    op.has_any_role(tenant, roles)
}
