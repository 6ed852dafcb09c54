//! The scanner: one pass over the text, one token at a time.

use crate::abbrev::is_abbreviation;
use crate::span::{Span, Token, TokenKind};

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

    fn next(&mut self) -> Option<Token> {
        let start = self.pos;
        let c = self.text[start..].chars().next()?;
        let (end, kind) = scan(self.text, start, c);
        debug_assert!(end > start && self.text.is_char_boundary(end));
        self.pos = end;
        Some(Token { span: Span::new(start, end), kind })
    }
}

/// Characters that may sit inside a word without breaking it: combining marks
/// (stress accents) and invisible format characters (soft hyphen, zero-width joiners).
fn is_word_inner(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{00AD}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}')
}

fn is_wordy(c: char) -> bool {
    c.is_alphanumeric() || is_word_inner(c)
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{02BC}')
}

fn is_emoji(c: char) -> bool {
    matches!(c as u32, 0x1F000..=0x1FAFF | 0x2600..=0x27BF | 0x2B00..=0x2BFF)
}

fn is_emoji_continuation(c: char) -> bool {
    matches!(c as u32, 0xFE0F | 0x200D | 0x1F3FB..=0x1F3FF | 0xE0020..=0xE007F) || is_emoji(c)
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
                | '‘'
                | '’'
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
                | '‚'
                | '¸'
                | '〈'
                | '〉'
        )
}

fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..).and_then(|s| s.chars().next())
}

fn scan(text: &str, start: usize, c: char) -> (usize, TokenKind) {
    let rest = &text[start..];
    if c.is_whitespace() {
        let len = rest.find(|c: char| !c.is_whitespace()).unwrap_or(rest.len());
        return (start + len, TokenKind::Space);
    }
    if let Some(end) = scan_url(text, start) {
        return (end, TokenKind::Url);
    }
    if c == '#' || c == '@' {
        let body = start + 1;
        if char_at(text, body).is_some_and(char::is_alphanumeric) {
            let end = run(text, body, |c| c.is_alphanumeric() || c == '_');
            return (end, if c == '#' { TokenKind::Hashtag } else { TokenKind::Mention });
        }
    }
    if is_emoji(c) {
        let end = run(text, start + c.len_utf8(), is_emoji_continuation);
        return (end, TokenKind::Emoji);
    }
    if c.is_alphanumeric() {
        return scan_word(text, start);
    }
    if c == '.' {
        return (run(text, start, |c| c == '.'), TokenKind::Punct);
    }
    let end = start + c.len_utf8();
    (end, if is_punct(c) { TokenKind::Punct } else { TokenKind::Symbol })
}

/// The end of the run of characters matching `f` from `i`.
fn run(text: &str, i: usize, f: impl Fn(char) -> bool) -> usize {
    let rest = &text[i..];
    i + rest.find(|c| !f(c)).unwrap_or(rest.len())
}

fn scan_url(text: &str, start: usize) -> Option<usize> {
    let rest = &text[start..];
    let starts = |p: &str| rest.len() >= p.len() && rest.as_bytes()[..p.len()].eq_ignore_ascii_case(p.as_bytes());
    if !(starts("http://") || starts("https://") || starts("www.")) {
        return None;
    }
    Some(start + url_len(rest))
}

/// Length of a URL starting at `s`: up to white space, without trailing punctuation.
fn url_len(s: &str) -> usize {
    let mut end = s.find(|c: char| c.is_whitespace() || matches!(c, '«' | '»' | '"' | '<' | '>')).unwrap_or(s.len());
    while let Some(c) = s[..end].chars().next_back() {
        if matches!(c, '.' | ',' | ';' | ':' | '!' | '?' | ')' | '\'' | '’' | '”') {
            end -= c.len_utf8();
        } else {
            break;
        }
    }
    end
}

fn scan_word(text: &str, start: usize) -> (usize, TokenKind) {
    let first = char_at(text, start).unwrap_or(' ');
    let mut end = run(text, start, is_wordy);
    while let Some(c) = char_at(text, end) {
        let next = char_at(text, end + c.len_utf8());
        let prev = text[start..end].chars().next_back().unwrap_or(' ');
        let joins = match next {
            Some(d) if is_hyphen(c) => d.is_alphanumeric(),
            Some(d) if c == ',' || c == '.' => prev.is_ascii_digit() && d.is_ascii_digit(),
            Some(d) if is_apostrophe(c) => prev.is_alphabetic() && d.is_alphabetic(),
            Some(d) if c == '%' => {
                // 90%-ға: the percent sign joins when a hyphenated suffix follows.
                is_hyphen(d) && char_at(text, end + 1 + d.len_utf8()).is_some_and(char::is_alphabetic)
            }
            _ => false,
        };
        if !joins {
            break;
        }
        end = run(text, end + c.len_utf8(), is_wordy);
    }
    let word = &text[start..end];

    // email: name@domain.tld
    if char_at(text, end) == Some('@') {
        let dom_end = domain_end(text, end + 1);
        if dom_end > end + 1 && text[end + 1..dom_end].contains('.') {
            return (dom_end, TokenKind::Email);
        }
    }
    // bare domain: inbusiness.kz, egov.kz/ru
    if word.is_ascii() && char_at(text, end) == Some('.') {
        let dom_end = domain_end(text, start);
        let dom = &text[start..dom_end];
        if let Some(tld) = dom.rsplit('.').next() {
            if dom.contains('.') && (2..=6).contains(&tld.len()) && tld.chars().all(|c| c.is_ascii_alphabetic()) {
                let mut url_end = dom_end;
                if char_at(text, dom_end) == Some('/') {
                    url_end = dom_end + url_len(&text[dom_end..]);
                }
                return (url_end, TokenKind::Url);
            }
        }
    }
    // abbreviations: т.б., б.з.б., ж., млн., initials М.
    if char_at(text, end) == Some('.') && !first.is_ascii_digit() {
        let mut best = None;
        let mut probe = end + 1;
        loop {
            if is_abbreviation(&text[start..probe]) {
                best = Some(probe);
            }
            // extend over one more "letters." segment
            let seg_end = run(text, probe, char::is_alphabetic);
            if seg_end == probe || seg_end - probe > 8 || char_at(text, seg_end) != Some('.') {
                break;
            }
            probe = seg_end + 1;
        }
        if let Some(e) = best {
            return (e, TokenKind::Abbrev);
        }
        let mut cs = word.chars();
        if let (Some(c), None) = (cs.next(), cs.next()) {
            if c.is_uppercase() {
                return (end + 1, TokenKind::Abbrev);
            }
        }
    }
    let kind = if first.is_numeric() { TokenKind::Number } else { TokenKind::Word };
    (end, kind)
}

