//! Evaluating a request against the loaded policy set.

use std::collections::BTreeMap;
use std::str::FromStr as _;

use std::collections::{HashMap, HashSet};
use std::sync::RwLock;

use cedar_policy::{
    Authorizer, Context, Entities, Entity, EntityId, EntityTypeName, EntityUid, PolicySet,
    Request as CedarRequest, RestrictedExpression, Schema,
};
use serde_json::Value;

use crate::load::{Loaded, PolicyMeta, PolicySources, load};
use crate::slice::Slices;
use crate::values::TypeNames;
use crate::{Decision, Evaluation, PolicyError};

/// An entity in Cedar's JSON form: `{"uid": {"type", "id"}, "attrs": {...}, "parents": [...]}`.
pub type EntityJson = Value;

/// The principal: the agent acting.
#[derive(Debug, Clone, Copy)]
pub struct AgentFacts<'a> {
    /// Agent id.
    pub id: &'a str,
    /// Its tenant.
    pub tenant: &'a str,
    /// Its owner's operator id.
    pub owner: &'a str,
    /// Its lifecycle status.
    pub status: &'a str,
    /// Its purpose.
    pub purpose: &'a str,
}

/// The case the action is for.
#[derive(Debug, Clone, Copy)]
pub struct CaseFacts<'a> {
    /// Case id.
    pub id: &'a str,
    /// `open` or `closed`.
    pub state: &'a str,
    /// Channel.
    pub channel: &'a str,
    /// The customer's id.
    pub customer_id: &'a str,
    /// Whether the customer is verified.
    pub customer_verified: bool,
}

/// One question: may this agent do this action to this resource, in this case, with these
/// arguments?
#[derive(Debug, Clone)]
pub struct Request<'a> {
    /// Who.
    pub agent: AgentFacts<'a>,
    /// The action name, e.g. `refund.issue`.
    pub action: &'a str,
    /// The resource entity, from the case's tenant.
    pub resource: &'a EntityJson,
    /// Its ancestors, from the case's tenant.
    pub ancestors: &'a [EntityJson],
    /// The case.
    pub case: CaseFacts<'a>,
    /// The action's arguments (money in minor units).
    pub args: &'a Value,
    /// Whether the resource and its ancestors were checked against this engine's schema (their
    /// stored schema hash equals [`Engine::schema_hash`]); if not they are checked now.
    pub entities_checked: bool,
}

/// A loaded, validated policy set.
pub struct Engine {
    schema: Schema,
    policies: PolicySet,
    meta: BTreeMap<String, PolicyMeta>,
    action_entities: Entities,
    names: TypeNames,
    action_index: HashMap<String, Entity>,
    /// Actions that belong to an action group.
    grouped_actions: HashSet<String>,
    agent_type: EntityTypeName,
    tenant_type: EntityTypeName,
    authorizer: Authorizer,
    hash: String,
    schema_hash: String,
    slices: Slices,
    /// Built principal entities by agent id, with the facts they were built from.
    agents: RwLock<HashMap<String, (String, Entity)>>,
    /// (action, resource type, args shape) triples already checked against the schema.
    conforming: RwLock<HashSet<String>>,
}

impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Engine({} policies, {})", self.meta.len(), self.hash)
    }
}

