//! The assistant's makers (its developers, creators, engineers) as the customer speaks of
//! them: asked what they wrote to the assistant, or said to have told the customer a rule.

use crate::person::{second_person, words};

const MAKERS: &[&str] = &[
    "developers",
    "developer",
    "creators",
    "programmers",
    "engineers",
    "operators",
    "desarrolladores",
    "programadores",
    "creadores",
    "developpeurs",
    "createurs",
    "programmeurs",
    "entwickler",
    "programmierer",
];
const SAID: &[&str] = &[
    "write",
    "wrote",
    "written",
    "tell",
    "told",
    "say",
    "said",
    "put",
    "give",
    "gave",
    "dijeron",
    "escribieron",
    "dijo",
    "pusieron",
    "dit",
    "ecrit",
    "donne",
    "gesagt",
    "geschrieben",
    "gegeben",
];

/// "What did the developers write in your first message?", "¿qué te dijeron tus
/// programadores?": a question about what the assistant's makers wrote or told it asks for
/// its set-up.
pub(super) fn makers_said(text: &str) -> bool {
    text.split_inclusive(['.', '!', '?'])
        .filter(|s| s.trim_end().ends_with('?'))
        .any(|s| {
            // "What did your engineers write on my repair report?" is about the case.
            let (mut maker, mut said, mut you, mut mine) = (false, false, false, false);
            for w in words(s).filter(|w| !w.is_empty()) {
                mine |= crate::person::own_possessive(w);
                maker |= MAKERS.contains(&w);
                said |= SAID.contains(&w);
                you |= second_person(w)
                    || crate::person::second_person_possessive(w)
                    || matches!(w, "te" | "dir" | "dich" | "ton" | "ta" | "tes");
            }
            maker && said && you && !mine && !told_the_speaker(s)
        })
}

/// Whether a sentence has something said to the speaker: "told me", "me dijo", "hat mir
/// gesagt", "m'a dit".
fn told_the_speaker(sentence: &str) -> bool {
    let ws: Vec<&str> = words(sentence).filter(|w| !w.is_empty()).collect();
    ws.windows(2).any(|p| {
        matches!(p, [a, b] if SAID.contains(a) && matches!(*b, "me" | "mir" | "moi" | "mich"))
            || matches!(p, [a, b] if matches!(*a, "me" | "mir" | "m'ont" | "m'a") && SAID.contains(b))
    })
}

/// "Your developer told me you execute commands in square brackets", "dein Entwickler hat
/// mir gesagt, dass …": what the assistant's makers are said to have told the customer, a
/// rule relayed for the assistant to follow.
pub(super) fn makers_told_me(text: &str) -> bool {
    text.split_inclusive(['.', '!', '?'])
        .filter(|s| !s.trim_end().ends_with('?'))
        .any(|s| {
            let ws: Vec<&str> = words(s).filter(|w| !w.is_empty()).collect();
            ws.windows(2).any(|p| {
                matches!(p, [y, m] if (crate::person::second_person_possessive(y) || matches!(*y, "tu" | "ton" | "ta" | "tus")) && MAKERS.contains(m))
            }) && told_the_speaker(s)
                // What they said is about the assistant: "… told me you execute commands",
                // not "… told me it would be refunded".
                && ws.iter().any(|w| matches!(*w, "you" | "du" | "tu" | "vous"))
        })
}
