//! Mandate's runtime inspection, as a pure library (no IO).
//!
//! [`inspect`] reads one piece of text and returns [`Finding`]s with byte offsets into it:
//! attacks in what comes in (prompt injection direct and indirect, jailbreaks, system-prompt
//! extraction, encoded or smuggled instructions, authority spoofing, tool abuse, data
//! exfiltration); secrets and personal data, and commitments, in what goes out.
//! [`verdict::decide`] turns findings into allow / redact / block / escalate with the text that
//! may be passed on.
//!
//! Detection is structural, not a list of known sentences: text is normalised once
//! ([`normalize`]), a single automaton finds cue phrases by the role they play ([`lexicon`]), and
//! rules combine roles within a sentence (a verb of disregard *and* an object that is the
//! assistant's rules; an addressee that is an AI *inside relayed content* and a directive).
//! Encoded segments are decoded and read again, to a bounded depth.

mod attacks;
mod bytes;
mod commitments;
mod decode;
pub mod eval;
mod extract;
pub mod identifiers;
mod leaks;
pub mod learned;
pub mod lexicon;
pub mod normalize;
mod person;
mod scan;
pub mod verdict;

use serde::{Deserialize, Serialize};

pub use commitments::CommitmentKind;
pub use extract::Commitment;

/// Which way text flows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Into the agent: customer messages, tool results, retrieved documents.
    Input,
    /// Out of the agent, to the customer.
    Output,
}

/// Where a piece of text comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// The customer.
    Customer,
    /// A tool's result.
    Tool,
    /// A retrieved document.
    Retrieval,
    /// The agent itself.
    Agent,
}

impl Direction {
    /// The direction as named in the contract.
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Input => "input",
            Direction::Output => "output",
        }
    }
}

impl Source {
    /// The source as named in the contract.
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Customer => "customer",
            Source::Tool => "tool",
            Source::Retrieval => "retrieval",
            Source::Agent => "agent",
        }
    }

    /// Data rather than conversation: held to a stricter standard.
    pub fn is_data(self) -> bool {
        matches!(self, Source::Tool | Source::Retrieval)
    }
}

/// What a finding is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// Instructions that try to override the assistant's (kind `direct` or `indirect`).
    Injection,
    /// Role-play or "modes" meant to get around rules.
    Jailbreak,
    /// Attempts to read the system prompt or configuration.
    PromptExtraction,
    /// Instructions hidden by encoding or invisible characters.
    EncodedInstruction,
    /// A claim of authority meant to unlock an action.
    AuthoritySpoofing,
    /// Steering tools outside the customer's own business.
    ToolAbuse,
    /// Sending data outside or listing others' data.
    DataExfiltration,
    /// Personal data.
    Pii,
    /// Credentials and keys.
    Secret,
    /// An identifier of another customer or tenant.
    TenantLeak,
    /// A promise or grant on the company's behalf.
    Commitment,
}

impl Category {
    /// The category as named in the contract.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Injection => "injection",
            Category::Jailbreak => "jailbreak",
            Category::PromptExtraction => "prompt_extraction",
            Category::EncodedInstruction => "encoded_instruction",
            Category::AuthoritySpoofing => "authority_spoofing",
            Category::ToolAbuse => "tool_abuse",
            Category::DataExfiltration => "data_exfiltration",
            Category::Pii => "pii",
            Category::Secret => "secret",
            Category::TenantLeak => "tenant_leak",
            Category::Commitment => "commitment",
        }
    }

    /// Whether this is an attack category.
    pub fn is_attack(self) -> bool {
        matches!(
            self,
            Category::Injection
                | Category::Jailbreak
                | Category::PromptExtraction
                | Category::EncodedInstruction
                | Category::AuthoritySpoofing
                | Category::ToolAbuse
                | Category::DataExfiltration
        )
    }
}

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Worth recording.
    Low,
    /// Worth acting on.
    Medium,
    /// Act on it.
    High,
    /// Act on it now.
    Critical,
}

impl Severity {
    /// The severity as written in findings.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
            Severity::Critical => "critical",
        }
    }
}

/// One thing found in a text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    /// What it is.
    pub category: Category,
    /// More precisely: `direct`/`indirect`, a secret's provider, a commitment's kind...
    pub kind: String,
    /// How bad.
    pub severity: Severity,
    /// Byte offset in the inspected text where it starts (a character boundary).
    pub start: usize,
    /// Byte offset where it ends (a character boundary).
    pub end: usize,
    /// A short excerpt; for secrets and personal data, a masked one.
    pub evidence: String,
    /// For commitments: what grounding needs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub commitment: Option<Commitment>,
    /// For a commitment backed by an approved or executed action: that action's id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub grounded_by: Option<String>,
}

/// What the inspector needs to know about a text.
#[derive(Debug, Clone)]
pub struct Options<'a> {
    /// Which way it flows.
    pub direction: Direction,
    /// Where it comes from.
    pub source: Source,
    /// Identifiers that belong to the customer of the case (their own email, phone...): not a
    /// leak when they appear in output.
    pub own_identifiers: &'a [String],
}

impl Options<'static> {
    /// Input from the customer.
    pub const CUSTOMER_INPUT: Options<'static> = Options {
        direction: Direction::Input,
        source: Source::Customer,
        own_identifiers: &[],
    };
    /// Output of the agent.
    pub const AGENT_OUTPUT: Options<'static> = Options {
        direction: Direction::Output,
        source: Source::Agent,
        own_identifiers: &[],
    };
}

