//! Configuration: a TOML file, then `MANDATE_*` environment variables, then command-line flags,
//! parsed once into a validated [`Config`].
//!
//! [`RawConfig`] mirrors what a person writes (every field optional, unknown keys refused);
//! [`Config`] is what the gateway runs on (defaults applied, values checked, units in names).
//! An environment variable `MANDATE_<SECTION>_<KEY>` sets `[section] key`; `MANDATE_DATA_DIR`
//! sets `data_dir`. Variables of unknown sections (such as the CLI's `MANDATE_ADDR`) are left
//! alone; an unknown key of a known section is an error naming the variable.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use mandate_store::Location;
use serde::Deserialize;

mod inspection;
pub mod reference;

pub use inspection::{InspectionConfig, InspectionPolicy, RawInspection, RawTenant};

/// A configuration that cannot be used, naming the key at fault.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid configuration: {0}")]
pub struct ConfigError(pub String);

fn bad(key: &str, why: impl std::fmt::Display) -> ConfigError {
    ConfigError(format!("`{key}`: {why}"))
}

/// The configuration as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct RawConfig {
    pub data_dir: Option<PathBuf>,
    #[serde(default)]
    pub server: RawServer,
    #[serde(default)]
    pub storage: RawStorage,
    #[serde(default)]
    pub audit: RawAudit,
    #[serde(default)]
    pub agents: RawAgents,
    #[serde(default)]
    pub credentials: RawCredentials,
    #[serde(default)]
    pub log: RawLog,
    #[serde(default)]
    pub policy: RawPolicy,
    #[serde(default)]
    pub approvals: RawApprovals,
    #[serde(default)]
    pub cases: RawCases,
    #[serde(default)]
    pub inspection: RawInspection,
    /// Per-tenant sections, keyed by tenant id.
    #[serde(default)]
    pub tenants: BTreeMap<String, RawTenant>,
}

/// `[policy]`
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct RawPolicy {
    pub dir: Option<PathBuf>,
    pub watch_interval_seconds: Option<u64>,
}

/// `[approvals]`
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct RawApprovals {
    pub ttl_seconds: Option<u64>,
    pub webhook_url: Option<String>,
    pub webhook_attempts: Option<u32>,
    pub webhook_timeout_seconds: Option<u64>,
}

/// `[cases]`
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct RawCases {
    pub closure_approval: Option<bool>,
    pub closure_role: Option<String>,
}

/// `[server]`
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct RawServer {
    pub listen: Option<String>,
    pub max_body_bytes: Option<u64>,
    pub request_timeout_seconds: Option<u64>,
}

/// `[storage]`
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct RawStorage {
    pub url: Option<String>,
    pub max_connections: Option<u32>,
}

/// `[audit]`
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct RawAudit {
    pub checkpoint_every_records: Option<u32>,
    pub checkpoint_interval_seconds: Option<u64>,
}

/// `[agents]`
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct RawAgents {
    pub block_on_overdue_review: Option<bool>,
}

/// `[credentials]`
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct RawCredentials {
    pub ttl_seconds: Option<u64>,
    pub key_rotation_days: Option<u32>,
    pub issuer: Option<String>,
    pub action_window_seconds: Option<u64>,
}

/// `[log]`
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct RawLog {
    pub format: Option<String>,
    pub level: Option<String>,
}

/// The sections an environment variable may address.
const SECTIONS: &[&str] = &[
    "server",
    "storage",
    "audit",
    "agents",
    "credentials",
    "log",
    "policy",
    "approvals",
    "cases",
    "inspection",
];

/// How logs are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    /// Human-readable lines.
    Text,
    /// One JSON object per line.
    Json,
}

