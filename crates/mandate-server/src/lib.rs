//! Mandate's HTTP gateway.
//!
//! [`Gateway::start`] opens the store, loads the keys and bootstraps a platform admin on first
//! start; [`app`] builds the router (so tests drive the whole app without a socket); [`serve`]
//! binds it and runs the background work (checkpoints, key rotation) until shutdown.

pub mod approvals;
pub mod auth;
pub mod closing;
pub mod config;
pub mod credentials;
pub mod decisions;
pub mod error;
pub mod extract;
mod files;
pub mod grounding;
pub mod inspection;
pub mod keystore;
pub mod metrics;
mod openapi;
pub mod ownership;
pub mod policies;
mod routes;
mod validate;
pub mod webhook;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use mandate_core::OperatorId;
use mandate_core::Timestamp;
use mandate_core::audit::{Actor, Event, Record};
use mandate_core::operator::Operator;
use mandate_store::{PrincipalKind, Store, StoreError, StoreOptions};
use secrecy::ExposeSecret as _;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::trace::TraceLayer;

pub use config::Config;
use error::ApiError;
use keystore::{KeyStore, KeyStoreError};
use metrics::Metrics;

/// A source of the current time; tests substitute their own.
pub type Clock = Arc<dyn Fn() -> Timestamp + Send + Sync>;

/// Why the gateway could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    /// Storage could not be opened or migrated.
    #[error("storage: {0}")]
    Store(#[from] StoreError),
    /// Keys could not be loaded or created.
    #[error("keys: {0}")]
    Keys(#[from] KeyStoreError),
    /// A file in the data dir could not be written.
    #[error("data dir: {0}")]
    DataDir(String),
    /// The policy directory is invalid.
    #[error("policies: {0}")]
    Policies(#[from] mandate_policy::PolicyError),
    /// An inspection automaton or pattern failed to build: inspecting without it would miss
    /// what it detects, so the gateway does not start.
    #[error("inspection: {0}")]
    Inspection(String),
    /// The listener could not be bound or the server failed.
    #[error("server: {0}")]
    Serve(String),
}

struct Inner {
    store: Store,
    policies: policies::Policies,
    config: Config,
    keys: KeyStore,
    metrics: Metrics,
    clock: Clock,
}

/// The gateway's shared state; cheap to clone.
#[derive(Clone)]
pub struct Gateway {
    inner: Arc<Inner>,
}

impl std::fmt::Debug for Gateway {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Gateway({:?})", self.inner.store)
    }
}

/// What [`Gateway::start`] did on first start.
#[derive(Debug, Clone)]
pub struct Started {
    /// The gateway.
    pub gateway: Gateway,
    /// Where the bootstrap admin token was written, if this start created it.
    pub bootstrap_token_file: Option<PathBuf>,
}

fn system_clock() -> Clock {
    Arc::new(chrono::Utc::now)
}

impl Gateway {
    /// Opens everything with the system clock.
    pub async fn start(config: Config) -> Result<Started, StartError> {
        Gateway::start_with_clock(config, system_clock()).await
    }

    /// Opens everything with the given clock.
    pub async fn start_with_clock(config: Config, clock: Clock) -> Result<Started, StartError> {
        mandate_inspect::self_check().map_err(StartError::Inspection)?;
        create_data_dir(&config)?;
        let store = Store::open(&StoreOptions {
            location: config.storage.clone(),
            max_connections: config.max_connections,
            checkpoint_every_records: config.checkpoint_every_records,
        })
        .await?;
        let now = clock();
        let keys = KeyStore::open(
            &config.data_dir.join("keys"),
            &store,
            now,
            config.key_rotation_days,
        )
        .await?;
        store.set_checkpoint_signer(keys.audit_key());
        let bootstrap_token_file = bootstrap(&store, &config, now).await?;
        let policies = policies::Policies::open(&config.policy_dir, now)?;
        record_policy_set(&store, &policies, now).await?;
        let gateway = Gateway {
            inner: Arc::new(Inner {
                store,
                policies,
                config,
                keys,
                metrics: Metrics::new(),
                clock,
            }),
        };
        Ok(Started {
            gateway,
            bootstrap_token_file,
        })
    }

    /// The store.
    pub fn store(&self) -> &Store {
        &self.inner.store
    }

    /// The policy set in force.
    pub fn policies(&self) -> &policies::Policies {
        &self.inner.policies
    }

    /// The configuration.
    pub fn config(&self) -> &Config {
        &self.inner.config
    }

    /// The keys of this replica.
    pub fn keys(&self) -> &KeyStore {
        &self.inner.keys
    }

    /// The metrics.
    pub fn metrics(&self) -> &Metrics {
        &self.inner.metrics
    }

    /// The current time.
    pub fn now(&self) -> Timestamp {
        (self.inner.clock)()
    }

    /// Commits a transaction (appending its audit events) and counts the records.
    pub async fn commit(&self, tx: mandate_store::Tx) -> Result<Vec<Record>, ApiError> {
        let records = tx.commit(self.now()).await?;
        self.metrics().count_records(&records);
        Ok(records)
    }

    /// Runs the periodic work until the process ends: time-based checkpoints and key rotation.
    pub fn spawn_background(&self) -> tokio::task::JoinHandle<()> {
        let gw = self.clone();
        tokio::spawn(async move {
            let every = Duration::from_secs(gw.config().checkpoint_interval_seconds);
            let mut tick = tokio::time::interval(every);
            tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                tick.tick().await;
                if let Err(e) = gw.store().checkpoint_now(gw.now()).await {
                    tracing::warn!(error = %e, "periodic checkpoint failed; will retry");
                }
                if let Err(e) = gw.keys().rotate_if_due(gw.store(), gw.now()).await {
                    tracing::warn!(error = %e, "key rotation failed; will retry");
                }
            }
        })
    }
}

