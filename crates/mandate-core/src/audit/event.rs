//! Every kind of event Mandate records, in one place.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::{AgentId, CaseId, OperatorId, TenantId};

/// Who caused an event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", content = "id", rename_all = "snake_case")]
pub enum Actor {
    /// Mandate itself (start-up, key rotation, expiry, policy reload from a file change).
    System,
    /// A human or service account.
    Operator(OperatorId),
    /// A governed agent.
    Agent(AgentId),
}

impl Actor {
    /// `system`, `operator` or `agent`.
    pub fn kind(&self) -> &'static str {
        match self {
            Actor::System => "system",
            Actor::Operator(_) => "operator",
            Actor::Agent(_) => "agent",
        }
    }

    /// The actor's id, if it has one.
    pub fn id(&self) -> Option<&str> {
        match self {
            Actor::System => None,
            Actor::Operator(id) => Some(id.as_str()),
            Actor::Agent(id) => Some(id.as_str()),
        }
    }
}

/// Everything the system can say in its audit log. Each variant's fields are the record's
/// payload; the variant's name is the record's `kind`.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", content = "payload")]
pub enum Event {
    /// The store was initialised and a platform admin bootstrapped.
    #[serde(rename = "system.bootstrapped")]
    Bootstrapped {
        /// The bootstrap admin.
        operator: OperatorId,
    },
    /// A signing key was created and its public half published.
    #[serde(rename = "key.created")]
    KeyCreated {
        /// Key id.
        kid: String,
        /// `credential` or `audit`.
        purpose: String,
        /// The public key, base64url.
        public_key: String,
    },
    /// A key stopped signing (it stays published while tokens it signed may live).
    #[serde(rename = "key.retired")]
    KeyRetired {
        /// Key id.
        kid: String,
    },
    /// A tenant was created.
    #[serde(rename = "tenant.created")]
    TenantCreated {
        /// Its id.
        tenant: TenantId,
        /// Its display name.
        name: String,
    },
    /// An operator was created (its token is never recorded).
    #[serde(rename = "operator.created")]
    OperatorCreated {
        /// The operator.
        operator: OperatorId,
        /// Its name.
        name: String,
        /// Its roles.
        roles: Vec<String>,
        /// Its approval limit.
        approval_limit: Option<i64>,
    },
    /// An agent was registered.
    #[serde(rename = "agent.registered")]
    AgentRegistered {
        /// The agent's full registration.
        agent: Value,
    },
    /// An agent's lifecycle changed.
    #[serde(rename = "agent.lifecycle")]
    AgentLifecycle {
        /// The agent.
        agent: AgentId,
        /// `activate`, `suspend` or `retire`.
        op: String,
        /// Status before.
        from: String,
        /// Status after.
        to: String,
        /// Credentials revoked as a consequence.
        credentials_revoked: u64,
    },
    /// An owner attested an access review.
    #[serde(rename = "agent.reviewed")]
    AgentReviewed {
        /// The agent.
        agent: AgentId,
        /// The owner's note.
        note: Option<String>,
    },
    /// An agent's token was replaced; the old one stopped working.
    #[serde(rename = "agent.token_rotated")]
    AgentTokenRotated {
        /// The agent.
        agent: AgentId,
    },
    /// Any other event, with its kind spelled out; used by later subsystems until they grow a
    /// variant of their own.
    #[serde(untagged)]
    Other {
        /// The record kind.
        kind: String,
        /// The record payload.
        payload: Value,
    },
}

/// An event to append, with the context every record carries.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditEvent {
    /// The tenant concerned, `None` for platform-level events.
    pub tenant: Option<TenantId>,
    /// Who caused it.
    pub actor: Actor,
    /// The case concerned, if any.
    pub case: Option<CaseId>,
    /// The record kind, e.g. `agent.lifecycle`.
    pub kind: String,
    /// The record payload.
    pub payload: Value,
}

impl Event {
    /// Attaches the context of the event.
    pub fn by(self, actor: Actor, tenant: Option<&TenantId>, case: Option<&CaseId>) -> AuditEvent {
        let (kind, payload) = match self {
            Event::Other { kind, payload } => (kind, payload),
            typed => split_tagged(&typed),
        };
        AuditEvent {
            tenant: tenant.cloned(),
            actor,
            case: case.cloned(),
            kind,
            payload,
        }
    }
}

fn split_tagged(event: &Event) -> (String, Value) {
    // INVARIANT: every typed variant serialises to {"kind": "...", "payload": {...}}; a failure
    // would be a programming error, recorded visibly rather than dropped.
    match serde_json::to_value(event) {
        Ok(Value::Object(mut map)) => {
            let kind = match map.remove("kind") {
                Some(Value::String(k)) => k,
                _ => "unknown".to_owned(),
            };
            let payload = map.remove("payload").unwrap_or(Value::Null);
            (kind, payload)
        }
        _ => ("unknown".to_owned(), Value::Null),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_events_split_into_kind_and_payload() {
        let t = TenantId::parse("acme").unwrap();
        let e = Event::TenantCreated {
            tenant: t.clone(),
            name: "Acme".into(),
        }
        .by(Actor::System, Some(&t), None);
        assert_eq!(e.kind, "tenant.created");
        assert_eq!(
            e.payload,
            serde_json::json!({"tenant": "acme", "name": "Acme"})
        );
        let o = Event::Other {
            kind: "x.y".into(),
            payload: serde_json::json!({"a": 1}),
        }
        .by(Actor::System, None, None);
        assert_eq!(o.kind, "x.y");
    }
}
