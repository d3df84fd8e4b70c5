//! Policy test files: cases with expected decisions, run by `mandate policy test FILE` before a
//! policy change is deployed (and in CI).
//!
//! ```toml
//! policies = "policies"                 # directory, relative to this file
//!
//! [defaults]                            # shared by every case; each case may override
//! tenant = "acme"
//! customer = { id = "c-1", verified = true }
//!
//! [[entities]]                          # Cedar JSON entities, as PUT /v1/entities takes them
//! uid = { type = "Shop::Order", id = "A-1" }
//! attrs = { customer = "c-1", total = 12000 }
//!
//! [[cases]]
//! name = "a verified customer's small refund passes"
//! action = "refund.issue"
//! resource = { type = "Shop::Order", id = "A-1" }
//! args = { amount = 2000, currency = "EUR" }
//! expect = "allow"                      # allow | deny | pending_approval
//! policies = ["refund-small"]           # optional: the determining policy ids
//! role = "approver"                     # optional, with pending_approval
//! ```

use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_json::Value;

use crate::engine::{AgentFacts, CaseFacts, Engine, Request};
use crate::{Decision, PolicyError, read_dir};

/// A parsed test file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TestFile {
    /// The policy directory, relative to the file.
    pub policies: PathBuf,
    /// Values shared by all cases.
    #[serde(default)]
    pub defaults: Setting,
    /// Entities the cases refer to.
    #[serde(default)]
    pub entities: Vec<toml::Value>,
    /// The cases.
    pub cases: Vec<Case>,
}

/// Who, for whom, in what state; every field optional.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Setting {
    /// Tenant id.
    pub tenant: Option<String>,
    /// The customer.
    pub customer: Option<Customer>,
    /// Case state (`open` by default).
    pub case_state: Option<String>,
    /// Channel (`chat` by default).
    pub channel: Option<String>,
    /// Agent status (`active` by default).
    pub agent_status: Option<String>,
}

/// A customer.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Customer {
    /// Id.
    pub id: String,
    /// Verified.
    pub verified: bool,
}

/// One case.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    /// What it shows.
    pub name: String,
    /// Action name.
    pub action: String,
    /// `{type, id}` of an entity in `entities`.
    pub resource: toml::Value,
    /// Arguments.
    #[serde(default)]
    pub args: Option<toml::Value>,
    /// `allow`, `deny` or `pending_approval`.
    pub expect: String,
    /// The determining policies, if checked.
    pub policies: Option<Vec<String>>,
    /// The approval role, if checked.
    pub role: Option<String>,
    /// Overrides of the defaults.
    #[serde(flatten)]
    pub setting: Setting,
}

/// The outcome of one case.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// The case's name.
    pub name: String,
    /// Whether it met its expectation.
    pub passed: bool,
    /// What happened, for people.
    pub detail: String,
}

fn to_json(v: &toml::Value) -> Result<Value, PolicyError> {
    serde_json::to_value(v).map_err(|e| PolicyError::TestFile(e.to_string()))
}

/// Reads a test file and runs its cases against its policy directory.
pub fn run(path: &Path) -> Result<Vec<Outcome>, PolicyError> {
    let text = std::fs::read_to_string(path).map_err(|e| PolicyError::Io {
        path: path.display().to_string(),
        reason: e.to_string(),
    })?;
    let file: TestFile = toml::from_str(&text).map_err(|e| PolicyError::TestFile(e.to_string()))?;
    let dir = path.parent().unwrap_or(Path::new(".")).join(&file.policies);
    let engine = Engine::load(&read_dir(&dir)?)?;
    run_cases(&engine, &file)
}

/// Runs the cases of a parsed file.
pub fn run_cases(engine: &Engine, file: &TestFile) -> Result<Vec<Outcome>, PolicyError> {
    let entities: Vec<Value> = file
        .entities
        .iter()
        .map(to_json)
        .collect::<Result<_, _>>()?;
    let entities = engine.check_entities(&entities)?;
    let mut out = Vec::new();
    for case in &file.cases {
        let pick = |f: fn(&Setting) -> Option<String>, default: &str| {
            f(&case.setting)
                .or_else(|| f(&file.defaults))
                .unwrap_or_else(|| default.to_owned())
        };
        let tenant = pick(|s| s.tenant.clone(), "tenant");
        let state = pick(|s| s.case_state.clone(), "open");
        let channel = pick(|s| s.channel.clone(), "chat");
        let status = pick(|s| s.agent_status.clone(), "active");
        let customer = case
            .setting
            .customer
            .clone()
            .or_else(|| file.defaults.customer.clone())
            .unwrap_or(Customer {
                id: "customer".into(),
                verified: false,
            });
        let want = to_json(&case.resource)?;
        let resource = entities
            .iter()
            .find(|e| e.get("uid") == Some(&want))
            .ok_or_else(|| {
                PolicyError::TestFile(format!(
                    "case `{}`: resource {want} is not in `entities`",
                    case.name
                ))
            })?;
        let ancestors = ancestors_of(resource, &entities);
        let args = case
            .args
            .as_ref()
            .map(to_json)
            .transpose()?
            .unwrap_or_else(|| Value::Object(Default::default()));
        let eval = engine.evaluate(&Request {
            agent: AgentFacts {
                id: "ag_policy_test",
                tenant: &tenant,
                owner: "op_policy_test",
                status: &status,
                purpose: "policy test",
            },
            action: &case.action,
            resource,
            ancestors: &ancestors,
            case: CaseFacts {
                id: "case_policy_test",
                state: &state,
                channel: &channel,
                customer_id: &customer.id,
                customer_verified: customer.verified,
            },
            args: &args,
            entities_checked: true,
        });
        let mut passed = eval.decision.as_str() == case.expect;
        if let Some(want) = &case.policies {
            let mut want = want.clone();
            want.sort();
            passed &= want == eval.policies;
        }
        if let Some(role) = &case.role {
            passed &= matches!(&eval.decision, Decision::PendingApproval { role: r } if r == role);
        }
        out.push(Outcome {
            name: case.name.clone(),
            passed,
            detail: format!(
                "expected {}{}, got {} ({})",
                case.expect,
                case.policies
                    .as_ref()
                    .map(|p| format!(" by {p:?}"))
                    .unwrap_or_default(),
                eval.decision.as_str(),
                eval.reasons.join("; ")
            ),
        });
    }
    Ok(out)
}

fn ancestors_of(entity: &Value, all: &[Value]) -> Vec<Value> {
    let mut out: Vec<Value> = Vec::new();
    let mut todo: Vec<Value> = entity
        .get("parents")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    while let Some(uid) = todo.pop() {
        if out.iter().any(|e| e.get("uid") == Some(&uid)) {
            continue;
        }
        if let Some(parent) = all.iter().find(|e| e.get("uid") == Some(&uid)) {
            todo.extend(
                parent
                    .get("parents")
                    .and_then(Value::as_array)
                    .cloned()
                    .unwrap_or_default(),
            );
            out.push(parent.clone());
        }
    }
    out
}
