//! The surface-form cache: word tokens as they are written, mapped to their word.
//!
//! Every word token of a corpus is looked up here, and in a vocabulary of a hundred
//! thousand forms most lookups of the rarer words miss the processor's caches. The
//! table is open addressing with linear probing in one array, so the slot a key
//! hashes to is known before the lookup, and [`SurfaceMap::prefetch`] can ask for it
//! while the previous words of a batch are looked up: the misses of a batch overlap
//! instead of being waited for one by one. (A general-purpose map hides where its
//! slots are.) The slots are small and the keys are kept apart (see [`SurfaceMap`]).

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

/// A map from surface forms to word indices; see the module docs.
///
/// A slot is eight bytes: the key's tag (the high half of its hash), which tells most
/// other keys apart without reading them, above the offset of the key's record, plus
/// one (0 is an empty slot). The records hold the keys, in the order they were added:
/// the word's index (4 bytes, little-endian), the key's length (2 bytes) and the key.
/// Slots of eight bytes make the table a quarter of the size of one that holds the
/// keys; the records of the frequent words, added first, lie together at their start.
#[derive(Clone)]
pub(crate) struct SurfaceMap {
    slots: Vec<u64>,
    records: Vec<u8>,
    len: usize,
    hasher: FixedState,
}

impl Default for SurfaceMap {
    fn default() -> Self {
        SurfaceMap {
            slots: Vec::new(),
            records: Vec::new(),
            len: 0,
            hasher: FixedState::with_seed(0x0073_7572_6661_6365),
        }
    }
}

impl std::fmt::Debug for SurfaceMap {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut m = f.debug_map();
        let mut at = 0;
        while at < self.records.len() {
            let (key, word) = self.record(at);
            m.entry(&String::from_utf8_lossy(key), &word);
            at += RECORD_HEAD + key.len();
        }
        m.finish()
    }
}

/// The bytes of a record before its key.
const RECORD_HEAD: usize = 6;

/// Where a lookup of a batch stands after [`SurfaceMap::candidate`].
#[derive(Clone, Copy)]
pub(crate) enum Candidate {
    /// The key is not in the map.
    Absent,
    /// The first slot with the key's tag, and its record's offset.
    At(usize, usize),
}

impl SurfaceMap {
    /// The hash of `key`, for [`SurfaceMap::prefetch`] and [`SurfaceMap::get`].
    #[inline]
    pub(crate) fn hash(&self, key: &str) -> u64 {
        self.hasher.hash_one(key)
    }

    #[inline]
    fn home(&self, hash: u64) -> usize {
        hash as usize & (self.slots.len().wrapping_sub(1))
    }

    #[inline]
    fn tag(hash: u64) -> u64 {
        hash >> 32 << 32
    }

    /// The key and the word of the record at `at`.
    #[inline]
    fn record(&self, at: usize) -> (&[u8], u32) {
        let r = &self.records[at..];
        let word = u32::from_le_bytes(r[..4].try_into().expect("4 bytes"));
        let len = u16::from_le_bytes(r[4..6].try_into().expect("2 bytes")) as usize;
        (&r[RECORD_HEAD..RECORD_HEAD + len], word)
    }

