//! Which of a sentence's kind words count toward the kind of its grant: not one refused,
//! switched off, read inside a longer phrase, naming the account acted on, saying how another
//! thing was given, or in the clause of a concession or a purpose.

use super::{Own, REFUSE};
use crate::lexicon::Cue::*;
use crate::scan::Hit;

/// "Ausnahmsweise", "exceptionally": an exception as the manner of some other grant, whose
/// own kind is the point ("wir verlängern die Garantie ausnahmsweise um ein Jahr"); so is a
/// grant made once ("just this once I've removed the late fee").
pub(super) fn manner(o: &Own<'_>, h: &Hit) -> bool {
    h.cue == KException && {
        let w = crate::person::word_after(o.text, h.start);
        ["weise", "ally", "mente", "ellement"]
            .iter()
            .any(|s| w.ends_with(s))
            || matches!(
                o.text.get(h.start..h.end),
                Some(
                    "this once"
                        | "just this time"
                        | "esta vez"
                        | "por esta vez"
                        | "cette fois"
                        | "pour cette fois"
                        | "diesmal"
                )
            )
    }
}

/// Whether the hit lies inside a gift's words ("at no charge"): a fee word there says how
/// another thing the sentence names was given ("extended your course access by six months at
/// no charge").
pub(super) fn in_gift(o: &Own<'_>, h: &Hit) -> bool {
    o.hits
        .iter()
        .any(|g| g.cue == Gift && g.start <= h.start && h.end <= g.end)
}

/// Where the clauses that set a kind word aside begin in the sentence: after a concession's
/// word ("aunque") or a purpose's ("so you can"). Read once per sentence.
pub(super) fn asides(o: &Own<'_>) -> Vec<usize> {
    // A kind is set aside only for another named outside, or a fee for a sum held before a
    // concession: with one kind word, and no fee, concession and sum, none is.
    if o.hits
        .iter()
        .filter(|h| super::KINDED.contains(&h.cue))
        .nth(1)
        .is_none()
        && !(o.has(KFee)
            && o.has(Exception)
            && crate::extract::mentions_money(o.text.get(o.span.0..o.span.1).unwrap_or_default()))
    {
        return Vec::new();
    }
    let mut ends: Vec<usize> = o
        .at(Exception)
        .filter(|e| {
            o.text
                .get(e.start..e.end)
                .is_some_and(|t| super::concession::CONCESSIONS.contains(&t))
        })
        .map(|e| e.end)
        .collect();
    let sentence = o.text.get(o.span.0..o.span.1).unwrap_or_default();
    for p in [
        "so you can",
        "so that",
        "para que",
        "pour que",
        "afin que",
        "damit",
    ] {
        ends.extend(
            sentence
                .match_indices(p)
                .map(|(i, _)| o.span.0 + i + p.len()),
        );
    }
    ends
}