/// Records the policy set a replica starts with, so every decision's policy hash leads to the
/// record that put its set in force.
async fn record_policy_set(
    store: &Store,
    policies: &policies::Policies,
    now: Timestamp,
) -> Result<(), StartError> {
    let Ok(current) = policies.current() else {
        return Ok(());
    };
    let mut tx = store.begin().await?;
    tx.record(
        Event::Other {
            kind: "policy.loaded".into(),
            payload: serde_json::json!({
                "trigger": "start",
                "policy_hash": current.engine.hash(),
                "policies": current.engine.policy_ids(),
                "files": current.files,
            }),
        }
        .by(Actor::System, None, None),
    );
    tx.commit(now).await?;
    Ok(())
}

fn create_data_dir(config: &Config) -> Result<(), StartError> {
    let dir = &config.data_dir;
    std::fs::create_dir_all(dir)
        .map_err(|e| StartError::DataDir(format!("cannot create `{}`: {e}", dir.display())))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700)).map_err(|e| {
            StartError::DataDir(format!("cannot restrict `{}`: {e}", dir.display()))
        })?;
    }
    Ok(())
}

/// Creates the platform admin on the first start of an empty store and writes its token to
/// `<data-dir>/bootstrap-admin.token` (0600). Replicas starting together create exactly one.
async fn bootstrap(
    store: &Store,
    config: &Config,
    now: Timestamp,
) -> Result<Option<PathBuf>, StartError> {
    let mut tx = store.begin().await?;
    tx.lock_log().await?;
    if tx.has_platform_admin().await? {
        return Ok(None);
    }
    let admin = Operator {
        id: OperatorId::generate(),
        tenant: None,
        name: "bootstrap-admin".into(),
        roles: vec![],
        approval_limit: None,
        platform_admin: true,
        created_at: now,
    };
    let token = mandate_core::token::issue();
    tx.insert_operator(&admin).await?;
    tx.insert_token(
        &token.id,
        PrincipalKind::Operator,
        admin.id.as_str(),
        &token.secret_digest,
        now,
    )
    .await?;
    tx.record(
        Event::Bootstrapped {
            operator: admin.id.clone(),
        }
        .by(Actor::System, None, None),
    );
    // The file is written before the commit: if writing fails, no admin exists without a token.
    let path = config.data_dir.join("bootstrap-admin.token");
    let mut text = token.token.expose_secret().to_owned();
    text.push('\n');
    files::write_private(&path, text.as_bytes())
        .map_err(|e| StartError::DataDir(format!("cannot write `{}`: {e}", path.display())))?;
    tx.commit(now).await?;
    Ok(Some(path))
}