/// The validated configuration the gateway runs on.
#[derive(Debug, Clone)]
pub struct Config {
    /// Where the embedded database, keys and the bootstrap token live.
    pub data_dir: PathBuf,
    /// The listening address.
    pub listen: SocketAddr,
    /// The largest request body accepted.
    pub max_body_bytes: usize,
    /// How long a request may take before it is answered with 503.
    pub request_timeout_seconds: u64,
    /// Where the data lives.
    pub storage: Location,
    /// Database pool size.
    pub max_connections: u32,
    /// Sign a checkpoint after this many records...
    pub checkpoint_every_records: u32,
    /// ...or after this many seconds with new records.
    pub checkpoint_interval_seconds: u64,
    /// Whether an agent with an overdue access review is blocked like a suspended one.
    pub block_on_overdue_review: bool,
    /// Default credential lifetime.
    pub credential_ttl_seconds: u64,
    /// Age at which the credential signing key is replaced.
    pub key_rotation_days: u32,
    /// Log format.
    pub log_format: LogFormat,
    /// Log filter (`info`, `mandate=debug`, ...).
    pub log_level: String,
    /// The policy directory.
    pub policy_dir: PathBuf,
    /// How often the policy directory is checked for changes (0: never; reload by API or SIGHUP).
    pub policy_watch_interval_seconds: u64,
    /// How long an approval may wait for a decision.
    pub approval_ttl_seconds: u64,
    /// The `iss` claim of credentials.
    pub credential_issuer: String,
    /// How long after its authorisation an action may still get credentials and record success.
    pub action_window_seconds: u64,
    /// What inspection does with its findings, per tenant.
    pub inspection: InspectionConfig,
    /// Where to announce new approvals (a JSON POST), if anywhere.
    pub approval_webhook: Option<Webhook>,
    /// Whether an agent's close with a resolution outside its authority becomes an approval
    /// (rather than a 403), and who decides it.
    pub closure_approval: Option<mandate_core::operator::Role>,
}

/// An endpoint told about new approvals. Its URL often embeds a secret (chat webhooks do), so
/// it never appears in logs: `Debug` shows the host only.
#[derive(Clone, PartialEq, Eq)]
pub struct Webhook {
    /// `http://` or `https://` URL.
    pub url: String,
    /// Deliveries tried before giving up.
    pub attempts: u32,
    /// Time allowed for each delivery.
    pub timeout_seconds: u64,
}

impl std::fmt::Debug for Webhook {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let host = self
            .url
            .split("://")
            .nth(1)
            .and_then(|rest| rest.split(['/', '?']).next())
            .unwrap_or("?");
        f.debug_struct("Webhook")
            .field("url", &format_args!("{host}/…"))
            .field("attempts", &self.attempts)
            .field("timeout_seconds", &self.timeout_seconds)
            .finish()
    }
}

/// Command-line flags, which win over everything else.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    /// `--data-dir`
    pub data_dir: Option<PathBuf>,
    /// `--listen`
    pub listen: Option<String>,
    /// `--database-url`
    pub database_url: Option<String>,
}

impl Config {
    /// The defaults: embedded SQLite under `./mandate-data`, listening on 127.0.0.1:8470.
    pub fn defaults() -> Result<Config, ConfigError> {
        Config::from_raw(RawConfig::default(), Overrides::default())
    }

    /// Reads a config file (if any), the environment and the flags.
    pub fn load(
        file: Option<&Path>,
        env: impl IntoIterator<Item = (String, String)>,
        flags: Overrides,
    ) -> Result<Config, ConfigError> {
        let text = match file {
            Some(p) => std::fs::read_to_string(p)
                .map_err(|e| ConfigError(format!("cannot read `{}`: {e}", p.display())))?,
            None => String::new(),
        };
        Config::parse(&text, env, flags)
    }

