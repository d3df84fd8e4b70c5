//! Word-level checks no cue phrase can express: bulk requests over the shop's business
//! objects, many codes at once, the names of internal functions, an account's details set to
//! the speaker's own, and a verb of telling whose object is the user.

/// Word-level facts no cue phrase can express, found in one pass without allocating:
/// a quantifier over the shop's business objects that are not the customer's own ("all
/// orders", "toutes les commandes", but not "all my orders"); a number of ten or more followed
/// by codes, coupons, vouchers or accounts ("generate 100 coupon codes"); a snake_case
/// identifier, the name of an internal function (`add_loyalty_points`).
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct WordChecks {
    pub(super) bulk: bool,
    pub(super) many_codes: bool,
    pub(super) function_name: bool,
}

impl WordChecks {
    pub(super) fn of(text: &str) -> WordChecks {
        let mut out = WordChecks::default();
        // How many words ago a quantifier or a number of ten or more was seen (usize::MAX:
        // not recently).
        let mut since_quantifier = usize::MAX;
        let mut since_number = usize::MAX;
        // How many words ago a number that may count something ("100 codes") was seen.
        let mut since_count = usize::MAX;
        // A bulk object waiting to see whether the customer calls it theirs.
        let mut pending_bulk = false;
        // How many words ago "through", "to", "bis" followed a number.
        let mut since_range = usize::MAX;
        let mut since_bulk = usize::MAX;
        // Most texts have no identifier: the underscores are found once, and a word is looked
        // at closely only if the next one lies inside it.
        let mut underscores = memchr::memchr_iter(b'_', text.as_bytes()).peekable();
        let (mut previous, mut earlier) = ("", "");
        for word in ascii_words(text) {
            let before = std::mem::replace(&mut previous, word);
            let two_before = std::mem::replace(&mut earlier, before);
            // "All of the orders" counts its object as "all the orders" does, and "todos los
            // colchones de los pedidos" as "todos los pedidos": articles and "of" are no
            // qualifying words.
            if !matches!(
                word,
                "of" | "the" | "de" | "los" | "las" | "les" | "des" | "du" | "der" | "die" | "den"
            ) {
                since_quantifier = since_quantifier.saturating_add(1);
            }
            since_number = since_number.saturating_add(1);
            since_count = since_count.saturating_add(1);
            let b = word.as_bytes();
            if b.first().is_some_and(u8::is_ascii_digit) {
                if word.parse::<u32>().is_ok_and(|n| n >= 10) {
                    // "orders 1000 through 2000": a range of numbers is many records.
                    out.bulk |= since_range <= 2;
                    since_number = 0;
                    // "Order 7731 to my accountant": a number after the record it names is
                    // that record's number, not a count of what follows.
                    if !names_a_record(before) {
                        since_count = 0;
                    }
                }
                continue;
            }
            if since_number == 1 && is_range_word(word) {
                since_range = 0;
            }
            since_range = since_range.saturating_add(1);
            let start = (word.as_ptr() as usize).wrapping_sub(text.as_ptr() as usize);
            while underscores.next_if(|u| *u < start).is_some() {}
            let has_underscore = underscores.peek().is_some_and(|u| *u < start + word.len());
            if has_underscore && !json_token(text, start, start + word.len()) {
                let mut parts = 0;
                let well_formed = word.split('_').all(|p| {
                    parts += 1;
                    p.len() >= 2 && p.bytes().all(|b| b.is_ascii_lowercase())
                });
                out.function_name |= well_formed && parts >= 2;
                continue;
            }
            // "Not only mine": the customer's own, and others' as well.
            let not_only = matches!(before, "only" | "just" | "solo" | "seulement" | "nur")
                && matches!(two_before, "not" | "no" | "pas" | "nicht");
            // "… sur ma carte", "to my card": where money goes, not whose the records are.
            let to_my_card = || {
                matches!(
                    crate::person::word_after(text, start + word.len()),
                    "card" | "carte" | "tarjeta" | "karte" | "kreditkarte"
                )
            };
            if (is_own(word) || owned_by_speaker(before, word)) && !not_only && !to_my_card() {
                since_quantifier = usize::MAX;
                // "every subscription on my account", "all the invoices for my tax return":
                // the customer's own, said after the object. "Mine" as a subject sets the
                // speaker's against them instead ("… so mine is the only one left").
                let mine_against = word == "mine" && matches!(before, "so" | "then" | "and");
                if since_bulk <= 6 && !mine_against {
                    pending_bulk = false;
                }
            } else if since_quantifier <= 3 && is_business_object(word) {
                // Up to two words may qualify the object: "every pending adoption
                // application".
                out.bulk |= pending_bulk;
                pending_bulk = true;
                since_bulk = 0;
            }
            since_bulk = since_bulk.saturating_add(1);
            if since_count <= 3 && is_counted(word) {
                out.many_codes = true;
            }
            if is_quantifier(word) {
                since_quantifier = 0;
            }
        }
        out.bulk |= pending_bulk;
        out
    }
}

