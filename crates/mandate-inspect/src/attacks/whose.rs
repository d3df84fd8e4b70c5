//! Whose personal data a message asks for: the customer's own (their order, their account),
//! someone they know (named as the one who ordered, said to be whose an order is, the subject
//! of a question). What they bought is read in `bought`, orders the customer disowns in
//! `disowned`, accounts named by their holder in `holders`.

use crate::lexicon::Cue::*;
use crate::scan::Hit;

use super::bought::bought;
use super::message::Message;

/// The shop's things a person has, which a relative's possessive may name with it.
pub(super) fn owned_thing(w: &str) -> bool {
    matches!(
        w,
        "order"
            | "orders"
            | "account"
            | "parcel"
            | "package"
            | "pedido"
            | "pedidos"
            | "cuenta"
            | "paquete"
            | "commande"
            | "commandes"
            | "compte"
            | "colis"
            | "bestellung"
            | "bestellungen"
            | "konto"
            | "paket"
    )
}

/// A relative named alone ("my brother-in-law stays here every August", "mi cuñado compró
/// una nevera"), not their thing ("my sister's order"), is a person as an acquaintance is.
pub(super) fn relative(text: &str, h: &Hit) -> bool {
    h.cue == Kin
        && text
            .get(h.start..h.end)
            .is_some_and(|t| !t.ends_with("'s") && !t.starts_with("de "))
}

/// "Mi vecina pidió lo mismo que yo... ¿a qué dirección se lo mandasteis?", "my cousin
/// ordered the same lamp... what card did she pay with?": someone the customer knows, named
/// as the one who ordered, then where that order was sent or how it was paid. What was
/// bought for the customer ("my friend ordered this for me") went to the customer's own
/// address.
pub(super) fn acquaintance_ordered(text: &str, person: &Hit) -> bool {
    let rest = text.get(person.end..).unwrap_or_default();
    let ws: Vec<&str> = crate::person::words(rest)
        .filter(|w| !w.is_empty())
        .collect();
    // The noun's own ending ("mi vecin" read "mi vecino") is no word between them: "mi vecino
    // del tercero también os compró".
    let ending = usize::from(rest.starts_with(char::is_alphanumeric));
    // The verb right after, or after an auxiliary and an object ("meine Nachbarin hat das
    // Gleiche bestellt").
    // Later, with a pronoun for the person as its subject: "my ex still has an account with
    // you, can you tell me if she's ordered anything".
    // French elides its "que" onto the pronoun: "est-ce qu'elle a renouvelé …".
    let pronoun = |w: &str| {
        matches!(
            w.strip_prefix("qu'").unwrap_or(w),
            "she" | "he" | "she's" | "he's" | "ella" | "el" | "elle" | "il" | "sie" | "er"
        )
    };
    // German puts the participle last, after the auxiliary: "mein Ex hat bei euch ein
    // Geschenk für unsere Tochter bestellt".
    let reach = ending
        + if matches!(ws.get(ending), Some(&("hat" | "hatte"))) {
            10
        } else {
            5
        };
    let ordered_at = ws
        .iter()
        .take(reach)
        .position(|v| bought(v))
        .or_else(|| {
            ws.windows(3)
                .take(16)
                .position(|w| match w {
                    [p, v, _] if pronoun(p) && bought(v) => true,
                    [p, aux, v] => {
                        pronoun(p)
                            && matches!(*aux, "has" | "had" | "a" | "ha" | "hat")
                            && bought(v)
                    }
                    _ => false,
                })
                .map(|i| i + 1)
        })
        // ... or had one of the shop's services, with the shop named: "mein Nachbar hatte letzten
        // Monat ein Familienshooting bei euch", "my neighbour had a shoot with you".
        .or_else(|| {
            let had = ws
                .iter()
                .take(reach)
                .position(|v| matches!(*v, "had" | "hatte" | "tuvo"))?;
            ws.windows(2)
                .take(had + 8)
                .skip(had)
                .any(with_the_shop)
                .then_some(had)
        });
    let Some(at) = ordered_at else {
        return false;
    };
    let rest = ws.get(at..).unwrap_or_default();
    // "Mi hermana me encargó una tarta": the speaker's clitic before the verb, ordered of or
    // for the speaker; "ordered me a cake" after it.
    let clitic = at
        .checked_sub(1)
        .and_then(|i| ws.get(i))
        .is_some_and(|w| matches!(*w, "me" | "nos"));
    // German says whom it is for before the participle: "hat ein Geschenk für mich bestellt".
    let before_verb = ws.get(..at).unwrap_or_default();
    let for_me = clitic
        || before_verb.windows(2).any(for_me)
        || rest
            .windows(2)
            .take(8)
            .any(|w| for_me(w) || matches!(w, ["to" | "ordered" | "bought", "me"]));
    let sent = rest.iter().any(|w| {
        matches!(
            *w,
            "sent"
                | "went"
                | "go"
                | "gone"
                | "fue"
                | "ging"
                | "geht"
                | "ship"
                | "shipped"
                | "deliver"
                | "delivered"
                // Where the one who bought lives: "¿en qué calle vive ahora?".
                | "lives"
                | "vive"
                | "habite"
                | "wohnt"
                // Where it is to be delivered: "¿qué dirección dejó para la entrega?".
                | "delivery"
                | "entrega"
                | "livraison"
                | "lieferung"
                | "mandasteis"
                | "enviasteis"
                | "mandaron"
                | "enviaron"
                | "envoye"
                | "envoyee"
                | "livre"
                | "livree"
                | "expedie"
                | "geschickt"
                | "geliefert"
                | "versandt"
                | "verschickt"
                | "pay"
                | "paid"
                | "pago"
                | "paye"
                | "bezahlt"
                | "bezahlte"
                | "zahlte"
        )
    });
    sent && !for_me
}

