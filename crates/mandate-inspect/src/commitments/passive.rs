//! Grants stated as done in the passive or by a thing as subject: "has been updated", "was
//! approved", "Refund confirmed", "sind Ihnen gutgeschrieben worden", "the refund has gone
//! through". Split from `signal`, which reads what undoes them.

use crate::lexicon::Cue::*;
use crate::person::word_after;

use super::qualifiers::{self, adjectival, compound_head};
use super::{KINDED, Own, stated};

/// Where a completed passive grant is said in `o`, as (start, end) of its words; `money` says
/// whether the sentence names a sum.
pub(super) fn passive_grant(
    o: &Own<'_>,
    money: impl Fn() -> bool + Copy,
) -> Option<(usize, usize)> {
    // Completed passive grants: "has been updated", "was approved", and headline style right
    // after the noun: "Refund confirmed", "Warranty claim WC-7781 approved". A present-tense
    // description ("refunds are processed within 5 days") is not a grant.
    // What someone found when they looked ("I checked and your refund was already issued on
    // the 12th") is read from the records too, as "according to our records" is.
    let passive = o
        .then(Passive, Granted, 25)
        // German puts the auxiliary last: "sind Ihnen heute gutgeschrieben worden".
        .or_else(|| {
            o.at(Granted)
                .find(|g| word_after(o.text, g.end) == "worden")
                .map(|g| (g.start, g.end))
        })
        .or_else(|| o.then(Passive, MoneyBack, 25).filter(|_| money()))
        // "Die 24,99 Euro werden Ihnen noch heute zurückerstattet": a German passive with the
        // customer as recipient of a sum is given to them, not a routine.
        .or_else(|| {
            o.at(Granted)
                .find(|g| qualifiers::passive_to_you(o.text, g.start))
                .filter(|_| money())
                .map(|g| (g.start, g.end))
        })
        // A thing that went through ("the refund for the cracked mug ($18.50) went through a
        // minute ago", "... this morning"), its kind named earlier in the clause; "went
        // through your order" or "this one" examines it.
        .or_else(|| {
            o.at(Granted)
                .find(|g| {
                    o.text.get(g.start..g.end) == Some("went through")
                        && match word_after(o.text, g.end) {
                            "your" | "the" | "my" | "our" | "all" | "it" | "them" => false,
                            "this" | "that" => qualifiers::names_a_time(word_after(
                                o.text,
                                g.end + 1 + word_after(o.text, g.end).len(),
                            )),
                            _ => true,
                        }
                        && o.hits.iter().any(|k| {
                            KINDED.contains(&k.cue)
                                && k.end <= g.start
                                && g.start - k.end <= 60
                                && !o.text.get(k.end..g.start).is_some_and(|between| {
                                    between.contains([',', ';']) || between.contains(". ")
                                })
                        })
                })
                .map(|g| (g.start, g.end))
        })
        // A perfect with a thing as its subject: "the refund ... has gone through".
        .or_else(|| {
            o.at(Granted)
                .find(|g| o.text.get(..g.start).is_some_and(|t| t.ends_with(" has ")))
                .map(|g| (g.start, g.end))
        })
        .or_else(|| {
            o.at(Granted)
                .find(|g| {
                    o.hits.iter().any(|k| {
                        KINDED.contains(&k.cue)
                            && k.end <= g.start
                            && g.start <= k.end + 14
                            // "The password reset option": the participle names a kind of
                            // thing, it does not say a thing was done.
                            && !compound_head(word_after(o.text, g.end))
                            // "La garantía ampliada ... se puede contratar": a thing named
                            // by its participle, then said what can be done with it.
                            && !qualifiers::named_then_offered(o.text, g.end)
                            // "Ihr Abonnement verlängert sich": a reflexive present says
                            // what a thing does in general.
                            && !o.text.get(g.end..).is_some_and(|r| r.starts_with(" sich"))
                            // "Prices change during sales": a bare plural says what things
                            // of a kind do.
                            && !qualifiers::bare_plural(o.text, k)
                            // "Refunds for returned items", "the warranty covers the
                            // replaced part": a participle after a preposition or an article
                            // describes the thing it comes before.
                            && !adjectival(o.text, g)
                            && crate::person::word_before(o.text, g.start) != "from"
                            && !qualifiers::present_passive(o.text, o.span.0, g)
                            && !o.text.get(k.end..g.start).is_some_and(|between| {
                                // "La remise s'applique", "la suscripción se renueva" too.
                                between.ends_with("s'")
                                    || between.ends_with(" se ")
                                    || between.split_whitespace().any(|w| {
                                        matches!(
                                            w,
                                            "are"
                                                | "is"
                                                | "be"
                                                | "can"
                                                | "will"
                                                | "get"
                                                | "gets"
                                                | "isn't"
                                                | "aren't"
                                                | "not"
                                                | "never"
                                                | "no"
                                                | "wasn't"
                                                | "doesn't"
                                                | "don't"
                                                | "won't"
                                                | "can't"
                                                | "cannot"
                                                | "weren't"
                                                | "hasn't"
                                                | "haven't"
                                                | "didn't"
                                                | "son"
                                                | "sont"
                                                | "est"
                                                | "es"
                                                | "ist"
                                                | "sind"
                                                | "werden"
                                                | "wird"
                                                | "nicht"
                                                | "pas"
                                                | "n'est"
                                                | "nunca"
                                            // "El precio ya aparece rebajado en la web":
                                            // what is shown, not what is done.
                                            | "aparece"
                                            | "appears"
                                            | "shows"
                                            | "apparait"
                                            | "erscheint"
                                        )
                                    })
                            })
                    })
                })
                .map(|g| (g.start, g.end))
        });
    let passive = passive.or_else(|| {
        o.at(Granted)
            .find(|g| stated::case_state(o.text, o.span.0, g.start))
            .map(|g| (g.start, g.end))
    });
    // "Your booking history has loaded below": a thing that loaded is a page, not value put on
    // the customer's card, which only a first person does ("I've loaded 20 credits onto your
    // card", `signal`).
    let passive = passive.filter(|&(s, e)| o.text.get(s..e) != Some("loaded"));
    // "Injuries during the flight are covered by the passenger's own insurance": what an
    // insurer covers is not the shop's to grant ("covered by our guarantee" is).
    let passive = passive.filter(|&(_, e)| !insured_elsewhere(o.text, e));
    // "… or the name the repair was booked under.": a participle whose preposition is left
    // at the clause's end describes a thing by a relative clause; it reports nothing done.
    let passive = passive.filter(|&(_, e)| {
        let prep = word_after(o.text, e);
        !(matches!(
            prep,
            "under" | "for" | "to" | "with" | "on" | "in" | "at" | "from" | "by"
        ) && o
            .text
            .get(e..)
            .map(str::trim_start)
            .and_then(|r| r.get(prep.len()..))
            .is_some_and(|r| r.is_empty() || r.starts_with(['.', ',', '?', '!', ';'])))
    });
    let completed = stated::said_done(o, money);
    passive.or_else(|| completed.then_some((o.span.0, o.span.0)))
}

/// Whether the words after a participle ending at `end` name an insurer as the one who acts:
/// "by the passenger's own insurance", "par une assurance", "por su seguro", "durch Ihre
/// Versicherung", none of them the shop's ("our", "notre", "nuestro", "unser").
fn insured_elsewhere(text: &str, end: usize) -> bool {
    let mut ws =
        crate::person::words(text.get(end..).unwrap_or_default()).filter(|w| !w.is_empty());
    if !ws
        .next()
        .is_some_and(|w| matches!(w, "by" | "par" | "por" | "durch" | "von"))
    {
        return false;
    }
    for w in ws.take(5) {
        if matches!(
            w,
            "our" | "notre" | "nos" | "nuestro" | "nuestra" | "unsere" | "unser" | "us"
        ) {
            return false;
        }
        if ["insur", "assur", "seguro", "versicher"]
            .iter()
            .any(|p| w.starts_with(p))
        {
            return true;
        }
    }
    false
}
