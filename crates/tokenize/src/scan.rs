//! The scanner: one pass over the text, one token at a time.

use crate::abbrev::{is_abbreviation, looks_like_abbreviation};
use crate::chars::{class_at, class_general, decode, is_alnum, is_letter, is_lower, word_end, word_end_general, Class};
use crate::number::{is_roman_numeral, may_be_roman_numeral, phone_end, PHONE_MIN_DIGITS};
use crate::span::{Span, Token, TokenKind};
use crate::suffix::is_number_suffix;

/// Splits `text` into tokens whose spans tile it. See the crate docs.
pub fn tokens(text: &str) -> Tokens<'_> {
    Tokens { text, pos: 0 }
}

/// The iterator returned by [`tokens`].
#[derive(Debug, Clone)]
pub struct Tokens<'a> {
    text: &'a str,
    pos: usize,
}

impl Iterator for Tokens<'_> {
    type Item = Token;

    #[inline(always)]
    fn next(&mut self) -> Option<Token> {
        let start = self.pos;
        let b = self.text.as_bytes();
        let &first = b.get(start)?;
        // The two most common tokens, a plain Cyrillic word and the single space before
        // a word, are found here, inline in the caller's loop; the rest of the common
        // tokens in `Tokens::other`. The scanner finds the same tokens; the property
        // tests check that.
        let scanner = Scanner::<true>(self.text);
        let quick = match first {
            // A Cyrillic letter (D2 82..D2 89 are a sign and combining marks).
            0xD0..=0xD3 if !(first == 0xD2 && (0x82..=0x89).contains(&b[start + 1])) => {
                scanner.plain_cyrillic_word(start).map(|end| (end, TokenKind::Word))
            }
            b' ' => match b.get(start + 1) {
                Some(&next) if next.is_ascii_alphanumeric() || (0xD0..=0xD3).contains(&next) => {
                    Some((start + 1, TokenKind::Space))
                }
                _ => None,
            },
            _ => None,
        };
        let (end, kind) = match quick {
            Some(token) => token,
            None => Tokens::other(scanner, start),
        };
        debug_assert!(end > start && self.text.is_char_boundary(end));
        self.pos = end;
        Some(Token { span: Span::new(start, end), kind })
    }
}

impl Tokens<'_> {
    /// The token at `start` when it is not one of the two most common kinds.
    #[inline(never)]
    fn other(scanner: Scanner<'_, true>, start: usize) -> (usize, TokenKind) {
        let b = scanner.0.as_bytes();
        let quick = match b[start] {
            b' ' | b'\n' | b'\r' | b'\t' => scanner.plain_space(start).map(|end| (end, TokenKind::Space)),
            // Punctuation that is a token of its own wherever it stands.
            b',' | b'!' | b'?' | b';' | b':' | b'(' | b')' | b'"' | b'-' => Some((start + 1, TokenKind::Punct)),
            // Most emoji are four bytes from U+1F000; hearts and stars three from U+2600.
            0xF0 | 0xE2 => scanner.plain_emoji(start).map(|end| (end, TokenKind::Emoji)),
            b'0'..=b'9' => scanner.plain_number(start).map(|end| (end, TokenKind::Number)),
            b'a'..=b'z' | b'A'..=b'Z' => scanner.plain_latin_word(start).map(|end| (end, TokenKind::Word)),
            // A full stop, or an ellipsis written with dots.
            b'.' => Some((start + b[start..].iter().take_while(|&&x| x == b'.').count(), TokenKind::Punct)),
            _ => None,
        };
        quick.unwrap_or_else(|| scanner.scan(start))
    }
}

impl std::iter::FusedIterator for Tokens<'_> {}

/// The tokens of `text` found with the slow, `char`-at-a-time classification only. The
/// property tests check it against [`tokens`].
#[cfg(test)]
pub(crate) fn tokens_general(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut pos = 0;
    while pos < text.len() {
        let (end, kind) = Scanner::<false>(text).scan(pos);
        out.push(Token { span: Span::new(pos, end), kind });
        pos = end;
    }
    out
}

