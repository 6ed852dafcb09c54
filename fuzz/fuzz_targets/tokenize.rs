//! Fuzzes the tokenizer, the sentence splitter and the normalizer on arbitrary UTF-8.
//!
//! Checks, besides "no panic": token spans tile the input; sentence spans are ordered, on
//! char boundaries and inside the input; normalization is idempotent for every option set,
//! per token and per text.

#![no_main]

use libfuzzer_sys::fuzz_target;
use sozdik_script::{detect_script, NormalizeOptions, Normalizer};
use sozdik_tokenize::{sentences, tokens};

fuzz_target!(|data: &[u8]| {
    let Some((&flags, rest)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(rest) else { return };

    let mut pos = 0;
    for t in tokens(text) {
        assert_eq!(t.span.start, pos, "spans must tile the input");
        assert!(t.span.end > t.span.start && text.is_char_boundary(t.span.end));
        pos = t.span.end;
    }
    assert_eq!(pos, text.len());

    let mut last = 0;
    for s in sentences(text) {
        assert!(s.start >= last && s.end > s.start && s.end <= text.len());
        assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
        last = s.end;
    }

    let b = |i: u8| flags & (1 << i) != 0;
    let options = NormalizeOptions {
        nfc: !b(0),
        invisible: !b(1),
        lookalikes: !b(2),
        mixed_script: !b(3),
        kz1048: !b(4),
        latin_kazakh: !b(5),
        punctuation: !b(6),
        lowercase: b(7),
    };
    let _ = detect_script(text);
    let n = Normalizer::for_document(options, text);
    for t in tokens(text) {
        let w = &text[t.span];
        let once = n.normalize(w);
        assert_eq!(n.normalize(&once), once, "normalize must be idempotent on {w:?}");
    }
    let once = n.normalize_text(text);
    assert_eq!(n.normalize_text(&once), once, "normalize_text must be idempotent");
});
