//! Walks a stream of records, stubs and checkpoints and names the first thing that is off.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::{Checkpoint, Record, Stub};
use crate::Timestamp;
use crate::canonical::Digest;
use crate::keys::KeyRing;

/// What is wrong at a given place in the log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "problem", rename_all = "snake_case")]
pub enum Problem {
    /// A record is missing: the sequence jumps.
    Gap {
        /// The sequence number expected next.
        expected: i64,
    },
    /// A record appears twice or out of order.
    OutOfOrder {
        /// The sequence number expected next.
        expected: i64,
    },
    /// The record's `prev_hash` is not the previous record's hash.
    BrokenLink,
    /// The record's content no longer hashes to its `content_hash` (edited).
    ContentMismatch,
    /// The record's `hash` is not `SHA-256(prev_hash ‖ content_hash)`.
    HashMismatch,
    /// Time runs backwards.
    TimeReversed,
    /// A checkpoint's hash is not the hash of the record it names.
    CheckpointMismatch,
    /// A checkpoint names a record the log does not hold (truncated).
    CheckpointBeyondEnd {
        /// The last record present.
        last: i64,
    },
    /// A checkpoint or header is signed by a key nobody published.
    UnknownKey {
        /// The key id.
        kid: String,
    },
    /// A checkpoint or header is signed by a key that is not an audit key.
    NotAnAuditKey {
        /// The key id.
        kid: String,
    },
    /// A signature does not verify.
    BadSignature {
        /// The key id.
        kid: String,
    },
    /// The log ends before the point its head (or export header) names.
    Truncated {
        /// Where it should end.
        expected_last: i64,
        /// Where it does end.
        actual_last: i64,
    },
    /// The last record is not the head the store or export header names.
    HeadMismatch,
    /// Unreadable input.
    Malformed {
        /// What could not be read.
        detail: String,
    },
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::Gap { expected } => write!(f, "records are missing: expected seq {expected}"),
            Problem::OutOfOrder { expected } => {
                write!(
                    f,
                    "record is duplicated or out of order: expected seq {expected}"
                )
            }
            Problem::BrokenLink => f.write_str("prev_hash does not match the previous record"),
            Problem::ContentMismatch => f.write_str("content does not match its hash (edited)"),
            Problem::HashMismatch => f.write_str("hash is not the link of prev_hash and content"),
            Problem::TimeReversed => f.write_str("time runs backwards"),
            Problem::CheckpointMismatch => {
                f.write_str("checkpoint does not match the record it covers")
            }
            Problem::CheckpointBeyondEnd { last } => write!(
                f,
                "checkpoint covers a record that is missing (deleted, or the log was cut after seq {last})"
            ),
            Problem::UnknownKey { kid } => write!(f, "signed by unknown key `{kid}`"),
            Problem::NotAnAuditKey { kid } => {
                write!(f, "signed by `{kid}`, which is not an audit key")
            }
            Problem::BadSignature { kid } => write!(f, "signature by `{kid}` does not verify"),
            Problem::Truncated {
                expected_last,
                actual_last,
            } => write!(
                f,
                "log ends at seq {actual_last} but should reach seq {expected_last} (truncated)"
            ),
            Problem::HeadMismatch => f.write_str("last record is not the recorded head"),
            Problem::Malformed { detail } => write!(f, "unreadable: {detail}"),
        }
    }
}

/// The first bad record, and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("audit log is not intact at seq {seq}: {problem}")]
pub struct VerifyError {
    /// Where (the sequence number of the record or checkpoint at fault).
    pub seq: i64,
    /// What.
    pub problem: Problem,
}

/// What a successful verification covered.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    /// Full records checked.
    pub records: u64,
    /// Stubs linked through.
    pub stubs: u64,
    /// Checkpoints whose signatures verified.
    pub checkpoints: u64,
    /// The last sequence number.
    pub last_seq: i64,
    /// The last hash.
    pub last_hash: Digest,
    /// The last signed sequence number.
    pub last_checkpoint_seq: Option<i64>,
}

/// Checks a log read in sequence order. Feed each checkpoint right after the record it covers
/// (or first, as the anchor of a stream that does not start at seq 1).
pub struct ChainVerifier<'k> {
    ring: &'k KeyRing,
    started: bool,
    next_seq: i64,
    prev: Digest,
    last_time: Option<Timestamp>,
    summary: Summary,
}