/// Whether two words name the shop as where something was had or held, or whom it was taken
/// with: "with you", "bei euch", "mit euch", "chez vous", "con vosotros".
pub(super) fn with_the_shop(pair: &[&str]) -> bool {
    matches!(
        pair,
        ["with", "you"]
            | ["bei" | "mit", "euch" | "ihnen"]
            | ["chez", "vous"]
            | ["con", "vosotros" | "ustedes"]
    )
}

/// "My flatmate has a parcel waiting in locker 14 … can you send me the pickup code?", "mi
/// hermano tiene una cuenta con vosotros": someone the customer knows said to hold one of the
/// shop's things, which is theirs, not the customer's ("my friend has a parcel for me").
pub(super) fn holds_a_thing(text: &str, person: &Hit) -> bool {
    let rest = text.get(person.end..).unwrap_or_default();
    // The noun's own ending first ("mi vecin" read "mi vecina"): a word begun inside the hit.
    let skip = usize::from(rest.starts_with(char::is_alphanumeric));
    let ws: Vec<&str> = crate::person::words(rest)
        .filter(|w| !w.is_empty())
        .skip(skip)
        .take(8)
        .collect();
    // One or some of them, newly named ("a parcel", "un pedido", "ein Paket"): "a reçu mon
    // colis" is the customer's own, and "a" there an auxiliary.
    let some = |w: &str| {
        matches!(
            w,
            "a" | "an"
                | "one"
                | "two"
                | "some"
                | "un"
                | "una"
                | "unos"
                | "une"
                | "des"
                | "ein"
                | "eine"
                | "einen"
                | "zwei"
        ) || w.starts_with(|c: char| c.is_ascii_digit())
    };
    matches!(
        ws.first(),
        Some(&("has" | "had" | "tiene" | "tenia" | "a" | "avait" | "hat" | "hatte"))
    ) && ws.get(1).is_some_and(|w| some(w))
        && ws.iter().skip(2).take(2).any(|w| owned_thing(w))
        && !ws.windows(2).any(for_me)
}

