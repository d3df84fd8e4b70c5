//! What a question asks of someone other than the customer: what they paid, who they are and
//! how to reach them, what they did without telling the customer.

use crate::lexicon::Cue::*;
use crate::scan::Hit;

use super::bought::third_person;
use super::message::Message;

/// "Wie heißt sie und wie kann ich sie erreichen?", "what's her name and how do I contact
/// her?": who a third person is and how to reach them, both asked. Either alone may be the
/// customer's business ("what's the courier's name? I'd like to thank him").
pub(super) fn asked_name_and_reach(text: &str) -> bool {
    // Read word by word only where a way of reaching someone is named at all.
    if ![
        "reach",
        "contact",
        "call",
        "find",
        "erreich",
        "kontakt",
        "joindre",
        "localiz",
        "hotel",
        "room",
        "zimmer",
        "chambre",
        "habitacion",
    ]
    .iter()
    .any(|r| text.contains(r))
    {
        return false;
    }
    let mut name = false;
    let mut reach = false;
    // The questions: what ends in a question mark, back to the sentence's start.
    let questions = text
        .split_inclusive(['.', '!', '?', '\n'])
        .filter(|s| s.ends_with('?'));
    for s in questions {
        let ws: Vec<&str> = crate::person::words(s).filter(|w| !w.is_empty()).collect();
        let them = |w: &str| {
            third_person(w) || matches!(w, "him" | "her" | "them" | "ihn" | "la" | "le" | "lo")
        };
        // "¿Cómo se llama?", "¿cómo se llama esa señora?"; not "cómo se llama el plan".
        let spanish_name = ws.windows(3).any(|p| {
            matches!(p, ["se", "llama" | "llamaba", next]
                if matches!(*next, "ella" | "esa" | "ese" | "la" | "aquella"))
        }) || ws.ends_with(&["se", "llama"]);
        name |= spanish_name
            || ws.windows(2).any(|p| match p {
                [a, b] => {
                    matches!(*a, "his" | "her" | "their" | "son") && matches!(*b, "name" | "nom")
                        || matches!(*a, "heisst" | "hiess") && them(b)
                        || matches!(*a, "s'appelle" | "s'appelait")
                            && matches!(*b, "elle" | "il" | "t-elle" | "t-il")
                }
                _ => false,
            });
        reach |= ws.windows(2).any(|p| match p {
            [a, b] => {
                matches!(*a, "reach" | "contact" | "call" | "find") && them(b)
                    || them(a)
                        && matches!(
                            *b,
                            "erreichen"
                                | "kontaktieren"
                                | "joindre"
                                | "contacter"
                                | "contactar"
                                | "localizar"
                                | "localizo"
                        )
            }
            _ => false,
        }) || ws
            .iter()
            .any(|w| ["localizarla", "localizarlo", "contactarla", "contactarlo"].contains(w))
            // Where they stay: "in welchem Hotel ist er?", "which room is she in?".
            || ws.windows(2).any(|p| {
                matches!(
                    p,
                    [
                        "which" | "what" | "welchem" | "welches" | "quel" | "quelle" | "que" | "cual",
                        "hotel" | "room" | "zimmer" | "chambre" | "habitacion"
                    ]
                ) && ws.iter().any(|w| them(w))
            });
    }
    name && reach
}