/// Whether `next`, the byte after a word (or the end of the text), is white space or
/// punctuation that no rule of [`Scanner::word`] joins to the word before it.
#[inline]
fn ends_plain_word(next: Option<&u8>) -> bool {
    matches!(next, None | Some(b' ' | b'\n' | b'\r' | b'\t' | b',' | b'!' | b'?' | b';' | b')' | b'"' | b'('))
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{02BC}' | '`' | '\u{00B4}')
}

/// Spaces that may group the digits of a number: NBSP, figure space, thin and narrow NBSP.
fn is_digit_group_space(c: char) -> bool {
    matches!(c, '\u{00A0}' | '\u{2007}' | '\u{2009}' | '\u{202F}')
}

fn is_emoji(c: char) -> bool {
    matches!(c as u32, 0x1F000..=0x1FAFF | 0x2600..=0x27BF | 0x2B00..=0x2BFF | 0x2300..=0x23FF)
}

fn is_emoji_modifier(c: char) -> bool {
    matches!(c as u32, 0xFE0F | 0x20E3 | 0x1F3FB..=0x1F3FF | 0xE0020..=0xE007F)
}

fn is_regional_indicator(c: char) -> bool {
    matches!(c as u32, 0x1F1E6..=0x1F1FF)
}

fn is_punct(c: char) -> bool {
    c.is_ascii_punctuation()
        && !matches!(c, '$' | '+' | '<' | '=' | '>' | '^' | '`' | '|' | '~' | '%' | '&' | '*' | '#' | '@')
        || matches!(
            c,
            '«' | '»'
                | '“'
                | '”'
                | '„'
                | '‟'
                | '‘'
                | '’'
                | '‚'
                | '‛'
                | '‹'
                | '›'
                | '—'
                | '–'
                | '‒'
                | '―'
                | '‐'
                | '‑'
                | '…'
                | '·'
                | '•'
                | '¡'
                | '¿'
                | '¸'
                | '〈'
                | '〉'
                | '⟨'
                | '⟩'
                | '「'
                | '」'
                | '。'
                | '、'
        )
}

/// Whether every letter of `s` is uppercase and it has at least two: `ҚР`, `БҰҰ`, `ҚазҰУ` counts
/// as an acronym because it ends in capitals.
fn is_acronym(s: &str) -> bool {
    let mut letters = 0;
    let mut upper_tail = 0;
    for c in s.chars() {
        if is_letter(c) {
            letters += 1;
            if c.is_uppercase() {
                upper_tail += 1;
            } else {
                upper_tail = 0;
            }
        } else if c.is_numeric() {
            upper_tail = 0;
        }
    }
    letters >= 2 && upper_tail >= 2
}

/// A scanner over one text. `FAST` selects the byte-level character classification; the
/// slow one exists so that property tests can compare the two.
#[derive(Clone, Copy)]
struct Scanner<'a, const FAST: bool>(&'a str);

impl<'a, const FAST: bool> Scanner<'a, FAST> {
    #[inline]
    fn at(self, i: usize) -> Option<(Class, char, usize)> {
        if FAST {
            class_at(self.0, i)
        } else {
            decode(self.0, i).map(|(c, n)| (class_general(c), c, n))
        }
    }

    #[inline]
    fn char_at(self, i: usize) -> Option<char> {
        decode(self.0, i).map(|(c, _)| c)
    }

    #[inline]
    fn word_end(self, i: usize) -> usize {
        if FAST {
            word_end(self.0, i)
        } else {
            word_end_general(self.0, i)
        }
    }

    /// The end of the run from `i` of characters matching `f`.
    fn run(self, i: usize, f: impl Fn(char) -> bool) -> usize {
        let rest = &self.0[i..];
        i + rest.find(|c| !f(c)).unwrap_or(rest.len())
    }

