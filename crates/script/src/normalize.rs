//! Normalizing words and texts.
//!
//! [`Normalizer::normalize`] runs these steps on one token, each switchable in
//! [`NormalizeOptions`] and each idempotent:
//!
//! 1. invisible and format characters removed (soft hyphen, zero-width characters, bidi
//!    controls, BOM), then NFC, then stress marks (a combining acute or grave on a Cyrillic
//!    letter) removed;
//! 2. Kazakh letters typed with letters of other Cyrillic alphabets repaired (ӊ→ң, ҡ→қ, ӏ→і),
//!    and in a document detected as KZ-1048 read as Windows-1251, ќ→қ, ѕ→ң, ј→ә and the rest;
//! 3. a word mixing Latin and Cyrillic letters repaired toward the script that makes it
//!    single-script (`Қазақстaн` → Cyrillic, `Gооgle` with Cyrillic о → Latin); a word wholly in
//!    one script is never touched by this step;
//! 4. in a document detected as Latin-script Kazakh, Latin words transliterated to Cyrillic;
//! 5. quote, apostrophe and dash variants folded (`«»“”„` → `"`, `’ʼ‘` → `'`, `—–−‑` → `-`,
//!    `…` → `...`);
//! 6. lowercasing, with Turkic I/ı, İ/i for 2021 Latin Kazakh that is not transliterated.
//!
//! Plain Cyrillic and ASCII words are checked byte by byte and come back borrowed; only
//! words that need a change allocate.

use std::borrow::Cow;
use std::sync::LazyLock;

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

use crate::detect::{profile, Profile, Script};
use crate::latin::{fits, lowercase_turkic, transliterate, LatinAlphabet};
use crate::lookalike::LOOKALIKES;
use crate::script::{is_cyrillic, is_latin};

/// Which normalization steps run. [`Default`] turns on every step except lowercasing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct NormalizeOptions {
    /// Unicode NFC.
    pub nfc: bool,
    /// Remove invisible and format characters and stress marks; in texts, map NBSP and thin
    /// spaces to a space.
    pub invisible: bool,
    /// Repair Kazakh letters typed with other Cyrillic alphabets' letters (ӊ ҡ ӏ ...).
    pub lookalikes: bool,
    /// Repair words that mix Latin and Cyrillic look-alike letters.
    pub mixed_script: bool,
    /// Repair KZ-1048 text read as Windows-1251, when the document is detected as such.
    pub kz1048: bool,
    /// Transliterate Latin-script Kazakh to Cyrillic, when the document is detected as such.
    pub latin_kazakh: bool,
    /// Fold quote, apostrophe and dash variants.
    pub punctuation: bool,
    /// Lowercase.
    pub lowercase: bool,
}

impl Default for NormalizeOptions {
    fn default() -> NormalizeOptions {
        NormalizeOptions::DEFAULT
    }
}

impl NormalizeOptions {
    /// Every step except lowercasing: [`Default::default`], usable in a `const`.
    pub const DEFAULT: NormalizeOptions = NormalizeOptions {
        nfc: true,
        invisible: true,
        lookalikes: true,
        mixed_script: true,
        kz1048: true,
        latin_kazakh: true,
        punctuation: true,
        lowercase: false,
    };

    /// Every step off: normalization returns its input.
    pub const NONE: NormalizeOptions = NormalizeOptions {
        nfc: false,
        invisible: false,
        lookalikes: false,
        mixed_script: false,
        kz1048: false,
        latin_kazakh: false,
        punctuation: false,
        lowercase: false,
    };
}

