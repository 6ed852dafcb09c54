//! JSONL reading: any bytes give documents or problems, never a panic, and every
//! record problem names a line that exists.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sozdik_corpus::{read_reader, Error, Format, ReadOptions};

fuzz_target!(|data: &[u8]| {
    // A small limit so that the long-record path is exercised too.
    let opts = ReadOptions { max_record_bytes: 256, title_field: Some("title".into()), ..ReadOptions::default() };
    let lines = data.split(|&b| b == b'\n').count() as u64;
    for r in read_reader(std::io::Cursor::new(data.to_vec()), "f.jsonl", Format::Jsonl, &opts) {
        match r {
            Ok(doc) => assert!(!doc.text.trim().is_empty()),
            Err(p) => {
                if let Error::Record { line, .. } = p.error {
                    // Without gzip or transcoding, lines are those of the input.
                    if !data.starts_with(&[0x1F, 0x8B]) && !data.starts_with(&[0xFF, 0xFE]) && !data.starts_with(&[0xFE, 0xFF]) {
                        assert!(line >= 1 && line <= lines, "line {line} of {lines}");
                    }
                }
            }
        }
    }
});
