//! Character classes for the scanner, with a byte-level fast path.
//!
//! Kazakh text is almost all ASCII and two-byte Cyrillic (U+0400..U+04FF, lead bytes
//! 0xD0..0xD3). For those the class comes from a table indexed by bytes; any other
//! character is decoded and classified with the Unicode properties of `char`. The
//! general functions (`*_general`) classify every character the slow way; a property
//! test checks that both agree.

use std::sync::LazyLock;

/// What a character is, for finding token boundaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Class {
    /// White space (line breaks, NBSP and thin spaces included).
    Space,
    /// A letter or a digit: it starts or continues a word.
    Alnum,
    /// A combining mark or an invisible format character: it continues a word but does not start one.
    Inner,
    /// Anything else: punctuation, symbols, emoji.
    Other,
}

/// The class of a character, the slow way.
pub(crate) fn class_general(c: char) -> Class {
    if c.is_alphanumeric() {
        Class::Alnum
    } else if c.is_whitespace() {
        Class::Space
    } else if is_inner(c) {
        Class::Inner
    } else {
        Class::Other
    }
}

/// Combining marks (stress accents, diacritics typed separately), variation selectors and
/// invisible format characters that may sit inside a word.
pub(crate) fn is_inner(c: char) -> bool {
    matches!(
        c,
        '\u{0300}'..='\u{036F}'
            | '\u{0483}'..='\u{0489}'
            | '\u{1AB0}'..='\u{1AFF}'
            | '\u{1DC0}'..='\u{1DFF}'
            | '\u{20D0}'..='\u{20FF}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FE20}'..='\u{FE2F}'
            | '\u{00AD}'
            | '\u{200B}'..='\u{200D}'
            | '\u{2060}'
            | '\u{FEFF}'
    )
}

const fn ascii_table() -> [Class; 128] {
    let mut t = [Class::Other; 128];
    let mut i = 0;
    while i < 128 {
        let b = i as u8;
        t[i] = if b.is_ascii_alphanumeric() {
            Class::Alnum
        } else if matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C) {
            Class::Space
        } else {
            Class::Other
        };
        i += 1;
    }
    t
}

static ASCII: [Class; 128] = ascii_table();

/// The character at byte `i` of `s` (a char boundary) and its length in bytes.
#[inline]
pub(crate) fn decode(s: &str, i: usize) -> Option<(char, usize)> {
    let b = s.as_bytes();
    let b0 = *b.get(i)?;
    if b0 < 0x80 {
        return Some((b0 as char, 1));
    }
    if b0 & 0xE0 == 0xC0 {
        // Two-byte sequence; `s` is valid UTF-8, so the continuation byte exists.
        let cp = ((b0 as u32 & 0x1F) << 6) | (b[i + 1] as u32 & 0x3F);
        return char::from_u32(cp).map(|c| (c, 2));
    }
    let c = s[i..].chars().next()?;
    Some((c, c.len_utf8()))
}

/// Classes of U+0000..U+07FF (every one- and two-byte character), computed once from
/// [`class_general`], as are the tables below.
static TWO_BYTE: LazyLock<[Class; 0x800]> = LazyLock::new(|| {
    let mut t = [Class::Other; 0x800];
    for (i, slot) in t.iter_mut().enumerate() {
        *slot = char::from_u32(i as u32).map_or(Class::Other, class_general);
    }
    t
});

/// Classes of U+2000..U+2FFF, every character whose UTF-8 starts with E2: punctuation
/// (– — “ ” …), arrows, and the hearts and stars of comments, whose classes from the
/// Unicode tables cost more than the rest of a token.
static E2_BLOCK: LazyLock<[Class; 0x1000]> = LazyLock::new(|| {
    let mut t = [Class::Other; 0x1000];
    for (i, slot) in t.iter_mut().enumerate() {
        *slot = char::from_u32(0x2000 + i as u32).map_or(Class::Other, class_general);
    }
    t
});

