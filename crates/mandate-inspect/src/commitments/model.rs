//! The learned model's reading of an answer the rules had no anchor to read.

use super::{GRANTING, Own, Signal, commitment};
use crate::learned::{self, Task};
use crate::normalize::View;
use crate::person::personal;
use crate::scan::{Hit, mark_quoted, quoted, sentences};
use crate::{Finding, extract};

/// An answer without an anchor is scored by the learned model; when it reads as committal, the
/// commitment is the sentence that scores highest (questions never commit), and its kind comes
/// from the words of that sentence as for the rules. Only an answer that speaks to the
/// customer or for the shop can commit: "the kettle has a 1.7 litre jug" binds nobody, and a
/// model trained on grants reads "has" as one.
pub(super) fn by_model(original: &str, view: &View, mut cue_hits: Vec<Hit>) -> Option<Finding> {
    let model = learned::model(Task::Commitment);
    // "I've looked into it: ..." reads like "I've refunded it" to a model of words; an act of
    // attention grants nothing (as for the rules), so what follows it is what is scored.
    let score = |text: &str| model.score(after_attention(text));
    if !personal(&view.text) || score(&view.text) < Task::Commitment.threshold() {
        return None;
    }
    let quotes = quoted(&view.text);
    mark_quoted(&mut cue_hits, &quotes);
    let ss = sentences(&view.text, &cue_hits, &quotes);
    let best = ss
        .iter()
        .filter(|s| !s.question)
        .map(|s| {
            let text = view.text.get(s.start..s.end).unwrap_or_default();
            (score(text), s)
        })
        .max_by(|a, b| a.0.total_cmp(&b.0))?
        .1;
    let own = Own {
        hits: best.hits.iter().filter(|h| !h.quoted).collect(),
        text: &view.text,
        span: (best.start, best.end),
    };
    // A sentence with neither a thing to commit to nor a word of granting commits to nothing,
    // whatever its score: "I've been feeling unwell" reads like "I've refunded you" to a model
    // of words.
    let sentence = view.text.get(best.start..best.end).unwrap_or_default();
    // A limit of the customer's raised ("ich habe Ihre Bandbreite … erhöht") grants as a word
    // of granting does.
    let grants = own.hits.iter().any(|h| GRANTING.contains(&h.cue))
        || own.has(crate::lexicon::Cue::DoneSubject) && super::kind_clues::raises_yours(sentence);
    // "I've lost about $200 so far today": what the speaker lost or spent (or lacks: "I don't
    // have any number") is theirs, not
    // something given to the customer; "we've increased your monthly fee" is what they will
    // pay; "your warranty is valid until June 2027": how long a thing holds is read from the
    // records.
    if !grants
        && (speaker_lost(sentence)
            || speaker_lacks(sentence)
            || super::kind_clues::raises_a_price(sentence)
            || states_validity(sentence)
            || self_service(sentence)
            || happens_of_itself(sentence)
            || price_moves(sentence))
    {
        return None;
    }
    // "Your order should arrive tomorrow", "debería llegar mañana": an estimate, hedged by
    // its modal, promises nothing when no word of granting is there.
    if !grants && (estimates(sentence) || of_a_kind(sentence)) {
        return None;
    }
    // "The replacement is out of stock until next week": what is refused is not given.
    if own.has(crate::lexicon::Cue::Refuse) {
        return None;
    }
    // "Para cancelar tu suscripción, entra en Mi cuenta": a purpose opening a sentence the
    // rules found no grant in tells the customer how to do it; "si tu cuenta está bloqueada,
    // te enviaremos un enlace", a condition, says what happens if.
    // "Para usted, ..." names whom the sentence is for, not a purpose.
    let mut opening = sentence.split_whitespace();
    let first = opening.next();
    let purpose = matches!(first, Some("to" | "para" | "pour" | "um"))
        && !matches!(opening.next(), Some("usted," | "ti," | "vous," | "toi,"));
    if purpose
        || !grants && super::paperwork::leaves_paperwork(sentence)
        || !grants
            && matches!(
                first,
                Some("if" | "si" | "wenn" | "falls" | "when" | "cuando" | "quand" | "lorsque")
            )
    {
        return None;
    }
    // "Ihr Konto ist wieder gesperrt, weil die Zahlung fehlgeschlagen ist": a state explained
    // by its cause, with no word of granting, is reported.
    if !grants
        && crate::person::words(sentence).any(|w| {
            matches!(
                w,
                "because" | "weil" | "porque" | "parce" | "car" | "debido"
            )
        })
    {
        return None;
    }
    // "(He revisado tu cuenta y) no veo ningún cargo duplicado": what the sentence says is not
    // there, after an act of attention, is not given.
    let from = best.end.saturating_sub(after_attention(sentence).len());
    let mut kinds = own
        .hits
        .iter()
        .filter(|h| super::KINDED.contains(&h.cue) && h.start >= from)
        .peekable();
    let denied_only =
        kinds.peek().is_some() && kinds.all(|h| super::qualifiers::denied(&view.text, h.start));
    // "We'll update you by Friday", "the courier will reply tomorrow": without a word of
    // granting, word promised is news, whatever it is about; and a sentence with nothing
    // named to commit to and no day grants nothing.
    if !grants
        && (informs(sentence)
            || (denied_only || !own.says_what(sentence, || extract::mentions_money(sentence)))
                && extract::dates(sentence).is_empty())
    {
        return None;
    }
    Some(commitment(original, view, &own, None, Signal::Learned))
}