    fn scan(self, start: usize) -> (usize, TokenKind) {
        let text = self.0;
        let Some((class, c, n)) = self.at(start) else { return (text.len(), TokenKind::Space) };
        match class {
            Class::Space => {
                let mut i = start + n;
                while let Some((Class::Space, _, n)) = self.at(i) {
                    i += n;
                }
                return (i, TokenKind::Space);
            }
            Class::Alnum => {
                if matches!(c, 'h' | 'H' | 'w' | 'W' | 'f' | 'F') {
                    if let Some(end) = self.scheme_url(start) {
                        return (end, TokenKind::Url);
                    }
                }
                return self.word(start);
            }
            Class::Inner | Class::Other => {}
        }
        match c {
            '#' | '@' => {
                if let Some((Class::Alnum, _, _)) = self.at(start + 1) {
                    let end = self.handle_end(start + 1);
                    return (end, if c == '#' { TokenKind::Hashtag } else { TokenKind::Mention });
                }
            }
            '+' | '−' => {
                if c == '+' {
                    if let Some(end) = phone_end(text, start) {
                        return (end, TokenKind::Phone);
                    }
                }
                // +6, +2,4, −5°С: a sign written on a number (not after a letter or digit,
                // where it is an operator).
                let after_word = text[..start].chars().next_back().is_some_and(is_alnum);
                if !after_word && text.as_bytes().get(start + n).is_some_and(u8::is_ascii_digit) {
                    let (end, _) = self.word(start + n);
                    return (end, TokenKind::Number);
                }
            }
            '.' => return (self.run(start, |c| c == '.'), TokenKind::Punct),
            // №1, №138: the number sign written on the number
            '№' if self.0.as_bytes().get(start + n).is_some_and(u8::is_ascii_digit) => {
                let (end, _) = self.word(start + n);
                return (end, TokenKind::Number);
            }
            '°' => {
                // °C, °С (Cyrillic С is common), °F: one unit symbol.
                if let Some(u @ ('C' | 'С' | 'F')) = self.char_at(start + n) {
                    let after = start + n + u.len_utf8();
                    if !matches!(self.at(after), Some((Class::Alnum, _, _))) {
                        return (after, TokenKind::Symbol);
                    }
                }
            }
            _ => {}
        }
        if is_emoji(c) || is_regional_indicator(c) {
            return (self.emoji_end(start, c, n), TokenKind::Emoji);
        }
        let end = start + n;
        (end, if is_punct(c) { TokenKind::Punct } else { TokenKind::Symbol })
    }

    /// One emoji: a base, its modifiers, ZWJ-joined parts; two regional indicators make a flag.
    fn emoji_end(self, start: usize, c: char, n: usize) -> usize {
        let mut i = start + n;
        if is_regional_indicator(c) {
            if let Some((d, m)) = decode(self.0, i) {
                if is_regional_indicator(d) {
                    i += m;
                }
            }
            return i;
        }
        loop {
            match decode(self.0, i) {
                Some((d, m)) if is_emoji_modifier(d) => i += m,
                Some(('\u{200D}', m)) => match decode(self.0, i + m) {
                    Some((d, k)) if is_emoji(d) => i += m + k,
                    _ => return i,
                },
                _ => return i,
            }
        }
    }

    /// The end of a hashtag or mention body from `i`: letters, digits, `_`, and inner dots.
    fn handle_end(self, i: usize) -> usize {
        let mut end = i;
        loop {
            end = self.run(end, |c| is_alnum(c) || c == '_' || crate::chars::is_inner(c));
            if self.char_at(end) == Some('.') && matches!(self.at(end + 1), Some((Class::Alnum, _, _))) {
                end += 1;
                continue;
            }
            return end;
        }
    }

    /// A URL with a scheme (`https://`, `http://`, `ftp://`) or `www.`.
    fn scheme_url(self, start: usize) -> Option<usize> {
        let rest = &self.0[start..];
        let starts = |p: &str| rest.len() >= p.len() && rest.as_bytes()[..p.len()].eq_ignore_ascii_case(p.as_bytes());
        let head = ["http://", "https://", "ftp://", "www."].into_iter().find(|p| starts(p))?;
        let end = url_len(rest);
        (end > head.len()).then_some(start + end)
    }

