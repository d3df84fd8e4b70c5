//! What a grant concedes against: the shop's policy or rules, what it usually does, a term
//! that has run out. A grant made against one of them is an exception to the policy.

/// Whether a concession names the shop's policy or rules as not allowing, or not usually
/// allowing, what follows, or as a refusal itself ("aunque la política es no devolver el
/// importe", "although our policy is not to refund").
pub(super) fn against_the_policy(sentence: &str) -> bool {
    let has = |ws: &[&str]| ws.iter().any(|w| sentence.contains(w));
    let refuses = || {
        [
            "policy is not",
            "policy is no ",
            "politica es no ",
            "politica es de no ",
            "politique est de ne ",
            "richtlinie ist, keine",
            "richtlinie ist, nicht",
        ]
        .iter()
        .any(|p| sentence.contains(p))
    };
    has(&[
        "policy",
        "rules",
        "politica",
        "normas",
        "politique",
        "regles",
        "richtlinie",
        "regeln",
        // A fare's conditions are its rules: "aunque la tarifa no permite cambios".
        "fare",
        "tarifa",
        "tarif",
        "conditions",
        "condiciones",
        "bedingungen",
    ]) && (has(&["allow", "permit", "permite", "permet", "autorise", "erlaub"])
        || has(&USUAL)
        || refuses())
        || concedes_the_rule(sentence)
}

/// A concession that names what the shop usually does ("even though normally we'd need it
/// back", "aunque normalmente", "obwohl wir normalerweise") or a term that has run out ("even
/// though the warranty expired in May", "though they're out of warranty", "obwohl die Frist
/// abgelaufen ist"), or a term the customer was bound to ("même si le préavis n'est pas
/// respecté"): the grant goes against it.
fn concedes_the_rule(sentence: &str) -> bool {
    CONCESSIONS
        .iter()
        .filter_map(|c| sentence.find(c).map(|i| i + c.len()))
        .any(|end| {
            let rest = sentence.get(end..).unwrap_or_default();
            // A habit after a short subject: "although e-books normally can't be returned".
            let next = crate::bytes::head(rest, 24);
            let window = crate::bytes::head(rest, 48);
            // A habit may come after its subject: "aunque las compras in-game no suelen ser
            // reembolsables".
            USUAL.iter().any(|u| next.contains(u))
                || ["suelen", "suele", "solemos"]
                    .iter()
                    .any(|u| window.contains(u))
                || [
                    "expired",
                    "ran out",
                    "out of warranty",
                    "abgelaufen",
                    " past ",
                    "pasado",
                    // "Aunque el plazo de cambio ya pasó", "the exchange window has passed".
                    "ya paso",
                    "has passed",
                    "est passe",
                    "depasse",
                    "vencid",
                    "vencio",
                    "caducad",
                    "caduco",
                    "expire",
                    // Late: "aunque la devolución fue con una hora de retraso".
                    "retraso",
                    "returned late",
                    "en retard",
                    "verspatet",
                    // A rate that forbids the grant: "aunque su tarifa no es reembolsable".
                    "non-refundable",
                    "not refundable",
                    "no es reembolsable",
                    "no reembolsable",
                    "non remboursable",
                    "nicht erstattbar",
                    // Outside the cover: "aunque el golpe no estaba cubierto".
                    "not covered",
                    "no estaba cubierto",
                    "no esta cubierto",
                    "pas couvert",
                    "nicht abgedeckt",
                    "nicht versichert",
                    // The cover that does not reach it: "aunque la garantía no cubre daños
                    // por agua".
                    "no cubre",
                    "doesn't cover",
                    "does not cover",
                    "ne couvre pas",
                    "deckt nicht",
                    // Past the point of change: "aunque el pedido ya estaba en producción".
                    "en produccion",
                    "in production",
                    "en production",
                    "in produktion",
                    "already shipped",
                    "ya se habia enviado",
                    "deja expedie",
                    "bereits versandt",
                    // Called off late: "obwohl Sie erst eine Stunde vorher abgesagt haben".
                    "vorher abgesagt",
                    "kurzfristig",
                    "last minute",
                    "last-minute",
                    "a ultima hora",
                    "au dernier moment",
                    "less than 24",
                    "menos de 24",
                    "moins de 24",
                    "weniger als 24",
                    // A term the customer was bound to: "même si le préavis de deux mois n'est
                    // pas respecté", "even though the notice period wasn't given".
                    "notice",
                    "preavis",
                    "preaviso",
                    "kundigungsfrist",
                    "mindestlaufzeit",
                    "permanencia",
                    "minimum term",
                    // The policy itself conceded: "even though our policy is 48 hours".
                    "our policy",
                    "nuestra politica",
                    "notre politique",
                    "unsere richtlinie",
                ]
                .iter()
                .any(|t| window.contains(t))
                // A term said as it was: "aunque el plazo para reclamar era de 30 días", "even
                // though the window was 14 days".
                || {
                    let ws: Vec<&str> = crate::person::words(window)
                        .filter(|w| !w.is_empty())
                        .collect();
                    ws.iter().any(|w| {
                        matches!(
                            *w,
                            "plazo" | "delai" | "frist" | "window" | "deadline" | "period"
                        )
                    }) && ws
                        .iter()
                        .any(|w| matches!(*w, "era" | "etait" | "was" | "war"))
                }
        })
}