    /// Parses config text, then applies the environment and the flags.
    pub fn parse(
        text: &str,
        env: impl IntoIterator<Item = (String, String)>,
        flags: Overrides,
    ) -> Result<Config, ConfigError> {
        let mut table: toml::Table =
            toml::from_str(text).map_err(|e| ConfigError(format!("config file: {e}")))?;
        // Catch mistakes in the file itself first, so the message points at the file.
        RawConfig::deserialize(toml::Value::Table(table.clone()))
            .map_err(|e| ConfigError(format!("config file: {}", e.message())))?;
        for (var, key_path) in apply_env(&mut table, env)? {
            RawConfig::deserialize(toml::Value::Table(table.clone())).map_err(|e| {
                ConfigError(format!(
                    "environment variable {var} (`{key_path}`): {}",
                    e.message()
                ))
            })?;
        }
        let raw = RawConfig::deserialize(toml::Value::Table(table))
            .map_err(|e| ConfigError(e.message().to_owned()))?;
        Config::from_raw(raw, flags)
    }

    fn from_raw(raw: RawConfig, flags: Overrides) -> Result<Config, ConfigError> {
        let data_dir = flags
            .data_dir
            .or(raw.data_dir)
            .unwrap_or_else(|| PathBuf::from("mandate-data"));
        let listen_text = flags
            .listen
            .or(raw.server.listen)
            .unwrap_or_else(|| "127.0.0.1:8470".to_owned());
        let listen = listen_text.parse().map_err(|e| {
            bad(
                "server.listen",
                format!("`{listen_text}` is not host:port ({e})"),
            )
        })?;
        let max_body_bytes = raw.server.max_body_bytes.unwrap_or(1024 * 1024);
        if !(1024..=64 * 1024 * 1024).contains(&max_body_bytes) {
            return Err(bad(
                "server.max_body_bytes",
                "must be between 1 KiB and 64 MiB",
            ));
        }
        let request_timeout_seconds = raw.server.request_timeout_seconds.unwrap_or(30);
        if !(1..=600).contains(&request_timeout_seconds) {
            return Err(bad(
                "server.request_timeout_seconds",
                "must be between 1 and 600",
            ));
        }
        let storage = match flags.database_url.or(raw.storage.url) {
            Some(url) => Location::from_url(&url).map_err(|e| bad("storage.url", e))?,
            None => Location::SqliteFile(data_dir.join("mandate.db")),
        };
        let max_connections = raw.storage.max_connections.unwrap_or(10);
        if !(1..=500).contains(&max_connections) {
            return Err(bad("storage.max_connections", "must be between 1 and 500"));
        }
        let checkpoint_every_records = raw.audit.checkpoint_every_records.unwrap_or(1000);
        if checkpoint_every_records == 0 {
            return Err(bad("audit.checkpoint_every_records", "must be at least 1"));
        }
        let checkpoint_interval_seconds = raw.audit.checkpoint_interval_seconds.unwrap_or(60);
        if !(1..=86_400).contains(&checkpoint_interval_seconds) {
            return Err(bad(
                "audit.checkpoint_interval_seconds",
                "must be between 1 and 86400",
            ));
        }
        let credential_ttl_seconds = raw.credentials.ttl_seconds.unwrap_or(60);
        if !(1..=mandate_core::credential::MAX_TTL_SECONDS).contains(&credential_ttl_seconds) {
            return Err(bad(
                "credentials.ttl_seconds",
                "must be between 1 and 900 (credentials never live above 15 minutes)",
            ));
        }
        let key_rotation_days = raw.credentials.key_rotation_days.unwrap_or(30);
        if !(1..=365).contains(&key_rotation_days) {
            return Err(bad(
                "credentials.key_rotation_days",
                "must be between 1 and 365",
            ));
        }
        let log_format = match raw.log.format.as_deref().unwrap_or("text") {
            "text" => LogFormat::Text,
            "json" => LogFormat::Json,
            other => {
                return Err(bad(
                    "log.format",
                    format!("`{other}` is not `text` or `json`"),
                ));
            }
        };
        let approval_ttl_seconds = raw.approvals.ttl_seconds.unwrap_or(86_400);
        if !(60..=30 * 86_400).contains(&approval_ttl_seconds) {
            return Err(bad(
                "approvals.ttl_seconds",
                "must be between 60 and 2592000 (30 days)",
            ));
        }
        let action_window_seconds = raw.credentials.action_window_seconds.unwrap_or(900);
        if !(1..=86_400).contains(&action_window_seconds) {
            return Err(bad(
                "credentials.action_window_seconds",
                "must be between 1 and 86400",
            ));
        }
        let credential_issuer = raw
            .credentials
            .issuer
            .unwrap_or_else(|| "mandate".to_owned());
        if credential_issuer.is_empty() || credential_issuer.len() > 200 {
            return Err(bad("credentials.issuer", "must be 1 to 200 characters"));
        }
        let policy_watch_interval_seconds = raw.policy.watch_interval_seconds.unwrap_or(2);
        if policy_watch_interval_seconds > 3600 {
            return Err(bad(
                "policy.watch_interval_seconds",
                "must be at most 3600 (0 turns watching off)",
            ));
        }
        let inspection = InspectionConfig::resolve(raw.inspection, raw.tenants)?;
        let approval_webhook = match raw.approvals.webhook_url {
            None => None,
            Some(url) => {
                if !(url.starts_with("http://") || url.starts_with("https://")) || url.len() > 2000
                {
                    return Err(bad(
                        "approvals.webhook_url",
                        "must be an http:// or https:// URL",
                    ));
                }
                let attempts = raw.approvals.webhook_attempts.unwrap_or(5);
                if !(1..=20).contains(&attempts) {
                    return Err(bad(
                        "approvals.webhook_attempts",
                        "must be between 1 and 20",
                    ));
                }
                let timeout_seconds = raw.approvals.webhook_timeout_seconds.unwrap_or(5);
                if !(1..=60).contains(&timeout_seconds) {
                    return Err(bad(
                        "approvals.webhook_timeout_seconds",
                        "must be between 1 and 60",
                    ));
                }
                Some(Webhook {
                    url,
                    attempts,
                    timeout_seconds,
                })
            }
        };
        let closure_approval = if raw.cases.closure_approval.unwrap_or(false) {
            let role = raw.cases.closure_role.as_deref().unwrap_or("admin");
            Some(
                mandate_core::operator::Role::parse(role)
                    .ok_or_else(|| bad("cases.closure_role", format!("`{role}` is not a role")))?,
            )
        } else {
            None
        };
        Ok(Config {
            inspection,
            approval_webhook,
            closure_approval,
            policy_dir: raw.policy.dir.unwrap_or_else(|| data_dir.join("policies")),
            policy_watch_interval_seconds,
            approval_ttl_seconds,
            credential_issuer,
            action_window_seconds,
            data_dir,
            listen,
            max_body_bytes: usize::try_from(max_body_bytes)
                .map_err(|e| bad("server.max_body_bytes", e))?,
            request_timeout_seconds,
            storage,
            max_connections,
            checkpoint_every_records,
            checkpoint_interval_seconds,
            block_on_overdue_review: raw.agents.block_on_overdue_review.unwrap_or(false),
            credential_ttl_seconds,
            key_rotation_days,
            log_format,
            log_level: raw.log.level.unwrap_or_else(|| "info".to_owned()),
        })
    }
}

