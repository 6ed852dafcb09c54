//! Letter classes of the Kazakh Cyrillic alphabet (docs: kazakh.md §1.2-1.3).

/// The harmony of a vowel: Kazakh suffix vowels follow the last harmonising vowel of the stem.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Harmony {
    /// а о ұ ы (and я ё in loans)
    Back,
    /// ә е ө ү і (and э)
    Front,
}

/// `c` in lowercase: the common Cyrillic letters without a Unicode table lookup, since
/// the stemmer asks this of every letter it looks at.
#[inline]
fn fold(c: char) -> char {
    match c {
        'а'..='я' | 'ё' | 'ә' | 'ғ' | 'қ' | 'ң' | 'ө' | 'ұ' | 'ү' | 'һ' | 'і' => c,
        'А'..='Я' => char::from_u32(c as u32 + 0x20).unwrap_or(c),
        _ => c.to_lowercase().next().unwrap_or(c),
    }
}

/// Whether `c` is a Cyrillic vowel letter (lowercase or uppercase), including the ambiguous и у ю.
pub fn is_vowel(c: char) -> bool {
    matches!(fold(c), 'а' | 'ә' | 'е' | 'ё' | 'и' | 'о' | 'ө' | 'у' | 'ұ' | 'ү' | 'ы' | 'і' | 'э' | 'ю' | 'я')
}

/// The harmony a vowel imposes, or `None` for consonants and the ambiguous и у ю.
pub fn vowel_harmony(c: char) -> Option<Harmony> {
    match fold(c) {
        'а' | 'о' | 'ұ' | 'ы' | 'я' | 'ё' => Some(Harmony::Back),
        'ә' | 'е' | 'ө' | 'ү' | 'і' | 'э' => Some(Harmony::Front),
        _ => None,
    }
}

/// The harmony of a stem: set by its last harmonising vowel, except that a final
/// consonant cluster with к, г or ь makes loans front (банк → банкі) and one with қ or ғ
/// makes them back.
pub fn harmony(stem: &str) -> Option<Harmony> {
    for c in stem.chars().rev() {
        let lc = fold(c);
        match lc {
            'к' | 'г' | 'ь' => return Some(Harmony::Front),
            'қ' | 'ғ' => return Some(Harmony::Back),
            _ => {}
        }
        if let Some(h) = vowel_harmony(lc) {
            return Some(h);
        }
        if is_vowel(lc) {
            // и у ю: look further left
            continue;
        }
    }
    None
}

/// The class of a stem's final letter, which selects the first consonant of a suffix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FinalClass {
    /// A vowel.
    Vowel,
    /// р й у и ю: high sonorants.
    Sonorant,
    /// л
    L,
    /// м н ң: nasals.
    Nasal,
    /// з ғ ж: voiced obstruents.
    Voiced,
    /// Voiceless consonants, and б в г д (devoiced word-finally).
    Voiceless,
}

/// The class of the last letter of `stem`, or `None` when it has no letter.
pub fn final_class(stem: &str) -> Option<FinalClass> {
    let c = stem.chars().next_back()?;
    let c = fold(c);
    Some(match c {
        'р' | 'й' | 'у' | 'и' | 'ю' => FinalClass::Sonorant,
        'л' => FinalClass::L,
        'м' | 'н' | 'ң' => FinalClass::Nasal,
        'з' | 'ғ' | 'ж' => FinalClass::Voiced,
        _ if is_vowel(c) => FinalClass::Vowel,
        _ => FinalClass::Voiceless,
    })
}

/// Whether `c` is a letter of the Cyrillic block used for Kazakh or Russian.
pub fn is_cyrillic_letter(c: char) -> bool {
    matches!(c, '\u{0400}'..='\u{04FF}') && c.is_alphabetic()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_agrees_with_std() {
        for cp in 0..0x600 {
            if let Some(c) = char::from_u32(cp) {
                assert_eq!(fold(c), c.to_lowercase().next().unwrap_or(c), "U+{cp:04X}");
            }
        }
    }

    #[test]
    fn harmony_of_stems() {
        for (w, h) in [
            ("бала", Harmony::Back),
            ("үй", Harmony::Front),
            ("тарих", Harmony::Back),
            ("банк", Harmony::Front),
            ("мектеп", Harmony::Front),
            ("ҚАЗАҚ", Harmony::Back),
        ] {
            assert_eq!(harmony(w), Some(h), "{w}");
        }
        assert_eq!(harmony("ю"), None);
    }

    #[test]
    fn final_classes() {
        for (w, c) in [
            ("бала", FinalClass::Vowel),
            ("жер", FinalClass::Sonorant),
            ("жол", FinalClass::L),
            ("адам", FinalClass::Nasal),
            ("қыз", FinalClass::Voiced),
            ("кітап", FinalClass::Voiceless),
            ("клуб", FinalClass::Voiceless),
        ] {
            assert_eq!(final_class(w), Some(c), "{w}");
        }
        assert_eq!(final_class(""), None);
    }
}
