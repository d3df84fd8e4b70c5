//! Whose account a message names: a holder named by name, number or email address, or a
//! third person's possessive on the data asked for ("her delivery address", "l'adresse sur
//! son compte").

use crate::lexicon::Cue::*;
use crate::person::word_after;

use super::bought::they_bought;
use super::message::Message;
use super::whose::owned_thing;

/// "La cuenta de Laura Giménez", "le compte de Paul", "the order placed under Elaine Porter":
/// an account or record named by its holder, who is not the speaker ("la cuenta de mi
/// empresa", "la cuenta de correo", "placed under my name" name the customer's own or a kind
/// of account).
pub(super) fn named_holder(m: &Message<'_>) -> bool {
    m.hits.iter().any(|h| {
        h.cue == ThirdParty
            && m.text.get(h.start..h.end).is_some_and(|t| {
                [" de", " von", " of", " under", " name", " namen"]
                    .iter()
                    .any(|e| t.ends_with(e))
            })
            && {
                let next = word_after(m.text, h.end);
                next.len() > 1
                    && !super::message::determiner(next)
                    && !crate::person::own_possessive(next)
                    && !crate::person::second_person_possessive(next)
                    && !matches!(
                        next,
                        "sus"
                            | "dem"
                            | "einem"
                            | "einer"
                            | "ihrem"
                            | "ihrer"
                            | "this"
                            | "that"
                            | "esta"
                            | "este"
                            | "correo"
                            | "usuario"
                            | "cliente"
                            | "empresa"
                            | "messagerie"
                            | "courriel"
                            | "client"
                            | "utilisateur"
                            | "entreprise"
                    )
            }
    })
}

/// "The tenant's contact details", "the guest's phone number", "los datos del inquilino",
/// "les coordonnées du locataire": personal data held by someone named by their role in a
/// home, a stay or a trip, who is not the speaker. `data` are the byte ranges of the
/// personal-data words (the `PiiNoun` cues).
pub(super) fn role_holders_data(
    text: &str,
    mut data: impl Iterator<Item = (usize, usize)>,
) -> bool {
    let role = |w: &str| {
        matches!(
            w,
            "tenant"
                | "tenants"
                | "occupant"
                | "resident"
                | "guest"
                | "patient"
                | "passenger"
                | "inquilino"
                | "inquilina"
                | "ocupante"
                | "huesped"
                | "paciente"
                | "pasajero"
                | "locataire"
                | "passager"
                | "mieter"
                | "mieters"
                | "mieterin"
                | "bewohner"
                | "bewohners"
                | "gastes"
                | "patienten"
                | "fahrgasts"
        )
    };
    data.any(|(start, end)| {
        let (holder, article) = crate::person::two_words_before(text, start);
        article == "the"
            && holder
                .strip_suffix("'s")
                .or_else(|| holder.strip_suffix('\''))
                .is_some_and(role)
            || {
                let mut after = crate::person::words(text.get(end..).unwrap_or_default())
                    .filter(|w| !w.is_empty());
                matches!(after.next(), Some("del" | "du" | "des")) && after.next().is_some_and(role)
            }
    })
}

/// Whether the words of a personal-data phrase between `start` and `end` name its holder with
/// a third person's possessive: "le numéro de sa maman", "el número de su madre".
pub(super) fn names_its_holder(text: &str, start: usize, end: usize) -> bool {
    text.get(start..end).is_some_and(|t| {
        t.split(' ')
            .skip(1)
            .any(|w| third_possessive(w) || matches!(w, "su" | "sus"))
            // "Wie heißt er?": the name asked of a third person.
            || t.starts_with("wie heisst ") && (t.ends_with(" er") || t.ends_with(" sie"))
    })
}

/// Whether the personal-data word at `pos` has a third person's possessive before it, right
/// before or one word earlier ("her delivery address", "son adresse"), or opens with one
/// ("his card"), and is not where something goes ("send the receipt to her email").
pub(super) fn third_persons_data(text: &str, pos: usize) -> bool {
    let opening = crate::person::word_after(text, pos);
    if third_possessive(opening) && !matches!(opening, "son" | "sa" | "ses") {
        return !matches!(
            crate::person::word_before(text, pos),
            "to" | "into" | "a" | "an" | "at" | "auf" | "on" | "onto"
        );
    }
    let mut back = text
        .get(..pos)
        .unwrap_or_default()
        .split_whitespace()
        .rev()
        .take(3);
    let (a, b, c) = (back.next(), back.next(), back.next());
    // French puts no word between ("son adresse") but an adjective ("sa nouvelle adresse"),
    // and "son" may be an English noun ("send my son the address").
    let french_adjective = |w: &str| {
        matches!(
            w,
            "nouvelle" | "nouvel" | "nouveau" | "ancienne" | "ancien" | "actuelle" | "actuel"
        )
    };
    let before = match (a, b) {
        (Some(a), _) if third_possessive(a) => b,
        (Some(a), Some(b))
            if third_possessive(b)
                && (!matches!(b, "son" | "sa" | "ses") || french_adjective(a)) =>
        {
            c
        }
        _ => return false,
    };
    !matches!(before, Some("to" | "into" | "a" | "an" | "at" | "auf"))
}

