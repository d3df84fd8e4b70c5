//! The storage suite: every test runs on embedded SQLite and on PostgreSQL.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::sync::Arc;

use mandate_core::agent::{Agent, AgentStatus};
use mandate_core::audit::{Actor, Event, Problem};
use mandate_core::keys::{KeyPair, KeyPurpose, KeyRing};
use mandate_core::operator::{Operator, Role};
use mandate_core::{ActionName, AgentId, OperatorId, TenantId, Timestamp};
use mandate_store::testing::{PgSchema, pg_schema};
use mandate_store::{
    ExportSelection, Location, PrincipalKind, Store, StoreError, StoreOptions, Tenant,
};
use serde_json::json;
use sqlx::any::AnyPoolOptions;

/// A store under test and what is needed to tamper with it behind its back.
struct Db {
    store: Store,
    url: String,
    _dir: Option<tempfile::TempDir>,
    pg: Option<PgSchema>,
}

impl Db {
    async fn raw(&self, sql: &str) {
        let pool = AnyPoolOptions::new()
            .max_connections(1)
            .connect(&self.url)
            .await
            .unwrap();
        sqlx::query(sql).execute(&pool).await.unwrap();
        pool.close().await;
    }

    async fn reopen(&self) -> Store {
        open(&self.url).await
    }

    async fn done(self) {
        self.store.close().await;
        if let Some(pg) = self.pg {
            pg.drop_schema().await;
        }
    }
}

async fn open(url: &str) -> Store {
    Store::open(&StoreOptions {
        location: Location::from_url(url).unwrap(),
        max_connections: 8,
        checkpoint_every_records: 5,
    })
    .await
    .unwrap()
}

async fn sqlite() -> Db {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/mandate.db", dir.path().display());
    Db {
        store: open(&url).await,
        url,
        _dir: Some(dir),
        pg: None,
    }
}

async fn postgres(test: &str) -> Option<Db> {
    let pg = pg_schema(test).await?;
    let url = pg.url.clone();
    Some(Db {
        store: open(&url).await,
        url,
        _dir: None,
        pg: Some(pg),
    })
}

/// Runs `async fn $name(db: &Db)` as two tests, one per back-end.
macro_rules! on_both {
    ($($name:ident),* $(,)?) => {
        $(mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let db = super::sqlite().await;
                super::$name(&db).await;
                db.done().await;
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                let Some(db) = super::postgres(concat!(stringify!($name), "::postgres")).await else { return };
                super::$name(&db).await;
                db.done().await;
            }
        })*
    };
}

fn now() -> Timestamp {
    chrono::Utc::now()
}

fn tenant(id: &str) -> TenantId {
    TenantId::parse(id).unwrap()
}

fn operator(t: &str, roles: Vec<Role>) -> Operator {
    Operator {
        id: OperatorId::generate(),
        tenant: Some(tenant(t)),
        name: "Ops".into(),
        roles,
        approval_limit: Some(10_000),
        platform_admin: false,
        created_at: mandate_core::from_millis(now().timestamp_millis()),
    }
}

fn agent(t: &str, owner: &OperatorId) -> Agent {
    let at = mandate_core::from_millis(now().timestamp_millis());
    Agent {
        id: AgentId::generate(),
        tenant: tenant(t),
        name: "helper".into(),
        owner: owner.clone(),
        purpose: "support".into(),
        actions: vec![ActionName::parse("order.read").unwrap()],
        closure_authority: vec!["resolved".into()],
        review_interval_days: 90,
        status: AgentStatus::Provisioned,
        created_at: at,
        last_review_at: at,
    }
}

fn event(t: &str, i: i64) -> mandate_core::audit::AuditEvent {
    Event::Other {
        kind: "test.event".into(),
        payload: json!({"i": i}),
    }
    .by(Actor::System, Some(&tenant(t)), None)
}

