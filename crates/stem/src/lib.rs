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

use sozdik_script::{final_class, harmony, is_vowel, vowel_harmony, FinalClass};

use table::{Ending, ELISION, IRREGULAR, SLOTS};

/// Stems a word (any case; the stem keeps the word's case). Returns the word borrowed
/// when nothing is removed. The stem of a non-empty word is never empty.
pub fn stem(word: &str) -> Cow<'_, str> {
    if let Some(head) = hyphen_head(word) {
        return Cow::Borrowed(head);
    }
    // Lowercase letters of the Cyrillic block and ASCII are answered without Unicode tables.
    let is_upper = |c: char| {
        !matches!(c, 'а'..='я' | 'ё' | 'ә' | 'ғ' | 'қ' | 'ң' | 'ө' | 'ұ' | 'ү' | 'һ' | 'і' | 'a'..='z' | '-')
            && c.is_uppercase()
    };
    let lower: Cow<'_, str> =
        if word.chars().any(is_upper) { Cow::Owned(word.to_lowercase()) } else { Cow::Borrowed(word) };
    // Lowercasing Cyrillic keeps the number of letters; other scripts are not stemmed.
    let same_letters = match &lower {
        Cow::Borrowed(_) => true,
        Cow::Owned(l) => l.chars().count() == word.chars().count(),
    };
    if !same_letters || !lower.chars().any(is_cyrillic) {
        return Cow::Borrowed(word);
    }
    if let Some(lemma) = IRREGULAR.get(lower.as_ref()) {
        return Cow::Owned(lemma.to_string());
    }
    let (kept, append) = strip(&lower);
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

/// What goes on the end of the stem once the endings are off.
enum Append {
    /// The fused stem vowel.
    Put(&'static str),
    /// The voiceless consonant in place of the last letter.
    Devoice(char),
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

fn class_letters(c: FinalClass) -> u8 {
    match c {
        FinalClass::Vowel => table::V,
        FinalClass::Sonorant => table::R,
        FinalClass::L => table::L,
        FinalClass::Nasal => table::N,
        FinalClass::Voiced => table::Z,
        FinalClass::Voiceless => table::T,
    }
}

/// Whether a stem may end as `s` does: a final pair of consonants is a sonorant and an
/// obstruent (жұрт, банк), or one of the loan clusters ст and -р (текст, министр).
/// This keeps -стан names and similar words whole (Қазақстан is not Қазақс + -тан).
fn plausible_end(s: &str) -> bool {
    let mut cs = s.chars().rev();
    let (Some(last), Some(before)) = (cs.next(), cs.next()) else { return true };
    if is_vowel(last) || is_vowel(before) || matches!(last, 'ь' | 'ъ') || matches!(before, 'ь' | 'ъ') {
        return true;
    }
    matches!(before, 'р' | 'л' | 'й' | 'у' | 'м' | 'н' | 'ң')
        || (before, last) == ('с', 'т')
        || last == 'р'
        || before == last
}

/// Whether `rest` can lose `e`: the checks of the crate docs. `after_n`: the ending
/// removed just before began with the pronominal н.
fn fits(rest: &str, e: &Ending, after_n: bool) -> bool {
    let min = if after_n { e.min_after_n } else { e.min };
    // At least `min` letters, counted no further than that.
    if rest.chars().take(min).count() < min || !rest.chars().any(is_vowel) {
        return false;
    }
    if !plausible_end(rest) || (!e.end.is_empty() && !rest.chars().next_back().is_some_and(|c| e.end.contains(c))) {
        return false;
    }
    // A possessive -ы/-і voices a stem-final к/қ only between vowels (жүрек → жүрегі); after
    // a consonant, ғы/гі/қы/кі is the adjective suffix of жылғы, ішкі, and stays, unless the
    // consonant cluster comes from vowel elision (халқы).
    if matches!(e.text, "ы" | "і") && !ELISION.contains_key(rest) {
        let mut cs = rest.chars().rev();
        if let (Some('ғ' | 'г' | 'қ' | 'к'), Some(before)) = (cs.next(), cs.next()) {
            if !is_vowel(before) {
                return false;
            }
        }
    }
    let Some(class) = final_class(rest) else { return false };
    if e.after & class_letters(class) == 0 {
        return false;
    }
    match (e.harmony, harmony(rest)) {
        (Some(a), Some(b)) => a == b,
        _ => true,
    }
}

/// Strips `word` (lowercase): the byte length of the stem kept, and what to append.
/// A final -ды/-ді is a past tense or an accusative; both readings are tried (the verbal
/// one opens negation and voice, the nominal one plural and possessive) and the one that
/// removes more is kept.
fn strip(word: &str) -> (usize, Option<Append>) {
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
fn strip_with(word: &str, finite: bool) -> (usize, Option<Append>, bool) {
    let mut used_finite = false;
    let mut rest = word;
    let mut verbal = false;
    let mut nominal = false;
    let mut last: Option<&Ending> = None;
    for slot in SLOTS.iter() {
        if (slot.needs_verbal && !verbal) || (verbal && !slot.verbal) || (slot.finite && (nominal || !finite)) {
            continue;
        }
        let after_n = last.is_some_and(|e| e.text.starts_with('н'));
        let found = slot
            .candidates(rest)
            .find(|e| ends_with(rest, e.text) && fits(&rest[..rest.len() - e.text.len()], e, after_n));
        if let Some(e) = found {
            rest = &rest[..rest.len() - e.text.len()];
            last = Some(e);
            used_finite |= slot.finite;
            if slot.verbal {
                verbal = true;
            } else if slot.name != "predicative" {
                nominal = true;
            }
        }
    }
    let append = last.and_then(|e| {
        if let Some(put) = e.put {
            return Some(Append::Put(put));
        }
        // A vowel-initial ending voiced the stem's last consonant: кітабы, жүрегі, тарағы.
        if e.text.chars().next().is_some_and(is_vowel) {
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
    (rest.len(), append, used_finite)
}

/// `s.ends_with(suffix)` for the short endings, compared byte by byte from the end:
/// most candidates differ in their last byte or two, which a call to `memcmp` costs
/// more than.
#[inline]
fn ends_with(s: &str, suffix: &str) -> bool {
    let (s, x) = (s.as_bytes(), suffix.as_bytes());
    s.len() >= x.len() && s.iter().rev().zip(x.iter().rev()).all(|(a, b)| a == b)
}

/// The harmony an ending's vowel imposes, if it has a harmonising vowel.
fn ending_harmony(ending: &str) -> Option<sozdik_script::Harmony> {
    ending.chars().find_map(vowel_harmony)
}

#[cfg(test)]
mod tests;
