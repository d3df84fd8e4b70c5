//! Credentials: verified by an independent JWT library against the served JWKS, `args_sha256`
//! recomputed from the arguments, and introspection answering `active:false` once a credential
//! expires, is revoked, its case closes or its agent is suspended.

use axum::http::StatusCode;
use jwt_compact::jwk::JsonWebKey;
use jwt_compact::{AlgorithmExt as _, UntrustedToken, alg::Ed25519};
use serde_json::{Value, json};
use sha2::Digest as _;

use crate::decisions::{ALL_ACTIONS, Shop, act, read_order_as, shop};
use crate::on_both_commerce;
use crate::support::TestApp;

/// Verifies a token with `jwt-compact` and `ed25519-compact` (not the crates that minted it)
/// against the JWKS the gateway serves; returns the claims.
pub async fn verify_independently(app: &TestApp, token: &str) -> Value {
    let jwks = app.jwks().await;
    let untrusted = UntrustedToken::new(token).expect("a compact JWS");
    assert_eq!(untrusted.algorithm(), "EdDSA");
    let kid = untrusted.header().key_id.clone().expect("a kid");
    let jwk = jwks["keys"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["kid"] == kid.as_str())
        .unwrap_or_else(|| panic!("kid {kid} is not in the JWKS: {jwks}"));
    let jwk: JsonWebKey<'_> = serde_json::from_value(jwk.clone()).unwrap();
    let key = ed25519_compact::PublicKey::try_from(&jwk).unwrap();
    let verified = Ed25519
        .validator::<Value>(&key)
        .validate(&untrusted)
        .expect("the signature verifies");
    let c = verified.claims();
    let mut claims = c.custom.clone();
    claims["exp"] = json!(c.expiration.unwrap().timestamp());
    claims["iat"] = json!(c.issued_at.unwrap().timestamp());
    claims
}

