//! Byte classes and word starts, computed without a branch per byte.
//!
//! Inspection runs on every turn, and most of its passes look at every byte of a short text.
//! A branch per byte whose outcome depends on the text mispredicts at every word boundary, so
//! the hot passes read a class table and combine bits instead, and find word starts 64 bytes
//! at a time as a bit mask.

/// A word byte: ASCII letter or digit, or any byte of a non-ASCII character.
pub const WORD: u8 = 1;
/// An ASCII lowercase letter.
pub const LOWER: u8 = 1 << 1;
/// A digit or symbol that leetspeak writes for a letter (`0`, `3`, `@`, `$`...).
pub const LEET: u8 = 1 << 2;
/// A separator that pulls letters apart (`-`, `.`, `_`, `*`).
pub const SEP: u8 = 1 << 3;
/// The base64 alphabet, standard and URL-safe, with padding.
pub const BASE64: u8 = 1 << 4;
/// An ASCII digit.
pub const DIGIT: u8 = 1 << 5;

/// The class bits of every byte.
pub static CLASS: [u8; 256] = classes();

#[expect(
    clippy::indexing_slicing,
    reason = "i < 256 by the loop condition, and a const fn cannot use get_mut"
)]
const fn classes() -> [u8; 256] {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        let mut c = 0;
        if b.is_ascii_alphanumeric() || b >= 0x80 {
            c |= WORD;
        }
        if b.is_ascii_lowercase() {
            c |= LOWER;
        }
        if matches!(
            b,
            b'0' | b'1' | b'3' | b'4' | b'5' | b'7' | b'8' | b'9' | b'@' | b'$' | b'!' | b'|'
        ) {
            c |= LEET;
        }
        if matches!(b, b'-' | b'.' | b'_' | b'*') {
            c |= SEP;
        }
        if b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'=' | b'-' | b'_') {
            c |= BASE64;
        }
        if b.is_ascii_digit() {
            c |= DIGIT;
        }
        t[i] = c;
        i += 1;
    }
    t
}

/// The class bits of a byte.
pub fn class(b: u8) -> u8 {
    CLASS.get(usize::from(b)).copied().unwrap_or(0)
}

/// Whether a byte belongs to a word.
pub fn is_word(b: u8) -> bool {
    class(b) & WORD != 0
}

/// The bytes of a chunk of at most 64 that have a class bit, as bits.
fn mask(chunk: &[u8], bit: u8) -> u64 {
    let mut m = 0u64;
    for (i, &c) in chunk.iter().enumerate() {
        m |= u64::from(class(c) & bit != 0) << i;
    }
    m
}

/// Whether `b` has a run of at least 16 consecutive bytes with a class bit.
pub fn has_run_of_16(b: &[u8], bit: u8) -> bool {
    // The length of the run that ends where the previous chunk ends.
    let mut carry = 0u32;
    for chunk in b.chunks(64) {
        let n = chunk.len() as u32;
        let m = mask(chunk, bit);
        // Bit i survives when bits i..i+16 are all set.
        let mut x = m;
        x &= x >> 1;
        x &= x >> 2;
        x &= x >> 4;
        x &= x >> 8;
        let lead = (!m).trailing_zeros().min(n);
        if x != 0 || carry + lead >= 16 {
            return true;
        }
        carry = if lead == n {
            carry + n
        } else {
            (m << (64 - n)).leading_ones()
        };
    }
    false
}

/// The offsets of the bytes that start a word, in order.
pub fn word_starts(b: &[u8]) -> WordStarts<'_> {
    WordStarts {
        chunks: b.chunks(64),
        base: 0,
        next_base: 0,
        starts: 0,
        prev_word: 0,
    }
}

/// Iterator of [`word_starts`].
pub struct WordStarts<'a> {
    chunks: std::slice::Chunks<'a, u8>,
    base: usize,
    next_base: usize,
    /// Word starts of the current chunk not yet returned, as bits.
    starts: u64,
    /// Whether the last byte of the previous chunk was a word byte.
    prev_word: u64,
}

impl Iterator for WordStarts<'_> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        while self.starts == 0 {
            let chunk = self.chunks.next()?;
            let words = mask(chunk, WORD);
            // A word byte whose predecessor is not one.
            self.starts = words & !((words << 1) | self.prev_word);
            self.prev_word = (words >> (chunk.len() - 1)) & 1;
            self.base = self.next_base;
            self.next_base += chunk.len();
        }
        let i = self.starts.trailing_zeros() as usize;
        self.starts &= self.starts - 1;
        Some(self.base + i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_of_sixteen() {
        let run = |s: &str| has_run_of_16(s.as_bytes(), BASE64);
        assert!(run("aGVsbG8gd29ybGQh"));
        assert!(!run("aGVsbG8gd29ybGQ"));
        assert!(!run("short words only, nothing long at all"));
        // Across a chunk boundary, and at the very end.
        assert!(run(&format!("{} {}", " ".repeat(55), "x".repeat(16))));
        assert!(!run(&format!("{}{}", " ".repeat(55), "x".repeat(15))));
        assert!(run(&format!("{}{}", " ".repeat(120), "y".repeat(16))));
    }

    #[test]
    fn word_starts_across_chunks() {
        let text = format!("{} b{}c", "a".repeat(64), "x".repeat(70));
        assert_eq!(
            word_starts(text.as_bytes()).collect::<Vec<_>>(),
            vec![0, 65]
        );
        assert_eq!(
            word_starts(b"it's a-b, 42!").collect::<Vec<_>>(),
            vec![0, 3, 5, 7, 10]
        );
        assert_eq!(word_starts(b"").count(), 0);
        let long = "ab ".repeat(100);
        assert_eq!(word_starts(long.as_bytes()).count(), 100);
    }
}