    /// A word, number, abbreviation, bare domain, email or phone number starting at `start`.
    fn word(self, start: usize) -> (usize, TokenKind) {
        let text = self.0;
        let b = text.as_bytes();
        let first_digit = b[start].is_ascii_digit();
        if first_digit {
            if let Some(end) = phone_end(text, start) {
                return (end, TokenKind::Phone);
            }
        }
        if b[start].is_ascii_alphanumeric() {
            if let Some(end) = email_end(text, start) {
                return (end, TokenKind::Email);
            }
        }
        let mut end = self.word_end(start);
        // Start of the current hyphen-separated segment.
        let mut seg = start;
        let mut joined_hyphen = false;
        while let Some((_, c, n)) = self.at(end) {
            let prev_digit = b[end - 1].is_ascii_digit();
            let seg_numeric = b[seg].is_ascii_digit();
            let next = end + n;
            if is_hyphen(c) {
                let r_end = self.word_end(next);
                if r_end > next
                    && matches!(self.at(next), Some((Class::Alnum, _, _)))
                    && join_hyphen(&text[seg..end], &text[next..r_end])
                {
                    seg = next;
                    end = r_end;
                    joined_hyphen = true;
                    continue;
                }
                break;
            }
            match c {
                // 58,3  3.14  05.01.2014  14:30
                ',' | '.' | ':' if seg_numeric && prev_digit && b.get(next).is_some_and(u8::is_ascii_digit) => {
                    end = self.word_end(next);
                }
                // 1 374, 15 000 000: thousands grouped with a no-break or thin space, a first
                // group of one to three digits, then groups of exactly three. A plain space
                // separates tokens, as in the Apertium tokenization the treebank follows.
                _ if is_digit_group_space(c)
                    && seg == start
                    && is_digit_groups(&text[start..end])
                    && self.three_digits(next) =>
                {
                    end = next + 3;
                }
                _ if is_apostrophe(c) => {
                    let prev = text[..end].chars().next_back().unwrap_or(' ');
                    match self.at(next) {
                        Some((Class::Alnum, d, _)) if is_letter(prev) && is_letter(d) => {
                            end = self.word_end(next);
                        }
                        _ if self.latin_final_apostrophe(start, end) => {
                            end = next;
                            break;
                        }
                        _ => break,
                    }
                }
                // 67%, 90%-ға, 18°С, 50°С-қа: a percent or degree sign written on the number
                // is part of it, as in the Apertium tokenization the treebank follows.
                '%' | '‰' if seg_numeric && prev_digit => {
                    end = next;
                }
                '°' if seg_numeric && prev_digit => {
                    end = next;
                    if let Some(u @ ('C' | 'С' | 'F')) = self.char_at(end) {
                        if !matches!(self.at(end + u.len_utf8()), Some((Class::Alnum, _, _))) {
                            end += u.len_utf8();
                        }
                    }
                }
                _ => break,
            }
        }
        let word = &text[start..end];

        let dot = b.get(end) == Some(&b'.');
        // Bare domains: inbusiness.kz, egov.kz/ru, президент.қаз (a letter right after the dot)
        if dot && !first_digit && matches!(self.at(end + 1), Some((Class::Alnum, _, _))) {
            if let Some(url_end) = self.bare_domain(start) {
                return (url_end, TokenKind::Url);
            }
        }
        if first_digit {
            return (end, TokenKind::Number);
        }
        // Abbreviations: т.б., б.з.б., ж., млн., initials М.
        if dot && !joined_hyphen {
            if let Some(e) = self.abbreviation(start, end) {
                return (e, TokenKind::Abbrev);
            }
        }
        if is_roman_numeral(word) {
            return (end, TokenKind::Number);
        }
        if joined_hyphen {
            // XX-ғы, IV-ші
            if let Some(h) = word.find(is_hyphen) {
                if is_roman_numeral(&word[..h]) {
                    return (end, TokenKind::Number);
                }
            }
        }
        (end, TokenKind::Word)
    }

    /// The end of the most common token, a Cyrillic word ended by a space or by
    /// punctuation that cannot continue it, found by [`Tokens::next`] without the
    /// checks of [`Scanner::word`], which it otherwise goes to: a
    /// word that starts with a Cyrillic letter is no number, phone, email or URL, and
    /// none of the characters it may end at joins a hyphen, an apostrophe, a digit
    /// group, a domain or an abbreviation. Words that could be Roman numerals (І, Х)
    /// take the general path. The property tests check both paths agree.
    #[inline(always)]
    fn plain_cyrillic_word(self, start: usize) -> Option<usize> {
        let b = self.0.as_bytes();
        if !(0xD0..=0xD3).contains(&b[start]) || may_be_roman_numeral(&b[start..]) {
            return None;
        }
        let end = self.word_end(start);
        match b.get(end) {
            next if ends_plain_word(next) => Some(end),
            Some(b':') => Some(end),
            // « and » (C2 AB, C2 BB).
            Some(0xC2) if matches!(b.get(end + 1), Some(0xAB | 0xBB)) => Some(end),
            // – — “ ” … (E2 80 93, 94, 9C, 9D, A6); not the hyphens and apostrophes of
            // the same block, which may join words.
            Some(0xE2)
                if b.get(end + 1) == Some(&0x80)
                    && matches!(b.get(end + 2), Some(0x93 | 0x94 | 0x9C | 0x9D | 0xA6)) =>
            {
                Some(end)
            }
            // Emoji and other symbols: U+2600..U+27BF and U+2B00..U+2BFF (E2 98..9E,
            // E2 AC..AF), and four-byte characters. None is a hyphen, an apostrophe or a
            // space, and none is a letter or digit, or `word_end` would have taken it.
            Some(0xE2) if matches!(b.get(end + 1), Some(0x98..=0x9E | 0xAC..=0xAF)) => Some(end),
            Some(0xF0..=0xF4) => Some(end),
            Some(b'.') => self.sentence_final(start, end).then_some(end),
            _ => None,
        }
    }