/// Builds every automaton, pattern set and learned model and reports whether all of them are usable. A set
/// that failed to build would make its detectors find nothing, so the gateway refuses to start
/// unless this passes (fail closed).
pub fn self_check() -> Result<(), String> {
    let mut broken = Vec::new();
    for f in [
        lexicon::Family::Attack,
        lexicon::Family::Commitment,
        lexicon::Family::Language,
    ] {
        if !scan::ready(f) {
            broken.push(format!("cue automaton {f:?}"));
        }
    }
    if !leaks::ready() {
        broken.push("leak detectors".to_owned());
    }
    if !extract::ready() {
        broken.push("commitment extraction patterns".to_owned());
    }
    // Trains both models now rather than on the first message.
    for task in [learned::Task::Attack, learned::Task::Commitment] {
        if !learned::model(task).is_sound() {
            broken.push(format!("learned model {task:?}"));
        }
    }
    if broken.is_empty() {
        Ok(())
    } else {
        Err(format!("inspection is not usable: {}", broken.join(", ")))
    }
}

/// How deep encoded segments are decoded and read again.
pub const MAX_DECODE_DEPTH: usize = 2;

/// Inspects a text. Never panics; findings are sorted by position.
pub fn inspect(text: &str, opts: &Options<'_>) -> Vec<Finding> {
    let mut findings = match opts.direction {
        Direction::Input => attacks::detect(text, opts.source, 0),
        Direction::Output => {
            let mut f = leaks::detect(text, opts.own_identifiers);
            f.extend(commitments::detect(text));
            f
        }
    };
    findings.sort_by_key(|a| (a.start, a.end, a.category));
    findings
}

/// One fuzzing input: inspects arbitrary bytes (as lossy UTF-8) in every direction and decides
/// a verdict, checking the invariants a fuzzer should never break. Shared by the `cargo fuzz`
/// target and the test that replays its seed corpus.
pub fn fuzz_one(bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let own = ["jane@example.com".to_owned()];
    for (direction, source) in [
        (Direction::Input, Source::Customer),
        (Direction::Input, Source::Tool),
        (Direction::Output, Source::Agent),
    ] {
        let opts = Options {
            direction,
            source,
            own_identifiers: &own,
        };
        let findings = inspect(&text, &opts);
        for f in &findings {
            assert!(
                f.start <= f.end
                    && f.end <= text.len()
                    && text.is_char_boundary(f.start)
                    && text.is_char_boundary(f.end)
            );
        }
        let out = verdict::decide(&text, findings, source, &verdict::ActionTable::default());
        assert!(out.text.len() <= text.len() + 4096);
    }
    let _ = normalize::normalize(&text);
}

/// The language a text is most likely written in (`en`, `es`, `fr`, `de`), for choosing the
/// language of a rewrite.
pub fn language(text: &str) -> &'static str {
    let view = normalize::normalize(text);
    let mut counts = [0usize; 4];
    for h in scan::hits(&view.text, lexicon::Family::Language) {
        let i = match h.cue {
            lexicon::Cue::LangEn => 0,
            lexicon::Cue::LangEs => 1,
            lexicon::Cue::LangFr => 2,
            lexicon::Cue::LangDe => 3,
            _ => continue,
        };
        if let Some(c) = counts.get_mut(i) {
            *c += 1;
        }
    }
    let best = counts
        .iter()
        .enumerate()
        .max_by_key(|(i, c)| (**c, std::cmp::Reverse(*i)))
        .map_or(0, |(i, _)| i);
    ["en", "es", "fr", "de"].get(best).copied().unwrap_or("en")
}

/// A short excerpt of the original text, on character boundaries.
pub(crate) fn excerpt(original: &str, start: usize, end: usize) -> String {
    let s = original.get(start..end).unwrap_or_default().trim();
    // No more bytes than 160 is no more characters: nothing to count.
    if s.len() <= 160 {
        return s.to_owned();
    }
    // An ASCII head is a character per byte: cut it without counting.
    if s.as_bytes().get(..161).is_some_and(<[u8]>::is_ascii) {
        return format!("{}...", s.get(..157).unwrap_or_default());
    }
    // Where the 161st character starts, if there is one: long spans are cut to 157 and "...".
    match s.char_indices().nth(160) {
        None => s.to_owned(),
        Some(_) => {
            let cut = s.char_indices().nth(157).map_or(s.len(), |(i, _)| i);
            format!("{}...", s.get(..cut).unwrap_or_default())
        }
    }
}

#[doc(hidden)]
/// Benchmark hook: cue hits of the attack and commitment automata.
pub fn debug_hits(text: &str, output: bool) -> usize {
    scan::hits(text, cue_family(output)).len()
}

/// The automaton a direction is read with: commitments in what goes out, attacks in what
/// comes in.
fn cue_family(output: bool) -> lexicon::Family {
    if output {
        lexicon::Family::Commitment
    } else {
        lexicon::Family::Attack
    }
}

#[doc(hidden)]
/// Diagnostic hook for the evaluation: the normalised view and the cues found in it, one
/// `cue "phrase"` per line, to see why a text was or was not flagged.
pub fn explain(text: &str, output: bool) -> String {
    use std::fmt::Write as _;
    let view = normalize::normalize(text);
    let mut out = format!("view: {}\n", view.text);
    for h in scan::hits(&view.text, cue_family(output)) {
        let phrase = view.text.get(h.start..h.end).unwrap_or_default();
        let _ = writeln!(out, "  {:?} {phrase:?}", h.cue);
    }
    // What the learned model makes of the whole text, for reading a miss or a false positive
    // (the detectors score only where their gates let them).
    let task = if output {
        learned::Task::Commitment
    } else {
        learned::Task::Attack
    };
    let _ = writeln!(
        out,
        "  model score {:.3} (flags at {})",
        learned::model(task).score(&view.text),
        task.threshold()
    );
    out
}

#[doc(hidden)]
/// Benchmark hook: normalisation alone.
pub fn debug_normalize(text: &str) -> usize {
    normalize::normalize(text).text.len()
}
