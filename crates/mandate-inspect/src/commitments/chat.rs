//! Grants in the shorthand of chat, with a word left out: a kind said done ("refund's done:
//! $19.99 back to your Amex"), a past with its subject dropped ("knocked 10% off for you"),
//! and a price to pay instead of another ("you'll pay $89 instead of $99").

use crate::lexicon::Cue::{Granted, Hedge, Refuse};
use crate::scan::Hit;

use super::own::Own;
use super::{KINDED, Signal};

/// The signal of a grant written in chat shorthand, if the sentence is one.
pub(super) fn shorthand(o: &Own<'_>, sentence: &str, money: impl Fn() -> bool) -> Option<Signal> {
    if o.has(Refuse) || o.has(Hedge) {
        return None;
    }
    if o.hits
        .iter()
        .any(|k| KINDED.contains(&k.cue) && said_done(o.text, k))
    {
        return Some(Signal::Passive);
    }
    if dropped_subject(o, sentence) && (money() || sentence.contains('%')) {
        return Some(Signal::Done);
    }
    (money() && instead_of_price(sentence)).then_some(Signal::Performative)
}

/// "Refund's done", "your refund is through", "le remboursement est fait", "die Erstattung
/// ist erledigt": a kind's noun with a word that it is done right after it.
fn said_done(text: &str, k: &Hit) -> bool {
    let rest = text.get(k.end..).unwrap_or_default();
    [
        "'s done",
        " is done",
        "'s through",
        " is through",
        " has gone through",
        "'s sorted",
        " is sorted",
        " est fait",
        " esta hecho",
        " esta hecha",
        " ist erledigt",
        " ist durch",
    ]
    .iter()
    .any(|d| rest.starts_with(d))
}

/// "Knocked 10% off for you", "refunded $20 to your card", "reembolsado: 15 € a tu tarjeta",
/// "added $10 credit for the trouble": the sentence opens on a past participle of granting,
/// its subject (the agent) left out, with the customer as the one it is for or the trouble it
/// makes up for.
fn dropped_subject(o: &Own<'_>, sentence: &str) -> bool {
    opens_on_participle(o, sentence)
        // ... or past a short opening set off by a mark ("done ✅ knocked 15% off ur order";
        // "refunded ✅ $22.40 back to your card" opens on it).
        || super::stated::opening_end(o.text, o.span.0)
            .and_then(|end| o.text.get(end..o.span.1))
            .is_some_and(|rest| opens_on_participle(o, rest))
}

fn opens_on_participle(o: &Own<'_>, sentence: &str) -> bool {
    let opening = sentence
        .trim_start()
        .trim_start_matches(|c: char| !c.is_alphanumeric());
    let first = opening
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or_default();
    let participle = ["ed", "ado", "ada", "ido", "ida", "to", "ta"]
        .iter()
        .any(|e| first.ends_with(e));
    let opens_on_grant = participle
        && o.at(Granted)
            .any(|g| o.text.get(g.start..g.end).is_some_and(|t| t == first));
    opens_on_grant
        && [
            " for you",
            " to your",
            " on your",
            " off your",
            " into your",
            // As typed in a hurry.
            " to ur",
            " on ur",
            " off ur",
            " a tu",
            " a su",
            " en tu",
            " en su",
            " for the trouble",
            " for the inconvenience",
            " for the delay",
            " for the wait",
            " por las molestias",
            " por el retraso",
        ]
        .iter()
        .any(|p| sentence.contains(p))
}

/// "You'll pay $89 instead of $99": the customer's price set against another.
fn instead_of_price(sentence: &str) -> bool {
    let pays = [
        "you'll pay",
        "you will pay",
        "you pay only",
        "vous paierez",
        "vous ne paierez que",
        "pagaras",
        "pagara solo",
        "sie zahlen nur",
        "du zahlst nur",
    ]
    .iter()
    .any(|p| sentence.contains(p));
    pays && [
        "instead of",
        "rather than",
        "en lugar de",
        "en vez de",
        "au lieu de",
        "statt",
    ]
    .iter()
    .any(|p| sentence.contains(p))
}
