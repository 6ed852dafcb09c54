//! The look-alike letter table from `data/lookalikes.tsv`, parsed once.

use std::collections::HashMap;
use std::sync::LazyLock;

const TABLE: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/lookalikes.tsv"));

/// When a mapping applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum When {
    /// Everywhere: the character is never right in Kazakh text.
    Always,
    /// Only inside a word that also has Cyrillic letters.
    InCyrillic,
}

pub(crate) struct Lookalikes {
    map: HashMap<char, (char, When)>,
}

impl Lookalikes {
    pub(crate) fn get(&self, c: char) -> Option<(char, When)> {
        self.map.get(&c).copied()
    }
}

pub(crate) static LOOKALIKES: LazyLock<Lookalikes> = LazyLock::new(|| parse(TABLE));

fn parse(text: &str) -> Lookalikes {
    let mut map = HashMap::new();
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
        let when = match when.trim() {
            "always" => When::Always,
            "cyr" => When::InCyrillic,
            w => panic!("lookalikes.tsv: unknown condition {w:?}"),
        };
        map.insert(one(from), (one(to), when));
    }
    Lookalikes { map }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_parses_and_targets_are_kazakh_cyrillic() {
        let t = &*LOOKALIKES;
        assert!(t.map.len() > 30);
        for (from, (to, _)) in &t.map {
            assert!(crate::is_cyrillic_letter(*to), "{from} maps to non-Cyrillic {to}");
            assert_ne!(from, to);
            // Idempotence of the table itself: a target is never a source.
            assert!(!t.map.contains_key(to), "{to} is both a target and a source");
        }
    }
}
