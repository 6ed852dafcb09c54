//! Normalization rules, one table per rule, with words written for these tests.

use super::*;
use proptest::prelude::*;

fn check(n: &Normalizer, cases: &[(&str, &str)]) {
    for (from, to) in cases {
        assert_eq!(n.normalize(from), *to, "normalize({from:?}) with {:?}", n.profile());
    }
}

const N: Normalizer = Normalizer::new(NormalizeOptions::DEFAULT);

#[test]
fn invisible_characters_and_nfc() {
    check(
        &N,
        &[
            ("сөз\u{00AD}дік", "сөздік"),
            ("бі\u{200B}лім\u{FEFF}", "білім"),
            ("\u{200E}Алматы\u{200F}", "Алматы"),
            // stress marks on Cyrillic go; a decomposed 2018 Latin letter composes
            ("а\u{0301}на", "ана"),
            ("Qazaqsta\u{0301}n", "Qazaqstán"),
            ("а\u{0308}\u{0301}", "ӓ"),
            // the KZ-1048 stand-in ќ is precomposed after NFC and is not a stress mark
            ("к\u{0301}", "ќ"),
        ],
    );
}

#[test]
fn kazakh_letters_typed_as_lookalikes() {
    check(
        &N,
        &[
            ("таӊ", "таң"),
            ("ҡала", "қала"),
            ("ӏлім", "ілім"),
            ("ӺЫЛЫМ", "ҒЫЛЫМ"),
            ("əдебиет", "әдебиет"),
            ("Өнɵр", "Өнөр"),
            ("бiлiм", "білім"),
            ("бıлім", "білім"),
        ],
    );
}

#[test]
fn mixed_script_words() {
    check(
        &N,
        &[
            ("Қазақстaн", "Қазақстан"),
            ("ҚAЗAҚ", "ҚАЗАҚ"),
            ("Mәселе", "Мәселе"),
            ("Gооgle", "Google"),
            ("Microsоft", "Microsoft"),
            ("XXІ", "XXI"),
            ("ХХI", "ХХІ"),
            // wholly Latin or wholly Cyrillic: untouched
            ("Google", "Google"),
            ("inbusiness", "inbusiness"),
            ("Azərbaycan", "Azərbaycan"),
            ("Ayca", "Ayca"),
            ("ХХІ", "ХХІ"),
            // neither way single-script: the minority letters with a twin follow the majority
            ("Qазақстaн", "Qазақстан"),
            // URLs and emails are not words
            ("https://kk.wikipedia.org/wiki/Абай", "https://kk.wikipedia.org/wiki/Абай"),
        ],
    );
}

#[test]
fn punctuation_folds() {
    check(&N, &[("«", "\""), ("»", "\""), ("“", "\""), ("—", "-"), ("–", "-"), ("…", "..."), ("О’Брайен", "О'Брайен")]);
    assert_eq!(fold_punctuation("«Ақорда» — 2019‑2020…"), "\"Ақорда\" - 2019-2020...");
    let keep = Normalizer::new(NormalizeOptions { punctuation: false, ..NormalizeOptions::default() });
    check(&keep, &[("«", "«"), ("О’Брайен", "О’Брайен")]);
}

#[test]
fn kz1048_repair_only_in_detected_documents() {
    let text = "Ќазаќстан Республикасыныѕ мемлекеттік тілі - ќазаќ тілі. Ўлттыќ ћаќында.";
    let n = Normalizer::for_document(NormalizeOptions::default(), text);
    assert!(n.profile().kz1048);
    check(
        &n,
        &[
            ("Ќазаќстан", "Қазақстан"),
            ("Республикасыныѕ", "Республикасының"),
            ("Ўлттыќ", "Ұлттық"),
            ("ћаќында", "һақында"),
        ],
    );
    assert_eq!(n.normalize_text(text), "Қазақстан Республикасының мемлекеттік тілі - қазақ тілі. Ұлттық һақында.");
    // a Macedonian or Ukrainian text is left alone
    let n = Normalizer::for_document(NormalizeOptions::default(), "Ќе дојдам утре. Україна є.");
    assert!(!n.profile().kz1048);
    check(&n, &[("Ќе", "Ќе"), ("є", "є")]);
    // the step can be turned off
    let off = Normalizer::for_document(NormalizeOptions { kz1048: false, ..Default::default() }, text);
    check(&off, &[("Ќазаќстан", "Ќазаќстан")]);
}

