//! The view every detector reads: lowercased, NFKC-folded, accents and look-alike letters folded
//! to ASCII, zero-width and tag characters removed — with a map from each byte of the view back
//! to the original text, so findings always point at the original.

use std::sync::OnceLock;

use unicode_normalization::UnicodeNormalization as _;
use unicode_normalization::char::is_combining_mark;

/// Latin letters with diacritics (U+00C0–U+024F) folded once, lowercase, to what NFKD leaves
/// when combining marks are dropped: the hot path for Spanish, French and German text.
fn latin_fold(c: char) -> Option<&'static str> {
    static TABLE: OnceLock<Vec<String>> = OnceLock::new();
    let table = TABLE.get_or_init(|| {
        (0xC0u32..=0x24F)
            .map(|u| {
                let c = char::from_u32(u).unwrap_or(' ');
                c.nfkd()
                    .filter(|d| !is_combining_mark(*d))
                    .flat_map(char::to_lowercase)
                    .collect()
            })
            .collect()
    });
    let u = c as u32;
    if (0xC0..=0x24F).contains(&u) && c != '\u{D7}' && c != '\u{F7}' {
        table
            .get((u - 0xC0) as usize)
            .map(String::as_str)
            .filter(|s| s.is_ascii() && !s.is_empty())
    } else {
        None
    }
}

/// What normalisation had to undo: signs that text was written to evade a reader.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Hidden {
    /// Zero-width characters (joiners between emoji excepted) were removed.
    pub zero_width: bool,
    /// Unicode tag characters were removed (their ASCII payload is kept in the view).
    pub tags: bool,
    /// Letters of another script that look Latin were folded inside Latin words.
    pub homoglyphs: bool,
}

/// A normalised view of a text.
#[derive(Debug, Clone)]
pub struct View {
    /// The view: lowercase, mostly ASCII.
    pub text: String,
    /// For each byte of `text`, the byte offset in the original where its character starts
    /// (empty when the view is the original lowercased, byte for byte).
    src: Vec<u32>,
    /// The original's character lengths are needed to find where a character ends: kept as the
    /// original's char boundaries only for non-ASCII texts.
    original: String,
    /// Length of the original.
    original_len: usize,
    /// What was undone.
    pub hidden: Hidden,
}

impl View {
    /// The original byte range of a range of the view; always on character boundaries.
    pub fn original(&self, start: usize, end: usize) -> (usize, usize) {
        if self.src.is_empty() {
            // Identity map (ASCII fast path).
            return (start.min(self.original_len), end.min(self.original_len));
        }
        let s = self
            .src
            .get(start)
            .copied()
            .map_or(self.original_len, |v| v as usize);
        let e = if end == 0 {
            s
        } else {
            self.src
                .get(end - 1)
                .copied()
                .map_or(self.original_len, |v| {
                    let at = v as usize;
                    at + self
                        .original
                        .get(at..)
                        .and_then(|r| r.chars().next())
                        .map_or(0, char::len_utf8)
                })
        };
        (s, e.max(s))
    }
}