    /// Whether the plain Cyrillic word `start..end`, followed by a dot, is a word that
    /// ends a sentence rather than the start of an abbreviation, a domain or an initial,
    /// decided as [`Scanner::word`] would, for the common case only: a dot at the end of
    /// the text, or followed by a line break or other ASCII punctuation, or by one space
    /// and something other than a lowercase letter or a digit (which could make a short
    /// word an unlisted abbreviation), or by a capitalized Cyrillic word without a space.
    /// Anything else is left to [`Scanner::word`].
    #[inline(never)]
    fn sentence_final(self, start: usize, end: usize) -> bool {
        let b = self.0.as_bytes();
        let after_dot = match b.get(end + 1) {
            None => true,
            // Not a space, so no rule looks past it, and no letter or digit that could
            // continue a domain or a dotted abbreviation.
            Some(&x) if x < 0x80 && x != b' ' && !x.is_ascii_alphanumeric() => true,
            Some(b' ') => match self.char_at(end + 2) {
                None => true,
                Some(c) => c != ' ' && !is_digit_group_space(c) && !is_lower(c) && !c.is_ascii_digit(),
            },
            // No space after the dot, as reviews are often typed: "болды.Бірақ".
            Some(0xD0..=0xD3) => self.capital_word_after_dot(end + 1),
            _ => false,
        };
        // One letter and a dot is an initial (the word starts with a two-byte Cyrillic
        // letter); a word with a digit is never an abbreviation, which `is_abbreviation`
        // tells without looking for digits: no entry has one.
        after_dot && end - start > 2 && !is_abbreviation(&self.0[start..=end])
    }

    /// Whether a capitalized Cyrillic word starts at `at`, just after a dot, and ends at
    /// white space or punctuation that no rule joins to it (as [`ends_plain_word`]): then
    /// the dot ends a sentence unless the word before it is a listed abbreviation. The
    /// two words are no domain (top-level domains are lowercase), and no chain of dotted
    /// abbreviation segments goes on through a word that no dot follows.
    fn capital_word_after_dot(self, at: usize) -> bool {
        let capital = self.char_at(at).is_some_and(|c| is_letter(c) && !is_lower(c));
        capital && ends_plain_word(self.0.as_bytes().get(self.word_end(at)))
    }

    /// The end of a word starting with a Latin letter and ended by a space or by
    /// punctuation that cannot continue it, as [`Scanner::word`] would find it: none of
    /// those characters continues an email address, a URL, a domain, an abbreviation or
    /// a hyphenated word. Words that could be Roman numerals (I V X L C D M) take the
    /// general path.
    #[inline]
    fn plain_latin_word(self, start: usize) -> Option<usize> {
        let b = self.0.as_bytes();
        if may_be_roman_numeral(&b[start..]) {
            return None;
        }
        // Unlike after a Cyrillic word, not before ':', which may start a URL's `://`.
        let end = self.word_end(start);
        ends_plain_word(b.get(end)).then_some(end)
    }

    /// The end of the emoji at `start` when it is one other than a regional indicator
    /// (flags take the general path), found as [`Scanner::scan`] would, without its
    /// dispatch. Most emoji in comments are four bytes, F0 9F and two more (U+1F000 to
    /// U+1FFFF), and come in runs: their code point and what follows them are read off
    /// the bytes, without decoding.
    #[inline]
    fn plain_emoji(self, start: usize) -> Option<usize> {
        let b = self.0.as_bytes();
        if b[start] == 0xF0 && b.get(start + 1) == Some(&0x9F) {
            // Valid UTF-8: a four-byte lead has its three continuation bytes.
            let cp = 0x1F000 | (u32::from(b[start + 2] & 0x3F) << 6) | u32::from(b[start + 3] & 0x3F);
            let emoji = cp <= 0x1FAFF && !(0x1F1E6..=0x1F1FF).contains(&cp);
            return (emoji && crate::chars::emoji_block_class(cp) == Class::Other)
                .then(|| self.emoji_modifiers_end(start + 4));
        }
        let (Class::Other, c, n) = class_at(self.0, start)? else { return None };
        (is_emoji(c) && !is_regional_indicator(c)).then(|| self.emoji_modifiers_end(start + n))
    }

