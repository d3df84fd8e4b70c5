//! Requested actions and what became of them.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::canonical::Digest;
use crate::{ActionId, ActionName, AgentId, ApprovalId, CaseId, TenantId, Timestamp};

/// The entity an action is on, `Type::"id"` in the deployment's namespace.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "RawResource", into = "RawResource")]
pub struct ResourceRef {
    type_name: String,
    id: String,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawResource {
    #[serde(rename = "type")]
    type_name: String,
    id: String,
}

/// Why a resource reference is not valid.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid resource: {0}")]
pub struct ResourceError(String);

impl ResourceRef {
    /// Validates a type path (`Shop::Order`) and an id (1–256 characters, no control characters).
    pub fn new(type_name: &str, id: &str) -> Result<ResourceRef, ResourceError> {
        let ident = |s: &str| {
            let mut b = s.bytes();
            b.next()
                .is_some_and(|c| c.is_ascii_alphabetic() || c == b'_')
                && b.all(|c| c.is_ascii_alphanumeric() || c == b'_')
        };
        if type_name.is_empty() || type_name.len() > 200 || !type_name.split("::").all(ident) {
            return Err(ResourceError(format!(
                "`{type_name}` is not an entity type like `Shop::Order`"
            )));
        }
        if id.is_empty() || id.chars().count() > 256 || id.chars().any(char::is_control) {
            return Err(ResourceError(
                "an id is 1 to 256 characters without control characters".into(),
            ));
        }
        Ok(ResourceRef {
            type_name: type_name.to_owned(),
            id: id.to_owned(),
        })
    }

    /// The entity type.
    pub fn type_name(&self) -> &str {
        &self.type_name
    }

    /// The id.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// Cedar's notation, `Shop::Order::"A-1"` (quotes and backslashes escaped), as in the `res`
    /// claim of a credential.
    pub fn cedar(&self) -> String {
        let escaped = self.id.replace('\\', "\\\\").replace('"', "\\\"");
        format!("{}::\"{escaped}\"", self.type_name)
    }

    /// The Cedar JSON uid, `{"type", "id"}`.
    pub fn uid_json(&self) -> Value {
        serde_json::json!({"type": self.type_name, "id": self.id})
    }
}

impl TryFrom<RawResource> for ResourceRef {
    type Error = ResourceError;
    fn try_from(r: RawResource) -> Result<ResourceRef, ResourceError> {
        ResourceRef::new(&r.type_name, &r.id)
    }
}

impl From<ResourceRef> for RawResource {
    fn from(r: ResourceRef) -> RawResource {
        RawResource {
            type_name: r.type_name,
            id: r.id,
        }
    }
}

/// Where an action stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActionStatus {
    /// Allowed; a credential was issued.
    Allowed,
    /// Refused.
    Denied,
    /// Waiting for a human.
    PendingApproval,
    /// A human approved it; a credential was issued.
    Approved,
    /// A human refused it.
    Rejected,
    /// Its approval expired undecided.
    Expired,
    /// The back-end reported it done.
    Succeeded,
    /// The back-end reported it failed.
    Failed,
}

impl ActionStatus {
    /// The status as stored and shown.
    pub fn as_str(self) -> &'static str {
        match self {
            ActionStatus::Allowed => "allowed",
            ActionStatus::Denied => "denied",
            ActionStatus::PendingApproval => "pending_approval",
            ActionStatus::Approved => "approved",
            ActionStatus::Rejected => "rejected",
            ActionStatus::Expired => "expired",
            ActionStatus::Succeeded => "succeeded",
            ActionStatus::Failed => "failed",
        }
    }

    /// Parses a stored status.
    pub fn parse(s: &str) -> Option<ActionStatus> {
        use ActionStatus::*;
        [
            Allowed,
            Denied,
            PendingApproval,
            Approved,
            Rejected,
            Expired,
            Succeeded,
            Failed,
        ]
        .into_iter()
        .find(|x| x.as_str() == s)
    }

    /// Whether the action may be carried out (it has, or may get, a live credential).
    pub fn is_authorised(self) -> bool {
        matches!(self, ActionStatus::Allowed | ActionStatus::Approved)
    }
}

/// One requested action, its decision and its fate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActionRecord {
    /// Its id.
    pub id: ActionId,
    /// Tenant.
    pub tenant: TenantId,
    /// Case.
    pub case: CaseId,
    /// Agent that asked.
    pub agent: AgentId,
    /// The action.
    pub action: ActionName,
    /// The resource.
    pub resource: ResourceRef,
    /// Exact arguments.
    pub args: Value,
    /// SHA-256 of their canonical JSON.
    pub args_sha256: Digest,
    /// The agent's stated reason.
    pub reason: Option<String>,
    /// `allow`, `deny` or `pending_approval`, as decided.
    pub decision: String,
    /// Why.
    pub reasons: Vec<String>,
    /// Determining policies.
    pub policies: Vec<String>,
    /// The policy set that decided.
    pub policy_hash: String,
    /// Where it stands now.
    pub status: ActionStatus,
    /// The approval it waits for, if any.
    pub approval: Option<ApprovalId>,
    /// When it was requested.
    pub created_at: Timestamp,
    /// The outcome reported by whoever executed it.
    pub result: Option<Value>,
    /// When the outcome was reported.
    pub result_at: Option<Timestamp>,
}

impl ActionRecord {
    /// The amount at stake in minor units: `args.amount` when it is an integer.
    pub fn amount(&self) -> Option<i64> {
        amount_of(&self.args)
    }
}

/// `args.amount` when it is an integer: the amount an approver's limit is compared with.
pub fn amount_of(args: &Value) -> Option<i64> {
    args.get("amount").and_then(Value::as_i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resource_refs_are_validated_and_render_as_cedar() {
        let r = ResourceRef::new("Shop::Order", "A-1").unwrap();
        assert_eq!(r.cedar(), "Shop::Order::\"A-1\"");
        assert_eq!(
            ResourceRef::new("Shop::Order", "a\"b").unwrap().cedar(),
            "Shop::Order::\"a\\\"b\""
        );
        for (t, id) in [
            ("", "x"),
            ("Shop::", "x"),
            ("1Shop", "x"),
            ("Shop Order", "x"),
            ("Shop::Order", ""),
            ("Shop::Order", "a\nb"),
        ] {
            assert!(ResourceRef::new(t, id).is_err(), "{t:?} {id:?}");
        }
        let parsed: ResourceRef =
            serde_json::from_str(r#"{"type":"Shop::Order","id":"A-1"}"#).unwrap();
        assert_eq!(parsed, r);
        assert!(
            serde_json::from_str::<ResourceRef>(r#"{"type":"Shop::Order","id":"A-1","x":1}"#)
                .is_err()
        );
    }

    #[test]
    fn statuses_round_trip() {
        for s in [
            "allowed",
            "denied",
            "pending_approval",
            "approved",
            "rejected",
            "expired",
            "succeeded",
            "failed",
        ] {
            assert_eq!(ActionStatus::parse(s).unwrap().as_str(), s);
        }
    }
}
