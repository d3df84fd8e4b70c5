//! The audit log in the database: appending under the head lock, checkpoints, reading,
//! verification and export.

use mandate_core::audit::{
    Actor, AuditEvent, ChainVerifier, Checkpoint, ExportHeader, ExportLine, Record, Summary,
    VerifyError,
};
use mandate_core::canonical::Digest;
use mandate_core::keys::{KeyPair, KeyRing};
use mandate_core::{AgentId, CaseId, OperatorId, TenantId, Timestamp};
use sqlx::AnyConnection;
use sqlx::any::AnyRow;

use crate::rows::{corrupt, int, opt_text, text, time};
use crate::{Backend, Store, StoreError};

/// The head of the log as stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LogHead {
    /// The last sequence number (0 when empty).
    pub seq: i64,
    /// The last hash.
    pub hash: Digest,
    /// The last record's time.
    pub time: Timestamp,
    /// The last signed sequence number.
    pub last_checkpoint_seq: i64,
}

const PAGE: i64 = 1000;
const RECORD_COLUMNS: &str = "seq, time_ms, tenant, actor_type, actor_id, case_id, kind, payload, prev_hash, content_hash, hash";

fn digest(r: &AnyRow, col: &str) -> Result<Digest, StoreError> {
    let raw = text(r, col)?;
    Digest::from_hex(&raw).ok_or_else(|| corrupt(col, "not a digest"))
}

fn head_from_row(r: &AnyRow) -> Result<LogHead, StoreError> {
    Ok(LogHead {
        seq: int(r, "seq")?,
        hash: digest(r, "hash")?,
        time: time(r, "time_ms")?,
        last_checkpoint_seq: int(r, "last_checkpoint_seq")?,
    })
}

/// Reads a record row. A row that does not even parse is reported as it is rather than failing
/// the read, so that verification can name it: its payload keeps the raw text.
fn record_from_row(r: &AnyRow) -> Result<Record, StoreError> {
    let actor = match (text(r, "actor_type")?.as_str(), opt_text(r, "actor_id")?) {
        ("system", None) => Actor::System,
        ("operator", Some(id)) => {
            Actor::Operator(OperatorId::parse(&id).map_err(|e| corrupt("actor_id", e))?)
        }
        ("agent", Some(id)) => {
            Actor::Agent(AgentId::parse(&id).map_err(|e| corrupt("actor_id", e))?)
        }
        (other, _) => return Err(corrupt("actor_type", other)),
    };
    let raw_payload = text(r, "payload")?;
    let payload =
        serde_json::from_str(&raw_payload).unwrap_or(serde_json::Value::String(raw_payload));
    Ok(Record {
        seq: int(r, "seq")?,
        time: time(r, "time_ms")?,
        tenant: opt_text(r, "tenant")?,
        actor,
        case: opt_text(r, "case_id")?,
        kind: text(r, "kind")?,
        payload,
        prev_hash: digest(r, "prev_hash")?,
        content_hash: digest(r, "content_hash")?,
        hash: digest(r, "hash")?,
    })
}

fn checkpoint_from_row(r: &AnyRow) -> Result<Checkpoint, StoreError> {
    Ok(Checkpoint {
        seq: int(r, "seq")?,
        hash: digest(r, "hash")?,
        time: time(r, "time_ms")?,
        kid: text(r, "kid")?,
        signature: text(r, "signature")?,
    })
}

async fn lock_head(conn: &mut AnyConnection, backend: Backend) -> Result<LogHead, StoreError> {
    let lock = match backend {
        Backend::Postgres => " FOR UPDATE",
        Backend::Sqlite => "",
    };
    let row = sqlx::query(&format!(
        "SELECT seq, hash, time_ms, last_checkpoint_seq FROM audit_head WHERE id = 1{lock}"
    ))
    .fetch_one(&mut *conn)
    .await?;
    head_from_row(&row)
}