/// Normalizes the tokens of one document. Build it once per document with
/// [`Normalizer::for_document`] (which detects the script and KZ-1048 damage) or with a
/// known [`Profile`]; it is cheap to copy and `Send + Sync`.
///
/// ```
/// use sozdik_script::{NormalizeOptions, Normalizer};
///
/// let n = Normalizer::new(NormalizeOptions::default());
/// assert_eq!(n.normalize("Қазақстaн"), "Қазақстан"); // Latin a repaired
/// assert_eq!(n.normalize("Google"), "Google"); // wholly Latin: untouched
///
/// let text = "Qazaqstan Respublikasy jäne onyñ halqy.";
/// let n = Normalizer::for_document(NormalizeOptions { lowercase: true, ..Default::default() }, text);
/// assert_eq!(n.normalize("Qazaqstan"), "қазақстан");
/// assert_eq!(n.normalize_text(text), "қазақстан республикасы және оның халқы.");
///
/// let n = Normalizer::for_document(NormalizeOptions::default(), "Ќазаќстан Республикасыныѕ");
/// assert_eq!(n.normalize("Республикасыныѕ"), "Республикасының");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Normalizer {
    options: NormalizeOptions,
    profile: Profile,
}

impl Normalizer {
    /// A normalizer for a Cyrillic document with no KZ-1048 damage.
    pub const fn new(options: NormalizeOptions) -> Normalizer {
        Normalizer { options, profile: Profile { script: Script::Cyrillic, kz1048: false } }
    }

    /// A normalizer for a document whose profile is known.
    pub const fn with_profile(options: NormalizeOptions, profile: Profile) -> Normalizer {
        Normalizer { options, profile }
    }

    /// A normalizer for `text`, whose script and KZ-1048 damage are detected first.
    pub fn for_document(options: NormalizeOptions, text: &str) -> Normalizer {
        Normalizer::with_profile(options, profile(text))
    }

    /// The options.
    pub fn options(&self) -> NormalizeOptions {
        self.options
    }

    /// The document profile the normalizer works with.
    pub fn profile(&self) -> Profile {
        self.profile
    }

    fn transliterate_to(&self) -> Option<LatinAlphabet> {
        if self.options.latin_kazakh {
            self.profile.script.latin_alphabet()
        } else {
            None
        }
    }

    fn kz1048(&self) -> bool {
        self.options.kz1048 && self.profile.kz1048
    }

