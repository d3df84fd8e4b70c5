//! Liveness, metrics, the OpenAPI document and the JWKS.

use axum::Json;
use axum::Router;
use axum::extract::State;
use axum::http::header::CONTENT_TYPE;
use axum::response::IntoResponse;
use axum::routing::get;
use serde::Serialize;
use utoipa::ToSchema;
use utoipa::openapi::OpenApi;

use crate::Gateway;
use crate::error::ApiError;
use crate::keystore;

/// Liveness.
#[derive(Serialize, ToSchema)]
pub(crate) struct Health {
    /// Always `ok` when the process answers.
    status: &'static str,
}

/// Liveness: the process answers.
#[utoipa::path(get, path = "/healthz", tag = "meta", responses((status = 200, body = Health)))]
pub(crate) async fn healthz() -> Json<Health> {
    Json(Health { status: "ok" })
}

/// The public keys of credentials and audit checkpoints.
#[utoipa::path(get, path = "/.well-known/jwks.json", tag = "meta",
    responses((status = 200, description = "A JWKS document", body = serde_json::Value)))]
pub(crate) async fn jwks(State(gw): State<Gateway>) -> Result<impl IntoResponse, ApiError> {
    let set = keystore::jwks(gw.store(), gw.now()).await?;
    Ok(Json(set))
}

/// Routes that are not part of the documented API surface itself.
pub(crate) fn router(api: OpenApi) -> Router<Gateway> {
    let api = std::sync::Arc::new(api);
    Router::new()
        .route(
            "/openapi.json",
            get(move || {
                let api = api.clone();
                async move { Json(api.as_ref().clone()) }
            }),
        )
        .route(
            "/metrics",
            get(|State(gw): State<Gateway>| async move {
                (
                    [(
                        CONTENT_TYPE,
                        "application/openmetrics-text; version=1.0.0; charset=utf-8",
                    )],
                    gw.metrics().render(),
                )
            }),
        )
}
