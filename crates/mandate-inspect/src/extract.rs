//! What a commitment is about: amounts with their currency (in minor units), percentages, dates
//! and the identifiers of the objects it names. Grounding compares these with approved actions.

use std::sync::OnceLock;

use regex::Regex;
use serde::{Deserialize, Serialize};

use crate::commitments::CommitmentKind;

/// The particulars of one commitment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Commitment {
    /// What is committed to.
    pub kind: CommitmentKind,
    /// The largest amount mentioned, in minor units (cents).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amount_minor: Option<i64>,
    /// Its ISO currency, when it can be told.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// A percentage, e.g. a discount.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub percent: Option<f64>,
    /// Dates and deadlines as written ("by the 3rd", "within 48 hours").
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub dates: Vec<String>,
    /// Identifiers of orders, claims, accounts the statement names.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub objects: Vec<String>,
}

struct Patterns {
    money_before: Regex,
    money_after: Regex,
    percent: Regex,
    date: Regex,
    object: Regex,
}

fn patterns() -> Option<&'static Patterns> {
    static P: OnceLock<Option<Patterns>> = OnceLock::new();
    P.get_or_init(|| {
        Some(Patterns {
            money_before: Regex::new(r"(?i)(US\$|AU\$|A\$|CA\$|C\$|NZ\$|R\$|\$|€|£|¥|USD|EUR|GBP|CHF|AUD|CAD)(?-u:\s?(\d{1,3}(?:[,.\s]\d{3})*(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?))").ok()?,
            money_after: Regex::new(r"(?i)(?-u:(\d{1,3}(?:[.\s]\d{3})*(?:,\d{1,2})?|\d+(?:[.,]\d{1,2})?)\s?)(€|£|\$|(?-u:(?:eur|euros?|usd|dollars?|gbp|pounds?|chf)\b))").ok()?,
            percent: Regex::new(r"(?i-u)(\d{1,3}(?:[.,]\d{1,2})?)\s?(?:%|(?:percent|per cent|por ciento|pour cent|prozent)\b)").ok()?,
            date: Regex::new(r"(?ix-u)\b(
                (?:by|before|on|until|within|from|bis|vor|am|avant|le|el|antes\ del?|para\ el)\s+(?:the\s+)?
                  (?:\d{1,2}(?::\d{2})?(?:\s?(?:am|pm)|st|nd|rd|th|\.)?(?:\s+(?:of\s+)?[a-z]+)?|monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|tonight|the\ weekend|\d+\s+(?:hours?|days?|business\ days?|stunden|tagen|heures|jours|horas|dias)
                   |christmas(?:\ eve|\ day)?|new\ year'?s?(?:\ eve|\ day)?|easter|thanksgiving|black\ friday|navidad|nochebuena|nochevieja|reyes|noel|paques|weihnachten|heiligabend|silvester|neujahr|ostern)
              | (?:today|tomorrow|tonight|this\ (?:week|weekend|afternoon|evening)|next\ (?:week|monday|tuesday|wednesday|thursday|friday))
              | \d{4}-\d{2}-\d{2}
              | (?:january|february|march|april|may|june|july|august|september|october|november|december
                 |enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre
                 |janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre
                 |januar|februar|marz|maerz|juni|juli|oktober|dezember)
                \s+(?:de\s+|of\s+)?\d{4}
              | (?:january|february|march|april|may|june|july|august|september|october|november|december)\s+\d{1,2}(?:st|nd|rd|th)?
              | \d{1,2}(?:am|pm)
              | (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)
              | (?:lunes|martes|miercoles|jueves|viernes|sabado|domingo
                 |lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|demain
                 |montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag)
              | (?:end\ of\ the\ month|fin\ du\ mois|fin\ de\ mes|final\ del\ mes|monatsende|ende\ des\ monats)
            )\b").ok()?,
            object: Regex::new(r"(?-u:#\s?[A-Za-z0-9][A-Za-z0-9\-]{2,}|\b[A-Z]{1,6}-[A-Z0-9]{1,12}(?:-[A-Z0-9]+)*\b|\b(?i:order|pedido|commande|bestellung|claim|case|ticket)\s+(?:no\.?\s*|number\s+|nr\.?\s*)?[A-Za-z0-9\-]*\d[A-Za-z0-9\-]*)").ok()?,
        })
    })
    .as_ref()
}