    /// Normalizes one token. Returns the input borrowed when nothing changes.
    #[inline]
    pub fn normalize<'a>(&self, word: &'a str) -> Cow<'a, str> {
        self.normalize_scanned(word, self.scan(word))
    }

    /// [`Normalizer::normalize`] into `buf` when the word changes: the same text,
    /// without allocating for the common change, lowercasing a plain Cyrillic or ASCII
    /// word, once `buf` has grown. For callers that normalize many words one at a time.
    #[inline]
    pub fn normalize_into<'a>(&self, word: &'a str, buf: &'a mut String) -> &'a str {
        let scan = self.scan(word);
        if matches!(scan, Scan::Upper) && self.lowers_simply() {
            buf.clear();
            lower_simple_into(word, buf);
            return buf;
        }
        match self.normalize_scanned(word, scan) {
            Cow::Borrowed(w) => w,
            Cow::Owned(s) => {
                *buf = s;
                buf
            }
        }
    }

    /// Whether a plain word with a capital is only lowercased, byte by byte: not in a
    /// 2021 Latin Kazakh document, whose I and İ take Turkic casing.
    fn lowers_simply(&self) -> bool {
        self.options.lowercase && self.profile.script.latin_alphabet() != Some(LatinAlphabet::Y2021)
    }

    /// [`Normalizer::normalize`] of `word`, whose [`Scan`] is `scan`.
    #[inline]
    fn normalize_scanned<'a>(&self, word: &'a str, scan: Scan) -> Cow<'a, str> {
        match scan {
            Scan::Clean => Cow::Borrowed(word),
            Scan::Upper if !self.options.lowercase => Cow::Borrowed(word),
            Scan::Upper if self.lowers_simply() => Cow::Owned(lowercase_simple(word)),
            Scan::Upper => self.lower(word),
            Scan::Slow => self.normalize_general(word),
        }
    }

    fn lower<'a>(&self, word: &'a str) -> Cow<'a, str> {
        // Turkic casing for a word of the 2021 alphabet in a 2021 Latin Kazakh document.
        let turkic = self.profile.script.latin_alphabet() == Some(LatinAlphabet::Y2021)
            && word.contains(['I', 'İ'])
            && fits(word, LatinAlphabet::Y2021);
        if turkic {
            lowercase_turkic(word)
        } else {
            lowercase(word)
        }
    }

    /// Every step, the slow way: rounds of all steps until nothing changes (one round
    /// almost always; a repair can expose work for an earlier step, as when a Latin `x`
    /// with a stress mark turns Cyrillic).
    fn normalize_general<'a>(&self, word: &'a str) -> Cow<'a, str> {
        let mut cur = match self.round(word) {
            None => return Cow::Borrowed(word),
            Some(s) => s,
        };
        for _ in 0..4 {
            // A result the byte-level scan finds clean needs no further round (the round
            // would change nothing): most repaired words (a Latin і or ə in a Cyrillic
            // word) are plain Cyrillic after one.
            if matches!(self.scan(&cur), Scan::Clean) {
                break;
            }
            match self.round(&cur) {
                None => break,
                Some(s) => cur = s,
            }
        }
        if cur == word {
            Cow::Borrowed(word)
        } else {
            Cow::Owned(cur)
        }
    }

    /// The byte-level fast path: true when `word` needs no step but lowercasing. Only plain
    /// ASCII and two-byte Cyrillic get through.
    #[cfg(test)]
    fn is_clean(&self, word: &str) -> bool {
        !matches!(self.scan(word), Scan::Slow)
    }

    /// One pass over the bytes of `word`: whether it needs any step but lowercasing, and if
    /// not, whether it has a capital. Only plain ASCII and two-byte Cyrillic are judged here;
    /// anything else is [`Scan::Slow`].
    #[inline]
    fn scan(&self, word: &str) -> Scan {
        let o = &self.options;
        let t = &*LOOKALIKES;
        let lower = &*CYRILLIC_LOWER;
        let kz = self.kz1048();
        let b = word.as_bytes();
        let (mut ascii_letter, mut cyrillic, mut upper) = (false, false, false);
        let mut i = 0;
        while let Some(&x) = b.get(i) {
            if x < 0x80 {
                if x.is_ascii_alphabetic() {
                    ascii_letter = true;
                    upper |= x.is_ascii_uppercase();
                } else if x == b'`' && o.punctuation {
                    return Scan::Slow;
                }
                i += 1;
            } else if (0xD0..=0xD3).contains(&x) {
                let Some(&y) = b.get(i + 1) else { return Scan::Slow };
                let idx = ((((x & 0x1F) as usize) << 6) | (y & 0x3F) as usize) - 0x400;
                if (o.lookalikes && t.cyr_always[idx]) || (kz && t.cyr_kz1048[idx]) || (0x82..=0x89).contains(&idx) {
                    return Scan::Slow;
                }
                upper |= lower[idx] as usize != idx;
                cyrillic = true;
                i += 2;
            } else {
                return Scan::Slow;
            }
        }
        if ascii_letter && (cyrillic && o.mixed_script || self.transliterate_to().is_some()) {
            Scan::Slow
        } else if upper {
            Scan::Upper
        } else {
            Scan::Clean
        }
    }

    /// One round of every step; `None` when nothing changes.
    fn round(&self, word: &str) -> Option<String> {
        let o = &self.options;
        let mut s: Cow<'_, str> = Cow::Borrowed(word);
        let apply = |s: &mut Cow<'_, str>, f: &dyn Fn(&str) -> Option<String>| {
            if let Some(n) = f(s) {
                *s = Cow::Owned(n);
            }
        };
        if o.invisible {
            apply(&mut s, &strip_format);
        }
        if o.nfc {
            apply(&mut s, &nfc);
        }
        if o.invisible {
            if let Some(n) = strip_stress(&s) {
                s = Cow::Owned(n);
                if o.nfc {
                    apply(&mut s, &nfc);
                }
            }
        }
        let kz = self.kz1048();
        if o.lookalikes || kz {
            let t = &*LOOKALIKES;
            apply(&mut s, &|w: &str| {
                map_chars(w, |c| {
                    let r = t.get(c);
                    let a = if o.lookalikes { r.always } else { None };
                    a.or(if kz { r.kz1048 } else { None })
                })
            });
        }
        // A URL, email or handle may mix scripts on purpose (wiki/Абай).
        if o.mixed_script && is_wordlike(&s) {
            let latin_doc = matches!(self.profile.script, Script::LatinKazakh(_) | Script::LatinOther);
            apply(&mut s, &|w: &str| mixed_script(w, latin_doc));
        }
        if let Some(a) = self.transliterate_to() {
            if is_wordlike(&s) && s.chars().any(is_latin) && !s.chars().any(is_cyrillic) {
                apply(&mut s, &|w: &str| transliterate(w, a));
            }
        }
        if o.punctuation {
            apply(&mut s, &fold_punctuation_owned);
        }
        if o.lowercase {
            if let Cow::Owned(l) = self.lower(&s) {
                s = Cow::Owned(l);
            }
        }
        match s {
            Cow::Owned(n) if n != word => Some(n),
            _ => None,
        }
    }

    /// Normalizes a whole text, keeping its lines and its non-word characters in place.
    /// Words (letters, digits, marks, and apostrophes between letters) go through
    /// [`Normalizer::normalize`]; with the `invisible` option NBSP and thin spaces become
    /// spaces and format characters go; with `punctuation` quotes and dashes fold; with
    /// `lowercase` everything is lowercased.
    pub fn normalize_text(&self, text: &str) -> String {
        let o = &self.options;
        let mut out = String::with_capacity(text.len() + text.len() / 8);
        let apostrophe_final = self.transliterate_to() == Some(LatinAlphabet::Y2017);
        let mut rest = text;
        while let Some(&b0) = rest.as_bytes().first() {
            // Plain ASCII between words: spaces and punctuation that no step changes.
            if b0 < 0x80 && !b0.is_ascii_alphanumeric() && b0 != b'`' {
                let n = rest
                    .bytes()
                    .position(|b| b >= 0x80 || b.is_ascii_alphanumeric() || b == b'`')
                    .unwrap_or(rest.len());
                out.push_str(&rest[..n]);
                rest = &rest[n..];
                continue;
            }
            let end = word_len(rest, apostrophe_final);
            if end > 0 {
                out.push_str(&self.normalize(&rest[..end]));
                rest = &rest[end..];
                continue;
            }
            let c = rest.chars().next().unwrap_or(' ');
            rest = &rest[c.len_utf8()..];
            if o.invisible && is_odd_space(c) {
                out.push(' ');
            } else if o.invisible && is_format(c) {
            } else if o.punctuation && fold_char(c).is_some() {
                match fold_char(c) {
                    Some(Fold::Char(f)) => out.push(f),
                    Some(Fold::Ellipsis) => out.push_str("..."),
                    None => {}
                }
            } else if o.lowercase {
                out.extend(c.to_lowercase());
            } else {
                out.push(c);
            }
        }
        out
    }
}

