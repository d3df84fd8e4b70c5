//! Signing keys on disk: created at first start under `<data-dir>/keys` (directory 0700, files
//! 0600), published (public half only) in the database for the JWKS, rotated by age.
//!
//! Each replica keeps its own private keys; the JWKS every replica serves lists the public keys
//! of all of them, so a credential minted by one verifies against the JWKS of another.

use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use mandate_core::Timestamp;
use mandate_core::audit::{Actor, Event};
use mandate_core::credential::{MAX_TTL_SECONDS, Minter};
use mandate_core::keys::{Jwks, KeyPair, KeyPurpose};
use mandate_store::{Store, StoreError};
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

/// Why the key store could not start.
#[derive(Debug, thiserror::Error)]
pub enum KeyStoreError {
    /// A key file could not be read or written.
    #[error("key file `{path}`: {reason}")]
    File {
        /// The file.
        path: PathBuf,
        /// What failed.
        reason: String,
    },
    /// Publishing keys failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

#[derive(Serialize, Deserialize)]
struct KeyFile {
    kid: String,
    purpose: KeyPurpose,
    seed: String,
    created_at_ms: i64,
    retired_at_ms: Option<i64>,
}

/// A loaded key with its bookkeeping.
struct Loaded {
    key: Arc<KeyPair>,
    created_at: Timestamp,
    retired_at: Option<Timestamp>,
}

/// The current credential signer.
pub struct CredentialSigner {
    /// The key.
    pub key: Arc<KeyPair>,
    /// The minter built from it.
    pub minter: Minter,
    created_at: Timestamp,
}

/// The keys of this replica.
pub struct KeyStore {
    dir: PathBuf,
    audit: Arc<KeyPair>,
    credential: RwLock<Arc<CredentialSigner>>,
    rotation_days: u32,
}

impl std::fmt::Debug for KeyStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "KeyStore({})", self.dir.display())
    }
}

fn file_err(path: &Path, e: impl std::fmt::Display) -> KeyStoreError {
    KeyStoreError::File {
        path: path.to_owned(),
        reason: e.to_string(),
    }
}

impl KeyStore {
    /// Loads the keys in `dir`, creating and publishing whatever is missing, and rotating a
    /// credential key older than `rotation_days`.
    pub async fn open(
        dir: &Path,
        store: &Store,
        now: Timestamp,
        rotation_days: u32,
    ) -> Result<KeyStore, KeyStoreError> {
        create_private_dir(dir)?;
        let mut loaded = load_all(dir)?;
        let mut created = Vec::new();
        for purpose in [KeyPurpose::Audit, KeyPurpose::Credential] {
            if !loaded
                .iter()
                .any(|k| k.key.purpose() == purpose && k.retired_at.is_none())
            {
                let k = KeyPair::generate(purpose);
                write_key(dir, &k, now, None)?;
                created.push(k.kid().to_owned());
                loaded.push(Loaded {
                    key: Arc::new(k),
                    created_at: now,
                    retired_at: None,
                });
            }
        }
        publish(store, &loaded, now).await?;
        let newest = |p: KeyPurpose| {
            loaded
                .iter()
                .filter(|k| k.key.purpose() == p && k.retired_at.is_none())
                .max_by_key(|k| k.created_at)
        };
        let (Some(audit), Some(cred)) = (newest(KeyPurpose::Audit), newest(KeyPurpose::Credential))
        else {
            return Err(file_err(dir, "no usable key after creation"));
        };
        let signer = CredentialSigner {
            minter: Minter::new(&cred.key).map_err(|e| file_err(dir, e))?,
            key: cred.key.clone(),
            created_at: cred.created_at,
        };
        let ks = KeyStore {
            dir: dir.to_owned(),
            audit: audit.key.clone(),
            credential: RwLock::new(Arc::new(signer)),
            rotation_days,
        };
        ks.rotate_if_due(store, now).await?;
        ks.forget_expired(now);
        Ok(ks)
    }

