//! Commitments in what goes out: statements that grant, promise or admit something on the
//! company's behalf, told apart from statements that explain.
//!
//! A sentence commits when its structure does: a first-person completed grant ("I've waived"),
//! a first-person future grant ("we'll refund"), a completed passive grant ("has been
//! approved"), a guarantee, a gift ("on the house"), an exception made, an admission. Refusals,
//! hedges and conditions in the same clause undo it; questions and quoted words never commit;
//! handing a matter on ("I've logged it, the team will decide") is not granting it.

mod arrival;
mod chat;
mod concession;
mod counted;
mod described;
mod kind;
mod kind_clues;
mod model;
mod own;
mod paperwork;
mod passive;
mod qualifiers;
mod signal;
mod stated;
mod unnamed;
mod verbs;

use kind::kind_of;
use model::by_model;
use own::Own;
use signal::committal;
use verbs::accepts;

use serde::{Deserialize, Serialize};

use crate::lexicon::Cue::{self, *};
use crate::lexicon::Family;
use crate::normalize::{View, normalize};
use crate::scan::{Hit, hits, mark_quoted, quoted, sentences};
use crate::{Category, Finding, Severity, excerpt, extract};

/// What a commitment grants.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CommitmentKind {
    /// Money back.
    Refund,
    /// A reduction or a code.
    Discount,
    /// A special price.
    Price,
    /// A delivery date or time guaranteed.
    Delivery,
    /// Warranty cover or its extension.
    Warranty,
    /// An exception to a policy.
    PolicyException,
    /// A fee waived.
    FeeWaiver,
    /// Compensation for a problem.
    Compensation,
    /// An action on the customer's account.
    AccountAction,
    /// An admission of liability.
    Legal,
}

impl CommitmentKind {
    /// All kinds.
    pub const ALL: [CommitmentKind; 10] = [
        CommitmentKind::Refund,
        CommitmentKind::Discount,
        CommitmentKind::Price,
        CommitmentKind::Delivery,
        CommitmentKind::Warranty,
        CommitmentKind::PolicyException,
        CommitmentKind::FeeWaiver,
        CommitmentKind::Compensation,
        CommitmentKind::AccountAction,
        CommitmentKind::Legal,
    ];