/// What the byte-level pass found.
enum Scan {
    /// Nothing to change.
    Clean,
    /// Only lowercasing may change it (plain ASCII and Cyrillic with a capital).
    Upper,
    /// Needs the general path.
    Slow,
}

/// Whether the token looks like a word rather than a URL, email, handle or abbreviation.
fn is_wordlike(s: &str) -> bool {
    !s.contains(['.', '/', '@', ':', '#', '_'])
}

/// The length of the word at the start of `s`: letters, digits, marks, format characters,
/// and apostrophes between letters (2017 Latin `a'`); 0 if `s` does not start with one.
fn word_len(s: &str, apostrophe_final: bool) -> usize {
    // Fast start: ASCII letters and digits and two-byte Cyrillic letters (U+0482 is the
    // only non-letter there that is not a mark).
    let b = s.as_bytes();
    if let [0xD2, 0x82..=0x89, ..] = b {
        // ҂ and the combining titlo marks do not start a word.
        return word_len_general(s, apostrophe_final);
    }
    let mut i = 0;
    while let Some(&x) = b.get(i) {
        if x.is_ascii_alphanumeric() {
            i += 1;
        } else if (0xD0..=0xD3).contains(&x) && !(x == 0xD2 && b.get(i + 1) == Some(&0x82)) {
            i += 2;
        } else {
            break;
        }
    }
    if i == 0 {
        return word_len_general(s, apostrophe_final);
    }
    match b.get(i) {
        None => i,
        Some(x) if x.is_ascii() && !matches!(x, b'\'' | b'`') => i,
        _ => word_len_general(s, apostrophe_final),
    }
}

