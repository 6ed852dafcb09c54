//! The surface-form cache: word tokens as they are written, mapped to their word.
//!
//! Every word token of a corpus is looked up here, and in a vocabulary of a hundred
//! thousand forms most lookups of the rarer words miss the processor's caches. The
//! table is open addressing with linear probing in one array, so the slot a key
//! hashes to is known before the lookup, and [`SurfaceMap::prefetch`] can ask for it
//! while the previous words of a batch are looked up: the misses of a batch overlap
//! instead of being waited for one by one. (A general-purpose map hides where its
//! slots are.) Keys sit inline in the slot, as in [`crate::map::StrMap`].

use compact_str::CompactString;
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

/// Marks an empty slot.
const EMPTY: u32 = u32::MAX;

#[derive(Clone)]
struct Slot {
    key: CompactString,
    /// The high half of the key's hash: most slots that are not the key are told
    /// apart by it without comparing strings.
    tag: u32,
    /// The word's index, or [`EMPTY`].
    word: u32,
}

const VACANT: Slot = Slot { key: CompactString::const_new(""), tag: 0, word: EMPTY };

/// A map from surface forms to word indices; see the module docs.
#[derive(Clone)]
pub(crate) struct SurfaceMap {
    slots: Vec<Slot>,
    len: usize,
    hasher: FixedState,
}

impl Default for SurfaceMap {
    fn default() -> Self {
        SurfaceMap { slots: Vec::new(), len: 0, hasher: FixedState::with_seed(0x0073_7572_6661_6365) }
    }
}

impl std::fmt::Debug for SurfaceMap {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_map().entries(self.slots.iter().filter(|s| s.word != EMPTY).map(|s| (s.key.as_str(), s.word))).finish()
    }
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

    /// Asks the processor to bring the slot `hash` starts probing at into the cache.
    #[inline]
    pub(crate) fn prefetch(&self, hash: u64) {
        if self.slots.is_empty() {
            return;
        }
        prefetch(&self.slots[self.home(hash)]);
    }

    /// The word index of `key`, whose hash is `hash`.
    #[inline]
    pub(crate) fn get(&self, key: &str, hash: u64) -> Option<u32> {
        if self.slots.is_empty() {
            return None;
        }
        let tag = (hash >> 32) as u32;
        let mask = self.slots.len() - 1;
        let mut i = self.home(hash);
        loop {
            let s = &self.slots[i];
            if s.word == EMPTY {
                return None;
            }
            if s.tag == tag && crate::map::same(&s.key, key) {
                return Some(s.word);
            }
            i = (i + 1) & mask;
        }
    }

    /// Adds `key`, which must not be in the map, with its word index.
    pub(crate) fn insert_new(&mut self, key: &str, hash: u64, word: u32) {
        debug_assert_ne!(word, EMPTY);
        // At most half full, so that probe runs stay short.
        if (self.len + 1) * 2 > self.slots.len() {
            self.grow();
        }
        self.place(Slot { key: CompactString::from(key), tag: (hash >> 32) as u32, word }, hash);
        self.len += 1;
    }

    fn place(&mut self, slot: Slot, hash: u64) {
        let mask = self.slots.len() - 1;
        let mut i = self.home(hash);
        while self.slots[i].word != EMPTY {
            i = (i + 1) & mask;
        }
        self.slots[i] = slot;
    }

    fn grow(&mut self) {
        let size = (self.slots.len() * 2).max(1024);
        let old = std::mem::replace(&mut self.slots, vec![VACANT; size]);
        for s in old.into_iter().filter(|s| s.word != EMPTY) {
            let hash = self.hash(&s.key);
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