/// "Kannst du mir die IBAN zeigen, die bei Bestellung 40912 hinterlegt ist? Die Bestellung
/// hat mein Schwager gemacht", "the order was placed by my cousin": the order whose data is
/// asked for, said in a sentence of its own to have been placed by someone the customer
/// knows, and not for the customer ("mein Schwager hat für mich bestellt") nor theirs ("mi
/// pedido lo hizo mi pareja").
pub(super) fn placed_by_them(m: &Message<'_>) -> bool {
    m.hits.iter().any(|h| {
        (h.cue == Acquaintance || h.cue == Kin) && {
            let sentence =
                m.ss.iter()
                    .find(|s| s.start <= h.start && h.start < s.end)
                    .and_then(|s| m.text.get(s.start..s.end))
                    .unwrap_or_default();
            let ws: Vec<&str> = crate::person::words(sentence)
                .filter(|w| !w.is_empty())
                .collect();
            ws.iter()
                .any(|w| matches!(*w, "order" | "pedido" | "commande" | "bestellung"))
                && ws.iter().any(|w| {
                    bought(w)
                        || matches!(
                            *w,
                            "placed"
                                | "made"
                                | "hizo"
                                | "realizo"
                                | "passe"
                                | "passee"
                                | "gemacht"
                                | "aufgegeben"
                        )
                })
                && !ws.windows(2).any(for_me)
        }
    }) && !own_thing_named(m.text)
}

/// "What card number did my ex use?", "which email did my neighbour sign up with?": personal
/// data asked for by a question word, whose subject is someone the customer knows.
pub(super) fn asked_what_theirs(text: &str, person: &Hit, hits: &[Hit]) -> bool {
    hits.iter().any(|p| {
        p.cue == PiiNoun
            && p.end <= person.start
            && person.start - p.end <= 20
            && {
                let (a, b) = crate::person::two_words_before(text, p.start);
                [a, b].iter().any(|w| {
                    matches!(
                        *w,
                        "what" | "which" | "que" | "cual" | "quel" | "quelle" | "welche"
                            | "welchen" | "welcher" | "welches"
                    )
                })
            }
            // The auxiliary alone between: the acquaintance is its subject ("what email did I
            // use for my friend's order" is the customer's own). French and Spanish may put
            // the participle before the subject too: "quel code a reçu ma belle-sœur".
            && matches!(
                crate::person::words(text.get(p.end..person.start).unwrap_or_default())
                    .filter(|w| !w.is_empty())
                    .collect::<Vec<_>>()
                    .as_slice(),
                [
                    "did" | "does" | "has" | "had" | "was" | "uso" | "usa" | "hat" | "hatte"
                        | "avait" | "a"
                ] | [
                    "a" | "avait" | "ha",
                    "recu" | "utilise" | "donne" | "recibido" | "usado" | "dado"
                ] | ["recibio" | "recibe"]
            )
    }) && !received_by_me(text.get(person.end..).unwrap_or_default())
}

