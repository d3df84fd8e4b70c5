//! Mandate's authorisation. This crate is the only one that knows Cedar: it loads a policy
//! directory, validates it strictly against Mandate's built-in schema plus the deployment's, and
//! answers [`Decision`]s. A Cedar upgrade touches this crate alone.
//!
//! Outcome rules (the contract's): a satisfied `forbid` denies; a satisfied `permit` without
//! annotation allows; if only permits annotated `@approval("<role>")` are satisfied, the action
//! waits for that role; nothing satisfied denies; any evaluation error denies (fail closed).

mod engine;
pub mod grounding;
mod load;
mod slice;
pub mod testfile;
mod values;

pub use engine::{AgentFacts, CaseFacts, Engine, EntityJson, Request};
pub use grounding::Grounding;
pub use load::{PolicySources, read_dir};

use serde::Serialize;

/// Mandate's own answer to "may this action happen?".
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "decision", rename_all = "snake_case")]
pub enum Decision {
    /// Go ahead.
    Allow,
    /// Refused.
    Deny,
    /// A human with this role must approve first.
    PendingApproval {
        /// The role the policy named.
        role: String,
    },
}

impl Decision {
    /// `allow`, `deny` or `pending_approval`.
    pub fn as_str(&self) -> &'static str {
        match self {
            Decision::Allow => "allow",
            Decision::Deny => "deny",
            Decision::PendingApproval { .. } => "pending_approval",
        }
    }
}

/// A decision with what led to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Evaluation {
    /// The decision.
    pub decision: Decision,
    /// Why, for people; names policy ids.
    pub reasons: Vec<String>,
    /// The ids of the determining policies.
    pub policies: Vec<String>,
    /// The hash of the policy set that decided.
    pub policy_hash: String,
}

/// Why a policy directory, an entity or a test file was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PolicyError {
    /// A file could not be read.
    #[error("cannot read `{path}`: {reason}")]
    Io {
        /// The file.
        path: String,
        /// What failed.
        reason: String,
    },
    /// Schema, policies or annotations are invalid; one message per problem.
    #[error("invalid policies:\n  - {}", .0.join("\n  - "))]
    Invalid(Vec<String>),
    /// Entities do not conform to the schema.
    #[error("invalid entities: {0}")]
    Entities(String),
    /// A policy test file is malformed.
    #[error("invalid policy test file: {0}")]
    TestFile(String),
}

/// The roles a policy may name in `@approval(...)`.
pub const APPROVAL_ROLES: &[&str] = &["admin", "approver", "owner", "auditor", "service"];