    /// What [`Scanner::emoji_end`] finds after an emoji other than a regional indicator
    /// that ends at `i`: its modifiers and the ZWJ-joined emoji that follow, their
    /// common forms matched as bytes.
    fn emoji_modifiers_end(self, mut i: usize) -> usize {
        let b = self.0.as_bytes();
        loop {
            i += match b.get(i..).unwrap_or_default() {
                // U+FE0F, U+20E3
                [0xEF, 0xB8, 0x8F, ..] | [0xE2, 0x83, 0xA3, ..] => 3,
                // U+1F3FB..U+1F3FF (skin tones), U+E0020..U+E007F (tags)
                [0xF0, 0x9F, 0x8F, 0xBB..=0xBF, ..]
                | [0xF3, 0xA0, 0x80, 0xA0..=0xBF, ..]
                | [0xF3, 0xA0, 0x81, 0x80..=0xBF, ..] => 4,
                // U+200D, the zero-width joiner, before another emoji
                [0xE2, 0x80, 0x8D, ..] => match decode(self.0, i + 3) {
                    Some((d, k)) if is_emoji(d) => 3 + k,
                    _ => return i,
                },
                _ => return i,
            };
        }
    }

    /// The end of a run of ASCII white space from `start`, when what follows is
    /// certainly no white space (ASCII or Cyrillic): the other white space characters
    /// are left to [`Scanner::scan`].
    #[inline(always)]
    fn plain_space(self, start: usize) -> Option<usize> {
        let b = self.0.as_bytes();
        let mut i = start;
        while i < b.len() && matches!(b[i], b' ' | b'\n' | b'\r' | b'\t' | 0x0B | 0x0C) {
            i += 1;
        }
        match b.get(i) {
            None => Some(i),
            // No four-byte character (F0..F4) is white space either.
            Some(&x) if x < 0x80 || (0xD0..=0xD3).contains(&x) || (0xF0..=0xF4).contains(&x) => Some(i),
            _ => None,
        }
    }

    /// The end of a number of ASCII digits ended by white space or by punctuation that
    /// cannot continue it, as [`Scanner::word`] would find it: too short for a phone
    /// number (ten digits at least), and not followed by what could continue a phone
    /// number (a space before a digit or a bracket), a decimal or a time (`,` `.` `:`
    /// before a digit), an email address (a dot), a range or suffix (a hyphen), a unit
    /// or a letter.
    #[inline]
    fn plain_number(self, start: usize) -> Option<usize> {
        let b = self.0.as_bytes();
        let mut end = start;
        while b.get(end).is_some_and(u8::is_ascii_digit) {
            end += 1;
        }
        if end - start >= PHONE_MIN_DIGITS {
            return None;
        }
        let digit_after = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
        match b.get(end) {
            None | Some(b'\n' | b'\r' | b'\t' | b'!' | b'?' | b';' | b'"') => Some(end),
            Some(b' ') if !digit_after(end + 1) && b.get(end + 1) != Some(&b'(') => Some(end),
            Some(b',' | b':') if !digit_after(end + 1) => Some(end),
            _ => None,
        }
    }

    /// Exactly three digits at `i`, not followed by another letter or digit.
    fn three_digits(self, i: usize) -> bool {
        let b = self.0.as_bytes();
        b.len() >= i + 3
            && b[i..i + 3].iter().all(u8::is_ascii_digit)
            && !matches!(self.at(i + 3), Some((Class::Alnum, _, _)))
    }

    /// A 2017-style Latin Kazakh word may end in an apostrophe (`tan'` = таң): join a
    /// final apostrophe after a + g n o u y i s c when the word is Latin and is not quoted.
    fn latin_final_apostrophe(self, start: usize, end: usize) -> bool {
        let word = &self.0[start..end];
        if !word.bytes().all(|b| b.is_ascii_alphabetic() || b == b'\'') || word.len() < 2 {
            return false;
        }
        let last = word.as_bytes()[word.len() - 1].to_ascii_lowercase();
        if !matches!(last, b'a' | b'g' | b'n' | b'o' | b'u' | b'y' | b'i' | b's' | b'c') {
            return false;
        }
        let before = self.0[..start].chars().next_back();
        if before.is_some_and(|c| is_apostrophe(c) || matches!(c, '‘' | '"' | '«' | '“')) {
            return false;
        }
        let after_apostrophe = end + self.char_at(end).map_or(1, char::len_utf8);
        !matches!(self.at(after_apostrophe), Some((Class::Alnum, _, _)))
    }

    fn dotted_letters(self, start: usize, end: usize) -> bool {
        dotted_letters_in(&self.0[start..end])
    }

