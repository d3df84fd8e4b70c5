//! `POST /v1/cases/{id}/inspect`: what may pass between the customer, the agent and its tools.

use axum::Json;
use axum::extract::State;
use mandate_inspect::{Direction, Finding, Source};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::Gateway;
use crate::auth::Caller;
use crate::error::{ApiError, ErrorEnvelope};
use crate::extract::{ApiJson, ApiPath};
use crate::inspection::{self, Request};
use crate::routes::cases;

/// The longest text inspected in one request.
pub const MAX_TEXT_BYTES: usize = 512 * 1024;

/// A text to inspect.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct InspectBody {
    /// `input` (to the agent) or `output` (to the customer).
    direction: String,
    /// `customer`, `tool` or `retrieval` for input (default `customer`); `agent` for output
    /// (the default).
    source: Option<String>,
    /// The text, as it would be passed on.
    text: String,
}

/// One finding; offsets are bytes of the submitted text.
#[derive(Serialize, Deserialize, ToSchema)]
pub(crate) struct FindingView {
    /// `injection`, `jailbreak`, ..., `pii`, `secret`, `tenant_leak`, `commitment`.
    category: String,
    kind: String,
    /// `low`, `medium`, `high` or `critical`.
    severity: String,
    start: usize,
    end: usize,
    /// A short excerpt; masked for secrets and personal data.
    evidence: String,
    /// For a commitment: kind, amount, currency, percent, dates and objects mentioned.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<Object>)]
    commitment: Option<serde_json::Value>,
    /// The approved or executed action backing a commitment.
    #[serde(skip_serializing_if = "Option::is_none")]
    grounded_by: Option<String>,
}

impl From<Finding> for FindingView {
    fn from(f: Finding) -> FindingView {
        FindingView {
            category: f.category.as_str().to_owned(),
            kind: f.kind,
            severity: f.severity.as_str().to_owned(),
            start: f.start,
            end: f.end,
            evidence: f.evidence,
            commitment: f.commitment.and_then(|c| serde_json::to_value(c).ok()),
            grounded_by: f.grounded_by,
        }
    }
}

/// The verdict.
#[derive(Serialize, Deserialize, ToSchema)]
pub(crate) struct InspectionView {
    inspection_id: String,
    /// `allow`, `redact`, `block` or `escalate`.
    verdict: String,
    /// What may be passed on: the text, redacted, rewritten, or withheld.
    text: String,
    findings: Vec<FindingView>,
    /// When the verdict is `escalate`: the approval the statement waits for.
    #[serde(skip_serializing_if = "Option::is_none")]
    approval_id: Option<String>,
}

fn parse(body: InspectBody) -> Result<Request, ApiError> {
    let direction = match body.direction.as_str() {
        "input" => Direction::Input,
        "output" => Direction::Output,
        other => {
            return Err(ApiError::invalid(format!(
                "`direction` is `input` or `output`, not `{other}`"
            )));
        }
    };
    let source = match (direction, body.source.as_deref()) {
        (Direction::Input, None | Some("customer")) => Source::Customer,
        (Direction::Input, Some("tool")) => Source::Tool,
        (Direction::Input, Some("retrieval")) => Source::Retrieval,
        (Direction::Output, None | Some("agent")) => Source::Agent,
        (Direction::Input, Some(other)) => {
            return Err(ApiError::invalid(format!(
                "`source` of input is `customer`, `tool` or `retrieval`, not `{other}`"
            )));
        }
        (Direction::Output, Some(other)) => {
            return Err(ApiError::invalid(format!(
                "`source` of output is `agent`, not `{other}`"
            )));
        }
    };
    if body.text.len() > MAX_TEXT_BYTES {
        return Err(ApiError::invalid(format!(
            "`text` is longer than {MAX_TEXT_BYTES} bytes"
        )));
    }
    Ok(Request {
        direction,
        source,
        text: body.text,
    })
}

/// Inspects a text of the case (its agent) and says what may be passed on.
#[utoipa::path(post, path = "/v1/cases/{id}/inspect", tag = "inspection", request_body = InspectBody,
    security(("bearer" = [])), params(("id" = String, Path, description = "case id")),
    responses((status = 200, body = InspectionView), (status = "4XX", body = ErrorEnvelope)))]
pub(crate) async fn inspect(
    State(gw): State<Gateway>,
    caller: Caller,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<InspectBody>,
) -> Result<Json<InspectionView>, ApiError> {
    let agent = caller.agent()?;
    let case = cases::visible(&gw, &caller, &id).await?;
    let req = parse(body)?;
    let done = inspection::inspect(&gw, agent, &case, req).await?;
    Ok(Json(InspectionView {
        inspection_id: done.id.to_string(),
        verdict: done.outcome.verdict.as_str().to_owned(),
        text: done.outcome.text,
        findings: done
            .outcome
            .findings
            .into_iter()
            .map(FindingView::from)
            .collect(),
        approval_id: done.approval.map(|a| a.id.to_string()),
    }))
}
