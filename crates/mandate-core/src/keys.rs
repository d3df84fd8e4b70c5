//! Ed25519 signing keys, their public JWK form, and key rings for verification.
//!
//! Two purposes share the format but never a key: credential keys (`kid` starts with `cred-`)
//! sign JWTs for back-ends; audit keys (`kid` starts with `audit-`) sign log checkpoints and
//! exports. A verifier of the log accepts only audit keys, so a leaked credential key cannot
//! forge history.

use std::collections::BTreeMap;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use ed25519_dalek::pkcs8::EncodePrivateKey as _;
use ed25519_dalek::{Signature, Signer as _, SigningKey, VerifyingKey};
use rand_core::OsRng;
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::canonical::Digest;

/// What a key signs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KeyPurpose {
    /// Just-in-time credentials (JWTs).
    Credential,
    /// Audit checkpoints and export headers.
    Audit,
}

impl KeyPurpose {
    /// The `kid` prefix that marks the purpose.
    pub fn kid_prefix(self) -> &'static str {
        match self {
            KeyPurpose::Credential => "cred-",
            KeyPurpose::Audit => "audit-",
        }
    }

    /// The purpose as stored.
    pub fn as_str(self) -> &'static str {
        match self {
            KeyPurpose::Credential => "credential",
            KeyPurpose::Audit => "audit",
        }
    }

    /// The purpose a `kid` declares, if any.
    pub fn of_kid(kid: &str) -> Option<KeyPurpose> {
        [KeyPurpose::Credential, KeyPurpose::Audit]
            .into_iter()
            .find(|p| kid.starts_with(p.kid_prefix()))
    }
}

/// Why key material was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyError {
    /// The bytes are not a valid key.
    #[error("key `{kid}` is malformed: {reason}")]
    Malformed {
        /// The key id.
        kid: String,
        /// What is wrong.
        reason: &'static str,
    },
    /// The text is not a JWKS document nor a single JWK.
    #[error("not a JWKS document: {0}")]
    NotJwks(String),
}

/// A private signing key with its id. Its `Debug` never shows the key.
pub struct KeyPair {
    kid: String,
    purpose: KeyPurpose,
    signing: SigningKey,
}

impl KeyPair {
    /// A new random key.
    pub fn generate(purpose: KeyPurpose) -> KeyPair {
        let signing = SigningKey::generate(&mut OsRng);
        let kid = derive_kid(purpose, &signing.verifying_key());
        KeyPair {
            kid,
            purpose,
            signing,
        }
    }

    /// Rebuilds a stored key from its 32-byte seed; the kid is derived, not trusted.
    pub fn from_seed(purpose: KeyPurpose, seed: &[u8]) -> Result<KeyPair, KeyError> {
        let bytes: [u8; 32] = seed.try_into().map_err(|_| KeyError::Malformed {
            kid: String::new(),
            reason: "an Ed25519 seed is 32 bytes",
        })?;
        let signing = SigningKey::from_bytes(&bytes);
        let kid = derive_kid(purpose, &signing.verifying_key());
        Ok(KeyPair {
            kid,
            purpose,
            signing,
        })
    }

    /// The 32-byte seed, for storage in a protected file.
    pub fn seed(&self) -> Zeroizing<[u8; 32]> {
        Zeroizing::new(self.signing.to_bytes())
    }

    /// The PKCS#8 DER encoding, which JWT libraries take.
    pub fn to_pkcs8_der(&self) -> Zeroizing<Vec<u8>> {
        // INVARIANT: encoding a valid in-memory Ed25519 key to PKCS#8 cannot fail; an empty
        // document would make every signature attempt fail closed rather than panic.
        Zeroizing::new(
            self.signing
                .to_pkcs8_der()
                .map(|d| d.as_bytes().to_vec())
                .unwrap_or_default(),
        )
    }

    /// The key id.
    pub fn kid(&self) -> &str {
        &self.kid
    }

    /// What the key signs.
    pub fn purpose(&self) -> KeyPurpose {
        self.purpose
    }

    /// The public half.
    pub fn public(&self) -> PublicKey {
        PublicKey {
            kid: self.kid.clone(),
            key: self.signing.verifying_key(),
        }
    }

    /// Signs a message.
    pub fn sign(&self, message: &[u8]) -> [u8; 64] {
        self.signing.sign(message).to_bytes()
    }
}

impl std::fmt::Debug for KeyPair {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "KeyPair({}, <private>)", self.kid)
    }
}

fn derive_kid(purpose: KeyPurpose, key: &VerifyingKey) -> String {
    let d = Digest::of(key.as_bytes());
    format!("{}{}", purpose.kid_prefix(), hex::encode(&d.0[..8]))
}

/// A public verification key with its id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicKey {
    kid: String,
    key: VerifyingKey,
}

