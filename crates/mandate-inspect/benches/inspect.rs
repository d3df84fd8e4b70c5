//! Inspection speed: `cargo bench -p mandate-inspect --bench inspect`.
//!
//! The corpus is every labelled sample in `tests/data` (development and validation sets), each
//! inspected on its own in its direction with every detector on: attacks for customer messages;
//! secrets, personal data and commitments for agent answers. Groups:
//! - `ordinary`: benign customer messages and informational answers, the bulk of real traffic;
//! - `adversarial`: attacks and committal answers, where every rule has work to do;
//! - `kb`: texts of about 1 KB (512 to 1024 bytes) built from consecutive samples of each
//!   direction.
//!
//! After the criterion groups, a latency pass prints the p50 and p99 time per 1 KB text.
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing
)]

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use mandate_inspect::{Options, inspect};

struct Corpus {
    /// (text, is_output)
    ordinary: Vec<(String, bool)>,
    adversarial: Vec<(String, bool)>,
    kb: Vec<(String, bool)>,
}

fn corpus() -> Corpus {
    let data = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let mut c = Corpus {
        ordinary: vec![],
        adversarial: vec![],
        kb: vec![],
    };
    let mut files: Vec<_> = std::fs::read_dir(&data)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().and_then(|e| e.to_str()) == Some("jsonl"))
        .collect();
    files.sort();
    // A 1 KB text holds samples of one direction only, so each direction fills its own; the
    // samples run on from one file into the next.
    let mut chunks = [String::new(), String::new()];
    for path in files {
        let output = path
            .file_name()
            .unwrap()
            .to_str()
            .unwrap()
            .starts_with("outputs");
        let chunk = &mut chunks[usize::from(output)];
        for line in std::fs::read_to_string(&path).unwrap().lines() {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            let text = v["text"].as_str().unwrap().to_owned();
            let ordinary = matches!(v["label"].as_str(), Some("benign" | "informational"));
            if chunk.len() + text.len() > 1024 {
                c.kb.push((std::mem::take(chunk), output));
            }
            if !chunk.is_empty() {
                chunk.push(' ');
            }
            chunk.push_str(&text);
            if ordinary {
                &mut c.ordinary
            } else {
                &mut c.adversarial
            }
            .push((text, output));
        }
    }
    // What is left at the end is kept only if it is about 1 KB too: the latency is given per
    // KB, and a short text's fixed costs, scaled up to a KB, would say nothing about a 1 KB one.
    for (output, chunk) in chunks.into_iter().enumerate() {
        if chunk.len() >= 512 {
            c.kb.push((chunk, output == 1));
        }
    }
    c
}

/// How a text of a direction is inspected.
fn options(output: bool) -> &'static Options<'static> {
    if output {
        &Options::AGENT_OUTPUT
    } else {
        &Options::CUSTOMER_INPUT
    }
}

/// Inspects each text once. Not inlined, so that callgrind can count it alone (see
/// [`instructions_only`]).
#[inline(never)]
fn run(texts: &[(String, bool)]) {
    for (t, output) in texts {
        std::hint::black_box(inspect(t, options(*output)));
    }
}

/// With `MANDATE_BENCH_GROUP` set to a group's name, inspects that group once after warming
/// the automata, for an instruction count that does not depend on the machine's load:
///
/// ```sh
/// MANDATE_BENCH_GROUP=ordinary valgrind --tool=callgrind --collect-atstart=no \
///     --toggle-collect='inspect::run' target/release/deps/inspect-<hash>
/// ```
fn instructions_only(corpus: &Corpus) -> bool {
    let Ok(group) = std::env::var("MANDATE_BENCH_GROUP") else {
        return false;
    };
    let texts = match group.as_str() {
        "ordinary" => &corpus.ordinary,
        "adversarial" => &corpus.adversarial,
        "kb" => &corpus.kb,
        _ => {
            eprintln!("MANDATE_BENCH_GROUP must be ordinary, adversarial or kb, not {group:?}");
            return true;
        }
    };
    for (t, output) in corpus.ordinary.iter().chain(&corpus.adversarial) {
        std::hint::black_box(inspect(t, options(*output)));
    }
    run(texts);
    true
}

fn bench(c: &mut Criterion) {
    let corpus = corpus();
    if instructions_only(&corpus) {
        return;
    }
    let mut g = c.benchmark_group("inspect");
    for (name, texts) in [
        ("ordinary", &corpus.ordinary),
        ("adversarial", &corpus.adversarial),
        ("kb", &corpus.kb),
    ] {
        let bytes: usize = texts.iter().map(|(t, _)| t.len()).sum();
        g.throughput(Throughput::Bytes(bytes as u64));
        g.bench_function(name, |b| b.iter(|| run(texts)));
    }
    g.finish();

    // Latency per 1 KB text. Each text is inspected in many rounds, interleaved with the
    // others (so caches hold what a real mix would leave in them). Reported: the p50 and p99
    // across texts of each text's median time, which is what a message of that shape costs,
    // and the p99 of every single run, which on a shared machine also measures the neighbours.
    const ROUNDS: usize = 301;
    let mut runs: Vec<Vec<f64>> = vec![Vec::with_capacity(ROUNDS); corpus.kb.len()];
    for _ in 0..ROUNDS {
        for ((t, output), times) in corpus.kb.iter().zip(runs.iter_mut()) {
            let start = std::time::Instant::now();
            std::hint::black_box(inspect(t, options(*output)));
            times.push(start.elapsed().as_nanos() as f64 * 1024.0 / t.len() as f64 / 1000.0);
        }
    }
    let mut medians: Vec<f64> = runs
        .iter_mut()
        .map(|r| {
            r.sort_by(|a, b| a.total_cmp(b));
            r[r.len() / 2]
        })
        .collect();
    medians.sort_by(|a, b| a.total_cmp(b));
    let mut all: Vec<f64> = runs.concat();
    all.sort_by(|a, b| a.total_cmp(b));
    let pct = |v: &[f64], p: usize| v[(v.len() * p / 100).min(v.len() - 1)];
    println!(
        "latency per 1 KB text, {} texts x {ROUNDS} rounds: median per text p50 {:.1} us, p99 {:.1} us; every run p99 {:.1} us",
        medians.len(),
        pct(&medians, 50),
        pct(&medians, 99),
        pct(&all, 99)
    );
}

criterion_group!(benches, bench);
criterion_main!(benches);
