//! Sentence boundaries over the token stream.

use std::collections::HashSet;
use std::sync::LazyLock;

use crate::scan::{tokens, Tokens};
use crate::span::{Span, Token, TokenKind};

/// Splits `text` into sentences. Each item is the span of one sentence, from its first
/// non-space token to its last (closing quotes and brackets included).
///
/// A sentence ends after `.`, `!`, `?`, `…` or `...` (and the quotes or brackets closing
/// it) when the next word does not start in lowercase and is not a dash or comma going on
/// with a quotation (`«Келемін!» – деді ол.` is one sentence). Abbreviations are tokens of
/// their own, so the dot of `ж.`, `млн.` or an initial `М.` never ends a sentence; `т.б.`,
/// `т.с.с.` and the like, which close enumerations, end one when a capitalised word follows.
/// A list number at the start of a sentence (`1. Кіріспе`) does not end it. A line break
/// ends a sentence unless the next line goes on in lowercase after a line without a final
/// stop (hard-wrapped text); a blank line always ends one.
pub fn sentences(text: &str) -> Sentences<'_> {
    Sentences { text, tokens: tokens(text), ahead: None }
}

/// The iterator returned by [`sentences`].
#[derive(Debug, Clone)]
pub struct Sentences<'a> {
    text: &'a str,
    tokens: Tokens<'a>,
    /// The next non-space token, once looked at.
    ahead: Option<Next>,
}

fn is_closer(s: &str) -> bool {
    matches!(s, "»" | "\"" | "”" | "’" | ")" | "]" | "'" | "“" | "›" | "}")
}

fn is_terminator(s: &str) -> bool {
    matches!(s, "!" | "?" | "…") || s.bytes().all(|b| b == b'.')
}

const STARTERS: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/sentence-starters.txt"));

/// Function words that start a sentence (`data/sentence-starters.txt`).
static SENTENCE_STARTERS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| STARTERS.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).collect());

/// Whether a capitalised `word` is a function word that starts a sentence (Ол, Бұл, Бірақ).
fn starts_sentence(word: &str) -> bool {
    if word.len() > 24 || !word.chars().next().is_some_and(char::is_uppercase) {
        return false;
    }
    SENTENCE_STARTERS.contains(word.to_lowercase().as_str())
}

/// Abbreviations that close an enumeration and so may end a sentence: "and so on".
fn ends_enumeration(s: &str) -> bool {
    let mut buf = [0u8; 16];
    let s = if s.len() <= buf.len() && s.chars().any(char::is_uppercase) {
        let mut n = 0;
        for c in s.chars().flat_map(char::to_lowercase) {
            if n + c.len_utf8() > buf.len() {
                return false;
            }
            n += c.encode_utf8(&mut buf[n..]).len();
        }
        std::str::from_utf8(&buf[..n]).unwrap_or("")
    } else {
        s
    };
    matches!(s, "т.б." | "т.с.с." | "т.т." | "т.е." | "etc." | "и.т.д." | "т.д.")
}

/// An initial: one capital letter and a dot (М.), which a name follows.
fn is_initial(s: &str) -> bool {
    let mut cs = s.chars();
    matches!((cs.next(), cs.next(), cs.next()), (Some(c), Some('.'), None) if c.is_uppercase())
}

fn starts_lower(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_lowercase)
}

/// A non-space token and what separated it from the previous one.
#[derive(Debug, Clone, Copy)]
struct Next {
    token: Token,
    newlines: usize,
}

impl Sentences<'_> {
    /// The next non-space token, with the number of line breaks before it.
    fn peek(&mut self) -> Option<Next> {
        if self.ahead.is_none() {
            self.ahead = self.scan();
        }
        self.ahead
    }

    fn advance(&mut self) -> Option<Next> {
        self.ahead.take().or_else(|| self.scan())
    }

    fn scan(&mut self) -> Option<Next> {
        let mut newlines = 0;
        for t in self.tokens.by_ref() {
            if t.kind == TokenKind::Space {
                newlines += self.text[t.span].bytes().filter(|&b| b == b'\n').count();
                continue;
            }
            return Some(Next { token: t, newlines });
        }
        None
    }
}

