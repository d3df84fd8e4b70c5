//! Secrets and personal data in what goes out.
//!
//! Each detector is a shape plus, where one exists, a check that the shape is real: the Luhn
//! digit of a card, the mod-97 of an IBAN, the check letter of a Spanish DNI. Regexes run only
//! when a literal that starts their shape is found where a word starts, or when the text holds
//! a long enough number.

use std::sync::OnceLock;

use aho_corasick::automaton::Automaton as _;
use aho_corasick::nfa::contiguous::NFA;
use aho_corasick::{Anchored, MatchKind};
use regex::Regex;

use crate::bytes::{next_digit, word_starts};
use crate::scan::matches_at;
use crate::{Category, Finding, Severity};

struct Detector {
    kind: &'static str,
    category: Category,
    regex: Regex,
    /// The capture group holding the sensitive part (0: the whole match).
    group: usize,
    check: fn(&str) -> bool,
    /// Digits a number needs to be this kind of thing (0: not digit-based).
    min_digits: usize,
}

struct Detectors {
    /// Key prefixes and keywords, as an anchored trie walked where one may start.
    literals: NFA,
    /// Which two bytes may begin a literal.
    pairs: Pairs,
    /// For each literal, the detectors it wakes up, as bits.
    wakes: Vec<u32>,
    all: Vec<Detector>,
}

fn always(_: &str) -> bool {
    true
}