/// Emoji and pictographs (U+1F000..U+1FAFF), common in user comments; their class
/// from the Unicode tables costs more than the rest of a token.
const EMOJI_START: u32 = 0x1F000;
const EMOJI_END: u32 = 0x1FAFF;

static EMOJI_BLOCK: LazyLock<[Class; (EMOJI_END - EMOJI_START + 1) as usize]> = LazyLock::new(|| {
    let mut t = [Class::Other; (EMOJI_END - EMOJI_START + 1) as usize];
    for (i, slot) in t.iter_mut().enumerate() {
        *slot = char::from_u32(EMOJI_START + i as u32).map_or(Class::Other, class_general);
    }
    t
});

/// The class of `cp`, a code point of U+1F000..U+1FAFF.
#[inline]
pub(crate) fn emoji_block_class(cp: u32) -> Class {
    EMOJI_BLOCK[(cp - EMOJI_START) as usize]
}

/// The class of the character at byte `i` and its length, using the tables.
#[inline(always)]
pub(crate) fn class_at(s: &str, i: usize) -> Option<(Class, char, usize)> {
    let b = s.as_bytes();
    let b0 = *b.get(i)?;
    if b0 < 0x80 {
        return Some((ASCII[b0 as usize], b0 as char, 1));
    }
    if (0xD0..=0xD3).contains(&b0) {
        let cp = ((b0 as u32 & 0x1F) << 6) | (b[i + 1] as u32 & 0x3F);
        // U+0400..U+04FF: letters, except the thousands sign U+0482 and the combining
        // titlo and friends U+0483..U+0489.
        let class = match cp {
            0x482 => Class::Other,
            0x483..=0x489 => Class::Inner,
            _ => Class::Alnum,
        };
        // cp is in U+0400..U+04FF, a valid scalar value.
        return Some((class, char::from_u32(cp).unwrap_or('\u{FFFD}'), 2));
    }
    class_at_slow(s, i)
}

#[inline(never)]
fn class_at_slow(s: &str, i: usize) -> Option<(Class, char, usize)> {
    let b = s.as_bytes();
    let b0 = b[i];
    if b0 & 0xE0 == 0xC0 {
        // A two-byte sequence; `s` is valid UTF-8, so the continuation byte exists.
        let cp = ((b0 as u32 & 0x1F) << 6) | (b[i + 1] as u32 & 0x3F);
        return Some((TWO_BYTE[cp as usize], char::from_u32(cp).unwrap_or('\u{FFFD}'), 2));
    }
    let (c, n) = decode(s, i)?;
    let class = match c as u32 {
        cp @ 0x2000..=0x2FFF => E2_BLOCK[(cp - 0x2000) as usize],
        cp @ EMOJI_START..=EMOJI_END => EMOJI_BLOCK[(cp - EMOJI_START) as usize],
        _ => class_general(c),
    };
    Some((class, c, n))
}

/// Whether `c` is a letter, with the common cases answered without Unicode tables.
#[inline]
pub(crate) fn is_letter(c: char) -> bool {
    match c as u32 {
        0..=0x7F => c.is_ascii_alphabetic(),
        0x400..=0x481 | 0x48A..=0x4FF => true,
        _ => c.is_alphabetic(),
    }
}

/// Whether `c` is a lowercase letter, with Cyrillic and ASCII answered without Unicode tables.
#[inline]
pub(crate) fn is_lower(c: char) -> bool {
    match c as u32 {
        0..=0x7F => c.is_ascii_lowercase(),
        0x430..=0x45F => true,
        0x400..=0x42F => false,
        // U+0460..U+04FF: capitals at even code points, except Ӏ U+04C0 and the odd
        // capitals U+04C1..U+04CE.
        cp @ 0x460..=0x481 | cp @ 0x48A..=0x4BF | cp @ 0x4D0..=0x4FF => cp % 2 == 1,
        0x4C0 => false,
        cp @ 0x4C1..=0x4CE => cp % 2 == 0,
        0x4CF => true,
        _ => c.is_lowercase(),
    }
}