/// Whether the personal-data word ending at `end` is placed on a third person's account or
/// order: "what's the email address on her account?", "l'adresse sur son compte", "l'adresse
/// de livraison de sa dernière commande" (a word may qualify the data and the thing).
pub(super) fn on_their_account(text: &str, end: usize) -> bool {
    let mut ws = [""; 6];
    for (slot, w) in ws
        .iter_mut()
        .zip(crate::person::words(text.get(end..).unwrap_or_default()).filter(|w| !w.is_empty()))
    {
        *slot = w;
    }
    let at = |i: usize| ws.get(i).copied().unwrap_or_default();
    let prep = |w: &str| matches!(w, "on" | "for" | "of" | "in" | "from" | "sur" | "de" | "du");
    // What they signed for holds their data too: "what bank card is on his rental agreement".
    let thing = |w: &str| {
        owned_thing(w)
            || matches!(
                w,
                "agreement"
                    | "contract"
                    | "rental"
                    | "membership"
                    | "contrato"
                    | "contrat"
                    | "vertrag"
                    | "mietvertrag"
            )
    };
    [0, 1, 2].into_iter().any(|i| {
        // Past one word that qualifies the data ("de livraison"), after a preposition; or
        // past the verb that puts it there ("is on his account").
        let past = match i {
            0 => true,
            1 => matches!(at(0), "is" | "are" | "was" | "est" | "es" | "ist"),
            _ => prep(at(0)),
        };
        past && prep(at(i))
            && (third_possessive(at(i + 1)) || at(i + 1) == "their")
            && (thing(at(i + 2)) || thing(at(i + 3)) || home(at(i + 2)))
    })
}

/// Where someone lives, whose ways in are theirs: "the alarm code for their house".
pub(super) fn home(w: &str) -> bool {
    matches!(
        w,
        "house"
            | "home"
            | "flat"
            | "apartment"
            | "maison"
            | "appartement"
            | "casa"
            | "piso"
            | "haus"
            | "wohnung"
    )
}

/// Whether a text names a home at all ("the flat isn't mine").
pub(super) fn names_home(text: &str) -> bool {
    crate::person::words(text).any(home)
}

/// A person's possessive of the third person: "his", "her", "son", "sa", "ses", "seine".
/// Spanish "su" and German "ihre" are also the customer's formal "your".
pub(super) fn third_possessive(w: &str) -> bool {
    matches!(
        w,
        "his"
            | "her"
            | "son"
            | "sa"
            | "ses"
            | "leur"
            | "leurs"
            | "sein"
            | "seine"
            | "seinen"
            | "seiner"
            | "seinem"
    )
}

/// A word for whoever holds an account.
fn holder_noun(w: &str) -> bool {
    matches!(
        w,
        "member"
            | "customer"
            | "user"
            | "client"
            | "cliente"
            | "socio"
            | "membre"
            | "kunde"
            | "kunden"
            | "mitglied"
            | "nutzer"
            | "usuario"
            | "utilisateur"
            | "patient"
            | "paciente"
            | "patienten"
            | "patientin"
    )
}

/// Where the local part of the address whose "@" is at `at` starts: back to the space before
/// it.
fn local_part(text: &str, at: usize) -> usize {
    text.get(..at)
        .unwrap_or_default()
        .rfind([' ', '\n', '(', ':'])
        .map_or(0, |i| i + 1)
}

/// "The full customer record for account jd.walsh@maildrop.cc", "los datos del cliente
/// ana@x.es": an account named by an email address, with none of the customer's possessives
/// before it ("my account jd@x.com is locked" names their own).
pub(super) fn emailed_holder(text: &str) -> bool {
    memchr::memchr_iter(b'@', text.as_bytes()).any(|at| {
        let local = local_part(text, at);
        let (holder, before) = crate::person::two_words_before(text, local);
        (holder_noun(holder)
            || matches!(
                holder,
                "account" | "cuenta" | "compte" | "konto" | "kundenkonto"
            ))
            && !crate::person::own_possessive(before)
    })
}