fn detectors() -> Option<&'static Detectors> {
    static D: OnceLock<Option<Detectors>> = OnceLock::new();
    D.get_or_init(|| {
        // (kind, category, pattern, group, check, prefilter literals)
        type Spec = (&'static str, Category, &'static str, usize, fn(&str) -> bool, &'static [&'static str]);
        let specs: &[Spec] = &[
            ("aws_access_key", Category::Secret, r"(?-u:\b)((?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16})(?-u:\b)", 1, always, &["akia", "asia", "abia", "acca"]),
            ("github_token", Category::Secret, r"(?-u:\b)((?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{60,})(?-u:\b)", 1, always, &["ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"]),
            ("gitlab_token", Category::Secret, r"(?-u:\b)(glpat-[A-Za-z0-9_\-]{20,})", 1, always, &["glpat-"]),
            ("slack_token", Category::Secret, r"(?-u:\b)(xox[abposr]-[A-Za-z0-9-]{10,})", 1, always, &["xox"]),
            ("stripe_key", Category::Secret, r"(?-u:\b)((?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}|whsec_[A-Za-z0-9]{24,})", 1, always, &["sk_live", "sk_test", "rk_live", "rk_test", "whsec_"]),
            ("openai_key", Category::Secret, r"(?-u:\b)(sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_\-]{20,})", 1, not_anthropic, &["sk-"]),
            ("anthropic_key", Category::Secret, r"(?-u:\b)(sk-ant-[A-Za-z0-9_\-]{20,})", 1, always, &["sk-ant-"]),
            ("google_api_key", Category::Secret, r"(?-u:\b)(AIza[0-9A-Za-z_\-]{35})", 1, always, &["aiza"]),
            ("sendgrid_key", Category::Secret, r"(?-u:\b)(SG\.[A-Za-z0-9_\-]{20,}\.[A-Za-z0-9_\-]{30,})", 1, always, &["sg."]),
            ("shopify_token", Category::Secret, r"(?-u:\b)(shp(?:at|ss|ca|pa)_[a-fA-F0-9]{32})", 1, always, &["shpat_", "shpss_", "shpca_", "shppa_"]),
            ("npm_token", Category::Secret, r"(?-u:\b)(npm_[A-Za-z0-9]{36})", 1, always, &["npm_"]),
            ("twilio_key", Category::Secret, r"(?-u:\b)(SK[0-9a-f]{32})(?-u:\b)", 1, always, &["sk"]),
            ("azure_storage_key", Category::Secret, r"(?i)AccountKey=([A-Za-z0-9+/=]{40,})", 1, always, &["accountkey="]),
            ("private_key", Category::Secret, r"(-----BEGIN (?:[A-Z]+ )*PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END (?:[A-Z]+ )*PRIVATE KEY(?: BLOCK)?-----|$))", 1, always, &["-----begin"]),
            ("jwt", Category::Secret, r"(?-u:\b)(eyJ[A-Za-z0-9_\-]{8,}\.eyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{8,})", 1, always, &["eyj"]),
            ("url_credentials", Category::Secret, r"\b[a-zA-Z][a-zA-Z0-9+.\-]*://[^\s:/@]+:[^\s@/]+@[^\s/]+", 0, always, &["://"]),
            ("password", Category::Secret, r#"(?i)(?-u:\b)(?:password|passwd|pwd|passcode|secret|api[_\- ]?key|access[_\- ]?token|contrasena|mot de passe|passwort|kennwort)(?-u:\b)\s*(?:is|:|=|es|est|ist)\s*["']?([^\s"',;]{6,})"#, 1, looks_secret, &["password", "passwd", "pwd", "passcode", "secret", "api", "access", "contrasena", "mot de passe", "passwort", "kennwort"]),
            ("email", Category::Pii, r"(?-u:\b)([A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,})(?-u:\b)", 1, always, &["@"]),
            ("card_number", Category::Pii, r"(?-u)\b((?:\d[ \-]?){12,18}\d)\b", 1, luhn_card, &[]),
            ("iban", Category::Pii, r"(?-u)\b([A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?)\b", 1, iban_valid, &[]),
            ("us_ssn", Category::Pii, r"(?-u)\b(\d{3}-\d{2}-\d{4})\b", 1, ssn_valid, &[]),
            ("uk_nino", Category::Pii, r"(?-u)\b([A-CEGHJ-PR-TW-Z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-D])\b", 1, always, &[]),
            ("es_dni", Category::Pii, r"(?-u)\b(\d{8}-?[A-Z]|[XYZ]-?\d{7}-?[A-Z])\b", 1, dni_valid, &[]),
            ("phone", Category::Pii, r"(?:^|[^\w+])(?-u:(\+?\(?\d{1,4}\)?(?:[ .\-]?\(?\d{2,5}\)?){2,5})\b)", 1, phone_like, &[]),
        ];
        let mut literals: Vec<&str> = Vec::new();
        let mut wakes: Vec<u32> = Vec::new();
        let mut all = Vec::new();
        for (i, (kind, category, pattern, group, check, lits)) in specs.iter().enumerate() {
            let min_digits = match *kind {
                "card_number" => 13,
                "iban" => 10,
                "phone" | "us_ssn" => 9,
                "es_dni" => 7,
                "uk_nino" => 6,
                _ => 0,
            };
            all.push(Detector { kind, category: *category, regex: Regex::new(pattern).ok()?, group: *group, check: *check, min_digits });
            for l in *lits {
                match literals.iter().position(|x| x == l) {
                    Some(p) => {
                        if let Some(w) = wakes.get_mut(p) {
                            *w |= 1 << i;
                        }
                    }
                    None => {
                        literals.push(l);
                        wakes.push(1 << i);
                    }
                }
            }
        }
        // Wake-up sets are bits of a `u32`.
        if all.len() > 32 {
            return None;
        }
        // Every literal that starts at a place is reported, so "sk-ant-" wakes the detectors
        // of "sk-" and "sk" too.
        let pairs = Pairs::of(literals.iter().copied());
        let literals = NFA::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .build(&literals)
            .ok()?;
        Some(Detectors { literals, pairs, wakes, all })
    })
    .as_ref()
}

/// Whether every detector built.
pub(crate) fn ready() -> bool {
    detectors().is_some()
}

fn not_anthropic(s: &str) -> bool {
    !s.starts_with("sk-ant-")
}

fn looks_secret(s: &str) -> bool {
    // A value, not a word: mixes character kinds.
    let kinds = [
        s.bytes().any(|b| b.is_ascii_lowercase()),
        s.bytes().any(|b| b.is_ascii_uppercase()),
        s.bytes().any(|b| b.is_ascii_digit()),
        s.bytes().any(|b| !b.is_ascii_alphanumeric()),
    ];
    kinds.iter().filter(|k| **k).count() >= 2
}

fn digits(s: &str) -> Vec<u32> {
    s.chars().filter_map(|c| c.to_digit(10)).collect()
}

