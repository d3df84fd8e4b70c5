//! Every configuration key, its default and what it does: the source of the operator guide's
//! reference table. A test keeps it equal to the keys the parser accepts, and the guide equal
//! to it.

/// One key.
#[derive(Debug, Clone, Copy)]
pub struct Key {
    /// `section.key` as written in the TOML file.
    pub key: &'static str,
    /// The default, as written in TOML (empty: no default).
    pub default: &'static str,
    /// What it does.
    pub about: &'static str,
}

/// Every key, in the order of the guide.
pub const KEYS: &[Key] = &[
    Key {
        key: "data_dir",
        default: "\"mandate-data\"",
        about: "Embedded database, signing keys, bootstrap token; the default policy directory is `<data_dir>/policies`.",
    },
    Key {
        key: "server.listen",
        default: "\"127.0.0.1:8470\"",
        about: "Address and port to listen on.",
    },
    Key {
        key: "server.max_body_bytes",
        default: "1048576",
        about: "Largest request body accepted (1 KiB to 64 MiB); larger ones get 413.",
    },
    Key {
        key: "server.request_timeout_seconds",
        default: "30",
        about: "A request taking longer is answered 503 (1 to 600).",
    },
    Key {
        key: "storage.url",
        default: "",
        about: "`postgres://…` selects PostgreSQL (several replicas may share it); unset, the embedded SQLite store under `data_dir`.",
    },
    Key {
        key: "storage.max_connections",
        default: "10",
        about: "Database pool size (1 to 500).",
    },
    Key {
        key: "audit.checkpoint_every_records",
        default: "1000",
        about: "Sign a checkpoint of the log after this many records...",
    },
    Key {
        key: "audit.checkpoint_interval_seconds",
        default: "60",
        about: "...or after this many seconds with new records (1 to 86400).",
    },
    Key {
        key: "agents.block_on_overdue_review",
        default: "false",
        about: "Treat an agent whose access review is overdue like a suspended one.",
    },
    Key {
        key: "credentials.ttl_seconds",
        default: "60",
        about: "Lifetime of a credential (1 to 900: never above 15 minutes).",
    },
    Key {
        key: "credentials.key_rotation_days",
        default: "30",
        about: "Age at which the credential signing key is replaced; the old public key stays in the JWKS until its last token has expired.",
    },
    Key {
        key: "credentials.issuer",
        default: "\"mandate\"",
        about: "The `iss` claim.",
    },
    Key {
        key: "credentials.action_window_seconds",
        default: "900",
        about: "How long after its authorisation an action may still get fresh credentials and record success.",
    },
    Key {
        key: "log.format",
        default: "\"text\"",
        about: "`text` or `json` (one object per line).",
    },
    Key {
        key: "log.level",
        default: "\"info\"",
        about: "A tracing filter: `info`, `mandate_server=debug,info`...",
    },
    Key {
        key: "policy.dir",
        default: "",
        about: "The policy directory (`*.cedarschema`, `*.cedar`, `commitments.toml`); default `<data_dir>/policies`.",
    },
    Key {
        key: "policy.watch_interval_seconds",
        default: "2",
        about: "How often the directory is checked for changes (0 turns watching off; SIGHUP and the API still reload).",
    },
    Key {
        key: "approvals.ttl_seconds",
        default: "86400",
        about: "How long an approval may wait for a decision (60 to 2592000).",
    },
    Key {
        key: "approvals.webhook_url",
        default: "",
        about: "`http(s)://` URL told about every new approval (a JSON POST after commit); never logged.",
    },
    Key {
        key: "approvals.webhook_attempts",
        default: "5",
        about: "Deliveries tried, with exponential backoff, before giving up (1 to 20).",
    },
    Key {
        key: "approvals.webhook_timeout_seconds",
        default: "5",
        about: "Time allowed for each delivery (1 to 60).",
    },
    Key {
        key: "cases.closure_approval",
        default: "false",
        about: "An agent's close with a resolution outside its closure authority becomes an approval instead of a 403.",
    },
    Key {
        key: "cases.closure_role",
        default: "\"admin\"",
        about: "The role that decides such an approval.",
    },
    Key {
        key: "inspection.keep_text",
        default: "true",
        about: "Inspection records keep the text (secrets redacted); `false` keeps only its SHA-256.",
    },
    Key {
        key: "inspection.statement_role",
        default: "\"approver\"",
        about: "The role that approves a statement inspection escalated.",
    },
    Key {
        key: "inspection.actions",
        default: "",
        about: "What each kind of finding leads to: a table of `attack_customer`, `attack_data` (block), `secret`, `pii`, `tenant_leak` (redact), `commitment` (block) with `allow`, `redact`, `escalate` or `block`; `commitment_kinds` per kind (`refund = \"escalate\"`); `rewrites` replacing the built-in safe rewrites, keyed `kind` or `kind.lang`.",
    },
    Key {
        key: "tenants.<id>.inspection",
        default: "",
        about: "A tenant's own `keep_text`, `statement_role` and `actions`, laid over `[inspection]` key by key.",
    },
];

