//! Just-in-time credentials: short-lived Ed25519 JWTs scoped to one action.
//!
//! A back-end verifies one offline with the published JWKS and any standard JWT library, then
//! recomputes `args_sha256` from the arguments it was asked to act on.

use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::canonical::{CanonicalError, Digest, digest_of};
use crate::keys::{KeyPair, KeyPurpose, KeyRing};

/// The longest lifetime a credential may ever have.
pub const MAX_TTL_SECONDS: u64 = 15 * 60;

/// The claims of a credential, as in the contract.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claims {
    /// The issuing gateway.
    pub iss: String,
    /// The agent id.
    pub sub: String,
    /// The action name.
    pub aud: String,
    /// The tenant.
    pub tenant: String,
    /// The case id.
    pub case: String,
    /// The action id.
    pub act: String,
    /// The resource, `Type::"id"`.
    pub res: String,
    /// SHA-256 (hex) of the canonical JSON of the approved arguments.
    pub args_sha256: String,
    /// Issued at (seconds since the epoch).
    pub iat: i64,
    /// Expires at (seconds since the epoch).
    pub exp: i64,
    /// Unique id of this credential.
    pub jti: String,
}

/// Why a credential could not be minted or accepted.
#[derive(Debug, thiserror::Error)]
pub enum CredentialError {
    /// The arguments could not be canonicalised.
    #[error(transparent)]
    Canonical(#[from] CanonicalError),
    /// Signing failed.
    #[error("credential could not be signed: {0}")]
    Sign(jsonwebtoken::errors::Error),
    /// The token is not a valid credential of this gateway.
    #[error("credential is not valid: {0}")]
    Invalid(String),
}

/// The hash a back-end recomputes: SHA-256 of the RFC 8785 canonical JSON of the arguments.
pub fn args_sha256(args: &Value) -> Result<Digest, CanonicalError> {
    digest_of(args)
}

/// Signs credentials with the current credential key.
pub struct Minter {
    kid: String,
    key: EncodingKey,
}

impl Minter {
    /// A minter for `key`, which must be a credential key.
    pub fn new(key: &KeyPair) -> Result<Minter, CredentialError> {
        if key.purpose() != KeyPurpose::Credential {
            return Err(CredentialError::Invalid(format!(
                "`{}` is not a credential key",
                key.kid()
            )));
        }
        Ok(Minter {
            kid: key.kid().to_owned(),
            key: EncodingKey::from_ed_der(&key.to_pkcs8_der()),
        })
    }

    /// The id of the key it signs with.
    pub fn kid(&self) -> &str {
        &self.kid
    }

    /// Signs the claims into a compact JWS.
    pub fn mint(&self, claims: &Claims) -> Result<String, CredentialError> {
        let mut header = Header::new(Algorithm::EdDSA);
        header.kid = Some(self.kid.clone());
        header.typ = Some("JWT".into());
        jsonwebtoken::encode(&header, claims, &self.key).map_err(CredentialError::Sign)
    }
}

impl std::fmt::Debug for Minter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Minter({})", self.kid)
    }
}

/// Checks a credential's signature and expiry against the credential keys in `ring`, at
/// `now_seconds`. Revocation and case or agent state are the caller's to check.
pub fn verify(token: &str, ring: &KeyRing, now_seconds: i64) -> Result<Claims, CredentialError> {
    let invalid = |m: &str| CredentialError::Invalid(m.to_owned());
    let header = jsonwebtoken::decode_header(token).map_err(|_| invalid("malformed token"))?;
    if header.alg != Algorithm::EdDSA {
        return Err(invalid("wrong algorithm"));
    }
    let kid = header.kid.ok_or_else(|| invalid("no key id"))?;
    if KeyPurpose::of_kid(&kid) != Some(KeyPurpose::Credential) {
        return Err(invalid("not signed by a credential key"));
    }
    let key = ring.get(&kid).ok_or_else(|| invalid("unknown key"))?;
    let decoding = DecodingKey::from_ed_der(&key.to_bytes());
    let mut validation = Validation::new(Algorithm::EdDSA);
    // Expiry is checked below against the caller's clock, with no leeway.
    validation.validate_exp = false;
    validation.validate_aud = false;
    validation.required_spec_claims.clear();
    let data = jsonwebtoken::decode::<Claims>(token, &decoding, &validation)
        .map_err(|_| invalid("signature or claims do not verify"))?;
    if data.claims.exp <= now_seconds {
        return Err(invalid("expired"));
    }
    Ok(data.claims)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn claims(exp: i64) -> Claims {
        Claims {
            iss: "mandate".into(),
            sub: "ag_x".into(),
            aud: "refund.issue".into(),
            tenant: "acme".into(),
            case: "case_x".into(),
            act: "act_x".into(),
            res: "Shop::Order::\"A-1\"".into(),
            args_sha256: args_sha256(&json!({"currency": "EUR", "amount": 4000}))
                .unwrap()
                .to_hex(),
            iat: 100,
            exp,
            jti: "j".into(),
        }
    }

    #[test]
    fn minted_credentials_verify_until_expiry() {
        let key = KeyPair::generate(KeyPurpose::Credential);
        let minter = Minter::new(&key).unwrap();
        let token = minter.mint(&claims(160)).unwrap();
        let mut ring = KeyRing::new();
        ring.insert(key.public());
        assert_eq!(verify(&token, &ring, 150).unwrap(), claims(160));
        assert!(verify(&token, &ring, 160).is_err(), "expired at exp");
        let other = KeyRing::new();
        assert!(verify(&token, &other, 150).is_err());
        let mut tampered = token.clone();
        tampered.insert(token.len() / 2, 'x');
        assert!(verify(&tampered, &ring, 150).is_err());
    }

    #[test]
    fn audit_keys_cannot_mint() {
        assert!(Minter::new(&KeyPair::generate(KeyPurpose::Audit)).is_err());
    }

    #[test]
    fn args_hash_is_canonical() {
        assert_eq!(
            args_sha256(&json!({"b": 1, "a": "x"})).unwrap(),
            Digest::of(br#"{"a":"x","b":1}"#)
        );
    }
}
