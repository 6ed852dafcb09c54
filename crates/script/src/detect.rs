//! Document-level detection: which script a text is in, and whether it is KZ-1048 text
//! read as Windows-1251.

use std::collections::HashSet;
use std::sync::LazyLock;

use foldhash::fast::FixedState;

use crate::latin::{transliterate, LatinAlphabet};
use crate::script::is_latin;

mod scan;

use scan::{scan, Scan};

const MARKERS: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/script-detect.txt"));

/// Looked up for words of every document whose script is in question (foldhash, not
/// SipHash).
struct Markers {
    kazakh: HashSet<&'static str, FixedState>,
    foreign: HashSet<&'static str, FixedState>,
}

static MARKER_WORDS: LazyLock<Markers> = LazyLock::new(|| {
    let mut m = Markers { kazakh: HashSet::default(), foreign: HashSet::default() };
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
/// [`detect_kz1048`]), in one pass over its bytes for both.
pub fn profile(text: &str) -> Profile {
    let text = sample(text);
    let scan = scan(text);
    Profile { script: script_of(text, &scan), kz1048: scan.strong && kz1048_signature(text) }
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
    script_of(text, &scan(text))
}

/// The script of `text` (a [`sample`]), given its [`scan()`].
fn script_of(text: &str, scan: &Scan) -> Script {
    let (cyr, lat, other) = (scan.cyr, scan.lat, scan.other);
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
    // Almost no text has ќ ѕ ј: the scan rules it out for the cost of a vector loop (the
    // char loop below costs more than tokenizing the text).
    scan(text).strong && kz1048_signature(text)
}

/// The rest of [`detect_kz1048`], for a text that has one of ќ Ќ ѕ Ѕ ј Ј.
fn kz1048_signature(text: &str) -> bool {
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
    use crate::script::is_cyrillic;

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
