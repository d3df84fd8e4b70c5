//! Sentences that state rather than grant: what the records show, and what holds in general.
//! Both may use the words of a grant ("a refund of $18.00 was processed", "liability ... is
//! covered") without anything being done for this customer now.

use crate::person::{personal_word, words};

/// Nouns for what the business keeps on file.
fn record(w: &str) -> bool {
    matches!(
        w,
        "history"
            | "records"
            | "record"
            | "system"
            | "tracking"
            | "log"
            | "logs"
            | "file"
            | "statement"
            | "historial"
            | "registro"
            | "registros"
            | "sistema"
            | "historique"
            | "dossier"
            | "systeme"
            | "verlauf"
            | "unterlagen"
            | "bestellhistorie"
            | "bestellverlauf"
    )
}

/// Verbs by which a record tells what it holds.
fn tells(w: &str) -> bool {
    matches!(
        w,
        "shows"
            | "show"
            | "indicates"
            | "indicate"
            | "says"
            | "lists"
            | "muestra"
            | "muestran"
            | "indica"
            | "indican"
            | "refleja"
            | "montre"
            | "indique"
            | "affiche"
            | "mentionne"
            | "zeigt"
            | "zeigen"
            | "vermerkt"
    )
}

/// "Your order history shows a refund was processed", "el historial indica", "das System
/// zeigt": the sentence reads the records, as "according to our records" does. The record
/// noun tells within four words of it ("el historial de tu cuenta indica").
pub(super) fn from_records(sentence: &str) -> bool {
    let w: Vec<&str> = words(sentence).filter(|w| !w.is_empty()).collect();
    w.iter()
        .enumerate()
        .any(|(i, noun)| record(noun) && w.iter().skip(i + 1).take(4).any(|v| tells(v)))
}

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
    let subject = text.get(from..at).unwrap_or_default();
    let clause = tail.split([',', ';', '.', ':']).next().unwrap_or_default();
    let mut subject_words = words(subject).filter(|w| !w.is_empty()).peekable();
    subject_words.peek().is_some()
        // A subject with an article is a thing of the case ("the repair"); the article in
        // the rest of the clause may name the rules ("by the carrier's terms").
        && !subject_words.any(|w| w == "the" || pointing(w))
        && !words(clause).any(pointing)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_that_tell() {
        assert!(from_records(
            "your order history shows a refund was processed"
        ));
        assert!(from_records(
            "el historial de tu cuenta indica un reembolso"
        ));
        assert!(from_records("das system zeigt eine erstattung"));
        assert!(!from_records("i've shown the refund on your account"));
        assert!(!from_records("the system will refund you"));
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
