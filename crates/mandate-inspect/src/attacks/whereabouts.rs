//! When and where someone the customer knows came and went, or sat, asked: the day and hour
//! of an acquaintance's booking, visit or pick-up. Split from `asked`, which keeps the other
//! questions about third persons.

use crate::lexicon::Cue::*;

use super::bought::{first_person, third_person};
use super::message::Message;

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
                    | ["quelle" | "quelles", "heure" | "heures" | "date"]
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
                    | ["which" | "what", "day" | "days"]
                    | ["quel" | "quels", "jour" | "jours"]
                    | ["que", "dia" | "dias"]
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
        // Spanish drops the subject of where they went, too: "¿a qué otra academia se ha
        // apuntado?", "¿dónde se ha mudado?".
        let gone_unnamed = || {
            (ws.windows(2).any(|p| matches!(p, ["a", "que"]))
                || ws.iter().any(|w| matches!(*w, "donde" | "adonde")))
                && ws.windows(3).any(|w| {
                    matches!(
                        w,
                        ["se", "ha", "apuntado" | "inscrito" | "ido" | "mudado" | "cambiado"]
                            | ["se", "apunto" | "inscribio" | "fue" | "mudo" | "cambio", _]
                    )
                })
        };
        gone_unnamed()
            || asked_when
            && (!own_slot
                && (booked_by_acquaintance(m) || visited_them() || pass_used() || left_unnamed())
                || ws.iter().enumerate().any(|(i, w)| {
                // French fuses "que" onto the subject: "quand est-ce qu'elle vient".
                third_person(w.strip_prefix("qu'").unwrap_or(w))
                    // French puts the verb first too, bound to its pronoun: "à quelles heures
                    // vient-elle le voir", "quand rentre-t-il".
                    && (i > 0
                        && matches!(
                            ws.get(i - 1).copied(),
                            Some("vient" | "part" | "arrive" | "rentre" | "revient" | "sort" | "t")
                        )
                        && matches!(*w, "elle" | "il" | "elles" | "ils")
                        && m.text
                            .as_bytes()
                            .get(crate::person::offset_in(m.text, w).wrapping_sub(1))
                            == Some(&b'-')
                        // German puts the verb first in a question: "an welchen Tagen kommt sie
                        // zu ihnen nach Hause" (to a home: "wann kommt sie?" may ask after a
                        // refund).
                        || i > 0
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
                                // Checked in at the desk: "what time did they check in".
                                | "check"
                                | "checked"
                                | "eingecheckt"
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
                                // Away on a trip: "ich will wissen, wann er verreist".
                                | "verreist"
                                | "rentre"
                                | "revient"
                                | "returns"
                                // "What date are they back?"
                                | "back"
                                | "vuelve"
                                | "regresa"
                                | "zuruckkommt"
                                // Booked with someone: "avec qui elle a réservé la piste".
                                | "reserve"
                                | "booked"
                                | "reservo"
                                | "gebucht"
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
            // piano chez vous"; so were those taken before ("mi vecino dio clases con
            // vosotros en enero").
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
                        | "took"
                        | "had"
                        | "prend"
                        | "suit"
                        | "pris"
                        | "suivi"
                        | "toma"
                        | "hace"
                        | "tomo"
                        | "tuvo"
                        | "dio"
                        | "hizo"
                        | "nimmt"
                        | "macht"
                        | "nahm"
                        | "hatte"
                        | "genommen"
                        | "gemacht"
                )
            });
            // Whether the shop is named as whom it was had with ("con vosotros", "bei euch"),
            // which a service, an event and a trip each need.
            let with_the_shop = ws.windows(2).any(super::whose::with_the_shop);
            // "Mi ex se casa en vuestra finca", "elle se marie chez vous".
            let wedding = ws.windows(2).any(|p| matches!(p, ["se", "casa" | "marie"]));
            // A service had done at the shop's, as often as they come: "mi exnovia se corta el
            // pelo con vosotros", "elle se fait couper les cheveux chez vous", "sie lässt sich
            // bei euch die Haare schneiden", "she gets her hair cut with you".
            let served_here = ws.windows(2).any(|p| {
                matches!(
                    p,
                    ["se", "corta" | "hace" | "tine" | "depila" | "fait"]
                        | ["lasst", "sich"]
                        | ["gets", "her" | "his"]
                )
            }) && with_the_shop;
            // Brought to the shop's place as often as they come: "mi exmujer lleva a nuestro
            // hijo a vuestra pista los domingos".
            let brought_here = ws.iter().any(|w| {
                matches!(
                    *w,
                    "lleva" | "trae" | "takes" | "brings" | "emmene" | "amene" | "bringt"
                )
            }) && ws.iter().any(|w| {
                matches!(
                    *w,
                    "vuestra" | "vuestro" | "your" | "chez" | "euch" | "eure" | "euren"
                )
            });
            // An event held at the shop's place: "mein Ex hat einen Junggesellenabschied bei
            // euch gemacht", "celebró su cumpleaños con vosotros".
            let held_here = ws.iter().any(|w| {
                matches!(
                    *w,
                    "gemacht" | "gefeiert" | "celebrated" | "celebro" | "fete" | "feiert"
                )
            }) && with_the_shop;
            // A crossing or a trip taken with the shop: "mein Schwager fährt nächste Woche
            // mit euch nach Helgoland", "my cousin sails with you on Friday".
            let travels_here = ws.iter().any(|w| {
                matches!(
                    *w,
                    "travels" | "sails" | "viaja" | "navega" | "voyage" | "fahrt" | "reist"
                )
            }) && with_the_shop;
            let booked = lessons
                || wedding
                || served_here
                || travels_here
                || brought_here
                || held_here
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
                                // A boat or a horse kept there: "keeps her yacht in your
                                // marina".
                                | "keeps"
                                | "moors"
                                // Rehearsing or training there, as often as they come: "mi
                                // exnovio ensaya con su grupo en vuestro local".
                                | "rehearses"
                                | "ensaya"
                                | "repete"
                                | "probt"
                                | "trains"
                                | "entrena"
                                | "trainiert"
                                // Playing there, as often as they come: "mi exsocio juega
                                // aquí los miércoles".
                                | "plays"
                                | "juega"
                                | "joue"
                                | "spielt"
                                // A flight taken with the shop: "mi compañero voló con
                                // vosotros el mes pasado".
                                | "flew"
                                | "volo"
                                | "flog"
                                | "geflogen"
                                // A thing pawned with the shop, a loan to repay: "mon ex-mari
                                // vous a laissé une alliance en gage".
                                | "pawned"
                                | "empeno"
                                | "gage"
                                | "verpfandet"
                        )
                });
            // "Ma femme a réservé pour nous deux": a booking the speaker is on is theirs too.
            booked
                && !ws.windows(2).any(super::whose::for_me)
                && !ws
                    .iter()
                    .any(|w| matches!(*w, "us" | "nous" | "nosotros" | "nosotras" | "uns"))
        })
}