impl Engine {
    /// Validates and loads policy sources.
    pub fn load(sources: &PolicySources) -> Result<Engine, PolicyError> {
        let Loaded {
            schema,
            policies,
            meta,
        } = load(sources)?;
        let action_entities = schema
            .action_entities()
            .map_err(|e| PolicyError::Invalid(vec![format!("schema actions: {e}")]))?;
        let mut types: Vec<EntityTypeName> = schema.entity_types().cloned().collect();
        types.extend(EntityTypeName::from_str("Mandate::Action"));
        let action_index = action_entities
            .iter()
            .filter(|e| e.uid().type_name().to_string() == "Mandate::Action")
            .map(|e| (e.uid().id().unescaped().to_owned(), e.clone()))
            .collect();
        let fixed = |name: &str| {
            EntityTypeName::from_str(name)
                .map_err(|e| PolicyError::Invalid(vec![format!("built-in type `{name}`: {e}")]))
        };
        let grouped_actions = action_entities
            .iter()
            .filter(|e| e.uid().type_name().to_string() == "Mandate::Action")
            .filter(|e| {
                action_entities
                    .ancestors(&e.uid())
                    .is_some_and(|mut a| a.next().is_some())
            })
            .map(|e| e.uid().id().unescaped().to_owned())
            .collect();
        Ok(Engine {
            grouped_actions,
            agent_type: fixed("Mandate::Agent")?,
            tenant_type: fixed("Mandate::Tenant")?,
            action_index,
            authorizer: Authorizer::new(),
            names: TypeNames::new(types.iter()),
            schema,
            policies,
            meta,
            action_entities,
            hash: sources.hash(),
            schema_hash: sources.schema_hash(),
            slices: Slices::new(),
            conforming: RwLock::new(HashSet::new()),
            agents: RwLock::new(HashMap::new()),
        })
    }

    /// The set with no deployment schema and no policies: every action is denied.
    pub fn empty() -> Result<Engine, PolicyError> {
        Engine::load(&PolicySources::default())
    }

    /// The hash of the sources this set was loaded from.
    pub fn hash(&self) -> &str {
        &self.hash
    }

    /// The hash of the schema files alone: stored entities checked against it need no new
    /// check while it stays the same.
    pub fn schema_hash(&self) -> &str {
        &self.schema_hash
    }

    /// The policy ids, sorted.
    pub fn policy_ids(&self) -> Vec<String> {
        self.meta.keys().cloned().collect()
    }

    /// The actions the schema declares, sorted.
    pub fn actions(&self) -> Vec<String> {
        let mut names: Vec<String> = self
            .action_entities
            .iter()
            .map(|e| e.uid())
            .filter(|u| u.type_name().to_string() == "Mandate::Action")
            .map(|u| u.id().unescaped().to_owned())
            .collect();
        names.sort();
        names
    }

    fn action(&self, name: &str) -> Option<&Entity> {
        self.action_index.get(name)
    }

    /// Checks entities (as `PUT /v1/entities` receives them) against the schema and returns them
    /// in the explicit JSON form that is stored. Mandate's own types are reserved.
    pub fn check_entities(&self, entities: &[EntityJson]) -> Result<Vec<EntityJson>, PolicyError> {
        let mut out = Vec::with_capacity(entities.len());
        for e in entities {
            let ty = e
                .pointer("/uid/type")
                .and_then(Value::as_str)
                .unwrap_or_default();
            if ty.starts_with("Mandate::") {
                return Err(PolicyError::Entities(format!(
                    "`{ty}` is one of Mandate's own types; it cannot be written"
                )));
            }
            let parsed = Entity::from_json_value(e.clone(), Some(&self.schema))
                .map_err(|err| PolicyError::Entities(err.to_string()))?;
            out.push(
                parsed
                    .to_json_value()
                    .map_err(|err| PolicyError::Entities(err.to_string()))?,
            );
        }
        Ok(out)
    }

    /// Decides. Never fails: every problem is a deny with its reason.
    pub fn evaluate(&self, req: &Request<'_>) -> Evaluation {
        self.evaluate_over(req, true)
    }

    /// Decides over the whole policy set, without slicing. Same answer as [`Engine::evaluate`]
    /// (a property test checks it); kept for benchmarks and comparisons.
    pub fn evaluate_unsliced(&self, req: &Request<'_>) -> Evaluation {
        self.evaluate_over(req, false)
    }

    fn evaluate_over(&self, req: &Request<'_>, sliced: bool) -> Evaluation {
        match self.try_evaluate(req, sliced) {
            Ok(e) => e,
            Err(reason) => self.deny(vec![reason], vec![]),
        }
    }