async fn seed_tenant(store: &Store, t: &str) {
    let mut tx = store.begin().await.unwrap();
    tx.insert_tenant(&Tenant {
        id: tenant(t),
        name: t.to_uppercase(),
        created_at: mandate_core::from_millis(1),
    })
    .await
    .unwrap();
    tx.record(
        Event::TenantCreated {
            tenant: tenant(t),
            name: t.into(),
        }
        .by(Actor::System, Some(&tenant(t)), None),
    );
    tx.commit(now()).await.unwrap();
}

async fn append_events(store: &Store, t: &str, n: i64) {
    for i in 0..n {
        let mut tx = store.begin().await.unwrap();
        tx.record(event(t, i));
        tx.commit(now()).await.unwrap();
    }
}

fn ring_of(key: &KeyPair) -> KeyRing {
    let mut r = KeyRing::new();
    r.insert(key.public());
    r
}

async fn identities_round_trip(db: &Db) {
    let store = db.store.clone();
    seed_tenant(&store, "acme").await;
    let got = store.tenant(&tenant("acme")).await.unwrap().unwrap();
    assert_eq!(got.name, "ACME");

    let mut tx = store.begin().await.unwrap();
    let dup = tx
        .insert_tenant(&Tenant {
            id: tenant("acme"),
            name: "again".into(),
            created_at: now(),
        })
        .await;
    assert!(matches!(dup, Err(StoreError::Conflict(_))), "{dup:?}");
    drop(tx);

    let owner = operator("acme", vec![Role::Owner, Role::Approver]);
    let a = agent("acme", &owner.id);
    let issued = mandate_core::token::issue();
    let mut tx = store.begin().await.unwrap();
    tx.insert_operator(&owner).await.unwrap();
    tx.insert_agent(&a).await.unwrap();
    tx.insert_token(
        &issued.id,
        PrincipalKind::Agent,
        a.id.as_str(),
        &issued.secret_digest,
        now(),
    )
    .await
    .unwrap();
    tx.commit(now()).await.unwrap();

    assert_eq!(store.operator(&owner.id).await.unwrap().unwrap(), owner);
    assert_eq!(store.agent(&a.id).await.unwrap().unwrap(), a);
    assert_eq!(
        store.agents(Some(&tenant("acme"))).await.unwrap(),
        vec![a.clone()]
    );
    assert!(
        store
            .agents(Some(&tenant("other")))
            .await
            .unwrap()
            .is_empty()
    );

    let tok = store.token(&issued.id).await.unwrap().unwrap();
    assert_eq!(tok.kind, PrincipalKind::Agent);
    assert_eq!(tok.secret_digest, issued.secret_digest);
    assert!(tok.revoked_at.is_none());

    let mut tx = store.begin().await.unwrap();
    let locked = tx.lock_agent(&a.id).await.unwrap().unwrap();
    assert_eq!(locked.status, AgentStatus::Provisioned);
    tx.set_agent_status(&a.id, AgentStatus::Active)
        .await
        .unwrap();
    assert_eq!(tx.revoke_tokens_of(a.id.as_str(), now()).await.unwrap(), 1);
    tx.commit(now()).await.unwrap();
    assert_eq!(
        store.agent(&a.id).await.unwrap().unwrap().status,
        AgentStatus::Active
    );
    assert!(
        store
            .token(&issued.id)
            .await
            .unwrap()
            .unwrap()
            .revoked_at
            .is_some()
    );
}

async fn an_uncommitted_change_leaves_no_trace(db: &Db) {
    let store = db.store.clone();
    let before = store.log_head().await.unwrap();
    {
        let mut tx = store.begin().await.unwrap();
        tx.insert_tenant(&Tenant {
            id: tenant("ghost"),
            name: "g".into(),
            created_at: now(),
        })
        .await
        .unwrap();
        tx.record(event("ghost", 1));
        // dropped without commit
    }
    assert!(store.tenant(&tenant("ghost")).await.unwrap().is_none());
    assert_eq!(store.log_head().await.unwrap(), before);
}

