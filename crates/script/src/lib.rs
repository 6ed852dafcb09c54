//! The Kazakh alphabet and word normalization.
//!
//! Two things live here. First, the letter classes the other stages reason with:
//! vowels by harmony (back а о ұ ы, front ә е ө ү і), and the stem-final consonant
//! class that selects a suffix allomorph ([`final_class`]). Second, normalization of
//! a single word or a whole text: NFC, invisible and format characters removed,
//! Kazakh letters typed as look-alikes repaired (`ə`→`ә`, `ӊ`→`ң`, `ҡ`→`қ`), Latin
//! homoglyphs inside Cyrillic words repaired (`Қазақстaн` with a Latin `a`), and
//! lowercasing. Every step is idempotent, and a word that needs no change is
//! returned borrowed, so the common case allocates nothing.
//!
//! The letter mappings are data, in `data/lookalikes.tsv`.
//!
//! ```
//! use sozdik_script::{normalize_word, lowercase, Harmony, harmony};
//!
//! assert_eq!(normalize_word("Қазақстaн"), "Қазақстан"); // Latin `a` repaired
//! assert_eq!(normalize_word("Mәселе"), "Мәселе");
//! assert_eq!(normalize_word("Google"), "Google");         // wholly Latin: untouched
//! assert_eq!(lowercase("ҚАЗАҚСТАН"), "қазақстан");
//! assert_eq!(harmony("кітап"), Some(Harmony::Back)); // кітапқа, кітаптар
//! assert_eq!(harmony("мектеп"), Some(Harmony::Front));
//! ```

mod alphabet;
mod lookalike;
mod normalize;

pub use alphabet::{final_class, harmony, is_cyrillic_letter, is_vowel, vowel_harmony, FinalClass, Harmony};
pub use normalize::{lowercase, normalize_text, normalize_word, strip_invisible};
