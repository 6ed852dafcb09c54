//! A Kazakh suffix-stripping stemmer.
//!
//! Kazakh is agglutinative: a noun takes plural, possessive, case and personal endings
//! in a fixed order (кітап·тар·ымыз·дан), a verb voice, negation, tense and person
//! (жаса·л·ма·й·ды). The stemmer walks these slots from the outside in and removes at
//! most one ending from each, and only an ending that fits what remains:
//!
//! - its vowel agrees with the harmony of what remains (а о ұ ы back, ә е ө ү і front);
//! - its first consonant is the allomorph that the remaining stem's last letter selects
//!   (-дың after л, -тың after т, -ның after a vowel or a nasal…);
//! - what remains is a plausible stem: long enough, with a vowel.
//!
//! These checks are what keep `адам` whole (not ада + px1 -м) without a lexicon. After
//! the endings go, the voicing a vowel-initial ending caused is undone (кітабы → кітап),
//! and the stem vowel that fused with the aorist is put back (оқиды → оқы). Pronouns
//! and the copula е-, whose forms no rule gives, come from a table. A suffix after a
//! hyphen on a number or acronym is cut at the hyphen (ҰҚШҰ-ның → ҰҚШҰ).
//!
//! The output follows the lemmas of the Kazakh UD treebank: nouns in the nominative
//! singular, verbs as the bare root (болып, болған → бол). The endings and the table are
//! data: `data/suffixes.txt` and `data/stem-irregular.tsv`.
//!
//! ```
//! use sozdik_stem::stem;
//!
//! assert_eq!(stem("кітаптарымыздан"), "кітап");
//! assert_eq!(stem("кітабы"), "кітап");
//! assert_eq!(stem("адам"), "адам");
//! assert_eq!(stem("жасалмайды"), "жаса");
//! assert_eq!(stem("маған"), "мен");
//! assert_eq!(stem("ҰҚШҰ-ның"), "ҰҚШҰ");
//! ```

mod table;

use std::borrow::Cow;

use sozdik_script::vowel_harmony;

use table::{letter, Ending, Letter, Letters, ELISION, IRREGULAR, LETTERS, SLOTS, SLOTS_BY_LAST};

/// Stems a word (any case; the stem keeps the word's case). Returns the word borrowed
/// when nothing is removed. The stem of a non-empty word is never empty.
pub fn stem(word: &str) -> Cow<'_, str> {
    let table: &Letters = &LETTERS;
    let scan = Scan::of(word, table);
    if scan.hyphen {
        if let Some(head) = hyphen_head(word) {
            return Cow::Borrowed(head);
        }
    }
    let (lower, lower_scan) = if scan.upper {
        let lower = word.to_lowercase();
        let lower_scan = Scan::of(&lower, table);
        (Cow::Owned(lower), lower_scan)
    } else {
        (Cow::Borrowed(word), scan)
    };
    // Lowercasing Cyrillic keeps the number of letters; other scripts are not stemmed.
    if lower_scan.letters != scan.letters || !lower_scan.cyrillic {
        return Cow::Borrowed(word);
    }
    if let Some(lemma) = IRREGULAR.get(lower.as_ref()) {
        return Cow::Owned(lemma.to_string());
    }
    let (kept, append) = strip(&Word { text: &lower, scan: lower_scan, table });
    // A stem that lost its last vowel to the ending gets it back (аузы → ауыз).
    if append.is_none() && kept < lower.len() {
        if let Some(full) = ELISION.get(&lower[..kept]) {
            return Cow::Owned(full.to_string());
        }
    }
    // `kept` is a prefix of `lower`, in letters; map it back onto `word` to keep its case.
    let end = match &lower {
        Cow::Borrowed(_) => kept,
        Cow::Owned(l) => {
            let letters = l[..kept].chars().count();
            word.char_indices().nth(letters).map_or(word.len(), |(i, _)| i)
        }
    };
    match append {
        None => Cow::Borrowed(&word[..end]),
        Some(Append::Put(s)) => Cow::Owned(format!("{}{s}", &word[..end])),
        Some(Append::Devoice(c)) => {
            let mut out = String::from(&word[..end]);
            let last = out.pop();
            let upper = last.is_some_and(char::is_uppercase);
            out.extend(if upper { c.to_uppercase().next() } else { Some(c) });
            Cow::Owned(out)
        }
    }
}