/// A payment card: a length and prefix that a card network issues (Visa, Mastercard, Amex,
/// Discover, JCB, Diners, UnionPay, Maestro), and a valid Luhn check digit. A barcode or a
/// serial number of the same length passes Luhn one time in ten; few of them also carry a
/// network's prefix at its length.
fn luhn_card(s: &str) -> bool {
    let d = digits(s);
    let prefix = |n: usize| d.iter().take(n).fold(0u32, |a, x| a * 10 + x);
    let len = d.len();
    let issued = match d.first() {
        Some(4) => matches!(len, 13 | 16 | 19),
        Some(2) => (2221..=2720).contains(&prefix(4)) && len == 16,
        Some(5) => match prefix(2) {
            51..=55 => len == 16,
            50 | 56..=58 => (12..=19).contains(&len),
            _ => false,
        },
        Some(3) => match prefix(2) {
            34 | 37 => len == 15,
            36 | 38 | 39 => (14..=19).contains(&len),
            30 => (300..=305).contains(&prefix(3)) && (14..=19).contains(&len),
            35 => (3528..=3589).contains(&prefix(4)) && (16..=19).contains(&len),
            _ => false,
        },
        Some(6) => (16..=19).contains(&len) || (12..=19).contains(&len) && prefix(2) == 67,
        _ => false,
    };
    if !issued {
        return false;
    }
    let sum: u32 = d
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &x)| {
            if i % 2 == 1 {
                let y = x * 2;
                if y > 9 { y - 9 } else { y }
            } else {
                x
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

/// An IBAN with a valid mod-97 checksum.
fn iban_valid(s: &str) -> bool {
    let compact: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    if !(15..=34).contains(&compact.len()) {
        return false;
    }
    let (head, tail) = compact.split_at(4.min(compact.len()));
    let mut rem: u64 = 0;
    for c in tail.chars().chain(head.chars()) {
        let v = match c.to_digit(36) {
            Some(v) => v as u64,
            None => return false,
        };
        rem = if v >= 10 {
            (rem * 100 + v) % 97
        } else {
            (rem * 10 + v) % 97
        };
    }
    rem == 1
}

fn ssn_valid(s: &str) -> bool {
    let d = digits(s);
    let area = d.iter().take(3).fold(0, |a, x| a * 10 + x);
    let group = d.iter().skip(3).take(2).fold(0, |a, x| a * 10 + x);
    let serial = d.iter().skip(5).fold(0, |a, x| a * 10 + x);
    area != 0 && area != 666 && area < 900 && group != 0 && serial != 0
}

/// Spanish DNI / NIE check letter.
fn dni_valid(s: &str) -> bool {
    let c: String = s.chars().filter(|c| *c != '-').collect();
    let (num, letter) = c.split_at(c.len().saturating_sub(1));
    let num = num
        .replacen('X', "0", 1)
        .replacen('Y', "1", 1)
        .replacen('Z', "2", 1);
    let Ok(n) = num.parse::<u64>() else {
        return false;
    };
    "TRWAGMYFPDXBNJZSQVHLCKE"
        .chars()
        .nth((n % 23) as usize)
        .map(String::from)
        .as_deref()
        == Some(letter)
}

/// A phone number: 9–15 digits, written with a country code or grouped like one.
fn phone_like(s: &str) -> bool {
    let d = digits(s);
    let groups = s
        .split(|c: char| !c.is_ascii_digit())
        .filter(|g| !g.is_empty())
        .count();
    // A national number with its trunk zero may come in two groups ("0171 1234567", "030
    // 12345678"): an area or mobile prefix of three to five digits, then the subscriber.
    let trunk = groups == 2
        && s.starts_with('0')
        && (10..=12).contains(&d.len())
        && s.split(|c: char| !c.is_ascii_digit())
            .next()
            .is_some_and(|g| (3..=5).contains(&g.len()));
    (9..=15).contains(&d.len())
        && (s.starts_with('+') || groups >= 3 || (s.starts_with('(') && groups >= 2) || trunk)
        && !luhn_card(s)
}

/// Secrets and personal data in `text`, except identifiers the customer owns.
pub(crate) fn detect(text: &str, own: &[String]) -> Vec<Finding> {
    let Some(d) = detectors() else {
        return Vec::new();
    };
    let digits = longest_number(text);
    // Digit-based detectors wake on a long enough number rather than on a literal.
    let mut wake = d
        .all
        .iter()
        .enumerate()
        .filter(|(_, det)| det.min_digits > 0 && digits >= det.min_digits)
        .fold(0u32, |w, (i, _)| w | 1 << i);
    if let Ok(start) = d.literals.start_state(Anchored::Yes) {
        let bytes = text.as_bytes();
        literal_starts(bytes, &d.pairs, |p| {
            matches_at(&d.literals, start, bytes, p, |pid, _| {
                wake |= d.wakes.get(pid).copied().unwrap_or(0);
                true
            });
        });
    }
    let own: Vec<String> = own.iter().map(|o| canonical(o)).collect();
    let mut out: Vec<Finding> = Vec::new();
    for (i, det) in d.all.iter().enumerate() {
        if wake & (1 << i) == 0 || digits < det.min_digits {
            continue;
        }
        for whole in det.regex.find_iter(text) {
            // Captures only on the short match, not the whole text.
            let (start, end) = if det.group == 0 {
                (whole.start(), whole.end())
            } else {
                match det
                    .regex
                    .captures(whole.as_str())
                    .and_then(|c| c.get(det.group))
                {
                    Some(g) => (whole.start() + g.start(), whole.start() + g.end()),
                    None => continue,
                }
            };
            let value = text.get(start..end).unwrap_or_default();
            if !(det.check)(value) || own.contains(&canonical(value)) {
                continue;
            }
            if det.category == Category::Pii && labelled_not_personal(text, start, det.kind) {
                continue;
            }
            // A longer, more specific finding already covers this span (a card inside an IBAN...).
            if out.iter().any(|f| f.start <= start && end <= f.end) {
                continue;
            }
            out.retain(|f| !(start <= f.start && f.end <= end));
            out.push(Finding {
                category: det.category,
                kind: det.kind.to_owned(),
                severity: if det.category == Category::Secret {
                    Severity::Critical
                } else {
                    Severity::High
                },
                start,
                end,
                evidence: mask(det.kind, value),
                commitment: None,
                grounded_by: None,
            });
        }
    }
    out
}

/// Whether the phone-like number at `start` is labelled as something other than personal
/// data: an identifier of the shop's records ("order 4111-2025-0098", "reference:
/// 2026-11-22-000123"), or the shop's own line ("call our support line at 0800 123 4567",
/// "contact us on...").
fn labelled_not_personal(text: &str, start: usize, kind: &str) -> bool {
    // Only phone numbers: a number that passes a card network's prefix, length and Luhn
    // check is redacted whatever it is called, so that calling a card a serial number does
    // not carry it out.
    if kind != "phone" {
        return false;
    }
    // The label is in the same sentence, right before the number.
    let head = text.get(..start).unwrap_or_default();
    let clause = head.rsplit(['.', '!', '?', '\n']).next().unwrap_or(head);
    let before: Vec<String> = clause
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .rev()
        .take(4)
        .map(str::to_lowercase)
        .collect();
    let record = before.iter().take(3).any(|w| {
        matches!(
            w.as_str(),
            "order"
                | "reference"
                | "ref"
                | "invoice"
                | "ticket"
                | "tracking"
                | "case"
                | "claim"
                | "sku"
                | "model"
                | "serial"
                | "sn"
                | "item"
                | "article"
                | "part"
                | "pedido"
                | "referencia"
                | "factura"
                | "seguimiento"
                | "commande"
                | "facture"
                | "suivi"
                | "bestellung"
                | "bestellnummer"
                | "rechnung"
                | "sendung"
                | "sendungsnummer"
        )
    });
    let shop_line = kind == "phone"
        && before.iter().any(|w| {
            matches!(
                w.as_str(),
                "our"
                    | "us"
                    | "nuestro"
                    | "nuestra"
                    | "llamenos"
                    | "llámenos"
                    | "llamanos"
                    | "llámanos"
                    | "contactenos"
                    | "contáctenos"
                    | "notre"
                    | "nous"
                    | "unsere"
                    | "unser"
                    | "uns"
            )
        });
    record || shop_line
}

/// Calls `at` for every place a literal may start: key prefixes and keywords start a word
/// ("ask" is not a Twilio key), so an ASCII letter after anything but an ASCII letter or digit
/// (only where its first two bytes begin some literal); `@`, `:` (of `://`) and `-` (of
/// `-----BEGIN`) anywhere.
fn literal_starts(b: &[u8], pairs: &Pairs, mut at: impl FnMut(usize)) {
    let mut letter = |p: usize| {
        if b.get(p).is_some_and(u8::is_ascii_alphabetic)
            && pairs.may_start(b.get(p..).unwrap_or_default())
        {
            at(p);
        }
    };
    if b.is_ascii() {
        word_starts(b).for_each(&mut letter);
    } else {
        // A byte of a non-ASCII character is a word byte, and may come before a key.
        for p in 0..b.len() {
            if p == 0 || !b.get(p - 1).is_some_and(u8::is_ascii_alphanumeric) {
                letter(p);
            }
        }
    }
    memchr::memchr3_iter(b'@', b':', b'-', b).for_each(at);
}

/// The first two bytes of every literal, case folded, as bits: most words begin none.
struct Pairs(Box<[u64; 1024]>);

impl Pairs {
    fn of<'a>(literals: impl Iterator<Item = &'a str>) -> Pairs {
        let mut bits = Box::new([0u64; 1024]);
        for l in literals {
            let k = Pairs::key(l.as_bytes());
            if let Some(w) = bits.get_mut(k / 64) {
                *w |= 1 << (k % 64);
            }
        }
        Pairs(bits)
    }

    fn key(b: &[u8]) -> usize {
        let fold = |i: usize| usize::from(b.get(i).copied().unwrap_or(0).to_ascii_lowercase());
        fold(0) << 8 | fold(1)
    }

    fn may_start(&self, b: &[u8]) -> bool {
        let k = Pairs::key(b);
        self.0.get(k / 64).is_some_and(|w| w & (1 << (k % 64)) != 0)
    }
}

/// The most digits in one number of the text, counting digits separated by single spaces,
/// dashes, dots or brackets as one number ("+44 20 7946 0958" has 12).
fn longest_number(text: &str) -> usize {
    let b = text.as_bytes();
    let mut best = 0;
    let mut from = 0;
    while let Some(first) = next_digit(b, from) {
        let (mut run, mut gap) = (0, false);
        let mut i = first;
        while let Some(&c) = b.get(i) {
            if c.is_ascii_digit() {
                run += 1;
                gap = false;
            } else if matches!(c, b' ' | b'-' | b'.' | b'(' | b')') && !gap {
                gap = true;
            } else {
                break;
            }
            i += 1;
        }
        best = best.max(run);
        from = i + 1;
    }
    best
}

/// Compares identifiers loosely: case and separators do not matter.
fn canonical(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric() || *c == '@' || *c == '.')
        .flat_map(char::to_lowercase)
        .collect()
}

