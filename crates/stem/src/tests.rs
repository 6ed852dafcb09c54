use super::*;
use proptest::prelude::*;

#[test]
fn tables_parse() {
    assert!(SLOTS.len() >= 6);
    for slot in SLOTS.iter() {
        for e in &slot.endings {
            assert!(!e.text.is_empty() && e.after != 0, "{e:?}");
            assert_eq!(e.text, e.text.to_lowercase());
        }
    }
    assert!(IRREGULAR.len() > 50);
}

/// Every `crates/stem/tests/golden/*.tsv` file: `word<TAB>stem` pairs we wrote, one file per
/// family of endings.
#[test]
fn golden_pairs() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let mut files: Vec<_> = std::fs::read_dir(&dir).expect("golden folder").flatten().map(|e| e.path()).collect();
    files.sort();
    let mut failures = Vec::new();
    let mut n = 0;
    for f in &files {
        for line in std::fs::read_to_string(f).expect("golden file").lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let (word, want) = line.split_once('\t').unwrap_or_else(|| panic!("{}: {line:?}", f.display()));
            n += 1;
            let got = stem(word);
            if got != want {
                failures.push(format!(
                    "{}: stem({word}) = {got}, expected {want}",
                    f.file_name().unwrap().to_string_lossy()
                ));
            }
        }
    }
    assert!(n > 100, "only {n} golden pairs");
    assert!(failures.is_empty(), "{} of {n} golden pairs fail:\n{}", failures.len(), failures.join("\n"));
}

proptest! {
    #[test]
    fn stem_is_never_empty_nor_longer(w in "[а-яәғқңөұүһіА-ЯӘҒҚҢӨҰҮҺІ-]{1,20}") {
        let s = stem(&w);
        prop_assert!(!s.is_empty());
        prop_assert!(s.chars().count() <= w.chars().count() + 1);
    }

    #[test]
    fn no_panic_on_any_string(w in any::<String>()) {
        let s = stem(&w);
        prop_assert!(w.is_empty() || !s.is_empty());
    }
}
