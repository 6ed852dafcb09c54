//! Kazakh tokenization with byte spans.
//!
//! [`tokens`] splits a text into [`Token`]s: a [`Span`] of byte offsets into the
//! original text plus a [`TokenKind`]. Spaces are tokens too, so the spans of all
//! tokens are ascending, non-overlapping, on char boundaries, and tile the input:
//! joining `&text[t.span]` for every token gives the text back. Nothing is
//! allocated per token.
//!
//! The rules follow the Kazakh UD treebank's conventions: punctuation is split off;
//! hyphenated words stay whole (`сондай-ақ`, `Қасым-Жомарт`, `ҰҚШҰ-ның`, `55-ші`);
//! abbreviations keep their dot (`т.б.`, `ж.`, initials `М.`); decimals stay whole
//! (`58,3`); URLs, emails, hashtags and @mentions are single tokens.
//! [`sentences`] groups tokens into sentences without breaking after abbreviations.
//!
//! ```
//! use sozdik_tokenize::{tokens, TokenKind};
//!
//! let text = "Қасым-Жомарт Тоқаев 2022 ж. «Ақордада» сөйледі.";
//! let words: Vec<&str> = tokens(text)
//!     .filter(|t| t.kind != TokenKind::Space)
//!     .map(|t| &text[t.span])
//!     .collect();
//! assert_eq!(words, ["Қасым-Жомарт", "Тоқаев", "2022", "ж.", "«", "Ақордада", "»", "сөйледі", "."]);
//! ```

mod abbrev;
mod chars;
mod number;
mod scan;
mod sentence;
mod span;
mod suffix;

pub use scan::{tokens, Tokens};
pub use sentence::{sentences, Sentences};
pub use span::{Span, Token, TokenKind};