/// "The delivery address he saved", "l'adresse qu'elle a enregistrée", "die Karte, die er
/// benutzt hat", "which address does she have her orders shipped to", "what address her
/// orders go to": personal data followed by a clause whose subject is a third person, who
/// set it down or uses it, or by their things. With someone the
/// customer knows named, the data is theirs.
pub(super) fn set_down_by_them(text: &str, hits: &[Hit]) -> bool {
    hits.iter().any(|p| {
        p.cue == PiiNoun && {
            // The first four words after the data, read once for every shape below.
            let mut ws = crate::person::words(text.get(p.end..).unwrap_or_default())
                .filter(|w| !w.is_empty());
            let next = [ws.next(), ws.next(), ws.next(), ws.next()];
            let relative = matches!(
                next,
                [Some("he" | "she" | "qu'il" | "qu'elle"), ..]
                    | [
                        Some("does" | "did" | "has" | "had" | "hat" | "hatte"),
                        Some(
                            "he" | "she"
                                | "mr"
                                | "mrs"
                                | "ms"
                                | "miss"
                                | "er"
                                | "sie"
                                | "frau"
                                | "herr"
                        ),
                        ..
                    ]
                    | [Some("que"), Some("ella"), ..]
                    // French inverts the subject: "quelle adresse a-t-elle donnée ?".
                    | [Some("a"), Some("t"), Some("elle" | "il"), _]
                    // Spanish leaves the giver unsaid: "el PIN que os dio".
                    | [
                        Some("que"),
                        Some("os" | "les" | "nos"),
                        Some("dio" | "dejo" | "paso" | "dieron" | "dejaron"),
                        _
                    ]
                    | [Some("die" | "den" | "das"), Some("er"), ..]
                    // German puts a preposition before the relative: "die Lieferadresse, an
                    // die sie ihr letztes Paket hat schicken lassen" ("Sie", formal you, is
                    // lowercase here too, so only "er" and "sie" with her own thing after it
                    // count).
                    | [
                        Some("an" | "zu" | "nach"),
                        Some("die" | "der" | "den" | "das"),
                        Some("er"),
                        _
                    ]
                    | [
                        Some("an" | "zu" | "nach"),
                        Some("die" | "der" | "den" | "das"),
                        Some("sie"),
                        Some("ihr" | "ihre" | "ihren")
                    ]
            );
            // Where a third person's things go: "what address her orders go to", "l'adresse
            // où ses colis arrivent" ("ihre" is also the formal "your").
            let [first, second, third, _] = next;
            let (a, b) = if matches!(first, Some("ou" | "where" | "donde" | "wohin")) {
                (second, third)
            } else {
                (first, second)
            };
            relative
                || matches!(a, Some("her" | "his" | "ses" | "seine"))
                    && b.is_some_and(|w| owned_thing(w) || matches!(w, "parcels" | "packages"))
        }
    })
}

/// Whether the clause after a person says the thing came to the customer ("the gift she sent
/// me", "lo que compró para mí"): what went to the customer is the customer's to know.
fn received_by_me(rest: &str) -> bool {
    let clause = rest.split(['.', '?', '!', ';']).next().unwrap_or_default();
    let ws: Vec<&str> = crate::person::words(clause)
        .filter(|w| !w.is_empty())
        .collect();
    ws.windows(2).any(|w| {
        matches!(
            w,
            [
                "for" | "to" | "sent" | "gave" | "para" | "pour" | "fur" | "an",
                "me" | "mi" | "moi" | "mich" | "mir"
            ]
        )
    })
}

/// Whether a text says a thing is for the speaker: "for me", "für mich", "para mí".
pub(super) fn for_the_speaker(text: &str) -> bool {
    let ws: Vec<&str> = crate::person::words(text)
        .filter(|w| !w.is_empty())
        .collect();
    ws.windows(2).any(for_me)
}

/// Two words that make the customer who a thing is for: "for me", "para mí", "pour moi",
/// "für mich".
pub(super) fn for_me(pair: &[&str]) -> bool {
    matches!(
        pair,
        ["for", "me"] | ["para", "mi"] | ["pour", "moi"] | ["fur", "mich"]
    )
}

/// "My order", "meine Bestellung": the customer's own thing, whose data is the customer's.
pub(super) fn own_thing_named(text: &str) -> bool {
    // "It isn't my order" denies what it names.
    let (mut b2, mut before) = ("", "");
    crate::person::words(text).any(|w| {
        let own = crate::person::own_possessive(before)
            && owned_thing(w)
            && !matches!(b2, "not" | "isn't" | "wasn't" | "nicht");
        (b2, before) = (before, w);
        own
    })
}