/// "We don't usually..., but": a word of what is usual, then a turn to this case.
pub(super) fn usual_then_but(sentence: &str) -> bool {
    let usual = crate::bytes::phrases!(USUAL).find(sentence);
    usual.is_some_and(|u| sentence.get(u..).is_some_and(super::own::turns))
}

/// "Normally we don't take anyone after half-term, but your daughter can still join",
/// "eigentlich nehmen wir niemanden mehr auf, aber Ihre Tochter darf noch einsteigen": what is
/// usual, the turn, then the customer or someone of theirs allowed ("you can", "Ihre Tochter
/// darf") to do it still ("still", "noch", "encore", "todavía"), or the speaker doing the
/// customer's own ("on ne grave pas l'acier, mais je vais faire la vôtre"). "Usually it takes a week,
/// but you can track it online" allows no exception, as the usual refuses nothing (no
/// "don't", "no", "nicht", "niemand"); nor does "normally we don't open on Sundays, but you
/// can use the drop box", which offers another way, not the thing refused.
pub(super) fn allowed_after_usual(sentence: &str) -> bool {
    // Most sentences turn on nothing: the turn is looked for first.
    if !super::own::turns(sentence) {
        return false;
    }
    let Some(u) = crate::bytes::phrases!(USUAL).find(sentence) else {
        return false;
    };
    let rest = sentence.get(u..).unwrap_or_default();
    let Some(t) = super::own::TURNS.iter().filter_map(|b| rest.find(b)).min() else {
        return false;
    };
    let after = rest.get(t..).unwrap_or_default();
    // The refusal may come before the word of habit: "we don't normally do single visits".
    let usual = sentence.get(..u + t).unwrap_or_default();
    let refused = crate::person::words(usual).any(|w| {
        matches!(
            w,
            "don't"
                | "not"
                | "no"
                | "never"
                | "nobody"
                | "anyone"
                | "ne"
                | "pas"
                | "personne"
                | "nadie"
                | "nunca"
                | "nicht"
                | "niemand"
                | "niemanden"
                | "keine"
                | "kein"
        )
    });
    let ws: Vec<&str> = crate::person::words(after)
        .filter(|w| !w.is_empty())
        .skip(1)
        .take(5)
        .collect();
    let modal = |w: &str| {
        matches!(
            w,
            "can"
                | "may"
                | "peut"
                | "pouvez"
                | "peux"
                | "puede"
                | "puedes"
                | "podeis"
                | "pueden"
                | "darf"
                | "durfen"
                | "kann"
                | "konnen"
        )
    };
    let still = |w: &&str| {
        matches!(
            *w,
            "still" | "anyway" | "noch" | "trotzdem" | "encore" | "todavia" | "aun" | "igualmente"
        )
    };
    // ... or the speaker doing the customer's own, or fitting them in: "mais je vais faire la
    // vôtre", "but I'll do yours", "pero te hago el tuyo", "but I'll fit you in".
    let done_for_yours = || {
        ws.iter()
            .any(|w| matches!(*w, "je" | "i" | "i'll" | "ich" | "te" | "le"))
            && (ws
                .iter()
                .any(|w| matches!(*w, "yours" | "tuyo" | "tuya" | "suyo" | "suya"))
                || ws.windows(2).any(|p| {
                    matches!(
                        p,
                        ["la" | "le" | "el", "votre" | "tienne" | "tien"]
                            | ["you", "in"]
                            // Lent or let to them: "pero te dejo el velero pequeño".
                            | ["te" | "le", "dejo" | "presto"]
                    )
                }))
    };
    // What the speaker can do is another way, not the thing refused.
    let possible = |w: &str| {
        matches!(
            w,
            "can"
                | "could"
                | "may"
                | "might"
                | "podemos"
                | "podriamos"
                | "pouvons"
                | "pourrions"
                | "peut"
                | "konnen"
                | "konnten"
                | "kann"
        )
    };
    // ... or the speaker doing it in the customer's case, or for them: "pero en su caso lo
    // haremos", "but in your case we'll do it", "pero para su grupo la abriremos", "aber für
    // Sie machen wir das". What the speaker can do for them ("but for you we can check with
    // the courier") is another way, not the thing refused.
    let in_your_case = || {
        ws.windows(3).any(|p| match p {
            [
                "in" | "en" | "dans",
                yours,
                "case" | "caso" | "cas" | "fall",
            ] => crate::person::addressee_possessive(yours) || *yours == "ihrem",
            // "For your information" tells; it is done for no one.
            ["for" | "para" | "pour" | "fur", yours, what] => {
                !matches!(*what, "information" | "info" | "informacion")
                    && (crate::person::addressee_possessive(yours)
                        || crate::person::second_person(yours)
                        || matches!(*yours, "usted" | "ustedes" | "sie"))
            }
            _ => false,
        }) && (ws
            .iter()
            .any(|w| speaker_acts(w) || matches!(*w, "we" | "i" | "je"))
            // Spanish's first person singular after the customer as its object: "pero en su
            // caso le paso la clase al viernes", "te cambio la fecha".
            || ws.windows(2).any(|p| match p {
                ["le" | "te" | "les" | "os", verb] => verb.len() >= 4 && verb.ends_with('o'),
                _ => false,
            }))
            && !ws.iter().any(|w| possible(w))
    };
    // ... or, for a reason the turn gives, the speaker acting all the same: "mais vu la vitre
    // cassée, on passe demain matin", "but since the glass is broken, we'll come tomorrow".
    let for_a_reason = || {
        ws.first().is_some_and(|w| {
            matches!(
                *w,
                "vu" | "given"
                    | "since"
                    | "because"
                    | "comme"
                    | "puisque"
                    | "dado"
                    | "como"
                    | "weil"
                    | "da"
                    | "angesichts"
            )
        }) && {
            let rest: Vec<&str> = crate::person::words(after)
                .filter(|w| !w.is_empty())
                .skip(2)
                .collect();
            rest.iter().any(|w| speaker_acts(w)) && !rest.iter().any(|w| possible(w))
        }
    };
    // ... or the customer's own allowed to do the very thing refused: "pero con su
    // autorización firmada su hijo puede hacerlo", "but your son can do it" ("but your son
    // can ride the junior karts" offers another thing).
    let yours_may_do_it = || {
        let all: Vec<&str> = crate::person::words(after)
            .filter(|w| !w.is_empty())
            .collect();
        all.iter().enumerate().any(|(i, w)| {
            modal(w)
                && all.get(..i).is_some_and(|before| {
                    before.iter().any(|b| {
                        crate::person::addressee_possessive(b) || crate::person::second_person(b)
                    })
                })
                && (matches!(
                    (all.get(i + 1).copied(), all.get(i + 2).copied()),
                    (Some("hacerlo" | "faire"), _)
                        | (Some("do"), Some("it" | "so" | "that"))
                        | (Some("le"), Some("faire"))
                        | (Some("das" | "es"), Some("tun" | "machen"))
                )
                    // ... or someone of the customer's to use the customer's own, as the
                    // usual refused sharing it: "but your sister can use yours this month"
                    // ("mais vous pouvez récupérer votre colis au dépôt" is another way).
                    || all.get(..i).is_some_and(|before| {
                        before.iter().any(|b| crate::person::addressee_possessive(b))
                    }) && all.iter().skip(i + 2).take(2).any(|v| {
                        matches!(
                            *v,
                            "yours" | "tuyo" | "tuya" | "suyo" | "suya" | "votre" | "tienne"
                                | "tien"
                        )
                    })
                    // ... or to come, join or play, as the usual refused them: "mais votre
                    // frère peut venir samedi" ("… can come to the junior session instead"
                    // offers another).
                    // German puts the verb last: "Ihr Sohn darf mit Ihnen mitspielen".
                    || all.iter().skip(i + 1).take(4).any(|v| {
                        matches!(
                            *v,
                            "come" | "join" | "play" | "venir" | "jouer" | "participer" | "jugar"
                                | "participar" | "kommen" | "mitkommen" | "mitspielen"
                                | "mitmachen"
                                // ... or go out: "pero su hijo puede salir con el monitor".
                                | "go" | "salir" | "ir" | "sortir" | "aller" | "fahren"
                                | "mitfahren"
                        )
                    }) && !all.iter().any(|w| {
                        matches!(
                            *w,
                            "instead" | "plutot" | "lugar" | "stattdessen" | "other" | "autre"
                                | "otra" | "otro" | "andere"
                        )
                    }))
        })
    };
    // ... or the customer's own thing allowed: "but your cake is fine".
    let yours_allowed = || {
        ws.iter().any(|w| crate::person::addressee_possessive(w))
            && ws
                .windows(2)
                .any(|p| matches!(p, ["is" | "are", "fine" | "ok" | "okay" | "allowed"]))
    };
    // ... or, where the usual acts against the customer ("d'habitude on vend les gages après
    // trente jours"), the speaker keeping the customer's thing until a day: "mais je garde
    // votre bague jusqu'à la fin du mois", "but I'll hold your ring until Friday".
    let held_for_you = || {
        let all: Vec<&str> = crate::person::words(after)
            .filter(|w| !w.is_empty())
            .skip(1)
            .take(8)
            .collect();
        // Spanish puts the customer before the verb and leaves the subject out: "pero le
        // guardo la mesa hasta las nueve".
        let for_them = all
            .first()
            .is_some_and(|w| matches!(*w, "le" | "te" | "les" | "os"));
        let speaker = all.first().is_some_and(|w| {
            matches!(
                *w,
                "je" | "i" | "i'll" | "ich" | "we" | "we'll" | "nous" | "wir" | "on"
            )
        });
        // ... or waits for them: "mais on vous attend jusqu'à 7 h 10".
        let holds = all.iter().take(3).any(|w| {
            matches!(
                *w,
                "keep"
                    | "hold"
                    | "wait"
                    | "attend"
                    | "attends"
                    | "attendons"
                    | "espero"
                    | "esperamos"
                    | "warte"
                    | "warten"
                    | "garde"
                    | "gardons"
                    | "guardo"
                    | "guardamos"
                    | "behalte"
                    | "behalten"
                    | "halte"
                    | "halten"
            )
        });
        (speaker || for_them)
            && holds
            && (for_them
                || all.iter().any(|w| {
                    crate::person::addressee_possessive(w)
                        || matches!(*w, "you" | "vous" | "usted" | "ihnen")
                }))
            && all.iter().any(|w| {
                matches!(
                    *w,
                    "until" | "till" | "jusqu'a" | "jusqu'au" | "hasta" | "bis"
                )
            })
    };
    held_for_you()
        || refused
            && (yours_allowed()
                || ws.iter().enumerate().any(|(i, w)| {
                    modal(w)
                        && ws.iter().skip(i + 1).take(2).any(still)
                        && ws.get(..i).is_some_and(|before| {
                            before.iter().any(|b| {
                                crate::person::second_person(b)
                                    || crate::person::addressee_possessive(b)
                            })
                        })
                })
                || done_for_yours()
                || in_your_case()
                || for_a_reason()
                || yours_may_do_it())
}

