//! Bad input gets a 4xx with the error envelope, never a 5xx or a panic.

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use proptest::prelude::*;
use serde_json::{Value, json};

use crate::support::{TestApp, assert_envelope};

async fn raw(
    app: &TestApp,
    method: Method,
    path: &str,
    token: Option<&str>,
    ctype: Option<&str>,
    body: Vec<u8>,
) -> (StatusCode, Value) {
    let mut req = Request::builder().method(method).uri(path);
    if let Some(t) = token {
        req = req.header("authorization", format!("Bearer {t}"));
    }
    if let Some(c) = ctype {
        req = req.header("content-type", c);
    }
    let (status, _, bytes) = app.send(req.body(Body::from(body)).unwrap()).await;
    let v: Value = serde_json::from_slice(&bytes).unwrap_or_else(|_| {
        panic!(
            "{path} -> {status}: not JSON: {:?}",
            String::from_utf8_lossy(&bytes)
        )
    });
    assert_envelope(status, &v);
    assert!(status.is_client_error(), "{path} -> {status}: {v}");
    (status, v)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malformed_requests_get_the_envelope() {
    let app = TestApp::sqlite("").await;
    let t = app.tenant("acme").await;
    let admin = Some(t.admin.as_str());
    let json_ct = Some("application/json");
    type Case<'a> = (
        &'a str,
        Option<&'a str>,
        Option<&'a str>,
        Vec<u8>,
        StatusCode,
        &'a str,
    );
    let cases: Vec<Case> = vec![
        (
            "malformed JSON",
            admin,
            json_ct,
            b"{\"tenant\": ".to_vec(),
            StatusCode::BAD_REQUEST,
            "invalid_json",
        ),
        (
            "wrong types",
            admin,
            json_ct,
            br#"{"tenant": 5, "name": [], "roles": "admin"}"#.to_vec(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_request",
        ),
        (
            "unknown field",
            admin,
            json_ct,
            br#"{"tenant": "acme", "name": "x", "roles": ["admin"], "is_root": true}"#.to_vec(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_request",
        ),
        (
            "missing field",
            admin,
            json_ct,
            br#"{"tenant": "acme"}"#.to_vec(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_request",
        ),
        (
            "invalid UTF-8",
            admin,
            json_ct,
            b"{\"tenant\": \"ac\xff\xfeme\", \"name\": \"x\", \"roles\": [\"admin\"]}".to_vec(),
            StatusCode::BAD_REQUEST,
            "invalid_json",
        ),
        (
            "not JSON content type",
            admin,
            Some("text/plain"),
            br#"{}"#.to_vec(),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
        ),
        (
            "missing token",
            None,
            json_ct,
            br#"{}"#.to_vec(),
            StatusCode::UNAUTHORIZED,
            "unauthorized",
        ),
        (
            "bogus token",
            Some("mnd_0123456789abcdef01234567.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"),
            json_ct,
            br#"{}"#.to_vec(),
            StatusCode::UNAUTHORIZED,
            "unauthorized",
        ),
        (
            "garbage token",
            Some("hunter2"),
            json_ct,
            br#"{}"#.to_vec(),
            StatusCode::UNAUTHORIZED,
            "unauthorized",
        ),
        (
            "body over the limit",
            admin,
            json_ct,
            vec![b' '; 20 * 1024 * 1024],
            StatusCode::PAYLOAD_TOO_LARGE,
            "payload_too_large",
        ),
    ];
    for (what, token, ctype, body, status, code) in cases {
        let (s, v) = raw(&app, Method::POST, "/v1/operators", token, ctype, body).await;
        assert_eq!(
            (s, v["error"]["code"].as_str().unwrap()),
            (status, code),
            "{what}: {v}"
        );
    }
    // Paths and queries too.
    let (s, _) = raw(
        &app,
        Method::GET,
        "/v1/agents/not-an-id",
        admin,
        None,
        vec![],
    )
    .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, v) = raw(
        &app,
        Method::GET,
        "/v1/audit?since=abc",
        admin,
        None,
        vec![],
    )
    .await;
    assert_eq!(
        (s, v["error"]["code"].as_str()),
        (StatusCode::BAD_REQUEST, Some("invalid_query"))
    );
    let (s, _) = raw(&app, Method::GET, "/v1/no/such/route", None, None, vec![]).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, v) = raw(&app, Method::DELETE, "/v1/tenants", admin, None, vec![]).await;
    assert_eq!(
        (s, v["error"]["code"].as_str()),
        (StatusCode::METHOD_NOT_ALLOWED, Some("method_not_allowed"))
    );
    // A valid-looking id that is not a tenant id.
    let (s, _) = app
        .post(
            "/v1/tenants",
            &app.admin,
            json!({"id": "Not Valid!", "name": "x"}),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    app.done().await;
}

/// Arbitrary bytes as a body never produce a 5xx.
#[test]
fn arbitrary_bodies_are_refused_cleanly() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let app = rt.block_on(TestApp::sqlite(""));
    let paths = [
        "/v1/tenants",
        "/v1/operators",
        "/v1/agents",
        "/v1/entities",
        "/v1/agents/ag_00000000000000000000000000000000/review",
    ];
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig {
        cases: 64,
        ..ProptestConfig::default()
    });
    let result = runner.run(
        &(
            proptest::collection::vec(any::<u8>(), 0..300),
            0..paths.len(),
        ),
        |(body, ix)| {
            let (status, _) = rt.block_on(raw_lenient(&app, paths[ix], &body));
            prop_assert!(status.is_client_error(), "{} -> {}", paths[ix], status);
            Ok(())
        },
    );
    rt.block_on(app.done());
    result.unwrap();
}

async fn raw_lenient(app: &TestApp, path: &str, body: &[u8]) -> (StatusCode, Value) {
    let req = Request::builder()
        .method(Method::POST)
        .uri(path)
        .header("authorization", format!("Bearer {}", app.admin))
        .header("content-type", "application/json")
        .body(Body::from(body.to_vec()))
        .unwrap();
    let (status, _, bytes) = app.send(req).await;
    let v: Value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    if !status.is_success() {
        assert_envelope(status, &v);
    }
    (status, v)
}
