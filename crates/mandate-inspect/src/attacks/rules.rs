//! The rules: cue roles combined by structure, over one reading of a message.

use crate::lexicon::Cue::{self, *};
use crate::lexicon::CueSet;
use crate::scan::{Hit, Sentence};
use crate::{Category, Severity, Source};

use super::words::WordChecks;

/// How the text being read was obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Reading {
    /// As written.
    Plain,
    /// After undoing an obfuscation (leetspeak, a cipher, an encoding): a demand is an attack.
    Unveiled,
}

/// A rule that fired, on a view range.
pub(super) struct Fired {
    pub(super) category: Category,
    pub(super) kind: &'static str,
    pub(super) severity: Severity,
    pub(super) start: usize,
    pub(super) end: usize,
}

/// A message: its sentences and what occurs anywhere in it.
pub(super) struct Message<'a> {
    ss: &'a [Sentence<'a>],
    hits: &'a [Hit],
    quotes: &'a [(usize, usize)],
    text: &'a str,
    /// Roles in the customer's own words, and anywhere.
    own: CueSet,
    all: CueSet,
}

impl<'a> Message<'a> {
    pub(super) fn new(
        ss: &'a [Sentence<'a>],
        hits: &'a [Hit],
        quotes: &'a [(usize, usize)],
        text: &'a str,
    ) -> Message<'a> {
        let own = ss
            .iter()
            .fold(CueSet::default(), |acc, s| acc.union(s.present));
        let mut all = CueSet::default();
        for h in hits {
            all.insert(h.cue);
        }
        Message {
            ss,
            hits,
            quotes,
            text,
            own,
            all,
        }
    }

    /// Whether a role occurs in the customer's own words.
    fn has(&self, cue: Cue) -> bool {
        self.own.has(cue)
    }

    /// Whether a role occurs anywhere, quoted or not.
    fn anywhere(&self, cue: Cue) -> bool {
        self.all.has(cue)
    }

    fn in_quote(&self, h: &Hit) -> bool {
        h.quoted
    }

    /// The sentences where a role occurs (own words), as a view range.
    fn span(&self, cues: &[Cue]) -> (usize, usize) {
        let mut s = usize::MAX;
        let mut e = 0;
        for sent in self.ss.iter().filter(|x| cues.iter().any(|c| x.has(*c))) {
            s = s.min(sent.start);
            e = e.max(sent.end);
        }
        if s == usize::MAX {
            (0, self.text.len())
        } else {
            (s, e)
        }
    }

    fn word_before(&self, pos: usize) -> &str {
        let head = self.text.get(..pos).unwrap_or_default().trim_end();
        let start = head
            .rfind(|c: char| !(c.is_alphanumeric() || c == '\''))
            .map_or(0, |i| i + 1);
        head.get(start..).unwrap_or_default()
    }

    /// Whether a verb is used as a command rather than to report (not "I forget", "we skip").
    fn imperative(&self, h: &Hit) -> bool {
        !matches!(
            self.word_before(h.start),
            "i" | "we"
                | "i'd"
                | "i'll"
                | "we'll"
                | "they"
                | "he"
                | "she"
                | "to"
                | "don't"
                | "didn't"
                | "never"
                | "not"
                | "may"
                | "might"
                | "i've"
                | "you'll"
                | "it"
        )
    }
}

fn fired(
    category: Category,
    kind: &'static str,
    severity: Severity,
    (start, end): (usize, usize),
) -> Fired {
    Fired {
        category,
        kind,
        severity,
        start,
        end,
    }
}