async fn log_appends_chain_and_checkpoint(db: &Db) {
    let store = db.store.clone();
    let key = Arc::new(KeyPair::generate(KeyPurpose::Audit));
    store.set_checkpoint_signer(key.clone());
    seed_tenant(&store, "acme").await;
    append_events(&store, "acme", 11).await;
    let head = store.log_head().await.unwrap();
    assert_eq!(head.seq, 12);
    // Every 5 records a checkpoint; then one on demand for the tail.
    assert_eq!(
        store
            .checkpoints(1, 100)
            .await
            .unwrap()
            .iter()
            .map(|c| c.seq)
            .collect::<Vec<_>>(),
        vec![5, 10]
    );
    let c = store.checkpoint_now(now()).await.unwrap().unwrap();
    assert_eq!((c.seq, c.hash), (12, head.hash));
    assert!(
        store.checkpoint_now(now()).await.unwrap().is_none(),
        "nothing new to sign"
    );

    let summary = store.verify_log(&ring_of(&key)).await.unwrap().unwrap();
    assert_eq!(
        (summary.records, summary.checkpoints, summary.last_seq),
        (12, 3, 12)
    );
    // A reopened store sees the same log.
    let again = db.reopen().await;
    assert_eq!(
        again.log_head().await.unwrap(),
        store.log_head().await.unwrap()
    );
    again.close().await;
}

async fn concurrent_appends_stay_gapless(db: &Db) {
    let store = db.store.clone();
    let url = db.url.clone();
    let key = Arc::new(KeyPair::generate(KeyPurpose::Audit));
    store.set_checkpoint_signer(key.clone());
    seed_tenant(&store, "acme").await;
    // A second handle on the same database stands in for a second process.
    let other = open(&url).await;
    other.set_checkpoint_signer(key.clone());
    let mut tasks = Vec::new();
    for w in 0..8 {
        let s = if w % 2 == 0 {
            store.clone()
        } else {
            other.clone()
        };
        tasks.push(tokio::spawn(
            async move { append_events(&s, "acme", 10).await },
        ));
    }
    for t in tasks {
        t.await.unwrap();
    }
    let head = store.log_head().await.unwrap();
    assert_eq!(head.seq, 81);
    let all = store.audit_range(1, i64::MAX, 1000).await.unwrap();
    assert_eq!(
        all.iter().map(|r| r.seq).collect::<Vec<_>>(),
        (1..=81).collect::<Vec<_>>()
    );
    store.verify_log(&ring_of(&key)).await.unwrap().unwrap();
    other.close().await;
}

/// Builds a log of 13 records with checkpoints at 5 and 10, then applies `tamper` and returns
/// what verification says.
async fn tampered(db: &Db, tamper: &str) -> mandate_core::audit::VerifyError {
    let key = Arc::new(KeyPair::generate(KeyPurpose::Audit));
    db.store.set_checkpoint_signer(key.clone());
    seed_tenant(&db.store, "acme").await;
    append_events(&db.store, "acme", 12).await;
    db.store.verify_log(&ring_of(&key)).await.unwrap().unwrap();
    for stmt in tamper.split(';').filter(|s| !s.trim().is_empty()) {
        db.raw(stmt).await;
    }
    db.store
        .verify_log(&ring_of(&key))
        .await
        .unwrap()
        .unwrap_err()
}

async fn tamper_edit_payload(db: &Db) {
    let e = tampered(
        db,
        r#"UPDATE audit_records SET payload = '{"i":99}' WHERE seq = 4"#,
    )
    .await;
    assert_eq!((e.seq, e.problem), (4, Problem::ContentMismatch));
}

async fn tamper_delete(db: &Db) {
    let e = tampered(db, "DELETE FROM audit_records WHERE seq = 7").await;
    assert_eq!((e.seq, e.problem), (8, Problem::Gap { expected: 7 }));
}

