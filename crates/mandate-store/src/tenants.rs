//! Tenants.

use mandate_core::{TenantId, Timestamp};
use serde::Serialize;

use crate::rows::{parsed, text, time};
use crate::{Store, StoreError, Tx};

/// A tenant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Tenant {
    /// Its id.
    pub id: TenantId,
    /// Its display name.
    pub name: String,
    /// When it was created.
    pub created_at: Timestamp,
}

impl Tx {
    /// Creates a tenant; [`StoreError::Conflict`] if the id exists.
    pub async fn insert_tenant(&mut self, t: &Tenant) -> Result<(), StoreError> {
        sqlx::query("INSERT INTO tenants (id, name, created_at_ms) VALUES ($1, $2, $3)")
            .bind(t.id.as_str())
            .bind(&t.name)
            .bind(mandate_core::to_millis(t.created_at))
            .execute(self.conn())
            .await
            .map_err(|e| StoreError::from_insert(e, &format!("tenant `{}`", t.id)))?;
        Ok(())
    }
}

impl Store {
    /// A tenant by id.
    pub async fn tenant(&self, id: &TenantId) -> Result<Option<Tenant>, StoreError> {
        let row = sqlx::query("SELECT id, name, created_at_ms FROM tenants WHERE id = $1")
            .bind(id.as_str())
            .fetch_optional(self.read_pool())
            .await?;
        row.map(|r| {
            Ok(Tenant {
                id: parsed(&r, "id", TenantId::parse)?,
                name: text(&r, "name")?,
                created_at: time(&r, "created_at_ms")?,
            })
        })
        .transpose()
    }
}
