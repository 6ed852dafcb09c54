//! Encoding detection and decoding: never a panic; valid UTF-8 without NUL always
//! decodes to itself; forced encodings and the streaming transcoder agree with
//! whole-buffer decoding.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sozdik_corpus::{decode, detect, read_reader, Encoding, Format, ReadOptions};

fuzz_target!(|data: &[u8]| {
    let detected = detect(data);
    let whole = decode(data.to_vec(), None);
    if let Ok(s) = std::str::from_utf8(data) {
        if !s.contains('\0') {
            let (text, enc) = whole.clone().expect("valid UTF-8 decodes");
            assert_eq!(enc, Encoding::Utf8);
            assert_eq!(text, s.strip_prefix('\u{FEFF}').unwrap_or(s));
            assert_eq!(detected, Encoding::Utf8);
        }
    }
    for e in [Encoding::Windows1251, Encoding::Kz1048] {
        if let Ok((text, got)) = decode(data.to_vec(), Some(e)) {
            assert_eq!(got, e);
            // Single-byte: one character per byte after any BOM-less start.
            assert!(text.chars().count() <= data.len());
        }
    }
    // Reading as a text source goes through the same decoding.
    let opts = ReadOptions { html: sozdik_corpus::Html::Off, ..ReadOptions::default() };
    let read = read_reader(std::io::Cursor::new(data.to_vec()), "f.txt", Format::Text, &opts);
    assert_eq!(read.len(), 1);
    if let (Ok(doc), false) = (&read[0], data.starts_with(&[0x1F, 0x8B])) {
        let (text, enc) = whole.expect("read_reader and decode agree");
        assert_eq!(doc.text, text);
        assert_eq!(doc.encoding, enc);
    }
});