async fn tamper_insert(db: &Db) {
    // A record slipped in past the head, copying a genuine one's hashes.
    let e = tampered(
        db,
        "INSERT INTO audit_records (seq, time_ms, tenant, actor_type, actor_id, case_id, kind, payload, prev_hash, content_hash, hash) \
         SELECT 14, time_ms, tenant, actor_type, actor_id, case_id, kind, payload, hash, content_hash, hash FROM audit_records WHERE seq = 13",
    )
    .await;
    assert_eq!(e.seq, 14);
}

async fn tamper_reorder(db: &Db) {
    let e = tampered(
        db,
        "UPDATE audit_records SET seq = 1000 WHERE seq = 3; UPDATE audit_records SET seq = 3 WHERE seq = 4; UPDATE audit_records SET seq = 4 WHERE seq = 1000",
    )
    .await;
    assert_eq!(e.seq, 3);
}

async fn tamper_truncate_after_checkpoint(db: &Db) {
    // Cut everything after the checkpoint at 5 and rewind the head to match: the checkpoint at
    // 10 still names a record that is gone.
    let e = tampered(
        db,
        "DELETE FROM audit_records WHERE seq > 5; \
         UPDATE audit_head SET seq = 5, hash = (SELECT hash FROM audit_records WHERE seq = 5) WHERE id = 1",
    )
    .await;
    assert_eq!(e.problem, Problem::CheckpointBeyondEnd { last: 5 });
}

async fn tamper_resign_with_another_key(db: &Db) {
    let thief = KeyPair::generate(KeyPurpose::Audit);
    let forged = mandate_core::audit::Checkpoint::sign(
        5,
        mandate_core::canonical::Digest::ZERO,
        now(),
        &thief,
    );
    let e = tampered(
        db,
        &format!(
            "UPDATE audit_checkpoints SET kid = '{}', signature = '{}' WHERE seq = 5",
            forged.kid, forged.signature
        ),
    )
    .await;
    assert!(matches!(e.problem, Problem::UnknownKey { .. }), "{e}");
}

async fn exports_verify_and_hide_other_tenants(db: &Db) {
    let store = db.store.clone();
    let key = Arc::new(KeyPair::generate(KeyPurpose::Audit));
    store.set_checkpoint_signer(key.clone());
    seed_tenant(&store, "acme").await;
    seed_tenant(&store, "other").await;
    for i in 0..6 {
        let mut tx = store.begin().await.unwrap();
        tx.record(event(if i % 2 == 0 { "acme" } else { "other" }, i));
        tx.commit(now()).await.unwrap();
    }
    let ring = ring_of(&key);
    let mut lines = Vec::new();
    let sel = ExportSelection {
        tenant: Some(tenant("acme")),
        ..Default::default()
    };
    store
        .export_log(&sel, &key, now(), &mut |l| {
            lines.push(serde_json::to_string(&l).unwrap());
            Ok(())
        })
        .await
        .unwrap();
    assert!(
        lines.iter().all(|l| !l.contains("\"tenant\":\"other\"")),
        "other tenant's content leaked"
    );
    let s = mandate_core::audit::verify_export(lines.iter().map(String::as_str), &ring).unwrap();
    assert_eq!((s.records, s.stubs, s.last_seq), (4, 4, 8));

    let mut since = Vec::new();
    store
        .export_log(
            &ExportSelection {
                since: Some(7),
                ..Default::default()
            },
            &key,
            now(),
            &mut |l| {
                since.push(serde_json::to_string(&l).unwrap());
                Ok(())
            },
        )
        .await
        .unwrap();
    let s = mandate_core::audit::verify_export(since.iter().map(String::as_str), &ring).unwrap();
    assert_eq!(
        (s.records, s.last_seq),
        (2, 8),
        "anchored on the checkpoint at 5: 6 is a stub"
    );
}

on_both!(
    identities_round_trip,
    an_uncommitted_change_leaves_no_trace,
    log_appends_chain_and_checkpoint,
    concurrent_appends_stay_gapless,
    tamper_edit_payload,
    tamper_delete,
    tamper_insert,
    tamper_reorder,
    tamper_truncate_after_checkpoint,
    tamper_resign_with_another_key,
    exports_verify_and_hide_other_tenants,
);
