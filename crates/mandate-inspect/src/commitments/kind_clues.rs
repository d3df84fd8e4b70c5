//! Word-level clues the kind reading weighs when the kind words alone do not settle it: a sum
//! a thing is done for, money paid out or received, a price per unit, a return named, a word of
//! "free", money named without a sum, a reason of failure, and the kind each structure falls
//! back to.

use super::{CommitmentKind, Own, Signal};
use crate::extract;
use crate::lexicon::Cue::*;

/// Whether a sum follows "for" in `sentence` ("pour 30 € au total", "for $45"): what a thing
/// is done or sold for; or, after a verb of letting go, "at" ("te lo dejo en 6,90 €", "je
/// vous le laisse à 30 €").
pub(super) fn for_a_sum(sentence: &str) -> bool {
    [" for ", " pour ", " por ", " fur "].iter().any(|p| {
        sentence.match_indices(p).any(|(i, _)| {
            let rest = sentence.get(i + p.len()..).unwrap_or_default();
            extract::money_count(crate::bytes::head(rest, 12)) > 0
        })
    }) || left_at_a_sum(sentence)
}

/// "Te dejo el envío del paquete de 5 kilos en 6,90 €", "se lo dejamos en 40 €", "je vous le
/// laisse à 30 €": the speaker lets a thing go to the customer at a sum, which is its price.
/// The sum comes right after "en" or "à", or the word "price" does ("al precio de seis"): "te
/// dejo el enlace para pagar los 6,90 €" hands a link.
pub(super) fn left_at_a_sum(sentence: &str) -> bool {
    // Most sentences have no such verb: a few stems, searched alone (faster than one search
    // for many phrases on these short texts), say so; the words below name the verbs.
    if !["dej", "laiss", "reserv", "manten"]
        .iter()
        .any(|v| sentence.contains(v))
    {
        return false;
    }
    let mut before = "";
    let Some(verb) = crate::person::words(sentence)
        .filter(|w| !w.is_empty())
        .position(|w| {
            // ... or kept for them at it: "le reservo las entradas a 12 € cada una".
            let let_go = matches!(
                w,
                "dejo"
                    | "dejamos"
                    | "laisse"
                    | "laissons"
                    | "reservo"
                    | "reservamos"
                    | "mantengo"
                    | "mantenemos"
                    | "reserve"
                    | "reservons"
            ) && matches!(
                before,
                "te" | "le" | "se" | "os" | "lo" | "la" | "les" | "vous"
            );
            before = w;
            let_go
        })
    else {
        return false;
    };
    // The sum's first two words: "6,90 €", "€6.90 for", "30 euros".
    let sum_at = |rest: &str| {
        let head: Vec<&str> = rest.split_whitespace().take(2).collect();
        extract::money_count(&head.join(" ")) > 0
    };
    let after = crate::person::words(sentence)
        .filter(|w| !w.is_empty())
        .nth(verb)
        .and_then(|v| sentence.find(v).map(|i| i + v.len()))
        .unwrap_or(sentence.len());
    let rest = sentence.get(after..).unwrap_or_default();
    // ... or at a price named as one: "os dejamos la sala al precio de seis".
    [" en ", " a "].iter().any(|p| {
        rest.match_indices(p)
            .any(|(i, _)| sum_at(rest.get(i + p.len()..).unwrap_or_default()))
    }) || [" al precio de ", " au prix de ", " zum preis von "]
        .iter()
        .any(|p| rest.contains(p))
}

/// Whether a verb of paying out carries the grant: "we'll pay you", "le pagaremos", "nous vous
/// versons", "wir zahlen Ihnen", "ersetzen wir Ihnen" (not "pay you back", which returns
/// money).
pub(super) fn paid_out(o: &Own<'_>) -> bool {
    o.hits.iter().any(|h| {
        matches!(h.cue, Grant | Performative | Granted)
            && o.text.get(h.start..h.end).is_some_and(|t| {
                t.split(' ').any(|verb| {
                    matches!(
                        verb,
                        "pay"
                            | "paid"
                            | "pagaremos"
                            | "pagamos"
                            | "versons"
                            | "verserons"
                            | "zahlen"
                            | "ersetzen"
                    )
                })
            })
            && !matches!(
                crate::person::words(o.text.get(h.end..).unwrap_or_default())
                    .filter(|w| !w.is_empty())
                    .take(2)
                    .collect::<Vec<_>>()
                    .as_slice(),
                [_, "back"] | ["back", ..] | [_, "zuruck"] | ["zuruck", ..]
            )
    })
}

