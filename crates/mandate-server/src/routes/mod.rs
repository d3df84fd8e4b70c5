//! HTTP handlers, one module per domain concept.

pub(crate) mod actions;
pub(crate) mod agents;
pub(crate) mod approvals;
pub(crate) mod audit;
pub(crate) mod cases;
pub(crate) mod credentials;
pub(crate) mod entities;
pub(crate) mod inspections;
pub(crate) mod meta;
pub(crate) mod operators;
pub(crate) mod policies;
pub(crate) mod tenants;
pub(crate) mod trace;

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::Gateway;

/// Every documented route; the OpenAPI document is collected from these.
pub(crate) fn router() -> OpenApiRouter<Gateway> {
    OpenApiRouter::new()
        .routes(routes!(tenants::create))
        .routes(routes!(operators::create, operators::list))
        .routes(routes!(operators::whoami))
        .routes(routes!(agents::register, agents::list))
        .routes(routes!(agents::get))
        .routes(routes!(agents::activate))
        .routes(routes!(agents::suspend))
        .routes(routes!(agents::retire))
        .routes(routes!(agents::review))
        .routes(routes!(agents::rotate))
        .routes(routes!(cases::open))
        .routes(routes!(cases::get))
        .routes(routes!(cases::close))
        .routes(routes!(trace::trace))
        .routes(routes!(inspections::inspect))
        .routes(routes!(actions::request))
        .routes(routes!(actions::get))
        .routes(routes!(actions::result))
        .routes(routes!(approvals::queue))
        .routes(routes!(approvals::get))
        .routes(routes!(approvals::approve))
        .routes(routes!(approvals::deny))
        .routes(routes!(credentials::introspect))
        .routes(routes!(credentials::revoke))
        .routes(routes!(entities::put))
        .routes(routes!(policies::info))
        .routes(routes!(policies::reload))
        .routes(routes!(audit::records))
        .routes(routes!(audit::verify))
        .routes(routes!(audit::export))
        .routes(routes!(meta::healthz))
        .routes(routes!(meta::jwks))
}
