//! Kazakh tokenization with byte spans.
//!
//! [`tokens`] splits a text into [`Token`]s: a [`Span`] of byte offsets into the
//! original text plus a [`TokenKind`]. Spaces are tokens too, so the spans of all
//! tokens are ascending, non-overlapping, on char boundaries, and tile the input:
//! joining `&text[t.span]` for every token gives the text back. Nothing is
//! allocated per token, and plain ASCII and two-byte Cyrillic are scanned byte by byte
//! (a property test checks the byte-level scanner against a `char`-at-a-time one).
//!
//! The rules follow the conventions of the Kazakh UD treebank (which follows the
//! Apertium tokenization):
//!
//! - punctuation is split off, one mark a token (`?!` is two), except runs of dots (`...`);
//! - hyphenated words stay whole: pair words and reduplications (`қарым-қатынас`,
//!   `бір-бірімен`, `сондай-ақ`), names (`Сан-Паулуда`, `әл-Фараби`), acronyms with a suffix
//!   (`ҚР-да`, `БҰҰ-ның`); a lowercase word hyphened to a capitalised name is an apposition
//!   and splits (`ағасы - Эдуард`);
//! - a number, Roman numeral or percentage keeps a hyphenated *suffix* (`2019-ғы`, `55-ші`,
//!   `XX-ғы`, `90%-ға`; the suffixes are in `data/hyphen-suffixes.txt`), but a word after
//!   the hyphen stands alone (`17 - үйде`, `1 - бап`) and so do ranges (`1990 - 1995`);
//! - numbers keep decimal separators and dates (`58,3`, `05.01.2014`, `14:30`), thousands
//!   groups with a no-break or thin space (`1 374`), a percent or degree sign (`67%`,
//!   `18°С`) and the number sign (`№1`); Roman numerals, also typed with Cyrillic Х and І
//!   (`ХХІ`), are numbers, not words;
//! - abbreviations keep their dot: listed ones (`ж.`, `т.б.`, `млн.`, `б.з.б.`, from
//!   `data/abbreviations.txt`), initials (`М.`), dotted letters (`т.ғ.д.`), and short stems
//!   cut after a consonant when a lowercase word follows (`өнд. бірлестігі`); a
//!   sentence-final abbreviation's dot is also the full stop (`т.б.` ends the sentence);
//! - URLs, bare domains, emails, hashtags, @mentions, emoji sequences and phone numbers are
//!   single tokens of their own kinds.
//!
//! [`sentences`] groups tokens into sentences without breaking after abbreviations,
//! initials, list numbers or a quotation followed by a dash (`«...?!» – деді`).
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
