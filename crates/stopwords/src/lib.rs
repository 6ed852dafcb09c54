//! Kazakh stop words.
//!
//! The built-in list lives in `data/stopwords.txt`, grouped by category
//! (pronouns with their case forms, postpositions, conjunctions, particles,
//! auxiliaries and copulas, the quotative). A [`StopWords`] set is built from it,
//! optionally without some categories, or from a user's own file. Lookup takes a
//! normalized lowercase `&str` and allocates nothing.
//!
//! ```
//! use sozdik_stopwords::StopWords;
//!
//! let sw = StopWords::builtin();
//! assert!(sw.contains("және"));
//! assert!(sw.contains("маған"));
//! assert!(!sw.contains("мемлекет"));
//! let journalism = StopWords::builtin_without(&["auxiliaries"]).unwrap();
//! assert!(!journalism.contains("болды"));
//! ```

use std::fmt;
use std::sync::LazyLock;

use hashbrown::HashSet;

const BUILTIN: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/stopwords.txt"));

/// One entry of a stop-word file: the word and the category it was listed under.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry<'a> {
    /// The stop word.
    pub word: &'a str,
    /// The `[category]` it is listed under (empty before the first header).
    pub category: &'a str,
    /// Whether the category is optional (off unless asked for).
    pub optional: bool,
}

/// Parses a stop-word file: `#` comments, `[category]` headers (`[name optional]` for
/// a category that is off by default), one word a line.
pub fn parse(text: &str) -> impl Iterator<Item = Entry<'_>> {
    let mut category = "";
    let mut optional = false;
    text.lines().filter_map(move |line| {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            return None;
        }
        if let Some(head) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            let mut parts = head.split_whitespace();
            category = parts.next().unwrap_or("");
            optional = parts.any(|p| p == "optional");
            return None;
        }
        Some(Entry { word: line, category, optional })
    })
}

/// A set of stop words.
#[derive(Clone, Default)]
pub struct StopWords {
    words: HashSet<Box<str>>,
}

impl fmt::Debug for StopWords {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StopWords").field("len", &self.words.len()).finish()
    }
}

/// A category name that the built-in list does not have.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownCategory(pub String);

impl fmt::Display for UnknownCategory {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown stop-word category {:?} (known: {})", self.0, categories().join(", "))
    }
}

impl std::error::Error for UnknownCategory {}

static BUILTIN_SET: LazyLock<StopWords> = LazyLock::new(|| StopWords::builtin_without(&[]).expect("no exclusions"));

/// The built-in entries, in file order.
pub fn builtin_entries() -> impl Iterator<Item = Entry<'static>> {
    parse(BUILTIN)
}

/// The category names of the built-in list, in file order.
pub fn categories() -> Vec<&'static str> {
    let mut cats: Vec<&str> = Vec::new();
    for e in builtin_entries() {
        if !cats.contains(&e.category) {
            cats.push(e.category);
        }
    }
    cats
}

impl StopWords {
    /// The built-in list with its default categories (optional ones left out).
    pub fn builtin() -> StopWords {
        BUILTIN_SET.clone()
    }

    /// The built-in list without the named categories.
    pub fn builtin_without(exclude: &[&str]) -> Result<StopWords, UnknownCategory> {
        Self::builtin_with(exclude, &[])
    }

    /// The built-in list without the categories in `exclude`, plus the optional ones in `include`.
    pub fn builtin_with(exclude: &[&str], include: &[&str]) -> Result<StopWords, UnknownCategory> {
        let known = categories();
        for c in exclude.iter().chain(include) {
            if !known.contains(c) {
                return Err(UnknownCategory(c.to_string()));
            }
        }
        let words = builtin_entries()
            .filter(|e| !exclude.contains(&e.category) && (!e.optional || include.contains(&e.category)))
            .map(|e| Box::from(e.word))
            .collect();
        Ok(StopWords { words })
    }

    /// A set from the text of a stop-word file (every category included).
    pub fn from_text(text: &str) -> StopWords {
        StopWords { words: parse(text).map(|e| Box::from(e.word)).collect() }
    }

    /// Whether `word` (normalized and lowercase) is a stop word.
    pub fn contains(&self, word: &str) -> bool {
        self.words.contains(word)
    }

    /// The number of words in the set.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// Whether the set is empty.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_file_is_clean() {
        let mut seen = std::collections::HashMap::new();
        for e in builtin_entries() {
            assert!(!e.category.is_empty(), "{} has no category", e.word);
            // Conjunction мен and pronoun мен are one string in two categories; that is fine,
            // but a word twice in one category is a mistake.
            assert!(seen.insert((e.category, e.word), ()).is_none(), "{} twice in [{}]", e.word, e.category);
            assert_eq!(e.word, e.word.to_lowercase(), "{} is not lowercase", e.word);
            assert!(!e.word.chars().any(|c| c.is_ascii_alphabetic()), "{} has a Latin letter", e.word);
            assert!(!e.word.contains(char::is_whitespace), "{:?} has white space", e.word);
            // Kazakh Cyrillic letters are precomposed: a character outside the block (a
            // combining mark, a Latin look-alike) means the entry is not NFC Kazakh.
            assert!(
                e.word.chars().all(|c| ('\u{0400}'..='\u{04FF}').contains(&c) || c == '-'),
                "{:?} is not plain NFC Cyrillic",
                e.word
            );
        }
        let default = StopWords::builtin();
        assert!(default.len() >= 300, "only {} default stop words", default.len());
        assert!(!default.contains("бір"), "numerals are optional");
        assert!(StopWords::builtin_with(&[], &["numerals"]).unwrap().contains("бір"));
        for content in ["жақсы", "адам", "жыл", "кісі", "мемлекет", "қазақстан"] {
            assert!(!default.contains(content), "{content} is a content word");
        }
    }

    #[test]
    fn exclusion_and_errors() {
        let sw = StopWords::builtin_without(&["quotative"]).unwrap();
        assert!(!sw.contains("деп"));
        assert!(sw.contains("және"));
        assert!(StopWords::builtin_without(&["nouns"]).is_err());
    }

    #[test]
    fn custom_file() {
        let sw = StopWords::from_text("# mine\nсөз\n[x]\nтағы\n");
        assert!(sw.contains("сөз") && sw.contains("тағы") && sw.len() == 2);
    }
}