    /// The kind as named in the contract.
    pub fn as_str(self) -> &'static str {
        match self {
            CommitmentKind::Refund => "refund",
            CommitmentKind::Discount => "discount",
            CommitmentKind::Price => "price",
            CommitmentKind::Delivery => "delivery",
            CommitmentKind::Warranty => "warranty",
            CommitmentKind::PolicyException => "policy_exception",
            CommitmentKind::FeeWaiver => "fee_waiver",
            CommitmentKind::Compensation => "compensation",
            CommitmentKind::AccountAction => "account_action",
            CommitmentKind::Legal => "legal",
        }
    }

    /// Parses a kind name.
    pub fn parse(s: &str) -> Option<CommitmentKind> {
        CommitmentKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// Detects commitments in `original`.
pub(crate) fn detect(original: &str) -> Vec<Finding> {
    let view = normalize(original);
    // Without an anchor no rule commits. With one, the rules have read the answer's structure,
    // and where they found a purpose, a condition, a refusal or history, that reading stands;
    // without one, they had nothing to read it by, and the learned model gives its opinion.
    // (The model's word against the rules' reading cost probes: `docs/BENCHMARKS.md`, "A
    // model trained on every round".)
    let mut cue_hits = hits(&view.text, Family::Commitment);
    verbs::drop_payments_not_made(&view.text, &mut cue_hits);
    verbs::join_split_grants(&view.text, &mut cue_hits);
    drop_scanned_codes(&view.text, &mut cue_hits);
    drop_the_month(&view.text, &mut cue_hits);
    drop_at_once(&view.text, &mut cue_hits);
    verbs::drop_means_accepted(&view.text, &mut cue_hits);
    verbs::drop_getting_without_a_sum(&view.text, &mut cue_hits);
    if cue_hits.iter().any(|h| h.cue.anchors_commitment()) {
        return by_rules(original, &view, cue_hits);
    }
    // "Consider the $15 late fee gone" has no grant's cue, and the rules read it; what they
    // find nothing in is the model's, as any text without a cue is.
    // So is a delivery the speaker says they will make ("we will deliver it on Friday"),
    // which `signal::committal` reads for a day named.
    // And so is a sum the customer pays set below another ("Für Sie gilt ab sofort der
    // Tarif: 29 € statt 49 €"), which `signal::committal` reads as an offer.
    // So is a thing let go at a sum ("te dejo el envío … en 6,90 €").
    let pays_less = || view.text.split(['.', '!', '?', '\n']).any(offers_a_sum);
    if will_commit(&view.text, &cue_hits)
        || cue_hits.iter().any(|h| stated::takes_as(&view.text, h))
        // "Eigentlich … niemanden mehr auf, aber Ihre Tochter darf noch einsteigen": an
        // exception allowed has no grant's cue either.
        || concession::allowed_after_usual(&view.text)
        // Read only where a word of exception is: most answers have none.
        || cue_hits.iter().any(|h| h.cue == KException) && concession::exception_made(&view.text)
        || pays_less()
    {
        let found = by_rules(original, &view, cue_hits.clone());
        if !found.is_empty() {
            return found;
        }
    }
    by_model(original, &view, cue_hits).into_iter().collect()
}

/// Whether a sentence with no anchor sets a sum for the customer: less than another
/// (`qualifiers::pays_less`) or a thing let go at it (`kind_clues::left_at_a_sum`).
fn offers_a_sum(sentence: &str) -> bool {
    qualifiers::pays_less(sentence) || kind_clues::left_at_a_sum(sentence)
}

/// Whether the speaker's future comes with a word of delivery, which `signal::committal`
/// reads for a delivery promised on a day named, or with a verb of letting after a
/// concession ("normally …, but we'll let it …"), which it reads as the exception, or with a
/// thing failing and a free word, which it reads as a remedy. A thing's future arrival ("tu
/// bici llegará el martes") is read for a day named as well.
fn will_commit(text: &str, hits: &[Hit]) -> bool {
    let will = || hits.iter().filter(|h| h.cue == WillSubject);
    will().next().is_some() && hits.iter().any(|h| h.cue == KDelivery)
        || hits
            .iter()
            .any(|h| h.cue == KDelivery && arrival::future_arrival(text, h))
        // German's future passive has no subject of the speaker's: "Ihr Gerät wird am
        // Donnerstag an Sie zurückgeschickt".
        || hits.iter().any(|h| {
            h.cue == KDelivery
                && text
                    .get(h.start..h.end)
                    .is_some_and(arrival::german_delivery_participle)
        }) && (text.contains("wird") || text.contains("werden"))
        || hits.iter().any(|h| h.cue == Exception)
            && will().any(|w| verbs::let_after(text, w.end).is_some())
        // "If the saddle starts rubbing, we'll reflock it for free", "si des traces
        // apparaissent, on repasse gratuitement": the speaker's remedy for a thing failing,
        // free, whatever its verb.
        // Read in the sentence of an "if", and only where it says "free".
        || hits.iter().any(|h| {
            h.cue == Hedge
                && own::opens_if(text, h)
                && {
                    // The fault first: most "if"s name none, and the remedy's price is
                    // read only after one.
                    let sentence = crate::person::sentence_around(text, h.start);
                    described::fault_named(
                        &crate::person::words(sentence)
                            .filter(|w| !w.is_empty())
                            .collect::<Vec<_>>(),
                    ) && described::costs_nothing(sentence)
                }
        })
}

/// Whether an account word names where a grant lands ("I've activated it on your account",
/// "crédité sur votre compte", "auf Ihr Konto", "aufs Konto gebucht"), not an account acted
/// on.
fn account_as_place(text: &str, h: &Hit) -> bool {
    h.cue == KAccount && {
        // From the start of its word: "auf Ihr Kundenkonto" is read by "*konto".
        let inside = text
            .get(..h.start)
            .is_some_and(|t| t.ends_with(char::is_alphanumeric));
        let start = if inside {
            crate::person::word_start_before(text, h.start)
        } else {
            h.start
        };
        let (a, b) = crate::person::two_words_before(text, start);
        crate::person::addressee_possessive(a)
            && matches!(
                b,
                "on" | "to" | "into" | "in" | "en" | "a" | "sur" | "dans" | "auf" | "zu" | "from"
            )
            // German folds the article into the preposition.
            || matches!(b, "aufs" | "ins")
    }
}

/// "Until the scooter is locked in the app": a thing locked in a place, not a price held
/// ("I've locked in the $79 price for you" names the price after the article).
fn locked_in_a_place(text: &str, h: &Hit) -> bool {
    matches!(h.cue, Guarantee | Granted)
        && text.get(h.start..h.end) == Some("locked in")
        && matches!(
            crate::person::word_after(text, h.end),
            "the" | "a" | "an" | "its" | "their" | "place"
        )
        && !text.get(h.end..).is_some_and(|rest| {
            let head = crate::bytes::head(rest, 30);
            head.contains(|c: char| c.is_ascii_digit() || matches!(c, '$' | '€' | '£'))
                || ["price", "rate", "fare", "deal", "offer", "discount"]
                    .iter()
                    .any(|w| head.contains(w))
        })
}

/// Commitments are decided sentence by sentence; only sentences with an anchor are read.
fn by_rules(original: &str, view: &View, mut cue_hits: Vec<Hit>) -> Vec<Finding> {
    let quotes = quoted(&view.text);
    mark_quoted(&mut cue_hits, &quotes);
    let mut out = Vec::new();
    let ss = sentences(&view.text, &cue_hits, &quotes);
    for (i, s) in ss.iter().enumerate() {
        if s.question
            || !(s.hits.iter().any(|h| h.cue.anchors_commitment())
                || will_commit(&view.text, s.hits)
                || s.hits.iter().any(|h| stated::takes_as(&view.text, h))
                || offers_a_sum(view.text.get(s.start..s.end).unwrap_or_default())
                || concession::allowed_after_usual(
                    view.text.get(s.start..s.end).unwrap_or_default(),
                )
                || s.hits.iter().any(|h| h.cue == KException)
                    && concession::exception_made(
                        view.text.get(s.start..s.end).unwrap_or_default(),
                    ))
        {
            continue;
        }
        let own = Own {
            hits: s
                .hits
                .iter()
                .filter(|h| !h.quoted && !locked_in_a_place(&view.text, h))
                .collect(),
            text: &view.text,
            span: (s.start, s.end),
        };
        let Some(signal) = committal(&own) else {
            continue;
        };
        // "You'll get 20% off this order; I've added it at checkout": a grant that names no
        // kind takes it from the sentence before, and from the clause after a semicolon that
        // goes on with it ("I've processed the return; $142.99 will land back on your Visa").
        let unkinded = !own
            .hits
            .iter()
            .any(|h| KINDED.contains(&h.cue) && !account_as_place(&view.text, h));
        let before = i.checked_sub(1).and_then(|p| ss.get(p));
        // An answer that opens with a grant of no kind ("That one's on us. I've refunded the
        // $19.99") names it in the sentence after.
        let after = (view
            .text
            .get(..s.end)
            .is_some_and(|t| t.trim_end().ends_with(';'))
            || before.is_none())
        .then(|| ss.get(i + 1))
        .flatten();
        let context = (unkinded && (before.is_some() || after.is_some())).then(|| Own {
            hits: before
                .into_iter()
                .chain(Some(s))
                .chain(after)
                .flat_map(|p| p.hits.iter())
                .filter(|h| !h.quoted)
                .collect(),
            text: &view.text,
            span: own.span,
        });
        out.push(commitment(original, view, &own, context.as_ref(), signal));
    }
    out
}

/// The finding for a committal sentence, with what grounding needs.
/// `context`, when given, is the sentence read together with the one before it, for the kind.
pub(super) fn commitment(
    original: &str,
    view: &View,
    own: &Own<'_>,
    context: Option<&Own<'_>>,
    signal: Signal,
) -> Finding {
    let kind = kind_of(context.unwrap_or(own), signal);
    let (start, end) = view.original(own.span.0, own.span.1);
    let text = original.get(start..end).unwrap_or_default();
    Finding {
        category: Category::Commitment,
        kind: kind.as_str().to_owned(),
        severity: Severity::High,
        start,
        end,
        evidence: excerpt(original, start, end),
        commitment: Some(extract::commitment(kind, text)),
        grounded_by: None,
    }
}

/// Which structure makes a sentence committal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Signal {
    Done,
    Performative,
    Code,
    Passive,
    Will,
    Guarantee,
    Gift,
    Exception,
    Admit,
    YouWill,
    /// No rule, but the learned model.
    Learned,
}

