//! When a thing reaches the customer on a day named: the customer's thing arriving or
//! dispatched (a future of arriving, or of being ready or sent off), and German's future
//! passive of delivering.

use crate::lexicon::Cue::*;
use crate::scan::Hit;

use super::{Own, qualifiers, stated};

/// "Ihr Gerät wird am Donnerstag per DHL an Sie zurückgeschickt": German's future passive, the
/// customer's thing delivered or sent on a day named. The participle closes the clause after
/// "wird"; "wird in der Regel … geliefert" is a habit, "wird nicht …" no promise.
pub(super) fn german_delivery_on_a_day(o: &Own<'_>, sentence: &str) -> bool {
    o.at(KDelivery).any(|k| {
        o.text
            .get(k.start..k.end)
            .is_some_and(german_delivery_participle)
            && o.text.get(o.span.0..k.start).is_some_and(|before| {
                let ws: Vec<&str> = crate::person::words(before)
                    .filter(|w| !w.is_empty())
                    .collect();
                ws.iter().any(|w| matches!(*w, "wird" | "werden"))
                    && !ws.iter().any(|w| {
                        matches!(
                            *w,
                            "nicht" | "regel" | "normalerweise" | "voraussichtlich" | "meist"
                        )
                    })
            })
    }) && stated::yours_first(o.text, o.span.0)
        && !o.has(Hedge)
        && a_day_named(sentence)
}

/// "Te instalaremos las ventanas el martes 14", "le entregaremos el pedido el lunes": Spanish's
/// future of the first person plural, to the customer named by the pronoun before it, on a
/// day named ("instalaremos en toda la región" is to no one).
pub(super) fn fitted_on_a_day(o: &Own<'_>, sentence: &str) -> bool {
    o.at(KDelivery).any(|k| {
        o.text
            .get(k.start..k.end)
            .is_some_and(|t| t.ends_with("aremos"))
            && matches!(
                crate::person::word_before(o.text, k.start),
                "te" | "le" | "os" | "les"
            )
            && !qualifiers::negated(o.text, k.start)
    }) && !o.has(Hedge)
        && a_day_named(sentence)
}

/// "Tu bici nueva llegará a la tienda el martes", "your order will arrive at the shop on
/// Tuesday": the customer's thing, the sentence's subject, arriving on a day named. Where it
/// arrives does not matter; "your order will usually arrive on Tuesday" is a habit (a hedge),
/// "it will not arrive on Tuesday" no promise.
/// The customer may also be named as whom it reaches, right before the verb: "las entradas
/// te llegarán el viernes 12".
/// A hedge in a clause joined after it ("your box will be dispatched on Monday and should
/// reach you by Wednesday") hedges that clause only, and the day must be named before it.
pub(super) fn arrives_on_a_day(o: &Own<'_>, sentence: &str) -> bool {
    let yours = stated::yours_first(o.text, o.span.0);
    let joined = |t: &str| {
        [" and ", " y ", " et ", " und "]
            .iter()
            .any(|c| t.contains(c))
    };
    o.at(KDelivery).any(|k| {
        // Where the clause of the arrival ends: at a hedge joined after it, or the sentence's end.
        let mut end = o.span.1;
        for h in o.at(Hedge) {
            if h.start > k.end && o.text.get(k.end..h.start).is_some_and(joined) {
                end = end.min(h.start);
            } else {
                return false;
            }
        }
        (yours || reaches_you(o.text, k))
            && future_arrival(o.text, k)
            && !qualifiers::negated(o.text, k.start)
            && a_day_named(o.text.get(o.span.0..end).unwrap_or(sentence))
    })
}

/// Whether the customer, as a pronoun, is whom a verb of arriving reaches ("te llegarán", "le
/// llegará", "vous arriveront"), or their place is where it comes ("à votre théâtre").
fn reaches_you(text: &str, k: &Hit) -> bool {
    let mut after =
        crate::person::words(text.get(k.end..).unwrap_or_default()).filter(|w| !w.is_empty());
    matches!(
        crate::person::word_before(text, k.start),
        "te" | "le" | "les" | "vous"
    ) || matches!(
        (after.next(), after.next()),
        (
            Some("a" | "to" | "an" | "en"),
            Some("votre" | "vos" | "your" | "tu" | "su" | "ihre" | "ihr" | "ihren")
        ) | (Some("chez"), Some("vous"))
    )
}

/// Whether a word of delivery is a future of arriving: "will arrive", "llegará", "arrivera",
/// or of being ready to hand over ("will be ready for collection"), or of being delivered
/// ("sera livré", "será entregado").
pub(super) fn future_arrival(text: &str, k: &Hit) -> bool {
    let verb = crate::person::word_after(text, k.start);
    let before = crate::person::word_before(text, k.start);
    matches!(
        verb,
        "llegara"
            | "llegaran"
            | "arrivera"
            | "arriveront"
            | "entregara"
            | "entregaran"
            | "sera"
            | "seront"
            | "seran"
    ) || verb.starts_with("arriv") && (before == "will" || before.ends_with("'ll"))
        // "Sus palos estarán listos para recoger", "vos clubs seront prêts à retirer".
        || (verb.starts_with("list") && before.starts_with("estar")
            || verb.starts_with("pret") && before.starts_with("ser"))
        // ... or delivered: "your canvas will be delivered on Tuesday".
        || (verb == "ready"
            || verb.starts_with("dispatch")
            || verb == "shipped"
            || verb == "delivered")
            && text
                .get(..k.start)
                .is_some_and(|t| t.trim_end().ends_with("will be"))
}

/// A German participle of delivering or sending to the customer, or of lying ready for them
/// ("werden am Donnerstag für Sie bereitliegen").
pub(super) fn german_delivery_participle(t: &str) -> bool {
    matches!(
        t,
        "geliefert"
            | "zugestellt"
            | "zuruckgeschickt"
            | "zugeschickt"
            | "bereitliegen"
            | "bereitstehen"
            | "abholbereit"
    )
}

/// Whether a sentence names a day something happens on ("on Thursday", "am Donnerstag"), not
/// a span it takes ("within 3 days") or a start ("from Monday").
pub(super) fn a_day_named(sentence: &str) -> bool {
    crate::extract::dates(sentence)
        .iter()
        .any(|d| !d.starts_with("within") && !d.starts_with("from"))
}
