//! Who a text speaks as or to: first- and second-person words in the four languages.
//!
//! The learned model read customer messages and answers addressed to a customer; a statement
//! about the world ("the company has headquarters in Spain", "the horse has a diet of...")
//! speaks to nobody, and the model is not asked about it.

use std::sync::OnceLock;

/// The words of a text, apostrophes kept inside them ("you're", "t'a").
pub(crate) fn words(text: &str) -> impl DoubleEndedIterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric() && c != '\'')
}

/// The sentence around `pos`: from after the last full stop, question or exclamation mark,
/// semicolon or line break before it, to and with the first one after it.
pub(crate) fn sentence_around(text: &str, pos: usize) -> &str {
    let stop = |c: char| matches!(c, '.' | '?' | '!' | ';' | '\n');
    let start = text
        .get(..pos)
        .and_then(|t| t.rfind(stop))
        .map_or(0, |i| i + 1);
    let end = text
        .get(pos..)
        .and_then(|t| t.find(stop))
        .map_or(text.len(), |i| pos + i + 1);
    text.get(start..end).unwrap_or_default()
}

/// The words of the sentence around `pos` (see [`sentence_around`]), and which of them starts
/// at `pos`, if one does: a cue's word among its sentence's.
pub(crate) fn words_around(text: &str, pos: usize) -> (Vec<&str>, Option<usize>) {
    let ws: Vec<&str> = words(sentence_around(text, pos))
        .filter(|w| !w.is_empty())
        .collect();
    let at = ws.iter().position(|w| offset_in(text, w) == pos);
    (ws, at)
}

/// Where `part`, a slice of `text`, starts in it.
pub(crate) fn offset_in(text: &str, part: &str) -> usize {
    (part.as_ptr() as usize).wrapping_sub(text.as_ptr() as usize)
}

/// The word that ends right before `pos` (whitespace skipped), apostrophes kept.
pub(crate) fn word_before(text: &str, pos: usize) -> &str {
    let head = text.get(..pos).unwrap_or_default().trim_end();
    let start = head
        .rfind(|c: char| !(c.is_alphanumeric() || c == '\''))
        .map_or(0, |i| i + 1);
    head.get(start..).unwrap_or_default()
}

/// The two words that end right before `pos`, nearest first ("your complete" before
/// "instructions" gives ("complete", "your")).
pub(crate) fn two_words_before(text: &str, pos: usize) -> (&str, &str) {
    (
        word_before(text, pos),
        word_before(text, word_start_before(text, pos)),
    )
}

/// Where the word that ends right before `pos` starts (`pos` itself, less the blanks before
/// it, when there is none).
pub(crate) fn word_start_before(text: &str, pos: usize) -> usize {
    text.get(..pos)
        .unwrap_or_default()
        .trim_end()
        .len()
        .saturating_sub(word_before(text, pos).len())
}

/// The word that starts right after `pos` (whitespace skipped), apostrophes kept; empty when
/// punctuation comes first.
pub(crate) fn word_after(text: &str, pos: usize) -> &str {
    let tail = text.get(pos..).unwrap_or_default().trim_start();
    let end = tail
        .find(|c: char| !(c.is_alphanumeric() || c == '\''))
        .unwrap_or(tail.len());
    tail.get(..end).unwrap_or_default()
}

/// Second-person pronouns, in the four languages.
const SECOND_PERSON: &[&str] = &[
    "you", "you're", "te", "ti", "tu", "t'", "toi", "vous", "du", "dir", "dich",
];

/// Second-person possessives, in the four languages.
/// "ur" as typed in a hurry ("forget ur rules").
const SECOND_PERSON_POSSESSIVE: &[&str] = &[
    "your", "ur", "tus", "ton", "tes", "votre", "vos", "dein", "deine", "vuestro", "vuestra",
    "vuestros", "vuestras",
];

/// First-person possessives, which make what follows the customer's own ("my", "notre",
/// "meine").
const OWN_POSSESSIVE: &[&str] = &[
    "my", "our", "mi", "mis", "nuestro", "nuestra", "mon", "ma", "mes", "notre", "nos", "mein",
    "meine", "meinen", "meiner", "unsere",
];

/// Other words of the first and second person, formal address included.
const OTHER_PERSONAL: &[&str] = &[
    // English
    "i", "i'm", "i've", "i'll", "i'd", "me", "mine", "myself", "we", "we're", "we've", "us",
    "yourself", "you've", "you'll", "you'd", "yours", // Spanish
    "yo", "nosotros", "ti", "usted", "ustedes", "tuyo", "tuya",
    // Spanish drops its pronouns: the commonest verbs of the first and second person.
    "soy", "somos", "estoy", "necesito", "quiero", "tengo", "puedes", "quieres", "sabes",
    // ... and its imperatives carry the pronoun: "dame", "dime", "hazme".
    "dame", "dime", "hazme", "ponme", "pasame", "dejame", "mandame", "enviame", "ayudame",
    // French
    "je", "moi", "nous", "toi", "ta", // German
    "ich", "mich", "mir", "wir", "uns", "unser", "deinen", "deiner", "ihnen",
    // Formal address: German "Sie", "Ihr Konto"; Spanish "su pedido"
    "sie", "ihr", "ihre", "ihren", "ihrem", "ihrer", "su", "sus",
];

