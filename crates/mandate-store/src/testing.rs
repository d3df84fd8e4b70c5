//! Test support: real databases, isolated per test.
#![allow(clippy::panic)] // test support: a misconfigured test database must stop the test
//!
//! PostgreSQL tests read `MANDATE_TEST_DATABASE_URL`. Each test gets a fresh schema (dropped by
//! [`PgSchema::drop_schema`]); when the variable is unset they print a loud SKIPPED line rather
//! than pass silently.

use std::io::Write as _;

use sqlx::any::{AnyPoolOptions, install_default_drivers};

/// The environment variable naming the test server.
pub const ENV: &str = "MANDATE_TEST_DATABASE_URL";

/// A schema of its own on the test server.
#[derive(Debug)]
pub struct PgSchema {
    base_url: String,
    /// The schema's name.
    pub name: String,
    /// A URL whose connections use only this schema.
    pub url: String,
}

/// Creates a fresh schema, or returns `None` after saying loudly that the test is skipped.
pub async fn pg_schema(test: &str) -> Option<PgSchema> {
    let Ok(base_url) = std::env::var(ENV) else {
        // Written straight to stderr: the test harness captures `eprintln!`, and a skip must
        // be seen.
        let _ = writeln!(
            std::io::stderr(),
            "\n*** SKIPPED {test} on PostgreSQL: {ENV} is not set. \
             `.ci/run` sets it; set it locally to run the PostgreSQL suite. ***\n"
        );
        return None;
    };
    install_default_drivers();
    let name = format!("mandate_t_{}", uuid::Uuid::new_v4().simple());
    let pool = match AnyPoolOptions::new()
        .max_connections(1)
        .connect(&base_url)
        .await
    {
        Ok(p) => p,
        Err(e) => panic!("{ENV} is set but PostgreSQL is unreachable: {e}"),
    };
    if let Err(e) = sqlx::query(&format!("CREATE SCHEMA {name}"))
        .execute(&pool)
        .await
    {
        panic!("cannot create test schema: {e}");
    }
    pool.close().await;
    let sep = if base_url.contains('?') { '&' } else { '?' };
    let url = format!("{base_url}{sep}options=-c%20search_path%3D{name}");
    Some(PgSchema {
        base_url,
        name,
        url,
    })
}

impl PgSchema {
    /// Drops the schema and everything in it.
    pub async fn drop_schema(self) {
        if let Ok(pool) = AnyPoolOptions::new()
            .max_connections(1)
            .connect(&self.base_url)
            .await
        {
            let _ = sqlx::query(&format!("DROP SCHEMA IF EXISTS {} CASCADE", self.name))
                .execute(&pool)
                .await;
            pool.close().await;
        }
    }
}
