//! The suffix slots and the irregular forms, parsed once from `data/`.

use hashbrown::HashMap;
use std::sync::LazyLock;

use sozdik_script::{final_class, harmony, is_vowel, FinalClass, Harmony};

const SUFFIXES: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/suffixes.txt"));
const ELISION_TSV: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/stem-elision.tsv"));
const IRREGULAR_TSV: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/stem-irregular.tsv"));

/// Final-letter classes as bits.
pub(crate) const V: u8 = 1;
pub(crate) const R: u8 = 2;
pub(crate) const L: u8 = 4;
pub(crate) const N: u8 = 8;
pub(crate) const Z: u8 = 16;
pub(crate) const T: u8 = 32;

/// One ending of a slot.
#[derive(Debug)]
pub(crate) struct Ending {
    pub(crate) text: &'static str,
    /// The number of letters of `text`.
    pub(crate) letters: usize,
    /// `text`'s last eight bytes or fewer ([`crate::tail`]), and the mask of the bytes it has.
    tail: u64,
    tail_mask: u64,
    /// The classes (bits) of the final letter it may follow.
    pub(crate) after: u8,
    /// The least number of letters left.
    pub(crate) min: usize,
    /// What is put back after it is removed.
    pub(crate) put: Option<&'static str>,
    /// The letters what remains may end in (any when empty).
    pub(crate) end: &'static str,
    /// The least number of letters left when the ending removed before began with н.
    pub(crate) min_after_n: usize,
    /// The harmony its vowel imposes.
    pub(crate) harmony: Option<Harmony>,
}

impl Ending {
    /// Whether `word` ends with this ending; `word_tail` is [`crate::tail`] of `word`.
    /// A word shorter than the ending has zero bytes in its tail where the ending has
    /// none (endings have no NUL), so the tails need no length check; an ending longer
    /// than eight bytes compares the rest.
    #[inline]
    pub(crate) fn ends(&self, word: &[u8], word_tail: u64) -> bool {
        (word_tail ^ self.tail) & self.tail_mask == 0 && (self.text.len() <= 8 || word.ends_with(self.text.as_bytes()))
    }
}

/// A slot of the word: endings of which at most one is removed.
#[derive(Debug)]
pub(crate) struct Slot {
    pub(crate) name: &'static str,
    pub(crate) verbal: bool,
    pub(crate) needs_verbal: bool,
    pub(crate) finite: bool,
    /// Grouped by last letter, and within a group longest first (in file order when
    /// equally long).
    pub(crate) endings: Vec<Ending>,
    /// `endings[by_last[i]..by_last[i + 1]]` end in the letter U+0400 + i: a word is
    /// only compared with the endings that end in its last letter.
    by_last: [u16; 257],
}

impl Slot {
    /// The endings that a word ending in `last` may end with, longest first.
    pub(crate) fn candidates(&self, last: char) -> &[Ending] {
        let i = (last as usize).wrapping_sub(CYRILLIC);
        if i < 256 {
            &self.endings[self.by_last[i] as usize..self.by_last[i + 1] as usize]
        } else {
            &[]
        }
    }
}

/// The first letter of the Cyrillic block U+0400..U+04FF, in which every ending ends.
pub(crate) const CYRILLIC: usize = 0x400;

pub(crate) static SLOTS: LazyLock<Vec<Slot>> = LazyLock::new(|| parse(SUFFIXES));

/// For each letter U+0400 + i, the slots that have an ending in it, as bits in [`SLOTS`]
/// order: a word is only tried against those slots, not all of them.
pub(crate) static SLOTS_BY_LAST: LazyLock<[u32; 256]> = LazyLock::new(|| {
    assert!(SLOTS.len() <= 32, "suffixes.txt: more than 32 slots");
    let mut by_last = [0; 256];
    for (k, slot) in SLOTS.iter().enumerate() {
        for (i, bits) in by_last.iter_mut().enumerate() {
            if slot.by_last[i] < slot.by_last[i + 1] {
                *bits |= 1 << k;
            }
        }
    }
    by_last
});