/// "Mi vecina se hizo un implante en vuestra clínica. ¿Cuánto le cobrasteis?", "how much did
/// my brother pay?": what someone the customer knows paid, or was charged, asked by a question
/// of how much. So is it of a household named by its house ("the people at number 14 … how
/// much did they pay?"). "How much will you charge me?" asks the customer's own price.
pub(super) fn asked_what_they_paid(m: &Message<'_>) -> bool {
    // The household is an `Others` cue that ends at its house's number, or before it ("le
    // monsieur du 12").
    let household = || {
        m.hits.iter().any(|h| {
            h.cue == Others
                && (m.text.get(h.start..h.end).is_some_and(|t| {
                    ["number", "numero", "nummer"]
                        .iter()
                        .any(|n| t.ends_with(n))
                }) || crate::person::word_after(m.text, h.end)
                    .starts_with(|c: char| c.is_ascii_digit()))
        })
    };
    if !m.has(Acquaintance) && m.kins().next().is_none() && !household() {
        return false;
    }
    m.ss.iter().filter(|s| s.question).any(|s| {
        let sentence = m.text.get(s.start..s.end).unwrap_or_default();
        let mut how_much = false;
        let mut paid = false;
        let mut them = false;
        // "How much do I pay for my husband's cleaning?": the customer's own price.
        let mut mine = false;
        let mut prev = "";
        let ws: Vec<&str> = crate::person::words(sentence)
            .filter(|w| !w.is_empty())
            .collect();
        for (i, w) in ws.iter().copied().enumerate() {
            // "¿Me dices cuánto pagan?", "tell me how much": the customer as whom it is told.
            let told = prev == "tell"
                || matches!(
                    ws.get(i + 1).copied(),
                    Some(
                        "dices"
                            | "dice"
                            | "puedes"
                            | "puede"
                            | "podrias"
                            | "dire"
                            | "dis"
                            | "dites"
                    )
                );
            how_much |= prev == "how" && matches!(w, "much" | "high" | "big")
                || matches!(w, "cuanto" | "cuanta" | "combien" | "wieviel")
                || prev == "wie" && matches!(w, "viel" | "hoch");
            // ... or spent: "how much does she spend?".
            paid |= [
                "charg", "paid", "pay", "cobr", "pag", "factur", "bezahl", "berechn", "spen",
                "gast", "depens", "ausgegeb", "ausgeb", "tarif",
            ]
            .iter()
            .any(|v| w.starts_with(v))
                || w.ends_with("zahlt")
                || w.contains("auszahl");
            them |= third_person(w)
                || matches!(
                    w,
                    "him"
                        | "her"
                        | "them"
                        | "le"
                        | "les"
                        | "lui"
                        | "leur"
                        | "ihm"
                        | "ihr"
                        | "his"
                        | "seine"
                        | "seinen"
                        | "seiner"
                        | "son"
                        | "sa"
                        | "ses"
                        // "The house two doors down … how much did the owners pay?"
                        | "owner"
                        | "owners"
                )
                // "¿Cuánto pagan sus padres?": the parents of someone named before.
                || matches!(w, "padres" | "parents" | "eltern")
                    && !matches!(prev, "mis" | "my" | "mes" | "meine" | "our" | "nos" | "unsere")
                || s.hits.iter().any(|h| h.cue == Acquaintance)
                || m.kins().any(|k| k.start >= s.start && k.end <= s.end);
            mine |= !told
                && matches!(
                    w,
                    "i" | "me"
                        | "we"
                        | "us"
                        | "yo"
                        | "je"
                        | "moi"
                        | "nous"
                        | "ich"
                        | "mir"
                        | "mich"
                        | "wir"
                        | "uns"
                )
                || w.starts_with("j'");
            prev = w;
        }
        // Spanish drops the subject: "mi hermana compró una bici … ¿cuánto pagó?" asks it of
        // the one said before to have bought.
        let bought_before = || {
            m.hits.iter().any(|h| {
                h.end <= s.start
                    && (h.cue == Acquaintance || super::whose::relative(m.text, h))
                    && super::whose::acquaintance_ordered(m.text, h)
            })
        };
        how_much && paid && !mine && (them || bought_before())
    })
}

/// "Ma femme a réservé une chambre chez vous sans me le dire. Avec qui et pour combien de
/// nuits ?": what someone did without telling the customer, then asked about in a question.
/// Who will not tell the customer ("… no me lo quiere decir") may say so in a sentence of its
/// own, before or after the question ("my dad won't tell me what he wants, do you have gift
/// cards?" asks the shop's own).
pub(super) fn kept_from_me(m: &Message<'_>) -> bool {
    m.hits
        .iter()
        .filter(|h| h.cue == ThirdParty)
        .filter(|h| {
            m.text.get(h.start..h.end).is_some_and(|t| {
                t.starts_with("without telling")
                    || t.starts_with("sans me")
                    || t.starts_with("sin decir")
                    || t.starts_with("sin avis")
                    || t.starts_with("ohne")
            })
        })
        .any(|h| m.ss.iter().any(|s| s.question && s.start >= h.end))
        || crate::bytes::phrases!([
            "won't tell me",
            "refuses to tell me",
            "no me lo quiere decir",
            "no me quiere decir",
            "ne veut pas me le dire",
            "ne veut pas me dire",
            "will es mir nicht sagen",
            "will mir nicht sagen",
            // ... or does not: "sagt mir aber nicht, mit wem er hingeht".
            "doesn't tell me",
            "won't say",
            "no me dice",
            "ne me dit pas",
            "sagt mir nicht",
            "sagt mir aber nicht",
        ])
        .find(m.text)
        .is_some_and(|at| {
            m.ss.iter()
                .any(|s| s.question && !(s.start <= at && at < s.end))
        })
}

