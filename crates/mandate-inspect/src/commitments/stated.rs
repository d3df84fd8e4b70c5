//! Sentences that state what holds in general rather than grant: they may use the words of a
//! grant ("liability ... is covered") without anything being done for this customer now.

use super::Own;
use crate::lexicon::Cue::{Granted, MoneyBack, Passive, TakenAs, ThereNow};
use crate::person::{personal_word, words};
use crate::scan::Hit;

/// Words that point at one thing or one case rather than a kind of thing.
fn pointing(w: &str) -> bool {
    personal_word(w)
        || w.bytes().any(|b| b.is_ascii_digit())
        || matches!(
            w,
            "this"
                | "that"
                | "these"
                | "those"
                | "it"
                | "its"
                | "everything"
                | "his"
                | "her"
                | "their"
                | "them"
        )
}

/// "Liability for damage in transit is covered by the carrier's terms", "accidental damage
/// is covered": an English present passive whose subject is a bare kind of thing, with
/// nothing in its clause pointing at this customer's case, states a rule. "Your repair is
/// covered", "the repair is covered", "shipping is waived on this order" are about the case.
/// `at` is where the passive's auxiliary starts in `text`, `from` where the sentence does.
pub(super) fn general_rule(text: &str, from: usize, at: usize) -> bool {
    let Some(tail) = text.get(at..) else {
        return false;
    };
    if !(tail.starts_with("is ") || tail.starts_with("are ")) {
        return false;
    }
    // The subject is the passive's own clause: "returns can't be accepted, but faulty items
    // are covered by the warranty" says what faulty items get.
    let subject = text
        .get(from..at)
        .unwrap_or_default()
        .rsplit([',', ';'])
        .next()
        .unwrap_or_default()
        .trim_start();
    let subject = [
        "but ", "and ", "pero ", "y ", "mais ", "et ", "aber ", "und ",
    ]
    .iter()
    .find_map(|c| subject.strip_prefix(c))
    .unwrap_or(subject);
    let clause = tail.split([',', ';', '.', ':']).next().unwrap_or_default();
    // "The coffee machine is covered by a two-year warranty": an agent of no particular case
    // says what a kind of thing comes with.
    if clause.contains(" by a ") || clause.contains(" by an ") {
        return true;
    }
    let mut subject_words = words(subject).filter(|w| !w.is_empty()).peekable();
    subject_words.peek().is_some()
        // A subject with an article is a thing of the case ("the repair"); the article in
        // the rest of the clause may name the rules ("by the carrier's terms").
        && !subject_words.any(|w| w == "the" || pointing(w))
        && !words(clause).any(pointing)
}