    fn deny(&self, reasons: Vec<String>, policies: Vec<String>) -> Evaluation {
        Evaluation {
            decision: Decision::Deny,
            reasons,
            policies,
            policy_hash: self.hash.clone(),
        }
    }

    fn entities(
        &self,
        req: &Request<'_>,
        action: &Entity,
        tenant: &EntityUid,
        principal: &EntityUid,
    ) -> Result<Entities, String> {
        let agent = self.agent_entity(req, tenant, principal)?;
        let mut stored = Vec::with_capacity(1 + req.ancestors.len());
        for e in std::iter::once(req.resource).chain(req.ancestors) {
            stored.push(
                self.names
                    .entity(e)
                    .map_err(|e| format!("entity is malformed: {e}"))?,
            );
        }
        if !req.entities_checked {
            // Stored under another schema: check them now; the agent, tenant and action are ours.
            Entities::from_entities(stored.iter().cloned(), Some(&self.schema))
                .map_err(|e| format!("entities do not match the schema: {e}"))?;
        }
        // The tenant entity has no attributes and `principal in Mandate::Tenant::"x"` needs only
        // the agent's parent link, so it is left out; so is the action's entity unless it belongs
        // to a group (`action in [...]` needs its ancestors). Fewer entities, less closure work.
        let _ = tenant;
        let action_entity = self
            .grouped_actions
            .contains(req.action)
            .then(|| action.clone());
        Entities::from_entities(
            std::iter::once(agent).chain(action_entity).chain(stored),
            None,
        )
        .map_err(|e| e.to_string())
    }

    /// The principal entity. Agents are few and long-lived, so each is built once per set of
    /// facts and reused.
    fn agent_entity(
        &self,
        req: &Request<'_>,
        tenant: &EntityUid,
        principal: &EntityUid,
    ) -> Result<Entity, String> {
        let a = &req.agent;
        let fingerprint = [a.tenant, a.owner, a.status, a.purpose].join("\u{0}");
        if let Some((f, e)) = self.agents.read().ok().and_then(|m| m.get(a.id).cloned())
            && f == fingerprint
        {
            return Ok(e);
        }
        let string = |s: &str| RestrictedExpression::new_string(s.to_owned());
        let agent = Entity::new(
            principal.clone(),
            HashMap::from([
                ("tenant".to_owned(), string(a.tenant)),
                ("owner".to_owned(), string(a.owner)),
                ("status".to_owned(), string(a.status)),
                ("purpose".to_owned(), string(a.purpose)),
            ]),
            HashSet::from([tenant.clone()]),
        )
        .map_err(|e| e.to_string())?;
        if let Ok(mut m) = self.agents.write() {
            if m.len() >= 100_000 {
                m.clear();
            }
            m.insert(a.id.to_owned(), (fingerprint, agent.clone()));
        }
        Ok(agent)
    }

    fn context(&self, req: &Request<'_>) -> Result<Context, String> {
        let string = |s: &str| RestrictedExpression::new_string(s.to_owned());
        let record = |fields: Vec<(&str, RestrictedExpression)>| {
            RestrictedExpression::new_record(fields.into_iter().map(|(k, v)| (k.to_owned(), v)))
                .map_err(|e| e.to_string())
        };
        let args = match req.args {
            Value::Object(_) => self
                .names
                .value(req.args)
                .map_err(|e| format!("`args`: {e}"))?,
            _ => return Err("`args` must be an object".to_owned()),
        };
        Context::from_pairs([
            ("tenant".to_owned(), string(req.agent.tenant)),
            (
                "case".to_owned(),
                record(vec![
                    ("id", string(req.case.id)),
                    ("state", string(req.case.state)),
                    ("channel", string(req.case.channel)),
                ])?,
            ),
            (
                "customer".to_owned(),
                record(vec![
                    ("id", string(req.case.customer_id)),
                    (
                        "verified",
                        RestrictedExpression::new_bool(req.case.customer_verified),
                    ),
                ])?,
            ),
            ("args".to_owned(), args),
        ])
        .map_err(|e| e.to_string())
    }

