//! The JSON Lines export format and its offline verification.
//!
//! An export is a signed header, then (optionally) the checkpoint it starts from, then records,
//! stubs and checkpoints in sequence order. The header names the last record and its hash, so a
//! file cut short, or a record slipped in, is caught even without a database.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::checkpoint::verify_signed;
use super::verify::{ChainVerifier, Problem, Summary, VerifyError};
use super::{Checkpoint, Record, Stub};
use crate::Timestamp;
use crate::canonical::{Digest, to_canonical_vec};
use crate::keys::{KeyPair, KeyRing};

const DOMAIN: &[u8] = b"mandate-audit-export-v1\n";

/// The first line of an export: what it covers, signed by an audit key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExportHeader {
    /// The first sequence number after the anchor.
    pub from_seq: i64,
    /// The last sequence number in the export.
    pub to_seq: i64,
    /// The hash of that record.
    pub to_hash: Digest,
    /// Whose records are given in full (others are stubs): a case id, if filtered by case.
    pub case: Option<String>,
    /// Records before this sequence number are stubs.
    pub since: Option<i64>,
    /// Only this tenant's records are given in full, if scoped.
    pub tenant: Option<String>,
    /// When the export was made.
    pub exported_at: Timestamp,
    /// The audit key that signed it.
    pub kid: String,
    /// Ed25519 signature, base64url.
    pub signature: String,
}

/// One line of an export.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ExportLine {
    /// The signed header.
    Header(ExportHeader),
    /// A signed checkpoint.
    Checkpoint(Checkpoint),
    /// A full record.
    Record(Record),
    /// A record left out.
    Stub(Stub),
}

impl ExportHeader {
    fn message(&self) -> Vec<u8> {
        let body = json!({
            "from_seq": self.from_seq,
            "to_seq": self.to_seq,
            "to_hash": self.to_hash,
            "case": self.case,
            "since": self.since,
            "tenant": self.tenant,
            "exported_at_ms": crate::to_millis(self.exported_at),
            "kid": self.kid,
        });
        let mut msg = DOMAIN.to_vec();
        // INVARIANT: only strings, integers and nulls, which always canonicalise.
        msg.extend(to_canonical_vec(&body).unwrap_or_default());
        msg
    }

    /// Builds and signs a header.
    #[allow(clippy::too_many_arguments)]
    pub fn sign(
        from_seq: i64,
        to_seq: i64,
        to_hash: Digest,
        case: Option<String>,
        since: Option<i64>,
        tenant: Option<String>,
        exported_at: Timestamp,
        key: &KeyPair,
    ) -> ExportHeader {
        let mut h = ExportHeader {
            from_seq,
            to_seq,
            to_hash,
            case,
            since,
            tenant,
            exported_at: crate::from_millis(crate::to_millis(exported_at)),
            kid: key.kid().to_owned(),
            signature: String::new(),
        };
        h.signature = URL_SAFE_NO_PAD.encode(key.sign(&h.message()));
        h
    }
}

/// Verifies an export read as lines, trusting the audit keys in `ring`.
pub fn verify_export<'a>(
    lines: impl IntoIterator<Item = &'a str>,
    ring: &KeyRing,
) -> Result<Summary, VerifyError> {
    let malformed = |seq: i64, detail: String| VerifyError {
        seq,
        problem: Problem::Malformed { detail },
    };
    let mut lines = lines
        .into_iter()
        .filter(|l| !l.trim().is_empty())
        .enumerate();
    let header = match lines.next() {
        Some((_, l)) => match serde_json::from_str::<ExportLine>(l) {
            Ok(ExportLine::Header(h)) => h,
            Ok(_) => {
                return Err(malformed(
                    0,
                    "the first line is not an export header".into(),
                ));
            }
            Err(e) => return Err(malformed(0, format!("line 1: {e}"))),
        },
        None => return Err(malformed(0, "the export is empty".into())),
    };
    verify_signed(ring, &header.kid, &header.signature, &header.message()).map_err(|problem| {
        VerifyError {
            seq: header.to_seq,
            problem,
        }
    })?;
    let mut v = ChainVerifier::new(ring);
    let mut first = true;
    for (i, line) in lines {
        let item: ExportLine = serde_json::from_str(line)
            .map_err(|e| malformed(v.next_seq(), format!("line {}: {e}", i + 1)))?;
        if std::mem::take(&mut first) {
            // The export must start where its header says; otherwise a cut-off beginning could
            // pass by anchoring on a later checkpoint.
            let starts_at = match &item {
                ExportLine::Checkpoint(c) => c.seq + 1,
                ExportLine::Record(r) => r.seq,
                ExportLine::Stub(s) => s.seq,
                ExportLine::Header(_) => header.from_seq,
            };
            if starts_at != header.from_seq {
                return Err(VerifyError {
                    seq: header.from_seq,
                    problem: Problem::Gap {
                        expected: header.from_seq,
                    },
                });
            }
        }
        match item {
            ExportLine::Header(_) => {
                return Err(malformed(
                    v.next_seq(),
                    format!("line {}: a second header", i + 1),
                ));
            }
            ExportLine::Checkpoint(c) => v.checkpoint(&c)?,
            ExportLine::Record(r) => v.record(&r)?,
            ExportLine::Stub(s) => v.stub(&s)?,
        }
    }
    v.finish(Some((header.to_seq, header.to_hash)))
}