/// What `stem` asks of a word's letters, found in one pass over it (and a short one for
/// the first vowel).
#[derive(Clone, Copy)]
struct Scan {
    letters: usize,
    /// The byte offset just after the first vowel (`usize::MAX` without one): a prefix
    /// has a vowel when it is at least this long.
    vowel_end: usize,
    upper: bool,
    cyrillic: bool,
    hyphen: bool,
}

impl Scan {
    fn of(s: &str, table: &Letters) -> Scan {
        let (mut letters, mut marks) = (0, 0);
        for c in s.chars() {
            letters += 1;
            marks |= letter(table, c).marks;
        }
        // Most words have a vowel among their first two letters.
        let vowel_end =
            s.char_indices().find(|&(_, c)| letter(table, c).vowel).map_or(usize::MAX, |(i, c)| i + c.len_utf8());
        Scan {
            letters,
            vowel_end,
            upper: marks & Letter::UPPER != 0,
            cyrillic: marks & Letter::CYRILLIC != 0,
            hyphen: marks & Letter::HYPHEN != 0,
        }
    }
}

/// A lowercase word being stripped: the stems tried are its prefixes.
struct Word<'a> {
    text: &'a str,
    scan: Scan,
    table: &'a Letters,
}

/// What goes on the end of the stem once the endings are off.
enum Append {
    /// The fused stem vowel.
    Put(&'static str),
    /// The voiceless consonant in place of the last letter.
    Devoice(char),
}

/// An uppercase letter. Lowercase letters of the Cyrillic block and ASCII are answered
/// without Unicode tables.
fn is_upper(c: char) -> bool {
    !matches!(c, 'а'..='я' | 'ё' | 'ә' | 'ғ' | 'қ' | 'ң' | 'ө' | 'ұ' | 'ү' | 'һ' | 'і' | 'a'..='z' | '-')
        && c.is_uppercase()
}

fn is_cyrillic(c: char) -> bool {
    matches!(c, '\u{0400}'..='\u{04FF}')
}

/// A number or an acronym with a hyphenated ending: 2019-ғы, ҰҚШҰ-ның, 90%-ға.
fn hyphen_head(word: &str) -> Option<&str> {
    let (head, tail) = word.split_once('-')?;
    let acronym = head.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && head.chars().all(|c| c.is_uppercase() || c.is_numeric());
    let number = head.chars().next().is_some_and(|c| c.is_ascii_digit())
        && head.chars().all(|c| c.is_ascii_digit() || matches!(c, '%' | ',' | '.'));
    let ending = !tail.is_empty() && tail.chars().all(|c| c.is_lowercase()) && tail.chars().count() <= 6;
    ((acronym || number) && ending).then_some(head)
}

/// Whether a stem may end in `before` and `last`: a final pair of consonants is a sonorant
/// and an obstruent (жұрт, банк), or one of the loan clusters ст and -р (текст, министр).
/// This keeps -стан names and similar words whole (Қазақстан is not Қазақс + -тан).
fn plausible_end(last: char, before: char, table: &Letters) -> bool {
    if letter(table, last).vowel
        || letter(table, before).vowel
        || matches!(last, 'ь' | 'ъ')
        || matches!(before, 'ь' | 'ъ')
    {
        return true;
    }
    matches!(before, 'р' | 'л' | 'й' | 'у' | 'м' | 'н' | 'ң')
        || (before, last) == ('с', 'т')
        || last == 'р'
        || before == last
}

impl Word<'_> {
    /// Whether the stem of the first `len` bytes, `letters` letters, can lose `e`: the
    /// checks of the crate docs, the cheap ones first. `after_n`: the ending removed just
    /// before began with the pronominal н.
    fn fits(&self, len: usize, letters: usize, e: &Ending, after_n: bool) -> bool {
        let min = if after_n { e.min_after_n } else { e.min };
        if letters < min || self.scan.vowel_end > len {
            return false;
        }
        let rest = &self.text[..len];
        let mut cs = rest.chars().rev();
        let Some(last) = cs.next() else { return false };
        if e.after & letter(self.table, last).class == 0 {
            return false;
        }
        if !e.end.is_empty() && !e.end.chars().any(|c| c == last) {
            return false;
        }
        if let Some(before) = cs.next() {
            if !plausible_end(last, before, self.table) {
                return false;
            }
            // A possessive -ы/-і voices a stem-final к/қ only between vowels (жүрек → жүрегі);
            // after a consonant, ғы/гі/қы/кі is the adjective suffix of жылғы, ішкі, and stays,
            // unless the consonant cluster comes from vowel elision (халқы).
            if matches!(last, 'ғ' | 'г' | 'қ' | 'к')
                && matches!(e.text, "ы" | "і")
                && !letter(self.table, before).vowel
                && !ELISION.contains_key(rest)
            {
                return false;
            }
        }
        // The stem's harmony is set by its last letter that decides one.
        match e.harmony {
            Some(h) => rest.chars().rev().find_map(|c| letter(self.table, c).harmony).is_none_or(|r| r == h),
            None => true,
        }
    }
}

