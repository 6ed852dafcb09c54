//! The abbreviation list from `data/abbreviations.txt`.

use std::collections::HashSet;
use std::sync::LazyLock;

use foldhash::fast::FixedState;

use crate::chars::{is_letter, is_lower};

const LIST: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/abbreviations.txt"));

static ABBREVIATIONS: LazyLock<HashSet<&'static str, FixedState>> =
    LazyLock::new(|| LIST.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).collect());

/// Bytes of the longest entry.
static LONGEST: LazyLock<usize> = LazyLock::new(|| ABBREVIATIONS.iter().map(|a| a.len()).max().unwrap_or(0));

/// For each character of U+0000..U+04FF (ASCII and Cyrillic, whose lowercase is one
/// character of the same range and of the same length in UTF-8), the byte lengths (as
/// bits) of the listed abbreviations whose last letter it is, or its lowercase is: most
/// words at the end of a sentence are told apart by their last letter (-ды, -ді) and
/// their length without a look-up.
static LAST_LETTERS: LazyLock<Vec<u64>> =
    LazyLock::new(|| letter_lengths(|a| a.strip_suffix('.').and_then(|w| w.chars().next_back())));

/// The same for the first letter of an entry.
static FIRST_LETTERS: LazyLock<Vec<u64>> = LazyLock::new(|| letter_lengths(|a| a.chars().next()));

/// For each character of U+0000..U+04FF, the lengths (as bits) of the entries whose
/// letter found by `letter` it is, or its lowercase is.
fn letter_lengths(letter: impl Fn(&str) -> Option<char>) -> Vec<u64> {
    let letters: Vec<(char, usize)> = ABBREVIATIONS.iter().filter_map(|a| Some((letter(a)?, a.len()))).collect();
    (0..0x500u32)
        .map(|cp| {
            let Some(c) = char::from_u32(cp) else { return 0 };
            let mut lower = c.to_lowercase();
            let single = lower.next().filter(|_| lower.next().is_none());
            letters.iter().filter(|&&(l, _)| l == c || Some(l) == single).fold(0, |bits, &(_, n)| bits | 1 << n.min(63))
        })
        .collect()
}

/// Whether `s` (with its final dot) is a listed abbreviation, ignoring case.
pub(crate) fn is_abbreviation(s: &str) -> bool {
    if s.len() > *LONGEST {
        return false;
    }
    // An entry ends in a dot: the letter before it must be one an entry ends in, and
    // when `s` is all ASCII and Cyrillic (so that its lowercase is as long), an entry
    // ending in it must be as long; and the same for its first letter.
    let Some(word) = s.strip_suffix('.') else { return listed(s) };
    let (Some(first), Some(last)) = (word.chars().next(), word.chars().next_back()) else { return listed(s) };
    let (Some(&firsts), Some(&lasts)) = (FIRST_LETTERS.get(first as usize), LAST_LETTERS.get(last as usize)) else {
        return listed(s);
    };
    let lengths = firsts & lasts;
    // Only when no entry of this length has these letters does it matter whether the
    // length of `s` is that of its lowercase.
    if lengths == 0 || (lengths & 1 << s.len().min(63)) == 0 && is_plain(s) {
        return false;
    }
    listed(s)
}

/// Whether `s` is all ASCII and two-byte Cyrillic (U+0400..U+04FF), whose lowercase is as
/// many bytes.
fn is_plain(s: &str) -> bool {
    !s.bytes().any(|b| b >= 0xC0 && !(0xD0..=0xD3).contains(&b))
}

/// [`is_abbreviation`] without the quick rejection.
fn listed(s: &str) -> bool {
    if ABBREVIATIONS.contains(s) {
        return true;
    }
    if s.chars().any(|c| is_letter(c) && !is_lower(c)) {
        let mut buf = [0u8; 64];
        return match lower_into(s, &mut buf) {
            Some(l) => ABBREVIATIONS.contains(l),
            None => false,
        };
    }
    false
}

/// Lowercases `s` into `buf` without allocating; `None` when it does not fit.
fn lower_into<'b>(s: &str, buf: &'b mut [u8; 64]) -> Option<&'b str> {
    let mut n = 0;
    for c in s.chars().flat_map(char::to_lowercase) {
        let len = c.len_utf8();
        if n + len > buf.len() {
            return None;
        }
        c.encode_utf8(&mut buf[n..]);
        n += len;
    }
    std::str::from_utf8(&buf[..n]).ok()
}

/// Whether a lowercase word could be an abbreviation cut after a consonant (`өнд`, `мөлш`,
/// `геогр`, `км`): at most six letters, at most two vowels, and either no vowel at all or two
/// consonants at the end, which few Kazakh words have (`жоқ.`, `бар.` at the end of a
/// sentence are words). The caller also checks that a lowercase word or a number follows.
pub(crate) fn looks_like_abbreviation(word: &str) -> bool {
    let mut n = 0;
    let mut vowels = 0;
    let (mut last, mut before) = (' ', ' ');
    for c in word.chars() {
        if !is_lower(c) {
            return false;
        }
        n += 1;
        if crate::scan::is_vowel_letter(c) {
            vowels += 1;
        }
        before = last;
        last = c;
    }
    let final_cluster = n >= 2
        && !crate::scan::is_vowel_letter(last)
        && !crate::scan::is_vowel_letter(before)
        && !matches!(before, 'й' | 'у' | 'и');
    (1..=6).contains(&n) && vowels <= 2 && (vowels == 0 || final_cluster)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_is_clean() {
        let mut seen = std::collections::HashSet::new();
        for l in LIST.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')) {
            assert!(seen.insert(l), "duplicate abbreviation {l}");
            assert!(l.ends_with('.'), "{l} lacks its dot");
            // The tokenizer's quick path relies on it: a word with a digit is no abbreviation.
            assert!(!l.bytes().any(|b| b.is_ascii_digit()), "{l} has a digit");
            assert_eq!(l, l.to_lowercase(), "{l} is not lowercase");
            assert!(
                !l.chars().any(|c| c.is_ascii_alphabetic()) || l.is_ascii(),
                "{l} mixes Latin and Cyrillic letters"
            );
        }
        assert!(is_abbreviation("ж."));
        assert!(is_abbreviation("Т.б."));
        assert!(is_abbreviation("Б.З.Б."));
        assert!(!is_abbreviation("үй."));
    }

    proptest::proptest! {
        #[test]
        fn quick_rejection_rejects_no_entry(s in "[жЖмМлнНтТбБзЗсСеЕрРдДгГgGkKİıIі.ы ]{1,6}\\.") {
            proptest::prop_assert_eq!(is_abbreviation(&s), listed(&s));
        }
    }

    #[test]
    fn every_entry_passes_the_quick_rejection() {
        for l in LIST.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')) {
            let mut title = l.chars();
            let title: String = title.next().into_iter().flat_map(char::to_uppercase).chain(title).collect();
            assert!(is_abbreviation(l) && is_abbreviation(&l.to_uppercase()) && is_abbreviation(&title), "{l}");
        }
    }

    #[test]
    fn abbreviation_shapes() {
        for w in ["өнд", "мөлш", "геогр", "км", "биікт", "тереңд", "мемл"] {
            assert!(looks_like_abbreviation(w), "{w}");
        }
        for w in ["бала", "келді", "Алм", "а", "оқиғасы", "жоқ", "бар", "айт", "кел"] {
            assert!(!looks_like_abbreviation(w), "{w}");
        }
    }
}