/// Folds `MANDATE_*` variables into the table; returns which variables set which keys.
fn apply_env(
    table: &mut toml::Table,
    env: impl IntoIterator<Item = (String, String)>,
) -> Result<Vec<(String, String)>, ConfigError> {
    let mut applied = Vec::new();
    let vars: BTreeMap<String, String> = env
        .into_iter()
        .filter(|(k, _)| k.starts_with("MANDATE_"))
        .collect();
    for (var, value) in vars {
        let name = var.trim_start_matches("MANDATE_").to_ascii_lowercase();
        if name == "data_dir" {
            table.insert("data_dir".into(), toml::Value::String(value));
            applied.push((var, "data_dir".to_owned()));
            continue;
        }
        let Some((section, key)) = name.split_once('_') else {
            continue;
        };
        if !SECTIONS.contains(&section) {
            continue; // not ours: MANDATE_ADDR, MANDATE_TOKEN, MANDATE_TEST_*...
        }
        let entry = table
            .entry(section.to_owned())
            .or_insert_with(|| toml::Value::Table(toml::Table::new()));
        let toml::Value::Table(section_table) = entry else {
            return Err(ConfigError(format!("`{section}` must be a table")));
        };
        section_table.insert(key.to_owned(), env_value(&value));
        applied.push((var, format!("{section}.{key}")));
    }
    Ok(applied)
}

