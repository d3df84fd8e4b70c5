//! What someone other than the customer bought, booked or got, and questions that ask it:
//! "what did my neighbour order?", "qué menú ha pedido mi compañero", "what did the previous
//! customer order?".

use crate::lexicon::Cue::*;

use super::message::Message;
use super::whose::{for_the_speaker, relative};

/// A verb of having bought, in the four languages ("ordered", "pidió", "commandé", "bestellt").
pub(super) fn bought(w: &str) -> bool {
    matches!(
        w,
        "ordered"
            | "bought"
            | "purchased"
            | "pidio"
            | "compro"
            // Many of them: "¿qué casas os compraron toldos?".
            | "compraron"
            | "pidieron"
            // "Mi cuñada encargó una tarta": ordered to be made.
            | "encargo"
            // An animal adopted from a shelter: "mi vecina adoptó un perro vuestro".
            | "adopted"
            | "adopto"
            | "adopte"
            | "adoptiert"
            | "commande"
            | "achete"
            | "bestellt"
            | "bestellte"
            | "gekauft"
            | "kaufte"
            // A subscription held, or deliveries received: "my boss has a coffee
            // subscription with you", "ma tante reçoit vos cafés tous les mois".
            | "subscription"
            | "subscribed"
            | "subscribes"
            | "receives"
            | "recoit"
            | "recibe"
            | "abonniert"
            // An order renewed is ordered again: "a-t-elle renouvelé sa commande ?".
            | "renewed"
            | "reordered"
            | "renouvele"
            | "renovo"
            | "erneuert"
    ) || booked(w)
}

/// What they booked or rented is theirs as much as what they bought: "which pitch has he
/// booked this year?", "mi exmujer alquiló un velero".
pub(super) fn booked(w: &str) -> bool {
    matches!(
        w,
        "booked"
            | "reserved"
            | "reservo"
            | "reserve"
            | "gebucht"
            // Borrowed or hired from the shop: "mein Nachbar hat bei Ihnen ein Kostüm
            // geliehen".
            | "geliehen"
            | "ausgeliehen"
            | "hired"
            | "rented"
            | "alquilo"
            | "loue"
            | "gemietet"
    )
}

/// The speaker's own subject pronoun, alone or with others, in the four languages.
pub(super) fn first_person(w: &str) -> bool {
    matches!(
        w,
        "i" | "we" | "je" | "nous" | "yo" | "nosotros" | "ich" | "wir"
    )
}

/// "Which of the people in my Saturday class bought the big blue vase?", "¿quién de mis
/// compañeros compró el jarrón?", "wer von den Teilnehmern hat die Vase gekauft?": one among
/// people the customer names, or which homes, asked who bought, booked or paid. `whos` are
/// where the question words start (the `WhoHeld` cues): only their questions are read.
pub(super) fn which_of_them_bought(text: &str, mut whos: impl Iterator<Item = usize>) -> bool {
    let people = |w: &str| {
        matches!(
            w,
            "people"
                | "students"
                | "classmates"
                | "members"
                | "participants"
                | "customers"
                | "guests"
                | "others"
                | "neighbours"
                | "neighbors"
                | "friends"
                | "bridesmaids"
                | "players"
                | "personas"
                | "alumnos"
                | "alumnas"
                | "companeros"
                | "companeras"
                | "participantes"
                | "clientes"
                | "invitados"
                | "vecinos"
                | "amigos"
                | "gens"
                | "personnes"
                | "eleves"
                | "clients"
                | "invites"
                | "voisins"
                | "amis"
                | "camarades"
                | "leute"
                | "leuten"
                | "teilnehmer"
                | "teilnehmern"
                | "schuler"
                | "schulern"
                | "kunden"
                | "gasten"
                | "nachbarn"
                | "freunden"
                | "personen"
        )
            // German builds them by compounding: "welche Tauchschüler", "Kursteilnehmer".
            || ["schuler", "schulern", "teilnehmer", "teilnehmern", "kunden"]
                .iter()
                .any(|n| w.ends_with(n))
    };
    // ... or which homes, named by where they are: "welche Häuser in der Lindenstraße haben
    // … bestellt?".
    let homes = |w: &str| {
        matches!(
            w,
            "houses"
                | "homes"
                | "addresses"
                | "casas"
                | "direcciones"
                | "maisons"
                | "adresses"
                | "hauser"
                | "adressen"
        )
    };
    let of = |w: &str| matches!(w, "of" | "de" | "des" | "d'entre" | "von" | "parmi");
    whos.any(|at| {
        // The word after the question word says whether it asks among people ("which
        // bridesmaids", "which of the people") or homes; most question words are read no
        // further.
        let Some(second) = crate::person::words(text.get(at..).unwrap_or_default())
            .filter(|w| !w.is_empty())
            .nth(1)
        else {
            return false;
        };
        if !(people(second) || homes(second) || of(second)) {
            return false;
        }
        let sentence = crate::person::sentence_around(text, at);
        let from =
            at.saturating_sub((sentence.as_ptr() as usize).wrapping_sub(text.as_ptr() as usize));
        let ws: Vec<&str> = crate::person::words(sentence.get(from..).unwrap_or_default())
            .filter(|w| !w.is_empty())
            .take(16)
            .collect();
        sentence.ends_with('?')
            && (people(second) || homes(second) || ws.iter().skip(2).take(5).any(|w| people(w)))
            && ws.iter().skip(3).any(|w| {
                bought(w)
                    || booked(w)
                    || matches!(
                        *w,
                        "buy" | "book" | "outbid" | "paid" | "pagado" | "paye" | "bezahlt"
                    )
            })
    })
}