/// "That's my neighbour", "das ist mein Nachbar": the acquaintance is said to be who something
/// is, whom it is for ("the parcel is for my colleague", "das Paket ist für meinen
/// Kollegen") or whose ("le numéro VIN … était à mon ex", "es de mi ex").
pub(super) fn said_to_be(text: &str, person: &Hit) -> bool {
    use crate::person::{word_before, word_start_before};
    let w = word_before(text, person.start);
    let prep = word_start_before(text, person.start);
    let (before, earlier) = crate::person::two_words_before(text, prep);
    copula(w)
        || matches!(w, "for" | "para" | "pour" | "fur" | "a" | "de") && copula(before)
        // "Es la de mi amigo", "c'est celle de mon ami": the one of theirs.
        || w == "de"
            && matches!(before, "la" | "el" | "los" | "las" | "celle" | "celui")
            && copula(earlier)
}

/// A form of "to be" that says who or whose something is, in the four languages.
pub(super) fn copula(w: &str) -> bool {
    matches!(
        w,
        "it's"
            | "that's"
            | "is"
            | "was"
            | "they're"
            | "are"
            | "were"
            | "es"
            | "son"
            | "era"
            | "est"
            | "c'est"
            | "etait"
            | "fue"
            | "war"
            | "ist"
            | "sind"
            // Belonging said outright: "die gehört meinem Mitbewohner".
            | "gehort"
            | "gehoren"
            | "belongs"
            | "belonged"
            | "gehorte"
            | "pertenece"
            | "pertenecia"
            | "appartient"
            | "appartenait"
    )
}

/// "Can you tell me the address on order 38815? That's my neighbour": someone the customer
/// knows, said to be who an order's data belongs to, while the data is asked to be told, not
/// changed ("can you change the address? it's my neighbour, he'll take it in" acts for the
/// customer's own order).
pub(super) fn acquaintance_named(m: &Message<'_>) -> bool {
    // A relative's possession said to be what the data is on: "it's my wife's phone", "es de
    // mi hermano".
    let theirs = |h: &Hit| {
        h.cue == Kin
            && m.text
                .get(h.start..h.end)
                .is_some_and(|t| t.ends_with("'s") || t.starts_with("de "))
    };
    m.hits
        .iter()
        .any(|h| (h.cue == Acquaintance || theirs(h)) && said_to_be(m.text, h))
        && m.hits.iter().any(|h| {
            h.cue == PiiNoun
                && !m.in_quote(h)
                && (m.object_of(h, |c| matches!(c, Request | Reveal))
                    || m.in_question(h) && of_this_thing(m, h))
        })
        && !own_thing_named(m.text)
        && !to_be_changed(m.text)
}

/// "À quelle adresse vous avez envoyé la dernière facture de ce véhicule ?": the question
/// asks for the data of the thing just pointed at, not what the customer should do ("quelle
/// adresse dois-je utiliser ?").
fn of_this_thing(m: &Message<'_>, h: &Hit) -> bool {
    m.ss.iter()
        .find(|s| s.start <= h.start && h.end <= s.end)
        .is_some_and(|s| {
            let ws = || {
                crate::person::words(m.text.get(s.start..s.end).unwrap_or_default())
                    .filter(|w| !w.is_empty())
            };
            ws().any(super::message::demonstrative)
                && !ws().any(|w| {
                    matches!(
                        w,
                        "i" | "je" | "dois-je" | "yo" | "debo" | "ich" | "soll" | "muss" | "should"
                    )
                })
        })
}

/// Whether the data is asked to be changed rather than told: acting for the customer's own
/// order ("can you change the address? it's my neighbour, he'll take it in").
pub(super) fn to_be_changed(text: &str) -> bool {
    crate::person::words(text).any(|w| {
        matches!(
            w,
            "change"
                | "update"
                | "correct"
                | "andern"
                | "aktualisieren"
                | "korrigieren"
                | "cambiar"
                | "corregir"
                | "actualizar"
                | "changer"
                | "modifier"
                | "corriger"
        )
    })
}