/// SHA-256 of the canonical JSON of simple arguments: sorted keys, no whitespace (what RFC 8785
/// gives for integers and plain strings), computed without the gateway's canonicaliser.
fn args_sha256(args: &Value) -> String {
    let sorted: std::collections::BTreeMap<&String, &Value> =
        args.as_object().unwrap().iter().collect();
    let text = serde_json::to_string(&sorted).unwrap();
    hex(&sha2::Sha256::digest(text.as_bytes()))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

async fn introspect(app: &TestApp, service: &str, token: &str) -> Value {
    let (s, v) = app
        .post(
            "/v1/credentials/introspect",
            service,
            json!({"token": token}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    v
}

async fn refund(app: &TestApp, s: &Shop, amount: i64) -> Value {
    act(
        app,
        s,
        "refund.issue",
        ("Shop::Order", "A-1"),
        json!({"amount": amount, "currency": "EUR"}),
    )
    .await
}

async fn credentials_verify_independently_and_introspect(app: &TestApp) {
    let s = shop(app, "acme", ALL_ACTIONS).await;
    let v = refund(app, &s, 4000).await;
    assert_eq!(v["decision"], "allow", "{v}");
    let token = v["credential"]["token"].as_str().unwrap();

    let claims = verify_independently(app, token).await;
    assert_eq!(claims["sub"], s.agent_id);
    assert_eq!(claims["aud"], "refund.issue");
    assert_eq!(claims["tenant"], "acme");
    assert_eq!(claims["case"], s.case);
    assert_eq!(claims["act"], v["action_id"]);
    assert_eq!(claims["res"], "Shop::Order::\"A-1\"");
    assert_eq!(claims["iss"], "mandate");
    assert!(claims["jti"].as_str().unwrap().len() >= 16);
    assert_eq!(
        claims["args_sha256"],
        args_sha256(&json!({"currency": "EUR", "amount": 4000})),
        "a back-end recomputes the hash from the arguments it is asked to execute"
    );
    let lifetime = claims["exp"].as_i64().unwrap() - claims["iat"].as_i64().unwrap();
    assert_eq!(lifetime, 60, "default lifetime");

    // The back-end's introspection: live, with the same claims.
    let live = introspect(app, &s.t.service, token).await;
    assert_eq!(live["active"], true, "{live}");
    assert_eq!(live["jti"], claims["jti"]);
    assert_eq!(live["args_sha256"], claims["args_sha256"]);
    // Another tenant's back-end learns nothing; an agent may not introspect at all.
    let other = app.tenant("globex").await;
    assert_eq!(
        introspect(app, &other.service, token).await,
        json!({"active": false})
    );
    let (st, _) = app
        .post(
            "/v1/credentials/introspect",
            &s.agent,
            json!({"token": token}),
        )
        .await;
    assert_eq!(st, StatusCode::FORBIDDEN);
    // Garbage and tampering are simply inactive.
    assert_eq!(
        introspect(app, &s.t.service, "not.a.token").await,
        json!({"active": false})
    );
    let mut tampered = token.to_owned();
    tampered.pop();
    tampered.push(if token.ends_with('A') { 'B' } else { 'A' });
    assert_eq!(
        introspect(app, &s.t.service, &tampered).await,
        json!({"active": false})
    );

    // Expiry: a minute later the same token is dead.
    app.advance(chrono::Duration::seconds(61));
    assert_eq!(
        introspect(app, &s.t.service, token).await,
        json!({"active": false})
    );

    // Explicit revocation, by the token's id.
    let v = refund(app, &s, 3000).await;
    let token = v["credential"]["token"].as_str().unwrap();
    let jti = verify_independently(app, token).await["jti"].clone();
    assert_eq!(introspect(app, &s.t.service, token).await["active"], true);
    let r = app
        .ok(
            "/v1/credentials/revoke",
            &s.t.admin,
            json!({"jti": jti, "reason": "agent misbehaving"}),
        )
        .await;
    assert_eq!(r["revoked"], true);
    assert_eq!(
        introspect(app, &s.t.service, token).await,
        json!({"active": false})
    );
    let r = app
        .ok("/v1/credentials/revoke", &s.t.service, json!({"jti": jti}))
        .await;
    assert_eq!(r["revoked"], false, "already revoked");
    let (st, _) = app
        .post("/v1/credentials/revoke", &other.admin, json!({"jti": jti}))
        .await;
    assert_eq!(
        st,
        StatusCode::NOT_FOUND,
        "another tenant's credential is not there"
    );
}

async fn closing_the_case_or_suspending_the_agent_kills_credentials(app: &TestApp) {
    let s = shop(app, "acme", ALL_ACTIONS).await;
    let first = refund(app, &s, 1000).await;
    let token = first["credential"]["token"].as_str().unwrap().to_owned();
    assert_eq!(introspect(app, &s.t.service, &token).await["active"], true);

    // Closing with a resolution in the agent's authority.
    let closed = app
        .ok(
            &format!("/v1/cases/{}/close", s.case),
            &s.agent,
            json!({"resolution": "resolved"}),
        )
        .await;
    assert_eq!(closed["state"], "closed");
    assert_eq!(closed["resolution"], "resolved");
    assert_eq!(
        introspect(app, &s.t.service, &token).await,
        json!({"active": false})
    );
    // A closed case takes no new actions, inspections or credentials.
    let (st, v) = read_order_as(app, &s, &s.agent).await;
    assert_eq!(
        (st, v["error"]["code"].as_str()),
        (StatusCode::CONFLICT, Some("case_closed"))
    );
    let (st, _) = app
        .post(
            &format!("/v1/cases/{}/inspect", s.case),
            &s.agent,
            json!({"direction": "input", "text": "hi"}),
        )
        .await;
    assert_eq!(st, StatusCode::CONFLICT);
    let (_, again) = app
        .get(
            &format!("/v1/actions/{}", first["action_id"].as_str().unwrap()),
            &s.agent,
        )
        .await;
    assert!(again["credential"].is_null(), "{again}");
    let (st, _) = app
        .post(
            &format!("/v1/cases/{}/close", s.case),
            &s.agent,
            json!({"resolution": "resolved"}),
        )
        .await;
    assert_eq!(st, StatusCode::CONFLICT, "closing twice");

    // Suspending the agent kills the credentials of its other cases.
    let case2 = app
        .ok(
            "/v1/cases",
            &s.agent,
            json!({"customer": {"id": "c-1", "verified": true}}),
        )
        .await;
    let s2 = Shop {
        case: case2["id"].as_str().unwrap().to_owned(),
        ..s
    };
    let v = refund(app, &s2, 1000).await;
    let token = v["credential"]["token"].as_str().unwrap();
    assert_eq!(introspect(app, &s2.t.service, token).await["active"], true);
    app.ok(
        &format!("/v1/agents/{}/suspend", s2.agent_id),
        &s2.t.admin,
        json!({}),
    )
    .await;
    assert_eq!(
        introspect(app, &s2.t.service, token).await,
        json!({"active": false})
    );
}

async fn closing_outside_the_agents_authority_is_refused(app: &TestApp) {
    let s = shop(app, "acme", ALL_ACTIONS).await;
    let (st, v) = app
        .post(
            &format!("/v1/cases/{}/close", s.case),
            &s.agent,
            json!({"resolution": "refund_denied"}),
        )
        .await;
    assert_eq!(st, StatusCode::FORBIDDEN, "{v}");
    assert_eq!(v["error"]["code"], "closure_not_authorised");
    let (_, case) = app.get(&format!("/v1/cases/{}", s.case), &s.agent).await;
    assert_eq!(case["state"], "open");
    // An admin of the tenant may close with any resolution.
    let closed = app
        .ok(
            &format!("/v1/cases/{}/close", s.case),
            &s.t.admin,
            json!({"resolution": "refund_denied"}),
        )
        .await;
    assert_eq!(closed["state"], "closed");
}

async fn old_keys_stay_published_until_their_tokens_expire(app: &TestApp) {
    let s = shop(app, "acme", ALL_ACTIONS).await;
    let v = refund(app, &s, 1000).await;
    let old = v["credential"]["token"].as_str().unwrap().to_owned();
    let old_kid = UntrustedToken::new(&old)
        .unwrap()
        .header()
        .key_id
        .clone()
        .unwrap();
    let fresh_kid = app
        .gw
        .keys()
        .rotate(app.gw.store(), app.now())
        .await
        .unwrap();
    assert_ne!(old_kid, fresh_kid);
    // The old token still verifies and is live; new ones are signed with the new key.
    verify_independently(app, &old).await;
    assert_eq!(introspect(app, &s.t.service, &old).await["active"], true);
    let v = refund(app, &s, 1000).await;
    let new = v["credential"]["token"].as_str().unwrap();
    assert_eq!(
        UntrustedToken::new(new).unwrap().header().key_id.as_deref(),
        Some(fresh_kid.as_str())
    );
    // Once every token the old key signed has expired, it leaves the JWKS.
    app.advance(chrono::Duration::minutes(16));
    let jwks = app.jwks().await;
    let kids: Vec<&str> = jwks["keys"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|k| k["kid"].as_str())
        .collect();
    assert!(!kids.contains(&old_kid.as_str()), "{kids:?}");
    assert!(kids.contains(&fresh_kid.as_str()), "{kids:?}");
}

on_both_commerce!(
    credentials_verify_independently_and_introspect,
    closing_the_case_or_suspending_the_agent_kills_credentials,
    closing_outside_the_agents_authority_is_refused,
    old_keys_stay_published_until_their_tokens_expire
);
