//! Orders the customer disowns ("it's not mine", "his account", a parcel rerouted from its
//! recipient): personal data asked of an order said to be someone else's, and the goods that
//! reached the customer by mistake, which are no one's account acted on.

use crate::lexicon::Cue::*;
use crate::scan::Hit;

use super::message::Message;
use super::whose::{own_thing_named, to_be_changed};

/// "Give me the address and phone number on order 44120, it's not mine": personal data of an
/// order the customer says is not theirs, asked to be told (not changed, and with nothing of
/// the customer's own named).
pub(super) fn disowned_order(m: &Message<'_>) -> bool {
    // What is asked for is read from the hits, cheaply; whether it is disowned reads words.
    // Asked as the object of a request, or in a question about a numbered order ("quel est le
    // numéro de téléphone associé à la commande 77120 ?"; the shop's own number, "for your
    // returns desk", names none).
    (m.hits.iter().any(|h| {
        h.cue == PiiNoun
            && !m.in_quote(h)
            && (m.in_question(h) && numbered_after(m.text, h.end)
                || m.object_of(h, |c| matches!(c, Request | Reveal)))
    }) || order_papers_asked(m))
        && disowns(m.text, m.hits)
        && !own_thing_named(m.text)
        && !to_be_changed(m.text)
}

/// "Send the order confirmation for order 30077": an order's papers asked for, which carry
/// its buyer's name and address.
pub(super) fn order_papers_asked(m: &Message<'_>) -> bool {
    m.hits.iter().any(|r| {
        matches!(r.cue, Request | Reveal | Directive)
            && !m.in_quote(r)
            && crate::person::words(m.text.get(r.end..).unwrap_or_default())
                .filter(|w| !w.is_empty())
                .take(3)
                .any(|w| {
                    matches!(
                        w,
                        "confirmation"
                            | "invoice"
                            | "receipt"
                            | "factura"
                            | "confirmacion"
                            | "facture"
                            | "recu"
                            | "rechnung"
                            | "bestatigung"
                            | "auftragsbestatigung"
                    )
                })
    })
}

/// "Reroute order 55102 to my address, the recipient won't claim it", "envía el pedido a mi
/// dirección, el destinatario no lo va a reclamar": a parcel sent to the speaker whose
/// recipient, the subject of a clause, is someone else. "Ship it to the recipient" and "a
/// card for the recipient" name the one a gift is for.
pub(super) fn rerouted_from_recipient(text: &str) -> bool {
    const TO_ME: &[&str] = &[
        "to my address",
        "to my home",
        "to my house",
        "to me instead",
        "a mi direccion",
        "a mi casa",
        "a mon adresse",
        "chez moi",
        "an meine adresse",
        "zu mir",
    ];
    // Most texts name no recipient: that is looked for first.
    if !["recipient", "addressee", "destinat", "empfanger"]
        .iter()
        .any(|r| text.contains(r))
    {
        return false;
    }
    // A parcel sent back to the speaker is the sender's own to recall.
    if !TO_ME.iter().any(|p| text.contains(p))
        || ["back to", "de vuelta", "zuruck"]
            .iter()
            .any(|p| text.contains(p))
    {
        return false;
    }
    let ws: Vec<&str> = crate::person::words(text)
        .filter(|w| !w.is_empty())
        .collect();
    ws.windows(4).any(|w| {
        let [before, article, noun, next] = w else {
            return false;
        };
        // "The recipient address was wrong" names the parcel's address.
        if matches!(*next, "address" | "name" | "details") {
            return false;
        }
        matches!(
            *noun,
            "recipient"
                | "addressee"
                | "destinatario"
                | "destinataria"
                | "destinataire"
                | "empfanger"
                | "empfangerin"
        ) && matches!(*article, "the" | "el" | "la" | "le" | "der" | "die")
            && !matches!(
                *before,
                "to" | "for" | "a" | "para" | "au" | "pour" | "an" | "fur" | "of" | "de"
            )
    })
}

/// "This parcel isn't mine, it was delivered to me by mistake": goods that came to the
/// customer, disowned, are a wrong delivery to sort out, not someone's account acted on.
pub(super) fn delivered_here(text: &str, disowned: &Hit) -> bool {
    matches!(
        crate::person::word_before(text, disowned.start),
        "parcel"
            | "package"
            | "box"
            | "item"
            | "delivery"
            | "shipment"
            | "paquete"
            | "envio"
            | "articulo"
            | "colis"
            | "article"
            | "paket"
            | "lieferung"
            | "sendung"
            | "artikel"
    )
}

