//! What a question asks of someone other than the customer: what they paid, who they are and
//! how to reach them, what they did without telling the customer.

use crate::lexicon::Cue::*;
use crate::scan::Hit;

use super::bought::{first_person, third_person};
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
/// of how much. "How much will you charge me?" asks the customer's own price.
pub(super) fn asked_what_they_paid(m: &Message<'_>) -> bool {
    if !m.has(Acquaintance) && m.kins().next().is_none() {
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
                "gast", "depens", "ausgegeb", "ausgeb",
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

/// "À quelle heure elle a fini ? Je suis son ex", "when did he leave the gym? he's my
/// neighbour": when or where someone the customer knows came and went, asked. So is it of
/// someone said to hold their own account ("mon fils a pris un VTC avec son compte …
/// dites-moi où il est allé").
pub(super) fn whereabouts_asked(m: &Message<'_>) -> bool {
    if !m.hits.iter().any(|h| {
        (matches!(h.cue, Acquaintance | TheirThing) || super::whose::relative(m.text, h))
            && !m.in_quote(h)
    }) {
        return false;
    }
    // Asked by a question, or by a request to be told ("dites-moi où il est allé").
    let asks =
        |s: &&crate::scan::Sentence<'_>| s.question || s.hits.iter().any(|h| h.cue == Request);
    m.ss.iter().filter(asks).any(|s| {
        let ws: Vec<&str> = crate::person::words(m.text.get(s.start..s.end).unwrap_or_default())
            .filter(|w| !w.is_empty())
            .collect();
        let asked_when = ws.windows(2).any(|p| {
            matches!(
                p,
                // "Can I check in for both of us when we arrive?": the speaker's own time.
                [
                    "when" | "where" | "quand" | "ou" | "cuando" | "donde" | "wann" | "wo",
                    w
                ] if !first_person(w)
            ) || matches!(
                p,
                ["what", "time"]
                    // "What lift did she last scan at?": the place named by its kind.
                    | [
                        "what" | "which",
                        "lift" | "gate" | "entrance" | "door" | "branch" | "site" | "hotel"
                    ]
                    | ["quel" | "que" | "welchem" | "welches", "hotel"]
                    | ["quelle", "heure" | "date"]
                    // Where they sit: "dans quelle rangée ils sont assis", "which row".
                    | ["what" | "which", "row" | "seat" | "seats" | "section" | "block"]
                    | ["quelle" | "quel", "rangee" | "place" | "places" | "loge" | "siege"]
                    | ["que" | "cual", "fila" | "asiento" | "asientos" | "palco"]
                    | ["welcher" | "welche" | "welchem", "reihe" | "platz" | "loge" | "block"]
                    | ["what", "date" | "dates" | "destination"]
                    // Whom they are with, as much as where: "¿con quién se casa?".
                    | ["con", "quien"]
                    | ["with", "whom"]
                    | ["avec", "qui"]
                    | ["mit", "wem"]
                    // A day named by its weekday: "which Saturday it is".
                    | [
                        "which" | "what",
                        "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday"
                            | "sunday"
                    ]
                    // "¿A qué destino y en qué fechas?": where a trip goes, and when.
                    | ["que", "destino" | "fechas" | "fecha"]
                    | ["quelle" | "quelles", "destination" | "dates"]
                    | ["que", "hora" | "horas"]
                    | ["wie", "viel"]
                    | ["what", "times"]
                    | ["which" | "what", "day"]
                    | ["quel", "jour"]
                    | ["que", "dia"]
                    | ["welchen" | "welcher" | "welche" | "welchem", "uhrzeiten" | "uhrzeit" | "tag" | "tagen"]
            )
        });
        // "Which day do you have free for me?" asks the shop's free days, not the booking's;
        // "¿a qué horas es más barato?" its prices and hours.
        let own_slot = ws.windows(2).any(super::whose::for_me)
            || ws.iter().any(|w| {
                matches!(
                    *w,
                    "free"
                        | "available"
                        | "libre"
                        | "disponible"
                        | "frei"
                        | "cheap"
                        | "cheaper"
                        | "cheapest"
                        | "barato"
                        | "cher"
                        | "billig"
                        | "gunstiger"
                        | "price"
                        | "precio"
                        | "prix"
                        | "preis"
                        | "open"
                        | "abierto"
                        | "ouvert"
                        | "geoffnet"
                )
            });
        // "À quelle heure le technicien est passé chez mon voisin ?": a past visit to the
        // acquaintance's home says when they were in ("pouvez-vous passer chez ma voisine"
        // asks the shop's own visit).
        let visited_them = || {
            ws.iter().any(|w| {
                matches!(
                    *w,
                    "passe" | "venu" | "came" | "visited" | "vino" | "estuvo" | "paso"
                        | "gekommen" | "gewesen"
                )
            }) && m.hits.iter().any(|h| {
                h.cue == Acquaintance
                    && h.start >= s.start
                    && h.end <= s.end
                    && (matches!(crate::person::word_before(m.text, h.start), "chez" | "bei")
                        || crate::person::two_words_before(m.text, h.start) == ("de", "casa"))
            })
        };
        // "Wann hat er zuletzt seine Zugangskarte benutzt?": when their pass or key card was
        // last used says where they were.
        let pass_used = || {
            ws.iter().any(|w| third_person(w))
                && ws.iter().any(|w| {
                    matches!(
                        *w,
                        "zugangskarte" | "schlusselkarte" | "keycard" | "badge" | "fob"
                    )
                })
        };
        // Spanish drops the subject: "¿a qué hora salió?" after "mi cuñado se llevó mi coche".
        let left_unnamed = || {
            ws.windows(3).any(|w| {
                matches!(
                    w,
                    ["que", "hora" | "horas", v] | ["cuando" | "donde", v, _]
                        if matches!(*v, "salio" | "llego" | "vino" | "fue" | "entro" | "aparco"
                            | "recogio" | "termino")
                )
            }) || ws.windows(2).enumerate().any(|(i, p)| {
                // ... or their habit: "¿a qué hora la suele recoger?" (not "¿a qué hora suele
                // llegar el repartidor?", whose subject follows).
                let mut rest = ws.iter().skip(i + 2).skip_while(|w| {
                    matches!(**w, "la" | "lo" | "le" | "los" | "las" | "se" | "suele" | "suelen")
                });
                matches!(p, ["que", "hora" | "horas"])
                    && ws.iter().skip(i + 2).take(3).any(|w| matches!(*w, "suele" | "suelen"))
                    && matches!(
                        rest.next(),
                        Some(&("recoger" | "venir" | "salir" | "llegar" | "entrar" | "irse"))
                    )
                    && !matches!(
                        rest.next(),
                        Some(&("el" | "la" | "los" | "las" | "un" | "una" | "mi" | "su" | "tu"))
                    )
            })
        };
        asked_when
            && (!own_slot
                && (booked_by_acquaintance(m) || visited_them() || pass_used() || left_unnamed())
                || ws.iter().enumerate().any(|(i, w)| {
                // French fuses "que" onto the subject: "quand est-ce qu'elle vient".
                third_person(w.strip_prefix("qu'").unwrap_or(w))
                    // German puts the verb first in a question: "an welchen Tagen kommt sie zu
                    // ihnen nach Hause" (to a home: "wann kommt sie?" may ask after a refund).
                    && (i > 0
                        && matches!(
                            ws.get(i - 1).copied(),
                            Some("kommt" | "kam" | "geht" | "ging" | "fahrt" | "fuhr")
                        )
                        && ws.iter().skip(i + 1).take(4).any(|v| *v == "hause")
                        || ws.iter().skip(i + 1).take(2).any(|v| {
                        matches!(
                            *v,
                            "left"
                                | "leave"
                                | "arrive"
                                | "finish"
                                | "arrived"
                                | "finished"
                                | "came"
                                | "went"
                                | "parti"
                                | "partie"
                                | "alle"
                                | "allee"
                                | "fue"
                                | "gefahren"
                                | "arrivee"
                                | "fini"
                                | "venu"
                                | "venue"
                                | "salio"
                                | "llego"
                                | "termino"
                                | "vino"
                                | "gegangen"
                                | "angekommen"
                                | "gekommen"
                                | "fertig"
                                | "losgefahren"
                                // Came into a car park or building, or out of it.
                                | "entered"
                                | "exited"
                                | "parked"
                                | "entree"
                                | "sortie"
                                | "ressortie"
                                | "sorti"
                                | "ressorti"
                                | "entro"
                                | "eingefahren"
                                | "ausgefahren"
                                // Coming in: "quand est-ce qu'elle vient les chercher".
                                | "vient"
                                | "comes"
                                | "viene"
                                | "kommt"
                                // When they have their appointments: "an welchen Tagen hat sie
                                // Termine?".
                                | "termine"
                                | "appointments"
                                | "citas"
                                // Leaving, or coming back: "quand elle part", "à quelle date il
                                // rentre".
                                | "part"
                                | "leaves"
                                | "rentre"
                                | "revient"
                                | "returns"
                                | "vuelve"
                                | "regresa"
                                | "zuruckkommt"
                                // Picked a child up: "à quelle heure il a récupéré notre fille".
                                | "picked"
                                | "recupere"
                                | "recogio"
                                | "abgeholt"
                                // Where a pass or badge was last read.
                                | "scan"
                                | "scanned"
                                | "swipe"
                                | "swiped"
                                | "badged"
                                | "gescannt"
                                // Seated: "dans quelle rangée ils sont assis".
                                | "assis"
                                | "assise"
                                | "assises"
                                | "seated"
                                | "sitting"
                                | "sit"
                                | "sentado"
                                | "sentada"
                                | "sentados"
                                | "sitzt"
                                | "sitzen"
                                // At home: "zwischen welchen Uhrzeiten ist er zu Hause".
                                | "home"
                                | "hause"
                                | "casa"
                        )
                    }))
            }))
    })
}

/// "My girlfriend booked a colour appointment with you": an acquaintance's booking, whose day
/// and time say where they will be; so do the lessons they take, a trip, a wedding held at
/// the venue and the car they charge at the shop's points. One made for the speaker ("booked
/// a table for me") is the speaker's too.
fn booked_by_acquaintance(m: &Message<'_>) -> bool {
    m.hits
        .iter()
        .filter(|h| (h.cue == Acquaintance || super::whose::relative(m.text, h)) && !m.in_quote(h))
        .any(|h| {
            // The rest of the acquaintance's sentence: German puts the participle last ("hat
            // bei euch einen Termin gebucht").
            let rest = m.text.get(h.end..).unwrap_or_default();
            let sentence = rest.split(['.', '?', '!', ';']).next().unwrap_or_default();
            let ws: Vec<&str> = crate::person::words(sentence)
                .filter(|w| !w.is_empty())
                .take(10)
                .collect();
            // Lessons taken are booked as often as they come: "ma voisine prend des cours de
            // piano chez vous".
            let lessons = ws.iter().any(|w| {
                matches!(
                    *w,
                    "lessons" | "classes" | "cours" | "clases" | "unterricht" | "kurs" | "kurse"
                )
            }) && ws.iter().any(|w| {
                matches!(
                    *w,
                    "takes"
                        | "has"
                        | "does"
                        | "prend"
                        | "suit"
                        | "toma"
                        | "hace"
                        | "nimmt"
                        | "macht"
                )
            });
            // "Mi ex se casa en vuestra finca", "elle se marie chez vous".
            let wedding = ws.windows(2).any(|p| matches!(p, ["se", "casa" | "marie"]));
            let booked = lessons
                || wedding
                || ws.iter().any(|w| {
                    super::bought::booked(w)
                        || matches!(
                            *w,
                            "scheduled"
                                | "agendo"
                                | "reserve"
                                | "reserviert"
                                // A trip taken: "mi exmujer se va de viaje con los niños".
                                | "trip"
                                | "viaje"
                                | "voyage"
                                | "reise"
                                // An event held at the venue: "getting married at your venue".
                                | "married"
                                | "heiratet"
                                // A service hired: "mi vecina contrató una fumigación".
                                | "hired"
                                | "contrato"
                                | "beauftragt"
                                // A car charged at the shop's points, as often as it comes:
                                // "mi vecino carga su coche en vuestro punto".
                                | "carga"
                                | "charges"
                                | "recharge"
                                | "ladt"
                        )
                });
            booked && !ws.windows(2).any(super::whose::for_me) && !ws.contains(&"us")
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
