//! A stored audit record and how its hash is computed.

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::Actor;
use crate::Timestamp;
use crate::canonical::{CanonicalError, Digest, digest_of};

/// One appended record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Record {
    /// Position in the log, from 1, without gaps.
    pub seq: i64,
    /// When it was appended (non-decreasing along the log).
    pub time: Timestamp,
    /// The tenant concerned.
    pub tenant: Option<String>,
    /// Who caused it.
    pub actor: Actor,
    /// The case concerned.
    pub case: Option<String>,
    /// What happened.
    pub kind: String,
    /// The details.
    pub payload: Value,
    /// Hash of the previous record (zeros for the first).
    pub prev_hash: Digest,
    /// SHA-256 of the canonical content.
    pub content_hash: Digest,
    /// `SHA-256(prev_hash ‖ content_hash)`.
    pub hash: Digest,
}

/// A record left out of a filtered export: enough to keep the chain linked, nothing more.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stub {
    /// Its position.
    pub seq: i64,
    /// Its content hash.
    pub content_hash: Digest,
}

impl Record {
    /// The content hash of a record with these fields.
    pub fn compute_content_hash(
        seq: i64,
        time: Timestamp,
        tenant: Option<&str>,
        actor: &Actor,
        case: Option<&str>,
        kind: &str,
        payload: &Value,
    ) -> Result<Digest, CanonicalError> {
        digest_of(&json!({
            "seq": seq,
            "time_ms": crate::to_millis(time),
            "tenant": tenant,
            "actor": actor,
            "case": case,
            "kind": kind,
            "payload": payload,
        }))
    }

    /// The chain hash that follows `prev` for a record with this content hash.
    pub fn link(prev: &Digest, content_hash: &Digest) -> Digest {
        Digest::of_parts(&[&prev.0, &content_hash.0])
    }

    /// Builds the record that follows `prev` (at `prev_seq`), computing both hashes.
    #[allow(clippy::too_many_arguments)]
    pub fn seal(
        prev_seq: i64,
        prev_hash: Digest,
        time: Timestamp,
        tenant: Option<String>,
        actor: Actor,
        case: Option<String>,
        kind: String,
        payload: Value,
    ) -> Result<Record, CanonicalError> {
        let seq = prev_seq + 1;
        let content_hash = Record::compute_content_hash(
            seq,
            time,
            tenant.as_deref(),
            &actor,
            case.as_deref(),
            &kind,
            &payload,
        )?;
        Ok(Record {
            seq,
            time,
            tenant,
            actor,
            case,
            kind,
            payload,
            prev_hash,
            content_hash,
            hash: Record::link(&prev_hash, &content_hash),
        })
    }

    /// Recomputes the content hash from what the record says now.
    pub fn recompute_content_hash(&self) -> Result<Digest, CanonicalError> {
        Record::compute_content_hash(
            self.seq,
            self.time,
            self.tenant.as_deref(),
            &self.actor,
            self.case.as_deref(),
            &self.kind,
            &self.payload,
        )
    }

    /// The stub standing for this record.
    pub fn stub(&self) -> Stub {
        Stub {
            seq: self.seq,
            content_hash: self.content_hash,
        }
    }
}