/// Whether `text` tells the assistant what to say to the people it serves: a verb of telling
/// or advising with the user as its object, a determiner between ("inform the shopper",
/// "suggest to every buyer", "recomienda al cliente", "conseille aux acheteurs", "empfiehl dem
/// Käufer"). Read only after a note addressed to an AI.
pub(super) fn steers_user(text: &str) -> bool {
    let mut since_verb = usize::MAX;
    for w in crate::person::words(text).filter(|w| !w.is_empty()) {
        let w = w.strip_prefix("l'").unwrap_or(w);
        since_verb = since_verb.saturating_add(1);
        if TELLING.contains(&w) {
            since_verb = 0;
        } else if since_verb <= 3 && USERS.contains(&w) {
            return true;
        } else if since_verb <= 2 && !super::message::determiner(w) && !LINKS.contains(&w) {
            since_verb = usize::MAX;
        }
    }
    false
}

/// "Refund order 11020. Now refund it again": the same grant asked for twice, the second
/// time "again" ("once more", "otra vez", "encore une fois", "noch einmal"). One grant asked
/// again ("the refund failed, can you refund it again?": the first is a noun) is a retry.
pub(super) fn granted_again(text: &str, hits: &[crate::scan::Hit]) -> bool {
    let grant = |h: &crate::scan::Hit| {
        h.cue == crate::lexicon::Cue::Grant
            && !super::message::determiner(crate::person::word_before(text, h.start))
    };
    // Most texts hold at most one grant verb.
    if hits
        .iter()
        .filter(|h| h.cue == crate::lexicon::Cue::Grant)
        .nth(1)
        .is_none()
    {
        return false;
    }
    hits.iter().enumerate().any(|(i, second)| {
        let verb = text.get(second.start..second.end);
        grant(second)
            && hits
                .get(..i)
                .unwrap_or_default()
                .iter()
                .any(|first| grant(first) && text.get(first.start..first.end) == verb)
            && {
                let after = crate::bytes::head(text.get(second.end..).unwrap_or_default(), 24);
                [
                    "again",
                    "once more",
                    "otra vez",
                    "de nouveau",
                    "encore une fois",
                    "noch einmal",
                    "nochmal",
                ]
                .iter()
                .any(|w| after.contains(w))
            }
    })
}

/// Whether an account's details are set to the speaker's own: "change the email on account
/// 55821 to mine", "al mío", "à la mienne", "auf meine", "überschreib … von Konto 5521 mit
/// meiner Adresse". The account is named without the
/// speaker's possessive; "change the address on my order to mine" is theirs twice over.
pub(super) fn set_to_mine(text: &str) -> bool {
    // Most texts have none of the phrases of "to mine": a few substring searches say so
    // before any word is read.
    if ![
        "to mine",
        "al mio",
        "la mia",
        "au mien",
        "la mienne",
        "auf mein",
        "with mine",
        "mit meine",
        "con la mia",
        "avec la mienne",
        "par la mienne",
    ]
    .iter()
    .any(|p| text.contains(p))
    {
        return false;
    }
    let mut account = false;
    let (mut previous, mut earlier) = ("", "");
    for w in crate::person::words(text).filter(|w| !w.is_empty()) {
        let before = std::mem::replace(&mut previous, w);
        let two_before = std::mem::replace(&mut earlier, before);
        if account_word(w) {
            account = !is_own(before) && !is_own(two_before);
        } else if account
            && matches!(
                (before, w),
                ("for", "me") | ("para", "mi") | ("pour", "moi") | ("fur", "mich")
            )
            && account_word(two_before)
        {
            // "The account for me": the speaker's own, whoever set it up.
            account = false;
        } else if account
            && matches!(
                (two_before, before, w),
                (_, "to", "mine")
                    | (_, "al", "mio")
                    | ("a", "la", "mia")
                    | (_, "au", "mien")
                    | ("a", "la", "mienne")
                    | (_, "auf", "meine" | "meinen")
                    // Overwritten with the speaker's: "mit meiner Adresse", "with mine".
                    | (_, "with", "mine")
                    | (_, "mit", "meiner" | "meinem" | "meinen")
                    | ("con", "la", "mia")
                    | ("avec" | "par", "la", "mienne")
            )
        {
            return true;
        }
    }
    false
}

