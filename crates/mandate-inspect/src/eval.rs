//! Measuring the detectors on labelled samples (JSON Lines with `text`, `label`, `kind`,
//! `lang`), per category and per language. Pure: the caller reads the files.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Deserialize;

use crate::learned::{self, Task};
use crate::{Category, Direction, Options, Source, inspect};

#[derive(Debug, Deserialize)]
struct Sample {
    id: String,
    text: String,
    label: String,
    kind: String,
    lang: String,
}

/// Counts for one slice of the samples.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Positives caught.
    pub tp: usize,
    /// Positives missed.
    pub fn_: usize,
    /// Negatives flagged.
    pub fp: usize,
    /// Negatives passed.
    pub tn: usize,
}

impl Counts {
    /// Recall (1 when there are no positives).
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }

    /// Precision (1 when nothing was flagged).
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }

    /// False-positive rate (0 when there are no negatives).
    pub fn fpr(&self) -> f64 {
        if self.fp + self.tn == 0 {
            0.0
        } else {
            self.fp as f64 / (self.fp + self.tn) as f64
        }
    }

    fn add(&mut self, positive: bool, flagged: bool) {
        match (positive, flagged) {
            (true, true) => self.tp += 1,
            (true, false) => self.fn_ += 1,
            (false, true) => self.fp += 1,
            (false, false) => self.tn += 1,
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

/// Results on input samples.
#[derive(Debug, Default)]
pub struct InputReport {
    /// Attack vs benign, any attack category counting.
    pub overall: Counts,
    /// Per contract category: positives are samples of that kind, flagged means that category
    /// was among the findings.
    pub by_category: BTreeMap<String, Counts>,
    /// Attack vs benign, per language.
    pub by_language: BTreeMap<String, Counts>,
    /// Missed attacks and flagged benign samples, for people to read.
    pub errors: Vec<String>,
}

/// Results on output samples.
#[derive(Debug, Default)]
pub struct OutputReport {
    /// Committal vs informational.
    pub overall: Counts,
    /// Per commitment kind: positives are committal samples of that kind.
    pub by_kind: BTreeMap<String, Counts>,
    /// Committal vs informational, per language.
    pub by_language: BTreeMap<String, Counts>,
    /// Detected committal samples whose kind was right.
    pub kind_right: usize,
    /// Detected committal samples.
    pub kind_total: usize,
    /// Mistakes, for people to read.
    pub errors: Vec<String>,
}

impl OutputReport {
    /// Share of detected commitments with the right kind.
    pub fn kind_accuracy(&self) -> f64 {
        ratio(self.kind_right, self.kind_total)
    }
}

/// The contract category of a dataset attack kind.
pub fn category_of(kind: &str) -> Option<Category> {
    Some(match kind {
        "direct_injection" | "indirect_injection" => Category::Injection,
        "system_prompt_extraction" => Category::PromptExtraction,
        "jailbreak_roleplay" => Category::Jailbreak,
        "authority_spoofing" => Category::AuthoritySpoofing,
        "encoded_injection" => Category::EncodedInstruction,
        "tool_abuse" => Category::ToolAbuse,
        "data_exfiltration" => Category::DataExfiltration,
        _ => return None,
    })
}

fn samples(jsonl: &str) -> Vec<Sample> {
    jsonl
        .lines()
        .filter(|l| !l.trim().is_empty())
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect()
}

/// Evaluates input samples as customer messages.
pub fn inputs(jsonl: &str) -> InputReport {
    inputs_from(jsonl, Source::Customer)
}

/// Evaluates input samples as text from `source`: a tool's result or a retrieved document is
/// held to the stricter standard.
pub fn inputs_from(jsonl: &str, source: Source) -> InputReport {
    let opts = Options {
        direction: Direction::Input,
        source,
        own_identifiers: &[],
    };
    let mut r = InputReport::default();
    for s in samples(jsonl) {
        let findings = inspect(&s.text, &opts);
        let attack = s.label == "attack";
        let flagged = findings.iter().any(|f| f.category.is_attack());
        r.overall.add(attack, flagged);
        r.by_language
            .entry(s.lang.clone())
            .or_default()
            .add(attack, flagged);
        let truth = category_of(&s.kind);
        for c in [
            Category::Injection,
            Category::Jailbreak,
            Category::PromptExtraction,
            Category::EncodedInstruction,
            Category::AuthoritySpoofing,
            Category::ToolAbuse,
            Category::DataExfiltration,
        ] {
            let found = findings.iter().any(|f| f.category == c);
            r.by_category
                .entry(c.as_str().to_owned())
                .or_default()
                .add(truth == Some(c), found);
        }
        if attack != flagged {
            let got: Vec<String> = findings
                .iter()
                .map(|f| format!("{}/{}", f.category.as_str(), f.kind))
                .collect();
            r.errors.push(format!(
                "{} [{} {}] {:?} -> {:?}",
                s.id, s.label, s.kind, s.text, got
            ));
        }
    }
    r
}

/// Evaluates output samples.
pub fn outputs(jsonl: &str) -> OutputReport {
    let mut r = OutputReport::default();
    for s in samples(jsonl) {
        let findings = inspect(&s.text, &Options::AGENT_OUTPUT);
        let commitments: Vec<_> = findings
            .iter()
            .filter(|f| f.category == Category::Commitment)
            .collect();
        let committal = s.label == "committal";
        let flagged = !commitments.is_empty();
        r.overall.add(committal, flagged);
        r.by_language
            .entry(s.lang.clone())
            .or_default()
            .add(committal, flagged);
        if committal {
            let kind = commitments.first().map(|f| f.kind.as_str());
            r.by_kind
                .entry(s.kind.clone())
                .or_default()
                .add(true, flagged);
            if flagged {
                r.kind_total += 1;
                if kind == Some(s.kind.as_str()) {
                    r.kind_right += 1;
                } else {
                    r.errors.push(format!(
                        "{} kind {} -> {:?}: {:?}",
                        s.id, s.kind, kind, s.text
                    ));
                }
            }
        }
        if committal != flagged {
            let got: Vec<&str> = commitments.iter().map(|f| f.kind.as_str()).collect();
            r.errors.push(format!(
                "{} [{} {}] {:?} -> {:?}",
                s.id, s.label, s.kind, s.text, got
            ));
        }
    }
    r
}

fn line(out: &mut String, name: &str, c: &Counts) {
    let _ = writeln!(
        out,
        "  {name:<22} n+={:<4} n-={:<4} recall={:.3} precision={:.3} fpr={:.3}",
        c.tp + c.fn_,
        c.fp + c.tn,
        c.recall(),
        c.precision(),
        c.fpr()
    );
}

/// A readable report of both evaluations.
pub fn render(i: &InputReport, o: &OutputReport) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "INPUTS (attacks vs benign customer messages)");
    line(&mut out, "all", &i.overall);
    let _ = writeln!(out, " by category (positives: samples of that kind):");
    for (k, c) in &i.by_category {
        line(&mut out, k, c);
    }
    let _ = writeln!(out, " by language:");
    for (k, c) in &i.by_language {
        line(&mut out, k, c);
    }
    let _ = writeln!(out, "\nOUTPUTS (committal vs informational answers)");
    line(&mut out, "all", &o.overall);
    let _ = writeln!(
        out,
        "  kind accuracy: {:.3} ({}/{})",
        o.kind_accuracy(),
        o.kind_right,
        o.kind_total
    );
    let _ = writeln!(out, " recall by kind:");
    for (k, c) in &o.by_kind {
        line(&mut out, k, c);
    }
    let _ = writeln!(out, " by language:");
    for (k, c) in &o.by_language {
        line(&mut out, k, c);
    }
    out
}

