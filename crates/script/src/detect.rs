//! Document-level detection: which script a text is in, and whether it is KZ-1048 text
//! read as Windows-1251.

use std::collections::HashSet;
use std::sync::LazyLock;

use crate::latin::{transliterate, LatinAlphabet};
use crate::script::{is_cyrillic, is_latin};

const MARKERS: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/script-detect.txt"));

struct Markers {
    kazakh: HashSet<&'static str>,
    foreign: HashSet<&'static str>,
}

static MARKER_WORDS: LazyLock<Markers> = LazyLock::new(|| {
    let mut m = Markers { kazakh: HashSet::new(), foreign: HashSet::new() };
    for line in MARKERS.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        match line.split_once('\t') {
            Some(("kk", w)) => m.kazakh.insert(w),
            Some(("foreign", w)) => m.foreign.insert(w),
            _ => panic!("script-detect.txt: malformed line {line:?}"),
        };
    }
    m
});

/// The script of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Script {
    /// Cyrillic (Kazakh or Russian), possibly with some Latin words (names, URLs).
    Cyrillic,
    /// Kazakh written in one of the Latin alphabets.
    LatinKazakh(LatinAlphabet),
    /// Latin letters, but not Kazakh: English and other languages.
    LatinOther,
    /// Both Cyrillic and Latin in large shares.
    Mixed,
    /// Letters of other scripts, or no letters at all.
    Other,
}

impl Script {
    /// The name used in reports: `cyrillic`, `latin-kazakh`, `latin-other`, `mixed`, `other`.
    pub fn name(self) -> &'static str {
        match self {
            Script::Cyrillic => "cyrillic",
            Script::LatinKazakh(_) => "latin-kazakh",
            Script::LatinOther => "latin-other",
            Script::Mixed => "mixed",
            Script::Other => "other",
        }
    }

    /// The Latin alphabet, for Latin-script Kazakh.
    pub fn latin_alphabet(self) -> Option<LatinAlphabet> {
        match self {
            Script::LatinKazakh(a) => Some(a),
            _ => None,
        }
    }
}

/// What is known about a document before its words are normalized.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Profile {
    /// The script of the document.
    pub script: Script,
    /// Whether the document is KZ-1048 text decoded as Windows-1251 (see [`detect_kz1048`]).
    pub kz1048: bool,
}

impl Default for Profile {
    /// A Cyrillic document with no legacy-encoding damage.
    fn default() -> Profile {
        Profile { script: Script::Cyrillic, kz1048: false }
    }
}

/// Detects the script and the KZ-1048 damage of a document (see [`detect_script`] and
/// [`detect_kz1048`]).
pub fn profile(text: &str) -> Profile {
    Profile { script: detect_script(text), kz1048: detect_kz1048(text) }
}

/// Only the start of a long document is looked at: its script does not change halfway.
const SAMPLE_BYTES: usize = 1 << 16;