/// "Someone sent me roses anonymously … I need to know who paid for them", "Meine Nachbarin
/// hat Blumen von euch bekommen. Von wem waren die?": who sent or paid for a gift, asked
/// when the giver chose not to say or the gift was someone else's. "Can I send flowers
/// anonymously?" asks nothing of anyone; "who can I thank?" asks no deed.
pub(super) fn sender_unmasked(text: &str, hits: &[Hit], acquaintance_received: bool) -> bool {
    // A giver who chose not to say is a cue the scan found: most texts have none.
    if !acquaintance_received && !hits.iter().any(|h| h.cue == Anonymous) {
        return false;
    }
    let asked_from_whom = [
        "from whom",
        "who it was from",
        "who they were from",
        "who they're from",
        "von wem",
        "de quien",
        "de la part de qui",
        "de qui",
    ]
    .iter()
    .any(|p| text.contains(p));
    asked_from_whom
        || text.split(['.', '?', '!', ';']).any(|sentence| {
            let ws: Vec<&str> = crate::person::words(sentence)
                .filter(|w| !w.is_empty())
                .collect();
            ws.iter().enumerate().any(|(i, w)| {
                matches!(*w, "who" | "quien" | "qui" | "wer")
                    && ws.iter().skip(i + 1).take(4).any(|v| {
                        matches!(
                            *v,
                            "sent"
                                | "paid"
                                | "ordered"
                                | "bought"
                                | "envio"
                                | "mando"
                                | "pago"
                                | "pidio"
                                | "envoye"
                                | "paye"
                                | "commande"
                                | "geschickt"
                                | "bezahlt"
                                | "bestellt"
                                | "gekauft"
                        )
                    })
            })
        })
}

/// "Meine Nachbarin hat heute Blumen von euch bekommen", "my friend received a parcel from
/// you": someone the customer knows named as who received something.
pub(super) fn received_by_acquaintance(m: &Message<'_>) -> bool {
    m.hits.iter().any(|h| {
        h.cue == Acquaintance
            && crate::person::words(m.text.get(h.end..).unwrap_or_default())
                .filter(|w| !w.is_empty())
                .take(6)
                .any(|w| {
                    matches!(
                        w,
                        "received" | "got" | "bekommen" | "erhalten" | "recibio" | "recu" | "recue"
                    )
                })
    })
}

/// "What name was the party booked under?", "¿a nombre de quién está la reserva?", "sous quel
/// nom elle a réservé ?", "auf welchen Namen ist der Tisch gebucht?": the name a booking is
/// held under, asked where the customer names someone they know. Their own booking ("what
/// name is my booking under?") is theirs to know.
pub(super) fn booking_name_asked(m: &Message<'_>) -> bool {
    if !m
        .hits
        .iter()
        .any(|h| matches!(h.cue, Acquaintance | Kin | TheirThing) && !m.in_quote(h))
        || !crate::bytes::phrases!(["name", "nom", "nombre", "namen"]).in_text(m.text)
    {
        return false;
    }
    // The words of the person named ("meine Schwester") are not the speaker's own booking.
    let base = m.text.as_ptr() as usize;
    let in_person = |w: &str| {
        let at = (w.as_ptr() as usize).wrapping_sub(base);
        m.hits
            .iter()
            .any(|h| matches!(h.cue, Acquaintance | Kin) && h.start <= at && at < h.end)
    };
    m.ss.iter().filter(|s| s.question).any(|s| {
        let ws: Vec<&str> = crate::person::words(m.text.get(s.start..s.end).unwrap_or_default())
            .filter(|w| !w.is_empty() && !in_person(w))
            .collect();
        let name_asked = ws.windows(2).any(|p| {
            matches!(
                p,
                ["what" | "which" | "whose", "name"]
                    | ["quel", "nom"]
                    | ["que", "nombre"]
                    | ["nombre", "de"]
                    | ["welchen" | "welchem", "namen"]
                    | ["welcher", "name"]
            )
        });
        let booking = ws.iter().any(|w| {
            ["book", "reserv", "gebucht", "buchung"]
                .iter()
                .any(|b| w.starts_with(b))
        });
        name_asked && booking && !ws.iter().any(|w| crate::person::own_possessive(w))
    })
}