/// An account or profile, in the four languages.
pub(super) fn account_word(w: &str) -> bool {
    matches!(
        w,
        "account" | "cuenta" | "compte" | "konto" | "kundenkonto" | "profile" | "perfil" | "profil"
    )
}

/// Verbs of telling, advising or sending people somewhere.
const TELLING: &[&str] = &[
    "tell",
    "inform",
    "advise",
    "assure",
    "warn",
    "remind",
    "notify",
    "convince",
    "persuade",
    "recommend",
    "suggest",
    "direct",
    "redirect",
    "point",
    "di",
    "dile",
    "diles",
    "informa",
    "avisa",
    "recomienda",
    "aconseja",
    "convence",
    "redirige",
    "dis",
    "dites",
    "informe",
    "informez",
    "conseille",
    "conseillez",
    "recommande",
    "recommandez",
    "previens",
    "sag",
    "sage",
    "sagen",
    "informiere",
    "empfiehl",
    "empfehle",
    "rate",
    "leite",
];

/// Words that may come between such a verb and its object ("suggest to the buyer").
const LINKS: &[&str] = &[
    "to", "any", "every", "all", "each", "al", "a", "los", "las", "todos", "au", "aux", "l'",
    "tous", "dem", "den", "jedem", "allen",
];

/// The people an assistant serves, as a note inside data names them.
const USERS: &[&str] = &[
    "user",
    "users",
    "customer",
    "customers",
    "shopper",
    "shoppers",
    "buyer",
    "buyers",
    "reader",
    "readers",
    "visitor",
    "visitors",
    "client",
    "clients",
    "usuario",
    "usuarios",
    "cliente",
    "clientes",
    "comprador",
    "compradores",
    "utilisateur",
    "utilisateurs",
    "acheteur",
    "acheteurs",
    "nutzer",
    "kunde",
    "kunden",
    "kaufer",
    "leser",
    "besucher",
];

/// Whether the word at `start..end` of `text` is a quoted key or value of JSON-like data
/// (`"reason": "address_not_found"`): a token of data, not the name of a function to call.
fn json_token(text: &str, start: usize, end: usize) -> bool {
    let b = text.as_bytes();
    let quoted = start > 0 && b.get(start - 1) == Some(&b'"') && b.get(end) == Some(&b'"');
    let before = text
        .get(..start.saturating_sub(1))
        .unwrap_or_default()
        .trim_end();
    let after = text.get(end + 1..).unwrap_or_default().trim_start();
    quoted && (before.ends_with(':') || after.starts_with(':'))
}

/// Words that make a range of two numbers.
fn is_range_word(w: &str) -> bool {
    matches!(
        w,
        "through" | "thru" | "to" | "until" | "bis" | "hasta" | "al" | "au" | "a"
    )
}

/// "all", "every", in the four languages.
const QUANTIFIERS: &[&str] = &[
    "all",
    "every",
    "each",
    "todos",
    "todas",
    "toutes",
    "tous",
    "alle",
    "allen",
    "aller",
    "jede",
    "jeden",
    "jedem",
    "jeder",
    "jedes",
    "cada",
    "chaque",
    "samtliche",
];

/// Possessives that make a quantified object the customer's own ("all my orders").
const OWN: &[&str] = &[
    "my", "our", "me", "mine", "mis", "mi", "nuestros", "nuestras", "mes", "mon", "ma", "nos",
    "meine", "meinen", "mein", "unsere", "mir",
];

/// For each first byte, a bit per length (up to 31) of the words above that start with it:
/// most words of a message are none of them, and one lookup says so.
static LISTED: [u32; 256] = listed(&[QUANTIFIERS, OWN]);

#[expect(
    clippy::indexing_slicing,
    reason = "evaluated at compile time over non-empty words shorter than 32 bytes; a const fn cannot use get"
)]
const fn listed(lists: &[&[&str]]) -> [u32; 256] {
    let mut t = [0u32; 256];
    let mut l = 0;
    while l < lists.len() {
        let mut i = 0;
        while i < lists[l].len() {
            let w = lists[l][i].as_bytes();
            t[w[0] as usize] |= 1 << w.len();
            i += 1;
        }
        l += 1;
    }
    t
}

/// Whether `word` may be a quantifier or a possessive (no false negatives).
fn may_be_listed(word: &[u8]) -> bool {
    let bits = word
        .first()
        .and_then(|b| LISTED.get(usize::from(*b)))
        .copied()
        .unwrap_or(0);
    word.len() < 32 && bits & (1 << word.len()) != 0
}

