//! Fingerprints of texts, for finding exact duplicate documents.
//!
//! A text's fingerprint depends on its words (the runs of bytes that are not ASCII
//! white space) and their order only, so the same text with other line endings or
//! indentation is the same document. It is two polynomials in the hashes of the
//! words, modulo a prime, with the number of words: built so that the fingerprints of
//! consecutive pieces of a text, taken in parallel, put together give the fingerprint
//! of the whole ([`Fingerprint::then`]).
//!
//! Every byte of a corpus run goes through [`Fingerprint::of`] (duplicates are looked
//! for by default), on the thread that reads ahead of the workers, so the words are
//! found 64 bytes at a time (a mask of the white space, and a step per white-space
//! byte rather than a branch per byte).

use std::hash::BuildHasher;

/// The Mersenne prime 2^61 - 1: the polynomials are taken modulo it, so that no
/// sequence of words (such as the Thue-Morse one, which defeats arithmetic modulo
/// 2^64) collides whatever the word hashes are.
const PRIME: u64 = (1 << 61) - 1;
/// The bases of the two polynomials (below `PRIME`).
const BASES: [u64; 2] = [0x0ad6_3c4e_91f7_2b15, 0x1c3f_5e8a_0b97_d463];
/// The seed of the word hash, and of the hashes that mix the sums into the value.
const SEEDS: [u64; 2] = [0x736f_7a64_696b, 0x6475_706c_6963_6174];

/// A 128-bit fingerprint of a text for finding exact duplicates: runs of white space
/// count as one space and leading and trailing white space is ignored, so the same
/// text with other line endings or indentation is the same document.
pub fn fingerprint(text: &str) -> u128 {
    Fingerprint::of(text).value()
}

/// The [`fingerprint`] of a text, built so that it can be put together from the
/// fingerprints of consecutive pieces: `Fingerprint::of(a).then(Fingerprint::of(b))`
/// equals `Fingerprint::of(a + b)` when `a` ends or `b` starts with white space. A
/// large text read in pieces ([`crate::Piece`]) is fingerprinted piece by piece, in
/// parallel, and still compares equal to the same text read whole.
///
/// Both polynomials are in the same hash of each word (64 bits, taken modulo the
/// prime), at two bases: two texts of different words collide when two different
/// words' hashes do (a chance of about 2^-61 for a pair of words) or when both
/// polynomials do (about `words` in 2^122).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Fingerprint {
    sums: [u64; 2],
    words: u64,
}

impl Fingerprint {
    /// The fingerprint of `text`.
    pub fn of(text: &str) -> Fingerprint {
        let hasher = foldhash::fast::FixedState::with_seed(SEEDS[0]);
        let bytes = text.as_bytes();
        let mut f = Fingerprint::default();
        for_each_word(bytes, |start, end| f.push(reduce(word_hash(&hasher, bytes, start, end))));
        f
    }

    /// Adds a word, by the hash of its text (below `PRIME`).
    fn push(&mut self, h: u64) {
        for (sum, base) in self.sums.iter_mut().zip(BASES) {
            *sum = add_mod(mul_mod(*sum, base), h);
        }
        self.words += 1;
    }

    /// The fingerprint of this text followed by the text of `next`.
    pub fn then(self, next: Fingerprint) -> Fingerprint {
        // This text's polynomials are shifted past the next one's words: each base to
        // the power of their number, found by squaring when it is needed (once a
        // piece), not kept up to date word by word.
        let sums = [0, 1].map(|i| add_mod(mul_mod(self.sums[i], pow_mod(BASES[i], next.words)), next.sums[i]));
        Fingerprint { sums, words: self.words + next.words }
    }

    /// The 128-bit value compared between documents.
    pub fn value(self) -> u128 {
        use std::hash::Hasher;
        let [a, b] = SEEDS.map(|seed| foldhash::fast::FixedState::with_seed(seed).build_hasher());
        let (mut a, mut b) = (a, b);
        a.write_u64(self.sums[0]);
        a.write_u64(self.words);
        b.write_u64(self.sums[1]);
        b.write_u64(self.words);
        ((a.finish() as u128) << 64) | b.finish() as u128
    }
}