async fn insert_checkpoint(conn: &mut AnyConnection, c: &Checkpoint) -> Result<(), StoreError> {
    sqlx::query("INSERT INTO audit_checkpoints (seq, hash, time_ms, kid, signature) VALUES ($1, $2, $3, $4, $5)")
        .bind(c.seq)
        .bind(c.hash.to_hex())
        .bind(mandate_core::to_millis(c.time))
        .bind(&c.kid)
        .bind(&c.signature)
        .execute(&mut *conn)
        .await?;
    sqlx::query("UPDATE audit_head SET last_checkpoint_seq = $1 WHERE id = 1")
        .bind(c.seq)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Appends events after the current head, inside the caller's transaction.
///
/// INVARIANT: the head row is locked from here to commit, so no other transaction (in this or
/// another process) can take the same sequence numbers, and records become visible in the order
/// their sequence numbers say.
pub(crate) async fn append(
    conn: &mut AnyConnection,
    backend: Backend,
    events: &[AuditEvent],
    now: Timestamp,
    signer: Option<&KeyPair>,
    checkpoint_every: i64,
) -> Result<Vec<Record>, StoreError> {
    let head = lock_head(conn, backend).await?;
    // Time never runs backwards along the log, even if clocks of replicas disagree a little.
    let at = mandate_core::from_millis(mandate_core::to_millis(now.max(head.time)));
    let (mut seq, mut hash) = (head.seq, head.hash);
    let mut records = Vec::with_capacity(events.len());
    for e in events {
        let r = Record::seal(
            seq,
            hash,
            at,
            e.tenant.as_ref().map(|t| t.as_str().to_owned()),
            e.actor.clone(),
            e.case.as_ref().map(|c| c.as_str().to_owned()),
            e.kind.clone(),
            e.payload.clone(),
        )
        .map_err(|err| StoreError::Audit(err.to_string()))?;
        sqlx::query(&format!(
            "INSERT INTO audit_records ({RECORD_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)"
        ))
        .bind(r.seq)
        .bind(mandate_core::to_millis(r.time))
        .bind(r.tenant.clone())
        .bind(r.actor.kind())
        .bind(r.actor.id().map(str::to_owned))
        .bind(r.case.clone())
        .bind(&r.kind)
        .bind(serde_json::to_string(&r.payload).map_err(|err| StoreError::Audit(err.to_string()))?)
        .bind(r.prev_hash.to_hex())
        .bind(r.content_hash.to_hex())
        .bind(r.hash.to_hex())
        .execute(&mut *conn)
        .await?;
        seq = r.seq;
        hash = r.hash;
        records.push(r);
    }
    sqlx::query("UPDATE audit_head SET seq = $1, hash = $2, time_ms = $3 WHERE id = 1")
        .bind(seq)
        .bind(hash.to_hex())
        .bind(mandate_core::to_millis(at))
        .execute(&mut *conn)
        .await?;
    if let Some(key) = signer
        && seq - head.last_checkpoint_seq >= checkpoint_every
    {
        insert_checkpoint(conn, &Checkpoint::sign(seq, hash, at, key)).await?;
    }
    Ok(records)
}

/// Which records an export gives in full; the others in its range become stubs.
#[derive(Debug, Clone, Default)]
pub struct ExportSelection {
    /// Only this tenant's records.
    pub tenant: Option<TenantId>,
    /// Only this case's records.
    pub case: Option<CaseId>,
    /// Only records from this sequence number on.
    pub since: Option<i64>,
}

impl ExportSelection {
    fn includes(&self, r: &Record) -> bool {
        self.tenant
            .as_ref()
            .is_none_or(|t| r.tenant.as_deref() == Some(t.as_str()))
            && self
                .case
                .as_ref()
                .is_none_or(|c| r.case.as_deref() == Some(c.as_str()))
            && self.since.is_none_or(|s| r.seq >= s)
    }
}

impl Store {
    /// The head of the log.
    pub async fn log_head(&self) -> Result<LogHead, StoreError> {
        let row = sqlx::query(
            "SELECT seq, hash, time_ms, last_checkpoint_seq FROM audit_head WHERE id = 1",
        )
        .fetch_one(self.read_pool())
        .await?;
        head_from_row(&row)
    }

    /// Signs a checkpoint over the head if records were appended since the last one.
    pub async fn checkpoint_now(&self, now: Timestamp) -> Result<Option<Checkpoint>, StoreError> {
        let Some(key) = self.signer() else {
            return Ok(None);
        };
        let mut tx = self.begin().await?;
        let backend = self.backend();
        let head = lock_head(tx.conn(), backend).await?;
        if head.seq == 0 || head.seq == head.last_checkpoint_seq {
            return Ok(None);
        }
        let c = Checkpoint::sign(head.seq, head.hash, now.max(head.time), &key);
        insert_checkpoint(tx.conn(), &c).await?;
        tx.commit(now).await?;
        Ok(Some(c))
    }

    /// Records with `from <= seq <= to`, in order, at most `limit`.
    pub async fn audit_range(
        &self,
        from: i64,
        to: i64,
        limit: i64,
    ) -> Result<Vec<Record>, StoreError> {
        sqlx::query(&format!(
            "SELECT {RECORD_COLUMNS} FROM audit_records WHERE seq >= $1 AND seq <= $2 ORDER BY seq LIMIT $3"
        ))
        .bind(from)
        .bind(to)
        .bind(limit)
        .fetch_all(self.read_pool())
        .await?
        .iter()
        .map(record_from_row)
        .collect()
    }

    /// The most recent records of these kinds before `before_seq`, newest first; only the
    /// tenant's (and platform-level ones) when a tenant is given.
    pub async fn audit_records_of_kinds(
        &self,
        kinds: &[&str],
        tenant: Option<&TenantId>,
        before_seq: i64,
        limit: i64,
    ) -> Result<Vec<Record>, StoreError> {
        if kinds.is_empty() {
            return Ok(Vec::new());
        }
        let marks: Vec<String> = (3..3 + kinds.len()).map(|i| format!("${i}")).collect();
        let tenant_clause = if tenant.is_some() {
            format!(" AND (tenant = ${} OR tenant IS NULL)", 3 + kinds.len())
        } else {
            String::new()
        };
        let sql = format!(
            "SELECT {RECORD_COLUMNS} FROM audit_records WHERE seq < $1 AND kind IN ({}){tenant_clause} ORDER BY seq DESC LIMIT $2",
            marks.join(", ")
        );
        let mut q = sqlx::query(&sql).bind(before_seq).bind(limit);
        for k in kinds {
            q = q.bind(*k);
        }
        if let Some(t) = tenant {
            q = q.bind(t.as_str());
        }
        q.fetch_all(self.read_pool())
            .await?
            .iter()
            .map(record_from_row)
            .collect()
    }

    /// Records matching a selection, from `since`, in order, at most `limit`.
    pub async fn audit_records(
        &self,
        sel: &ExportSelection,
        limit: i64,
    ) -> Result<Vec<Record>, StoreError> {
        let mut sql = format!("SELECT {RECORD_COLUMNS} FROM audit_records WHERE seq >= $1");
        let mut n = 1;
        if sel.tenant.is_some() {
            n += 1;
            sql.push_str(&format!(" AND tenant = ${n}"));
        }
        if sel.case.is_some() {
            n += 1;
            sql.push_str(&format!(" AND case_id = ${n}"));
        }
        sql.push_str(&format!(" ORDER BY seq LIMIT ${}", n + 1));
        let mut q = sqlx::query(&sql).bind(sel.since.unwrap_or(1));
        if let Some(t) = &sel.tenant {
            q = q.bind(t.as_str());
        }
        if let Some(c) = &sel.case {
            q = q.bind(c.as_str());
        }
        q.bind(limit)
            .fetch_all(self.read_pool())
            .await?
            .iter()
            .map(record_from_row)
            .collect()
    }

    /// Checkpoints with `from <= seq <= to`, in order.
    pub async fn checkpoints(&self, from: i64, to: i64) -> Result<Vec<Checkpoint>, StoreError> {
        sqlx::query("SELECT seq, hash, time_ms, kid, signature FROM audit_checkpoints WHERE seq >= $1 AND seq <= $2 ORDER BY seq")
            .bind(from)
            .bind(to)
            .fetch_all(self.read_pool())
            .await?
            .iter()
            .map(checkpoint_from_row)
            .collect()
    }

    /// Walks the whole stored log against `ring` (the trusted audit keys) and its head.
    /// The outer error is storage failing; the inner one is the log failing verification.
    pub async fn verify_log(
        &self,
        ring: &KeyRing,
    ) -> Result<Result<Summary, VerifyError>, StoreError> {
        let head = self.log_head().await?;
        let mut checkpoints = self.checkpoints(1, i64::MAX).await?.into_iter().peekable();
        let mut v = ChainVerifier::new(ring);
        let mut from = 1;
        loop {
            let page = self.audit_range(from, i64::MAX, PAGE).await?;
            let Some(last) = page.last().map(|r| r.seq) else {
                break;
            };
            for r in &page {
                if let Err(e) = v.record(r) {
                    return Ok(Err(e));
                }
                while let Some(c) = checkpoints.next_if(|c| c.seq <= r.seq) {
                    if let Err(e) = v.checkpoint(&c) {
                        return Ok(Err(e));
                    }
                }
            }
            from = last + 1;
        }
        // Checkpoints past the last record mean records were cut off the end.
        for c in checkpoints {
            if let Err(e) = v.checkpoint(&c) {
                return Ok(Err(e));
            }
        }
        Ok(v.finish(Some((head.seq, head.hash))))
    }

    /// Writes an export of the log to `out`, line by line: a header signed by `key`, the
    /// checkpoint it is anchored on, then every record of the range (in full if selected, else
    /// as a stub) with the checkpoints between them.
    pub async fn export_log(
        &self,
        sel: &ExportSelection,
        key: &KeyPair,
        now: Timestamp,
        out: &mut (dyn FnMut(ExportLine) -> std::io::Result<()> + Send),
    ) -> Result<ExportHeader, StoreError> {
        let io =
            |e: std::io::Error| StoreError::Config(format!("export could not be written: {e}"));
        let head = self.log_head().await?;
        // The first selected record; everything before the last checkpoint preceding it is
        // left out, and that checkpoint anchors the export.
        let first = self
            .audit_records(sel, 1)
            .await?
            .first()
            .map(|r| r.seq)
            .unwrap_or(head.seq + 1)
            .min(head.seq + 1);
        let anchor = self.checkpoints(1, first - 1).await?.pop();
        let from = anchor.as_ref().map_or(1, |c| c.seq + 1);
        let header = ExportHeader::sign(
            from,
            head.seq,
            head.hash,
            sel.case.as_ref().map(|c| c.as_str().to_owned()),
            sel.since,
            sel.tenant.as_ref().map(|t| t.as_str().to_owned()),
            now,
            key,
        );
        out(ExportLine::Header(header.clone())).map_err(io)?;
        if let Some(a) = anchor {
            out(ExportLine::Checkpoint(a)).map_err(io)?;
        }
        let mut checkpoints = self
            .checkpoints(from, head.seq)
            .await?
            .into_iter()
            .peekable();
        let mut next = from;
        while next <= head.seq {
            let page = self.audit_range(next, head.seq, PAGE).await?;
            let Some(last) = page.last().map(|r| r.seq) else {
                break;
            };
            for r in page {
                let seq = r.seq;
                let line = if sel.includes(&r) {
                    ExportLine::Record(r)
                } else {
                    ExportLine::Stub(r.stub())
                };
                out(line).map_err(io)?;
                while let Some(c) = checkpoints.next_if(|c| c.seq <= seq) {
                    out(ExportLine::Checkpoint(c)).map_err(io)?;
                }
            }
            next = last + 1;
        }
        Ok(header)
    }
}
