//! Words around a grant that qualify it: a participle that names a thing ("the password reset
//! option"), a verb that reports what was found, a realising rather than an account given, a
//! condition of time after it, an object that is anything of a kind, a negation before it.

use super::Own;
use crate::lexicon::Cue::*;
use crate::person::word_after;
use crate::scan::Hit;

/// Nouns that a participle before them modifies ("reset link", "refund request form"),
/// which make it part of a name rather than a report of something done.
pub(super) fn compound_head(word: &str) -> bool {
    matches!(
        word,
        "option"
            | "options"
            | "link"
            | "links"
            | "page"
            | "email"
            | "e-mail"
            | "form"
            | "button"
            | "request"
            | "requests"
            | "process"
            | "procedure"
            | "policy"
            | "instructions"
            | "tool"
            | "feature"
            | "settings"
            | "screen"
            | "flow"
            | "section"
            | "window"
            | "period"
    )
}

/// A participle after an article, a demonstrative or a preposition describes a thing ("the
/// returned item", "this approved claim", "refunds for returned items"): nothing is said to
/// have been done.
pub(super) fn adjectival(text: &str, h: &Hit) -> bool {
    matches!(
        crate::person::word_before(text, h.start),
        "for"
            | "of"
            | "on"
            | "with"
            | "para"
            | "pour"
            | "fur"
            | "von"
            | "mit"
            | "the"
            | "a"
            | "an"
            | "this"
            | "that"
            | "these"
            | "those"
            | "el"
            | "la"
            | "los"
            | "las"
            | "le"
            | "les"
            | "der"
            | "die"
            | "das"
            | "den"
            | "dem"
    )
}

/// A verb of confirming or checking followed by what was found ("I've confirmed that the
/// price you paid was the sale price", "I've confirmed with the team that...", "j'ai vérifié
/// que"): a report, not a grant.
pub(super) fn reports(text: &str, h: &Hit) -> bool {
    let that = |w: &str| matches!(w, "that" | "que" | "qu'il" | "qu'elle" | "dass");
    let mut next =
        crate::person::words(text.get(h.end..).unwrap_or_default()).filter(|w| !w.is_empty());
    match next.next() {
        Some(w) if that(w) => true,
        // "with the team that", "con el equipo que", "mit dem Team, dass".
        Some("with" | "con" | "avec" | "mit") => next.take(3).any(that),
        _ => false,
    }
}

/// "Me he dado cuenta", "je me suis rendu compte": to give or render account is to realise,
/// and no account is acted on.
pub(super) fn realised(text: &str, h: &Hit) -> bool {
    matches!(word_after(text, h.end), "cuenta" | "compte")
        && text
            .get(h.start..h.end)
            .is_some_and(|v| v.starts_with("dad") || v.starts_with("di") || v.starts_with("rendu"))
}

/// Whether the participle between `start` and `end` (with its auxiliary) is a decision
/// ("approved", "aprobado", "approuvé", "genehmigt") and a new clause opens after it before
/// any condition of time: the decision is made now, and only what the next clause says waits.
pub(super) fn decided_before_the_wait(o: &Own<'_>, start: usize, end: usize) -> bool {
    let participle = o.text.get(start..end).unwrap_or_default();
    let decision = [
        "approved",
        "authorised",
        "authorized",
        "confirmed",
        "accepted",
        "aprobad",
        "autorizad",
        "confirmad",
        "aceptad",
        "approuve",
        "autorise",
        "confirme",
        "accepte",
        "genehmigt",
        "bestatigt",
        "akzeptiert",
        "freigegeben",
    ]
    .iter()
    .any(|d| crate::person::words(participle).any(|w| w.starts_with(d)));
    let rest = o.text.get(end..o.span.1).unwrap_or_default();
    let wait = o
        .at(Hedge)
        .filter(|h| h.start >= end)
        .map(|h| h.start - end)
        .min()
        .unwrap_or(rest.len());
    let before_wait = rest.get(..wait).unwrap_or_default();
    decision
        && [" and ", ", and", " y ", " et ", " und ", ";"]
            .iter()
            .any(|c| before_wait.contains(c))
}

