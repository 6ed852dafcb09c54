//! Kazakh in the Latin alphabets of 2017, 2018 and 2021, from `data/latin-kazakh.tsv`.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use foldhash::fast::FixedState;

const TABLE: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/latin-kazakh.tsv"));

/// One of the official Latin alphabets for Kazakh (docs: kazakh.md §1.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum LatinAlphabet {
    /// The Decree of 26 October 2017: apostrophes (aʼ, gʼ, nʼ, oʼ, uʼ, yʼ, iʼ, sʼ, cʼ).
    Y2017,
    /// The Decree of 19 February 2018: acute accents (á, ǵ, ń, ó, ú, ý), dotless ı for и/й, sh, ch.
    Y2018,
    /// The 31-letter version of January 2021: ä, ğ, ñ, ö, ū, ü, ş, and Turkic ı (і) / i (и/й).
    Y2021,
}

impl LatinAlphabet {
    /// All three, oldest first.
    pub const ALL: [LatinAlphabet; 3] = [LatinAlphabet::Y2017, LatinAlphabet::Y2018, LatinAlphabet::Y2021];

    /// The year, as used in the data table and in reports.
    pub fn year(self) -> u16 {
        match self {
            LatinAlphabet::Y2017 => 2017,
            LatinAlphabet::Y2018 => 2018,
            LatinAlphabet::Y2021 => 2021,
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    Letter(char),
    /// и, or й after a vowel.
    IOrY,
}

struct Alphabet {
    /// Lowercase Latin letter or digraph → Cyrillic.
    map: HashMap<&'static str, Target, FixedState>,
    /// Every Latin letter used by the alphabet (lowercase).
    letters: HashSet<char, FixedState>,
}

static ALPHABETS: LazyLock<[Alphabet; 3]> = LazyLock::new(|| {
    let mut out = [(); 3].map(|_| Alphabet { map: HashMap::default(), letters: HashSet::default() });
    for line in TABLE.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        let [latin, cyr, years] = f[..] else { panic!("latin-kazakh.tsv: malformed line {line:?}") };
        let target = if cyr == "и|й" {
            Target::IOrY
        } else {
            let mut cs = cyr.chars();
            match (cs.next(), cs.next()) {
                (Some(c), None) => Target::Letter(c),
                _ => panic!("latin-kazakh.tsv: not one letter: {cyr:?}"),
            }
        };
        for y in years.split_whitespace() {
            let a = LatinAlphabet::ALL
                .into_iter()
                .find(|a| a.year().to_string() == y)
                .unwrap_or_else(|| panic!("latin-kazakh.tsv: unknown alphabet {y}"));
            let a = &mut out[a.index()];
            assert!(a.map.insert(latin, target).is_none(), "latin-kazakh.tsv: {latin} twice for {y}");
            a.letters.extend(latin.chars().filter(|c| c.is_alphabetic()));
        }
    }
    out
});

/// Folds one character for matching the table: lowercase with the alphabet's casing,
/// apostrophe variants to `'`, and the comma-below look-alikes ș ț to ş ţ.
fn fold(c: char, a: LatinAlphabet) -> char {
    match c {
        '’' | 'ʼ' | '`' | '´' | '‘' | 'ʻ' | '′' => '\'',
        'ș' | 'Ș' => 'ş',
        'ț' | 'Ț' => 'ţ',
        'I' if a == LatinAlphabet::Y2021 => 'ı',
        'İ' => 'i',
        _ => c.to_lowercase().next().unwrap_or(c),
    }
}

fn is_cyrillic_vowel(c: char) -> bool {
    matches!(c, 'а' | 'ә' | 'е' | 'ё' | 'и' | 'о' | 'ө' | 'у' | 'ұ' | 'ү' | 'ы' | 'і' | 'э' | 'ю' | 'я')
}

/// Transliterates a word written in a Kazakh Latin alphabet to Cyrillic, keeping case.
/// A word with a letter the alphabet does not have (`Windows`, `Xerox`), with a letter pair
/// Kazakh never writes (`Google`, `Smith`), or with no Latin letter at all, comes back
/// unchanged (borrowed).
///
/// ```
/// use sozdik_script::{latin_to_cyrillic, LatinAlphabet};
///
/// assert_eq!(latin_to_cyrillic("Qazaqstan", LatinAlphabet::Y2021), "Қазақстан");
/// assert_eq!(latin_to_cyrillic("bılım", LatinAlphabet::Y2021), "білім");
/// assert_eq!(latin_to_cyrillic("bilim", LatinAlphabet::Y2018), "білім");
/// assert_eq!(latin_to_cyrillic("jańa", LatinAlphabet::Y2018), "жаңа");
/// assert_eq!(latin_to_cyrillic("jan'a", LatinAlphabet::Y2017), "жаңа");
/// assert_eq!(latin_to_cyrillic("Windows", LatinAlphabet::Y2021), "Windows");
/// ```
pub fn latin_to_cyrillic(word: &str, alphabet: LatinAlphabet) -> Cow<'_, str> {
    match transliterate(word, alphabet) {
        Some(s) => Cow::Owned(s),
        None => Cow::Borrowed(word),
    }
}

/// Whether every letter of `word` is a letter of `alphabet` (case-folded).
pub(crate) fn fits(word: &str, alphabet: LatinAlphabet) -> bool {
    let a = &ALPHABETS[alphabet.index()];
    let mut any = false;
    for c in word.chars() {
        if c.is_alphabetic() {
            let f = fold(c, alphabet);
            if f == '\'' {
                continue;
            }
            if !a.letters.contains(&f) {
                return false;
            }
            any = true;
        }
    }
    any
}

