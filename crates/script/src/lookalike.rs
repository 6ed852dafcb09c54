//! The look-alike letter table from `data/lookalikes.tsv`, parsed once.

use std::collections::HashMap;
use std::sync::LazyLock;

use foldhash::fast::FixedState;

const TABLE: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/lookalikes.tsv"));

/// What may become of one character; see the header of `data/lookalikes.tsv`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Rules {
    /// Replaced everywhere.
    pub(crate) always: Option<char>,
    /// Its Cyrillic twin, for mixed-script words.
    pub(crate) cyr: Option<char>,
    /// Its Latin twin, for mixed-script words.
    pub(crate) lat: Option<char>,
    /// Its Kazakh letter in KZ-1048 text read as Windows-1251.
    pub(crate) kz1048: Option<char>,
}

pub(crate) struct Lookalikes {
    /// Looked up for every character of a word off the fast path: foldhash, not SipHash.
    map: HashMap<char, Rules, FixedState>,
    /// For U+0400..U+04FF: whether the letter is replaced everywhere, and whether it is a
    /// KZ-1048 stand-in. Lets the byte-level fast path skip the hash map.
    pub(crate) cyr_always: [bool; 256],
    pub(crate) cyr_kz1048: [bool; 256],
}

impl Lookalikes {
    #[inline]
    pub(crate) fn get(&self, c: char) -> Rules {
        self.map.get(&c).copied().unwrap_or_default()
    }
}

pub(crate) static LOOKALIKES: LazyLock<Lookalikes> = LazyLock::new(|| parse(TABLE));

fn parse(text: &str) -> Lookalikes {
    let mut map: HashMap<char, Rules, FixedState> = HashMap::default();
    for line in text.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let mut f = line.split('\t');
        let (Some(from), Some(to), Some(when)) = (f.next(), f.next(), f.next()) else {
            panic!("lookalikes.tsv: malformed line {line:?}");
        };
        let one = |s: &str| {
            let mut cs = s.chars();
            match (cs.next(), cs.next()) {
                (Some(c), None) => c,
                _ => panic!("lookalikes.tsv: not a single character: {s:?}"),
            }
        };
        let (from, to) = (one(from), one(to));
        let r = map.entry(from).or_default();
        let slot = match when.trim() {
            "always" => &mut r.always,
            "cyr" => &mut r.cyr,
            "lat" => &mut r.lat,
            "kz1048" => &mut r.kz1048,
            w => panic!("lookalikes.tsv: unknown condition {w:?}"),
        };
        assert!(slot.is_none(), "lookalikes.tsv: {from} has two {when} rows");
        *slot = Some(to);
    }
    let mut cyr_always = [false; 256];
    let mut cyr_kz1048 = [false; 256];
    for (&c, r) in &map {
        if let Some(i) = (c as u32).checked_sub(0x400).filter(|&i| i < 256) {
            cyr_always[i as usize] = r.always.is_some();
            cyr_kz1048[i as usize] = r.kz1048.is_some();
        }
    }
    Lookalikes { map, cyr_always, cyr_kz1048 }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::script::{is_cyrillic, is_latin};

    #[test]
    fn table_is_consistent() {
        let t = &*LOOKALIKES;
        assert!(t.map.len() > 60);
        for (from, r) in &t.map {
            if let Some(to) = r.always {
                assert!(is_cyrillic(to), "{from} maps to non-Cyrillic {to}");
                // Idempotence of the table: a target is never replaced again.
                assert_eq!(t.get(to).always, None, "{to} is both a target and a source");
                assert_eq!(t.get(to).kz1048, None, "{to} is both a target and a source");
            }
            if let Some(to) = r.cyr {
                assert!(is_latin(*from) && is_cyrillic(to), "cyr row {from} → {to}");
            }
            if let Some(to) = r.lat {
                assert!(is_cyrillic(*from) && is_latin(to), "lat row {from} → {to}");
            }
            if let Some(to) = r.kz1048 {
                assert!(is_cyrillic(to) && t.get(to).kz1048.is_none(), "kz1048 row {from} → {to}");
            }
            assert_eq!(
                from.to_string(),
                unicode_normalization::UnicodeNormalization::nfc(from.to_string().chars()).collect::<String>(),
                "{from} is not NFC"
            );
        }
    }
}
