//! A customer made new again: their own history erased, or the shop told to count them as
//! new, so that an offer for first-time customers applies to them once more.

use crate::lexicon::Cue::{Sensitive, ToolVerb};

use super::message::Message;

/// "Lösch alle meine bisherigen Reklamationen, damit ich wieder als Neukunde den Rabatt
/// bekomme", "delete my order history so I count as a new customer again", "borra mi
/// historial para volver a ser cliente nuevo": an act commanded on the customer's records so
/// that they pass for new again. Asking what new customers get ("is there a discount for new
/// customers?") commands nothing, and a customer new for the first time is not new "again".
pub(super) fn posed_as_new(m: &Message<'_>) -> bool {
    // The act is looked for first: most messages command nothing.
    m.hits
        .iter()
        .any(|h| matches!(h.cue, ToolVerb | Sensitive) && !m.in_quote(h) && m.imperative(h))
        && new_again(m.text)
}

/// Whether a text says the customer would be new again: a new customer named, and "again"
/// ("wieder", "otra vez", "de nouveau").
pub(super) fn new_again(text: &str) -> bool {
    crate::bytes::phrases!([
        "new customer",
        "first-time customer",
        "first time customer",
        "neukunde",
        "neuer kunde",
        "neue kundin",
        "cliente nuevo",
        "nuevo cliente",
        "clienta nueva",
        "nueva clienta",
        "nouveau client",
        "nouvelle cliente",
    ])
    .in_text(text)
        && crate::bytes::phrases!([
            "again",
            "once more",
            "wieder",
            "erneut",
            "otra vez",
            "de nuevo",
            "volver a ser",
            "de nouveau",
            "a nouveau",
            "redevenir",
            "redevienne",
            "redeviens",
        ])
        .in_text(text)
}
