//! Suffixes written after a hyphen on numbers (`2019-ғы`, `55-ші`, `90%-ға`), from
//! `data/hyphen-suffixes.txt`.

use std::collections::HashSet;
use std::sync::LazyLock;

const LIST: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/hyphen-suffixes.txt"));

struct Morphs {
    set: HashSet<&'static str>,
    longest: usize,
}

static MORPHS: LazyLock<Morphs> = LazyLock::new(|| {
    let set: HashSet<&'static str> =
        LIST.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).collect();
    let longest = set.iter().map(|m| m.len()).max().unwrap_or(0);
    Morphs { set, longest }
});

/// The most morphs a suffix chain after a number may have.
const MAX_MORPHS: usize = 4;

/// Whether `s` is a chain of suffix morphs (lowercase Cyrillic), so that `number-s` is
/// one word: `ғы`, `шісі`, `ның`, `ындағы`. A word (`үйде`, `бап`, `жылы`) is not.
pub(crate) fn is_number_suffix(s: &str) -> bool {
    if s.is_empty() || s.len() > 24 {
        return false;
    }
    chain(s, MAX_MORPHS)
}

fn chain(s: &str, left: usize) -> bool {
    if s.is_empty() {
        return true;
    }
    if left == 0 {
        return false;
    }
    let m = &*MORPHS;
    // Morphs are Cyrillic, two bytes a letter; try the longer ones first.
    let mut n = m.longest.min(s.len());
    while n > 0 {
        if s.is_char_boundary(n) && m.set.contains(&s[..n]) && chain(&s[n..], left - 1) {
            return true;
        }
        n -= 1;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_is_clean() {
        let mut seen = HashSet::new();
        for l in LIST.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')) {
            assert!(seen.insert(l), "duplicate suffix {l}");
            assert_eq!(l, l.to_lowercase(), "{l} is not lowercase");
            assert!(l.chars().all(|c| ('\u{0430}'..='\u{04FF}').contains(&c)), "{l}: only lowercase Cyrillic letters");
        }
    }

    #[test]
    fn suffix_chains() {
        for s in ["ғы", "ші", "шы", "інші", "ншісі", "ға", "ның", "ы", "ін", "еу", "дағы", "ындағы", "тердің", "ке"]
        {
            assert!(is_number_suffix(s), "{s} should be a suffix chain");
        }
        for s in ["үйде", "бап", "жылы", "жылдары", "ғасыр", "сынып", "ақпан", "", "Да"]
        {
            assert!(!is_number_suffix(s), "{s} is a word, not a suffix");
        }
    }
}
