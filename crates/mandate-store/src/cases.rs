//! Cases.

use mandate_core::case::{Case, CaseState, Customer};
use mandate_core::{AgentId, CaseId, TenantId, Timestamp};
use sqlx::any::AnyRow;

use crate::rows::{int, opt_text, opt_time, parsed, text, time};
use crate::{Store, StoreError, Tx};

const COLUMNS: &str = "id, tenant, agent, customer_id, customer_verified, channel, state, opened_at_ms, closed_at_ms, resolution";

fn from_row(r: &AnyRow) -> Result<Case, StoreError> {
    Ok(Case {
        id: parsed(r, "id", CaseId::parse)?,
        tenant: parsed(r, "tenant", TenantId::parse)?,
        agent: parsed(r, "agent", AgentId::parse)?,
        customer: Customer {
            id: text(r, "customer_id")?,
            verified: int(r, "customer_verified")? != 0,
        },
        channel: text(r, "channel")?,
        state: parsed(r, "state", |s| CaseState::parse(s).ok_or("unknown state"))?,
        opened_at: time(r, "opened_at_ms")?,
        closed_at: opt_time(r, "closed_at_ms")?,
        resolution: opt_text(r, "resolution")?,
    })
}

impl Tx {
    /// Opens a case.
    pub async fn insert_case(&mut self, c: &Case) -> Result<(), StoreError> {
        sqlx::query(&format!(
            "INSERT INTO cases ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"
        ))
        .bind(c.id.as_str())
        .bind(c.tenant.as_str())
        .bind(c.agent.as_str())
        .bind(&c.customer.id)
        .bind(i64::from(c.customer.verified))
        .bind(&c.channel)
        .bind(c.state.as_str())
        .bind(mandate_core::to_millis(c.opened_at))
        .bind(c.closed_at.map(mandate_core::to_millis))
        .bind(c.resolution.clone())
        .execute(self.conn())
        .await
        .map_err(|e| StoreError::from_insert(e, &format!("case `{}`", c.id)))?;
        Ok(())
    }

    /// Reads a case and locks it until commit (closing, deciding on it).
    pub async fn lock_case(&mut self, id: &CaseId) -> Result<Option<Case>, StoreError> {
        self.lock_by_id("cases", COLUMNS, id.as_str(), from_row)
            .await
    }

    /// Closes a case.
    pub async fn close_case(
        &mut self,
        id: &CaseId,
        resolution: &str,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "UPDATE cases SET state = 'closed', resolution = $1, closed_at_ms = $2 WHERE id = $3",
        )
        .bind(resolution)
        .bind(mandate_core::to_millis(at))
        .bind(id.as_str())
        .execute(self.conn())
        .await?;
        Ok(())
    }
}

impl Store {
    /// A case by id.
    pub async fn case(&self, id: &CaseId) -> Result<Option<Case>, StoreError> {
        self.by_id("cases", COLUMNS, id.as_str(), from_row).await
    }
}