/// "Your account is unlocked", "votre compte est débloqué": a present passive of a grant whose
/// subject is the customer's own thing, with nothing in its clause making it a routine ("your
/// refund is processed within 5 days", "your card is charged when it ships"), says the thing
/// is done. `at` is where the participle starts, `from` where the sentence does.
pub(super) fn case_state(text: &str, from: usize, at: usize) -> bool {
    // The two words that decide are read first: the auxiliary right before the participle (or
    // before an adverb of time or return: "ihr Konto ist wieder freigeschaltet", "your account
    // is now unlocked") and the possessive that opens the sentence.
    let aux = |w: &str| {
        matches!(
            w,
            "is" | "are" | "est" | "sont" | "ist" | "sind" | "esta" | "estan"
        )
    };
    let (before, earlier) = crate::person::two_words_before(text, at);
    // The future passive says the same of the customer's thing ("your fee will be waived",
    // "votre garantie sera prolongée").
    let future = before == "be" && matches!(earlier, "will" | "you'll" | "it'll")
        || matches!(before, "sera" | "seran" | "seront");
    let present = aux(before)
        || future
        || matches!(
            before,
            "now"
                | "again"
                | "already"
                | "ya"
                | "deja"
                | "wieder"
                | "jetzt"
                | "nun"
                | "bereits"
                | "nuevamente"
                | "maintenant"
                | "ahora"
        ) && aux(earlier);
    // "Les frais de dossier de 19 € vous sont offerts": the customer named as who receives the
    // thing, whatever the subject.
    // ... or after it: "it's set up for you", "está preparado para usted".
    let for_you = (aux(before) || before == "it's") && for_you_after(text, at);
    // ... in the future too: "votre acompte de 200 € vous sera remboursé".
    let to_you = matches!(before, "sont" | "est" | "sera" | "seront")
        && matches!(earlier, "vous" | "te")
        || for_you;
    let whole_subject = to_you || present && sum_of_the_case(text, from, at);
    let Some(subject) = (if whole_subject {
        Some(from)
    } else {
        present.then(|| yours_at(text, from)).flatten()
    }) else {
        return false;
    };
    // The subject is short; an opening ("done -") is not part of it.
    // A thing of the customer's thing ("la garantie de votre casque") takes two words more.
    let most = if of_yours(text, subject) { 7 } else { 5 };
    let short = whole_subject
        || words(text.get(subject..at).unwrap_or_default())
            .filter(|w| !w.is_empty())
            .nth(most)
            .is_none();
    let clause = text
        .get(at..)
        .unwrap_or_default()
        .split([',', ';', '.'])
        .next()
        .unwrap_or_default();
    // A number says how a routine goes ("is processed within 5 days"), but only in the
    // participle's own predicate: after "and" it belongs to the next one ("it's set up for you
    // and takes 25% off", "your account is reactivated and the 3,400 points you had are
    // back"). A year says until when a grant holds ("votre garantie est prolongée jusqu'en
    // juin 2027"); a number after "by" says by how much ("extended by 12 months").
    let predicate = clause.split(" and ").next().unwrap_or_default();
    let routine = predicate
        .match_indices(|c: char| c.is_ascii_digit())
        .filter(|(i, _)| {
            !predicate
                .get(..*i)
                .is_some_and(|h| h.ends_with(|c: char| c.is_ascii_digit()))
        })
        .any(|(i, _)| {
            let n = predicate.get(i..).unwrap_or_default();
            let n = n
                .get(..n.find(|c: char| !c.is_ascii_digit()).unwrap_or(n.len()))
                .unwrap_or_default();
            // ... and so does one right after the participle and "de" ("prolongée de 12
            // mois"; "dans un délai de 5 jours" is how long a routine takes).
            let by_how_much = predicate.get(..i).is_some_and(|h| {
                h.ends_with("by ") || {
                    let mut ws = words(h).filter(|w| !w.is_empty());
                    ws.next().is_some() && ws.next() == Some("de") && ws.next().is_none()
                }
            });
            !(n.len() == 4 && (n.starts_with("20") || n.starts_with("19"))) && !by_how_much
        })
        || words(clause).any(|w| {
            matches!(
                w,
                "within"
                    | "usually"
                    | "normally"
                    | "automatically"
                    | "after"
                    | "once"
                    | "when"
                    | "if"
                    | "until"
                    | "dentro"
                    | "normalmente"
                    | "automaticamente"
                    | "despues"
                    | "cuando"
                    | "si"
                    | "sous"
                    | "normalement"
                    | "automatiquement"
                    | "apres"
                    | "quand"
                    | "innerhalb"
                    | "normalerweise"
                    | "automatisch"
                    | "nach"
                    | "wenn"
                    | "sobald"
            )
        });
    short && !routine
}

/// Whether the customer is named as who receives what a participle at `at` says was done:
/// "set up for you", "reservado para usted", "pour vous", "für Sie".
fn for_you_after(text: &str, at: usize) -> bool {
    let mut ws = words(text.get(at..).unwrap_or_default())
        .filter(|w| !w.is_empty())
        .take(4);
    let mut previous = "";
    ws.any(|w| {
        matches!(
            (std::mem::replace(&mut previous, w), w),
            ("for", "you")
                | ("para", "usted" | "ti")
                | ("pour", "vous" | "toi")
                | ("fur", "sie" | "dich")
        )
    })
}

