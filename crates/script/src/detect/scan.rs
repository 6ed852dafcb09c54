//! One pass over the bytes of a document for what detection needs to know: its letters
//! by script, and whether it has one of the letters that only KZ-1048 damage puts in
//! Kazakh text. On x86-64 the pass runs on vectors of 16 (SSE2) or 32 (AVX2) bytes; a
//! byte loop does the rest, and a test checks every path against a char loop.

use crate::script::{is_cyrillic, is_latin};

/// What [`scan()`] finds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Scan {
    /// Cyrillic letters; every character of U+0400..U+04FF counts.
    pub cyr: usize,
    /// Latin letters ([`is_latin`]).
    pub lat: usize,
    /// Letters of other scripts.
    pub other: usize,
    /// Whether one of ќ Ќ ѕ Ѕ ј Ј occurs (see [`detect_kz1048`](super::detect_kz1048)).
    pub strong: bool,
}

/// The [`Scan`] of `text`.
pub(super) fn scan(text: &str) -> Scan {
    #[cfg(target_arch = "x86_64")]
    {
        if std::is_x86_feature_detected!("avx2") {
            // SAFETY: the processor has AVX2.
            return unsafe { scan_avx2(text) };
        }
        // SAFETY: SSE2 is part of the x86-64 baseline.
        unsafe { scan_sse2(text) }
    }
    #[cfg(not(target_arch = "x86_64"))]
    scan_bytes(text, 0, Scan::default())
}

/// Whether `c` is in a block that has no letters: General Punctuation, and the emoji
/// and pictographs from U+1F190 (a test checks both against the Unicode tables).
#[inline]
fn is_never_letter(c: char) -> bool {
    matches!(c as u32, 0x2000..=0x206F | 0x1F190..=0x1FAFF)
}

/// Counts the character that starts at byte `i` of `text`, whose lead byte is from C0
/// but not one of Cyrillic (D0..D3).
#[inline]
fn count_other(text: &str, i: usize, scan: &mut Scan) {
    let c = text[i..].chars().next().unwrap_or(' ');
    // Quotes, dashes and emoji, common in comments, are no letters.
    if is_never_letter(c) {
        return;
    }
    if is_cyrillic(c) {
        scan.cyr += 1;
    } else if is_latin(c) {
        scan.lat += 1;
    } else if c.is_alphabetic() {
        scan.other += 1;
    }
}

/// Whether the bytes `lead`, `next` are ќ ѕ ј (D1 9C, D1 95, D1 98) or Ќ Ѕ Ј (D0 8C,
/// D0 85, D0 88).
#[inline]
fn is_strong_pair(lead: u8, next: u8) -> bool {
    matches!((lead, next), (0xD1, 0x9C | 0x95 | 0x98) | (0xD0, 0x8C | 0x85 | 0x88))
}