/// Whether `c` is a letter or a digit: [`char::is_alphanumeric`] with the same shortcuts as [`is_letter`].
#[inline]
pub(crate) fn is_alnum(c: char) -> bool {
    match c as u32 {
        0..=0x7F => c.is_ascii_alphanumeric(),
        0x400..=0x4FF => is_letter(c),
        _ => c.is_alphanumeric(),
    }
}

/// The end of the run of word characters (letters, digits, inner marks) from byte `i`.
#[inline]
pub(crate) fn word_end(s: &str, mut i: usize) -> usize {
    let b = s.as_bytes();
    // Sixteen bytes at a time while they are ASCII letters and digits and two-byte
    // Cyrillic; the loop below takes over at anything else and at the end of the text.
    #[cfg(target_arch = "x86_64")]
    while i + 16 <= b.len() {
        match block16::word_end(b, i) {
            block16::Next::End(end) => return end,
            block16::Next::Continue(next) => i = next,
            block16::Next::Other(at) => {
                i = at;
                break;
            }
        }
    }
    while let Some(&b0) = b.get(i) {
        if b0 < 0x80 {
            if b0.is_ascii_alphanumeric() {
                i += 1;
                continue;
            }
            return i;
        }
        // Two-byte Cyrillic: every character of U+0400..U+04FF continues a word except the
        // thousands sign U+0482 (D2 82).
        if (0xD0..=0xD3).contains(&b0) {
            if b0 == 0xD2 && b.get(i + 1) == Some(&0x82) {
                return i;
            }
            i += 2;
            continue;
        }
        match class_at_slow(s, i) {
            Some((Class::Alnum | Class::Inner, _, n)) => i += n,
            _ => return i,
        }
    }
    i
}

/// [`word_end`] on sixteen bytes at once with SSE2, which every x86-64 processor has.
#[cfg(target_arch = "x86_64")]
mod block16 {
    use std::arch::x86_64::*;

    /// What the sixteen bytes from `i` say about the end of the word.
    pub(super) enum Next {
        /// The word ends here: at an ASCII byte that is not a letter or digit, or at the
        /// thousands sign U+0482 (D2 82).
        End(usize),
        /// All of them continue the word; go on from here (a character boundary).
        Continue(usize),
        /// A character outside ASCII and U+0400..U+04FF starts here: the caller
        /// classifies it.
        Other(usize),
    }

    /// See [`Next`]; `b[i..i + 16]` must exist and `i` be a character boundary.
    #[inline]
    pub(super) fn word_end(b: &[u8], i: usize) -> Next {
        debug_assert!(i + 16 <= b.len());
        // SAFETY: SSE2 is part of x86-64, and the load reads b[i..i + 16], in bounds.
        let (ok, lead, d2, x82) = unsafe {
            let v = _mm_loadu_si128(b.as_ptr().add(i).cast());
            let set = |x: u8| _mm_set1_epi8(x as i8);
            // Continuation bytes 80..BF are the signed bytes below C0.
            let cont = _mm_cmplt_epi8(v, set(0xC0));
            let lead = _mm_cmpeq_epi8(_mm_and_si128(v, set(0xFC)), set(0xD0));
            // '0'..='9' and (x | 0x20) in 'a'..='z', shifted to the bottom of the signed range.
            let digit = _mm_cmplt_epi8(_mm_add_epi8(v, set(0x80 - b'0')), set(0x80 + 10));
            let alpha = _mm_cmplt_epi8(_mm_add_epi8(_mm_or_si128(v, set(0x20)), set(0x80 - b'a')), set(0x80 + 26));
            let ok = _mm_or_si128(_mm_or_si128(cont, lead), _mm_or_si128(digit, alpha));
            let mask = |m: __m128i| _mm_movemask_epi8(m) as u32;
            (mask(ok), mask(lead), mask(_mm_cmpeq_epi8(v, set(0xD2))), mask(_mm_cmpeq_epi8(v, set(0x82))))
        };
        let stop = (!ok & 0xFFFF).trailing_zeros().min(16) as usize;
        // D2 82 ends the word at its D2.
        let sign = ((d2 << 1) & x82 & 0xFFFF).trailing_zeros() as usize;
        if sign < 32 && sign - 1 < stop {
            return Next::End(i + sign - 1);
        }
        if stop < 16 {
            return if b[i + stop] < 0x80 { Next::End(i + stop) } else { Next::Other(i + stop) };
        }
        // A lead byte last: its second byte is in the next block, which starts with it.
        Next::Continue(if lead & 0x8000 != 0 { i + 15 } else { i + 16 })
    }
}