/// One held-out score of the learned model.
pub struct HeldOut {
    /// The set the sample belongs to, which the model was not trained on.
    pub set: &'static str,
    /// The sample's id.
    pub id: String,
    /// Its label.
    pub positive: bool,
    /// The model's score.
    pub score: f32,
}

/// The learned model measured as on unseen text: each set written after the rules were frozen
/// (`val3` on) is scored by a model trained on every other shipped set.
pub fn held_out(task: Task) -> Vec<HeldOut> {
    let mut out = Vec::new();
    for (set, _) in task.sets().filter(|(n, _)| {
        n.strip_prefix("val")
            .and_then(|k| k.parse::<u32>().ok())
            .is_some_and(|k| k >= 3)
    }) {
        let model = learned::train(task, &learned::samples(task, |n| n != set));
        for s in learned::samples(task, |n| n == set) {
            out.push(HeldOut {
                set,
                score: model.score(&s.view),
                id: s.id,
                positive: s.positive,
            });
        }
    }
    out
}

/// Recall and false positives of held-out scores per set, at the task's threshold.
pub fn render_held_out(task: Task, scores: &[HeldOut]) -> String {
    let mut out = String::new();
    let th = task.threshold();
    let _ = writeln!(
        out,
        "{task:?}: the learned model alone on sets it was not trained on, flagged at >= {th}"
    );
    let mut sets: Vec<&str> = scores.iter().map(|s| s.set).collect();
    sets.dedup();
    let mut all = Counts::default();
    for set in sets {
        let mut c = Counts::default();
        for s in scores.iter().filter(|s| s.set == set) {
            c.add(s.positive, s.score >= th);
            all.add(s.positive, s.score >= th);
        }
        line(&mut out, set, &c);
    }
    line(&mut out, "all", &all);
    out
}
