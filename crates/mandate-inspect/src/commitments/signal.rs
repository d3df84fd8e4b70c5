//! Whether a sentence commits, and by which structure: a grant done, performed, promised,
//! guaranteed, given, stated as done, or admitted, and what undoes each (a refusal, a hedge, a
//! condition, history read from the records, a rule stated for everyone).

use crate::extract;
use crate::lexicon::Cue::{self, *};
use crate::person::word_after;
use crate::scan::Hit;

use super::arrival::{a_day_named, arrives_on_a_day, german_delivery_on_a_day};
use super::described::{in_time_clause, remedy_if_it_fails, warranty_term};
use super::model::{PERFECT_SUBJECTS, after_attention};
use super::paperwork::hands_paperwork;
use super::qualifiers::{
    self, adjectival, conditioned_after, negated, realised, reports, universal_object,
};
use super::verbs::{
    accepts_yours, let_after, lets, preterite_subject, take_back_after, takes_back,
};
use super::{KINDED, Own, REFUSE, Signal, chat, has_code_token, stated};

/// Participles that put a charge on an account when their subject is a fee.
const CHARGING: &[&str] = &[
    "applied",
    "added",
    "charged",
    "aplicad",
    "cobrad",
    "applique",
    "factur",
    "berechnet",
    "erhoben",
];

const HEDGED: &[Cue] = &[Refuse, Hedge];