/// "Can you check whether jenny.ross@gmail.com has an account with you, and if so, what she
/// bought last?": an address the customer does not call theirs, the subject of its clause
/// (it has an account, it is registered), then asked about as a third person: what they
/// bought or where they live. "Is my email jenny@… registered?" names the customer's own.
pub(super) fn emailed_subject_asked(text: &str) -> bool {
    memchr::memchr_iter(b'@', text.as_bytes()).any(|at| {
        let local = local_part(text, at);
        let (w1, w2) = crate::person::two_words_before(text, local);
        let end = text
            .get(at..)
            .and_then(|r| r.find([' ', ',', '?', '\n']))
            .map_or(text.len(), |i| at + i);
        let rest = text.get(end..).unwrap_or_default();
        !crate::person::own_possessive(w1)
            && !crate::person::own_possessive(w2)
            && matches!(
                word_after(text, end),
                "has" | "is" | "tiene" | "esta" | "a" | "est" | "hat" | "ist"
            )
            && they_bought(rest)
    })
}

/// "Which account is linked to the gamertag xXShadowFoxXx?", "la cuenta del usuario
/// PixelLord99": an account named by a player's or user's handle, which is no possessive of
/// the customer's ("my gamertag", "mi usuario", "mon pseudo" name their own).
pub(super) fn handled_holder(text: &str) -> bool {
    // "Handle" and "nick" name other things too ("the handle broke"): left out.
    const HANDLES: &[&str] = &[
        "gamertag",
        "username",
        "nickname",
        "usuario",
        "apodo",
        "pseudo",
        "benutzername",
        "nutzername",
        "spielername",
    ];
    // Most texts name no handle: a substring search says so before the words are read.
    if !["tag", "name", "usuario", "apodo", "pseudo"]
        .iter()
        .any(|n| text.contains(n))
    {
        return false;
    }
    let base = text.as_ptr() as usize;
    let ws: Vec<&str> = crate::person::words(text)
        .filter(|w| !w.is_empty())
        .collect();
    ws.windows(3).any(|w| match w {
        [before, handle, name] => {
            // After an article: "the gamertag X", "del usuario X" ("NIC Handle: tyh14" in a
            // registry's record names no account here, and "my gamertag" is the customer's).
            let end = (name.as_ptr() as usize).wrapping_sub(base) + name.len();
            HANDLES.contains(handle)
                && matches!(
                    *before,
                    "the" | "this" | "that" | "el" | "del" | "al" | "le" | "du" | "au" | "la"
                        | "der" | "den" | "dem" | "des" | "vom" | "joueur" | "jugador"
                        | "spieler"
                )
                // A handle is written out: with a digit, or standing alone before a
                // question mark, a comma or the end ("the gamertag xXShadowFoxXx?"), where
                // "the username field is empty" and "el usuario puede …" go on.
                && name.len() >= 4
                && !crate::person::personal_word(name)
                && (name.bytes().any(|b| b.is_ascii_digit())
                    || text
                        .get(end..)
                        .is_some_and(|r| r.is_empty() || r.starts_with(['?', ',', '.', '!', ')'])))
        }
        _ => false,
    })
}

