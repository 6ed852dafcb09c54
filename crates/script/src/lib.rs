//! The Kazakh alphabet, script detection and normalization.
//!
//! Three things live here. First, the letter classes the other stages reason with: vowels
//! by harmony (back а о ұ ы, front ә е ө ү і), and the stem-final consonant class that
//! selects a suffix allomorph ([`final_class`]). Second, document-level detection: the
//! script a text is written in ([`detect_script`]: Cyrillic, Latin-script Kazakh in the
//! 2017, 2018 or 2021 alphabet, other Latin, mixed) and whether it is KZ-1048 text read as
//! Windows-1251 ([`detect_kz1048`]). Third, normalization of tokens and texts with a
//! [`Normalizer`]: NFC, invisible characters, Kazakh letters typed as look-alikes (`ə`→`ә`,
//! `ӊ`→`ң`, `ҡ`→`қ`), mixed-script words (`Қазақстaн` with a Latin `a`), KZ-1048 damage
//! (`ќ`→`қ`), Latin-script Kazakh transliterated to Cyrillic, quote and dash variants folded,
//! lowercasing (Turkic for 2021 Latin). Each step can be turned off in [`NormalizeOptions`]
//! and each is idempotent. A word that needs no change is returned borrowed, so the common
//! case allocates nothing.
//!
//! The letter mappings are data: `data/lookalikes.tsv`, `data/latin-kazakh.tsv`,
//! `data/script-detect.txt`.
//!
//! ```
//! use sozdik_script::{normalize_word, lowercase, Harmony, harmony, NormalizeOptions, Normalizer};
//!
//! assert_eq!(normalize_word("Қазақстaн"), "Қазақстан"); // Latin `a` repaired
//! assert_eq!(normalize_word("Mәселе"), "Мәселе");
//! assert_eq!(normalize_word("Google"), "Google");         // wholly Latin: untouched
//! assert_eq!(lowercase("ҚАЗАҚСТАН"), "қазақстан");
//! assert_eq!(harmony("кітап"), Some(Harmony::Back)); // кітапқа, кітаптар
//! assert_eq!(harmony("мектеп"), Some(Harmony::Front));
//!
//! // Per document: detect, then normalize each token.
//! let doc = "Qazaqstan jäne onyñ halqy üşın bul mañyzdy.";
//! let n = Normalizer::for_document(NormalizeOptions { lowercase: true, ..Default::default() }, doc);
//! assert_eq!(n.profile().script.name(), "latin-kazakh");
//! assert_eq!(n.normalize("Qazaqstan"), "қазақстан");
//! ```

mod alphabet;
mod detect;
mod latin;
mod lookalike;
mod normalize;
mod script;

pub use alphabet::{final_class, harmony, is_cyrillic_letter, is_vowel, vowel_harmony, FinalClass, Harmony};
pub use detect::{detect_kz1048, detect_script, profile, Profile, Script};
pub use latin::{latin_to_cyrillic, lowercase_turkic, LatinAlphabet};
pub use normalize::{
    fold_punctuation, lowercase, normalize_text, normalize_word, strip_invisible, NormalizeOptions, Normalizer,
};
pub use script::{is_cyrillic, is_latin};
