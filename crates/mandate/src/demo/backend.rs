//! The demo's commerce back-end: orders, refunds, discounts and account resets, each executed
//! only with a Mandate credential for exactly that action, resource and arguments. It verifies
//! the signature against the gateway's published JWKS, recomputes `args_sha256` from the
//! request, asks the gateway whether the credential is still live (so a revoked credential, or
//! one of a closed case, is refused), executes, and reports the result.

use std::sync::{Arc, Mutex};

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::routing::{get, post};
use axum::{Json, Router};
use mandate_core::credential::{Claims, args_sha256, verify};
use mandate_core::keys::KeyRing;
use serde_json::{Value, json};

/// What the back-end needs to check credentials.
#[derive(Clone)]
pub(crate) struct Backend {
    /// The gateway's base URL.
    gateway: String,
    /// A `service` operator token of the tenant, for introspection and results.
    service: String,
    http: reqwest::Client,
    /// Published keys, refreshed when a token names an unknown one.
    keys: Arc<Mutex<KeyRing>>,
    /// What was executed, for the transcript.
    pub(crate) ledger: Arc<Mutex<Vec<String>>>,
}

type Refusal = (StatusCode, Json<Value>);

fn refuse(status: StatusCode, why: impl Into<String>) -> Refusal {
    (status, Json(json!({"error": why.into()})))
}

impl Backend {
    pub(crate) fn new(gateway: String, service: String) -> Backend {
        Backend {
            gateway,
            service,
            http: reqwest::Client::new(),
            keys: Arc::new(Mutex::new(KeyRing::new())),
            ledger: Arc::new(Mutex::new(Vec::new())),
        }
    }

    pub(crate) fn router(self) -> Router {
        Router::new()
            .route("/orders/{id}", get(order))
            .route("/refunds", post(refund))
            .route("/discounts", post(discount))
            .route("/accounts/{id}/reset", post(reset))
            .with_state(self)
    }

    async fn refresh_keys(&self) -> Result<(), Refusal> {
        let text = self
            .http
            .get(format!("{}/.well-known/jwks.json", self.gateway))
            .send()
            .await
            .and_then(reqwest::Response::error_for_status)
            .map_err(|e| {
                refuse(
                    StatusCode::SERVICE_UNAVAILABLE,
                    format!("cannot fetch the JWKS: {e}"),
                )
            })?
            .text()
            .await
            .map_err(|e| refuse(StatusCode::SERVICE_UNAVAILABLE, e.to_string()))?;
        let ring = KeyRing::from_jwks_json(&text)
            .map_err(|e| refuse(StatusCode::SERVICE_UNAVAILABLE, format!("bad JWKS: {e}")))?;
        if let Ok(mut keys) = self.keys.lock() {
            *keys = ring;
        }
        Ok(())
    }

    /// Checks that the request carries a live credential for exactly `action` on `resource`
    /// with `args`.
    async fn authorize(
        &self,
        headers: &HeaderMap,
        action: &str,
        resource: &str,
        args: &Value,
    ) -> Result<Claims, Refusal> {
        let token = headers
            .get("authorization")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .ok_or_else(|| refuse(StatusCode::UNAUTHORIZED, "no Mandate credential"))?;
        let now = chrono::Utc::now().timestamp();
        let verified = {
            let keys = self
                .keys
                .lock()
                .map(|k| k.clone())
                .unwrap_or_else(|_| KeyRing::new());
            verify(token, &keys, now)
        };
        let claims = match verified {
            Ok(c) => c,
            Err(_) => {
                // Perhaps a key this back-end has not seen yet.
                self.refresh_keys().await?;
                let keys = self
                    .keys
                    .lock()
                    .map(|k| k.clone())
                    .unwrap_or_else(|_| KeyRing::new());
                verify(token, &keys, now).map_err(|e| {
                    refuse(StatusCode::UNAUTHORIZED, format!("credential refused: {e}"))
                })?
            }
        };
        if claims.aud != action {
            return Err(refuse(
                StatusCode::FORBIDDEN,
                format!("credential is for `{}`, not `{action}`", claims.aud),
            ));
        }
        if claims.res != resource {
            return Err(refuse(
                StatusCode::FORBIDDEN,
                format!("credential is for {}, not {resource}", claims.res),
            ));
        }
        let hash = args_sha256(args).map_err(|e| refuse(StatusCode::BAD_REQUEST, e.to_string()))?;
        if claims.args_sha256 != hash.to_hex() {
            return Err(refuse(
                StatusCode::FORBIDDEN,
                "arguments differ from the approved ones",
            ));
        }
        let live: Value = self
            .http
            .post(format!("{}/v1/credentials/introspect", self.gateway))
            .bearer_auth(&self.service)
            .json(&json!({"token": token}))
            .send()
            .await
            .map_err(|e| refuse(StatusCode::SERVICE_UNAVAILABLE, e.to_string()))?
            .json()
            .await
            .map_err(|e| refuse(StatusCode::SERVICE_UNAVAILABLE, e.to_string()))?;
        if live["active"] != true {
            return Err(refuse(
                StatusCode::UNAUTHORIZED,
                "credential is no longer active",
            ));
        }
        Ok(claims)
    }

