//! Signed checkpoints over the chain's head.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::Timestamp;
use crate::canonical::{Digest, to_canonical_vec};
use crate::keys::{KeyPair, KeyPurpose, KeyRing};

use super::verify::Problem;

const DOMAIN: &[u8] = b"mandate-audit-checkpoint-v1\n";

/// A signature over `(seq, hash, time)`: the log had this head at this time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Checkpoint {
    /// The sequence number of the record it covers.
    pub seq: i64,
    /// That record's chain hash.
    pub hash: Digest,
    /// When it was signed.
    pub time: Timestamp,
    /// The audit key that signed it.
    pub kid: String,
    /// Ed25519 signature, base64url.
    pub signature: String,
}

impl Checkpoint {
    fn message(seq: i64, hash: &Digest, time: Timestamp, kid: &str) -> Vec<u8> {
        let body = json!({"seq": seq, "hash": hash, "time_ms": crate::to_millis(time), "kid": kid});
        let mut msg = DOMAIN.to_vec();
        // INVARIANT: this object has only strings and integers, which always canonicalise.
        msg.extend(to_canonical_vec(&body).unwrap_or_default());
        msg
    }

    /// Signs the head `(seq, hash)` at `time`.
    pub fn sign(seq: i64, hash: Digest, time: Timestamp, key: &KeyPair) -> Checkpoint {
        let time = crate::from_millis(crate::to_millis(time));
        let sig = key.sign(&Checkpoint::message(seq, &hash, time, key.kid()));
        Checkpoint {
            seq,
            hash,
            time,
            kid: key.kid().to_owned(),
            signature: URL_SAFE_NO_PAD.encode(sig),
        }
    }

    /// Checks the signature against an audit key of the ring.
    pub fn verify(&self, ring: &KeyRing) -> Result<(), Problem> {
        verify_signed(
            ring,
            &self.kid,
            &self.signature,
            &Checkpoint::message(self.seq, &self.hash, self.time, &self.kid),
        )
    }
}

/// Checks a detached signature made by an audit key of `ring`.
pub(super) fn verify_signed(
    ring: &KeyRing,
    kid: &str,
    signature: &str,
    message: &[u8],
) -> Result<(), Problem> {
    if KeyPurpose::of_kid(kid) != Some(KeyPurpose::Audit) {
        return Err(Problem::NotAnAuditKey {
            kid: kid.to_owned(),
        });
    }
    let key = ring.get(kid).ok_or_else(|| Problem::UnknownKey {
        kid: kid.to_owned(),
    })?;
    let sig = URL_SAFE_NO_PAD
        .decode(signature.as_bytes())
        .map_err(|_| Problem::BadSignature {
            kid: kid.to_owned(),
        })?;
    if key.verify(message, &sig) {
        Ok(())
    } else {
        Err(Problem::BadSignature {
            kid: kid.to_owned(),
        })
    }
}
