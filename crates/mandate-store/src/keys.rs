//! Published public keys. Private keys never enter the database.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use mandate_core::Timestamp;
use mandate_core::keys::{KeyPurpose, KeyRing, PublicKey};

use crate::rows::{corrupt, opt_time, text, time};
use crate::{Store, StoreError, Tx};

/// A published public key.
#[derive(Debug, Clone)]
pub struct StoredKey {
    /// The key.
    pub key: PublicKey,
    /// What it signs.
    pub purpose: KeyPurpose,
    /// When it was created.
    pub created_at: Timestamp,
    /// When it stopped signing.
    pub retired_at: Option<Timestamp>,
}

impl Tx {
    /// Publishes a public key (idempotent: a replica re-registering its key is fine).
    pub async fn publish_key(
        &mut self,
        key: &PublicKey,
        purpose: KeyPurpose,
        now: Timestamp,
    ) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "INSERT INTO signing_keys (kid, purpose, public_key, created_at_ms) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (kid) DO NOTHING",
        )
        .bind(key.kid())
        .bind(purpose.as_str())
        .bind(URL_SAFE_NO_PAD.encode(key.to_bytes()))
        .bind(mandate_core::to_millis(now))
        .execute(self.conn())
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Marks a key as no longer signing.
    pub async fn retire_key(&mut self, kid: &str, now: Timestamp) -> Result<(), StoreError> {
        sqlx::query(
            "UPDATE signing_keys SET retired_at_ms = $1 WHERE kid = $2 AND retired_at_ms IS NULL",
        )
        .bind(mandate_core::to_millis(now))
        .bind(kid)
        .execute(self.conn())
        .await?;
        Ok(())
    }
}

impl Store {
    /// Every published key.
    pub async fn published_keys(&self) -> Result<Vec<StoredKey>, StoreError> {
        let rows = sqlx::query(
            "SELECT kid, purpose, public_key, created_at_ms, retired_at_ms FROM signing_keys ORDER BY created_at_ms, kid",
        )
        .fetch_all(self.read_pool())
        .await?;
        rows.iter()
            .map(|r| {
                let kid = text(r, "kid")?;
                let purpose = match text(r, "purpose")?.as_str() {
                    "credential" => KeyPurpose::Credential,
                    "audit" => KeyPurpose::Audit,
                    other => return Err(corrupt("purpose", other)),
                };
                let raw = URL_SAFE_NO_PAD
                    .decode(text(r, "public_key")?.as_bytes())
                    .map_err(|e| corrupt("public_key", e))?;
                Ok(StoredKey {
                    key: PublicKey::from_bytes(&kid, &raw).map_err(|e| corrupt("public_key", e))?,
                    purpose,
                    created_at: time(r, "created_at_ms")?,
                    retired_at: opt_time(r, "retired_at_ms")?,
                })
            })
            .collect()
    }

    /// A ring of the published keys of one purpose.
    pub async fn key_ring(&self, purpose: KeyPurpose) -> Result<KeyRing, StoreError> {
        let mut ring = KeyRing::new();
        for k in self
            .published_keys()
            .await?
            .into_iter()
            .filter(|k| k.purpose == purpose)
        {
            ring.insert(k.key);
        }
        Ok(ring)
    }
}
