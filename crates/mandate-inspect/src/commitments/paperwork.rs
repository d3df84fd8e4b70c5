//! A document, a message or a link handed over ("I've attached the returns label", "je vous
//! ai envoyé le lien de suivi"): information given, not a grant, whatever the verb.

use crate::scan::Hit;

/// "I've attached the returns label", "te he enviado un correo con las instrucciones", "je
/// vous ai envoyé le lien de suivi", "ich habe Ihnen die Rücksendeanleitung geschickt": a
/// document handed over is information, not a grant. The object follows the verb, or in
/// German precedes a participle that ends the clause. ("He cambiado el correo de tu cuenta"
/// changes an address: only a verb of sending hands a message over.)
pub(super) fn hands_paperwork(text: &str, h: &Hit) -> bool {
    // Whether the verb is one of sending: read only when the object could be a message.
    let sends = || {
        text.get(h.start..h.end).is_some_and(|v| {
            [
                "sent",
                "send",
                "attached",
                "emailed",
                "forwarded",
                "enviad",
                "enviamos",
                "adjuntad",
                "mandad",
                "envoy",
                "joint",
                "transmis",
                "geschickt",
                "schicken",
                "gesendet",
                "ubermittelt",
                "weitergeleitet",
            ]
            .iter()
            .any(|s| v.contains(s))
        })
    };
    let after = text.get(h.end..).unwrap_or_default();
    if let Some(w) = crate::person::words(after)
        .take(4)
        .find(|w| !w.is_empty() && !ARTICLES_AND_PRONOUNS.contains(w))
        && (paperwork(w) && (sends() || !priced(after, w)) || message(w) && sends())
    {
        return true;
    }
    // German: "habe Ihnen die Rücksendeanleitung per E-Mail geschickt".
    let clause_ends = after
        .trim_start()
        .chars()
        .next()
        .is_none_or(|c| matches!(c, '.' | ',' | '!' | ';'));
    let head = || {
        text.get(h.start.saturating_sub(60)..h.start)
            .unwrap_or_default()
    };
    if clause_ends && sends() && crate::person::words(head()).any(message) {
        return true;
    }
    // "El enlace que te enviamos caduca en 24 horas", "the link that we sent you": the message
    // is the object of a relative clause, before the verb.
    let mut before = crate::person::words(head())
        .rev()
        .filter(|w| !w.is_empty())
        .skip_while(|w| {
            ARTICLES_AND_PRONOUNS.contains(w) || matches!(*w, "we" | "i" | "nous" | "wir" | "ich")
        });
    matches!(
        before.next(),
        Some("que" | "that" | "which" | "den" | "die" | "das")
    ) && before.next().is_some_and(message)
        && sends()
}

/// "Te dejo el enlace para pagar los 6,90 €", "je vous laisse le formulaire", "te he mandado
/// el enlace para restablecer la contraseña": a message or a document left or sent for the
/// customer, the object of a verb of leaving or sending, is handed over as information (a
/// thing left at a sum is its price: `kind_clues::left_at_a_sum`).
pub(super) fn leaves_paperwork(sentence: &str) -> bool {
    if !["dej", "laiss", "mand", "envi", "envoy", "sent", "schick"]
        .iter()
        .any(|v| sentence.contains(v))
    {
        return false;
    }
    let ws: Vec<&str> = crate::person::words(sentence)
        .filter(|w| !w.is_empty())
        .collect();
    ws.iter().enumerate().any(|(i, w)| {
        matches!(
            *w,
            "dejo"
                | "dejamos"
                | "laisse"
                | "laissons"
                | "mandado"
                | "enviado"
                | "sent"
                | "envoye"
                | "geschickt"
        ) && ws
            .iter()
            .skip(i + 1)
            .take(3)
            .find(|x| !ARTICLES_AND_PRONOUNS.contains(x))
            .is_some_and(|x| message(x))
    })
}

/// Words skipped on the way to the object of a verb of handing over.
const ARTICLES_AND_PRONOUNS: &[&str] = &[
    "the", "a", "an", "your", "you", "my", "our", "un", "una", "el", "la", "los", "las", "le",
    "les", "une", "des", "votre", "vos", "te", "vous", "die", "der", "das", "den", "ein", "eine",
    "einen", "ihnen", "dir", "ihre", "ihren",
];

/// Documents handed over, whatever the verb ("I've attached the label", "I've updated the
/// details").
/// Whether the quote `w`, the first word of `after` that names a thing, comes with its sum
/// ("I can lock in the quote of £7,450", "le mantengo el presupuesto de 3.000 €"): what is
/// held is the price, not a document handed over.
fn priced(after: &str, w: &str) -> bool {
    matches!(
        w,
        "quote" | "estimate" | "presupuesto" | "devis" | "kostenvoranschlag"
    ) && after.find(w).is_some_and(|at| {
        let rest = after.get(at + w.len()..).unwrap_or_default();
        let mut ws = crate::person::words(rest).filter(|x| !x.is_empty());
        matches!(ws.next(), Some("of" | "for" | "de" | "du" | "von" | "uber"))
            && crate::bytes::head(rest, 16)
                .bytes()
                .any(|b| b.is_ascii_digit())
    })
}

fn paperwork(w: &str) -> bool {
    matches!(
        w,
        "label"
            | "labels"
            | "file"
            | "document"
            | "invoice"
            | "receipt"
            | "form"
            | "link"
            | "guide"
            | "manual"
            | "instructions"
            | "photo"
            | "copy"
            | "details"
            | "confirmation"
            | "returns"
            | "quote"
            | "estimate"
            | "presupuesto"
            | "devis"
            | "kostenvoranschlag"
    )
}

/// A message, a document or a link in the four languages, when something is sent; German
/// compounds by their head ("Rücksendeanleitung", "Versandetikett").
fn message(w: &str) -> bool {
    paperwork(w)
        || matches!(
            w,
            "email"
                | "mail"
                | "correo"
                | "enlace"
                | "instrucciones"
                | "etiqueta"
                | "factura"
                | "recibo"
                | "formulario"
                | "copia"
                | "lien"
                | "etiquette"
                | "facture"
                | "formulaire"
                | "copie"
                | "courriel"
        )
        || [
            "anleitung",
            "etikett",
            "formular",
            "bestatigung",
            "rechnung",
            "link",
        ]
        .iter()
        .any(|s| w.len() > s.len() + 2 && w.ends_with(s))
}
