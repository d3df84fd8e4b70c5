//! Operators: the humans and services that run a tenant, and their roles.

use serde::{Deserialize, Serialize};

use crate::{OperatorId, TenantId, Timestamp};

/// What an operator may do within its tenant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Manages operators, agents, entities and lifecycles.
    Admin,
    /// Decides on approvals up to its `approval_limit`.
    Approver,
    /// Reads the audit log and case trails.
    Auditor,
    /// Owns agents and attests their access reviews.
    Owner,
    /// A back-end: writes entities, introspects credentials, reports action results.
    Service,
}

impl Role {
    /// The role's name as written in policies (`@approval("approver")`) and in the API.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Approver => "approver",
            Role::Auditor => "auditor",
            Role::Owner => "owner",
            Role::Service => "service",
        }
    }

    /// Parses a role name.
    pub fn parse(s: &str) -> Option<Role> {
        Some(match s {
            "admin" => Role::Admin,
            "approver" => Role::Approver,
            "auditor" => Role::Auditor,
            "owner" => Role::Owner,
            "service" => Role::Service,
            _ => return None,
        })
    }
}

/// A human or service account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Operator {
    /// Its id.
    pub id: OperatorId,
    /// Its tenant; `None` only for a platform admin.
    pub tenant: Option<TenantId>,
    /// A display name.
    pub name: String,
    /// Roles within the tenant.
    pub roles: Vec<Role>,
    /// The largest amount (minor currency units) it may approve; only meaningful for approvers.
    pub approval_limit: Option<i64>,
    /// Platform admins manage tenants and act as `admin` in every tenant.
    pub platform_admin: bool,
    /// When it was created.
    pub created_at: Timestamp,
}

impl Operator {
    /// Whether the operator holds `role` in `tenant`.
    ///
    /// INVARIANT: a tenant operator never holds a role in another tenant; only the platform admin
    /// reaches across tenants, and only as `admin`.
    pub fn has_role(&self, tenant: &TenantId, role: Role) -> bool {
        if self.platform_admin {
            return role == Role::Admin;
        }
        self.tenant.as_ref() == Some(tenant) && self.roles.contains(&role)
    }

    /// Whether the operator holds any of `roles` in `tenant`.
    pub fn has_any_role(&self, tenant: &TenantId, roles: &[Role]) -> bool {
        roles.iter().any(|r| self.has_role(tenant, *r))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn op(tenant: &str, roles: Vec<Role>, platform_admin: bool) -> Operator {
        Operator {
            id: OperatorId::generate(),
            tenant: (!tenant.is_empty()).then(|| TenantId::parse(tenant).unwrap()),
            name: "x".into(),
            roles,
            approval_limit: None,
            platform_admin,
            created_at: Timestamp::default(),
        }
    }

    #[test]
    fn roles_do_not_cross_tenants() {
        let acme = TenantId::parse("acme").unwrap();
        let other = TenantId::parse("other").unwrap();
        let a = op("acme", vec![Role::Approver], false);
        assert!(a.has_role(&acme, Role::Approver));
        assert!(!a.has_role(&other, Role::Approver));
        assert!(!a.has_role(&acme, Role::Admin));
        let p = op("", vec![], true);
        assert!(p.has_role(&other, Role::Admin));
        assert!(!p.has_role(&other, Role::Approver));
        for r in [
            Role::Admin,
            Role::Approver,
            Role::Auditor,
            Role::Owner,
            Role::Service,
        ] {
            assert_eq!(Role::parse(r.as_str()), Some(r));
        }
    }
}