fn sample(text: &str) -> &str {
    if text.len() <= SAMPLE_BYTES {
        return text;
    }
    let mut end = SAMPLE_BYTES;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Detects the script a document is written in.
///
/// Letters are counted by script. A text whose letters are at least 80% Cyrillic is
/// [`Script::Cyrillic`] (English names and URLs in Kazakh news do not change that), at least
/// 80% Latin is Latin, anything between is [`Script::Mixed`]. A Latin text is Kazakh when
/// its words, transliterated with one of the Kazakh Latin alphabets, are frequent Kazakh
/// words (`jäne`, `men`, `üşın`, `bolady`...) more often than they are function words of
/// English, Turkish, Uzbek and other languages; the alphabet whose transliteration finds the
/// most Kazakh words wins, and letters that only one alphabet has (ä ğ ñ ş for 2021, á ǵ ń ý
/// for 2018, apostrophes for 2017) count for it.
///
/// ```
/// use sozdik_script::{detect_script, LatinAlphabet, Script};
///
/// assert_eq!(detect_script("Қазақстан Республикасы — Орталық Азиядағы мемлекет."), Script::Cyrillic);
/// assert_eq!(
///     detect_script("Qazaqstan Respublikasy — Ortalyq Aziiadağy memleket jäne onyñ astanasy Astana."),
///     Script::LatinKazakh(LatinAlphabet::Y2021)
/// );
/// assert_eq!(detect_script("The Republic of Kazakhstan is a country in Central Asia."), Script::LatinOther);
/// ```
pub fn detect_script(text: &str) -> Script {
    let text = sample(text);
    let (cyr, lat, other) = letter_counts(text);
    let letters = cyr + lat;
    if letters == 0 || other > letters {
        return Script::Other;
    }
    if cyr * 5 >= letters * 4 {
        return Script::Cyrillic;
    }
    if lat * 5 < letters * 4 {
        return Script::Mixed;
    }
    latin_language(text)
}

/// Bytes counted at a time: small enough for u8 counters, and for a block with a
/// character outside ASCII and Cyrillic to be rescanned cheaply.
const BLOCK: usize = 32;

/// Whether `c` is in a block that has no letters: General Punctuation, and the emoji
/// and pictographs from U+1F190 (a test checks both against the Unicode tables).
#[inline]
fn is_never_letter(c: char) -> bool {
    matches!(c as u32, 0x2000..=0x206F | 0x1F190..=0x1FAFF)
}

/// Letters of `text` by script: (Cyrillic, Latin, other alphabetic). Every character of
/// U+0400..U+04FF counts as Cyrillic.
fn letter_counts(text: &str) -> (usize, usize, usize) {
    let b = text.as_bytes();
    // Byte-level count without decoding, in a loop the compiler vectorizes: ASCII
    // letters, and lead bytes of two-byte Cyrillic (U+0400..U+04FF). Continuation
    // bytes count as neither.
    let (mut cyr, mut lat, mut other) = (0usize, 0usize, 0usize);
    for (n, block) in b.chunks(BLOCK).enumerate() {
        let (mut c, mut l, mut o) = (0u8, 0u8, 0u8);
        for &x in block {
            // (x | 0x20) - 'a' < 26 holds for ASCII letters only: from 0x80 it is at least 0x3F.
            l += ((x | 0x20).wrapping_sub(b'a') < 26) as u8;
            c += ((x & 0xFC) == 0xD0) as u8;
            o |= ((x >= 0xC0) as u8) & (((x & 0xFC) != 0xD0) as u8);
        }
        cyr += c as usize;
        lat += l as usize;
        if o == 0 {
            continue;
        }
        // The block has another character (a lead byte from C0, but D0..D3): decode and
        // classify those.
        for (i, &x) in block.iter().enumerate() {
            if x < 0xC0 || (x & 0xFC) == 0xD0 {
                continue;
            }
            let c = text[n * BLOCK + i..].chars().next().unwrap_or(' ');
            // Quotes, dashes and emoji, common in comments, are no letters.
            if is_never_letter(c) {
                continue;
            }
            if is_cyrillic(c) {
                cyr += 1;
            } else if is_latin(c) {
                lat += 1;
            } else if c.is_alphabetic() {
                other += 1;
            }
        }
    }
    (cyr, lat, other)
}

/// Scores a Latin text as Kazakh in each alphabet, or as another language.
fn latin_language(text: &str) -> Script {
    let m = &*MARKER_WORDS;
    let mut hits = [0usize; 3];
    let mut unique_letters = [0usize; 3];
    let (mut foreign, mut words) = (0usize, 0usize);
    let mut lower = String::new();
    for w in latin_words(text).take(4000) {
        words += 1;
        lower.clear();
        lower.extend(w.chars().flat_map(char::to_lowercase));
        if m.foreign.contains(lower.as_str()) {
            foreign += 1;
        }
        for a in LatinAlphabet::ALL {
            if let Some(cyr) = transliterate(w, a) {
                let cyr_lower: String = cyr.chars().flat_map(char::to_lowercase).collect();
                if m.kazakh.contains(cyr_lower.as_str()) {
                    hits[a as usize] += 1;
                }
            }
        }
        for c in w.chars() {
            let c = c.to_lowercase().next().unwrap_or(c);
            match c {
                'ä' | 'ğ' | 'ñ' | 'ö' | 'ū' | 'ü' | 'ş' | 'ș' => unique_letters[2] += 1,
                'á' | 'ǵ' | 'ń' | 'ó' | 'ú' | 'ý' => unique_letters[1] += 1,
                '\'' | '’' | 'ʼ' => unique_letters[0] += 1,
                _ => {}
            }
        }
    }
    let score = |a: LatinAlphabet| hits[a as usize] * 4 + unique_letters[a as usize];
    // On a tie the later candidate wins: 2018 (the decree most Latin text follows), then 2021.
    let order = [LatinAlphabet::Y2017, LatinAlphabet::Y2021, LatinAlphabet::Y2018];
    let best = order.into_iter().max_by_key(|&a| score(a)).unwrap_or(LatinAlphabet::Y2018);
    let h = hits[best as usize];
    // A short text with one Kazakh word needs a letter only its alphabet has (jäne, jáne).
    let short_evidence = h >= 1 && unique_letters[best as usize] >= 1 && foreign == 0;
    if words > 0 && (h >= 2 && h * 100 >= words * 5 && h > foreign * 2 || short_evidence) {
        Script::LatinKazakh(best)
    } else {
        Script::LatinOther
    }
}

/// Runs of Latin letters with word-internal apostrophes (2017 `a'`), and a final
/// apostrophe after a letter.
fn latin_words(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        let start = rest.find(is_latin)?;
        let s = &rest[start..];
        let mut end = 0;
        let mut it = s.char_indices().peekable();
        while let Some((i, c)) = it.next() {
            if is_latin(c) {
                end = i + c.len_utf8();
            } else if matches!(c, '\'' | '’' | 'ʼ' | '`') && end == i {
                end = i + c.len_utf8();
                if !it.peek().is_some_and(|&(_, d)| is_latin(d)) {
                    break;
                }
            } else {
                break;
            }
        }
        rest = &s[end..];
        Some(&s[..end])
    })
}

