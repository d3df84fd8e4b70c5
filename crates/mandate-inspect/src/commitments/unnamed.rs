//! The kind of a committal sentence that names none: read from what it does with a sum, a
//! day, a charge not made, a thing kept longer. Split from `kind`, which weighs the kinds a
//! sentence names.

use super::kind_clues::{fallback, for_a_sum, free_word, names_a_return, paid_out};
use super::verbs::{EXTEND_VERBS, goes_back};
use super::{CommitmentKind as K, Own, Signal};
use crate::extract;
use crate::lexicon::Cue::*;

/// The kind of `o`'s `sentence`, committed by `signal`, when it names none; `waives` says
/// whether a verb of waiving is said.
pub(super) fn unnamed_kind(o: &Own<'_>, signal: Signal, sentence: &str, waives: bool) -> K {
    // "No te cobraremos la limpieza", "we won't charge you for the cleaning": a charge not
    // made to the customer, when nothing else is named, is waived, whatever it is called ("it
    // won't be charged again", after a card is removed, names no one charged).
    let not_charged_you = || {
        // "Le hemos dado de baja el servicio y no se le cobrará": the act done is the point.
        !o.has(Granted)
            && o.said(
                |c| c == YouWill,
                |_, t| {
                    ["no ", "won't", "not ", "ne ", "nicht"]
                        .iter()
                        .any(|n| t.contains(n))
                        && ["te ", "le ", "you", "vous", "ihnen", "dir "]
                            .iter()
                            .any(|y| t.contains(y))
                        && ["cobr", "charge", "factur", "berechn", "bill"]
                            .iter()
                            .any(|v| t.contains(v))
                },
            )
    };
    // A hire or a booking kept longer ("I've extended your hire to next Monday"), when
    // nothing else is named, is the customer's account.
    let extends_here = o.hits.iter().any(|h| {
        matches!(h.cue, Grant | Granted | Performative | YouWill)
            && h.start >= o.span.0
            && h.end <= o.span.1
            && o.text
                .get(h.start..h.end)
                .is_some_and(|t| EXTEND_VERBS.iter().any(|v| t.contains(v)))
    });
    // "Je vous garantis 25 € par personne pour la soirée, même si les tarifs changent en
    // janvier": a sum guaranteed is what the thing costs, whatever day the sentence names; so is
    // a sum the speaker holds before what might change it ("Das Hochzeitspaket bleibt für Sie
    // bei 1.450 €, auch wenn die Preise im Frühjahr steigen").
    let sum_held = || {
        signal == Signal::Guarantee && extract::money_count(sentence) > 0 && !goes_back(sentence)
            || signal == Signal::Exception
                && o.has(Performative)
                && super::concession::CONCESSIONS.iter().any(|c| {
                    sentence.find(c).is_some_and(|at| {
                        extract::mentions_money(sentence.get(..at).unwrap_or_default())
                    })
                })
    };
    if waives && extract::money_count(sentence) > 0 || not_charged_you() {
        // "Normally the return shipping is $7.95, but I've waived it": a sum waived is
        // a charge, whatever it is called.
        K::FeeWaiver
    } else if extends_here && signal != Signal::Exception {
        K::AccountAction
    } else if extract::money_count(sentence) > 0 && paid_out(o) {
        // "For the scratched table, we'll pay you €150": a sum paid to the customer,
        // not paid back, makes good a loss.
        K::Compensation
    } else if !matches!(signal, Signal::Admit | Signal::Gift | Signal::Code)
        && extract::money_count(sentence) > 0
        // An exception's sum may be the policy's ("aunque solo financiamos a partir
        // de 3.000 €, te lo dejamos en cuotas"): only money said to go back is one.
        && (signal != Signal::Exception && (o.has(Granted) || o.has(Performative))
            || goes_back(sentence))
        // "Je vous fais l'ourlet … pour 30 €": a sum the thing is done for is a price.
        && !for_a_sum(sentence)
    {
        // "Die 32 € wurden Ihnen soeben gutgeschrieben", "die 49,90 € sind an Sie
        // zurückgegangen", "wir überweisen Ihnen 300 €": a sum credited, gone back or
        // sent, with nothing else named, is money back.
        K::Refund
    } else if sum_held() {
        K::Price
    } else if names_a_return(sentence) {
        // "Wir haben Ihnen die Rücksendung genehmigt": a return allowed is the
        // policy's to allow.
        K::PolicyException
    } else if !matches!(
        signal,
        Signal::Admit | Signal::Exception | Signal::Gift | Signal::Code
    ) && !extract::dates(sentence).is_empty()
    {
        // "You'll have it by Thursday, I've made sure of it": a day promised and no
        // other thing named is when something arrives.
        K::Delivery
    } else if matches!(signal, Signal::Performative | Signal::Learned)
        && (extract::money_count(sentence) > 0 || extract::sums_compared(sentence))
        // "Ihr Guthaben von 500 € wurde wiederhergestellt": a sum done to an account.
        && !o.has(Passive)
        && !o.has(Granted)
    {
        // "Ok deal, $120 for both, it's yours", "$450 for the pair, that's my final
        // offer": a sum offered with nothing else named is what the thing costs.
        K::Price
    } else if signal == Signal::Guarantee && o.has(Hedge) && free_word(sentence) {
        // "Wir garantieren Ihnen: wenn sich die Note nicht verbessert, bekommen Sie die
        // letzten vier Stunden kostenlos": a thing made good for free if it fails.
        K::Warranty
    } else {
        fallback(signal)
    }
}
