//! Minting just-in-time credentials and answering introspection.

use mandate_core::Timestamp;
use mandate_core::action::ActionRecord;
use mandate_core::audit::{Actor, Event};
use mandate_core::credential::Claims;
use mandate_store::{CredentialRow, Tx};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;

use crate::Gateway;
use crate::error::ApiError;

/// A credential as handed to the agent.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct IssuedCredential {
    /// Compact JWS (EdDSA); present it to the back-end.
    pub token: String,
    /// When it stops being valid (RFC 3339).
    pub expires_at: String,
}

/// Mints a credential for an authorised action, records it (never the token) and queues its
/// audit event on `tx`. Its lifetime is the configured TTL, cut short by the action's window.
pub fn mint(
    gw: &Gateway,
    tx: &mut Tx,
    action: &ActionRecord,
    window_ends: Timestamp,
    now: Timestamp,
) -> Result<(IssuedCredential, CredentialRow), ApiError> {
    let signer = gw
        .keys()
        .credential_signer()
        .ok_or_else(|| ApiError::internal("no credential key"))?;
    let ttl =
        chrono::Duration::seconds(i64::try_from(gw.config().credential_ttl_seconds).unwrap_or(60));
    let expires_at = (now + ttl).min(window_ends);
    let claims = Claims {
        iss: gw.config().credential_issuer.clone(),
        sub: action.agent.to_string(),
        aud: action.action.to_string(),
        tenant: action.tenant.to_string(),
        case: action.case.to_string(),
        act: action.id.to_string(),
        res: action.resource.cedar(),
        args_sha256: action.args_sha256.to_hex(),
        iat: now.timestamp(),
        exp: expires_at.timestamp(),
        jti: mandate_core::ids::random_hex(),
    };
    let token = signer.minter.mint(&claims).map_err(ApiError::internal)?;
    let row = CredentialRow {
        jti: claims.jti.clone(),
        tenant: action.tenant.clone(),
        case: action.case.clone(),
        agent: action.agent.clone(),
        action: action.id.clone(),
        kid: signer.minter.kid().to_owned(),
        claims: claims.clone(),
        issued_at: now,
        expires_at: mandate_core::from_millis(claims.exp * 1000),
        revoked_at: None,
    };
    tx.record(
        Event::Other {
            kind: "credential.issued".into(),
            payload: json!({"action_id": action.id, "kid": row.kid, "claims": claims}),
        }
        .by(
            Actor::Agent(action.agent.clone()),
            Some(&action.tenant),
            Some(&action.case),
        ),
    );
    Ok((
        IssuedCredential {
            token,
            expires_at: row
                .expires_at
                .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        },
        row,
    ))
}