    /// `labels.tld` followed by an optional path.
    fn bare_domain(self, start: usize) -> Option<usize> {
        let text = self.0;
        let label = |c: char| is_alnum(c) || c == '-' || c == '_';
        let mut end = self.run(start, label);
        let mut labels = 1;
        let mut last = start;
        while self.char_at(end) == Some('.') {
            let next = self.run(end + 1, label);
            if next == end + 1 {
                break;
            }
            last = end + 1;
            end = next;
            labels += 1;
        }
        if labels < 2 || end - start < 5 {
            return None;
        }
        if !is_tld(&text[last..end]) {
            // tengrinews.kz-тің: a suffix after the domain, as after an acronym.
            let h = text[last..end].find('-')? + last;
            if !is_tld(&text[last..h]) || !text[h + 1..end].chars().all(char::is_lowercase) {
                return None;
            }
            return Some(end);
        }
        if self.char_at(end) == Some('/') {
            end += url_len(&text[end..]);
        }
        Some(end)
    }

    /// An abbreviation starting at `start` whose first segment ends at `end` (before a dot).
    fn abbreviation(self, start: usize, end: usize) -> Option<usize> {
        let text = self.0;
        let word = &text[start..end];
        if word.bytes().any(|b| b.is_ascii_digit()) {
            return None;
        }
        let mut best = None;
        let mut probe = end + 1;
        for _ in 0..4 {
            if is_abbreviation(&text[start..probe]) {
                best = Some(probe);
            }
            // extend over one more "letters." segment: т.б. б.з.б. т.с.с.
            let seg_end = self.run(probe, is_letter);
            if seg_end == probe || seg_end - probe > 8 || self.char_at(seg_end) != Some('.') {
                break;
            }
            probe = seg_end + 1;
        }
        // Short dotted letters: т.ғ.д., ф.ғ.к., ә.т.
        if probe > end + 1 && probe > best.unwrap_or(0) && self.dotted_letters(start, probe) {
            return Some(probe);
        }
        if best.is_some() {
            return best;
        }
        let mut cs = word.chars();
        if let (Some(c), None) = (cs.next(), cs.next()) {
            // An initial: М. Әуезов, А.Байтұрсынұлы, І. Есенберлин; but the Latin I, V, X
            // in Cyrillic text are Roman numerals (Петр I.).
            if is_letter(c) && !is_lower(c) && c.is_uppercase() && !matches!(c, 'I' | 'V' | 'X') {
                return Some(end + 1);
            }
        }
        // An unlisted abbreviation: a short lowercase stem before a dot that does not end
        // the sentence, because a lowercase word follows.
        if word.len() <= 12 {
            let after = self.run(end + 1, |c| c == ' ' || is_digit_group_space(c));
            let next = self.char_at(after);
            if after > end + 1 && next.is_some_and(is_lower) && looks_like_abbreviation(word) {
                return Some(end + 1);
            }
            // биікт. 300 м: before a number only a stem cut after two consonants, which no
            // sentence-final word looks like.
            let mut tail = word.chars().rev();
            let two_consonants = tail.next().is_some_and(|c| !is_vowel_letter(c))
                && tail.next().is_some_and(|c| !is_vowel_letter(c) && c != 'й' && c != 'у');
            // A unit (км, м) before a number ends a sentence: "Ені 5 км. 2010 жылы ...".
            if after > end + 1
                && next.is_some_and(|c| c.is_ascii_digit())
                && two_consonants
                && word.chars().any(is_vowel_letter)
                && looks_like_abbreviation(word)
            {
                return Some(end + 1);
            }
        }
        None
    }
}

/// Whether `c` is a vowel letter, Cyrillic or Latin.
pub(crate) fn is_vowel_letter(c: char) -> bool {
    matches!(
        c,
        'а' | 'ә'
            | 'е'
            | 'ё'
            | 'и'
            | 'о'
            | 'ө'
            | 'у'
            | 'ұ'
            | 'ү'
            | 'ы'
            | 'і'
            | 'э'
            | 'ю'
            | 'я'
            | 'a'
            | 'e'
            | 'i'
            | 'o'
            | 'u'
    )
}

/// Whether every dot-separated piece of `text[start..end]` (which ends in a dot) is one or two
/// lowercase letters: `т.ғ.д.`, not `Ол.Біз.`.
fn dotted_letters_in(s: &str) -> bool {
    let s = &s[..s.len() - 1];
    let mut pieces = 0;
    for p in s.split('.') {
        let n = p.chars().count();
        if !(1..=2).contains(&n) || !p.chars().all(char::is_lowercase) {
            return false;
        }
        pieces += 1;
    }
    pieces >= 2
}