/// `x` modulo `PRIME`.
fn reduce(x: u64) -> u64 {
    let r = (x & PRIME) + (x >> 61);
    if r >= PRIME {
        r - PRIME
    } else {
        r
    }
}

fn mul_mod(x: u64, y: u64) -> u64 {
    let p = x as u128 * y as u128;
    let r = (p as u64 & PRIME) + (p >> 61) as u64;
    if r >= PRIME {
        r - PRIME
    } else {
        r
    }
}

fn add_mod(x: u64, y: u64) -> u64 {
    let r = x + y;
    if r >= PRIME {
        r - PRIME
    } else {
        r
    }
}

fn pow_mod(mut base: u64, mut exp: u64) -> u64 {
    let mut r = 1;
    while exp > 0 {
        if exp & 1 == 1 {
            r = mul_mod(r, base);
        }
        base = mul_mod(base, base);
        exp >>= 1;
    }
    r
}

/// The hash of the word `bytes[start..end]`: its bytes alone, without `Hash`'s
/// length prefix (foldhash's `write` already tells lengths apart, and the prefix costs
/// a multiplication more).
fn word_hash(hasher: &foldhash::fast::FixedState, bytes: &[u8], start: usize, end: usize) -> u64 {
    use std::hash::Hasher;
    let mut h = hasher.build_hasher();
    h.write(&bytes[start..end]);
    h.finish()
}

/// Bit `b` is set for each byte `b` of ASCII white space (`u8::is_ascii_whitespace`:
/// tab, line feed, form feed, carriage return, space).
const WHITE: u64 = 1 << b'\t' | 1 << b'\n' | 1 << 0x0c | 1 << b'\r' | 1 << b' ';

/// The white-space bytes of a 64-byte window, a bit each.
fn white_mask(window: &[u8; 64]) -> u64 {
    #[cfg(target_arch = "x86_64")]
    {
        // SAFETY: SSE2 is part of the x86-64 baseline.
        unsafe { white_mask_sse2(window) }
    }
    #[cfg(not(target_arch = "x86_64"))]
    white_mask_bytes(window)
}

/// [`white_mask`] a byte at a time, without a branch: the fallback away from x86-64,
/// and what the tests hold the vector version to.
#[cfg_attr(target_arch = "x86_64", allow(dead_code))]
fn white_mask_bytes(window: &[u8; 64]) -> u64 {
    let mut mask = 0;
    for (i, &b) in window.iter().enumerate() {
        mask |= ((b < 64) as u64 & (WHITE >> (b & 63))) << i;
    }
    mask
}

/// [`white_mask`] 16 bytes at a time: each compared with the five white-space bytes.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "sse2")]
fn white_mask_sse2(window: &[u8; 64]) -> u64 {
    use std::arch::x86_64::*;
    let mut mask = 0;
    for k in 0..4 {
        // SAFETY: the 16 bytes from 16 * k are in `window`; the load is unaligned.
        let v = unsafe { _mm_loadu_si128(window.as_ptr().add(16 * k).cast()) };
        let is = |b: u8| _mm_cmpeq_epi8(v, _mm_set1_epi8(b as i8));
        let white =
            _mm_or_si128(_mm_or_si128(_mm_or_si128(is(b' '), is(b'\n')), _mm_or_si128(is(b'\t'), is(b'\r'))), is(0x0c));
        mask |= u64::from(_mm_movemask_epi8(white) as u16) << (16 * k);
    }
    mask
}

/// Calls `f` with the start and end of each word of `bytes`, in order: the runs of
/// bytes that are not ASCII white space.
fn for_each_word(bytes: &[u8], mut f: impl FnMut(usize, usize)) {
    // Where the word being read began: just past the last white space.
    let mut start = 0;
    let mut windows = bytes.chunks_exact(64);
    let mut base = 0;
    for window in windows.by_ref() {
        words_ending_in(base, white_mask(window.try_into().expect("64 bytes")), &mut start, &mut f);
        base += 64;
    }
    // The last bytes, padded with a byte that is not white space.
    let rest = windows.remainder();
    let mut last = [b'x'; 64];
    last[..rest.len()].copy_from_slice(rest);
    words_ending_in(base, white_mask(&last), &mut start, &mut f);
    if start < bytes.len() {
        f(start, bytes.len());
    }
}