/// Searchers for the letters that only KZ-1048 damage puts in Kazakh text (see [`detect_kz1048`]).
/// Whether `b` (UTF-8) has one of ќ Ќ ѕ Ѕ ј Ј, the letters a KZ-1048 document decoded as
/// Windows-1251 must have: one pass over byte pairs, which the compiler vectorizes, so
/// that the common answer, no, costs a fraction of tokenizing the text.
fn has_strong_letter(b: &[u8]) -> bool {
    // ќ ѕ ј are D1 9C, D1 95, D1 98; Ќ Ѕ Ј are D0 8C, D0 85, D0 88.
    let pair = |lead: u8, next: u8| {
        (u8::from(lead == 0xD1) & (u8::from(next == 0x9C) | u8::from(next == 0x95) | u8::from(next == 0x98)))
            | (u8::from(lead == 0xD0) & (u8::from(next == 0x8C) | u8::from(next == 0x85) | u8::from(next == 0x88)))
    };
    const N: usize = 32;
    let mut at = 0;
    // Fixed-size windows of N pairs: a loop the compiler turns into vector compares.
    while at + N < b.len() {
        let lead: &[u8; N] = b[at..at + N].try_into().expect("N bytes");
        let next: &[u8; N] = b[at + 1..at + N + 1].try_into().expect("N bytes");
        let mut hit = 0u8;
        for i in 0..N {
            hit |= pair(lead[i], next[i]);
        }
        if hit != 0 {
            return true;
        }
        at += N;
    }
    b[at..].windows(2).any(|w| pair(w[0], w[1]) != 0)
}