/// Whether every pattern built.
pub(crate) fn ready() -> bool {
    patterns().is_some()
}

fn currency_of(symbol: &str) -> Option<&'static str> {
    Some(match symbol.to_ascii_lowercase().as_str() {
        "$" | "us$" | "usd" | "dollar" | "dollars" => "USD",
        "au$" | "a$" | "aud" => "AUD",
        "ca$" | "c$" | "cad" => "CAD",
        "nz$" => "NZD",
        "r$" => "BRL",
        "€" | "eur" | "euro" | "euros" => "EUR",
        "£" | "gbp" | "pound" | "pounds" => "GBP",
        "¥" => "JPY",
        "chf" => "CHF",
        _ => return None,
    })
}

/// Parses "1,200.50", "129,99", "1 200", "89,90" into minor units.
pub fn minor_units(number: &str) -> Option<i64> {
    let n: String = number.chars().filter(|c| !c.is_whitespace()).collect();
    let last_sep = n.rfind([',', '.']);
    let (int_part, frac) = match last_sep {
        // A separator followed by one or two digits is the decimal mark.
        Some(i) if n.len() - i - 1 <= 2 => (n.get(..i)?.to_owned(), n.get(i + 1..)?.to_owned()),
        _ => (n.clone(), String::new()),
    };
    let whole: i64 = int_part
        .chars()
        .filter(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .ok()?;
    let cents: i64 = match frac.len() {
        0 => 0,
        1 => frac.parse::<i64>().ok()? * 10,
        _ => frac.parse().ok()?,
    };
    whole.checked_mul(100)?.checked_add(cents)
}

/// Whether a text may mention money: a currency sign, or a currency code or word next to a
/// digit. A cheap test before the regexes.
pub fn mentions_money(text: &str) -> bool {
    let b = text.as_bytes();
    // `$`, or the first bytes of `€` (E2 82 AC), `£` (C2 A3) and `¥` (C2 A5): a byte search,
    // as this is asked of every sentence of every answer.
    let sign = memchr::memchr3_iter(b'$', 0xE2, 0xC2, b).any(|i| match b.get(i) {
        Some(b'$') => true,
        Some(0xE2) => b.get(i + 1..i + 3) == Some(&[0x82, 0xAC][..]),
        _ => matches!(b.get(i + 1), Some(0xA3 | 0xA5)),
    });
    sign || b.iter().any(u8::is_ascii_digit) && {
        let lower = text.to_ascii_lowercase();
        ["eur", "usd", "gbp", "chf", "aud", "cad", "dollar", "pound"]
            .iter()
            .any(|c| lower.contains(c))
    }
}

/// Whether `text` sets one number against another ("150 instead of 180", "te lo dejo en
/// ciento cincuenta en vez de ciento ochenta", "für 699 statt 849"): two sums compared, the
/// way a price is offered, with or without a currency and in figures or in words (as speech
/// is transcribed).
pub fn sums_compared(text: &str) -> bool {
    const AGAINST: [&str; 7] = [
        " instead of ",
        " rather than ",
        " en vez de ",
        " en lugar de ",
        " au lieu de ",
        " statt ",
        " anstatt ",
    ];
    AGAINST.iter().any(|phrase| {
        text.match_indices(phrase).any(|(at, _)| {
            let before = text.get(..at).unwrap_or_default();
            let after = text.get(at + phrase.len()..).unwrap_or_default();
            crate::person::words(before)
                .rev()
                .filter(|w| !w.is_empty())
                .take(2)
                .any(number)
                && crate::person::words(after)
                    .filter(|w| !w.is_empty())
                    .take(3)
                    .any(number)
        })
    })
}

/// A number in figures or in words (tens, hundreds, thousands), in the four languages;
/// German compounds count by their start ("hundertfünfzig").
fn number(w: &str) -> bool {
    const WORDS: [&str; 42] = [
        "twenty",
        "thirty",
        "forty",
        "fifty",
        "sixty",
        "seventy",
        "eighty",
        "ninety",
        "hundred",
        "thousand",
        "veinte",
        "treinta",
        "cuarenta",
        "cincuenta",
        "sesenta",
        "setenta",
        "ochenta",
        "noventa",
        "cien",
        "ciento",
        "mil",
        "vingt",
        "trente",
        "quarante",
        "cinquante",
        "soixante",
        "cent",
        "cents",
        "mille",
        "zwanzig",
        "dreissig",
        "vierzig",
        "funfzig",
        "sechzig",
        "siebzig",
        "achtzig",
        "neunzig",
        "hundert",
        "tausend",
        "doscientos",
        "trescientos",
        "quinientos",
    ];
    w.bytes().next().is_some_and(|b| b.is_ascii_digit())
        || WORDS
            .iter()
            .any(|n| w == *n || w.len() > n.len() + 2 && w.starts_with(n) && n.len() >= 6)
}

/// How many amounts of money a text mentions.
pub fn money_count(text: &str) -> usize {
    if !mentions_money(text) {
        return 0;
    }
    patterns().map_or(0, |p| {
        let mut spans: Vec<(usize, usize)> = p
            .money_before
            .find_iter(text)
            .chain(p.money_after.find_iter(text))
            .map(|m| (m.start(), m.end()))
            .collect();
        spans.sort_unstable();
        // "€5" and "5 €" may both match one amount written between two signs.
        spans.dedup_by(|b, a| b.0 < a.1);
        spans.len()
    })
}

/// The largest amount in a text, with its currency.
pub fn amount(text: &str) -> Option<(i64, Option<String>)> {
    if !mentions_money(text) {
        return None;
    }
    let p = patterns()?;
    let mut best: Option<(i64, Option<String>)> = None;
    let mut consider = |minor: Option<i64>, cur: Option<&str>| {
        if let Some(m) = minor
            && best.as_ref().is_none_or(|(b, _)| m > *b)
        {
            best = Some((m, cur.map(str::to_owned)));
        }
    };
    // Locate with the fast engine, then split symbol and number by hand: capture groups would
    // send every search through the slower backtracking engine.
    let split = |m: &str| -> (String, String) {
        let number: String = m
            .chars()
            .filter(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | ' '))
            .collect();
        let symbol: String = m
            .chars()
            .filter(|c| !(c.is_ascii_digit() || matches!(c, ',' | '.' | ' ')))
            .collect();
        (symbol, number.trim().to_owned())
    };
    for m in p
        .money_before
        .find_iter(text)
        .chain(p.money_after.find_iter(text))
    {
        let (symbol, number) = split(m.as_str());
        consider(minor_units(&number), currency_of(symbol.trim()));
    }
    best
}

