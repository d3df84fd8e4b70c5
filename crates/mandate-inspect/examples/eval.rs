//! Prints precision, recall and false-positive rates of the detectors on labelled samples, per
//! category and per language: `cargo run -p mandate-inspect --example eval [INPUTS OUTPUTS]`.
//! With `-v`, lists every mistake; `-x in|out TEXT` shows the cues found in one text;
//! `--held-out` measures the learned model on each set with a model trained on the others.
#![allow(missing_docs)]

use std::path::PathBuf;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let [flag, direction, text] = args.as_slice()
        && flag == "-x"
    {
        print!("{}", mandate_inspect::explain(text, direction == "out"));
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
    let files: Vec<&String> = args.iter().filter(|a| *a != "-v").collect();
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
    let i = mandate_inspect::eval::inputs(&read(&inputs));
    let o = mandate_inspect::eval::outputs(&read(&outputs));
    print!("{}", mandate_inspect::eval::render(&i, &o));
    if verbose {
        println!("\nmistakes:");
        for e in i.errors.iter().chain(&o.errors) {
            println!("  {e}");
        }
    }
}
