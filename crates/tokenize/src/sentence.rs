//! Sentence boundaries over the token stream.

use crate::scan::{tokens, Tokens};
use crate::span::{Span, TokenKind};

/// Splits `text` into sentences. Each item is the span of one sentence, from its
/// first non-space token to its last; line breaks always end a sentence (a title or
/// a paragraph without a final stop), and `.`, `!`, `?` and `…` end one when the next
/// word does not start in lowercase. Abbreviations (`ж.`, `т.б.`, `М.`) are tokens of
/// their own, so their dots never end a sentence.
pub fn sentences(text: &str) -> Sentences<'_> {
    Sentences { text, tokens: tokens(text).peekable() }
}

/// The iterator returned by [`sentences`].
#[derive(Debug, Clone)]
pub struct Sentences<'a> {
    text: &'a str,
    tokens: std::iter::Peekable<Tokens<'a>>,
}

fn is_closer(s: &str) -> bool {
    matches!(s, "»" | "\"" | "”" | "’" | ")" | "]" | "'")
}

impl Iterator for Sentences<'_> {
    type Item = Span;

    fn next(&mut self) -> Option<Span> {
        let mut span: Option<Span> = None;
        let mut terminated = false;
        while let Some(&t) = self.tokens.peek() {
            let s = &self.text[t.span];
            if t.kind == TokenKind::Space {
                if span.is_some() && s.contains('\n') {
                    self.tokens.next();
                    break;
                }
                self.tokens.next();
                continue;
            }
            if terminated {
                // A closing quote or bracket still belongs to the sentence it closes.
                if t.kind == TokenKind::Punct && (is_closer(s) || matches!(s, "." | "!" | "?" | "…" | "...")) {
                    // fall through: extend
                } else {
                    let starts_lower = s.chars().next().is_some_and(char::is_lowercase);
                    if !starts_lower {
                        break;
                    }
                    terminated = false;
                }
            }
            span = Some(match span {
                None => t.span,
                Some(sp) => Span::new(sp.start, t.span.end),
            });
            if t.kind == TokenKind::Punct && matches!(s, "." | "!" | "?" | "…" | "...") {
                terminated = true;
            }
            self.tokens.next();
        }
        span
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sents(text: &str) -> Vec<&str> {
        sentences(text).map(|s| &text[s]).collect()
    }

    #[test]
    fn splits_at_stops_and_lines() {
        assert_eq!(
            sents("Бірінші сөйлем. Екінші сөйлем! «Үшінші?» Төртінші\nТақырып"),
            ["Бірінші сөйлем.", "Екінші сөйлем!", "«Үшінші?»", "Төртінші", "Тақырып"]
        );
    }

    #[test]
    fn abbreviations_do_not_split() {
        assert_eq!(sents("2014 ж. Алматыда М. Әуезов т.б. болды."), ["2014 ж. Алматыда М. Әуезов т.б. болды."]);
        assert_eq!(sents("Олар келді... бірақ кетті."), ["Олар келді... бірақ кетті."]);
    }
}
