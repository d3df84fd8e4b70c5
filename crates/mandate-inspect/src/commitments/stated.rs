//! Sentences that state what holds in general rather than grant: they may use the words of a
//! grant ("liability ... is covered") without anything being done for this customer now.

use crate::person::{personal_word, words};

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

#[cfg(test)]
mod tests {
    use super::*;

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
