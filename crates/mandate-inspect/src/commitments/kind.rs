//! Which kind a committal sentence commits to, from its words and the structure that
//! committed it.

use super::concession::{against_the_policy, usual_then_but};
use super::counted::{asides, counted, in_gift, manner};
use super::kind_clues::{
    failure_as_the_reason, free, kept_good_for, names_a_return, per_unit, received,
};
use super::verbs::{EXTEND_VERBS, REFUND_VERBS, WAIVER_VERBS, goes_back, lets};
use super::{CommitmentKind, Own, REFUSE, Signal};
use crate::extract;
use crate::lexicon::Cue::{self, *};

pub(super) fn kind_of(o: &Own<'_>, signal: Signal) -> CommitmentKind {
    use CommitmentKind as K;
    // What is refused is not what is granted: "I can't issue a refund, but I've added a store
    // credit" is about the credit; what `counted` sets aside names nothing granted.
    // Each hit is judged once; the kinds are counted from that.
    let asides = asides(o);
    let kept: Vec<&crate::scan::Hit> = o
        .hits
        .iter()
        .copied()
        .filter(|h| super::KINDED.contains(&h.cue) || h.cue == Gift || h.cue == Admit)
        .filter(|h| counted(o, h, &asides))
        .collect();
    let count = |c: Cue| kept.iter().filter(|h| h.cue == c).count() as i32;
    let mut score = [
        (K::Refund, 3 * count(KRefund)),
        (K::Discount, 3 * count(KDiscount)),
        (K::Price, 2 * count(KPrice)),
        (K::Delivery, 2 * count(KDelivery)),
        (K::Warranty, 3 * count(KWarranty)),
        (K::PolicyException, 3 * count(KException)),
        (K::FeeWaiver, 3 * count(KFee)),
        (K::Compensation, 3 * count(KCompensation) + 2 * count(Gift)),
        (K::AccountAction, 2 * count(KAccount)),
        (K::Legal, 3 * count(KLegal) + 4 * count(Admit)),
    ];
    let sentence = o.text.get(o.span.0..o.span.1).unwrap_or_default();
    // An exception only in manner leaves the point to the other kind a sentence names; when
    // it names none ("nehmen wir die Rücksendung ausnahmsweise an"), the exception is it.
    let exceptions = o.hits.iter().filter(|h| h.cue == KException);
    if exceptions.clone().next().is_some()
        && exceptions.clone().all(|h| manner(o, h))
        && score
            .iter()
            .any(|(k, v)| *k != K::PolicyException && *v > 0)
        && let Some(e) = score.iter_mut().find(|(k, _)| *k == K::PolicyException)
    {
        e.1 = 0;
    }
    // Raises a kind the sentence names; `add` raises it whether named or not.
    let bump = |score: &mut [(K, i32); 10], k: K, by: i32| {
        if let Some(e) = score.iter_mut().find(|(x, v)| *x == k && *v > 0) {
            e.1 += by;
        }
    };
    let add = |score: &mut [(K, i32); 10], k: K, by: i32| {
        if let Some(e) = score.iter_mut().find(|(x, _)| *x == k) {
            e.1 += by;
        }
    };
    match signal {
        Signal::Admit => bump(&mut score, K::Legal, 6),
        // An exception made is the point only when the sentence says "exception" (or the like);
        // "even though" alone is a concession inside a grant of some other kind.
        Signal::Exception => bump(&mut score, K::PolicyException, 5),
        Signal::Gift => bump(&mut score, K::Compensation, 2),
        Signal::Guarantee => bump(&mut score, K::Delivery, 4),
        Signal::Code => bump(&mut score, K::Discount, 4),
        _ => {}
    }
    // "En compensation, nous vous offrons la livraison gratuite", "credited your account with
    // $40 for the missed appointment": what a grant is given for names its kind over what it
    // gives.
    let for_a_failure = o.has(Amends);
    // "No te cobraremos…", "we won't charge": a charge not made.
    let waives = o.said(
        |c| matches!(c, Granted | YouWill | Grant),
        |_, t| WAIVER_VERBS.iter().any(|w| t.starts_with(w)),
    );
    // "Die doppelt abgebuchte Monatsgebühr bekommen Sie von uns zurück": a charge the
    // customer gets back is money back, not a charge let go; so is a fare ("Sie bekommen den
    // vollen Fahrpreis zurück").
    let charged = count(KFee) + count(KPrice);
    if charged > 0 && count(KRefund) == 0 && goes_back(sentence) && received(sentence) {
        add(&mut score, K::Refund, 3 * charged + 1);
    }
    // "Te regalo un 20 % en tu próxima compra": a percentage given as a present is off a
    // price.
    if sentence.contains('%')
        && o.at(Gift).any(|g| {
            o.text
                .get(g.start..g.end)
                .is_some_and(|t| t.contains("regal") || t.contains("schenk"))
        })
    {
        add(&mut score, K::Discount, 6);
    }
    // "Als Entschuldigung bekommen Sie 15 % Rabatt": a percentage off is a discount, whatever
    // it is given for.
    let percent_off = sentence.contains('%') && count(KDiscount) > 0 && count(KRefund) == 0;
    if for_a_failure && percent_off {
        add(&mut score, K::Discount, 6);
    } else if for_a_failure {
        add(&mut score, K::Compensation, 3);
    } else if failure_as_the_reason(sentence)
        && !(waives && extract::money_count(sentence) > 0)
        // "Sie bekommen den Fahrpreis zurück, weil die Fähre ausgefallen ist": the fare given
        // back is a refund, whatever failed.
        && !(charged > 0 && goes_back(sentence) && received(sentence))
    {
        // "… because the car was a day late": the reason said in a clause weighs as "for the
        // delay" (its word and its reason) does. A sum not charged ("no te cobraremos los
        // 15 € de entrega porque el camión llegó tarde") is the charge waived, whatever the
        // reason.
        add(&mut score, K::Compensation, 6);
    }
    // The payment named as compensation ("we've paid €400 compensation to your card"): the
    // word says what the money is, where "to your card" only says where it goes.
    let named_compensation = o.said(
        |c| c == KCompensation,
        |_, t| {
            [
                "compensat",
                "compensacion",
                "indemnis",
                "indemniz",
                "entschadigung",
                "dedommage",
            ]
            .iter()
            .any(|p| t.starts_with(p))
        },
    );
    // "Como compensación …, te he aplicado un 15 % de descuento": a reason, read above, and a
    // percentage off stays a discount.
    if named_compensation && !for_a_failure && !sentence.contains('%') {
        bump(&mut score, K::Compensation, 2);
    }
    // A sum given as goodwill ("we've credited $15 back to your account as a gesture of
    // goodwill") is a compensation, whichever way it travels: the reason outweighs both the
    // way back (3) and the verb of crediting (3). A percentage off is a discount whatever its
    // reason ("I'm taking 25% off your order as a gesture of goodwill"), and a fee waived is a
    // waiver ("as a goodwill gesture I've waived the $15 delivery fee").
    let goodwill_sum = !sentence.contains('%')
        && count(KFee) == 0
        && o.said(|c| c == KCompensation, |_, t| t.starts_with("goodwill"));
    if goodwill_sum {
        add(&mut score, K::Compensation, 7);
    }
    // Accepting what the policy would refuse ("aceptamos la devolución aunque hayan pasado los
    // 30 días") grants the exception: what is accepted is the goods, not money. So does
    // letting a thing be done ("te dejamos cancelar sin cargo aunque el conductor ya estaba
    // en camino"): the cost it spares is how.
    if signal == Signal::Exception && (super::accepts(o) || lets(o)) {
        add(&mut score, K::PolicyException, 8);
    }
    // What the shop does not usually do, then does ("we don't usually refund gift cards, but
    // in your case I've approved it"), is an exception to its policy.
    // ... or says it does not do, and then does ("normalement les enfants ne jouent pas après
    // 20 h, mais j'accepte pour votre fils").
    let denied = || {
        crate::person::words(sentence).any(|w| {
            matches!(
                w,
                "not"
                    | "don't"
                    | "doesn't"
                    | "pas"
                    | "no"
                    | "nicht"
                    | "kein"
                    | "keine"
                    | "never"
                    | "nunca"
                    | "jamais"
            )
        })
    };
    if usual_then_but(sentence) && (o.has(Refuse) || denied()) {
        add(&mut score, K::PolicyException, 8);
    }
    // Granted against the policy, conceded first ("aunque la política no lo permite
    // normalmente, he aprobado la devolución", "although our rules don't allow it, ..."): the
    // grant is an exception to it. A price or discount kept after its offer ran out ("we'll
    // honour the $79 price from the flyer even though it expired") stays a price: the offer's
    // own term is what the grant overrides, and the grant names it.
    let offer_kept = || {
        count(KPrice) + count(KDiscount) > 0 && count(KWarranty) == 0 && !names_a_return(sentence)
    };
    let against = o.has(Exception) && against_the_policy(sentence) && !offer_kept();
    if against {
        add(&mut score, K::PolicyException, 8);
    }
    // A charge reversed on the card ("the $42 charge will be reversed", "die Abbuchung wird
    // storniert") is money back; a fee reversed is waived (and Spanish's "cargo" is a fee:
    // "he anulado el cargo por devolución").
    let charge_reversed = o.said(
        |c| c == KFee,
        |_, t| t.starts_with("charge") || t.starts_with("abbuchung"),
    ) && o.said(
        |c| c == Granted,
        |_, t| t.starts_with("revers") || t.starts_with("storn"),
    );
    if charge_reversed {
        add(&mut score, K::Refund, 8);
    }
    // Harm the shop's own people did ("our driver damaged your gate, and we'll pay for the
    // repair"): what is paid for is the liability, whatever it pays.
    let ours_did = super::kind_clues::harm_by_ours(o);
    if ours_did {
        bump(&mut score, K::Legal, 4);
    }
    // A warranty given more at no cost ("your warranty now covers accidental damage too, at
    // no cost") is about the warranty; the gift is its price. The warranty must be the
    // subject that covers ("out of warranty" is the reason for a gift, "brand-new" a thing).
    let warranty_covers = || {
        o.hits.iter().any(|h| {
            h.cue == KWarranty
                && o.text
                    .get(h.start..h.end)
                    .is_some_and(|t| t.contains("warrant") || t.contains("garant"))
                && crate::person::words(o.text.get(h.end..).unwrap_or_default())
                    .filter(|w| !w.is_empty())
                    .find(|w| !matches!(*w, "now" | "also" | "ahora" | "maintenant" | "jetzt"))
                    .is_some_and(|w| {
                        ["cover", "cubre", "couvre", "deckt"]
                            .iter()
                            .any(|v| w.starts_with(v))
                    })
        })
    };
    if signal == Signal::Gift && count(KCompensation) == 0 && warranty_covers() {
        bump(&mut score, K::Warranty, 3);
    }
    // What is extended is the kind: "I've extended the warranty on your blender at no charge"
    // is about the warranty, whatever it cost.
    let extends = o.said(
        |c| matches!(c, Grant | Granted | Performative | YouWill),
        |_, t| EXTEND_VERBS.iter().any(|v| t.contains(v)),
    );
    if extends {
        bump(&mut score, K::Warranty, 6);
        // A deadline extended is the policy's exception ("te hemos ampliado el plazo de
        // devolución").
        if crate::person::words(sentence).any(|w| {
            matches!(
                w,
                "deadline" | "window" | "plazo" | "delai" | "frist" | "ruckgabefrist"
            )
        }) {
            add(&mut score, K::PolicyException, 8);
        }
        // A voucher or a pass kept valid longer ("le bon cadeau de 120 € reste valable
        // jusqu'au 31 mars, je l'ai prolongé") is the customer's holding, not money back.
        if count(KWarranty) == 0
            && crate::person::words(sentence).any(|w| {
                matches!(
                    w,
                    "valid" | "valable" | "valido" | "valida" | "gultig" | "expiry" | "validite"
                )
            })
        {
            add(&mut score, K::AccountAction, 5);
        }
    }
    // Money given back for what the shop admits it overcharged ("I've refunded the £60 we
    // overcharged for the handles") is a refund: the admission is only its reason.
    if count(KRefund) > 0 && o.said(|c| c == Admit, |_, t| t.contains("overcharg")) {
        add(&mut score, K::Refund, 8);
    }
    // A free remedy for the thing failing ("if it breaks within a year, we'll replace it
    // free") is its warranty.
    if o.at(Hedge)
        .any(|h| h.start >= o.span.0 && h.end <= o.span.1 && o.remedied_free(h))
    {
        add(&mut score, K::Warranty, 6);
    }
    // A thing said guaranteed for a term ("your annual pass is guaranteed for twelve months,
    // and if we close we'll extend it"): what the sentence promises is about that guarantee.
    if o.at(Guarantee).any(|g| {
        g.start >= o.span.0 && g.end <= o.span.1 && super::described::warranty_term(o.text, g)
    }) {
        add(&mut score, K::Warranty, 6);
    }
    // A warranty given a new end ("your warranty now runs until June 2028 at no extra cost")
    // is about the warranty, whatever it cost.
    if !extends && count(KWarranty) > 0 && !extract::dates(sentence).is_empty() {
        bump(&mut score, K::Warranty, 4);
    }
    // Removing or not billing a fee is a waiver, whatever else the sentence mentions; refunding
    // one is a refund.
    // A fee taken "off" the order ("I've knocked the $8 service fee off your order") is waived,
    // not a discount.
    let fee_off = || {
        ["fee off", "fees off", "charge off", "charges off"]
            .iter()
            .any(|w| sentence.contains(w))
    };
    // "Le quito los gastos de devolución", "je supprime les frais": the speaker's own act of
    // taking a fee away.
    let removes = || {
        o.said(
            |c| c == Performative,
            |_, t| {
                crate::person::words(t).next_back().is_some_and(|w| {
                    matches!(w, "quito" | "elimino" | "supprime" | "retire" | "enleve")
                })
            },
        )
    };
    if count(KFee) > 0 && (waives || fee_off() || removes()) {
        bump(&mut score, K::FeeWaiver, 4);
    } else if waives
        && count(KRefund) == 0
        && (extract::money_count(sentence) > 0
            || count(KException) > 0 && exceptions.clone().all(|h| manner(o, h)))
    {
        // A sum not charged, whatever it was for ("no te cobraremos los 15 € de entrega"), is
        // a charge waived; so is a thing not charged for once ("no le cobraremos el alquiler
        // esta vez").
        add(&mut score, K::FeeWaiver, 4);
    } else if signal == Signal::Guarantee
        && o.hits.iter().any(|f| {
            f.cue == KFee
                && o.text
                    .get(f.end..)
                    .is_some_and(|rest| extract::mentions_money(crate::bytes::head(rest, 12)))
        })
    {
        // "Je vous garantis la cotisation à 320 € pour l'an prochain": a fee guaranteed at a
        // sum is what it will cost, not a fee let go.
        add(&mut score, K::Price, 4);
    }
    // An account or subscription closed is the act, and the bills it ends are its consequence
    // ("your subscription is now cancelled and you won't be billed again").
    let closed = o.hits.iter().any(|k| {
        k.cue == KAccount
            && o.text
                .get(k.end..)
                .map(|r| crate::bytes::head(r, 24))
                .is_some_and(|r| {
                    [
                        "cancel",
                        "closed",
                        "deactivat",
                        "anulad",
                        "cancelad",
                        "annul",
                        "resili",
                        "gekundigt",
                        "geschlossen",
                        "deaktiviert",
                    ]
                    .iter()
                    .any(|c| r.contains(c))
                })
    });
    if closed {
        bump(&mut score, K::AccountAction, 6);
    }
    // A gift that names no value but a delivery ("the express upgrade is on us, so your order
    // arrives tomorrow") gives the delivery.
    if signal == Signal::Gift
        && count(KDelivery) > 0
        && count(KCompensation) == 0
        && count(KDiscount) == 0
        && !extract::dates(sentence).is_empty()
    {
        add(&mut score, K::Delivery, 4);
    }
    // A sum locked in ("ok, $45 it is, locked in for you") is the price agreed.
    if o.said(|c| c == Granted, |_, t| t.starts_with("locked"))
        && extract::money_count(sentence) > 0
    {
        add(&mut score, K::Price, 4);
    }
    // A charge brought down to a sum ("we've reduced the adoption fee to £40", "lo hemos
    // rebajado a 40 €") names the price the customer pays; taken off by an amount ("reduced
    // by 20%") it stays a discount.
    let to_a_sum = |end: usize| {
        let rest = o.text.get(end..o.span.1).unwrap_or_default();
        let head = crate::bytes::head(rest, 40);
        [" to ", " a ", " auf "].iter().any(|p| {
            head.find(p).is_some_and(|i| {
                extract::money_count(crate::bytes::head(rest.get(i..).unwrap_or_default(), 16)) > 0
            })
        })
    };
    let brought_down = o.said(
        |c| c == Granted,
        |h, t| {
            [
                "reduced",
                "lowered",
                "dropped",
                "rebajad",
                "reduit",
                "gesenkt",
                "reduziert",
            ]
            .iter()
            .any(|v| t.starts_with(v))
                && to_a_sum(h.end)
        },
    );
    if brought_down {
        add(&mut score, K::Price, 4);
    }
    // A price held for the customer ("your plan stays at $15 a month ... as a thank-you") is
    // about the price, whatever it is given for.
    if o.hits.iter().any(|h| super::stated::holds(o.text, h)) {
        add(&mut score, K::Price, 4);
    }
    // A verb of granting that begins with one of `verbs`, in a sentence with one of `nouns`.
    let granted_about = |verbs: &[&str], nouns: &[&str]| {
        o.said(
            |c| matches!(c, Granted),
            |_, t| verbs.iter().any(|v| t.starts_with(v)),
        ) && crate::person::words(sentence).any(|w| nouns.contains(&w))
    };
    // Changing a detail of the customer's ("I've updated the delivery address") is an account
    // action, whatever the detail is for.
    let updates = granted_about(
        &[
            "updated",
            // "I've switched your receipts to your work email": what a detail is set to.
            "switched",
            // "changed", and French "changé" as the view folds it.
            "change",
            "corrected",
            "actualizad",
            "cambiad",
            "modifie",
            // "J'ai mis à jour l'adresse", "actualisé".
            "mis a jour",
            "actualise",
            "geandert",
            "aktualisiert",
        ],
        &[
            "address",
            // A booking's date moved: "hemos cambiado la fecha de vuestra reserva".
            "date",
            "fecha",
            "datum",
            "email",
            "phone",
            "name",
            "password",
            "direccion",
            "correo",
            "telefono",
            "adresse",
            "l'adresse",
            "telephone",
            "nom",
            "telefonnummer",
        ],
    );
    // Someone added in a role ("I've added your partner as a second adopter on the contract",
    // "als zweiten Nutzer hinzugefügt") is a holder put on the account, whatever the paper.
    let added_as = o.said(
        |c| matches!(c, Granted),
        |h, t| {
            ["added", "anadid", "ajoute", "hinzugefugt"]
                .iter()
                .any(|v| t.starts_with(v))
                && crate::person::words(crate::bytes::head(
                    o.text.get(h.end..o.span.1).unwrap_or_default(),
                    40,
                ))
                .any(|w| matches!(w, "as" | "como" | "comme" | "als"))
        },
    );
    // Money already paid moved to another booking ("I've moved your deposit across to the new
    // booking on 14 March") is the account's, not a day of delivery.
    let paid_moved = granted_about(
        &[
            "moved",
            "transferred",
            "traspasad",
            "transfere",
            "ubertragen",
            "umgebucht",
        ],
        &[
            "deposit",
            "credit",
            "balance",
            "fianza",
            "senal",
            "acompte",
            "anzahlung",
            "guthaben",
        ],
    );
    // A service set up on the customer's account ("I've set up weekly collection on your
    // account, starting next Monday") acts on the account, whatever day it starts.
    let set_up_on_account = o.said(
        |c| matches!(c, Granted),
        |_, t| t == "set up" || t == "configurado" || t == "eingerichtet",
    ) && o.hits.iter().any(|h| super::account_as_place(o.text, h));
    if updates || added_as || paid_moved || set_up_on_account {
        add(&mut score, K::AccountAction, 4);
    }
    // A setting switched on the customer's account ("I've switched off two-step verification on
    // your account", "he desactivado la verificación en tu cuenta") acts on the account,
    // whatever else the sentence names ("so the code won't be needed", "deliveries restart on
    // 14 January").
    // Switching one thing to another ("I've switched your plan to annual") is no such act.
    let switches = o.said(
        |c| matches!(c, Granted),
        |h, t| {
            ["switched", "turned"].iter().any(|v| t.starts_with(v))
                && matches!(crate::person::word_after(o.text, h.end), "off" | "on")
                // Held: "I've paused your subscription", "he pausado tu suscripción".
                || [
                    "paused",
                    "pausiert",
                    "pausad",
                    "mis en pause",
                    "mise en pause",
                    "frozen",
                    "disabled",
                    "deactivated",
                    "desactivad",
                    "desactive",
                    "deaktiviert",
                ]
                .iter()
                .any(|v| t.starts_with(v))
        },
    );
    if switches && o.has(KAccount) || super::kind_clues::raises_yours(sentence) {
        add(&mut score, K::AccountAction, 4);
    }
    // Bearing a cost is compensation, whatever the cost is called ("les frais de réparation"):
    // it outweighs the fee words that name the cost. After an admission of fault ("nous
    // reconnaissons notre erreur et prenons en charge...") or beside harm one of the shop's own
    // did ("la réparation du parquet abîmé par notre artisan") it is what the liability costs.
    let bears = o.said(
        |c| matches!(c, KCompensation),
        |_, t| {
            // Split around its object too: "nous prenons les frais … en charge".
            (t.starts_with("prenons ") || t.starts_with("prends ")) && t.ends_with(" en charge")
                || matches!(
                    t,
                    "cover the cost"
                        | "prenons en charge"
                        | "prend en charge"
                        | "prendre en charge"
                        | "nos hacemos cargo"
                        | "ubernehmen die kosten"
                        | "ubernehmen wir die kosten"
                )
        },
    );
    // Borne against the policy ("bien que votre garantie soit expirée, nous prenons la
    // réparation en charge"), the exception stays the point.
    if bears && signal != Signal::Admit && !ours_did && !against {
        bump(&mut score, K::Compensation, 6 + 3 * count(KFee));
    }
    // A fee given as a gift ("the delivery fee is on the house") is waived, not borne. The gift's own
    // words ("on the house" is also a word of compensation, "free of charge" one of fees)
    // name neither, and a fee word that ends a compound ("die Reparaturkosten") names a cost
    // taken over, not a fee.
    let outside_gift = |c: Cue| {
        o.hits.iter().any(|h| {
            h.cue == c
                && !h
                    .start
                    .checked_sub(1)
                    .and_then(|i| o.text.as_bytes().get(i))
                    .is_some_and(u8::is_ascii_alphabetic)
                && !in_gift(o, h)
        })
    };
    if signal == Signal::Gift && !bears && outside_gift(KFee) && !outside_gift(KCompensation) {
        bump(&mut score, K::FeeWaiver, 5);
    }
    // "No charge for the swap", "sin cargo por el cambio": a charge denied for a service is
    // that service's fee waived.
    let no_charge_for = o.hits.iter().any(|g| {
        g.cue == Gift
            && o.text.get(g.start..g.end).is_some_and(|t| {
                ["charge", "cargo", "frais", "gebuhr"]
                    .iter()
                    .any(|f| t.ends_with(f))
            })
            && matches!(
                crate::person::word_after(o.text, g.end),
                "for" | "on" | "por" | "pour" | "fur"
            )
    });
    if signal == Signal::Gift && no_charge_for && !outside_gift(KCompensation) {
        add(&mut score, K::FeeWaiver, 5);
    }
    // A code or a percentage with its reduction is a discount, whatever it is given for ("15%
    // off for your trouble: use SORRY15", "como compensación, te he aplicado un 15 % de
    // descuento").
    if count(KDiscount) > 0 && (super::has_code_token(sentence) || sentence.contains('%')) {
        bump(&mut score, K::Discount, 3);
    }
    // A coupon worth a sum, given for the trouble ("un cupón de 20 € por las molestias", "als
    // Ausgleich ... einen 15-€-Gutschein"), makes up for it: a coupon's word names a discount
    // only when it takes a share off.
    let coupon = o.said(
        |c| c == KDiscount,
        |_, t| {
            ["cupon", "coupon", "gutschein"]
                .iter()
                .any(|w| t.starts_with(w))
        },
    );
    if coupon
        && count(KCompensation) > 0
        && !sentence.contains('%')
        && extract::money_count(sentence) <= 1
    {
        bump(&mut score, K::Compensation, 2);
    }
    // A rate's percentage is its price, not a share taken off.
    let rate = o.said(
        |c| c == KPrice,
        |_, t| {
            ["interest", "tipo de", "taux", "zins"]
                .iter()
                .any(|w| t.starts_with(w))
        },
    );
    if rate {
        add(&mut score, K::Price, 3);
    } else if sentence.contains('%') {
        add(&mut score, K::Discount, 3);
    }
    // "La tarifa de 95 € por noche": a rate given as a sum is a price ("la tarifa de
    // reposición" names a fee).
    let priced_rate = o.said(
        |c| c == KFee,
        |h, t| {
            t.starts_with("tarif") && {
                let mut ws = crate::person::words(o.text.get(h.end..).unwrap_or_default())
                    .filter(|w| !w.is_empty());
                ws.next() == Some("de")
                    && ws
                        .next()
                        .is_some_and(|w| w.starts_with(|c: char| c.is_ascii_digit()))
            }
        },
    );
    if priced_rate {
        add(&mut score, K::Price, 4);
    }
    // Two prices in one grant ("$650 instead of $799", "450 Euro statt 520 Euro") make it
    // about the price.
    if extract::money_count(sentence) >= 2 {
        add(&mut score, K::Price, 3);
    }
    // The verb of the grant says more than its objects: "refund the delivery fee" is a refund.
    // Money sent *back* is a refund; value sent over ("sent you a $15 gift card") is whatever
    // its words say, and a thing sent back ("your laptop will be sent back to you") is on its
    // way.
    // Money is named by its sum or its word, or by where it lands ("half of today's pass back
    // on your card", "auf Ihr Konto zurückgebucht").
    let money_back = || {
        extract::mentions_money(sentence)
            || super::kind_clues::names_money(sentence)
            || crate::person::words(sentence).any(|w| {
                matches!(
                    w,
                    "card"
                        | "account"
                        | "tarjeta"
                        | "cuenta"
                        | "carte"
                        | "compte"
                        | "karte"
                        | "konto"
                        | "kreditkarte"
                )
            })
    };
    let refunds = o.said(
        |c| matches!(c, MoneyBack),
        |_, t| {
            ["back", "zuruck", "retour", "vuelta", "devuelto"]
                .iter()
                .any(|w| t.contains(w))
        },
    ) && (count(KRefund) > 0 || money_back())
        || o.said(
            |c| matches!(c, Grant | Granted | Performative),
            |h, t| {
                // Any word of the cue: "wir erstatten Ihnen" names its verb second.
                !o.undone_at(h.start, REFUSE)
                    && t.split(' ').any(|w| {
                        REFUND_VERBS
                            .iter()
                            .any(|v| w.starts_with(v) || w.ends_with(v))
                    })
            },
        );
    if refunds {
        add(&mut score, K::Refund, 3);
    }
    // A delivery granted free ("je vous accorde la livraison express gratuite") or given as a
    // present ("nous vous offrons la livraison express") is a gift, unless a day makes it the
    // delivery (as for "on us, so it arrives tomorrow" above).
    let only_delivery = score.iter().all(|(k, v)| *k == K::Delivery || *v == 0);
    if only_delivery
        && count(KDelivery) > 0
        && crate::person::words(sentence).any(|w| {
            free(w)
                || matches!(
                    w,
                    "offrons"
                        | "offre"
                        | "offert"
                        | "offerte"
                        | "regalamos"
                        | "regalo"
                        | "schenken"
                )
        })
        && extract::dates(sentence).is_empty()
    {
        add(&mut score, K::Compensation, 2 * count(KDelivery) + 1);
    }
    // "Touch-ups on your tattoo are free for the next 12 months, guaranteed", "votre billet
    // reste valable et modifiable gratuitement jusqu'au 30 juin, c'est garanti": what is
    // guaranteed free for months or years, or to stay valid, is kept good, not delivered; so
    // is money back guaranteed should the service fail within such a span ("le garantizo que
    // si no podemos volar en 18 meses, le devolvemos el importe").
    // So is a remedy guaranteed should the thing fail ("if the keg arrives flat, … we'll
    // replace it, guaranteed"), whatever else the sentence names.
    if signal == Signal::Guarantee
        && o.at(GuaranteeWord)
            .any(|g| super::described::remedy_if_it_fails(o, g))
    {
        add(&mut score, K::Warranty, 3 * count(KDelivery) + 5);
    }
    if signal == Signal::Guarantee
        && count(KDelivery) == 0
        && crate::person::words(sentence).any(kept_good_for)
        && (crate::person::words(sentence)
            .any(|w| free(w) || matches!(w, "gratuitement" | "gratuitamente"))
            || o.at(Hedge).any(|h| super::own::opens_if(o.text, h))
                && crate::person::words(sentence).any(|w| {
                    matches!(
                        w,
                        "no" | "not" | "can't" | "cannot" | "pas" | "nicht" | "kein"
                    )
                }))
    {
        add(&mut score, K::Warranty, 5);
    }
    // "Le garantizo la parcela a 28 € la noche": a sum per night or month, with no other kind
    // named, is what the thing costs.
    if score.iter().all(|(_, v)| *v == 0)
        && extract::money_count(sentence) > 0
        && per_unit(sentence)
    {
        add(&mut score, K::Price, 3);
    }
    let priority = |k: K| K::ALL.iter().rev().position(|x| *x == k).unwrap_or(0) as i32;
    score
        .iter()
        .max_by_key(|(k, v)| (*v, priority(*k)))
        .map_or(K::Refund, |(k, v)| {
            if *v > 0 {
                *k
            } else {
                super::unnamed::unnamed_kind(o, signal, sentence, waives)
            }
        })
}
