//! Finding and reading Kazakh corpora, and the structure of a scraped news article.
//!
//! [`discover_with`] turns the INPUT arguments of the command line (files, folders,
//! `-` for standard input) into a stable, sorted list of [`Source`]s, each with its
//! [`Format`]: plain text, JSONL or CSV/TSV, any of them gzip-compressed. [`Units`]
//! cuts the sources into units of work in input order, and [`Unit::read`] turns a
//! unit into [`Document`]s, decoding each from UTF-8, UTF-16, windows-1251 or KZ-1048
//! ([`Encoding`], detected or forced), stripping HTML left in by scrapers, and
//! returning a [`Problem`] with a precise reason for every file or record it cannot
//! read. Large JSONL and CSV files are streamed, one batch of records at a time, so
//! that a caller can count the records of one file in parallel; on request, so are
//! large text files, in [`Piece`]s cut at line ends. [`fingerprint()`] finds
//! exact duplicates. [`Article`]
//! recognizes the shape of a scraped article: a title line, a view-count line, the
//! body (where the title may be repeated once), the author's name and a
//! subscription footer. Title, views and author become metadata; the repeated title
//! and the footer are not body text. A text without this shape is all body.
//!
//! ```
//! use sozdik_corpus::Article;
//!
//! let text = "Тақырып\n\n1493\n\nМәтін бірінші.\n\nТақырып\n\nМәтін екінші.\n\nДәурен Ерболат\n\nTelegram\nЖазылу\n";
//! let a = Article::parse(text);
//! assert_eq!(a.title(text), Some("Тақырып"));
//! assert_eq!(a.views, Some(1493));
//! assert_eq!(a.author(text), Some("Дәурен Ерболат"));
//! let body: Vec<&str> = a.body.iter().map(|r| &text[r.clone()]).collect();
//! assert_eq!(body, ["Тақырып", "Мәтін бірінші.", "Мәтін екінші."]);
//! ```

mod article;
mod encoding;
mod error;
mod fingerprint;
mod html;
mod read;
mod source;

pub use article::{corpus_lines, Article};
pub use encoding::{decode, detect, DecodeError, Encoding};
pub use error::{Error, Problem};
pub use fingerprint::{fingerprint, Fingerprint};
pub use html::{looks_like_html, strip_html, Html};
pub use read::{
    read_reader, read_text, Document, Loaded, Piece, ReadOptions, Records, Unit, Units, DEFAULT_MAX_RECORD_BYTES,
    DEFAULT_STREAM_BYTES,
};
pub use source::{discover, discover_with, Discovered, Format, Source};
