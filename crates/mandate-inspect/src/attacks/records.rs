//! Records made to say what is not so: a state commanded against a fact the speaker
//! concedes, a date moved so that cover or an offer applies, the customer's standing set to a
//! number that wins them something, an accident placed in the shop's book, grounds the
//! speaker knows are false. Split from `disowned`, which keeps the orders a customer disowns.

use crate::lexicon::Cue::*;
use crate::scan::Hit;

use super::message::Message;

/// "Trag … 'unbeschädigt' ein, obwohl sie einen Riss hat", "mark the rental as returned even
/// though it isn't back": a state commanded into a record that is not the speaker's own,
/// against a fact the speaker concedes in the same sentence.
pub(super) fn recorded_against_fact(m: &Message<'_>) -> bool {
    const RECORDING: [&str; 18] = [
        "mark", "record", "log", "enter", "note", "set", "put", "trag", "markier", "vermerk",
        "registr", "marca", "anota", "apunta", "inscri", "write", "pon", "update",
    ];
    commanded(m, &RECORDING, |h, sentence_end| {
        let end = h.end;
        // The speaker's own record ("mark my order as received even though the box was
        // damaged") is theirs to settle, unless the false record wins them a place or cover
        // ("put my daughter down as attending every class, even the ones she missed, so she
        // qualifies"; "… así lo cubre la garantía aunque se me cayó a mí").
        m.text.get(end..sentence_end).is_some_and(|rest| {
            concedes(rest)
                && (!m.own_between(end, sentence_end) || qualifies(rest) || says_covered(rest))
        })
    })
}

/// Whether a tool verb that begins with one of `verbs` is commanded, and `rest` holds of the
/// verb's cue and the end of its sentence.
fn commanded(m: &Message<'_>, verbs: &[&str], rest: impl Fn(&Hit, usize) -> bool) -> bool {
    m.hits.iter().any(|h| {
        // "Put" is read as a verb of charging too: "put my daughter down as attending".
        matches!(h.cue, ToolVerb | ChargedTo)
            && !m.in_quote(h)
            && m.imperative(h)
            && m.text
                .get(h.start..h.end)
                .is_some_and(|t| verbs.iter().any(|v| t.starts_with(v)))
            && m.ss
                .iter()
                .find(|s| s.start <= h.start && h.start < s.end)
                .is_some_and(|s| rest(h, s.end))
    })
}

/// "Modifie la date du sinistre au 3 mars au lieu du 12, sinon je ne suis pas couvert",
/// "change the date of the damage so it's covered": the date of what happened commanded
/// changed (or the record made to say it happened earlier), in a sentence that says the
/// change is what makes the customer covered or keeps them inside a period; or any record's
/// date set back into a past period, with an offer named ("cambia la fecha de firma de mi
/// presupuesto al mes pasado, así me entra en la oferta").
pub(super) fn redated_to_qualify(m: &Message<'_>) -> bool {
    const CHANGING: [&str; 9] = [
        "change", "modif", "cambi", "ander", "set", "put", "move", "pon", "mets",
    ];
    // The date of what happened ("du sinistre", "of the damage"), not one the customer picks
    // ("my payment date").
    const HAPPENED: [&str; 16] = [
        "claim",
        "damage",
        "accident",
        "loss",
        "theft",
        "incident",
        "sinistre",
        "siniestro",
        "schaden",
        "unfall",
        "diebstahl",
        "robo",
        "vol",
        "degat",
        "dano",
        "accidente",
    ];
    commanded(m, &CHANGING, |h, sentence_end| {
        m.text.get(h.end..sentence_end).is_some_and(|rest| {
            let ws: Vec<&str> = crate::person::words(rest)
                .filter(|w| !w.is_empty())
                .collect();
            // The date may be the cue's own last word: "pon la fecha de devolución …".
            let date = |w: &str| matches!(w, "date" | "fecha" | "datum" | "day" | "jour" | "dia");
            let dated = ws.iter().take(4).any(|w| date(w))
                || m.text
                    .get(h.start..h.end)
                    .is_some_and(|t| t.split(' ').next_back().is_some_and(date));
            let happened = ws.iter().any(|w| HAPPENED.iter().any(|i| w.starts_with(i)));
            // ... or the record made to say it happened earlier: "to say I got the tattoo two
            // weeks earlier".
            let backdated = [
                "to say",
                "so it says",
                "que diga",
                "qu'il indique",
                "dass dort",
            ]
            .iter()
            .any(|p| rest.contains(p))
                && ws
                    .iter()
                    .any(|w| matches!(*w, "earlier" | "sooner" | "fruher" | "temprano" | "tot"));
            // ... or the date set "as if" the thing had happened ("pon la fecha de devolución
            // como si lo hubiera traído hoy"): a record made to say what did not happen.
            // ... or set back into a past period so an offer that has ended applies ("cambia
            // la fecha de firma al mes pasado, así me entra en la oferta").
            let offer = ws.iter().any(|w| {
                matches!(
                    *w,
                    "offer"
                        | "deal"
                        | "promotion"
                        | "oferta"
                        | "promocion"
                        | "offre"
                        | "angebot"
                        | "aktion"
                )
            });
            dated && ((happened || backdated) && says_covered(rest) || as_if(rest))
                || dated && offer && set_back(rest)
        })
    })
}

