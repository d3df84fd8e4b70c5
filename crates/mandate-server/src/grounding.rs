//! Grounding: a commitment the agent makes to a customer passes only when something backs it —
//! an approved or executed action of the case that the policy pack maps to the commitment's
//! kind (for the same object, for no more than was approved), or a human's approval of that
//! exact statement.

use mandate_core::action::{ActionRecord, ActionStatus};
use mandate_core::approval::{Approval, ApprovalKind, ApprovalStatus};
use mandate_core::canonical::Digest;
use mandate_core::case::Case;
use mandate_inspect::identifiers::canonical;
use mandate_inspect::{Category, Commitment, Finding};
use mandate_policy::Grounding;
use mandate_policy::grounding::Allowance;

use crate::Gateway;
use crate::error::ApiError;

/// What a case has to show for its commitments.
#[derive(Debug, Default)]
pub struct Evidence {
    /// Actions that were authorised (allowed or approved) or executed successfully.
    actions: Vec<ActionRecord>,
    /// Statements a human approved, by the SHA-256 of their text.
    statements: Vec<Approval>,
}

impl Evidence {
    /// The case's evidence, read from the store.
    pub async fn of(gw: &Gateway, case: &Case) -> Result<Evidence, ApiError> {
        let actions = gw
            .store()
            .case_actions(&case.id)
            .await?
            .into_iter()
            .filter(|a| {
                matches!(
                    a.status,
                    ActionStatus::Allowed | ActionStatus::Approved | ActionStatus::Succeeded
                )
            })
            .collect();
        let statements = gw
            .store()
            .case_approvals(&case.id)
            .await?
            .into_iter()
            .filter(|a| a.kind == ApprovalKind::Statement && a.status == ApprovalStatus::Approved)
            .collect();
        Ok(Evidence {
            actions,
            statements,
        })
    }
}

/// Sets `grounded_by` on every commitment in `findings` that the evidence backs.
pub fn ground(findings: &mut [Finding], text: &str, evidence: &Evidence, grounding: &Grounding) {
    let digest = Digest::of(text.as_bytes()).to_hex();
    let statement = evidence
        .statements
        .iter()
        .find(|a| a.subject.get("text_sha256").and_then(|v| v.as_str()) == Some(digest.as_str()));
    for f in findings
        .iter_mut()
        .filter(|f| f.category == Category::Commitment && f.grounded_by.is_none())
    {
        if let Some(a) = statement {
            f.grounded_by = Some(a.id.to_string());
            continue;
        }
        let Some(c) = &f.commitment else { continue };
        f.grounded_by = evidence
            .actions
            .iter()
            .find(|a| {
                grounding
                    .allowance(a.action.as_str(), &f.kind, &a.args)
                    .is_some_and(|allow| backs(c, &allow, a))
            })
            .map(|a| a.id.to_string());
    }
}

/// Whether an action with this allowance backs the commitment: the same object when the
/// commitment names one, an amount (in the same currency) and a percentage no higher than
/// approved.
fn backs(c: &Commitment, allow: &Allowance, a: &ActionRecord) -> bool {
    let object = c.objects.is_empty()
        || c.objects
            .iter()
            .any(|o| canonical(o) == canonical(a.resource.id()));
    let amount = match c.amount_minor {
        None => true,
        Some(said) => {
            allow.amount.is_some_and(|approved| said <= approved)
                && match (&c.currency, &allow.currency) {
                    (Some(said), Some(approved)) => said.eq_ignore_ascii_case(approved),
                    _ => true,
                }
        }
    };
    let percent = match c.percent {
        None => true,
        Some(said) => allow.percent.is_some_and(|approved| said <= approved),
    };
    object && amount && percent
}

#[cfg(test)]
mod tests {
    use mandate_core::action::ResourceRef;
    use mandate_inspect::CommitmentKind;

    use super::*;

    fn commitment(amount: Option<i64>, objects: &[&str]) -> Commitment {
        Commitment {
            kind: CommitmentKind::Refund,
            amount_minor: amount,
            currency: Some("USD".into()),
            percent: None,
            dates: vec![],
            objects: objects.iter().map(|s| (*s).to_owned()).collect(),
        }
    }

    fn action() -> ActionRecord {
        ActionRecord {
            id: mandate_core::ActionId::generate(),
            tenant: mandate_core::TenantId::parse("t").unwrap(),
            case: mandate_core::CaseId::generate(),
            agent: mandate_core::AgentId::generate(),
            action: mandate_core::ActionName::parse("refund.issue").unwrap(),
            resource: ResourceRef::new("Shop::Order", "A-1").unwrap(),
            args: serde_json::json!({"amount": 4000, "currency": "USD"}),
            args_sha256: Digest::ZERO,
            reason: None,
            decision: "allow".into(),
            reasons: vec![],
            policies: vec![],
            policy_hash: String::new(),
            status: ActionStatus::Succeeded,
            approval: None,
            created_at: chrono::Utc::now(),
            result: None,
            result_at: None,
        }
    }

    #[test]
    fn same_object_no_more_than_approved() {
        let allow = Allowance {
            amount: Some(4000),
            currency: Some("USD".into()),
            percent: None,
        };
        let a = action();
        assert!(backs(&commitment(Some(4000), &["A-1"]), &allow, &a));
        assert!(backs(&commitment(Some(2500), &[]), &allow, &a));
        assert!(backs(&commitment(None, &["a-1"]), &allow, &a));
        assert!(!backs(&commitment(Some(6000), &["A-1"]), &allow, &a));
        assert!(!backs(&commitment(Some(4000), &["B-7"]), &allow, &a));
        let euros = Commitment {
            currency: Some("EUR".into()),
            ..commitment(Some(100), &[])
        };
        assert!(!backs(&euros, &allow, &a));
        let no_amount = Allowance {
            amount: None,
            ..allow
        };
        assert!(!backs(&commitment(Some(1), &[]), &no_amount, &a));
    }
}