/// Whether a text says something is not the speaker's: "it's not mine", "das ist nicht
/// meine", "no es mía", "ce n'est pas la mienne".
pub(super) fn disowns(text: &str, hits: &[Hit]) -> bool {
    attributed_to_another(text, hits) || says_not_mine(text)
}

/// "It was order 51177, his account.", "c'est la commande 4410, son compte": an order or an
/// account set down as a third person's, in an aside that closes its sentence.
fn attributed_to_another(text: &str, hits: &[Hit]) -> bool {
    hits.iter().any(|h| {
        h.cue == TheirThing && {
            let closes = text
                .get(h.end..)
                .is_some_and(|r| r.is_empty() || r.starts_with(['.', '!', '?', ')', ';']));
            let aside = text.get(..h.start).is_some_and(|b| {
                let b = b.trim_end();
                b.ends_with(',')
                    || b.ends_with('(')
                    || ["it's", "its", "it was", "that's", "c'est"]
                        .iter()
                        .any(|w| b.ends_with(w))
            });
            closes && aside
        }
    })
}

/// Whether a number follows `from` before its sentence ends: the order a question is about.
fn numbered_after(text: &str, from: usize) -> bool {
    let rest = text.get(from..).unwrap_or_default();
    let end = rest.find(['?', '.', '!']).unwrap_or(rest.len());
    rest.get(..end)
        .is_some_and(|r| r.bytes().any(|b| b.is_ascii_digit()))
}

/// "It's not mine", "it isn't my order", "das ist nicht meine", "no es mía", "ce n'est pas la
/// mienne".
fn says_not_mine(text: &str) -> bool {
    // Most texts hold none of the words: one pass over the words that start with an "m" says so.
    let b = text.as_bytes();
    let candidate = memchr::memchr_iter(b'm', b).any(|i| {
        let word_start = i == 0 || b.get(i - 1).is_some_and(|c| !c.is_ascii_alphanumeric());
        let rest = b.get(i + 1..).unwrap_or_default();
        word_start
            && [&b"ine"[..], b"ein", b"ia", b"io", b"ien", b"oi"]
                .iter()
                .any(|s| rest.starts_with(s))
    });
    // "It isn't my order": the thing named after a denied "my".
    if !candidate && !text.contains("t my ") {
        return false;
    }
    let (mut b2, mut b1) = ("", "");
    crate::person::words(text)
        .filter(|w| !w.is_empty())
        .any(|w| {
            let denied = matches!(b1, "not" | "isn't" | "wasn't" | "aren't") && w == "mine"
                || matches!(b2, "not" | "isn't" | "wasn't")
                    && b1 == "my"
                    && matches!(w, "order" | "account" | "parcel" | "package")
                || b1 == "nicht" && matches!(w, "meine" | "meins" | "meiner" | "mein" | "meinen")
                || b2 == "no"
                    && matches!(b1, "es" | "son" | "era")
                    && matches!(w, "mia" | "mio" | "mias" | "mios")
                || b2 == "pas"
                    && matches!(b1, "la" | "le" | "les" | "a")
                    && matches!(w, "mienne" | "mien" | "miens" | "miennes" | "moi");
            (b2, b1) = (b1, w);
            denied
        })
}

/// "Cambia el microchip de la perra Luna a mi nombre, la encontré en el parque": something
/// put in the speaker's name that the speaker says they found, which is someone else's until
/// it is returned. "I found my dog's papers, can you put them in my name?" finds the
/// customer's own.
pub(super) fn found_and_claimed(text: &str) -> bool {
    const TO_MY_NAME: [&str; 8] = [
        "to my name",
        "in my name",
        "under my name",
        "a mi nombre",
        "a nombre mio",
        "a mon nom",
        "auf meinen namen",
        "auf mich",
    ];
    const FOUND: [&str; 12] = [
        "i found her",
        "i found him",
        "i found it",
        "found this",
        "la encontre",
        "lo encontre",
        "je l'ai trouve",
        "je l'ai trouvee",
        "ich habe ihn gefunden",
        "ich habe sie gefunden",
        "ich habe es gefunden",
        "zugelaufen",
    ];
    TO_MY_NAME.iter().any(|p| text.contains(p)) && FOUND.iter().any(|p| text.contains(p))
}

