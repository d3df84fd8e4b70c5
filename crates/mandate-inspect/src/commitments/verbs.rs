//! The verbs and subjects that make a grant: accepting the goods back, the customer's own
//! thing accepted, English's simple past after "I" or "we", German's separable verbs whose
//! particle closes the clause; and the verbs by which a grant's kind is told (extending,
//! paying back, waiving).

use super::Own;
use crate::lexicon::Cue::*;
use crate::scan::Hit;

/// Whether the sentence grants by accepting ("j'accepte le retour", "aceptamos", "we accept
/// your return"): what is accepted is the goods back, not money.
pub(super) fn accepts(o: &Own<'_>) -> bool {
    o.said(
        |c| matches!(c, Performative | Granted | Grant),
        |_, t| t.split(' ').any(accepting),
    )
}

/// Whether the grant lets a thing be done ("dejamos que lo use su hermano", "le dejamos
/// cambiar la fecha"): with a concession, what is let is the exception.
pub(super) fn lets(o: &Own<'_>) -> bool {
    // "No dejamos que nadie …" lets nothing.
    o.at(Performative)
        .filter(|h| !super::qualifiers::denied(o.text, h.start))
        .any(|h| match o.text.get(h.start..h.end) {
            Some(
                "dejamos que"
                | "permitimos que"
                | "je vous laisse utiliser"
                | "nous vous laissons utiliser"
                | "je vous laisse profiter"
                | "te dejo usar"
                | "le dejo usar",
            ) => true,
            Some("le dejamos" | "te dejamos") => {
                let next = crate::person::word_after(o.text, h.end);
                next.len() > 3 && ["ar", "er", "ir"].iter().any(|e| next.ends_with(e))
            }
            _ => false,
        })
}

/// "We'll let it go onto your new car", "I'll allow it": the verb of letting right after the
/// speaker's future ending at `from`; the end of the verb. "I'll let you know" lets nothing.
pub(super) fn let_after(text: &str, from: usize) -> Option<usize> {
    let rest = text.get(from..)?;
    let mut ws = crate::person::words(rest).filter(|w| !w.is_empty());
    let verb = ws.next()?;
    let _object = ws.next();
    (matches!(verb, "let" | "allow") && ws.next() != Some("know"))
        .then(|| from + (rest.len() - rest.trim_start().len()) + verb.len())
}

/// Whether what is accepted is the customer's own ("wir akzeptieren Ihre Rücksendung",
/// "we accept your return") or done for them ("nous acceptons de vous le reprendre"), not a
/// kind of thing ("wir akzeptieren Rücksendungen ...": the policy).
pub(super) fn accepts_yours(o: &Own<'_>) -> bool {
    let yours = |w: &str| {
        crate::person::addressee_possessive(w) || crate::person::second_person(w) || w == "ihnen"
    };
    o.said(
        |c| matches!(c, Performative | Granted | Grant),
        |h, t| {
            t.split(' ').any(accepting)
                && (t.split(' ').any(crate::person::addressee_possessive)
                    // The Spanish dative before the verb: "le acepto el cambio de talla".
                    || matches!(crate::person::word_before(o.text, h.start), "le" | "te")
                    || {
                    let mut next = crate::person::words(o.text.get(h.end..).unwrap_or_default())
                        .filter(|w| !w.is_empty());
                    let first = next.next().unwrap_or_default();
                    let second = next.next().unwrap_or_default();
                    let (third, fourth) = (
                        next.next().unwrap_or_default(),
                        next.next().unwrap_or_default(),
                    );
                    yours(first)
                        || matches!(first, "de" | "to" | "d'") && yours(second)
                        // "I'm accepting the return": the return asked about is this one.
                        || matches!(first, "the" | "le" | "la" | "die") && returned(second)
                        // "Aceptamos la inscripción de su hijo": the thing of the customer's.
                        || matches!(first, "the" | "le" | "la" | "el" | "die" | "den")
                            && matches!(third, "of" | "de" | "du" | "von" | "des")
                            && (crate::person::addressee_possessive(fourth) || fourth == "su")
                        // ... with French's article elided: "l'inscription de votre fille".
                        || first.starts_with("l'")
                            && matches!(second, "de" | "du")
                            && crate::person::addressee_possessive(third)
                        // "Nous acceptons le vôtre", "le aceptamos el suyo": yours, as a pronoun.
                        || matches!(first, "le" | "la" | "les" | "el" | "den" | "die" | "das")
                            && matches!(
                                second,
                                "votre" | "votres" | "suyo" | "suya" | "tuyo" | "tuya" | "ihren"
                                    | "ihre" | "ihres"
                            )
                })
        },
    )
}

/// Whether the verb at `pos` has "I" or "we" for its subject, with at most an "also" or
/// "already" between.
pub(super) fn preterite_subject(text: &str, pos: usize) -> bool {
    let before = text.get(..pos).unwrap_or_default();
    let mut ws = before
        .rsplit(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty());
    let subject = match ws.next() {
        Some("i" | "we") => true,
        Some("also" | "already") => matches!(ws.next(), Some("i" | "we")),
        _ => false,
    };
    // "I wish we refunded...", "if I removed the fee...": unreal or conditional.
    subject
        && !matches!(
            ws.next(),
            Some("wish" | "if" | "unless" | "when" | "whether")
        )
}