/// Letter pairs that Kazakh writes in none of its Latin alphabets but English does
/// (`Google`, `Bloomberg`, `Smith`, `Facebook`): a word with one is left in Latin.
fn looks_foreign(word: &str) -> bool {
    let mut prev = ' ';
    for c in word.chars() {
        let c = c.to_ascii_lowercase();
        if matches!((prev, c), ('o', 'o') | ('e', 'e') | ('t', 'h') | ('c', 'k') | ('p', 'h') | ('g', 'h') | ('o', 'u'))
        {
            return true;
        }
        prev = c;
    }
    false
}

pub(crate) fn transliterate(word: &str, alphabet: LatinAlphabet) -> Option<String> {
    if !fits(word, alphabet) || looks_foreign(word) {
        return None;
    }
    let a = &ALPHABETS[alphabet.index()];
    let chars: Vec<char> = word.chars().collect();
    let folded: Vec<char> = chars.iter().map(|&c| fold(c, alphabet)).collect();
    let mut out = String::with_capacity(word.len() * 2);
    let mut prev: Option<char> = None;
    let mut i = 0;
    let mut key = String::new();
    while i < chars.len() {
        let mut matched = None;
        for n in [3, 2, 1] {
            if i + n > chars.len() {
                continue;
            }
            key.clear();
            key.extend(&folded[i..i + n]);
            if let Some(&t) = a.map.get(key.as_str()) {
                matched = Some((t, n));
                break;
            }
        }
        let Some((t, n)) = matched else {
            // A letter the table cannot place (a lone c in 2018, which only has ch): not
            // Kazakh, leave the word.
            if chars[i].is_alphabetic() && folded[i] != '\'' {
                return None;
            }
            // Not a letter: a digit, a hyphen, a stray apostrophe.
            out.push(chars[i]);
            prev = None;
            i += 1;
            continue;
        };
        let lower = match t {
            Target::Letter(c) => c,
            Target::IOrY => {
                if prev.is_some_and(is_cyrillic_vowel) {
                    'й'
                } else {
                    'и'
                }
            }
        };
        // A capital stays a capital: the first character of the match decides.
        if chars[i].is_uppercase() {
            out.extend(lower.to_uppercase());
        } else {
            out.push(lower);
        }
        prev = Some(lower);
        i += n;
    }
    Some(out)
}

/// Lowercases Latin with Turkic casing (2021 Kazakh, also Turkish and Azerbaijani): I → ı,
/// İ → i; everything else as usual.
///
/// ```
/// assert_eq!(sozdik_script::lowercase_turkic("BILIM İNE"), "bılım ine");
/// ```
pub fn lowercase_turkic(word: &str) -> Cow<'_, str> {
    if !word.chars().any(char::is_uppercase) {
        return Cow::Borrowed(word);
    }
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        match c {
            'I' => out.push('ı'),
            'İ' => out.push('i'),
            _ => out.extend(c.to_lowercase()),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use LatinAlphabet::*;

    #[test]
    fn table_parses() {
        for a in LatinAlphabet::ALL {
            let t = &ALPHABETS[a.index()];
            assert!(t.map.len() >= 28, "{a:?} has {} letters", t.map.len());
            for k in t.map.keys() {
                assert_eq!(*k, k.to_lowercase(), "{k} is not lowercase");
            }
        }
    }

    #[test]
    fn transliterates_each_alphabet() {
        for (a, latin, cyr) in [
            (Y2021, "Qazaqstan Respublikasy", "Қазақстан Республикасы"),
            (Y2021, "Äke men şeşe", "Әке мен шеше"),
            (Y2021, "Ūlttyq Ğylym ortalyğy", "Ұлттық Ғылым орталығы"),
            (Y2021, "üi ıstı köñıl", "үй істі көңіл"),
            (Y2021, "ISTI", "ІСТІ"),
            (Y2021, "İNE", "ИНЕ"),
            (Y2018, "Qazaqstan Respýblıkasy", "Қазақстан Республикасы"),
            (Y2018, "Ábeń shesheń", "Әбең шешең"),
            (Y2018, "ǵylym óner úı", "ғылым өнер үй"),
            (Y2018, "chempıon", "чемпион"),
            // я is written ıa (2018), ia (2021), i'a (2017)
            (Y2018, "ıaǵnı Azııa qııal", "яғни Азия қиял"),
            (Y2021, "iağni Aziia", "яғни Азия"),
            (Y2017, "i'ag'ni'", "яғни"),
            (Y2017, "Qazaqstan Respy'bli'kasy", "Қазақстан Республикасы"),
            (Y2017, "Respyʼbliʼkasy", "Республикасы"),
            // plain i is і in 2017, as the decree's table has it
            (Y2017, "bilim", "білім"),
            (Y2017, "a'ke s'es'e", "әке шеше"),
            (Y2017, "u'i' o'ner g'ylym", "үй өнер ғылым"),
            (Y2017, "Qazaqstan-2050", "Қазақстан-2050"),
        ] {
            let got: Vec<String> = latin.split(' ').map(|w| latin_to_cyrillic(w, a).into_owned()).collect();
            assert_eq!(got.join(" "), cyr, "{a:?} {latin}");
        }
    }

    #[test]
    fn foreign_words_are_left() {
        for w in ["Windows", "Xerox", "cow", "2019", "-", "Google", "Bloomberg", "Smith", "Facebook", "Microsoft"] {
            assert!(matches!(latin_to_cyrillic(w, Y2021), Cow::Borrowed(_)), "{w}");
        }
    }
}
