//! The abbreviation list from `data/abbreviations.txt`.

use std::collections::HashSet;
use std::sync::LazyLock;

const LIST: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/abbreviations.txt"));

static ABBREVIATIONS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| LIST.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).collect());

/// Whether `s` (with its final dot) is a listed abbreviation, ignoring case.
pub(crate) fn is_abbreviation(s: &str) -> bool {
    if ABBREVIATIONS.contains(s) {
        return true;
    }
    if s.chars().any(char::is_uppercase) {
        return ABBREVIATIONS.contains(s.to_lowercase().as_str());
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
            assert!(seen.insert(l), "duplicate abbreviation {l}");
            assert!(l.ends_with('.'), "{l} lacks its dot");
            assert_eq!(l, l.to_lowercase(), "{l} is not lowercase");
        }
        assert!(is_abbreviation("ж."));
        assert!(is_abbreviation("Т.б."));
        assert!(!is_abbreviation("үй."));
    }
}