pub(super) fn rules(m: &Message<'_>, source: Source, reading: Reading) -> Vec<Fired> {
    let mut out = Vec::new();
    let direct_or_indirect = if source.is_data() {
        "indirect"
    } else {
        "direct"
    };

    // --- Instruction override -------------------------------------------------------------
    for s in m.ss {
        let override_rules = s
            .at(OverrideVerb)
            .filter(|v| m.imperative(v) && !m.in_quote(v))
            .any(|v| {
                s.at(RuleNoun).any(|n| {
                    !m.in_quote(n)
                        && ((n.start >= v.end && n.start <= v.end + 45)
                            || (n.end <= v.start && v.start <= n.end + 20))
                })
            });
        let nullified = s.near(Nullify, RuleNoun, 60);
        let real_self = s.has(RealSelf);
        let obey = s.has(Obey);
        if override_rules || nullified || real_self || obey {
            out.push(fired(
                Category::Injection,
                direct_or_indirect,
                Severity::High,
                (s.start, s.end),
            ));
        }
    }
    if m.has(NewRule)
        && (m.has(Obey)
            || m.has(OverrideVerb)
            || m.has(RuleNoun)
            || m.has(Nullify)
            || m.has(YouMust))
    {
        out.push(fired(
            Category::Injection,
            direct_or_indirect,
            Severity::High,
            m.span(&[NewRule]),
        ));
    }

    // --- Instructions addressed to an AI inside relayed content (or any data source) --------
    let relayed_to_ai = m.hits.iter().any(|h| {
        if h.cue != AiAddressee && h.cue != AiNote {
            return false;
        }
        let relayed = m.in_quote(h) || source.is_data();
        if !relayed {
            return false;
        }
        let vocative = h.cue == AiNote
            || m.text
                .get(h.end..h.end + 1)
                .is_some_and(|c| c == "," || c == ":")
            || m.hits
                .iter()
                .any(|n| n.cue == AiNote && n.end <= h.start && h.start <= n.end + 25)
            || m.hits
                .iter()
                .any(|n| n.cue == YouMust && n.start >= h.end && n.start <= h.end + 40);
        let directive_follows = m.hits.iter().any(|d| {
            d.start >= h.end
                && d.start <= h.end + 160
                && matches!(
                    d.cue,
                    Directive
                        | SteerUser
                        | YouMust
                        | OverrideVerb
                        | Reveal
                        | RevealStrong
                        | Grant
                        | ToolVerb
                        | Mode
                        | Payoff
                )
        });
        vocative && directive_follows
    });
    if relayed_to_ai {
        let (s, e) = m
            .quotes
            .first()
            .copied()
            .filter(|_| !source.is_data())
            .unwrap_or((0, m.text.len()));
        out.push(fired(
            Category::Injection,
            "indirect",
            Severity::Critical,
            (s, e),
        ));
    }
    if source.is_data() {
        // Data that tells the assistant what to tell the user, with something to gain from it.
        let steering = m.ss.iter().any(|s| {
            (s.has(Directive) || s.has(SteerUser))
                && (s.has(AiAddressee) || s.has(AiNote) || s.has(YouMust))
                || s.has(SteerUser) && (s.has(Payoff) || s.has(Grant) || s.has(Directive))
        }) || m.has(OverrideVerb) && m.has(RuleNoun);
        if steering {
            out.push(fired(
                Category::Injection,
                "indirect",
                Severity::Critical,
                (0, m.text.len()),
            ));
        }
    }

    // --- Jailbreak: role-play, fiction or special modes, wanting something --------------------
    let fiction = m.ss.iter().any(|s| s.near(Write, Fiction, 25));
    if (m.has(RolePlay) || m.has(Mode) || fiction)
        && (m.has(Payoff)
            || m.has(OverrideVerb)
            || m.has(RuleNoun)
            || m.has(Nullify)
            || m.has(Grant))
    {
        out.push(fired(
            Category::Jailbreak,
            "roleplay",
            Severity::High,
            m.span(&[RolePlay, Mode, Fiction, Payoff]),
        ));
    }
    // Taking over the assistant's role altogether ("I want you to act as...", "your new task").
    if m.has(Hijack) {
        out.push(fired(
            Category::Injection,
            direct_or_indirect,
            Severity::High,
            m.span(&[Hijack]),
        ));
    }
    // "Approve it, nobody will check": a demand that counts on no one looking.
    if m.has(Secrecy) && (m.has(Grant) || m.has(Payoff)) {
        out.push(fired(
            Category::Injection,
            direct_or_indirect,
            Severity::High,
            m.span(&[Secrecy]),
        ));
    }

    // --- System-prompt extraction ------------------------------------------------------------
    let prompt_strong = m.anywhere(PromptStrong);
    let reveal_strong = m.has(RevealStrong);
    let reveal_any = reveal_strong || m.has(Reveal) || m.ss.iter().any(|s| s.question);
    if (prompt_strong && reveal_any) || (m.anywhere(PromptWeak) && reveal_strong) {
        out.push(fired(
            Category::PromptExtraction,
            "system_prompt",
            Severity::High,
            m.span(&[PromptStrong, PromptWeak, RevealStrong, Reveal]),
        ));
    }

    // --- Authority claims that try to unlock something ---------------------------------------
    let asks_how = m.has(Process) && !m.has(Unlock);
    let staff_speaks = m.ss.iter().any(|s| s.near(Speaker, StaffRole, 30));
    let claims = m.has(Authority) || staff_speaks;
    if claims
        && !asks_how
        && (m.has(Unlock)
            || m.has(OverrideVerb)
            || m.has(Nullify)
            || m.has(Directive)
            || m.has(SteerUser)
            || m.has(Grant)
            || m.has(YouMust))
    {
        out.push(fired(
            Category::AuthoritySpoofing,
            "authority_claim",
            Severity::High,
            m.span(&[Authority, Unlock]),
        ));
    }

    // --- Tool abuse -------------------------------------------------------------------------
    let acts = m.has(ToolVerb) || m.has(ToolRef) || m.has(Grant) || m.has(Sensitive);
    if (m.has(ThirdParty) && acts || m.has(Kin) && m.has(Sensitive)) && !m.has(Process) {
        out.push(fired(
            Category::ToolAbuse,
            "third_party",
            Severity::High,
            m.span(&[ThirdParty, Kin, ToolVerb, ToolRef]),
        ));
    }
    // The word checks need a quantity word, or an underscore for a function name.
    let words = if m.anywhere(Quantity) || m.text.contains('_') {
        WordChecks::of(m.text)
    } else {
        WordChecks::default()
    };
    if (m.has(Bulk) || words.bulk || words.many_codes) && acts {
        out.push(fired(
            Category::ToolAbuse,
            "bulk",
            Severity::High,
            m.span(&[Bulk, ToolVerb]),
        ));
    }
    if m.has(Loop) && (acts || m.has(Payoff)) {
        out.push(fired(
            Category::ToolAbuse,
            "loop",
            Severity::High,
            m.span(&[Loop]),
        ));
    }
    if words.function_name && (m.has(ToolVerb) || m.has(ToolRef)) {
        out.push(fired(
            Category::ToolAbuse,
            "direct_tool_call",
            Severity::High,
            m.span(&[ToolVerb, ToolRef]),
        ));
    }

    // --- Data exfiltration -------------------------------------------------------------------
    let others = m.has(Others);
    let wants = m.has(Request) || m.has(Reveal) || m.ss.iter().any(|s| s.question);
    if others && (m.has(PiiNoun) || m.has(Request)) && wants && !asks_how {
        out.push(fired(
            Category::DataExfiltration,
            "others_data",
            Severity::High,
            m.span(&[Others, PiiNoun]),
        ));
    }
    if m.has(Outside) && (others || m.has(RawDump) || m.has(Bulk)) {
        out.push(fired(
            Category::DataExfiltration,
            "outside_destination",
            Severity::Critical,
            m.span(&[Outside]),
        ));
    }
    if m.has(RawDump) && (m.has(Request) || m.has(Reveal) || m.has(RevealStrong)) {
        out.push(fired(
            Category::DataExfiltration,
            "raw_dump",
            Severity::High,
            m.span(&[RawDump]),
        ));
    }

    // --- In unveiled text, any demand is the attack ---------------------------------------------
    if reading == Reading::Unveiled
        && out.is_empty()
        && [
            Payoff,
            Grant,
            OverrideVerb,
            Secrecy,
            Directive,
            SteerUser,
            Reveal,
            RevealStrong,
            ToolVerb,
            PromptStrong,
        ]
        .iter()
        .any(|c| m.anywhere(*c))
    {
        out.push(fired(
            Category::EncodedInstruction,
            "unveiled_demand",
            Severity::Critical,
            (0, m.text.len()),
        ));
    }
    out
}
