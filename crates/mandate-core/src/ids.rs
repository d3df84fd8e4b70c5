//! Identifiers, parsed once at the edge.
//!
//! Tenant ids are chosen by people (`acme`, `shop-eu`), so they are validated. Every other id is
//! minted by Mandate as a prefix and 32 hex digits, and parsing checks that shape, so an id from
//! one family can never be passed where another is expected.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Why a string is not a valid identifier.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    /// The string is not of the id family's shape.
    #[error("`{value}` is not a valid {what}: {rule}")]
    Invalid {
        /// What kind of id was expected.
        what: &'static str,
        /// The offending input, truncated.
        value: String,
        /// The rule it broke.
        rule: &'static str,
    },
}

fn invalid(what: &'static str, value: &str, rule: &'static str) -> IdError {
    IdError::Invalid {
        what,
        value: value.chars().take(80).collect(),
        rule,
    }
}

/// A name chosen by a person: 1..=64 of `[a-z0-9._-]`, starting with a letter or digit.
fn check_slug(what: &'static str, value: &str) -> Result<(), IdError> {
    let rule = "1 to 64 characters of a-z, 0-9, '.', '_' or '-', starting with a letter or digit";
    let ok = !value.is_empty()
        && value.len() <= 64
        && value.bytes().all(|b| {
            b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'.' | b'_' | b'-')
        })
        && value
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
    if ok {
        Ok(())
    } else {
        Err(invalid(what, value, rule))
    }
}

macro_rules! slug_id {
    ($(#[$doc:meta])* $name:ident, $what:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            /// Parses and validates.
            pub fn parse(value: &str) -> Result<Self, IdError> {
                check_slug($what, value)?;
                Ok(Self(value.to_owned()))
            }
            /// The id as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl TryFrom<String> for $name {
            type Error = IdError;
            fn try_from(value: String) -> Result<Self, IdError> {
                check_slug($what, &value)?;
                Ok(Self(value))
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

slug_id!(
    /// A tenant: one organisation deploying agents. Every other object belongs to exactly one.
    TenantId,
    "tenant id"
);
slug_id!(
    /// The name of an action an agent may attempt, e.g. `refund.issue`.
    ActionName,
    "action name"
);

/// 32 random hex digits, for identifiers that need no family (credential `jti`s).
pub fn random_hex() -> String {
    uuid::Uuid::new_v4().simple().to_string()
}

macro_rules! minted_id {
    ($(#[$doc:meta])* $name:ident, $prefix:literal, $what:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            /// The prefix every id of this family starts with.
            pub const PREFIX: &'static str = $prefix;

            /// A fresh random id.
            pub fn generate() -> Self {
                Self(format!("{}{}", $prefix, uuid::Uuid::new_v4().simple()))
            }

            /// Parses an id of this family.
            pub fn parse(value: &str) -> Result<Self, IdError> {
                let ok = value
                    .strip_prefix($prefix)
                    .is_some_and(|rest| rest.len() == 32 && rest.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()));
                if ok {
                    Ok(Self(value.to_owned()))
                } else {
                    Err(invalid($what, value, concat!("expected `", $prefix, "` and 32 lowercase hex digits")))
                }
            }

            /// The id as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl TryFrom<String> for $name {
            type Error = IdError;
            fn try_from(value: String) -> Result<Self, IdError> {
                Self::parse(&value)
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

minted_id!(
    /// A human or service account.
    OperatorId,
    "op_",
    "operator id"
);
minted_id!(
    /// A governed agent identity.
    AgentId,
    "ag_",
    "agent id"
);
minted_id!(
    /// A customer conversation.
    CaseId,
    "case_",
    "case id"
);
minted_id!(
    /// One requested action within a case.
    ActionId,
    "act_",
    "action id"
);
minted_id!(
    /// A request for a human decision.
    ApprovalId,
    "apr_",
    "approval id"
);
minted_id!(
    /// One inspection of a piece of text.
    InspectionId,
    "insp_",
    "inspection id"
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_validated() {
        assert!(TenantId::parse("acme").is_ok());
        assert!(TenantId::parse("shop-eu.2").is_ok());
        for bad in ["", "Acme", "-x", "a b", "x/y", &"a".repeat(65)] {
            assert!(TenantId::parse(bad).is_err(), "{bad:?} should be rejected");
        }
        assert!(ActionName::parse("refund.issue").is_ok());
    }

    #[test]
    fn minted_ids_round_trip_and_do_not_cross_families() {
        let id = AgentId::generate();
        assert_eq!(AgentId::parse(id.as_str()), Ok(id.clone()));
        assert!(CaseId::parse(id.as_str()).is_err());
        assert!(AgentId::parse("ag_XYZ").is_err());
        let json = serde_json::to_string(&id).unwrap();
        let back: AgentId = serde_json::from_str(&json).unwrap();
        assert_eq!(back, id);
        assert!(serde_json::from_str::<AgentId>("\"ag_nothex\"").is_err());
    }
}
