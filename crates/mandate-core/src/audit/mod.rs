//! The tamper-evident audit log, as pure data and pure checks.
//!
//! Each record's `hash` is `SHA-256(prev_hash ‖ content_hash)`, where `content_hash` is SHA-256
//! over the canonical JSON of everything the record says (sequence number and time included).
//! Signed checkpoints pin the chain's head at intervals; an export carries a signed header naming
//! the last record it holds. Records left out of a filtered export appear as *stubs*
//! (`seq`, `content_hash`) so that the chain still links end to end without revealing them.
//! The storage crate persists these types; the verifier here reads any stream of them.

mod checkpoint;
mod event;
mod export;
mod record;
mod verify;

pub use checkpoint::Checkpoint;
pub use event::{Actor, AuditEvent, Event};
pub use export::{ExportHeader, ExportLine, verify_export};
pub use record::{Record, Stub};
pub use verify::{ChainVerifier, Problem, Summary, VerifyError};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::canonical::Digest;
    use crate::keys::{KeyPair, KeyPurpose, KeyRing};
    use serde_json::json;

    fn chain(n: i64) -> Vec<Record> {
        let mut out: Vec<Record> = Vec::new();
        for i in 1..=n {
            let (seq, prev) = out.last().map_or((0, Digest::ZERO), |r| (r.seq, r.hash));
            let tenant = if i % 2 == 0 { "acme" } else { "other" };
            out.push(
                Record::seal(
                    seq,
                    prev,
                    crate::from_millis(1_000 * i),
                    Some(tenant.into()),
                    Actor::System,
                    None,
                    "test.event".into(),
                    json!({"i": i}),
                )
                .unwrap(),
            );
        }
        out
    }

    fn ring(key: &KeyPair) -> KeyRing {
        let mut r = KeyRing::new();
        r.insert(key.public());
        r
    }

    fn walk(
        records: &[Record],
        cps: &[Checkpoint],
        ring: &KeyRing,
    ) -> Result<Summary, VerifyError> {
        let mut v = ChainVerifier::new(ring);
        for r in records {
            v.record(r)?;
            for c in cps.iter().filter(|c| c.seq == r.seq) {
                v.checkpoint(c)?;
            }
        }
        let last = records.last().map(|r| r.seq).unwrap_or(0);
        for c in cps.iter().filter(|c| c.seq > last) {
            v.checkpoint(c)?;
        }
        v.finish(None)
    }

    #[test]
    fn an_intact_chain_verifies() {
        let key = KeyPair::generate(KeyPurpose::Audit);
        let rs = chain(10);
        let cps = vec![Checkpoint::sign(5, rs[4].hash, rs[4].time, &key)];
        let s = walk(&rs, &cps, &ring(&key)).unwrap();
        assert_eq!((s.records, s.checkpoints, s.last_seq), (10, 1, 10));
    }

    #[test]
    fn tampering_is_detected_at_the_first_bad_record() {
        let key = KeyPair::generate(KeyPurpose::Audit);
        let ring = ring(&key);
        let rs = chain(10);
        let cps = vec![Checkpoint::sign(5, rs[4].hash, rs[4].time, &key)];

        let mut edited = rs.clone();
        edited[3].payload = json!({"i": 999});
        let e = walk(&edited, &cps, &ring).unwrap_err();
        assert_eq!((e.seq, &e.problem), (4, &Problem::ContentMismatch));

        let mut deleted = rs.clone();
        deleted.remove(6);
        assert!(matches!(
            walk(&deleted, &cps, &ring).unwrap_err().problem,
            Problem::Gap { expected: 7 }
        ));

        let mut reordered = rs.clone();
        reordered.swap(2, 3);
        assert_eq!(walk(&reordered, &cps, &ring).unwrap_err().seq, 4);

        // An inserted record with recomputed hashes still breaks at the checkpoint.
        let mut inserted = rs[..3].to_vec();
        let forged = Record::seal(
            3,
            rs[2].hash,
            rs[2].time,
            None,
            Actor::System,
            None,
            "forged".into(),
            json!({}),
        )
        .unwrap();
        inserted.push(forged);
        let mut prev = inserted[3].clone();
        for r in &rs[3..] {
            let next = Record::seal(
                prev.seq,
                prev.hash,
                r.time,
                r.tenant.clone(),
                r.actor.clone(),
                None,
                r.kind.clone(),
                r.payload.clone(),
            )
            .unwrap();
            inserted.push(next.clone());
            prev = next;
        }
        assert_eq!(
            walk(&inserted, &cps, &ring).unwrap_err().problem,
            Problem::CheckpointMismatch
        );

        let truncated = rs[..4].to_vec();
        assert!(matches!(
            walk(&truncated, &cps, &ring).unwrap_err().problem,
            Problem::CheckpointBeyondEnd { last: 4 }
        ));

        let thief = KeyPair::generate(KeyPurpose::Audit);
        let resigned = vec![Checkpoint::sign(5, rs[4].hash, rs[4].time, &thief)];
        assert!(matches!(
            walk(&rs, &resigned, &ring).unwrap_err().problem,
            Problem::UnknownKey { .. }
        ));
        let mut same_kid = resigned[0].clone();
        same_kid.kid = key.kid().to_owned();
        assert!(matches!(
            walk(&rs, &[same_kid], &ring).unwrap_err().problem,
            Problem::BadSignature { .. }
        ));
    }

    fn export(
        rs: &[Record],
        cps: &[Checkpoint],
        key: &KeyPair,
        full: impl Fn(&Record) -> bool,
    ) -> Vec<String> {
        let last = rs.last().unwrap();
        let header = ExportHeader::sign(
            1,
            last.seq,
            last.hash,
            None,
            None,
            Some("acme".into()),
            last.time,
            key,
        );
        let mut lines = vec![serde_json::to_string(&ExportLine::Header(header)).unwrap()];
        for r in rs {
            let line = if full(r) {
                ExportLine::Record(r.clone())
            } else {
                ExportLine::Stub(r.stub())
            };
            lines.push(serde_json::to_string(&line).unwrap());
            for c in cps.iter().filter(|c| c.seq == r.seq) {
                lines.push(serde_json::to_string(&ExportLine::Checkpoint(c.clone())).unwrap());
            }
        }
        lines
    }

    #[test]
    fn exports_verify_offline_with_stubs_and_catch_cuts() {
        let key = KeyPair::generate(KeyPurpose::Audit);
        let ring = ring(&key);
        let rs = chain(8);
        let cps = vec![Checkpoint::sign(4, rs[3].hash, rs[3].time, &key)];
        let lines = export(&rs, &cps, &key, |r| r.tenant.as_deref() == Some("acme"));
        let s = verify_export(lines.iter().map(String::as_str), &ring).unwrap();
        assert_eq!((s.records, s.stubs, s.last_seq), (4, 4, 8));

        let cut = &lines[..lines.len() - 2];
        assert!(matches!(
            verify_export(cut.iter().map(String::as_str), &ring)
                .unwrap_err()
                .problem,
            Problem::Truncated { .. }
        ));
        // Dropping the beginning and anchoring on the later checkpoint is caught too.
        let mut headless = vec![lines[0].clone()];
        headless.extend(lines[5..].iter().cloned());
        assert!(verify_export(headless.iter().map(String::as_str), &ring).is_err());

        let mut edited = lines.clone();
        edited[2] = edited[2].replace("\"i\":2", "\"i\":3");
        assert_eq!(
            verify_export(edited.iter().map(String::as_str), &ring)
                .unwrap_err()
                .problem,
            Problem::ContentMismatch
        );
    }
}