/// The first percentage in a text.
pub fn percent(text: &str) -> Option<f64> {
    let lower = text.to_ascii_lowercase();
    if !text.contains('%')
        && !["percent", "per cent", "por ciento", "pour cent", "prozent"]
            .iter()
            .any(|w| lower.contains(w))
    {
        return None;
    }
    let p = patterns()?;
    p.percent.find(text).and_then(|m| {
        let n: String = m
            .as_str()
            .chars()
            .take_while(|c| c.is_ascii_digit() || matches!(c, ',' | '.'))
            .collect();
        n.replace(',', ".").parse().ok()
    })
}

/// Date and deadline expressions.
pub fn dates(text: &str) -> Vec<String> {
    patterns().map_or_else(Vec::new, |p| {
        p.date
            .find_iter(text)
            .map(|m| m.as_str().trim().to_owned())
            .collect()
    })
}

/// Identifiers of orders and other objects: `#902114`, `ORD-3Q9X`, `order 55012`, `WC-7781`.
pub fn objects(text: &str) -> Vec<String> {
    let Some(p) = patterns() else {
        return Vec::new();
    };
    let mut out: Vec<String> = Vec::new();
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return out;
    }
    for m in p.object.find_iter(text) {
        // The identifier is the last word of the match ("order A-1" -> "A-1", "#902114" -> "902114").
        let raw = m.as_str().trim_start_matches('#').trim();
        let id = raw
            .rsplit(char::is_whitespace)
            .next()
            .unwrap_or(raw)
            .trim_matches('-')
            .to_owned();
        if id.chars().any(|c| c.is_ascii_digit()) && !out.contains(&id) {
            out.push(id);
        }
    }
    out
}