/// Verbs that hold a thing where it is ("your plan stays at $15 a month"): a grant only when
/// the thing is the customer's ([`yours_first`]); "the price stays at $15 until Sunday" is the
/// offer.
pub(super) fn holds(text: &str, h: &crate::scan::Hit) -> bool {
    text.get(h.start..h.end).is_some_and(|t| {
        matches!(
            t,
            "stays at"
                | "stay at"
                | "is fixed at"
                | "are fixed at"
                | "will stay at"
                | "remains at"
                | "se queda en"
                | "reste a"
                | "restera a"
                | "will remain at"
                | "se quedara en"
                | "se mantendra en"
                | "bleibt bei"
        )
    })
}

/// "The price stays at £420, as quoted when you signed": a thing held as it was agreed with
/// this customer is theirs, whatever the sentence opens with.
pub(super) fn as_agreed(sentence: &str) -> bool {
    [
        "as quoted",
        "as agreed",
        "as promised",
        "como acordamos",
        "como te dijimos",
        "comme convenu",
        "comme prevu",
        "wie vereinbart",
        "wie besprochen",
    ]
    .iter()
    .any(|p| sentence.contains(p))
}

/// "Wir reparieren Geräte innerhalb der Garantie kostenlos": a German present performative
/// whose object follows bare, with no article, pronoun or adverb before it and nothing in
/// its clause pointing at this customer's case, is a kind of thing served, the policy. "Wir
/// reparieren Ihr Gerät", "wir übernehmen die Kosten", "wir erstatten sofort 20 €" serve
/// the case. (Only German performatives are read so: the other languages' present grants
/// are listed as longer phrases, or left to the model.)
pub(super) fn generic_object(text: &str, h: &crate::scan::Hit) -> bool {
    // The subject and the verb alone: a longer phrase ("wir machen eine Ausnahme") has named
    // its object already.
    let said = text.get(h.start..h.end).unwrap_or_default();
    let two = said.split(' ').count() == 2;
    if two && (said.ends_with(" wir") || said.ends_with(" ich")) {
        return generic_before(text, h);
    }
    let german = two && (said.starts_with("wir ") || said.starts_with("ich "));
    if !german {
        return false;
    }
    let clause = clause_after(text, h.end);
    let Some(first) = words(clause).find(|w| !w.is_empty()) else {
        return false;
    };
    let universal = matches!(first, "alle" | "jede" | "jeden" | "jedes" | "samtliche");
    let leads = leads_the_case(first);
    universal || !leads && !words(clause).any(pointing)
}

/// A German word that leads an object of the case: an article, a pronoun, or an adverb of
/// doing it now ("den Kasten", "es", "sofort").
fn leads_the_case(w: &str) -> bool {
    matches!(
        w,
        "der"
            | "die"
            | "das"
            | "den"
            | "dem"
            | "des"
            | "ein"
            | "eine"
            | "einen"
            | "einem"
            | "einer"
            | "diese"
            | "dieser"
            | "diesen"
            | "dieses"
            | "es"
            | "sie"
            | "ihm"
            | "euch"
            | "heute"
            | "sofort"
            | "umgehend"
            | "gerne"
            | "gern"
            | "jetzt"
            | "noch"
            | "direkt"
            | "gleich"
            | "morgen"
            | "bereits"
            | "einmalig"
            | "ausnahmsweise"
            | "naturlich"
            | "selbstverstandlich"
            | "kostenlos"
            | "kulanterweise"
            | "auch"
            | "ebenfalls"
    )
}

/// The rest of the clause after `end`, to its first mark of punctuation.
fn clause_after(text: &str, end: usize) -> &str {
    text.get(end..)
        .unwrap_or_default()
        .split([',', ';', '.', ':', '!', '?'])
        .next()
        .unwrap_or_default()
}