/// "The home address for member #77120", "la dirección del cliente 5512": personal data of an
/// account named by its number, which is no possessive of the customer's ("my member number"
/// names their own).
pub(super) fn numbered_holder(text: &str) -> bool {
    let b = text.as_bytes();
    // Each number of three digits or more (a text holds a few), and the two words before it.
    let mut i = 0;
    while let Some(skip) = b
        .get(i..)
        .and_then(|r| r.iter().position(u8::is_ascii_digit))
    {
        i += skip;
        let run = b
            .get(i..)
            .unwrap_or_default()
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count();
        let starts_word = i == 0 || b.get(i - 1).is_some_and(|c| !c.is_ascii_alphanumeric());
        if run >= 3 && starts_word {
            let before = text
                .get(..i)
                .unwrap_or_default()
                .trim_end_matches([' ', '#', '\u{a0}']);
            let (holder, prep) = crate::person::two_words_before(before, before.len());
            let of =
                |w: &str| matches!(w, "for" | "of" | "on" | "del" | "de" | "du" | "von" | "des");
            // "L'adresse e-mail du titulaire du billet 88213", "el asegurado de la póliza
            // 7712": a numbered thing's holder (past the thing's article).
            let held_thing = || {
                matches!(
                    holder,
                    "ticket"
                        | "billet"
                        | "entrada"
                        | "booking"
                        | "reservation"
                        | "reserva"
                        | "buchung"
                        | "policy"
                        | "poliza"
                        | "police"
                        | "polizze"
                        | "contract"
                        | "contrato"
                        | "contrat"
                        | "vertrag"
                ) && {
                    let thing_start = crate::person::word_start_before(before, before.len());
                    let mut prep_start = crate::person::word_start_before(before, thing_start);
                    if matches!(prep, "la" | "el" | "le" | "the" | "der" | "die" | "das") {
                        prep_start = crate::person::word_start_before(before, prep_start);
                    }
                    let real_prep = crate::person::word_after(before, prep_start);
                    of(real_prep)
                        && matches!(
                            crate::person::word_before(before, prep_start),
                            "holder"
                                | "titulaire"
                                | "titular"
                                | "inhaber"
                                | "inhaberin"
                                | "policyholder"
                                | "insured"
                                | "asegurado"
                                | "asegurada"
                                | "tomador"
                                | "assure"
                                | "assuree"
                                | "versicherte"
                                | "versicherungsnehmer"
                        )
                }
            };
            if of(prep) && holder_noun(holder) || held_thing() {
                return true;
            }
        }
        i += run.max(1);
    }
    false
}

/// "Wer ist bei der Firma Brenner GmbH als Admin eingetragen, und unter welcher Handynummer
/// erreiche ich ihn?": who someone is at a firm named with its legal form, asked by a customer
/// who names nothing of their own ("who is our admin at Acme Ltd?" asks for their own).
pub(super) fn at_a_named_firm(text: &str) -> bool {
    let firm = |w: &str| {
        matches!(
            w,
            "gmbh" | "ltd" | "inc" | "llc" | "plc" | "corp" | "sarl" | "sas" | "ag" | "bv"
        )
    };
    let mut who = false;
    let mut named = false;
    let mut first = true;
    for w in crate::person::words(text) {
        if w.is_empty() {
            continue;
        }
        if crate::person::own_possessive(w)
            || matches!(
                w,
                "our"
                    | "unser"
                    | "unsere"
                    | "unserer"
                    | "unserem"
                    | "notre"
                    | "nuestra"
                    | "nuestro"
            )
        {
            return false;
        }
        who |= first && matches!(w, "who" | "wer" | "quien" | "qui");
        // "Kaufmann AG's account".
        named |= firm(w.strip_suffix("'s").unwrap_or(w));
        first = false;
    }
    who && named
}

/// Whether the customer names the contact the shop assigned them: "my account manager", "mein
/// Ansprechpartner", "mi gestor", "mon conseiller".
pub(super) fn own_contact_person(text: &str) -> bool {
    // Read word by word only where such a contact is named at all.
    if ![
        "ansprechpartner",
        "kundenberater",
        "betreuer",
        "gestor",
        "asesor",
        "conseill",
        "interlocut",
        "account manager",
        "contact person",
    ]
    .iter()
    .any(|c| text.contains(c))
    {
        return false;
    }
    let mut prev = "";
    crate::person::words(text)
        .filter(|w| !w.is_empty())
        .any(|w| {
            let own = crate::person::own_possessive(prev);
            prev = w;
            own && (w.starts_with("ansprechpartner")
                || w.starts_with("kundenberater")
                || w.starts_with("betreuer")
                || matches!(
                    w,
                    "gestor"
                        | "gestora"
                        | "asesor"
                        | "asesora"
                        | "conseiller"
                        | "conseillere"
                        | "interlocuteur"
                        | "interlocutrice"
                )
                || w == "account" && text.contains("account manager")
                || w == "contact" && text.contains("contact person"))
        })
}

/// Whether the personal data at `h` is of health, kept by a clinic ("his treatment notes",
/// "sus radiografías", `lexicon::personal`): asked about a third person, it is theirs whoever
/// the customer says they are, unless the customer is their parent ("my son had his
/// check-up; what did the dentist write in his notes?").
pub(super) fn health_data(text: &str, h: &crate::scan::Hit) -> bool {
    let health = text.get(h.start..h.end).is_some_and(|t| {
        [
            "treatment",
            "medical",
            "health",
            "patient",
            "diagnos",
            "x-ray",
            "test result",
            "lab result",
            "historia",
            "radiograf",
            "krankenakte",
            "befund",
            "rontgen",
        ]
        .iter()
        .any(|s| t.starts_with(s))
    });
    let mut prev = "";
    health
        && !crate::person::words(text)
            .filter(|w| !w.is_empty())
            .any(|w| {
                let own = crate::person::own_possessive(prev);
                prev = w;
                own && matches!(
                    w,
                    "son"
                        | "daughter"
                        | "child"
                        | "kid"
                        | "boy"
                        | "girl"
                        | "hijo"
                        | "hija"
                        | "nino"
                        | "nina"
                        | "fils"
                        | "fille"
                        | "enfant"
                        | "sohn"
                        | "tochter"
                        | "kind"
                )
            })
}