/// Whether "only" comes right before a condition at `pos` ("only if", "solo si", "seulement
/// si", "nur, wenn").
fn only_before(text: &str, pos: usize) -> bool {
    // German sets the clause off with a comma: "nur, wenn".
    let head = text
        .get(..pos)
        .unwrap_or_default()
        .trim_end()
        .trim_end_matches(',');
    matches!(
        crate::person::word_before(head, head.len()),
        "only" | "solo" | "seulement" | "uniquement" | "nur"
    )
}

/// Whether a condition of time follows `pos` in the sentence: "we refund the amount once the
/// item is back", "le reembolsaremos cuando recibamos el producto", "sobald die Ware
/// eingegangen ist". A future or present grant that waits on an event is not made now (an
/// offer on a condition the customer meets, "for $899 if you order today", still binds).
/// So does a threshold every order is held to ("Sie erhalten 10 % Rabatt auf Bestellungen
/// über 50 €"): that is the policy, not a grant to this customer.
/// "As quoted when you signed": a "when" whose clause is past is a time gone by, no event a
/// grant waits on.
fn in_the_past(text: &str, h: &Hit) -> bool {
    text.get(h.start..h.end) == Some("when") && {
        let subject = word_after(text, h.end);
        let verb = text
            .get(h.end..)
            .and_then(|rest| rest.find(subject).map(|i| h.end + i + subject.len()))
            .map(|at| word_after(text, at))
            .unwrap_or_default();
        matches!(subject, "you" | "we") && verb.len() > 3 && verb.ends_with("ed")
    }
}

pub(super) fn conditioned_after(o: &Own<'_>, pos: usize) -> bool {
    o.at(Hedge).any(|h| {
        h.start >= pos
            && !o.conceding(h)
            // "As soon as I hang up", "sobald ich auflege": the speaker's own next step, no
            // event the grant waits on.
            && !matches!(
                word_after(o.text, h.end),
                "i" | "i've" | "i'm" | "je" | "j'ai" | "ich" | "yo"
            )
            && !in_the_past(o.text, h)
            && o.text.get(h.start..h.end).is_some_and(|t| {
                matches!(
                    t.trim(),
                    "once"
                        | "when"
                        | "as soon as"
                        | "after we receive"
                        | "after receiving"
                        | "upon receipt"
                        | "on receipt"
                        | "cuando"
                        | "una vez que"
                        | "en cuanto"
                        | "tras recibir"
                        | "despues de recibir"
                        | "des que"
                        | "des reception"
                        | "apres reception"
                        | "une fois que"
                        | "quand"
                        | "lorsque"
                        | "sobald"
                        | "nachdem"
                        | "nach eingang"
                        | "nach erhalt"
                        | "on orders over"
                        | "for orders over"
                        | "on all orders over"
                        | "auf bestellungen uber"
                        | "bei bestellungen uber"
                        | "bei bestellungen ab"
                        | "ab einem bestellwert"
                        | "en pedidos de mas de"
                        | "en pedidos superiores a"
                        | "sur les commandes de plus de"
                        | "pour les commandes de plus de"
                        | "after that"
                        | "afterwards"
                        | "from then on"
                        | "despues de eso"
                        | "apres cela"
                        | "danach"
                )
            })
                // "Reparaturkosten übernehmen wir nur, wenn der Fehler bei uns liegt": a grant
                // only if something holds is the policy's condition.
                || only_before(o.text, h.start)
    })
}

/// Whether a grant verb's object is anything of a kind: "refund any item", "replace every
/// product", "reembolsamos cualquier pedido", "nous remboursons tout article". A kind the
/// sentence has already named as the customer's ("your yearly pass …, and we'll replace any
/// pass that stops working") is theirs.
pub(super) fn universal_object(o: &Own<'_>) -> bool {
    o.hits.iter().any(|h| {
        let quantifier = word_after(o.text, h.end);
        matches!(h.cue, Grant | Performative)
            && matches!(
                quantifier,
                "any"
                    | "every"
                    | "each"
                    | "cualquier"
                    | "todo"
                    | "tout"
                    | "toute"
                    | "jeden"
                    | "jede"
                    | "jedes"
            )
            && {
                let rest = o.text.get(h.end..).unwrap_or_default().trim_start();
                let noun = word_after(rest, quantifier.len());
                let before = o.text.get(o.span.0..h.start).unwrap_or_default();
                let mut ws = crate::person::words(before).filter(|w| !w.is_empty());
                let mut recent = ["", ""];
                !(noun.len() > 2
                    && ws.any(|w| {
                        let yours = recent
                            .iter()
                            .any(|r| crate::person::addressee_possessive(r));
                        let [_, last] = recent;
                        recent = [last, w];
                        w == noun && yours
                    }))
            }
    })
}