/// Strips `word`: the byte length of the stem kept, and what to append.
/// A final -ды/-ді is a past tense or an accusative; both readings are tried (the verbal
/// one opens negation and voice, the nominal one plural and possessive) and the one that
/// removes more is kept.
fn strip(word: &Word) -> (usize, Option<Append>) {
    let (kept, append, used_finite) = strip_with(word, true);
    if !used_finite {
        // No finite ending: the nominal reading would do exactly the same.
        return (kept, append);
    }
    let nominal = strip_with(word, false);
    if kept < nominal.0 {
        (kept, append)
    } else {
        (nominal.0, nominal.1)
    }
}

/// One reading of `word`; `finite` allows the finite verb endings. Also says whether
/// one of those was removed.
fn strip_with(word: &Word, finite: bool) -> (usize, Option<Append>, bool) {
    let mut used_finite = false;
    // The stem so far: `word.text[..len]`, of `letters` letters; its last letter and its
    // `tail`, which change only when an ending comes off.
    let mut len = word.text.len();
    let mut letters = word.scan.letters;
    let mut end = word.text.chars().next_back();
    let mut rest_tail = tail(word.text.as_bytes());
    let mut verbal = false;
    let mut nominal = false;
    let mut last: Option<&Ending> = None;
    let mut after_n = false;
    let (slots, slots_by_last): (&[_], _) = (&SLOTS, &*SLOTS_BY_LAST);
    // The first slot not tried yet. Only the slots with an ending in the stem's last letter
    // are tried: the others could remove nothing.
    let mut from = 0;
    while let Some(end_letter) = end {
        let Some(&with_ending) = slots_by_last.get((end_letter as usize).wrapping_sub(table::CYRILLIC)) else { break };
        // The slots from `from` on that have an ending in the last letter.
        let open = with_ending & u32::MAX.checked_shl(from).unwrap_or(0);
        if open == 0 {
            break;
        }
        let k = open.trailing_zeros();
        from = k + 1;
        let slot = &slots[k as usize];
        if (slot.needs_verbal && !verbal) || (verbal && !slot.verbal) || (slot.finite && (nominal || !finite)) {
            continue;
        }
        let rest = &word.text.as_bytes()[..len];
        let found = slot
            .candidates(end_letter)
            .iter()
            .find(|e| e.ends(rest, rest_tail) && word.fits(len - e.text.len(), letters - e.letters, e, after_n));
        if let Some(e) = found {
            len -= e.text.len();
            letters -= e.letters;
            end = word.text[..len].chars().next_back();
            rest_tail = tail(&rest[..len]);
            after_n = e.text.starts_with('н');
            last = Some(e);
            used_finite |= slot.finite;
            if slot.verbal {
                verbal = true;
            } else if slot.name != "predicative" {
                nominal = true;
            }
        }
    }
    let rest = &word.text[..len];
    let append = last.and_then(|e| {
        if let Some(put) = e.put {
            return Some(Append::Put(put));
        }
        // A vowel-initial ending voiced the stem's last consonant: кітабы, жүрегі, тарағы.
        if e.text.chars().next().is_some_and(|c| letter(word.table, c).vowel) {
            let devoiced = match rest.chars().next_back() {
                Some('б') => Some('п'),
                Some('г') => Some('к'),
                Some('ғ') => Some('қ'),
                _ => None,
            };
            return devoiced.map(Append::Devoice);
        }
        None
    });
    (len, append, used_finite)
}

/// The last bytes of `s`, up to eight, as one integer, the last byte lowest: whether a
/// word ends with an ending is then mostly one comparison ([`Ending::ends`]) instead of
/// a loop over bytes.
fn tail(s: &[u8]) -> u64 {
    match s.last_chunk::<8>() {
        Some(last) => u64::from_be_bytes(*last),
        None => s.iter().fold(0, |t, &b| t << 8 | u64::from(b)),
    }
}

/// The harmony an ending's vowel imposes, if it has a harmonising vowel.
fn ending_harmony(ending: &str) -> Option<sozdik_script::Harmony> {
    ending.chars().find_map(vowel_harmony)
}

#[cfg(test)]
mod tests;