    /// The word of the record at `at` if its key is `key`.
    #[inline(always)]
    fn word_if(&self, at: usize, key: &str) -> Option<u32> {
        let (k, word) = self.record(at);
        crate::map::same_bytes(k, key.as_bytes()).then_some(word)
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
    /// [`SurfaceMap::prefetch`]. The record found is asked for in turn.
    #[inline(always)]
    pub(crate) fn candidate(&self, hash: u64) -> Candidate {
        if self.slots.is_empty() {
            return Candidate::Absent;
        }
        let (tag, mask) = (Self::tag(hash), self.slots.len() - 1);
        let mut i = self.home(hash);
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

    /// The second step of a lookup of `key` (hash `hash`): its word, when the
    /// candidate is the key or a later slot of its probe sequence holds it.
    #[inline(always)]
    pub(crate) fn resolve(&self, key: &str, hash: u64, candidate: Candidate) -> Option<u32> {
        let Candidate::At(mut i, at) = candidate else { return None };
        if let Some(word) = self.word_if(at, key) {
            return Some(word);
        }
        // Another key with the same tag: rare; go on along the probe sequence.
        let (tag, mask) = (Self::tag(hash), self.slots.len() - 1);
        loop {
            i = (i + 1) & mask;
            let s = self.slots[i];
            if s == 0 {
                return None;
            }
            if s & !0xFFFF_FFFF == tag {
                if let Some(word) = self.word_if((s as u32 - 1) as usize, key) {
                    return Some(word);
                }
            }
        }
    }

    /// The word index of `key`, whose hash is `hash`.
    #[inline]
    pub(crate) fn get(&self, key: &str, hash: u64) -> Option<u32> {
        self.resolve(key, hash, self.candidate(hash))
    }

    /// Adds `key`, which must not be in the map, with its word index.
    pub(crate) fn insert_new(&mut self, key: &str, hash: u64, word: u32) {
        // At most half full, so that probe runs stay short.
        if (self.len + 1) * 2 > self.slots.len() {
            self.grow();
        }
        let at = self.records.len();
        // Offsets are kept in 32 bits and lengths in 16: past 4 GiB of keys, or for a key
        // of 64 KiB, rather than be wrong, the cache does not take the key (the word is
        // still counted, only looked up the long way).
        let Ok(offset) = u32::try_from(at + 1) else { return };
        let Ok(len) = u16::try_from(key.len()) else { return };
        self.records.extend_from_slice(&word.to_le_bytes());
        self.records.extend_from_slice(&len.to_le_bytes());
        self.records.extend_from_slice(key.as_bytes());
        self.place(Self::tag(hash) | offset as u64, hash);
        self.len += 1;
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
        let size = (self.slots.len() * 2).max(1024);
        let old = std::mem::replace(&mut self.slots, vec![0; size]);
        for s in old.into_iter().filter(|&s| s != 0) {
            let (key, _) = self.record((s as u32 - 1) as usize);
            // SAFETY: a record holds the bytes of a `&str` key, cut at its length.
            // Hashed as the `str` it was added as.
            let hash = self.hash(unsafe { std::str::from_utf8_unchecked(key) });
            self.place(s, hash);
        }
    }

    /// Number of keys.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.len
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::HashMap;

    #[test]
    fn keys_with_the_same_hash_are_told_apart() {
        // The same tag and home slot for all: each lookup goes past the others' records.
        let hash = 0x1234_5678_0000_0007;
        let mut m = SurfaceMap::default();
        let keys = ["қазақ", "тіл", "сөздік-ұзын-сөз-жиырма-байттан-асады", ""];
        for (w, k) in keys.iter().enumerate() {
            assert_eq!(m.get(k, hash), None);
            m.insert_new(k, hash, w as u32);
        }
        for (w, k) in keys.iter().enumerate() {
            assert_eq!(m.get(k, hash), Some(w as u32), "{k}");
            assert_eq!(m.get(k, m.hash(k)), None, "{k}");
        }
        assert_eq!(m.get("қазаққ", hash), None);
        assert_eq!(m.len(), keys.len());
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn behaves_like_a_hash_map(keys in prop::collection::vec("[аәбқ-]{0,30}", 0..600)) {
            let mut m = SurfaceMap::default();
            let mut reference: HashMap<String, u32> = HashMap::new();
            for k in &keys {
                let h = m.hash(k);
                m.prefetch(h);
                match reference.get(k) {
                    Some(&w) => prop_assert_eq!(m.get(k, h), Some(w)),
                    None => {
                        prop_assert_eq!(m.get(k, h), None);
                        let w = reference.len() as u32;
                        m.insert_new(k, h, w);
                        reference.insert(k.clone(), w);
                    }
                }
            }
            prop_assert_eq!(m.len(), reference.len());
            for (k, &w) in &reference {
                prop_assert_eq!(m.get(k, m.hash(k)), Some(w));
            }
        }
    }
}