/// "Can you pull up who she's been texting the most?", "¿a quién ha llamado mi marido?", "wen
/// hat sie angerufen?": whom someone the customer knows called or wrote to, asked. A line's
/// records are its user's, whoever pays for it.
pub(super) fn contacts_asked(m: &Message<'_>) -> bool {
    if !m
        .hits
        .iter()
        .any(|h| matches!(h.cue, Acquaintance | Kin) && !m.in_quote(h))
    {
        return false;
    }
    // Done, not to be done: "who she's been texting", not "who she should call".
    let contacted = |w: &str| {
        [
            "text",
            "call",
            "messag",
            "phon",
            "rang",
            "llam",
            "escrib",
            "mensaje",
            "appel",
            "telephon",
            "ecrit",
            "angerufen",
            "anruf",
            "geschrieben",
            "telefonier",
        ]
        .iter()
        .any(|v| w.starts_with(v))
            && !matches!(
                w,
                "text"
                    | "call"
                    | "message"
                    | "phone"
                    | "llamar"
                    | "escribir"
                    | "appeler"
                    | "telephoner"
                    | "ecrire"
                    | "anrufen"
                    | "telefonieren"
            )
    };
    m.ss.iter().filter(|s| s.question).any(|s| {
        // The person in the question itself ("¿a quién ha llamado mi marido?"), or a pronoun.
        let named_here = m
            .hits
            .iter()
            .any(|h| matches!(h.cue, Acquaintance | Kin) && s.start <= h.start && h.start < s.end);
        let ws: Vec<&str> = crate::person::words(m.text.get(s.start..s.end).unwrap_or_default())
            .filter(|w| !w.is_empty())
            .collect();
        ws.iter().enumerate().any(|(i, w)| {
            matches!(*w, "who" | "whom" | "quien" | "qui" | "wen" | "wem")
                && ws.get(i + 1..).is_some_and(|rest| {
                    let rest = rest.get(..rest.len().min(4)).unwrap_or_default();
                    (named_here
                        || rest
                            .iter()
                            .any(|p| third_person(p.strip_suffix("'s").unwrap_or(p))))
                        && rest.iter().any(|v| contacted(v))
                })
        })
    })
}

/// "My roommate rented boots with his card. Can you give me the last four digits of the card
/// he used?", "¿Me dices los últimos dígitos de la tarjeta que usó?": a card's digits asked
/// where someone the customer knows is named. The customer's own card ("the last digits of my
/// card", "of the card you have on file for me") is theirs to ask about.
pub(super) fn card_digits_of_acquaintance(m: &Message<'_>) -> bool {
    m.has(Acquaintance)
        && m.hits.iter().any(|h| {
            h.cue == PiiNoun
                && !m.in_quote(h)
                && m.text
                    .get(h.start..h.end)
                    .is_some_and(|t| ["digit", "chiffre", "ziffer"].iter().any(|d| t.contains(d)))
                && (m.in_question(h) || m.object_of(h, |c| matches!(c, Request | Reveal)))
                && !crate::person::own_possessive(m.word_before(h.start))
                && !crate::person::words(m.text.get(h.end..).unwrap_or_default())
                    .filter(|w| !w.is_empty())
                    .take(4)
                    .any(crate::person::own_possessive)
                && !{
                    let rest = m.text.get(h.end..).unwrap_or_default();
                    let clause = rest.split(['.', '?', '!', ';']).next().unwrap_or_default();
                    crate::person::words(clause)
                        .filter(|w| !w.is_empty())
                        .collect::<Vec<_>>()
                        .windows(2)
                        .any(super::whose::for_me)
                }
        })
}

