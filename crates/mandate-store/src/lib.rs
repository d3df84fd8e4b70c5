//! Mandate's storage: one schema on embedded SQLite (the default) or PostgreSQL (for several
//! replicas), behind one API.
//!
//! Writes happen in a [`Tx`]. Audit events queued on it are appended to the hash-chained log in
//! the same database transaction, right before commit, under a lock on the log's head row. So a
//! state change and its record commit together or not at all, and sequence numbers follow commit
//! order without gaps however many processes share the database.

mod actions;
mod agents;
mod approvals;
mod audit;
mod cases;
mod credentials;
mod entities;
mod keys;
mod migrations;
mod operators;
mod rows;
mod tenants;
#[cfg(feature = "testing")]
pub mod testing;
pub use tenants::Tenant;

use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::Duration;

use mandate_core::Timestamp;
use mandate_core::audit::{AuditEvent, Record};
use mandate_core::keys::KeyPair;
use sqlx::any::{AnyPoolOptions, install_default_drivers};
use sqlx::{Any, AnyConnection, AnyPool, Executor as _};

pub use audit::{ExportSelection, LogHead};
pub use credentials::CredentialRow;
pub use entities::{EntityIndex, IdentifierOwner, StoredEntity};
pub use keys::StoredKey;
pub use operators::{PrincipalKind, TokenRow};

/// Which database is behind the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// Embedded SQLite in WAL mode.
    Sqlite,
    /// A PostgreSQL server.
    Postgres,
}

/// Where the data lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// An SQLite database file.
    SqliteFile(PathBuf),
    /// A PostgreSQL URL (`postgres://…`).
    Postgres(String),
}

impl Location {
    /// Reads a `--database-url` / `[storage] url`: `postgres://…`, `postgresql://…`,
    /// `sqlite://PATH` or `sqlite:PATH`.
    pub fn from_url(url: &str) -> Result<Location, StoreError> {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            return Ok(Location::Postgres(url.to_owned()));
        }
        if let Some(rest) = url
            .strip_prefix("sqlite://")
            .or_else(|| url.strip_prefix("sqlite:"))
        {
            let path = rest.split('?').next().unwrap_or_default();
            if !path.is_empty() {
                return Ok(Location::SqliteFile(PathBuf::from(path)));
            }
        }
        Err(StoreError::Config(format!(
            "database url must start with `postgres://` or `sqlite://`, got `{}`",
            redact_url(url)
        )))
    }
}

/// Hides a password in a URL before it reaches a message or a log.
pub fn redact_url(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let userinfo = &url[scheme_end + 3..at];
            match userinfo.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme_end + 3], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

/// How to open a store.
#[derive(Debug, Clone)]
pub struct StoreOptions {
    /// Where the data lives.
    pub location: Location,
    /// Pool size (PostgreSQL; SQLite readers).
    pub max_connections: u32,
    /// Sign a checkpoint once this many records follow the last one.
    pub checkpoint_every_records: u32,
}

/// Why storage could not answer. Callers treat every variant as "no".
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database failed or is unreachable.
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    /// A migration failed at start.
    #[error("migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// A uniqueness rule was broken (e.g. a tenant id that exists).
    #[error("already exists: {0}")]
    Conflict(String),
    /// Stored data does not decode: the database was edited or damaged.
    #[error("stored data is corrupt: {0}")]
    Corrupt(String),
    /// The store is misconfigured.
    #[error("storage configuration: {0}")]
    Config(String),
    /// An audit record could not be built.
    #[error("audit record could not be built: {0}")]
    Audit(String),
}

impl StoreError {
    /// Maps a unique-constraint violation to [`StoreError::Conflict`].
    pub(crate) fn from_insert(e: sqlx::Error, what: &str) -> StoreError {
        match &e {
            sqlx::Error::Database(db) if db.is_unique_violation() => {
                StoreError::Conflict(what.to_owned())
            }
            _ => StoreError::Database(e),
        }
    }
}

struct Inner {
    write: AnyPool,
    read: AnyPool,
    backend: Backend,
    checkpoint_every: i64,
    signer: RwLock<Option<Arc<KeyPair>>>,
}

/// A handle on the store; cheap to clone.
#[derive(Clone)]
pub struct Store {
    inner: Arc<Inner>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Store({:?})", self.inner.backend)
    }
}

impl Store {
    /// Opens (creating if needed) and migrates the store.
    pub async fn open(opts: &StoreOptions) -> Result<Store, StoreError> {
        install_default_drivers();
        let (write, read, backend) = match &opts.location {
            Location::SqliteFile(path) => {
                let url = sqlite_url(path)?;
                let write = AnyPoolOptions::new()
                    .max_connections(1)
                    .after_connect(|conn, _| {
                        Box::pin(async move { sqlite_pragmas(conn, false).await })
                    })
                    .connect(&url)
                    .await?;
                migrations::run(&write).await?;
                let read = AnyPoolOptions::new()
                    .max_connections(opts.max_connections.max(1))
                    .after_connect(|conn, _| {
                        Box::pin(async move { sqlite_pragmas(conn, true).await })
                    })
                    .connect(&url)
                    .await?;
                (write, read, Backend::Sqlite)
            }
            Location::Postgres(url) => {
                let pool = AnyPoolOptions::new()
                    .max_connections(opts.max_connections.max(2))
                    .acquire_timeout(Duration::from_secs(10))
                    .connect(url)
                    .await?;
                migrations::run(&pool).await?;
                (pool.clone(), pool, Backend::Postgres)
            }
        };
        Ok(Store {
            inner: Arc::new(Inner {
                write,
                read,
                backend,
                checkpoint_every: i64::from(opts.checkpoint_every_records.max(1)),
                signer: RwLock::new(None),
            }),
        })
    }

