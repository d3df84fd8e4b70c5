//! The tamper matrix through `mandate audit verify`: in the store and in an export.

use std::path::{Path, PathBuf};

use mandate_core::audit::{Checkpoint, ExportHeader, ExportLine, Record};
use mandate_core::keys::{KeyPair, KeyPurpose};
use serde_json::json;
use sqlx::any::AnyPoolOptions;

use crate::support::{Server, agent_body, mandate, tenant, text};

/// A stopped server's data dir with a log of a few dozen records, an export of it and the JWKS.
struct Fixture {
    _dir: tempfile::TempDir,
    data: PathBuf,
    export: Vec<String>,
    jwks: PathBuf,
}

async fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let server = Server::start(&data, None, "[audit]\ncheckpoint_every_records = 5\n");
    let t = tenant(&server, "acme").await;
    for i in 0..12 {
        server
            .post("/v1/agents", &t.admin, agent_body("acme", &t.owner_id, i))
            .await;
    }
    let out = std::process::Command::new(crate::support::BIN)
        .args([
            "audit",
            "export",
            "--addr",
            &server.base,
            "--token",
            &server.admin_token(),
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out));
    let export: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect();
    let (_, jwks) = server.get("/.well-known/jwks.json", "").await;
    let jwks_path = dir.path().join("jwks.json");
    std::fs::write(&jwks_path, jwks.to_string()).unwrap();
    server.stop();
    Fixture {
        _dir: dir,
        data,
        export,
        jwks: jwks_path,
    }
}

fn verify_lines(f: &Fixture, lines: &[String]) -> (bool, String) {
    let path = f.jwks.with_file_name(format!("export-{}.jsonl", uuid()));
    std::fs::write(&path, lines.join("\n")).unwrap();
    let out = mandate(&[
        "audit",
        "verify",
        "--file",
        path.to_str().unwrap(),
        "--public-key",
        f.jwks.to_str().unwrap(),
    ]);
    (out.status.success(), text(&out))
}

fn uuid() -> String {
    format!(
        "{:x}",
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos()
    )
}

fn kind(line: &str) -> String {
    serde_json::from_str::<serde_json::Value>(line).unwrap()["type"]
        .as_str()
        .unwrap()
        .to_owned()
}

