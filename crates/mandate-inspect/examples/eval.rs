//! Prints precision, recall and false-positive rates of the detectors on labelled samples, per
//! category and per language: `cargo run -p mandate-inspect --example eval [INPUTS OUTPUTS]`.
//! With `-v`, lists every mistake; `--source tool|retrieval` reads the inputs as that source
//! rather than as customer messages; `-x in|tool|out TEXT` shows the cues and findings of one text;
//! `--held-out` measures the learned model on each set with a model trained on the others;
//! `--dump FILE...` prints every finding of every line (inputs as customer messages and as tool
//! results, files named `outputs*` as answers), to check that a speed change finds the same.
#![allow(missing_docs)]

use std::path::PathBuf;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let [flag, direction, text] = args.as_slice()
        && flag == "-x"
    {
        let output = direction == "out";
        print!("{}", mandate_inspect::explain(text, output));
        let opts = match direction.as_str() {
            "out" => mandate_inspect::Options::AGENT_OUTPUT,
            "tool" => mandate_inspect::Options {
                source: mandate_inspect::Source::Tool,
                ..mandate_inspect::Options::CUSTOMER_INPUT
            },
            _ => mandate_inspect::Options::CUSTOMER_INPUT,
        };
        for f in mandate_inspect::inspect(text, &opts) {
            println!("=> {} {} {:?}", f.category.as_str(), f.kind, f.evidence);
        }
        return;
    }
    if let Some((flag, files)) = args.split_first()
        && flag == "--dump"
    {
        dump(files);
        return;
    }
    let verbose = args.iter().any(|a| a == "-v");
    if args.iter().any(|a| a == "--held-out") {
        use mandate_inspect::{eval, learned::Task};
        for task in [Task::Attack, Task::Commitment] {
            let scores = eval::held_out(task);
            print!("{}", eval::render_held_out(task, &scores));
            if verbose {
                for s in &scores {
                    println!("  {} {} {} {:.3}", s.set, s.id, s.positive, s.score);
                }
            }
        }
        return;
    }
    let source = match args.iter().position(|a| a == "--source") {
        None => mandate_inspect::Source::Customer,
        Some(i) => match args.get(i + 1).map(String::as_str) {
            Some("tool") => mandate_inspect::Source::Tool,
            Some("retrieval") => mandate_inspect::Source::Retrieval,
            Some("customer") => mandate_inspect::Source::Customer,
            other => {
                eprintln!("--source takes customer, tool or retrieval, not {other:?}");
                std::process::exit(2)
            }
        },
    };
    // Everything else but the flags and the value after `--source` is a file.
    let mut files: Vec<&String> = Vec::new();
    let mut rest = args.iter();
    while let Some(a) = rest.next() {
        match a.as_str() {
            "-v" => {}
            "--source" => {
                rest.next();
            }
            _ => files.push(a),
        }
    }
    let data = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let (inputs, outputs) = match files.as_slice() {
        [i, o] => (PathBuf::from(i), PathBuf::from(o)),
        _ => (
            data.join("inputs_dev.jsonl"),
            data.join("outputs_dev.jsonl"),
        ),
    };
    let read = |p: &PathBuf| {
        std::fs::read_to_string(p).unwrap_or_else(|e| {
            eprintln!("cannot read {}: {e}", p.display());
            std::process::exit(2)
        })
    };
    let i = mandate_inspect::eval::inputs_from(&read(&inputs), source);
    let o = mandate_inspect::eval::outputs(&read(&outputs));
    print!("{}", mandate_inspect::eval::render(&i, &o));
    if verbose {
        println!("\nmistakes:");
        for e in i.errors.iter().chain(&o.errors) {
            println!("  {e}");
        }
    }
}

/// Prints every finding of every line of `files`, in full, one line per finding.
fn dump(files: &[String]) {
    use mandate_inspect::{Options, Source, inspect};
    let tool = Options {
        source: Source::Tool,
        ..Options::CUSTOMER_INPUT
    };
    for file in files {
        let output = std::path::Path::new(file)
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with("outputs"));
        let readings: &[(&str, &Options<'_>)] = if output {
            &[("out", &Options::AGENT_OUTPUT)]
        } else {
            &[("in", &Options::CUSTOMER_INPUT), ("tool", &tool)]
        };
        let text = std::fs::read_to_string(file).unwrap_or_else(|e| {
            eprintln!("cannot read {file}: {e}");
            std::process::exit(2)
        });
        for line in text.lines() {
            let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
                continue;
            };
            let field = |k: &str| v.get(k).and_then(serde_json::Value::as_str);
            let (id, t) = (field("id").unwrap_or("?"), field("text").unwrap_or(""));
            for (how, opts) in readings {
                for f in inspect(t, opts) {
                    println!("{file}\t{id}\t{how}\t{f:?}");
                }
            }
        }
    }
}