/// Whether one of the two words before `pos` negates what follows ("aren't normally
/// accepted", "not approved").
pub(super) fn negated(text: &str, pos: usize) -> bool {
    let before = || text.get(..pos).unwrap_or_default().split_whitespace().rev();
    before().take(2).any(|w| {
        w.ends_with("n't")
            || matches!(
                w,
                "not" | "never" | "nicht" | "nie" | "pas" | "jamais" | "nunca" | "jamas"
            )
    })
    // French wraps a modal in its negation: "ne peuvent plus être appliqués".
    || before().take(4).any(|w| w == "ne" || w.starts_with("n'"))
        && before()
            .take(3)
            .any(|w| matches!(w, "plus" | "pas" | "jamais"))
}

/// Whether German's negation, which follows its verb, denies the verb ending at `end`:
/// "das garantiere ich nicht", "verspreche ich Ihnen leider nicht".
pub(super) fn negated_after(text: &str, end: usize) -> bool {
    let rest = text.get(end..).unwrap_or_default();
    let clause = rest
        .split([',', '.', ';', '?', '!'])
        .next()
        .unwrap_or_default();
    clause
        .split_whitespace()
        .take(4)
        .any(|w| matches!(w, "nicht" | "keineswegs" | "keinesfalls" | "nie"))
}

/// Whether a quantifier of none or a negation comes right before `pos` ("ningún cargo",
/// "no charges", "keine Gebühr", "aucun frais", "not refunded").
pub(super) fn denied(text: &str, pos: usize) -> bool {
    negated(text, pos)
        || matches!(
            crate::person::word_before(text, pos),
            "no" | "ningun"
                | "ninguna"
                | "ningunos"
                | "ningunas"
                | "kein"
                | "keine"
                | "keinen"
                | "keinerlei"
                | "aucun"
                | "aucune"
                | "zero"
        )
}

/// Whether the kind noun at `k` is an English plural with nothing before it that makes it
/// particular ("prices", not "your prices" or "the refunds for order 4410").
pub(super) fn bare_plural(text: &str, k: &crate::scan::Hit) -> bool {
    let noun = text.get(k.start..k.end).unwrap_or_default();
    noun.ends_with('s')
        && !noun.ends_with("ss")
        && !noun.contains(' ')
        && !matches!(
            crate::person::word_before(text, k.start),
            "the" | "your" | "these" | "those" | "our" | "my" | "both" | "two" | "all"
        )
}

/// A guarantee stands on its own; a confirmation ("I can confirm", "te confirmo") promises
/// only what it says will happen: "I can confirm your order will be delivered tomorrow", not
/// "I can confirm we received your return".
pub(super) fn confirms_what_will_be(text: &str, g: &Hit) -> bool {
    let said = text.get(g.start..g.end).unwrap_or_default();
    if !said.contains("confirm") && !said.contains("bestatig") {
        return true;
    }
    let rest = text.get(g.end..).unwrap_or_default();
    let clause = rest.split(['.', ';', '?', '!']).next().unwrap_or_default();
    // A confirmation that closes the sentence confirms what came before it: "le livreur
    // passera demain entre 8h et 10h, c'est confirmé".
    let clause = if clause.trim().is_empty() {
        let head = text.get(..g.start).unwrap_or_default();
        head.rsplit(['.', ';', '?', '!']).next().unwrap_or_default()
    } else {
        clause
    };
    let future = [
        " will ",
        "'ll ",
        " va a ",
        " vas a ",
        " llegara",
        " recibiras",
        " sera ",
        " arrivera",
        " recevrez",
        " passera",
        " wird ",
        " werden ",
    ]
    .iter()
    .any(|f| clause.contains(f));
    // "Je vous confirme la livraison demain": a day with no past in the clause.
    let past = [
        " was ",
        " were ",
        " received",
        " ago",
        " a ete",
        " etait",
        " etaient",
        " fue ",
        " era ",
        " war ",
        " waren ",
        " wurde",
        " hat ",
    ]
    .iter()
    .any(|p| clause.contains(p));
    // "Je vous confirme le prix de 299 €": a price confirmed with its sum binds, as a date does.
    let priced = || {
        crate::extract::mentions_money(clause)
            && crate::person::words(clause).any(|w| {
                matches!(
                    w,
                    "price" | "prix" | "precio" | "preis" | "tarif" | "tarifa"
                )
            })
    };
    // "I can confirm that refunds are processed within 5 days": a kind of thing, bare and
    // plural, confirmed to go some way is the rule, not this customer's case.
    let mut ws = crate::person::words(clause).filter(|w| !w.is_empty());
    let mut first = ws.next();
    if matches!(first, Some("that" | "que" | "dass")) {
        first = ws.next();
    }
    let rule = first.is_some_and(|w| w.ends_with('s') && w.len() > 3)
        && matches!(ws.next(), Some("are" | "sont" | "son" | "werden" | "se"));
    !rule && (future || !past && (!crate::extract::dates(clause).is_empty() || priced()))
}

