//! The policy set in force: reading it and reloading it.

use axum::Json;
use axum::extract::State;
use mandate_core::audit::Actor;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::Gateway;
use crate::auth::Caller;
use crate::error::{ApiError, ErrorEnvelope};
use crate::policies::{LoadedPolicies, reload as reload_policies};

/// The policy set in force.
#[derive(Serialize, Deserialize, ToSchema)]
pub(crate) struct PolicyInfo {
    policy_hash: String,
    schema_hash: String,
    policies: Vec<String>,
    actions: Vec<String>,
    files: Vec<String>,
    loaded_at: String,
}

impl From<&LoadedPolicies> for PolicyInfo {
    fn from(p: &LoadedPolicies) -> PolicyInfo {
        PolicyInfo {
            policy_hash: p.engine.hash().to_owned(),
            schema_hash: p.engine.schema_hash().to_owned(),
            policies: p.engine.policy_ids(),
            actions: p.engine.actions(),
            files: p.files.clone(),
            loaded_at: p.loaded_at.to_rfc3339(),
        }
    }
}

/// Describes the policy set in force (any operator).
#[utoipa::path(get, path = "/v1/policies", tag = "policies", security(("bearer" = [])),
    responses((status = 200, body = PolicyInfo), (status = "4XX", body = ErrorEnvelope)))]
pub(crate) async fn info(
    State(gw): State<Gateway>,
    caller: Caller,
) -> Result<Json<PolicyInfo>, ApiError> {
    caller.operator()?;
    Ok(Json(PolicyInfo::from(gw.policies().current()?.as_ref())))
}

/// Reloads the policy directory (platform admin). An invalid directory is refused with 422 and
/// the previous set keeps serving.
#[utoipa::path(post, path = "/v1/policies/reload", tag = "policies", security(("bearer" = [])),
    responses((status = 200, body = PolicyInfo), (status = "4XX", body = ErrorEnvelope)))]
pub(crate) async fn reload(
    State(gw): State<Gateway>,
    caller: Caller,
) -> Result<Json<PolicyInfo>, ApiError> {
    let admin = caller.require_platform_admin()?;
    let loaded = reload_policies(&gw, Actor::Operator(admin.id.clone()), "api").await?;
    Ok(Json(PolicyInfo::from(loaded.as_ref())))
}
