//! Tenants: created by the platform admin.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use mandate_core::audit::Event;
use mandate_store::Tenant;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::Gateway;
use crate::auth::Caller;
use crate::error::{ApiError, ErrorEnvelope};
use crate::extract::ApiJson;
use crate::validate;

/// A tenant to create.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct CreateTenant {
    /// 1–64 of `a-z 0-9 . _ -`.
    id: String,
    /// Display name.
    name: String,
}

/// A tenant.
#[derive(Serialize, Deserialize, ToSchema)]
pub(crate) struct TenantView {
    id: String,
    name: String,
    created_at: String,
}

/// Creates a tenant (platform admin).
#[utoipa::path(post, path = "/v1/tenants", tag = "tenants", request_body = CreateTenant,
    security(("bearer" = [])),
    responses((status = 201, body = TenantView), (status = "4XX", body = ErrorEnvelope)))]
pub(crate) async fn create(
    State(gw): State<Gateway>,
    caller: Caller,
    ApiJson(req): ApiJson<CreateTenant>,
) -> Result<(StatusCode, Json<TenantView>), ApiError> {
    let admin = caller.require_platform_admin()?;
    let id = validate::tenant("id", &req.id)?;
    let name = validate::text("name", &req.name, 200)?;
    let tenant = Tenant {
        id: id.clone(),
        name: name.clone(),
        created_at: gw.now(),
    };
    let mut tx = gw.store().begin().await?;
    tx.insert_tenant(&tenant).await?;
    tx.record(
        Event::TenantCreated {
            tenant: id.clone(),
            name,
        }
        .by(caller.actor(), Some(&id), None),
    );
    gw.commit(tx).await?;
    tracing::info!(tenant = %id, by = %admin.id, "tenant created");
    Ok((
        StatusCode::CREATED,
        Json(TenantView {
            id: tenant.id.to_string(),
            name: tenant.name,
            created_at: tenant.created_at.to_rfc3339(),
        }),
    ))
}