/// Evidence that shows what was found without showing it.
fn mask(kind: &str, value: &str) -> String {
    let n = value.chars().count();
    let tail: String = if matches!(kind, "card_number" | "iban" | "phone") {
        let d: Vec<char> = value
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .collect();
        d.iter().skip(d.len().saturating_sub(4)).collect()
    } else {
        String::new()
    };
    if tail.is_empty() {
        format!("[{kind}, {n} characters]")
    } else {
        format!("[{kind} ending {tail}]")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(t: &str) -> Vec<String> {
        detect(t, &[]).into_iter().map(|f| f.kind).collect()
    }

    #[test]
    fn secrets_of_the_major_providers() {
        assert_eq!(kinds("key AKIAIOSFODNN7EXAMPLE here"), ["aws_access_key"]);
        assert_eq!(
            kinds("token ghp_abcdefghijklmnopqrstuvwxyz0123456789"),
            ["github_token"]
        );
        assert_eq!(
            kinds("use sk_live_4eC39HqLyjWDarjtT1zdp7dc now"),
            ["stripe_key"]
        );
        assert_eq!(
            kinds("sk-proj-abcdefghijklmnopqrstuvwx12345"),
            ["openai_key"]
        );
        assert_eq!(
            kinds("sk-ant-api03-abcdefghijklmnopqrstuvwx"),
            ["anthropic_key"]
        );
        assert_eq!(
            kinds("AIzaSyDdI0hCZtE6vySjMm-WEfRq3CPzqKqqsHI"),
            ["google_api_key"]
        );
        assert_eq!(kinds("xoxb-123456789012-abcdefghij"), ["slack_token"]);
        assert_eq!(
            kinds("-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----"),
            ["private_key"]
        );
        assert_eq!(
            kinds(
                "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"
            ),
            ["jwt"]
        );
        assert_eq!(
            kinds("db at postgres://admin:hunter2pass@db.internal:5432/x"),
            ["url_credentials"]
        );
        assert_eq!(kinds("the password is Tr0ub4dor&3"), ["password"]);
        assert!(kinds("your password is case sensitive").is_empty());
    }

    #[test]
    fn numbers_run_across_single_separators() {
        for (text, digits) in [
            ("call +44 20 7946 0958 now", 12),
            ("12 (34)", 2),
            ("1-2-3", 3),
            ("a1.2.3b", 3),
            ("1  2", 1),
            ("no digits at all", 0),
            ("order 12345678, then 123", 8),
        ] {
            assert_eq!(longest_number(text), digits, "{text}");
        }
    }

    #[test]
    fn personal_data_with_checks() {
        assert_eq!(kinds("write to jane.doe@example.com"), ["email"]);
        assert_eq!(kinds("card 4111 1111 1111 1111 on file"), ["card_number"]);
        assert!(
            kinds("card 4111 1111 1111 1112 on file")
                .iter()
                .all(|k| k != "card_number"),
            "fails Luhn"
        );
        assert_eq!(kinds("IBAN DE89 3704 0044 0532 0130 00"), ["iban"]);
        assert!(
            kinds("IBAN DE89 3704 0044 0532 0130 01")
                .iter()
                .all(|k| k != "iban"),
            "fails mod 97"
        );
        assert_eq!(kinds("SSN 123-45-6789"), ["us_ssn"]);
        assert_eq!(kinds("DNI 12345678Z"), ["es_dni"]);
        assert!(kinds("DNI 12345678A").is_empty(), "wrong check letter");
        assert_eq!(kinds("call +44 20 7946 0958 today"), ["phone"]);
        assert_eq!(kinds("Seine Handynummer ist 0171 1234567."), ["phone"]);
        assert!(kinds("Ihre Bestellnummer lautet 301-4455667.").is_empty());
        assert!(kinds("Llámenos al 900 123 456.").is_empty());
        // Numbers labelled as the shop's records, or the shop's own line, are not personal.
        assert!(kinds("Your order 4111-2025-0098 shipped").is_empty());
        assert!(kinds("The model number is 5901234123457.").is_empty());
        // A card is a card whatever it is called.
        assert_eq!(kinds("Serial number: 4532015112830366"), ["card_number"]);
        assert!(kinds("Call our support line at 0800 123 4567.").is_empty());
        assert_eq!(
            kinds("Her card number is 4532015112830366."),
            ["card_number"]
        );
        // A Luhn-valid number no network issues at its length is no card.
        assert!(!luhn_card("5901234123457"));
        assert!(luhn_card("378282246310005"));
        assert!(kinds("order #902331 total $1,200.50 on 2024-03-01").is_empty());
    }

    #[test]
    fn every_detector_builds() {
        // A pattern that fails to build would silently disable every leak detector.
        assert!(detectors().is_some());
    }

    #[test]
    fn own_identifiers_are_not_leaks() {
        let own = vec!["Maria.T@example.org".to_owned()];
        assert!(detect("updated to maria.t@example.org", &own).is_empty());
        assert_eq!(detect("sent to other@example.org", &own).len(), 1);
    }

    #[test]
    fn evidence_never_shows_the_secret() {
        let f = detect("AKIAIOSFODNN7EXAMPLE", &[]);
        assert!(!f[0].evidence.contains("IOSFODNN7"));
        let f = detect("4111 1111 1111 1111", &[]);
        assert_eq!(f[0].evidence, "[card_number ending 1111]");
    }
}
