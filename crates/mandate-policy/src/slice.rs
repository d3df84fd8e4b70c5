//! Policy slicing: for each (action, tenant) the subset of policies that could apply.
//!
//! Cedar evaluates every policy it is given. A deployment with many tenants and actions has
//! most policies irrelevant to any one request, so each request is evaluated over its slice:
//! policies whose action scope can include the action, and whose principal scope is not pinned
//! to another tenant (`principal in Mandate::Tenant::"other"`). Leaving out a policy that can
//! never be satisfied for the request does not change the outcome.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use cedar_policy::{ActionConstraint, Entities, EntityUid, PolicySet, PrincipalConstraint};

pub(crate) struct Slices {
    /// action → tenant → slice; nested so a lookup needs no allocation.
    cache: RwLock<HashMap<String, HashMap<String, Arc<PolicySet>>>>,
}

/// Slices cached beyond this many are rebuilt on each use (bounds memory with many tenants).
const MAX_CACHED: usize = 50_000;

impl Slices {
    pub(crate) fn new() -> Slices {
        Slices {
            cache: RwLock::new(HashMap::new()),
        }
    }

    pub(crate) fn get(
        &self,
        all: &PolicySet,
        actions: &Entities,
        action: &EntityUid,
        tenant: &EntityUid,
        action_name: &str,
        tenant_name: &str,
    ) -> Arc<PolicySet> {
        let hit = self
            .cache
            .read()
            .ok()
            .and_then(|c| c.get(action_name).and_then(|t| t.get(tenant_name)).cloned());
        if let Some(hit) = hit {
            return hit;
        }
        let slice = Arc::new(build(all, actions, action, tenant));
        if let Ok(mut c) = self.cache.write() {
            let cached: usize = c.values().map(HashMap::len).sum();
            if cached < MAX_CACHED {
                c.entry(action_name.to_owned())
                    .or_default()
                    .insert(tenant_name.to_owned(), slice.clone());
            }
        }
        slice
    }
}

fn build(all: &PolicySet, actions: &Entities, action: &EntityUid, tenant: &EntityUid) -> PolicySet {
    let mut out = PolicySet::new();
    for p in all.policies() {
        if applies_to_action(&p.action_constraint(), actions, action)
            && may_apply_to_tenant(&p.principal_constraint(), tenant)
        {
            // INVARIANT: ids are unique in `all`, so adding to a fresh set cannot conflict.
            let _ = out.add(p.clone());
        }
    }
    out
}

fn applies_to_action(c: &ActionConstraint, actions: &Entities, action: &EntityUid) -> bool {
    match c {
        ActionConstraint::Any => true,
        ActionConstraint::Eq(a) => a == action,
        ActionConstraint::In(groups) => groups.iter().any(|g| {
            g == action
                || actions
                    .ancestors(action)
                    .is_some_and(|mut anc| anc.any(|a| a == g))
        }),
    }
}

fn may_apply_to_tenant(c: &PrincipalConstraint, tenant: &EntityUid) -> bool {
    let pinned_elsewhere =
        |uid: &EntityUid| uid.type_name().to_string() == "Mandate::Tenant" && uid != tenant;
    match c {
        PrincipalConstraint::In(uid) | PrincipalConstraint::IsIn(_, uid) => !pinned_elsewhere(uid),
        _ => true,
    }
}
