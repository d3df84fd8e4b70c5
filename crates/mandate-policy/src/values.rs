//! Building Cedar values directly from JSON.
//!
//! Cedar's own JSON parser costs ~20 µs per request; building the same values through
//! `RestrictedExpression` costs a few. Entities arrive here in the explicit form Cedar itself
//! writes (`{"__entity": …}`, `{"__extn": …}` escapes), which [`crate::Engine::check_entities`]
//! produces when they are stored.

use std::collections::{HashMap, HashSet};
use std::str::FromStr as _;
use std::sync::RwLock;

use cedar_policy::{Entity, EntityId, EntityTypeName, EntityUid, RestrictedExpression};
use serde_json::Value;

/// Parsed entity type names, so the hot path does not run Cedar's parser.
pub(crate) struct TypeNames {
    known: RwLock<HashMap<String, EntityTypeName>>,
}

impl TypeNames {
    pub(crate) fn new<'a>(types: impl IntoIterator<Item = &'a EntityTypeName>) -> TypeNames {
        let known = types
            .into_iter()
            .map(|t| (t.to_string(), t.clone()))
            .collect();
        TypeNames {
            known: RwLock::new(known),
        }
    }

    pub(crate) fn get(&self, name: &str) -> Result<EntityTypeName, String> {
        if let Some(t) = self.known.read().ok().and_then(|m| m.get(name).cloned()) {
            return Ok(t);
        }
        let parsed = EntityTypeName::from_str(name)
            .map_err(|_| format!("`{name}` is not an entity type name"))?;
        if let Ok(mut m) = self.known.write()
            && m.len() < 10_000
        {
            m.insert(name.to_owned(), parsed.clone());
        }
        Ok(parsed)
    }

    pub(crate) fn uid(&self, ty: &str, id: &str) -> Result<EntityUid, String> {
        Ok(EntityUid::from_type_name_and_id(
            self.get(ty)?,
            EntityId::new(id),
        ))
    }

    /// A `{"type", "id"}` object (optionally wrapped in `__entity`).
    pub(crate) fn uid_of(&self, v: &Value) -> Result<EntityUid, String> {
        let v = v.get("__entity").unwrap_or(v);
        let ty = v.get("type").and_then(Value::as_str);
        let id = v.get("id").and_then(Value::as_str);
        match (ty, id) {
            (Some(ty), Some(id)) => self.uid(ty, id),
            _ => Err(format!(
                "`{v}` is not an entity reference {{\"type\", \"id\"}}"
            )),
        }
    }

    /// A Cedar value from JSON: strings, booleans, integers, arrays (sets), objects (records),
    /// and the `__entity` / `__extn` escapes. Anything else (null, fractions) is refused.
    pub(crate) fn value(&self, v: &Value) -> Result<RestrictedExpression, String> {
        Ok(match v {
            Value::String(s) => RestrictedExpression::new_string(s.clone()),
            Value::Bool(b) => RestrictedExpression::new_bool(*b),
            Value::Number(n) => {
                RestrictedExpression::new_long(n.as_i64().ok_or_else(|| {
                    format!("`{n}` is not an integer (money goes in minor units)")
                })?)
            }
            Value::Array(items) => RestrictedExpression::new_set(
                items
                    .iter()
                    .map(|i| self.value(i))
                    .collect::<Result<Vec<_>, _>>()?,
            ),
            Value::Object(map) => {
                if let Some(e) = map.get("__entity").filter(|_| map.len() == 1) {
                    RestrictedExpression::new_entity_uid(self.uid_of(e)?)
                } else if let Some(x) = map.get("__extn").filter(|_| map.len() == 1) {
                    extension(x)?
                } else {
                    let fields = map
                        .iter()
                        .map(|(k, v)| Ok((k.clone(), self.value(v)?)))
                        .collect::<Result<Vec<_>, String>>()?;
                    RestrictedExpression::new_record(fields).map_err(|e| e.to_string())?
                }
            }
            Value::Null => return Err("null has no Cedar value".to_owned()),
        })
    }

    /// An entity from its JSON form.
    pub(crate) fn entity(&self, v: &Value) -> Result<Entity, String> {
        let uid = self.uid_of(v.get("uid").unwrap_or(&Value::Null))?;
        let attrs = match v.get("attrs") {
            Some(Value::Object(m)) => m
                .iter()
                .map(|(k, v)| Ok((k.clone(), self.value(v)?)))
                .collect::<Result<HashMap<_, _>, String>>()?,
            None | Some(Value::Null) => HashMap::new(),
            Some(other) => return Err(format!("`attrs` must be an object, not {other}")),
        };
        let parents = match v.get("parents") {
            Some(Value::Array(ps)) => ps
                .iter()
                .map(|p| self.uid_of(p))
                .collect::<Result<HashSet<_>, _>>()?,
            None | Some(Value::Null) => HashSet::new(),
            Some(other) => return Err(format!("`parents` must be an array, not {other}")),
        };
        Entity::new(uid, attrs, parents).map_err(|e| e.to_string())
    }
}

fn extension(x: &Value) -> Result<RestrictedExpression, String> {
    let f = x.get("fn").and_then(Value::as_str).unwrap_or_default();
    let arg = x
        .get("arg")
        .and_then(Value::as_str)
        .ok_or("`__extn` needs a string `arg`")?;
    Ok(match f {
        "decimal" => RestrictedExpression::new_decimal(arg),
        "ip" | "ipaddr" => RestrictedExpression::new_ip(arg),
        "datetime" => RestrictedExpression::new_datetime(arg),
        "duration" => RestrictedExpression::new_duration(arg),
        other => return Err(format!("unknown extension function `{other}`")),
    })
}

/// The type shape of a JSON value as Cedar would see it: `S`, `B`, `L`, `[..]` sets, `{k:..}`
/// records, `E<type>` entity references, `X<fn>` extension values. Whether a request conforms to
/// the schema depends on its shape alone, so a shape once checked need not be checked again.
pub(crate) fn shape(v: &Value, out: &mut String) {
    match v {
        Value::String(_) => out.push('S'),
        Value::Bool(_) => out.push('B'),
        Value::Number(_) => out.push('L'),
        Value::Null => out.push('N'),
        Value::Array(items) => {
            out.push('[');
            for i in items {
                shape(i, out);
                out.push(',');
            }
            out.push(']');
        }
        Value::Object(map) => {
            if let Some(e) = map.get("__entity").filter(|_| map.len() == 1) {
                out.push_str("E<");
                out.push_str(e.get("type").and_then(Value::as_str).unwrap_or("?"));
                out.push('>');
            } else if let Some(x) = map.get("__extn").filter(|_| map.len() == 1) {
                out.push_str("X<");
                out.push_str(x.get("fn").and_then(Value::as_str).unwrap_or("?"));
                out.push('>');
            } else {
                out.push('{');
                // serde_json keeps keys sorted (no `preserve_order`), so equal shapes print alike.
                for (k, v) in map {
                    out.push_str(&k.len().to_string());
                    out.push(':');
                    out.push_str(k);
                    out.push('=');
                    shape(v, out);
                    out.push(',');
                }
                out.push('}');
            }
        }
    }
}