/// "Defekte Geräte tauschen wir innerhalb von 30 Tagen kostenlos um": German may put the
/// object first and the verb after it, before its subject. Bare, with no article or pointing
/// word, and no one of the case's named after ("… tauschen wir Ihnen heute um"), it is a
/// kind of thing served.
fn generic_before(text: &str, h: &crate::scan::Hit) -> bool {
    let before = text.get(..h.start).unwrap_or_default();
    let object = before
        .rsplit(['.', ';', ':', '!', '?', '\n'])
        .next()
        .unwrap_or_default();
    let clause = clause_after(text, h.end);
    // What opens the sentence is the object only when none follows the verb: "als
    // Entschuldigung … übernehmen wir die Kosten" opens on a reason.
    let object_after = words(clause)
        .find(|w| !w.is_empty())
        .is_some_and(leads_the_case);
    let mut ws = words(object).filter(|w| !w.is_empty()).peekable();
    !object_after
        && ws.peek().is_some_and(|w| !leads_the_case(w))
        && !ws.any(pointing)
        && !words(clause).any(personal_word)
}

/// Whether the sentence starting at `from` opens with the customer's possessive, after a
/// short opening set off by punctuation if it has one ("Done - your account is unlocked",
/// "C'est fait : votre compte...").
pub(super) fn yours_first(text: &str, from: usize) -> bool {
    yours_at(text, from).is_some()
}

/// Where the customer's possessive that opens the sentence at `from` stands, as for
/// [`yours_first`].
fn yours_at(text: &str, from: usize) -> Option<usize> {
    let yours = |at: &usize| {
        matches!(
            crate::person::word_after(text, *at),
            "your"
                | "tu"
                | "tus"
                | "votre"
                | "vos"
                | "ton"
                | "ta"
                | "tes"
                | "ihr"
                | "ihre"
                | "ihren"
                | "dein"
                | "deine"
                | "su"
                | "sus"
        ) || numbered_case(text, *at)
    };
    Some(from)
        .filter(yours)
        .or_else(|| opening_end(text, from).filter(yours))
        .or_else(|| confirmed_from(text, from).filter(yours))
        .or_else(|| of_yours(text, from).then_some(from))
}

/// Where the clause a confirmation opens the sentence with begins: "je vous confirme que
/// votre abonnement est résilié", "I can confirm that your account is unlocked" say the
/// customer's thing is so, as the clause alone does.
fn confirmed_from(text: &str, from: usize) -> Option<usize> {
    let head = text.get(from..)?;
    let head = crate::bytes::head(head, 40);
    let confirm = head.find("confirm")?;
    let mut at = confirm;
    let mut ws = head.get(confirm..)?.split(' ');
    ws.next().filter(|w| w.len() <= 9)?;
    let that = ws.next()?;
    at += head.get(confirm..)?.find(' ')? + 1;
    if !matches!(that, "that" | "que") {
        return None;
    }
    // Before the verb, only who confirms: "je vous", "I can", "te", "we".
    (crate::person::words(head.get(..confirm)?)
        .filter(|w| !w.is_empty())
        .count()
        <= 3)
        .then_some(from + at + that.len())
}

/// "La garantie de votre casque", "the warranty on your headset", "die Garantie Ihres
/// Headsets": a thing with the definite article, of something of the customer's named right
/// after it, is theirs.
fn of_yours(text: &str, from: usize) -> bool {
    let mut it = words(text.get(from..).unwrap_or_default()).filter(|w| !w.is_empty());
    let mut ws = [""; 4];
    let mut n = 0;
    for (slot, w) in ws.iter_mut().zip(&mut it) {
        *slot = w;
        n += 1;
    }
    let ws = ws.get(..n).unwrap_or_default();
    let definite = |w: &str| matches!(w, "the" | "la" | "le" | "el" | "die" | "der" | "das");
    let yours = |w: &str| {
        matches!(
            w,
            "your" | "tu" | "tus" | "votre" | "vos" | "ton" | "ta" | "tes" | "ihr" | "ihre"
        )
    };
    match ws {
        [the, _, of, y, ..] => {
            definite(the)
                && (matches!(*of, "of" | "on" | "for" | "de" | "du" | "von") && yours(y)
                    || matches!(*of, "ihres" | "ihrer" | "deines" | "deiner"))
        }
        [the, _, of] => definite(the) && matches!(*of, "ihres" | "ihrer" | "deines" | "deiner"),
        _ => false,
    }
}