impl PublicKey {
    /// Rebuilds a public key from its 32 raw bytes.
    pub fn from_bytes(kid: &str, bytes: &[u8]) -> Result<PublicKey, KeyError> {
        let malformed = |reason| KeyError::Malformed {
            kid: kid.to_owned(),
            reason,
        };
        let raw: [u8; 32] = bytes
            .try_into()
            .map_err(|_| malformed("an Ed25519 public key is 32 bytes"))?;
        let key = VerifyingKey::from_bytes(&raw).map_err(|_| malformed("not a curve point"))?;
        Ok(PublicKey {
            kid: kid.to_owned(),
            key,
        })
    }

    /// The key id.
    pub fn kid(&self) -> &str {
        &self.kid
    }

    /// The raw 32 bytes.
    pub fn to_bytes(&self) -> [u8; 32] {
        self.key.to_bytes()
    }

    /// Checks a signature (strictly: no malleable encodings).
    pub fn verify(&self, message: &[u8], signature: &[u8]) -> bool {
        let Ok(sig) = Signature::from_slice(signature) else {
            return false;
        };
        self.key.verify_strict(message, &sig).is_ok()
    }

    /// The JWK form served at `/.well-known/jwks.json`.
    pub fn to_jwk(&self) -> Jwk {
        Jwk {
            kty: "OKP".into(),
            crv: "Ed25519".into(),
            x: URL_SAFE_NO_PAD.encode(self.key.as_bytes()),
            kid: self.kid.clone(),
            alg: "EdDSA".into(),
            key_use: "sig".into(),
        }
    }
}

/// One public key in JWK form (RFC 8037 `OKP` / `Ed25519`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Jwk {
    /// Always `OKP`.
    pub kty: String,
    /// Always `Ed25519`.
    pub crv: String,
    /// The public key, base64url without padding.
    pub x: String,
    /// The key id.
    pub kid: String,
    /// Always `EdDSA`.
    #[serde(default)]
    pub alg: String,
    /// Always `sig`.
    #[serde(rename = "use", default)]
    pub key_use: String,
}

/// A JWKS document.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Jwks {
    /// The keys.
    pub keys: Vec<Jwk>,
}

/// Public keys by id, for verification.
#[derive(Debug, Clone, Default)]
pub struct KeyRing {
    keys: BTreeMap<String, PublicKey>,
}

impl KeyRing {
    /// An empty ring.
    pub fn new() -> KeyRing {
        KeyRing::default()
    }

    /// Adds a key.
    pub fn insert(&mut self, key: PublicKey) {
        self.keys.insert(key.kid.clone(), key);
    }

    /// Looks a key up.
    pub fn get(&self, kid: &str) -> Option<&PublicKey> {
        self.keys.get(kid)
    }

    /// How many keys it holds.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// Whether it holds none.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// Reads a JWKS document (or a single JWK), keeping the Ed25519 keys.
    pub fn from_jwks_json(text: &str) -> Result<KeyRing, KeyError> {
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|e| KeyError::NotJwks(e.to_string()))?;
        let jwks: Jwks = if value.get("keys").is_some() {
            serde_json::from_value(value).map_err(|e| KeyError::NotJwks(e.to_string()))?
        } else {
            let one: Jwk =
                serde_json::from_value(value).map_err(|e| KeyError::NotJwks(e.to_string()))?;
            Jwks { keys: vec![one] }
        };
        let mut ring = KeyRing::new();
        for jwk in jwks
            .keys
            .iter()
            .filter(|k| k.kty == "OKP" && k.crv == "Ed25519")
        {
            let raw =
                URL_SAFE_NO_PAD
                    .decode(jwk.x.as_bytes())
                    .map_err(|_| KeyError::Malformed {
                        kid: jwk.kid.clone(),
                        reason: "`x` is not base64url",
                    })?;
            ring.insert(PublicKey::from_bytes(&jwk.kid, &raw)?);
        }
        if ring.is_empty() {
            return Err(KeyError::NotJwks("it holds no Ed25519 key".into()));
        }
        Ok(ring)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sign_verify_and_jwks_round_trip() {
        let k = KeyPair::generate(KeyPurpose::Audit);
        assert!(k.kid().starts_with("audit-"));
        let sig = k.sign(b"hello");
        assert!(k.public().verify(b"hello", &sig));
        assert!(!k.public().verify(b"hellO", &sig));
        let jwks = Jwks {
            keys: vec![k.public().to_jwk()],
        };
        let ring = KeyRing::from_jwks_json(&serde_json::to_string(&jwks).unwrap()).unwrap();
        assert!(ring.get(k.kid()).unwrap().verify(b"hello", &sig));
        let again = KeyPair::from_seed(KeyPurpose::Audit, &k.seed()[..]).unwrap();
        assert_eq!(again.kid(), k.kid());
        assert!(!format!("{k:?}").contains(&hex::encode(&k.seed()[..])));
    }

    #[test]
    fn malformed_jwks_is_an_error() {
        assert!(KeyRing::from_jwks_json("{").is_err());
        assert!(KeyRing::from_jwks_json(r#"{"keys":[]}"#).is_err());
        assert!(
            KeyRing::from_jwks_json(
                r#"{"keys":[{"kty":"OKP","crv":"Ed25519","x":"AA","kid":"a"}]}"#
            )
            .is_err()
        );
    }
}