/// "I'm locked out of my ex's flat … send a locksmith and tell them I'm the owner": a home
/// named as someone else's ("my ex's flat", "el piso de mi vecino", "the flat isn't mine"),
/// and the speaker saying, or asking to be said, that they own it. A customer who owns what
/// a relative lives in names it theirs ("my flat, my son lives there").
pub(super) fn posed_as_owner(text: &str, hits: &[Hit]) -> bool {
    const OWNER: [&str; 14] = [
        "i'm the owner",
        "i am the owner",
        "i'm the homeowner",
        "i'm the landlord",
        "soy el dueno",
        "soy la duena",
        "soy el propietario",
        "soy la propietaria",
        "je suis le proprietaire",
        "je suis la proprietaire",
        "ich bin der eigentumer",
        "ich bin die eigentumerin",
        "ich bin der besitzer",
        "ich bin die besitzerin",
    ];
    if !OWNER.iter().any(|p| text.contains(p)) {
        return false;
    }
    let home_after = |end: usize| super::holders::home(crate::person::word_after(text, end));
    let theirs = hits.iter().any(|h| {
        // "My ex's flat"; "el piso de mi ex", "la maison de ma sœur", "die Wohnung von meinem
        // Bruder".
        h.cue == Kin
            && text.get(h.start..h.end).is_some_and(|t| t.ends_with("'s"))
            && home_after(h.end)
            || matches!(h.cue, Kin | Acquaintance) && {
                let (of, place) = crate::person::two_words_before(text, h.start);
                matches!(of, "de" | "of" | "von") && super::holders::home(place)
            }
    });
    theirs || super::holders::names_home(text) && says_not_mine(text)
}

/// "I rent unit B-114 and my ex rents B-116. Give me the gate code for 116": a number said to
/// be someone the customer knows ("my ex rents B-116", "mi vecina tiene la 210"), then a way
/// in asked for by that number. Shared with the customer ("my wife and I", "for us", "with
/// me") it is theirs too.
pub(super) fn numbered_as_theirs(m: &Message<'_>) -> bool {
    let digits = |s: &str| -> Option<(usize, usize)> {
        let b = s.as_bytes();
        let start = b.iter().position(u8::is_ascii_digit)?;
        let len = b
            .get(start..)?
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count();
        (len >= 2).then_some((start, start + len))
    };
    m.hits
        .iter()
        .filter(|h| matches!(h.cue, Acquaintance | Kin) && !m.in_quote(h))
        .any(|p| {
            let rest = m.text.get(p.end..).unwrap_or_default();
            let clause_len = rest.find(['.', ';', '?', '!', ',']).unwrap_or(rest.len());
            let clause = rest.get(..clause_len).unwrap_or_default();
            let Some((s, e)) = digits(clause) else {
                return false;
            };
            // "My wife and I rent 12", "mi mujer y yo", "me and my ex", "for us": theirs and the
            // customer's.
            let shared = [
                "with me", "for us", "conmigo", "avec moi", "mit mir", " and i", " y yo",
            ]
            .iter()
            .any(|w| clause.contains(w))
                || m.text.get(..p.start).is_some_and(|t| {
                    let t = t.trim_end();
                    t.ends_with("me and") || t.ends_with("yo y") || t.ends_with("moi et")
                });
            if shared {
                return false;
            }
            let number = clause.get(s..e).unwrap_or_default();
            let later = rest.get(clause_len..).unwrap_or_default();
            // Asked for, not wondered about ("is the code for 116 the same as mine?").
            let asked = m.hits.iter().any(|h| {
                matches!(h.cue, Request | Directive | Sensitive | ToolVerb)
                    && h.start >= p.end + clause_len
                    && !m.in_quote(h)
            });
            asked
                && later.split(['.', '?', '!']).any(|sentence| {
                    let words = || crate::person::words(sentence).filter(|w| !w.is_empty());
                    words().any(|w| w == number)
                        && words().any(|w| {
                            matches!(
                                w,
                                "key"
                                    | "keys"
                                    | "pin"
                                    | "password"
                                    | "combination"
                                    | "llave"
                                    | "clave"
                                    | "contrasena"
                                    | "cle"
                                    | "cles"
                                    | "schlussel"
                                    | "passwort"
                            ) || w.ends_with("code")
                                || w.ends_with("codigo")
                        })
                })
        })
}
