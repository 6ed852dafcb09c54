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

/// What the byte-level path knows of each code point U+0400..=U+04FF.
struct Cyrillic {
    /// The letter's lowercase form as UTF-8 (two bytes, in the same block), or `None`
    /// when normalization may change the letter or its lowercase leaves the block.
    lower: [Option<&'static str>; 256],
    /// Whether the letter is its own lowercase form.
    is_lower: [bool; 256],
}

static CYRILLIC: LazyLock<Cyrillic> = LazyLock::new(|| {
    // All the lowercase forms, each two bytes, in one string that lives forever.
    let mut all = String::with_capacity(512);
    let mut lower_cp = [None; 256];
    for (i, slot) in lower_cp.iter_mut().enumerate() {
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
                *slot = Some(l);
            }
        }
    }
    for l in lower_cp.iter().flatten() {
        all.push(*l);
    }
    let all: &'static str = Box::leak(all.into_boxed_str());
    let mut t = Cyrillic { lower: [None; 256], is_lower: [false; 256] };
    let mut at = 0;
    for (i, l) in lower_cp.iter().enumerate() {
        if let Some(l) = l {
            t.lower[i] = Some(&all[at..at + 2]);
            t.is_lower[i] = *l as u32 == 0x400 + i as u32;
            at += 2;
        }
    }
    t
});

/// The normalization of counting: every step, and lowercasing.
pub(crate) const OPTIONS: NormalizeOptions = NormalizeOptions { lowercase: true, ..NormalizeOptions::DEFAULT };

/// Whether `norm` does what the byte tables describe: the default options and profile.
/// The key of a word is then a function of its spelling alone.
pub(crate) fn is_plain_normalizer(norm: &Normalizer) -> bool {
    norm.profile() == Profile::default() && norm.options() == OPTIONS
}

/// The key of `word`: the word itself when normalization and lowercasing change
/// nothing (the common case: no copy), else its normalized form written into `buf`.
/// `norm` must lowercase.
pub(crate) fn word_key<'a>(word: &'a str, norm: &Normalizer, buf: &'a mut String) -> &'a str {
    // The byte tables describe the default options and profile only.
    if is_plain_normalizer(norm) {
        match scan(word) {
            Plain::Lower => return word,
            Plain::Upper(i) => {
                buf.clear();
                lower_from(word, i, buf);
                return buf;
            }
            Plain::No => {}
        }
    }
    buf.clear();
    buf.push_str(&norm.normalize(word));
    buf
}

/// What [`scan`] found.
enum Plain {
    /// Plain and lowercase: the word is its own key.
    Lower,
    /// Plain, with the first uppercase letter at this byte offset.
    Upper(usize),
    /// Not plain: the general path decides.
    No,
}

/// Whether `word` is wholly Cyrillic (U+0400..U+04FF) or wholly ASCII, digits and
/// hyphens allowed in both, with no letter that normalization would change.
fn scan(word: &str) -> Plain {
    let t = &*CYRILLIC;
    let bytes = word.as_bytes();
    let (mut ascii_letters, mut cyrillic) = (false, false);
    let mut upper = None;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b < 0x80 {
            if b.is_ascii_alphabetic() {
                ascii_letters = true;
                if b.is_ascii_uppercase() && upper.is_none() {
                    upper = Some(i);
                }
            } else if !(b.is_ascii_digit() || b == b'-') {
                return Plain::No;
            }
            i += 1;
        } else if (0xD0..=0xD3).contains(&b) {
            // A two-byte sequence for U+0400..U+04FF; `word` is UTF-8, so b2 exists.
            let Some(&b2) = bytes.get(i + 1) else { return Plain::No };
            let idx = ((((b & 0x1F) as usize) << 6) | (b2 & 0x3F) as usize) - 0x400;
            if t.lower[idx].is_none() {
                return Plain::No;
            }
            if !t.is_lower[idx] && upper.is_none() {
                upper = Some(i);
            }
            cyrillic = true;
            i += 2;
        } else {
            return Plain::No;
        }
    }
    // A word with both Latin and Cyrillic letters needs the homoglyph repair.
    match (ascii_letters && cyrillic, upper) {
        (true, _) => Plain::No,
        (false, None) => Plain::Lower,
        (false, Some(i)) => Plain::Upper(i),
    }
}

/// Writes `word` lowercased into `out`: bytes before `from` are copied as they are. Only
/// called on words [`scan`] found plain.
fn lower_from(word: &str, from: usize, out: &mut String) {
    let t = &*CYRILLIC;
    out.push_str(&word[..from]);
    let bytes = word.as_bytes();
    let mut i = from;
    while let Some(&b) = bytes.get(i) {
        if b < 0x80 {
            out.push(b.to_ascii_lowercase() as char);
            i += 1;
        } else {
            let idx = ((((b & 0x1F) as usize) << 6) | (bytes[i + 1] & 0x3F) as usize) - 0x400;
            // scan() checked that every letter has a lowercase form.
            out.push_str(t.lower[idx].unwrap_or(&word[i..i + 2]));
            i += 2;
        }
    }
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
        for w in ["қазақстан", "ҚАЗАҚСТАН", "Өкінбейді", "ҰҚШҰ-ның", "Google", "2019-ғы", "Ёлка", "ЭҚК"]
        {
            assert_eq!(word_key(w, &norm(), &mut buf), general(w), "{w}");
            assert!(!matches!(scan(w), Plain::No), "{w} should take the fast path");
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
