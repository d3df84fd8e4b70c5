//! Whose identifiers are these? Stored entities are indexed by the identifiers they name (their
//! ids, emails and references among their attributes) and the customer they belong to; output
//! is checked against that index, so an order number, email or account of another customer or
//! another tenant is redacted as a `tenant_leak`, and the case customer's own are not treated
//! as someone else's personal data.

use mandate_core::TenantId;
use mandate_core::action::ResourceRef;
use mandate_core::case::Case;
use mandate_inspect::identifiers::{Identifier, canonical, identifiers};
use mandate_inspect::{Category, Finding, Severity};
use mandate_store::EntityIndex;
use serde_json::Value;

use crate::Gateway;
use crate::error::ApiError;

/// The attributes that say which customer an entity belongs to.
const OWNER_ATTRS: &[&str] = &["customer", "customer_id", "owner"];

/// What an entity is known by and whose it is.
pub fn index_of(uid: &ResourceRef, body: &Value) -> EntityIndex {
    let attrs = body.get("attrs");
    let mut idents = vec![canonical(uid.id())];
    if let Some(Value::Object(map)) = attrs {
        for v in map.values() {
            if let Value::String(s) = v {
                // A value that is one identifier, whole ("jane@example.com", "acct-c-1").
                let found = identifiers(s);
                if let [one] = found.as_slice()
                    && one.start == 0
                    && one.end == s.trim_end().len()
                {
                    idents.push(one.value.clone());
                }
            }
        }
    }
    let owner = OWNER_ATTRS
        .iter()
        .find_map(|a| attrs.and_then(|m| m.get(*a)).and_then(Value::as_str))
        .map(str::to_owned)
        // A customer entity is its own owner.
        .or_else(|| {
            uid.type_name()
                .rsplit("::")
                .next()
                .is_some_and(|t| t.eq_ignore_ascii_case("customer"))
                .then(|| uid.id().to_owned())
        });
    EntityIndex {
        identifiers: idents,
        owner,
    }
}

/// Whose an identifier in the text is.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Whose {
    /// The case customer's.
    Own,
    /// Another customer's in this tenant.
    OtherCustomer,
    /// Only another tenant's.
    OtherTenant,
    /// Not customer-specific, or unknown.
    Nobody,
}

/// Checks the identifiers of `text` against the stored entities: adds a `tenant_leak` finding
/// for each that belongs to another customer or tenant, and drops personal-data findings about
/// the case customer's own identifiers.
pub async fn check(
    gw: &Gateway,
    case: &Case,
    text: &str,
    findings: &mut Vec<Finding>,
) -> Result<(), ApiError> {
    let found = identifiers(text);
    if found.is_empty() {
        return Ok(());
    }
    let mut values: Vec<String> = found.iter().map(|i| i.value.clone()).collect();
    values.sort();
    values.dedup();
    let owners = gw.store().identifier_owners(&values).await?;
    for ident in &found {
        let rows: Vec<_> = owners
            .iter()
            .filter(|o| o.identifier == ident.value)
            .collect();
        let whose = whose(&rows, &case.tenant, &case.customer.id);
        match whose {
            Whose::Own => findings.retain(|f| !(f.category == Category::Pii && overlaps(f, ident))),
            Whose::OtherCustomer | Whose::OtherTenant => {
                findings.retain(|f| !(f.category == Category::Pii && overlaps(f, ident)));
                findings.push(Finding {
                    category: Category::TenantLeak,
                    kind: if whose == Whose::OtherCustomer {
                        "other_customer"
                    } else {
                        "other_tenant"
                    }
                    .to_owned(),
                    severity: Severity::High,
                    start: ident.start,
                    end: ident.end,
                    evidence: mask(text.get(ident.start..ident.end).unwrap_or_default()),
                    commitment: None,
                    grounded_by: None,
                });
            }
            Whose::Nobody => {}
        }
    }
    findings.sort_by_key(|f| (f.start, f.end, f.category));
    Ok(())
}

fn whose(rows: &[&mandate_store::IdentifierOwner], tenant: &TenantId, customer: &str) -> Whose {
    let here: Vec<_> = rows.iter().filter(|r| &r.tenant == tenant).collect();
    if here.is_empty() {
        return if rows.is_empty() {
            Whose::Nobody
        } else {
            Whose::OtherTenant
        };
    }
    if here.iter().any(|r| r.owner.as_deref() == Some(customer)) {
        Whose::Own
    } else if here.iter().any(|r| r.owner.is_some()) {
        Whose::OtherCustomer
    } else {
        Whose::Nobody
    }
}

fn overlaps(f: &Finding, i: &Identifier) -> bool {
    f.start < i.end && i.start < f.end
}

/// First and last character, the rest hidden: enough to find it in the text, not to read it.
fn mask(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        [] => String::new(),
        [one] => one.to_string(),
        [first, .., last] => format!(
            "{first}{}{last}",
            "*".repeat(chars.len().saturating_sub(2).min(12))
        ),
    }
}