    /// The audit key that signs checkpoints and exports.
    pub fn audit_key(&self) -> Arc<KeyPair> {
        self.audit.clone()
    }

    /// The current credential signer.
    pub fn credential_signer(&self) -> Option<Arc<CredentialSigner>> {
        self.credential.read().ok().map(|s| s.clone())
    }

    /// Replaces the credential key if it is older than the rotation age. The old key stays
    /// published until every credential it signed has expired.
    pub async fn rotate_if_due(
        &self,
        store: &Store,
        now: Timestamp,
    ) -> Result<bool, KeyStoreError> {
        let Some(current) = self.credential_signer() else {
            return Ok(false);
        };
        let age = now - current.created_at;
        if age < chrono::Duration::days(i64::from(self.rotation_days)) {
            return Ok(false);
        }
        self.rotate(store, now).await?;
        Ok(true)
    }

    /// Replaces the credential key now.
    pub async fn rotate(&self, store: &Store, now: Timestamp) -> Result<String, KeyStoreError> {
        let old = self
            .credential_signer()
            .ok_or_else(|| file_err(&self.dir, "key store lock poisoned"))?;
        let fresh = KeyPair::generate(KeyPurpose::Credential);
        write_key(&self.dir, &fresh, now, None)?;
        write_key(&self.dir, &old.key, old.created_at, Some(now))?;
        let fresh = Arc::new(fresh);
        let loaded = [Loaded {
            key: fresh.clone(),
            created_at: now,
            retired_at: None,
        }];
        let mut tx = store.begin().await?;
        publish_in(&mut tx, &loaded, now).await?;
        tx.retire_key(old.key.kid(), now).await?;
        tx.record(
            Event::KeyRetired {
                kid: old.key.kid().to_owned(),
            }
            .by(Actor::System, None, None),
        );
        tx.commit(now).await?;
        let signer = CredentialSigner {
            minter: Minter::new(&fresh).map_err(|e| file_err(&self.dir, e))?,
            key: fresh.clone(),
            created_at: now,
        };
        if let Ok(mut slot) = self.credential.write() {
            *slot = Arc::new(signer);
        }
        tracing::info!(
            kid = fresh.kid(),
            retired = old.key.kid(),
            "credential key rotated"
        );
        Ok(fresh.kid().to_owned())
    }

    /// Deletes private files of credential keys retired longer ago than any credential lives.
    fn forget_expired(&self, now: Timestamp) {
        let Ok(all) = load_all(&self.dir) else { return };
        for k in all {
            let expired = k.key.purpose() == KeyPurpose::Credential
                && k.retired_at
                    .is_some_and(|r| now - r > chrono::Duration::seconds(MAX_TTL_SECONDS as i64));
            if expired {
                let _ = std::fs::remove_file(key_path(&self.dir, k.key.kid()));
            }
        }
    }
}

/// Reads the newest audit key of a data dir without creating or publishing anything (for
/// offline tools working on a stopped replica's store).
pub fn load_audit_key(dir: &Path) -> Result<Option<KeyPair>, KeyStoreError> {
    let newest = load_all(dir)?
        .into_iter()
        .filter(|k| k.key.purpose() == KeyPurpose::Audit && k.retired_at.is_none())
        .max_by_key(|k| k.created_at);
    Ok(newest.and_then(|k| Arc::try_unwrap(k.key).ok()))
}

/// The JWKS: every audit key (old checkpoints stay verifiable) and every credential key that
/// still signs or retired less than the longest credential lifetime ago.
pub async fn jwks(store: &Store, now: Timestamp) -> Result<Jwks, StoreError> {
    let keys = store
        .published_keys()
        .await?
        .into_iter()
        .filter(|k| match (k.purpose, k.retired_at) {
            (KeyPurpose::Audit, _) | (KeyPurpose::Credential, None) => true,
            (KeyPurpose::Credential, Some(r)) => {
                now - r <= chrono::Duration::seconds(MAX_TTL_SECONDS as i64)
            }
        })
        .map(|k| k.key.to_jwk())
        .collect();
    Ok(Jwks { keys })
}

