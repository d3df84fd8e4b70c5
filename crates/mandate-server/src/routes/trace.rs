//! `GET /v1/cases/{id}/trace`: a case's whole trail, in order, with what put its policies and
//! its data in force — enough to answer "who approved the policy, the data and the action path".

use std::collections::BTreeSet;

use axum::Json;
use axum::extract::State;
use mandate_core::CaseId;
use mandate_core::audit::Record;
use mandate_core::operator::Role;
use mandate_store::ExportSelection;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::ToSchema;

use crate::Gateway;
use crate::auth::Caller;
use crate::error::{ApiError, ErrorEnvelope};
use crate::extract::ApiPath;
use crate::routes::cases::CaseView;
use crate::validate;

/// The most records a trace returns.
const MAX_EVENTS: i64 = 10_000;

/// One record of the tamper-evident log.
#[derive(Serialize, Deserialize, ToSchema)]
pub(crate) struct TraceEvent {
    /// Its position in the log.
    seq: i64,
    at: String,
    kind: String,
    /// `{type: system|operator|agent, id}`.
    #[schema(value_type = Object)]
    actor: Value,
    #[schema(value_type = Object)]
    payload: Value,
    /// Its hash in the chain, to find it in an export.
    hash: String,
}

impl From<&Record> for TraceEvent {
    fn from(r: &Record) -> TraceEvent {
        TraceEvent {
            seq: r.seq,
            at: r.time.to_rfc3339(),
            kind: r.kind.clone(),
            actor: serde_json::to_value(&r.actor).unwrap_or(Value::Null),
            payload: r.payload.clone(),
            hash: r.hash.to_hex(),
        }
    }
}

/// A policy set a decision of the case used, and the record that put it in force.
#[derive(Serialize, Deserialize, ToSchema)]
pub(crate) struct PolicySet {
    policy_hash: String,
    /// `policy.loaded` at a start or `policy.reloaded`, with who did it.
    installed_by: Option<TraceEvent>,
}

/// An entity the case acted on, and the record that last wrote it before.
#[derive(Serialize, Deserialize, ToSchema)]
pub(crate) struct DataSource {
    /// `Type::"id"`.
    resource: String,
    written_by: Option<TraceEvent>,
}

/// A case's trail.
#[derive(Serialize, Deserialize, ToSchema)]
pub(crate) struct Trace {
    case: CaseView,
    /// Every record of the case, in log order.
    events: Vec<TraceEvent>,
    policy_sets: Vec<PolicySet>,
    data: Vec<DataSource>,
}

/// The trail of a case (auditors and admins of its tenant, and the owner of its agent).
#[utoipa::path(get, path = "/v1/cases/{id}/trace", tag = "cases", security(("bearer" = [])),
    params(("id" = String, Path, description = "case id")),
    responses((status = 200, body = Trace), (status = "4XX", body = ErrorEnvelope)))]
pub(crate) async fn trace(
    State(gw): State<Gateway>,
    caller: Caller,
    ApiPath(id): ApiPath<String>,
) -> Result<Json<Trace>, ApiError> {
    let id = validate::id("case", &id, CaseId::parse)?;
    let op = caller.operator()?;
    let case = gw
        .store()
        .case(&id)
        .await?
        .filter(|c| op.platform_admin || op.tenant.as_ref() == Some(&c.tenant))
        .ok_or_else(|| ApiError::not_found("case"))?;
    if !op.platform_admin && !op.has_any_role(&case.tenant, &[Role::Auditor, Role::Admin]) {
        let owns = gw
            .store()
            .agent(&case.agent)
            .await?
            .is_some_and(|a| a.owner == op.id && op.has_role(&case.tenant, Role::Owner));
        if !owns {
            return Err(ApiError::forbidden(
                "forbidden",
                "requires role auditor or admin, or owning the case's agent",
            ));
        }
    }
    let records = gw
        .store()
        .audit_records(
            &ExportSelection {
                tenant: Some(case.tenant.clone()),
                case: Some(case.id.clone()),
                since: None,
            },
            MAX_EVENTS,
        )
        .await?;
    let decisions: Vec<&Record> = records
        .iter()
        .filter(|r| r.kind == "action.decided")
        .collect();

    let mut policy_sets = Vec::new();
    let hashes: BTreeSet<&str> = decisions
        .iter()
        .filter_map(|r| r.payload.get("policy_hash").and_then(Value::as_str))
        .collect();
    for hash in hashes {
        let first_use = decisions
            .iter()
            .filter(|r| r.payload.get("policy_hash").and_then(Value::as_str) == Some(hash))
            .map(|r| r.seq)
            .min()
            .unwrap_or(i64::MAX);
        let installed = gw
            .store()
            .audit_records_of_kinds(&["policy.loaded", "policy.reloaded"], None, first_use, 1000)
            .await?
            .into_iter()
            .find(|r| r.payload.get("policy_hash").and_then(Value::as_str) == Some(hash));
        policy_sets.push(PolicySet {
            policy_hash: hash.to_owned(),
            installed_by: installed.as_ref().map(TraceEvent::from),
        });
    }

    let mut data = Vec::new();
    let mut seen = BTreeSet::new();
    for r in &decisions {
        let Some(resource) = r.payload.get("resource").and_then(|v| {
            serde_json::from_value::<mandate_core::action::ResourceRef>(v.clone()).ok()
        }) else {
            continue;
        };
        let cedar = resource.cedar();
        if !seen.insert(cedar.clone()) {
            continue;
        }
        let written = gw
            .store()
            .audit_records_of_kinds(&["entities.upserted"], Some(&case.tenant), r.seq, 1000)
            .await?
            .into_iter()
            .find(|w| {
                w.payload
                    .get("uids")
                    .and_then(Value::as_array)
                    .is_some_and(|u| u.iter().any(|x| x.as_str() == Some(cedar.as_str())))
            });
        data.push(DataSource {
            resource: cedar,
            written_by: written.as_ref().map(TraceEvent::from),
        });
    }

    Ok(Json(Trace {
        case: CaseView::from(&case),
        events: records.iter().map(TraceEvent::from).collect(),
        policy_sets,
        data,
    }))
}
