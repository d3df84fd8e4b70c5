//! What a sentence describes rather than does: a completed act in a clause of time that the
//! rest waits on, a thing's warranty term stated; and the one condition that does not undo a
//! promise, the failure a free remedy answers.

use super::Own;
use crate::lexicon::Cue::WillSubject;
use crate::scan::Hit;

/// Whether a completed subject opens a clause of time ("once we have refunded it, you'll get
/// an email", "sobald wir erstattet haben", "une fois que nous avons remboursé"): what it did
/// is an event the rest waits on, described, not done.
pub(super) fn in_time_clause(text: &str, subject: usize) -> bool {
    let before = text.get(..subject).unwrap_or_default().trim_end();
    [
        "once",
        "when",
        "after",
        "as soon as",
        "cuando",
        "una vez que",
        "en cuanto",
        "despues de que",
        "une fois que",
        "quand",
        "lorsque",
        "des que",
        "apres que",
        "sobald",
        "nachdem",
        "wenn",
    ]
    .iter()
    .any(|c| {
        before.ends_with(c)
            && before.len().checked_sub(c.len() + 1).is_none_or(|i| {
                before
                    .as_bytes()
                    .get(i)
                    .is_some_and(|b| !b.is_ascii_alphanumeric())
            })
    })
}

/// Whether a thing is said to be guaranteed for a term of months or years ("your vacuum is
/// guaranteed for two years", "est garanti deux ans", "ist zwei Jahre garantiert"): the
/// warranty the thing has, stated, not a promise made now.
pub(super) fn warranty_term(text: &str, g: &Hit) -> bool {
    // A price "locked in for 12 months" is held, not guaranteed as a thing's warranty.
    if !text
        .get(g.start..g.end)
        .is_some_and(|t| t.contains("guarant") || t.contains("garant"))
    {
        return false;
    }
    let before: Vec<&str> = crate::person::words(text.get(..g.start).unwrap_or_default())
        .rev()
        .filter(|w| !w.is_empty())
        .take(4)
        .collect();
    let after: Vec<&str> = crate::person::words(text.get(g.end..).unwrap_or_default())
        .filter(|w| !w.is_empty())
        .take(3)
        .collect();
    let is = |w: &str| {
        matches!(
            w,
            "is" | "are" | "est" | "sont" | "esta" | "estan" | "es" | "son" | "ist" | "sind"
        )
    };
    // The copula may open the cue itself ("is guaranteed").
    let opening = text
        .get(g.start..g.end)
        .and_then(|t| t.split(' ').next())
        .is_some_and(is);
    let copula = opening || before.iter().any(|w| is(w));
    let term = |w: &&str| {
        matches!(
            *w,
            "year"
                | "years"
                | "month"
                | "months"
                | "ans"
                | "mois"
                | "ano"
                | "anos"
                | "mes"
                | "meses"
                | "jahr"
                | "jahre"
                | "jahren"
                | "monat"
                | "monate"
                | "monaten"
        )
    };
    // French "an" only after "un" ("garanti un an"): "you are guaranteed an upgrade" grants one.
    let one_year = after.windows(2).any(|w| matches!(w, ["un", "an"]));
    copula && (before.iter().any(term) || after.iter().any(term) || one_year)
}

/// "If the stain comes back within a month, we'll clean the jacket again for free,
/// guaranteed": a remedy the speaker will give, free, when the thing fails, is the promise;
/// the "if" clause before it names what it answers.
pub(super) fn remedy_if_it_fails(o: &Own<'_>, g: &Hit) -> bool {
    let sentence = o.text.get(o.span.0..g.start).unwrap_or_default();
    let lead = sentence.len() - sentence.trim_start().len();
    let sentence = sentence.trim_start();
    let Some(comma) = sentence.find(',') else {
        return false;
    };
    // What the clause says happens: the thing fails, breaks, comes back, or does not work
    // ("if you book before Friday" names a purchase, not a failure).
    let clause: Vec<&str> = crate::person::words(sentence.get(..comma).unwrap_or_default())
        .filter(|w| !w.is_empty())
        .collect();
    // A guarantee reads any word of coming back or of not working as the failure.
    let fails = fault_named(&clause)
        || clause.iter().any(|w| {
            matches!(
                *w,
                "back" | "doesn't" | "isn't" | "not" | "vuelve" | "no" | "pas" | "wieder" | "nicht"
            )
        });
    ["if ", "si ", "wenn ", "falls "]
        .iter()
        .any(|p| sentence.starts_with(p))
        && fails
        && o.at(WillSubject)
            .any(|w| w.start > o.span.0 + lead + comma && w.end <= g.start)
        // The remedy costs nothing: "… free", or the thing replaced ("we'll replace it,
        // guaranteed").
        && costs_nothing(sentence)
}

