//! Agents as governed non-human identities, and their lifecycle.

use serde::{Deserialize, Serialize};

use crate::{ActionName, AgentId, OperatorId, TenantId, Timestamp};

/// Where an agent is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AgentStatus {
    /// Registered, not yet allowed to act.
    Provisioned,
    /// May act.
    Active,
    /// Temporarily stopped; its credentials are dead.
    Suspended,
    /// Permanently stopped.
    Retired,
}

impl AgentStatus {
    /// The status as stored and shown.
    pub fn as_str(self) -> &'static str {
        match self {
            AgentStatus::Provisioned => "provisioned",
            AgentStatus::Active => "active",
            AgentStatus::Suspended => "suspended",
            AgentStatus::Retired => "retired",
        }
    }

    /// Parses a stored status.
    pub fn parse(s: &str) -> Option<AgentStatus> {
        Some(match s {
            "provisioned" => AgentStatus::Provisioned,
            "active" => AgentStatus::Active,
            "suspended" => AgentStatus::Suspended,
            "retired" => AgentStatus::Retired,
            _ => return None,
        })
    }
}

/// A lifecycle operation an admin may apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LifecycleOp {
    /// provisioned or suspended → active.
    Activate,
    /// active → suspended.
    Suspend,
    /// anything but retired → retired, for good.
    Retire,
}

impl LifecycleOp {
    /// The verb as it appears in paths and audit kinds.
    pub fn as_str(self) -> &'static str {
        match self {
            LifecycleOp::Activate => "activate",
            LifecycleOp::Suspend => "suspend",
            LifecycleOp::Retire => "retire",
        }
    }
}

/// A lifecycle operation that the current status does not allow.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("cannot {op} an agent that is {from}")]
pub struct TransitionError {
    /// The refused operation.
    pub op: &'static str,
    /// The status it was refused in.
    pub from: &'static str,
}

impl AgentStatus {
    /// The status after `op`, or why `op` is not allowed now.
    pub fn apply(self, op: LifecycleOp) -> Result<AgentStatus, TransitionError> {
        use AgentStatus::*;
        let next = match (self, op) {
            (Provisioned | Suspended, LifecycleOp::Activate) => Active,
            (Active, LifecycleOp::Suspend) => Suspended,
            (Provisioned | Active | Suspended, LifecycleOp::Retire) => Retired,
            _ => {
                return Err(TransitionError {
                    op: op.as_str(),
                    from: self.as_str(),
                });
            }
        };
        Ok(next)
    }
}

/// A governed agent identity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agent {
    /// Its id.
    pub id: AgentId,
    /// The tenant it acts for.
    pub tenant: TenantId,
    /// A display name.
    pub name: String,
    /// The accountable human: an operator with role `owner` in the same tenant.
    pub owner: OperatorId,
    /// What it is for, in words.
    pub purpose: String,
    /// The only actions it may ever attempt.
    pub actions: Vec<ActionName>,
    /// Case resolutions it may close on its own.
    pub closure_authority: Vec<String>,
    /// How often its owner must attest an access review.
    pub review_interval_days: u32,
    /// Lifecycle status.
    pub status: AgentStatus,
    /// When it was registered.
    pub created_at: Timestamp,
    /// When its owner last attested a review (registration counts as the first).
    pub last_review_at: Timestamp,
}

impl Agent {
    /// When the next access review is due.
    pub fn review_due_at(&self) -> Timestamp {
        self.last_review_at + chrono::Duration::days(i64::from(self.review_interval_days))
    }

    /// Whether the access review is overdue at `now`.
    pub fn review_overdue(&self, now: Timestamp) -> bool {
        now > self.review_due_at()
    }

    /// Whether the agent may act at `now`. An overdue review blocks it only when the deployment
    /// says so.
    pub fn may_act(&self, now: Timestamp, overdue_review_blocks: bool) -> bool {
        self.status == AgentStatus::Active && !(overdue_review_blocks && self.review_overdue(now))
    }

    /// Whether `action` is in the agent's registered list.
    pub fn may_attempt(&self, action: &ActionName) -> bool {
        self.actions.contains(action)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use AgentStatus::*;
    use LifecycleOp::*;

    #[test]
    fn lifecycle_transitions() {
        assert_eq!(Provisioned.apply(Activate), Ok(Active));
        assert_eq!(Active.apply(Suspend), Ok(Suspended));
        assert_eq!(Suspended.apply(Activate), Ok(Active));
        assert_eq!(Active.apply(Retire), Ok(Retired));
        assert!(Provisioned.apply(Suspend).is_err());
        assert!(Active.apply(Activate).is_err());
        for op in [Activate, Suspend, Retire] {
            assert!(Retired.apply(op).is_err(), "retire is final");
        }
    }

    #[test]
    fn review_clock() {
        let t0 = crate::from_millis(0);
        let agent = Agent {
            id: AgentId::generate(),
            tenant: TenantId::parse("acme").unwrap(),
            name: "bot".into(),
            owner: OperatorId::generate(),
            purpose: "support".into(),
            actions: vec![ActionName::parse("order.read").unwrap()],
            closure_authority: vec![],
            review_interval_days: 30,
            status: Active,
            created_at: t0,
            last_review_at: t0,
        };
        let day29 = t0 + chrono::Duration::days(29);
        let day31 = t0 + chrono::Duration::days(31);
        assert!(!agent.review_overdue(day29));
        assert!(agent.review_overdue(day31));
        assert!(agent.may_act(day31, false));
        assert!(!agent.may_act(day31, true));
        assert!(agent.may_attempt(&ActionName::parse("order.read").unwrap()));
        assert!(!agent.may_attempt(&ActionName::parse("refund.issue").unwrap()));
    }
}
