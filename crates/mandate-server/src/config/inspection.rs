//! `[inspection]` and `[tenants.<id>.inspection]`: what inspection does with its findings, for
//! every tenant and per tenant.
//!
//! ```toml
//! [inspection]
//! keep_text = true                 # audit records keep the inspected text (secrets redacted)
//! statement_role = "approver"      # who approves a statement that was escalated
//! [inspection.actions]             # allow | redact | escalate | block
//! commitment = "block"
//! [inspection.actions.commitment_kinds]
//! delivery = "escalate"
//!
//! [tenants.acme.inspection]
//! keep_text = false                # acme's records keep only the text's SHA-256
//! [tenants.acme.inspection.actions]
//! pii = "block"
//! ```
//!
//! A tenant's table is laid over the platform's key by key (and, for `commitment_kinds` and
//! `rewrites`, entry by entry), so a tenant states only what differs.

use std::collections::BTreeMap;

use mandate_core::TenantId;
use mandate_core::operator::Role;
use mandate_inspect::verdict::ActionTable;
use serde::Deserialize;

use super::{ConfigError, bad};

/// `[inspection]` as written.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct RawInspection {
    pub keep_text: Option<bool>,
    /// Who approves a statement that inspection escalated (default `approver`).
    pub statement_role: Option<String>,
    /// Checked when the configuration is resolved, so errors name the tenant.
    pub actions: Option<toml::Table>,
}

/// `[tenants.<id>]` as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct RawTenant {
    #[serde(default)]
    pub inspection: RawInspection,
}

/// What inspection does for one tenant.
#[derive(Debug, Clone, PartialEq)]
pub struct InspectionPolicy {
    /// Whether audit records keep the inspected text (with secrets redacted) or only its hash.
    pub keep_text: bool,
    /// What each kind of finding leads to.
    pub actions: ActionTable,
    /// Who approves an escalated statement.
    pub statement_role: Role,
}

/// Inspection settings of the platform and of each tenant that differs.
#[derive(Debug, Clone, PartialEq)]
pub struct InspectionConfig {
    platform: InspectionPolicy,
    tenants: BTreeMap<TenantId, InspectionPolicy>,
}

impl InspectionConfig {
    /// What inspection does for tenants without a section of their own.
    pub fn platform(&self) -> &InspectionPolicy {
        &self.platform
    }

    /// What inspection does for `tenant`.
    pub fn for_tenant(&self, tenant: &TenantId) -> &InspectionPolicy {
        self.tenants.get(tenant).unwrap_or(&self.platform)
    }

    /// Resolves the written sections.
    pub fn resolve(
        platform: RawInspection,
        tenants: BTreeMap<String, RawTenant>,
    ) -> Result<InspectionConfig, ConfigError> {
        let base = platform.actions.unwrap_or_default();
        let keep_text = platform.keep_text.unwrap_or(true);
        let statement_role = role(
            "inspection.statement_role",
            platform.statement_role.as_deref(),
            Role::Approver,
        )?;
        let resolved = InspectionPolicy {
            keep_text,
            actions: table("inspection.actions", base.clone())?,
            statement_role,
        };
        let mut by_tenant = BTreeMap::new();
        for (id, raw) in tenants {
            let tenant = TenantId::parse(&id).map_err(|e| bad(&format!("tenants.{id}"), e))?;
            let key = format!("tenants.{id}.inspection.actions");
            let merged = overlay(base.clone(), raw.inspection.actions.unwrap_or_default());
            by_tenant.insert(
                tenant,
                InspectionPolicy {
                    keep_text: raw.inspection.keep_text.unwrap_or(keep_text),
                    actions: table(&key, merged)?,
                    statement_role: role(
                        &format!("tenants.{id}.inspection.statement_role"),
                        raw.inspection.statement_role.as_deref(),
                        statement_role,
                    )?,
                },
            );
        }
        Ok(InspectionConfig {
            platform: resolved,
            tenants: by_tenant,
        })
    }
}

impl Default for InspectionConfig {
    fn default() -> InspectionConfig {
        InspectionConfig {
            platform: InspectionPolicy {
                keep_text: true,
                actions: ActionTable::default(),
                statement_role: Role::Approver,
            },
            tenants: BTreeMap::new(),
        }
    }
}

/// Lays `top` over `base`: keys of `top` win; tables inside are merged one level down.
fn overlay(mut base: toml::Table, top: toml::Table) -> toml::Table {
    for (k, v) in top {
        match (base.get_mut(&k), v) {
            (Some(toml::Value::Table(inner)), toml::Value::Table(over)) => {
                inner.extend(over);
            }
            (_, v) => {
                base.insert(k, v);
            }
        }
    }
    base
}

fn role(key: &str, written: Option<&str>, default: Role) -> Result<Role, ConfigError> {
    match written {
        None => Ok(default),
        Some(r) => Role::parse(r).ok_or_else(|| bad(key, format!("`{r}` is not a role"))),
    }
}

fn table(key: &str, t: toml::Table) -> Result<ActionTable, ConfigError> {
    ActionTable::deserialize(toml::Value::Table(t)).map_err(|e| bad(key, e.message()))
}

#[cfg(test)]
mod tests {
    use mandate_inspect::verdict::Action;

    use super::super::{Config, Overrides};

    #[test]
    fn tenants_override_the_platform_key_by_key() {
        let text = r#"
[inspection]
keep_text = true
[inspection.actions]
pii = "block"
[inspection.actions.commitment_kinds]
delivery = "escalate"

[tenants.acme.inspection]
keep_text = false
[tenants.acme.inspection.actions]
secret = "block"
[tenants.acme.inspection.actions.commitment_kinds]
refund = "allow"
"#;
        let c = Config::parse(text, Vec::new(), Overrides::default()).unwrap();
        let acme = c
            .inspection
            .for_tenant(&mandate_core::TenantId::parse("acme").unwrap());
        assert!(!acme.keep_text);
        assert_eq!(acme.actions.secret, Action::Block);
        assert_eq!(
            acme.actions.pii,
            Action::Block,
            "inherited from the platform"
        );
        assert_eq!(
            acme.actions.commitment_kinds.len(),
            2,
            "merged entry by entry"
        );
        let other = c
            .inspection
            .for_tenant(&mandate_core::TenantId::parse("globex").unwrap());
        assert!(other.keep_text);
        assert_eq!(other.actions.secret, Action::Redact);
        assert_eq!(other.actions.pii, Action::Block);
    }

    #[test]
    fn mistakes_name_the_tenant_and_key() {
        let e = Config::parse(
            "[tenants.acme.inspection.actions]\nsecrets = \"block\"\n",
            Vec::new(),
            Overrides::default(),
        )
        .unwrap_err();
        assert!(e.0.contains("tenants.acme.inspection.actions"), "{e}");
        let e = Config::parse(
            "[inspection.actions]\npii = \"shred\"\n",
            Vec::new(),
            Overrides::default(),
        )
        .unwrap_err();
        assert!(e.0.contains("inspection.actions"), "{e}");
        let e = Config::parse(
            "[tenants.\"Not A Slug\".inspection]\nkeep_text = false\n",
            Vec::new(),
            Overrides::default(),
        )
        .unwrap_err();
        assert!(e.0.contains("tenants.Not A Slug"), "{e}");
    }
}