async fn publish(store: &Store, keys: &[Loaded], now: Timestamp) -> Result<(), KeyStoreError> {
    let mut tx = store.begin().await?;
    publish_in(&mut tx, keys, now).await?;
    tx.commit(now).await?;
    Ok(())
}

async fn publish_in(
    tx: &mut mandate_store::Tx,
    keys: &[Loaded],
    now: Timestamp,
) -> Result<(), KeyStoreError> {
    for k in keys {
        let public = k.key.public();
        if tx
            .publish_key(&public, k.key.purpose(), k.created_at)
            .await?
        {
            tx.record(
                Event::KeyCreated {
                    kid: public.kid().to_owned(),
                    purpose: k.key.purpose().as_str().to_owned(),
                    public_key: URL_SAFE_NO_PAD.encode(public.to_bytes()),
                }
                .by(Actor::System, None, None),
            );
        }
        if let Some(r) = k.retired_at {
            tx.retire_key(public.kid(), r.min(now)).await?;
        }
    }
    Ok(())
}

fn key_path(dir: &Path, kid: &str) -> PathBuf {
    dir.join(format!("{kid}.key"))
}

fn load_all(dir: &Path) -> Result<Vec<Loaded>, KeyStoreError> {
    let mut out = Vec::new();
    let entries = std::fs::read_dir(dir).map_err(|e| file_err(dir, e))?;
    for entry in entries {
        let path = entry.map_err(|e| file_err(dir, e))?.path();
        if path.extension().and_then(|e| e.to_str()) != Some("key") {
            continue;
        }
        let text = Zeroizing::new(std::fs::read_to_string(&path).map_err(|e| file_err(&path, e))?);
        let file: KeyFile = serde_json::from_str(&text).map_err(|e| file_err(&path, e))?;
        let seed = Zeroizing::new(
            URL_SAFE_NO_PAD
                .decode(file.seed.as_bytes())
                .map_err(|e| file_err(&path, e))?,
        );
        let key = KeyPair::from_seed(file.purpose, &seed).map_err(|e| file_err(&path, e))?;
        if key.kid() != file.kid {
            return Err(file_err(&path, "the key id does not match the key"));
        }
        out.push(Loaded {
            key: Arc::new(key),
            created_at: mandate_core::from_millis(file.created_at_ms),
            retired_at: file.retired_at_ms.map(mandate_core::from_millis),
        });
    }
    Ok(out)
}

/// Writes a key file owner-only, atomically (temporary file, then rename).
fn write_key(
    dir: &Path,
    key: &KeyPair,
    created_at: Timestamp,
    retired_at: Option<Timestamp>,
) -> Result<(), KeyStoreError> {
    let file = KeyFile {
        kid: key.kid().to_owned(),
        purpose: key.purpose(),
        seed: URL_SAFE_NO_PAD.encode(&key.seed()[..]),
        created_at_ms: mandate_core::to_millis(created_at),
        retired_at_ms: retired_at.map(mandate_core::to_millis),
    };
    let text = Zeroizing::new(serde_json::to_string_pretty(&file).map_err(|e| file_err(dir, e))?);
    let path = key_path(dir, key.kid());
    let tmp = dir.join(format!(".{}.tmp", key.kid()));
    crate::files::write_private(&tmp, text.as_bytes()).map_err(|e| file_err(&tmp, e))?;
    std::fs::rename(&tmp, &path).map_err(|e| file_err(&path, e))?;
    Ok(())
}

fn create_private_dir(dir: &Path) -> Result<(), KeyStoreError> {
    std::fs::create_dir_all(dir).map_err(|e| file_err(dir, e))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))
            .map_err(|e| file_err(dir, e))?;
    }
    Ok(())
}