/// "Nehmen wir den Mantel noch zurück", "tauschen wir die Schuhe für Sie um": goods taken
/// back or exchanged, by German's separable verb whose particle closes the clause.
pub(super) fn takes_back(o: &Own<'_>) -> bool {
    o.said(
        |c| c == Performative,
        |h, t| {
            let particle = if t.contains("nehmen") {
                // Back ("zurück") or in ("an": "nehmen wir Ihre Rücksendung an").
                ["zuruck", " an"]
            } else if t.contains("tausch") {
                // Exchanged ("um") or replaced ("aus").
                [" um", " aus"]
            } else {
                return false;
            };
            o.text
                .get(h.end..)
                .unwrap_or_default()
                .split([',', '.', ';', '!'])
                .next()
                .is_some_and(|clause| {
                    let clause = clause.trim_end();
                    particle.iter().any(|p| clause.ends_with(p))
                })
        },
    )
}

/// "We'll take the phone back", "we'll take 20% off": English's phrasal verb with its object
/// between, right after the subject at `from`; the end of its particle. Only a share or a sum
/// is taken off ("take the cover off" is a thing handled).
pub(super) fn take_back_after(text: &str, from: usize) -> Option<usize> {
    let rest = text.get(from..)?;
    let clause = rest.split([',', '.', ';', '!', '?']).next()?;
    let mut ws = crate::person::words(clause).filter(|w| !w.is_empty());
    if ws.next()? != "take" {
        return None;
    }
    // The object stands between, alone: "take a look and get back to you" takes nothing back.
    let mut sum = false;
    let particle = ws
        .take(4)
        .take_while(|w| !matches!(*w, "and" | "or" | "to" | "then" | "get" | "look"))
        .find(|w| {
            sum |= w.bytes().any(|b| b.is_ascii_digit());
            *w == "back" || *w == "off" && sum
        })?;
    let particle = format!(" {particle}");
    Some(
        from + clause
            .find(&particle)
            .map_or(clause.len(), |i| i + particle.len()),
    )
}

/// A return of goods, as the thing accepted.
fn returned(w: &str) -> bool {
    matches!(w, "return" | "retour" | "devolucion" | "rucksendung")
}

/// A word of accepting, in the four languages.
fn accepting(w: &str) -> bool {
    ["accept", "acept", "akzept", "j'accept"]
        .iter()
        .any(|v| w.starts_with(v))
}

/// Drops "you'll get" with no sum or share after it in its sentence: "you'll get 25% off
/// the rug" is given, "you'll get a one-hour window on the day" is how things go.
pub(super) fn drop_getting_without_a_sum(text: &str, hits: &mut Vec<Hit>) {
    hits.retain(|h| {
        h.cue != YouWill
            || !text
                .get(h.start..h.end)
                .is_some_and(|t| t.ends_with(" get"))
            || text.get(h.end..).is_some_and(|rest| {
                let clause = rest
                    .split(['.', '!', '?', ';', '\n'])
                    .next()
                    .unwrap_or_default();
                clause.contains('%') || crate::extract::mentions_money(clause)
            })
    });
}

/// Drops the verbs of accepting whose subject is a way to pay ("le paiement par carte est
/// accepté dès 5 €", "Apple Pay is accepted at the till", "se aceptan tarjetas"): how the
/// shop takes money, not a request granted.
pub(super) fn drop_means_accepted(text: &str, hits: &mut Vec<Hit>) {
    let accepting = |h: &Hit| {
        h.cue == Granted
            && text
                .get(h.start..h.end)
                .is_some_and(|t| t.starts_with("accept") || t.starts_with("acept"))
    };
    if !hits.iter().any(accepting) {
        return;
    }
    let means = |w: &str| {
        matches!(
            w,
            "payment"
                | "payments"
                | "card"
                | "cards"
                | "cash"
                | "paypal"
                | "pay"
                | "paiement"
                | "paiements"
                | "carte"
                | "cartes"
                | "especes"
                | "cheque"
                | "cheques"
                | "pago"
                | "pagos"
                | "tarjeta"
                | "tarjetas"
                | "efectivo"
                | "bizum"
                | "karte"
                | "karten"
                | "barzahlung"
                | "kartenzahlung"
        )
    };
    hits.retain(|h| {
        !accepting(h) || {
            let head = text.get(..h.start).unwrap_or_default();
            let clause = head
                .rsplit(['.', ',', ';', '!', '?', '\n'])
                .next()
                .unwrap_or(head);
            let rest = text.get(h.end..).unwrap_or_default();
            let after = rest
                .split(['.', ',', ';', '!', '?', '\n'])
                .next()
                .unwrap_or(rest);
            // The means before the verb, or after it as in "se aceptan tarjetas".
            !(crate::person::words(clause).any(means)
                || crate::person::words(after).take(2).any(means))
        }
    });
}