impl<'k> ChainVerifier<'k> {
    /// A verifier that trusts the audit keys in `ring`.
    pub fn new(ring: &'k KeyRing) -> ChainVerifier<'k> {
        ChainVerifier {
            ring,
            started: false,
            next_seq: 1,
            prev: Digest::ZERO,
            last_time: None,
            summary: Summary::default(),
        }
    }

    fn fail<T>(&self, seq: i64, problem: Problem) -> Result<T, VerifyError> {
        Err(VerifyError { seq, problem })
    }

    fn advance(&mut self, seq: i64, content_hash: &Digest) -> Result<Digest, VerifyError> {
        self.started = true;
        if seq > self.next_seq {
            return self.fail(
                seq,
                Problem::Gap {
                    expected: self.next_seq,
                },
            );
        }
        if seq < self.next_seq {
            return self.fail(
                seq,
                Problem::OutOfOrder {
                    expected: self.next_seq,
                },
            );
        }
        let hash = Record::link(&self.prev, content_hash);
        Ok(hash)
    }

    /// Checks the next full record.
    pub fn record(&mut self, r: &Record) -> Result<(), VerifyError> {
        let expected_hash = self.advance(r.seq, &r.content_hash)?;
        if r.prev_hash != self.prev {
            return self.fail(r.seq, Problem::BrokenLink);
        }
        match r.recompute_content_hash() {
            Ok(c) if c == r.content_hash => {}
            Ok(_) => return self.fail(r.seq, Problem::ContentMismatch),
            Err(e) => {
                return self.fail(
                    r.seq,
                    Problem::Malformed {
                        detail: e.to_string(),
                    },
                );
            }
        }
        if r.hash != expected_hash {
            return self.fail(r.seq, Problem::HashMismatch);
        }
        if self.last_time.is_some_and(|t| r.time < t) {
            return self.fail(r.seq, Problem::TimeReversed);
        }
        self.last_time = Some(r.time);
        self.prev = r.hash;
        self.next_seq += 1;
        self.summary.records += 1;
        Ok(())
    }

    /// Links through a stub.
    pub fn stub(&mut self, s: &Stub) -> Result<(), VerifyError> {
        let hash = self.advance(s.seq, &s.content_hash)?;
        self.prev = hash;
        self.next_seq += 1;
        self.summary.stubs += 1;
        Ok(())
    }

    /// Checks a checkpoint: as the anchor if nothing came before it, else against the record
    /// just seen.
    pub fn checkpoint(&mut self, c: &Checkpoint) -> Result<(), VerifyError> {
        if let Err(problem) = c.verify(self.ring) {
            return self.fail(c.seq, problem);
        }
        if !self.started {
            self.started = true;
            self.next_seq = c.seq + 1;
            self.prev = c.hash;
        } else if c.seq >= self.next_seq {
            return self.fail(
                c.seq,
                Problem::CheckpointBeyondEnd {
                    last: self.next_seq - 1,
                },
            );
        } else if c.seq != self.next_seq - 1 || c.hash != self.prev {
            return self.fail(c.seq, Problem::CheckpointMismatch);
        }
        self.summary.checkpoints += 1;
        self.summary.last_checkpoint_seq = Some(c.seq);
        Ok(())
    }

    /// The sequence number expected next.
    pub fn next_seq(&self) -> i64 {
        self.next_seq
    }

    /// Ends the walk; `head` is where the log claims to end, if known.
    pub fn finish(mut self, head: Option<(i64, Digest)>) -> Result<Summary, VerifyError> {
        let last = self.next_seq - 1;
        if let Some((head_seq, head_hash)) = head {
            if head_seq > last {
                return self.fail(
                    last + 1,
                    Problem::Truncated {
                        expected_last: head_seq,
                        actual_last: last,
                    },
                );
            }
            if head_seq < last {
                // Records past the recorded head were added behind the log's back.
                return self.fail(head_seq + 1, Problem::HeadMismatch);
            }
            if head_hash != self.prev {
                return self.fail(last, Problem::HeadMismatch);
            }
        }
        self.summary.last_seq = last;
        self.summary.last_hash = self.prev;
        Ok(self.summary)
    }
}