/// Whether `s` is digits in thousands groups: 1 to 3 digits, then groups of 3 after a space.
fn is_digit_groups(s: &str) -> bool {
    let mut groups = s.split(is_digit_group_space);
    let Some(first) = groups.next() else { return false };
    (1..=3).contains(&first.len())
        && first.bytes().all(|b| b.is_ascii_digit())
        && groups.all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()))
}

/// Whether `left-right` is one word. `left` is the segment before the hyphen, `right` the
/// run of word characters after it.
fn join_hyphen(left: &str, right: &str) -> bool {
    let l0 = left.as_bytes()[0];
    let r_first = right.chars().next().unwrap_or(' ');
    let left_numeric = l0.is_ascii_digit();
    let left_roman = !left_numeric && is_roman_numeral(left);
    if r_first.is_ascii_digit() {
        // 1990-1995 and XIX-XX are ranges; Су-27, COVID-19 are names.
        return !(left_numeric || left_roman);
    }
    if left_numeric || left_roman {
        // 2019-ғы, 55-ші, but 17-үйде, 1-бап, XX-ғасыр: a word after the hyphen stands alone.
        return is_number_suffix(right);
    }
    // ағасы-Эдуард: a lowercase word, then a capitalised name, is an apposition written
    // with a dash; Сан-Паулу, әл-Фараби, Қасым-Жомарт and АҚШ-пен stay whole.
    if !is_acronym(left)
        && left.chars().count() >= 4
        && left.chars().next().is_some_and(char::is_lowercase)
        && r_first.is_uppercase()
        && right.chars().nth(1).is_some_and(char::is_lowercase)
    {
        return false;
    }
    true
}

/// Top-level domains accepted on bare domains: any two lowercase ASCII letters (country
/// codes), the common generic ones, and the Cyrillic ones used in Kazakhstan and Russia.
fn is_tld(s: &str) -> bool {
    (s.len() == 2 && s.bytes().all(|b| b.is_ascii_lowercase()))
        || matches!(
            s,
            "com"
                | "org"
                | "net"
                | "info"
                | "gov"
                | "edu"
                | "int"
                | "mil"
                | "biz"
                | "app"
                | "dev"
                | "news"
                | "online"
                | "site"
                | "pro"
                | "media"
                | "space"
                | "travel"
                | "қаз"
                | "рф"
        )
}

/// Length of a URL starting at `s`: up to white space, without trailing punctuation.
fn url_len(s: &str) -> usize {
    let mut end =
        s.find(|c: char| c.is_whitespace() || matches!(c, '«' | '»' | '"' | '<' | '>' | '“' | '”')).unwrap_or(s.len());
    // A closing bracket belongs to the URL only if it opened inside it.
    while let Some(c) = s[..end].chars().next_back() {
        let strip = match c {
            '.' | ',' | ';' | ':' | '!' | '?' | '\'' | '’' => true,
            ')' => s[..end].matches('(').count() < s[..end].matches(')').count(),
            ']' => s[..end].matches('[').count() < s[..end].matches(']').count(),
            _ => false,
        };
        if !strip {
            break;
        }
        end -= c.len_utf8();
    }
    end
}

/// An email address starting at `start`: `local@domain.tld`.
fn email_end(text: &str, start: usize) -> Option<usize> {
    let b = text.as_bytes();
    let mut i = start;
    while i < b.len() && (b[i].is_ascii_alphanumeric() || matches!(b[i], b'.' | b'_' | b'%' | b'+' | b'-')) {
        i += 1;
    }
    if b.get(i) != Some(&b'@') || i == start || b[i - 1] == b'.' {
        return None;
    }
    let dom = i + 1;
    let mut end = dom;
    let mut last_dot = None;
    while end < b.len() && (b[end].is_ascii_alphanumeric() || matches!(b[end], b'.' | b'-')) {
        if b[end] == b'.' {
            last_dot = Some(end);
        }
        end += 1;
    }
    while end > dom && matches!(b[end - 1], b'.' | b'-') {
        end -= 1;
    }
    let dot = last_dot.filter(|&d| d > dom && d + 2 < end + 1 && d < end)?;
    let tld = &text[dot + 1..end];
    (tld.len() >= 2 && tld.bytes().all(|b| b.is_ascii_alphabetic())).then_some(end)
}

#[cfg(test)]
pub(crate) mod tests;