/// A third person's subject pronoun in the four languages.
pub(super) fn third_person(w: &str) -> bool {
    matches!(
        w,
        "she"
            | "he"
            | "they"
            | "ella"
            | "elle"
            | "il"
            | "sie"
            | "er"
            | "ils"
            | "elles"
            | "ellos"
            | "ellas"
    )
}

/// A third person and what they bought or where they live, within a few words of each other
/// ("what she bought", "qué compró ella").
pub(super) fn they_bought(text: &str) -> bool {
    let (mut since_them, mut since_bought) = (usize::MAX, usize::MAX);
    crate::person::words(text)
        .filter(|w| !w.is_empty())
        .any(|w| {
            since_them = since_them.saturating_add(1);
            since_bought = since_bought.saturating_add(1);
            if third_person(w) {
                since_them = 0;
            } else if bought(w)
                || matches!(w, "buy" | "buys" | "lives" | "vive" | "habite" | "wohnt")
            {
                since_bought = 0;
            }
            since_them.max(since_bought) <= 3
        })
}

/// "My neighbour asked me to check on her order… What did she order?", "¿qué compró mi
/// vecina?", "was hat meine Nachbarin bestellt?": someone the customer knows, then a question
/// opening on what, asking what that person (by name or pronoun) bought. "What should I
/// order for my neighbour?" asks what the customer should buy.
pub(super) fn asked_what_they_bought(m: &Message<'_>) -> bool {
    let Some(first) = m.hits.iter().find(|h| {
        (matches!(h.cue, Acquaintance | Titled) || relative(m.text, h)) && !m.in_quote(h)
    }) else {
        return false;
    };
    // "My wife booked us a hotel for the weekend. Which hotel did she choose?": what the
    // person bought for the speaker, said where they are named, is the speaker's too.
    let said_for_us = |sentence: &str| {
        let ws: Vec<&str> = crate::person::words(sentence)
            .filter(|w| !w.is_empty())
            .collect();
        ws.windows(2).any(|p| match p {
            [v, o] => {
                super::whose::for_me(p)
                    || bought(v) && matches!(*o, "us" | "me" | "nos" | "nous" | "uns" | "mir")
            }
            _ => false,
        })
    };
    let bought_for_us =
        m.ss.iter()
            .find(|s| s.start <= first.start && first.start < s.end)
            .and_then(|s| m.text.get(s.start..s.end))
            .is_some_and(said_for_us);
    if bought_for_us {
        return false;
    }
    m.ss.iter().any(|s| {
        if s.end <= first.start {
            return false;
        }
        let sentence = m.text.get(s.start..s.end).unwrap_or_default();
        // The possessive before the person dropped, so that the noun stands where a pronoun
        // would ("what did my neighbour order").
        // French fuses the question word with its subject ("ce qu'il a commandé"): read as the
        // two words they are, and the "y" of a place after the subject ("ce qu'il y a stocké")
        // as no word.
        // A person named by their title ("el señor Ortega") is the title's word, and their
        // name after it no word ("did Mrs Clark book" read "did Mrs book").
        let titled: Vec<&str> = s
            .hits
            .iter()
            .filter(|h| h.cue == Titled)
            .filter_map(|h| m.text.get(h.start..h.end))
            .collect();
        let mut ws: Vec<&str> = Vec::new();
        let mut named_next = false;
        for w in crate::person::words(sentence).filter(|w| {
            !w.is_empty()
                && !matches!(
                    *w,
                    "my" | "mi" | "ma" | "mon" | "mein" | "meine" | "meinen" | "meiner"
                )
        }) {
            match w.strip_prefix("qu'") {
                Some(subject @ ("il" | "elle" | "ils" | "elles")) => ws.extend(["que", subject]),
                _ if w == "y" && ws.last().is_some_and(|p| matches!(*p, "il" | "elle")) => {}
                _ if named_next => named_next = false,
                _ => {
                    named_next = titled.contains(&w);
                    ws.push(w);
                }
            }
        }
        let what = |w: &str| {
            matches!(
                w,
                "what"
                    | "which"
                    | "que"
                    | "quoi"
                    | "quel"
                    | "quelle"
                    | "was"
                    | "welche"
                    | "where"
                    | "wo"
                    | "donde"
                    // When they did it: "jusqu'à quand il a payé ?", "when did she book?".
                    | "when"
                    | "quand"
                    | "cuando"
                    | "wann"
            ) || w.starts_with("qu'")
        };
        // The question opens on it, or a verb of telling or knowing asks it unpunctuated, as
        // speech is transcribed ("can you tell me um what my neighbor ordered").
        // A preposition may come first: "¿a qué hora ha reservado …?", "at what time did she
        // book?".
        let preposition = |w: &str| {
            matches!(
                w,
                "a" | "at" | "for" | "to" | "from" | "de" | "para" | "por" | "pour" | "um" | "fur"
            )
        };
        let from = if s.question && ws.first().is_some_and(|w| what(w)) {
            Some(0)
        } else if s.question
            && ws.first().is_some_and(|w| preposition(w))
            && ws.get(1).is_some_and(|w| what(w))
        {
            Some(1)
        } else {
            ws.iter().position(|w| what(w)).filter(|&i| {
                ws.get(i.saturating_sub(4)..i).is_some_and(|before| {
                    before.iter().any(|w| {
                        matches!(
                            *w,
                            "tell"
                                | "know"
                                | "dime"
                                | "dices"
                                | "saber"
                                | "dis-moi"
                                | "dire"
                                | "decir"
                                | "savoir"
                                | "sag"
                                | "wissen"
                                // Looked up for the speaker: "can you check what they
                                // ordered".
                                | "check"
                                | "comprobar"
                                | "mirar"
                                | "verifier"
                                | "prufen"
                                | "nachsehen"
                        )
                    })
                })
            })
        };
        // Or a request names it by a noun the person bought: "send me … the quantity they
        // ordered" (not where they bought from: "the catalogue she ordered from").
        let from = from.or_else(|| {
            s.hits.iter().any(|h| h.cue == Request).then(|| {
                (0..ws.len()).find(|&i| {
                    matches!(ws.get(i..i + 4), Some([d, _, p, v]) if super::message::determiner(d)
                        && third_person(p) && bought(v))
                        && !matches!(ws.get(i + 4), Some(&("from" | "with" | "through" | "via")))
                })
            })?
        });
        // "¿Qué ha pedido mi hermano para mí?": what was bought for the customer is theirs.
        // (read before the possessives are dropped: "mí" folds to "mi").
        if for_the_speaker(sentence) {
            return false;
        }
        let Some(ws) = from.and_then(|i| ws.get(i..)) else {
            return false;
        };
        // The person's own word: the last of the hit's words, read whole ("mi vecin*" read
        // "mi vecina").
        let named: Vec<&str> = s
            .hits
            .iter()
            .filter(|h| h.cue == Acquaintance)
            .filter_map(|h| {
                let said = m.text.get(h.start..h.end)?;
                crate::person::words(m.text.get(h.start..)?)
                    .filter(|x| !x.is_empty())
                    .nth(said.split(' ').count().saturating_sub(1))
            })
            .collect();
        // Spanish names whom a thing reached by a clitic: "¿qué le ha llegado esta semana?".
        let person = |w: &str| {
            third_person(w.trim_end_matches("'s"))
                || named.contains(&w)
                || titled.contains(&w)
                || matches!(w, "le" | "les")
        };
        let aux = |w: &str| matches!(w, "did" | "has" | "had" | "a" | "ha" | "hat" | "hatte");
        // What they got is theirs as much as what they bought: "what grade did he get", "welche
        // Note hat er … bekommen".
        // So is where and how they used what they rented or share with the customer: "wo hat
        // er es abgestellt und wie lange ist er gefahren?".
        let got = |w: &str| {
            matches!(
                w,
                "get"
                    | "got"
                    | "received"
                    | "scored"
                    | "bekommen"
                    | "erhalten"
                    | "saco"
                    | "obtuvo"
                    | "eu"
                    | "obtenu"
                    | "parked"
                    | "drove"
                    | "rode"
                    | "abgestellt"
                    | "geparkt"
                    | "gefahren"
                    | "aparco"
                    | "condujo"
                    | "gare"
                    | "roule"
                    // What they keep in what they rent: "ce qu'il y a stocké".
                    | "stored"
                    | "kept"
                    | "stocke"
                    | "guardo"
                    | "almaceno"
                    | "eingelagert"
                    | "gelagert"
                    // What they listened to, watched or borrowed: "which audiobooks she's
                    // listened to".
                    | "listened"
                    | "watched"
                    | "streamed"
                    | "borrowed"
                    | "downloaded"
                    | "escuchado"
                    | "escucho"
                    | "visto"
                    | "ecoute"
                    | "gehort"
                    | "angehort"
                    | "ausgeliehen"
                    | "heruntergeladen"
                    // Spanish participles after "ha": "¿qué menú ha pedido mi compañero?".
                    | "pedido"
                    | "comprado"
                    | "encargado"
                    | "reservado"
                    // What reached them: "¿qué le ha llegado?", "what has arrived for her".
                    | "llegado"
                    | "llego"
                    | "arrived"
                    // What they used or looked at on a line they share: "welche Seiten hat
                    // er aufgerufen?", "what sites has she visited".
                    | "visited"
                    | "used"
                    | "consumed"
                    | "aufgerufen"
                    | "besucht"
                    | "verbraucht"
                    | "genutzt"
                    | "visitado"
                    | "usado"
                    | "consumido"
                    | "consulte"
                    | "utilise"
                    | "consomme"
                    // Where a parcel of theirs came from and what it held: "de quelle
                    // boutique il venait et ce qu'il contenait".
                    | "venait"
                    | "contenait"
                    | "contained"
                    | "contenia"
                    | "enthielt"
                    // What cover they took out: "welche Versicherungssumme hat er
                    // abgeschlossen?".
                    | "abgeschlossen"
                    | "contratado"
                    | "souscrit"
                    // What they chose: "what design she chose", "qué diseño eligió".
                    | "chose"
                    | "picked"
                    | "selected"
                    | "eligio"
                    | "escogio"
                    | "choisi"
                    | "gewahlt"
                    | "ausgewahlt"
                    | "ausgesucht"
                    // What they took of the sizes offered: "welche Höhe hat er genommen?".
                    | "took"
                    | "genommen"
                    // What they paid: "was hat er bezahlt?".
                    | "paid"
                    | "bezahlt"
                    | "gezahlt"
                    | "pago"
                    | "paye"
            )
        };
        let bought = |w: &str| bought(w) || got(w);
        let verb = |w: &str| {
            bought(w)
                || matches!(
                    w,
                    "order" | "buy" | "purchase" | "pay" | "book" | "rent" | "pick" | "choose"
                )
        };
        // Right after the question word, or after a noun with it ("which lamp did she
        // buy"): "what address should she use to send a return she bought herself" asks
        // for an address.
        ws.windows(3).skip(1).take(2).any(|w| match w {
            // "did she order", "hat sie bestellt"; "she has ordered", "elle a commandé".
            [a, p, v] => aux(a) && person(p) && verb(v) || person(a) && aux(p) && bought(v),
            _ => false,
        })
            // German puts the participle last: "welche Note hat er in der Prüfung bekommen?"
            || ws.windows(2).skip(1).take(2).any(|w| matches!(w, [a, p] if aux(a) && person(p)))
                && ws.last().is_some_and(|v| bought(v))
            // Spanish puts the subject after its verb and what it says of the thing: "qué
            // menú ha pedido esta semana mi compañero", "qué franquicia ha contratado ella",
            // "a qué hora ha reservado salida mañana el señor Ortega".
            || ws.windows(2).enumerate().skip(1).take(2).any(|(i, w)| {
                matches!(w, [a, v] if aux(a) && bought(v))
                    && ws.iter().skip(i + 2).take(5).any(|p| person(p))
            })
            || ws.windows(2).skip(1).take(2).any(|w| match w {
            // "what she ordered", "qu'a-t-elle commandé"; "qué compró ella".
            [a, b] => person(a) && bought(b) || bought(a) && person(b),
            _ => false,
        })
    })
}

/// "What did the previous customer you talked to order?", "qu'a commandé le client
/// précédent ?": what one other customer bought, asked for by a question (many customers
/// asked what they buy is a question of taste: "what do other customers usually order with
/// this?").
pub(super) fn asked_what_one_bought(m: &Message<'_>) -> bool {
    // After "did": "what did she order / buy?".
    // ... or "has she been ordering / buying".
    let bought = |w: &str| {
        bought(w)
            || matches!(
                w,
                "order" | "buy" | "purchase" | "ordering" | "buying" | "purchasing"
            )
    };
    m.hits.iter().any(|h| {
        h.cue == Others
            && m.in_question(h)
            && m.text.get(h.start..h.end).is_some_and(|t| {
                // One customer: "tous ceux qui ont commandé" asks about everyone's parcel.
                !t.ends_with('s')
                    && !t.ends_with("en")
                    && ["customer", "client", "kunde"]
                        .iter()
                        .any(|c| t.contains(c))
            })
            && (crate::person::words(m.text.get(h.end..).unwrap_or_default())
                .filter(|w| !w.is_empty())
                .take(6)
                .any(bought)
                || crate::person::words(crate::bytes::tail(m.text, h.start, 24)).any(bought))
    })
}
