//! Checks on request fields that serde alone cannot express; each error names the field.

use mandate_core::TenantId;

use crate::error::ApiError;

/// A trimmed, non-empty string of at most `max` characters.
pub(crate) fn text(field: &str, value: &str, max: usize) -> Result<String, ApiError> {
    let v = value.trim();
    if v.is_empty() {
        return Err(ApiError::invalid(format!("`{field}` must not be empty")));
    }
    if v.chars().count() > max {
        return Err(ApiError::invalid(format!(
            "`{field}` is longer than {max} characters"
        )));
    }
    if v.chars().any(|c| c.is_control()) {
        return Err(ApiError::invalid(format!(
            "`{field}` must not contain control characters"
        )));
    }
    Ok(v.to_owned())
}

/// A tenant id.
pub(crate) fn tenant(field: &str, value: &str) -> Result<TenantId, ApiError> {
    TenantId::parse(value).map_err(|e| ApiError::invalid(format!("`{field}`: {e}")))
}

/// A minted id of some family; a malformed one is simply not found.
pub(crate) fn id<T>(
    what: &str,
    value: &str,
    parse: fn(&str) -> Result<T, mandate_core::IdError>,
) -> Result<T, ApiError> {
    parse(value).map_err(|_| ApiError::not_found(what))
}
