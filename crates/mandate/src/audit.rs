//! `mandate audit verify` and `mandate audit export`.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};
use clap::Subcommand;
use mandate_core::audit::{Summary, VerifyError, verify_export};
use mandate_core::keys::{KeyPurpose, KeyRing};
use mandate_store::{ExportSelection, Location, Store, StoreOptions};
use reqwest::Method;

use crate::client::{Answer, Conn, query};
use crate::{Outcome, StoreArgs};

#[derive(Subcommand)]
pub(crate) enum AuditCommand {
    /// Verify the whole stored log (chain, signatures, checkpoints), or an export offline.
    Verify {
        #[command(flatten)]
        store: StoreArgs,
        /// Verify this export file instead, with no server and no database.
        #[arg(long)]
        file: Option<PathBuf>,
        /// Trusted audit keys: a JWKS document (as served at /.well-known/jwks.json), as a file
        /// path or inline JSON. Required with --file; with a store, pins the keys instead of
        /// trusting the ones the database lists.
        #[arg(long)]
        public_key: Option<String>,
        /// Print the result as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Export records as JSON Lines, with the checkpoints needed to verify them.
    Export {
        #[command(flatten)]
        conn: Conn,
        #[command(flatten)]
        store: StoreArgs,
        /// Only this case's records in full (the rest of the range as hash stubs).
        #[arg(long)]
        case: Option<String>,
        /// Only records from this sequence number in full.
        #[arg(long)]
        since: Option<i64>,
        /// Write here instead of standard output.
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
}

pub(crate) async fn run(cmd: AuditCommand) -> anyhow::Result<Outcome> {
    match cmd {
        AuditCommand::Verify {
            store,
            file,
            public_key,
            json,
        } => {
            let pinned = public_key.as_deref().map(read_ring).transpose()?;
            let (result, anchor) = match (file, pinned) {
                (Some(f), Some(ring)) => (verify_file(&f, &ring)?, "the given public key"),
                (Some(_), None) => bail!("--file needs --public-key (the JWKS to trust)"),
                (None, pinned) => {
                    let store = open(&store).await?;
                    let (ring, anchor) = match pinned {
                        Some(r) => (r, "the given public key"),
                        None => (
                            store.key_ring(KeyPurpose::Audit).await?,
                            "the keys published in the database",
                        ),
                    };
                    let r = store.verify_log(&ring).await?;
                    store.close().await;
                    (r, anchor)
                }
            };
            report(result, anchor, json)
        }
        AuditCommand::Export {
            conn,
            store,
            case,
            since,
            output,
        } => {
            let mut out: Box<dyn std::io::Write + Send> = match &output {
                Some(p) => Box::new(
                    std::fs::File::create(p)
                        .with_context(|| format!("cannot create {}", p.display()))?,
                ),
                None => Box::new(std::io::BufWriter::new(std::io::stdout())),
            };
            if store.data_dir.is_some() || store.database_url.is_some() {
                export_direct(&store, case, since, &mut out).await?;
            } else {
                let q = query(&[("case", case), ("since", since.map(|s| s.to_string()))]);
                let path = format!("/v1/audit/export{q}");
                match conn.call(Method::GET, &path, None).await? {
                    Answer::Ok(bytes) => out.write_all(&bytes)?,
                    refused @ Answer::Refused { .. } => return Ok(refused.report()),
                }
            }
            out.flush()?;
            Ok(Outcome::Ok)
        }
    }
}

fn report(
    result: Result<Summary, VerifyError>,
    anchor: &str,
    json: bool,
) -> anyhow::Result<Outcome> {
    match result {
        Ok(s) => {
            if json {
                println!("{}", serde_json::json!({"ok": true, "summary": s}));
            } else {
                let signed = s
                    .last_checkpoint_seq
                    .map_or("none".to_owned(), |c| format!("seq {c}"));
                println!(
                    "audit log intact: {} records, {} stubs, {} checkpoints verified against {anchor}; last seq {}, last signed {signed}",
                    s.records, s.stubs, s.checkpoints, s.last_seq
                );
            }
            Ok(Outcome::Ok)
        }
        Err(e) => {
            if json {
                println!(
                    "{}",
                    serde_json::json!({"ok": false, "error": e, "message": e.to_string()})
                );
            } else {
                println!(
                    "audit log NOT intact: first bad record is seq {}: {}",
                    e.seq, e.problem
                );
            }
            Ok(Outcome::No)
        }
    }
}

fn verify_file(path: &Path, ring: &KeyRing) -> anyhow::Result<Result<Summary, VerifyError>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    Ok(verify_export(text.lines(), ring))
}

/// A JWKS given inline or as a file.
fn read_ring(arg: &str) -> anyhow::Result<KeyRing> {
    let text = if arg.trim_start().starts_with('{') {
        arg.to_owned()
    } else {
        std::fs::read_to_string(arg)
            .with_context(|| format!("cannot read public key file {arg}"))?
    };
    Ok(KeyRing::from_jwks_json(&text)?)
}

fn location(args: &StoreArgs) -> anyhow::Result<Location> {
    Ok(match (&args.database_url, &args.data_dir) {
        (Some(url), _) => Location::from_url(url)?,
        (None, Some(dir)) => {
            let db = dir.join("mandate.db");
            if !db.exists() {
                bail!("no store at {}", db.display());
            }
            Location::SqliteFile(db)
        }
        (None, None) => bail!("give --data-dir or --database-url (or --file for an export)"),
    })
}

async fn open(args: &StoreArgs) -> anyhow::Result<Store> {
    let opts = StoreOptions {
        location: location(args)?,
        max_connections: 2,
        checkpoint_every_records: 1000,
    };
    Store::open(&opts).await.context("cannot open the store")
}

async fn export_direct(
    args: &StoreArgs,
    case: Option<String>,
    since: Option<i64>,
    out: &mut Box<dyn std::io::Write + Send>,
) -> anyhow::Result<()> {
    let dir = args.data_dir.as_ref().context(
        "a direct export signs its header with the replica's audit key: give --data-dir",
    )?;
    let key = mandate_server::keystore::load_audit_key(&dir.join("keys"))?
        .context("no audit key in the data dir")?;
    let store = open(args).await?;
    let sel = ExportSelection {
        tenant: None,
        case: case.map(|c| mandate_core::CaseId::parse(&c)).transpose()?,
        since,
    };
    store
        .export_log(&sel, &key, chrono_now(), &mut |line| {
            serde_json::to_writer(&mut *out, &line).map_err(std::io::Error::other)?;
            out.write_all(b"\n")
        })
        .await?;
    store.close().await;
    Ok(())
}

fn chrono_now() -> mandate_core::Timestamp {
    mandate_core::from_millis(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_millis() as i64)
            .unwrap_or(0),
    )
}
