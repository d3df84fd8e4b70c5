//! The binary's integration tests: real `mandate` processes on real stores.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod support;

mod audit;
mod crash;
mod demo;
mod docs;
mod inspect;
mod policy;
mod replicas;
