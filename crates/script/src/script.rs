//! Which script a letter belongs to.

/// Whether `c` is a Cyrillic letter (U+0400..U+052F).
#[inline]
pub fn is_cyrillic(c: char) -> bool {
    matches!(c, '\u{0400}'..='\u{052F}') && c.is_alphabetic()
}

/// Whether `c` is a Latin letter: ASCII, Latin-1, Latin Extended-A/B, IPA (ə, ɵ) and Latin
/// Extended Additional.
#[inline]
pub fn is_latin(c: char) -> bool {
    c.is_ascii_alphabetic()
        || (matches!(c, '\u{00C0}'..='\u{02AF}' | '\u{1E00}'..='\u{1EFF}') && c.is_alphabetic() && c != '×' && c != '÷')
}