/// [`word_end`] the slow way, one `char` at a time.
pub(crate) fn word_end_general(s: &str, i: usize) -> usize {
    let rest = &s[i..];
    i + rest.find(|c| !matches!(class_general(c), Class::Alnum | Class::Inner)).unwrap_or(rest.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn letter_and_case_shortcuts_agree() {
        for cp in (0..0x600).chain(0x2000..0x2100) {
            let Some(c) = char::from_u32(cp) else { continue };
            assert_eq!(is_letter(c), c.is_alphabetic(), "U+{cp:04X}");
            assert_eq!(is_lower(c), c.is_lowercase(), "U+{cp:04X}");
        }
    }

    #[test]
    fn every_cyrillic_block_char_agrees() {
        for cp in 0x400..=0x4FF {
            let c = char::from_u32(cp).unwrap();
            let s = c.to_string();
            let (class, d, n) = class_at(&s, 0).unwrap();
            assert_eq!((class, d, n), (class_general(c), c, 2), "U+{cp:04X}");
        }
        for b in 0u8..128 {
            let s = (b as char).to_string();
            assert_eq!(class_at(&s, 0).unwrap().0, class_general(b as char), "byte {b:#x}");
        }
    }

    #[test]
    fn every_table_char_agrees() {
        for cp in (0x80..0x800).chain(0x2000..0x3000).chain(EMOJI_START..=EMOJI_END) {
            let Some(c) = char::from_u32(cp) else { continue };
            let s = format!("{c}a");
            assert_eq!(class_at(&s, 0).unwrap(), (class_general(c), c, c.len_utf8()), "U+{cp:04X}");
        }
    }

    #[test]
    fn letter_checks_agree_with_std() {
        for cp in (0..0x800).chain(0x1E00..0x2100) {
            if let Some(c) = char::from_u32(cp) {
                assert_eq!(is_letter(c), c.is_alphabetic(), "U+{cp:04X}");
                assert_eq!(is_alnum(c), c.is_alphanumeric(), "U+{cp:04X}");
            }
        }
    }

    proptest! {
        #[test]
        fn fast_word_end_equals_general(s in "[a-zA-Z0-9 .,ӀҚқәі\u{0482}\u{0483}\u{0301}\u{00A0}\u{00AD}😀é-]{0,20}") {
            for (i, _) in s.char_indices() {
                prop_assert_eq!(word_end(&s, i), word_end_general(&s, i));
            }
        }

        #[test]
        fn fast_word_end_equals_general_on_long_words(
            s in "[a-zA-Z0-9ҚқәіЯяЁёӀӏҢңҰұҺһ]{10,40}[ ,.\u{0482}\u{0483}\u{00A0}😀é@`{/:]{0,2}[a-zҚқәі\u{0482}]{0,20}"
        ) {
            for (i, _) in s.char_indices() {
                prop_assert_eq!(word_end(&s, i), word_end_general(&s, i));
            }
        }

        #[test]
        fn fast_class_equals_general(s in any::<String>()) {
            for (i, c) in s.char_indices() {
                let (class, d, n) = class_at(&s, i).unwrap();
                prop_assert_eq!((class, d, n), (class_general(c), c, c.len_utf8()));
                prop_assert_eq!(word_end(&s, i), word_end_general(&s, i));
            }
        }
    }
}