pub(super) fn committal(o: &Own<'_>) -> Option<Signal> {
    // German denies an admission after its verb: "wir haften nicht für Knöpfe".
    if o.at(Admit).any(|a| {
        !o.undone_at(a.start, HEDGED)
            && !qualifiers::negated_after(o.text, a.end)
            && super::own::borne_by_the_shop(o.text, a)
    }) {
        return Some(Signal::Admit);
    }
    let sentence = o.text.get(o.span.0..o.span.1).unwrap_or_default();
    // "Your order history shows...", "el historial de tu cuenta indica...", "d'après notre
    // historique": the records read (a record noun and a telling word within a few words of
    // each other), unless the sentence goes on to what the
    // agent did ("... and I've just sent it to your card").
    // What a concession says of the past ("even though it was bought 45 days ago, I've
    // approved the return") is the obstacle overcome, not the history read.
    let conceded = |h: &Hit| {
        o.at(Exception).any(|e| {
            e.end <= h.start && !o.text.get(e.end..h.start).unwrap_or_default().contains(',')
        })
    };
    // "A minute ago", "moments ago": what was just done is news, not history.
    let just_now = |h: &Hit| {
        o.text.get(h.start..h.end) == Some("ago")
            && matches!(
                crate::person::word_before(o.text, h.start),
                "minute" | "minutes" | "moment" | "moments" | "seconds" | "second"
            )
    };
    // "The £35 overdraft fee from last week", "el cargo de la semana pasada": a time that
    // dates a thing named right before it says when the thing was, not when the speaker
    // acted ("the refund from last week was processed on the 3rd" is still a record).
    let dates_a_thing = |h: &Hit| {
        o.has(DoneSubject) && {
            let prep_start = crate::person::word_start_before(o.text, h.start);
            matches!(
                crate::person::word_before(o.text, h.start),
                "from" | "de" | "del" | "du" | "von" | "vom"
            ) && o
                .hits
                .iter()
                .any(|k| KINDED.contains(&k.cue) && k.ends_right_before(o.text, prep_start))
        }
    };
    let history = o
        .at(History)
        .any(|h| !conceded(h) && !just_now(h) && !dates_a_thing(h));
    let read = o.then(Record, Tells, 40).is_some() || o.then(Tells, Record, 20).is_some();
    if history || (!o.has(DoneSubject) && read) {
        return None;
    }
    // "We will refund any item returned within 30 days": a grant to whatever meets a
    // condition is the policy, not a grant to this customer.
    if universal_object(o) {
        return None;
    }
    // Money sent back is granted when the sentence says how much, or names the money itself
    // ("the money for order 66021 is already on its way back to you").
    // Read only when a rule asks: most sentences name a kind first.
    let money_read = std::cell::OnceCell::new();
    let money = || {
        *money_read.get_or_init(|| {
            extract::mentions_money(sentence) || super::kind_clues::names_money(sentence)
        })
    };
    // "a link to reset your password": a verb after "to" is a purpose, not a thing done.
    let purpose = |h: &Hit| {
        o.text
            .get(..h.start)
            .and_then(|t| t.split_whitespace().next_back())
            .is_some_and(|w| matches!(w, "to" | "para" | "pour" | "zu" | "um"))
    };
    // "I've updated my notes": work on the agent's own things grants the customer nothing.
    // ... or kept there: "I've reset the steps in my notes", "lo he anotado en mis notas".
    let own_object = |h: &Hit| {
        let own = |w: &str| {
            matches!(
                w,
                "my" | "mi" | "mis" | "mon" | "ma" | "mes" | "meine" | "meinen" | "mein"
            )
        };
        own(word_after(o.text, h.end)) || {
            let rest = o.text.get(h.end..).unwrap_or_default();
            let clause = rest
                .split([',', ';', '.', ':', '?', '!'])
                .next()
                .unwrap_or_default();
            // Read word by word only where "in m...", "en m...", "dans m..." occurs.
            if !["in m", "en m", "dans m"]
                .iter()
                .any(|p| clause.contains(p))
            {
                return false;
            }
            let mut prev = "";
            crate::person::words(clause)
                .filter(|w| !w.is_empty())
                .take(8)
                .any(|w| {
                    let kept = matches!(prev, "in" | "en" | "dans") && own(w);
                    prev = w;
                    kept
                })
        }
    };
    // "I've taken a look", "I've made a note": a verb that names an act of attention.
    // ... and a person who "went through" something examined it ("I went through this case
    // with my team"); only a thing goes through.
    // "I've let your manager know": word passed on, not a thing allowed.
    let light = |h: &Hit| {
        o.text.get(h.start..h.end) == Some("went through") && preterite_subject(o.text, h.start)
            || o.text
                .get(h.start..h.end)
                .is_some_and(|t| t.starts_with("let "))
                && crate::person::words(o.text.get(h.end..).unwrap_or_default())
                    .take(3)
                    .any(|w| w == "know")
            || o.text.get(h.end..).is_some_and(|rest| {
                let mut next = rest
                    .split_whitespace()
                    .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()));
                matches!(
                    (next.next(), next.next()),
                    (
                        Some("a"),
                        Some("look" | "closer" | "note" | "moment" | "minute" | "peek")
                    )
                )
            })
    };
    // A share of what was paid is money too: "I've put half of today's pass back on your
    // card".
    let share = || {
        ["half of", "la mitad", "la moitie", "die halfte"]
            .iter()
            .any(|s| sentence.contains(s))
    };
    // Money that "hasn't come back" is not sent back.
    let granted = |h: &Hit| {
        (h.cue == Granted
            || (h.cue == MoneyBack && (money() || share()) && !negated(o.text, h.start)))
            && !purpose(h)
            && !own_object(h)
            && !light(h)
            && !realised(o.text, h)
            && !adjectival(o.text, h)
            && !reports(o.text, h)
            && !hands_paperwork(o.text, h)
            && (o.text.get(h.start..h.end) != Some("loaded") || loaded_onto_theirs(o.text, h.end))
    };
    // "I've logged it" is handing on, not granting; such a subject does not count.
    let escalations: Vec<(usize, usize)> = o.at(Escalate).map(|h| (h.start, h.end)).collect();
    // An opening act of attention ("I've looked into it and ...", "I checked and ...") is the
    // first person looking; what follows was read from the records.
    let lead = sentence.len() - after_attention(sentence).len();
    let looked = lead > 0;
    let done =
        o.at(DoneSubject)
            .filter(|d| {
                !escalations
                    .iter()
                    .any(|(s, e)| d.start >= *s && d.start < *e)
                    && d.start >= o.span.0 + lead
                    && !in_time_clause(o.text, d.start)
            })
            .find_map(|d| {
                // "I was able to knock 25% off": what the ability did is a grant verb after it.
                let able = o.text.get(d.start..d.end).is_some_and(|t| {
                    t.ends_with(" to") || t.ends_with("podido") || t.ends_with(" pu")
                });
                o.hits
                    .iter()
                    .find(|g| {
                        (granted(g) || able && g.cue == Grant)
                            && g.start > d.start
                            && g.start <= d.end + 70
                    })
                    .map(|g| (d.start, g.end))
            });
    // English's simple past needs no auxiliary: "I removed it from your account", "we
    // refunded the $20" (the verb right after its subject). What was found on looking ("I
    // checked and we refunded it"), read in the records ("looking at your history, we
    // refunded $30") or done on a day named ("we refunded it on May 3") is history.
    let dated = || {
        crate::extract::dates(sentence)
            .iter()
            .any(|d| !matches!(d.as_str(), "today" | "tonight"))
    };
    let done = done.or_else(|| {
        o.at(Granted)
            .find(|g| {
                !looked
                    && !o.has(Record)
                    && preterite_subject(o.text, g.start)
                    && granted(g)
                    && !o.undone_at(g.start, HEDGED)
                    && !dated()
            })
            .map(|g| (g.start, g.end))
    });
    // "I've looked into it and refunded the duplicate charge": a participle right after the
    // act of attention shares its perfect, so the first person did both ("I checked and we
    // refunded it" names a new subject: what was found).
    let done = done.or_else(|| {
        let perfect = PERFECT_SUBJECTS
            .iter()
            .any(|p| sentence.trim_start().starts_with(p));
        (looked && perfect)
            .then(|| {
                o.at(Granted)
                    .find(|g| g.start == o.span.0 + lead && granted(g))
                    .map(|g| (g.start, g.end))
            })
            .flatten()
    });
    if let Some((s, _)) = done
        && !o.undone_at(s, REFUSE)
    {
        if o.has(Exception) {
            return Some(Signal::Exception);
        }
        return Some(Signal::Done);
    }
    if let Some(g) = o.at(Guarantee).find(|g| {
        !o.undone_at(g.start, REFUSE)
                // "Samstagslieferungen sind möglich, aber nicht garantiert".
                && !qualifiers::negated(o.text, g.start)
                && !qualifiers::negated_after(o.text, g.end)
                && qualifiers::confirms_what_will_be(o.text, g)
                && !warranty_term(o.text, g)
    }) {
        let _ = g;
        return Some(Signal::Guarantee);
    }
    // "Guaranteed" as a predicate ("100% guaranteed", "it's guaranteed"), not as an adjective
    // ("our guaranteed-delivery option", "the guaranteed slot").
    if o.at(GuaranteeWord).any(|g| {
        let next = o.text.get(g.end..g.end + 1);
        let before = o.text.get(..g.start).unwrap_or_default().trim_end();
        let prev = before
            .rsplit(|c: char| !c.is_alphanumeric() && c != '%')
            .next()
            .unwrap_or_default();
        // "But that isn't guaranteed", "n'est pas garanti", "no está garantizada": the
        // predicate denied.
        let denied = negated(o.text, g.start) || {
            let (a, b) = crate::person::two_words_before(o.text, g.start);
            a == "no" || b == "no"
        };
        next != Some("-")
            && !matches!(prev, "our" | "the" | "a" | "an" | "your" | "no")
            && !denied
            && (!o.undone_at(g.start, HEDGED) || remedy_if_it_fails(o, g))
            && !warranty_term(o.text, g)
    }) {
        return Some(Signal::Guarantee);
    }
    // A gift in a sentence that hands the matter on ("a supervisor can look into a goodwill
    // gesture") is not given.
    // A long gift ("corren por nuestra cuenta si...") is undone by a condition right after its
    // end, as a short one ("on us if...") is.
    // So is one whose verb serves a kind of thing ("defekte Geräte tauschen wir … kostenlos
    // um"): the policy.
    if let Some(g) = o.at(Gift).find(|g| {
        !o.undone_at(g.start, HEDGED)
            && !o.undone_at(g.end, HEDGED)
            && !qualifiers::anyone_can(o.text, o.span.0, g.start)
            && !qualifiers::class_may(o.text, o.span.0, g.start)
            && !qualifiers::practice_told(
                o.text,
                o.span.0,
                g.start,
                o.hits.iter().any(|h| {
                    matches!(
                        h.cue,
                        WillSubject | DoneSubject | Performative | Grant | Granted | YouWill
                    ) && h.start >= o.span.0
                        && h.start < g.start
                })
                    // ... or a failure given as its reason: "wir legen Ihnen … kostenlos
                    // bei, weil die erste Lieferung beschädigt war" answers this once.
                    || super::kind_clues::failure_as_the_reason(sentence),
            )
    }) && !o.has(Escalate)
        && !o
            .at(Performative)
            .any(|p| stated::generic_object(o.text, p))
    {
        let _ = g;
        return Some(Signal::Gift);
    }
    // "I'm sorry, I can't waive...": regret, not a first person about to act.
    let regret = |s: usize| {
        let mut ws =
            crate::person::words(o.text.get(s..).unwrap_or_default()).filter(|w| !w.is_empty());
        // "I'm sorry" or "I am sorry".
        let state = match ws.next() {
            Some("i") => ws.nth(1),
            _ => ws.next(),
        };
        // "I'm happy to waive the fee" commits: gladness is willing.
        matches!(state, Some("sorry" | "afraid"))
    };
    // "We'll send you a quote first": a document promised, as one handed over, grants nothing.
    let paperwork_at = |e: usize| {
        o.hits
            .iter()
            .any(|g| g.end == e && hands_paperwork(o.text, g))
    };
    let taken_back = o
        .at(WillSubject)
        .filter_map(|w| take_back_after(o.text, w.end).map(|e| (w.start, e)));
    // "Normally …, but we'll let it go onto your new car this time": with a concession, what
    // the speaker will let be done is the exception.
    let let_done = o
        .at(WillSubject)
        .filter(|_| o.has(Exception))
        .filter_map(|w| let_after(o.text, w.end).map(|e| (w.start, e)));
    // "If the saddle starts rubbing in the first six months, we'll reflock it for free": what
    // the speaker will do after the thing failing, in a sentence that says it is free, is the
    // remedy promised, whatever its verb.
    let free_remedy = o
        .at(WillSubject)
        .filter(|w| o.at(Hedge).any(|h| h.end <= w.start && o.remedied_free(h)))
        .map(|w| (w.start, w.end));
    // ... or the shop's present, its subject opening the clause after the condition: "si des
    // traces apparaissent dans les 48 heures, on repasse gratuitement".
    let present_remedy = o.at(Hedge).filter(|h| o.remedied_free(h)).filter_map(|h| {
        let comma = o.text.get(h.end..o.span.1)?.find(',')?;
        let at = h.end + comma + 1;
        matches!(
            crate::person::word_after(o.text, at),
            "on" | "nous" | "we" | "wir"
        )
        .then_some((at, at))
    });
    if o.nearest_before(WillSubject, Grant, 40)
        .chain(o.nearest_before(WillSubject, Granted, 30))
        .chain(taken_back)
        .chain(let_done)
        .chain(free_remedy)
        .chain(present_remedy)
        .any(|(s, e)| {
            !regret(s)
                && !o.undone_at(s, HEDGED)
                && !conditioned_after(o, e)
                && !paperwork_at(e)
                // "I'll let you know if the hours change": the grant's word is the condition's.
                && !o.at(Hedge).any(|h| h.start > s && h.end < e && !o.conceding(h))
        })
    {
        return Some(if o.has(Exception) {
            Signal::Exception
        } else {
            Signal::Will
        });
    }
    // "We will deliver the 40 chairs to your office on 14 March": a delivery the speaker will
    // make, on a day named ("we will deliver to most postcodes within 3 days" is how long it
    // takes; "we usually deliver on Monday" a habit).
    let delivers_on_a_day = || {
        o.nearest_before(WillSubject, KDelivery, 40).any(|(s, e)| {
            let will = o.text.get(s..).is_some_and(|t| {
                [
                    "i will",
                    "i'll",
                    "we will",
                    "we'll",
                    "wir werden",
                    "ich werde",
                ]
                .iter()
                .any(|w| t.starts_with(w))
                    // The shop's people: "our team will", "unser Team wird".
                    || t.starts_with("our ")
                    || t.starts_with("unser")
            });
            // A particular thing delivered: "it", "your sofa", "the 40 chairs" (German names
            // it before its verb); "we will deliver orders placed before 2pm", "… Monday to
            // Friday" say what is done for everyone.
            let verb = o.at(KDelivery).any(|k| {
                k.end == e
                    && !qualifiers::negated(o.text, k.start)
                    && o.text.get(k.start..k.end).is_some_and(|t| {
                        ["deliver", "ship", "dispatch"]
                            .iter()
                            .any(|v| t.starts_with(v))
                            && matches!(
                                word_after(o.text, k.end),
                                "it" | "them"
                                    | "your"
                                    | "the"
                                    | "this"
                                    | "that"
                                    | "these"
                                    | "those"
                                    | "both"
                            )
                            || t.starts_with("liefer")
                            || t.starts_with("zustell")
                            // A visit to the customer's home is to this customer.
                            || ["at your", "come to your", "visit you", "bei ihnen"]
                                .iter()
                                .any(|v| t.starts_with(v))
                    })
            });
            will && verb
                && !o.has(Hedge)
                && !regret(s)
                && !o.undone_at(s, REFUSE)
                && !conditioned_after(o, e)
                && a_day_named(sentence)
        })
    };
    // "Your laptop will be sent back to you on Thursday": a thing's way back, on a day named;
    // so is a sum's ("the £12 you paid … will be back on your card by Friday").
    let sent_back_on_a_day = || {
        o.at(MoneyBack).any(|b| {
            let before = crate::person::word_before(o.text, b.start);
            (matches!(
                before,
                "sent" | "shipped" | "posted" | "mailed" | "couriered" | "brought" | "returned"
            ) || before == "be" && money())
                && o.text
                    .get(o.span.0..b.start)
                    .is_some_and(|t| t.contains("will be") || t.contains("'ll be"))
        }) && !o.has(Hedge)
            && a_day_named(sentence)
    };
    // "Te mandamos el colchón nuevo el lunes 9": the thing sent to the customer, in the
    // present that promises, on a day named (a message or a document sent is information).
    let sends_on_a_day = || {
        o.at(Performative).any(|p| {
            o.text.get(p.start..p.end).is_some_and(|t| {
                [
                    "mandamos", "enviamos", "mando", "envio", "envoyons", "envoie", "schicken",
                    "schicke", "senden",
                ]
                .iter()
                .any(|v| t.contains(v))
            }) && !hands_paperwork(o.text, p)
                && !negated(o.text, p.start)
                && !conditioned_after(o, p.end)
        }) && !o.has(Hedge)
            && a_day_named(sentence)
    };
    // "Ich habe Ihre Bandbreite auf 500 Mbit erhöht": the speaker raised the customer's limit.
    let raised = || {
        o.at(DoneSubject)
            .next()
            .is_some_and(|d| !negated(o.text, d.end))
            && !o.has(Hedge)
            && !o.undone_at(o.span.0, REFUSE)
            && super::kind_clues::raises_yours(sentence)
    };
    if raised() {
        return Some(Signal::Done);
    }
    if delivers_on_a_day()
        || german_delivery_on_a_day(o, sentence)
        || super::arrival::fitted_on_a_day(o, sentence)
        || sent_back_on_a_day()
        || arrives_on_a_day(o, sentence)
        || sends_on_a_day()
    {
        return Some(Signal::Will);
    }
    // A bare verb of receiving needs something a commitment is about ("das genaue
    // Zeitfenster bekommen Sie per SMS" promises a message); "you won't be charged" names it.
    let bare_receiving = |y: &Hit| {
        o.text.get(y.start..y.end).is_some_and(|t| {
            ["bekomm", "erhalt", "durfen", "recev", "recib", "receive"]
                .iter()
                .any(|v| t.contains(v))
        })
    };
    // "You'll have it by Friday, but it depends on the courier": an estimate.
    let depends = o.at(Hedge).any(|h| {
        o.text
            .get(h.start..h.end)
            .is_some_and(|t| t.starts_with("depend") || t.starts_with("hangt"))
    });
    // "You can cancel any time in Settings; you won't be charged after the current period":
    // what follows whenever the customer chooses is how things work.
    // The clause before a semicolon belongs to the same sentence.
    let any_time = |y: &Hit| {
        let before = o.text.get(..y.start).unwrap_or_default();
        let from = before.rfind(['.', '!', '?', '\n']).map_or(0, |i| i + 1);
        before.get(from..).is_some_and(|t| {
            [
                "any time",
                "anytime",
                "en cualquier momento",
                "a tout moment",
                "jederzeit",
            ]
            .iter()
            .any(|w| t.contains(w))
        })
    };
    // "Le cobraremos solo …", "we'll only charge you …": a charge is a grant only as less
    // than a sum named for it, which `pays_less` reads.
    let only = |w: &str| matches!(w, "solo" | "only" | "nur" | "que" | "seulement");
    let charges_only = |y: &Hit| {
        o.text
            .get(y.start..y.end)
            .is_some_and(|t| t.split(' ').any(only))
    };
    if let Some(y) = o.at(YouWill).find(|y| {
        // "Vous n'aurez rien à payer si la panne est couverte": a condition right after
        // what the customer will have.
        !charges_only(y)
            && (!bare_receiving(y)
                || o.says_what(sentence, money)
                // ... or a thing received free: "bekommen Sie eine zusätzliche Stunde gratis".
                || super::kind_clues::free_word(sentence)
                // "Den Anzug bekommen Sie am Freitag zurück": the customer's thing back on a
                // day named.
                || crate::person::words(sentence).any(|w| matches!(w, "zuruck" | "back"))
                    && a_day_named(sentence))
            && !depends
            && !any_time(y)
            && !o.undone_at(y.start, HEDGED)
            && !conditioned_after(o, y.end)
            && !o
                .at(Hedge)
                .any(|h| h.start >= y.end && h.start <= y.end + 3)
    }) {
        let _ = y;
        return Some(Signal::YouWill);
    }
    // "Für Ihre Schulklasse berechne ich nur den halben Eintritt": only a part charged, the
    // part named, is less than the whole; "für diese Fahrt berechnen wir Ihnen nur den
    // Normalpreis von 18 €", a sum charged to the customer named, sets their price.
    let to_you = |y: &Hit| {
        o.text.get(y.start..y.end).is_some_and(|t| {
            t.split(' ')
                .any(|w| matches!(w, "ihnen" | "you" | "le" | "te" | "vous"))
        })
    };
    let a_part = || {
        crate::person::words(sentence).any(|w| {
            matches!(
                w,
                "half"
                    | "halben"
                    | "halbe"
                    | "mitad"
                    | "moitie"
                    | "third"
                    | "tercio"
                    | "tiers"
                    | "drittel"
            )
        })
    };
    if o.at(YouWill).any(|y| {
        charges_only(y)
            && !o.undone_at(y.start, REFUSE)
            && !conditioned_after(o, y.end)
            && (a_part() || to_you(y) && money())
    }) {
        return Some(Signal::YouWill);
    }
    // "Sie zahlen für das Upgrade nur noch 5 € statt 15 €": the customer, opening the
    // sentence, pays less than a sum named for it: a price set for them. "Sie zahlen für den
    // Versand 4,95 €" says what things cost.
    // "Le cobraremos solo 45 €", "we'll only charge you": "only" is the less, not a hedge.
    // An offer the customer takes up now ("if you order them today") still sets the sum.
    let hedged = o
        .at(Hedge)
        .any(|h| !o.text.get(h.start..h.end).map(str::trim).is_some_and(only) && !o.offers_now(h));
    if qualifiers::pays_less(sentence) && money() && !o.has(Refuse) && !hedged {
        return Some(Signal::YouWill);
    }
    if super::kind_clues::left_at_a_sum(sentence) && !o.has(Refuse) && !hedged {
        return Some(Signal::Performative);
    }
    // Present-tense grants ("j'accepte le retour", "wir übernehmen die Kosten"); accepting
    // in spite of something ("wir akzeptieren Ihre Rücksendung trotz abgelaufener Frist")
    // grants the exception, whatever is accepted.
    // Two sums set against each other name a price without a currency ("te lo dejo en ciento
    // cincuenta en vez de ciento ochenta").
    // "Normalement les enfants … ne jouent pas après 20 h, mais j'accepte pour votre fils":
    // what the shop usually does, then a turn, then the present grant, is the exception.
    let has_kind = o.says_what(sentence, || money() || extract::sums_compared(sentence))
        || o.has(Exception) && (accepts_yours(o) || takes_back(o) || lets(o))
        || super::concession::usual_then_but(sentence)
        // "Aunque normalmente no reservamos vestidos sin señal, te lo guardo": the usual
        // conceded.
        || o.has(Exception) && super::concession::against_the_policy(sentence);
    // "Comme le four est tombé en panne pendant votre cours, on vous offre un cours": what is
    // given for the shop's failure is its compensation, whatever it is (read only where the
    // speaker gives in the present).
    let has_kind =
        has_kind || o.has(Performative) && super::kind_clues::failure_as_the_reason(sentence);
    // "Même si le devis a expiré, nous appliquons l'ancien tarif pour votre réparation": a
    // present grant of the speaker's, for the customer's case, against a term that ran out.
    // Without the concession the present is the policy ("nous appliquons des frais de 5 €").
    let granted_against = || {
        o.has(Exception)
            && super::concession::against_the_policy(sentence)
            && crate::person::words(sentence).any(crate::person::addressee_possessive)
            && o.at(Grant).any(|g| {
                matches!(crate::person::word_before(o.text, g.start), "nous" | "wir")
                    && !o.undone_at(g.start, HEDGED)
                    && !qualifiers::negated(o.text, g.start)
            })
    };
    if granted_against()
        || super::concession::allowed_after_usual(sentence)
        || o.has(KException) && super::concession::exception_made(sentence)
    {
        return Some(Signal::Exception);
    }
    if has_kind
        && let Some(p) = o.at(Performative).find(|p| {
            !o.undone_at(p.start, HEDGED)
                && !conditioned_after(o, p.end)
                // "El enlace que te enviamos": the message sent, not a thing granted.
                && !hands_paperwork(o.text, p)
                && !stated::generic_object(o.text, p)
                && (!stated::holds(o.text, p)
                    || stated::yours_first(o.text, o.span.0)
                    || stated::as_agreed(sentence)
                    // "… bleibt bei 55 €, auch wenn sie noch wächst": a sum held whatever
                    // changes for this customer ("fixed at the time of purchase, even if a
                    // sale starts later" is how prices work).
                    || o.at(Exception).any(|e| e.start >= p.end)
                        && o.text.get(p.end..).is_some_and(|rest| {
                            crate::extract::mentions_money(crate::bytes::head(rest, 16))
                        }))
        })
    {
        let _ = p;
        return Some(if o.has(Exception) || o.has(KException) {
            Signal::Exception
        } else {
            Signal::Performative
        });
    }
    // A code handed over ("here's a code, THANKS15, 15% off").
    if o.has(CodeGiven) && (o.has(KDiscount) || has_code_token(sentence)) && !o.has(Refuse) {
        return Some(Signal::Code);
    }
    let passive = super::passive::passive_grant(o, money);
    // "The late fee was applied because the payment bounced": a fee applied or added is
    // charged, not waived or given.
    let charged = |g: &Hit| {
        o.text
            .get(g.start..g.end)
            .is_some_and(|t| CHARGING.iter().any(|v| t.starts_with(v)))
            && o.hits
                .iter()
                .rfind(|k| KINDED.contains(&k.cue) && k.end <= g.start)
                .is_some_and(|k| k.cue == KFee)
    };
    let passive = passive.filter(|_| {
        let mut grants = o.at(Granted).peekable();
        grants.peek().is_none() || !grants.all(|g| charged(g))
    });
    if let Some((s, e)) = passive
        && !o.undone_at(s, HEDGED)
        // "Vous êtes remboursé dès que nous recevons le colis": a state that waits on an event.
        // A decision made stays made when only what follows it waits ("your refund is
        // approved and will be sent once we receive the item").
        && (!conditioned_after(o, s) || qualifiers::decided_before_the_wait(o, s, e))
        && has_kind
        && !looked
        && !stated::general_rule(o.text, o.span.0, s)
        && !qualifiers::awaited(o.text, o.span.0, s)
    {
        return Some(if o.has(Exception) {
            Signal::Exception
        } else {
            Signal::Passive
        });
    }
    // "Returns after 30 days aren't normally accepted": the grant is what is not done.
    // "Normally we need it back before a refund is processed": what waits is not done.
    // "Refunds are normally issued within two days": a habit said of a present passive is how
    // things go, not a concession made before a grant.
    let habit_only = o
        .at(Exception)
        .all(|e| o.text.get(e.start..e.end) == Some("normally"));
    let habitual = |g: &Hit| {
        let (a, b) = crate::person::two_words_before(o.text, g.start);
        let aux = |w: &str| matches!(w, "is" | "are" | "get" | "gets");
        habit_only && (aux(a) || a == "normally" && aux(b))
    };
    // "Prices are fixed at booking, even if our rates change later": a verb inside a
    // hypothetical concession is what may happen, not what is granted.
    let supposed = |g: &Hit| {
        o.at(Exception).any(|e| {
            o.text.get(e.start..e.end).is_some_and(|t| {
                [
                    "even if",
                    "meme si",
                    "incluso si",
                    "auch wenn",
                    "selbst wenn",
                ]
                .iter()
                .any(|p| t.starts_with(p))
            }) && e.end <= g.start
                && !o.text.get(e.end..g.start).unwrap_or_default().contains(',')
        })
    };
    let affirmed = |g: &&Hit| {
        !negated(o.text, g.start)
            && !supposed(g)
            && !habitual(g)
            && !adjectival(o.text, g)
            && !reports(o.text, g)
            && !qualifiers::awaited(o.text, o.span.0, g.start)
    };
    if o.has(Exception)
        && (o.at(Granted).any(affirmed)
            || o.has(YouWill) && !depends
            || qualifiers::able_despite(o))
        && !o.has(Refuse)
    {
        return Some(Signal::Exception);
    }
    chat::shorthand(o, sentence, money)
}

/// Whether value loaded ends up on the customer's card, pass or account: "I've loaded 20
/// free credits onto your game card" ("I've loaded the page" puts nothing on theirs).
fn loaded_onto_theirs(text: &str, end: usize) -> bool {
    let clause = text
        .get(end..)
        .unwrap_or_default()
        .split([',', ';', '.', '!', '?'])
        .next()
        .unwrap_or_default();
    let ws: Vec<&str> = crate::person::words(clause)
        .filter(|w| !w.is_empty())
        .take(8)
        .collect();
    ws.windows(2)
        .any(|p| matches!(p, ["onto" | "on" | "to", "your"]))
}
