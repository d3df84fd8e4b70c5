//! The audit log: reading records, verifying the stored chain and exporting it.
//!
//! A tenant's auditor sees that tenant's records; in an export, other tenants' records are
//! stubs, so the chain still verifies without revealing them. The platform admin sees all.

use axum::Json;
use axum::extract::State;
use axum::http::header::CONTENT_TYPE;
use axum::response::IntoResponse;
use mandate_core::audit::{Record, Summary};
use mandate_core::keys::KeyPurpose;
use mandate_core::operator::Role;
use mandate_core::{CaseId, TenantId};
use mandate_store::ExportSelection;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::Gateway;
use crate::auth::Caller;
use crate::error::{ApiError, ErrorEnvelope};
use crate::extract::ApiQuery;
use crate::validate;

/// Filters on the log.
#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub(crate) struct AuditQuery {
    /// Only this case's records.
    case: Option<String>,
    /// Only records with `seq >= since`.
    since: Option<i64>,
    /// At most this many (default 500, at most 5000).
    limit: Option<i64>,
    /// Platform admin only: only this tenant's records.
    tenant: Option<String>,
}

/// The tenant whose records the caller may read: its own as auditor, any as platform admin.
fn scope(caller: &Caller, requested: Option<&str>) -> Result<Option<TenantId>, ApiError> {
    let op = caller.operator()?;
    if op.platform_admin {
        return requested.map(|t| validate::tenant("tenant", t)).transpose();
    }
    let own = op
        .tenant
        .clone()
        .ok_or_else(|| ApiError::forbidden("forbidden", "requires role auditor"))?;
    if requested.is_some_and(|t| t != own.as_str()) {
        return Err(ApiError::forbidden(
            "forbidden",
            "an auditor reads only its own tenant",
        ));
    }
    caller.require(&own, &[Role::Auditor])?;
    Ok(Some(own))
}

fn selection(caller: &Caller, q: &AuditQuery) -> Result<ExportSelection, ApiError> {
    let case = q
        .case
        .as_deref()
        .map(|c| CaseId::parse(c).map_err(|e| ApiError::invalid(format!("`case`: {e}"))))
        .transpose()?;
    if q.since.is_some_and(|s| s < 1) {
        return Err(ApiError::invalid("`since` must be at least 1"));
    }
    Ok(ExportSelection {
        tenant: scope(caller, q.tenant.as_deref())?,
        case,
        since: q.since,
    })
}

/// A page of records.
#[derive(Serialize, Deserialize, ToSchema)]
pub(crate) struct RecordPage {
    #[schema(value_type = Vec<Object>)]
    records: Vec<Record>,
    /// Pass as `since` to read on; absent at the end.
    next_since: Option<i64>,
}

/// Reads records (auditor; platform admin).
#[utoipa::path(get, path = "/v1/audit", tag = "audit", params(AuditQuery), security(("bearer" = [])),
    responses((status = 200, body = RecordPage), (status = "4XX", body = ErrorEnvelope)))]
pub(crate) async fn records(
    State(gw): State<Gateway>,
    caller: Caller,
    ApiQuery(q): ApiQuery<AuditQuery>,
) -> Result<Json<RecordPage>, ApiError> {
    let sel = selection(&caller, &q)?;
    let limit = q.limit.unwrap_or(500).clamp(1, 5000);
    let records = gw.store().audit_records(&sel, limit).await?;
    let next_since = (records.len() as i64 == limit)
        .then(|| records.last().map(|r| r.seq + 1))
        .flatten();
    Ok(Json(RecordPage {
        records,
        next_since,
    }))
}

/// The outcome of verifying the stored log.
#[derive(Serialize, Deserialize, ToSchema)]
pub(crate) struct VerifyReport {
    /// Whether the whole log is intact.
    ok: bool,
    #[schema(value_type = Object)]
    summary: Option<Summary>,
    /// The first bad record, if any.
    #[schema(value_type = Object)]
    error: Option<serde_json::Value>,
}

/// Verifies the whole stored log: chain, signatures, checkpoints, head (auditor).
#[utoipa::path(get, path = "/v1/audit/verify", tag = "audit", security(("bearer" = [])),
    responses((status = 200, body = VerifyReport), (status = "4XX", body = ErrorEnvelope)))]
pub(crate) async fn verify(
    State(gw): State<Gateway>,
    caller: Caller,
) -> Result<Json<VerifyReport>, ApiError> {
    scope(&caller, None)?;
    let ring = gw.store().key_ring(KeyPurpose::Audit).await?;
    let report = match gw.store().verify_log(&ring).await? {
        Ok(summary) => VerifyReport {
            ok: true,
            summary: Some(summary),
            error: None,
        },
        Err(e) => {
            tracing::error!(seq = e.seq, problem = %e.problem, "audit log verification failed");
            VerifyReport {
                ok: false,
                summary: None,
                error: Some(
                    serde_json::json!({"seq": e.seq, "problem": e.problem, "message": e.to_string()}),
                ),
            }
        }
    };
    Ok(Json(report))
}

/// Exports records as JSON Lines with a signed header, checkpoints and stubs (auditor).
#[utoipa::path(get, path = "/v1/audit/export", tag = "audit", params(AuditQuery), security(("bearer" = [])),
    responses((status = 200, description = "JSON Lines", content_type = "application/x-ndjson"),
              (status = "4XX", body = ErrorEnvelope)))]
pub(crate) async fn export(
    State(gw): State<Gateway>,
    caller: Caller,
    ApiQuery(q): ApiQuery<AuditQuery>,
) -> Result<impl IntoResponse, ApiError> {
    let sel = selection(&caller, &q)?;
    // Sign the head first, so the export's last records are covered by a checkpoint of the
    // log itself and not only by the export's header.
    gw.store().checkpoint_now(gw.now()).await?;
    let mut body = Vec::new();
    let key = gw.keys().audit_key();
    gw.store()
        .export_log(&sel, &key, gw.now(), &mut |line| {
            serde_json::to_writer(&mut body, &line).map_err(std::io::Error::other)?;
            body.push(b'\n');
            Ok(())
        })
        .await?;
    Ok(([(CONTENT_TYPE, "application/x-ndjson")], body))
}
