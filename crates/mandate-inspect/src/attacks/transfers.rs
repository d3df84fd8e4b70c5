//! Charges and holdings moved between people: a charge sent to another's card or account,
//! another's thing moved into the speaker's name, a prescription borrowed.

use crate::lexicon::Cue::*;
use crate::person::word_after;

use super::holders::third_possessive;
use super::message::Message;

/// "Put it on Brightloop's account", "charge it to Sam's card": a charge sent to an account
/// named by a possessive that is neither the customer's ("my company's account") nor the
/// shop's ("your account").
pub(super) fn charged_to_possessor(text: &str) -> bool {
    // Most texts name no one's account with a possessive: one search for the possessive says so.
    if !crate::bytes::needle!(b"'s ")
        .find_iter(text.as_bytes())
        .any(|at| {
            let rest = text.get(at + 3..).unwrap_or_default();
            ["account", "card", "tab", "own account", "own card"]
                .iter()
                .any(|t| rest.starts_with(t))
        })
    {
        return false;
    }
    let ws: Vec<&str> = crate::person::words(text)
        .filter(|w| !w.is_empty())
        .collect();
    // The verb, its object in up to four words ("it", "my ironing", "my unpaid farrier
    // charge"), the preposition, then the possessor, after a determiner of its own ("my
    // landlord's account"), whose "own" account it may be ("the yard's own account").
    // A charge is moved as well as put: "move my unpaid charge onto …" (moving a booking
    // names no charge).
    // The speaker asking whether they may ("can I put it on my mum's card?") commands nothing.
    ws.iter().enumerate().any(|(i, verb)| {
        (matches!(*verb, "put" | "charge" | "bill" | "add" | "book")
            || matches!(*verb, "move" | "transfer" | "shift")
                && ws.get(i + 1..(i + 5).min(ws.len())).is_some_and(|object| {
                    object.iter().any(|w| {
                        matches!(*w, "charge" | "fee" | "bill" | "balance" | "debt" | "fine")
                    })
                }))
            && !i
                .checked_sub(1)
                .and_then(|b| ws.get(b))
                .is_some_and(|b| matches!(*b, "i" | "we"))
            && (i + 2..(i + 6).min(ws.len())).any(|j| {
                let Some(prep) = ws.get(j) else {
                    return false;
                };
                let k = if ws
                    .get(j + 1)
                    .is_some_and(|d| matches!(*d, "my" | "his" | "her" | "our" | "their" | "the"))
                {
                    j + 2
                } else {
                    j + 1
                };
                let thing = if ws.get(k + 1) == Some(&"own") {
                    k + 2
                } else {
                    k + 1
                };
                matches!(*prep, "on" | "to" | "onto")
                    && ws
                        .get(thing)
                        .is_some_and(|t| matches!(*t, "account" | "card" | "tab"))
                    && ws
                        .get(k)
                        .and_then(|o| o.strip_suffix("'s"))
                        .is_some_and(|name| {
                            !matches!(
                                name,
                                "company"
                                    | "business"
                                    | "employer"
                                    | "family"
                                    | "household"
                                    | "team"
                                    | "firm"
                                    | "office"
                            )
                        })
            })
    })
}