/// Whether the customer is said to get something: "you'll get", "bekommen Sie", "recibirá",
/// "vous récupérez".
pub(super) fn received(sentence: &str) -> bool {
    crate::person::words(sentence).any(|w| {
        matches!(
            w,
            "get" | "receive" | "bekommen" | "erhalten" | "recibira" | "recibe" | "recevrez"
        ) || w.starts_with("recuper")
    })
}

/// Whether a sentence gives a rate: a sum per night, month, week or lesson.
pub(super) fn per_unit(sentence: &str) -> bool {
    [
        "per night",
        "a night",
        "per month",
        "a month",
        "per week",
        "por noche",
        "la noche",
        "al mes",
        "por mes",
        "a la semana",
        "par nuit",
        "la nuit",
        "par mois",
        "par semaine",
        "pro nacht",
        "im monat",
        "pro monat",
        "pro woche",
    ]
    .iter()
    .any(|p| sentence.contains(p))
}

/// Whether a sentence names a return of goods.
pub(super) fn names_a_return(sentence: &str) -> bool {
    crate::person::words(sentence).any(|w| {
        matches!(
            w,
            "return" | "returns" | "rucksendung" | "ruckgabe" | "retour" | "retours" | "devolucion"
        )
    })
}

/// The kind a committal structure implies when the sentence names none.
/// Whether a word of "free of charge" is in `sentence`.
pub(super) fn free_word(sentence: &str) -> bool {
    crate::person::words(sentence).any(|w| free(w) || matches!(w, "gratuitement" | "gratuitamente"))
}

/// A word that says a thing costs nothing: "free", "gratuit", "gratis", "kostenlos".
pub(super) fn free(w: &str) -> bool {
    matches!(
        w,
        "free"
            | "gratuit"
            | "gratuite"
            | "gratuito"
            | "gratuita"
            | "gratis"
            | "kostenlos"
            | "kostenlose"
            | "kostenlosen"
    )
}

/// A word of how long a thing is kept good, or that it stays so: "months", "años", "valid".
pub(super) fn kept_good_for(w: &str) -> bool {
    matches!(
        w,
        "month"
            | "months"
            | "year"
            | "years"
            | "mois"
            | "ans"
            | "meses"
            | "ano"
            | "anos"
            | "monate"
            | "monaten"
            | "jahr"
            | "jahre"
            | "jahren"
            | "valid"
            | "valable"
            | "valido"
            | "valida"
            | "gultig"
    )
}

pub(super) fn fallback(signal: Signal) -> CommitmentKind {
    match signal {
        Signal::Admit => CommitmentKind::Legal,
        Signal::Exception => CommitmentKind::PolicyException,
        Signal::Gift => CommitmentKind::Compensation,
        Signal::Guarantee => CommitmentKind::Delivery,
        Signal::Code => CommitmentKind::Discount,
        _ => CommitmentKind::AccountAction,
    }
}