/// The roles of the words that name what is committed to.
const KINDED: [Cue; 10] = [
    KRefund,
    KDiscount,
    KPrice,
    KWarranty,
    KFee,
    KCompensation,
    KAccount,
    KDelivery,
    KLegal,
    KException,
];

/// The roles of the words that grant, promise or give. A word of exception ("anyway",
/// "even though") grants only what a sentence names: "thank you anyway" grants nothing.
pub(super) const GRANTING: [Cue; 8] = [
    Grant,
    Granted,
    Performative,
    Guarantee,
    GuaranteeWord,
    Gift,
    MoneyBack,
    CodeGiven,
];

pub(super) const REFUSE: &[Cue] = &[Refuse];

/// Drops "code" as a reduction where it is a code scanned at a door or a till ("le QR code
/// sur votre téléphone est accepté à l'entrée", "the bar code on the label"): a way in or a
/// label, not a discount.
fn drop_scanned_codes(text: &str, hits: &mut Vec<Hit>) {
    hits.retain(|h| {
        h.cue != KDiscount || text.get(h.start..h.end) != Some("code") || {
            let before = text.get(..h.start).unwrap_or_default();
            let before = before.trim_end_matches([' ', '-']);
            let after = text.get(h.end..).unwrap_or_default();
            let after = after.trim_start_matches([' ', '-']);
            !(before.ends_with("qr")
                || before.ends_with(" bar")
                || after.starts_with("qr")
                || after.starts_with("barre"))
        }
    });
}

