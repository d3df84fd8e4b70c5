//! Mandate's domain core.
//!
//! Everything here is pure: no network, no database, no file system and no clock. Callers pass
//! `now` in. The server and the CLI build on these types; the storage crate persists them.

pub mod action;
pub mod agent;
pub mod approval;
pub mod audit;
pub mod canonical;
pub mod case;
pub mod credential;
pub mod ids;
pub mod keys;
pub mod operator;
pub mod token;

pub use ids::{
    ActionId, ActionName, AgentId, ApprovalId, CaseId, IdError, InspectionId, OperatorId, TenantId,
};

/// A point in time, always UTC, with millisecond precision once stored.
pub type Timestamp = chrono::DateTime<chrono::Utc>;

/// Truncates a timestamp to whole milliseconds, the precision every store keeps.
pub fn to_millis(t: Timestamp) -> i64 {
    t.timestamp_millis()
}

/// The inverse of [`to_millis`]; out-of-range values clamp to the epoch rather than panic.
pub fn from_millis(ms: i64) -> Timestamp {
    chrono::DateTime::from_timestamp_millis(ms).unwrap_or_default()
}
