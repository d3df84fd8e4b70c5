//! Identifiers named in a text — email addresses, phone numbers, order and account numbers —
//! in the canonical form stored entities are indexed by, so the gateway can ask whose they are.

/// What an identifier looks like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdentifierKind {
    /// `name@domain.tld`.
    Email,
    /// Seven or more digits, written with separators or not.
    Phone,
    /// A token mixing letters or separators with digits: `A-1`, `ORD-3Q9X`, `acct-c-2`, `#5532`.
    Reference,
}

/// An identifier: where it is in the text and its canonical form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identifier {
    /// Byte offset where it starts (a character boundary).
    pub start: usize,
    /// Byte offset where it ends.
    pub end: usize,
    /// Its kind.
    pub kind: IdentifierKind,
    /// Canonical form: see [`canonical`].
    pub value: String,
}

/// The canonical form of an identifier: emails and references lowercased, phone numbers as
/// their digits. The same function indexes stored entities, so both sides agree.
pub fn canonical(raw: &str) -> String {
    let trimmed = raw.trim().trim_start_matches('#');
    let digits: String = trimmed.chars().filter(char::is_ascii_digit).collect();
    let phone_like = digits.len() >= 7
        && trimmed
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '.' | '(' | ')' | '+'));
    if phone_like {
        digits
    } else {
        trimmed.to_lowercase()
    }
}

/// The most identifiers read from one text: enough for any answer, bounded for the lookups.
pub const MAX_IDENTIFIERS: usize = 64;

/// Identifiers in `text`, in order, at most [`MAX_IDENTIFIERS`].
pub fn identifiers(text: &str) -> Vec<Identifier> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let token_byte =
        |c: u8| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.' | b'@' | b'+' | b'#');
    let mut i = 0;
    while i < b.len() && out.len() < MAX_IDENTIFIERS {
        if !b.get(i).copied().is_some_and(token_byte) {
            i += 1;
            continue;
        }
        let start = i;
        while b.get(i).copied().is_some_and(token_byte) {
            i += 1;
        }
        // Sentence punctuation is not part of the token.
        let mut end = i;
        while end > start && matches!(b.get(end - 1), Some(b'.' | b'-' | b'_' | b'+')) {
            end -= 1;
        }
        let Some(token) = text.get(start..end) else {
            continue;
        };
        if let Some(kind) = kind_of(token) {
            out.push(Identifier {
                start,
                end,
                kind,
                value: canonical(token),
            });
        }
    }
    phones(text, &mut out);
    out.sort_by_key(|x| x.start);
    out.truncate(MAX_IDENTIFIERS);
    out
}

fn kind_of(token: &str) -> Option<IdentifierKind> {
    let bare = token.trim_start_matches('#');
    if bare.len() < 3 || bare.len() > 64 {
        return None;
    }
    if let Some((local, domain)) = bare.split_once('@') {
        let ok = !local.is_empty()
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.');
        return ok.then_some(IdentifierKind::Email);
    }
    let digits = bare.bytes().filter(u8::is_ascii_digit).count();
    let letters = bare.bytes().filter(u8::is_ascii_alphabetic).count();
    let separated = bare.contains(['-', '_']);
    // A reference mixes digits with letters or separators ("A-1", "acct-c-2"), or is a long
    // number written with a `#`. Plain numbers ("2", "2027") and prices are not references;
    // decimals ("59.99") neither.
    let decimal = bare.contains('.') && letters == 0;
    let reference = digits > 0
        && !decimal
        && (letters > 0 || separated || (token.starts_with('#') && digits >= 3));
    reference.then_some(IdentifierKind::Reference)
}

/// Phone numbers: seven or more digits in groups separated by spaces, dots, dashes or
/// brackets, optionally with a leading `+`.
fn phones(text: &str, out: &mut Vec<Identifier>) {
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let starts = b
            .get(i)
            .is_some_and(|c| c.is_ascii_digit() || matches!(c, b'+' | b'('))
            && !(i > 0 && b.get(i - 1).is_some_and(u8::is_ascii_alphanumeric));
        if !starts {
            i += 1;
            continue;
        }
        let start = i;
        let mut digits = 0;
        let mut end = i;
        while let Some(&c) = b.get(i) {
            if c.is_ascii_digit() {
                digits += 1;
                end = i + 1;
            } else if !matches!(c, b' ' | b'-' | b'.' | b'(' | b')' | b'+')
                || (c == b' '
                    && b.get(i + 1)
                        .is_some_and(|n| !n.is_ascii_digit() && *n != b'('))
            {
                break;
            }
            i += 1;
        }
        if (7..=15).contains(&digits)
            && !b.get(end).is_some_and(u8::is_ascii_alphanumeric)
            && let Some(raw) = text.get(start..end)
            && !out.iter().any(|x| x.start < end && start < x.end)
        {
            out.push(Identifier {
                start,
                end,
                kind: IdentifierKind::Phone,
                value: canonical(raw),
            });
        }
        i = i.max(start + 1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(text: &str) -> Vec<(IdentifierKind, String)> {
        identifiers(text)
            .into_iter()
            .map(|i| (i.kind, i.value))
            .collect()
    }

    #[test]
    fn finds_emails_references_and_phones() {
        use IdentifierKind::*;
        assert_eq!(
            values("Order A-1 for Jane.Doe@Example.com, call +44 7700 900123."),
            vec![
                (Reference, "a-1".to_owned()),
                (Email, "jane.doe@example.com".to_owned()),
                (Phone, "447700900123".to_owned()),
            ]
        );
        assert_eq!(
            values("Your order #5532 and account acct-c-2."),
            vec![
                (Reference, "5532".to_owned()),
                (Reference, "acct-c-2".to_owned())
            ]
        );
    }

    #[test]
    fn plain_numbers_prices_and_words_are_not_identifiers() {
        assert!(values("It costs 59.99 and ships in 2 days, by 2027.").is_empty());
        assert!(values("Hello there, self-service is great.").is_empty());
    }

    #[test]
    fn canonical_forms_agree_with_the_index() {
        assert_eq!(canonical("#A-1"), "a-1");
        assert_eq!(canonical("(020) 7946-0018"), "02079460018");
        assert_eq!(canonical("Jane@Example.COM"), "jane@example.com");
    }

    #[test]
    fn offsets_are_inside_the_text() {
        let t = "Réf ORD-ÉTÉ-12 et e-mail zoé@exemple.fr";
        for i in identifiers(t) {
            assert!(t.is_char_boundary(i.start) && t.is_char_boundary(i.end) && i.end <= t.len());
        }
    }
}