/// "Your team cleaned the flat above mine. Who lives there now?", "¿quién vive en el 3ºB?",
/// "qui habite au numéro 12 ?", "wer wohnt in Nummer 12?": who lives in a home, asked, names
/// its occupant; so does who left a thing with the shop ("someone brought in a locket like my
/// grandmother's … who left it with you for repair?", "wer hat die Kette abgegeben?"). The
/// speaker's own ("who lives at my address on your records?") is theirs to ask about.
/// So does who let the shop's people in at another's home ("you replaced a window at my ex's
/// flat … who let them in?"), where `others` says the text names someone else (an
/// acquaintance, kin or others): at the customer's own home it is theirs to ask.
/// `whos` are where the question words start (the `WhoHeld` cues).
pub(super) fn occupant_asked(
    text: &str,
    mut whos: impl Iterator<Item = usize>,
    others: bool,
) -> bool {
    whos.any(|at| {
        let sentence = crate::person::sentence_around(text, at);
        sentence.trim_end().ends_with('?')
            && matches!(
                crate::person::word_after(text, at),
                "who" | "quien" | "qui" | "wer"
            )
            // The verb right after, or past an auxiliary ("qui a déposé", "wer hat die Kette
            // abgegeben"). A thing left, dropped or brought is handed in where the shop is
            // ("with you", "in", "off", "chez vous", "aquí"): "who left the door open?" is not.
            && {
                let ws: Vec<&str> = crate::person::words(text.get(at..).unwrap_or_default())
                    .filter(|w| !w.is_empty())
                    .skip(1)
                    .take(8)
                    .collect();
                let handed_in = || {
                    ws.windows(2).any(|p| matches!(p, ["with", "you"] | ["chez", "vous"]))
                        || ws.iter().any(|w| matches!(*w, "in" | "off" | "aqui"))
                };
                let let_in = || {
                    others
                        && (ws.windows(3).any(|p| {
                            matches!(
                                p,
                                ["let", "them" | "him" | "her" | "you", "in"]
                                    | ["opened", "the", "door"]
                            )
                        }) || ws.iter().take(4).any(|w| {
                            matches!(
                                *w,
                                "abrio" | "ouvert" | "reingelassen" | "hereingelassen" | "aufgemacht"
                            )
                        }))
                };
                let_in() || ws.iter().take(4).any(|w| {
                    matches!(
                        *w,
                        "lives"
                            | "live"
                            | "living"
                            | "vive"
                            | "viven"
                            | "habite"
                            | "habitent"
                            | "vit"
                            | "wohnt"
                            | "wohnen"
                            | "depose"
                            | "abgegeben"
                    ) || matches!(
                        *w,
                        "left" | "dropped" | "brought" | "dejo" | "trajo" | "laisse" | "apporte"
                    ) && handed_in()
                })
            }
            && !crate::person::words(sentence).any(crate::person::own_possessive)
    })
}

/// "Wer hat die Loge 3 … gebucht?", "who booked seat F13?", "¿quién reservó la mesa 12?":
/// who bought or booked a thing of the shop's, asked, names another customer. What the
/// customer's own ("who booked my appointment?") or the shop's staff did is the customer's to
/// know. `whos` are where the question words start (the `WhoHeld` cues): only their
/// questions are read.
pub(super) fn booker_asked(text: &str, mut whos: impl Iterator<Item = usize>) -> bool {
    whos.any(|at| {
        let sentence = crate::person::sentence_around(text, at);
        sentence.ends_with('?') && {
            let ws: Vec<&str> = crate::person::words(sentence)
                .filter(|w| !w.is_empty())
                .collect();
            ws.iter().enumerate().any(|(i, w)| {
                // The question opens on it, or a verb of knowing asks it.
                let opens = i == 0
                    || ws.get(i - 1).is_some_and(|p| {
                        matches!(
                            *p,
                            "me" | "know"
                                | "out"
                                | "check"
                                | "mir"
                                | "wissen"
                                | "saber"
                                | "savoir"
                                | "dire"
                                | "decir"
                                | "dime"
                        )
                    });
                // "Which passengers …": the question word with the shop's customers.
                let which_of_them = matches!(*w, "which" | "quels" | "que" | "welche")
                    && ws.get(i + 1).is_some_and(|n| {
                        matches!(
                            *n,
                            "passengers"
                                | "travellers"
                                | "travelers"
                                | "guests"
                                | "customers"
                                | "passagers"
                                | "pasajeros"
                                | "fahrgaste"
                                | "passagiere"
                        )
                    });
                (matches!(*w, "who" | "wer" | "quien" | "qui") || which_of_them)
                    && opens
                    && ws.get(i + 1..(i + 17).min(ws.len())).is_some_and(booked_in)
            })
        }
    })
}

