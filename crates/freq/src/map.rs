//! A hash map from strings, tuned for counting words.
//!
//! Keys are `CompactString`s, which hold up to 24 bytes inline: almost every Kazakh
//! word fits, so the key sits in the table slot itself and a lookup compares it
//! without chasing a pointer to a separate allocation. Lookups take `&str` and
//! allocate only when a key is inserted. The hasher is foldhash with a fixed seed;
//! iteration order never reaches a report, which is sorted.

use compact_str::CompactString;
use foldhash::fast::FixedState;
use hashbrown::hash_table::{Entry, HashTable};
use std::hash::BuildHasher;

/// A map from strings to `V`.
#[derive(Clone)]
pub(crate) struct StrMap<V> {
    table: HashTable<(CompactString, V)>,
    hasher: FixedState,
}

impl<V> Default for StrMap<V> {
    fn default() -> Self {
        StrMap { table: HashTable::new(), hasher: FixedState::with_seed(0x736f_7a64_696b) }
    }
}

impl<V: std::fmt::Debug> std::fmt::Debug for StrMap<V> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl<V> StrMap<V> {
    #[inline]
    fn hash(&self, key: &str) -> u64 {
        self.hasher.hash_one(key)
    }

    /// The value of `key`, inserting `make()` first when it is missing.
    pub(crate) fn get_or_insert_with(&mut self, key: &str, make: impl FnOnce() -> V) -> &mut V {
        let hash = self.hash(key);
        let hasher = self.hasher.clone();
        match self.table.entry(hash, |(k, _)| same(k, key), |(k, _)| hasher.hash_one(k.as_str())) {
            Entry::Occupied(e) => &mut e.into_mut().1,
            Entry::Vacant(e) => &mut e.insert((CompactString::from(key), make())).into_mut().1,
        }
    }

    /// The value of `key`, if it is in the map.
    pub(crate) fn get(&self, key: &str) -> Option<&V> {
        self.table.find(self.hash(key), |(k, _)| same(k, key)).map(|(_, v)| v)
    }

    /// Number of keys.
    pub(crate) fn len(&self) -> usize {
        self.table.len()
    }

    /// Keys and values, in no particular order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (&str, &V)> {
        self.table.iter().map(|(k, v)| (k.as_str(), v))
    }
}

/// Whether a stored key equals `key`. Words are short: compared with a few word-sized
/// loads rather than a call to `memcmp`, which costs more than the comparison itself.
#[inline(always)]
pub(crate) fn same(k: &CompactString, key: &str) -> bool {
    same_bytes(k.as_bytes(), key.as_bytes())
}

/// [`same`] for byte strings.
#[inline(always)]
pub(crate) fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    let word = |s: &[u8], at: usize| u64::from_le_bytes(s[at..at + 8].try_into().expect("8 bytes"));
    match n {
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

impl<V> IntoIterator for StrMap<V> {
    type Item = (CompactString, V);
    type IntoIter = hashbrown::hash_table::IntoIter<(CompactString, V)>;
    fn into_iter(self) -> Self::IntoIter {
        self.table.into_iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inserts_once_and_counts() {
        let mut m: StrMap<u32> = StrMap::default();
        for w in ["қазақ", "тіл", "қазақ", "өте-мөте-ұзын-сөз-жиырма-төрт-байттан-артық", "қазақ"]
        {
            *m.get_or_insert_with(w, || 0) += 1;
        }
        assert_eq!(m.len(), 3);
        let long = m.iter().find(|(k, _)| k.len() > 24);
        assert_eq!(long, Some(("өте-мөте-ұзын-сөз-жиырма-төрт-байттан-артық", &1)));
        assert_eq!(m.get("қазақ"), Some(&3));
        assert_eq!(m.get("қазақстан"), None);
    }
}