impl Iterator for Sentences<'_> {
    type Item = Span;

    fn next(&mut self) -> Option<Span> {
        let first = self.advance()?;
        let start = first.token.span.start;
        let mut last = first.token;
        let mut count = 1;
        loop {
            let s = &self.text[last.span];
            let kind = last.kind;
            let Some(next) = self.peek() else { break };
            let ns = &self.text[next.token.span];
            let terminated = kind == TokenKind::Punct && is_terminator(s);
            if next.newlines >= 2 {
                break;
            }
            if next.newlines == 1 {
                // A hard-wrapped line goes on in lowercase; anything else is a new sentence.
                let wrapped = !terminated && !is_closer(s) && starts_lower(ns);
                if !wrapped {
                    break;
                }
            } else if terminated {
                // 1. Кіріспе: a list number, not the end of a sentence.
                let list_number = count == 2 && s == "." && {
                    let first_text = &self.text[first.token.span];
                    first.token.kind == TokenKind::Number && first_text.len() <= 3
                };
                let goes_on = next.token.kind == TokenKind::Punct
                    && (is_terminator(ns) || is_closer(ns) || matches!(ns, "," | "–" | "—" | "-" | ";" | ":"))
                    || starts_lower(ns);
                if !goes_on && !list_number {
                    break;
                }
            } else if kind == TokenKind::Punct && is_closer(s) && count >= 2 {
                // «Үшінші?» Төртінші: a closer after a terminator ends the sentence too.
                if ended_before_closers(self.text, start, last.span.start) && !goes_on_after_closer(next, ns) {
                    break;
                }
            } else if kind == TokenKind::Abbrev
                && s.ends_with('.')
                && next.token.kind == TokenKind::Word
                && (ends_enumeration(s) && ns.chars().next().is_some_and(char::is_uppercase)
                    || !is_initial(s) && starts_sentence(ns))
            {
                // т.б. Олар ...; 1991 ж. Ол ... (but not 1991 ж. Алматыда, nor М. Әуезов)
                break;
            }
            let Some(n) = self.advance() else { break };
            last = n.token;
            count += 1;
        }
        Some(Span::new(start, last.span.end))
    }
}

/// Whether the text of the sentence so far, before `end`, ends in a terminator followed only
/// by closers (`?»`, `.)"`).
fn ended_before_closers(text: &str, start: usize, end: usize) -> bool {
    let mut it = text[start..end].trim_end().chars().rev();
    for c in it.by_ref() {
        let mut b = [0u8; 4];
        if is_closer(c.encode_utf8(&mut b)) {
            continue;
        }
        return matches!(c, '.' | '!' | '?' | '…');
    }
    false
}

