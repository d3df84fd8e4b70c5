//! Tenant-scoped entities, and the identifiers they name.
//!
//! INVARIANT: every read of entity data names the tenant; there is no way to read an entity
//! without one, so a request of one tenant can never see another tenant's data. The one lookup
//! across tenants, [`Store::identifier_owners`], answers only which tenant and which customer an
//! identifier belongs to — what the leak check needs to redact it — never an entity.

use mandate_core::action::ResourceRef;
use mandate_core::{TenantId, Timestamp};
use serde_json::Value;

use crate::rows::{corrupt, text};
use crate::{Store, StoreError, Tx};

/// A stored entity: its explicit Cedar JSON and the schema it was checked against.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredEntity {
    /// Cedar JSON (`uid`, `attrs`, `parents`).
    pub body: Value,
    /// Hash of the schema it conformed to when stored.
    pub schema_hash: String,
}

/// What an entity is known by: canonical identifiers (its id, emails and references among its
/// attributes) and the customer it belongs to, if any.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EntityIndex {
    /// Canonical identifiers.
    pub identifiers: Vec<String>,
    /// The customer id it belongs to.
    pub owner: Option<String>,
}

/// Where an identifier was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdentifierOwner {
    /// The canonical identifier.
    pub identifier: String,
    /// The tenant of the entity that names it.
    pub tenant: TenantId,
    /// The customer that entity belongs to, if any.
    pub owner: Option<String>,
}

/// Deepest ancestry followed, and most ancestors loaded, for one resource.
const MAX_DEPTH: usize = 8;
const MAX_ANCESTORS: usize = 64;

impl Tx {
    /// Inserts or replaces an entity of a tenant, with the identifiers it is known by.
    pub async fn upsert_entity(
        &mut self,
        tenant: &TenantId,
        uid: &ResourceRef,
        body: &Value,
        schema_hash: &str,
        index: &EntityIndex,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO entities (tenant, entity_type, entity_id, body, schema_hash, updated_at_ms) \
             VALUES ($1, $2, $3, $4, $5, $6) \
             ON CONFLICT (tenant, entity_type, entity_id) DO UPDATE SET body = excluded.body, \
             schema_hash = excluded.schema_hash, updated_at_ms = excluded.updated_at_ms",
        )
        .bind(tenant.as_str())
        .bind(uid.type_name())
        .bind(uid.id())
        .bind(crate::rows::to_json(body)?)
        .bind(schema_hash)
        .bind(mandate_core::to_millis(now))
        .execute(self.conn())
        .await?;
        sqlx::query(
            "DELETE FROM entity_identifiers WHERE tenant = $1 AND entity_type = $2 AND entity_id = $3",
        )
        .bind(tenant.as_str())
        .bind(uid.type_name())
        .bind(uid.id())
        .execute(self.conn())
        .await?;
        let mut seen: Vec<&String> = Vec::new();
        for ident in &index.identifiers {
            if seen.contains(&ident) {
                continue;
            }
            seen.push(ident);
            sqlx::query(
                "INSERT INTO entity_identifiers (tenant, identifier, entity_type, entity_id, owner) \
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(tenant.as_str())
            .bind(ident.as_str())
            .bind(uid.type_name())
            .bind(uid.id())
            .bind(index.owner.clone())
            .execute(self.conn())
            .await?;
        }
        Ok(())
    }
}

impl Store {
    /// An entity of a tenant.
    pub async fn entity(
        &self,
        tenant: &TenantId,
        uid: &ResourceRef,
    ) -> Result<Option<StoredEntity>, StoreError> {
        let row = sqlx::query("SELECT body, schema_hash FROM entities WHERE tenant = $1 AND entity_type = $2 AND entity_id = $3")
            .bind(tenant.as_str())
            .bind(uid.type_name())
            .bind(uid.id())
            .fetch_optional(self.read_pool())
            .await?;
        row.map(|r| {
            let raw = text(&r, "body")?;
            Ok(StoredEntity {
                body: serde_json::from_str(&raw).map_err(|e| corrupt("body", e))?,
                schema_hash: text(&r, "schema_hash")?,
            })
        })
        .transpose()
    }

    /// In which tenants, and for which customers, stored entities name these identifiers.
    /// Deliberately the only lookup across tenants: it returns no entity data.
    pub async fn identifier_owners(
        &self,
        identifiers: &[String],
    ) -> Result<Vec<IdentifierOwner>, StoreError> {
        if identifiers.is_empty() {
            return Ok(Vec::new());
        }
        let marks: Vec<String> = (1..=identifiers.len()).map(|i| format!("${i}")).collect();
        let sql = format!(
            "SELECT DISTINCT identifier, tenant, owner FROM entity_identifiers WHERE identifier IN ({})",
            marks.join(", ")
        );
        let mut q = sqlx::query(&sql);
        for i in identifiers {
            q = q.bind(i.as_str());
        }
        q.fetch_all(self.read_pool())
            .await?
            .iter()
            .map(|r| {
                Ok(IdentifierOwner {
                    identifier: text(r, "identifier")?,
                    tenant: TenantId::parse(&text(r, "tenant")?)
                        .map_err(|e| corrupt("tenant", e))?,
                    owner: crate::rows::opt_text(r, "owner")?,
                })
            })
            .collect()
    }

    /// The ancestors of an entity within the same tenant, breadth first, bounded.
    pub async fn ancestors(
        &self,
        tenant: &TenantId,
        entity: &StoredEntity,
    ) -> Result<Vec<StoredEntity>, StoreError> {
        let mut out: Vec<StoredEntity> = Vec::new();
        let mut frontier = parents(&entity.body);
        for _ in 0..MAX_DEPTH {
            let mut next = Vec::new();
            for uid in frontier {
                if out.len() >= MAX_ANCESTORS
                    || out.iter().any(|e| uid_of(&e.body).as_ref() == Some(&uid))
                {
                    continue;
                }
                if let Some(parent) = self.entity(tenant, &uid).await? {
                    next.extend(parents(&parent.body));
                    out.push(parent);
                }
            }
            if next.is_empty() {
                break;
            }
            frontier = next;
        }
        Ok(out)
    }
}

fn uid_of(v: &Value) -> Option<ResourceRef> {
    let u = v.get("uid")?;
    let u = u.get("__entity").unwrap_or(u);
    ResourceRef::new(u.get("type")?.as_str()?, u.get("id")?.as_str()?).ok()
}

fn parents(v: &Value) -> Vec<ResourceRef> {
    v.get("parents")
        .and_then(Value::as_array)
        .map(|ps| {
            ps.iter()
                .filter_map(|p| {
                    let p = p.get("__entity").unwrap_or(p);
                    ResourceRef::new(p.get("type")?.as_str()?, p.get("id")?.as_str()?).ok()
                })
                .collect()
        })
        .unwrap_or_default()
}
