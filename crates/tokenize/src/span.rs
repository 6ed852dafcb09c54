//! Spans and tokens.

use std::ops::{Index, Range};

/// A half-open range of byte offsets into the text a token came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Span {
    /// Offset of the first byte.
    pub start: usize,
    /// Offset one past the last byte.
    pub end: usize,
}

impl Span {
    /// The span `start..end`.
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// Whether the span covers no bytes.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
}

impl From<Range<usize>> for Span {
    fn from(r: Range<usize>) -> Span {
        Span::new(r.start, r.end)
    }
}

impl Index<Span> for str {
    type Output = str;
    #[inline]
    fn index(&self, span: Span) -> &str {
        &self[span.start..span.end]
    }
}

/// So that `line[t.span]` works on an owned line too.
impl Index<Span> for String {
    type Output = str;
    #[inline]
    fn index(&self, span: Span) -> &str {
        &self[span.start..span.end]
    }
}

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum TokenKind {
    /// Letters, possibly joined by hyphens or apostrophes: `сондай-ақ`, `ҰҚШҰ-ның`.
    Word,
    /// Digits, with decimal or thousands separators and a hyphenated suffix (`58,3`, `2019-ғы`,
    /// `1 374` with a no-break space), or a Roman numeral (`XXI`, also typed `ХХІ`).
    Number,
    /// An abbreviation with its dot: `т.б.`, `ж.`, an initial `М.`.
    Abbrev,
    /// A URL or bare domain: `https://egov.kz`, `inbusiness.kz`.
    Url,
    /// An email address.
    Email,
    /// `#хэштег`
    Hashtag,
    /// `@mention`
    Mention,
    /// An emoji (with its modifiers and joiners).
    Emoji,
    /// A phone number: `+7 701 123 45 67`, `8 (7172) 55-66-77`.
    Phone,
    /// Punctuation: `.`, `«`, `—`, `...`.
    Punct,
    /// Any other symbol: `%`, `+`, `$`.
    Symbol,
    /// White space, line breaks included.
    Space,
}

impl TokenKind {
    /// The lowercase name used in reports and TSV output.
    pub fn name(self) -> &'static str {
        match self {
            TokenKind::Word => "word",
            TokenKind::Number => "number",
            TokenKind::Abbrev => "abbrev",
            TokenKind::Url => "url",
            TokenKind::Email => "email",
            TokenKind::Hashtag => "hashtag",
            TokenKind::Mention => "mention",
            TokenKind::Emoji => "emoji",
            TokenKind::Phone => "phone",
            TokenKind::Punct => "punct",
            TokenKind::Symbol => "symbol",
            TokenKind::Space => "space",
        }
    }
}

/// A token: where it is and what it is. The text is `&source[token.span]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Token {
    /// Byte offsets into the source text.
    pub span: Span,
    /// What the token is.
    pub kind: TokenKind,
}