    fn try_evaluate(&self, req: &Request<'_>, sliced: bool) -> Result<Evaluation, String> {
        let action = self.action(req.action).ok_or_else(|| {
            format!(
                "action `{}` is not declared in the policy schema",
                req.action
            )
        })?;
        let action_uid = action.uid();
        let resource_uid = self
            .names
            .uid_of(req.resource.get("uid").unwrap_or(&Value::Null))?;
        let principal =
            EntityUid::from_type_name_and_id(self.agent_type.clone(), EntityId::new(req.agent.id));
        let tenant_uid = EntityUid::from_type_name_and_id(
            self.tenant_type.clone(),
            EntityId::new(req.agent.tenant),
        );
        let entities = self.entities(req, action, &tenant_uid, &principal)?;
        let context = self.context(req)?;
        // Checking the request against the schema also checks `args` against the action's
        // declaration, and the resource's type against what the action applies to. The outcome
        // depends only on (action, resource type, shape of args), so each such triple is
        // checked once.
        let mut key = format!("{}\u{0}{}\u{0}", req.action, resource_uid.type_name());
        crate::values::shape(req.args, &mut key);
        let known = self
            .conforming
            .read()
            .map(|k| k.contains(&key))
            .unwrap_or(false);
        let schema = (!known).then_some(&self.schema);
        let request =
            CedarRequest::new(principal, action_uid.clone(), resource_uid, context, schema)
                .map_err(|e| {
                    format!(
                        "the request does not match the declaration of `{}`: {e}",
                        req.action
                    )
                })?;
        if !known
            && let Ok(mut k) = self.conforming.write()
            && k.len() < 100_000
        {
            k.insert(key);
        }

        let response = if sliced {
            let slice = self.slices.get(
                &self.policies,
                &self.action_entities,
                &action_uid,
                &tenant_uid,
                req.action,
                req.agent.tenant,
            );
            self.authorizer.is_authorized(&request, &slice, &entities)
        } else {
            self.authorizer
                .is_authorized(&request, &self.policies, &entities)
        };
        let failed: Vec<String> = response
            .diagnostics()
            .errors()
            .map(|e| erring_policy(e).to_owned())
            .collect();
        if !failed.is_empty() {
            let errors = response
                .diagnostics()
                .errors()
                .map(|e| format!("policy `{}` could not be evaluated: {e}", erring_policy(e)))
                .collect();
            return Ok(self.deny(errors, failed));
        }
        let mut determining: Vec<String> = response
            .diagnostics()
            .reason()
            .map(ToString::to_string)
            .collect();
        determining.sort();
        Ok(match response.decision() {
            cedar_policy::Decision::Deny if determining.is_empty() => self.deny(
                vec![format!("no policy permits `{}` here", req.action)],
                vec![],
            ),
            cedar_policy::Decision::Deny => {
                let reasons = determining
                    .iter()
                    .map(|p| format!("forbidden by policy `{p}`"))
                    .collect();
                self.deny(reasons, determining)
            }
            cedar_policy::Decision::Allow => self.allowed(determining),
        })
    }