/// "La pénalité de retard de 8 € est annulée", "die Mahngebühr von 8 € ist storniert": a
/// subject with its article and a sum of money is one case's charge ("a restocking fee of $12
/// applies" is every return's).
fn sum_of_the_case(text: &str, from: usize, at: usize) -> bool {
    let subject = text.get(from..at).unwrap_or_default().trim_start();
    let definite = ["the ", "la ", "le ", "el ", "die ", "der ", "das "]
        .iter()
        .any(|a| subject.starts_with(a));
    definite
        && subject.bytes().any(|b| b.is_ascii_digit())
        && (subject.contains(['$', '€', '£']) || subject.contains(" eur"))
}

/// "Order #77120 is refunded", "la commande 55102 est remboursée": a thing of one case, named
/// by its number, is as much the customer's as "your order" ("orders are refunded" is every
/// order's routine).
fn numbered_case(text: &str, at: usize) -> bool {
    let mut ws = words(text.get(at..).unwrap_or_default()).filter(|w| !w.is_empty());
    let mut noun = ws.next().unwrap_or_default();
    if matches!(noun, "la" | "le" | "el" | "die" | "der" | "das") {
        noun = ws.next().unwrap_or_default();
    }
    matches!(
        noun,
        "order"
            | "invoice"
            | "claim"
            | "ticket"
            | "booking"
            | "return"
            | "pedido"
            | "factura"
            | "reserva"
            | "commande"
            | "facture"
            | "bestellung"
            | "rechnung"
            | "buchung"
    ) && ws
        .next()
        .is_some_and(|w| w.bytes().any(|b| b.is_ascii_digit()))
}

/// Where a short opening of the sentence at `from` ends: a word or three ("done", "all set",
/// "good news") before a comma, colon, dash, exclamation mark or check mark ("done ✅").
pub(super) fn opening_end(text: &str, from: usize) -> Option<usize> {
    let head = text.get(from..)?;
    let (cut, mark) = head
        .char_indices()
        .take(24)
        .find(|(_, c)| matches!(c, ',' | ':' | ';' | '-' | '!' | '\u{2705}' | '\u{2714}'))?;
    let before = head.get(..cut)?;
    let count = words(before).filter(|w| !w.is_empty()).count();
    (1..=3)
        .contains(&count)
        .then_some(from + cut + mark.len_utf8())
}

/// Whether a sentence says the grant is done in so many words: "c'est fait", "consider it
/// done", a sum "now on your account". `money` says whether the sentence names a sum.
pub(super) fn said_done(o: &Own<'_>, money: impl Fn() -> bool) -> bool {
    let passive_is = |phrases: &[&str]| {
        o.at(Passive).any(|p| {
            o.text
                .get(p.start..p.end)
                .is_some_and(|t| phrases.contains(&t))
        })
    };
    // "Votre garantie est prolongée, c'est fait": a grant and a word that it is done, in
    // either order.
    passive_is(&[
        "c'est fait",
        "voila qui est fait",
        "all done",
        "done!",
        "it's done",
        "that's done",
        "erledigt",
        "ist erledigt",
        "listo",
        "ya esta hecho",
    ]) && o.has(Granted)
        // "Consider it done: the $40 credit is on your account": taken as done, a sum needs
        // no participle; so does a sum now in the customer's account ("a $25 credit is now on
        // your account").
        || passive_is(&[
            "consider it done",
            "is now on your account",
            "is now in your account",
            "is on your account now",
            "is in your account now",
            "ya esta en tu cuenta",
            "ya esta en su cuenta",
            "est maintenant sur votre compte",
            "ist jetzt auf ihrem konto",
            "dalo por hecho",
            "considerelo hecho",
            "c'est comme si c'etait fait",
            "considerez que c'est fait",
            "betrachten sie es als erledigt",
        ]) && (o.has(Granted) || money())
        // "There's now a £10 credit sitting in your account": a sum said to be there now, in
        // the customer's account.
        || there_now(o) && money()
        // "Your $45 refund is on its way": a sum or a refund said to be travelling to the
        // customer now ("refunds are usually on their way within 24 hours" is a routine).
        || passive_is(&["is on its way", "on its way to"])
            && (money() || o.has(crate::lexicon::Cue::KRefund))
        || taken_as_done(o)
        // "Ihr Geld für die Lampe ist zurück auf Ihrem Konto, 42,90 €", "your $20 is back on
        // your card": a sum said to be back, now.
        // (The sum is looked for last: most sentences have no such word.)
        // ... or going back now ("the £12 you paid today is going back to your card").
        || o.at(MoneyBack).any(|h| {
            let be = |w: &str| {
                matches!(
                    w,
                    "is" | "are" | "ist" | "sind" | "est" | "sont" | "esta" | "estan"
                )
            };
            let before = crate::person::word_before(o.text, h.start);
            (be(before)
                || matches!(before, "going" | "heading")
                    && be(crate::person::word_before(
                        o.text,
                        crate::person::word_start_before(o.text, h.start),
                    )))
                && !super::qualifiers::conditioned_after(o, h.end)
        }) && money()
}

