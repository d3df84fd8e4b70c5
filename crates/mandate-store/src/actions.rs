//! Requested actions.

use mandate_core::action::{ActionRecord, ActionStatus, ResourceRef};
use mandate_core::canonical::Digest;
use mandate_core::{ActionId, ActionName, AgentId, ApprovalId, CaseId, TenantId, Timestamp};
use serde_json::Value;
use sqlx::any::AnyRow;

use crate::rows::{corrupt, json, opt_text, opt_time, parsed, text, time, to_json};
use crate::{Store, StoreError, Tx};

const COLUMNS: &str = "id, tenant, case_id, agent, action, resource_type, resource_id, args, args_sha256, reason, \
                       decision, reasons, policies, policy_hash, status, approval_id, created_at_ms, result, result_at_ms";

fn from_row(r: &AnyRow) -> Result<ActionRecord, StoreError> {
    Ok(ActionRecord {
        id: parsed(r, "id", ActionId::parse)?,
        tenant: parsed(r, "tenant", TenantId::parse)?,
        case: parsed(r, "case_id", CaseId::parse)?,
        agent: parsed(r, "agent", AgentId::parse)?,
        action: parsed(r, "action", ActionName::parse)?,
        resource: ResourceRef::new(&text(r, "resource_type")?, &text(r, "resource_id")?)
            .map_err(|e| corrupt("resource", e))?,
        args: json(r, "args")?,
        args_sha256: parsed(r, "args_sha256", |s| {
            Digest::from_hex(s).ok_or("not a digest")
        })?,
        reason: opt_text(r, "reason")?,
        decision: text(r, "decision")?,
        reasons: json(r, "reasons")?,
        policies: json(r, "policies")?,
        policy_hash: text(r, "policy_hash")?,
        status: parsed(r, "status", |s| {
            ActionStatus::parse(s).ok_or("unknown status")
        })?,
        approval: opt_text(r, "approval_id")?
            .map(|a| ApprovalId::parse(&a).map_err(|e| corrupt("approval_id", e)))
            .transpose()?,
        created_at: time(r, "created_at_ms")?,
        result: opt_text(r, "result")?
            .map(|t| serde_json::from_str::<Value>(&t).map_err(|e| corrupt("result", e)))
            .transpose()?,
        result_at: opt_time(r, "result_at_ms")?,
    })
}

impl Tx {
    /// Records an action and its decision.
    pub async fn insert_action(&mut self, a: &ActionRecord) -> Result<(), StoreError> {
        sqlx::query(&format!(
            "INSERT INTO actions ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)"
        ))
        .bind(a.id.as_str())
        .bind(a.tenant.as_str())
        .bind(a.case.as_str())
        .bind(a.agent.as_str())
        .bind(a.action.as_str())
        .bind(a.resource.type_name())
        .bind(a.resource.id())
        .bind(to_json(&a.args)?)
        .bind(a.args_sha256.to_hex())
        .bind(a.reason.clone())
        .bind(&a.decision)
        .bind(to_json(&a.reasons)?)
        .bind(to_json(&a.policies)?)
        .bind(&a.policy_hash)
        .bind(a.status.as_str())
        .bind(a.approval.as_ref().map(|x| x.as_str().to_owned()))
        .bind(mandate_core::to_millis(a.created_at))
        .bind(a.result.as_ref().map(to_json).transpose()?)
        .bind(a.result_at.map(mandate_core::to_millis))
        .execute(self.conn())
        .await
        .map_err(|e| StoreError::from_insert(e, &format!("action `{}`", a.id)))?;
        Ok(())
    }

    /// Reads an action and locks it until commit.
    pub async fn lock_action(&mut self, id: &ActionId) -> Result<Option<ActionRecord>, StoreError> {
        self.lock_by_id("actions", COLUMNS, id.as_str(), from_row)
            .await
    }

    /// Expires every action of a case still waiting for approval (it closed); returns how many.
    pub async fn expire_case_actions(&mut self, case: &CaseId) -> Result<u64, StoreError> {
        let done = sqlx::query(
            "UPDATE actions SET status = 'expired' WHERE case_id = $1 AND status = 'pending_approval'",
        )
        .bind(case.as_str())
        .execute(self.conn())
        .await?;
        Ok(done.rows_affected())
    }

    /// Moves an action to a new status.
    pub async fn set_action_status(
        &mut self,
        id: &ActionId,
        status: ActionStatus,
    ) -> Result<(), StoreError> {
        sqlx::query("UPDATE actions SET status = $1 WHERE id = $2")
            .bind(status.as_str())
            .bind(id.as_str())
            .execute(self.conn())
            .await?;
        Ok(())
    }

    /// Records the executed outcome of an action.
    pub async fn set_action_result(
        &mut self,
        id: &ActionId,
        status: ActionStatus,
        result: &Value,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        sqlx::query("UPDATE actions SET status = $1, result = $2, result_at_ms = $3 WHERE id = $4")
            .bind(status.as_str())
            .bind(to_json(result)?)
            .bind(mandate_core::to_millis(at))
            .bind(id.as_str())
            .execute(self.conn())
            .await?;
        Ok(())
    }
}

impl Store {
    /// An action by id.
    pub async fn action(&self, id: &ActionId) -> Result<Option<ActionRecord>, StoreError> {
        self.by_id("actions", COLUMNS, id.as_str(), from_row).await
    }

    /// The actions of a case, oldest first.
    pub async fn case_actions(&self, case: &CaseId) -> Result<Vec<ActionRecord>, StoreError> {
        sqlx::query(&format!(
            "SELECT {COLUMNS} FROM actions WHERE case_id = $1 ORDER BY created_at_ms, id"
        ))
        .bind(case.as_str())
        .fetch_all(self.read_pool())
        .await?
        .iter()
        .map(from_row)
        .collect()
    }
}
