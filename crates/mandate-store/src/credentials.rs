//! Issued credentials: never the token, only what introspection and revocation need.

use mandate_core::credential::Claims;
use mandate_core::{ActionId, AgentId, CaseId, TenantId, Timestamp};
use sqlx::any::AnyRow;

use crate::rows::{json, opt_time, parsed, text, time, to_json};
use crate::{Store, StoreError, Tx};

/// A stored credential.
#[derive(Debug, Clone, PartialEq)]
pub struct CredentialRow {
    /// The token id.
    pub jti: String,
    /// Tenant.
    pub tenant: TenantId,
    /// Case.
    pub case: CaseId,
    /// Agent.
    pub agent: AgentId,
    /// Action.
    pub action: ActionId,
    /// The signing key.
    pub kid: String,
    /// The claims as signed.
    pub claims: Claims,
    /// Issued.
    pub issued_at: Timestamp,
    /// Expires.
    pub expires_at: Timestamp,
    /// Revoked, if it was.
    pub revoked_at: Option<Timestamp>,
}

const COLUMNS: &str = "jti, tenant, case_id, agent, action_id, kid, claims, issued_at_ms, expires_at_ms, revoked_at_ms";

fn from_row(r: &AnyRow) -> Result<CredentialRow, StoreError> {
    Ok(CredentialRow {
        jti: text(r, "jti")?,
        tenant: parsed(r, "tenant", TenantId::parse)?,
        case: parsed(r, "case_id", CaseId::parse)?,
        agent: parsed(r, "agent", AgentId::parse)?,
        action: parsed(r, "action_id", ActionId::parse)?,
        kid: text(r, "kid")?,
        claims: json(r, "claims")?,
        issued_at: time(r, "issued_at_ms")?,
        expires_at: time(r, "expires_at_ms")?,
        revoked_at: opt_time(r, "revoked_at_ms")?,
    })
}

impl Tx {
    /// Records an issued credential.
    pub async fn insert_credential(&mut self, c: &CredentialRow) -> Result<(), StoreError> {
        sqlx::query(&format!(
            "INSERT INTO credentials ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"
        ))
        .bind(&c.jti)
        .bind(c.tenant.as_str())
        .bind(c.case.as_str())
        .bind(c.agent.as_str())
        .bind(c.action.as_str())
        .bind(&c.kid)
        .bind(to_json(&c.claims)?)
        .bind(mandate_core::to_millis(c.issued_at))
        .bind(mandate_core::to_millis(c.expires_at))
        .bind(c.revoked_at.map(mandate_core::to_millis))
        .execute(self.conn())
        .await
        .map_err(|e| StoreError::from_insert(e, "credential"))?;
        Ok(())
    }

    /// Revokes the live credentials matching `column = value`; returns their ids.
    async fn revoke_where(
        &mut self,
        column: &str,
        value: &str,
        now: Timestamp,
    ) -> Result<Vec<String>, StoreError> {
        let ids: Vec<String> = sqlx::query_scalar(&format!(
            "UPDATE credentials SET revoked_at_ms = $1 \
             WHERE {column} = $2 AND revoked_at_ms IS NULL AND expires_at_ms > $1 RETURNING jti"
        ))
        .bind(mandate_core::to_millis(now))
        .bind(value)
        .fetch_all(self.conn())
        .await?;
        Ok(ids)
    }

    /// Revokes every live credential of a case.
    pub async fn revoke_case_credentials(
        &mut self,
        case: &CaseId,
        now: Timestamp,
    ) -> Result<Vec<String>, StoreError> {
        self.revoke_where("case_id", case.as_str(), now).await
    }

    /// Revokes every live credential of an action.
    pub async fn revoke_action_credentials(
        &mut self,
        action: &ActionId,
        now: Timestamp,
    ) -> Result<Vec<String>, StoreError> {
        self.revoke_where("action_id", action.as_str(), now).await
    }

    /// Revokes every live credential of an agent.
    pub async fn revoke_agent_credentials(
        &mut self,
        agent: &AgentId,
        now: Timestamp,
    ) -> Result<Vec<String>, StoreError> {
        self.revoke_where("agent", agent.as_str(), now).await
    }

    /// Revokes one credential; returns whether it was live.
    pub async fn revoke_credential(
        &mut self,
        jti: &str,
        now: Timestamp,
    ) -> Result<bool, StoreError> {
        Ok(!self.revoke_where("jti", jti, now).await?.is_empty())
    }
}

impl Store {
    /// A credential by token id.
    pub async fn credential(&self, jti: &str) -> Result<Option<CredentialRow>, StoreError> {
        sqlx::query(&format!("SELECT {COLUMNS} FROM credentials WHERE jti = $1"))
            .bind(jti)
            .fetch_optional(self.read_pool())
            .await?
            .as_ref()
            .map(from_row)
            .transpose()
    }

    /// The credentials issued for an action, newest first.
    pub async fn action_credentials(
        &self,
        action: &ActionId,
    ) -> Result<Vec<CredentialRow>, StoreError> {
        sqlx::query(&format!(
            "SELECT {COLUMNS} FROM credentials WHERE action_id = $1 ORDER BY issued_at_ms DESC, jti"
        ))
        .bind(action.as_str())
        .fetch_all(self.read_pool())
        .await?
        .iter()
        .map(from_row)
        .collect()
    }
}