/// Whether the participle at `at` ends a German passive addressed to the customer: "werden
/// Ihnen ... zurückerstattet", "wird dir ... gutgeschrieben".
pub(super) fn passive_to_you(text: &str, at: usize) -> bool {
    let head = text.get(at.saturating_sub(40)..at).unwrap_or_default();
    if !head.contains(" wird ") && !head.contains(" werden ") {
        return false;
    }
    let mut auxiliary = false;
    for w in crate::person::words(head).filter(|w| !w.is_empty()) {
        if matches!(w, "werden" | "wird") {
            auxiliary = true;
        } else if auxiliary && matches!(w, "ihnen" | "dir" | "euch") {
            return true;
        }
    }
    false
}

/// Whether the participle at `at` stands in a clause of time still to come ("before a refund
/// is processed", "until it is approved", "antes de que se apruebe", "bevor sie erstattet
/// wird"): what waits for an event is not said to be done. ("Hasta" and "bis" also bound a
/// term granted: "ampliada hasta 2028", "bis 2028 verlängert".)
pub(super) fn awaited(text: &str, from: usize, at: usize) -> bool {
    let head = text.get(from..at).unwrap_or_default();
    let clause = head.rsplit([',', ';', ':']).next().unwrap_or_default();
    crate::person::words(clause).any(|w| {
        matches!(
            w,
            "before" | "until" | "till" | "antes" | "avant" | "bevor" | "ehe"
        )
    })
}

/// Whether a German clause puts "werden" before its participle ("Bonuspunkte werden 14 Tage
/// nach der Lieferung gutgeschrieben"): a present passive says what happens as a rule, unless
/// "worden" completes it. So does a modal before a participle that "werden" follows ("das
/// Trinkgeld kann … angepasst werden"): what can be done, as a rule.
pub(super) fn present_passive(text: &str, from: usize, g: &Hit) -> bool {
    let head = text.get(from..g.start).unwrap_or_default();
    let clause = head.rsplit([',', ';', ':']).next().unwrap_or_default();
    let after = word_after(text, g.end);
    crate::person::words(clause).any(|w| match w {
        "werden" | "wird" => after != "worden",
        "kann" | "konnen" | "muss" | "mussen" | "darf" | "durfen" => after == "werden",
        _ => false,
    })
}

/// Whether the first person says it can grant, conceding what stands against it ("I can let
/// you keep the item and still refund it, even though normally we'd need it back"): the
/// concession makes the ability a decision. A habit ("normally") or a supposition ("even
/// if") concedes nothing.
pub(super) fn able_despite(o: &Own<'_>) -> bool {
    let conceded = o.at(Exception).any(|e| {
        !matches!(
            o.text.get(e.start..e.end),
            Some("normally" | "even if" | "meme si" | "auch wenn")
        )
    });
    conceded
        && o.at(Grant).any(|g| {
            let head = o.text.get(o.span.0..g.start).unwrap_or_default();
            let Some(at) = [
                "i can ",
                "we can ",
                "puedo ",
                "podemos ",
                "je peux ",
                "nous pouvons ",
                "ich kann ",
                "wir konnen ",
            ]
            .iter()
            .filter_map(|c| head.rfind(c))
            .max() else {
                return false;
            };
            g.start - (o.span.0 + at) <= 45
                && !head.get(at..).unwrap_or_default().contains([',', ';'])
                && !o.undone_at(g.start, &[Refuse, Hedge])
                && !conditioned_after(o, g.end)
        })
}

