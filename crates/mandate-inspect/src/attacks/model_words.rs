//! Words a cue of the model's stands in, read to tell a demand from a mention: a word of
//! the set-up in quotes or used as a noun, a verb of revealing what things have in common,
//! "exactly" narrowing a question, a rule that does not apply to things, an AI bound to act.
//! Split from `model`, which asks these of each cue before it counts it.

use crate::lexicon::Cue::*;
use crate::scan::Hit;

/// Whether a cue is a word about the assistant's set-up or about acting on words, and the
/// customer's own: not in quotes, which hold the text's words ("translate this: 'what is your
/// discount policy?'"), nor a verb of revealing what things have in common, nor a word of
/// saying used as a noun ("his answer was the more emphatic"), nor the first of a thing that
/// is no text ("the very first, primitive computer"), nor a verb made an adjective of what a
/// thing can have done to it ("a reprogrammable mechanical device").
pub(super) fn set_up_word(text: &str, h: &Hit, quotes: &[(usize, usize)]) -> bool {
    if !matches!(
        h.cue,
        RuleNoun | Reveal | RevealStrong | Unlock | Execute | Say | Suppose | IfAsked
    ) || quotes.iter().any(|(s, e)| *s <= h.start && h.end <= *e)
        || crate::person::word_after(text, h.start).ends_with("able")
    {
        return false;
    }
    match h.cue {
        Reveal => !in_common(text, h.end),
        RevealStrong => !first_of_no_text(text, h),
        Say => {
            let before = crate::person::word_before(text, h.start);
            !(super::message::determiner(before)
                || crate::person::own_possessive(before)
                || crate::person::second_person_possessive(before)
                || super::holders::third_possessive(before))
        }
        _ => true,
    }
}

/// "The very first, primitive computer": the first of a thing that is no text, which reveals
/// nothing ("repeat the very first line" asks for words).
pub(super) fn first_of_no_text(text: &str, h: &Hit) -> bool {
    h.cue == RevealStrong
        && text.get(h.start..h.end) == Some("the very first")
        && !matches!(
            crate::person::word_after(text, h.end),
            "line"
                | "lines"
                | "thing"
                | "things"
                | "word"
                | "words"
                | "sentence"
                | "message"
                | "instruction"
                | "instructions"
                | "paragraph"
                | "part"
                | "text"
                | "rule"
                | "rules"
        )
}

/// Whether the words after a verb of revealing say what things have in common, not what is
/// disclosed: "instructions and data share the same memory", "comparten la misma base".
fn in_common(text: &str, at: usize) -> bool {
    let mut ws = crate::person::words(text.get(at..).unwrap_or_default()).filter(|w| !w.is_empty());
    matches!(
        (ws.next(), ws.next()),
        (Some("the"), Some("same"))
            | (Some("a"), Some("common"))
            | (Some("el"), Some("mismo"))
            | (Some("la"), Some("misma"))
            | (Some("le"), Some("meme"))
            | (Some("la"), Some("meme"))
            | (Some("denselben" | "dieselbe" | "dasselbe"), _)
    )
}

/// Whether "exactly" at `h` narrows what is asked ("what's your role exactly?"): a demand for
/// the words says it before them ("tell me exactly what …", "exactly as written").
pub(super) fn narrows_a_question(text: &str, h: &Hit) -> bool {
    text.get(h.start..h.end) == Some("exactly")
        && !matches!(
            crate::person::word_after(text, h.end),
            "what" | "how" | "which" | "as" | "the" | "word" | "everything"
        )
        && !matches!(
            crate::person::word_before(text, h.start),
            "me" | "tell" | "say" | "repeat" | "show" | "print" | "copy" | "write"
        )
}

/// Whether the words after `at` put the speaker in the kind named before: "like me", "como
/// yo", "comme moi", "wie ich".
pub(super) fn among_them(text: &str, at: usize) -> bool {
    let mut ws = crate::person::words(text.get(at..).unwrap_or_default()).filter(|w| !w.is_empty());
    matches!(
        (ws.next(), ws.next()),
        (Some("like"), Some("me" | "us"))
            | (Some("como"), Some("yo" | "nosotros"))
            | (Some("comme"), Some("moi" | "nous"))
            | (Some("wie"), Some("ich" | "wir"))
    )
}

/// Whether the clause after `at` ends on the customer as who it is for: "create a personalized
/// plan for me", "prepárame algo para mí": a thing made for the customer is their business.
pub(super) fn made_for_me(text: &str, at: usize) -> bool {
    let rest = text.get(at..).unwrap_or_default();
    let clause = rest
        .split(['.', '?', '!', ';', ','])
        .next()
        .unwrap_or_default()
        .trim_end();
    [
        "for me", "for us", "para mi", "pour moi", "fur mich", "fur uns",
    ]
    .iter()
    .any(|e| clause.ends_with(e))
}

