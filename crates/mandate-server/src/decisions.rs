//! Deciding on an action: Mandate's own checks, then the policy set; then the credential or the
//! approval request; all recorded and audited in one transaction.

use mandate_core::action::{ActionRecord, ActionStatus, ResourceRef, amount_of};
use mandate_core::agent::Agent;
use mandate_core::approval::{Approval, ApprovalKind};
use mandate_core::audit::{Actor, Event};
use mandate_core::case::{Case, CaseState};
use mandate_core::credential::args_sha256;
use mandate_core::operator::Role;
use mandate_core::{ActionId, ActionName, CaseId, Timestamp};
use mandate_policy::{AgentFacts, CaseFacts, Decision, Evaluation, Request};
use serde_json::{Value, json};

use crate::Gateway;
use crate::credentials::{IssuedCredential, mint};
use crate::error::ApiError;

/// A validated action request.
#[derive(Debug, Clone)]
pub struct ActionRequest {
    /// The action.
    pub action: ActionName,
    /// The resource.
    pub resource: ResourceRef,
    /// The arguments (an object).
    pub args: Value,
    /// Why the agent asks.
    pub reason: Option<String>,
}

/// What was decided and what came with it.
#[derive(Debug)]
pub struct Outcome {
    /// The recorded action.
    pub record: ActionRecord,
    /// The credential, when allowed.
    pub credential: Option<IssuedCredential>,
}

/// The case of `id` if `agent` is its agent; otherwise "not found", so cases of others do not
/// leak.
pub async fn agents_case(gw: &Gateway, agent: &Agent, id: &CaseId) -> Result<Case, ApiError> {
    match gw.store().case(id).await? {
        Some(c) if c.agent == agent.id && c.tenant == agent.tenant => {
            tracing::Span::current().record("case", c.id.as_str());
            Ok(c)
        }
        _ => Err(ApiError::not_found("case")),
    }
}

/// Refuses work on a closed case.
pub fn require_open(case: &Case) -> Result<(), ApiError> {
    if case.state == CaseState::Open {
        Ok(())
    } else {
        Err(ApiError::conflict(
            "case_closed",
            format!("case `{}` is closed", case.id),
        ))
    }
}

/// The end of the window in which an authorised action may be used.
pub fn window_end(gw: &Gateway, authorised_at: Timestamp) -> Timestamp {
    authorised_at
        + chrono::Duration::seconds(i64::try_from(gw.config().action_window_seconds).unwrap_or(900))
}

/// Decides on `req` for `agent` in `case`.
pub async fn decide(
    gw: &Gateway,
    agent: &Agent,
    case: &Case,
    req: ActionRequest,
) -> Result<Outcome, ApiError> {
    require_open(case)?;
    let now = gw.now();
    let policies = gw.policies().current()?;
    let engine = &policies.engine;
    let args_hash =
        args_sha256(&req.args).map_err(|e| ApiError::invalid(format!("`args`: {e}")))?;

    let evaluation = evaluate(gw, agent, case, &req, engine).await?;
    let status = match evaluation.decision {
        Decision::Allow => ActionStatus::Allowed,
        Decision::Deny => ActionStatus::Denied,
        Decision::PendingApproval { .. } => ActionStatus::PendingApproval,
    };
    let mut record = ActionRecord {
        id: ActionId::generate(),
        tenant: case.tenant.clone(),
        case: case.id.clone(),
        agent: agent.id.clone(),
        action: req.action.clone(),
        resource: req.resource.clone(),
        args: req.args.clone(),
        args_sha256: args_hash,
        reason: req.reason.clone(),
        decision: evaluation.decision.as_str().to_owned(),
        reasons: evaluation.reasons.clone(),
        policies: evaluation.policies.clone(),
        policy_hash: evaluation.policy_hash.clone(),
        status,
        approval: None,
        created_at: now,
        result: None,
        result_at: None,
    };
    let approval = match &evaluation.decision {
        Decision::PendingApproval { role } => Some(approval_for(gw, &record, role, now)?),
        _ => None,
    };
    record.approval = approval.as_ref().map(|a| a.id.clone());

    let actor = Actor::Agent(agent.id.clone());
    let mut tx = gw.store().begin().await?;
    tx.insert_action(&record).await?;
    tx.record(
        Event::Other {
            kind: "action.decided".into(),
            payload: json!({
                "action_id": record.id,
                "action": record.action,
                "resource": record.resource,
                "args": record.args,
                "args_sha256": record.args_sha256,
                "reason": record.reason,
                "decision": record.decision,
                "reasons": record.reasons,
                "policies": record.policies,
                "policy_hash": record.policy_hash,
                "approval_id": record.approval,
            }),
        }
        .by(actor.clone(), Some(&case.tenant), Some(&case.id)),
    );
    if let Some(a) = &approval {
        crate::approvals::insert(&mut tx, a, actor).await?;
    }
    let credential = if status == ActionStatus::Allowed {
        let (issued, row) = mint(gw, &mut tx, &record, window_end(gw, now), now)?;
        tx.insert_credential(&row).await?;
        Some(issued)
    } else {
        None
    };
    gw.commit(tx).await?;
    gw.metrics().count_decision(record.decision.as_str());
    if let Some(a) = &approval {
        crate::webhook::approval_requested(gw, a);
    }
    Ok(Outcome { record, credential })
}

