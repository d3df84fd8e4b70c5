//! Credentials seen from the back-end: introspection (RFC 7662) and explicit revocation.

use axum::Json;
use axum::extract::State;
use mandate_core::audit::Event;
use mandate_core::case::CaseState;
use mandate_core::credential::{Claims, verify};
use mandate_core::keys::KeyPurpose;
use mandate_core::operator::{Operator, Role};
use mandate_core::{ActionId, AgentId, CaseId};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;

use crate::Gateway;
use crate::auth::Caller;
use crate::error::{ApiError, ErrorEnvelope};
use crate::extract::ApiJson;
use crate::validate;

/// A token to introspect.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct IntrospectBody {
    token: String,
}

/// RFC 7662: `active:false` alone, or `active:true` with the claims.
#[derive(Serialize, Deserialize, ToSchema)]
pub(crate) struct Introspection {
    active: bool,
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<Object>)]
    claims: Option<Claims>,
}

const INACTIVE: Introspection = Introspection {
    active: false,
    claims: None,
};

/// Whether a credential is live: signed by one of our keys, unexpired, not revoked, its case
/// open, its agent active and its action still authorised (a recorded result ends it). Anything
/// else — including a token of another tenant — is `active:false`, with no reason given.
pub(crate) async fn is_live(
    gw: &Gateway,
    op: &Operator,
    token: &str,
) -> Result<Option<Claims>, ApiError> {
    let now = gw.now();
    let ring = gw.store().key_ring(KeyPurpose::Credential).await?;
    let Ok(claims) = verify(token, &ring, now.timestamp()) else {
        return Ok(None);
    };
    if !op.platform_admin && op.tenant.as_ref().map(|t| t.as_str()) != Some(claims.tenant.as_str())
    {
        return Ok(None);
    }
    let Some(row) = gw.store().credential(&claims.jti).await? else {
        return Ok(None);
    };
    if row.revoked_at.is_some() || row.claims != claims {
        return Ok(None);
    }
    let case = match CaseId::parse(&claims.case) {
        Ok(id) => gw.store().case(&id).await?,
        Err(_) => None,
    };
    if !case.is_some_and(|c| c.state == CaseState::Open) {
        return Ok(None);
    }
    let agent = match AgentId::parse(&claims.sub) {
        Ok(id) => gw.store().agent(&id).await?,
        Err(_) => None,
    };
    if !agent.is_some_and(|a| a.may_act(now, gw.config().block_on_overdue_review)) {
        return Ok(None);
    }
    let action = match ActionId::parse(&claims.act) {
        Ok(id) => gw.store().action(&id).await?,
        Err(_) => None,
    };
    if !action.is_some_and(|a| a.status.is_authorised()) {
        return Ok(None);
    }
    Ok(Some(claims))
}

/// Introspects a credential (a back-end with the `service` role, or an admin).
#[utoipa::path(post, path = "/v1/credentials/introspect", tag = "credentials", request_body = IntrospectBody,
    security(("bearer" = [])),
    responses((status = 200, body = Introspection), (status = "4XX", body = ErrorEnvelope)))]
pub(crate) async fn introspect(
    State(gw): State<Gateway>,
    caller: Caller,
    ApiJson(body): ApiJson<IntrospectBody>,
) -> Result<Json<Introspection>, ApiError> {
    let op = service_or_admin(&caller)?;
    if body.token.len() > 8192 {
        return Ok(Json(INACTIVE));
    }
    Ok(Json(match is_live(&gw, op, &body.token).await? {
        Some(claims) => Introspection {
            active: true,
            claims: Some(claims),
        },
        None => INACTIVE,
    }))
}

/// A credential to revoke, by its id (`jti`).
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RevokeBody {
    jti: String,
    /// Why (recorded).
    reason: Option<String>,
}

/// Whether anything was revoked.
#[derive(Serialize, Deserialize, ToSchema)]
pub(crate) struct Revoked {
    jti: String,
    /// `false` when it was already revoked.
    revoked: bool,
}

/// Revokes one credential now (an admin or a back-end of its tenant).
#[utoipa::path(post, path = "/v1/credentials/revoke", tag = "credentials", request_body = RevokeBody,
    security(("bearer" = [])),
    responses((status = 200, body = Revoked), (status = "4XX", body = ErrorEnvelope)))]
pub(crate) async fn revoke(
    State(gw): State<Gateway>,
    caller: Caller,
    ApiJson(body): ApiJson<RevokeBody>,
) -> Result<Json<Revoked>, ApiError> {
    let op = service_or_admin(&caller)?;
    let jti = validate::text("jti", &body.jti, 200)?;
    let reason = body
        .reason
        .as_deref()
        .map(|r| validate::text("reason", r, 2000))
        .transpose()?;
    let row = gw
        .store()
        .credential(&jti)
        .await?
        .filter(|r| op.platform_admin || op.tenant.as_ref() == Some(&r.tenant))
        .ok_or_else(|| ApiError::not_found("credential"))?;
    let now = gw.now();
    let mut tx = gw.store().begin().await?;
    let revoked = tx.revoke_credential(&jti, now).await?;
    if revoked {
        tx.record(
            Event::Other {
                kind: "credential.revoked".into(),
                payload: json!({"jti": jti, "action_id": row.action, "reason": reason}),
            }
            .by(caller.actor(), Some(&row.tenant), Some(&row.case)),
        );
    }
    gw.commit(tx).await?;
    Ok(Json(Revoked { jti, revoked }))
}

fn service_or_admin(caller: &Caller) -> Result<&Operator, ApiError> {
    let op = caller.operator()?;
    if op.platform_admin {
        return Ok(op);
    }
    let tenant = op
        .tenant
        .clone()
        .ok_or_else(|| ApiError::forbidden("forbidden", "requires role service or admin"))?;
    caller.require(&tenant, &[Role::Service, Role::Admin])
}