/// Whether a clause of reason says something was late or failed: "because the car was a day
/// late", "because the heating was broken",
/// "porque el técnico llegó tarde", "parce que la livraison était en retard", "weil die
/// Lieferung verspätet war".
pub(super) fn failure_as_the_reason(sentence: &str) -> bool {
    // One pass: a word of reason, then a word of lateness within ten words ("puisque la visite a
    // commencé avec une heure de retard").
    let mut since = usize::MAX;
    let mut prev = "";
    crate::person::words(sentence)
        .filter(|w| !w.is_empty())
        .enumerate()
        .any(|(i, w)| {
            let reason = matches!(w, "because" | "since" | "porque" | "puisque" | "weil")
                || prev == "ya" && w == "que"
                || prev == "parce" && w == "que"
                // Opening the sentence, "as" gives a reason: "comme l'arrosage a inondé
                // votre départ, …", "da die Anlage ausgefallen ist, …".
                || i == 0 && matches!(w, "as" | "comme" | "como" | "da")
                // ... and so does "for" a thing that failed: "pour le vase qui s'est brisé
                // pendant la cuisson, …".
                || i == 0 && matches!(w, "for" | "pour" | "por" | "fur")
                // ... and so does an apology opening it: "sorry the engineer was late, …".
                || i == 0 && matches!(w, "sorry" | "apologies" | "desole" | "desolee" | "perdon");
            let prev_cut = prev == "cut";
            prev = w;
            since = if reason { 0 } else { since.saturating_add(1) };
            since <= 10
                && since > 0
                && (matches!(
                    w,
                    "late"
                        | "delay"
                        | "delayed"
                        | "tarde"
                        | "retard"
                        // A thing that failed: "because the heating was broken all week".
                        | "broken"
                        | "faulty"
                        | "damaged"
                        | "roto"
                        | "rota"
                        | "panne"
                        | "kaputt"
                        | "defekt"
                        | "ausgefallen"
                        // An engine or a part that failed: "because the engine failed".
                        | "failed"
                        | "broke"
                        // Marked or torn by the shop: "since we stained the hem".
                        | "stained"
                        | "scratched"
                        | "torn"
                        | "tore"
                        | "ripped"
                        | "manchamos"
                        | "manchado"
                        | "tache"
                        | "abime"
                        | "zerkratzt"
                        | "raye"
                        | "rayee"
                        | "rayado"
                        | "rayada"
                        // Damaged by the shop: "weil unser Träger die Wand beschädigt hat".
                        | "beschadigt"
                        | "beschadigte"
                        | "danado"
                        | "danada"
                        | "endommage"
                        | "endommagee"
                        // Booked twice or called off by the shop: "because the class was
                        // cancelled".
                        | "overbooked"
                        | "cancelled"
                        | "canceled"
                        | "annule"
                        | "annulee"
                        | "cancelado"
                        | "cancelada"
                        | "abgesagt"
                        // A machine that kept what it was given: "because the machine ate
                        // your tokens", "la máquina se tragó tus fichas".
                        | "ate"
                        | "swallowed"
                        | "trago"
                        | "avale"
                        | "geschluckt"
                        | "verschluckt"
                        // Broken apart: "qui s'est brisé", "que se rompió", "zerbrochen".
                        | "cracked"
                        | "shattered"
                        | "brise"
                        | "brisee"
                        | "casse"
                        | "cassee"
                        | "rompio"
                        | "zerbrochen"
                        | "zerbrach"
                        | "fallo"
                        | "echoue"
                        // Stuck fast: "since the lock in the final room jammed".
                        | "jammed"
                        | "stuck"
                        | "atascado"
                        | "atascada"
                        | "coince"
                        | "coincee"
                        | "klemmte"
                        // Flooded: "comme l'arrosage automatique a inondé votre départ".
                        | "flooded"
                        | "inonde"
                        | "inondee"
                        | "inundo"
                        | "inundado"
                        | "inundada"
                        | "uberflutet"
                        // Closed when it should have been open: "comme la salle était
                        // fermée sans prévenir samedi".
                        | "closed"
                        | "ferme"
                        | "fermee"
                        | "cerrada"
                        | "cerrado"
                        | "geschlossen"
                        // Cut short: "pour la sortie écourtée", "la salida acortada".
                        | "ecourte"
                        | "ecourtee"
                        | "acortado"
                        | "acortada"
                        | "verkurzt"
                        | "verkurzte"
                        | "abgebrochen"
                        // Leaking: "comme le kayak avait une fuite", "because the tent leaked".
                        | "leak"
                        | "leaked"
                        | "leaking"
                        | "fuite"
                        | "fuga"
                        | "undicht"
                ) || prev_cut && w == "short"
                    || w.starts_with("retras")
                    || w.starts_with("averiad")
                    || w.starts_with("estropead")
                    || w.starts_with("verspat")
                    || w.starts_with("spat"))
        })
}

/// "Ich habe Ihre Bandbreite auf 500 Mbit erhöht", "we've increased your credit limit": a
/// limit, a speed or an allowance of the customer's raised is an act on their account. A price
/// raised is no grant ([`raises_a_price`]).
pub(super) fn raises_yours(sentence: &str) -> bool {
    if !mentions_raising(sentence) {
        return false;
    }
    let ws = words(sentence);
    raised_at(&ws).is_some_and(|r| {
        // German puts the participle last ("Ihre Bandbreite … erhöht"), the others first
        // ("increased your limit", "augmenté votre forfait").
        ws.get(r.saturating_sub(8)..(r + 3).min(ws.len()))
            .unwrap_or_default()
            .iter()
            .any(|w| {
                matches!(
                    *w,
                    "your"
                        | "ihre"
                        | "ihren"
                        | "ihr"
                        | "ihrem"
                        | "deine"
                        | "deinen"
                        | "dein"
                        | "tu"
                        | "tus"
                        | "votre"
                        | "vos"
                )
            })
    }) && !priced(&ws)
}

/// "We've increased your monthly fee to £30", "wir haben die Preise um 3 % erhöht", "hemos
/// subido el precio": a price raised is news of what the customer will pay, not a grant.
pub(super) fn raises_a_price(sentence: &str) -> bool {
    if !mentions_raising(sentence) {
        return false;
    }
    let ws = words(sentence);
    raised_at(&ws).is_some() && priced(&ws)
}