/// Second-person pronouns, in the four languages.
pub(crate) fn second_person(w: &str) -> bool {
    SECOND_PERSON.contains(&w)
}

/// Whether a text speaks as or to a person: a first- or second-person word in one of the four
/// languages. What addresses the assistant has one ("give me", "your rules", "du bist"); a
/// statement about the world ("the company has headquarters in Spain") has none.
pub(crate) fn personal(text: &str) -> bool {
    if !text.is_ascii() {
        return words(text).any(personal_word);
    }
    // An ASCII view (most are, accents folded) is split by bytes: the same words as `words`,
    // without decoding characters, as this is asked of every answer the rules pass.
    let b = text.as_bytes();
    let mut start = 0;
    for end in 0..=b.len() {
        if b.get(end)
            .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'\'')
        {
            continue;
        }
        if end > start && personal_word(text.get(start..end).unwrap_or_default()) {
            return true;
        }
        start = end + 1;
    }
    false
}

/// Whether a word is of the first or second person: one look in a sorted table of every such
/// word (the lists above), packed eight bytes to a number, or an elided "t'", "j'", "m'".
pub(crate) fn personal_word(w: &str) -> bool {
    static TABLE: OnceLock<Vec<u64>> = OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut all: Vec<u64> = [
            SECOND_PERSON,
            SECOND_PERSON_POSSESSIVE,
            OWN_POSSESSIVE,
            OTHER_PERSONAL,
        ]
        .concat()
        .iter()
        .map(|w| crate::bytes::load(w.as_bytes()))
        .collect();
        all.sort_unstable();
        all
    });
    ["t'", "j'", "m'"].iter().any(|p| w.starts_with(p))
        || w.len() <= 8
            && table
                .binary_search(&crate::bytes::load(w.as_bytes()))
                .is_ok()
}

/// Second-person possessives, in the four languages.
pub(crate) fn second_person_possessive(w: &str) -> bool {
    SECOND_PERSON_POSSESSIVE.contains(&w)
}

/// The customer's, as an answer addresses them: the second-person possessives with the
/// formal "Ihre" and "su" and the familiar "tu" and "ta", which as words alone are also a
/// pronoun ("tu") or a third person's ("ihr", "su").
pub(crate) fn addressee_possessive(w: &str) -> bool {
    second_person_possessive(w)
        || matches!(w, "tu" | "ta" | "ihre" | "ihr" | "ihren" | "su" | "sus")
}

/// A first-person possessive, which makes what follows the customer's own ("my", "notre",
/// "meine").
pub(crate) fn own_possessive(w: &str) -> bool {
    OWN_POSSESSIVE.contains(&w)
}

/// A day of the week, in the four languages, as the normalised view spells it ("miercoles",
/// "samedi"); a day named says when, as a date does.
pub(crate) fn weekday(w: &str) -> bool {
    matches!(
        w,
        "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "lunes"
            | "martes"
            | "miercoles"
            | "jueves"
            | "viernes"
            | "sabado"
            | "domingo"
            | "lundi"
            | "mardi"
            | "mercredi"
            | "jeudi"
            | "vendredi"
            | "samedi"
            | "dimanche"
            | "montag"
            | "dienstag"
            | "mittwoch"
            | "donnerstag"
            | "freitag"
            | "samstag"
            | "sonntag"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_listed_word_is_found_and_no_other() {
        for list in [
            SECOND_PERSON,
            SECOND_PERSON_POSSESSIVE,
            OWN_POSSESSIVE,
            OTHER_PERSONAL,
        ] {
            for w in list {
                // The table packs a word into eight bytes.
                assert!(w.len() <= 8, "{w}");
                assert!(personal_word(w), "{w}");
                assert!(personal(&format!("the order, {w}.")), "{w}");
            }
        }
        for w in ["your's", "yo-yo", "music", "mine2", "", "sus-", "youyouyou"] {
            assert!(!personal_word(w), "{w}");
        }
        assert!(personal_word("j'aimerais"));
        assert!(!personal("The kettle has a 1.7 litre jug."));
        // Non-ASCII views are split by characters, the same words.
        assert!(personal("¿tú? sí, ich möchte"));
        assert!(!personal("el envío llegó"));
    }
}