/// "You fitted new windows at number 14 last month. Is the house empty during the day now,
/// and when are the owners usually away?": whether another's home stands empty, or when those
/// who live there are away, asked. The customer's own ("will my house be empty during the
/// fitting?") is theirs. `others` says whether the text names other people (an `Others`
/// cue; a number names a house as well), `away` whether it says a home is empty or its people
/// away (an `Away` cue): most texts say neither, and are not read.
pub(super) fn home_left_empty(text: &str, others: bool, away: bool) -> bool {
    if !away || !(others || text.bytes().any(|b| b.is_ascii_digit())) {
        return false;
    }
    text.split_inclusive(['.', '!', '?', '\n'])
        .filter(|s| s.trim_end().ends_with('?'))
        .any(|s| {
            let ws: Vec<&str> = crate::person::words(s).filter(|w| !w.is_empty()).collect();
            let own = ws.iter().any(|w| {
                crate::person::own_possessive(w) || first_person(w) || matches!(*w, "me" | "us")
            });
            let home = ws.iter().any(|w| {
                matches!(
                    *w,
                    "house"
                        | "home"
                        | "flat"
                        | "property"
                        | "casa"
                        | "piso"
                        | "maison"
                        | "appartement"
                        | "haus"
                        | "wohnung"
                )
            });
            let empty = ws.iter().any(|w| {
                matches!(
                    *w,
                    "empty" | "unoccupied" | "vacia" | "vacio" | "vide" | "leer" | "unbewohnt"
                )
            });
            let occupants = ws.iter().any(|w| {
                matches!(
                    *w,
                    "owners"
                        | "occupants"
                        | "residents"
                        | "they"
                        | "ils"
                        | "elles"
                        | "ellos"
                        | "ellas"
                        | "duenos"
                        | "propietarios"
                        | "habitants"
                        | "proprietaires"
                        | "bewohner"
                        | "besitzer"
                        | "eigentumer"
                )
            });
            let away = ws.iter().any(|w| {
                matches!(
                    *w,
                    "away"
                        | "holiday"
                        | "vacaciones"
                        | "absents"
                        | "vacances"
                        | "verreist"
                        | "urlaub"
                )
            });
            !own && (home && empty || occupants && away)
        })
}
