//! The OpenAPI document, generated from the handlers' annotations.

use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{InfoBuilder, OpenApi};

/// Adds the document's title, version and the bearer security scheme.
pub(crate) fn finish(mut api: OpenApi) -> OpenApi {
    api.info = InfoBuilder::new()
        .title("Mandate")
        .version(env!("CARGO_PKG_VERSION"))
        .description(Some(
            "Governance gateway for customer-facing AI agents. Every error is \
             {\"error\":{\"code\":\"...\",\"message\":\"...\"}}.",
        ))
        .build();
    let components = api.components.get_or_insert_with(Default::default);
    components.add_security_scheme(
        "bearer",
        SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
    );
    api
}
