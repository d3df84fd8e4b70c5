//! The inspection library's behaviour: properties, obfuscations, near misses, and the quality
//! gate on the labelled samples. One test binary; each concept in its own module.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use mandate_inspect::verdict::{ActionTable, Verdict, decide};
use mandate_inspect::{Category, Direction, Options, Source, inspect};
use proptest::prelude::*;

mod data_source;
mod near_miss;
mod obfuscation;
mod properties;
mod quality;
mod structure;

fn input(text: &str) -> Vec<mandate_inspect::Finding> {
    inspect(text, &Options::CUSTOMER_INPUT)
}

/// A text read as a tool's result: the stricter standard of data.
fn as_data(text: &str) -> Vec<mandate_inspect::Finding> {
    inspect(
        text,
        &Options {
            direction: Direction::Input,
            source: Source::Tool,
            own_identifiers: &[],
        },
    )
}

fn attacks(text: &str) -> Vec<String> {
    input(text)
        .iter()
        .filter(|f| f.category.is_attack())
        .map(|f| format!("{}/{}", f.category.as_str(), f.kind))
        .collect()
}

fn data(path: &str) -> String {
    std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data")
            .join(path),
    )
    .unwrap()
}
