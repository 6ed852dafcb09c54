//! The counting key of a word token: its normalized lowercase form, from the
//! document's [`Normalizer`] (with lowercasing). The normalizer answers plain Cyrillic
//! and ASCII words with a byte-level pass of its own, and a word that is already its
//! own key is borrowed, not copied. Counting asks for keys only the first time a table
//! meets a spelling (the spelling cache, see `count.rs`).

use sozdik_script::{NormalizeOptions, Normalizer, Profile};

/// The normalization of counting: every step, and lowercasing.
pub(crate) const OPTIONS: NormalizeOptions = NormalizeOptions { lowercase: true, ..NormalizeOptions::DEFAULT };

/// Whether `norm` has the default options and profile, so that the key of a word is a
/// function of its spelling alone.
pub(crate) fn is_plain_normalizer(norm: &Normalizer) -> bool {
    norm.profile() == Profile::default() && norm.options() == OPTIONS
}

/// The key of `word`: the word itself when normalization and lowercasing change
/// nothing (no copy), else its normalized form, kept in `buf`. `norm` must lowercase.
pub(crate) fn word_key<'a>(word: &'a str, norm: &Normalizer, buf: &'a mut String) -> &'a str {
    norm.normalize_into(word, buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys() {
        let norm = Normalizer::new(OPTIONS);
        let mut buf = String::new();
        for (w, want) in [
            ("ҚАЗАҚСТАН", "қазақстан"),
            ("Өкінбейді", "өкінбейді"),
            ("ҰҚШҰ-ның", "ұқшұ-ның"),
            ("Google", "google"),
            ("Қазақстaн", "қазақстан"), // a Latin a
            ("сөз\u{00AD}дік", "сөздік"),
        ] {
            assert_eq!(word_key(w, &norm, &mut buf), want, "{w}");
        }
        // A word that is its own key is not copied.
        let w = "қазақстан";
        assert!(std::ptr::eq(word_key(w, &norm, &mut buf).as_ptr(), w.as_ptr()));
        // A Latin-script Kazakh document: ASCII words are transliterated, not just lowercased.
        let latin = Normalizer::for_document(OPTIONS, "Qazaqstan jäne onyñ halqy üşın bul mañyzdy.");
        assert!(!is_plain_normalizer(&latin));
        assert_eq!(word_key("Qazaqstan", &latin, &mut buf), "қазақстан");
    }
}