/// "What room is Daniel Ferreira staying in?", "¿en qué habitación se aloja la señora Ruiz?":
/// where someone other than the customer sleeps, asked ("what room am I in?" is their own).
pub(super) fn guest_room_asked(text: &str) -> bool {
    // Read word by word only where someone is said to stay or sleep somewhere.
    if ![
        "staying",
        "sleeping",
        "aloja",
        "hospeda",
        "duerme",
        "loge",
        "dort",
        "sejourne",
        "wohnt",
        "ubernachtet",
        "schlaft",
    ]
    .iter()
    .any(|v| text.contains(v))
    {
        return false;
    }
    text.split_inclusive(['.', '!', '?', '\n'])
        .filter(|s| s.ends_with('?'))
        .any(|s| {
            let ws = || crate::person::words(s).filter(|w| !w.is_empty());
            ws().any(|w| {
                matches!(
                    w,
                    "staying"
                        | "sleeping"
                        | "aloja"
                        | "hospeda"
                        | "duerme"
                        | "loge"
                        | "dort"
                        | "sejourne"
                        | "wohnt"
                        | "ubernachtet"
                        | "schlaft"
                )
            }) && !ws().any(|w| {
                crate::person::own_possessive(w)
                    || matches!(
                        w,
                        "i" | "i'm"
                            | "we"
                            | "we're"
                            | "me"
                            | "yo"
                            | "je"
                            | "nous"
                            | "ich"
                            | "wir"
                            | "you"
                            | "your"
                    )
            })
        })
}

/// Whether the person named before `end` is said to serve the customer for the shop: "there's a
/// woman at reception who helped me last week", "un homme à l'accueil": their name is the
/// customer's to ask, to thank or to complain.
pub(super) fn serves_here(text: &str, end: usize) -> bool {
    crate::person::words(text.get(end..).unwrap_or_default())
        .filter(|w| !w.is_empty())
        .take(8)
        .any(|w| {
            matches!(
                w,
                "reception"
                    | "desk"
                    | "helped"
                    | "served"
                    | "works"
                    | "recepcion"
                    | "atendio"
                    | "ayudo"
                    | "trabaja"
                    | "accueil"
                    | "aide"
                    | "travaille"
                    | "empfang"
                    | "geholfen"
                    | "bedient"
                    | "arbeitet"
            )
        })
}

/// "What's his mobile number", "¿cuál es su teléfono?", "quel est son numéro", "wie ist seine
/// Nummer": the question itself asks for the data, its possessive right before it or one
/// word earlier ("what's her home address"). A name ("what's his name, so I can leave a
/// review?") is how a person is thanked or asked for.
pub(super) fn what_is_theirs(text: &str, pos: usize) -> bool {
    if matches!(word_after(text, pos), "name" | "nombre" | "nom") {
        return false;
    }
    fn drop_word(t: &str) -> &str {
        t.rsplit_once(' ')
            .map_or("", |(before, _)| before)
            .trim_end()
    }
    let mut head = text.get(..pos).unwrap_or_default().trim_end();
    // Data named after a name ("what's her name and email?") is asked by the same question:
    // the conjunction and the noun before it are dropped too.
    if conjunction(crate::person::word_before(text, pos)) {
        head = head
            .get(..crate::person::word_start_before(text, pos))
            .unwrap_or_default()
            .trim_end();
    }
    // Drop the possessive, and the word that qualifies the data after it, then read what asks.
    let mut head = drop_word(head);
    if third_possessive(head.rsplit(' ').next().unwrap_or_default()) {
        head = drop_word(head);
    }
    [
        "what's",
        "whats",
        "what is",
        "cual es",
        "quel est",
        "quelle est",
        "wie ist",
        "wie lautet",
        "was ist",
    ]
    .iter()
    .any(|q| head.ends_with(q))
}

/// A conjunction that joins one piece of data to another: "her name and email", "su nombre
/// y teléfono".
pub(super) fn conjunction(w: &str) -> bool {
    matches!(w, "and" | "y" | "et" | "und")
}
