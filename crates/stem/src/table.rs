//! The suffix slots and the irregular forms, parsed once from `data/`.

use hashbrown::HashMap;
use std::sync::LazyLock;

use sozdik_script::Harmony;

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

/// A slot of the word: endings of which at most one is removed.
#[derive(Debug)]
pub(crate) struct Slot {
    pub(crate) name: &'static str,
    pub(crate) verbal: bool,
    pub(crate) needs_verbal: bool,
    pub(crate) finite: bool,
    /// Longest first.
    pub(crate) endings: Vec<Ending>,
    /// For each value of an ending's last byte, the indices of the endings with it,
    /// longest first: a word is only compared with endings that can match it.
    pub(crate) by_last_byte: Vec<Vec<u16>>,
}

impl Slot {
    /// The endings that `word` may end with, longest first.
    pub(crate) fn candidates<'s>(&'s self, word: &str) -> impl Iterator<Item = &'s Ending> + 's {
        let last = word.as_bytes().last().copied().unwrap_or(0);
        self.by_last_byte[last as usize].iter().map(|&i| &self.endings[i as usize])
    }
}

pub(crate) static SLOTS: LazyLock<Vec<Slot>> = LazyLock::new(|| parse(SUFFIXES));

pub(crate) static IRREGULAR: LazyLock<HashMap<&'static str, &'static str>> =
    LazyLock::new(|| pairs(IRREGULAR_TSV, "stem-irregular.tsv"));

/// Stems that lost a vowel before an ending, and the stem they come from.
pub(crate) static ELISION: LazyLock<HashMap<&'static str, &'static str>> =
    LazyLock::new(|| pairs(ELISION_TSV, "stem-elision.tsv"));

fn pairs(text: &'static str, name: &str) -> HashMap<&'static str, &'static str> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split_once('\t').unwrap_or_else(|| panic!("{name}: no tab in {l:?}")))
        .collect()
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
                by_last_byte: Vec::new(),
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
        slot.endings.push(Ending { text, after, min, put, end, min_after_n, harmony });
    }
    for s in &mut slots {
        s.endings.sort_by_key(|e| std::cmp::Reverse(e.text.len()));
        s.by_last_byte = vec![Vec::new(); 256];
        for (i, e) in s.endings.iter().enumerate() {
            let last = e.text.as_bytes().last().copied().unwrap_or(0);
            s.by_last_byte[last as usize].push(i as u16);
        }
    }
    slots
}