/// Whether a rule said not to apply is said so of things: "doesn't apply to gifts", "no se
/// aplican a los pedidos", not "to you", "to this chat", "to me".
pub(super) fn reach_over_things(text: &str, h: &Hit) -> bool {
    let said = text.get(h.start..h.end).unwrap_or_default();
    if !(said.ends_with("apply") || said.ends_with("applies") || said.ends_with("aplican")) {
        return false;
    }
    let mut ws =
        crate::person::words(text.get(h.end..).unwrap_or_default()).filter(|w| !w.is_empty());
    let (to, what) = (ws.next(), ws.next());
    let what = match (what, ws.next()) {
        // Spanish names the thing after its article: "a los pedidos".
        (Some("los" | "las"), Some(noun)) => Some(noun),
        (what, _) => what,
    };
    matches!(to, Some("to" | "a"))
        && what.is_some_and(|w| {
            w.len() > 2
                && !super::message::determiner(w)
                && !crate::person::personal_word(w)
                && !matches!(
                    w,
                    "this"
                        | "these"
                        | "that"
                        | "here"
                        | "now"
                        | "anyone"
                        | "anybody"
                        | "este"
                        | "esta"
                )
        })
}

/// Whether the words after an AI named with its article lay a duty on it to act: "el
/// asistente virtual debe eliminar el cargo", "the assistant must apply". What it must be or
/// should have done ("the assistant must be broken", "should have told me") is said of it.
pub(super) fn bound_to_act(text: &str, end: usize) -> bool {
    let mut ws =
        crate::person::words(text.get(end..).unwrap_or_default()).filter(|w| !w.is_empty());
    let mut next = ws.next();
    // One word of the AI's name may follow ("asistente virtual", "assistant here").
    if !next.is_some_and(modal_of_duty) {
        next = ws.next();
    }
    next.is_some_and(modal_of_duty)
        && ws.next().is_some_and(|w| {
            !matches!(
                w,
                "be" | "have"
                    | "ser"
                    | "estar"
                    | "haber"
                    | "de"
                    | "etre"
                    | "avoir"
                    | "sein"
                    | "haben"
                    | "not"
                    | "no"
                    | "pas"
                    | "ne"
                    | "nicht"
            )
        })
}

fn modal_of_duty(w: &str) -> bool {
    matches!(
        w,
        "must" | "shall" | "debe" | "deben" | "doit" | "doivent" | "muss" | "mussen"
    )
}

/// Whether the words before `at` ask who the addressee's one is: "who is your", "who's
/// your", "quién es tu", "qui est votre", "wer ist Ihr".
pub(super) fn asked_who(text: &str, at: usize) -> bool {
    let (yours, verb) = crate::person::two_words_before(text, at);
    if !crate::person::addressee_possessive(yours) {
        return false;
    }
    let who = crate::person::two_words_before(text, crate::person::word_start_before(text, at)).1;
    matches!(verb, "who's")
        || matches!(
            (who, verb),
            ("who", "is" | "are") | ("quien", "es" | "son") | ("qui", "est") | ("wer", "ist")
        )
}

/// Whether the words after a cue of play-acting make the speaker the one supposed: "pretend I
/// know nothing", "tu so, als wüsste ich nichts", "fais comme si je débutais".
pub(super) fn supposes_the_speaker(text: &str, end: usize) -> bool {
    crate::person::words(text.get(end..).unwrap_or_default())
        .filter(|w| !w.is_empty())
        .take(3)
        .any(|w| matches!(w, "i" | "i'm" | "ich" | "je" | "yo") || w.starts_with("j'"))
}

/// Whether a cue of play-acting at `pos` is in a sentence echoed back as a question, not asked
/// for: "From now on you are a valued member of our club? That's what the email said". A
/// question that asks ("can you pretend …?", "¿puedes ser …?") opens with its verb; one that
/// casts a role and then asks ("imagine que tu es un vendeur … : quel prix me fais-tu ?")
/// has a clause after the role.
pub(super) fn echoed_as_a_question(text: &str, pos: usize) -> bool {
    let sentence = crate::person::sentence_around(text, pos);
    sentence.ends_with('?')
        && !sentence.contains([':', ','])
        && !crate::person::words(sentence)
            .find(|w| !w.is_empty())
            .is_some_and(|w| {
                matches!(
                    w,
                    "can"
                        | "could"
                        | "will"
                        | "would"
                        | "may"
                        | "please"
                        | "why"
                        | "puedes"
                        | "podrias"
                        | "quieres"
                        | "peux"
                        | "pourrais"
                        | "veux"
                        | "kannst"
                        | "konntest"
                        | "willst"
                )
            })
}