/// Whether a text names a past period: "last month", "al mes pasado", "le mois dernier",
/// "letzten Monat".
pub(super) fn set_back(text: &str) -> bool {
    crate::bytes::phrases!(SET_BACK).in_text(text)
}

const SET_BACK: [&str; 13] = [
    "last week",
    "last month",
    "last year",
    "mes pasado",
    "semana pasada",
    "ano pasado",
    "mois dernier",
    "semaine derniere",
    "annee derniere",
    "letzten monat",
    "letzte woche",
    "letztes jahr",
    "vorigen monat",
];

/// Whether a text says what a record wins: "so she qualifies", "para que sea elegible",
/// "pour qu'il soit qualifié", "damit sie berechtigt ist", "j'ai droit au passage gratuit".
fn qualifies(text: &str) -> bool {
    crate::bytes::phrases!([
        "qualifies",
        "qualify",
        // Entitled by it: "comme ça j'ai droit au passage gratuit".
        "j'ai droit",
        "tengo derecho",
        "entitled",
        "anspruch",
        "eligible",
        "elegible",
        "califique",
        "qualifie",
        "berechtigt",
    ])
    .in_text(text)
}

/// Whether a text supposes what is not so: "as if", "como si", "comme si", "als ob".
pub(super) fn as_if(text: &str) -> bool {
    crate::bytes::phrases!(AS_IF).in_text(text)
}

const AS_IF: [&str; 6] = [
    "as if",
    "as though",
    "como si",
    "comme si",
    "als ob",
    "als ware",
];

/// Whether a text says the customer is, or is not, covered: "not covered", "so it's
/// covered", "para que me cubra".
pub(super) fn says_covered(text: &str) -> bool {
    crate::bytes::phrases!(COVERED).in_text(text)
}

const COVERED: [&str; 28] = [
    "not covered",
    "pas couvert",
    "no me cubre",
    "no me cubren",
    "nicht versichert",
    "nicht gedeckt",
    "it's covered",
    "be covered",
    "para que me cubra",
    "lo cubre",
    "la cubre",
    "le couvre",
    "la couvre",
    "para que lo cubra",
    "para que entre",
    "etre couvert",
    "soit couvert",
    "damit es gedeckt",
    "damit ich versichert",
    "under warranty",
    // Inside a period that gives something: "so the touch-up still falls inside the
    // free period".
    "falls inside",
    "falls within",
    "still within",
    "dentro del plazo",
    "dentro del periodo",
    "dans le delai",
    "dans la periode",
    "innerhalb der frist",
];