/// Drops the verbs of paying ("paid", "pagado") that grant nothing: paying is a grant only
/// when the speaker's perfect ends at most one word before it ("we've paid", "we have
/// already paid you", "le hemos pagado") and a sum follows in its sentence ("€400
/// compensation"). "We have paid attention", "paid out 95% of claims" and "the price you
/// paid" say nothing was given.
pub(super) fn drop_payments_not_made(text: &str, hits: &mut Vec<Hit>) {
    let paying = |h: &Hit| {
        h.cue == Granted && matches!(text.get(h.start..h.end), Some("paid" | "pagado" | "pagada"))
    };
    if !hits.iter().any(paying) {
        return;
    }
    let made = |h: &Hit| {
        let by_speaker = hits.iter().any(|d| {
            d.cue == DoneSubject
                && d.end <= h.start
                && crate::person::words(text.get(d.end..h.start).unwrap_or_default())
                    .filter(|w| !w.is_empty())
                    .count()
                    <= 1
        });
        let rest = text.get(h.end..).unwrap_or_default();
        let clause = rest
            .split(['.', '!', '?', ';', '\n'])
            .next()
            .unwrap_or_default();
        by_speaker && crate::extract::mentions_money(clause)
    };
    let kept: Vec<Hit> = hits
        .iter()
        .filter(|h| !paying(h) || made(h))
        .copied()
        .collect();
    *hits = kept;
}

/// Verbs of extending (a warranty, a deadline).
pub(super) const EXTEND_VERBS: &[&str] = &["extend", "ampli", "prolong", "verlanger"];

/// Verbs of paying money back.
pub(super) const REFUND_VERBS: &[&str] = &[
    "refund",
    "reimburs",
    "credited",
    "reembols",
    "devolv",
    "devuel",
    "devolvemos",
    "rembours",
    "erstatt",
    "refunding",
    "returning",
];

/// Verbs that take a charge away rather than pay it back.
pub(super) const WAIVER_VERBS: &[&str] = &[
    // Charges not made ("no te vamos a cobrar", "you won't be billed").
    "no te",
    "no le",
    "i won't",
    "we won't",
    "i will not",
    "we will not",
    "i'm not going",
    "we're not going",
    "nous ne",
    "je ne",
    "wir berechnen",
    "ich berechne",
    "you won't",
    "you will not",
    "removed",
    // The base form too: "we have agreed to waive the fee".
    "waive",
    "struck off",
    "reversed",
    "cancelled the",
    "canceled the",
    "won't be",
    "eliminado",
    // "Te he quitado los 39 € de la retirada": a sum taken off is a charge let go.
    "quitado",
    "anulado",
    "annule",
    "erlassen",
    "entfernt",
    "herausgenommen",
    "rausgenommen",
    "gestrichen",
    "storniert",
    "sont annules",
];

/// Whether a sentence says something went back: "zurückgegangen", "gone back", "de vuelta",
/// "est revenu".
pub(super) fn goes_back(sentence: &str) -> bool {
    sentence.contains("de vuelta")
        || crate::person::words(sentence)
            .any(|w| w == "back" || w.starts_with("zuruck") || w.starts_with("revenu"))
}

/// Adds a present grant for a verb split around its object: French "nous prenons la
/// réparation en charge" and German "wir nehmen Ihre Rücksendung … an" say what "nous
/// prenons en charge" and "wir nehmen … an" joined do. The particle right after the verb is
/// another verb ("ich nehme an, dass …" assumes).
pub(super) fn join_split_grants(text: &str, hits: &mut Vec<Hit>) {
    // Read word by word only where both halves occur (" an" alone is in most English).
    let french = text.contains("en charge") && text.contains("pren");
    let german = text.contains("nehme") && (text.contains(" an") || text.contains(" zuruck"));
    if !french && !german {
        return;
    }
    let base = text.as_ptr() as usize;
    let ws: Vec<&str> = crate::person::words(text)
        .filter(|w| !w.is_empty())
        .collect();
    let at = |w: &str| (w.as_ptr() as usize).wrapping_sub(base);
    for (i, head) in ws.iter().enumerate() {
        let subject = i
            .checked_sub(1)
            .and_then(|p| ws.get(p))
            .copied()
            .unwrap_or_default();
        let ends = |particle: &[&str]| {
            (2..=7).find_map(|gap| {
                let found = ws.get(i + gap..i + gap + particle.len())?;
                (found == particle).then(|| found.last().map(|l| at(l) + l.len()))?
            })
        };
        let end = match *head {
            "prenons" | "prends" if french && matches!(subject, "nous" | "je") => {
                ends(&["en", "charge"])
            }
            "nehmen" | "nehme" if german && matches!(subject, "wir" | "ich") => {
                ends(&["an"]).or_else(|| ends(&["zuruck"]))
            }
            _ => None,
        };
        if let Some(end) = end {
            hits.push(Hit {
                start: at(head),
                end,
                cue: Performative,
                quoted: false,
            });
            // Bearing a cost names its kind, as "prenons en charge" does.
            if french {
                hits.push(Hit {
                    start: at(head),
                    end,
                    cue: KCompensation,
                    quoted: false,
                });
            }
        }
    }
    hits.sort_by_key(|h| (h.start, h.end));
}