/// Drops "once" as a hedge where it says all together ("three pairs at once"), not when.
fn drop_at_once(text: &str, hits: &mut Vec<Hit>) {
    hits.retain(|h| {
        h.cue != Hedge
            || text.get(h.start..h.end) != Some("once")
            || crate::person::word_before(text, h.start) != "at"
    });
}

/// Drops "may" as a hedge where it names the month ("release you at the end of May", "by 3
/// May", "May 12"): the view has no capitals to tell them apart.
fn drop_the_month(text: &str, hits: &mut Vec<Hit>) {
    hits.retain(|h| {
        h.cue != Hedge || text.get(h.start..h.end) != Some("may") || {
            let before = crate::person::word_before(text, h.start);
            let after = crate::person::word_after(text, h.end);
            !(matches!(
                before,
                "of" | "in"
                    | "by"
                    | "until"
                    | "till"
                    | "from"
                    | "since"
                    | "early"
                    | "mid"
                    | "late"
                    | "end"
                    | "to"
                    | "next"
                    | "last"
                    | "this"
                    | "before"
                    | "after"
            ) || before.bytes().next().is_some_and(|b| b.is_ascii_digit())
                || after.bytes().next().is_some_and(|b| b.is_ascii_digit()))
        }
    });
}

/// Whether a token looks like a code: letters and digits, at least five, with a digit.
pub(super) fn has_code_token(text: &str) -> bool {
    text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
        .any(|w| {
            w.len() >= 5
                && w.bytes().any(|b| b.is_ascii_digit())
                && w.bytes().any(|b| b.is_ascii_alphabetic())
        })
}
