//! Tenant-scoped entities, written by back-ends (role `service`) and admins.

use axum::Json;
use axum::extract::State;
use mandate_core::action::ResourceRef;
use mandate_core::audit::Event;
use mandate_core::operator::Role;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::ToSchema;

use crate::Gateway;
use crate::auth::Caller;
use crate::error::{ApiError, ErrorEnvelope};
use crate::extract::ApiJson;
use crate::validate;

const MAX_ENTITIES: usize = 1000;

/// Entities in Cedar's JSON form, as an array (for the caller's tenant) or with a tenant.
#[derive(Deserialize)]
#[serde(untagged)]
pub(crate) enum PutEntities {
    /// Just the entities.
    Bare(Vec<Value>),
    /// With the tenant named.
    Scoped {
        /// Defaults to the caller's tenant.
        tenant: Option<String>,
        /// `[{"uid": {"type", "id"}, "attrs": {...}, "parents": [...]}]`
        entities: Vec<Value>,
    },
}

/// What was stored.
#[derive(Serialize, Deserialize, ToSchema)]
pub(crate) struct PutResult {
    tenant: String,
    upserted: usize,
    /// The schema the entities were checked against.
    schema_hash: String,
}

/// Inserts or replaces entities of a tenant, checked against the policy schema (service, admin).
#[utoipa::path(put, path = "/v1/entities", tag = "entities", request_body(content = Object, description = "`[entity, ...]` or `{\"tenant\": \"...\", \"entities\": [entity, ...]}`; an entity is `{\"uid\": {\"type\", \"id\"}, \"attrs\": {...}, \"parents\": [...]}`"), security(("bearer" = [])),
    responses((status = 200, body = PutResult), (status = "4XX", body = ErrorEnvelope)))]
pub(crate) async fn put(
    State(gw): State<Gateway>,
    caller: Caller,
    ApiJson(req): ApiJson<PutEntities>,
) -> Result<Json<PutResult>, ApiError> {
    let (tenant, entities) = match req {
        PutEntities::Bare(e) => (None, e),
        PutEntities::Scoped { tenant, entities } => (tenant, entities),
    };
    let tenant = match (tenant, caller.tenant()) {
        (Some(t), _) => validate::tenant("tenant", &t)?,
        (None, Some(t)) => t.clone(),
        (None, None) => return Err(ApiError::invalid("`tenant` is required")),
    };
    caller.require(&tenant, &[Role::Service, Role::Admin])?;
    if gw.store().tenant(&tenant).await?.is_none() {
        return Err(ApiError::not_found("tenant"));
    }
    if entities.is_empty() || entities.len() > MAX_ENTITIES {
        return Err(ApiError::invalid(format!(
            "send 1 to {MAX_ENTITIES} entities"
        )));
    }
    let policies = gw.policies().current()?;
    let checked = policies
        .engine
        .check_entities(&entities)
        .map_err(|e| ApiError::invalid(e.to_string()))?;
    let schema_hash = policies.engine.schema_hash().to_owned();
    let now = gw.now();
    let mut uids = Vec::with_capacity(checked.len());
    let mut tx = gw.store().begin().await?;
    for body in &checked {
        let uid = body.get("uid").cloned().unwrap_or(Value::Null);
        let uid: ResourceRef =
            serde_json::from_value(uid).map_err(|e| ApiError::invalid(format!("`uid`: {e}")))?;
        let index = crate::ownership::index_of(&uid, body);
        tx.upsert_entity(&tenant, &uid, body, &schema_hash, &index, now)
            .await?;
        uids.push(uid.cedar());
    }
    tx.record(
        Event::Other {
            kind: "entities.upserted".into(),
            payload: serde_json::json!({"count": uids.len(), "uids": uids, "schema_hash": schema_hash}),
        }
        .by(caller.actor(), Some(&tenant), None),
    );
    gw.commit(tx).await?;
    Ok(Json(PutResult {
        tenant: tenant.to_string(),
        upserted: uids.len(),
        schema_hash,
    }))
}