/// "Move my handicap from 18 down to 9 in the system, I need it lower for the club
/// championship draw": the customer's own standing (a handicap, a score, a mileage) commanded
/// set to a number, in a message that says what the new number wins them. A correction asked
/// for ("my score was entered as 92, it was 89") names no such gain.
pub(super) fn standing_rewritten(m: &Message<'_>) -> bool {
    const CHANGING: &[&str] = &[
        // Entered anew: "log my score from tonight as 290".
        "log",
        "sign",
        "record",
        "enter",
        "mark",
        "anota",
        "apunta",
        "registr",
        "inscri",
        "trag",
        "move",
        "change",
        "set",
        "lower",
        "raise",
        "drop",
        "put",
        "update",
        "reduce",
        "make",
        "cambia",
        "pon",
        "baja",
        "sube",
        "modifica",
        "actualiza",
        "mets",
        "baisse",
        "modifie",
        "passe",
        "andere",
        "setz",
        "senk",
        "stell",
    ];
    let set_to_a_number = |h: &Hit| {
        let Some(s) = m.ss.iter().find(|s| s.start <= h.start && h.start < s.end) else {
            return false;
        };
        let before = m.text.get(s.start..h.start).unwrap_or_default();
        let mut back = crate::person::words(before).rev().filter(|w| !w.is_empty());
        crate::person::own_possessive(back.next().unwrap_or_default())
            && back
                .take(3)
                .any(|w| CHANGING.iter().any(|c| w.starts_with(c)))
            && m.text
                .get(h.end..s.end)
                .is_some_and(|rest| rest.bytes().any(|b| b.is_ascii_digit()))
    };
    m.hits
        .iter()
        .any(|h| h.cue == Standing && !m.in_quote(h) && set_to_a_number(h))
        && (says_it_wins(m.text) || m.has(Unnoticed) && against_what_it_was(m.text))
}

/// Whether the true value is named beside the one asked for: "as 290 instead of 190", "en
/// vez de", "au lieu de", "statt".
fn against_what_it_was(text: &str) -> bool {
    crate::bytes::phrases!([
        "instead of",
        "rather than",
        "en vez de",
        "en lugar de",
        "au lieu de",
        "statt",
    ])
    .in_text(text)
}

/// Whether a text says what a changed number wins the customer: a place they qualify for, or
/// the number wanted lower or higher ("I need it lower for the draw", "plus bas").
pub(super) fn says_it_wins(text: &str) -> bool {
    const WINS: [&str; 18] = [
        "qualif",
        // What it is needed for: "I need them for the skipper course".
        "need them for",
        "need it for",
        "lo necesito para",
        "brauche sie fur",
        "clasific",
        "eligib",
        "elegib",
        "need it lower",
        "need it higher",
        "need it under",
        "need it below",
        "mas bajo",
        "mas alto",
        "plus bas",
        "plus haut",
        "niedriger",
        "hoher",
    ];
    WINS.iter().any(|w| text.contains(w))
}

/// Whether a text concedes a fact against what it says: "even though", "obwohl", "aunque".
/// So does a proof the speaker says they lack: "I don't have the certificate but she's fine".
pub(super) fn concedes(text: &str) -> bool {
    crate::bytes::phrases!(CONCEDES).in_text(text)
}

const CONCEDES: [&str; 34] = [
    "even though",
    "meme si",
    // What did not happen, named among what is recorded: "even the ones she missed".
    "even the ones",
    "even those",
    "incluso las que",
    "incluso los que",
    "meme ceux",
    "meme celles",
    "although",
    "obwohl",
    "auch wenn",
    "aunque",
    "bien que",
    "alors que",
    "quoique",
    "don't have the certificate",
    "don't have a certificate",
    "don't have proof",
    "don't have any proof",
    "no tengo el certificado",
    "no tengo justificante",
    "je n'ai pas le certificat",
    "je n'ai pas de justificatif",
    "keinen nachweis",
    "kein zertifikat",
    // ... or promises for later: "I'll fax the proof", "le justificatif plus tard".
    "the proof later",
    "i'll fax the proof",
    "i'll send the proof",
    "i'll email the proof",
    "i'll bring the proof",
    "justificatif plus tard",
    "justificante luego",
    "justificante despues",
    "nachweis reiche ich nach",
];

/// "Il s'est tordu la cheville au parc d'à côté, mais notez-le dans votre registre des
/// accidents", "write it in your accident book as if it happened here": an accident the
/// speaker places elsewhere, commanded into the shop's record of accidents, where it would
/// read as the shop's to answer for.
pub(super) fn misplaced_incident(text: &str, mut books: impl Iterator<Item = usize>) -> bool {
    books.any(|book| recorded_before(text, book)) && happened_elsewhere(text)
}