/// Mandate's own checks first (they hold whatever a policy says), then the policy set.
async fn evaluate(
    gw: &Gateway,
    agent: &Agent,
    case: &Case,
    req: &ActionRequest,
    engine: &mandate_policy::Engine,
) -> Result<Evaluation, ApiError> {
    let deny = |reason: String| Evaluation {
        decision: Decision::Deny,
        reasons: vec![reason],
        policies: vec![],
        policy_hash: engine.hash().to_owned(),
    };
    if !agent.may_attempt(&req.action) {
        return Ok(deny(format!(
            "mandate: action `{}` is not in the agent's registered actions",
            req.action
        )));
    }
    // INVARIANT: the resource is looked up in the case's tenant only. An entity of another
    // tenant is simply not there, so no policy can ever be evaluated against it.
    let Some(resource) = gw.store().entity(&case.tenant, &req.resource).await? else {
        return Ok(deny(format!(
            "mandate: resource {} is not an entity of tenant `{}`",
            req.resource.cedar(),
            case.tenant
        )));
    };
    let ancestors = gw.store().ancestors(&case.tenant, &resource).await?;
    let checked = std::iter::once(&resource)
        .chain(&ancestors)
        .all(|e| e.schema_hash == engine.schema_hash());
    let ancestor_bodies: Vec<Value> = ancestors.into_iter().map(|a| a.body).collect();
    Ok(engine.evaluate(&Request {
        agent: AgentFacts {
            id: agent.id.as_str(),
            tenant: agent.tenant.as_str(),
            owner: agent.owner.as_str(),
            status: agent.status.as_str(),
            purpose: &agent.purpose,
        },
        action: req.action.as_str(),
        resource: &resource.body,
        ancestors: &ancestor_bodies,
        case: CaseFacts {
            id: case.id.as_str(),
            state: case.state.as_str(),
            channel: &case.channel,
            customer_id: &case.customer.id,
            customer_verified: case.customer.verified,
        },
        args: &req.args,
        entities_checked: checked,
    }))
}

/// The approval an action waits for: the exact action, resource and arguments, bound by hash.
fn approval_for(
    gw: &Gateway,
    a: &ActionRecord,
    role: &str,
    now: Timestamp,
) -> Result<Approval, ApiError> {
    let role = Role::parse(role)
        .ok_or_else(|| ApiError::internal(format!("policy named unknown role `{role}`")))?;
    let subject = json!({
        "action_id": a.id,
        "action": a.action,
        "resource": a.resource,
        "args": a.args,
        "args_sha256": a.args_sha256,
        "reason": a.reason,
        "policies": a.policies,
    });
    crate::approvals::new(
        gw,
        crate::approvals::Request {
            tenant: a.tenant.clone(),
            case: a.case.clone(),
            kind: ApprovalKind::Action,
            role,
            amount: amount_of(&a.args),
            subject,
        },
        now,
    )
}