#[test]
fn latin_kazakh_documents_are_transliterated() {
    let text = "Qazaqstan Respublikasy jäne onyñ halqy üşın bul mañyzdy. Google, https://egov.kz.";
    let n = Normalizer::for_document(NormalizeOptions::default(), text);
    assert_eq!(n.profile().script, Script::LatinKazakh(LatinAlphabet::Y2021));
    check(
        &n,
        &[
            ("Qazaqstan", "Қазақстан"),
            ("üşın", "үшін"),
            ("Windows", "Windows"),
            ("egov.kz", "egov.kz"),
            ("2019", "2019"),
        ],
    );
    let lower = Normalizer::for_document(NormalizeOptions { lowercase: true, ..Default::default() }, text);
    check(&lower, &[("Qazaqstan", "қазақстан"), ("ISTI", "істі")]);
    // with transliteration off, 2021 Latin lowercases with Turkic i
    let latin =
        Normalizer::for_document(NormalizeOptions { lowercase: true, latin_kazakh: false, ..Default::default() }, text);
    check(&latin, &[("Qazaqstan", "qazaqstan"), ("ISTI", "ıstı"), ("İNE", "ine")]);
    // English text is not touched
    let en = Normalizer::for_document(NormalizeOptions::default(), "The Republic of Kazakhstan is a country.");
    assert_eq!(en.profile().script, Script::LatinOther);
    check(&en, &[("Republic", "Republic"), ("Kazakhstan", "Kazakhstan")]);
}

#[test]
fn lowercasing() {
    for (w, l) in [
        ("ҚАЗАҚСТАН", "қазақстан"),
        ("Өкінбейді", "өкінбейді"),
        ("ЁЛКА", "ёлка"),
        ("Google", "google"),
        ("ΣΟΦΟΣ", "σοφος"),
    ] {
        assert_eq!(lowercase(w), l, "{w}");
    }
    assert!(matches!(lowercase("қазақ"), Cow::Borrowed(_)));
    let n = Normalizer::new(NormalizeOptions { lowercase: true, ..Default::default() });
    check(&n, &[("ҚAЗAҚ", "қазақ"), ("İstanbul", "i\u{0307}stanbul")]);
}

#[test]
fn borrowed_when_clean() {
    for w in ["қазақ", "2019", "ҰҚШҰ-ның", "Google", "т.б.", "«"] {
        if w == "«" {
            continue;
        }
        assert!(matches!(normalize_word(w), Cow::Borrowed(_)), "{w}");
    }
    let off = Normalizer::new(NormalizeOptions::NONE);
    for w in ["Қазақстaн", "«", "таӊ", "сөз\u{00AD}дік"] {
        assert!(matches!(off.normalize(w), Cow::Borrowed(_)), "{w}");
    }
}

#[test]
fn folding_does_not_move_word_boundaries() {
    // Found by the fuzzer: ‛ folds to ', which joins the words around it on a second pass.
    let text = "Qazaqstan Respy'bli'kasy ja'ne. egovRRRRRRB‛RRRRRа\u{65c}";
    let n = Normalizer::for_document(NormalizeOptions::default(), text);
    let once = n.normalize_text(text);
    assert_eq!(n.normalize_text(&once), once);
    // Also found by the fuzzer: a final 2017 apostrophe is eaten by transliteration.
    let text = "Qazaqstan Respy'bli'kasy ja'ne. RRRzay'''com zay'' a'b";
    let n = Normalizer::for_document(NormalizeOptions::default(), text);
    let once = n.normalize_text(text);
    assert_eq!(n.normalize_text(&once), once);
    for c in ['\'', '’', 'ʼ', '`', '´', '‘', '‛', '′'] {
        assert!(is_apostrophe(c));
        let s = c.to_string();
        assert!(fold_punctuation(&s) == "'" || c == '\'', "{c} should fold to '");
    }
}

#[test]
fn text_keeps_lines() {
    assert_eq!(normalize_text("Қазақстaн\u{00A0}елі\nжәне", false), "Қазақстан елі\nжәне");
    assert_eq!(normalize_text("ҚАЗАҚ TIлі", true), "қазақ тілі");
    assert_eq!(normalize_text("«Ақорда» — О’Брайен…", false), "\"Ақорда\" - О'Брайен...");
    let text = "Qazaqstan Respy'bli'kasy ja'ne onyn' xalqy. Tan' atty.";
    let n = Normalizer::for_document(NormalizeOptions::default(), text);
    assert_eq!(n.profile().script, Script::LatinKazakh(LatinAlphabet::Y2017));
    assert_eq!(n.normalize_text(text), "Қазақстан Республикасы және оның xalqy. Таң атты.");
}

pub(crate) fn kazakhish() -> impl Strategy<Value = String> {
    let chars = prop::sample::select(vec![
        'а', 'ә', 'ғ', 'қ', 'ң', 'ө', 'ұ', 'ү', 'һ', 'і', 'Қ', 'А', 'І', 'Х', 'о', 'с', 'a', 'e', 'o', 'i', 'I', 'İ',
        'ı', 'q', 'Q', 'ä', 'ñ', 'ş', 'ș', 'á', 'ǵ', 'ý', 'ə', 'ӊ', 'ҡ', 'ɵ', 'Ӏ', 'ќ', 'ѕ', 'ј', 'Ќ', 'ё', 'ë',
        '\u{00AD}', '\u{200B}', '\u{0301}', '\u{0308}', '\u{0306}', '\u{00A0}', ' ', '-', '.', '\'', '’', '«', '—',
        '…', '1', 'x', 'Z', 'é', 'ü', 'Σ', 'ß', '\n', '\u{0482}', '\u{0483}', '`', '‛', '′', 'R', '\u{065C}',
    ]);
    prop::collection::vec(chars, 0..24).prop_map(|v| v.into_iter().collect())
}

