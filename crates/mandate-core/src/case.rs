//! Cases: one customer conversation, bound to one tenant, one agent and one customer.

use serde::{Deserialize, Serialize};

use crate::{AgentId, CaseId, TenantId, Timestamp};

/// The customer a case is for, and how well they were verified.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Customer {
    /// The tenant's own id for the customer.
    pub id: String,
    /// Whether the customer proved who they are (login, OTP...).
    pub verified: bool,
}

/// Whether a case still accepts work.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseState {
    /// Accepting inspections and actions.
    Open,
    /// Finished; its credentials are revoked.
    Closed,
}

impl CaseState {
    /// The state as stored and shown, and as policies see it in `context.case.state`.
    pub fn as_str(self) -> &'static str {
        match self {
            CaseState::Open => "open",
            CaseState::Closed => "closed",
        }
    }

    /// Parses a stored state.
    pub fn parse(s: &str) -> Option<CaseState> {
        match s {
            "open" => Some(CaseState::Open),
            "closed" => Some(CaseState::Closed),
            _ => None,
        }
    }
}

/// A customer conversation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Case {
    /// Its id.
    pub id: CaseId,
    /// The tenant it belongs to (always the agent's tenant).
    pub tenant: TenantId,
    /// The agent handling it.
    pub agent: AgentId,
    /// The customer.
    pub customer: Customer,
    /// Where the conversation happens (`chat`, `email`, `voice`...).
    pub channel: String,
    /// Open or closed.
    pub state: CaseState,
    /// When it was opened.
    pub opened_at: Timestamp,
    /// When it was closed.
    pub closed_at: Option<Timestamp>,
    /// How it was resolved.
    pub resolution: Option<String>,
}
