//! Reading and validating a policy directory.

use std::collections::BTreeMap;
use std::path::Path;
use std::str::FromStr as _;

use cedar_policy::{
    Effect, PolicyId, PolicySet, Schema, SchemaFragment, ValidationMode, Validator,
};
use sha2::{Digest as _, Sha256};

use crate::PolicyError;

/// The types Mandate itself provides; deployments add their entity types and declare their
/// actions (in `namespace Mandate`, applying to principal `Agent`).
pub const BUILTIN_SCHEMA: &str = r#"
namespace Mandate {
  // A tenant; every agent is `in` its tenant, so `principal in Mandate::Tenant::"acme"` scopes a
  // policy to one tenant.
  entity Tenant;
  entity Agent in [Tenant] = {
    tenant: String,
    owner: String,
    status: String,
    purpose: String,
  };
  // The shapes of `context.case` and `context.customer` in every request.
  type Case = { id: String, state: String, channel: String };
  type Customer = { id: String, verified: Bool };
}
"#;

/// The files of a policy directory, as (file name, text).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PolicySources {
    /// `*.cedarschema` files.
    pub schemas: Vec<(String, String)>,
    /// `*.cedar` files.
    pub policies: Vec<(String, String)>,
    /// `commitments.toml`, if present: which actions back which commitments.
    pub grounding: Vec<(String, String)>,
}

impl PolicySources {
    /// SHA-256 over every file's name and text, in name order: the identity of a policy set.
    pub fn hash(&self) -> String {
        hash_files(&[
            ("schema", &self.schemas),
            ("policy", &self.policies),
            ("grounding", &self.grounding),
        ])
    }

    /// SHA-256 over the schema files alone.
    pub fn schema_hash(&self) -> String {
        hash_files(&[("schema", &self.schemas)])
    }
}

/// Length-prefixed so that no two different file sets hash alike.
fn hash_files(groups: &[(&str, &Vec<(String, String)>)]) -> String {
    let mut h = Sha256::new();
    for (kind, files) in groups {
        let sorted: BTreeMap<&String, &String> = files.iter().map(|(n, t)| (n, t)).collect();
        for (name, text) in sorted {
            for part in [kind.as_bytes(), name.as_bytes(), text.as_bytes()] {
                h.update((part.len() as u64).to_be_bytes());
                h.update(part);
            }
        }
    }
    hex::encode(h.finalize())
}

/// Reads the `*.cedarschema` and `*.cedar` files of a directory (not recursively).
pub fn read_dir(dir: &Path) -> Result<PolicySources, PolicyError> {
    let io = |path: &Path, e: std::io::Error| PolicyError::Io {
        path: path.display().to_string(),
        reason: e.to_string(),
    };
    let mut sources = PolicySources::default();
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| io(dir, e))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .collect();
    entries.sort();
    for path in entries {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_owned();
        let bucket = match path.extension().and_then(|e| e.to_str()) {
            Some("cedarschema") => &mut sources.schemas,
            Some("cedar") => &mut sources.policies,
            _ if name == crate::grounding::FILE => &mut sources.grounding,
            _ => continue,
        };
        let text = std::fs::read_to_string(&path).map_err(|e| io(&path, e))?;
        bucket.push((name, text));
    }
    Ok(sources)
}

/// A validated policy set with Mandate's view of each policy.
pub(crate) struct Loaded {
    pub(crate) schema: Schema,
    pub(crate) policies: PolicySet,
    pub(crate) meta: BTreeMap<String, PolicyMeta>,
}

/// What Mandate reads from a policy's annotations.
#[derive(Debug, Clone)]
pub(crate) struct PolicyMeta {
    /// `@approval("<role>")`, if any.
    pub(crate) approval: Option<String>,
}

pub(crate) fn load(sources: &PolicySources) -> Result<Loaded, PolicyError> {
    let mut problems = Vec::new();
    let mut fragments = Vec::new();
    match SchemaFragment::from_cedarschema_str(BUILTIN_SCHEMA) {
        Ok((f, _)) => fragments.push(f),
        Err(e) => problems.push(format!("built-in schema: {e}")),
    }
    for (name, text) in &sources.schemas {
        match SchemaFragment::from_cedarschema_str(text) {
            Ok((f, _warnings)) => fragments.push(f),
            Err(e) => problems.push(format!("{name}: {}", render(&e))),
        }
    }
    if !problems.is_empty() {
        return Err(PolicyError::Invalid(problems));
    }
    let schema = Schema::from_schema_fragments(fragments)
        .map_err(|e| PolicyError::Invalid(vec![format!("schema: {}", render(&e))]))?;

    let mut policies = PolicySet::new();
    let mut meta = BTreeMap::new();
    for (name, text) in &sources.policies {
        let parsed = match PolicySet::from_str(text) {
            Ok(p) => p,
            Err(e) => {
                problems.push(format!("{name}: {}", render(&e)));
                continue;
            }
        };
        if parsed.templates().next().is_some() {
            problems.push(format!(
                "{name}: templates are not supported; write policies"
            ));
        }
        for (n, p) in parsed.policies().enumerate() {
            let id = p
                .annotation("id")
                .map_or_else(|| format!("{name}#{n}"), str::to_owned);
            let approval = p.annotation("approval").map(str::to_owned);
            if let Some(role) = &approval {
                if p.effect() == Effect::Forbid {
                    problems.push(format!(
                        "{name}: policy `{id}`: @approval belongs on a permit, not a forbid"
                    ));
                }
                if !crate::APPROVAL_ROLES.contains(&role.as_str()) {
                    problems.push(format!(
                        "{name}: policy `{id}`: @approval(\"{role}\") names no role (one of {})",
                        crate::APPROVAL_ROLES.join(", ")
                    ));
                }
            }
            if meta.contains_key(&id) {
                problems.push(format!("{name}: policy id `{id}` is used twice"));
                continue;
            }
            let added = PolicyId::from_str(&id)
                .map_err(|e| e.to_string())
                .and_then(|pid| policies.add(p.new_id(pid)).map_err(|e| e.to_string()));
            match added {
                Ok(()) => {
                    meta.insert(id, PolicyMeta { approval });
                }
                Err(e) => problems.push(format!("{name}: policy `{id}`: {e}")),
            }
        }
    }
    let result = Validator::new(schema.clone()).validate(&policies, ValidationMode::Strict);
    for e in result.validation_errors() {
        problems.push(render(e));
    }
    if !problems.is_empty() {
        return Err(PolicyError::Invalid(problems));
    }
    Ok(Loaded {
        schema,
        policies,
        meta,
    })
}

/// A Cedar diagnostic with its help text, on one line.
fn render(e: &(dyn std::error::Error + 'static)) -> String {
    let mut out = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        let text = s.to_string();
        if !out.contains(&text) {
            out.push_str(": ");
            out.push_str(&text);
        }
        source = s.source();
    }
    out
}
