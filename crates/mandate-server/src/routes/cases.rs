//! Cases: opened by an agent for one customer.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use mandate_core::CaseId;
use mandate_core::audit::Event;
use mandate_core::case::{Case, CaseState, Customer};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::Gateway;
use crate::auth::Caller;
use crate::error::{ApiError, ErrorEnvelope};
use crate::extract::{ApiJson, ApiPath};
use crate::validate;

/// The customer a case is for.
#[derive(Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct CustomerBody {
    /// The tenant's id for the customer.
    id: String,
    /// Whether the customer proved who they are.
    verified: bool,
}

/// A case to open.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct OpenCase {
    customer: CustomerBody,
    /// `chat` by default.
    channel: Option<String>,
}

/// A case.
#[derive(Serialize, Deserialize, ToSchema)]
pub(crate) struct CaseView {
    id: String,
    tenant: String,
    agent: String,
    customer: CustomerBody,
    channel: String,
    /// `open` or `closed`.
    state: String,
    opened_at: String,
    closed_at: Option<String>,
    resolution: Option<String>,
}

impl From<&Case> for CaseView {
    fn from(c: &Case) -> CaseView {
        CaseView {
            id: c.id.to_string(),
            tenant: c.tenant.to_string(),
            agent: c.agent.to_string(),
            customer: CustomerBody {
                id: c.customer.id.clone(),
                verified: c.customer.verified,
            },
            channel: c.channel.clone(),
            state: c.state.as_str().to_owned(),
            opened_at: c.opened_at.to_rfc3339(),
            closed_at: c.closed_at.map(|t| t.to_rfc3339()),
            resolution: c.resolution.clone(),
        }
    }
}

/// Opens a case (agent).
#[utoipa::path(post, path = "/v1/cases", tag = "cases", request_body = OpenCase, security(("bearer" = [])),
    responses((status = 201, body = CaseView), (status = "4XX", body = ErrorEnvelope)))]
pub(crate) async fn open(
    State(gw): State<Gateway>,
    caller: Caller,
    ApiJson(req): ApiJson<OpenCase>,
) -> Result<(StatusCode, Json<CaseView>), ApiError> {
    let agent = caller.agent()?;
    let channel = match req.channel {
        Some(c) => {
            let c = validate::text("channel", &c, 50)?;
            if !c
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
            {
                return Err(ApiError::invalid(
                    "`channel` is letters, digits, `-` and `_`",
                ));
            }
            c
        }
        None => "chat".to_owned(),
    };
    let case = Case {
        id: CaseId::generate(),
        tenant: agent.tenant.clone(),
        agent: agent.id.clone(),
        customer: Customer {
            id: validate::text("customer.id", &req.customer.id, 256)?,
            verified: req.customer.verified,
        },
        channel,
        state: CaseState::Open,
        opened_at: gw.now(),
        closed_at: None,
        resolution: None,
    };
    tracing::Span::current().record("case", case.id.as_str());
    let mut tx = gw.store().begin().await?;
    tx.insert_case(&case).await?;
    tx.record(
        Event::Other {
            kind: "case.opened".into(),
            payload: serde_json::json!({"case": CaseView::from(&case)}),
        }
        .by(caller.actor(), Some(&case.tenant), Some(&case.id)),
    );
    gw.commit(tx).await?;
    Ok((StatusCode::CREATED, Json(CaseView::from(&case))))
}

/// Loads a case the caller may see: its own agent, or an operator of its tenant.
pub(crate) async fn visible(gw: &Gateway, caller: &Caller, id: &str) -> Result<Case, ApiError> {
    let id = validate::id("case", id, CaseId::parse)?;
    let case = match caller {
        Caller::Agent(a) => crate::decisions::agents_case(gw, a, &id).await?,
        Caller::Operator(op) => match gw.store().case(&id).await? {
            Some(c) if op.platform_admin || op.tenant.as_ref() == Some(&c.tenant) => c,
            _ => return Err(ApiError::not_found("case")),
        },
    };
    tracing::Span::current().record("case", case.id.as_str());
    Ok(case)
}

/// Reads a case (its agent; operators of its tenant).
#[utoipa::path(get, path = "/v1/cases/{id}", tag = "cases", security(("bearer" = [])),
    params(("id" = String, Path, description = "case id")),
    responses((status = 200, body = CaseView), (status = "4XX", body = ErrorEnvelope)))]
pub(crate) async fn get(
    State(gw): State<Gateway>,
    caller: Caller,
    ApiPath(id): ApiPath<String>,
) -> Result<Json<CaseView>, ApiError> {
    let case = visible(&gw, &caller, &id).await?;
    Ok(Json(CaseView::from(&case)))
}

/// How a case ends.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct CloseCase {
    /// e.g. `resolved`, `refunded`, `escalated`; an agent may only use its closure authority.
    resolution: String,
}

/// A close that waits for a human.
#[derive(Serialize, Deserialize, ToSchema)]
pub(crate) struct ClosePending {
    /// The case, still open.
    case: CaseView,
    /// The approval of kind `closure` the resolution waits for.
    approval_id: String,
}

/// Closes a case (its agent, within its closure authority; an admin of the tenant). Revokes
/// the case's credentials; the closed case accepts no further inspections or actions. Where the
/// configuration turns an unauthorised resolution into an approval, answers 202 with it.
#[utoipa::path(post, path = "/v1/cases/{id}/close", tag = "cases", request_body = CloseCase,
    security(("bearer" = [])), params(("id" = String, Path, description = "case id")),
    responses((status = 200, body = CaseView), (status = 202, body = ClosePending),
        (status = "4XX", body = ErrorEnvelope)))]
pub(crate) async fn close(
    State(gw): State<Gateway>,
    caller: Caller,
    ApiPath(id): ApiPath<String>,
    ApiJson(req): ApiJson<CloseCase>,
) -> Result<axum::response::Response, ApiError> {
    use axum::response::IntoResponse as _;
    let id = validate::id("case", &id, CaseId::parse)?;
    tracing::Span::current().record("case", id.as_str());
    let resolution = validate::text("resolution", &req.resolution, 100)?;
    Ok(
        match crate::closing::close(&gw, &caller, &id, resolution).await? {
            crate::closing::Closed::Closed(case) => Json(CaseView::from(&case)).into_response(),
            crate::closing::Closed::Pending(approval) => {
                let case = gw
                    .store()
                    .case(&id)
                    .await?
                    .ok_or_else(|| ApiError::not_found("case"))?;
                (
                    StatusCode::ACCEPTED,
                    Json(ClosePending {
                        case: CaseView::from(&case),
                        approval_id: approval.id.to_string(),
                    }),
                )
                    .into_response()
            }
        },
    )
}