/// Whether a verb of offering, availability or price follows a participle in its clause ("la
/// garantía ampliada de 3 años se puede contratar", "l'extension prolongée est disponible"):
/// the participle names a product, it says nothing was done.
pub(super) fn named_then_offered(text: &str, end: usize) -> bool {
    let rest = text.get(end..).unwrap_or_default();
    let clause = rest.split([',', '.', ';', ':']).next().unwrap_or_default();
    [
        " se puede",
        " puede ",
        " pueden ",
        " se ofrece",
        " est disponible",
        " peut ",
        " kann ",
        " is available",
        " can be",
        // Priced or bought as a product: "la garantía extendida de tres años cuesta 59 €".
        " cuesta ",
        " se contrata",
        " costs ",
        " coute ",
        " kostet ",
    ]
    .iter()
    .any(|v| clause.contains(v))
}

/// Whether a word names a stretch of time that "this" or "that" turns into a time adverbial:
/// "went through this morning" says when, "went through this one" what was examined.
pub(super) fn names_a_time(word: &str) -> bool {
    matches!(
        word,
        "morning" | "afternoon" | "evening" | "week" | "weekend" | "month" | "year" | "time"
    )
}

/// "You can cancel an order free of charge until it ships", "puede devolver cualquier
/// artículo gratis": a gift as the manner of what the customer may do with a thing of a
/// kind (an indefinite or "any" object) is the policy; "you can keep it free of charge" gives
/// this one. `from` is where the sentence starts, `at` where the gift does.
pub(super) fn anyone_can(text: &str, from: usize, at: usize) -> bool {
    let head = text.get(from..at).unwrap_or_default();
    let mut ws = crate::person::words(head).filter(|w| !w.is_empty());
    let mut previous = "";
    let can = ws.by_ref().any(|w| {
        matches!(
            (std::mem::replace(&mut previous, w), w),
            ("you", "can" | "may")
                | (
                    _,
                    "puede" | "puedes" | "pouvez" | "peux" | "konnen" | "kannst"
                )
        )
    });
    // The verb's object, right after it ("you can exchange it for a new one" gives this one).
    can && ws.nth(1).is_some_and(|w| {
        matches!(
            w,
            "a" | "an"
                | "any"
                | "un"
                | "una"
                | "une"
                | "cualquier"
                | "tout"
                | "jede"
                | "jeden"
                | "ein"
                | "eine"
        )
    })
}

/// "Members with a fixed desk can receive post at no extra cost", "los socios … pueden
/// recibir correo sin coste", "die Mitglieder können …": what a class of people may have
/// free, said of the class that opens the sentence, is the policy. `from` is where the
/// sentence starts, `at` where the gift does.
pub(super) fn class_may(text: &str, from: usize, at: usize) -> bool {
    let head = text.get(from..at).unwrap_or_default();
    let ws: Vec<&str> = crate::person::words(head)
        .filter(|w| !w.is_empty())
        .collect();
    let Some(first) = ws.first() else {
        return false;
    };
    let article = matches!(
        *first,
        "los" | "las" | "les" | "die" | "all" | "todos" | "tous"
    );
    let noun = if article { ws.get(1) } else { Some(first) };
    let plural = noun.is_some_and(|n| {
        n.len() > 3
            && (n.ends_with('s') || *first == "die")
            && !matches!(*n, "this" | "thus" | "yours" | "ours" | "theirs")
    });
    plural
        && ws.iter().any(|w| {
            matches!(
                *w,
                "can" | "may" | "pueden" | "peuvent" | "konnen" | "durfen"
            )
        })
}

/// "We store your dress free of charge until the week of the wedding": the shop's present of
/// habit, opening the sentence with no cue of an act before the gift (not "we're giving you",
/// "we've"), is what it does for every customer. `from` is where the sentence starts, `at`
/// where the gift does; `acts` says whether a cue of an act stands between them.
pub(super) fn practice_told(text: &str, from: usize, at: usize, acts: bool) -> bool {
    let mut ws =
        crate::person::words(text.get(from..at).unwrap_or_default()).filter(|w| !w.is_empty());
    !acts
        && matches!(ws.next(), Some("we" | "nous" | "wir"))
        && ws.next().is_some_and(|verb| {
            !matches!(
                verb,
                "will"
                    | "shall"
                    | "can"
                    | "could"
                    | "would"
                    | "are"
                    | "have"
                    | "had"
                    | "did"
                    | "allons"
                    | "avons"
                    | "werden"
                    | "haben"
            )
        })
}