fn profiles() -> impl Strategy<Value = Profile> {
    let scripts = prop::sample::select(vec![
        Script::Cyrillic,
        Script::LatinKazakh(LatinAlphabet::Y2017),
        Script::LatinKazakh(LatinAlphabet::Y2018),
        Script::LatinKazakh(LatinAlphabet::Y2021),
        Script::LatinOther,
        Script::Mixed,
    ]);
    (scripts, any::<bool>()).prop_map(|(script, kz1048)| Profile { script, kz1048 })
}

fn options() -> impl Strategy<Value = NormalizeOptions> {
    prop::array::uniform8(any::<bool>()).prop_map(|b| NormalizeOptions {
        nfc: b[0],
        invisible: b[1],
        lookalikes: b[2],
        mixed_script: b[3],
        kz1048: b[4],
        latin_kazakh: b[5],
        punctuation: b[6],
        lowercase: b[7],
    })
}

proptest! {
    #[test]
    fn word_normalization_is_idempotent(s in kazakhish(), p in profiles(), o in options()) {
        let n = Normalizer::with_profile(o, p);
        let once = n.normalize(&s).into_owned();
        prop_assert_eq!(n.normalize(&once), once.as_str());
    }

    #[test]
    fn default_word_normalization_is_idempotent(s in kazakhish()) {
        let once = normalize_word(&s).into_owned();
        prop_assert_eq!(normalize_word(&once), once.as_str());
    }

    #[test]
    fn text_normalization_is_idempotent(s in kazakhish(), p in profiles(), o in options()) {
        let n = Normalizer::with_profile(o, p);
        let once = n.normalize_text(&s);
        prop_assert_eq!(n.normalize_text(&once), once);
    }

    #[test]
    fn fast_path_equals_general_path(s in kazakhish(), p in profiles(), o in options()) {
        let n = Normalizer::with_profile(o, p);
        if n.is_clean(&s) {
            let want = if o.lowercase { n.lower(&s) } else { Cow::Borrowed(s.as_str()) };
            prop_assert_eq!(n.normalize_general(&s), want);
        }
    }

    #[test]
    fn normalize_equals_general_path(s in kazakhish(), p in profiles(), o in options()) {
        let n = Normalizer::with_profile(o, p);
        prop_assert_eq!(n.normalize(&s), n.normalize_general(&s));
    }

    #[test]
    fn normalize_into_equals_normalize(s in kazakhish(), t in "[\u{0400}-\u{04FF}a-zA-Z]{1,8}", p in profiles(), o in options()) {
        let n = Normalizer::with_profile(o, p);
        // A buffer that already holds a longer word, as when it is reused.
        let mut buf = String::from("алдыңғы-сөздің-ұзын-түрі");
        for w in [&s, &t] {
            let want = n.normalize(w).into_owned();
            prop_assert_eq!(n.normalize_into(w, &mut buf), want.as_str());
        }
    }

    #[test]
    fn normalize_equals_general_path_on_cyrillic_block(s in "[\u{0400}-\u{04FF}a-zA-Z0-9`-]{1,8}", p in profiles(), o in options()) {
        let n = Normalizer::with_profile(o, p);
        prop_assert_eq!(n.normalize(&s), n.normalize_general(&s));
    }

    #[test]
    fn fast_path_on_any_cyrillic_block_word(s in "[\u{0400}-\u{04FF}a-zA-Z0-9`-]{1,8}", p in profiles()) {
        let n = Normalizer::with_profile(NormalizeOptions::default(), p);
        if n.is_clean(&s) {
            prop_assert_eq!(n.normalize_general(&s), s.as_str());
        }
    }

    #[test]
    fn word_len_fast_equals_general(s in kazakhish(), final_apostrophe in any::<bool>()) {
        for (i, _) in s.char_indices() {
            prop_assert_eq!(word_len(&s[i..], final_apostrophe), word_len_general(&s[i..], final_apostrophe));
        }
    }

    #[test]
    fn lowercase_equals_std(s in "[\u{0400}-\u{04FF}a-zA-Z0-9 ΣİI-]{0,12}") {
        prop_assert_eq!(lowercase(&s), s.to_lowercase());
    }

    #[test]
    fn no_panic_on_any_string(s in any::<String>(), p in profiles()) {
        let n = Normalizer::with_profile(NormalizeOptions { lowercase: true, ..Default::default() }, p);
        let _ = n.normalize_text(&s);
        let _ = n.normalize(&s);
        let _ = crate::detect_script(&s);
        let _ = crate::detect_kz1048(&s);
    }
}
