//! A hash map from strings to `u32` indices, tuned for counting words: the spelling
//! cache that every word token is looked up in, and the maps of words and stems.
//!
//! In a vocabulary of a hundred thousand forms most lookups of the rarer words miss
//! the processor's caches. The table is open addressing with linear probing in one
//! array of 8-byte slots, so the slot a key hashes to is known before the lookup, and
//! [`StrMap::prefetch`] can ask for it while the previous words of a batch are looked
//! up: the misses of a batch overlap instead of being waited for one by one. (A
//! general-purpose map hides where its slots are.) The keys are kept apart, in the
//! order they were added (see [`StrMap`]): the frequent words, added first, lie
//! together, and the map is read in that order ([`StrMap::iter`]), which is the order
//! of the indices when they are given out as keys come. Lookups take `&str` and copy
//! the key only when it is added; the hasher is foldhash with a fixed seed, and
//! iteration order never reaches a report, which is sorted.

use foldhash::fast::FixedState;
use std::hash::BuildHasher;

/// Asks the processor to bring the cache line of `value` in, without waiting for it.
#[inline(always)]
pub(crate) fn prefetch<T: ?Sized>(value: &T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch is only a hint: it reads nothing the program sees and cannot
    // fault, and `value` is a valid reference anyway.
    unsafe {
        std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>((value as *const T).cast());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = value;
}

/// Asks for the cache line of `items[i]`, as [`prefetch`], where `i` need not be in
/// bounds: a prefetch reads nothing, so a loop can ask without a branch and ignore
/// what it asked for.
#[inline(always)]
pub(crate) fn prefetch_at<T>(items: &[T], i: usize) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: as for `prefetch`; the address is computed with `wrapping_add` and never
    // dereferenced.
    unsafe {
        std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(items.as_ptr().wrapping_add(i).cast());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = (items, i);
}

/// How far ahead of its use an item of a loop over scattered data is asked for with
/// [`prefetch`]: far enough for the memory to answer, near enough to stay in the cache.
pub(crate) const PREFETCH_AHEAD: usize = 16;

/// A map from strings to `u32` values; see the module docs.
///
/// A slot is eight bytes: the key's tag (the high half of its hash), which tells most
/// other keys apart without reading them, above the offset of the key's record, plus
/// one (0 is an empty slot). The records hold the keys, in the order they were added:
/// the value (4 bytes, little-endian), the key's length (2 bytes) and the key.
/// Slots of eight bytes make the table a quarter of the size of one that holds the
/// keys.
#[derive(Clone)]
pub(crate) struct StrMap {
    slots: Vec<u64>,
    records: Vec<u8>,
    len: usize,
    hasher: FixedState,
}

impl Default for StrMap {
    fn default() -> Self {
        StrMap { slots: Vec::new(), records: Vec::new(), len: 0, hasher: FixedState::with_seed(0x736f_7a64_696b) }
    }
}

impl std::fmt::Debug for StrMap {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

/// The bytes of a record before its key.
const RECORD_HEAD: usize = 6;

/// Where a lookup of a batch stands after [`StrMap::candidate`].
#[derive(Clone, Copy)]
pub(crate) enum Candidate {
    /// The key is not in the map.
    Absent,
    /// The first slot with the key's tag, and its record's offset.
    At(usize, usize),
}

impl StrMap {
    /// The hash of `key`, for [`StrMap::prefetch`] and [`StrMap::get`].
    #[inline]
    pub(crate) fn hash(&self, key: &str) -> u64 {
        self.hasher.hash_one(key)
    }

    /// The slot a key's probe starts at: taken from the bits of its tag, so that a slot
    /// tells its home without its key, and moving the slots into a larger table reads
    /// neither keys nor hashes (see [`StrMap::resize`]). Keys with one home share the
    /// low bits of their tags; the rest (18 bits in a table of 16,384 slots, 8 in one
    /// of 16 million) still tell most of them apart.
    #[inline]
    fn home(&self, hash: u64) -> usize {
        (hash >> 32) as usize & (self.slots.len().wrapping_sub(1))
    }

    #[inline]
    fn tag(hash: u64) -> u64 {
        hash >> 32 << 32
    }

    /// The key and the value of the record at `at`.
    #[inline]
    fn record(&self, at: usize) -> (&str, u32) {
        let r = &self.records[at..];
        let value = u32::from_le_bytes(r[..4].try_into().expect("4 bytes"));
        let len = u16::from_le_bytes(r[4..6].try_into().expect("2 bytes")) as usize;
        // SAFETY: a record holds the bytes of a `&str` key, cut at its length.
        (unsafe { std::str::from_utf8_unchecked(&r[RECORD_HEAD..RECORD_HEAD + len]) }, value)
    }

    /// The value of the record at `at` if its key is `key`.
    #[inline(always)]
    fn value_if(&self, at: usize, key: &str) -> Option<u32> {
        let (k, value) = self.record(at);
        same(k.as_bytes(), key.as_bytes()).then_some(value)
    }

    /// Asks the processor to bring the slot `hash` starts probing at into the cache.
    #[inline]
    pub(crate) fn prefetch(&self, hash: u64) {
        if self.slots.is_empty() {
            return;
        }
        prefetch(&self.slots[self.home(hash)]);
    }

    /// The first slot from the home of `hash` that is empty or has its tag: the
    /// first step of a lookup, for a batch of keys whose slots were asked for with
    /// [`StrMap::prefetch`]. The record found is asked for in turn.
    #[inline(always)]
    pub(crate) fn candidate(&self, hash: u64) -> Candidate {
        if self.slots.is_empty() {
            return Candidate::Absent;
        }
        self.probe(hash, self.home(hash))
    }

    /// The first slot from `i` on that is empty or has the tag of `hash`.
    #[inline(always)]
    fn probe(&self, hash: u64, mut i: usize) -> Candidate {
        let (tag, mask) = (Self::tag(hash), self.slots.len() - 1);
        loop {
            let s = self.slots[i];
            if s == 0 {
                return Candidate::Absent;
            }
            if s & !0xFFFF_FFFF == tag {
                let at = (s as u32 - 1) as usize;
                prefetch(&self.records[at]);
                return Candidate::At(i, at);
            }
            i = (i + 1) & mask;
        }
    }

    /// The second step of a lookup of `key` (hash `hash`): its value, when the
    /// candidate is the key or a later slot of its probe sequence holds it.
    #[inline(always)]
    pub(crate) fn resolve(&self, key: &str, hash: u64, mut candidate: Candidate) -> Option<u32> {
        loop {
            let Candidate::At(i, at) = candidate else { return None };
            if let Some(value) = self.value_if(at, key) {
                return Some(value);
            }
            // Another key with the same tag: rare; go on along the probe sequence.
            candidate = self.probe(hash, (i + 1) & (self.slots.len() - 1));
        }
    }

    /// The value of `key`, whose hash is `hash`.
    #[inline]
    pub(crate) fn get_hashed(&self, key: &str, hash: u64) -> Option<u32> {
        self.resolve(key, hash, self.candidate(hash))
    }

    /// The value of `key`, if it is in the map.
    pub(crate) fn get(&self, key: &str) -> Option<u32> {
        self.get_hashed(key, self.hash(key))
    }

    /// The value of `key`, adding it with the value `make()` first when it is missing.
    ///
    /// # Panics
    /// When the map cannot hold the key (see [`StrMap::insert_new`]).
    pub(crate) fn get_or_insert_with(&mut self, key: &str, make: impl FnOnce() -> u32) -> u32 {
        self.get_or_insert_hashed(key, self.hash(key), make)
    }

    /// [`StrMap::get_or_insert_with`] of `key`, whose hash is `hash`.
    #[inline]
    pub(crate) fn get_or_insert_hashed(&mut self, key: &str, hash: u64, make: impl FnOnce() -> u32) -> u32 {
        if let Some(value) = self.get_hashed(key, hash) {
            return value;
        }
        let value = make();
        assert!(self.insert_new(key, hash, value), "more than 4 GiB of distinct keys in one table");
        value
    }

    /// Adds `key`, which must not be in the map, with its hash and value; false when
    /// the map cannot hold it: past 4 GiB of keys, or a key of 64 KiB or more.
    pub(crate) fn insert_new(&mut self, key: &str, hash: u64, value: u32) -> bool {
        // At most half full, so that probe runs stay short.
        if (self.len + 1) * 2 > self.slots.len() {
            self.grow();
        }
        let at = self.records.len();
        // Offsets are kept in 32 bits and lengths in 16.
        let (Ok(offset), Ok(len)) = (u32::try_from(at + 1), u16::try_from(key.len())) else { return false };
        self.records.extend_from_slice(&value.to_le_bytes());
        self.records.extend_from_slice(&len.to_le_bytes());
        self.records.extend_from_slice(key.as_bytes());
        self.place(Self::tag(hash) | offset as u64, hash);
        self.len += 1;
        true
    }

    fn place(&mut self, slot: u64, hash: u64) {
        let mask = self.slots.len() - 1;
        let mut i = self.home(hash);
        while self.slots[i] != 0 {
            i = (i + 1) & mask;
        }
        self.slots[i] = slot;
    }

    fn grow(&mut self) {
        self.resize((self.slots.len() * 2).max(1024));
    }

    /// Makes room for `more` keys of `bytes` bytes in all, so that adding them does not
    /// move the table again and again.
    pub(crate) fn reserve(&mut self, more: usize, bytes: usize) {
        let size = ((self.len + more) * 2).next_power_of_two().max(1024);
        if size > self.slots.len() {
            self.resize(size);
        }
        self.records.reserve(bytes + more * RECORD_HEAD);
    }

    /// Moves the slots into a table of `size` slots, a power of two. A slot's high half
    /// is the high half of its key's hash, all that [`StrMap::home`] needs.
    fn resize(&mut self, size: usize) {
        let old = std::mem::replace(&mut self.slots, written(size, 0));
        for s in old.into_iter().filter(|&s| s != 0) {
            self.place(s, s);
        }
    }

    /// Removes every key, keeping the memory: a map filled again to about its size
    /// does not grow through every size below it again.
    pub(crate) fn clear(&mut self) {
        self.slots.fill(0);
        self.records.clear();
        self.len = 0;
    }

    /// Number of keys.
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// The bytes of the keys, in all.
    pub(crate) fn key_bytes(&self) -> usize {
        self.records.len() - self.len * RECORD_HEAD
    }

    /// Whether the map has no keys.
    pub(crate) fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Keys and values, in the order the keys were added.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (&str, u32)> {
        let mut at = 0;
        std::iter::from_fn(move || {
            (at < self.records.len()).then(|| {
                let (key, value) = self.record(at);
                at += RECORD_HEAD + key.len();
                (key, value)
            })
        })
    }
}

/// `n` copies of `value`, written into the memory rather than allocated zeroed, for an
/// array whose slots are read before they are written. Fresh zeroed memory is mapped
/// to the kernel's zero page when first read; the first write then faults again and
/// makes every core running the program flush its TLB. The opaque value keeps the
/// compiler from turning the writes back into a zeroed allocation.
pub(crate) fn written<T: Clone>(n: usize, value: T) -> Vec<T> {
    let mut v = Vec::with_capacity(n);
    v.resize(n, std::hint::black_box(value));
    v
}

/// Whether two keys are equal. Words are short: compared with a few word-sized loads
/// rather than a call to `memcmp`, which costs more than the comparison itself.
#[inline(always)]
fn same(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    let word = |s: &[u8], at: usize| u64::from_le_bytes(s[at..at + 8].try_into().expect("8 bytes"));
    let half = |s: &[u8], at: usize| u32::from_le_bytes(s[at..at + 4].try_into().expect("4 bytes"));
    let pair = |s: &[u8], at: usize| u16::from_le_bytes(s[at..at + 2].try_into().expect("2 bytes"));
    match n {
        // The short words (бұл, өте, да: two bytes a Cyrillic letter) are among the most
        // frequent: overlapping loads of two and four bytes for them.
        0 => true,
        1 => a[0] == b[0],
        2..=3 => pair(a, 0) == pair(b, 0) && pair(a, n - 2) == pair(b, n - 2),
        4..=7 => half(a, 0) == half(b, 0) && half(a, n - 4) == half(b, n - 4),
        // Two overlapping 8-byte loads cover 8..=16 bytes; the same with four for ..=32.
        8..=16 => word(a, 0) == word(b, 0) && word(a, n - 8) == word(b, n - 8),
        17..=32 => {
            word(a, 0) == word(b, 0)
                && word(a, 8) == word(b, 8)
                && word(a, n - 16) == word(b, n - 16)
                && word(a, n - 8) == word(b, n - 8)
        }
        _ => a == b,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::HashMap;

    #[test]
    fn inserts_once_and_lists_in_order() {
        let mut m = StrMap::default();
        let words = ["қазақ", "тіл", "қазақ", "өте-мөте-ұзын-сөз-жиырма-төрт-байттан-артық", "қазақ", ""];
        for w in words {
            let n = m.len() as u32;
            m.get_or_insert_with(w, || n);
        }
        assert_eq!(m.len(), 4);
        let listed: Vec<(&str, u32)> = m.iter().collect();
        assert_eq!(listed, [("қазақ", 0), ("тіл", 1), ("өте-мөте-ұзын-сөз-жиырма-төрт-байттан-артық", 2), ("", 3)]);
        assert_eq!(m.get("қазақ"), Some(0));
        assert_eq!(m.get("қазақстан"), None);
        // Grown many times over: still all there, in order.
        for i in 0..5000u32 {
            m.get_or_insert_with(&format!("сөз{i}"), || i + 4);
        }
        assert!(m.iter().enumerate().all(|(i, (_, v))| v == i as u32));
        assert_eq!(m.get("сөз4999"), Some(5003));
    }

    #[test]
    fn keys_with_the_same_hash_are_told_apart() {
        // The same tag and home slot for all: each lookup goes past the others' records.
        let hash = 0x1234_5678_0000_0007;
        let mut m = StrMap::default();
        let keys = ["қазақ", "тіл", "сөздік-ұзын-сөз-жиырма-байттан-асады", ""];
        for (w, k) in keys.iter().enumerate() {
            assert_eq!(m.get_hashed(k, hash), None);
            assert!(m.insert_new(k, hash, w as u32));
        }
        for (w, k) in keys.iter().enumerate() {
            assert_eq!(m.get_hashed(k, hash), Some(w as u32), "{k}");
            assert_eq!(m.get(k), None, "{k}");
        }
        assert_eq!(m.get_hashed("қазаққ", hash), None);
        assert_eq!(m.len(), keys.len());
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn same_is_byte_equality(a in prop::collection::vec(0u8..3, 0..40), flip in any::<prop::sample::Index>()) {
            // Equal slices, slices of one length that differ in one byte anywhere (the
            // overlapping loads must see every byte), and slices of other lengths.
            prop_assert!(same(&a, &a.clone()));
            if !a.is_empty() {
                let mut b = a.clone();
                b[flip.index(a.len())] ^= 0x80;
                prop_assert!(!same(&a, &b));
                prop_assert!(!same(&a, &a[1..]));
            }
        }

        #[test]
        fn behaves_like_a_hash_map(keys in prop::collection::vec("[аәбқ-]{0,30}", 0..600)) {
            let mut m = StrMap::default();
            let mut reference: HashMap<String, u32> = HashMap::new();
            for k in &keys {
                let h = m.hash(k);
                m.prefetch(h);
                match reference.get(k) {
                    Some(&w) => prop_assert_eq!(m.get_hashed(k, h), Some(w)),
                    None => {
                        prop_assert_eq!(m.get_hashed(k, h), None);
                        let w = reference.len() as u32;
                        prop_assert!(m.insert_new(k, h, w));
                        reference.insert(k.clone(), w);
                    }
                }
            }
            prop_assert_eq!(m.len(), reference.len());
            for (k, &w) in &reference {
                prop_assert_eq!(m.get(k), Some(w));
            }
        }
    }
}