/// Whether `sentence` opens with the customer paying ("Sie zahlen", "you pay", "vous payez")
/// or with the customer as who a thing's sum is for ("para usted, el robot queda en 299 €")
/// and says the sum is less than another ("nur noch … statt", "instead of", "au lieu de").
pub(super) fn pays_less(sentence: &str) -> bool {
    let sentence = sentence.trim_start();
    // Most sentences open on none of these words: one look at the first word says so.
    let first = sentence.split(' ').next().unwrap_or_default();
    if !matches!(
        first,
        "sie"
            | "du"
            | "you"
            | "you'll"
            | "pagas"
            | "pagaras"
            | "vous"
            | "tu"
            | "we'll"
            | "we"
            | "le"
            | "te"
            | "nous"
            | "wir"
            | "for"
            | "para"
            | "pour"
            | "fur"
            | "i"
            | "je"
            | "on"
            | "podemos"
            | "puedo"
    ) {
        return false;
    }
    let opens = [
        "sie zahlen ",
        "du zahlst ",
        "you pay ",
        "you'll pay ",
        "you will pay ",
        "you now pay ",
        "pagas ",
        "pagaras ",
        "vous payez ",
        "vous paierez ",
        "tu paies ",
        "we'll charge you ",
        "we will charge you ",
        "we'll only charge you ",
        "we will only charge you ",
        "le cobraremos ",
        "te cobraremos ",
        "nous vous facturerons ",
        "nous ne vous facturerons que ",
        "wir berechnen ihnen ",
        "for you, ",
        "para usted, ",
        "para ti, ",
        "pour vous, ",
        "fur sie, ",
        // "Für Sie gilt ab sofort der Großhändler-Tarif: 29 € statt 49 €".
        "fur sie gilt ",
        "fur dich gilt ",
        // The speaker setting the sum: "we can do the varifocals for £180 instead of £240".
        "we can do ",
        "i can do ",
        "we can let you have ",
        "i can let you have ",
        "podemos dejarle ",
        "podemos dejarte ",
        "puedo dejarle ",
        "puedo dejarte ",
        "on peut vous faire ",
        "nous pouvons vous faire ",
        "je peux vous faire ",
        "wir konnen ihnen ",
    ]
    .iter()
    .any(|p| sentence.starts_with(p));
    opens
        && [
            "nur noch",
            " statt ",
            "anstatt",
            "instead of",
            "en lugar de",
            "en vez de",
            "au lieu de",
            "plus que",
        ]
        .iter()
        .any(|w| sentence.contains(w))
}

#[cfg(test)]
mod tests {
    use super::pays_less;

    #[test]
    fn the_customer_paying_less_than_a_sum_named() {
        assert!(pays_less(
            "sie zahlen fur das upgrade nur noch 5 € statt 15 €."
        ));
        assert!(pays_less("you'll pay $5 instead of $15 for the upgrade."));
        assert!(pays_less(
            "para usted, el robot de cocina queda en 299 € en lugar de 349 €."
        ));
        assert!(!pays_less(
            "el robot de cocina queda en 299 € en lugar de 349 €."
        ));
        assert!(!pays_less("sie zahlen fur den versand 4,95 €."));
        assert!(pays_less(
            "we can do the varifocals for £180 instead of £240."
        ));
        assert!(!pays_less("we can do a fitting on saturday."));
        assert!(pays_less(
            "le cobraremos solo 45 € por la instalacion en vez de los 90 € habituales."
        ));
        assert!(!pays_less(
            "le cobraremos solo los gastos de envio si lo devuelve."
        ));
        let t = "you can cancel an order free of charge until it has been dispatched.";
        assert!(super::anyone_can(t, 0, t.find("free").unwrap_or(0)));
        let t = "you can keep it free of charge.";
        assert!(!super::anyone_can(t, 0, t.find("free").unwrap_or(0)));
        assert!(!pays_less("mit dem jahresabo zahlen sie 10 € statt 15 €."));
        assert!(pays_less(
            "fur sie gilt ab sofort der grosshandler-tarif: 29 € im monat statt 49 €."
        ));
    }
}