/// Whether a kind word counts toward the kind of the grant it is in; `asides` are where the
/// sentence's concessions and purposes begin ([`asides`]).
pub(super) fn counted(o: &Own<'_>, h: &Hit, asides: &[usize]) -> bool {
    // "I've turned off the receipt check": "off" after a verb of switching is no reduction;
    // nor is a balance "written off", which is waived.
    let switched = |h: &&Hit| {
        h.cue == KDiscount
            && o.text
                .get(h.start..h.end)
                .is_some_and(|t| t.starts_with("off"))
            && matches!(
                crate::person::word_before(o.text, h.start),
                "turn"
                    | "turned"
                    | "turning"
                    | "switch"
                    | "switched"
                    | "switching"
                    | "written"
                    | "wrote"
                    | "write"
            )
    };
    // A word read twice ("compens" inside "compensación") names its kind once, and a kind's
    // word inside another kind's longer phrase names that one ("charge" inside "duplicate
    // charge", a refund's).
    let inside_longer = |h: &&Hit| {
        o.hits.iter().any(|g| {
            (g.cue == h.cue || super::KINDED.contains(&g.cue) && super::KINDED.contains(&h.cue))
                && g.start <= h.start
                && h.end <= g.end
                && g.end - g.start > h.end - h.start
        })
    };
    // "Added the second flue to your annual contract": the customer's contract is what they
    // hold with the shop, their account, not a matter of law.
    let own_contract = |h: &&Hit| {
        h.cue == KLegal && o.text.get(h.start..h.end) == Some("contract") && {
            let (a, b) = crate::person::two_words_before(o.text, h.start);
            crate::person::addressee_possessive(a) || crate::person::addressee_possessive(b)
        }
    };
    // "He reactivado tu tarjeta regalo": the customer's own card acted on, not one given.
    let own_card = |h: &&Hit| {
        h.cue == KCompensation
            && crate::person::addressee_possessive(crate::person::word_before(o.text, h.start))
    };
    // "Livraison garantie demain", "delivery guaranteed": the guarantee is the delivery's.
    let delivery_guaranteed = |h: &&Hit| {
        h.cue == KWarranty
            && matches!(
                crate::person::word_before(o.text, h.start),
                "delivery"
                    | "livraison"
                    | "entrega"
                    | "envio"
                    | "envoi"
                    | "lieferung"
                    | "zustellung"
            )
    };
    // "The delivery address", "l'adresse de livraison", "la dirección de entrega": where
    // deliveries go is the account's data; changing it promises no delivery.
    let an_address = |h: &&Hit| {
        h.cue == KDelivery && {
            let word = crate::person::word_after(o.text, h.start);
            let next = crate::person::word_after(o.text, h.start + word.len());
            let (de, head) = crate::person::two_words_before(o.text, h.start);
            matches!(next, "address" | "addresses")
                || matches!(de, "de" | "d'")
                    && matches!(head, "adresse" | "adresses" | "direccion" | "direcciones")
        }
    };
    // "Tu suscripción de envío gratis", "votre abonnement livraison gratuite": a kind's words
    // right after a subscription or an account, joined by "de" or set beside it, name what
    // the account is for; the account is what is acted on.
    // A reason after the account ("to your account for the trouble", "por las molestias")
    // is no name: it opens with a preposition.
    let names_the_account = |h: &&Hit| {
        h.cue != KAccount
            && !o.text.get(h.start..h.end).is_some_and(|t| {
                crate::person::words(t).next().is_some_and(|w| {
                    matches!(
                        w,
                        "for"
                            | "to"
                            | "as"
                            | "por"
                            | "para"
                            | "pour"
                            | "en"
                            | "zum"
                            | "als"
                            | "fur"
                            | "um"
                    )
                })
            })
            && o.hits.iter().any(|a| {
                a.cue == KAccount
                    && a.end <= h.start
                    && o.text.get(a.end..h.start).is_some_and(|gap| {
                        // From the end of the account's word (a stem may stop inside it).
                        let mut ws = crate::person::words(gap).skip(1).filter(|w| !w.is_empty());
                        match (ws.next(), ws.next()) {
                            // Set beside it, a phrase ("abonnement livraison gratuite"); one
                            // word there is an English compound's head ("subscription fee").
                            (None, _) => {
                                o.text.get(h.start..h.end).is_some_and(|t| t.contains(' '))
                            }
                            (Some(w), None) => matches!(w, "de" | "del" | "du" | "d'"),
                            _ => false,
                        }
                    })
            })
    };
    // "Extended your course access by six months at no charge": a fee word inside a gift's
    // words says how another thing the sentence names was given.
    let in_gift = |h: &Hit| in_gift(o, h);
    // So is the gift itself ("at no charge", "free of charge"), which names no kind of its own.
    let other_kind = || {
        o.hits
            .iter()
            .any(|k| k.cue != KFee && super::KINDED.contains(&k.cue) && !in_gift(k))
    };
    let free_manner = |h: &&Hit| {
        (h.cue == KFee && in_gift(h)
            || h.cue == Gift
                && o.hits
                    .iter()
                    .any(|f| f.cue == KFee && h.start <= f.start && f.end <= h.end))
            && other_kind()
    };
    // "Le garantizo el precio …, aunque suban las tarifas en enero": a kind in the clause a
    // concession opens names what is overcome, when another kind is named outside it; one in
    // a clause of purpose names what the grant is for ("I've reopened your account so you can
    // see the repair status").
    let in_concession = |h: &Hit| {
        asides
            .iter()
            .any(|&e| e <= h.start && !o.text.get(e..h.start).unwrap_or_default().contains(','))
    };
    // "Le mantengo los 39 € al mes aunque la cuota suba en abril": a sum held before the
    // concession is what is granted; the fee in the concession is what might change.
    let sum_before = |h: &Hit| {
        h.cue == KFee
            && asides.iter().any(|&e| {
                let before = o.text.get(o.span.0..e).unwrap_or_default();
                e <= h.start
                    && super::concession::CONCESSIONS
                        .iter()
                        .any(|c| before.ends_with(c))
                    && crate::extract::mentions_money(before)
            })
    };
    let conceded = |h: &Hit| {
        in_concession(h)
            && (o
                .hits
                .iter()
                .any(|k| super::KINDED.contains(&k.cue) && !in_concession(k))
                || sum_before(h))
    };
    // "… at no change to the price", "sin cambiar el precio": a price left as it was names
    // what the grant does not touch.
    let price_untouched = |h: &Hit| {
        h.cue == KPrice && {
            let head = crate::bytes::tail(o.text, h.start, 24);
            [
                "no change to the",
                "without changing the",
                "sin cambiar el",
                "sans changer le",
                "ohne den",
            ]
            .iter()
            .any(|p| head.trim_end().ends_with(p))
        }
    };
    // "Your repair ticket", "the refund number": a repair's or a refund's word naming a
    // ticket, a slip or a number ("two complimentary tickets" are the gift).
    let names_a_slip = |h: &Hit| {
        matches!(h.cue, KWarranty | KRefund)
            && matches!(
                crate::person::word_after(o.text, h.end),
                "ticket" | "tickets" | "slip" | "number" | "reference" | "status"
            )
    };
    !conceded(h)
        && !price_untouched(h)
        && !names_a_slip(h)
        && !o.undone_at(h.start, REFUSE)
        && !delivery_guaranteed(&h)
        && !an_address(&h)
        && !switched(&h)
        && !inside_longer(&h)
        && !own_card(&h)
        && !own_contract(&h)
        && !names_the_account(&h)
        && !free_manner(&h)
        && !super::account_as_place(o.text, h)
}