/// The end of a domain name (labels of ASCII letters, digits, `-` and `_` joined by dots) from `i`.
fn domain_end(text: &str, i: usize) -> usize {
    let mut end = run(text, i, |c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    while char_at(text, end) == Some('.') {
        let next = run(text, end + 1, |c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if next == end + 1 {
            break;
        }
        end = next;
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn toks(text: &str) -> Vec<(&str, TokenKind)> {
        tokens(text).filter(|t| t.kind != TokenKind::Space).map(|t| (&text[t.span], t.kind)).collect()
    }

    fn texts(text: &str) -> Vec<&str> {
        toks(text).into_iter().map(|(s, _)| s).collect()
    }

    #[test]
    fn hyphenated_words_stay_whole() {
        assert_eq!(texts("сондай-ақ Қасым-Жомарт бір-бірімен"), ["сондай-ақ", "Қасым-Жомарт", "бір-бірімен"]);
        assert_eq!(texts("ҰҚШҰ-ның 55-ші 2019-ғы"), ["ҰҚШҰ-ның", "55-ші", "2019-ғы"]);
        assert_eq!(texts("90%-ға өсті"), ["90%-ға", "өсті"]);
        assert_eq!(texts("ел - жұрт"), ["ел", "-", "жұрт"]);
    }

    #[test]
    fn numbers() {
        assert_eq!(toks("58,3 пайыз"), [("58,3", TokenKind::Number), ("пайыз", TokenKind::Word)]);
        assert_eq!(texts("2022, 2023."), ["2022", ",", "2023", "."]);
    }

    #[test]
    fn abbreviations_keep_their_dot() {
        assert_eq!(
            toks("2014 ж. т.б. М. Әуезов"),
            [
                ("2014", TokenKind::Number),
                ("ж.", TokenKind::Abbrev),
                ("т.б.", TokenKind::Abbrev),
                ("М.", TokenKind::Abbrev),
                ("Әуезов", TokenKind::Word)
            ]
        );
        assert_eq!(texts("Ол үйде."), ["Ол", "үйде", "."]);
    }

    #[test]
    fn punctuation_splits_off() {
        assert_eq!(texts("«Ақорда» (ОДКБ) – деді..."), ["«", "Ақорда", "»", "(", "ОДКБ", ")", "–", "деді", "..."]);
    }

    #[test]
    fn web_tokens() {
        assert_eq!(
            toks("inbusiness.kz https://egov.kz/a?b=1. info@mail.kz #Қазақстан @user 😀"),
            [
                ("inbusiness.kz", TokenKind::Url),
                ("https://egov.kz/a?b=1", TokenKind::Url),
                (".", TokenKind::Punct),
                ("info@mail.kz", TokenKind::Email),
                ("#Қазақстан", TokenKind::Hashtag),
                ("@user", TokenKind::Mention),
                ("😀", TokenKind::Emoji)
            ]
        );
    }

    fn kazakhish() -> impl Strategy<Value = String> {
        let chars = prop::sample::select(vec![
            'а', 'ә', 'ғ', 'қ', 'ң', 'ө', 'ұ', 'ү', 'һ', 'і', 'Қ', 'М', 'a', 'w', 'h', 't', 'p', 's', ':', '/', '@',
            '#', '1', '2', '0', ',', '.', '-', '%', ' ', '\n', '«', '»', '😀', '\u{0301}', '\u{00A0}', '\'',
        ]);
        prop::collection::vec(chars, 0..40).prop_map(|v| v.into_iter().collect())
    }

    proptest! {
        #[test]
        fn spans_tile_the_input(s in kazakhish()) {
            let mut pos = 0;
            let mut joined = String::new();
            for t in tokens(&s) {
                prop_assert_eq!(t.span.start, pos);
                prop_assert!(t.span.end > t.span.start);
                joined.push_str(&s.as_str()[t.span]);
                pos = t.span.end;
            }
            prop_assert_eq!(pos, s.len());
            prop_assert_eq!(joined, s);
        }

        #[test]
        fn no_panic_on_any_string(s in any::<String>()) {
            let n: usize = tokens(&s).map(|t| t.span.len()).sum();
            prop_assert_eq!(n, s.len());
        }
    }
}