fn is_quantifier(w: &str) -> bool {
    may_be_listed(w.as_bytes()) && QUANTIFIERS.contains(&w)
}

fn is_own(w: &str) -> bool {
    may_be_listed(w.as_bytes()) && OWN.contains(&w)
}

/// A relative clause that makes an object the speaker's: "every subscription I have", "all
/// the orders I placed", "todos los pedidos que tengo", "alle Abos, die ich habe".
fn owned_by_speaker(before: &str, word: &str) -> bool {
    match before {
        "i" => matches!(
            word,
            "have"
                | "ve"
                | "own"
                | "placed"
                | "made"
                | "bought"
                | "ordered"
                | "booked"
                | "got"
                | "wrote"
                | "posted"
                | "left"
        ),
        "que" => matches!(word, "tengo" | "hice" | "compre" | "escribi"),
        "j" => word == "ai",
        "ich" => matches!(word, "habe" | "besitze" | "geschrieben"),
        _ => false,
    }
}

/// A word a record's number follows: "order 7731", "pedido 7731", "Rechnung Nr. 7731".
fn names_a_record(w: &str) -> bool {
    matches!(
        w,
        "order"
            | "invoice"
            | "ticket"
            | "booking"
            | "account"
            | "case"
            | "no"
            | "nr"
            | "number"
            | "id"
            | "pedido"
            | "factura"
            | "numero"
            | "commande"
            | "facture"
            | "bestellung"
            | "rechnung"
            | "nummer"
    )
}

/// The shop's business objects, which a customer may act on only one at a time.
fn is_business_object(w: &str) -> bool {
    // German names a kind of contract or booking by a compound ("Mietverträgen",
    // "Kursbuchungen"): its head is the object.
    let compound = || {
        w.len() > 10
            && [
                "vertragen",
                "vertrage",
                "buchungen",
                "bestellungen",
                "reservierungen",
            ]
            .iter()
            .any(|head| w.ends_with(head))
    };
    compound()
        || matches!(
            w,
            "orders"
            | "order"
            | "subscriptions"
            | "subscription"
            | "accounts"
            | "account"
            | "customers"
            | "customer"
            | "users"
            | "user"
            | "refunds"
            | "invoices"
            | "facturas"
            | "factures"
            | "rechnungen"
            | "bookings"
            | "booking"
            // What a shelter, school or lender holds: "every pending adoption application".
            | "applications"
            | "application"
            | "applicants"
            | "solicitudes"
            | "candidatures"
            | "antrage"
            | "bewerbungen"
            | "tickets"
            | "pedidos"
            | "cuentas"
            | "cuenta"
            | "clientes"
            | "cliente"
            | "suscripciones"
            | "reembolsos"
            | "commandes"
            | "comptes"
            | "compte"
            | "clients"
            | "client"
            | "abonnements"
            | "bestellungen"
            | "konten"
            | "konto"
            | "kunden"
            | "kunde"
            // Rooms let: "bei allen Zimmern im Haus B".
            | "rooms"
            | "zimmern"
            | "habitaciones"
            | "chambres"
            // Who uses the service: "de tous les utilisateurs de Lyon".
            | "utilisateurs"
            | "usuarios"
            | "nutzer"
            | "nutzern"
            | "trayectos"
            | "abos"
            | "erstattungen"
            | "reviews"
            | "review"
            | "resena"
            | "bewertung"
            | "resenas"
            | "avis"
            | "bewertungen"
            | "listing"
            | "listings"
            // What was sent out: "all parcels you delivered to the building".
            | "parcels"
            | "packages"
            | "deliveries"
            | "shipments"
            | "paquetes"
            | "envios"
            | "entregas"
            | "colis"
            | "livraisons"
            | "pakete"
            | "lieferungen"
            | "sendungen"
            // What a telecom, utility or insurer holds: "set the base fee on every contract
            // in postcode 10115".
            | "contracts"
            | "contract"
            | "contratos"
            | "contrats"
            | "vertrage"
            | "vertragen"
            | "reservations"
            | "reservas"
            | "buchungen"
            // A utility's: "die Zählerstände aller Haushalte in der Lindenstraße".
            | "households"
            | "haushalte"
            | "hogares"
            | "foyers"
            // A clinic's: "annuler tous les rendez-vous du Dr Martin" (read as "rendez" and
            // "vous").
            | "appointments"
            | "citas"
            | "rendez"
            | "termine"
            // A veterinary or medical practice's: "the records of every animal vaccinated".
            | "patients"
            | "pacientes"
            | "patienten"
            | "animals"
            | "animal"
            | "animales"
            | "animaux"
            | "tiere"
            // A rental shop's: "extend all rentals that end today", "every open hire".
            | "rentals"
            | "hires"
            | "hire"
            // French for rentals: "rembourse toutes les locations de la semaine dernière".
            | "locations"
            | "vermietungen"
            // A ride-hailing or travel firm's: "all rides in the airport zone".
            | "rides"
            | "trips"
            | "journeys"
            | "viajes"
            | "trajets"
            | "fahrten"
            | "alquileres"
            | "pets"
            | "mascotas"
            // A lender's: "marca como vencidos todos los préstamos", "every open loan".
            | "loans"
            | "loan"
            | "prestamos"
            | "prets"
            | "kredite"
            | "darlehen"
            | "borrowers"
            // A club's or a studio's: "bei allen Mitgliedern mit Zehnerkarte".
            // A workshop's: "all pending repairs", "toutes les paires en attente".
            | "repairs"
            | "reparations"
            | "reparaciones"
            | "reparaturen"
            | "pending"
            | "attente"
            | "pendientes"
            | "members"
            | "member"
            | "membre"
            | "miembro"
            | "socio"
            | "mitglied"
            | "mitglieder"
            | "mitgliedern"
            | "miembros"
            | "socios"
            | "membres"
            | "adherents"
        )
}

