//! Finding and reading Kazakh corpora, and the structure of a scraped news article.
//!
//! [`discover`] turns the INPUT arguments of the command line (files, folders, `-`
//! for standard input) into a stable, sorted list of [`Source`]s. [`read_text`]
//! reads one source as UTF-8 text with a precise error when it cannot. [`Article`]
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
mod read;

pub use article::Article;
pub use read::{discover, read_text, Discovered, Error, Source};