/// Whether words `ws` name a fault: a thing failing, a fault that comes back ("si la mancha
/// vuelve a salir", "if the stain comes back", "wenn der Fleck wiederkommt"), or a thing that
/// does not work or sound right ("if anything in the master doesn't sound right", "si no
/// funciona", "s'il ne marche pas", "wenn es nicht funktioniert").
pub(super) fn fault_named(ws: &[&str]) -> bool {
    ws.iter().any(|w| failing(w))
        || ws.windows(2).any(|p| {
            matches!(
                p,
                ["vuelve" | "vuelven", "a"]
                    | ["comes" | "come", "back"]
                    // Worn through in use: "if the new heels wear through", "si la suela se
                    // desgasta", "wenn sich die Sohle abnutzt".
                    | ["wear" | "wears", "through" | "out" | "down"]
                    | ["se", "desgasta" | "desgastan"]
                    | ["sich", "abnutzt" | "abnutzen"]
                    // Brought home from the shop's care with it: "if Milo comes home with
                    // fleas".
                    | ["home", "with"]
                    | ["kommt" | "kommen", "wieder"]
                    | [
                        "doesn't" | "don't" | "isn't" | "aren't" | "won't",
                        "work" | "sound" | "look" | "fit" | "right" | "start"
                    ]
                    | ["no", "funciona" | "funcionan" | "arranca" | "suena"]
                    | ["ne", "marche" | "fonctionne" | "demarre"]
                    | ["nicht", "funktioniert" | "klingt" | "passt" | "startet"]
                    // Doing by itself what it should not: "if it opens by itself".
                    | ["by", "itself" | "themselves"]
                    | ["tout", "seul" | "seule"]
                    | ["von", "selbst" | "allein"]
                    | ["solo" | "sola", "se"]
            )
        })
}

/// Whether the remedy a sentence promises costs the customer nothing: it says so ("free",
/// "gratis"), or the thing is replaced ("if any bottle turns out corked, we'll replace it").
pub(super) fn costs_nothing(sentence: &str) -> bool {
    super::kind_clues::free_word(sentence)
        // ... or the speaker pays for it: "we'll pay for his treatment at your vet".
        || crate::bytes::phrases!([
            // "… at no extra charge", "sans frais", "sin coste".
            "no extra charge",
            "at no charge",
            "at no cost",
            "sin coste",
            "sin cargo",
            "sans frais",
            "ohne aufpreis",
            "we'll pay",
            "we will pay",
            "pagaremos",
            "nous paierons",
            "on paiera",
            "bezahlen wir",
            "zahlen wir",
        ])
        .in_text(sentence)
        // The verb, not the noun: "we'll review it for a replacement" promises none.
        || crate::person::words(sentence).any(|w| {
            ["replac", "reemplaz", "remplac", "ersetz"]
                .iter()
                .any(|v| w.starts_with(v))
                && !w.ends_with("ment")
                && !w.ends_with("ments")
                && w != "reemplazo"
        })
}

/// A word that says a thing broke or stopped working: "breaks", "se agrieta", "casse",
/// "kaputt".
pub(super) fn failing(w: &str) -> bool {
    matches!(
        w,
        "breaks"
            | "cracks"
            | "fails"
            | "stops"
            // Spoiled in the bottle: "if any bottle is flat".
            | "flat"
            // Called off: "if your sailing is cancelled for weather".
            | "cancelled"
            | "canceled"
            | "cancelado"
            | "cancelada"
            | "annule"
            | "annulee"
            | "abgesagt"
            | "gestrichen"
            // A cut or a fitting not done evenly: "if your beard trim looks uneven".
            | "uneven"
            | "patchy"
            | "crooked"
            | "wonky"
            | "desigual"
            | "torcido"
            | "torcida"
            | "inegal"
            | "inegale"
            | "ungleichmassig"
            | "schief"
            | "rompe"
            | "agrieta"
            | "falla"
            | "casse"
            | "fissure"
            | "kaputt"
            | "bricht"
            | "reisst"
            // Coming apart at a seam: "if a seam comes apart", "si se descose".
            | "apart"
            | "tears"
            | "rips"
            | "splits"
            | "descose"
            | "decoud"
            // Wearing or leaking in use: "if the saddle starts rubbing", "si gotea".
            | "rubbing"
            | "rubs"
            | "leaks"
            | "leaking"
            | "wobbles"
            | "peels"
            | "peeling"
            | "frays"
            | "gotea"
            | "despega"
            | "fuit"
            | "decolle"
            | "scheuert"
            | "tropft"
            | "leckt"
            | "wackelt"
            // Jamming: "if the marker you bought from us jams".
            | "jams"
            | "jam"
            | "atasca"
            | "coince"
            | "klemmt"
            // Snapping: "if the new strings snap within a month".
            | "snap"
            | "snaps"
            | "reissen"
            // Fading: "if any print fades within ten years".
            | "fades"
            | "fade"
            | "decolore"
            | "destine"
            | "verblasst"
            // Wrong: "if the lap timer on your printout is wrong".
            | "wrong"
            | "incorrect"
            | "incorrecto"
            | "incorrecta"
            | "falsch"
            | "errone"
            | "erronee"
            // Spoilt by its cork: "if any bottle turns out corked".
            | "corked"
            | "bouchonne"
            | "bouchonnee"
            | "korkt"
            // Working loose: "if the cowl rattles loose", "si se afloja", "s'il se desserre".
            | "loose"
            | "rattles"
            | "afloja"
            | "suelta"
            | "desserre"
            | "lockert"
            // The plural subject's verb: "if the shoes split", "si se rompen".
            | "split"
            | "break"
            | "crack"
            | "tear"
            | "rip"
            | "leak"
            | "rompen"
            | "cassent"
            | "appear"
            | "appears"
            | "apparaissent"
            | "apparait"
            | "aparecen"
            | "auftauchen"
            // Come damaged: "if your certificate arrives damaged".
            | "damaged"
            | "danado"
            | "endommage"
            | "beschadigt"
            // Gone blunt: "if the blades we sharpened go blunt".
            | "blunt"
            | "stumpf"
            | "reappears"
            | "reaparece"
            | "revient"
            | "reapparait"
    )
}
