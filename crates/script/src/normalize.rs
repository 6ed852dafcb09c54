//! Normalizing words and texts.

use std::borrow::Cow;

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

use crate::lookalike::{When, LOOKALIKES};

/// Characters that carry no letter: they are deleted from words.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' // soft hyphen
            | '\u{200B}'..='\u{200F}' // zero-width space/joiners, LRM, RLM
            | '\u{202A}'..='\u{202E}' // bidi embeddings
            | '\u{2060}'..='\u{2064}' // word joiner, invisible operators
            | '\u{FEFF}' // BOM / ZWNBSP
            | '\u{0301}' // combining acute used as a stress mark
    )
}

/// Space characters other than the ASCII space, mapped to a space in texts.
fn is_odd_space(c: char) -> bool {
    matches!(c, '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}')
}

fn is_latin_letter(c: char) -> bool {
    c.is_ascii_alphabetic() || (matches!(c, '\u{00C0}'..='\u{024F}') && c.is_alphabetic())
}

/// Whether `c` could need any change by [`normalize_word`].
fn is_suspect(c: char) -> bool {
    is_invisible(c) || LOOKALIKES.get(c).is_some() || (!c.is_ascii() && !is_plain_cyrillic(c) && !is_nfc_char(c))
}

fn is_plain_cyrillic(c: char) -> bool {
    matches!(c, '\u{0400}'..='\u{04FF}')
}

fn is_nfc_char(c: char) -> bool {
    let mut buf = [0u8; 4];
    matches!(is_nfc_quick(c.encode_utf8(&mut buf).chars()), IsNormalized::Yes)
}

/// Normalizes one word: NFC, invisible characters removed, look-alike letters repaired,
/// Latin homoglyphs inside a Cyrillic word turned Cyrillic. Case is kept.
///
/// Returns the input borrowed when nothing changes. Idempotent.
pub fn normalize_word(word: &str) -> Cow<'_, str> {
    if !word.chars().any(is_suspect) {
        return Cow::Borrowed(word);
    }
    let fixed: String = word
        .nfc()
        .filter(|&c| !is_invisible(c))
        .map(|c| match LOOKALIKES.get(c) {
            Some((to, When::Always)) => to,
            _ => c,
        })
        .collect();
    let has_cyrillic = fixed.chars().any(|c| is_plain_cyrillic(c) && c.is_alphabetic());
    let mut out = String::with_capacity(fixed.len());
    for c in fixed.chars() {
        match LOOKALIKES.get(c) {
            Some((to, When::InCyrillic)) if has_cyrillic => out.push(to),
            _ => out.push(c),
        }
    }
    // A word that mixes scripts after repair (a Latin letter with no Cyrillic twin) is
    // left as the repair made it; later stages treat it as a foreign word.
    let _ = is_latin_letter;
    if out == word {
        Cow::Borrowed(word)
    } else {
        Cow::Owned(out)
    }
}

/// Lowercases a word (Cyrillic case mapping is one-to-one), borrowing when it is already lowercase.
pub fn lowercase(word: &str) -> Cow<'_, str> {
    if word.chars().any(char::is_uppercase) {
        Cow::Owned(word.to_lowercase())
    } else {
        Cow::Borrowed(word)
    }
}

/// Removes invisible and format characters and maps odd spaces (NBSP, thin space) to a space.
pub fn strip_invisible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| is_invisible(c) || is_odd_space(c)) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().filter(|&c| !is_invisible(c)).map(|c| if is_odd_space(c) { ' ' } else { c }).collect())
}

/// Normalizes a whole text, keeping its lines: each run of letters and digits goes
/// through [`normalize_word`], odd spaces become spaces, invisible characters go, and
/// with `lower` everything is lowercased.
pub fn normalize_text(text: &str, lower: bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut start = None;
    let flush = |out: &mut String, w: &str| {
        let n = normalize_word(w);
        if lower {
            out.push_str(&lowercase(&n));
        } else {
            out.push_str(&n);
        }
    };
    for (i, c) in text.char_indices() {
        let wordish = c.is_alphanumeric() || is_invisible(c) || (c as u32 >= 0x300 && c as u32 <= 0x36F);
        match (wordish, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                flush(&mut out, &text[s..i]);
                start = None;
            }
            _ => {}
        }
        if !wordish {
            if is_odd_space(c) {
                out.push(' ');
            } else if lower {
                out.extend(c.to_lowercase());
            } else {
                out.push(c);
            }
        }
    }
    if let Some(s) = start {
        flush(&mut out, &text[s..]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn repairs() {
        for (from, to) in [
            ("Қазақстaн", "Қазақстан"),
            ("əдебиет", "әдебиет"),
            ("таӊ", "таң"),
            ("ҡала", "қала"),
            ("бiлім", "білім"),
            ("сөз\u{00AD}дік", "сөздік"),
            ("ҚAЗAҚ", "ҚАЗАҚ"),
            ("Google", "Google"),
            ("inbusiness", "inbusiness"),
        ] {
            assert_eq!(normalize_word(from), to, "normalize_word({from:?})");
        }
    }

    #[test]
    fn borrowed_when_clean() {
        assert!(matches!(normalize_word("қазақ"), Cow::Borrowed(_)));
        assert!(matches!(normalize_word("2019"), Cow::Borrowed(_)));
    }

    #[test]
    fn text_keeps_lines() {
        assert_eq!(normalize_text("Қазақстaн\u{00A0}елі\nжәне", false), "Қазақстан елі\nжәне");
        assert_eq!(normalize_text("ҚАЗАҚ TIлі", true), "қазақ тілі");
    }

    fn kazakhish() -> impl Strategy<Value = String> {
        let chars = prop::sample::select(vec![
            'а', 'ә', 'ғ', 'қ', 'ң', 'ө', 'ұ', 'ү', 'һ', 'і', 'Қ', 'А', 'a', 'e', 'o', 'i', 'I', 'ə', 'ӊ', 'ҡ', 'ɵ',
            '\u{00AD}', '\u{200B}', '\u{0301}', '\u{00A0}', ' ', '-', '.', '1', 'x', 'Z', 'é', 'ü',
        ]);
        prop::collection::vec(chars, 0..24).prop_map(|v| v.into_iter().collect())
    }

    proptest! {
        #[test]
        fn word_normalization_is_idempotent(s in kazakhish()) {
            let once = normalize_word(&s).into_owned();
            prop_assert_eq!(normalize_word(&once), once.as_str());
        }

        #[test]
        fn text_normalization_is_idempotent(s in kazakhish(), lower in any::<bool>()) {
            let once = normalize_text(&s, lower);
            prop_assert_eq!(normalize_text(&once, lower), once);
        }

        #[test]
        fn no_panic_on_any_string(s in any::<String>()) {
            let _ = normalize_text(&s, true);
            let _ = normalize_word(&s);
        }
    }
}