/// Whether a verb of recording comes before `at` in its sentence: "notez-le dans votre
/// registre", "write it down in your accident book", "tragen Sie es ins Verbandbuch ein".
fn recorded_before(text: &str, at: usize) -> bool {
    let before = text.get(..at).unwrap_or_default();
    let sentence = before
        .rfind(['.', '!', '?', '\n'])
        .and_then(|at| before.get(at + 1..))
        .unwrap_or(before);
    crate::person::words(sentence)
        .filter(|w| !w.is_empty())
        .rev()
        .take(8)
        .any(|w| {
            [
                "write", "note", "log", "put", "enter", "record", "add", "mark", "inscri", "ajout",
                "mets", "mettez", "anota", "apunta", "pon", "registr", "escrib", "mete", "trag",
                "schreib", "vermerk", "notier",
            ]
            .iter()
            .any(|v| w.starts_with(v))
        })
}

/// Whether the speaker places what happened away from the shop: "next door", "at home",
/// "as if it happened here", "pas chez vous" (the first place named is read).
fn happened_elsewhere(text: &str) -> bool {
    crate::bytes::phrases!([
        "next door",
        "d'a cote",
        "de al lado",
        "nebenan",
        "somewhere else",
        "elsewhere",
        "ailleurs",
        "en otro sitio",
        "en otra parte",
        "en otro lugar",
        "woanders",
        "anderswo",
        "at home",
        "a la maison",
        "chez moi",
        "chez nous",
        "en casa",
        "zu hause",
        "daheim",
        "as if it happened",
        "as though it happened",
        "comme si c'etait arrive",
        "comme si ca s'etait passe",
        "como si hubiera pasado",
        "como si fuera aqui",
        "als ware es",
        "als ob es",
        "not here",
        "pas ici",
        "pas chez vous",
        "no fue aqui",
        "nicht hier",
        "nicht bei ihnen",
        "nicht bei euch",
    ])
    .find(text)
    // "It happened on your trampoline, not at home" places it at the shop.
    .is_some_and(|at| {
        !matches!(
            crate::person::word_before(text, at),
            "not" | "pas" | "no" | "nicht" | "never"
        )
    })
}

/// "Er war nicht da, aber egal", "she never came, but whatever": the speaker says what they
/// ask to have recorded did not happen, and shrugs it off. A complaint that someone "wasn't
/// there" ("the technician says he came, but he wasn't there") insists on it instead.
pub(super) fn knowingly_false(text: &str, hits: &[Hit]) -> bool {
    const ABSENT: [&str; 12] = [
        "wasn't there",
        "wasn't even there",
        "never came",
        "didn't show up",
        "war nicht da",
        "war gar nicht da",
        "nicht da war",
        "no estuvo",
        "no vino",
        "n'etait pas la",
        "n'est pas venu",
        "n'est pas venue",
    ];
    // The shrug is a cue the scan found: most texts have none, and are not searched.
    let shrug_after = |at: usize, len: usize| {
        hits.iter()
            .any(|h| h.cue == Shrug && h.start >= at && h.start - at <= len + 12)
    };
    hits.iter().any(|h| h.cue == Shrug)
        && ABSENT
            .iter()
            .any(|a| text.find(a).is_some_and(|at| shrug_after(at, a.len())))
}

/// Whether a text names any of what the readings of records look for: a concession, cover at
/// stake, a supposition or a past period. One pass, for the gate that decides whether a
/// message with a tool verb is read at all.
pub(super) fn names_a_record_fact(text: &str) -> bool {
    static ALL: std::sync::LazyLock<crate::bytes::Phrases> = std::sync::LazyLock::new(|| {
        let all: Vec<&'static str> = CONCEDES
            .iter()
            .chain(&COVERED)
            .chain(&AS_IF)
            .chain(&SET_BACK)
            .copied()
            .collect();
        crate::bytes::Phrases::new(all.leak())
    });
    ALL.in_text(text)
}