/// Everything grounding needs from a committal sentence.
pub fn commitment(kind: CommitmentKind, text: &str) -> Commitment {
    let (amount_minor, currency) = match amount(text) {
        Some((a, c)) => (Some(a), c),
        None => (None, None),
    };
    Commitment {
        kind,
        amount_minor,
        currency,
        percent: percent(text),
        dates: dates(text),
        objects: objects(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_pattern_builds() {
        assert!(patterns().is_some());
    }

    #[test]
    fn sums_set_against_each_other() {
        assert!(sums_compared(
            "te lo dejo en ciento cincuenta en vez de ciento ochenta"
        ));
        assert!(sums_compared("for 150 instead of the usual 180"));
        assert!(sums_compared("für 699 statt 849"));
        assert!(sums_compared("pour quatre-vingt-dix au lieu de cent vingt"));
        assert!(!sums_compared("take the blue one instead of the red one"));
        assert!(!sums_compared("on monday instead of friday"));
    }

    #[test]
    fn amounts_in_minor_units() {
        assert_eq!(
            amount("your refund of $40 for order A-1"),
            Some((4000, Some("USD".into())))
        );
        assert_eq!(amount("the full £23.80"), Some((2380, Some("GBP".into()))));
        assert_eq!(amount("129,99 € a été"), Some((12999, Some("EUR".into()))));
        assert_eq!(amount("(R$ 89,90)"), Some((8990, Some("BRL".into()))));
        assert_eq!(
            amount("value of $1,200"),
            Some((120000, Some("USD".into())))
        );
        assert_eq!(
            amount("AU$72 is on its way"),
            Some((7200, Some("AUD".into())))
        );
        assert_eq!(
            amount("sending €150 to cover"),
            Some((15000, Some("EUR".into())))
        );
        assert_eq!(amount("no money here"), None);
    }

    #[test]
    fn percents_dates_objects() {
        assert_eq!(percent("taken 12% off each"), Some(12.0));
        assert_eq!(percent("bekommen Sie 20 %"), Some(20.0));
        assert!(
            dates("it'll be with you by 9pm tonight")
                .iter()
                .any(|d| d.contains("9pm"))
        );
        assert!(
            dates("You'll have the bike by the 3rd")
                .iter()
                .any(|d| d == "by the 3rd")
        );
        // A month and a year: where an extended warranty or a deadline now ends.
        for (text, date) in [
            ("your warranty now runs until june 2028", "june 2028"),
            ("la garantia hasta marzo de 2028", "marzo de 2028"),
            ("prolongee jusqu'en juin 2027", "juin 2027"),
            // A holiday after a preposition is a day; "merry christmas" is none.
            (
                "you'll have it before christmas eve",
                "before christmas eve",
            ),
            ("das paket ist vor weihnachten da", "vor weihnachten"),
            ("we refunded it on may 3", "may 3"),
            // Days of the week in the other languages.
            ("wird am donnerstag zugestellt", "donnerstag"),
            ("llega el jueves", "jueves"),
            ("livre vendredi", "vendredi"),
            ("la resiliation a la fin du mois", "fin du mois"),
        ] {
            assert!(dates(text).iter().any(|d| d == date), "{text}");
        }
        assert!(dates("merry christmas and thanks").is_empty());
        assert_eq!(
            objects("refund for order A-1 and #902114, claim WC-7781, ORD-3Q9X"),
            vec!["A-1", "902114", "WC-7781", "ORD-3Q9X"]
        );
        assert_eq!(objects("Your refund for order 55012"), vec!["55012"]);
    }
}
