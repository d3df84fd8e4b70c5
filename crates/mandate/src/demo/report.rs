//! The demo's transcript: narrated steps (colour on a terminal, plain when piped, JSON with
//! `--json`) and a summary of expected against actual outcomes.

use std::io::IsTerminal as _;

use serde::Serialize;
use serde_json::Value;

/// One scripted step and how it went.
#[derive(Debug, Serialize)]
pub(crate) struct Step {
    /// What happens, in a few words.
    pub(crate) title: String,
    /// The conversation and the calls, line by line.
    pub(crate) story: Vec<Line>,
    /// What Mandate should do.
    pub(crate) expected: String,
    /// What it did.
    pub(crate) actual: String,
    /// Whether the two agree.
    pub(crate) ok: bool,
}

/// A line of the story.
#[derive(Debug, Serialize)]
#[serde(tag = "who", content = "text", rename_all = "snake_case")]
pub(crate) enum Line {
    /// The customer speaks.
    Customer(String),
    /// The assistant speaks (what reached the customer).
    Assistant(String),
    /// Something else: a tool, the back-end, an approver.
    Note(String),
    /// Mandate's answer.
    Mandate(String),
}

impl Step {
    pub(crate) fn new(title: &str, expected: &str) -> Step {
        Step {
            title: title.to_owned(),
            story: Vec::new(),
            expected: expected.to_owned(),
            actual: String::new(),
            ok: false,
        }
    }

    pub(crate) fn customer(&mut self, s: impl Into<String>) {
        self.story.push(Line::Customer(s.into()));
    }

    pub(crate) fn assistant(&mut self, s: impl Into<String>) {
        self.story.push(Line::Assistant(s.into()));
    }

    pub(crate) fn note(&mut self, s: impl Into<String>) {
        self.story.push(Line::Note(s.into()));
    }

    pub(crate) fn mandate(&mut self, s: impl Into<String>) {
        self.story.push(Line::Mandate(s.into()));
    }

    /// Records the outcome.
    pub(crate) fn outcome(&mut self, actual: impl Into<String>, ok: bool) {
        self.actual = actual.into();
        self.ok = ok;
    }
}

struct Style {
    on: bool,
}

impl Style {
    fn paint(&self, code: &str, s: &str) -> String {
        if self.on {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_owned()
        }
    }
}

/// Prints the transcript and the summary for people.
pub(crate) fn print(steps: &[Step], extra: &[(String, String)]) {
    let style = Style {
        on: std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    for (i, step) in steps.iter().enumerate() {
        println!(
            "\n{}",
            style.paint("1", &format!("{}. {}", i + 1, step.title))
        );
        for line in &step.story {
            match line {
                Line::Customer(t) => println!("   {} {t}", style.paint("36", "customer ›")),
                Line::Assistant(t) => println!("   {} {t}", style.paint("35", "assistant ›")),
                Line::Note(t) => println!("   {}", style.paint("2", &format!("· {t}"))),
                Line::Mandate(t) => println!("   {} {t}", style.paint("33", "mandate ›")),
            }
        }
    }
    for (title, body) in extra {
        println!("\n{}\n{body}", style.paint("1", title));
    }
    let width = steps
        .iter()
        .map(|s| s.title.len())
        .max()
        .unwrap_or(10)
        .min(60);
    println!("\n{}", style.paint("1", "Summary"));
    println!("  {:<width$}  {:<40}  actual", "step", "expected");
    for s in steps {
        let mark = if s.ok {
            style.paint("32", "✓")
        } else {
            style.paint("31", "✗")
        };
        println!(
            "{mark} {:<width$}  {:<40}  {}",
            truncate(&s.title, width),
            truncate(&s.expected, 40),
            s.actual
        );
    }
    let passed = steps.iter().filter(|s| s.ok).count();
    let line = format!("{passed}/{} steps behaved as expected", steps.len());
    println!(
        "\n{}",
        if passed == steps.len() {
            style.paint("32;1", &line)
        } else {
            style.paint("31;1", &line)
        }
    );
}

/// The transcript as one JSON document.
pub(crate) fn json(steps: &[Step], extra: &[(String, String)], trace: &Value) -> Value {
    serde_json::json!({
        "ok": steps.iter().all(|s| s.ok),
        "steps": steps,
        "extra": extra.iter().map(|(t, b)| serde_json::json!({"title": t, "text": b})).collect::<Vec<_>>(),
        "trace": trace,
    })
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_owned()
    } else {
        let cut: String = s.chars().take(n.saturating_sub(1)).collect();
        format!("{cut}…")
    }
}