/// [`word_len`] one `char` at a time.
fn word_len_general(s: &str, apostrophe_final: bool) -> usize {
    let wordish = |c: char| c.is_alphanumeric() || is_format(c) || is_mark(c);
    let mut end = 0;
    for (i, c) in s.char_indices() {
        if wordish(c) {
            end = i + c.len_utf8();
        } else if end > 0 && end == i && is_apostrophe(c) {
            // Format characters are deleted, so look past them.
            let next = s[i + c.len_utf8()..].chars().find(|&d| !is_format(d));
            let next_letter = next.is_some_and(char::is_alphabetic);
            // A final apostrophe (2017 `tan'`) only before something else than another
            // apostrophe: transliteration eats it, and `y'''com` must not become one word
            // on a second pass.
            let final_ok = apostrophe_final
                && !next.is_some_and(is_apostrophe)
                && s[..i].chars().next_back().is_some_and(char::is_alphabetic);
            if next_letter || final_ok {
                end = i + c.len_utf8();
            } else {
                break;
            }
        } else {
            break;
        }
    }
    // A word starts with a letter or digit, not with a mark.
    if s.chars().next().is_some_and(char::is_alphanumeric) {
        end
    } else {
        0
    }
}

/// Every character that [`fold_punctuation`] turns into `'`, and `'` itself: folding must
/// not move word boundaries, or normalizing twice would see other words.
fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ' | '`' | '´' | '‘' | '‛' | '′')
}

fn is_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{0483}'..='\u{0489}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}')
}

/// Format and invisible characters: deleted from words.
fn is_format(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' // soft hyphen
            | '\u{061C}' // Arabic letter mark
            | '\u{180E}' // Mongolian vowel separator
            | '\u{200B}'..='\u{200F}' // zero-width space/joiners, LRM, RLM
            | '\u{202A}'..='\u{202E}' // bidi embeddings
            | '\u{2060}'..='\u{2064}' // word joiner, invisible operators
            | '\u{2066}'..='\u{2069}' // bidi isolates
            | '\u{FEFF}' // BOM / ZWNBSP
    )
}

/// Space characters other than the ASCII space, mapped to a space in texts.
fn is_odd_space(c: char) -> bool {
    matches!(c, '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' | '\u{1680}')
}

fn strip_format(s: &str) -> Option<String> {
    if !s.chars().any(is_format) {
        return None;
    }
    Some(s.chars().filter(|&c| !is_format(c)).collect())
}

fn nfc(s: &str) -> Option<String> {
    if matches!(is_nfc_quick(s.chars()), IsNormalized::Yes) {
        return None;
    }
    let n: String = s.nfc().collect();
    (n != s).then_some(n)
}

/// Removes combining acute and grave accents that sit on a Cyrillic letter (stress marks;
/// Kazakh Cyrillic has no letter built with them).
fn strip_stress(s: &str) -> Option<String> {
    if !s.contains(['\u{0301}', '\u{0300}']) {
        return None;
    }
    let mut out = String::with_capacity(s.len());
    let mut base_cyrillic = false;
    let mut changed = false;
    for c in s.chars() {
        if matches!(c, '\u{0301}' | '\u{0300}') && base_cyrillic {
            changed = true;
            continue;
        }
        if !is_mark(c) {
            base_cyrillic = is_cyrillic(c);
        }
        out.push(c);
    }
    changed.then_some(out)
}

/// Maps characters one to one; `None` when nothing changes.
fn map_chars(s: &str, f: impl Fn(char) -> Option<char>) -> Option<String> {
    let first = s.char_indices().find_map(|(i, c)| f(c).map(|_| i))?;
    let mut out = String::with_capacity(s.len());
    out.push_str(&s[..first]);
    for c in s[first..].chars() {
        out.push(f(c).unwrap_or(c));
    }
    Some(out)
}

/// Repairs a word mixing Latin and Cyrillic letters toward the script that makes it
/// single-script; when both or neither would, toward the script most of its letters are
/// in (ties go to the document's script).
fn mixed_script(s: &str, latin_doc: bool) -> Option<String> {
    let t = &*LOOKALIKES;
    let (mut lat, mut cyr) = (0usize, 0usize);
    let (mut to_cyr_ok, mut to_lat_ok) = (true, true);
    for c in s.chars() {
        if is_latin(c) {
            lat += 1;
            to_cyr_ok &= t.get(c).cyr.is_some();
        } else if is_cyrillic(c) {
            cyr += 1;
            to_lat_ok &= t.get(c).lat.is_some();
        }
    }
    if lat == 0 || cyr == 0 {
        return None;
    }
    let to_cyr = match (to_cyr_ok, to_lat_ok) {
        (true, false) => true,
        (false, true) => false,
        _ => cyr > lat || (cyr == lat && !latin_doc),
    };
    if to_cyr {
        map_chars(s, |c| if is_latin(c) { t.get(c).cyr } else { None })
    } else {
        map_chars(s, |c| if is_cyrillic(c) { t.get(c).lat } else { None })
    }
}

enum Fold {
    Char(char),
    Ellipsis,
}

fn fold_char(c: char) -> Option<Fold> {
    Some(Fold::Char(match c {
        '«' | '»' | '“' | '”' | '„' | '‟' | '″' | '〝' | '〞' | '＂' | '‹' | '›' => '"',
        '‘' | '’' | '‛' | '′' | 'ʼ' | '`' | '´' => '\'',
        '‚' | '¸' => ',',
        '—' | '–' | '‒' | '―' | '‐' | '‑' | '−' | '⁃' | '﹣' | '－' => '-',
        '…' => return Some(Fold::Ellipsis),
        _ => return None,
    }))
}