    /// Reports what was executed, so it backs what the agent says next.
    async fn report(&self, claims: &Claims, output: Value) {
        let sent = self
            .http
            .post(format!("{}/v1/actions/{}/result", self.gateway, claims.act))
            .bearer_auth(&self.service)
            .json(&json!({"status": "succeeded", "output": output}))
            .send()
            .await;
        if let Err(e) = sent {
            tracing::warn!(error = %e, "could not report a result");
        }
    }

    fn note(&self, line: String) {
        if let Ok(mut l) = self.ledger.lock() {
            l.push(line);
        }
    }
}

fn order_ref(id: &str) -> String {
    format!("Shop::Order::\"{id}\"")
}

async fn order(
    State(b): State<Backend>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<Json<Value>, Refusal> {
    let claims = b
        .authorize(&headers, "order.read", &order_ref(&id), &json!({}))
        .await?;
    let body = json!({"order": id, "status": "shipped", "shipped_on": "Monday", "carrier_eta": "Thursday"});
    b.report(&claims, body.clone()).await;
    b.note(format!("read order {id}"));
    Ok(Json(body))
}

async fn refund(
    State(b): State<Backend>,
    headers: HeaderMap,
    Json(req): Json<Value>,
) -> Result<Json<Value>, Refusal> {
    let id = req["order"].as_str().unwrap_or_default().to_owned();
    let args = json!({"amount": req["amount"], "currency": req["currency"]});
    let claims = b
        .authorize(&headers, "refund.issue", &order_ref(&id), &args)
        .await?;
    let body = json!({"refund": format!("re_{}", claims.jti.get(..8).unwrap_or(&claims.jti)), "order": id, "amount": req["amount"]});
    b.report(&claims, body.clone()).await;
    b.note(format!("refunded {} cents on order {id}", req["amount"]));
    Ok(Json(body))
}

async fn discount(
    State(b): State<Backend>,
    headers: HeaderMap,
    Json(req): Json<Value>,
) -> Result<Json<Value>, Refusal> {
    let id = req["order"].as_str().unwrap_or_default().to_owned();
    let args = json!({"percent": req["percent"]});
    let claims = b
        .authorize(&headers, "discount.grant", &order_ref(&id), &args)
        .await?;
    b.report(&claims, json!({"order": id, "percent": req["percent"]}))
        .await;
    b.note(format!("discount of {}% on order {id}", req["percent"]));
    Ok(Json(json!({"order": id, "percent": req["percent"]})))
}

async fn reset(
    State(b): State<Backend>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<Json<Value>, Refusal> {
    let claims = b
        .authorize(
            &headers,
            "account.reset",
            &format!("Shop::Account::\"{id}\""),
            &json!({}),
        )
        .await?;
    b.report(&claims, json!({"account": id})).await;
    b.note(format!("reset account {id}"));
    Ok(Json(json!({"account": id, "reset": true})))
}
