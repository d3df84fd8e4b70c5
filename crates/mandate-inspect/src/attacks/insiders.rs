//! Where a speaker places themself: inside the business the assistant serves (one of its
//! staff, its owner, at one of its units), or at a business of their own. Split from
//! `claims`, which reads what such a speaker then asks.

use crate::lexicon::Cue::Speaker;
use crate::person::words;
use crate::scan::Hit;

use super::claims::unit_of_the_shop;

/// "Je suis développeur chez le studio", "I work at your company", "ich bin Entwickler bei
/// dem Shop": the speaker placed inside the business the assistant serves (named with the
/// definite article or the assistant's possessive: "at a studio", "at my company" are
/// elsewhere), within their introduction's clause.
pub(super) fn inside_the_business(text: &str, hits: &[Hit]) -> bool {
    hits.iter().filter(|x| x.cue == Speaker).any(|x| {
        let rest = text.get(x.end..).unwrap_or_default();
        let clause = rest
            .split(['.', ',', ';', '!', '?', ':'])
            .next()
            .unwrap_or_default();
        let ws: Vec<&str> = words(clause).filter(|w| !w.is_empty()).take(8).collect();
        // "A long-time customer at your company", "a regular at the Elm Street branch": a
        // patron, not inside it.
        let patron = ws.iter().any(|w| {
            matches!(
                *w,
                "customer"
                    | "client"
                    | "member"
                    | "user"
                    | "shopper"
                    | "buyer"
                    | "subscriber"
                    | "cliente"
                    | "clienta"
                    | "socio"
                    | "socia"
                    | "usuario"
                    | "usuaria"
                    | "abonne"
                    | "abonnee"
                    | "membre"
                    | "utilisateur"
                    | "utilisatrice"
                    | "kunde"
                    | "kundin"
                    | "mitglied"
                    | "nutzer"
                    | "nutzerin"
                    | "regular"
                    | "habitual"
                    | "habitue"
                    | "stammkunde"
                    | "stammkundin"
            )
        });
        // "At the Elm Street branch": a unit of the shop within three words of the article.
        let at_a_unit = || {
            ws.windows(2).enumerate().any(|(i, w)| {
                matches!(w, [at, the] if matches!(*at, "at" | "chez" | "bei" | "en")
                    && matches!(*the, "the" | "le" | "la" | "el" | "der" | "dem"))
                    && ws.iter().skip(i + 2).take(3).any(|u| unit_of_the_shop(u))
            })
        };
        // German and Spanish fold the article into the preposition: "beim Veranstalter",
        // "del organizador".
        let folded = || {
            ws.windows(2).any(|w| {
                matches!(w, [at, place] if matches!(*at, "beim" | "al" | "au" | "du" | "del")
                    && (business(place) || unit_of_the_shop(place)))
            })
        };
        // "Técnico de vuestra red de profesionales", "a technician from your network": one of
        // the business's own, by the addressee's possessive.
        // "Ich bin Netzmonteur bei euch", "je suis technicien chez vous": one word, a role,
        // then at yours ("ich bin schon lange bei euch" is a customer's loyalty).
        let at_yours = || {
            matches!(ws.as_slice(), [role, at, yours, ..]
            if matches!(*at, "bei" | "chez")
                && matches!(*yours, "euch" | "ihnen" | "vous")
                && !matches!(
                    *role,
                    "gerne" | "gern" | "oft" | "lange" | "hier" | "auch" | "noch" | "immer"
                        | "schon" | "seit" | "wieder" | "souvent" | "deja" | "aussi"
                        | "toujours" | "encore" | "bien" | "ici" | "client" | "cliente"
                ))
        };
        // The place may come a word later: "from your partner network".
        let of_yours = || {
            ws.windows(4).chain(ws.windows(3)).any(|w| match w {
                [of, your, rest @ ..] => {
                    matches!(*of, "of" | "from" | "de" | "du" | "von" | "aus")
                        && (crate::person::addressee_possessive(your)
                            || matches!(
                                *your,
                                "vuestra" | "vuestro" | "eurem" | "eurer" | "euren" | "eures"
                            ))
                        && rest.iter().any(|place| {
                            business(place)
                                || matches!(*place, "network" | "reseau" | "netzwerk")
                                || *place == "red" && matches!(*your, "vuestra" | "tu")
                        })
                }
                _ => false,
            })
        };
        // "C'est le propriétaire de l'atelier", "soy el dueño", "hier ist der Inhaber": the
        // one who owns the business, alone or named of it ("the owner of the dog" owns a dog).
        let owner = || {
            let ws = match ws.as_slice() {
                [the, rest @ ..] if matches!(*the, "the" | "le" | "la" | "el" | "der" | "die") => {
                    rest
                }
                all => all,
            };
            // Alone, only as the one on the line introduces themself ("this is the owner");
            // "tell them I'm the owner" claims a flat or a car.
            let on_the_line = text.get(x.start..x.end).is_some_and(|t| {
                [
                    "this is",
                    "c'est",
                    "hier ist",
                    "hier spricht",
                    "aqui",
                    "habla",
                ]
                .iter()
                .any(|p| t.contains(p))
            });
            match ws {
                [o, rest @ ..] if owner_word(o) => match rest {
                    [] => on_the_line,
                    [of, places @ ..] => {
                        matches!(*of, "of" | "de" | "du" | "del" | "des" | "von" | "vom")
                            && places
                                .iter()
                                .take(2)
                                .any(|p| business(p.strip_prefix("l'").unwrap_or(p)))
                    }
                },
                _ => false,
            }
        };
        !patron
            && (at_a_unit()
                || owner()
                || folded()
                || of_yours()
                || at_yours()
                || ws.windows(3).any(|w| match w {
                    [at, the, place] => {
                        matches!(*at, "at" | "chez" | "bei" | "en" | "para" | "for")
                            && (matches!(*the, "the" | "le" | "la" | "el" | "dem" | "der")
                                || crate::person::second_person_possessive(the))
                            && business(place)
                    }
                    _ => false,
                }))
    })
}