/// "Consider the $15 late fee gone", "considérez les frais comme annulés", "betrachten Sie
/// die Gebühr als erlassen": a thing of a grant's kind that the customer is told to take as
/// gone or done.
fn taken_as_done(o: &Own<'_>) -> bool {
    if !o.at(TakenAs).any(|h| told(o.text, h)) {
        return false;
    }
    let sentence = o
        .text
        .get(o.span.0..o.span.1)
        .unwrap_or_default()
        .trim_start();
    o.hits.iter().any(|h| super::KINDED.contains(&h.cue))
        && words(sentence).any(|w| {
            matches!(
                w,
                "gone"
                    | "waived"
                    | "cancelled"
                    | "canceled"
                    | "removed"
                    | "refunded"
                    | "covered"
                    | "forgiven"
                    | "anulado"
                    | "anulada"
                    | "anulados"
                    | "anuladas"
                    | "cancelado"
                    | "cancelada"
                    | "annule"
                    | "annulee"
                    | "annules"
                    | "annulees"
                    | "erlassen"
                    | "storniert"
                    | "erledigt"
            )
        })
}

/// Whether the `TakenAs` cue at `h` opens a reading the rules make without a grant's cue:
/// "consider …", "da por …" opening its sentence (the customer told to take something as so,
/// and "gone" is no cue), or "we'll take … back".
pub(super) fn takes_as(text: &str, h: &Hit) -> bool {
    h.cue == TakenAs
        && match text
            .get(h.start..h.end)
            .unwrap_or_default()
            .strip_suffix("take")
        {
            Some(subject) => super::verbs::take_back_after(text, h.start + subject.len()).is_some(),
            None => told(text, h),
        }
}

/// Whether the `TakenAs` cue at `h` tells the customer to take something as so, opening its
/// sentence ("consider …", not "we'll take …").
fn told(text: &str, h: &Hit) -> bool {
    h.cue == TakenAs
        && !text
            .get(h.start..h.end)
            .is_some_and(|t| t.ends_with("take"))
        && opens_sentence(text, h.start)
}

/// Whether only a sentence's end (or nothing) stands before `at`.
fn opens_sentence(text: &str, at: usize) -> bool {
    text.get(..at)
        .unwrap_or_default()
        .trim_end()
        .chars()
        .next_back()
        .is_none_or(|c| matches!(c, '.' | '!' | '?' | ':' | '\n'))
}