fn fold_punctuation_owned(s: &str) -> Option<String> {
    match fold_punctuation(s) {
        Cow::Borrowed(_) => None,
        Cow::Owned(o) => Some(o),
    }
}

/// Folds quote, apostrophe and dash variants for matching: `«»“”„‹›` → `"`, `‘’ʼ´` and
/// backtick → `'`, `—–‒―‐‑−` → `-`, `…` → `...`, the low quote `‚` and cedilla `¸` used as
/// commas → `,`.
pub fn fold_punctuation(s: &str) -> Cow<'_, str> {
    let Some(first) = s.char_indices().find_map(|(i, c)| fold_char(c).map(|_| i)) else {
        return Cow::Borrowed(s);
    };
    let mut out = String::with_capacity(s.len());
    out.push_str(&s[..first]);
    for c in s[first..].chars() {
        match fold_char(c) {
            Some(Fold::Char(f)) => out.push(f),
            Some(Fold::Ellipsis) => out.push_str("..."),
            None => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// The lowercase of each letter of U+0400..U+04FF as an offset in the block (every one
/// lowercases within it).
static CYRILLIC_LOWER: LazyLock<[u8; 256]> = LazyLock::new(|| {
    let mut t = [0u8; 256];
    for (i, slot) in t.iter_mut().enumerate() {
        let c = char::from_u32(0x400 + i as u32).unwrap_or(' ');
        let mut l = c.to_lowercase();
        *slot = match (l.next(), l.next()) {
            (Some(l), None) if (0x400..=0x4FF).contains(&(l as u32)) => (l as u32 - 0x400) as u8,
            _ => i as u8,
        };
    }
    t
});

/// Lowercases a word, borrowing when it is already lowercase. Cyrillic and ASCII take a
/// byte-level path; anything else uses the Unicode case mapping.
pub fn lowercase(word: &str) -> Cow<'_, str> {
    let t = &*CYRILLIC_LOWER;
    let b = word.as_bytes();
    let mut i = 0;
    let mut simple = true;
    let mut first_upper = None;
    while let Some(&x) = b.get(i) {
        if x < 0x80 {
            if x.is_ascii_uppercase() {
                first_upper.get_or_insert(i);
            }
            i += 1;
        } else if (0xD0..=0xD3).contains(&x) && i + 1 < b.len() {
            let idx = ((((x & 0x1F) as usize) << 6) | (b[i + 1] & 0x3F) as usize) - 0x400;
            if t[idx] as usize != idx {
                first_upper.get_or_insert(i);
            }
            i += 2;
        } else {
            simple = false;
            let c = word[i..].chars().next().unwrap_or(' ');
            if c.is_uppercase() || c.to_lowercase().next() != Some(c) {
                first_upper.get_or_insert(i);
            }
            i += c.len_utf8();
        }
    }
    let Some(first) = first_upper else { return Cow::Borrowed(word) };
    if !simple {
        return Cow::Owned(word.to_lowercase());
    }
    let mut out = String::with_capacity(word.len());
    out.push_str(&word[..first]);
    lower_simple_into(&word[first..], &mut out);
    Cow::Owned(out)
}

/// The lowercase of a word of ASCII and two-byte Cyrillic only.
fn lowercase_simple(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    lower_simple_into(word, &mut out);
    out
}

fn lower_simple_into(word: &str, out: &mut String) {
    let t = &*CYRILLIC_LOWER;
    let b = word.as_bytes();
    let mut i = 0;
    while let Some(&x) = b.get(i) {
        if x < 0x80 {
            out.push(x.to_ascii_lowercase() as char);
            i += 1;
        } else {
            // The caller checked: a two-byte sequence of U+0400..U+04FF.
            let idx = ((((x & 0x1F) as usize) << 6) | (b[i + 1] & 0x3F) as usize) - 0x400;
            out.push(char::from_u32(0x400 + t[idx] as u32).unwrap_or(' '));
            i += 2;
        }
    }
}

/// The default normalizer: every step but lowercasing, for a Cyrillic document.
static DEFAULT: Normalizer = Normalizer::new(NormalizeOptions::DEFAULT);

/// Normalizes one word with the default options in a Cyrillic document: NFC, invisible
/// characters and stress marks removed, look-alike letters repaired, mixed-script words
/// repaired, quotes, apostrophes and dashes folded. Case is kept.
///
/// Returns the input borrowed when nothing changes. Idempotent.
pub fn normalize_word(word: &str) -> Cow<'_, str> {
    DEFAULT.normalize(word)
}

/// Removes invisible and format characters and maps odd spaces (NBSP, thin space) to a space.
pub fn strip_invisible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| is_format(c) || is_odd_space(c)) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().filter(|&c| !is_format(c)).map(|c| if is_odd_space(c) { ' ' } else { c }).collect())
}

/// Normalizes a whole text with the default options in a Cyrillic document (see
/// [`Normalizer::normalize_text`]), lowercasing it too with `lower`. To detect the
/// document's script and KZ-1048 damage first, use [`Normalizer::for_document`].
pub fn normalize_text(text: &str, lower: bool) -> String {
    Normalizer::new(NormalizeOptions { lowercase: lower, ..NormalizeOptions::default() }).normalize_text(text)
}

#[cfg(test)]
mod tests;