/// Whether the words after "who" say a thing named by its number was bought or booked ("seat
/// F13", "die Loge 3", "la mesa 12"; "who bought the last blue one?" names none), not the
/// customer's own, or say who is on a service.
fn booked_in(rest: &[&str]) -> bool {
    // ... or who is on a service, named any way ("who is booked on the overnight to
    // Edinburgh?", "which passengers are booked on …"): the people on it.
    // Not the customer's own ("who is booked in to do my boiler service?" asks after the
    // shop's staff).
    let on_a_service = rest.windows(4).any(|w| {
        matches!(
            w,
            [
                "is" | "are" | "was" | "were",
                "booked" | "registered" | "travelling" | "traveling",
                "on" | "onto" | "in" | "into",
                next
            ] if *next != "to"
        )
    }) && !rest.iter().any(|w| {
        crate::person::own_possessive(w) || matches!(*w, "you" | "me" | "i" | "us" | "we")
    });
    if on_a_service {
        return true;
    }
    let numbered = rest.iter().any(|w| w.bytes().any(|b| b.is_ascii_digit()));
    if !numbered {
        return false;
    }
    let mut previous = "";
    for w in rest {
        if crate::person::own_possessive(w)
            || matches!(*w, "you" | "vous" | "usted" | "du" | "mich" | "me")
        {
            return false;
        }
        let french_perfect = previous == "a" && matches!(*w, "reserve" | "achete" | "loue");
        // "Qui était la personne au volant de la Clio … à la piste 2 ?": who a person there
        // was, asked by what they were (not "who was the agent I spoke to", the shop's).
        let person_there = matches!(
            *w,
            "person"
                | "personne"
                | "persona"
                | "driver"
                | "conducteur"
                | "conductrice"
                | "conductor"
                | "fahrer"
                | "fahrerin"
        ) && rest
            .iter()
            .take(3)
            .any(|x| matches!(*x, "was" | "etait" | "era" | "war"));
        if french_perfect
            || person_there
            || matches!(
                *w,
                "booked"
                    | "bought"
                    | "reserved"
                    | "ordered"
                    | "purchased"
                    | "rented"
                    | "gebucht"
                    | "gekauft"
                    | "reserviert"
                    | "bestellt"
                    | "gemietet"
                    | "reservo"
                    | "compro"
                    | "alquilo"
                    | "reservado"
                    | "comprado"
                    // Who collected it: "who collected ticket 3317?".
                    | "collected"
                    | "abgeholt"
                    | "recogio"
            )
        {
            return true;
        }
        previous = w;
    }
    false
}

/// "I found a membership card, number 100482. Whose is it and what's their email?", "¿de quién
/// es la tarjeta 4471?": the holder of a thing named by its number, or with their data, asked.
/// "Whose turn is it?" names neither. `whos` are where the question words start.
pub(super) fn owner_asked(text: &str, mut whos: impl Iterator<Item = usize>, pii: bool) -> bool {
    const WHOSE: [&str; 10] = [
        "whose is it",
        "whose is this",
        "whose card",
        "whose account",
        "whose booking",
        "whose order",
        "de quien es",
        "a qui est",
        "a qui appartient",
        "wem gehort",
    ];
    whos.any(|at| {
        // The phrase starts at the question word, or a word before it ("de quién").
        let here = text.get(at..).unwrap_or_default();
        let before = text
            .get(crate::person::word_start_before(text, at)..)
            .unwrap_or_default();
        WHOSE
            .iter()
            .any(|w| here.starts_with(w) || before.starts_with(w))
    }) && (pii
        || text
            .as_bytes()
            .windows(3)
            .any(|d| d.iter().all(u8::is_ascii_digit)))
}
