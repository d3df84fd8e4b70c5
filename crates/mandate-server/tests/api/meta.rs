//! Liveness, metrics, the generated OpenAPI document and the JWKS.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use mandate_core::keys::KeyRing;

use crate::support::TestApp;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn health_metrics_openapi_jwks() {
    let app = TestApp::sqlite("").await;
    let (s, v) = app
        .call(axum::http::Method::GET, "/healthz", None, None)
        .await;
    assert_eq!((s, v["status"].as_str()), (StatusCode::OK, Some("ok")));

    let (_, openapi) = app
        .call(axum::http::Method::GET, "/openapi.json", None, None)
        .await;
    let paths = openapi["paths"].as_object().unwrap();
    for p in [
        "/v1/tenants",
        "/v1/operators",
        "/v1/agents",
        "/v1/agents/{id}",
        "/v1/agents/{id}/suspend",
        "/v1/audit/verify",
        "/.well-known/jwks.json",
    ] {
        assert!(
            paths.contains_key(p),
            "{p} missing from the OpenAPI document"
        );
    }
    assert!(openapi["components"]["schemas"]["ErrorEnvelope"].is_object());

    let jwks = app.jwks().await;
    let ring = KeyRing::from_jwks_json(&jwks.to_string()).unwrap();
    assert_eq!(ring.len(), 2, "one credential key and one audit key");

    app.tenant("acme").await;
    let (s, headers, body) = app
        .send(Request::get("/metrics").body(Body::empty()).unwrap())
        .await;
    assert_eq!(s, StatusCode::OK);
    assert!(
        headers["content-type"]
            .to_str()
            .unwrap()
            .contains("openmetrics")
    );
    let text = String::from_utf8(body).unwrap();
    assert!(
        text.contains(
            "mandate_http_requests_total{method=\"GET\",route=\"/healthz\",status=\"200\"} 1"
        ),
        "{text}"
    );
    assert!(
        text.contains("mandate_audit_records_total{outcome=\"tenant.created\"} 1"),
        "{text}"
    );
    app.done().await;
}

/// Secrets never land on disk readable by others, and the bootstrap token is never logged.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn secrets_on_disk_are_owner_only() {
    use std::os::unix::fs::PermissionsExt as _;
    let app = TestApp::sqlite("").await;
    let dir = app.data_dir();
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&dir.join("bootstrap-admin.token")), 0o600);
    assert_eq!(mode(&dir.join("mandate.db")), 0o600);
    assert_eq!(mode(&dir.join("keys")), 0o700);
    for entry in std::fs::read_dir(dir.join("keys")).unwrap() {
        assert_eq!(mode(&entry.unwrap().path()), 0o600);
    }
    // The database holds only a digest of the token.
    let token = std::fs::read_to_string(dir.join("bootstrap-admin.token")).unwrap();
    let secret = token.trim().split('.').nth(1).unwrap();
    let db = std::fs::read(dir.join("mandate.db")).unwrap();
    let wal = std::fs::read(dir.join("mandate.db-wal")).unwrap_or_default();
    for bytes in [db, wal] {
        assert!(
            !bytes.windows(secret.len()).any(|w| w == secret.as_bytes()),
            "token secret stored in clear"
        );
    }
    app.done().await;
}