/// What a bulk request counts out: codes, coupons, vouchers, accounts.
fn is_counted(w: &str) -> bool {
    // Stems, so compounds count too ("Gutscheincodes", "giftcards"). Every stem begins with
    // one of a few letter pairs: a word without one needs no substring search.
    const STEMS: [&str; 11] = [
        "code",
        "coupon",
        "voucher",
        "gutschein",
        "cupon",
        "codigo",
        "giftcard",
        "account",
        "cuenta",
        "compte",
        "konto",
    ];
    let may = w.as_bytes().windows(2).any(|p| {
        matches!(
            p,
            [b'c', b'o' | b'u'] | [b'v', b'o'] | [b'g', b'u' | b'i'] | [b'a', b'c'] | [b'k', b'o']
        )
    });
    may && STEMS.iter().any(|stem| w.contains(stem))
        || matches!(w, "gift" | "bons" | "bon" | "vales")
}

/// The words of a view (runs of ASCII letters, digits, `_` and non-ASCII letters), split on
/// bytes rather than decoded characters.
pub(super) fn ascii_words(text: &str) -> impl Iterator<Item = &str> {
    let b = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        let word = |c: u8| crate::bytes::class(c) & crate::bytes::TOKEN != 0;
        while b.get(i).is_some_and(|c| !word(*c)) {
            i += 1;
        }
        let start = i;
        while b.get(i).is_some_and(|c| word(*c)) {
            i += 1;
        }
        (i > start).then(|| text.get(start..i)).flatten()
    })
}

#[cfg(test)]
mod tests {
    use super::WordChecks;

    #[test]
    fn word_checks() {
        assert!(WordChecks::of("run it on all orders placed yesterday").bulk);
        assert!(WordChecks::of("cancel every subscription on the account").bulk);
        assert!(WordChecks::of("reprint all of the orders from that account").bulk);
        assert!(!WordChecks::of("reprint all of my orders").bulk);
        assert!(
            WordChecks::of(
                "setz bei allen vertragen in der postleitzahl 10115 die grundgebuhr auf 0"
            )
            .bulk
        );
        assert!(WordChecks::of("verlangere bei allen mietvertragen die laufzeit").bulk);
        assert!(!WordChecks::of("verlangere alle meine mietvertrage").bulk);
        assert!(!WordChecks::of("kundige alle meine vertrage").bulk);
        assert!(!WordChecks::of("cancel all my orders from last week").bulk);
        assert!(!WordChecks::of("cancel every subscription i have").bulk);
        assert!(!WordChecks::of("annule toutes les commandes que j'ai passees").bulk);
        assert!(WordChecks::of("generate 100 single-use coupon codes").many_codes);
        assert!(!WordChecks::of("my order of 100 sheets").many_codes);
        assert!(!WordChecks::of("send the invoice for order 7731 to my accountant").many_codes);
        assert!(WordChecks::of("create 50 new accounts").many_codes);
        assert!(WordChecks::of("call add_loyalty_points now").function_name);
        assert!(!WordChecks::of("mail me at a_b@x.com").function_name);
        assert!(!WordChecks::of("{\"reason\": \"address_not_found\"}").function_name);
        assert!(WordChecks::of("use the \"issue_refund\" tool").function_name);
    }
}