pub(crate) static IRREGULAR: LazyLock<Pairs> = LazyLock::new(|| Pairs::parse(IRREGULAR_TSV, "stem-irregular.tsv"));

/// Stems that lost a vowel before an ending, and the stem they come from.
pub(crate) static ELISION: LazyLock<Pairs> = LazyLock::new(|| Pairs::parse(ELISION_TSV, "stem-elision.tsv"));

/// A table of word pairs. Few words are in it, so most are answered without hashing
/// them: by their length and last byte.
pub(crate) struct Pairs {
    map: HashMap<&'static str, &'static str>,
    /// For each byte length up to the longest word's, the last bytes (modulo 64, as
    /// bits) of the words that long.
    last_bytes: Vec<u64>,
}

impl Pairs {
    fn parse(text: &'static str, name: &str) -> Pairs {
        let map: HashMap<_, _> = text
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .map(|l| l.split_once('\t').unwrap_or_else(|| panic!("{name}: no tab in {l:?}")))
            .collect();
        let mut last_bytes = vec![0; map.keys().map(|k| k.len() + 1).max().unwrap_or(0)];
        for k in map.keys() {
            last_bytes[k.len()] |= last_byte_bit(k);
        }
        Pairs { map, last_bytes }
    }

    #[inline]
    pub(crate) fn get(&self, word: &str) -> Option<&'static str> {
        let last_bytes = self.last_bytes.get(word.len())?;
        if last_bytes & last_byte_bit(word) == 0 {
            return None;
        }
        self.map.get(word).copied()
    }

    pub(crate) fn contains_key(&self, word: &str) -> bool {
        self.get(word).is_some()
    }

    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.map.len()
    }
}

/// The bit of `s`'s last byte (modulo 64) in [`Pairs::last_bytes`]; the empty string has bit 0.
fn last_byte_bit(s: &str) -> u64 {
    s.as_bytes().last().map_or(1, |&b| 1 << (b % 64))
}

fn parse(text: &'static str) -> Vec<Slot> {
    let mut slots: Vec<Slot> = Vec::new();
    for line in text.lines() {
        let line = line.trim_end();
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(head) = line.strip_prefix('[') {
            let (name, flags) = head.split_once(']').unwrap_or_else(|| panic!("suffixes.txt: bad slot {line:?}"));
            let has = |f: &str| flags.split_whitespace().any(|x| x == f);
            slots.push(Slot {
                name,
                verbal: has("verbal"),
                needs_verbal: has("needs-verbal"),
                finite: has("final"),
                endings: Vec::new(),
                by_last: [0; 257],
            });
            continue;
        }
        let mut fields = line.split('\t');
        let text = fields.next().unwrap_or_default();
        let after_field = fields.next().unwrap_or_else(|| panic!("suffixes.txt: no classes in {line:?}"));
        let mut after = 0;
        for c in after_field.split_whitespace() {
            after |= match c {
                "V" => V,
                "R" => R,
                "L" => L,
                "N" => N,
                "Z" => Z,
                "T" => T,
                "*" => V | R | L | N | Z | T,
                other => panic!("suffixes.txt: unknown class {other:?} in {line:?}"),
            };
        }
        let (mut min, mut put, mut end, mut any_harmony) = (2, None, "", false);
        let mut min_after_n = usize::MAX;
        for opt in fields {
            if let Some(n) = opt.strip_prefix("min-after-н=") {
                min_after_n = n.parse().unwrap_or_else(|_| panic!("suffixes.txt: bad min-after-н in {line:?}"));
            } else if opt == "any-harmony" {
                any_harmony = true;
            } else if let Some(e) = opt.strip_prefix("end=") {
                end = e;
            } else if let Some(n) = opt.strip_prefix("min=") {
                min = n.parse().unwrap_or_else(|_| panic!("suffixes.txt: bad min in {line:?}"));
            } else if let Some(p) = opt.strip_prefix('+') {
                put = Some(p);
            } else {
                panic!("suffixes.txt: unknown option {opt:?} in {line:?}");
            }
        }
        let slot = slots.last_mut().unwrap_or_else(|| panic!("suffixes.txt: ending before any slot: {line:?}"));
        let harmony = if any_harmony { None } else { crate::ending_harmony(text) };
        let min_after_n = min_after_n.min(min);
        assert!(!text.is_empty() && !text.contains('\0'), "suffixes.txt: bad ending {line:?}");
        let letters = text.chars().count();
        let tail = crate::tail(text.as_bytes());
        let tail_mask = u64::MAX >> (8 * (8 - text.len().min(8)));
        slot.endings.push(Ending { text, letters, tail, tail_mask, after, min, put, end, min_after_n, harmony });
    }
    for s in &mut slots {
        let last_letter = |e: &Ending| {
            let c = e.text.chars().next_back().unwrap_or_else(|| panic!("suffixes.txt: empty ending"));
            let i = (c as usize).wrapping_sub(CYRILLIC);
            assert!(i < 256, "suffixes.txt: {:?} does not end in a Cyrillic letter", e.text);
            i
        };
        // A stable sort: within a letter the longest first, then in file order.
        s.endings.sort_by_key(|e| (last_letter(e), std::cmp::Reverse(e.text.len())));
        for (i, from) in s.by_last.iter_mut().enumerate() {
            *from = s.endings.iter().filter(|e| last_letter(e) < i).count() as u16;
        }
    }
    slots
}

