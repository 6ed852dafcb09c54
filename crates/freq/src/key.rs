//! The counting key of a word token: its normalized lowercase form.
//!
//! The general path is the document's [`Normalizer`] from `sozdik-script` (with
//! lowercasing). Almost every word of a Cyrillic document is plain Cyrillic or plain
//! ASCII, where normalization changes nothing but case; for those, a byte loop over the
//! UTF-8 writes the lowercase form into a reused buffer with no Unicode table lookups
//! and no allocation. Anything else (a look-alike letter, a mixed-script word, a
//! combining mark, any word of a Latin-script or KZ-1048 document) takes the general
//! path. A property test checks that both agree.

use std::sync::LazyLock;

use sozdik_script::{normalize_word, NormalizeOptions, Normalizer, Profile};

/// For each code point U+0400..=U+04FF: its lowercase form's low 8 bits (the result
/// stays in the block), or `SLOW` when normalization may change the letter.
static CYRILLIC: LazyLock<[u16; 256]> = LazyLock::new(|| {
    let mut table = [SLOW; 256];
    for (i, slot) in table.iter_mut().enumerate() {
        let Some(c) = char::from_u32(0x400 + i as u32) else { continue };
        let mut buf = [0u8; 4];
        let s: &str = c.encode_utf8(&mut buf);
        // A letter that normalization repairs, or whose lowercase leaves the block or is
        // more than one character, goes the general way.
        if normalize_word(s) != s {
            continue;
        }
        let mut lower = c.to_lowercase();
        if let (Some(l), None) = (lower.next(), lower.next()) {
            if (0x400..=0x4FF).contains(&(l as u32)) {
                *slot = (l as u32 - 0x400) as u16;
            }
        }
    }
    table
});

const SLOW: u16 = u16::MAX;

/// The normalization of counting: every step, and lowercasing.
pub(crate) const OPTIONS: NormalizeOptions = NormalizeOptions {
    nfc: true,
    invisible: true,
    lookalikes: true,
    mixed_script: true,
    kz1048: true,
    latin_kazakh: true,
    punctuation: true,
    lowercase: true,
};

/// Writes the key of `word` into `buf` and returns it as a `&str`. `norm` must lowercase.
pub(crate) fn word_key<'b>(word: &str, norm: &Normalizer, buf: &'b mut String) -> &'b str {
    buf.clear();
    // The byte table describes the default options and profile only.
    if norm.profile() != Profile::default() || norm.options() != OPTIONS || !fast_key(word, buf) {
        buf.clear();
        buf.push_str(&norm.normalize(word));
    }
    buf.as_str()
}

/// The byte-level path: succeeds for words that are wholly Cyrillic (U+0400..U+04FF)
/// or wholly ASCII, digits and hyphens allowed in both.
fn fast_key(word: &str, buf: &mut String) -> bool {
    let table = &*CYRILLIC;
    let bytes = word.as_bytes();
    let (mut ascii_letters, mut cyrillic) = (false, false);
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b < 0x80 {
            if b.is_ascii_alphabetic() {
                ascii_letters = true;
            } else if !(b.is_ascii_digit() || b == b'-') {
                return false;
            }
            buf.push(b.to_ascii_lowercase() as char);
            i += 1;
        } else if (0xD0..=0xD3).contains(&b) {
            // A two-byte sequence for U+0400..U+04FF; `word` is UTF-8, so b2 exists.
            let Some(&b2) = bytes.get(i + 1) else { return false };
            let cp = (((b & 0x1F) as u32) << 6) | (b2 & 0x3F) as u32;
            let low = table[(cp - 0x400) as usize];
            if low == SLOW {
                return false;
            }
            match char::from_u32(0x400 + low as u32) {
                Some(c) => buf.push(c),
                None => return false,
            }
            cyrillic = true;
            i += 2;
        } else {
            return false;
        }
    }
    // A word with both Latin and Cyrillic letters needs the homoglyph repair.
    !(ascii_letters && cyrillic)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn norm() -> Normalizer {
        Normalizer::new(OPTIONS)
    }

    fn general(w: &str) -> String {
        norm().normalize(w).into_owned()
    }

    #[test]
    fn plain_words() {
        let mut buf = String::new();
        for w in ["ҚАЗАҚСТАН", "Өкінбейді", "ҰҚШҰ-ның", "Google", "2019-ғы", "Ёлка", "ЭҚК"]
        {
            assert_eq!(word_key(w, &norm(), &mut buf), general(w), "{w}");
            assert!(fast_key(w, &mut String::new()), "{w} should take the fast path");
        }
        for w in ["Қазақстaн", "əдебиет", "таӊ", "сөз\u{00AD}дік", "café"] {
            assert_eq!(word_key(w, &norm(), &mut buf), general(w), "{w}");
        }
        // A Latin-script Kazakh document: ASCII words are transliterated, not just lowercased.
        let latin = Normalizer::for_document(OPTIONS, "Qazaqstan jäne onyñ halqy üşın bul mañyzdy.");
        assert_eq!(word_key("Qazaqstan", &latin, &mut buf), "қазақстан");
    }

    fn wordish() -> impl Strategy<Value = String> {
        let chars = prop::sample::select(vec![
            'а', 'ә', 'ғ', 'қ', 'ң', 'ө', 'ұ', 'ү', 'һ', 'і', 'Қ', 'Ә', 'Ғ', 'Ң', 'Ө', 'Ұ', 'Ү', 'Һ', 'І', 'Ё', 'Ѐ',
            'Ѝ', 'Ў', 'Ѳ', 'Ӏ', 'ӏ', 'ӊ', 'ҡ', 'я', 'Я', 'a', 'A', 'z', 'I', 'i', 'e', '1', '-', '\'', 'ə', 'ı',
            '\u{0301}', '\u{00AD}',
        ]);
        prop::collection::vec(chars, 1..16).prop_map(|v| v.into_iter().collect())
    }

    proptest! {
        #[test]
        fn fast_path_equals_general_path(w in wordish()) {
            let mut buf = String::new();
            prop_assert_eq!(word_key(&w, &norm(), &mut buf), general(&w));
        }

        #[test]
        fn any_cyrillic_block_word(w in "[\u{0400}-\u{04FF}]{1,8}") {
            let mut buf = String::new();
            prop_assert_eq!(word_key(&w, &norm(), &mut buf), general(&w));
        }
    }
}
