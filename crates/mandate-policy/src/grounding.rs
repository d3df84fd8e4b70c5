//! Which actions back which commitments: `commitments.toml` in the policy directory.
//!
//! ```toml
//! [[backs]]
//! action = "refund.issue"   # an action the schema declares
//! kinds = ["refund"]        # commitment kinds it backs once approved or executed
//! amount = "amount"         # the argument holding its amount (minor units), if any
//! currency = "currency"     # ...its currency, if any
//! percent = "percent"       # ...its percentage, if any
//! ```
//!
//! The file is part of the policy set: it is validated with it, hashed with it and reloaded
//! with it. Without the file no action backs any commitment.

use serde::Deserialize;
use serde_json::Value;

use crate::PolicyError;

/// The name of the file in the policy directory.
pub const FILE: &str = "commitments.toml";

/// One rule: an action and the commitments it backs.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Backing {
    /// The action, e.g. `refund.issue`.
    pub action: String,
    /// Commitment kinds, e.g. `refund`.
    pub kinds: Vec<String>,
    /// The argument holding the approved amount in minor units.
    #[serde(default)]
    pub amount: Option<String>,
    /// The argument holding the currency of that amount.
    #[serde(default)]
    pub currency: Option<String>,
    /// The argument holding an approved percentage.
    #[serde(default)]
    pub percent: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    backs: Vec<Backing>,
}

/// The whole mapping.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Grounding {
    backs: Vec<Backing>,
}

/// What an action's arguments allow a commitment to say.
#[derive(Debug, Clone, PartialEq)]
pub struct Allowance {
    /// The most that may be promised, in minor units.
    pub amount: Option<i64>,
    /// In this currency.
    pub currency: Option<String>,
    /// The highest percentage that may be promised.
    pub percent: Option<f64>,
}

impl Grounding {
    /// Parses the file. `actions` are the actions the schema declares and `kinds` the
    /// commitment kinds the inspector knows; rules naming others are refused.
    pub fn parse(text: &str, actions: &[String], kinds: &[&str]) -> Result<Grounding, PolicyError> {
        let file: File = toml::from_str(text)
            .map_err(|e| PolicyError::Invalid(vec![format!("{FILE}: {}", e.message())]))?;
        let mut problems = Vec::new();
        for b in &file.backs {
            if !actions.iter().any(|a| a == &b.action) {
                problems.push(format!(
                    "{FILE}: action `{}` is not declared in the schema",
                    b.action
                ));
            }
            if b.kinds.is_empty() {
                problems.push(format!("{FILE}: `{}` backs no kind", b.action));
            }
            for k in &b.kinds {
                if !kinds.contains(&k.as_str()) {
                    problems.push(format!(
                        "{FILE}: `{}` names kind `{k}`; kinds are {}",
                        b.action,
                        kinds.join(", ")
                    ));
                }
            }
        }
        if problems.is_empty() {
            Ok(Grounding { backs: file.backs })
        } else {
            Err(PolicyError::Invalid(problems))
        }
    }

    /// If `action` backs commitments of `kind`, what its `args` allow them to say.
    pub fn allowance(&self, action: &str, kind: &str, args: &Value) -> Option<Allowance> {
        let b = self
            .backs
            .iter()
            .find(|b| b.action == action && b.kinds.iter().any(|k| k == kind))?;
        let arg = |name: &Option<String>| name.as_ref().and_then(|n| args.get(n));
        Some(Allowance {
            amount: arg(&b.amount).and_then(Value::as_i64),
            currency: arg(&b.currency)
                .and_then(Value::as_str)
                .map(str::to_ascii_uppercase),
            percent: arg(&b.percent).and_then(Value::as_f64),
        })
    }

    /// How many rules the mapping has.
    pub fn len(&self) -> usize {
        self.backs.len()
    }

    /// Whether the mapping has no rule.
    pub fn is_empty(&self) -> bool {
        self.backs.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KINDS: &[&str] = &["refund", "discount"];

    #[test]
    fn parses_and_answers_allowances() {
        let g = Grounding::parse(
            "[[backs]]\naction = \"refund.issue\"\nkinds = [\"refund\"]\namount = \"amount\"\ncurrency = \"currency\"\n",
            &["refund.issue".to_owned()],
            KINDS,
        )
        .unwrap();
        let a = g
            .allowance(
                "refund.issue",
                "refund",
                &serde_json::json!({"amount": 4000, "currency": "usd"}),
            )
            .unwrap();
        assert_eq!(a.amount, Some(4000));
        assert_eq!(a.currency.as_deref(), Some("USD"));
        assert!(
            g.allowance("refund.issue", "discount", &serde_json::json!({}))
                .is_none()
        );
        assert!(
            g.allowance("order.read", "refund", &serde_json::json!({}))
                .is_none()
        );
    }

    #[test]
    fn unknown_actions_and_kinds_are_refused() {
        let e = Grounding::parse(
            "[[backs]]\naction = \"refund.issu\"\nkinds = [\"refnd\"]\n",
            &["refund.issue".to_owned()],
            KINDS,
        )
        .unwrap_err();
        let text = e.to_string();
        assert!(
            text.contains("refund.issu") && text.contains("refnd"),
            "{text}"
        );
        assert!(Grounding::parse("[[backs]]\naction = 1\n", &[], KINDS).is_err());
    }
}