/// An environment value is read as a TOML value when it is one (`30`, `true`), else as text.
fn env_value(raw: &str) -> toml::Value {
    toml::from_str::<toml::Table>(&format!("v = {raw}"))
        .ok()
        .and_then(|mut t| t.remove("v"))
        .filter(|v| !matches!(v, toml::Value::Table(_) | toml::Value::Array(_)))
        .unwrap_or_else(|| toml::Value::String(raw.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn defaults_are_embedded_and_local() {
        let c = Config::defaults().unwrap();
        assert_eq!(c.listen.to_string(), "127.0.0.1:8470");
        assert_eq!(
            c.storage,
            Location::SqliteFile("mandate-data/mandate.db".into())
        );
        assert_eq!(c.credential_ttl_seconds, 60);
    }

    #[test]
    fn file_then_env_then_flags() {
        let text = "[server]\nlisten = \"0.0.0.0:9000\"\nmax_body_bytes = 4096\n[credentials]\nttl_seconds = 30\n";
        let c = Config::parse(
            text,
            env(&[
                ("MANDATE_CREDENTIALS_TTL_SECONDS", "120"),
                ("MANDATE_ADDR", "http://x"),
                ("MANDATE_DATA_DIR", "/d"),
            ]),
            Overrides {
                listen: Some("127.0.0.1:1".into()),
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(c.listen.to_string(), "127.0.0.1:1");
        assert_eq!(c.max_body_bytes, 4096);
        assert_eq!(c.credential_ttl_seconds, 120);
        assert_eq!(c.data_dir, PathBuf::from("/d"));
        assert_eq!(c.storage, Location::SqliteFile("/d/mandate.db".into()));
    }

    #[test]
    fn errors_name_the_key() {
        let e =
            Config::parse("[server]\nlistn = \"x\"\n", env(&[]), Overrides::default()).unwrap_err();
        assert!(e.0.contains("listn"), "{e}");
        let e = Config::parse(
            "",
            env(&[("MANDATE_SERVER_MAX_BODY_BYTES", "lots")]),
            Overrides::default(),
        )
        .unwrap_err();
        assert!(e.0.contains("MANDATE_SERVER_MAX_BODY_BYTES"), "{e}");
        let e = Config::parse(
            "",
            env(&[("MANDATE_SERVER_LISTN", "x")]),
            Overrides::default(),
        )
        .unwrap_err();
        assert!(e.0.contains("MANDATE_SERVER_LISTN"), "{e}");
        let e = Config::parse(
            "[credentials]\nttl_seconds = 3600\n",
            env(&[]),
            Overrides::default(),
        )
        .unwrap_err();
        assert!(e.0.contains("credentials.ttl_seconds"), "{e}");
        let e = Config::parse(
            "[storage]\nurl = \"mysql://x\"\n",
            env(&[]),
            Overrides::default(),
        )
        .unwrap_err();
        assert!(e.0.contains("storage.url"), "{e}");
        let e = Config::parse("[server\n", env(&[]), Overrides::default()).unwrap_err();
        assert!(e.0.contains("config file"), "{e}");
    }
}