/// "Aber für Sie machen wir morgen eine Ausnahme", "pour vous on fera une exception", "te
/// haremos una excepción": the speaker making an exception, whatever words come between the
/// verb and the noun. Refused ("we can't make an exception", "keine Ausnahme"), offered as a
/// possibility ("we could make an exception") or under a condition ("if you bring the
/// receipt, we'll make an exception"), it grants nothing; nor does someone else making it
/// ("the manager may make an exception").
pub(super) fn exception_made(sentence: &str) -> bool {
    if !["exception", "excepcion", "ausnahme"]
        .iter()
        .any(|n| sentence.contains(n))
    {
        return false;
    }
    let ws: Vec<&str> = crate::person::words(sentence)
        .filter(|w| !w.is_empty())
        .collect();
    if ws
        .iter()
        .any(|w| matches!(*w, "if" | "si" | "wenn" | "falls"))
    {
        return false;
    }
    ws.iter().enumerate().any(|(i, w)| {
        matches!(*w, "exception" | "excepcion" | "ausnahme") && {
            let window = ws.get(i.saturating_sub(6)..i).unwrap_or_default();
            // The verb of making, with its person: Spanish's carries it ("haremos").
            let making = window.iter().any(|v| {
                matches!(
                    *v,
                    "make"
                        | "making"
                        | "faire"
                        | "fais"
                        | "faisons"
                        | "fera"
                        | "ferai"
                        | "ferons"
                        | "machen"
                        | "mache"
                )
            });
            let spanish = window
                .iter()
                .any(|v| matches!(*v, "hago" | "hacemos" | "hare" | "haremos" | "vamos"));
            let speaker = window
                .iter()
                .any(|v| speaker_acts(v) || matches!(*v, "we" | "we're" | "i" | "i'm" | "je"));
            let undone = window.iter().any(|v| {
                matches!(
                    *v,
                    "not"
                        | "no"
                        | "can't"
                        | "cannot"
                        | "won't"
                        | "could"
                        | "would"
                        | "might"
                        | "ne"
                        | "pas"
                        | "pourrions"
                        | "pourrait"
                        | "podriamos"
                        | "podria"
                        | "nicht"
                        | "keine"
                        | "konnten"
                        | "wurden"
                )
            });
            (making && speaker || spanish) && !undone
        }
    })
}

/// Whether a word is the speaker acting: "we'll", "on", "wir", or a Spanish verb of the first
/// person plural, which carries its subject ("haremos", "abriremos").
fn speaker_acts(w: &str) -> bool {
    matches!(w, "we'll" | "i'll" | "on" | "nous" | "wir" | "ich")
        || w.len() > 5 && (w.ends_with("emos") || w.ends_with("amos") || w.ends_with("imos"))
}

/// The words that open a concession, in the four languages.
pub(super) const CONCESSIONS: [&str; 7] = [
    "even though",
    "although",
    "aunque",
    "bien que",
    "meme si",
    "obwohl",
    "auch wenn",
];

/// Words of what is usual, in the four languages.
const USUAL: [&str; 15] = [
    "usually",
    // German's "actually" of a rule: "eigentlich nehmen wir niemanden mehr auf".
    "eigentlich",
    "generally",
    "suelen",
    "suele",
    // The shop's own habit: "aunque no solemos admitir cambios".
    "solemos",
    "generalement",
    "normally",
    "normalmente",
    "normalement",
    "normalerweise",
    "d'habitude",
    "habituellement",
    "por lo general",
    "ublicherweise",
];