/// The whole HTTP application.
pub fn app(gw: Gateway) -> Router {
    let (router, api) = routes::router().split_for_parts();
    let api = openapi::finish(api);
    let max_body = gw.config().max_body_bytes;
    let timeout = Duration::from_secs(gw.config().request_timeout_seconds);
    router
        .merge(routes::meta::router(api))
        .fallback(|| async { ApiError::not_found("route") })
        .method_not_allowed_fallback(|| async {
            ApiError::new(
                axum::http::StatusCode::METHOD_NOT_ALLOWED,
                "method_not_allowed",
                "method not allowed on this route",
            )
        })
        .layer(axum::extract::DefaultBodyLimit::max(max_body))
        .layer(axum::middleware::from_fn(
            move |req: Request, next: Next| deadline(req, next, timeout),
        ))
        .layer(axum::middleware::from_fn_with_state(
            gw.clone(),
            metrics::track,
        ))
        .layer(TraceLayer::new_for_http().make_span_with(|req: &Request| {
            tracing::info_span!(
                "request",
                method = %req.method(),
                path = %req.uri().path(),
                tenant = tracing::field::Empty,
                agent = tracing::field::Empty,
                operator = tracing::field::Empty,
                case = tracing::field::Empty,
            )
        }))
        .layer(CatchPanicLayer::custom(|_| {
            ApiError::internal("a request handler panicked").into_response()
        }))
        .with_state(gw)
}

async fn deadline(req: Request, next: Next, limit: Duration) -> Response {
    match tokio::time::timeout(limit, next.run(req)).await {
        Ok(resp) => resp,
        Err(_) => ApiError::new(
            axum::http::StatusCode::SERVICE_UNAVAILABLE,
            "timeout",
            "the request took too long; its outcome is unknown, check before retrying",
        )
        .into_response(),
    }
}

/// Binds the listener and serves until `shutdown` resolves; a last checkpoint is signed on the
/// way out.
pub async fn serve(
    gw: Gateway,
    listener: tokio::net::TcpListener,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> Result<(), StartError> {
    let background = gw.spawn_background();
    let watcher = policies::spawn_watcher(&gw);
    let hup = spawn_sighup_reload(&gw);
    let result = axum::serve(listener, app(gw.clone()))
        .with_graceful_shutdown(shutdown)
        .await
        .map_err(|e| StartError::Serve(e.to_string()));
    background.abort();
    for task in [watcher, hup].into_iter().flatten() {
        task.abort();
    }
    if let Err(e) = gw.store().checkpoint_now(gw.now()).await {
        tracing::warn!(error = %e, "final checkpoint failed");
    }
    gw.store().close().await;
    result
}

/// Reloads the policies on SIGHUP.
fn spawn_sighup_reload(gw: &Gateway) -> Option<tokio::task::JoinHandle<()>> {
    #[cfg(unix)]
    {
        let mut hup =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::hangup()).ok()?;
        let gw = gw.clone();
        Some(tokio::spawn(async move {
            while hup.recv().await.is_some() {
                let _ = policies::reload(&gw, Actor::System, "sighup").await;
            }
        }))
    }
    #[cfg(not(unix))]
    {
        let _ = gw;
        None
    }
}