fn words(sentence: &str) -> Vec<&str> {
    crate::person::words(sentence)
        .filter(|w| !w.is_empty())
        .collect()
}

/// Whether a sentence has a word of raising at all, looked for before it is split into words.
fn mentions_raising(sentence: &str) -> bool {
    let b = sentence.as_bytes();
    crate::bytes::needle!(b"increas").find(b).is_some()
        || crate::bytes::needle!(b"raise").find(b).is_some()
        || crate::bytes::needle!(b"upped").find(b).is_some()
        || crate::bytes::needle!(b"erhoh").find(b).is_some()
        || crate::bytes::needle!(b"angehob").find(b).is_some()
        || crate::bytes::needle!(b"aumentad").find(b).is_some()
        || crate::bytes::needle!(b"subido").find(b).is_some()
        || crate::bytes::needle!(b"augment").find(b).is_some()
}

fn raised_at(ws: &[&str]) -> Option<usize> {
    ws.iter().position(|w| {
        matches!(
            *w,
            "increased"
                | "raised"
                | "upped"
                | "erhoht"
                | "angehoben"
                | "aumentado"
                | "aumentada"
                | "subido"
                | "augmente"
                | "augmentee"
                | "augmentes"
        )
    })
}

/// A word of what the customer pays: "fee", "Preise", "tarifs", "cuota".
fn priced(ws: &[&str]) -> bool {
    ws.iter().any(|w| {
        [
            "price",
            "fee",
            "rate",
            "cost",
            "charge",
            "rent",
            "premium",
            "preis",
            "gebuhr",
            "beitrag",
            "kosten",
            "miete",
            "tarif",
            "precio",
            "cuota",
            "coste",
            "cargo",
            "prix",
            "frais",
            "loyer",
            "cotisation",
        ]
        .iter()
        .any(|p| w.starts_with(p) || w.ends_with(p))
    })
}

/// Whether a sentence names money as such, without an amount.
pub(super) fn names_money(sentence: &str) -> bool {
    // Split by bytes: the words looked for are ASCII, and a view mostly is.
    sentence
        .as_bytes()
        .split(|c| !c.is_ascii_alphanumeric())
        .any(|w| {
            matches!(
                w,
                b"money"
                    | b"amount"
                    | b"dinero"
                    | b"importe"
                    | b"argent"
                    | b"montant"
                    | b"geld"
                    | b"betrag"
                    // What was paid for a service: "die Kosten haben wir zurücküberwiesen".
                    | b"cost"
                    | b"costs"
                    | b"kosten"
                    | b"coste"
                    | b"costes"
                    | b"gastos"
                    // What was paid ahead: "die Anzahlung habe ich Ihnen zurücküberwiesen".
                    | b"deposit"
                    | b"anzahlung"
                    | b"kaution"
                    | b"acompte"
                    | b"arrhes"
                    | b"fianza"
                    | b"senal"
                    | b"payment"
                    | b"pago"
                    | b"paiement"
                    | b"zahlung"
            )
        })
}

/// Harm the shop's own people did ("our driver damaged your gate, and we'll pay for the
/// repair"): a word of liability with "we" or "our" in its clause, or after a clause that says
/// one of ours did the harm.
pub(super) fn harm_by_ours(o: &Own<'_>) -> bool {
    let ours = |w: &str| {
        matches!(
            w,
            "we" | "we'll"
                | "we've"
                | "we're"
                | "our"
                | "nuestro"
                | "nuestra"
                | "notre"
                | "nous"
                | "wir"
                | "unser"
                | "unsere"
        )
    };
    o.hits.iter().any(|h| {
        h.cue == KLegal && {
            let head = o.text.get(o.span.0..h.start).unwrap_or_default();
            let clause = head.rsplit([',', ';']).next().unwrap_or_default();
            crate::person::words(clause).any(ours)
                // ... or an earlier clause says one of ours did the harm: "our technician
                // caused the leak, and the company will pay for the damage".
                || {
                    let mut since_ours = usize::MAX;
                    crate::person::words(head).filter(|w| !w.is_empty()).any(|w| {
                        since_ours = if ours(w) { 0 } else { since_ours.saturating_add(1) };
                        since_ours <= 3
                            && ["caus", "damag", "broke", "verursach", "beschadig", "endommag"]
                                .iter()
                                .any(|v| w.starts_with(v))
                    })
                }
        }
    })
}
