//! A Kazakh suffix-stripping stemmer.
//!
//! Kazakh is agglutinative: a noun takes plural, possessive, case and personal
//! endings in a fixed order (кітап·тар·ымыз·дан). The stemmer removes them from the
//! outside in, one layer at a time, and removes an ending only when its vowel
//! agrees with the harmony of what remains and what remains is still a plausible
//! stem (at least two letters and a vowel). It then undoes the voicing of a final
//! consonant that a vowel-initial ending caused (кітабы → кітап).
//!
//! The endings are data, in `data/suffixes.txt`.
//!
//! ```
//! use sozdik_stem::stem;
//!
//! assert_eq!(stem("кітаптарымыздан"), "кітап");
//! assert_eq!(stem("кітабы"), "кітап");
//! assert_eq!(stem("адам"), "адам");
//! ```

use std::borrow::Cow;
use std::sync::LazyLock;

use sozdik_script::{harmony, is_vowel, vowel_harmony};

const TABLE: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/suffixes.txt"));

struct Layers {
    /// Endings per layer, longest first.
    layers: Vec<Vec<&'static str>>,
}

static LAYERS: LazyLock<Layers> = LazyLock::new(|| {
    let mut layers: Vec<Vec<&str>> = Vec::new();
    for line in TABLE.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if line.starts_with('[') {
            layers.push(Vec::new());
        } else if let Some(l) = layers.last_mut() {
            l.push(line);
        }
    }
    for l in &mut layers {
        l.sort_by_key(|s| std::cmp::Reverse(s.chars().count()));
    }
    Layers { layers }
});

fn plausible_stem(s: &str) -> bool {
    s.chars().count() >= 2 && s.chars().any(is_vowel)
}

fn harmony_agrees(stem: &str, ending: &str) -> bool {
    match (ending.chars().find_map(vowel_harmony), harmony(stem)) {
        (Some(a), Some(b)) => a == b,
        _ => true,
    }
}

/// Stems a lowercase word. Returns the word borrowed when nothing is removed.
/// The stem is never empty for a non-empty word.
pub fn stem(word: &str) -> Cow<'_, str> {
    // Acronyms and numbers with a hyphenated ending: strip at the hyphen.
    if let Some((head, tail)) = word.rsplit_once('-') {
        let acronymish = head.chars().all(|c| c.is_numeric() || c.is_uppercase() || c == '%');
        if !head.is_empty() && !tail.is_empty() && acronymish {
            return Cow::Borrowed(head);
        }
    }
    let mut rest = word;
    let mut stripped_vowel_initial = false;
    for layer in &LAYERS.layers {
        for ending in layer {
            if let Some(s) = rest.strip_suffix(ending) {
                if plausible_stem(s) && harmony_agrees(s, ending) && s.chars().count() >= 3 {
                    stripped_vowel_initial = ending.chars().next().is_some_and(is_vowel);
                    rest = s;
                    break;
                }
            }
        }
    }
    if stripped_vowel_initial {
        let mut cs = rest.chars();
        let last = cs.next_back();
        let restored = match last {
            Some('б') => Some('п'),
            Some('г') => Some('к'),
            Some('ғ') => Some('қ'),
            _ => None,
        };
        if let Some(r) = restored {
            let mut s = String::from(cs.as_str());
            s.push(r);
            return Cow::Owned(s);
        }
    }
    Cow::Borrowed(rest)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn strips_layers() {
        for (w, s) in [
            ("балалар", "бала"),
            ("баласының", "бала"),
            ("кітаптарымыздан", "кітап"),
            ("ҰҚШҰ-ның", "ҰҚШҰ"),
            ("2019-ғы", "2019"),
            ("ел", "ел"),
            ("адам", "адам"),
        ] {
            assert_eq!(stem(w), s, "stem({w})");
        }
    }

    proptest! {
        #[test]
        fn stem_is_never_empty(w in "[а-яәғқңөұүһі-]{1,20}") {
            let s = stem(&w);
            prop_assert!(!s.is_empty());
            prop_assert!(s.chars().count() <= w.chars().count());
        }
    }
}