/// Whether a document is Kazakh text in KZ-1048 (STRK1048-2002) that was decoded as
/// Windows-1251, which turns ә ғ қ ң ө ұ ү һ into ј є ќ ѕ ґ ў ї ћ.
///
/// It is, when ќ, ѕ or ј (never Ukrainian or Belarusian) occur at least twice, the text has
/// ы or і (never Serbian or Macedonian), there is no ђ ѓ љ њ џ (Serbian and Macedonian
/// letters that KZ-1048 cannot produce from Kazakh), and the stand-ins outnumber the real
/// Kazakh letters. Ukrainian text (є ї ґ, but no ќ ѕ ј) is never taken for it.
///
/// ```
/// use sozdik_script::detect_kz1048;
///
/// assert!(detect_kz1048("Ќазаќстан Республикасыныѕ астанасы"));
/// assert!(!detect_kz1048("Україна є державою, її столиця Київ"));
/// assert!(!detect_kz1048("Қазақстан Республикасының астанасы"));
/// ```
pub fn detect_kz1048(text: &str) -> bool {
    let text = sample(text);
    // Almost no text has the signature: rule it out with a SIMD search for the letters
    // that must be there (the char loop below costs more than tokenizing the text).
    if !has_strong_letter(text.as_bytes()) {
        return false;
    }
    let (mut strong, mut standins, mut kazakh, mut yi) = (0usize, 0usize, 0usize, false);
    for c in text.chars() {
        match c {
            'ќ' | 'Ќ' | 'ѕ' | 'Ѕ' | 'ј' | 'Ј' => {
                strong += 1;
                standins += 1;
            }
            'є' | 'Є' | 'ґ' | 'Ґ' | 'ў' | 'Ў' | 'ї' | 'Ї' | 'ћ' | 'Ћ' => standins += 1,
            'ә' | 'Ә' | 'ғ' | 'Ғ' | 'қ' | 'Қ' | 'ң' | 'Ң' | 'ө' | 'Ө' | 'ұ' | 'Ұ' | 'ү' | 'Ү' | 'һ' | 'Һ' => {
                kazakh += 1
            }
            'ы' | 'Ы' | 'і' | 'І' => yi = true,
            'ђ' | 'Ђ' | 'ѓ' | 'Ѓ' | 'љ' | 'Љ' | 'њ' | 'Њ' | 'џ' | 'Џ' => return false,
            _ => {}
        }
    }
    strong >= 2 && yi && standins > kazakh
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn never_letter_blocks_have_no_letters() {
        for cp in (0x2000..=0x206F).chain(0x1F190..=0x1FAFF) {
            if let Some(c) = char::from_u32(cp) {
                assert!(!c.is_alphabetic() && is_never_letter(c), "U+{cp:04X}");
            }
        }
    }

    proptest! {
        #[test]
        fn strong_letter_check_equals_char_search(s in "[аяќЍѕЅјЈьхшЕИ\u{0482}a😀 ]{0,200}") {
            let want = s.chars().any(|c| matches!(c, 'ќ' | 'Ќ' | 'ѕ' | 'Ѕ' | 'ј' | 'Ј'));
            prop_assert_eq!(has_strong_letter(s.as_bytes()), want);
        }

        #[test]
        fn letter_counts_equal_char_by_char(s in "[a-zA-Z0-9 .,ӀҚқәіаяЁ\u{0482}\u{0483}\u{0301}éöçğ😀ΩßİıəɵḤ日-]{0,300}") {
            let (mut cyr, mut lat, mut other) = (0, 0, 0);
            for c in s.chars() {
                if ('\u{0400}'..='\u{04FF}').contains(&c) || is_cyrillic(c) {
                    cyr += 1;
                } else if is_latin(c) {
                    lat += 1;
                } else if c.is_alphabetic() {
                    other += 1;
                }
            }
            prop_assert_eq!(letter_counts(&s), (cyr, lat, other));
        }
    }

    #[test]
    fn scripts() {
        use LatinAlphabet::*;
        for (text, want) in [
            ("Мемлекет басшысы Қасым-Жомарт Тоқаев, деп хабарлайды inbusiness.kz тілшісі.", Script::Cyrillic),
            ("Qazaqstan Respublikasy jäne onyñ halqy üşın bul mañyzdy.", Script::LatinKazakh(Y2021)),
            ("Qazaqstan Respýblıkasy jáne onyń halqy úshin bul mańyzdy.", Script::LatinKazakh(Y2018)),
            ("Qazaqstan Respy'bli'kasy ja'ne onyn' xalqy u's'in bul man'yzdy.", Script::LatinKazakh(Y2017)),
            ("Bul kitap jaqsy. Ol men bala edi.", Script::LatinKazakh(Y2018)),
            ("Qazaqstan jäne Resei", Script::LatinKazakh(Y2021)),
            ("Qazaqstan jáne Reseı", Script::LatinKazakh(Y2018)),
            ("Mädchen und Jungen", Script::LatinOther),
            ("The President said that the country will not change its policy.", Script::LatinOther),
            ("Türkiye ve Kazakistan arasında ticaret için yeni bir anlaşma imzalandı.", Script::LatinOther),
            ("O'zbekiston va Qozog'iston o'rtasida savdo uchun yangi kelishuv imzolandi.", Script::LatinOther),
            ("Қазақстан Kazakhstan Қазақстан Kazakhstan", Script::Mixed),
            ("2019, 2020!", Script::Other),
            ("北京是中国的首都", Script::Other),
        ] {
            assert_eq!(detect_script(text), want, "{text}");
        }
    }

    #[test]
    fn marker_list_is_clean() {
        use unicode_normalization::UnicodeNormalization;
        let m = &*MARKER_WORDS;
        assert!(m.kazakh.len() >= 100 && m.foreign.len() >= 40);
        let mut seen = HashSet::new();
        for line in MARKERS.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
            assert!(seen.insert(line), "duplicate line {line:?}");
        }
        for w in &m.kazakh {
            assert!(w.chars().all(|c| is_cyrillic(c) && c.is_lowercase()), "{w}: lowercase Cyrillic only");
            assert_eq!(w.nfc().collect::<String>(), *w, "{w} is not NFC");
        }
        for w in &m.foreign {
            assert!(w.chars().all(|c| is_latin(c) && c.is_lowercase()), "{w}: lowercase Latin only");
            // A foreign marker must not be a Kazakh word in any Latin alphabet.
            for a in LatinAlphabet::ALL {
                if let Some(cyr) = transliterate(w, a) {
                    assert!(!m.kazakh.contains(cyr.as_str()), "{w} is Kazakh {cyr} in {a:?}");
                }
            }
        }
    }

    #[test]
    fn kz1048() {
        assert!(detect_kz1048("Ќазаќ тілі - мемлекеттік тіл. Бўл ћаќында кґп айтылды."));
        assert!(!detect_kz1048("Македонија е држава. Ќе дојдам. Ѕвезда."));
        assert!(!detect_kz1048("Беларусь: Мінск — горад, ў якім жывуць людзі."));
        assert!(!detect_kz1048("Сьогодні їжа є, а ґанок є."));
        assert!(!detect_kz1048(""));
    }
}
