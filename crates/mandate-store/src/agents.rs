//! Agents.

use mandate_core::agent::{Agent, AgentStatus};
use mandate_core::{ActionName, AgentId, OperatorId, TenantId, Timestamp};
use sqlx::any::AnyRow;

use crate::rows::{corrupt, int, json, parsed, text, time, to_json};
use crate::{Store, StoreError, Tx};

const COLUMNS: &str = "id, tenant, name, owner, purpose, actions, closure_authority, \
                       review_interval_days, status, created_at_ms, last_review_at_ms";

fn from_row(r: &AnyRow) -> Result<Agent, StoreError> {
    let actions: Vec<String> = json(r, "actions")?;
    Ok(Agent {
        id: parsed(r, "id", AgentId::parse)?,
        tenant: parsed(r, "tenant", TenantId::parse)?,
        name: text(r, "name")?,
        owner: parsed(r, "owner", OperatorId::parse)?,
        purpose: text(r, "purpose")?,
        actions: actions
            .iter()
            .map(|a| ActionName::parse(a).map_err(|e| corrupt("actions", e)))
            .collect::<Result<_, _>>()?,
        closure_authority: json(r, "closure_authority")?,
        review_interval_days: u32::try_from(int(r, "review_interval_days")?)
            .map_err(|e| corrupt("review_interval_days", e))?,
        status: parsed(r, "status", |s| {
            AgentStatus::parse(s).ok_or("unknown status")
        })?,
        created_at: time(r, "created_at_ms")?,
        last_review_at: time(r, "last_review_at_ms")?,
    })
}

impl Tx {
    /// Registers an agent.
    pub async fn insert_agent(&mut self, a: &Agent) -> Result<(), StoreError> {
        let actions: Vec<&str> = a.actions.iter().map(|x| x.as_str()).collect();
        sqlx::query(&format!(
            "INSERT INTO agents ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)"
        ))
        .bind(a.id.as_str())
        .bind(a.tenant.as_str())
        .bind(&a.name)
        .bind(a.owner.as_str())
        .bind(&a.purpose)
        .bind(to_json(&actions)?)
        .bind(to_json(&a.closure_authority)?)
        .bind(i64::from(a.review_interval_days))
        .bind(a.status.as_str())
        .bind(mandate_core::to_millis(a.created_at))
        .bind(mandate_core::to_millis(a.last_review_at))
        .execute(self.conn())
        .await
        .map_err(|e| StoreError::from_insert(e, &format!("agent `{}`", a.id)))?;
        Ok(())
    }

    /// Reads an agent and locks its row until commit.
    pub async fn lock_agent(&mut self, id: &AgentId) -> Result<Option<Agent>, StoreError> {
        self.lock_by_id("agents", COLUMNS, id.as_str(), from_row)
            .await
    }

    /// Sets an agent's status.
    pub async fn set_agent_status(
        &mut self,
        id: &AgentId,
        status: AgentStatus,
    ) -> Result<(), StoreError> {
        sqlx::query("UPDATE agents SET status = $1 WHERE id = $2")
            .bind(status.as_str())
            .bind(id.as_str())
            .execute(self.conn())
            .await?;
        Ok(())
    }

    /// Restarts an agent's review clock.
    pub async fn set_agent_reviewed(
        &mut self,
        id: &AgentId,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        sqlx::query("UPDATE agents SET last_review_at_ms = $1 WHERE id = $2")
            .bind(mandate_core::to_millis(at))
            .bind(id.as_str())
            .execute(self.conn())
            .await?;
        Ok(())
    }
}

impl Store {
    /// An agent by id.
    pub async fn agent(&self, id: &AgentId) -> Result<Option<Agent>, StoreError> {
        self.by_id("agents", COLUMNS, id.as_str(), from_row).await
    }

    /// Agents, of one tenant or of all.
    pub async fn agents(&self, tenant: Option<&TenantId>) -> Result<Vec<Agent>, StoreError> {
        let rows = match tenant {
            Some(t) => {
                sqlx::query(&format!(
                    "SELECT {COLUMNS} FROM agents WHERE tenant = $1 ORDER BY created_at_ms, id"
                ))
                .bind(t.as_str())
                .fetch_all(self.read_pool())
                .await?
            }
            None => {
                sqlx::query(&format!(
                    "SELECT {COLUMNS} FROM agents ORDER BY created_at_ms, id"
                ))
                .fetch_all(self.read_pool())
                .await?
            }
        };
        rows.iter().map(from_row).collect()
    }
}
