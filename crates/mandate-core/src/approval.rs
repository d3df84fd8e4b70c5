//! Requests for a human decision.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::canonical::{CanonicalError, Digest, digest_of};
use crate::operator::{Operator, Role};
use crate::{ApprovalId, CaseId, OperatorId, TenantId, Timestamp};

/// Where an approval stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ApprovalStatus {
    /// Waiting.
    Pending,
    /// Approved by a human.
    Approved,
    /// Refused by a human; final.
    Denied,
    /// Not decided in time; final.
    Expired,
}

impl ApprovalStatus {
    /// The status as stored and shown.
    pub fn as_str(self) -> &'static str {
        match self {
            ApprovalStatus::Pending => "pending",
            ApprovalStatus::Approved => "approved",
            ApprovalStatus::Denied => "denied",
            ApprovalStatus::Expired => "expired",
        }
    }

    /// Parses a stored status.
    pub fn parse(s: &str) -> Option<ApprovalStatus> {
        use ApprovalStatus::*;
        [Pending, Approved, Denied, Expired]
            .into_iter()
            .find(|x| x.as_str() == s)
    }
}

/// What is to be approved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ApprovalKind {
    /// An action with exact arguments.
    Action,
    /// A statement the agent wants to make to the customer.
    Statement,
    /// Closing a case with a resolution outside the agent's closure authority.
    Closure,
}

impl ApprovalKind {
    /// The kind as stored and shown.
    pub fn as_str(self) -> &'static str {
        match self {
            ApprovalKind::Action => "action",
            ApprovalKind::Statement => "statement",
            ApprovalKind::Closure => "closure",
        }
    }

    /// Parses a stored kind.
    pub fn parse(s: &str) -> Option<ApprovalKind> {
        use ApprovalKind::*;
        [Action, Statement, Closure]
            .into_iter()
            .find(|x| x.as_str() == s)
    }
}

/// A request for a human decision, bound to the exact subject it shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Approval {
    /// Its id.
    pub id: ApprovalId,
    /// Tenant.
    pub tenant: TenantId,
    /// Case.
    pub case: CaseId,
    /// What kind of thing is approved.
    pub kind: ApprovalKind,
    /// The role that may decide.
    pub role: Role,
    /// The amount at stake (minor units), compared with the approver's limit.
    pub amount: Option<i64>,
    /// Exactly what the approver is shown and approves.
    pub subject: Value,
    /// SHA-256 of the subject's canonical JSON: the approval binds to it.
    pub subject_sha256: Digest,
    /// Where it stands.
    pub status: ApprovalStatus,
    /// When it was requested.
    pub requested_at: Timestamp,
    /// After this it can no longer be approved.
    pub expires_at: Timestamp,
    /// Who decided.
    pub decided_by: Option<OperatorId>,
    /// When.
    pub decided_at: Option<Timestamp>,
    /// The decider's reason.
    pub decision_reason: Option<String>,
}

/// Why an approver may not decide an approval.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecideError {
    /// The approver lacks the role the policy named.
    #[error("requires role `{0}` in this tenant")]
    MissingRole(&'static str),
    /// The amount is above the approver's limit.
    #[error("amount {amount} is above your approval limit of {limit}")]
    OverLimit {
        /// At stake.
        amount: i64,
        /// The approver's limit.
        limit: i64,
    },
    /// It was already decided the other way, or expired.
    #[error("approval is already {0}")]
    Final(&'static str),
    /// It expired before this decision.
    #[error("approval expired at {0}")]
    Expired(Timestamp),
}

/// What a new approval is about.
#[derive(Debug, Clone)]
pub struct Request {
    /// Tenant.
    pub tenant: TenantId,
    /// Case.
    pub case: CaseId,
    /// Action, statement or closure.
    pub kind: ApprovalKind,
    /// Who may decide.
    pub role: Role,
    /// The amount at stake, in minor units.
    pub amount: Option<i64>,
    /// Exactly what the approver is shown.
    pub subject: Value,
}

impl Approval {
    /// A pending approval for `req`, requested at `now`, that can be decided for `ttl`. It binds
    /// to the digest of the subject it shows.
    pub fn pending(
        req: Request,
        now: Timestamp,
        ttl: chrono::Duration,
    ) -> Result<Approval, CanonicalError> {
        Ok(Approval {
            id: ApprovalId::generate(),
            tenant: req.tenant,
            case: req.case,
            kind: req.kind,
            role: req.role,
            amount: req.amount,
            subject_sha256: digest_of(&req.subject)?,
            subject: req.subject,
            status: ApprovalStatus::Pending,
            requested_at: now,
            expires_at: now + ttl,
            decided_by: None,
            decided_at: None,
            decision_reason: None,
        })
    }

    /// Whether `op` may decide this approval at `now`, approving (`approve = true`) or denying.
    /// Approving twice is not an error (idempotent); anything after a final outcome is.
    pub fn check_decider(
        &self,
        op: &Operator,
        approve: bool,
        now: Timestamp,
    ) -> Result<(), DecideError> {
        if !op.has_role(&self.tenant, self.role) {
            return Err(DecideError::MissingRole(self.role.as_str()));
        }
        match (self.status, approve) {
            (ApprovalStatus::Pending, _) => {}
            (ApprovalStatus::Approved, true) => return Ok(()),
            (s, _) => return Err(DecideError::Final(s.as_str())),
        }
        if now >= self.expires_at {
            return Err(DecideError::Expired(self.expires_at));
        }
        if approve && let Some(amount) = self.amount {
            let limit = op.approval_limit.unwrap_or(0);
            if amount > limit {
                return Err(DecideError::OverLimit { amount, limit });
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_approval_is_pending_bound_to_its_subject_and_expires_after_its_ttl() {
        let now = chrono::Utc::now();
        let subject = serde_json::json!({"action": "refund", "amount": 4000});
        let a = Approval::pending(
            Request {
                tenant: TenantId::parse("acme").expect("tenant id"),
                case: CaseId::generate(),
                kind: ApprovalKind::Action,
                role: Role::Approver,
                amount: Some(4000),
                subject: subject.clone(),
            },
            now,
            chrono::Duration::minutes(30),
        )
        .expect("a JSON subject has a canonical form");
        assert_eq!(a.status, ApprovalStatus::Pending);
        assert_eq!(a.subject_sha256, digest_of(&subject).expect("digest"));
        assert_eq!(a.expires_at - a.requested_at, chrono::Duration::minutes(30));
        assert!(a.decided_by.is_none() && a.decided_at.is_none());
    }
}