/// Whether a verb's object is a bare plural of what the shop handles ("we're accepting
/// returns until 31 January", "processing refunds takes a week"): a rule for things of a
/// kind, not a grant to this customer.
fn of_a_kind(sentence: &str) -> bool {
    let ws: Vec<&str> = crate::person::words(sentence)
        .filter(|w| !w.is_empty())
        .collect();
    ws.windows(2).any(|pair| match pair {
        [verb, noun] => {
            (verb.ends_with("ing") || matches!(*verb, "accept" | "accepts"))
                && matches!(
                    *noun,
                    "returns" | "refunds" | "exchanges" | "orders" | "cancellations" | "repairs"
                )
        }
        _ => false,
    })
}

/// Whether a modal of estimate or a word of what usually happens hedges `sentence`.
fn estimates(sentence: &str) -> bool {
    // "Ich nehme an, dass die Erstattung bald kommt", "I assume it will arrive": a guess.
    let (mut prev, mut earlier) = ("", "");
    crate::person::words(sentence).any(|w| {
        let guess = matches!(
            (prev, w),
            ("nehme", "an") | ("i", "assume" | "suppose" | "guess")
        )
            // A lead time, not a day: "will be delivered within 3 to 5 working days",
            // "innerhalb von 3 Tagen", "sous 5 jours" ("zum Preis von 449 €" is a sum).
            || (matches!(prev, "within" | "sous") || (earlier, prev) == ("innerhalb", "von"))
                && w.starts_with(|c: char| c.is_ascii_digit())
            || matches!(
            w,
            "supongo" | "suppose" | "imagino" | "j'imagine" | "vermutlich"
        );
        earlier = prev;
        prev = w;
        guess
            || matches!(
                w,
                "should"
                    | "usually"
                    | "normally"
                    | "typically"
                    | "deberia"
                    | "deberian"
                    | "normalmente"
                    | "devrait"
                    | "devraient"
                    | "normalement"
                    | "sollte"
                    | "sollten"
                    | "durfte"
                    | "voraussichtlich"
                    | "normalerweise"
            )
    })
}

/// Whether the first person says they lack something: "I don't have any number", "no tengo
/// ningún número", "je n'ai pas de numéro", "ich habe keine Nummer".
fn speaker_lacks(sentence: &str) -> bool {
    let s = sentence.trim_start();
    [
        "i don't have",
        "i do not have",
        "we don't have",
        "we do not have",
        "no tengo",
        "no tenemos",
        "je n'ai pas",
        "nous n'avons pas",
        "ich habe kein",
        "wir haben kein",
    ]
    .iter()
    .any(|p| s.starts_with(p))
}

