//! Approvals.

use mandate_core::approval::{Approval, ApprovalKind, ApprovalStatus};
use mandate_core::canonical::Digest;
use mandate_core::operator::Role;
use mandate_core::{ApprovalId, CaseId, OperatorId, TenantId, Timestamp};
use sqlx::any::AnyRow;

use crate::rows::{corrupt, json, opt_int, opt_text, opt_time, parsed, text, time, to_json};
use crate::{Store, StoreError, Tx};

const COLUMNS: &str = "id, tenant, case_id, kind, role, amount, subject, subject_sha256, status, requested_at_ms, \
                       expires_at_ms, decided_by, decided_at_ms, decision_reason";

fn from_row(r: &AnyRow) -> Result<Approval, StoreError> {
    Ok(Approval {
        id: parsed(r, "id", ApprovalId::parse)?,
        tenant: parsed(r, "tenant", TenantId::parse)?,
        case: parsed(r, "case_id", CaseId::parse)?,
        kind: parsed(r, "kind", |s| ApprovalKind::parse(s).ok_or("unknown kind"))?,
        role: parsed(r, "role", |s| Role::parse(s).ok_or("unknown role"))?,
        amount: opt_int(r, "amount")?,
        subject: json(r, "subject")?,
        subject_sha256: parsed(r, "subject_sha256", |s| {
            Digest::from_hex(s).ok_or("not a digest")
        })?,
        status: parsed(r, "status", |s| {
            ApprovalStatus::parse(s).ok_or("unknown status")
        })?,
        requested_at: time(r, "requested_at_ms")?,
        expires_at: time(r, "expires_at_ms")?,
        decided_by: opt_text(r, "decided_by")?
            .map(|o| OperatorId::parse(&o).map_err(|e| corrupt("decided_by", e)))
            .transpose()?,
        decided_at: opt_time(r, "decided_at_ms")?,
        decision_reason: opt_text(r, "decision_reason")?,
    })
}

impl Tx {
    /// Records a new approval request.
    pub async fn insert_approval(&mut self, a: &Approval) -> Result<(), StoreError> {
        sqlx::query(&format!(
            "INSERT INTO approvals ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)"
        ))
        .bind(a.id.as_str())
        .bind(a.tenant.as_str())
        .bind(a.case.as_str())
        .bind(a.kind.as_str())
        .bind(a.role.as_str())
        .bind(a.amount)
        .bind(to_json(&a.subject)?)
        .bind(a.subject_sha256.to_hex())
        .bind(a.status.as_str())
        .bind(mandate_core::to_millis(a.requested_at))
        .bind(mandate_core::to_millis(a.expires_at))
        .bind(a.decided_by.as_ref().map(|o| o.as_str().to_owned()))
        .bind(a.decided_at.map(mandate_core::to_millis))
        .bind(a.decision_reason.clone())
        .execute(self.conn())
        .await
        .map_err(|e| StoreError::from_insert(e, &format!("approval `{}`", a.id)))?;
        Ok(())
    }

    /// Reads an approval and locks it until commit.
    pub async fn lock_approval(&mut self, id: &ApprovalId) -> Result<Option<Approval>, StoreError> {
        self.lock_by_id("approvals", COLUMNS, id.as_str(), from_row)
            .await
    }

    /// Expires every pending approval of a case (it closed); returns their ids.
    pub async fn expire_case_approvals(
        &mut self,
        case: &CaseId,
        reason: &str,
        at: Timestamp,
    ) -> Result<Vec<ApprovalId>, StoreError> {
        let rows = sqlx::query(
            "UPDATE approvals SET status = 'expired', decision_reason = $1, decided_at_ms = $2 \
             WHERE case_id = $3 AND status = 'pending' RETURNING id",
        )
        .bind(reason)
        .bind(mandate_core::to_millis(at))
        .bind(case.as_str())
        .fetch_all(self.conn())
        .await?;
        rows.iter()
            .map(|r| ApprovalId::parse(&text(r, "id")?).map_err(|e| corrupt("id", e)))
            .collect()
    }

    /// Records a decision.
    pub async fn decide_approval(
        &mut self,
        id: &ApprovalId,
        status: ApprovalStatus,
        by: Option<&OperatorId>,
        reason: Option<&str>,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        sqlx::query("UPDATE approvals SET status = $1, decided_by = $2, decision_reason = $3, decided_at_ms = $4 WHERE id = $5")
            .bind(status.as_str())
            .bind(by.map(|o| o.as_str().to_owned()))
            .bind(reason.map(str::to_owned))
            .bind(mandate_core::to_millis(at))
            .bind(id.as_str())
            .execute(self.conn())
            .await?;
        Ok(())
    }
}

impl Store {
    /// An approval by id.
    pub async fn approval(&self, id: &ApprovalId) -> Result<Option<Approval>, StoreError> {
        self.by_id("approvals", COLUMNS, id.as_str(), from_row)
            .await
    }

    /// A tenant's approvals with a status, oldest first.
    pub async fn approvals(
        &self,
        tenant: &TenantId,
        status: Option<ApprovalStatus>,
        limit: i64,
    ) -> Result<Vec<Approval>, StoreError> {
        let rows = match status {
            Some(s) => {
                sqlx::query(&format!(
                    "SELECT {COLUMNS} FROM approvals WHERE tenant = $1 AND status = $2 ORDER BY requested_at_ms, id LIMIT $3"
                ))
                .bind(tenant.as_str())
                .bind(s.as_str())
                .bind(limit)
                .fetch_all(self.read_pool())
                .await?
            }
            None => {
                sqlx::query(&format!("SELECT {COLUMNS} FROM approvals WHERE tenant = $1 ORDER BY requested_at_ms, id LIMIT $2"))
                    .bind(tenant.as_str())
                    .bind(limit)
                    .fetch_all(self.read_pool())
                    .await?
            }
        };
        rows.iter().map(from_row).collect()
    }

    /// The approvals of a case, oldest first.
    pub async fn case_approvals(&self, case: &CaseId) -> Result<Vec<Approval>, StoreError> {
        sqlx::query(&format!(
            "SELECT {COLUMNS} FROM approvals WHERE case_id = $1 ORDER BY requested_at_ms, id"
        ))
        .bind(case.as_str())
        .fetch_all(self.read_pool())
        .await?
        .iter()
        .map(from_row)
        .collect()
    }
}