/// "Streichen Sie dafür jemanden, der noch nicht bezahlt hat", "take someone off the class
/// list so I can have the place", "quita a alguien que no haya pagado": another person, named
/// only as someone, commanded off what they booked. Someone struck off the speaker's own
/// booking ("remove someone from my booking") is the speaker's to change. `someones` are
/// where the `Someone` cues start.
pub(super) fn someone_struck_off(text: &str, mut someones: impl Iterator<Item = usize>) -> bool {
    someones.any(|at| {
        let sentence = crate::person::sentence_around(text, at);
        let start = (sentence.as_ptr() as usize).wrapping_sub(text.as_ptr() as usize);
        let before: Vec<&str> = crate::person::words(text.get(start..at).unwrap_or_default())
            .filter(|w| !w.is_empty())
            .collect();
        let after: Vec<&str> =
            crate::person::words(text.get(at..start + sentence.len()).unwrap_or_default())
                .filter(|w| !w.is_empty())
                .collect();
        // "Take someone off", "kick someone out": the particle after the person.
        let particle = after
            .iter()
            .skip(1)
            .take(4)
            .any(|w| matches!(*w, "off" | "out"));
        let removing = |w: &str| {
            [
                "remove", "strike", "cross", "bump", "streich", "entfern", "quita", "quite",
                "saca", "elimina", "borra", "echa", "tacha", "enleve", "retire", "raye", "vire",
                "supprime",
            ]
            .iter()
            .any(|v| w.starts_with(v))
                || particle && matches!(w, "take" | "kick" | "throw" | "knock")
        };
        // Said of what was done ("did you remove someone?", "I removed someone"), not
        // commanded.
        let reported = |i: usize| {
            let word = |back: usize| {
                i.checked_sub(back)
                    .and_then(|b| before.get(b))
                    .copied()
                    .unwrap_or_default()
            };
            let done = |w: &str| matches!(w, "did" | "didn't" | "has" | "have" | "had");
            done(word(1))
                || matches!(
                    word(1),
                    "i" | "we" | "they" | "he" | "she" | "ich" | "wir" | "je" | "nous" | "yo"
                        | "hat" | "habt" | "haben"
                )
                // "Did you remove someone?"
                || word(1) == "you" && done(word(2))
        };
        !after
            .iter()
            .skip(1)
            .any(|w| crate::person::own_possessive(w))
            && !text
                .get(at..)
                .is_some_and(|t| t.split(' ').next().is_some_and(|w| w.ends_with("'s")))
            && before
                .iter()
                .enumerate()
                .rev()
                .take(4)
                .any(|(i, w)| removing(w) && !reported(i))
    })
}

/// Where a charge is put: a card or an account.
const THING: &[&str] = &[
    "card",
    "cards",
    "account",
    "accounts",
    "tarjeta",
    "tarjetas",
    "cuenta",
    "cuentas",
    "carte",
    "cartes",
    "compte",
    "comptes",
    "karte",
    "karten",
    "kreditkarte",
    "kreditkarten",
    "konto",
    "konten",
    // A quote the work is billed on: "facture-le sur le devis de mon voisin".
    "devis",
    "presupuesto",
    "quote",
    "angebot",
];

/// A booking a charge may be put on: "cóbraselo a la reserva del cumpleaños de los Martínez".
const BOOKING: &[&str] = &["reserva", "booking", "reservation", "buchung"];

/// "Charge the extra to whichever cards the other drivers have on file", "cárgalo a las
/// tarjetas de los otros conductores", "facture le tout sur la carte de l'école": a charge
/// sent to the cards or accounts of other people, or of one named after a preposition of
/// possession (the customer's own other card, "the other card", is theirs, and so is "la
/// cuenta de mi empresa" or "de la empresa", as "my company's account" is in English).
/// `verbs` are where the verbs of charging start (the `ChargedTo` cues): only their sentences
/// are read ("un punto de carga? Ma carte de …" charges nothing). `acquaintance` says whether
/// someone the customer knows is named from a position ("de mon voisin": another household,
/// where "de mi marido" is the customer's own).
pub(super) fn charged_to_others(
    text: &str,
    mut verbs: impl Iterator<Item = usize>,
    acquaintance: impl Fn(usize) -> bool,
) -> bool {
    verbs.any(|at| {
        // The verb is the cue's own word.
        let (ws, verb) = crate::person::words_around(text, at);
        verb.is_some_and(|i| {
            charged_in(&ws, i, |w: &str| {
                acquaintance(crate::person::offset_in(text, w))
            })
        })
    })
}