    /// Splits satisfied permits into plain ones (allow) and approval-annotated ones.
    fn allowed(&self, determining: Vec<String>) -> Evaluation {
        let approval = |id: &String| self.meta.get(id).and_then(|m| m.approval.clone());
        let plain: Vec<String> = determining
            .iter()
            .filter(|p| approval(p).is_none())
            .cloned()
            .collect();
        if !plain.is_empty() {
            let reasons = plain
                .iter()
                .map(|p| format!("permitted by policy `{p}`"))
                .collect();
            return Evaluation {
                decision: Decision::Allow,
                reasons,
                policies: plain,
                policy_hash: self.hash.clone(),
            };
        }
        // INVARIANT: every determining permit here carries @approval; the first (by id) names
        // the role.
        let role = determining
            .iter()
            .find_map(approval)
            .unwrap_or_else(|| "approver".to_owned());
        let reasons = determining
            .iter()
            .map(|p| {
                format!(
                    "policy `{p}` requires approval by role `{}`",
                    approval(p).unwrap_or_default()
                )
            })
            .collect();
        Evaluation {
            decision: Decision::PendingApproval { role },
            reasons,
            policies: determining,
            policy_hash: self.hash.clone(),
        }
    }
}

fn erring_policy(e: &cedar_policy::AuthorizationError) -> &str {
    match e {
        cedar_policy::AuthorizationError::PolicyEvaluationError(p) => p.policy_id().as_ref(),
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use serde_json::json;

    use super::*;

    const SCHEMA: &str = r#"
    namespace Shop { entity Order = { total: Long }; }
    namespace Mandate {
      action "group";
      action "a0" in ["group"] appliesTo { principal: [Agent], resource: [Shop::Order],
        context: { tenant: String, case: Case, customer: Customer, args: { amount: Long } } };
      action "a1" in ["group"] appliesTo { principal: [Agent], resource: [Shop::Order],
        context: { tenant: String, case: Case, customer: Customer, args: { amount: Long } } };
      action "a2" appliesTo { principal: [Agent], resource: [Shop::Order],
        context: { tenant: String, case: Case, customer: Customer, args: { amount: Long } } };
    }"#;

    fn policy(
        i: usize,
        (effect, principal, action, limit, approval): (bool, u8, u8, i64, bool),
    ) -> String {
        let principal = match principal {
            0 => "principal".to_owned(),
            n => format!("principal in Mandate::Tenant::\"t{}\"", n - 1),
        };
        let action = match action {
            0 => "action".to_owned(),
            1 => "action in [Mandate::Action::\"group\"]".to_owned(),
            n => format!("action == Mandate::Action::\"a{}\"", n - 2),
        };
        let ann = if approval && effect {
            "@approval(\"approver\") "
        } else {
            ""
        };
        let eff = if effect { "permit" } else { "forbid" };
        format!(
            "@id(\"p{i}\") {ann}{eff}({principal}, {action}, resource) when {{ context.args.amount <= {limit} }};"
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, .. ProptestConfig::default() })]
        #[test]
        fn slicing_never_changes_the_outcome(
            specs in proptest::collection::vec((any::<bool>(), 0u8..4, 0u8..5, 0i64..100, any::<bool>()), 0..24),
            requests in proptest::collection::vec((0u8..4, 0u8..3, 0i64..100), 1..12),
        ) {
            let text: Vec<String> = specs.iter().enumerate().map(|(i, s)| policy(i, *s)).collect();
            let engine = Engine::load(&PolicySources {
                schemas: vec![("s.cedarschema".into(), SCHEMA.into())],
                policies: vec![("p.cedar".into(), text.join("\n"))],
                grounding: vec![],
            }).unwrap();
            let order = json!({"uid": {"type": "Shop::Order", "id": "o"}, "attrs": {"total": 1}, "parents": []});
            for (tenant, action, amount) in requests {
                let tenant = format!("t{tenant}");
                let action = format!("a{action}");
                let args = json!({"amount": amount});
                let req = Request {
                    agent: AgentFacts { id: "ag", tenant: &tenant, owner: "op", status: "active", purpose: "p" },
                    action: &action,
                    resource: &order,
                    ancestors: &[],
                    case: CaseFacts { id: "c", state: "open", channel: "chat", customer_id: "x", customer_verified: true },
                    args: &args,
                    entities_checked: false,
                };
                prop_assert_eq!(engine.evaluate_over(&req, true), engine.evaluate_over(&req, false));
            }
        }
    }
}