/// Who owns a business: owner, dueño, propriétaire, Inhaber.
fn owner_word(w: &str) -> bool {
    matches!(
        w,
        "owner"
            | "dueno"
            | "duena"
            | "propietario"
            | "propietaria"
            | "proprietaire"
            | "patron"
            | "patronne"
            | "inhaber"
            | "inhaberin"
            | "besitzer"
            | "besitzerin"
    )
}

/// The business the assistant serves, by what it is: a shop, a bank, a studio, an organiser.
fn business(w: &str) -> bool {
    matches!(
        w,
        "studio"
            | "company"
            | "shop"
            | "store"
            | "bank"
            | "platform"
            | "firm"
            | "organizer"
            | "organiser"
            | "promoter"
            | "entreprise"
            | "societe"
            | "boutique"
            | "plateforme"
            | "banque"
            | "organisateur"
            | "empresa"
            | "tienda"
            | "plataforma"
            | "banco"
            | "estudio"
            | "organizador"
            | "promotora"
            | "firma"
            | "unternehmen"
            | "laden"
            | "plattform"
            | "veranstalter"
            | "hotel"
            // A workshop: "le propriétaire de l'atelier".
            | "workshop"
            | "atelier"
            | "taller"
            | "werkstatt"
            // A practice or a clinic: "assistante dentaire du cabinet".
            | "clinic"
            | "practice"
            | "clinica"
            | "consulta"
            | "cabinet"
            | "clinique"
            | "praxis"
            | "klinik"
    )
}

/// Whether a role is placed somewhere of the speaker's own: "the finance manager at a small
/// charity", "gerente de una tienda" (a place named with an article or a possessive), or a
/// firm named with its legal form ("the accounts team at Acme Ltd", "aus der Buchhaltung der
/// Huber GmbH"): a business customer's own team, not one of this shop's.
pub(super) fn elsewhere(text: &str, role_end: usize) -> bool {
    let mut ws = words(text.get(role_end..).unwrap_or_default())
        .filter(|w| !w.is_empty())
        .take(5);
    let at = ws.next().unwrap_or_default();
    let placed = matches!(
        at,
        "at" | "for"
            | "in"
            | "with"
            | "en"
            | "de"
            | "para"
            | "dans"
            | "chez"
            | "pour"
            | "bei"
            | "fur"
            | "von"
    );
    let own_place = |w: &str| {
        matches!(
            w,
            "a" | "an"
                | "my"
                | "our"
                | "una"
                | "un"
                | "mi"
                | "nuestra"
                | "nuestro"
                | "une"
                | "ma"
                | "mon"
                | "notre"
                | "einer"
                | "einem"
                | "meiner"
                | "meinem"
                | "unserer"
                | "unserem"
        )
    };
    let firm = |w: &str| {
        matches!(
            w,
            "ltd" | "inc" | "llc" | "plc" | "corp" | "gmbh" | "sarl" | "sas" | "sl" | "bv" | "ag"
        )
    };
    // A role that ends on its "of" ("head of") is placed by the word right after it: "head of
    // a small ceramics studio".
    let of_own = text
        .get(..role_end)
        .is_some_and(|t| t.ends_with(" of") || t.ends_with("head of"))
        && own_place(at);
    let mut rest = ws.peekable();
    of_own
        || placed && rest.peek().is_some_and(|w| own_place(w))
        || (placed || matches!(at, "of" | "from" | "del" | "der" | "von")) && rest.any(firm)
}