/// Whether the verb of charging at word `i` of a sentence's words `ws` sends the charge to
/// others' cards: not a noun after "de" or an article ("un punto de carga"), with a card or
/// an account within the next words, held by others or by a possessor named after it, or by
/// someone the customer knows (`acquaintance` says whether one is named from a word).
fn charged_in(ws: &[&str], i: usize, acquaintance: impl Fn(&str) -> bool) -> bool {
    let other = |w: &str| {
        matches!(
            w,
            "other" | "others" | "otros" | "otras" | "autres" | "anderen"
        )
    };
    // "De l'école", "del colegio", "von Frau Weber": the holder after the preposition and its
    // article ("carte de crédit", "carte de recharge" name a kind of card); a business is the
    // customer's own to pay from.
    // A household named by what it did ("the card of the family who had it before me", "la
    // tarjeta de la familia que reservó antes") is another household: the customer's own
    // needs no description.
    let possessor = |j: usize| {
        let (prep, next) = (ws.get(j + 1).copied(), ws.get(j + 2).copied());
        let (noun, at) = match (prep, next) {
            (Some("de" | "of" | "von"), Some(mine))
                if crate::person::own_possessive(mine) && acquaintance(mine) =>
            {
                return true;
            }
            (Some("del" | "du" | "des" | "vom"), n) => (n, j + 2),
            (Some("de"), Some(a)) if a.starts_with("l'") => (a.get(2..), j + 2),
            (Some("de"), Some("la" | "los" | "las"))
            | (Some("von"), Some(_))
            | (Some("of"), Some("the" | "that" | "those")) => (ws.get(j + 3).copied(), j + 3),
            _ => (None, j),
        };
        let described = || {
            ws.get(at + 1)
                .is_some_and(|r| matches!(*r, "who" | "que" | "qui" | "die" | "der"))
        };
        noun.is_some_and(|n| {
            (!business(n) || household(n) && described()) && !crate::person::own_possessive(n)
        })
    };
    // A booking held by another family ("de los Martínez", "of the Smith family"); the
    // customer's own ("la reserva del sábado", "de mi familia") is theirs to pay on.
    let others_booking = |j: usize| {
        let after = ws.get(j + 1..(j + 7).min(ws.len())).unwrap_or_default();
        ws.get(j).is_some_and(|t| BOOKING.contains(t))
            && (after.windows(2).any(|p| matches!(p, ["de", "los"]))
                || after.iter().any(|w| household(w)))
            && !after.iter().any(|w| crate::person::own_possessive(w))
    };
    !(i > 0
        && ws
            .get(i - 1)
            .is_some_and(|b| *b == "de" || super::message::determiner(b)))
        // German may put a relative clause between ("buch die Stunden, die meine Tochter
        // verpasst hat, auf das Konto von Familie Brandt um").
        && (i + 1..(i + 13).min(ws.len())).any(|j| {
            others_booking(j)
                || ws.get(j).is_some_and(|t| THING.contains(t))
                    && ((j.saturating_sub(4)..(j + 6).min(ws.len())).any(|k| {
                        ws.get(k).is_some_and(|w| other(w))
                            && ws.get(k + 1).is_some_and(|n| {
                                !THING.contains(n) && !matches!(*n, "one" | "payment" | "way")
                            })
                    }) || possessor(j))
        })
}

/// A firm or a household, which a customer pays from as its member: "la cuenta de la
/// empresa", "la carte de l'entreprise".
fn business(w: &str) -> bool {
    matches!(
        w,
        "empresa"
            | "entreprise"
            | "societe"
            | "firma"
            | "compania"
            | "negocio"
            | "oficina"
            | "bureau"
            | "equipo"
            | "equipe"
            | "familia"
            | "famille"
            | "familie"
            | "family"
            | "household"
            | "company"
            | "business"
            | "firm"
            | "employer"
            | "team"
            | "office"
            | "casa"
            | "maison"
    )
}

/// A family or a household, one of `business`.
fn household(w: &str) -> bool {
    matches!(
        w,
        "familia" | "famille" | "familie" | "family" | "household"
    )
}

/// "Übertrag den Schreibtisch von Herrn Koch auf mich", "move Mrs Lee's locker over to me":
/// something of a person named by their title moved to the speaker, or merged with the
/// speaker's ("fusionne mon compte avec celui de Mme Lefort"), or the speaker's booking moved
/// onto theirs.
pub(super) fn moved_from_titled(text: &str, titles: impl Iterator<Item = usize>) -> bool {
    let mut titles = titles;
    titles.any(|at| {
        // The title, the name, then "to me" within four words.
        let after: Vec<&str> = crate::person::words(text.get(at..).unwrap_or_default())
            .filter(|w| !w.is_empty())
            .take(6)
            .collect();
        after.get(2..).is_some_and(|after| {
            after.windows(2).any(|p| {
                matches!(
                    p,
                    ["to" | "auf" | "a" | "sur", "me" | "mich" | "mi" | "moi"]
                )
            })
        }) || {
            // ... or the speaker's account merged with theirs: "fusionne mon compte avec
            // celui de Mme Lefort".
            let before: Vec<&str> = crate::person::words(text.get(..at).unwrap_or_default())
                .rev()
                .filter(|w| !w.is_empty())
                .take(7)
                .collect();
            before.iter().any(|w| {
                ["merge", "fusion", "combin", "zusammen", "verbinde"]
                    .iter()
                    .any(|v| w.starts_with(v))
            }) && before
                .iter()
                .any(|w| matches!(*w, "with" | "avec" | "con" | "mit"))
                // ... or the speaker's booking moved onto theirs: "buchen Sie meine Anprobe
                // auf den Termin von Frau Keller um".
                || matches!(before.as_slice(), [of, slot, ..]
                    if matches!(*of, "von" | "of" | "de" | "del" | "du")
                        && matches!(*slot, "termin" | "slot" | "appointment" | "booking" | "cita"
                            | "reserva" | "creneau" | "rendez-vous" | "platz" | "place"))
                    && crate::person::words(crate::person::sentence_around(text, at)).any(|w| {
                        ["umbuch", "buch", "verschieb", "verleg", "move", "put", "book", "pon", "cambia",
                            "mets", "deplace"]
                            .iter()
                            .any(|v| w.starts_with(v))
                    })
        }
    })
}