/// The guide's reference table, in Markdown.
pub fn markdown() -> String {
    let mut out = String::from("| key | default | what it does |\n|---|---|---|\n");
    for k in KEYS {
        let default = if k.default.is_empty() {
            "—".to_owned()
        } else {
            format!("`{}`", k.default)
        };
        out.push_str(&format!("| `{}` | {default} | {} |\n", k.key, k.about));
    }
    out
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;
    use serde::de::{self, Deserializer, Visitor};

    use super::super::*;
    use super::KEYS;

    /// Captures the field names a derived `Deserialize` announces.
    struct Fields(&'static [&'static str]);

    #[derive(Debug)]
    struct Stop;

    impl std::fmt::Display for Stop {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("stop")
        }
    }

    impl std::error::Error for Stop {}

    impl de::Error for Stop {
        fn custom<T: std::fmt::Display>(_: T) -> Stop {
            Stop
        }
    }

    impl<'de> Deserializer<'de> for &mut Fields {
        type Error = Stop;

        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Stop> {
            Err(Stop)
        }

        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Stop> {
            self.0 = fields;
            Err(Stop)
        }

        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
            option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
            ignored_any
        }
    }

    fn fields<T: for<'de> Deserialize<'de>>() -> &'static [&'static str] {
        let mut f = Fields(&[]);
        let _ = T::deserialize(&mut f);
        f.0
    }

    #[test]
    fn the_reference_names_every_key_the_parser_accepts() {
        let mut accepted: Vec<String> = Vec::new();
        let sections: &[(&str, &[&str])] = &[
            ("server", fields::<RawServer>()),
            ("storage", fields::<RawStorage>()),
            ("audit", fields::<RawAudit>()),
            ("agents", fields::<RawAgents>()),
            ("credentials", fields::<RawCredentials>()),
            ("log", fields::<RawLog>()),
            ("policy", fields::<RawPolicy>()),
            ("approvals", fields::<RawApprovals>()),
            ("cases", fields::<RawCases>()),
            ("inspection", fields::<RawInspection>()),
        ];
        let top = fields::<RawConfig>();
        assert!(
            top.contains(&"data_dir") && top.contains(&"tenants"),
            "{top:?}"
        );
        for name in top {
            match sections.iter().find(|(s, _)| s == name) {
                Some((s, keys)) => accepted.extend(keys.iter().map(|k| format!("{s}.{k}"))),
                None if *name == "tenants" => accepted.push("tenants.<id>.inspection".to_owned()),
                None => accepted.push((*name).to_owned()),
            }
        }
        assert_eq!(fields::<RawTenant>(), ["inspection"]);
        let documented: Vec<String> = KEYS.iter().map(|k| k.key.to_owned()).collect();
        accepted.sort();
        let mut sorted = documented.clone();
        sorted.sort();
        assert_eq!(
            sorted, accepted,
            "document every key (config/reference.rs), and only those"
        );
    }

    #[test]
    fn every_default_parses_and_is_the_default() {
        for k in KEYS
            .iter()
            .filter(|k| !k.default.is_empty() && k.key.contains('.'))
        {
            let (section, key) = k.key.split_once('.').unwrap();
            let text = format!("[{section}]\n{key} = {}\n", k.default);
            let with = Config::parse(&text, Vec::new(), Overrides::default())
                .unwrap_or_else(|e| panic!("{}: {e}", k.key));
            let without = Config::defaults().unwrap();
            assert_eq!(
                format!("{with:?}"),
                format!("{without:?}"),
                "{} = {} is not the default",
                k.key,
                k.default
            );
        }
    }
}
