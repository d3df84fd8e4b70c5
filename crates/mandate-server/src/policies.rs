//! The policy set in force, and replacing it without a restart.
//!
//! A reload reads the directory, validates everything and swaps the set in one step; if anything
//! is invalid the previous set keeps serving. Both outcomes are audited. Reloads come from the
//! API, SIGHUP, or a change noticed by the directory watcher.

use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

use mandate_core::Timestamp;
use mandate_core::audit::{Actor, Event};
use mandate_policy::{Engine, Grounding, PolicyError, PolicySources, read_dir};
use serde_json::json;

use crate::Gateway;
use crate::error::ApiError;

/// A loaded set with where and when it came from.
#[derive(Debug)]
pub struct LoadedPolicies {
    /// The engine.
    pub engine: Engine,
    /// When it was loaded.
    pub loaded_at: Timestamp,
    /// The files it was loaded from.
    pub files: Vec<String>,
    /// Which actions back which commitments (`commitments.toml`).
    pub grounding: Grounding,
}

/// The set in force; swapped whole on reload.
#[derive(Debug)]
pub struct Policies {
    dir: PathBuf,
    current: RwLock<Arc<LoadedPolicies>>,
    reload_lock: tokio::sync::Mutex<()>,
}

fn files_of(s: &PolicySources) -> Vec<String> {
    s.schemas
        .iter()
        .chain(&s.policies)
        .chain(&s.grounding)
        .map(|(n, _)| n.clone())
        .collect()
}

/// Reads and validates a policy directory: schema, policies and the commitment mapping.
pub fn load(dir: &Path, now: Timestamp) -> Result<LoadedPolicies, PolicyError> {
    let sources = read_dir(dir)?;
    let engine = Engine::load(&sources)?;
    let kinds: Vec<&str> = mandate_inspect::CommitmentKind::ALL
        .iter()
        .map(|k| k.as_str())
        .collect();
    let grounding = match sources.grounding.first() {
        Some((_, text)) => Grounding::parse(text, &engine.actions(), &kinds)?,
        None => Grounding::default(),
    };
    Ok(LoadedPolicies {
        engine,
        loaded_at: now,
        files: files_of(&sources),
        grounding,
    })
}

impl Policies {
    /// Loads the directory at start; a missing directory is created and means "deny
    /// everything" until policies are added; an invalid one stops the start.
    pub fn open(dir: &Path, now: Timestamp) -> Result<Policies, PolicyError> {
        if !dir.exists() {
            std::fs::create_dir_all(dir).map_err(|e| PolicyError::Io {
                path: dir.display().to_string(),
                reason: e.to_string(),
            })?;
            tracing::warn!(dir = %dir.display(), "no policy directory: created it empty; every action is denied until policies are added");
        }
        let loaded = load(dir, now)?;
        Ok(Policies {
            dir: dir.to_owned(),
            current: RwLock::new(Arc::new(loaded)),
            reload_lock: tokio::sync::Mutex::new(()),
        })
    }

    /// The set in force.
    pub fn current(&self) -> Result<Arc<LoadedPolicies>, ApiError> {
        self.current
            .read()
            .map(|c| c.clone())
            .map_err(|_| ApiError::internal("policy lock poisoned"))
    }

    /// The directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }
}

/// Reloads the policy directory; audits success or failure. On failure the old set stays.
pub async fn reload(
    gw: &Gateway,
    actor: Actor,
    trigger: &str,
) -> Result<Arc<LoadedPolicies>, ApiError> {
    let policies = gw.policies();
    let _one_at_a_time = policies.reload_lock.lock().await;
    let dir = policies.dir.clone();
    let now = gw.now();
    let previous = policies.current()?;
    let outcome = tokio::task::spawn_blocking(move || load(&dir, now))
        .await
        .map_err(ApiError::internal)?;
    let mut tx = gw.store().begin().await?;
    let result = match outcome {
        Ok(loaded) => {
            let loaded = Arc::new(loaded);
            tx.record(
                Event::Other {
                    kind: "policy.reloaded".into(),
                    payload: json!({
                        "trigger": trigger,
                        "policy_hash": loaded.engine.hash(),
                        "previous_policy_hash": previous.engine.hash(),
                        "policies": loaded.engine.policy_ids(),
                        "files": loaded.files,
                    }),
                }
                .by(actor, None, None),
            );
            Ok(loaded)
        }
        Err(e) => {
            tx.record(
                Event::Other {
                    kind: "policy.reload_failed".into(),
                    payload: json!({
                        "trigger": trigger,
                        "error": e.to_string(),
                        "still_serving": previous.engine.hash(),
                    }),
                }
                .by(actor, None, None),
            );
            Err(e)
        }
    };
    gw.commit(tx).await?;
    match result {
        Ok(loaded) => {
            if let Ok(mut c) = policies.current.write() {
                *c = loaded.clone();
            }
            tracing::info!(
                policy_hash = loaded.engine.hash(),
                trigger,
                "policies reloaded"
            );
            Ok(loaded)
        }
        Err(e) => {
            tracing::warn!(error = %e, trigger, "policy reload refused; the previous set keeps serving");
            Err(ApiError::new(
                axum::http::StatusCode::UNPROCESSABLE_ENTITY,
                "invalid_policies",
                e.to_string(),
            ))
        }
    }
}

/// Watches the directory and reloads when its content changes; a broken state is reported
/// once, not on every tick.
pub fn spawn_watcher(gw: &Gateway) -> Option<tokio::task::JoinHandle<()>> {
    let every = gw.config().policy_watch_interval_seconds;
    if every == 0 {
        return None;
    }
    let gw = gw.clone();
    Some(tokio::spawn(async move {
        let mut tick = tokio::time::interval(std::time::Duration::from_secs(every));
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        let mut last_failed: Option<String> = None;
        loop {
            tick.tick().await;
            let Ok(current) = gw.policies().current() else {
                continue;
            };
            let dir = gw.policies().dir().to_owned();
            let on_disk =
                tokio::task::spawn_blocking(move || read_dir(&dir).ok().map(|s| s.hash())).await;
            let Ok(Some(on_disk)) = on_disk else { continue };
            if on_disk == current.engine.hash() || last_failed.as_deref() == Some(on_disk.as_str())
            {
                continue;
            }
            match reload(&gw, Actor::System, "file_change").await {
                Ok(_) => last_failed = None,
                Err(_) => last_failed = Some(on_disk),
            }
        }
    }))
}