/// Whether the first person lost or spent something in `sentence`: "I've lost", "we spent",
/// "he perdido", "j'ai dépensé", "ich habe … verloren".
fn speaker_lost(sentence: &str) -> bool {
    let ws: Vec<&str> = crate::person::words(sentence)
        .filter(|w| !w.is_empty())
        .take(12)
        .collect();
    let speaker = |w: &str| {
        matches!(
            w,
            "i" | "i've" | "we" | "we've" | "he" | "hemos" | "j'ai" | "avons" | "ich" | "wir"
        )
    };
    let lost = |w: &str| {
        matches!(
            w,
            "lost"
                | "spent"
                | "wasted"
                | "perdido"
                | "gastado"
                | "perdu"
                | "depense"
                | "verloren"
                | "ausgegeben"
        )
    };
    ws.iter().enumerate().any(|(i, w)| {
        lost(w)
            && ws
                .get(i.saturating_sub(3)..i)
                .is_some_and(|before| before.iter().any(|b| speaker(b)))
    })
}

/// Whether a sentence tells the customer what they can do themselves: it (or its main clause,
/// after a clause put first) opens with "you can", "vous pouvez", "puedes", "Sie können", and
/// no first person does anything in it ("vous pouvez résilier votre abonnement en ligne"; not
/// "you can have both for $60, that's my best price").
fn self_service(sentence: &str) -> bool {
    let opens = [
        "you can ",
        "you may ",
        "vous pouvez ",
        "tu peux ",
        "puedes ",
        "puede usted ",
        "usted puede ",
        "sie konnen ",
        "du kannst ",
        // German inverts after a clause put first: "Auch wenn die Frist abgelaufen ist,
        // können Sie das Gerät beim Hersteller reparieren lassen".
        "konnen sie ",
        "kannst du ",
    ];
    // The sentence's own start, or its main clause after a clause put first.
    let main = sentence.split_once(',').map(|(_, rest)| rest);
    let opens = [Some(sentence), main]
        .into_iter()
        .flatten()
        .any(|clause| opens.iter().any(|p| clause.trim_start().starts_with(p)));
    opens && no_one_acts(sentence)
}

/// Whether a sentence says a thing happens of itself ("Ihr Guthaben wird beim nächsten Einkauf
/// automatisch verrechnet", "the hold drops off on its own"), and no first person does
/// anything in it: how the system works, not a grant.
fn happens_of_itself(sentence: &str) -> bool {
    [
        "automatic",
        "automatisch",
        "on its own",
        "by itself",
        "de forma automatica",
        "automaticamente",
        "automatiquement",
    ]
    .iter()
    .any(|w| sentence.contains(w))
        && no_one_acts(sentence)
}

/// Whether a sentence says a price moves of itself ("der Preis ändert sich erst im Juli",
/// "prices go up in April"), with no first person acting: news of the tariff, not a grant.
fn price_moves(sentence: &str) -> bool {
    [
        "preis andert sich",
        "preise andern sich",
        "preis steigt",
        "preise steigen",
        "price changes",
        "prices change",
        "price goes up",
        "prices go up",
        "price rises",
        "prices rise",
        "precio cambia",
        "precios cambian",
        "precio sube",
        "precios suben",
        "prix change",
        "prix changent",
        "prix augmente",
        "prix augmentent",
    ]
    .iter()
    .any(|w| sentence.contains(w))
        && no_one_acts(sentence)
}

/// Whether no first person is in a sentence (the speaker or the shop doing nothing in it).
fn no_one_acts(sentence: &str) -> bool {
    !crate::person::words(sentence).any(|w| {
        matches!(
            w,
            "i" | "i've"
                | "i'll"
                | "we"
                | "we've"
                | "we'll"
                | "my"
                | "our"
                | "me"
                | "us"
                | "je"
                | "j'ai"
                | "nous"
                | "mon"
                | "ma"
                | "notre"
                | "yo"
                | "he"
                | "hemos"
                | "mi"
                | "nuestro"
                | "nuestra"
                | "ich"
                | "wir"
                | "mein"
                | "meine"
                | "unser"
                | "unsere"
        )
    })
}

