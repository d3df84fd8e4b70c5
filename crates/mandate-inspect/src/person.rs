//! Who a text speaks as or to: first- and second-person words in the four languages.
//!
//! The learned model read customer messages and answers addressed to a customer; a statement
//! about the world ("the company has headquarters in Spain", "the horse has a diet of...")
//! speaks to nobody, and the model is not asked about it.

/// The words of a text, apostrophes kept inside them ("you're", "t'a").
pub(crate) fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric() && c != '\'')
}

/// The word that ends right before `pos` (whitespace skipped), apostrophes kept.
pub(crate) fn word_before(text: &str, pos: usize) -> &str {
    let head = text.get(..pos).unwrap_or_default().trim_end();
    let start = head
        .rfind(|c: char| !(c.is_alphanumeric() || c == '\''))
        .map_or(0, |i| i + 1);
    head.get(start..).unwrap_or_default()
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
pub(crate) fn second_person(w: &str) -> bool {
    matches!(
        w,
        "you" | "you're" | "te" | "ti" | "tu" | "t'" | "toi" | "vous" | "du" | "dir" | "dich"
    )
}

/// Whether a text speaks as or to a person: a first- or second-person word in one of the four
/// languages. What addresses the assistant has one ("give me", "your rules", "du bist"); a
/// statement about the world ("the company has headquarters in Spain") has none.
pub(crate) fn personal(text: &str) -> bool {
    words(text).any(|w| {
        second_person(w)
            || second_person_possessive(w)
            || ["t'", "j'", "m'"].iter().any(|p| w.starts_with(p))
            || own_possessive(w)
            || matches!(
                w,
                // English
                "i" | "i'm" | "i've" | "i'll" | "i'd" | "me" | "mine" | "myself" | "we"
                    | "we're" | "we've" | "us" | "yourself" | "you've" | "you'll" | "you'd"
                    | "yours"
                    // Spanish
                    | "yo" | "nosotros" | "ti" | "usted" | "ustedes" | "tuyo" | "tuya"
                    // French
                    | "moi" | "nous" | "toi" | "ta"
                    // German
                    | "ich" | "mich" | "mir" | "wir" | "uns" | "unser" | "deinen" | "deiner"
                    | "ihnen"
                    // Formal address: German "Sie", "Ihr Konto"; Spanish "su pedido"
                    | "sie" | "ihr" | "ihre" | "ihren" | "ihrem" | "ihrer" | "su" | "sus"
            )
    })
}

/// Second-person possessives, in the four languages.
pub(crate) fn second_person_possessive(w: &str) -> bool {
    matches!(
        w,
        "your" | "tus" | "ton" | "tes" | "votre" | "vos" | "dein" | "deine"
    )
}

/// A first-person possessive, which makes what follows the customer's own ("my", "notre",
/// "meine").
pub(crate) fn own_possessive(w: &str) -> bool {
    matches!(
        w,
        "my" | "our"
            | "mi"
            | "mis"
            | "nuestro"
            | "nuestra"
            | "mon"
            | "ma"
            | "mes"
            | "notre"
            | "nos"
            | "mein"
            | "meine"
            | "meinen"
            | "meiner"
            | "unsere"
    )
}