/// "Transférez ses séances restantes sur mon compte", "move her points to my account": what
/// is a third person's moved to the speaker's account, with at most four words between the
/// possessive and "to my account". The speaker's own moved there ("move my points to my new
/// account") is theirs.
pub(super) fn theirs_to_my_account(text: &str) -> bool {
    // Most texts name no account: a few substring searches say so before the words are read.
    names_an_account(text)
        && theirs_moved(text, |p| {
            matches!(
                p,
                [
                    "to" | "onto" | "into" | "sur" | "a" | "en" | "auf",
                    "my" | "mon" | "mi" | "mein" | "meinen" | "meine" | "meinem",
                    a
                ] if super::words::account_word(a)
            )
        })
}

/// "Pon su perfil a mi nombre", "put his profile in my name", "pon la cuenta de mi hermano a
/// mi nombre": an account or profile of someone else's put in the speaker's name.
pub(super) fn put_in_my_name(text: &str) -> bool {
    // Most texts name no name: two prebuilt searches ("nom" is in "nombre") say so first.
    let b = text.as_bytes();
    let to_my_name = |p: &[&str]| {
        matches!(
            p,
            [
                "in" | "a" | "auf" | "into" | "to",
                "my" | "mi" | "mon" | "meinen",
                "name" | "nombre" | "nom" | "namen"
            ]
        )
    };
    (crate::bytes::needle!(b"nom").find(b).is_some()
        || crate::bytes::needle!(b"name").find(b).is_some())
        && ["my name", "mi nombre", "mon nom", "meinen namen"]
            .iter()
            .any(|n| text.contains(n))
        && (names_an_account(text) && theirs_moved(text, to_my_name) || holder_renamed(text))
}

/// "Cambia el titular del contrato de la habitación 12 a mi nombre": the holder of a
/// contract or an account changed to the speaker's name.
fn holder_renamed(text: &str) -> bool {
    let ws: Vec<&str> = crate::person::words(text)
        .filter(|w| !w.is_empty())
        .collect();
    ws.iter().enumerate().any(|(i, w)| {
        matches!(
            *w,
            "titular" | "holder" | "titulaire" | "inhaber" | "vertragsinhaber" | "kontoinhaber"
        ) && ws.get(i + 1..(i + 12).min(ws.len())).is_some_and(|after| {
            after.windows(3).any(|p| {
                matches!(
                    p,
                    [
                        "in" | "a" | "auf" | "into" | "to",
                        "my" | "mi" | "mon" | "meinen",
                        "name" | "nombre" | "nom" | "namen"
                    ]
                )
            })
        })
    })
}

/// Whether an account or a profile is named at all, in any of the four languages.
/// "Mettez son acompte sur ma commande", "put her deposit towards my order": money a third
/// person paid moved onto the speaker's own order or booking.
pub(super) fn theirs_paid_onto_mine(text: &str) -> bool {
    if !crate::bytes::phrases!([
        "deposit",
        "acompte",
        "senal",
        "anzahlung",
        "credit",
        "avoir",
        "saldo",
        "guthaben",
    ])
    .in_text(text)
    {
        return false;
    }
    // The speaker's own order named, as the words after must name it: only its sentence is
    // read.
    let Some(at) = crate::bytes::phrases!([
        "my order",
        "my booking",
        "my reservation",
        "ma commande",
        "ma reservation",
        "mi pedido",
        "mi reserva",
        "meine bestellung",
        "meine buchung",
    ])
    .find(text) else {
        return false;
    };
    theirs_moved(crate::person::sentence_around(text, at), |p| {
        matches!(
            p,
            [
                "to" | "onto" | "towards" | "sur" | "a" | "en" | "auf",
                "my" | "mon" | "ma" | "mi" | "mein" | "meine" | "meinen",
                thing
            ] if matches!(*thing, "order" | "booking" | "commande" | "reservation"
                | "pedido" | "reserva" | "bestellung" | "buchung")
        )
    })
}