fn goes_on_after_closer(next: Next, ns: &str) -> bool {
    next.token.kind == TokenKind::Punct && matches!(ns, "," | "–" | "—" | "-" | ";" | ":")
        || is_closer(ns)
        || starts_lower(ns)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn sentences_cover_every_token_once(s in crate::scan::tests::kazakhish()) {
            let spans: Vec<Span> = sentences(&s).collect();
            for w in spans.windows(2) {
                prop_assert!(w[0].end <= w[1].start, "sentences overlap: {:?}", spans);
            }
            for t in tokens(&s).filter(|t| t.kind != TokenKind::Space) {
                let n = spans.iter().filter(|sp| sp.start <= t.span.start && t.span.end <= sp.end).count();
                prop_assert_eq!(n, 1, "token {:?} in {} sentences", t, n);
            }
        }
    }

    fn sents(text: &str) -> Vec<&str> {
        sentences(text).map(|s| &text[s]).collect()
    }

    fn check(cases: &[(&str, &[&str])]) {
        for (input, want) in cases {
            assert_eq!(&sents(input), want, "\n  input: {input:?}\n  help: the sentences of the input");
        }
    }

    #[test]
    fn starter_list_is_clean() {
        let mut seen = HashSet::new();
        for l in STARTERS.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
            assert!(seen.insert(l), "duplicate {l}");
            assert_eq!(l, l.to_lowercase(), "{l} is not lowercase");
            assert!(l.chars().all(|c| c == '-' || ('\u{0430}'..='\u{04FF}').contains(&c)), "{l}: Cyrillic only");
        }
    }

    #[test]
    fn splits_at_stops_and_lines() {
        check(&[
            (
                "Бірінші сөйлем. Екінші сөйлем! «Үшінші?» Төртінші\nТақырып",
                &["Бірінші сөйлем.", "Екінші сөйлем!", "«Үшінші?»", "Төртінші", "Тақырып"],
            ),
            ("Не істемеді Шолпан?! Бала сұрады.", &["Не істемеді Шолпан?!", "Бала сұрады."]),
            ("Біз келдік... Олар кетті.", &["Біз келдік...", "Олар кетті."]),
            ("(Бұл жақшада.) Ал бұл жоқ.", &["(Бұл жақшада.)", "Ал бұл жоқ."]),
            ("Бірінші.\n\nекінші абзац.", &["Бірінші.", "екінші абзац."]),
        ]);
    }

    #[test]
    fn quotations_with_a_dash_go_on() {
        check(&[
            (
                "«Жасаған-ау, бала бере көрме?!» – деп тілейтін еді.",
                &["«Жасаған-ау, бала бере көрме?!» – деп тілейтін еді."],
            ),
            (
                "\"Өкінбеймін. Мен дұрыс шештім\", – деді Президент. Келесі.",
                &["\"Өкінбеймін.", "Мен дұрыс шештім\", – деді Президент.", "Келесі."],
            ),
        ]);
    }

    #[test]
    fn abbreviations_do_not_split() {
        check(&[
            ("2014 ж. Алматыда М. Әуезов т.б. болды.", &["2014 ж. Алматыда М. Әуезов т.б. болды."]),
            ("Олар келді... бірақ кетті.", &["Олар келді... бірақ кетті."]),
            ("Оны А.Байтұрсынұлы жазды. Бұл 5 млн. теңге.", &["Оны А.Байтұрсынұлы жазды.", "Бұл 5 млн. теңге."]),
            ("Кітап, дәптер т.б. Олар бәрі осында.", &["Кітап, дәптер т.б.", "Олар бәрі осында."]),
            ("б.з.б. V ғ. Ұлы Жібек жолы", &["б.з.б. V ғ. Ұлы Жібек жолы"]),
            // a function word after an abbreviation starts a new sentence
            (
                "Ол 1991 ж. Алматыда туған. Ол 1991 ж. Бұл жыл ерекше.",
                &["Ол 1991 ж. Алматыда туған.", "Ол 1991 ж.", "Бұл жыл ерекше."],
            ),
            ("Ш. Құдайбердіұлы мен М. Ол кітап", &["Ш. Құдайбердіұлы мен М. Ол кітап"]),
        ]);
    }

    #[test]
    fn list_numbers_do_not_split() {
        check(&[
            ("1. Кіріспе\n2. Негізгі бөлім", &["1. Кіріспе", "2. Негізгі бөлім"]),
            ("Ол 2014 ж. келді. Ол 2015. Кейін кетті.", &["Ол 2014 ж. келді.", "Ол 2015.", "Кейін кетті."]),
        ]);
    }

    #[test]
    fn hard_wrapped_lines_join() {
        check(&[("Бұл сөйлем екі\nжолға бөлінген. Келесі", &["Бұл сөйлем екі\nжолға бөлінген.", "Келесі"])]);
    }
}
