//! The gateway's integration tests: the real app (router, store, keys) driven request by
//! request, on embedded SQLite and on PostgreSQL.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod support;

mod approvals;
mod bad_input;
mod credentials;
mod decisions;
mod grounding;
mod identities;
mod inspection;
mod isolation;
mod meta;
mod trace;