fn names_an_account(text: &str) -> bool {
    ["account", "cuenta", "compte", "konto", "profil", "perfil"]
        .iter()
        .any(|a| text.contains(a))
}

/// Whether a third person's thing is followed, within seven words of one sentence, by three
/// words `to_mine` accepts. The possessive is a third person's; Spanish "su" too, as nobody
/// asks for the shop's own account to be moved to them; or a relative's ("my brother's
/// profile", "el perfil de mi hermano").
fn theirs_moved(text: &str, to_mine: impl Fn(&[&str]) -> bool) -> bool {
    let ws: Vec<&str> = crate::person::words(text)
        .filter(|w| !w.is_empty())
        .collect();
    let base = text.as_ptr() as usize;
    ws.iter().enumerate().any(|(i, w)| {
        let theirs = third_possessive(w)
            || matches!(*w, "su" | "sus")
            || w.ends_with("'s") && i > 0 && ws.get(i - 1) == Some(&"my")
            || matches!(*w, "de" | "von")
                && matches!(
                    ws.get(i + 1).copied(),
                    Some("mi" | "mon" | "ma" | "meinem" | "meiner" | "meines")
                )
                && ws
                    .get(i + 2)
                    .is_some_and(|r| !super::words::account_word(r));
        // In one sentence: "mi hermano ya no usa su perfil. ¿Puedo crear uno a mi nombre?"
        // asks for a profile of the speaker's own.
        let one_sentence = |to: &str| {
            let from = (w.as_ptr() as usize).wrapping_sub(base);
            let end = (to.as_ptr() as usize).wrapping_sub(base);
            text.get(from..end)
                .is_some_and(|between| !between.contains(['.', '?', '!', ';']))
        };
        theirs
            && ws.get(i + 1..(i + 8).min(ws.len())).is_some_and(|after| {
                after
                    .windows(3)
                    .take(5)
                    .any(|p| to_mine(p) && p.first().is_some_and(|t| one_sentence(t)))
            })
    })
}

/// "Commandez-moi six boîtes de lentilles sur l'ordonnance de ma sœur", "order me lenses on
/// my sister's prescription": what a prescription allows, ordered for the speaker on someone
/// else's. Ordering for the relative ("my mum's lenses, on her prescription") is theirs, and
/// asking whether a prescription is still valid orders nothing.
pub(super) fn prescription_borrowed(m: &Message<'_>) -> bool {
    let prescription = |w: &str| {
        matches!(
            w.strip_prefix("l'").unwrap_or(w),
            "prescription" | "ordonnance" | "receta" | "rezept" | "verschreibung"
        )
    };
    let theirs = m.hits.iter().any(|h| {
        matches!(h.cue, Kin | Acquaintance)
            && (prescription(word_after(m.text, h.end))
                || prescription(crate::person::word_before(m.text, h.start)))
    });
    theirs && {
        let ws: Vec<&str> = crate::person::words(m.text)
            .filter(|w| !w.is_empty())
            .collect();
        ws.windows(2).any(|pair| {
            matches!(
                pair,
                [
                    "order"
                        | "get"
                        | "send"
                        | "ship"
                        | "commandez"
                        | "commande"
                        | "envoyez"
                        | "bestellen"
                        | "bestell"
                        | "bestelle"
                        | "schicken"
                        | "schick",
                    "me" | "moi" | "mir"
                ]
            ) || super::whose::for_me(pair)
        }) || ws
            .windows(3)
            .any(|w| matches!(w, ["bestellen" | "schicken" | "senden", "sie", "mir"]))
            || ws.iter().any(|w| {
                matches!(
                    *w,
                    "pideme" | "pidame" | "mandame" | "mandeme" | "enviame" | "envieme"
                )
            })
    }
}