/// Zero-width and invisible formatting characters that hide text.
fn is_zero_width(c: char) -> bool {
    matches!(c, '\u{200B}' | '\u{200C}' | '\u{200E}' | '\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' | '\u{00AD}' | '\u{180E}' | '\u{034F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Unicode tag characters (U+E0000–U+E007F) carry invisible ASCII.
fn tag_payload(c: char) -> Option<char> {
    let u = c as u32;
    (0xE0020..=0xE007E)
        .contains(&u)
        .then(|| char::from_u32(u - 0xE0000))
        .flatten()
}

/// Letters of other scripts that are drawn like Latin letters.
fn confusable(c: char) -> Option<char> {
    Some(match c {
        // Cyrillic
        'а' | 'А' => 'a',
        'в' | 'В' => 'b',
        'с' | 'С' | 'ϲ' => 'c',
        'ԁ' => 'd',
        'е' | 'Е' | 'ё' => 'e',
        'һ' | 'Һ' | 'н' | 'Н' => 'h',
        'і' | 'І' | 'ӏ' | 'Ӏ' => 'i',
        'ј' | 'Ј' => 'j',
        'к' | 'К' => 'k',
        'м' | 'М' => 'm',
        'о' | 'О' => 'o',
        'р' | 'Р' => 'p',
        'ԛ' => 'q',
        'ѕ' | 'Ѕ' => 's',
        'т' | 'Т' => 't',
        'ц' => 'u',
        'ѵ' => 'v',
        'ԝ' | 'Ԝ' => 'w',
        'х' | 'Х' => 'x',
        'у' | 'У' | 'ү' => 'y',
        // Greek
        'α' | 'Α' => 'a',
        'β' | 'Β' => 'b',
        'ε' | 'Ε' => 'e',
        'η' | 'Η' => 'h',
        'ι' | 'Ι' | 'ί' => 'i',
        'κ' | 'Κ' => 'k',
        'μ' | 'Μ' => 'm',
        'ν' | 'Ν' => 'v',
        'ο' | 'Ο' | 'ό' => 'o',
        'ρ' | 'Ρ' => 'p',
        'τ' | 'Τ' => 't',
        'υ' | 'Υ' => 'u',
        'χ' | 'Χ' => 'x',
        'ζ' | 'Ζ' => 'z',
        // Latin look-alikes outside ASCII
        'ı' => 'i',
        'ɡ' => 'g',
        'ɑ' => 'a',
        'ℓ' => 'l',
        _ => return None,
    })
}

/// Folds a character that NFKC left alone: German sharp s, ligatures, typographic punctuation.
fn fold_extra(c: char, out: &mut String) -> bool {
    let s = match c {
        'ß' => "ss",
        'æ' | 'Æ' => "ae",
        'œ' | 'Œ' => "oe",
        'ø' | 'Ø' => "o",
        'đ' | 'Đ' => "d",
        'ł' | 'Ł' => "l",
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '`' | '´' => "'",
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '«' | '»' => "\"",
        '\u{2010}'..='\u{2015}' | '\u{2212}' => "-",
        '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => " ",
        // Spanish opening marks sit against the word they open; as spaces they leave it at a
        // word start, where cues are looked for ("¿quién compró...").
        '¿' | '¡' => " ",
        _ => return false,
    };
    out.push_str(s);
    true
}

/// Normalises a text.
pub fn normalize(original: &str) -> View {
    if original.is_ascii() {
        // Fast path: nothing to fold but case; offsets are the identity.
        return View {
            text: original.to_ascii_lowercase(),
            src: Vec::new(),
            original: String::new(),
            original_len: original.len(),
            hidden: Hidden::default(),
        };
    }
    let mut text = String::with_capacity(original.len());
    let mut src: Vec<u32> = Vec::with_capacity(original.len());
    let mut hidden = Hidden::default();
    let mut prev_is_latin = false;
    let mut scratch = String::new();
    let bytes = original.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // Runs of ASCII are copied in bulk; only other characters are looked at one by one.
        let run = bytes
            .get(i..)
            .unwrap_or_default()
            .iter()
            .position(|b| !b.is_ascii())
            .unwrap_or(bytes.len() - i);
        if run > 0 {
            let chunk = original.get(i..i + run).unwrap_or_default();
            let at = text.len();
            text.push_str(chunk);
            if let Some(t) = text.get_mut(at..) {
                t.make_ascii_lowercase();
            }
            src.extend((i..i + run).map(|k| k as u32));
            prev_is_latin = chunk.as_bytes().last().is_some_and(u8::is_ascii_alphabetic);
            i += run;
            continue;
        }
        let Some(c) = original.get(i..).and_then(|r| r.chars().next()) else {
            break;
        };
        let next = original
            .get(i + c.len_utf8()..)
            .and_then(|r| r.chars().next());
        let before = text.len();
        if is_zero_width(c) {
            hidden.zero_width = true;
        } else if c == '\u{200D}' {
            // A zero-width joiner between emoji is legitimate; inside words it hides text.
            if prev_is_latin || next.is_some_and(char::is_alphabetic) {
                hidden.zero_width = true;
            }
        } else if let Some(p) = tag_payload(c) {
            hidden.tags = true;
            text.push(p.to_ascii_lowercase());
        } else if ('\u{E0000}'..='\u{E007F}').contains(&c) || ('\u{FE00}'..='\u{FE0F}').contains(&c)
        {
            // Tag controls and variation selectors carry nothing readable.
        } else if let Some(l) = confusable(c) {
            if prev_is_latin || next.is_some_and(|n| n.is_ascii_alphabetic()) {
                hidden.homoglyphs = true;
            }
            text.push(l);
            prev_is_latin = true;
        } else if let Some(f) = latin_fold(c) {
            text.push_str(f);
            prev_is_latin = true;
        } else if !fold_extra(c, &mut text) {
            scratch.clear();
            for d in std::iter::once(c).nfkd() {
                if is_combining_mark(d) {
                    continue;
                }
                for l in d.to_lowercase() {
                    scratch.push(l);
                }
            }
            // NFKD then recompose what is left (non-Latin scripts) so it stays readable.
            for n in scratch.nfc() {
                match confusable(n) {
                    Some(l) => text.push(l),
                    None => text.push(n),
                }
            }
            prev_is_latin = c.is_alphabetic()
                && text
                    .get(before..)
                    .is_some_and(|t| t.bytes().all(|b| b.is_ascii_alphabetic()));
        }
        src.extend(std::iter::repeat_n(i as u32, text.len() - before));
        i += c.len_utf8();
    }
    View {
        text,
        src,
        original: original.to_owned(),
        original_len: original.len(),
        hidden,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_accents_width_and_lookalikes() {
        assert_eq!(normalize("Ignore PREVIOUS").text, "ignore previous");
        assert_eq!(
            normalize("Règles Überschreiben").text,
            "regles uberschreiben"
        );
        assert_eq!(normalize("ｉｇｎｏｒｅ").text, "ignore");
        assert_eq!(normalize("𝐢𝐠𝐧𝐨𝐫𝐞").text, "ignore");
        let v = normalize("іgnоre");
        assert_eq!(v.text, "ignore");
        assert!(v.hidden.homoglyphs);
        assert_eq!(normalize("Straße").text, "strasse");
        assert_eq!(normalize("¿Quién? ¡Ya!").text, " quien?  ya!");
    }

    #[test]
    fn removes_and_flags_hidden_characters() {
        let v = normalize("ign\u{200B}ore");
        assert_eq!(v.text, "ignore");
        assert!(v.hidden.zero_width);
        let emoji = normalize("👩\u{200D}👩 hi");
        assert!(!emoji.hidden.zero_width);
        let tags: String = "say hi"
            .chars()
            .map(|c| char::from_u32(0xE0000 + c as u32).unwrap())
            .collect();
        let v = normalize(&format!("ok{tags}"));
        assert_eq!(v.text, "oksay hi");
        assert!(v.hidden.tags);
    }

    #[test]
    fn offsets_point_into_the_original() {
        let original = "Dé\u{200B}jà vu";
        let v = normalize(original);
        assert_eq!(v.text, "deja vu");
        let at = v.text.find("ja").unwrap();
        let (s, e) = v.original(at, at + 2);
        assert_eq!(&original[s..e], "jà");
        let (s, e) = v.original(0, v.text.len());
        assert_eq!(&original[s..e], original);
    }
}