/// What the stemmer asks of a character, precomputed from `sozdik_script` for the
/// characters of one and two bytes in UTF-8 (below U+0800: ASCII, Cyrillic and the
/// scripts of loans and mixed-in text such as Armenian and Arabic) so that it is one
/// lookup per character. The facts stay in `sozdik_script`: [`Letter::of`] asks it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Letter {
    /// The bit (V R L N Z T) of its class as the final letter of a stem.
    pub(crate) class: u8,
    /// The harmony it gives a stem when it is the last letter that decides one (a vowel
    /// but и у ю, or к г ь қ ғ); `None`: look further left.
    pub(crate) harmony: Option<Harmony>,
    pub(crate) vowel: bool,
    /// [`Letter::UPPER`], [`Letter::CYRILLIC`], [`Letter::HYPHEN`]: what a word is
    /// scanned for, as bits so that the scan ORs them together.
    pub(crate) marks: u8,
}

impl Letter {
    /// An uppercase letter: the word is lowercased before it is stemmed.
    pub(crate) const UPPER: u8 = 1;
    /// In the Cyrillic block U+0400..U+04FF (a word with none is not stemmed).
    pub(crate) const CYRILLIC: u8 = 2;
    /// `-`, before the ending of a number or an acronym.
    pub(crate) const HYPHEN: u8 = 4;

    // Outside the table only for characters from U+0800 (emoji…), which words rarely have.
    #[cold]
    pub(crate) fn of(c: char) -> Letter {
        let mut buf = [0; 4];
        let s: &str = c.encode_utf8(&mut buf);
        Letter {
            class: final_class(s).map_or(0, class_bit),
            harmony: harmony(s),
            vowel: is_vowel(c),
            marks: if crate::is_upper(c) { Letter::UPPER } else { 0 }
                | if crate::is_cyrillic(c) { Letter::CYRILLIC } else { 0 }
                | if c == '-' { Letter::HYPHEN } else { 0 },
        }
    }
}

/// The letters below U+0800, by code point.
pub(crate) static LETTERS: LazyLock<Letters> =
    LazyLock::new(|| std::array::from_fn(|i| Letter::of(char::from_u32(i as u32).unwrap_or_default())));

/// [`Letter`]s by code point, below U+0800 (no surrogates there: every index is a char).
pub(crate) type Letters = [Letter; 0x800];

/// The [`Letter`] of `c`, from `table` ([`LETTERS`]) when it is there.
#[inline]
pub(crate) fn letter(table: &Letters, c: char) -> Letter {
    match table.get(c as usize) {
        Some(&l) => l,
        None => Letter::of(c),
    }
}

fn class_bit(c: FinalClass) -> u8 {
    match c {
        FinalClass::Vowel => V,
        FinalClass::Sonorant => R,
        FinalClass::L => L,
        FinalClass::Nasal => N,
        FinalClass::Voiced => Z,
        FinalClass::Voiceless => T,
    }
}
