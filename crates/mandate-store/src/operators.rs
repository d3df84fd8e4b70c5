//! Operators and the bearer tokens of operators and agents.

use mandate_core::canonical::Digest;
use mandate_core::operator::{Operator, Role};
use mandate_core::{OperatorId, TenantId, Timestamp};
use sqlx::any::AnyRow;

use crate::rows::{corrupt, int, json, opt_int, opt_text, parsed, text, time, to_json};
use crate::{Store, StoreError, Tx};

/// Who a token belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PrincipalKind {
    /// An operator.
    Operator,
    /// An agent.
    Agent,
}

impl PrincipalKind {
    fn as_str(self) -> &'static str {
        match self {
            PrincipalKind::Operator => "operator",
            PrincipalKind::Agent => "agent",
        }
    }
}

/// A stored token: its owner and the digest of its secret.
#[derive(Debug, Clone)]
pub struct TokenRow {
    /// Operator or agent.
    pub kind: PrincipalKind,
    /// The operator or agent id.
    pub principal_id: String,
    /// Digest of the secret.
    pub secret_digest: Digest,
    /// Set once revoked (rotation, retirement).
    pub revoked_at: Option<Timestamp>,
}

const OPERATOR_COLUMNS: &str =
    "id, tenant, name, roles, approval_limit, platform_admin, created_at_ms";

fn operator_from_row(r: &AnyRow) -> Result<Operator, StoreError> {
    let roles: Vec<String> = json(r, "roles")?;
    let roles = roles
        .iter()
        .map(|s| Role::parse(s).ok_or_else(|| corrupt("roles", s)))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Operator {
        id: parsed(r, "id", OperatorId::parse)?,
        tenant: opt_text(r, "tenant")?
            .map(|t| TenantId::parse(&t).map_err(|e| corrupt("tenant", e)))
            .transpose()?,
        name: text(r, "name")?,
        roles,
        approval_limit: opt_int(r, "approval_limit")?,
        platform_admin: int(r, "platform_admin")? != 0,
        created_at: time(r, "created_at_ms")?,
    })
}

impl Tx {
    /// Creates an operator.
    pub async fn insert_operator(&mut self, op: &Operator) -> Result<(), StoreError> {
        let roles: Vec<&str> = op.roles.iter().map(|r| r.as_str()).collect();
        sqlx::query(&format!(
            "INSERT INTO operators ({OPERATOR_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7)"
        ))
        .bind(op.id.as_str())
        .bind(op.tenant.as_ref().map(|t| t.as_str().to_owned()))
        .bind(&op.name)
        .bind(to_json(&roles)?)
        .bind(op.approval_limit)
        .bind(i64::from(op.platform_admin))
        .bind(mandate_core::to_millis(op.created_at))
        .execute(self.conn())
        .await
        .map_err(|e| StoreError::from_insert(e, &format!("operator `{}`", op.id)))?;
        Ok(())
    }

    /// Whether a platform admin exists, read under the write lock (used to bootstrap once).
    pub async fn has_platform_admin(&mut self) -> Result<bool, StoreError> {
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM operators WHERE platform_admin = 1")
            .fetch_one(self.conn())
            .await?;
        Ok(n > 0)
    }

    /// Stores a token digest.
    pub async fn insert_token(
        &mut self,
        id: &str,
        kind: PrincipalKind,
        principal_id: &str,
        secret_digest: &Digest,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO tokens (id, principal_kind, principal_id, secret_digest, created_at_ms) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(id)
        .bind(kind.as_str())
        .bind(principal_id)
        .bind(secret_digest.to_hex())
        .bind(mandate_core::to_millis(now))
        .execute(self.conn())
        .await
        .map_err(|e| StoreError::from_insert(e, "token"))?;
        Ok(())
    }

    /// Revokes every live token of a principal; returns how many.
    pub async fn revoke_tokens_of(
        &mut self,
        principal_id: &str,
        now: Timestamp,
    ) -> Result<u64, StoreError> {
        let done = sqlx::query(
            "UPDATE tokens SET revoked_at_ms = $1 WHERE principal_id = $2 AND revoked_at_ms IS NULL",
        )
        .bind(mandate_core::to_millis(now))
        .bind(principal_id)
        .execute(self.conn())
        .await?;
        Ok(done.rows_affected())
    }
}

impl Store {
    /// An operator by id.
    pub async fn operator(&self, id: &OperatorId) -> Result<Option<Operator>, StoreError> {
        sqlx::query(&format!(
            "SELECT {OPERATOR_COLUMNS} FROM operators WHERE id = $1"
        ))
        .bind(id.as_str())
        .fetch_optional(self.read_pool())
        .await?
        .as_ref()
        .map(operator_from_row)
        .transpose()
    }

    /// The operators of a tenant.
    pub async fn operators(&self, tenant: &TenantId) -> Result<Vec<Operator>, StoreError> {
        sqlx::query(&format!(
            "SELECT {OPERATOR_COLUMNS} FROM operators WHERE tenant = $1 ORDER BY created_at_ms, id"
        ))
        .bind(tenant.as_str())
        .fetch_all(self.read_pool())
        .await?
        .iter()
        .map(operator_from_row)
        .collect()
    }

    /// A token by id.
    pub async fn token(&self, id: &str) -> Result<Option<TokenRow>, StoreError> {
        let row = sqlx::query(
            "SELECT principal_kind, principal_id, secret_digest, revoked_at_ms FROM tokens WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(self.read_pool())
        .await?;
        let Some(r) = row else { return Ok(None) };
        let kind = match text(&r, "principal_kind")?.as_str() {
            "operator" => PrincipalKind::Operator,
            "agent" => PrincipalKind::Agent,
            other => return Err(corrupt("principal_kind", other)),
        };
        Ok(Some(TokenRow {
            kind,
            principal_id: text(&r, "principal_id")?,
            secret_digest: parsed(&r, "secret_digest", |s| {
                Digest::from_hex(s).ok_or("not a digest")
            })?,
            revoked_at: crate::rows::opt_time(&r, "revoked_at_ms")?,
        }))
    }
}