fn seq(line: &str) -> i64 {
    serde_json::from_str::<serde_json::Value>(line).unwrap()["seq"]
        .as_i64()
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tampered_exports_fail_offline_verification() {
    let f = fixture().await;
    let clean = &f.export;
    let (ok, out) = verify_lines(&f, clean);
    assert!(ok, "{out}");
    assert!(out.contains("audit log intact"), "{out}");

    let records: Vec<usize> = (0..clean.len())
        .filter(|&i| kind(&clean[i]) == "record")
        .collect();
    let checkpoints: Vec<usize> = (0..clean.len())
        .filter(|&i| kind(&clean[i]) == "checkpoint")
        .collect();
    assert!(checkpoints.len() >= 2, "the fixture needs checkpoints");
    let r5 = *records
        .iter()
        .find(|&&i| clean[i].contains("\"kind\":\"agent.registered\""))
        .unwrap();
    let r6 = records[records.iter().position(|&i| i == r5).unwrap() + 1];

    let mut edited = clean.clone();
    edited[r5] = edited[r5].replace("\"name\":\"agent-", "\"name\":\"evil-");
    assert_ne!(edited[r5], clean[r5]);
    let mut edited_payload = clean.clone();
    let mut v: serde_json::Value = serde_json::from_str(&clean[r5]).unwrap();
    v["payload"] = json!({"forged": true});
    edited_payload[r5] = v.to_string();

    let mut deleted = clean.clone();
    deleted.remove(r5);

    let mut inserted = clean.clone();
    inserted.insert(r5, clean[r5].clone());

    let mut reordered = clean.clone();
    reordered.swap(r5, r6);

    let truncated: Vec<String> = clean[..=checkpoints[0]].to_vec();

    let cases = [
        ("edited payload", edited_payload, seq(&clean[r5])),
        ("edited text", edited, seq(&clean[r5])),
        ("deleted record", deleted, seq(&clean[r5])),
        ("inserted record", inserted, seq(&clean[r5])),
        ("reordered records", reordered, seq(&clean[r5])),
        (
            "truncated after a checkpoint",
            truncated,
            seq(&clean[checkpoints[0]]) + 1,
        ),
        (
            "re-signed with another key",
            resigned(clean, r5),
            seq(&clean[r5]),
        ),
    ];
    for (what, lines, bad_seq) in cases {
        let (ok, out) = verify_lines(&f, &lines);
        assert!(!ok, "{what} was not detected: {out}");
        assert!(out.contains("NOT intact"), "{what}: {out}");
        if what != "re-signed with another key" {
            // A deletion is named at the deleted seq (by a checkpoint covering it) or the next.
            let named = [bad_seq, bad_seq + 1]
                .iter()
                .any(|s| out.contains(&format!("first bad record is seq {s}:")));
            assert!(named, "{what} should name seq {bad_seq}: {out}");
        }
    }
}

/// Edits a record, recomputes every hash after it and signs checkpoints and header anew with a
/// thief's key: consistent in itself, but not signed by the published key.
fn resigned(clean: &[String], at: usize) -> Vec<String> {
    let thief = KeyPair::generate(KeyPurpose::Audit);
    let mut lines: Vec<ExportLine> = clean
        .iter()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let mut prev: Option<Record> = None;
    for (i, line) in lines.iter_mut().enumerate() {
        match line {
            ExportLine::Record(r) => {
                if i == at {
                    r.payload = json!({"forged": true});
                }
                let (pseq, phash) = prev
                    .as_ref()
                    .map_or((0, mandate_core::canonical::Digest::ZERO), |p| {
                        (p.seq, p.hash)
                    });
                *r = Record::seal(
                    pseq,
                    phash,
                    r.time,
                    r.tenant.clone(),
                    r.actor.clone(),
                    r.case.clone(),
                    r.kind.clone(),
                    r.payload.clone(),
                )
                .unwrap();
                prev = Some(r.clone());
            }
            ExportLine::Checkpoint(c) => {
                let p = prev.as_ref().unwrap();
                *c = Checkpoint::sign(p.seq, p.hash, c.time, &thief);
            }
            _ => {}
        }
    }
    let last = prev.unwrap();
    if let ExportLine::Header(h) = &mut lines[0] {
        *h = ExportHeader::sign(
            h.from_seq,
            last.seq,
            last.hash,
            None,
            None,
            None,
            h.exported_at,
            &thief,
        );
    }
    lines
        .iter()
        .map(|l| serde_json::to_string(l).unwrap())
        .collect()
}

/// A copy of the stopped server's store, tampered with by SQL, then verified by the CLI.
async fn store_tampered(f: &Fixture, sql: &[&str]) -> (bool, String) {
    let copy = f.data.with_file_name(format!("copy-{}", uuid()));
    std::fs::create_dir_all(&copy).unwrap();
    for entry in std::fs::read_dir(&f.data).unwrap() {
        let p = entry.unwrap().path();
        if p.is_file() {
            std::fs::copy(&p, copy.join(p.file_name().unwrap())).unwrap();
        }
    }
    run_sql(&copy.join("mandate.db"), sql).await;
    let out = mandate(&["audit", "verify", "--data-dir", copy.to_str().unwrap()]);
    (out.status.success(), text(&out))
}

async fn run_sql(db: &Path, sql: &[&str]) {
    sqlx::any::install_default_drivers();
    let pool = AnyPoolOptions::new()
        .max_connections(1)
        .connect(&format!("sqlite://{}", db.display()))
        .await
        .unwrap();
    for s in sql {
        sqlx::query(s).execute(&pool).await.unwrap();
    }
    pool.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tampered_stores_fail_verification() {
    let f = fixture().await;
    let (ok, out) = store_tampered(&f, &[]).await;
    assert!(ok, "{out}");
    let thief = KeyPair::generate(KeyPurpose::Audit);
    let forged = Checkpoint::sign(
        5,
        mandate_core::canonical::Digest::ZERO,
        mandate_core::from_millis(0),
        &thief,
    );
    let resign = format!(
        "UPDATE audit_checkpoints SET kid = '{}', signature = '{}' WHERE seq = (SELECT MIN(seq) FROM audit_checkpoints)",
        forged.kid, forged.signature
    );
    let cases: Vec<(&str, Vec<&str>, &str)> = vec![
        (
            "edited payload",
            vec![r#"UPDATE audit_records SET payload = '{"forged":true}' WHERE seq = 6"#],
            "seq 6",
        ),
        (
            "deleted record",
            vec!["DELETE FROM audit_records WHERE seq = 7"],
            "seq 8",
        ),
        (
            "inserted record",
            vec![
                "INSERT INTO audit_records SELECT seq + 1000, time_ms, tenant, actor_type, actor_id, case_id, kind, payload, prev_hash, content_hash, hash FROM audit_records WHERE seq = 3",
            ],
            "NOT intact",
        ),
        (
            "reordered records",
            vec![
                "UPDATE audit_records SET seq = -1 WHERE seq = 3",
                "UPDATE audit_records SET seq = 3 WHERE seq = 4",
                "UPDATE audit_records SET seq = 4 WHERE seq = -1",
            ],
            "seq 3",
        ),
        (
            "truncated after a checkpoint",
            vec![
                "DELETE FROM audit_records WHERE seq > (SELECT MIN(seq) FROM audit_checkpoints)",
                "UPDATE audit_head SET seq = (SELECT MAX(seq) FROM audit_records), hash = (SELECT hash FROM audit_records WHERE seq = (SELECT MAX(seq) FROM audit_records))",
            ],
            "missing",
        ),
        (
            "re-signed with another key",
            vec![resign.as_str()],
            "unknown key",
        ),
    ];
    for (what, sql, expect) in cases {
        let (ok, out) = store_tampered(&f, &sql).await;
        assert!(!ok, "{what} was not detected: {out}");
        assert!(
            out.contains(expect),
            "{what}: expected `{expect}` in: {out}"
        );
    }
}