/// Whether a sentence says how long a thing holds: "is valid until", "es válida hasta",
/// "est valable jusqu'au", "ist gültig bis", "expires on".
fn states_validity(sentence: &str) -> bool {
    [
        "is valid",
        "are valid",
        "remains valid",
        "expires",
        "es valida",
        "es valido",
        "son validos",
        "caduca",
        "est valable",
        "sont valables",
        "expire",
        "ist gultig",
        "sind gultig",
        "lauft bis",
        "lauft am",
    ]
    .iter()
    .any(|p| sentence.contains(p))
}

/// Whether a sentence promises word to the customer: "update you", "get back to you", "the
/// team will reply tomorrow", "te avisaremos", "vous tenir informé", "melden uns bei Ihnen".
fn informs(sentence: &str) -> bool {
    [
        "update you",
        "let you know",
        "get back to you",
        "keep you posted",
        "keep you updated",
        "contact you",
        "reach out",
        "will reply",
        "will respond",
        "will answer",
        "responderemos",
        "vous repondre",
        "vous repondra",
        "antworten ihnen",
        "antworten dir",
        "te avisaremos",
        "le avisaremos",
        "te informaremos",
        "le informaremos",
        "nos pondremos en contacto",
        "vous tenir inform",
        "vous informer",
        "reviendrons vers vous",
        "vous recontacter",
        "melden uns",
        "informieren sie",
        "informieren dich",
        "auf dem laufenden",
    ]
    .iter()
    .any(|p| sentence.contains(p))
}

/// The first person with the auxiliary of a perfect whose participle follows it ("I've
/// checked", "he revisado", "j'ai vérifié"); German puts its participle last.
pub(super) const PERFECT_SUBJECTS: &[&str] = &[
    "i've ",
    "i have ",
    "we've ",
    "we have ",
    "he ",
    "hemos ",
    "j'ai ",
    "nous avons ",
];

/// What follows an opening act of attention by the first person ("I've looked into it:",
/// "he revisado tu pedido,", "ich habe nachgesehen:"), or the whole text.
pub(super) fn after_attention(text: &str) -> &str {
    let lead = text.trim_start();
    // "I can see the charge was already removed": what is seen is read from the records.
    if let Some(rest) = [
        "i can see ",
        "i see ",
        "we can see ",
        "puedo ver ",
        "veo que ",
        "je vois ",
        "je peux voir ",
        "ich sehe ",
        "ich kann sehen",
    ]
    .iter()
    .find_map(|s| lead.strip_prefix(s))
    {
        return rest;
    }
    let subject = PERFECT_SUBJECTS
        .iter()
        .chain(&["i ", "we ", "ich habe ", "wir haben "])
        .find_map(|s| lead.strip_prefix(s));
    let Some(rest) = subject else {
        return text;
    };
    let verb = crate::person::words(rest)
        .find(|w| !w.is_empty())
        .unwrap_or_default();
    let attends = matches!(
        verb,
        "looked"
            | "checked"
            | "reviewed"
            | "verified"
            | "investigated"
            | "examined"
            | "revisado"
            | "comprobado"
            | "mirado"
            | "consultado"
            | "verificado"
            | "verifie"
            | "regarde"
            | "consulte"
            | "examine"
            | "nachgesehen"
            | "gepruft"
            | "uberpruft"
            | "angesehen"
            | "nachgeschaut"
            | "angeschaut"
    );
    if !attends {
        return text;
    }
    // The act ends at the first comma or colon, or "and", within a short clause ("I've
    // checked your order history:", "I checked and ...").
    // Only the head is searched: an act that ends later is no short clause.
    let head = rest.get(..64).unwrap_or(rest);
    let end = [
        head.find([':', ',']),
        [" and ", " y ", " et ", " und "]
            .iter()
            .filter_map(|c| head.find(c).map(|i| i + c.len() - 1))
            .min(),
    ]
    .into_iter()
    .flatten()
    .min();
    match end {
        Some(end) if end <= 60 => rest.get(end + 1..).unwrap_or_default(),
        _ => text,
    }
}