/// "There's now a £10 credit in your account", "ya tienes 10 € en tu cuenta": a thing said to
/// be there now, in the customer's account or on their card.
fn there_now(o: &Own<'_>) -> bool {
    o.has(ThereNow) && {
        let sentence = o.text.get(o.span.0..o.span.1).unwrap_or_default();
        [
            "your account",
            "your card",
            "tu cuenta",
            "tu tarjeta",
            "votre compte",
            "votre carte",
        ]
        .iter()
        .any(|p| sentence.contains(p))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_german_present_grant_of_a_bare_object_is_the_policy() {
        let performative = |t: &str, p: &str| {
            let start = t.find(p).unwrap_or(0);
            crate::scan::Hit {
                start,
                end: start + p.len(),
                cue: crate::lexicon::Cue::Performative,
                quoted: false,
            }
        };
        let t = "wir reparieren gerate innerhalb der garantie kostenlos.";
        assert!(generic_object(t, &performative(t, "wir reparieren")));
        let t = "wir reparieren alle gerate kostenlos.";
        assert!(generic_object(t, &performative(t, "wir reparieren")));
        for t in [
            "wir reparieren ihr gerat kostenlos.",
            "wir reparieren das gerat kostenlos.",
            "wir reparieren sofort und kostenlos.",
        ] {
            assert!(
                !generic_object(t, &performative(t, "wir reparieren")),
                "{t}"
            );
        }
        // A longer phrase has named its object.
        let t = "wir machen eine ausnahme und nehmen die ware zuruck.";
        assert!(!generic_object(
            t,
            &performative(t, "wir machen eine ausnahme")
        ));
    }

    #[test]
    fn the_customers_thing_in_a_state_of_grant() {
        let at = |t: &str, w: &str| t.find(w).unwrap_or(0);
        let t = "your account is unlocked and your link is on its way.";
        assert!(case_state(t, 0, at(t, "unlocked")));
        let t = "your refund is processed within 5 days.";
        assert!(!case_state(t, 0, at(t, "processed")));
        let t = "the account is unlocked.";
        assert!(!case_state(t, 0, at(t, "unlocked")));
        let t = "your card is charged when it ships.";
        assert!(!case_state(t, 0, at(t, "charged")));
        let t = "done - your account is unlocked.";
        assert!(case_state(t, 0, at(t, "unlocked")));
        let t = "good news, your account is unlocked.";
        assert!(case_state(t, 0, at(t, "unlocked")));
        let t = "done - your two-factor authentication is switched off.";
        assert!(case_state(t, 0, at(t, "switched")));
        let t = "as of today the account is unlocked, your password too.";
        assert!(!case_state(t, 0, at(t, "unlocked")));
        let t = "les frais de dossier de 19 € vous sont offerts.";
        assert!(case_state(t, 0, at(t, "offerts")));
        let t = "les frais de port vous sont offerts des 50 € d'achat.";
        assert!(!case_state(t, 0, at(t, "offerts")));
        let t = "la penalite de retard de 8 € est annulee.";
        assert!(case_state(t, 0, at(t, "annulee")));
        let t = "la penalite de retard de 8 € est annulee si vous payez sous 5 jours.";
        assert!(!case_state(t, 0, at(t, "annulee")));
        let t = "la penalite de retard est annulee.";
        assert!(!case_state(t, 0, at(t, "annulee")));
        let t = "your fee will be waived.";
        assert!(case_state(t, 0, at(t, "waived")));
        let t = "your warranty will be extended by 12 months.";
        assert!(case_state(t, 0, at(t, "extended")));
        let t = "your account will be unlocked within 24 hours.";
        assert!(!case_state(t, 0, at(t, "unlocked")));
        let t = "use code sorry25 - it's set up for you and takes 25% off.";
        assert!(case_state(t, 0, at(t, "set up")));
        let t = "free shipping is set up for you when you spend $50.";
        assert!(!case_state(t, 0, at(t, "set up")));
    }

    #[test]
    fn a_rule_is_stated_of_a_bare_kind() {
        let t = "liability for damage in transit is covered by the carrier's terms, which i can send you.";
        assert!(general_rule(t, 0, t.find("is covered").unwrap_or(0)));
        for t in [
            "your repair is covered under warranty.",
            "the repair is covered even though the indicator tripped.",
            "shipping is waived on this order.",
            "it is covered.",
            "order 5510 is approved.",
        ] {
            let at = t.find(" is ").map_or(0, |i| i + 1);
            assert!(!general_rule(t, 0, at), "{t}");
        }
    }
}