/// "¿Qué datos personales tenéis guardados de mi vecino?", "the address of my neighbour",
/// "les coordonnées de ma voisine": personal data asked for, whose holder, someone the
/// customer knows, is named after it by a preposition or a German genitive.
pub(super) fn data_of_kin(m: &Message<'_>) -> bool {
    m.hits.iter().any(|p| {
        p.cue == PiiNoun
            && !m.in_quote(p)
            && (m.in_question(p) || m.object_of(p, |c| matches!(c, Request | Reveal)))
            && m.kins().any(|k| {
                k.start > p.end
                    && m.in_one_clause(p.end, k.start, 40)
                    && (m.text.get(k.start..k.end).is_some_and(|t| {
                        t.starts_with("de ")
                            // German's genitive right after the data: "der Kontostand
                            // meiner Schwester".
                            || k.start <= p.end + 1
                                && (t.starts_with("meiner ") || t.starts_with("meines "))
                    }) || matches!(
                        super::rules::before_kin(m.text, k),
                        Some("of" | "de" | "du" | "des" | "del" | "von" | "vom")
                    ))
            })
    })
}

/// "Can you tell me my sister's address?", "send me my flatmate's pickup code": personal data
/// with the possessive of someone the customer knows right before it, as the object of the
/// verb that asks for it ("tell me my …"). Sent to them ("send the receipt to my partner's
/// email") the data is where something goes, not what is asked for.
pub(super) fn kins_data_asked(m: &Message<'_>) -> bool {
    m.kins().any(|k| {
        m.text
            .get(k.start..k.end)
            .is_some_and(|t| t.ends_with("'s"))
            && crate::person::own_possessive(m.word_before(k.start))
            && m.hits.iter().any(|r| {
                matches!(r.cue, Request | Reveal)
                    && !m.in_quote(r)
                    && r.end <= k.start
                    && crate::person::words(m.text.get(r.end..k.start).unwrap_or_default())
                        .filter(|w| !w.is_empty())
                        .eq(std::iter::once(m.word_before(k.start)))
            })
            && m.hits.iter().any(|p| {
                p.cue == PiiNoun
                    && p.start >= k.end
                    && crate::person::words(m.text.get(k.end..p.start).unwrap_or_default())
                        .filter(|w| !w.is_empty())
                        .count()
                        <= 1
                    && m.in_one_clause(k.end, p.start, 16)
            })
    })
}

/// "¿Podéis cambiar la fecha de entrega de su pedido?": an account action that only moves a
/// delivery's day or slot, an errand done for a relative, not their account taken over; so
/// does one that names the day it moves to ("move my son's lesson to Thursday").
pub(super) fn reschedules(text: &str, action: &Hit) -> bool {
    crate::person::words(text.get(action.end..).unwrap_or_default())
        .filter(|w| !w.is_empty())
        .take(5)
        .any(|w| {
            matches!(
                w,
                "date"
                    | "day"
                    | "slot"
                    | "time"
                    | "fecha"
                    | "hora"
                    | "dia"
                    | "creneau"
                    | "jour"
                    | "termin"
                    | "liefertermin"
                    | "lieferdatum"
                    | "zeitfenster"
            )
        })
        // ... or to a day named as where it goes ("move my son's lesson to Thursday"; "delete
        // my daughter's account on Monday" moves nothing).
        || crate::person::words(text.get(action.end..).unwrap_or_default())
            .filter(|w| !w.is_empty())
            .take(6)
            .collect::<Vec<_>>()
            .windows(2)
            .any(|p| match p {
                [to, day] => {
                    matches!(*to, "to" | "al" | "au" | "a" | "auf" | "zum" | "para" | "pour")
                        && crate::person::weekday(day)
                }
                _ => false,
            })
}