/// Adds the bytes of `text` from `from` on to `scan`, one at a time: the tail of the
/// vector loop, and the whole scan where there is none. ASCII letters and the lead bytes
/// of two-byte Cyrillic (U+0400..U+04FF) are counted without decoding; continuation
/// bytes count as nothing.
fn scan_bytes(text: &str, from: usize, mut scan: Scan) -> Scan {
    let b = text.as_bytes();
    for (i, &x) in b.iter().enumerate().skip(from) {
        if x < 0x80 {
            scan.lat += usize::from(x.is_ascii_alphabetic());
        } else if x & 0xFC == 0xD0 {
            scan.cyr += 1;
            scan.strong |= b.get(i + 1).is_some_and(|&next| is_strong_pair(x, next));
        } else if x >= 0xC0 {
            count_other(text, i, &mut scan);
        }
    }
    scan
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "sse2")]
fn scan_sse2(text: &str) -> Scan {
    // SAFETY: SSE2 is enabled here.
    unsafe { scan_vectors::<std::arch::x86_64::__m128i>(text) }
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn scan_avx2(text: &str) -> Scan {
    // SAFETY: AVX2 is enabled here.
    unsafe { scan_vectors::<std::arch::x86_64::__m256i>(text) }
}

/// Vector rounds between two sums of the u8 lane counters, which must not overflow.
#[cfg(target_arch = "x86_64")]
const BATCH: usize = 64;

/// The [`Scan`] of `text`, a vector of bytes a round, for about one instruction a byte
/// with AVX2. The lead bytes of characters outside ASCII and Cyrillic (emoji, dashes,
/// accented Latin) are noted in the loop and decoded after it, so that the loop calls
/// nothing and keeps its counters in registers.
///
/// # Safety
///
/// The processor must have the instructions `V` uses, and the caller must enable them
/// (`#[target_feature]`) for this to compile to them.
#[cfg(target_arch = "x86_64")]
#[inline(always)]
unsafe fn scan_vectors<V: Bytes>(text: &str) -> Scan {
    let b = text.as_bytes();
    let mut scan = Scan::default();
    // Lanes where a pair of bytes was one of ќ ѕ ј Ќ Ѕ Ј.
    let mut strong = V::splat(0);
    // The rounds of a batch with other lead bytes: the round in the high half, its lanes below.
    let mut pending = [0u64; BATCH];
    let mut at = 0;
    // Each round reads V::LANES bytes from `at` and, for the pairs, the byte after them.
    while b.len() - at > V::LANES {
        let rounds = ((b.len() - 1 - at) / V::LANES).min(BATCH);
        let (mut lat, mut cyr) = (V::splat(0), V::splat(0));
        let mut n = 0;
        for r in 0..rounds {
            // SAFETY: p + V::LANES + 1 <= b.len(), as rounds is chosen: both loads are in `b`.
            let p = b.as_ptr().add(at + V::LANES * r);
            let (v, next) = (V::load(p), V::load(p.add(1)));
            // ASCII letters: (x | 0x20) - 'a' < 26, as a signed compare after moving 'a' to -128.
            let l = v.or(V::splat(0x20)).add(V::splat(0x80 - b'a')).lt(V::splat(0x80 + 26));
            lat = lat.sub(l);
            // Lead bytes D0..D3 of two-byte Cyrillic.
            let c = v.and(V::splat(0xFC)).eq(V::splat(0xD0));
            cyr = cyr.sub(c);
            // Other lead bytes: from C0, not Cyrillic.
            let others = c.and_not(v.max(V::splat(0xC0)).eq(v)).mask();
            if others != 0 {
                pending[n] = (r as u64) << 32 | u64::from(others);
                n += 1;
            }
            // ќ ѕ ј are D1 followed by 95 98 9C; Ќ Ѕ Ј are D0 followed by 85 88 8C,
            // which adding 0x10 after D0 turns into the same three.
            let lead = v.and(V::splat(0xFE)).eq(V::splat(0xD0));
            let key = next.add(v.eq(V::splat(0xD0)).and(V::splat(0x10)));
            let set = key.eq(V::splat(0x95)).or(key.eq(V::splat(0x98))).or(key.eq(V::splat(0x9C)));
            strong = strong.or(lead.and(set));
        }
        scan.lat += lat.sum();
        scan.cyr += cyr.sum();
        for &p in &pending[..n] {
            let start = at + V::LANES * (p >> 32) as usize;
            let mut lanes = p as u32;
            while lanes != 0 {
                count_other(text, start + lanes.trailing_zeros() as usize, &mut scan);
                lanes &= lanes - 1;
            }
        }
        at += V::LANES * rounds;
    }
    scan.strong = strong.mask() != 0;
    scan_bytes(text, at, scan)
}

/// The byte-vector operations [`scan_vectors`] uses, lane by lane. Every method needs
/// the instructions of its type, enabled where it is inlined.
#[cfg(target_arch = "x86_64")]
trait Bytes: Copy {
    /// Bytes in a vector, at most 32 (see [`Bytes::mask`]).
    const LANES: usize;
    /// `LANES` bytes from `p`, which need not be aligned.
    unsafe fn load(p: *const u8) -> Self;
    /// `x` in every lane.
    unsafe fn splat(x: u8) -> Self;
    unsafe fn or(self, o: Self) -> Self;
    unsafe fn and(self, o: Self) -> Self;
    /// `!self & o`.
    unsafe fn and_not(self, o: Self) -> Self;
    /// Wrapping.
    unsafe fn add(self, o: Self) -> Self;
    /// Wrapping.
    unsafe fn sub(self, o: Self) -> Self;
    /// 0xFF where equal, else 0.
    unsafe fn eq(self, o: Self) -> Self;
    /// 0xFF where less as `i8`, else 0.
    unsafe fn lt(self, o: Self) -> Self;
    /// The larger as `u8`.
    unsafe fn max(self, o: Self) -> Self;
    /// The top bit of each lane, lane 0 in bit 0.
    unsafe fn mask(self) -> u32;
    /// The sum of the lanes as `u8`.
    unsafe fn sum(self) -> usize;
}

#[cfg(target_arch = "x86_64")]
impl Bytes for std::arch::x86_64::__m128i {
    const LANES: usize = 16;
    #[inline(always)]
    unsafe fn load(p: *const u8) -> Self {
        std::arch::x86_64::_mm_loadu_si128(p.cast())
    }
    #[inline(always)]
    unsafe fn splat(x: u8) -> Self {
        std::arch::x86_64::_mm_set1_epi8(x as i8)
    }
    #[inline(always)]
    unsafe fn or(self, o: Self) -> Self {
        std::arch::x86_64::_mm_or_si128(self, o)
    }
    #[inline(always)]
    unsafe fn and(self, o: Self) -> Self {
        std::arch::x86_64::_mm_and_si128(self, o)
    }
    #[inline(always)]
    unsafe fn and_not(self, o: Self) -> Self {
        std::arch::x86_64::_mm_andnot_si128(self, o)
    }
    #[inline(always)]
    unsafe fn add(self, o: Self) -> Self {
        std::arch::x86_64::_mm_add_epi8(self, o)
    }
    #[inline(always)]
    unsafe fn sub(self, o: Self) -> Self {
        std::arch::x86_64::_mm_sub_epi8(self, o)
    }
    #[inline(always)]
    unsafe fn eq(self, o: Self) -> Self {
        std::arch::x86_64::_mm_cmpeq_epi8(self, o)
    }
    #[inline(always)]
    unsafe fn lt(self, o: Self) -> Self {
        std::arch::x86_64::_mm_cmplt_epi8(self, o)
    }
    #[inline(always)]
    unsafe fn max(self, o: Self) -> Self {
        std::arch::x86_64::_mm_max_epu8(self, o)
    }
    #[inline(always)]
    unsafe fn mask(self) -> u32 {
        std::arch::x86_64::_mm_movemask_epi8(self) as u32
    }
    #[inline(always)]
    unsafe fn sum(self) -> usize {
        use std::arch::x86_64::*;
        let s = _mm_sad_epu8(self, _mm_setzero_si128());
        (_mm_cvtsi128_si64(s) + _mm_cvtsi128_si64(_mm_unpackhi_epi64(s, s))) as usize
    }
}

#[cfg(target_arch = "x86_64")]
impl Bytes for std::arch::x86_64::__m256i {
    const LANES: usize = 32;
    #[inline(always)]
    unsafe fn load(p: *const u8) -> Self {
        std::arch::x86_64::_mm256_loadu_si256(p.cast())
    }
    #[inline(always)]
    unsafe fn splat(x: u8) -> Self {
        std::arch::x86_64::_mm256_set1_epi8(x as i8)
    }
    #[inline(always)]
    unsafe fn or(self, o: Self) -> Self {
        std::arch::x86_64::_mm256_or_si256(self, o)
    }
    #[inline(always)]
    unsafe fn and(self, o: Self) -> Self {
        std::arch::x86_64::_mm256_and_si256(self, o)
    }
    #[inline(always)]
    unsafe fn and_not(self, o: Self) -> Self {
        std::arch::x86_64::_mm256_andnot_si256(self, o)
    }
    #[inline(always)]
    unsafe fn add(self, o: Self) -> Self {
        std::arch::x86_64::_mm256_add_epi8(self, o)
    }
    #[inline(always)]
    unsafe fn sub(self, o: Self) -> Self {
        std::arch::x86_64::_mm256_sub_epi8(self, o)
    }
    #[inline(always)]
    unsafe fn eq(self, o: Self) -> Self {
        std::arch::x86_64::_mm256_cmpeq_epi8(self, o)
    }
    #[inline(always)]
    unsafe fn lt(self, o: Self) -> Self {
        std::arch::x86_64::_mm256_cmpgt_epi8(o, self)
    }
    #[inline(always)]
    unsafe fn max(self, o: Self) -> Self {
        std::arch::x86_64::_mm256_max_epu8(self, o)
    }
    #[inline(always)]
    unsafe fn mask(self) -> u32 {
        std::arch::x86_64::_mm256_movemask_epi8(self) as u32
    }
    #[inline(always)]
    unsafe fn sum(self) -> usize {
        use std::arch::x86_64::*;
        let s = _mm256_sad_epu8(self, _mm256_setzero_si256());
        let s = _mm_add_epi64(_mm256_castsi256_si128(s), _mm256_extracti128_si256::<1>(s));
        (_mm_cvtsi128_si64(s) + _mm_cvtsi128_si64(_mm_unpackhi_epi64(s, s))) as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn never_letter_blocks_have_no_letters() {
        for cp in (0x2000..=0x206F).chain(0x1F190..=0x1FAFF) {
            if let Some(c) = char::from_u32(cp) {
                assert!(!c.is_alphabetic() && is_never_letter(c), "U+{cp:04X}");
            }
        }
    }

    /// The [`Scan`] of `s`, a char at a time.
    fn scan_chars(s: &str) -> Scan {
        let mut scan = Scan::default();
        for c in s.chars() {
            if ('\u{0400}'..='\u{04FF}').contains(&c) || is_cyrillic(c) {
                scan.cyr += 1;
            } else if is_latin(c) {
                scan.lat += 1;
            } else if c.is_alphabetic() {
                scan.other += 1;
            }
            scan.strong |= matches!(c, 'ќ' | 'Ќ' | 'ѕ' | 'Ѕ' | 'ј' | 'Ј');
        }
        scan
    }

    /// Checks every path of [`scan()`] on `s`.
    fn check(s: &str) -> Result<(), TestCaseError> {
        let want = scan_chars(s);
        prop_assert_eq!(scan(s), want);
        prop_assert_eq!(scan_bytes(s, 0, Scan::default()), want);
        #[cfg(target_arch = "x86_64")]
        {
            // SAFETY: SSE2 is part of the x86-64 baseline.
            prop_assert_eq!(unsafe { scan_sse2(s) }, want);
            if std::is_x86_feature_detected!("avx2") {
                // SAFETY: the processor has AVX2.
                prop_assert_eq!(unsafe { scan_avx2(s) }, want);
            }
        }
        Ok(())
    }

    #[test]
    fn long_text() {
        // Several batches, so that the u8 lane counters are summed on the way.
        check(&"Қазақстан Republic 😀 — ќ ".repeat(400)).unwrap();
        check(&("Ќ".repeat(3000) + "a")).unwrap();
        check(&("a".repeat(5000) + "ј")).unwrap();
    }

    proptest! {
        #[test]
        fn scan_equals_char_by_char(
            s in "[a-zA-Z0-9 .,ӀҚқәіаяЁ\u{0482}\u{0483}\u{0301}éöçğ😀ΩßİıəɵḤ日{}@`ќЍѕЅјЈьхшЕИѐ-]{0,300}",
            repeat in 1usize..16,
        ) {
            check(&s.repeat(repeat))?;
        }

        #[test]
        fn scan_equals_char_by_char_on_any_text(s in any::<String>()) {
            check(&s)?;
        }
    }
}