    /// Which database is behind the store.
    pub fn backend(&self) -> Backend {
        self.inner.backend
    }

    /// Sets the audit key that signs checkpoints from now on.
    pub fn set_checkpoint_signer(&self, key: Arc<KeyPair>) {
        if let Ok(mut s) = self.inner.signer.write() {
            *s = Some(key);
        }
    }

    pub(crate) fn signer(&self) -> Option<Arc<KeyPair>> {
        self.inner.signer.read().ok().and_then(|s| s.clone())
    }

    pub(crate) fn read_pool(&self) -> &AnyPool {
        &self.inner.read
    }

    /// Starts a write transaction.
    pub async fn begin(&self) -> Result<Tx, StoreError> {
        let tx = match self.inner.backend {
            // IMMEDIATE takes SQLite's write lock up front, so a transaction that reads and then
            // writes cannot fail to upgrade.
            Backend::Sqlite => self.inner.write.begin_with("BEGIN IMMEDIATE").await?,
            Backend::Postgres => self.inner.write.begin().await?,
        };
        Ok(Tx {
            tx,
            store: self.clone(),
            events: Vec::new(),
        })
    }

    /// Whether the database answers.
    pub async fn ping(&self) -> Result<(), StoreError> {
        sqlx::query("SELECT 1").execute(&self.inner.read).await?;
        Ok(())
    }

    /// Closes the pools, waiting for connections in use.
    pub async fn close(&self) {
        self.inner.write.close().await;
        self.inner.read.close().await;
    }
}

/// A write transaction. Dropping it without [`Tx::commit`] rolls everything back.
pub struct Tx {
    tx: sqlx::Transaction<'static, Any>,
    store: Store,
    events: Vec<AuditEvent>,
}

impl Tx {
    /// Queues an audit event, appended at commit.
    pub fn record(&mut self, event: AuditEvent) {
        self.events.push(event);
    }

    /// Appends the queued events to the log and commits. Nothing is acknowledged before this
    /// returns `Ok`.
    pub async fn commit(mut self, now: Timestamp) -> Result<Vec<Record>, StoreError> {
        let events = std::mem::take(&mut self.events);
        let records = if events.is_empty() {
            Vec::new()
        } else {
            let signer = self.store.signer();
            let every = self.store.inner.checkpoint_every;
            let backend = self.store.inner.backend;
            audit::append(self.conn(), backend, &events, now, signer.as_deref(), every).await?
        };
        self.tx.commit().await?;
        Ok(records)
    }

    /// Takes the log's head lock now rather than at commit: everything after this point is
    /// serialised with every other writer (used for one-time initialisation).
    pub async fn lock_log(&mut self) -> Result<(), StoreError> {
        let sql = format!(
            "SELECT seq FROM audit_head WHERE id = 1{}",
            self.lock_clause()
        );
        sqlx::query(&sql).fetch_one(self.conn()).await?;
        Ok(())
    }

    pub(crate) fn conn(&mut self) -> &mut AnyConnection {
        &mut self.tx
    }

    /// ` FOR UPDATE` on PostgreSQL; SQLite's IMMEDIATE transaction already holds the lock.
    pub(crate) fn lock_clause(&self) -> &'static str {
        match self.store.inner.backend {
            Backend::Postgres => " FOR UPDATE",
            Backend::Sqlite => "",
        }
    }
}

fn sqlite_url(path: &Path) -> Result<String, StoreError> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .map_err(|e| StoreError::Config(format!("cannot create `{}`: {e}", dir.display())))?;
    }
    restrict_new_file(path)?;
    let text = path
        .to_str()
        .ok_or_else(|| StoreError::Config(format!("`{}` is not UTF-8", path.display())))?;
    Ok(format!("sqlite://{text}?mode=rwc"))
}

/// Creates the database file owner-only before SQLite does, so that it, its WAL and its shared
/// memory file (SQLite copies the main file's mode) are never readable by others.
fn restrict_new_file(path: &Path) -> Result<(), StoreError> {
    if path.exists() {
        return Ok(());
    }
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        opts.mode(0o600);
    }
    match opts.open(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(StoreError::Config(format!(
            "cannot create `{}`: {e}",
            path.display()
        ))),
    }
}

async fn sqlite_pragmas(conn: &mut AnyConnection, read_only: bool) -> Result<(), sqlx::Error> {
    // WAL lets readers run beside the writer; FULL makes a commit durable before it returns,
    // which is what "acknowledged" means here.
    conn.execute("PRAGMA journal_mode = WAL").await?;
    conn.execute("PRAGMA synchronous = FULL").await?;
    conn.execute("PRAGMA busy_timeout = 10000").await?;
    conn.execute("PRAGMA foreign_keys = ON").await?;
    if read_only {
        conn.execute("PRAGMA query_only = ON").await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_select_the_backend_and_hide_passwords() {
        assert_eq!(
            Location::from_url("sqlite:///tmp/x.db").unwrap(),
            Location::SqliteFile("/tmp/x.db".into())
        );
        assert_eq!(
            Location::from_url("sqlite:rel.db?mode=rwc").unwrap(),
            Location::SqliteFile("rel.db".into())
        );
        assert!(matches!(
            Location::from_url("postgres://u@h/db").unwrap(),
            Location::Postgres(_)
        ));
        assert!(Location::from_url("mysql://x").is_err());
        assert_eq!(
            redact_url("postgres://u:secret@h/db"),
            "postgres://u:***@h/db"
        );
        assert_eq!(redact_url("postgres://u@h/db"), "postgres://u@h/db");
    }
}