/// Calls `f` with each word that ends in the window at `base`, whose white-space
/// bytes are `mask`, and moves `start` past the window's white space.
#[inline(always)]
fn words_ending_in(base: usize, mut mask: u64, start: &mut usize, f: &mut impl FnMut(usize, usize)) {
    while mask != 0 {
        let i = base + mask.trailing_zeros() as usize;
        mask &= mask - 1;
        if i > *start {
            f(*start, i);
        }
        *start = i + 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_ignore_white_space_only() {
        assert_eq!(fingerprint("бір екі\r\n"), fingerprint("  бір\n\nекі"));
        assert_ne!(fingerprint("бір екі"), fingerprint("екі бір"));
        assert_eq!(fingerprint(""), fingerprint(" "));
        let whole = Fingerprint::of("бір екі\nүш төрт\n\nбес");
        let pieces = Fingerprint::of("бір екі\n").then(Fingerprint::of("үш төрт\n")).then(Fingerprint::of("\nбес"));
        assert_eq!(whole, pieces);
        assert_eq!(whole, Fingerprint::default().then(whole));
        assert_ne!(fingerprint("бір екі"), fingerprint("бірекі"));
        assert_ne!(fingerprint("бір екі"), fingerprint("бір екі үш"));
        // A control character that is not white space is part of a word.
        assert_ne!(fingerprint("бір\u{b}екі"), fingerprint("бір екі"));
        assert_ne!(fingerprint("бір\u{0}екі"), fingerprint("бір екі"));
    }

    #[test]
    fn pow_mod_is_repeated_multiplication() {
        let mut p = 1;
        for e in 0..200 {
            assert_eq!(pow_mod(BASES[1], e), p, "{e}");
            p = mul_mod(p, BASES[1]);
        }
    }

    /// Characters around every edge the word finder tests: white space, the control
    /// characters beside it, `!` just above space, bytes with the high bit set.
    fn text() -> impl proptest::strategy::Strategy<Value = String> {
        let chars = proptest::sample::select(vec![
            ' ', '\t', '\n', '\u{b}', '\u{c}', '\r', '\u{0}', '\u{1f}', '!', 'a', '\u{7f}', 'ә', 'Ү', '€', '😀',
        ]);
        proptest::collection::vec(chars, 0..100).prop_map(|c| c.into_iter().collect())
    }

    use proptest::strategy::Strategy;

    proptest::proptest! {
        #[test]
        fn words_are_the_runs_between_white_space(s in text()) {
            let mut got: Vec<&[u8]> = Vec::new();
            for_each_word(s.as_bytes(), |start, end| got.push(&s.as_bytes()[start..end]));
            let want: Vec<&[u8]> = s.as_bytes().split(u8::is_ascii_whitespace).filter(|w| !w.is_empty()).collect();
            proptest::prop_assert_eq!(got, want);
        }

        #[test]
        fn the_vector_mask_is_the_byte_mask(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 64)) {
            let window: [u8; 64] = bytes.try_into().unwrap();
            proptest::prop_assert_eq!(white_mask(&window), white_mask_bytes(&window));
            let want = window.iter().enumerate().filter(|(_, b)| b.is_ascii_whitespace()).fold(0u64, |m, (i, _)| m | 1 << i);
            proptest::prop_assert_eq!(white_mask_bytes(&window), want);
        }

        #[test]
        fn pieces_put_together_give_the_whole(a in text(), b in text(), c in text()) {
            let (a, b) = (a + "\n", b + " ");
            let whole = Fingerprint::of(&format!("{a}{b}{c}"));
            let pieces = Fingerprint::of(&a).then(Fingerprint::of(&b)).then(Fingerprint::of(&c));
            proptest::prop_assert_eq!(whole, pieces);
            proptest::prop_assert_eq!(whole, Fingerprint::of(&a).then(Fingerprint::of(&b).then(Fingerprint::of(&c))));
        }
    }
}
